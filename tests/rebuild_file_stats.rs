//! A rebuild neither reads nor hashes a posting file whose size, times and inode are as the
//! last build recorded (`.vacancy-cache/postings/stats`), yet sees every edit: one that
//! keeps the length and sets the modification time back, and one made so soon before a
//! build that its timestamps could not tell a later change (the "racy" case).
#![cfg(unix)]

mod common;

use common::{build, site_copy, stderr};
use std::fs;
use std::path::Path;
use std::time::Duration;

/// (parsed, reused, of those not read) from `--verbose`'s "Postings: …" line.
#[track_caller]
fn counts(root: &Path) -> (usize, usize, usize) {
    let out = build(root, &["--verbose"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let line = err.lines().find_map(|l| l.strip_prefix("Postings: parsed ")).expect(&err);
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    match numbers[..] {
        [parsed, reused] => (parsed, reused, 0),
        [parsed, reused, unread] => (parsed, reused, unread),
        _ => panic!("{line}"),
    }
}

/// Longer than the margin a file's last change must be older than a build to be recorded.
fn let_files_settle() {
    std::thread::sleep(Duration::from_millis(1300));
}

#[test]
fn unchanged_files_are_not_read_and_every_edit_is_seen() {
    let dir = site_copy("minimal");
    let root = dir.path();
    let posting = root.join("content/jobs/designer.md");
    let postings = fs::read_dir(root.join("content/jobs")).unwrap().count();

    // Written just now: too recent to trust their stat, so the next build hashes them all.
    assert_eq!(counts(root), (postings, 0, 0));
    assert_eq!(counts(root), (0, postings, 0), "racy files are read and hashed");

    let_files_settle();
    assert_eq!(counts(root), (0, postings, 0), "recorded now, read once more");
    assert_eq!(counts(root), (0, postings, postings), "none read");

    // Same length, and the modification time set back: only the ctime tells.
    let modified = fs::metadata(&posting).unwrap().modified().unwrap();
    let text = fs::read_to_string(&posting).unwrap();
    let edited = text.replacen("title: R&D Product Designer", "title: R&D Product Dezigner", 1);
    assert_ne!(edited, text);
    assert_eq!(edited.len(), text.len());
    fs::write(&posting, &edited).unwrap();
    fs::File::options().write(true).open(&posting).unwrap().set_modified(modified).unwrap();
    assert_eq!(fs::metadata(&posting).unwrap().modified().unwrap(), modified);

    assert_eq!(counts(root), (1, postings - 1, postings - 1));
    let page = fs::read_to_string(root.join("public/jobs/designer/index.html")).unwrap();
    assert!(page.contains("R&amp;D Product Dezigner"), "the edit is published");
}
