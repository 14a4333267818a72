//! RSS feeds and the sitemap, from the assembled site.

use super::pages::{page_count, term_heading};
use super::{Page, Selection, Sink};
use crate::site::urls::{self, PageUrl};
use crate::site::{Site, feeds, sitemap};
use rayon::prelude::*;

/// One RSS feed: the site's, or a term's.
struct FeedSpec<'a> {
    url: PageUrl,
    /// The HTML page the feed mirrors.
    html: PageUrl,
    title: String,
    description: String,
    /// Indices into `Site::open`, newest first.
    indices: &'a [usize],
}

fn feed_specs<'a>(site: &'a Site, all: &'a [usize], selection: Option<&Selection>) -> Vec<FeedSpec<'a>> {
    let c = &site.config;
    // Postings are newest first, so a limit keeps the newest.
    let limit = |indices: &'a [usize]| &indices[..c.feed_limit.unwrap_or(usize::MAX).min(indices.len())];
    let mut specs = Vec::new();
    if selection.is_none_or(|s| s.listings) {
        specs.push(FeedSpec {
            url: PageUrl::new("feed.xml"),
            html: PageUrl::new(""),
            title: format!("{}: all jobs", c.title),
            description: c.description.clone(),
            indices: limit(all),
        });
    }
    for tax in &site.taxonomies {
        for term in tax.terms.iter().filter(|t| selection.is_none_or(|s| s.has_term(tax.kind, &t.key))) {
            let heading = term_heading(tax.kind, term);
            specs.push(FeedSpec {
                url: term.url.join("feed.xml"),
                html: term.url.clone(),
                title: format!("{}: {heading}", c.title),
                description: term.description.clone().unwrap_or_else(|| format!("{heading} at {}", c.title)),
                indices: limit(&term.postings),
            });
        }
    }
    specs
}

/// Output paths of every feed.
pub(super) fn feed_paths(site: &Site) -> Vec<String> {
    feed_specs(site, &[], None).into_iter().map(|f| f.url.file()).collect()
}

/// The site feed and one per term, or only those `selection` names, into `sink`.
pub(super) fn feed_pages(site: &Site, selection: Option<&Selection>, sink: &dyn Sink) -> anyhow::Result<()> {
    let c = &site.config;
    let base = &c.base_url;
    let links: Vec<String> = site.open.iter().map(|p| urls::posting(&p.slug).permalink(base)).collect();
    let cats: Vec<[&str; 1]> = site.open.iter().map(|p| [p.category.name.as_str()]).collect();
    // Escaped once per posting, then shared by every feed the posting is in.
    let descriptions: Vec<feeds::XmlText> =
        site.open.par_iter().map(|p| feeds::XmlText::new(&p.body.html)).collect();
    let all: Vec<usize> = (0..site.open.len()).collect();
    let generator = format!("Vacancy {}", env!("CARGO_PKG_VERSION"));
    feed_specs(site, &all, selection).par_iter().try_for_each(|spec| {
        let items: Vec<feeds::Item> = spec
            .indices
            .iter()
            .map(|&i| {
                let p = &site.open[i];
                feeds::Item {
                    title: &p.title,
                    link: &links[i],
                    guid: &links[i],
                    published: p.posted_at,
                    description: &descriptions[i],
                    categories: &cats[i],
                }
            })
            .collect();
        let channel = feeds::Channel {
            title: &spec.title,
            link: &spec.html.permalink(base),
            description: &spec.description,
            self_url: &spec.url.permalink(base),
            language: &c.language,
            generator: &generator,
        };
        sink.put(Page::new(spec.url.file(), feeds::rss(&channel, &items, &c.timezone).into_bytes()))
    })
}

pub(super) fn sitemap_xml(site: &Site) -> String {
    let c = &site.config;
    let base = &c.base_url;
    let tz = &c.timezone;
    let lastmod =
        |indices: &mut dyn Iterator<Item = usize>| indices.next().map(|i| site.open[i].posted.iso(tz));
    let mut entries: Vec<(String, Option<String>)> = Vec::new();
    let pages = page_count(site.open.len(), c.paginate);
    for n in 1..=pages {
        let first = (n - 1) * c.paginate;
        entries.push((PageUrl::new("").page(n).permalink(base), lastmod(&mut (first..site.open.len()))));
    }
    for p in &site.open {
        entries.push((urls::posting(&p.slug).permalink(base), Some(p.posted.iso(tz))));
    }
    for tax in &site.taxonomies {
        entries.push((tax.kind.url().permalink(base), lastmod(&mut (0..site.open.len()))));
        for term in &tax.terms {
            for n in 1..=page_count(term.postings.len(), c.paginate) {
                let mut it = term.postings.iter().copied().skip((n - 1) * c.paginate);
                entries.push((term.url.page(n).permalink(base), lastmod(&mut it)));
            }
        }
    }
    // Drafts never go in the sitemap, even in a `--drafts` preview.
    for page in site.pages.iter().filter(|p| !p.draft) {
        entries.push((urls::content_page(&page.slug).permalink(base), None));
    }
    let urls: Vec<sitemap::Url> =
        entries.iter().map(|(loc, lm)| sitemap::Url { loc, lastmod: lm.as_deref() }).collect();
    sitemap::sitemap(&urls)
}
