//! The cached build: what `serve` keeps loaded between rebuilds, and how a change is
//! turned into the least work that gives the same pages as a fresh `vacancy build`.
//!
//! | change          | reloads                                   | then                 |
//! |-----------------|-------------------------------------------|----------------------|
//! | config, company | everything                                | render               |
//! | page, intro     | everything                                | render               |
//! | folder          | everything (its files sent no events)     | render               |
//! | template        | the theme (templates and static list)     | render               |
//! | posting         | that posting (\*)                         | targeted render      |
//! | static file     | nothing                                   | patch one page entry |
//!
//! (\*) When the edit leaves everything the site model is made of as it was (slug, id,
//! dates, draft, category, types, tags, company, location), the new site is the last one
//! with the posting swapped in ([`swapped`]); otherwise it is assembled again, with the
//! duplicate check.
//!
//! "Render" re-renders the whole site, in parallel, from the cached parsed postings.
//! "Targeted render" re-renders only the pages the changed postings touch: their own
//! pages, the listings and feeds of the terms they were or are in, and the site-wide
//! listings, feed and sitemap ([`Selection::touching`]); pages that no longer exist are
//! dropped ([`render::plan`]). Of those, only the pages whose fingerprint changed are
//! rendered and sent ([`super::remember`]). When the change adds or removes a term page (a new
//! category, the last posting of a country), it falls back to a full render. After a
//! swap, the listings narrow to the pages that show a swapped posting
//! ([`swap_selection`]), and the other postings' compact cards are kept ([`KeptCards`]).
//! `tests/targeted.rs` checks that both give the same pages. The files made from the
//! whole site are rendered on request ([`SiteFiles`]), not on every save.

use super::compact::Stored;
use super::remember::Remembering;
use super::site_files::SiteFiles;
use super::watch::Change;
use crate::build::Failure;
use crate::cli::SiteArgs;
use crate::config::Config;
use crate::content::Content;
use crate::content::company::Company;
use crate::content::posting::{self, Posting};
use crate::diagnostic::{self, Diagnostic};
use crate::render::fingerprint::Fingerprints;
use crate::render::theme::{self, DEFAULT_THEME, Source, Theme};
use crate::render::{self, KeptCards, Part, Selection};
use crate::site::{Publish, Site, Stats};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Output path (`jobs/x/index.html`) → bytes: the pages and static files, in memory.
pub type PageMap = HashMap<String, Stored>;

/// What a rebuild produced.
pub enum Outcome {
    /// A complete, valid site.
    Rendered {
        pages: PageMap,
        site_files: Arc<SiteFiles>,
        stats: Stats,
        /// Warnings from the files that were (re)read.
        warnings: Vec<Diagnostic>,
    },
    /// Only these output files changed (`None`: the file is gone).
    Patched {
        files: Vec<(String, Option<Stored>)>,
        /// The site-wide files of the patched site; `None` when they stay as they were.
        site_files: Option<Arc<SiteFiles>>,
        /// Warnings from the files that were re-read.
        warnings: Vec<Diagnostic>,
        /// True when the patch comes from a successful (targeted) render, which means the
        /// site builds again; a static file alone fixes nothing.
        built: bool,
    },
    /// The site is broken; the last good build stays up.
    Failed(Failure),
}

/// One posting file as last parsed: its posting when valid, and its diagnostics.
struct Parsed {
    posting: Option<Arc<Posting>>,
    diagnostics: Vec<Diagnostic>,
}

/// Everything read from disk, kept between rebuilds.
struct Inputs {
    config: Arc<Config>,
    companies: HashMap<String, Arc<Company>>,
    company_diagnostics: Vec<Diagnostic>,
    /// By site-relative path; a BTreeMap iterates in the order `content::load` uses, so
    /// the duplicate check names the same file first.
    postings: BTreeMap<PathBuf, Parsed>,
    /// `content/pages/` and the intro: few and small, so any change reloads everything.
    pages: Vec<Arc<crate::content::page::Page>>,
    intro: Option<Arc<crate::markdown::Rendered>>,
    page_diagnostics: Vec<Diagnostic>,
    theme: Result<Arc<Theme>, Vec<Diagnostic>>,
    /// The digest of `config.yaml` and the company files, taken as they are read: any
    /// change to them reloads everything ([`Fingerprints::with_sources`]).
    sources: [u8; 32],
    /// Symbolic links refused in `content/` ([`crate::content::link_problems`]): walking
    /// the folders again is needed only when a posting file comes, goes or is a link.
    link_problems: Vec<Diagnostic>,
}

/// The site being served: its options, and its inputs once the config has loaded.
pub struct Workspace {
    root: PathBuf,
    args: SiteArgs,
    /// `http://127.0.0.1:1111`: replaces the configured base URL's origin.
    origin: String,
    inputs: Option<Inputs>,
    /// The last site that rendered, which the served pages reflect.
    last: Option<LastBuild>,
    /// Postings changed since `last`: a targeted render must cover all of them, including
    /// those edited while the site was broken.
    pending: BTreeSet<PathBuf>,
}

/// The fingerprints of the pages a render served: all of them, or those it asked about
/// and those that went, to apply to the last build's.
enum Served {
    All(super::remember::Fingerprints),
    Changed { rendered: super::remember::Fingerprints, gone: Vec<String> },
}

/// A rendered site and the generated pages it consists of.
struct LastBuild {
    site: Arc<Site>,
    /// The HTML pages and RSS feeds ([`render::plan_pages`]).
    pages: Arc<HashSet<String>>,
    /// The files made from the whole site, rendered on request.
    site_files: Arc<SiteFiles>,
    /// The fingerprint of every page served ([`crate::render::fingerprint`]).
    fingerprints: super::remember::Fingerprints,
    /// The open postings' compact cards the renders made, for the next swap to reuse.
    cards: KeptCards,
}

impl Workspace {
    /// A workspace that has loaded nothing yet; call [`Self::load_all`] first.
    pub fn new(args: &SiteArgs, origin: String) -> Workspace {
        Workspace {
            root: args.root.clone(),
            args: args.clone(),
            origin,
            inputs: None,
            last: None,
            pending: BTreeSet::new(),
        }
    }

    /// The site's title, once the config has loaded.
    pub fn title(&self) -> Option<&str> {
        self.inputs.as_ref().map(|i| i.config.title.as_str())
    }

    /// The local root URL, e.g. `http://127.0.0.1:1111/careers/` for a sub-path site.
    pub fn url(&self) -> String {
        let path = self.inputs.as_ref().map_or("/", |i| i.config.root_path());
        format!("{}{path}", self.origin)
    }

    /// The base URL's path, which every served page lives under.
    pub fn root_path(&self) -> String {
        self.inputs.as_ref().map_or_else(|| "/".to_string(), |i| i.config.root_path().to_string())
    }

    /// Reads everything from disk and renders, like `vacancy build` does.
    pub fn load_all(&mut self) -> Outcome {
        self.inputs = None;
        let inputs = match self.read_inputs() {
            Ok(i) => i,
            Err(f) => return Outcome::Failed(f),
        };
        let warnings = inputs.warnings();
        self.inputs = Some(inputs);
        self.render(warnings, false)
    }

    /// Applies a batch of changes, redoing only what they affect.
    pub fn apply(&mut self, changes: &BTreeSet<Change>) -> Outcome {
        let Some(inputs) = self.inputs.as_mut() else {
            return self.load_all();
        };
        let theme_name = inputs.config.theme.clone();
        let ours = |t: &Option<String>| t.as_ref().is_none_or(|t| *t == theme_name);
        let mut reload_theme = false;
        let mut postings = Vec::new();
        let mut statics = Vec::new();
        for change in changes {
            match change {
                Change::Config | Change::Company(_) | Change::Page(_) | Change::Folder(_) => {
                    return self.load_all();
                }
                Change::Template { theme, .. } => reload_theme |= ours(theme),
                Change::Posting(p) => postings.push(p.as_path()),
                Change::Static { theme, rel, .. } if ours(theme) => statics.push(rel.as_str()),
                Change::Static { .. } => {}
            }
        }
        // The theme's list of static files feeds every later render, so keep it current
        // even when this batch only patches.
        let mut patch = Vec::new();
        for rel in statics {
            let source = static_source(&self.root, &inputs.config, rel);
            if let Ok(theme) = &mut inputs.theme {
                let theme = Arc::make_mut(theme);
                match &source {
                    Some(s) => theme.static_files.insert(rel.to_string(), s.clone()),
                    None => theme.static_files.remove(rel),
                };
            }
            patch.push((rel.to_string(), source.and_then(|s| read_source(&s))));
        }
        if reload_theme {
            inputs.theme = theme::load(&self.root, &inputs.config).map(Arc::new);
        }
        let mut warnings = Vec::new();
        if !postings.is_empty() {
            let cx = posting::Context { config: &inputs.config, companies: &inputs.companies };
            let relink = !inputs.link_problems.is_empty()
                || postings.iter().any(|rel| {
                    let path = self.root.join(rel);
                    !inputs.postings.contains_key(*rel) || !path.is_file() || path.is_symlink()
                });
            if relink {
                inputs.link_problems = crate::content::link_problems(&self.root);
            }
            for &rel in &postings {
                if self.root.join(rel).is_file() {
                    let (posting, diagnostics) = crate::content::load_posting(&self.root, rel, &cx);
                    warnings.extend(diagnostics.iter().filter(|d| !d.is_error()).cloned());
                    inputs
                        .postings
                        .insert(rel.to_path_buf(), Parsed { posting: posting.map(Arc::new), diagnostics });
                } else {
                    inputs.postings.remove(rel);
                }
            }
            let reread = postings.iter().filter(|p| inputs.postings.contains_key(**p)).count();
            crate::term::detail(format_args!(
                "Re-parsed {}, kept {} parsed",
                crate::diagnostic::count(reread, "posting file"),
                inputs.postings.len() - reread
            ));
        } else if !reload_theme {
            return Outcome::Patched { files: patch, site_files: None, warnings, built: false };
        }
        self.pending.extend(postings.iter().map(|p| p.to_path_buf()));
        match self.render(warnings, !reload_theme) {
            Outcome::Patched { mut files, site_files, warnings, built } => {
                files.extend(patch);
                Outcome::Patched { files, site_files, warnings, built }
            }
            other => other,
        }
    }

    /// Reads config, companies, every posting and the theme.
    fn read_inputs(&self) -> Result<Inputs, Failure> {
        let config = Arc::new(self.read_config()?);
        let (companies, company_diagnostics) = crate::content::load_companies_only(&self.root, &config);
        let cx = posting::Context { config: &config, companies: &companies };
        let postings = crate::content::posting_files(&self.root)
            .into_par_iter()
            .map(|rel| {
                let (posting, diagnostics) = crate::content::load_posting(&self.root, &rel, &cx);
                (rel, Parsed { posting: posting.map(Arc::new), diagnostics })
            })
            .collect();
        let (pages, intro, page_diagnostics) = crate::content::page::load(&self.root, &config);
        let pages = pages.into_iter().map(Arc::new).collect();
        let intro = intro.map(Arc::new);
        let theme = theme::load(&self.root, &config).map(Arc::new);
        let sources = crate::render::fingerprint::source_files(&self.root);
        let link_problems = crate::content::link_problems(&self.root);
        Ok(Inputs {
            config,
            companies,
            company_diagnostics,
            postings,
            pages,
            intro,
            page_diagnostics,
            theme,
            sources,
            link_problems,
        })
    }

    /// Parses `config.yaml` with the base URL moved to the local origin. The configured
    /// path is kept (`https://example.com/careers/` → `http://127.0.0.1:1111/careers/`),
    /// so a site published under a sub-path links correctly locally too.
    fn read_config(&self) -> Result<Config, Failure> {
        let published = crate::build::read_config(&self.root, self.args.base_url.as_deref())?;
        let local = format!("{}{}", self.origin, published.root_path());
        crate::build::read_config(&self.root, Some(&local))
    }

    /// Assembles and renders the cached inputs, if they hold no errors: only the pages
    /// the pending postings touch when `targeted` and possible, else everything.
    fn render(&mut self, warnings: Vec<Diagnostic>, targeted: bool) -> Outcome {
        let Some(inputs) = &self.inputs else {
            return Outcome::Failed(Failure::Internal(anyhow::anyhow!("nothing is loaded")));
        };
        let start = std::time::Instant::now();
        let now = match crate::dates::resolve_now(self.args.now.as_deref()) {
            Ok(now) => now.start(&inputs.config.timezone),
            Err(e) => return Outcome::Failed(Failure::Internal(e)),
        };
        let swap = self
            .last
            .as_ref()
            .filter(|_| targeted)
            .and_then(|l| swapped(&l.site, inputs, &self.pending, now));
        let swapped = swap.is_some();
        let site = match swap {
            Some(site) => site,
            None => match assemble(inputs, now, self.args.drafts) {
                Ok(site) => site,
                Err(failure) => return Outcome::Failed(failure),
            },
        };
        let site = Arc::new(site);
        let Ok(theme) = &inputs.theme else {
            unreachable!("assemble fails on theme errors");
        };
        let assembled = start.elapsed();
        // A swap changes no page's path.
        let plan = match (&self.last, swapped) {
            (Some(last), true) => last.pages.clone(),
            _ => Arc::new(render::plan_pages(&site)),
        };
        // The postings' cards stay valid across a swap, but for those swapped (forgotten
        // below); anything else may move postings or change what their cards show.
        let mut cards = match (swapped, self.last.as_mut()) {
            (true, Some(last)) => std::mem::take(&mut last.cards),
            _ => KeptCards::default(),
        };
        if cards.len() != site.open.len() {
            cards = KeptCards::new(site.open.len());
        }
        // A targeted render covers the pending postings; if anything else changed state
        // (a term page came or went, or the clock opened or closed another posting), it
        // takes a full one.
        let last = self.last.as_ref().filter(|l| {
            targeted
                && (swapped
                    || l.site.term_keys() == site.term_keys()
                        && l.site.careers == site.careers
                        && published_elsewhere(&l.site, &self.pending)
                            == published_elsewhere(&site, &self.pending))
        });
        let fingerprints = Fingerprints::with_sources(&inputs.sources, &site, theme, self.args.drafts);
        let targeted = last.is_some();
        let (outcome, served, site_files) = match last {
            Some(last) => {
                let selection = match swapped {
                    true => swap_selection(&site, &self.pending),
                    false => {
                        let changed: Vec<_> = self
                            .pending
                            .iter()
                            .map(|rel| {
                                let new = inputs.postings.get(rel).and_then(|p| p.posting.clone());
                                (find(&last.site, rel), new)
                            })
                            .collect();
                        Selection::touching(&last.site, &site, &changed)
                    }
                };
                for &i in selection.only_showing.iter().flatten() {
                    cards.forget(i);
                }
                // Of the selection, only pages whose inputs changed are rendered and sent.
                let sink = Remembering::new(Some(&last.fingerprints));
                match render::render_reusing(
                    &site,
                    theme,
                    cards.clone(),
                    Some(&selection),
                    Some(&fingerprints),
                    Part::Pages,
                    &sink,
                ) {
                    Ok(()) => {
                        let (pages, rendered) = sink.finish();
                        let mut files: Vec<_> =
                            pages.into_iter().map(|(rel, page)| (rel, Some(page))).collect();
                        // A swap keeps the plan itself: no page went.
                        let gone: Vec<String> = match Arc::ptr_eq(&last.pages, &plan) {
                            true => Vec::new(),
                            false => last.pages.difference(&plan).cloned().collect(),
                        };
                        files.extend(gone.iter().map(|rel| (rel.clone(), None)));
                        let site_files =
                            Arc::new(SiteFiles::later(site.clone(), theme.clone(), &last.site_files));
                        let outcome = Outcome::Patched {
                            files,
                            site_files: Some(site_files.clone()),
                            warnings,
                            built: true,
                        };
                        (outcome, Served::Changed { rendered, gone }, Some(site_files))
                    }
                    Err(e) => (failed(e), Served::All(Default::default()), None),
                }
            }
            None => {
                let sink = Remembering::new(None);
                let rendered = render::render_reusing(
                    &site,
                    theme,
                    cards.clone(),
                    None,
                    Some(&fingerprints),
                    Part::Pages,
                    &sink,
                )
                .and_then(|()| SiteFiles::render(site.clone(), theme.clone()));
                match rendered {
                    Ok(site_files) => {
                        let (pages, served) = sink.finish();
                        let site_files = Arc::new(site_files);
                        let pages = pages.into_iter().collect();
                        let outcome = Outcome::Rendered {
                            pages,
                            site_files: site_files.clone(),
                            stats: site.stats,
                            warnings,
                        };
                        (outcome, Served::All(served), Some(site_files))
                    }
                    Err(e) => (failed(e), Served::All(Default::default()), None),
                }
            }
        };
        crate::term::detail(format_args!(
            "{} the site in {} ms, then rendered {} in {} ms",
            if swapped { "Updated" } else { "Assembled" },
            assembled.as_millis(),
            if targeted { "what the change touches" } else { "everything" },
            (start.elapsed() - assembled).as_millis()
        ));
        if let Some(site_files) = site_files {
            let mut old = self.last.take();
            let fingerprints = match served {
                Served::All(all) => all,
                // Updated in place: copying 18,000 entries per save at 10,000 postings cost
                // more than the pages it rendered.
                Served::Changed { rendered, gone } => {
                    let mut all =
                        old.as_mut().map(|l| std::mem::take(&mut l.fingerprints)).unwrap_or_default();
                    all.extend(rendered);
                    for rel in &gone {
                        all.remove(rel);
                    }
                    all
                }
            };
            self.last = Some(LastBuild { site, pages: plan, site_files, fingerprints, cards });
            drop_later(old);
            self.pending.clear();
        }
        outcome
    }
}

/// Sorts the cached inputs into a site, with the checks across postings (duplicate slugs
/// and ids, links); fails on any error among all the inputs' diagnostics.
fn assemble(inputs: &Inputs, now: jiff::Timestamp, drafts: bool) -> Result<Site, Failure> {
    let mut diagnostics = inputs.company_diagnostics.clone();
    diagnostics.extend(inputs.page_diagnostics.iter().cloned());
    let mut postings = Vec::with_capacity(inputs.postings.len());
    for parsed in inputs.postings.values() {
        diagnostics.extend(parsed.diagnostics.iter().cloned());
        postings.extend(parsed.posting.iter().cloned());
    }
    diagnostics.extend(crate::content::duplicates(&postings));
    diagnostics.extend(inputs.link_problems.iter().cloned());
    if let Err(theme_errors) = &inputs.theme {
        diagnostics.extend(theme_errors.iter().cloned());
    }
    if diagnostic::has_errors(&diagnostics) || inputs.theme.is_err() {
        diagnostics.retain(Diagnostic::is_error);
        diagnostic::sort(&mut diagnostics);
        return Err(Failure::Invalid(diagnostics));
    }
    let content = Content {
        postings,
        companies: inputs.companies.clone(),
        // Only `check` reads the stray files; the pages never do.
        stray_files: Vec::new(),
        pages: inputs.pages.clone(),
        intro: inputs.intro.clone(),
    };
    Ok(Site::assemble(inputs.config.clone(), &content, now, Publish { drafts }))
}

/// The site `last` with the `pending` postings' new versions swapped in, when that is
/// what assembling would give: each was published in `last`, parses without errors now,
/// and keeps everything the site model is made of ([`same_place`]), and no other posting
/// opened or closed since `last.now`. `None` means: assemble the site again.
fn swapped(last: &Site, inputs: &Inputs, pending: &BTreeSet<PathBuf>, now: jiff::Timestamp) -> Option<Site> {
    if !inputs.link_problems.is_empty() || inputs.theme.is_err() {
        return None;
    }
    let (from, to) = (last.now.min(now), last.now.max(now));
    let crossed = |t: jiff::Timestamp| from < t && t <= to;
    if from != to
        && inputs
            .postings
            .values()
            .filter_map(|p| p.posting.as_ref())
            .any(|p| crossed(p.posted_at) || p.closes_at.is_some_and(crossed))
    {
        return None;
    }
    let (mut open, mut closed) = (last.open.clone(), last.closed.clone());
    let org = inputs.config.organization.as_ref();
    for rel in pending {
        let parsed = inputs.postings.get(rel)?;
        if diagnostic::has_errors(&parsed.diagnostics) {
            return None;
        }
        let new = parsed.posting.as_ref()?;
        let slot = open.iter_mut().chain(closed.iter_mut()).find(|p| same_file(&p.source, rel))?;
        if !same_place(slot, new, org) {
            return None;
        }
        *slot = new.clone();
    }
    Some(Site {
        config: last.config.clone(),
        now,
        open,
        closed,
        taxonomies: last.taxonomies.clone(),
        related: last.related.clone(),
        careers: last.careers,
        pages: last.pages.clone(),
        intro: last.intro.clone(),
        stats: last.stats,
        fulltext: Default::default(),
    })
}

/// What swapping the `pending` postings into a site touches: their pages, the terms they
/// are listed under, the site-wide listings, and the pages that show one of them as
/// related. This is what [`Selection::touching`] gives when no posting moved, without
/// comparing every page's related list.
fn swap_selection(site: &Site, pending: &BTreeSet<PathBuf>) -> Selection {
    let mut selection = Selection { listings: true, ..Selection::default() };
    let mut shown = Vec::new();
    for rel in pending {
        // Swapped in, so spelled alike ([`swapped`]).
        shown.extend(site.open.iter().position(|p| same_file(&p.source, rel)));
        if let Some(p) = site.open.iter().chain(&site.closed).find(|p| same_file(&p.source, rel)) {
            selection.postings.insert(p.slug.clone());
            selection.terms.extend(site.terms_of(p));
        }
    }
    for (slug, related) in &site.related {
        if related.iter().any(|i| shown.contains(i)) {
            selection.postings.insert(slug.clone());
        }
    }
    // Of the listings, only the pages that show a swapped posting.
    selection.showing(shown)
}

/// Whether `a` and `b` are published, ordered, indexed, related and checked for
/// duplicates alike: they differ at most in what their own pages and cards show.
fn same_place(a: &Posting, b: &Posting, org: Option<&Arc<Company>>) -> bool {
    let is_org = |p: &Posting| org.is_some_and(|o| Arc::ptr_eq(&p.company, o));
    a.slug == b.slug
        && a.id == b.id
        && a.draft == b.draft
        && a.posted_at == b.posted_at
        && a.closes_at == b.closes_at
        && a.category == b.category
        && a.employment_types == b.employment_types
        && a.tags == b.tags
        && a.location == b.location
        && a.company.key == b.company.key
        && a.company.name == b.company.name
        && a.company.description == b.company.description
        && is_org(a) == is_org(b)
}

/// Frees `old` on another thread, so the pages go out first: freeing the last site (and,
/// after the first build, its site-wide files) took longer than a save's render at 10,000
/// postings.
fn drop_later<T: Send + 'static>(old: T) {
    std::thread::spawn(move || drop(old));
}

/// A render that stopped: template errors are the site's; the in-memory sink cannot fail.
fn failed(e: render::RenderError) -> Outcome {
    Outcome::Failed(Failure::from(e))
}

/// Which postings, other than `pending` ones, are open and which closed in `site`.
fn published_elsewhere<'a>(
    site: &'a Site,
    pending: &BTreeSet<PathBuf>,
) -> (BTreeSet<&'a Path>, BTreeSet<&'a Path>) {
    let sources = |list: &'a [Arc<Posting>]| {
        list.iter().map(|p| p.source.as_path()).filter(|s| !pending.contains(*s)).collect()
    };
    (sources(&site.open), sources(&site.closed))
}

/// The posting parsed from `rel` in a site, if it is published there.
fn find(site: &Site, rel: &Path) -> Option<Arc<Posting>> {
    site.open.iter().chain(&site.closed).find(|p| p.source == rel).cloned()
}

/// Whether two site-relative posting paths are spelled alike, which is what a swap
/// looks for: a save looks through every posting, and comparing 10,000 paths component
/// by component (`Path`'s `==`) was a tenth of its time. The watcher and the content walk
/// both spell a path as it is under the root; if they ever differed, the site would be
/// assembled again, which finds the posting by `==`.
fn same_file(a: &Path, b: &Path) -> bool {
    a.as_os_str() == b.as_os_str()
}

impl Inputs {
    /// Every warning, for the first build.
    fn warnings(&self) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .company_diagnostics
            .iter()
            .chain(&self.page_diagnostics)
            .chain(self.postings.values().flat_map(|p| &p.diagnostics))
            .filter(|d| !d.is_error())
            .cloned()
            .collect();
        diagnostic::sort(&mut out);
        out
    }
}

/// Which layer serves static file `rel` now: the site's `static/`, then the theme
/// folder's, then the built-in theme (the same order as [`theme::load`]).
fn static_source(root: &Path, config: &Config, rel: &str) -> Option<Source> {
    theme::layers(root, config)
        .iter()
        .rev()
        .map(|layer| layer.join("static").join(rel))
        .find(|p| p.is_file())
        .map(Source::Disk)
        .or_else(|| DEFAULT_THEME.get_file(format!("static/{rel}")).map(|f| Source::Embedded(f.contents())))
}

fn read_source(source: &Source) -> Option<Stored> {
    match source {
        Source::Embedded(b) => Some(Stored::new(b)),
        // Gone again already (a temp file renamed away): the next event brings the rest.
        Source::Disk(p) => std::fs::read(p).ok().map(|b| Stored::new(&b)),
    }
}
