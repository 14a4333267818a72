//! Where a posting's front matter is, so rules that run after parsing (duplicate ids,
//! expired postings, example domains, aliases) can point into it.
//!
//! A posting read from a site's file keeps only where its front matter is, and reads the
//! file again when a diagnostic needs the text: held, the text was a quarter of a
//! posting's memory (0.7 KB on the benchmark board), for the few postings that ever get
//! a diagnostic after parsing. A posting parsed from text alone (tests, a scaffold's
//! preview) has no file to read again and holds it.

use super::front_matter::split;
use crate::yaml::YamlDoc;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct FrontMatter {
    /// File lines before the YAML text.
    offset: usize,
    /// Lines the YAML text takes, so the body's first line is known without the text.
    lines: usize,
    text: Text,
}

#[derive(Debug, Clone)]
enum Text {
    Held(Arc<str>),
    /// In the file at the posting's source path under this site folder.
    InFile(Arc<Path>),
}

impl FrontMatter {
    /// The front matter `yaml`, starting `offset` lines into its file, held.
    pub fn held(yaml: &str, offset: usize) -> FrontMatter {
        FrontMatter { offset, lines: yaml.lines().count(), text: Text::Held(yaml.into()) }
    }

    /// The same front matter, read again from its file in `root` when needed.
    pub fn in_file(self, root: &Arc<Path>) -> FrontMatter {
        FrontMatter { text: Text::InFile(root.clone()), ..self }
    }

    /// Lines before the YAML text and lines it takes, as stored by the posting cache.
    pub fn lines(&self) -> (usize, usize) {
        (self.offset, self.lines)
    }

    /// Front matter at known lines, in the file at the posting's source path under `root`.
    pub fn stored(offset: usize, lines: usize, root: &Arc<Path>) -> FrontMatter {
        FrontMatter { offset, lines, text: Text::InFile(root.clone()) }
    }

    /// The file line right after the closing `---`, where the body starts.
    pub fn body_line(&self) -> usize {
        self.offset + self.lines + 2
    }

    /// The front matter of the file `rel` whose bytes hash to `digest`, as a document to
    /// locate fields in. When the file is gone or has changed since it was parsed, the
    /// document is empty: its diagnostics name the file and field without a line, rather
    /// than a line of other text.
    pub fn doc<'a>(&'a self, rel: &'a Path, digest: &[u8; 32]) -> YamlDoc<'a> {
        match &self.text {
            Text::Held(text) => YamlDoc::new(rel, text, self.offset),
            Text::InFile(root) => {
                let text = reread(&root.join(rel), digest).unwrap_or_default();
                YamlDoc::owned(rel, text, self.offset)
            }
        }
    }
}

/// The YAML text of the file at `path`, if its bytes still hash to `digest`.
fn reread(path: &Path, digest: &[u8; 32]) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    if Sha256::digest(&bytes).as_slice() != digest {
        return None;
    }
    let text = super::encoding::decode(path, &bytes).ok()?;
    Some(split(text).ok()?.yaml.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "---\ntitle: A\ncloses: 2026-01-01\n---\nBody.\n";

    fn site(text: &str) -> (tempfile::TempDir, Arc<Path>, [u8; 32]) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/jobs")).unwrap();
        std::fs::write(dir.path().join("content/jobs/a.md"), text).unwrap();
        let root: Arc<Path> = dir.path().into();
        (dir, root, Sha256::digest(text.as_bytes()).into())
    }

    #[test]
    fn a_field_is_found_again_in_the_file() {
        let (_dir, root, digest) = site(FILE);
        let rel = Path::new("content/jobs/a.md");
        let fm = FrontMatter::held("title: A\ncloses: 2026-01-01\n", 1).in_file(&root);
        assert_eq!(fm.doc(rel, &digest).value_pos("closes"), Some((3, 9)));
        assert_eq!(fm.body_line(), 5);
    }

    #[test]
    fn a_file_changed_since_parsing_locates_nothing() {
        let (dir, root, digest) = site(FILE);
        std::fs::write(dir.path().join("content/jobs/a.md"), "---\n\n\ncloses: 2026-01-01\n---\n").unwrap();
        let rel = Path::new("content/jobs/a.md");
        let fm = FrontMatter::held("title: A\ncloses: 2026-01-01\n", 1).in_file(&root);
        assert_eq!(fm.doc(rel, &digest).value_pos("closes"), None);
        // The body line is known without the text.
        assert_eq!(fm.body_line(), 5);
    }
}
