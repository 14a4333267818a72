//! Template views: the serializable shapes documented in `docs/themes.md`.
//!
//! A posting's full view is made when its page or its cards are rendered, and dropped
//! with them: kept for every posting, the views were most of a large board's memory.
//! Listings print each posting's card fragment ([`super::cards`]); related postings and
//! search records read the few texts of a [`posting_brief`].

use crate::config::Config;
use crate::content::posting::Posting;
use crate::site::Site;
use crate::site::indexes::{Kind, REMOTE};
use crate::site::urls::{self, PageUrl, slugify};
use jiff::Timestamp;
use serde::Serialize;

/// Turns an absolute URL inside the site into a root-relative path, so assets such as logos
/// also load in `serve` and on preview deploys; other URLs are kept.
pub fn local(url: &str, base: &url::Url) -> String {
    match url.strip_prefix(base.as_str()) {
        Some(rest) => format!("{}{rest}", base.path()),
        None => url.to_string(),
    }
}

/// A link in navigation or breadcrumbs.
#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub path: String,
}

#[derive(Serialize)]
pub struct FeedLink {
    pub path: String,
    pub permalink: String,
    pub title: String,
    /// The media type for `<link rel="alternate" type=…>`.
    #[serde(rename = "type")]
    pub mime: &'static str,
}

impl FeedLink {
    /// An RSS feed.
    pub fn new(url: &PageUrl, title: String, config: &Config) -> Self {
        Self::typed(url, title, "application/rss+xml", config)
    }

    pub fn typed(url: &PageUrl, title: String, mime: &'static str, config: &Config) -> Self {
        FeedLink { path: url.path(&config.base_url), permalink: url.permalink(&config.base_url), title, mime }
    }
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
    root: &'a str,
    organization: Option<OrgView<'a>>,
    feed: FeedLink,
    /// The site's other feeds (Atom, JSON Feed), as enabled in `syndication:`.
    alternates: Vec<FeedLink>,
    nav: Vec<Link>,
    /// Careers-page mode ([`Site::careers`]).
    careers: bool,
    /// `theme_options.accent` as CSS colours, or null for the theme's own.
    accent: Option<crate::config::accent::AccentView>,
    extra: &'a serde_json::Map<String, serde_json::Value>,
    generator: String,
    /// Present when `search` is on: where the search UI and its assets live.
    search: Option<SearchView>,
}

/// `site.search`: the home page that runs searches (tags link to `<page>?tag=…`), and
/// the assets the search partial loads on first use.
#[derive(Serialize)]
struct SearchView {
    page: String,
    script: String,
    style: String,
    index: String,
}

#[derive(Serialize)]
struct OrgView<'a> {
    name: &'a str,
    url: Option<&'a str>,
    logo: Option<String>,
    logo_url: Option<&'a str>,
    same_as: &'a [String],
}

/// The `site` variable, built once per build.
pub fn site(site: &Site) -> tera::Value {
    let c = &site.config;
    let t = &c.strings;
    let mut nav = vec![Link { title: t.get("nav_all_jobs").into(), path: c.root_path().to_string() }];
    nav.extend(
        Kind::ALL
            .iter()
            // On a careers page every job is the organization's: a company index says nothing.
            .filter(|k| !(site.careers && **k == Kind::Company))
            .map(|k| Link { title: kind_title(*k, t), path: k.url().path(&c.base_url) }),
    );
    // Pages with a `nav` position follow, in that order (then by title).
    let mut pages: Vec<_> = site.pages.iter().filter_map(|p| p.nav.map(|n| (n, p))).collect();
    pages.sort_by(|(a, p), (b, q)| a.cmp(b).then_with(|| p.title.cmp(&q.title)));
    nav.extend(pages.into_iter().map(|(_, p)| Link {
        title: p.title.clone(),
        path: crate::site::urls::content_page(&p.slug).path(&c.base_url),
    }));
    tera::Value::from_serializable(&SiteView {
        title: &c.title,
        description: &c.description,
        language: &c.language,
        base_url: c.base_url.as_str(),
        root: c.root_path(),
        organization: c.organization.as_ref().map(|o| OrgView {
            name: &o.name,
            url: o.url.as_deref(),
            logo: o.logo.as_deref().map(|l| local(l, &c.base_url)),
            logo_url: o.logo.as_deref(),
            same_as: &o.same_as,
        }),
        feed: FeedLink::new(&PageUrl::new("feed.xml"), t.fill("feed_all_jobs", &[("site", &c.title)]), c),
        alternates: crate::exports::feed_links(c, None),
        nav,
        careers: site.careers,
        accent: c.accent.as_ref().map(|a| a.view()),
        extra: &c.extra,
        generator: format!("Vacancy {}", env!("CARGO_PKG_VERSION")),
        search: c.search.enabled().then(|| SearchView {
            page: c.root_path().to_string(),
            script: PageUrl::new("search.js").path(&c.base_url),
            style: PageUrl::new("search.css").path(&c.base_url),
            index: PageUrl::new(crate::search::MANIFEST).path(&c.base_url),
        }),
    })
}

#[derive(Serialize)]
struct PostingView<'a> {
    slug: &'a str,
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    path: String,
    permalink: String,
    expired: bool,
    draft: bool,
    company: CompanyView<'a>,
    category: TermRef<'a>,
    employment_types: Vec<TypeView>,
    location: LocationView<'a>,
    salary: Option<SalaryView<'a>>,
    posted: DateView,
    closes: Option<DateView>,
    /// `updated:` as written, for Atom `updated` and "Updated on" lines.
    updated: Option<DateView>,
    /// When the posting last changed: the last commit, `updated:` or `posted:`.
    lastmod: String,
    apply: ApplyView<'a>,
    direct_apply: bool,
    tags: &'a [std::sync::Arc<str>],
    extra: &'a serde_json::Map<String, serde_json::Value>,
    /// The social card (`syndication: {social_cards: true}`), for `og:image`.
    card: Option<CardView>,
}

#[derive(Serialize)]
struct CardView {
    url: String,
    width: u32,
    height: u32,
}

#[derive(Serialize)]
struct CompanyView<'a> {
    key: Option<&'a str>,
    name: &'a str,
    url: Option<&'a str>,
    logo: Option<String>,
    /// The logo's absolute URL, for `og:image` and other consumers outside the site.
    logo_url: Option<&'a str>,
    path: String,
}

#[derive(Serialize)]
struct TermRef<'a> {
    key: &'a str,
    name: &'a str,
    description: Option<&'a str>,
    path: String,
}

#[derive(Serialize)]
struct TypeView {
    key: &'static str,
    label: String,
    schema: &'static str,
    path: String,
}

#[derive(Serialize)]
struct LocationView<'a> {
    remote: bool,
    /// The `/locations/remote/` page, for remote postings.
    remote_path: Option<String>,
    hybrid: bool,
    label: String,
    /// Who may apply, as people say it ("Anywhere", "EU", "Canada").
    open_to: Vec<super::locations::OpenTo>,
    countries: Vec<CountryView<'a>>,
    places: Vec<PlaceView<'a>>,
}

#[derive(Serialize)]
struct CountryView<'a> {
    code: &'a str,
    name: &'a str,
    path: Option<String>,
}

#[derive(Serialize)]
struct PlaceView<'a> {
    city: Option<&'a str>,
    region: Option<&'a str>,
    country: &'a str,
    country_name: &'a str,
    postal_code: Option<&'a str>,
    street: Option<&'a str>,
    label: String,
    /// The country's `/locations/<cc>/` page.
    path: String,
}

#[derive(Serialize)]
struct SalaryView<'a> {
    min: Option<f64>,
    max: Option<f64>,
    value: Option<f64>,
    currency: &'a str,
    period: &'static str,
    label: String,
}

#[derive(Serialize)]
struct DateView {
    iso: String,
    display: String,
}

#[derive(Serialize)]
struct ApplyView<'a> {
    href: String,
    label: &'a str,
    email: bool,
}

/// Builds one posting's view. `country_pages` says which countries have a location page.
pub fn posting(
    p: &Posting,
    config: &Config,
    now: Timestamp,
    has_country_page: &dyn Fn(&str) -> bool,
) -> tera::Value {
    with_body(posting_without_body(p, config, now, has_country_page), p)
}

/// The texts the built-in templates print of a posting outside its own page and cards:
/// a related posting's line, a search record. Made by the same formatters as the full
/// view, so both say the same.
#[derive(Serialize)]
struct BriefView<'a> {
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    path: String,
    company: BriefCompany<'a>,
    location: Label,
    salary: Option<Label>,
    posted: DateView,
}

#[derive(Serialize)]
struct BriefCompany<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Label {
    label: String,
}

/// A [`BriefView`] of `p`: a subset of its full view, with the same values, small enough
/// to make where it is needed rather than keep.
pub fn posting_brief(p: &Posting, config: &Config) -> tera::Value {
    let t = &*config.strings;
    tera::Value::from_serializable(&BriefView {
        slug: &p.slug,
        title: &p.title,
        summary: &p.summary,
        path: urls::posting(&p.slug).path(&config.base_url),
        company: BriefCompany { name: &p.company.name },
        location: Label { label: crate::i18n::format::location(&p.location, t) },
        salary: p.salary.as_ref().map(|s| Label { label: crate::i18n::format::salary(s, t) }),
        posted: date_view(p.posted, config),
    })
}

fn date_view(w: crate::dates::When, config: &Config) -> DateView {
    let tz = &config.timezone;
    DateView { iso: w.iso(tz), display: crate::i18n::format::date(w.date(tz), &config.strings) }
}

/// `view` with the posting's `body_html`, loaded now ([`crate::content::body`]).
pub fn with_body(view: tera::Value, p: &Posting) -> tera::Value {
    let mut map = view.into_map().expect("a posting view is a map");
    map.insert("body_html".into(), tera::Value::safe_string(&p.body.html()));
    tera::Value::from(map)
}

/// [`posting`] without `body_html`: the view a posting's cards are rendered from, which
/// needs no body (unless the theme prints it there).
pub fn posting_without_body(
    p: &Posting,
    config: &Config,
    now: Timestamp,
    has_country_page: &dyn Fn(&str) -> bool,
) -> tera::Value {
    let base = &config.base_url;
    let tz = &config.timezone;
    let t = &*config.strings;
    let date = |w: crate::dates::When| date_view(w, config);
    let url = urls::posting(&p.slug);
    let company_key = p.company.key.clone().unwrap_or_else(|| slugify(&p.company.name));
    let view = PostingView {
        slug: &p.slug,
        id: &p.id,
        title: &p.title,
        summary: &p.summary,
        path: url.path(base),
        permalink: url.permalink(base),
        expired: p.is_expired(now),
        draft: p.draft,
        company: CompanyView {
            key: p.company.key.as_deref(),
            name: &p.company.name,
            url: p.company.url.as_deref(),
            logo: p.company.logo.as_deref().map(|l| local(l, base)),
            logo_url: p.company.logo.as_deref(),
            path: Kind::Company.term_url(&company_key).path(base),
        },
        category: TermRef {
            key: &p.category.key,
            name: &p.category.name,
            description: p.category.description.as_deref(),
            path: Kind::Category.term_url(&p.category.key).path(base),
        },
        employment_types: p
            .employment_types
            .iter()
            .map(|ty| TypeView {
                key: ty.key(),
                label: crate::i18n::format::employment_type(*ty, t),
                schema: ty.schema(),
                path: Kind::Type.term_url(ty.key()).path(base),
            })
            .collect(),
        location: LocationView {
            remote: p.location.remote,
            remote_path: p.location.remote.then(|| Kind::Location.term_url(REMOTE).path(base)),
            hybrid: p.location.hybrid,
            label: crate::i18n::format::location(&p.location, t),
            open_to: super::locations::open_to(&p.location, t, &|code| {
                let key = code.to_ascii_lowercase();
                has_country_page(&key).then(|| Kind::Location.term_url(&key).path(base))
            }),
            countries: p
                .location
                .countries
                .iter()
                .map(|c| {
                    let key = c.code().to_ascii_lowercase();
                    CountryView {
                        code: c.code(),
                        name: t.country(c.code()),
                        path: has_country_page(&key).then(|| Kind::Location.term_url(&key).path(base)),
                    }
                })
                .collect(),
            places: p
                .location
                .places
                .iter()
                .map(|pl| PlaceView {
                    city: pl.city.as_deref(),
                    region: pl.region.as_deref(),
                    country: pl.country.code(),
                    country_name: t.country(pl.country.code()),
                    postal_code: pl.postal_code.as_deref(),
                    street: pl.street.as_deref(),
                    label: crate::i18n::format::place(pl, t),
                    path: Kind::Location.term_url(&pl.country.code().to_ascii_lowercase()).path(base),
                })
                .collect(),
        },
        salary: p.salary.as_ref().map(|s| SalaryView {
            min: s.min,
            max: s.max,
            value: s.value,
            currency: &s.currency,
            period: s.period.key(),
            label: crate::i18n::format::salary(s, t),
        }),
        posted: date(p.posted),
        closes: p.closes.map(date),
        updated: p.updated.map(date),
        lastmod: p.lastmod_iso(tz),
        apply: ApplyView {
            href: p.apply.href(),
            label: match p.apply {
                crate::content::fields::Apply::Email(_) => t.get("apply_by_email"),
                crate::content::fields::Apply::Url(_) => t.get("apply_now"),
            },
            email: matches!(p.apply, crate::content::fields::Apply::Email(_)),
        },
        direct_apply: p.direct_apply,
        tags: &p.tags,
        extra: &p.extra,
        card: config.syndication.social_cards.then(|| CardView {
            url: crate::social_cards::url(&p.slug).permalink(base),
            width: crate::social_cards::WIDTH,
            height: crate::social_cards::HEIGHT,
        }),
    };
    tera::Value::from_serializable(&view)
}

/// The `page` variable.
#[derive(Serialize)]
pub struct PageView {
    pub title: String,
    pub heading: String,
    pub description: String,
    pub permalink: String,
    pub path: String,
    pub kind: &'static str,
    pub noindex: bool,
    pub og_type: &'static str,
    pub feeds: Vec<FeedLink>,
    pub jsonld: Vec<tera::Value>,
}

/// `pagination`.
#[derive(Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub per_page: usize,
    pub total_items: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The page links to show ([`page_window`]), not every page: a board of 100,000
    /// postings has 2,000 home pages, and listing all of them on each made the listings'
    /// cost grow with the square of their pages.
    pub pages: Vec<PageNumber>,
}

#[derive(Serialize)]
pub struct PageNumber {
    pub number: usize,
    pub path: String,
    pub current: bool,
    /// Stands for the pages left out between two links ("…"); `number` is the one beside
    /// the shown pages.
    pub gap: bool,
}

impl Pagination {
    pub fn new(
        root: &PageUrl,
        current: usize,
        total: usize,
        per_page: usize,
        total_items: usize,
        config: &Config,
    ) -> Self {
        let path = |n: usize| root.page(n).path(&config.base_url);
        Pagination {
            current,
            total,
            per_page,
            total_items,
            prev: (current > 1).then(|| path(current - 1)),
            next: (current < total).then(|| path(current + 1)),
            pages: page_window(current, total)
                .into_iter()
                .map(|(n, gap)| PageNumber { number: n, path: path(n), current: n == current, gap })
                .collect(),
        }
    }
}

/// The page numbers a listing's navigation shows, in order, each with whether it is a gap:
/// the first and last pages, two either side of `current`, and a gap three away where pages
/// are left out. A gap that would hide a single page (the second or the last but one)
/// shows that page instead. At most 11 entries, whatever `total` is.
pub fn page_window(current: usize, total: usize) -> Vec<(usize, bool)> {
    let candidates = [1, 2, total.saturating_sub(1), total]
        .into_iter()
        .chain(current.saturating_sub(3)..=current + 3)
        .filter(|n| (1..=total).contains(n))
        .collect::<std::collections::BTreeSet<usize>>();
    candidates
        .into_iter()
        .filter_map(|n| {
            let shown = n == 1
                || n == total
                || (current.saturating_sub(2)..=current + 2).contains(&n)
                || (n == 2 && current == 5)
                || (n + 1 == total && current + 4 == total);
            let gap = n + 3 == current || n == current + 3;
            (shown || gap).then_some((n, !shown))
        })
        .collect()
}

/// `term` on term pages.
#[derive(Serialize)]
pub struct TermView {
    pub kind: &'static str,
    pub kind_label: String,
    pub key: String,
    pub name: String,
    pub description: Option<String>,
    pub path: String,
    pub permalink: String,
    pub count: usize,
    pub feed: Option<FeedLink>,
    /// The term's other feeds: a category's JSON Feed.
    pub alternates: Vec<FeedLink>,
}

/// An entry of `terms` on taxonomy pages.
#[derive(Serialize)]
pub struct TermSummary {
    pub key: String,
    pub name: String,
    pub description: Option<String>,
    pub path: String,
    pub count: usize,
}

/// A taxonomy's index title in the build's language: "Categories", "Kategorien".
pub fn kind_title(kind: Kind, t: &crate::i18n::Strings) -> String {
    t.get(&format!("kinds_{}", kind_id(kind))).to_string()
}

/// A taxonomy's singular label: "Category", "Kategorie".
pub fn kind_label(kind: Kind, t: &crate::i18n::Strings) -> String {
    t.get(&format!("kind_{}", kind_id(kind))).to_string()
}

/// The word for a taxonomy inside a sentence: "category", "Kategorie".
pub fn kind_noun(kind: Kind, t: &crate::i18n::Strings) -> String {
    t.get(&format!("noun_{}", kind_id(kind))).to_string()
}

fn kind_id(kind: Kind) -> &'static str {
    match kind {
        Kind::Category => "category",
        Kind::Type => "type",
        Kind::Company => "company",
        Kind::Location => "location",
    }
}

/// A term's name as pages show it: employment types and "Remote" are translated (country
/// names already are, when the location terms are made).
pub fn term_name(kind: Kind, key: &str, name: &str, t: &crate::i18n::Strings) -> String {
    match kind {
        Kind::Type => crate::content::fields::EmploymentType::parse(key)
            .map_or_else(|| name.to_string(), |ty| crate::i18n::format::employment_type(ty, t)),
        Kind::Location if key == REMOTE => t.get("remote").to_string(),
        _ => name.to_string(),
    }
}

/// Whether a country key has a location page, from the site's location taxonomy.
pub fn country_pages(site: &Site) -> std::collections::HashSet<String> {
    site.taxonomies
        .iter()
        .filter(|t| t.kind == Kind::Location)
        .flat_map(|t| t.terms.iter().map(|term| term.key.clone()))
        .filter(|k| k != REMOTE)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::page_window;

    /// The rule the default theme's pagination applied to every page number, before the
    /// window was chosen here.
    fn by_scanning_every_page(current: usize, total: usize) -> Vec<(usize, bool)> {
        let (c, t) = (current as i64, total as i64);
        (1..=t)
            .filter_map(|p| {
                let shown = p == 1
                    || p == t
                    || (p >= c - 2 && p <= c + 2)
                    || (p == 2 && c == 5)
                    || (p == t - 1 && c == t - 4);
                let gap = p == c - 3 || p == c + 3;
                (shown || gap).then_some((p as usize, !shown))
            })
            .collect()
    }

    #[test]
    fn the_window_is_what_scanning_every_page_showed() {
        for total in 1..=30 {
            for current in 1..=total {
                assert_eq!(
                    page_window(current, total),
                    by_scanning_every_page(current, total),
                    "page {current} of {total}"
                );
            }
        }
        assert_eq!(
            page_window(1000, 2000),
            [
                (1, false),
                (997, true),
                (998, false),
                (999, false),
                (1000, false),
                (1001, false),
                (1002, false),
                (1003, true),
                (2000, false)
            ]
        );
    }

    #[test]
    fn a_window_has_at_most_eleven_entries_however_many_pages() {
        for total in [1usize, 7, 50, 2_000, 1_000_000] {
            for current in [1, 2, 5, total / 2, total.saturating_sub(4), total]
                .into_iter()
                .filter(|c| (1..=total).contains(c))
            {
                assert!(page_window(current, total).len() <= 11, "page {current} of {total}");
            }
        }
    }
}
