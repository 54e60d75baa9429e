//! Any text as a Markdown body: scanned for headings and links, rendered
//! with every link rewritten and raw HTML sanitised, never a panic; no link
//! found by the scan reaches the output as written.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wijzer::markdown::{CalloutLabels, RawHtml, render_html, scan};

const LABELS: CalloutLabels = CalloutLabels {
    note: "Let op",
    tip: "Tip",
    important: "Belangrijk",
    warning: "Waarschuwing",
    caution: "Pas op",
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let outline = scan(text);
    let hrefs: Vec<String> = (0..outline.links.len()).map(|i| format!("doel-{i}.html")).collect();
    let html = render_html(text, &outline.headings, &hrefs, &LABELS, RawHtml::Sanitised);
    for link in &outline.links {
        let written = format!("href=\"{}\"", link.destination);
        if !link.destination.is_empty() && !link.destination.starts_with("doel-") {
            assert!(!html.contains(&written), "{written} was not rewritten");
        }
    }
});
