//! The sink of `serve`'s renders: it keeps each page's fingerprint
//! ([`crate::render::fingerprint`]), so the next targeted render skips the pages whose
//! inputs did not change (a listing page that does not show the edited posting) and the
//! browser is sent only the pages that did. Pages are compressed as they arrive, on the
//! render threads ([`super::compact`]).

use super::compact::Stored;
use crate::render::fingerprint::Fingerprint;
use crate::render::{Page, Sink};
use std::collections::HashMap;
use std::sync::Mutex;

/// Output path → fingerprint of the pages being served.
pub type Fingerprints = HashMap<String, Fingerprint>;

/// Collects rendered pages; reuses those whose fingerprint is in `previous`.
pub struct Remembering<'a> {
    previous: Option<&'a Fingerprints>,
    current: Mutex<Fingerprints>,
    pages: Mutex<Vec<(String, Stored)>>,
}

impl<'a> Remembering<'a> {
    /// With `previous`, the fingerprints of the pages already served; `None` renders all.
    pub fn new(previous: Option<&'a Fingerprints>) -> Self {
        Remembering { previous, current: Mutex::default(), pages: Mutex::default() }
    }

    /// The pages rendered, and the fingerprints of every page asked about.
    pub fn finish(self) -> (Vec<(String, Stored)>, Fingerprints) {
        let pages = self.pages.into_inner().unwrap_or_else(|e| e.into_inner());
        (pages, self.current.into_inner().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Sink for Remembering<'_> {
    fn put(&self, page: Page) -> anyhow::Result<()> {
        let stored = Stored::new(&page.bytes);
        self.pages.lock().unwrap_or_else(|e| e.into_inner()).push((page.rel, stored));
        Ok(())
    }

    fn reuse(&self, rel: &str, fingerprint: Fingerprint) -> anyhow::Result<bool> {
        self.current.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_string(), fingerprint);
        Ok(self.previous.is_some_and(|p| p.get(rel) == Some(&fingerprint)))
    }
}
