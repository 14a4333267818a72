//! Placeholder markers: the uppercase word `TODO` that `vacancy init` and `vacancy new`
//! write wherever a person still has to fill something in.
//!
//! A posting that is not a draft must not carry one: its text would go live as it is. In
//! the front matter every line counts (values and comments alike, since `new` explains
//! its placeholders in comments); in the body only text counts, not code, where `TODO`
//! may be part of the job (a posting about linting tools, say).

use crate::diagnostic::Diagnostic;
use crate::yaml::YamlDoc;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The marker word.
pub const MARKER: &str = "TODO";

/// One error per line that carries the marker, in the front matter of `doc` and in
/// `body` (which starts on file line `doc.body_line()`).
pub fn find(doc: &YamlDoc, body: &str) -> Vec<Diagnostic> {
    let mut lines: Vec<(usize, usize)> = Vec::new();
    for (i, line) in doc.text.lines().enumerate() {
        if let Some(col) = word_at(line) {
            lines.push((doc.line_offset + 1 + i, col));
        }
    }
    let body_start = doc.body_line();
    for (line, col) in body_lines(body) {
        if lines.last().is_none_or(|&(l, _)| l != body_start + line) {
            lines.push((body_start + line, col));
        }
    }
    lines
        .into_iter()
        .map(|(line, col)| {
            Diagnostic::error(
                "placeholder",
                doc.path,
                format!("placeholder `{MARKER}` in a posting that is not a draft"),
            )
            .at(line, col)
            .help(format!(
                "replace the {MARKER} with the real text, or keep `draft: true` until the posting is ready"
            ))
        })
        .collect()
}

/// The 1-based character column of the first whole-word marker in `text`.
pub fn word_at(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(MARKER) {
        let at = from + i;
        let end = at + MARKER.len();
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !is_word(before) && !is_word(after) {
            return Some(text[..at].chars().count() + 1);
        }
        from = end;
    }
    None
}

/// 0-based body lines (and 1-based columns) with a marker in text outside code, each once.
fn body_lines(body: &str) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut in_code = 0usize;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Text(_) if in_code == 0 => {
                // A text event may span lines (a soft break is its own event, but the range
                // of an escaped or entity-joined text may not be); search the source slice.
                let source = &body[range.clone()];
                for (n, line) in source.lines().enumerate() {
                    if let Some(col) = word_at(line) {
                        let line_start =
                            range.start + source.lines().take(n).map(|l| l.len() + 1).sum::<usize>();
                        let line_no = body[..line_start].matches('\n').count();
                        let line_begin = body[..line_start].rfind('\n').map_or(0, |i| i + 1);
                        let col = body[line_begin..line_start].chars().count() + col;
                        if !found.iter().any(|&(l, _)| l == line_no) {
                            found.push((line_no, col));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn locations(yaml: &str, body: &str) -> Vec<String> {
        let doc = YamlDoc::new(Path::new("a.md"), yaml, 1);
        find(&doc, body).iter().map(|d| d.location()).collect()
    }

    #[test]
    fn finds_markers_in_values_comments_and_body_text() {
        let yaml = "title: TODO\napply: x@y.org   # TODO: an https URL\nsummary: fine\n";
        let body = "Intro.\n\n- TODO\n- real item\n\nTODO: the steps, TODO twice.\n";
        // The YAML starts on line 2 and the body on line 6 (after the closing `---`).
        assert_eq!(locations(yaml, body), ["a.md:2:8", "a.md:3:20", "a.md:8:3", "a.md:11:1"]);
    }

    #[test]
    fn ignores_code_lowercase_and_longer_words() {
        let body = "Use `TODO` comments.\n\n```\n// TODO: fix\n```\n\n    TODO indented code\n\ntodo, TODOs, MY_TODO, TODO2.\n";
        assert_eq!(locations("title: Lint tools\n", body), Vec::<String>::new());
    }

    #[test]
    fn names_the_marker_and_how_to_fix_it() {
        let doc = YamlDoc::new(Path::new("a.md"), "title: TODO\n", 1);
        assert_eq!(
            find(&doc, "").first().map(ToString::to_string).as_deref(),
            Some(
                "error: a.md:2:8: placeholder `TODO` in a posting that is not a draft\n  help: replace the TODO with the real text, or keep `draft: true` until the posting is ready"
            )
        );
    }
}
