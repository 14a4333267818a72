//! Writing pages: into a sibling staging folder first, then swapped into place, so a
//! failed or interrupted build never leaves a half-written `public/`.

use crate::render::{Page, Sink};
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Rejects output paths that could escape the output folder.
fn safe_rel(rel: &str) -> Result<PathBuf> {
    let path = PathBuf::from(rel);
    if path.components().all(|c| matches!(c, Component::Normal(_))) {
        Ok(path)
    } else {
        bail!("refusing to write outside the output folder: {rel}")
    }
}

/// A sink that writes each page into a folder as soon as it is rendered.
pub struct DirSink {
    root: PathBuf,
    written: AtomicUsize,
}

impl DirSink {
    pub fn new(root: &Path) -> Self {
        DirSink { root: root.to_path_buf(), written: AtomicUsize::new(0) }
    }

    /// How many files were written.
    pub fn written(&self) -> usize {
        self.written.load(Ordering::Relaxed)
    }
}

impl Sink for DirSink {
    fn put(&self, page: Page) -> Result<()> {
        let path = self.root.join(safe_rel(&page.rel)?);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        fs::write(&path, &page.bytes).with_context(|| format!("writing {}", path.display()))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// Runs `write` on a fresh staging folder next to `out` and, only if it succeeds, swaps
/// the folder in as `out`. On failure the staging folder is removed and `out` is untouched.
pub fn publish_with<T, E: From<anyhow::Error>>(
    out: &Path,
    write: impl FnOnce(&DirSink) -> Result<T, E>,
) -> Result<T, E> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).with_context(|| format!("creating {}", parent.display()))?;
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "public".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.staging-"))
        .tempdir_in(&parent)
        .with_context(|| format!("creating a staging folder in {}", parent.display()))?;
    let value = write(&DirSink::new(staging.path()))?;
    swap_in(staging.keep(), out)?;
    Ok(value)
}

/// Writes `pages` into a fresh folder next to `out`, then replaces `out` with it.
pub fn publish(pages: &[Page], out: &Path) -> Result<()> {
    publish_with(out, |sink| pages.par_iter().try_for_each(|p| sink.put(p.clone())))
}

/// Renames `staging` to `out`, moving any previous `out` aside first and deleting it after.
fn swap_in(staging: PathBuf, out: &Path) -> Result<()> {
    let old = if out.exists() {
        if !out.is_dir() {
            let _ = fs::remove_dir_all(&staging);
            bail!("{} exists and is not a folder", out.display());
        }
        let old = staging.with_extension("old");
        fs::rename(out, &old).with_context(|| format!("moving the previous {} aside", out.display()))?;
        Some(old)
    } else {
        None
    };
    if let Err(e) = fs::rename(&staging, out) {
        // Put the previous build back so nothing is lost.
        if let Some(old) = &old {
            let _ = fs::rename(old, out);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(e).with_context(|| format!("moving the new build into {}", out.display()));
    }
    if let Some(old) = old {
        fs::remove_dir_all(&old)
            .with_context(|| format!("removing the previous build at {}", old.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(rel: &str, text: &str) -> Page {
        Page { rel: rel.into(), bytes: text.as_bytes().into() }
    }

    #[test]
    fn replaces_the_previous_output_completely() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        publish(&[page("a/index.html", "one"), page("stale.txt", "x")], &out).unwrap();
        publish(&[page("a/index.html", "two")], &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert!(!out.join("stale.txt").exists());
        let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn refuses_paths_that_escape() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        publish(&[page("ok.txt", "1")], &out).unwrap();
        assert!(publish(&[page("../evil.txt", "x")], &out).is_err());
        assert!(!tmp.path().join("evil.txt").exists());
        assert_eq!(fs::read_to_string(out.join("ok.txt")).unwrap(), "1", "previous output kept");
    }
}
