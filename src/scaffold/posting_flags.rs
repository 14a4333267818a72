//! The `vacancy new` flags that fill in a posting's location, pay, application and dates,
//! turned into front-matter values.
//!
//! This module reads only the flags' own syntax ("Berlin, DE", "120k-150k"). Whether a
//! country, currency, date or apply address is acceptable is decided by the build's
//! posting parser, which `new` runs on the finished file; `flag_for` then names the flag
//! behind each of its diagnostics. So `new` can never accept what the build rejects.

use crate::cli::NewArgs;
use serde_yaml::{Mapping, Value};

/// A mistake in the command's arguments: which flag, what is wrong, how to fix it.
pub struct ArgError {
    pub flag: &'static str,
    pub message: String,
    pub help: String,
}

impl ArgError {
    pub fn new(flag: &'static str, message: impl Into<String>, help: impl Into<String>) -> Self {
        ArgError { flag, message: message.into(), help: help.into() }
    }
}

/// Front-matter values given as flags; `None` keeps the template's `TODO` placeholder.
#[derive(Default)]
pub struct Given {
    pub location: Option<Value>,
    pub salary: Option<Value>,
    pub apply: Option<String>,
    pub closes: Option<String>,
    pub summary: Option<String>,
    pub tags: Option<Value>,
}

/// Reads the flags, adding a mistake for each one that cannot be read.
pub fn read(args: &NewArgs, errors: &mut Vec<ArgError>) -> Given {
    let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    let tags: Vec<Value> = args
        .tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(|t| Value::String(t.into()))
        .collect();
    Given {
        location: location(args, errors),
        salary: salary(args, errors),
        apply: text(&args.apply),
        closes: text(&args.closes),
        summary: text(&args.summary),
        tags: (!tags.is_empty()).then_some(Value::Sequence(tags)),
    }
}

fn location(args: &NewArgs, errors: &mut Vec<ArgError>) -> Option<Value> {
    if args.hybrid && args.place.is_empty() {
        errors.push(ArgError::new(
            "--hybrid",
            "a hybrid posting needs the offices to work from",
            "add them with --place, e.g. --hybrid --place \"Berlin, DE\"",
        ));
    }
    if args.place.is_empty() && args.remote.is_empty() {
        return None;
    }
    let mut map = Mapping::new();
    if !args.remote.is_empty() {
        let countries: Vec<Value> = args
            .remote
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .map(|c| Value::String(c.into()))
            .collect();
        if countries.is_empty() {
            errors.push(ArgError::new(
                "--remote",
                "names no country",
                "list where applicants may live, e.g. --remote US,CA or --remote EU or --remote worldwide",
            ));
        }
        map.insert("remote".into(), Value::Bool(true));
        map.insert("countries".into(), Value::Sequence(countries));
    }
    let places: Vec<Value> = args.place.iter().filter_map(|p| place(p, errors)).collect();
    if !places.is_empty() {
        map.insert("places".into(), Value::Sequence(places));
    }
    if args.hybrid {
        map.insert("hybrid".into(), Value::Bool(true));
    }
    Some(Value::Mapping(map))
}

/// "Berlin, DE" → `{city: Berlin, country: DE}`; "Austin, TX, US" adds a region; "DE" is a
/// country alone.
fn place(s: &str, errors: &mut Vec<ArgError>) -> Option<Value> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        errors.push(ArgError::new(
            "--place",
            format!("\"{s}\" is not \"City, COUNTRY\""),
            "e.g. --place \"Berlin, DE\" or --place \"Austin, TX, US\", with an ISO 3166-1 country code",
        ));
        return None;
    }
    let mut map = Mapping::new();
    let (country, rest) = parts.split_last()?;
    for (key, value) in ["city", "region"].into_iter().zip(rest) {
        map.insert(key.into(), Value::String((*value).into()));
    }
    map.insert("country".into(), Value::String((*country).into()));
    Some(Value::Mapping(map))
}

fn salary(args: &NewArgs, errors: &mut Vec<ArgError>) -> Option<Value> {
    let Some(text) = args.salary.as_deref() else {
        for (flag, v) in [("--currency", &args.currency), ("--period", &args.period)] {
            if v.is_some() {
                errors.push(ArgError::new(
                    flag,
                    "only applies with --salary",
                    "add the amount, e.g. --salary 120000-150000 --currency USD --period year",
                ));
            }
        }
        return None;
    };
    let Some(amounts) = amounts(text) else {
        errors.push(ArgError::new(
            "--salary",
            format!("\"{text}\" is not an amount or a range"),
            "e.g. --salary 120000-150000, --salary 120k-150k or --salary 52.50",
        ));
        return None;
    };
    let Some(currency) = args.currency.as_deref() else {
        errors.push(ArgError::new(
            "--salary",
            "needs the currency it is paid in",
            "add --currency with an ISO 4217 code, e.g. --currency USD",
        ));
        return None;
    };
    let mut map = Mapping::new();
    match amounts {
        (min, Some(max)) => {
            map.insert("min".into(), number(min));
            map.insert("max".into(), number(max));
        }
        (value, None) => {
            map.insert("value".into(), number(value));
        }
    }
    map.insert("currency".into(), Value::String(currency.trim().to_ascii_uppercase()));
    map.insert("period".into(), Value::String(args.period.as_deref().unwrap_or("year").trim().into()));
    Some(Value::Mapping(map))
}

/// "120000-150000" → (120000, Some(150000)); "52.5" → (52.5, None). Accepts `_` and `,`
/// between thousands and a `k` for thousands, as people write pay.
fn amounts(s: &str) -> Option<(f64, Option<f64>)> {
    let s = s.trim();
    match s.split_once(['-', '–']) {
        Some((min, max)) if !min.trim().is_empty() => Some((amount(min)?, Some(amount(max)?))),
        Some(_) => None,
        None => Some((amount(s)?, None)),
    }
}

fn amount(s: &str) -> Option<f64> {
    let s = s.trim().replace(['_', ','], "").to_ascii_lowercase();
    let (digits, factor) = match s.strip_suffix('k') {
        Some(d) => (d, 1000.0),
        None => (s.as_str(), 1.0),
    };
    let v: f64 = digits.trim().parse().ok()?;
    (v.is_finite() && !digits.trim().is_empty()).then_some(v * factor)
}

/// Whole amounts as YAML integers (`120000`, not `120000.0`).
fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        Value::Number((v as i64).into())
    } else {
        Value::Number(v.into())
    }
}

/// The flag behind a front-matter field, for the build's diagnostics on the new file.
pub fn flag_for(field: &str) -> &'static str {
    let under =
        |p: &str| field == p || field.starts_with(&format!("{p}.")) || field.starts_with(&format!("{p}["));
    match () {
        _ if under("location.countries") => "--remote",
        _ if under("location.places") => "--place",
        _ if under("location.hybrid") => "--hybrid",
        _ if under("location") => "--place/--remote",
        _ if under("salary.currency") => "--currency",
        _ if under("salary.period") => "--period",
        _ if under("salary") => "--salary",
        _ if under("apply") => "--apply",
        _ if under("closes") => "--closes",
        _ if under("summary") => "--summary",
        _ if under("tags") => "--tags",
        _ if under("category") => "--category",
        _ if under("company") => "--company",
        _ if under("employment_type") => "--type",
        _ if under("posted") => "--now",
        _ if under("title") => "title",
        _ => "the new posting",
    }
}

/// True if the user gave `flag` (as `flag_for` names it), rather than the template.
pub fn was_given(args: &NewArgs, flag: &str) -> bool {
    match flag {
        "--remote" => !args.remote.is_empty(),
        "--place" => !args.place.is_empty(),
        "--hybrid" => args.hybrid,
        "--place/--remote" => !args.place.is_empty() || !args.remote.is_empty(),
        "--salary" | "--currency" | "--period" => args.salary.is_some(),
        "--apply" => args.apply.is_some(),
        "--closes" => args.closes.is_some(),
        "--summary" => args.summary.is_some(),
        "--tags" => !args.tags.is_empty(),
        "--category" => args.category.is_some(),
        "--company" => args.company.is_some(),
        "--type" => args.employment_type.is_some(),
        "--now" => args.now.is_some(),
        _ => true,
    }
}

/// A help line for a flag, when the build's diagnostic has none.
pub fn example_for(flag: &str) -> &'static str {
    match flag {
        "--remote" => "e.g. --remote US,CA, --remote EU or --remote worldwide",
        "--place" | "--hybrid" | "--place/--remote" => "e.g. --place \"Berlin, DE\" or --remote US,CA",
        "--salary" | "--currency" | "--period" => "e.g. --salary 120000-150000 --currency USD --period year",
        "--apply" => {
            "an https URL or an e-mail address, e.g. --apply https://acme.com/jobs/42 or --apply jobs@acme.com"
        }
        "--closes" => "the last day to apply, as YYYY-MM-DD, on or after the posting date",
        _ => "see vacancy new --help",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_amounts_as_people_write_pay() {
        assert_eq!(amounts("120000-150000"), Some((120000.0, Some(150000.0))));
        assert_eq!(amounts("120k – 150k"), Some((120000.0, Some(150000.0))));
        assert_eq!(amounts("120,000"), Some((120000.0, None)));
        assert_eq!(amounts("52.50"), Some((52.5, None)));
        assert_eq!(amounts("-5"), None);
        assert_eq!(amounts("lots"), None);
        assert_eq!(amounts("k"), None);
        assert_eq!(number(120000.0), Value::Number(120000.into()));
    }

    #[test]
    fn names_the_flag_behind_each_field() {
        assert_eq!(flag_for("location.countries[1]"), "--remote");
        assert_eq!(flag_for("location.places[0].country"), "--place");
        assert_eq!(flag_for("salary.currency"), "--currency");
        assert_eq!(flag_for("salary.min"), "--salary");
        assert_eq!(flag_for("apply"), "--apply");
        assert_eq!(flag_for("closes"), "--closes");
        assert_eq!(flag_for("title"), "title");
        assert_eq!(flag_for(""), "the new posting");
    }

    fn new_args(flags: &[&str]) -> NewArgs {
        use clap::Parser;
        let argv = ["vacancy", "new", "Title"].iter().chain(flags);
        match crate::cli::Cli::try_parse_from(argv).unwrap().command {
            crate::cli::Command::New(args) => *args,
            _ => unreachable!(),
        }
    }

    #[test]
    fn tells_given_flags_from_placeholders() {
        let args = new_args(&["--apply", "https://acme.com/jobs/1", "--remote", "US,CA", "--salary", "5"]);
        assert_eq!(args.remote, ["US", "CA"]);
        assert!(was_given(&args, "--apply"));
        assert!(was_given(&args, "--remote"));
        assert!(was_given(&args, "--currency"), "salary.currency comes from the --salary group");
        assert!(!was_given(&args, "--place"));
        assert!(!was_given(&args, "--closes"));
        assert!(!was_given(&new_args(&[]), "--apply"));
    }

    #[test]
    fn reads_places() {
        let mut errors = Vec::new();
        let v = place("Austin, TX, US", &mut errors).unwrap();
        assert_eq!(v, serde_yaml::from_str::<Value>("{city: Austin, region: TX, country: US}").unwrap());
        assert_eq!(place("DE", &mut errors).unwrap()["country"].as_str(), Some("DE"));
        assert!(place("Berlin,", &mut errors).is_none());
        assert_eq!(errors.len(), 1);
    }
}
