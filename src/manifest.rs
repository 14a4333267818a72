//! The change manifest: which posting URLs were added, updated or removed since the
//! previous build, for Google's Indexing API and IndexNow.
//!
//! Each build publishes a small state file (URL → content hash) with the site. The next
//! build compares against a copy of it: the `--previous-state` file (CI fetches it from the
//! live site or restores it from its cache, as runners start empty), else the one in the
//! output folder it is about to replace. "Updated" means the posting itself changed (its
//! file, or its open/closed state), never that a listing around it moved, so only posting
//! pages are tracked.

use crate::render::Sink;
use crate::site::Site;
use crate::site::urls;
use anyhow::Context;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// The published state file, at the site root.
pub const STATE_FILE: &str = "vacancy-state.json";
/// The published change manifest, at the site root; `vacancy ping` reads it.
pub const CHANGES_FILE: &str = "vacancy-changes.json";
/// The state file's format version; a different one is read as "no previous state".
const VERSION: u32 = 1;

/// What a build published: every posting URL a search engine may know.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub version: u32,
    /// Absolute URL → entry, sorted so the file is the same for the same site.
    pub urls: BTreeMap<String, Entry>,
}

/// One posting page in the state file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// SHA-256 (hex) of the posting's file and its open/closed state.
    pub hash: String,
    /// When the posting last changed (`updated:`, `posted:` or the last commit).
    pub lastmod: String,
}

/// The URLs that changed between two states, each list sorted: as read from the file
/// (`String`s), or borrowed from the states compared, which a build does (at 100,000
/// postings, copies of every URL would be 30 MB more).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes<S: Ord = String> {
    /// The site's base URL: IndexNow needs its host and the key file's location.
    pub base_url: S,
    /// False when there was no previous state: then every URL counts as added.
    pub compared: bool,
    pub added: Vec<S>,
    pub updated: Vec<S>,
    pub removed: Vec<S>,
    /// `lastmod` of each added or updated URL.
    pub lastmod: BTreeMap<S, S>,
}

impl<S: Ord> Changes<S> {
    /// Every changed URL: what IndexNow wants (it fetches each to see what happened).
    pub fn all_urls(&self) -> impl Iterator<Item = &S> {
        self.added.iter().chain(&self.updated).chain(&self.removed)
    }
}

impl State {
    /// The state of an assembled site: its open and closed posting pages; drafts, which
    /// are never indexed, are left out.
    pub fn of(site: &Site) -> State {
        let base = &site.config.base_url;
        let tz = &site.config.timezone;
        let open = site.open.iter().filter(|p| !p.draft).map(|p| (p, "open"));
        let closed = site.closed.iter().filter(|p| !p.draft).map(|p| (p, "closed"));
        let postings: Vec<_> = open.chain(closed).collect();
        let urls: Vec<_> = postings
            .into_par_iter()
            .map(|(p, status)| {
                let mut hash = Sha256::new();
                hash.update(p.digest);
                hash.update(status.as_bytes());
                let hash = crate::render::fingerprint::hex(&hash.finalize());
                (urls::posting(&p.slug).permalink(base), Entry { hash, lastmod: p.lastmod_iso(tz) })
            })
            .collect();
        State { version: VERSION, urls: urls.into_iter().collect() }
    }

    /// What changed from `previous` (none: the first build) to `self`.
    pub fn changes_since<'a>(&'a self, previous: Option<&'a State>, base_url: &'a str) -> Changes<&'a str> {
        let mut changes = Changes { base_url, compared: previous.is_some(), ..Changes::default() };
        let before = previous.map(|s| &s.urls);
        for (url, entry) in &self.urls {
            let list = match before.and_then(|b| b.get(url)) {
                None => &mut changes.added,
                Some(old) if old.hash != entry.hash => &mut changes.updated,
                Some(_) => continue,
            };
            list.push(url.as_str());
            changes.lastmod.insert(url.as_str(), entry.lastmod.as_str());
        }
        changes.removed = before
            .into_iter()
            .flat_map(BTreeMap::keys)
            .filter(|u| !self.urls.contains_key(*u))
            .map(String::as_str)
            .collect();
        changes
    }

    /// Reads a state file. A missing or empty file (a failed fetch may leave one), or one
    /// of another format version, is no state (a first build); a file that is not a state
    /// file is an error, so a wrong path in CI does not silently announce every URL again.
    pub fn read(path: &Path) -> anyhow::Result<Option<State>> {
        match parse::<State>(path) {
            Ok(state) => Ok(state.filter(|state| state.version == VERSION)),
            // Another version's entries may not parse as this one's: that is no state too.
            // Only then is the file read again, for its version alone.
            Err(e) => match Self::version(path) {
                Ok(Some(version)) if version != VERSION => Ok(None),
                _ => Err(e),
            },
        }
    }

    /// Fails where [`State::read`] fails on a file that is not a state file, without
    /// building the state: `build` checks the previous state before rendering, so a wrong
    /// path fails fast, and reads it only once the pages are done ([`publish`]).
    pub fn probe(path: &Path) -> anyhow::Result<()> {
        Self::version(path).map(drop)
    }

    /// The format version of the state file at `path`, its entries skipped rather than
    /// held; `None` when there is no file or it is blank.
    fn version(path: &Path) -> anyhow::Result<Option<u32>> {
        #[derive(Deserialize)]
        struct Shape {
            version: u32,
            #[serde(rename = "urls")]
            _urls: serde::de::IgnoredAny,
        }
        Ok(parse::<Shape>(path)?.map(|shape| shape.version))
    }
}

/// The JSON in the state file at `path`; `None` when there is none or it is blank.
fn parse<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<Option<T>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(e).with_context(|| format!("reading the previous state {}", path.display()));
        }
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let state = serde_json::from_slice(&bytes).with_context(|| {
        format!("{} is not a Vacancy state file (expected {STATE_FILE} of an earlier build)", path.display())
    })?;
    Ok(Some(state))
}

/// How many files [`publish`] puts.
pub const FILES: usize = 2;

/// Puts the change manifest since the state at `previous` ([`State::read`]) and the state
/// file of `site` into `sink`; returns [`Changes::line`]. `build` calls it after the
/// pages: the state and the changes list every posting URL (tens of megabytes at 100,000
/// postings), so they are made, streamed out as JSON and dropped rather than held while
/// pages render; and the state file, which the next build compares with, is written
/// last.
pub fn publish(site: &Site, previous: &Path, sink: &dyn Sink) -> anyhow::Result<String> {
    // Each is a map of every posting URL: made side by side.
    let (state, previous) = rayon::join(|| State::of(site), || State::read(previous));
    let previous = previous?;
    let changes = state.changes_since(previous.as_ref(), site.config.base_url.as_str());
    put_pretty(sink, CHANGES_FILE, &changes)?;
    put_pretty(sink, STATE_FILE, &state)?;
    Ok(changes.line())
}

/// Puts pretty JSON with a final newline, so the files diff well.
fn put_pretty(sink: &dyn Sink, rel: &str, value: &impl Serialize) -> anyhow::Result<()> {
    sink.put_streamed(rel, &mut |out| {
        // serde_json writes token by token: buffered, the sink sees few large writes.
        let mut out = std::io::BufWriter::new(out);
        serde_json::to_writer_pretty(&mut out, value).map_err(std::io::Error::other)?;
        out.write_all(b"\n")?;
        out.flush()
    })
}

impl<S: Ord> Changes<S> {
    /// "3 posting URLs changed since the previous build (1 added, 1 updated, 1 removed)".
    pub fn line(&self) -> String {
        let n = self.added.len() + self.updated.len() + self.removed.len();
        format!(
            "{} changed since the previous build ({} added, {} updated, {} removed){}",
            crate::diagnostic::count(n, "posting URL"),
            self.added.len(),
            self.updated.len(),
            self.removed.len(),
            if self.compared { "" } else { "; no previous state, so every URL counts as added" }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(entries: &[(&str, &str)]) -> State {
        let urls = entries
            .iter()
            .map(|(u, h)| (u.to_string(), Entry { hash: h.to_string(), lastmod: "2026-11-20".into() }))
            .collect();
        State { version: VERSION, urls }
    }

    #[test]
    fn sorts_urls_into_added_updated_and_removed() {
        let before = state(&[("https://x/a/", "1"), ("https://x/b/", "2"), ("https://x/c/", "3")]);
        let after = state(&[("https://x/a/", "1"), ("https://x/b/", "9"), ("https://x/d/", "4")]);
        let c = after.changes_since(Some(&before), "https://x/");
        assert!(c.compared);
        assert_eq!(c.added, ["https://x/d/"]);
        assert_eq!(c.updated, ["https://x/b/"]);
        assert_eq!(c.removed, ["https://x/c/"]);
        assert_eq!(c.lastmod.keys().copied().collect::<Vec<_>>(), ["https://x/b/", "https://x/d/"]);
    }

    #[test]
    fn without_a_previous_state_everything_is_added() {
        let s = state(&[("https://x/a/", "1")]);
        let c = s.changes_since(None, "https://x/");
        assert!(!c.compared);
        assert_eq!(c.added, ["https://x/a/"]);
        assert!(c.updated.is_empty() && c.removed.is_empty());
    }

    #[test]
    fn reads_missing_as_none_and_garbage_as_error() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(State::read(&dir.path().join("nope.json")).unwrap(), None);
        let empty = dir.path().join("empty.json");
        std::fs::write(&empty, "").unwrap();
        assert_eq!(State::read(&empty).unwrap(), None);
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, "<html>404</html>").unwrap();
        assert!(State::read(&bad).unwrap_err().to_string().contains("not a Vacancy state file"));
        let good = dir.path().join("good.json");
        let s = state(&[("https://x/a/", "1")]);
        std::fs::write(&good, serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(State::read(&good).unwrap(), Some(s));
        // The check before rendering agrees with the read after it.
        assert!(State::probe(&bad).unwrap_err().to_string().contains("not a Vacancy state file"));
        for fine in ["nope.json", "empty.json", "good.json"] {
            State::probe(&dir.path().join(fine)).unwrap();
        }
        // Another format version is no state, and no reason to stop.
        let newer = dir.path().join("newer.json");
        std::fs::write(&newer, r#"{"version": 99, "urls": {"https://x/a/": 1}}"#).unwrap();
        assert_eq!(State::read(&newer).unwrap(), None);
        State::probe(&newer).unwrap();
        let not_a_map = dir.path().join("other.json");
        std::fs::write(&not_a_map, r#"{"versions": [1]}"#).unwrap();
        assert!(State::probe(&not_a_map).is_err());
    }

    #[test]
    fn files_are_streamed_as_pretty_json_with_a_final_newline() {
        let s = state(&[("https://x/a/", "1"), ("https://x/b/", "2")]);
        let sink = crate::render::Collect::default();
        put_pretty(&sink, STATE_FILE, &s).unwrap();
        let pages = sink.into_pages();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].rel, STATE_FILE);
        let text = std::str::from_utf8(&pages[0].bytes).unwrap();
        let mut expected = serde_json::to_string_pretty(&s).unwrap();
        expected.push('\n');
        assert_eq!(text, expected);
        assert!(text.contains("\n  \"urls\": {\n    \"https://x/a/\": {"), "{text}");
    }
}
