//! Local logos must exist: a logo path that is not a file in `static/` (or the theme's
//! static folder) would give a broken image on every page and a JSON-LD logo URL that
//! answers 404 to search engines.

use super::Content;
use super::company::Company;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::render::theme;
use crate::yaml::YamlDoc;
use std::path::Path;
use std::sync::Arc;

/// One error per local logo of the organization, the company files and the inline
/// companies of `content`'s postings that no static layer provides.
pub fn missing(root: &Path, config: &Config, content: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(org) = &config.organization {
        out.extend(absent(root, config, org).map(|file| error(&config.doc(), "organization.logo", file)));
    }
    for rel in super::company_files(root) {
        let key = rel.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        let Some(company) = content.companies.get(&key) else { continue };
        let Some(file) = absent(root, config, company) else { continue };
        let Ok(text) = std::fs::read_to_string(root.join(&rel)) else { continue };
        out.push(error(&YamlDoc::new(&rel, &text, 0), "logo", file));
    }
    // Inline companies are the ones that are neither a company file nor the organization.
    // A posting's front matter is read again only to locate an error ([`super::posting::Posting::doc`]).
    for p in &content.postings {
        let is_org = config.organization.as_ref().is_some_and(|o| Arc::ptr_eq(o, &p.company));
        if p.company.key.is_some() || is_org {
            continue;
        }
        out.extend(absent(root, config, &p.company).map(|file| error(&p.doc(), "company.logo", file)));
    }
    out
}

/// The local logo file of `company` when no static layer provides it.
fn absent<'c>(root: &Path, config: &Config, company: &'c Company) -> Option<&'c str> {
    company.logo_file.as_deref().filter(|file| !exists(root, config, file))
}

fn error(doc: &YamlDoc, field: &str, file: &str) -> Diagnostic {
    doc.error("missing-logo", field, format!("static/{file} does not exist")).help(format!(
        "a logo path is a file in static/: add static/{file}, fix the path, or use an absolute https URL"
    ))
}

/// True when a static layer serves `file`: the site's `static/`, the theme folder's, or
/// the built-in theme's, as the build copies them.
fn exists(root: &Path, config: &Config, file: &str) -> bool {
    !file.is_empty()
        && (theme::layers(root, config).iter().any(|layer| layer.join("static").join(file).is_file())
            || theme::DEFAULT_THEME.get_file(format!("static/{file}")).is_some())
}
