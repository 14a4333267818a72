//! One page of each kind, for `vacancy check`: a template error shows on the first page
//! that uses the template, so rendering all 18,000 pages of a large board to find it
//! again on each one costs seconds and finds nothing new.

use super::pages::{Job, Shared, page_count};
use super::theme::Theme;
use super::{RenderError, Sink};
use crate::site::Site;

/// Renders, into `sink`, an open and a closed posting, the first and last home page, each
/// taxonomy's index and the first and last page of its first term, and the 404 page.
/// A template that fails only on some data (one posting's missing field) can slip
/// through here; `build` reports it.
pub fn render_samples(site: &Site, theme: &Theme, sink: &dyn Sink) -> Result<(), RenderError> {
    let config = &site.config;
    // Views are made as the samples need them: a few dozen, not every posting's.
    let shared = Shared::new(site, theme);
    let mut jobs = Vec::new();
    if let Some(p) = site.open.first() {
        jobs.push(Job::Posting { p });
    }
    if let Some(p) = site.closed.first() {
        jobs.push(Job::Posting { p });
    }
    let pages = page_count(site.open.len(), config.paginate);
    jobs.extend([1, pages].map(|page| Job::Home { page, pages }));
    for tax in &site.taxonomies {
        jobs.push(Job::Taxonomy(tax));
        if let Some(term) = tax.terms.first() {
            let pages = page_count(term.postings.len(), config.paginate);
            jobs.extend([1, pages].map(|page| Job::Term { tax, term, page, pages }));
        }
    }
    jobs.push(Job::NotFound);
    jobs.dedup_by_key(|job| job.file());
    let mut errors = Vec::new();
    for job in &jobs {
        match shared.render(job) {
            Ok(page) => sink.put(page).map_err(RenderError::Sink)?,
            // One error per template: the other samples' are the same mistake again.
            Err(d) if !errors.iter().any(|e: &crate::diagnostic::Diagnostic| e.path == d.path) => {
                errors.push(d)
            }
            Err(_) => {}
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(RenderError::Invalid(errors)) }
}
