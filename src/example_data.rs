//! Signs that a site still publishes example data: apply links on the domains reserved
//! for examples, `TODO` placeholders left in config.yaml, and the site description exactly
//! as `vacancy init` wrote it.
//!
//! These are warnings, not errors: a demo site (like this repository's own example) uses
//! them on purpose and turns the domain rule off with `check: {allow_example_domains: true}`. Many
//! postings copied from one template would repeat the same warning, so past
//! [`MAX_LISTED`] they collapse into one line with a count.

use crate::config::Config;
use crate::content::Content;
use crate::content::posting::Posting;
use crate::diagnostic::Diagnostic;
use rayon::prelude::*;
use std::sync::Arc;

/// Postings warned about one by one; more than this collapse into one warning.
pub const MAX_LISTED: usize = 3;

/// The config `vacancy init` writes, to recognise its text left in place.
const INIT_CONFIG: &str = include_str!("scaffold/config.yaml");

/// True for a host name reserved for examples by RFC 2606 (and RFC 6761): example.com,
/// example.org, example.net and their subdomains, and any name under the `.example` TLD.
pub fn is_example_domain(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let labels: Vec<&str> = host.rsplit('.').collect();
    match labels.as_slice() {
        ["example", ..] => true,
        [tld, "example", ..] => ["com", "org", "net"].contains(tld),
        _ => false,
    }
}

/// Every example-data warning for the postings that would be published.
pub fn warnings(config: &Config, content: &Content, drafts: bool) -> Vec<Diagnostic> {
    let published: Vec<&Arc<Posting>> = content.postings.iter().filter(|p| drafts || !p.draft).collect();
    let mut out = Vec::new();
    if !config.check.allow_example_domains {
        out.extend(example_apply_links(&published));
    }
    let placeholders = config_placeholders(config);
    // A description still marked TODO is already named by the placeholder warning.
    let marked = placeholders
        .as_ref()
        .is_some_and(|p| p.field.as_deref() == Some("description") || p.message.contains("description"));
    out.extend(placeholders);
    out.extend(init_description(config).filter(|_| !marked));
    out
}

/// `init`'s `TODO` markers left in config.yaml (the site's title, base URL, organization):
/// the site would publish them as they are. One warning, at the first marker, naming every
/// setting still marked, since a fresh site has several.
fn config_placeholders(config: &Config) -> Option<Diagnostic> {
    let marker = crate::content::markers::MARKER;
    let mut parent = "";
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    for (i, line) in config.source.lines().enumerate() {
        let key = line
            .trim_start()
            .split(':')
            .next()
            .map(str::trim)
            .filter(|k| !k.is_empty() && !k.starts_with('#'));
        let nested = line.starts_with(' ');
        if let (Some(key), false) = (key, nested) {
            parent = key;
        }
        if let Some(col) = crate::content::markers::word_at(line) {
            let field = match key {
                Some(key) if nested => format!("{parent}.{key}"),
                Some(key) => key.to_string(),
                None => String::new(),
            };
            found.push((i + 1, col, field));
        }
    }
    let (line, col, _) = found.first()?.clone();
    let fields: Vec<&str> = found.iter().map(|(_, _, f)| f.as_str()).filter(|f| !f.is_empty()).collect();
    let message = match found.len() {
        1 => format!("placeholder `{marker}` still in config.yaml"),
        n => format!("placeholder `{marker}` still on {n} lines of config.yaml: {}", fields.join(", ")),
    };
    let mut d = Diagnostic::warning("config-placeholder", crate::config::CONFIG_FILE, message)
        .at(line, col)
        .help(format!(
            "set the real values and delete the `# {marker}` comments: the site shows these settings"
        ));
    if found.len() == 1 && !fields.is_empty() {
        d = d.field(fields[0]);
    }
    Some(d)
}

fn example_apply_links(postings: &[&Arc<Posting>]) -> Vec<Diagnostic> {
    // Each apply link's host is parsed: on both threads.
    let hits: Vec<(&Posting, String)> = postings
        .par_iter()
        .filter_map(|p| p.apply.domain().filter(|d| is_example_domain(d)).map(|d| (p.as_ref(), d)))
        .collect();
    let help = "example.com, .org, .net and `*.example` are reserved for examples: no candidate can apply there. Use the real apply link (a demo site sets `check.allow_example_domains: true` in config.yaml)";
    if hits.len() <= MAX_LISTED {
        return hits
            .into_iter()
            .map(|(p, domain)| {
                p.doc()
                    .warning(
                        "example-domain",
                        "apply",
                        format!("apply link on the reserved example domain {domain}"),
                    )
                    .help(help)
            })
            .collect();
    }
    let (first, domain) = &hits[0];
    vec![
        first
            .doc()
            .warning(
                "example-domain",
                "apply",
                format!(
                    "apply link on the reserved example domain {domain}, and in {} more postings",
                    hits.len() - 1
                ),
            )
            .help(help),
    ]
}

/// The home page's meta description and the feeds' description, still `init`'s.
fn init_description(config: &Config) -> Option<Diagnostic> {
    let init: serde_yaml::Value = serde_yaml::from_str(INIT_CONFIG).ok()?;
    let text = init.get("description")?.as_str()?.trim();
    (!text.is_empty() && config.description.trim() == text).then(|| {
        config
            .doc()
            .warning("example-description", "description", "still the example text that `vacancy init` wrote")
            .help("describe your board in one or two sentences: search results and feed readers show it")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_reserved_example_domains() {
        for host in
            ["example.com", "jobs.example.org", "EXAMPLE.NET", "acme.example", "example", "a.b.example."]
        {
            assert!(is_example_domain(host), "{host}");
        }
        for host in ["example.de", "myexample.com", "example.com.au", "examples.org", "acme.com", "com"] {
            assert!(!is_example_domain(host), "{host}");
        }
    }

    #[test]
    fn warns_on_each_config_line_marked_todo() {
        let yaml =
            "title: Acme  # TODO: your name\nbase_url: https://acme.org/\ndescription: Jobs at Acme.\n";
        let config = crate::config::parse(std::path::Path::new("config.yaml"), yaml, None).unwrap();
        let found = config_placeholders(&config).unwrap();
        assert_eq!((found.line, found.field.as_deref()), (Some(1), Some("title")));
        let yaml = "title: Acme  # TODO\nbase_url: https://acme.org/\norganization:\n  name: A  # TODO\n";
        let config = crate::config::parse(std::path::Path::new("config.yaml"), yaml, None).unwrap();
        let found = config_placeholders(&config).unwrap();
        assert_eq!(found.line, Some(1));
        assert_eq!(
            found.message,
            "placeholder `TODO` still on 2 lines of config.yaml: title, organization.name"
        );
    }

    #[test]
    fn recognises_the_description_init_writes() {
        let init: serde_yaml::Value = serde_yaml::from_str(INIT_CONFIG).unwrap();
        let text = init["description"].as_str().unwrap();
        let yaml = format!("title: T\nbase_url: https://a.org/\ndescription: {text:?}\n");
        let config = crate::config::parse(std::path::Path::new("config.yaml"), &yaml, None).unwrap();
        let warning = init_description(&config).unwrap();
        assert_eq!(warning.location(), "config.yaml:3:14");
        let own = crate::config::parse(
            std::path::Path::new("config.yaml"),
            "title: T\nbase_url: https://a.org/\ndescription: Jobs at A.\n",
            None,
        )
        .unwrap();
        assert!(init_description(&own).is_none());
    }
}
