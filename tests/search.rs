//! Search: the browser's stemmer (themes/default/static/search.js, run in
//! Node) gives the same terms as the generator's for every word form of
//! the default site, and the index is built from the pages.

mod support;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use wijzer::BuildOptions;
use wijzer::index;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every distinct word of the default site, as the index sees them.
fn site_words() -> BTreeSet<String> {
    let options = BuildOptions::new(Path::new(ROOT).join("content"), "unused");
    let (site, problems) = wijzer::load::load(&options).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let mut words = BTreeSet::new();
    for page in &site.pages {
        words.extend(index::words(&page.title));
        for passage in &page.outline.passages {
            words.extend(index::words(passage));
        }
        for heading in &page.outline.headings {
            words.extend(index::words(&heading.text));
        }
    }
    words
}

#[test]
fn the_browser_stems_every_word_of_the_site_as_the_generator_does() {
    let words: Vec<String> = site_words().into_iter().collect();
    assert!(words.len() >= 5000, "only {} word forms", words.len());
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("woorden.txt");
    std::fs::write(&list, words.join("\n")).unwrap();
    let script = format!(
        "const s = require({:?}); const fs = require('fs'); \
         const words = fs.readFileSync({:?}, 'utf8').split('\\n'); \
         process.stdout.write(words.map(w => s.stem(w)).join('\\n'));",
        Path::new(ROOT).join("themes/default/static/search.js"),
        list
    );
    let output = Command::new("node")
        .args(["-e", &script])
        .output()
        .expect("the stemmer test needs Node.js (`node`) on the PATH");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let from_browser = String::from_utf8(output.stdout).unwrap();
    let stemmer = index::dutch_stemmer();
    let mut differences = Vec::new();
    for (word, browser) in words.iter().zip(from_browser.split('\n')) {
        let generator = stemmer.stem(word);
        if generator != browser {
            differences.push(format!("{word}: generator {generator}, browser {browser}"));
        }
    }
    assert_eq!(from_browser.split('\n').count(), words.len());
    assert!(
        differences.is_empty(),
        "{} of {} words stem differently:\n{}",
        differences.len(),
        words.len(),
        differences.join("\n")
    );
    println!(
        "{} word forms stem the same in the generator and the browser",
        words.len()
    );
}
