//! The pipeline: load → validate → assemble → render → write.

use crate::config::{self, CONFIG_FILE, Config};
use crate::content::{self, Content};
use crate::dates::When;
use crate::diagnostic::{self, Diagnostic};
use crate::render::{self, Sink, theme};
use crate::site::{Publish, Site, Stats};
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// The folders of a site that a build reads, besides `config.yaml`: what `serve` watches
/// and what an output folder may never replace.
pub const INPUT_DIRS: [&str; 4] = ["content", "templates", "static", "themes"];

/// What a build reads and how.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// `--now`; a date-only value is midnight in the site's zone (`When::start`).
    pub now: When,
}

/// Why a build produced nothing.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the site's files: reported, sorted, exit status 1.
    Invalid(Vec<Diagnostic>),
    /// Something outside the user's input went wrong (I/O, permissions).
    Internal(anyhow::Error),
}

impl From<render::RenderError> for Failure {
    fn from(e: render::RenderError) -> Self {
        match e {
            render::RenderError::Invalid(d) => Failure::Invalid(d),
            render::RenderError::Sink(e) => Failure::Internal(e),
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Internal(e)
    }
}

/// What was read from a site: config, content and every diagnostic found on the way.
pub struct Loaded {
    pub config: Arc<Config>,
    pub content: Content,
    /// Sorted; from [`load`] these are warnings only.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads config and content. Problems in postings are returned in `diagnostics`, with the
/// postings that parsed, so `check` can go on to its own rules; only an unusable config or
/// an I/O failure is an `Err`.
pub fn load_unchecked(opts: &Options) -> Result<Loaded, Failure> {
    let config = read_config(&opts.root, opts.base_url.as_deref())?;
    let (content, mut diagnostics) = content::load(&opts.root, &config);
    diagnostics.extend(config.warnings.iter().cloned());
    diagnostic::sort(&mut diagnostics);
    Ok(Loaded { config: Arc::new(config), content, diagnostics })
}

/// Reads and parses `config.yaml`; `base_url` overrides the file's (`--base-url`).
pub fn read_config(root: &Path, base_url: Option<&str>) -> Result<Config, Failure> {
    let path = root.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "reading {} (is {} a Vacancy site? `vacancy init` creates one)",
            path.display(),
            root.display()
        )
    })?;
    config::parse(Path::new(CONFIG_FILE), &text, base_url).map_err(Failure::Invalid)
}

/// Reads and validates config and content: every rule the build runs. Errors fail.
pub fn load(opts: &Options) -> Result<Loaded, Failure> {
    let loaded = load_unchecked(opts)?;
    if diagnostic::has_errors(&loaded.diagnostics) {
        return Err(Failure::Invalid(loaded.diagnostics));
    }
    Ok(loaded)
}

/// Assembles loaded content and renders it into `sink`; returns the assembled site.
pub fn render_loaded(opts: &Options, loaded: &Loaded, sink: &dyn Sink) -> Result<Site, Failure> {
    let theme = theme::load(&opts.root, &loaded.config).map_err(Failure::Invalid)?;
    let site = Site::assemble(
        loaded.config.clone(),
        &loaded.content,
        opts.now.start(&loaded.config.timezone),
        Publish { drafts: opts.drafts },
    );
    render::render_into(&site, &theme, None, sink)?;
    Ok(site)
}

/// The result of `vacancy build`.
pub struct Summary {
    pub stats: Stats,
    pub pages: usize,
    pub seconds: f64,
    pub warnings: Vec<Diagnostic>,
}

impl Summary {
    /// "Built 214 postings (12 expired, 3 drafts skipped) in 0.41 s".
    pub fn line(&self) -> String {
        let s = &self.stats;
        let mut notes = Vec::new();
        if s.expired > 0 {
            notes.push(format!("{} expired", s.expired));
        }
        if s.drafts_skipped > 0 {
            notes.push(format!("{} draft{} skipped", s.drafts_skipped, plural(s.drafts_skipped)));
        }
        if s.drafts_included > 0 {
            notes.push(format!("{} draft{} included", s.drafts_included, plural(s.drafts_included)));
        }
        if s.scheduled > 0 {
            notes.push(format!("{} scheduled", s.scheduled));
        }
        let notes = if notes.is_empty() { String::new() } else { format!(" ({})", notes.join(", ")) };
        format!(
            "Built {} posting{}{notes}, {} files, in {:.2} s",
            s.open,
            plural(s.open),
            self.pages,
            self.seconds
        )
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `vacancy build`: renders the site and swaps it into `output`.
pub fn build(opts: &Options, output: &Path) -> Result<Summary, Failure> {
    let start = Instant::now();
    // Refuse before reading anything: replacing the output folder deletes what was there.
    crate::output::check_output_dir(&opts.root, output)?;
    let loaded = load(opts)?;
    // Pages are written as they are rendered, straight into the staging folder.
    let (site, pages) = crate::output::publish_with(output, |sink| {
        render_loaded(opts, &loaded, sink).map(|site| (site, sink.written()))
    })?;
    Ok(Summary {
        stats: site.stats,
        pages,
        seconds: start.elapsed().as_secs_f64(),
        warnings: loaded.diagnostics,
    })
}
