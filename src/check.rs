//! `vacancy check`: every build rule plus editorial rules, without writing anything.
//!
//! The build's own rules come from [`build::load`] (config, postings, companies) and from
//! rendering the whole site in memory (theme and template errors). On top of those,
//! [`rules`] adds editorial warnings about single postings and [`links`] checks the links
//! in posting bodies against the pages the build renders. Output goes through
//! [`format`] as text for people, JSON lines for tools, or GitHub annotations for CI.

pub mod contract;
pub mod format;
pub mod links;
pub mod rules;

use crate::build::{self, Failure, Options};
use crate::config::Config;
use crate::content::posting::Posting;
use crate::diagnostic::{self, Diagnostic};
use crate::render::{Page, Sink};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Everything `check` found.
#[derive(Debug, Default)]
pub struct Report {
    /// Build and editorial diagnostics, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// How many posting files were read.
    pub postings: usize,
}

impl Report {
    /// How many diagnostics are errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// How many diagnostics are warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// "2 errors, 1 warning in 14 postings".
    pub fn summary(&self) -> String {
        format!(
            "{}, {} in {}",
            count(self.errors(), "error"),
            count(self.warnings(), "warning"),
            count(self.postings, "posting")
        )
    }

    /// 1 on errors, and on warnings too when `strict`; else 0.
    pub fn exit_code(&self, strict: bool) -> ExitCode {
        if self.errors() > 0 || (strict && self.warnings() > 0) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Runs `vacancy check`.
///
/// Errors in `config.yaml`, which stop everything else, are reported like any other
/// problem: in the chosen format, with the summary line.
pub fn run(args: &crate::cli::CheckArgs) -> Result<ExitCode, Failure> {
    let start = std::time::Instant::now();
    let opts = crate::cli::site_options(&args.site)?;
    let report = match check(&opts) {
        Ok(report) => report,
        Err(Failure::Invalid(mut diagnostics)) => {
            diagnostic::sort(&mut diagnostics);
            Report { diagnostics, postings: crate::content::posting_files(&opts.root).len() }
        }
        Err(e) => return Err(e),
    };
    format::print(&report, args.format, &args.site.root);
    format::details(&report, &args.site.root, start.elapsed());
    Ok(report.exit_code(args.strict))
}

/// Checks a site. Problems in the site's files are in the report; only I/O and internal
/// failures (no config file at all, say) are errors.
///
/// The site is read once. When it has no errors, one page of each kind is rendered for
/// template errors, and the paths of all pages are planned for the link rule. When it has errors, the postings
/// that did parse still get the editorial rules, so one run shows everything; only the
/// link rule, which needs the rendered pages, is skipped.
pub fn check(opts: &Options) -> Result<Report, Failure> {
    let mut loaded = build::load_unchecked(opts, crate::content::cache::Update::No)?;
    let mut diagnostics = std::mem::take(&mut loaded.diagnostics);
    let pages = if diagnostic::has_errors(&diagnostics) {
        None
    } else {
        match build::sample_loaded(opts, &loaded, &Discard) {
            Ok((site, paths)) => {
                let key = crate::ping::key(&loaded.config).ok().flatten();
                diagnostics.extend(crate::discover::collisions(
                    &site,
                    &|f| paths.contains(f),
                    key.as_deref(),
                ));
                Some(paths)
            }
            Err(Failure::Invalid(d)) => {
                diagnostics.extend(d);
                None
            }
            Err(e) => return Err(e),
        }
    };
    diagnostics.extend(stray_files(&loaded.content.stray_files));
    diagnostics.extend(contract::check(&opts.root, &loaded.config));
    diagnostics.extend(posting_rules(opts, &loaded.config, &loaded.content.postings, pages.as_ref()));
    // A posting with errors still gets the editorial warnings, except about a field that
    // already has an error (its value is wrong anyway); a rule's error about a field that
    // failed to parse would be a false one.
    let rejected: Vec<Diagnostic> = posting_rules(opts, &loaded.config, &loaded.rejected, None)
        .into_iter()
        .filter(|w| {
            !w.is_error()
                && !diagnostics
                    .iter()
                    .any(|e| e.is_error() && e.path == w.path && e.field == w.field && e.field.is_some())
        })
        .collect();
    diagnostics.extend(rejected);
    diagnostic::sort(&mut diagnostics);
    // Every posting file, parsed or not, so the summary counts postings with errors too.
    Ok(Report { diagnostics, postings: loaded.posting_files })
}

/// Drops the sample pages: `check` wants only their template errors.
struct Discard;

impl Sink for Discard {
    fn put(&self, _: Page) -> anyhow::Result<()> {
        Ok(())
    }
}

/// Editorial and link rules for every posting that would be published: drafts are work
/// in progress, so they are only checked with `--drafts`, as the build only shows them then.
fn posting_rules(
    opts: &Options,
    config: &Config,
    postings: &[Arc<Posting>],
    pages: Option<&HashSet<String>>,
) -> Vec<Diagnostic> {
    let links = links::Links::new(&opts.root, config, pages);
    postings
        .par_iter()
        .filter(|p| opts.drafts || !p.draft)
        .flat_map_iter(|p| {
            let mut out = rules::check(p, config, opts.now.start(&config.timezone));
            out.extend(links.check(p));
            out
        })
        .collect()
}

/// Files in `content/jobs` the build ignores: usually a posting saved with the wrong
/// extension, which would otherwise silently never appear.
fn stray_files(files: &[PathBuf]) -> Vec<Diagnostic> {
    let exts: Vec<String> = crate::content::POSTING_EXTENSIONS.iter().map(|e| format!(".{e}")).collect();
    let read = match exts.split_last() {
        Some((last, init)) if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        _ => exts.concat(),
    };
    files
        .iter()
        .map(|f| {
            Diagnostic::warning("stray-file", f, format!("not a posting: only {read} files are read"))
                .help("give it a .md extension if it is a posting, or move it out of content/jobs")
        })
        .collect()
}
