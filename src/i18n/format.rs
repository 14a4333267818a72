//! Dates, amounts and labels in the build's language. Digit grouping and decimal marks
//! come from `num-format`'s CLDR locale data; words (month names, "per year", the order
//! of amount and currency) come from the string table, so a site can change them too.

use super::Strings;
use crate::content::fields::{EmploymentType, Salary};
use crate::content::posting::{Location, Place};
use jiff::civil::Date;
use num_format::{Locale, ToFormattedString};

/// The CLDR locale for the shipped table's numbers: `1.600` in German, `1,600` in English.
fn locale(strings: &Strings) -> Locale {
    match strings.base {
        "de" => Locale::de,
        _ => Locale::en,
    }
}

/// `120000` → "120,000" (English) or "120.000" (German); cents only when there are any.
pub fn amount(v: f64, strings: &Strings) -> String {
    let loc = locale(strings);
    let whole = (v.abs().trunc() as u64).to_formatted_string(&loc);
    let sign = if v < 0.0 { loc.minus_sign() } else { "" };
    let cents = ((v.abs() - v.abs().trunc()) * 100.0).round() as u64;
    if cents == 0 { format!("{sign}{whole}") } else { format!("{sign}{whole}{}{cents:02}", loc.decimal()) }
}

/// An integer with the language's digit grouping: counts on listing pages.
pub fn count(n: usize, strings: &Strings) -> String {
    n.to_formatted_string(&locale(strings))
}

/// "EUR 120,000 – 150,000 per year", "120.000 – 150.000 € pro Jahr".
pub fn salary(s: &Salary, strings: &Strings) -> String {
    let a = |v: f64| amount(v, strings);
    let amounts = match (s.value, s.min, s.max) {
        (Some(v), _, _) => a(v),
        (None, Some(min), Some(max)) => strings.fill("salary_range", &[("min", &a(min)), ("max", &a(max))]),
        (None, Some(min), None) => strings.fill("salary_from", &[("amount", &a(min))]),
        (None, None, Some(max)) => strings.fill("salary_up_to", &[("amount", &a(max))]),
        (None, None, None) => String::new(),
    };
    let symbol = symbol(&s.currency);
    let period = strings.get(&format!("period_{}", s.period.key())).to_string();
    strings.fill(
        "salary_format",
        &[("code", &s.currency), ("symbol", &symbol), ("amount", &amounts), ("period", &period)],
    )
}

/// A currency's symbol: "€", "$" (for USD only; other dollars as CLDR writes them, "CA$"),
/// the code itself when there is no symbol.
fn symbol(code: &str) -> String {
    let sym = iso_currency::Currency::from_code(code).map_or(code.to_string(), |c| c.symbol().to_string());
    match sym.as_str() {
        "$" if code != "USD" => format!("{}$", &code[..2]),
        _ => sym,
    }
}

/// "Full-time", "Vollzeit".
pub fn employment_type(t: EmploymentType, strings: &Strings) -> String {
    strings.get(&format!("type_{}", t.key().replace('-', "_"))).to_string()
}

/// "Remote (US, CA)", "Remote (Anywhere)", "Berlin, DE (hybrid)", "Berlin, DE · Paris, FR".
pub fn location(l: &Location, strings: &Strings) -> String {
    let mut parts = Vec::new();
    if l.remote {
        let terms = if l.country_terms.contains(&"worldwide") {
            strings.get("anywhere").to_string()
        } else {
            // Codes stay codes ("US"); regions read in the language ("EWR").
            let short: Vec<String> = l
                .country_terms
                .iter()
                .map(|t| if t.len() == 2 { t.to_string() } else { strings.area(t) })
                .collect();
            short.join(", ")
        };
        parts.push(strings.fill("remote_in", &[("where", &terms)]));
    }
    if !l.places.is_empty() {
        let places: Vec<String> = l.places.iter().map(|p| place(p, strings)).collect();
        let mut s = places.join(" · ");
        if l.hybrid {
            s.push_str(strings.get("hybrid_suffix"));
        }
        parts.push(s);
    }
    parts.join(" · ")
}

/// "Berlin, DE", or the country's name in the language when no city is given ("Österreich").
pub fn place(p: &Place, strings: &Strings) -> String {
    match &p.city {
        Some(city) => format!("{city}, {}", p.country.code()),
        None => strings.country(p.country.code()).to_string(),
    }
}

/// "20 Nov 2026", "20. November 2026": `date_format` with the table's month names.
pub fn date(d: Date, strings: &Strings) -> String {
    let month = |key: &str| {
        let names: Vec<&str> = strings.get(key).split(',').map(str::trim).collect();
        names.get(d.month() as usize - 1).copied().unwrap_or_default().to_string()
    };
    strings.fill(
        "date_format",
        &[
            ("day", &d.day().to_string()),
            ("month_short", &month("months_short")),
            ("month", &month("months")),
            ("year", &d.year().to_string()),
        ],
    )
}

/// A site's override of `key` that would break a format: month lists need twelve names.
pub fn check_override(key: &str, text: &str) -> Result<(), String> {
    let n = text.split(',').count();
    if matches!(key, "months" | "months_short") && n != 12 {
        return Err(format!("needs 12 month names separated by commas, found {n}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::fields::Period;
    use std::collections::BTreeMap;

    fn de() -> Strings {
        Strings::new("de", &BTreeMap::new())
    }

    fn eur(min: f64, max: Option<f64>, period: Period) -> Salary {
        Salary { min: Some(min), max, value: None, currency: "EUR".into(), period }
    }

    #[test]
    fn salaries_follow_the_language() {
        let en = Strings::english();
        assert_eq!(salary(&eur(1600.0, None, Period::Month), &en), "EUR from 1,600 per month");
        assert_eq!(salary(&eur(60000.0, Some(80000.0), Period::Year), &en), "EUR 60,000 – 80,000 per year");
        assert_eq!(salary(&eur(60000.0, Some(80000.0), Period::Year), &de()), "60.000 – 80.000 € pro Jahr");
        assert_eq!(salary(&eur(52.5, Some(60.0), Period::Hour), &de()), "52,50 – 60 € pro Stunde");
    }

    #[test]
    fn dollars_other_than_us_keep_their_country() {
        let cad = Salary { currency: "CAD".into(), ..eur(85.0, Some(100.0), Period::Hour) };
        assert_eq!(salary(&cad, &de()), "85 – 100 CA$ pro Stunde");
        let usd = Salary { currency: "USD".into(), ..eur(85.0, None, Period::Hour) };
        assert_eq!(salary(&usd, &de()), "ab 85 $ pro Stunde");
    }

    #[test]
    fn dates_and_counts_follow_the_language() {
        let d = Date::new(2026, 11, 20).unwrap();
        assert_eq!(date(d, &Strings::english()), "20 Nov 2026");
        assert_eq!(date(d, &de()), "20. November 2026");
        assert_eq!(date(Date::new(2026, 3, 1).unwrap(), &de()), "1. März 2026");
        assert_eq!(count(2000, &de()), "2.000");
        assert_eq!(count(2000, &Strings::english()), "2,000");
    }

    #[test]
    fn locations_name_regions_and_countries_in_the_language() {
        let country = |c: &str| crate::content::fields::country(c).unwrap();
        let l = Location {
            remote: true,
            hybrid: true,
            countries: Vec::new(),
            country_terms: vec!["US", "EEA"],
            places: vec![
                Place { city: None, region: None, country: country("AT"), postal_code: None, street: None },
                Place {
                    city: Some("Berlin".into()),
                    region: None,
                    country: country("DE"),
                    postal_code: None,
                    street: None,
                },
            ],
        };
        assert_eq!(location(&l, &de()), "Remote (US, EWR) · Österreich · Berlin, DE (hybrid)");
        assert_eq!(location(&l, &Strings::english()), "Remote (US, EEA) · Austria · Berlin, DE (hybrid)");
    }

    #[test]
    fn month_lists_must_have_twelve_names() {
        assert!(check_override("months", "Jan, Feb").unwrap_err().contains("found 2"));
        assert!(check_override("months_short", "a,b,c,d,e,f,g,h,i,j,k,l").is_ok());
        assert!(check_override("apply_now", "x").is_ok());
    }
}
