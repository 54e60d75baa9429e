//! Questionnaires: a valid one becomes a page with its form, scoring key and
//! data; every kind of broken questionnaire is refused with its location.

mod support;

use support::Workspace;
use wijzer::Problem;

const FILE: &str = "zelfevaluaties/proef.yaml";

/// The first problem a broken questionnaire gives, with its line and the
/// text of that line. (One mistake can cause more problems after it.)
fn problem_after(from: &str, to: &str) -> (Problem, usize, String) {
    let ws = Workspace::of("basic");
    ws.edit(FILE, from, to);
    let errors = ws.build_errors();
    let error = &errors[0];
    assert_eq!(error.location.file.to_str(), Some(FILE));
    (
        error.problem.clone(),
        error.location.line,
        error.location.source_line.clone(),
    )
}

#[test]
fn a_questionnaire_becomes_an_accessible_form_with_a_scoring_key() {
    let ws = Workspace::of("basic");
    ws.build().unwrap();
    let html = ws.output("zelfevaluaties/proef.html");
    assert!(html.contains(r#"<legend><span class="item-number">1.</span> Vraag A1.</legend>"#));
    assert!(html.contains(r#"<input type="radio" name="a1" value="4"> <span>Eerder eens</span>"#));
    assert!(
        html.contains(r#"<input type="radio" name="a1" value="na"> <span>Weet ik niet</span>"#)
    );
    assert!(html.contains(r#"<input type="radio" name="b1" value="1"> <span>Soms</span>"#));
    assert!(html.contains(r#"<textarea name="o1""#));
    assert!(
        html.contains("Omgekeerd scoren: 2."),
        "scoring key names the reverse item"
    );
    assert!(
        html.contains("<td>3,5 – 5</td><td>Hoog</td>"),
        "scoring key lists the bands"
    );
    assert!(html.contains("Soms = 3"), "scoring key lists option scores");
    assert!(html.contains(r#"<a href="../dilemmas/regie.html">Wie heeft de regie?</a>"#));
    assert!(html.contains("<em>korte</em>"), "intro is Markdown");
    let data_start = html.find(r#"id="wijzer-assessment-data">"#).unwrap();
    let data = &html[data_start..];
    assert!(
        data.contains(r#""answers":"wijzer:testsite:antwoorden:proef@v1""#),
        "{data}"
    );
    assert!(data.contains(r#""url":"methoden/beraad.html""#));
}

#[test]
fn pages_that_feedback_points_to_offer_the_questionnaire() {
    let ws = Workspace::of("basic");
    ws.build().unwrap();
    for page in [
        "kaders/frame.html",
        "methoden/beraad.html",
        "dilemmas/regie.html",
    ] {
        let html = ws.output(page);
        let offer = &html[html.find("Test jezelf").unwrap_or_else(|| panic!("{page}"))..];
        assert!(
            offer.contains(r#"href="../zelfevaluaties/proef.html">Proefvragenlijst</a>"#),
            "{page}"
        );
    }
    assert!(
        ws.output("bronnen/rapport.html")
            .contains(r#"href="../zelfevaluaties/proef.html">Proefvragenlijst</a>"#)
    );
}

#[test]
fn privacy_and_results_pages_list_the_storage_keys() {
    let ws = Workspace::of("basic");
    ws.build().unwrap();
    let privacy = ws.output("privacy.html");
    for key in [
        "wijzer:testsite:antwoorden:proef@v1",
        "wijzer:testsite:resultaten:proef",
        "wijzer:testsite:leerroute:leerroutes/eerste-les.html",
    ] {
        assert!(privacy.contains(&format!("<code>{key}</code>")), "{key}");
    }
    assert!(
        ws.output("leerroutes/eerste-les.html")
            .contains(r#"data-route="wijzer:testsite:leerroute:leerroutes/eerste-les.html""#)
    );
    assert!(
        ws.output("mijn-resultaten.html")
            .contains(r#"id="wijzer-catalogue""#)
    );
    assert!(
        ws.output("index.html")
            .contains(r#"<a href="mijn-resultaten.html">Mijn resultaten</a>"#)
    );
}

#[test]
fn a_questionnaire_text_cannot_close_its_data_script() {
    let ws = Workspace::of("basic");
    ws.edit(
        FILE,
        "text: \"Vraag A1.\"",
        "text: \"Vraag </script><script>alert(1)</script>\"",
    );
    ws.build().unwrap();
    let html = ws.output("zelfevaluaties/proef.html");
    assert!(
        !html.contains("<script>alert(1)"),
        "escaped in the form and in the data"
    );
    assert!(
        html.contains("Vraag &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        "form"
    );
    assert!(
        html.contains(r#"Vraag \u003c/script>\u003cscript>alert(1)\u003c/script>"#),
        "data"
    );
}

#[test]
fn unknown_keys_are_located_with_a_suggestion() {
    let (problem, line, source) = problem_after("    reverse: true\n", "    reversed: true\n");
    assert!(
        matches!(&problem, Problem::UnknownKey { key, suggestion: Some(s), .. } if key == "reversed" && s == "reverse"),
        "{problem:?}"
    );
    assert_eq!((line, source.as_str()), (22, "    reversed: true"));
}

#[test]
fn duplicate_item_ids_are_refused() {
    let (problem, line, _) = problem_after("  - id: a3\n", "  - id: a2\n");
    assert_eq!(
        problem,
        Problem::DuplicateId {
            id: "a2".into(),
            first_line: 20
        }
    );
    assert_eq!(line, 24);
}

#[test]
fn a_scored_item_in_no_dimension_is_refused() {
    let (problem, line, _) = problem_after("items: [c1, c2]", "items: [c1]");
    assert_eq!(problem, Problem::ItemInNoDimension { item: "c2".into() });
    assert_eq!(line, 50);
}

#[test]
fn a_dimension_listing_a_missing_item_is_refused() {
    let (problem, line, source) = problem_after("items: [b1, b2]", "items: [b1, b2, b3]");
    assert_eq!(problem, Problem::UnknownItem { item: "b3".into() });
    assert_eq!(source, "    items: [b1, b2, b3]");
    assert_eq!(line, 93);
}

#[test]
fn an_open_item_in_a_dimension_is_refused() {
    let (problem, _, _) = problem_after("items: [c1, c2]", "items: [c1, c2, o1]");
    assert_eq!(
        problem,
        Problem::UnscoredItemInDimension {
            item: "o1".into(),
            kind: "open"
        }
    );
}

#[test]
fn a_gap_between_bands_is_refused() {
    let (problem, line, source) = problem_after(
        "      - from: 2.5\n        to: 3.5",
        "      - from: 2.6\n        to: 3.5",
    );
    assert_eq!(problem, Problem::BandGap { from: 2.5, to: 2.6 });
    assert_eq!((line, source.as_str()), (74, "      - from: 2.6"));
}

#[test]
fn overlapping_bands_are_refused() {
    let (problem, _, _) = problem_after(
        "      - from: 3.5\n        to: 5",
        "      - from: 3.4\n        to: 5",
    );
    assert_eq!(problem, Problem::BandOverlap { from: 3.4, to: 3.5 });
}

#[test]
fn bands_must_cover_the_whole_scale() {
    let (problem, _, _) = problem_after(
        "      - from: 3\n        to: 5\n        label: \"Veel\"",
        "      - from: 3\n        to: 4\n        label: \"Veel\"",
    );
    assert_eq!(
        problem,
        Problem::BandEnd {
            expected: 5.0,
            found: 4.0
        }
    );
    let (problem, _, _) = problem_after(
        "    bands:\n      - from: 1\n        to: 3\n        label: \"Weinig\"",
        "    bands:\n      - from: 0\n        to: 3\n        label: \"Weinig\"",
    );
    assert_eq!(
        problem,
        Problem::BandStart {
            expected: 1.0,
            found: 0.0
        }
    );
}

#[test]
fn a_feedback_link_to_a_missing_page_is_refused() {
    let (problem, line, source) =
        problem_after("links: [../kaders/frame.md]", "links: [../kaders/fraem.md]");
    assert_eq!(
        problem,
        Problem::MissingTarget {
            target: "../kaders/fraem.md".into()
        }
    );
    assert_eq!(
        (line, source.as_str()),
        (73, "        links: [../kaders/fraem.md]")
    );
}

#[test]
fn a_link_inside_questionnaire_markdown_is_refused() {
    let (problem, _, _) = problem_after(
        "feedback: \"Redelijk.\"",
        "feedback: \"Lees [dit](../kaders/frame.md).\"",
    );
    assert_eq!(
        problem,
        Problem::UncheckedLink {
            target: "../kaders/frame.md".into()
        }
    );
}

#[test]
fn a_norm_outside_the_scale_is_refused() {
    let (problem, line, _) = problem_after("mean: 3.2", "mean: 32");
    assert_eq!(
        problem,
        Problem::NormOutsideScale {
            value: 32.0,
            min: 1.0,
            max: 5.0
        }
    );
    assert_eq!(line, 89);
}

#[test]
fn scale_labels_must_match_the_range() {
    let (problem, line, _) = problem_after("    max: 5\n", "    max: 7\n");
    assert_eq!(
        problem,
        Problem::ScaleLabels {
            expected: 7,
            found: 5,
            min: 1,
            max: 7
        }
    );
    assert_eq!(line, 14);
}

#[test]
fn a_likert_item_needs_a_known_scale() {
    let (problem, _, _) = problem_after(
        "  - id: c1\n    scale: eens",
        "  - id: c1\n    scale: oneens",
    );
    assert_eq!(
        problem,
        Problem::UnknownScale {
            scale: "oneens".into(),
            known: vec!["eens".into()]
        }
    );
}

#[test]
fn the_id_must_match_the_file_name() {
    let (problem, line, _) = problem_after("id: proef\n", "id: andere\n");
    assert_eq!(
        problem,
        Problem::AssessmentIdMismatch {
            id: "andere".into(),
            file_stem: "proef".into()
        }
    );
    assert_eq!(line, 1);
}

#[test]
fn a_questionnaire_can_be_a_leerroute_step() {
    let ws = Workspace::of("basic");
    ws.edit(
        "leerroutes/eerste-les.md",
        "  - page: ../dilemmas/regie.md",
        "  - page: ../zelfevaluaties/proef.yaml\n  - page: ../dilemmas/regie.md",
    );
    ws.build().unwrap();
    assert!(
        ws.output("leerroutes/eerste-les.html")
            .contains(r#"<a href="../zelfevaluaties/proef.html">Proefvragenlijst</a>"#)
    );
}

/// The questionnaire's data as the group page embeds it.
fn group_catalogue(ws: &Workspace, page: &str) -> serde_json::Value {
    let html = ws.output(page);
    let start = html.find(r#"id="wijzer-catalogue">"#).unwrap() + r#"id="wijzer-catalogue">"#.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

#[test]
fn each_questionnaire_gets_a_group_page_and_a_reflection_report() {
    let ws = Workspace::of("basic");
    ws.build().unwrap();
    let one = group_catalogue(&ws, "groepsprofiel/proef.html");
    assert_eq!(one.as_array().unwrap().len(), 1);
    assert_eq!(one[0]["id"], "proef");
    assert_eq!(one[0]["min_group_size"], 5, "the default minimum");
    assert_eq!(group_catalogue(&ws, "groepsprofiel.html")[0]["id"], "proef");
    assert_eq!(
        group_catalogue(&ws, "reflectieverslag/proef.html")[0]["id"],
        "proef"
    );
    let page = ws.output("zelfevaluaties/proef.html");
    assert!(page.contains(r#"href="../groepsprofiel/proef.html""#));
    assert!(page.contains(r#"href="../reflectieverslag/proef.html""#));
    let overview = ws.output("mijn-resultaten.html");
    assert!(overview.contains(r#"href="groepsprofiel.html""#));
}

#[test]
fn the_minimum_group_size_comes_from_the_questionnaire_or_the_site() {
    let ws = Workspace::of("basic");
    ws.edit("site.yaml", "title:", "min_group_size: 8\ntitle:");
    ws.build().unwrap();
    assert_eq!(
        group_catalogue(&ws, "groepsprofiel/proef.html")[0]["min_group_size"],
        8
    );
    ws.edit(FILE, "version: 1", "version: 1\nmin_group_size: 6");
    ws.build().unwrap();
    assert_eq!(
        group_catalogue(&ws, "groepsprofiel/proef.html")[0]["min_group_size"],
        6
    );
}

#[test]
fn a_minimum_group_size_below_four_is_refused() {
    let (problem, line, source) = problem_after("version: 1", "version: 1\nmin_group_size: 3");
    assert!(
        matches!(problem, Problem::MinGroupSize { size: 3, lowest: 4 }),
        "{problem:?}"
    );
    assert_eq!((line, source.as_str()), (3, "min_group_size: 3"));
    assert!(
        problem
            .help()
            .unwrap()
            .contains("work out each other's scores")
    );

    let ws = Workspace::of("basic");
    ws.edit("site.yaml", "title:", "min_group_size: 1\ntitle:");
    let errors = ws.build_errors();
    assert_eq!(errors[0].location.file.to_str(), Some("site.yaml"));
    assert_eq!(errors[0].location.line, 1);
    assert!(matches!(
        errors[0].problem,
        Problem::MinGroupSize { size: 1, .. }
    ));
}

#[test]
fn a_page_cannot_take_the_place_of_a_page_wijzer_makes() {
    let ws = Workspace::of("basic");
    ws.write(
        "groepsprofiel/proef.md",
        "---\ntitle: Eigen groepspagina\n---\nTekst.\n",
    );
    ws.write("privacy.md", "---\ntitle: Eigen privacy\n---\nTekst.\n");
    let errors = ws.build_errors();
    let reserved: Vec<_> = errors
        .iter()
        .filter_map(|e| match &e.problem {
            Problem::ReservedOutput { output } => Some((
                e.location.file.to_str().unwrap().to_string(),
                output.clone(),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(
        reserved,
        [
            (
                "groepsprofiel/proef.md".to_string(),
                "groepsprofiel/proef.html".to_string()
            ),
            ("privacy.md".to_string(), "privacy.html".to_string()),
        ]
    );
}

#[test]
fn two_questionnaires_with_one_id_are_refused() {
    let ws = Workspace::of("basic");
    let copy = ws.read(FILE).replace("../", "../../");
    ws.write("zelfevaluaties/extra/proef.yaml", &copy);
    let errors = ws.build_errors();
    let duplicate = errors
        .iter()
        .find(|e| matches!(e.problem, Problem::DuplicateAssessment { .. }))
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert_eq!(
        duplicate.location.file.to_str(),
        Some("zelfevaluaties/proef.yaml")
    );
    assert_eq!(duplicate.location.source_line, "id: proef");
    assert!(
        duplicate
            .to_string()
            .contains("zelfevaluaties/extra/proef.yaml")
    );
}
