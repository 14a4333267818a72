//! Loading `content/`: company files and postings, parsed in parallel.

pub mod company;
pub mod fields;
pub mod front_matter;
pub mod posting;
pub mod regions;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use company::{Company, parse_company};
use posting::Posting;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where postings live, relative to the site root.
pub const JOBS_DIR: &str = "content/jobs";
/// Where company files live, relative to the site root.
pub const COMPANIES_DIR: &str = "content/companies";

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Content {
    /// Valid postings, in source-path order.
    pub postings: Vec<Posting>,
    pub companies: HashMap<String, Arc<Company>>,
    /// Files under `content/jobs` that are not Markdown postings.
    pub stray_files: Vec<PathBuf>,
}

/// Site-relative paths of the files under `dir` (sorted, so runs are deterministic).
fn files_under(root: &Path, dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join(dir))
        .follow_links(true)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    files.sort();
    files
}

fn has_ext(p: &Path, exts: &[&str]) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e))
}

/// Reads a file for parsing; an unreadable file becomes a diagnostic, not a crash.
fn read(root: &Path, rel: &Path) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(root.join(rel)).map_err(|e| Diagnostic::error("io", rel, format!("cannot read file: {e}")))
}

fn load_companies(root: &Path, config: &Config, out: &mut Vec<Diagnostic>) -> HashMap<String, Arc<Company>> {
    let mut companies = HashMap::new();
    for rel in files_under(root, COMPANIES_DIR).into_iter().filter(|p| has_ext(p, &["yaml", "yml"])) {
        let key = rel.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        let bytes = match read(root, &rel) {
            Ok(b) => b,
            Err(d) => {
                out.push(d);
                continue;
            }
        };
        let Ok(text) = String::from_utf8(bytes) else {
            out.push(Diagnostic::error("not-utf8", &rel, "file is not valid UTF-8").at(1, 1));
            continue;
        };
        let doc = crate::yaml::YamlDoc::new(&rel, &text, 0);
        if crate::site::urls::slugify(&key) != key {
            out.push(
                Diagnostic::error("invalid-slug", &rel, format!("company key \"{key}\" is not URL-safe"))
                    .help(format!("rename the file to {}.yaml", crate::site::urls::slugify(&key))),
            );
            continue;
        }
        match doc.parse() {
            Ok(v) => {
                if let Some(c) = parse_company(&doc, v, "", Some(key.clone()), &config.base_url, out) {
                    companies.insert(key, Arc::new(c));
                }
            }
            Err(d) => out.push(d),
        }
    }
    companies
}

/// Loads companies and postings. Postings with errors are left out; their diagnostics,
/// and site-wide ones such as duplicate slugs, are returned.
pub fn load(root: &Path, config: &Config) -> (Content, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let companies = load_companies(root, config, &mut diagnostics);
    let (markdown, stray_files): (Vec<PathBuf>, Vec<PathBuf>) =
        files_under(root, JOBS_DIR).into_iter().partition(|p| has_ext(p, &["md", "markdown"]));
    let cx = posting::Context { config, companies: &companies };
    let parsed: Vec<(Option<Posting>, Vec<Diagnostic>)> = markdown
        .par_iter()
        .map(|rel| match read(root, rel) {
            Ok(bytes) => posting::parse(rel, &bytes, &cx),
            Err(d) => (None, vec![d]),
        })
        .collect();
    let mut postings = Vec::with_capacity(parsed.len());
    for (p, d) in parsed {
        diagnostics.extend(d);
        postings.extend(p);
    }
    check_unique(&postings, &mut diagnostics);
    (Content { postings, companies, stray_files }, diagnostics)
}

/// Two postings may not share a slug (one URL) or an id (one identifier).
fn check_unique(postings: &[Posting], out: &mut Vec<Diagnostic>) {
    for (what, get) in [
        ("slug", (|p: &Posting| p.slug.clone()) as fn(&Posting) -> String),
        ("id", |p: &Posting| p.id.clone()),
    ] {
        let mut seen: HashMap<String, &Posting> = HashMap::new();
        for p in postings {
            if let Some(first) = seen.get(&get(p)) {
                let field = if p.front_matter.contains(&format!("{what}:")) { Some(what) } else { None };
                let pos = field.and_then(|f| p.doc().value_pos(f)).or(Some((1, 1)));
                out.push(
                    Diagnostic::error(
                        "duplicate",
                        &p.source,
                        format!("duplicate {what} \"{}\": also used by {}", get(p), first.source.display()),
                    )
                    .field(what)
                    .at_opt(pos)
                    .help(format!(
                        "every posting needs its own {what}; set `{what}:` in one of the two files"
                    )),
                );
            } else {
                seen.insert(get(p), p);
            }
        }
    }
}
