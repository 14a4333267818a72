//! The sink of `serve`'s renders: it keeps each page's fingerprint
//! ([`crate::render::fingerprint`]), so the next targeted render skips the pages whose
//! inputs did not change (a listing page that does not show the edited posting) and the
//! browser is sent only the pages that did.

use crate::render::fingerprint::Fingerprint;
use crate::render::{Collect, Page, Sink};
use std::collections::HashMap;
use std::sync::Mutex;

/// Output path → fingerprint of the pages being served.
pub type Fingerprints = HashMap<String, Fingerprint>;

/// Collects rendered pages; reuses those whose fingerprint is in `previous`.
pub struct Remembering<'a> {
    previous: Option<&'a Fingerprints>,
    current: Mutex<Fingerprints>,
    pages: Collect,
}

impl<'a> Remembering<'a> {
    /// With `previous`, the fingerprints of the pages already served; `None` renders all.
    pub fn new(previous: Option<&'a Fingerprints>) -> Self {
        Remembering { previous, current: Mutex::default(), pages: Collect::default() }
    }

    /// The pages rendered, and the fingerprints of every page asked about.
    pub fn finish(self) -> (Vec<Page>, Fingerprints) {
        (self.pages.into_pages(), self.current.into_inner().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Sink for Remembering<'_> {
    fn put(&self, page: Page) -> anyhow::Result<()> {
        self.pages.put(page)
    }

    fn reuse(&self, rel: &str, fingerprint: Fingerprint) -> anyhow::Result<bool> {
        self.current.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_string(), fingerprint);
        Ok(self.previous.is_some_and(|p| p.get(rel) == Some(&fingerprint)))
    }
}
