//! Render: pages to HTML files, through Markdown and the theme's templates.
//!
//! Every URL in the output is relative (`../kaders/frame.html`), so one
//! build works at a domain root, in a sub-folder and opened from disk. Pages
//! are rendered in parallel; the output is the same on every run.

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

mod assessment;
pub mod offline;

use crate::assessment::DEFAULT_MIN_GROUP_SIZE;
use crate::content::{
    FrontMatter, GROUP_PAGE, GeneratedPage, PORTFOLIO_PAGE, PRIVACY_PAGE, Page, PageId, PageKind,
    RESULTS_PAGE, Role, SEARCH_PAGE, Site, Step,
};
use crate::error::Result;
use crate::markdown::{self, CalloutLabels, Heading};
use crate::resolve::{Href, Links};
use crate::write::Staging;

/// A file of the built site, by path relative to the site root.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Renders the whole site into `out`, page by page; `live_reload` adds the
/// script of `wijzer serve`. Returns the number of files written.
pub fn render(
    site: &Site,
    links: &Links,
    minify: bool,
    live_reload: bool,
    out: &Staging,
) -> Result<usize> {
    let tera = templates(site)?;
    let renderer = Renderer {
        site,
        links,
        tera: &tera,
        minify,
        live_reload,
        site_id: site.config.storage_id(),
        has_assessments: site.has_assessments(),
    };
    let put = |file: OutputFile| out.put(&file.path, &file.bytes);
    (0..site.pages.len())
        .into_par_iter()
        .try_for_each(|id| renderer.page(id).and_then(put))?;
    site.assets
        .par_iter()
        .try_for_each(|a| out.copy(&a.url, &a.source))?;
    // Two pages per questionnaire: as many as the content's own on a site
    // of questionnaires, so they are rendered in parallel as well.
    let generated = site.generated_pages();
    generated
        .par_iter()
        .try_for_each(|page| renderer.generated(page).and_then(put))?;
    let mut extra = vec![renderer.not_found()?, robots(site)];
    extra.extend(sitemap(site));
    for (path, bytes) in &site.theme.statics {
        out.put(&format!("static/{path}"), bytes)?;
    }
    let count = site.pages.len()
        + site.assets.len()
        + generated.len()
        + extra.len()
        + site.theme.statics.len();
    extra.into_iter().try_for_each(put)?;
    Ok(count)
}

fn templates(site: &Site) -> Result<Tera> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.add_raw_templates(
        site.theme
            .templates
            .iter()
            .map(|(n, s)| (n.as_str(), s.as_str())),
    )?;
    Ok(tera)
}

struct Renderer<'a> {
    site: &'a Site,
    links: &'a Links,
    tera: &'a Tera,
    minify: bool,
    live_reload: bool,
    /// Namespace of what the site stores in the browser.
    site_id: String,
    has_assessments: bool,
}

/// A link to a page as templates see it.
#[derive(Debug, Serialize)]
pub struct PageLink {
    title: String,
    url: String,
    kind: PageKind,
    kind_label: String,
    description: Option<String>,
}

/// A page type as a search filter.
#[derive(Serialize)]
struct KindOption {
    value: &'static str,
    label: String,
}

/// A leerroute and the key its progress is stored under.
#[derive(Serialize)]
struct RouteKey {
    title: String,
    key: String,
}

#[derive(Serialize)]
struct MenuItem {
    label: String,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct SourceView {
    #[serde(flatten)]
    bron: PageLink,
    locator: Option<String>,
}

#[derive(Serialize)]
struct RouteStepView {
    #[serde(flatten)]
    page: PageLink,
    note: Option<String>,
}

/// The type-specific fields of a page.
#[derive(Serialize, Default)]
struct Details {
    poles: Vec<crate::content::Pole>,
    /// Method steps, as HTML.
    steps: Vec<String>,
    route: Vec<RouteStepView>,
    duration: Option<String>,
    participants: Option<String>,
    goal: Option<String>,
    synonyms: Vec<String>,
    citation: Option<String>,
    authors: Vec<String>,
    year: Option<i32>,
    publisher: Option<String>,
    link: Option<String>,
}

#[derive(Serialize)]
struct PageView {
    title: String,
    description: Option<String>,
    kind: PageKind,
    kind_label: String,
    url: String,
    content: String,
    toc: Vec<Heading>,
    tags: Vec<String>,
    related: Vec<PageLink>,
    sources: Vec<SourceView>,
    backlinks: Vec<PageLink>,
    cited_by: Vec<PageLink>,
    tested_by: Vec<PageLink>,
    details: Details,
}

#[derive(Serialize)]
struct SiteView<'a> {
    /// Namespace for what the site stores in the browser.
    id: String,
    title: &'a str,
    description: &'a str,
    language: &'a str,
    publisher: Option<&'a str>,
    footer: String,
}

impl Renderer<'_> {
    fn page(&self, id: PageId) -> Result<OutputFile> {
        let page = &self.site.pages[id];
        let root = relative_root(&page.url);
        let mut context = self.common_context(&root, Some(id));
        context.insert("page", &self.page_view(id, &root));
        context.insert("breadcrumbs", &self.breadcrumbs(id));
        let section = &self.site.sections[page.section];
        let template = match page.role {
            Role::Home => {
                let sections: Vec<_> = section
                    .children
                    .iter()
                    .map(|s| self.section_link(*s))
                    .collect();
                context.insert("sections", &sections);
                context.insert("pages", &self.links_to(&section.pages));
                "index.html".to_string()
            }
            Role::SectionIndex => {
                context.insert("pages", &self.links_to(&section.pages));
                let children: Vec<_> = section
                    .children
                    .iter()
                    .map(|s| self.section_link(*s))
                    .collect();
                context.insert("sections", &children);
                "section.html".to_string()
            }
            Role::Leaf => {
                let siblings = &section.pages;
                let at = siblings.iter().position(|p| *p == id).unwrap_or(0);
                let prev = at.checked_sub(1).map(|i| self.link(siblings[i]));
                let next = siblings.get(at + 1).map(|p| self.link(*p));
                context.insert("prev", &prev);
                context.insert("next", &next);
                context.insert("section", &self.link(section.index));
                if page.kind == PageKind::Leerroute {
                    context.insert(
                        "storage_key",
                        &assessment::route_key(&self.site_id, &page.url),
                    );
                }
                if let Some(view) = self.assessment_view(id) {
                    context.insert("assessment_json", &assessment::script_json(&view));
                    context.insert(
                        "texts_json",
                        &assessment::script_json(&self.site.theme.texts),
                    );
                    context.insert("storage_prefix", &assessment::storage_prefix(&self.site_id));
                    context.insert("assessment", &view);
                }
                format!("{}.html", page.kind.as_str())
            }
        };
        let html = self.tera.render(&template, &context)?;
        Ok(OutputFile {
            path: page.url.clone(),
            bytes: self.finish(html),
        })
    }

    fn not_found(&self) -> Result<OutputFile> {
        let root = self
            .site
            .config
            .base_url
            .as_deref()
            .map_or("/".to_string(), with_slash);
        let context = self.common_context(&root, None);
        let html = self.tera.render("404.html", &context)?;
        Ok(OutputFile {
            path: "404.html".to_string(),
            bytes: self.finish(html),
        })
    }

    /// A page of the theme's own: privacy, search, results overview, group
    /// profile, reflection report.
    fn generated(&self, generated: &GeneratedPage) -> Result<OutputFile> {
        let path = generated.url.as_str();
        let root = relative_root(path);
        let mut context = self.common_context(&root, None);
        let site_id = &self.site_id;
        let assessments: Vec<_> = match generated.assessment {
            Some(id) => self.assessment_view(id).into_iter().collect(),
            None => (0..self.site.pages.len())
                .filter_map(|id| self.assessment_view(id))
                .collect(),
        };
        let routes: Vec<_> = self
            .site
            .pages
            .iter()
            .filter(|p| p.kind == PageKind::Leerroute && p.role == Role::Leaf)
            .map(|p| RouteKey {
                title: p.title.clone(),
                key: assessment::route_key(site_id, &p.url),
            })
            .collect();
        context.insert("storage_prefix", &assessment::storage_prefix(site_id));
        context.insert("routes", &routes);
        let kinds: Vec<_> = PageKind::ALL
            .iter()
            .map(|k| KindOption {
                value: k.as_str(),
                label: self.kind_label(*k),
            })
            .collect();
        context.insert("kinds", &kinds);
        context.insert("catalogue_json", &assessment::script_json(&assessments));
        context.insert(
            "texts_json",
            &assessment::script_json(&self.site.theme.texts),
        );
        context.insert("assessments", &assessments);
        context.insert("single", &generated.assessment.is_some());
        let html = self.tera.render(generated.template, &context)?;
        Ok(OutputFile {
            path: path.to_string(),
            bytes: self.finish(html),
        })
    }

    /// The questionnaire of page `id`, as templates and the browser see it.
    fn assessment_view(&self, id: PageId) -> Option<assessment::AssessmentView> {
        let page = &self.site.pages[id];
        let a = page.assessment()?;
        let refs = self.links.assessments[id].as_ref()?;
        let min_group_size = a
            .min_group_size
            .as_ref()
            .or(self.site.config.min_group_size.as_ref())
            .map_or(DEFAULT_MIN_GROUP_SIZE, |s| s.value);
        Some(assessment::view(
            a,
            &page.url,
            assessment::storage_keys(&self.site_id, a),
            refs,
            |p| self.link(p),
            |t| self.markdown(t),
            assessment::ViewSettings {
                decimal_comma: self.decimal_comma(),
                min_group_size,
            },
        ))
    }

    fn raw_html(&self) -> markdown::RawHtml {
        if self.site.config.trusted_html {
            markdown::RawHtml::Trusted
        } else {
            markdown::RawHtml::Sanitised
        }
    }

    /// Whether the site's language writes 2,5 rather than 2.5.
    fn decimal_comma(&self) -> bool {
        self.site.config.language != "en"
    }

    /// A Markdown text from front matter or a questionnaire, as HTML.
    fn markdown(&self, text: &str) -> String {
        markdown::render_html(text, &[], &[], &self.callout_labels(), self.raw_html())
    }

    fn callout_labels(&self) -> CalloutLabels<'_> {
        CalloutLabels {
            note: self.site.theme.text("callout_note"),
            tip: self.site.theme.text("callout_tip"),
            important: self.site.theme.text("callout_important"),
            warning: self.site.theme.text("callout_warning"),
            caution: self.site.theme.text("callout_caution"),
        }
    }

    fn common_context(&self, root: &str, current: Option<PageId>) -> Context {
        let site = self.site;
        let mut context = Context::new();
        context.insert("root", root);
        context.insert(
            "site",
            &SiteView {
                id: self.site_id.clone(),
                title: &site.config.title,
                description: &site.config.description,
                language: &site.config.language,
                publisher: site.config.publisher.as_deref(),
                footer: markdown::render_inline(&site.config.footer, self.raw_html()),
            },
        );
        let menu: Vec<_> = self
            .links
            .menu
            .iter()
            .map(|(label, page)| MenuItem {
                label: label.clone(),
                url: site.pages[*page].url.clone(),
                current: current.is_some_and(|c| {
                    c == *page || site.sections[site.pages[c].section].index == *page
                }),
            })
            .collect();
        context.insert("menu", &menu);
        context.insert("privacy_url", PRIVACY_PAGE);
        context.insert("search_url", SEARCH_PAGE);
        context.insert(
            "live_reload",
            &self.live_reload.then_some(crate::serve::RELOAD_SCRIPT),
        );
        context.insert("results_url", &self.has_assessments.then_some(RESULTS_PAGE));
        context.insert("offline", &offline::view(site, self.live_reload));
        context.insert("group_url", &self.has_assessments.then_some(GROUP_PAGE));
        context.insert(
            "portfolio_url",
            &self.has_assessments.then_some(PORTFOLIO_PAGE),
        );
        context.insert("t", &site.theme.texts);
        context
    }

    fn page_view(&self, id: PageId, root: &str) -> PageView {
        let page = &self.site.pages[id];
        let hrefs: Vec<String> = self.links.hrefs[id]
            .iter()
            .map(|h| self.href(h, root))
            .collect();
        let labels = self.callout_labels();
        let content = match page.assessment() {
            Some(a) => a
                .intro
                .as_ref()
                .map_or_else(String::new, |t| self.markdown(&t.value)),
            None => markdown::render_html(
                page.body(),
                &page.outline.headings,
                &hrefs,
                &labels,
                self.raw_html(),
            ),
        };
        let toc = page
            .outline
            .headings
            .iter()
            .filter(|h| (2..=3).contains(&h.level))
            .cloned()
            .collect();
        PageView {
            title: page.title.clone(),
            description: page.description.clone(),
            kind: page.kind,
            kind_label: self.kind_label(page.kind),
            url: page.url.clone(),
            content,
            toc,
            tags: page.front().map(|f| f.tags.clone()).unwrap_or_default(),
            related: self.links_to(&self.links.related[id]),
            sources: self.links.citations[id]
                .iter()
                .map(|c| SourceView {
                    bron: self.link(c.bron),
                    locator: c.locator.clone(),
                })
                .collect(),
            backlinks: self.links_to(&self.links.backlinks[id]),
            cited_by: self.links_to(&self.links.cited_by[id]),
            tested_by: self.links_to(&self.links.tested_by[id]),
            details: page
                .front()
                .map(|f| self.details(id, f))
                .unwrap_or_default(),
        }
    }

    fn details(&self, id: PageId, front: &FrontMatter) -> Details {
        let text = |v: &Option<serde_saphyr::Spanned<String>>| v.as_ref().map(|s| s.value.clone());
        let steps = front.steps.iter().flat_map(|s| &s.value);
        Details {
            poles: front
                .poles
                .as_ref()
                .map(|p| p.value.clone())
                .unwrap_or_default(),
            steps: steps
                .filter_map(|s| match &s.value {
                    Step::Text(t) => Some(markdown::render_inline(t, self.raw_html())),
                    Step::Page(_) => None,
                })
                .collect(),
            route: self.links.route[id]
                .iter()
                .map(|stop| RouteStepView {
                    page: self.link(stop.page),
                    note: stop.note.clone(),
                })
                .collect(),
            duration: text(&front.duration),
            participants: text(&front.participants),
            goal: text(&front.goal),
            synonyms: front
                .synonyms
                .as_ref()
                .map(|s| s.value.clone())
                .unwrap_or_default(),
            citation: text(&front.citation),
            authors: front
                .authors
                .as_ref()
                .map(|s| s.value.clone())
                .unwrap_or_default(),
            year: front.year.as_ref().map(|y| y.value),
            publisher: text(&front.publisher),
            link: text(&front.url),
        }
    }

    fn href(&self, href: &Href, root: &str) -> String {
        match href {
            Href::Page { page, anchor } => {
                let url = &self.site.pages[*page].url;
                match anchor {
                    Some(anchor) => format!("{root}{url}#{anchor}"),
                    None => format!("{root}{url}"),
                }
            }
            Href::Asset(url) => format!("{root}{url}"),
            Href::Anchor(anchor) => format!("#{anchor}"),
            Href::External(url) => url.clone(),
        }
    }

    fn kind_label(&self, kind: PageKind) -> String {
        self.site
            .theme
            .text(&format!("kind_{}", kind.as_str()))
            .to_string()
    }

    fn link(&self, id: PageId) -> PageLink {
        let page: &Page = &self.site.pages[id];
        PageLink {
            title: page.title.clone(),
            url: page.url.clone(),
            kind: page.kind,
            kind_label: self.kind_label(page.kind),
            description: page.description.clone(),
        }
    }

    fn links_to(&self, ids: &[PageId]) -> Vec<PageLink> {
        ids.iter().map(|id| self.link(*id)).collect()
    }

    fn section_link(&self, section: usize) -> PageLink {
        self.link(self.site.sections[section].index)
    }

    /// Home, the sections above the page, and the page itself.
    fn breadcrumbs(&self, id: PageId) -> Vec<PageLink> {
        let page = &self.site.pages[id];
        let mut trail = vec![self.link(id)];
        let mut section = Some(page.section);
        while let Some(s) = section {
            let index = self.site.sections[s].index;
            if index != id {
                trail.push(self.link(index));
            }
            section = self.site.sections[s].parent;
        }
        trail.reverse();
        trail
    }

    fn finish(&self, html: String) -> Vec<u8> {
        #[cfg(feature = "minify")]
        if self.minify {
            let cfg = minify_html::Cfg {
                keep_closing_tags: true,
                keep_html_and_head_opening_tags: true,
                minify_css: false,
                minify_js: false,
                ..minify_html::Cfg::default()
            };
            return minify_html::minify(html.as_bytes(), &cfg);
        }
        let _ = self.minify;
        html.into_bytes()
    }
}

/// The prefix that leads from a page's folder back to the site root.
fn relative_root(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

fn robots(site: &Site) -> OutputFile {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = &site.config.base_url {
        text.push_str(&format!("Sitemap: {}sitemap.xml\n", with_slash(base)));
    }
    OutputFile {
        path: "robots.txt".to_string(),
        bytes: text.into_bytes(),
    }
}

/// `sitemap.xml` with absolute URLs; only when the base URL is known.
fn sitemap(site: &Site) -> Option<OutputFile> {
    let base = with_slash(site.config.base_url.as_ref()?);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in &site.pages {
        let path = page.url.strip_suffix("index.html").unwrap_or(&page.url);
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            markdown::escape_html(&format!("{base}{path}"))
        ));
    }
    xml.push_str("</urlset>\n");
    Some(OutputFile {
        path: "sitemap.xml".to_string(),
        bytes: xml.into_bytes(),
    })
}

fn with_slash(base: &str) -> String {
    format!("{}/", base.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_root_climbs_one_level_per_folder() {
        assert_eq!(relative_root("index.html"), "");
        assert_eq!(relative_root("kaders/frame.html"), "../");
        assert_eq!(relative_root("a/b/c.html"), "../../");
    }
}
