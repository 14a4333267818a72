//! `sitemap: {lastmod: git}`: when each file of the site was last committed, from one
//! `git log` pass over the whole history (one process, however many postings).

use jiff::Timestamp;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Site-relative path → time of the newest commit that touched it.
pub type LastCommits = HashMap<PathBuf, Timestamp>;

/// Runs `git log` in `root`. Fails with a sentence for the user when git is missing or
/// `root` is not in a repository; a shallow clone is a second, softer problem, returned
/// beside the dates, as they would be those of the clone's one commit.
pub fn last_commits(root: &Path) -> Result<(LastCommits, Option<String>), String> {
    // Paths relative to `root` (`--relative`), unquoted even when not ASCII, and a file
    // renamed in a commit counts as touched there (`--no-renames`).
    let output =
        git(root, &["log", "--format=%x00%ct", "--name-only", "--no-renames", "--relative", "--", "."])?;
    let commits = parse_log(&output);
    let shallow = git(root, &["rev-parse", "--is-shallow-repository"])?;
    let warning = (shallow.trim() == "true")
        .then(|| "the git history is shallow, so every file seems changed at the last commit".to_string());
    Ok((commits, warning))
}

fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "core.quotepath=off"])
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!("git {} failed: {}", args[0], err.trim()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Reads `--format=%x00%ct --name-only` output, newest commit first: the first time a
/// path appears is its last change.
fn parse_log(log: &str) -> LastCommits {
    let mut commits = LastCommits::new();
    let mut current = None;
    for line in log.lines() {
        if let Some(secs) = line.strip_prefix('\0') {
            current = secs.trim().parse::<i64>().ok().and_then(|s| Timestamp::from_second(s).ok());
        } else if let (Some(t), false) = (current, line.is_empty()) {
            commits.entry(PathBuf::from(line)).or_insert(t);
        }
    }
    commits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_commit_wins_for_each_path() {
        let log = "\u{0}1764500000\n\ncontent/jobs/a.md\n\n\u{0}1764000000\n\ncontent/jobs/a.md\ncontent/jobs/b.md\n";
        let commits = parse_log(log);
        assert_eq!(commits[Path::new("content/jobs/a.md")].as_second(), 1764500000);
        assert_eq!(commits[Path::new("content/jobs/b.md")].as_second(), 1764000000);
        assert_eq!(commits.len(), 2);
    }
}
