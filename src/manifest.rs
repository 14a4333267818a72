//! The change manifest: which posting URLs were added, updated or removed since the
//! previous build, for Google's Indexing API and IndexNow.
//!
//! Each build publishes a small state file (URL → content hash) with the site. The next
//! build compares against a copy of it: the `--previous-state` file (CI fetches it from the
//! live site or restores it from its cache, as runners start empty), else the one in the
//! output folder it is about to replace. "Updated" means the posting itself changed (its
//! file, or its open/closed state), never that a listing around it moved, so only posting
//! pages are tracked.

use crate::render::Page;
use crate::site::Site;
use crate::site::urls;
use anyhow::Context;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
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

/// The URLs that changed between two states, each list sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    /// The site's base URL: IndexNow needs its host and the key file's location.
    pub base_url: String,
    /// False when there was no previous state: then every URL counts as added.
    pub compared: bool,
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub removed: Vec<String>,
    /// `lastmod` of each added or updated URL.
    pub lastmod: BTreeMap<String, String>,
}

impl Changes {
    /// Every changed URL: what IndexNow wants (it fetches each to see what happened).
    pub fn all_urls(&self) -> impl Iterator<Item = &String> {
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
        let urls = open
            .chain(closed)
            .map(|(p, status)| {
                let mut hash = Sha256::new();
                hash.update(p.digest);
                hash.update(status.as_bytes());
                let hash: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
                (urls::posting(&p.slug).permalink(base), Entry { hash, lastmod: p.lastmod_iso(tz) })
            })
            .collect();
        State { version: VERSION, urls }
    }

    /// What changed from `previous` (none: the first build) to `self`.
    pub fn changes_since(&self, previous: Option<&State>, base_url: &str) -> Changes {
        let mut changes =
            Changes { base_url: base_url.to_string(), compared: previous.is_some(), ..Changes::default() };
        let empty = BTreeMap::new();
        let before = previous.map_or(&empty, |s| &s.urls);
        for (url, entry) in &self.urls {
            let list = match before.get(url) {
                None => &mut changes.added,
                Some(old) if old.hash != entry.hash => &mut changes.updated,
                Some(_) => continue,
            };
            list.push(url.clone());
            changes.lastmod.insert(url.clone(), entry.lastmod.clone());
        }
        changes.removed = before.keys().filter(|u| !self.urls.contains_key(*u)).cloned().collect();
        changes
    }

    /// Reads a state file. A missing or empty file (a failed fetch may leave one), or one
    /// of another format version, is no state (a first build); a file that is not a state file is an error, so a wrong path in
    /// CI does not silently announce every URL again.
    pub fn read(path: &Path) -> anyhow::Result<Option<State>> {
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
        let state: State = serde_json::from_slice(&bytes).with_context(|| {
            format!(
                "{} is not a Vacancy state file (expected {STATE_FILE} of an earlier build)",
                path.display()
            )
        })?;
        Ok((state.version == VERSION).then_some(state))
    }
}

/// The state file and the change manifest, as pages of the site.
pub fn pages(state: &State, changes: &Changes) -> Vec<Page> {
    vec![
        Page { rel: STATE_FILE.to_string(), bytes: pretty(state).into_bytes().into() },
        Page { rel: CHANGES_FILE.to_string(), bytes: pretty(changes).into_bytes().into() },
    ]
}

/// Pretty JSON with a final newline, so the files diff well.
fn pretty(value: &impl Serialize) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("plain data serializes");
    s.push('\n');
    s
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
        assert_eq!(c.lastmod.keys().collect::<Vec<_>>(), ["https://x/b/", "https://x/d/"]);
    }

    #[test]
    fn without_a_previous_state_everything_is_added() {
        let c = state(&[("https://x/a/", "1")]).changes_since(None, "https://x/");
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
    }
}
