//! schema.org JSON-LD, built from typed structs so Google's rules never depend on a theme.
//!
//! See Google Search Central's job-posting documentation: title, description, datePosted,
//! hiringOrganization and jobLocation (or TELECOMMUTE with applicantLocationRequirements)
//! are required; the rest is recommended and emitted whenever the posting has it.

use crate::config::Config;
use crate::content::company::Company;
use crate::content::posting::{Place, Posting};
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JobPosting<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    title: &'a str,
    description: &'a str,
    date_posted: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_through: Option<String>,
    employment_type: Vec<&'static str>,
    hiring_organization: Organization<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    job_location: Vec<JobPlace<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_location_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    applicant_location_requirements: Vec<CountryRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_salary: Option<MonetaryAmount<'a>>,
    identifier: PropertyValue<'a>,
    direct_apply: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    same_as: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<&'a str>,
}

#[derive(Serialize)]
struct JobPlace<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    address: PostalAddress<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PostalAddress<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    street_address: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_locality: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_region: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    postal_code: Option<&'a str>,
    address_country: &'a str,
}

#[derive(Serialize)]
struct CountryRef<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct MonetaryAmount<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    currency: &'a str,
    value: QuantitativeValue,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QuantitativeValue {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<serde_json::Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_value: Option<serde_json::Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_value: Option<serde_json::Number>,
    unit_text: &'static str,
}

#[derive(Serialize)]
struct PropertyValue<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    value: &'a str,
}

/// Whole amounts as JSON integers (`120000`, not `120000.0`), others as decimals.
fn number(v: f64) -> Option<serde_json::Number> {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        Some(serde_json::Number::from(v as i64))
    } else {
        serde_json::Number::from_f64(v)
    }
}

fn organization(c: &Company) -> Organization<'_> {
    Organization {
        kind: "Organization",
        name: &c.name,
        same_as: c.url.as_deref(),
        url: None,
        logo: c.logo.as_deref(),
    }
}

fn place(p: &Place) -> JobPlace<'_> {
    JobPlace {
        kind: "Place",
        address: PostalAddress {
            kind: "PostalAddress",
            street_address: p.street.as_deref(),
            address_locality: p.city.as_deref(),
            address_region: p.region.as_deref(),
            postal_code: p.postal_code.as_deref(),
            address_country: p.country.code(),
        },
    }
}

/// The posting's HTML as the `JobPosting` description: all of it, without what only the
/// page itself uses (heading anchors, the links' `rel`) and without the line breaks the
/// renderer puts between block elements (`</p>\n<h2>`), which HTML does not show. All of
/// these repeat on every heading, link and paragraph, and the description is the largest
/// part of a posting page after the body.
///
/// The HTML is the Markdown renderer's or the sanitiser's serialisation: text has `<`
/// escaped, so every `<` starts a tag, and attribute values are quoted with `"` escaped
/// inside, though they may hold `>` or text that reads like another attribute (the
/// fuzzer found `href="…&lt;h2 id="`), so each tag is read attribute by attribute.
fn description(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // Whether the last tag was a block element's, and how deep inside `<pre>` we are
    // (where a line break is the text's own).
    let (mut after_block, mut pre) = (false, 0usize);
    while let Some(lt) = rest.find('<') {
        let tag = &rest[lt..];
        let name = 1 + tag[1..]
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .unwrap_or(tag.len() - 1);
        let closing = tag[1..].starts_with('/');
        let element = &tag[1 + usize::from(closing)..];
        let element = &element[..element
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .unwrap_or(element.len())];
        let block = is_block(element);
        push_text(&rest[..lt], pre == 0 && (after_block || block), &mut out);
        if element.eq_ignore_ascii_case("pre") {
            pre = if closing { pre.saturating_sub(1) } else { pre + 1 };
        }
        after_block = block;
        out.push_str(&tag[..name]);
        rest = attributes(&tag[name..], &mut out);
    }
    push_text(rest, pre == 0 && after_block, &mut out);
    out
}

/// Copies what lies between two tags: the end of the one before (`>` or `/>`, which
/// [`attributes`] leaves) and text, whose line break is left out when `drop_break`.
fn push_text(between: &str, drop_break: bool, out: &mut String) {
    let end = [">", "/>"].iter().find(|e| between.starts_with(*e)).map_or(0, |e| e.len());
    if drop_break && &between[end..] == "\n" {
        out.push_str(&between[..end]);
    } else {
        out.push_str(between);
    }
}

/// Elements whose start and end tags a line break beside is not shown: block elements,
/// where whitespace at the start or end of a line collapses.
fn is_block(name: &str) -> bool {
    const BLOCKS: &str = "p h1 h2 h3 h4 h5 h6 ul ol li blockquote pre hr table thead tbody tfoot tr th td dl dt dd div \
                          figure figcaption details";
    BLOCKS.split_ascii_whitespace().any(|b| b.eq_ignore_ascii_case(name))
}

/// The description for `p`: with `raw_html: trust` the body's HTML is the author's own,
/// not a serialiser's, so it goes in as it is.
fn description_of(p: &Posting, config: &Config) -> String {
    match config.markdown.raw_html {
        crate::sanitize::RawHtml::Trust => p.body.html().into_owned(),
        _ => description(&p.body.html()),
    }
}

/// Copies the attributes at the start of `tag` (up to its `>`) into `out`, leaving out
/// `id` and `rel`; returns what follows them.
fn attributes<'a>(mut tag: &'a str, out: &mut String) -> &'a str {
    loop {
        let attr = tag.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let space = &tag[..tag.len() - attr.len()];
        if attr.is_empty() || attr.starts_with('>') || attr.starts_with("/>") {
            out.push_str(space);
            return attr;
        }
        let name_len = attr
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(attr.len())
            .max(1);
        let after_name = &attr[name_len..];
        let len = if let Some(value) = after_name.strip_prefix("=\"") {
            name_len + 2 + value.find('"').map_or(value.len(), |end| end + 1)
        } else if let Some(value) = after_name.strip_prefix('=') {
            name_len + 1 + value.find(|c: char| c.is_ascii_whitespace() || c == '>').unwrap_or(value.len())
        } else {
            name_len
        };
        let name = &attr[..name_len];
        if !name.eq_ignore_ascii_case("id") && !name.eq_ignore_ascii_case("rel") {
            out.push_str(space);
            out.push_str(&attr[..len]);
        }
        tag = &attr[len..];
    }
}

/// The `JobPosting` JSON-LD text for an open posting, escaped for a `<script>` element.
///
/// No `url`: Google reads a JobPosting's URL from the page it is on (the canonical link), and
/// its job-posting documentation has no `url` property.
pub fn job_posting(p: &Posting, config: &Config) -> String {
    let tz = &config.timezone;
    let loc = &p.location;
    let doc = JobPosting {
        context: "https://schema.org",
        kind: "JobPosting",
        title: &p.title,
        description: &description_of(p, config),
        date_posted: p.posted.iso(tz),
        valid_through: p.closes.map(|c| c.last_instant_iso(tz)),
        employment_type: p.employment_types.iter().map(|t| t.schema()).collect(),
        hiring_organization: organization(&p.company),
        job_location: loc.places.iter().map(place).collect(),
        job_location_type: loc.remote.then_some("TELECOMMUTE"),
        applicant_location_requirements: if loc.remote {
            loc.countries.iter().map(|c| CountryRef { kind: "Country", name: c.name() }).collect()
        } else {
            Vec::new()
        },
        base_salary: p.salary.as_ref().map(|s| MonetaryAmount {
            kind: "MonetaryAmount",
            currency: &s.currency,
            value: QuantitativeValue {
                kind: "QuantitativeValue",
                value: s.value.and_then(number),
                min_value: s.min.and_then(number),
                max_value: s.max.and_then(number),
                unit_text: s.period.schema(),
            },
        }),
        identifier: PropertyValue { kind: "PropertyValue", name: &p.company.name, value: &p.id },
        direct_apply: p.direct_apply,
    };
    to_script_json(&doc)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WebSite<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
}

#[derive(Serialize)]
struct OrganizationDoc<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(flatten)]
    org: Organization<'a>,
    #[serde(rename = "sameAs", skip_serializing_if = "<[String]>::is_empty")]
    same_as: &'a [String],
}

/// `WebSite` and, when configured, `Organization` JSON-LD for the home page.
pub fn home(config: &Config) -> Vec<String> {
    let mut docs = vec![to_script_json(&WebSite {
        context: "https://schema.org",
        kind: "WebSite",
        name: &config.title,
        url: config.base_url.as_str(),
        description: &config.description,
    })];
    if let Some(org) = &config.organization {
        docs.push(to_script_json(&OrganizationDoc {
            context: "https://schema.org",
            org: Organization {
                kind: "Organization",
                name: &org.name,
                same_as: None,
                url: org.url.as_deref(),
                logo: org.logo.as_deref(),
            },
            same_as: &org.same_as,
        }));
    }
    docs
}

/// Serializes and escapes so that no value can end the `<script>` element: inside a
/// script only `</script` (any case: the end tag) and `<!` (`<!--`, which changes how the
/// end tag is found) are special, so those become `<\/script` and `\u003c!`; U+2028/2029
/// become `\u` escapes too (line terminators in old JavaScript parsers). Every other `<`,
/// `</`, `>` and `&` stays as it is: a posting's HTML description is mostly tags, and
/// escaping each one cost a tenth of a posting page. JSON parsers decode the result to the
/// same text.
pub fn to_script_json<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("JSON-LD structs always serialize");
    let mut out = String::with_capacity(json.len() + 64);
    let mut last = 0;
    for (i, c) in json.match_indices(['<', '\u{2028}', '\u{2029}']) {
        let after = &json.as_bytes()[i + c.len()..];
        let escaped = match c {
            "<" if closes_script(after) => "<\\",
            "<" if after.first() == Some(&b'!') => "\\u003c",
            "<" => continue,
            "\u{2028}" => "\\u2028",
            _ => "\\u2029",
        };
        out.push_str(&json[last..i]);
        out.push_str(escaped);
        last = i + c.len();
        // `<\` is followed by the `/` still in `json`: `\/` is JSON's escape for `/`.
    }
    out.push_str(&json[last..]);
    out
}

/// Whether the text after a `<` reads `/script` in any case: the only end tag that closes
/// a script element (whatever follows it, so `</scripts` is escaped too, harmlessly).
fn closes_script(after: &[u8]) -> bool {
    after.len() >= 7 && after[0] == b'/' && after[1..7].eq_ignore_ascii_case(b"script")
}

#[cfg(test)]
mod tests {
    #[test]
    fn description_keeps_the_text_and_drops_heading_anchors_and_rel() {
        let html = "<h2 id=\"the-role\">The role</h2>\n<p>Say id=\"x\" rel=\"y\" and <a href=\"https://e.com/\" rel=\"nofollow noopener\">apply</a>.</p>\n<h3 id=\"more\">More</h3>";
        assert_eq!(
            super::description(html),
            "<h2>The role</h2><p>Say id=\"x\" rel=\"y\" and <a href=\"https://e.com/\">apply</a>.</p><h3>More</h3>"
        );
    }

    #[test]
    fn description_drops_line_breaks_only_beside_block_tags_and_outside_pre() {
        let html = "<ul>\n<li>a</li>\n</ul>\n<p><em>soft</em>\n<em>break</em></p>\n<pre><code>x\n</code></pre>\n<PRE>\n<b>y</b>\n</PRE>\n<p>z</p>\n";
        assert_eq!(
            super::description(html),
            // Between two inline elements a line break is a space the reader sees; in
            // `<pre>` it is the text's own.
            "<ul><li>a</li></ul><p><em>soft</em>\n<em>break</em></p><pre><code>x\n</code></pre><PRE>\n<b>y</b>\n</PRE><p>z</p>"
        );
    }

    #[test]
    fn description_reads_attribute_values_whole() {
        // Found by fuzzing: a sanitised href whose value ends in text like ` id=`; reading
        // ` id="` as an attribute dropped the link text up to the next quote.
        let html = "<p><a href=\"x\t\n&lt;h2 id=\">apply now</a> <img alt=\"a > b\" id=\"i\" src=\"/l.png\"><br/><input disabled=\"\" type=\"checkbox\" id=x></p>";
        assert_eq!(
            super::description(html),
            "<p><a href=\"x\t\n&lt;h2 id=\">apply now</a> <img alt=\"a > b\" src=\"/l.png\"><br/><input disabled=\"\" type=\"checkbox\"></p>"
        );
    }

    use super::*;
    use crate::content::posting::{self, Posting};
    use std::collections::HashMap;
    use std::path::Path;

    fn config() -> Config {
        crate::config::parse(
            Path::new("config.yaml"),
            "title: Jobs\nbase_url: https://jobs.example/\ntimezone: America/New_York\norganization: {name: Acme, url: https://acme.example}\n",
            None,
        )
        .unwrap()
    }

    fn posting(front_matter: &str, config: &Config) -> Posting {
        let text = format!("---\n{front_matter}---\nWe build <b>tools</b>.\n");
        let companies = HashMap::new();
        let cx = posting::Context { config, companies: &companies };
        let (p, diagnostics) = posting::parse(Path::new("content/jobs/x.md"), text.as_bytes(), &cx);
        p.unwrap_or_else(|| panic!("{diagnostics:?}"))
    }

    fn build(front_matter: &str) -> serde_json::Value {
        let config = config();
        let p = posting(front_matter, &config);
        serde_json::from_str(&job_posting(&p, &config)).unwrap()
    }

    const BASE: &str = "title: Engineer\ncategory: eng\nemployment_type: [part-time, per-diem]\nposted: 2026-03-01\napply: jobs@acme.example\n";

    #[test]
    fn remote_postings_are_telecommute_with_applicant_countries() {
        let jp = build(&format!("{BASE}location: {{remote: true, countries: [EEA]}}\n"));
        assert_eq!(jp["jobLocationType"], "TELECOMMUTE");
        assert!(jp.get("jobLocation").is_none());
        let names: Vec<&str> = jp["applicantLocationRequirements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(names.len(), 30);
        assert!(names.contains(&"Norway") && names.contains(&"Germany"));
        assert_eq!(jp["employmentType"], serde_json::json!(["PART_TIME", "PER_DIEM"]));
    }

    #[test]
    fn required_properties_come_from_the_posting_and_the_site() {
        let jp = build(&format!(
            "{BASE}location: {{places: [{{city: Boston, region: MA, country: us}}]}}\ncloses: 2026-03-31\n"
        ));
        assert_eq!(jp["@type"], "JobPosting");
        assert_eq!(jp["title"], "Engineer");
        assert_eq!(
            jp["description"], "<p>We build <b>tools</b>.</p>",
            "allow-listed raw HTML kept by the default sanitiser"
        );
        assert_eq!(jp["datePosted"], "2026-03-01");
        assert_eq!(jp["validThrough"], "2026-03-31T23:59:59-04:00", "daylight saving time in New York");
        assert_eq!(
            jp["hiringOrganization"],
            serde_json::json!({"@type": "Organization", "name": "Acme", "sameAs": "https://acme.example"})
        );
        assert_eq!(jp["jobLocation"][0]["address"]["addressCountry"], "US");
        assert!(jp.get("jobLocationType").is_none());
        assert!(jp.get("baseSalary").is_none());
        assert_eq!(jp["identifier"]["value"], "x");
    }

    #[test]
    fn hybrid_remote_and_places_give_both_location_forms() {
        let jp = build(&format!(
            "{BASE}location: {{remote: true, countries: [CA], places: [{{city: Toronto, country: CA}}]}}\nsalary: {{min: 50.5, max: 60, currency: CAD, period: hour}}\n"
        ));
        assert_eq!(jp["jobLocationType"], "TELECOMMUTE");
        assert_eq!(jp["jobLocation"][0]["address"]["addressLocality"], "Toronto");
        assert_eq!(jp["baseSalary"]["value"]["minValue"], 50.5);
        assert_eq!(jp["baseSalary"]["value"]["maxValue"], 60);
        assert_eq!(jp["baseSalary"]["value"]["unitText"], "HOUR");
    }

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let d = "</script><b>&amp;\u{2028}</SCRIPT ><!-- <script> --> </b></ScRiPt\t</scripts>";
        let s = to_script_json(&serde_json::json!({ "d": d }));
        assert!(!s.to_ascii_lowercase().contains("</script") && !s.contains("<!"), "{s}");
        assert!(!s.contains('\u{2028}'));
        assert!(s.contains("<\\/script><b>&amp;"), "{s}");
        // Other end tags stay as they are: only a script end tag can close the element.
        assert!(s.contains(" </b><\\/ScRiPt\\t<\\/scripts>"), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["d"], d);
    }
}
