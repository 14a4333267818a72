//! `/jobs.json`: every open posting with its full fields, the complete set for people
//! building on the board. Above `syndication.jobs_json_max_bytes` it is split into
//! `/jobs-1.json`, `/jobs-2.json`, … and `/jobs.json` lists them, because static hosts
//! cap file sizes (Cloudflare Pages at 25 MiB) and clients should not need to read
//! one huge file.

use super::job::Job;
use crate::site::Site;
use crate::site::urls::PageUrl;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::value::RawValue;

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

/// Each posting serialized once; their sizes decide the split.
pub struct Serialized(Vec<Box<RawValue>>);

impl Serialized {
    pub fn new(jobs: &[Job]) -> anyhow::Result<Self> {
        let raw: Result<Vec<_>, _> = jobs.par_iter().map(serde_json::value::to_raw_value).collect();
        Ok(Serialized(raw?))
    }
}

/// The files to write, `(output path, bytes)`, the first being `jobs.json`.
pub fn files(site: &Site, jobs: &Serialized, generated: &str) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let c = &site.config;
    let schema = schema_url(site);
    let doc = |total, page, pages, jobs| Document {
        schema: &schema,
        version: VERSION,
        title: &c.title,
        home_page_url: c.base_url.as_str(),
        generated,
        total,
        page,
        pages,
        jobs,
    };
    let total = jobs.0.len();
    let sizes: Vec<usize> = jobs.0.iter().map(|j| j.get().len()).collect();
    let ranges = ranges(site, &sizes, generated)?;
    if ranges.len() <= 1 {
        return Ok(vec![("jobs.json".into(), to_bytes(&doc(total, None, None, Some(&jobs.0)))?)]);
    }
    let of = ranges.len();
    let mut out = vec![("jobs.json".to_string(), Vec::new())];
    let mut refs = Vec::with_capacity(of);
    for (n, range) in ranges.into_iter().enumerate() {
        let rel = page_file(n + 1);
        refs.push(PageRef { url: PageUrl::new(&rel).permalink(&c.base_url), count: range.len() });
        let page = Some(PageOf { number: n + 1, of });
        out.push((rel, to_bytes(&doc(total, page, None, Some(&jobs.0[range])))?));
    }
    out[0].1 = to_bytes(&doc(total, None, Some(refs), None))?;
    Ok(out)
}

fn schema_url(site: &Site) -> String {
    PageUrl::new(super::SCHEMA_FILE).permalink(&site.config.base_url)
}

/// How the postings, of JSON lengths `sizes`, are split over the files: one range per
/// page file, or a single one when everything fits in `jobs.json`.
fn ranges(site: &Site, sizes: &[usize], generated: &str) -> anyhow::Result<Vec<std::ops::Range<usize>>> {
    let c = &site.config;
    let total = sizes.len();
    // The envelope of the largest page, so the split leaves room for it.
    let overhead = to_bytes(&Document {
        schema: &schema_url(site),
        version: VERSION,
        title: &c.title,
        home_page_url: c.base_url.as_str(),
        generated,
        total,
        page: Some(PageOf { number: total, of: total }),
        pages: None,
        jobs: Some(&[]),
    })?
    .len();
    Ok(split(sizes, c.syndication.jobs_json_max_bytes.saturating_sub(overhead)))
}

/// The output paths [`files`] writes, without writing them: each posting's JSON is
/// measured, not kept.
pub fn paths(site: &Site, jobs: &[Job], generated: &str) -> anyhow::Result<Vec<String>> {
    let sizes: Vec<usize> = jobs
        .par_iter()
        .map(|j| {
            let mut n = Counter(0);
            serde_json::to_writer(&mut n, j).map(|()| n.0)
        })
        .collect::<Result<_, _>>()?;
    let ranges = ranges(site, &sizes, generated)?;
    let mut paths = vec!["jobs.json".to_string()];
    if ranges.len() > 1 {
        paths.extend((1..=ranges.len()).map(page_file));
    }
    Ok(paths)
}

/// A writer that only counts the bytes written to it.
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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
fn split(sizes: &[usize], budget: usize) -> Vec<std::ops::Range<usize>> {
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

    #[test]
    fn split_fills_pages_up_to_the_budget() {
        // Each job costs its size plus a comma.
        assert_eq!(split(&[9, 9, 9, 9, 9], 20), [0..2, 2..4, 4..5]);
        assert_eq!(split(&[9, 9, 9], 30), [std::ops::Range { start: 0, end: 3 }]);
        assert_eq!(split(&[9, 9, 9], 29), [0..2, 2..3]);
    }

    #[test]
    fn an_oversized_posting_gets_a_page_of_its_own() {
        assert_eq!(split(&[5, 50, 5], 20), [0..1, 1..2, 2..3]);
        assert!(split(&[], 20).is_empty());
    }
}
