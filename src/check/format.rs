//! `check --format`: text for people, JSON lines for tools, annotations for GitHub.
//!
//! Machine formats go to stdout, one diagnostic per line, so they can be piped; the
//! summary line always goes to stderr, where it shows in logs without polluting them.

use super::Report;
use crate::cli::Format;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::term;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Duration;

/// Prints `report` in `format`. `root` is the `--root` the site was read from.
pub fn print(report: &Report, format: Format, root: &Path) {
    match format {
        Format::Human => diagnostic::print_human(&report.diagnostics),
        Format::Json => write_lines(report.diagnostics.iter().map(json)),
        Format::Github => {
            let prefix = annotation_prefix(root);
            write_lines(report.diagnostics.iter().map(|d| github(d, prefix)));
        }
    }
    term::info(report.summary());
}

/// Under `--verbose`: what was checked, how long it took, and how often each rule fired.
pub fn details(report: &Report, root: &Path, took: Duration) {
    if !term::verbose() {
        return;
    }
    term::detail(format_args!(
        "Checked {} in {:.2} s",
        term::paint(term::PATH, root.display()),
        took.as_secs_f64()
    ));
    if let Some(rules) = rule_counts(&report.diagnostics) {
        term::detail(format_args!("By rule: {rules}"));
    }
}

/// "unknown-field 2, short-description 1": rules by how often they fired, then by name.
fn rule_counts(diagnostics: &[Diagnostic]) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for d in diagnostics {
        *counts.entry(d.rule).or_default() += 1;
    }
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let parts: Vec<String> = counts.iter().map(|(rule, n)| format!("{rule} {n}")).collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn write_lines(lines: impl Iterator<Item = String>) {
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in lines {
        // A closed pipe (`| head`) is not worth a panic: stop writing.
        if writeln!(out, "{line}").is_err() {
            return;
        }
    }
    let _ = out.flush();
}

/// The JSON form of one diagnostic: every key is always present, `null` when unknown.
#[derive(Serialize)]
struct Json<'a> {
    severity: Severity,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    field: Option<&'a str>,
    message: &'a str,
    help: Option<&'a str>,
    rule: &'a str,
}

/// One diagnostic as one line of JSON.
pub fn json(d: &Diagnostic) -> String {
    serde_json::to_string(&Json {
        severity: d.severity,
        file: slash_path(&d.path),
        line: d.line,
        column: d.column,
        field: d.field.as_deref(),
        message: &d.message,
        help: d.help.as_deref(),
        rule: d.rule,
    })
    .expect("a diagnostic always serializes")
}

/// GitHub resolves annotation paths against the repository root, while diagnostics are
/// relative to the site root: a site in a subfolder (`--root site`) needs that prefix.
/// An absolute root is not inside the checkout as far as we can tell, so it adds nothing.
fn annotation_prefix(root: &Path) -> Option<&Path> {
    let root = root.strip_prefix(".").unwrap_or(root);
    (!root.as_os_str().is_empty() && root.is_relative()).then_some(root)
}

/// One diagnostic as a GitHub Actions workflow command:
/// `::error file=content/jobs/x.md,line=7,col=18,title=employment_type::message%0Ahelp: …`.
pub fn github(d: &Diagnostic, prefix: Option<&Path>) -> String {
    let path = match prefix {
        Some(p) => p.join(&d.path),
        None => d.path.clone(),
    };
    let mut props = vec![format!("file={}", escape_property(&slash_path(&path)))];
    if let Some(line) = d.line {
        props.push(format!("line={line}"));
        if let Some(col) = d.column {
            props.push(format!("col={col}"));
        }
    }
    let title = d.field.as_deref().unwrap_or(d.rule);
    props.push(format!("title={}", escape_property(title)));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!("::{} {}::{}", d.severity, props.join(","), escape_data(&message))
}

fn slash_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Escapes a workflow command's message, as the Actions toolkit does.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command property value: also `:` and `,`, which delimit properties.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_messages_and_properties() {
        assert_eq!(escape_data("50% off\r\nnow"), "50%25 off%0D%0Anow");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn counts_rules_most_frequent_first() {
        let d = |rule| Diagnostic::warning(rule, "a.md", "x");
        assert_eq!(rule_counts(&[]), None);
        let all = [d("b-rule"), d("stray-file"), d("a-rule"), d("stray-file")];
        assert_eq!(rule_counts(&all).as_deref(), Some("stray-file 2, a-rule 1, b-rule 1"));
    }

    #[test]
    fn prefixes_relative_roots_only() {
        assert_eq!(annotation_prefix(Path::new(".")), None);
        assert_eq!(annotation_prefix(Path::new("/tmp/site")), None);
        assert_eq!(annotation_prefix(Path::new("./site")), Some(Path::new("site")));
        let d = Diagnostic::error("r", "content/jobs/a.md", "bad").at(3, 1);
        assert_eq!(
            github(&d, Some(Path::new("site"))),
            "::error file=site/content/jobs/a.md,line=3,col=1,title=r::bad"
        );
    }
}
