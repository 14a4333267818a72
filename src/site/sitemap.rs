//! `sitemap.xml` and `robots.txt` writers.
//!
//! Pure: both build their documents in memory from the given data. A sitemap holds at
//! most 50,000 URLs and 50 MB (sitemaps.org), so a larger site gets numbered sitemaps
//! and `/sitemap.xml` becomes the index that lists them; a site that fits keeps one
//! plain `urlset` at `/sitemap.xml`, so its URL and contents do not change.

use std::fmt::Write as _;
use std::ops::Range;

use quick_xml::escape::escape;

use super::feeds::strip_invalid_xml_chars;

/// Namespace of the sitemaps.org protocol, version 0.9.
const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// At most this many URLs per sitemap file (sitemaps.org).
pub const MAX_URLS: usize = 50_000;

/// At most this many bytes per sitemap file, uncompressed (sitemaps.org: 50 MB,
/// 52,428,800 bytes).
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// The `/sitemap.xml` path: the sitemap, or the index when split.
pub const INDEX_FILE: &str = "sitemap.xml";

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// One page listed in a sitemap.
#[derive(Debug, Clone, Copy)]
pub struct Url<'a> {
    /// Absolute URL of the page.
    pub loc: &'a str,
    /// Last modification as a W3C datetime, e.g. `2026-11-20` or RFC 3339.
    /// Written as given (not validated); `None` or blank omits it.
    pub lastmod: Option<&'a str>,
}

/// One sitemap file to write: its output-relative path and its XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub xml: String,
}

/// Returns a complete sitemaps.org 0.9 `urlset` document listing `urls` in
/// the order given.
///
/// Values are XML-escaped (so `&` in a query string becomes `&amp;`, as the
/// protocol requires) and stripped of characters XML 1.0 forbids. No limit is
/// applied here; [`files`] splits.
pub fn sitemap(urls: &[Url]) -> String {
    let entries: Vec<String> = urls.iter().map(entry).collect();
    urlset(&entries)
}

/// The sitemap files for `urls`, each given to `put` as it is made, so only one file's
/// XML is held at a time (a sitemap may be 50 MB): one `sitemap.xml` when they fit the
/// protocol's limits, else `sitemap-1.xml`, `sitemap-2.xml`, … in the order given and
/// then the index at `sitemap.xml`, after the files it lists. `permalink` turns an output
/// path into an absolute URL (the index must list absolute URLs).
pub fn files<E>(
    urls: &[Url],
    permalink: impl Fn(&str) -> String,
    mut put: impl FnMut(File) -> Result<(), E>,
) -> Result<(), E> {
    let parts = parts(urls);
    if parts.len() <= 1 {
        return put(File { path: INDEX_FILE.to_string(), xml: sitemap(urls) });
    }
    let mut locs = Vec::with_capacity(parts.len());
    for (i, range) in parts.into_iter().enumerate() {
        let path = part_file(i + 1);
        locs.push(permalink(&path));
        put(File { path, xml: sitemap(&urls[range]) })?;
    }
    put(File { path: INDEX_FILE.to_string(), xml: index(&locs) })
}

/// The output paths [`files`] writes for these URLs, in its order, without building the
/// XML.
pub fn paths(urls: &[Url]) -> Vec<String> {
    let parts = parts(urls).len();
    let mut out: Vec<String> = if parts > 1 { (1..=parts).map(part_file).collect() } else { Vec::new() };
    out.push(INDEX_FILE.to_string());
    out
}

/// The runs of `urls` that go into one sitemap each. Each entry is formatted here for its
/// length and again when its file is written: cheaper than holding every entry's XML.
fn parts(urls: &[Url]) -> Vec<Range<usize>> {
    let lens: Vec<usize> = urls.iter().map(|u| entry(u).len()).collect();
    split(&lens, MAX_URLS, ENTRY_BYTES)
}

/// Path of the `n`th sitemap of a split site (from 1).
fn part_file(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// Splits entries of the given byte lengths into consecutive runs of at most
/// `max_count` entries and `max_bytes` bytes. An entry larger than `max_bytes` on its
/// own gets a run to itself (it cannot be split; the URL length limit of 2,048
/// characters keeps real entries far below it). No entries: one empty run, so a site
/// always has a sitemap.
pub fn split(lens: &[usize], max_count: usize, max_bytes: usize) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, &len) in lens.iter().enumerate() {
        if i > start && (i - start == max_count || bytes + len > max_bytes) {
            parts.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes += len;
    }
    parts.push(start..lens.len());
    parts
}

const URLSET_OPEN: &str = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">";
const URLSET_CLOSE: &str = "\n</urlset>\n";

/// What the `<url>` entries of one sitemap may take of [`MAX_BYTES`].
const ENTRY_BYTES: usize = MAX_BYTES - HEAD.len() - URLSET_OPEN.len() - URLSET_CLOSE.len();

/// A `urlset` document of already serialised `<url>` entries.
fn urlset(entries: &[String]) -> String {
    debug_assert!(URLSET_OPEN.contains(SITEMAP_NS));
    let len = entries.iter().map(String::len).sum::<usize>();
    let mut out = String::with_capacity(HEAD.len() + URLSET_OPEN.len() + len + URLSET_CLOSE.len());
    out.push_str(HEAD);
    out.push_str(URLSET_OPEN);
    entries.iter().for_each(|e| out.push_str(e));
    out.push_str(URLSET_CLOSE);
    out
}

/// One `<url>` element, on its own indented lines.
fn entry(url: &Url) -> String {
    let mut out = format!("\n  <url>\n    <loc>{}</loc>", text(url.loc.trim()));
    if let Some(lastmod) = url.lastmod.map(str::trim).filter(|s| !s.is_empty()) {
        let _ = write!(out, "\n    <lastmod>{}</lastmod>", text(lastmod));
    }
    out.push_str("\n  </url>");
    out
}

/// A `sitemapindex` document listing the sitemaps at these absolute URLs.
fn index(locs: &[String]) -> String {
    let mut out = format!("{HEAD}<sitemapindex xmlns=\"{SITEMAP_NS}\">");
    for loc in locs {
        let _ = write!(out, "\n  <sitemap>\n    <loc>{}</loc>\n  </sitemap>", text(loc));
    }
    out.push_str("\n</sitemapindex>\n");
    out
}

/// Text content: characters XML 1.0 forbids dropped, the rest escaped.
fn text(s: &str) -> String {
    escape(strip_invalid_xml_chars(s).as_ref()).into_owned()
}

/// Returns a `robots.txt` that allows all crawlers and points them at
/// `sitemap_url` (which should be absolute):
/// `"User-agent: *\nAllow: /\n\nSitemap: <url>\n"`.
pub fn robots_txt(sitemap_url: &str) -> String {
    // Control characters (notably CR/LF) are dropped so the URL cannot
    // smuggle extra directives onto new lines.
    let url: String = sitemap_url.trim().chars().filter(|c| !c.is_control()).collect();
    format!("User-agent: *\nAllow: /\n\nSitemap: {url}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::Reader;
    use quick_xml::escape::resolve_predefined_entity;
    use quick_xml::events::Event;

    /// Parses a sitemap with quick-xml's reader (panicking if it is not
    /// well-formed) and returns the root's `xmlns` plus each `url`'s `loc`
    /// and `lastmod`, with entities resolved.
    fn parse(xml: &str) -> (String, Vec<(String, Option<String>)>) {
        let mut reader = Reader::from_str(xml);
        let mut stack: Vec<String> = Vec::new();
        let mut xmlns = None;
        let mut urls: Vec<(String, Option<String>)> = Vec::new();
        let mut saw_decl = false;
        loop {
            let event = reader
                .read_event()
                .unwrap_or_else(|e| panic!("not well-formed at {}: {e}", reader.error_position()));
            let text = match event {
                Event::Decl(_) => {
                    saw_decl = true;
                    continue;
                }
                Event::Start(start) => {
                    let name = start.name().into_inner().to_string();
                    match (stack.len(), name.as_str()) {
                        (0, "urlset" | "sitemapindex") => {
                            let ns = start
                                .try_get_attribute("xmlns")
                                .expect("well-formed attributes")
                                .expect("xmlns present");
                            xmlns = Some(ns.value.into_owned());
                        }
                        (1, "url" | "sitemap") => urls.push((String::new(), None)),
                        (2, "loc" | "lastmod") => {}
                        other => panic!("unexpected element {other:?}"),
                    }
                    stack.push(name);
                    continue;
                }
                Event::End(_) => {
                    stack.pop().expect("end tag without start");
                    continue;
                }
                Event::Text(t) => t.xml10_content().into_owned(),
                Event::GeneralRef(r) => resolve_predefined_entity(&r)
                    .unwrap_or_else(|| panic!("undefined entity &{};", &*r))
                    .to_string(),
                Event::Eof => break,
                other => panic!("unexpected event {other:?}"),
            };
            let url = urls.last_mut();
            match (stack.last().map(String::as_str), url) {
                (Some("loc"), Some(url)) => url.0.push_str(&text),
                (Some("lastmod"), Some(url)) => url.1.get_or_insert_default().push_str(&text),
                _ => assert!(text.trim().is_empty(), "stray text {text:?}"),
            }
        }
        assert!(saw_decl, "missing XML declaration");
        assert!(stack.is_empty(), "unclosed elements");
        (xmlns.expect("urlset root"), urls)
    }

    /// Every file [`files`] puts, in its order.
    fn collect(urls: &[Url], permalink: impl Fn(&str) -> String) -> Vec<File> {
        let mut out = Vec::new();
        files(urls, permalink, |f| {
            out.push(f);
            Ok::<_, ()>(())
        })
        .unwrap();
        out
    }

    fn numbered(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("https://jobs.example.com/jobs/posting-{i}/")).collect()
    }

    #[test]
    fn split_cuts_every_50000_urls_of_a_large_site() {
        let parts = split(&vec![90; 120_001], MAX_URLS, MAX_BYTES);
        assert_eq!(parts, [0..50_000, 50_000..100_000, 100_000..120_001]);
    }

    #[test]
    fn split_cuts_before_the_byte_limit() {
        assert_eq!(split(&[1000; 5], 10, 2500), [0..2, 2..4, 4..5]);
        assert_eq!(split(&[1000; 4], 10, 2000), [0..2, 2..4], "exactly the limit fits");
    }

    #[test]
    fn split_gives_an_oversized_entry_its_own_file_and_an_empty_site_one_file() {
        assert_eq!(split(&[10, 5000, 10], 10, 100), [0..1, 1..2, 2..3]);
        let empty = split(&[], 10, 100);
        assert_eq!(empty.len(), 1);
        assert!(empty[0].is_empty());
    }

    #[test]
    fn a_site_that_fits_keeps_one_plain_sitemap() {
        let locs = numbered(MAX_URLS);
        let urls: Vec<Url> = locs.iter().map(|loc| Url { loc, lastmod: Some("2026-01-01") }).collect();
        let files = collect(&urls, |p| format!("https://jobs.example.com/{p}"));
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, "sitemap.xml");
        assert_eq!(files[0].xml, sitemap(&urls));
        assert_eq!(paths(&urls), ["sitemap.xml"]);
    }

    #[test]
    fn a_large_site_gets_an_index_and_numbered_sitemaps_in_order() {
        let locs = numbered(120_001);
        let urls: Vec<Url> = locs.iter().map(|loc| Url { loc, lastmod: Some("2026-01-01") }).collect();
        let files = collect(&urls, |p| format!("https://jobs.example.com/careers/{p}"));
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        // The index last, after the files it links.
        assert_eq!(names, ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]);
        assert_eq!(paths(&urls), names);
        let (index, parts) = files.split_last().unwrap();
        assert!(index.xml.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
        let (_, listed) = parse(&index.xml);
        let expected: Vec<(String, Option<String>)> =
            (1..=3).map(|n| (format!("https://jobs.example.com/careers/sitemap-{n}.xml"), None)).collect();
        assert_eq!(listed, expected);
        let mut all = Vec::new();
        for file in parts {
            assert!(file.xml.len() <= MAX_BYTES);
            let (ns, urls) = parse(&file.xml);
            assert_eq!(ns, SITEMAP_NS);
            assert!(urls.len() <= MAX_URLS, "{} has {} URLs", file.path, urls.len());
            all.extend(urls.into_iter().map(|(loc, _)| loc));
        }
        assert_eq!(all, locs, "every URL once, in the order given");
    }

    #[test]
    fn lists_urls_in_sitemap_namespace() {
        let xml = sitemap(&[
            Url { loc: "https://jobs.example.com/", lastmod: Some("2026-11-20") },
            Url {
                loc: "https://jobs.example.com/jobs/rust-dev/",
                lastmod: Some("2026-11-20T09:30:00+01:00"),
            },
            Url { loc: "https://jobs.example.com/about/", lastmod: None },
        ]);
        assert!(
            xml.starts_with(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                 <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            ),
            "{xml}"
        );
        assert!(xml.ends_with("</urlset>\n"));
        let (ns, urls) = parse(&xml);
        assert_eq!(ns, "http://www.sitemaps.org/schemas/sitemap/0.9");
        assert_eq!(
            urls,
            [
                ("https://jobs.example.com/".to_string(), Some("2026-11-20".to_string())),
                (
                    "https://jobs.example.com/jobs/rust-dev/".to_string(),
                    Some("2026-11-20T09:30:00+01:00".to_string())
                ),
                ("https://jobs.example.com/about/".to_string(), None),
            ]
        );
    }

    #[test]
    fn escapes_ampersand_and_markup_in_loc() {
        let loc = "https://example.com/jobs?team=r&d&sort='new'&x=<y>";
        let xml = sitemap(&[Url { loc, lastmod: None }]);
        assert!(
            xml.contains(
                "<loc>https://example.com/jobs?team=r&amp;d&amp;sort=&apos;new&apos;&amp;x=&lt;y&gt;</loc>"
            ),
            "{xml}"
        );
        let (_, urls) = parse(&xml);
        assert_eq!(urls, [(loc.to_string(), None)]);
    }

    #[test]
    fn strips_illegal_characters_and_blank_lastmod() {
        let xml = sitemap(&[Url { loc: "https://example.com/a\u{0}b\u{1B}c", lastmod: Some("  ") }]);
        assert!(!xml.contains(['\u{0}', '\u{1B}']));
        assert!(!xml.contains("lastmod"));
        let (_, urls) = parse(&xml);
        assert_eq!(urls, [("https://example.com/abc".to_string(), None)]);
    }

    #[test]
    fn empty_sitemap_is_well_formed() {
        let xml = sitemap(&[]);
        let (ns, urls) = parse(&xml);
        assert_eq!(ns, SITEMAP_NS);
        assert!(urls.is_empty());
    }

    #[test]
    fn robots_txt_points_at_sitemap() {
        assert_eq!(
            robots_txt("https://jobs.example.com/sitemap.xml"),
            "User-agent: *\nAllow: /\n\nSitemap: https://jobs.example.com/sitemap.xml\n"
        );
    }

    #[test]
    fn robots_txt_url_cannot_inject_directives() {
        let robots = robots_txt("https://x.example/sitemap.xml\r\nDisallow: /\n");
        assert_eq!(robots, "User-agent: *\nAllow: /\n\nSitemap: https://x.example/sitemap.xmlDisallow: /\n");
        assert_eq!(robots.lines().count(), 4);
    }
}
