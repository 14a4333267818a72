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
         Then set title, base_url and organization in config.yaml. To publish, push to GitHub and\n\
         set Settings → Pages → Source to \"GitHub Actions\": .github/workflows/vacancy.yml checks pull\n\
         requests and deploys main.\n"
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
    assert!(runs.iter().any(|r| r.starts_with("cargo install vacancy --locked --version")), "{runs:?}");
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
    assert!(cache["with"]["path"].as_str().unwrap().contains("~/.cargo/bin/vacancy"));
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
fn an_initialised_site_builds_and_passes_check_at_once() {
    let (_tmp, site) = init_site(&[]);
    let build = vacancy(&["build", "--root", s(&site), "--now", NOW]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(build.stderr.starts_with("Built 1 posting,"), "{}", build.stderr);
    let page = read(site.join("public/jobs/senior-backend-engineer/index.html"));
    assert!(page.contains("Senior Backend Engineer"));
    let check = vacancy(&["check", "--root", s(&site), "--now", NOW, "--strict"]);
    assert_eq!(check.stderr, "0 errors, 0 warnings in 1 posting\n");
    assert_eq!(check.code, 0);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let out = vacancy(&["init", s(tmp.path())]);
    assert_eq!(
        out.stderr,
        format!(
            "error: {}: folder is not empty\n  help: pass --force to create the site here anyway: \
             files vacancy writes are replaced, all others are kept\n1 error found; nothing was written\n",
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
    assert!(build.stderr.contains("(1 draft skipped)"), "{}", build.stderr);
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
