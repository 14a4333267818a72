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
    // The same by category: when a category has enough postings, only its own can make
    // the best three, and counting shared tags over the whole board would be wasted.
    let mut by_category_tag: HashMap<&str, HashMap<String, Vec<usize>>> = HashMap::new();
    // Each open posting's category as a small number in one dense array: looking the
    // category up in thousands of postings per posting would miss the cache every time.
    let mut category_ids: HashMap<&str, usize> = HashMap::new();
    let mut category_of: Vec<usize> = Vec::with_capacity(open.len());
    for (i, p) in open.iter().enumerate() {
        let next = category_ids.len();
        category_of.push(*category_ids.entry(p.category.key.as_str()).or_insert(next));
        by_category.entry(p.category.key.as_str()).or_default().push(i);
        for t in lower_tags(p) {
            by_category_tag.entry(p.category.key.as_str()).or_default().entry(t.clone()).or_default().push(i);
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
                let category = p.category.key.as_str();
                let my_category = category_ids.get(category).copied();
                let same_category = by_category.get(category).map(Vec::as_slice).unwrap_or_default();
                // An open posting is in its own category's list.
                let enough = same_category.len() - usize::from(me.is_some()) >= MAX;
                let tag_lists = if enough { by_category_tag.get(category) } else { None };
                for t in lower_tags(p) {
                    let list = match tag_lists {
                        Some(lists) => lists.get(&t),
                        None => by_tag.get(&t),
                    };
                    for &j in list.into_iter().flatten() {
                        if shared[j] == 0 {
                            touched.push(j);
                        }
                        shared[j] += 1;
                    }
                }
                // Of the postings that share no tag, only the newest can make it (the
                // list is newest first), and only when too few share one.
                let untagged = same_category.iter().filter(|&&j| shared[j] == 0 && Some(j) != me);
                let untagged = untagged.take(if enough { MAX } else { usize::MAX });
                let mut best = Best::default();
                for &j in touched.iter().chain(untagged) {
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

    /// Every candidate ranked, no shortcuts: what [`build`] must give.
    fn reference(open: &[Arc<Posting>], p: &Posting, me: Option<usize>) -> Vec<usize> {
        let mine = lower_tags(p);
        let mut ranks: Vec<Rank> = (0..open.len())
            .filter(|&j| Some(j) != me)
            .map(|j| Rank {
                same_category: open[j].category.key == p.category.key,
                shared: lower_tags(&open[j]).iter().filter(|t| mine.contains(t)).count() as u32,
                index: j,
            })
            .filter(|r| r.same_category || r.shared > 0)
            .collect();
        ranks.sort();
        ranks.iter().take(MAX).map(|r| r.index).collect()
    }

    #[test]
    fn the_shortcut_for_large_categories_gives_the_full_ranking() {
        let config = crate::config::parse(
            std::path::Path::new("config.yaml"),
            "title: Jobs\nbase_url: https://jobs.example/\norganization: {name: Acme, url: https://acme.example}\n",
            None,
        )
        .unwrap();
        let companies = HashMap::new();
        let cx = crate::content::posting::Context { config: &config, companies: &companies };
        // "tiny" has two postings: too few for the shortcut, so tags reach other categories.
        let categories = ["big", "big", "mid", "big", "tiny", "mid", "big", "mid"];
        let tags = ["Rust", "rust", "go", "remote", "saas", "b2b"];
        let mut seed = 7u32;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) as usize % n
        };
        let postings: Vec<Arc<Posting>> = (0..60)
            .map(|i| {
                let category = if i == 5 || i == 40 { "tiny" } else { categories[next(categories.len())] };
                let mine: Vec<&str> = (0..next(4)).map(|_| tags[next(tags.len())]).collect();
                let text = format!(
                    "---\ntitle: Role {i}\ncategory: {category}\nemployment_type: full-time\n\
                     location: {{remote: true, countries: [US]}}\nposted: 2026-03-01\napply: jobs@acme.example\n\
                     tags: [{}]\n---\nRole {i}.\n",
                    mine.join(", ")
                );
                let rel = format!("content/jobs/r{i}.md");
                let (p, d) = crate::content::posting::parse(std::path::Path::new(&rel), text.as_bytes(), &cx);
                Arc::new(p.unwrap_or_else(|| panic!("{d:?}")))
            })
            .collect();
        let (open, closed) = postings.split_at(50);
        let related = build(open, closed);
        for (i, p) in open.iter().enumerate() {
            assert_eq!(related[&p.slug], reference(open, p, Some(i)), "open posting {i}");
        }
        for p in closed {
            assert_eq!(related[&p.slug], reference(open, p, None), "closed posting {}", p.slug);
        }
    }

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
