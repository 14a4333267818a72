//! Site → pages. Pure: no file I/O except reading the static files to copy, so `build`
//! can write the pages and `serve` can keep them in memory.

pub mod cards;
pub mod contract;
pub mod fingerprint;
pub mod jsonld;
pub mod locations;
pub mod share;
pub mod theme;
pub mod views;

mod pages;
mod samples;
mod syndication;

pub use cards::KeptCards;
pub use samples::render_samples;
// Feed titles in `exports` use the same headings as the pages.
pub(crate) use pages::term_heading;

use crate::content::posting::Posting;
use crate::diagnostic::Diagnostic;
use crate::output::pieces::Pieces;
use crate::site::indexes::Kind;
use crate::site::urls::PageUrl;
use crate::site::{Site, sitemap};
use pages::{Job, Shared, page_count};
use rayon::prelude::*;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use theme::{Source, Theme};

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Output-relative path with `/` separators, e.g. `jobs/rust/index.html`.
    pub rel: String,
    pub bytes: Arc<[u8]>,
}

impl Page {
    fn new(rel: impl Into<String>, bytes: impl Into<Arc<[u8]>>) -> Self {
        Page { rel: rel.into(), bytes: bytes.into() }
    }
}

/// A posting as it was before a change and as it is after (`None`: not there).
pub type Change = (Option<Arc<Posting>>, Option<Arc<Posting>>);

/// Which generated pages to render. `serve` renders only what a changed posting
/// touches: its own page, the listings and feeds of its terms, and the site-wide pages.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    /// Slugs of the postings whose pages to render.
    pub postings: HashSet<String>,
    /// Terms whose listing pages and feeds to render.
    pub terms: HashSet<(Kind, String)>,
    /// The home pages, taxonomy indexes, the site feed, the sitemap and robots.txt.
    pub listings: bool,
    /// Of the selected listings and feeds, only the pages that show one of these postings
    /// (indices into `Site::open`), and no taxonomy index: all that swapping postings for
    /// versions in the same place can change ([`Selection::showing`]). `None`: every page.
    pub only_showing: Option<Vec<usize>>,
}

impl Selection {
    /// The pages that change when `changed` postings (their versions before and after,
    /// as parsed into `before` and `after`) are edited, added or removed: their own
    /// pages, the terms they were or are listed under, and the site-wide listings. Valid
    /// only when both sites have the same terms ([`Site::term_keys`]); otherwise render all.
    pub fn touching(before: &Site, after: &Site, changed: &[Change]) -> Selection {
        let mut sel = Selection { listings: true, ..Selection::default() };
        for (old, new) in changed {
            for (site, p) in [(before, old), (after, new)] {
                if let Some(p) = p {
                    sel.postings.insert(p.slug.clone());
                    sel.terms.extend(site.terms_of(p));
                }
            }
        }
        // A posting page shows related postings' cards: it changes when its list changes,
        // or when a posting on it (before or after) is one of the changed ones.
        let changed = sel.postings.clone();
        let related = |site: &Site, slug: &str| -> Vec<String> {
            let indices = site.related.get(slug).map(Vec::as_slice).unwrap_or_default();
            indices.iter().map(|&i| site.open[i].slug.clone()).collect()
        };
        for slug in after.related.keys() {
            let (old, new) = (related(before, slug), related(after, slug));
            if old != new || old.iter().chain(&new).any(|s| changed.contains(s)) {
                sel.postings.insert(slug.clone());
            }
        }
        sel
    }

    /// Adds what `other` selects.
    pub fn merge(&mut self, other: Selection) {
        self.postings.extend(other.postings);
        self.terms.extend(other.terms);
        self.listings |= other.listings;
    }

    /// Whether the posting `slug`'s page is selected. A save selects a handful, which
    /// are compared directly: hashing every slug of a large board was a sixth of a save.
    fn has_posting(&self, slug: &str) -> bool {
        match self.postings.len() {
            0..=16 => self.postings.iter().any(|s| s == slug),
            _ => self.postings.contains(slug),
        }
    }

    fn has_term(&self, kind: Kind, key: &str) -> bool {
        self.terms.contains(&(kind, key.to_string()))
    }

    /// Narrows the listings to the pages that show one of the postings `shown` (indices
    /// into `Site::open`). Valid when nothing moved: every other listing page shows the
    /// same postings, counts and page numbers as before.
    pub fn showing(mut self, shown: Vec<usize>) -> Selection {
        self.only_showing = Some(shown);
        self
    }

    /// Whether a listing or feed of `indices` may change: `only_showing` allows it.
    fn shows_any(&self, indices: &[usize]) -> bool {
        self.only_showing.as_ref().is_none_or(|shown| indices.iter().any(|i| shown.contains(i)))
    }
}

/// The page numbers of a listing of `indices` (into `Site::open`) to render: every one,
/// or with [`Selection::only_showing`], those that show one of those postings.
fn listing_pages(
    selection: Option<&Selection>,
    indices: impl ExactSizeIterator<Item = usize>,
    per: usize,
) -> Vec<usize> {
    let Some(shown) = selection.and_then(|s| s.only_showing.as_ref()) else {
        return (1..=page_count(indices.len(), per)).collect();
    };
    let mut pages: Vec<usize> = indices
        .enumerate()
        .filter(|(_, i)| shown.contains(i))
        .map(|(position, _)| position / per + 1)
        .collect();
    pages.dedup();
    pages
}

/// Where rendered pages go: a folder for `build` (so pages are streamed to disk and
/// never all held in memory), memory for `serve` and `check`.
pub trait Sink: Sync {
    fn put(&self, page: Page) -> anyhow::Result<()>;

    /// Puts the file `rel` whose bytes `write` writes: for the exports that list every
    /// posting, so a sink that writes files never holds one whole. Sinks in memory
    /// collect the bytes and [`Sink::put`] them.
    fn put_streamed(
        &self,
        rel: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        self.put(Page::new(rel, bytes))
    }

    /// Puts the file `rel` made of pieces ([`crate::output::pieces`]) that `write` writes;
    /// returns how many pieces were copied from the previous output. Only a sink that
    /// writes over a previous output copies any.
    fn put_pieced(
        &self,
        rel: &str,
        write: &mut dyn FnMut(&mut Pieces<'_>) -> std::io::Result<()>,
    ) -> anyhow::Result<usize> {
        self.put_streamed(rel, &mut |out| {
            let mut pieces = Pieces::new(out, None);
            write(&mut pieces)?;
            pieces.finish().map(drop)
        })?;
        Ok(0)
    }

    /// Whether the output `rel`, whose inputs have `fingerprint`, is already in place as
    /// an earlier build left it; if so it counts as put, and is not rendered. Sinks with
    /// no earlier output never reuse.
    fn reuse(&self, _rel: &str, _fingerprint: fingerprint::Fingerprint) -> anyhow::Result<bool> {
        Ok(false)
    }

    /// Debug builds render every reused page anyway and call this with it: a sink that
    /// reuses panics if the page it kept differs, so the tests catch an input missing
    /// from the fingerprint.
    #[cfg(debug_assertions)]
    fn debug_check_kept(&self, _page: &Page) {}
}

/// A sink that keeps the pages in memory.
#[derive(Default)]
pub struct Collect(Mutex<Vec<Page>>);

impl Collect {
    pub fn into_pages(self) -> Vec<Page> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Collect {
    fn put(&self, page: Page) -> anyhow::Result<()> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(page);
        Ok(())
    }
}

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderError {
    /// Template errors (at most ten) or unreadable static files.
    Invalid(Vec<Diagnostic>),
    /// The sink could not take a page (a full disk, say).
    Sink(anyhow::Error),
}

/// Renders every page, feed and file of the site, in memory.
pub fn render(site: &Site, theme: &Theme) -> Result<Vec<Page>, Vec<Diagnostic>> {
    collect(|sink| render_into(site, theme, None, None, Part::All, sink))
}

/// Renders the generated pages (not the static files) in memory: all, or the selection.
pub fn render_selected(
    site: &Site,
    theme: &Theme,
    selection: Option<&Selection>,
) -> Result<Vec<Page>, Vec<Diagnostic>> {
    collect(|sink| render_generated(site, theme, selection, sink))
}

fn collect(f: impl FnOnce(&Collect) -> Result<(), RenderError>) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let sink = Collect::default();
    match f(&sink) {
        Ok(()) => Ok(sink.into_pages()),
        Err(RenderError::Invalid(d)) => Err(d),
        Err(RenderError::Sink(e)) => unreachable!("collecting in memory cannot fail: {e}"),
    }
}

/// Which of a site's outputs to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Everything; with no selection, the static files too.
    All,
    /// The HTML pages and RSS feeds (with no selection, the static files too): what a
    /// reader of an edited posting sees, so `serve` renders these on a save and the rest
    /// when asked for.
    Pages,
    /// The files made from the whole site: exports and JSON feeds, the search index, the
    /// sitemap, robots.txt and the embed files.
    SiteFiles,
}

/// Whether a file made from the whole site, holding the given postings and otherwise made
/// of the given bytes, is in place as an earlier build left it ([`Sink::reuse`]); such a
/// file is not made (debug builds make it anyway and check it is the same).
pub type Kept<'a> = dyn Fn(&str, &[u8], &[&Posting]) -> anyhow::Result<bool> + 'a;

/// Renders `part` of the site into `sink`: all of it, or the selection.
/// With `fingerprints`, `sink` is asked first whether each page is already in place as
/// an earlier build left it ([`Sink::reuse`]), and only those that are not are rendered.
pub fn render_into(
    site: &Site,
    theme: &Theme,
    selection: Option<&Selection>,
    fingerprints: Option<&fingerprint::Fingerprints>,
    part: Part,
    sink: &dyn Sink,
) -> Result<(), RenderError> {
    let cards = KeptCards::new(site.open.len());
    render_reusing(site, theme, cards, selection, fingerprints, part, sink)
}

/// [`render_into`] with the compact cards that an earlier render made: valid when
/// `site` has the same config, clock state and open postings in the same places, save
/// those whose cards were forgotten ([`KeptCards::forget`]); `serve` keeps them across
/// swaps.
pub fn render_reusing(
    site: &Site,
    theme: &Theme,
    cards: KeptCards,
    selection: Option<&Selection>,
    fingerprints: Option<&fingerprint::Fingerprints>,
    part: Part,
    sink: &dyn Sink,
) -> Result<(), RenderError> {
    assert_eq!(cards.len(), site.open.len(), "one card per open posting");
    let shared = Shared::with_cards(site, theme, cards);
    // Side by side: the files made from the whole site are long serial work (the Indeed
    // XML streams every posting), which the other thread's pages keep company. A page's
    // error is reported first, as it would be alone.
    let (pages, files) = rayon::join(
        || match part {
            Part::SiteFiles => Ok(()),
            _ => pages_and_feeds(&shared, selection, fingerprints, sink),
        },
        || match part {
            Part::Pages => Ok(()),
            _ => site_files(&shared, selection, fingerprints, sink),
        },
    );
    pages?;
    files?;
    if part != Part::SiteFiles && selection.is_none() {
        for page in static_pages(site, theme).map_err(|d| RenderError::Invalid(vec![d]))? {
            sink.put(page).map_err(RenderError::Sink)?;
        }
    }
    Ok(())
}

/// The generated pages and files (not the static files), all or the selection.
fn render_generated(
    site: &Site,
    theme: &Theme,
    selection: Option<&Selection>,
    sink: &dyn Sink,
) -> Result<(), RenderError> {
    let shared = Shared::new(site, theme);
    pages_and_feeds(&shared, selection, None, sink)?;
    site_files(&shared, selection, None, sink)
}

fn pages_and_feeds(
    shared: &Shared,
    selection: Option<&Selection>,
    fingerprints: Option<&fingerprint::Fingerprints>,
    sink: &dyn Sink,
) -> Result<(), RenderError> {
    let site = shared.site;
    let jobs = jobs(site, selection);
    // Each page goes to the sink as soon as it is rendered; only errors are kept.
    let errors: Vec<RenderError> = jobs
        .par_iter()
        .filter_map(|job| {
            if let Some(fingerprints) = fingerprints {
                match sink.reuse(&job.file(), fingerprints.job(site, job)) {
                    Ok(true) => {
                        #[cfg(debug_assertions)]
                        if let Ok(page) = shared.render(job) {
                            sink.debug_check_kept(&page);
                        }
                        return None;
                    }
                    Ok(false) => {}
                    Err(e) => return Some(RenderError::Sink(e)),
                }
            }
            match shared.render(job) {
                Ok(page) => sink.put(page).err().map(RenderError::Sink),
                Err(d) => Some(RenderError::Invalid(vec![d])),
            }
        })
        .collect();
    let mut template_errors = Vec::new();
    for e in errors {
        match e {
            RenderError::Invalid(d) => template_errors.extend(d),
            sink_error => return Err(sink_error),
        }
    }
    if !template_errors.is_empty() {
        template_errors.truncate(10);
        return Err(RenderError::Invalid(template_errors));
    }
    syndication::feed_pages(site, selection, fingerprints, sink).map_err(RenderError::Sink)
}

fn site_files(
    shared: &Shared,
    selection: Option<&Selection>,
    fingerprints: Option<&fingerprint::Fingerprints>,
    sink: &dyn Sink,
) -> Result<(), RenderError> {
    let site = shared.site;
    // A search shard or `/jobs.json` part whose postings did not change is left as it is,
    // like a page.
    let kept = |rel: &str, context: &[u8], postings: &[&Posting]| match fingerprints {
        Some(f) => sink.reuse(rel, f.site_file(rel, context, postings)),
        None => Ok(false),
    };
    // A piece holds one posting and is otherwise made of the site-wide inputs.
    let piece = |rel: &str, p: &Posting| fingerprints.map(|f| f.site_file(rel, b"piece", &[p]));
    // The exports (the Indeed feed copies 64 MB at 10,000 postings) beside the rest.
    let (exports, rest) = rayon::join(
        || crate::exports::render(site, selection, &kept, &piece, sink).map_err(RenderError::Sink),
        || match selection.is_none_or(|s| s.listings) {
            true => site_wide_files(shared, &kept, sink),
            false => Ok(()),
        },
    );
    exports?;
    rest
}

/// The files made from the whole site besides the exports: the search index, the
/// sitemap, robots.txt and the embed files.
fn site_wide_files(shared: &Shared, kept: &Kept, sink: &dyn Sink) -> Result<(), RenderError> {
    let site = shared.site;
    let mut put = |rel: String, bytes: Vec<u8>, kept: bool| match kept {
        #[cfg(debug_assertions)]
        true => {
            sink.debug_check_kept(&Page::new(rel, bytes));
            Ok(())
        }
        #[cfg(not(debug_assertions))]
        true => Ok(()),
        false => sink.put(Page::new(rel, bytes)),
    };
    crate::search::files(site, &|i| shared.brief_view(i), kept, &mut put).map_err(RenderError::Sink)?;
    syndication::sitemap_files(site, sink).map_err(RenderError::Sink)?;
    let sitemap_url = PageUrl::new(sitemap::INDEX_FILE).permalink(&site.config.base_url);
    sink.put(Page::new("robots.txt", sitemap::robots_txt(&sitemap_url).into_bytes()))
        .map_err(RenderError::Sink)?;
    crate::embed::render(site, shared.theme, sink)
}

/// The output paths of every generated page, without rendering anything: what a full
/// render would write, so `serve` can drop pages that no longer exist.
pub fn plan(site: &Site) -> HashSet<String> {
    let mut paths = plan_pages(site);
    paths.extend(plan_site_files(site));
    paths
}

/// How many files [`plan`] lists, without making the paths of the pages and feeds
/// (18,000 strings at 10,000 postings): what `build` counts for its progress bar.
pub fn planned_count(site: &Site) -> usize {
    jobs(site, None).len() + syndication::feed_count(site) + plan_site_files(site).len()
}

/// The output paths of the HTML pages and RSS feeds ([`Part::Pages`]): cheap, unlike
/// [`plan_site_files`], so `serve` learns which pages went away before the reload.
pub fn plan_pages(site: &Site) -> HashSet<String> {
    let mut paths: HashSet<String> = jobs(site, None).iter().map(Job::file).collect();
    paths.extend(syndication::feed_paths(site));
    paths
}

/// The output paths of the files made from the whole site ([`Part::SiteFiles`]). Finding
/// the `/jobs.json` parts serializes every posting's export.
pub fn plan_site_files(site: &Site) -> HashSet<String> {
    let mut paths: HashSet<String> = HashSet::new();
    paths.extend(crate::exports::paths(site).expect("postings serialize to JSON"));
    paths.extend(syndication::sitemap_paths(site));
    paths.insert("robots.txt".to_string());
    paths.extend(crate::search::paths(site));
    paths.extend(crate::embed::paths(site));
    paths
}

/// The HTML pages to render, in a stable order.
fn jobs<'a>(site: &'a Site, selection: Option<&Selection>) -> Vec<Job<'a>> {
    let config = &site.config;
    let all = selection.is_none();
    let listings = selection.is_none_or(|s| s.listings);
    let wanted = |p: &Posting| selection.is_none_or(|s| s.has_posting(&p.slug));
    let mut jobs: Vec<Job> = Vec::new();
    for p in site.open.iter().filter(|p| wanted(p)) {
        jobs.push(Job::Posting { p });
    }
    for p in site.closed.iter().filter(|p| wanted(p)) {
        jobs.push(Job::Posting { p });
    }
    let per = config.paginate;
    if listings {
        let pages = page_count(site.open.len(), per);
        let wanted = listing_pages(selection, 0..site.open.len(), per);
        jobs.extend(wanted.into_iter().map(|page| Job::Home { page, pages }));
    }
    // A taxonomy index shows its terms and their counts, which a swap leaves alone.
    let indexes = listings && selection.is_none_or(|s| s.only_showing.is_none());
    for tax in &site.taxonomies {
        if indexes {
            jobs.push(Job::Taxonomy(tax));
        }
        for term in tax.terms.iter().filter(|t| selection.is_none_or(|s| s.has_term(tax.kind, &t.key))) {
            let pages = page_count(term.postings.len(), per);
            let wanted = listing_pages(selection, term.postings.iter().copied(), per);
            jobs.extend(wanted.into_iter().map(|page| Job::Term { tax, term, page, pages }));
        }
    }
    if all {
        // Pages change only with a full render: serve reloads everything when one changes.
        jobs.extend(site.pages.iter().map(|p| Job::Content(p)));
        jobs.push(Job::NotFound);
    }
    jobs
}

/// The theme's static files this site publishes: all but the search assets when search is
/// off. The progress bar counts them too, so both use this.
pub fn published_static<'a>(site: &Site, theme: &'a Theme) -> impl Iterator<Item = (&'a String, &'a Source)> {
    let search = site.config.search.enabled();
    theme.static_files.iter().filter(move |(rel, _)| search || !crate::search::ASSETS.contains(&rel.as_str()))
}

fn static_pages(site: &Site, theme: &Theme) -> Result<Vec<Page>, Diagnostic> {
    published_static(site, theme)
        .map(|(rel, src)| match src {
            Source::Embedded(b) => Ok(Page::new(rel.clone(), *b)),
            Source::Disk(path) => std::fs::read(path)
                .map(|b| Page::new(rel.clone(), b))
                .map_err(|e| Diagnostic::error("io", path, format!("cannot read static file: {e}"))),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_showing_postings_keeps_only_the_pages_they_are_on() {
        let all = Selection::default();
        assert_eq!(listing_pages(Some(&all), 0..7, 2), vec![1, 2, 3, 4]);
        assert_eq!(listing_pages(None, 0..0, 2), vec![1], "an empty listing still has its page");
        // Postings 0, 4 and 5 of a listing in another order: positions 3, 0 and 1.
        let showing = Selection::default().showing(vec![0, 4, 5]);
        assert_eq!(listing_pages(Some(&showing), [4, 5, 9, 0, 2].into_iter(), 2), vec![1, 2]);
        let none = Selection::default().showing(vec![8]);
        assert!(listing_pages(Some(&none), 0..7, 2).is_empty());
        assert!(showing.shows_any(&[3, 5]) && !showing.shows_any(&[1, 2]));
    }
}
