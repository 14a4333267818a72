//! The pipeline: load → validate → assemble → render → write.

use crate::config::{self, CONFIG_FILE, Config};
use crate::content::{self, Content};
use crate::dates::When;
use crate::diagnostic::{self, Diagnostic};
use crate::progress::Progress;
use crate::render::theme::{self, Theme};
use crate::render::{self, Sink};
use crate::site::{Publish, Site, Stats};
use crate::social_cards;
use crate::term;
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
    /// Postings left out of `content` for their errors that still have every required
    /// field: `check` runs its editorial rules on them too.
    pub rejected: Vec<Arc<crate::content::posting::Posting>>,
    /// How many posting files there are, parsed or not.
    pub posting_files: usize,
    /// The parse caches, saved when `build` assembles the site, or when dropped.
    pub caches: content::Caches,
}

/// Reads config and content. Problems in postings are returned in `diagnostics`, with the
/// postings that parsed, so `check` can go on to its own rules; only an unusable config or
/// an I/O failure is an `Err`.
/// `update` says whether the parse cache may be updated (`build`) or only read (`check`).
pub fn load_unchecked(opts: &Options, update: content::cache::Update) -> Result<Loaded, Failure> {
    // A config with errors still reads the postings, so one run shows both.
    let (config, mut diagnostics) = config::parse_partial(
        Path::new(CONFIG_FILE),
        &read_config_text(&opts.root)?,
        opts.base_url.as_deref(),
    );
    let Some(config) = config else {
        return Err(Failure::Invalid(diagnostics));
    };
    let content::Read { content, rejected, diagnostics: found, posting_files, caches } =
        content::load_with_rejected(&opts.root, &config, update);
    diagnostics.extend(found);
    diagnostics.extend(content::logos::missing(&opts.root, &config, &content));
    diagnostics.extend(crate::example_data::warnings(&config, &content, opts.drafts));
    diagnostics.extend(config.warnings.iter().cloned());
    diagnostic::sort(&mut diagnostics);
    Ok(Loaded { config: Arc::new(config), content, diagnostics, rejected, posting_files, caches })
}

/// Reads and parses `config.yaml`; `base_url` overrides the file's (`--base-url`).
pub fn read_config(root: &Path, base_url: Option<&str>) -> Result<Config, Failure> {
    config::parse(Path::new(CONFIG_FILE), &read_config_text(root)?, base_url).map_err(Failure::Invalid)
}

fn read_config_text(root: &Path) -> Result<String, Failure> {
    let path = root.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "reading {} (is {} a Vacancy site? `vacancy init` creates one)",
            path.display(),
            root.display()
        )
    })?;
    Ok(text)
}

/// Reads and validates config and content: every rule the build runs. Errors fail.
pub fn load(opts: &Options) -> Result<Loaded, Failure> {
    let loaded = load_unchecked(opts, content::cache::Update::Yes)?;
    if diagnostic::has_errors(&loaded.diagnostics) {
        return Err(Failure::Invalid(loaded.diagnostics));
    }
    Ok(loaded)
}

/// Assembles loaded content and renders it into `sink`; returns the assembled site.
pub fn render_loaded(opts: &Options, loaded: &Loaded, sink: &dyn Sink) -> Result<Site, Failure> {
    let (site, theme) = prepare(opts, loaded)?;
    render::render_into(&site, &theme, None, None, render::Part::All, sink)?;
    // Cards are parsed, not drawn: template mistakes show without the cost of drawing.
    let cards = social_cards::verify(&site, &theme);
    if !cards.is_empty() {
        return Err(Failure::Invalid(cards));
    }
    Ok(site)
}

/// For `check`: renders one page of each kind into `sink` ([`render::render_samples`])
/// and returns the path of every file a build would write, without rendering them.
pub fn sample_loaded(
    opts: &Options,
    loaded: &Loaded,
    sink: &dyn Sink,
) -> Result<(Site, std::collections::HashSet<String>), Failure> {
    let (site, theme) = prepare(opts, loaded)?;
    render::render_samples(&site, &theme, sink)?;
    // Cards are parsed, not drawn: template mistakes show without the cost of drawing.
    let cards = social_cards::verify(&site, &theme);
    if !cards.is_empty() {
        return Err(Failure::Invalid(cards));
    }
    let mut paths = render::plan(&site);
    paths.extend(render::published_static(&site, &theme).map(|(rel, _)| rel.clone()));
    Ok((site, paths))
}

/// Assembles the site and loads its theme: everything rendering needs.
fn prepare(opts: &Options, loaded: &Loaded) -> Result<(Site, Theme), Failure> {
    let theme = theme::load(&opts.root, &loaded.config).map_err(Failure::Invalid)?;
    let site = Site::assemble(
        loaded.config.clone(),
        &loaded.content,
        opts.now.start(&loaded.config.timezone),
        Publish { drafts: opts.drafts },
    );
    Ok((site, theme))
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

/// `vacancy build`: renders the site and swaps it into `output`. Shows a progress bar on
/// a terminal when it takes a while, and the time of each stage under `--verbose`.
/// `previous_state` is the previous build's state file (`--previous-state`), for the
/// change manifest.
pub fn build(opts: &Options, output: &Path, previous_state: Option<&Path>) -> Result<Summary, Failure> {
    let start = Instant::now();
    // Refuse before reading anything: replacing the output folder deletes what was there.
    crate::output::check_output_dir(&opts.root, output)?;
    let mut loaded = load(opts)?;
    term::detail(format_args!(
        "Read {} and {} in {:.2} s",
        diagnostic::count(loaded.content.postings.len(), "posting"),
        diagnostic::count(loaded.content.companies.len(), "company file"),
        start.elapsed().as_secs_f64()
    ));
    // The parse caches are written while the site is assembled.
    let caches = std::mem::take(&mut loaded.caches);
    let (prepared, ()) = rayon::join(|| prepare(opts, &loaded), || caches.save());
    let (site, theme) = prepared?;
    // Every output path, which only aliases are checked against.
    let extras = crate::discover::extras(&site, &theme, &|| render::plan(&site), output, previous_state)?;
    // Counted at the sink, as pages stream to disk: rendering itself knows nothing of it.
    // Pages whose inputs did not change since the last build into `output` stay as they
    // are: their fingerprints and the last build's record are made and read meanwhile.
    let (planned, (fingerprints, reuse)) = rayon::join(
        || render::planned_count(&site),
        || {
            rayon::join(
                || render::fingerprint::Fingerprints::new(&opts.root, &site, &theme, opts.drafts),
                || crate::output::reuse::Reuse::open(&opts.root, output),
            )
        },
    );
    let total = planned
        + render::published_static(&site, &theme).count()
        + extras.count()
        + social_cards::paths(&site).len();
    let progress = Progress::for_build(total);
    let rendering = Instant::now();
    let cache = opts.root.join(social_cards::CACHE_DIR);
    let ((pages, cards, changes_line, swapping), report) =
        crate::output::publish_reusing(output, Some(reuse), |sink| {
            let counting = progress.counting(sink);
            render::render_into(&site, &theme, None, Some(&fingerprints), render::Part::All, &counting)?;
            // Only `build` draws cards: slow to draw, and only read by sites that link to a page.
            let cards = social_cards::render(&site, &theme, Some(&cache), &counting)?;
            // Last: the state file is what the next build compares with.
            let changes_line = extras.publish(&site, &counting)?;
            Ok::<_, Failure>((sink.produced(), cards, changes_line, Instant::now()))
        })?;
    // The bar's total is planned, not counted: every test build checks that it is right.
    debug_assert_eq!(
        (progress.position(), total),
        (pages as u64, pages),
        "the progress bar's count and total"
    );
    drop(progress);
    if site.config.syndication.social_cards {
        term::detail(format_args!(
            "Drew {} social cards, reused {} from {}",
            cards.drawn,
            cards.cached,
            social_cards::CACHE_DIR
        ));
    }
    term::detail(format_args!(
        "Rendered {} files in {:.2} s, kept {} unchanged since the last build",
        pages - report.kept,
        swapping.duration_since(rendering).as_secs_f64(),
        report.kept
    ));
    term::detail(format_args!(
        "Updated {} in {:.2} s: wrote {} ({} bytes), removed {}, left {} unchanged",
        term::paint(term::PATH, output.display()),
        swapping.elapsed().as_secs_f64(),
        diagnostic::count(report.written, "file"),
        report.bytes,
        diagnostic::count(report.removed, "file"),
        report.produced - report.written,
    ));
    term::detail(format_args!(
        "Streamed {} to disk as produced, never whole in memory, copying {} unchanged from the previous output",
        diagnostic::count(report.streamed, "file"),
        diagnostic::count(report.pieces_copied, "piece"),
    ));
    term::detail(changes_line);
    Ok(Summary {
        stats: site.stats,
        pages,
        seconds: start.elapsed().as_secs_f64(),
        warnings: loaded.diagnostics,
    })
}
