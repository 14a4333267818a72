//! A whole posting file through the pipeline: front matter → Markdown → sanitiser →
//! JSON-LD → every page of a one-posting site. It must never panic, the posting page's
//! JSON-LD must parse back to the posting's values, and a sanitised body must hold no
//! script. The same bytes also go through the page parser (`content/pages/`), which shares
//! the limits and the sanitiser.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};
use vacancy::config::Config;
use vacancy::content::{Content, page, posting};
use vacancy::render::theme::{self, Theme};
use vacancy::site::{Publish, Site};

fn setup() -> &'static (Arc<Config>, Theme) {
    static SETUP: OnceLock<(Arc<Config>, Theme)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let text = "title: Fuzz Jobs\nbase_url: https://jobs.example/\norganization: {name: Acme, url: https://acme.example}\n";
        let config = vacancy::config::parse(Path::new("config.yaml"), text, None).expect("config");
        // No site folder: the embedded default theme alone.
        let theme = theme::load(Path::new("/nonexistent-fuzz-site"), &config).expect("theme");
        (Arc::new(config), theme)
    })
}

/// A script element, or an attribute whose value is a `javascript:` URL. The scheme in
/// plain text ("javascript: the good parts") is harmless escaped prose; flagging it was a
/// false alarm of the first one-hour run. The sanitiser's serialiser escapes `<` in text and
/// `"` in attribute values, so tags and quoted values can be told apart without a parser.
fn unsafe_markup(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    if lower.contains("<script") {
        return true;
    }
    let (mut in_tag, mut value) = (false, None::<usize>);
    for (i, c) in lower.char_indices() {
        match (c, in_tag, value) {
            ('<', false, _) => in_tag = true,
            ('>', true, None) => in_tag = false,
            ('"', true, None) => value = Some(i + 1),
            ('"', true, Some(from)) => {
                if lower[from..i].trim_start().starts_with("javascript:") {
                    return true;
                }
                value = None;
            }
            _ => {}
        }
    }
    false
}

fuzz_target!(|bytes: &[u8]| {
    let (config, theme) = setup();
    let companies = HashMap::new();
    if let Ok(text) = std::str::from_utf8(bytes)
        && let Some(pg) = page::parse(Path::new("content/pages/fuzz.md"), text, config, &mut Vec::new())
    {
        let html = &pg.body.html;
        assert!(!unsafe_markup(html), "unsafe page: {html}");
    }
    let cx = posting::Context { config, companies: &companies };
    let (Some(p), _) = posting::parse(Path::new("content/jobs/fuzz.md"), bytes, &cx) else { return };
    let html = &p.body.html;
    assert!(!unsafe_markup(html), "unsafe body: {html}");
    let p = Arc::new(p);
    let content = Content {
        postings: vec![p.clone()],
        companies: HashMap::new(),
        stray_files: vec![],
        pages: vec![],
        intro: None,
    };
    let now = p.posted_at.checked_add(jiff::SignedDuration::from_secs(1)).unwrap_or(p.posted_at);
    let site = Site::assemble(config.clone(), &content, now, Publish { drafts: true });
    let pages = vacancy::render::render(&site, theme).expect("render");
    let page = pages.iter().find(|pg| pg.rel == format!("jobs/{}/index.html", p.slug));
    let Some(page) = page else { return };
    let page = std::str::from_utf8(&page.bytes).expect("UTF-8 page");
    let open = r#"<script type="application/ld+json">"#;
    let Some(start) = page.find(open).map(|i| i + open.len()) else { return };
    let end = start + page[start..].find("</script>").expect("closed script");
    let jp: serde_json::Value = serde_json::from_str(&page[start..end]).expect("JSON-LD parses");
    assert_eq!(jp["title"], p.title.as_str());
    assert_eq!(jp["description"], p.body.html.as_str());
});
