//! An Indeed-style XML job feed at `/jobs-indeed.xml`: every open posting, with each
//! field Indeed documents that a posting has. Indeed reads no HTML entities, so every
//! value is CDATA (a `]]>` inside one is split across two sections) and nothing is
//! escaped outside it. Reference numbers are the posting's `id`, so they survive renames.

use super::job::rfc3339;
use crate::content::fields::{Apply, EmploymentType};
use crate::content::posting::Posting;
use crate::output::pieces::Pieces;
use crate::render::fingerprint::Fingerprint;
use crate::site::Site;
use crate::site::feeds::strip_invalid_xml_chars;
use crate::site::urls;
use quick_xml::Writer;
use quick_xml::events::{BytesCData, BytesDecl, BytesEnd, BytesStart, Event};
use std::io;

/// The feed of `postings` (newest first; the complete set, never cut to `feed_limit`).
pub fn feed(site: &Site, postings: &[&Posting]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut pieces = Pieces::new(&mut out, None);
    write_to(&mut pieces, site, postings, &|_| None).expect("writing into a Vec<u8> cannot fail");
    pieces.finish().expect("writing into a Vec<u8> cannot fail");
    out
}

/// Writes [`feed`] into `out` as it goes (the file lists every posting's description,
/// too large at scale to hold whole), each `<job>` a piece with the fingerprint
/// `fingerprint` gives its posting: one the previous file holds is copied from it.
pub fn write_to(
    out: &mut Pieces<'_>,
    site: &Site,
    postings: &[&Posting],
    fingerprint: &dyn Fn(&Posting) -> Option<Fingerprint>,
) -> io::Result<()> {
    let c = &site.config;
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    w.write_event(Event::Start(BytesStart::new(SOURCE)))?;
    cdata(&mut w, "publisher", &c.title)?;
    cdata(&mut w, "publisherurl", c.base_url.as_str())?;
    cdata(&mut w, "lastBuildDate", &rfc3339(site.now, &c.timezone))?;
    for p in postings {
        // Written past the writer, which is left where an element inside `<source>` ended,
        // as each `<job>` leaves it.
        w.get_mut().piece(fingerprint(p), || job_bytes(site, p))?;
    }
    w.write_event(Event::End(BytesEnd::new(SOURCE)))?;
    io::Write::write_all(w.into_inner(), b"\n")
}

const SOURCE: &str = "source";

/// One posting's `<job>`, with the line break and indent that put it inside `<source>`.
fn job_bytes(site: &Site, p: &Posting) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Start(BytesStart::new(SOURCE)))?;
    let start = w.get_ref().len();
    job(&mut w, site, p)?;
    Ok(w.into_inner().split_off(start))
}

fn job<W: io::Write>(w: &mut Writer<W>, site: &Site, p: &Posting) -> io::Result<()> {
    let c = &site.config;
    let tz = &c.timezone;
    // Indeed takes one location per job: the first workplace, else (remote) the first
    // country applicants may live in.
    let place = p.location.places.first();
    let country = place.map(|pl| &pl.country).or(p.location.countries.first());
    w.create_element("job").write_inner_content(|w| {
        cdata(w, "title", &p.title)?;
        cdata(w, "date", &rfc3339(p.posted_at, tz))?;
        cdata(w, "referencenumber", &p.id)?;
        cdata(w, "requisitionid", &p.id)?;
        cdata(w, "url", &urls::posting(&p.slug).permalink(&c.base_url))?;
        cdata(w, "company", &p.company.name)?;
        cdata(w, "sourcename", &p.company.name)?;
        optional(w, "city", place.and_then(|pl| pl.city.as_deref()))?;
        optional(w, "state", place.and_then(|pl| pl.region.as_deref()))?;
        optional(w, "country", country.map(|c| c.code()))?;
        optional(w, "postalcode", place.and_then(|pl| pl.postal_code.as_deref()))?;
        optional(w, "streetaddress", place.and_then(|pl| pl.street.as_deref()))?;
        if let Apply::Email(address) = &p.apply {
            cdata(w, "email", address)?;
        }
        cdata(w, "description", &p.body.html())?;
        optional(w, "salary", p.salary.as_ref().map(|s| s.label()).as_deref())?;
        let types: Vec<&str> = p.employment_types.iter().map(|&t| job_type(t)).collect();
        cdata(w, "jobtype", &types.join(", "))?;
        cdata(w, "category", &p.category.name)?;
        optional(w, "expirationdate", p.closes.map(|d| d.last_instant_iso(tz)).as_deref())?;
        optional(w, "remotetype", remote_type(p))?;
        Ok(())
    })?;
    Ok(())
}

/// Indeed's spelling of an employment type.
fn job_type(t: EmploymentType) -> &'static str {
    match t {
        EmploymentType::FullTime => "fulltime",
        EmploymentType::PartTime => "parttime",
        EmploymentType::Contract => "contract",
        EmploymentType::Temporary => "temporary",
        EmploymentType::Internship => "internship",
        EmploymentType::Volunteer => "volunteer",
        EmploymentType::PerDiem => "perdiem",
        EmploymentType::Other => "other",
    }
}

fn remote_type(p: &Posting) -> Option<&'static str> {
    if p.location.hybrid {
        Some("Hybrid remote")
    } else if p.location.remote {
        Some("Fully remote")
    } else {
        None
    }
}

fn optional<W: io::Write>(w: &mut Writer<W>, name: &str, value: Option<&str>) -> io::Result<()> {
    match value.filter(|v| !v.trim().is_empty()) {
        Some(v) => cdata(w, name, v),
        None => Ok(()),
    }
}

/// `<name><![CDATA[value]]></name>`; a `]]>` in the value ends one section and starts
/// another between its `]]` and `>`, so the text reads back unchanged.
fn cdata<W: io::Write>(w: &mut Writer<W>, name: &str, value: &str) -> io::Result<()> {
    let value = strip_invalid_xml_chars(value);
    w.create_element(name).write_inner_content(|w| {
        for section in BytesCData::escaped(&value) {
            w.write_event(Event::CData(section))?;
        }
        Ok(())
    })?;
    Ok(())
}
