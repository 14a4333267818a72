//! Machine-readable exports of the open postings, each switched in `syndication:`:
//! `/jobs.json` (+ its JSON Schema), JSON Feed 1.1, Atom 1.0 and an Indeed-style XML feed.
//!
//! Drafts never appear (aggregators index and repost what they read), feeds keep the
//! `feed_limit` newest postings, and the complete set lives in `/jobs.json` and the
//! Indeed feed. Every posting's [`job::Job`] is built once and shared by the formats.

pub mod atom;
pub mod indeed;
pub mod job;
pub mod jobs_json;
pub mod json_feed;

use crate::config::Config;
use crate::content::posting::Posting;
use crate::render::views::FeedLink;
use crate::render::{Page, Selection, Sink};
use crate::site::Site;
use crate::site::indexes::{Kind, Term};
use crate::site::urls::PageUrl;
use rayon::prelude::*;

/// The JSON Schema of `/jobs.json` (and of JSON Feed `_job` objects), shipped in
/// `schemas/` and published beside the export so clients can validate what they read.
pub const SCHEMA: &str = include_str!("../../schemas/jobs.schema.json");
/// Where [`SCHEMA`] is published.
pub const SCHEMA_FILE: &str = "jobs.schema.json";

/// The name and URL that speak for the whole board: its organization, else its title.
pub fn site_author(c: &Config) -> (&str, Option<&str>) {
    match &c.organization {
        Some(o) => (&o.name, o.url.as_deref()),
        None => (&c.title, Some(c.base_url.as_str())),
    }
}

/// Autodiscovery links for the enabled feeds: the site's (`term: None`) or a term's
/// (only categories have their own JSON Feed).
pub fn feed_links(c: &Config, term: Option<(Kind, &Term)>) -> Vec<FeedLink> {
    let s = &c.syndication;
    let mut links = Vec::new();
    match term {
        None => {
            let title = c.strings.fill("feed_all_jobs", &[("site", &c.title)]);
            if s.atom {
                links.push(FeedLink::typed(&PageUrl::new("atom.xml"), format!("{title} (Atom)"), ATOM, c));
            }
            if s.json_feed {
                let url = PageUrl::new("feed.json");
                links.push(FeedLink::typed(&url, format!("{title} (JSON Feed)"), JSON_FEED, c));
            }
        }
        Some((Kind::Category, term)) if s.json_feed => {
            let title = format!("{} (JSON Feed)", term_feed_title(c, term));
            links.push(FeedLink::typed(&term.url.join("feed.json"), title, JSON_FEED, c));
        }
        Some(_) => {}
    }
    links
}

/// A category feed's title in the site's language, as its RSS feed has it:
/// "Board: Engineering jobs", "Board: Jobs in Engineering".
fn term_feed_title(c: &Config, term: &Term) -> String {
    let heading = crate::render::term_heading(Kind::Category, term, &c.strings);
    c.strings.fill("feed_term_title", &[("site", &c.title), ("heading", &heading)])
}

/// The URL of `/jobs.json` when it is written: bounded feeds link to it as the complete set.
pub fn complete_export_url(c: &Config) -> Option<String> {
    c.syndication.jobs_json.then(|| PageUrl::new("jobs.json").permalink(&c.base_url))
}

const ATOM: &str = "application/atom+xml";
const JSON_FEED: &str = "application/feed+json";

/// The postings the exports carry: newest first, no drafts.
fn published(site: &Site) -> Vec<&Posting> {
    site.open.iter().map(|p| &**p).filter(|p| !p.draft).collect()
}

/// Writes every enabled export into `sink`: all of them, or (for `serve`) those the
/// selection touches: the site-wide ones with the listings, a category's feed with it.
/// Each posting's export is made when a file needs it and dropped with that file, so
/// memory is bounded by the largest file, not by the board.
/// `kept` says whether a `/jobs.json` part is in place as an earlier build left it;
/// `piece` gives the fingerprint of a posting's piece of a file made of pieces (the
/// Indeed feed's `<job>`), to copy it from the previous output when it did not change.
pub fn render(
    site: &Site,
    selection: Option<&Selection>,
    kept: &crate::render::Kept,
    piece: &dyn Fn(&str, &Posting) -> Option<crate::render::fingerprint::Fingerprint>,
    sink: &dyn Sink,
) -> anyhow::Result<()> {
    let c = &site.config;
    let s = &c.syndication;
    let all = published(site);
    let site_wide = selection.is_none_or(|sel| sel.listings);
    let put = |rel: String, bytes: Vec<u8>| sink.put(Page { rel, bytes: bytes.into() });
    if site_wide && (s.jobs_json || s.json_feed) {
        put(SCHEMA_FILE.into(), SCHEMA.as_bytes().to_vec())?;
    }
    if site_wide && s.jobs_json {
        jobs_json::write(site, &all, kept, &mut |rel, bytes, kept| {
            if !kept {
                return put(rel, bytes);
            }
            #[cfg(debug_assertions)]
            sink.debug_check_kept(&Page { rel, bytes: bytes.into() });
            Ok(())
        })?;
    }
    if site_wide && s.indeed {
        const INDEED: &str = "jobs-indeed.xml";
        sink.put_pieced(INDEED, &mut |out| indeed::write_to(out, site, &all, &|p| piece(INDEED, p)))?;
    }
    let limit = c.feed_limit;
    if site_wide && s.atom {
        put("atom.xml".into(), atom::feed(site, &all[..all.len().min(limit)]))?;
    }
    if s.json_feed {
        let specs = json_feed_specs(site, selection);
        specs.par_iter().try_for_each(|spec| put(spec.url.file(), json_feed::feed(site, spec)?))?;
    }
    Ok(())
}

fn json_feed_specs<'a>(site: &'a Site, selection: Option<&Selection>) -> Vec<json_feed::Spec<'a>> {
    let c = &site.config;
    let limit = c.feed_limit;
    let entries = |indices: &mut dyn Iterator<Item = usize>| -> Vec<&'a Posting> {
        indices.map(|i| &*site.open[i]).filter(|p| !p.draft).take(limit).collect()
    };
    let mut specs = Vec::new();
    if selection.is_none_or(|s| s.listings) {
        specs.push(json_feed::Spec {
            url: PageUrl::new("feed.json"),
            html: PageUrl::new(""),
            title: c.strings.fill("feed_all_jobs", &[("site", &c.title)]),
            description: &c.description,
            entries: entries(&mut (0..site.open.len())),
            full_bodies: true,
        });
    }
    for tax in site.taxonomies.iter().filter(|t| t.kind == Kind::Category) {
        for term in &tax.terms {
            if selection.is_some_and(|s| !s.terms.contains(&(Kind::Category, term.key.clone()))) {
                continue;
            }
            specs.push(json_feed::Spec {
                url: term.url.join("feed.json"),
                html: term.url.clone(),
                title: term_feed_title(c, term),
                description: term.description.as_deref().unwrap_or(""),
                entries: entries(&mut term.postings.iter().copied()),
                full_bodies: false,
            });
        }
    }
    specs
}

/// The output paths [`render`] writes for the whole site, without rendering the feeds.
pub fn paths(site: &Site) -> anyhow::Result<Vec<String>> {
    let c = &site.config;
    let s = &c.syndication;
    let mut paths = Vec::new();
    if s.jobs_json || s.json_feed {
        paths.push(SCHEMA_FILE.to_string());
    }
    if s.jobs_json {
        paths.extend(jobs_json::paths(site, &published(site))?);
    }
    if s.indeed {
        paths.push("jobs-indeed.xml".into());
    }
    if s.atom {
        paths.push("atom.xml".into());
    }
    if s.json_feed {
        paths.push("feed.json".into());
        for tax in site.taxonomies.iter().filter(|t| t.kind == Kind::Category) {
            paths.extend(tax.terms.iter().map(|t| t.url.join("feed.json").file()));
        }
    }
    Ok(paths)
}
