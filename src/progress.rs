//! The build's progress bar. It shows on a terminal only (never in CI logs or when stderr
//! is a file or pipe), never under `--quiet`, and only once a build has run for about a
//! second, so quick builds print nothing besides their summary.

use crate::render::{Page, Sink};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long a build runs before its progress bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// Whether a progress bar may be drawn at all: only for a person watching a terminal.
pub fn wanted(stderr_is_terminal: bool, in_ci: bool, quiet: bool) -> bool {
    stderr_is_terminal && !in_ci && !quiet
}

/// True when the `CI` variable says this runs in continuous integration (GitHub Actions,
/// GitLab, most others set `CI=true`); `CI=false` or `CI=0` says it does not.
pub fn in_ci(ci: Option<&std::ffi::OsStr>) -> bool {
    ci.is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// A bar counting written files towards a known total. It stays hidden until [`DELAY`]
/// has passed, and is cleared when dropped, so diagnostics printed afterwards (a failed
/// build) start on a clean line.
pub struct Progress {
    bar: ProgressBar,
    start: Instant,
    /// False when the bar must never be drawn.
    enabled: bool,
    shown: AtomicBool,
}

impl Progress {
    /// A bar for `total` files, drawn on stderr when [`wanted`] for this process.
    pub fn for_build(total: usize) -> Self {
        let enabled = wanted(
            std::io::stderr().is_terminal(),
            in_ci(std::env::var_os("CI").as_deref()),
            crate::term::quiet(),
        );
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("Building [{bar:40}] {pos}/{len} files, {elapsed}")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        Progress { bar, start: Instant::now(), enabled, shown: AtomicBool::new(false) }
    }

    /// Counts one file; draws the bar from now on once the build is slow enough.
    pub fn inc(&self) {
        self.bar.inc(1);
        if self.enabled && self.start.elapsed() >= DELAY && !self.shown.swap(true, Ordering::Relaxed) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// How many files were counted.
    pub fn position(&self) -> u64 {
        self.bar.position()
    }

    /// A sink that counts each page into this bar on its way to `inner`.
    pub fn counting<'a>(&'a self, inner: &'a dyn Sink) -> Counting<'a> {
        Counting { inner, progress: self }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// See [`Progress::counting`].
pub struct Counting<'a> {
    inner: &'a dyn Sink,
    progress: &'a Progress,
}

impl Sink for Counting<'_> {
    fn put(&self, page: Page) -> anyhow::Result<()> {
        self.inner.put(page)?;
        self.progress.inc();
        Ok(())
    }

    fn put_streamed(
        &self,
        rel: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        self.inner.put_streamed(rel, write)?;
        self.progress.inc();
        Ok(())
    }

    fn put_pieced(
        &self,
        rel: &str,
        write: &mut dyn FnMut(&mut crate::output::pieces::Pieces<'_>) -> std::io::Result<()>,
    ) -> anyhow::Result<usize> {
        let copied = self.inner.put_pieced(rel, write)?;
        self.progress.inc();
        Ok(copied)
    }

    fn reuse(&self, rel: &str, fingerprint: crate::render::fingerprint::Fingerprint) -> anyhow::Result<bool> {
        let kept = self.inner.reuse(rel, fingerprint)?;
        if kept {
            self.progress.inc();
        }
        Ok(kept)
    }

    #[cfg(debug_assertions)]
    fn debug_check_kept(&self, page: &Page) {
        self.inner.debug_check_kept(page);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn only_a_person_at_a_terminal_gets_a_bar() {
        assert!(wanted(true, false, false));
        assert!(!wanted(false, false, false), "not a terminal");
        assert!(!wanted(true, true, false), "in CI");
        assert!(!wanted(true, false, true), "--quiet");
    }

    #[test]
    fn reads_the_ci_variable_like_ci_services_set_it() {
        assert!(in_ci(Some(OsStr::new("true"))));
        assert!(in_ci(Some(OsStr::new("1"))));
        assert!(!in_ci(None));
        assert!(!in_ci(Some(OsStr::new(""))));
        assert!(!in_ci(Some(OsStr::new("false"))));
        assert!(!in_ci(Some(OsStr::new("0"))));
    }

    #[test]
    fn counts_every_page_that_reaches_the_sink() {
        let progress = Progress::for_build(3);
        let inner = crate::render::Collect::default();
        let sink = progress.counting(&inner);
        for rel in ["a.html", "b.html"] {
            sink.put(Page { rel: rel.into(), bytes: b"x".as_slice().into() }).unwrap();
        }
        assert_eq!(progress.position(), 2);
        assert_eq!(inner.into_pages().len(), 2);
    }
}
