//! `check`'s template-contract rule: templates that replace built-in ones (an ejected or
//! custom theme in `themes/<name>/`, or the site's own `templates/`) follow the contract
//! version they record; when Vacancy's contract has changed since, say what changed.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::render::contract::{self, RECORD_FILE, VERSION};
use crate::render::theme::{DEFAULT_THEME, disk_files, embedded_files, layers};
use std::collections::HashSet;
use std::path::Path;

/// Warnings for every layer whose overriding templates record no version, an older
/// version than [`VERSION`], a newer one, or an unreadable record.
pub fn check(root: &Path, config: &Config) -> Vec<Diagnostic> {
    let built_in: HashSet<String> =
        embedded_files(&DEFAULT_THEME, "templates").into_iter().map(|(rel, _)| rel).collect();
    let mut out = Vec::new();
    for layer in layers(root, config) {
        let overrides: Vec<String> = disk_files(&layer.join("templates"))
            .into_iter()
            .map(|(rel, _)| rel)
            .filter(|rel| built_in.contains(rel))
            .collect();
        if overrides.is_empty() {
            continue;
        }
        let shown = |rel: &str| {
            layer.join(rel).strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| layer.join(rel))
        };
        let record = shown(RECORD_FILE);
        let text = match std::fs::read_to_string(layer.join(RECORD_FILE)) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                out.push(unrecorded(
                    &shown(&format!("templates/{}", overrides[0])),
                    overrides.len(),
                    &record,
                ));
                continue;
            }
            Err(e) => {
                out.push(Diagnostic::warning("template-contract", &record, format!("cannot read: {e}")));
                continue;
            }
        };
        match contract::parse_record(&record, &text) {
            Ok(r) if r.version < VERSION => out.push(older(&record, &r)),
            Ok(r) if r.version > VERSION => out.push(
                Diagnostic::warning(
                    "template-contract",
                    &record,
                    format!(
                        "these templates follow template contract {}, newer than this vacancy's ({VERSION})",
                        r.version
                    ),
                )
                .field("template_contract")
                .at(r.line, r.column)
                .help("install the vacancy release the templates were written for, or a newer one"),
            ),
            Ok(_) => {}
            Err(d) => out.push(Diagnostic { severity: crate::diagnostic::Severity::Warning, ..d }),
        }
    }
    out
}

/// Templates that replace built-in ones with no record of the contract they follow.
fn unrecorded(first: &Path, count: usize, record: &Path) -> Diagnostic {
    let more = match count {
        1 => String::new(),
        n => format!(" (and {} more template{})", n - 1, if n == 2 { "" } else { "s" }),
    };
    Diagnostic::warning(
        "template-contract",
        first,
        format!("replaces a built-in template{more}, but no template contract version is recorded"),
    )
    .help(format!(
        "record the contract version they follow in {}: `template_contract: 1` if they were copied \
         from Vacancy 0.1 (`check` then names what changed since), `template_contract: {VERSION}` once \
         they follow docs/themes.md as it is now",
        record.display()
    ))
}

/// A record older than the current contract: what changed since, version by version.
fn older(record: &Path, r: &contract::Record) -> Diagnostic {
    let changes: Vec<String> =
        contract::changes_since(r.version).map(|(v, what)| format!("{v}: {what}")).collect();
    Diagnostic::warning(
        "template-contract",
        record,
        format!(
            "these templates follow template contract {}, and vacancy now renders with {VERSION}; changed since: {}",
            r.version,
            changes.join("; ")
        ),
    )
    .field("template_contract")
    .at(r.line, r.column)
    .help(format!(
        "update the templates (docs/themes.md, \"Contract versions\"), then set `template_contract: {VERSION}`; \
         or delete the ones you did not change, and the built-in ones are used"
    ))
}
