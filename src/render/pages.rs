//! HTML pages: one job per page, rendered in parallel through the theme.

use super::Page;
use super::cards::{self, CardKind, KeptCards};
use super::jsonld;
use super::theme::{self, Theme};
use super::views::{
    FeedLink, Link, PageView, Pagination, TermSummary, TermView, kind_label, kind_noun, kind_title, term_name,
};
use crate::content::posting::Posting;
use crate::diagnostic::Diagnostic;
use crate::i18n::Strings;
use crate::site::Site;
use crate::site::indexes::{Kind, REMOTE, Taxonomy, Term};
use crate::site::urls::{self, PageUrl};

/// What one HTML page needs; built first so the pages can then render in parallel.
pub(super) enum Job<'a> {
    Posting {
        p: &'a Posting,
    },
    Home {
        page: usize,
        pages: usize,
    },
    Term {
        tax: &'a Taxonomy,
        term: &'a Term,
        page: usize,
        pages: usize,
    },
    Taxonomy(&'a Taxonomy),
    /// A page from `content/pages/`.
    Content(&'a crate::content::page::Page),
    NotFound,
}

impl Job<'_> {
    /// Where the page goes.
    pub(super) fn url(&self) -> PageUrl {
        match self {
            Job::Posting { p, .. } => urls::posting(&p.slug),
            Job::Home { page, .. } => PageUrl::new("").page(*page),
            Job::Term { term, page, .. } => term.url.page(*page),
            Job::Taxonomy(tax) => tax.kind.url(),
            Job::Content(page) => urls::content_page(&page.slug),
            Job::NotFound => PageUrl::new("404.html"),
        }
    }

    /// The output file, e.g. `jobs/x/index.html`.
    pub(super) fn file(&self) -> String {
        self.url().file()
    }
}

/// Shared, per-build render inputs.
pub(super) struct Shared<'a> {
    pub(super) site: &'a Site,
    pub(super) theme: &'a Theme,
    pub(super) site_value: tera::Value,
    /// The theme's strings as a template value, made once rather than per page and card.
    t_value: tera::Value,
    /// Each open posting's compact card, rendered once and printed by every term listing
    /// that shows the posting (and kept by `serve` for its next render).
    cards: KeptCards,
    /// Countries with a listing page, so a posting's view links only pages that exist.
    countries: std::collections::HashSet<String>,
    /// Whether the theme may print `body_html` of postings outside their own page
    /// ([`Theme::prints_bodies_in_lists`]); the views of cards and listings carry no body
    /// otherwise.
    bodies_in_lists: bool,
}

impl<'a> Shared<'a> {
    /// The site's view and room for every open posting's compact card. Posting views are
    /// made where a page or card is rendered and dropped with it, never kept.
    pub(super) fn new(site: &'a Site, theme: &'a Theme) -> Self {
        Self::with_cards(site, theme, KeptCards::new(site.open.len()))
    }

    /// Like [`Self::new`], with the cards an earlier render of the same postings made.
    pub(super) fn with_cards(site: &'a Site, theme: &'a Theme, cards: KeptCards) -> Self {
        Shared {
            site,
            theme,
            site_value: super::views::site(site),
            t_value: tera::Value::from_serializable(site.config.strings.map()),
            cards,
            countries: super::views::country_pages(site),
            bodies_in_lists: theme.prints_bodies_in_lists,
        }
    }

    /// A posting's view as its cards and listings show it: with its body only when the
    /// theme prints bodies there.
    fn listing_view(&self, p: &Posting) -> tera::Value {
        let view = self.view_without_body(p);
        if self.bodies_in_lists { super::views::with_body(view, p) } else { view }
    }

    /// One posting's template view without its body.
    fn view_without_body(&self, p: &Posting) -> tera::Value {
        let has_country = |k: &str| self.countries.contains(k);
        super::views::posting_without_body(p, &self.site.config, self.site.now, &has_country)
    }

    /// The brief view of `site.open[i]` ([`super::views::posting_brief`]): what the
    /// built-in templates print of a related posting, and what search records show.
    pub(super) fn brief_view(&self, i: usize) -> tera::Value {
        super::views::posting_brief(&self.site.open[i], &self.site.config)
    }

    /// Renders the `kind` card of `p` from its `view`.
    fn card(&self, p: &Posting, view: tera::Value, kind: CardKind) -> Result<String, Diagnostic> {
        #[derive(serde::Serialize)]
        struct CardPage {
            kind: &'static str,
        }
        let mut ctx = tera::Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert_value("t", self.t_value.clone());
        ctx.insert_value("posting", view);
        ctx.insert("page", &CardPage { kind: kind.page_kind() });
        let about = format!("{} ({} card)", p.source.display(), kind.page_kind());
        self.theme
            .tera
            .render(cards::TEMPLATE, &ctx)
            .map_err(|e| self.template_error(cards::TEMPLATE, &about, &e))
    }

    /// An item of a listing's `postings`: the posting's `card_html` for the listing's
    /// kind, and its whole view when the theme's listing templates read more of it.
    fn listing_item(&self, i: usize, kind: CardKind) -> Result<tera::Value, Diagnostic> {
        let p = &self.site.open[i];
        let full = self.theme.reads.listing_postings;
        let view = (full || kind == CardKind::Full).then(|| self.listing_view(p));
        let card = match (kind, &view) {
            (CardKind::Full, Some(view)) => tera::Value::safe_string(&self.card(p, view.clone(), kind)?),
            _ => {
                tera::Value::safe_string(&self.cards.compact(i, || self.card(p, self.listing_view(p), kind))?)
            }
        };
        let mut item = view.filter(|_| full).and_then(tera::Value::into_map).unwrap_or_default();
        item.insert("card_html".into(), card);
        Ok(tera::Value::from(item))
    }

    /// The items of `related` for `p`'s page: brief views, or full ones when the theme
    /// reads more of them.
    fn related(&self, p: &Posting) -> Vec<tera::Value> {
        let indices = self.site.related.get(&p.slug).into_iter().flatten().copied();
        if self.theme.reads.related_postings {
            indices.map(|i| self.listing_view(&self.site.open[i])).collect()
        } else {
            indices.map(|i| self.brief_view(i)).collect()
        }
    }

    fn template_error(&self, template: &str, about: &str, e: &tera::Error) -> Diagnostic {
        let origin = self.theme.origins.get(template).cloned().unwrap_or_else(|| template.into());
        Diagnostic::error(
            "template",
            origin,
            format!("rendering {template} for {about}: {}", theme::error_chain(e)),
        )
    }
}

pub(super) fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// Whether page `page` of a listing of `indices` (into `Site::open`) shows a draft. Such
/// a page is a preview (`serve`, `build --drafts`): like a draft's own page, it is marked
/// `noindex` and left out of the sitemap.
pub(super) fn shows_draft(site: &Site, indices: impl Iterator<Item = usize>, page: usize) -> bool {
    let per = site.config.paginate;
    indices.skip((page - 1) * per).take(per).any(|i| site.open[i].draft)
}

impl Shared<'_> {
    fn context(&self, page: &PageView) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert("page", page);
        ctx.insert_value("t", self.t_value.clone());
        ctx.insert("t_js", &self.site.config.strings.js_json());
        ctx
    }

    fn feeds(&self, extra: Option<FeedLink>) -> Vec<FeedLink> {
        let c = &self.site.config;
        let title = c.strings.fill("feed_all_jobs", &[("site", &c.title)]);
        let mut v = vec![FeedLink::new(&PageUrl::new("feed.xml"), title, c)];
        v.extend(extra);
        v
    }

    /// The items of page `page` of a listing of `indices` (into `Site::open`).
    fn postings_page(
        &self,
        indices: impl Iterator<Item = usize>,
        page: usize,
        kind: CardKind,
    ) -> Result<Vec<tera::Value>, Diagnostic> {
        let per = self.site.config.paginate;
        indices.skip((page - 1) * per).take(per).map(|i| self.listing_item(i, kind)).collect()
    }

    pub(super) fn render(&self, job: &Job) -> Result<Page, Diagnostic> {
        let site = self.site;
        let c = &site.config;
        let base = &c.base_url;
        let t = &*c.strings;
        let page_of = |page: usize, pages: usize| {
            t.fill("page_of", &[("current", &page.to_string()), ("total", &pages.to_string())])
        };
        let home = Link { title: t.get("breadcrumb_home").into(), path: c.root_path().to_string() };
        let (template, url, ctx, about) = match job {
            Job::Posting { p } => {
                // Its own page is where a posting's view and body are made, and dropped with
                // the page.
                let view = super::views::with_body(self.view_without_body(p), p);
                let url = job.url();
                let expired = p.is_expired(site.now);
                // A closed position must not be offered to search engines. A draft keeps its
                // JobPosting so the preview shows exactly what will be published; its
                // `noindex` (below) keeps search engines from using it.
                let jsonld = if expired {
                    Vec::new()
                } else {
                    vec![tera::Value::safe_string(&jsonld::job_posting(p, c))]
                };
                let page = PageView {
                    title: format!("{} – {}", posting_title(p, t), c.title),
                    heading: p.title.clone(),
                    description: p.summary.clone(),
                    permalink: url.permalink(base),
                    path: url.path(base),
                    kind: "posting",
                    noindex: expired || p.draft,
                    og_type: "article",
                    // The RSS feeds are linked from the home page and the listings, and in
                    // the footer: 10,000 posting pages need not repeat the `<link>`.
                    feeds: Vec::new(),
                    jsonld,
                };
                let mut ctx = self.context(&page);
                ctx.insert_value("posting", view);
                ctx.insert_value("related", tera::Value::from(self.related(p)));
                let share_text = posting_title(p, t);
                ctx.insert("share", &super::share::links(&share_text, &url.permalink(base), t));
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
                let url = job.url();
                let view = PageView {
                    title: if *page == 1 {
                        c.title.clone()
                    } else {
                        format!("{} – {}", c.title, page_of(*page, *pages))
                    },
                    heading: t.get("heading_home").into(),
                    description: c.description.clone(),
                    permalink: url.permalink(base),
                    path: url.path(base),
                    kind: "index",
                    noindex: shows_draft(site, 0..site.open.len(), *page),
                    og_type: "website",
                    feeds: self.feeds(None),
                    jsonld: if *page == 1 {
                        jsonld::home(c).iter().map(|s| tera::Value::safe_string(s)).collect()
                    } else {
                        Vec::new()
                    },
                };
                let mut ctx = self.context(&view);
                ctx.insert_value(
                    "postings",
                    tera::Value::from(self.postings_page(0..site.open.len(), *page, CardKind::Full)?),
                );
                // The intro belongs to the board's front page, not to every page of it.
                let intro = site.intro.as_ref().filter(|_| *page == 1);
                ctx.insert("intro", &intro.map(|i| tera::Value::safe_string(&i.html)));
                ctx.insert(
                    "pagination",
                    &Pagination::new(&root, *page, *pages, c.paginate, site.open.len(), c),
                );
                ctx.insert("breadcrumbs", &Vec::<Link>::new());
                ("index.html", url, ctx, format!("home page {page}"))
            }
            Job::Term { tax, term, page, pages } => {
                let url = job.url();
                let heading = term_heading(tax.kind, term, t);
                let count = term.postings.len();
                let feed = FeedLink::new(&term.url.join("feed.xml"), format!("{}: {heading}", c.title), c);
                let description = term.description.clone().unwrap_or_else(|| {
                    let key = if count == 1 { "term_description_one" } else { "term_description_other" };
                    t.fill(
                        key,
                        &[
                            ("n", &crate::i18n::format::count(count, t)),
                            ("heading", &heading),
                            ("site", &c.title),
                        ],
                    )
                });
                let view = PageView {
                    title: if *page == 1 {
                        format!("{heading} – {}", c.title)
                    } else {
                        format!("{heading} – {} – {}", page_of(*page, *pages), c.title)
                    },
                    heading: heading.clone(),
                    description: description.clone(),
                    permalink: url.permalink(base),
                    path: url.path(base),
                    kind: "term",
                    noindex: shows_draft(site, term.postings.iter().copied(), *page),
                    og_type: "website",
                    feeds: self.feeds(Some(FeedLink::new(&term.url.join("feed.xml"), feed.title.clone(), c))),
                    jsonld: Vec::new(),
                };
                let mut ctx = self.context(&view);
                ctx.insert(
                    "term",
                    &TermView {
                        kind: tax.kind.key(),
                        kind_label: kind_label(tax.kind, t),
                        key: term.key.clone(),
                        name: term_name(tax.kind, &term.key, &term.name, t),
                        description: term.description.clone(),
                        path: term.url.path(base),
                        permalink: term.url.permalink(base),
                        count,
                        feed: Some(feed),
                        alternates: crate::exports::feed_links(c, Some((tax.kind, term))),
                    },
                );
                ctx.insert_value(
                    "postings",
                    tera::Value::from(self.postings_page(
                        term.postings.iter().copied(),
                        *page,
                        CardKind::Compact,
                    )?),
                );
                ctx.insert("pagination", &Pagination::new(&term.url, *page, *pages, c.paginate, count, c));
                ctx.insert(
                    "breadcrumbs",
                    &vec![home, Link { title: kind_title(tax.kind, t), path: tax.kind.url().path(base) }],
                );
                ("term.html", url, ctx, format!("{} {}", tax.kind.key(), term.key))
            }
            Job::Taxonomy(tax) => {
                let url = job.url();
                let view = PageView {
                    title: format!("{} – {}", kind_title(tax.kind, t), c.title),
                    heading: kind_title(tax.kind, t),
                    description: t
                        .fill("browse_at_by", &[("site", &c.title), ("kind", &kind_noun(tax.kind, t))]),
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
                    kind_label: String,
                    /// The word for the taxonomy inside a sentence: "category", "Kategorie".
                    kind_noun: String,
                    title: String,
                    path: String,
                }
                let view = TaxView {
                    kind: tax.kind.key(),
                    kind_label: kind_label(tax.kind, t),
                    kind_noun: kind_noun(tax.kind, t),
                    title: kind_title(tax.kind, t),
                    path: url.path(base),
                };
                ctx.insert("taxonomy", &view);
                let terms: Vec<TermSummary> = tax
                    .terms
                    .iter()
                    .map(|term| TermSummary {
                        key: term.key.clone(),
                        name: term_name(tax.kind, &term.key, &term.name, t),
                        description: term.description.clone(),
                        path: term.url.path(base),
                        count: term.postings.len(),
                    })
                    .collect();
                ctx.insert("terms", &terms);
                ctx.insert("breadcrumbs", &vec![home]);
                ("taxonomy.html", url, ctx, format!("{} index", tax.kind.key()))
            }
            Job::Content(page) => {
                let url = job.url();
                let view = PageView {
                    title: format!("{} – {}", page.title, c.title),
                    heading: page.title.clone(),
                    description: page.description.clone(),
                    permalink: url.permalink(base),
                    path: url.path(base),
                    kind: "page",
                    noindex: page.draft,
                    og_type: "website",
                    feeds: self.feeds(None),
                    jsonld: Vec::new(),
                };
                let mut ctx = self.context(&view);
                ctx.insert("body_html", &tera::Value::safe_string(&page.body.html));
                ctx.insert("draft", &page.draft);
                ctx.insert("extra", &page.extra);
                ctx.insert("breadcrumbs", &vec![home]);
                ("page.html", url, ctx, page.source.display().to_string())
            }
            Job::NotFound => {
                let url = job.url();
                let view = PageView {
                    title: format!("{} – {}", t.get("not_found"), c.title),
                    heading: t.get("not_found").into(),
                    description: t.get("not_found_description").into(),
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
        let html =
            self.theme.tera.render(template, &ctx).map_err(|e| self.template_error(template, &about, &e))?;
        Ok(Page::new(url.file(), html.into_bytes()))
    }
}

/// "Engineering jobs", "Jobs at Northwind", "Remote jobs", "Jobs in Germany".
pub(crate) fn term_heading(kind: Kind, term: &Term, t: &Strings) -> String {
    let name = term_name(kind, &term.key, &term.name, t);
    match kind {
        Kind::Category | Kind::Type => t.fill("heading_category", &[("name", &name)]),
        Kind::Company => t.fill("heading_company", &[("name", &name)]),
        Kind::Location if term.key == REMOTE => t.get("heading_remote").to_string(),
        Kind::Location => t.fill("heading_location", &[("name", &name)]),
    }
}

/// "Rust Engineer at Acme": page titles and share texts.
fn posting_title(p: &Posting, t: &Strings) -> String {
    t.fill("posting_title", &[("title", &p.title), ("company", &p.company.name)])
}
