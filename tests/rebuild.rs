//! Rebuilds render only what changed: pages whose inputs have the fingerprint they had in
//! the previous build are neither rendered nor read back, and the result is still the
//! same, byte for byte, as a build from scratch. (Debug builds, which the tests run, also
//! render every kept page and panic if it differs from the file: see `Sink::debug_check_kept`.)

mod common;

use common::{build, stderr, walk_files};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::SystemTime;

/// The minimal fixture plus `n` generated postings in three categories and two countries,
/// so a listing spans several pages and most pages do not show a given posting.
fn board(n: usize) -> tempfile::TempDir {
    let dir = common::site_copy("minimal");
    let categories = ["engineering", "design", "sales"];
    for i in 0..n {
        let body = format!(
            "---\ntitle: Generated role {i}\ncategory: {}\nemployment_type: full-time\n\
             location: {{remote: true, countries: [{}]}}\nposted: 2026-10-{:02}\napply: https://acme.example/{i}\n---\n\
             The first paragraph of role {i}.\n\nMore about role {i}.\n",
            categories[i % 3],
            if i % 2 == 0 { "DE" } else { "FR" },
            1 + i % 28,
        );
        fs::write(dir.path().join(format!("content/jobs/role-{i:02}.md")), body).unwrap();
    }
    dir
}

/// Every file of the output folder: path → (bytes, modification time).
fn snapshot(out: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    walk_files(out, |path| (fs::read(path).unwrap(), fs::metadata(path).unwrap().modified().unwrap()))
}

/// Asserts that two outputs have the same files with the same bytes, naming those that differ.
#[track_caller]
fn assert_same(a: &BTreeMap<String, (Vec<u8>, SystemTime)>, b: &BTreeMap<String, (Vec<u8>, SystemTime)>) {
    // The change manifest lists what changed since the previous build, which a build
    // from scratch does not have.
    let differ: Vec<&String> = a
        .keys()
        .chain(b.keys())
        .filter(|k| *k != "vacancy-changes.json" && a.get(*k).map(|f| &f.0) != b.get(*k).map(|f| &f.0))
        .collect();
    assert!(differ.is_empty(), "differ from a build from scratch: {differ:?}");
}

/// Builds verbosely, asserting success; returns how many pages were kept unrendered.
#[track_caller]
fn rebuild(root: &Path) -> usize {
    let out = build(root, &["--verbose"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let kept = err.lines().find_map(|l| l.split_once(", kept ")).map(|(_, rest)| rest).expect(&err);
    kept.split_whitespace().next().unwrap().parse().unwrap()
}

/// Builds `root` from scratch into a fresh folder: what any rebuild must equal.
fn from_scratch(root: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    let fresh = tempfile::tempdir().unwrap();
    let out = fresh.path().join("public");
    let o = build(root, &["--output-dir", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    snapshot(&out)
}

#[test]
fn one_edited_posting_renders_and_writes_only_the_pages_that_show_it() {
    let site = board(30);
    let root = site.path();
    let public = root.join("public");
    assert_eq!(rebuild(root), 0, "a first build renders everything");
    let before = snapshot(&public);
    assert_eq!(rebuild(root), pages(&before), "an unchanged site renders no page");
    std::thread::sleep(std::time::Duration::from_millis(20));

    let edited = root.join("content/jobs/role-07.md");
    let text = fs::read_to_string(&edited).unwrap();
    fs::write(&edited, text.replace("More about role 7.", "More about role 7, edited.")).unwrap();
    let kept = rebuild(root);
    let after = snapshot(&public);
    assert_same(&after, &from_scratch(root));

    let rewritten: Vec<&str> = after
        .iter()
        .filter(|(rel, (_, t))| before.get(*rel).is_none_or(|(_, old)| old != t))
        .map(|(r, _)| r.as_str())
        .collect();
    let differing: Vec<&str> = after
        .iter()
        .filter(|(rel, (b, _))| before.get(*rel).is_none_or(|(old, _)| old != b))
        .map(|(r, _)| r.as_str())
        .collect();
    assert_eq!(rewritten, differing, "exactly the files whose bytes changed are rewritten");
    // The edit is in the body, not the summary: listings show the same card, so only the
    // posting's page and what carries whole bodies change (not the category's JSON Feed,
    // which carries summaries).
    assert_eq!(
        rewritten,
        [
            "atom.xml",
            "feed.json",
            "feed.xml",
            "jobs-indeed.xml",
            "jobs.json",
            "jobs/role-07/index.html",
            "vacancy-changes.json",
            "vacancy-state.json"
        ],
        "{rewritten:?}"
    );
    // Every posting page but the edited one and those listing it as related, and every
    // listing page that does not show it, is kept without rendering.
    // It, its home page, its four terms' pages and feeds, the site feed and the pages
    // listing it as related.
    let pages = pages(&after);
    assert!((pages - 16..pages - 10).contains(&kept), "kept {kept} of {pages} pages and feeds");
}

/// How many of the outputs are fingerprinted: the site's HTML pages, RSS feeds and search
/// index shards. The rest (exports, the search manifest, static files and the embed
/// pages) are produced again by every build and written only when their bytes changed.
fn pages(snapshot: &BTreeMap<String, (Vec<u8>, SystemTime)>) -> usize {
    let shard = |k: &str| k.starts_with("search/") && k != "search/index.json";
    let fingerprinted =
        |k: &str| (k.ends_with(".html") && !k.starts_with("embed/")) || k.ends_with("feed.xml") || shard(k);
    snapshot.keys().filter(|k| fingerprinted(k)).count()
}

#[test]
fn a_site_wide_change_renders_every_page_again() {
    let site = board(4);
    let root = site.path();
    rebuild(root);
    let all = pages(&snapshot(&root.join("public")));
    assert_eq!(rebuild(root), all);
    // A new site title is on every page.
    let config = root.join("config.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, text.replace("title: Acme Careers", "title: Acme Jobs")).unwrap();
    assert_eq!(rebuild(root), 0, "a config change renders everything");
    assert_same(&snapshot(&root.join("public")), &from_scratch(root));
    // So does a site template overriding the theme's.
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(root.join("templates/404.html"), "<p>Gone.</p>").unwrap();
    assert_eq!(rebuild(root), 0, "a template change renders everything");
    assert_eq!(fs::read_to_string(root.join("public/404.html")).unwrap(), "<p>Gone.</p>");
    assert_eq!(rebuild(root), all, "and the next build renders nothing");
}

#[test]
fn a_page_changed_or_deleted_in_the_output_is_rendered_again() {
    let site = board(4);
    let root = site.path();
    rebuild(root);
    let public = root.join("public");
    let all = pages(&snapshot(&public));
    let page = public.join("jobs/role-01/index.html");
    let original = fs::read(&page).unwrap();
    fs::write(&page, "tampered").unwrap();
    fs::remove_file(public.join("jobs/role-02/index.html")).unwrap();
    assert_eq!(rebuild(root), all - 2);
    assert_eq!(fs::read(&page).unwrap(), original);
    assert!(public.join("jobs/role-02/index.html").is_file());
    // Without its record (a cleaned cache), every page is rendered and compared instead.
    fs::remove_dir_all(root.join(".vacancy-cache/pages")).unwrap();
    assert_eq!(rebuild(root), 0);
    assert_eq!(rebuild(root), all);
}

/// The files removed, from `--verbose`'s "Updated … removed N files".
#[track_caller]
fn files_removed(root: &Path) -> usize {
    let out = build(root, &["--verbose"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let line = err.lines().find(|l| l.starts_with("Updated ")).expect(&err);
    let rest = line.split_once("removed ").expect(line).1;
    rest.split_whitespace().next().unwrap().replace(',', "").parse().unwrap()
}

#[test]
fn removals_come_from_the_record_unless_a_build_did_not_finish() {
    let site = board(4);
    let root = site.path();
    let public = root.join("public");
    rebuild(root);
    rebuild(root);
    // A file put in the output by hand is not the build's: with a record, it stays.
    fs::write(public.join("by-hand.txt"), "mine").unwrap();
    fs::remove_file(root.join("content/jobs/role-02.md")).unwrap();
    let before = snapshot(&public);
    let removed = files_removed(root);
    assert!(!public.join("jobs/role-02").exists(), "the deleted posting's page and folder are gone");
    let after = snapshot(&public);
    let gone: Vec<&String> = before.keys().filter(|k| !after.contains_key(*k)).collect();
    assert!(gone.contains(&&"jobs/role-02/index.html".to_string()), "{gone:?}");
    assert_eq!(removed, gone.len(), "{gone:?}");
    assert_eq!(fs::read_to_string(public.join("by-hand.txt")).unwrap(), "mine");
    assert_same(
        &snapshot(&public).into_iter().filter(|(k, _)| k != "by-hand.txt").collect(),
        &from_scratch(root),
    );

    // A build killed after it marked its record: its temporary files and any page it
    // renamed into place are not in the record, so the next build walks the folder.
    // (Every record is marked: the builds from scratch above have their own.)
    let marks: Vec<std::path::PathBuf> = fs::read_dir(root.join(".vacancy-cache/pages"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "record"))
        .map(|p| p.with_extension("record.building"))
        .collect();
    for mark in &marks {
        fs::write(mark, "").unwrap();
    }
    fs::write(public.join("jobs/.index.html.vacancy-new"), "half").unwrap();
    let removed = files_removed(root);
    assert_eq!(removed, 2, "the temporary file and the file the build never wrote");
    assert!(!public.join("by-hand.txt").exists());
    assert_eq!(
        marks.iter().filter(|m| m.exists()).count(),
        marks.len() - 1,
        "the finished build clears its mark"
    );
    assert_same(&snapshot(&public), &from_scratch(root));
}

#[test]
fn only_the_jobs_json_part_holding_an_edited_posting_is_made_again() {
    let site = board(30);
    let root = site.path();
    let config = root.join("config.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, text + "syndication: {jobs_json_max_bytes: 4000}\n").unwrap();
    let public = root.join("public");
    rebuild(root);
    let before = snapshot(&public);
    let parts = |s: &BTreeMap<String, (Vec<u8>, SystemTime)>| -> Vec<String> {
        s.keys().filter(|k| k.starts_with("jobs-") && k.ends_with(".json")).cloned().collect()
    };
    assert!(parts(&before).len() >= 3, "{:?}", parts(&before));
    std::thread::sleep(std::time::Duration::from_millis(20));

    let edited = root.join("content/jobs/role-07.md");
    let text = fs::read_to_string(&edited).unwrap();
    fs::write(&edited, text.replace("More about role 7.", "More about role 7, edited.")).unwrap();
    rebuild(root);
    let after = snapshot(&public);
    assert_same(&after, &from_scratch(root));
    let rewritten: Vec<String> = parts(&after).into_iter().filter(|k| before[k].1 != after[k].1).collect();
    assert_eq!(rewritten.len(), 1, "{rewritten:?}");
    assert!(String::from_utf8_lossy(&after[&rewritten[0]].0).contains("role 7, edited"));
}
