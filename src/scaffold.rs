//! `vacancy init`, `vacancy new` and `vacancy eject-theme`: files that start a site or a posting.
//!
//! The starter files live next to this module as real files (`scaffold/config.yaml`,
//! `scaffold/vacancy.yml`, …) and are compiled in with `include_str!`, so they can be read
//! and reviewed as the YAML and Markdown they are. Nothing here overwrites a user's file
//! without `--force`.

pub mod install_source;
mod posting;

use crate::build::Failure;
use crate::cli::{EjectThemeArgs, InitArgs, NewArgs};
use crate::diagnostic::Diagnostic;
use crate::render::theme::{DEFAULT_THEME, embedded_files};
use anyhow::Context;
use jiff::civil::Date;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const CONFIG: &str = include_str!("scaffold/config.yaml");
const EXAMPLE_POSTING: &str = include_str!("scaffold/example-posting.md");
const WORKFLOW: &str = include_str!("scaffold/vacancy.yml");
const GITIGNORE: &str = "# The built site: `vacancy build` writes it, CI deploys it.\n/public/\n# Left behind only when a build is interrupted.\n/.public.staging-*\n";

/// Where `init` puts the example posting, relative to the site root.
pub const EXAMPLE_POSTING_PATH: &str = "content/jobs/senior-backend-engineer.md";
/// Where `init` puts the GitHub Actions workflow, relative to the site root.
pub const WORKFLOW_PATH: &str = ".github/workflows/vacancy.yml";

/// `vacancy init [DIR]`.
pub fn init(args: &InitArgs) -> Result<ExitCode, Failure> {
    let dir = &args.dir;
    if !args.force && !is_empty_dir(dir)? {
        return Err(Failure::Invalid(vec![
            Diagnostic::error("not-empty", dir, "folder is not empty").help(
                "pass --force to create the site here anyway: files vacancy writes are replaced, all others are kept",
            ),
        ]));
    }
    let today = crate::dates::resolve_now(None)?.date(&jiff::tz::TimeZone::UTC);
    let install_from = install_source::resolve(args.install_from.as_deref());
    let mut created = Vec::new();
    let mut workflow = String::new();
    for (rel, text) in site_files(today, install_from.as_deref()) {
        created.push(write(dir, rel, &text)?);
        if rel == WORKFLOW_PATH {
            workflow = text;
        }
    }
    created.push(write_gitignore(dir)?);
    if args.theme {
        created.extend(eject(dir, args.force)?);
    }
    let place = if dir == Path::new(".") { "the current folder".into() } else { dir.display().to_string() };
    print_created(&format!("Created a Vacancy site in {place}:"), &created);
    print_next_steps(dir);
    if install_from.is_none() {
        let path = shown(dir, Path::new(WORKFLOW_PATH));
        crate::diagnostic::print_human(&[install_source::missing_warning(
            &path.to_string_lossy(),
            &workflow,
        )]);
    }
    Ok(ExitCode::SUCCESS)
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

/// The files of a new site, with their text; `today` dates the example posting, and the
/// workflow installs vacancy from `install_from` (left empty when unknown).
fn site_files(today: Date, install_from: Option<&str>) -> Vec<(&'static str, String)> {
    // A posting closing in three months stays clear of the "closing soon" warning for a while.
    let closes = today.saturating_add(jiff::Span::new().months(3));
    vec![
        ("config.yaml", CONFIG.to_string()),
        (
            EXAMPLE_POSTING_PATH,
            EXAMPLE_POSTING.replace("@POSTED@", &today.to_string()).replace("@CLOSES@", &closes.to_string()),
        ),
        ("static/.gitkeep", String::new()),
        (
            WORKFLOW_PATH,
            WORKFLOW
                .replace("@VERSION@", env!("CARGO_PKG_VERSION"))
                .replace("@REPOSITORY@", install_from.unwrap_or_default()),
        ),
    ]
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
    note: &'static str,
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
    Ok(Written { rel: rel.to_string(), note })
}

/// A `.gitignore` that exists already is extended, never replaced: it holds the user's rules.
fn write_gitignore(dir: &Path) -> Result<Written, Failure> {
    let path = dir.join(".gitignore");
    let Ok(existing) = std::fs::read_to_string(&path) else {
        return write(dir, ".gitignore", GITIGNORE);
    };
    if existing.lines().any(|l| matches!(l.trim(), "/public/" | "public/" | "/public" | "public")) {
        return Ok(Written { rel: ".gitignore".into(), note: " (kept: it already ignores public/)" });
    }
    let sep = if existing.is_empty() || existing.ends_with('\n') { "" } else { "\n" };
    std::fs::write(&path, format!("{existing}{sep}{GITIGNORE}"))
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(Written { rel: ".gitignore".into(), note: " (added public/)" })
}

/// Where `eject-theme` copies the default theme, relative to the site root.
const THEME_DIR: &str = "themes/default";

/// Copies the built-in theme's `templates/` and `static/` into `root/themes/default/`.
/// Refuses, writing nothing, if any of those files exist and `force` is off: they may hold
/// the user's edits.
fn eject(root: &Path, force: bool) -> Result<Vec<Written>, Failure> {
    let files: Vec<(String, &'static [u8])> = ["templates", "static"]
        .into_iter()
        .flat_map(|dir| {
            embedded_files(&DEFAULT_THEME, dir)
                .into_iter()
                .map(move |(rel, b)| (format!("{THEME_DIR}/{dir}/{rel}"), b))
        })
        .collect();
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

fn print_next_steps(dir: &Path) {
    println!("\nNext steps:");
    if dir != Path::new(".") {
        println!("  cd {}", shell_quote(dir));
    }
    println!("  vacancy serve                        # preview at http://127.0.0.1:1111 as you edit");
    println!("  vacancy new \"Senior Rust Engineer\"   # start a posting from a template");
    println!(
        "\nThen set title, base_url and organization in config.yaml. To publish, push to GitHub and\n\
         set Settings → Pages → Source to \"GitHub Actions\": {WORKFLOW_PATH} checks pull\n\
         requests and deploys main."
    );
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
