//! The board's pages (issue 6): careers-page mode on `examples/careers`, posting-page
//! extras, location labels, card dates, and `content/pages/`.

mod common;

use common::{Built, NOW, build, build_fixture, copy_dir, stderr, vacancy};
use std::path::Path;

/// `examples/careers` copied into a temp dir, so the test never writes into the repo.
fn careers_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/careers"), dir.path());
    let _ = std::fs::remove_dir_all(dir.path().join("public"));
    dir
}

fn build_dir(dir: tempfile::TempDir, extra: &[&str]) -> Built {
    let out = build(dir.path(), extra);
    let err = stderr(&out);
    assert!(out.status.success(), "build failed:\n{err}");
    Built { dir, stderr: err }
}

fn careers() -> Built {
    build_dir(careers_copy(), &[])
}

fn nav(b: &Built, rel: &str) -> Vec<String> {
    b.texts(rel, ".site-nav a")
}

#[test]
fn careers_example_hides_companies_and_shows_the_organization() {
    let b = careers();
    assert_eq!(
        nav(&b, "index.html"),
        ["All jobs", "Categories", "Employment types", "Locations", "About us", "Benefits"],
        "no Companies in careers mode; pages follow in `nav` order"
    );
    assert_eq!(b.attrs("index.html", ".site-header img.site-logo", "src"), ["/img/birchwood.svg"]);
    assert_eq!(b.texts("index.html", ".site-header .site-title"), ["Birchwood Coffee Roasters"]);
    let head = b.read("jobs/head-roaster/index.html");
    assert!(head.contains("--accent:#8a4b1f;"), "the configured accent is applied");
    assert!(head.contains("@media (prefers-color-scheme: dark){:root{--accent:#"), "with a dark variant");
}

#[test]
fn a_multi_company_board_keeps_company_navigation() {
    let b = build_fixture("minimal", &[]);
    assert!(nav(&b, "index.html").contains(&"Companies".to_string()));
    assert!(b.attrs("index.html", ".site-header img", "src").is_empty(), "no logo in the header");
    assert_eq!(b.texts("index.html", ".site-header .site-title"), ["Acme Careers"]);
    assert!(!b.read("index.html").contains("--accent:"), "no accent configured, none written");
}

#[test]
fn low_contrast_accent_is_a_check_warning_with_file_and_line() {
    let dir = careers_copy();
    let config = dir.path().join("config.yaml");
    let text = std::fs::read_to_string(&config).unwrap().replace("\"#8a4b1f\"", "\"#f5c518\"");
    let line = text.lines().position(|l| l.contains("#f5c518")).unwrap() + 1;
    std::fs::write(&config, text).unwrap();
    let out = vacancy(&["check", "--root", dir.path().to_str().unwrap(), "--now", NOW]);
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &stderr(&out);
    let expected = format!(
        "warning: config.yaml:{line}:11: theme_options.accent: #f5c518 on white has a contrast of 1.63:1"
    );
    assert!(text.contains(&expected), "{text}");
    assert!(out.status.success(), "a warning alone does not fail check");

    // Not a colour at all is an error, with a typo'd key reported in the same run.
    let bad =
        std::fs::read_to_string(&config).unwrap().replace("accent: \"#f5c518\"", "accent: brown\n  acent: x");
    std::fs::write(&config, bad).unwrap();
    let out = build(dir.path(), &[]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(
        err.contains(&format!(
            "error: config.yaml:{line}:11: theme_options.accent: \"brown\" is not a colour"
        )),
        "{err}"
    );
    assert!(
        err.contains("theme_options.acent: unknown field") && err.contains("did you mean `accent`?"),
        "{err}"
    );
}

#[test]
fn posting_page_links_related_jobs_more_jobs_and_share_urls() {
    let b = careers();
    let page = "jobs/head-roaster/index.html";
    // Same category first, then shared tags, then newest: nothing else is in "roastery",
    // and two postings share the tag "coffee".
    assert_eq!(
        b.texts(page, ".related-list a"),
        ["Café Manager, Division Street", "Customer Care Specialist"]
    );
    assert_eq!(b.attrs(page, ".more-links a", "href"), ["/categories/roastery/", "/"]);
    assert_eq!(
        b.texts(page, ".more-links a"),
        ["More Roastery & Production jobs", "All Birchwood Coffee Roasters jobs"]
    );
    let share = b.attrs(page, ".share-links a", "href");
    // The http services get the permalink with `:` and `/` as they are; e-mail escapes them.
    let url = "https://careers.birchwood.example/jobs/head-roaster/";
    assert_eq!(share.len(), 4, "{share:?}");
    assert!(
        share[0].starts_with("mailto:?subject=Head%20Roaster%20at%20Birchwood")
            && share[0].ends_with("https%3A%2F%2Fcareers.birchwood.example%2Fjobs%2Fhead-roaster%2F")
    );
    assert_eq!(share[1], format!("https://www.linkedin.com/sharing/share-offsite/?url={url}"));
    // X and Mastodon build their card from the page's Open Graph tags: the link is the URL alone.
    assert_eq!(share[2], format!("https://x.com/intent/post?url={url}"));
    assert_eq!(share[3], format!("https://mastodonshare.com/?url={url}"));
    assert!(b.attrs(page, "script[src]", "src").is_empty(), "no script at all on a posting page");
    // A posting that shares no category and no tag has no related section.
    assert!(b.texts("jobs/ecommerce-developer/index.html", ".related").is_empty());
}

#[test]
fn a_board_links_the_company_and_a_closed_posting_suggests_open_ones() {
    let b = build_fixture("minimal", &[]);
    let page = "jobs/rust-engineer/index.html";
    assert_eq!(
        b.attrs(page, ".more-links a", "href"),
        ["/careers/categories/engineering/", "/careers/companies/globex/"]
    );
    assert_eq!(b.texts(page, ".more-links a")[1], "All Globex jobs");
    // The closed support role is in "sales"; the open Sales Lead is its related posting.
    assert_eq!(b.texts("jobs/old-role/index.html", ".related-list a"), ["Sales Lead"]);
}

#[test]
fn print_style_keeps_description_and_apply_details() {
    let b = careers();
    let css = b.read("style.css");
    let print = css.rsplit("@media print").next().unwrap();
    assert!(
        print.contains(".job-more") && print.contains("display:none"),
        "related and share links are not printed"
    );
    assert!(
        print.contains(".job-details .button::after{content:\": \" attr(href)"),
        "the apply URL is printed"
    );
    assert!(!print.contains(".job-body") && !print.contains(".job-details{display:none"), "{print}");
}

#[test]
fn locations_read_anywhere_and_fold_region_countries() {
    let b = careers();
    let care = "jobs/customer-care-specialist/index.html";
    // Each fact follows its name, a visually hidden <dt> screen readers say first.
    assert_eq!(b.texts(care, ".job-header .facts dt"), ["Location", "Employment type", "Salary"]);
    assert_eq!(b.texts(care, ".job-header .facts dt + .fact-location"), ["Remote (Anywhere)"]);
    assert_eq!(b.texts(care, ".open-to"), ["Anywhere"]);
    assert!(b.texts(care, ".open-to details").is_empty(), "no country list for worldwide");
    let jp = b.job_posting(care);
    assert!(
        jp["applicantLocationRequirements"].as_array().unwrap().len() > 240,
        "JSON-LD keeps every country"
    );

    let dev = "jobs/ecommerce-developer/index.html";
    let summary = b.texts(dev, ".open-to details summary");
    let jsonld = b.job_posting(dev)["applicantLocationRequirements"].as_array().unwrap().len();
    assert!(jsonld > 50, "{jsonld}");
    assert_eq!(
        summary,
        [format!("Americas ({jsonld} countries)")],
        "the folded list is the region's countries"
    );
    let folded = b.texts(dev, ".open-to details p")[0].clone();
    assert!(folded.contains("Brazil") && folded.contains("Canada"), "{folded}");
    assert_eq!(b.texts("index.html", ".card .facts dt")[0], "Location");
    assert_eq!(b.texts("index.html", ".card .facts dt + .fact-location")[0], "Remote (Americas)");
}

#[test]
fn listings_do_not_change_with_the_clock_and_load_the_card_script() {
    let a = build_fixture("minimal", &[]);
    // A day later nothing opens or closes in this fixture, so nothing may change.
    let dir = common::site_copy("minimal");
    let root = dir.path().to_str().unwrap().to_string();
    let out = vacancy(&["build", "--root", &root, "--now", "2026-12-01T12:00:00Z"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let b = Built { dir, stderr: stderr(&out) };
    for rel in [
        "index.html",
        "page/2/index.html",
        "jobs/rust-engineer/index.html",
        "categories/engineering/index.html",
    ] {
        assert_eq!(a.read(rel), b.read(rel), "{rel} changed from one day to the next");
    }
    assert_eq!(a.attrs("index.html", "script[src]", "src"), ["/careers/cards.js"]);
    assert_eq!(a.attrs("index.html", "script[src]", "defer"), [""], "deferred");
    // The static page shows the date itself; the script turns it into "3 days ago".
    assert_eq!(a.texts("index.html", ".card-date")[0], "Posted 20 Nov 2026");
    assert!(a.attrs("index.html", ".card-date time", "datetime").contains(&"2026-11-20".to_string()));
    assert!(a.texts("index.html", ".badge-new").is_empty(), "no New badge in the static page");
    let js = a.read("cards.js");
    assert!(js.contains("NEW_DAYS = 7") && js.contains("RelativeTimeFormat"), "{js}");
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn content_pages_get_the_layout_nav_sitemap_and_home_intro() {
    let dir = common::site_copy("minimal");
    write(
        dir.path(),
        "content/pages/how-we-hire.md",
        "---\ntitle: How we hire\nnav: 2\n---\nFour **steps**.\n",
    );
    write(
        dir.path(),
        "content/pages/about.md",
        "---\ntitle: About Acme\ndescription: Who we are.\nnav: 1\n---\nWe make anvils.\n",
    );
    write(dir.path(), "content/pages/imprint.md", "---\ntitle: Imprint\n---\nAcme Corp, Berlin.\n");
    write(dir.path(), "content/pages/benefits.md", "---\ntitle: Benefits\ndraft: true\n---\nLots.\n");
    write(dir.path(), "content/_index.md", "Welcome to **Acme**. <script>alert(1)</script>\n");
    let b = build_dir(dir, &[]);
    assert_eq!(b.texts("about/index.html", "main h1"), ["About Acme"]);
    assert_eq!(b.attrs("about/index.html", "meta[name=description]", "content"), ["Who we are."]);
    assert_eq!(b.texts("how-we-hire/index.html", "main .prose strong"), ["steps"]);
    assert!(b.exists("imprint/index.html"), "a page without `nav` is still built");
    assert!(!b.exists("benefits/index.html"), "drafts are not published");
    let nav = nav(&b, "about/index.html");
    assert_eq!(nav[nav.len() - 2..], ["About Acme", "How we hire"], "{nav:?}");
    assert_eq!(b.attrs("about/index.html", ".site-nav a[aria-current]", "href"), ["/careers/about/"]);
    let sitemap = b.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.com/careers/about/</loc>"), "{sitemap}");
    assert!(sitemap.contains("/careers/imprint/") && !sitemap.contains("benefits"), "{sitemap}");
    // The intro sits above the listing on the first page only, sanitised like postings.
    assert_eq!(b.texts("index.html", "main .intro strong"), ["Acme"]);
    let home = b.read("index.html");
    assert!(!home.contains("alert(1)"), "the sanitiser drops the intro's script: {home}");
    assert!(b.texts("page/2/index.html", ".intro").is_empty());

    // With --drafts the draft page is previewed, marked and kept out of search engines.
    let out = vacancy(&["build", "--root", b.root().to_str().unwrap(), "--now", NOW, "--drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(b.attrs("benefits/index.html", "meta[name=robots]", "content"), ["noindex"]);
    assert!(!b.read("sitemap.xml").contains("benefits"));
}

#[test]
fn bad_pages_are_reported_together_with_file_line_and_field() {
    let dir = common::site_copy("minimal");
    write(dir.path(), "content/pages/jobs.md", "---\ntitle: Our jobs\n---\nText.\n");
    write(dir.path(), "content/pages/about.md", "---\ntitle: About\ndescripton: 1\n---\nText.\n");
    write(dir.path(), "content/pages/team.md", "---\ndescription: The team\n---\nText.\n");
    write(dir.path(), "content/pages/empty.md", "---\ntitle: Empty\n---\n");
    let out = build(dir.path(), &[]);
    let err = stderr(&out);
    assert!(!out.status.success());
    for expected in [
        "error: content/pages/about.md:3:1: descripton: unknown field\n  help: did you mean `description`?",
        "error: content/pages/jobs.md:1:1: the page would be at /jobs/, which the build writes itself",
        "error: content/pages/team.md:1:1: title: missing required field",
        "error: content/pages/empty.md:4:1: the page has no text",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(!dir.path().join("public").exists(), "nothing is written");
}
