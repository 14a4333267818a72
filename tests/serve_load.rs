//! `vacancy serve` under load on 127.0.0.1: client threads fetch pages while one posting is
//! rewritten over and over, and every tenth version of it is broken.
//!
//! - No failed request: every response is a 200 with a whole page (`<!doctype html>` to
//!   `</html>`). While the posting is broken, serve keeps the last good build, so a broken
//!   version never shows up.
//! - No torn page: each version `N` of the posting carries `Load vN` in its title (the page's
//!   `<head>`) and `vN-start`/`vN-end` around a long body; every marker on a page names the
//!   same version, and a client never sees an older version after a newer one.
//! - Memory flat (the ignored long variant, which `.ci/run` runs): resident memory after
//!   1,000 rebuilds exceeds what it was after the first 100 by less than a bound that leaking
//!   even a tenth of one build's pages per rebuild would break.
//!
//! Nothing here measures time; the waits only guard against a hang.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long one rebuild may take before the test gives up (a hang, not a slow machine).
const PATIENCE: Duration = Duration::from_secs(20);
/// Client threads, and the requests each makes per version of the posting.
const CLIENTS: usize = 3;
const REQUESTS_PER_VERSION: usize = 2;

/// The binary under test: `VACANCY_BIN` (`.ci/run` passes the release build) or this crate's.
fn binary() -> PathBuf {
    std::env::var_os("VACANCY_BIN")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_vacancy")), PathBuf::from)
}

/// Version `n` of the posting; a broken one has an unknown employment type.
fn posting(n: usize, broken: bool) -> String {
    let kind = if broken { "fulltime" } else { "full-time" };
    let filler = "The team builds a job board that stays up while people edit it. ".repeat(400);
    format!(
        "---\ntitle: Load v{n}\ncategory: engineering\nemployment_type: {kind}\n\
location: {{remote: true, countries: [DE]}}\nposted: 2026-11-20\napply: https://load.example/apply\n---\n\
v{n}-start\n\n{filler}\n\nv{n}-end\n"
    )
}

/// Saves the way editors do, by rename, so the watcher never sees a half-written file.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("md.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(binary())
            .args(["serve", "--port", "0", "--now", "2026-11-30", "--quiet", "--root"])
            .arg(root)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting vacancy serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let url = line.split_whitespace().find(|w| w.starts_with("http://127.0.0.1:")).map(str::to_string);
        Server { child, url: url.unwrap_or_else(|| panic!("no URL in {line:?}")) }
    }

    /// `(build id, error)` from the status endpoint.
    fn status(&self, agent: &ureq::Agent) -> (String, Option<String>) {
        let mut r = agent.get(format!("{}__vacancy/status", self.url)).call().expect("status");
        let v: serde_json::Value = serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
        (v["build"].as_str().unwrap_or_default().to_string(), v["error"].as_str().map(str::to_string))
    }

    /// Resident memory of the server process, in KB.
    fn rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).expect("VmRSS in /proc/PID/status");
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + PATIENCE;
    while !done() {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Every version named on a page, by its markers: title, body start, body end.
fn versions(page: &str) -> Vec<(&'static str, usize)> {
    let mut found = Vec::new();
    for (marker, prefix, suffix) in [("title", "Load v", ""), ("start", "v", "-start"), ("end", "v", "-end")]
    {
        let mut rest = page;
        while let Some(i) = rest.find(prefix) {
            rest = &rest[i + prefix.len()..];
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits > 0 && rest[digits..].starts_with(suffix) {
                found.push((marker, rest[..digits].parse().unwrap()));
            }
        }
    }
    found
}

/// Checks one response; returns the version it shows, or what is wrong with it.
fn judge(path: &str, status: u16, body: &str) -> Result<Option<usize>, String> {
    if status != 200 {
        return Err(format!("{path}: status {status}"));
    }
    if !body.starts_with("<!doctype html>") || !body.trim_end().ends_with("</html>") {
        return Err(format!("{path}: not a whole page ({} bytes)", body.len()));
    }
    let found = versions(body);
    let first = found.first().map(|&(_, n)| n);
    if found.iter().any(|&(_, n)| Some(n) != first) {
        return Err(format!("{path}: torn page, versions {found:?}"));
    }
    if path.starts_with("/jobs/") {
        for marker in ["title", "start", "end"] {
            if !found.iter().any(|&(m, _)| m == marker) {
                return Err(format!("{path}: no {marker} marker, versions {found:?}"));
            }
        }
    }
    Ok(first)
}

/// Runs the load: `edits` versions of the posting while the clients fetch. Returns the number
/// of requests and the resident memory (KB) after a tenth of the edits and at the end.
fn load(edits: usize) -> (usize, u64, u64) {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    std::fs::create_dir_all(root.join("content/jobs")).unwrap();
    std::fs::write(
        root.join("config.yaml"),
        "title: Load Board\nbase_url: https://jobs.example.test/\norganization: {name: Loadco, url: https://load.example}\n",
    )
    .unwrap();
    let file = root.join("content/jobs/load.md");
    save(&file, &posting(0, false));
    let server = Arc::new(Server::start(root));

    // The version the editor has made visible (clients pace themselves by it), and the end.
    let generation = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicBool::new(false));
    let problems = Arc::new(Mutex::new(Vec::<String>::new()));
    let requests = Arc::new(AtomicUsize::new(0));
    let broken = |n: usize| n % 10 == 9;
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (server, generation, done) = (server.clone(), generation.clone(), done.clone());
            let (problems, requests) = (problems.clone(), requests.clone());
            std::thread::spawn(move || {
                let agent = agent();
                let (mut seen_gen, mut made, mut newest) = (usize::MAX, 0, 0);
                while !done.load(Ordering::Acquire) {
                    let g = generation.load(Ordering::Acquire);
                    if g != seen_gen {
                        (seen_gen, made) = (g, 0);
                    }
                    if made == REQUESTS_PER_VERSION {
                        std::thread::sleep(Duration::from_millis(2));
                        continue;
                    }
                    made += 1;
                    let path = if (made + c) % 2 == 0 { "/jobs/load/" } else { "/" };
                    requests.fetch_add(1, Ordering::Relaxed);
                    let verdict = match agent.get(format!("{}{}", server.url, &path[1..])).call() {
                        Err(e) => Err(format!("{path}: {e}")),
                        Ok(mut r) => {
                            let status = r.status().as_u16();
                            match r.body_mut().with_config().limit(10 << 20).read_to_string() {
                                Ok(body) => judge(path, status, &body),
                                Err(e) => Err(format!("{path}: reading the body: {e}")),
                            }
                        }
                    };
                    match verdict {
                        Ok(Some(n)) if broken(n) => {
                            problems.lock().unwrap().push(format!("{path}: broken v{n} served"))
                        }
                        Ok(Some(n)) if n < newest => {
                            problems.lock().unwrap().push(format!("{path}: v{n} after v{newest}"))
                        }
                        Ok(Some(n)) => newest = n,
                        Ok(None) => problems.lock().unwrap().push(format!("{path}: no version on the page")),
                        Err(e) => problems.lock().unwrap().push(e),
                    }
                }
            })
        })
        .collect();

    let agent = agent();
    let mut rss_early = 0;
    for n in 1..=edits {
        let (build, _) = server.status(&agent);
        save(&file, &posting(n, broken(n)));
        if broken(n) {
            wait_until(&format!("the error of v{n}"), || {
                server.status(&agent).1.is_some_and(|e| e.contains("content/jobs/load.md"))
            });
        } else {
            wait_until(&format!("the build of v{n}"), || {
                let (now, error) = server.status(&agent);
                now != build && error.is_none()
            });
        }
        generation.store(n, Ordering::Release);
        if n == edits / 10 {
            rss_early = server.rss_kb();
        }
        assert_no_problems(&problems.lock().unwrap(), &format!("after v{n}"));
    }
    done.store(true, Ordering::Release);
    for client in clients {
        client.join().unwrap();
    }
    assert_no_problems(&problems.lock().unwrap(), "at the end");
    (requests.load(Ordering::Relaxed), rss_early, server.rss_kb())
}

#[test]
fn serve_answers_every_request_whole_while_a_posting_is_edited_and_broken() {
    let (requests, _, _) = load(40);
    assert!(requests >= 40, "only {requests} requests");
}

/// 1,000 rebuilds with about 6,000 requests; `.ci/run` runs it on the release binary.
#[test]
#[ignore = "1,000 rebuilds: run by .ci/run (cargo test --test serve_load -- --ignored)"]
fn serve_memory_stays_flat_across_a_thousand_rebuilds() {
    let (requests, early, late) = load(1000);
    // One build of this site writes a few hundred KB of pages and feeds; keeping a tenth of
    // that per rebuild over the last 900 rebuilds would add far more than 32 MB.
    let growth = late.saturating_sub(early);
    eprintln!("serve_load: {requests} requests; VmRSS {early} KB after 100 rebuilds, {late} KB after 1,000");
    assert!(requests >= 1000, "only {requests} requests");
    assert!(
        growth < 32 * 1024,
        "VmRSS grew by {growth} KB between rebuild 100 and 1,000 ({early} → {late} KB)"
    );
}

#[test]
fn the_judge_catches_torn_partial_and_failed_pages() {
    let page = |title: usize, start: usize, end: usize| {
        format!(
            "<!doctype html><title>Load v{title} at Loadco</title><p>v{start}-start</p><p>v{end}-end</p></html>\n"
        )
    };
    assert_eq!(judge("/jobs/load/", 200, &page(3, 3, 3)), Ok(Some(3)));
    assert!(judge("/jobs/load/", 200, &page(3, 4, 4)).unwrap_err().contains("torn"));
    assert!(judge("/jobs/load/", 200, &page(3, 3, 3)[..60]).unwrap_err().contains("not a whole page"));
    assert!(judge("/jobs/load/", 500, &page(3, 3, 3)).unwrap_err().contains("status 500"));
    let no_end = "<!doctype html><title>Load v3</title><p>v3-start</p></html>";
    assert!(judge("/jobs/load/", 200, no_end).unwrap_err().contains("no end marker"));
}

/// Fails with the count and the first few bad responses.
fn assert_no_problems(problems: &[String], when: &str) {
    assert!(
        problems.is_empty(),
        "{when}: {} bad responses, first: {:?}",
        problems.len(),
        &problems[..problems.len().min(5)]
    );
}
