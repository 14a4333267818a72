//! Atom 1.0 (RFC 4287) at `/atom.xml`: the newest open postings, with permanent entry
//! ids (tag URIs from each posting's `id`), `published`, `updated` and an author.

use super::job::{entry_id, rfc3339};
use crate::content::posting::Posting;
use crate::site::Site;
use crate::site::feeds::strip_invalid_xml_chars;
use crate::site::urls::{self, PageUrl};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io;

const NS: &str = "http://www.w3.org/2005/Atom";

/// The feed of `postings` (newest first, already cut to `feed_limit`).
pub fn feed(site: &Site, postings: &[&Posting]) -> Vec<u8> {
    // One element a line, not indented: the indentation repeated on every entry.
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 0);
    write(&mut w, site, postings).expect("writing into a Vec<u8> cannot fail");
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

fn write(w: &mut Writer<Vec<u8>>, site: &Site, postings: &[&Posting]) -> io::Result<()> {
    let c = &site.config;
    let base = &c.base_url;
    let tz = &c.timezone;
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut root = w.create_element("feed").with_attribute(("xmlns", NS));
    if !c.language.is_empty() {
        root = root.with_attribute(("xml:lang", c.language.as_str()));
    }
    root.write_inner_content(|w| {
        // The home page is the feed's identity: it changes only with `base_url`.
        text(w, "id", base.as_str())?;
        text(w, "title", &c.strings.fill("feed_all_jobs", &[("site", &c.title)]))?;
        if !c.description.trim().is_empty() {
            text(w, "subtitle", &c.description)?;
        }
        // The newest entry's time, not the clock, so an unchanged board gives an
        // unchanged feed; an empty board has only the build's "now".
        let updated = postings.iter().map(|p| p.lastmod_at(tz)).max().unwrap_or(site.now);
        text(w, "updated", &rfc3339(updated, tz))?;
        link(w, "self", &PageUrl::new("atom.xml").permalink(base), Some("application/atom+xml"))?;
        link(w, "alternate", base.as_str(), Some("text/html"))?;
        if let Some(complete) = super::complete_export_url(c) {
            link(w, "related", &complete, Some("application/json"))?;
        }
        let (name, uri) = super::site_author(c);
        author(w, name, uri)?;
        w.create_element("generator")
            .with_attribute(("version", env!("CARGO_PKG_VERSION")))
            .write_text_content(BytesText::new("Vacancy"))?;
        for p in postings {
            entry(w, site, p)?;
        }
        Ok(())
    })?;
    Ok(())
}

fn entry(w: &mut Writer<Vec<u8>>, site: &Site, p: &Posting) -> io::Result<()> {
    let c = &site.config;
    let tz = &c.timezone;
    w.create_element("entry").write_inner_content(|w| {
        text(w, "id", &entry_id(p, c))?;
        text(w, "title", &p.title)?;
        link(w, "alternate", &urls::posting(&p.slug).permalink(&c.base_url), Some("text/html"))?;
        text(w, "published", &rfc3339(p.posted_at, tz))?;
        // `updated:` (or the last commit, with `sitemap: {lastmod: git}`), as in the sitemap.
        text(w, "updated", &rfc3339(p.lastmod_at(tz), tz))?;
        author(w, &p.company.name, p.company.url.as_deref())?;
        w.create_element("category")
            .with_attribute(("term", strip_invalid_xml_chars(&p.category.key).as_ref()))
            .with_attribute(("label", strip_invalid_xml_chars(&p.category.name).as_ref()))
            .write_empty()?;
        if !p.summary.trim().is_empty() {
            text(w, "summary", &p.summary)?;
        }
        w.create_element("content")
            .with_attribute(("type", "html"))
            .write_text_content(BytesText::new(&strip_invalid_xml_chars(&p.body.html())))?;
        Ok(())
    })?;
    Ok(())
}

fn author(w: &mut Writer<Vec<u8>>, name: &str, uri: Option<&str>) -> io::Result<()> {
    w.create_element("author").write_inner_content(|w| {
        text(w, "name", name)?;
        if let Some(uri) = uri {
            text(w, "uri", uri)?;
        }
        Ok(())
    })?;
    Ok(())
}

fn link(w: &mut Writer<Vec<u8>>, rel: &str, href: &str, kind: Option<&str>) -> io::Result<()> {
    let mut el = w.create_element("link").with_attribute(("rel", rel)).with_attribute(("href", href));
    if let Some(kind) = kind {
        el = el.with_attribute(("type", kind));
    }
    el.write_empty()?;
    Ok(())
}

/// `<name>text</name>`, escaped, without characters XML forbids.
fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name).write_text_content(BytesText::new(&strip_invalid_xml_chars(value)))?;
    Ok(())
}
