//! Loading `content/`: company files and postings, parsed in parallel.

pub mod body;
pub mod cache;
pub mod company;
pub mod encoding;
pub mod fields;
pub mod file_stats;
pub mod front_matter;
pub mod lenient;
pub mod limits;
pub mod links;
pub mod located;
pub mod logos;
pub mod markers;
pub mod page;
pub mod parsed;
pub mod posting;
pub mod regions;
pub mod shared;
pub mod spill;
pub mod store;

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
#[derive(Debug, Default, Clone)]
pub struct Content {
    /// Valid postings, in source-path order; shared, so a rebuild or `check` reuses them.
    pub postings: Vec<Arc<Posting>>,
    pub companies: HashMap<String, Arc<Company>>,
    /// Files under `content/jobs` that are not Markdown postings.
    pub stray_files: Vec<PathBuf>,
    /// `content/pages/*.md`, drafts included, in source-path order.
    pub pages: Vec<Arc<page::Page>>,
    /// The home page's intro from `content/_index.md`.
    pub intro: Option<Arc<crate::markdown::Rendered>>,
}

/// The extensions of the posting files in `content/jobs`; other files there are not read.
pub const POSTING_EXTENSIONS: [&str; 2] = ["md", "markdown"];

/// Site-relative paths of the files under `dir` (sorted, so runs are deterministic).
/// Hidden files and folders (`.git`, `.archive/`, editors' `.swp` files) are skipped, as
/// in themes, and as `serve`'s watcher does; so are the links [`link_problems`] reports.
fn files_under(root: &Path, dir: &str) -> Vec<PathBuf> {
    links::walk(root, dir).0
}

/// Symbolic links in `content/` that are refused: outside the site, dangling, or a second
/// name for a file already read. (The intro, `content/_index.md`, is checked as it is read.)
pub fn link_problems(root: &Path) -> Vec<Diagnostic> {
    [COMPANIES_DIR, JOBS_DIR, page::PAGES_DIR].iter().flat_map(|dir| links::walk(root, dir).1).collect()
}

fn has_ext(p: &Path, exts: &[&str]) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e))
}

/// Reads a file for parsing; an unreadable or oversized file becomes a diagnostic, not a
/// crash (or a stall).
fn read(root: &Path, rel: &Path) -> Result<Vec<u8>, Diagnostic> {
    let meta = std::fs::metadata(root.join(rel)).map_err(|e| io_error(rel, e))?;
    read_sized(root, rel, &meta)
}

/// [`read`], given the file's metadata.
fn read_sized(root: &Path, rel: &Path, meta: &std::fs::Metadata) -> Result<Vec<u8>, Diagnostic> {
    if let Some(d) = limits::file_size(rel, meta.len()) {
        return Err(d);
    }
    std::fs::read(root.join(rel)).map_err(|e| io_error(rel, e))
}

fn io_error(rel: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error("io", rel, format!("cannot read file: {e}"))
}

/// Site-relative paths of the company files, `content/companies/*.yaml`, sorted.
pub fn company_files(root: &Path) -> Vec<PathBuf> {
    files_under(root, COMPANIES_DIR).into_iter().filter(|p| has_ext(p, &["yaml", "yml"])).collect()
}

fn load_companies(root: &Path, config: &Config, out: &mut Vec<Diagnostic>) -> HashMap<String, Arc<Company>> {
    let mut companies = HashMap::new();
    for rel in company_files(root) {
        let key = rel.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        let bytes = match read(root, &rel) {
            Ok(b) => b,
            Err(d) => {
                out.push(d);
                continue;
            }
        };
        let text = match encoding::decode(&rel, &bytes) {
            Ok(t) => t,
            Err(d) => {
                out.push(d);
                continue;
            }
        };
        if let Some(d) = limits::front_matter(&rel, text, 1) {
            out.push(d);
            continue;
        }
        let doc = crate::yaml::YamlDoc::new(&rel, text, 0);
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
    let read = load_with_rejected(root, config, cache::Update::No);
    (read.content, read.diagnostics)
}

/// What [`load_with_rejected`] read.
pub struct Read {
    pub content: Content,
    /// The postings left out for their errors that still have every required field.
    pub rejected: Vec<Arc<Posting>>,
    pub diagnostics: Vec<Diagnostic>,
    /// How many posting files there are, parsed or not.
    pub posting_files: usize,
    /// The parse caches, not yet saved.
    pub caches: Caches,
}

/// Like [`load`], also returning the postings left out for their errors that still have
/// every required field, for `check`'s editorial rules.
/// `update` says whether to save what was parsed to the parse caches ([`cache`], [`parsed`]).
pub fn load_with_rejected(root: &Path, config: &Config, update: cache::Update) -> Read {
    let mut diagnostics: Vec<Diagnostic> =
        [COMPANIES_DIR, page::PAGES_DIR].iter().flat_map(|dir| links::walk(root, dir).1).collect();
    let companies = load_companies(root, config, &mut diagnostics);
    let cx = posting::Context { config, companies: &companies };
    // `content/jobs` is walked once (it holds most of the site's files), while the caches
    // are read: each is a good part of an unchanged site's load.
    let ((jobs, walk_diagnostics), (bodies, cached)) = rayon::join(
        || links::walk(root, JOBS_DIR),
        || {
            rayon::join(
                || cache::Bodies::open(root, config.markdown.raw_html, update),
                || parsed::Parsed::open(root, &cx, update),
            )
        },
    );
    // Diagnostics are sorted before printing: the walk's may come after the others.
    diagnostics.extend(walk_diagnostics);
    let (markdown, stray_files): (Vec<PathBuf>, Vec<PathBuf>) =
        jobs.into_iter().partition(|p| has_ext(p, &POSTING_EXTENSIONS));
    let posting_files = markdown.len();
    // Each posting goes into its `Arc` as it is parsed: collected inline (768 bytes each)
    // and moved afterwards, they were held twice at the end of loading.
    // Repeated values are shared as each posting is made, so their copies never pile up.
    let shared = std::sync::Mutex::new(shared::Shared::default());
    let parsed: Vec<(Option<Arc<Posting>>, Vec<Diagnostic>)> = markdown
        .par_iter()
        .map(|rel| {
            let (mut p, d) = cached.parse_file(rel, &cx, &bodies);
            if let Some(p) = &mut p {
                store::lock(&shared).share(p);
            }
            (p.map(Arc::new), d)
        })
        .collect();
    drop(shared);
    let (parsed_now, reused, unread) = cached.counts();
    // Files whose stat was as recorded are reused without reading them (`file_stats`).
    let unread = if unread > 0 {
        format!(", {unread} of them not read (size, times and inode unchanged)")
    } else {
        String::new()
    };
    crate::term::detail(format_args!(
        "Postings: parsed {parsed_now}, reused {reused} from {}{unread}",
        parsed::CACHE_DIR
    ));
    let (rendered, reused) = bodies.counts();
    crate::term::detail(format_args!(
        "Posting bodies: rendered {rendered}, reused {reused} from {}",
        cache::CACHE_DIR
    ));
    let (content, rejected, diagnostics) =
        assemble(root, config, parsed, diagnostics, stray_files, companies);
    Read { content, rejected, diagnostics, posting_files, caches: Caches(Some((bodies, cached))) }
}

/// The parse caches as a run left them, to be saved ([`Caches::save`]): `build` saves them
/// while it assembles the site. Dropped unsaved, they save themselves, so a build that
/// stops at an error keeps what it parsed for the next try.
#[derive(Default)]
pub struct Caches(Option<(cache::Bodies, parsed::Parsed)>);

impl Caches {
    /// Writes what changed in each cache (nothing when they were opened read-only).
    pub fn save(mut self) {
        self.save_now();
    }

    fn save_now(&mut self) {
        if let Some((bodies, cached)) = self.0.take() {
            rayon::join(|| bodies.save(), || cached.save());
        }
    }
}

impl Drop for Caches {
    fn drop(&mut self) {
        self.save_now();
    }
}

/// The postings parsed from their files (with their diagnostics) and the rest of
/// `content/`, put together; the postings left out for their errors; every diagnostic.
fn assemble(
    root: &Path,
    config: &Config,
    parsed: Vec<(Option<Arc<Posting>>, Vec<Diagnostic>)>,
    mut diagnostics: Vec<Diagnostic>,
    stray_files: Vec<PathBuf>,
    companies: HashMap<String, Arc<Company>>,
) -> (Content, Vec<Arc<Posting>>, Vec<Diagnostic>) {
    let commits = last_commits(root, config, &mut diagnostics);
    let mut postings = Vec::with_capacity(parsed.len());
    let mut rejected = Vec::new();
    for (mut p, d) in parsed {
        if let Some(p) = p.as_mut().and_then(Arc::get_mut) {
            p.last_commit = commits.get(&p.source).copied();
        }
        let target = if crate::diagnostic::has_errors(&d) { &mut rejected } else { &mut postings };
        target.extend(p);
        diagnostics.extend(d);
    }
    check_unique(&postings, &mut diagnostics);
    let (pages, intro, page_diagnostics) = page::load(root, config);
    diagnostics.extend(page_diagnostics);
    let pages = pages.into_iter().map(Arc::new).collect();
    let content = Content { postings, companies, stray_files, pages, intro: intro.map(Arc::new) };
    (content, rejected, diagnostics)
}

/// With `sitemap: {lastmod: git}`, when each file was last committed; git problems are
/// warnings (the dates fall back to `updated:` and `posted:`).
fn last_commits(root: &Path, config: &Config, out: &mut Vec<Diagnostic>) -> crate::git_dates::LastCommits {
    if config.sitemap.lastmod != crate::config::LastmodSource::Git {
        return Default::default();
    }
    let doc = config.doc();
    let help = "the workflow must check out the full history (actions/checkout with `fetch-depth: 0`)";
    match crate::git_dates::last_commits(root) {
        Ok((commits, shallow)) => {
            out.extend(shallow.map(|w| doc.warning("git-lastmod", "sitemap.lastmod", w).help(help)));
            commits
        }
        Err(e) => {
            out.push(
                doc.warning(
                    "git-lastmod",
                    "sitemap.lastmod",
                    format!("{e}; using `updated:` and `posted:` dates"),
                )
                .help("build inside a git checkout of the site, with git installed"),
            );
            Default::default()
        }
    }
}

/// Two postings may not share a slug (one URL) or an id (one identifier).
fn check_unique(postings: &[Arc<Posting>], out: &mut Vec<Diagnostic>) {
    report_duplicates(postings, "slug", |p| p.slug.as_str(), out);
    report_duplicates(postings, "id", |p| p.id.as_str(), out);
}

fn report_duplicates<'a>(
    postings: &'a [Arc<Posting>],
    what: &'static str,
    key: impl Fn(&'a Posting) -> &'a str,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<&str, &Posting> = HashMap::new();
    for p in postings {
        let k = key(p);
        let Some(first) = seen.get(k) else {
            seen.insert(k, p);
            continue;
        };
        // The default id is the slug: only report an id clash the user wrote.
        if what == "id" && p.id == p.slug && first.id == first.slug {
            continue;
        }
        let doc = p.doc();
        let written = doc.text.lines().any(|l| l.starts_with(&format!("{what}:")));
        let pos = if written { doc.value_pos(what) } else { None };
        out.push(
            Diagnostic::error(
                "duplicate",
                &p.source,
                format!("duplicate {what} \"{k}\": also used by {}", first.source.display()),
            )
            .field(what)
            .at_opt(pos.or(Some((1, 1))))
            .help(format!("every posting needs its own {what}; set `{what}:` in one of the two files")),
        );
    }
}

// The pieces of `load`, one at a time, for `vacancy serve`: it keeps the parsed postings
// between rebuilds and re-parses only the files that changed.

/// Loads the company files alone, with their diagnostics.
pub fn load_companies_only(root: &Path, config: &Config) -> (HashMap<String, Arc<Company>>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let companies = load_companies(root, config, &mut diagnostics);
    (companies, diagnostics)
}

/// Site-relative paths of the posting files `load` parses, sorted.
pub fn posting_files(root: &Path) -> Vec<PathBuf> {
    files_under(root, JOBS_DIR).into_iter().filter(|p| is_posting_file(p)).collect()
}

/// True for a site-relative path that `load` would parse as a posting.
pub fn is_posting_file(rel: &Path) -> bool {
    rel.starts_with(JOBS_DIR)
        && has_ext(rel, &POSTING_EXTENSIONS)
        && !rel.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// Reads and parses one posting, exactly as `load` does for each file.
pub fn load_posting(root: &Path, rel: &Path, cx: &posting::Context) -> (Option<Posting>, Vec<Diagnostic>) {
    match read(root, rel) {
        Ok(bytes) => {
            let (p, d) = posting::parse(rel, &bytes, cx);
            (p.map(|p| p.front_matter_in(&root.into())), d)
        }
        Err(d) => (None, vec![d]),
    }
}

/// The duplicate slug and id errors `load` reports, for postings in source-path order.
pub fn duplicates(postings: &[Arc<Posting>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_unique(postings, &mut out);
    out
}
