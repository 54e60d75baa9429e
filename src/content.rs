//! The content model: a site of sections and pages, as loaded from disk.
//!
//! Front matter is typed here; [`crate::load`] fills these structs, later
//! stages only read them.

use std::path::PathBuf;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::assessment::Assessment;
use crate::config::SiteConfig;
use crate::markdown::Outline;
use crate::theme::Theme;

/// The type of a page, named by its section's `_index.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Model,
    Kader,
    Methode,
    Dilemma,
    Begrip,
    Bron,
    Leerroute,
    Pagina,
    /// A questionnaire (from a YAML file, not a section type).
    Zelfevaluatie,
}

impl PageKind {
    /// Every page type, in the order the theme lists them.
    pub const ALL: [PageKind; 9] = [
        PageKind::Model,
        PageKind::Kader,
        PageKind::Methode,
        PageKind::Dilemma,
        PageKind::Begrip,
        PageKind::Bron,
        PageKind::Leerroute,
        PageKind::Zelfevaluatie,
        PageKind::Pagina,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PageKind::Model => "model",
            PageKind::Kader => "kader",
            PageKind::Methode => "methode",
            PageKind::Dilemma => "dilemma",
            PageKind::Begrip => "begrip",
            PageKind::Bron => "bron",
            PageKind::Leerroute => "leerroute",
            PageKind::Pagina => "pagina",
            PageKind::Zelfevaluatie => "zelfevaluatie",
        }
    }
}

/// Front matter of a page. Keys for one page type only are checked against
/// the page's type after parsing (see [`crate::load`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub weight: i64,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Other pages, as paths relative to this file.
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
    /// The bronnen this page is based on.
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    #[serde(default)]
    pub draft: bool,

    /// dilemma: the positions between which the dilemma lies.
    #[serde(default)]
    pub poles: Option<Spanned<Vec<Pole>>>,
    /// methode: the steps as short texts; leerroute: the pages to take.
    #[serde(default)]
    pub steps: Option<Spanned<Vec<Spanned<Step>>>>,
    /// methode, leerroute: how long it takes.
    #[serde(default)]
    pub duration: Option<Spanned<String>>,
    /// methode: who takes part.
    #[serde(default)]
    pub participants: Option<Spanned<String>>,
    /// leerroute: what the learner can do afterwards.
    #[serde(default)]
    pub goal: Option<Spanned<String>>,
    /// begrip: other words for the same concept.
    #[serde(default)]
    pub synonyms: Option<Spanned<Vec<String>>>,
    /// bron: the full citation.
    #[serde(default)]
    pub citation: Option<Spanned<String>>,
    /// bron: the authors or editors.
    #[serde(default)]
    pub authors: Option<Spanned<Vec<String>>>,
    /// bron: year of publication.
    #[serde(default)]
    pub year: Option<Spanned<i32>>,
    /// bron: publisher or commissioning body.
    #[serde(default)]
    pub publisher: Option<Spanned<String>>,
    /// bron: where the report can be found.
    #[serde(default)]
    pub url: Option<Spanned<String>>,
}

/// Front matter of a section's `_index.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFrontMatter {
    pub title: String,
    /// The type of the pages in this section.
    #[serde(rename = "type")]
    pub kind: Option<PageKind>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub weight: i64,
}

/// A reference to a bron page, with where in that source to look.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    pub bron: Spanned<String>,
    /// Chapter, section or page, as the source numbers them.
    #[serde(default)]
    pub locator: Option<String>,
}

/// One position in a dilemma.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pole {
    pub label: String,
    #[serde(default)]
    pub description: String,
}

/// A step: of a method (text) or of a leerroute (a page to take).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Step {
    Text(String),
    Page(RouteStep),
}

/// A step of a leerroute.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteStep {
    /// A page, as a path relative to the leerroute.
    pub page: String,
    /// What to do at this step.
    #[serde(default)]
    pub note: Option<String>,
}

/// The page, made by the theme, that says what the site stores in the browser.
pub const PRIVACY_PAGE: &str = "privacy.html";
/// The page, made by the theme, that lists every questionnaire taken.
pub const RESULTS_PAGE: &str = "mijn-resultaten.html";
/// The search page, made by the theme.
pub const SEARCH_PAGE: &str = "zoeken.html";
/// The page, made by the theme, where a facilitator drops result files of
/// every questionnaire; `groepsprofiel/<id>.html` holds one questionnaire.
pub const GROUP_PAGE: &str = "groepsprofiel.html";
/// The folder of the group pages per questionnaire.
pub const GROUP_FOLDER: &str = "groepsprofiel";
/// The page, made by the theme, with a printable reflection report of any
/// questionnaire; `reflectieverslag/<id>.html` holds one questionnaire.
pub const PORTFOLIO_PAGE: &str = "reflectieverslag.html";
/// The folder of the reflection reports per questionnaire.
pub const PORTFOLIO_FOLDER: &str = "reflectieverslag";

/// A page the theme adds to the content's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedPage {
    /// Output path, relative to the site root.
    pub url: String,
    /// The theme template that renders it.
    pub template: &'static str,
    /// The questionnaire the page is about, if only one.
    pub assessment: Option<PageId>,
}

/// Index of a page in [`Site::pages`].
pub type PageId = usize;
/// Index of a section in [`Site::sections`].
pub type SectionId = usize;

/// What a page is in the site's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The root `_index.md`.
    Home,
    /// A section's `_index.md`.
    SectionIndex,
    /// Any other page.
    Leaf,
}

/// Front matter as it differs between the roles of a page.
#[derive(Debug, Clone)]
pub enum Meta {
    Section(SectionFrontMatter),
    Page(Box<FrontMatter>),
    Assessment(Box<Assessment>),
}

/// A Markdown file of the site.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the content folder, with `/` separators.
    pub source_path: String,
    /// Output path relative to the site root, such as `kaders/frame.html`.
    pub url: String,
    pub role: Role,
    /// The section this page belongs to (for an index: the section it opens).
    pub section: SectionId,
    pub kind: PageKind,
    pub title: String,
    pub description: Option<String>,
    pub weight: i64,
    pub meta: Meta,
    /// The whole file, for locating problems.
    pub text: String,
    /// Byte offset where the Markdown body starts in `text`.
    pub body_start: usize,
    /// The line of `text` on which the YAML starts (1 for a questionnaire,
    /// 2 for front matter after its opening `---`).
    pub yaml_line: usize,
    pub outline: Outline,
}

impl Page {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The leaf front matter, for pages that have it.
    pub fn front(&self) -> Option<&FrontMatter> {
        match &self.meta {
            Meta::Page(front) => Some(front),
            Meta::Section(_) | Meta::Assessment(_) => None,
        }
    }

    /// The questionnaire, for a zelfevaluatie page.
    pub fn assessment(&self) -> Option<&Assessment> {
        match &self.meta {
            Meta::Assessment(assessment) => Some(assessment),
            _ => None,
        }
    }
}

/// A folder with an `_index.md`.
#[derive(Debug, Clone)]
pub struct Section {
    /// Folder relative to the content folder (`""` for the root).
    pub dir: String,
    /// The `_index.md` page.
    pub index: PageId,
    /// The type of the pages in this section.
    pub kind: PageKind,
    pub parent: Option<SectionId>,
    /// Pages in reading order (weight, then title).
    pub pages: Vec<PageId>,
    /// Sub-sections in reading order.
    pub children: Vec<SectionId>,
}

/// A file copied as is (an image, a PDF).
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to the content folder, with `/` separators.
    pub source_path: String,
    /// Where to read it.
    pub source: PathBuf,
    /// Output path relative to the site root.
    pub url: String,
}

/// Everything [`crate::load`] read from the content folder.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub pages: Vec<Page>,
    /// `sections[0]` is the root, whose index is the home page.
    pub sections: Vec<Section>,
    pub assets: Vec<Asset>,
    pub theme: Theme,
    /// The text of `site.yaml`, for locating problems in it.
    pub config_text: String,
    /// Pages left out because they are drafts, by source path.
    pub drafts: Vec<String>,
    /// Markdown files left out because they have errors, by source path.
    pub unreadable: Vec<String>,
}

impl Site {
    pub fn home(&self) -> &Page {
        &self.pages[self.sections[0].index]
    }

    pub fn has_assessments(&self) -> bool {
        self.pages.iter().any(|p| p.kind == PageKind::Zelfevaluatie)
    }

    /// The pages the theme adds to the content's own.
    pub fn generated_pages(&self) -> Vec<GeneratedPage> {
        let page = |url: &str, template, assessment| GeneratedPage {
            url: url.to_string(),
            template,
            assessment,
        };
        let mut pages = vec![
            page(PRIVACY_PAGE, PRIVACY_PAGE, None),
            page(SEARCH_PAGE, SEARCH_PAGE, None),
        ];
        if self.has_assessments() {
            pages.push(page(RESULTS_PAGE, RESULTS_PAGE, None));
            pages.push(page(GROUP_PAGE, GROUP_PAGE, None));
            pages.push(page(PORTFOLIO_PAGE, PORTFOLIO_PAGE, None));
        }
        for (id, p) in self.pages.iter().enumerate() {
            if let Some(a) = p.assessment() {
                let url = format!("{GROUP_FOLDER}/{}.html", a.id.value);
                pages.push(page(&url, GROUP_PAGE, Some(id)));
                let url = format!("{PORTFOLIO_FOLDER}/{}.html", a.id.value);
                pages.push(page(&url, PORTFOLIO_PAGE, Some(id)));
            }
        }
        pages
    }
}
