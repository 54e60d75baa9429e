//! What templates and the browser get of a questionnaire: the form's
//! items, the dimensions with their bands and feedback, and the exact keys
//! under which the browser stores answers (the privacy page lists the same).

use serde::Serialize;

use super::PageLink;
use crate::assessment::{Assessment, ItemKind};
use crate::content::{GROUP_FOLDER, PORTFOLIO_FOLDER};
use crate::resolve::AssessmentLinks;

/// The `localStorage` keys of one questionnaire.
#[derive(Debug, Clone, Serialize)]
pub struct StorageKeys {
    /// Answers of the attempt in progress, for this version only.
    pub answers: String,
    /// Every completed attempt, of every version.
    pub attempts: String,
}

/// Every key of a site starts with this prefix.
pub fn storage_prefix(site_id: &str) -> String {
    format!("wijzer:{site_id}:")
}

pub fn storage_keys(site_id: &str, assessment: &Assessment) -> StorageKeys {
    let prefix = storage_prefix(site_id);
    let id = &assessment.id.value;
    StorageKeys {
        answers: format!("{prefix}antwoorden:{id}@v{}", assessment.version),
        attempts: format!("{prefix}resultaten:{id}"),
    }
}

/// The key of a leerroute's progress.
pub fn route_key(site_id: &str, url: &str) -> String {
    format!("{}leerroute:{url}", storage_prefix(site_id))
}

/// A questionnaire as the template and the script see it.
#[derive(Debug, Serialize)]
pub struct AssessmentView {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub url: String,
    pub keys: StorageKeys,
    pub items: Vec<ItemView>,
    pub dimensions: Vec<DimensionView>,
    /// The page where a facilitator makes this questionnaire's group profile.
    pub group_url: String,
    /// The page with the reader's reflection report of this questionnaire.
    pub portfolio_url: String,
    /// Below this many participants a group profile shows only the count.
    pub min_group_size: u32,
}

#[derive(Debug, Serialize)]
pub struct ItemView {
    pub id: String,
    pub number: usize,
    pub kind: ItemKind,
    pub text: String,
    pub reverse: bool,
    /// The answers to choose from: value and label.
    pub choices: Vec<Choice>,
    /// likert: label of the "don't know" answer, which counts as missing.
    pub not_applicable: Option<String>,
    /// likert: lowest and highest score; choice: the option scores.
    pub min: f64,
    pub max: f64,
    pub scores: Vec<f64>,
    pub dilemma: Option<PageLink>,
    /// Title of the dimension the item counts in.
    pub dimension: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct DimensionView {
    pub id: String,
    pub title: String,
    /// HTML.
    pub description: String,
    pub items: Vec<String>,
    pub item_numbers: Vec<usize>,
    pub reverse_numbers: Vec<usize>,
    pub min_answered: u32,
    pub min: f64,
    pub max: f64,
    pub bands: Vec<BandView>,
    pub norm: Option<NormView>,
}

#[derive(Debug, Serialize)]
pub struct BandView {
    pub from: f64,
    pub to: f64,
    /// The range as shown in the scoring key, such as "2,5 – 3,5".
    pub range: String,
    pub label: String,
    /// HTML.
    pub feedback: String,
    pub links: Vec<PageLink>,
}

#[derive(Debug, Serialize)]
pub struct NormView {
    pub group: String,
    pub n: u32,
    pub year: i32,
    pub mean: f64,
    pub sd: Option<f64>,
    pub bron: Option<PageLink>,
    pub locator: Option<String>,
}

/// Settings of the site that shape every questionnaire's view.
#[derive(Debug, Clone, Copy)]
pub struct ViewSettings {
    /// For languages that write 2,5 rather than 2.5.
    pub decimal_comma: bool,
    pub min_group_size: u32,
}

/// Builds the view of `assessment`; `link` turns a page id into a link,
/// `html` renders a Markdown text.
pub fn view(
    assessment: &Assessment,
    url: &str,
    keys: StorageKeys,
    refs: &AssessmentLinks,
    link: impl Fn(usize) -> PageLink,
    html: impl Fn(&str) -> String,
    settings: ViewSettings,
) -> AssessmentView {
    let decimal_comma = settings.decimal_comma;
    let dimension_of = |item: &str| {
        assessment
            .dimensions
            .iter()
            .find(|d| d.items.iter().any(|i| i.value == item))
    };
    let number_of = |item: &str| {
        assessment
            .items
            .iter()
            .position(|i| i.id.value == item)
            .map_or(0, |p| p + 1)
    };
    let items = assessment
        .items
        .iter()
        .zip(&refs.dilemmas)
        .enumerate()
        .map(|(index, (item, dilemma))| {
            let range = assessment.item_range(item);
            let (choices, not_applicable, scores) = choices(assessment, item);
            ItemView {
                id: item.id.value.clone(),
                number: index + 1,
                kind: item.kind,
                text: item.text.clone(),
                reverse: item.reverse.as_ref().is_some_and(|r| r.value),
                choices,
                not_applicable,
                min: range.map_or(0.0, |r| r.min),
                max: range.map_or(0.0, |r| r.max),
                scores,
                dilemma: dilemma.map(&link),
                dimension: dimension_of(&item.id.value).map(|d| d.title.clone()),
            }
        })
        .collect();
    let dimensions = assessment
        .dimensions
        .iter()
        .zip(refs.bands.iter().zip(&refs.norms))
        .map(|(d, (band_links, norm_bron))| {
            let range = assessment.dimension_range(d);
            let item = |id: &String| assessment.item(id);
            DimensionView {
                id: d.id.value.clone(),
                title: d.title.clone(),
                description: d
                    .description
                    .as_ref()
                    .map_or_else(String::new, |t| html(&t.value)),
                items: d.items.iter().map(|i| i.value.clone()).collect(),
                item_numbers: d.items.iter().map(|i| number_of(&i.value)).collect(),
                reverse_numbers: d
                    .items
                    .iter()
                    .filter(|i| {
                        item(&i.value)
                            .is_some_and(|it| it.reverse.as_ref().is_some_and(|r| r.value))
                    })
                    .map(|i| number_of(&i.value))
                    .collect(),
                min_answered: Assessment::min_answered(d),
                min: range.map_or(0.0, |r| r.min),
                max: range.map_or(0.0, |r| r.max),
                bands: d
                    .bands
                    .value
                    .iter()
                    .zip(band_links)
                    .map(|(b, links)| BandView {
                        from: b.from.value,
                        to: b.to.value,
                        range: format!(
                            "{} – {}",
                            format_number(b.from.value, decimal_comma),
                            format_number(b.to.value, decimal_comma)
                        ),
                        label: b.label.clone(),
                        feedback: b
                            .feedback
                            .as_ref()
                            .map_or_else(String::new, |t| html(&t.value)),
                        links: links.iter().map(|p| link(*p)).collect(),
                    })
                    .collect(),
                norm: d.norm.as_ref().map(|n| NormView {
                    group: n.group.clone(),
                    n: n.n,
                    year: n.year,
                    mean: n.mean.value,
                    sd: n.sd.as_ref().map(|s| s.value),
                    bron: norm_bron.map(&link),
                    locator: n.locator.clone(),
                }),
            }
        })
        .collect();
    AssessmentView {
        id: assessment.id.value.clone(),
        version: assessment.version,
        title: assessment.title.clone(),
        url: url.to_string(),
        keys,
        items,
        dimensions,
        group_url: format!("{GROUP_FOLDER}/{}.html", assessment.id.value),
        portfolio_url: format!("{PORTFOLIO_FOLDER}/{}.html", assessment.id.value),
        min_group_size: settings.min_group_size,
    }
}

/// The answers of an item: (choices, "don't know" label, scores).
fn choices(
    assessment: &Assessment,
    item: &crate::assessment::Item,
) -> (Vec<Choice>, Option<String>, Vec<f64>) {
    let choice = |value: String, label: &str| Choice {
        value,
        label: label.to_string(),
    };
    match item.kind {
        ItemKind::Likert => {
            let Some(scale) = item.scale.as_ref().and_then(|s| assessment.scale(&s.value)) else {
                return (Vec::new(), None, Vec::new());
            };
            let choices = (scale.min..=scale.max)
                .zip(&scale.labels.value)
                .map(|(value, label)| choice(value.to_string(), label))
                .collect();
            (choices, scale.not_applicable.clone(), Vec::new())
        }
        ItemKind::Choice => {
            let options = item
                .options
                .as_ref()
                .map(|o| o.value.as_slice())
                .unwrap_or_default();
            let choices = options
                .iter()
                .enumerate()
                .map(|(index, o)| choice(index.to_string(), &o.label))
                .collect();
            (choices, None, options.iter().map(|o| o.score).collect())
        }
        ItemKind::Poles => {
            let points = item.points.as_ref().map_or(5, |p| p.value);
            let end = |side: &Option<serde_saphyr::Spanned<String>>| {
                side.as_ref().map_or(String::new(), |s| s.value.clone())
            };
            let choices = (1..=points)
                .map(|p| {
                    let label = match p {
                        1 => end(&item.left),
                        p if p == points => end(&item.right),
                        _ => String::new(),
                    };
                    choice(p.to_string(), &label)
                })
                .collect();
            (choices, None, Vec::new())
        }
        ItemKind::Open => (Vec::new(), None, Vec::new()),
    }
}

/// JSON for a `<script type="application/json">` block: every `<` is
/// written as `\u003c`, so no text can end the element or open a comment.
pub fn script_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".to_string())
        .replace('<', "\\u003c")
}

/// A number as people write it: no trailing zeros, and a decimal comma
/// where the language uses one.
pub fn format_number(value: f64, decimal_comma: bool) -> String {
    let text = format!("{:.2}", value);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if decimal_comma {
        text.replace('.', ",")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_without_trailing_zeros() {
        assert_eq!(format_number(5.0, true), "5");
        assert_eq!(format_number(2.5, true), "2,5");
        assert_eq!(format_number(3.75, false), "3.75");
        assert_eq!(format_number(0.1 + 0.2, true), "0,3");
    }

    #[test]
    fn script_json_cannot_close_its_element() {
        let json = script_json(&"</script><!-- x");
        assert!(!json.contains('<'), "{json}");
        assert_eq!(
            serde_json::from_str::<String>(&json).unwrap(),
            "</script><!-- x"
        );
    }
}
