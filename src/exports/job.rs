//! One posting as the exports see it: the structured fields of `/jobs.json`, also the
//! `_job` object of JSON Feed items. Built once per posting and shared by every format.

use crate::config::Config;
use crate::content::posting::Posting;
use crate::site::urls;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use std::borrow::Cow;

/// One open posting, in the shape `schemas/jobs.schema.json` describes.
#[derive(Serialize)]
pub struct Job<'a> {
    #[serde(flatten)]
    pub fields: Fields<'a>,
    /// Loaded for this `Job` and dropped with it ([`crate::content::body`]).
    pub description_html: Cow<'a, str>,
    pub description_text: Cow<'a, str>,
}

/// Everything but the description, which feed items already carry as their content.
#[derive(Serialize)]
pub struct Fields<'a> {
    pub id: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub title: &'a str,
    pub summary: &'a str,
    pub company: Company<'a>,
    pub category: Category<'a>,
    pub employment_types: Vec<&'static str>,
    pub location: Location<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub salary: Option<Salary<'a>>,
    /// RFC 3339: when the posting went live.
    pub posted: String,
    /// RFC 3339: the last second applications are open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closes: Option<String>,
    /// An https URL, or `mailto:` and an address.
    pub apply: String,
    pub direct_apply: bool,
    pub tags: &'a [std::sync::Arc<str>],
}

#[derive(Serialize)]
pub struct Company<'a> {
    pub name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<&'a str>,
}

#[derive(Serialize)]
pub struct Category<'a> {
    pub key: &'a str,
    pub name: &'a str,
}

#[derive(Serialize)]
pub struct Location<'a> {
    pub remote: bool,
    pub hybrid: bool,
    /// ISO 3166-1 alpha-2 codes remote applicants may live in (regions expanded).
    pub countries: Vec<&'a str>,
    pub places: Vec<Place<'a>>,
    /// "Remote (US, CA)", "Berlin, DE (hybrid)".
    pub label: String,
}

#[derive(Serialize)]
pub struct Place<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<&'a str>,
    pub country: &'a str,
}

#[derive(Serialize)]
pub struct Salary<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<serde_json::Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<serde_json::Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Number>,
    pub currency: &'a str,
    pub period: &'static str,
    /// "USD 120,000 – 150,000 per year".
    pub label: String,
}

impl<'a> Job<'a> {
    pub fn new(p: &'a Posting, config: &Config) -> Self {
        let (description_html, description_text) = p.body.load();
        Job { description_html, description_text, ..Job::without_description(p, config) }
    }

    /// The size of [`Job::new`] as JSON, without reading the posting's body.
    pub fn json_size(p: &Posting, config: &Config) -> serde_json::Result<usize> {
        Ok(serde_json::to_vec(&Job::without_description(p, config))?.len() + p.body.json_len)
    }

    /// The job with both descriptions empty.
    pub(super) fn without_description(p: &'a Posting, config: &Config) -> Self {
        let tz = &config.timezone;
        let fields = Fields {
            id: &p.id,
            slug: &p.slug,
            url: urls::posting(&p.slug).permalink(&config.base_url),
            title: &p.title,
            summary: &p.summary,
            company: Company {
                name: &p.company.name,
                url: p.company.url.as_deref(),
                logo: p.company.logo.as_deref(),
            },
            category: Category { key: &p.category.key, name: &p.category.name },
            employment_types: p.employment_types.iter().map(|t| t.key()).collect(),
            location: Location {
                remote: p.location.remote,
                hybrid: p.location.hybrid,
                countries: p.location.countries.iter().map(|c| c.code()).collect(),
                places: p
                    .location
                    .places
                    .iter()
                    .map(|pl| Place {
                        street: pl.street.as_deref(),
                        postal_code: pl.postal_code.as_deref(),
                        city: pl.city.as_deref(),
                        region: pl.region.as_deref(),
                        country: pl.country.code(),
                    })
                    .collect(),
                label: p.location.label(),
            },
            salary: p.salary.as_ref().map(|s| Salary {
                min: s.min.and_then(amount),
                max: s.max.and_then(amount),
                value: s.value.and_then(amount),
                currency: &s.currency,
                period: s.period.key(),
                label: s.label(),
            }),
            posted: rfc3339(p.posted_at, tz),
            closes: p.closes.map(|c| c.last_instant_iso(tz)),
            apply: p.apply.href(),
            direct_apply: p.direct_apply,
            tags: &p.tags,
        };
        Job { fields, description_html: Cow::Borrowed(""), description_text: Cow::Borrowed("") }
    }
}

/// Whole amounts as JSON integers (`120000`, not `120000.0`), others as decimals.
fn amount(v: f64) -> Option<serde_json::Number> {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        Some(serde_json::Number::from(v as i64))
    } else {
        serde_json::Number::from_f64(v)
    }
}

/// `2026-11-20T00:00:00+01:00`: an instant in the site's zone, as RFC 3339 wants it.
pub fn rfc3339(ts: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    ts.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Characters kept as they are in a tag URI's specific part (RFC 4151 allows more, but
/// these are enough to keep typical ids readable).
const TAG_SAFE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A posting's permanent entry id (RFC 4151 tag URI), for Atom and JSON Feed:
/// `tag:jobs.acme.org,2026-11-20:/careers/jobs/rust-engineer`. Built from the site's host
/// and path, the date first posted and the posting's `id`, never from its file name or
/// slug, so renaming a file (with `id:` set) keeps it.
pub fn entry_id(p: &Posting, config: &Config) -> String {
    let base = &config.base_url;
    let host = base.host_str().unwrap_or("localhost");
    let date = p.posted.date(&config.timezone);
    let id = utf8_percent_encode(&p.id, TAG_SAFE);
    format!("tag:{host},{date}:{}jobs/{id}", base.path())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_size_is_the_size_of_the_serialized_job() {
        let yaml = include_str!("../../tests/fixtures/minimal/config.yaml");
        let config = crate::config::parse(std::path::Path::new("config.yaml"), yaml, None).unwrap();
        let text = "---\ntitle: Quotes \"and\" more\ncompany: {name: Acme}\ncategory: engineering\n\
                    employment_type: full-time\nlocation: {remote: true, countries: [US]}\nposted: 2026-11-20\n\
                    apply: https://acme.example/apply\n---\nSay \"hi\" to <em>ünïcode</em>\\ and\ttabs.\n\n\
                    A second paragraph with [a link](/x/).\n";
        let cx = crate::content::posting::Context { config: &config, companies: &Default::default() };
        let (p, d) =
            crate::content::posting::parse(std::path::Path::new("content/jobs/q.md"), text.as_bytes(), &cx);
        let p = p.unwrap_or_else(|| panic!("{d:?}"));
        let full = serde_json::to_vec(&Job::new(&p, &config)).unwrap();
        let json = String::from_utf8_lossy(&full);
        assert!(json.contains(r#"\"and\""#) && json.contains(r#"\t"#), "escapes to count: {json}");
        assert_eq!(Job::json_size(&p, &config).unwrap(), full.len());
        assert_eq!(p.export_len, full.len(), "measured at parse");
    }

    #[test]
    fn whole_amounts_are_integers() {
        assert_eq!(amount(120000.0).unwrap().to_string(), "120000");
        assert_eq!(amount(17.5).unwrap().to_string(), "17.5");
    }

    #[test]
    fn rfc3339_uses_the_zone_offset() {
        let tz = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
        let ts: jiff::Timestamp = "2026-07-01T22:30:00Z".parse().unwrap();
        assert_eq!(rfc3339(ts, &tz), "2026-07-02T00:30:00+02:00");
        assert_eq!(rfc3339(ts, &jiff::tz::TimeZone::UTC), "2026-07-01T22:30:00+00:00");
    }

    #[test]
    fn tag_part_escapes_reserved_characters() {
        assert_eq!(utf8_percent_encode("req 42/ü", TAG_SAFE).to_string(), "req%2042%2F%C3%BC");
        assert_eq!(utf8_percent_encode("acme-2026_01.x~", TAG_SAFE).to_string(), "acme-2026_01.x~");
    }
}
