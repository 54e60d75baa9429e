//! Offline: the two files that let a site opened over HTTP be installed as
//! an app and work without a network, the web app manifest and the service
//! worker.
//!
//! The worker (the theme's `sw.js` template) gets the list of every other
//! file of the build and precaches exactly those; its cache name carries a
//! version that changes when any byte of the site changes. Both files are
//! written last, once every other file is staged. They are left out for
//! `wijzer serve` (a worker serving cached files would fight live reload)
//! and for a site with `offline: false`.

use std::hash::Hasher;
use std::path::Path;

use serde::Serialize;
use siphasher::sip::SipHasher13;
use tera::{Context, Tera};

use super::assessment::storage_prefix;
use crate::content::Site;
use crate::error::{Diagnostic, Error, Location, Problem, Result};
use crate::write::{MARKER, Staging, Written};

/// The service worker, at the site root so that its scope is the whole
/// site; also the name of its template.
pub const SERVICE_WORKER: &str = "sw.js";
/// The web app manifest, at the site root.
pub const MANIFEST: &str = "manifest.webmanifest";
/// The page the worker shows for an address the site does not have.
const NOT_FOUND: &str = "404.html";
/// The icon of the installed app: the theme's favicon, which is SVG and so
/// fits every size.
const ICON: &str = "static/favicon.svg";
/// The title bar of the installed app: the header colour (`--card`) of the
/// default theme's light style.
const THEME_COLOR: &str = "#ffffff";
/// The window of the installed app while it starts: the page background
/// (`--bg`) of the default theme's light style.
const BACKGROUND_COLOR: &str = "#fdfcfa";
/// The longest name that app launchers show without cutting it off.
const SHORT_NAME_MAX: usize = 12;

/// What templates see of offline use: present only when the build makes
/// the site installable.
#[derive(Debug, Serialize)]
pub struct OfflineView {
    /// The service worker's path from the site root.
    service_worker: &'static str,
    /// The manifest's path from the site root.
    manifest: &'static str,
    /// The start of the name of every cache of the site in the browser.
    cache_prefix: String,
}

/// Whether this build makes the site installable: `offline:` in
/// `site.yaml` (on by default), and never for `wijzer serve`.
pub fn enabled(site: &Site, live_reload: bool) -> bool {
    site.config.offline && !live_reload
}

/// The template variable `offline`: the names of the files and of the
/// cache, or nothing when offline use is off.
pub fn view(site: &Site, live_reload: bool) -> Option<OfflineView> {
    enabled(site, live_reload).then(|| OfflineView {
        service_worker: SERVICE_WORKER,
        manifest: MANIFEST,
        cache_prefix: cache_prefix(site),
    })
}

/// Files of the content that would take the place of the worker or the
/// manifest, which the build writes itself when offline use is on.
pub fn conflicts(site: &Site, live_reload: bool) -> Vec<Diagnostic> {
    if !enabled(site, live_reload) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for asset in &site.assets {
        for reserved in [SERVICE_WORKER, MANIFEST] {
            if asset.url.eq_ignore_ascii_case(reserved) {
                found.push(Diagnostic::new(
                    Location::file_start(Path::new(&asset.source_path)),
                    Problem::OfflineFile {
                        output: reserved.to_string(),
                    },
                ));
            }
        }
    }
    found
}

/// Writes the manifest, then the service worker with the list of every
/// file staged in `out` so far; so call it when every other file is
/// written. Returns the number of files written.
pub fn write(site: &Site, live_reload: bool, out: &Staging) -> Result<usize> {
    if !enabled(site, live_reload) {
        return Ok(0);
    }
    out.put(MANIFEST, &manifest(site)?)?;
    out.put(SERVICE_WORKER, &service_worker(site, &out.written())?)?;
    Ok(2)
}

/// `wijzer:<site id>:site:`, the start of the name of every cache of the
/// site, next to the `wijzer:<site id>:` of what it keeps in localStorage.
fn cache_prefix(site: &Site) -> String {
    format!("{}site:", storage_prefix(&site.config.storage_id()))
}

#[derive(Serialize)]
struct Manifest<'a> {
    name: &'a str,
    short_name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    lang: &'a str,
    start_url: &'static str,
    scope: &'static str,
    display: &'static str,
    theme_color: &'static str,
    background_color: &'static str,
    icons: [Icon; 1],
}

#[derive(Serialize)]
struct Icon {
    src: &'static str,
    sizes: &'static str,
    #[serde(rename = "type")]
    media_type: &'static str,
}

/// The web app manifest. Its URLs are relative to itself, at the site root,
/// so the app is the site wherever it is published.
fn manifest(site: &Site) -> Result<Vec<u8>> {
    let config = &site.config;
    let manifest = Manifest {
        name: &config.title,
        short_name: short_name(&config.title),
        description: &config.description,
        lang: &config.language,
        start_url: "./index.html",
        scope: "./",
        display: "standalone",
        theme_color: THEME_COLOR,
        background_color: BACKGROUND_COLOR,
        icons: [Icon {
            src: ICON,
            sizes: "any",
            media_type: "image/svg+xml",
        }],
    };
    json(MANIFEST, &manifest).map(String::into_bytes)
}

/// The name under an app's icon: the title when it is short enough, else
/// its first word ("Wijzer in het sociaal domein" becomes "Wijzer").
fn short_name(title: &str) -> &str {
    let title = title.trim();
    if title.chars().count() <= SHORT_NAME_MAX {
        return title;
    }
    let first_word = title.split_whitespace().next().unwrap_or(title);
    first_word.trim_end_matches([',', ':', ';', '-', '–', '—'])
}

/// What the service worker gets to know about the build.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WorkerSettings<'a> {
    cache: String,
    prefix: String,
    files: Vec<&'a str>,
    not_found: Option<&'static str>,
}

/// The service worker: the theme's `sw.js` template, given the cache name
/// and the files to precache, which are all of `written` but the worker
/// itself and the marker of the output folder.
fn service_worker(site: &Site, written: &[Written]) -> Result<Vec<u8>> {
    let source = site
        .theme
        .templates
        .get(SERVICE_WORKER)
        .ok_or_else(|| Error::Template(format!("the theme has no `{SERVICE_WORKER}`")))?;
    let files: Vec<&Written> = written
        .iter()
        .filter(|f| f.path != SERVICE_WORKER && f.path != MARKER)
        .collect();
    let prefix = cache_prefix(site);
    let settings = WorkerSettings {
        cache: format!("{prefix}{}", version(&files, source)),
        prefix,
        files: files.iter().map(|f| f.path.as_str()).collect(),
        not_found: files
            .iter()
            .any(|f| f.path == NOT_FOUND)
            .then_some(NOT_FOUND),
    };
    let mut context = Context::new();
    context.insert("worker_json", &json(SERVICE_WORKER, &settings)?);
    let mut tera = Tera::new();
    tera.add_raw_template(SERVICE_WORKER, source)?;
    Ok(tera.render(SERVICE_WORKER, &context)?.into_bytes())
}

/// A version of the whole site: it changes when a file is added, removed,
/// renamed or changed, or when the worker's own code changes; the same
/// site gives the same version on every build.
fn version(files: &[&Written], worker_source: &str) -> String {
    let mut hasher = SipHasher13::new();
    for file in files {
        hasher.write(file.path.as_bytes());
        hasher.write(&[0]);
        hasher.write(&file.fingerprint.to_le_bytes());
    }
    hasher.write(worker_source.as_bytes());
    format!("{:016x}", hasher.finish())
}

/// `value` as pretty JSON, which is also a JavaScript expression.
fn json(file: &str, value: &impl Serialize) -> Result<String> {
    serde_json::to_string_pretty(value).map_err(|e| Error::Template(format!("{file}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_title_is_its_own_short_name() {
        assert_eq!(short_name("Testsite"), "Testsite");
        assert_eq!(short_name(" Wijzer thuis "), "Wijzer thuis");
    }

    #[test]
    fn a_long_title_is_shortened_to_its_first_word() {
        assert_eq!(short_name("Wijzer in het sociaal domein"), "Wijzer");
        assert_eq!(short_name("Kompas: denken over zorg"), "Kompas");
    }

    fn file(path: &str, fingerprint: u64) -> Written {
        Written {
            path: path.to_string(),
            fingerprint,
        }
    }

    #[test]
    fn the_version_changes_with_any_file_and_with_the_worker() {
        let a = file("index.html", 1);
        let b = file("static/style.css", 2);
        let base = version(&[&a, &b], "code");
        assert_eq!(base, version(&[&a, &b], "code"));
        assert_ne!(base, version(&[&a, &file("static/style.css", 3)], "code"));
        assert_ne!(base, version(&[&a, &file("static/other.css", 2)], "code"));
        assert_ne!(base, version(&[&a], "code"));
        assert_ne!(base, version(&[&a, &b], "other code"));
        assert_eq!(base.len(), 16);
    }
}
