//! The previous build's page fingerprints ([`crate::render::fingerprint`]), so a rebuild
//! leaves a page whose inputs did not change as it is: not rendered, not read back.
//!
//! The record lives in the site's [`CACHE_DIR`], one file per output folder:
//! each output path's fingerprint, and the length and modification time its file had
//! when the build that rendered it finished. A page is reused only when its fingerprint
//! is the same and its file still has that length and time, so a file changed or deleted
//! since (by hand, or by a build killed before it saved its record) is rendered again.
//! The record is replaced atomically after the output is complete; a missing or
//! unreadable one means a full render, never a wrong page.
//!
//! The record also lists every other file the build produced (exports, search index,
//! static files), so the next build finds the files it no longer produces from the record
//! instead of walking the whole output folder. A build marks the record as in progress
//! (`<record>.building`) before it changes anything in the output folder and clears the
//! mark with the new record: after a build that was killed or could not save its record,
//! the folder may hold files the record does not name (pages renamed into place,
//! temporary files), so the next build walks the folder instead.
//!
//! For a file made of pieces ([`super::pieces`]) the record keeps where each piece is and
//! the file's stamp: the next build copies unchanged pieces from it while it has that
//! stamp.

use super::pieces::{Layout, Previous};
use crate::render::fingerprint::Fingerprint;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

/// Where the records are, in the site folder.
pub const CACHE_DIR: &str = ".vacancy-cache/pages";

/// Bumped when the record's meaning changes, which drops older records.
const VERSION: u32 = 3;

/// The suffix of the mark of a build in progress, next to its record.
const BUILDING: &str = ".building";

#[derive(Serialize, Deserialize, Default)]
struct Record {
    version: u32,
    /// Output-relative path → what it was rendered from and the file it left.
    files: HashMap<String, Entry>,
    /// Every other file the build produced.
    others: Vec<String>,
    /// Output-relative path of a file made of pieces → where they are in it.
    pieces: HashMap<String, Pieced>,
}

#[derive(Serialize, Deserialize, Debug)]
struct Pieced {
    stamp: Stamp,
    layout: Layout,
}

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
struct Entry {
    fingerprint: Fingerprint,
    stamp: Stamp,
}

/// What a file looked like when its build finished.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
struct Stamp {
    len: u64,
    /// Modification time in nanoseconds since the epoch.
    modified: u128,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::metadata(path).ok().filter(fs::Metadata::is_file)?;
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos();
        Some(Stamp { len: meta.len(), modified })
    }
}

/// The previous build's record and this build's fingerprints.
#[derive(Debug)]
pub struct Reuse {
    record_file: PathBuf,
    previous: HashMap<String, Entry>,
    /// The previous build's other files; `None` when it is not known what the previous
    /// build left in the output folder (no record, or a build that did not finish).
    previous_others: Option<Vec<String>>,
    previous_pieces: HashMap<String, Pieced>,
    /// This build's files made of pieces, and where the pieces are.
    pieces: Mutex<HashMap<String, Layout>>,
    /// This build's pages: fingerprint, and the previous stamp when the file was kept.
    current: Mutex<HashMap<String, (Fingerprint, Option<Stamp>)>>,
    /// Every other file this build produced ([`Self::note`]): each path is kept once, here
    /// or in `current` (118,000 paths at 100,000 postings).
    others: Mutex<HashSet<String>>,
}

impl Reuse {
    /// Opens the record for the output folder `out` of the site in `root`.
    pub fn open(root: &Path, out: &Path) -> Reuse {
        let key = Sha256::digest(
            std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf()).as_os_str().as_encoded_bytes(),
        );
        let name = crate::render::fingerprint::hex(&key[..8]);
        let record_file = root.join(CACHE_DIR).join(format!("{name}.record"));
        let record = fs::read(&record_file)
            .ok()
            .and_then(|bytes| postcard::from_bytes::<Record>(&bytes).ok())
            .filter(|r| r.version == VERSION);
        let finished = !building(&record_file).exists();
        let (previous, previous_others, previous_pieces) = match record {
            Some(r) => (r.files, finished.then_some(r.others), r.pieces),
            None => (HashMap::new(), None, HashMap::new()),
        };
        Reuse {
            record_file,
            previous,
            previous_others,
            previous_pieces,
            pieces: Mutex::default(),
            current: Mutex::default(),
            others: Mutex::default(),
        }
    }

    /// Every file the previous build left in the output folder, when the record says.
    pub(super) fn previous_output(&self) -> Option<impl Iterator<Item = &str>> {
        let others = self.previous_others.as_ref()?;
        Some(self.previous.keys().chain(others).map(String::as_str))
    }

    /// Marks the record as that of a build in progress, before the output folder changes:
    /// until [`Self::save`] clears the mark, the next build does not trust it to list
    /// the folder's files. Failing to mark is an error: the output is not touched then.
    pub(super) fn begin(&self) -> Result<()> {
        let mark = building(&self.record_file);
        let dir = mark.parent().expect("the record is in a folder");
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        fs::write(&mark, b"").with_context(|| format!("writing {}", mark.display()))
    }

    /// Clears the mark of [`Self::begin`] after a build that changed nothing in the output.
    pub(super) fn abandon(&self) {
        let _ = fs::remove_file(building(&self.record_file));
    }

    /// Records that this build produced `rel`: a page recorded by [`Self::unchanged`]
    /// already is not noted again.
    pub(super) fn note(&self, rel: &str) {
        if !lock(&self.current).contains_key(rel) {
            lock(&self.others).insert(rel.to_string());
        }
    }

    /// Records that this build produces `rel` (at `path`) with `fingerprint`, and says
    /// whether the file already there is the one the previous build rendered from it.
    pub(super) fn unchanged(&self, rel: &str, fingerprint: Fingerprint, path: &Path) -> bool {
        let kept = self
            .previous
            .get(rel)
            .filter(|e| e.fingerprint == fingerprint)
            .map(|e| e.stamp)
            .filter(|stamp| Stamp::of(path) == Some(*stamp));
        lock(&self.current).insert(rel.to_string(), (fingerprint, kept));
        kept.is_some()
    }

    /// The file at `path` (output-relative `rel`) as the previous build left it, with where
    /// its pieces are, when it still has the stamp recorded then.
    pub(super) fn previous_pieces(&self, rel: &str, path: &Path) -> Option<Previous> {
        let pieced = self.previous_pieces.get(rel)?;
        let file = fs::File::open(path).ok()?;
        let meta = file.metadata().ok()?;
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos();
        (Stamp { len: meta.len(), modified } == pieced.stamp).then(|| Previous::new(file, &pieced.layout))
    }

    /// Records where the pieces of this build's `rel` are.
    pub(super) fn record_pieces(&self, rel: &str, layout: Layout) {
        lock(&self.pieces).insert(rel.to_string(), layout);
    }

    /// Saves this build's record once its output is complete in `out`: the files it
    /// rendered are stamped now.
    pub fn save(self, out: &Path) -> Result<()> {
        let current = self.current.into_inner().unwrap_or_else(|e| e.into_inner());
        let others = self.others.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut others: Vec<String> = others.into_iter().collect();
        let mut files = HashMap::with_capacity(current.len());
        for (rel, (fingerprint, kept)) in current {
            match kept.or_else(|| Stamp::of(&out.join(&rel))) {
                Some(stamp) => {
                    files.insert(rel, Entry { fingerprint, stamp });
                }
                // Still listed, so the next build removes the file should it be there.
                None => others.push(rel),
            }
        }
        // A page noted before its fingerprint was recorded is listed once, as a page.
        others.retain(|rel| !files.contains_key(rel));
        others.sort();
        others.dedup();
        let pieces = self.pieces.into_inner().unwrap_or_else(|e| e.into_inner());
        let pieces = pieces
            .into_iter()
            .filter_map(|(rel, layout)| {
                Some((rel.clone(), Pieced { stamp: Stamp::of(&out.join(&rel))?, layout }))
            })
            .collect();
        // postcard: 10,000 postings' record is 1.5 MB, and read and written on every build.
        let bytes = postcard::to_stdvec(&Record { version: VERSION, files, others, pieces })?;
        let dir = self.record_file.parent().expect("the record is in a folder");
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let mut temp = tempfile::NamedTempFile::new_in(dir)?;
        std::io::Write::write_all(&mut temp, &bytes)?;
        temp.persist(&self.record_file).with_context(|| format!("writing {}", self.record_file.display()))?;
        // Records before version 3 were JSON, beside it.
        let _ = fs::remove_file(self.record_file.with_extension("json"));
        let mark = building(&self.record_file);
        fs::remove_file(&mark)
            .or_else(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Ok(()),
                _ => Err(e),
            })
            .with_context(|| format!("removing {}", mark.display()))
    }
}

/// The mark of a build in progress into the output folder of `record`.
fn building(record: &Path) -> PathBuf {
    let mut name = record.as_os_str().to_owned();
    name.push(BUILDING);
    PathBuf::from(name)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_path_is_recorded_once_and_a_page_without_its_file_stays_listed() {
        let dir = tempfile::tempdir().unwrap();
        let (root, out) = (dir.path().join("site"), dir.path().join("site/public"));
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("page.html"), b"page").unwrap();
        fs::write(out.join("feed.xml"), b"feed").unwrap();
        let reuse = Reuse::open(&root, &out);
        reuse.begin().unwrap();
        // A page is fingerprinted, then noted as it is written.
        assert!(!reuse.unchanged("page.html", [1; 16], &out.join("page.html")));
        reuse.note("page.html");
        // A page whose file cannot be stamped when the record is saved.
        assert!(!reuse.unchanged("gone.html", [2; 16], &out.join("gone.html")));
        reuse.note("feed.xml");
        reuse.save(&out).unwrap();

        let next = Reuse::open(&root, &out);
        let mut listed: Vec<&str> = next.previous_output().expect("a finished build's record").collect();
        listed.sort_unstable();
        assert_eq!(listed, ["feed.xml", "gone.html", "page.html"], "each path once");
        assert!(next.unchanged("page.html", [1; 16], &out.join("page.html")), "the page is kept");
        assert!(!next.unchanged("gone.html", [2; 16], &out.join("gone.html")));
    }
}
