//! Building fixture sites: what the output contains, and what a broken
//! input does (a located error, and the previous output left untouched).

mod support;

use std::fs;

use support::{Workspace, assert_links_resolve, snapshot};
use wijzer::Problem;

#[test]
fn builds_every_page_type_with_relative_links_that_resolve() {
    let ws = Workspace::of("basic");
    let report = ws.build().unwrap();
    assert_eq!(report.pages, 18);
    assert_eq!(report.sections, 9);
    for page in [
        "index.html",
        "kaders/frame.html",
        "dilemmas/regie.html",
        "methoden/beraad.html",
        "begrippen/vertolker.html",
        "bronnen/rapport.html",
        "leerroutes/eerste-les.html",
        "model/fasen.html",
        "404.html",
        "robots.txt",
        "static/style.css",
        "static/wijzer.js",
        "kaders/schema.svg",
    ] {
        assert!(ws.out().join(page).is_file(), "missing {page}");
    }
    let checked = assert_links_resolve(&ws.out());
    assert!(checked > 150, "only {checked} links checked");
}

#[test]
fn markdown_links_are_rewritten_to_relative_html_urls() {
    let ws = Workspace::of("basic");
    ws.build().unwrap();
    let frame = ws.output("kaders/frame.html");
    assert!(frame.contains(r#"<a href="../kaders/reframing.html#hoe-werkt-het">reframing</a>"#));
    assert!(frame.contains(r#"<img src="../kaders/schema.svg" alt="Schema" />"#));
    let home = ws.output("index.html");
    assert!(home.contains(r#"<a href="kaders/frame.html">het frame</a>"#));
    assert!(home.contains(r#"href="static/style.css""#));
    let fasen = ws.output("model/fasen.html");
    assert!(fasen.contains(r#"<a href="https://example.org/x">extern</a>"#));
}

#[test]
fn pages_show_backlinks_and_bronnen_show_who_cites_them() {
    let ws = Workspace::of("basic");
    ws.build().unwrap();
    let frame = ws.output("kaders/frame.html");
    let backlinks = &frame[frame.find("Wordt genoemd in").expect("backlinks heading")..];
    assert!(backlinks.contains(r#"href="../dilemmas/regie.html""#));
    assert!(backlinks.contains(r#"href="../kaders/reframing.html""#));
    let bron = ws.output("bronnen/rapport.html");
    assert!(bron.contains("Geciteerd in (7)"), "{bron}");
    assert!(bron.contains(r#"href="../methoden/beraad.html">Moreel beraad</a>"#));
    assert!(frame.contains(r#"<a href="../bronnen/rapport.html">Het rapport</a>, hoofdstuk 2"#));
}

#[test]
fn type_templates_show_their_fields() {
    let ws = Workspace::of("basic");
    ws.build().unwrap();
    let dilemma = ws.output("dilemmas/regie.html");
    assert!(
        dilemma.contains("<h3>De cliënt beslist</h3>")
            && dilemma.contains("<h3>De professional beslist</h3>")
    );
    let methode = ws.output("methoden/beraad.html");
    assert!(
        methode.contains("<li>Kies een <em>concrete</em> casus.</li>"),
        "{methode}"
    );
    assert!(methode.contains("90 minuten"));
    let bron = ws.output("bronnen/rapport.html");
    assert!(bron.contains("Auteur, A. (2020). Het rapport. Utrecht: Uitgever."));
    let begrip = ws.output("begrippen/vertolker.html");
    assert!(begrip.contains("tolk, vertaler"));
    let route = ws.output("leerroutes/eerste-les.html");
    assert!(route.contains(r#"<a href="../kaders/frame.html">Wat is een frame?</a>"#));
    assert!(route.contains("Lees de pagina."));
    let frame = ws.output("kaders/frame.html");
    assert!(frame.contains(r#"<aside class="callout callout-tip" role="note">"#));
    assert!(
        frame.contains(r##"<a href="#kern-van-een-frame-2">"##),
        "toc"
    );
}

#[test]
fn previous_and_next_stay_within_the_section() {
    let ws = Workspace::of("basic");
    ws.build().unwrap();
    let frame = ws.output("kaders/frame.html");
    assert!(frame.contains(r#"rel="next" href="../kaders/reframing.html""#));
    assert!(!frame.contains(r#"rel="prev""#));
    let reframing = ws.output("kaders/reframing.html");
    assert!(reframing.contains(r#"rel="prev" href="../kaders/frame.html""#));
}

#[test]
fn a_broken_link_stops_the_build_with_its_location_and_keeps_dist() {
    let ws = Workspace::of("basic");
    ws.build().unwrap();
    let before = snapshot(&ws.out());
    ws.edit(
        "dilemmas/regie.md",
        "../kaders/frame.md",
        "../kaders/fraem.md",
    );
    let errors = ws.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = &errors[0];
    assert_eq!(error.location.file.to_str(), Some("dilemmas/regie.md"));
    assert_eq!((error.location.line, error.location.column), (16, 39));
    assert_eq!(
        error.problem,
        Problem::MissingTarget {
            target: "../kaders/fraem.md".into()
        }
    );
    assert_eq!(snapshot(&ws.out()), before, "dist changed");
}

#[test]
fn a_missing_anchor_lists_the_anchors_that_exist() {
    let ws = Workspace::of("basic");
    ws.edit("kaders/reframing.md", "#kern-van-een-frame-2", "#kern");
    let errors = ws.build_errors();
    match &errors[0].problem {
        Problem::MissingAnchor { anchor, known, .. } => {
            assert_eq!(anchor, "kern");
            assert_eq!(known, &["#kern-van-een-frame", "#kern-van-een-frame-2"]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(errors[0].location.line, 10);
}

#[test]
fn unknown_front_matter_key_is_located_with_a_suggestion() {
    let ws = Workspace::of("basic");
    ws.edit("kaders/reframing.md", "weight: 2", "wieght: 2");
    let errors = ws.build_errors();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].location.line, 3);
    assert_eq!(errors[0].location.source_line, "wieght: 2");
    let shown = errors[0].to_string();
    assert!(shown.contains("unknown key `wieght`"), "{shown}");
    assert!(shown.contains("did you mean `weight`?"), "{shown}");
    assert!(shown.contains("--> kaders/reframing.md:3:1"), "{shown}");
}

#[test]
fn every_problem_of_a_build_is_reported_at_once() {
    let ws = Workspace::of("basic");
    ws.edit("kaders/reframing.md", "weight: 2", "wieght: 2");
    ws.edit(
        "dilemmas/regie.md",
        "../methoden/beraad.md",
        "../methoden/overleg.md",
    );
    ws.edit(
        "kaders/frame.md",
        "  - ../dilemmas/regie.md",
        "  - ../dilemmas/nergens.md",
    );
    ws.edit(
        "leerroutes/eerste-les.md",
        "page: ../dilemmas/regie.md",
        "page: ../dilemmas/weg.md",
    );
    let errors = ws.build_errors();
    let files: Vec<_> = errors
        .iter()
        .map(|e| e.location.file.to_str().unwrap().to_string())
        .collect();
    assert_eq!(errors.len(), 4, "{files:?}");
    for file in [
        "kaders/reframing.md",
        "dilemmas/regie.md",
        "kaders/frame.md",
        "leerroutes/eerste-les.md",
    ] {
        assert!(
            files.iter().any(|f| f == file),
            "{file} not reported: {files:?}"
        );
    }
}

#[test]
fn links_in_method_steps_are_refused_because_they_cannot_be_checked() {
    let ws = Workspace::of("basic");
    ws.edit(
        "methoden/beraad.md",
        "Benoem het dilemma.",
        "Benoem [het dilemma](../dilemmas/regie.md).",
    );
    let errors = ws.build_errors();
    assert_eq!(
        errors[0].problem,
        Problem::UncheckedLink {
            target: "../dilemmas/regie.md".into()
        }
    );
    assert_eq!(errors[0].location.file.to_str(), Some("methoden/beraad.md"));
}

#[test]
fn sources_must_point_to_bron_pages() {
    let ws = Workspace::of("basic");
    ws.edit(
        "model/fasen.md",
        "bron: ../bronnen/rapport.md",
        "bron: ../kaders/frame.md",
    );
    let errors = ws.build_errors();
    assert_eq!(
        errors[0].problem,
        Problem::NotABron {
            target: "../kaders/frame.md".into(),
            kind: "kader"
        }
    );
    assert_eq!(
        (errors[0].location.line, errors[0].location.column),
        (4, 11)
    );
}

#[test]
fn type_specific_keys_are_checked_against_the_page_type() {
    let ws = Workspace::of("basic");
    ws.edit(
        "kaders/reframing.md",
        "weight: 2",
        "weight: 2\nsynonyms: [herkaderen]",
    );
    ws.edit(
        "dilemmas/regie.md",
        "  - label: \"De professional beslist\"\n    description: \"Bescherming als waarde.\"\n",
        "",
    );
    let errors = ws.build_errors();
    let problems: Vec<_> = errors.iter().map(|e| &e.problem).collect();
    assert!(
        problems.iter().any(|p| matches!(
            p,
            Problem::KeyNotForKind {
                key: "synonyms",
                kind: "kader",
                ..
            }
        )),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| matches!(p, Problem::KindNeedsKey { key: "poles", .. })),
        "{problems:?}"
    );
}

#[test]
fn links_out_of_the_content_folder_and_unsafe_schemes_are_refused() {
    let ws = Workspace::of("basic");
    ws.edit(
        "model/fasen.md",
        "(https://example.org/x)",
        "(../../../etc/passwd)",
    );
    ws.edit(
        "kaders/reframing.md",
        "Je kijkt opnieuw.",
        "[klik](javascript:alert(1)) en [x](/etc/hosts)",
    );
    let problems: Vec<_> = ws.build_errors().into_iter().map(|e| e.problem).collect();
    assert!(
        problems.contains(&Problem::OutsideContent {
            target: "../../../etc/passwd".into()
        }),
        "{problems:?}"
    );
    assert!(
        problems.contains(&Problem::UnsafeScheme {
            target: "javascript:alert(1)".into()
        }),
        "{problems:?}"
    );
    assert!(
        problems.contains(&Problem::AbsolutePath {
            target: "/etc/hosts".into()
        }),
        "{problems:?}"
    );
}

#[test]
fn two_files_with_the_same_output_path_are_refused() {
    let ws = Workspace::of("basic");
    ws.write("kaders/Reframing.md", &ws.read("kaders/reframing.md"));
    let errors = ws.build_errors();
    assert!(
        errors.iter().any(|e| matches!(&e.problem, Problem::DuplicateOutput { output, .. } if output == "kaders/reframing.html")),
        "{errors:?}"
    );
}

#[test]
fn unterminated_front_matter_and_bad_yaml_are_located() {
    let ws = Workspace::of("basic");
    ws.write("kaders/kapot.md", "---\ntitle: Kapot\n\nGeen einde.\n");
    ws.write("kaders/fout.md", "---\ntitle: [open\n---\n");
    let errors = ws.build_errors();
    let kapot = errors
        .iter()
        .find(|e| e.location.file.ends_with("kapot.md"))
        .unwrap();
    assert_eq!(kapot.problem, Problem::UnterminatedFrontMatter);
    let fout = errors
        .iter()
        .find(|e| e.location.file.ends_with("fout.md"))
        .unwrap();
    assert!(matches!(fout.problem, Problem::Yaml { .. }), "{fout}");
    assert_eq!(fout.location.line, 2, "{fout}");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let ws = Workspace::of("basic");
    ws.write(
        "kaders/concept.md",
        "---\ntitle: Concept\ndraft: true\n---\nNog niet af.\n",
    );
    ws.build().unwrap();
    assert!(!ws.out().join("kaders/concept.html").exists());
    ws.edit(
        "model/fasen.md",
        "Vijf fasen.",
        "Vijf fasen, zie [concept](../kaders/concept.md).",
    );
    let errors = ws.build_errors();
    assert_eq!(
        errors[0].problem,
        Problem::DraftTarget {
            target: "../kaders/concept.md".into()
        }
    );
    let mut options = ws.options();
    options.drafts = true;
    wijzer::build(&options).unwrap();
    assert!(ws.out().join("kaders/concept.html").exists());
}

#[test]
fn a_site_template_overrides_the_theme() {
    let ws = Workspace::of("basic");
    ws.write(
        "templates/begrip.html",
        "<p>Eigen sjabloon: {{ page.title }}</p>",
    );
    ws.build().unwrap();
    assert_eq!(
        ws.output("begrippen/vertolker.html"),
        "<p>Eigen sjabloon: Vertolker</p>"
    );
    assert!(
        ws.output("kaders/frame.html")
            .contains("<h1>Wat is een frame?</h1>")
    );
}

#[test]
fn sitemap_uses_absolute_urls_from_the_base_url() {
    let ws = Workspace::of("basic");
    let mut options = ws.options();
    options.base_url = Some("https://lessen.example.org/wijzer".into());
    wijzer::build(&options).unwrap();
    let sitemap = ws.output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://lessen.example.org/wijzer/</loc>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://lessen.example.org/wijzer/kaders/frame.html</loc>"));
    assert!(
        ws.output("robots.txt")
            .contains("Sitemap: https://lessen.example.org/wijzer/sitemap.xml")
    );
    assert!(
        ws.output("404.html")
            .contains(r#"href="https://lessen.example.org/wijzer/static/style.css""#)
    );
}

#[test]
fn a_folder_not_made_by_wijzer_is_never_replaced() {
    let ws = Workspace::of("basic");
    fs::create_dir_all(ws.out()).unwrap();
    fs::write(ws.out().join("belangrijk.txt"), "niet weggooien").unwrap();
    let error = ws.build().unwrap_err();
    assert!(error.to_string().contains("not made by wijzer"), "{error}");
    assert_eq!(
        fs::read_to_string(ws.out().join("belangrijk.txt")).unwrap(),
        "niet weggooien"
    );
}

#[test]
fn a_rebuild_replaces_the_old_output_and_is_deterministic() {
    let ws = Workspace::of("basic");
    ws.build().unwrap();
    let first = snapshot(&ws.out());
    fs::write(ws.out().join("oud.html"), "oud").unwrap();
    ws.build().unwrap();
    assert_eq!(snapshot(&ws.out()), first);
    let leftovers: Vec<_> = fs::read_dir(ws.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".dist"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[cfg(feature = "minify")]
#[test]
fn release_builds_are_minified() {
    let ws = Workspace::of("basic");
    let mut options = ws.options();
    options.minify = true;
    wijzer::build(&options).unwrap();
    let html = ws.output("kaders/frame.html");
    assert!(!html.contains("\n  <"), "not minified");
    assert!(html.contains("Wat is een frame?"));
    assert_links_resolve(&ws.out());
}

#[test]
fn raw_html_in_markdown_is_sanitised_unless_the_site_trusts_it() {
    let ws = Workspace::of("basic");
    ws.edit(
        "model/fasen.md",
        "Vijf fasen.",
        "Vijf fasen. <img src=x onerror=\"alert(1)\"> <a href=\"javascript:alert(2)\">klik</a>\n\n<script>alert(3)</script>\n\n<iframe src=\"https://example.org\"></iframe>",
    );
    ws.build().unwrap();
    let page = ws.output("model/fasen.html");
    for gone in ["onerror", "alert(", "javascript:", "<iframe"] {
        assert!(!page.contains(gone), "{gone} reached the page");
    }
    assert!(page.contains("klik"));
    let site = ws.read("site.yaml");
    ws.write("site.yaml", &format!("{site}trusted_html: true\n"));
    ws.build().unwrap();
    assert!(
        ws.output("model/fasen.html")
            .contains("<script>alert(3)</script>"),
        "trusted HTML is kept"
    );
}

#[test]
fn html_in_titles_and_descriptions_is_escaped() {
    let ws = Workspace::of("basic");
    ws.edit(
        "kaders/reframing.md",
        "title: \"Reframing\"",
        "title: \"Reframing <script>alert(1)</script>\"\ndescription: \"<b>vet</b>\"",
    );
    ws.build().unwrap();
    let page = ws.output("kaders/reframing.html");
    assert!(!page.contains("<script>alert(1)"), "title escaped");
    assert!(
        page.contains("Reframing &lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || page.contains("Reframing &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(!ws.output("kaders/index.html").contains("<b>vet</b>"));
}
