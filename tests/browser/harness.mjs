// Shared harness for the browser tests: a static file server on loopback,
// headless Chromium from the system, and a watch on every request a page
// makes, so that tests can prove nothing leaves the site.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

/** The built site under test: WIJZER_SITE, or the repository's dist/. */
export const siteDir = resolve(process.env.WIJZER_SITE ?? new URL("../../dist", import.meta.url).pathname);

/** The fixture site of tests/fixtures/basic, built by .ci/run (WIJZER_FIXTURE_SITE). */
export const fixtureDir = resolve(
  process.env.WIJZER_FIXTURE_SITE ?? new URL("../../target/fixture-site", import.meta.url).pathname,
);

export const fileUrl = (rel = "index.html", dir = siteDir) => pathToFileURL(join(dir, rel)).href;

const types = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves `root` on 127.0.0.1 at a free port, as a plain static host would.
 * `received` lists every request as the server saw it ("GET /path?query").
 */
export async function serve(root = siteDir) {
  const received = [];
  const server = createServer(async (req, res) => {
    received.push(`${req.method} ${req.url}`);
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(root + sep) && file !== root) throw new Error("outside");
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      res.end(await readFile(join(root, "404.html")).catch(() => "not found"));
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, received, url: (rel = "") => `${origin}/${rel}`, close: () => new Promise((done) => server.close(done)) };
}

/** Chromium from the system packages, with its own background traffic off. */
const CHROMIUM = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--allow-file-access-from-files",
  ],
};

/** Headless Chromium, whose contexts are incognito. */
export function launch() {
  return chromium.launch(CHROMIUM);
}

/**
 * The same Chromium with a profile of its own in `dir`, like a reader's
 * browser: unlike the contexts of launch() it is not incognito, so Chromium
 * will consider installing a site. Returns its one context.
 */
export function launchWithProfile(dir) {
  return chromium.launchPersistentContext(dir, CHROMIUM);
}

/**
 * Opens a page that records console errors, uncaught exceptions and every
 * request; `allowed(url)` says which requests stay within the site.
 */
export async function watchedPage(browser, allowed) {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { page, context, problems: watch(page, allowed) };
}

/** What watchedPage records, for a page of any context. */
export function watch(page, allowed) {
  const problems = { consoleErrors: [], pageErrors: [], foreignRequests: [], failedRequests: [] };
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.consoleErrors.push(`${page.url()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.pageErrors.push(`${page.url()}: ${err.message}`));
  page.on("request", (req) => {
    if (!allowed(req.url())) problems.foreignRequests.push(req.url());
  });
  // A load cut short by the next navigation (ERR_ABORTED) is the test moving
  // on, not a fault of the site.
  page.on("requestfailed", (req) => {
    const reason = req.failure()?.errorText ?? "";
    if (reason !== "net::ERR_ABORTED") problems.failedRequests.push(`${req.url()}: ${reason}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.failedRequests.push(`${res.url()}: HTTP ${res.status()}`);
  });
  return problems;
}

/** Requests that stay on this device: the site's files, data: and blob: URLs. */
export const withinFiles = (url, dir = siteDir) =>
  url.startsWith(pathToFileURL(dir).href) || url.startsWith("data:") || url.startsWith("blob:");
export const withinOrigin = (origin) => (url) =>
  url.startsWith(origin + "/") || url.startsWith("data:") || url.startsWith("blob:");
