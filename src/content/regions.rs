//! Region names accepted in a job posting's `location.countries`, expanded into
//! ISO 3166-1 alpha-2 country codes.
//!
//! Pure data: every list is a sorted, de-duplicated `static` array. Region
//! membership for "Americas", "APAC" and "EMEA" follows the UN M49 standard
//! (geographic regions), which assigns every ISO 3166-1 territory except
//! Antarctica (`AQ`) to exactly one continent-level region. `AQ` is therefore
//! only part of "worldwide", not of any of the three business regions.

/// Names accepted besides country codes, for help text.
///
/// Matching in [`expand`] and [`canonical`] is ASCII case-insensitive.
pub const REGION_NAMES: &[&str] = &["worldwide", "EU", "EEA", "Americas", "APAC", "EMEA"];

/// Expands a region name (case-insensitive) into sorted, de-duplicated alpha-2 codes; None if `name` is not a region.
///
/// For example `expand("eea")` yields the 30 EEA codes, while `expand("DE")` is
/// `None`: plain country codes are not regions and are handled by the caller.
pub fn expand(name: &str) -> Option<&'static [&'static str]> {
    region(name).map(|r| r.codes)
}

/// The region's name as listed in [`REGION_NAMES`] ("eu" → "EU"), for labels.
///
/// Lookup is case-insensitive, like [`expand`]; `None` if `name` is not a region.
pub fn canonical(name: &str) -> Option<&'static str> {
    region(name).map(|r| r.name)
}

/// The table's own text for a normalised `location.countries` entry: an alpha-2 code as
/// [`ALPHA2`] spells it, or a region's [`canonical`] name.
pub fn term(written: &str) -> Option<&'static str> {
    match ALPHA2.binary_search(&written) {
        Ok(i) => Some(ALPHA2[i]),
        Err(_) => canonical(written),
    }
}

/// Reads back (from the posting cache) a list of [`term`]s, as the table's texts.
pub fn deserialize_terms<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<&'static str>, D::Error> {
    let written: Vec<String> = serde::Deserialize::deserialize(d)?;
    written
        .iter()
        .map(|t| term(t).ok_or_else(|| serde::de::Error::custom(format!("unknown country or region {t}"))))
        .collect()
}

/// One entry of [`REGIONS`].
struct Region {
    /// Canonical name, as listed in [`REGION_NAMES`].
    name: &'static str,
    /// Sorted, de-duplicated alpha-2 codes.
    codes: &'static [&'static str],
}

/// All regions, in the order of [`REGION_NAMES`].
static REGIONS: &[Region] = &[
    Region { name: "worldwide", codes: WORLDWIDE },
    Region { name: "EU", codes: EU },
    Region { name: "EEA", codes: EEA },
    Region { name: "Americas", codes: AMERICAS },
    Region { name: "APAC", codes: APAC },
    Region { name: "EMEA", codes: EMEA },
];

/// Finds a region by name, ignoring ASCII case.
fn region(name: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.name.eq_ignore_ascii_case(name))
}

/// Every ISO 3166-1 alpha-2 code known to `rust_iso3166` (249 codes, including
/// Antarctica `AQ`). Kept as a sorted literal because `rust_iso3166::ALL_ALPHA2` is
/// ordered by country name; a test checks the two stay in sync. A [`super::fields::Country`]
/// is its place in this table.
pub(super) static ALPHA2: &[&str] = WORLDWIDE;

static WORLDWIDE: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA",
    "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV",
    "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU",
    "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES",
    "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM",
    "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR", "HT", "HU", "ID", "IE",
    "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM",
    "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY",
    "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT",
    "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU",
    "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA",
    "RE", "RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM",
    "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL",
    "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE",
    "VG", "VI", "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// The 27 member states of the European Union (as of 2026).
static EU: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT",
    "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// The European Economic Area: the EU plus Iceland, Liechtenstein and Norway (30).
static EEA: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IS", "IT",
    "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// UN M49 region 019 "Americas": Northern America, Central America, the
/// Caribbean and South America, including dependent territories. Following M49,
/// this includes Bouvet Island (`BV`) and South Georgia (`GS`) under South America.
static AMERICAS: &[&str] = &[
    "AG", "AI", "AR", "AW", "BB", "BL", "BM", "BO", "BQ", "BR", "BS", "BV", "BZ", "CA", "CL", "CO", "CR",
    "CU", "CW", "DM", "DO", "EC", "FK", "GD", "GF", "GL", "GP", "GS", "GT", "GY", "HN", "HT", "JM", "KN",
    "KY", "LC", "MF", "MQ", "MS", "MX", "NI", "PA", "PE", "PM", "PR", "PY", "SR", "SV", "SX", "TC", "TT",
    "US", "UY", "VC", "VE", "VG", "VI",
];

/// Asia-Pacific: UN M49 Asia (142) without Western Asia (145), i.e. Central (143),
/// Eastern (030), South-eastern (035) and Southern (034) Asia, plus Oceania (009).
/// Following M49, Oceania includes `CX`, `CC`, `HM` (Australia and New Zealand)
/// and `UM` (Micronesia). Taiwan (`TW`) is placed in Eastern Asia.
static APAC: &[&str] = &[
    "AF", "AS", "AU", "BD", "BN", "BT", "CC", "CK", "CN", "CX", "FJ", "FM", "GU", "HK", "HM", "ID", "IN",
    "IR", "JP", "KG", "KH", "KI", "KP", "KR", "KZ", "LA", "LK", "MH", "MM", "MN", "MO", "MP", "MV", "MY",
    "NC", "NF", "NP", "NR", "NU", "NZ", "PF", "PG", "PH", "PK", "PN", "PW", "SB", "SG", "TH", "TJ", "TK",
    "TL", "TM", "TO", "TV", "TW", "UM", "UZ", "VN", "VU", "WF", "WS",
];

/// Europe, the Middle East and Africa: UN M49 Europe (150), Western Asia (145)
/// and Africa (002). Following M49, Africa includes the British Indian Ocean
/// Territory (`IO`) and the French Southern Territories (`TF`); Western Asia
/// includes Cyprus, Türkiye, the Caucasus states and the Gulf states.
static EMEA: &[&str] = &[
    "AD", "AE", "AL", "AM", "AO", "AT", "AX", "AZ", "BA", "BE", "BF", "BG", "BH", "BI", "BJ", "BW", "BY",
    "CD", "CF", "CG", "CH", "CI", "CM", "CV", "CY", "CZ", "DE", "DJ", "DK", "DZ", "EE", "EG", "EH", "ER",
    "ES", "ET", "FI", "FO", "FR", "GA", "GB", "GE", "GG", "GH", "GI", "GM", "GN", "GQ", "GR", "GW", "HR",
    "HU", "IE", "IL", "IM", "IO", "IQ", "IS", "IT", "JE", "JO", "KE", "KM", "KW", "LB", "LI", "LR", "LS",
    "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MG", "MK", "ML", "MR", "MT", "MU", "MW", "MZ", "NA",
    "NE", "NG", "NL", "NO", "OM", "PL", "PS", "PT", "QA", "RE", "RO", "RS", "RU", "RW", "SA", "SC", "SD",
    "SE", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SS", "ST", "SY", "SZ", "TD", "TF", "TG", "TN",
    "TR", "TZ", "UA", "UG", "VA", "YE", "YT", "ZA", "ZM", "ZW",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn terms_are_read_back_as_the_tables_texts() {
        #[derive(serde::Serialize, serde::Deserialize)]
        struct Terms(#[serde(deserialize_with = "deserialize_terms")] Vec<&'static str>);
        let written = ["US", "EU", "worldwide", "EMEA"];
        let bytes = postcard::to_stdvec(&Terms(written.to_vec())).unwrap();
        let read: Terms = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(read.0, written);
        assert!(std::ptr::eq(read.0[0], ALPHA2[ALPHA2.binary_search(&"US").unwrap()]));
        assert_eq!(term("XX"), None);
        let unknown = postcard::to_stdvec(&["US", "Atlantis"]).unwrap();
        assert!(postcard::from_bytes::<Terms>(&unknown).is_err());
    }

    fn set(codes: &[&'static str]) -> BTreeSet<&'static str> {
        codes.iter().copied().collect()
    }

    fn codes(name: &str) -> &'static [&'static str] {
        expand(name).unwrap_or_else(|| panic!("{name} should be a region"))
    }

    #[test]
    fn region_names_match_table() {
        let names: Vec<_> = REGIONS.iter().map(|r| r.name).collect();
        assert_eq!(names, REGION_NAMES);
        for name in REGION_NAMES {
            assert!(expand(name).is_some(), "{name}");
            assert_eq!(canonical(name), Some(*name));
        }
    }

    #[test]
    fn counts() {
        assert_eq!(codes("EU").len(), 27);
        assert_eq!(codes("EEA").len(), 30);
        assert_eq!(codes("worldwide").len(), rust_iso3166::ALL_ALPHA2.len());
        assert_eq!(codes("Americas").len(), 57);
        assert_eq!(codes("APAC").len(), 62);
        assert_eq!(codes("EMEA").len(), 129);
    }

    #[test]
    fn every_code_is_valid_alpha2() {
        for r in REGIONS {
            for code in r.codes {
                assert!(
                    rust_iso3166::from_alpha2(code).is_some(),
                    "{code} in {} is not an ISO 3166-1 alpha-2 code",
                    r.name
                );
            }
        }
    }

    #[test]
    fn lists_are_sorted_and_deduplicated() {
        for r in REGIONS {
            for pair in r.codes.windows(2) {
                assert!(pair[0] < pair[1], "{}: {:?} not strictly increasing", r.name, pair);
            }
        }
    }

    #[test]
    fn worldwide_is_all_alpha2() {
        assert_eq!(set(codes("worldwide")), set(rust_iso3166::ALL_ALPHA2));
    }

    #[test]
    fn eea_is_eu_plus_efta_members() {
        let mut expected = set(codes("EU"));
        expected.extend(["IS", "LI", "NO"]);
        assert_eq!(set(codes("EEA")), expected);
    }

    #[test]
    fn lookup_is_case_insensitive() {
        assert_eq!(expand("eu"), Some(EU));
        assert_eq!(expand("Emea"), Some(EMEA));
        assert_eq!(expand("WORLDWIDE"), Some(WORLDWIDE));
        assert_eq!(expand("apac"), Some(APAC));
        assert_eq!(expand("aMeRiCaS"), Some(AMERICAS));
        assert_eq!(canonical("eea"), Some("EEA"));
        assert_eq!(canonical("emea"), Some("EMEA"));
    }

    #[test]
    fn unknown_names_give_none() {
        for name in ["", "DE", "de", "Europe", "LATAM", "EU ", " eu", "worldwid"] {
            assert_eq!(expand(name), None, "{name:?}");
            assert_eq!(canonical(name), None, "{name:?}");
        }
    }

    #[test]
    fn canonical_names() {
        assert_eq!(canonical("WorldWide"), Some("worldwide"));
        assert_eq!(canonical("eu"), Some("EU"));
        assert_eq!(canonical("americas"), Some("Americas"));
    }

    #[test]
    fn spot_checks() {
        let has = |region: &str, code: &str| codes(region).contains(&code);
        assert!(has("EU", "DE") && has("EMEA", "DE"));
        assert!(has("EU", "HU"));
        assert!(has("EEA", "NO") && !has("EU", "NO"));
        assert!(!has("EU", "GB") && !has("EEA", "CH"));
        assert!(has("APAC", "JP") && has("APAC", "AU"));
        assert!(has("APAC", "IN") && has("APAC", "SG") && has("APAC", "NZ"));
        assert!(has("Americas", "BR") && has("Americas", "CA"));
        for territory in ["PR", "GL", "BM", "AW", "CW", "GF"] {
            assert!(has("Americas", territory), "{territory}");
        }
        assert!(has("EMEA", "AE") && has("EMEA", "ZA"));
        assert!(has("EMEA", "TR") && !has("APAC", "TR"));
        assert!(has("EMEA", "CY") && has("EMEA", "IL"));
        assert!(!has("APAC", "AE") && !has("Americas", "DE"));
    }

    #[test]
    fn eu_and_eea_are_inside_emea() {
        let emea = set(codes("EMEA"));
        assert!(set(codes("EEA")).is_subset(&emea));
    }

    /// Americas, APAC and EMEA partition the world, except for the codes
    /// documented here: Antarctica (`AQ`) belongs to no UN M49 region.
    #[test]
    fn union_coverage() {
        let parts = [codes("Americas"), codes("APAC"), codes("EMEA")];
        let mut union = BTreeSet::new();
        for part in parts {
            for &code in part {
                assert!(union.insert(code), "{code} is in more than one region");
            }
        }
        let uncovered: Vec<_> = set(codes("worldwide")).difference(&union).copied().collect();
        assert_eq!(uncovered, ["AQ"]);
        assert!(union.is_subset(&set(codes("worldwide"))));
    }
}
