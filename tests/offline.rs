//! Offline use over HTTP: the service worker lists exactly the files of the
//! build under a version that follows their bytes, the manifest describes
//! the site, and neither exists with `offline: false` or under `wijzer serve`.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use support::{Workspace, snapshot};

const WORKER: &str = "sw.js";
const MANIFEST: &str = "manifest.webmanifest";

/// The settings wijzer wrote into the service worker (`const SITE = {...};`).
fn worker_settings(ws: &Workspace) -> Value {
    let worker = ws.output(WORKER);
    let start = worker.find("const SITE = ").expect("settings in sw.js") + "const SITE = ".len();
    let end = start + worker[start..].find("};").expect("end of the settings") + 1;
    serde_json::from_str(&worker[start..end]).expect("the settings are JSON")
}

fn listed_files(settings: &Value) -> Vec<String> {
    settings["files"]
        .as_array()
        .expect("a list of files")
        .iter()
        .map(|f| f.as_str().expect("a path").to_string())
        .collect()
}

fn cache_name(ws: &Workspace) -> String {
    worker_settings(ws)["cache"].as_str().unwrap().to_string()
}

/// Every file in the output folder, as a path with `/`.
fn files_on_disk(dir: &Path) -> BTreeSet<String> {
    snapshot(dir)
        .keys()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect()
}

fn html_files(ws: &Workspace) -> Vec<(String, String)> {
    files_on_disk(&ws.out())
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .map(|p| {
            let html = ws.output(&p);
            (p, html)
        })
        .collect()
}

fn site_yaml_with(ws: &Workspace, line: &str) {
    let site = ws.read("site.yaml");
    ws.write("site.yaml", &format!("{site}{line}\n"));
}

#[test]
fn the_worker_lists_every_file_of_the_build_and_nothing_else() {
    let ws = Workspace::of("basic");
    let report = ws.build().unwrap();
    let listed = listed_files(&worker_settings(&ws));
    let unique: BTreeSet<_> = listed.iter().cloned().collect();
    assert_eq!(unique.len(), listed.len(), "a file is listed twice");
    let mut expected = files_on_disk(&ws.out());
    assert!(expected.remove(WORKER), "sw.js is written");
    assert!(expected.remove(".wijzer-build"), "the marker is written");
    assert_eq!(unique, expected);
    for file in [
        "index.html",
        "kaders/frame.html",
        "kaders/schema.svg",
        "static/style.css",
        "static/search-index.js",
        "privacy.html",
        "zoeken.html",
        "404.html",
        MANIFEST,
    ] {
        assert!(unique.contains(file), "{file} is not precached");
    }
    assert!(
        listed
            .iter()
            .all(|f| !f.starts_with('/') && !f.contains("://"))
    );
    assert_eq!(
        report.files_written,
        listed.len() + 1,
        "the summary counts sw.js too"
    );
}

#[test]
fn the_cache_version_follows_the_bytes_of_the_site() {
    let ws = Workspace::of("basic");
    ws.build().unwrap();
    let settings = worker_settings(&ws);
    let first = cache_name(&ws);
    assert!(first.starts_with("wijzer:testsite:site:"), "{first}");
    assert_eq!(settings["prefix"], "wijzer:testsite:site:");
    assert_eq!(settings["notFound"], "404.html");

    let before = snapshot(&ws.out());
    ws.build().unwrap();
    assert_eq!(
        snapshot(&ws.out()),
        before,
        "an unchanged site builds the same"
    );
    assert_eq!(cache_name(&ws), first);

    ws.edit("kaders/frame.md", "een manier van kijken", "een bril");
    ws.build().unwrap();
    let edited = cache_name(&ws);
    assert_ne!(edited, first, "a changed page changes the version");

    ws.write(
        "kaders/schema.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    ws.build().unwrap();
    assert_ne!(
        cache_name(&ws),
        edited,
        "a changed asset changes the version"
    );
}

#[test]
fn the_manifest_describes_the_site_with_relative_urls() {
    let ws = Workspace::of("basic");
    ws.build().unwrap();
    let manifest: Value = serde_json::from_str(&ws.output(MANIFEST)).expect("valid JSON");
    assert_eq!(manifest["name"], "Testsite");
    assert_eq!(manifest["short_name"], "Testsite");
    assert_eq!(manifest["description"], "Een kleine site voor de tests.");
    assert_eq!(manifest["lang"], "nl");
    assert_eq!(manifest["start_url"], "./index.html");
    assert_eq!(manifest["scope"], "./");
    assert_eq!(manifest["display"], "standalone");
    for colour in ["theme_color", "background_color"] {
        assert!(
            manifest[colour]
                .as_str()
                .is_some_and(|c| c.starts_with('#')),
            "{colour}"
        );
    }
    let icons = manifest["icons"].as_array().expect("icons");
    assert!(!icons.is_empty());
    for icon in icons {
        let src = icon["src"].as_str().unwrap();
        assert!(ws.out().join(src).is_file(), "icon {src} is missing");
        assert!(icon["sizes"].is_string() && icon["type"].is_string());
    }
}

#[test]
fn pages_link_the_manifest_and_name_the_worker_from_their_own_folder() {
    let ws = Workspace::of("basic");
    ws.build().unwrap();
    let home = ws.output("index.html");
    assert!(home.contains(r#"data-service-worker="sw.js""#), "{home}");
    assert!(home.contains(r#"<link rel="manifest" href="manifest.webmanifest">"#));
    assert!(home.contains(r#"<meta name="theme-color""#));
    let frame = ws.output("kaders/frame.html");
    assert!(frame.contains(r#"data-service-worker="../sw.js""#));
    assert!(frame.contains(r#"<link rel="manifest" href="../manifest.webmanifest">"#));
    assert!(
        frame.contains("connect-src 'none'"),
        "the worker needs no change to the Content-Security-Policy"
    );
    let privacy = ws.output("privacy.html");
    assert!(
        privacy.contains("<code>wijzer:testsite:site:</code>"),
        "the privacy page names the cache"
    );
    assert!(privacy.contains("Offline gebruiken en installeren"));
}

/// No trace of offline use: no worker, no manifest, no link to either.
fn assert_no_offline_files(ws: &Workspace) {
    assert!(!ws.out().join(WORKER).exists(), "sw.js written");
    assert!(!ws.out().join(MANIFEST).exists(), "manifest written");
    for (path, html) in html_files(ws) {
        assert!(
            !html.contains("data-service-worker"),
            "{path} names a worker"
        );
        assert!(
            !html.contains("rel=\"manifest\""),
            "{path} links a manifest"
        );
        assert!(!html.contains(":site:</code>"), "{path} mentions the cache");
    }
}

#[test]
fn offline_false_leaves_out_the_worker_and_the_manifest() {
    let ws = Workspace::of("basic");
    site_yaml_with(&ws, "offline: false");
    let report = ws.build().unwrap();
    assert_no_offline_files(&ws);
    assert_eq!(report.files_written + 1, files_on_disk(&ws.out()).len());
    ws.edit("site.yaml", "offline: false", "offline: true");
    ws.build().unwrap();
    assert!(ws.out().join(WORKER).is_file());
}

#[test]
fn a_serve_build_has_no_worker_to_fight_live_reload() {
    let ws = Workspace::of("basic");
    let mut options = ws.options();
    options.live_reload = true;
    wijzer::build(&options).unwrap();
    assert_no_offline_files(&ws);
}

#[test]
fn a_mistyped_offline_key_is_located_with_a_suggestion() {
    let ws = Workspace::of("basic");
    site_yaml_with(&ws, "ofline: false");
    let errors = ws.build_errors();
    assert_eq!(errors.len(), 1);
    let shown = errors[0].to_string();
    assert!(shown.contains("did you mean `offline`?"), "{shown}");
}

#[test]
fn a_content_file_in_the_place_of_the_worker_is_refused_while_offline_is_on() {
    let ws = Workspace::of("basic");
    ws.write("sw.js", "// an author's own worker\n");
    let errors = ws.build_errors();
    assert_eq!(errors.len(), 1);
    let shown = errors[0].to_string();
    assert!(shown.contains("--> sw.js"), "{shown}");
    assert!(shown.contains("which wijzer writes itself"), "{shown}");
    assert!(shown.contains("offline: false"), "{shown}");
    assert_eq!(
        wijzer::check(&ws.options()).err().map(|e| e.to_string()),
        Some("1 problem(s) in the content".into())
    );

    site_yaml_with(&ws, "offline: false");
    ws.build().unwrap();
    assert_eq!(
        ws.output(WORKER),
        "// an author's own worker\n",
        "copied as it is"
    );
}
