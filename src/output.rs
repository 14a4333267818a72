//! Writing pages. A first build writes into a sibling staging folder that is then swapped
//! into place; a rebuild over a previous output writes only the files that changed
//! ([`in_place`]). Either way a failed or interrupted build never leaves a half-written
//! file or a link to a missing page in `public/`.

mod in_place;
pub mod pieces;
pub mod reuse;
mod streamed;

use crate::render::fingerprint::Fingerprint;
use crate::render::{Page, Sink};
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::build::INPUT_DIRS;

/// Rejects output paths that could escape the output folder.
fn safe_rel(rel: &str) -> Result<PathBuf> {
    let path = PathBuf::from(rel);
    if path.components().all(|c| matches!(c, Component::Normal(_))) {
        Ok(path)
    } else {
        bail!("refusing to write outside the output folder: {rel}")
    }
}

/// Refuses an output folder whose replacement would destroy the site: the site folder
/// `root` itself, a folder containing it, or one inside (or containing) its input folders
/// `content/`, `static/`, `templates/` and `themes/`. Elsewhere inside `root` (`public/`,
/// `dist/`) is fine. Symlinks are resolved; `out` need not exist yet.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<()> {
    let site = resolve(root).with_context(|| format!("resolving the site folder {}", root.display()))?;
    let target = resolve(out).with_context(|| format!("resolving the output folder {}", out.display()))?;
    let refuse = |why: String| {
        anyhow::anyhow!(
            "refusing to build into {}: {why}, and building replaces the output folder with all \
             it contains; choose another output folder, such as {}",
            out.display(),
            root.join("public").display()
        )
    };
    if target == site {
        return Err(refuse(format!("it is the site folder {}", root.display())));
    }
    if site.starts_with(&target) {
        return Err(refuse(format!("it contains the site folder {}", root.display())));
    }
    for dir in INPUT_DIRS {
        let input_path = root.join(dir);
        let input = resolve(&input_path)
            .with_context(|| format!("resolving the site folder {}", input_path.display()))?;
        if target.starts_with(&input) {
            return Err(refuse(format!(
                "it is inside {}, which the build of the site {} reads",
                input_path.display(),
                root.display()
            )));
        }
        // Only possible when the input folder is a symlink to somewhere outside the site.
        if input.starts_with(&target) {
            return Err(refuse(format!(
                "it contains {}, which the build of the site {} reads",
                input_path.display(),
                root.display()
            )));
        }
    }
    Ok(())
}

/// `path` made absolute with symlinks resolved, as far as it exists: its nearest existing
/// ancestor is canonicalised and the rest re-appended, with `..` applied lexically (exact,
/// since what does not exist cannot be a symlink).
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let path = std::path::absolute(path)?;
    let mut rest = Vec::new();
    let mut base = path.as_path();
    let mut resolved = loop {
        match fs::canonicalize(base) {
            Ok(real) => break real,
            Err(_) => match (base.parent(), base.components().next_back()) {
                (Some(parent), Some(last)) => {
                    rest.push(last);
                    base = parent;
                }
                _ => break base.to_path_buf(),
            },
        }
    };
    for component in rest.into_iter().rev() {
        match component {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => resolved.push(name),
            _ => {}
        }
    }
    Ok(resolved)
}

/// A sink that writes each page into a folder as soon as it is rendered: straight into a
/// fresh folder, or staged next to the previous output's files to replace only changed ones.
pub struct DirSink {
    root: PathBuf,
    in_place: Option<in_place::InPlace>,
    /// The previous build's fingerprints, when the caller gave them.
    reuse: Option<reuse::Reuse>,
    produced: AtomicUsize,
    written: AtomicUsize,
    bytes: AtomicU64,
    kept: AtomicUsize,
    streamed: AtomicUsize,
    pieces_copied: AtomicUsize,
}

/// What a build did to its output folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    /// Files the build produced, changed or not.
    pub produced: usize,
    /// Files written because they were new or their bytes changed.
    pub written: usize,
    /// Bytes of those files.
    pub bytes: u64,
    /// Files of the previous output no longer produced, deleted.
    pub removed: usize,
    /// Files left as they were without rendering them, their inputs being unchanged.
    pub kept: usize,
    /// Files streamed to disk as they were produced, never whole in memory.
    pub streamed: usize,
    /// Pieces of those files copied from the previous output ([`pieces`]).
    pub pieces_copied: usize,
}

impl DirSink {
    pub fn new(root: &Path) -> Self {
        DirSink {
            root: root.to_path_buf(),
            in_place: None,
            reuse: None,
            produced: AtomicUsize::new(0),
            written: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            kept: AtomicUsize::new(0),
            streamed: AtomicUsize::new(0),
            pieces_copied: AtomicUsize::new(0),
        }
    }

    /// Streams the file `rel` that `write` writes ([`Sink::put_streamed`]); over a previous
    /// output, through a writer that compares with the old file ([`streamed`]).
    fn stream(&self, rel: &str, write: &mut dyn FnMut(&mut dyn pieces::Out) -> io::Result<()>) -> Result<()> {
        let path = self.root.join(safe_rel(rel)?);
        self.note_produced(rel);
        self.streamed.fetch_add(1, Ordering::Relaxed);
        let written = match &self.in_place {
            Some(staged) => staged.stage_streamed(rel, &path, write)?,
            None => {
                if let Some(dir) = path.parent() {
                    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
                }
                let streamed = streamed::write(None, &path, write)
                    .with_context(|| format!("writing {}", path.display()))?;
                Some(streamed.len)
            }
        };
        if let Some(len) = written {
            self.written.fetch_add(1, Ordering::Relaxed);
            self.bytes.fetch_add(len, Ordering::Relaxed);
        }
        Ok(())
    }

    /// How many files were produced so far, changed or not.
    pub fn produced(&self) -> usize {
        self.produced.load(Ordering::Relaxed)
    }

    /// Counts `rel` as produced, and records it for the next build's removals.
    fn note_produced(&self, rel: &str) {
        self.produced.fetch_add(1, Ordering::Relaxed);
        if let Some(reuse) = &self.reuse {
            reuse.note(rel);
        }
    }

    fn report(&self, removed: usize) -> Report {
        Report {
            produced: self.produced(),
            written: self.written.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            removed,
            kept: self.kept.load(Ordering::Relaxed),
            streamed: self.streamed.load(Ordering::Relaxed),
            pieces_copied: self.pieces_copied.load(Ordering::Relaxed),
        }
    }
}

impl Sink for DirSink {
    fn put(&self, page: Page) -> Result<()> {
        let path = self.root.join(safe_rel(&page.rel)?);
        self.note_produced(&page.rel);
        match &self.in_place {
            Some(staged) => {
                if !staged.stage(&page.rel, &path, &page.bytes)? {
                    return Ok(());
                }
            }
            None => {
                if let Some(dir) = path.parent() {
                    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
                }
                fs::write(&path, &page.bytes).with_context(|| format!("writing {}", path.display()))?;
            }
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(page.bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    fn put_streamed(
        &self,
        rel: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<()> {
        self.stream(rel, &mut |out| write(out))
    }

    fn put_pieced(
        &self,
        rel: &str,
        write: &mut dyn FnMut(&mut pieces::Pieces<'_>) -> io::Result<()>,
    ) -> Result<usize> {
        // Pieces are copied only over a previous output, from the file still in place.
        let previous = match (&self.reuse, &self.in_place) {
            (Some(reuse), Some(_)) => reuse.previous_pieces(rel, &self.root.join(safe_rel(rel)?)),
            _ => None,
        };
        let mut done = None;
        self.stream(rel, &mut |out| {
            let mut pieces = pieces::Pieces::over(out, previous.as_ref());
            write(&mut pieces)?;
            done = Some(pieces.finish()?);
            Ok(())
        })?;
        let (layout, copied) = done.expect("written");
        if let Some(reuse) = &self.reuse {
            reuse.record_pieces(rel, layout);
        }
        self.pieces_copied.fetch_add(copied, Ordering::Relaxed);
        Ok(copied)
    }

    fn reuse(&self, rel: &str, fingerprint: Fingerprint) -> Result<bool> {
        let Some(reuse) = &self.reuse else { return Ok(false) };
        let path = self.root.join(safe_rel(rel)?);
        if !reuse.unchanged(rel, fingerprint, &path) {
            return Ok(false);
        }
        self.produced.fetch_add(1, Ordering::Relaxed);
        self.kept.fetch_add(1, Ordering::Relaxed);
        if let Some(staged) = &self.in_place {
            staged.keep(rel);
        }
        Ok(true)
    }

    #[cfg(debug_assertions)]
    fn debug_check_kept(&self, page: &Page) {
        let path = self.root.join(&page.rel);
        let on_disk = fs::read(&path).unwrap_or_default();
        assert!(
            *on_disk == *page.bytes,
            "{} was kept for its fingerprint, but rendering it now gives other bytes",
            page.rel
        );
    }
}

/// The filesystem calls of the swap that can fail; tests substitute failing ones.
struct FsOps {
    rename: fn(&Path, &Path) -> io::Result<()>,
    remove_dir_all: fn(&Path) -> io::Result<()>,
}

const REAL_FS: FsOps =
    FsOps { rename: |from, to| fs::rename(from, to), remove_dir_all: |path| fs::remove_dir_all(path) };

/// Runs `write` on a sink for `out` and, only if it succeeds, publishes what it wrote.
/// With no previous output that is a fresh staging folder next to `out`, swapped in as
/// `out`; over a previous output, the changed files replaced one by one ([`in_place`]).
/// On failure `out` is untouched. If `out` is a symlink to a folder, that folder is
/// updated and the link kept.
pub fn publish_with<T, E: From<anyhow::Error>>(
    out: &Path,
    write: impl FnOnce(&DirSink) -> Result<T, E>,
) -> Result<(T, Report), E> {
    publish_reusing(out, None, write)
}

/// [`publish_with`], keeping the files that `reuse` says are unchanged ([`Sink::reuse`]);
/// its record of this build is saved once the output is complete.
pub fn publish_reusing<T, E: From<anyhow::Error>>(
    out: &Path,
    reuse: Option<reuse::Reuse>,
    write: impl FnOnce(&DirSink) -> Result<T, E>,
) -> Result<(T, Report), E> {
    let real = real_out(out)?;
    if let Some(reuse) = &reuse {
        reuse.begin()?;
    }
    let (value, report, reuse) = if fs::symlink_metadata(&real).is_ok_and(|m| m.is_dir()) {
        let mut sink =
            DirSink { in_place: Some(in_place::InPlace::new(&real)), reuse, ..DirSink::new(&real) };
        let value = match write(&sink) {
            Ok(value) => value,
            Err(e) => {
                // Nothing in the output changed: its temporary files go, and the record
                // still lists what the folder holds.
                drop(sink.in_place.take());
                if let Some(reuse) = &sink.reuse {
                    reuse.abandon();
                }
                return Err(e);
            }
        };
        let previous = sink.reuse.as_ref().and_then(|r| r.previous_output().map(|files| files.collect()));
        let removed = sink.in_place.take().expect("staged in place").commit(previous)?;
        (value, sink.report(removed), sink.reuse)
    } else {
        let ((value, report), reuse) =
            publish_using(&REAL_FS, out, reuse, |sink| Ok::<_, E>((write(sink)?, sink.report(0))))?;
        (value, report, reuse)
    };
    if let Some(reuse) = reuse
        && let Err(e) = reuse.save(&real)
    {
        // Only the next build's speed depends on it.
        crate::term::warning(format_args!("could not save the record of this build's pages: {e:#}"));
    }
    Ok((value, report))
}

/// [`publish_with`], with the swap's filesystem calls given.
fn publish_using<T, E: From<anyhow::Error>>(
    fs_ops: &FsOps,
    out: &Path,
    reuse: Option<reuse::Reuse>,
    write: impl FnOnce(&DirSink) -> Result<T, E>,
) -> Result<(T, Option<reuse::Reuse>), E> {
    let out = real_out(out)?;
    let (parent, name) = parent_and_name(&out);
    fs::create_dir_all(&parent).with_context(|| format!("creating {}", parent.display()))?;
    // Dropping this guard deletes the staging folder: on every error below, and on a panic.
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.staging-"))
        .tempdir_in(&parent)
        .with_context(|| format!("creating a staging folder in {}", parent.display()))?;
    let sink = DirSink { reuse, ..DirSink::new(staging.path()) };
    let value = write(&sink)?;
    swap_in(fs_ops, staging.path(), &out)?;
    // The staging folder is `out` now: disarm the guard.
    let _ = staging.keep();
    Ok((value, sink.reuse))
}

/// Writes `pages` as the new content of `out`.
pub fn publish(pages: &[Page], out: &Path) -> Result<Report> {
    Ok(publish_with(out, |sink| pages.par_iter().try_for_each(|p| sink.put(p.clone())))?.1)
}

/// The folder to replace: `out`, or what it links to if it is a symlink, so the link keeps
/// working and points at the new build. A path without a final name (`.`) is resolved too.
fn real_out(out: &Path) -> Result<PathBuf> {
    let is_link = fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link && out.file_name().is_some() {
        return Ok(out.to_path_buf());
    }
    let real = fs::canonicalize(out).with_context(|| match fs::read_link(out) {
        Ok(target) => format!(
            "the output folder {} is a symlink to {}, which does not exist",
            out.display(),
            target.display()
        ),
        Err(_) => format!("resolving the output folder {}", out.display()),
    })?;
    if real.file_name().is_none() {
        bail!("refusing to build into {}", real.display());
    }
    Ok(real)
}

/// The folder containing `out` and `out`'s name.
fn parent_and_name(out: &Path) -> (PathBuf, String) {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    (parent, name)
}

/// Renames `staging` to `out`. A previous `out` is first moved into a new, uniquely named
/// folder next to it (`.public.old-XXXXXX/public`), put back if the rename fails, and
/// deleted once the new build is in place; failing to delete it is only a warning.
///
/// Unique names mean that folders left by a killed build (`.public.staging-*`,
/// `.public.old-*`) never get in the way, and concurrent builds never share one. They are
/// deliberately not cleaned up here: telling a stale one from a slow concurrent build's is
/// guesswork, and a wrong guess deletes a build in progress. They are hidden, never read,
/// and safe to delete by hand.
fn swap_in(fs_ops: &FsOps, staging: &Path, out: &Path) -> Result<()> {
    let previous = match fs::symlink_metadata(out) {
        Ok(meta) if !meta.is_dir() => bail!("{} exists and is not a folder", out.display()),
        Ok(_) => {
            let (parent, name) = parent_and_name(out);
            let holder =
                tempfile::Builder::new().prefix(&format!(".{name}.old-")).tempdir_in(&parent).with_context(
                    || format!("creating a folder for the previous build in {}", parent.display()),
                )?;
            let aside = holder.path().join(&name);
            match (fs_ops.rename)(out, &aside) {
                Ok(()) => Some((holder, aside)),
                // Moved away meanwhile (by a concurrent build): nothing to replace.
                Err(e) if e.kind() == io::ErrorKind::NotFound => None,
                Err(e) => {
                    return Err(e).with_context(|| format!("moving the previous {} aside", out.display()));
                }
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("reading {}", out.display())),
    };
    if let Err(e) = (fs_ops.rename)(staging, out) {
        let err = anyhow::Error::new(e).context(format!("moving the new build into {}", out.display()));
        if let Some((holder, aside)) = previous {
            // Put the previous build back so nothing is lost; dropping `holder` then
            // removes the emptied folder.
            if let Err(restore) = (fs_ops.rename)(&aside, out) {
                let _ = holder.keep();
                return Err(err.context(format!(
                    "the previous build could not be put back ({restore}) and is kept in {}",
                    aside.display()
                )));
            }
        }
        return Err(err);
    }
    if let Some((holder, _)) = previous {
        let holder = holder.keep();
        if let Err(e) = (fs_ops.remove_dir_all)(&holder) {
            crate::term::warning(format_args!(
                "the new build is in {}, but the previous one could not be deleted ({e}); \
                 delete {} by hand",
                out.display(),
                holder.display()
            ));
        }
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

    /// Names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    /// A site folder with config and every input folder, in a temp dir.
    fn site() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        for dir in INPUT_DIRS {
            fs::create_dir_all(root.join(dir)).unwrap();
        }
        fs::write(root.join("config.yaml"), "title: x\n").unwrap();
        (tmp, root)
    }

    #[track_caller]
    fn refused(root: &Path, out: &Path) -> String {
        let msg = format!("{:#}", check_output_dir(root, out).expect_err("should be refused"));
        assert!(msg.contains(&out.display().to_string()), "names the output folder: {msg}");
        assert!(msg.contains(&root.display().to_string()), "names the site folder: {msg}");
        msg
    }

    #[test]
    fn refuses_the_site_folder_and_its_ancestors_as_output() {
        let (tmp, root) = site();
        assert!(refused(&root, &root).contains("is the site folder"));
        assert!(refused(&root, &root.join("content/..")).contains("is the site folder"));
        assert!(refused(&root, &root.join("public/../.")).contains("is the site folder"));
        assert!(refused(&root, &root.join("missing/..")).contains("is the site folder"));
        assert!(refused(&root, tmp.path()).contains("contains the site folder"));
        assert!(refused(&root, Path::new("/")).contains("contains the site folder"));
    }

    #[test]
    fn refuses_output_inside_the_input_folders() {
        let (_tmp, root) = site();
        for dir in INPUT_DIRS {
            assert!(refused(&root, &root.join(dir)).contains("inside"), "{dir}");
            // Not there yet: resolved through the nearest existing folder.
            assert!(refused(&root, &root.join(dir).join("new/public")).contains("inside"), "{dir}");
        }
        // Also when the input folder does not exist (yet).
        fs::remove_dir(root.join("themes")).unwrap();
        refused(&root, &root.join("themes/out"));
    }

    #[test]
    fn accepts_other_folders_inside_or_outside_the_site() {
        let (tmp, root) = site();
        for out in [
            root.join("public"),
            root.join("dist/www"),
            root.join("contents"),
            root.join("content/../public"),
            tmp.path().join("out"),
            tmp.path().join("new/deep/out"),
        ] {
            check_output_dir(&root, &out).unwrap_or_else(|e| panic!("{}: {e:#}", out.display()));
        }
        // An existing output folder is fine too.
        fs::create_dir(root.join("public/")).unwrap();
        check_output_dir(&root, &root.join("public")).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn resolves_symlinks_before_comparing() {
        use std::os::unix::fs::symlink;
        let (tmp, root) = site();
        // A link to the site, and an output folder that is a link into content/.
        symlink(&root, tmp.path().join("alias")).unwrap();
        refused(&root, &tmp.path().join("alias"));
        refused(&root, &tmp.path().join("alias/content/x"));
        symlink("content", root.join("public")).unwrap();
        assert!(refused(&root, &root.join("public")).contains("inside"));
        // A root given through a link is the same site.
        let alias = tmp.path().join("alias");
        refused(&alias, &root.join("static"));
        // An input folder linked to outside the site: the output must not contain it.
        let shared = tmp.path().join("shared");
        fs::create_dir_all(shared.join("templates")).unwrap();
        fs::remove_dir(root.join("templates")).unwrap();
        symlink(shared.join("templates"), root.join("templates")).unwrap();
        assert!(refused(&root, &shared).contains("contains"));
        refused(&root, &shared.join("templates/out"));
    }

    /// Fails renaming a staging folder into place; everything else is real.
    const FAILING_SWAP: FsOps = FsOps {
        rename: |from, to| {
            let name = from.file_name().unwrap().to_string_lossy();
            if name.contains(".staging-") { Err(io::Error::other("injected")) } else { fs::rename(from, to) }
        },
        remove_dir_all: REAL_FS.remove_dir_all,
    };

    #[test]
    fn a_failed_swap_restores_the_previous_build_and_leaves_nothing_behind() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        publish(&[page("a.txt", "one")], &out).unwrap();
        let r = publish_using(&FAILING_SWAP, &out, None, |sink| sink.put(page("a.txt", "two")));
        let msg = format!("{:#}", r.unwrap_err());
        assert!(msg.contains("moving the new build into"), "{msg}");
        assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "one");
        assert_eq!(names(tmp.path()), ["public"]);
        // With no previous build too.
        fs::remove_dir_all(&out).unwrap();
        assert!(publish_using(&FAILING_SWAP, &out, None, |sink| sink.put(page("a.txt", "two"))).is_err());
        assert!(names(tmp.path()).is_empty());
    }

    #[test]
    fn failing_to_delete_the_previous_build_is_only_a_warning() {
        const UNDELETABLE: FsOps =
            FsOps { rename: REAL_FS.rename, remove_dir_all: |_| Err(io::Error::other("injected")) };
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        publish(&[page("a.txt", "one")], &out).unwrap();
        publish_using(&UNDELETABLE, &out, None, |sink| sink.put(page("a.txt", "two"))).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "two");
        // The previous build is left where the warning says, in a hidden folder.
        let left = names(tmp.path());
        assert_eq!(left.len(), 2, "{left:?}");
        assert!(left[0].starts_with(".public.old-"), "{left:?}");
        let old = tmp.path().join(&left[0]).join("public/a.txt");
        assert_eq!(fs::read_to_string(old).unwrap(), "one");
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
