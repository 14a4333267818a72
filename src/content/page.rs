//! Pages beyond postings: `content/pages/<slug>.md` ("About us", "How we hire") at
//! `/<slug>/`, and the home page's intro, `content/_index.md`.
//!
//! Same rules as postings: front matter located to the line, unknown keys with a
//! did-you-mean, bodies rendered and sanitised by [`crate::markdown`].

use super::front_matter::{SplitError, split};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, Rendered};
use crate::site::urls::slugify;
use crate::yaml::YamlDoc;
use serde::Deserialize;
use serde_yaml::Value;
use std::path::{Path, PathBuf};

/// Where pages live, relative to the site root.
pub const PAGES_DIR: &str = "content/pages";
/// The home page's intro, relative to the site root.
pub const INTRO_FILE: &str = "content/_index.md";

const PAGE_KEYS: &[&str] = &["title", "description", "nav", "draft", "extra"];

/// First path segments the build writes itself: a page there would overwrite them or be
/// shadowed. Export and search paths are reserved ahead of their features.
pub const RESERVED_SLUGS: &[&str] = &[
    "jobs",
    "categories",
    "types",
    "companies",
    "locations",
    "page",
    "feed",
    "feeds",
    "search",
    "pagefind",
    "sitemap",
    "robots",
    "404",
    "api",
    "export",
    "jobs-json",
    "jobs-csv",
];

#[derive(Debug, Deserialize)]
struct RawPage {
    title: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    nav: Option<i64>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    extra: serde_json::Map<String, serde_json::Value>,
}

/// A validated page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the site root.
    pub source: PathBuf,
    /// From the file name: the page is at `/<slug>/`.
    pub slug: String,
    pub title: String,
    /// Meta description: `description`, or the start of the first paragraph.
    pub description: String,
    /// Position in the navigation; `None` keeps the page out of it.
    pub nav: Option<i64>,
    pub draft: bool,
    /// Free-form data for templates, as in postings.
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub body: Rendered,
}

/// Site-relative paths of the page files, sorted.
pub fn page_files(root: &Path) -> Vec<PathBuf> {
    super::files_under(root, PAGES_DIR).into_iter().filter(|p| is_page_file(p)).collect()
}

/// True for a site-relative path that is a page or the intro.
pub fn is_page_file(rel: &Path) -> bool {
    (rel.starts_with(PAGES_DIR) && super::has_ext(rel, &["md", "markdown"])) || rel == Path::new(INTRO_FILE)
}

/// Loads every page and the intro, with their diagnostics (slug clashes included).
pub fn load(root: &Path, config: &Config) -> (Vec<Page>, Option<Rendered>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut pages: Vec<Page> = Vec::new();
    for rel in page_files(root) {
        let Some(text) = read_text(root, &rel, &mut out) else { continue };
        if let Some(page) = parse(&rel, &text, config, &mut out) {
            if let Some(other) = pages.iter().find(|p| p.slug == page.slug) {
                out.push(
                    Diagnostic::error(
                        "duplicate",
                        &rel,
                        format!(
                            "duplicate page slug \"{}\": also used by {}",
                            page.slug,
                            other.source.display()
                        ),
                    )
                    .at(1, 1)
                    .help("rename one of the two files"),
                );
                continue;
            }
            pages.push(page);
        }
    }
    let intro_path = Path::new(INTRO_FILE);
    let refused = super::links::check_file(root, intro_path);
    let intro = if let Some(d) = refused {
        out.push(d);
        None
    } else if root.join(intro_path).is_file() {
        read_text(root, intro_path, &mut out)
            .and_then(|text| parse_intro(intro_path, &text, config, &mut out))
    } else {
        None
    };
    (pages, intro, out)
}

/// Reads a page as postings are read: size-limited, UTF-16 named as such.
fn read_text(root: &Path, rel: &Path, out: &mut Vec<Diagnostic>) -> Option<String> {
    let bytes = super::read(root, rel).map_err(|d| out.push(d)).ok()?;
    super::encoding::decode(rel, &bytes).map(str::to_string).map_err(|d| out.push(d)).ok()
}

/// Parses one page file; `None` when it has errors (all of them are in `out`).
pub fn parse(rel: &Path, text: &str, config: &Config, out: &mut Vec<Diagnostic>) -> Option<Page> {
    let before = out.len();
    let parts = match split(text) {
        Ok(p) => p,
        Err(e) => {
            out.push(split_error(
                rel,
                e,
                "a page starts with a `---` line, then `title: ...`, then another `---` line",
            ));
            return None;
        }
    };
    let doc = YamlDoc::new(rel, parts.yaml, parts.yaml_offset);
    // Bound the work before the YAML parser and Markdown renderer see the text.
    out.extend(super::limits::front_matter(rel, parts.yaml, parts.yaml_offset + 1));
    out.extend(super::limits::body(rel, parts.body, doc.body_line()));
    if out[before..].iter().any(Diagnostic::is_error) {
        return None;
    }
    let map = match doc.parse() {
        Ok(Value::Mapping(m)) => m,
        Ok(Value::Null) => serde_yaml::Mapping::new(),
        Ok(_) => {
            out.push(
                Diagnostic::error("invalid-type", rel, "front matter must be a map of fields")
                    .at(doc.line_offset + 1, 1),
            );
            return None;
        }
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    doc.check_keys(&map, PAGE_KEYS, "", out);
    if map.get("title").is_none_or(Value::is_null) {
        out.push(
            Diagnostic::error("missing-field", rel, "missing required field")
                .field("title")
                .at(doc.line_offset, 1)
                .help("add e.g. `title: About us`"),
        );
        return None;
    }
    let mut map = map;
    map.retain(|k, _| k.as_str().is_some_and(|k| PAGE_KEYS.contains(&k)));
    let raw: RawPage = doc.deserialize(Value::Mapping(map)).map_err(|d| out.push(d)).ok()?;
    let title = raw.title.trim().to_string();
    if title.is_empty() {
        out.push(doc.error("missing-field", "title", "must not be empty"));
    }
    let stem = rel.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let slug = slugify(&stem);
    if slug.is_empty() {
        out.push(
            Diagnostic::error("invalid-slug", rel, "the file name gives an empty slug")
                .at(1, 1)
                .help("rename the file with letters or digits, e.g. about.md"),
        );
    } else if RESERVED_SLUGS.contains(&slug.as_str()) {
        out.push(
            Diagnostic::error(
                "reserved-slug",
                rel,
                format!("the page would be at /{slug}/, which the build writes itself"),
            )
            .at(1, 1)
            .help(format!("rename the file; these names are taken: {}", RESERVED_SLUGS.join(", "))),
        );
    }
    let body = markdown::render(parts.body, config.markdown.raw_html);
    out.extend(crate::sanitize::warnings(rel, parts.body, doc.body_line(), &body.removed));
    if body.words == 0 {
        out.push(
            Diagnostic::error("empty-description", rel, "the page has no text")
                .at(doc.body_line(), 1)
                .help("write the page in Markdown after the closing `---`"),
        );
    }
    let description = match raw.description.as_deref().map(str::trim) {
        Some(d) if !d.is_empty() => d.to_string(),
        _ => markdown::truncate(&body.first_paragraph, 200),
    };
    if out[before..].iter().any(Diagnostic::is_error) {
        return None;
    }
    Some(Page {
        source: rel.to_path_buf(),
        slug,
        title,
        description,
        nav: raw.nav,
        draft: raw.draft,
        extra: raw.extra,
        body,
    })
}

/// The intro: Markdown, with no front matter or an empty one.
fn parse_intro(rel: &Path, text: &str, config: &Config, out: &mut Vec<Diagnostic>) -> Option<Rendered> {
    let (body, body_line) = match split(text) {
        Ok(parts) => {
            let doc = YamlDoc::new(rel, parts.yaml, parts.yaml_offset);
            if let Some(d) = super::limits::front_matter(rel, parts.yaml, parts.yaml_offset + 1) {
                out.push(d);
                return None;
            }
            match doc.parse() {
                Ok(Value::Mapping(m)) => doc.check_keys(&m, &[], "", out),
                Ok(_) => {}
                Err(d) => out.push(d),
            }
            (parts.body, doc.body_line())
        }
        Err(SplitError::Missing) => (text, 1),
        Err(e) => {
            out.push(split_error(rel, e, "the intro is plain Markdown; remove the `---` line"));
            return None;
        }
    };
    let checked = super::limits::body(rel, body, body_line);
    let refused = checked.iter().any(Diagnostic::is_error);
    out.extend(checked);
    if refused {
        return None;
    }
    let rendered = markdown::render(body, config.markdown.raw_html);
    out.extend(crate::sanitize::warnings(rel, body, body_line, &rendered.removed));
    Some(rendered).filter(|b| b.words > 0)
}

fn split_error(rel: &Path, e: SplitError, help: &str) -> Diagnostic {
    let message = match e {
        SplitError::Missing => "missing front matter",
        SplitError::Unclosed => "front matter is not closed",
    };
    Diagnostic::error("front-matter", rel, message).at(1, 1).help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        crate::config::parse(Path::new("config.yaml"), "title: T\nbase_url: https://e.com/\n", None).unwrap()
    }

    fn parse_str(name: &str, text: &str) -> (Option<Page>, Vec<String>) {
        let mut out = Vec::new();
        let page = parse(Path::new(name), text, &config(), &mut out);
        (page, out.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn parses_a_page_with_nav_order() {
        let (p, errs) =
            parse_str("content/pages/about-us.md", "---\ntitle: About us\nnav: 2\n---\nWe make bikes.\n");
        let p = p.unwrap_or_else(|| panic!("{errs:?}"));
        assert_eq!((p.slug.as_str(), p.nav, p.description.as_str()), ("about-us", Some(2), "We make bikes."));
    }

    #[test]
    fn reports_unknown_keys_with_did_you_mean_and_reserved_slugs_together() {
        let (p, errs) = parse_str("content/pages/jobs.md", "---\ntitle: Jobs\ndescripton: x\n---\nText.\n");
        assert!(p.is_none());
        assert!(
            errs.iter().any(|e| e.starts_with("error: content/pages/jobs.md:3:1: descripton: unknown field")
                && e.contains("did you mean `description`?")),
            "{errs:?}"
        );
        assert!(errs.iter().any(|e| e.contains("/jobs/, which the build writes itself")), "{errs:?}");
    }
}
