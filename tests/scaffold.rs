//! `vacancy init`, `vacancy new` and `vacancy eject-theme`, run as the real binary on temp
//! dirs; the sites they make are then built and checked by the binary too.

use serde_yaml::Value;
use std::path::Path;
use std::process::Command;

/// `init` dates its example posting from SOURCE_DATE_EPOCH when it is set, as `build`
/// does: 1780000000 is 2026-05-28T20:26:40Z.
const EPOCH: &str = "1780000000";
const INIT_DAY: &str = "2026-05-28";
const NOW: &str = "2026-06-01T12:00:00Z";

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn vacancy(args: &[&str]) -> Out {
    vacancy_in(None, args)
}

fn vacancy_in(dir: Option<&Path>, args: &[&str]) -> Out {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vacancy"));
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    let out = cmd.args(args).env("SOURCE_DATE_EPOCH", EPOCH).output().expect("running vacancy");
    Out {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn read(p: impl AsRef<Path>) -> String {
    std::fs::read_to_string(p.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", p.as_ref().display()))
}

/// A site made by `vacancy init`, in `<tmp>/site`.
fn init_site(extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let mut args = vec!["init", s(&site)];
    args.extend_from_slice(extra);
    let out = vacancy(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    (tmp, site)
}

#[test]
fn init_writes_a_commented_config_with_every_key() {
    let (_tmp, site) = init_site(&[]);
    let text = read(site.join("config.yaml"));
    let config: Value = serde_yaml::from_str(&text).unwrap();
    for &key in vacancy::config::KEYS {
        assert!(config.get(key).is_some(), "config.yaml lacks `{key}`");
        // Every top-level key has a comment right above it (or above its comment block).
        let lines: Vec<&str> = text.lines().collect();
        let at = lines.iter().position(|l| l.starts_with(&format!("{key}:"))).unwrap();
        assert!(lines[at - 1].starts_with('#'), "`{key}` has no comment above it");
    }
    assert_eq!(config["markdown"]["raw_html"], Value::String("sanitize".into()));
    for key in ["closing_soon_days", "max_salary_ratio", "min_words"] {
        assert!(config["check"].get(key).is_some(), "config.yaml lacks check.{key}");
    }
    assert_eq!(config["theme"].as_str(), Some("default"));
}

#[test]
fn init_writes_a_posting_gitignore_static_and_prints_next_steps() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("my-jobs");
    let out = vacancy_in(Some(tmp.path()), &["init", "my-jobs"]);
    assert_eq!(
        out.stdout,
        "Created a Vacancy site in my-jobs:\n  config.yaml\n  content/jobs/senior-backend-engineer.md\n  \
         static/.gitkeep\n  .github/workflows/vacancy.yml\n  .gitignore\n\n\
         Next steps:\n  cd my-jobs\n  \
         vacancy serve                        # preview at http://127.0.0.1:1111 as you edit\n  \
         vacancy new \"Senior Rust Engineer\"   # start a posting from a template\n\n\
         The example posting, content/jobs/senior-backend-engineer.md, is a draft, so nothing fake is\n\
         published: `vacancy serve` shows drafts, `vacancy build --drafts` includes them and\n\
         `vacancy build` leaves them out. To publish a posting, replace every TODO in it and\n\
         delete its `draft: true` line; `vacancy check` lists what is left.\n\n\
         Set title, base_url and organization in config.yaml (the lines marked TODO).\n\n\
         To publish the site, push to GitHub and set Settings → Pages → Source to\n\
         \"GitHub Actions\": .github/workflows/vacancy.yml checks pull requests and deploys main.\n"
    );
    let posting = read(site.join("content/jobs/senior-backend-engineer.md"));
    assert!(posting.contains(&format!("\nposted: {INIT_DAY}\n")), "{posting}");
    assert!(posting.contains("\ncloses: 2026-08-28 "), "closes three months later:\n{posting}");
    assert!(read(site.join(".gitignore")).lines().any(|l| l == "/public/"));
    assert_eq!(read(site.join("static/.gitkeep")), "");
}

#[test]
fn init_writes_a_github_workflow_that_checks_prs_and_deploys_main() {
    let (_tmp, site) = init_site(&[]);
    let text = read(site.join(".github/workflows/vacancy.yml"));
    let wf: Value = serde_yaml::from_str(&text).expect("the workflow is valid YAML");
    let on = &wf["on"];
    assert!(on.get("pull_request").is_some());
    assert_eq!(on["push"]["branches"][0].as_str(), Some("main"));
    assert_eq!(wf["permissions"]["contents"].as_str(), Some("read"));
    assert!(wf["concurrency"]["group"].as_str().is_some());

    let steps = |job: &str| wf["jobs"][job]["steps"].as_sequence().unwrap().clone();
    let check = steps("check");
    let runs: Vec<&str> = check.iter().filter_map(|st| st["run"].as_str()).collect();
    assert!(runs.contains(&"vacancy check --format github"), "{runs:?}");
    assert!(runs.iter().any(|r| r.contains("cargo install --locked --git")), "{runs:?}");
    assert!(!text.contains("cargo install vacancy"), "no vacancy crate is published");
    assert!(runs.iter().any(|r| r.starts_with("vacancy build")), "{runs:?}");
    let uses = |steps: &[Value]| -> Vec<String> {
        steps
            .iter()
            .filter_map(|st| st["uses"].as_str())
            .map(|u| u.split('@').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        uses(&check),
        ["actions/checkout", "actions/cache", "actions/configure-pages", "actions/upload-pages-artifact"]
    );
    let cache =
        check.iter().find(|st| st["uses"].as_str().unwrap_or("").starts_with("actions/cache")).unwrap();
    assert_eq!(cache["with"]["path"].as_str(), Some("~/.vacancy"));
    let upload = check.last().unwrap();
    assert_eq!(upload["with"]["path"].as_str(), Some("public"));

    let deploy = &wf["jobs"]["deploy"];
    assert_eq!(deploy["needs"].as_str(), Some("check"));
    assert_eq!(deploy["permissions"]["pages"].as_str(), Some("write"));
    assert_eq!(deploy["permissions"]["id-token"].as_str(), Some("write"));
    assert_eq!(deploy["environment"]["name"].as_str(), Some("github-pages"));
    assert_eq!(uses(&steps("deploy")), ["actions/deploy-pages"]);
    assert!(deploy["if"].as_str().unwrap().contains("refs/heads/main"));
    assert!(text.contains(&format!("VACANCY_VERSION: \"{}\"", env!("CARGO_PKG_VERSION"))));
}

#[test]
fn an_initialised_site_publishes_nothing_and_check_strict_flags_its_example_data() {
    let (_tmp, site) = init_site(&[]);
    let build = vacancy(&["build", "--root", s(&site), "--now", NOW]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(build.stderr.contains("Built 0 postings (1 draft skipped),"), "{}", build.stderr);
    assert!(!site.join("public/jobs/senior-backend-engineer/index.html").exists());
    assert!(!read(site.join("public/sitemap.xml")).contains("senior-backend-engineer"));

    let build = vacancy(&["build", "--root", s(&site), "--now", NOW, "--drafts"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(build.stderr.contains("Built 1 posting (1 draft included),"), "{}", build.stderr);
    let page = read(site.join("public/jobs/senior-backend-engineer/index.html"));
    assert!(page.contains("Senior Backend Engineer"));
    // The config's placeholders and the example.net apply link are warnings until replaced.
    let check = vacancy(&["check", "--root", s(&site), "--now", NOW, "--drafts", "--strict"]);
    let warnings: Vec<&str> = check.stderr.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert_eq!(
        warnings,
        [
            "warning: config.yaml:5:30: placeholder `TODO` still on 5 lines of config.yaml: title, base_url, description, organization.name, organization.url",
            "warning: content/jobs/senior-backend-engineer.md:14:8: apply: apply link on the reserved example domain apply.example.net",
        ],
        "{}",
        check.stderr
    );
    assert!(check.stderr.ends_with("0 errors, 2 warnings in 1 posting\n"), "{}", check.stderr);
    assert_eq!(check.code, 1);
}

/// Lines of `text` holding `needle` outside YAML comments that start the line.
fn lines_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.contains(needle) && !l.trim_start().starts_with('#')).collect()
}

/// True if `line` has `TODO` as a whole word.
fn has_todo(line: &str) -> bool {
    line.split(|c: char| !c.is_ascii_alphanumeric() && c != '_').any(|w| w == "TODO")
}

#[test]
fn init_marks_every_placeholder_with_todo_and_the_example_is_a_draft() {
    let (_tmp, site) = init_site(&[]);
    let posting = read(site.join("content/jobs/senior-backend-engineer.md"));
    let (front, body) = posting.trim_start_matches("---\n").split_once("\n---\n").unwrap();
    let yaml: Value = serde_yaml::from_str(front).unwrap();
    assert_eq!(yaml["draft"], Value::Bool(true));
    let draft = front.lines().find(|l| l.starts_with("draft:")).unwrap();
    assert!(has_todo(draft), "{draft}");
    let apply = front.lines().find(|l| l.starts_with("apply:")).unwrap();
    assert!(apply.contains("example.net") && has_todo(apply), "{apply}");
    for needle in ["example.com", "Example Co"] {
        for l in lines_with(&posting, needle) {
            assert!(has_todo(l), "placeholder without TODO: {l}");
        }
    }
    assert!(body.lines().any(|l| has_todo(l) && l.contains("Example Co")), "{body}");

    let config = read(site.join("config.yaml"));
    for key in ["title:", "base_url:", "description:", "  name:", "  url:"] {
        let l = config.lines().find(|l| l.starts_with(key)).unwrap();
        assert!(has_todo(l), "{l}");
    }
    for needle in ["example.com", "Example Co"] {
        for l in lines_with(&config, needle) {
            assert!(has_todo(l), "placeholder without TODO: {l}");
        }
    }
}

#[test]
fn init_fills_config_from_flags_without_placeholders() {
    let (_tmp, site) = init_site(&[
        "--title",
        "Jobs: \"Acme\" #1",
        "--base-url",
        "https://acme.test/careers",
        "--organization",
        "Acme Inc.",
        "--organization-url",
        "https://acme.test",
    ]);
    let text = read(site.join("config.yaml"));
    assert!(!text.lines().any(has_todo), "{text}");
    let config: Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(config["title"].as_str(), Some("Jobs: \"Acme\" #1"));
    assert_eq!(config["base_url"].as_str(), Some("https://acme.test/careers/"));
    assert_eq!(config["description"].as_str(), Some("Open positions at Acme Inc."));
    assert_eq!(config["organization"]["name"].as_str(), Some("Acme Inc."));
    assert_eq!(config["organization"]["url"].as_str(), Some("https://acme.test/"));

    let build = vacancy(&["build", "--root", s(&site), "--now", NOW, "--drafts"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let page = read(site.join("public/jobs/senior-backend-engineer/index.html"));
    assert!(page.contains("<title>Senior Backend Engineer"), "the page is built");
    assert!(
        page.contains("https://acme.test/careers/jobs/senior-backend-engineer/"),
        "permalinks use --base-url"
    );
    let jp = job_posting(&page);
    assert_eq!(jp["hiringOrganization"]["name"], "Acme Inc.");
}

#[test]
fn init_reports_every_bad_flag_in_one_run_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let out = vacancy(&[
        "init",
        s(&site),
        "--base-url",
        "ftp://acme.test",
        "--organization-url",
        "acme.test",
        "--title",
        " ",
        "--replace",
        "config.yml",
    ]);
    assert_eq!(
        out.stderr,
        "error: --base-url: \"ftp://acme.test\" must be an http(s) URL, not ftp:\n  \
         help: the address the site is published at, e.g. https://careers.acme.com/ or https://acme.github.io/jobs/\n\
         error: --organization-url: \"acme.test\" is not an absolute URL\n  \
         help: your organization's website, e.g. https://acme.com\n\
         error: --replace: \"config.yml\" is not a file vacancy init writes\n  \
         help: did you mean `config.yaml`? files vacancy init writes: config.yaml, \
         content/jobs/senior-backend-engineer.md, static/.gitkeep, .github/workflows/vacancy.yml\n\
         error: --title: must be one line of text\n  help: e.g. --title \"Acme Careers\"\n\
         4 errors found; nothing was written\n"
    );
    assert_eq!(out.code, 1);
    assert!(!site.exists());
}

#[test]
fn init_force_keeps_an_edited_config_and_replaces_it_only_by_name() {
    let (_tmp, site) = init_site(&[]);
    let fresh = read(site.join("config.yaml"));
    let edited = fresh.replace("title: Example Co", "title: Mine");
    std::fs::write(site.join("config.yaml"), &edited).unwrap();

    let out = vacancy(&["init", s(&site), "--force"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(read(site.join("config.yaml")), edited, "the user's file is kept");
    assert_eq!(read(site.join("config.yaml.new")), fresh, "the new version is beside it");
    assert!(
        out.stdout.contains("  config.yaml (kept yours; the new version is config.yaml.new)\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("  .github/workflows/vacancy.yml (unchanged)\n"), "{}", out.stdout);
    assert!(
        out.stdout.contains("run `vacancy init --force --replace config.yaml` to take the new\nversion"),
        "{}",
        out.stdout
    );

    let out = vacancy(&["init", s(&site), "--replace", "./config.yaml"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(read(site.join("config.yaml")), fresh);
    assert_eq!(read(site.join("config.yaml.bak")), edited, "the user's file is backed up");
    assert!(
        out.stdout.contains("  config.yaml (replaced; yours is saved as config.yaml.bak)\n"),
        "{}",
        out.stdout
    );

    // A path through the site folder names the same file.
    std::fs::write(site.join("static/.gitkeep"), "mine").unwrap();
    let gitkeep = site.join("static/.gitkeep");
    let out = vacancy(&["init", s(&site), "--replace", s(&gitkeep)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(read(&gitkeep), "");
    assert_eq!(read(site.join("static/.gitkeep.bak")), "mine");
}

#[test]
fn init_and_new_help_print_each_default_once() {
    let init = vacancy(&["init", "--help"]);
    // The [DIR] entry, in short or long help form, runs up to the options.
    let dir = init.stdout.split("Arguments:").nth(1).unwrap().split("Options:").next().unwrap();
    assert!(dir.contains("[DIR]"), "{dir}");
    assert_eq!(dir.matches("default").count(), 1, "{dir}");
    // clap adds `[default: …]`; a doc comment saying it too would print it twice.
    for cmd in ["init", "new"] {
        let help = vacancy(&[cmd, "--help"]).stdout;
        for l in help.lines() {
            assert!(
                l.matches("default:").count() + l.matches("(default").count() <= 1,
                "`{cmd} --help`: {l}"
            );
        }
    }
    let new = vacancy(&["new", "--help"]).stdout;
    for flag in [
        "--place",
        "--remote",
        "--hybrid",
        "--salary",
        "--currency",
        "--period",
        "--apply",
        "--closes",
        "--summary",
        "--tags",
    ] {
        assert!(new.lines().any(|l| l.trim_start().starts_with(flag)), "no {flag} in\n{new}");
    }
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let out = vacancy(&["init", s(tmp.path())]);
    assert_eq!(
        out.stderr,
        format!(
            "error: {}: folder is not empty\n  help: pass --force to create the site here anyway: your \
             files are kept, and where one differs from vacancy's the new version is written beside it \
             as FILE.new\n1 error found; nothing was written\n",
            tmp.path().display()
        )
    );
    assert_eq!(out.code, 1);
    assert!(!tmp.path().join("config.yaml").exists());

    std::fs::write(tmp.path().join(".gitignore"), "*.log\n").unwrap();
    let out = vacancy(&["init", s(tmp.path()), "--force"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("  .gitignore (added public/)\n"), "{}", out.stdout);
    assert!(tmp.path().join("config.yaml").exists());
    assert_eq!(read(tmp.path().join("notes.txt")), "mine");
    assert!(read(tmp.path().join(".gitignore")).starts_with("*.log\n# The built site"));
}

#[test]
fn init_accepts_a_fresh_git_repository() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    let out = vacancy(&["init", s(tmp.path())]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(tmp.path().join("config.yaml").exists());
}

#[test]
fn init_with_theme_copies_the_default_theme_and_still_builds() {
    let (_tmp, site) = init_site(&["--theme"]);
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    for rel in ["templates/posting.html", "templates/partials/card.html", "static/style.css"] {
        assert_eq!(read(site.join("themes/default").join(rel)), read(theme.join(rel)), "{rel}");
    }
    assert!(!site.join("themes/default/README.md").exists(), "only templates/ and static/ are copied");
    let build = vacancy(&["build", "--root", s(&site), "--now", NOW]);
    assert_eq!(build.code, 0, "{}", build.stderr);
}

#[test]
fn eject_theme_refuses_to_overwrite_edits_without_force() {
    let (_tmp, site) = init_site(&[]);
    let out = vacancy(&["eject-theme", "--root", s(&site)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("  themes/default/templates/posting.html\n"), "{}", out.stdout);
    let posting = site.join("themes/default/templates/posting.html");
    std::fs::write(&posting, "my edit").unwrap();

    let out = vacancy(&["eject-theme", "--root", s(&site)]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains(
            "error: themes/default/templates/posting.html: already exists\n  help: eject-theme does not overwrite your edits; pass --force to replace the file with the built-in one\n"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(read(&posting), "my edit", "nothing is written when any file clashes");

    let out = vacancy(&["eject-theme", "--root", s(&site), "--force"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("  themes/default/templates/posting.html (replaced)\n"));
    let original = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/posting.html");
    assert_eq!(read(&posting), read(original));
}

#[test]
fn new_writes_a_draft_with_the_given_fields_and_prints_its_path() {
    let (_tmp, site) = init_site(&[]);
    let out = vacancy_in(
        Some(&site),
        &[
            "new",
            "Senior Rust Engineer",
            "--category",
            "design",
            "--type",
            "CONTRACTOR",
            "--now",
            "2026-06-01",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "content/jobs/senior-rust-engineer.md\n");
    let text = read(site.join("content/jobs/senior-rust-engineer.md"));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "---");
    assert_eq!(lines[1], "title: Senior Rust Engineer");
    assert!(lines.contains(&"posted: 2026-06-01               # the day it goes live"), "{text}");
    assert!(lines.iter().any(|l| l.starts_with("category: design ")), "{text}");
    assert!(lines.iter().any(|l| l.starts_with("employment_type: contract ")), "{text}");
    assert!(lines.iter().any(|l| l.starts_with("draft: true ")), "{text}");
    for commented in
        ["# salary:", "# closes: 2026-08-01", "# tags:", "# summary:", "# slug:", "# id:", "# company:"]
    {
        assert!(lines.iter().any(|l| l.trim_start().starts_with(commented)), "no `{commented}` in\n{text}");
    }

    // It passes the build's parse: as a draft it is skipped, and with --drafts it renders.
    let build = vacancy(&["build", "--root", s(&site), "--now", NOW]);
    // The example posting `init` wrote is a draft too.
    assert!(build.stderr.contains("(2 drafts skipped)"), "{}", build.stderr);
    let build = vacancy(&["build", "--root", s(&site), "--now", NOW, "--drafts"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(site.join("public/jobs/senior-rust-engineer/index.html").exists());
}

#[test]
fn new_never_overwrites_and_counts_up() {
    let (_tmp, site) = init_site(&[]);
    let root = s(&site);
    let first = vacancy(&["new", "Data Engineer", "--root", root, "--now", "2026-06-01"]);
    assert_eq!(first.stdout, format!("{}\n", site.join("content/jobs/data-engineer.md").display()));
    let second = vacancy(&["new", "Data Engineer", "--root", root, "--now", "2026-06-01"]);
    assert_eq!(second.stdout, format!("{}\n", site.join("content/jobs/data-engineer-2.md").display()));
    // A slug declared in another file's front matter is taken too.
    std::fs::write(site.join("content/jobs/other.md"), "---\ntitle: X\nslug: data-engineer-3\n---\n")
        .unwrap();
    let third = vacancy(&["new", "Data Engineer", "--root", root, "--now", "2026-06-01"]);
    assert_eq!(third.stdout, format!("{}\n", site.join("content/jobs/data-engineer-4.md").display()));
}

#[test]
fn new_rejects_unknown_values_with_suggestions() {
    let (_tmp, site) = init_site(&[]);
    let out = vacancy(&[
        "new",
        "Rust Engineer",
        "--root",
        s(&site),
        "--category",
        "enginering",
        "--type",
        "fulltime",
    ]);
    assert_eq!(
        out.stderr,
        "error: --category: unknown category \"enginering\"\n  \
         help: did you mean `engineering`? categories in config.yaml: engineering, design, operations\n\
         error: --type: unknown employment type \"fulltime\"\n  \
         help: did you mean `full-time`? accepted values: full-time, part-time, contract, temporary, internship, volunteer, per-diem, other\n"
    );
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert!(!site.join("content/jobs/rust-engineer.md").exists());

    let out = vacancy(&["new", "Rust Engineer", "--root", s(&site), "--company", "acme"]);
    assert_eq!(
        out.stderr,
        "error: --company: unknown company \"acme\"\n  help: files in content/companies/: none yet\n"
    );
    assert_eq!(out.code, 1);
}

#[test]
fn new_accepts_a_company_file_and_keeps_a_plain_date_as_written() {
    let (_tmp, site) = init_site(&[]);
    std::fs::create_dir_all(site.join("content/companies")).unwrap();
    std::fs::write(site.join("content/companies/acme.yaml"), "name: Acme\nurl: https://acme.example\n")
        .unwrap();
    // Midnight UTC on 1 June is still 31 May in Los Angeles; a plain date must not shift.
    let config = read(site.join("config.yaml")).replace("timezone: UTC", "timezone: America/Los_Angeles");
    std::fs::write(site.join("config.yaml"), config).unwrap();
    let out =
        vacancy(&["new", "Rust Engineer", "--root", s(&site), "--company", "acme", "--now", "2026-06-01"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = read(site.join("content/jobs/rust-engineer.md"));
    assert!(text.contains("\ncompany: acme "), "{text}");
    assert!(text.contains("\nposted: 2026-06-01 "), "{text}");
    let build = vacancy(&["build", "--root", s(&site), "--now", NOW, "--drafts"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(site.join("public/companies/acme/index.html").exists());
}

/// The one JobPosting JSON-LD block of a page.
fn job_posting(html: &str) -> serde_json::Value {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
    let mut found: Vec<serde_json::Value> = doc
        .select(&sel)
        .map(|el| serde_json::from_str(&el.inner_html()).expect("JSON-LD parses"))
        .filter(|v: &serde_json::Value| v["@type"] == "JobPosting")
        .collect();
    assert_eq!(found.len(), 1, "one JobPosting on the page");
    found.remove(0)
}

#[test]
fn new_without_flags_marks_every_placeholder_with_todo() {
    let (_tmp, site) = init_site(&[]);
    let out = vacancy(&["new", "Data Engineer", "--root", s(&site), "--now", "2026-06-01"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = read(site.join("content/jobs/data-engineer.md"));
    for key in ["category:", "employment_type:", "location:", "  remote:", "  countries:", "apply:", "draft:"]
    {
        let l = text.lines().find(|l| l.starts_with(key)).unwrap_or_else(|| panic!("no {key} in\n{text}"));
        assert!(has_todo(l), "placeholder without TODO: {l}");
    }
    let body = text.rsplit_once("\n---\n").unwrap().1;
    assert!(body.lines().next().is_some_and(has_todo), "{body}");
}

/// `vacancy new` with every flag, in the site `init` made.
fn new_with_every_flag(site: &Path) -> Out {
    vacancy(&[
        "new",
        "Staff Platform Engineer",
        "--root",
        s(site),
        "--now",
        "2026-06-01",
        "--category",
        "engineering",
        "--type",
        "contract",
        "--place",
        "Berlin, DE",
        "--place",
        "Austin, TX, US",
        "--hybrid",
        "--remote",
        "US,CA",
        "--salary",
        "120k-150,000",
        "--currency",
        "usd",
        "--period",
        "year",
        "--apply",
        "https://jobs.acme-robotics.com/apply/42",
        "--closes",
        "2026-12-31",
        "--summary",
        "Lead: the platform team #1",
        "--tags",
        "rust,backend",
    ])
}

#[test]
fn new_with_every_flag_builds_into_the_json_ld() {
    // A site set up from flags, so `check --strict` below has no example data to flag.
    let (_tmp, site) = init_site(&[
        "--organization",
        "Acme Inc.",
        "--organization-url",
        "https://acme.test/",
        "--base-url",
        "https://jobs.acme.test/",
    ]);
    let out = new_with_every_flag(&site);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = site.join("content/jobs/staff-platform-engineer.md");
    let text = read(&path);
    let front = text.trim_start_matches("---\n").split_once("\n---\n").unwrap().0;
    let todos: Vec<&str> = front.lines().filter(|l| has_todo(l)).collect();
    assert_eq!(todos.len(), 1, "only the draft line keeps a TODO: {todos:?}");
    assert!(todos[0].starts_with("draft: true"));

    let build = vacancy(&["build", "--root", s(&site), "--now", NOW, "--drafts"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let jp = job_posting(&read(site.join("public/jobs/staff-platform-engineer/index.html")));
    assert_eq!(jp["title"], "Staff Platform Engineer");
    assert_eq!(jp["employmentType"], serde_json::json!(["CONTRACTOR"]));
    assert_eq!(jp["datePosted"], "2026-06-01");
    assert_eq!(jp["validThrough"], "2026-12-31T23:59:59+00:00");
    assert_eq!(jp["jobLocationType"], "TELECOMMUTE");
    let countries: Vec<&str> = jp["applicantLocationRequirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(countries, ["Canada", "United States"]);
    let addresses: Vec<&serde_json::Value> =
        jp["jobLocation"].as_array().unwrap().iter().map(|p| &p["address"]).collect();
    assert_eq!(addresses[0]["addressLocality"], "Berlin");
    assert_eq!(addresses[0]["addressCountry"], "DE");
    assert_eq!(addresses[1]["addressLocality"], "Austin");
    assert_eq!(addresses[1]["addressRegion"], "TX");
    assert_eq!(addresses[1]["addressCountry"], "US");
    let salary = &jp["baseSalary"];
    assert_eq!(salary["currency"], "USD");
    assert_eq!(salary["value"]["minValue"], 120000);
    assert_eq!(salary["value"]["maxValue"], 150000);
    assert_eq!(salary["value"]["unitText"], "YEAR");
    assert!(jp.get("url").is_none(), "Google takes the page's URL: {jp}");
    let page = read(site.join("public/jobs/staff-platform-engineer/index.html"));
    assert!(page.contains("https://jobs.acme-robotics.com/apply/42"), "the apply link");
    assert!(page.contains("Lead: the platform team #1"), "the summary");

    // Once the description is written and the draft line deleted, it passes `check --strict`.
    let description = "We run the platform that every team at the company deploys to. ".repeat(10);
    let published = format!("---\n{}---\n{description}\n", front.replace(todos[0], "").trim_start());
    assert!(!published.lines().any(has_todo), "{published}");
    std::fs::write(&path, published).unwrap();
    std::fs::remove_file(site.join("content/jobs/senior-backend-engineer.md")).unwrap();
    let check = vacancy(&["check", "--root", s(&site), "--now", NOW, "--strict"]);
    assert_eq!(check.stderr, "0 errors, 0 warnings in 1 posting\n");
    assert_eq!(check.code, 0);
}

#[test]
fn new_reports_every_flag_mistake_in_one_run_with_help() {
    let (_tmp, site) = init_site(&[]);
    let out = vacancy(&[
        "new",
        "Operations Lead",
        "--root",
        s(&site),
        "--now",
        "2026-06-01",
        "--type",
        "fulltime",
        "--place",
        "Berlin, Germany",
        "--place",
        "Berlin,,DE",
        "--remote",
        "US,XX",
        "--salary",
        "150k-120k",
        "--currency",
        "USX",
        "--period",
        "fortnight",
        "--apply",
        "call us",
        "--closes",
        "2026-05-01",
    ]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    let errors: Vec<&str> = out.stderr.lines().filter(|l| l.starts_with("error: ")).collect();
    let flags: Vec<&str> = errors.iter().map(|l| l.split(": ").nth(1).unwrap()).collect();
    assert_eq!(
        flags,
        [
            "--type",
            "--place",
            "--remote",
            "--place",
            "--currency",
            "--period",
            "--salary",
            "--closes",
            "--apply"
        ],
        "{}",
        out.stderr
    );
    assert_eq!(
        out.stderr.lines().filter(|l| l.starts_with("  help: ")).count(),
        errors.len(),
        "{}",
        out.stderr
    );
    for expected in [
        "error: --place: \"Berlin,,DE\" is not \"City, COUNTRY\"",
        "error: --place: unknown country code \"Germany\"",
        "error: --remote: unknown country code \"XX\"",
        "error: --currency: unknown currency \"USX\"",
        "error: --salary: min (150000) is greater than max (120000)",
        "error: --apply: \"call us\" is neither an https URL nor an e-mail address",
    ] {
        assert!(out.stderr.contains(expected), "no `{expected}` in\n{}", out.stderr);
    }
    assert!(!site.join("content/jobs/operations-lead.md").exists());

    let out = vacancy(&["new", "Operations Lead", "--root", s(&site), "--hybrid", "--currency", "EUR"]);
    assert_eq!(
        out.stderr,
        "error: --hybrid: a hybrid posting needs the offices to work from\n  \
         help: add them with --place, e.g. --hybrid --place \"Berlin, DE\"\n\
         error: --currency: only applies with --salary\n  \
         help: add the amount, e.g. --salary 120000-150000 --currency USD --period year\n"
    );
    let out = vacancy(&["new", "Operations Lead", "--root", s(&site), "--salary", "lots"]);
    assert_eq!(
        out.stderr,
        "error: --salary: \"lots\" is not an amount or a range\n  \
         help: e.g. --salary 120000-150000, --salary 120k-150k or --salary 52.50\n"
    );
}

#[test]
fn new_writes_on_site_hourly_and_worldwide_remote_postings_from_flags() {
    let (_tmp, site) = init_site(&[]);
    let root = s(&site);
    let barista = vacancy(&[
        "new",
        "Barista: Café #2",
        "--root",
        root,
        "--now",
        "2026-06-01",
        "--place",
        "Berlin, DE",
        "--salary",
        "15.50",
        "--currency",
        "EUR",
        "--period",
        "hour",
        "--apply",
        "jobs@cafe-kranzler.de",
    ]);
    assert_eq!(barista.code, 0, "{}", barista.stderr);
    assert_eq!(barista.stdout, format!("{}\n", site.join("content/jobs/barista-cafe-2.md").display()));
    let remote =
        vacancy(&["new", "Support Engineer", "--root", root, "--now", "2026-06-01", "--remote", "worldwide"]);
    assert_eq!(remote.code, 0, "{}", remote.stderr);

    let build = vacancy(&["build", "--root", root, "--now", NOW, "--drafts"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let jp = job_posting(&read(site.join("public/jobs/barista-cafe-2/index.html")));
    assert_eq!(jp["title"], "Barista: Café #2");
    assert!(jp.get("jobLocationType").is_none(), "on site: {jp}");
    assert_eq!(jp["jobLocation"][0]["address"]["addressLocality"], "Berlin");
    assert_eq!(jp["baseSalary"]["value"]["value"], 15.5);
    assert_eq!(jp["baseSalary"]["value"]["unitText"], "HOUR");
    assert_eq!(jp["baseSalary"]["currency"], "EUR");
    let page = read(site.join("public/jobs/barista-cafe-2/index.html"));
    assert!(page.contains("mailto:jobs@cafe-kranzler.de"), "the apply address");

    let jp = job_posting(&read(site.join("public/jobs/support-engineer/index.html")));
    assert_eq!(jp["jobLocationType"], "TELECOMMUTE");
    assert!(jp["applicantLocationRequirements"].as_array().unwrap().len() > 190, "worldwide: every country");
    // Without --apply, the apply address stays a marked placeholder.
    let text = read(site.join("content/jobs/support-engineer.md"));
    assert!(text.lines().any(|l| l.starts_with("apply: jobs@example.com") && has_todo(l)), "{text}");
}

#[test]
fn the_init_example_passes_check_strict_once_its_todos_are_dealt_with() {
    let (_tmp, site) = init_site(&[
        "--base-url",
        "https://careers.acme-robotics.com/",
        "--organization",
        "Acme Robotics",
        "--organization-url",
        "https://acme-robotics.com",
    ]);
    let path = site.join("content/jobs/senior-backend-engineer.md");
    let edited: String = read(&path)
        .lines()
        .filter_map(|l| match l {
            l if l.starts_with("apply:") => Some("apply: https://acme-robotics.com/jobs/backend".to_string()),
            l if has_todo(l) => None,
            // The top comment's second line goes with its first.
            l if l.starts_with("# `vacancy new") => None,
            l => Some(l.to_string()),
        })
        .map(|l| l + "\n")
        .collect();
    assert!(!edited.lines().any(has_todo), "{edited}");
    assert!(!edited.contains("example.com") && !edited.contains("Example Co"), "{edited}");
    std::fs::write(&path, edited).unwrap();
    let check = vacancy(&["check", "--root", s(&site), "--now", NOW, "--strict"]);
    assert_eq!(check.stderr, "0 errors, 0 warnings in 1 posting\n");
    assert_eq!(check.code, 0);
}
