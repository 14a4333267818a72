//! One copy of the values many postings repeat: inline companies, categories and tags.
//!
//! Each posting is parsed on its own (in parallel, or restored from the cache), so each
//! gets its own copy of its company, category and tags. A board repeats them: the
//! benchmark's 100,000 postings name 4,032 companies inline, 10 categories and 40 tags.
//! `content::load` shares each posting's as it is parsed, so the copies are freed at
//! once: about 0.4 KB a posting.

use super::company::Company;
use super::posting::{CategoryRef, Posting};
use std::collections::HashSet;
use std::sync::Arc;

#[derive(Default)]
pub struct Shared {
    companies: HashSet<Arc<Company>>,
    categories: HashSet<Arc<CategoryRef>>,
    tags: HashSet<Arc<str>>,
}

impl Shared {
    /// Points `p` at the first copy of each repeated value seen. Companies from company
    /// files and the site organization are shared already, and compared by address
    /// elsewhere (careers mode), so only inline companies (no file key) are looked at,
    /// and only when `p` holds the one reference to its own.
    pub fn share(&mut self, p: &mut Posting) {
        if p.company.key.is_none() && Arc::strong_count(&p.company) == 1 {
            p.company = one_copy(&mut self.companies, &p.company);
        }
        p.category = one_copy(&mut self.categories, &p.category);
        for tag in &mut p.tags {
            *tag = one_copy(&mut self.tags, tag);
        }
    }
}

/// The copy of `value` in `set`, which keeps `value` itself when it has none.
fn one_copy<T: Eq + std::hash::Hash + ?Sized>(set: &mut HashSet<Arc<T>>, value: &Arc<T>) -> Arc<T> {
    match set.get(value) {
        Some(first) => first.clone(),
        None => {
            set.insert(value.clone());
            value.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::content::posting::{self, Context};
    use std::collections::HashMap;
    use std::path::Path;

    fn config(org: bool) -> Config {
        let org = if org { "organization: {name: Acme, url: \"https://acme.example\"}\n" } else { "" };
        let text = format!("title: Jobs\nbase_url: https://jobs.example/\n{org}");
        crate::config::parse(Path::new("config.yaml"), &text, None).unwrap()
    }

    fn parse(text: &str, config: &Config, companies: &HashMap<String, Arc<Company>>) -> Posting {
        let cx = Context { config, companies };
        let (p, d) = posting::parse(Path::new("content/jobs/a.md"), text.as_bytes(), &cx);
        p.unwrap_or_else(|| panic!("{d:?}"))
    }

    const INLINE: &str = "---\ntitle: Engineer\ncompany: {name: Acme, url: \"https://acme.example\"}\ncategory: Engineering\nemployment_type: full-time\nlocation: {remote: true, countries: [US]}\nposted: 2026-01-01\napply: \"https://acme.example/apply\"\ntags: [rust, remote]\n---\nBody.\n";

    #[test]
    fn repeated_values_share_one_copy() {
        let config = config(false);
        let companies = HashMap::new();
        let (mut a, mut b) = (parse(INLINE, &config, &companies), parse(INLINE, &config, &companies));
        assert!(!Arc::ptr_eq(&a.company, &b.company));
        let mut shared = Shared::default();
        shared.share(&mut a);
        shared.share(&mut b);
        assert!(Arc::ptr_eq(&a.company, &b.company));
        assert!(Arc::ptr_eq(&a.category, &b.category));
        assert!(a.tags.iter().zip(&b.tags).all(|(x, y)| Arc::ptr_eq(x, y)));
        // A different company stays its own.
        let mut c = parse(&INLINE.replace("name: Acme", "name: Other"), &config, &companies);
        shared.share(&mut c);
        assert!(!Arc::ptr_eq(&a.company, &c.company));
        assert_eq!(c.company.name, "Other");
    }

    #[test]
    fn file_companies_and_the_organization_keep_their_own_copy() {
        let config = config(true);
        let org = config.organization.clone().unwrap();
        let companies = HashMap::new();
        let without_company = INLINE.replace("company: {name: Acme, url: \"https://acme.example\"}\n", "");
        let mut a = parse(&without_company, &config, &companies);
        // An inline company equal to the organization must not become it.
        let mut b = parse(INLINE, &config, &companies);
        let mut shared = Shared::default();
        shared.share(&mut a);
        shared.share(&mut b);
        assert!(Arc::ptr_eq(&a.company, &org));
        assert!(!Arc::ptr_eq(&b.company, &org));
    }
}
