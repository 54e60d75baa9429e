//! `wijzer serve`: serves the built site on loopback, rebuilds on a save,
//! keeps the last good site when a build fails (and reports the error to
//! the page), and refuses every path outside the site.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::Workspace;

/// A running `wijzer serve`, stopped when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Server {
    fn start(ws: &Workspace) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wijzer"))
            .args(["serve", "--port", "0", "--content"])
            .arg(ws.content())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Server { child, address }
    }

    /// Sends `path` exactly as given and returns (status, body).
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    /// Waits (at most ten seconds) until `path` satisfies `done`.
    fn wait_for(&self, path: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (_, body) = self.get(path);
            if done(&body) {
                return body;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{path} never changed: {body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serves_the_site_with_live_reload_and_no_minification() {
    let ws = Workspace::of("basic");
    let server = Server::start(&ws);
    let (status, page) = server.get("/kaders/frame.html");
    assert_eq!(status, 200);
    assert!(page.contains(r#"<script src="/__wijzer/reload.js" defer></script>"#));
    assert!(
        page.contains("connect-src 'self'"),
        "serve lets the reload script ask for builds"
    );
    assert!(page.contains("\n  <"), "not minified");
    assert_eq!(server.get("/").0, 200);
    assert_eq!(server.get("/__wijzer/reload.js").0, 200);
    assert!(
        !page.contains("data-service-worker") && !page.contains("rel=\"manifest\""),
        "serve does not register a service worker, which would fight live reload"
    );
    assert_eq!(server.get("/sw.js").0, 404);
    assert_eq!(server.get("/manifest.webmanifest").0, 404);
}

#[test]
fn a_save_is_rebuilt_and_a_failed_build_keeps_the_old_site() {
    let ws = Workspace::of("basic");
    let server = Server::start(&ws);
    ws.edit(
        "kaders/frame.md",
        "Een frame is een manier van kijken.",
        "Een frame is een bril.",
    );
    server.wait_for("/kaders/frame.html", |body| {
        body.contains("Een frame is een bril.")
    });

    ws.edit(
        "kaders/frame.md",
        "(reframing.md#hoe-werkt-het)",
        "(nergens.md)",
    );
    let status = server.wait_for("/__wijzer/wait?v=0", |body| body.contains("nergens.md"));
    assert!(status.contains("kaders/frame.md:15:"), "{status}");
    let (code, page) = server.get("/kaders/frame.html");
    assert_eq!(code, 200);
    assert!(
        page.contains("Een frame is een bril."),
        "the last good build is still served"
    );

    ws.edit("kaders/frame.md", "(nergens.md)", "(reframing.md)");
    server.wait_for("/__wijzer/wait?v=0", |body| {
        body.contains(r#""error":null"#)
    });
}

#[test]
fn paths_outside_the_site_are_refused() {
    let ws = Workspace::of("basic");
    std::fs::write(ws.dir.path().join("geheim.txt"), "geheim").unwrap();
    let server = Server::start(&ws);
    for attack in [
        "/../geheim.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%5c..%5cetc%5cpasswd",
        "/kaders/../../geheim.txt",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/etc/passwd%00.html",
    ] {
        let (status, body) = server.get(attack);
        assert_eq!(status, 404, "{attack}");
        assert!(
            !body.contains("geheim") && !body.contains("root:"),
            "{attack}"
        );
    }
}
