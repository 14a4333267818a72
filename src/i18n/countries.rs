//! Country and region names in the build's language: "Deutschland", "Vereinigte Staaten",
//! "EWR". Country names come from the generated CLDR table (`country_names.rs`),
//! region names from the string table (`region_eu`, …); a site overrides either through
//! `translations:` (`country_de: …`, `region_eu: …`). Pages, titles, the location index,
//! search facets and feeds show these names; URLs, keys and the JSON-LD keep the codes.

use super::Strings;
use super::country_names;
use crate::content::regions;

/// The `translations:` key of a country's name: `country_de`.
pub fn key(code: &str) -> String {
    format!("country_{}", code.to_ascii_lowercase())
}

/// The code a `country_xx` translation key names, upper case, if `xx` is a country we know.
pub fn code_of_key(key: &str) -> Option<String> {
    let code = key.strip_prefix("country_")?.to_ascii_uppercase();
    lookup(country_names::EN, &code).map(|_| code)
}

fn table(base: &str) -> &'static [(&'static str, &'static str)] {
    match base {
        "de" => country_names::DE,
        _ => country_names::EN,
    }
}

fn lookup(table: &'static [(&'static str, &'static str)], code: &str) -> Option<&'static str> {
    table.binary_search_by(|(c, _)| (*c).cmp(code)).ok().map(|i| table[i].1)
}

/// The English name of an ISO 3166-1 alpha-2 code (upper case): what language-neutral
/// outputs (JSON-LD, `jobs.json`) carry.
pub fn english(code: &str) -> Option<&'static str> {
    lookup(country_names::EN, code)
}

impl Strings {
    /// A country's name in the build's language: the site's `country_xx` override, else
    /// the table of the shipped language, else the code itself.
    pub fn country<'a>(&'a self, code: &'a str) -> &'a str {
        let upper = code.to_ascii_uppercase();
        if let Some(name) = self.map().get(&key(&upper)) {
            return name;
        }
        // A code the parser does not accept shows as written.
        lookup(table(self.base), &upper).or_else(|| english(&upper)).unwrap_or(code)
    }

    /// A `countries` entry as people say it: a country's name, a region's ("EU",
    /// "Amerika"), or "Anywhere" for `worldwide`.
    pub fn area(&self, term: &str) -> String {
        match regions::canonical(term) {
            Some("worldwide") => self.get("anywhere").to_string(),
            Some(region) => self.get(&format!("region_{}", region.to_ascii_lowercase())).to_string(),
            None => self.country(term).to_string(),
        }
    }
}

/// The key names sort by in the location index: lower case, with accents and umlauts
/// folded to their base letters ("Österreich" sorts as "osterreich", with the O's), as
/// German dictionaries sort (DIN 5007, variant 1) and as English readers expect too.
pub fn sort_key(name: &str) -> String {
    deunicode::deunicode(name).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn every_code_the_parser_accepts_has_an_english_and_a_german_name() {
        for code in regions::expand("worldwide").unwrap() {
            assert!(crate::content::fields::country(code).is_some(), "{code} is accepted");
            for (lang, table) in [("en", country_names::EN), ("de", country_names::DE)] {
                let name = lookup(table, code).unwrap_or_else(|| panic!("{code} has no {lang} name"));
                assert!(!name.trim().is_empty() && name != *code, "{lang} {code}: {name:?}");
            }
        }
        // Both tables list exactly those codes, sorted (binary search relies on it).
        for table in [country_names::EN, country_names::DE] {
            let codes: Vec<&str> = table.iter().map(|(c, _)| *c).collect();
            assert_eq!(codes, regions::expand("worldwide").unwrap());
        }
    }

    #[test]
    fn everyday_names_in_both_languages() {
        let (en, de) = (Strings::english(), Strings::new("de-AT", &BTreeMap::new()));
        let pairs = [
            ("US", "United States", "Vereinigte Staaten"),
            ("GB", "United Kingdom", "Vereinigtes Königreich"),
            ("RU", "Russia", "Russland"),
            ("DE", "Germany", "Deutschland"),
            ("AT", "Austria", "Österreich"),
            ("KR", "South Korea", "Südkorea"),
            ("HK", "Hong Kong", "Hongkong"),
        ];
        for (code, e, d) in pairs {
            assert_eq!((en.country(code), de.country(code)), (e, d), "{code}");
        }
        assert_eq!(de.country("de"), "Deutschland", "codes are case-insensitive");
        assert_eq!(de.country("XX"), "XX", "an unknown code shows as written");
    }

    #[test]
    fn sites_override_country_and_region_names() {
        let over = BTreeMap::from([
            ("country_us".to_string(), "USA".to_string()),
            ("region_eu".to_string(), "Europäische Union".to_string()),
        ]);
        let de = Strings::new("de", &over);
        assert_eq!(de.country("US"), "USA");
        assert_eq!(de.area("eu"), "Europäische Union");
        assert_eq!(de.area("EEA"), "EWR");
        assert_eq!(de.area("Americas"), "Amerika");
        assert_eq!(de.area("worldwide"), "Weltweit");
        assert_eq!(de.area("CH"), "Schweiz");
        assert_eq!(code_of_key("country_ch").as_deref(), Some("CH"));
        assert_eq!(code_of_key("country_xx"), None);
    }

    #[test]
    fn umlauts_sort_with_their_base_letter() {
        let de = Strings::new("de", &BTreeMap::new());
        let mut names: Vec<&str> = ["AT", "OM", "DE", "ZA", "PL"].iter().map(|c| de.country(c)).collect();
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, ["Deutschland", "Oman", "Österreich", "Polen", "Südafrika"]);
    }
}
