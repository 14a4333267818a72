//! Category, employment-type, company and location indexes over the open postings.

use super::urls::{PageUrl, slugify};
use crate::config::Config;
use crate::content::company::Company;
use crate::content::fields::EmploymentType;
use crate::content::posting::Posting;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The four ways postings are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Category,
    Type,
    Company,
    Location,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Category, Kind::Type, Kind::Company, Kind::Location];

    /// Template-facing name: "category".
    pub fn key(self) -> &'static str {
        match self {
            Kind::Category => "category",
            Kind::Type => "type",
            Kind::Company => "company",
            Kind::Location => "location",
        }
    }

    /// "Category".
    pub fn label(self) -> &'static str {
        match self {
            Kind::Category => "Category",
            Kind::Type => "Employment type",
            Kind::Company => "Company",
            Kind::Location => "Location",
        }
    }

    /// The index page's title: "Categories".
    pub fn title(self) -> &'static str {
        match self {
            Kind::Category => "Categories",
            Kind::Type => "Employment types",
            Kind::Company => "Companies",
            Kind::Location => "Locations",
        }
    }

    /// URL folder: `categories/`.
    pub fn dir(self) -> &'static str {
        match self {
            Kind::Category => "categories/",
            Kind::Type => "types/",
            Kind::Company => "companies/",
            Kind::Location => "locations/",
        }
    }

    pub fn url(self) -> PageUrl {
        PageUrl::new(self.dir())
    }

    pub fn term_url(self, key: &str) -> PageUrl {
        PageUrl::new(format!("{}{key}/", self.dir()))
    }
}

/// One group: a category, a type, a company or a location.
#[derive(Debug, Clone)]
pub struct Term {
    pub key: String,
    pub name: String,
    pub description: Option<String>,
    /// Indices into `Site::open`, newest first.
    pub postings: Vec<usize>,
    pub url: PageUrl,
}

/// All terms of one kind, in display order.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub kind: Kind,
    pub terms: Vec<Term>,
}

/// URL key of the remote location term.
pub const REMOTE: &str = "remote";

/// Builds the four taxonomies. `open` must already be sorted newest first. Terms of
/// `closed` postings and company files get pages too, listing no open position, so the
/// links on a closed posting's page and the URLs search engines know keep working.
pub fn build(
    config: &Config,
    open: &[Arc<Posting>],
    closed: &[Arc<Posting>],
    companies: &[Arc<Company>],
) -> Vec<Taxonomy> {
    Kind::ALL
        .par_iter()
        .map(|&kind| Taxonomy { kind, terms: terms(kind, config, open, closed, companies) })
        .collect()
}

fn term(kind: Kind, key: String, name: String, description: Option<String>) -> Term {
    let url = kind.term_url(&key);
    Term { key, name, description, postings: Vec::new(), url }
}

fn terms(
    kind: Kind,
    config: &Config,
    open: &[Arc<Posting>],
    closed: &[Arc<Posting>],
    companies: &[Arc<Company>],
) -> Vec<Term> {
    // Keyed by URL key; BTreeMap keeps the fallback order deterministic.
    let mut map: BTreeMap<String, Term> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    if kind == Kind::Category
        && let Some(cats) = &config.categories
    {
        // The configured order, including categories with no open postings.
        for c in cats {
            order.push(c.key.clone());
            map.insert(c.key.clone(), term(kind, c.key.clone(), c.name.clone(), c.description.clone()));
        }
    }
    // First every term, then membership, so a remote posting can join a country term
    // that a later posting creates.
    if kind == Kind::Company {
        for c in companies {
            let key = c.key.clone().unwrap_or_else(|| slugify(&c.name));
            map.entry(key.clone()).or_insert_with(|| term(kind, key, c.name.clone(), c.description.clone()));
        }
    }
    // Each posting's terms, found once: open postings' keys are needed again for membership.
    let mut keys_open = Vec::with_capacity(open.len());
    for (i, p) in open.iter().chain(closed).enumerate() {
        let mut keys = Vec::new();
        for (key, name, description) in keys_of(kind, p) {
            if i < open.len() {
                keys.push(key.clone());
            }
            map.entry(key).or_insert_with_key(|key| term(kind, key.clone(), name, description));
        }
        if i < open.len() {
            keys_open.push(keys);
        }
    }
    for (i, (p, mut keys)) in open.iter().zip(keys_open).enumerate() {
        if kind == Kind::Location && p.location.remote {
            // A remote posting open to applicants in a country (directly or through a
            // region) is listed on that country's page too.
            for c in &p.location.countries {
                let k = c.code().to_ascii_lowercase();
                if map.contains_key(&k) && !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        for k in keys {
            if let Some(t) = map.get_mut(&k) {
                t.postings.push(i);
            }
        }
    }
    if kind == Kind::Location {
        // Country names in the site's language, once per build: pages, titles and feeds
        // show them; the key (the code) stays the URL.
        for t in map.values_mut().filter(|t| t.key != REMOTE) {
            t.name = config.strings.country(&t.key).to_string();
        }
    }
    let mut terms: Vec<Term> = order.iter().filter_map(|k| map.remove(k)).collect();
    let mut rest: Vec<Term> = map.into_values().collect();
    match kind {
        Kind::Type => rest.sort_by_key(|t| EmploymentType::ALL.iter().position(|e| e.key() == t.key)),
        Kind::Location => rest.sort_by_cached_key(|t| {
            (t.key != REMOTE, crate::i18n::countries::sort_key(&t.name), t.key.clone())
        }),
        _ => rest.sort_by(|a, b| {
            a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.key.cmp(&b.key))
        }),
    }
    terms.extend(rest);
    terms
}

/// The terms one posting belongs to, as (key, name, description).
fn keys_of(kind: Kind, p: &Posting) -> Vec<(String, String, Option<String>)> {
    match kind {
        Kind::Category => {
            vec![(p.category.key.clone(), p.category.name.clone(), p.category.description.clone())]
        }
        Kind::Type => {
            p.employment_types.iter().map(|t| (t.key().to_string(), t.label().to_string(), None)).collect()
        }
        Kind::Company => {
            let key = p.company.key.clone().unwrap_or_else(|| slugify(&p.company.name));
            vec![(key, p.company.name.clone(), p.company.description.clone())]
        }
        Kind::Location => {
            let mut keys = Vec::new();
            if p.location.remote {
                keys.push((REMOTE.to_string(), "Remote".to_string(), None));
            }
            // Countries named explicitly get a page; region expansions only join existing ones.
            let explicit = p.location.country_terms.iter().filter(|t| t.len() == 2);
            let places = p.location.places.iter().map(|pl| pl.country.code());
            for code in explicit.copied().chain(places) {
                if let Some(c) = crate::content::fields::country(code) {
                    let k = (c.code().to_ascii_lowercase(), c.name().to_string(), None);
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
            }
            keys
        }
    }
}
