//! `/jobs.json`: every open posting with its full fields, the complete set for people
//! building on the board. Above `syndication.jobs_json_max_bytes` it is split into
//! `/jobs-1.json`, `/jobs-2.json`, … and `/jobs.json` lists them, because static hosts
//! cap file sizes (Cloudflare Pages at 25 MiB) and clients should not need to read
//! one huge file.

use super::job::Job;
use crate::content::posting::Posting;
use crate::site::Site;
use crate::site::urls::PageUrl;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::value::RawValue;
use std::ops::Range;

/// The format version in every file; bumped when a field changes meaning or goes away.
const VERSION: u32 = 1;

/// The top level of every file: `jobs` in a single or page file, `pages` in the index.
#[derive(Serialize)]
struct Document<'a> {
    #[serde(rename = "$schema")]
    schema: &'a str,
    version: u32,
    title: &'a str,
    home_page_url: &'a str,
    /// The build's "now", RFC 3339.
    generated: &'a str,
    /// Open postings in the whole export, over every page.
    total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<PageOf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pages: Option<Vec<PageRef>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    jobs: Option<&'a [Box<RawValue>]>,
}

#[derive(Serialize)]
struct PageOf {
    number: usize,
    of: usize,
}

#[derive(Serialize)]
struct PageRef {
    url: String,
    count: usize,
}

/// Serializes `postings` (in parallel, in order), each into its own JSON text.
fn serialize(site: &Site, postings: &[&Posting]) -> anyhow::Result<Vec<Box<RawValue>>> {
    let c = &site.config;
    Ok(postings
        .par_iter()
        .map(|p| serde_json::value::to_raw_value(&Job::new(p, c)))
        .collect::<Result<_, _>>()?)
}

/// How the export is split: the postings of each page file (one range: no split).
/// Decided by each posting's size, measured at parse ([`Posting::export_len`]), so the
/// export is never all in memory, only one file of it at a time.
fn plan(site: &Site, postings: &[&Posting], overhead: usize) -> Vec<Range<usize>> {
    let c = &site.config;
    let sizes: Vec<usize> = postings.iter().map(|p| p.export_len).collect();
    debug_assert!(
        postings.iter().all(|p| Job::json_size(p, c).ok() == Some(p.export_len)),
        "a posting's export_len is its entry's size"
    );
    split(&sizes, c.syndication.jobs_json_max_bytes.saturating_sub(overhead))
}

/// What every file of the export starts with.
struct Head<'a> {
    site: &'a Site,
    schema: String,
    generated: String,
    total: usize,
}

impl<'a> Head<'a> {
    fn new(site: &'a Site, total: usize) -> Self {
        let c = &site.config;
        let schema = PageUrl::new(super::SCHEMA_FILE).permalink(&c.base_url);
        Head { site, schema, generated: super::job::rfc3339(site.now, &c.timezone), total }
    }

    fn doc<'b>(
        &'b self,
        page: Option<PageOf>,
        pages: Option<Vec<PageRef>>,
        jobs: Option<&'b [Box<RawValue>]>,
    ) -> Document<'b> {
        let c = &self.site.config;
        Document {
            schema: &self.schema,
            version: VERSION,
            title: &c.title,
            home_page_url: c.base_url.as_str(),
            generated: &self.generated,
            total: self.total,
            page,
            pages,
            jobs,
        }
    }

    /// How the export of `postings` is split, leaving room in each file for the
    /// envelope of the largest page.
    fn plan(&self, postings: &[&Posting]) -> anyhow::Result<Vec<Range<usize>>> {
        let total = self.total;
        let overhead = to_bytes(&self.doc(Some(PageOf { number: total, of: total }), None, Some(&[])))?.len();
        Ok(plan(self.site, postings, overhead))
    }
}

/// Writes the files through `put` as `(output path, bytes)`, each page file serialized
/// only when it is its turn, and `jobs.json` last: a build stopped in between leaves no
/// index naming a part not yet written.
pub fn write(
    site: &Site,
    postings: &[&Posting],
    kept: &crate::render::Kept,
    put: &mut dyn FnMut(String, Vec<u8>, bool) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let base = &site.config.base_url;
    let head = Head::new(site, postings.len());
    let ranges = head.plan(postings)?;
    if ranges.len() <= 1 {
        let jobs = serialize(site, postings)?;
        return put("jobs.json".into(), to_bytes(&head.doc(None, None, Some(&jobs)))?, false);
    }
    let of = ranges.len();
    let refs = (0..of)
        .zip(&ranges)
        .map(|(n, range)| PageRef { url: PageUrl::new(page_file(n + 1)).permalink(base), count: range.len() })
        .collect();
    for (n, range) in ranges.into_iter().enumerate() {
        let (rel, page) = (page_file(n + 1), || Some(PageOf { number: n + 1, of }));
        // A part is its head and its postings' entries: unchanged, it is not serialized.
        let is_kept = kept(&rel, &to_bytes(&head.doc(page(), None, Some(&[])))?, &postings[range.clone()])?;
        if is_kept && !cfg!(debug_assertions) {
            continue;
        }
        let jobs = serialize(site, &postings[range])?;
        put(rel, to_bytes(&head.doc(page(), None, Some(&jobs)))?, is_kept)?;
    }
    put("jobs.json".into(), to_bytes(&head.doc(None, Some(refs), None))?, false)
}

/// The output paths [`write`] writes, in its order, from the plan alone.
pub fn paths(site: &Site, postings: &[&Posting]) -> anyhow::Result<Vec<String>> {
    let parts = Head::new(site, postings.len()).plan(postings)?.len();
    let mut paths: Vec<String> = if parts > 1 { (1..=parts).map(page_file).collect() } else { Vec::new() };
    paths.push("jobs.json".to_string());
    Ok(paths)
}

fn page_file(n: usize) -> String {
    format!("jobs-{n}.json")
}

fn to_bytes(doc: &Document) -> anyhow::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec(doc)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Consecutive runs of postings whose JSON (with separating commas) fits in `budget`
/// bytes; a posting larger than the budget gets a page of its own.
fn split(sizes: &[usize], budget: usize) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (i, size) in sizes.iter().enumerate() {
        let size = size + 1;
        if i > start && used + size > budget {
            ranges.push(start..i);
            (start, used) = (i, 0);
        }
        used += size;
    }
    if start < sizes.len() {
        ranges.push(start..sizes.len());
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(sizes: &[usize]) -> Vec<usize> {
        sizes.to_vec()
    }

    #[test]
    fn split_fills_pages_up_to_the_budget() {
        // Each job costs its size plus a comma.
        assert_eq!(split(&raw(&[9, 9, 9, 9, 9]), 20), [0..2, 2..4, 4..5]);
        assert_eq!(split(&raw(&[9, 9, 9]), 30), [Range { start: 0, end: 3 }]);
        assert_eq!(split(&raw(&[9, 9, 9]), 29), [0..2, 2..3]);
    }

    #[test]
    fn an_oversized_posting_gets_a_page_of_its_own() {
        assert_eq!(split(&raw(&[5, 50, 5]), 20), [0..1, 1..2, 2..3]);
        assert!(split(&[], 20).is_empty());
    }
}
