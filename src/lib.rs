//! wijzer turns a folder of Markdown (a knowledge base) into a static
//! website that works from any web server, a sub-folder of one, or straight
//! from disk.
//!
//! The build is a pipeline; each stage takes what the one before produced:
//!
//! 1. [`load`]: walk the content folder into a [`content::Site`];
//! 2. [`resolve`]: check every internal reference, collect backlinks;
//! 3. [`render`]: Markdown and templates into HTML files, each written into
//!    a staging folder as soon as it is made;
//! 4. [`index`]: the Dutch search index;
//! 5. [`render::offline`]: the web app manifest and the service worker,
//!    which lists every file written before it;
//! 6. [`write`]: the staging folder swapped into place.
//!
//! [`build`] runs them all; [`check`] runs the first two and writes nothing.

pub mod assessment;
pub mod config;
pub mod content;
pub mod error;
pub mod index;
pub mod load;
pub mod markdown;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod serve;
pub mod slug;
pub mod theme;
pub mod write;
mod yaml;

use std::time::{Duration, Instant};

pub use config::BuildOptions;
pub use error::{Diagnostic, Error, Problem};

/// What a finished build or check did, for the summary line.
#[derive(Debug, Clone)]
pub struct Report {
    pub pages: usize,
    pub sections: usize,
    pub files_written: usize,
    /// Time per stage, in pipeline order.
    pub timings: Vec<(&'static str, Duration)>,
}

impl Report {
    pub fn total(&self) -> Duration {
        self.timings.iter().map(|(_, d)| *d).sum()
    }
}

/// Times one stage of the pipeline.
fn timed<T>(
    timings: &mut Vec<(&'static str, Duration)>,
    stage: &'static str,
    run: impl FnOnce() -> error::Result<T>,
) -> error::Result<T> {
    let start = Instant::now();
    let result = run();
    timings.push((stage, start.elapsed()));
    result
}

/// Builds the site in `options.content_dir` into `options.out_dir`.
pub fn build(options: &BuildOptions) -> error::Result<Report> {
    let mut timings = Vec::new();
    let (site, mut problems) = timed(&mut timings, "load", || load::load(options))?;
    problems.extend(render::offline::conflicts(&site, options.live_reload));
    let links = timed(&mut timings, "resolve", || {
        resolve::resolve(&site, problems)
    })?;
    let staging = write::Staging::open(&options.out_dir, &options.content_dir)?;
    let files = timed(&mut timings, "render", || {
        render::render(&site, &links, options.minify, options.live_reload, &staging)
    })?;
    timed(&mut timings, "index", || {
        let search_index = index::index(&site);
        staging.put(&search_index.path, &search_index.bytes)
    })?;
    let offline_files = timed(&mut timings, "offline", || {
        render::offline::write(&site, options.live_reload, &staging)
    })?;
    timed(&mut timings, "write", || staging.commit())?;
    Ok(Report {
        pages: site.pages.len(),
        sections: site.sections.len(),
        files_written: files + 1 + offline_files,
        timings,
    })
}

/// Validates everything `build` validates, and writes nothing.
pub fn check(options: &BuildOptions) -> error::Result<Report> {
    let mut timings = Vec::new();
    let (site, mut problems) = timed(&mut timings, "load", || load::load(options))?;
    problems.extend(render::offline::conflicts(&site, options.live_reload));
    timed(&mut timings, "resolve", || {
        resolve::resolve(&site, problems)
    })?;
    Ok(Report {
        pages: site.pages.len(),
        sections: site.sections.len(),
        files_written: 0,
        timings,
    })
}

/// A failed build as text for a person: every diagnostic with its place in
/// the content, or the one error that stopped the build.
pub fn describe(error: &Error) -> String {
    match error {
        Error::Content(diagnostics) => {
            let mut text: String = diagnostics.iter().map(|d| format!("{d}\n")).collect();
            text.push_str(&format!(
                "wijzer: {} problem(s) found; nothing was written, the previous output is unchanged\n",
                diagnostics.len()
            ));
            text
        }
        other => {
            format!("error: {other}\nwijzer: the build stopped; the previous output is unchanged\n")
        }
    }
}
