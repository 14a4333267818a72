//! Translations: every user-visible string of the default theme, from a table chosen by
//! `language:` (English and German ship in `themes/default/i18n/`, embedded), with the
//! site's `translations:` in `config.yaml` on top. Templates read the table as `t`;
//! search.js and cards.js read its `js_` keys from a JSON block ([`Strings::js_json`]).

pub mod countries;
mod country_names;
pub mod format;

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::yaml::YamlDoc;
use std::collections::BTreeMap;

/// The languages with a shipped table; any other `language:` gets English strings (and
/// its own tag in `<html lang>`), to be translated with `translations:`.
pub const SHIPPED: &[&str] = &["en", "de"];

/// The string table of one build: key → text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strings {
    map: BTreeMap<String, String>,
    /// The shipped table the strings came from (`en` or `de`), for number formats.
    pub base: &'static str,
}

fn shipped(lang: &str) -> BTreeMap<String, String> {
    let file = format!("i18n/{lang}.yaml");
    let bytes = crate::render::theme::DEFAULT_THEME
        .get_file(&file)
        .unwrap_or_else(|| panic!("the built-in theme has {file}"))
        .contents();
    serde_yaml::from_slice(bytes).unwrap_or_else(|e| panic!("the built-in {file} is a map of strings: {e}"))
}

/// The shipped table for a BCP 47 tag: its primary language subtag (`de-AT` → `de`).
pub fn base_language(tag: &str) -> &'static str {
    let primary = tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    SHIPPED.iter().find(|l| **l == primary).copied().unwrap_or("en")
}

impl Strings {
    /// The table for `language`, with `overrides` (the site's `translations:`) on top.
    /// Keys missing from a shipped table fall back to English.
    pub fn new(language: &str, overrides: &BTreeMap<String, String>) -> Strings {
        let base = base_language(language);
        let mut map = shipped("en");
        if base != "en" {
            map.extend(shipped(base));
        }
        map.extend(overrides.iter().map(|(k, v)| (k.clone(), v.clone())));
        Strings { map, base }
    }

    /// The English table: for tests and for callers without a config.
    pub fn english() -> Strings {
        Strings::new("en", &BTreeMap::new())
    }

    /// The text of `key`; a missing key shows as itself, so a typo in a template is visible.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// Every key and text, for the `t` template variable.
    pub fn map(&self) -> &BTreeMap<String, String> {
        &self.map
    }

    /// The `js_` strings as a JSON object with camelCase keys (`js_all_types` →
    /// `allTypes`), for the scripts: safe inside `<script type="application/json">`.
    pub fn js_json(&self) -> String {
        self.script_json("js_", &[])
    }

    /// The strings whose key starts with `prefix`, as a JSON object with camelCase keys and
    /// the prefix dropped, plus `extra` entries: for a script, with `<` escaped so no string
    /// can close a script element.
    pub fn script_json(&self, prefix: &str, extra: &[(&str, &str)]) -> String {
        let mut js: BTreeMap<String, &str> =
            self.map.iter().filter_map(|(k, v)| Some((camel(k.strip_prefix(prefix)?), v.as_str()))).collect();
        js.extend(extra.iter().map(|(k, v)| (k.to_string(), *v)));
        serde_json::to_string(&js).expect("strings serialize").replace('<', "\\u003c")
    }
}

/// `text` with each `{name}` replaced by its value.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    args.iter().fold(text.to_string(), |s, (name, value)| s.replace(&format!("{{{name}}}"), value))
}

/// Registers the template filters for strings with placeholders: `fill` for text
/// (`{{ t.more_category_jobs | fill(name=posting.category.name) }}`, escaped on output as
/// usual) and `fill_html` for the `_html` strings, which escapes the values it puts in and
/// keeps the string's own markup.
/// `number` writes an integer with the language's digit grouping (`2.000`).
pub fn register_filters(tera: &mut tera::Tera, strings: &std::sync::Arc<Strings>) {
    let numbers = strings.clone();
    tera.register_filter("number", move |n: usize, _: tera::Kwargs, _: &tera::State| {
        format::count(n, &numbers)
    });
    fn args(kwargs: &tera::Kwargs) -> Vec<(String, String)> {
        kwargs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }
    fn apply(s: &str, args: &[(String, String)]) -> String {
        let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        fill(s, &pairs)
    }
    tera.register_filter("fill", |s: &str, kwargs: tera::Kwargs, _: &tera::State| apply(s, &args(&kwargs)));
    tera.register_filter("fill_html", |s: &str, kwargs: tera::Kwargs, _: &tera::State| {
        let escaped: Vec<(String, String)> = args(&kwargs)
            .into_iter()
            .map(|(k, v)| {
                let mut buf = Vec::new();
                tera::escape_html(&v, &mut buf).expect("writing to memory");
                (k, String::from_utf8_lossy(&buf).into_owned())
            })
            .collect();
        tera::Value::safe_string(&apply(s, &escaped))
    });
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// Reads `translations:` from `config.yaml`: a map from keys of the English table to
/// strings. Unknown keys and non-string values are reported; the valid entries are kept.
pub fn parse_overrides(
    doc: &YamlDoc,
    value: serde_yaml::Value,
    out: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let mut overrides = BTreeMap::new();
    if value.is_null() {
        return overrides;
    }
    let Some(map) = value.as_mapping() else {
        out.push(
            doc.error("invalid-type", "translations", "must be a map of strings")
                .help("e.g. `translations: {apply_now: Apply today}`; the keys are listed in docs/themes.md"),
        );
        return overrides;
    };
    let english = shipped("en");
    let known: Vec<&str> = english.keys().map(String::as_str).collect();
    for (key, text) in map {
        let key = key.as_str().map_or_else(|| format!("{key:?}"), str::to_string);
        let field = format!("translations.{key}");
        // Country names are not in the table: `country_de` names Germany (any case).
        let country = countries::code_of_key(&key.to_ascii_lowercase());
        let key = country.as_deref().map_or(key, countries::key);
        if !english.contains_key(&key) && country.is_none() {
            let help = match did_you_mean(&key, known.iter().copied()) {
                _ if key.starts_with("country_") => {
                    "a country's name takes its ISO 3166-1 alpha-2 code: `country_de`".into()
                }
                Some(s) => format!("did you mean `{s}`?"),
                None => "the keys are those of themes/default/i18n/en.yaml (see docs/themes.md)".into(),
            };
            out.push(
                Diagnostic::error("unknown-field", doc.path, "unknown translation key")
                    .field(field.clone())
                    .help(help)
                    .at_opt(doc.key_pos(&field)),
            );
            continue;
        }
        match text.as_str() {
            Some(t) => {
                if let Err(e) = format::check_override(&key, t) {
                    out.push(doc.error("invalid-value", &field, e));
                    continue;
                }
                overrides.insert(key, t.to_string());
            }
            None => out.push(
                doc.error("invalid-type", &field, "must be a string")
                    .help(format!("quote it: `{key}: \"...\"`")),
            ),
        }
    }
    overrides
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn german_and_english_tables_have_the_same_keys() {
        let (en, de) = (shipped("en"), shipped("de"));
        let missing: Vec<&String> = en.keys().filter(|k| !de.contains_key(*k)).collect();
        let extra: Vec<&String> = de.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "missing in de: {missing:?}; unknown in de: {extra:?}"
        );
    }

    #[test]
    fn picks_the_table_by_primary_subtag_and_applies_overrides() {
        let over = BTreeMap::from([("apply_now".to_string(), "Los geht's".to_string())]);
        let de = Strings::new("de-AT", &over);
        assert_eq!(de.base, "de");
        assert_eq!(de.get("apply_by_email"), "Per E-Mail bewerben");
        assert_eq!(de.get("apply_now"), "Los geht's");
        let fr = Strings::new("fr", &BTreeMap::new());
        assert_eq!((fr.base, fr.get("apply_now")), ("en", "Apply now"));
    }

    #[test]
    fn js_strings_are_camel_case_and_cannot_close_the_script() {
        let over = BTreeMap::from([("js_all_types".to_string(), "</script>".to_string())]);
        let json = Strings::new("en", &over).js_json();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["allTypes"], "</script>");
        assert_eq!(v["matchesOne"], "{n} job matches");
        assert!(!json.contains("</"), "{json}");
        assert!(v.get("applyNow").is_none(), "only js_ keys reach the scripts");
    }

    /// The overrides a `config.yaml` text gives, and the diagnostics as printed.
    fn overrides(text: &str) -> (BTreeMap<String, String>, Vec<String>) {
        let doc = YamlDoc::new(Path::new("config.yaml"), text, 0);
        let value: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
        let mut out = Vec::new();
        let got = parse_overrides(&doc, value["translations"].clone(), &mut out);
        (got, out.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn unknown_keys_name_file_line_and_a_near_key() {
        let text = "title: J\ntranslations:\n  apply_now: Jetzt\n  aply_by_email: Mail\n  new: 3\n";
        let (got, texts) = overrides(text);
        assert_eq!(got.get("apply_now").map(String::as_str), Some("Jetzt"));
        assert!(
            texts[0].starts_with("error: config.yaml:4:3: translations.aply_by_email: unknown translation key\n  help: did you mean `apply_by_email`?"),
            "{texts:?}"
        );
        assert!(
            texts[1].starts_with("error: config.yaml:5:8: translations.new: must be a string"),
            "{texts:?}"
        );
    }

    #[test]
    fn country_names_are_overridden_by_code() {
        let (got, out) = overrides("translations:\n  country_US: USA\n  country_xx: Nowhere\n");
        assert_eq!(got.get("country_us").map(String::as_str), Some("USA"), "{got:?}");
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(
            out[0].starts_with(
                "error: config.yaml:3:3: translations.country_xx: unknown translation key\n  help: a country's name takes its ISO 3166-1 alpha-2 code: `country_de`"
            ),
            "{}",
            out[0]
        );
    }
}
