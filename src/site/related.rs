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
    let all: Vec<(Option<usize>, &Arc<Posting>)> =
        open.iter().enumerate().map(|(i, p)| (Some(i), p)).chain(closed.iter().map(|p| (None, p))).collect();
    // Tags as small numbers: the ranking compares them millions of times on a large board.
    let mut tag_ids: HashMap<String, u32> = HashMap::new();
    let tags_of: Vec<Vec<u32>> = all
        .iter()
        .map(|(_, p)| {
            let ids = lower_tags(p).into_iter().map(|t| {
                let next = tag_ids.len() as u32;
                *tag_ids.entry(t).or_insert(next)
            });
            ids.collect()
        })
        .collect();
    let mut category_ids: HashMap<&str, usize> = HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut by_tag: Vec<Vec<usize>> = vec![Vec::new(); tag_ids.len()];
    for (i, p) in open.iter().enumerate() {
        let next = category_ids.len();
        let c = *category_ids.entry(p.category.key.as_str()).or_insert(next);
        if c == members.len() {
            members.push(Vec::new());
        }
        members[c].push(i);
        for &t in &tags_of[i] {
            by_tag[t as usize].push(i);
        }
    }
    let category_of: Vec<usize> = open.iter().map(|p| category_ids[p.category.key.as_str()]).collect();
    let masks: Vec<CategoryMasks> = members.iter().map(|m| CategoryMasks::new(m, &tags_of)).collect();
    all.par_iter()
        .zip(&tags_of)
        .map_init(
            // Per thread: shared-tag counts by index into `open`, and which are non-zero.
            || (vec![0u32; open.len()], Vec::new()),
            |(shared, touched), (&(me, p), mine)| {
                let category = category_ids.get(p.category.key.as_str()).copied();
                let same_category = category.map(|c| members[c].as_slice()).unwrap_or_default();
                // An open posting is in its own category's list.
                let best = match category {
                    // When a category has enough postings, only its own can make the best
                    // three: scan them newest first and stop once nothing later can beat them.
                    Some(c) if same_category.len() - usize::from(me.is_some()) >= MAX => {
                        masks[c].best(mine, me)
                    }
                    // Otherwise postings of other categories that share a tag can make it.
                    _ => {
                        let mut best = Best::default();
                        for &t in mine {
                            for &j in &by_tag[t as usize] {
                                if shared[j] == 0 {
                                    touched.push(j);
                                }
                                shared[j] += 1;
                            }
                        }
                        let untagged = same_category.iter().filter(|&&j| shared[j] == 0);
                        for &j in touched.iter().chain(untagged) {
                            if Some(j) != me {
                                best.offer(Rank {
                                    same_category: Some(category_of[j]) == category,
                                    shared: shared[j],
                                    index: j,
                                });
                            }
                        }
                        for &j in touched.iter() {
                            shared[j] = 0;
                        }
                        touched.clear();
                        best
                    }
                };
                (p.slug.clone(), best.0.iter().map(|r| r.index).collect())
            },
        )
        .collect()
}

/// One category's open postings with their tags as bit sets over the category's own tags:
/// counting the tags two postings share is then an AND and a popcount per word.
struct CategoryMasks<'a> {
    /// Indices into `open`, newest first.
    members: &'a [usize],
    /// The bit of each tag some member has.
    bits: HashMap<u32, usize>,
    /// How many members have each bit's tag.
    holders: Vec<u32>,
    /// Words per member.
    words: usize,
    /// `words` words per member, in `members`' order.
    masks: Vec<u64>,
}

impl<'a> CategoryMasks<'a> {
    fn new(members: &'a [usize], tags_of: &[Vec<u32>]) -> Self {
        let mut bits = HashMap::new();
        for &j in members {
            for &t in &tags_of[j] {
                let next = bits.len();
                bits.entry(t).or_insert(next);
            }
        }
        let words = bits.len().div_ceil(64).max(1);
        let mut masks = vec![0u64; members.len() * words];
        let mut holders = vec![0u32; bits.len()];
        for (k, &j) in members.iter().enumerate() {
            set_bits(&mut masks[k * words..(k + 1) * words], &bits, &tags_of[j]);
            for t in &tags_of[j] {
                holders[bits[t]] += 1;
            }
        }
        CategoryMasks { members, bits, holders, words, masks }
    }

    /// The best [`MAX`] members for a posting of this category with tags `mine`, other than
    /// `me`.
    fn best(&self, mine: &[u32], me: Option<usize>) -> Best {
        // A tag no member has is shared with none of them.
        let mut my_mask = vec![0u64; self.words];
        set_bits(&mut my_mask, &self.bits, mine);
        // The most tags another member can share: those of mine that another member has
        // (an open posting is a holder of its own). Tags nobody else has would otherwise
        // make the scan below run through the whole category.
        let own = u32::from(me.is_some());
        let most =
            mine.iter().filter(|t| self.bits.get(t).is_some_and(|&b| self.holders[b] > own)).count() as u32;
        let mut best = Best::default();
        for (&j, mask) in self.members.iter().zip(self.masks.chunks_exact(self.words)) {
            if Some(j) == me {
                continue;
            }
            let shared = mask.iter().zip(&my_mask).map(|(a, b)| (a & b).count_ones()).sum();
            best.offer(Rank { same_category: true, shared, index: j });
            // Later members are older: they only tie at best, and a tie goes to the newer.
            if best.0.len() == MAX && best.0[MAX - 1].shared == most {
                break;
            }
        }
        best
    }
}

fn set_bits(words: &mut [u64], bits: &HashMap<u32, usize>, tags: &[u32]) {
    for t in tags {
        if let Some(&b) = bits.get(t) {
            words[b / 64] |= 1 << (b % 64);
        }
    }
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
        if self.0.len() == MAX && r >= self.0[MAX - 1] {
            return;
        }
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

    /// Postings with random categories and tags drawn from `tags`, 50 open and 10 closed,
    /// checked against [`reference`]. Returns the most distinct tags a category's open
    /// postings have (the bits [`CategoryMasks`] needs).
    fn assert_matches_reference(tags: &[&str], most_tags: usize, seed: u32) -> usize {
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
        let mut seed = seed;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) as usize % n
        };
        let postings: Vec<Arc<Posting>> = (0..60)
            .map(|i| {
                let category = if i == 5 || i == 40 { "tiny" } else { categories[next(categories.len())] };
                let mine: Vec<&str> = (0..next(most_tags + 1)).map(|_| tags[next(tags.len())]).collect();
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
        let mut by_category: HashMap<&str, std::collections::HashSet<String>> = HashMap::new();
        for p in open {
            by_category.entry(p.category.key.as_str()).or_default().extend(lower_tags(p));
        }
        by_category.values().map(|t| t.len()).max().unwrap_or(0)
    }

    #[test]
    fn the_shortcut_for_large_categories_gives_the_full_ranking() {
        // Few tags, so many postings share all of theirs and the scan stops early.
        for seed in [7, 8, 9] {
            assert_matches_reference(&["Rust", "rust", "go", "remote", "saas", "b2b"], 3, seed);
        }
    }

    #[test]
    fn a_category_with_more_tags_than_one_word_holds_ranks_the_same() {
        let names: Vec<String> = (0..150).map(|i| format!("t{i}")).collect();
        let tags: Vec<&str> = names.iter().map(String::as_str).collect();
        for seed in [1, 2] {
            let bits = assert_matches_reference(&tags, 12, seed);
            assert!(bits > 64, "a category needs more than one word of tags, has {bits}");
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
