//! The machine-readable exports, read back with real parsers: `/jobs.json` against the
//! shipped JSON Schema, JSON Feed's required fields, Atom and Indeed XML with quick-xml.

mod common;

use common::{Built, build, build_fixture, site_copy, stderr};
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;

/// The open, published postings of the `minimal` fixture, newest first.
const OPEN: [&str; 3] = ["Senior Rust Engineer", "R&D Product Designer", "Sales Lead"];

fn schema() -> Value {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/jobs.schema.json"))
            .expect("schemas/jobs.schema.json");
    serde_json::from_str(&text).expect("the schema is JSON")
}

/// Validates `doc` against the shipped schema (or one of its `$defs`), formats included.
fn schema_errors(doc: &Value, def: Option<&str>) -> Vec<String> {
    let mut schema = schema();
    if let Some(def) = def {
        schema = json!({
            "$schema": schema["$schema"],
            "$defs": schema["$defs"],
            "$ref": format!("#/$defs/{def}"),
        });
    }
    let validator =
        jsonschema::options().should_validate_formats(true).build(&schema).expect("the schema compiles");
    validator.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

fn json(built: &Built, rel: &str) -> Value {
    serde_json::from_str(&built.read(rel)).unwrap_or_else(|e| panic!("{rel} is not JSON: {e}"))
}

/// Appends `yaml` to the site's config.yaml.
fn configure(root: &Path, yaml: &str) {
    let path = root.join("config.yaml");
    let mut config = std::fs::read_to_string(&path).unwrap();
    config.push_str(yaml);
    std::fs::write(path, config).unwrap();
}

/// Builds the `minimal` fixture with `yaml` added to its config.
fn build_with(yaml: &str) -> Built {
    let dir = site_copy("minimal");
    configure(dir.path(), yaml);
    let out = build(dir.path(), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "build failed:\n{err}");
    Built { dir, stderr: err }
}

/// One XML element: its slash-joined path, attributes and text, and whether any of that
/// text came from an entity or character reference, or from outside CDATA.
#[derive(Debug)]
struct Node {
    path: String,
    attrs: BTreeMap<String, String>,
    text: String,
    entities: bool,
    plain_text: bool,
}

fn parse_xml(xml: &str) -> Vec<Node> {
    let mut reader = Reader::from_str(xml);
    let mut nodes: Vec<Node> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    loop {
        let event = reader.read_event().unwrap_or_else(|e| panic!("not well-formed: {e}"));
        let (start, empty) = match event {
            Event::Start(s) => (s, false),
            Event::Empty(s) => (s, true),
            Event::End(_) => {
                open.pop().expect("end tag without start");
                continue;
            }
            Event::Text(t) => {
                let text = t.xml10_content();
                if let Some(&i) = open.last()
                    && !text.trim().is_empty()
                {
                    nodes[i].text.push_str(&text);
                    nodes[i].plain_text = true;
                }
                continue;
            }
            Event::GeneralRef(r) => {
                let &i = open.last().expect("reference outside the root");
                nodes[i].entities = true;
                let resolved = match r.resolve_char_ref().expect("valid character reference") {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r)
                        .unwrap_or_else(|| panic!("undefined entity &{};", &*r))
                        .to_string(),
                };
                nodes[i].text.push_str(&resolved);
                continue;
            }
            Event::CData(c) => {
                let &i = open.last().expect("CDATA outside the root");
                nodes[i].text.push_str(&c);
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let parent = open.last().map(|&i| format!("{}/", nodes[i].path)).unwrap_or_default();
        let name = start.name().into_inner().to_string();
        let attrs = start
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                (
                    a.key.into_inner().to_string(),
                    a.normalized_value(XmlVersion::Implicit1_0).unwrap().into_owned(),
                )
            })
            .collect();
        nodes.push(Node {
            path: format!("{parent}{name}"),
            attrs,
            text: String::new(),
            entities: false,
            plain_text: false,
        });
        if !empty {
            open.push(nodes.len() - 1);
        }
    }
    assert!(open.is_empty(), "unclosed elements");
    nodes
}

fn texts<'a>(nodes: &'a [Node], path: &str) -> Vec<&'a str> {
    nodes.iter().filter(|n| n.path == path).map(|n| n.text.as_str()).collect()
}

/// The children of each `parent` element, as `name → text` maps.
fn records(nodes: &[Node], parent: &str) -> Vec<BTreeMap<String, String>> {
    let mut out: Vec<BTreeMap<String, String>> = Vec::new();
    let prefix = format!("{parent}/");
    for n in nodes {
        if n.path == parent {
            out.push(BTreeMap::new());
        } else if let Some(child) = n.path.strip_prefix(&prefix).filter(|c| !c.contains('/')) {
            out.last_mut().expect("child after its parent").insert(child.to_string(), n.text.clone());
        }
    }
    out
}

#[test]
fn jobs_json_validates_against_the_shipped_schema_and_carries_every_field() {
    let built = build_fixture("minimal", &[]);
    let doc = json(&built, "jobs.json");
    assert_eq!(schema_errors(&doc, None), Vec::<String>::new());
    // The build's "now" (12:00 UTC) in the site's zone.
    assert_eq!(doc["generated"], "2026-11-30T13:00:00+01:00");
    assert_eq!(doc["$schema"], "https://example.com/careers/jobs.schema.json");
    assert_eq!(json(&built, "jobs.schema.json"), schema(), "the site publishes the shipped schema");
    let titles: Vec<&str> =
        doc["jobs"].as_array().unwrap().iter().map(|j| j["title"].as_str().unwrap()).collect();
    assert_eq!(titles, OPEN, "no draft, no expired, no scheduled posting");
    assert_eq!(doc["total"], 3);

    let rust = &doc["jobs"][0];
    assert_eq!(rust["id"], "GLX-1");
    assert_eq!(rust["url"], "https://example.com/careers/jobs/rust-engineer/");
    assert_eq!(
        rust["company"],
        json!({"name": "Globex", "url": "https://globex.example", "logo": "https://example.com/careers/img/globex.svg"})
    );
    assert_eq!(rust["category"], json!({"key": "engineering", "name": "Engineering"}));
    assert_eq!(rust["employment_types"], json!(["full-time", "contract"]));
    assert_eq!(rust["location"]["countries"], json!(["CA", "US"]));
    assert_eq!(rust["location"]["remote"], true);
    assert_eq!(rust["salary"]["min"], json!(120000), "whole amounts are integers");
    assert_eq!(rust["salary"]["period"], "year");
    assert_eq!(rust["posted"], "2026-11-20T00:00:00+01:00");
    assert_eq!(rust["closes"], "2027-01-20T23:59:59+01:00");
    assert_eq!(rust["apply"], "https://globex.example/apply/1");
    assert_eq!(rust["direct_apply"], true);
    assert_eq!(rust["tags"], json!(["rust", "kubernetes"]));
    assert!(rust["description_html"].as_str().unwrap().contains("<strong>reliable</strong>"));
    assert_eq!(rust["description_text"], "We build reliable things.\n\nWhat you’ll do\n\nWrite Rust");

    let designer = &doc["jobs"][1];
    assert_eq!(designer["apply"], "mailto:jobs@acme.example");
    assert_eq!(designer["company"]["name"], "Acme Corp", "the organization when no company is given");
    assert_eq!(
        designer["location"]["places"],
        json!([{"street": "Main St 1", "postal_code": "10115", "city": "Berlin", "region": "BE", "country": "DE"}])
    );
    assert!(designer.get("salary").is_none() && designer.get("closes").is_none());
}

#[test]
fn the_schema_rejects_what_it_does_not_describe() {
    let built = build_fixture("minimal", &[]);
    let mut doc = json(&built, "jobs.json");
    doc["jobs"][0].as_object_mut().unwrap().remove("title");
    doc["jobs"][1]["employment_types"] = json!(["fulltime"]);
    doc["jobs"][2]["surprise"] = json!(true);
    let errors = schema_errors(&doc, None);
    for path in ["/jobs/0", "/jobs/1/employment_types/0", "/jobs/2"] {
        assert!(
            errors.iter().any(|e| e.ends_with(&format!("at {path}"))),
            "{path} not reported: {errors:#?}"
        );
    }
}

#[test]
fn jobs_json_is_split_into_pages_above_the_size_limit() {
    let built = build_with("syndication: {jobs_json_max_bytes: 2500}\n");
    let index = json(&built, "jobs.json");
    assert_eq!(schema_errors(&index, None), Vec::<String>::new());
    assert!(index.get("jobs").is_none(), "the index lists pages only");
    assert_eq!(index["total"], 3);
    let pages = index["pages"].as_array().expect("pages");
    assert!(pages.len() >= 2, "{index}");
    let mut titles = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let rel = format!("jobs-{}.json", n + 1);
        assert_eq!(page["url"], format!("https://example.com/careers/{rel}"));
        let bytes = built.read(&rel).len();
        assert!(bytes <= 2500, "{rel} has {bytes} bytes");
        let doc = json(&built, &rel);
        assert_eq!(schema_errors(&doc, None), Vec::<String>::new(), "{rel}");
        assert_eq!(doc["page"], json!({"number": n + 1, "of": pages.len()}));
        assert_eq!(doc["jobs"].as_array().unwrap().len() as u64, page["count"].as_u64().unwrap());
        titles
            .extend(doc["jobs"].as_array().unwrap().iter().map(|j| j["title"].as_str().unwrap().to_string()));
    }
    assert_eq!(titles, OPEN, "the pages hold every posting once, in order");
    assert!(!built.exists(&format!("jobs-{}.json", pages.len() + 1)));
}

#[test]
fn json_feeds_have_the_required_fields_and_a_job_extension() {
    let built = build_fixture("minimal", &[]);
    let feed = json(&built, "feed.json");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["title"], "Acme Careers: all jobs");
    assert_eq!(feed["feed_url"], "https://example.com/careers/feed.json");
    assert_eq!(feed["home_page_url"], "https://example.com/careers/");
    assert_eq!(feed["authors"][0]["name"], "Acme Corp");
    let items = feed["items"].as_array().unwrap();
    let titles: Vec<&str> = items.iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert_eq!(titles, OPEN);
    for item in items {
        let id = item["id"].as_str().unwrap();
        assert!(id.starts_with("tag:example.com,2026-11-"), "{id}");
        assert!(item["content_html"].as_str().is_some_and(|h| !h.is_empty()));
        assert!(item["url"].as_str().unwrap().starts_with("https://example.com/careers/jobs/"));
        jiff::Timestamp::strptime("%Y-%m-%dT%H:%M:%S%:z", item["date_published"].as_str().unwrap())
            .expect("RFC 3339 date_published");
        let job = &item["_job"];
        assert_eq!(job["about"], "https://example.com/careers/jobs.schema.json");
        assert_eq!(schema_errors(job, Some("feed_extension")), Vec::<String>::new());
        assert!(job.get("description_html").is_none(), "the item's content carries the description");
    }
    assert_eq!(items[0]["_job"]["salary"]["max"], 150000);
    assert_eq!(items[0]["authors"][0]["name"], "Globex");

    let category = json(&built, "categories/engineering/feed.json");
    assert_eq!(category["title"], "Acme Careers: Engineering jobs");
    assert_eq!(category["feed_url"], "https://example.com/careers/categories/engineering/feed.json");
    let titles: Vec<&str> =
        category["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Senior Rust Engineer"]);
    // A category's items carry the summary as their text, as its RSS feed does.
    let item = &category["items"][0];
    assert!(item.get("content_html").is_none() && item.get("summary").is_none(), "{item}");
    assert_eq!(item["content_text"], items[0]["summary"]);
    assert_eq!(item["content_text"], "Build the engine.", "the fixture's summary");
    assert_eq!(schema_errors(&item["_job"], Some("feed_extension")), Vec::<String>::new());
    assert!(built.exists("categories/design/feed.json") && built.exists("categories/sales/feed.json"));
    assert!(!built.exists("types/full-time/feed.json"), "only categories get a JSON Feed");
}

#[test]
fn atom_feed_follows_rfc_4287() {
    let built = build_fixture("minimal", &[]);
    let doc = parse_xml(&built.read("atom.xml"));
    let feed = &doc[0];
    assert_eq!(feed.path, "feed");
    assert_eq!(feed.attrs["xmlns"], "http://www.w3.org/2005/Atom");
    assert_eq!(texts(&doc, "feed/id"), ["https://example.com/careers/"]);
    assert_eq!(texts(&doc, "feed/updated"), ["2026-11-20T00:00:00+01:00"], "the newest entry, not the clock");
    assert_eq!(texts(&doc, "feed/author/name"), ["Acme Corp"]);
    let links: Vec<(&str, &str)> = doc
        .iter()
        .filter(|n| n.path == "feed/link")
        .map(|n| (n.attrs["rel"].as_str(), n.attrs["href"].as_str()))
        .collect();
    assert_eq!(
        links,
        [
            ("self", "https://example.com/careers/atom.xml"),
            ("alternate", "https://example.com/careers/"),
            ("related", "https://example.com/careers/jobs.json"),
        ]
    );
    assert_eq!(texts(&doc, "feed/entry/title"), OPEN);
    let ids = texts(&doc, "feed/entry/id");
    assert_eq!(ids[0], "tag:example.com,2026-11-20:/careers/jobs/GLX-1");
    assert_eq!(ids[2], "tag:example.com,2026-11-10:/careers/jobs/sales-lead");
    for path in ["feed/entry/updated", "feed/entry/published", "feed/entry/author/name", "feed/entry/content"]
    {
        assert_eq!(texts(&doc, path).len(), 3, "{path} on every entry");
    }
    assert_eq!(texts(&doc, "feed/entry/author/name"), ["Globex", "Acme Corp", "Initech"]);
    let content = doc.iter().find(|n| n.path == "feed/entry/content").unwrap();
    assert_eq!(content.attrs["type"], "html");
    assert!(content.text.contains("<strong>reliable</strong>"), "escaped HTML reads back as HTML");
}

#[test]
fn indeed_feed_is_all_cdata_with_every_field_the_posting_has() {
    let dir = site_copy("minimal");
    let tricky = "---\ntitle: \"Ops & <Infra> ]]> Lead\"\ncategory: engineering\nemployment_type: [full-time, part-time]\n\
                  location: {remote: true, countries: [DE]}\nposted: 2026-11-25\napply: https://acme.example/apply/ops\nid: OPS-7\n---\n\
                  Keep `a]]>b` and <b>bold</b> &amp; text.\n";
    std::fs::write(dir.path().join("content/jobs/ops.md"), tricky).unwrap();
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let xml = std::fs::read_to_string(dir.path().join("public/jobs-indeed.xml")).unwrap();
    let doc = parse_xml(&xml);
    for n in &doc {
        assert!(!n.entities, "entity or character reference in <{}>", n.path);
        assert!(!n.plain_text, "text outside CDATA in <{}>: {:?}", n.path, n.text);
    }
    assert_eq!(texts(&doc, "source/publisher"), ["Acme Careers"]);
    assert_eq!(texts(&doc, "source/publisherurl"), ["https://example.com/careers/"]);
    assert_eq!(texts(&doc, "source/lastBuildDate"), ["2026-11-30T13:00:00+01:00"]);
    let jobs = records(&doc, "source/job");
    let titles: Vec<&str> = jobs.iter().map(|j| j["title"].as_str()).collect();
    assert_eq!(titles, ["Ops & <Infra> ]]> Lead", OPEN[0], OPEN[1], OPEN[2]]);

    let ops = &jobs[0];
    assert_eq!(ops["referencenumber"], "OPS-7");
    assert_eq!(ops["requisitionid"], "OPS-7");
    assert_eq!(ops["jobtype"], "fulltime, parttime");
    assert_eq!(ops["remotetype"], "Fully remote");
    assert_eq!(ops["country"], "DE");
    assert!(ops["description"].contains("<code>a]]&gt;b</code>"), "{}", ops["description"]);

    let designer = &jobs[2];
    let expected = [
        ("date", "2026-11-18T09:30:00+01:00"),
        ("referencenumber", "designer"),
        ("url", "https://example.com/careers/jobs/designer/"),
        ("company", "Acme Corp"),
        ("city", "Berlin"),
        ("state", "BE"),
        ("country", "DE"),
        ("postalcode", "10115"),
        ("streetaddress", "Main St 1"),
        ("email", "jobs@acme.example"),
        ("jobtype", "parttime"),
        ("category", "Design"),
        ("remotetype", "Hybrid remote"),
    ];
    for (field, value) in expected {
        assert_eq!(designer.get(field).map(String::as_str), Some(value), "{field}");
    }
    assert!(!designer.contains_key("salary") && !designer.contains_key("expirationdate"));
    let rust = &jobs[1];
    assert_eq!(rust["salary"], "USD 120,000 – 150,000 per year");
    assert_eq!(rust["expirationdate"], "2027-01-20T23:59:59+01:00");
    assert!(!rust.contains_key("email") && !rust.contains_key("city"));
}

/// Atom and JSON Feed ids and Indeed reference numbers, by title.
fn ids(root: &Path) -> BTreeMap<String, (String, String, String, String)> {
    let read = |rel: &str| std::fs::read_to_string(root.join("public").join(rel)).unwrap();
    let atom = parse_xml(&read("atom.xml"));
    let indeed = records(&parse_xml(&read("jobs-indeed.xml")), "source/job");
    let feed: Value = serde_json::from_str(&read("feed.json")).unwrap();
    let entries = records(&atom, "feed/entry");
    let mut out = BTreeMap::new();
    for (entry, item) in entries.iter().zip(feed["items"].as_array().unwrap()) {
        let title = entry["title"].clone();
        let job = indeed.iter().find(|j| j["title"] == title).unwrap();
        let value = (
            entry["id"].clone(),
            item["id"].as_str().unwrap().to_string(),
            job["referencenumber"].clone(),
            job["url"].clone(),
        );
        out.insert(title, value);
    }
    out
}

#[test]
fn entry_ids_and_reference_numbers_survive_a_rebuild_and_a_renamed_file() {
    let dir = site_copy("minimal");
    assert!(build(dir.path(), &[]).status.success());
    let before = ids(dir.path());
    assert!(build(dir.path(), &[]).status.success());
    assert_eq!(ids(dir.path()), before, "a rebuild changes nothing");

    // rust-engineer.md sets `id: GLX-1`: renaming the file moves its page, not its ids.
    let jobs = dir.path().join("content/jobs");
    std::fs::rename(jobs.join("rust-engineer.md"), jobs.join("platform-engineer.md")).unwrap();
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = ids(dir.path());
    let (old, new) = (&before["Senior Rust Engineer"], &after["Senior Rust Engineer"]);
    assert_eq!(new.3, "https://example.com/careers/jobs/platform-engineer/", "the page moved");
    assert_ne!(old.3, new.3);
    assert_eq!((&old.0, &old.1, &old.2), (&new.0, &new.1, &new.2), "ids kept");
    assert_eq!(new.0, new.1, "Atom and JSON Feed share the id");
    assert_eq!(new.2, "GLX-1");
    assert_eq!(before.len(), 3);
    for title in ["R&D Product Designer", "Sales Lead"] {
        assert_eq!(before[title], after[title]);
    }
}

/// The `atom:link rel="related"` hrefs of an RSS feed.
fn rss_related(built: &Built, rel: &str) -> Vec<String> {
    parse_xml(&built.read(rel))
        .into_iter()
        .filter(|n| n.path == "rss/channel/atom:link" && n.attrs["rel"] == "related")
        .map(|n| n.attrs["href"].clone())
        .collect()
}

#[test]
fn feeds_respect_feed_limit_but_the_complete_exports_do_not() {
    let built = build_with("feed_limit: 1\n");
    // Feeds cut to the limit point to the complete set; one that holds its listing's only
    // posting needs no pointer.
    assert_eq!(rss_related(&built, "feed.xml"), ["https://example.com/careers/jobs.json"]);
    assert!(rss_related(&built, "categories/engineering/feed.xml").is_empty());
    assert_eq!(json(&built, "feed.json")["items"].as_array().unwrap().len(), 1);
    // Neither carries indentation: JSON Feed is compact, Atom one element a line.
    assert_eq!(built.read("feed.json").lines().count(), 1);
    let atom = built.read("atom.xml");
    assert!(atom.contains("\n<entry>\n<id>") && !atom.contains("\n "), "{atom}");
    assert_eq!(texts(&parse_xml(&built.read("atom.xml")), "feed/entry/title"), [OPEN[0]]);
    assert_eq!(json(&built, "jobs.json")["jobs"].as_array().unwrap().len(), 3);
    assert_eq!(records(&parse_xml(&built.read("jobs-indeed.xml")), "source/job").len(), 3);
}

#[test]
fn pages_advertise_the_enabled_feeds() {
    let built = build_fixture("minimal", &[]);
    let links = |rel: &str| -> Vec<(String, String)> {
        let types = built.attrs(rel, r#"link[rel="alternate"]"#, "type");
        let hrefs = built.attrs(rel, r#"link[rel="alternate"]"#, "href");
        types.into_iter().zip(hrefs).collect()
    };
    let home = links("index.html");
    assert!(home.contains(&("application/atom+xml".into(), "https://example.com/careers/atom.xml".into())));
    assert!(home.contains(&("application/feed+json".into(), "https://example.com/careers/feed.json".into())));
    let category = links("categories/engineering/index.html");
    let own = (
        "application/feed+json".to_string(),
        "https://example.com/careers/categories/engineering/feed.json".to_string(),
    );
    assert!(category.contains(&own), "{category:?}");
    assert!(!links("types/full-time/index.html").iter().any(|(_, h)| h.ends_with("full-time/feed.json")));
    // Term pages link the RSS feed but leave the site's Atom and JSON Feed to the home page;
    // posting pages link no feed in their head.
    let posting =
        built.files().into_iter().find(|f| f.starts_with("jobs/") && f.ends_with("/index.html")).unwrap();
    assert!(links(&posting).is_empty(), "{posting}");
    let term = links("categories/engineering/index.html");
    assert!(term.iter().any(|(t, _)| t == "application/rss+xml"), "{term:?}");
    assert!(
        !term.iter().any(|(_, h)| h.ends_with("/atom.xml") || h.ends_with("/careers/feed.json")),
        "{term:?}"
    );
}

#[test]
fn each_export_can_be_switched_off() {
    // feed_limit: 1 cuts the site feed, which then would point to /jobs.json if it were written.
    let built = build_with(
        "syndication: {jobs_json: false, json_feed: false, atom: false, indeed: false}\nfeed_limit: 1\n",
    );
    let files = built.files();
    for gone in [
        "jobs.json",
        "jobs.schema.json",
        "feed.json",
        "atom.xml",
        "jobs-indeed.xml",
        "categories/engineering/feed.json",
    ] {
        assert!(!files.iter().any(|f| f == gone), "{gone} written");
    }
    assert!(files.iter().any(|f| f == "feed.xml"), "RSS stays");
    assert!(built.read("feed.xml").contains("<opensearch:totalResults>3<"), "the feed is cut");
    assert!(rss_related(&built, "feed.xml").is_empty(), "no link to a file that is not written");
    let types = built.attrs("index.html", r#"link[rel="alternate"]"#, "type");
    assert_eq!(types, ["application/rss+xml"]);
}

#[test]
fn an_unknown_syndication_key_names_file_line_and_field() {
    let dir = site_copy("minimal");
    configure(dir.path(), "syndication:\n  atom: true\n  json_feeds: false\n");
    let out = build(dir.path(), &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    let lines = std::fs::read_to_string(dir.path().join("config.yaml")).unwrap().lines().count();
    assert!(err.contains(&format!("config.yaml:{lines}:")), "{err}");
    assert!(err.contains("json_feeds"), "{err}");
    assert!(err.contains("json_feed"), "{err}");
}

#[test]
fn the_example_site_exports_validate() {
    // The repository root is the example site: real postings with regions, places, e-mail
    // applications and every salary shape.
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("config.yaml"), dir.path().join("config.yaml")).unwrap();
    for folder in ["content", "static"] {
        common::copy_dir(&root.join(folder), &dir.path().join(folder));
    }
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let built = Built { dir, stderr: stderr(&out) };
    let jobs = json(&built, "jobs.json");
    assert_eq!(schema_errors(&jobs, None), Vec::<String>::new());
    let feed = json(&built, "feed.json");
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len() as u64, jobs["total"].as_u64().unwrap());
    for item in items {
        assert_eq!(schema_errors(&item["_job"], Some("feed_extension")), Vec::<String>::new());
    }
    let indeed = records(&parse_xml(&built.read("jobs-indeed.xml")), "source/job");
    assert_eq!(indeed.len(), items.len());
    assert!(indeed.iter().all(|j| j.contains_key("country")), "every job has a country");
}

#[test]
fn a_theme_overriding_base_html_without_the_new_links_still_builds() {
    // A site's own base.html from before the alternates existed: the default term.html
    // and the rest must not depend on anything it lacks.
    let dir = site_copy("minimal");
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html");
    let current = std::fs::read_to_string(theme).unwrap();
    let start = current
        .find("{%- if page.kind == \"index\" %}{% for feed in site.alternates")
        .expect("site.alternates");
    let term = start + current[start..].find("{%- if term is defined").expect("term.alternates");
    let end = term + current[term..].find("{% endif %}").expect("term.alternates loop") + "{% endif %}".len();
    let old = format!("{}{}", &current[..start], &current[end..]);
    assert!(!old.contains("alternates"), "{old}");
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/base.html"), old).unwrap();
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(dir.path().join("public/categories/engineering/index.html")).unwrap();
    assert!(page.contains("application/rss+xml") && !page.contains("application/feed+json"));
}

#[test]
fn a_zero_size_limit_is_refused() {
    let dir = site_copy("minimal");
    configure(dir.path(), "syndication: {jobs_json_max_bytes: 0}\n");
    let out = build(dir.path(), &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    let line = std::fs::read_to_string(dir.path().join("config.yaml")).unwrap().lines().count();
    let expected = format!("config.yaml:{line}:36: syndication.jobs_json_max_bytes: must be at least 1");
    assert!(err.contains(&expected), "{err}");
    assert!(err.contains("help: the default is 5000000"), "{err}");
}
