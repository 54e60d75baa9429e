// wijzer results: pure functions on questionnaire results, shared by the
// questionnaire pages, the group profile and the reflection report, and
// tested in Node. Nothing here touches the page, storage or the network.
//
// - checks of stored and exported results (never trust a file);
// - reading one participant's export file for a group profile;
// - the group profile: mean, spread and distribution per dimension, and the
//   items the group disagrees on most, only from a minimum group size;
// - share links, which carry a result in the URL fragment;
// - the reflection report as Markdown.
(function (root, factory) {
  "use strict";
  var api = factory(root.WijzerScoring || (typeof require === "function" ? require("./scoring.js") : null));
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.WijzerResults = api;
})(typeof self !== "undefined" ? self : this, function (scoring) {
  "use strict";

  var FORMAT = "wijzer-results";
  var FORMAT_VERSION = 1;
  var ID_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;
  /** The fragment key of a share link: `#resultaat=...`. */
  var SHARE_KEY = "resultaat=";
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
  var UNANSWERED = "-";
  var NOT_APPLICABLE = "_";
  /** Below this many participants a group profile shows only the count. */
  var DEFAULT_MIN_GROUP_SIZE = 5;

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // ------------------------------------------------------------- validation

  function validAnswers(answers) {
    if (!isPlainObject(answers)) return false;
    return Object.keys(answers).every(function (key) {
      return ID_PATTERN.test(key) && typeof answers[key] === "string" && answers[key].length <= 10000;
    });
  }

  function validScores(scores) {
    return (
      Array.isArray(scores) &&
      scores.every(function (s) {
        return (
          isPlainObject(s) &&
          typeof s.id === "string" &&
          ID_PATTERN.test(s.id) &&
          (s.score === null || (typeof s.score === "number" && isFinite(s.score))) &&
          (s.band === null || Number.isInteger(s.band)) &&
          Number.isInteger(s.answered)
        );
      })
    );
  }

  function validAttempt(attempt) {
    return (
      isPlainObject(attempt) &&
      Number.isInteger(attempt.version) &&
      attempt.version > 0 &&
      typeof attempt.date === "string" &&
      !isNaN(Date.parse(attempt.date)) &&
      validAnswers(attempt.answers) &&
      validScores(attempt.scores)
    );
  }

  /** Whether `answer` is a possible answer to `item` of the current version. */
  function answerFits(item, answer) {
    if (item.kind === "open") return true;
    if (answer === "na") return item.not_applicable !== null && item.not_applicable !== undefined;
    return item.choices.some(function (choice) {
      return choice.value === answer;
    });
  }

  /** Whether every answer of `answers` belongs to an item of `def` and fits it. */
  function answersFit(def, answers) {
    return Object.keys(answers).every(function (id) {
      var item = itemById(def, id);
      return item !== null && answerFits(item, answers[id]);
    });
  }

  function itemById(def, id) {
    for (var i = 0; i < def.items.length; i += 1) {
      if (def.items[i].id === id) return def.items[i];
    }
    return null;
  }

  /** An attempt of the current version with its scores computed again. */
  function rescored(def, date, answers) {
    return { version: def.version, date: date, answers: answers, scores: scoring.score(def, answers) };
  }

  /** The attempt without its open answers. */
  function withoutReflections(def, attempt) {
    var answers = {};
    Object.keys(attempt.answers).forEach(function (id) {
      var item = itemById(def, id);
      if (item && item.kind !== "open") answers[id] = attempt.answers[id];
    });
    return { version: attempt.version, date: attempt.date, answers: answers, scores: attempt.scores };
  }

  // ------------------------------------------------------- export for groups

  /**
   * The file a participant hands to a facilitator: the latest attempt of the
   * current version only, and open answers only when `withReflections`.
   */
  function groupExport(def, attempt, siteId, withReflections, now) {
    var shared = withReflections ? attempt : withoutReflections(def, attempt);
    var assessments = {};
    assessments[def.id] = { title: def.title, version: def.version, attempts: [shared] };
    return {
      format: FORMAT,
      format_version: FORMAT_VERSION,
      site: siteId,
      exported: now,
      purpose: "group",
      reflections_shared: withReflections === true,
      assessments: assessments,
    };
  }

  /**
   * Reads one participant's export file for the group profile of `def`.
   * Returns {participant: {date, answers, scores, reflections}} or
   * {problem: code, detail}: "not_json", "wrong_format", "other_site",
   * "absent" (no result of this questionnaire), "other_version" (detail:
   * the versions found), "invalid".
   */
  function readParticipant(data, def, siteId) {
    if (!isPlainObject(data) || data.format !== FORMAT || data.format_version !== FORMAT_VERSION || !isPlainObject(data.assessments)) {
      return { problem: "wrong_format" };
    }
    if (data.site !== siteId) return { problem: "other_site" };
    if (!own(data.assessments, def.id)) return { problem: "absent" };
    var entry = data.assessments[def.id];
    if (!isPlainObject(entry) || !Array.isArray(entry.attempts) || !entry.attempts.every(validAttempt)) {
      return { problem: "invalid" };
    }
    var current = entry.attempts.filter(function (a) {
      return a.version === def.version;
    });
    if (current.length === 0) {
      var versions = entry.attempts.map(function (a) {
        return a.version;
      });
      return { problem: versions.length > 0 ? "other_version" : "absent", detail: versions.join(", ") };
    }
    current.sort(function (a, b) {
      return Date.parse(a.date) - Date.parse(b.date);
    });
    var latest = current[current.length - 1];
    if (!answersFit(def, latest.answers)) return { problem: "invalid" };
    // Open answers count only when the participant chose to share them.
    var shared = data.reflections_shared === true;
    var closed = withoutReflections(def, latest).answers;
    var reflections = {};
    if (shared) {
      def.items.forEach(function (item) {
        var text = item.kind === "open" && own(latest.answers, item.id) ? latest.answers[item.id].trim() : "";
        if (text !== "") reflections[item.id] = text;
      });
    }
    var attempt = rescored(def, latest.date, closed);
    return { participant: { date: attempt.date, answers: closed, scores: attempt.scores, reflections: reflections } };
  }

  /** Parses the text of an export file; {data} or {problem: "not_json"}. */
  function parseFile(text) {
    try {
      return { data: JSON.parse(text) };
    } catch (e) {
      return { problem: "not_json" };
    }
  }

  /** A participant's identity for spotting the same file dropped twice. */
  function fingerprint(participant) {
    var ids = Object.keys(participant.answers).sort();
    return participant.date + "|" + ids.map(function (id) {
      return id + "=" + participant.answers[id];
    }).join("&");
  }

  // ----------------------------------------------------------- group profile

  function mean(values) {
    var sum = 0;
    values.forEach(function (v) {
      sum += v;
    });
    return sum / values.length;
  }

  /** Sample standard deviation (n - 1); null for fewer than two values. */
  function spread(values) {
    if (values.length < 2) return null;
    var m = mean(values);
    var squares = 0;
    values.forEach(function (v) {
      squares += (v - m) * (v - m);
    });
    return Math.sqrt(squares / (values.length - 1));
  }

  /**
   * Count, mean and spread. No lowest and highest: with those, a
   * participant of a small group could work out the others' scores.
   */
  function summary(values) {
    return { n: values.length, mean: mean(values), sd: spread(values) };
  }

  /**
   * An item's answer as a number, as the participant chose it: the position
   * of a poles answer, the value of a Likert answer (before reverse
   * keying, so it matches the answer counts), the score of a choice;
   * null for n.v.t. or no answer.
   */
  function itemValue(item, answer) {
    if (item.kind === "poles" || item.kind === "likert") {
      var value = Number(answer);
      var range = itemRange(item);
      return answer !== "" && Number.isInteger(value) && value >= range.min && value <= range.max ? value : null;
    }
    return scoring.itemScore(item, answer);
  }

  /** Lowest and highest value an item's answers can have. */
  function itemRange(item) {
    if (item.kind === "poles") return { min: 1, max: item.choices.length };
    if (item.kind === "choice") return { min: Math.min.apply(null, item.scores), max: Math.max.apply(null, item.scores) };
    return { min: item.min, max: item.max };
  }

  function dimensionProfile(dimension, participants, minSize) {
    var values = [];
    participants.forEach(function (p) {
      p.scores.forEach(function (s) {
        if (s.id === dimension.id && s.score !== null) values.push(s.score);
      });
    });
    if (values.length < minSize) return { id: dimension.id, n: values.length, shown: false };
    var bands = dimension.bands.map(function () {
      return 0;
    });
    values.forEach(function (v) {
      var band = scoring.bandIndex(dimension.bands, v);
      if (band !== null) bands[band] += 1;
    });
    var result = summary(values);
    result.id = dimension.id;
    result.shown = true;
    result.bands = bands;
    return result;
  }

  function itemProfile(item, participants) {
    var values = [];
    var counts = item.choices.map(function () {
      return 0;
    });
    var notApplicable = 0;
    participants.forEach(function (p) {
      if (!own(p.answers, item.id)) return;
      var answer = p.answers[item.id];
      if (answer === "na") notApplicable += 1;
      item.choices.forEach(function (choice, i) {
        if (choice.value === answer) counts[i] += 1;
      });
      var value = itemValue(item, answer);
      if (value !== null) values.push(value);
    });
    if (values.length === 0) return null;
    var result = summary(values);
    var range = itemRange(item);
    result.id = item.id;
    result.counts = counts;
    result.not_applicable = notApplicable;
    // Disagreement on a common footing: the spread as a share of the range.
    result.disagreement = result.sd === null || range.max === range.min ? 0 : result.sd / (range.max - range.min);
    return result;
  }

  /**
   * The group profile of `participants` (from readParticipant) for `def`.
   * Below `minSize` participants only the count is given. A dimension
   * scored for fewer than `minSize` gives only its count (`shown: false`);
   * an item answered by fewer is left out.
   */
  function groupProfile(def, participants, minSize, disagreementCount) {
    var size = minSize > 0 ? minSize : DEFAULT_MIN_GROUP_SIZE;
    var profile = { count: participants.length, min_size: size, shown: participants.length >= size };
    if (!profile.shown) return profile;
    profile.dimensions = def.dimensions.map(function (d) {
      return dimensionProfile(d, participants, size);
    });
    profile.items = def.items
      .filter(function (item) {
        return item.kind !== "open";
      })
      .map(function (item) {
        return itemProfile(item, participants);
      })
      .filter(function (item) {
        return item !== null && item.n >= size;
      });
    profile.disagreement = profile.items
      .filter(function (item) {
        return item.disagreement > 0;
      })
      .sort(function (a, b) {
        return b.disagreement - a.disagreement || def.items.indexOf(itemById(def, a.id)) - def.items.indexOf(itemById(def, b.id));
      })
      .slice(0, disagreementCount || 5);
    profile.reflections = groupReflections(def, participants);
    return profile;
  }

  /** Shared open answers per item, sorted so no order points to a file. */
  function groupReflections(def, participants) {
    var sharing = participants.filter(function (p) {
      return Object.keys(p.reflections).length > 0;
    }).length;
    var items = def.items
      .filter(function (item) {
        return item.kind === "open";
      })
      .map(function (item) {
        var texts = participants
          .filter(function (p) {
            return own(p.reflections, item.id);
          })
          .map(function (p) {
            return p.reflections[item.id];
          })
          .sort();
        return { id: item.id, texts: texts };
      })
      .filter(function (item) {
        return item.texts.length > 0;
      });
    return { sharing: sharing, items: items };
  }

  // ------------------------------------------------------------- share links

  /** Whether results of `def` fit in a share link (one character per answer). */
  function shareable(def) {
    return def.items.every(function (item) {
      return item.kind === "open" || item.choices.length <= DIGITS.length;
    });
  }

  /**
   * The fragment (without `#`) that carries `attempt`: version, the date in
   * milliseconds (base 36) and one character per closed item: the index of
   * the answer, `_` for n.v.t., `-` for no answer. Open answers never go in.
   */
  function encodeShare(def, attempt) {
    var codes = def.items
      .filter(function (item) {
        return item.kind !== "open";
      })
      .map(function (item) {
        if (!own(attempt.answers, item.id)) return UNANSWERED;
        var answer = attempt.answers[item.id];
        if (answer === "na") return NOT_APPLICABLE;
        for (var i = 0; i < item.choices.length; i += 1) {
          if (item.choices[i].value === answer) return DIGITS.charAt(i);
        }
        return UNANSWERED;
      });
    return SHARE_KEY + def.version + "." + Date.parse(attempt.date).toString(36) + "." + codes.join("");
  }

  /**
   * The attempt in a share fragment (with or without `#`), scored again;
   * {attempt} or {problem: "none" | "damaged" | "other_version", detail}.
   */
  function decodeShare(def, fragment) {
    var text = String(fragment || "").replace(/^#/, "");
    if (text.indexOf(SHARE_KEY) !== 0) return { problem: "none" };
    var parts = text.slice(SHARE_KEY.length).split(".");
    if (parts.length !== 3 || !/^[0-9]{1,6}$/.test(parts[0]) || !/^[0-9a-z]{1,12}$/.test(parts[1])) {
      return { problem: "damaged" };
    }
    var version = Number(parts[0]);
    if (version !== def.version) return { problem: "other_version", detail: version };
    var time = parseInt(parts[1], 36);
    if (!isFinite(time) || isNaN(new Date(time).getTime())) return { problem: "damaged" };
    var closed = def.items.filter(function (item) {
      return item.kind !== "open";
    });
    var codes = parts[2];
    if (codes.length !== closed.length) return { problem: "damaged" };
    var answers = {};
    for (var i = 0; i < closed.length; i += 1) {
      var item = closed[i];
      var code = codes.charAt(i);
      if (code === UNANSWERED) continue;
      if (code === NOT_APPLICABLE) {
        if (!answerFits(item, "na")) return { problem: "damaged" };
        answers[item.id] = "na";
        continue;
      }
      var index = DIGITS.indexOf(code);
      if (index < 0 || index >= item.choices.length) return { problem: "damaged" };
      answers[item.id] = item.choices[index].value;
    }
    return { attempt: rescored(def, new Date(time).toISOString(), answers) };
  }

  // ------------------------------------------------------ reflection report

  /** Text with every character that Markdown would read as markup escaped. */
  function escapeMarkdown(text) {
    return String(text).replace(/([\\`*_[\]<>#|])/g, "\\$1");
  }

  /** A text as one line of Markdown. */
  function markdownText(text) {
    return escapeMarkdown(text).replace(/\s*\n\s*/g, " ").trim();
  }

  /**
   * The reflection report of `attempt` as Markdown. `options`: siteTitle,
   * name (may be empty), date (formatted), number(value) for scores,
   * plain(html) for feedback text, url(pageUrl) for absolute links, and
   * texts(key) for the headings.
   */
  function portfolioMarkdown(def, attempt, options) {
    var t = options.texts;
    var lines = ["# " + t("portfolio") + ": " + markdownText(def.title), ""];
    if (options.name) lines.push("- " + t("portfolio_name") + ": " + markdownText(options.name));
    lines.push("- " + t("portfolio_questionnaire") + ": " + markdownText(def.title) + " (" + t("portfolio_version") + " " + def.version + ")");
    lines.push("- " + t("portfolio_taken") + ": " + options.date);
    lines.push("- " + t("portfolio_site") + ": " + markdownText(options.siteTitle) + " (" + options.url(def.url) + ")");
    lines.push("");
    if (def.dimensions.length > 0) {
      lines.push("## " + t("portfolio_scores"), "");
      lines.push("| " + [t("dimension"), t("score"), t("band"), t("answered")].join(" | ") + " |");
      lines.push("|---|---|---|---|");
      def.dimensions.forEach(function (dimension) {
        var result = resultOf(attempt, dimension.id);
        var band = result.band !== null ? dimension.bands[result.band] : null;
        lines.push("| " + [
          markdownText(dimension.title),
          result.score === null ? t("not_enough") : options.number(result.score),
          band ? markdownText(band.label) : "–",
          result.answered + " / " + dimension.items.length,
        ].join(" | ") + " |");
      });
      lines.push("");
      def.dimensions.forEach(function (dimension) {
        var result = resultOf(attempt, dimension.id);
        if (result.band === null) return;
        var band = dimension.bands[result.band];
        lines.push("### " + markdownText(dimension.title), "");
        lines.push("**" + options.number(result.score) + " · " + markdownText(band.label) + "**", "");
        var feedback = options.plain(band.feedback);
        if (feedback) lines.push(markdownText(feedback), "");
        band.links.forEach(function (link) {
          lines.push("- [" + markdownText(link.title) + "](" + options.url(link.url) + ")");
        });
        if (band.links.length > 0) lines.push("");
      });
    }
    var positions = def.items.filter(function (item) {
      return item.kind === "poles" && own(attempt.answers, item.id);
    });
    if (positions.length > 0) {
      lines.push("## " + t("your_positions"), "");
      positions.forEach(function (item) {
        var total = item.choices.length;
        lines.push("- " + markdownText(item.text) + " " + t("position") + " " + attempt.answers[item.id] + " " + t("position_of") + " " + total +
          " (" + markdownText(item.choices[0].label) + " ↔ " + markdownText(item.choices[total - 1].label) + ")");
      });
      lines.push("");
    }
    var reflections = def.items.filter(function (item) {
      return item.kind === "open" && own(attempt.answers, item.id) && attempt.answers[item.id].trim() !== "";
    });
    if (reflections.length > 0) {
      lines.push("## " + t("your_reflections"), "");
      reflections.forEach(function (item) {
        lines.push("### " + markdownText(item.text), "");
        attempt.answers[item.id].trim().split(/\r?\n/).forEach(function (line) {
          lines.push("> " + escapeMarkdown(line));
        });
        lines.push("");
      });
    }
    lines.push("---", "", t("portfolio_about"), "");
    return lines.join("\n");
  }

  function resultOf(attempt, dimensionId) {
    for (var i = 0; i < attempt.scores.length; i += 1) {
      if (attempt.scores[i].id === dimensionId) return attempt.scores[i];
    }
    return { score: null, band: null, answered: 0 };
  }

  return {
    FORMAT: FORMAT,
    FORMAT_VERSION: FORMAT_VERSION,
    ID_PATTERN: ID_PATTERN,
    DEFAULT_MIN_GROUP_SIZE: DEFAULT_MIN_GROUP_SIZE,
    isPlainObject: isPlainObject,
    itemById: itemById,
    validAnswers: validAnswers,
    validAttempt: validAttempt,
    answerFits: answerFits,
    answersFit: answersFit,
    rescored: rescored,
    resultOf: resultOf,
    groupExport: groupExport,
    parseFile: parseFile,
    readParticipant: readParticipant,
    fingerprint: fingerprint,
    groupProfile: groupProfile,
    shareable: shareable,
    encodeShare: encodeShare,
    decodeShare: decodeShare,
    portfolioMarkdown: portfolioMarkdown,
  };
});
