//! The posting cache (`.vacancy-cache/postings/`): a later build or check neither parses
//! nor validates an unchanged posting file, replays its diagnostics exactly, and ignores
//! a damaged or foreign cache.

mod common;

use common::{build, stderr, vacancy};
use std::fs;
use std::path::Path;

/// The numbers of "Postings: parsed N, reused M from …".
#[track_caller]
fn counts(err: &str) -> (usize, usize) {
    let line = err.lines().find_map(|l| l.strip_prefix("Postings: parsed ")).expect(err);
    let (parsed, rest) = line.split_once(", reused ").expect(err);
    (parsed.parse().unwrap(), rest.split_whitespace().next().unwrap().parse().unwrap())
}

/// Builds verbosely (the build may fail on the site's errors; the cache is still
/// written); returns (files parsed, files reused).
#[track_caller]
fn build_counts(root: &Path) -> (usize, usize) {
    counts(&stderr(&build(root, &["--verbose"])))
}

fn check(root: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", "--root", root.to_str().unwrap(), "--now", common::NOW];
    args.extend_from_slice(extra);
    vacancy(&args)
}

/// The shared base of the invalid fixtures, with the posting files of several of its
/// cases (errors of every kind: YAML, encoding, fields, duplicates) and the minimal
/// fixture's postings (warnings: closing soon, expired, drafts).
fn mixed_site() -> (tempfile::TempDir, usize) {
    let dir = tempfile::tempdir().unwrap();
    let invalid = common::fixtures().join("invalid");
    common::copy_dir(&invalid.join("_base"), dir.path());
    let jobs = dir.path().join("content/jobs");
    fs::create_dir_all(&jobs).unwrap();
    let cases = [
        "several-errors",
        "placeholder-markers",
        "unknown-company",
        "salary-min-above-max",
        "bad-yaml",
        "not-utf8",
        "missing-front-matter",
        "duplicate-slug",
        "inline-company-clash",
        "bad-alias-and-updated",
        "unknown-country",
    ];
    let mut n = 0;
    for case in cases {
        for entry in fs::read_dir(invalid.join(case).join("content/jobs")).unwrap() {
            let path = entry.unwrap().path();
            if !path.is_file() {
                continue;
            }
            fs::copy(&path, jobs.join(format!("{case}-{}", path.file_name().unwrap().to_string_lossy())))
                .unwrap();
            n += 1;
        }
    }
    for entry in fs::read_dir(common::fixtures().join("minimal/content/jobs")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, jobs.join(path.file_name().unwrap())).unwrap();
        n += 1;
    }
    (dir, n)
}

#[test]
fn a_warm_check_reports_exactly_what_a_cold_one_does() {
    let (site, files) = mixed_site();
    let root = site.path();
    let cold = ["human", "json", "github"].map(|f| check(root, &["--format", f]));
    let text = String::from_utf8_lossy(&cold[0].stdout).into_owned() + &stderr(&cold[0]);
    assert!(text.contains("error") && text.contains("warning"), "the site has both: {text}");
    assert!(!root.join(".vacancy-cache/postings").exists(), "check writes no cache");

    assert_eq!(build_counts(root), (files, 0), "a first build parses every file");
    let warm = check(root, &["--verbose"]);
    assert_eq!(counts(&stderr(&warm)), (0, files), "check parses no unchanged file");
    for (format, cold) in ["human", "json", "github"].iter().zip(&cold) {
        let warm = check(root, &["--format", format]);
        assert_eq!(String::from_utf8_lossy(&warm.stdout), String::from_utf8_lossy(&cold.stdout), "{format}");
        assert_eq!(stderr(&warm), stderr(cold), "{format}");
        assert_eq!(warm.status.code(), cold.status.code());
    }

    // Of a restored posting's body, check reads only the word count and links the
    // posting cache holds: without the body cache it renders no body and says the same.
    fs::remove_dir_all(root.join(".vacancy-cache/bodies")).unwrap();
    let warm = check(root, &["--verbose"]);
    assert!(stderr(&warm).contains("Posting bodies: rendered 0, reused 0"), "{}", stderr(&warm));
    let warm = check(root, &[]);
    assert_eq!(String::from_utf8_lossy(&warm.stdout), String::from_utf8_lossy(&cold[0].stdout));
    assert_eq!(stderr(&warm), stderr(&cold[0]));
}

#[test]
fn a_build_parses_only_what_changed() {
    let site = common::site_copy("minimal");
    let root = site.path();
    let page = |root: &Path| fs::read(root.join("public/jobs/rust-engineer/index.html")).unwrap();
    assert_eq!(build_counts(root), (6, 0));
    let cold = page(root);
    assert_eq!(build_counts(root), (0, 6), "an unchanged site parses nothing");
    assert_eq!(page(root), cold, "a page from cached postings is the same page");

    let edited = root.join("content/jobs/rust-engineer.md");
    let text = fs::read_to_string(&edited).unwrap();
    fs::write(&edited, text.replace("title: ", "title: Senior ")).unwrap();
    assert_eq!(build_counts(root), (1, 5), "only the edited file");
    assert!(String::from_utf8_lossy(&page(root)).contains("Senior "), "the page shows the edit");

    // A renamed file has another slug and path: parsed again.
    fs::rename(&edited, root.join("content/jobs/rust-engineer-2.md")).unwrap();
    assert_eq!(build_counts(root), (1, 5));
    assert!(root.join("public/jobs/rust-engineer-2/index.html").exists());

    // Parsing reads the config and the company files: a change to either parses all.
    let company = root.join("content/companies/globex.yaml");
    fs::write(&company, fs::read_to_string(&company).unwrap().replace("Globex", "Globex Two")).unwrap();
    assert_eq!(build_counts(root), (6, 0), "a company file changed");
    assert!(
        fs::read_to_string(root.join("public/jobs/rust-engineer-2/index.html"))
            .unwrap()
            .contains("Globex Two")
    );
    let config = root.join("config.yaml");
    fs::write(&config, fs::read_to_string(&config).unwrap() + "\n# a comment\n").unwrap();
    assert_eq!(build_counts(root), (6, 0), "config.yaml changed");
    assert_eq!(build_counts(root), (0, 6));
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored() {
    let (site, good) = common::built_minimal(|root| {
        build_counts(root);
    });
    let root = site.path();
    let page = |root: &Path| fs::read(root.join(common::RUST_PAGE)).unwrap();

    let dir = root.join(".vacancy-cache/postings");
    for (what, damage) in common::DAMAGES {
        common::rewrite_files(&dir, damage);
        assert_eq!(build_counts(root), (6, 0), "a cache {what} is not read");
        assert_eq!(page(root), good, "{what}");
    }
    assert_eq!(build_counts(root), (0, 6), "the cache was written again");

    // One changed byte in a stored title: that entry's checksum fails, it alone is parsed.
    common::flip_byte(&dir, b"Rust Engineer");
    assert_eq!(build_counts(root), (1, 5));
    assert_eq!(page(root), good);

    // The bodies' cache gone: the postings naming them are parsed again.
    fs::remove_dir_all(root.join(".vacancy-cache/bodies")).unwrap();
    assert_eq!(build_counts(root), (6, 0));
    assert_eq!(page(root), good);
}
