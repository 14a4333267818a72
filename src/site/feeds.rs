//! RSS 2.0 feed writer.
//!
//! Pure: builds the whole document in memory from borrowed data and never
//! reads the clock, so the same input always yields byte-identical output
//! (which keeps rebuilds reproducible and feed readers from seeing spurious
//! updates).

use std::borrow::Cow;
use std::io;

use jiff::Timestamp;
use jiff::fmt::rfc2822::DateTimePrinter;
use jiff::tz::TimeZone;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// Channel-level metadata of a feed.
#[derive(Debug, Clone, Copy)]
pub struct Channel<'a> {
    /// Feed title, e.g. the board's name.
    pub title: &'a str,
    /// Absolute URL of the HTML page the feed mirrors.
    pub link: &'a str,
    /// Plain-text summary of the feed.
    pub description: &'a str,
    /// Absolute URL of this feed itself (emitted as `atom:link rel="self"`).
    pub self_url: &'a str,
    /// Language tag such as `en` or `de-DE`; omitted when empty.
    pub language: &'a str,
    /// Name of the generating software; omitted when empty.
    pub generator: &'a str,
    /// Absolute URL of the complete export (`/jobs.json`) a feed cut to its limit points
    /// to, as `atom:link rel="related"`.
    pub related: Option<&'a str>,
    /// Items the listing has in all when the feed was cut to its limit, as
    /// `opensearch:totalResults` (the embed script's "All 230 positions" link; without it
    /// the script counts the items).
    pub total: Option<usize>,
}

/// Namespace of the elements a posting needs beyond RSS and Dublin Core (`vacancy:salary`,
/// `vacancy:category`). A name, not an address: nothing is fetched from it.
pub const VACANCY_NS: &str = "urn:vacancy:rss:1";

/// A posting's facts for the embed script and readers that show them: company as
/// `dc:creator`, location as `dc:coverage` (Dublin Core, which many readers display),
/// then the salary label and category key in [`VACANCY_NS`].
#[derive(Debug, Clone, Copy)]
pub struct JobFacts<'a> {
    pub company: &'a str,
    pub location: &'a str,
    pub salary: Option<&'a str>,
    pub category_key: &'a str,
}

/// One entry of a feed.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    /// Item title.
    pub title: &'a str,
    /// Absolute URL of the item's page.
    pub link: &'a str,
    /// Absolute permalink (RSS reads a `guid` without `isPermaLink` as one).
    pub guid: &'a str,
    /// Publication instant; rendered in the feed's time zone.
    pub published: Timestamp,
    /// Item body as HTML, escaped as text ([`XmlText`]), so readers get the markup
    /// back verbatim and nothing in it can alter the feed's structure.
    pub description: &'a XmlText,
    /// One `<category>` is written per non-blank entry.
    pub categories: &'a [&'a str],
    /// Written after the standard elements, when given.
    pub job: Option<JobFacts<'a>>,
}

/// Returns the complete RSS 2.0 feed document for `channel` and `items`.
///
/// Items are written in the order given. Dates are RFC 822 (as RFC 2822,
/// four-digit year) in `tz`. `lastBuildDate` is the newest item's
/// publication date and is omitted for an empty feed. A date whose year is
/// negative in `tz` cannot be written as RFC 822, so it is left out.
/// Characters that XML 1.0 forbids are removed from all text.
pub fn rss(channel: &Channel, items: &[Item], tz: &TimeZone) -> String {
    // One element a line, not indented: indentation was a tenth of the term feeds' bytes.
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 0);
    write_rss(&mut writer, channel, items, tz).expect("writing into a Vec<u8> cannot fail");
    let mut out = String::from_utf8(writer.into_inner()).expect("escaped UTF-8 input stays valid UTF-8");
    out.push('\n');
    out
}

fn write_rss(w: &mut Writer<Vec<u8>>, channel: &Channel, items: &[Item], tz: &TimeZone) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut rss = BytesStart::new("rss").with_attributes([
        ("version", "2.0"),
        ("xmlns:atom", "http://www.w3.org/2005/Atom"),
        ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
    ]);
    if channel.total.is_some() {
        rss.push_attribute(("xmlns:opensearch", "http://a9.com/-/spec/opensearch/1.1/"));
    }
    rss.push_attribute(("xmlns:vacancy", VACANCY_NS));
    w.write_event(Event::Start(rss))?;
    w.write_event(Event::Start(BytesStart::new("channel")))?;

    // title, link and description are required by RSS 2.0, so they are
    // written even when empty.
    text_element(w, "title", channel.title)?;
    text_element(w, "link", channel.link)?;
    text_element(w, "description", channel.description)?;
    optional_text_element(w, "language", channel.language)?;
    optional_text_element(w, "generator", channel.generator)?;
    // Derived from the content, never the wall clock, so output is
    // reproducible.
    let newest = items.iter().map(|item| item.published).max();
    if let Some(date) = newest.and_then(|ts| rfc822(ts, tz)) {
        text_element(w, "lastBuildDate", &date)?;
    }
    // Recommended by the W3C feed validator: lets readers find the
    // canonical feed URL.
    w.create_element("atom:link")
        .with_attribute(("href", strip_invalid_xml_chars(channel.self_url).as_ref()))
        .with_attribute(("rel", "self"))
        .with_attribute(("type", "application/rss+xml"))
        .write_empty()?;
    if let Some(related) = channel.related {
        w.create_element("atom:link")
            .with_attribute(("href", strip_invalid_xml_chars(related).as_ref()))
            .with_attribute(("rel", "related"))
            .with_attribute(("type", "application/json"))
            .write_empty()?;
    }
    if let Some(total) = channel.total {
        text_element(w, "opensearch:totalResults", &total.to_string())?;
    }

    for item in items {
        write_item(w, item, tz)?;
    }

    w.write_event(Event::End(BytesEnd::new("channel")))?;
    w.write_event(Event::End(BytesEnd::new("rss")))?;
    Ok(())
}

fn write_item(w: &mut Writer<Vec<u8>>, item: &Item, tz: &TimeZone) -> io::Result<()> {
    w.write_event(Event::Start(BytesStart::new("item")))?;
    text_element(w, "title", item.title)?;
    text_element(w, "link", item.link)?;
    // A permalink: RSS's default for `isPermaLink`, so the attribute is left out.
    text_element(w, "guid", item.guid)?;
    if let Some(date) = rfc822(item.published, tz) {
        text_element(w, "pubDate", &date)?;
    }
    // Escaped text rather than CDATA: escaping has no terminator that the
    // HTML could contain, so `]]>` or `</description>` stay plain text.
    w.create_element("description")
        .write_text_content(BytesText::from_escaped(item.description.0.as_str()))?;
    for category in item.categories {
        optional_text_element(w, "category", category)?;
    }
    if let Some(job) = &item.job {
        optional_text_element(w, "dc:creator", job.company)?;
        optional_text_element(w, "dc:coverage", job.location)?;
        optional_text_element(w, "vacancy:salary", job.salary.unwrap_or(""))?;
        optional_text_element(w, "vacancy:category", job.category_key)?;
    }
    w.write_event(Event::End(BytesEnd::new("item")))?;
    Ok(())
}

/// Text cleaned of characters XML forbids and escaped, ready to write. A posting's body
/// appears in several feeds (the site's, its category's, its company's…); escaping it
/// once and sharing the result is most of what makes feeds cheap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlText(String);

impl XmlText {
    pub fn new(text: &str) -> Self {
        XmlText(quick_xml::escape::escape(strip_invalid_xml_chars(text)).into_owned())
    }
}

/// Writes `<name>text</name>` with `text` sanitised and escaped.
fn text_element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name).write_text_content(BytesText::new(&strip_invalid_xml_chars(text)))?;
    Ok(())
}

/// Like [`text_element`], but writes nothing for blank text: an empty
/// `<language/>` or `<category/>` is worse than none.
fn optional_text_element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> io::Result<()> {
    if text.trim().is_empty() {
        return Ok(());
    }
    text_element(w, name, text)
}

/// Formats `ts` in `tz` as an RFC 822 date with a four-digit year, e.g.
/// `Fri, 20 Nov 2026 00:00:00 +0100`. `None` for negative years, which
/// RFC 822 cannot express.
fn rfc822(ts: Timestamp, tz: &TimeZone) -> Option<String> {
    DateTimePrinter::new().zoned_datetime_to_string(&ts.to_zoned_datetime(tz.clone())).ok()
}

/// Removes characters that may not appear in an XML 1.0 document at all,
/// not even escaped: C0 controls other than tab, LF and CR, plus U+FFFE and
/// U+FFFF. C1 controls (U+007F–U+009F) are legal but discouraged by the
/// spec and never meaningful in feed text, so they go too.
pub(crate) fn strip_invalid_xml_chars(text: &str) -> Cow<'_, str> {
    fn is_invalid(c: char) -> bool {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    }
    if text.contains(is_invalid) {
        Cow::Owned(text.chars().filter(|&c| !is_invalid(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::Reader;
    use quick_xml::XmlVersion;
    use quick_xml::escape::resolve_predefined_entity;

    /// One element of a parsed document: its slash-joined path from the
    /// root, its attributes and its direct text content (entities resolved).
    #[derive(Debug)]
    struct Node {
        path: String,
        attrs: Vec<(String, String)>,
        text: String,
    }

    /// Parses `xml` with quick-xml's reader, panicking on anything that is
    /// not well-formed (mismatched tags, unknown entities, several roots).
    fn parse(xml: &str) -> Vec<Node> {
        let mut reader = Reader::from_str(xml);
        let mut nodes: Vec<Node> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut roots = 0;
        let mut saw_decl = false;
        loop {
            let event = reader
                .read_event()
                .unwrap_or_else(|e| panic!("not well-formed at {}: {e}", reader.error_position()));
            let (start, empty) = match event {
                Event::Decl(_) => {
                    assert!(nodes.is_empty() && !saw_decl, "declaration must come first");
                    saw_decl = true;
                    continue;
                }
                Event::Start(start) => (start, false),
                Event::Empty(start) => (start, true),
                Event::End(_) => {
                    open.pop().expect("end tag without start");
                    continue;
                }
                Event::Text(text) => {
                    let text = text.xml10_content();
                    match open.last() {
                        Some(&i) => nodes[i].text.push_str(&text),
                        None => assert!(text.trim().is_empty(), "text outside root: {text:?}"),
                    }
                    continue;
                }
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref().expect("valid char ref") {
                        Some(c) => c.to_string(),
                        None => resolve_predefined_entity(&r)
                            .unwrap_or_else(|| panic!("undefined entity &{};", &*r))
                            .to_string(),
                    };
                    let &i = open.last().expect("reference outside root");
                    nodes[i].text.push_str(&resolved);
                    continue;
                }
                Event::CData(cdata) => {
                    let &i = open.last().expect("CDATA outside root");
                    nodes[i].text.push_str(&cdata);
                    continue;
                }
                Event::Eof => break,
                other => panic!("unexpected event {other:?}"),
            };
            let mut path = open.last().map(|&i| format!("{}/", nodes[i].path)).unwrap_or_default();
            if open.is_empty() {
                roots += 1;
            }
            path.push_str(start.name().into_inner());
            let attrs = start
                .attributes()
                .map(|a| {
                    let a = a.expect("well-formed attribute");
                    let value = a
                        .normalized_value(XmlVersion::Implicit1_0)
                        .expect("attribute value with known entities");
                    (a.key.into_inner().to_string(), value.into_owned())
                })
                .collect();
            nodes.push(Node { path, attrs, text: String::new() });
            if !empty {
                open.push(nodes.len() - 1);
            }
        }
        assert!(saw_decl, "missing XML declaration");
        assert!(open.is_empty(), "unclosed elements");
        assert_eq!(roots, 1, "exactly one root element");
        nodes
    }

    fn texts<'n>(nodes: &'n [Node], path: &str) -> Vec<&'n str> {
        nodes.iter().filter(|n| n.path == path).map(|n| n.text.as_str()).collect()
    }

    fn attr<'n>(node: &'n Node, key: &str) -> Option<&'n str> {
        node.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    fn node<'n>(nodes: &'n [Node], path: &str) -> &'n Node {
        let mut found = nodes.iter().filter(|n| n.path == path);
        let first = found.next().unwrap_or_else(|| panic!("no {path}"));
        assert!(found.next().is_none(), "several {path}");
        first
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().expect("valid timestamp literal")
    }

    fn berlin() -> TimeZone {
        TimeZone::get("Europe/Berlin").expect("bundled tzdb has Europe/Berlin")
    }

    const CHANNEL: Channel<'static> = Channel {
        title: "Acme Jobs",
        link: "https://jobs.example.com/",
        description: "Open positions at Acme",
        self_url: "https://jobs.example.com/feed.xml",
        language: "en",
        generator: "Vacancy",
        related: None,
        total: None,
    };

    fn item<'a>(title: &'a str, slug: &str, published: &str) -> Item<'a> {
        // Leak is fine in tests: Item borrows, and the strings must outlive it.
        let url: &'static str = format!("https://jobs.example.com/jobs/{slug}/").leak();
        Item {
            title,
            link: url,
            guid: url,
            published: ts(published),
            description: Box::leak(Box::new(XmlText::new("<p>Join us.</p>"))),
            categories: &[],
            job: None,
        }
    }

    #[test]
    fn job_facts_and_total_follow_the_standard_elements() {
        let job =
            JobFacts { company: "Acme & Co", location: "Berlin, DE", salary: None, category_key: "sales" };
        let items = [
            Item {
                job: Some(JobFacts { salary: Some("EUR 50,000"), ..job }),
                ..item("A", "a", "2026-11-20T00:00:00Z")
            },
            Item { job: Some(job), ..item("B", "b", "2026-11-19T00:00:00Z") },
            item("C", "c", "2026-11-18T00:00:00Z"),
        ];
        let xml = rss(&Channel { total: Some(230), ..CHANNEL }, &items, &TimeZone::UTC);
        let doc = parse(&xml);
        assert_eq!(attr(node(&doc, "rss"), "xmlns:vacancy"), Some(VACANCY_NS));
        assert_eq!(attr(node(&doc, "rss"), "xmlns:dc"), Some("http://purl.org/dc/elements/1.1/"));
        assert_eq!(texts(&doc, "rss/channel/opensearch:totalResults"), ["230"]);
        assert_eq!(texts(&doc, "rss/channel/item/dc:creator"), ["Acme & Co", "Acme & Co"]);
        assert_eq!(texts(&doc, "rss/channel/item/dc:coverage"), ["Berlin, DE", "Berlin, DE"]);
        assert_eq!(texts(&doc, "rss/channel/item/vacancy:salary"), ["EUR 50,000"], "no empty salary element");
        assert_eq!(texts(&doc, "rss/channel/item/vacancy:category"), ["sales", "sales"]);
        // After the standard elements, so readers that stop at what they know lose nothing.
        let first = &xml[xml.find("<item>").unwrap()..xml.find("</item>").unwrap()];
        assert!(first.find("<description>").unwrap() < first.find("<dc:creator>").unwrap(), "{first}");
        assert!(!rss(&CHANNEL, &items, &TimeZone::UTC).contains("totalResults"));
    }

    #[test]
    fn document_skeleton_and_round_trip_of_items() {
        let categories = ["Engineering", "Remote"];
        let items = [
            Item { categories: &categories, ..item("Rust Developer", "rust-dev", "2026-11-20T09:00:00Z") },
            item("Designer", "designer", "2026-11-19T09:00:00Z"),
        ];
        let xml = rss(&CHANNEL, &items, &TimeZone::UTC);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss"), "{xml}");
        assert!(xml.ends_with("</rss>\n"));
        let doc = parse(&xml);

        let root = node(&doc, "rss");
        assert_eq!(attr(root, "version"), Some("2.0"));
        assert_eq!(attr(root, "xmlns:atom"), Some("http://www.w3.org/2005/Atom"));
        assert_eq!(texts(&doc, "rss/channel/title"), ["Acme Jobs"]);
        assert_eq!(texts(&doc, "rss/channel/link"), ["https://jobs.example.com/"]);
        assert_eq!(texts(&doc, "rss/channel/description"), ["Open positions at Acme"]);
        assert_eq!(texts(&doc, "rss/channel/language"), ["en"]);
        assert_eq!(texts(&doc, "rss/channel/generator"), ["Vacancy"]);
        let self_link = node(&doc, "rss/channel/atom:link");
        assert_eq!(attr(self_link, "href"), Some("https://jobs.example.com/feed.xml"));
        assert_eq!(attr(self_link, "rel"), Some("self"));
        assert_eq!(attr(self_link, "type"), Some("application/rss+xml"));

        assert_eq!(texts(&doc, "rss/channel/item/title"), ["Rust Developer", "Designer"]);
        assert_eq!(
            texts(&doc, "rss/channel/item/guid"),
            ["https://jobs.example.com/jobs/rust-dev/", "https://jobs.example.com/jobs/designer/"]
        );
        assert_eq!(texts(&doc, "rss/channel/item/link"), texts(&doc, "rss/channel/item/guid"));
        for guid in doc.iter().filter(|n| n.path == "rss/channel/item/guid") {
            // RSS reads a guid without the attribute as a permalink, which it is.
            assert_eq!(attr(guid, "isPermaLink"), None);
        }
        assert_eq!(
            texts(&doc, "rss/channel/item/pubDate"),
            ["Fri, 20 Nov 2026 09:00:00 +0000", "Thu, 19 Nov 2026 09:00:00 +0000"]
        );
        assert_eq!(texts(&doc, "rss/channel/item/category"), ["Engineering", "Remote"]);
        assert_eq!(texts(&doc, "rss/channel/item/description"), ["<p>Join us.</p>", "<p>Join us.</p>"]);
    }

    #[test]
    fn escapes_markup_and_quotes_in_text() {
        let channel =
            Channel { title: r#"Jobs <at> "Acme" & 'Co'"#, description: "Tom & Jerry's <board>", ..CHANNEL };
        let html = r#"<p class="x">Pay &amp; perks: "great" & <b>'fun'</b></p>"#;
        let description = XmlText::new(html);
        let items = [Item {
            description: &description,
            categories: &["R&D <lab>"],
            ..item(r#"Senior <Rust> & "Go" dev"#, "a", "2026-11-20T00:00:00Z")
        }];
        let xml = rss(&channel, &items, &TimeZone::UTC);

        assert!(
            xml.contains("<title>Jobs &lt;at&gt; &quot;Acme&quot; &amp; &apos;Co&apos;</title>"),
            "{xml}"
        );
        assert!(xml.contains("Senior &lt;Rust&gt; &amp; &quot;Go&quot; dev"));
        // The HTML's own entity is escaped again, so readers get `&amp;` back.
        assert!(xml.contains("&lt;p class=&quot;x&quot;&gt;Pay &amp;amp; perks"));
        assert!(!xml.contains("<p class"), "raw HTML leaked: {xml}");
        assert!(!xml.contains("<b>"));

        let doc = parse(&xml);
        assert_eq!(texts(&doc, "rss/channel/title"), [channel.title]);
        assert_eq!(texts(&doc, "rss/channel/description"), [channel.description]);
        assert_eq!(texts(&doc, "rss/channel/item/title"), [items[0].title]);
        assert_eq!(texts(&doc, "rss/channel/item/description"), [html]);
        assert_eq!(texts(&doc, "rss/channel/item/category"), ["R&D <lab>"]);
    }

    #[test]
    fn urls_with_ampersands_and_quotes_are_escaped_in_attributes_and_text() {
        let channel = Channel { self_url: r#"https://example.com/feed.xml?a=1&b="2""#, ..CHANNEL };
        let url = "https://example.com/jobs?id=1&ref=rss";
        let items = [Item { link: url, guid: url, ..item("Job", "x", "2026-11-20T00:00:00Z") }];
        let xml = rss(&channel, &items, &TimeZone::UTC);
        assert!(xml.contains(r#"href="https://example.com/feed.xml?a=1&amp;b=&quot;2&quot;""#));
        assert!(xml.contains("id=1&amp;ref=rss</link>"));
        let doc = parse(&xml);
        assert_eq!(attr(node(&doc, "rss/channel/atom:link"), "href"), Some(channel.self_url));
        assert_eq!(texts(&doc, "rss/channel/item/link"), [url]);
        assert_eq!(texts(&doc, "rss/channel/item/guid"), [url]);
    }

    #[test]
    fn html_cannot_break_out_of_description() {
        let hostile = "<p>a]]>b</p></description></item><item><title>pwned</title>\
                       <![CDATA[ x ]]></channel></rss><!-- ";
        let description = XmlText::new(hostile);
        let items = [Item { description: &description, ..item("Real", "real", "2026-11-20T00:00:00Z") }];
        let xml = rss(&CHANNEL, &items, &TimeZone::UTC);
        assert!(!xml.contains("]]>"), "{xml}");
        assert!(!xml.contains("<![CDATA["));
        assert_eq!(xml.matches("</description>").count(), 2);

        let doc = parse(&xml);
        assert_eq!(texts(&doc, "rss/channel/item/title"), ["Real"]);
        assert_eq!(texts(&doc, "rss/channel/item/description"), [hostile]);
    }

    #[test]
    fn strips_characters_illegal_in_xml_1_0() {
        let dirty = "A\u{0}B\u{1}C\u{8}D\u{B}E\u{C}F\u{1B}G\u{7F}H\u{85}I\u{FFFE}J\u{FFFF}K";
        let channel = Channel { title: dirty, self_url: "https://example.com/\u{1}feed.xml", ..CHANNEL };
        let categories = ["Ops\u{7}"];
        let description = XmlText::new(dirty);
        let items = [Item {
            title: "Tab\there\nnewline",
            description: &description,
            categories: &categories,
            ..item("", "x", "2026-11-20T00:00:00Z")
        }];
        let xml = rss(&channel, &items, &TimeZone::UTC);
        let illegal = |c: char| {
            matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}')
                || matches!(c, '\u{7F}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}')
        };
        assert!(!xml.contains(illegal), "{xml:?}");

        let doc = parse(&xml);
        assert_eq!(texts(&doc, "rss/channel/title"), ["ABCDEFGHIJK"]);
        assert_eq!(texts(&doc, "rss/channel/item/description"), ["ABCDEFGHIJK"]);
        assert_eq!(texts(&doc, "rss/channel/item/category"), ["Ops"]);
        // Tab and newline are legal and kept.
        assert_eq!(texts(&doc, "rss/channel/item/title"), ["Tab\there\nnewline"]);
        assert_eq!(attr(node(&doc, "rss/channel/atom:link"), "href"), Some("https://example.com/feed.xml"));
    }

    #[test]
    fn carriage_return_survives_as_character_reference() {
        let items = [item("one\r\ntwo", "x", "2026-11-20T00:00:00Z")];
        let xml = rss(&CHANNEL, &items, &TimeZone::UTC);
        // A raw CR would be normalised away by any XML parser.
        assert!(xml.contains("one&#13;\ntwo"), "{xml}");
        assert_eq!(texts(&parse(&xml), "rss/channel/item/title"), ["one\r\ntwo"]);
    }

    #[test]
    fn rfc822_in_utc() {
        assert_eq!(
            rfc822(ts("2026-11-20T00:00:00Z"), &TimeZone::UTC).as_deref(),
            Some("Fri, 20 Nov 2026 00:00:00 +0000")
        );
        // Single-digit day, leap day, fractional seconds truncated.
        assert_eq!(
            rfc822(ts("2028-02-29T23:59:59.999Z"), &TimeZone::UTC).as_deref(),
            Some("Tue, 29 Feb 2028 23:59:59 +0000")
        );
    }

    #[test]
    fn rfc822_in_berlin_winter_and_summer() {
        let tz = berlin();
        // CET, +01:00.
        assert_eq!(
            rfc822(ts("2026-01-15T12:30:00Z"), &tz).as_deref(),
            Some("Thu, 15 Jan 2026 13:30:00 +0100")
        );
        // CEST, +02:00; local time crosses midnight, so weekday and day are
        // those of the local date, not the UTC one (Wed, 1 Jul).
        assert_eq!(
            rfc822(ts("2026-07-01T22:30:00Z"), &tz).as_deref(),
            Some("Thu, 2 Jul 2026 00:30:00 +0200")
        );
        // Either side of the 2026 spring-forward (01:00 UTC, Sun 29 Mar).
        assert_eq!(
            rfc822(ts("2026-03-29T00:59:59Z"), &tz).as_deref(),
            Some("Sun, 29 Mar 2026 01:59:59 +0100")
        );
        assert_eq!(
            rfc822(ts("2026-03-29T01:00:00Z"), &tz).as_deref(),
            Some("Sun, 29 Mar 2026 03:00:00 +0200")
        );
    }

    #[test]
    fn pub_date_uses_the_given_time_zone() {
        let items = [item("Job", "x", "2026-07-01T22:30:00Z")];
        let xml = rss(&CHANNEL, &items, &berlin());
        let doc = parse(&xml);
        assert_eq!(texts(&doc, "rss/channel/item/pubDate"), ["Thu, 2 Jul 2026 00:30:00 +0200"]);
    }

    #[test]
    fn years_are_four_digits() {
        // Python: datetime.date(999, 3, 5).strftime('%a') == 'Tue'.
        assert_eq!(
            rfc822(ts("0999-03-05T08:00:00Z"), &TimeZone::UTC).as_deref(),
            Some("Tue, 5 Mar 0999 08:00:00 +0000")
        );
    }

    #[test]
    fn unrepresentable_date_is_omitted_not_panicking() {
        let items = [Item { published: Timestamp::MIN, ..item("Ancient", "x", "2026-11-20T00:00:00Z") }];
        let xml = rss(&CHANNEL, &items, &TimeZone::UTC);
        let doc = parse(&xml);
        assert_eq!(texts(&doc, "rss/channel/item/title"), ["Ancient"]);
        assert!(texts(&doc, "rss/channel/item/pubDate").is_empty());
        assert!(texts(&doc, "rss/channel/lastBuildDate").is_empty());
    }

    #[test]
    fn last_build_date_is_the_newest_item_not_the_first() {
        let items = [
            item("Old", "old", "2026-11-01T10:00:00Z"),
            item("Newest", "newest", "2026-11-20T10:00:00Z"),
            item("Middle", "middle", "2026-11-10T10:00:00Z"),
        ];
        let tz = berlin();
        let xml = rss(&CHANNEL, &items, &tz);
        let doc = parse(&xml);
        assert_eq!(texts(&doc, "rss/channel/lastBuildDate"), ["Fri, 20 Nov 2026 11:00:00 +0100"]);
        assert_eq!(texts(&doc, "rss/channel/item/pubDate")[1], "Fri, 20 Nov 2026 11:00:00 +0100");
        // No wall clock: rendering again is byte-identical.
        assert_eq!(xml, rss(&CHANNEL, &items, &tz));
    }

    #[test]
    fn empty_feed_is_still_valid() {
        let xml = rss(&CHANNEL, &[], &TimeZone::UTC);
        let doc = parse(&xml);
        assert_eq!(texts(&doc, "rss/channel/title"), ["Acme Jobs"]);
        assert_eq!(node(&doc, "rss/channel/atom:link").attrs.len(), 3);
        assert!(texts(&doc, "rss/channel/lastBuildDate").is_empty());
        assert!(!doc.iter().any(|n| n.path == "rss/channel/item"));
        assert!(!xml.contains("lastBuildDate"));
    }

    #[test]
    fn blank_optional_fields_are_omitted_but_required_ones_kept() {
        let channel = Channel { description: "", language: "", generator: " ", ..CHANNEL };
        let items = [Item { categories: &["", "  ", "Sales"], ..item("Job", "x", "2026-11-20T00:00:00Z") }];
        let doc = parse(&rss(&channel, &items, &TimeZone::UTC));
        assert_eq!(texts(&doc, "rss/channel/description"), [""]);
        assert!(texts(&doc, "rss/channel/language").is_empty());
        assert!(texts(&doc, "rss/channel/generator").is_empty());
        assert_eq!(texts(&doc, "rss/channel/item/category"), ["Sales"]);
    }

    #[test]
    fn strip_borrows_clean_text() {
        assert!(matches!(strip_invalid_xml_chars("plain\ttext\n"), Cow::Borrowed(_)));
        assert_eq!(strip_invalid_xml_chars("a\u{0}b"), "ab");
    }
}
