//! Load: walk the content folder and build the in-memory [`Site`].
//!
//! Reads `site.yaml`, every Markdown file (front matter parsed into typed
//! structs, body scanned for headings and links) and lists the other files
//! as assets. Problems are collected per file, so one build reports them all.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::assessment::{self, Assessment};
use crate::config::{BuildOptions, SiteConfig};
use crate::content::{Asset, FrontMatter, Meta, Page, PageKind, Role, Section, Site, Step};
use crate::error::{Diagnostic, Error, Location, Problem, Result};
use crate::markdown;
use crate::slug::slugify;
use crate::theme::Theme;
use crate::yaml;

/// The site settings file, at the top of the content folder.
pub const SITE_FILE: &str = "site.yaml";
/// Folders at the top of the content folder that hold theme overrides, not
/// content. Hidden files and `README.md` files (notes for authors) are not
/// content either.
pub const THEME_FOLDERS: [&str; 3] = ["templates", "static", "i18n"];
/// The folder whose YAML files are questionnaires.
pub const ASSESSMENTS_DIR: &str = "zelfevaluaties";
/// The front matter's YAML starts on the line after the opening `---`.
const FRONT_MATTER_LINE: usize = 2;

/// Loads the site in `options.content_dir`. Problems in the content come
/// back beside the site (which then lacks the files that had them), so that
/// the next stage can add its own and a build reports all at once.
pub fn load(options: &BuildOptions) -> Result<(Site, Vec<Diagnostic>)> {
    let root = &options.content_dir;
    let (config, config_text) = load_config(root)?;
    let files = walk(root)?;
    let mut diagnostics = Vec::new();
    if let Some((at, problem)) = config
        .min_group_size
        .as_ref()
        .and_then(assessment::check_min_group_size)
    {
        let location = yaml::span_location(Path::new(SITE_FILE), &config_text, 1, &at);
        diagnostics.push(Diagnostic::new(location, problem));
    }

    let readers = files
        .markdown
        .iter()
        .map(|rel| (rel, read_markdown as Reader));
    let readers = readers.chain(
        files
            .assessments
            .iter()
            .map(|rel| (rel, read_assessment as Reader)),
    );
    let readers: Vec<_> = readers.collect();
    let parsed: Vec<_> = readers
        .par_iter()
        .map(|(rel, read)| read(root, rel))
        .collect::<Result<_>>()?;
    let mut sources = Vec::new();
    let mut unreadable = Vec::new();
    for (outcome, (rel, _)) in parsed.into_iter().zip(&readers) {
        match outcome {
            Ok(source) => sources.push(source),
            Err(mut found) => {
                diagnostics.append(&mut found);
                unreadable.push(rel.to_string());
            }
        }
    }
    let (drafts, sources): (Vec<_>, Vec<_>) = sources
        .into_iter()
        .partition(|s| s.is_draft() && !options.drafts);

    let mut site = assemble(config, sources, files.assets, &mut diagnostics);
    site.drafts = drafts.into_iter().map(|d| d.rel).collect();
    site.unreadable = unreadable;
    site.config_text = config_text;
    let mut overlays: Vec<PathBuf> = site.config.theme.iter().map(|t| root.join(t)).collect();
    overlays.push(root.clone());
    site.theme = Theme::load(&site.config.language, &overlays)?;
    if let Some(base_url) = &options.base_url {
        site.config.base_url = Some(base_url.clone());
    }
    Ok((site, diagnostics))
}

/// `site.yaml`, parsed, and its text (for locating later problems in it).
fn load_config(root: &Path) -> Result<(SiteConfig, String)> {
    let path = root.join(SITE_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io("cannot read", &path, e))?;
    let config =
        yaml::parse(Path::new(SITE_FILE), &text, &text, 1).map_err(|d| Error::Content(vec![*d]))?;
    Ok((config, text))
}

/// The files of a content folder, as paths relative to it with `/` separators.
struct Files {
    markdown: Vec<String>,
    assessments: Vec<String>,
    assets: Vec<(String, PathBuf)>,
}

fn walk(root: &Path) -> Result<Files> {
    let mut files = Files {
        markdown: Vec::new(),
        assessments: Vec::new(),
        assets: Vec::new(),
    };
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| !is_skipped(root, entry.path()));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(root).to_path_buf();
            Error::io("cannot walk", &path, e.into())
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = relative(root, entry.path());
        match entry.path().extension().and_then(|e| e.to_str()) {
            Some("md") => files.markdown.push(rel),
            Some("yaml" | "yml") if rel.starts_with(&format!("{ASSESSMENTS_DIR}/")) => {
                files.assessments.push(rel)
            }
            Some("yaml" | "yml") => {}
            _ => files.assets.push((rel, entry.path().to_path_buf())),
        }
    }
    Ok(files)
}

fn is_skipped(root: &Path, path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let top_level_theme =
        path.parent() == Some(root) && THEME_FOLDERS.contains(&name) && path.is_dir();
    let authors_note = name.eq_ignore_ascii_case("README.md");
    (name.starts_with('.') && path != root) || top_level_theme || authors_note
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A content file read and parsed, not yet placed in the site.
struct SourceFile {
    rel: String,
    text: String,
    body_start: usize,
    yaml_line: usize,
    meta: Meta,
}

/// A file's content, or the problems in it.
type Parsed<T> = std::result::Result<T, Vec<Diagnostic>>;

/// Reads one content file. The outer `Result` is for I/O failures, the
/// inner one for problems in the content.
type Reader = fn(&Path, &str) -> Result<Parsed<SourceFile>>;

/// Reads a file as UTF-8 text (without a byte order mark).
fn read_text(root: &Path, rel: &str) -> Result<Parsed<String>> {
    let path = root.join(rel);
    let bytes = std::fs::read(&path).map_err(|e| Error::io("cannot read", &path, e))?;
    Ok(decode(rel, bytes))
}

/// The bytes of a file as UTF-8 text, without a byte order mark.
fn decode(rel: &str, bytes: Vec<u8>) -> Parsed<String> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text)),
        Err(_) => Err(vec![Diagnostic::new(
            Location::file_start(Path::new(rel)),
            Problem::NotUtf8,
        )]),
    }
}

/// The problems `load` finds in one content file taken on its own: its
/// encoding, front matter or questionnaire schema (not its links, which
/// need the rest of the site). Used by the fuzz targets.
pub fn file_problems(rel: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    let parse = if rel.ends_with(".yaml") {
        parse_assessment
    } else {
        parse_markdown
    };
    match decode(rel, bytes.to_vec()).and_then(|text| parse(rel, text)) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}

/// Reads and validates one questionnaire.
fn read_assessment(root: &Path, rel: &str) -> Result<Parsed<SourceFile>> {
    Ok(read_text(root, rel)?.and_then(|text| parse_assessment(rel, text)))
}

fn parse_assessment(rel: &str, text: String) -> Parsed<SourceFile> {
    let file = Path::new(rel);
    let parsed: Assessment = yaml::parse(file, &text, &text, 1).map_err(|d| vec![*d])?;
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let problems: Vec<_> = assessment::validate(&parsed, stem)
        .into_iter()
        .map(|(at, problem)| Diagnostic::new(yaml::span_location(file, &text, 1, &at), problem))
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(SourceFile {
        rel: rel.to_string(),
        body_start: text.len(),
        text,
        yaml_line: 1,
        meta: Meta::Assessment(Box::new(parsed)),
    })
}

impl SourceFile {
    fn is_draft(&self) -> bool {
        matches!(&self.meta, Meta::Page(front) if front.draft)
    }

    fn is_index(&self) -> bool {
        is_index_path(&self.rel)
    }

    fn dir(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(dir, _)| dir)
    }
}

fn is_index_path(rel: &str) -> bool {
    rel == "_index.md" || rel.ends_with("/_index.md")
}

/// Reads one Markdown file.
fn read_markdown(root: &Path, rel: &str) -> Result<Parsed<SourceFile>> {
    Ok(read_text(root, rel)?.and_then(|text| parse_markdown(rel, text)))
}

fn parse_markdown(rel: &str, text: String) -> Parsed<SourceFile> {
    let file = Path::new(rel);
    let (yaml_text, body_start) = match split_front_matter(&text) {
        Ok(split) => split,
        Err(problem) => {
            let location = Location::at_line(file, &text, 1, 1);
            return Err(vec![Diagnostic::new(location, problem)]);
        }
    };
    let meta = if is_index_path(rel) {
        yaml::parse(file, &text, yaml_text, FRONT_MATTER_LINE).map(Meta::Section)
    } else {
        yaml::parse::<FrontMatter>(file, &text, yaml_text, FRONT_MATTER_LINE)
            .map(|front| Meta::Page(Box::new(front)))
    };
    match meta {
        Ok(meta) => Ok(SourceFile {
            rel: rel.to_string(),
            text,
            body_start,
            yaml_line: FRONT_MATTER_LINE,
            meta,
        }),
        Err(diagnostic) => Err(vec![*diagnostic]),
    }
}

/// Splits `---\nYAML\n---\nbody` into the YAML and the byte offset of the body.
fn split_front_matter(text: &str) -> std::result::Result<(&str, usize), Problem> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Err(Problem::MissingFrontMatter);
    }
    let mut offset = first_line_end;
    for line in text[first_line_end..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Ok((&text[first_line_end..offset], offset + line.len()));
        }
        offset += line.len();
    }
    Err(Problem::UnterminatedFrontMatter)
}

/// Places the parsed files into sections and pages.
fn assemble(
    config: SiteConfig,
    sources: Vec<SourceFile>,
    assets: Vec<(String, PathBuf)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Site {
    let (indexes, leaves): (Vec<_>, Vec<_>) = sources.into_iter().partition(SourceFile::is_index);
    let mut site = Site {
        config,
        pages: Vec::new(),
        sections: Vec::new(),
        assets: Vec::new(),
        theme: Theme::default(),
        config_text: String::new(),
        drafts: Vec::new(),
        unreadable: Vec::new(),
    };
    let mut section_of_dir: BTreeMap<String, usize> = BTreeMap::new();
    let mut indexes: Vec<_> = indexes.into_iter().collect();
    indexes.sort_by(|a, b| a.dir().cmp(b.dir()));
    if indexes.first().is_none_or(|home| !home.dir().is_empty()) {
        diagnostics.push(Diagnostic::new(
            Location::file_start(Path::new("_index.md")),
            Problem::MissingHome,
        ));
        return site;
    }
    for source in indexes {
        let dir = source.dir().to_string();
        let parent = nearest_section(&section_of_dir, &dir);
        let Meta::Section(front) = &source.meta else {
            continue;
        };
        let kind = match (front.kind, parent) {
            (Some(kind), _) => kind,
            (None, None) => PageKind::Pagina,
            (None, Some(parent)) => site.sections[parent].kind,
        };
        let id = site.sections.len();
        let page = place(
            source,
            id,
            kind,
            if id == 0 {
                Role::Home
            } else {
                Role::SectionIndex
            },
        );
        site.pages.push(page);
        site.sections.push(Section {
            dir: dir.clone(),
            index: site.pages.len() - 1,
            kind,
            parent,
            pages: Vec::new(),
            children: Vec::new(),
        });
        if let Some(parent) = parent {
            site.sections[parent].children.push(id);
        }
        section_of_dir.insert(dir, id);
    }
    for source in leaves {
        let section = nearest_section(&section_of_dir, source.dir()).unwrap_or(0);
        let kind = match source.meta {
            Meta::Assessment(_) => PageKind::Zelfevaluatie,
            _ => site.sections[section].kind,
        };
        let page = place(source, section, kind, Role::Leaf);
        check_kind_keys(&page, diagnostics);
        site.sections[section].pages.push(site.pages.len());
        site.pages.push(page);
    }
    sort_reading_order(&mut site);
    site.assets = assets
        .into_iter()
        .map(|(rel, source)| Asset {
            url: output_path(&rel),
            source_path: rel,
            source,
        })
        .collect();
    check_unique_outputs(&site, diagnostics);
    check_unique_assessments(&site, diagnostics);
    site
}

/// The section whose folder is `dir` or the nearest folder above it.
fn nearest_section(section_of_dir: &BTreeMap<String, usize>, dir: &str) -> Option<usize> {
    let mut dir = dir;
    loop {
        if let Some(id) = section_of_dir.get(dir) {
            return Some(*id);
        }
        if dir.is_empty() {
            return None;
        }
        dir = dir.rsplit_once('/').map_or("", |(parent, _)| parent);
    }
}

fn place(source: SourceFile, section: usize, kind: PageKind, role: Role) -> Page {
    let (title, description, weight) = match &source.meta {
        Meta::Section(f) => (f.title.clone(), f.description.clone(), f.weight),
        Meta::Page(f) => (f.title.clone(), f.description.clone(), f.weight),
        Meta::Assessment(a) => (a.title.clone(), a.description.clone(), a.weight),
    };
    let outline = markdown::scan(&source.text[source.body_start..]);
    Page {
        url: output_path(&source.rel),
        source_path: source.rel,
        role,
        section,
        kind,
        title,
        description,
        weight,
        meta: source.meta,
        text: source.text,
        body_start: source.body_start,
        yaml_line: source.yaml_line,
        outline,
    }
}

/// The output path of a content file: every folder and file name slugified,
/// `.md` becoming `.html` and `_index.md` becoming `index.html`.
pub fn output_path(rel: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut components = rel.split('/').peekable();
    while let Some(part) = components.next() {
        if components.peek().is_some() {
            parts.push(slug_or_keep(part));
            continue;
        }
        let (stem, ext) = part.rsplit_once('.').unwrap_or((part, ""));
        parts.push(match (stem, ext) {
            ("_index", "md") => "index.html".to_string(),
            (stem, "md" | "yaml" | "yml") => format!("{}.html", slug_or_keep(stem)),
            (stem, "") => slug_or_keep(stem),
            (stem, ext) => format!("{}.{}", slug_or_keep(stem), ext.to_lowercase()),
        });
    }
    parts.join("/")
}

fn slug_or_keep(name: &str) -> String {
    match slugify(name) {
        s if s.is_empty() => "_".to_string(),
        s => s,
    }
}

fn sort_reading_order(site: &mut Site) {
    let pages = &site.pages;
    let order = |a: &usize, b: &usize| {
        let (a, b) = (&pages[*a], &pages[*b]);
        (a.weight, &a.title, &a.source_path).cmp(&(b.weight, &b.title, &b.source_path))
    };
    let index_of: Vec<usize> = site.sections.iter().map(|s| s.index).collect();
    for section in &mut site.sections {
        section.pages.sort_by(order);
        section
            .children
            .sort_by(|a, b| order(&index_of[*a], &index_of[*b]));
    }
}

/// Two files that map to one output path, also when they differ only in
/// case (which collide on Windows and macOS, and in a zip opened there).
/// A page may not take the path of a page the theme makes either.
fn check_unique_outputs(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    let reserved: HashMap<String, String> = site
        .generated_pages()
        .into_iter()
        .map(|g| (g.url.to_lowercase(), g.url))
        .collect();
    let mut seen: HashMap<String, &str> = HashMap::new();
    let outputs = site
        .pages
        .iter()
        .map(|p| (&p.url, p.source_path.as_str()))
        .chain(site.assets.iter().map(|a| (&a.url, a.source_path.as_str())));
    for (url, source) in outputs {
        if let Some(output) = reserved.get(&url.to_lowercase()) {
            diagnostics.push(Diagnostic::new(
                Location::file_start(Path::new(source)),
                Problem::ReservedOutput {
                    output: output.clone(),
                },
            ));
        }
        if let Some(other) = seen.insert(url.to_lowercase(), source) {
            diagnostics.push(Diagnostic::new(
                Location::file_start(Path::new(source)),
                Problem::DuplicateOutput {
                    other: other.to_string(),
                    output: url.clone(),
                },
            ));
        }
    }
}

/// Two questionnaires with one id (same file name, different folders) would
/// share what readers' browsers store and the pages made for them.
fn check_unique_assessments(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for page in &site.pages {
        let Some(assessment) = page.assessment() else {
            continue;
        };
        if let Some(other) = seen.insert(&assessment.id.value, &page.source_path) {
            diagnostics.push(Diagnostic::new(
                located(page, &assessment.id.referenced),
                Problem::DuplicateAssessment {
                    id: assessment.id.value.clone(),
                    other: other.to_string(),
                },
            ));
        }
    }
}

/// Keys that belong to one page type, used on another; and keys a type needs.
fn check_kind_keys(page: &Page, diagnostics: &mut Vec<Diagnostic>) {
    let Some(front) = page.front() else { return };
    let kind = page.kind;
    let mut misplaced =
        |key: &'static str, at: Option<&serde_saphyr::Location>, allowed: &'static [PageKind]| {
            if let Some(at) = at.filter(|_| !allowed.contains(&kind)) {
                let names: Vec<_> = allowed.iter().map(|k| k.as_str()).collect();
                diagnostics.push(Diagnostic::new(
                    located(page, at),
                    Problem::KeyNotForKind {
                        key,
                        kind: kind.as_str(),
                        allowed: names.join(" and "),
                    },
                ));
            }
        };
    use PageKind::*;
    misplaced(
        "poles",
        front.poles.as_ref().map(|s| &s.referenced),
        &[Dilemma],
    );
    misplaced(
        "steps",
        front.steps.as_ref().map(|s| &s.referenced),
        &[Methode, Leerroute],
    );
    misplaced(
        "duration",
        front.duration.as_ref().map(|s| &s.referenced),
        &[Methode, Leerroute],
    );
    misplaced(
        "participants",
        front.participants.as_ref().map(|s| &s.referenced),
        &[Methode],
    );
    misplaced(
        "goal",
        front.goal.as_ref().map(|s| &s.referenced),
        &[Leerroute],
    );
    misplaced(
        "synonyms",
        front.synonyms.as_ref().map(|s| &s.referenced),
        &[Begrip],
    );
    misplaced(
        "citation",
        front.citation.as_ref().map(|s| &s.referenced),
        &[Bron],
    );
    misplaced(
        "authors",
        front.authors.as_ref().map(|s| &s.referenced),
        &[Bron],
    );
    misplaced("year", front.year.as_ref().map(|s| &s.referenced), &[Bron]);
    misplaced(
        "publisher",
        front.publisher.as_ref().map(|s| &s.referenced),
        &[Bron],
    );
    misplaced("url", front.url.as_ref().map(|s| &s.referenced), &[Bron]);

    let needs = |key: &'static str, hint: &'static str| {
        Diagnostic::new(
            Location::at_line(Path::new(&page.source_path), &page.text, 1, 1),
            Problem::KindNeedsKey {
                key,
                kind: kind.as_str(),
                hint,
            },
        )
    };
    match kind {
        Dilemma if front.poles.as_ref().is_none_or(|p| p.value.len() < 2) => {
            diagnostics.push(needs(
                "poles",
                "list at least two `poles`, each with `label` and `description`",
            ))
        }
        Bron if front.citation.is_none() => {
            diagnostics.push(needs("citation", "add `citation:` with the full reference"))
        }
        Leerroute if front.steps.is_none() => diagnostics.push(needs(
            "steps",
            "list the `steps`, each with `page:` (a relative path) and an optional `note:`",
        )),
        _ => {}
    }
    let Some(steps) = &front.steps else { return };
    for step in &steps.value {
        if let Step::Text(text) = &step.value {
            for target in markdown::unchecked_links(text) {
                diagnostics.push(Diagnostic::new(
                    located(page, &step.referenced),
                    Problem::UncheckedLink { target },
                ));
            }
        }
        let wrong = match (&step.value, kind) {
            (Step::Page(_), Methode) => Some("a methode's steps are short texts"),
            (Step::Text(_), Leerroute) => {
                Some("each leerroute step needs `page:` and optionally `note:`")
            }
            _ => None,
        };
        if let Some(hint) = wrong {
            diagnostics.push(Diagnostic::new(
                located(page, &step.referenced),
                Problem::KindNeedsKey {
                    key: "steps",
                    kind: kind.as_str(),
                    hint,
                },
            ));
        }
    }
}

/// The location of a front matter value of `page`.
pub fn located(page: &Page, at: &serde_saphyr::Location) -> Location {
    yaml::span_location(Path::new(&page.source_path), &page.text, page.yaml_line, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_from_the_body() {
        let (yaml, body) = split_front_matter("---\ntitle: x\n---\n# Body\n").unwrap();
        assert_eq!(yaml, "title: x\n");
        assert_eq!(body, 17);
        assert_eq!(
            split_front_matter("---\ntitle: x\n"),
            Err(Problem::UnterminatedFrontMatter)
        );
        assert_eq!(
            split_front_matter("# x\n"),
            Err(Problem::MissingFrontMatter)
        );
    }

    #[test]
    fn output_paths_are_slugged() {
        assert_eq!(output_path("_index.md"), "index.html");
        assert_eq!(output_path("kaders/_index.md"), "kaders/index.html");
        assert_eq!(
            output_path("Kaders/Wat is een Frame.md"),
            "kaders/wat-is-een-frame.html"
        );
        assert_eq!(output_path("model/Schema.SVG"), "model/schema.svg");
    }
}
