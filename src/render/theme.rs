//! Themes: the embedded default theme, overridden file by file by an on-disk theme and by
//! the site's own `templates/` and `static/`.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The default theme, compiled into the binary so a site needs no `themes/` folder.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum Source {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

/// A ready template engine plus the static files to copy.
#[derive(Clone)]
pub struct Theme {
    pub tera: tera::Tera,
    /// Output-relative path → source, later layers having replaced earlier ones.
    pub static_files: BTreeMap<String, Source>,
    /// Where each template came from, for error messages.
    pub origins: BTreeMap<String, PathBuf>,
    /// SHA-256 of every template's name and text: part of each page's fingerprint.
    pub fingerprint: [u8; 32],
    /// Whether a template other than `posting.html` (and `page.html`, whose `body_html`
    /// is the page's own) mentions `body_html`: then listings' posting views carry each
    /// body, loaded per page; the default theme prints it only on the posting's page.
    pub prints_bodies_in_lists: bool,
    /// Whether listings and posting pages need full views of the postings they show
    /// besides the cards.
    pub reads: super::cards::ThemeReads,
}

/// The files of an embedded folder under `prefix` (`templates`, or `` for all), with
/// paths relative to `prefix`, sorted.
pub fn embedded_files(dir: &'static Dir<'static>, prefix: &str) -> Vec<(String, &'static [u8])> {
    let mut out = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for f in d.files() {
            if let Ok(rel) = f.path().strip_prefix(prefix) {
                out.push((rel.to_string_lossy().replace('\\', "/"), f.contents()));
            }
        }
        stack.extend(d.dirs());
    }
    out.sort();
    out
}

/// The files under `dir` (`/`-separated paths relative to it, hidden ones skipped), sorted.
pub(crate) fn disk_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?.to_string_lossy().replace('\\', "/");
            (!rel.split('/').any(|s| s.starts_with('.'))).then(|| (rel, e.path().to_path_buf()))
        })
        .collect();
    out.sort();
    out
}

/// The folders a site can override the theme with, in increasing priority.
pub fn layers(root: &Path, config: &Config) -> Vec<PathBuf> {
    vec![root.join("themes").join(&config.theme), root.to_path_buf()]
}

/// Loads the theme named in the config, layering the site's overrides on top.
pub fn load(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    let theme_dir = root.join("themes").join(&config.theme);
    if config.theme != "default" && !theme_dir.is_dir() {
        return Err(vec![
            Diagnostic::error(
                "unknown-theme",
                crate::config::CONFIG_FILE,
                format!("theme \"{}\" not found in themes/", config.theme),
            )
            .field("theme")
            .help("use `theme: default`, or put the theme in themes/<name>/"),
        ]);
    }
    let mut templates: BTreeMap<String, (String, PathBuf)> = BTreeMap::new();
    let mut static_files = BTreeMap::new();
    let mut errors = Vec::new();
    for (rel, bytes) in embedded_files(&DEFAULT_THEME, "templates") {
        let text = String::from_utf8_lossy(bytes).into_owned();
        templates.insert(rel.clone(), (text, PathBuf::from("(built-in theme)/templates").join(rel)));
    }
    for (rel, bytes) in embedded_files(&DEFAULT_THEME, "static") {
        static_files.insert(rel, Source::Embedded(bytes));
    }
    for layer in layers(root, config) {
        for (rel, path) in disk_files(&layer.join("templates")) {
            let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    templates.insert(rel, (text, shown));
                }
                Err(e) => errors.push(Diagnostic::error("io", shown, format!("cannot read template: {e}"))),
            }
        }
        for (rel, path) in disk_files(&layer.join("static")) {
            static_files.insert(rel, Source::Disk(path));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut tera = tera::Tera::new();
    // Tera 2 has no URL encoder; tag links to the search (`?tag=c%2B%2B`) need one.
    tera.register_filter("urlencode", |s: &str, _: tera::Kwargs, _: &tera::State| {
        url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>()
    });
    crate::i18n::register_filters(&mut tera, &config.strings);
    // `.svg` too: the social card template puts posting text into XML.
    tera.autoescape_on([".html", ".htm", ".xml", ".svg"]);
    let origins: BTreeMap<String, PathBuf> =
        templates.iter().map(|(k, (_, p))| (k.clone(), p.clone())).collect();
    if let Err(e) =
        tera.add_raw_templates(templates.iter().map(|(name, (text, _))| (name.as_str(), text.as_str())))
    {
        return Err(vec![Diagnostic::error("template", "templates", error_chain(&e))]);
    }
    let prints_bodies_in_lists = templates.iter().any(|(name, (text, _))| {
        !["posting.html", "page.html"].contains(&name.as_str()) && text.contains("body_html")
    });
    let builtin: BTreeMap<String, &[u8]> = embedded_files(&DEFAULT_THEME, "templates").into_iter().collect();
    let reads = super::cards::ThemeReads::find(
        templates.iter().map(|(name, (text, _))| (name.as_str(), text.as_str())),
        &builtin,
    );
    Ok(Theme {
        tera,
        reads,
        static_files,
        origins,
        fingerprint: templates_digest(&templates),
        prints_bodies_in_lists,
    })
}

fn templates_digest(templates: &BTreeMap<String, (String, PathBuf)>) -> [u8; 32] {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    for (name, (text, _)) in templates {
        for part in [name.as_bytes(), text.as_bytes()] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part);
        }
    }
    h.finalize().into()
}

/// An error and all its sources, one per line: tera puts the useful part in the chain.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    // Tera's reports start with their own "error: "; ours already says it.
    let mut s = e.to_string().trim_start_matches("error: ").to_string();
    let mut cur = e.source();
    while let Some(inner) = cur {
        let text = inner.to_string();
        if !s.contains(&text) {
            s.push_str("\n  caused by: ");
            s.push_str(&text);
        }
        cur = inner.source();
    }
    s
}
