//! Links in posting bodies: `http://` links (warnings) and links to pages of this site
//! that the build does not render (errors).
//!
//! A link is internal when it resolves, against the posting's own URL, to the site's host
//! under the base URL's path. That covers `/jobs/x/`, `../x/` and absolute links to the
//! site alike. With a base path such as `/careers/`, a root-relative `/jobs/x/` points
//! outside the site; it is reported when `/careers/jobs/x/` exists, because that is almost
//! always what the author meant.

use crate::config::Config;
use crate::content::front_matter;
use crate::content::posting::Posting;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::site::urls;
use std::collections::HashSet;
use std::path::Path;
use url::Url;

/// The link rules, set up once per site.
pub struct Links<'a> {
    root: &'a Path,
    base: &'a Url,
    /// Output-relative paths of every rendered file; `None` when rendering failed.
    pages: Option<&'a HashSet<String>>,
}

/// What is wrong with one link, before it is located in the file.
struct Problem {
    link: String,
    rule: &'static str,
    error: bool,
    message: String,
    help: String,
}

impl<'a> Links<'a> {
    pub fn new(root: &'a Path, config: &'a Config, pages: Option<&'a HashSet<String>>) -> Self {
        Links { root, base: &config.base_url, pages }
    }

    /// The problems with `p`'s links, located in its file.
    pub fn check(&self, p: &Posting) -> Vec<Diagnostic> {
        let page = Url::parse(&urls::posting(&p.slug).permalink(self.base)).ok();
        let mut problems = Vec::new();
        for link in &p.body.links {
            if starts_with_ignore_case(link, "http://") {
                problems.push(Problem {
                    link: link.clone(),
                    rule: "insecure-link",
                    error: false,
                    message: format!("link uses http: \"{link}\""),
                    help: "use https, so readers are not sent to an unencrypted page".into(),
                });
            }
            if let (Some(pages), Some(page)) = (self.pages, &page)
                && let Some(problem) = self.broken(link, page, pages)
            {
                problems.push(problem);
            }
        }
        if problems.is_empty() {
            return Vec::new();
        }
        self.locate(p, problems)
    }

    /// A site link that points at no rendered page, if `link` is one.
    fn broken(&self, link: &str, page: &Url, pages: &HashSet<String>) -> Option<Problem> {
        if link.starts_with('#') {
            return None;
        }
        let url = match Url::parse(link) {
            Ok(u) => u,
            Err(url::ParseError::RelativeUrlWithoutBase) => page.join(link).ok()?,
            Err(_) => return None,
        };
        let same_site = matches!(url.scheme(), "http" | "https")
            && url.host_str() == self.base.host_str()
            && url.port_or_known_default() == self.base.port_or_known_default();
        if !same_site {
            return None;
        }
        let base_path = self.base.path();
        let problem = |message: String, help: String| Problem {
            link: link.to_string(),
            rule: "broken-link",
            error: true,
            message,
            help,
        };
        match url.path().strip_prefix(base_path) {
            Some(rel) if exists(pages, rel) => None,
            Some(rel) => Some(problem(
                format!("broken link \"{link}\": the site has no page there"),
                self.suggest(rel, pages),
            )),
            // Outside the site: only an error when adding the base path would fix it.
            None => {
                let rel = url.path().trim_start_matches('/');
                exists(pages, rel).then(|| {
                    problem(
                        format!("broken link \"{link}\": the site is served under {base_path}"),
                        format!("write `{base_path}{rel}`, or a link relative to this page such as `../`"),
                    )
                })
            }
        }
    }

    /// "did you mean `/jobs/rust-engineer/`?", or what the build has no pages for.
    fn suggest(&self, rel: &str, pages: &HashSet<String>) -> String {
        let dirs: Vec<(&str, &str)> =
            pages.iter().filter_map(|p| p.strip_suffix("index.html")).filter_map(split_last).collect();
        // Whole paths all share `jobs/`, which makes any two look alike; compare the slug
        // within the same folder ("jobs/rsut/"), or the folder for the same slug ("job/rust/").
        let suggestion = split_last(rel).and_then(|(parent, name)| {
            let same_parent = dirs.iter().filter(|d| d.0 == parent).map(|d| d.1);
            let same_name = dirs.iter().filter(|d| d.1 == name).map(|d| d.0);
            did_you_mean(name, same_parent)
                .map(|n| format!("{parent}{n}/"))
                .or_else(|| did_you_mean(parent, same_name).map(|p| format!("{p}{name}/")))
        });
        match suggestion {
            Some(s) => format!("did you mean `{}{s}`?", self.base.path()),
            None => "postings are at /jobs/<slug>/ under the base URL; drafts, scheduled postings and removed expired ones have no page".into(),
        }
    }

    /// Turns problems into diagnostics at the line and column of each link. The file is
    /// read again only here, for postings that have a problem: most have none.
    fn locate(&self, p: &Posting, problems: Vec<Problem>) -> Vec<Diagnostic> {
        let text = std::fs::read_to_string(self.root.join(&p.source)).unwrap_or_default();
        let body_start = front_matter::split(&text).map(|s| text.len() - s.body.len()).unwrap_or(0);
        let fallback = (p.body_line(), 1);
        // Repeated links are located one after another rather than all at the first.
        let mut next_from: std::collections::HashMap<&str, usize> = Default::default();
        problems
            .iter()
            .map(|pr| {
                let from = *next_from.get(pr.link.as_str()).unwrap_or(&body_start);
                let pos = text.get(from..).and_then(|rest| rest.find(&pr.link)).map(|i| from + i);
                if let Some(at) = pos {
                    next_from.insert(&pr.link, at + pr.link.len());
                }
                let d = if pr.error {
                    Diagnostic::error(pr.rule, &p.source, &pr.message)
                } else {
                    Diagnostic::warning(pr.rule, &p.source, &pr.message)
                };
                d.at_opt(Some(pos.map_or(fallback, |at| line_col(&text, at)))).help(&pr.help)
            })
            .collect()
    }
}

/// Whether a rendered file answers `rel` (a path under the base path): `x/` and `x` are
/// served by `x/index.html`, as every static host does.
fn exists(pages: &HashSet<String>, rel: &str) -> bool {
    if rel.is_empty() || rel.ends_with('/') {
        pages.contains(&format!("{rel}index.html"))
    } else {
        pages.contains(rel) || pages.contains(&format!("{rel}/index.html"))
    }
}

/// `jobs/rust/` → (`jobs/`, `rust`); `jobs/rust` too. None for the site root.
fn split_last(dir: &str) -> Option<(&str, &str)> {
    let trimmed = dir.strip_suffix('/').unwrap_or(dir);
    let (parent, name) = match trimmed.rsplit_once('/') {
        Some((p, n)) => (&dir[..p.len() + 1], n),
        None => ("", trimmed),
    };
    (!name.is_empty()).then_some((parent, name))
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len()).is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

/// 1-based line and character column of byte offset `at`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_files_serve_folders() {
        let pages: HashSet<String> = ["index.html", "jobs/a/index.html", "feed.xml"].map(String::from).into();
        assert!(exists(&pages, ""));
        assert!(exists(&pages, "jobs/a/"));
        assert!(exists(&pages, "jobs/a"));
        assert!(exists(&pages, "feed.xml"));
        assert!(!exists(&pages, "jobs/b/"));
    }

    #[test]
    fn splits_the_last_path_segment() {
        assert_eq!(split_last("jobs/rust/"), Some(("jobs/", "rust")));
        assert_eq!(split_last("jobs/rust"), Some(("jobs/", "rust")));
        assert_eq!(split_last("about/"), Some(("", "about")));
        assert_eq!(split_last(""), None);
    }

    #[test]
    fn suggests_a_slug_in_the_same_folder_or_the_folder_of_the_same_slug() {
        let config = crate::config::parse(
            Path::new("config.yaml"),
            "title: J\nbase_url: https://x.example/careers/\n",
            None,
        )
        .unwrap();
        let pages: HashSet<String> =
            ["jobs/rust/index.html", "jobs/a-b/index.html", "categories/data/index.html"]
                .map(String::from)
                .into();
        let links = Links::new(Path::new("."), &config, Some(&pages));
        assert_eq!(links.suggest("jobs/rsut/", &pages), "did you mean `/careers/jobs/rust/`?");
        assert_eq!(links.suggest("job/rust/", &pages), "did you mean `/careers/jobs/rust/`?");
        assert!(links.suggest("jobs/100%/", &pages).starts_with("postings are at"));
    }

    #[test]
    fn columns_count_characters() {
        // `y` is byte 10 but the 7th character of its line: `ü` takes two bytes.
        assert_eq!(line_col("ab\nü [x](y)", 10), (2, 7));
    }
}
