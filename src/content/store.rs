//! A keyed store of byte strings on disk, shared by the parse caches ([`super::cache`]
//! for rendered bodies, [`super::parsed`] for parsed postings).
//!
//! The store belongs to one identity (everything its entries depend on besides their key);
//! a store of another identity is ignored. Each entry carries a CRC-32 of its bytes, so
//! a corrupt or truncated file is ignored (entry by entry) rather than trusted: a checksum
//! against a failing disk or a killed write, not a defence against forgery (an attacker
//! who can write the cache can write the site), so CRC-32's speed (every shard is checked
//! when indexed, 100 MB at 10,000 postings) matters more than SHA-256's strength. The
//! entries are spread over 256 files by the first byte of their key, so one edit rewrites
//! one small file. Deleting the folder is always safe.

use super::body::Stored;
use super::cache::{Indexed, index_shard};
use super::spill::Spill;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// Bumped when the stored format changes.
pub(super) const FORMAT: u32 = 2;

/// An entry's key: a SHA-256 of what it was made from.
pub type Key = [u8; 32];

/// An entry's checksum ([`checksum`]).
pub type Check = u32;

/// The checksum of an entry's bytes.
pub fn checksum(bytes: &[u8]) -> Check {
    crc32fast::hash(bytes)
}

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
    /// [`checksum`] of `bytes`.
    pub check: Check,
    pub bytes: &'a [u8],
}

/// The entries of the previous run, and this run's.
pub struct Store {
    dir: PathBuf,
    identity: String,
    /// Each shard file, open: an entry is read from it when asked for, so the shards are
    /// never held whole (130 MB at 100,000 postings). Open, a shard replaced on disk
    /// meanwhile is still read as it was.
    files: Vec<Option<Arc<File>>>,
    /// Key → (shard, checksum, range of the stored bytes in the shard).
    index: HashMap<Key, (usize, Check, Range<u64>)>,
    /// Keys taken from the store this run: kept by [`Store::save`].
    reused: Mutex<HashSet<Key>>,
    /// Entries made this run, written to `spill` as they are made (made when first needed:
    /// a `check` adds none).
    added: Mutex<Vec<(Key, Bytes)>>,
    spill: OnceLock<Option<Spill>>,
}

/// An entry to save: in a file (the spill file, or an old shard for a kept entry), or held
/// when it could not be written to the spill file.
enum Bytes {
    InFile(Check, Stored),
    Held(Vec<u8>),
}

impl Store {
    /// Opens the store in `dir`; a missing, unreadable or foreign one is empty.
    pub fn open(dir: PathBuf, identity: String) -> Store {
        let shards: Vec<Indexed> = (0..=255u8)
            .into_par_iter()
            .map(|n| index_shard(&dir.join(shard_name(n)), &identity).unwrap_or_default())
            .collect();
        let mut files = Vec::with_capacity(shards.len());
        let mut index = HashMap::new();
        for (n, (file, entries)) in shards.into_iter().enumerate() {
            files.push(file);
            index.extend(entries.into_iter().map(|(key, check, range)| (key, (n, check, range))));
        }
        Store {
            dir,
            identity,
            files,
            index,
            reused: Mutex::default(),
            added: Mutex::default(),
            spill: OnceLock::new(),
        }
    }

    /// The bytes stored under `key`, read from its shard, when they are intact; the entry
    /// is then kept by [`Store::save`].
    pub fn get(&self, key: &Key) -> Option<Vec<u8>> {
        let bytes = self.read(key)?;
        lock(&self.reused).insert(*key);
        Some(bytes)
    }

    /// The bytes of `key`'s entry. Their checksum was verified when the shard was indexed
    /// ([`index_shard`]), and the open file is the one indexed, so it is not hashed again.
    fn read(&self, key: &Key) -> Option<Vec<u8>> {
        let (shard, _, range) = self.index.get(key)?;
        Stored { file: self.files[*shard].clone()?, range: range.clone() }.bytes().ok()
    }

    /// Adds an entry for [`Store::save`].
    pub fn put(&self, key: Key, bytes: Vec<u8>) {
        let spill = self.spill.get_or_init(|| Spill::create(&self.dir));
        let added = match spill.as_ref().and_then(|s| s.append(&bytes)) {
            Some(stored) => Bytes::InFile(checksum(&bytes), stored),
            None => Bytes::Held(bytes),
        };
        lock(&self.added).push((key, added));
    }

    /// Writes the shards that changed: those with entries added this run, or with entries
    /// no longer used (an edited or deleted file's old entry). Each shard is replaced
    /// atomically; a failure to write leaves the store as it was, which is only slower next
    /// time, so it is not an error.
    pub fn save(self) {
        let reused = std::mem::take(&mut *lock(&self.reused));
        let added = std::mem::take(&mut *lock(&self.added));
        let mut stale: HashSet<u8> =
            self.index.keys().filter(|k| !reused.contains(*k)).map(|k| k[0]).collect();
        stale.extend(added.iter().map(|(key, _)| key[0]));
        if stale.is_empty() || std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        // Where each entry of the shards to write is: the kept ones in their old shard, the
        // new ones in the spill file. They are read back one shard at a time, so the entries
        // are never all in memory; the other shards stay as they are.
        let mut shards: BTreeMap<u8, BTreeMap<Key, Bytes>> = BTreeMap::new();
        for (key, (n, check, range)) in
            self.index.iter().filter(|(k, _)| reused.contains(*k) && stale.contains(&k[0]))
        {
            if let Some(file) = &self.files[*n] {
                let stored = Stored { file: file.clone(), range: range.clone() };
                shards.entry(key[0]).or_default().insert(*key, Bytes::InFile(*check, stored));
            }
        }
        for (key, added) in added {
            shards.entry(key[0]).or_default().insert(key, added);
        }
        // A shard left without entries is written empty.
        let work: Vec<(u8, BTreeMap<Key, Bytes>)> =
            stale.into_iter().map(|n| (n, shards.remove(&n).unwrap_or_default())).collect();
        work.into_par_iter().for_each(|(n, entries)| {
            let read: Vec<(Key, Check, Vec<u8>)> = entries
                .into_iter()
                .filter_map(|(key, added)| match added {
                    Bytes::InFile(check, stored) => Some((key, check, stored.bytes().ok()?)),
                    Bytes::Held(bytes) => Some((key, checksum(&bytes), bytes)),
                })
                .collect();
            write_shard(&self.dir, &self.identity, n, &read);
        });
    }
}

/// Replaces shard `n` in `dir` with `entries` (key, checksum, bytes), atomically; a failure
/// leaves the old shard, which is only slower next time.
pub(super) fn write_shard(dir: &Path, identity: &str, n: u8, entries: &[(Key, Check, Vec<u8>)]) {
    let entries =
        entries.iter().map(|(key, check, bytes)| Entry { key: *key, check: *check, bytes }).collect();
    let shard = Shard { format: FORMAT, identity, entries };
    let path = dir.join(shard_name(n));
    let _ = postcard::to_stdvec(&shard).map(|bytes| write_atomically(dir, &path, &bytes));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u8) -> Key {
        [n; 32]
    }

    /// Another key in the shard of [`key`]`(7)`.
    fn second() -> Key {
        let mut k = [8; 32];
        k[0] = 7;
        k
    }

    /// Saves two entries in one shard and returns the store's folder and the shard's path.
    fn saved(dir: &Path) -> PathBuf {
        let store = Store::open(dir.to_path_buf(), "test".into());
        store.put(key(7), b"first entry".to_vec());
        store.put(second(), b"second entry".to_vec());
        store.save();
        dir.join(shard_name(7))
    }

    #[test]
    fn entries_survive_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        saved(dir.path());
        let store = Store::open(dir.path().to_path_buf(), "test".into());
        assert_eq!(store.get(&key(7)).as_deref(), Some(&b"first entry"[..]));
        let other = Store::open(dir.path().to_path_buf(), "another identity".into());
        assert_eq!(other.get(&key(7)), None, "a store of another identity is ignored");
    }

    #[test]
    fn a_rewritten_shard_keeps_the_entries_used_and_drops_the_others() {
        let dir = tempfile::tempdir().unwrap();
        saved(dir.path());
        let store = Store::open(dir.path().to_path_buf(), "test".into());
        assert!(store.get(&key(7)).is_some());
        let mut third = [9; 32];
        third[0] = 7;
        store.put(third, b"third entry".to_vec());
        store.save();
        let store = Store::open(dir.path().to_path_buf(), "test".into());
        assert_eq!(store.get(&key(7)).as_deref(), Some(&b"first entry"[..]), "used, so kept");
        assert_eq!(
            store.get(&third).as_deref(),
            Some(&b"third entry"[..]),
            "added, read back from the spill file"
        );
        assert_eq!(store.get(&second()), None, "not used this run, so dropped");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, [shard_name(7)], "the spill file leaves nothing behind");
    }

    #[test]
    fn a_garbled_entry_is_ignored_and_the_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let shard = saved(dir.path());
        let mut bytes = std::fs::read(&shard).unwrap();
        let at = bytes.windows(5).position(|w| w == b"first").unwrap();
        bytes[at] = b'F';
        std::fs::write(&shard, &bytes).unwrap();
        let store = Store::open(dir.path().to_path_buf(), "test".into());
        assert_eq!(store.get(&key(7)), None, "the garbled entry fails its checksum");
        assert_eq!(store.get(&second()).as_deref(), Some(&b"second entry"[..]));
    }

    #[test]
    fn a_truncated_shard_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let shard = saved(dir.path());
        let bytes = std::fs::read(&shard).unwrap();
        std::fs::write(&shard, &bytes[..bytes.len() - 3]).unwrap();
        let store = Store::open(dir.path().to_path_buf(), "test".into());
        assert_eq!(store.get(&key(7)), None);
    }
}
