//! The targeted re-render `serve` uses after a posting changes must give exactly the pages
//! a full render gives: patching the previous pages with `render_selected` and dropping
//! what `plan` no longer lists has to equal rendering the new site from scratch.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use vacancy::build::{self, Loaded, Options};
use vacancy::content::posting::Posting;
use vacancy::render::{self, Selection, theme};

fn options(root: &Path) -> Options {
    Options {
        root: root.to_path_buf(),
        base_url: None,
        drafts: false,
        now: vacancy::dates::resolve_now(Some(common::NOW)).unwrap(),
    }
}

/// Pages of a full render, without the static files (they never change here).
fn full(opts: &Options, loaded: &Loaded) -> HashMap<String, Arc<[u8]>> {
    let sink = render::Collect::default();
    let site = build::render_loaded(opts, loaded, &sink).unwrap();
    let generated = render::plan(&site);
    sink.into_pages().into_iter().filter(|p| generated.contains(&p.rel)).map(|p| (p.rel, p.bytes)).collect()
}

fn posting_at(loaded: &Loaded, rel: &str) -> Option<Arc<Posting>> {
    loaded.content.postings.iter().find(|p| p.source == Path::new(rel)).cloned()
}

/// Applies `edit` to the `minimal` fixture and checks targeted == full for `rel`.
/// Returns how many pages the targeted render wrote, to show it did less than a full one.
fn targeted_equals_full(rel: &str, edit: impl Fn(&Path)) -> (usize, usize) {
    targeted_equals_full_after(|_| {}, rel, edit)
}

/// As [`targeted_equals_full`], with `setup` applied to the fixture first.
fn targeted_equals_full_after(setup: impl Fn(&Path), rel: &str, edit: impl Fn(&Path)) -> (usize, usize) {
    let dir = common::site_copy("minimal");
    setup(dir.path());
    let opts = options(dir.path());
    let before = build::load(&opts).unwrap();
    let mut pages = full(&opts, &before);
    let old = posting_at(&before, rel);

    edit(dir.path());
    let after = build::load(&opts).unwrap();
    let new = posting_at(&after, rel);
    let theme = theme::load(dir.path(), &after.config).unwrap();
    let now = opts.now.start(&after.config.timezone);
    let publish = vacancy::site::Publish { drafts: false };
    let site_before = vacancy::site::Site::assemble(before.config.clone(), &before.content, now, publish);
    let site_after = vacancy::site::Site::assemble(after.config.clone(), &after.content, now, publish);
    assert_eq!(site_before.term_keys(), site_after.term_keys(), "precondition: the same term pages");

    let selection = Selection::touching(&site_before, &site_after, &[(old, new)]);
    let patch = render::render_selected(&site_after, &theme, Some(&selection)).unwrap();
    let written = patch.len();
    let plan = render::plan(&site_after);
    pages.retain(|rel, _| plan.contains(rel));
    pages.extend(patch.into_iter().map(|p| (p.rel, p.bytes)));

    let expected = full(&opts, &after);
    let mut keys: Vec<_> = pages.keys().collect();
    keys.sort();
    let mut expected_keys: Vec<_> = expected.keys().collect();
    expected_keys.sort();
    assert_eq!(keys, expected_keys, "the same files");
    for (rel, bytes) in &expected {
        assert!(pages[rel] == *bytes, "{rel} differs from a full render");
    }
    (written, expected.len())
}

fn rewrite(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} lacks {from:?}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

const RUST: &str = "content/jobs/rust-engineer.md";

#[test]
fn editing_a_title_and_category_rerenders_only_what_lists_it() {
    let (written, total) = targeted_equals_full(RUST, |root| {
        rewrite(root, RUST, "title: Senior Rust Engineer", "title: Staff Rust Engineer");
        rewrite(root, RUST, "category: engineering", "category: design");
    });
    assert!(written < total, "targeted render wrote {written} of {total} pages");
}

#[test]
fn changing_the_posted_date_reorders_listings() {
    targeted_equals_full(RUST, |root| rewrite(root, RUST, "posted: 2026-11-20", "posted: 2026-11-01"));
}

#[test]
fn changing_the_slug_drops_the_old_page() {
    targeted_equals_full(RUST, |root| rewrite(root, RUST, "id: GLX-1", "id: GLX-1\nslug: rust-staff"));
}

#[test]
fn a_posting_that_closes_becomes_a_notice_page() {
    targeted_equals_full(RUST, |root| rewrite(root, RUST, "closes: 2027-01-20", "closes: 2026-11-25"));
}

/// A second posting in all the same terms as the Rust one, so removing either keeps
/// every term page (a vanishing term makes `serve` render everything instead).
fn copy_rust(root: &Path) {
    let text = std::fs::read_to_string(root.join(RUST)).unwrap();
    std::fs::write(root.join("content/jobs/copy.md"), text.replace("id: GLX-1", "id: GLX-2")).unwrap();
}

#[test]
fn a_posting_turned_draft_disappears() {
    targeted_equals_full_after(copy_rust, "content/jobs/copy.md", |root| {
        rewrite(root, "content/jobs/copy.md", "id: GLX-2", "id: GLX-2\ndraft: true")
    });
}

#[test]
fn a_deleted_posting_disappears() {
    targeted_equals_full_after(copy_rust, "content/jobs/copy.md", |root| {
        std::fs::remove_file(root.join("content/jobs/copy.md")).unwrap()
    });
}

#[test]
fn a_new_posting_appears_everywhere_it_belongs() {
    targeted_equals_full("content/jobs/copy.md", copy_rust);
}

#[test]
fn a_deleted_posting_shrinks_a_split_jobs_export() {
    // With a small size limit every posting gets its own /jobs-N.json; deleting one must
    // drop the last page, as a full render would.
    let setup = |root: &Path| {
        copy_rust(root);
        let config = std::fs::read_to_string(root.join("config.yaml")).unwrap();
        std::fs::write(root.join("config.yaml"), config + "syndication: {jobs_json_max_bytes: 1}\n").unwrap();
    };
    targeted_equals_full_after(setup, "content/jobs/copy.md", |root| {
        assert!(root.join("content/jobs/copy.md").exists());
        std::fs::remove_file(root.join("content/jobs/copy.md")).unwrap()
    });
}

#[test]
fn renaming_a_posting_updates_the_pages_that_list_it_as_related() {
    const COPY: &str = "content/jobs/copy.md";
    targeted_equals_full_after(copy_rust, COPY, |root| {
        rewrite(root, COPY, "title: Senior Rust Engineer", "title: Rust Platform Engineer")
    });
    // The same edit, checked on the page itself: the Rust posting shows its twin's new title.
    let dir = common::site_copy("minimal");
    copy_rust(dir.path());
    rewrite(dir.path(), COPY, "title: Senior Rust Engineer", "title: Rust Platform Engineer");
    let out = common::build(dir.path(), &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let page = std::fs::read_to_string(dir.path().join("public/jobs/rust-engineer/index.html")).unwrap();
    let related = page.split("class=\"related\"").nth(1).expect("a related section");
    assert!(related.contains("Rust Platform Engineer"), "{related}");
}

#[test]
fn a_new_shared_tag_changes_another_postings_related_list() {
    // The designer gains the Rust posting's tags: the sales lead's page is untouched, the
    // Rust posting's related list now names the designer.
    const DESIGNER: &str = "content/jobs/designer.md";
    targeted_equals_full(DESIGNER, |root| {
        rewrite(root, DESIGNER, "apply: jobs@acme.example", "apply: jobs@acme.example\ntags: [rust]")
    });
}
