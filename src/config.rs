//! Site settings from `site.yaml`, and the options of one build.

use std::path::PathBuf;

use serde::Deserialize;
use serde_saphyr::Spanned;

/// The settings a site owner writes in `site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Name of the site, shown in the header and in the browser tab.
    pub title: String,
    /// A short name that never changes, under which readers' answers and
    /// progress are stored in their browser. Without it the title is used,
    /// so renaming the site would hide what readers saved.
    #[serde(default)]
    pub id: Option<String>,
    /// One sentence about the site, for search engines and link previews.
    #[serde(default)]
    pub description: String,
    /// Language of the site and of the theme's texts: `nl` or `en`.
    #[serde(default = "default_language")]
    pub language: String,
    /// Absolute address where the site is published, such as
    /// `https://www.example.org/lessen/`. Needed for `sitemap.xml`; the pages
    /// themselves only use relative links.
    #[serde(default)]
    pub base_url: Option<String>,
    /// A folder (relative to `site.yaml`) with `templates/`, `static/` and
    /// `i18n/` that replace files of the built-in default theme.
    #[serde(default)]
    pub theme: Option<String>,
    /// Entries of the main menu. Without it, the menu lists the top-level
    /// sections in order of their weight.
    #[serde(default)]
    pub menu: Vec<MenuEntry>,
    /// Text at the foot of every page (Markdown).
    #[serde(default)]
    pub footer: String,
    /// Who publishes the site; shown in the footer and the page metadata.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Make the site installable as an app that also works offline, when
    /// it is opened over HTTP: the build writes a web app manifest and a
    /// service worker that keeps a copy of the site's own files in the
    /// browser's cache. On by default; `false` leaves both out. From disk
    /// the site works offline either way.
    #[serde(default = "default_offline")]
    pub offline: bool,
    /// Keep HTML written in Markdown as it is. By default it is sanitised:
    /// scripts, event handlers, frames, styles and unsafe links are removed.
    /// Set this only when you trust everyone who writes for the site.
    #[serde(default)]
    pub trusted_html: bool,
    /// The fewest participants a group profile shows scores for; below it
    /// only the number of files is shown. A questionnaire can set its own.
    #[serde(default)]
    pub min_group_size: Option<Spanned<u32>>,
}

/// One entry of the main menu.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuEntry {
    pub label: String,
    /// A content file, such as `model/_index.md`.
    pub page: Spanned<String>,
}

impl SiteConfig {
    /// The namespace of what the site stores in readers' browsers.
    pub fn storage_id(&self) -> String {
        crate::slug::slugify(self.id.as_deref().unwrap_or(&self.title))
    }
}

fn default_language() -> String {
    "nl".to_string()
}

fn default_offline() -> bool {
    true
}

/// What to build, from where, to where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The content folder, holding `site.yaml`.
    pub content_dir: PathBuf,
    /// Where the site is written.
    pub out_dir: PathBuf,
    /// Overrides `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// Minify the HTML (only with the `minify` feature).
    pub minify: bool,
    /// Add the script that reloads a page after a rebuild (`wijzer serve`).
    pub live_reload: bool,
}

impl BuildOptions {
    /// The defaults of `wijzer build`: `content/` into `dist/`, minified.
    pub fn new(content_dir: impl Into<PathBuf>, out_dir: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            content_dir: content_dir.into(),
            out_dir: out_dir.into(),
            base_url: None,
            drafts: false,
            minify: cfg!(feature = "minify"),
            live_reload: false,
        }
    }
}
