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
    // Candidates come only from the posting's category and tags, so a large board does
    // not compare every pair, and only the best three are kept (no sorting).
    let mut by_category: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_tag: HashMap<String, Vec<usize>> = HashMap::new();
    // Each open posting's category as a small number in one dense array: looking the
    // category up in thousands of postings per posting would miss the cache every time.
    let mut category_ids: HashMap<&str, usize> = HashMap::new();
    let mut category_of: Vec<usize> = Vec::with_capacity(open.len());
    for (i, p) in open.iter().enumerate() {
        let next = category_ids.len();
        category_of.push(*category_ids.entry(p.category.key.as_str()).or_insert(next));
        by_category.entry(p.category.key.as_str()).or_default().push(i);
        for t in lower_tags(p) {
            by_tag.entry(t).or_default().push(i);
        }
    }
    let postings: Vec<(Option<usize>, &Arc<Posting>)> =
        open.iter().enumerate().map(|(i, p)| (Some(i), p)).chain(closed.iter().map(|p| (None, p))).collect();
    postings
        .par_iter()
        .map_init(
            // Per thread: shared-tag counts by index into `open`, and which are non-zero.
            || (vec![0u32; open.len()], Vec::new()),
            |(shared, touched), &(me, p)| {
                for t in lower_tags(p) {
                    for &j in by_tag.get(&t).into_iter().flatten() {
                        if shared[j] == 0 {
                            touched.push(j);
                        }
                        shared[j] += 1;
                    }
                }
                let category = p.category.key.as_str();
                let my_category = category_ids.get(category).copied();
                let same_category = by_category.get(category).map(Vec::as_slice).unwrap_or_default();
                let mut best = Best::default();
                for &j in touched.iter().chain(same_category.iter().filter(|&&j| shared[j] == 0)) {
                    if Some(j) != me {
                        best.offer(Rank {
                            same_category: Some(category_of[j]) == my_category,
                            shared: shared[j],
                            index: j,
                        });
                    }
                }
                for &j in touched.iter() {
                    shared[j] = 0;
                }
                touched.clear();
                (p.slug.clone(), best.0.iter().map(|r| r.index).collect())
            },
        )
        .collect()
}

/// How good a candidate is; compares best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rank {
    same_category: bool,
    shared: u32,
    /// Into `open`, which is newest first: a lower index is newer.
    index: usize,
}

impl Ord for Rank {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other
            .same_category
            .cmp(&self.same_category)
            .then(other.shared.cmp(&self.shared))
            .then(self.index.cmp(&other.index))
    }
}

impl PartialOrd for Rank {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The best [`MAX`] candidates seen so far, best first.
#[derive(Default)]
struct Best(Vec<Rank>);

impl Best {
    fn offer(&mut self, r: Rank) {
        let at = self.0.partition_point(|b| *b < r);
        if at < MAX {
            self.0.insert(at, r);
            self.0.truncate(MAX);
        }
    }
}

fn lower_tags(p: &Posting) -> Vec<String> {
    let mut t: Vec<String> = p.tags.iter().map(|t| t.to_lowercase()).collect();
    t.sort();
    t.dedup();
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_best_three_same_category_then_shared_tags_then_newest() {
        let mut best = Best::default();
        let r = |same_category, shared, index| Rank { same_category, shared, index };
        for rank in [r(false, 3, 0), r(true, 0, 5), r(true, 1, 9), r(true, 1, 2), r(false, 9, 1)] {
            best.offer(rank);
        }
        let order: Vec<usize> = best.0.iter().map(|r| r.index).collect();
        assert_eq!(order, [2, 9, 5], "same category first, then more shared tags, then newer");
    }
}
