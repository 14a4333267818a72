//! Site → pages. Pure: no file I/O except reading the static files to copy, so `build`
//! can write the pages and `serve` can keep them in memory.

pub mod jsonld;
pub mod theme;
pub mod views;

mod pages;
mod syndication;

use crate::content::posting::Posting;
use crate::diagnostic::Diagnostic;
use crate::site::indexes::Kind;
use crate::site::urls::PageUrl;
use crate::site::{Site, sitemap};
use pages::{Job, Shared, page_count};
use rayon::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;
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
        sel
    }

    fn has_term(&self, kind: Kind, key: &str) -> bool {
        self.terms.contains(&(kind, key.to_string()))
    }
}

/// Renders every page, feed and file of the site.
pub fn render(site: &Site, theme: &Theme) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let mut pages = render_selected(site, theme, None)?;
    pages.extend(static_pages(theme).map_err(|d| vec![d])?);
    Ok(pages)
}

/// Renders the generated pages (not the static files): all of them, or the selection.
pub fn render_selected(
    site: &Site,
    theme: &Theme,
    selection: Option<&Selection>,
) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let config = &site.config;
    let countries = views::country_pages(site);
    let has_country = |k: &str| countries.contains(k);
    let open_views: Vec<tera::Value> =
        site.open.par_iter().map(|p| views::posting(p, config, site.now, &has_country)).collect();
    let shared = Shared { site, theme, site_value: views::site(site), open_views };
    let jobs = jobs(site, selection, |p, i| match i {
        Some(i) => shared.open_views[i].clone(),
        None => views::posting(p, config, site.now, &has_country),
    });
    let rendered: Vec<Result<Page, Diagnostic>> = jobs.par_iter().map(|job| shared.render(job)).collect();
    let mut out = Vec::with_capacity(rendered.len() + 64);
    let mut errors = Vec::new();
    for r in rendered {
        match r {
            Ok(p) => out.push(p),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        errors.truncate(10);
        return Err(errors);
    }
    out.extend(syndication::feed_pages(site, selection));
    if selection.is_none_or(|s| s.listings) {
        out.push(Page::new("sitemap.xml", syndication::sitemap_xml(site).into_bytes()));
        let sitemap_url = PageUrl::new("sitemap.xml").permalink(&config.base_url);
        out.push(Page::new("robots.txt", sitemap::robots_txt(&sitemap_url).into_bytes()));
    }
    Ok(out)
}

/// The output paths of every generated page, without rendering anything: what a full
/// render would write, so `serve` can drop pages that no longer exist.
pub fn plan(site: &Site) -> HashSet<String> {
    let mut paths: HashSet<String> =
        jobs(site, None, |_, _| tera::Value::none()).iter().map(Job::file).collect();
    paths.extend(syndication::feed_paths(site));
    paths.extend(["sitemap.xml".to_string(), "robots.txt".to_string()]);
    paths
}

/// The HTML pages to render, in a stable order. `view` gives a posting's template view
/// (the index into `Site::open` for open postings, so their shared views can be reused).
fn jobs<'a>(
    site: &'a Site,
    selection: Option<&Selection>,
    view: impl Fn(&'a Posting, Option<usize>) -> tera::Value,
) -> Vec<Job<'a>> {
    let config = &site.config;
    let all = selection.is_none();
    let listings = selection.is_none_or(|s| s.listings);
    let wanted = |p: &Posting| selection.is_none_or(|s| s.postings.contains(&p.slug));
    let mut jobs: Vec<Job> = Vec::new();
    for (i, p) in site.open.iter().enumerate().filter(|(_, p)| wanted(p)) {
        jobs.push(Job::Posting { p, view: view(p, Some(i)) });
    }
    for p in site.closed.iter().filter(|p| wanted(p)) {
        jobs.push(Job::Posting { p, view: view(p, None) });
    }
    if listings {
        let pages = page_count(site.open.len(), config.paginate);
        jobs.extend((1..=pages).map(|page| Job::Home { page, pages }));
    }
    for tax in &site.taxonomies {
        if listings {
            jobs.push(Job::Taxonomy(tax));
        }
        for term in tax.terms.iter().filter(|t| selection.is_none_or(|s| s.has_term(tax.kind, &t.key))) {
            let pages = page_count(term.postings.len(), config.paginate);
            jobs.extend((1..=pages).map(|page| Job::Term { tax, term, page, pages }));
        }
    }
    if all {
        jobs.push(Job::NotFound);
    }
    jobs
}

fn static_pages(theme: &Theme) -> Result<Vec<Page>, Diagnostic> {
    theme
        .static_files
        .iter()
        .map(|(rel, src)| match src {
            Source::Embedded(b) => Ok(Page::new(rel.clone(), *b)),
            Source::Disk(path) => std::fs::read(path)
                .map(|b| Page::new(rel.clone(), b))
                .map_err(|e| Diagnostic::error("io", path, format!("cannot read static file: {e}"))),
        })
        .collect()
}
