//! Zelfevaluaties: the questionnaire schema and its validation.
//!
//! A questionnaire is one YAML file under `zelfevaluaties/`. It is typed
//! here and checked for everything that can be checked without the rest of
//! the site: ids, scales and their labels, item types, which items count in
//! which dimension, bands that cover the whole range without gaps or
//! overlaps, and norms inside the scale. References to pages (the source,
//! band links, norm bronnen, dilemmas) are checked by [`crate::resolve`].

use std::collections::HashMap;

use serde::Deserialize;
use serde_saphyr::{Location as YamlLocation, Spanned};

use crate::content::SourceRef;
use crate::error::Problem;

/// A questionnaire.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Equals the file name without `.yaml`; results are stored under it.
    pub id: Spanned<String>,
    /// Raised when items or scoring change, so old results never mix in.
    pub version: u32,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Markdown shown above the questions.
    #[serde(default)]
    pub intro: Option<Spanned<String>>,
    /// The bron the questionnaire is derived from.
    pub source: SourceRef,
    #[serde(default)]
    pub weight: i64,
    pub scales: Vec<Scale>,
    pub items: Vec<Item>,
    pub dimensions: Vec<Dimension>,
    /// The fewest participants a group profile shows scores for; without it
    /// the site's setting, or [`DEFAULT_MIN_GROUP_SIZE`].
    #[serde(default)]
    pub min_group_size: Option<Spanned<u32>>,
}

/// Below this many participants a group profile shows only the count.
pub const DEFAULT_MIN_GROUP_SIZE: u32 = 5;
/// The lowest minimum group size an author may set: in a group of three,
/// each participant could work out the other two scores from the mean and
/// the spread.
pub const LOWEST_MIN_GROUP_SIZE: u32 = 4;

/// A `min_group_size` below [`LOWEST_MIN_GROUP_SIZE`], as a problem.
pub fn check_min_group_size(size: &Spanned<u32>) -> Option<(YamlLocation, Problem)> {
    let problem = Problem::MinGroupSize {
        size: size.value,
        lowest: LOWEST_MIN_GROUP_SIZE,
    };
    (size.value < LOWEST_MIN_GROUP_SIZE).then_some((size.referenced, problem))
}

/// An answer scale: the points from `min` to `max`, each with a label.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub id: Spanned<String>,
    pub min: i32,
    pub max: i32,
    pub labels: Spanned<Vec<String>>,
    /// Label of an extra "don't know / not applicable" answer, which
    /// counts as missing.
    #[serde(default)]
    pub not_applicable: Option<String>,
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A point on a scale.
    #[default]
    Likert,
    /// One of several options, each with its own score.
    Choice,
    /// A position between two poles; never scored.
    Poles,
    /// Open reflection; never scored.
    Open,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Likert => "likert",
            ItemKind::Choice => "choice",
            ItemKind::Poles => "poles",
            ItemKind::Open => "open",
        }
    }

    pub fn is_scored(self) -> bool {
        matches!(self, ItemKind::Likert | ItemKind::Choice)
    }
}

/// A question.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: Spanned<String>,
    #[serde(rename = "type", default)]
    pub kind: ItemKind,
    pub text: String,
    /// likert: the scale's id.
    #[serde(default)]
    pub scale: Option<Spanned<String>>,
    /// likert: scored as `(min + max) - answer`.
    #[serde(default)]
    pub reverse: Option<Spanned<bool>>,
    /// choice: the options with their scores.
    #[serde(default)]
    pub options: Option<Spanned<Vec<ChoiceOption>>>,
    /// poles: the two ends.
    #[serde(default)]
    pub left: Option<Spanned<String>>,
    #[serde(default)]
    pub right: Option<Spanned<String>>,
    /// poles: number of positions between and including the ends.
    #[serde(default)]
    pub points: Option<Spanned<u32>>,
    /// poles: the dilemma page this position is about.
    #[serde(default)]
    pub dilemma: Option<Spanned<String>>,
}

/// An option of a choice item.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub label: String,
    pub score: f64,
}

/// A group of items scored together.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub id: Spanned<String>,
    pub title: String,
    /// Markdown.
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    pub items: Vec<Spanned<String>>,
    /// Fewest answered items for a score; default: half, rounded up.
    #[serde(default)]
    pub min_answered: Option<Spanned<u32>>,
    pub bands: Spanned<Vec<Band>>,
    #[serde(default)]
    pub norm: Option<Norm>,
}

/// A score range of a dimension with its feedback.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub from: Spanned<f64>,
    pub to: Spanned<f64>,
    pub label: String,
    /// Markdown.
    #[serde(default)]
    pub feedback: Option<Spanned<String>>,
    /// Pages that help, as paths relative to the questionnaire.
    #[serde(default)]
    pub links: Vec<Spanned<String>>,
}

/// Figures of a reference group, as a source reports them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Norm {
    #[serde(default)]
    pub bron: Option<Spanned<String>>,
    #[serde(default)]
    pub locator: Option<String>,
    pub group: String,
    pub n: u32,
    pub year: i32,
    pub mean: Spanned<f64>,
    #[serde(default)]
    pub sd: Option<Spanned<f64>>,
}

/// The lowest and highest score an item can give.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub min: f64,
    pub max: f64,
}

impl Assessment {
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id.value == id)
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id.value == id)
    }

    /// The range of a scored item, if its definition allows one.
    pub fn item_range(&self, item: &Item) -> Option<Range> {
        match item.kind {
            ItemKind::Likert => {
                let scale = self.scale(&item.scale.as_ref()?.value)?;
                Some(Range {
                    min: scale.min.into(),
                    max: scale.max.into(),
                })
            }
            ItemKind::Choice => {
                let scores = item.options.as_ref()?.value.iter().map(|o| o.score);
                let min = scores.clone().fold(f64::INFINITY, f64::min);
                let max = scores.fold(f64::NEG_INFINITY, f64::max);
                (min < max).then_some(Range { min, max })
            }
            ItemKind::Poles | ItemKind::Open => None,
        }
    }

    /// The range of a dimension's score: that of its first scorable item.
    pub fn dimension_range(&self, dimension: &Dimension) -> Option<Range> {
        dimension
            .items
            .iter()
            .filter_map(|id| self.item(&id.value))
            .find_map(|item| self.item_range(item))
    }

    /// The number of answered items a dimension needs for a score.
    pub fn min_answered(dimension: &Dimension) -> u32 {
        match &dimension.min_answered {
            Some(min) => min.value,
            None => (dimension.items.len() as u32).div_ceil(2).max(1),
        }
    }
}

/// Every structural problem of a questionnaire, each at a place in its file.
/// `file_stem` is the file name without `.yaml`.
pub fn validate(assessment: &Assessment, file_stem: &str) -> Vec<(YamlLocation, Problem)> {
    let mut found = Vec::new();
    let a = assessment;
    if a.id.value != file_stem {
        found.push((
            a.id.referenced,
            Problem::AssessmentIdMismatch {
                id: a.id.value.clone(),
                file_stem: file_stem.to_string(),
            },
        ));
    }
    check_unique(a.scales.iter().map(|s| &s.id), &mut found);
    check_unique(a.items.iter().map(|i| &i.id), &mut found);
    check_unique(a.dimensions.iter().map(|d| &d.id), &mut found);
    for scale in &a.scales {
        check_scale(scale, &mut found);
    }
    for item in &a.items {
        check_item(a, item, &mut found);
    }
    check_membership(a, &mut found);
    found.extend(a.min_group_size.as_ref().and_then(check_min_group_size));
    for dimension in &a.dimensions {
        check_dimension(a, dimension, &mut found);
    }
    let texts = a.intro.iter().chain(a.dimensions.iter().flat_map(|d| {
        let feedback = d.bands.value.iter().filter_map(|b| b.feedback.as_ref());
        d.description.iter().chain(feedback)
    }));
    for text in texts {
        check_text_links(text, &mut found);
    }
    found
}

/// Markdown in a questionnaire may link to other sites, but pages of this
/// site go in `links:`, where they are checked and shown as "Verder lezen".
fn check_text_links(text: &Spanned<String>, found: &mut Vec<(YamlLocation, Problem)>) {
    for target in crate::markdown::unchecked_links(&text.value) {
        found.push((text.referenced, Problem::UncheckedLink { target }));
    }
}

fn check_unique<'a>(
    ids: impl Iterator<Item = &'a Spanned<String>>,
    found: &mut Vec<(YamlLocation, Problem)>,
) {
    let mut seen: HashMap<&str, &Spanned<String>> = HashMap::new();
    for id in ids {
        if let Some(first) = seen.insert(&id.value, id) {
            found.push((
                id.referenced,
                Problem::DuplicateId {
                    id: id.value.clone(),
                    first_line: first.referenced.line() as usize,
                },
            ));
        }
    }
}

fn check_scale(scale: &Scale, found: &mut Vec<(YamlLocation, Problem)>) {
    if scale.min >= scale.max {
        found.push((
            scale.id.referenced,
            Problem::EmptyScale {
                min: scale.min,
                max: scale.max,
            },
        ));
        return;
    }
    let expected = (scale.max - scale.min + 1) as usize;
    if scale.labels.value.len() != expected {
        found.push((
            scale.labels.referenced,
            Problem::ScaleLabels {
                expected,
                found: scale.labels.value.len(),
                min: scale.min,
                max: scale.max,
            },
        ));
    }
}

fn check_item(a: &Assessment, item: &Item, found: &mut Vec<(YamlLocation, Problem)>) {
    let kind = item.kind;
    let mut misplaced = |key: &'static str, at: Option<YamlLocation>, allowed: ItemKind| {
        if let Some(at) = at.filter(|_| kind != allowed) {
            found.push((
                at,
                Problem::ItemKeyNotForType {
                    item: item.id.value.clone(),
                    key,
                    kind: kind.as_str(),
                    allowed: allowed.as_str(),
                },
            ));
        }
    };
    misplaced(
        "scale",
        item.scale.as_ref().map(|s| s.referenced),
        ItemKind::Likert,
    );
    misplaced(
        "reverse",
        item.reverse.as_ref().map(|s| s.referenced),
        ItemKind::Likert,
    );
    misplaced(
        "options",
        item.options.as_ref().map(|s| s.referenced),
        ItemKind::Choice,
    );
    misplaced(
        "left",
        item.left.as_ref().map(|s| s.referenced),
        ItemKind::Poles,
    );
    misplaced(
        "right",
        item.right.as_ref().map(|s| s.referenced),
        ItemKind::Poles,
    );
    misplaced(
        "points",
        item.points.as_ref().map(|s| s.referenced),
        ItemKind::Poles,
    );
    misplaced(
        "dilemma",
        item.dilemma.as_ref().map(|s| s.referenced),
        ItemKind::Poles,
    );

    let mut needs = |key: &'static str, what: &'static str| {
        found.push((
            item.id.referenced,
            Problem::ItemNeedsKey {
                item: item.id.value.clone(),
                key,
                what,
            },
        ))
    };
    match kind {
        ItemKind::Likert => match &item.scale {
            None => needs("scale", "the id of one of the `scales`"),
            Some(scale) if a.scale(&scale.value).is_none() => found.push((
                scale.referenced,
                Problem::UnknownScale {
                    scale: scale.value.clone(),
                    known: a.scales.iter().map(|s| s.id.value.clone()).collect(),
                },
            )),
            Some(_) => {}
        },
        ItemKind::Choice => {
            let options = item.options.as_ref().map_or(0, |o| o.value.len());
            if options < 2 {
                needs(
                    "options",
                    "at least two options, each with `label` and `score`",
                );
            } else if a.item_range(item).is_none() {
                needs("options", "options with at least two different scores");
            }
        }
        ItemKind::Poles => {
            if item.left.is_none() || item.right.is_none() {
                needs("left` and `right", "the texts of the two poles");
            }
            if let Some(points) = item
                .points
                .as_ref()
                .filter(|p| !(2..=11).contains(&p.value))
            {
                found.push((
                    points.referenced,
                    Problem::PolePoints {
                        points: points.value,
                    },
                ));
            }
        }
        ItemKind::Open => {}
    }
}

/// Every scored item in exactly one dimension; unscored items in none.
fn check_membership(a: &Assessment, found: &mut Vec<(YamlLocation, Problem)>) {
    let mut home: HashMap<&str, &str> = HashMap::new();
    for dimension in &a.dimensions {
        for id in &dimension.items {
            let Some(item) = a.item(&id.value) else {
                found.push((
                    id.referenced,
                    Problem::UnknownItem {
                        item: id.value.clone(),
                    },
                ));
                continue;
            };
            if !item.kind.is_scored() {
                found.push((
                    id.referenced,
                    Problem::UnscoredItemInDimension {
                        item: id.value.clone(),
                        kind: item.kind.as_str(),
                    },
                ));
            } else if let Some(first) = home.insert(&item.id.value, &dimension.id.value) {
                found.push((
                    id.referenced,
                    Problem::ItemInTwoDimensions {
                        item: id.value.clone(),
                        first: first.to_string(),
                    },
                ));
            }
        }
    }
    for item in a.items.iter().filter(|i| i.kind.is_scored()) {
        if !home.contains_key(item.id.value.as_str()) {
            found.push((
                item.id.referenced,
                Problem::ItemInNoDimension {
                    item: item.id.value.clone(),
                },
            ));
        }
    }
}

fn check_dimension(
    a: &Assessment,
    dimension: &Dimension,
    found: &mut Vec<(YamlLocation, Problem)>,
) {
    let ranges: Vec<Range> = dimension
        .items
        .iter()
        .filter_map(|id| a.item(&id.value))
        .filter_map(|item| a.item_range(item))
        .collect();
    let Some(range) = ranges.first().copied() else {
        return;
    };
    if ranges.iter().any(|r| *r != range) {
        found.push((
            dimension.id.referenced,
            Problem::MixedRanges {
                dimension: dimension.id.value.clone(),
            },
        ));
        return;
    }
    if let Some(min) = &dimension.min_answered {
        let items = dimension.items.len() as u32;
        if min.value == 0 || min.value > items {
            found.push((
                min.referenced,
                Problem::MinAnswered {
                    min_answered: min.value,
                    items,
                },
            ));
        }
    }
    check_bands(dimension, range, found);
    if let Some(norm) = &dimension.norm {
        let outside = |value: f64| value < range.min || value > range.max;
        if outside(norm.mean.value) {
            found.push((
                norm.mean.referenced,
                Problem::NormOutsideScale {
                    value: norm.mean.value,
                    min: range.min,
                    max: range.max,
                },
            ));
        }
        if let Some(sd) = norm
            .sd
            .as_ref()
            .filter(|sd| sd.value <= 0.0 || sd.value > range.max - range.min)
        {
            found.push((sd.referenced, Problem::NormSpread { sd: sd.value }));
        }
    }
}

/// Bands must run from the range's minimum to its maximum, each starting
/// where the previous one ends.
fn check_bands(dimension: &Dimension, range: Range, found: &mut Vec<(YamlLocation, Problem)>) {
    let bands = &dimension.bands.value;
    let Some(first) = bands.first() else {
        found.push((dimension.bands.referenced, Problem::NoBands));
        return;
    };
    if first.from.value != range.min {
        found.push((
            first.from.referenced,
            Problem::BandStart {
                expected: range.min,
                found: first.from.value,
            },
        ));
    }
    for band in bands {
        if band.from.value >= band.to.value {
            found.push((
                band.to.referenced,
                Problem::EmptyBand {
                    from: band.from.value,
                    to: band.to.value,
                },
            ));
        }
    }
    for pair in bands.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        if after.from.value > before.to.value {
            found.push((
                after.from.referenced,
                Problem::BandGap {
                    from: before.to.value,
                    to: after.from.value,
                },
            ));
        } else if after.from.value < before.to.value {
            found.push((
                after.from.referenced,
                Problem::BandOverlap {
                    from: after.from.value,
                    to: before.to.value,
                },
            ));
        }
    }
    let last = bands.last().unwrap_or(first);
    if last.to.value != range.max {
        found.push((
            last.to.referenced,
            Problem::BandEnd {
                expected: range.max,
                found: last.to.value,
            },
        ));
    }
}
