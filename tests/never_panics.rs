//! Property tests: whatever an author writes, the pipeline answers with a
//! site or with diagnostics, and never panics. Arbitrary text goes into
//! front matter, Markdown bodies, questionnaires and site.yaml of a copy of
//! the fixture site, which is then checked and built.

mod support;

use proptest::prelude::*;
use support::Workspace;

/// Front matter keys wijzer knows, and some it does not.
const KEYS: &[&str] = &[
    "title",
    "description",
    "weight",
    "tags",
    "related",
    "sources",
    "draft",
    "poles",
    "steps",
    "synonyms",
    "citation",
    "year",
    "titel",
    "bron",
    "locator",
    "page",
    "note",
];

/// YAML-ish front matter: known and unknown keys with arbitrary values.
fn front_matter() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(KEYS), "\\PC{0,40}"), 0..6).prop_map(|pairs| {
        pairs
            .into_iter()
            .map(|(key, value)| format!("{key}: {value}\n"))
            .collect()
    })
}

/// Markdown with the constructs wijzer treats specially, mixed with noise.
fn body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "\\PC{0,30}",
        Just("[link](../kaders/frame.md#kern-van-een-frame)".to_string()),
        Just("[kapot](nergens.md#x)".to_string()),
        Just("> [!TIP]\n> tip\n".to_string()),
        Just("## Kop {#eigen}\n".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
        Just("[^1]\n\n[^1]: voetnoot\n".to_string()),
        Just("![beeld](schema.svg)".to_string()),
        Just("\n\n---\n\n".to_string()),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.join(" "))
}

fn build_survives(ws: &Workspace) {
    // Both outcomes are fine; a panic fails the test.
    let _ = wijzer::check(&ws.options());
    let _ = ws.build();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_page_text_is_answered_without_a_panic(front in front_matter(), text in body(), raw in "\\PC{0,200}") {
        let ws = Workspace::of("basic");
        ws.write("kaders/willekeurig.md", &format!("---\n{front}---\n{text}"));
        ws.write("dilemmas/ruw.md", &raw);
        ws.write("methoden/geldig.md", &format!("---\ntitle: Geldig\n---\n{text}"));
        build_survives(&ws);
    }

    #[test]
    fn any_questionnaire_or_site_settings_are_answered_without_a_panic(yaml in "\\PC{0,300}", edit in 0usize..6, value in "[-a-z0-9 .\\[\\]{}:,]{0,12}") {
        let ws = Workspace::of("basic");
        ws.write("zelfevaluaties/willekeurig.yaml", &yaml);
        let keys = ["min: 1", "max: 5", "from: 2.5", "mean: 3.2", "min_answered: 2", "score: 3"];
        let questionnaire = ws.read("zelfevaluaties/proef.yaml");
        let key = keys[edit];
        let name = key.split(':').next().unwrap_or_default();
        ws.write("zelfevaluaties/proef.yaml", &questionnaire.replacen(key, &format!("{name}: {value}"), 1));
        ws.write("site.yaml", &format!("title: Test\n{yaml}"));
        build_survives(&ws);
    }
}
