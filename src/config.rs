//! `config.yaml` → [`Config`], as strict as postings: unknown keys are errors.

pub mod accent;

use crate::content::company::{Company, absolute_http_url, parse_company};
use crate::content::lenient::take;
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
    "search",
    "sitemap",
    "indexnow",
    "syndication",
    "theme_options",
    "translations",
    "extra",
];

/// `search:` in `config.yaml`: what the build emits for searching and filtering postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchMode {
    /// The compact search index plus the search and filter UI (the default).
    #[default]
    On,
    /// `full`: the compact index plus a Pagefind full-text index over whole descriptions
    /// (see [`crate::search::fulltext`]; needs the `fulltext` cargo feature).
    Full,
    /// `false`: no index, no search assets, no search UI; tags are plain text.
    Off,
}

impl SearchMode {
    /// Whether the build emits the index and the theme shows the search UI.
    pub fn enabled(self) -> bool {
        self != SearchMode::Off
    }
}

/// `search:` as written: `true`, `false` or a word (only `full` is valid).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawSearch {
    Flag(bool),
    Word(String),
}

/// Keys of `theme_options:`, settings the default theme reads.
pub const THEME_OPTION_KEYS: &[&str] = &["accent", "accent_dark"];

#[derive(Debug, Default, Deserialize)]
struct RawThemeOptions {
    #[serde(default)]
    accent: Option<String>,
    #[serde(default)]
    accent_dark: Option<String>,
}

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

/// Keys of `markdown:`; `unsafe_html` is the deprecated alias of `raw_html`.
pub const MARKDOWN_KEYS: &[&str] = &["raw_html", "unsafe_html"];

/// `markdown:` settings.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MarkdownConfig {
    /// Raw HTML in posting and page bodies: sanitised (the default), escaped, or trusted.
    pub raw_html: crate::sanitize::RawHtml,
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
    /// Apply links on reserved example domains (example.com, `*.example`) are fine: a
    /// demo site. Off by default, so a site still applying on `init`'s examples warns.
    pub allow_example_domains: bool,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            closing_soon_days: 7,
            max_salary_ratio: 2.0,
            min_words: 80,
            allow_example_domains: false,
        }
    }
}

/// Where a posting's `lastmod` (sitemap, change manifest) comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LastmodSource {
    /// `updated:`, else `posted:`.
    #[default]
    Date,
    /// The last commit that touched the posting's file (needs the full git history).
    Git,
}

/// `sitemap:` settings.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SitemapConfig {
    pub lastmod: LastmodSource,
}

/// `indexnow:` settings for `vacancy ping --indexnow`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct IndexNowConfig {
    /// The key the build publishes as `<key>.txt`; `VACANCY_INDEXNOW_KEY` overrides it.
    pub key: Option<String>,
}

/// `syndication:` switches for the machine-readable exports (see `crate::exports`), social
/// cards and embedding (`crate::social_cards`, `crate::embed`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SyndicationConfig {
    /// `/jobs.json`: every open posting with its full fields.
    pub jobs_json: bool,
    /// Above this many bytes, `/jobs.json` becomes an index of `/jobs-N.json` pages.
    pub jobs_json_max_bytes: usize,
    /// JSON Feed 1.1: `/feed.json` and one beside each category's RSS feed.
    pub json_feed: bool,
    /// Atom 1.0: `/atom.xml`.
    pub atom: bool,
    /// Indeed-style XML: `/jobs-indeed.xml`.
    pub indeed: bool,
    /// One PNG per posting for `og:image`; off by default, as drawing costs build time.
    pub social_cards: bool,
    /// `/embed.js`, its small JSON files and the `/embed/` pages for iframes.
    pub embed: bool,
}

impl Default for SyndicationConfig {
    fn default() -> Self {
        SyndicationConfig {
            jobs_json: true,
            jobs_json_max_bytes: 5_000_000,
            json_feed: true,
            atom: true,
            indeed: true,
            social_cards: false,
            embed: true,
        }
    }
}

/// The settings as written, each read on its own (defaults filled in).
struct RawConfig {
    title: String,
    description: String,
    language: String,
    timezone: String,
    categories: Option<Vec<Category>>,
    theme: String,
    paginate: usize,
    feed_limit: Option<usize>,
    expired: ExpiredPolicy,
    markdown: MarkdownConfig,
    require_salary: bool,
    check: CheckConfig,
    search: Option<RawSearch>,
    sitemap: SitemapConfig,
    indexnow: IndexNowConfig,
    syndication: SyndicationConfig,
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
/// Newest postings per RSS feed unless `feed_limit` says otherwise: what a reader polls
/// for, while the complete set belongs in the syndication exports. Keeps feeds a small
/// share of a large board's output.
pub const DEFAULT_FEED_LIMIT: usize = 50;
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
    /// At most this many newest postings per RSS feed.
    pub feed_limit: usize,
    pub expired: ExpiredPolicy,
    pub markdown: MarkdownConfig,
    pub require_salary: bool,
    pub check: CheckConfig,
    pub search: SearchMode,
    pub sitemap: SitemapConfig,
    pub indexnow: IndexNowConfig,
    pub syndication: SyndicationConfig,
    /// `theme_options.accent` (and `accent_dark`): the theme's link and button colour.
    pub accent: Option<accent::Accent>,
    /// Problems that do not stop a build (an accent colour with too little contrast);
    /// `build` and `check` report them with the content's.
    pub warnings: Vec<Diagnostic>,
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The theme's strings in `language`, with `translations:` applied (see [`crate::i18n`]).
    pub strings: Arc<crate::i18n::Strings>,
    /// The file's text, so rules that run later can point into it.
    pub source: Arc<str>,
}

impl Config {
    /// The base URL's path, e.g. `/` or `/careers/`: the prefix of every link.
    pub fn root_path(&self) -> &str {
        self.base_url.path()
    }

    /// The file as a locatable document, for rules that run after parsing.
    pub fn doc(&self) -> YamlDoc<'_> {
        YamlDoc::new(Path::new(CONFIG_FILE), &self.source, 0)
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
    match parse_partial(path, text, base_url_override) {
        (Some(config), out) if out.is_empty() => Ok(config),
        (_, out) => Err(out),
    }
}

/// Like [`parse`], but a file with errors still gives a config, with defaults in place
/// of the bad settings, whenever it is a readable map: the build reads the postings with
/// it, so one run reports the config's mistakes and the postings' together.
pub fn parse_partial(
    path: &Path,
    text: &str,
    base_url_override: Option<&str>,
) -> (Option<Config>, Vec<Diagnostic>) {
    let doc = YamlDoc::new(path, text, 0);
    let mut out = Vec::new();
    let value = match doc.parse() {
        Ok(v) => v,
        Err(d) => return (None, vec![d]),
    };
    let Some(map) = value.as_mapping() else {
        return (
            None,
            vec![Diagnostic::error("invalid-type", path, "config must be a map of settings").at(1, 1)],
        );
    };
    doc.check_keys(map, KEYS, "", &mut out);
    let mut map = map.clone();
    let org_value = map.remove("organization").filter(|v| !v.is_null());
    let theme_options = map.remove("theme_options");
    let markdown = map.remove("markdown");
    let translations = map
        .remove("translations")
        .map(|v| crate::i18n::parse_overrides(&doc, v, &mut out))
        .unwrap_or_default();
    let mut warnings = Vec::new();
    let accent = theme_options.and_then(|v| parse_theme_options(&doc, v, &mut out, &mut warnings));
    // Each setting on its own, so one wrong type does not hide the rest of the file's
    // problems (nor the postings', which are only read with a usable config).
    let required = |map: &mut serde_yaml::Mapping, key: &str, help: &str, out: &mut Vec<Diagnostic>| {
        if map.get(key).is_none_or(serde_yaml::Value::is_null) {
            out.push(
                Diagnostic::error("missing-field", path, "missing required field")
                    .field(key)
                    .at(1, 1)
                    .help(help),
            );
        }
        take::<String>(&doc, map, "", key, out)
    };
    let title = required(&mut map, "title", "add e.g. `title: Acme Careers`", &mut out);
    let base_url = match base_url_override {
        Some(_) => take::<String>(&doc, &mut map, "", "base_url", &mut out),
        None => required(
            &mut map,
            "base_url",
            "add the URL the site is published at, e.g. `base_url: https://jobs.acme.org/`",
            &mut out,
        ),
    };
    let raw = RawConfig {
        title: title.clone().unwrap_or_default(),
        description: take(&doc, &mut map, "", "description", &mut out).unwrap_or_default(),
        language: take(&doc, &mut map, "", "language", &mut out).unwrap_or_else(default_language),
        timezone: take(&doc, &mut map, "", "timezone", &mut out).unwrap_or_else(default_timezone),
        categories: take(&doc, &mut map, "", "categories", &mut out),
        theme: take(&doc, &mut map, "", "theme", &mut out).unwrap_or_else(default_theme),
        paginate: take(&doc, &mut map, "", "paginate", &mut out).unwrap_or_else(default_paginate),
        feed_limit: take(&doc, &mut map, "", "feed_limit", &mut out),
        expired: take(&doc, &mut map, "", "expired", &mut out).unwrap_or_else(default_expired),
        markdown: parse_markdown(&doc, markdown, &mut out, &mut warnings),
        require_salary: take(&doc, &mut map, "", "require_salary", &mut out).unwrap_or_default(),
        check: take(&doc, &mut map, "", "check", &mut out).unwrap_or_default(),
        search: take(&doc, &mut map, "", "search", &mut out),
        sitemap: take(&doc, &mut map, "", "sitemap", &mut out).unwrap_or_default(),
        indexnow: take(&doc, &mut map, "", "indexnow", &mut out).unwrap_or_default(),
        syndication: take(&doc, &mut map, "", "syndication", &mut out).unwrap_or_default(),
        extra: take(&doc, &mut map, "", "extra", &mut out).unwrap_or_default(),
    };
    let base_url = match base_url_override.or(base_url.as_deref()).map(normalize_base_url) {
        Some(Ok(u)) => u,
        Some(Err(e)) => {
            out.push(doc.error("invalid-url", "base_url", e));
            Url::parse("https://invalid.example/").expect("static URL")
        }
        // Missing: reported above.
        None => Url::parse("https://invalid.example/").expect("static URL"),
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
    if raw.syndication.jobs_json_max_bytes == 0 {
        out.push(
            doc.error("invalid-value", "syndication.jobs_json_max_bytes", "must be at least 1")
                .help("the default is 5000000 (5 MB); static hosts cap files at around 25 MiB"),
        );
    }
    if raw.paginate == 0 {
        out.push(doc.error("invalid-value", "paginate", "must be at least 1"));
    }
    if raw.feed_limit == Some(0) {
        out.push(doc.error("invalid-value", "feed_limit", "must be at least 1"));
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
    let search = match &raw.search {
        None | Some(RawSearch::Flag(true)) => SearchMode::On,
        Some(RawSearch::Flag(false)) => SearchMode::Off,
        Some(RawSearch::Word(w)) if w == "full" && cfg!(feature = "fulltext") => SearchMode::Full,
        Some(RawSearch::Word(w)) if w == "full" => {
            out.push(
                doc.error("invalid-value", "search", "`full` needs full-text search, which this vacancy was built without")
                    .help("use `search: true`, or install vacancy with its default features (the `fulltext` feature)"),
            );
            SearchMode::On
        }
        Some(RawSearch::Word(w)) => {
            out.push(
                doc.error("invalid-value", "search", format!("unknown value \"{w}\""))
                    .help("use `true` (search index and filters), `full` or `false`"),
            );
            SearchMode::On
        }
    };
    if let Some(key) = &raw.indexnow.key
        && let Err(e) = crate::ping::check_key(key)
    {
        out.push(doc.error("invalid-value", "indexnow.key", e).help(crate::ping::KEY_HELP));
    }
    if title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        out.push(doc.error("missing-field", "title", "must not be empty"));
    }
    let strings = Arc::new(crate::i18n::Strings::new(&raw.language, &translations));
    let config = Config {
        title: raw.title,
        base_url,
        description: raw.description,
        language: raw.language,
        timezone,
        organization,
        categories: raw.categories,
        theme: raw.theme,
        paginate: raw.paginate,
        feed_limit: raw.feed_limit.unwrap_or(DEFAULT_FEED_LIMIT),
        expired: raw.expired,
        markdown: raw.markdown,
        require_salary: raw.require_salary,
        check: raw.check,
        search,
        sitemap: raw.sitemap,
        indexnow: raw.indexnow,
        syndication: raw.syndication,
        accent,
        warnings,
        extra: raw.extra,
        strings,
        source: Arc::from(text),
    };
    (Some(config), out)
}

/// `markdown:`, each setting on its own. `unsafe_html` still works, as its `raw_html`
/// equivalent, with a warning.
fn parse_markdown(
    doc: &YamlDoc,
    value: Option<serde_yaml::Value>,
    out: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> MarkdownConfig {
    use crate::sanitize::RawHtml;
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return MarkdownConfig::default();
    };
    let Some(map) = value.as_mapping() else {
        // Reported as a wrong type at `markdown`.
        if let Err(d) = doc.deserialize_at::<serde_yaml::Mapping>(value, "markdown") {
            out.push(d);
        }
        return MarkdownConfig::default();
    };
    doc.check_keys(map, MARKDOWN_KEYS, "markdown.", out);
    let mut map = map.clone();
    let raw_html_set = map.get("raw_html").is_some_and(|v| !v.is_null());
    let raw_html = take::<RawHtml>(doc, &mut map, "markdown.", "raw_html", out);
    let old = take::<bool>(doc, &mut map, "markdown.", "unsafe_html", out);
    if let Some(old) = old {
        let written = if old { "trust" } else { "escape" };
        let d = Diagnostic::warning("deprecated", doc.path, "`markdown.unsafe_html` is deprecated")
            .field("markdown.unsafe_html")
            .at_opt(doc.key_pos("markdown.unsafe_html"));
        warnings.push(if raw_html_set {
            d.help("remove it: `markdown.raw_html` is set and wins")
        } else {
            d.help(format!(
                "write `raw_html: {written}` instead (or drop it for the default, `sanitize`, which keeps safe HTML)"
            ))
        });
    }
    let alias = old.filter(|_| !raw_html_set).map(|old| if old { RawHtml::Trust } else { RawHtml::Escape });
    MarkdownConfig { raw_html: raw_html.or(alias).unwrap_or_default() }
}

/// `theme_options:`: bad colours are errors; colours that are hard to read are warnings.
fn parse_theme_options(
    doc: &YamlDoc,
    value: serde_yaml::Value,
    out: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<accent::Accent> {
    use accent::{AA, Rgb, WHITE, dark_contrast};
    if value.is_null() {
        return None;
    }
    if let Some(map) = value.as_mapping() {
        doc.check_keys(map, THEME_OPTION_KEYS, "theme_options.", out);
    }
    let mut value = value;
    if let Some(map) = value.as_mapping_mut() {
        map.retain(|k, _| k.as_str().is_some_and(|k| THEME_OPTION_KEYS.contains(&k)));
    }
    let raw: RawThemeOptions = doc.deserialize_at(value, "theme_options").map_err(|d| out.push(d)).ok()?;
    let colour = |field: &str, text: &Option<String>, out: &mut Vec<Diagnostic>| {
        let text = text.as_deref()?;
        Rgb::parse(text).or_else(|| {
            out.push(
                doc.error("invalid-value", field, format!("\"{text}\" is not a colour"))
                    .help("write a hex colour in quotes, e.g. `accent: \"#0b6e4f\"`"),
            );
            None
        })
    };
    let light = colour("theme_options.accent", &raw.accent, out);
    let dark = colour("theme_options.accent_dark", &raw.accent_dark, out);
    let light = light?;
    let ratio = light.contrast(WHITE);
    if ratio < AA {
        warnings.push(
            doc.warning(
                "low-contrast",
                "theme_options.accent",
                format!(
                    "{} on white has a contrast of {ratio:.2}:1, below the {AA}:1 WCAG AA needs for text",
                    light.hex()
                ),
            )
            .help("pick a darker colour; links and white button text use it on white"),
        );
    }
    if let Some(dark) = dark {
        let ratio = dark_contrast(dark);
        if ratio < AA {
            warnings.push(
                doc.warning(
                    "low-contrast",
                    "theme_options.accent_dark",
                    format!(
                        "{} on the dark background has a contrast of {ratio:.2}:1, below the {AA}:1 WCAG AA needs for text",
                        dark.hex()
                    ),
                )
                .help("pick a lighter colour, or drop `accent_dark` to derive one from `accent`"),
            );
        }
    }
    Some(accent::Accent::new(light, dark))
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
        assert_eq!(c.feed_limit, 50);
        assert_eq!(c.expired, ExpiredPolicy::Notice);
        assert_eq!(c.markdown.raw_html, crate::sanitize::RawHtml::Sanitize);
        assert!(c.warnings.is_empty());
        assert_eq!(c.search, SearchMode::On);
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
    fn markdown_settings_are_read_one_by_one() {
        let base = "title: J\nbase_url: https://e.com/\n";
        // Both set: raw_html wins, and the warning says to remove the old key.
        let c = parse_str(&format!("{base}markdown:\n  raw_html: escape\n  unsafe_html: true\n")).unwrap();
        assert_eq!(c.markdown.raw_html, crate::sanitize::RawHtml::Escape);
        assert_eq!(c.warnings.len(), 1);
        assert!(c.warnings[0].to_string().contains("help: remove it: `markdown.raw_html` is set and wins"));
        // A bad value, a bad type and a typo are each reported at their field, and the rest
        // of the file (paginate) is still read.
        let (c, errs) = parse_partial(
            Path::new(CONFIG_FILE),
            &format!("{base}markdown:\n  raw_html: yes\n  unsafe_html: 3\n  raw_htm: x\npaginate: 0\n"),
            None,
        );
        let errs: Vec<String> =
            errs.iter().map(|d| d.location() + " " + d.field.as_deref().unwrap_or("")).collect();
        assert_eq!(
            errs,
            [
                "config.yaml:6:3 markdown.raw_htm",
                "config.yaml:4:13 markdown.raw_html",
                "config.yaml:5:16 markdown.unsafe_html",
                "config.yaml:7:11 paginate"
            ]
        );
        assert_eq!(c.unwrap().markdown.raw_html, crate::sanitize::RawHtml::Sanitize);
        let errs = parse_str(&format!("{base}markdown: trust\n")).unwrap_err();
        assert_eq!(errs[0].location(), "config.yaml:3:11");
        assert_eq!(errs[0].field.as_deref(), Some("markdown"));
    }

    #[test]
    fn reads_search_modes_and_rejects_unknown_words() {
        let mode = |v: &str| parse_str(&format!("title: J\nbase_url: https://e.com/\nsearch: {v}\n"));
        assert_eq!(mode("false").unwrap().search, SearchMode::Off);
        assert_eq!(mode("true").unwrap().search, SearchMode::On);
        #[cfg(feature = "fulltext")]
        assert_eq!(mode("full").unwrap().search, SearchMode::Full);
        #[cfg(not(feature = "fulltext"))]
        {
            let text = mode("full").unwrap_err()[0].to_string();
            assert!(
                text.starts_with("error: config.yaml:3:9: search: `full` needs full-text search"),
                "{text}"
            );
            assert!(
                text.contains("help: use `search: true`, or install vacancy with its default features"),
                "{text}"
            );
        }
        let errs = mode("fulltext").unwrap_err();
        let text = errs[0].to_string();
        assert!(text.starts_with("error: config.yaml:3:9: search: unknown value \"fulltext\""), "{text}");
        assert!(text.contains("help: use `true`"), "{text}");
    }

    #[test]
    fn feed_limit_must_be_at_least_one() {
        let errs = parse_str("title: Jobs\nbase_url: https://example.com/\nfeed_limit: 0\n").unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].field.as_deref(), Some("feed_limit"));
        assert_eq!(errs[0].line, Some(3));
        assert!(errs[0].message.contains("at least 1"), "{}", errs[0].message);
        let c = parse_str("title: Jobs\nbase_url: https://example.com/\nfeed_limit: 7\n").unwrap();
        assert_eq!(c.feed_limit, 7);
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
    fn a_wrong_type_or_missing_key_hides_no_other_setting() {
        let errs = parse_str("paginate: many\ntimezone: Mars/Base\nfeed_limit: -1\n").unwrap_err();
        let mut found: Vec<String> =
            errs.iter().map(|d| format!("{} {}", d.location(), d.field.as_deref().unwrap_or(""))).collect();
        found.sort();
        assert_eq!(
            found,
            [
                "config.yaml:1:1 base_url",
                "config.yaml:1:1 title",
                "config.yaml:1:11 paginate",
                "config.yaml:2:11 timezone",
                "config.yaml:3:13 feed_limit"
            ]
        );
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
