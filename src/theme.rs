//! The theme: templates, static files and interface texts.
//!
//! The default theme is compiled into the binary, so `wijzer` works on any
//! content folder. A site replaces any of its files by putting a file with
//! the same name in its own `templates/`, `static/` or `i18n/` folder (or in
//! the folder that `theme:` in `site.yaml` names).

use std::collections::BTreeMap;
use std::path::Path;

use walkdir::WalkDir;

use crate::error::{Error, Result};

macro_rules! embedded {
    ($kind:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../themes/default/", $kind, "/", $name)))),*]
    };
}

const TEMPLATES: &[(&str, &str)] = embedded!("templates":
    "zelfevaluatie.html", "privacy.html", "mijn-resultaten.html", "zoeken.html",
    "data-tools.html", "assessment-scripts.html", "groepsprofiel.html", "reflectieverslag.html",
    "base.html", "index.html", "section.html", "page.html", "404.html",
    "model.html", "kader.html", "methode.html", "dilemma.html",
    "begrip.html", "bron.html", "leerroute.html", "pagina.html",
    "sw.js",
);
const STATIC: &[(&str, &str)] = embedded!("static":
    "style.css", "wijzer.js", "favicon.svg", "scoring.js", "assessment.js", "search.js",
    "results.js", "group.js", "portfolio.js",
);
const TEXTS: &[(&str, &str)] = embedded!("i18n": "nl.yaml", "en.yaml");

/// The theme a site is rendered with.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Template name (such as `dilemma.html`) and its source.
    pub templates: BTreeMap<String, String>,
    /// Path under `static/` and the file's bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Interface texts in the site's language.
    pub texts: BTreeMap<String, String>,
}

impl Theme {
    /// The default theme with the files of `overlays` laid over it, in order.
    pub fn load(language: &str, overlays: &[impl AsRef<Path>]) -> Result<Theme> {
        let mut theme = Theme {
            templates: owned(TEMPLATES),
            statics: owned(STATIC)
                .into_iter()
                .map(|(k, v)| (k, v.into_bytes()))
                .collect(),
            texts: BTreeMap::new(),
        };
        let mut texts_found = false;
        if let Some((_, yaml)) = TEXTS
            .iter()
            .find(|(name, _)| *name == format!("{language}.yaml"))
        {
            theme.texts = parse_texts(Path::new(language), yaml)?;
            texts_found = true;
        }
        for dir in overlays {
            let dir = dir.as_ref();
            for (name, bytes) in files_under(&dir.join("templates"))? {
                let source = String::from_utf8(bytes).map_err(|_| {
                    Error::Template(format!("{name} in {} is not UTF-8", dir.display()))
                })?;
                theme.templates.insert(name, source);
            }
            theme.statics.extend(files_under(&dir.join("static"))?);
            let texts = dir.join("i18n").join(format!("{language}.yaml"));
            if texts.is_file() {
                let yaml = std::fs::read_to_string(&texts)
                    .map_err(|e| Error::io("cannot read", &texts, e))?;
                theme.texts.extend(parse_texts(&texts, &yaml)?);
                texts_found = true;
            }
        }
        if !texts_found {
            return Err(Error::UnknownLanguage(language.to_string()));
        }
        Ok(theme)
    }

    /// An interface text; the key itself when the theme lacks it.
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.texts.get(key).map_or(key, String::as_str)
    }
}

fn owned(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect()
}

fn parse_texts(origin: &Path, yaml: &str) -> Result<BTreeMap<String, String>> {
    serde_saphyr::from_str(yaml)
        .map_err(|e| Error::Template(format!("texts {}: {e}", origin.display())))
}

/// Every file under `dir` (which may be missing), by path relative to it.
fn files_under(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io("cannot walk", dir, e.into()))?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let name = rel.to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(entry.path())
                .map_err(|e| Error::io("cannot read", entry.path(), e))?;
            files.push((name, bytes));
        }
    }
    Ok(files)
}
