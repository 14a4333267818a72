//! Problems in user input, reported as data rather than as Rust errors.
//!
//! Every stage collects [`Diagnostic`]s instead of stopping at the first one, so a pull
//! request with three typos shows three errors in one run.

use crate::term;
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is: errors fail `build` and `check`, warnings only `check --strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem in one file, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, as the user would type it.
    pub path: PathBuf,
    /// 1-based file line (not front-matter line).
    pub line: Option<usize>,
    /// 1-based column in characters.
    pub column: Option<usize>,
    /// The field the problem is about, as a dotted path (`salary.min`, `location.places[0].country`).
    pub field: Option<String>,
    pub message: String,
    pub help: Option<String>,
    /// A stable machine-readable name of the rule (`unknown-field`, `closes-before-posted`).
    pub rule: &'static str,
}

impl Diagnostic {
    /// An error about `path` with no position yet.
    pub fn error(rule: &'static str, path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.as_ref().to_path_buf(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            help: None,
            rule,
        }
    }

    /// A warning about `path` with no position yet.
    pub fn warning(rule: &'static str, path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(rule, path, message) }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Sets the position from an optional `(line, column)` pair.
    pub fn at_opt(mut self, pos: Option<(usize, usize)>) -> Self {
        if let Some((line, column)) = pos {
            self.line = Some(line);
            self.column = Some(column);
        }
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `content/jobs/x.md:7:18`, or as much of it as is known.
    pub fn location(&self) -> String {
        let mut s = self.path.to_string_lossy().replace('\\', "/");
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        s
    }

    fn sort_key(&self) -> (&Path, usize, usize, Severity, &str) {
        (&self.path, self.line.unwrap_or(0), self.column.unwrap_or(0), self.severity, &self.message)
    }
}

impl Diagnostic {
    /// The text of [`Display`](fmt::Display) with severity, location and `help` coloured;
    /// the escape codes are stripped again by a stream that does not colour.
    pub fn styled(&self) -> String {
        let severity = match self.severity {
            Severity::Error => term::ERROR,
            Severity::Warning => term::WARNING,
        };
        let mut s = format!(
            "{}: {}: ",
            term::paint(severity, self.severity),
            term::paint(term::PATH, self.location())
        );
        self.write_rest(&mut s, &term::paint(term::HELP, "help")).expect("writing to a String");
        s
    }

    /// Everything after `severity: location: `, with `help` as the help line's label.
    fn write_rest(&self, f: &mut impl fmt::Write, help_label: &str) -> fmt::Result {
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  {help_label}: {help}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostic {
    /// `error: content/jobs/x.md:7:18: employment_type: unknown value "fulltime"`, then an
    /// indented `help:` line when there is help.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: ", self.severity, self.location())?;
        self.write_rest(f, "help")
    }
}

/// Sorts diagnostics by file, line and column so output is stable across parallel runs.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// "did you mean `salary`?" for the closest candidate, if any is close enough. Short
/// abbreviations (`opps`, `eng`) are too far from their word for a similarity score, so
/// the one candidate that starts with the same two letters is the fallback.
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input = input.to_ascii_lowercase();
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let close = candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&input, &c.to_ascii_lowercase()), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c);
    if close.is_some() || input.chars().count() < 3 {
        return close;
    }
    let head: String = input.chars().take(2).collect();
    let mut same_start = candidates.iter().filter(|c| c.to_ascii_lowercase().starts_with(&head));
    match (same_start.next(), same_start.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// Prints diagnostics for people on stderr, sorted, coloured on a terminal.
pub fn print_human(diagnostics: &[Diagnostic]) {
    let mut sorted = diagnostics.to_vec();
    sort(&mut sorted);
    for d in &sorted {
        term::eprint_line(d.styled());
    }
}

/// "2 errors" / "1 warning".
pub fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_file_line_column_field_and_help() {
        let d = Diagnostic::error("unknown-value", "content/jobs/a.md", "unknown value \"fulltime\"")
            .at(7, 18)
            .field("employment_type")
            .help("did you mean `full-time`?");
        assert_eq!(
            d.to_string(),
            "error: content/jobs/a.md:7:18: employment_type: unknown value \"fulltime\"\n  help: did you mean `full-time`?"
        );
    }

    #[test]
    fn styled_text_is_the_plain_text_plus_colour() {
        let d = Diagnostic::warning("short", "content/jobs/a.md", "short").at(2, 1).help("write more");
        let styled = d.styled();
        assert_ne!(styled, d.to_string(), "coloured");
        assert_eq!(anstream::adapter::strip_str(&styled).to_string(), d.to_string());
    }

    #[test]
    fn sorts_by_path_then_line() {
        let mut v = vec![
            Diagnostic::error("r", "b.md", "x").at(1, 1),
            Diagnostic::error("r", "a.md", "y").at(9, 1),
            Diagnostic::error("r", "a.md", "z").at(2, 5),
        ];
        sort(&mut v);
        let order: Vec<_> = v.iter().map(|d| d.location()).collect();
        assert_eq!(order, ["a.md:2:5", "a.md:9:1", "b.md:1:1"]);
    }

    #[test]
    fn suggests_close_names_only() {
        let keys = ["salary", "summary", "slug"];
        assert_eq!(did_you_mean("salry", keys), Some("salary"));
        assert_eq!(did_you_mean("zzzz", keys), None);
        let categories = ["engineering", "design", "operations"];
        assert_eq!(did_you_mean("opps", categories), Some("operations"));
        assert_eq!(did_you_mean("eng", categories), Some("engineering"));
        // Two candidates start alike: no guess.
        assert_eq!(did_you_mean("opx", ["operations", "options"]), None);
    }
}
