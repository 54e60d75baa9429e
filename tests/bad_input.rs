//! Bad input gets a clear, located error, the build stops with a non-zero
//! result, and the previous output stays byte for byte as it was: one case
//! per kind of broken file an author can produce.

mod support;

use std::fs;
use std::time::{Duration, Instant};

use support::{Workspace, snapshot};
use wijzer::{Error, Problem};

/// Builds the fixture once, applies `break_it`, and returns the problems of
/// the next build, checking that the output did not change.
fn problems_after(break_it: impl FnOnce(&Workspace)) -> Vec<wijzer::Diagnostic> {
    let ws = Workspace::of("basic");
    ws.build().unwrap();
    let before = snapshot(&ws.out());
    break_it(&ws);
    let started = Instant::now();
    let errors = ws.build_errors();
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(snapshot(&ws.out()), before, "the previous output changed");
    errors
}

#[test]
fn a_file_that_is_not_utf8() {
    let errors = problems_after(|ws| {
        fs::write(
            ws.content().join("kaders/latin1.md"),
            b"---\ntitle: Cli\xebnt\n---\n",
        )
        .unwrap()
    });
    assert_eq!(errors[0].problem, Problem::NotUtf8);
    assert_eq!(errors[0].location.file.to_str(), Some("kaders/latin1.md"));
}

#[test]
fn an_empty_file() {
    let errors = problems_after(|ws| ws.write("kaders/leeg.md", ""));
    assert_eq!(errors[0].problem, Problem::MissingFrontMatter);
    assert_eq!(errors[0].location.file.to_str(), Some("kaders/leeg.md"));
}

#[test]
fn wrong_field_types_are_located() {
    let errors = problems_after(|ws| ws.edit("kaders/reframing.md", "weight: 2", "weight: [2]"));
    assert!(
        matches!(errors[0].problem, Problem::Yaml { .. }),
        "{:?}",
        errors[0]
    );
    assert_eq!(
        (errors[0].location.file.to_str(), errors[0].location.line),
        (Some("kaders/reframing.md"), 3)
    );
}

#[test]
fn a_yaml_alias_bomb_is_stopped() {
    let mut bomb = String::from("---\ntitle: bom\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
            p = i - 1
        ));
    }
    bomb.push_str("---\n");
    let errors = problems_after(|ws| ws.write("kaders/bom.md", &bomb));
    assert!(
        matches!(
            errors[0].problem,
            Problem::Yaml { .. } | Problem::UnknownKey { .. }
        ),
        "{:?}",
        errors[0]
    );
    assert_eq!(errors[0].location.file.to_str(), Some("kaders/bom.md"));
}

#[test]
fn deeply_nested_yaml_is_stopped() {
    let nested = format!(
        "---\ntitle: diep\ntags: {}x{}\n---\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let errors = problems_after(|ws| ws.write("kaders/diep.md", &nested));
    assert!(
        matches!(errors[0].problem, Problem::Yaml { .. }),
        "{:?}",
        errors[0]
    );
}

#[test]
fn a_large_file_with_a_broken_link_is_reported_at_its_line() {
    let mut text = String::from("---\ntitle: Groot\n---\n");
    let paragraph =
        "Een lange alinea over het model en de fasen van een besluit. ".repeat(20) + "\n\n";
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&paragraph);
    }
    text.push_str("Zie [weg](weg.md).\n");
    let lines = text.lines().count();
    let errors = problems_after(|ws| ws.write("kaders/groot.md", &text));
    assert_eq!(
        errors[0].problem,
        Problem::MissingTarget {
            target: "weg.md".into()
        }
    );
    assert_eq!(errors[0].location.line, lines);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_an_error_not_a_hang() {
    let ws = Workspace::of("basic");
    std::os::unix::fs::symlink(ws.content().join("kaders"), ws.content().join("kaders/lus"))
        .unwrap();
    match ws.build() {
        Err(Error::Io { path, .. }) => assert!(path.to_string_lossy().contains("lus"), "{path:?}"),
        other => panic!("expected an error about the loop, got {other:?}"),
    }
}

#[test]
fn names_that_differ_only_in_accents_or_case_are_duplicates() {
    let errors = problems_after(|ws| {
        ws.write(
            "begrippen/cli\u{00eb}nt.md",
            "---\ntitle: Cliënt\nsources:\n  - bron: ../bronnen/rapport.md\n---\n",
        );
        ws.write(
            "begrippen/clie\u{0308}nt.md",
            "---\ntitle: Cliënt\nsources:\n  - bron: ../bronnen/rapport.md\n---\n",
        );
    });
    assert!(
        errors.iter().any(|e| matches!(&e.problem, Problem::DuplicateOutput { output, .. } if output == "begrippen/client.html")),
        "{errors:?}"
    );
}

#[test]
fn names_with_spaces_and_accents_get_clean_urls_and_links_work() {
    let ws = Workspace::of("basic");
    ws.write(
        "kaders/Één frame met spaties.md",
        "---\ntitle: Spaties\n---\nTerug naar [frame](frame.md).\n",
    );
    ws.edit(
        "kaders/reframing.md",
        "Je kijkt opnieuw.",
        "Zie [spaties](%C3%89%C3%A9n%20frame%20met%20spaties.md).",
    );
    ws.build().unwrap();
    assert!(ws.out().join("kaders/een-frame-met-spaties.html").is_file());
    assert!(
        ws.output("kaders/reframing.html")
            .contains(r#"href="../kaders/een-frame-met-spaties.html""#)
    );
}

/// A questionnaire whose feedback points to itself is allowed (it is a
/// page like any other); one that names a scale it lacks is not.
#[test]
fn a_questionnaire_with_a_missing_scale_is_refused() {
    let errors = problems_after(|ws| {
        ws.edit(
            "zelfevaluaties/proef.yaml",
            "  - id: c1\n    scale: eens",
            "  - id: c1\n    scale: ontbreekt",
        );
        ws.edit(
            "zelfevaluaties/proef.yaml",
            "links: [../methoden/beraad.md]",
            "links: [proef.yaml]",
        );
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        matches!(&errors[0].problem, Problem::UnknownScale { scale, .. } if scale == "ontbreekt"),
        "{errors:?}"
    );
    assert_eq!(errors[0].location.source_line, "    scale: ontbreekt");
}
