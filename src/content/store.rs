//! A keyed store of byte strings on disk, shared by the parse caches ([`super::cache`]
//! for rendered bodies, [`super::parsed`] for parsed postings).
//!
//! The store belongs to one identity (everything its entries depend on besides their key);
//! a store of another identity is ignored. Each entry carries the SHA-256 of its bytes, so
//! a corrupt or truncated file is ignored (entry by entry) rather than trusted. The
//! entries are spread over 256 files by the first byte of their key, so one edit rewrites
//! one small file. Deleting the folder is always safe.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Bumped when the stored format changes.
pub(super) const FORMAT: u32 = 1;

/// An entry's key: a SHA-256 of what it was made from.
pub type Key = [u8; 32];

/// One shard file.
#[derive(Serialize, Deserialize)]
pub(super) struct Shard<'a> {
    pub format: u32,
    pub identity: &'a str,
    #[serde(borrow)]
    pub entries: Vec<Entry<'a>>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct Entry<'a> {
    pub key: Key,
    /// SHA-256 of `bytes`.
    pub check: Key,
    pub bytes: &'a [u8],
}

/// The entries of the previous run, and this run's.
pub struct Store {
    dir: PathBuf,
    identity: String,
    /// Each shard file's bytes, as read.
    shards: Vec<Vec<u8>>,
    /// Key → (shard, checksum, range of the stored bytes in the shard).
    index: HashMap<Key, (usize, Key, Range<usize>)>,
    /// Keys taken from the store this run: kept by [`Store::save`].
    reused: Mutex<HashSet<Key>>,
    /// Entries made this run.
    added: Mutex<Vec<(Key, Vec<u8>)>>,
}

impl Store {
    /// Opens the store in `dir`; a missing, unreadable or foreign one is empty.
    pub fn open(dir: PathBuf, identity: String) -> Store {
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
                    let at = e.bytes.as_ptr() as usize - start;
                    (e.key, (n, e.check, at..at + e.bytes.len()))
                })
            })
            .collect();
        Store { dir, identity, shards, index, reused: Mutex::default(), added: Mutex::default() }
    }

    /// The bytes stored under `key` when they are intact; the entry is then kept by
    /// [`Store::save`].
    pub fn get(&self, key: &Key) -> Option<&[u8]> {
        let (shard, check, range) = self.index.get(key)?;
        let bytes = self.shards[*shard].get(range.clone())?;
        if Sha256::digest(bytes)[..] != check[..] {
            return None;
        }
        lock(&self.reused).insert(*key);
        Some(bytes)
    }

    /// Adds an entry for [`Store::save`].
    pub fn put(&self, key: Key, bytes: Vec<u8>) {
        lock(&self.added).push((key, bytes));
    }

    /// Writes the shards that changed: those with entries added this run, or with entries
    /// no longer used (an edited or deleted file's old entry). Each shard is replaced
    /// atomically; a failure to write leaves the store as it was, which is only slower next
    /// time, so it is not an error.
    pub fn save(self) {
        let reused = self.reused.into_inner().unwrap_or_else(|e| e.into_inner());
        let added = self.added.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut shards: BTreeMap<u8, BTreeMap<Key, (Key, &[u8])>> = BTreeMap::new();
        let mut stale: HashSet<u8> = HashSet::new();
        for (key, (n, check, range)) in &self.index {
            if reused.contains(key) {
                shards.entry(key[0]).or_default().insert(*key, (*check, &self.shards[*n][range.clone()]));
            } else {
                stale.insert(key[0]);
            }
        }
        let checks: Vec<Key> = added.par_iter().map(|(_, b)| Sha256::digest(b).into()).collect();
        for ((key, bytes), check) in added.iter().zip(&checks) {
            stale.insert(key[0]);
            shards.entry(key[0]).or_default().insert(*key, (*check, bytes.as_slice()));
        }
        if stale.is_empty() || std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        for n in stale {
            let entries = shards
                .get(&n)
                .into_iter()
                .flatten()
                .map(|(key, (check, bytes))| Entry { key: *key, check: *check, bytes })
                .collect();
            let shard = Shard { format: FORMAT, identity: &self.identity, entries };
            let path = self.dir.join(shard_name(n));
            let _ = postcard::to_stdvec(&shard).map(|bytes| write_atomically(&self.dir, &path, &bytes));
        }
    }
}

pub(super) fn shard_name(n: u8) -> String {
    format!("{n:02x}")
}

pub(super) fn write_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Locks `m`, also after a panic elsewhere (the data is a cache: at worst incomplete).
pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
