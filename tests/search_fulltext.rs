//! `search: full`: the Pagefind bundle next to the compact index, and the map from compact
//! records to Pagefind page ids that search.js merges results with. Only with the
//! `fulltext` feature (the default); without it, `search: full` is a config error (tested
//! in src/config.rs).
#![cfg(feature = "fulltext")]

mod common;

use common::{Built, NOW, build, site_copy, stderr};
use serde_json::{Value, json};

/// The minimal fixture with `search:` and the language set.
fn site(search: &str, language: &str) -> tempfile::TempDir {
    let dir = site_copy("minimal");
    let path = dir.path().join("config.yaml");
    let config =
        std::fs::read_to_string(&path).unwrap().replace("language: en", &format!("language: {language}"));
    std::fs::write(&path, format!("{config}search: {search}\n")).unwrap();
    dir
}

/// [`site`], built at `now`.
fn built(search: &str, language: &str, now: &str) -> Built {
    let dir = site(search, language);
    let out = common::vacancy(&["build", "--root", dir.path().to_str().unwrap(), "--now", now]);
    assert!(out.status.success(), "{}", stderr(&out));
    Built { dir, stderr: stderr(&out) }
}

fn json(b: &Built, rel: &str) -> Value {
    serde_json::from_str(&b.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn full_writes_a_pagefind_bundle_and_maps_every_record_to_its_page() {
    let b = built("full", "en", NOW);
    let m = json(&b, "search/index.json");
    assert_eq!(
        m["fulltext"],
        json!({"bundle": "/careers/pagefind/", "ids": "/careers/search/fulltext.json"})
    );
    // One Pagefind id per compact record, in the same order, all different.
    let ids = json(&b, "search/fulltext.json");
    let ids: Vec<&str> = ids.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    let slugs = json(&b, "search/0.json")["slug"].as_array().unwrap().len();
    assert_eq!(ids.len(), slugs);
    assert_eq!(ids.len(), m["count"].as_u64().unwrap() as usize);
    assert!(ids.iter().all(|id| id.starts_with("en_")), "{ids:?}");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    // The bundle: Pagefind's script, its entry naming the language and page count, the
    // English stemming wasm, and the hashed index, meta and fragment files.
    let entry = json(&b, "pagefind/pagefind-entry.json");
    assert_eq!(entry["languages"]["en"]["page_count"], ids.len());
    assert!(b.read("pagefind/pagefind.js").contains("pagefind_version"));
    let files = b.files();
    let under = |dir: &str| files.iter().filter(|f| f.starts_with(dir)).count();
    assert!(under("pagefind/index/") >= 1, "{files:?}");
    assert!(under("pagefind/fragment/") >= 1, "{files:?}");
    assert!(
        files.iter().any(|f| f.starts_with("pagefind/pagefind.en_") && f.ends_with(".pf_meta")),
        "{files:?}"
    );
    assert!(b.exists("pagefind/wasm.en.pagefind"));
    // Small boards put every posting in one fragment file; Pagefind's own UIs are left out.
    assert_eq!(under("pagefind/fragment/"), 1, "{files:?}");
    assert!(
        !files.iter().any(|f| f.contains("pagefind-ui") || f.contains("pagefind-component-ui")),
        "{files:?}"
    );
}

#[test]
fn true_and_false_write_no_pagefind_bundle() {
    for search in ["true", "false"] {
        let b = built(search, "en", NOW);
        assert!(!b.public().join("pagefind").exists(), "search: {search}");
        assert!(!b.exists("search/fulltext.json"), "search: {search}");
    }
    let b = built("true", "en", NOW);
    assert!(json(&b, "search/index.json").get("fulltext").is_none());
}

#[test]
fn the_bundle_is_in_the_sites_language() {
    let b = built("full", "de-AT", NOW);
    let entry = json(&b, "pagefind/pagefind-entry.json");
    assert!(entry["languages"].get("de").is_some(), "{entry}");
    assert!(entry["languages"].get("en").is_none(), "{entry}");
    assert!(b.exists("pagefind/wasm.de.pagefind"));
}

#[test]
fn a_rebuild_with_the_same_postings_writes_the_same_bundle() {
    // A day later, nothing opened or closed: the same bytes (a daily rebuild rewrites nothing).
    let first = built("full", "en", NOW);
    let second = built("full", "en", "2026-12-01T12:00:00Z");
    let pagefind = |b: &Built| -> Vec<(String, Vec<u8>)> {
        b.files()
            .into_iter()
            .filter(|f| f.starts_with("pagefind/") || f.starts_with("search/"))
            .map(|f| {
                let bytes = std::fs::read(b.public().join(&f)).unwrap();
                (f, bytes)
            })
            .collect()
    };
    let (a, b) = (pagefind(&first), pagefind(&second));
    assert!(a.len() > 5);
    assert_eq!(a.iter().map(|f| &f.0).collect::<Vec<_>>(), b.iter().map(|f| &f.0).collect::<Vec<_>>());
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{name} differs");
    }
}

#[test]
fn check_accepts_full() {
    let dir = site("full", "en");
    let out = common::vacancy(&["check", "--root", dir.path().to_str().unwrap(), "--now", NOW]);
    assert!(out.status.success(), "{}", stderr(&out));
    // and a build of the same site writes the bundle
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("public/pagefind/pagefind.js").exists());
}
