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
