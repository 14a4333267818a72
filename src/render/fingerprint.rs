//! Fingerprints of what each generated page and RSS feed is rendered from, so a rebuild
//! renders only those whose inputs changed (the output folder's side is [`crate::output::reuse`]).
//!
//! A fingerprint hashes the site-wide inputs first: this binary, `config.yaml` and the
//! command-line options, the theme's templates, the company files, `content/pages/` and
//! the intro, and which country pages exist. Then the page's own: for a posting page the
//! posting's file digest, whether it is open, and its related postings'; for a listing
//! page its number, the page count, the number of postings listed and the digests of
//! those it shows; for a taxonomy index its terms and their counts. Those are everything
//! a page's template context is built from, so equal fingerprints mean equal pages.
//! Changing anything site-wide changes every fingerprint: the whole site renders again.

use super::pages::Job;
use super::theme::Theme;
use crate::content::posting::Posting;
use crate::site::Site;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::path::Path;

/// A page's fingerprint: the first 16 bytes of a SHA-256 (collisions need 2^64 pages).
pub type Fingerprint = [u8; 16];

/// The site-wide part of every fingerprint, hashed once per build, and each open
/// posting's part.
#[derive(Clone)]
pub struct Fingerprints {
    global: Sha256,
    /// [`posting_key`] of each of `Site::open`, in its order: a listing page or feed
    /// hashes the 16-byte keys of the postings it shows, made once, rather than each
    /// posting's path and digest again (a posting is on a dozen listing pages and feeds).
    open: Vec<Fingerprint>,
}

impl Fingerprints {
    /// Hashes the site-wide inputs of `site` (built from the folder `root`, `drafts` as
    /// given on the command line).
    pub fn new(root: &Path, site: &Site, theme: &Theme, drafts: bool) -> Fingerprints {
        Self::with_sources(&source_files(root), site, theme, drafts)
    }

    /// Like [`Self::new`], with the digest of the site-wide source files already taken
    /// ([`source_files`]): `serve` takes it when it reads them, not on every save.
    pub fn with_sources(sources: &[u8; 32], site: &Site, theme: &Theme, drafts: bool) -> Fingerprints {
        let mut h = Sha256::new();
        put(&mut h, b"vacancy pages 4");
        put(&mut h, binary_identity().as_bytes());
        put(&mut h, sources);
        // The base URL as used (`--base-url`, serve's local origin), not as written.
        put(&mut h, site.config.base_url.as_str().as_bytes());
        put(&mut h, &[u8::from(drafts), u8::from(site.careers)]);
        put(&mut h, &theme.fingerprint);
        for page in &site.pages {
            put(&mut h, format!("{page:?}").as_bytes());
        }
        put(&mut h, format!("{:?}", site.intro).as_bytes());
        // A posting page links its countries only when they have a page.
        let mut countries: Vec<String> = super::views::country_pages(site).into_iter().collect();
        countries.sort();
        for c in countries {
            put(&mut h, c.as_bytes());
        }
        let open = site.open.par_iter().map(|p| posting_key(p)).collect();
        Fingerprints { global: h, open }
    }

    /// Hashes the key of the open posting `i` (an index into `Site::open`).
    fn open_posting(&self, h: &mut Sha256, i: usize) {
        h.update(self.open[i]);
    }

    /// The fingerprint of one page of `site`.
    pub(super) fn job(&self, site: &Site, job: &Job) -> Fingerprint {
        let mut h = self.global.clone();
        put(&mut h, job.file().as_bytes());
        let per = site.config.paginate;
        let listed = |h: &mut Sha256, indices: &mut dyn Iterator<Item = usize>, page: usize, pages: usize| {
            put(h, &[page, pages].map(|n| n as u64).map(u64::to_le_bytes).concat());
            for i in indices.skip((page - 1) * per).take(per) {
                self.open_posting(h, i);
            }
        };
        match job {
            Job::Posting { p, .. } => {
                // Open or closed: a closed posting has no key of its own.
                h.update(posting_key(p));
                put(&mut h, &[u8::from(p.is_expired(site.now))]);
                for &i in site.related.get(&p.slug).into_iter().flatten() {
                    self.open_posting(&mut h, i);
                }
            }
            Job::Home { page, pages } => {
                put(&mut h, &(site.open.len() as u64).to_le_bytes());
                listed(&mut h, &mut (0..site.open.len()), *page, *pages);
            }
            Job::Term { tax, term, page, pages } => {
                put(&mut h, tax.kind.key().as_bytes());
                term_data(&mut h, term);
                listed(&mut h, &mut term.postings.iter().copied(), *page, *pages);
            }
            Job::Taxonomy(tax) => {
                put(&mut h, tax.kind.key().as_bytes());
                for term in &tax.terms {
                    term_data(&mut h, term);
                }
            }
            // Pages and the 404 page depend on site-wide inputs only.
            Job::Content(_) | Job::NotFound => {}
        }
        finish(h)
    }

    /// The fingerprint of a feed at `file` of `site`, made of the texts `parts` (title,
    /// description, …) and the postings `indices` (into `Site::open`) it lists.
    pub(super) fn feed(&self, file: &str, parts: &[&str], indices: &[usize]) -> Fingerprint {
        let mut h = self.global.clone();
        put(&mut h, file.as_bytes());
        for part in parts {
            put(&mut h, part.as_bytes());
        }
        put(&mut h, &(indices.len() as u64).to_le_bytes());
        for &i in indices {
            self.open_posting(&mut h, i);
        }
        finish(h)
    }
}

/// The digest of `config.yaml` and the company files (names and bytes): the site-wide
/// inputs read from files, which every page depends on.
pub fn source_files(root: &Path) -> [u8; 32] {
    let mut h = Sha256::new();
    put(&mut h, &std::fs::read(root.join(crate::config::CONFIG_FILE)).unwrap_or_default());
    for file in crate::content::company_files(root) {
        put(&mut h, file.to_string_lossy().as_bytes());
        put(&mut h, &std::fs::read(root.join(&file)).unwrap_or_default());
    }
    h.finalize().into()
}

fn finish(h: Sha256) -> Fingerprint {
    let digest = h.finalize();
    digest[..16].try_into().expect("a SHA-256 has 32 bytes")
}

impl Fingerprints {
    /// The fingerprint of a file made from the whole site, such as a search index shard or
    /// a `/jobs.json` part, that holds `postings` (in this order) and is otherwise made of
    /// `context` (the site-wide tables a shard refers into, a part's head).
    pub(super) fn site_file(&self, rel: &str, context: &[u8], postings: &[&Posting]) -> Fingerprint {
        let mut h = self.global.clone();
        put(&mut h, rel.as_bytes());
        put(&mut h, context);
        for p in postings {
            posting(&mut h, p);
        }
        finish(h)
    }
}

/// A posting as a listing or page shows it, hashed on its own: a fixed-size stand-in
/// for [`posting`] in the fingerprints that list postings.
fn posting_key(p: &Posting) -> Fingerprint {
    let mut h = Sha256::new();
    posting(&mut h, p);
    finish(h)
}

/// A posting as a listing or page shows it: everything in it comes from its file (and
/// the site-wide inputs), plus the date of its last commit with `sitemap: {lastmod: git}`.
fn posting(h: &mut Sha256, p: &Posting) {
    // The path as the OS has it: no conversion, and a listing hashes up to 50 of them.
    put(h, p.source.as_os_str().as_encoded_bytes());
    put(h, &p.digest);
    // Bytes, not formatted text: a listing hashes every posting it shows.
    let commit = p.last_commit.map(|t| t.as_nanosecond().to_le_bytes());
    put(h, commit.as_ref().map_or(&[][..], |b| &b[..]));
}

fn term_data(h: &mut Sha256, term: &crate::site::indexes::Term) {
    put(h, term.key.as_bytes());
    put(h, term.name.as_bytes());
    put(h, format!("{:?}", term.description).as_bytes());
    put(h, term.url.rel.as_bytes());
    put(h, &(term.postings.len() as u64).to_le_bytes());
}

/// Length-prefixed, so that no two different sequences of inputs hash the same bytes.
fn put(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

/// `bytes` in lowercase hexadecimal: how digests are written in files and names.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        write!(s, "{b:02x}").expect("writing to a String cannot fail");
    }
    s
}

/// This program's version and, since a development build keeps the version number, the
/// size and modification time of its executable.
pub fn binary_identity() -> String {
    let exe = std::env::current_exe().and_then(std::fs::metadata);
    let stamp = exe.map(|m| (m.len(), m.modified().ok())).ok();
    format!("{} {stamp:?}", env!("CARGO_PKG_VERSION"))
}
