// Scoring rules of the questionnaire script, with expected values worked
// out by hand in each test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { itemScore, bandIndex, score } = require("../../themes/default/static/scoring.js");

const likert = { id: "l", kind: "likert", min: 1, max: 5, reverse: false };
const reversed = { ...likert, id: "r", reverse: true };
const choice = { id: "c", kind: "choice", scores: [1, 3, 5] };

test("a Likert answer counts as its value; reverse-keyed as (min + max) - value", () => {
  assert.equal(itemScore(likert, "4"), 4);
  assert.equal(itemScore(reversed, "4"), 2); // (1 + 5) - 4
  assert.equal(itemScore(reversed, "1"), 5);
  assert.equal(itemScore({ ...reversed, min: 0, max: 6 }, "2"), 4); // (0 + 6) - 2
});

test("n.v.t., empty and impossible answers count as missing", () => {
  for (const answer of ["na", "", undefined, null, "0", "6", "2.5", "x"]) {
    assert.equal(itemScore(likert, answer), null, String(answer));
  }
  assert.equal(itemScore({ kind: "poles" }, "3"), null);
  assert.equal(itemScore({ kind: "open" }, "tekst"), null);
});

test("a choice answer counts as the score of the chosen option", () => {
  assert.equal(itemScore(choice, "0"), 1);
  assert.equal(itemScore(choice, "2"), 5);
  assert.equal(itemScore(choice, "3"), null);
  assert.equal(itemScore(choice, "-1"), null);
});

const bands = [
  { from: 1, to: 2.5 },
  { from: 2.5, to: 3.5 },
  { from: 3.5, to: 5 },
];

test("a score on a band edge belongs to the higher band; the last band includes its end", () => {
  assert.equal(bandIndex(bands, 1), 0);
  assert.equal(bandIndex(bands, 2.4999), 0);
  assert.equal(bandIndex(bands, 2.5), 1);
  assert.equal(bandIndex(bands, 3.5), 2);
  assert.equal(bandIndex(bands, 5), 2);
  assert.equal(bandIndex(bands, 5.01), null);
  assert.equal(bandIndex(bands, null), null);
});

const definition = {
  items: [
    { id: "a1", kind: "likert", min: 1, max: 5, reverse: false },
    { id: "a2", kind: "likert", min: 1, max: 5, reverse: true },
    { id: "a3", kind: "likert", min: 1, max: 5, reverse: false },
    { id: "b1", kind: "choice", scores: [1, 3, 5] },
    { id: "b2", kind: "choice", scores: [1, 3, 5] },
    { id: "p1", kind: "poles" },
  ],
  dimensions: [
    { id: "a", items: ["a1", "a2", "a3"], min_answered: 2, bands },
    { id: "b", items: ["b1", "b2"], min_answered: 1, bands },
  ],
};

test("a dimension scores the mean of its answered items after reverse-keying", () => {
  const [a, b] = score(definition, { a1: "4", a2: "2", a3: "5", b1: "1", b2: "2", p1: "3" });
  assert.deepEqual(a, { id: "a", score: 13 / 3, answered: 3, items: 3, band: 2 }); // (4 + (6-2) + 5) / 3
  assert.deepEqual(b, { id: "b", score: 4, answered: 2, items: 2, band: 2 }); // (3 + 5) / 2
});

test("missing answers are left out of the mean, and below the minimum there is no score", () => {
  const [a] = score(definition, { a1: "2", a2: "na" , a3: "3" });
  assert.equal(a.score, 2.5); // (2 + 3) / 2, a2 missing
  assert.equal(a.answered, 2);
  assert.equal(a.band, 1);
  const [few, none] = score(definition, { a1: "5", a2: "na" });
  assert.equal(few.score, null); // one answered, two needed
  assert.equal(few.band, null);
  assert.equal(few.answered, 1);
  assert.equal(none.score, null); // nothing answered at all
});

test("answers under inherited property names are not answers", () => {
  const answers = JSON.parse('{"__proto__": "5", "a1": "1", "a3": "1"}');
  const [a] = score(definition, answers);
  assert.equal(a.score, 1);
  assert.equal(a.answered, 2);
});
