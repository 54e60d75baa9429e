//! The default site in `content/`: it builds, every link in the output
//! works, and every knowledge page names the bron it is written from.

mod support;

use std::path::Path;

use wijzer::BuildOptions;
use wijzer::content::{PageKind, Role};

fn content_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content"))
}

#[test]
fn the_default_site_builds_and_its_links_resolve() {
    let out = tempfile::tempdir().unwrap();
    let mut options = BuildOptions::new(content_dir(), out.path().join("dist"));
    options.minify = false;
    let report = wijzer::build(&options).unwrap_or_else(|e| panic!("{e}: {e:?}"));
    assert!(report.pages > 100, "{} pages", report.pages);
    support::assert_links_resolve(&out.path().join("dist"));
}

#[test]
fn every_knowledge_page_cites_a_bron_with_a_locator() {
    let options = BuildOptions::new(content_dir(), "unused");
    let (site, problems) = wijzer::load::load(&options).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let cited = [
        PageKind::Model,
        PageKind::Kader,
        PageKind::Methode,
        PageKind::Dilemma,
        PageKind::Begrip,
    ];
    let mut missing = Vec::new();
    for page in site
        .pages
        .iter()
        .filter(|p| p.role == Role::Leaf && cited.contains(&p.kind))
    {
        let sources = &page.front().unwrap().sources;
        if sources.is_empty()
            || sources
                .iter()
                .any(|s| s.locator.as_deref().is_none_or(str::is_empty))
        {
            missing.push(page.source_path.clone());
        }
    }
    assert!(
        missing.is_empty(),
        "pages without a located source: {missing:?}"
    );
}

/// Every built page carries the Content-Security-Policy that keeps the
/// privacy promise, and has no inline script or event handler for it to
/// block.
#[test]
fn every_page_forbids_connections_and_inline_script() {
    let out = tempfile::tempdir().unwrap();
    let mut options = BuildOptions::new(content_dir(), out.path().join("dist"));
    options.minify = false;
    wijzer::build(&options).unwrap();
    let mut pages = 0;
    for (path, bytes) in support::snapshot(&out.path().join("dist")) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        let name = path.display();
        let csp = html
            .split("http-equiv=\"Content-Security-Policy\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{name}: no Content-Security-Policy"));
        for directive in [
            "default-src 'self'",
            "script-src 'self'",
            "connect-src 'none'",
            "object-src 'none'",
            "frame-src 'none'",
        ] {
            assert!(
                csp.contains(directive),
                "{name}: CSP lacks {directive}: {csp}"
            );
        }
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
            "{name}: {csp}"
        );
        for script in html.split("<script").skip(1) {
            let tag = script.split('>').next().unwrap_or_default();
            assert!(
                tag.contains("src=") || tag.contains("type=\"application/json\""),
                "{name}: inline script <script{tag}>"
            );
        }
        let lower = html.to_lowercase();
        for handler in [
            " onclick=",
            " onload=",
            " onerror=",
            " onmouseover=",
            " onfocus=",
            "javascript:",
        ] {
            assert!(!lower.contains(handler), "{name}: {handler}");
        }
        for foreign in ["src=\"http", "src=\"//", "href=\"//"] {
            assert!(
                !html.contains(foreign),
                "{name}: loads from another host ({foreign})"
            );
        }
    }
    assert!(pages > 280, "{pages} pages");
}
