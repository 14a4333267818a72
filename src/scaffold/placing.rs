//! How `init` puts a file where one may already be: a user's edits are never lost.
//!
//! A missing file is created; one identical to what `init` writes is left alone. A file
//! that differs is the user's: it stays, and the new version is written beside it as
//! `FILE.new`, unless the user named the file with `--replace`, and then theirs is first
//! saved as `FILE.bak`.

use crate::build::Failure;
use anyhow::Context;
use std::path::Path;

/// What happened to one file, for the list `init` prints.
#[derive(Debug, PartialEq, Eq)]
pub enum Placed {
    Created,
    Unchanged,
    /// The user's file was kept; the new version is at this site-relative path.
    KeptBeside(String),
    /// The user's file was replaced after being saved at this site-relative path.
    Replaced(String),
}

impl Placed {
    /// The note after the file's name: "" or " (kept yours; …)".
    pub fn note(&self) -> String {
        match self {
            Placed::Created => String::new(),
            Placed::Unchanged => " (unchanged)".into(),
            Placed::KeptBeside(new) => format!(" (kept yours; the new version is {new})"),
            Placed::Replaced(bak) => format!(" (replaced; yours is saved as {bak})"),
        }
    }
}

/// Writes `bytes` to `dir/rel` following the rules above.
pub fn place(dir: &Path, rel: &str, bytes: &[u8], replace: bool) -> Result<Placed, Failure> {
    let path = dir.join(rel);
    let existing = match std::fs::read(&path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(anyhow::Error::new(e).context(format!("reading {}", path.display())).into()),
    };
    let placed = match existing {
        None => Placed::Created,
        Some(old) if old == bytes => return Ok(Placed::Unchanged),
        Some(old) if replace => {
            let bak = free_name(dir, rel, "bak", &old);
            write(&dir.join(&bak), &old)?;
            Placed::Replaced(bak)
        }
        Some(_) => {
            let new = free_name(dir, rel, "new", bytes);
            write(&dir.join(&new), bytes)?;
            return Ok(Placed::KeptBeside(new));
        }
    };
    write(&path, bytes)?;
    Ok(placed)
}

/// `rel.ext`, or `rel.ext-2`, `rel.ext-3`…: the first that is missing or already holds
/// `bytes`, so running `init --force` twice does not pile up copies.
fn free_name(dir: &Path, rel: &str, ext: &str, bytes: &[u8]) -> String {
    (1..)
        .map(|n| if n == 1 { format!("{rel}.{ext}") } else { format!("{rel}.{ext}-{n}") })
        .find(|name| std::fs::read(dir.join(name)).map_or(true, |b| b == bytes))
        .expect("some suffix is free")
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_edits_and_backs_up_before_replacing() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        assert_eq!(place(dir, "a/c.yaml", b"new", false).unwrap(), Placed::Created);
        assert_eq!(place(dir, "a/c.yaml", b"new", false).unwrap(), Placed::Unchanged);
        std::fs::write(dir.join("a/c.yaml"), "mine").unwrap();
        assert_eq!(place(dir, "a/c.yaml", b"new", false).unwrap(), Placed::KeptBeside("a/c.yaml.new".into()));
        assert_eq!(std::fs::read_to_string(dir.join("a/c.yaml")).unwrap(), "mine");
        // Again: the same .new file is reused, not a second copy.
        assert_eq!(place(dir, "a/c.yaml", b"new", false).unwrap(), Placed::KeptBeside("a/c.yaml.new".into()));
        std::fs::write(dir.join("a/c.yaml.bak"), "older backup").unwrap();
        assert_eq!(place(dir, "a/c.yaml", b"new", true).unwrap(), Placed::Replaced("a/c.yaml.bak-2".into()));
        assert_eq!(std::fs::read_to_string(dir.join("a/c.yaml.bak-2")).unwrap(), "mine");
        assert_eq!(std::fs::read_to_string(dir.join("a/c.yaml.bak")).unwrap(), "older backup");
        assert_eq!(std::fs::read_to_string(dir.join("a/c.yaml")).unwrap(), "new");
    }
}
