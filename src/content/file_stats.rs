//! Each posting file's SHA-256 remembered with what `stat` said of the file, like git's
//! index, so a rebuild neither reads nor hashes a file that was not touched since.
//!
//! A file's digest is trusted when its length, modification time, status-change time
//! (`ctime`) and inode are all as recorded. `ctime` cannot be set back by hand (`touch -d`
//! sets the modification time only), so an edit that keeps the length and restores the
//! modification time is still seen. The "racy" case: a file changed again within the same
//! timestamp tick as the recorded change would keep all four. So a file is recorded only
//! when its last change is at least [`RACY_MARGIN`] older than the moment this run began
//! reading: any later change then gets a later `ctime`. A file changed more recently is
//! hashed again by the next run (and recorded then).
//!
//! The record is one file in the posting cache's folder, with the SHA-256 of its bytes in
//! front: a truncated or garbled record is ignored. Only Unix gives `ctime` and inodes;
//! elsewhere every file is hashed.

use super::store::{Key, lock, write_atomically};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The record's name, in the posting cache's folder ([`super::parsed::CACHE_DIR`]).
const FILE_NAME: &str = "stats";

/// Bumped when the record's format changes.
const FORMAT: u32 = 1;

/// How much older than the run a file's last change must be to trust its stat next time:
/// more than the coarsest timestamp tick of common file systems (one second) and the lag
/// of their clock behind the system's.
pub const RACY_MARGIN: Duration = Duration::from_secs(1);

/// What `stat` says of a file that changes with its content.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Stat {
    len: u64,
    /// Nanoseconds since the epoch.
    modified: i128,
    changed: i128,
    inode: u64,
}

impl Stat {
    /// `None` where the platform does not tell `ctime` and inodes.
    #[cfg(unix)]
    pub fn of(meta: &Metadata) -> Option<Stat> {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        Some(Stat {
            len: meta.len(),
            modified: ns(meta.mtime(), meta.mtime_nsec()),
            changed: ns(meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
        })
    }

    #[cfg(not(unix))]
    pub fn of(_meta: &Metadata) -> Option<Stat> {
        None
    }
}

#[derive(Serialize, Deserialize)]
struct Record {
    format: u32,
    /// Site-relative path → stat and the SHA-256 of the file's bytes.
    files: Vec<(PathBuf, Stat, Key)>,
}

/// The previous run's record and this run's.
pub struct FileStats {
    path: PathBuf,
    previous: HashMap<PathBuf, (Stat, Key)>,
    /// Files changed after this, in nanoseconds since the epoch, are not recorded.
    settled_before: i128,
    current: Mutex<Vec<(PathBuf, Stat, Key)>>,
}

impl FileStats {
    /// Opens the record in the posting cache folder `dir`; a missing or damaged one is
    /// empty. Call before reading any posting file: it marks when this run began reading.
    pub fn open(dir: &Path) -> FileStats {
        let started = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        let settled_before = started.saturating_sub(RACY_MARGIN).as_nanos() as i128;
        let path = dir.join(FILE_NAME);
        let previous = std::fs::read(&path).ok().and_then(|b| decode(&b)).unwrap_or_default();
        FileStats { path, previous, settled_before, current: Mutex::default() }
    }

    /// The digest of `rel` when its stat is as recorded: the file need not be read.
    pub fn digest(&self, rel: &Path, stat: Option<Stat>) -> Option<Key> {
        let (recorded, digest) = self.previous.get(rel)?;
        (Some(*recorded) == stat).then_some(*digest)
    }

    /// Records that `rel`, with `stat` taken before it was read, has `digest`; a file
    /// changed too recently to tell a later change by its stat is left out.
    pub fn record(&self, rel: &Path, stat: Option<Stat>, digest: Key) {
        if let Some(stat) = stat
            && stat.changed < self.settled_before
            && stat.modified < self.settled_before
        {
            lock(&self.current).push((rel.to_path_buf(), stat, digest));
        }
    }

    /// Replaces the record with this run's, when it differs; failing to is only slower
    /// next time.
    pub fn save(self) {
        let mut files = self.current.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let unchanged = files.len() == self.previous.len()
            && files.iter().all(|(rel, stat, digest)| self.previous.get(rel) == Some(&(*stat, *digest)));
        if unchanged {
            return;
        }
        let Ok(payload) = postcard::to_stdvec(&Record { format: FORMAT, files }) else { return };
        let mut bytes = Sha256::digest(&payload).to_vec();
        bytes.extend(payload);
        let Some(dir) = self.path.parent() else { return };
        if std::fs::create_dir_all(dir).is_ok() {
            let _ = write_atomically(dir, &self.path, &bytes);
        }
    }
}

/// The record in `bytes`, if intact and of this format.
fn decode(bytes: &[u8]) -> Option<HashMap<PathBuf, (Stat, Key)>> {
    let (check, payload) = bytes.split_at_checked(32)?;
    if Sha256::digest(payload)[..] != check[..] {
        return None;
    }
    let record: Record = postcard::from_bytes(payload).ok()?;
    (record.format == FORMAT)
        .then(|| record.files.into_iter().map(|(rel, stat, digest)| (rel, (stat, digest))).collect())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn stat(len: u64, changed: i128) -> Option<Stat> {
        Some(Stat { len, modified: changed, changed, inode: 7 })
    }

    #[test]
    fn trusts_only_a_settled_file_with_the_same_stat() {
        let dir = tempfile::tempdir().unwrap();
        let stats = FileStats::open(dir.path());
        let (old, racy) = (stats.settled_before - 1, stats.settled_before);
        stats.record(Path::new("a.md"), stat(10, old), [1; 32]);
        // Changed within the margin before this run: racy, so not recorded.
        stats.record(Path::new("b.md"), stat(10, racy), [2; 32]);
        stats.save();
        let next = FileStats::open(dir.path());
        assert_eq!(next.digest(Path::new("a.md"), stat(10, old)), Some([1; 32]));
        assert_eq!(next.digest(Path::new("a.md"), stat(11, old)), None, "length");
        let touched = Some(Stat { changed: old + 1, ..stat(10, old).unwrap() });
        assert_eq!(next.digest(Path::new("a.md"), touched), None, "ctime");
        assert_eq!(next.digest(Path::new("b.md"), stat(10, racy)), None);
    }

    #[test]
    fn a_damaged_record_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let stats = FileStats::open(dir.path());
        let old = stats.settled_before - 1;
        stats.record(Path::new("a.md"), stat(10, old), [1; 32]);
        stats.save();
        let path = dir.path().join(FILE_NAME);
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(FileStats::open(dir.path()).digest(Path::new("a.md"), stat(10, old)), None);
    }
}
