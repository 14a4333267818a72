//! One posting file → a validated [`Posting`], with every problem reported.

use super::body::Body;
use super::company::{Company, parse_company};
use super::fields::{
    Apply, Country, CountryEntry, EmploymentType, Period, Salary, country, country_entry, currency,
};
use super::front_matter::{SplitError, split};
use super::located::FrontMatter;
use super::regions;
use super::{lenient, markers};
use crate::config::Config;
use crate::dates::When;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::markdown;
use crate::site::urls::slugify;
use crate::yaml::YamlDoc;
use jiff::Timestamp;
use serde::Deserialize;
use serde_yaml::Value;
use sha2::Digest;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const POSTING_KEYS: &[&str] = &[
    "title",
    "summary",
    "company",
    "category",
    "employment_type",
    "location",
    "salary",
    "posted",
    "closes",
    "updated",
    "aliases",
    "apply",
    "direct_apply",
    "tags",
    "id",
    "slug",
    "draft",
    "extra",
];
const REQUIRED_KEYS: &[&str] = &["title", "category", "employment_type", "location", "posted", "apply"];
const LOCATION_KEYS: &[&str] = &["remote", "countries", "places", "hybrid"];
const PLACE_KEYS: &[&str] = &["city", "region", "country", "postal_code", "street"];
const SALARY_KEYS: &[&str] = &["min", "max", "value", "currency", "period"];

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// A string or number written where text is meant (`id: 2026014`, `posted: 2026-11-20`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Int(i64),
}

impl Scalar {
    fn text(&self) -> String {
        match self {
            Scalar::Text(s) => s.clone(),
            Scalar::Int(i) => i.to_string(),
        }
    }
}

/// A location's parts as written, each read on its own.
struct RawLocation {
    remote: bool,
    countries: Vec<String>,
    /// With their index in the file's list, as some may have failed to read.
    places: Vec<(usize, RawPlace)>,
    hybrid: bool,
}

#[derive(Debug, Deserialize)]
struct RawPlace {
    #[serde(default)]
    city: Option<String>,
    #[serde(default)]
    region: Option<String>,
    country: String,
    #[serde(default)]
    postal_code: Option<Scalar>,
    #[serde(default)]
    street: Option<String>,
}

/// A salary's parts as written, each read on its own.
struct RawSalary {
    min: Option<f64>,
    max: Option<f64>,
    value: Option<f64>,
    currency: Option<String>,
    period: Option<String>,
}

/// An on-site or hybrid workplace.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Place {
    pub city: Option<String>,
    pub region: Option<String>,
    pub country: Country,
    pub postal_code: Option<String>,
    pub street: Option<String>,
}

impl Place {
    /// "Berlin, DE".
    pub fn label(&self) -> String {
        match &self.city {
            Some(city) => format!("{city}, {}", self.country.code()),
            None => self.country.name().to_string(),
        }
    }
}

/// Where the work happens and who may apply.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Location {
    pub remote: bool,
    pub hybrid: bool,
    /// Countries applicants may live in (regions expanded), sorted by code.
    pub countries: Vec<Country>,
    /// The `countries` entries as written, normalised ("US", "EU", "worldwide"), for labels:
    /// each a code or a region name from the tables, never a copy of the text.
    #[serde(deserialize_with = "regions::deserialize_terms")]
    pub country_terms: Vec<&'static str>,
    pub places: Vec<Place>,
}

impl Location {
    /// "Remote (US, CA)", "Remote (Anywhere)", "Berlin, DE (hybrid)", "Berlin, DE · Paris, FR".
    pub fn label(&self) -> String {
        let mut parts = Vec::new();
        if self.remote {
            let terms = if self.country_terms.contains(&"worldwide") {
                "Anywhere".to_string()
            } else {
                self.country_terms.join(", ")
            };
            parts.push(format!("Remote ({terms})"));
        }
        if !self.places.is_empty() {
            let places: Vec<String> = self.places.iter().map(Place::label).collect();
            let mut s = places.join(" · ");
            if self.hybrid {
                s.push_str(" (hybrid)");
            }
            parts.push(s);
        }
        parts.join(" · ")
    }
}

/// A validated posting, ready to be assembled into a site.
#[derive(Debug, Clone)]
pub struct Posting {
    /// Path relative to the site root.
    pub source: PathBuf,
    pub slug: String,
    pub id: String,
    pub title: String,
    /// Plain text: the `summary`, or the start of the first paragraph.
    pub summary: String,
    pub company: Arc<Company>,
    /// Shared by the postings of the category ([`super::shared`]).
    pub category: Arc<CategoryRef>,
    pub employment_types: Vec<EmploymentType>,
    pub location: Location,
    pub salary: Option<Salary>,
    pub posted: When,
    pub closes: Option<When>,
    /// `updated:`, when the posting itself last changed in substance (sitemap `lastmod`).
    pub updated: Option<When>,
    /// When the file was last committed, with `sitemap: {lastmod: git}` (set by `content::load`).
    pub last_commit: Option<Timestamp>,
    /// Old paths that redirect here (`aliases:`), output-relative, e.g. `jobs/old-slug/`.
    pub aliases: Vec<crate::redirects::Alias>,
    /// SHA-256 of the file's bytes: the change manifest compares it between builds.
    pub digest: [u8; 32],
    /// When the posting goes live.
    pub posted_at: Timestamp,
    /// When it stops being open (end of the closing day), if it closes.
    pub closes_at: Option<Timestamp>,
    pub apply: Apply,
    pub direct_apply: bool,
    /// Shared by the postings with the same tag ([`super::shared`]).
    pub tags: Vec<Arc<str>>,
    pub draft: bool,
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Its HTML and text may be stored in a file rather than held ([`Body`]).
    pub body: Body,
    /// The bytes of its `/jobs.json` entry ([`crate::exports::job::Job::json_size`]),
    /// measured once at parse and kept by the posting cache, so splitting the export on a
    /// rebuild serializes nothing.
    pub export_len: usize,
    /// Where the front matter is, so later rules can point into the file.
    pub front_matter: FrontMatter,
}

impl Posting {
    /// True once `closes` has passed at `now`.
    pub fn is_expired(&self, now: Timestamp) -> bool {
        self.closes_at.is_some_and(|c| c <= now)
    }

    /// When the posting last changed, as sitemaps and the change manifest tell it: the
    /// last commit (`sitemap: {lastmod: git}`), else `updated:`, else `posted:`.
    pub fn lastmod_iso(&self, tz: &jiff::tz::TimeZone) -> String {
        match (self.last_commit, self.updated) {
            (Some(t), _) => When::Instant(t).iso(tz),
            (None, Some(u)) => u.iso(tz),
            (None, None) => self.posted.iso(tz),
        }
    }

    /// [`Posting::lastmod_iso`] as an instant, for feeds' `updated` (Atom): a date-only
    /// `updated:` is the start of that day in the site's zone, never before `posted`.
    pub fn lastmod_at(&self, tz: &jiff::tz::TimeZone) -> Timestamp {
        let changed = self.last_commit.or_else(|| self.updated.as_ref().map(|u| u.start(tz)));
        changed.map_or(self.posted_at, |t| t.max(self.posted_at))
    }

    /// The front matter as a locatable document, for rules that run after parsing: read
    /// again from the file for a posting loaded from one ([`FrontMatter::doc`]).
    pub fn doc(&self) -> YamlDoc<'_> {
        self.front_matter.doc(&self.source, &self.digest)
    }

    /// The same posting, its front matter read again from its file in the site folder
    /// `root` when needed instead of held ([`FrontMatter`]).
    pub fn front_matter_in(self, root: &Arc<Path>) -> Posting {
        Posting { front_matter: self.front_matter.in_file(root), ..self }
    }

    /// The file line where the body starts.
    pub fn body_line(&self) -> usize {
        self.front_matter.body_line()
    }
}

/// The posting's category, resolved against the config.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, Deserialize)]
pub struct CategoryRef {
    pub key: String,
    pub name: String,
    pub description: Option<String>,
}

/// What parsing a posting needs from the rest of the site.
pub struct Context<'a> {
    pub config: &'a Config,
    pub companies: &'a HashMap<String, Arc<Company>>,
}

/// Parses one posting file. Returns the posting when it has no errors, and every diagnostic.
pub fn parse(rel: &Path, bytes: &[u8], cx: &Context) -> (Option<Posting>, Vec<Diagnostic>) {
    let (posting, out) = parse_even_with_errors(rel, bytes, cx);
    (posting.filter(|_| !crate::diagnostic::has_errors(&out)), out)
}

/// Like [`parse`], but also returns a posting whose errors left every required field
/// usable (a bad salary, a placeholder): `check` still runs its editorial rules on it, so
/// one run shows a file's warnings along with its errors.
pub fn parse_even_with_errors(rel: &Path, bytes: &[u8], cx: &Context) -> (Option<Posting>, Vec<Diagnostic>) {
    parse_with_bodies(rel, bytes, cx, None)
}

/// Like [`parse_even_with_errors`], taking the rendered body from `bodies` when it holds
/// this body ([`super::cache`]).
pub fn parse_with_bodies(
    rel: &Path,
    bytes: &[u8],
    cx: &Context,
    bodies: Option<&super::cache::Bodies>,
) -> (Option<Posting>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let text = match super::encoding::decode(rel, bytes) {
        Ok(t) => t,
        Err(d) => return (None, vec![d]),
    };
    let parts = match split(text) {
        Ok(p) => p,
        Err(SplitError::Missing) => {
            out.push(
                Diagnostic::error("front-matter", rel, "missing front matter")
                    .at(1, 1)
                    .help("a posting starts with a `---` line, then YAML fields, then another `---` line"),
            );
            return (None, out);
        }
        Err(SplitError::Unclosed) => {
            out.push(
                Diagnostic::error("front-matter", rel, "front matter is not closed")
                    .at(1, 1)
                    .help("add a `---` line after the last field"),
            );
            return (None, out);
        }
    };
    let doc = YamlDoc::new(rel, parts.yaml, parts.yaml_offset);
    // Bound the work before the YAML parser and Markdown renderer see the text.
    out.extend(super::limits::front_matter(rel, parts.yaml, parts.yaml_offset + 1));
    out.extend(super::limits::body(rel, parts.body, doc.body_line()));
    if crate::diagnostic::has_errors(&out) {
        return (None, out);
    }
    let posting = validate(&doc, parts.body, cx, bodies, &mut out).map(|p| {
        let mut p = Posting { digest: sha2::Sha256::digest(bytes).into(), ..p };
        // Serializing these fields cannot fail: they hold no map with non-string keys.
        p.export_len = crate::exports::job::Job::json_size(&p, cx.config).unwrap_or_default();
        p
    });
    (posting, out)
}

/// The raw value of `key`, for fields that are checked piece by piece (company, location, salary).
fn take_value(map: &mut serde_yaml::Mapping, key: &str) -> Option<Value> {
    map.remove(key).filter(|v| !v.is_null())
}

fn validate(
    doc: &YamlDoc,
    body: &str,
    cx: &Context,
    bodies: Option<&super::cache::Bodies>,
    out: &mut Vec<Diagnostic>,
) -> Option<Posting> {
    let body_text = body;
    let value = match doc.parse() {
        Ok(v) => v,
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    let mut map = match value {
        Value::Mapping(m) => m,
        Value::Null => serde_yaml::Mapping::new(),
        _ => {
            out.push(
                Diagnostic::error("invalid-type", doc.path, "front matter must be a map of fields")
                    .at(doc.line_offset + 1, 1),
            );
            return None;
        }
    };
    doc.check_keys(&map, POSTING_KEYS, "", out);
    // Each field is read and checked on its own: a missing title or a misspelt key must
    // not hide a bad country or salary further down.
    for key in REQUIRED_KEYS {
        if map.get(*key).is_none_or(Value::is_null) {
            out.push(
                Diagnostic::error("missing-field", doc.path, "missing required field")
                    .field(*key)
                    .at(doc.line_offset, 1)
                    .help(required_help(key)),
            );
        }
    }
    let title: Option<String> = lenient::take(doc, &mut map, "", "title", out);
    let category_name: Option<String> = lenient::take(doc, &mut map, "", "category", out);
    let employment_type: Option<OneOrMany> = lenient::take(doc, &mut map, "", "employment_type", out);
    let location_value = take_value(&mut map, "location");
    let posted_raw: Option<Scalar> = lenient::take(doc, &mut map, "", "posted", out);
    let apply_raw: Option<String> = lenient::take(doc, &mut map, "", "apply", out);
    let summary: Option<String> = lenient::take(doc, &mut map, "", "summary", out);
    let closes_raw: Option<Scalar> = lenient::take(doc, &mut map, "", "closes", out);
    let updated_raw: Option<Scalar> = lenient::take(doc, &mut map, "", "updated", out);
    let raw_aliases: Vec<String> = lenient::take_list(doc, &mut map, "", "aliases", out);
    let direct_apply: bool = lenient::take(doc, &mut map, "", "direct_apply", out).unwrap_or_default();
    let raw_tags: Vec<String> = lenient::take_list(doc, &mut map, "", "tags", out);
    let raw_id: Option<Scalar> = lenient::take(doc, &mut map, "", "id", out);
    let raw_slug: Option<String> = lenient::take(doc, &mut map, "", "slug", out);
    let draft: bool = lenient::take(doc, &mut map, "", "draft", out).unwrap_or_default();
    let extra: serde_json::Map<String, serde_json::Value> =
        lenient::take(doc, &mut map, "", "extra", out).unwrap_or_default();
    if !draft {
        out.extend(markers::find(doc, body));
    }
    let company_value = take_value(&mut map, "company");
    let salary_value = take_value(&mut map, "salary");
    let tz = &cx.config.timezone;

    let title = title.map(|t| t.trim().to_string());
    if title.as_deref() == Some("") {
        out.push(doc.error("missing-field", "title", "must not be empty"));
    }
    let company = resolve_company(doc, company_value, cx, out);
    let category = category_name.and_then(|name| resolve_category(doc, &name, cx.config, out));
    let employment_types = employment_type.map(|t| parse_employment_types(doc, t, out)).unwrap_or_default();
    let location = location_value.and_then(|v| parse_location(doc, v, out));
    let salary = salary_value.and_then(|v| parse_salary(doc, v, out));
    let posted = posted_raw.and_then(|p| {
        When::parse(&p.text()).map_err(|e| out.push(doc.error("invalid-date", "posted", e))).ok()
    });
    let closes = closes_raw.as_ref().and_then(|c| {
        When::parse(&c.text()).map_err(|e| out.push(doc.error("invalid-date", "closes", e))).ok()
    });
    if let (Some(p), Some(c)) = (posted, closes)
        && c.end(tz) <= p.start(tz)
    {
        out.push(
            doc.error(
                "closes-before-posted",
                "closes",
                format!("closes ({}) is before posted ({})", c.iso(tz), p.iso(tz)),
            )
            .help("a posting must close after the day it was posted"),
        );
    }
    let updated = updated_raw.as_ref().and_then(|u| {
        When::parse(&u.text()).map_err(|e| out.push(doc.error("invalid-date", "updated", e))).ok()
    });
    if let (Some(p), Some(u)) = (posted, updated)
        && u.end(tz) <= p.start(tz)
    {
        out.push(
            doc.error(
                "updated-before-posted",
                "updated",
                format!("updated ({}) is before posted ({})", u.iso(tz), p.iso(tz)),
            )
            .help("`updated:` is the day the posting last changed, on or after `posted:`"),
        );
    }
    let aliases = crate::redirects::parse_aliases(doc, &raw_aliases, out);
    let apply = apply_raw.and_then(|a| parse_apply(doc, &a, out));
    let file_stem = doc.path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let slug = match &raw_slug {
        Some(s) if slugify(s) != *s || s.is_empty() => {
            out.push(
                doc.error("invalid-slug", "slug", format!("\"{s}\" is not a URL-safe slug"))
                    .help(format!("use lowercase letters, digits and dashes, e.g. \"{}\"", slugify(s))),
            );
            slugify(s)
        }
        Some(s) => s.clone(),
        None if slugify(&file_stem).is_empty() => {
            out.push(
                Diagnostic::error("invalid-slug", doc.path, "the file name gives an empty slug")
                    .at(1, 1)
                    .help("rename the file with letters or digits, or set `slug:`"),
            );
            String::new()
        }
        None => slugify(&file_stem),
    };
    let id = raw_id.as_ref().map(Scalar::text).unwrap_or_else(|| slug.clone());
    let mut tags: Vec<Arc<str>> =
        raw_tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).map(Arc::from).collect();
    tags.shrink_to_fit();

    let (body, stored) = match bodies {
        Some(cache) => cache.render(body),
        None => (markdown::render(body, cx.config.markdown.raw_html), None),
    };
    out.extend(crate::sanitize::warnings(doc.path, body_text, doc.body_line(), &body.removed));
    if body.words == 0 {
        // Google requires a description; an empty page is never what was meant.
        out.push(
            Diagnostic::error("empty-description", doc.path, "the posting has no description")
                .at(doc.body_line(), 1)
                .help("write the job description in Markdown after the closing `---`"),
        );
    }
    let summary = match summary.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => markdown::truncate(&body.first_paragraph, 200),
    };
    let body = match stored {
        Some(stored) => Body::stored(body, stored),
        None => Body::in_memory(body),
    };

    let (title, company, category, location, posted, apply) =
        (title?, company?, category?, location?, posted?, apply?);
    if employment_types.is_empty() {
        return None;
    }
    Some(Posting {
        source: doc.path.to_path_buf(),
        slug,
        id,
        title,
        summary,
        company,
        category,
        employment_types,
        location,
        salary,
        posted_at: posted.start(tz),
        closes_at: closes.map(|c| c.end(tz)),
        posted,
        closes,
        updated,
        last_commit: None,
        aliases,
        digest: [0; 32],
        apply,
        direct_apply,
        tags,
        draft,
        extra,
        body,
        export_len: 0,
        front_matter: FrontMatter::held(&doc.text, doc.line_offset),
    })
}

/// An https link or an e-mail address; a plain http link still works, so it is a warning.
fn parse_apply(doc: &YamlDoc, raw: &str, out: &mut Vec<Diagnostic>) -> Option<Apply> {
    match Apply::parse(raw) {
        Ok(apply) => {
            if apply.is_insecure() {
                out.push(
                    doc.warning("insecure-apply", "apply", format!("\"{}\" uses http, not https", raw.trim()))
                        .help("candidates send personal data through this link: use its https address if the site has one"),
                );
            }
            Some(apply)
        }
        Err(e) => {
            out.push(doc.error("invalid-apply", "apply", e).help(
                "use an https URL (`apply: https://jobs.example.org/123`) or an e-mail address (`apply: jobs@example.org`)",
            ));
            None
        }
    }
}

fn required_help(key: &str) -> &'static str {
    match key {
        "title" => "add e.g. `title: Senior Rust Engineer`",
        "category" => "add e.g. `category: engineering`",
        "employment_type" => "add e.g. `employment_type: full-time`",
        "location" => {
            "add `location: {remote: true, countries: [US]}` or `location: {places: [{city: Berlin, country: DE}]}`"
        }
        "posted" => "add the publication date, e.g. `posted: 2026-11-20`",
        _ => "add an https URL or an e-mail address, e.g. `apply: jobs@example.com`",
    }
}

fn resolve_company(
    doc: &YamlDoc,
    value: Option<Value>,
    cx: &Context,
    out: &mut Vec<Diagnostic>,
) -> Option<Arc<Company>> {
    match value {
        None => match &cx.config.organization {
            Some(org) => Some(org.clone()),
            None => {
                out.push(
                    Diagnostic::error("missing-field", doc.path, "missing required field")
                        .field("company")
                        .at(doc.line_offset, 1)
                        .help("name a company file (`company: acme` for content/companies/acme.yaml), write `company: {name: ..., url: ...}`, or set `organization` in config.yaml"),
                );
                None
            }
        },
        Some(Value::String(key)) => match cx.companies.get(&key) {
            Some(c) => Some(c.clone()),
            None => {
                let mut keys: Vec<&str> = cx.companies.keys().map(String::as_str).collect();
                keys.sort_unstable();
                let help = match did_you_mean(&key, keys.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None if keys.is_empty() => "there are no files in content/companies/".to_string(),
                    None => format!("known companies: {}", keys.join(", ")),
                };
                out.push(
                    doc.error("unknown-company", "company", format!("unknown company \"{key}\"")).help(help),
                );
                None
            }
        },
        // An inline company has no file key; its page key is its name's slug, which must
        // not be empty or another company's (their pages would overwrite each other).
        Some(v) => {
            let company = parse_company(doc, v, "company", None, &cx.config.base_url, out)?;
            let key = slugify(&company.name);
            if key.is_empty() {
                out.push(
                    doc.error("invalid-value", "company.name", "the company name needs letters or digits")
                        .help("its page is /companies/<name as a slug>/"),
                );
                return None;
            }
            if let Some(file) = cx.companies.get(&key) {
                out.push(
                    doc.error(
                        "duplicate-company",
                        "company.name",
                        format!(
                            "\"{}\" has the same key as content/companies/{key}.yaml ({})",
                            company.name, file.name
                        ),
                    )
                    .help(format!("use `company: {key}` for that company, or another name")),
                );
                return None;
            }
            Some(Arc::new(company))
        }
    }
}

fn resolve_category(
    doc: &YamlDoc,
    name: &str,
    config: &Config,
    out: &mut Vec<Diagnostic>,
) -> Option<Arc<CategoryRef>> {
    match &config.categories {
        Some(list) => match config.category(name.trim()) {
            Some(c) => Some(Arc::new(CategoryRef {
                key: c.key.clone(),
                name: c.name.clone(),
                description: c.description.clone(),
            })),
            None => {
                let keys: Vec<&str> = list.iter().map(|c| c.key.as_str()).collect();
                let help = match did_you_mean(name, keys.iter().copied()) {
                    Some(s) => {
                        format!("did you mean `{s}`? (categories are listed in config.yaml)")
                    }
                    None => format!("accepted values: {}", keys.join(", ")),
                };
                out.push(
                    doc.error("unknown-category", "category", format!("unknown category \"{name}\""))
                        .help(help),
                );
                None
            }
        },
        None if slugify(name).is_empty() => {
            out.push(doc.error("missing-field", "category", "must not be empty"));
            None
        }
        None => Some(Arc::new(CategoryRef {
            key: slugify(name),
            name: name.trim().to_string(),
            description: None,
        })),
    }
}

fn parse_employment_types(doc: &YamlDoc, raw: OneOrMany, out: &mut Vec<Diagnostic>) -> Vec<EmploymentType> {
    let (values, listed) = match raw {
        OneOrMany::One(s) => (vec![s], false),
        OneOrMany::Many(v) => (v, true),
    };
    let accepted: Vec<&str> = EmploymentType::ALL.iter().map(|t| t.key()).collect();
    let mut types = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match EmploymentType::parse(v) {
            Some(t) if !types.contains(&t) => types.push(t),
            Some(_) => {}
            None => {
                let field =
                    if listed { format!("employment_type[{i}]") } else { "employment_type".to_string() };
                let help = match did_you_mean(v, accepted.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`? accepted values: {}", accepted.join(", ")),
                    None => format!("accepted values: {}", accepted.join(", ")),
                };
                out.push(doc.error("unknown-value", &field, format!("unknown value \"{v}\"")).help(help));
            }
        }
    }
    if values.is_empty() {
        out.push(doc.error("missing-field", "employment_type", "list at least one employment type"));
    }
    types
}

fn parse_location(doc: &YamlDoc, value: Value, out: &mut Vec<Diagnostic>) -> Option<Location> {
    let before = out.len();
    let Value::Mapping(mut map) = value else {
        out.push(doc.error(
            "invalid-type",
            "location",
            "expected a map with `remote`/`countries` or `places`",
        ));
        return None;
    };
    // `countries: worldwide` and a single place map read as lists of one.
    for key in ["countries", "places"] {
        if let Some(v) = map.get_mut(key) {
            *v = lenient::one_or_many(std::mem::take(v));
        }
    }
    doc.check_keys(&map, LOCATION_KEYS, "location.", out);
    if let Some(Value::Sequence(places)) = map.get("places") {
        for (i, p) in places.iter().enumerate() {
            if let Some(pm) = p.as_mapping() {
                doc.check_keys(pm, PLACE_KEYS, &format!("location.places[{i}]."), out);
            }
        }
    }
    // Each part on its own, and each place: one mistyped value hides no other problem.
    let place_values: Vec<Value> = lenient::take_list(doc, &mut map, "location.", "places", out);
    let raw = RawLocation {
        remote: lenient::take(doc, &mut map, "location.", "remote", out).unwrap_or_default(),
        countries: lenient::take_list(doc, &mut map, "location.", "countries", out),
        places: place_values
            .into_iter()
            .enumerate()
            .filter_map(|(i, v)| {
                doc.deserialize_at::<RawPlace>(v, &format!("location.places[{i}]"))
                    .map_err(|d| out.push(d))
                    .ok()
                    .map(|p| (i, p))
            })
            .collect(),
        hybrid: lenient::take(doc, &mut map, "location.", "hybrid", out).unwrap_or_default(),
    };
    let mut countries: Vec<Country> = Vec::new();
    let mut terms = Vec::new();
    for (i, c) in raw.countries.iter().enumerate() {
        match country_entry(c) {
            Some(CountryEntry::Country(country)) => {
                terms.push(country.code());
                countries.push(country);
            }
            Some(CountryEntry::Region(codes)) => {
                terms.extend(regions::canonical(c.trim()));
                countries.extend(codes.iter().filter_map(|code| country(code)));
            }
            None => out.push(
                doc.error(
                    "unknown-country",
                    &format!("location.countries[{i}]"),
                    format!("unknown country code \"{c}\""),
                )
                .help(format!(
                    "use ISO 3166-1 alpha-2 codes such as US, DE, GB, or a region: {}",
                    regions::REGION_NAMES.join(", ")
                )),
            ),
        }
    }
    // By code: a country is its place in the sorted code table.
    countries.sort();
    countries.dedup();
    let mut places = Vec::new();
    for (i, p) in raw.places {
        match country(&p.country) {
            Some(c) => places.push(Place {
                city: p.city.filter(|s| !s.trim().is_empty()),
                region: p.region.filter(|s| !s.trim().is_empty()),
                country: c,
                postal_code: p.postal_code.map(|s| s.text()),
                street: p.street,
            }),
            None => out.push(
                doc.error(
                    "unknown-country",
                    &format!("location.places[{i}].country"),
                    format!("unknown country code \"{}\"", p.country),
                )
                .help("use an ISO 3166-1 alpha-2 code such as US, DE or GB"),
            ),
        }
    }
    if out.len() > before {
        return None;
    }
    if raw.remote && countries.is_empty() {
        out.push(
            doc.error("no-location", "location", "a remote posting needs `countries` applicants may live in")
                .help("Google requires it: e.g. `countries: [US, CA]`, a region such as EU, or `worldwide`"),
        );
        return None;
    }
    if !raw.remote && places.is_empty() {
        out.push(
            doc.error("no-location", "location", "no location: neither remote countries nor a place")
                .help("add `remote: true` with `countries: [...]`, or `places: [{city: ..., country: ...}]`"),
        );
        return None;
    }
    if raw.hybrid && places.is_empty() {
        out.push(doc.error("no-location", "location.hybrid", "a hybrid posting needs `places` to work from"));
        return None;
    }
    // Held for the whole build: no room to grow (a region's countries came in by the dozen).
    countries.shrink_to_fit();
    terms.shrink_to_fit();
    places.shrink_to_fit();
    Some(Location { remote: raw.remote, hybrid: raw.hybrid, countries, country_terms: terms, places })
}

fn parse_salary(doc: &YamlDoc, value: Value, out: &mut Vec<Diagnostic>) -> Option<Salary> {
    let before = out.len();
    let Value::Mapping(mut map) = value else {
        out.push(doc.error("invalid-type", "salary", "expected a map: {min, max, currency, period}"));
        return None;
    };
    doc.check_keys(&map, SALARY_KEYS, "salary.", out);
    for key in ["currency", "period"] {
        if map.get(key).is_none_or(Value::is_null) {
            out.push(
                doc.error("missing-field", &format!("salary.{key}"), "missing required field")
                    .help("e.g. `salary: {min: 120000, max: 150000, currency: USD, period: year}`"),
            );
        }
    }
    // Each part on its own, so a mistyped amount does not hide an unknown currency.
    let amount = |map: &mut serde_yaml::Mapping, key: &str, out: &mut Vec<Diagnostic>| -> Option<f64> {
        lenient::take(doc, map, "salary.", key, out)
    };
    let before_amounts = out.len();
    let (min, max, value) =
        (amount(&mut map, "min", out), amount(&mut map, "max", out), amount(&mut map, "value", out));
    let amounts_ok = out.len() == before_amounts;
    let raw = RawSalary {
        min,
        max,
        value,
        currency: lenient::take(doc, &mut map, "salary.", "currency", out),
        period: lenient::take(doc, &mut map, "salary.", "period", out),
    };
    let currency = raw.currency.as_deref().and_then(|c| {
        let found = currency(c);
        if found.is_none() {
            out.push(
                doc.error("unknown-currency", "salary.currency", format!("unknown currency \"{c}\""))
                    .help("use an ISO 4217 code such as USD, EUR, GBP"),
            );
        }
        found
    });
    let period = raw.period.as_deref().and_then(|p| {
        let found = Period::parse(p);
        if found.is_none() {
            out.push(
                doc.error("unknown-value", "salary.period", format!("unknown value \"{p}\""))
                    .help(format!("accepted values: {}", Period::NAMES.join(", "))),
            );
        }
        found
    });
    for (name, v) in [("min", raw.min), ("max", raw.max), ("value", raw.value)] {
        if let Some(v) = v
            && (v < 0.0 || !v.is_finite())
        {
            out.push(doc.error("invalid-salary", &format!("salary.{name}"), "must not be negative"));
        }
    }
    match (raw.value, raw.min, raw.max) {
        // An amount of the wrong type is reported already; its absence here means nothing.
        _ if !amounts_ok => {}
        (Some(_), None, None) => {}
        (Some(_), _, _) => out.push(doc.error(
            "invalid-salary",
            "salary.value",
            "give either `value` or `min`/`max`, not both",
        )),
        (None, None, None) => out.push(
            doc.error("invalid-salary", "salary", "a salary needs `min` and `max`, or `value`")
                .help("e.g. `salary: {min: 120000, max: 150000, currency: USD, period: year}`"),
        ),
        (None, Some(min), Some(max)) if min > max => out.push(
            doc.error("invalid-salary", "salary.min", format!("min ({min}) is greater than max ({max})"))
                .help("swap the two values: `min` is the lowest pay offered, `max` the highest"),
        ),
        _ => {}
    }
    if out.len() > before {
        return None;
    }
    Some(Salary { min: raw.min, max: raw.max, value: raw.value, currency: currency?, period: period? })
}
