//! A rebuild over a previous output copies each unchanged posting's `<job>` from the
//! previous Indeed feed instead of making it again (`output::pieces`), and the feed is
//! still the same, byte for byte, as a build from scratch. (Debug builds, which the tests
//! run, also make every copied `<job>` and panic if it differs.)

mod common;

use common::{build, stderr};
use std::fs;
use std::path::Path;

const FEED: &str = "public/jobs-indeed.xml";

/// The minimal fixture plus `n` postings.
fn board(n: usize) -> tempfile::TempDir {
    let dir = common::site_copy("minimal");
    for i in 0..n {
        let body = format!(
            "---\ntitle: Indeed role {i}\ncategory: engineering\nemployment_type: full-time\n\
             location: {{remote: true, countries: [DE]}}\nposted: 2026-10-{:02}\napply: https://acme.example/{i}\n---\n\
             What role {i} does, with a ]]> in it.\n",
            1 + i % 28,
        );
        fs::write(dir.path().join(format!("content/jobs/indeed-{i:02}.md")), body).unwrap();
    }
    dir
}

/// Builds verbosely, asserting success; returns how many pieces were copied.
#[track_caller]
fn rebuild(root: &Path) -> usize {
    let out = build(root, &["--verbose"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let line = err.lines().find(|l| l.starts_with("Streamed ")).expect(&err);
    let copied = line.split_once(", copying ").map(|(_, rest)| rest).expect(line);
    copied.split_whitespace().next().unwrap().parse().unwrap()
}

/// The feed a build from scratch makes of the site in `root` as it is now.
fn from_scratch(root: &Path) -> Vec<u8> {
    let fresh = tempfile::tempdir().unwrap();
    common::copy_dir(root, fresh.path());
    for made in ["public", ".vacancy-cache"] {
        fs::remove_dir_all(fresh.path().join(made)).unwrap();
    }
    let out = build(fresh.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    fs::read(fresh.path().join(FEED)).unwrap()
}

fn open_postings(root: &Path) -> usize {
    let feed = fs::read_to_string(root.join(FEED)).unwrap();
    feed.matches("<job>").count()
}

#[test]
fn one_edit_makes_one_job_and_copies_the_others() {
    let dir = board(12);
    let root = dir.path();
    assert_eq!(rebuild(root), 0, "nothing to copy from without a previous output");
    let jobs = open_postings(root);
    assert!(jobs >= 12, "{jobs} jobs");
    assert_eq!(rebuild(root), jobs, "an unchanged site copies every job");

    let edited = root.join("content/jobs/indeed-03.md");
    let text = fs::read_to_string(&edited).unwrap().replace("What role 3 does", "What role 3 now does");
    fs::write(&edited, text).unwrap();
    assert_eq!(rebuild(root), jobs - 1);
    let feed = fs::read(root.join(FEED)).unwrap();
    assert!(String::from_utf8_lossy(&feed).contains("What role 3 now does"));
    assert_eq!(feed, from_scratch(root));
}

#[test]
fn added_and_removed_postings_change_only_their_jobs() {
    let dir = board(6);
    let root = dir.path();
    rebuild(root);
    let jobs = open_postings(root);
    fs::remove_file(root.join("content/jobs/indeed-02.md")).unwrap();
    fs::write(
        root.join("content/jobs/indeed-new.md"),
        "---\ntitle: A new role\ncategory: engineering\nemployment_type: full-time\n\
         location: {remote: true, countries: [FR]}\nposted: 2026-10-20\napply: https://acme.example/new\n---\nNew.\n",
    )
    .unwrap();
    assert_eq!(rebuild(root), jobs - 1, "the removed job is not copied, the new one is made");
    assert_eq!(fs::read(root.join(FEED)).unwrap(), from_scratch(root));
}

#[test]
fn a_feed_changed_since_the_last_build_is_not_copied_from() {
    let dir = board(4);
    let root = dir.path();
    rebuild(root);
    let feed = root.join(FEED);
    // Same length, other bytes: the modification time tells the build it was touched.
    let garbled = fs::read_to_string(&feed).unwrap().replace("What role", "WHAT ROLE");
    fs::write(&feed, garbled).unwrap();
    assert_eq!(rebuild(root), 0);
    assert_eq!(fs::read(&feed).unwrap(), from_scratch(root));
}

#[test]
fn a_changed_config_makes_every_job_again() {
    let dir = board(4);
    let root = dir.path();
    rebuild(root);
    let config = root.join("config.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("{text}\n# an edit\n")).unwrap();
    assert_eq!(rebuild(root), 0, "the site-wide inputs are in every piece's fingerprint");
    assert_eq!(fs::read(root.join(FEED)).unwrap(), from_scratch(root));
}
