//! `config.yaml` → [`Config`], as strict as postings: unknown keys are errors.

use crate::content::company::{Company, absolute_http_url, parse_company};
use crate::dates::time_zone;
use crate::diagnostic::Diagnostic;
use crate::yaml::YamlDoc;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Arc;
use url::Url;

/// The config file's name in the site root.
pub const CONFIG_FILE: &str = "config.yaml";

/// Every key `config.yaml` may have.
pub const KEYS: &[&str] = &[
    "title",
    "base_url",
    "description",
    "language",
    "timezone",
    "organization",
    "categories",
    "theme",
    "paginate",
    "feed_limit",
    "expired",
    "markdown",
    "require_salary",
    "check",
    "extra",
];

/// What happens to a posting once its `closes` date has passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExpiredPolicy {
    /// Keep the page, with a closed banner, `noindex` and no JSON-LD.
    Notice,
    /// Drop the page altogether.
    Remove,
}

/// A category from the config's ordered `categories` list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// `markdown:` settings.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Raw HTML in posting bodies: sanitised (the default), escaped, or trusted.
    #[serde(default)]
    pub raw_html: crate::sanitize::RawHtml,
    /// Deprecated alias: `true` is `raw_html: trust`, `false` is `raw_html: escape`.
    #[serde(default, skip_serializing)]
    pub unsafe_html: Option<bool>,
}

/// `check:` thresholds for the editorial rules of `vacancy check`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct CheckConfig {
    /// Warn when a posting closes within this many days.
    pub closing_soon_days: i64,
    /// Warn when `salary.max` is more than this many times `salary.min`.
    pub max_salary_ratio: f64,
    /// Warn when a description has fewer words than this.
    pub min_words: usize,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig { closing_soon_days: 7, max_salary_ratio: 2.0, min_words: 80 }
    }
}

#[derive(Debug, Deserialize)]
struct RawConfig {
    title: String,
    base_url: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_timezone")]
    timezone: String,
    #[serde(default)]
    categories: Option<Vec<Category>>,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_paginate")]
    paginate: usize,
    #[serde(default)]
    feed_limit: Option<usize>,
    #[serde(default = "default_expired")]
    expired: ExpiredPolicy,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    require_salary: bool,
    #[serde(default)]
    check: CheckConfig,
    #[serde(default)]
    extra: serde_json::Map<String, serde_json::Value>,
}

fn default_language() -> String {
    "en".into()
}
fn default_timezone() -> String {
    "UTC".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_paginate() -> usize {
    20
}
fn default_expired() -> ExpiredPolicy {
    ExpiredPolicy::Notice
}

/// Validated site settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// Absolute, always ending in `/`.
    pub base_url: Url,
    pub description: String,
    pub language: String,
    pub timezone: jiff::tz::TimeZone,
    pub organization: Option<Arc<Company>>,
    pub categories: Option<Vec<Category>>,
    pub theme: String,
    pub paginate: usize,
    /// At most this many newest postings per RSS feed; `None`: all open postings.
    pub feed_limit: Option<usize>,
    pub expired: ExpiredPolicy,
    pub markdown: MarkdownConfig,
    pub require_salary: bool,
    pub check: CheckConfig,
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Warnings about the file itself (deprecated keys), reported with the content's.
    pub warnings: Vec<Diagnostic>,
}

impl Config {
    /// The base URL's path, e.g. `/` or `/careers/`: the prefix of every link.
    pub fn root_path(&self) -> &str {
        self.base_url.path()
    }

    /// Looks up a category from the config list, if there is one.
    pub fn category(&self, key: &str) -> Option<&Category> {
        self.categories.as_ref()?.iter().find(|c| c.key == key)
    }
}

/// Parses a base URL and makes sure it ends in `/`, so joins keep its path.
pub fn normalize_base_url(s: &str) -> Result<Url, String> {
    let mut url = absolute_http_url(s)?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("\"{s}\" must not have a query or fragment"));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// Parses `config.yaml` text. `base_url_override` is `--base-url`, which wins over the file.
pub fn parse(path: &Path, text: &str, base_url_override: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
    let doc = YamlDoc::new(path, text, 0);
    let mut out = Vec::new();
    let value = doc.parse().map_err(|d| vec![d])?;
    let Some(map) = value.as_mapping() else {
        return Err(vec![
            Diagnostic::error("invalid-type", path, "config must be a map of settings").at(1, 1),
        ]);
    };
    doc.check_keys(map, KEYS, "", &mut out);
    let mut value = value.clone();
    let org_value = value.as_mapping_mut().and_then(|m| m.remove("organization"));
    let raw: RawConfig = match doc.deserialize(value) {
        Ok(raw) => raw,
        Err(d) => {
            out.push(d);
            return Err(out);
        }
    };
    let base_url = match normalize_base_url(base_url_override.unwrap_or(&raw.base_url)) {
        Ok(u) => u,
        Err(e) => {
            out.push(doc.error("invalid-url", "base_url", e));
            Url::parse("https://invalid.example/").expect("static URL")
        }
    };
    let timezone = time_zone(&raw.timezone).unwrap_or_else(|e| {
        out.push(
            doc.error("unknown-time-zone", "timezone", e)
                .help("use an IANA name such as Europe/Berlin or America/New_York"),
        );
        jiff::tz::TimeZone::UTC
    });
    let organization = org_value
        .and_then(|v| parse_company(&doc, v, "organization", None, &base_url, &mut out))
        .map(Arc::new);
    if organization.as_ref().is_some_and(|o| crate::site::urls::slugify(&o.name).is_empty()) {
        out.push(doc.error("invalid-value", "organization.name", "the name needs letters or digits"));
    }
    if raw.paginate == 0 {
        out.push(doc.error("invalid-value", "paginate", "must be at least 1"));
    }
    if let Some(cats) = &raw.categories {
        for (i, c) in cats.iter().enumerate() {
            if cats[..i].iter().any(|o| o.key == c.key) {
                out.push(doc.error(
                    "duplicate-category",
                    &format!("categories[{i}].key"),
                    format!("category \"{}\" is listed twice", c.key),
                ));
            }
            if crate::site::urls::slugify(&c.key) != c.key {
                out.push(
                    doc.error(
                        "invalid-value",
                        &format!("categories[{i}].key"),
                        format!("\"{}\" is not a URL-safe key", c.key),
                    )
                    .help(format!(
                        "use lowercase letters, digits and dashes, e.g. \"{}\"",
                        crate::site::urls::slugify(&c.key)
                    )),
                );
            }
        }
    }
    if raw.title.trim().is_empty() {
        out.push(doc.error("missing-field", "title", "must not be empty"));
    }
    if !out.is_empty() {
        return Err(out);
    }
    let mut markdown = raw.markdown;
    let warnings = deprecated_unsafe_html(&doc, &mut markdown).into_iter().collect();
    Ok(Config {
        title: raw.title,
        base_url,
        description: raw.description,
        language: raw.language,
        timezone,
        organization,
        categories: raw.categories,
        theme: raw.theme,
        paginate: raw.paginate,
        feed_limit: raw.feed_limit,
        expired: raw.expired,
        markdown,
        require_salary: raw.require_salary,
        check: raw.check,
        extra: raw.extra,
        warnings,
    })
}

/// `markdown.unsafe_html` still works, as its `raw_html` equivalent, with a warning.
fn deprecated_unsafe_html(doc: &YamlDoc, markdown: &mut MarkdownConfig) -> Option<Diagnostic> {
    let old = markdown.unsafe_html.take()?;
    let new = if old { crate::sanitize::RawHtml::Trust } else { crate::sanitize::RawHtml::Escape };
    let written = if old { "trust" } else { "escape" };
    let raw_html_set = doc.value_pos("markdown.raw_html").is_some();
    if !raw_html_set {
        markdown.raw_html = new;
    }
    let d = Diagnostic::warning("deprecated", doc.path, "`markdown.unsafe_html` is deprecated")
        .field("markdown.unsafe_html")
        .at_opt(doc.key_pos("markdown.unsafe_html"));
    Some(if raw_html_set {
        d.help("remove it: `markdown.raw_html` is set and wins")
    } else {
        d.help(format!(
            "write `raw_html: {written}` instead (or drop it for the default, `sanitize`, which keeps safe HTML)"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Config, Vec<Diagnostic>> {
        parse(Path::new("config.yaml"), s, None)
    }

    #[test]
    fn fills_defaults_and_normalizes_base_url() {
        let c = parse_str("title: Jobs\nbase_url: https://example.com/careers\n").unwrap();
        assert_eq!(c.base_url.as_str(), "https://example.com/careers/");
        assert_eq!(c.root_path(), "/careers/");
        assert_eq!(c.paginate, 20);
        assert_eq!(c.expired, ExpiredPolicy::Notice);
        assert_eq!(c.markdown.raw_html, crate::sanitize::RawHtml::Sanitize);
        assert!(c.warnings.is_empty());
    }

    #[test]
    fn unsafe_html_is_a_deprecated_alias_with_a_located_warning() {
        let c = parse_str("title: J\nbase_url: https://e.com/\nmarkdown:\n  unsafe_html: true\n").unwrap();
        assert_eq!(c.markdown.raw_html, crate::sanitize::RawHtml::Trust);
        assert_eq!(
            c.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [
                "warning: config.yaml:4:3: markdown.unsafe_html: `markdown.unsafe_html` is deprecated\n  help: write `raw_html: trust` instead (or drop it for the default, `sanitize`, which keeps safe HTML)"
            ]
        );
        let c = parse_str("title: J\nbase_url: https://e.com/\nmarkdown: {raw_html: escape}\n").unwrap();
        assert_eq!(c.markdown.raw_html, crate::sanitize::RawHtml::Escape);
        assert!(parse_str("title: J\nbase_url: https://e.com/\nmarkdown: {raw_html: yes}\n").is_err());
    }

    #[test]
    fn rejects_unknown_keys_and_bad_values_together() {
        let errs = parse_str("title: Jobs\nbase_url: ftp://x\ntimezon: UTC\n").unwrap_err();
        let text: Vec<String> = errs.iter().map(|d| d.to_string()).collect();
        assert!(
            text.iter().any(|t| t.starts_with(
                "error: config.yaml:3:1: timezon: unknown field\n  help: did you mean `timezone`?"
            )),
            "{text:?}"
        );
        assert!(text.iter().any(|t| t.starts_with("error: config.yaml:2:11: base_url:")), "{text:?}");
    }

    #[test]
    fn resolves_organization_logo_against_base_url() {
        let c = parse_str(
            "title: J\nbase_url: https://e.com/jobs/\norganization: {name: Acme, logo: /img/a.svg}\n",
        )
        .unwrap();
        assert_eq!(c.organization.unwrap().logo.as_deref(), Some("https://e.com/jobs/img/a.svg"));
    }
}
