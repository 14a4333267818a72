//! RSS feeds and the sitemap, from the assembled site.

use super::fingerprint::Fingerprints;
use super::pages::{page_count, shows_draft, term_heading};
use super::{Page, Selection, Sink};
use crate::content::posting::Posting;
use crate::site::feeds::XmlText;
use crate::site::urls::{self, PageUrl};
use crate::site::{Site, feeds, sitemap};
use rayon::prelude::*;

/// One RSS feed: the site's, or a term's.
struct FeedSpec {
    url: PageUrl,
    /// The HTML page the feed mirrors.
    html: PageUrl,
    title: String,
    description: String,
    /// Indices into `Site::open`, newest first; never a draft's.
    indices: Vec<usize>,
    /// Published postings in the listing before the cut to `feed_limit`.
    total: usize,
    /// Items carry the whole posting body (the site feed) or its summary (term feeds:
    /// a posting is in several of them, and a full body in each multiplies the output).
    full_bodies: bool,
}

fn feed_specs(site: &Site, selection: Option<&Selection>) -> Vec<FeedSpec> {
    let c = &site.config;
    // Feeds are read by aggregators that index and repost them, so drafts stay out even
    // where they are shown (serve, --drafts). Postings are newest first, so a limit keeps
    // the newest.
    let limit = |indices: &mut dyn Iterator<Item = usize>| -> (Vec<usize>, usize) {
        let published: Vec<usize> = indices.filter(|&i| !site.open[i].draft).collect();
        let total = published.len();
        (published.into_iter().take(c.feed_limit).collect(), total)
    };
    let mut specs = Vec::new();
    if selection.is_none_or(|s| s.listings) {
        let (indices, total) = limit(&mut (0..site.open.len()));
        specs.push(FeedSpec {
            url: PageUrl::new("feed.xml"),
            html: PageUrl::new(""),
            title: c.strings.fill("feed_all_jobs", &[("site", &c.title)]),
            description: c.description.clone(),
            indices,
            total,
            full_bodies: true,
        });
    }
    for tax in &site.taxonomies {
        for term in tax.terms.iter().filter(|t| selection.is_none_or(|s| s.has_term(tax.kind, &t.key))) {
            let heading = term_heading(tax.kind, term, &c.strings);
            let (indices, total) = limit(&mut term.postings.iter().copied());
            specs.push(FeedSpec {
                url: term.url.join("feed.xml"),
                html: term.url.clone(),
                title: c.strings.fill("feed_term_title", &[("site", &c.title), ("heading", &heading)]),
                description: term.description.clone().unwrap_or_else(|| {
                    c.strings.fill("feed_term_description", &[("site", &c.title), ("heading", &heading)])
                }),
                indices,
                total,
                full_bodies: false,
            });
        }
    }
    specs
}

/// Output paths of every feed.
pub(super) fn feed_paths(site: &Site) -> Vec<String> {
    feed_specs(site, None).into_iter().map(|f| f.url.file()).collect()
}

/// How many feeds [`feed_paths`] lists (the site's and one per term), without making them.
pub(super) fn feed_count(site: &Site) -> usize {
    let count = 1 + site.taxonomies.iter().map(|t| t.terms.len()).sum::<usize>();
    debug_assert_eq!(count, feed_specs(site, None).len(), "one feed per term");
    count
}

/// The site feed and one per term, or only those `selection` names, into `sink`.
/// With `fingerprints`, a feed `sink` already has as an earlier build left it is skipped
/// (debug builds render it anyway, to check it is the same).
pub(super) fn feed_pages(
    site: &Site,
    selection: Option<&Selection>,
    fingerprints: Option<&Fingerprints>,
    sink: &dyn Sink,
) -> anyhow::Result<()> {
    let c = &site.config;
    let base = &c.base_url;
    let changing = |spec: &FeedSpec| selection.is_none_or(|s| s.shows_any(&spec.indices));
    // Side by side: a board has a feed per company, each fingerprinted and its file
    // looked at.
    let specs: Vec<(FeedSpec, bool)> = feed_specs(site, selection)
        .into_par_iter()
        .filter(changing)
        .map(|spec| {
            let kept = match fingerprints {
                Some(f) => {
                    let total = spec.total.to_string();
                    let parts = [
                        spec.title.as_str(),
                        &spec.description,
                        if spec.full_bodies { "full" } else { "summary" },
                        &total,
                    ];
                    sink.reuse(&spec.url.file(), f.feed(&spec.url.file(), &parts, &spec.indices))?
                }
                None => false,
            };
            Ok((!kept || cfg!(debug_assertions)).then_some((spec, kept)))
        })
        .filter_map(Result::transpose)
        .collect::<anyhow::Result<_>>()?;
    let open = &site.open;
    let generator = format!("Vacancy {}", env!("CARGO_PKG_VERSION"));
    let related = crate::exports::complete_export_url(c);
    specs.par_iter().try_for_each(|(spec, kept)| {
        // Each item's texts are made for the feed at hand and dropped with it. A posting is
        // in four or five feeds, but holding every posting's link, labels and escaped
        // summary for all of them at once took 70 MB at 100,000 postings.
        let texts: Vec<ItemTexts> =
            spec.indices.iter().map(|&i| ItemTexts::new(&open[i], spec.full_bodies, site)).collect();
        let items: Vec<feeds::Item> = spec
            .indices
            .iter()
            .zip(&texts)
            .map(|(&i, t)| {
                let p = &open[i];
                feeds::Item {
                    title: &p.title,
                    link: &t.link,
                    guid: &t.link,
                    published: p.posted_at,
                    description: &t.description,
                    categories: std::slice::from_ref(&t.category),
                    job: Some(feeds::JobFacts {
                        company: &p.company.name,
                        location: &t.location,
                        salary: t.salary.as_deref(),
                        category_key: &p.category.key,
                    }),
                }
            })
            .collect();
        let cut = spec.total > items.len();
        let channel = feeds::Channel {
            title: &spec.title,
            link: &spec.html.permalink(base),
            description: &spec.description,
            self_url: &spec.url.permalink(base),
            language: &c.language,
            generator: &generator,
            // Only a feed cut to its limit points to the complete export and says how many
            // there are: most term feeds (a company's) hold every posting they list.
            related: related.as_deref().filter(|_| cut),
            total: cut.then_some(spec.total),
        };
        let page = Page::new(spec.url.file(), feeds::rss(&channel, &items, &c.timezone).into_bytes());
        if *kept {
            #[cfg(debug_assertions)]
            sink.debug_check_kept(&page);
            return Ok(());
        }
        sink.put(page)
    })
}

/// What a feed item shows of a posting beyond its own fields.
struct ItemTexts<'a> {
    link: String,
    /// The whole body (the site feed) or the summary, as HTML escaped as text.
    description: XmlText,
    /// The posting's category name, here so the item can borrow it as a one-name list.
    category: &'a str,
    /// The location and salary lines, in the site's language.
    location: String,
    salary: Option<String>,
}

impl<'a> ItemTexts<'a> {
    fn new(p: &'a Posting, full_body: bool, site: &Site) -> Self {
        let c = &site.config;
        ItemTexts {
            link: urls::posting(&p.slug).permalink(&c.base_url),
            description: match full_body {
                true => XmlText::new(&p.body.html()),
                false => XmlText::new(&summary_html(&p.summary)),
            },
            category: &p.category.name,
            location: crate::i18n::format::location(&p.location, &c.strings),
            salary: p.salary.as_ref().map(|s| crate::i18n::format::salary(s, &c.strings)),
        }
    }
}

/// A plain-text summary as HTML, which readers take a feed description to be: escaped, and
/// without a `<p>` around it (one paragraph needs none; 14 bytes on each of the term feeds'
/// 11,700 items at 10,000 postings).
fn summary_html(summary: &str) -> String {
    quick_xml::escape::escape(summary).into_owned()
}

/// Puts the sitemap (or, on a large site, the numbered sitemaps and their index).
pub(super) fn sitemap_files(site: &Site, sink: &dyn Sink) -> anyhow::Result<()> {
    let entries = sitemap_entries(site);
    let urls: Vec<sitemap::Url> =
        entries.iter().map(|(loc, lm)| sitemap::Url { loc, lastmod: lm.as_deref() }).collect();
    sitemap::files(
        &urls,
        |path| PageUrl::new(path).permalink(&site.config.base_url),
        |file| sink.put(Page::new(file.path, file.xml.into_bytes())),
    )
}

/// The paths [`sitemap_files`] writes.
pub(super) fn sitemap_paths(site: &Site) -> Vec<String> {
    let entries = sitemap_entries(site);
    let urls: Vec<sitemap::Url> =
        entries.iter().map(|(loc, _)| sitemap::Url { loc, lastmod: None }).collect();
    sitemap::paths(&urls)
}

/// Every indexable page, with its last modification: not drafts, and not the listing
/// pages that show one (they are `noindex`, and a sitemap must list only pages a search
/// engine may index).
fn sitemap_entries(site: &Site) -> Vec<(String, Option<String>)> {
    let c = &site.config;
    let base = &c.base_url;
    let tz = &c.timezone;
    let lastmod =
        |indices: &mut dyn Iterator<Item = usize>| indices.next().map(|i| site.open[i].posted.iso(tz));
    let mut entries: Vec<(String, Option<String>)> = Vec::new();
    let pages = page_count(site.open.len(), c.paginate);
    for n in (1..=pages).filter(|&n| !shows_draft(site, 0..site.open.len(), n)) {
        let first = (n - 1) * c.paginate;
        entries.push((PageUrl::new("").page(n).permalink(base), lastmod(&mut (first..site.open.len()))));
    }
    for p in site.open.iter().filter(|p| !p.draft) {
        entries.push((urls::posting(&p.slug).permalink(base), Some(p.lastmod_iso(tz))));
    }
    for tax in &site.taxonomies {
        let newest = lastmod(&mut (0..site.open.len()).filter(|&i| !site.open[i].draft));
        entries.push((tax.kind.url().permalink(base), newest));
        for term in &tax.terms {
            let pages = page_count(term.postings.len(), c.paginate);
            for n in (1..=pages).filter(|&n| !shows_draft(site, term.postings.iter().copied(), n)) {
                let mut it = term.postings.iter().copied().skip((n - 1) * c.paginate);
                entries.push((term.url.page(n).permalink(base), lastmod(&mut it)));
            }
        }
    }
    // Drafts never go in the sitemap, even in a `--drafts` preview.
    for page in site.pages.iter().filter(|p| !p.draft) {
        entries.push((urls::content_page(&page.slug).permalink(base), None));
    }
    entries
}
