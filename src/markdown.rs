//! Markdown: scanning a page body for its headings and links, and rendering
//! it to HTML with anchors and rewritten links.
//!
//! Both passes use the same parser settings and visit links in the same
//! order, so the n-th link found by [`scan`] is the n-th link that
//! [`render_html`] rewrites.

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::slug::AnchorSet;

/// A heading of a page, with the anchor it is reachable by.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub anchor: String,
}

/// A link or image as written in the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub destination: String,
    /// Byte offset of the link in the page body.
    pub offset: usize,
}

/// What the later stages need to know of a page body without rendering it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    pub headings: Vec<Heading>,
    pub links: Vec<LinkRef>,
    /// The plain text of the body, cut at the headings: `passages[0]` is
    /// the text before the first heading, `passages[i + 1]` the text under
    /// `headings[i]`. For the search index.
    pub passages: Vec<String>,
}

impl Outline {
    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.headings.iter().any(|h| h.anchor == anchor)
    }
}

/// The labels of call-out boxes (`> [!NOTE]`), in the site's language.
pub struct CalloutLabels<'a> {
    pub note: &'a str,
    pub tip: &'a str,
    pub important: &'a str,
    pub warning: &'a str,
    pub caution: &'a str,
}

fn parser(body: &str) -> Parser<'_> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM;
    Parser::new_ext(body, options)
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// Finds the headings (with unique anchors) and links of a page body.
pub fn scan(body: &str) -> Outline {
    let mut outline = Outline {
        passages: vec![String::new()],
        ..Outline::default()
    };
    let mut anchors = AnchorSet::default();
    let mut open_heading: Option<(u8, Option<String>, String)> = None;
    for (event, range) in parser(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                open_heading = Some((
                    heading_level(level),
                    id.map(|s| s.to_string()),
                    String::new(),
                ));
                outline.passages.push(String::new());
            }
            Event::Text(text) | Event::Code(text) => match open_heading.as_mut() {
                Some((_, _, heading_text)) => heading_text.push_str(&text),
                None => push_words(&mut outline.passages, &text),
            },
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                push_words(&mut outline.passages, " ");
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text)) = open_heading.take() {
                    let anchor = match explicit {
                        Some(id) => anchors.claim(id),
                        None => anchors.anchor_for(&text),
                    };
                    outline.headings.push(Heading {
                        level,
                        text: text.trim().to_string(),
                        anchor,
                    });
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                outline.links.push(LinkRef {
                    destination: dest_url.to_string(),
                    offset: range.start,
                });
            }
            _ => {}
        }
    }
    outline
}

fn push_words(passages: &mut [String], text: &str) {
    if let Some(passage) = passages.last_mut() {
        passage.push_str(text);
    }
}

/// Renders a page body to HTML. `hrefs` holds the rewritten destination of
/// every link, in the order [`scan`] found them; `headings` the anchors.
pub fn render_html(
    body: &str,
    headings: &[Heading],
    hrefs: &[String],
    labels: &CalloutLabels,
    raw: RawHtml,
) -> String {
    let mut next_heading = headings.iter();
    let mut next_href = hrefs.iter();
    let mut has_raw_html = false;
    let events = parser(body).map(|event| match event {
        Event::Html(html) => {
            has_raw_html = true;
            Event::Html(html)
        }
        Event::InlineHtml(html) => {
            has_raw_html = true;
            Event::InlineHtml(html)
        }
        Event::Start(Tag::Heading {
            level,
            classes,
            attrs,
            ..
        }) => Event::Start(Tag::Heading {
            level,
            id: next_heading.next().map(|h| CowStr::from(h.anchor.as_str())),
            classes,
            attrs,
        }),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: rewritten(next_href.next(), dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: rewritten(next_href.next(), dest_url),
            title,
            id,
        }),
        Event::Start(Tag::BlockQuote(Some(kind))) => Event::Html(callout_open(kind, labels).into()),
        Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</aside>\n".into()),
        other => other,
    });
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    if has_raw_html && raw == RawHtml::Sanitised {
        return SANITISER.clean(&html).to_string();
    }
    html
}

/// What happens to HTML written in Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawHtml {
    /// Kept as written: the site owner trusts its authors (`trusted_html`).
    Trusted,
    /// Cleaned: scripts, event handlers, styles, frames and unsafe URLs go;
    /// what Markdown itself produces stays.
    Sanitised,
}

/// The HTML sanitiser (ammonia), allowing what the Markdown renderer
/// itself writes: anchors on headings, call-out boxes, footnotes.
static SANITISER: std::sync::LazyLock<ammonia::Builder<'static>> = std::sync::LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class", "role", "aria-label", "aria-hidden"])
        .link_rel(None);
    builder
});

/// The links in a short Markdown text (from front matter or a
/// questionnaire) that point anywhere but another site: such texts are
/// rendered as they are, so their links cannot be checked or rewritten.
pub fn unchecked_links(text: &str) -> Vec<String> {
    scan(text)
        .links
        .into_iter()
        .map(|l| l.destination)
        .filter(|d| {
            let d = d.to_ascii_lowercase();
            !["http://", "https://", "mailto:"]
                .iter()
                .any(|s| d.starts_with(s))
        })
        .collect()
}

/// A one-line Markdown text (a step, a footer) as HTML without the
/// paragraph around it.
pub fn render_inline(text: &str, raw: RawHtml) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser(text));
    if raw == RawHtml::Sanitised && text.contains('<') {
        html = SANITISER.clean(&html).to_string();
    }
    let trimmed = html.trim();
    trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .filter(|s| !s.contains("<p>"))
        .unwrap_or(trimmed)
        .to_string()
}

/// `text` with the characters that are special in HTML escaped.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, text);
    escaped
}

fn rewritten<'a>(href: Option<&'a String>, original: CowStr<'a>) -> CowStr<'a> {
    href.map_or(original, |h| CowStr::from(h.as_str()))
}

fn callout_open(kind: BlockQuoteKind, labels: &CalloutLabels) -> String {
    let (class, label) = match kind {
        BlockQuoteKind::Note => ("note", labels.note),
        BlockQuoteKind::Tip => ("tip", labels.tip),
        BlockQuoteKind::Important => ("important", labels.important),
        BlockQuoteKind::Warning => ("warning", labels.warning),
        BlockQuoteKind::Caution => ("caution", labels.caution),
    };
    format!(
        "<aside class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{}</p>\n",
        escape_html(label)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const LABELS: CalloutLabels = CalloutLabels {
        note: "Let op",
        tip: "Tip",
        important: "Belangrijk",
        warning: "Waarschuwing",
        caution: "Pas op",
    };

    #[test]
    fn scan_finds_headings_and_links_in_order() {
        let body = "## Wat zou jij doen?\n\nZie [frame](../kaders/frame.md#kern) en ![s](a.svg).\n\n## Vragen {#eigen}\n\n## Vragen\n";
        let outline = scan(body);
        let anchors: Vec<_> = outline.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(anchors, ["wat-zou-jij-doen", "eigen", "vragen"]);
        let links: Vec<_> = outline
            .links
            .iter()
            .map(|l| l.destination.as_str())
            .collect();
        assert_eq!(links, ["../kaders/frame.md#kern", "a.svg"]);
        let passages: Vec<_> = outline.passages.iter().map(|p| p.trim()).collect();
        assert_eq!(passages, ["", "Zie frame en s.", "", ""]);
        assert_eq!(&body[outline.links[0].offset..][..7], "[frame]");
    }

    #[test]
    fn render_rewrites_links_and_sets_anchors() {
        let body = "## Één kop\n\n[x](a.md) en [y](https://example.org)\n";
        let outline = scan(body);
        let hrefs = vec!["../a.html".to_string(), "https://example.org".to_string()];
        let html = render_html(body, &outline.headings, &hrefs, &LABELS, RawHtml::Trusted);
        assert!(html.contains("<h2 id=\"een-kop\">Één kop</h2>"), "{html}");
        assert!(html.contains("<a href=\"../a.html\">x</a>"), "{html}");
        assert!(
            html.contains("<a href=\"https://example.org\">y</a>"),
            "{html}"
        );
    }

    /// Found by fuzzing: a link inside an image's alt text is a link event
    /// of its own, so scan and render must count it alike.
    #[test]
    fn a_link_inside_an_image_keeps_links_in_step() {
        let body = "![zie [x](a.md)](b.svg) en [y](c.md)";
        let outline = scan(body);
        assert_eq!(outline.links.len(), 3);
        let hrefs: Vec<String> = ["b.html", "a.html", "c.html"].map(String::from).to_vec();
        let html = render_html(body, &[], &hrefs, &LABELS, RawHtml::Sanitised);
        assert!(
            html.contains(r#"src="b.html""#) && html.contains(r#"<a href="c.html">y</a>"#),
            "{html}"
        );
        assert!(!html.contains(".md"), "{html}");
    }

    #[test]
    fn gfm_alerts_become_labelled_callouts() {
        let html = render_html(
            "> [!TIP]\n> Neem de tijd.\n",
            &[],
            &[],
            &LABELS,
            RawHtml::Sanitised,
        );
        assert!(html.contains("<aside class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">Tip</p>"), "{html}");
        assert!(
            html.contains("Neem de tijd.") && html.contains("</aside>"),
            "{html}"
        );
    }

    #[test]
    fn raw_html_is_sanitised_unless_trusted() {
        let body = "## Kop\n\n<script>alert(1)</script><p onclick=\"x()\">tekst <a href=\"javascript:alert(1)\">klik</a> <iframe src=\"https://example.org\"></iframe><b>vet</b></p>\n\n> [!NOTE]\n> Let op.\n";
        let headings = scan(body).headings;
        let clean = render_html(body, &headings, &[], &LABELS, RawHtml::Sanitised);
        for gone in ["<script", "alert(1)", "onclick", "javascript:", "<iframe"] {
            assert!(!clean.contains(gone), "{gone} in {clean}");
        }
        assert!(
            clean.contains("<b>vet</b>") && clean.contains("klik"),
            "{clean}"
        );
        assert!(clean.contains(r#"<h2 id="kop">Kop</h2>"#), "{clean}");
        assert!(
            clean.contains(r#"<aside class="callout callout-note" role="note">"#),
            "{clean}"
        );
        let trusted = render_html(body, &headings, &[], &LABELS, RawHtml::Trusted);
        assert!(trusted.contains("<script>alert(1)</script>"));
    }

    #[test]
    fn inline_markdown_drops_the_paragraph() {
        assert_eq!(
            render_inline("Een *korte* stap", RawHtml::Sanitised),
            "Een <em>korte</em> stap"
        );
        assert_eq!(render_inline("", RawHtml::Sanitised), "");
        assert_eq!(
            render_inline("Een <img src=x onerror=alert(1)>", RawHtml::Sanitised),
            r#"Een <img src="x">"#
        );
        assert_eq!(
            render_inline("a\n\nb", RawHtml::Trusted),
            "<p>a</p>\n<p>b</p>"
        );
    }

    #[test]
    fn tables_footnotes_and_smart_quotes() {
        let body =
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nTekst[^1] en \"citaat\".\n\n[^1]: Voetnoot.\n";
        let html = render_html(body, &[], &[], &LABELS, RawHtml::Sanitised);
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("footnote"), "{html}");
        assert!(html.contains("“citaat”"), "{html}");
    }
}
