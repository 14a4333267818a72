//! `vacancy init`, `vacancy new` and `vacancy eject-theme`: files that start a site or a posting.
//!
//! The starter files live next to this module as real files (`scaffold/config.yaml`,
//! `scaffold/vacancy.yml`, …) and are compiled in with `include_str!`, so they can be read
//! and reviewed as the YAML and Markdown they are. Every placeholder in them carries the
//! word `TODO` on its line, which `build` and `check` refuse in a published posting.
//! Nothing here overwrites a user's file without a backup (see `placing`).

mod emit;
pub mod install_source;
mod placing;
mod posting;
mod posting_flags;
mod site_config;

use crate::build::Failure;
use crate::cli::{EjectThemeArgs, InitArgs, NewArgs};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::render::theme::{DEFAULT_THEME, embedded_files};
use anyhow::Context;
use jiff::civil::Date;
use placing::Placed;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXAMPLE_POSTING: &str = include_str!("scaffold/example-posting.md");
const WORKFLOW: &str = include_str!("scaffold/vacancy.yml");
const GITIGNORE: &str = "# The built site: `vacancy build` writes it, CI deploys it.\n/public/\n# Left behind only when a build is interrupted.\n/.public.staging-*\n# Social cards drawn by earlier builds, reused while a posting is unchanged.\n/.vacancy-cache/\n";

/// Where `init` puts the example posting, relative to the site root.
pub const EXAMPLE_POSTING_PATH: &str = "content/jobs/senior-backend-engineer.md";
/// Where `init` puts the GitHub Actions workflow, relative to the site root.
pub const WORKFLOW_PATH: &str = ".github/workflows/vacancy.yml";

/// `vacancy init [DIR]`.
pub fn init(args: &InitArgs) -> Result<ExitCode, Failure> {
    let dir = &args.dir;
    let mut errors = Vec::new();
    let values = site_config::resolve(args).unwrap_or_else(|e| {
        errors.extend(e);
        site_config::SiteValues::default()
    });
    let today = crate::dates::resolve_now(None)?.date(&jiff::tz::TimeZone::UTC);
    let install_from = install_source::resolve(args.install_from.as_deref());
    let config = site_config::text(&values);
    site_config::verify(&config).map_err(Failure::Invalid)?;
    let mut files = site_files(today, config, install_from.as_deref());
    if args.theme {
        files.extend(theme_files());
    }
    let replace = replace_list(dir, &args.replace, &files, &mut errors);
    if !errors.is_empty() {
        return Err(Failure::Invalid(errors));
    }
    let force = args.force || !args.replace.is_empty();
    if !force && !is_empty_dir(dir)? {
        return Err(Failure::Invalid(vec![Diagnostic::error("not-empty", dir, "folder is not empty").help(
            "pass --force to create the site here anyway: your files are kept, and where one differs from \
             vacancy's the new version is written beside it as FILE.new",
        )]));
    }
    let mut written = Vec::new();
    for (rel, bytes) in &files {
        let placed = placing::place(dir, rel, bytes, replace.contains(rel))?;
        written.push(Written {
            rel: rel.clone(),
            note: placed.note(),
            kept: matches!(placed, Placed::KeptBeside(_)),
        });
    }
    written.push(write_gitignore(dir)?);
    let place = if dir == Path::new(".") { "the current folder".into() } else { dir.display().to_string() };
    print_created(&format!("Created a Vacancy site in {place}:"), &written);
    print_kept(&written);
    print_next_steps(dir, &values.placeholders());
    if install_from.is_none() {
        let path = shown(dir, Path::new(WORKFLOW_PATH));
        let workflow = files
            .iter()
            .find(|(rel, _)| rel == WORKFLOW_PATH)
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default();
        crate::diagnostic::print_human(&[install_source::missing_warning(
            &path.to_string_lossy(),
            &workflow,
        )]);
    }
    Ok(ExitCode::SUCCESS)
}

/// The files named by `--replace`, checked against the files `init` writes.
fn replace_list(
    dir: &Path,
    names: &[String],
    files: &[(String, Vec<u8>)],
    errors: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let known: Vec<&str> = files.iter().map(|(rel, _)| rel.as_str()).collect();
    let mut list = Vec::new();
    for name in names {
        // `my-site/config.yaml` names the same file as `config.yaml` in `init my-site`.
        let path = Path::new(name.trim());
        let rel = path.strip_prefix(dir).unwrap_or(path).to_string_lossy().replace('\\', "/");
        let rel = rel.trim_start_matches("./");
        if known.contains(&rel) {
            list.push(rel.to_string());
            continue;
        }
        let listed = format!("files vacancy init writes: {}", known.join(", "));
        let help = match did_you_mean(rel, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? {listed}"),
            None => listed,
        };
        errors.push(
            Diagnostic::error(
                "invalid-flag",
                "--replace",
                format!("\"{name}\" is not a file vacancy init writes"),
            )
            .help(help),
        );
    }
    list
}

/// `vacancy new "Title"`.
pub fn new_posting(args: &NewArgs) -> Result<ExitCode, Failure> {
    posting::run(args)
}

/// `vacancy eject-theme`.
pub fn eject_theme(args: &EjectThemeArgs) -> Result<ExitCode, Failure> {
    let written = eject(&args.root, args.force)?;
    print_created(
        &format!("Copied the default theme into {}:", shown(&args.root, Path::new(THEME_DIR)).display()),
        &written,
    );
    println!(
        "\nWith `theme: default` in config.yaml these files now replace the built-in ones.\n\
         Delete any you don't change: the built-in version is used for a missing file, and it\n\
         keeps up with new vacancy releases."
    );
    Ok(ExitCode::SUCCESS)
}

/// The files of a new site, with their contents; `today` dates the example posting, and the
/// workflow installs vacancy from `install_from` (left empty when unknown).
fn site_files(today: Date, config: String, install_from: Option<&str>) -> Vec<(String, Vec<u8>)> {
    // A posting closing in three months stays clear of the "closing soon" warning for a while.
    let closes = today.saturating_add(jiff::Span::new().months(3));
    let posting =
        EXAMPLE_POSTING.replace("@POSTED@", &today.to_string()).replace("@CLOSES@", &closes.to_string());
    [
        ("config.yaml", config),
        (EXAMPLE_POSTING_PATH, posting),
        ("static/.gitkeep", String::new()),
        (
            WORKFLOW_PATH,
            WORKFLOW
                .replace("@VERSION@", env!("CARGO_PKG_VERSION"))
                .replace("@REPOSITORY@", install_from.unwrap_or_default()),
        ),
    ]
    .into_iter()
    .map(|(rel, text)| (rel.to_string(), text.into_bytes()))
    .collect()
}

/// Empty, missing, or holding only `.git` (a fresh `git init` is a fine place for a site).
fn is_empty_dir(dir: &Path) -> Result<bool, Failure> {
    if !dir.exists() {
        return Ok(true);
    }
    let entries = std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        if entry.file_name() != ".git" {
            return Ok(false);
        }
    }
    Ok(true)
}

/// How a file came to be, for the list `init` and `eject-theme` print.
struct Written {
    rel: String,
    note: String,
    /// The user's version was kept and the new one written beside it.
    kept: bool,
}

/// Writes `text` to `dir/rel`, creating folders; notes when a file was replaced.
fn write(dir: &Path, rel: &str, text: &str) -> Result<Written, Failure> {
    write_bytes(dir, rel, text.as_bytes())
}

fn write_bytes(dir: &Path, rel: &str, bytes: &[u8]) -> Result<Written, Failure> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    let note = if path.exists() { " (replaced)" } else { "" };
    std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
    Ok(Written { rel: rel.to_string(), note: note.into(), kept: false })
}

/// A `.gitignore` that exists already is extended, never replaced: it holds the user's rules.
fn write_gitignore(dir: &Path) -> Result<Written, Failure> {
    let path = dir.join(".gitignore");
    let Ok(existing) = std::fs::read_to_string(&path) else {
        return write(dir, ".gitignore", GITIGNORE);
    };
    if existing.lines().any(|l| matches!(l.trim(), "/public/" | "public/" | "/public" | "public")) {
        return Ok(Written {
            rel: ".gitignore".into(),
            note: " (kept: it already ignores public/)".into(),
            kept: false,
        });
    }
    let sep = if existing.is_empty() || existing.ends_with('\n') { "" } else { "\n" };
    std::fs::write(&path, format!("{existing}{sep}{GITIGNORE}"))
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(Written { rel: ".gitignore".into(), note: " (added public/)".into(), kept: false })
}

/// Where `eject-theme` copies the default theme, relative to the site root.
const THEME_DIR: &str = "themes/default";

/// The built-in theme's `templates/` and `static/` files, as `themes/default/…` paths, plus a
/// record of the template contract version they follow (`check` compares it with later releases).
fn theme_files() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = ["templates", "static"]
        .into_iter()
        .flat_map(|dir| {
            embedded_files(&DEFAULT_THEME, dir)
                .into_iter()
                .map(move |(rel, b)| (format!("{THEME_DIR}/{dir}/{rel}"), b.to_vec()))
        })
        .collect();
    let record = format!("{THEME_DIR}/{}", crate::render::contract::RECORD_FILE);
    files.push((record, crate::render::contract::record_text().into_bytes()));
    files
}

/// Copies the built-in theme into `root/themes/default/`. Refuses, writing nothing, if any
/// of those files exist and `force` is off: they may hold the user's edits.
fn eject(root: &Path, force: bool) -> Result<Vec<Written>, Failure> {
    let files = theme_files();
    if !force {
        let clashes: Vec<Diagnostic> = files
            .iter()
            .filter(|(rel, _)| root.join(rel).exists())
            .map(|(rel, _)| {
                Diagnostic::error("file-exists", rel, "already exists")
                    .help("eject-theme does not overwrite your edits; pass --force to replace the file with the built-in one")
            })
            .collect();
        if !clashes.is_empty() {
            return Err(Failure::Invalid(clashes));
        }
    }
    files.iter().map(|(rel, bytes)| write_bytes(root, rel, bytes)).collect()
}

fn print_created(heading: &str, files: &[Written]) {
    println!("{heading}");
    for f in files {
        println!("  {}{}", f.rel, f.note);
    }
}

/// When `init --force` kept a user's file, how to take the new version.
fn print_kept(files: &[Written]) {
    let kept: Vec<&str> = files.iter().filter(|f| f.kept).map(|f| f.rel.as_str()).collect();
    if let Some(first) = kept.first() {
        println!(
            "\nYour version of {} differs from vacancy's, so it was kept. Compare the two and\n\
             merge what you need, or run `vacancy init --force --replace {first}` to take the new\n\
             version (yours is then saved as {first}.bak).",
            kept.join(", ")
        );
    }
}

fn print_next_steps(dir: &Path, placeholders: &[&str]) {
    if crate::term::quiet() {
        return;
    }
    println!("\nNext steps:");
    if dir != Path::new(".") {
        println!("  cd {}", shell_quote(dir));
    }
    println!("  vacancy serve                        # preview at http://127.0.0.1:1111 as you edit");
    println!("  vacancy new \"Senior Rust Engineer\"   # start a posting from a template");
    println!(
        "\nThe example posting, {EXAMPLE_POSTING_PATH}, is a draft, so nothing fake is\n\
         published: `vacancy serve` shows drafts, `vacancy build --drafts` includes them and\n\
         `vacancy build` leaves them out. To publish a posting, replace every TODO in it and\n\
         delete its `draft: true` line; `vacancy check` lists what is left."
    );
    if !placeholders.is_empty() {
        println!("\nSet {} in config.yaml (the lines marked TODO).", and_list(placeholders));
    }
    println!(
        "\nTo publish the site, push to GitHub and set Settings → Pages → Source to\n\
         \"GitHub Actions\": {WORKFLOW_PATH} checks pull requests and deploys main."
    );
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Quotes a path for a POSIX shell when it needs it.
fn shell_quote(p: &Path) -> String {
    let s = p.to_string_lossy();
    if s.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c)) {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// `dir/rel` as the user would type it: `./x` shown as `x`.
fn shown(dir: &Path, rel: &Path) -> PathBuf {
    let p = dir.join(rel);
    p.strip_prefix(".").map(Path::to_path_buf).unwrap_or(p)
}
