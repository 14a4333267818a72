//! `search: full`: a Pagefind index over whole descriptions, next to the compact index.
//!
//! Facets, counts and the URL state keep coming from the compact index; Pagefind only
//! answers "which postings mention these words". Each open posting becomes one Pagefind
//! custom record (title, summary and the description as plain text). The browser needs
//! no Pagefind fragment to place a hit: `search/fulltext.json` lists, for every compact
//! record in index order, the Pagefind page id a result carries, so `search.js` maps a
//! result straight to its record. Fragments are still written (grouped, so a big board is
//! a few hundred files rather than one per posting) and keep the bundle a working one.

use crate::content::posting::Posting;
use crate::site::Site;
use crate::site::urls::posting;
use anyhow::{Context as _, Result, anyhow, bail};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::{BTreeMap, HashMap};
use std::io::Read as _;
use std::path::Path;

/// Output folder of the Pagefind bundle.
pub const BUNDLE: &str = "pagefind/";
/// The map from compact records to Pagefind page ids.
pub const IDS: &str = "search/fulltext.json";
/// Pagefind's own UIs: the theme's search UI is `search.js`, so they are not published.
const UNUSED: &[&str] =
    &["pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.js"];
/// Postings per fragment file.
const GROUP: usize = 100;
/// Pagefind prefixes every gzipped file with this before compressing.
const GZ_SIGNATURE: &[u8] = b"pagefind_dcd";

/// The Pagefind bundle as (output path, bytes), and the Pagefind page id of each open
/// posting, in `site.open` order.
#[derive(Debug)]
pub struct Bundle {
    pub files: Vec<(String, Vec<u8>)>,
    pub ids: Vec<String>,
}

/// What Pagefind indexes for one posting: its URL, title and the posting, whose text is
/// loaded only as it is indexed ([`crate::content::body`]).
type Record<'a> = (String, String, &'a Posting);

/// Indexes `site.open` with Pagefind, in the site's language.
pub fn bundle(site: &Site) -> Result<Bundle> {
    let base = &site.config.base_url;
    let records: Vec<Record> =
        site.open.iter().map(|p| (posting(&p.slug).path(base), p.title.clone(), &**p)).collect();
    // Pagefind's stemmers go by the primary language (`de` for `de-AT`).
    let language = site.config.language.split(['-', '_']).next().unwrap_or("en").to_ascii_lowercase();
    build(records, language)
}

fn build(records: Vec<Record<'_>>, language: String) -> Result<Bundle> {
    let urls: Vec<String> = records.iter().map(|r| r.0.clone()).collect();
    let groups = u32::try_from(records.len().div_ceil(GROUP).max(1)).unwrap_or(u32::MAX);
    // Pagefind's API is async; a runtime of its own on a thread of its own, so this works
    // whether or not the caller is inside one (`serve` is).
    let files = std::thread::scope(|s| {
        s.spawn(|| {
            tokio::runtime::Builder::new_current_thread().build()?.block_on(index(records, language, groups))
        })
        .join()
        .map_err(|_| anyhow!("the Pagefind indexer panicked"))?
    })?;
    let mut out = Vec::new();
    let mut by_url: HashMap<String, String> = HashMap::new();
    for file in files {
        let name = bundle_path(&file.filename)?;
        if UNUSED.iter().any(|u| name.starts_with(u)) {
            continue;
        }
        if let Some(hash) = name.strip_prefix("fragment/").and_then(|n| n.strip_suffix(".pf_fragment")) {
            fragment_urls(hash, &file.contents, &mut by_url)
                .with_context(|| format!("reading Pagefind fragment {name}"))?;
        }
        out.push((format!("{BUNDLE}{name}"), file.contents));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    let ids = urls
        .iter()
        .map(|u| by_url.get(u).cloned().ok_or_else(|| anyhow!("Pagefind wrote no fragment for {u}")))
        .collect::<Result<_>>()?;
    Ok(Bundle { files: out, ids })
}

async fn index(
    records: Vec<Record<'_>>,
    language: String,
    groups: u32,
) -> Result<Vec<pagefind::api::SyntheticFile>> {
    let options = PagefindServiceConfig::builder()
        .force_language(language.clone())
        .keep_index_url(true)
        .write_playground(false)
        .max_fragments(groups)
        .build();
    let mut index = PagefindIndex::new(Some(options))?;
    for (url, title, p) in records {
        let content = format!("{}\n\n{}\n\n{}", p.title, p.summary, p.body.text());
        let meta = BTreeMap::from([("title".to_string(), title)]);
        index.add_custom_record(url, content, language.clone(), Some(meta), None, None).await?;
    }
    index.get_files().await
}

/// A file's path inside the bundle. Pagefind names in-memory files relative to its output
/// folder, which is unset here; a name that could leave the bundle is refused.
fn bundle_path(filename: &Path) -> Result<String> {
    let plain = filename.components().all(|c| matches!(c, std::path::Component::Normal(_)));
    let name = filename.to_string_lossy().replace('\\', "/");
    if !plain || name.is_empty() {
        bail!("unexpected Pagefind file name {name}");
    }
    Ok(name.strip_prefix(BUNDLE).unwrap_or(&name).to_string())
}

/// Records which Pagefind page id each URL got: a fragment file is one page (named by its
/// id) or a group of pages (an object keyed by their ids).
fn fragment_urls(name: &str, gz: &[u8], by_url: &mut HashMap<String, String>) -> Result<()> {
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(gz).read_to_end(&mut raw)?;
    let json = raw.strip_prefix(GZ_SIGNATURE).unwrap_or(&raw);
    let value: serde_json::Value = serde_json::from_slice(json)?;
    let url = |v: &serde_json::Value| v.get("url").and_then(|u| u.as_str()).map(str::to_string);
    if let Some(u) = url(&value) {
        by_url.insert(u, name.to_string());
    } else if let Some(group) = value.as_object() {
        for (id, page) in group {
            if let Some(u) = url(page) {
                by_url.insert(u, id.clone());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_paths_stay_inside_the_bundle() {
        assert_eq!(bundle_path(Path::new("pagefind.js")).unwrap(), "pagefind.js");
        assert_eq!(bundle_path(Path::new("pagefind/pagefind.js")).unwrap(), "pagefind.js");
        assert_eq!(bundle_path(Path::new("fragment/en_1.pf_fragment")).unwrap(), "fragment/en_1.pf_fragment");
        assert!(bundle_path(Path::new("/x/pagefind.js")).is_err());
        assert!(bundle_path(Path::new("../pagefind.js")).is_err());
    }

    #[test]
    fn fragments_and_groups_name_their_pages() {
        let gz = |json: &str| {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            std::io::Write::write_all(&mut e, &[GZ_SIGNATURE, json.as_bytes()].concat()).unwrap();
            e.finish().unwrap()
        };
        let mut by_url = HashMap::new();
        fragment_urls("en_1", &gz(r#"{"url": "/jobs/a/", "content": "x"}"#), &mut by_url).unwrap();
        fragment_urls(
            "en_group_9",
            &gz(r#"{"en_2": {"url": "/jobs/b/"}, "en_3": {"url": "/jobs/c/"}}"#),
            &mut by_url,
        )
        .unwrap();
        assert_eq!(by_url["/jobs/a/"], "en_1");
        assert_eq!(by_url["/jobs/b/"], "en_2");
        assert_eq!(by_url["/jobs/c/"], "en_3");
        assert!(fragment_urls("en_4", b"not gzip", &mut by_url).is_err());
    }
}
