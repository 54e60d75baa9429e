//! Serve: build the site, serve it on this machine, rebuild when a file is
//! saved, and reload the open pages.
//!
//! The site is built without minification into a folder of its own, with a
//! small script that long-polls the server for a new build. A failed
//! rebuild leaves the last good site in place and shows its errors in the
//! terminal and as an overlay in the browser. The server serves only files
//! inside the built site: any path that tries to climb out is a 404.

use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};
use tiny_http::{Header, Request, Response, Server};

use crate::config::BuildOptions;
use crate::error::{Error, Result};

/// The script that reloads a page after a rebuild, served at [`RELOAD_SCRIPT`].
const RELOAD_JS: &str = include_str!("../themes/default/static/reload.js");
/// Where the pages find the reload script.
pub const RELOAD_SCRIPT: &str = "/__wijzer/reload.js";
/// Where the reload script waits for the next build.
const WAIT_PATH: &str = "/__wijzer/wait";
/// How long one wait may last before the script asks again.
const WAIT_LIMIT: Duration = Duration::from_secs(25);
/// Saves closer together than this become one rebuild.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// The outcome of the latest build, as the reload script sees it.
#[derive(Debug, Default)]
struct Status {
    /// Raised after every build, good or failed.
    version: u64,
    /// The problems of the latest build, if it failed.
    error: Option<String>,
}

type Shared = Arc<(Mutex<Status>, Condvar)>;

/// Serves `options.content_dir` at `address` until the process ends.
/// `ready` is called with the bound address once the first build is done;
/// `report` gets every build's outcome as a line for the terminal.
pub fn serve(
    mut options: BuildOptions,
    address: SocketAddr,
    ready: impl FnOnce(SocketAddr),
    report: impl Fn(&str) + Send + 'static,
) -> Result<()> {
    options.minify = false;
    options.live_reload = true;
    let status: Shared = Arc::new((Mutex::new(Status::default()), Condvar::new()));
    rebuild(&options, &status, &report, Instant::now());

    let server = Server::http(address).map_err(|e| {
        Error::io(
            "cannot listen on",
            Path::new(&address.to_string()),
            std::io::Error::other(e.to_string()),
        )
    })?;
    let bound = server.server_addr().to_ip().unwrap_or(address);

    let watched = options.content_dir.clone();
    let cannot_watch = |e: notify::Error| {
        Error::io(
            "cannot watch",
            &watched,
            std::io::Error::other(e.to_string()),
        )
    };
    let (saved, saves) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| is_change(&e.kind)) {
            let _ = saved.send(Instant::now());
        }
    })
    .map_err(cannot_watch)?;
    watcher
        .watch(&watched, RecursiveMode::Recursive)
        .map_err(cannot_watch)?;
    let watcher_options = options.clone();
    let watcher_status = status.clone();
    std::thread::spawn(move || {
        // Saves closer together than DEBOUNCE become one rebuild, timed
        // from the first of them.
        while let Ok(first) = saves.recv() {
            while saves.recv_timeout(DEBOUNCE).is_ok() {}
            rebuild(&watcher_options, &watcher_status, &report, first);
        }
    });

    ready(bound);
    let root = options.out_dir.clone();
    for request in server.incoming_requests() {
        let root = root.clone();
        let status = status.clone();
        std::thread::spawn(move || respond(request, &root, &status));
    }
    Ok(())
}

/// Whether a file system event changes content (reading a file does not).
fn is_change(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_)
            | EventKind::Modify(_)
            | EventKind::Remove(_)
            | EventKind::Access(AccessKind::Close(AccessMode::Write))
    )
}

fn rebuild(options: &BuildOptions, status: &Shared, report: &impl Fn(&str), started: Instant) {
    let outcome = crate::build(options);
    let (lock, changed) = &**status;
    let mut current = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    current.version += 1;
    match outcome {
        Ok(built) => {
            current.error = None;
            report(&format!(
                "wijzer: built {} pages in {:.0} ms",
                built.pages,
                started.elapsed().as_secs_f64() * 1000.0
            ));
        }
        Err(error) => {
            let text = crate::describe(&error);
            report(&format!(
                "{text}wijzer: the build failed; the last good site is still served"
            ));
            current.error = Some(text);
        }
    }
    changed.notify_all();
}

fn respond(request: Request, root: &Path, status: &Shared) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let response = if path == RELOAD_SCRIPT {
        text(RELOAD_JS, "text/javascript; charset=utf-8")
    } else if path == WAIT_PATH {
        let seen = url
            .split_once("v=")
            .and_then(|(_, v)| v.parse::<u64>().ok())
            .unwrap_or(0);
        text(&wait(status, seen), "application/json")
    } else {
        match site_file(root, path) {
            Some(file) => match std::fs::read(&file) {
                Ok(bytes) => with_header(
                    Response::from_data(bytes),
                    "Content-Type",
                    content_type(&file),
                ),
                Err(_) => not_found(root),
            },
            None => not_found(root),
        }
    };
    let _ = request.respond(with_header(response, "Cache-Control", "no-store"));
}

/// Waits until the build after `seen` is done (or the wait limit passes),
/// and describes it as JSON.
fn wait(status: &Shared, seen: u64) -> String {
    let (lock, changed) = &**status;
    let current = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (current, _) = changed
        .wait_timeout_while(current, WAIT_LIMIT, |s| s.version == seen)
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    serde_json::json!({ "version": current.version, "error": current.error }).to_string()
}

/// The file that a request path names inside the built site, if it is one:
/// percent-escapes decoded, no `..`, no absolute or Windows paths, no
/// escape through a link; a folder means its `index.html`.
pub fn site_file(root: &Path, path: &str) -> Option<PathBuf> {
    let decoded = crate::resolve::percent_decode(path);
    if decoded.contains(['\\', '\0']) || decoded.contains(':') {
        return None;
    }
    let relative = Path::new(decoded.trim_start_matches('/'));
    if !relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    let real = file.canonicalize().ok()?;
    let root = root.canonicalize().ok()?;
    (real.starts_with(&root) && real.is_file()).then_some(real)
}

type Body = Response<std::io::Cursor<Vec<u8>>>;

fn not_found(root: &Path) -> Body {
    let body = std::fs::read(root.join("404.html")).unwrap_or_else(|_| b"404".to_vec());
    let response = Response::from_data(body).with_status_code(404);
    with_header(response, "Content-Type", "text/html; charset=utf-8")
}

fn text(body: &str, kind: &str) -> Body {
    with_header(Response::from_string(body), "Content-Type", kind)
}

fn with_header(response: Body, name: &str, value: &str) -> Body {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
    }
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("pdf") => "application/pdf",
        Some("xml") => "application/xml",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_inside_the_site_are_served() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("kaders")).unwrap();
        std::fs::write(site.join("index.html"), "home").unwrap();
        std::fs::write(site.join("kaders/frame.html"), "frame").unwrap();
        std::fs::write(dir.path().join("geheim.txt"), "secret").unwrap();
        assert_eq!(
            site_file(&site, "/"),
            Some(site.join("index.html").canonicalize().unwrap())
        );
        assert!(site_file(&site, "/kaders/frame.html").is_some());
        assert!(
            site_file(&site, "/kaders/").is_none(),
            "no index.html there"
        );
        for attack in [
            "/../geheim.txt",
            "/kaders/../../geheim.txt",
            "/%2e%2e/geheim.txt",
            "/%2E%2E%2Fgeheim.txt",
            "/..%5cgeheim.txt",
            "//etc/passwd",
            "/C:/Windows/win.ini",
            "/kaders/%00frame.html",
            "/./index.html",
        ] {
            assert_eq!(site_file(&site, attack), None, "{attack}");
        }
    }
}
