//! The config.yaml that `init` writes: the commented template, with the values given as
//! `--title`, `--base-url`, `--organization` and `--organization-url` in place of its
//! `TODO` placeholders. A value the user gave carries no `TODO`; one they didn't keeps it.

use super::emit;
use crate::cli::InitArgs;
use crate::config::{self, normalize_base_url};
use crate::content::company::absolute_http_url;
use crate::diagnostic::Diagnostic;
use std::path::Path;

const TEMPLATE: &str = include_str!("config.yaml");

/// What the flags say, checked.
#[derive(Debug, Default)]
pub struct SiteValues {
    pub title: Option<String>,
    pub base_url: Option<String>,
    pub organization: Option<String>,
    pub organization_url: Option<String>,
}

impl SiteValues {
    /// The config.yaml settings still holding a placeholder, for the closing message.
    pub fn placeholders(&self) -> Vec<&'static str> {
        let mut left = Vec::new();
        if self.title.is_none() && self.organization.is_none() {
            left.push("title");
        }
        if self.base_url.is_none() {
            left.push("base_url");
        }
        if self.organization.is_none() || self.organization_url.is_none() {
            left.push("organization");
        }
        left
    }
}

/// Checks the flags with the rules `build` applies to config.yaml, collecting every mistake.
pub fn resolve(args: &InitArgs) -> Result<SiteValues, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut text = |flag: &'static str, value: &Option<String>, example: &str| -> Option<String> {
        let v = value.as_deref()?.trim();
        if v.is_empty() || v.contains(['\n', '\r']) {
            errors.push(
                Diagnostic::error("invalid-flag", flag, "must be one line of text")
                    .help(format!("e.g. {flag} {example}")),
            );
            return None;
        }
        Some(v.to_string())
    };
    let title = text("--title", &args.title, "\"Acme Careers\"");
    let organization = text("--organization", &args.organization, "\"Acme Inc.\"");
    let base_url = args.base_url.as_deref().and_then(|u| match normalize_base_url(u.trim()) {
        Ok(url) => Some(url.to_string()),
        Err(e) => {
            errors.push(
                Diagnostic::error("invalid-url", "--base-url", e)
                    .help("the address the site is published at, e.g. https://careers.acme.com/ or https://acme.github.io/jobs/"),
            );
            None
        }
    });
    let organization_url = args.organization_url.as_deref().and_then(|u| match absolute_http_url(u.trim()) {
        Ok(url) => Some(url.to_string()),
        Err(e) => {
            errors.push(
                Diagnostic::error("invalid-url", "--organization-url", e)
                    .help("your organization's website, e.g. https://acme.com"),
            );
            None
        }
    });
    if errors.is_empty() {
        Ok(SiteValues { title, base_url, organization, organization_url })
    } else {
        Err(errors)
    }
}

/// The config.yaml text for `values`.
pub fn text(values: &SiteValues) -> String {
    let title = values.title.clone().or_else(|| values.organization.as_ref().map(|o| format!("{o} Careers")));
    let description = values
        .organization
        .as_ref()
        .map(|o| format!("Open positions at {o}{}", if o.ends_with('.') { "" } else { "." }));
    let mut text = TEMPLATE.to_string();
    for (key, value) in [
        ("title", title),
        ("base_url", values.base_url.clone()),
        ("description", description),
        ("name", values.organization.clone()),
        ("url", values.organization_url.clone()),
    ] {
        if let Some(v) = value {
            text = set(&text, key, &v);
        }
    }
    text
}

/// Replaces the placeholder line `key: … # TODO…` with `key: value`, keeping its indent.
fn set(text: &str, key: &str, value: &str) -> String {
    let prefix = format!("{key}: ");
    text.lines()
        .map(|l| {
            let trimmed = l.trim_start();
            if trimmed.starts_with(&prefix) && trimmed.contains("# TODO") {
                let indent = &l[..l.len() - trimmed.len()];
                format!("{indent}{key}: {}\n", emit::scalar(value))
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

/// The filled-in template must read as the build reads it; a failure here is a bug.
pub fn verify(text: &str) -> Result<(), Vec<Diagnostic>> {
    config::parse(Path::new(config::CONFIG_FILE), text, None).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn todo_lines(text: &str) -> Vec<&str> {
        text.lines().filter(|l| l.contains("TODO")).collect()
    }

    #[test]
    fn every_placeholder_line_is_marked_and_filled_by_its_flag() {
        let template = text(&SiteValues::default());
        assert_eq!(template, TEMPLATE);
        for placeholder in ["Example Co", "https://example.com"] {
            for l in template.lines().filter(|l| l.contains(placeholder) && !l.trim_start().starts_with('#'))
            {
                assert!(l.contains("# TODO"), "unmarked placeholder: {l}");
            }
        }
        assert_eq!(todo_lines(&template).len(), 5);
        let values = SiteValues {
            title: Some("Jobs: \"Acme\" #1".into()),
            base_url: Some("https://acme.test/careers/".into()),
            organization: Some("Acme".into()),
            organization_url: Some("https://acme.test/".into()),
        };
        let filled = text(&values);
        assert_eq!(todo_lines(&filled), Vec::<&str>::new());
        verify(&filled).unwrap();
        let config: serde_yaml::Value = serde_yaml::from_str(&filled).unwrap();
        assert_eq!(config["title"].as_str(), Some("Jobs: \"Acme\" #1"));
        assert_eq!(config["description"].as_str(), Some("Open positions at Acme."));
        assert_eq!(config["organization"]["name"].as_str(), Some("Acme"));
    }
}
