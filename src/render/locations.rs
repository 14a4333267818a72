//! Who may apply, as people say it: "Anywhere", "EU" (its 27 countries folded away),
//! "Canada". The JSON-LD keeps the full country list; this is only what pages show.

use crate::content::posting::Location;
use crate::content::regions;
use serde::Serialize;

/// One entry of `posting.location.open_to`: a country, a region or the whole world.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct OpenTo {
    /// `anywhere`, `region` or `country`.
    pub kind: &'static str,
    /// "Anywhere", "EU", "Canada".
    pub name: String,
    /// The country's `/locations/<cc>/` page, when it has one.
    pub path: Option<String>,
    /// A region's countries, for a folded-away list; empty for countries and "Anywhere".
    pub countries: Vec<Member>,
}

/// A country inside a region.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct Member {
    pub code: String,
    pub name: String,
    pub path: Option<String>,
}

/// The entries of `location.countries` in the order written. `page` gives a country's
/// listing page, if it has one.
pub fn open_to(
    location: &Location,
    strings: &crate::i18n::Strings,
    page: &dyn Fn(&str) -> Option<String>,
) -> Vec<OpenTo> {
    if location.country_terms.contains(&"worldwide") {
        // Every other entry is inside the world: naming them adds nothing.
        return vec![OpenTo {
            kind: "anywhere",
            name: strings.get("anywhere").into(),
            path: None,
            countries: Vec::new(),
        }];
    }
    location
        .country_terms
        .iter()
        .map(|term| match regions::expand(term) {
            Some(codes) => {
                let mut countries: Vec<Member> = codes
                    .iter()
                    .map(|c| Member { path: page(c), code: c.to_string(), name: strings.country(c).into() })
                    .collect();
                // As readers look for a name: alphabetical in the language, not by code.
                countries.sort_by_cached_key(|m| crate::i18n::countries::sort_key(&m.name));
                OpenTo { kind: "region", name: strings.area(term), path: None, countries }
            }
            None => {
                OpenTo { kind: "country", name: strings.area(term), path: page(term), countries: Vec::new() }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn remote(terms: &[&'static str]) -> Location {
        Location {
            remote: true,
            hybrid: false,
            countries: Vec::new(),
            country_terms: terms.to_vec(),
            places: Vec::new(),
        }
    }

    #[test]
    fn worldwide_reads_anywhere_without_a_country_list() {
        let v = open_to(&remote(&["worldwide", "DE"]), &crate::i18n::Strings::english(), &|_| None);
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].kind, v[0].name.as_str()), ("anywhere", "Anywhere"));
        assert!(v[0].countries.is_empty());
    }

    #[test]
    fn a_region_keeps_its_name_and_folds_its_countries() {
        let v = open_to(&remote(&["EU", "CA"]), &crate::i18n::Strings::english(), &|c| {
            (c == "CA").then(|| "/locations/ca/".into())
        });
        assert_eq!((v[0].kind, v[0].name.as_str(), v[0].countries.len()), ("region", "EU", 27));
        assert_eq!((v[1].kind, v[1].name.as_str()), ("country", "Canada"));
        assert_eq!(v[1].path.as_deref(), Some("/locations/ca/"));
    }

    #[test]
    fn german_names_regions_and_their_countries_alphabetically() {
        let de = crate::i18n::Strings::new("de", &Default::default());
        let v = open_to(&remote(&["EEA", "US"]), &de, &|_| None);
        assert_eq!((v[0].name.as_str(), v[1].name.as_str()), ("EWR", "Vereinigte Staaten"));
        let names: Vec<&str> = v[0].countries.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(&names[..3], ["Belgien", "Bulgarien", "Dänemark"]);
        let at = names.iter().position(|n| *n == "Österreich").unwrap();
        assert_eq!((names[at - 1], names[at + 1]), ("Norwegen", "Polen"));
    }
}
