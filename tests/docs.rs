//! The documentation in docs/ cannot drift: every example file in it (a
//! code block whose info string names a path, such as
//! ```` ```yaml title=zelfevaluaties/voorbeeld.yaml ````) is added to a
//! fixture site that must then build, and the errors shown in the
//! questionnaire guide and the guide to groups are the ones wijzer really
//! prints.

mod support;

use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use support::Workspace;

/// (path, contents) of every example file in a Markdown document.
fn example_files(markdown: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut open: Option<(String, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                open = info
                    .split_whitespace()
                    .find_map(|word| word.strip_prefix("title="))
                    .map(|path| (path.to_string(), String::new()));
            }
            Event::Text(text) => {
                if let Some((_, body)) = open.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => files.extend(open.take()),
            _ => {}
        }
    }
    files
}

fn docs() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let mut docs: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    docs.sort();
    docs
}

#[test]
fn every_example_in_the_docs_builds() {
    let mut examples = 0;
    for (name, text) in docs() {
        let files = example_files(&text);
        if files.is_empty() {
            continue;
        }
        let ws = Workspace::of("basic");
        for (path, body) in &files {
            ws.write(path, body);
            examples += 1;
        }
        if let Err(error) = ws.build() {
            let shown = match &error {
                wijzer::Error::Content(d) => d.iter().map(ToString::to_string).collect::<String>(),
                other => other.to_string(),
            };
            panic!("an example in docs/{name} does not build:\n{shown}");
        }
    }
    assert!(examples >= 1, "no examples found in docs/");
}

/// Builds the questionnaire guide's example with `from` replaced by `to`,
/// and checks that docs/`doc` shows the one error that gives.
fn assert_error_shown(doc: &str, from: &str, to: &str) {
    let read = |name: &str| {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("docs")
                .join(name),
        )
        .unwrap()
    };
    let guide = read("zelfevaluaties.md");
    let (path, body) = example_files(&guide).into_iter().next().unwrap();
    let ws = Workspace::of("basic");
    assert!(body.contains(from), "the example no longer has {from:?}");
    ws.write(&path, &body.replacen(from, to, 1));
    let errors = ws.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let shown = errors[0].to_string();
    assert!(
        read(doc).contains(&shown),
        "docs/{doc} should show:\n{shown}"
    );
}

#[test]
fn the_error_shown_in_the_questionnaire_guide_is_real() {
    assert_error_shown(
        "zelfevaluaties.md",
        "      - from: 2.5\n",
        "      - from: 2.6\n",
    );
}

#[test]
fn the_error_shown_in_the_guide_to_groups_is_real() {
    assert_error_shown(
        "groepen.md",
        "version: 1\n",
        "version: 1\nmin_group_size: 3\n",
    );
}
