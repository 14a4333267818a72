//! The files `build` adds beside the rendered pages so search engines find changes fast
//! and old links keep working: redirect pages and `_redirects` ([`redirects`]), the state
//! file and change manifest ([`manifest`]), and the IndexNow key file ([`ping`]).
//!
//! `serve` previews none of them: they matter only to a deployed site.

use crate::build::Failure;
use crate::diagnostic::Diagnostic;
use crate::manifest::{CHANGES_FILE, Changes, STATE_FILE, State};
use crate::ping;
use crate::redirects::{self, REDIRECTS_FILE};
use crate::render::Page;
use crate::render::theme::{Source, Theme};
use crate::site::Site;
use anyhow::Context;
use std::collections::HashSet;
use std::path::Path;

/// What to add to a build, and the manifest it published.
pub struct Extras {
    pub pages: Vec<Page>,
    pub changes: Changes,
}

/// The extra files of a build of `site` into `output`, whose generated files are `plan`
/// ([`crate::render::plan`]). The previous state is read from
/// `previous_state`, else from `output` (the build about to be replaced). Aliases that
/// would overwrite another file are errors.
pub fn extras(
    site: &Site,
    theme: &Theme,
    plan: &HashSet<String>,
    output: &Path,
    previous_state: Option<&Path>,
) -> Result<Extras, Failure> {
    let key = ping::key(&site.config)?;
    let mut rendered = plan.clone();
    rendered.extend(theme.static_files.keys().cloned());
    let collisions = collisions(site, rendered, key.as_deref());
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
    let previous_path = previous_state.map_or_else(|| output.join(STATE_FILE), Path::to_path_buf);
    let previous = State::read(&previous_path)?;
    let state = State::of(site);
    let changes = state.changes_since(previous.as_ref(), site.config.base_url.as_str());
    pages.extend(crate::manifest::pages(&state, &changes));
    pages.extend(key.as_deref().map(ping::key_file));
    Ok(Extras { pages, changes })
}

/// Aliases that would overwrite a file of the build: one of the `rendered` pages and
/// static files (except `_redirects`, which is merged), the state and manifest files, the
/// key file, or another alias.
pub fn collisions(site: &Site, mut rendered: HashSet<String>, key: Option<&str>) -> Vec<Diagnostic> {
    rendered.remove(REDIRECTS_FILE);
    rendered.extend([STATE_FILE.to_string(), CHANGES_FILE.to_string()]);
    rendered.extend(key.map(|k| ping::key_file(k).rel));
    redirects::collisions(site, &rendered)
}

impl Extras {
    /// "3 URLs changed (1 added, 1 updated, 1 removed)" for `--verbose`.
    pub fn line(&self) -> String {
        let c = &self.changes;
        let n = c.added.len() + c.updated.len() + c.removed.len();
        format!(
            "{} changed since the previous build ({} added, {} updated, {} removed){}",
            crate::diagnostic::count(n, "posting URL"),
            c.added.len(),
            c.updated.len(),
            c.removed.len(),
            if c.compared { "" } else { "; no previous state, so every URL counts as added" }
        )
    }
}
