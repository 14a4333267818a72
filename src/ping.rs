//! `vacancy ping --indexnow`: tells IndexNow search engines (Bing, Yandex, Seznam,
//! Naver…) which posting URLs the last build added, updated or removed.
//!
//! IndexNow trusts a ping when the site serves a key file, `<key>.txt` containing the key,
//! which the build publishes whenever a key is set (config or environment).

use crate::build::Failure;
use crate::config::Config;
use crate::manifest::{CHANGES_FILE, Changes};
use crate::render::Page;
use crate::term;
use anyhow::{Context, anyhow, bail};
use std::path::Path;
use std::time::Duration;

/// The environment variable that overrides `indexnow.key` in `config.yaml`.
pub const KEY_ENV: &str = "VACANCY_INDEXNOW_KEY";
/// How to make a valid key.
pub const KEY_HELP: &str =
    "use 8 to 128 letters, digits or dashes, e.g. the output of `uuidgen` or `openssl rand -hex 16`";
/// The shared endpoint; IndexNow passes each ping on to every participating engine.
pub const DEFAULT_ENDPOINT: &str = "https://api.indexnow.org/indexnow";
/// IndexNow accepts at most this many URLs per request.
const BATCH: usize = 10_000;

/// The IndexNow key rules: 8–128 characters out of `a-z A-Z 0-9 -`.
pub fn check_key(key: &str) -> Result<(), String> {
    let ok_chars = key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !(8..=128).contains(&key.len()) || !ok_chars {
        return Err(format!("\"{key}\" is not a valid IndexNow key"));
    }
    Ok(())
}

/// The key: `VACANCY_INDEXNOW_KEY` if set and not empty, else `indexnow.key`.
pub fn key(config: &Config) -> anyhow::Result<Option<String>> {
    match std::env::var(KEY_ENV) {
        Ok(k) if !k.trim().is_empty() => {
            let k = k.trim().to_string();
            check_key(&k).map_err(|e| anyhow!("{KEY_ENV}: {e}; {KEY_HELP}"))?;
            Ok(Some(k))
        }
        _ => Ok(config.indexnow.key.clone()),
    }
}

/// The key file the build publishes at the site root.
pub fn key_file(key: &str) -> Page {
    Page { rel: format!("{key}.txt"), bytes: key.as_bytes().to_vec().into() }
}

/// Runs `vacancy ping --indexnow`.
pub fn run(args: &crate::cli::PingArgs) -> Result<std::process::ExitCode, Failure> {
    let config = crate::build::read_config(&args.root, None)?;
    let key = key(&config)?.ok_or_else(|| {
        anyhow!("no IndexNow key: set `indexnow: {{key: ...}}` in config.yaml or {KEY_ENV}, then build again")
    })?;
    let agent = agent();
    let (changes, key_file) = match &args.site {
        Some(site) => {
            let site = if site.ends_with('/') { site.clone() } else { format!("{site}/") };
            let changes = get(&agent, &format!("{site}{CHANGES_FILE}"))?;
            let changes: Changes =
                serde_json::from_str(&changes).with_context(|| format!("reading {site}{CHANGES_FILE}"))?;
            let key_url = format!("{site}{key}.txt");
            (changes, get(&agent, &key_url).map_err(|e| (key_url, e)))
        }
        None => {
            let output = args.output_dir.clone().unwrap_or_else(|| args.root.join("public"));
            let key_path = output.join(format!("{key}.txt"));
            let key_file =
                std::fs::read_to_string(&key_path).map_err(|e| (key_path.display().to_string(), e.into()));
            (read_changes(&output)?, key_file)
        }
    };
    // IndexNow fetches the key file from the live site: it must be in the build deployed.
    match key_file {
        Ok(k) if k.trim() == key => {}
        Ok(_) => {
            return Err(anyhow!(
                "{key}.txt does not hold the key: build with the same key, deploy, then ping"
            )
            .into());
        }
        Err((at, e)) => {
            return Err(
                anyhow!("no key file at {at} ({e:#}): build with the key set, deploy, then ping").into()
            );
        }
    }
    let urls: Vec<&str> = changes.all_urls().map(String::as_str).collect();
    if urls.is_empty() {
        term::info("Nothing changed since the previous build; IndexNow was not pinged");
        return Ok(std::process::ExitCode::SUCCESS);
    }
    let host = url::Url::parse(&changes.base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .with_context(|| format!("{CHANGES_FILE}: base_url \"{}\" has no host", changes.base_url))?;
    let key_location = format!("{}{key}.txt", changes.base_url);
    for batch in urls.chunks(BATCH) {
        let body = serde_json::json!({
            "host": host, "key": key, "keyLocation": key_location, "urlList": batch,
        });
        post(&agent, &args.endpoint, &body.to_string())?;
    }
    term::info(format!(
        "Sent {} to IndexNow ({} added, {} updated, {} removed)",
        crate::diagnostic::count(urls.len(), "URL"),
        changes.added.len(),
        changes.updated.len(),
        changes.removed.len()
    ));
    Ok(std::process::ExitCode::SUCCESS)
}

fn read_changes(output: &Path) -> anyhow::Result<Changes> {
    let path = output.join(CHANGES_FILE);
    let bytes = std::fs::read(&path)
        .with_context(|| format!("reading {} (run `vacancy build` first)", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("reading {}", path.display()))
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .http_status_as_error(false)
        .build()
        .into()
}

/// The text at `url` on the deployed site.
fn get(agent: &ureq::Agent, url: &str) -> anyhow::Result<String> {
    let mut response = agent.get(url).call().with_context(|| format!("fetching {url}"))?;
    let status = response.status();
    if !status.is_success() {
        bail!("fetching {url}: the site answered {status}");
    }
    Ok(response.body_mut().read_to_string()?)
}

/// POSTs one batch; IndexNow answers 200 or 202 when it takes the URLs.
fn post(agent: &ureq::Agent, endpoint: &str, body: &str) -> anyhow::Result<()> {
    let mut response = agent
        .post(endpoint)
        .header("Content-Type", "application/json; charset=utf-8")
        .send(body)
        .with_context(|| format!("sending the ping to {endpoint}"))?;
    let status = response.status().as_u16();
    if matches!(status, 200 | 202) {
        return Ok(());
    }
    let text = response.body_mut().read_to_string().unwrap_or_default();
    let why = match status {
        400 => "bad request",
        403 => "the key is not valid: is the key file deployed at the site root?",
        422 => "the URLs do not belong to the host, or the key does not match the key file",
        429 => "too many requests: IndexNow sees this as spam; ping less often",
        _ => "unexpected answer",
    };
    bail!("IndexNow answered {status} ({why}) {}", text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_indexnow_rules() {
        assert!(check_key("a1b2c3d4").is_ok());
        assert!(check_key("0c9f-4e2a-8d1b-77aa").is_ok());
        assert!(check_key("short").is_err());
        assert!(check_key("has space1").is_err());
        assert!(check_key(&"x".repeat(129)).is_err());
    }
}
