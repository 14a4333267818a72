//! Hiring organizations: company files, inline company maps and the site's organization.

use crate::diagnostic::Diagnostic;
use crate::yaml::YamlDoc;
use serde::{Deserialize, Serialize};
use serde_yaml::Value;
use url::Url;

/// Keys a company map may have, in files, inline in postings and as `organization`.
pub const COMPANY_KEYS: &[&str] = &["name", "url", "logo", "description", "same_as"];

// Unknown keys are reported by `check_keys` (with a suggestion), not by serde.
#[derive(Debug, Deserialize)]
struct RawCompany {
    name: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    logo: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    same_as: Vec<String>,
}

/// A validated hiring organization; URLs are absolute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Company {
    /// The file key (`content/companies/<key>.yaml`); None for inline companies and the
    /// site organization, which get no company page of their own unless keyed.
    pub key: Option<String>,
    pub name: String,
    pub url: Option<String>,
    pub logo: Option<String>,
    pub description: Option<String>,
    pub same_as: Vec<String>,
    /// A local logo's path under `static/` (`img/acme.svg` for `/img/acme.svg`), so the
    /// build can make sure the file exists; `None` for an absolute URL.
    #[serde(skip)]
    pub logo_file: Option<String>,
}

/// Checks that `s` is an absolute http(s) URL.
pub fn absolute_http_url(s: &str) -> Result<Url, String> {
    match Url::parse(s) {
        Ok(u) if u.scheme() == "https" || u.scheme() == "http" => Ok(u),
        Ok(u) => Err(format!("\"{s}\" must be an http(s) URL, not {}:", u.scheme())),
        Err(_) => Err(format!("\"{s}\" is not an absolute URL")),
    }
}

/// The `static/` path a local asset reference maps to: `/img/a.svg` and `img/a.svg` are
/// both `static/img/a.svg`, published at the base URL's path. `None` for a URL.
pub fn local_asset(s: &str) -> Option<String> {
    if s.contains("://") || s.starts_with("//") {
        return None;
    }
    let path = s.split(['?', '#']).next().unwrap_or(s);
    Some(path.trim_start_matches('/').to_string())
}

/// Resolves an asset reference: absolute URLs stay, `/img/x.svg` is relative to the site root.
pub fn resolve_asset(s: &str, base: &Url) -> Result<String, String> {
    if s.starts_with("http://") || s.starts_with("https://") {
        return absolute_http_url(s).map(|u| u.to_string());
    }
    base.join(s.trim_start_matches('/'))
        .map(|u| u.to_string())
        .map_err(|_| format!("\"{s}\" is neither a URL nor a site path"))
}

/// Validates a company map found at `field` (empty for a whole company file).
pub fn parse_company(
    doc: &YamlDoc,
    value: Value,
    field: &str,
    key: Option<String>,
    base: &Url,
    out: &mut Vec<Diagnostic>,
) -> Option<Company> {
    let prefix = if field.is_empty() { String::new() } else { format!("{field}.") };
    let mut value = value;
    if let Some(v) = value.as_mapping_mut().and_then(|m| m.get_mut("same_as")) {
        *v = super::lenient::one_or_many(std::mem::take(v));
    }
    match value.as_mapping() {
        Some(map) => doc.check_keys(map, COMPANY_KEYS, &prefix, out),
        None => {
            out.push(doc.error("invalid-type", field, "expected a map with name, url, logo"));
            return None;
        }
    }
    let errors_before = out.len();
    let raw: RawCompany = match doc.deserialize_at(value, field) {
        Ok(raw) => raw,
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    let f = |name: &str| format!("{prefix}{name}");
    if raw.name.trim().is_empty() {
        out.push(doc.error("missing-field", &f("name"), "must not be empty"));
    }
    if let Some(url) = &raw.url
        && let Err(e) = absolute_http_url(url)
    {
        out.push(doc.error("invalid-url", &f("url"), e));
    }
    let logo = match raw.logo.as_deref().map(|l| resolve_asset(l, base)) {
        Some(Err(e)) => {
            out.push(doc.error("invalid-url", &f("logo"), e));
            None
        }
        Some(Ok(l)) => Some(l),
        None => None,
    };
    for (i, s) in raw.same_as.iter().enumerate() {
        if let Err(e) = absolute_http_url(s) {
            out.push(doc.error("invalid-url", &format!("{prefix}same_as[{i}]"), e));
        }
    }
    (out.len() == errors_before).then(|| Company {
        key,
        name: raw.name.trim().to_string(),
        url: raw.url,
        logo,
        description: raw.description,
        same_as: raw.same_as,
        logo_file: raw.logo.as_deref().and_then(local_asset),
    })
}
