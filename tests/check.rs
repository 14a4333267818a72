//! `vacancy check` on small sites written from strings: one site per rule, asserting the
//! exact diagnostic text, every output format and the exit codes.

use std::path::Path;
use std::process::Command;

/// Every check runs at this instant, so no test depends on the clock.
const NOW: &str = "2026-06-01T12:00:00Z";

const CONFIG: &str = "\
title: Acme Jobs
base_url: https://jobs.example.com/
organization: {name: Acme, url: https://acme.example}
categories:
  - {key: engineering, name: Engineering}
";

/// A description long enough for the default `check.min_words` (80).
const BODY: &str = "\
We build route planning software for delivery companies, and we are looking for an
engineer who enjoys making slow things fast and tangled things simple. You will work on
the solver that plans tens of thousands of stops a day, on the services around it, and
with the customers who depend on it. The team is small, writes things down, reviews code
with care and ships every week. We offer a good salary, equity, a learning budget and
flexible hours, and we will help you relocate if you want to join us in person.
";

/// Front-matter fields of a valid posting, in file order (line 2 onwards).
const FIELDS: &[(&str, &str)] = &[
    ("title", "Rust Engineer"),
    ("category", "engineering"),
    ("employment_type", "full-time"),
    ("location", "{remote: true, countries: [US]}"),
    ("salary", "{min: 100000, max: 150000, currency: USD, period: year}"),
    ("posted", "2026-05-01"),
    ("closes", "2026-09-30"),
    ("apply", "https://jobs.acme.org/apply"),
];

/// A posting: the valid fields with `set` replacing (or, when empty, removing) some, then
/// `body`. Without removals the front matter spans lines 2–9 and the body starts on 11.
fn job_with_body(set: &[(&str, &str)], body: &str) -> String {
    let mut fields: Vec<(&str, &str)> = FIELDS.to_vec();
    for &(key, value) in set {
        match fields.iter_mut().find(|(k, _)| *k == key) {
            Some(f) => f.1 = value,
            None => fields.push((key, value)),
        }
    }
    let mut s = String::from("---\n");
    for (k, v) in fields.iter().filter(|(_, v)| !v.is_empty()) {
        s.push_str(&format!("{k}: {v}\n"));
    }
    s.push_str("---\n");
    s.push_str(body);
    s
}

fn job(set: &[(&str, &str)]) -> String {
    job_with_body(set, BODY)
}

/// A site in a temp dir: `CONFIG` unless `files` has its own config.yaml.
fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "config.yaml", CONFIG);
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

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `vacancy check --root <root> --now NOW <extra>`.
fn check(root: &Path, extra: &[&str]) -> Out {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vacancy"));
    cmd.args(["check", "--root", root.to_str().unwrap(), "--now", NOW]).args(extra);
    run(cmd)
}

fn run(mut cmd: Command) -> Out {
    let out = cmd.env_remove("SOURCE_DATE_EPOCH").output().expect("running vacancy");
    Out {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn a_clean_site_has_nothing_to_report_and_writes_nothing() {
    let dir = site(&[("content/jobs/rust.md", &job(&[]))]);
    let out = check(dir.path(), &["--strict"]);
    assert_eq!(out.stderr, "0 errors, 0 warnings in 1 posting\n");
    assert_eq!(out.stdout, "");
    assert_eq!(out.code, 0);
    assert!(!dir.path().join("public").exists(), "check must not write the site");
}

#[test]
fn warns_when_a_posting_closes_soon_and_fails_only_with_strict() {
    let dir = site(&[("content/jobs/rust.md", &job(&[("closes", "2026-06-04")]))]);
    let out = check(dir.path(), &[]);
    assert_eq!(
        out.stderr,
        "warning: content/jobs/rust.md:8:9: closes: closes in 3 days (2026-06-04)\n  \
         help: move `closes` later if the role is still open (this warning starts 7 days before; `check.closing_soon_days` in config.yaml)\n\
         0 errors, 1 warning in 1 posting\n"
    );
    assert_eq!(out.code, 0);
    assert_eq!(check(dir.path(), &["--strict"]).code, 1);
}

#[test]
fn closing_soon_days_comes_from_the_config() {
    let config = format!("{CONFIG}check: {{closing_soon_days: 2}}\n");
    let dir = site(&[("config.yaml", &config), ("content/jobs/rust.md", &job(&[("closes", "2026-06-04")]))]);
    assert_eq!(check(dir.path(), &[]).stderr, "0 errors, 0 warnings in 1 posting\n");
    let dir = site(&[("config.yaml", &config), ("content/jobs/rust.md", &job(&[("closes", "2026-06-02")]))]);
    assert!(
        check(dir.path(), &[])
            .stderr
            .starts_with("warning: content/jobs/rust.md:8:9: closes: closes tomorrow (2026-06-02)\n")
    );
}

#[test]
fn warns_about_expired_postings() {
    let dir = site(&[("content/jobs/rust.md", &job(&[("closes", "2026-05-20")]))]);
    let out = check(dir.path(), &[]);
    assert_eq!(
        out.stderr,
        "warning: content/jobs/rust.md:8:9: closes: expired, will not be listed\n  \
         help: it closed on 2026-05-20 and its page stays up, marked as closed; move `closes` later if the role is still open, or delete the file\n\
         0 errors, 1 warning in 1 posting\n"
    );
    assert_eq!(out.code, 0);
}

#[test]
fn closes_before_posted_is_a_build_error() {
    let dir = site(&[("content/jobs/rust.md", &job(&[("closes", "2026-04-01")]))]);
    let out = check(dir.path(), &[]);
    assert_eq!(
        out.stderr,
        "error: content/jobs/rust.md:8:9: closes: closes (2026-04-01) is before posted (2026-05-01)\n  \
         help: a posting must close after the day it was posted\n\
         1 error, 0 warnings in 1 posting\n"
    );
    assert_eq!(out.code, 1);
}

#[test]
fn a_missing_salary_is_an_error_when_the_site_requires_one() {
    let config = format!("{CONFIG}require_salary: true\n");
    let dir = site(&[("config.yaml", &config), ("content/jobs/rust.md", &job(&[("salary", "")]))]);
    let out = check(dir.path(), &[]);
    assert_eq!(
        out.stderr,
        "error: content/jobs/rust.md:1:1: salary: missing salary\n  \
         help: config.yaml sets `require_salary: true`, as pay-transparency laws require a pay range: add e.g. `salary: {min: 120000, max: 150000, currency: USD, period: year}`\n\
         1 error, 0 warnings in 1 posting\n"
    );
    assert_eq!(out.code, 1);
    // The same posting is fine where salaries are optional.
    let dir = site(&[("content/jobs/rust.md", &job(&[("salary", "")]))]);
    assert_eq!(check(dir.path(), &[]).code, 0);
}

#[test]
fn warns_about_wide_salary_ranges() {
    let salary = "{min: 50000, max: 150000, currency: USD, period: year}";
    let dir = site(&[("content/jobs/rust.md", &job(&[("salary", salary)]))]);
    let out = check(dir.path(), &[]);
    assert_eq!(
        out.stderr.lines().next().unwrap(),
        "warning: content/jobs/rust.md:6:27: salary.max: max (150,000) is more than 2× min (50,000)"
    );
    assert!(out.stderr.ends_with("0 errors, 1 warning in 1 posting\n"), "{}", out.stderr);
    let config = format!("{CONFIG}check: {{max_salary_ratio: 3.5}}\n");
    let dir = site(&[("config.yaml", &config), ("content/jobs/rust.md", &job(&[("salary", salary)]))]);
    assert_eq!(check(dir.path(), &[]).stderr, "0 errors, 0 warnings in 1 posting\n");
}

#[test]
fn warns_about_short_descriptions_at_the_body() {
    let dir = site(&[("content/jobs/rust.md", &job_with_body(&[], "Write Rust with us.\n"))]);
    let out = check(dir.path(), &[]);
    assert_eq!(
        out.stderr,
        "warning: content/jobs/rust.md:11:1: description is short: 4 words (at least 80 expected)\n  \
         help: describe the role, the team, what you look for and the benefits; `check.min_words` in config.yaml sets the threshold\n\
         0 errors, 1 warning in 1 posting\n"
    );
}

#[test]
fn warns_about_pay_in_titles() {
    let dir = site(&[("content/jobs/rust.md", &job(&[("title", "Rust Engineer ($150k)")]))]);
    let out = check(dir.path(), &[]);
    assert_eq!(
        out.stderr.lines().take(2).collect::<Vec<_>>(),
        [
            "warning: content/jobs/rust.md:2:23: title: title mentions a salary (\"$150k\")",
            "  help: put the pay in `salary:`; the page and Google show it from there",
        ]
    );
    let dir = site(&[("content/jobs/rust.md", &job(&[("title", "Rust Engineer, EUR 90,000")]))]);
    assert!(
        check(dir.path(), &[])
            .stderr
            .starts_with("warning: content/jobs/rust.md:2:23: title: title mentions a salary (\"EUR\")\n")
    );
}

#[test]
fn warns_about_places_in_titles() {
    let dir = site(&[("content/jobs/rust.md", &job(&[("title", "Rust Engineer (Remote)")]))]);
    assert!(check(dir.path(), &[]).stderr.starts_with(
        "warning: content/jobs/rust.md:2:23: title: title mentions a location (\"Remote\")\n  \
         help: the location is shown from `location:`; keep the title to the job itself\n"
    ));
    let berlin =
        [("title", "Rust Engineer – Berlin"), ("location", "{places: [{city: Berlin, country: DE}]}")];
    let dir = site(&[("content/jobs/rust.md", &job(&berlin))]);
    assert!(
        check(dir.path(), &[]).stderr.starts_with(
            "warning: content/jobs/rust.md:2:24: title: title mentions a location (\"Berlin\")\n"
        )
    );
    // "Remoteness" is not "remote": whole words only.
    let dir = site(&[("content/jobs/rust.md", &job(&[("title", "Remoteness Analyst")]))]);
    assert_eq!(check(dir.path(), &[]).stderr, "0 errors, 0 warnings in 1 posting\n");
}

#[test]
fn warns_about_http_links_in_the_body() {
    let body = format!("{BODY}\nRead [our blog](http://blog.acme.example/) first.\n");
    let dir = site(&[("content/jobs/rust.md", &job_with_body(&[], &body))]);
    let out = check(dir.path(), &[]);
    assert_eq!(
        out.stderr,
        "warning: content/jobs/rust.md:18:17: link uses http: \"http://blog.acme.example/\"\n  \
         help: use https, so readers are not sent to an unencrypted page\n\
         0 errors, 1 warning in 1 posting\n"
    );
}

#[test]
fn an_http_apply_url_is_a_warning_that_fails_only_with_strict() {
    let dir = site(&[("content/jobs/rust.md", &job(&[("apply", "http://jobs.acme.org/apply")]))]);
    let out = check(dir.path(), &[]);
    assert_eq!(
        out.stderr,
        "warning: content/jobs/rust.md:9:8: apply: \"http://jobs.acme.org/apply\" uses http, not https\n  \
         help: candidates send personal data through this link: use its https address if the site has one\n\
         0 errors, 1 warning in 1 posting\n"
    );
    assert_eq!(out.code, 0);
    assert_eq!(check(dir.path(), &["--strict"]).code, 1);
}

#[test]
fn other_apply_schemes_stay_errors() {
    let dir = site(&[("content/jobs/rust.md", &job(&[("apply", "javascript:alert(1)")]))]);
    let out = check(dir.path(), &[]);
    assert!(
        out.stderr.starts_with(
            "error: content/jobs/rust.md:9:8: apply: \"javascript:alert(1)\" is not an https URL: links with `javascript:` are not accepted\n"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(out.code, 1);
}

#[test]
fn broken_internal_links_are_errors_and_working_ones_are_not() {
    let body = format!(
        "{BODY}\nSee [the other role](/jobs/go/), [all roles](/categories/engineering/),\n\
         [a sibling](../go/), [the feed](/feed.xml) and [a typo](/jobs/rsut/).\n\
         [Absolute](https://jobs.example.com/jobs/gone/) and [elsewhere](https://example.org/x/).\n"
    );
    let dir = site(&[
        ("content/jobs/rust.md", &job_with_body(&[], &body)),
        ("content/jobs/go.md", &job(&[("title", "Go Engineer")])),
    ]);
    let out = check(dir.path(), &[]);
    assert_eq!(
        out.stderr,
        "error: content/jobs/rust.md:19:57: broken link \"/jobs/rsut/\": the site has no page there\n  \
         help: did you mean `/jobs/rust/`?\n\
         error: content/jobs/rust.md:20:12: broken link \"https://jobs.example.com/jobs/gone/\": the site has no page there\n  \
         help: did you mean `/jobs/go/`?\n\
         2 errors, 0 warnings in 2 postings\n"
    );
    assert_eq!(out.code, 1);
}

#[test]
fn links_to_drafts_are_broken_unless_drafts_are_built() {
    let body = format!("{BODY}\nSee [the next role](/jobs/go/).\n");
    let dir = site(&[
        ("content/jobs/rust.md", &job_with_body(&[], &body)),
        ("content/jobs/go.md", &job(&[("draft", "true")])),
    ]);
    let out = check(dir.path(), &[]);
    assert!(
        out.stderr.starts_with("error: content/jobs/rust.md:18:21: broken link \"/jobs/go/\""),
        "{}",
        out.stderr
    );
    assert_eq!(check(dir.path(), &["--drafts"]).stderr, "0 errors, 0 warnings in 2 postings\n");
}

#[test]
fn root_relative_links_must_carry_the_base_path() {
    let config = CONFIG.replace("https://jobs.example.com/", "https://example.com/careers/");
    let body =
        format!("{BODY}\nSee [the other role](/jobs/go/), [ok](/careers/jobs/go/) and [home](/about/).\n");
    let dir = site(&[
        ("config.yaml", &config),
        ("content/jobs/rust.md", &job_with_body(&[], &body)),
        ("content/jobs/go.md", &job(&[("title", "Go Engineer")])),
    ]);
    let out = check(dir.path(), &[]);
    // `/about/` is outside the site, on the same host: not ours to judge.
    assert_eq!(
        out.stderr,
        "error: content/jobs/rust.md:18:22: broken link \"/jobs/go/\": the site is served under /careers/\n  \
         help: write `/careers/jobs/go/`, or a link relative to this page such as `../`\n\
         1 error, 0 warnings in 2 postings\n"
    );
    // A preview at another base URL moves the site, and the check follows it.
    let out = check(dir.path(), &["--base-url", "https://preview.example.net/"]);
    assert!(
        out.stderr.contains("broken link \"/careers/jobs/go/\": the site has no page there"),
        "{}",
        out.stderr
    );
}

#[test]
fn warns_about_files_that_are_not_postings() {
    let dir = site(&[("content/jobs/rust.md", &job(&[])), ("content/jobs/notes.txt", "to do")]);
    let out = check(dir.path(), &[]);
    assert_eq!(
        out.stderr,
        "warning: content/jobs/notes.txt: not a posting: only .md and .markdown files are read\n  \
         help: give it a .md extension if it is a posting, or move it out of content/jobs\n\
         0 errors, 1 warning in 1 posting\n"
    );
}

#[test]
fn duplicate_slugs_come_from_the_build() {
    let dir = site(&[
        ("content/jobs/a.md", &job(&[("slug", "rust")])),
        ("content/jobs/b.md", &job(&[("slug", "rust")])),
    ]);
    let out = check(dir.path(), &[]);
    assert!(
        out.stderr.starts_with(
            "error: content/jobs/b.md:10:7: slug: duplicate slug \"rust\": also used by content/jobs/a.md\n"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.ends_with("1 error, 0 warnings in 2 postings\n"));
    assert_eq!(out.code, 1);
}

#[test]
fn template_errors_are_caught_by_rendering_in_memory() {
    let dir =
        site(&[("content/jobs/rust.md", &job(&[])), ("templates/posting.html", "{{ no_such_variable }}\n")]);
    let out = check(dir.path(), &[]);
    assert!(
        out.stderr
            .starts_with("error: templates/posting.html: rendering posting.html for content/jobs/rust.md:"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("no_such_variable"));
    assert_eq!(out.code, 1);
    assert!(!dir.path().join("public").exists());
}

#[test]
fn each_broken_template_is_reported_once_from_one_sample_page() {
    let dir = site(&[
        ("content/jobs/a.md", &job(&[])),
        ("content/jobs/b.md", &job(&[])),
        ("content/jobs/c.md", &job(&[])),
        ("templates/posting.html", "{{ no_such_variable }}\n"),
        ("templates/term.html", "{{ term.nope }}\n"),
    ]);
    let out = check(dir.path(), &[]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stderr.matches("error: templates/posting.html: rendering posting.html").count(),
        1,
        "{}",
        out.stderr
    );
    assert_eq!(
        out.stderr.matches("error: templates/term.html: rendering term.html").count(),
        1,
        "{}",
        out.stderr
    );
}

#[test]
fn editorial_rules_still_run_when_another_posting_has_build_errors() {
    let dir = site(&[
        ("content/jobs/bad.md", &job(&[("employment_type", "fulltime")])),
        ("content/jobs/short.md", &job_with_body(&[], "Too short.\n")),
    ]);
    let out = check(dir.path(), &[]);
    let lines: Vec<&str> = out.stderr.lines().filter(|l| !l.starts_with("  help")).collect();
    assert_eq!(
        lines,
        [
            "error: content/jobs/bad.md:4:18: employment_type: unknown value \"fulltime\"",
            "warning: content/jobs/short.md:11:1: description is short: 2 words (at least 80 expected)",
            "1 error, 1 warning in 2 postings",
        ]
    );
}

#[test]
fn drafts_get_editorial_rules_only_with_drafts() {
    let dir = site(&[("content/jobs/rust.md", &job_with_body(&[("draft", "true")], "TODO\n"))]);
    assert_eq!(check(dir.path(), &[]).stderr, "0 errors, 0 warnings in 1 posting\n");
    assert!(check(dir.path(), &["--drafts"]).stderr.starts_with(
        "warning: content/jobs/rust.md:12:1: description is short: 1 word (at least 80 expected)\n"
    ));
}

#[test]
fn json_prints_one_object_per_diagnostic() {
    let dir = site(&[
        ("content/jobs/rust.md", &job(&[("employment_type", "fulltime")])),
        ("content/jobs/notes.txt", "x"),
    ]);
    let out = check(dir.path(), &["--format", "json"]);
    let objects: Vec<serde_json::Value> =
        out.stdout.lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect();
    assert_eq!(
        objects,
        [
            serde_json::json!({
                "severity": "warning",
                "file": "content/jobs/notes.txt",
                "line": null,
                "column": null,
                "field": null,
                "message": "not a posting: only .md and .markdown files are read",
                "help": "give it a .md extension if it is a posting, or move it out of content/jobs",
                "rule": "stray-file",
            }),
            serde_json::json!({
                "severity": "error",
                "file": "content/jobs/rust.md",
                "line": 4,
                "column": 18,
                "field": "employment_type",
                "message": "unknown value \"fulltime\"",
                "help": "did you mean `full-time`? accepted values: full-time, part-time, contract, temporary, internship, volunteer, per-diem, other",
                "rule": "unknown-value",
            }),
        ]
    );
    // stdout stays machine-readable: the summary goes to stderr.
    assert_eq!(out.stderr, "1 error, 1 warning in 1 posting\n");
    assert_eq!(out.code, 1);
}

#[test]
fn github_prints_workflow_commands_with_escapes() {
    let dir = site(&[
        ("content/jobs/rust.md", &job(&[("closes", "2026-06-02")])),
        ("content/jobs/a,b.md", &job_with_body(&[], &format!("{BODY}\n[Done](/jobs/100%/).\n"))),
    ]);
    let out = check(dir.path(), &["--format", "github"]);
    // `%` in messages and `,` in properties are escaped; the help follows on its own line.
    assert_eq!(
        out.stdout,
        "::error file=content/jobs/a%2Cb.md,line=18,col=8,title=broken-link::broken link \"/jobs/100%25/\": the site has no page there\
         %0Ahelp: postings are at /jobs/<slug>/ under the base URL; drafts, scheduled postings and removed expired ones have no page\n\
         ::warning file=content/jobs/rust.md,line=8,col=9,title=closes::closes tomorrow (2026-06-02)\
         %0Ahelp: move `closes` later if the role is still open (this warning starts 7 days before; `check.closing_soon_days` in config.yaml)\n"
    );
    assert_eq!(out.stderr, "1 error, 1 warning in 2 postings\n");
    assert_eq!(out.code, 1);
}

#[test]
fn github_paths_are_relative_to_the_repository_when_the_site_is_in_a_subfolder() {
    let repo = tempfile::tempdir().unwrap();
    write(repo.path(), "site/config.yaml", CONFIG);
    write(repo.path(), "site/content/jobs/rust.md", &job(&[("closes", "2026-06-02")]));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vacancy"));
    cmd.current_dir(repo.path()).args(["check", "--root", "site", "--now", NOW, "--format", "github"]);
    let out = run(cmd);
    assert!(
        out.stdout.starts_with(
            "::warning file=site/content/jobs/rust.md,line=8,col=9,title=closes::closes tomorrow (2026-06-02)%0Ahelp: "
        ),
        "{}",
        out.stdout
    );
    assert_eq!(out.code, 0);
}

/// A site whose own `templates/` replace two built-in templates.
fn site_with_overrides() -> tempfile::TempDir {
    site(&[
        ("content/jobs/rust.md", &job(&[])),
        (
            "templates/posting.html",
            "{% extends \"base.html\" %}{% block content %}<h1>{{ posting.title }}</h1>{% endblock content %}\n",
        ),
        ("templates/partials/footer.html", "<footer>{{ site.title }}</footer>\n"),
        // Not a built-in name: only the overrides count.
        ("templates/partials/extra.html", "<p>extra</p>\n"),
    ])
}

#[test]
fn overriding_templates_without_a_contract_record_say_how_to_record_it() {
    let dir = site_with_overrides();
    let out = check(dir.path(), &["--strict"]);
    assert_eq!(
        out.stderr,
        "warning: templates/partials/footer.html: replaces a built-in template (and 1 more template), \
         but no template contract version is recorded\n  \
         help: record the contract version they follow in template-contract.yaml: `template_contract: 1` \
         if they were copied from Vacancy 0.1 (`check` then names what changed since), \
         `template_contract: 6` once they follow docs/themes.md as it is now\n\
         0 errors, 1 warning in 1 posting\n"
    );
    assert_eq!(out.code, 1);
    write(dir.path(), "template-contract.yaml", "template_contract: 6\n");
    assert_eq!(check(dir.path(), &["--strict"]).stderr, "0 errors, 0 warnings in 1 posting\n");
}

/// Runs `vacancy eject-theme --root <root>`.
fn eject(root: &Path) -> Out {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vacancy"));
    cmd.args(["eject-theme", "--root", root.to_str().unwrap()]);
    run(cmd)
}

#[test]
fn an_ejected_theme_records_its_contract_version_and_checks_clean() {
    let dir = site(&[("content/jobs/rust.md", &job(&[]))]);
    let out = eject(dir.path());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("  themes/default/template-contract.yaml\n"), "{}", out.stdout);
    let record = std::fs::read_to_string(dir.path().join("themes/default/template-contract.yaml")).unwrap();
    let version = record.lines().find_map(|l| l.strip_prefix("template_contract: ")).expect("a version line");
    assert!(version.parse::<u32>().is_ok_and(|v| v >= 2), "{record}");
    assert_eq!(check(dir.path(), &["--strict"]).stderr, "0 errors, 0 warnings in 1 posting\n");

    let init = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vacancy"));
    cmd.args(["init", "--theme"]).arg(init.path().join("site"));
    assert_eq!(run(cmd).code, 0);
    let written = std::fs::read_to_string(init.path().join("site/themes/default/template-contract.yaml"));
    assert_eq!(written.unwrap(), record, "init --theme records the version too");
}

#[test]
fn an_older_contract_record_names_what_changed_since() {
    let dir = site(&[("content/jobs/rust.md", &job(&[]))]);
    assert_eq!(eject(dir.path()).code, 0);
    let path = dir.path().join("themes/default/template-contract.yaml");
    let record = std::fs::read_to_string(&path).unwrap();
    let old =
        record.lines().map(|l| if l.starts_with("template_contract:") { "template_contract: 1" } else { l });
    std::fs::write(&path, old.collect::<Vec<_>>().join("\n")).unwrap();
    let out = check(dir.path(), &[]);
    assert!(
        out.stderr.starts_with(
            "warning: themes/default/template-contract.yaml:4:20: template_contract: these templates follow \
             template contract 1, and vacancy now renders with "
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("; changed since: 2: drafts (shown by `serve` and `build --drafts`) set"));
    assert!(out.stderr.contains("partials/draft-banner.html"), "{}", out.stderr);
    assert!(out.stderr.contains("; 3: new templates social-card.svg"), "{}", out.stderr);
    assert!(out.stderr.contains("; 4: every page (embed.html too) has `t`"), "{}", out.stderr);
    assert!(out.stderr.contains("\n  help: update the templates (docs/themes.md, \"Contract versions\")"));
    assert!(out.stderr.ends_with("0 errors, 1 warning in 1 posting\n"), "{}", out.stderr);
    assert_eq!(out.code, 0, "a warning fails only with --strict");
    assert_eq!(check(dir.path(), &["--strict"]).code, 1);
}

#[test]
fn a_newer_or_unreadable_contract_record_is_reported_at_its_line() {
    let dir = site_with_overrides();
    write(dir.path(), "template-contract.yaml", "# mine\ntemplate_contract: 999\n");
    let out = check(dir.path(), &[]);
    assert!(
        out.stderr.starts_with(
            "warning: template-contract.yaml:2:20: template_contract: these templates follow template \
             contract 999, newer than this vacancy's ("
        ),
        "{}",
        out.stderr
    );
    write(dir.path(), "template-contract.yaml", "# mine\ntemplate_contract: latest\n");
    let out = check(dir.path(), &[]);
    assert!(out.stderr.starts_with("warning: template-contract.yaml:2:"), "{}", out.stderr);
    assert!(out.stderr.contains(": template_contract: "), "{}", out.stderr);
    assert!(out.stderr.contains("help: the file holds one line, `template_contract: N`"), "{}", out.stderr);
}
