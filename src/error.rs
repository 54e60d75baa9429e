//! Errors: what went wrong, where, and how to fix it.
//!
//! A content problem is a [`Diagnostic`]: a [`Problem`] at a [`Location`]
//! (file, line, column, and the text of that line). A build collects every
//! diagnostic it finds and reports them together as [`Error::Content`];
//! failures of the machine rather than the content (a file that cannot be
//! read or written, a broken theme template) are the other variants.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a content file. Lines and columns count from 1; columns count
/// characters, not bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Path relative to the content folder.
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    /// The full text of the offending line, without its line ending.
    pub source_line: String,
}

impl Location {
    /// The location of byte `offset` in `text`, which is the content of `file`.
    pub fn at_offset(file: &Path, text: &str, offset: usize) -> Location {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        Location {
            file: file.to_path_buf(),
            line: text[..line_start].matches('\n').count() + 1,
            column: text[line_start..offset].chars().count() + 1,
            source_line: text[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
        }
    }

    /// The location of `line` and `column` (both from 1) in `text`.
    pub fn at_line(file: &Path, text: &str, line: usize, column: usize) -> Location {
        let line = line.max(1);
        let source_line = text.lines().nth(line - 1).unwrap_or_default().to_string();
        Location {
            file: file.to_path_buf(),
            line,
            column: column.max(1),
            source_line,
        }
    }

    /// The start of a file, for problems that concern the file as a whole.
    pub fn file_start(file: &Path) -> Location {
        Location {
            file: file.to_path_buf(),
            line: 1,
            column: 1,
            source_line: String::new(),
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Everything that can be wrong with a site's content.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error("the file is not valid UTF-8 text")]
    NotUtf8,
    #[error("the front matter is not closed")]
    UnterminatedFrontMatter,
    #[error("the page has no front matter")]
    MissingFrontMatter,
    #[error("invalid YAML: {message}")]
    Yaml { message: String },
    #[error("unknown key `{key}`")]
    UnknownKey {
        key: String,
        suggestion: Option<String>,
        expected: Vec<String>,
    },
    #[error("the required key `{key}` is missing")]
    MissingKey { key: String },
    #[error("`{key}` does not belong on a {kind} page")]
    KeyNotForKind {
        key: &'static str,
        kind: &'static str,
        allowed: String,
    },
    #[error("a {kind} page needs `{key}`")]
    KindNeedsKey {
        key: &'static str,
        kind: &'static str,
        hint: &'static str,
    },
    #[error("`{target}` does not exist")]
    MissingTarget { target: String },
    #[error("`{target}` has no heading with the anchor `#{anchor}`")]
    MissingAnchor {
        target: String,
        anchor: String,
        known: Vec<String>,
    },
    #[error("`{target}` is a draft and is left out of this build")]
    DraftTarget { target: String },
    #[error("`{target}` points outside the content folder")]
    OutsideContent { target: String },
    #[error("`{target}` is an absolute file path")]
    AbsolutePath { target: String },
    #[error("the link scheme of `{target}` is not allowed")]
    UnsafeScheme { target: String },
    #[error("`{target}` is a {kind} page, not a bron")]
    NotABron { target: String, kind: &'static str },
    #[error("this page and `{other}` would both be written to `{output}`")]
    DuplicateOutput { other: String, output: String },
    #[error("questionnaire `{id}` is also defined in `{other}`")]
    DuplicateAssessment { id: String, other: String },
    #[error("this page would be written to `{output}`, a page that wijzer makes itself")]
    ReservedOutput { output: String },
    #[error("this file would be written to `{output}`, which wijzer writes itself for offline use")]
    OfflineFile { output: String },
    #[error("the home page `_index.md` is missing")]
    MissingHome,
    #[error("the menu entry points to `{target}`, which does not exist")]
    MissingMenuTarget { target: String },

    // Questionnaires.
    #[error("the id `{id}` differs from the file name `{file_stem}.yaml`")]
    AssessmentIdMismatch { id: String, file_stem: String },
    #[error("the id `{id}` is used twice")]
    DuplicateId { id: String, first_line: usize },
    #[error("the scale runs from {min} to {max}, which is no range")]
    EmptyScale { min: i32, max: i32 },
    #[error("the scale from {min} to {max} has {expected} points, but {found} labels")]
    ScaleLabels {
        expected: usize,
        found: usize,
        min: i32,
        max: i32,
    },
    #[error("item `{item}` is of type {kind}, which has no `{key}`")]
    ItemKeyNotForType {
        item: String,
        key: &'static str,
        kind: &'static str,
        allowed: &'static str,
    },
    #[error("item `{item}` needs `{key}`")]
    ItemNeedsKey {
        item: String,
        key: &'static str,
        what: &'static str,
    },
    #[error("there is no scale `{scale}`")]
    UnknownScale { scale: String, known: Vec<String> },
    #[error("a poles item has {points} points; it needs 2 to 11")]
    PolePoints { points: u32 },
    #[error("there is no item `{item}`")]
    UnknownItem { item: String },
    #[error("item `{item}` is in no dimension, so it is never scored")]
    ItemInNoDimension { item: String },
    #[error("item `{item}` is already in dimension `{first}`")]
    ItemInTwoDimensions { item: String, first: String },
    #[error("item `{item}` is of type {kind}, which is never scored")]
    UnscoredItemInDimension { item: String, kind: &'static str },
    #[error("the items of dimension `{dimension}` have different score ranges")]
    MixedRanges { dimension: String },
    #[error("min_group_size is {size}; it must be at least {lowest}")]
    MinGroupSize { size: u32, lowest: u32 },
    #[error("min_answered is {min_answered}, but the dimension has {items} item(s)")]
    MinAnswered { min_answered: u32, items: u32 },
    #[error("the dimension has no bands")]
    NoBands,
    #[error("the first band starts at {found}, not at the lowest possible score {expected}")]
    BandStart { expected: f64, found: f64 },
    #[error("the last band ends at {found}, not at the highest possible score {expected}")]
    BandEnd { expected: f64, found: f64 },
    #[error("the band from {from} to {to} is empty")]
    EmptyBand { from: f64, to: f64 },
    #[error("the bands leave a gap between {from} and {to}")]
    BandGap { from: f64, to: f64 },
    #[error("the bands overlap between {from} and {to}")]
    BandOverlap { from: f64, to: f64 },
    #[error("the norm {value} lies outside the scores {min} to {max}")]
    NormOutsideScale { value: f64, min: f64, max: f64 },
    #[error("the norm's standard deviation {sd} is not possible on this scale")]
    NormSpread { sd: f64 },
    #[error("the link `{target}` in this text cannot be checked")]
    UncheckedLink { target: String },
}

impl Problem {
    /// A sentence on how to fix the problem, where there is one to give.
    pub fn help(&self) -> Option<String> {
        Some(match self {
            Problem::NotUtf8 => "save the file as UTF-8 (in most editors: 'Save with encoding')".into(),
            Problem::UnterminatedFrontMatter => {
                "end the front matter with a line that holds only `---`".into()
            }
            Problem::MissingFrontMatter => {
                "start the file with `---`, a line `title: ...`, and a closing `---`".into()
            }
            Problem::Yaml { .. } => "check the indentation and quoting on this line".into(),
            Problem::UnknownKey {
                suggestion: Some(s),
                ..
            } => format!("did you mean `{s}`?"),
            Problem::UnknownKey { expected, .. } => {
                format!("the keys allowed here are: {}", expected.join(", "))
            }
            Problem::MissingKey { key } => format!("add a line `{key}: ...`"),
            Problem::KeyNotForKind { allowed, .. } => {
                format!("this key is only for {allowed} pages; remove it here")
            }
            Problem::KindNeedsKey { hint, .. } => (*hint).to_string(),
            Problem::MissingTarget { .. } => {
                "links are relative to this file; check the folder and the file name".into()
            }
            Problem::MissingAnchor { known, .. } if known.is_empty() => {
                "that page has no headings; link to the page without `#...`".into()
            }
            Problem::MissingAnchor { known, .. } => {
                format!("the anchors on that page are: {}", known.join(", "))
            }
            Problem::DraftTarget { .. } => {
                "publish that page (remove `draft: true`) or remove the link".into()
            }
            Problem::OutsideContent { .. } | Problem::AbsolutePath { .. } => {
                "link to a file inside the content folder, with a relative path".into()
            }
            Problem::UnsafeScheme { .. } => {
                "use an http(s) or mailto link, or a relative path to a page".into()
            }
            Problem::NotABron { .. } => "`sources` lists pages from a bron section".into(),
            Problem::DuplicateOutput { .. } => {
                "rename one of the two files; names that differ only in case or accents collide"
                    .into()
            }
            Problem::DuplicateAssessment { .. } => {
                "give one of the two files another name: the name is the id under which readers' answers are stored".into()
            }
            Problem::ReservedOutput { .. } => {
                "rename the file; wijzer writes the privacy, search, results, group and reflection report pages itself"
                    .into()
            }
            Problem::OfflineFile { .. } => {
                "rename the file, or set `offline: false` in site.yaml to leave offline use out".into()
            }
            Problem::MissingHome => {
                "create `_index.md` in the content folder with a title for the home page".into()
            }
            Problem::MissingMenuTarget { .. } => {
                "menu entries name a content file, such as `model/_index.md`".into()
            }
            Problem::AssessmentIdMismatch { file_stem, .. } => {
                format!("use `id: {file_stem}`, or rename the file; results are stored under the id")
            }
            Problem::DuplicateId { first_line, .. } => {
                format!("it is first used on line {first_line}; give each one its own id")
            }
            Problem::EmptyScale { .. } => "`min` must be lower than `max`".into(),
            Problem::ScaleLabels { expected, .. } => {
                format!("give exactly {expected} labels, one for each point from min to max")
            }
            Problem::ItemKeyNotForType { key, allowed, .. } => {
                format!("`{key}` belongs to {allowed} items; remove it or set `type: {allowed}`")
            }
            Problem::ItemNeedsKey { key, what, .. } => format!("add `{key}`: {what}"),
            Problem::UnknownScale { known, .. } => {
                format!("the scales of this questionnaire are: {}", known.join(", "))
            }
            Problem::MinGroupSize { lowest, .. } => format!(
                "in a smaller group, participants could work out each other's scores from the mean and the spread; use {lowest} or more, such as 5"
            ),
            Problem::PolePoints { .. } => "use a number of points from 2 to 11, such as 5".into(),
            Problem::UnknownItem { .. } => "list the ids of items defined under `items`".into(),
            Problem::ItemInNoDimension { .. } => {
                "add its id to the `items` of one dimension, or make it `type: open`".into()
            }
            Problem::ItemInTwoDimensions { .. } => {
                "an item counts in one dimension only; remove it from one of them".into()
            }
            Problem::UnscoredItemInDimension { .. } => {
                "remove it from the dimension; poles and open items are shown, not scored".into()
            }
            Problem::MixedRanges { .. } => {
                "give all items of a dimension the same scale (or the same option scores)".into()
            }
            Problem::MinAnswered { items, .. } => format!("use a number from 1 to {items}"),
            Problem::NoBands => "add `bands` that cover the dimension's scores".into(),
            Problem::BandStart { expected, .. } => format!("let the first band start at `from: {expected}`"),
            Problem::BandEnd { expected, .. } => format!("let the last band end at `to: {expected}`"),
            Problem::EmptyBand { .. } => "`from` must be lower than `to`".into(),
            Problem::BandGap { from, .. } => format!("let this band start at `from: {from}`, where the previous one ends"),
            Problem::BandOverlap { to, .. } => format!("let this band start at `from: {to}`, where the previous one ends"),
            Problem::NormOutsideScale { .. } => {
                "a norm is a mean on the same scale as the dimension; check the figure and the scale".into()
            }
            Problem::UncheckedLink { .. } => {
                "short texts in front matter and questionnaires may link to other sites only; put pages of this site in `links:` or `related:`, where they are checked".into()
            }
            Problem::NormSpread { .. } => {
                "give the standard deviation as the source reports it, or leave `sd` out".into()
            }
        })
    }
}

/// A problem at a place in the content.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub location: Location,
    pub problem: Problem,
}

impl Diagnostic {
    pub fn new(location: Location, problem: Problem) -> Diagnostic {
        Diagnostic { location, problem }
    }
}

impl fmt::Display for Diagnostic {
    /// Renders in the familiar compiler style:
    ///
    /// ```text
    /// error: `../kaders/nope.md` does not exist
    ///   --> dilemmas/x.md:12:5
    ///    |
    /// 12 | Zie [het frame](../kaders/nope.md).
    ///    |     ^
    ///    = help: links are relative to this file; ...
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let loc = &self.location;
        writeln!(f, "error: {}", self.problem)?;
        let number = loc.line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(
            f,
            "{pad}--> {}:{}:{}",
            loc.file.display(),
            loc.line,
            loc.column
        )?;
        if !loc.source_line.is_empty() {
            let marker_pad: String = loc
                .source_line
                .chars()
                .take(loc.column - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {}", loc.source_line)?;
            writeln!(f, "{pad} | {marker_pad}^")?;
        }
        if let Some(help) = self.problem.help() {
            writeln!(f, "{pad} = help: {help}")?;
        }
        Ok(())
    }
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The content has problems; every one found is listed.
    #[error("{} problem(s) in the content", .0.len())]
    Content(Vec<Diagnostic>),
    /// A file or folder could not be read or written.
    #[error("{action} `{}`: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A theme template failed to parse or render.
    #[error("theme template: {0}")]
    Template(String),
    /// `site.yaml` names a theme language that the theme does not have.
    #[error("the theme has no translations for language `{0}` (available: nl, en)")]
    UnknownLanguage(String),
}

impl Error {
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

impl From<tera::Error> for Error {
    fn from(e: tera::Error) -> Error {
        Error::Template(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_characters_not_bytes() {
        let text = "---\ntitle: Cliënt\n---\nZie [x](één.md) hier";
        let offset = text.find("[x]").unwrap();
        let loc = Location::at_offset(Path::new("a.md"), text, offset);
        assert_eq!((loc.line, loc.column), (4, 5));
        assert_eq!(loc.source_line, "Zie [x](één.md) hier");
        let accented = text.find("ën").unwrap() + 2;
        assert_eq!(
            Location::at_offset(Path::new("a.md"), text, accented).column,
            12
        );
    }

    #[test]
    fn diagnostic_renders_file_line_column_and_marker() {
        let loc = Location::at_line(Path::new("kaders/x.md"), "a\nab cd\n", 2, 4);
        let d = Diagnostic::new(
            loc,
            Problem::MissingTarget {
                target: "y.md".into(),
            },
        );
        let shown = d.to_string();
        assert!(shown.contains("--> kaders/x.md:2:4"), "{shown}");
        assert!(shown.contains("2 | ab cd\n  |    ^"), "{shown}");
        assert!(shown.contains("help: links are relative"), "{shown}");
    }
}
