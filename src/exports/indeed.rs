//! An Indeed-style XML job feed at `/jobs-indeed.xml`: every open posting, with each
//! field Indeed documents that a posting has. Indeed reads no HTML entities, so every
//! value is CDATA (a `]]>` inside one is split across two sections) and nothing is
//! escaped outside it. Reference numbers are the posting's `id`, so they survive renames.

use super::job::rfc3339;
use crate::content::fields::{Apply, EmploymentType};
use crate::content::posting::Posting;
use crate::site::Site;
use crate::site::feeds::strip_invalid_xml_chars;
use crate::site::urls;
use quick_xml::Writer;
use quick_xml::events::{BytesCData, BytesDecl, Event};
use std::io;

/// The feed of `postings` (newest first; the complete set, never cut to `feed_limit`).
pub fn feed(site: &Site, postings: &[&Posting]) -> Vec<u8> {
    let mut out = Vec::new();
    write_to(&mut out, site, postings).expect("writing into a Vec<u8> cannot fail");
    out
}

/// Writes [`feed`] into `out` as it goes: the file lists every posting's description,
/// too large at scale to hold whole.
pub fn write_to(out: &mut dyn io::Write, site: &Site, postings: &[&Posting]) -> io::Result<()> {
    let mut w = Writer::new_with_indent(io::BufWriter::with_capacity(1 << 16, out), b' ', 2);
    write(&mut w, site, postings)?;
    let mut out = w.into_inner();
    io::Write::write_all(&mut out, b"\n")?;
    io::Write::flush(&mut out)
}

fn write<W: io::Write>(w: &mut Writer<W>, site: &Site, postings: &[&Posting]) -> io::Result<()> {
    let c = &site.config;
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    w.create_element("source").write_inner_content(|w| {
        cdata(w, "publisher", &c.title)?;
        cdata(w, "publisherurl", c.base_url.as_str())?;
        cdata(w, "lastBuildDate", &rfc3339(site.now, &c.timezone))?;
        for p in postings {
            job(w, site, p)?;
        }
        Ok(())
    })?;
    Ok(())
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
        optional(w, "country", country.map(|c| c.code.as_str()))?;
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
