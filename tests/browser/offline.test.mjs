// Offline use in real Chromium, on the default site. Over HTTP the service
// worker registers, controls the page after a reload and makes the site
// installable; then, with the network off, pages never visited before load
// with their style sheet, search finds results and a questionnaire can be
// taken. The cache holds exactly the site's files, byte for byte, and
// nothing a reader filled in, and no request (of the pages or of the worker)
// leaves the site. From disk no worker is registered. The time from the
// first visit to an active worker is reported, not asserted.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  fileUrl,
  launch,
  launchWithProfile,
  serve,
  siteDir,
  watch,
  watchedPage,
  withinFiles,
  withinOrigin,
} from "./harness.mjs";

const QUESTIONNAIRE = "zelfevaluaties/bewust-beslissen.html";

let browser;
let server;
let settings;
before(async () => {
  browser = await launch();
  server = await serve();
  settings = await workerSettings();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** What wijzer wrote into sw.js: the cache name, its prefix and the files. */
async function workerSettings(dir = siteDir) {
  const worker = await readFile(join(dir, "sw.js"), "utf8");
  const start = worker.indexOf("const SITE = ") + "const SITE = ".length;
  const end = worker.indexOf("};", start) + 1;
  return JSON.parse(worker.slice(start, end));
}

/** Waits until the page has an activated service worker; returns its scope. */
function activeWorkerScope(page) {
  return page.evaluate(
    () =>
      new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error("no active service worker after 60 s")), 60_000);
        navigator.serviceWorker.ready.then((registration) => {
          const worker = registration.active;
          const finish = () => {
            clearTimeout(timer);
            done(registration.scope);
          };
          if (worker.state === "activated") finish();
          else worker.addEventListener("statechange", () => worker.state === "activated" && finish());
        });
      }),
  );
}

const controlled = (page) => page.evaluate(() => (navigator.serviceWorker?.controller ?? null) !== null);

/** Opens `url` with the network off: answered by the worker, with its style sheet. */
async function openOffline(page, url) {
  const response = await page.goto(url);
  assert.ok(response, `${url}: no response`);
  assert.equal(response.status(), 200, url);
  assert.ok(response.fromServiceWorker(), `${url} was not answered by the service worker`);
  const styled = await page.evaluate(() =>
    [...document.styleSheets].some((sheet) => {
      try {
        return sheet.href?.endsWith("static/style.css") && sheet.cssRules.length > 50;
      } catch {
        return false; // a sheet that failed to load has no rules to read
      }
    }),
  );
  assert.ok(styled, `${url} has no style sheet`);
}

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/**
 * Every entry of every cache of the page's origin: its URL, the SHA-256 of
 * its body, and which of `needles` its body contains.
 */
function cacheEntries(page, needles) {
  return page.evaluate(async (needles) => {
    const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
    const names = await caches.keys();
    const entries = [];
    for (const name of names) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const bytes = await (await cache.match(request)).arrayBuffer();
        const text = new TextDecoder().decode(bytes);
        entries.push({
          url: request.url,
          digest: hex(await crypto.subtle.digest("SHA-256", bytes)),
          holds: needles.filter((needle) => text.includes(needle)),
        });
      }
    }
    return { names, entries };
  }, needles);
}

/** Answers every choice of the questionnaire on the page and writes a reflection. */
async function takeQuestionnaire(page, reflection) {
  const groups = await page.evaluate(() => [
    ...new Set([...document.querySelectorAll("form[data-assessment] input[type=radio]")].map((i) => i.name)),
  ]);
  assert.ok(groups.length > 0, "the questionnaire has questions");
  for (const [i, name] of groups.entries()) {
    const options = page.locator(`form[data-assessment] input[name="${name}"]:not([value=na])`);
    await options.nth(i % (await options.count())).check();
  }
  await page.locator("form[data-assessment] textarea").first().fill(reflection);
  await page.locator("form[data-assessment] button.primary").click();
  await page.locator("[data-results]").waitFor({ state: "visible" });
  const scores = await page.locator("[data-results] [data-score]").allTextContents();
  assert.ok(scores.length > 0 && scores.every((s) => /^\d+,\d$/.test(s)), scores.join(" | "));
}

test("over HTTP the site installs, then works offline from a cache of exactly its own files", async () => {
  const profile = await mkdtemp(join(tmpdir(), "wijzer-profile-"));
  const context = await launchWithProfile(profile);
  try {
    // Every request of the context, also those the service worker makes.
    const requests = [];
    context.on("request", (request) => requests.push({ url: request.url(), byWorker: request.serviceWorker() !== null }));
    const page = context.pages()[0] ?? (await context.newPage());
    const problems = watch(page, withinOrigin(server.origin));

    const visited = Date.now();
    await page.goto(server.url("index.html"));
    assert.equal(await activeWorkerScope(page), server.url(""), "the worker's scope is the whole site");
    const activeAfter = Date.now() - visited;
    await page.reload();
    assert.ok(await controlled(page), "the worker controls the page after a reload");

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, [], "Chromium would install the site");
    const manifest = await cdp.send("Page.getAppManifest");
    assert.deepEqual(manifest.errors, [], "the manifest parses");
    await cdp.detach();
    // A file of the server that is not in the list, asked for with a query:
    // a worker that cached responses at runtime would now keep it.
    const probe = server.url("sw.js?probe=1");
    await page.evaluate(
      (src) =>
        new Promise((done) => {
          const image = new Image();
          image.onload = image.onerror = done;
          image.src = src;
        }),
      probe,
    );
    assert.ok(requests.some((r) => r.url === probe && r.byWorker), "the worker passed the probe on");

    await context.setOffline(true);
    const listed = settings.files;
    const kader = listed.find((f) => f.startsWith("kaders/") && !f.endsWith("index.html"));
    const dilemma = listed.find((f) => f.startsWith("dilemmas/") && !f.endsWith("index.html"));
    for (const path of [kader, dilemma]) await openOffline(page, server.url(path));

    await openOffline(page, server.url("zoeken.html?q=regie"));
    await page.locator("[data-search-results] li").first().waitFor();
    assert.ok((await page.locator("[data-search-results] li").count()) > 3, "search finds results offline");

    await openOffline(page, server.url(QUESTIONNAIRE));
    const reflection = `Offline ingevuld, reflectie ${Date.now()}`;
    await takeQuestionnaire(page, reflection);
    const stored = await page.evaluate(() => Object.values(localStorage));
    assert.ok(
      stored.some((value) => value.includes(reflection)),
      "the answers are in localStorage, so searching the cache for them means something",
    );

    const { names, entries } = await cacheEntries(page, [reflection, ...stored]);
    assert.deepEqual(names, [`${settings.cache}:/`], "one cache, named after this build and its folder");
    assert.equal(entries.length, listed.length, "as many entries as the site has files");
    let bytes = 0;
    for (const entry of entries) {
      assert.ok(entry.url.startsWith(server.url("")), `${entry.url} is not of the site`);
      assert.ok(!entry.url.includes("?") && !entry.url.includes("#"), `${entry.url} has a query or fragment`);
      const path = decodeURIComponent(entry.url.slice(server.url("").length));
      assert.ok(listed.includes(path), `${path} is not a file of the site`);
      const file = await readFile(join(siteDir, path));
      assert.equal(entry.digest, sha256(file), `${path} differs from the site's file`);
      assert.deepEqual(entry.holds, [], `${path} holds what the reader filled in`);
      bytes += file.length;
    }

    const notFound = await context.newPage();
    const missing = await notFound.goto(server.url("bestaat-niet.html"));
    assert.equal(missing.status(), 404, "an unknown page offline gets the site's 404 page");
    assert.match(await notFound.title(), /niet gevonden/);
    await notFound.close();

    const byWorker = requests.filter((r) => r.byWorker);
    assert.ok(byWorker.length >= listed.length, `the worker made ${byWorker.length} requests`);
    assert.deepEqual(
      requests.filter((r) => !withinOrigin(server.origin)(r.url)),
      [],
      "requests left the site",
    );
    // The worker asks only for the site's files, and passes on what a page
    // asked for; the browser itself fetches the worker's script.
    const siteFiles = new Set([...listed, "sw.js"].map((path) => server.url(path)));
    const pageAsked = new Set(requests.filter((r) => !r.byWorker).map((r) => r.url));
    assert.deepEqual(
      byWorker.filter((r) => !siteFiles.has(r.url) && !pageAsked.has(r.url)),
      [],
      "the worker asked for something else",
    );
    assert.deepEqual(problems.foreignRequests, [], "requests left the site");
    assert.deepEqual(problems.consoleErrors, [], "console errors");
    assert.deepEqual(problems.pageErrors, [], "uncaught exceptions");
    assert.deepEqual(problems.failedRequests, [], "failed requests");
    console.log(
      `# worker active ${activeAfter} ms after the first visit; ${entries.length} files precached, ${(bytes / 1e6).toFixed(2)} MB`,
    );
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});

test("in sub-folders of a web server each copy of the site serves and keeps its own folder", async () => {
  const root = await mkdtemp(join(tmpdir(), "wijzer-sub-"));
  await cp(siteDir, join(root, "lessen", "2025"), { recursive: true });
  await cp(siteDir, join(root, "lessen", "2026"), { recursive: true });
  const sub = await serve(root);
  const { page, context, problems } = await watchedPage(browser, withinOrigin(sub.origin));
  try {
    await page.goto(sub.url("lessen/2025/index.html"));
    assert.equal(await activeWorkerScope(page), sub.url("lessen/2025/"));
    await page.goto(sub.url("lessen/2026/index.html"));
    assert.equal(await activeWorkerScope(page), sub.url("lessen/2026/"));
    // The same site twice on one server: neither copy removes the other.
    const names = (await page.evaluate(() => caches.keys())).sort();
    assert.deepEqual(names, [`${settings.cache}:/lessen/2025/`, `${settings.cache}:/lessen/2026/`]);
    await context.setOffline(true);
    await openOffline(page, sub.url("lessen/2025/begrippen/index.html"));
    await openOffline(page, sub.url("lessen/2026/"));
    assert.match(await page.title(), /Wijzer/);
    assert.deepEqual(problems.consoleErrors, []);
    assert.deepEqual(problems.failedRequests, []);
    assert.deepEqual(problems.foreignRequests, []);
  } finally {
    await context.close();
    await sub.close();
    await rm(root, { recursive: true, force: true });
  }
});

test("the sw.js the documentation gives for turning offline use off removes the copy", async () => {
  const docs = await readFile(new URL("../../docs/publiceren.md", import.meta.url), "utf8");
  const documented = docs.match(/```js title=sw\.js\n([\s\S]*?)```/)?.[1];
  assert.ok(documented?.includes('"wijzer:mijn-site:site:"'), "docs/publiceren.md gives the file");
  const root = await mkdtemp(join(tmpdir(), "wijzer-off-"));
  await cp(siteDir, root, { recursive: true });
  const site = await serve(root);
  const { page, context, problems } = await watchedPage(browser, withinOrigin(site.origin));
  try {
    await page.goto(site.url("index.html"));
    await activeWorkerScope(page);
    assert.deepEqual(await page.evaluate(() => caches.keys()), [`${settings.cache}:/`]);
    await writeFile(join(root, "sw.js"), documented.replace("wijzer:mijn-site:site:", settings.prefix));
    const left = await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration()).update();
      const state = async () => ({
        registrations: (await navigator.serviceWorker.getRegistrations()).length,
        caches: await caches.keys(),
      });
      for (let i = 0; i < 100 && JSON.stringify(await state()) !== '{"registrations":0,"caches":[]}'; i += 1) {
        await new Promise((done) => setTimeout(done, 100));
      }
      return state();
    });
    assert.deepEqual(left, { registrations: 0, caches: [] }, "the worker and the copy are gone");
    assert.deepEqual(problems.consoleErrors, []);
    assert.deepEqual(problems.failedRequests, []);
  } finally {
    await context.close();
    await site.close();
    await rm(root, { recursive: true, force: true });
  }
});

test("from disk no service worker is registered, and nothing complains", async () => {
  const { page, context, problems } = await watchedPage(browser, withinFiles);
  const requests = [];
  context.on("request", (request) => requests.push(request.url()));
  // Records every attempt to register a worker, also one that would fail.
  await page.addInitScript(() => {
    window.registerCalls = [];
    const container = navigator.serviceWorker;
    if (!container) return;
    const register = container.register.bind(container);
    container.register = (...args) => {
      window.registerCalls.push(String(args[0]));
      return register(...args);
    };
  });
  try {
    for (const path of ["index.html", "kaders/index.html"]) {
      await page.goto(fileUrl(path));
      await page.waitForLoadState("load");
      await page.waitForTimeout(300);
      assert.ok(
        await page.evaluate(() => document.documentElement.hasAttribute("data-service-worker")),
        "the page names its worker, so only the protocol check keeps it from registering",
      );
      assert.deepEqual(await page.evaluate(() => window.registerCalls), [], `${path} registered a worker`);
      assert.equal(await controlled(page), false);
    }
    assert.deepEqual(context.serviceWorkers(), [], "a worker runs");
    assert.deepEqual(
      requests.filter((url) => url.endsWith("/sw.js")),
      [],
      "the worker was asked for",
    );
    assert.deepEqual(problems.consoleErrors, []);
    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.failedRequests, []);
  } finally {
    await context.close();
  }
});
