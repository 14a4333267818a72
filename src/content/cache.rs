//! The parse cache: each posting body as rendered (Markdown to HTML, plain text, links,
//! what the sanitiser removed), kept in `.vacancy-cache/bodies/` between runs, so `build`
//! and `check` render only the bodies that changed. Rendering bodies is the largest part
//! of reading a large board; the front matter is still read from every file, which is
//! cheap and keeps every diagnostic exact.
//!
//! An entry is keyed by the SHA-256 of the body text. Everything else rendering depends on
//! is the cache's identity: this binary (version, and size and time of the executable, as
//! for page fingerprints) and `markdown.raw_html`; a cache of another identity is ignored.
//! Each entry carries the SHA-256 of its stored bytes, so a corrupt or truncated file is
//! ignored (entry by entry) rather than trusted. The entries are spread over 256 files by
//! the first byte of their key, so one edit rewrites one small file. Deleting the folder
//! is always safe.

use crate::markdown::{self, Rendered};
use crate::sanitize::RawHtml;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where the cache lives, in the site folder.
pub const CACHE_DIR: &str = ".vacancy-cache/bodies";

/// Bumped when the stored format changes.
const FORMAT: u32 = 1;

type Key = [u8; 32];

/// One shard file.
#[derive(Serialize, Deserialize)]
struct Shard<'a> {
    format: u32,
    identity: &'a str,
    #[serde(borrow)]
    entries: Vec<Entry<'a>>,
}

#[derive(Serialize, Deserialize)]
struct Entry<'a> {
    body: Key,
    /// SHA-256 of `rendered`.
    check: Key,
    /// A [`Rendered`] in postcard's encoding.
    rendered: &'a [u8],
}

/// Whether a run may update the cache: `build` does; `check` only reads what the builds
/// left, as it writes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Update {
    Yes,
    No,
}

/// The rendered bodies of the previous run, and this run's.
pub struct Bodies {
    dir: PathBuf,
    identity: String,
    raw_html: RawHtml,
    update: Update,
    /// Each shard file's bytes, as read.
    shards: Vec<Vec<u8>>,
    /// Body key → (shard, checksum, range of the stored bytes in the shard).
    index: HashMap<Key, (usize, Key, Range<usize>)>,
    /// Keys taken from the cache this run.
    reused: Mutex<HashSet<Key>>,
    /// Bodies rendered this run, encoded.
    rendered: Mutex<Vec<(Key, Vec<u8>)>>,
    counts: [AtomicUsize; 2],
}

impl Bodies {
    /// Opens the cache of the site in `root` for bodies rendered with `raw_html`; a
    /// missing, unreadable or foreign cache is empty. With `Update::No`, the bodies
    /// rendered are not kept for [`Self::save`].
    pub fn open(root: &Path, raw_html: RawHtml, update: Update) -> Bodies {
        let dir = root.join(CACHE_DIR);
        let identity = format!("{} raw_html={raw_html:?}", crate::render::fingerprint::binary_identity());
        let shards: Vec<Vec<u8>> = (0..=255u8)
            .into_par_iter()
            .map(|n| std::fs::read(dir.join(shard_name(n))).unwrap_or_default())
            .collect();
        let index = shards
            .par_iter()
            .enumerate()
            .flat_map_iter(|(n, bytes)| {
                let entries = postcard::from_bytes::<Shard>(bytes)
                    .ok()
                    .filter(|s| s.format == FORMAT && s.identity == identity)
                    .map(|s| s.entries)
                    .unwrap_or_default();
                let start = bytes.as_ptr() as usize;
                entries.into_iter().map(move |e| {
                    let at = e.rendered.as_ptr() as usize - start;
                    (e.body, (n, e.check, at..at + e.rendered.len()))
                })
            })
            .collect();
        Bodies {
            dir,
            identity,
            raw_html,
            update,
            shards,
            index,
            reused: Mutex::default(),
            rendered: Mutex::default(),
            counts: Default::default(),
        }
    }

    /// `body` rendered: from the cache when it holds it intact, else rendered now.
    pub fn render(&self, body: &str) -> Rendered {
        let key: Key = Sha256::digest(body.as_bytes()).into();
        if let Some(r) = self.cached(&key) {
            lock(&self.reused).insert(key);
            self.counts[1].fetch_add(1, Ordering::Relaxed);
            return r;
        }
        let r = markdown::render(body, self.raw_html);
        if self.update == Update::Yes
            && let Ok(bytes) = postcard::to_stdvec(&r)
        {
            lock(&self.rendered).push((key, bytes));
        }
        self.counts[0].fetch_add(1, Ordering::Relaxed);
        r
    }

    fn cached(&self, key: &Key) -> Option<Rendered> {
        let (shard, check, range) = self.index.get(key)?;
        let bytes = self.shards[*shard].get(range.clone())?;
        let intact = Sha256::digest(bytes)[..] == check[..];
        intact.then(|| postcard::from_bytes(bytes).ok()).flatten()
    }

    /// How many bodies were rendered and how many taken from the cache.
    pub fn counts(&self) -> (usize, usize) {
        (self.counts[0].load(Ordering::Relaxed), self.counts[1].load(Ordering::Relaxed))
    }

    /// Writes the shards that changed: those with bodies rendered this run, or with
    /// entries no longer used (an edited or deleted posting's old body). Each shard is
    /// replaced atomically; a failure to write leaves the cache as it was, which is only
    /// slower next time, so it is not an error. Does nothing with `Update::No`.
    pub fn save(self) {
        if self.update == Update::No {
            return;
        }
        let reused = self.reused.into_inner().unwrap_or_else(|e| e.into_inner());
        let rendered = self.rendered.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut shards: BTreeMap<u8, BTreeMap<Key, (Key, &[u8])>> = BTreeMap::new();
        let mut stale: HashSet<u8> = HashSet::new();
        for (key, (n, check, range)) in &self.index {
            if reused.contains(key) {
                shards.entry(key[0]).or_default().insert(*key, (*check, &self.shards[*n][range.clone()]));
            } else {
                stale.insert(key[0]);
            }
        }
        let checks: Vec<(Key, Key)> = rendered.iter().map(|(k, b)| (*k, Sha256::digest(b).into())).collect();
        for ((key, bytes), (_, check)) in rendered.iter().zip(&checks) {
            stale.insert(key[0]);
            shards.entry(key[0]).or_default().insert(*key, (*check, bytes.as_slice()));
        }
        if stale.is_empty() {
            return;
        }
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        for n in stale {
            let entries = shards
                .get(&n)
                .into_iter()
                .flatten()
                .map(|(body, (check, rendered))| Entry { body: *body, check: *check, rendered })
                .collect();
            let shard = Shard { format: FORMAT, identity: &self.identity, entries };
            let path = self.dir.join(shard_name(n));
            let _ = postcard::to_stdvec(&shard).map(|bytes| write_atomically(&self.dir, &path, &bytes));
        }
    }
}

fn shard_name(n: u8) -> String {
    format!("{n:02x}")
}

fn write_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
