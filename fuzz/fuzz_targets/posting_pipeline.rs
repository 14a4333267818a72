//! A whole posting file through the pipeline: front matter → Markdown → sanitiser →
//! JSON-LD → every page of a one-posting site. It must never panic, the posting page's
//! JSON-LD must parse back to the posting's values (the description to the body's text),
//! and a sanitised body must hold no script. The same bytes also go through the page
//! parser (`content/pages/`), which shares the limits and the sanitiser.
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

/// No `<script>` element and no URL attribute that runs script. Text is always escaped
/// (`&lt;`), so every `<` starts a real tag; `javascript:` as text (the label of a neutralised
/// autolink) is harmless, and was this check's own false alarm once.
fn assert_safe(what: &str, html: &str) {
    let lower = html.to_ascii_lowercase();
    for tag in lower.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        assert!(!tag.starts_with("script"), "unsafe {what}: {html}");
        for attr in ["href=\"", "src=\"", "action=\"", "poster=\"", "background=\"", "cite=\"", "data=\""] {
            for (i, _) in tag.match_indices(attr) {
                let value = tag[i + attr.len()..].trim_start();
                assert!(
                    !value.starts_with("javascript:") && !value.starts_with("vbscript:"),
                    "unsafe {what}: {html}"
                );
            }
        }
    }
}

fuzz_target!(|bytes: &[u8]| {
    let (config, theme) = setup();
    let companies = HashMap::new();
    if let Ok(text) = std::str::from_utf8(bytes)
        && let Some(pg) = page::parse(Path::new("content/pages/fuzz.md"), text, config, &mut Vec::new())
    {
        assert_safe("page", &pg.body.html);
    }
    let cx = posting::Context { config, companies: &companies };
    let (Some(p), _) = posting::parse(Path::new("content/jobs/fuzz.md"), bytes, &cx) else { return };
    assert_safe("body", &p.body.html());
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
    // The description is the body without what only the page uses (heading ids, links'
    // `rel`, the line breaks beside block tags): the same text, never more markup.
    let description = jp["description"].as_str().expect("a description");
    let (got, want) = (text_of(description), text_of(&p.body.html()));
    if got != want {
        let at = got.bytes().zip(want.bytes()).take_while(|(a, b)| a == b).count();
        let from = at.saturating_sub(200);
        // Byte windows, clamped and decoded lossily: `str::get` gives None near the end or
        // inside a character, which would hide the very difference being reported.
        let window = |s: &str| {
            let b = s.as_bytes();
            String::from_utf8_lossy(&b[from.min(b.len())..(at + 200).min(b.len())]).into_owned()
        };
        panic!("description text differs at byte {at}:\n{:?}\nbody:\n{:?}", window(&got), window(&want));
    }
    assert!(description.len() <= p.body.html().len());
});

/// HTML without its tags: what a reader sees (entities left as they are). A line break
/// right after or before a tag is left out: the JSON-LD drops those between blocks, where
/// they show nothing.
fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut chars = html.chars().peekable();
    let mut after_tag = false;
    while let Some(c) = chars.next() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                after_tag = true;
                continue;
            }
            '\n' if !in_tag && (after_tag || chars.peek() == Some(&'<')) => {}
            c if !in_tag => text.push(c),
            _ => {}
        }
        after_tag = false;
    }
    text
}
