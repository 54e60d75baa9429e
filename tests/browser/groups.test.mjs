// Groups without a server, in real Chromium on the fixture site
// (tests/fixtures/basic), served over HTTP as a lecturer would: five people
// take the questionnaire in their own browsers and export a file for the
// group; the lecturer drops the files on the group page and sees a profile
// with means worked out by hand. Also: fewer than five files show only the
// count, a file of another version is refused, a share link round-trips, two
// results are compared, and the reflection report is printed and downloaded.
// No request leaves the site in any of it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixtureDir, launch, serve, siteDir, watchedPage, withinOrigin } from "./harness.mjs";

const PAGE = "zelfevaluaties/proef.html";
const GROUP_PAGE = "groepsprofiel/proef.html";
const clean = { consoleErrors: [], pageErrors: [], foreignRequests: [], failedRequests: [] };

let browser;
let server;
let folder;
const sessions = [];
before(async () => {
  browser = await launch();
  server = await serve(fixtureDir);
  folder = await mkdtemp(join(tmpdir(), "wijzer-groep-"));
});
after(async () => {
  for (const { context, problems } of sessions) {
    await context.close();
    assert.deepEqual(problems, clean);
  }
  await server?.close();
  await browser?.close();
  // Nothing passed through the server: it only handed out the site's files.
  // No answer, score, share fragment or file name ever reached it.
  const odd = server.received.filter((r) => !/^GET \/[A-Za-z0-9/._-]*$/.test(r));
  assert.deepEqual(odd, []);
  assert.ok(server.received.length > 20, "the server saw the page loads");
});

/** A fresh browser profile, as on another person's device. */
async function person(url = server.url(PAGE)) {
  const session = await watchedPage(browser, withinOrigin(server.origin));
  sessions.push(session);
  await session.page.goto(url);
  return session.page;
}

/** Answers the fixture questionnaire and shows the result. */
async function take(page, answers, reflection = "") {
  for (const [name, value] of Object.entries(answers)) await page.check(`input[name=${name}][value="${value}"]`);
  if (reflection) await page.fill("textarea[name=o1]", reflection);
  await page.locator("form button.primary").click();
  if (await page.locator("[data-action=continue]").isVisible()) await page.locator("[data-action=continue]").click();
  await page.locator("[data-results]").waitFor({ state: "visible" });
}

/** Clicks a download button and returns the path of the saved file. */
async function download(page, action, name) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-action=${action}]`).first().click()]);
  const path = join(folder, name);
  await file.saveAs(path);
  return path;
}

// Five participants (a2 is reverse-keyed: 6 - answer; b: Nooit 1, Soms 3, Vaak 5):
//      A (a1, a2, a3)           B (b1, b2)      C (c1, c2)
// p1:  5, 6-1, 5   -> 5          5, 5 -> 5      4, 4 -> 4
// p2:  4, 6-2, 4   -> 4          3, 5 -> 4      3, 5 -> 4
// p3:  3, 6-3, 3   -> 3          1, 3 -> 2      2, 2 -> 2
// p4:  2, 6-5, 2   -> 5/3        1, 1 -> 1      1, 2 -> 1.5
// p5:  4, n.v.t., 5 -> 4.5       3, 3 -> 3      5, 5 -> 5
// Means: A 18.1667 / 5 = 3.63 (band Hoog); B 15 / 5 = 3.0; C 16.5 / 5 = 3.3.
// Spread: B sqrt(10 / 4) = 1.58; C sqrt(8.8 / 4) = 1.48.
// Bands: A Laag 1 (5/3), Midden 1 (3), Hoog 3; B Weinig 2 (2, 1), Veel 3.
const participants = [
  { answers: { a1: "5", a2: "1", a3: "5", b1: "2", b2: "2", c1: "4", c2: "4", p1: "1" }, reflection: "Niet voor de groep." },
  { answers: { a1: "4", a2: "2", a3: "4", b1: "1", b2: "2", c1: "3", c2: "5", p1: "5" } },
  { answers: { a1: "3", a2: "3", a3: "3", b1: "0", b2: "1", c1: "2", c2: "2", p1: "2" }, reflection: "Meer overleg met de cliënt.", share: true },
  { answers: { a1: "2", a2: "5", a3: "2", b1: "0", b2: "0", c1: "1", c2: "2", p1: "4" } },
  { answers: { a1: "4", a2: "na", a3: "5", b1: "1", b2: "1", c1: "5", c2: "5", p1: "3" }, reflection: "Eerst luisteren.", share: true },
];
const files = [];
const pages = [];

test("five people take the questionnaire in their own browsers and export a file for the group", async () => {
  for (const [i, p] of participants.entries()) {
    const page = await person();
    await take(page, p.answers, p.reflection);
    if (p.share) await page.check("[data-group-reflections]");
    files.push(await download(page, "export-group", `deelnemer-${i + 1}.json`));
    pages.push(page);
  }
  const first = JSON.parse(await readFile(files[0], "utf8"));
  assert.equal(first.purpose, "group");
  assert.equal(first.reflections_shared, false);
  assert.equal(first.assessments.proef.attempts.length, 1);
  assert.equal(JSON.stringify(first).includes("Niet voor de groep"), false, "an unticked reflection stays home");
  const third = JSON.parse(await readFile(files[2], "utf8"));
  assert.equal(third.assessments.proef.attempts[0].answers.o1, "Meer overleg met de cliënt.");
});

const text = (page, selector) => page.locator(selector).first().textContent();

test("the lecturer drops the five files and sees the group profile computed by hand", async () => {
  assert.equal(files.length, 5);
  const page = await person(server.url(GROUP_PAGE));
  await page.locator("[data-group-files]").setInputFiles(files);
  await page.locator("[data-group-mean]").first().waitFor();
  assert.equal(await text(page, "[data-group-count]"), "5");
  assert.equal(await text(page, "[data-group-mean=dim-a]"), "3,6 (Hoog)");
  assert.equal(await text(page, "[data-group-mean=dim-b]"), "3,0 (Veel)");
  assert.equal(await text(page, "[data-group-mean=dim-c]"), "3,3 (Hoog)");
  assert.equal(await text(page, "[data-group-sd=dim-b]"), "1,6");
  assert.equal(await text(page, "[data-group-sd=dim-c]"), "1,5");
  assert.equal(await text(page, "[data-group-bands=dim-a]"), "Laag: 1 · Midden: 1 · Hoog: 3");
  assert.equal(await text(page, "[data-group-bands=dim-b]"), "Weinig: 2 · Veel: 3");
  assert.match(await text(page, "[data-group-profile]"), /Testgroep \(n = 40, 2020\)/, "the norm is shown");
  // b1 scores 5, 3, 1, 1, 3 and b2 scores 5, 5, 3, 1, 3: both sd sqrt(11.2 / 4) = 1.67, 0.42 of
  // the range 1..5; c1 (4, 3, 2, 1, 5) and p1 (poles: 1, 5, 2, 4, 3) both sd sqrt(10 / 4) = 1.58,
  // 0.40 of the range. Ties keep the order of the questionnaire.
  const disagreement = await page.locator("[data-group-disagreement] li").evaluateAll((items) => items.map((li) => li.dataset.item));
  assert.deepEqual(disagreement.slice(0, 4), ["b1", "b2", "c1", "p1"]);
  const reflections = await text(page, ".group-reflections");
  assert.match(reflections, /2 van de 5 deelnemers/);
  assert.match(reflections, /Eerst luisteren\..*Meer overleg met de cliënt\./s);
  assert.equal(reflections.includes("Niet voor de groep"), false);

  // Projected: only the profile, in large type; the same button ends it.
  await page.locator("[data-action=present]").click();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains("presenting")), true);
  assert.equal(await page.locator(".site-header").isVisible(), false);
  assert.equal(await page.locator("[data-drop-zone]").isVisible(), false);
  assert.ok(await page.locator("[data-group-mean=dim-a]").isVisible());
  await page.screenshot({ path: join(folder, "projected.png") });
  await page.locator("[data-action=present]").click();
  assert.ok(await page.locator(".site-header").isVisible());

  const csv = await readFile(await download(page, "export-csv", "groep.csv"), "utf8");
  assert.match(csv, /^\ufeffvragenlijst,versie,soort,onderdeel of vraag,n,gemiddelde,spreiding \(sd\),verdeling\r\n/m);
  assert.match(csv, /Proefvragenlijst,1,onderdeel,Onderdeel A,5,3\.6,1\.3,Laag: 1 · Midden: 1 · Hoog: 3/);
  assert.match(csv, /Proefvragenlijst,1,onderdeel,Onderdeel B,5,3,1\.6,Weinig: 2 · Veel: 3/);
  assert.equal(csv.includes("Vraag A2"), false, "a2 has four answers and one n.v.t.: too few to show");

  // The page for all questionnaires gives the same profile, here with the
  // files dropped on it rather than chosen.
  await page.goto(server.url("groepsprofiel.html"));
  const contents = await Promise.all(files.map((f) => readFile(f, "utf8")));
  const dropped = await page.evaluateHandle((texts) => {
    const transfer = new DataTransfer();
    texts.forEach((t, i) => transfer.items.add(new File([t], `deelnemer-${i + 1}.json`, { type: "application/json" })));
    return transfer;
  }, contents);
  await page.locator("[data-drop-zone]").dispatchEvent("drop", { dataTransfer: dropped });
  await page.locator("[data-group-profile=proef] [data-group-mean]").first().waitFor();
  assert.equal(await text(page, "[data-group-mean=dim-a]"), "3,6 (Hoog)");
});

test("four files show only the count, never a score", async () => {
  const page = await person(server.url(GROUP_PAGE));
  await page.locator("[data-group-files]").setInputFiles(files.slice(0, 4));
  await page.locator("[data-group-too-small]").waitFor();
  assert.equal(await text(page, "[data-group-count]"), "4");
  assert.equal(await page.locator("[data-group-mean], [data-group-disagreement], .group-reflections, .bars").count(), 0);
  assert.match(await text(page, "[data-group-too-small]"), /vanaf 5 deelnemers/);
  const csv = await readFile(await download(page, "export-csv", "klein.csv"), "utf8");
  assert.equal(csv.trim().split("\r\n").length, 2);
  assert.match(csv, /Proefvragenlijst,1,deelnemers,,4,,/);
});

test("a file of another version, a duplicate and a foreign file are refused with a message", async () => {
  const old = JSON.parse(await readFile(files[0], "utf8"));
  old.assessments.proef.version = 2;
  for (const attempt of old.assessments.proef.attempts) attempt.version = 2;
  const other = join(folder, "andere-versie.json");
  await writeFile(other, JSON.stringify(old));
  const foreign = join(folder, "vreemd.json");
  await writeFile(foreign, JSON.stringify({ format: "wijzer-results", format_version: 1, site: "andere-site", assessments: {} }));
  const page = await person(server.url(GROUP_PAGE));
  await page.locator("[data-group-files]").setInputFiles([...files.slice(0, 4), other, files[1], foreign]);
  await page.locator("[data-group-problem]").first().waitFor();
  const problems = await page.locator("[data-group-problem]").allTextContents();
  assert.equal(problems.length, 3, problems.join("\n"));
  assert.match(problems.join("\n"), /andere-versie\.json: .*andere versie van de vragenlijst.*\(versie 2\).*telt niet mee/);
  assert.match(problems.join("\n"), /deelnemer-2\.json: .*hetzelfde resultaat als in deelnemer-2\.json/);
  assert.match(problems.join("\n"), /vreemd\.json: .*andere site/);
  assert.equal(await text(page, "[data-group-count]"), "4", "nothing of the refused files is mixed in");
  assert.equal(await page.locator("[data-group-mean]").count(), 0);
});

test("a share link round-trips exactly, and shows next to the reader's own result", async () => {
  const sharer = pages[0];
  await sharer.locator("[data-action=share]").click();
  const link = await sharer.locator("[data-share-link]").inputValue();
  assert.ok(link.startsWith(server.url(PAGE) + "#resultaat=1."), link);
  assert.equal(link.includes("Niet voor de groep"), false, "reflections stay out of the link");
  assert.match(await text(sharer, "[data-share-length]"), new RegExp(`${link.length} tekens`));
  const own = await sharer.locator("[data-results] .result-table tbody").first().innerText();

  // Someone without results of their own sees exactly the same table.
  const stranger = await person(link);
  await stranger.locator("[data-shared] .result-table").first().waitFor();
  assert.equal(await stranger.locator("[data-shared] .result-table tbody").first().innerText(), own);
  assert.equal(await text(stranger, "[data-shared] caption"), "Het gedeelde resultaat");
  assert.equal(await stranger.evaluate(() => document.activeElement?.id), "wijzer-shared", "the shared result has the focus");
  assert.equal(await text(stranger, "[data-shared] [data-score=dim-a]"), "5,0");
  assert.deepEqual(await stranger.evaluate(() => Object.keys(localStorage)), [], "a shared result is not stored");

  // A colleague with a result of their own sees both, side by side.
  const colleague = pages[1];
  await colleague.goto(link);
  await colleague.locator("[data-shared] [data-comparison]").waitFor();
  assert.equal(await colleague.locator("[data-shared] [data-compare=dim-a] td").allTextContents().then((c) => c.join(" | ")), "5,0 | 4,0 | +1,0");

  // An in-page link changes the fragment; the shared result stays, also
  // when the colleague then adds a result of their own.
  await colleague.evaluate(() => {
    window.location.hash = "#vraag-a1";
  });
  await colleague.locator("form button.primary").click();
  await colleague.locator("table.history").waitFor();
  assert.ok(await colleague.locator("[data-shared] [data-comparison]").isVisible());
  assert.equal(await colleague.locator("[data-compare-first] option").count(), 3, "two own results and the shared one");

  // A damaged link says so and shows nothing.
  const damaged = await person(link.slice(0, -2));
  assert.match(await text(damaged, "[data-shared-problem]"), /beschadigd/);
  assert.equal(await damaged.locator("[data-shared] [data-score]").count(), 0);
});

test("two results of one person are compared in one chart and table", async () => {
  const page = pages[3];
  await page.locator("[data-action=restart]").click();
  await take(page, { a1: "5", a2: "1", a3: "5", b1: "2", b2: "2", c1: "5", c2: "5", p1: "5" });
  await page.locator("[data-compare-choice]").waitFor({ state: "visible" });
  const rows = await page.locator("[data-compare-output] [data-compare]").evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent).join(" | ")),
  );
  assert.deepEqual(rows, ["5,0 | 1,7 | +3,3", "5,0 | 1,0 | +4,0", "5,0 | 1,5 | +3,5"]);
  assert.equal(await page.locator("[data-compare-output] svg.radar .radar-previous").count(), 1);

  // A colleague's exported file is a third choice.
  await page.locator("[data-compare-file]").setInputFiles(files[2]);
  await page.waitForFunction(() => document.querySelector("[data-compare-second]").options.length === 3);
  const second = await page.locator("[data-compare-output] [data-compare=dim-b] td").allTextContents();
  assert.deepEqual(second, ["5,0", "2,0", "+3,0"]);
});

test("the reflection report shows scores, feedback, reflections and pages, and downloads as Markdown", async () => {
  const page = pages[0];
  await page.locator("a[href$='reflectieverslag/proef.html']").click();
  await page.locator("[data-portfolio-body] .result").waitFor();
  await page.fill("[data-portfolio-name]", "Sam de Vries");
  const report = await text(page, "[data-portfolio-body]");
  assert.match(report, /Reflectieverslag: Proefvragenlijst/);
  assert.match(report, /Sam de Vries/);
  assert.match(report, /Sterk punt\./, "the feedback of band Hoog of A");
  assert.match(report, /Niet voor de groep\./, "one's own reflections are in one's own report");
  assert.match(await text(page, ".portfolio-pages"), /Moreel beraad/);
  const markdown = await readFile(await download(page, "markdown", "verslag.md"), "utf8");
  assert.match(markdown, /^# Reflectieverslag: Proefvragenlijst/);
  assert.match(markdown, /- Naam: Sam de Vries/);
  assert.match(markdown, /\| Onderdeel A \| 5,0 \| Hoog \| 3 \/ 3 \|/);
  assert.match(markdown, /\| Onderdeel B \| 5,0 \| Veel \| 2 \/ 2 \|/);
  assert.match(markdown, /Sterk punt\./);
  assert.match(markdown, /> Niet voor de groep\./);
  assert.ok(markdown.includes(`(${server.url("methoden/beraad.html")})`), "links are absolute");
  const stored = await page.evaluate(() => Object.values(localStorage).join(" "));
  assert.equal(stored.includes("Sam de Vries"), false, "the name is not stored");
});

test("the share link of the largest default questionnaire is short enough for a chat", async () => {
  const site = await serve(siteDir);
  const session = await watchedPage(browser, withinOrigin(site.origin));
  const { page, context, problems } = session;
  const largest = await (async () => {
    await page.goto(site.url("mijn-resultaten.html"));
    const catalogue = await page.evaluate(() => JSON.parse(document.getElementById("wijzer-catalogue").textContent));
    return catalogue.sort((a, b) => b.items.length - a.items.length)[0];
  })();
  await page.goto(site.url(largest.url));
  for (const item of largest.items) {
    if (item.kind === "open") await page.fill(`textarea[name="${item.id}"]`, "Een reflectie die niet in de link komt.");
    else await page.check(`input[name="${item.id}"][value="${item.choices.at(-1).value}"]`);
  }
  await page.locator("form button.primary").click();
  await page.locator("[data-action=share]").click();
  const link = await page.locator("[data-share-link]").inputValue();
  const fragment = link.slice(link.indexOf("#"));
  console.log(`share link of ${largest.id} (${largest.items.length} items): fragment ${fragment.length} characters, path and fragment ${largest.url.length + 1 + fragment.length}`);
  assert.ok(fragment.length < 80, fragment);
  await context.close();
  await site.close();
  assert.deepEqual(problems, clean);
});
