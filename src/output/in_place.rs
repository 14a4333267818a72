//! Rebuilding over a previous output: only the files whose bytes changed are written, and
//! the files no longer produced are removed, in an order that keeps the folder usable
//! at every moment.
//!
//! Each new or changed file is written to a hidden temporary name next to its target
//! (`.index.html.vacancy-new`) while the site renders. Only once everything rendered are
//! they renamed into place: first the files that did not exist before (new postings),
//! then the changed ones (the listings, feeds and sitemap that link to them), and only
//! then are the files no longer produced removed. A rename replaces a file atomically,
//! so a SIGKILL at any moment leaves every file whole, and no page already linked from
//! the site links to a page that is not there yet or any more (new pages may link to
//! each other, but nothing links to them until the changed listings go in). A failed build removes its temporary files
//! and changes nothing; a killed one may leave some, which the next build deletes.

use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Suffix of the temporary files; never a name the site produces.
const TEMP_SUFFIX: &str = ".vacancy-new";

/// The files of one build staged next to their targets, not yet in place.
pub(super) struct InPlace {
    root: PathBuf,
    /// Output-relative paths of every file this build produces, changed or not.
    produced: Mutex<HashSet<String>>,
    /// (temporary, target) of files that did not exist before.
    new: Mutex<Vec<(PathBuf, PathBuf)>>,
    /// (temporary, target) of files whose bytes changed.
    changed: Mutex<Vec<(PathBuf, PathBuf)>>,
}

impl InPlace {
    pub(super) fn new(root: &Path) -> Self {
        InPlace {
            root: root.to_path_buf(),
            produced: Mutex::default(),
            new: Mutex::default(),
            changed: Mutex::default(),
        }
    }

    /// Records that `rel` is produced, and left as it is.
    pub(super) fn keep(&self, rel: &str) {
        lock(&self.produced).insert(rel.to_string());
    }

    /// Records that `rel` is produced and, unless `path` already holds exactly `bytes`,
    /// writes them to a temporary file next to it. True when something was written.
    pub(super) fn stage(&self, rel: &str, path: &Path, bytes: &[u8]) -> Result<bool> {
        lock(&self.produced).insert(rel.to_string());
        let existed = match fs::metadata(path) {
            // Same length first: reading the file is only worth it when it may be equal.
            Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
                if fs::read(path).is_ok_and(|old| old == bytes) {
                    return Ok(false);
                }
                true
            }
            Ok(_) => true,
            Err(_) => false,
        };
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let temp = temp_path(path);
        fs::write(&temp, bytes).with_context(|| format!("writing {}", temp.display()))?;
        let list = if existed { &self.changed } else { &self.new };
        lock(list).push((temp, path.to_path_buf()));
        Ok(true)
    }

    /// Like [`Self::stage`] for a file streamed by `write` ([`super::streamed`]): the
    /// old file is compared as the bytes come. Returns the bytes written, if any.
    pub(super) fn stage_streamed(
        &self,
        rel: &str,
        path: &Path,
        write: &mut dyn FnMut(&mut dyn super::pieces::Out) -> std::io::Result<()>,
    ) -> Result<Option<u64>> {
        lock(&self.produced).insert(rel.to_string());
        let meta = fs::metadata(path).ok();
        let existed = meta.is_some();
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let temp = temp_path(path);
        let old = meta.is_some_and(|m| m.is_file()).then_some(path);
        let streamed = super::streamed::write(old, &temp, write)
            .with_context(|| format!("writing {}", temp.display()))?;
        if !streamed.written {
            return Ok(None);
        }
        let list = if existed { &self.changed } else { &self.new };
        lock(list).push((temp, path.to_path_buf()));
        Ok(Some(streamed.len))
    }

    /// Puts the staged files in place, new ones before changed ones, then removes what
    /// this build did not produce: of `previous`, the files the previous build left, when
    /// known; else every file under the root. Returns how many files were removed.
    pub(super) fn commit(self, previous: Option<Vec<&str>>) -> Result<usize> {
        for list in [&self.new, &self.changed] {
            let staged = std::mem::take(&mut *lock(list));
            staged.par_iter().try_for_each(|(temp, path)| {
                fs::rename(temp, path).with_context(|| format!("moving {} into place", path.display()))
            })?;
        }
        match previous {
            Some(files) => self.remove_listed(files),
            None => self.remove_unproduced(),
        }
    }

    /// Deletes the files of `previous` that this build did not produce, without walking
    /// the output folder; then the folders that left empty.
    fn remove_listed(&self, previous: Vec<&str>) -> Result<usize> {
        let produced = lock(&self.produced);
        let gone = previous.into_iter().filter(|rel| !produced.contains(*rel));
        let paths = gone
            .map(|rel| self.root.join(rel))
            .filter(|path| fs::symlink_metadata(path).is_ok_and(|m| !m.is_dir()));
        Ok(self.remove(paths))
    }

    /// Deletes every file (or link) under the root that this build did not produce, then
    /// the folders that left empty.
    fn remove_unproduced(&self) -> Result<usize> {
        let produced = lock(&self.produced);
        let mut paths = Vec::new();
        for entry in walkdir::WalkDir::new(&self.root).min_depth(1) {
            let entry = entry.with_context(|| format!("reading {}", self.root.display()))?;
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = entry.path().strip_prefix(&self.root).expect("walked under the root");
            let rel = rel.to_string_lossy().replace(std::path::MAIN_SEPARATOR, "/");
            if !produced.contains(&rel) {
                paths.push(entry.into_path());
            }
        }
        Ok(self.remove(paths.into_iter()))
    }

    /// Deletes `paths`, then the folders that left empty; returns how many were deleted.
    /// The new build is complete by then, so a file that cannot be deleted is only a
    /// warning.
    fn remove(&self, paths: impl Iterator<Item = PathBuf>) -> usize {
        let mut emptied = HashSet::new();
        let mut removed = 0;
        for path in paths {
            if let Err(e) = fs::remove_file(&path) {
                crate::term::warning(format_args!(
                    "the new build is in {}, but {} from a previous build could not be deleted ({e}); \
                     delete it by hand",
                    self.root.display(),
                    path.display()
                ));
                continue;
            }
            removed += 1;
            if let Some(dir) = path.parent() {
                emptied.insert(dir.to_path_buf());
            }
        }
        for dir in emptied {
            // Up to the first folder that still holds something (removing it then fails).
            let mut dir = dir.as_path();
            while dir != self.root && fs::remove_dir(dir).is_ok() {
                dir = dir.parent().expect("below the root");
            }
        }
        removed
    }
}

impl Drop for InPlace {
    /// A build that fails (or panics) before [`InPlace::commit`] leaves no temporary files.
    fn drop(&mut self) {
        for list in [&self.new, &self.changed] {
            for (temp, _) in lock(list).drain(..) {
                let _ = fs::remove_file(temp);
            }
        }
    }
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    path.with_file_name(format!(".{name}{TEMP_SUFFIX}"))
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_visible_before_commit() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::write(root.join("list.html"), "old list").unwrap();
        fs::write(root.join("same.html"), "same").unwrap();
        let staged = InPlace::new(root);
        assert!(staged.stage("jobs/new.html", &root.join("jobs/new.html"), b"new job").unwrap());
        assert!(staged.stage("list.html", &root.join("list.html"), b"new list").unwrap());
        assert!(!staged.stage("same.html", &root.join("same.html"), b"same").unwrap());
        // Killed here: the old pages are whole and nothing links to the new one.
        assert!(!root.join("jobs/new.html").exists());
        assert_eq!(fs::read_to_string(root.join("list.html")).unwrap(), "old list");
        assert_eq!((lock(&staged.new).len(), lock(&staged.changed).len()), (1, 1));
        assert_eq!(staged.commit(None).unwrap(), 0);
        assert_eq!(fs::read_to_string(root.join("jobs/new.html")).unwrap(), "new job");
        assert_eq!(fs::read_to_string(root.join("list.html")).unwrap(), "new list");
        assert!(!root.join("jobs/.new.html.vacancy-new").exists());
    }
}
