//! The value types of a posting's fields, each with its parser and its Google name.

use super::regions;
use serde::{Deserialize, Serialize};

/// `employment_type` values, in the order the docs list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EmploymentType {
    FullTime,
    PartTime,
    Contract,
    Temporary,
    Internship,
    Volunteer,
    PerDiem,
    Other,
}

impl EmploymentType {
    pub const ALL: [EmploymentType; 8] = [
        EmploymentType::FullTime,
        EmploymentType::PartTime,
        EmploymentType::Contract,
        EmploymentType::Temporary,
        EmploymentType::Internship,
        EmploymentType::Volunteer,
        EmploymentType::PerDiem,
        EmploymentType::Other,
    ];

    /// The front-matter spelling, also the URL key: `full-time`.
    pub fn key(self) -> &'static str {
        match self {
            EmploymentType::FullTime => "full-time",
            EmploymentType::PartTime => "part-time",
            EmploymentType::Contract => "contract",
            EmploymentType::Temporary => "temporary",
            EmploymentType::Internship => "internship",
            EmploymentType::Volunteer => "volunteer",
            EmploymentType::PerDiem => "per-diem",
            EmploymentType::Other => "other",
        }
    }

    /// Display text: "Full-time".
    pub fn label(self) -> &'static str {
        match self {
            EmploymentType::FullTime => "Full-time",
            EmploymentType::PartTime => "Part-time",
            EmploymentType::Contract => "Contract",
            EmploymentType::Temporary => "Temporary",
            EmploymentType::Internship => "Internship",
            EmploymentType::Volunteer => "Volunteer",
            EmploymentType::PerDiem => "Per diem",
            EmploymentType::Other => "Other",
        }
    }

    /// Google's `employmentType` value: `FULL_TIME`.
    pub fn schema(self) -> &'static str {
        match self {
            EmploymentType::FullTime => "FULL_TIME",
            EmploymentType::PartTime => "PART_TIME",
            EmploymentType::Contract => "CONTRACTOR",
            EmploymentType::Temporary => "TEMPORARY",
            EmploymentType::Internship => "INTERN",
            EmploymentType::Volunteer => "VOLUNTEER",
            EmploymentType::PerDiem => "PER_DIEM",
            EmploymentType::Other => "OTHER",
        }
    }

    /// Case-insensitive; `_` and `-` are interchangeable, and Google's names are accepted.
    pub fn parse(s: &str) -> Option<EmploymentType> {
        let norm = s.trim().to_ascii_lowercase().replace('_', "-");
        Self::ALL
            .into_iter()
            .find(|t| t.key() == norm || t.schema().to_ascii_lowercase().replace('_', "-") == norm)
    }
}

/// Salary periods, Google's `unitText`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Period {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl Period {
    pub const NAMES: [&'static str; 5] = ["hour", "day", "week", "month", "year"];

    pub fn parse(s: &str) -> Option<Period> {
        match s.trim().to_ascii_lowercase().as_str() {
            "hour" | "hourly" => Some(Period::Hour),
            "day" | "daily" => Some(Period::Day),
            "week" | "weekly" => Some(Period::Week),
            "month" | "monthly" => Some(Period::Month),
            "year" | "yearly" | "annual" => Some(Period::Year),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Google's `unitText`: `YEAR`.
    pub fn schema(self) -> &'static str {
        ["HOUR", "DAY", "WEEK", "MONTH", "YEAR"][self as usize]
    }
}

/// A validated salary: either a range (`min`, optional `max`) or a single `value`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Salary {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub value: Option<f64>,
    /// ISO 4217, upper case.
    pub currency: String,
    pub period: Period,
}

impl Salary {
    /// "USD 120,000 – 150,000 per year".
    pub fn label(&self) -> String {
        let amount = match (self.value, self.min, self.max) {
            (Some(v), _, _) => format_amount(v),
            (None, Some(min), Some(max)) => {
                format!("{} – {}", format_amount(min), format_amount(max))
            }
            (None, Some(min), None) => format!("from {}", format_amount(min)),
            (None, None, Some(max)) => format!("up to {}", format_amount(max)),
            (None, None, None) => String::new(),
        };
        format!("{} {} per {}", self.currency, amount, self.period.key())
    }
}

/// `120000` → "120,000"; `52.5` → "52.50".
pub fn format_amount(v: f64) -> String {
    let whole = v.trunc() as i64;
    let digits = whole.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 { "-" } else { "" };
    let cents = ((v.abs() - v.abs().trunc()) * 100.0).round() as i64;
    if cents == 0 { format!("{sign}{grouped}") } else { format!("{sign}{grouped}.{cents:02}") }
}

/// An ISO 3166-1 alpha-2 country, as its place in the sorted table of codes
/// ([`super::regions::ALPHA2`]): one byte, where a posting open to the EU lists 27
/// countries and a board holds every posting's (as two `&'static str`s, 32 bytes each,
/// they were about 40 MB at 100,000 postings of the benchmark board, 44 % of them open to
/// the EU).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Country(u8);

impl Country {
    /// The alpha-2 code, e.g. `DE`.
    pub fn code(self) -> &'static str {
        super::regions::ALPHA2[usize::from(self.0)]
    }

    /// The English ISO name, for the language-neutral outputs (JSON-LD). Pages show the
    /// name in the site's language instead: [`crate::i18n::Strings::country`].
    pub fn name(self) -> &'static str {
        let iso = rust_iso3166::from_alpha2(self.code()).expect("every code in the table is ISO's (tested)");
        short_country_name(iso.name)
    }
}

impl std::fmt::Debug for Country {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Written as its code and name, as templates and the posting cache read it.
impl Serialize for Country {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Country", 2)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("name", self.name())?;
        st.end()
    }
}

/// Read back (from the posting cache) by its code, looked up again in the table.
impl<'de> Deserialize<'de> for Country {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Country, D::Error> {
        #[derive(Deserialize)]
        struct Written {
            code: String,
            #[allow(dead_code)]
            name: String,
        }
        let written = Written::deserialize(d)?;
        country(&written.code)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown country code {}", written.code)))
    }
}

/// Looks up an alpha-2 code, case-insensitively.
pub fn country(code: &str) -> Option<Country> {
    let upper = code.trim().to_ascii_uppercase();
    let index = super::regions::ALPHA2.binary_search(&upper.as_str()).ok()?;
    Some(Country(u8::try_from(index).expect("ISO 3166-1 has fewer than 256 codes")))
}

/// ISO names can be long ("United Kingdom of Great Britain and Northern Ireland"); pages
/// use the common short form for a few well-known ones.
fn short_country_name(name: &'static str) -> &'static str {
    let short = match name {
        "United Kingdom of Great Britain and Northern Ireland" => "United Kingdom",
        "United States of America" => "United States",
        "Korea, Republic of" => "South Korea",
        "Russian Federation" => "Russia",
        "Netherlands, Kingdom of the" => "Netherlands",
        "Taiwan, Province of China" => "Taiwan",
        "Viet Nam" => "Vietnam",
        "Iran, Islamic Republic of" => "Iran",
        "Bolivia, Plurinational State of" => "Bolivia",
        "Venezuela, Bolivarian Republic of" => "Venezuela",
        "Tanzania, United Republic of" => "Tanzania",
        "Moldova, Republic of" => "Moldova",
        "Czechia" => "Czechia",
        other => other,
    };
    short.trim_end_matches(" (the)")
}

/// What a `countries` entry may be: a country code or a region name.
pub enum CountryEntry {
    Country(Country),
    Region(&'static [&'static str]),
}

pub fn country_entry(s: &str) -> Option<CountryEntry> {
    if let Some(codes) = regions::expand(s) {
        return Some(CountryEntry::Region(codes));
    }
    country(s).map(CountryEntry::Country)
}

/// Checks an ISO 4217 code, case-insensitively; returns it in upper case.
pub fn currency(s: &str) -> Option<String> {
    let upper = s.trim().to_ascii_uppercase();
    iso_currency::Currency::from_code(&upper).map(|_| upper)
}

/// How candidates apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Apply {
    Url(String),
    Email(String),
}

impl Apply {
    /// An http(s) URL, or an e-mail address (optionally written as `mailto:`). Other
    /// schemes (`javascript:`, `ftp:`) are refused: the link ends up in an `href`.
    pub fn parse(s: &str) -> Result<Apply, String> {
        let s = s.trim();
        if let Some(addr) = s.strip_prefix("mailto:") {
            return if is_email(addr) {
                Ok(Apply::Email(addr.to_string()))
            } else {
                Err(format!("\"{s}\" is not a valid e-mail address"))
            };
        }
        if is_email(s) {
            return Ok(Apply::Email(s.to_string()));
        }
        match url::Url::parse(s) {
            Ok(u) if matches!(u.scheme(), "https" | "http") && u.host().is_some() => {
                Ok(Apply::Url(s.to_string()))
            }
            Ok(u) if !matches!(u.scheme(), "https" | "http") => {
                Err(format!("\"{s}\" is not an https URL: links with `{}:` are not accepted", u.scheme()))
            }
            _ => Err(format!("\"{s}\" is neither an https URL nor an e-mail address")),
        }
    }

    /// True for a plain `http://` link: it works, but candidates' data travels unencrypted.
    pub fn is_insecure(&self) -> bool {
        matches!(self, Apply::Url(u) if u.starts_with("http:"))
    }

    /// The apply link's host name or e-mail domain, lower case.
    pub fn domain(&self) -> Option<String> {
        match self {
            Apply::Url(u) => url::Url::parse(u).ok()?.host_str().map(str::to_ascii_lowercase),
            Apply::Email(e) => e.rsplit_once('@').map(|(_, d)| d.to_ascii_lowercase()),
        }
    }

    pub fn href(&self) -> String {
        match self {
            Apply::Url(u) => u.clone(),
            Apply::Email(e) => format!("mailto:{e}"),
        }
    }
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !s.contains(char::is_whitespace)
        && !s.contains(['<', '>', '"', '(', ')', ',', ';', ':', '/'])
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_country_is_read_back_by_its_code() {
        let gb = country(" gb").unwrap();
        assert_eq!((gb.code(), gb.name()), ("GB", "United Kingdom"));
        let bytes = postcard::to_stdvec(&gb).unwrap();
        assert_eq!(postcard::from_bytes::<Country>(&bytes).unwrap(), gb);
        let json = serde_json::to_value(gb).unwrap();
        assert_eq!(json, serde_json::json!({"code": "GB", "name": "United Kingdom"}), "templates see both");
        let unknown = postcard::to_stdvec(&("ZZ", "Nowhere")).unwrap();
        assert!(
            postcard::from_bytes::<Country>(&unknown).is_err(),
            "a code no longer in the table is a cache miss"
        );
    }

    #[test]
    fn every_code_in_the_table_is_a_country_of_one_byte() {
        assert_eq!(std::mem::size_of::<Country>(), 1);
        for code in super::super::regions::ALPHA2 {
            let c = country(&code.to_lowercase()).unwrap();
            assert_eq!(c.code(), *code);
            assert!(!c.name().is_empty(), "{code}");
        }
        assert_eq!(country("DE").unwrap().name(), "Germany");
        assert_eq!(country("XX"), None);
        assert!(country("AT").unwrap() < country("DE").unwrap(), "ordered by code");
    }

    #[test]
    fn employment_types_accept_our_and_googles_spellings() {
        assert_eq!(EmploymentType::parse("FULL_TIME"), Some(EmploymentType::FullTime));
        assert_eq!(EmploymentType::parse("Part-Time"), Some(EmploymentType::PartTime));
        assert_eq!(EmploymentType::parse("contractor"), Some(EmploymentType::Contract));
        assert_eq!(EmploymentType::parse("per_diem"), Some(EmploymentType::PerDiem));
        assert_eq!(EmploymentType::parse("fulltime"), None);
        assert_eq!(EmploymentType::Internship.schema(), "INTERN");
    }

    #[test]
    fn salary_labels() {
        let s = Salary {
            min: Some(120000.0),
            max: Some(150000.0),
            value: None,
            currency: "USD".into(),
            period: Period::Year,
        };
        assert_eq!(s.label(), "USD 120,000 – 150,000 per year");
        let h =
            Salary { min: None, max: None, value: Some(52.5), currency: "EUR".into(), period: Period::Hour };
        assert_eq!(h.label(), "EUR 52.50 per hour");
        assert_eq!(format_amount(1000000.0), "1,000,000");
        assert_eq!(format_amount(999.0), "999");
    }

    #[test]
    fn countries_currencies_and_regions() {
        assert_eq!(country("de").unwrap().name(), "Germany");
        assert_eq!(country("GB").unwrap().name(), "United Kingdom");
        assert!(country("XX").is_none());
        assert_eq!(currency("usd").as_deref(), Some("USD"));
        assert!(currency("USX").is_none());
        assert!(matches!(country_entry("EU"), Some(CountryEntry::Region(c)) if c.len() == 27));
    }

    #[test]
    fn apply_accepts_http_urls_and_email_only() {
        assert_eq!(Apply::parse("jobs@acme.example").unwrap().href(), "mailto:jobs@acme.example");
        assert_eq!(
            Apply::parse("mailto:jobs@acme.example").unwrap(),
            Apply::Email("jobs@acme.example".into())
        );
        assert!(matches!(Apply::parse("https://acme.example/apply"), Ok(Apply::Url(_))));
        let http = Apply::parse("http://acme.example/jobs").unwrap();
        assert!(http.is_insecure());
        assert!(!Apply::parse("https://acme.example/jobs").unwrap().is_insecure());
        assert_eq!(
            Apply::parse("javascript:alert(1)").unwrap_err(),
            "\"javascript:alert(1)\" is not an https URL: links with `javascript:` are not accepted"
        );
        assert_eq!(
            Apply::parse("mailto:x@Jobs.Example").map(|a| a.domain()),
            Ok(Some("jobs.example".into()))
        );
        assert_eq!(http.domain().as_deref(), Some("acme.example"));
        assert!(Apply::parse("call us").is_err());
        assert!(Apply::parse("a@b").is_err());
    }
}
