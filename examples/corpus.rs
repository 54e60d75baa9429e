//! Writes a generated site of N pages for benchmarks: every page type,
//! Dutch-like text with headings, lists, tables and links between pages (so
//! link checking and backlinks do real work), bronnen cited by every page,
//! and questionnaires. The same seed gives the same site, byte for byte.
//! With `--hugo DIR` it also writes the same pages in Hugo's layout, with a
//! minimal theme, so Hugo can build equivalent pages.
//!
//! ```sh
//! cargo run --release --example corpus -- --pages 2000 --out target/corpus [--seed 7] [--hugo target/corpus-hugo]
//! ```

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// Sections: folder, page type, share of the pages (in percent).
const SECTIONS: [(&str, &str, usize); 7] = [
    ("model", "model", 10),
    ("kaders", "kader", 15),
    ("methoden", "methode", 15),
    ("dilemmas", "dilemma", 25),
    ("begrippen", "begrip", 25),
    ("bronnen", "bron", 5),
    ("leerroutes", "leerroute", 5),
];

const WORDS: &[&str] = &[
    "professional",
    "besluit",
    "cliënt",
    "bewoner",
    "gesprek",
    "gesprekken",
    "wijkteam",
    "afweging",
    "dilemma",
    "kader",
    "frame",
    "regie",
    "eigen",
    "kracht",
    "netwerk",
    "mantelzorg",
    "gemeente",
    "organisatie",
    "team",
    "teamleider",
    "casus",
    "casusbespreking",
    "intervisie",
    "moreel",
    "beraad",
    "waarde",
    "waarden",
    "norm",
    "beleid",
    "uitvoering",
    "methode",
    "aanpak",
    "reflectie",
    "fase",
    "analyse",
    "opties",
    "keuze",
    "handelen",
    "evalueren",
    "kennis",
    "ervaring",
    "expertise",
    "vertrouwen",
    "veiligheid",
    "zelfbeschikking",
    "bescherming",
    "ondersteuning",
    "hulpvraag",
    "zorg",
    "welzijn",
    "participatie",
    "werk",
    "inkomen",
    "schulden",
    "wonen",
    "jeugd",
    "gezin",
    "samenwerking",
    "overleg",
    "verantwoording",
    "ruimte",
    "discretionaire",
    "maatwerk",
    "regels",
    "uitzondering",
    "wet",
    "professionele",
    "vakmanschap",
    "visie",
    "leren",
    "lerende",
    "praktijk",
    "onderzoek",
    "sociaal",
    "domein",
    "wijk",
    "buurt",
    "vrijwilligers",
    "informele",
    "formele",
    "partners",
    "klantmanager",
    "consulent",
    "begeleiding",
    "toegang",
    "indicatie",
    "voorziening",
    "signaal",
    "risico",
    "preventie",
    "vroegsignalering",
    "generalist",
    "specialist",
    "transformatie",
    "bakens",
    "kwestie",
    "spanning",
    "verschil",
    "perspectief",
    "overbruggen",
    "taal",
    "betekenis",
    "keukentafel",
    "huisbezoek",
    "afspraak",
    "plan",
    "doel",
    "resultaat",
    "effect",
    "kwaliteit",
    "tijd",
    "druk",
    "caseload",
    "registratie",
    "privacy",
    "gegevens",
    "toestemming",
    "escalatie",
    "vertolker",
    "model",
    "factoren",
    "context",
    "opdracht",
    "samenleving",
    "burger",
    "rol",
];
const GLUE: &[&str] = &[
    "en", "of", "met", "voor", "in", "bij", "over", "door", "van", "de", "het", "een", "die",
    "dat", "wat", "als", "maar", "ook", "naar", "om",
];

/// A small deterministic generator (xorshift64*), enough for text.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn word(&mut self) -> &'static str {
        if self.below(3) == 0 {
            GLUE[self.below(GLUE.len())]
        } else {
            WORDS[self.below(WORDS.len())]
        }
    }

    fn sentence(&mut self) -> String {
        let length = 6 + self.below(12);
        let words: Vec<&str> = (0..length).map(|_| self.word()).collect();
        capitalise(&format!("{}.", words.join(" ")))
    }

    fn title(&mut self) -> String {
        let words: Vec<&str> = (0..2 + self.below(3))
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect();
        capitalise(&words.join(" "))
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// One generated page. Its body holds links as `@@N@@`, the index of the
/// page linked to, which each output format turns into its own URL.
struct Page {
    folder: &'static str,
    kind: &'static str,
    slug: String,
    title: String,
    description: String,
    body: String,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let pages: usize = value("--pages")
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let seed: u64 = value("--seed").and_then(|v| v.parse().ok()).unwrap_or(7);
    let out = PathBuf::from(value("--out").unwrap_or_else(|| "target/corpus".into()));
    let hugo = value("--hugo").map(PathBuf::from);
    let mut random = Random(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);

    let plan = plan(pages, &mut random);
    let _ = fs::remove_dir_all(&out);
    write_site(&out, &plan, &mut random);
    if let Some(hugo) = hugo {
        let _ = fs::remove_dir_all(&hugo);
        write_hugo(&hugo, &plan);
    }
    println!("wrote {} pages to {}", plan.len(), out.display());
}

fn plan(total: usize, random: &mut Random) -> Vec<Page> {
    let counts: Vec<usize> = SECTIONS
        .iter()
        .map(|(_, _, share)| (total * share / 100).max(1))
        .collect();
    let all: usize = counts.iter().sum();
    let mut pages = Vec::new();
    for ((folder, kind, _), count) in SECTIONS.iter().zip(counts) {
        for i in 0..count {
            pages.push(Page {
                folder,
                kind,
                slug: format!("{kind}-{i:05}"),
                title: format!("{} {}", random.title(), i + 1),
                description: random.sentence(),
                body: body(random, all),
            });
        }
    }
    pages
}

/// `text` with every `@@N@@` replaced by the link to page N.
fn with_links(text: &str, plan: &[Page], link: &dyn Fn(&Page) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("@@") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find("@@").unwrap_or(0);
        let target = after[..end]
            .parse::<usize>()
            .map_or(0, |i| i.min(plan.len() - 1));
        out.push_str(&link(&plan[target]));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create a folder of the corpus");
    }
    fs::write(path, text).expect("write a file of the corpus");
}

/// The Markdown body of a page: headings, paragraphs, a list, a table and
/// links to other pages (as `@@N@@`, see [`with_links`]).
fn body(random: &mut Random, pages: usize) -> String {
    let mut text = String::new();
    for section in 0..3 + random.below(3) {
        let _ = writeln!(text, "## {} {}\n", random.title(), section + 1);
        for _ in 0..2 + random.below(2) {
            let mut paragraph = String::new();
            for _ in 0..3 + random.below(3) {
                paragraph.push_str(&random.sentence());
                paragraph.push(' ');
            }
            let _ = writeln!(
                text,
                "{paragraph}Zie ook [deze pagina](@@{}@@).\n",
                random.below(pages)
            );
        }
        if section == 1 {
            for _ in 0..4 {
                let _ = writeln!(text, "- {}", random.sentence());
            }
            text.push('\n');
        }
        if section == 2 {
            text.push_str("| aspect | toelichting |\n|---|---|\n");
            for _ in 0..3 {
                let _ = writeln!(text, "| {} | {} |", random.title(), random.sentence());
            }
            text.push('\n');
        }
    }
    text
}

fn write_site(out: &Path, plan: &[Page], random: &mut Random) {
    write(
        &out.join("site.yaml"),
        "title: \"Corpus\"\ndescription: \"Een gegenereerde site voor benchmarks.\"\nlanguage: nl\n",
    );
    write(
        &out.join("_index.md"),
        "---\ntitle: \"Corpus\"\n---\n\nEen gegenereerde site.\n",
    );
    for (weight, (folder, kind, _)) in SECTIONS.iter().enumerate() {
        let index = format!(
            "---\ntitle: \"{folder}\"\ntype: {kind}\nweight: {weight}\n---\n\nSectie {folder}.\n"
        );
        write(&out.join(folder).join("_index.md"), &index);
    }
    let bronnen: Vec<&Page> = plan.iter().filter(|p| p.kind == "bron").collect();
    let link = |p: &Page| format!("../{}/{}.md", p.folder, p.slug);
    for page in plan {
        let mut front = format!(
            "---\ntitle: \"{}\"\ndescription: \"{}\"\n",
            page.title, page.description
        );
        let related = &plan[random.below(plan.len())];
        let _ = writeln!(front, "related:\n  - {}", link(related));
        if page.kind != "bron" {
            let bron = bronnen[random.below(bronnen.len())];
            let _ = writeln!(
                front,
                "sources:\n  - bron: {}\n    locator: \"hoofdstuk {}\"",
                link(bron),
                1 + random.below(9)
            );
        }
        match page.kind {
            "dilemma" => {
                let _ = writeln!(
                    front,
                    "poles:\n  - label: \"{}\"\n    description: \"{}\"\n  - label: \"{}\"\n    description: \"{}\"",
                    random.title(),
                    random.sentence(),
                    random.title(),
                    random.sentence()
                );
            }
            "methode" => {
                let _ = writeln!(
                    front,
                    "duration: \"60 minuten\"\nsteps:\n  - \"{}\"\n  - \"{}\"",
                    random.sentence(),
                    random.sentence()
                );
            }
            "begrip" => {
                let _ = writeln!(front, "synonyms: [{}]", WORDS[random.below(WORDS.len())]);
            }
            "bron" => {
                let _ = writeln!(
                    front,
                    "citation: \"Auteur, A. ({}). {}. Utrecht.\"\nyear: {}",
                    2010 + random.below(15),
                    page.title,
                    2010 + random.below(15)
                );
            }
            "leerroute" => {
                front.push_str("steps:\n");
                for _ in 0..5 {
                    let step = &plan[random.below(plan.len())];
                    let _ = writeln!(
                        front,
                        "  - page: {}\n    note: \"{}\"",
                        link(step),
                        random.sentence()
                    );
                }
            }
            _ => {}
        }
        front.push_str("---\n\n");
        let text = front + &with_links(&page.body, plan, &link);
        write(
            &out.join(page.folder).join(format!("{}.md", page.slug)),
            &text,
        );
    }
    for i in 0..(plan.len() / 200).max(1) {
        write(
            &out.join(format!("zelfevaluaties/vragenlijst-{i:03}.yaml")),
            &questionnaire(i, bronnen[0], random),
        );
    }
}

fn questionnaire(i: usize, bron: &Page, random: &mut Random) -> String {
    let mut yaml = format!(
        "id: vragenlijst-{i:03}\nversion: 1\ntitle: \"Vragenlijst {i}\"\nintro: \"{}\"\nsource:\n  bron: ../{}/{}.md\n  locator: \"bijlage\"\n",
        random.sentence(),
        bron.folder,
        bron.slug
    );
    yaml.push_str("scales:\n  - id: eens\n    min: 1\n    max: 5\n    labels: [\"oneens\", \"eerder oneens\", \"neutraal\", \"eerder eens\", \"eens\"]\nitems:\n");
    for item in 0..12 {
        let _ = writeln!(
            yaml,
            "  - id: v{item}\n    scale: eens\n    reverse: {}\n    text: \"{}\"",
            item % 4 == 3,
            random.sentence()
        );
    }
    yaml.push_str("dimensions:\n");
    for dimension in 0..3 {
        let items: Vec<String> = (0..4).map(|k| format!("v{}", dimension * 4 + k)).collect();
        let _ = writeln!(
            yaml,
            "  - id: d{dimension}\n    title: \"Onderdeel {dimension}\"\n    items: [{}]\n    bands:\n      - from: 1\n        to: 3\n        label: \"Laag\"\n        feedback: \"{}\"\n        links: [../{}/{}.md]\n      - from: 3\n        to: 5\n        label: \"Hoog\"\n        feedback: \"{}\"",
            items.join(", "),
            random.sentence(),
            bron.folder,
            bron.slug,
            random.sentence()
        );
    }
    yaml
}

/// The same pages for Hugo: front matter Hugo reads, the same bodies with
/// links to Hugo's URLs, and a minimal theme of a page and a list template.
fn write_hugo(out: &Path, plan: &[Page]) {
    write(
        &out.join("hugo.toml"),
        "baseURL = \"https://example.org/\"\ntitle = \"Corpus\"\nlanguageCode = \"nl\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n[markup.goldmark.renderer]\nunsafe = true\n",
    );
    write(
        &out.join("layouts/_default/baseof.html"),
        "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body><nav>{{ range .Site.Sections }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ end }}</nav><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
    );
    write(
        &out.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<article><h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}{{ with .PrevInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</article>{{ end }}\n",
    );
    write(
        &out.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    );
    write(
        &out.join("content/_index.md"),
        "---\ntitle: \"Corpus\"\n---\n\nEen gegenereerde site.\n",
    );
    for (folder, _, _) in SECTIONS {
        write(
            &out.join("content").join(folder).join("_index.md"),
            &format!("---\ntitle: \"{folder}\"\n---\n"),
        );
    }
    let link = |p: &Page| format!("/{}/{}/", p.folder, p.slug);
    for page in plan {
        let front = format!(
            "---\ntitle: \"{}\"\ndescription: \"{}\"\n---\n\n",
            page.title, page.description
        );
        let text = front + &with_links(&page.body, plan, &link);
        write(
            &out.join("content")
                .join(page.folder)
                .join(format!("{}.md", page.slug)),
            &text,
        );
    }
}
