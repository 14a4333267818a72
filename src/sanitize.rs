//! Raw HTML in posting bodies, cleaned with an allow-list (`ammonia`), and `rel` on links
//! to other sites.
//!
//! Postings come from strangers' pull requests: what a body may contain is decided here,
//! not by the theme. Only bodies that contain raw HTML pay for the sanitiser.

use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// `markdown.raw_html`: what happens to raw HTML in posting bodies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep the allow-listed tags and attributes, drop the rest.
    #[default]
    Sanitize,
    /// Show every tag as text.
    Escape,
    /// Pass it through untouched: only when every author is trusted.
    Trust,
}

/// Tags a body may keep: headings, paragraphs, lists, links, emphasis, tables, code,
/// images, `<br>`, `<details>`, and what Markdown itself produces (footnotes, rules).
const TAGS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "a",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "mark",
    "small",
    "sub",
    "sup",
    "abbr",
    "code",
    "pre",
    "kbd",
    "samp",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "img",
    "details",
    "summary",
    "div",
    "span",
];

/// Tags removed with everything inside them (their text is not body text).
const DROP_WITH_CONTENT: &[&str] =
    &["script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math", "textarea"];

/// Link and image URL schemes kept; relative URLs always are.
const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// What the sanitiser keeps, for the help text of its warnings.
pub const ALLOWED_SUMMARY: &str =
    "headings, paragraphs, lists, links, emphasis, tables, code, images, <br> and <details>";

fn attributes() -> HashMap<&'static str, HashSet<&'static str>> {
    let mut m: HashMap<&str, HashSet<&str>> = HashMap::new();
    for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        m.insert(h, ["id"].into());
    }
    m.insert("a", ["href", "title"].into());
    m.insert("img", ["src", "alt", "title", "width", "height"].into());
    m.insert("ol", ["start"].into());
    m.insert("th", ["colspan", "rowspan", "style"].into());
    m.insert("td", ["colspan", "rowspan", "style"].into());
    m.insert("details", ["open"].into());
    m.insert("abbr", ["title"].into());
    // Markdown's own output: code languages and footnotes.
    m.insert("code", ["class"].into());
    m.insert("div", ["class", "id"].into());
    m.insert("sup", ["class"].into());
    m
}

/// Keeps `class` only where Markdown puts it, and ids that cannot clash with the theme's.
fn filter_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<std::borrow::Cow<'u, str>> {
    let keep = match (element, attribute) {
        ("code", "class") => value
            .strip_prefix("language-")
            .is_some_and(|l| l.chars().all(|c| c.is_alphanumeric() || "-_+#".contains(c))),
        ("div", "class") => value == "footnote-definition",
        ("sup", "class") => value == "footnote-reference" || value == "footnote-definition-label",
        (_, "id") => !crate::markdown::RESERVED_IDS.contains(&value),
        _ => true,
    };
    keep.then_some(value.into())
}

/// Sanitises rendered body HTML: allow-listed tags and attributes stay, scripts, styles,
/// frames, forms, event handlers, comments and `javascript:`/`data:`/`vbscript:` URLs go.
pub fn clean(html: &str) -> String {
    let mut b = ammonia::Builder::empty();
    b.tags(TAGS.iter().copied().collect())
        .clean_content_tags(DROP_WITH_CONTENT.iter().copied().collect())
        .tag_attributes(attributes())
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .filter_style_properties(["text-align"].into())
        .attribute_filter(filter_attribute)
        .strip_comments(true)
        // `rel` is added by `add_link_rel`, to links to other sites only.
        .link_rel(None);
    b.clean(html).to_string()
}

/// One start tag: its lowercase name and attribute names.
#[derive(Debug, PartialEq, Eq)]
struct StartTag {
    name: String,
    attrs: Vec<String>,
    /// Byte range of the whole tag, `<` to `>`.
    range: std::ops::Range<usize>,
}

/// Start tags of `html`, found by a quote-aware scan. Both inputs it is used on are
/// serialised HTML (pulldown-cmark's or html5ever's), where a literal `<` followed by a
/// letter always opens a tag; raw source fragments only need tag names from it.
fn start_tags(html: &str) -> Vec<StartTag> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        i = start + 1;
        let name_len =
            html[i..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(html.len() - i);
        if name_len == 0 || !bytes[i].is_ascii_alphabetic() {
            continue;
        }
        let name = html[i..i + name_len].to_ascii_lowercase();
        i += name_len;
        let mut attrs = Vec::new();
        // Attributes: name, optional `=` and a quoted or bare value, until `>`.
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                break;
            }
            let n = html[i..]
                .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>' || c == '/')
                .unwrap_or(html.len() - i)
                .max(1);
            attrs.push(html[i..i + n].to_ascii_lowercase());
            i += n;
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        i += 1 + html[i + 1..].find(q as char).map_or(html.len() - i - 1, |e| e + 1);
                    }
                    _ => {
                        i += html[i..]
                            .find(|c: char| c.is_ascii_whitespace() || c == '>')
                            .unwrap_or(html.len() - i)
                    }
                }
            }
        }
        i = (i + 1).min(html.len());
        out.push(StartTag { name, attrs, range: start..i });
    }
    out
}

/// What sanitising took out: `<tag>` for elements, `attr` on `<tag>` for attributes, as
/// found by comparing the start tags before and after. Each appears once, in order.
pub fn removed(before: &str, after: &str) -> Vec<Removed> {
    let count = |html: &str| {
        let mut m: HashMap<(String, Option<String>), usize> = HashMap::new();
        for t in start_tags(html) {
            for a in &t.attrs {
                *m.entry((t.name.clone(), Some(a.clone()))).or_default() += 1;
            }
            *m.entry((t.name, None)).or_default() += 1;
        }
        m
    };
    let (mut kept, mut out) = (count(after), Vec::new());
    // Comments: in serialised HTML a literal `<!--` is always one.
    if before.contains("<!--") && !after.contains("<!--") {
        out.push(Removed { tag: COMMENT.into(), attribute: None });
    }
    for t in start_tags(before) {
        let keys = std::iter::once(None).chain(t.attrs.iter().cloned().map(Some));
        for attr in keys {
            let key = (t.name.clone(), attr.clone());
            match kept.get_mut(&key) {
                Some(n) if *n > 0 => *n -= 1,
                _ => {
                    let r = Removed { tag: t.name.clone(), attribute: attr };
                    // An element that went takes its attributes with it: report it alone.
                    let element_gone = out.contains(&Removed { tag: t.name.clone(), attribute: None });
                    if !(out.contains(&r) || r.attribute.is_some() && element_gone) {
                        out.push(r);
                    }
                }
            }
        }
    }
    out
}

/// The `tag` of a removed HTML comment.
const COMMENT: &str = "!--";

/// Something the sanitiser removed from a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub tag: String,
    /// `None`: the whole element.
    pub attribute: Option<String>,
}

impl Removed {
    /// True when the raw HTML `fragment` of the source contains this tag (and attribute).
    pub fn is_in(&self, fragment: &str) -> bool {
        if self.tag == COMMENT {
            return fragment.contains("<!--");
        }
        start_tags(fragment)
            .iter()
            .any(|t| t.name == self.tag && self.attribute.as_ref().is_none_or(|a| t.attrs.contains(a)))
    }
}

impl std::fmt::Display for Removed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.attribute {
            None if self.tag == COMMENT => f.write_str("an HTML comment (<!-- … -->)"),
            None => write!(f, "<{}>", self.tag),
            Some(a) => write!(f, "the `{a}` attribute of <{}>", self.tag),
        }
    }
}

/// `check`'s warnings for what sanitising removed from `body` (a posting's or a page's,
/// starting on file line `first_line`), located at the raw HTML that had it.
pub fn warnings(
    rel: &std::path::Path,
    body: &str,
    first_line: usize,
    removed: &[(Removed, usize)],
) -> Vec<Diagnostic> {
    removed
        .iter()
        .map(|(what, at)| {
            let line = first_line + body[..*at].matches('\n').count();
            let col = body[..*at].rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Diagnostic::warning("html-removed", rel, format!("raw HTML: the sanitiser removed {what}"))
                .field("body")
                .at(line, col)
                .help(format!(
                    "posting and page bodies keep {ALLOWED_SUMMARY}; set `markdown.raw_html: trust` in config.yaml only if every author is trusted"
                ))
        })
        .collect()
}

/// True for a link to another site: an absolute `http(s)` or protocol-relative URL.
fn is_external(href: &str) -> bool {
    let h = href.trim_start().to_ascii_lowercase();
    h.starts_with("http://") || h.starts_with("https://") || h.starts_with("//")
}

/// Adds `rel="nofollow noopener"` to every `<a>` of serialised `html` that points to
/// another site, so a posting cannot lend the board's reputation to a link or reach back
/// into the page that opened it.
pub fn add_link_rel(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut last = 0;
    for t in start_tags(html).into_iter().filter(|t| t.name == "a" && !t.attrs.iter().any(|a| a == "rel")) {
        let tag = &html[t.range.clone()];
        let href = tag.split_once(" href=\"").and_then(|(_, rest)| rest.split_once('"')).map(|(v, _)| v);
        if !href.is_some_and(is_external) || !tag.ends_with('>') {
            continue;
        }
        out.push_str(&html[last..t.range.end - 1]);
        out.push_str(" rel=\"nofollow noopener\">");
        last = t.range.end;
    }
    out.push_str(&html[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_allow_list_and_drops_the_dangerous() {
        let html = "<h3 id=\"x\">T</h3><p><b>b</b><br><table><tr><td style=\"text-align: right\">1</td></tr></table>\
<details open><summary>More</summary>x</details><img src=\"/a.png\" alt=\"a\">\
<script>alert(1)</script><style>p{}</style><iframe src=\"https://x\"></iframe><form><input></form>\
<div onclick=\"x()\">d</div><a href=\"javascript:alert(1)\">j</a><a href=\"data:text/html,x\">d</a>\
<a href=\"vbscript:x\">v</a><!-- c --></p>";
        let out = clean(html);
        for kept in [
            "<h3 id=\"x\">",
            "<b>",
            "<br>",
            "<td style=\"text-align:right\">",
            "<details open=\"\">",
            "<summary>",
            "<img src=\"/a.png\" alt=\"a\">",
        ] {
            assert!(out.contains(kept), "{kept} missing from {out}");
        }
        for gone in [
            "script",
            "alert",
            "<style",
            "iframe",
            "form",
            "input",
            "onclick",
            "javascript",
            "data:",
            "vbscript",
            "<!--",
        ] {
            assert!(!out.contains(gone), "{gone} left in {out}");
        }
    }

    #[test]
    fn theme_ids_and_foreign_classes_go() {
        let out = clean("<h2 id=\"main\">a</h2><code class=\"language-rust\">x</code><p class=\"x\">p</p>");
        assert_eq!(out, "<h2>a</h2><code class=\"language-rust\">x</code><p>p</p>");
    }

    #[test]
    fn reports_removed_elements_and_attributes_once() {
        let before = "<p>a<script>x</script><div onclick=\"y\" class=\"c\">d</div><script>z</script><a href=\"javascript:q\">l</a></p>";
        let r: Vec<String> = removed(before, &clean(before)).iter().map(ToString::to_string).collect();
        assert_eq!(
            r,
            [
                "<script>",
                "the `onclick` attribute of <div>",
                "the `class` attribute of <div>",
                "the `href` attribute of <a>"
            ]
        );
        assert_eq!(
            removed("<p><!-- c --></p>", "<p></p>"),
            [Removed { tag: COMMENT.into(), attribute: None }]
        );
        assert!(removed("<p><b>ok</b></p>", &clean("<p><b>ok</b></p>")).is_empty());
    }

    #[test]
    fn external_links_get_rel() {
        let out = add_link_rel(
            "<a href=\"https://x.example/\">x</a> <a href=\"/jobs/\">j</a> <a title=\"a>b\" href=\"//y.example\">y</a>",
        );
        assert_eq!(
            out,
            "<a href=\"https://x.example/\" rel=\"nofollow noopener\">x</a> <a href=\"/jobs/\">j</a> <a title=\"a>b\" href=\"//y.example\" rel=\"nofollow noopener\">y</a>"
        );
    }

    #[test]
    fn scans_quoted_attributes() {
        let t = start_tags("<a title='x > y' href=z>t</a><BR/>");
        assert_eq!(t[0].attrs, ["title", "href"]);
        assert_eq!(t[1].name, "br");
    }
}
