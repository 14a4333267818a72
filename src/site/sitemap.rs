//! `sitemap.xml` and `robots.txt` writers.
//!
//! Pure: both build their document in memory from the given data.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::feeds::strip_invalid_xml_chars;

/// Namespace of the sitemaps.org protocol, version 0.9.
const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// One page listed in a sitemap.
#[derive(Debug, Clone, Copy)]
pub struct Url<'a> {
    /// Absolute URL of the page.
    pub loc: &'a str,
    /// Last modification as a W3C datetime, e.g. `2026-11-20` or RFC 3339.
    /// Written as given (not validated); `None` or blank omits it.
    pub lastmod: Option<&'a str>,
}

/// Returns a complete sitemaps.org 0.9 `urlset` document listing `urls` in
/// the order given.
///
/// Values are XML-escaped (so `&` in a query string becomes `&amp;`, as the
/// protocol requires) and stripped of characters XML 1.0 forbids. The
/// protocol caps one file at 50,000 URLs and 50 MB; splitting into a
/// sitemap index is left to the caller.
pub fn sitemap(urls: &[Url]) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    write_sitemap(&mut writer, urls).expect("writing into a Vec<u8> cannot fail");
    let mut out = String::from_utf8(writer.into_inner()).expect("escaped UTF-8 input stays valid UTF-8");
    out.push('\n');
    out
}

fn write_sitemap(w: &mut Writer<Vec<u8>>, urls: &[Url]) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(BytesStart::new("urlset").with_attributes([("xmlns", SITEMAP_NS)])))?;
    for url in urls {
        w.write_event(Event::Start(BytesStart::new("url")))?;
        w.create_element("loc")
            .write_text_content(BytesText::new(&strip_invalid_xml_chars(url.loc.trim())))?;
        if let Some(lastmod) = url.lastmod.map(str::trim).filter(|s| !s.is_empty()) {
            w.create_element("lastmod")
                .write_text_content(BytesText::new(&strip_invalid_xml_chars(lastmod)))?;
        }
        w.write_event(Event::End(BytesEnd::new("url")))?;
    }
    w.write_event(Event::End(BytesEnd::new("urlset")))?;
    Ok(())
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
                        (0, "urlset") => {
                            let ns = start
                                .try_get_attribute("xmlns")
                                .expect("well-formed attributes")
                                .expect("xmlns present");
                            xmlns = Some(ns.value.into_owned());
                        }
                        (1, "url") => urls.push((String::new(), None)),
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
