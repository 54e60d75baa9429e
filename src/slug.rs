//! Slugs: stable, readable identifiers for URLs and heading anchors.
//!
//! Dutch-friendly: accents are dropped (`cliënt` → `client`), apostrophes
//! vanish rather than split a word (`dilemma's` → `dilemmas`), the `ĳ`
//! ligature becomes `ij`, and every other run of non-letters becomes one `-`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The slug of a piece of text, such as a heading or a file name.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.nfkd() {
        if is_combining_mark(c) || matches!(c, '\'' | '’' | '‘' | '`' | '´') {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Unique heading anchors within one page: a repeated slug gets `-2`, `-3`, …
#[derive(Default)]
pub struct AnchorSet {
    seen: std::collections::HashMap<String, usize>,
}

impl AnchorSet {
    /// A fresh anchor for a heading with this text.
    pub fn anchor_for(&mut self, heading: &str) -> String {
        let base = match slugify(heading) {
            s if s.is_empty() => "kop".to_string(),
            s => s,
        };
        self.claim(base)
    }

    /// Claims `base` (or a numbered variant of it) as an anchor.
    pub fn claim(&mut self, base: String) -> String {
        let count = self.seen.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_text_becomes_readable_slugs() {
        assert_eq!(slugify("Wat zou jij doen?"), "wat-zou-jij-doen");
        assert_eq!(slugify("Dilemma's in de wijk"), "dilemmas-in-de-wijk");
        assert_eq!(
            slugify("De cliënt met behoeften"),
            "de-client-met-behoeften"
        );
        assert_eq!(slugify("Stap 1 – Analyse"), "stap-1-analyse");
        assert_eq!(
            slugify("(F)actoren in de context"),
            "f-actoren-in-de-context"
        );
        assert_eq!(slugify("ĳverig"), "ijverig");
        assert_eq!(slugify("  --  "), "");
    }

    #[test]
    fn composed_and_decomposed_accents_give_the_same_slug() {
        assert_eq!(slugify("cli\u{00eb}nt"), slugify("clie\u{0308}nt"));
    }

    #[test]
    fn repeated_headings_get_numbered_anchors() {
        let mut set = AnchorSet::default();
        assert_eq!(set.anchor_for("Vragen"), "vragen");
        assert_eq!(set.anchor_for("Vragen"), "vragen-2");
        assert_eq!(set.anchor_for("?!"), "kop");
        assert_eq!(set.anchor_for("—"), "kop-2");
    }
}
