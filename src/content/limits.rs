//! Bounds on what one posting or company file may cost, checked before the expensive work.
//!
//! A stranger's pull request must not stall `check` in CI or `serve`: about 200 KB of
//! nested `[[[[` keeps the YAML parser busy for half a minute, and a 5 MB body is copied
//! into every page and feed. Each limit trips on a cheap scan and names file and line.

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// Largest file read at all (front matter, body and slack); bigger files are not read.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;
/// Largest front matter (or company file): far more than any real posting needs.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;
/// Deepest nesting of YAML flow collections (`[…]`, `{…}`) in front matter.
pub const MAX_YAML_DEPTH: usize = 32;
/// Most YAML aliases (`*name`) in front matter; each can multiply the document's size.
pub const MAX_YAML_ALIASES: usize = 32;
/// A body above this size is a warning: long pages and every feed carry it.
pub const BODY_WARN_BYTES: usize = 100 * 1024;
/// A body above this size is an error.
pub const BODY_MAX_BYTES: usize = 1024 * 1024;

/// File line (1-based) and column (1-based, in characters) of byte `at` of `text`, whose
/// first line is file line `first_line`.
fn position(text: &str, at: usize, first_line: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = first_line + before.matches('\n').count();
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The first limit a file is too big for, before it is read: `MAX_FILE_BYTES`.
pub fn file_size(rel: &Path, len: u64) -> Option<Diagnostic> {
    (len > MAX_FILE_BYTES).then(|| {
        Diagnostic::error(
            "too-large",
            rel,
            format!("the file is {} KB, over the limit of {} KB", len / 1024, MAX_FILE_BYTES / 1024),
        )
        .at(1, 1)
        .help("a posting is a page of text; link to long documents instead of pasting them")
    })
}

/// Which front-matter limit tripped, and where (byte offset into the YAML).
#[derive(Debug, PartialEq, Eq)]
pub enum Tripped {
    Size(usize),
    Depth(usize),
    Aliases(usize),
}

/// One linear pass over YAML text that stops at the first limit it exceeds. Brackets and
/// `*` count only where YAML could start a collection or an alias (at the start of a
/// token, outside quotes and comments), so `title: Engineer [Remote]` is no nesting.
pub fn scan_yaml(yaml: &str) -> Option<Tripped> {
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        let at = (0..=MAX_FRONT_MATTER_BYTES).rev().find(|&i| yaml.is_char_boundary(i)).unwrap_or(0);
        return Some(Tripped::Size(at));
    }
    scan_tokens(yaml, MAX_YAML_DEPTH, MAX_YAML_ALIASES)
}

/// Byte offset of the first YAML alias (`*name`) in `yaml`: where an expansion that the
/// parser refuses as too large starts.
pub fn first_alias(yaml: &str) -> Option<usize> {
    match scan_tokens(yaml, usize::MAX, 0)? {
        Tripped::Aliases(at) => Some(at),
        _ => None,
    }
}

/// The token scan of [`scan_yaml`] with its two limits as parameters.
fn scan_tokens(yaml: &str, max_depth: usize, max_aliases: usize) -> Option<Tripped> {
    let (mut depth, mut aliases) = (0usize, 0usize);
    let mut quote: Option<u8> = None;
    let mut token_start = true;
    let mut comment = false;
    // Inside an anchor (`&name`) or tag (`!tag`), after which a token may still start.
    let mut property = false;
    let bytes = yaml.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            comment = false;
            token_start = true;
            // A quoted scalar may span lines in flow context only; elsewhere a stray quote
            // must not hide the rest of the file from the scan.
            if depth == 0 {
                quote = None;
            }
            continue;
        }
        if comment {
            continue;
        }
        if property {
            property = !b.is_ascii_whitespace();
            continue;
        }
        if let Some(q) = quote {
            if b == q {
                quote = None;
                token_start = false;
            }
            continue;
        }
        let next_is_space = bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace());
        match b {
            b'#' if token_start || i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t' => comment = true,
            b'\'' | b'"' if token_start => quote = Some(b),
            b'&' | b'!' if token_start => property = true,
            b'[' | b'{' if token_start => {
                depth += 1;
                if depth > max_depth {
                    return Some(Tripped::Depth(i));
                }
            }
            b']' | b'}' if depth > 0 => depth -= 1,
            b',' if depth > 0 => token_start = true,
            b'*' if token_start && !next_is_space => {
                aliases += 1;
                if aliases > max_aliases {
                    return Some(Tripped::Aliases(i));
                }
                token_start = false;
            }
            b':' | b'-' | b'?' if next_is_space => token_start = true,
            b' ' | b'\t' | b'\r' => {}
            _ => token_start = false,
        }
    }
    None
}

/// Checks front matter (or a company file) whose first line is file line `first_line`
/// before it reaches the YAML parser.
pub fn front_matter(rel: &Path, yaml: &str, first_line: usize) -> Option<Diagnostic> {
    let tripped = scan_yaml(yaml)?;
    let (at, message, help) = match &tripped {
        Tripped::Size(at) => (
            *at,
            format!("the front matter is over {} KB", MAX_FRONT_MATTER_BYTES / 1024),
            "keep the fields short; the description goes in the Markdown body after the closing `---`",
        ),
        Tripped::Depth(at) => (
            *at,
            format!("YAML nested more than {MAX_YAML_DEPTH} levels deep"),
            "front matter fields nest a few levels at most; look for unbalanced `[` or `{`",
        ),
        Tripped::Aliases(at) => (
            *at,
            format!("more than {MAX_YAML_ALIASES} YAML aliases (`*name`)"),
            "write the values out; aliases that repeat each other can blow up the document",
        ),
    };
    let (line, col) = position(yaml, at, first_line);
    let d = Diagnostic::error("too-large", rel, message).at(line, col).help(help);
    // The size limit trips wherever 64 KB end, which says nothing about a field.
    let field = match tripped {
        Tripped::Size(_) => String::new(),
        _ => crate::yaml::YamlDoc::new(rel, yaml, first_line - 1).field_at(at),
    };
    Some(if field.is_empty() { d } else { d.field(field) })
}

/// Checks a body that starts on file line `first_line` before the Markdown renderer sees it:
/// its size (a warning above [`BODY_WARN_BYTES`], an error above [`BODY_MAX_BYTES`]) and
/// control characters, which are errors as in front matter.
pub fn body(rel: &Path, body: &str, first_line: usize) -> Vec<Diagnostic> {
    let kb = body.len() / 1024;
    let help = "a posting is read in a few minutes; link to long documents instead of pasting them";
    if body.len() > BODY_MAX_BYTES {
        let message = format!("the description is {kb} KB, over the limit of {} KB", BODY_MAX_BYTES / 1024);
        return vec![Diagnostic::error("too-large", rel, message).at(first_line, 1).help(help)];
    }
    let mut out = Vec::new();
    if body.len() > BODY_WARN_BYTES {
        let message =
            format!("the description is {kb} KB, more than {} KB (too long to read)", BODY_WARN_BYTES / 1024);
        out.push(Diagnostic::warning("long-description", rel, message).at(first_line, 1).help(help));
    }
    out.extend(control_character(rel, body, first_line));
    out
}

/// The first control character other than tab and line breaks: invisible on the page, a
/// parse error in HTML and forbidden in the XML feeds that carry the body.
fn control_character(rel: &Path, body: &str, first_line: usize) -> Option<Diagnostic> {
    let (at, c) = body.char_indices().find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))?;
    let (line, col) = position(body, at, first_line);
    let message = format!("the description contains the control character U+{:04X}", c as u32);
    Some(Diagnostic::error("control-character", rel, message).at(line, col).help(
        "remove it: control characters (NUL, escape, …) are invisible on the page and make feeds invalid XML",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_trips_at_the_bracket_past_the_limit() {
        let yaml = format!("title: x\nextra: {}{}\n", "[".repeat(1000), "]".repeat(1000));
        let at = 16 + MAX_YAML_DEPTH;
        assert_eq!(scan_yaml(&yaml), Some(Tripped::Depth(at)));
        let d = front_matter(Path::new("a.md"), &yaml, 2).unwrap();
        assert_eq!((d.line, d.column), (Some(3), Some(8 + MAX_YAML_DEPTH)));
        // The 200 KB of brackets stops at the size limit, before any scanning.
        let yaml = format!("extra: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(scan_yaml(&yaml), Some(Tripped::Size(MAX_FRONT_MATTER_BYTES)));
    }

    #[test]
    fn ordinary_text_with_brackets_and_stars_is_no_nesting() {
        let ok = "title: Engineer [Remote] *urgent* {x}\nsummary: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\ntags: ['[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[', b]\n# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\nlocation: {places: [{city: Paris, country: FR}]}\n";
        assert_eq!(scan_yaml(ok), None);
        let stars = format!("tags: [{}]\n", vec!["*a"; MAX_YAML_ALIASES].join(", "));
        assert_eq!(scan_yaml(&stars), None);
    }

    #[test]
    fn alias_bombs_trip_at_the_alias_past_the_limit() {
        let yaml = "a: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e]\n";
        let d = front_matter(Path::new("a.md"), yaml, 2).unwrap();
        assert!(d.message.contains("aliases"), "{d}");
        assert_eq!((d.line, d.column), (Some(7), Some(5)), "the 33rd alias: first one on line 6 of the YAML");
    }

    #[test]
    fn size_limits_name_the_line_where_they_trip() {
        let yaml = "title: x\n".repeat(MAX_FRONT_MATTER_BYTES / 9 + 10);
        assert_eq!(scan_yaml(&yaml), Some(Tripped::Size(MAX_FRONT_MATTER_BYTES)));
        let d = front_matter(Path::new("a.md"), &yaml, 2).unwrap();
        assert_eq!(d.line, Some(2 + MAX_FRONT_MATTER_BYTES / 9));
        let big = "word ".repeat(BODY_WARN_BYTES / 5 + 1);
        let warned = body(Path::new("a.md"), &big, 9);
        assert!(warned.len() == 1 && !warned[0].is_error(), "{warned:?}");
        let huge = "word ".repeat(BODY_MAX_BYTES / 5 + 1);
        let d = &body(Path::new("a.md"), &huge, 9)[0];
        assert!(d.is_error() && d.line == Some(9), "{d}");
        assert!(body(Path::new("a.md"), "short", 9).is_empty());
        assert!(file_size(Path::new("a.md"), MAX_FILE_BYTES + 1).is_some());
        assert!(file_size(Path::new("a.md"), MAX_FILE_BYTES).is_none());
    }

    #[test]
    fn control_characters_in_a_body_are_errors_at_their_line_and_column() {
        let text = "First paragraph.\n\nA ta\tb, then é\u{0}here\r\n";
        let d = body(Path::new("a.md"), text, 5);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].is_error() && d[0].message.contains("U+0000"), "{}", d[0]);
        assert_eq!((d[0].line, d[0].column), (Some(7), Some(15)), "columns count characters: é is one");
        // C1 controls (mis-decoded Windows-1252) too; tabs and CR LF are text.
        assert_eq!(body(Path::new("a.md"), "smart \u{93}quotes\u{94}", 1)[0].column, Some(7));
        assert!(body(Path::new("a.md"), "tab\there\r\nnext line\u{2028}", 1).is_empty());
    }
}
