// Smoke test of a built site in real Chromium: open the home page from disk
// and over HTTP, follow every internal link to every page, and check that no
// page logs an error and no request goes to any other host.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fileUrl, launch, serve, siteDir, watchedPage, withinFiles, withinOrigin } from "./harness.mjs";

const PAGE_TYPES = ["model", "kader", "methode", "dilemma", "begrip", "bron", "leerroute"];

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Visits every page reachable from `start` by internal links; returns what it saw. */
async function crawl(page, start, isInternal) {
  const queue = [start];
  const seen = new Set();
  const kinds = new Set();
  while (queue.length > 0) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const response = await page.goto(url);
    if (response) assert.equal(response.status(), 200, `${url} answered ${response.status()}`);
    assert.ok((await page.title()).length > 0, `${url} has no title`);
    const found = await page.evaluate(() => ({
      links: [...document.querySelectorAll("a[href]")].map((a) => a.href),
      kind: document.querySelector("article.page")?.className.match(/page-(\w+)/)?.[1] ?? null,
    }));
    if (found.kind) kinds.add(found.kind);
    for (const link of found.links) {
      const target = link.split("#")[0];
      if (isInternal(target) && !seen.has(target)) queue.push(target);
    }
  }
  return { pages: seen.size, kinds };
}

for (const mode of ["disk", "http"]) {
  test(`every page can be reached and shown, opened ${mode === "disk" ? "from disk" : "over HTTP"}`, async () => {
    const start = mode === "disk" ? fileUrl("index.html") : server.url("index.html");
    const allowed = mode === "disk" ? withinFiles : withinOrigin(server.origin);
    const { page, context, problems } = await watchedPage(browser, allowed);
    const { pages, kinds } = await crawl(page, start, allowed);
    await context.close();
    console.log(`# ${mode}: ${pages} pages visited from ${siteDir}`);
    assert.ok(pages >= 10, `only ${pages} pages reached`);
    for (const kind of PAGE_TYPES) assert.ok(kinds.has(kind), `no ${kind} page reached`);
    assert.deepEqual(problems.foreignRequests, [], "requests left the site");
    assert.deepEqual(problems.consoleErrors, [], "console errors");
    assert.deepEqual(problems.pageErrors, [], "uncaught exceptions");
    assert.deepEqual(problems.failedRequests, [], "failed requests");
  });
}

test("the site works from a sub-folder of a web server", async () => {
  const { mkdtemp, cp } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const root = await mkdtemp(join(tmpdir(), "wijzer-sub-"));
  await cp(siteDir, join(root, "lessen", "wijzer"), { recursive: true });
  const sub = await serve(root);
  const { page, context, problems } = await watchedPage(browser, withinOrigin(sub.origin));
  const { pages } = await crawl(page, sub.url("lessen/wijzer/index.html"), (u) => u.startsWith(sub.url("lessen/wijzer/")));
  await context.close();
  await sub.close();
  assert.ok(pages >= 10);
  assert.deepEqual(problems.failedRequests, []);
  assert.deepEqual(problems.consoleErrors, []);
});

test("a leerroute remembers the steps marked done, in this browser only", async () => {
  const { page, context, problems } = await watchedPage(browser, withinFiles);
  await page.goto(fileUrl("leerroutes/index.html"));
  const first = await page.locator(".cards a").first().getAttribute("href");
  await page.goto(new URL(first, page.url()).href);
  const boxes = page.locator("[data-route-step]");
  assert.ok((await boxes.count()) >= 2, "a leerroute has steps with checkboxes");
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.reload();
  assert.equal(await page.locator("[data-route-count]").textContent(), "2");
  assert.ok(await boxes.nth(0).isChecked());
  const stored = await page.evaluate(() => Object.keys(localStorage));
  assert.equal(stored.length, 1);
  assert.match(stored[0], /^wijzer:[^:]+:leerroute:/);
  await context.close();
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
});

test("every questionnaire of the site can be taken and scored", async () => {
  const { page, context, problems } = await watchedPage(browser, withinFiles);
  await page.goto(fileUrl("zelfevaluaties/index.html"));
  const questionnaires = await page.locator(".cards a").evaluateAll((links) => links.map((a) => a.href));
  assert.ok(questionnaires.length > 0, "the zelfevaluaties page lists questionnaires");
  for (const url of questionnaires) {
    await page.goto(url);
    const groups = await page.evaluate(() => [...new Set([...document.querySelectorAll("form[data-assessment] input[type=radio]")].map((i) => i.name))]);
    for (const [i, name] of groups.entries()) {
      const options = page.locator(`form[data-assessment] input[name="${name}"]:not([value=na])`);
      await options.nth(i % (await options.count())).check();
    }
    await page.locator("form[data-assessment] button.primary").click();
    await page.locator("[data-results]").waitFor({ state: "visible" });
    const scores = await page.locator("[data-results] [data-score]").allTextContents();
    assert.ok(scores.every((s) => /^\d+,\d$/.test(s)), `${url}: ${scores.join(" | ")}`);
  }
  await context.close();
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
});

test("a full visit sends nothing anywhere: browse, search, take and export a questionnaire", async () => {
  for (const mode of ["disk", "http"]) {
    const start = mode === "disk" ? fileUrl("index.html") : server.url("index.html");
    const allowed = mode === "disk" ? withinFiles : withinOrigin(server.origin);
    const { page, context, problems } = await watchedPage(browser, allowed);
    const requests = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(start);
    await page.locator(".site-menu a").first().click();
    await page.locator(".cards a").first().click();
    await page.waitForLoadState("load");
    await page.keyboard.press("/");
    await page.keyboard.type("moreel beraad");
    await page.waitForSelector("#wijzer-zoek-lijst a");
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    await page.locator(".site-menu a", { hasText: "Zelfevaluaties" }).click();
    await page.locator('.cards a[href*="bewust-beslissen"]').click();
    const groups = await page.evaluate(() => [...new Set([...document.querySelectorAll("form[data-assessment] input[type=radio]")].map((i) => i.name))]);
    for (const name of groups) await page.locator(`input[name="${name}"]`).first().check();
    await page.locator("form button.primary").click();
    await page.locator("[data-results]").waitFor({ state: "visible" });
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-action=export-json]").click()]);
    assert.ok(await download.path());
    await context.close();
    assert.ok(requests.length > 10, `${mode}: ${requests.length} requests seen`);
    assert.deepEqual(problems.foreignRequests, [], `${mode}: requests left the site`);
    assert.deepEqual(problems.failedRequests, [], mode);
    assert.deepEqual(problems.pageErrors, [], mode);
  }
});
