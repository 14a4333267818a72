//! The files `serve` makes from the whole site (the exports and JSON feeds, the search
//! index, the sitemap, robots.txt, the embed files), rendered when first asked for.
//!
//! At 10,000 postings they take a second or two to make and 150 MB to hold, and a preview
//! rarely fetches them. Rendered after every save, they would hold up the next save;
//! rendered on request, from the site of the pages being served, they cost nothing until
//! then and are never older than those pages.

use super::compact::Stored;
use super::remember::Remembering;
use crate::render::theme::Theme;
use crate::render::{self, Part};
use crate::site::Site;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

/// One site's site-wide files: rendered already, or on the first request for one.
pub struct SiteFiles {
    site: Arc<Site>,
    theme: Arc<Theme>,
    /// The paths of the last rendered set: a request for one of these renders this set
    /// (a missing favicon does not). A path only the new set has (a new `/jobs.json`
    /// part) is found once the set is rendered, which asking for `/jobs.json` does.
    known: Arc<HashSet<String>>,
    files: OnceLock<Rendered>,
}

/// The files by output path, and their paths.
type Files = (HashMap<String, Stored>, Arc<HashSet<String>>);
/// The files, or the render error to show.
type Rendered = Result<Files, String>;

impl SiteFiles {
    /// The files of `site`, rendered now: a template error in them fails the build.
    pub fn render(site: Arc<Site>, theme: Arc<Theme>) -> Result<SiteFiles, render::RenderError> {
        let files = render_all(&site, &theme)?;
        let known = files.1.clone();
        Ok(SiteFiles { site, theme, known, files: OnceLock::from(Ok(files)) })
    }

    /// The files of `site`, to render when first asked for; `previous` is the set the
    /// pages served before were made with.
    pub fn later(site: Arc<Site>, theme: Arc<Theme>, previous: &SiteFiles) -> SiteFiles {
        SiteFiles { site, theme, known: previous.paths(), files: OnceLock::new() }
    }

    /// Whether `rel` is, or may be, one of these files, without rendering them.
    pub fn may_have(&self, rel: &str) -> bool {
        match self.files.get() {
            Some(Ok((_, paths))) => paths.contains(rel),
            _ => self.known.contains(rel),
        }
    }

    /// The file at `rel`, rendering the set first if need be (the caller waits; callers
    /// at the same time wait for the same render).
    pub fn get(&self, rel: &str) -> Result<Option<Stored>, String> {
        if !self.may_have(rel) {
            return Ok(None);
        }
        let rendered = self.files.get_or_init(|| {
            render_all(&self.site, &self.theme).map_err(|e| match e {
                render::RenderError::Invalid(d) => {
                    d.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
                }
                render::RenderError::Sink(e) => format!("{e:#}"),
            })
        });
        match rendered {
            Ok((files, _)) => Ok(files.get(rel).cloned()),
            Err(e) => Err(e.clone()),
        }
    }

    /// The paths of the newest rendered set.
    fn paths(&self) -> Arc<HashSet<String>> {
        match self.files.get() {
            Some(Ok((_, paths))) => paths.clone(),
            _ => self.known.clone(),
        }
    }
}

fn render_all(site: &Site, theme: &Theme) -> Result<Files, render::RenderError> {
    let sink = Remembering::new(None);
    render::render_into(site, theme, None, None, Part::SiteFiles, &sink)?;
    let files: HashMap<String, Stored> = sink.finish().0.into_iter().collect();
    let paths = Arc::new(files.keys().cloned().collect());
    Ok((files, paths))
}
