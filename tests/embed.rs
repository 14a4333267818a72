//! Embedding (`syndication: {embed: true}`, the default): `/embed.js`, what it reads (the
//! board's `/embed/jobs.json`, and the company and category RSS feeds) and the `/embed/`
//! pages for iframes; and the file count that reading the feeds keeps down. The script
//! itself runs in a browser test (tests/browser/embed.test.mjs).

mod common;

use common::*;
use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::Value;

fn json(built: &Built, rel: &str) -> Value {
    serde_json::from_str(&built.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn titles(listing: &Value) -> Vec<&str> {
    listing["jobs"].as_array().unwrap().iter().map(|j| j["title"].as_str().unwrap()).collect()
}

#[test]
fn the_board_file_lists_open_published_postings_newest_first() {
    let built = build_fixture("minimal", &[]);
    let all = json(&built, "embed/jobs.json");
    assert_eq!(all["version"], 1);
    assert_eq!(all["board"]["title"], "Acme Careers");
    assert_eq!(all["board"]["url"], "https://example.com/careers/");
    assert_eq!(all["url"], "https://example.com/careers/");
    // No draft, no scheduled posting, no closed one.
    assert_eq!(titles(&all), ["Senior Rust Engineer", "R&D Product Designer", "Sales Lead"]);
    assert_eq!(all["total"], 3);
    let rust = &all["jobs"][0];
    assert_eq!(rust["url"], "https://example.com/careers/jobs/rust-engineer/");
    assert_eq!(rust["company"], "Globex");
    assert_eq!(rust["company_key"], "globex");
    assert_eq!(rust["category"], "engineering");
    assert_eq!(rust["posted"], "2026-11-20");
    assert_eq!(rust["employment_types"], serde_json::json!(["Full-time", "Contract"]));
    assert!(rust["salary"].as_str().unwrap().contains("120,000"), "{rust}");
    // Compact: no description, unlike the full export.
    assert!(rust.get("description").is_none() && rust.get("body_html").is_none());
}

/// The text of every element at `path` (slash-joined qualified names from the root), with
/// entities resolved, in document order.
fn xml_texts(xml: &str, path: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let (mut open, mut out): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let mut inside = false;
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("not well-formed: {e}")) {
            Event::Start(s) => {
                open.push(s.name().into_inner().to_string());
                inside = open.join("/") == path;
                if inside {
                    out.push(String::new());
                }
            }
            Event::End(_) => {
                open.pop();
                inside = false;
            }
            Event::Text(t) if inside => out.last_mut().unwrap().push_str(&t.xml10_content()),
            Event::GeneralRef(r) if inside => {
                let c = quick_xml::escape::resolve_predefined_entity(&r).expect("predefined entity");
                out.last_mut().unwrap().push_str(c);
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

#[test]
fn company_and_category_feeds_carry_what_the_embed_shows() {
    let built = build_fixture("minimal", &[]);
    let eng = built.read("categories/engineering/feed.xml");
    let item = |name: &str| xml_texts(&eng, &format!("rss/channel/item/{name}"));
    assert_eq!(item("title"), ["Senior Rust Engineer"], "the engineering draft stays out");
    assert_eq!(item("link"), ["https://example.com/careers/jobs/rust-engineer/"]);
    assert_eq!(item("dc:creator"), ["Globex"]);
    assert_eq!(item("vacancy:category"), ["engineering"]);
    assert!(item("vacancy:salary")[0].contains("120,000"), "{eng}");
    assert_eq!(item("dc:coverage").len(), 1);
    assert_eq!(xml_texts(&eng, "rss/channel/link"), ["https://example.com/careers/categories/engineering/"]);
    // A feed that holds all its listing's postings says no total (the embed counts the
    // items) and points to no complete export.
    assert!(!eng.contains("opensearch") && !eng.contains(r#"rel="related""#), "{eng}");
    let globex = built.read("companies/globex/feed.xml");
    assert_eq!(xml_texts(&globex, "rss/channel/item/title"), ["Senior Rust Engineer"]);
    assert_eq!(xml_texts(&globex, "rss/channel/link"), ["https://example.com/careers/companies/globex/"]);
    // The feeds are the only per-term files the embed reads: no JSON beside them.
    let files = built.files();
    assert!(!files.iter().any(|f| f.starts_with("embed/categories/") || f.starts_with("embed/companies/")));
    assert!(files.contains(&"embed/jobs.json".to_string()), "{files:?}");
}

/// One page per posting, a page and a feed per company and nothing else per company:
/// the count that decides which hosts a large board fits (README, "Hosts' limits").
#[test]
fn a_board_has_one_file_per_posting_and_two_per_company() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/jobs")).unwrap();
    std::fs::write(
        root.join("config.yaml"),
        "title: Count Board\nbase_url: https://count.example/\ncheck: {allow_example_domains: true}\n",
    )
    .unwrap();
    let (postings, companies) = (40, 20);
    for i in 0..postings {
        let posting = format!(
            "---\ntitle: Job {i:02}\ncompany: {{name: Company {:02}}}\ncategory: engineering\n\
             employment_type: full-time\nlocation: {{remote: true, countries: [DE]}}\n\
             posted: 2026-01-01T00:00:{i:02}Z\napply: https://acme.example/{i}\n---\nThe job.\n",
            i % companies
        );
        std::fs::write(root.join(format!("content/jobs/job-{i:02}.md")), posting).unwrap();
    }
    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let built = Built { dir, stderr: String::new() };
    let files = built.files();
    let under = |prefix: &str| files.iter().filter(|f| f.starts_with(prefix)).count();
    assert_eq!(under("jobs/"), postings, "one page per posting");
    assert_eq!(under("companies/"), 1 + 2 * companies, "the index, then a page and a feed per company");
    assert!(!files.iter().any(|f| f.contains("company-00") && !f.starts_with("companies/")), "{files:?}");
    // What does not grow with the board: home, 1 category, 1 type, 2 locations and their
    // indexes, site-wide feeds, exports, search, embed, static files. A new file per
    // posting or per company anywhere else breaks this bound.
    let rest = files.len() - under("jobs/") - under("companies/");
    assert!(rest <= 45, "{rest} files besides postings and companies: {files:?}");
}

#[test]
fn the_script_is_published_at_the_site_root() {
    let built = build_fixture("minimal", &[]);
    let script = built.read("embed.js");
    assert!(script.contains("attachShadow"), "renders into a shadow root");
    assert!(script.contains("\"companies/\"") && script.contains("/feed.xml"), "reads the term feeds");
    assert!(!script.contains("embed/companies/"));
}

/// The strings embed.js shows, as the build wrote them into it.
fn script_strings(built: &Built) -> Value {
    let script = built.read("embed.js");
    assert!(!script.contains("/*vacancy:strings*/"), "the build replaced the placeholder");
    let start = script.find("var T = ").expect("the strings line") + "var T = ".len();
    let end = start + script[start..].find(";\n").unwrap();
    serde_json::from_str(&script[start..end]).unwrap_or_else(|e| panic!("{e}: {}", &script[start..end]))
}

#[test]
fn the_script_speaks_the_boards_language() {
    let en = script_strings(&build_fixture("minimal", &[]));
    assert_eq!(en["heading"], "Open positions");
    assert_eq!(en["all"], "All {n} positions on {site}");
    assert_eq!(en["lang"], "en");
    assert_eq!(en["site"], "Acme Careers", "the {{site}} in the \"all positions\" link");
    // German, with one string overridden in config.yaml.
    let dir = site_copy("minimal");
    let path = dir.path().join("config.yaml");
    let config = std::fs::read_to_string(&path).unwrap().replace("language: en", "language: de-AT");
    std::fs::write(&path, format!("{config}translations:\n  embed_none: Gerade nichts offen.\n")).unwrap();
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let de = script_strings(&Built { dir, stderr: stderr(&out) });
    assert_eq!(de["heading"], "Offene Stellen");
    assert_eq!(de["seeBoard"], "Zur Stellenbörse");
    assert_eq!(de["none"], "Gerade nichts offen.");
    assert_eq!(de["lang"], "de-AT");
    assert_eq!(de.as_object().unwrap().len(), en.as_object().unwrap().len());
}

#[test]
fn iframe_pages_list_the_board_and_each_category_without_being_indexed() {
    let built = build_fixture("minimal", &[]);
    let titles = built.texts("embed/index.html", "li a");
    assert_eq!(titles, ["Senior Rust Engineer", "R&D Product Designer", "Sales Lead"]);
    assert_eq!(built.attrs("embed/index.html", r#"meta[name="robots"]"#, "content"), ["noindex"]);
    assert_eq!(built.attrs("embed/index.html", "base", "target"), ["_top"], "links leave the frame");
    assert_eq!(built.texts("embed/design/index.html", "li a"), ["R&D Product Designer"]);
    assert_eq!(
        built.attrs("embed/design/index.html", "link[rel=canonical]", "href"),
        ["https://example.com/careers/categories/design/"]
    );
    assert_eq!(built.texts("embed/sales/index.html", "main p"), ["More on Acme Careers"]);
    // Not pages for search engines: the sitemap leaves them out.
    assert!(!built.read("sitemap.xml").contains("/embed/"));
}

#[test]
fn embedding_can_be_turned_off() {
    let dir = site_copy("minimal");
    let config = dir.path().join("config.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}syndication: {{embed: false}}\n")).unwrap();
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let built = Built { dir, stderr: String::new() };
    assert!(!built.files().iter().any(|f| f.starts_with("embed")), "{:?}", built.files());
}

#[test]
fn an_unknown_syndication_key_is_an_error_with_the_place() {
    let dir = site_copy("minimal");
    let config = dir.path().join("config.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    let line = text.lines().count() + 1;
    std::fs::write(&config, format!("{text}syndication: {{social_card: true}}\n")).unwrap();
    let out = build(dir.path(), &[]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains(&format!("error: config.yaml:{line}:")), "{err}");
    assert!(err.contains("social_card"), "{err}");
}

#[test]
fn the_board_file_and_pages_hold_the_newest_hundred_and_feeds_feed_limit() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/jobs")).unwrap();
    std::fs::write(
        root.join("config.yaml"),
        "title: Big Board\nbase_url: https://big.example/\ncheck: {allow_example_domains: true}\n",
    )
    .unwrap();
    for i in 0..105 {
        let posting = format!(
            "---\ntitle: Job {i:03}\ncompany: {{name: Acme}}\ncategory: engineering\n\
             employment_type: full-time\nlocation: {{remote: true, countries: [DE]}}\n\
             posted: 2026-01-01T00:{:02}:{:02}Z\napply: https://acme.example/{i}\n---\nThe job.\n",
            i / 60,
            i % 60
        );
        std::fs::write(root.join(format!("content/jobs/job-{i:03}.md")), posting).unwrap();
    }
    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let built = Built { dir, stderr: String::new() };
    let listing = json(&built, "embed/jobs.json");
    assert_eq!(listing["total"], 105);
    let titles = titles(&listing);
    assert_eq!(titles.len(), 100);
    assert_eq!((titles[0], titles[99]), ("Job 104", "Job 005"), "the newest");
    // A company's or category's list is its feed: the newest `feed_limit` (50), and the
    // count of all of them for the "All 105 positions" link.
    for feed in ["categories/engineering/feed.xml", "companies/acme/feed.xml"] {
        let xml = built.read(feed);
        let titles = xml_texts(&xml, "rss/channel/item/title");
        assert_eq!((titles.len(), titles[0].as_str()), (50, "Job 104"), "{feed}");
        assert_eq!(xml_texts(&xml, "rss/channel/opensearch:totalResults"), ["105"], "{feed}");
    }
    let page = "embed/engineering/index.html";
    assert_eq!(built.texts(page, "li").len(), 100);
    assert_eq!(built.texts(page, "p.more a"), ["All 105 positions on Big Board"]);
}
