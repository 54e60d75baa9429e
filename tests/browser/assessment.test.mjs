// A questionnaire in real Chromium, on the fixture site (tests/fixtures/basic):
// answered with the keyboard only, saved and restored, scored against values
// worked out by hand, retaken, exported, deleted, imported again, and refusing
// broken files; with no request leaving the device.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { fileUrl, fixtureDir, launch, serve, watchedPage, withinFiles, withinOrigin } from "./harness.mjs";

const PAGE = "zelfevaluaties/proef.html";
const local = (url) => withinFiles(url, fixtureDir);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Tabs forward until the focus is on a field named `name` (bounded). */
async function tabTo(page, name) {
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.name)) === name) return;
  }
  throw new Error(`could not reach ${name} with Tab`);
}

/** Chooses answer number `index` (0-based) of a radio group with the keyboard. */
async function chooseByKeyboard(page, name, index) {
  await tabTo(page, name);
  if (index === 0) await page.keyboard.press("Space");
  for (let i = 0; i < index; i += 1) await page.keyboard.press("ArrowRight");
}

const checked = (page, name) =>
  page.evaluate((n) => document.querySelector(`input[name="${n}"]:checked`)?.value ?? null, name);

const cell = (page, kind, dimension) => page.locator(`[data-${kind}="${dimension}"]`).first().textContent();

async function openFresh(mode = "disk") {
  let server = null;
  let url = fileUrl(PAGE, fixtureDir);
  let allowed = local;
  if (mode === "http") {
    server = await serve(fixtureDir);
    url = server.url(PAGE);
    allowed = withinOrigin(server.origin);
  }
  const watched = await watchedPage(browser, allowed);
  await watched.page.goto(url);
  return { ...watched, server };
}

async function close({ context, server }) {
  await context.close();
  await server?.close();
}

for (const mode of ["disk", "http"]) {
  test(`answered by keyboard, restored after reload, scored as computed by hand (${mode})`, async () => {
    const session = await openFresh(mode);
    const { page, problems } = session;
    await page.locator("h1").click(); // start the keyboard walk at the top of the page
    await chooseByKeyboard(page, "a1", 3); // 4
    await chooseByKeyboard(page, "a2", 1); // 2, reverse-keyed: 6 - 2 = 4
    await page.reload();
    assert.equal(await checked(page, "a1"), "4");
    assert.equal(await checked(page, "a2"), "2");
    assert.match(await page.locator("[data-save-status]").textContent(), /teruggezet/);
    assert.match(await page.locator("[data-progress-text]").textContent(), /^2 \/ 8 /);

    await page.locator("input[name=a2]:checked").focus();
    await chooseByKeyboard(page, "a3", 4); // 5
    await chooseByKeyboard(page, "b1", 1); // Soms = 3
    await chooseByKeyboard(page, "b2", 2); // Vaak = 5
    await chooseByKeyboard(page, "c1", 2); // 3
    // c2 and p1 stay open: the form asks about them first.
    await tabTo(page, "o1");
    await page.keyboard.type("Ik neem de time-out mee.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter"); // "Bekijk mijn resultaat"
    const prompt = page.locator("[data-unanswered]");
    assert.ok(await prompt.isVisible(), "unanswered items are listed");
    assert.match(await prompt.textContent(), /Naar vraag 7.*Naar vraag 8/s);
    await page.locator("[data-action=continue]").click();

    assert.ok(await page.locator("[data-results]").isVisible());
    assert.equal(await cell(page, "score", "dim-a"), "4,3"); // (4 + 4 + 5) / 3 = 4.33
    assert.equal(await cell(page, "band", "dim-a"), "Hoog");
    assert.equal(await cell(page, "score", "dim-b"), "4,0"); // (3 + 5) / 2
    assert.equal(await cell(page, "band", "dim-b"), "Veel");
    assert.match(await cell(page, "score", "dim-c"), /Te weinig/); // 1 of the 2 needed
    const a = page.locator("[data-dimension=dim-a]");
    assert.match(await a.textContent(), /Sterk punt/);
    assert.match(await a.textContent(), /Testgroep \(n = 40, 2020\), gemiddelde 3,2, standaardafwijking 0,8/);
    assert.equal(await a.locator("a").getAttribute("href"), "../methoden/beraad.html");
    assert.equal(await page.locator("svg.radar").count(), 1, "a radar chart for three dimensions");
    assert.match(await page.locator(".reflection").textContent(), /time-out/);
    assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], foreignRequests: [], failedRequests: [] });
    await close(session);
  });
}

/** Saves what a download button produces, and returns its text. */
async function downloadText(page, action) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-action=${action}]`).first().click()]);
  return readFile(await download.path(), "utf8");
}

test("a retake shows the change; export, delete and import give the same results back", async () => {
  const session = await openFresh();
  const { page, problems } = session;
  page.on("dialog", (dialog) => dialog.accept());
  const answer = async (values) => {
    for (const [name, value] of Object.entries(values)) await page.check(`input[name=${name}][value="${value}"]`);
  };
  await answer({ a1: "4", a2: "2", a3: "5", b1: "1", b2: "2", c1: "3", c2: "na", p1: "2" });
  await page.locator("form button.primary").click();
  assert.equal(await cell(page, "score", "dim-a"), "4,3");

  await page.locator("[data-action=restart]").click();
  assert.equal(await checked(page, "a1"), null, "restart clears the form");
  await answer({ a1: "1", a2: "5", a3: "1", b1: "0", b2: "0", c1: "2", c2: "4", p1: "4" });
  await page.locator("form button.primary").click();
  assert.equal(await cell(page, "score", "dim-a"), "1,0"); // (1 + (6-5) + 1) / 3
  assert.equal(await cell(page, "band", "dim-a"), "Laag");
  assert.equal(await cell(page, "change", "dim-a"), "−3,3"); // 1 - 4.33
  assert.equal(await cell(page, "change", "dim-b"), "−3,0"); // 1 - 4
  assert.equal(await cell(page, "score", "dim-c"), "3,0"); // (2 + 4) / 2
  assert.equal(await page.locator("table.history tbody tr").count(), 2);

  const exported = JSON.parse(await downloadText(page, "export-json"));
  assert.equal(exported.format, "wijzer-results");
  assert.equal(exported.assessments.proef.attempts.length, 2);
  const csv = await downloadText(page, "export-csv");
  assert.match(csv, /Proefvragenlijst,1,.*,Onderdeel A,1,Laag,3,3/);

  await page.locator("[data-action=delete-all]").first().click();
  assert.match(await page.locator("[data-tool-status]").textContent(), /gewist/);
  assert.ok(await page.locator("[data-results]").isHidden());
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);

  await page.locator("input[data-action=import]").setInputFiles({
    name: "export.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(exported)),
  });
  await page.locator("[data-results]").waitFor({ state: "visible" });
  assert.match(await page.locator("[data-tool-status]").textContent(), /Geïmporteerd: 2 resultaten/);
  assert.equal(await cell(page, "score", "dim-a"), "1,0");
  assert.equal(await cell(page, "change", "dim-a"), "−3,3");

  await page.goto(fileUrl("mijn-resultaten.html", fixtureDir));
  const overview = page.locator("[data-overview-item=proef]");
  assert.match(await overview.textContent(), /Aantal keer ingevuld: 2/);
  assert.equal(await overview.locator("[data-score=dim-a]").textContent(), "1,0");
  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], foreignRequests: [], failedRequests: [] });
  await close(session);
});

test("broken, foreign and tampered import files are refused and change nothing", async () => {
  const session = await openFresh();
  const { page, problems } = session;
  await page.check("input[name=a1][value='3']");
  await page.check("input[name=a3][value='3']");
  await page.locator("form button.primary").click();
  await page.locator("[data-action=continue]").click();
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  const site = await page.evaluate(() => document.documentElement.dataset.site);
  const attempt = { version: 1, date: "2026-01-01T10:00:00.000Z", answers: { a1: "5" }, scores: [] };
  const files = {
    "not json": ["{kapot", /geen geldig exportbestand/],
    "other format": [JSON.stringify({ hallo: 1 }), /geen export van wijzer/],
    "other site": [JSON.stringify({ format: "wijzer-results", format_version: 1, site: "andere-site", assessments: {} }), /andere site/],
    "unknown questionnaire": [JSON.stringify({ format: "wijzer-results", format_version: 1, site, assessments: { onbekend: { attempts: [] } } }), /niet bestaat: onbekend/],
    "impossible answer": [JSON.stringify({ format: "wijzer-results", format_version: 1, site, assessments: { proef: { attempts: [{ ...attempt, answers: { a1: "9" } }] } } }), /beschadigd of aangepast/],
    "proto key": [`{"format":"wijzer-results","format_version":1,"site":"${site}","assessments":{"proef":{"attempts":[{"version":1,"date":"2026-01-01T10:00:00Z","answers":{"__proto__":"5"},"scores":[]}]}}}`, /beschadigd of aangepast/],
    "too large": ["[" + "1,".repeat(1_600_000) + "1]", /te groot/],
    "script in a string": [JSON.stringify({ format: "wijzer-results", format_version: 1, site, assessments: { proef: { attempts: [{ ...attempt, answers: { o1: "<img src=x onerror=alert(1)>" }, scores: [{ id: "<script>", score: 1, band: 0, answered: 1 }] }] } } }), /beschadigd of aangepast/],
  };
  for (const [name, [text, message]] of Object.entries(files)) {
    await page.locator("input[data-action=import]").setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from(text) });
    await page.waitForFunction(() => document.querySelector("[data-tool-status]").textContent.length > 0);
    const status = await page.locator("[data-tool-status]").textContent();
    assert.match(status, message, name);
    assert.match(status, /niets veranderd/, name);
    assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), before, `${name} changed storage`);
    await page.evaluate(() => (document.querySelector("[data-tool-status]").textContent = ""));
  }
  assert.equal(await cell(page, "score", "dim-a"), "3,0");
  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], foreignRequests: [], failedRequests: [] });
  await close(session);
});

test("corrupt stored data is reported and the page still works", async () => {
  const session = await openFresh();
  const { page, problems } = session;
  const keys = await page.evaluate(() => JSON.parse(document.getElementById("wijzer-assessment-data").textContent).keys);
  await page.evaluate((k) => {
    localStorage.setItem(k.attempts, "{kapot");
    localStorage.setItem(k.answers, JSON.stringify({ version: 1, answers: { a1: 7 } }));
  }, keys);
  await page.reload();
  assert.match(await page.locator("[data-tool-status]").textContent(), /konden niet worden gelezen/);
  await page.check("input[name=a1][value='2']");
  await page.check("input[name=a3][value='2']");
  await page.locator("form button.primary").click();
  await page.locator("[data-action=continue]").click();
  assert.equal(await cell(page, "score", "dim-a"), "2,0");
  assert.deepEqual(problems.pageErrors, []);
  await close(session);
});

test("the privacy page lists the keys the questionnaire really uses", async () => {
  const session = await openFresh();
  const { page } = session;
  await page.check("input[name=a1][value='3']");
  const used = await page.evaluate(() => Object.keys(localStorage));
  await page.goto(fileUrl("privacy.html", fixtureDir));
  const listed = await page.locator(".storage-keys code").allTextContents();
  for (const key of used) assert.ok(listed.includes(key), `${key} is not on the privacy page`);
  assert.match(await page.locator("[data-present-keys]").textContent(), new RegExp(used[0]));
  await close(session);
});
