//! `vacancy build` on the `minimal` fixture: the URL layout, JSON-LD, listings, feeds,
//! sitemap, expiry, drafts, reproducibility and the no-loss guarantee.

mod common;

use common::{Built, build, build_fixture, site_copy, stderr, vacancy};
use serde_json::json;

fn minimal() -> Built {
    build_fixture("minimal", &[])
}

/// Titles of the posting cards on a listing page, in order.
fn card_titles(b: &Built, rel: &str) -> Vec<String> {
    b.texts(rel, "main article h2, main article h3")
}

/// `<title>`s of the items of a feed, in order.
fn feed_titles(xml: &str) -> Vec<String> {
    xml.split("<item>")
        .skip(1)
        .map(|item| item.split("<title>").nth(1).unwrap().split("</title>").next().unwrap().to_string())
        .collect()
}

#[test]
fn writes_the_documented_url_layout() {
    let b = minimal();
    for rel in [
        "index.html",
        "page/2/index.html",
        "jobs/rust-engineer/index.html",
        "jobs/designer/index.html",
        "jobs/sales-lead/index.html",
        "categories/index.html",
        "categories/engineering/index.html",
        "categories/engineering/feed.xml",
        "types/index.html",
        "types/full-time/index.html",
        "types/full-time/feed.xml",
        "companies/index.html",
        "companies/globex/index.html",
        "companies/globex/feed.xml",
        "companies/initech/index.html",
        "locations/index.html",
        "locations/remote/index.html",
        "locations/us/index.html",
        "locations/fr/index.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "style.css",
        "img/acme.svg",
    ] {
        assert!(b.exists(rel), "missing {rel}; wrote {:?}", b.files());
    }
}

#[test]
fn remote_posting_jsonld_has_every_required_and_recommended_property() {
    let b = minimal();
    let jp = b.job_posting("jobs/rust-engineer/index.html");
    assert_eq!(jp["@context"], "https://schema.org");
    assert_eq!(jp["title"], "Senior Rust Engineer");
    assert!(jp["description"].as_str().unwrap().contains("<strong>reliable</strong>"), "description is HTML");
    assert_eq!(jp["datePosted"], "2026-11-20");
    assert_eq!(
        jp["validThrough"], "2027-01-20T23:59:59+01:00",
        "open through the closing day in the site's zone"
    );
    assert_eq!(jp["employmentType"], json!(["FULL_TIME", "CONTRACTOR"]));
    assert_eq!(
        jp["hiringOrganization"],
        json!({"@type": "Organization", "name": "Globex", "sameAs": "https://globex.example",
               "logo": "https://example.com/careers/img/globex.svg"})
    );
    assert_eq!(jp["jobLocationType"], "TELECOMMUTE");
    assert!(jp.get("jobLocation").is_none(), "fully remote: no jobLocation");
    assert_eq!(
        jp["applicantLocationRequirements"],
        json!([{"@type": "Country", "name": "Canada"}, {"@type": "Country", "name": "United States"}])
    );
    assert_eq!(
        jp["baseSalary"],
        json!({"@type": "MonetaryAmount", "currency": "USD",
               "value": {"@type": "QuantitativeValue", "minValue": 120000, "maxValue": 150000, "unitText": "YEAR"}})
    );
    assert_eq!(jp["identifier"], json!({"@type": "PropertyValue", "name": "Globex", "value": "GLX-1"}));
    assert_eq!(jp["directApply"], true);
    // No `url`: Google takes the page's; the canonical link names it.
    assert!(jp.get("url").is_none(), "{jp}");
    assert_eq!(
        b.attrs("jobs/rust-engineer/index.html", r#"link[rel="canonical"]"#, "href"),
        ["https://example.com/careers/jobs/rust-engineer/"]
    );
}

#[test]
fn on_site_posting_jsonld_has_postal_addresses_and_an_inline_company() {
    let b = minimal();
    let jp = b.job_posting("jobs/sales-lead/index.html");
    assert_eq!(jp["employmentType"], json!(["FULL_TIME"]), "FULL_TIME accepted as input");
    assert!(jp.get("jobLocationType").is_none());
    assert!(jp.get("applicantLocationRequirements").is_none());
    let places = jp["jobLocation"].as_array().unwrap();
    assert_eq!(places.len(), 2);
    assert_eq!(
        places[0],
        json!({"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Paris", "addressCountry": "FR"}})
    );
    assert_eq!(places[1]["address"]["addressLocality"], "Lyon");
    assert_eq!(jp["hiringOrganization"]["name"], "Initech");
    assert_eq!(
        jp["baseSalary"]["value"],
        json!({"@type": "QuantitativeValue", "value": 55, "unitText": "HOUR"})
    );
    assert_eq!(jp["baseSalary"]["currency"], "EUR", "currency codes are upper-cased");
    assert_eq!(jp["directApply"], false);
    assert!(jp.get("validThrough").is_none());
    assert_eq!(jp["identifier"]["value"], "sales-lead", "the id defaults to the slug");
}

#[test]
fn posting_without_company_uses_the_site_organization() {
    let b = minimal();
    let jp = b.job_posting("jobs/designer/index.html");
    assert_eq!(jp["hiringOrganization"]["name"], "Acme Corp");
    assert_eq!(jp["hiringOrganization"]["logo"], "https://example.com/careers/img/acme.svg");
    assert_eq!(jp["datePosted"], "2026-11-18T09:30:00+01:00");
    let addr = &jp["jobLocation"][0]["address"];
    assert_eq!(addr["streetAddress"], "Main St 1");
    assert_eq!(addr["postalCode"], "10115");
    assert_eq!(addr["addressRegion"], "BE");
    assert_eq!(addr["addressCountry"], "DE");
    assert!(
        b.attrs("jobs/designer/index.html", "a", "href").contains(&"mailto:jobs@acme.example".to_string())
    );
}

#[test]
fn jsonld_cannot_break_out_of_its_script_element() {
    let b = minimal();
    let raw = b.read("jobs/designer/index.html");
    let start = raw.find(r#"<script type="application/ld+json">"#).unwrap() + 35;
    let end = start + raw[start..].find("</script>").unwrap();
    let json = &raw[start..end];
    // Only `</script` and `<!` could end the script element; other markup, end tags
    // included, stays unescaped (smaller).
    assert!(
        !json.to_ascii_lowercase().contains("</script") && !json.contains("<!"),
        "unescaped script end tag or comment in {json}"
    );
    assert!(json.contains("</p>"), "other end tags are not escaped: {json}");
    assert!(!json.contains('\u{2028}'), "U+2028 must be escaped");
    assert!(json.contains("R&D Product Designer"), "{json}");
    // The same JSON parses back to the original text.
    let jp = b.job_posting("jobs/designer/index.html");
    assert_eq!(jp["title"], "R&D Product Designer");
    let description = jp["description"].as_str().unwrap();
    assert!(description.contains("Tricky text: &lt;!") && !description.contains("</script"), "{description}");
    assert!(jp["description"].as_str().unwrap().contains('\u{2028}'));
}

/// With `raw_html: trust` the body's HTML goes into the JSON-LD as written, and a title is
/// never HTML: a `</script>` in either, in any case, must still not end the element.
#[test]
fn a_trusted_body_or_a_title_holding_a_script_end_tag_stays_inside_the_json_ld() {
    let dir = common::site_copy("minimal");
    let config = dir.path().join("config.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap() + "markdown: {raw_html: trust}\n";
    std::fs::write(&config, yaml).unwrap();
    let posting = dir.path().join("content/jobs/designer.md");
    let text = std::fs::read_to_string(&posting)
        .unwrap()
        .replace("title: R&D Product Designer", "title: \"Designer </SCRIPT><p>x</p>\"")
        + "\n<div>trusted</div></Script ><script>window.pwned = 1</script>\n";
    std::fs::write(&posting, text).unwrap();
    let out = common::build(dir.path(), &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let b = common::Built { dir, stderr: String::new() };
    let html = b.html("jobs/designer/index.html");
    let sel = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
    let scripts: Vec<String> = html.select(&sel).map(|s| s.text().collect()).collect();
    // One element whose text is the whole JSON: a browser's parser ended it nowhere early.
    assert_eq!(scripts.len(), 1);
    let jp: serde_json::Value =
        serde_json::from_str(&scripts[0]).expect("the whole JSON-LD is in the element");
    assert_eq!(jp["title"], "Designer </SCRIPT><p>x</p>");
    let description = jp["description"].as_str().unwrap();
    assert!(description.contains("</Script ><script>window.pwned = 1</script>"), "{description}");
    assert!(
        scripts[0].contains("<\\/SCRIPT><p>x</p>") && scripts[0].contains("<\\/Script >"),
        "{}",
        scripts[0]
    );
}

#[test]
fn jsonld_values_are_visible_on_the_posting_page() {
    let b = minimal();
    let text = b.texts("jobs/rust-engineer/index.html", "main").join(" ");
    for visible in [
        "Senior Rust Engineer",
        "We build reliable things.",
        "Globex",
        "Remote",
        "Canada",
        "United States",
        "Full-time",
        "Contract",
        "USD 120,000 – 150,000 per year",
        "20 Nov 2026",
        "20 Jan 2027",
        "GLX-1",
    ] {
        assert!(text.contains(visible), "{visible:?} not visible in: {text}");
    }
    let addr = b.texts("jobs/designer/index.html", "main").join(" ");
    for visible in ["Main St 1", "10115", "Berlin"] {
        assert!(addr.contains(visible), "{visible:?} not visible in: {addr}");
    }
}

#[test]
fn posting_page_has_canonical_meta_and_social_tags() {
    let b = minimal();
    let page = "jobs/rust-engineer/index.html";
    assert_eq!(
        b.attrs(page, r#"link[rel="canonical"]"#, "href"),
        ["https://example.com/careers/jobs/rust-engineer/"]
    );
    assert_eq!(b.attrs(page, r#"meta[name="description"]"#, "content"), ["Build the engine."]);
    assert_eq!(b.attrs(page, r#"meta[property="og:title"]"#, "content").len(), 1);
    // No og:url: it would repeat the canonical link; Facebook takes the page's URL.
    assert!(b.attrs(page, r#"meta[property="og:url"]"#, "content").is_empty());
    assert_eq!(b.attrs(page, r#"meta[name="twitter:card"]"#, "content").len(), 1);
    assert_eq!(
        b.attrs(page, r#"meta[property="og:image"]"#, "content"),
        ["https://example.com/careers/img/globex.svg"],
        "Open Graph needs an absolute image URL"
    );
    assert_eq!(b.attrs(page, "img.logo", "src"), ["/careers/img/globex.svg"], "in-site logos load locally");
    assert!(b.attrs(page, r#"meta[name="robots"]"#, "content").is_empty(), "open postings are indexable");
    assert!(
        b.attrs(page, "a", "href").contains(&"https://globex.example/apply/1".to_string()),
        "apply button"
    );
    assert_eq!(b.texts(page, "h1"), ["Senior Rust Engineer"]);
    // Body Markdown: heading anchors.
    assert_eq!(b.attrs(page, "main h2#what-you-ll-do", "id").len(), 1);
}

#[test]
fn listings_are_newest_first_paginated_and_carry_no_job_postings() {
    let b = minimal();
    assert_eq!(card_titles(&b, "index.html"), ["Senior Rust Engineer", "R&D Product Designer"]);
    assert_eq!(card_titles(&b, "page/2/index.html"), ["Sales Lead"]);
    assert!(b.attrs("index.html", "a", "href").contains(&"/careers/page/2/".to_string()), "link to page 2");
    for page in
        ["index.html", "page/2/index.html", "categories/engineering/index.html", "companies/index.html"]
    {
        assert!(b.jsonld(page).iter().all(|d| d["@type"] != "JobPosting"), "JobPosting on listing {page}");
    }
    let home: Vec<_> =
        b.jsonld("index.html").iter().map(|d| d["@type"].as_str().unwrap().to_string()).collect();
    assert_eq!(home, ["WebSite", "Organization"]);
}

#[test]
fn term_pages_list_exactly_their_open_postings() {
    let b = minimal();
    assert_eq!(card_titles(&b, "categories/engineering/index.html"), ["Senior Rust Engineer"]);
    assert_eq!(card_titles(&b, "types/full-time/index.html"), ["Senior Rust Engineer", "Sales Lead"]);
    assert_eq!(card_titles(&b, "types/contract/index.html"), ["Senior Rust Engineer"]);
    assert_eq!(card_titles(&b, "companies/globex/index.html"), ["Senior Rust Engineer"]);
    assert_eq!(card_titles(&b, "companies/acme-corp/index.html"), ["R&D Product Designer"]);
    assert_eq!(
        card_titles(&b, "locations/remote/index.html"),
        ["Senior Rust Engineer"],
        "the expired remote job is out"
    );
    assert_eq!(card_titles(&b, "locations/fr/index.html"), ["Sales Lead"]);
    assert_eq!(card_titles(&b, "locations/de/index.html"), ["R&D Product Designer"]);
    assert_eq!(card_titles(&b, "locations/us/index.html"), ["Senior Rust Engineer"]);
    // The closed posting's type keeps a page, with nothing open in it.
    assert!(card_titles(&b, "types/temporary/index.html").is_empty());
    // Category index: configured order, with counts.
    let cats = b.texts("categories/index.html", "main li.term");
    assert_eq!(cats.len(), 3);
    assert!(cats[0].starts_with("Engineering") && cats[0].contains('1'), "{cats:?}");
    assert!(cats[2].starts_with("Sales"), "{cats:?}");
}

#[test]
fn feeds_carry_open_postings_with_rfc822_dates_and_self_links() {
    let b = minimal();
    let feed = b.read("feed.xml");
    assert!(feed.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\""));
    assert_eq!(feed_titles(&feed), ["Senior Rust Engineer", "R&amp;D Product Designer", "Sales Lead"]);
    assert!(feed.contains("<pubDate>Fri, 20 Nov 2026 00:00:00 +0100</pubDate>"));
    assert!(feed.contains("<pubDate>Wed, 18 Nov 2026 09:30:00 +0100</pubDate>"));
    // A permalink guid, without the `isPermaLink="true"` RSS assumes; one element a line.
    assert!(feed.contains("\n<guid>https://example.com/careers/jobs/rust-engineer/</guid>\n"), "{feed}");
    assert!(!feed.contains("isPermaLink") && !feed.contains("\n "), "no attribute, no indentation");
    assert!(feed.contains(
        r#"<atom:link href="https://example.com/careers/feed.xml" rel="self" type="application/rss+xml"/>"#
    ));
    let cat = b.read("categories/engineering/feed.xml");
    assert_eq!(feed_titles(&cat), ["Senior Rust Engineer"]);
    assert!(cat.contains(r#"href="https://example.com/careers/categories/engineering/feed.xml" rel="self""#));
    assert_eq!(feed_titles(&b.read("companies/initech/feed.xml")), ["Sales Lead"]);
    assert_eq!(feed_titles(&b.read("types/part-time/feed.xml")), ["R&amp;D Product Designer"]);
    // Autodiscovery: the site feed on every listing, the term's own feed on its page; a
    // posting page links the site feed in its footer only.
    let alt = r#"link[rel="alternate"][type="application/rss+xml"]"#;
    assert!(b.attrs("jobs/designer/index.html", alt, "href").is_empty());
    assert_eq!(b.attrs("jobs/designer/index.html", ".feed-link", "href"), ["/careers/feed.xml"]);
    assert_eq!(b.attrs("index.html", alt, "href"), ["https://example.com/careers/feed.xml"]);
    assert_eq!(
        b.attrs("categories/engineering/index.html", alt, "href"),
        [
            "https://example.com/careers/feed.xml",
            "https://example.com/careers/categories/engineering/feed.xml"
        ]
    );
}

#[test]
fn feed_limit_keeps_the_newest_postings() {
    let dir = site_copy("minimal");
    let config = std::fs::read_to_string(dir.path().join("config.yaml")).unwrap();
    std::fs::write(dir.path().join("config.yaml"), format!("{config}feed_limit: 2\n")).unwrap();
    assert!(build(dir.path(), &[]).status.success());
    let read = |rel: &str| std::fs::read_to_string(dir.path().join("public").join(rel)).unwrap();
    assert_eq!(feed_titles(&read("feed.xml")), ["Senior Rust Engineer", "R&amp;D Product Designer"]);
    assert_eq!(feed_titles(&read("types/full-time/feed.xml")), ["Senior Rust Engineer", "Sales Lead"]);
}

#[test]
fn site_feed_carries_bodies_and_term_feeds_summaries() {
    let b = minimal();
    let body = "&lt;strong&gt;reliable&lt;/strong&gt;";
    let site = b.read("feed.xml");
    assert!(site.contains(body), "{site}");
    assert!(!site.contains("<description>Build the engine.</description>"));
    for term in ["categories/engineering/feed.xml", "companies/globex/feed.xml", "types/contract/feed.xml"] {
        let feed = b.read(term);
        // The summary as text, without a paragraph around it.
        assert!(feed.contains("<description>Build the engine.</description>"), "{feed}");
        assert!(!feed.contains(body), "{term} carries the full body");
    }
}

#[test]
fn sitemap_and_robots_list_open_pages_only() {
    let b = minimal();
    let sitemap = b.read("sitemap.xml");
    assert!(sitemap.contains(r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#));
    assert!(sitemap.contains(
        "<loc>https://example.com/careers/jobs/rust-engineer/</loc>\n    <lastmod>2026-11-20</lastmod>"
    ));
    assert!(sitemap.contains("<loc>https://example.com/careers/categories/engineering/</loc>"));
    assert!(sitemap.contains("<loc>https://example.com/careers/page/2/</loc>"));
    for absent in ["old-role", "secret-draft", "future-role", "404"] {
        assert!(!sitemap.contains(absent), "{absent} in sitemap");
    }
    assert!(b.read("robots.txt").contains("Sitemap: https://example.com/careers/sitemap.xml"));
    assert_eq!(b.attrs("404.html", r#"meta[name="robots"]"#, "content"), ["noindex"]);
}

#[test]
fn a_site_under_the_sitemap_limits_gets_one_sitemap_and_no_index() {
    let b = minimal();
    let sitemap = b.read("sitemap.xml");
    assert!(!sitemap.contains("<sitemapindex"), "{sitemap}");
    assert!(sitemap.trim_end().ends_with("</urlset>"), "{sitemap}");
    let files = b.files();
    let sitemaps: Vec<&String> = files.iter().filter(|f| f.starts_with("sitemap")).collect();
    assert_eq!(sitemaps, ["sitemap.xml"]);
}

#[test]
fn expired_posting_keeps_a_closed_page_without_markup_or_apply_button() {
    let b = minimal();
    let page = "jobs/old-role/index.html";
    assert_eq!(b.attrs(page, r#"meta[name="robots"]"#, "content"), ["noindex"]);
    assert!(b.jsonld(page).iter().all(|d| d["@type"] != "JobPosting"));
    assert!(!b.attrs(page, "a", "href").iter().any(|h| h.contains("apply/old")), "no apply link");
    assert!(b.texts(page, "main").join(" ").to_lowercase().contains("closed"));
    for listing in
        ["index.html", "page/2/index.html", "categories/sales/index.html", "locations/remote/index.html"]
    {
        assert!(!card_titles(&b, listing).contains(&"Support Agent".to_string()), "expired job on {listing}");
    }
    assert!(!b.read("feed.xml").contains("Support Agent"));
}

#[test]
fn refuses_an_output_folder_that_would_replace_the_sites_sources() {
    let dir = site_copy("minimal");
    let root = dir.path().to_str().unwrap();
    for out in [root.to_string(), format!("{root}/content"), format!("{root}/static/x")] {
        let o = vacancy(&["build", "--root", root, "--now", common::NOW, "--output-dir", &out]);
        assert_eq!(o.status.code(), Some(2), "{out}: {}", stderr(&o));
        assert!(stderr(&o).contains("output"), "{}", stderr(&o));
    }
    assert!(
        dir.path().join("config.yaml").exists() && dir.path().join("content/jobs/rust-engineer.md").exists()
    );
    assert!(dir.path().join("static/img/acme.svg").exists());
}

#[test]
fn hidden_files_and_folders_are_not_postings() {
    let dir = site_copy("minimal");
    let jobs = dir.path().join("content/jobs");
    std::fs::create_dir_all(jobs.join(".archive")).unwrap();
    let rust = std::fs::read_to_string(jobs.join("rust-engineer.md")).unwrap();
    std::fs::write(jobs.join(".archive/old-rust.md"), rust.replace("id: GLX-1", "id: OLD-1")).unwrap();
    std::fs::write(jobs.join(".draft.md"), "not even front matter").unwrap();
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!dir.path().join("public/jobs/old-rust").exists());
    assert!(stderr(&out).starts_with("Built 3 postings"), "{}", stderr(&out));
}

#[test]
fn expired_remove_policy_drops_the_page() {
    let dir = site_copy("minimal");
    let config = std::fs::read_to_string(dir.path().join("config.yaml")).unwrap();
    std::fs::write(dir.path().join("config.yaml"), config.replace("expired: notice", "expired: remove"))
        .unwrap();
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!dir.path().join("public/jobs/old-role").exists());
    assert!(dir.path().join("public/jobs/rust-engineer/index.html").exists());
}

#[test]
fn drafts_and_scheduled_postings_are_not_published() {
    let b = minimal();
    assert!(!b.exists("jobs/secret-draft/index.html"));
    assert!(!b.exists("jobs/future-role/index.html"));
    assert!(
        b.stderr.contains("Built 3 postings (1 expired, 1 draft skipped, 1 scheduled), "),
        "summary line: {}",
        b.stderr
    );
    let with_drafts = build_fixture("minimal", &["--drafts"]);
    assert!(with_drafts.exists("jobs/secret-draft/index.html"));
    assert!(with_drafts.stderr.contains("1 draft included"), "{}", with_drafts.stderr);
}

#[test]
fn a_draft_built_with_drafts_has_a_banner_noindex_and_its_job_posting_preview() {
    let b = build_fixture("minimal", &["--drafts"]);
    let page = "jobs/secret-draft/index.html";
    let banner = b.texts(page, r#"main .notice-draft[role="note"]"#);
    assert_eq!(banner.len(), 1, "one draft banner");
    assert!(banner[0].starts_with("Draft This posting is not published"), "{banner:?}");
    assert_eq!(b.attrs(page, r#"meta[name="robots"]"#, "content"), ["noindex"]);
    // The preview carries the markup the published page will; `noindex` keeps it out of search.
    assert_eq!(b.job_posting(page)["@type"], "JobPosting");
    // A published posting in the same build is untouched.
    let published = "jobs/rust-engineer/index.html";
    assert!(b.texts(published, ".notice-draft").is_empty());
    assert!(b.attrs(published, r#"meta[name="robots"]"#, "content").is_empty());
    assert_eq!(b.job_posting(published)["title"], "Senior Rust Engineer");
}

#[test]
fn draft_cards_are_marked_and_their_listing_pages_are_noindex() {
    let b = build_fixture("minimal", &["--drafts"]);
    // paginate: 2, newest first: the draft (posted 2026-11-01) is on the home page's page 2.
    let badges = b.texts("page/2/index.html", "li.card .badge-draft");
    assert_eq!(badges, ["Draft"]);
    assert!(b.texts("index.html", "li.card .badge-draft").is_empty());
    let robots = |rel: &str| b.attrs(rel, r#"meta[name="robots"]"#, "content");
    assert_eq!(robots("page/2/index.html"), ["noindex"]);
    assert_eq!(robots("categories/engineering/index.html"), ["noindex"]);
    assert!(robots("index.html").is_empty(), "page 1 shows no draft");
    assert!(robots("categories/design/index.html").is_empty());
}

#[test]
fn drafts_stay_out_of_the_feeds_and_the_sitemap_even_when_built() {
    let b = build_fixture("minimal", &["--drafts"]);
    assert!(b.exists("jobs/secret-draft/index.html"));
    assert_eq!(
        feed_titles(&b.read("feed.xml")),
        ["Senior Rust Engineer", "R&amp;D Product Designer", "Sales Lead"]
    );
    assert_eq!(feed_titles(&b.read("categories/engineering/feed.xml")), ["Senior Rust Engineer"]);
    let sitemap = b.read("sitemap.xml");
    for absent in ["jobs/secret-draft/", "careers/page/2/", "categories/engineering/</loc>"] {
        assert!(!sitemap.contains(absent), "{absent} is noindex but in the sitemap:\n{sitemap}");
    }
    for present in ["careers/</loc>", "jobs/rust-engineer/", "categories/design/</loc>"] {
        assert!(sitemap.contains(present), "{present} missing from the sitemap:\n{sitemap}");
    }
}

/// A site whose only posting is a draft, as `init` makes it.
fn drafts_only_site() -> tempfile::TempDir {
    let dir = site_copy("minimal");
    let jobs = dir.path().join("content/jobs");
    for entry in std::fs::read_dir(&jobs).unwrap() {
        let path = entry.unwrap().path();
        if !path.ends_with("secret-draft.md") {
            std::fs::remove_file(path).unwrap();
        }
    }
    dir
}

#[test]
fn an_empty_board_builds_a_friendly_home_page() {
    let dir = drafts_only_site();
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("Built 0 postings (1 draft skipped)"), "{}", stderr(&out));
    let b = Built { dir, stderr: stderr(&out) };
    assert_eq!(b.texts("index.html", "main .empty-board h2"), ["No open positions right now"]);
    let text = b.texts("index.html", "main .empty-board").join(" ");
    assert!(text.contains("Acme Corp is not hiring for any role at the moment"), "{text}");
    assert_eq!(b.attrs("index.html", "main .empty-board a.feed-link", "href"), ["/careers/feed.xml"]);
    assert_eq!(b.attrs("index.html", "main .empty-board p:last-child a", "href"), ["https://acme.example"]);
    assert!(
        b.attrs("index.html", r#"meta[name="robots"]"#, "content").is_empty(),
        "the home page is indexable"
    );
    assert!(!b.exists("jobs/secret-draft/index.html"));
}

#[test]
fn an_empty_board_still_has_a_valid_feed_and_sitemap() {
    let dir = drafts_only_site();
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let b = Built { dir, stderr: stderr(&out) };
    let feed = b.read("feed.xml");
    assert!(feed.contains("<channel>\n<title>Acme Careers: all jobs</title>"), "{feed}");
    assert!(feed.contains("<link>https://example.com/careers/</link>"), "{feed}");
    assert!(feed.contains("<description>Jobs at Acme and friends.</description>"), "{feed}");
    assert!(feed_titles(&feed).is_empty());
    assert!(feed.trim_end().ends_with("</channel>\n</rss>"), "{feed}");
    let sitemap = b.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.com/careers/</loc>"), "{sitemap}");
    assert!(!sitemap.contains("/jobs/"), "{sitemap}");
    assert!(sitemap.trim_end().ends_with("</urlset>"), "{sitemap}");
}

#[test]
fn now_can_come_from_source_date_epoch() {
    let dir = site_copy("minimal");
    // 2026-10-15T00:00:00Z: the old role is still open.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vacancy"))
        .args(["build", "--root", dir.path().to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "1792022400")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let feed = std::fs::read_to_string(dir.path().join("public/feed.xml")).unwrap();
    assert!(feed.contains("Support Agent"), "open on 2026-10-15");
    assert!(!feed.contains("Senior Rust Engineer"), "posted 2026-11-20, not yet published");
}

#[test]
fn a_date_only_now_is_midnight_in_the_site_zone() {
    let dir = site_copy("minimal");
    let config = std::fs::read_to_string(dir.path().join("config.yaml")).unwrap();
    std::fs::write(
        dir.path().join("config.yaml"),
        config.replace("timezone: Europe/Berlin", "timezone: America/Los_Angeles"),
    )
    .unwrap();
    let root = dir.path().to_str().unwrap();
    let feed_at = |now: &str| {
        let out = vacancy(&["build", "--root", root, "--now", now]);
        assert!(out.status.success(), "{}", stderr(&out));
        std::fs::read_to_string(dir.path().join("public/feed.xml")).unwrap()
    };
    // The Rust job closes 2027-01-20: open through that day in Los Angeles.
    assert!(feed_at("2027-01-20T23:59:00-08:00").contains("Senior Rust Engineer"));
    assert!(!feed_at("2027-01-21").contains("Senior Rust Engineer"), "midnight in Los Angeles, not UTC");
}

#[test]
fn same_input_and_now_give_byte_identical_output() {
    let dir = site_copy("minimal");
    let root = dir.path().to_str().unwrap();
    let a = dir.path().join("out-a");
    let b = dir.path().join("out-b");
    for out in [&a, &b] {
        let o =
            vacancy(&["build", "--root", root, "--now", common::NOW, "--output-dir", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let files = |d: &std::path::Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = walkdir::WalkDir::new(d)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (e.path().strip_prefix(d).unwrap().display().to_string(), std::fs::read(e.path()).unwrap())
            })
            .collect();
        v.sort();
        v
    };
    let (fa, fb) = (files(&a), files(&b));
    assert!(fa.len() > 40);
    assert_eq!(fa, fb);
}

#[test]
fn base_url_flag_overrides_the_config() {
    let b = build_fixture("minimal", &["--base-url", "https://preview.example/pr-7"]);
    let page = "jobs/rust-engineer/index.html";
    assert_eq!(
        b.attrs(page, r#"link[rel="canonical"]"#, "href"),
        ["https://preview.example/pr-7/jobs/rust-engineer/"]
    );
    assert!(b.read("sitemap.xml").contains("<loc>https://preview.example/pr-7/jobs/rust-engineer/</loc>"));
    assert!(b.attrs("index.html", "a", "href").contains(&"/pr-7/jobs/rust-engineer/".to_string()));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let dir = site_copy("minimal");
    assert!(build(dir.path(), &[]).status.success());
    let index = std::fs::read(dir.path().join("public/index.html")).unwrap();
    let leftovers = || -> Vec<String> {
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".public"))
            .collect()
    };

    // Fails while loading, before anything is rendered.
    std::fs::write(dir.path().join("content/jobs/broken.md"), "---\ntitle: [unclosed\n---\n").unwrap();
    let out = build(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error: content/jobs/broken.md:3:1: invalid YAML"), "{}", stderr(&out));
    assert_eq!(std::fs::read(dir.path().join("public/index.html")).unwrap(), index);
    std::fs::remove_file(dir.path().join("content/jobs/broken.md")).unwrap();

    // Fails halfway through rendering, with pages already in the staging folder.
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/term.html"), "{{ term.nope }}").unwrap();
    let out = build(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("templates/term.html"), "{}", stderr(&out));
    assert_eq!(std::fs::read(dir.path().join("public/index.html")).unwrap(), index);
    assert!(dir.path().join("public/jobs/rust-engineer/index.html").exists());
    assert!(leftovers().is_empty(), "leftover staging folders: {:?}", leftovers());
    let temps: Vec<_> = walkdir::WalkDir::new(dir.path().join("public"))
        .into_iter()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".vacancy-new"))
        .collect();
    assert!(temps.is_empty(), "temporary files left in public/: {temps:?}");
}

#[test]
fn site_templates_and_static_files_override_the_embedded_theme() {
    let dir = site_copy("minimal");
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/404.html"), "<p>Custom {{ site.title }} 404</p>").unwrap();
    std::fs::write(dir.path().join("static/style.css"), "body{color:red}").unwrap();
    assert!(build(dir.path(), &[]).status.success());
    let read = |rel: &str| std::fs::read_to_string(dir.path().join("public").join(rel)).unwrap();
    assert_eq!(read("404.html"), "<p>Custom Acme Careers 404</p>");
    assert_eq!(read("style.css"), "body{color:red}");
    // Other templates still come from the embedded theme.
    assert!(read("index.html").contains("Senior Rust Engineer"));
}

#[test]
fn posting_extra_data_reaches_templates() {
    let dir = site_copy("minimal");
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/posting.html"),
        "{{ posting.title }}|{% if posting.extra.team %}{{ posting.extra.team }}{% endif %}",
    )
    .unwrap();
    assert!(build(dir.path(), &[]).status.success());
    let read = |rel: &str| std::fs::read_to_string(dir.path().join("public").join(rel)).unwrap();
    assert_eq!(read("jobs/rust-engineer/index.html"), "Senior Rust Engineer|Platform");
    assert_eq!(read("jobs/sales-lead/index.html"), "Sales Lead|");
}

#[test]
fn term_listings_paginate() {
    let dir = site_copy("minimal");
    let config = std::fs::read_to_string(dir.path().join("config.yaml")).unwrap();
    std::fs::write(dir.path().join("config.yaml"), config.replace("paginate: 2", "paginate: 1")).unwrap();
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let b = Built { dir, stderr: stderr(&out) };
    assert_eq!(card_titles(&b, "types/full-time/index.html"), ["Senior Rust Engineer"]);
    assert_eq!(card_titles(&b, "types/full-time/page/2/index.html"), ["Sales Lead"]);
    assert!(!b.exists("types/full-time/page/3/index.html"));
    assert!(
        b.attrs("types/full-time/index.html", "a", "href")
            .contains(&"/careers/types/full-time/page/2/".to_string())
    );
    assert_eq!(card_titles(&b, "page/3/index.html"), ["Sales Lead"]);
    assert!(b.read("sitemap.xml").contains("<loc>https://example.com/careers/types/full-time/page/2/</loc>"));
}

#[test]
fn page_links_show_a_window_around_the_current_page() {
    let dir = site_copy("minimal");
    let config = std::fs::read_to_string(dir.path().join("config.yaml")).unwrap();
    std::fs::write(dir.path().join("config.yaml"), config.replace("paginate: 2", "paginate: 1")).unwrap();
    let job = std::fs::read_to_string(dir.path().join("content/jobs/sales-lead.md")).unwrap();
    for n in 1..=12 {
        std::fs::write(dir.path().join(format!("content/jobs/sales-lead-{n}.md")), &job).unwrap();
    }
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let b = Built { dir, stderr: stderr(&out) };
    let last = b.texts("index.html", ".pagination .page-number a").last().cloned().unwrap();
    let total: usize = last.trim_start_matches("Page ").parse().unwrap();
    assert!(total >= 14, "one posting a page: {total} pages");
    // Page 7: the first, a gap, 5 to 9, a gap, the last; nothing else.
    let nav = |rel: &str| b.texts(rel, ".pagination li:not(.page-prev):not(.page-next)");
    let mut expected = vec!["Page 1".to_string(), "…".to_string()];
    expected.extend((5..=9).map(|n| format!("Page {n}")));
    expected.extend(["…".to_string(), format!("Page {total}")]);
    assert_eq!(nav("page/7/index.html"), expected);
    assert_eq!(b.attrs("page/7/index.html", ".pagination a[aria-current]", "href"), ["/careers/page/7/"]);
    // Page 5 shows page 2 rather than a gap that would hide it alone.
    assert_eq!(&nav("page/5/index.html")[..3], ["Page 1", "Page 2", "Page 3"]);
    assert_eq!(b.attrs("page/7/index.html", ".pagination .page-gap", "aria-hidden"), ["true", "true"]);
}

#[test]
fn raw_html_in_bodies_is_sanitised_escaped_or_trusted_as_configured() {
    let dir = site_copy("minimal");
    let job = dir.path().join("content/jobs/sales-lead.md");
    let text = std::fs::read_to_string(&job).unwrap();
    std::fs::write(&job, text.replace("Sell the TPS reports.", "Sell <em class=\"x\">the</em> reports."))
        .unwrap();
    let page = |dir: &std::path::Path| {
        std::fs::read_to_string(dir.join("public/jobs/sales-lead/index.html")).unwrap()
    };
    let config = std::fs::read_to_string(dir.path().join("config.yaml")).unwrap();
    let line = text.lines().position(|l| l.contains("Sell the TPS")).unwrap() + 1;
    let out = build(dir.path(), &[]);
    assert!(out.status.success());
    assert!(page(dir.path()).contains("Sell <em>the</em> reports."), "sanitised by default");
    assert!(
        stderr(&out).contains(&format!(
            "warning: content/jobs/sales-lead.md:{line}:6: body: raw HTML: the sanitiser removed the `class` attribute of <em>"
        )),
        "{}",
        stderr(&out)
    );
    for (setting, expected) in [
        ("raw_html: escape", r#"Sell &lt;em class="x"&gt;the&lt;/em&gt; reports."#),
        ("raw_html: trust", r#"Sell <em class="x">the</em> reports."#),
        ("unsafe_html: true", r#"Sell <em class="x">the</em> reports."#),
    ] {
        std::fs::write(dir.path().join("config.yaml"), format!("{config}markdown: {{{setting}}}\n")).unwrap();
        let out = build(dir.path(), &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(page(dir.path()).contains(expected), "{setting}");
        assert_eq!(
            stderr(&out).contains("markdown.unsafe_html: `markdown.unsafe_html` is deprecated"),
            setting.starts_with("unsafe"),
            "{setting}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn template_errors_name_the_template_and_the_page() {
    let dir = site_copy("minimal");
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/posting.html"), "{{ posting.nope }}").unwrap();
    let out = build(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("templates/posting.html"), "{err}");
    assert!(err.contains("content/jobs/"), "names the posting being rendered: {err}");
    assert!(!dir.path().join("public").exists());
}

#[test]
fn pages_link_one_favicon_file_and_leave_twitter_titles_to_open_graph() {
    let b = minimal();
    let page = "jobs/rust-engineer/index.html";
    assert_eq!(b.attrs(page, r#"link[rel="icon"]"#, "href"), ["/careers/favicon.svg"]);
    assert!(b.read("favicon.svg").starts_with("<svg xmlns="));
    assert_eq!(b.attrs(page, r#"meta[property="og:title"]"#, "content"), ["Senior Rust Engineer"]);
    assert!(
        b.attrs(page, r#"meta[name="twitter:title"], meta[name="twitter:description"]"#, "content")
            .is_empty()
    );
    assert_eq!(b.attrs(page, r#"meta[name="twitter:card"]"#, "content"), ["summary"]);
}

/// The details box adds to the job header, never repeats it: the location only with its
/// street addresses, the salary only as "Not disclosed", the job ID only when it is not the
/// page's slug; and the page's head has no Open Graph description beside the meta one, and
/// no generator.
#[test]
fn posting_details_repeat_nothing_from_the_header() {
    let b = minimal();
    let terms = |page: &str| b.texts(&format!("jobs/{page}/index.html"), ".job-details dt");
    let values = |page: &str| b.texts(&format!("jobs/{page}/index.html"), ".job-details dd");
    // Remote, with a salary and an `id:` of its own.
    assert_eq!(
        terms("rust-engineer"),
        ["Company", "Open to applicants in", "Employment type", "Category", "Posted", "Job ID", "Apply by"]
    );
    assert!(values("rust-engineer").contains(&"GLX-1".to_string()));
    // A street address: the location row stays for it; no salary; the ID is the slug.
    assert_eq!(terms("designer"), ["Company", "Location", "Employment type", "Salary", "Category", "Posted"]);
    let designer = values("designer");
    assert!(designer.contains(&"Not disclosed".to_string()), "{designer:?}");
    assert!(designer.iter().any(|v| v.contains("Main St 1, 10115 Berlin")), "{designer:?}");
    // On site without a street, with a salary: neither row.
    assert!(!terms("sales-lead").iter().any(|t| t == "Location" || t == "Salary" || t == "Job ID"));
    let page = "jobs/sales-lead/index.html";
    assert!(b.attrs(page, r#"meta[property="og:description"]"#, "content").is_empty());
    assert!(b.attrs(page, r#"meta[name="generator"]"#, "content").is_empty(), "the footer names Vacancy");
    assert_eq!(b.attrs(page, r#"meta[name="description"]"#, "content").len(), 1);
}
