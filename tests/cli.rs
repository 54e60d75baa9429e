//! The command line: summary line, located errors on stderr, exit codes.

mod support;

use std::process::Command;

use support::Workspace;

fn wijzer(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wijzer"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn build_prints_a_one_line_summary_and_exits_zero() {
    let ws = Workspace::of("basic");
    let out = wijzer(&[
        "build",
        "--content",
        ws.content().to_str().unwrap(),
        "--out",
        ws.out().to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("wijzer: built into "), "{stdout}");
    assert!(stdout.contains(": 18 pages in 9 sections, "), "{stdout}");
    assert!(ws.out().join("index.html").is_file());
}

#[test]
fn content_errors_exit_with_one_and_show_the_offending_line() {
    let ws = Workspace::of("basic");
    ws.edit(
        "dilemmas/regie.md",
        "../kaders/frame.md",
        "../kaders/fraem.md",
    );
    let out = wijzer(&["check", "--content", ws.content().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("error: `../kaders/fraem.md` does not exist"),
        "{stderr}"
    );
    assert!(stderr.contains("--> dilemmas/regie.md:16:39"), "{stderr}");
    assert!(
        stderr.contains(
            "16 | Een bewoner wil geen hulp. Lees eerst [het frame](../kaders/fraem.md)."
        ),
        "{stderr}"
    );
    assert!(stderr.contains("1 problem(s) found"), "{stderr}");
}

#[test]
fn an_unreadable_content_folder_exits_with_two() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("bestaat-niet");
    let out = wijzer(&["check", "--content", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("cannot read") && stderr.contains("site.yaml"),
        "{stderr}"
    );
}

#[test]
fn new_writes_a_site_that_checks_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("mijn-site");
    let out = wijzer(&["new", site.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        site.join("README.md").is_file() && site.join("zelfevaluaties/voorbeeld.yaml").is_file()
    );
    let check = wijzer(&["check", "--content", site.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let mut options = wijzer::BuildOptions::new(&site, dir.path().join("dist"));
    options.minify = false;
    let report = wijzer::build(&options).unwrap();
    assert_eq!(report.pages, 18);
    for page in [
        "kaders/voorbeeldkader.html",
        "dilemmas/voorbeelddilemma.html",
        "zelfevaluaties/voorbeeld.html",
        "leerroutes/eerste-les.html",
    ] {
        assert!(dir.path().join("dist").join(page).is_file(), "{page}");
    }
    support::assert_links_resolve(&dir.path().join("dist"));
}

#[test]
fn new_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("werk.md"), "van mij").unwrap();
    let out = wijzer(&["new", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("werk.md")).unwrap(),
        "van mij"
    );
}
