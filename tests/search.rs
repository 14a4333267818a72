//! The search index the build writes (`search/index.json` + shards) and the search UI hooks.

mod common;

use common::{Built, NOW, build, site_copy, stderr};
use serde_json::{Value, json};
use std::path::Path;

/// A posting open worldwide and one open to the EU and a city, with a tag that needs encoding.
const EXTRA: &[(&str, &str)] = &[
    (
        "anywhere.md",
        "---\ntitle: Docs Writer\ncategory: design\nemployment_type: contract\nlocation: {remote: true, countries: [worldwide]}\nposted: 2026-11-25\napply: https://acme.example/a\ntags: [c++, writing]\n---\nWrite docs.\n",
    ),
    (
        "europe.md",
        "---\ntitle: Platform Engineer\ncategory: engineering\nemployment_type: full-time\nlocation: {remote: true, countries: [EU], places: [{city: Oslo, country: NO}]}\nposted: 2026-11-26\napply: https://acme.example/b\n---\nRun the platform.\n",
    ),
];

fn write_postings(root: &Path, postings: &[(&str, &str)]) {
    for (name, text) in postings {
        std::fs::write(root.join("content/jobs").join(name), text).unwrap();
    }
}

fn set_config(root: &Path, extra: &str) {
    let path = root.join("config.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(path, format!("{text}{extra}")).unwrap();
}

fn built(config: &str, now: &str) -> Built {
    let dir = site_copy("minimal");
    write_postings(dir.path(), EXTRA);
    set_config(dir.path(), config);
    let out = common::vacancy(&["build", "--root", dir.path().to_str().unwrap(), "--now", now]);
    assert!(out.status.success(), "{}", stderr(&out));
    Built { dir, stderr: stderr(&out) }
}

fn json(b: &Built, rel: &str) -> Value {
    serde_json::from_str(&b.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Column `name` of the records as a list.
fn column<'a>(shard: &'a Value, name: &str) -> &'a Vec<Value> {
    shard[name].as_array().unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn index_has_one_record_per_open_posting_newest_first() {
    let b = built("", NOW);
    let m = json(&b, "search/index.json");
    let shard = json(&b, "search/0.json");
    // Open: the two extra postings, rust-engineer, designer, sales-lead (not the draft,
    // the scheduled role or the closed one).
    let slugs = column(&shard, "slug");
    assert_eq!(
        slugs,
        &vec![
            json!("europe"),
            json!("anywhere"),
            json!("rust-engineer"),
            json!("designer"),
            json!("sales-lead")
        ]
    );
    assert_eq!(m["count"], 5);
    assert_eq!(m["shards"], json!(["/careers/search/0.json"]));
    assert_eq!(m["jobs"], "/careers/jobs/");
    assert_eq!(m["companies"], "/careers/companies/");
    // Every column has one entry per record.
    for (name, col) in shard.as_object().unwrap() {
        assert_eq!(col.as_array().unwrap().len(), 5, "column {name}");
    }
    // Each open posting's page exists where the records say.
    for slug in slugs {
        assert!(b.exists(&format!("jobs/{}/index.html", slug.as_str().unwrap())));
    }
}

#[test]
fn records_carry_the_card_texts_and_facet_keys() {
    let b = built("", NOW);
    let m = json(&b, "search/index.json");
    let shard = json(&b, "search/0.json");
    let i = 2; // rust-engineer
    let tables = &m["tables"];
    assert_eq!(shard["title"][i], "Senior Rust Engineer");
    assert_eq!(shard["summary"][i], "Build the engine.");
    assert_eq!(
        tables["companies"][shard["company"][i].as_u64().unwrap() as usize],
        json!(["globex", "Globex", "/careers/img/globex.svg"])
    );
    assert_eq!(
        tables["categories"][shard["category"][i].as_u64().unwrap() as usize],
        json!(["engineering", "Engineering"])
    );
    let types: Vec<&Value> = shard["types"][i]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| &tables["types"][t.as_u64().unwrap() as usize][0])
        .collect();
    assert_eq!(types, vec!["full-time", "contract"]);
    assert_eq!(shard["mode"][i], 1, "remote");
    assert_eq!(shard["where"][i], json!(["US", "CA"]));
    assert_eq!(shard["salary"][i], json!([120000, 150000, "USD", "year", "USD 120,000 – 150,000 per year"]));
    assert_eq!(shard["tags"][i], json!(["rust", "kubernetes"]));
    assert_eq!(shard["posted"][i], "2026-11-20");
    // The posting's page shows the same location label.
    let cards = b.texts("jobs/rust-engineer/index.html", ".job-header .fact-location");
    assert!(cards.iter().any(|c| c.ends_with(shard["location"][i].as_str().unwrap())), "{cards:?}");
    // A single salary value is both ends; hybrid and on-site postings get their bits.
    assert_eq!(shard["salary"][4], json!([55, 55, "EUR", "hour", "EUR 55 per hour"]));
    assert_eq!(shard["mode"][3], 2, "designer is hybrid");
    assert_eq!(shard["mode"][4], 4, "sales-lead is on-site");
    assert_eq!(shard["salary"][3], Value::Null);
}

#[test]
fn regions_are_stored_by_name_and_expanded_once_in_the_manifest() {
    let b = built("", NOW);
    let m = json(&b, "search/index.json");
    let shard = json(&b, "search/0.json");
    assert_eq!(shard["where"][0], json!(["EU", "NO"]), "region as written, then the place's country");
    assert_eq!(shard["mode"][0], 1 | 4, "remote and on-site");
    assert_eq!(shard["where"][1], json!(["worldwide"]));
    let eu = m["tables"]["regions"]["EU"].as_array().unwrap();
    assert_eq!(eu.len(), 27);
    assert!(eu.contains(&json!("DE")));
    // `worldwide` is every country: the manifest lists no region for it, but names every
    // country a posting is open to, for the country filter.
    assert!(m["tables"]["regions"].get("worldwide").is_none());
    let countries = m["tables"]["countries"].as_object().unwrap();
    assert_eq!(countries["DE"], "Germany");
    assert!(countries.len() > 200, "worldwide opens every country: {}", countries.len());
    // The whole index stays small: no country list per record.
    assert!(b.read("search/0.json").len() < 3_000, "{}", b.read("search/0.json").len());
}

#[test]
fn index_is_the_same_bytes_on_another_day() {
    let a = built("", NOW);
    let b = built("", "2026-12-01T12:00:00Z");
    for rel in ["search/index.json", "search/0.json"] {
        assert_eq!(a.read(rel), b.read(rel), "{rel}");
    }
}

#[test]
fn boards_over_2000_postings_are_split_into_shards() {
    let dir = site_copy("minimal");
    let postings: Vec<(String, String)> = (0..2001)
        .map(|i| {
            (
                format!("gen-{i:04}.md"),
                format!(
                    "---\ntitle: Role {i}\ncategory: sales\nemployment_type: full-time\nlocation: {{places: [{{city: Paris, country: FR}}]}}\nposted: 2026-11-01\napply: https://acme.example/{i}\n---\nSell.\n"
                ),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = postings.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    write_postings(dir.path(), &refs);
    // Few listing pages, so the test spends its time on the index, not on pagination.
    let config = dir.path().join("config.yaml");
    let text = std::fs::read_to_string(&config).unwrap().replace("paginate: 2", "paginate: 5000");
    std::fs::write(config, text).unwrap();
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let b = Built { dir, stderr: stderr(&out) };
    let m = json(&b, "search/index.json");
    assert_eq!(m["count"], 2004);
    assert_eq!(m["shards"], json!(["/careers/search/0.json", "/careers/search/1.json"]));
    assert_eq!(column(&json(&b, "search/0.json"), "slug").len(), 2000);
    let last = json(&b, "search/1.json");
    assert_eq!(column(&last, "slug").len(), 4);
    // Newest first across shards (ties by slug): the generated postings are the oldest.
    assert_eq!(column(&json(&b, "search/0.json"), "slug")[0], "rust-engineer");
    assert_eq!(
        column(&last, "slug"),
        &vec![json!("gen-1997"), json!("gen-1998"), json!("gen-1999"), json!("gen-2000")]
    );
    assert!(!b.exists("search/2.json"));
}

#[test]
fn search_ui_and_tag_links_when_on() {
    let b = built("", NOW);
    assert!(b.exists("search.js") && b.exists("search.css"));
    let home = b.html("index.html");
    let sel = scraper::Selector::parse("#job-search[data-full]").unwrap();
    let section = home.select(&sel).next().expect("search UI on the home page");
    assert_eq!(section.value().attr("data-index"), Some("/careers/search/index.json"));
    assert_eq!(section.value().attr("hidden"), Some(""), "hidden until its script runs");
    assert_eq!(b.attrs("index.html", "label[for=search-q]", "for"), vec!["search-q"]);
    // Other listings search from the home page; posting pages load no search assets.
    assert_eq!(b.attrs("categories/engineering/index.html", "#job-search form", "action"), vec!["/careers/"]);
    assert!(b.attrs("categories/engineering/index.html", "#job-search[data-full]", "id").is_empty());
    // They only show the field: no loader, no asset names (repeated on every term page).
    let category = b.read("categories/engineering/index.html");
    assert!(category.contains(r#"document.getElementById("job-search").hidden = false"#));
    assert!(!category.contains("data-index") && !category.contains("createElement"), "{category}");
    assert!(!b.read("jobs/rust-engineer/index.html").contains("search.js"));
    // Tags link to the search, URL-encoded.
    assert!(b.attrs("index.html", ".card .tags a", "href").contains(&"/careers/?tag=c%2B%2B".to_string()));
    assert_eq!(
        b.attrs("jobs/rust-engineer/index.html", ".tags a", "href"),
        vec!["/careers/?tag=rust", "/careers/?tag=kubernetes"]
    );
}

#[test]
fn search_false_emits_no_index_no_assets_and_plain_tags() {
    let b = built("search: false\n", NOW);
    let files = b.files();
    assert!(!files.iter().any(|f| f.starts_with("search")), "{files:?}");
    assert!(!b.read("index.html").contains("job-search"));
    assert!(b.attrs("index.html", ".tags a", "href").is_empty());
    assert_eq!(b.texts("jobs/rust-engineer/index.html", ".job-details .tags li"), vec!["rust", "kubernetes"]);
}

#[test]
fn search_full_builds_the_compact_index_for_now() {
    let b = built("search: full\n", NOW);
    assert!(b.exists("search/index.json"));
    assert!(b.read("index.html").contains("job-search"));
}

#[test]
fn unknown_search_word_is_an_error_naming_the_line() {
    let dir = site_copy("minimal");
    set_config(dir.path(), "search: pagefind\n");
    let out = build(dir.path(), &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    let line = std::fs::read_to_string(dir.path().join("config.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("search:"))
        .unwrap()
        + 1;
    assert!(err.contains(&format!("config.yaml:{line}:9: search: unknown value \"pagefind\"")), "{err}");
    assert!(err.contains("help: use `true`"), "{err}");
}
