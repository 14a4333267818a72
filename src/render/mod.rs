//! Site → pages. Pure: no file I/O except reading the static files to copy, so `build`
//! can write the pages and `serve` can keep them in memory.

pub mod jsonld;
pub mod theme;
pub mod views;

use crate::diagnostic::Diagnostic;
use crate::site::indexes::{Kind, REMOTE, Taxonomy, Term};
use crate::site::urls::{self, PageUrl};
use crate::site::{Site, feeds, sitemap};
use rayon::prelude::*;
use std::sync::Arc;
use theme::{Source, Theme};
use views::{FeedLink, Link, PageView, Pagination, TermSummary, TermView};

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

/// What one HTML page needs; built first so the pages can then render in parallel.
enum Job<'a> {
    Posting { p: &'a crate::content::posting::Posting, view: tera::Value },
    Home { page: usize, pages: usize },
    Term { tax: &'a Taxonomy, term: &'a Term, page: usize, pages: usize },
    Taxonomy(&'a Taxonomy),
    NotFound,
}

/// Shared, per-build render inputs.
struct Shared<'a> {
    site: &'a Site,
    theme: &'a Theme,
    site_value: tera::Value,
    open_views: Vec<tera::Value>,
}

fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// Renders every page, feed and file of the site.
pub fn render(site: &Site, theme: &Theme) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let config = &site.config;
    let countries = views::country_pages(site);
    let has_country = |k: &str| countries.contains(k);
    let open_views: Vec<tera::Value> =
        site.open.par_iter().map(|p| views::posting(p, config, site.now, &has_country)).collect();
    let shared = Shared { site, theme, site_value: views::site(site), open_views };

    let mut jobs: Vec<Job> = Vec::new();
    for (i, p) in site.open.iter().enumerate() {
        jobs.push(Job::Posting { p, view: shared.open_views[i].clone() });
    }
    for p in &site.closed {
        jobs.push(Job::Posting { p, view: views::posting(p, config, site.now, &has_country) });
    }
    let pages = page_count(site.open.len(), config.paginate);
    jobs.extend((1..=pages).map(|page| Job::Home { page, pages }));
    for tax in &site.taxonomies {
        jobs.push(Job::Taxonomy(tax));
        for term in &tax.terms {
            let pages = page_count(term.postings.len(), config.paginate);
            jobs.extend((1..=pages).map(|page| Job::Term { tax, term, page, pages }));
        }
    }
    jobs.push(Job::NotFound);

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
    out.extend(feed_pages(site));
    out.push(Page::new("sitemap.xml", sitemap_xml(site).into_bytes()));
    let sitemap_url = PageUrl::new("sitemap.xml").permalink(&config.base_url);
    out.push(Page::new("robots.txt", sitemap::robots_txt(&sitemap_url).into_bytes()));
    out.extend(static_pages(theme).map_err(|d| vec![d])?);
    Ok(out)
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

impl Shared<'_> {
    fn context(&self, page: &PageView) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert("page", page);
        ctx
    }

    fn feeds(&self, extra: Option<FeedLink>) -> Vec<FeedLink> {
        let c = &self.site.config;
        let mut v = vec![FeedLink::new(&PageUrl::new("feed.xml"), format!("{}: all jobs", c.title), c)];
        v.extend(extra);
        v
    }

    fn postings_page(&self, indices: &[usize], page: usize) -> Vec<tera::Value> {
        let per = self.site.config.paginate;
        indices.iter().skip((page - 1) * per).take(per).map(|&i| self.open_views[i].clone()).collect()
    }

    fn render(&self, job: &Job) -> Result<Page, Diagnostic> {
        let site = self.site;
        let c = &site.config;
        let base = &c.base_url;
        let home = Link { title: "Jobs".into(), path: c.root_path().to_string() };
        let (template, url, ctx, about) = match job {
            Job::Posting { p, view } => {
                let url = urls::posting(&p.slug);
                let expired = p.is_expired(site.now);
                let jsonld = if expired {
                    Vec::new()
                } else {
                    vec![tera::Value::safe_string(&jsonld::job_posting(p, &url.permalink(base), c))]
                };
                let page = PageView {
                    title: format!("{} at {} – {}", p.title, p.company.name, c.title),
                    heading: p.title.clone(),
                    description: p.summary.clone(),
                    permalink: url.permalink(base),
                    path: url.path(base),
                    kind: "posting",
                    noindex: expired,
                    og_type: "article",
                    feeds: self.feeds(None),
                    jsonld,
                };
                let mut ctx = self.context(&page);
                ctx.insert_value("posting", view.clone());
                let crumbs = vec![
                    home,
                    Link {
                        title: p.category.name.clone(),
                        path: Kind::Category.term_url(&p.category.key).path(base),
                    },
                ];
                ctx.insert("breadcrumbs", &crumbs);
                ("posting.html", url, ctx, p.source.display().to_string())
            }
            Job::Home { page, pages } => {
                let root = PageUrl::new("");
                let url = root.page(*page);
                let all: Vec<usize> = (0..site.open.len()).collect();
                let view = PageView {
                    title: if *page == 1 {
                        c.title.clone()
                    } else {
                        format!("{} – page {page} of {pages}", c.title)
                    },
                    heading: "Open positions".into(),
                    description: c.description.clone(),
                    permalink: url.permalink(base),
                    path: url.path(base),
                    kind: "index",
                    noindex: false,
                    og_type: "website",
                    feeds: self.feeds(None),
                    jsonld: if *page == 1 {
                        jsonld::home(c).iter().map(|s| tera::Value::safe_string(s)).collect()
                    } else {
                        Vec::new()
                    },
                };
                let mut ctx = self.context(&view);
                ctx.insert("postings", &self.postings_page(&all, *page));
                ctx.insert("pagination", &Pagination::new(&root, *page, *pages, c.paginate, all.len(), c));
                ctx.insert("breadcrumbs", &Vec::<Link>::new());
                ("index.html", url, ctx, format!("home page {page}"))
            }
            Job::Term { tax, term, page, pages } => {
                let url = term.url.page(*page);
                let heading = term_heading(tax.kind, term);
                let count = term.postings.len();
                let feed = FeedLink::new(&term.url.join("feed.xml"), format!("{}: {heading}", c.title), c);
                let description = term.description.clone().unwrap_or_else(|| {
                    format!(
                        "{count} open position{} – {heading} at {}.",
                        if count == 1 { "" } else { "s" },
                        c.title
                    )
                });
                let view = PageView {
                    title: if *page == 1 {
                        format!("{heading} – {}", c.title)
                    } else {
                        format!("{heading} – page {page} of {pages} – {}", c.title)
                    },
                    heading: heading.clone(),
                    description: description.clone(),
                    permalink: url.permalink(base),
                    path: url.path(base),
                    kind: "term",
                    noindex: false,
                    og_type: "website",
                    feeds: self.feeds(Some(FeedLink::new(&term.url.join("feed.xml"), feed.title.clone(), c))),
                    jsonld: Vec::new(),
                };
                let mut ctx = self.context(&view);
                ctx.insert(
                    "term",
                    &TermView {
                        kind: tax.kind.key(),
                        kind_label: tax.kind.label(),
                        key: term.key.clone(),
                        name: term.name.clone(),
                        description: term.description.clone(),
                        path: term.url.path(base),
                        permalink: term.url.permalink(base),
                        count,
                        feed: Some(feed),
                    },
                );
                ctx.insert("postings", &self.postings_page(&term.postings, *page));
                ctx.insert("pagination", &Pagination::new(&term.url, *page, *pages, c.paginate, count, c));
                ctx.insert(
                    "breadcrumbs",
                    &vec![home, Link { title: tax.kind.title().into(), path: tax.kind.url().path(base) }],
                );
                ("term.html", url, ctx, format!("{} {}", tax.kind.key(), term.key))
            }
            Job::Taxonomy(tax) => {
                let url = tax.kind.url();
                let view = PageView {
                    title: format!("{} – {}", tax.kind.title(), c.title),
                    heading: tax.kind.title().into(),
                    description: format!(
                        "Browse open positions at {} by {}.",
                        c.title,
                        tax.kind.label().to_lowercase()
                    ),
                    permalink: url.permalink(base),
                    path: url.path(base),
                    kind: "taxonomy",
                    noindex: false,
                    og_type: "website",
                    feeds: self.feeds(None),
                    jsonld: Vec::new(),
                };
                let mut ctx = self.context(&view);
                #[derive(serde::Serialize)]
                struct TaxView {
                    kind: &'static str,
                    kind_label: &'static str,
                    title: &'static str,
                    path: String,
                }
                let view = TaxView {
                    kind: tax.kind.key(),
                    kind_label: tax.kind.label(),
                    title: tax.kind.title(),
                    path: url.path(base),
                };
                ctx.insert("taxonomy", &view);
                let terms: Vec<TermSummary> = tax
                    .terms
                    .iter()
                    .map(|t| TermSummary {
                        key: t.key.clone(),
                        name: t.name.clone(),
                        description: t.description.clone(),
                        path: t.url.path(base),
                        count: t.postings.len(),
                    })
                    .collect();
                ctx.insert("terms", &terms);
                ctx.insert("breadcrumbs", &vec![home]);
                ("taxonomy.html", url, ctx, format!("{} index", tax.kind.key()))
            }
            Job::NotFound => {
                let url = PageUrl::new("404.html");
                let view = PageView {
                    title: format!("Page not found – {}", c.title),
                    heading: "Page not found".into(),
                    description: "This page does not exist, or the position has been filled.".into(),
                    permalink: url.permalink(base),
                    path: url.path(base),
                    kind: "404",
                    noindex: true,
                    og_type: "website",
                    feeds: self.feeds(None),
                    jsonld: Vec::new(),
                };
                let mut ctx = self.context(&view);
                ctx.insert("breadcrumbs", &Vec::<Link>::new());
                ("404.html", url, ctx, "the 404 page".to_string())
            }
        };
        let html = self.theme.tera.render(template, &ctx).map_err(|e| {
            let origin = self.theme.origins.get(template).cloned().unwrap_or_else(|| template.into());
            Diagnostic::error(
                "template",
                origin,
                format!("rendering {template} for {about}: {}", theme::error_chain(&e)),
            )
        })?;
        Ok(Page::new(url.file(), html.into_bytes()))
    }
}

/// "Engineering jobs", "Jobs at Northwind", "Remote jobs", "Jobs in Germany".
fn term_heading(kind: Kind, term: &Term) -> String {
    match kind {
        Kind::Category | Kind::Type => format!("{} jobs", term.name),
        Kind::Company => format!("Jobs at {}", term.name),
        Kind::Location if term.key == REMOTE => "Remote jobs".to_string(),
        Kind::Location => format!("Jobs in {}", term.name),
    }
}

fn feed_pages(site: &Site) -> Vec<Page> {
    let c = &site.config;
    let base = &c.base_url;
    let links: Vec<String> = site.open.iter().map(|p| urls::posting(&p.slug).permalink(base)).collect();
    let cats: Vec<Vec<&str>> = site.open.iter().map(|p| vec![p.category.name.as_str()]).collect();
    let items = |indices: &mut dyn Iterator<Item = usize>| -> Vec<feeds::Item> {
        indices
            .map(|i| {
                let p = &site.open[i];
                feeds::Item {
                    title: &p.title,
                    link: &links[i],
                    guid: &links[i],
                    published: p.posted_at,
                    description_html: &p.body.html,
                    categories: &cats[i],
                }
            })
            .collect()
    };
    let generator = format!("Vacancy {}", env!("CARGO_PKG_VERSION"));
    let mut specs: Vec<(PageUrl, PageUrl, String, String, Vec<usize>)> = vec![(
        PageUrl::new("feed.xml"),
        PageUrl::new(""),
        format!("{}: all jobs", c.title),
        c.description.clone(),
        (0..site.open.len()).collect(),
    )];
    for tax in &site.taxonomies {
        for term in &tax.terms {
            let heading = term_heading(tax.kind, term);
            specs.push((
                term.url.join("feed.xml"),
                term.url.clone(),
                format!("{}: {heading}", c.title),
                term.description.clone().unwrap_or_else(|| format!("{heading} at {}", c.title)),
                term.postings.clone(),
            ));
        }
    }
    specs
        .par_iter()
        .map(|(feed, html, title, description, indices)| {
            let channel = feeds::Channel {
                title,
                link: &html.permalink(base),
                description,
                self_url: &feed.permalink(base),
                language: &c.language,
                generator: &generator,
            };
            let xml = feeds::rss(&channel, &items(&mut indices.iter().copied()), &c.timezone);
            Page::new(feed.file(), xml.into_bytes())
        })
        .collect()
}

fn sitemap_xml(site: &Site) -> String {
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
    let urls: Vec<sitemap::Url> =
        entries.iter().map(|(loc, lm)| sitemap::Url { loc, lastmod: lm.as_deref() }).collect();
    sitemap::sitemap(&urls)
}
