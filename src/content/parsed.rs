//! The posting cache: each posting file as parsed and validated (its fields and every
//! diagnostic it produced, with file, line and field), kept in `.vacancy-cache/postings/`
//! between runs, so `build` and `check` neither YAML-parse nor validate an unchanged file.
//!
//! An entry is keyed by the file's path and the SHA-256 of its bytes. Everything else
//! parsing depends on is the cache's identity: this binary (as for the body cache),
//! `config.yaml`'s text and the base URL in effect (`--base-url`), and the company files
//! as parsed. Any change to one of those makes the whole cache foreign, so it is ignored
//! and rebuilt. The rendered body is not stored twice: an entry names its body's key in
//! the body cache ([`super::cache`]), and a body missing there is a miss. How entries are
//! stored and checked is [`super::store`]'s.

use super::body::{Body, Source};
use super::cache::{Bodies, Update};
use super::company::Company;
use super::fields::{Apply, EmploymentType, Salary};
use super::file_stats::{FileStats, Stat};
use super::located::FrontMatter;
use super::posting::{self, CategoryRef, Context, Location, Posting};
use super::store::{Key, Store, lock};
use crate::dates::When;
use crate::diagnostic::{Diagnostic, Severity};
use crate::sanitize::RawHtml;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Where the cache lives, in the site folder.
pub const CACHE_DIR: &str = ".vacancy-cache/postings";

/// The parsed postings of the previous run, and this run's.
pub struct Parsed {
    /// Shared by the postings, whose front matter is read from their file when needed.
    root: Arc<Path>,
    store: Store,
    /// The files' digests by their stat, so unchanged files are not read.
    stats: FileStats,
    update: Update,
    /// Files parsed, taken from the cache, and of those, not read.
    counts: [AtomicUsize; 3],
}

impl Parsed {
    /// Opens the cache of the site in `root` for postings parsed in `cx`; a missing,
    /// unreadable or foreign cache is empty. With `Update::No`, nothing is kept for
    /// [`Self::save`].
    pub fn open(root: &Path, cx: &Context, update: Update) -> Parsed {
        let dir = root.join(CACHE_DIR);
        let stats = FileStats::open(&dir);
        let store = Store::open(dir, identity(cx));
        Parsed { root: root.into(), store, stats, update, counts: Default::default() }
    }

    /// The posting file `rel` parsed as [`posting::parse_with_bodies`] does: from the cache
    /// when it holds this file intact, else parsed now. A file whose stat is as recorded
    /// ([`FileStats`]) is not even read.
    pub fn parse_file(
        &self,
        rel: &Path,
        cx: &Context,
        bodies: &Bodies,
    ) -> (Option<Posting>, Vec<Diagnostic>) {
        let meta = match std::fs::metadata(self.root.join(rel)) {
            Ok(meta) => meta,
            Err(e) => return (None, vec![super::io_error(rel, e)]),
        };
        let stat = Stat::of(&meta);
        if let Some(digest) = self.stats.digest(rel, stat)
            && let Some(found) = self.restore(rel, digest, cx, bodies)
        {
            self.stats.record(rel, stat, digest);
            self.counts[2].fetch_add(1, Ordering::Relaxed);
            return found;
        }
        let bytes = match super::read_sized(&self.root, rel, &meta) {
            Ok(bytes) => bytes,
            Err(d) => return (None, vec![d]),
        };
        let digest: Key = Sha256::digest(&bytes).into();
        // The stat was taken before reading: a change since makes it differ next time.
        self.stats.record(rel, stat, digest);
        if let Some(found) = self.restore(rel, digest, cx, bodies) {
            return found;
        }
        let (posting, diagnostics) = posting::parse_with_bodies(rel, &bytes, cx, Some(bodies));
        if self.update == Update::Yes
            && let Some(entry) = Entry::new(posting.as_ref(), &diagnostics, &bytes, cx)
            && let Ok(stored) = postcard::to_stdvec(&entry)
        {
            self.store.put(entry_key(rel, &digest), stored);
        }
        self.counts[0].fetch_add(1, Ordering::Relaxed);
        let posting = posting.map(|p| p.front_matter_in(&self.root));
        (posting, diagnostics)
    }

    /// The cached parse of `rel` with `digest`, when the cache holds it intact.
    fn restore(
        &self,
        rel: &Path,
        digest: Key,
        cx: &Context,
        bodies: &Bodies,
    ) -> Option<(Option<Posting>, Vec<Diagnostic>)> {
        let bytes = self.store.get(&entry_key(rel, &digest))?;
        let entry = postcard::from_bytes::<Entry>(&bytes).ok()?;
        let body = Restore { root: &self.root, update: self.update, bodies };
        let found = entry.restore(rel, digest, cx, &body)?;
        self.counts[1].fetch_add(1, Ordering::Relaxed);
        Some(found)
    }

    /// How many files were parsed, how many taken from the cache, and how many of those
    /// were not read, their stat being as recorded.
    pub fn counts(&self) -> (usize, usize, usize) {
        let [parsed, reused, unread] = &self.counts;
        (parsed.load(Ordering::Relaxed), reused.load(Ordering::Relaxed), unread.load(Ordering::Relaxed))
    }

    /// Writes the shards that changed ([`Store::save`]) and the files' stats. Does nothing
    /// with `Update::No`.
    pub fn save(self) {
        if self.update == Update::Yes {
            self.store.save();
            self.stats.save();
        }
    }
}

/// Everything parsing a posting reads besides its file.
fn identity(cx: &Context) -> String {
    let mut companies: Vec<(&String, &Arc<Company>)> = cx.companies.iter().collect();
    companies.sort_by(|a, b| a.0.cmp(b.0));
    let mut h = Sha256::new();
    h.update(cx.config.source.as_bytes());
    h.update([0]);
    h.update(cx.config.base_url.as_str());
    h.update([0]);
    h.update(format!("{companies:?}"));
    let inputs: [u8; 32] = h.finalize().into();
    format!(
        "{} inputs={}",
        crate::render::fingerprint::binary_identity(),
        crate::render::fingerprint::hex(&inputs)
    )
}

/// A file's entry: its path and content, so a renamed file (whose slug and diagnostics
/// name the new path) is parsed again.
fn entry_key(rel: &Path, digest: &[u8; 32]) -> Key {
    let mut h = Sha256::new();
    h.update(rel.as_os_str().as_encoded_bytes());
    h.update([0]);
    h.update(digest);
    h.finalize().into()
}

/// One file as parsed: the posting (also one with errors that `check` still reads) and
/// every diagnostic.
#[derive(Serialize, Deserialize)]
struct Entry {
    posting: Option<StoredPosting>,
    diagnostics: Vec<StoredDiagnostic>,
}

impl Entry {
    /// `None` when the posting cannot be stored (its body is not in the body cache's terms).
    fn new(
        posting: Option<&Posting>,
        diagnostics: &[Diagnostic],
        bytes: &[u8],
        cx: &Context,
    ) -> Option<Entry> {
        let posting = match posting {
            Some(p) => Some(StoredPosting::new(p, body_key(p, bytes)?, cx)?),
            None => None,
        };
        let diagnostics = diagnostics.iter().map(StoredDiagnostic::new).collect();
        Some(Entry { posting, diagnostics })
    }

    /// The parse result again; `None` (parse the file) when something it refers to is gone.
    fn restore(
        self,
        rel: &Path,
        digest: [u8; 32],
        cx: &Context,
        bodies: &Restore,
    ) -> Option<(Option<Posting>, Vec<Diagnostic>)> {
        let posting = match self.posting {
            Some(p) => Some(p.restore(rel, digest, cx, bodies)?),
            None => None,
        };
        Some((posting, self.diagnostics.into_iter().map(StoredDiagnostic::restore).collect()))
    }
}

/// Where a restored posting's body comes from.
struct Restore<'a> {
    root: &'a Arc<Path>,
    update: Update,
    bodies: &'a Bodies,
}

impl Restore<'_> {
    /// Neither reads the body: the entry keeps its word count, links and JSON size. `build`
    /// takes where the body is stored from the body cache (a miss there parses the file
    /// again), for the pages and exports that read it. `check` renders the few bodies it
    /// shows (the sample pages) from the file.
    fn body(&self, p: &StoredPosting, rel: &Path, raw_html: RawHtml) -> Option<Body> {
        match self.update {
            Update::Yes => {
                let stored = self.bodies.locate(&p.body)?;
                Some(Body::from_stored(p.words, p.links.clone(), p.json_len, stored))
            }
            Update::No => {
                let source = Source { path: self.root.join(rel), rel: rel.to_path_buf(), raw_html };
                Some(Body::from_source(p.words, p.links.clone(), p.json_len, source))
            }
        }
    }
}

/// The body cache's key of the posting's body, found again from the file.
fn body_key(p: &Posting, bytes: &[u8]) -> Option<Key> {
    let text = super::encoding::decode(&p.source, bytes).ok()?;
    let parts = super::front_matter::split(text).ok()?;
    Some(super::cache::key(parts.body))
}

#[derive(Serialize, Deserialize)]
struct StoredPosting {
    slug: String,
    id: String,
    title: String,
    summary: String,
    company: StoredCompany,
    category: Arc<CategoryRef>,
    employment_types: Vec<EmploymentType>,
    location: Location,
    salary: Option<Salary>,
    posted: StoredWhen,
    closes: Option<StoredWhen>,
    updated: Option<StoredWhen>,
    aliases: Vec<(usize, String)>,
    posted_at: i128,
    closes_at: Option<i128>,
    apply: Apply,
    direct_apply: bool,
    tags: Vec<Arc<str>>,
    draft: bool,
    /// `extra:` as JSON text (the cache's encoding cannot hold a JSON value as such).
    extra: String,
    body: Key,
    /// The body's word count, links and JSON size: all `check` reads of most bodies.
    words: usize,
    links: Vec<String>,
    json_len: usize,
    export_len: usize,
    /// Where the front matter is in the file ([`FrontMatter::lines`]); its text is read
    /// from the file when needed.
    front_matter: (usize, usize),
}

impl StoredPosting {
    fn new(p: &Posting, body: Key, cx: &Context) -> Option<StoredPosting> {
        Some(StoredPosting {
            slug: p.slug.clone(),
            id: p.id.clone(),
            title: p.title.clone(),
            summary: p.summary.clone(),
            company: StoredCompany::new(&p.company, cx),
            category: p.category.clone(),
            employment_types: p.employment_types.clone(),
            location: p.location.clone(),
            salary: p.salary.clone(),
            posted: p.posted.into(),
            closes: p.closes.map(Into::into),
            updated: p.updated.map(Into::into),
            aliases: p.aliases.iter().map(|a| (a.index, a.url.rel.clone())).collect(),
            posted_at: p.posted_at.as_nanosecond(),
            closes_at: p.closes_at.map(|t| t.as_nanosecond()),
            apply: p.apply.clone(),
            direct_apply: p.direct_apply,
            tags: p.tags.clone(),
            draft: p.draft,
            extra: serde_json::to_string(&p.extra).ok()?,
            body,
            words: p.body.words,
            links: p.body.links.clone(),
            json_len: p.body.json_len,
            export_len: p.export_len,
            front_matter: p.front_matter.lines(),
        })
    }

    fn restore(self, rel: &Path, digest: [u8; 32], cx: &Context, bodies: &Restore) -> Option<Posting> {
        let instant = |n: i128| jiff::Timestamp::from_nanosecond(n).ok();
        let body = bodies.body(&self, rel, cx.config.markdown.raw_html)?;
        Some(Posting {
            source: rel.to_path_buf(),
            slug: self.slug,
            id: self.id,
            title: self.title,
            summary: self.summary,
            company: self.company.restore(cx)?,
            category: self.category,
            employment_types: self.employment_types,
            location: self.location,
            salary: self.salary,
            posted: self.posted.restore()?,
            closes: self.closes.map(StoredWhen::restore).transpose_none()?,
            updated: self.updated.map(StoredWhen::restore).transpose_none()?,
            last_commit: None,
            aliases: (self.aliases.into_iter())
                .map(|(index, rel)| crate::redirects::Alias {
                    index,
                    url: crate::site::urls::PageUrl::new(rel),
                })
                .collect(),
            digest,
            posted_at: instant(self.posted_at)?,
            closes_at: self.closes_at.map(instant).transpose_none()?,
            apply: self.apply,
            direct_apply: self.direct_apply,
            tags: self.tags,
            draft: self.draft,
            extra: serde_json::from_str(&self.extra).ok()?,
            body,
            export_len: self.export_len,
            front_matter: FrontMatter::stored(self.front_matter.0, self.front_matter.1, bodies.root),
        })
    }
}

/// `Option<Option<T>>` read as "absent, or present and restored": `None` when present
/// but not restorable.
trait TransposeNone<T> {
    fn transpose_none(self) -> Option<Option<T>>;
}

impl<T> TransposeNone<T> for Option<Option<T>> {
    fn transpose_none(self) -> Option<Option<T>> {
        match self {
            None => Some(None),
            Some(inner) => inner.map(Some),
        }
    }
}

/// The posting's company: a company file's and the site organization are shared with
/// the rest of the site, so only their names are stored.
#[derive(Serialize, Deserialize)]
enum StoredCompany {
    File(String),
    Organization,
    Inline {
        key: Option<String>,
        name: String,
        url: Option<String>,
        logo: Option<String>,
        description: Option<String>,
        same_as: Vec<String>,
        logo_file: Option<String>,
    },
}

impl StoredCompany {
    fn new(c: &Arc<Company>, cx: &Context) -> StoredCompany {
        if let Some(key) = &c.key
            && cx.companies.get(key).is_some_and(|f| Arc::ptr_eq(f, c))
        {
            return StoredCompany::File(key.clone());
        }
        if cx.config.organization.as_ref().is_some_and(|o| Arc::ptr_eq(o, c)) {
            return StoredCompany::Organization;
        }
        let c = Company::clone(c);
        StoredCompany::Inline {
            key: c.key,
            name: c.name,
            url: c.url,
            logo: c.logo,
            description: c.description,
            same_as: c.same_as,
            logo_file: c.logo_file,
        }
    }

    fn restore(self, cx: &Context) -> Option<Arc<Company>> {
        match self {
            StoredCompany::File(key) => cx.companies.get(&key).cloned(),
            StoredCompany::Organization => cx.config.organization.clone(),
            StoredCompany::Inline { key, name, url, logo, description, same_as, logo_file } => {
                Some(Arc::new(Company { key, name, url, logo, description, same_as, logo_file }))
            }
        }
    }
}

#[derive(Serialize, Deserialize)]
enum StoredWhen {
    Date(i16, i8, i8),
    Instant(i128),
}

impl From<When> for StoredWhen {
    fn from(w: When) -> StoredWhen {
        match w {
            When::Date(d) => StoredWhen::Date(d.year(), d.month(), d.day()),
            When::Instant(t) => StoredWhen::Instant(t.as_nanosecond()),
        }
    }
}

impl StoredWhen {
    fn restore(self) -> Option<When> {
        match self {
            StoredWhen::Date(y, m, d) => jiff::civil::Date::new(y, m, d).ok().map(When::Date),
            StoredWhen::Instant(n) => jiff::Timestamp::from_nanosecond(n).ok().map(When::Instant),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct StoredDiagnostic {
    error: bool,
    path: PathBuf,
    line: Option<usize>,
    column: Option<usize>,
    field: Option<String>,
    message: String,
    help: Option<String>,
    rule: String,
}

impl StoredDiagnostic {
    fn new(d: &Diagnostic) -> StoredDiagnostic {
        StoredDiagnostic {
            error: d.is_error(),
            path: d.path.clone(),
            line: d.line,
            column: d.column,
            field: d.field.clone(),
            message: d.message.clone(),
            help: d.help.clone(),
            rule: d.rule.to_string(),
        }
    }

    fn restore(self) -> Diagnostic {
        Diagnostic {
            severity: if self.error { Severity::Error } else { Severity::Warning },
            path: self.path,
            line: self.line,
            column: self.column,
            field: self.field,
            message: self.message,
            help: self.help,
            rule: intern(self.rule),
        }
    }
}

/// A rule's name as the `&'static str` diagnostics carry. Rule names are a small fixed
/// set, so each distinct one is leaked once.
fn intern(rule: String) -> &'static str {
    static RULES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut rules = lock(RULES.get_or_init(Mutex::default));
    if let Some(r) = rules.get(rule.as_str()) {
        return r;
    }
    let r: &'static str = Box::leak(rule.into_boxed_str());
    rules.insert(r);
    r
}
