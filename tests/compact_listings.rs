//! What listing cards carry (README "Performance", Output): the home page's full cards with
//! summary and tag search links, the term listings' compact ones, and the strings cards.js
//! reads from the card list instead of a per-page string table.

mod common;

use common::{Built, build_fixture};
use scraper::{ElementRef, Html, Selector};

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// The outer HTML of the card whose title links to the posting `slug`, from the first page
/// of `listing` (and its next pages) that shows it.
fn card(b: &Built, listing: &str, slug: &str) -> String {
    let pages = std::iter::once(format!("{listing}index.html"))
        .chain((2..10).map(|n| format!("{listing}page/{n}/index.html")));
    for page in pages.take_while(|p| b.exists(p)) {
        let doc = Html::parse_document(&b.read(&page));
        let found = doc.select(&sel(".cards > .card")).find(|c| {
            c.select(&sel(".card-title a")).any(|a| a.value().attr("href").is_some_and(|h| h.contains(slug)))
        });
        if let Some(c) = found {
            return c.html();
        }
    }
    panic!("no card for {slug} on {listing}");
}

fn texts(html: &str, css: &str) -> Vec<String> {
    let frag = Html::parse_fragment(html);
    frag.select(&sel(css)).map(|e: ElementRef| e.text().collect::<String>()).collect()
}

#[test]
fn term_listings_show_compact_cards_and_the_home_page_full_ones() {
    let b = build_fixture("minimal", &[]);
    let home = card(&b, "", "rust-engineer");
    assert_eq!(texts(&home, ".card-summary"), ["Build the engine."]);
    assert_eq!(texts(&home, ".tags a"), ["Jobs tagged rust", "Jobs tagged kubernetes"]);

    for listing in ["categories/engineering/", "types/full-time/", "companies/globex/"] {
        let compact = card(&b, listing, "rust-engineer");
        assert!(texts(&compact, ".card-summary").is_empty(), "{listing}: {compact}");
        // Tags stay visible, as text: the home page and the posting page link them to the search.
        assert_eq!(texts(&compact, ".tags li"), ["rust", "kubernetes"], "{listing}");
        assert!(texts(&compact, ".tags a").is_empty(), "{listing}: {compact}");
        // Title, company, facts and date are all there, with no whitespace between elements.
        assert_eq!(texts(&compact, ".card-title"), texts(&home, ".card-title"));
        assert_eq!(texts(&compact, ".card header p"), texts(&home, ".card header p"));
        assert_eq!(texts(&compact, ".facts"), texts(&home, ".facts"));
        assert_eq!(texts(&compact, ".card-date"), texts(&home, ".card-date"));
        assert!(!compact.contains(">\n<"), "{compact}");
    }
}

#[test]
fn card_facts_follow_their_visually_hidden_names() {
    let b = build_fixture("minimal", &[]);
    let home = card(&b, "", "rust-engineer");
    let names = texts(&home, ".facts > dt");
    let values = texts(&home, ".facts > dd");
    assert_eq!(names, ["Location", "Employment type", "Salary"]);
    assert_eq!(values.len(), names.len());
    assert_eq!(values[1], "Full-time, Contract");
    assert!(values[2].starts_with("USD 120,000"), "{values:?}");
    // Each name is immediately followed by its value, so a screen reader pairs them.
    assert_eq!(texts(&home, ".facts > dt + dd.fact-salary"), [values[2].clone()]);
    // The stylesheet hides the names from the eye only.
    let css = b.read("style.css");
    assert!(css.contains(".vh, .facts dt{position:absolute"), "facts dt shares .vh's rule");
}

#[test]
fn only_the_home_page_carries_the_script_string_table() {
    let b = build_fixture("minimal", &[]);
    let table = sel("script#vacancy-strings");
    assert_eq!(b.html("index.html").select(&table).count(), 1);
    for page in
        ["categories/engineering/index.html", "companies/globex/index.html", "types/full-time/index.html"]
    {
        assert_eq!(b.html(page).select(&table).count(), 0, "{page}");
        // cards.js reads its two words from the list instead.
        assert_eq!(b.attrs(page, "ul.cards", "data-new"), ["New"], "{page}");
        assert_eq!(b.attrs(page, "ul.cards", "data-days-ago"), ["{n} days ago"], "{page}");
    }
    let cards_js = b.read("cards.js");
    assert!(cards_js.contains("dataset.new"), "{cards_js}");
}
