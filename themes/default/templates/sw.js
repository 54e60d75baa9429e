// wijzer: the service worker that lets the site work offline, and be
// installed as an app, when it is opened over HTTP.
//
// It keeps a copy of the site's own files and nothing else. When it is
// installed it fetches exactly the files of this build (the list below)
// into one cache; after that it only reads from that cache, when the
// network cannot be reached: online, readers always get the site as it is
// on the server, so a new version of a questionnaire is never hidden behind
// an old copy. It never adds a response to the cache later on, never answers a request to another site
// (the pages may not make one anyway), and never touches what a reader
// fills in: that stays in localStorage, which a service worker cannot read.
//
// wijzer writes this file as sw.js at the root of the site, so that it
// serves the whole site, also from a sub-folder of a web server. `wijzer
// serve` leaves it out, and so does `offline: false` in site.yaml.
"use strict";

// Filled in by wijzer for each build:
// - cache: the name of this build's cache; it changes when any file changes;
// - prefix: the start of the name of every cache of this site;
// - files: every file of the site, relative to this script;
// - notFound: the page shown for an address the site does not have.
const SITE = {{ worker_json | safe }};

// The copy of this build in this folder of the web server: the cache name
// ends with the folder, so two copies of one site in different folders of
// one server (a site per year, say) keep their own copy.
const FOLDER = new URL(self.registration.scope).pathname;
const CACHE = `${SITE.cache}:${FOLDER}`;

/**
 * The absolute URL of a file of the site, from its path in the list; each
 * part of the path is encoded, so names with spaces, `#`, `?` or `%` work.
 */
function fileUrl(path) {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  return new URL(encoded, self.location.href).href;
}

/**
 * A host that redirects (such as `page.html` to `page`) answers with a
 * redirected response, which a browser refuses to show for a page opened
 * from the cache; keep only its body and headers.
 */
async function withoutRedirect(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** Copies one file of the site into the cache, fresh from the server. */
async function precacheFile(cache, path) {
  const url = fileUrl(path);
  const response = await fetch(url, { cache: "reload" });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  await cache.put(url, await withoutRedirect(response));
}

/**
 * Copies every file of the site into this build's cache. If one file fails,
 * the half-filled cache is removed and the worker is not installed, so a
 * reader is never left with part of a site.
 */
async function precache() {
  const cache = await caches.open(CACHE);
  try {
    await Promise.all(SITE.files.map((path) => precacheFile(cache, path)));
  } catch (error) {
    await caches.delete(CACHE);
    throw error;
  }
}

/** Removes the caches of earlier builds of this site in this folder. */
async function removeOldCaches() {
  const names = await caches.keys();
  const old = names.filter((name) => name.startsWith(SITE.prefix) && name.endsWith(`:${FOLDER}`) && name !== CACHE);
  await Promise.all(old.map((name) => caches.delete(name)));
}

/**
 * The URL a request is cached under: without query or fragment (the search
 * page reads its query in the browser), and a folder means its index.html.
 */
function cacheKey(url) {
  const key = new URL(url.pathname, url.origin);
  if (key.pathname.endsWith("/")) key.pathname += "index.html";
  return key.href;
}

function fromCache(url) {
  return caches.match(url, { cacheName: CACHE });
}

/**
 * The network first, then the copy. A page that is in neither (offline, at
 * an address the site does not have) gets the site's 404 page.
 */
async function answer(request, url) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await fromCache(cacheKey(url));
    if (cached) return cached;
    const notFound = request.mode === "navigate" && SITE.notFound && (await fromCache(fileUrl(SITE.notFound)));
    if (!notFound) throw error;
    return new Response(notFound.body, { status: 404, statusText: "Not Found", headers: notFound.headers });
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(removeOldCaches());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Anything else (another site, a form post) is left to the browser.
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith(answer(request, url));
});
