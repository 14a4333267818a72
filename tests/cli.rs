//! What people expect of a command-line tool, on the real binary: shell completions,
//! `--quiet` / `--verbose`, colour (`--color`, `NO_COLOR`, `CLICOLOR_FORCE`), no progress
//! bar outside a terminal, and help and messages that fit the command.

mod common;

use common::{NOW, fixtures, site_copy};
use std::path::Path;
use std::process::Command;

/// The escape character that starts every colour code.
const ESC: char = '\x1b';

struct Out {
    stdout: String,
    stderr: String,
    code: Option<i32>,
}

/// Runs `vacancy <args>` with `env` set and every variable that steers colour, progress
/// or the clock removed first, so the developer's own environment cannot leak in.
fn run(args: &[&str], env: &[(&str, &str)]) -> Out {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vacancy"));
    for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "CI", "SOURCE_DATE_EPOCH", "TERM"] {
        cmd.env_remove(var);
    }
    let out = cmd.args(args).envs(env.iter().copied()).output().expect("running vacancy");
    Out {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code(),
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `vacancy check` on the minimal fixture, which has six editorial warnings.
fn check_minimal(extra: &[&str], env: &[(&str, &str)]) -> Out {
    let root = fixtures().join("minimal");
    let mut args = vec!["check", "--root", s(&root), "--now", NOW];
    args.extend_from_slice(extra);
    run(&args, env)
}

/// `vacancy build` of a fresh copy of the minimal fixture.
fn build_minimal(extra: &[&str], env: &[(&str, &str)]) -> (tempfile::TempDir, Out) {
    let dir = site_copy("minimal");
    let mut args = vec!["build", "--root", s(dir.path()), "--now", NOW];
    args.extend_from_slice(extra);
    let out = run(&args, env);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    (dir, out)
}

#[test]
fn completions_for_every_shell_name_every_command() {
    let markers = [
        ("bash", "complete -F"),
        ("zsh", "#compdef vacancy"),
        ("fish", "complete -c vacancy"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer"),
    ];
    for (shell, marker) in markers {
        let out = run(&["completions", shell], &[]);
        assert_eq!(out.code, Some(0), "{shell}: {}", out.stderr);
        assert!(out.stdout.contains(marker), "{shell} script lacks {marker:?}");
        for word in ["build", "check", "serve", "init", "new", "eject-theme", "completions", "quiet", "color"]
        {
            assert!(out.stdout.contains(word), "{shell} script lacks {word}");
        }
        assert!(out.stderr.is_empty(), "{shell}: {}", out.stderr);
        assert!(!out.stdout.contains(ESC), "{shell}: a script is never coloured");
    }
}

#[test]
fn completions_name_the_shells_it_knows() {
    let out = run(&["completions", "tcsh"], &[]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("bash") && out.stderr.contains("powershell"), "{}", out.stderr);
}

#[test]
fn output_into_a_pipe_is_not_coloured() {
    let out = check_minimal(&[], &[]);
    assert!(out.stderr.contains("warning: content/jobs/designer.md:12:1:"), "{}", out.stderr);
    assert!(!out.stderr.contains(ESC), "{:?}", out.stderr);
}

#[test]
fn color_always_colours_severities_paths_and_help() {
    let plain = check_minimal(&[], &[]);
    let out = check_minimal(&["--color", "always"], &[]);
    assert!(out.stderr.contains("\x1b[1m\x1b[33mwarning\x1b[0m"), "{:?}", out.stderr);
    assert!(out.stderr.contains("\x1b[1mcontent/jobs/designer.md:12:1\x1b[0m"), "{:?}", out.stderr);
    assert!(out.stderr.contains("\x1b[1m\x1b[36mhelp\x1b[0m"), "{:?}", out.stderr);
    // The same text once the colour codes are taken out.
    assert_eq!(anstream::adapter::strip_str(&out.stderr).to_string(), plain.stderr);
    // The flag works after the subcommand and before it.
    let root = fixtures().join("minimal");
    let before = run(&["--color", "always", "check", "--root", s(&root), "--now", NOW], &[]);
    assert_eq!(before.stderr, out.stderr);
}

#[test]
fn errors_are_coloured_too() {
    let missing = tempfile::tempdir().unwrap();
    let out = run(&["build", "--root", s(missing.path()), "--color", "always"], &[]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.starts_with("\x1b[1m\x1b[31merror\x1b[0m: reading "), "{:?}", out.stderr);
}

#[test]
fn clicolor_force_colours_and_no_color_or_never_do_not() {
    let forced = check_minimal(&[], &[("CLICOLOR_FORCE", "1")]);
    assert!(forced.stderr.contains(ESC), "CLICOLOR_FORCE colours a pipe");
    for (extra, env) in [
        (&[][..], &[("NO_COLOR", "1")][..]),
        (&[][..], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")][..]),
        (&["--color", "never"][..], &[("CLICOLOR_FORCE", "1")][..]),
    ] {
        let out = check_minimal(extra, env);
        assert!(out.stderr.contains("warning: content/jobs/designer.md"), "{}", out.stderr);
        assert!(!out.stderr.contains(ESC), "{extra:?} {env:?}: {:?}", out.stderr);
    }
}

#[test]
fn machine_formats_are_never_coloured() {
    for format in ["json", "github"] {
        let out = check_minimal(&["--format", format, "--color", "always"], &[]);
        assert_eq!(out.stdout.lines().count(), 6, "{format}: {}", out.stdout);
        assert!(!out.stdout.contains(ESC), "{format}: {:?}", out.stdout);
    }
}

#[test]
fn quiet_prints_warnings_but_no_summary() {
    let normal = check_minimal(&[], &[]);
    let quiet = check_minimal(&["--quiet"], &[]);
    assert!(normal.stderr.ends_with("0 errors, 6 warnings in 6 postings\n"), "{}", normal.stderr);
    assert_eq!(quiet.stderr, normal.stderr.replace("0 errors, 6 warnings in 6 postings\n", ""));
    assert_eq!(quiet.code, Some(0));

    let (_dir, out) = build_minimal(&["-q"], &[]);
    assert_eq!(out.stderr, "", "a clean quiet build says nothing");
    let (dir, out) = build_minimal(&[], &[]);
    assert!(out.stderr.starts_with("Built 3 postings"), "{}", out.stderr);
    assert!(dir.path().join("public/index.html").exists());
}

#[test]
fn quiet_still_reports_errors() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&fixtures().join("invalid/_base"), dir.path());
    common::copy_dir(&fixtures().join("invalid/bad-config"), dir.path());
    let out = run(&["build", "--root", s(dir.path()), "--now", NOW, "--quiet"], &[]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("error: config.yaml:3:11: timezone:"), "{}", out.stderr);
    assert!(!out.stderr.contains("errors found"), "no summary: {}", out.stderr);
}

#[test]
fn quiet_and_verbose_exclude_each_other() {
    let out = check_minimal(&["--quiet", "--verbose"], &[]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("cannot be used with"), "{}", out.stderr);
}

#[test]
fn verbose_build_names_stages_counts_and_the_output_folder() {
    let (dir, out) = build_minimal(&["--verbose"], &[]);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 8, "{}", out.stderr);
    assert_eq!(lines[0], "Postings: parsed 6, reused 0 from .vacancy-cache/postings");
    assert_eq!(lines[1], "Posting bodies: rendered 6, reused 0 from .vacancy-cache/bodies");
    let lines = &lines[2..];
    assert!(lines[0].starts_with("Read 6 postings and 1 company file in "), "{}", lines[0]);
    let public = dir.path().join("public");
    // The count is the files the build really wrote.
    let files = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter(|e| e.as_ref().unwrap().file_type().is_file())
        .count();
    assert!(lines[1].starts_with(&format!("Rendered {files} files in ")), "{}", lines[1]);
    assert!(lines[2].starts_with(&format!("Updated {} in ", public.display())), "{}", lines[2]);
    assert!(lines[2].contains(&format!(": wrote {files} files (")), "{}", lines[2]);
    assert!(lines[2].ends_with("removed 0 files, left 0 unchanged"), "{}", lines[2]);
    // `/jobs-indeed.xml`, the one export that lists every body in one file, and the state
    // file and change manifest, which list every posting URL.
    assert_eq!(
        lines[3],
        "Streamed 3 files to disk as produced, never whole in memory, copying 0 pieces unchanged from the previous output"
    );
    assert!(
        lines[4].starts_with("4 posting URLs changed since the previous build (4 added,"),
        "{}",
        lines[4]
    );
    assert!(lines[5].starts_with("Built 3 postings"), "{}", lines[5]);
}

#[test]
fn verbose_check_counts_the_rules_that_fired() {
    let out = check_minimal(&["-v"], &[]);
    let root = fixtures().join("minimal");
    assert!(out.stderr.contains(&format!("\nChecked {} in ", root.display())), "{}", out.stderr);
    assert!(out.stderr.ends_with("By rule: short-description 5, expired 1\n"), "{}", out.stderr);
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    // Not a terminal here (stderr is a pipe), even with colour forced and outside CI.
    let (_dir, out) = build_minimal(&["--color", "always"], &[]);
    assert!(!out.stderr.contains('\r'), "{:?}", out.stderr);
    assert!(!out.stderr.contains(ESC), "{:?}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "only the summary: {:?}", out.stderr);
}

#[test]
fn check_after_a_config_error_reports_it_without_claiming_to_write() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&fixtures().join("invalid/_base"), dir.path());
    common::copy_dir(&fixtures().join("invalid/bad-config"), dir.path());
    let out = run(&["check", "--root", s(dir.path()), "--now", NOW], &[]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.starts_with("error: config.yaml:2:11: base_url:"), "{}", out.stderr);
    assert!(out.stderr.ends_with("\n5 errors, 0 warnings in 0 postings\n"), "{}", out.stderr);
    assert!(!out.stderr.contains("written"), "{}", out.stderr);
    // In the chosen format, like any other problem.
    let json = run(&["check", "--root", s(dir.path()), "--now", NOW, "--format", "json"], &[]);
    let first: serde_json::Value = serde_json::from_str(json.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["file"], "config.yaml");
    assert_eq!(first["field"], "base_url");
    assert_eq!(json.stdout.lines().count(), 5);
    // `build` does write, so it says that it did not.
    let build = run(&["build", "--root", s(dir.path()), "--now", NOW], &[]);
    assert!(build.stderr.ends_with("5 errors found; nothing was written\n"), "{}", build.stderr);
}

#[test]
fn every_option_of_every_command_has_help() {
    for command in ["build", "check", "serve", "new", "eject-theme", "completions"] {
        let out = run(&[command, "-h"], &[]);
        assert_eq!(out.code, Some(0), "{command}");
        // An option line without a description is the flag alone, ending the line.
        for line in out.stdout.lines().filter(|l| l.trim_start().starts_with('-')) {
            let flag_only = line.trim_start().split("  ").filter(|p| !p.trim().is_empty()).count() == 1;
            assert!(!flag_only, "{command}: no help for {line:?}");
        }
    }
    let serve = run(&["serve", "--help"], &[]);
    assert!(serve.stdout.contains("The port to listen on"), "{}", serve.stdout);
}

#[test]
fn color_applies_to_help_and_usage_errors_too() {
    let coloured = run(&["build", "--bogus", "--color", "always"], &[]);
    assert_eq!(coloured.code, Some(2));
    assert!(coloured.stderr.contains("\x1b[1m\x1b[31merror:"), "{:?}", coloured.stderr);
    let help = run(&["--color=always", "check", "--help"], &[]);
    assert!(help.stdout.contains(ESC), "{:?}", help.stdout);
    for env in [&[][..], &[("NO_COLOR", "1")][..]] {
        let plain = run(&["build", "--bogus", "--color", "never"], env);
        assert!(plain.stderr.contains("error: unexpected argument '--bogus'"), "{}", plain.stderr);
        assert!(!plain.stderr.contains(ESC), "{:?}", plain.stderr);
    }
}

#[test]
fn quiet_new_prints_only_the_path_it_wrote() {
    let dir = site_copy("minimal");
    let new = |extra: &[&str]| {
        let mut args = vec!["new", "Platform Engineer", "--root", s(dir.path()), "--now", "2026-11-30"];
        args.extend_from_slice(extra);
        run(&args, &[])
    };
    let normal = new(&[]);
    assert_eq!(normal.code, Some(0), "{}", normal.stderr);
    assert!(!normal.stderr.is_empty(), "a hint on what to do next");
    let quiet = new(&["--quiet"]);
    assert_eq!(quiet.code, Some(0), "{}", quiet.stderr);
    assert_eq!(quiet.stderr, "");
    let path = dir.path().join(quiet.stdout.trim_end());
    assert!(path.is_file() && path != dir.path().join(normal.stdout.trim_end()), "{}", quiet.stdout);
}
