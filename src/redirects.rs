//! Redirects from a posting's old paths (`aliases:`): a small HTML page at each old path
//! (canonical link, meta refresh, `noindex`) for any static host, and one `_redirects`
//! file with real 301s for the hosts that read it (Netlify, Cloudflare Pages).

use crate::diagnostic::Diagnostic;
use crate::render::Page;
use crate::site::Site;
use crate::site::urls::{self, PageUrl};
use crate::yaml::YamlDoc;
use std::collections::HashMap;

/// The file Netlify and Cloudflare Pages read their redirect rules from.
pub const REDIRECTS_FILE: &str = "_redirects";

/// One old path of a posting, as written and as an output-relative page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// Index in the posting's `aliases:` list, for diagnostics.
    pub index: usize,
    /// Output-relative, e.g. `jobs/old-slug/` or `old/job.html`.
    pub url: PageUrl,
}

/// Reads `aliases:` entries: paths under the site's base URL, such as `/jobs/old-slug/`.
/// A path without a file extension is a folder (a `/` is added), as every page here is.
pub fn parse_aliases(doc: &YamlDoc, raw: &[String], out: &mut Vec<Diagnostic>) -> Vec<Alias> {
    let mut aliases = Vec::new();
    for (index, path) in raw.iter().enumerate() {
        match normalize(path) {
            Ok(rel) => aliases.push(Alias { index, url: PageUrl::new(rel) }),
            Err(e) => out.push(
                doc.error("invalid-alias", &format!("aliases[{index}]"), e)
                    .help("write the old path under the site's base URL, e.g. `aliases: [/jobs/old-slug/]`"),
            ),
        }
    }
    aliases
}

/// `/jobs/old/` → `jobs/old/`; `jobs/old` → `jobs/old/`; `/old.html` stays a file.
fn normalize(path: &str) -> Result<String, String> {
    let trimmed = path.trim();
    if trimmed.contains("://") || trimmed.starts_with("//") {
        return Err(format!("\"{trimmed}\" is a URL, not a path"));
    }
    if let Some(c) = trimmed.chars().find(|c| c.is_whitespace() || c.is_control() || "?#\\\"<>".contains(*c))
    {
        return Err(format!("\"{trimmed}\" contains {c:?}, which a path here may not"));
    }
    let rel = trimmed.trim_start_matches('/');
    if rel.is_empty() {
        return Err("an alias cannot be the home page".to_string());
    }
    let segments: Vec<&str> = rel.trim_end_matches('/').split('/').collect();
    if segments.iter().any(|s| s.is_empty() || *s == "." || *s == "..") {
        return Err(format!("\"{trimmed}\" has an empty, `.` or `..` segment"));
    }
    let is_file = !rel.ends_with('/') && segments.last().is_some_and(|s| s.contains('.'));
    Ok(if is_file || rel.ends_with('/') { rel.to_string() } else { format!("{rel}/") })
}

/// Every posting with a page (open and closed), with its aliases.
fn redirecting(site: &Site) -> impl Iterator<Item = &crate::content::posting::Posting> {
    site.open.iter().chain(&site.closed).map(|p| p.as_ref()).filter(|p| !p.aliases.is_empty())
}

/// Aliases that would overwrite a page, a static file or another alias: errors at the
/// alias, naming what is there. `taken` says whether an output path is already one of
/// everything else's.
pub fn collisions(site: &Site, taken: &dyn Fn(&str) -> bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, &std::path::Path> = HashMap::new();
    for p in redirecting(site) {
        // Read again from the file only to locate an error ([`crate::content::posting::Posting::doc`]).
        let mut doc = None;
        for alias in &p.aliases {
            let file = alias.url.file();
            let field = format!("aliases[{}]", alias.index);
            let clash = if taken(&file) {
                Some((
                    format!("/{} is a page of the site ({file})", alias.url.rel),
                    "an alias must be an old path that no page uses any more; remove it".to_string(),
                ))
            } else if let Some(other) = seen.get(&file) {
                Some((
                    format!("/{} is also an alias of {}", alias.url.rel, other.display()),
                    "an old path can redirect to one posting only; remove it from one of them".to_string(),
                ))
            } else {
                seen.insert(file, &p.source);
                None
            };
            if let Some((why, help)) = clash {
                let doc = doc.get_or_insert_with(|| p.doc());
                out.push(doc.error("alias-collision", &field, why).help(help));
            }
        }
    }
    out
}

/// The output path of every redirect page and of `_redirects` (when there are aliases).
pub fn paths(site: &Site) -> Vec<String> {
    let mut paths: Vec<String> =
        redirecting(site).flat_map(|p| p.aliases.iter().map(|a| a.url.file())).collect();
    if !paths.is_empty() {
        paths.push(REDIRECTS_FILE.to_string());
    }
    paths
}

/// The redirect pages and `_redirects`. `user_rules` is the site's own
/// `static/_redirects`, kept first so its rules win (hosts apply the first match).
pub fn pages(site: &Site, user_rules: Option<&[u8]>) -> Vec<Page> {
    let base = &site.config.base_url;
    let mut pages = Vec::new();
    let mut rules = String::new();
    if let Some(user) = user_rules {
        rules.push_str(&String::from_utf8_lossy(user));
        if !rules.is_empty() && !rules.ends_with('\n') {
            rules.push('\n');
        }
    }
    let mut any = false;
    for p in redirecting(site) {
        let target = urls::posting(&p.slug);
        let html = redirect_page(&p.title, &target.permalink(base), &site.config.language);
        for alias in &p.aliases {
            any = true;
            pages.push(Page { rel: alias.url.file(), bytes: html.clone().into_bytes().into() });
            rules.push_str(&format!("{} {} 301\n", alias.url.path(base), target.path(base)));
        }
    }
    if any || user_rules.is_some() {
        pages.push(Page { rel: REDIRECTS_FILE.to_string(), bytes: rules.into_bytes().into() });
    }
    pages
}

/// A page that sends browsers on at once and tells search engines where the posting
/// lives now (canonical) and not to index the old path.
fn redirect_page(title: &str, target: &str, language: &str) -> String {
    let (title, target, language) = (escape(title), escape(target), escape(language));
    format!(
        "<!doctype html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Moved: {title}</title>\n<link rel=\"canonical\" href=\"{target}\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n\
         <body>\n<p>This job posting has moved to <a href=\"{target}\">{target}</a>.</p>\n</body>\n</html>\n"
    )
}

fn escape(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_old_paths_to_output_folders() {
        assert_eq!(normalize("/jobs/old-slug/").unwrap(), "jobs/old-slug/");
        assert_eq!(normalize("jobs/old-slug").unwrap(), "jobs/old-slug/");
        assert_eq!(normalize("/careers/rust.html").unwrap(), "careers/rust.html");
    }

    #[test]
    fn rejects_urls_queries_and_escapes() {
        for bad in ["https://x.org/a/", "//x.org/a", "/a?b=1", "/a b/", "/", "/a/../b/", "/a//b/"] {
            assert!(normalize(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn redirect_page_escapes_and_points_at_target() {
        let html = redirect_page("R&D <lead>", "https://x.org/jobs/a/", "en");
        assert!(html.contains("<title>Moved: R&amp;D &lt;lead&gt;</title>"), "{html}");
        assert!(html.contains("<link rel=\"canonical\" href=\"https://x.org/jobs/a/\">"));
        assert!(html.contains("content=\"0; url=https://x.org/jobs/a/\""));
    }
}
