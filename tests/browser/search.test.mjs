// Search in real Chromium on the default site, from disk and over HTTP:
// everyday Dutch queries find their page in the top three, inflections find
// their base form, filters narrow, the keyboard works, and nothing leaves the
// site. Also the ranking rules on the fixture site, and the query time on a
// site of over 2,000 pages (reported, not asserted: budgets are benchmarks).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import vm from "node:vm";
import { fileUrl, fixtureDir, launch, serve, siteDir, watchedPage, withinFiles, withinOrigin } from "./harness.mjs";

const require = createRequire(import.meta.url);
const search = require("../../themes/default/static/search.js");

/** The index of a built site, loaded as the browser would. */
function loadIndex(dir) {
  const context = { window: {} };
  vm.createContext(context);
  vm.runInContext(readFileSync(join(dir, "static/search-index.js"), "utf8"), context);
  return search.prepare(context.window.WIJZER_SEARCH_INDEX);
}

const urls = (index, query, kinds) => search.search(index, query, kinds).map((r) => r.page[1]);

test("an exact title match ranks above a passing mention", () => {
  const index = loadIndex(fixtureDir);
  const found = urls(index, "frame");
  assert.equal(found[0], "kaders/frame.html");
  assert.ok(found.indexOf("kaders/reframing.html") > 0, "the passing mention is found, lower");
});

test("inflected forms give the same results as their base form", () => {
  const index = loadIndex(siteDir);
  for (const [inflected, base] of [["dilemma's", "dilemma"], ["gesprekken", "gesprek"], ["cliënten", "client"], ["beslissingen", "beslissing"]]) {
    assert.deepEqual(urls(index, inflected), urls(index, base), `${inflected} / ${base}`);
    assert.ok(urls(index, base).length > 0, base);
  }
});

test("prefix and compound matching: 'regie' finds regievoering and casusregie", () => {
  const index = loadIndex(siteDir);
  const found = urls(index, "regie");
  assert.ok(found.includes("begrippen/casusregie.html"), "compound with regie at the end");
  const words = new Set(index.names);
  assert.ok([...words].some((w) => w.startsWith("regie") && w !== "regie"), "a longer word starting with regie exists");
});

// Ten everyday queries and a page each must find in its top three.
const QUERIES = [
  ["eigen regie", "begrippen/eigen-regie.html"],
  ["gesprekken met cliënten", "dilemmas/de-client-aan-tafel.html"],
  ["dilemma's", "begrippen/dilemma.html"],
  ["moreel beraad", "methoden/moreel-beraad.html"],
  ["bakens", "kaders/bakens-welzijn-nieuwe-stijl.html"],
  ["vertolker", "model/vertolker.html"],
  ["time-out", "methoden/time-out.html"],
  ["discretionaire ruimte", "kaders/discretionaire-ruimte.html"],
  ["privacy", "dilemmas/privacy-hoe-strikt.html"],
  ["generalist of specialist", "dilemmas/generalist-of-specialist.html"],
  ["zelfsturing", "kaders/zelfsturing.html"],
];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

for (const mode of ["disk", "http"]) {
  test(`everyday Dutch queries find their page in the top three (${mode})`, async () => {
    const server = mode === "http" ? await serve() : null;
    const start = server ? server.url("kaders/index.html") : fileUrl("kaders/index.html");
    const { page, context, problems } = await watchedPage(browser, server ? withinOrigin(server.origin) : withinFiles);
    await page.goto(start);
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement.id), "wijzer-zoek", "/ focuses the search box");
    for (const [query, expected] of QUERIES) {
      await page.fill("#wijzer-zoek", query);
      await page.waitForFunction((q) => {
        const list = document.getElementById("wijzer-zoek-lijst");
        return !list.hidden && document.getElementById("wijzer-zoek").value === q && list.children.length > 0;
      }, query);
      const hrefs = await page.locator("#wijzer-zoek-lijst a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
      const top = hrefs.slice(0, 3).map((h) => h.replace(/^\.\.\//, "").split("#")[0]);
      assert.ok(top.includes(expected), `${query}: ${expected} not in ${top.join(", ")}`);
      const marks = await page.locator("#wijzer-zoek-lijst mark").count();
      assert.ok(marks > 0, `${query}: no highlighted terms in the snippets`);
    }
    await page.fill("#wijzer-zoek", "moreel beraad");
    await page.waitForSelector("#wijzer-zoek-lijst a");
    await page.keyboard.press("ArrowDown");
    const first = await page.locator("#wijzer-zoek-lijst a").first().getAttribute("href");
    assert.equal(await page.getAttribute("#wijzer-zoek", "aria-activedescendant"), "zoek-optie-0");
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    assert.ok(page.url().endsWith(first.replace(/^\.\.\//, "")), `Enter opened ${page.url()}`);
    await context.close();
    await server?.close();
    assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], foreignRequests: [], failedRequests: [] });
  });
}

test("the search page lists all results and filters them by type", async () => {
  const { page, context, problems } = await watchedPage(browser, withinFiles);
  await page.goto(fileUrl("kaders/index.html"));
  await page.fill("#wijzer-zoek", "regie");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  assert.match(page.url(), /zoeken\.html\?q=regie$/, "Enter without a chosen result opens the search page");
  await page.waitForFunction(() => document.querySelector("[data-search-count]").textContent.length > 0);
  const all = await page.locator("[data-search-results] li").count();
  assert.ok(all >= 5, `${all} results`);
  const kinds = await page.locator("[data-search-results] a").evaluateAll((a) => new Set(a.map((x) => x.dataset.kind)).size);
  assert.ok(kinds >= 2, "results of several types");
  await page.locator("[data-search-filters] input[value=begrip]").check();
  await page.waitForFunction((n) => document.querySelectorAll("[data-search-results] li").length < n, all);
  const filtered = await page.locator("[data-search-results] a").evaluateAll((a) => a.map((x) => x.dataset.kind));
  assert.ok(filtered.length > 0 && filtered.every((k) => k === "begrip"), filtered.join(","));
  assert.match(await page.locator("[data-search-count]").textContent(), new RegExp(`^${filtered.length} `));
  await context.close();
  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], foreignRequests: [], failedRequests: [] });
});

const largeSite = resolve(process.env.WIJZER_LARGE_SITE ?? new URL("../../target/corpus-site", import.meta.url).pathname);

test("query time on a site of over 2,000 pages, in Chromium (reported)", async () => {
  assert.ok(existsSync(join(largeSite, "static/search-index.js")), `build the large site first: ${largeSite}`);
  const pages = loadIndex(largeSite).raw.pages.length;
  assert.ok(pages >= 2000, `${pages} pages`);
  const { page, context } = await watchedPage(browser, (u) => withinFiles(u, largeSite));
  await page.goto(fileUrl("index.html", largeSite));
  const timings = await page.evaluate(async (queries) => {
    await new Promise((done) => {
      const script = document.createElement("script");
      script.src = "static/search-index.js";
      script.onload = done;
      document.head.appendChild(script);
    });
    // As the search box does when the index has loaded, before the
    // reader's first query.
    const index = window.WijzerSearch.warm(window.WIJZER_SEARCH_INDEX);
    return queries.map((q) => {
      const start = performance.now();
      const results = window.WijzerSearch.search(index, q);
      return [q, performance.now() - start, results.length];
    });
  }, QUERIES.map((q) => q[0]).concat(["regie", "client", "professional"]));
  await context.close();
  const times = timings.map((t) => t[1]).sort((a, b) => a - b);
  console.log(`# query time at ${pages} pages: median ${times[times.length >> 1].toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
  for (const [q, ms, n] of timings) console.log(`#   ${q}: ${ms.toFixed(1)} ms, ${n} pages`);
  assert.ok(timings.every((t) => t[2] > 0), "every query finds pages");
});
