//! Languages: the example site built in English and in German. Every string of the German
//! table that differs from its English counterpart shows wherever the English one shows in
//! the English build, and no such English string is left in the German build.

mod common;

use common::{Built, build, build_fixture, site_copy, stderr};
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

fn table(lang: &str) -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("themes/default/i18n/{lang}.yaml"));
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The country names of `lang` from the generated CLDR table, as `country_xx` entries (the
/// form of their `translations:` keys).
fn countries(lang: &str) -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n/country_names.rs");
    let text = std::fs::read_to_string(path).unwrap();
    let start = text.find(&format!("pub static {}:", lang.to_uppercase())).expect("a table per language");
    let block = &text[start..start + text[start..].find("];").unwrap()];
    let entry = Regex::new(r#"\("([A-Z]{2})", "([^"]+)"\)"#).unwrap();
    let names: BTreeMap<String, String> = entry
        .captures_iter(block)
        .map(|c| (format!("country_{}", c[1].to_ascii_lowercase()), c[2].to_string()))
        .collect();
    assert_eq!(names.len(), 249, "every ISO 3166-1 code");
    names
}

/// The theme's strings and the country names: everything a German build must show in German.
fn all_strings(lang: &str) -> BTreeMap<String, String> {
    let mut all = table(lang);
    all.extend(countries(lang));
    all
}

/// The example site (the repository root) in `language`, drafts included so the draft
/// banner and badges are rendered too.
fn example(language: &str) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = std::fs::read_to_string(root.join("config.yaml")).unwrap();
    assert!(config.contains("\nlanguage: en\n"), "the example's config sets `language: en`");
    let config = config.replace("\nlanguage: en\n", &format!("\nlanguage: {language}\n"));
    std::fs::write(dir.path().join("config.yaml"), config).unwrap();
    for folder in ["content", "static"] {
        common::copy_dir(&root.join(folder), &dir.path().join(folder));
    }
    let out = build(dir.path(), &["--drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    Built { dir, stderr: stderr(&out) }
}

/// A pattern for where a table string shows in a page's text: its words literally,
/// each `{placeholder}` standing for some text and markup dropped; a month list gives one
/// pattern per name. `None` for strings that are all placeholders and punctuation.
fn patterns(key: &str, text: &str) -> Vec<Regex> {
    let texts: Vec<String> = if key.starts_with("months") {
        text.split(',').map(|m| m.trim().to_string()).collect()
    } else {
        vec![text.to_string()]
    };
    texts.iter().filter_map(|t| pattern(t)).collect()
}

fn pattern(text: &str) -> Option<Regex> {
    let (mut re, mut literal) = (String::new(), String::new());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(end) = (c == '<').then(|| rest.find('>')).flatten() {
            rest = &rest[end + 1..];
        } else if let Some(end) = (c == '{').then(|| rest.find('}')).flatten() {
            // Counts and page numbers are digits; names and dates are any text on the line.
            let name = &rest[1..end];
            re.push_str(if ["n", "current", "total"].contains(&name) { "[0-9][0-9.,]*" } else { "[^\\n]+?" });
            rest = &rest[end + 1..];
        } else {
            re.push_str(&regex::escape(&c.to_string()));
            literal.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if literal.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return None;
    }
    // Whole words only: "open" is not found in "opens".
    let start = if text.starts_with(char::is_alphanumeric) { "(?:^|\\W)" } else { "" };
    let end = if text.ends_with(char::is_alphanumeric) { "(?:\\W|$)" } else { "" };
    Some(Regex::new(&format!("(?m){start}{}{end}", re.trim())).unwrap())
}

/// What a reader sees of a page, theme text only: visible text and the attributes read out
/// (aria-label, placeholder, alt, title), without the postings' own words (bodies,
/// summaries, titles and names come from the content, which is in English; `a.title` are
/// the posting titles of the /embed/ pages). Pages whose `<title>` and `<h1>` the build
/// writes (listings, indexes, the 404) have those too; a posting's are its own title.
fn theme_text(html: &str, own_title: bool) -> String {
    let doc = Html::parse_document(html);
    let skip = Selector::parse(
        "head, .prose, .card-summary, .card-title, .card header p, script, style, h1, .breadcrumbs li:last-child, \
         .related-list li, .job-company, .lede, .site-title, .site-nav, .footer-org, title, \
         .page-header-row .feed-link, a.title, .term > p",
    )
    .unwrap();
    let skipped: std::collections::HashSet<_> = doc.select(&skip).map(|e| e.id()).collect();
    let mut out = String::new();
    if !own_title {
        for heading in doc.select(&Selector::parse("title, h1").unwrap()) {
            out.push_str(&heading.text().collect::<String>());
            out.push('\n');
        }
    }
    walk(doc.root_element(), &|e| skipped.contains(&e.id()), &mut out);
    out
}

/// A feed's own texts: the channel's title and description (RSS), title and subtitle
/// (Atom), title and description (JSON Feed), less the descriptions the site wrote itself
/// (`content`); the items are the postings' words.
fn feed_text(path: &str, body: &str, content: &HashSet<String>) -> String {
    let texts: Vec<String> = if path.ends_with(".json") {
        let feed: serde_json::Value = serde_json::from_str(body).unwrap();
        ["title", "description"].iter().map(|k| feed[k].as_str().unwrap_or("").to_string()).collect()
    } else {
        let head = &body[..body.find("<item>").or_else(|| body.find("<entry>")).unwrap_or(body.len())];
        let element = Regex::new(r"<(title|description|subtitle)>([^<]*)</").unwrap();
        element.captures_iter(head).map(|c| quick_unescape(&c[2])).collect()
    };
    texts.into_iter().filter(|t| !content.contains(t.trim())).map(|t| t + "\n").collect()
}

/// The descriptions the example writes itself (the site's, its categories', its
/// companies'): content in English, which feeds carry as channel descriptions.
fn site_descriptions() -> HashSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let yaml =
        |p: &Path| serde_yaml::from_str::<serde_yaml::Value>(&std::fs::read_to_string(p).unwrap()).unwrap();
    let config = yaml(&root.join("config.yaml"));
    let mut docs = vec![config.clone()];
    docs.extend(config["categories"].as_sequence().cloned().unwrap_or_default());
    for entry in std::fs::read_dir(root.join("content/companies")).unwrap() {
        docs.push(yaml(&entry.unwrap().path()));
    }
    docs.iter().filter_map(|d| d["description"].as_str()).map(|d| d.trim().to_string()).collect()
}

fn quick_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn walk(el: ElementRef, skipped: &dyn Fn(&ElementRef) -> bool, out: &mut String) {
    if skipped(&el) {
        return;
    }
    for attr in ["aria-label", "placeholder", "alt", "title"] {
        if let Some(v) = el.value().attr(attr) {
            out.push_str(v);
            out.push('\n');
        }
    }
    // Without scripting, the parser keeps <noscript> as text: read it as the HTML it is.
    if el.value().name() == "noscript" {
        let inner = Html::parse_fragment(&el.text().collect::<String>());
        walk(inner.root_element(), skipped, out);
        return;
    }
    let block = BLOCKS.contains(&el.value().name());
    if block {
        out.push('\n');
    }
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(&t.replace('\n', " ")),
            Node::Element(_) => walk(ElementRef::wrap(child).unwrap(), skipped, out),
            _ => {}
        }
    }
    if block {
        out.push('\n');
    }
}

/// Elements that start a line of text; the text inside others runs on, as it reads.
const BLOCKS: &[&str] = &[
    "p", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "section", "header", "footer", "nav",
    "ul", "ol", "dl", "article", "aside", "details", "summary", "label", "button", "option", "form", "main",
];

/// The text a reader gets from every file of the build that speaks to people: each
/// page, each feed's channel texts, the search index's country names, embed.js's strings
/// and the labels of the embed listings.
fn pages(built: &Built) -> BTreeMap<String, String> {
    let content_pages = ["about-us/", "how-we-hire/"];
    let descriptions = site_descriptions();
    built
        .files()
        .into_iter()
        .filter_map(|f| {
            let feed = f.ends_with("feed.xml") || f.ends_with("atom.xml") || f.ends_with("feed.json");
            let embed_json = f.starts_with("embed/") && f.ends_with(".json");
            if !(f.ends_with(".html") || feed || embed_json || f == "search/index.json" || f == "embed.js") {
                return None;
            }
            let body = built.read(&f);
            let text = if f.ends_with(".html") {
                let own_title = f.starts_with("jobs/") || content_pages.iter().any(|p| f.starts_with(p));
                theme_text(&body, own_title)
            } else if feed {
                feed_text(&f, &body, &descriptions)
            } else if f == "search/index.json" {
                let index: serde_json::Value = serde_json::from_str(&body).unwrap();
                let names = index["tables"]["countries"].as_object().expect("the country table");
                names.values().map(|n| format!("{}\n", n.as_str().unwrap())).collect()
            } else if embed_json {
                // The labels Vacancy writes for each job; the rest is the postings' words.
                let listing: serde_json::Value = serde_json::from_str(&body).unwrap();
                let mut labels = String::new();
                for job in listing["jobs"].as_array().unwrap() {
                    let types = job["employment_types"].as_array().unwrap().iter().filter_map(|t| t.as_str());
                    for label in
                        [job["location"].as_str(), job["salary"].as_str()].into_iter().flatten().chain(types)
                    {
                        labels.push_str(label);
                        labels.push('\n');
                    }
                }
                labels
            } else if f == "embed.js" {
                // The first JSON object in the script that parses as strings with a heading.
                let strings = body
                    .match_indices('{')
                    .filter_map(|(i, _)| {
                        let mut objects = serde_json::Deserializer::from_str(&body[i..]).into_iter();
                        objects.next()?.ok()
                    })
                    .find(|m: &BTreeMap<String, String>| m.contains_key("heading"))
                    .expect("embed.js carries its strings as a JSON object");
                // `data-company` is the attribute's name, the same in every language.
                let attribute = Regex::new(r"data-[a-z]+").unwrap();
                strings.values().map(|v| format!("{}\n", attribute.replace_all(v, ""))).collect()
            } else {
                unreachable!("filtered above")
            };
            Some((f, text))
        })
        .collect()
}

/// The strings the scripts get, from the home page's `#vacancy-strings` block.
fn js_strings(built: &Built) -> serde_json::Map<String, serde_json::Value> {
    let doc = built.html("index.html");
    let el =
        doc.select(&Selector::parse("script#vacancy-strings").unwrap()).next().expect("#vacancy-strings");
    serde_json::from_str(&el.text().collect::<String>()).unwrap()
}

#[test]
fn the_german_example_shows_every_german_string_and_no_english_one() {
    let (en_table, de_table) = (all_strings("en"), all_strings("de"));
    let (en, de) = (example("en"), example("de"));
    let (en_pages, de_pages) = (pages(&en), pages(&de));
    assert_eq!(en_pages.keys().collect::<Vec<_>>(), de_pages.keys().collect::<Vec<_>>());
    let (en_js, de_js) = (js_strings(&en), js_strings(&de));
    let mut shown = 0;
    let mut problems = Vec::new();
    for (key, de_text) in &de_table {
        let en_text = &en_table[key];
        if en_text == de_text {
            continue;
        }
        if let Some(js_key) = key.strip_prefix("js_") {
            let camel = js_key.split('_').enumerate().fold(String::new(), |mut s, (i, w)| {
                if i == 0 {
                    s.push_str(w);
                } else {
                    s.extend(w.chars().next().map(|c| c.to_ascii_uppercase()));
                    s.push_str(&w[1..]);
                }
                s
            });
            assert_eq!(en_js[&camel], en_text.as_str(), "{key} in the English script strings");
            assert_eq!(de_js[&camel], de_text.as_str(), "{key} in the German script strings");
            continue;
        }
        let (en_res, de_res) = (patterns(key, en_text), patterns(key, de_text));
        // A short English string can show inside a longer one ("Apply by" in "Apply by email",
        // "{name} jobs" in "Search jobs"): the German build need not show its German one there.
        // Such strings are only checked for not being left in the German build.
        let ambiguous = key.starts_with("months")
            || en_table.iter().any(|(k, v)| k != key && v.contains(en_text.as_str()))
            || (en_text.starts_with('{') || en_text.ends_with('}'))
                && en_text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 1).count() <= 2;
        assert_eq!(en_res.len(), de_res.len(), "{key}: as many patterns in both languages");
        for (en_re, de_re) in en_res.iter().zip(&de_res) {
            // Where the English build shows the English string, the German build shows the German one.
            // The search index's text is its country table: only country names are checked there.
            let checked = |page: &str| page != "search/index.json" || key.starts_with("country_");
            for (page, en_page) in en_pages.iter().filter(|(p, _)| checked(p)) {
                if let Some(m) = en_re.find(en_page).filter(|_| !ambiguous) {
                    shown += 1;
                    if !de_re.is_match(&de_pages[page]) {
                        problems.push(format!(
                            "{page}: `{key}` shows in English ({:?}) but not in German ({de_re})",
                            m.as_str()
                        ));
                    }
                }
            }
            // And the English string is left nowhere in the German build.
            let german_month = |m: &str| {
                ["months", "months_short"]
                    .iter()
                    .any(|k| de_table[*k].split(',').any(|d| d.trim() == m.trim()))
            };
            // A German country name may hold the English one ("Brunei Darussalam").
            if key.starts_with("country_") && en_re.is_match(de_text) {
                continue;
            }
            for (page, de_page) in de_pages.iter().filter(|(p, _)| checked(p)) {
                if let Some(m) =
                    en_re.find(de_page).filter(|m| !(key.starts_with("months") && german_month(m.as_str())))
                {
                    problems
                        .push(format!("{page}: English `{key}` left in the German build: {:?}", m.as_str()));
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    // The comparison must have had something to compare: the example shows dozens of strings.
    assert!(shown > 100, "only {shown} strings were found in the English build");
}

#[test]
fn german_dates_amounts_and_labels_on_a_posting_and_the_same_json_ld() {
    let (en, de) = (example("en"), example("de"));
    let page = "jobs/analytics-engineer/index.html";
    let salary = ".job-header .fact-salary";
    assert_eq!(en.texts(page, salary), ["CAD 85 – 100 per hour"]);
    assert_eq!(de.texts(page, salary), ["85 – 100 CA$ pro Stunde"]);
    let posted = ".job-details time";
    assert_eq!(en.texts(page, posted), ["21 Oct 2026", "31 Mar 2027"]);
    assert_eq!(de.texts(page, posted), ["21. Oktober 2026", "31. März 2027"]);
    assert_eq!(de.texts(page, ".job-cta a"), ["Jetzt bewerben"]);
    assert_eq!(de.attrs("index.html", "html", "lang"), ["de"]);
    // The social card's alt text (the example has social cards on) and the embed page.
    let alt = r#"meta[property="og:image:alt"]"#;
    assert_eq!(en.attrs(page, alt, "content"), ["Analytics Engineer, Contract to Hire at Northwind Freight"]);
    assert_eq!(
        de.attrs(page, alt, "content"),
        ["Analytics Engineer, Contract to Hire bei Northwind Freight"]
    );
    assert!(de.read("embed/index.html").contains("85 – 100 CA$ pro Stunde"), "embed lines in German");
    // JSON-LD is for machines: the same in every language, country names included.
    assert_eq!(en.jsonld(page), de.jsonld(page));
    let eu = "jobs/backend-engineer-go/index.html";
    assert_eq!(en.jsonld(eu), de.jsonld(eu));

    // Country names: the location index in the language's alphabetical order (Ö with the O's),
    // page titles, feed titles, a region's folded list and the search facet's labels.
    let index = "locations/index.html";
    assert_eq!(
        de.texts(index, ".term-name"),
        [
            "Remote",
            "Deutschland",
            "Irland",
            "Kanada",
            "Niederlande",
            "Österreich",
            "Portugal",
            "Schweiz",
            "Vereinigte Staaten",
            "Vereinigtes Königreich"
        ]
    );
    assert_eq!(
        en.texts(index, ".term-name"),
        [
            "Remote",
            "Austria",
            "Canada",
            "Germany",
            "Ireland",
            "Netherlands",
            "Portugal",
            "Switzerland",
            "United Kingdom",
            "United States"
        ]
    );
    assert_eq!(de.texts("locations/at/index.html", "title"), ["Jobs in Österreich – Lumen Labs Careers"]);
    assert_eq!(de.attrs("locations/at/index.html", "html", "lang"), ["de"]);
    let feed = de.read("locations/gb/feed.xml");
    assert!(feed.contains("<title>Lumen Labs Careers: Jobs in Vereinigtes Königreich</title>"), "{feed}");
    assert!(
        feed.contains("<description>Jobs in Vereinigtes Königreich bei Lumen Labs Careers</description>")
    );
    assert!(feed.contains("<language>de</language>"), "{feed}");
    let eu_list = de.texts(eu, ".open-to .region summary");
    assert_eq!(eu_list, ["EU (27 Länder)"]);
    let members = de.texts(eu, ".open-to .region p");
    assert!(members[0].starts_with("Belgien, Bulgarien, Dänemark, Deutschland,"), "{members:?}");
    assert!(members[0].contains(", Niederlande, Österreich, Polen,"), "{members:?}");
    let search: serde_json::Value = serde_json::from_str(&de.read("search/index.json")).unwrap();
    assert_eq!(search["tables"]["countries"]["GB"], "Vereinigtes Königreich");
    assert_eq!(search["tables"]["countries"]["US"], "Vereinigte Staaten");
}

#[test]
fn translations_override_single_strings() {
    let dir = site_copy("minimal");
    let config = dir.path().join("config.yaml");
    let text = std::fs::read_to_string(&config).unwrap().replace("language: en", "language: de")
        + "translations:\n  apply_by_email: Schreib uns\n  js_none: Nichts gefunden.\n  country_US: USA\n  region_eu: Europäische Union\n";
    std::fs::write(&config, text).unwrap();
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let built = Built { dir, stderr: stderr(&out) };
    let posting =
        built.files().into_iter().find(|f| f.starts_with("jobs/") && f.ends_with("index.html")).unwrap();
    let apply = built.texts(&posting, "a.button");
    assert!(apply.iter().any(|t| t == "Schreib uns"), "{apply:?}");
    // Strings without an override keep the German table's.
    assert_eq!(built.texts(&posting, "#job-details-title"), ["Details zur Stelle"]);
    assert_eq!(js_strings(&built)["none"], "Nichts gefunden.");
    // Country and region names are overridden by code, wherever they show.
    assert_eq!(built.texts("locations/us/index.html", "h1"), ["Jobs in USA"]);
    let names = built.texts("locations/index.html", ".term-name");
    assert!(names.contains(&"USA".to_string()) && names.contains(&"Kanada".to_string()), "{names:?}");
    let rust = built.read("jobs/rust-engineer/index.html");
    assert!(rust.contains(">USA<") && !rust.contains("Vereinigte Staaten"), "the override everywhere");
    let old = built.read("jobs/old-role/index.html");
    assert!(old.contains("Europäische Union"), "{old}");
}

#[test]
fn unknown_translation_keys_are_errors_with_a_suggestion() {
    let dir = site_copy("minimal");
    let config = dir.path().join("config.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    let line = text.lines().count() + 2;
    std::fs::write(&config, text + "translations:\n  apply_now: Go\n  aply_by_email: Mail us\n").unwrap();
    let out = build(dir.path(), &[]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    let expected = format!(
        "error: config.yaml:{}:3: translations.aply_by_email: unknown translation key\n  help: did you mean `apply_by_email`?",
        line + 1
    );
    assert!(err.contains(&expected), "expected\n{expected}\nin\n{err}");
}

#[test]
fn an_english_build_is_unchanged_by_the_tables() {
    // The English table reproduces the theme's English wording (spot checks).
    let built = build_fixture("minimal", &[]);
    let html = built.read("index.html");
    assert!(html.contains("open positions") || html.contains("open position"), "{html}");
    assert_eq!(built.texts("index.html", ".skip-link"), ["Skip to content"]);
}

#[test]
fn the_empty_board_in_german_fills_its_placeholders() {
    let dir = site_copy("minimal");
    std::fs::remove_dir_all(dir.path().join("content/jobs")).unwrap();
    let config = dir.path().join("config.yaml");
    let text = std::fs::read_to_string(&config).unwrap().replace("language: en", "language: de");
    std::fs::write(&config, text).unwrap();
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let built = Built { dir, stderr: stderr(&out) };
    assert_eq!(built.texts("index.html", ".empty-board h2"), ["Zurzeit keine offenen Stellen"]);
    let paras = built.texts("index.html", ".empty-board p");
    assert!(
        paras.contains(
            &"Acme Corp stellt im Moment nicht ein. Neue Stellen erscheinen zuerst auf dieser Seite."
                .to_string()
        ),
        "{paras:?}"
    );
    // An `_html` string keeps its link; the values put into it are escaped text.
    assert_eq!(built.attrs("index.html", ".empty-board p a:not(.button)", "href"), ["https://acme.example"]);
    assert!(paras.contains(&"Bis dahin: mehr über Acme Corp erfahren.".to_string()), "{paras:?}");
}
