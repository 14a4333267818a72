//! The files `build` adds beside the rendered pages so search engines find changes fast
//! and old links keep working: redirect pages and `_redirects` ([`redirects`]), the state
//! file and change manifest ([`manifest`]), and the IndexNow key file ([`ping`]).
//!
//! `serve` previews none of them: they matter only to a deployed site.

use crate::build::Failure;
use crate::diagnostic::Diagnostic;
use crate::manifest::{self, CHANGES_FILE, STATE_FILE, State};
use crate::ping;
use crate::redirects::{self, REDIRECTS_FILE};
use crate::render::theme::{Source, Theme};
use crate::render::{Page, Sink};
use crate::site::Site;
use anyhow::Context;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What to add to a build: the pages known before rendering, and where the previous
/// state is, for the state file and change manifest made after it ([`Extras::publish`]).
pub struct Extras {
    /// Redirect pages, `_redirects` and the IndexNow key file.
    pages: Vec<Page>,
    previous_state: PathBuf,
}

/// The extra files of a build of `site` into `output`, whose generated files `plan` lists
/// ([`crate::render::plan`]; called only when a posting has aliases). The previous state
/// is read from `previous_state`, else from `output` (the build about to be replaced); it
/// is checked here, before anything is rendered, and read when published. Aliases that
/// would overwrite another file are errors.
pub fn extras(
    site: &Site,
    theme: &Theme,
    plan: &dyn Fn() -> HashSet<String>,
    output: &Path,
    previous_state: Option<&Path>,
) -> Result<Extras, Failure> {
    let key = ping::key(&site.config)?;
    let planned = std::cell::OnceCell::new();
    let rendered =
        |file: &str| planned.get_or_init(plan).contains(file) || theme.static_files.contains_key(file);
    let collisions = collisions(site, &rendered, key.as_deref());
    if !collisions.is_empty() {
        return Err(Failure::Invalid(collisions));
    }
    let user_rules = match theme.static_files.get(REDIRECTS_FILE) {
        Some(Source::Embedded(b)) => Some(b.to_vec()),
        Some(Source::Disk(path)) => {
            Some(std::fs::read(path).with_context(|| format!("reading {}", path.display()))?)
        }
        None => None,
    };
    let mut pages = redirects::pages(site, user_rules.as_deref());
    pages.extend(key.as_deref().map(ping::key_file));
    let previous_state = previous_state.map_or_else(|| output.join(STATE_FILE), Path::to_path_buf);
    State::probe(&previous_state)?;
    Ok(Extras { pages, previous_state })
}

/// Aliases that would overwrite a file of the build: one that `rendered` says is a page or
/// static file (except `_redirects`, which is merged), the state and manifest files, the
/// key file, or another alias.
pub fn collisions(site: &Site, rendered: &dyn Fn(&str) -> bool, key: Option<&str>) -> Vec<Diagnostic> {
    let key_file = key.map(|k| ping::key_file(k).rel);
    let taken = |file: &str| {
        (file != REDIRECTS_FILE && rendered(file))
            || file == STATE_FILE
            || file == CHANGES_FILE
            || key_file.as_deref() == Some(file)
    };
    redirects::collisions(site, &taken)
}

impl Extras {
    /// How many files [`Extras::publish`] puts.
    pub fn count(&self) -> usize {
        self.pages.len() + manifest::FILES
    }

    /// Puts the redirect pages and key file, then the change manifest and the state file
    /// ([`manifest::publish`]); returns the line that says what changed since the previous
    /// state ([`manifest::Changes::line`]). Called after the static files, so the generated
    /// `_redirects` replaces the site's own (whose rules it starts with).
    pub fn publish(self, site: &Site, sink: &dyn Sink) -> anyhow::Result<String> {
        for page in self.pages {
            sink.put(page)?;
        }
        manifest::publish(site, &self.previous_state, sink)
    }
}
