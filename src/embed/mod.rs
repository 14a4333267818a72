//! Embedding the board's openings on a company's own website (`syndication: {embed: true}`).
//!
//! - `/embed.js`: a script the company pastes into its site; it lists the jobs in a shadow
//!   DOM, read from the company's or category's RSS feed (`/companies/<key>/feed.xml`,
//!   which carries summaries and the facts a list line needs, see `site::feeds::JobFacts`),
//!   or for the whole board from `/embed/jobs.json`. One file per company serves the feed
//!   reader and the embed: a board of 10,000 postings has about 3,600 companies, and a
//!   second file for each would take it past the file limits of hosts (README, "Hosts' limits").
//! - `/embed/jobs.json`: the board's newest open postings, compact (no descriptions), at
//!   most [`MAX_JOBS`]; the site feed carries full bodies, too heavy for another site's page.
//! - `/embed/` and `/embed/<category>/`: pages for an iframe, for sites that allow no
//!   third-party script, drawn from the theme's `embed.html`.

use crate::diagnostic::Diagnostic;
use crate::render::theme::{Theme, error_chain};
use crate::render::{Page, RenderError, Sink};
use crate::site::Site;
use crate::site::indexes::Kind;
use crate::site::urls::{self, PageUrl};
use serde::Serialize;

/// The script, served as `/embed.js` with the board's strings in place of [`STRINGS`].
pub const SCRIPT: &str = include_str!("embed.js");
/// Where the script takes the board's `embed_` strings.
const STRINGS: &str = "/*vacancy:strings*/{}";

/// The script with the board's strings (its language's, with `translations:` applied).
fn script(c: &crate::config::Config) -> String {
    let extra = [("lang", c.language.as_str()), ("site", c.title.as_str())];
    SCRIPT.replacen(STRINGS, &c.strings.script_json("embed_", &extra), 1)
}
/// The theme template of the iframe pages.
pub const TEMPLATE: &str = "embed.html";
/// Most jobs in `/embed/jobs.json` or an iframe page: the newest. Keeps every file small
/// whatever the size of the board; `data-limit` can ask for fewer. (A company's or
/// category's list holds what its feed holds: `feed_limit`.)
pub const MAX_JOBS: usize = 100;
/// Version of the JSON files' shape, bumped on incompatible changes.
pub const FORMAT_VERSION: u32 = 1;

/// One posting as the embed shows it: what a list item needs, nothing more.
#[derive(Serialize)]
struct Job<'a> {
    title: &'a str,
    url: String,
    company: &'a str,
    company_key: String,
    category: &'a str,
    category_name: &'a str,
    location: String,
    remote: bool,
    employment_types: Vec<String>,
    salary: Option<String>,
    /// `YYYY-MM-DD` in the site's time zone.
    posted: String,
}

/// One embed file, and the context of one iframe page.
#[derive(Serialize)]
struct Listing<'a> {
    version: u32,
    board: Board<'a>,
    /// "Engineering", "Acme" or the board's title.
    title: String,
    /// The board page listing the same jobs (all of them, past the limit).
    url: String,
    /// Open postings in the listing, before the cut to `MAX_JOBS`.
    total: usize,
    jobs: Vec<Job<'a>>,
}

#[derive(Serialize)]
struct Board<'a> {
    title: &'a str,
    url: &'a str,
}

/// Output paths of every embed file and page, without rendering them.
pub fn paths(site: &Site) -> Vec<String> {
    let mut out = Vec::new();
    for (_, json, page, _, _) in listings(site) {
        out.extend(json);
        out.push(page);
    }
    if site.config.syndication.embed {
        out.push("embed.js".to_string());
    }
    out
}

/// (title, JSON file, iframe page file, listing URL, indices into `Site::open`) of every
/// embed listing: the whole board (with its JSON file) and each category.
type Spec = (String, Option<String>, String, PageUrl, Vec<usize>);

fn listings(site: &Site) -> Vec<Spec> {
    if !site.config.syndication.embed {
        return Vec::new();
    }
    // Drafts stay out, as in feeds: other websites show and keep what they are given.
    let published = |indices: &mut dyn Iterator<Item = usize>| -> Vec<usize> {
        indices.filter(|&i| !site.open[i].draft).collect()
    };
    let mut out = vec![(
        site.config.title.clone(),
        Some("embed/jobs.json".to_string()),
        "embed/index.html".to_string(),
        PageUrl::new(""),
        published(&mut (0..site.open.len())),
    )];
    for tax in site.taxonomies.iter().filter(|t| t.kind == Kind::Category) {
        for term in &tax.terms {
            out.push((
                term.name.clone(),
                None,
                format!("embed/{}/index.html", term.key),
                term.url.clone(),
                published(&mut term.postings.iter().copied()),
            ));
        }
    }
    out
}

/// Renders `/embed.js`, the embed files and the iframe pages into `sink`.
pub fn render(site: &Site, theme: &Theme, sink: &dyn Sink) -> Result<(), RenderError> {
    if !site.config.syndication.embed {
        return Ok(());
    }
    let c = &site.config;
    let base = &c.base_url;
    let tz = &c.timezone;
    let site_value = crate::render::views::site(site);
    let put =
        |rel: String, bytes: Vec<u8>| sink.put(Page { rel, bytes: bytes.into() }).map_err(RenderError::Sink);
    put("embed.js".into(), script(c).into_bytes())?;
    for (title, json, page, url, indices) in listings(site) {
        let jobs = indices
            .iter()
            .take(MAX_JOBS)
            .map(|&i| {
                let p = &site.open[i];
                Job {
                    title: &p.title,
                    url: urls::posting(&p.slug).permalink(base),
                    company: &p.company.name,
                    company_key: p.company.key.clone().unwrap_or_else(|| urls::slugify(&p.company.name)),
                    category: &p.category.key,
                    category_name: &p.category.name,
                    location: crate::i18n::format::location(&p.location, &c.strings),
                    remote: p.location.remote,
                    employment_types: p
                        .employment_types
                        .iter()
                        .map(|t| crate::i18n::format::employment_type(*t, &c.strings))
                        .collect(),
                    salary: p.salary.as_ref().map(|s| crate::i18n::format::salary(s, &c.strings)),
                    posted: p.posted.iso(tz).chars().take(10).collect(),
                }
            })
            .collect();
        let listing = Listing {
            version: FORMAT_VERSION,
            board: Board { title: &c.title, url: base.as_str() },
            title,
            url: url.permalink(base),
            total: indices.len(),
            jobs,
        };
        if let Some(json) = json {
            put(json, serde_json::to_vec(&listing).expect("embed listings serialize"))?;
        }
        let mut ctx = tera::Context::new();
        ctx.insert_value("site", site_value.clone());
        ctx.insert("embed", &listing);
        ctx.insert("t", c.strings.map());
        let html = theme.tera.render(TEMPLATE, &ctx).map_err(|e| {
            let origin = theme.origins.get(TEMPLATE).cloned().unwrap_or_else(|| TEMPLATE.into());
            RenderError::Invalid(vec![Diagnostic::error(
                "template",
                origin,
                format!("rendering {page}: {}", error_chain(&e)),
            )])
        })?;
        put(page, html.into_bytes())?;
    }
    Ok(())
}
