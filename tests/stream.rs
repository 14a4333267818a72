//! Streaming: `build` keeps posting bodies out of memory and writes the exports that list
//! every posting as they are produced. What it writes must be what the whole-file
//! rendering (held in memory, as `serve` does) gives, and a rebuild must still leave an
//! unchanged streamed file alone.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::Path;
use vacancy::build::{self, Options};
use vacancy::render::Collect;

/// Every file under `dir`, by output-relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walk_files(dir, |path| std::fs::read(path).unwrap())
}

fn append_config(root: &Path, yaml: &str) {
    let path = root.join("config.yaml");
    let config = std::fs::read_to_string(&path).unwrap() + yaml;
    std::fs::write(path, config).unwrap();
}

/// The site in `root` rendered in memory, the way `serve` holds it.
fn in_memory(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let opts = Options {
        root: root.to_path_buf(),
        base_url: None,
        drafts: false,
        now: vacancy::dates::When::parse(NOW).unwrap(),
    };
    let loaded = build::load(&opts).unwrap_or_else(|_| panic!("loading {}", root.display()));
    let sink = Collect::default();
    build::render_loaded(&opts, &loaded, &sink).unwrap_or_else(|_| panic!("rendering"));
    sink.into_pages().into_iter().map(|p| (p.rel, p.bytes.to_vec())).collect()
}

const EXPORTS: [&str; 4] = ["jobs.json", "jobs-indeed.xml", "atom.xml", "feed.json"];

#[test]
fn streamed_exports_equal_the_ones_rendered_whole() {
    let site = site_copy("minimal");
    // Small parts, so `/jobs.json` is split and each part serialized on its own.
    append_config(site.path(), "syndication: {jobs_json_max_bytes: 2500}\n");
    let out = site.path().join("public");
    let o = build(site.path(), &["--output-dir", out.to_str().unwrap(), "--verbose"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // `/jobs-indeed.xml`, the state file and the change manifest went to disk without a
    // whole copy in memory.
    assert!(stderr(&o).contains("Streamed 3 files to disk as produced"), "{}", stderr(&o));
    let on_disk = files(&out);
    let whole = in_memory(site.path());
    let parts: Vec<&String> =
        on_disk.keys().filter(|k| k.starts_with("jobs-") && k.ends_with(".json")).collect();
    assert!(parts.len() >= 2, "the export is split: {parts:?}");
    for rel in EXPORTS.iter().copied().chain(parts.iter().map(|s| s.as_str())) {
        let disk = on_disk.get(rel).unwrap_or_else(|| panic!("{rel} written"));
        assert_eq!(Some(disk), whole.get(rel), "{rel}: streamed to disk vs rendered whole");
    }
    // And every page: the bodies read back from the spill file are the bodies.
    for (rel, bytes) in &whole {
        assert_eq!(on_disk.get(rel), Some(bytes), "{rel}");
    }
}

#[test]
fn split_parts_hold_exactly_the_unsplit_export() {
    let jobs = |max: &str| {
        let site = site_copy("minimal");
        append_config(site.path(), &format!("syndication: {{jobs_json_max_bytes: {max}}}\n"));
        let pages = in_memory(site.path());
        let doc = |rel: &str| serde_json::from_slice::<serde_json::Value>(&pages[rel]).unwrap();
        let index = doc("jobs.json");
        match index["pages"].as_array() {
            None => index["jobs"].as_array().unwrap().clone(),
            Some(parts) => (1..=parts.len())
                .flat_map(|n| doc(&format!("jobs-{n}.json"))["jobs"].as_array().unwrap().clone())
                .collect(),
        }
    };
    let (whole, split) = (jobs("10000000"), jobs("2500"));
    assert!(whole.len() >= 3);
    assert_eq!(split, whole);
}

#[test]
fn a_rebuild_rewrites_a_streamed_export_only_when_its_bytes_change() {
    let site = site_copy("minimal");
    let out = site.path().join("public");
    let out_arg = out.to_str().unwrap();
    let indeed = out.join("jobs-indeed.xml");
    assert!(build(site.path(), &["--output-dir", out_arg]).status.success());
    let first = std::fs::read(&indeed).unwrap();
    // Mark the file: a rebuild that wrote it would replace the marked file.
    let marked = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    std::fs::File::options().write(true).open(&indeed).unwrap().set_modified(marked).unwrap();
    let o = build(site.path(), &["--output-dir", out_arg]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::metadata(&indeed).unwrap().modified().unwrap(), marked, "unchanged: not rewritten");
    assert_eq!(std::fs::read(&indeed).unwrap(), first);

    // An edit at the end of every body (some postings of the fixture are not open).
    for entry in std::fs::read_dir(site.path().join("content/jobs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path).unwrap() + "\nA sentence added by the stream test.\n";
            std::fs::write(&path, text).unwrap();
        }
    }
    let o = build(site.path(), &["--output-dir", out_arg]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = std::fs::read(&indeed).unwrap();
    assert_ne!(std::fs::metadata(&indeed).unwrap().modified().unwrap(), marked);
    assert!(String::from_utf8_lossy(&after).contains("A sentence added by the stream test."));
    assert_eq!(Some(&after), in_memory(site.path()).get("jobs-indeed.xml"), "the whole new file, not a mix");
    let leftovers: Vec<String> = files(&out).into_keys().filter(|k| k.ends_with(".vacancy-new")).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_theme_that_prints_bodies_on_listings_still_gets_them() {
    let site = site_copy("minimal");
    // The default card, plus each posting's body: listings' views then carry it.
    let card = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/partials/card.html"),
    )
    .unwrap();
    let partials = site.path().join("templates/partials");
    std::fs::create_dir_all(&partials).unwrap();
    std::fs::write(
        partials.join("card.html"),
        card + "<div class=\"card-body\">{{ posting.body_html | safe }}</div>\n",
    )
    .unwrap();
    let out = site.path().join("public");
    let o = build(site.path(), &["--output-dir", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    let bodies = home.matches("<div class=\"card-body\">").count();
    assert!(bodies >= 2, "every card has its body block: {bodies}");
    assert!(!home.contains("<div class=\"card-body\"></div>"), "and none of them is empty");
}

/// Kill-safety, as the sink sees it: a file that lists other files is produced after
/// them, so a build stopped in between leaves no index naming a file not yet written.
#[test]
fn indexes_come_after_the_files_they_list() {
    let site = site_copy("minimal");
    append_config(site.path(), "syndication: {jobs_json_max_bytes: 2500}\n");
    let opts = Options {
        root: site.path().to_path_buf(),
        base_url: None,
        drafts: false,
        now: vacancy::dates::When::parse(NOW).unwrap(),
    };
    let loaded = build::load(&opts).unwrap_or_else(|_| panic!("loading"));
    let sink = Collect::default();
    build::render_loaded(&opts, &loaded, &sink).unwrap_or_else(|_| panic!("rendering"));
    let order: Vec<String> = sink.into_pages().into_iter().map(|p| p.rel).collect();
    let at = |rel: &str| order.iter().position(|r| r == rel).unwrap_or_else(|| panic!("{rel} in {order:?}"));
    let listed = |index: &str, part: &dyn Fn(&str) -> bool| {
        let parts: Vec<&String> = order.iter().filter(|r| part(r)).collect();
        assert!(!parts.is_empty(), "{index} lists files");
        for p in parts {
            assert!(at(p) < at(index), "{p} comes before {index}, which lists it");
        }
    };
    listed("search/index.json", &|r| r.starts_with("search/") && r != "search/index.json");
    listed("jobs.json", &|r| r.starts_with("jobs-") && r.ends_with(".json"));
}
