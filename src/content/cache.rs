//! The parse cache: each posting body as rendered (Markdown to HTML, plain text, links,
//! what the sanitiser removed), kept in `.vacancy-cache/bodies/` between runs, so `build`
//! and `check` render only the bodies that changed. Rendering bodies is the largest part
//! of reading a large board; the front matter is still read from every file, which is
//! cheap and keeps every diagnostic exact.
//!
//! An entry is keyed by the SHA-256 of the body text. Everything else rendering depends on
//! is the cache's identity: this binary (version, and size and time of the executable, as
//! for page fingerprints) and `markdown.raw_html`; a cache of another identity is ignored.
//! Each entry carries a checksum of its stored bytes ([`super::store::checksum`]), so a
//! corrupt or truncated file is ignored (entry by entry) rather than trusted. The entries are spread over 256 files by
//! the first byte of their key, so one edit rewrites one small file. Deleting the folder
//! is always safe.

use super::body::Stored;
use super::spill::Spill;
use super::store::{Check, FORMAT, Key, Shard, checksum, lock, shard_name, write_shard};
use crate::markdown::{self, Rendered};
use crate::sanitize::RawHtml;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::Read as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Where the cache lives, in the site folder.
pub const CACHE_DIR: &str = ".vacancy-cache/bodies";

/// Whether a run may update the cache: `build` does; `check` only reads what the builds
/// left, as it writes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Update {
    Yes,
    No,
}

/// The shards of the previous run.
#[derive(Default)]
struct Index {
    /// Each shard file, open, when it is this cache's: entries are read from it when
    /// asked for, so the cache is never all in memory.
    files: Vec<Option<Arc<File>>>,
    /// Body key → (shard, checksum, range of the stored bytes in the shard).
    entries: HashMap<Key, (usize, Check, Range<u64>)>,
}

impl Index {
    /// Reads the shards in `dir` of cache `identity`; `parallel` for a build, which reads
    /// them all (a `check` indexes them from inside its parallel parse, one at a time).
    fn read(dir: &Path, identity: &str, parallel: bool) -> Index {
        let shard = |n: u8| index_shard(&dir.join(shard_name(n)), identity).unwrap_or_default();
        let shards: Vec<Indexed> = if parallel {
            (0..=255u8).into_par_iter().map(shard).collect()
        } else {
            (0..=255u8).map(shard).collect()
        };
        let mut index = Index { files: Vec::with_capacity(shards.len()), entries: HashMap::new() };
        for (n, (file, entries)) in shards.into_iter().enumerate() {
            index.files.push(file);
            index.entries.extend(entries.into_iter().map(|(body, check, range)| (body, (n, check, range))));
        }
        index
    }
}

/// The rendered bodies of the previous run, and this run's.
pub struct Bodies {
    dir: PathBuf,
    identity: String,
    raw_html: RawHtml,
    update: Update,
    /// The shards, indexed when first asked for with `Update::No`: a `check` whose
    /// postings all come from the posting cache reads no body ([`super::parsed`]).
    index: OnceLock<Index>,
    /// Keys taken from the cache this run.
    reused: Mutex<HashSet<Key>>,
    /// With `Update::Yes`: the file this run's rendered bodies are written to as they are
    /// rendered; postings read their bodies back from it
    /// ([`super::body::Stored`]), and [`Self::save`] copies them into the shards.
    spill: Option<Spill>,
    /// Bodies rendered this run: key, checksum and where they are in `spill`.
    rendered: Mutex<Vec<(Key, Check, Stored)>>,
    counts: [AtomicUsize; 2],
}

impl Bodies {
    /// Opens the cache of the site in `root` for bodies rendered with `raw_html`; a
    /// missing, unreadable or foreign cache is empty. With `Update::Yes` the bodies are
    /// handed out stored ([`super::body::Body::stored`]) and the ones rendered kept for [`Self::save`];
    /// with `Update::No` they are handed out in memory.
    pub fn open(root: &Path, raw_html: RawHtml, update: Update) -> Bodies {
        let dir = root.join(CACHE_DIR);
        let identity = format!("{} raw_html={raw_html:?}", crate::render::fingerprint::binary_identity());
        // Each shard is read whole once to index it, then only its file is kept.
        let index = OnceLock::new();
        if update == Update::Yes {
            let _ = index.set(Index::read(&dir, &identity, true));
        }
        let spill = (update == Update::Yes).then(|| Spill::create(&dir)).flatten();
        Bodies {
            dir,
            identity,
            raw_html,
            update,
            index,
            reused: Mutex::default(),
            spill,
            rendered: Mutex::default(),
            counts: Default::default(),
        }
    }

    /// `body` rendered: from the cache when it holds it intact, else rendered now; with
    /// `Update::Yes`, also where it is stored, for [`super::body::Body::stored`].
    pub fn render(&self, body: &str) -> (Rendered, Option<Stored>) {
        let key = key(body);
        if let Some((r, stored)) = self.take(&key) {
            return (r, (self.update == Update::Yes).then_some(stored));
        }
        let r = markdown::render(body, self.raw_html);
        self.counts[0].fetch_add(1, Ordering::Relaxed);
        let stored = self.spill(&key, &r);
        (r, stored)
    }

    /// Where the body of `key` ([`key`]) is stored, when the cache holds it intact; counted
    /// as reused. For postings restored from the posting cache, which keeps what every
    /// reader needs of the body (word count, links, JSON size): the body itself is neither
    /// read nor decoded until a page or export asks for it.
    pub fn locate(&self, key: &Key) -> Option<Stored> {
        let stored = self.find(key)?;
        self.mark_reused(key);
        Some(stored)
    }

    /// Where the body of `key` is in the cache; its checksum was verified when indexed.
    fn find(&self, key: &Key) -> Option<Stored> {
        let index = self.index();
        let (shard, _, range) = index.entries.get(key)?;
        Some(Stored { file: index.files[*shard].clone()?, range: range.clone() })
    }

    fn index(&self) -> &Index {
        // Sequential reads: a parallel one inside `get_or_init` could have this thread
        // steal a parse job that waits on this same initialisation.
        self.index.get_or_init(|| Index::read(&self.dir, &self.identity, false))
    }

    /// The cached body of `key`, kept by [`Self::save`] and counted as reused.
    fn take(&self, key: &Key) -> Option<(Rendered, Stored)> {
        let stored = self.find(key)?;
        let r = postcard::from_bytes(&stored.bytes().ok()?).ok()?;
        self.mark_reused(key);
        Some((r, stored))
    }

    fn mark_reused(&self, key: &Key) {
        lock(&self.reused).insert(*key);
        self.counts[1].fetch_add(1, Ordering::Relaxed);
    }

    /// Appends `r` to this run's spill file; `None` without one, or when writing fails
    /// (the body then stays in memory).
    fn spill(&self, key: &Key, r: &Rendered) -> Option<Stored> {
        let spill = self.spill.as_ref()?;
        let bytes = postcard::to_stdvec(r).ok()?;
        let stored = spill.append(&bytes)?;
        lock(&self.rendered).push((*key, checksum(&bytes), stored.clone()));
        Some(stored)
    }

    /// How many bodies were rendered and how many taken from the cache.
    pub fn counts(&self) -> (usize, usize) {
        (self.counts[0].load(Ordering::Relaxed), self.counts[1].load(Ordering::Relaxed))
    }

    /// Writes the shards that changed: those with bodies rendered this run, or with
    /// entries no longer used (an edited or deleted posting's old body), one shard at a
    /// time, read back from the old shard and the spill file. Each shard is replaced
    /// atomically; a failure to write leaves the cache as it was, which is only slower
    /// next time, so it is not an error. Does nothing with `Update::No`.
    pub fn save(self) {
        if self.spill.is_none() {
            return;
        }
        let reused = self.reused.into_inner().unwrap_or_else(|e| e.into_inner());
        let rendered = self.rendered.into_inner().unwrap_or_else(|e| e.into_inner());
        let index = self.index.into_inner().unwrap_or_default();
        // The shards to write: those with an entry rendered, or one not used this run.
        let kept = |key: &Key, n: usize| index.files[n].is_some() && reused.contains(key);
        let mut stale: HashSet<u8> =
            index.entries.iter().filter(|(key, (n, ..))| !kept(key, *n)).map(|(key, _)| key[0]).collect();
        stale.extend(rendered.iter().map(|(key, ..)| key[0]));
        if stale.is_empty() || std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        // Per shard to write: key → (checksum, where its bytes are).
        let mut shards: BTreeMap<u8, BTreeMap<Key, (Check, Stored)>> = BTreeMap::new();
        for (key, (n, check, range)) in &index.entries {
            if let Some(file) = &index.files[*n]
                && stale.contains(&key[0])
                && kept(key, *n)
            {
                let stored = Stored { file: file.clone(), range: range.clone() };
                shards.entry(key[0]).or_default().insert(*key, (*check, stored));
            }
        }
        for (key, check, stored) in rendered {
            shards.entry(key[0]).or_default().insert(key, (check, stored));
        }
        // Shard by shard on each thread: a cold build of 100,000 postings copies 1 GB here.
        stale.into_par_iter().for_each(|n| {
            let read: std::io::Result<Vec<(Key, Check, Vec<u8>)>> = shards
                .get(&n)
                .into_iter()
                .flatten()
                .map(|(body, (check, stored))| Ok((*body, *check, stored.bytes()?)))
                .collect();
            if let Ok(read) = read {
                write_shard(&self.dir, &self.identity, n, &read);
            }
        });
    }
}

/// A shard file, open, and its entries: key, checksum and range of the stored bytes.
pub(super) type Indexed = (Option<Arc<File>>, Vec<(Key, Check, Range<u64>)>);

/// Opens and indexes a shard file; `None` when it is missing, unreadable or another
/// cache's.
pub(super) fn index_shard(path: &Path, identity: &str) -> Option<Indexed> {
    let mut file = File::open(path).ok()?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).ok()?;
    let shard = postcard::from_bytes::<Shard>(&bytes)
        .ok()
        .filter(|s| s.format == FORMAT && s.identity == identity)?;
    let start = bytes.as_ptr() as usize;
    // Verified here, while the shard is in memory, rather than each time an entry is read.
    let entries = shard
        .entries
        .into_iter()
        .filter(|e| checksum(e.bytes) == e.check)
        .map(|e| {
            let at = (e.bytes.as_ptr() as usize - start) as u64;
            (e.key, e.check, at..at + e.bytes.len() as u64)
        })
        .collect();
    Some((Some(Arc::new(file)), entries))
}

/// The key of a body's entry.
pub fn key(body: &str) -> Key {
    Sha256::digest(body.as_bytes()).into()
}
