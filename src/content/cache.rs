//! The body cache: each posting body as rendered (Markdown to HTML, plain text, links,
//! what the sanitiser removed), kept in `.vacancy-cache/bodies/` between runs, so `build`
//! and `check` render only the bodies that changed. Rendering bodies is the largest part
//! of reading a large board.
//!
//! An entry is keyed by the SHA-256 of the body text. Everything else rendering depends on
//! is the cache's identity: this binary (version, and size and time of the executable, as
//! for page fingerprints) and `markdown.raw_html`. How entries are stored and checked is
//! [`super::store`]'s.

use super::store::{Key, Store};
use crate::markdown::{self, Rendered};
use crate::sanitize::RawHtml;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where the cache lives, in the site folder.
pub const CACHE_DIR: &str = ".vacancy-cache/bodies";

/// Whether a run may update the caches: `build` does; `check` only reads what the builds
/// left, as it writes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Update {
    Yes,
    No,
}

/// The rendered bodies of the previous run, and this run's.
pub struct Bodies {
    store: Store,
    raw_html: RawHtml,
    update: Update,
    counts: [AtomicUsize; 2],
}

impl Bodies {
    /// Opens the cache of the site in `root` for bodies rendered with `raw_html`; a
    /// missing, unreadable or foreign cache is empty. With `Update::No`, the bodies
    /// rendered are not kept for [`Self::save`].
    pub fn open(root: &Path, raw_html: RawHtml, update: Update) -> Bodies {
        let identity = format!("{} raw_html={raw_html:?}", crate::render::fingerprint::binary_identity());
        let store = Store::open(root.join(CACHE_DIR), identity);
        Bodies { store, raw_html, update, counts: Default::default() }
    }

    /// `body` rendered: from the cache when it holds it intact, else rendered now.
    pub fn render(&self, body: &str) -> Rendered {
        let key = key(body);
        if let Some(r) = self.cached(&key) {
            return r;
        }
        let r = markdown::render(body, self.raw_html);
        if self.update == Update::Yes
            && let Ok(bytes) = postcard::to_stdvec(&r)
        {
            self.store.put(key, bytes);
        }
        self.counts[0].fetch_add(1, Ordering::Relaxed);
        r
    }

    /// The body of `key` ([`key`]) when the cache holds it intact; counted as reused.
    pub fn cached(&self, key: &Key) -> Option<Rendered> {
        let r: Rendered = postcard::from_bytes(self.store.get(key)?).ok()?;
        self.counts[1].fetch_add(1, Ordering::Relaxed);
        Some(r)
    }

    /// How many bodies were rendered and how many taken from the cache.
    pub fn counts(&self) -> (usize, usize) {
        (self.counts[0].load(Ordering::Relaxed), self.counts[1].load(Ordering::Relaxed))
    }

    /// Writes the shards that changed ([`Store::save`]). Does nothing with `Update::No`.
    pub fn save(self) {
        if self.update == Update::Yes {
            self.store.save();
        }
    }
}

/// The key of a body's entry.
pub fn key(body: &str) -> Key {
    Sha256::digest(body.as_bytes()).into()
}
