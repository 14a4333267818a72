//! YAML documents (front matter and config files) with diagnostics that point into the file.
//!
//! serde's YAML values carry no positions, so fields are located again in the source text
//! by a small block/flow-aware scanner. That is enough to turn a dotted field path such as
//! `location.places[0].country` into a file line and column for any reasonable file.

use crate::diagnostic::{Diagnostic, did_you_mean};
use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};
use std::borrow::Cow;
use std::path::Path;

/// A YAML text that starts `line_offset` lines into the file at `path`.
pub struct YamlDoc<'a> {
    pub path: &'a Path,
    /// Borrowed while parsing; owned when read again from the file ([`crate::content::located`]).
    pub text: Cow<'a, str>,
    pub line_offset: usize,
}

/// One step of a field path.
#[derive(Debug, PartialEq, Eq)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

fn parse_field_path(path: &str) -> Vec<Seg<'_>> {
    let mut segs = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, rest) = part.split_once('[').unwrap_or((part, ""));
        if let Ok(i) = name.parse::<usize>() {
            segs.push(Seg::Index(i));
        } else if !name.is_empty() {
            segs.push(Seg::Key(name));
        }
        for idx in rest.split('[') {
            if let Ok(i) = idx.trim_end_matches(']').parse::<usize>() {
                segs.push(Seg::Index(i));
            }
        }
    }
    segs
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim_start();
    t.is_empty() || t.starts_with('#')
}

/// Byte offset of `key:` in `line` at or after `from`, as a YAML key (not inside a word).
fn find_key(line: &str, key: &str, from: usize) -> Option<usize> {
    // An empty key (`"": 1`, or the parser's name for a null key) matches everywhere and
    // would never advance: found by fuzzing (front_matter) as a hang.
    if key.is_empty() {
        return None;
    }
    let mut start = from;
    while let Some(pos) = line.get(start..)?.find(key) {
        let at = start + pos;
        let before_ok = line[..at]
            .chars()
            .next_back()
            .is_none_or(|c| c == ' ' || c == '{' || c == ',' || c == '-' || c == '"' || c == '\'');
        let after = line[at + key.len()..].trim_start_matches(['"', '\'']);
        if before_ok && after.trim_start_matches(' ').starts_with(':') {
            return Some(at);
        }
        start = at + key.len();
    }
    None
}

/// Byte offset of the value that follows `key:` at `at`, skipping spaces.
fn value_start(line: &str, at: usize) -> usize {
    let colon = at + line[at..].find(':').unwrap_or(0) + 1;
    colon + (line[colon..].len() - line[colon..].trim_start().len())
}

/// Byte offset of the `index`th element of a flow sequence that starts at `open` (`[`).
fn flow_element(line: &str, open: usize, index: usize) -> Option<usize> {
    let mut depth = 0;
    let mut count = 0;
    let mut elem_start = open + 1;
    for (i, c) in line[open..].char_indices() {
        let i = open + i;
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => {
                if count == index {
                    break;
                }
                count += 1;
                elem_start = i + 1;
            }
            _ => {}
        }
    }
    (count == index).then(|| elem_start + (line[elem_start..].len() - line[elem_start..].trim_start().len()))
}

/// libyaml also ends a line at U+0085, U+2028 and U+2029, which editors show inside a line:
/// maps its 1-based (line, column) to one where only LF, CRLF and a lone CR end a line.
fn editor_position(text: &str, (line, column): (usize, usize)) -> (usize, usize) {
    if !text.contains(['\u{85}', '\u{2028}', '\u{2029}']) {
        return (line, column);
    }
    let (mut yaml, mut file) = ((1, 1), (1, 1));
    let mut chars = text.chars().peekable();
    while yaml < (line, column) {
        let Some(c) = chars.next() else { break };
        match c {
            '\n' | '\r' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                (yaml, file) = ((yaml.0 + 1, 1), (file.0 + 1, 1));
            }
            '\u{85}' | '\u{2028}' | '\u{2029}' => (yaml, file) = ((yaml.0 + 1, 1), (file.0, file.1 + 1)),
            _ => (yaml, file) = ((yaml.0, yaml.1 + 1), (file.0, file.1 + 1)),
        }
    }
    file
}

/// The key a block line starts with (`  team: x`, `- city: Paris`), if any.
fn block_key(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let t = t.strip_prefix("- ").unwrap_or(t).trim_start();
    let colon = t.find(": ").or_else(|| t.strip_suffix(':').map(str::len))?;
    let key = t[..colon].trim().trim_matches(['"', '\'']);
    (!key.is_empty() && !key.contains(['[', '{', '#', ',', '*', '&'])).then_some(key)
}

/// The first string (value or key) in `value` with a control character other than tab and
/// line breaks, with its field path (`location.places[0].city`).
fn first_control_char(value: &Value, path: &str) -> Option<(String, char)> {
    let bad = |s: &str| s.chars().find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    match value {
        Value::String(s) => bad(s).map(|c| (path.to_string(), c)),
        Value::Sequence(items) => {
            items.iter().enumerate().find_map(|(i, v)| first_control_char(v, &format!("{path}[{i}]")))
        }
        Value::Mapping(map) => map.iter().find_map(|(k, v)| {
            let key = k.as_str().map_or_else(|| serde_yaml::to_string(k).unwrap_or_default(), str::to_string);
            let field = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            bad(&key).map(|c| (field.clone(), c)).or_else(|| first_control_char(v, &field))
        }),
        Value::Tagged(t) => first_control_char(&t.value, path),
        _ => None,
    }
}

/// Where a field sits: its key and the start of its value (0-based line, byte column).
#[derive(Debug, Clone, Copy)]
struct Spot {
    key: (usize, usize),
    value: (usize, usize),
}

impl<'a> YamlDoc<'a> {
    pub fn new(path: &'a Path, text: &'a str, line_offset: usize) -> Self {
        YamlDoc { path, text: Cow::Borrowed(text), line_offset }
    }

    /// A document over text read again, owned by it.
    pub fn owned(path: &'a Path, text: String, line_offset: usize) -> Self {
        YamlDoc { path, text: Cow::Owned(text), line_offset }
    }

    /// Parses the text into a YAML value; syntax errors point at the file line.
    pub fn parse(&self) -> Result<Value, Diagnostic> {
        let value = self.parse_yaml()?;
        match first_control_char(&value, "") {
            Some((field, c)) => Err(self
                .error("control-character", &field, format!("the value contains the control character U+{:04X}", c as u32))
                .help("remove it: control characters (NUL, escape, …) are invisible on the page and make feeds invalid XML")),
            None => Ok(value),
        }
    }

    fn parse_yaml(&self) -> Result<Value, Diagnostic> {
        serde_yaml::from_str::<Value>(&self.text).map_err(|e| {
            let msg = e.to_string();
            if msg.starts_with("repetition limit exceeded") {
                return self.alias_blowup();
            }
            // Drop serde_yaml's own " at line X column Y": the diagnostic carries the position.
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            let loc = e.location().map(|l| editor_position(&self.text, (l.line(), l.column())));
            if let Some((_, key)) = msg.split_once("duplicate entry with key \"")
                && let Some(key) = key.strip_suffix('"')
                && let Some(d) = loc.and_then(|at| self.duplicate_key(key, at))
            {
                return d;
            }
            let d = Diagnostic::error("yaml-syntax", self.path, format!("invalid YAML: {msg}"));
            match loc {
                Some((line, column)) => d.at(line + self.line_offset, column),
                None => d,
            }
        })
    }

    /// The parser refuses aliases that expand past its repetition limit ("billion laughs")
    /// without a position: point at the first alias, where the expansion starts, and its field.
    fn alias_blowup(&self) -> Diagnostic {
        let d = Diagnostic::error(
            "too-large",
            self.path,
            "YAML aliases (`*name`) expand to a document too large to read",
        )
        .help(
            "write the values out; aliases that repeat each other multiply the document (\"billion laughs\")",
        );
        match crate::content::limits::first_alias(&self.text) {
            Some(at) => {
                let line = self.text[..at].matches('\n').count();
                let col = self.text[..at].rsplit('\n').next().map_or(0, str::len);
                let d = d.at_opt(Some(self.to_file_pos((line, col))));
                match self.field_at(at) {
                    field if field.is_empty() => d,
                    field => d.field(field),
                }
            }
            None => d.at_opt(Some((self.line_offset + 1, 1))),
        }
    }

    /// The dotted path of the block keys that hold byte `at` of the text (`extra.team`),
    /// found by indentation; list indices and flow maps are not resolved. Empty at the top.
    pub fn field_at(&self, at: usize) -> String {
        let before = &self.text[..at];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[at..].find('\n').map_or(self.text.len(), |i| at + i);
        let here = &self.text[line_start..line_end];
        let mut keys: Vec<&str> = block_key(&here[..at - line_start]).into_iter().collect();
        let mut indent = indent_of(here);
        for line in before[..line_start].lines().rev().filter(|l| !is_blank_or_comment(l)) {
            if indent == 0 {
                break;
            }
            if indent_of(line) < indent {
                indent = indent_of(line);
                keys.extend(block_key(line));
            }
        }
        keys.reverse();
        keys.join(".")
    }

    /// The parser reports a duplicate key at the start of its map; point at the second
    /// occurrence instead, the one to delete or rename. `map_at` is the map's 1-based
    /// line and column; only block maps are searched (a flow map keeps the parser's spot).
    fn duplicate_key(&self, key: &str, (line, column): (usize, usize)) -> Option<Diagnostic> {
        let indent = column.checked_sub(1)?;
        let lines: Vec<&str> = self.text.lines().collect();
        let mut found = (line.checked_sub(1)?..lines.len())
            .filter(|&n| !is_blank_or_comment(lines[n]))
            .take_while(|&n| indent_of(lines[n]) >= indent)
            .filter(|&n| indent_of(lines[n]) == indent && find_key(lines[n], key, indent) == Some(indent));
        let (first, second) = (found.next()?, found.next()?);
        Some(
            Diagnostic::error(
                "duplicate-key",
                self.path,
                format!("duplicate key: `{key}` is already set on line {}", first + 1 + self.line_offset),
            )
            .at(second + 1 + self.line_offset, indent + 1)
            .help("a key may appear once: delete one of the two lines"),
        )
    }

    fn find(&self, field: &str) -> Option<Spot> {
        let lines: Vec<&str> = self.text.lines().collect();
        let next_content = |from: usize, end: usize| (from..end).find(|&n| !is_blank_or_comment(lines[n]));
        let mut spot: Option<Spot> = None;
        // The search window is lines `line..end`. On `line` itself, content after `col` is
        // searched when `inline` (a flow value or a list item's first key); on later lines
        // only block keys at exactly `child_indent` belong to this level.
        let (mut line, mut col, mut end, mut inline) = (0usize, 0usize, lines.len(), false);
        let mut child_indent = next_content(0, lines.len()).map(|n| indent_of(lines[n]));
        for seg in parse_field_path(field) {
            match seg {
                Seg::Key(key) => {
                    let (l, at) = (line..end).find_map(|l| {
                        let text = lines[l];
                        if is_blank_or_comment(text) {
                            return None;
                        }
                        if l == line && inline {
                            return find_key(text, key, col).map(|at| (l, at));
                        }
                        let at = find_key(text, key, 0)?;
                        (Some(at) == child_indent && indent_of(text) == at).then_some((l, at))
                    })?;
                    let v = value_start(lines[l], at);
                    spot = Some(Spot { key: (l, at), value: (l, v) });
                    // A block list may sit at its key's own indent (`places:` then `- city: …`).
                    let is_item = |n: usize| lines[n].trim_start().starts_with('-');
                    let same_indent_list = next_content(l + 1, end)
                        .is_some_and(|n| indent_of(lines[n]) == at && is_item(n))
                        && lines[l][..at].trim().is_empty();
                    end = (l + 1..end)
                        .find(|&n| {
                            let (indent, content) = (indent_of(lines[n]), !is_blank_or_comment(lines[n]));
                            content && (indent < at || (indent == at && !(same_indent_list && is_item(n))))
                        })
                        .unwrap_or(end);
                    let rest = lines[l][v..].trim();
                    if rest.is_empty() || rest.starts_with('#') {
                        line = l + 1;
                        col = 0;
                        inline = false;
                        child_indent = next_content(l + 1, end).map(|n| indent_of(lines[n]));
                    } else {
                        line = l;
                        col = v;
                        inline = true;
                        child_indent = None;
                    }
                }
                Seg::Index(i) => {
                    let text = lines.get(line)?;
                    if inline && text[col..].starts_with('[') {
                        let at = flow_element(text, col, i)?;
                        spot = Some(Spot { key: (line, at), value: (line, at) });
                        col = at;
                        continue;
                    }
                    // A single value written where a list is accepted (`countries: US`, or
                    // a lone map under `places:`) is its own first item.
                    let is_item = |n: usize| lines[n].trim_start().starts_with('-');
                    if i == 0 && inline {
                        continue;
                    }
                    let dash = child_indent?;
                    let items = (line..end).filter(|&n| indent_of(lines[n]) == dash && is_item(n));
                    if i == 0 && items.clone().next().is_none() {
                        continue;
                    }
                    let n = items.clone().nth(i)?;
                    let after = dash + 1;
                    let v = after + (lines[n][after..].len() - lines[n][after..].trim_start().len());
                    spot = Some(Spot { key: (n, v), value: (n, v) });
                    end = (n + 1..end)
                        .find(|&m| !is_blank_or_comment(lines[m]) && indent_of(lines[m]) <= dash)
                        .unwrap_or(end);
                    line = n;
                    col = v;
                    inline = true;
                    child_indent = Some(v);
                }
            }
        }
        spot
    }

    fn to_file_pos(&self, (line, byte_col): (usize, usize)) -> (usize, usize) {
        let text = self.text.lines().nth(line).unwrap_or("");
        let col = text.get(..byte_col).map_or(byte_col, |s| s.chars().count());
        (line + 1 + self.line_offset, col + 1)
    }

    /// For front matter: the file line right after the closing `---`, where the body starts.
    pub fn body_line(&self) -> usize {
        self.line_offset + self.text.lines().count() + 2
    }

    /// File position of the value of `field` (for "bad value" errors).
    pub fn value_pos(&self, field: &str) -> Option<(usize, usize)> {
        self.find(field).map(|s| self.to_file_pos(s.value))
    }

    /// File position of the key of `field` (for "unknown field" errors).
    pub fn key_pos(&self, field: &str) -> Option<(usize, usize)> {
        self.find(field).map(|s| self.to_file_pos(s.key))
    }

    /// File position of the `needle` text inside the value of `field`, else of the value.
    pub fn needle_pos(&self, field: &str, needle: &str) -> Option<(usize, usize)> {
        let spot = self.find(field)?;
        let line = self.text.lines().nth(spot.value.0)?;
        match line[spot.value.1..].find(needle) {
            Some(i) => Some(self.to_file_pos((spot.value.0, spot.value.1 + i))),
            None => Some(self.to_file_pos(spot.value)),
        }
    }

    /// An error about the value of `field`, located in the file.
    pub fn error(&self, rule: &'static str, field: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(rule, self.path, message)
            .field(field)
            .at_opt(self.value_pos(field).or_else(|| self.fallback_pos(field)))
    }

    /// A warning about the value of `field`, located in the file.
    pub fn warning(&self, rule: &'static str, field: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: crate::diagnostic::Severity::Warning, ..self.error(rule, field, message) }
    }

    /// For a field that is missing altogether, point at its parent, or at the document start.
    fn fallback_pos(&self, field: &str) -> Option<(usize, usize)> {
        match field.rsplit_once('.') {
            Some((parent, _)) => self.key_pos(parent),
            None => Some((self.line_offset.max(1), 1)),
        }
    }

    /// Reports every key of `map` that is not in `allowed`, with a did-you-mean.
    pub fn check_keys(&self, map: &Mapping, allowed: &[&str], prefix: &str, out: &mut Vec<Diagnostic>) {
        for key in map.keys() {
            let name = match key {
                Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
            };
            if allowed.contains(&name.as_str()) {
                continue;
            }
            let field = format!("{prefix}{name}");
            let help = match did_you_mean(&name, allowed.iter().copied()) {
                Some(s) => format!("did you mean `{s}`? (free-form data goes under `extra`)"),
                None => format!("known fields: {}", allowed.join(", ")),
            };
            out.push(
                Diagnostic::error("unknown-field", self.path, "unknown field")
                    .field(field.clone())
                    .help(help)
                    .at_opt(self.key_pos(&field)),
            );
        }
    }

    /// Converts a YAML value into `T`, reporting a type error at the offending field.
    pub fn deserialize<T: DeserializeOwned>(&self, value: Value) -> Result<T, Diagnostic> {
        self.deserialize_at(value, "")
    }

    /// Like [`Self::deserialize`] for a value found at field `prefix` (`salary`,
    /// `location.places[0]`): the reported field is the full path from the document root.
    pub fn deserialize_at<T: DeserializeOwned>(&self, value: Value, prefix: &str) -> Result<T, Diagnostic> {
        serde_path_to_error::deserialize(value).map_err(|e| {
            let inner = e.path().to_string();
            let field = match (prefix, inner.as_str()) {
                ("", inner) => inner.to_string(),
                (prefix, "." | "") => prefix.to_string(),
                (prefix, inner) if inner.starts_with('[') => format!("{prefix}{inner}"),
                (prefix, inner) => format!("{prefix}.{inner}"),
            };
            let message = e.into_inner().to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_string();
            if field == "." || field.is_empty() {
                Diagnostic::error("invalid-type", self.path, message)
                    .at_opt(Some((self.line_offset.max(1), 1)))
            } else {
                self.error("invalid-type", &field, message)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FM: &str = "title: Rust Engineer\nemployment_type: fulltime\nlocation:\n  remote: true\n  countries: [US, XX]\n  places:\n    - city: Berlin\n      country: DE\n    - {city: Paris, country: QQ}\nsalary: {min: 5, max: 3, currency: USD}\n";

    fn doc() -> YamlDoc<'static> {
        YamlDoc::new(Path::new("a.md"), FM, 1)
    }

    #[test]
    fn field_at_names_the_block_keys_around_a_position() {
        let text = "title: x\nextra:\n  team:\n    lead: &a [1]\n    also: *a\n  list:\n    - city: *a\n";
        let d = YamlDoc::new(Path::new("a.md"), text, 1);
        let at = |needle: &str| text.find(needle).unwrap();
        assert_eq!(d.field_at(at("x\n")), "title");
        assert_eq!(d.field_at(at("*a\n")), "extra.team.also");
        assert_eq!(d.field_at(at("*a\n  list")), "extra.team.also");
        assert_eq!(d.field_at(text.rfind('*').unwrap()), "extra.list.city");
        assert_eq!(d.field_at(0), "");
    }

    #[test]
    fn alias_blowups_point_at_the_first_alias_and_its_field() {
        let mut text = String::from("title: x\nextra:\n  l0: &l0 [x, x]\n");
        for i in 1..16 {
            text.push_str(&format!("  l{i}: &l{i} [*l{}, *l{}]\n", i - 1, i - 1));
        }
        let d = YamlDoc::new(Path::new("a.md"), &text, 1).parse().unwrap_err();
        assert!(d.message.contains("expand to a document too large"), "{d}");
        assert_eq!((d.line, d.column, d.field.as_deref()), (Some(5), Some(12), Some("extra.l1")), "{d}");
    }

    #[test]
    fn control_characters_are_refused_at_their_field() {
        let text = "title: ok\nlocation:\n  places:\n    - {city: \"Par\\0is\", country: FR}\n";
        let d = YamlDoc::new(Path::new("a.md"), text, 1).parse().unwrap_err();
        assert_eq!(d.field.as_deref(), Some("location.places[0].city"), "{d}");
        assert!(d.message.contains("U+0000"), "{d}");
        assert_eq!(d.line, Some(5), "{d}");
        let d = YamlDoc::new(Path::new("a.md"), "extra: {\"k\\eey\": 1}\n", 1).parse().unwrap_err();
        assert!(d.message.contains("U+001B") && d.field.as_deref() == Some("extra.k\u{1b}ey"), "{d}");
        // Tabs and line breaks inside values stay allowed.
        assert!(YamlDoc::new(Path::new("a.md"), "title: \"a\\tb\\nc\"\n", 1).parse().is_ok());
    }

    #[test]
    fn parses_field_paths() {
        assert_eq!(
            parse_field_path("location.places[1].country"),
            vec![Seg::Key("location"), Seg::Key("places"), Seg::Index(1), Seg::Key("country")]
        );
        assert_eq!(parse_field_path("tags.2"), vec![Seg::Key("tags"), Seg::Index(2)]);
    }

    #[test]
    fn locates_top_level_values_with_file_offset() {
        // Line 3 of the file (the YAML starts on line 2); the value starts at column 18.
        assert_eq!(doc().value_pos("employment_type"), Some((3, 18)));
        assert_eq!(doc().key_pos("title"), Some((2, 1)));
    }

    #[test]
    fn locates_nested_block_and_flow_values() {
        assert_eq!(doc().value_pos("location.countries[1]"), Some((6, 19)));
        assert_eq!(doc().value_pos("location.places[0].country"), Some((9, 16)));
        assert_eq!(doc().value_pos("location.places[1].country"), Some((10, 30)));
        assert_eq!(doc().value_pos("salary.max"), Some((11, 23)));
    }

    #[test]
    fn locates_items_of_lists_at_their_keys_indent() {
        let text = "employment_type:\n- full-time\n- fulltime\nlocation:\n  places:\n  - city: Berlin\n    country: DE\n  - city: Paris\n    country: QQ\nposted: x\n";
        let d = YamlDoc::new(Path::new("a.md"), text, 1);
        assert_eq!(d.value_pos("employment_type[1]"), Some((4, 3)));
        assert_eq!(d.value_pos("location.places[1].country"), Some((10, 14)));
        assert_eq!(d.value_pos("posted"), Some((11, 9)));
    }

    #[test]
    fn a_single_value_is_located_as_the_first_item_of_its_list() {
        let text = "countries: XX\nplaces:\n  city: Berlin\n  country: QQ\nother: {places: {country: ZZ}}\n";
        let d = YamlDoc::new(Path::new("a.md"), text, 1);
        assert_eq!(d.value_pos("countries[0]"), Some((2, 12)));
        assert_eq!(d.value_pos("places[0].country"), Some((5, 12)));
        assert_eq!(d.value_pos("other.places[0].country"), Some((6, 27)));
    }

    #[test]
    fn does_not_match_keys_inside_words_or_other_blocks() {
        // `remote` appears only under location; `city` must not match `city_x`.
        let d = YamlDoc::new(Path::new("a.md"), "a:\n  city_x: 1\n  city: 2\n", 0);
        assert_eq!(d.value_pos("a.city"), Some((3, 9)));
        assert_eq!(doc().value_pos("remote"), None);
    }

    #[test]
    fn syntax_errors_carry_file_lines() {
        let d = YamlDoc::new(Path::new("a.md"), "title: x\nbad: [1, 2\n", 1);
        let err = d.parse().unwrap_err();
        assert!(err.line.unwrap() >= 3, "{err}");
        assert!(err.message.starts_with("invalid YAML"));
    }

    #[test]
    fn syntax_errors_count_lone_cr_line_breaks_as_yaml_does() {
        // Found by fuzzing (front_matter): old Mac line endings are YAML line breaks, so the
        // the error is at the end, file line 6, although `str::lines` sees a single line.
        let d = YamlDoc::new(Path::new("a.md"), "title: x\rcompany:\r\r- [\r", 1);
        assert_eq!(d.parse().unwrap_err().line, Some(6));
    }

    #[test]
    fn syntax_errors_count_unicode_line_separators_as_text() {
        // Found by fuzzing (front_matter): libyaml ends lines at U+2028/U+2029/U+0085 too,
        // which put this error (at the end of the text) on file line 5 of 4.
        let d = YamlDoc::new(Path::new("a.md"), "title: x\ncompany: {name: x\u{2028}y\n", 1);
        let err = d.parse().unwrap_err();
        assert_eq!((err.line, err.column), (Some(4), Some(1)), "{err}");
        // libyaml reads `b` after the U+2028 as a new key and stops at `c`: line 2, column 12.
        let d = YamlDoc::new(Path::new("a.md"), "title: a\u{2028}b\u{2029}c\u{85}d\n", 1);
        let err = d.parse().unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(12)), "{err}");
    }

    #[test]
    fn a_duplicate_empty_key_is_reported_without_hanging() {
        // Found by fuzzing (front_matter): `duplicate entry with key ""` looped forever.
        let d = YamlDoc::new(Path::new("a.md"), "title: A\n\"\": 1\n\"\": 2\n", 1);
        let err = d.parse().unwrap_err();
        assert!(err.message.contains("duplicate"), "{err}");
        assert_eq!(find_key("a: 1", "", 0), None);
    }

    #[test]
    fn duplicate_keys_are_located_at_the_second_occurrence() {
        let d =
            YamlDoc::new(Path::new("a.md"), "title: A\nslug: a\nlocation:\n  remote: true\ntitle: B\n", 1);
        let err = d.parse().unwrap_err();
        assert_eq!(
            err.to_string(),
            "error: a.md:6:1: duplicate key: `title` is already set on line 2\n  help: a key may appear once: delete one of the two lines"
        );
        let nested = YamlDoc::new(Path::new("config.yaml"), "a: 1\nb:\n  c: 1\n  c: 2\n", 0);
        assert_eq!(nested.parse().unwrap_err().location(), "config.yaml:4:3");
    }

    #[test]
    fn unknown_keys_get_suggestions() {
        let d = YamlDoc::new(Path::new("a.md"), "salry: 1\n", 1);
        let map = d.parse().unwrap();
        let mut out = vec![];
        d.check_keys(map.as_mapping().unwrap(), &["salary", "title"], "", &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].to_string(),
            "error: a.md:2:1: salry: unknown field\n  help: did you mean `salary`? (free-form data goes under `extra`)"
        );
    }
}
