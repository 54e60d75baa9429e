// wijzer scoring: pure functions that turn answers into dimension scores and
// bands. Used by the questionnaire pages and, in Node, by the scoring tests.
// Rules (the same as the printed scoring key):
// - a Likert answer counts as its value; reverse-keyed: (min + max) - value;
// - a choice answer counts as the score of the chosen option;
// - "na" (weet ik niet / n.v.t.), an empty or an invalid answer is missing;
// - a dimension's score is the mean of its answered items, or null when
//   fewer than min_answered items were answered;
// - a band covers [from, to); the last band also includes its `to`.
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.WijzerScoring = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /** The score of one item's answer, or null when it does not count. */
  function itemScore(item, answer) {
    if (answer === undefined || answer === null || answer === "" || answer === "na") return null;
    if (item.kind === "likert") {
      var value = Number(answer);
      if (!Number.isInteger(value) || value < item.min || value > item.max) return null;
      return item.reverse ? item.min + item.max - value : value;
    }
    if (item.kind === "choice") {
      var index = Number(answer);
      if (!Number.isInteger(index) || index < 0 || index >= item.scores.length) return null;
      return item.scores[index];
    }
    return null;
  }

  /** The index of the band that holds `score`, or null. */
  function bandIndex(bands, score) {
    if (score === null || score === undefined) return null;
    for (var i = 0; i < bands.length; i += 1) {
      var last = i === bands.length - 1;
      if (score >= bands[i].from && (score < bands[i].to || (last && score <= bands[i].to))) return i;
    }
    return null;
  }

  /**
   * Scores every dimension of `definition` (as embedded in the page) for
   * `answers` (item id -> answer string).
   */
  function score(definition, answers) {
    var byId = Object.create(null);
    definition.items.forEach(function (item) {
      byId[item.id] = item;
    });
    return definition.dimensions.map(function (dimension) {
      var sum = 0;
      var answered = 0;
      dimension.items.forEach(function (id) {
        var item = byId[id];
        var value = item ? itemScore(item, Object.prototype.hasOwnProperty.call(answers, id) ? answers[id] : undefined) : null;
        if (value !== null) {
          sum += value;
          answered += 1;
        }
      });
      var enough = answered >= dimension.min_answered && answered > 0;
      var mean = enough ? sum / answered : null;
      return {
        id: dimension.id,
        score: mean,
        answered: answered,
        items: dimension.items.length,
        band: bandIndex(dimension.bands, mean),
      };
    });
  }

  return { itemScore: itemScore, bandIndex: bandIndex, score: score };
});
