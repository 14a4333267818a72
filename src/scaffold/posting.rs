//! `vacancy new "Title"`: a posting file that builds at once, as a draft.
//!
//! A posting needs a location and an apply address before the build accepts it, and the
//! build validates drafts too. So the new file gets the values given as flags and, for
//! the rest, placeholders that pass validation, each marked `TODO`, plus `draft: true` so
//! the placeholders can never go live: the build stays green while the posting is
//! written, and deleting the `draft` line publishes it. Before anything is written, the
//! file is parsed exactly as the build parses it, so every flag meets the build's rules.

use super::emit::{self, commented as line};
use super::posting_flags::{self, ArgError, Given};
use super::shown;
use crate::build::Failure;
use crate::cli::NewArgs;
use crate::config::Config;
use crate::content::fields::EmploymentType;
use crate::content::{self, JOBS_DIR, front_matter};
use crate::dates::{When, resolve_now};
use crate::diagnostic::did_you_mean;
use crate::site::urls::slugify;
use anyhow::Context;
use jiff::civil::Date;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The resolved values the template is filled with.
struct Fields {
    title: String,
    category: String,
    /// The accepted category keys, when config.yaml lists them.
    categories: Option<Vec<String>>,
    category_given: bool,
    employment_type: EmploymentType,
    employment_type_given: bool,
    company: Option<String>,
    organization: Option<String>,
    posted: Date,
    require_salary: bool,
}

/// Runs `vacancy new`.
pub fn run(args: &NewArgs) -> Result<ExitCode, Failure> {
    let root = &args.root;
    let config = crate::build::read_config(root, None)?;
    let mut errors = Vec::new();
    let fields = resolve(args, &config, &company_keys(root), &mut errors);
    let given = posting_flags::read(args, &mut errors);
    let text = template(&fields, &given);
    let slug = free_slug(root, &slugify(&fields.title));
    let rel = PathBuf::from(JOBS_DIR).join(format!("{slug}.md"));
    let warnings = as_the_build_reads_it(args, &rel, &text, &config, &mut errors);
    if !errors.is_empty() {
        for e in errors {
            eprintln!("error: {}: {}\n  help: {}", e.flag, e.message, e.help);
        }
        return Ok(ExitCode::from(1));
    }
    for w in warnings {
        eprintln!("warning: {}: {}\n  help: {}", w.flag, w.message, w.help);
    }
    create(&root.join(&rel), &text)?;
    println!("{}", shown(root, &rel).display());
    crate::term::info(
        "Wrote a draft posting. Fill in the TODOs and preview it with `vacancy serve`;\n\
         then delete the `draft: true` line to publish it (`vacancy check` lists what is left).",
    );
    Ok(ExitCode::SUCCESS)
}

/// Parses the new file with the build's own parser and turns its diagnostics into flag
/// mistakes: errors are added to `errors`, and warnings about given flags are returned.
fn as_the_build_reads_it(
    args: &NewArgs,
    rel: &Path,
    text: &str,
    config: &Config,
    errors: &mut Vec<ArgError>,
) -> Vec<ArgError> {
    let (companies, _) = content::load_companies_only(&args.root, config);
    let cx = content::posting::Context { config, companies: &companies };
    let (_, diagnostics) = content::posting::parse(rel, text.as_bytes(), &cx);
    let mut warnings = Vec::new();
    for d in diagnostics {
        let flag = posting_flags::flag_for(d.field.as_deref().unwrap_or(""));
        // These flags were checked before and, when wrong, replaced by a stand-in or left
        // out (a company the site lacks): the build would only repeat the mistake.
        let resolved = ["title", "--category", "--company", "--type", "--now", "--hybrid"];
        if d.is_error() && resolved.contains(&flag) && errors.iter().any(|e| e.flag == flag) {
            continue;
        }
        let help = d.help.clone().unwrap_or_else(|| posting_flags::example_for(flag).to_string());
        let e = ArgError::new(flag, d.message.clone(), help);
        if d.is_error() {
            errors.push(e);
        } else if posting_flags::was_given(args, flag) {
            // A warning about a placeholder is noise: its TODO already says to replace it.
            warnings.push(e);
        }
    }
    warnings
}

/// Company keys: the stems of `content/companies/*.yaml`, as the build reads them.
fn company_keys(root: &Path) -> Vec<String> {
    content::company_files(root)
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect()
}

/// Checks the flags that name things in the site, adding every mistake to `errors`. A
/// flag in error is replaced by a valid default, so the rest can still be checked.
fn resolve(args: &NewArgs, config: &Config, companies: &[String], errors: &mut Vec<ArgError>) -> Fields {
    let title = args.title.trim().to_string();
    if slugify(&title).is_empty() {
        errors.push(ArgError {
            flag: "title",
            message: format!("\"{title}\" has no letters or digits to name the file after"),
            help: "give the job title, e.g. vacancy new \"Senior Rust Engineer\"".into(),
        });
    }
    let categories: Option<Vec<String>> =
        config.categories.as_ref().map(|list| list.iter().map(|c| c.key.clone()).collect());
    let category = resolve_category(args.category.as_deref(), categories.as_deref()).unwrap_or_else(|e| {
        errors.push(e);
        resolve_category(None, categories.as_deref()).unwrap_or_default()
    });
    let employment_type = match args.employment_type.as_deref() {
        None => EmploymentType::FullTime,
        Some(t) => EmploymentType::parse(t).unwrap_or_else(|| {
            let keys: Vec<&str> = EmploymentType::ALL.iter().map(|t| t.key()).collect();
            errors.push(unknown("--type", "employment type", t, &keys, "accepted values"));
            EmploymentType::FullTime
        }),
    };
    let organization = config.organization.as_ref().map(|o| o.name.clone());
    let company = resolve_company(args.company.as_deref(), companies, organization.is_some())
        .map_err(|e| errors.push(e))
        .unwrap_or_default();
    let posted = posted_date(args.now.as_deref(), &config.timezone).map_err(|e| {
        errors.push(ArgError::new("--now", format!("{e:#}"), "use YYYY-MM-DD or an RFC 3339 date-time"));
    });
    Fields {
        title,
        category,
        categories,
        category_given: args.category.is_some(),
        employment_type,
        employment_type_given: args.employment_type.is_some(),
        company,
        organization,
        posted: posted
            .unwrap_or_else(|()| resolve_now(None).map(|n| n.date(&config.timezone)).unwrap_or_default()),
        require_salary: config.require_salary,
    }
}

/// The category to write: the flag's value if the site accepts it, else the first listed.
fn resolve_category(given: Option<&str>, keys: Option<&[String]>) -> Result<String, ArgError> {
    match (given, keys) {
        (Some(c), Some(keys)) if keys.iter().any(|k| k == c) => Ok(c.to_string()),
        (Some(c), Some(keys)) => {
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            Err(unknown("--category", "category", c, &keys, "categories in config.yaml"))
        }
        (Some(c), None) if !slugify(c).is_empty() => Ok(c.trim().to_string()),
        (Some(c), None) => Err(ArgError {
            flag: "--category",
            message: format!("\"{c}\" is not a category name"),
            help: "use a name with letters or digits, e.g. Engineering".into(),
        }),
        (None, Some(keys)) => Ok(keys.first().cloned().unwrap_or_else(|| "general".into())),
        (None, None) => Ok("general".into()),
    }
}

/// The company key to write, if any: it must name a company file, and it may only be left
/// out when config.yaml has an `organization` to fall back on.
fn resolve_company(
    given: Option<&str>,
    companies: &[String],
    has_organization: bool,
) -> Result<Option<String>, ArgError> {
    match given {
        Some(c) if companies.iter().any(|k| k == c) => Ok(Some(c.to_string())),
        Some(c) => {
            let keys: Vec<&str> = companies.iter().map(String::as_str).collect();
            Err(unknown("--company", "company", c, &keys, "files in content/companies/"))
        }
        None if has_organization => Ok(None),
        None => Err(ArgError {
            flag: "--company",
            message: "this site has no `organization` in config.yaml, so every posting names its company"
                .into(),
            help: if companies.is_empty() {
                "add `organization: {name: ..., url: ...}` to config.yaml, or a company file in content/companies/"
                    .into()
            } else {
                format!("pass --company with one of: {}", companies.join(", "))
            },
        }),
    }
}

/// "unknown category \"enginering\"" with a did-you-mean and the accepted values.
fn unknown(flag: &'static str, what: &str, value: &str, accepted: &[&str], listed: &str) -> ArgError {
    let list = if accepted.is_empty() { "none yet".to_string() } else { accepted.join(", ") };
    let help = match did_you_mean(value, accepted.iter().copied()) {
        Some(s) => format!("did you mean `{s}`? {listed}: {list}"),
        None => format!("{listed}: {list}"),
    };
    ArgError { flag, message: format!("unknown {what} \"{value}\""), help }
}

/// Today in the site's time zone, or `--now`. A plain date is taken as written: converting
/// it through midnight UTC would give the day before in the Americas.
fn posted_date(now: Option<&str>, tz: &jiff::tz::TimeZone) -> anyhow::Result<Date> {
    if let Some(Ok(When::Date(d))) = now.map(When::parse) {
        return Ok(d);
    }
    Ok(resolve_now(now)?.date(tz))
}

/// The first of `slug`, `slug-2`, `slug-3`… that no file in `content/jobs` uses as its
/// name, `slug:` or `id:` (a posting's id defaults to its slug, and both must be unique).
fn free_slug(root: &Path, slug: &str) -> String {
    let taken = taken_slugs(root);
    (1..)
        .map(|n| if n == 1 { slug.to_string() } else { format!("{slug}-{n}") })
        .find(|s| !taken.contains(s))
        .expect("some suffix is free")
}

/// Slugs and ids of the posting files the build reads.
fn taken_slugs(root: &Path) -> HashSet<String> {
    let mut taken = HashSet::new();
    for rel in content::posting_files(root) {
        if let Some(stem) = rel.file_stem() {
            taken.insert(slugify(&stem.to_string_lossy()));
        }
        if let Ok(text) = std::fs::read_to_string(root.join(&rel)) {
            taken.extend(declared_slugs(&text));
        }
    }
    taken
}

/// The `slug:` and `id:` values in a posting's front matter, if it has any.
fn declared_slugs(text: &str) -> Vec<String> {
    let Ok(parts) = front_matter::split(text) else { return Vec::new() };
    let Ok(serde_yaml::Value::Mapping(map)) = serde_yaml::from_str(parts.yaml) else {
        return Vec::new();
    };
    ["slug", "id"]
        .iter()
        .filter_map(|k| match map.get(*k)? {
            serde_yaml::Value::String(s) => Some(s.clone()),
            serde_yaml::Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .collect()
}

/// Writes a new file; never replaces one, even if it appeared since the slug was chosen.
fn create(path: &Path, text: &str) -> Result<(), Failure> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(text.as_bytes()).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// The posting file: the given fields, a `TODO` placeholder for each required one that
/// was not given, and every optional field as a comment that shows its format.
fn template(f: &Fields, given: &Given) -> String {
    let mut s = String::from("---\n");
    s.push_str(&emit::field("title", f.title.as_str().into()));
    match &given.summary {
        Some(summary) => s.push_str(&emit::field("summary", summary.as_str().into())),
        None => line(
            &mut s,
            "# summary: One sentence for listings and search results",
            "default: the first paragraph",
        ),
    }
    let category_note = match (&f.categories, f.category_given) {
        (Some(keys), true) => format!("one of: {}", keys.join(", ")),
        (Some(keys), false) => format!("TODO: one of: {}", keys.join(", ")),
        (None, true) => String::new(),
        (None, false) => "TODO: any name; postings are grouped by it".into(),
    };
    line(&mut s, &format!("category: {}", emit::scalar(&f.category)), &category_note);
    let types: Vec<&str> = EmploymentType::ALL.iter().map(|t| t.key()).collect();
    let todo = if f.employment_type_given { "" } else { "TODO: " };
    line(
        &mut s,
        &format!("employment_type: {}", f.employment_type.key()),
        &format!("{todo}or a list, e.g. [full-time, contract]; one of: {}", types.join(", ")),
    );
    match (&f.company, &f.organization) {
        (Some(c), _) => line(&mut s, &format!("company: {c}"), "a file in content/companies/"),
        (None, Some(org)) => line(
            &mut s,
            "# company: acme",
            &format!("a file in content/companies/ (default: {org}, the organization in config.yaml)"),
        ),
        (None, None) => {}
    }
    match &given.location {
        Some(location) => s.push_str(&emit::field("location", location.clone())),
        None => s.push_str(LOCATION),
    }
    match &given.salary {
        Some(salary) => s.push_str(&emit::field("salary", salary.clone())),
        None => {
            let note = if f.require_salary {
                "TODO: required on this site (`require_salary` in config.yaml)"
            } else {
                "period: hour, day, week, month or year"
            };
            line(&mut s, "# salary: {min: 120000, max: 150000, currency: USD, period: year}", note);
        }
    }
    line(&mut s, &format!("posted: {}", f.posted), "the day it goes live");
    match &given.closes {
        Some(closes) => s.push_str(&emit::field("closes", closes.as_str().into())),
        None => {
            let closes = f.posted.saturating_add(jiff::Span::new().months(2));
            line(
                &mut s,
                &format!("# closes: {closes}"),
                "the last day to apply; afterwards the posting expires",
            );
        }
    }
    match &given.apply {
        Some(apply) => s.push_str(&emit::field("apply", apply.as_str().into())),
        None => line(&mut s, "apply: jobs@example.com", "TODO: an https URL or an e-mail address"),
    }
    line(&mut s, "# direct_apply: true", "candidates apply on that page, without creating an account");
    match &given.tags {
        Some(tags) => s.push_str(&emit::field("tags", tags.clone())),
        None => line(&mut s, "# tags: [rust, backend]", ""),
    }
    s.push_str(OPTIONAL_FIELDS);
    s.push_str("---\n");
    s.push_str(BODY);
    s
}

const LOCATION: &str = "\
location:                        # TODO: where the work happens
  remote: true                   # TODO: remote: list the countries applicants may live in
  countries: [worldwide]         # TODO: codes such as [US, CA], or EU, EEA, Americas, APAC, EMEA, worldwide
  # places:                      # on site or hybrid: the offices (then drop remote and countries)
  #   - {city: Berlin, country: DE}
  # hybrid: true                 # with places: partly remote, partly in the office
";

const OPTIONAL_FIELDS: &str = "\
# id: ACME-2026-001              # your own reference, e.g. from an applicant tracking system (default: the slug)
# slug: senior-rust-engineer     # the URL: /jobs/<slug>/ (default: the file name)
# extra: {team: Platform}        # free-form data for your templates
draft: true                      # TODO: delete this line to publish
";

const BODY: &str = "\
TODO: one or two paragraphs about the role and the team: what they build, and why it matters.

## What you'll do

- TODO

## What we're looking for

- TODO

## Benefits

- TODO

## How to apply

TODO: the steps of your hiring process, and how long it takes.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_declared_slugs_and_ids() {
        let text = "---\ntitle: A\nslug: rust\nid: 2026001\n---\nBody\n";
        assert_eq!(declared_slugs(text), ["rust", "2026001"]);
        assert!(declared_slugs("no front matter").is_empty());
    }
}
