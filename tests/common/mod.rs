//! Shared helpers for integration tests: copy a fixture site to a temp dir, run the real
//! binary on it, and read what it wrote.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The "now" every fixture build uses, so tests never depend on the clock.
pub const NOW: &str = "2026-11-30T12:00:00Z";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies `src` into `dst` recursively.
pub fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let to = dst.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
}

/// A fixture copied into a fresh temp dir.
pub fn site_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join(name), dir.path());
    dir
}

/// Runs `vacancy <args>` and returns its output.
pub fn vacancy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vacancy"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("running vacancy")
}

/// Runs `vacancy build --root <root> --now NOW <extra>`.
pub fn build(root: &Path, extra: &[&str]) -> Output {
    let root = root.to_str().unwrap();
    let mut args = vec!["build", "--root", root, "--now", NOW];
    args.extend_from_slice(extra);
    vacancy(&args)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A built fixture and its output folder.
pub struct Built {
    pub dir: tempfile::TempDir,
    pub stderr: String,
}

impl Built {
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.public().join(rel).exists()
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.public().join(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    pub fn html(&self, rel: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.read(rel))
    }

    /// Every JSON-LD block on a page, parsed.
    pub fn jsonld(&self, rel: &str) -> Vec<serde_json::Value> {
        let html = self.html(rel);
        let sel = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
        html.select(&sel)
            .map(|s| {
                // A script's text is raw (as a browser's `textContent`), not HTML to unescape.
                let text: String = s.text().collect();
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("JSON-LD on {rel}: {e}"))
            })
            .collect()
    }

    /// The JobPosting JSON-LD on a page; panics unless there is exactly one.
    pub fn job_posting(&self, rel: &str) -> serde_json::Value {
        let mut docs: Vec<_> = self.jsonld(rel).into_iter().filter(|d| d["@type"] == "JobPosting").collect();
        assert_eq!(docs.len(), 1, "{rel} should have exactly one JobPosting");
        docs.remove(0)
    }

    /// Texts of the elements matching `css` on a page.
    pub fn texts(&self, rel: &str, css: &str) -> Vec<String> {
        let html = self.html(rel);
        let sel = scraper::Selector::parse(css).unwrap();
        html.select(&sel)
            .map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    /// Values of `attr` on the elements matching `css`.
    pub fn attrs(&self, rel: &str, css: &str, attr: &str) -> Vec<String> {
        let html = self.html(rel);
        let sel = scraper::Selector::parse(css).unwrap();
        html.select(&sel).filter_map(|e| e.value().attr(attr).map(str::to_string)).collect()
    }

    /// Every file under the output folder, relative, sorted.
    pub fn files(&self) -> Vec<String> {
        walk_files(&self.public(), |_| ()).into_keys().collect()
    }
}

/// Every file under `dir` by its `/`-separated relative path, with what `read` takes from it.
pub fn walk_files<T>(dir: &Path, mut read: impl FnMut(&Path) -> T) -> std::collections::BTreeMap<String, T> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, read(e.path()))
        })
        .collect()
}

/// Builds a fixture with the fixed "now"; panics with stderr if the build fails.
pub fn build_fixture(name: &str, extra: &[&str]) -> Built {
    let dir = site_copy(name);
    let out = build(dir.path(), extra);
    let err = stderr(&out);
    assert!(out.status.success(), "build of {name} failed:\n{err}");
    Built { dir, stderr: err }
}

/// Replaces the bytes of every file directly in `dir` with `change(bytes)`: how the cache
/// tests damage a cache.
pub fn rewrite_files(dir: &Path, change: impl Fn(Vec<u8>) -> Vec<u8>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, change(bytes)).unwrap();
    }
}

/// A posting page of the minimal fixture, output-relative to the site.
pub const RUST_PAGE: &str = "public/jobs/rust-engineer/index.html";

/// A copy of the minimal fixture built by `build`, and the bytes of its [`RUST_PAGE`]:
/// how the cache tests start.
pub fn built_minimal(build: impl Fn(&Path)) -> (tempfile::TempDir, Vec<u8>) {
    let site = site_copy("minimal");
    build(site.path());
    let page = std::fs::read(site.path().join(RUST_PAGE)).unwrap();
    (site, page)
}

/// A change to a file's bytes.
pub type Damage = fn(Vec<u8>) -> Vec<u8>;

/// The ways the cache tests damage every file of a cache: each must be ignored.
pub const DAMAGES: [(&str, Damage); 3] = [
    ("truncated", |bytes| bytes[..bytes.len() / 2].to_vec()),
    ("another format version (the first byte)", |mut bytes| {
        bytes[0] = bytes[0].wrapping_add(1);
        bytes
    }),
    ("garbage", |_| b"not a cache".to_vec()),
];

/// Changes the first byte of the first `marker` in a file of the cache folder `dir` to
/// `D`: one entry's bytes no longer match its checksum.
pub fn flip_byte(dir: &Path, marker: &[u8]) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let (file, mut bytes, at) = files
        .into_iter()
        .find_map(|f| {
            let bytes = std::fs::read(&f).unwrap();
            let at = bytes.windows(marker.len()).position(|w| w == marker)?;
            Some((f, bytes, at))
        })
        .expect("a cache entry holds the marker");
    bytes[at] = b'D';
    std::fs::write(&file, bytes).unwrap();
}
