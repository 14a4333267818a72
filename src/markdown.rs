//! Posting bodies: Markdown → HTML, plus the plain-text summary and word count.

use crate::sanitize::{self, RawHtml, Removed};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::{HashMap, HashSet};

/// A rendered body. Serializable for the parse cache ([`crate::content::cache`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rendered {
    pub html: String,
    /// Plain text of the first paragraph (the default summary).
    pub first_paragraph: String,
    pub words: usize,
    /// The whole body as plain text, blocks separated by blank lines (for exports).
    pub text: String,
    /// Link destinations, for the internal-link check.
    pub links: Vec<String>,
    /// What the sanitiser took out, each with the byte offset in the body of the first
    /// raw HTML that had it (for `check`'s warnings).
    pub removed: Vec<(Removed, usize)>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Ids the default theme uses on every posting page; body headings never take them, so
/// the page keeps unique ids and the theme's `aria-labelledby` still points at its own.
pub const RESERVED_IDS: [&str; 3] = ["main", "top", "job-details-title"];

/// Link schemes a Markdown link may use unless raw HTML is trusted: no `javascript:`,
/// `data:` or `vbscript:` URL can reach a page.
const SAFE_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// True for relative URLs and those with a safe scheme.
fn is_safe_url(url: &str) -> bool {
    // A scheme is letters, digits, `+`, `-`, `.` before the first `:`, with no `/`, `?` or
    // `#` before it; browsers ignore leading spaces and control characters.
    let url = url.trim_start_matches(|c: char| c <= ' ');
    match url.find([':', '/', '?', '#']) {
        Some(i) if url.as_bytes()[i] == b':' => {
            let scheme = url[..i].to_ascii_lowercase();
            let scheme: String =
                scheme.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_control()).collect();
            SAFE_SCHEMES.contains(&scheme.as_str())
        }
        _ => true,
    }
}

/// Renders CommonMark with tables, footnotes, strikethrough and heading anchors. Raw HTML
/// is sanitised, escaped or trusted as `raw_html` says; unless it is trusted, links and
/// images with unsafe schemes go nowhere and links to other sites get `rel="nofollow noopener"`.
pub fn render(src: &str, raw_html: RawHtml) -> Rendered {
    let unsafe_html = raw_html == RawHtml::Trust;
    let (events, ranges): (Vec<Event>, Vec<std::ops::Range<usize>>) =
        Parser::new_ext(src, options()).into_offset_iter().unzip();
    // The cheap pre-check: only bodies with raw HTML go through the sanitiser.
    let raw: Vec<usize> =
        (0..events.len()).filter(|&i| matches!(events[i], Event::Html(_) | Event::InlineHtml(_))).collect();
    let escape = raw_html == RawHtml::Escape;
    let mut out = Vec::with_capacity(events.len());
    let mut first_paragraph = String::new();
    let mut in_first_paragraph = false;
    let mut seen_paragraph = false;
    let mut plain = String::with_capacity(src.len());
    let mut links = Vec::new();
    let mut ids = HeadingIds::default();
    let mut i = 0;
    while i < events.len() {
        let ev = events[i].clone();
        match &ev {
            Event::Start(Tag::Heading { level, id: None, classes, attrs }) => {
                // Give each heading an id from its text so sections can be linked to.
                let text: String = events[i + 1..]
                    .iter()
                    .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let id = ids.unique(&crate::site::urls::slugify(&text));
                out.push(Event::Start(Tag::Heading {
                    level: shift(*level),
                    id: Some(CowStr::from(id)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::Start(Tag::Paragraph) if !seen_paragraph => {
                in_first_paragraph = true;
                seen_paragraph = true;
                out.push(ev);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
                in_first_paragraph = false;
                plain.push_str(match ev {
                    Event::End(TagEnd::Item) => "\n",
                    Event::End(TagEnd::TableCell) => " ",
                    _ => "\n\n",
                });
                out.push(match ev {
                    Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level))),
                    other => other,
                });
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id })
                if !unsafe_html && !is_safe_url(dest_url) =>
            {
                let (link_type, title, id) = (*link_type, title.clone(), id.clone());
                out.push(Event::Start(Tag::Link { link_type, dest_url: CowStr::from("#"), title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id })
                if !unsafe_html && !is_safe_url(dest_url) =>
            {
                let (link_type, title, id) = (*link_type, title.clone(), id.clone());
                out.push(Event::Start(Tag::Image { link_type, dest_url: CowStr::from(""), title, id }));
            }
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                links.push(dest_url.to_string());
                out.push(ev);
            }
            Event::Html(h) | Event::InlineHtml(h) if escape => out.push(Event::Text(h.clone())),
            Event::Text(t) | Event::Code(t) => {
                plain.push_str(t);
                if in_first_paragraph {
                    first_paragraph.push_str(t);
                }
                out.push(ev);
            }
            Event::End(TagEnd::TableRow | TagEnd::TableHead | TagEnd::List(_) | TagEnd::Table) => {
                let rows = matches!(ev, Event::End(TagEnd::TableRow | TagEnd::TableHead));
                plain.push_str(if rows { "\n" } else { "\n\n" });
                out.push(ev);
            }
            Event::SoftBreak | Event::HardBreak => {
                plain.push(if matches!(ev, Event::HardBreak) { '\n' } else { ' ' });
                if in_first_paragraph {
                    first_paragraph.push(' ');
                }
                out.push(ev);
            }
            _ => out.push(ev),
        }
        i += 1;
    }
    let mut html_out = String::with_capacity(src.len() * 3 / 2);
    html::push_html(&mut html_out, out.into_iter());
    let mut removed = Vec::new();
    if raw_html == RawHtml::Sanitize && !raw.is_empty() {
        let clean = sanitize::clean(&html_out);
        for r in sanitize::removed(&html_out, &clean) {
            // Markdown's own output is always kept, so what went came from raw HTML.
            let at = raw.iter().find(|&&i| r.is_in(&src[ranges[i].clone()])).map_or(0, |&i| ranges[i].start);
            removed.push((r, at));
        }
        html_out = clean;
    }
    if !unsafe_html {
        html_out = sanitize::add_link_rel(&html_out);
    }
    // A posting keeps its links for the whole build (the link check).
    links.shrink_to_fit();
    Rendered {
        html: html_out,
        first_paragraph: first_paragraph.trim().to_string(),
        words: plain.split_whitespace().count(),
        text: plain_text(&plain),
        links,
        removed,
    }
}

/// Trims each line and keeps at most one blank line between blocks (a loose list item
/// ends both its paragraph and itself).
fn plain_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank = 0;
    for line in raw.lines().map(str::trim) {
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// The page's `<h1>` is the posting title, so a body `#` becomes `<h2>` and so on.
fn shift(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H2,
        other => other,
    }
}

/// The ids given to a body's headings so far.
struct HeadingIds {
    seen: HashSet<String>,
    /// The next suffix to try per base: a body of thousands of identical headings (a
    /// stranger's pull request) must not retry `-1`, `-2`, … from the start each time.
    next: HashMap<String, usize>,
    /// Ids tried, for the test that bounds the work.
    tries: usize,
}

impl Default for HeadingIds {
    fn default() -> Self {
        let seen = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
        HeadingIds { seen, next: HashMap::new(), tries: 0 }
    }
}

impl HeadingIds {
    /// `base`, or `base-1`, `base-2`, … : the first not given yet.
    fn unique(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "section" } else { base };
        self.tries += 1;
        if self.seen.insert(base.to_string()) {
            return base.to_string();
        }
        let n = self.next.entry(base.to_string()).or_insert(1);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            self.tries += 1;
            if self.seen.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// Shortens plain text to at most `max` characters on a word boundary, adding "…".
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_blocks_apart_and_drops_markup() {
        let r = render(
            "# Role\n\nWe *build* [maps](https://x.example/)\nfor you.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            RawHtml::Sanitize,
        );
        assert_eq!(r.text, "Role\n\nWe build maps for you.\n\none\ntwo\n\na b\n1 2");
        assert_eq!(r.words, 12);
    }

    #[test]
    fn renders_extensions_and_heading_anchors() {
        let r = render(
            "## What you'll do\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ text[^1]\n\n[^1]: note\n\n## What you'll do\n",
            RawHtml::Sanitize,
        );
        assert!(r.html.contains("<h2 id=\"what-you-ll-do\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"what-you-ll-do-1\">"));
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("footnote-definition"));
    }

    #[test]
    fn escapes_raw_html_unless_allowed() {
        let src = "Hi <script>alert(1)</script>\n\n<div onclick=x>block</div>\n";
        let safe = render(src, RawHtml::Escape);
        assert!(!safe.html.contains("<script>"));
        assert!(safe.html.contains("&lt;script&gt;"));
        assert!(!safe.html.contains("<div onclick"));
        assert!(render(src, RawHtml::Trust).html.contains("<script>"));
    }

    #[test]
    fn sanitises_raw_html_and_says_what_went_where() {
        let src = "Intro <b>bold</b>\n\n<table><tr><td>1</td></tr></table>\n\nText\n\n<div onclick=\"x()\">d</div>\n\n<script>alert(1)</script>\n";
        let r = render(src, RawHtml::Sanitize);
        assert!(r.html.contains("<b>bold</b>") && r.html.contains("<td>1</td>"), "{}", r.html);
        assert!(!r.html.contains("script") && !r.html.contains("onclick"), "{}", r.html);
        let removed: Vec<(String, usize)> = r.removed.iter().map(|(w, at)| (w.to_string(), *at)).collect();
        let div = src.find("<div").unwrap();
        let script = src.find("<script").unwrap();
        assert_eq!(
            removed,
            [("the `onclick` attribute of <div>".to_string(), div), ("<script>".to_string(), script)]
        );
    }

    #[test]
    fn markdown_only_bodies_skip_the_sanitiser_but_external_links_get_rel() {
        let r = render("See [us](https://x.example/) and [jobs](/jobs/).\n", RawHtml::Sanitize);
        assert_eq!(
            r.html,
            "<p>See <a href=\"https://x.example/\" rel=\"nofollow noopener\">us</a> and <a href=\"/jobs/\">jobs</a>.</p>\n"
        );
        assert!(r.removed.is_empty());
    }

    #[test]
    fn unsafe_link_schemes_go_nowhere() {
        let src = "[a](javascript:alert(1)) [b]( JavaScript:alert(2)) <javascript:alert(3)> ![i](data:text/html,x) [ok](https://x.example/) [rel](/jobs/) [m](mailto:a@b.example) [c](java\tscript:alert(4))\n";
        let r = render(src, RawHtml::Escape);
        let attrs: Vec<&str> = r.html.split(['"']).skip(1).step_by(2).collect();
        assert!(
            attrs.iter().all(|a| !a.to_lowercase().contains("script:") && !a.contains("data:")),
            "{}",
            r.html
        );
        assert_eq!(r.html.matches(r##"href="#""##).count(), 3, "{}", r.html);
        assert!(r.html.contains(r#"href="https://x.example/""#));
        assert!(r.html.contains(r#"href="/jobs/""#));
        assert!(r.html.contains(r#"href="mailto:a@b.example""#));
        assert!(render(src, RawHtml::Trust).html.contains("javascript:alert(1)"));
    }

    #[test]
    fn headings_never_take_the_themes_ids() {
        let r = render("# Main\n\n## Job details title\n", RawHtml::Escape);
        assert!(r.html.contains(r#"<h2 id="main-1">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h2 id="job-details-title-1">"#), "{}", r.html);
    }

    #[test]
    fn duplicate_headings_get_numbered_ids_in_linear_work() {
        let r = render("## FAQ\n\n## FAQ-1\n\n## FAQ\n\n## FAQ\n\n##\n\n##\n", RawHtml::Escape);
        let ids: Vec<&str> = r.html.split(r#" id=""#).skip(1).map(|s| s.split('"').next().unwrap()).collect();
        assert_eq!(ids, ["faq", "faq-1", "faq-2", "faq-3", "section", "section-1"]);
        // A fuzzed body of thousands of identical headings took seconds: each new one retried
        // every suffix from `-1`. Now each heading costs one try plus the ids it collides with.
        let mut ids = HeadingIds::default();
        for _ in 0..10_000 {
            ids.unique("faq");
        }
        assert_eq!(ids.tries, 10_000 + 9_999, "one try for the base, then one per heading");
        assert!(ids.seen.contains("faq-9999") && !ids.seen.contains("faq-10000"));
    }

    #[test]
    fn takes_the_first_paragraph_words_and_links() {
        let r = render("We build *tools*\nfor teams.\n\nSecond [link](/jobs/x/).\n", RawHtml::Escape);
        assert_eq!(r.first_paragraph, "We build tools for teams.");
        assert_eq!(r.words, 7);
        assert_eq!(r.links, ["/jobs/x/"]);
    }

    #[test]
    fn body_h1_becomes_h2() {
        assert!(render("# Title\n", RawHtml::Escape).html.starts_with("<h2 id=\"title\">"));
    }

    #[test]
    fn truncates_on_word_boundaries() {
        assert_eq!(truncate("one two three", 20), "one two three");
        assert_eq!(truncate("one two three four", 10), "one two…");
    }
}
