//! Hiring organizations: company files, inline company maps and the site's organization.

use super::lenient::{take, take_list};
use crate::diagnostic::Diagnostic;
use crate::yaml::YamlDoc;
use serde::Serialize;
use serde_yaml::Value;
use url::Url;

/// Keys a company map may have, in files, inline in postings and as `organization`.
pub const COMPANY_KEYS: &[&str] = &["name", "url", "logo", "description", "same_as"];

/// The fields as written, each read on its own.
struct RawCompany {
    name: String,
    url: Option<String>,
    logo: Option<String>,
    description: Option<String>,
    same_as: Vec<String>,
}

/// A validated hiring organization; URLs are absolute.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
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
    let Value::Mapping(mut map) = value else {
        out.push(doc.error("invalid-type", field, "expected a map with name, url, logo"));
        return None;
    };
    doc.check_keys(&map, COMPANY_KEYS, &prefix, out);
    let errors_before = out.len();
    // Each field on its own, so a wrong type in one does not hide the others' problems.
    let name_given = map.get("name").is_some_and(|v| !v.is_null());
    let name: Option<String> = take(doc, &mut map, &prefix, "name", out);
    let raw = RawCompany {
        name: name.clone().unwrap_or_default(),
        url: take(doc, &mut map, &prefix, "url", out),
        logo: take(doc, &mut map, &prefix, "logo", out),
        description: take(doc, &mut map, &prefix, "description", out),
        same_as: take_list(doc, &mut map, &prefix, "same_as", out),
    };
    if !name_given {
        out.push(
            doc.error("missing-field", &format!("{prefix}name"), "missing required field")
                .help("add the company's name, e.g. `name: Acme Corp`"),
        );
    }
    let f = |name: &str| format!("{prefix}{name}");
    if name.as_deref().is_some_and(|n| n.trim().is_empty()) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn reports_every_field_of_a_company_at_once() {
        let text = "url: [not, a, string]\nlogo: img/a.svg\nsame_as: ftp://acme.example\n";
        let doc = YamlDoc::new(Path::new("acme.yaml"), text, 0);
        let base = Url::parse("https://jobs.example.org/").unwrap();
        let mut out = vec![];
        let company = parse_company(&doc, doc.parse().unwrap(), "", Some("acme".into()), &base, &mut out);
        assert!(company.is_none());
        crate::diagnostic::sort(&mut out);
        let found: Vec<String> =
            out.iter().map(|d| format!("{} {}", d.location(), d.field.as_deref().unwrap_or(""))).collect();
        assert_eq!(found, ["acme.yaml:1:1 name", "acme.yaml:1:6 url", "acme.yaml:3:10 same_as[0]"]);
    }

    #[test]
    fn local_logos_map_to_static_files() {
        assert_eq!(local_asset("/img/a.svg").as_deref(), Some("img/a.svg"));
        assert_eq!(local_asset("img/a.png?v=2#x").as_deref(), Some("img/a.png"));
        assert_eq!(local_asset("https://cdn.example.org/a.svg"), None);
        assert_eq!(local_asset("//cdn.example.org/a.svg"), None);
    }
}
