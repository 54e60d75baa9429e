//! Helpers shared by the integration tests: fixture copies, builds, and a
//! check that every relative link in a built site points to a real file.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;
use wijzer::{BuildOptions, Diagnostic, Error};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A writable copy of a fixture site, with an output folder beside it.
pub struct Workspace {
    pub dir: TempDir,
}

impl Workspace {
    pub fn of(name: &str) -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixture(name), &dir.path().join("content"));
        Workspace { dir }
    }

    pub fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("dist")
    }

    pub fn options(&self) -> BuildOptions {
        let mut options = BuildOptions::new(self.content(), self.out());
        options.minify = false;
        options
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.content().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.content().join(rel)).unwrap()
    }

    /// Replaces `from` by `to` in a content file; `from` must occur.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    pub fn build(&self) -> Result<wijzer::Report, Error> {
        wijzer::build(&self.options())
    }

    /// The diagnostics of a build that must fail on content.
    pub fn build_errors(&self) -> Vec<Diagnostic> {
        match self.build() {
            Err(Error::Content(diagnostics)) => diagnostics,
            Err(other) => panic!("expected content errors, got {other}"),
            Ok(_) => panic!("expected the build to fail"),
        }
    }

    pub fn output(&self, rel: &str) -> String {
        fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, to compare a folder before and after.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The `href` and `src` values in an HTML text.
pub fn references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(start) = rest.find(attribute) {
            rest = &rest[start + attribute.len()..];
            let end = rest.find('"').unwrap();
            found.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    found
}

/// Checks every relative link of every HTML file in a built site: no link
/// is absolute (`/x`), and each points to a file that exists, and to an
/// `id` on that page when it has a `#fragment`. Returns the links checked.
pub fn assert_links_resolve(site: &Path) -> usize {
    let mut checked = 0;
    for (rel, bytes) in snapshot(site) {
        if rel.extension().is_none_or(|e| e != "html") || rel == Path::new("404.html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for reference in references(&html) {
            if reference.starts_with("http") || reference.starts_with("mailto:") {
                continue;
            }
            assert!(
                !reference.starts_with('/'),
                "{}: absolute link {reference}",
                rel.display()
            );
            let (path, fragment) = reference.split_once('#').unwrap_or((&reference, ""));
            let target = if path.is_empty() {
                site.join(&rel)
            } else {
                site.join(rel.parent().unwrap()).join(path)
            };
            assert!(
                target.is_file(),
                "{}: broken link {reference}",
                rel.display()
            );
            if !fragment.is_empty() {
                let page = fs::read_to_string(&target).unwrap();
                assert!(
                    page.contains(&format!("id=\"{fragment}\""))
                        || page.contains(&format!("id={fragment}")),
                    "{}: no anchor for {reference}",
                    rel.display()
                );
            }
            checked += 1;
        }
    }
    checked
}
