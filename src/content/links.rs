//! Listing content files safely: symbolic links may not reach outside the site, dangling
//! ones are reported, and no file is read twice through a link (one file, one slug).

use crate::diagnostic::Diagnostic;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Content files under `root/dir` (site-relative, sorted) and the links refused on the way.
/// Hidden files and folders (`.git`, `.archive/`, editors' `.swp` files) are skipped.
pub fn walk(root: &Path, dir: &str) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut found: Vec<(PathBuf, PathBuf, bool)> = Vec::new();
    let mut problems = Vec::new();
    let Ok(site) = std::fs::canonicalize(root) else {
        return (Vec::new(), problems);
    };
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    // The real path of each folder walked, so that only links need resolving.
    let mut real_dirs: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut it = walkdir::WalkDir::new(root.join(dir))
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            // A site without the folder has no such content: nothing to report.
            Err(e) if e.depth() == 0 => continue,
            Err(e) => {
                let Some(path) = e.path() else { continue };
                let problem = if e.loop_ancestor().is_some() {
                    "is a symbolic link to a folder that contains it".to_string()
                } else if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) {
                    let target =
                        std::fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
                    format!("is a symbolic link to \"{target}\", which does not exist")
                } else {
                    format!("cannot be read: {e}")
                };
                problems.push(
                    Diagnostic::error("symlink", rel(path), problem)
                        .help("fix or delete the link; content files are ordinary files in the site"),
                );
                continue;
            }
        };
        let is_dir = entry.file_type().is_dir();
        if !is_dir && !entry.file_type().is_file() {
            continue;
        }
        let Some(real) = real_path(&entry, &real_dirs) else { continue };
        if is_dir {
            real_dirs.insert(entry.path().to_path_buf(), real.clone());
        }
        if !real.starts_with(&site) {
            problems.push(outside_site(&rel(entry.path()), &real));
            if is_dir {
                it.skip_current_dir();
            }
            continue;
        }
        if !is_dir {
            found.push((rel(entry.path()), real, entry.path_is_symlink()));
        }
    }
    // One file, one page: the real file wins over the links to it, then the first path.
    found.sort_by(|a, b| (a.2, &a.0).cmp(&(b.2, &b.0)));
    // Without links that is path order already (paths compare by component: not cheap).
    let links = found.iter().any(|f| f.2);
    let mut seen: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut files = Vec::with_capacity(found.len());
    for (path, real, _) in found {
        match seen.get(&real) {
            Some(first) => problems.push(
                Diagnostic::error(
                    "symlink",
                    &path,
                    format!(
                        "is a link to {}, which is already read; a file is published once",
                        first.display()
                    ),
                )
                .help("delete the link, or copy the file if you mean two postings"),
            ),
            None => {
                seen.insert(real, path.clone());
                files.push(path);
            }
        }
    }
    if links {
        files.sort();
    }
    problems.iter_mut().for_each(|d| *d = d.clone().at(1, 1));
    (files, problems)
}

/// Where `entry` really is. Resolving every path would cost a dozen `readlink` calls per
/// file (20,000 files on a large board); an entry that is not a link, in a folder whose
/// real path is known, is that folder's real path plus its name.
fn real_path(entry: &walkdir::DirEntry, real_dirs: &HashMap<PathBuf, PathBuf>) -> Option<PathBuf> {
    let parent = entry.path().parent().and_then(|p| real_dirs.get(p));
    match parent {
        Some(dir) if !entry.path_is_symlink() => Some(dir.join(entry.file_name())),
        _ => std::fs::canonicalize(entry.path()).ok(),
    }
}

fn outside_site(rel: &Path, real: &Path) -> Diagnostic {
    Diagnostic::error(
        "symlink",
        rel,
        format!("is a symbolic link to \"{}\", outside the site", real.display()),
    )
    .help("a pull request must not publish files from elsewhere on the machine; copy the file into the site")
}

/// One content file outside any walked folder (the home page's intro): refused when it is
/// a link to a file outside the site.
pub fn check_file(root: &Path, rel: &Path) -> Option<Diagnostic> {
    let site = std::fs::canonicalize(root).ok()?;
    let real = std::fs::canonicalize(root.join(rel)).ok()?;
    (!real.starts_with(&site)).then(|| outside_site(rel, &real).at(1, 1))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn refuses_outside_dangling_and_duplicate_links() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "x").unwrap();
        let site = tempfile::tempdir().unwrap();
        let jobs = site.path().join("content/jobs");
        std::fs::create_dir_all(&jobs).unwrap();
        std::fs::write(jobs.join("a.md"), "a").unwrap();
        std::fs::write(site.path().join("shared.md"), "s").unwrap();
        symlink(jobs.join("a.md"), jobs.join("0-again.md")).unwrap();
        symlink(outside.path().join("secret.md"), jobs.join("secret.md")).unwrap();
        symlink(outside.path(), jobs.join("elsewhere")).unwrap();
        symlink(jobs.join("gone.md"), jobs.join("dangling.md")).unwrap();
        symlink(site.path().join("shared.md"), jobs.join("shared.md")).unwrap();
        assert_eq!(walk(site.path(), "content/companies"), (vec![], vec![]), "a missing folder is empty");
        let (files, problems) = walk(site.path(), "content/jobs");
        assert_eq!(files, [Path::new("content/jobs/a.md"), Path::new("content/jobs/shared.md")]);
        let mut text: Vec<String> =
            problems.iter().map(|d| format!("{}: {}", d.location(), d.message)).collect();
        text.sort();
        assert_eq!(text.len(), 4, "{text:#?}");
        assert!(
            text[0].starts_with("content/jobs/0-again.md:1:1: is a link to content/jobs/a.md"),
            "{text:#?}"
        );
        assert!(text[1].starts_with("content/jobs/dangling.md:1:1: is a symbolic link to \""), "{text:#?}");
        assert!(text[1].ends_with("gone.md\", which does not exist"), "{text:#?}");
        assert!(
            text[2].starts_with("content/jobs/elsewhere:1:1: is a symbolic link to ")
                && text[2].ends_with("outside the site")
        );
        assert!(
            text[3].starts_with("content/jobs/secret.md:1:1: is a symbolic link to ")
                && text[3].ends_with("outside the site")
        );
    }
}
