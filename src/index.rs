//! Index: the Dutch search index, built from the site's pages and shipped
//! as a script (`static/search-index.js`), so it loads from disk as well as
//! over HTTP.
//!
//! Every page is cut into passages at its headings; each passage is a
//! document. Words are lowercased, stripped of accents, split on anything
//! that is not a letter or digit, filtered by a Dutch stop list and reduced
//! by the Snowball Dutch stemmer. The browser's `search.js` does exactly the
//! same to a query (the stop list travels in the index), which a test
//! checks word for word over the default site.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use rayon::prelude::*;

use crate::content::{Page, PageKind, Role, Site};
use crate::render::OutputFile;

/// Where the index is written.
pub const INDEX_FILE: &str = "static/search-index.js";

/// How much a word counts, by where it stands.
const TITLE_WEIGHT: u32 = 10;
const HEADING_WEIGHT: u32 = 4;
const DESCRIPTION_WEIGHT: u32 = 2;
const BODY_WEIGHT: u32 = 1;
/// Characters of a passage kept for the result snippet.
const EXCERPT_CHARS: usize = 240;

/// Dutch words too common to search for (after accent removal).
pub const STOP_WORDS: &[&str] = &[
    "aan", "al", "alle", "als", "altijd", "andere", "ben", "bij", "daar", "dan", "dat", "de",
    "der", "deze", "die", "dit", "doch", "doen", "door", "dus", "een", "eens", "en", "er", "ge",
    "geen", "geweest", "haar", "had", "heb", "hebben", "heeft", "hem", "het", "hier", "hij", "hoe",
    "hun", "iemand", "iets", "ik", "in", "is", "ja", "je", "kan", "kon", "kunnen", "maar", "me",
    "meer", "men", "met", "mij", "mijn", "moet", "na", "naar", "niet", "niets", "nog", "nu", "of",
    "om", "omdat", "ons", "onze", "ook", "op", "over", "reeds", "te", "tegen", "toch", "toen",
    "tot", "u", "uit", "uw", "van", "veel", "voor", "want", "waren", "was", "wat", "we", "wel",
    "werd", "wezen", "wie", "wij", "wil", "worden", "wordt", "zal", "ze", "zei", "zelf", "zich",
    "zij", "zijn", "zo", "zonder", "zou",
];

/// The words of a text as the index sees them: lowercase, without accents,
/// split on everything that is not a letter or digit, at least two
/// characters long.
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_string)
        .collect()
}

/// Lowercase, with the combining accents (U+0300 to U+036F) removed after
/// canonical decomposition: `Cliënt` becomes `client`.
fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.to_lowercase()
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect()
}

/// The index terms of a text: its words without stop words, stemmed.
pub fn terms(stemmer: &Stemmer, text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| !is_stop_word(w))
        .map(|w| stemmer.stem(&w).into_owned())
        .collect()
}

pub fn dutch_stemmer() -> Stemmer {
    Stemmer::create(Algorithm::Dutch)
}

/// The index as `search.js` reads it.
#[derive(Debug, Serialize)]
struct Index<'a> {
    /// Per page: title, URL, kind, and the title's terms (to spot a
    /// query that is exactly the title).
    pages: Vec<(&'a str, &'a str, PageKind, String)>,
    /// Per passage: page, heading anchor, heading text, excerpt, length in terms.
    docs: Vec<(usize, &'a str, &'a str, String, u32)>,
    /// Per term: flat pairs of (document, weight), documents delta-encoded.
    terms: BTreeMap<&'a str, Postings<'a>>,
    stop_words: &'static [&'static str],
    /// The label of each page type, in the site's language.
    kinds: BTreeMap<&'static str, String>,
}

/// The documents of a term, in order, written as flat (document delta,
/// weight) pairs without building that list first.
#[derive(Debug)]
struct Postings<'a>(&'a [(u32, u32)]);

impl Serialize for Postings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.0.len() * 2))?;
        let mut previous = 0;
        for &(doc, weight) in self.0 {
            seq.serialize_element(&(doc - previous))?;
            seq.serialize_element(&weight)?;
            previous = doc;
        }
        seq.end()
    }
}

/// A term, shared rather than copied: the same stem occurs many times.
type Term = Arc<str>;

/// Index terms with a cache: each distinct word is stemmed once.
struct Terms {
    stemmer: Stemmer,
    stems: HashMap<String, Term>,
}

impl Terms {
    fn new() -> Terms {
        Terms {
            stemmer: dutch_stemmer(),
            stems: HashMap::new(),
        }
    }

    /// Calls `found` with every term of `text`, in order.
    fn each(&mut self, text: &str, mut found: impl FnMut(&Term)) {
        let folded = fold(text);
        for word in folded.split(|c: char| !c.is_alphanumeric()) {
            if word.chars().nth(1).is_none() || is_stop_word(word) {
                continue;
            }
            match self.stems.get(word) {
                Some(term) => found(term),
                None => {
                    let term: Term = Arc::from(self.stemmer.stem(word).as_ref());
                    found(&term);
                    self.stems.insert(word.to_string(), term);
                }
            }
        }
    }

    /// The terms of a text, joined by spaces.
    fn joined(&mut self, text: &str) -> String {
        let mut all: Vec<Term> = Vec::new();
        self.each(text, |t| all.push(t.clone()));
        all.join(" ")
    }
}

fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// A page as the index sees it.
struct IndexedPage<'a> {
    page: &'a Page,
    title_terms: String,
    passages: Vec<Passage<'a>>,
}

/// A passage of a page: its heading, what a result shows of it, and the
/// summed weight of each of its terms.
struct Passage<'a> {
    anchor: &'a str,
    heading: &'a str,
    excerpt: String,
    weights: HashMap<Term, u32>,
    length: u32,
}

fn index_page<'a>(page: &'a Page, terms: &mut Terms) -> IndexedPage<'a> {
    let mut fields: Vec<(&str, u32)> = vec![(&page.title, TITLE_WEIGHT)];
    fields.extend(page.description.as_deref().map(|d| (d, DESCRIPTION_WEIGHT)));
    // Tags and a begrip's synonyms find the page as well as its title does.
    let front = page.front();
    let synonyms = front
        .and_then(|f| f.synonyms.as_ref())
        .map(|s| s.value.join(" "));
    let tags =
        front.map(|f| f.tags.join(" ")).unwrap_or_default() + " " + &synonyms.unwrap_or_default();
    fields.push((&tags, DESCRIPTION_WEIGHT));
    let intro = page
        .assessment()
        .and_then(|a| a.intro.as_ref())
        .map(|i| i.value.as_str());
    let texts = &page.outline.passages;
    let first = intro.unwrap_or(texts.first().map_or("", String::as_str));
    // The first passage is shown by its description when it has one.
    let lead = page.description.as_deref().unwrap_or(first);
    let mut sections = vec![("", "", first, lead, fields)];
    for (heading, text) in page.outline.headings.iter().zip(texts.iter().skip(1)) {
        let fields = vec![(heading.text.as_str(), HEADING_WEIGHT)];
        sections.push((&heading.anchor, &heading.text, text, text, fields));
    }
    let passages = sections
        .into_iter()
        .map(|(anchor, heading, text, shown, mut fields)| {
            fields.push((text, BODY_WEIGHT));
            let mut weights: HashMap<Term, u32> = HashMap::new();
            let mut length = 0;
            for (field, weight) in fields {
                terms.each(field, |term| {
                    match weights.get_mut(term) {
                        Some(sum) => *sum += weight,
                        None => {
                            weights.insert(term.clone(), weight);
                        }
                    }
                    length += 1;
                });
            }
            Passage {
                anchor,
                heading,
                excerpt: excerpt(shown),
                weights,
                length,
            }
        })
        .collect();
    IndexedPage {
        page,
        title_terms: terms.joined(&page.title),
        passages,
    }
}

/// Builds the search index of the site as a script file. Pages are
/// analysed in parallel, then numbered in site order, so the index is the
/// same on every run.
pub fn index(site: &Site) -> OutputFile {
    let searchable: Vec<&Page> = site.pages.iter().filter(|p| p.role != Role::Home).collect();
    let indexed: Vec<IndexedPage> = searchable
        .par_iter()
        .map_init(Terms::new, |terms, page| index_page(page, terms))
        .collect();
    let mut pages = Vec::new();
    let mut docs = Vec::new();
    let mut postings: HashMap<Term, Vec<(u32, u32)>> = HashMap::new();
    for IndexedPage {
        page,
        title_terms,
        passages,
    } in indexed
    {
        let page_id = pages.len();
        pages.push((
            page.title.as_str(),
            page.url.as_str(),
            page.kind,
            title_terms,
        ));
        for passage in passages.into_iter().filter(|p| p.length > 0) {
            let doc = docs.len() as u32;
            for (term, weight) in passage.weights {
                postings.entry(term).or_default().push((doc, weight));
            }
            docs.push((
                page_id,
                passage.anchor,
                passage.heading,
                passage.excerpt,
                passage.length,
            ));
        }
    }
    // Documents were numbered in order, so every list is sorted already.
    let terms = postings
        .iter()
        .map(|(term, list)| (term.as_ref(), Postings(list)))
        .collect();
    let kinds = PageKind::ALL
        .iter()
        .map(|k| {
            let label = site.theme.text(&format!("kind_{}", k.as_str())).to_string();
            (k.as_str(), label)
        })
        .collect::<BTreeMap<_, _>>();
    let index = Index {
        pages,
        docs,
        terms,
        stop_words: STOP_WORDS,
        kinds,
    };
    let mut bytes = b"window.WIJZER_SEARCH_INDEX=".to_vec();
    if serde_json::to_writer(&mut bytes, &index).is_err() {
        bytes.extend_from_slice(b"null");
    }
    bytes.extend_from_slice(b";\n");
    OutputFile {
        path: INDEX_FILE.to_string(),
        bytes: escape_less_than(bytes),
    }
}

/// Writes every `<` (which JSON has only inside strings) as `\u003c`, so
/// no text in the index can end a script element. Copies only if needed.
fn escape_less_than(bytes: Vec<u8>) -> Vec<u8> {
    if !bytes.contains(&b'<') {
        return bytes;
    }
    let mut escaped = Vec::with_capacity(bytes.len() + 64);
    for byte in bytes {
        match byte {
            b'<' => escaped.extend_from_slice(b"\\u003c"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// The start of a passage, whitespace collapsed, cut at a word boundary.
fn excerpt(text: &str) -> String {
    let mut out = String::with_capacity(EXCERPT_CHARS + 8);
    let mut chars = 0;
    for word in text.split_whitespace() {
        let length = word.chars().count();
        if chars + length > EXCERPT_CHARS {
            out.push_str(" …");
            break;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += length;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_split() {
        let found = words("Gesprekken met cliënten, dilemma's & de T-shaped professional (2017)");
        assert_eq!(
            found,
            [
                "gesprekken",
                "met",
                "clienten",
                "dilemma",
                "de",
                "shaped",
                "professional",
                "2017"
            ]
        );
    }

    #[test]
    fn decomposed_accents_fold_like_composed_ones() {
        assert_eq!(words("clie\u{308}nt"), ["client"]);
    }

    #[test]
    fn terms_drop_stop_words_and_stem_dutch() {
        let stemmer = dutch_stemmer();
        let found = terms(
            &stemmer,
            "De gesprekken met cliënten over dilemma's en bakens",
        );
        assert_eq!(found, ["gesprek", "client", "dilemma", "baken"]);
        let same =
            |a: &str, b: &str| assert_eq!(terms(&stemmer, a), terms(&stemmer, b), "{a} / {b}");
        same("gesprek", "gesprekken");
        same("dilemma", "dilemma's");
        same("cliënt", "client");
        same("beslissingen", "beslissing");
        same("professionals", "professional");
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stop_word("het") && !is_stop_word("regie"));
    }

    #[test]
    fn the_index_uses_the_same_terms_as_terms() {
        let text = "De gesprekken met cliënten over dilemma's, en één T-shaped professional.";
        assert_eq!(
            Terms::new().joined(text),
            terms(&dutch_stemmer(), text).join(" ")
        );
    }

    #[test]
    fn less_than_signs_are_escaped_in_the_index() {
        assert_eq!(
            escape_less_than(br#"{"t":"a</script>"}"#.to_vec()),
            br#"{"t":"a\u003c/script>"}"#.to_vec()
        );
        assert_eq!(escape_less_than(b"[1,2]".to_vec()), b"[1,2]".to_vec());
    }

    #[test]
    fn postings_are_written_as_delta_and_weight_pairs() {
        let json = serde_json::to_string(&Postings(&[(2, 5), (7, 1), (7, 3)])).unwrap();
        assert_eq!(json, "[2,5,5,1,0,3]");
    }

    #[test]
    fn excerpts_stop_at_a_word_boundary() {
        let long = "woord ".repeat(100);
        let cut = excerpt(&long);
        assert!(
            cut.ends_with(" …") && cut.chars().count() <= EXCERPT_CHARS + 2,
            "{cut}"
        );
        assert_eq!(excerpt("  kort \n stuk "), "kort stuk");
    }
}
