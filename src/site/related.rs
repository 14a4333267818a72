//! Related postings: up to three other open postings for each posting page, by a rule
//! that needs no JavaScript and gives the same answer on every build.
//!
//! Rank: same category first, then more shared tags, then newer (the open list's order).
//! A posting shares neither category nor a tag is not related. Tags compare
//! case-insensitively, as people write "Rust" and "rust".

use crate::content::posting::Posting;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// How many related postings a page shows.
pub const MAX: usize = 3;

/// Related open postings for every posting in `open` and `closed`, by slug: indices into
/// `open`, best first.
pub fn build(open: &[Arc<Posting>], closed: &[Arc<Posting>]) -> HashMap<String, Vec<usize>> {
    let tags: Vec<Vec<String>> = open.iter().map(|p| lower_tags(p)).collect();
    // Candidates come only from the posting's category and tags, so a large board does
    // not compare every pair.
    let mut by_category: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in open.iter().enumerate() {
        by_category.entry(p.category.key.as_str()).or_default().push(i);
        for t in &tags[i] {
            by_tag.entry(t.as_str()).or_default().push(i);
        }
    }
    open.par_iter()
        .chain(closed.par_iter())
        .map(|p| {
            let mut shared: HashMap<usize, usize> = HashMap::new();
            for t in lower_tags(p) {
                for &j in by_tag.get(t.as_str()).into_iter().flatten() {
                    *shared.entry(j).or_default() += 1;
                }
            }
            for &j in by_category.get(p.category.key.as_str()).into_iter().flatten() {
                shared.entry(j).or_default();
            }
            let mut ranked: Vec<(bool, usize, usize)> = shared
                .into_iter()
                .filter(|&(j, _)| open[j].slug != p.slug)
                .map(|(j, n)| (open[j].category.key == p.category.key, n, j))
                .collect();
            // Best first: same category, more shared tags, then the lower index (newer).
            ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
            (p.slug.clone(), ranked.into_iter().take(MAX).map(|(_, _, j)| j).collect())
        })
        .collect()
}

fn lower_tags(p: &Posting) -> Vec<String> {
    let mut t: Vec<String> = p.tags.iter().map(|t| t.to_lowercase()).collect();
    t.sort();
    t.dedup();
    t
}
