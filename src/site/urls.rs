//! Slugs and the site's URL layout, in one place so templates never build URLs.

use url::Url;

/// Longest slug: a company or category name from a posting becomes a folder name, and file
/// systems refuse names over 255 bytes.
pub const MAX_SLUG_LEN: usize = 80;

/// A URL-safe slug: lowercase ASCII letters, digits and dashes (`deunicode` transliterates).
/// A longer one is cut at a dash and ends in a hash of the whole, so distinct names stay apart.
pub fn slugify(s: &str) -> String {
    let slug = slug::slugify(s);
    if slug.len() <= MAX_SLUG_LEN {
        return slug;
    }
    use sha2::Digest;
    let hash = crate::render::fingerprint::hex(&sha2::Sha256::digest(&slug)[..4]);
    let head = &slug[..MAX_SLUG_LEN - hash.len() - 1];
    let head = head.rsplit_once('-').filter(|(h, _)| h.len() > MAX_SLUG_LEN / 2).map_or(head, |(h, _)| h);
    format!("{}-{hash}", head.trim_end_matches('-'))
}

/// A page's location: `path` is root-relative and includes the base URL's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageUrl {
    /// Output-relative directory or file, e.g. `jobs/rust/` or `feed.xml` (no leading `/`).
    pub rel: String,
}

impl PageUrl {
    pub fn new(rel: impl Into<String>) -> Self {
        PageUrl { rel: rel.into() }
    }

    /// `/careers/jobs/rust/` for a base URL of `https://x.com/careers/`.
    pub fn path(&self, base: &Url) -> String {
        format!("{}{}", base.path(), self.rel)
    }

    /// The absolute URL.
    pub fn permalink(&self, base: &Url) -> String {
        format!("{}{}", base.as_str(), self.rel)
    }

    /// The file this page is written to under the output folder.
    pub fn file(&self) -> String {
        if self.rel.is_empty() || self.rel.ends_with('/') {
            format!("{}index.html", self.rel)
        } else {
            self.rel.clone()
        }
    }

    /// Page `n` (1-based) of a paginated listing rooted here: page 1 is the listing itself.
    pub fn page(&self, n: usize) -> PageUrl {
        if n <= 1 { self.clone() } else { PageUrl::new(format!("{}page/{n}/", self.rel)) }
    }

    /// A file inside this folder, e.g. its `feed.xml`.
    pub fn join(&self, file: &str) -> PageUrl {
        PageUrl::new(format!("{}{file}", self.rel))
    }
}

/// `/<slug>/`, a page from `content/pages/`.
pub fn content_page(slug: &str) -> PageUrl {
    PageUrl::new(format!("{slug}/"))
}

/// `/jobs/<slug>/`
pub fn posting(slug: &str) -> PageUrl {
    PageUrl::new(format!("jobs/{slug}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_slugs_are_cut_at_a_dash_and_keep_names_apart() {
        let a = slugify(&format!("{} a", "long company name ".repeat(20)));
        let b = slugify(&format!("{} b", "long company name ".repeat(20)));
        assert!(a.len() <= MAX_SLUG_LEN && b.len() <= MAX_SLUG_LEN, "{a}");
        assert!(a.starts_with("long-company-name-long-") && a != b, "{a} {b}");
        assert_eq!(a, slugify(&format!("{} a", "long company name ".repeat(20))));
        assert_eq!(slugify("Short Name"), "short-name");
    }

    #[test]
    fn slugs_are_ascii_and_dashed() {
        assert_eq!(slugify("Senior Rust Engineer (Zürich)"), "senior-rust-engineer-zurich");
        assert_eq!(slugify("Data & Analytics"), "data-analytics");
    }

    #[test]
    fn urls_carry_the_base_path() {
        let base = Url::parse("https://example.com/careers/").unwrap();
        let p = posting("rust");
        assert_eq!(p.path(&base), "/careers/jobs/rust/");
        assert_eq!(p.permalink(&base), "https://example.com/careers/jobs/rust/");
        assert_eq!(p.file(), "jobs/rust/index.html");
        assert_eq!(PageUrl::new("").page(2).file(), "page/2/index.html");
        assert_eq!(PageUrl::new("categories/x/").join("feed.xml").file(), "categories/x/feed.xml");
    }
}
