//! The assembled site: which postings are published, in what order, in which indexes.
//!
//! [`Site::assemble`] is pure and single-threaded: given the same postings and the same
//! "now" it gives the same site, which is what makes builds reproducible.

pub mod feeds;
pub mod indexes;
pub mod related;
pub mod sitemap;
pub mod urls;

use crate::config::{Config, ExpiredPolicy};
use crate::content::Content;
use crate::content::company::Company;
use crate::content::page::Page;
use crate::content::posting::Posting;
use crate::markdown::Rendered;
use indexes::Taxonomy;
use jiff::Timestamp;
use std::collections::HashMap;
use std::sync::Arc;

/// What the build published and skipped, for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub open: usize,
    pub expired: usize,
    pub drafts_skipped: usize,
    pub drafts_included: usize,
    pub scheduled: usize,
}

/// The immutable model every renderer reads.
#[derive(Debug)]
pub struct Site {
    pub config: Arc<Config>,
    pub now: Timestamp,
    /// Open postings, newest first.
    pub open: Vec<Arc<Posting>>,
    /// Expired postings that keep a "closed" page (`expired: notice`).
    pub closed: Vec<Arc<Posting>>,
    pub taxonomies: Vec<Taxonomy>,
    /// Up to three related open postings per published posting, by slug: indices into `open`.
    pub related: HashMap<String, Vec<usize>>,
    /// Careers-page mode: every posting is the site organization's own (no company files,
    /// no inline companies), so the theme can drop the company navigation.
    pub careers: bool,
    /// Published pages from `content/pages/` (drafts only with `--drafts`), by slug.
    pub pages: Vec<Arc<Page>>,
    /// The home page's intro, `content/_index.md`.
    pub intro: Option<Arc<Rendered>>,
    pub stats: Stats,
    /// The full-text index, built on first need (`search: full`).
    pub fulltext: crate::search::FullText,
}

/// Options that change what gets published.
#[derive(Debug, Clone, Copy, Default)]
pub struct Publish {
    pub drafts: bool,
}

impl Site {
    /// Sorts postings into open, closed and unpublished, and builds the indexes.
    pub fn assemble(config: Arc<Config>, content: &Content, now: Timestamp, publish: Publish) -> Site {
        let mut stats = Stats::default();
        let mut open = Vec::new();
        let mut closed = Vec::new();
        for p in &content.postings {
            if p.draft && !publish.drafts {
                stats.drafts_skipped += 1;
                continue;
            }
            if p.posted_at > now {
                stats.scheduled += 1;
                continue;
            }
            if p.draft {
                stats.drafts_included += 1;
            }
            if p.is_expired(now) {
                stats.expired += 1;
                if config.expired == ExpiredPolicy::Notice {
                    closed.push(p.clone());
                }
            } else {
                open.push(p.clone());
            }
        }
        // Newest first; ties broken by slug so the order never depends on the file system.
        open.sort_by(|a, b| b.posted_at.cmp(&a.posted_at).then_with(|| a.slug.cmp(&b.slug)));
        closed.sort_by(|a, b| a.slug.cmp(&b.slug));
        stats.open = open.len();
        let mut companies: Vec<Arc<Company>> = content.companies.values().cloned().collect();
        companies.sort_by(|a, b| a.key.cmp(&b.key));
        let (taxonomies, related) = rayon::join(
            || indexes::build(&config, &open, &closed, &companies),
            || related::build(&open, &closed),
        );
        let careers = is_careers_page(&config, content);
        let mut pages: Vec<Arc<Page>> =
            content.pages.iter().filter(|p| publish.drafts || !p.draft).cloned().collect();
        pages.sort_by(|a, b| a.slug.cmp(&b.slug));
        let intro = content.intro.clone();
        Site {
            config,
            now,
            open,
            closed,
            taxonomies,
            related,
            careers,
            pages,
            intro,
            stats,
            fulltext: Default::default(),
        }
    }
}

/// True when the site has an organization and every posting, published or not, is its
/// own: a careers page rather than a board of several companies.
fn is_careers_page(config: &Config, content: &Content) -> bool {
    let Some(org) = &config.organization else { return false };
    content.companies.is_empty() && content.postings.iter().all(|p| Arc::ptr_eq(&p.company, org))
}

impl Site {
    /// The terms an open posting is listed under (identity, not equality: the site holds
    /// the same `Arc`s as the content it was assembled from).
    pub fn terms_of(&self, posting: &Arc<Posting>) -> Vec<(indexes::Kind, String)> {
        let Some(i) = self.open.iter().position(|p| Arc::ptr_eq(p, posting)) else {
            return Vec::new();
        };
        self.taxonomies
            .iter()
            .flat_map(|t| t.terms.iter().map(move |term| (t.kind, term)))
            .filter(|(_, term)| term.postings.binary_search(&i).is_ok())
            .map(|(kind, term)| (kind, term.key.clone()))
            .collect()
    }

    /// Every term's kind and key, in display order: equal lists mean the same term pages.
    pub fn term_keys(&self) -> Vec<(indexes::Kind, &str)> {
        self.taxonomies
            .iter()
            .flat_map(|t| t.terms.iter().map(move |term| (t.kind, term.key.as_str())))
            .collect()
    }
}
