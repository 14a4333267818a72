//! What `build` and `check` accept and report beyond single bad files (those are in
//! `invalid.rs`): placeholder markers in postings `vacancy new` wrote, example data left
//! in a site, http apply links, and single values where lists are accepted.

mod common;

use std::path::Path;

const CONFIG: &str = "\
title: Acme Jobs
base_url: https://jobs.acme.org/
organization: {name: Acme, url: https://acme.org}
categories:
  - {key: engineering, name: Engineering}
";

/// A posting applying through `apply`, with the rest of `fields` added.
fn job(apply: &str, fields: &str) -> String {
    format!(
        "---\ntitle: Rust Engineer\ncategory: engineering\nemployment_type: full-time\n\
         location: {{remote: true, countries: [US]}}\nposted: 2026-11-20\napply: {apply}\n{fields}---\n\
         We build route planning software.\n"
    )
}

fn site(config: &str, files: &[(String, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "config.yaml", config);
    for (rel, text) in files {
        write(dir.path(), rel, text);
    }
    dir
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `n` postings, `a.md`, `b.md`, …, all applying through `apply`.
fn postings(n: usize, apply: &str) -> Vec<(String, String)> {
    (0..n).map(|i| (format!("content/jobs/{}.md", (b'a' + i as u8) as char), job(apply, ""))).collect()
}

fn check(root: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", "--root", root.to_str().unwrap(), "--now", common::NOW];
    args.extend_from_slice(extra);
    common::vacancy(&args)
}

fn warnings(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.starts_with("warning: ")).collect()
}

#[test]
fn a_posting_from_new_with_draft_removed_fails_naming_every_todo_line() {
    let dir = site(CONFIG, &[]);
    let root = dir.path().to_str().unwrap();
    let out = common::vacancy(&["new", "Rust Engineer", "--root", root, "--now", "2026-11-20"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let rel = "content/jobs/rust-engineer.md";
    let path = dir.path().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    // `new` marks every placeholder; keep the draft line out, as an impatient user would.
    let todo_lines: Vec<usize> = text
        .lines()
        .filter(|l| !l.starts_with("draft:"))
        .enumerate()
        .filter(|(_, l)| l.split(|c: char| !c.is_alphanumeric()).any(|w| w == "TODO"))
        .map(|(i, _)| i + 1)
        .collect();
    assert!(todo_lines.len() >= 3, "{text}");
    let published: String =
        text.lines().filter(|l| !l.starts_with("draft:")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, published).unwrap();

    let out = common::build(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    let reported: Vec<usize> = err
        .lines()
        .filter(|l| l.contains("placeholder `TODO`"))
        .map(|l| l.split(':').nth(2).unwrap().parse().unwrap())
        .collect();
    assert_eq!(reported, todo_lines, "{err}");
    assert!(err.lines().any(|l| l.starts_with(&format!("error: {rel}:"))));
    assert!(!dir.path().join("public").exists());
}

#[test]
fn example_apply_domains_warn_one_by_one_when_few() {
    let mut files = postings(1, "https://jobs.example.com/1");
    files.push(("content/jobs/b.md".into(), job("hr@acme.example", "")));
    files.push(("content/jobs/c.md".into(), job("https://acme.org/jobs/3", "")));
    let dir = site(CONFIG, &files);
    let out = common::build(dir.path(), &[]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        warnings(&err),
        [
            "warning: content/jobs/a.md:7:8: apply: apply link on the reserved example domain jobs.example.com",
            "warning: content/jobs/b.md:7:8: apply: apply link on the reserved example domain acme.example",
        ]
    );
    assert!(
        err.contains("  help: example.com, .org, .net and `*.example` are reserved for examples"),
        "{err}"
    );
    assert_eq!(check(dir.path(), &[]).status.code(), Some(0));
    assert_eq!(check(dir.path(), &["--strict"]).status.code(), Some(1));
}

#[test]
fn many_example_apply_domains_collapse_into_one_line_with_a_count() {
    let dir = site(CONFIG, &postings(6, "https://example.net/apply"));
    let out = common::build(dir.path(), &[]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        warnings(&err),
        [
            "warning: content/jobs/a.md:7:8: apply: apply link on the reserved example domain example.net, and in 5 more postings"
        ]
    );
}

#[test]
fn a_demo_site_turns_the_example_domain_rule_off() {
    let config = format!("{CONFIG}check: {{allow_example_domains: true, min_words: 1}}\n");
    let dir = site(&config, &postings(2, "https://example.org/apply"));
    let out = check(dir.path(), &["--strict"]);
    assert_eq!(common::stderr(&out), "0 errors, 0 warnings in 2 postings\n");
}

#[test]
fn drafts_on_example_domains_warn_only_when_built() {
    let files = vec![("content/jobs/a.md".to_string(), job("https://example.com/x", "draft: true\n"))];
    let dir = site(CONFIG, &files);
    assert_eq!(warnings(&common::stderr(&common::build(dir.path(), &[]))), Vec::<&str>::new());
    let with_drafts = common::stderr(&common::build(dir.path(), &["--drafts"]));
    assert_eq!(warnings(&with_drafts).len(), 1, "{with_drafts}");
}

#[test]
fn an_http_apply_link_builds_with_a_warning() {
    let dir = site(CONFIG, &postings(1, "http://acme.org/apply"));
    let out = common::build(dir.path(), &[]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        warnings(&err),
        ["warning: content/jobs/a.md:7:8: apply: \"http://acme.org/apply\" uses http, not https"]
    );
    let page = std::fs::read_to_string(dir.path().join("public/jobs/a/index.html")).unwrap();
    assert!(page.contains("href=\"http://acme.org/apply\""), "the link is published as written");
    assert_eq!(check(dir.path(), &["--strict"]).status.code(), Some(1));
}

#[test]
fn a_single_value_is_accepted_wherever_a_list_is() {
    let files = vec![
        (
            "content/jobs/a.md".to_string(),
            job("https://acme.org/a", "tags: rust\n").replace("countries: [US]", "countries: worldwide"),
        ),
        (
            "content/jobs/b.md".to_string(),
            job("https://acme.org/b", "").replace(
                "location: {remote: true, countries: [US]}",
                "location:\n  places:\n    city: Berlin\n    country: DE",
            ),
        ),
    ];
    let config =
        CONFIG.replace("url: https://acme.org}", "url: https://acme.org, same_as: https://social.acme.org}");
    let dir = site(&config, &files);
    let out = common::build(dir.path(), &[]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    let a = std::fs::read_to_string(dir.path().join("public/jobs/a/index.html")).unwrap();
    assert!(a.contains("Remote (Anywhere)"), "{a}");
    assert!(a.contains(">rust<"), "the tag is listed");
    let b = std::fs::read_to_string(dir.path().join("public/jobs/b/index.html")).unwrap();
    assert!(b.contains("Berlin, DE"));
    let home = std::fs::read_to_string(dir.path().join("public/index.html")).unwrap();
    assert!(home.contains("\"https://social.acme.org\""), "same_as reaches the organization's JSON-LD");
}

#[test]
fn a_bad_single_value_is_located_at_its_line() {
    let files = vec![(
        "content/jobs/a.md".to_string(),
        job("https://acme.org/a", "").replace("countries: [US]", "countries: Mars"),
    )];
    let dir = site(CONFIG, &files);
    let out = common::build(dir.path(), &[]);
    let err = common::stderr(&out);
    assert!(
        err.starts_with(
            "error: content/jobs/a.md:5:37: location.countries[0]: unknown country code \"Mars\"\n"
        ),
        "{err}"
    );
}

#[test]
fn the_description_init_writes_is_a_warning_until_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let out = common::vacancy(&["init", root.to_str().unwrap()]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let config_path = root.join("config.yaml");
    let config = std::fs::read_to_string(&config_path).unwrap();
    let built = common::stderr(&common::build(&root, &[]));
    // While the line keeps init's TODO, the placeholder warning names it.
    assert!(
        built.contains("placeholder `TODO` still on 5 lines of config.yaml: title, base_url, description,"),
        "{built}"
    );
    assert!(!built.contains("still the example text"), "reported once: {built}");
    // With the TODO comment gone but the text untouched, the description itself is flagged.
    let line = config.lines().find(|l| l.starts_with("description:")).unwrap();
    let config = config.replace(line, line.split("  #").next().unwrap());
    std::fs::write(&config_path, &config).unwrap();
    let built = common::stderr(&common::build(&root, &[]));
    assert!(
        built.contains(
            "warning: config.yaml:14:14: description: still the example text that `vacancy init` wrote\n"
        ),
        "{built}"
    );
    let start = config.find("description:").unwrap();
    let end = start + config[start..].find("\n\n").unwrap();
    let own = format!("{}description: Open roles at Acme.{}", &config[..start], &config[end..]);
    std::fs::write(&config_path, own).unwrap();
    let built = common::stderr(&common::build(&root, &[]));
    assert!(!built.contains("description:"), "{built}");
}

#[test]
fn check_shows_a_postings_warnings_in_the_same_run_as_its_errors() {
    let files = vec![("content/jobs/a.md".to_string(), job("https://acme.org/a", "summary: TODO\n"))];
    let dir = site(CONFIG, &files);
    let out = check(dir.path(), &[]);
    let err = common::stderr(&out);
    let lines: Vec<&str> = err.lines().filter(|l| !l.starts_with("  help")).collect();
    assert_eq!(
        lines,
        [
            "error: content/jobs/a.md:8:10: placeholder `TODO` in a posting that is not a draft",
            "warning: content/jobs/a.md:10:1: description is short: 5 words (at least 80 expected)",
            "1 error, 1 warning in 1 posting",
        ]
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn config_errors_and_posting_errors_come_in_one_run() {
    let config = format!("{CONFIG}paginate: many\ntimezon: UTC\n");
    let files =
        vec![("content/jobs/a.md".to_string(), job("https://acme.org/a", "").replace("[US]", "[XX]"))];
    let dir = site(&config, &files);
    let expected = [
        "error: config.yaml:6:11: paginate: invalid type: string \"many\", expected usize",
        "error: config.yaml:7:1: timezon: unknown field",
        "error: content/jobs/a.md:5:38: location.countries[0]: unknown country code \"XX\"",
    ];
    let errors = |stderr: &str| -> Vec<String> {
        stderr.lines().filter(|l| l.starts_with("error: ")).map(str::to_string).collect()
    };
    let built = common::stderr(&common::build(dir.path(), &[]));
    assert_eq!(errors(&built), expected, "{built}");
    assert!(built.ends_with("3 errors found; nothing was written\n"), "{built}");
    let checked = common::stderr(&check(dir.path(), &[]));
    assert_eq!(errors(&checked), expected, "{checked}");
    assert!(
        checked.ends_with("3 errors, 0 warnings in 1 posting\n"),
        "check counts, it never writes: {checked}"
    );
}

#[test]
fn every_part_of_a_salary_is_checked_on_its_own() {
    let files = vec![(
        "content/jobs/a.md".to_string(),
        job("https://acme.org/a", "salary: {min: lots, max: 90000, currency: USX, periode: year}\n"),
    )];
    let dir = site(CONFIG, &files);
    let err = common::stderr(&common::build(dir.path(), &[]));
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(
        errors,
        [
            "error: content/jobs/a.md:8:1: salary.period: missing required field",
            "error: content/jobs/a.md:8:15: salary.min: invalid type: string \"lots\", expected f64",
            "error: content/jobs/a.md:8:43: salary.currency: unknown currency \"USX\"",
            "error: content/jobs/a.md:8:48: salary.periode: unknown field",
        ],
        "{err}"
    );
}

#[test]
fn every_part_of_a_location_is_checked_on_its_own() {
    let location = "location:\n  remote: yes please\n  countries: [US, XX]\n  places:\n    - {city: Paris, country: 33}\n    - {city: Oslo, country: QQ}";
    let files = vec![(
        "content/jobs/a.md".to_string(),
        job("https://acme.org/a", "").replace("location: {remote: true, countries: [US]}", location),
    )];
    let dir = site(CONFIG, &files);
    let err = common::stderr(&common::build(dir.path(), &[]));
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(
        errors,
        [
            "error: content/jobs/a.md:6:11: location.remote: invalid type: string \"yes please\", expected a boolean",
            "error: content/jobs/a.md:7:19: location.countries[1]: unknown country code \"XX\"",
            "error: content/jobs/a.md:9:30: location.places[0].country: invalid type: integer `33`, expected a string",
            "error: content/jobs/a.md:10:29: location.places[1].country: unknown country code \"QQ\"",
        ],
        "{err}"
    );
}
