//! Search and the board together (issue 6): careers mode's search offers no company facet,
//! and the CSS + JS a page loads before any interaction stays small, with no search assets
//! on posting pages and none that the index page's first load waits on.

mod common;

use common::{Built, build, copy_dir, stderr};
use scraper::{Html, Selector};
use std::path::Path;

/// Budget for the CSS + JS a posting page loads before any interaction (issue 6).
const POSTING_BUDGET: usize = 30 * 1024;

/// The example at `rel` in the repository (`""` is the root example) copied into a temp dir
/// (only its site files) and built.
fn example(rel: &str) -> Built {
    example_with(rel, &[])
}

fn example_with(rel: &str, extra: &[&str]) -> Built {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let dir = tempfile::tempdir().unwrap();
    for part in ["config.yaml", "content", "static"] {
        let from = src.join(part);
        if from.is_dir() {
            copy_dir(&from, &dir.path().join(part));
        } else if from.is_file() {
            std::fs::copy(&from, dir.path().join(part)).unwrap();
        }
    }
    let out = build(dir.path(), extra);
    let err = stderr(&out);
    assert!(out.status.success(), "build of {rel:?} failed:\n{err}");
    Built { dir, stderr: err }
}

fn manifest(b: &Built) -> serde_json::Value {
    serde_json::from_str(&b.read("search/index.json")).unwrap()
}

/// The first posting page of a build.
fn a_posting_page(b: &Built) -> String {
    b.files()
        .into_iter()
        .find(|f| f.starts_with("jobs/") && f.ends_with("/index.html") && f.matches('/').count() == 2)
        .expect("a posting page")
}

/// What a page loads before any interaction: (stylesheets and scripts it references,
/// total bytes of those files plus its inline `<style>` and `<script>` code).
fn first_load(b: &Built, rel: &str) -> (Vec<String>, usize) {
    let html = Html::parse_document(&b.read(rel));
    let mut files = Vec::new();
    let mut bytes = 0;
    let linked = Selector::parse(r#"link[rel~="stylesheet"][href], script[src]"#).unwrap();
    for el in html.select(&linked) {
        let href = el.value().attr("href").or(el.value().attr("src")).unwrap();
        // Both examples live at their host's root, so every path starts there.
        let path = href.strip_prefix('/').unwrap_or_else(|| panic!("{rel}: relative {href}")).to_string();
        let len = std::fs::metadata(b.public().join(&path))
            .unwrap_or_else(|e| panic!("{rel} loads {href}, which the build did not write: {e}"))
            .len();
        bytes += len as usize;
        files.push(path);
    }
    let inline = Selector::parse("style, script:not([src])").unwrap();
    for el in html.select(&inline) {
        if el.value().attr("type").is_none_or(|t| t.contains("javascript")) {
            bytes += el.inner_html().len();
        }
    }
    (files, bytes)
}

#[test]
fn careers_mode_index_offers_no_company_facet() {
    let b = example("examples/careers");
    let m = manifest(&b);
    let facets: Vec<&str> = m["facets"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    assert!(!facets.contains(&"company"), "careers mode offers {facets:?}");
    assert!(facets.contains(&"category") && facets.contains(&"tag"), "{facets:?}");
    // The company table stays: result cards show the organization's name and logo.
    assert_eq!(m["tables"]["companies"].as_array().unwrap().len(), 1);
}

#[test]
fn a_multi_company_board_offers_the_company_facet() {
    let b = example("");
    let facets = manifest(&b)["facets"].clone();
    assert_eq!(
        facets,
        serde_json::json!(["category", "type", "mode", "country", "company", "tag", "salary", "within"])
    );
}

#[test]
fn drafts_are_named_in_a_preview_index_only() {
    let preview = example_with("", &["--drafts"]);
    let m = manifest(&preview);
    assert_eq!(m["drafts"], serde_json::json!(["engineering-manager-search"]));
    let shard: serde_json::Value = serde_json::from_str(&preview.read("search/0.json")).unwrap();
    assert!(shard["slug"].as_array().unwrap().contains(&"engineering-manager-search".into()));
    assert!(manifest(&example("")).get("drafts").is_none(), "a published index names no drafts");
}

#[test]
fn posting_pages_load_at_most_30_kb_of_css_and_js_and_no_search_assets() {
    for rel in ["", "examples/careers"] {
        let b = example(rel);
        let page = a_posting_page(&b);
        let (files, bytes) = first_load(&b, &page);
        assert!(files.contains(&"style.css".to_string()), "{rel:?} {page}: {files:?}");
        for asset in vacancy_search_assets() {
            assert!(!files.contains(&asset.to_string()), "{rel:?} {page} loads {asset}");
        }
        assert!(!b.read(&page).contains("search/index.json"), "{rel:?} {page} refers to the index");
        assert!(bytes <= POSTING_BUDGET, "{rel:?} {page}: {bytes} bytes of CSS + JS ({files:?})");
        // The sum is real: it counts at least the stylesheet itself.
        assert!(bytes >= std::fs::metadata(b.public().join("style.css")).unwrap().len() as usize);
    }
}

#[test]
fn index_first_load_waits_on_no_search_asset() {
    let b = example("");
    let (files, _) = first_load(&b, "index.html");
    assert_eq!(files, vec!["style.css", "cards.js"], "the index page's stylesheets and scripts");
    // The search UI is there and names its assets for first use.
    let html = b.html("index.html");
    let section = html.select(&Selector::parse("#job-search").unwrap()).next().expect("search UI");
    assert_eq!(section.value().attr("data-script"), Some("/search.js"));
    assert_eq!(section.value().attr("data-style"), Some("/search.css"));
    assert!(b.exists("search.js") && b.exists("search.css"));
}

/// The theme files that exist only for search.
fn vacancy_search_assets() -> [&'static str; 2] {
    ["search.js", "search.css"]
}
