//! The search index: a compact, sharded data set the default theme's `search.js` filters in
//! the browser (`search: true`, the default).
//!
//! The build writes `search/index.json` (the manifest: lookup tables for facets and the
//! list of shards) and `search/<n>.json` (one small record per open posting, newest first,
//! [`SHARD_SIZE`] per shard, stored by column). Records hold keys into the manifest's tables rather than
//! repeated names, and locations as written (`worldwide`, `EU`, `DE`) rather than expanded
//! country lists; the manifest expands the regions once. Nothing depends on the build's
//! clock, so a daily rebuild with unchanged postings writes the same bytes.
//!
//! `search: full` adds a Pagefind index over whole descriptions ([`fulltext`]), which the
//! manifest points to; the compact index stays the source of facets and counts.

#[cfg(feature = "fulltext")]
pub mod fulltext;
mod record;

use crate::site::Site;
use crate::site::urls::PageUrl;
use rayon::prelude::*;
use record::{Shard, Tables};

/// Output folder of the index files.
pub const DIR: &str = "search/";
/// The manifest the browser loads first.
pub const MANIFEST: &str = "search/index.json";
/// Theme static files that exist only for search, left out when `search: false`.
pub const ASSETS: &[&str] = &["search.js", "search.css"];
/// Records per shard: about 900 KB raw, 105 KB gzipped with the generator's summaries, so a
/// 10,000-posting board is 5 parallel requests and a 100,000-posting board 50.
pub const SHARD_SIZE: usize = 2000;
/// Bumped when the record layout changes, so a theme can tell which layout it reads.
pub const FORMAT: u32 = 1;

/// A site's Pagefind bundle (`search: full`), indexed once, when first needed: the file
/// plan needs its file names (content hashes) and the render its bytes.
#[derive(Debug, Default)]
pub struct FullText(
    #[cfg(feature = "fulltext")] std::sync::OnceLock<Result<std::sync::Arc<fulltext::Bundle>, String>>,
);

#[cfg(feature = "fulltext")]
impl FullText {
    fn get(&self, site: &Site) -> anyhow::Result<std::sync::Arc<fulltext::Bundle>> {
        let built = self
            .0
            .get_or_init(|| fulltext::bundle(site).map(std::sync::Arc::new).map_err(|e| format!("{e:#}")));
        built.clone().map_err(|e| anyhow::anyhow!("full-text index: {e}"))
    }
}

/// The shard files' output paths for `open` postings.
fn shard_paths(open: usize) -> Vec<String> {
    (0..open.div_ceil(SHARD_SIZE)).map(|i| format!("{DIR}{i}.json")).collect()
}

/// Every file the index consists of (nothing when search is off), without building it.
pub fn paths(site: &Site) -> Vec<String> {
    if !site.config.search.enabled() {
        return Vec::new();
    }
    let mut v = vec![MANIFEST.to_string()];
    v.extend(shard_paths(site.open.len()));
    // Pagefind's file names are content hashes: the bundle is built here (and reused by
    // `files`). If indexing fails, `files` reports it.
    #[cfg(feature = "fulltext")]
    if site.config.search == crate::config::SearchMode::Full
        && let Ok(bundle) = site.fulltext.get(site)
    {
        v.push(fulltext::IDS.to_string());
        v.extend(bundle.files.iter().map(|(path, _)| path.clone()));
    }
    v
}

/// Gives `put` each index file as (output path, bytes, kept) as it is made, so one
/// shard's bytes are held at a time: the shards, then the full-text files, then the
/// manifest that lists them. `view_of(i)` gives the template view of `site.open[i]`, so
/// cards in search results show exactly what the listings show. `kept(path, tables,
/// postings)` says whether a shard, given the site-wide tables its records refer into (as
/// JSON) and the postings it holds, is in place as an earlier build left it: such a shard
/// is not made (debug builds make it anyway, marked kept, for the caller to check it is
/// the same).
pub fn files(
    site: &Site,
    view_of: &(dyn Fn(usize) -> tera::Value + Sync),
    kept: &crate::render::Kept,
    put: &mut dyn FnMut(String, Vec<u8>, bool) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    if !site.config.search.enabled() {
        return Ok(());
    }
    let tables = Tables::new(site);
    let tables_json = tables.to_json();
    let tables_bytes = to_bytes(&tables_json);
    let count = site.open.len();
    let base = &site.config.base_url;
    let shards = shard_paths(count);
    let mut manifest = serde_json::json!({
        "format": FORMAT,
        "count": count,
        "jobs": PageUrl::new("jobs/").path(base),
        "companies": crate::site::indexes::Kind::Company.url().path(base),
        "shards": shards.iter().map(|s| PageUrl::new(s.clone()).path(base)).collect::<Vec<_>>(),
        "facets": facets(site.careers),
        "tables": tables_json,
    });
    // Drafts are listed only in previews (`serve`, `build --drafts`); their result cards carry
    // the listing's "Draft" badge. Absent otherwise, so a published index is unchanged.
    let drafts: Vec<&str> = site.open.iter().filter(|p| p.draft).map(|p| p.slug.as_str()).collect();
    if !drafts.is_empty() {
        manifest["drafts"] = serde_json::json!(drafts);
    }
    for (n, path) in shards.into_iter().enumerate() {
        let range = n * SHARD_SIZE..((n + 1) * SHARD_SIZE).min(count);
        let postings: Vec<&crate::content::posting::Posting> =
            site.open[range.clone()].iter().map(|p| &**p).collect();
        let is_kept = kept(&path, &tables_bytes, &postings)?;
        if is_kept && !cfg!(debug_assertions) {
            continue;
        }
        let views: Vec<tera::Value> = range.clone().into_par_iter().map(view_of).collect();
        let records: Vec<record::Record> =
            range.zip(&views).map(|(i, view)| tables.record(&site.open[i], view)).collect();
        put(path, to_bytes(&Shard::new(&records)), is_kept)?;
    }
    #[cfg(feature = "fulltext")]
    if site.config.search == crate::config::SearchMode::Full {
        let bundle = site.fulltext.get(site)?;
        manifest["fulltext"] = serde_json::json!({
            "bundle": PageUrl::new(fulltext::BUNDLE).path(base),
            "ids": PageUrl::new(fulltext::IDS).path(base),
        });
        put(fulltext::IDS.to_string(), to_bytes(&bundle.ids), false)?;
        for (path, bytes) in &bundle.files {
            put(path.clone(), bytes.clone(), false)?;
        }
    }
    put(MANIFEST.to_string(), to_bytes(&manifest), false)
}

/// The facets the search UI offers. A careers page is one company's: a company filter
/// would have a single choice, so the UI leaves it out (the table stays, for the cards).
fn facets(careers: bool) -> Vec<&'static str> {
    let all = ["category", "type", "mode", "country", "company", "tag", "salary", "within"];
    all.into_iter().filter(|f| !(careers && *f == "company")).collect()
}

fn to_bytes(v: &impl serde::Serialize) -> Vec<u8> {
    let mut b = serde_json::to_vec(v).expect("JSON values always serialize");
    b.push(b'\n');
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_hold_at_most_shard_size_records() {
        assert!(shard_paths(0).is_empty());
        assert_eq!(shard_paths(1), vec!["search/0.json"]);
        assert_eq!(shard_paths(SHARD_SIZE), vec!["search/0.json"]);
        assert_eq!(shard_paths(SHARD_SIZE + 1), vec!["search/0.json", "search/1.json"]);
        assert_eq!(shard_paths(100_000).len(), 50);
    }
}
