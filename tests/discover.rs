//! Discoverability: the change manifest across builds, `vacancy ping --indexnow` against
//! a local recording server, redirects from `aliases:`, and sitemap `lastmod` from
//! `updated:` and from git.

mod common;

use common::{Built, NOW, build, site_copy, stderr};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::mpsc;

const BASE: &str = "https://example.com/careers/";
const KEY: &str = "0c9f4e2a8d1b77aa";

fn url(slug: &str) -> String {
    format!("{BASE}jobs/{slug}/")
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn read_json(root: &Path, rel: &str) -> Value {
    let text = std::fs::read_to_string(root.join("public").join(rel)).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn build_ok(root: &Path, extra: &[&str]) -> Output {
    let out = build(root, extra);
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    out
}

/// Builds with a "now" after the sales lead closes (and before the future role opens).
fn build_later(root: &Path) {
    let out = common::vacancy(&["build", "--root", root.to_str().unwrap(), "--now", "2026-12-05T12:00:00Z"]);
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
}

/// `(added, updated, removed)` of the last build's manifest.
fn changes(root: &Path) -> (Vec<String>, Vec<String>, Vec<String>) {
    let c = read_json(root, "vacancy-changes.json");
    let list = |k: &str| -> Vec<String> {
        c[k].as_array()
            .unwrap_or_else(|| panic!("{k}: {c}"))
            .iter()
            .map(|v| v.as_str().unwrap().into())
            .collect()
    };
    (list("added"), list("updated"), list("removed"))
}

fn new_posting(title: &str) -> String {
    format!(
        "---\ntitle: {title}\ncategory: design\nemployment_type: full-time\nlocation: {{remote: true, countries: [DE]}}\n\
         posted: 2026-11-25\napply: https://acme.example/apply/2\n---\nDesign things people use every day.\n"
    )
}

#[test]
fn manifest_lists_added_updated_and_expired_postings_across_builds() {
    let site = site_copy("minimal");
    let root = site.path();
    // Closes between the second and the third build's "now".
    edit(root, "content/jobs/sales-lead.md", "posted: 2026-11-10", "posted: 2026-11-10\ncloses: 2026-12-01");

    build_ok(root, &[]);
    let (added, updated, removed) = changes(root);
    assert_eq!(added, [url("designer"), url("old-role"), url("rust-engineer"), url("sales-lead")]);
    assert!(updated.is_empty() && removed.is_empty());
    assert_eq!(read_json(root, "vacancy-changes.json")["compared"], false);
    let state = read_json(root, "vacancy-state.json");
    let urls = state["urls"].as_object().unwrap();
    assert_eq!(urls.len(), 4, "drafts and scheduled postings are not in the state: {state}");
    assert!(urls.values().all(|e| e["hash"].as_str().is_some_and(|h| h.len() == 64)), "{state}");

    // Build 2: one posting added. The listings around the others move; they are not "updated".
    write(root, "content/jobs/new-role.md", &new_posting("Product Designer"));
    build_ok(root, &[]);
    assert_eq!(changes(root), (vec![url("new-role")], vec![], vec![]));
    assert_eq!(read_json(root, "vacancy-changes.json")["compared"], true);

    // Build 3: one posting edited, one expired (its file unchanged, its state now closed).
    edit(root, "content/jobs/rust-engineer.md", "We build", "We build and run");
    build_later(root);
    assert_eq!(changes(root), (vec![], vec![url("rust-engineer"), url("sales-lead")], vec![]));
    let lastmod = &read_json(root, "vacancy-changes.json")["lastmod"];
    assert_eq!(lastmod[url("sales-lead")], "2026-11-10");

    // Build 4: expired pages dropped altogether are removed.
    edit(root, "config.yaml", "expired: notice", "expired: remove");
    build_later(root);
    assert_eq!(changes(root), (vec![], vec![], vec![url("old-role"), url("sales-lead")]));

    // Build 5: nothing changed.
    build_later(root);
    assert_eq!(changes(root), (vec![], vec![], vec![]));
}

#[test]
fn previous_state_comes_from_a_file_when_the_output_folder_starts_empty() {
    let site = site_copy("minimal");
    let root = site.path();
    build_ok(root, &[]);
    // What CI does: fetch the live state file, then build into an empty folder.
    let saved = root.join("live-state.json");
    std::fs::copy(root.join("public/vacancy-state.json"), &saved).unwrap();
    std::fs::remove_dir_all(root.join("public")).unwrap();
    edit(root, "content/jobs/designer.md", "title:", "title: Senior");
    build_ok(root, &["--previous-state", saved.to_str().unwrap()]);
    assert_eq!(changes(root), (vec![], vec![url("designer")], vec![]));

    // A missing file is a first build; a file that is not a state file is an error.
    build_ok(root, &["--previous-state", root.join("nope.json").to_str().unwrap()]);
    assert_eq!(changes(root).0.len(), 4);
    std::fs::write(&saved, "<html>Not found</html>").unwrap();
    let out = build(root, &["--previous-state", saved.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("is not a Vacancy state file"), "{}", stderr(&out));
}

/// A one-request HTTP server on a thread: returns its URL and the request it receives
/// (head and body), answering with `status`.
fn recording_server(status: u16) -> (String, mpsc::Receiver<(String, String)>) {
    let (base, rx) = serving(1, status, Vec::new());
    (format!("{base}indexnow"), rx)
}

/// An HTTP server on a thread for `requests` requests, one per connection: GETs of the
/// `files` paths get their text; everything else gets `status` and is recorded.
fn serving(
    requests: usize,
    status: u16,
    files: Vec<(String, String)>,
) -> (String, mpsc::Receiver<(String, String)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for _ in 0..requests {
            let (stream, _) = listener.accept().unwrap();
            let (head, body) = read_request(stream, status, &files);
            tx.send((head, body)).unwrap();
        }
    });
    (format!("http://{addr}/"), rx)
}

fn read_request(stream: std::net::TcpStream, status: u16, files: &[(String, String)]) -> (String, String) {
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" || line.is_empty() {
            break;
        }
        head.push_str(&line);
    }
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap())
        })
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let path = head.split_whitespace().nth(1).unwrap_or("");
    let file = files.iter().find(|(p, _)| head.starts_with("GET ") && p == path);
    let (status, text) = file.map_or((status, ""), |(_, text)| (200, text.as_str()));
    let answer = format!(
        "HTTP/1.1 {status} Whatever\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        text.len()
    );
    reader.get_mut().write_all(answer.as_bytes()).unwrap();
    (head, String::from_utf8(body).unwrap())
}

fn ping(root: &Path, endpoint: &str, env_key: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vacancy"));
    cmd.args(["ping", "--indexnow", "--root", root.to_str().unwrap(), "--endpoint", endpoint]);
    cmd.env_remove("VACANCY_INDEXNOW_KEY");
    if let Some(k) = env_key {
        cmd.env("VACANCY_INDEXNOW_KEY", k);
    }
    cmd.output().unwrap()
}

#[test]
fn ping_posts_the_changed_urls_and_key_to_indexnow() {
    let site = site_copy("minimal");
    let root = site.path();
    std::fs::write(
        root.join("config.yaml"),
        std::fs::read_to_string(root.join("config.yaml")).unwrap() + &format!("indexnow: {{key: {KEY}}}\n"),
    )
    .unwrap();
    build_ok(root, &[]);
    assert_eq!(std::fs::read_to_string(root.join(format!("public/{KEY}.txt"))).unwrap(), KEY);

    let (endpoint, requests) = recording_server(200);
    let out = ping(root, &endpoint, None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Sent 4 URLs to IndexNow (4 added, 0 updated, 0 removed)"),
        "{}",
        stderr(&out)
    );
    let (head, body) = requests.recv().unwrap();
    assert!(head.starts_with("POST /indexnow HTTP/1.1\r\n"), "{head}");
    assert!(head.to_ascii_lowercase().contains("content-type: application/json; charset=utf-8"), "{head}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["host"], "example.com");
    assert_eq!(body["key"], KEY);
    assert_eq!(body["keyLocation"], format!("{BASE}{KEY}.txt"));
    let list: Vec<&str> = body["urlList"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(list, [url("designer"), url("old-role"), url("rust-engineer"), url("sales-lead")]);

    // An unchanged rebuild sends nothing: no server listens there, so a request would fail.
    build_ok(root, &[]);
    let out = ping(root, "http://127.0.0.1:9/indexnow", None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("Nothing changed since the previous build"), "{}", stderr(&out));
}

#[test]
fn ping_reports_a_refused_key_and_a_missing_key_file() {
    let site = site_copy("minimal");
    let root = site.path();
    // The key from the environment: the build publishes it too.
    let out = Command::new(env!("CARGO_BIN_EXE_vacancy"))
        .args(["build", "--root", root.to_str().unwrap(), "--now", NOW])
        .env("VACANCY_INDEXNOW_KEY", KEY)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(root.join(format!("public/{KEY}.txt")).exists());

    let (endpoint, requests) = recording_server(403);
    let out = ping(root, &endpoint, Some(KEY));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("IndexNow answered 403 (the key is not valid"), "{}", stderr(&out));
    assert!(requests.recv().is_ok());

    // Another key than the build published: refused before sending anything.
    let out = ping(root, "http://127.0.0.1:9/indexnow", Some("ffffffffffff"));
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no key file at "), "{}", stderr(&out));
    assert!(stderr(&out).contains("ffffffffffff.txt"), "{}", stderr(&out));
    let out = ping(root, "http://127.0.0.1:9/indexnow", None);
    assert!(stderr(&out).contains("no IndexNow key"), "{}", stderr(&out));
}

#[test]
fn invalid_indexnow_key_in_config_is_located() {
    let site = site_copy("minimal");
    let root = site.path();
    let config = std::fs::read_to_string(root.join("config.yaml")).unwrap();
    std::fs::write(root.join("config.yaml"), config.clone() + "indexnow: {key: short}\n").unwrap();
    let out = build(root, &[]);
    let line = config.lines().count() + 1;
    assert!(
        stderr(&out).contains(&format!(
            "error: config.yaml:{line}:17: indexnow.key: \"short\" is not a valid IndexNow key"
        )),
        "{}",
        stderr(&out)
    );
}

fn add_aliases(root: &Path, aliases: &str) {
    edit(root, "content/jobs/rust-engineer.md", "id: GLX-1", &format!("id: GLX-1\naliases: {aliases}"));
}

#[test]
fn aliases_get_redirect_pages_and_redirects_rules() {
    let site = site_copy("minimal");
    let root = site.path();
    add_aliases(root, "[/jobs/rust-dev/, old/rust.html]");
    write(root, "static/_redirects", "/careers/apply /careers/jobs/ 302");
    build_ok(root, &[]);
    let built = Built { dir: site, stderr: String::new() };
    let target = url("rust-engineer");
    for page in ["jobs/rust-dev/index.html", "old/rust.html"] {
        assert_eq!(built.attrs(page, r#"link[rel="canonical"]"#, "href"), [target.as_str()]);
        assert_eq!(built.attrs(page, r#"meta[name="robots"]"#, "content"), ["noindex"]);
        assert_eq!(
            built.attrs(page, r#"meta[http-equiv="refresh"]"#, "content"),
            [format!("0; url={target}")]
        );
        assert_eq!(built.attrs(page, "a", "href"), [target.as_str()]);
    }
    // The site's own rules first (hosts apply the first match), then one 301 per alias.
    let rules: Vec<Vec<String>> = built
        .read("_redirects")
        .lines()
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect();
    assert_eq!(
        rules,
        [
            ["/careers/apply", "/careers/jobs/", "302"],
            ["/careers/jobs/rust-dev/", "/careers/jobs/rust-engineer/", "301"],
            ["/careers/old/rust.html", "/careers/jobs/rust-engineer/", "301"],
        ]
    );
    // Redirect pages are not postings: not in the sitemap or the manifest.
    assert!(!built.read("sitemap.xml").contains("rust-dev"));
    assert!(!built.read("vacancy-state.json").contains("rust-dev"));
}

#[test]
fn aliases_colliding_with_pages_or_each_other_are_errors() {
    let site = site_copy("minimal");
    let root = site.path();
    add_aliases(root, "[/jobs/designer/, /feed.xml]");
    edit(root, "content/jobs/sales-lead.md", "posted:", "aliases: [/feed.xml, \"https://x.org/a\"]\nposted:");
    let out = build(root, &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    // Malformed aliases are reported with the other posting errors, first.
    assert!(err.contains("content/jobs/sales-lead.md:"), "{err}");
    assert!(err.contains("aliases[1]: \"https://x.org/a\" is a URL, not a path"), "{err}");
    edit(root, "content/jobs/sales-lead.md", ", \"https://x.org/a\"", "");
    let out = build(root, &[]);
    let err = stderr(&out);
    assert!(
        err.contains(
            "error: content/jobs/rust-engineer.md:17:11: aliases[0]: /jobs/designer/ is a page of the site"
        ),
        "{err}"
    );
    assert!(err.contains("rust-engineer.md:17:28: aliases[1]: /feed.xml is a page of the site"), "{err}");
    assert!(err.contains("3 errors found; nothing was written"), "{err}");
    // `check` reports the same.
    let out = common::vacancy(&["check", "--root", root.to_str().unwrap(), "--now", NOW]);
    assert!(stderr(&out).contains("aliases[0]: /jobs/designer/ is a page of the site"), "{}", stderr(&out));
}

fn sitemap_lastmod(root: &Path, slug: &str) -> Option<String> {
    let xml = std::fs::read_to_string(root.join("public/sitemap.xml")).unwrap();
    let loc = format!("<loc>{}</loc>", url(slug));
    let after = &xml[xml.find(&loc)? + loc.len()..];
    let block = &after[..after.find("</url>")?];
    let start = block.find("<lastmod>")? + "<lastmod>".len();
    Some(block[start..block.find("</lastmod>")?].to_string())
}

#[test]
fn updated_date_drives_sitemap_lastmod_and_must_follow_posted() {
    let site = site_copy("minimal");
    let root = site.path();
    edit(root, "content/jobs/rust-engineer.md", "id: GLX-1", "id: GLX-1\nupdated: 2026-11-27");
    build_ok(root, &[]);
    assert_eq!(sitemap_lastmod(root, "rust-engineer").as_deref(), Some("2026-11-27"));
    assert_eq!(sitemap_lastmod(root, "sales-lead").as_deref(), Some("2026-11-10"));
    let state = read_json(root, "vacancy-state.json");
    assert_eq!(state["urls"][url("rust-engineer")]["lastmod"], "2026-11-27");
    // Atom's `updated`, for the entry and the feed, follows it too; `published` does not.
    let atom = std::fs::read_to_string(root.join("public/atom.xml")).unwrap();
    let entry = &atom[atom.find("<title>Senior Rust Engineer</title>").unwrap()..];
    let entry = &entry[..entry.find("</entry>").unwrap()];
    assert!(entry.contains("<updated>2026-11-27T00:00:00+01:00</updated>"), "{entry}");
    assert!(entry.contains("<published>2026-11-20T00:00:00+01:00</published>"), "{entry}");
    assert!(
        atom[..atom.find("<entry>").unwrap()].contains("<updated>2026-11-27T00:00:00+01:00</updated>"),
        "{atom}"
    );

    edit(root, "content/jobs/rust-engineer.md", "updated: 2026-11-27", "updated: 2026-11-01");
    let err = stderr(&build(root, &[]));
    assert!(
        err.contains("rust-engineer.md:17:10: updated: updated (2026-11-01) is before posted (2026-11-20)"),
        "{err}"
    );
}

fn git(root: &Path, args: &[&str], date: &str) {
    let out = Command::new("git")
        .current_dir(root)
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

#[test]
fn git_lastmod_uses_the_last_commit_of_each_posting() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let site = site_copy("minimal");
    let root = site.path();
    edit(root, "config.yaml", "check:", "sitemap: {lastmod: git}\ncheck:");
    // Outside a repository: a warning, and the dates from the files.
    let out = build_ok(root, &[]);
    assert!(stderr(&out).contains("warning: config.yaml:"), "{}", stderr(&out));
    assert!(stderr(&out).contains("sitemap.lastmod: git log failed"), "{}", stderr(&out));
    assert_eq!(sitemap_lastmod(root, "rust-engineer").as_deref(), Some("2026-11-20"));

    let id = ["-c", "user.name=T", "-c", "user.email=t@example.org"];
    git(root, &["init", "-q"], "2026-11-21T10:00:00Z");
    git(root, &["add", "."], "2026-11-21T10:00:00Z");
    git(root, &[&id[..], &["commit", "-qm", "first"]].concat(), "2026-11-21T10:00:00Z");
    edit(root, "content/jobs/rust-engineer.md", "We build", "We build and run");
    git(root, &[&id[..], &["commit", "-qam", "second"]].concat(), "2026-11-28T15:30:00Z");
    let out = build_ok(root, &[]);
    assert!(!stderr(&out).contains("warning: config.yaml"), "{}", stderr(&out));
    // In the site's zone, Europe/Berlin.
    assert_eq!(sitemap_lastmod(root, "rust-engineer").as_deref(), Some("2026-11-28T16:30:00+01:00"));
    assert_eq!(sitemap_lastmod(root, "sales-lead").as_deref(), Some("2026-11-21T11:00:00+01:00"));
    let state = read_json(root, "vacancy-state.json");
    assert_eq!(state["urls"][url("rust-engineer")]["lastmod"], "2026-11-28T16:30:00+01:00");
}

#[test]
fn init_workflow_fetches_the_live_state_before_building() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let out = common::vacancy(&["init", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(site.join(".github/workflows/vacancy.yml")).unwrap();
    let wf: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let runs: Vec<&str> = wf["jobs"]["check"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect();
    let fetch = runs.iter().position(|r| r.contains("-o public/vacancy-state.json")).expect("a fetch step");
    let build = runs.iter().position(|r| r.starts_with("vacancy build")).unwrap();
    assert!(fetch < build, "{runs:?}");
    // The fetched file is the default previous state: the build reads it from public/.
    assert!(runs[fetch].contains("/vacancy-state.json\" || true"), "{}", runs[fetch]);
}

#[test]
fn ping_can_read_the_changes_and_key_file_from_the_deployed_site() {
    let site = site_copy("minimal");
    let root = site.path();
    let config = std::fs::read_to_string(root.join("config.yaml")).unwrap();
    std::fs::write(root.join("config.yaml"), config + &format!("indexnow: {{key: {KEY}}}\n")).unwrap();
    build_ok(root, &[]);
    // The "live site": the built manifest and key file, then the IndexNow endpoint.
    let changes = std::fs::read_to_string(root.join("public/vacancy-changes.json")).unwrap();
    let files = vec![
        ("/careers/vacancy-changes.json".to_string(), changes),
        (format!("/careers/{KEY}.txt"), KEY.to_string()),
    ];
    let (base, requests) = serving(3, 202, files);
    std::fs::remove_dir_all(root.join("public")).unwrap();
    let site_url = format!("{base}careers");
    let out = ping(root, &format!("{base}indexnow"), None);
    assert!(!out.status.success(), "no local build: {}", stderr(&out));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vacancy"));
    cmd.args(["ping", "--indexnow", "--root", root.to_str().unwrap(), "--site", &site_url]);
    let out = cmd
        .args(["--endpoint", &format!("{base}indexnow")])
        .env_remove("VACANCY_INDEXNOW_KEY")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let heads: Vec<String> = (0..3).map(|_| requests.recv().unwrap().0).collect();
    assert!(heads[0].starts_with("GET /careers/vacancy-changes.json "), "{heads:?}");
    assert!(heads[1].starts_with(&format!("GET /careers/{KEY}.txt ")), "{heads:?}");
    assert!(heads[2].starts_with("POST /indexnow "), "{heads:?}");
}
