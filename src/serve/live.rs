//! What the server is serving right now, shared by the HTTP handlers and the rebuild
//! thread, and the broadcast that tells open browser tabs about each change.

use super::compact::Stored;
use super::site_files::SiteFiles;
use super::state::PageMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;

/// A message to every connected browser tab.
#[derive(Debug, Clone)]
pub enum Signal {
    /// A new good build is up: reload the page.
    Reload,
    /// The latest build failed: show this text over the page.
    Error(Arc<str>),
    /// The server is stopping: end the event stream so shutdown need not wait for it.
    Shutdown,
}

/// One consistent view: the pages, the id of the build they came from, and the error of
/// the latest build if it failed.
#[derive(Clone)]
pub struct Snapshot {
    pub pages: Arc<PageMap>,
    /// The site-wide files of the site the pages come from, rendered on first request.
    pub site_files: Option<Arc<SiteFiles>>,
    /// Changes whenever the pages do, and differs between server runs, so a tab can tell
    /// whether the page it shows is stale.
    pub build: String,
    /// The base URL's path (`/` or `/careers/`), percent-encoded as in a URL: every page
    /// lives under it, and redirects to it send it as is.
    pub root: Arc<str>,
    /// `root` percent-decoded, as request paths are before they are matched against it
    /// (`/karrière/` for `/karri%C3%A8re/`).
    pub decoded_root: Arc<str>,
    pub error: Option<Arc<str>>,
}

impl Snapshot {
    /// Whether `key` is a page or static file, or may be a site-wide file (without
    /// rendering those).
    pub fn has(&self, key: &str) -> bool {
        self.pages.contains_key(key) || self.site_files.as_ref().is_some_and(|f| f.may_have(key))
    }
}

struct Current {
    pages: Arc<PageMap>,
    site_files: Option<Arc<SiteFiles>>,
    generation: u64,
    root: Arc<str>,
    decoded_root: Arc<str>,
    error: Option<Arc<str>>,
}

/// The served site and its change feed.
pub struct Live {
    /// Distinguishes this server run from a restarted one.
    instance: String,
    current: RwLock<Current>,
    signals: broadcast::Sender<Signal>,
    stopping: AtomicBool,
}

impl Live {
    /// An empty site, until the first build is published.
    pub fn new() -> Live {
        let started =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        Live {
            instance: format!("{:x}-{started:x}", std::process::id()),
            current: RwLock::new(Current {
                pages: Arc::default(),
                site_files: None,
                generation: 0,
                root: Arc::from("/"),
                decoded_root: Arc::from("/"),
                error: None,
            }),
            // Tabs only ever need the latest signal; a lagging one reloads (see http.rs).
            signals: broadcast::channel(16).0,
            stopping: AtomicBool::new(false),
        }
    }

    /// The current state, cheap to take: the page map is shared, not copied.
    pub fn snapshot(&self) -> Snapshot {
        let c = self.current.read().unwrap_or_else(|e| e.into_inner());
        Snapshot {
            pages: c.pages.clone(),
            site_files: c.site_files.clone(),
            build: format!("{}-{}", self.instance, c.generation),
            root: c.root.clone(),
            decoded_root: c.decoded_root.clone(),
            error: c.error.clone(),
        }
    }

    /// Serves a new good build, clears any error and reloads every tab. `root` is the
    /// base URL's path as `Url::path()` gives it, percent-encoded.
    pub fn publish(&self, pages: PageMap, site_files: Option<Arc<SiteFiles>>, root: &str) {
        let decoded_root = Arc::from(super::paths::decode_root(root));
        {
            let mut c = self.current.write().unwrap_or_else(|e| e.into_inner());
            c.pages = Arc::new(pages);
            c.site_files = site_files;
            c.generation += 1;
            c.root = Arc::from(root);
            c.decoded_root = decoded_root;
            c.error = None;
        }
        let _ = self.signals.send(Signal::Reload);
    }

    /// Replaces or removes single files, and every tab reloads: a static file changed, or
    /// a targeted render, which brings the site-wide files of its site. `built` says the
    /// site builds again, which clears a shown error; a static file alone does not fix one.
    pub fn patch(
        &self,
        files: Vec<(String, Option<Stored>)>,
        site_files: Option<Arc<SiteFiles>>,
        built: bool,
    ) {
        {
            let mut c = self.current.write().unwrap_or_else(|e| e.into_inner());
            let pages = Arc::make_mut(&mut c.pages);
            for (rel, bytes) in files {
                match bytes {
                    Some(b) => pages.insert(rel, b),
                    None => pages.remove(&rel),
                };
            }
            if site_files.is_some() {
                c.site_files = site_files;
            }
            c.generation += 1;
            if built {
                c.error = None;
            }
        }
        let _ = self.signals.send(Signal::Reload);
    }

    /// Records a failed build; the last good pages stay up. Returns false when the error
    /// is the one already shown (an editor that saves twice), which tabs are not told again.
    pub fn fail(&self, text: String) -> bool {
        let text: Arc<str> = Arc::from(text);
        {
            let mut c = self.current.write().unwrap_or_else(|e| e.into_inner());
            if c.error.as_deref() == Some(&*text) {
                return false;
            }
            c.error = Some(text.clone());
        }
        let _ = self.signals.send(Signal::Error(text));
        true
    }

    /// A receiver for the signals sent from now on, or `None` once the server is stopping.
    pub fn subscribe(&self) -> Option<broadcast::Receiver<Signal>> {
        // Subscribe before checking the flag: `stop` sets it before sending, so a stream
        // either sees the flag here or receives `Shutdown`.
        let rx = self.signals.subscribe();
        (!self.stopping.load(Ordering::SeqCst)).then_some(rx)
    }

    /// Ends every event stream, so a graceful shutdown does not wait for open tabs.
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _ = self.signals.send(Signal::Shutdown);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_root_encoded_for_urls_and_decoded_for_matching() {
        let live = Live::new();
        live.publish(PageMap::new(), None, "/karri%C3%A8re/");
        let snap = live.snapshot();
        assert_eq!(&*snap.root, "/karri%C3%A8re/");
        assert_eq!(&*snap.decoded_root, "/karrière/");
    }
}
