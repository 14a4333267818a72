//! This run's new cache entries, written to a file as they are made rather than held until
//! the caches are saved: at 100,000 postings the rendered bodies are gigabytes and the
//! parsed postings over a hundred megabytes, which held in memory made a board's peak
//! memory grow with its size. Readers get a [`Stored`] handle and read an entry back when
//! they need it; the caches copy the entries into their shards when saved.

use super::body::Stored;
use super::store::lock;
use std::fs::File;
use std::io::Write as _;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// An append-only file that disappears when closed.
pub struct Spill {
    /// The file and its length, which is where the next entry goes.
    file: Mutex<(Arc<File>, u64)>,
}

impl Spill {
    /// A new spill file in `dir` (the cache's folder: on the site's disk, not a RAM-backed
    /// temporary folder), else in the system's temporary folder; `None` when neither can
    /// be created, and the caller keeps its entries in memory.
    pub fn create(dir: &Path) -> Option<Spill> {
        let in_dir = std::fs::create_dir_all(dir).ok().and_then(|()| tempfile::tempfile_in(dir).ok());
        let file = in_dir.or_else(|| tempfile::tempfile().ok())?;
        Some(Spill { file: Mutex::new((Arc::new(file), 0)) })
    }

    /// Appends `bytes`; `None` when writing fails (the caller then keeps them in memory).
    pub fn append(&self, bytes: &[u8]) -> Option<Stored> {
        let mut spill = lock(&self.file);
        let (file, len) = &mut *spill;
        let start = *len;
        if start == u64::MAX {
            return None;
        }
        if (&**file).write_all(bytes).is_err() {
            // A partial write leaves the file's end unknown: append nothing more.
            *len = u64::MAX;
            return None;
        }
        *len += bytes.len() as u64;
        Some(Stored { file: file.clone(), range: start..*len })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_read_back_as_appended() {
        let dir = tempfile::tempdir().unwrap();
        let spill = Spill::create(dir.path()).unwrap();
        let first = spill.append(b"first").unwrap();
        let second = spill.append(b"second entry").unwrap();
        assert_eq!(first.bytes().unwrap(), b"first");
        assert_eq!(second.bytes().unwrap(), b"second entry");
        assert_eq!(second.range, 5..17);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "the file has no name to leave behind");
    }
}
