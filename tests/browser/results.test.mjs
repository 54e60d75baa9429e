// The pure functions behind group profiles, share links and reflection
// reports, with expected values worked out by hand in each test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const R = require("../../themes/default/static/results.js");

const scale = ["1", "2", "3", "4", "5"].map((value) => ({ value, label: `p${value}` }));
const def = {
  id: "proef",
  version: 2,
  title: "Proef",
  url: "zelfevaluaties/proef.html",
  items: [
    { id: "a1", kind: "likert", min: 1, max: 5, reverse: false, choices: scale, not_applicable: "Weet ik niet", scores: [] },
    { id: "a2", kind: "likert", min: 1, max: 5, reverse: true, choices: scale, not_applicable: "Weet ik niet", scores: [] },
    { id: "b1", kind: "choice", min: 1, max: 5, reverse: false, choices: [{ value: "0", label: "Nooit" }, { value: "1", label: "Soms" }, { value: "2", label: "Vaak" }], not_applicable: null, scores: [1, 3, 5] },
    { id: "p1", kind: "poles", min: 0, max: 0, reverse: false, choices: scale.map((c, i) => ({ value: c.value, label: i === 0 ? "links" : i === 4 ? "rechts" : "" })), not_applicable: null, scores: [] },
    { id: "o1", kind: "open", min: 0, max: 0, reverse: false, choices: [], not_applicable: null, scores: [] },
  ],
  dimensions: [
    {
      id: "a", title: "A", items: ["a1", "a2"], min_answered: 1, min: 1, max: 5,
      bands: [{ from: 1, to: 3, label: "Laag", feedback: "<p>Lees <strong>meer</strong>.</p>", links: [{ title: "Frame", url: "kaders/frame.html" }] }, { from: 3, to: 5, label: "Hoog", feedback: "", links: [] }],
      norm: null,
    },
    { id: "b", title: "B", items: ["b1"], min_answered: 1, min: 1, max: 5, bands: [{ from: 1, to: 3, label: "Weinig", feedback: "", links: [] }, { from: 3, to: 5, label: "Veel", feedback: "", links: [] }], norm: null },
  ],
  min_group_size: 5,
};

const file = (answers, options = {}) => ({
  format: "wijzer-results",
  format_version: 1,
  site: "site",
  reflections_shared: options.shared ?? false,
  assessments: {
    proef: {
      title: "Proef",
      version: options.version ?? 2,
      attempts: [{ version: options.version ?? 2, date: options.date ?? "2026-03-01T10:00:00.000Z", answers, scores: [] }],
    },
  },
});

const participant = (answers, options) => {
  const read = R.readParticipant(file(answers, options), def, "site");
  assert.ok(read.participant, JSON.stringify(read));
  return read.participant;
};

test("a participant's scores are computed from the answers, never taken from the file", () => {
  const data = file({ a1: "4", a2: "2", b1: "2" });
  data.assessments.proef.attempts[0].scores = [{ id: "a", score: 1, band: 0, answered: 2 }];
  const p = R.readParticipant(data, def, "site").participant;
  assert.deepEqual(p.scores.map((s) => s.score), [4, 5]); // a: (4 + (6 - 2)) / 2; b: option 2 scores 5
});

test("files of another site, version or questionnaire are refused with a reason", () => {
  assert.equal(R.readParticipant(file({}, { version: 1 }), def, "site").problem, "other_version");
  assert.equal(R.readParticipant(file({}, { version: 1 }), def, "site").detail, "1");
  assert.equal(R.readParticipant(file({}), def, "elders").problem, "other_site");
  assert.equal(R.readParticipant(file({}), { ...def, id: "ander" }, "site").problem, "absent");
  assert.equal(R.readParticipant({ format: "iets" }, def, "site").problem, "wrong_format");
  assert.equal(R.readParticipant(file({ a1: "9" }), def, "site").problem, "invalid");
  assert.equal(R.readParticipant(file({ zz: "1" }), def, "site").problem, "invalid");
  assert.equal(R.parseFile("{nope").problem, "not_json");
});

test("open answers count only when the participant shared them", () => {
  assert.deepEqual(participant({ a1: "3", o1: "geheim" }).reflections, {});
  assert.deepEqual(participant({ a1: "3", o1: "geheim" }).answers, { a1: "3" });
  assert.deepEqual(participant({ a1: "3", o1: " gedeeld " }, { shared: true }).reflections, { o1: "gedeeld" });
});

// Five participants. Dimension a (a2 reverse-keyed: 6 - answer):
//   p1: (5 + 5) / 2 = 5     p2: (4 + 4) / 2 = 4     p3: (2 + 3) / 2 = 2.5
//   p4: (1 + 2) / 2 = 1.5   p5: a1 only = 3
//   mean = 16 / 5 = 3.2; deviations 1.8, 0.8, -0.7, -1.7, -0.2;
//   squares 3.24 + 0.64 + 0.49 + 2.89 + 0.04 = 7.3; sd = sqrt(7.3 / 4) = 1.3509
//   bands: [1, 3) Laag: 2.5, 1.5 -> 2; [3, 5] Hoog: 5, 4, 3 -> 3
// Dimension b: 5, 5, 1, 3, 1 -> mean 3, sd = sqrt((4 + 4 + 4 + 0 + 4) / 4) = 2
const five = [
  participant({ a1: "5", a2: "1", b1: "2", p1: "1" }, { date: "2026-03-01T10:00:00.000Z" }),
  participant({ a1: "4", a2: "2", b1: "2", p1: "5" }, { date: "2026-03-01T10:01:00.000Z" }),
  participant({ a1: "2", a2: "3", b1: "0", p1: "1" }, { date: "2026-03-01T10:02:00.000Z", shared: true }),
  participant({ a1: "1", a2: "4", b1: "1", p1: "5", o1: "niet gedeeld" }, { date: "2026-03-01T10:03:00.000Z" }),
  participant({ a1: "3", a2: "na", b1: "0", p1: "3", o1: "Wel gedeeld" }, { date: "2026-03-01T10:04:00.000Z", shared: true }),
];

test("five participants make a group profile with hand-computed means and spreads", () => {
  const profile = R.groupProfile(def, five, 5);
  assert.equal(profile.shown, true);
  const [a, b] = profile.dimensions;
  assert.equal(a.n, 5);
  assert.ok(Math.abs(a.mean - 3.2) < 1e-9, a.mean);
  assert.ok(Math.abs(a.sd - Math.sqrt(7.3 / 4)) < 1e-9, a.sd);
  assert.equal("min" in a || "max" in a, false, "no lowest and highest: they would give scores away");
  assert.deepEqual(a.bands, [2, 3]);
  assert.equal(b.mean, 3);
  assert.equal(b.sd, 2);
  assert.deepEqual(b.bands, [2, 3]); // 1, 1 -> Weinig; 3, 5, 5 -> Veel
});

test("the items with the most disagreement come first, on a common footing", () => {
  // p1 (poles 1..5): 1, 5, 1, 5, 3 -> sd = sqrt((4 + 4 + 4 + 4 + 0) / 4) = 2, share of range 2 / 4 = 0.5
  // b1 (scores 1..5): sd 2 -> 0.5; a1: 5, 4, 2, 1, 3 -> sd = sqrt(10 / 4) = 1.58 -> 0.395
  // a2 raw scores (reverse-keyed) 5, 4, 3, 2: n = 4 < 5, so left out.
  const profile = R.groupProfile(def, five, 5);
  assert.deepEqual(profile.disagreement.map((i) => i.id), ["b1", "p1", "a1"]);
  const p1 = profile.disagreement[1];
  assert.deepEqual(p1.counts, [2, 0, 1, 0, 2]);
  assert.equal(profile.items.some((i) => i.id === "a2"), false);
});

test("an item's mean is of the answers as given, also when reverse-keyed", () => {
  // a2 answers 1, 2, 3, 4 (p5: n.v.t.): mean 2.5 as given; reverse-keyed scores would give 3.5.
  const a2 = R.groupProfile(def, five, 4).items.find((i) => i.id === "a2");
  assert.equal(a2.n, 4);
  assert.equal(a2.mean, 2.5);
  assert.deepEqual(a2.counts, [1, 1, 1, 1, 0]);
  assert.equal(a2.not_applicable, 1);
});

test("shared reflections are listed apart from who wrote them; unshared ones never", () => {
  const profile = R.groupProfile(def, five, 5);
  assert.equal(profile.reflections.sharing, 1);
  assert.deepEqual(profile.reflections.items, [{ id: "o1", texts: ["Wel gedeeld"] }]);
});

test("below the minimum group size only the count is given", () => {
  const profile = R.groupProfile(def, five.slice(0, 4), 5);
  assert.deepEqual(profile, { count: 4, min_size: 5, shown: false });
  // A dimension answered by too few is hidden even in a large enough group.
  const sparse = five.map((p, i) => (i < 2 ? p : { ...p, scores: p.scores.map((s) => (s.id === "b" ? { ...s, score: null } : s)) }));
  assert.deepEqual(R.groupProfile(def, sparse, 5).dimensions[1], { id: "b", n: 2, shown: false });
});

test("the same file twice has the same fingerprint", () => {
  const again = participant({ a1: "5", a2: "1", b1: "2", p1: "1" }, { date: "2026-03-01T10:00:00.000Z" });
  assert.equal(R.fingerprint(again), R.fingerprint(five[0]));
  assert.notEqual(R.fingerprint(five[1]), R.fingerprint(five[0]));
});

test("a share link round-trips exactly and carries no open answers", () => {
  const attempt = R.rescored(def, "2026-05-04T08:09:10.123Z", { a1: "5", a2: "na", b1: "1", p1: "4", o1: "privé" });
  const fragment = R.encodeShare(def, attempt);
  assert.match(fragment, /^resultaat=2\.[0-9a-z]+\.4_13$/);
  assert.equal(fragment.includes("priv"), false);
  const decoded = R.decodeShare(def, "#" + fragment).attempt;
  assert.equal(decoded.date, attempt.date);
  assert.deepEqual(decoded.answers, { a1: "5", a2: "na", b1: "1", p1: "4" });
  assert.deepEqual(decoded.scores, R.rescored(def, attempt.date, { a1: "5", a2: "na", b1: "1", p1: "4" }).scores);
});

test("a damaged share link or one of another version is refused", () => {
  const fragment = R.encodeShare(def, R.rescored(def, "2026-05-04T08:09:10.123Z", { a1: "5" }));
  assert.equal(R.decodeShare(def, "").problem, "none");
  assert.equal(R.decodeShare(def, "#vraag-a1").problem, "none");
  assert.equal(R.decodeShare(def, fragment.slice(0, -1)).problem, "damaged");
  assert.equal(R.decodeShare(def, fragment.replace(/.$/, "z")).problem, "damaged");
  assert.equal(R.decodeShare({ ...def, version: 3 }, fragment).problem, "other_version");
  // n.v.t. on an item that has no n.v.t. answer
  assert.equal(R.decodeShare(def, fragment.replace(/\.([^.]*)$/, ".4_" + "_-")).problem, "damaged");
});

test("the reflection report in Markdown holds scores, feedback, links and reflections", () => {
  const attempt = R.rescored(def, "2026-05-04T08:09:10.123Z", { a1: "2", a2: "4", b1: "2", p1: "2", o1: "Ik *leer*\nelke dag." });
  const md = R.portfolioMarkdown(def, attempt, {
    siteTitle: "Site",
    name: "Sam",
    date: "4 mei 2026",
    number: (v) => String(v).replace(".", ","),
    plain: (html) => html.replace(/<[^>]+>/g, ""),
    url: (u) => "https://example.org/" + u,
    texts: (key) => key,
  });
  assert.match(md, /^# portfolio: Proef/);
  assert.match(md, /- portfolio_name: Sam/);
  assert.match(md, /\| A \| 2 \| Laag \| 2 \/ 2 \|/); // (2 + (6 - 4)) / 2 = 2
  assert.match(md, /\| B \| 5 \| Veel \| 1 \/ 1 \|/);
  assert.match(md, /Lees meer\./);
  assert.match(md, /- \[Frame\]\(https:\/\/example\.org\/kaders\/frame\.html\)/);
  assert.match(md, /> Ik \\\*leer\\\*\n> elke dag\./);
});
