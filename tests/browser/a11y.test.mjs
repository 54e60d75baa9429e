// Accessibility: axe-core in Chromium on every page type, the search page,
// and a questionnaire before and after its results are shown, with no
// violations of WCAG 2.1 A and AA.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { fileUrl, launch } from "./harness.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const PAGES = [
  "index.html",
  "model/index.html",
  "model/model-voor-besluitvorming.html",
  "kaders/wat-is-een-frame.html",
  "methoden/moreel-beraad.html",
  "dilemmas/wie-heeft-de-regie.html",
  "begrippen/vertolker.html",
  "bronnen/spierts-2017.html",
  "leerroutes/bewust-beslissen-met-het-model.html",
  "zelfevaluaties/index.html",
  "mijn-resultaten.html",
  "groepsprofiel.html",
  "groepsprofiel/bewust-beslissen.html",
  "reflectieverslag.html",
  "privacy.html",
  "404.html",
];

let browser;
let context;
before(async () => {
  browser = await launch();
  // axe is injected as a script of the test, which the site's policy forbids.
  context = await browser.newContext({ bypassCSP: true });
});
after(async () => {
  await browser?.close();
});

async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")})`);
}

for (const [scheme, label] of [["light", "light"], ["dark", "dark"]]) {
  test(`every page type passes axe (WCAG 2.1 AA), ${label}`, async () => {
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    const found = [];
    for (const rel of PAGES) {
      await page.goto(fileUrl(rel));
      found.push(...(await violations(page)).map((v) => `${rel}: ${v}`));
    }
    await page.goto(fileUrl("zoeken.html") + "?q=regie");
    await page.waitForSelector("[data-search-results] li");
    found.push(...(await violations(page)).map((v) => `zoeken.html: ${v}`));
    await page.close();
    assert.deepEqual(found, []);
  });
}

test("a questionnaire and its results pass axe", async () => {
  const page = await context.newPage();
  await page.goto(fileUrl("zelfevaluaties/bewust-beslissen.html"));
  const found = (await violations(page)).map((v) => `form: ${v}`);
  const groups = await page.evaluate(() => [...new Set([...document.querySelectorAll("form[data-assessment] input[type=radio]")].map((i) => i.name))]);
  for (const name of groups) await page.locator(`input[name="${name}"]`).nth(2).check();
  await page.locator("form button.primary").click();
  await page.locator("[data-results]").waitFor({ state: "visible" });
  found.push(...(await violations(page)).map((v) => `results: ${v}`));
  await page.locator("[data-action=share]").click();
  found.push(...(await violations(page)).map((v) => `share link: ${v}`));
  await page.goto(fileUrl("reflectieverslag.html"));
  await page.locator("[data-portfolio-body] .result").waitFor();
  found.push(...(await violations(page)).map((v) => `reflection report: ${v}`));
  await page.close();
  assert.deepEqual(found, []);
});

test("a group profile and a shared result pass axe", async () => {
  const R = require("../../themes/default/static/results.js");
  const page = await context.newPage();
  await page.goto(fileUrl("zelfevaluaties/bewust-beslissen.html"));
  const def = await page.evaluate(() => JSON.parse(document.getElementById("wijzer-assessment-data").textContent));
  const site = await page.evaluate(() => document.documentElement.dataset.site);
  const attempts = [0, 1, 2, 3, 4].map((p) => {
    const answers = {};
    def.items.forEach((item, i) => {
      if (item.kind === "open") answers[item.id] = `Reflectie ${p + 1}.`;
      else answers[item.id] = item.choices[(p + i) % item.choices.length].value;
    });
    return R.rescored(def, `2026-03-0${p + 1}T10:00:00.000Z`, answers);
  });
  const files = attempts.map((attempt, p) => ({
    name: `deelnemer-${p + 1}.json`,
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(R.groupExport(def, attempt, site, true, attempt.date))),
  }));
  await page.goto(fileUrl("groepsprofiel/bewust-beslissen.html"));
  await page.locator("[data-group-files]").setInputFiles(files);
  await page.locator("[data-group-mean]").first().waitFor();
  const found = (await violations(page)).map((v) => `group profile: ${v}`);
  await page.goto(fileUrl("zelfevaluaties/bewust-beslissen.html") + "#" + R.encodeShare(def, attempts[0]));
  await page.locator("[data-shared] .result").waitFor();
  found.push(...(await violations(page)).map((v) => `shared result: ${v}`));
  await page.close();
  assert.deepEqual(found, []);
});
