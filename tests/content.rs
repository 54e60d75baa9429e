//! The default knowledge base in `content/` meets its floor: enough pages
//! of every type, every page citing a bron with a locator, every dilemma
//! with poles and questions to weigh it, no begrip defined twice, and
//! every questionnaire dimension pointing into the knowledge base. Prints
//! the counts per type and the total number of words.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use wijzer::BuildOptions;
use wijzer::content::{PageKind, Role, Site};

fn site() -> Site {
    let options = BuildOptions::new(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        "unused",
    );
    let (site, problems) = wijzer::load::load(&options).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    site
}

fn leaves(site: &Site, kind: PageKind) -> impl Iterator<Item = &wijzer::content::Page> {
    site.pages
        .iter()
        .filter(move |p| p.role == Role::Leaf && p.kind == kind)
}

#[test]
fn every_section_meets_its_floor() {
    let site = site();
    let floors = [
        (PageKind::Model, 20),
        (PageKind::Kader, 25),
        (PageKind::Methode, 25),
        (PageKind::Dilemma, 35),
        (PageKind::Begrip, 80),
        (PageKind::Bron, 5),
        (PageKind::Leerroute, 4),
        (PageKind::Zelfevaluatie, 10),
    ];
    let mut counts = BTreeMap::new();
    let mut words = 0;
    for page in &site.pages {
        words += page.text.split_whitespace().count();
        if page.role == Role::Leaf {
            *counts.entry(page.kind.as_str()).or_insert(0) += 1;
        }
    }
    println!("pages per type: {counts:?}; {words} words in all");
    let short: Vec<_> = floors
        .iter()
        .filter(|(kind, floor)| counts.get(kind.as_str()).copied().unwrap_or(0) < *floor)
        .map(|(kind, floor)| {
            format!(
                "{}: {} of {floor}",
                kind.as_str(),
                counts.get(kind.as_str()).copied().unwrap_or(0)
            )
        })
        .collect();
    assert!(short.is_empty(), "below the floor: {short:?}");
}

#[test]
fn every_dilemma_has_poles_and_questions_to_weigh_it() {
    let site = site();
    for page in leaves(&site, PageKind::Dilemma) {
        let poles = page
            .front()
            .and_then(|f| f.poles.as_ref())
            .map_or(0, |p| p.value.len());
        assert!(poles >= 2, "{}: {poles} poles", page.source_path);
        let weigh = page
            .outline
            .headings
            .iter()
            .position(|h| h.text.starts_with("Wat zou jij doen"));
        let questions = weigh.map(|i| &page.outline.passages[i + 1]);
        assert!(
            questions.is_some_and(|q| q.matches('?').count() >= 2),
            "{}: no section 'Wat zou jij doen, en waarom?' with questions",
            page.source_path
        );
    }
}

#[test]
fn no_begrip_is_defined_twice() {
    let site = site();
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut twice = Vec::new();
    for page in leaves(&site, PageKind::Begrip) {
        let synonyms = page
            .front()
            .and_then(|f| f.synonyms.as_ref())
            .map(|s| s.value.clone())
            .unwrap_or_default();
        for name in std::iter::once(page.title.clone()).chain(synonyms) {
            let key = wijzer::slug::slugify(&name);
            match seen.insert(key, &page.source_path) {
                Some(first) if first != page.source_path => {
                    twice.push(format!("`{name}` in {first} and {}", page.source_path))
                }
                _ => {}
            }
        }
    }
    assert!(twice.is_empty(), "defined twice: {twice:#?}");
}

#[test]
fn every_questionnaire_states_its_source_and_points_into_the_knowledge_base() {
    let site = site();
    for page in leaves(&site, PageKind::Zelfevaluatie) {
        let assessment = page.assessment().unwrap();
        assert!(
            assessment
                .source
                .locator
                .as_deref()
                .is_some_and(|l| !l.is_empty()),
            "{}: no locator",
            page.source_path
        );
        let intro = assessment
            .intro
            .as_ref()
            .map(|i| i.value.to_lowercase())
            .unwrap_or_default();
        assert!(
            intro.contains("reflectie") || intro.contains("geen gevalideerde"),
            "{}: the intro does not say it is a reflection aid",
            page.source_path
        );
        for dimension in &assessment.dimensions {
            let links = dimension
                .bands
                .value
                .iter()
                .map(|b| b.links.len())
                .sum::<usize>();
            assert!(
                links > 0,
                "{}: dimension `{}` has no feedback links",
                page.source_path,
                dimension.id.value
            );
        }
    }
}
