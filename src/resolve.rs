//! Resolve: every internal reference points to a page (and anchor) or asset.
//!
//! Links in Markdown bodies, `related:`, `sources:`, leerroute steps and
//! menu entries are resolved against the loaded [`Site`]; anything that
//! points nowhere becomes a located [`Diagnostic`]. The backlinks ("Wordt
//! genoemd in") and citations ("Geciteerd in") come from this pass.

use std::collections::HashMap;
use std::path::Path;

use serde_saphyr::Spanned;

use crate::content::{PageId, PageKind, Site, Step};
use crate::error::{Diagnostic, Error, Location, Problem, Result};
use crate::load::{SITE_FILE, located};
use crate::yaml;

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Href {
    /// A page of the site, optionally at a heading.
    Page {
        page: PageId,
        anchor: Option<String>,
    },
    /// A file copied with the site, or a page the theme generates, by
    /// output path.
    Asset(String),
    /// A heading on the same page.
    Anchor(String),
    /// Another site, or an e-mail address: left as written.
    External(String),
}

/// A bron cited by a page, with where in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub bron: PageId,
    pub locator: Option<String>,
}

/// A step of a leerroute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteStop {
    pub page: PageId,
    pub note: Option<String>,
}

/// The references of every page, indexed by [`PageId`].
#[derive(Debug, Default)]
pub struct Links {
    /// Per page, the target of each Markdown link in order.
    pub hrefs: Vec<Vec<Href>>,
    pub related: Vec<Vec<PageId>>,
    pub citations: Vec<Vec<Citation>>,
    pub route: Vec<Vec<RouteStop>>,
    /// Pages that link to this page (by body link or `related:`).
    pub backlinks: Vec<Vec<PageId>>,
    /// Pages that cite this bron.
    pub cited_by: Vec<Vec<PageId>>,
    /// The main menu: label and page.
    pub menu: Vec<(String, PageId)>,
    /// For each questionnaire page, the pages its bands and items point to.
    pub assessments: Vec<Option<AssessmentLinks>>,
    /// Questionnaires whose feedback points to this page ("Test jezelf").
    pub tested_by: Vec<Vec<PageId>>,
}

/// The pages a questionnaire refers to, in the order of its YAML.
#[derive(Debug, Clone, Default)]
pub struct AssessmentLinks {
    /// Per dimension, per band: the pages that help.
    pub bands: Vec<Vec<Vec<PageId>>>,
    /// Per dimension: the bron of its norm.
    pub norms: Vec<Option<PageId>>,
    /// Per item: the dilemma of a poles item.
    pub dilemmas: Vec<Option<PageId>>,
}

impl AssessmentLinks {
    /// Every page referred to.
    fn targets(&self) -> impl Iterator<Item = PageId> + '_ {
        let bands = self.bands.iter().flatten().flatten().copied();
        bands.chain(self.dilemmas.iter().flatten().copied())
    }
}

/// Resolves every reference of the site. Fails with every problem found
/// here and in `earlier` (the problems of the load stage).
pub fn resolve(site: &Site, earlier: Vec<Diagnostic>) -> Result<Links> {
    let resolver = Resolver::new(site);
    let mut diagnostics = earlier;
    let mut links = Links::default();
    for (id, page) in site.pages.iter().enumerate() {
        let file = Path::new(&page.source_path);
        let hrefs = page.outline.links.iter().filter_map(|link| {
            let at = || Location::at_offset(file, &page.text, page.body_start + link.offset);
            resolver
                .href(id, &link.destination)
                .map_err(|u| u.report(&mut diagnostics, at))
                .ok()
        });
        links.hrefs.push(hrefs.collect());

        let front = page.front();
        let related = front.map(|f| f.related.as_slice()).unwrap_or_default();
        let related = related.iter().filter_map(|r| {
            resolver
                .page(id, &r.value)
                .map_err(|u| u.report(&mut diagnostics, || located(page, &r.referenced)))
                .ok()
        });
        links.related.push(related.collect());

        let sources = front.map(|f| f.sources.as_slice()).unwrap_or_default();
        let assessment_source = page.assessment().map(|a| &a.source);
        let citations = sources.iter().chain(assessment_source).filter_map(|s| {
            resolver
                .bron(id, &s.bron.value)
                .map(|bron| Citation {
                    bron,
                    locator: s.locator.clone(),
                })
                .map_err(|u| u.report(&mut diagnostics, || located(page, &s.bron.referenced)))
                .ok()
        });
        links.citations.push(citations.collect());

        let steps = front.and_then(|f| f.steps.as_ref());
        let route = steps.into_iter().flat_map(|s| &s.value).filter_map(|step| {
            let Step::Page(stop) = &step.value else {
                return None;
            };
            resolver
                .page(id, &stop.page)
                .map(|page| RouteStop {
                    page,
                    note: stop.note.clone(),
                })
                .map_err(|u| u.report(&mut diagnostics, || located(page, &step.referenced)))
                .ok()
        });
        links.route.push(route.collect());

        let assessment = page.assessment().map(|a| {
            let mut target = |path: &Spanned<String>, bron: bool| {
                let found = if bron {
                    resolver.bron(id, &path.value)
                } else {
                    resolver.page(id, &path.value)
                };
                found
                    .map_err(|u| u.report(&mut diagnostics, || located(page, &path.referenced)))
                    .ok()
            };
            AssessmentLinks {
                bands: a
                    .dimensions
                    .iter()
                    .map(|d| {
                        let bands = d.bands.value.iter();
                        bands
                            .map(|b| b.links.iter().filter_map(|l| target(l, false)).collect())
                            .collect()
                    })
                    .collect(),
                norms: a
                    .dimensions
                    .iter()
                    .map(|d| {
                        d.norm
                            .as_ref()
                            .and_then(|n| n.bron.as_ref())
                            .and_then(|b| target(b, true))
                    })
                    .collect(),
                dilemmas: a
                    .items
                    .iter()
                    .map(|i| i.dilemma.as_ref().and_then(|d| target(d, false)))
                    .collect(),
            }
        });
        links.assessments.push(assessment);
    }
    links.menu = menu(site, &resolver, &mut diagnostics);
    if !diagnostics.is_empty() {
        return Err(Error::Content(diagnostics));
    }
    links.backlinks = backlinks(site.pages.len(), &links);
    links.cited_by = cited_by(site.pages.len(), &links);
    links.tested_by = tested_by(site.pages.len(), &links);
    Ok(links)
}

fn menu(
    site: &Site,
    resolver: &Resolver,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, PageId)> {
    if site.config.menu.is_empty() {
        let top_level = &site.sections[0].children;
        return top_level
            .iter()
            .map(|s| {
                let index = site.sections[*s].index;
                (site.pages[index].title.clone(), index)
            })
            .collect();
    }
    let mut entries = Vec::new();
    for entry in &site.config.menu {
        match resolver.by_source.get(entry.page.value.as_str()) {
            Some(page) => entries.push((entry.label.clone(), *page)),
            None => diagnostics.push(Diagnostic::new(
                yaml::span_location(
                    Path::new(SITE_FILE),
                    &site.config_text,
                    1,
                    &entry.page.referenced,
                ),
                Problem::MissingMenuTarget {
                    target: entry.page.value.clone(),
                },
            )),
        }
    }
    entries
}

/// Inverts the body links and `related:` into "linked from" lists.
fn backlinks(count: usize, links: &Links) -> Vec<Vec<PageId>> {
    let mut backlinks = vec![Vec::new(); count];
    for source in 0..count {
        let body_targets = links.hrefs[source].iter().filter_map(|h| match h {
            Href::Page { page, .. } => Some(*page),
            _ => None,
        });
        for target in body_targets.chain(links.related[source].iter().copied()) {
            if target != source {
                backlinks[target].push(source);
            }
        }
    }
    for list in &mut backlinks {
        list.sort_unstable();
        list.dedup();
    }
    backlinks
}

fn tested_by(count: usize, links: &Links) -> Vec<Vec<PageId>> {
    let mut tested_by = vec![Vec::new(); count];
    for (questionnaire, refs) in links.assessments.iter().enumerate() {
        for target in refs.iter().flat_map(AssessmentLinks::targets) {
            tested_by[target].push(questionnaire);
        }
    }
    for list in &mut tested_by {
        list.dedup();
    }
    tested_by
}

fn cited_by(count: usize, links: &Links) -> Vec<Vec<PageId>> {
    let mut cited_by = vec![Vec::new(); count];
    for (source, citations) in links.citations.iter().enumerate() {
        for citation in citations {
            cited_by[citation.bron].push(source);
        }
    }
    for list in &mut cited_by {
        list.dedup();
    }
    cited_by
}

/// Why a reference did not resolve.
enum Unresolved {
    /// A problem to report.
    Problem(Problem),
    /// The target has errors of its own, already reported; saying that it
    /// cannot be checked would only repeat them.
    Unchecked,
}

impl From<Problem> for Unresolved {
    fn from(problem: Problem) -> Unresolved {
        Unresolved::Problem(problem)
    }
}

impl Unresolved {
    fn report(self, diagnostics: &mut Vec<Diagnostic>, at: impl FnOnce() -> Location) {
        if let Unresolved::Problem(problem) = self {
            diagnostics.push(Diagnostic::new(at(), problem));
        }
    }
}

/// Looks up references written in a page.
struct Resolver<'a> {
    site: &'a Site,
    by_source: HashMap<&'a str, PageId>,
    /// Files that are not pages, and the theme's pages, by path.
    assets: HashMap<String, String>,
}

impl<'a> Resolver<'a> {
    fn new(site: &'a Site) -> Resolver<'a> {
        let by_source = site
            .pages
            .iter()
            .enumerate()
            .map(|(id, p)| (p.source_path.as_str(), id))
            .collect();
        let generated = site
            .generated_pages()
            .into_iter()
            .map(|p| (p.url.clone(), p.url));
        let assets = site
            .assets
            .iter()
            .map(|a| (a.source_path.clone(), a.url.clone()))
            .chain(generated)
            .collect();
        Resolver {
            site,
            by_source,
            assets,
        }
    }

    /// The target of a Markdown link written on page `from`.
    fn href(&self, from: PageId, destination: &str) -> std::result::Result<Href, Unresolved> {
        if destination.is_empty() {
            return Ok(Href::External(String::new()));
        }
        if let Some(anchor) = destination.strip_prefix('#') {
            let page = &self.site.pages[from];
            return self
                .check_anchor(from, anchor, &page.source_path)
                .map(|()| Href::Anchor(anchor.to_string()));
        }
        match classify(destination) {
            Kind::External => return Ok(Href::External(destination.to_string())),
            Kind::Unsafe => {
                return Err(Problem::UnsafeScheme {
                    target: destination.to_string(),
                }
                .into());
            }
            Kind::Absolute => {
                return Err(Problem::AbsolutePath {
                    target: destination.to_string(),
                }
                .into());
            }
            Kind::Relative => {}
        }
        let (path, anchor) = split_anchor(destination);
        let rel = self.join(from, path, destination)?;
        if let Some(url) = self.assets.get(&rel) {
            return Ok(Href::Asset(url.to_string()));
        }
        let page = self.lookup(&rel, destination)?;
        if let Some(anchor) = anchor {
            self.check_anchor(page, anchor, destination)?;
        }
        Ok(Href::Page {
            page,
            anchor: anchor.map(str::to_string),
        })
    }

    /// A page referenced from front matter (no anchors there).
    fn page(&self, from: PageId, target: &str) -> std::result::Result<PageId, Unresolved> {
        if classify(target) != Kind::Relative {
            return Err(Problem::MissingTarget {
                target: target.to_string(),
            }
            .into());
        }
        let rel = self.join(from, target, target)?;
        self.lookup(&rel, target)
    }

    /// A bron page referenced in `sources:`.
    fn bron(&self, from: PageId, target: &str) -> std::result::Result<PageId, Unresolved> {
        let page = self.page(from, target)?;
        match self.site.pages[page].kind {
            PageKind::Bron => Ok(page),
            kind => Err(Problem::NotABron {
                target: target.to_string(),
                kind: kind.as_str(),
            }
            .into()),
        }
    }

    fn lookup(&self, rel: &str, written: &str) -> std::result::Result<PageId, Unresolved> {
        let index = if rel.is_empty() {
            "_index.md".to_string()
        } else {
            format!("{}/_index.md", rel.trim_end_matches('/'))
        };
        if let Some(id) = self
            .by_source
            .get(rel)
            .or_else(|| self.by_source.get(index.as_str()))
        {
            return Ok(*id);
        }
        let target = written.to_string();
        if self.site.unreadable.iter().any(|d| d == rel) {
            Err(Unresolved::Unchecked)
        } else if self.site.drafts.iter().any(|d| d == rel) {
            Err(Problem::DraftTarget { target }.into())
        } else {
            Err(Problem::MissingTarget { target }.into())
        }
    }

    fn check_anchor(
        &self,
        page: PageId,
        anchor: &str,
        written: &str,
    ) -> std::result::Result<(), Unresolved> {
        let outline = &self.site.pages[page].outline;
        if outline.has_anchor(anchor) {
            return Ok(());
        }
        Err(Problem::MissingAnchor {
            target: written.to_string(),
            anchor: anchor.to_string(),
            known: outline
                .headings
                .iter()
                .map(|h| format!("#{}", h.anchor))
                .collect(),
        }
        .into())
    }

    /// Joins a relative path onto the folder of page `from`, refusing to
    /// climb out of the content folder.
    fn join(
        &self,
        from: PageId,
        path: &str,
        written: &str,
    ) -> std::result::Result<String, Unresolved> {
        let source = &self.site.pages[from].source_path;
        let dir = source.rsplit_once('/').map_or("", |(dir, _)| dir);
        let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
        let decoded = percent_decode(path);
        for part in decoded.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Err(Problem::OutsideContent {
                            target: written.to_string(),
                        }
                        .into());
                    }
                }
                other => parts.push(other),
            }
        }
        Ok(parts.join("/"))
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Kind {
    External,
    Unsafe,
    Absolute,
    Relative,
}

fn classify(destination: &str) -> Kind {
    let bytes = destination.as_bytes();
    let windows_drive = bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && matches!(bytes[2], b'\\' | b'/');
    if windows_drive || destination.starts_with('\\') {
        return Kind::Absolute;
    }
    if destination.starts_with("//") {
        return Kind::External;
    }
    if destination.starts_with('/') {
        return Kind::Absolute;
    }
    match scheme(destination) {
        Some(s)
            if ["http", "https", "mailto", "tel"].contains(&s.to_ascii_lowercase().as_str()) =>
        {
            Kind::External
        }
        Some(_) => Kind::Unsafe,
        None => Kind::Relative,
    }
}

/// The URL scheme, if `destination` starts with one. Browsers ignore tabs
/// and newlines inside a scheme, so those are dropped before looking.
fn scheme(destination: &str) -> Option<String> {
    let cleaned: String = destination
        .trim_start()
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|c| *c != '/' && *c != '?' && *c != '#')
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_string())
}

fn split_anchor(destination: &str) -> (&str, Option<&str>) {
    let (path, anchor) = match destination.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (destination, None),
    };
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    (path, anchor.filter(|a| !a.is_empty()))
}

/// `path` with its percent-escapes (`%20`) decoded.
pub(crate) fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_classified() {
        assert_eq!(classify("https://movisie.nl"), Kind::External);
        assert_eq!(classify("mailto:a@b.nl"), Kind::External);
        assert_eq!(classify("javascript:alert(1)"), Kind::Unsafe);
        assert_eq!(classify("java\tscript:alert(1)"), Kind::Unsafe);
        assert_eq!(classify("JAVASCRIPT:alert(1)"), Kind::Unsafe);
        assert_eq!(classify("data:text/html,x"), Kind::Unsafe);
        assert_eq!(classify("/etc/passwd"), Kind::Absolute);
        assert_eq!(classify("C:\\Users\\x.md"), Kind::Absolute);
        assert_eq!(classify("../kaders/frame.md#kern"), Kind::Relative);
        assert_eq!(classify("a:b/c.md"), Kind::Unsafe);
    }

    #[test]
    fn anchors_and_queries_are_split_off() {
        assert_eq!(split_anchor("a.md#x"), ("a.md", Some("x")));
        assert_eq!(split_anchor("a.md?q=1#"), ("a.md", None));
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("een%20pagina.md"), "een pagina.md");
        assert_eq!(percent_decode("100%.md"), "100%.md");
    }
}
