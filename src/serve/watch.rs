//! Watching the site's inputs: notify events → site-relative paths → [`Change`]s.
//!
//! Editors rarely write a file in place. Vim renames the original to `x.md~`, probes the
//! folder with a file named `4913` and writes a new `x.md`; other editors write
//! `.x.md.tmp` and rename it over `x.md`. We take every path an event names (both sides of
//! a rename), drop the editors' scratch files, and let the rebuild look at the disk as it
//! is now: whatever the sequence of events, the real file ends up re-read exactly once.

use crate::build::INPUT_DIRS;
use anyhow::Context;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// Long enough to merge an editor's burst of writes and renames (they come within a few
/// milliseconds), short enough to feel instant: the debouncer reports an event once it is
/// this old, checking four times per period, so a save waits 20 to 25 ms here.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// What one changed path means for the build.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// `config.yaml`: everything depends on it.
    Config,
    /// A company file: postings embed their company, so every posting is re-parsed.
    Company(PathBuf),
    /// One posting file, created, edited or deleted.
    Posting(PathBuf),
    /// A page under `content/pages/` or the home page's intro, `content/_index.md`.
    Page(PathBuf),
    /// A template, in `templates/` or in `themes/<theme>/templates/`.
    Template { path: PathBuf, theme: Option<String> },
    /// A static file; `rel` is its output path (the part after `static/`).
    Static { path: PathBuf, theme: Option<String>, rel: String },
    /// A folder appeared, vanished or moved: its files sent no events of their own.
    Folder(PathBuf),
}

impl Change {
    /// "posting content/jobs/x.md", for the rebuild line.
    pub fn describe(&self) -> String {
        let show = |p: &Path| p.to_string_lossy().replace('\\', "/");
        match self {
            Change::Config => crate::config::CONFIG_FILE.to_string(),
            Change::Company(p) => format!("company {}", show(p)),
            Change::Posting(p) => format!("posting {}", show(p)),
            Change::Page(p) => format!("page {}", show(p)),
            Change::Template { path, .. } => format!("template {}", show(path)),
            Change::Static { path, .. } => format!("static file {}", show(path)),
            Change::Folder(p) => format!("folder {}", show(p)),
        }
    }
}

/// Whether a changed path is, at the time we look, a file, a folder or gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    File,
    Folder,
    Gone,
}

impl Entry {
    fn of(path: &Path) -> Entry {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => Entry::Folder,
            Ok(_) => Entry::File,
            Err(_) => Entry::Gone,
        }
    }
}

/// True for the scratch files editors write next to the real one: swap and backup files,
/// vim's `4913` probe, temp files renamed over the original, lock and autosave files.
pub fn is_editor_junk(name: &str) -> bool {
    const JUNK_EXTS: &[&str] = &["swp", "swo", "swx", "swpx", "tmp", "temp", "bak", "crswap", "kate-swp"];
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.contains("___jb_")
        || ext.is_some_and(|e| JUNK_EXTS.contains(&e.as_str()))
        || is_vim_probe(name)
        || is_sed_temp(name)
}

/// Vim checks that it may write a folder by creating `4913` (then 5036, 5159, … if taken).
fn is_vim_probe(name: &str) -> bool {
    name.parse::<u32>().is_ok_and(|n| n >= 4913 && (n - 4913) % 123 == 0)
}

/// `sed -i` writes `sedXXXXXX` and renames it over the file.
fn is_sed_temp(name: &str) -> bool {
    name.len() == 9 && name.starts_with("sed") && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// What a site-relative path means, given what is at that path now.
/// `None` for paths that no build reads (and for editor scratch files).
pub fn classify(rel: &Path, entry: Entry) -> Option<Change> {
    let parts: Vec<&str> = rel
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let (&name, dirs) = parts.split_last()?;
    if is_editor_junk(name) {
        return None;
    }
    // A path we cannot see any more was a folder unless its name says it was one of the
    // files the build reads: a folder moved away sends one event for itself, none for its
    // files, and `team.v2` is as good a folder name as `team`. Taking a file for a folder
    // costs a full reload; taking a folder for a file would keep its pages up.
    let folder = match entry {
        Entry::Folder => true,
        Entry::File => false,
        Entry::Gone => !was_input_file(rel, dirs, name),
    };
    let path = rel.to_path_buf();
    match (dirs, folder) {
        ([], false) => (name == crate::config::CONFIG_FILE).then_some(Change::Config),
        ([], true) => INPUT_DIRS.contains(&name).then_some(Change::Folder(path)),
        (["content", ..], true) => Some(Change::Folder(path)),
        (["content", "companies", ..], false) => {
            matches!(ext(name), Some("yaml" | "yml")).then_some(Change::Company(path))
        }
        (["content", "jobs", ..], false) => {
            crate::content::is_posting_file(rel).then_some(Change::Posting(path))
        }
        (["content", ..], false) => crate::content::page::is_page_file(rel).then_some(Change::Page(path)),
        // Any change under templates/, a folder's too, reloads the whole theme.
        (["templates", ..], _) => Some(Change::Template { path, theme: None }),
        (["static", rest @ ..], _) => static_change(path, None, rest, name, folder),
        (["themes"], true) => Some(Change::Folder(path)),
        (["themes", theme, "templates", ..], _) => {
            Some(Change::Template { theme: Some(theme.to_string()), path })
        }
        (["themes", theme, "static", rest @ ..], _) => {
            static_change(path, Some(theme.to_string()), rest, name, folder)
        }
        (["themes", _, ..], true) => Some(Change::Folder(path)),
        _ => None,
    }
}

fn ext(name: &str) -> Option<&str> {
    name.rsplit_once('.').map(|(_, e)| e)
}

/// Whether a path that is gone was, by its name and place, a file the build reads.
fn was_input_file(rel: &Path, dirs: &[&str], name: &str) -> bool {
    match dirs {
        [] => name == crate::config::CONFIG_FILE,
        ["content", "companies", ..] => matches!(ext(name), Some("yaml" | "yml")),
        ["content", "jobs", ..] => crate::content::is_posting_file(rel),
        ["content", ..] => crate::content::page::is_page_file(rel),
        // Reloads the theme either way, which rescans the folder.
        ["templates", ..] | ["themes", _, "templates", ..] => true,
        // Static files may have any name; one of a known type is taken for a file, so
        // deleting `site.css` patches one entry. Anything else (`CNAME`, `img.v2`) reloads.
        ["static", ..] | ["themes", _, "static", ..] => {
            super::paths::content_type(name) != "application/octet-stream"
        }
        _ => false,
    }
}

fn static_change(
    path: PathBuf,
    theme: Option<String>,
    dirs: &[&str],
    name: &str,
    folder: bool,
) -> Option<Change> {
    // The theme loader skips anything under a dot-folder; so do we.
    if dirs.iter().any(|d| d.starts_with('.')) {
        return None;
    }
    if folder {
        return Some(Change::Folder(path));
    }
    let mut rel = dirs.join("/");
    if !rel.is_empty() {
        rel.push('/');
    }
    rel.push_str(name);
    Some(Change::Static { path, theme, rel })
}

/// The site's inputs under watch; debounced batches of [`Change`]s come out of [`Self::next`].
pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
}

impl Watcher {
    /// Watches `config.yaml` (through the root folder, so a rename over it is seen) and the
    /// input folders that exist; folders created later are added when they appear.
    pub fn start(root: &Path) -> anyhow::Result<Watcher> {
        let root = std::fs::canonicalize(root).with_context(|| format!("resolving {}", root.display()))?;
        let (tx, events) = channel();
        let mut debouncer = new_debouncer(DEBOUNCE, None, tx).context("starting the file watcher")?;
        debouncer
            .watch(&root, RecursiveMode::NonRecursive)
            .with_context(|| format!("watching {}", root.display()))?;
        let mut watcher = Watcher { root, debouncer, events };
        for dir in INPUT_DIRS {
            watcher.watch_dir(dir)?;
        }
        Ok(watcher)
    }

    fn watch_dir(&mut self, dir: &str) -> anyhow::Result<()> {
        let path = self.root.join(dir);
        if path.is_dir() {
            self.debouncer
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("watching {}", path.display()))?;
        }
        Ok(())
    }

    /// Blocks until a batch holds at least one change a build cares about, merging the
    /// batches that queued up meanwhile. `None` once the watcher has stopped.
    pub fn next(&mut self) -> Option<BTreeSet<Change>> {
        loop {
            let first = self.events.recv().ok()?;
            if let Some(changes) = self.merged(first) {
                return Some(changes);
            }
        }
    }

    /// The changes that queued up already, if any matter: does not wait.
    pub fn queued(&mut self) -> Option<BTreeSet<Change>> {
        let first = self.events.try_recv().ok()?;
        self.merged(first)
    }

    /// The changes in `first` and the batches queued behind it; `None` if none matters.
    fn merged(&mut self, first: DebounceEventResult) -> Option<BTreeSet<Change>> {
        let mut changes = BTreeSet::new();
        let mut batch = Some(first);
        while let Some(result) = batch {
            match result {
                Ok(events) => {
                    for event in events.iter().filter(|e| is_change(&e.kind)) {
                        changes.extend(event.paths.iter().filter_map(|p| self.change(p)));
                    }
                }
                Err(errors) => {
                    for e in errors {
                        crate::term::warning(format_args!("file watcher: {e}"));
                    }
                }
            }
            batch = self.events.try_recv().ok();
        }
        for change in &changes {
            if let Change::Folder(p) = change
                && let Some(top) = p.to_str().filter(|s| INPUT_DIRS.contains(s))
                && let Err(e) = self.watch_dir(top)
            {
                crate::term::warning(format_args!("{e:#}"));
            }
        }
        (!changes.is_empty()).then_some(changes)
    }

    fn change(&self, abs: &Path) -> Option<Change> {
        let rel = abs.strip_prefix(&self.root).ok()?;
        classify(rel, Entry::of(abs))
    }
}

/// Reads (`Access`) are not changes: the rebuild itself opens every file it reads.
fn is_change(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::Access(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(rel: &str, entry: Entry) -> Option<Change> {
        classify(Path::new(rel), entry)
    }

    #[test]
    fn recognises_editor_scratch_files() {
        for junk in [
            "4913",
            "5036",
            ".x.md.swp",
            "x.md.swp",
            "x.md~",
            ".#x.md",
            "#x.md#",
            ".x.md.tmp",
            "x.md.tmp",
            "x.md___jb_tmp___",
            "sedA1b2C3",
            ".goutputstream-ABC123",
        ] {
            assert!(is_editor_junk(junk), "{junk} should be ignored");
        }
        for real in ["x.md", "4914", "2026", "style.css", "sedan.md", "logo.svg"] {
            assert!(!is_editor_junk(real), "{real} should count");
        }
    }

    #[test]
    fn classifies_inputs_by_folder() {
        assert_eq!(c("config.yaml", Entry::File), Some(Change::Config));
        assert_eq!(
            c("content/jobs/a/x.md", Entry::Gone),
            Some(Change::Posting("content/jobs/a/x.md".into()))
        );
        assert_eq!(
            c("content/pages/about.md", Entry::Gone),
            Some(Change::Page("content/pages/about.md".into()))
        );
        assert_eq!(c("content/_index.md", Entry::File), Some(Change::Page("content/_index.md".into())));
        assert_eq!(
            c("content/companies/acme.yml", Entry::File),
            Some(Change::Company("content/companies/acme.yml".into()))
        );
        assert_eq!(
            c("templates/partials/header.html", Entry::File),
            Some(Change::Template { path: "templates/partials/header.html".into(), theme: None })
        );
        assert_eq!(
            c("themes/dark/static/css/site.css", Entry::File),
            Some(Change::Static {
                path: "themes/dark/static/css/site.css".into(),
                theme: Some("dark".into()),
                rel: "css/site.css".into()
            })
        );
    }

    #[test]
    fn ignores_what_no_build_reads() {
        for (rel, entry) in [
            ("README.md", Entry::File),
            ("public/index.html", Entry::File),
            ("content/jobs/notes.txt", Entry::File),
            ("content/jobs/.draft.md", Entry::File),
            ("content/jobs/x.md.swp", Entry::File),
            ("content/jobs/4913", Entry::Gone),
            ("static/.well-known/x.txt", Entry::File),
            ("target", Entry::Folder),
        ] {
            assert_eq!(c(rel, entry), None, "{rel}");
        }
    }

    #[test]
    fn treats_vanished_dotted_folders_as_folders() {
        for rel in [
            "content/jobs/team.v2",
            "content/jobs/team.v2/sub.d",
            "content/companies/acme.d",
            "content/old.stuff",
            "static/img.v2",
            "static/CNAME",
            "themes/dark.v2",
            "themes/dark/static/img.v2",
        ] {
            assert_eq!(c(rel, Entry::Gone), Some(Change::Folder(rel.into())), "{rel}");
        }
        // Files the build reads keep their own, cheaper change.
        assert_eq!(
            c("content/jobs/team.v2/x.md", Entry::Gone),
            Some(Change::Posting("content/jobs/team.v2/x.md".into()))
        );
        assert_eq!(
            c("static/site.css", Entry::Gone),
            Some(Change::Static { path: "static/site.css".into(), theme: None, rel: "site.css".into() })
        );
        assert_eq!(c("config.yaml", Entry::Gone), Some(Change::Config));
        // A folder of templates, gone or new, reloads the theme.
        for entry in [Entry::Gone, Entry::Folder] {
            assert_eq!(
                c("templates/partials.v2", entry),
                Some(Change::Template { path: "templates/partials.v2".into(), theme: None })
            );
            assert_eq!(
                c("themes/dark/templates/partials", entry),
                Some(Change::Template {
                    path: "themes/dark/templates/partials".into(),
                    theme: Some("dark".into())
                })
            );
        }
        // Editor scratch files are dropped before anyone asks what they were.
        for junk in
            ["content/jobs/x.md.swp", "content/jobs/.x.md.tmp", "content/jobs/x.md~", "static/.site.css.tmp"]
        {
            assert_eq!(c(junk, Entry::Gone), None, "{junk}");
        }
        // Paths no build reads stay ignored at the root.
        assert_eq!(c("notes.v2", Entry::Gone), None);
    }

    #[test]
    fn treats_vanished_extensionless_paths_as_folders() {
        assert_eq!(
            c("content/jobs/northwind", Entry::Gone),
            Some(Change::Folder("content/jobs/northwind".into()))
        );
        assert_eq!(c("static", Entry::Folder), Some(Change::Folder("static".into())));
    }
}
