//! The template contract's version: what templates may rely on (docs/themes.md) changes
//! between releases, and a theme or a site's own templates record the version they follow,
//! so `check` can name what changed since (see [`crate::check::contract`]).

use crate::diagnostic::Diagnostic;
use crate::yaml::YamlDoc;
use std::path::Path;

/// The version of the template contract this Vacancy renders with. Raise it, and add a
/// line to [`CHANGES`], whenever a template or variable that templates use is added,
/// renamed or changes meaning.
pub const VERSION: u32 = 6;

/// What each version changed, oldest first: `check` lists the entries newer than a
/// theme's record.
pub const CHANGES: &[(u32, &str)] = &[
    (1, "the contract of Vacancy 0.1.0, as docs/themes.md describes it"),
    (
        2,
        "drafts (shown by `serve` and `build --drafts`) set `page.noindex`, as do listing pages that \
         show one, and drafts have no JSON-LD; posting.html includes the new partials/draft-banner.html, \
         index.html includes the new partials/empty-board.html when no position is open",
    ),
    (
        3,
        "new templates social-card.svg (drawn as each posting's social card, `card` variable) and \
         embed.html (the /embed/ pages, `embed` variable); postings have `posting.card` (url, width, \
         height) when social cards are on; base.html has a `twitter_card` block that posting.html fills",
    ),
    (
        4,
        "every page (embed.html too) has `t`, the theme's strings in the site's language (`t.apply_now`), and the \
         filters `fill`, `fill_html` and `number`; the default templates take all their words from `t`; \
         listing pages (`index`, `term`) print `t_js` in `<script type=\"application/json\" \
         id=\"vacancy-strings\">`, which search.js and cards.js read; labels in views \
         (`posting.apply.label`, `type.label`, `salary.label`, `location.label`, dates' `display`, \
         `term.kind_label`, `site.nav`) are in the site's language; the `taxonomy` view has `kind_noun`",
    ),
    (
        5,
        "partials/card.html is rendered once per posting and kind of listing, with `site`, `t`, `posting` and \
         `page.kind` only (no other `page` field, `pagination`, `term` or loop); listing items have `card_html`, \
         which partials/posting-list.html prints instead of including the card; items of `postings` and \
         `related` are whole posting views only when a theme's own templates read them (docs/themes.md)",
    ),
    (
        6,
        "`pagination.pages` lists the page links to show (the first and last pages, two either side of the \
         current one) and `gap` entries (`gap: true`) for the pages left out, no longer every page; \
         partials/pagination.html prints them as they come",
    ),
];

/// The file, in a theme's folder (`themes/<name>/`) or in the site's folder for its own
/// `templates/`, that records the contract version the templates follow.
pub const RECORD_FILE: &str = "template-contract.yaml";

/// The text of a record of the current version, as `eject-theme` writes it.
pub fn record_text() -> String {
    format!(
        "# The Vacancy template contract these templates follow (docs/themes.md, \"Contract versions\").\n\
         # `vacancy check` warns when Vacancy's contract has changed since and names what changed.\n\
         # Update the templates, then this number.\n\
         template_contract: {VERSION}\n"
    )
}

/// The changes after `version`, oldest first.
pub fn changes_since(version: u32) -> impl Iterator<Item = &'static (u32, &'static str)> {
    CHANGES.iter().filter(move |(v, _)| *v > version)
}

/// A record file as read: the version it names and where, for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub version: u32,
    pub line: usize,
    pub column: usize,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordFile {
    template_contract: u32,
}

/// Parses a record file's text; `shown` is its path in diagnostics.
pub fn parse_record(shown: &Path, text: &str) -> Result<Record, Diagnostic> {
    let doc = YamlDoc::new(shown, text, 0);
    let value = doc.parse()?;
    let file: RecordFile = doc.deserialize(value).map_err(|d| {
        d.help(format!("the file holds one line, `template_contract: N`, N being a version up to {VERSION}"))
    })?;
    let (line, column) = doc.value_pos("template_contract").unwrap_or((1, 1));
    Ok(Record { version: file.template_contract, line, column })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_listed_once_per_version_up_to_the_current_one() {
        let versions: Vec<u32> = CHANGES.iter().map(|(v, _)| *v).collect();
        assert_eq!(versions, (1..=VERSION).collect::<Vec<_>>());
    }

    #[test]
    fn the_written_record_reads_back_as_the_current_version() {
        let r = parse_record(Path::new("t.yaml"), &record_text()).unwrap();
        assert_eq!(r.version, VERSION);
        assert_eq!((r.line, r.column), (4, 20), "the value of `template_contract: N` on line 4");
    }

    #[test]
    fn a_bad_record_names_the_field() {
        let d = parse_record(Path::new("t.yaml"), "template_contract: two\n").unwrap_err();
        let text = d.to_string();
        assert!(text.contains("t.yaml:1:"), "{text}");
        assert!(text.contains("template_contract"), "{text}");
        assert!(text.contains("help: the file holds one line"), "{text}");
    }

    #[test]
    fn changes_since_an_old_version_are_the_newer_ones() {
        assert_eq!(changes_since(1).map(|(v, _)| *v).collect::<Vec<_>>(), (2..=VERSION).collect::<Vec<_>>());
        assert_eq!(changes_since(VERSION).count(), 0);
    }
}
