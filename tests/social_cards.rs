//! Social cards (`syndication: {social_cards: true}`): a PNG per posting page, the same
//! bytes on every build, drawn only when the posting's card changes.

mod common;

use common::*;
use std::path::Path;

/// The `minimal` fixture with social cards on.
fn site_with_cards() -> tempfile::TempDir {
    let dir = site_copy("minimal");
    append(dir.path(), "config.yaml", "syndication: {social_cards: true}\n");
    dir
}

fn append(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    let old = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{old}{text}")).unwrap();
}

fn build_ok(root: &Path) -> String {
    let out = build(root, &["--verbose"]);
    assert!(out.status.success(), "{}", stderr(&out));
    stderr(&out)
}

fn card(root: &Path, slug: &str) -> Vec<u8> {
    let path = root.join(format!("public/jobs/{slug}/card.png"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// Width and height from a PNG's IHDR chunk, after checking the signature.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// The "Drew N social cards, reused M" line of a `--verbose` build, as (N, M).
fn drawn(stderr: &str) -> (usize, usize) {
    let line = stderr.lines().find(|l| l.starts_with("Drew ")).unwrap_or_else(|| panic!("{stderr}"));
    let numbers: Vec<usize> = line.split(' ').filter_map(|w| w.parse().ok()).collect();
    (numbers[0], numbers[1])
}

#[test]
fn every_posting_page_gets_a_card_png_of_open_graph_size() {
    let dir = site_with_cards();
    build_ok(dir.path());
    // Open postings and the closed one that keeps a page; never the draft or the scheduled one.
    for slug in ["rust-engineer", "designer", "sales-lead", "old-role"] {
        assert_eq!(png_size(&card(dir.path(), slug)), (1200, 630), "{slug}");
    }
    assert!(!dir.path().join("public/jobs/secret-draft/card.png").exists());
    assert!(!dir.path().join("public/jobs/future-role/card.png").exists());
    // Titles differ, so the cards do.
    assert_ne!(card(dir.path(), "rust-engineer"), card(dir.path(), "designer"));
}

#[test]
fn cards_are_identical_on_rebuild_with_and_without_the_cache() {
    let dir = site_with_cards();
    build_ok(dir.path());
    let first = card(dir.path(), "designer");
    build_ok(dir.path());
    assert_eq!(card(dir.path(), "designer"), first, "rebuilt from the cache");
    std::fs::remove_dir_all(dir.path().join(".vacancy-cache")).unwrap();
    build_ok(dir.path());
    assert_eq!(card(dir.path(), "designer"), first, "drawn afresh");
}

#[test]
fn only_changed_postings_are_drawn_again() {
    let dir = site_with_cards();
    assert_eq!(drawn(&build_ok(dir.path())), (4, 0));
    assert_eq!(drawn(&build_ok(dir.path())), (0, 4));
    let before = card(dir.path(), "rust-engineer");
    let path = dir.path().join("content/jobs/rust-engineer.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("title: Senior Rust Engineer", "title: Staff Rust Engineer")).unwrap();
    assert_eq!(drawn(&build_ok(dir.path())), (1, 3));
    assert_ne!(card(dir.path(), "rust-engineer"), before);
    // The old card's cache entry is gone: the cache holds what the site uses.
    let entries = std::fs::read_dir(dir.path().join(".vacancy-cache/social-cards")).unwrap().count();
    assert_eq!(entries, 4);
}

#[test]
fn posting_pages_point_og_image_and_twitter_image_at_the_card() {
    let dir = site_with_cards();
    build_ok(dir.path());
    let built = Built { dir, stderr: String::new() };
    let url = "https://example.com/careers/jobs/rust-engineer/card.png";
    let page = "jobs/rust-engineer/index.html";
    assert_eq!(built.attrs(page, r#"meta[property="og:image"]"#, "content"), [url]);
    assert_eq!(built.attrs(page, r#"meta[name="twitter:image"]"#, "content"), [url]);
    assert_eq!(built.attrs(page, r#"meta[name="twitter:card"]"#, "content"), ["summary_large_image"]);
    assert_eq!(built.attrs(page, r#"meta[property="og:image:width"]"#, "content"), ["1200"]);
}

#[test]
fn cards_are_off_by_default() {
    let built = build_fixture("minimal", &[]);
    assert!(!built.files().iter().any(|f| f.ends_with("card.png")));
    assert!(!built.root().join(".vacancy-cache/social-cards").exists());
    let page = "jobs/rust-engineer/index.html";
    assert_eq!(built.attrs(page, r#"meta[name="twitter:card"]"#, "content"), ["summary"]);
    // The company logo stays the image.
    assert_eq!(
        built.attrs(page, r#"meta[property="og:image"]"#, "content"),
        ["https://example.com/careers/img/globex.svg"]
    );
}

#[test]
fn a_broken_card_template_names_the_template_and_the_posting() {
    let dir = site_with_cards();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/social-card.svg"), "<svg>{{ card.nope.title }}</svg>").unwrap();
    let out = build(dir.path(), &[]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains("error: templates/social-card.svg"), "{err}");
    assert!(err.contains("social card of content/jobs/"), "{err}");
    assert!(!dir.path().join("public").exists(), "a failed build writes nothing");
}

#[test]
fn check_reports_a_card_template_that_gives_no_valid_svg() {
    let dir = site_with_cards();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/social-card.svg"), "<svg><text>{{ card.company }}").unwrap();
    let out = vacancy(&["check", "--root", dir.path().to_str().unwrap(), "--now", NOW]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(
        err.contains(
            "error: templates/social-card.svg: social card of content/jobs/rust-engineer.md: invalid SVG"
        ),
        "{err}"
    );
    assert!(err.contains("help: the template must give one SVG document"), "{err}");
    assert!(!dir.path().join(".vacancy-cache").exists(), "check draws nothing");
}
