//! The parse cache (`.vacancy-cache/bodies/`): a second build or check renders only the
//! posting bodies that changed, and a damaged or foreign cache is ignored, never trusted.

mod common;

use common::{build, stderr, vacancy};
use std::fs;
use std::path::Path;

/// Builds verbosely, asserting success; returns (bodies rendered, bodies reused).
#[track_caller]
fn build_counts(root: &Path) -> (usize, usize) {
    let out = build(root, &["--verbose"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    counts(&err)
}

/// The numbers of "Posting bodies: rendered N, reused M from …".
#[track_caller]
fn counts(err: &str) -> (usize, usize) {
    let line = err.lines().find_map(|l| l.strip_prefix("Posting bodies: rendered ")).expect(err);
    let (rendered, rest) = line.split_once(", reused ").expect(err);
    (rendered.parse().unwrap(), rest.split_whitespace().next().unwrap().parse().unwrap())
}

/// Every posting file in the minimal fixture: drafts and future postings are parsed too.
const POSTINGS: usize = 6;

#[test]
fn a_second_build_renders_only_the_edited_body() {
    let site = common::site_copy("minimal");
    let root = site.path();
    assert_eq!(build_counts(root), (POSTINGS, 0), "a first build renders every body");
    assert_eq!(build_counts(root), (0, POSTINGS), "an unchanged site renders none");

    let edited = root.join("content/jobs/rust-engineer.md");
    let text = fs::read_to_string(&edited).unwrap();
    fs::write(&edited, format!("{text}\nA sentence added by the test.\n")).unwrap();
    assert_eq!(build_counts(root), (1, POSTINGS - 1), "only the edited body");
    let page = fs::read_to_string(root.join("public/jobs/rust-engineer/index.html")).unwrap();
    assert!(page.contains("A sentence added by the test."), "the page shows the edit");

    // `check` needs of a body the posting cache holds only its word count and links,
    // kept there: it reads no body for it. It writes nothing: an edit it rendered is
    // rendered again by the next check.
    let check = || {
        let out = vacancy(&["check", "--root", root.to_str().unwrap(), "--now", common::NOW, "--verbose"]);
        counts(&stderr(&out))
    };
    assert_eq!(check(), (0, 0));
    fs::write(&edited, format!("{text}\nAnother sentence.\n")).unwrap();
    assert_eq!(check(), (1, 0));
    assert_eq!(check(), (1, 0), "check does not update the cache");
    // A file missing from the posting cache takes its body from the body cache.
    fs::remove_dir_all(root.join(".vacancy-cache/postings")).unwrap();
    assert_eq!(check(), (1, POSTINGS - 1));
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored() {
    let (site, good) = common::built_minimal(|root| {
        build_counts(root);
    });
    let root = site.path();
    let page = |root: &Path| fs::read(root.join(common::RUST_PAGE)).unwrap();

    let dir = root.join(".vacancy-cache/bodies");
    for (what, damage) in common::DAMAGES {
        common::rewrite_files(&dir, damage);
        assert_eq!(build_counts(root), (POSTINGS, 0), "a cache {what} is not read");
        assert_eq!(page(root), good, "{what}");
    }

    // One changed byte inside a stored page body: that entry's checksum fails, so that
    // body alone is rendered again, and the page is right.
    common::flip_byte(&dir, b"Rust");
    let (rendered, reused) = build_counts(root);
    assert!(rendered >= 1 && rendered + reused == POSTINGS, "{rendered} rendered, {reused} reused");
    assert_eq!(page(root), good);
    assert!(!String::from_utf8_lossy(&good).contains("Dust"), "the test's marker is not in the page");
}

#[test]
fn a_build_that_fails_still_keeps_the_bodies_it_rendered() {
    let site = common::site_copy("minimal");
    let root = site.path();
    // A posting without its required fields fails the build after every body rendered.
    let broken = root.join("content/jobs/broken.md");
    fs::write(&broken, "---\ntitle: No company, no dates\n---\nA body.\n").unwrap();
    let out = build(root, &["--verbose"]);
    assert!(!out.status.success(), "the broken posting fails the build");
    assert_eq!(counts(&stderr(&out)).1, 0, "nothing cached before the first build");
    fs::remove_file(&broken).unwrap();
    assert_eq!(build_counts(root), (0, POSTINGS), "the failed build saved the bodies it rendered");
}
