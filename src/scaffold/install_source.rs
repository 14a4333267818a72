//! Where the workflow that `init` writes installs vacancy from: the repository that publishes
//! vacancy's releases. It comes from `init --install-from URL`, else from Cargo.toml's
//! `repository`; with neither, the workflow's install step fails early and says what to set.

use crate::diagnostic::Diagnostic;

/// The release repository for a new site's workflow: the `--install-from` value, else the
/// `repository` this binary was built with (`None` until the project has a public home).
pub fn resolve(flag: Option<&str>) -> Option<String> {
    flag.map(str::to_string).or_else(|| {
        let built_with = env!("CARGO_PKG_REPOSITORY");
        (!built_with.is_empty()).then(|| parse(built_with).ok()).flatten()
    })
}

/// Parses `--install-from`: an https URL of a repository, normalised without a trailing `/`
/// or `.git`, because the workflow appends `/releases/download/…` to it. The URL lands in a
/// YAML string and a shell variable, so only the URL crate's serialisation is kept.
pub fn parse(text: &str) -> Result<String, String> {
    let url = url::Url::parse(text.trim()).map_err(|e| format!("not a URL ({e})"))?;
    if url.scheme() != "https" {
        return Err(format!("use an https:// URL, not {}://", url.scheme()));
    }
    if url.host_str().is_none() || url.query().is_some() || url.fragment().is_some() {
        return Err("expected a repository URL such as https://github.com/OWNER/vacancy".into());
    }
    let serialised = url.as_str().trim_end_matches('/');
    let repo = serialised.strip_suffix(".git").unwrap_or(serialised);
    if repo.chars().any(|c| c.is_whitespace() || matches!(c, '"' | '\'' | '\\' | '$' | '`')) {
        return Err("the URL has characters a workflow cannot quote".into());
    }
    if repo.matches('/').count() < 4 {
        return Err(
            "expected a repository URL with an owner and a name, such as https://github.com/OWNER/vacancy"
                .into(),
        );
    }
    Ok(repo.to_string())
}

/// What `init` says when the workflow it wrote (at `path`, holding `text`) cannot install
/// vacancy yet, pointing at the line to edit.
pub fn missing_warning(path: &str, text: &str) -> Diagnostic {
    let at = text.lines().enumerate().find_map(|(i, line)| {
        line.find("VACANCY_REPOSITORY: ").map(|col| (i + 1, col + "VACANCY_REPOSITORY: ".len() + 1))
    });
    Diagnostic::warning("install-source", path, "no repository to install vacancy from: the install step fails until this is set")
        .at_opt(at)
        .field("env.VACANCY_REPOSITORY")
        .help("set it to the repository that publishes vacancy releases, e.g. https://github.com/OWNER/vacancy (`vacancy init --install-from URL` writes it for you)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_a_repository_url() {
        assert_eq!(parse("https://github.com/acme/vacancy").unwrap(), "https://github.com/acme/vacancy");
        assert_eq!(parse("https://github.com/acme/vacancy/").unwrap(), "https://github.com/acme/vacancy");
        assert_eq!(
            parse(" https://github.com/acme/vacancy.git ").unwrap(),
            "https://github.com/acme/vacancy"
        );
        assert_eq!(
            parse("https://git.acme.com:8443/tools/vacancy").unwrap(),
            "https://git.acme.com:8443/tools/vacancy"
        );
    }

    #[test]
    fn rejects_what_is_not_an_https_repository_url() {
        assert!(parse("http://github.com/acme/vacancy").unwrap_err().contains("https"));
        assert!(parse("git@github.com:acme/vacancy.git").is_err());
        assert!(parse("https://github.com/acme").unwrap_err().contains("owner and a name"));
        assert!(parse("https://github.com/acme/vacancy?x=1").is_err());
        assert!(parse("github.com/acme/vacancy").unwrap_err().starts_with("not a URL"));
    }

    #[test]
    fn quotes_and_dollars_never_reach_the_workflow() {
        // The URL parser percent-encodes these in paths; nothing unquotable survives.
        let repo = parse("https://github.com/acme/va\"cancy").unwrap();
        assert!(!repo.contains('"') && repo.contains("%22"), "{repo}");
        assert!(parse("https://github.com/acme/va$(id)").is_err());
    }

    #[test]
    fn the_flag_wins() {
        assert_eq!(resolve(Some("https://x.test/a/b")).as_deref(), Some("https://x.test/a/b"));
    }
}
