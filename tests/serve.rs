//! `vacancy serve` end to end: the real binary, serving a tiny site it builds in a temp
//! folder, fetched over HTTP while the test edits the site's files.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a change may take to show up; a rebuild of this site takes milliseconds.
const PATIENCE: Duration = Duration::from_secs(5);

/// Unique text in config.yaml: a response containing it came from the site folder.
const CONFIG_MARKER: &str = "serve-test-config-7f3a";

const CONFIG: &str = "# serve-test-config-7f3a\n\
title: Serve Test Board\n\
base_url: https://jobs.example.test/\n\
organization:\n  name: Testco\n  url: https://testco.example\n";

fn posting(title: &str, body: &str) -> String {
    format!(
        "---\n\
title: {title}\n\
category: Engineering\n\
employment_type: full-time\n\
location:\n  remote: true\n  countries: [DE]\n\
posted: 2026-11-20\n\
apply: https://testco.example/apply\n\
---\n\
{body}\n"
    )
}

/// A two-posting site in a temp folder.
fn site(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/jobs")).unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("config.yaml"), config).unwrap();
    std::fs::write(
        root.join("content/jobs/rust-engineer.md"),
        posting("Rust Engineer", "You will build a job board in Rust."),
    )
    .unwrap();
    std::fs::write(
        root.join("content/jobs/data-analyst.md"),
        posting("Data Analyst", "You will count the jobs on the board."),
    )
    .unwrap();
    std::fs::write(root.join("static/extra.css"), "body { color: black; }\n").unwrap();
    dir
}

/// A running `vacancy serve`, killed on drop so a failing test leaves nothing behind.
struct Server {
    child: Child,
    url: String,
    stderr: Arc<Mutex<String>>,
    site: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(site: tempfile::TempDir) -> Server {
        Server::start_with(site, |_| {})
    }

    /// Starts the server after `setup` has added arguments or environment.
    fn start_with(site: tempfile::TempDir, setup: impl FnOnce(&mut Command)) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_vacancy"));
        command.args(["serve", "--port", "0", "--now", "2026-11-30", "--root"]).arg(site.path());
        setup(&mut command);
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting vacancy serve");
        let stdout = lines(child.stdout.take().unwrap());
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        let mut err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut buf = [0; 4096];
            while let Ok(n @ 1..) = err.read(&mut buf) {
                sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut server = Server { child, url: String::new(), stderr, site };
        // Startup includes the first build of a debug binary; allow more than for a rebuild.
        let line = stdout
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("no \"Serving\" line on stdout; stderr:\n{}", server.stderr()));
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"));
        assert!(line.starts_with("Serving Serve Test Board at http://127.0.0.1:"), "{line}");
        assert!(!url.ends_with(":0/"), "port 0 must be replaced by the real port: {url}");
        server.url = url.to_string();
        server
    }

    fn root(&self) -> &Path {
        self.site.path()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn get(&self, path: &str) -> Fetched {
        fetch(&format!("{}{}", self.url, path.trim_start_matches('/')))
    }

    fn status(&self) -> serde_json::Value {
        let f = self.get("/__vacancy/status");
        assert_eq!(f.status, 200);
        assert_eq!(f.content_type, "application/json");
        serde_json::from_str(&f.body).expect("status is JSON")
    }

    fn port_addr(&self) -> String {
        self.url.trim_start_matches("http://").split('/').next().unwrap().to_string()
    }
}

/// Lines of a child's output, as they come.
fn lines(out: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

struct Fetched {
    status: u16,
    content_type: String,
    location: Option<String>,
    body: String,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .timeout_global(Some(Duration::from_secs(5)))
        .build()
        .into()
}

fn fetch(url: &str) -> Fetched {
    let mut resp = agent().get(url).call().unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let header = |name: &str| resp.headers().get(name).map(|v| v.to_str().unwrap().to_string());
    let content_type = header("content-type").unwrap_or_default();
    let location = header("location");
    Fetched {
        status: resp.status().as_u16(),
        content_type,
        location,
        body: resp.body_mut().read_to_string().unwrap_or_default(),
    }
}

/// Sends `GET <raw>` exactly as written: HTTP clients normalise `..` away before sending.
fn raw_get(addr: &str, raw: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(stream, "GET {raw} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read response");
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {response:?}"));
    (status, response)
}

/// Polls `check` until it returns `Some`, for at most [`PATIENCE`].
fn wait_for<T>(what: &str, server: &Server, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(v) = check() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}; stderr:\n{}", server.stderr());
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn wait_for_page(server: &Server, path: &str, text: &str) -> Instant {
    wait_for(&format!("{path} to contain {text:?}"), server, || {
        let f = server.get(path);
        (f.status == 200 && f.body.contains(text)).then(Instant::now)
    })
}

#[test]
fn serves_the_site_from_memory() {
    let server = Server::start(site(CONFIG));

    let index = server.get("/");
    assert_eq!(index.status, 200);
    assert_eq!(index.content_type, "text/html; charset=utf-8");
    assert!(index.body.contains("Rust Engineer"), "{}", index.body);
    assert!(index.body.contains("Data Analyst"), "{}", index.body);
    assert!(index.body.contains("src=\"/__vacancy/reload.js\""), "reload script missing");

    let page = server.get("/jobs/rust-engineer/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("build a job board in Rust"), "{}", page.body);
    // Links point at the local server, not at the configured base URL.
    assert!(page.body.contains(&format!("{}jobs/rust-engineer/", server.url)), "{}", page.body);
    assert!(!page.body.contains("https://jobs.example.test/"), "{}", page.body);
    let script_at = page.body.find("/__vacancy/reload.js").unwrap();
    assert!(script_at < page.body.rfind("</body>").unwrap(), "script must precede </body>");

    let folder = server.get("/jobs/rust-engineer");
    assert_eq!(folder.status, 307);
    assert_eq!(folder.location.as_deref(), Some("/jobs/rust-engineer/"));

    let css = server.get("/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.content_type, "text/css; charset=utf-8");
    assert!(!css.body.contains("__vacancy"), "only HTML gets the script");
    let extra = server.get("/extra.css");
    assert_eq!((extra.status, extra.body.as_str()), (200, "body { color: black; }\n"));

    let feed = server.get("/feed.xml");
    assert_eq!(feed.status, 200);
    assert!(feed.content_type.starts_with("application/xml"), "{}", feed.content_type);

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.content_type, "text/html; charset=utf-8");
    assert!(missing.body.contains("Page not found"), "{}", missing.body);

    let js = server.get("/__vacancy/reload.js");
    assert_eq!(js.status, 200);
    assert!(js.content_type.starts_with("text/javascript"), "{}", js.content_type);
    assert!(js.body.contains("EventSource"), "{}", js.body);

    assert!(!server.root().join("public").exists(), "serve must not write public/");
    let log = server.stderr();
    assert!(log.contains("Built 2 postings"), "{log}");
}

/// The test site plus a draft posting, as `vacancy new` writes one.
fn site_with_a_draft() -> tempfile::TempDir {
    let dir = site(CONFIG);
    let draft = posting("Secret Role", "Not announced yet.").replacen("---\n", "---\ndraft: true\n", 1);
    std::fs::write(dir.path().join("content/jobs/secret-role.md"), draft).unwrap();
    dir
}

#[test]
fn serve_shows_drafts_by_default_marked_and_noindex() {
    let server = Server::start(site_with_a_draft());
    let page = server.get("/jobs/secret-role/");
    assert_eq!(page.status, 200, "{}", server.stderr());
    assert!(page.body.contains(r#"<div class="notice notice-draft" role="note">"#), "{}", page.body);
    assert!(page.body.contains(r#"<meta name="robots" content="noindex">"#), "{}", page.body);
    assert!(page.body.contains("\"JobPosting\""), "the preview keeps its structured data: {}", page.body);
    let index = server.get("/");
    assert!(index.body.contains(r#"<span class="badge badge-draft">Draft</span>"#), "{}", index.body);
    // Feeds and the sitemap show what will be published.
    assert!(!server.get("/feed.xml").body.contains("Secret Role"));
    assert!(!server.get("/sitemap.xml").body.contains("secret-role"));
    // stderr is read on its own thread: wait for it rather than race it.
    wait_for("the summary line", &server, || server.stderr().contains("(1 draft included)").then_some(()));
}

#[test]
fn serve_no_drafts_previews_exactly_what_build_publishes() {
    let server = Server::start_with(site_with_a_draft(), |c| {
        c.arg("--no-drafts");
    });
    assert_eq!(server.get("/jobs/secret-role/").status, 404);
    let index = server.get("/");
    assert!(index.body.contains("Rust Engineer"), "{}", index.body);
    assert!(!index.body.contains("Secret Role"), "{}", index.body);
    // stderr is read on its own thread: wait for it rather than race it.
    wait_for("the summary line", &server, || server.stderr().contains("(1 draft skipped)").then_some(()));
}

#[test]
fn traversal_attempts_never_leave_the_build() {
    let server = Server::start(site(CONFIG));
    let addr = server.port_addr();
    for raw in [
        "/../config.yaml",
        "/%2e%2e/config.yaml",
        "/%2E%2E/config.yaml",
        "/jobs/%2e%2e/%2e%2e/config.yaml",
        "/jobs/..%2f..%2fconfig.yaml",
        "/%2e%2e%2fconfig.yaml",
        "/..%5cconfig.yaml",
        "/static/../../config.yaml",
        "/content/jobs/rust-engineer.md",
        "/config.yaml",
    ] {
        let (status, response) = raw_get(&addr, raw);
        assert_eq!(status, 404, "{raw} → {response}");
        assert!(!response.contains(CONFIG_MARKER), "{raw} leaked config.yaml");
        assert!(!response.contains("base_url:"), "{raw} leaked config.yaml");
    }
    // The same connection code does reach real pages, so the 404s above mean something.
    let (status, response) = raw_get(&addr, "/jobs/rust-engineer/");
    assert_eq!(status, 200, "{response}");
}

#[test]
fn event_stream_is_server_sent_events() {
    let server = Server::start(site(CONFIG));
    let mut resp = agent().get(format!("{}__vacancy/events", server.url)).call().expect("GET events");
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers().get("content-type").unwrap(), "text/event-stream");
    // The stream starts with a retry hint, sent at once: read just that much.
    let mut reader = resp.body_mut().as_reader();
    let mut first = [0u8; 10];
    reader.read_exact(&mut first).expect("first bytes of the stream");
    assert_eq!(&first, b"retry: 300");
}

#[test]
fn rebuilds_a_posting_saved_in_place_by_rename_and_by_vim() {
    let server = Server::start(site(CONFIG));
    let root = server.root().to_path_buf();
    let file = root.join("content/jobs/rust-engineer.md");
    wait_for_page(&server, "/jobs/rust-engineer/", "Rust Engineer");

    // 1. A plain write.
    let start = Instant::now();
    std::fs::write(&file, posting("Rust Engineer (plain write)", "Body one.")).unwrap();
    let seen = wait_for_page(&server, "/jobs/rust-engineer/", "Rust Engineer (plain write)");
    eprintln!("plain write visible after {} ms", (seen - start).as_millis());

    // 2. Write a temp file, then rename it over the original.
    let temp = root.join("content/jobs/.rust-engineer.md.tmp");
    std::fs::write(&temp, posting("Rust Engineer (renamed over)", "Body two.")).unwrap();
    std::fs::rename(&temp, &file).unwrap();
    wait_for_page(&server, "/jobs/rust-engineer/", "Rust Engineer (renamed over)");

    // 3. Vim, with a swap file while editing, its `4913` write probe and `set backup`:
    //    the original is renamed to the backup and the new text written in its place.
    let jobs = root.join("content/jobs");
    std::fs::write(jobs.join(".rust-engineer.md.swp"), "swap").unwrap();
    std::fs::write(jobs.join("4913"), "").unwrap();
    let backup = jobs.join("rust-engineer.md~");
    std::fs::rename(&file, &backup).unwrap();
    std::fs::write(&file, posting("Rust Engineer (vim)", "Body three.")).unwrap();
    wait_for_page(&server, "/jobs/rust-engineer/", "Rust Engineer (vim)");
    // The listing is re-rendered too.
    wait_for_page(&server, "/", "Rust Engineer (vim)");
    // Vim quits: probe, swap file and backup disappear. None of that is a change.
    for scratch in ["4913", ".rust-engineer.md.swp", "rust-engineer.md~"] {
        std::fs::remove_file(jobs.join(scratch)).unwrap();
    }

    // A later change with a line of its own: once it is logged, so is anything before it.
    std::fs::write(root.join("static/extra.css"), "p { margin: 0; }\n").unwrap();
    let log = wait_for("the static file's rebuild line", &server, || {
        let log = server.stderr();
        log.contains("static file static/extra.css").then_some(log)
    });
    let rebuilds: Vec<&str> = log.lines().filter(|l| l.starts_with("Rebuilt in ")).collect();
    assert!(rebuilds.len() >= 4, "{log}");
    let (last, edits) = rebuilds.split_last().unwrap();
    assert!(last.ends_with("ms (static file static/extra.css)"), "{log}");
    for line in edits {
        assert!(line.ends_with("ms (posting content/jobs/rust-engineer.md)"), "{line}\n{log}");
    }
}

#[test]
fn broken_posting_keeps_the_last_good_build_and_exposes_the_error() {
    let server = Server::start(site(CONFIG));
    let file = server.root().join("content/jobs/rust-engineer.md");
    assert!(server.status()["error"].is_null(), "{}", server.status());
    let good_build = server.status()["build"].as_str().unwrap().to_string();

    // Line 4 of the file is `employment_type: full-time`.
    let broken = posting("Rust Engineer (broken)", "Body.").replace("full-time", "fulltime");
    assert_eq!(broken.lines().nth(3), Some("employment_type: fulltime"));
    std::fs::write(&file, &broken).unwrap();
    // Wait for this error in particular: a half-written file may give another one first.
    let error = wait_for("the error state", &server, || {
        server.status()["error"].as_str().filter(|e| e.contains("rust-engineer.md:4:")).map(str::to_string)
    });
    assert!(
        error.starts_with("error: content/jobs/rust-engineer.md:4:18: employment_type: unknown value"),
        "{error}"
    );

    // The last good build is still served, unchanged.
    assert_eq!(server.status()["build"].as_str(), Some(good_build.as_str()));
    let page = server.get("/jobs/rust-engineer/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Rust Engineer") && !page.body.contains("(broken)"), "{}", page.body);

    // The text is what `vacancy build` prints for the same site.
    let out = tempfile::tempdir().unwrap();
    let build = Command::new(env!("CARGO_BIN_EXE_vacancy"))
        .args(["build", "--now", "2026-11-30", "--root"])
        .arg(server.root())
        .arg("--output-dir")
        .arg(out.path().join("public"))
        .output()
        .unwrap();
    assert_eq!(build.status.code(), Some(1));
    let build_stderr = String::from_utf8_lossy(&build.stderr);
    assert!(build_stderr.contains(&error), "build said:\n{build_stderr}\nserve said:\n{error}");
    assert!(server.stderr().contains(&error), "the terminal shows the error too");

    // Fixing the file clears the error and serves the fix.
    std::fs::write(&file, posting("Rust Engineer (fixed)", "Body.")).unwrap();
    wait_for_page(&server, "/jobs/rust-engineer/", "Rust Engineer (fixed)");
    let status = server.status();
    assert!(status["error"].is_null(), "{status}");
    assert_ne!(status["build"].as_str(), Some(good_build.as_str()));
}

#[test]
fn a_site_broken_from_the_start_is_served_once_fixed() {
    let dir = site(CONFIG);
    let file = dir.path().join("content/jobs/rust-engineer.md");
    std::fs::write(&file, posting("Rust Engineer", "Body.").replace("title: ", "titel: ")).unwrap();
    let server = Server::start(dir);
    let error = server.status()["error"].as_str().map(str::to_string).expect("an error at startup");
    assert!(error.contains("content/jobs/rust-engineer.md:2:1: titel: unknown field"), "{error}");
    let page = server.get("/");
    assert_eq!(page.status, 503);
    assert!(page.body.contains("/__vacancy/reload.js"), "the error page needs the overlay script");

    std::fs::write(&file, posting("Rust Engineer", "Body.")).unwrap();
    wait_for_page(&server, "/", "Rust Engineer");
    assert!(server.status()["error"].is_null());
}

#[test]
fn static_and_template_changes_take_effect() {
    let server = Server::start(site(CONFIG));
    let root = server.root().to_path_buf();

    std::fs::write(root.join("static/extra.css"), "body { color: red; }\n").unwrap();
    wait_for("the new extra.css", &server, || {
        (server.get("/extra.css").body == "body { color: red; }\n").then_some(())
    });
    std::fs::create_dir_all(root.join("static/img")).unwrap();
    std::fs::write(root.join("static/img/logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    let svg =
        wait_for("the new logo", &server, || Some(server.get("/img/logo.svg")).filter(|f| f.status == 200));
    assert_eq!(svg.content_type, "image/svg+xml");
    std::fs::remove_file(root.join("static/extra.css")).unwrap();
    wait_for("extra.css to be gone", &server, || (server.get("/extra.css").status == 404).then_some(()));

    // A site template overrides the built-in one as soon as it is saved.
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/404.html"),
        "<!doctype html><html><body><h1>Custom not found</h1></body></html>",
    )
    .unwrap();
    wait_for("the custom 404 page", &server, || {
        let f = server.get("/missing/");
        (f.status == 404 && f.body.contains("Custom not found")).then_some(())
    });
    let log = server.stderr();
    assert!(log.contains("(static file static/extra.css)"), "{log}");
}

#[test]
fn serves_a_sub_path_site_under_its_path() {
    let config = CONFIG.replace("https://jobs.example.test/", "https://example.test/careers/");
    let server = Server::start(site(&config));
    assert!(server.url.ends_with("/careers/"), "{}", server.url);
    let index = server.get("/");
    assert_eq!(index.status, 200);
    assert!(index.body.contains("href=\"/careers/jobs/rust-engineer/\""), "{}", index.body);
    let origin = server.url.trim_end_matches("careers/");
    assert_eq!(fetch(&format!("{origin}jobs/rust-engineer/")).status, 404);
    assert_eq!(fetch(&format!("{origin}careers")).location.as_deref(), Some("/careers/"));
}

#[test]
fn serves_a_site_whose_path_needs_percent_encoding() {
    let config = CONFIG.replace("https://jobs.example.test/", "https://example.test/karrière/");
    let server = Server::start(site(&config));
    assert!(server.url.ends_with("/karri%C3%A8re/"), "{}", server.url);
    let origin = server.url.trim_end_matches("karri%C3%A8re/");

    let index = server.get("/");
    assert_eq!(index.status, 200, "{}", index.body);
    assert!(index.body.contains("Rust Engineer"), "{}", index.body);
    let page = server.get("/jobs/rust-engineer/");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("build a job board in Rust"), "{}", page.body);
    // Lowercase hex names the same path.
    assert_eq!(fetch(&format!("{origin}karri%c3%a8re/jobs/rust-engineer/")).status, 200);

    // The redirects send URLs, encoded as the request was.
    let root = fetch(&format!("{origin}karri%C3%A8re"));
    assert_eq!((root.status, root.location.as_deref()), (307, Some("/karri%C3%A8re/")));
    let folder = server.get("/jobs/rust-engineer");
    assert_eq!(
        (folder.status, folder.location.as_deref()),
        (307, Some("/karri%C3%A8re/jobs/rust-engineer/"))
    );

    assert_eq!(server.get("/no/such/page/").status, 404);
    assert_eq!(fetch(&format!("{origin}karriere/")).status, 404);
    assert_eq!(fetch(&format!("{origin}jobs/rust-engineer/")).status, 404);
}

#[test]
fn a_dotted_folder_moved_out_takes_its_postings_along() {
    let dir = site(CONFIG);
    let team = dir.path().join("content/jobs/team.v2");
    std::fs::create_dir_all(&team).unwrap();
    std::fs::write(team.join("platform-lead.md"), posting("Platform Lead", "Lead the platform.")).unwrap();
    let server = Server::start(dir);
    wait_for_page(&server, "/jobs/platform-lead/", "Lead the platform.");

    // Out of the site, but on the same file system, so that it is a rename.
    let away = server.root().join("moved-away");
    std::fs::rename(&team, &away).unwrap();
    wait_for("the moved posting's page to go", &server, || {
        (server.get("/jobs/platform-lead/").status == 404).then_some(())
    });
    let index = server.get("/");
    assert!(!index.body.contains("Platform Lead"), "{}", index.body);
    assert!(index.body.contains("Rust Engineer"), "{}", index.body);
    assert!(server.stderr().contains("(folder content/jobs/team.v2)"), "{}", server.stderr());

    // And back in.
    std::fs::rename(&away, &team).unwrap();
    wait_for_page(&server, "/jobs/platform-lead/", "Lead the platform.");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_with_status_0() {
    let mut server = Server::start(site(CONFIG));
    // An open event stream must not hold up the shutdown.
    let mut events = agent().get(format!("{}__vacancy/events", server.url)).call().unwrap();
    let mut first = [0u8; 5];
    events.body_mut().as_reader().read_exact(&mut first).unwrap();

    let pid = server.child.id().to_string();
    let kill = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(kill.success());
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C; stderr:\n{}", server.stderr());
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0), "stderr:\n{}", server.stderr());
}

#[cfg(unix)]
#[test]
fn open_flag_opens_the_served_url_in_the_browser() {
    use std::os::unix::fs::PermissionsExt;
    let tools = tempfile::tempdir().unwrap();
    let opened = tools.path().join("opened.txt");
    let browser = tools.path().join("browser.sh");
    std::fs::write(&browser, format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display())).unwrap();
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let server = Server::start_with(site(CONFIG), |c| {
        c.arg("--open").env("BROWSER", &browser);
    });
    let url = wait_for("the browser to be launched", &server, || {
        std::fs::read_to_string(&opened).ok().filter(|s| !s.is_empty())
    });
    assert_eq!(url, server.url);
}

#[test]
fn refuses_a_folder_that_is_not_a_site() {
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_vacancy"))
        .args(["serve", "--port", "0", "--root"])
        .arg(empty.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("config.yaml") && stderr.contains("vacancy init"), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing was served");
}

#[test]
fn quiet_serve_prints_the_url_and_errors_but_no_build_summaries() {
    let server = Server::start_with(site(CONFIG), |c| {
        c.arg("--quiet");
    });
    let file = server.root().join("content/jobs/rust-engineer.md");
    std::fs::write(&file, posting("Rust Engineer (edited)", "Body.")).unwrap();
    wait_for_page(&server, "/jobs/rust-engineer/", "Rust Engineer (edited)");
    std::fs::write(&file, posting("Rust Engineer", "Body.").replace("full-time", "fulltime")).unwrap();
    // stderr is one ordered stream: a summary of the first build or of the edit would come
    // before this error.
    let stderr = wait_for("the error on stderr", &server, || {
        let s = server.stderr();
        s.contains("rust-engineer.md:4:18: employment_type").then_some(s)
    });
    assert!(stderr.starts_with("error: content/jobs/rust-engineer.md:4:18:"), "{stderr}");
    assert!(!stderr.contains("Built") && !stderr.contains("Rebuilt"), "{stderr}");
}

#[test]
fn pages_and_the_home_intro_follow_edits() {
    let server = Server::start(site(CONFIG));
    let root = server.root().to_path_buf();
    // content/pages/ does not exist yet: the folder and its first page come in one go.
    std::fs::create_dir_all(root.join("content/pages")).unwrap();
    let about = root.join("content/pages/about.md");
    std::fs::write(&about, "---\ntitle: About Testco\nnav: 1\n---\nWe test things.\n").unwrap();
    wait_for_page(&server, "/about/", "We test things.");
    wait_for_page(&server, "/", "About Testco");

    std::fs::write(&about, "---\ntitle: About Testco\nnav: 1\n---\nWe test everything.\n").unwrap();
    wait_for_page(&server, "/about/", "We test everything.");

    std::fs::write(root.join("content/_index.md"), "Hello from the **intro**.\n").unwrap();
    wait_for_page(&server, "/", "Hello from the <strong>intro</strong>.");

    // A broken page keeps the last good build up, then the page goes away with its file.
    std::fs::write(&about, "---\ntitel: About\n---\nText.\n").unwrap();
    wait_for("the error for the broken page", &server, || {
        server.stderr().contains("content/pages/about.md").then_some(())
    });
    std::fs::remove_file(&about).unwrap();
    wait_for("/about/ to be gone", &server, || (server.get("/about/").status == 404).then_some(()));
    assert!(server.stderr().contains("page content/pages/about.md"), "{}", server.stderr());
}

/// The number after the last `-` of the status's build id: one more per reload.
fn generation(server: &Server) -> usize {
    let build = server.status()["build"].as_str().unwrap().to_string();
    build.rsplit('-').next().unwrap().parse().unwrap()
}

#[test]
fn site_wide_files_are_made_on_request_from_the_pages_being_served() {
    let server = Server::start(site(CONFIG));
    let before = (generation(&server), server.stderr().matches("Rebuilt in").count());
    let file = server.root().join("content/jobs/rust-engineer.md");
    std::fs::write(&file, posting("Rust Wizard", "You will build a job board in Rust.")).unwrap();
    wait_for_page(&server, "/jobs/rust-engineer/", "Rust Wizard");
    // No waiting: once a page shows the edit, the exports, feeds and search index asked
    // for are made from that site (or a newer one), never from the one before it.
    for path in ["/jobs.json", "/search/0.json", "/feed.json", "/jobs-indeed.xml"] {
        let f = server.get(path);
        assert_eq!(f.status, 200, "{path}");
        assert!(f.body.contains("Rust Wizard"), "{path}: {}", f.body);
    }
    assert!(server.get("/sitemap.xml").body.contains("/jobs/rust-engineer/"));
    let reloads = server.stderr().matches("Rebuilt in").count() - before.1;
    assert!(reloads >= 1, "{}", server.stderr());
    assert_eq!(generation(&server) - before.0, reloads, "one reload per rebuild");
}

/// A page as served, without the reload script (whose build id changes with every reload).
fn without_reload_script(body: &str) -> String {
    body.lines().filter(|l| !l.contains("data-vacancy-build")).collect::<Vec<_>>().join("\n")
}

#[test]
fn an_edit_re_parses_only_that_posting_and_leaves_unrelated_pages_as_they_were() {
    let dir = site(CONFIG);
    // Another category and no tags: no page of this posting shows the edited one.
    let design = posting("Product Designer", "You will draw the board.").replace("Engineering", "Design");
    std::fs::write(dir.path().join("content/jobs/product-designer.md"), design).unwrap();
    let server = Server::start_with(dir, |c| {
        c.arg("--verbose");
    });
    let other = server.get("/jobs/product-designer/");
    assert_eq!(other.status, 200, "{}", server.stderr());
    assert!(other.body.contains("You will draw the board."), "{}", other.body);

    let file = server.root().join("content/jobs/rust-engineer.md");
    std::fs::write(&file, posting("Rust Wizard", "You will build a job board in Rust.")).unwrap();
    wait_for_page(&server, "/jobs/rust-engineer/", "Rust Wizard");
    wait_for_page(&server, "/", "Rust Wizard");
    let stderr = server.stderr();
    assert!(stderr.contains("Re-parsed 1 posting file, kept 2 parsed"), "{stderr}");
    let after = server.get("/jobs/product-designer/");
    assert_eq!(without_reload_script(&after.body), without_reload_script(&other.body));
    assert!(!after.body.contains("Rust Wizard"), "the unrelated page does not show the edit");
}

/// The text files (pages, listings, feeds, exports, sitemap, search index) a fresh
/// `vacancy build` of `root` writes, with serve's base URL, by output path.
fn fresh_build(server: &Server) -> Vec<(String, String)> {
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_vacancy"))
        .args(["build", "--quiet", "--now", "2026-11-30", "--base-url", &server.url, "--root"])
        .arg(server.root())
        .arg("-o")
        .arg(out.path())
        .status()
        .unwrap();
    assert!(status.success());
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(out.path()).into_iter().map(Result::unwrap) {
        let rel = entry.path().strip_prefix(out.path()).unwrap().to_string_lossy().replace('\\', "/");
        let text = ["html", "xml", "json", "txt"].iter().any(|ext| rel.ends_with(&format!(".{ext}")));
        // The change manifest and the state file tell deploy tools and the next build what
        // a build wrote; serve writes nothing.
        let bookkeeping = ["vacancy-changes.json", "vacancy-state.json"].contains(&rel.as_str());
        if entry.file_type().is_file() && text && !bookkeeping {
            files.push((rel, std::fs::read_to_string(entry.path()).unwrap()));
        }
    }
    files.sort();
    files
}

/// The first output file serve answers differently from `build` (the reload script
/// aside), or `None` when every one is the same.
fn first_difference(server: &Server, built: &[(String, String)]) -> Option<String> {
    built.iter().find_map(|(rel, text)| {
        let served = server.get(rel);
        let body = served.body.lines().filter(|l| !l.contains("data-vacancy-build")).collect::<Vec<_>>();
        let expected = text.lines().collect::<Vec<_>>();
        (served.status != 200 || body != expected).then(|| format!("{rel} (status {})", served.status))
    })
}

#[test]
fn after_edits_additions_renames_and_deletions_serve_gives_what_a_fresh_build_writes() {
    let server = Server::start_with(site(CONFIG), |c| {
        c.arg("--verbose");
    });
    let jobs = server.root().join("content/jobs");
    // The body alone: the new version is swapped into the last site.
    std::fs::write(jobs.join("rust-engineer.md"), posting("Rust Engineer", "Edit one: async Rust.")).unwrap();
    wait_for_page(&server, "/jobs/rust-engineer/", "Edit one");
    // A new posting, in a new category, with tags: the site is assembled again.
    let tagged = posting("Data Engineer", "Pipelines.")
        .replace("category: Engineering", "category: Data\ntags: [rust, sql]");
    std::fs::write(jobs.join("data-engineer.md"), tagged).unwrap();
    wait_for_page(&server, "/jobs/data-engineer/", "Pipelines.");
    // A new title: listings and the related posting show it.
    std::fs::write(jobs.join("data-analyst.md"), posting("Data Scientist", "Models.")).unwrap();
    wait_for_page(&server, "/jobs/data-analyst/", "Data Scientist");
    // A rename: the old page goes, the new one comes.
    std::fs::rename(jobs.join("rust-engineer.md"), jobs.join("rust-lead.md")).unwrap();
    wait_for_page(&server, "/jobs/rust-lead/", "Edit one");
    wait_for("the old page to go", &server, || {
        (server.get("/jobs/rust-engineer/").status == 404).then_some(())
    });
    // A deletion, then a last body edit.
    std::fs::remove_file(jobs.join("data-engineer.md")).unwrap();
    wait_for("the deleted page to go", &server, || {
        (server.get("/jobs/data-engineer/").status == 404).then_some(())
    });
    // A new title alone is swapped in too: the related card on the other page shows it.
    std::fs::write(jobs.join("rust-lead.md"), posting("Rust Principal", "Edit two: embedded Rust.")).unwrap();
    wait_for_page(&server, "/jobs/rust-lead/", "Edit two");

    let built = fresh_build(&server);
    assert!(built.iter().any(|(rel, _)| rel == "jobs/rust-lead/index.html"), "{built:?}");
    assert!(built.iter().any(|(rel, _)| rel == "jobs.json"));
    // Each page is whole and current once it shows; wait only for the last rebuilds to land.
    let deadline = Instant::now() + PATIENCE;
    while first_difference(&server, &built).is_some() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(first_difference(&server, &built), None, "{}", server.stderr());
    // Both ways of making the new site ran: swapping an edited posting into the last one,
    // and assembling it again.
    let stderr = server.stderr();
    assert!(stderr.contains("Updated the site in") && stderr.contains("Assembled the site in"), "{stderr}");
}

/// Fifteen postings two to a page, newest first, every other one at Globex: `job-03` is
/// on page 7 of the home listing and page 4 of Globex's.
fn paged_site() -> tempfile::TempDir {
    let dir = site(&format!("{CONFIG}paginate: 2\n"));
    let jobs = dir.path().join("content/jobs");
    std::fs::remove_file(jobs.join("rust-engineer.md")).unwrap();
    std::fs::remove_file(jobs.join("data-analyst.md")).unwrap();
    std::fs::create_dir_all(dir.path().join("content/companies")).unwrap();
    std::fs::write(
        dir.path().join("content/companies/globex.yaml"),
        "name: Globex\nurl: https://globex.example\n",
    )
    .unwrap();
    for day in 1..=15 {
        std::fs::write(jobs.join(format!("job-{day:02}.md")), paged_posting(day, "Engineer", "50000"))
            .unwrap();
    }
    dir
}

fn paged_posting(day: u32, title: &str, salary: &str) -> String {
    let company = if day % 2 == 1 { "company: globex\n" } else { "" };
    posting(&format!("{title} {day:02}"), &format!("Posting of day {day}."))
        .replace("posted: 2026-11-20", &format!("posted: 2026-11-{day:02}"))
        .replace("---\n\n", "")
        .replacen(
            "category:",
            &format!("{company}salary: {{value: {salary}, currency: EUR, period: year}}\ncategory:"),
            1,
        )
}

#[test]
fn a_swap_updates_the_listing_pages_that_show_the_posting_and_no_others() {
    let server = Server::start_with(paged_site(), |c| {
        c.arg("--verbose");
    });
    let page7 = server.get("/page/7/");
    assert!(page7.body.contains("Engineer 03"), "job-03 is on page 7: {}", page7.body);
    let others: Vec<(&str, String)> =
        ["/page/6/", "/page/8/", "/companies/globex/page/3/", "/categories/engineering/"]
            .into_iter()
            .map(|path| {
                let page = server.get(path);
                assert_eq!(page.status, 200, "{path}");
                (path, without_reload_script(&page.body))
            })
            .collect();
    let company = server.get("/companies/globex/page/4/");
    assert!(company.body.contains("Engineer 03") && !company.body.contains("77,777"), "{}", company.body);

    // A new title and salary: the posting keeps its place, so it is swapped in.
    let file = server.root().join("content/jobs/job-03.md");
    std::fs::write(&file, paged_posting(3, "Staff Engineer", "77777")).unwrap();
    wait_for_page(&server, "/jobs/job-03/", "Staff Engineer 03");
    wait_for_page(&server, "/page/7/", "Staff Engineer 03");
    wait_for_page(&server, "/companies/globex/page/4/", "77,777");
    let stderr = server.stderr();
    assert!(stderr.contains("Updated the site in"), "the edit was swapped in: {stderr}");
    // Pages that do not show it are as they were, and everything equals a fresh build.
    for (path, before) in others {
        assert_eq!(without_reload_script(&server.get(path).body), before, "{path}");
    }
    let built = fresh_build(&server);
    assert!(built.iter().any(|(rel, _)| rel == "page/7/index.html"), "{built:?}");
    assert_eq!(first_difference(&server, &built), None, "{}", server.stderr());

    // Swapped again: the view made for the first new version is not reused.
    std::fs::write(&file, paged_posting(3, "Principal Engineer", "88888")).unwrap();
    wait_for_page(&server, "/page/7/", "Principal Engineer 03");
    wait_for_page(&server, "/companies/globex/page/4/", "88,888");
    let built = fresh_build(&server);
    assert_eq!(first_difference(&server, &built), None, "{}", server.stderr());
}
