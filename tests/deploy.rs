//! Installing vacancy in CI: `init --install-from`, and the install step of the workflow that
//! `init` writes, run with bash against a local HTTP server that stands in for a release.

mod common;

use common::{stderr, vacancy};
use serde_yaml::Value;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const REPO: &str = "https://github.com/acme/vacancy";
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Runs `vacancy init <tmp>/site <extra>` and returns the dir, the workflow text and stderr.
fn init(extra: &[&str]) -> (tempfile::TempDir, String, String) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let mut args = vec!["init", site.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = vacancy(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let workflow = std::fs::read_to_string(site.join(".github/workflows/vacancy.yml")).unwrap();
    (tmp, workflow, stderr(&out))
}

fn workflow_env(workflow: &str, key: &str) -> String {
    let wf: Value = serde_yaml::from_str(workflow).unwrap();
    wf["env"][key].as_str().unwrap_or_else(|| panic!("no env.{key}")).to_string()
}

/// The `run:` script of the step named "Install vacancy", which must use bash.
fn install_script(workflow: &str) -> String {
    let wf: Value = serde_yaml::from_str(workflow).unwrap();
    let steps = wf["jobs"]["check"]["steps"].as_sequence().unwrap();
    let step = steps.iter().find(|s| s["name"].as_str() == Some("Install vacancy")).expect("an install step");
    assert_eq!(step["shell"].as_str(), Some("bash"));
    step["run"].as_str().unwrap().to_string()
}

#[test]
fn install_from_writes_the_repository_into_the_workflow() {
    let (_tmp, workflow, err) = init(&["--install-from", "https://github.com/acme/vacancy.git"]);
    assert_eq!(workflow_env(&workflow, "VACANCY_REPOSITORY"), REPO);
    assert_eq!(workflow_env(&workflow, "VACANCY_VERSION"), VERSION);
    assert!(!err.contains("VACANCY_REPOSITORY"), "{err}");
}

#[test]
fn init_without_a_known_repository_says_what_to_set() {
    let (_tmp, workflow, err) = init(&[]);
    let built_with = env!("CARGO_PKG_REPOSITORY");
    if built_with.is_empty() {
        assert_eq!(workflow_env(&workflow, "VACANCY_REPOSITORY"), "");
        let line = workflow.lines().position(|l| l.contains("VACANCY_REPOSITORY: \"\"")).unwrap() + 1;
        let warning = format!(
            "site/.github/workflows/vacancy.yml:{line}:23: env.VACANCY_REPOSITORY: no repository to install vacancy from"
        );
        assert!(err.starts_with("warning: ") && err.contains(&warning), "{err}");
        assert!(err.contains("help: set it to the repository that publishes vacancy releases"), "{err}");
    } else {
        assert_eq!(workflow_env(&workflow, "VACANCY_REPOSITORY"), built_with.trim_end_matches('/'));
        assert!(!err.contains("VACANCY_REPOSITORY"), "{err}");
    }
}

#[test]
fn install_from_must_be_an_https_repository_url() {
    let tmp = tempfile::tempdir().unwrap();
    let out =
        vacancy(&["init", tmp.path().to_str().unwrap(), "--install-from", "http://github.com/acme/vacancy"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "invalid value 'http://github.com/acme/vacancy' for '--install-from <URL>': use an https:// URL"
        ),
        "{}",
        stderr(&out)
    );
    assert!(!tmp.path().join("config.yaml").exists(), "nothing is written");
}

/// Serves `files` (URL path → bytes) on a loopback port until the test process ends;
/// any other path is a 404, as on a release without that asset.
fn serve(files: HashMap<String, Vec<u8>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("").to_string();
            let (status, body) = match files.get(&path) {
                Some(body) => ("200 OK", body.clone()),
                None => ("404 Not Found", b"not found".to_vec()),
            };
            let head =
                format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&body));
        }
    });
    base
}

/// The runner this test host looks like, as GitHub names it, and the matching release target.
fn runner() -> Option<(&'static str, &'static str, String)> {
    let os = match std::env::consts::OS {
        "linux" => ("Linux", "unknown-linux-gnu"),
        "macos" => ("macOS", "apple-darwin"),
        _ => return None,
    };
    let arch = match std::env::consts::ARCH {
        "x86_64" => "X64",
        "aarch64" => "ARM64",
        _ => return None,
    };
    Some((os.0, arch, format!("{}-{}", std::env::consts::ARCH, os.1)))
}

/// The tools the install step needs; the test is skipped, saying so, without them.
fn tools_missing() -> Option<String> {
    let missing: Vec<&str> = ["bash", "curl", "sha256sum", "tar"]
        .into_iter()
        .filter(|t| Command::new(t).arg("--version").output().is_err())
        .collect();
    if runner().is_none() {
        return Some(format!("no release target for {}/{}", std::env::consts::OS, std::env::consts::ARCH));
    }
    (!missing.is_empty()).then(|| format!("{} not installed", missing.join(", ")))
}

/// A fake release in `dir`: `binary` packed as the release workflow packs vacancy, and its
/// checksum file. Returns (archive name, archive bytes, checksum file bytes).
fn fake_release(dir: &Path, target: &str, binary: &Path) -> (String, Vec<u8>, Vec<u8>) {
    let name = format!("vacancy-v{VERSION}-{target}");
    std::fs::create_dir_all(dir.join(&name)).unwrap();
    std::fs::copy(binary, dir.join(&name).join("vacancy")).unwrap();
    let archive = format!("{name}.tar.gz");
    let tar = Command::new("tar").current_dir(dir).args(["-czf", &archive, &name]).output().unwrap();
    assert!(tar.status.success(), "{}", String::from_utf8_lossy(&tar.stderr));
    let sum = Command::new("sha256sum").current_dir(dir).arg(&archive).output().unwrap();
    assert!(sum.status.success());
    (archive.clone(), std::fs::read(dir.join(&archive)).unwrap(), sum.stdout)
}

/// Runs the install step as GitHub would (`bash --noprofile --norc -eo pipefail`), with the
/// workflow's env, `repository` as VACANCY_REPOSITORY and a fresh HOME under `tmp`.
struct Run {
    out: Output,
    home: PathBuf,
    github_path: String,
}

fn run_install(tmp: &Path, script: &str, repository: &str, extra_path: Option<&Path>) -> Run {
    let (os, arch, _) = runner().unwrap();
    let home = tmp.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let script_file = tmp.join("install.sh");
    std::fs::write(&script_file, script).unwrap();
    let github_path = tmp.join("github_path");
    let mut path = std::env::var_os("PATH").unwrap_or_default();
    if let Some(dir) = extra_path {
        path = std::env::join_paths(std::iter::once(dir.to_path_buf()).chain(std::env::split_paths(&path)))
            .unwrap();
    }
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(&script_file)
        .env_clear()
        .env("PATH", path)
        .env("HOME", &home)
        .env("VACANCY_VERSION", VERSION)
        .env("VACANCY_REPOSITORY", repository)
        .env("RUNNER_OS", os)
        .env("RUNNER_ARCH", arch)
        .env("GITHUB_PATH", &github_path)
        .output()
        .unwrap();
    let github_path = std::fs::read_to_string(&github_path).unwrap_or_default();
    Run { out, home, github_path }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The release URL path of an asset, under the fake repository `/acme/vacancy`.
fn asset(file: &str) -> String {
    format!("/acme/vacancy/releases/download/v{VERSION}/{file}")
}

#[test]
fn install_step_downloads_and_verifies_the_release_binary() {
    if let Some(why) = tools_missing() {
        eprintln!("skipped: {why}");
        return;
    }
    let (_site, workflow, _) = init(&["--install-from", REPO]);
    let tmp = tempfile::tempdir().unwrap();
    let binary = Path::new(env!("CARGO_BIN_EXE_vacancy"));
    let (archive, bytes, sum) = fake_release(&tmp.path().join("release"), &runner().unwrap().2, binary);
    let base = serve(HashMap::from([(asset(&archive), bytes), (asset(&format!("{archive}.sha256")), sum)]));

    let run = run_install(tmp.path(), &install_script(&workflow), &format!("{base}/acme/vacancy"), None);
    let log = format!("{}{}", stdout(&run.out), stderr(&run.out));
    assert!(run.out.status.success(), "{log}");
    assert!(log.contains(&format!("{archive} (SHA-256 ")) && log.contains("verified"), "{log}");
    let bin = run.home.join(".vacancy/bin/vacancy");
    let version = Command::new(&bin).arg("--version").output().unwrap();
    assert_eq!(stdout(&version).trim(), format!("vacancy {VERSION}"));
    assert_eq!(run.github_path.trim(), run.home.join(".vacancy/bin").to_str().unwrap());

    // A second run (the cache restored ~/.vacancy) installs nothing, even with no server.
    let again = run_install(tmp.path(), &install_script(&workflow), "https://127.0.0.1.invalid/a/b", None);
    assert!(again.out.status.success(), "{}", stderr(&again.out));
    assert!(stdout(&again.out).contains(&format!("vacancy {VERSION} is already installed (cached)")));
}

#[test]
fn install_step_refuses_a_tampered_release() {
    if let Some(why) = tools_missing() {
        eprintln!("skipped: {why}");
        return;
    }
    let (_site, workflow, _) = init(&["--install-from", REPO]);
    let tmp = tempfile::tempdir().unwrap();
    // A small stand-in binary: what matters here is the checksum, not what the archive holds.
    let stub = tmp.path().join("stub");
    std::fs::write(&stub, format!("#!/bin/sh\necho vacancy {VERSION}\n")).unwrap();
    let (archive, mut bytes, sum) = fake_release(&tmp.path().join("release"), &runner().unwrap().2, &stub);
    bytes.extend_from_slice(b"tampered");
    let base = serve(HashMap::from([(asset(&archive), bytes), (asset(&format!("{archive}.sha256")), sum)]));

    let run = run_install(tmp.path(), &install_script(&workflow), &format!("{base}/acme/vacancy"), None);
    assert!(!run.out.status.success());
    let log = stdout(&run.out);
    assert!(log.contains("::error title=Checksum mismatch::"), "{log}");
    assert!(log.contains("Not installing it."), "{log}");
    assert!(!run.home.join(".vacancy/bin/vacancy").exists());
    assert_eq!(run.github_path, "");
}

#[test]
fn install_step_builds_the_tag_with_cargo_when_the_release_has_no_binary() {
    if let Some(why) = tools_missing() {
        eprintln!("skipped: {why}");
        return;
    }
    let (_site, workflow, _) = init(&["--install-from", REPO]);
    let tmp = tempfile::tempdir().unwrap();
    // A stand-in `cargo` that records its arguments and installs a stub vacancy at --root.
    let fake = tmp.path().join("fake-bin");
    std::fs::create_dir_all(&fake).unwrap();
    let cargo = fake.join("cargo");
    std::fs::write(
        &cargo,
        format!(
            "#!/bin/sh\necho \"$@\" > \"$HOME/cargo-args\"\nroot=\"$8\"\nmkdir -p \"$root/bin\"\n\
             printf '#!/bin/sh\\necho vacancy {VERSION}\\n' > \"$root/bin/vacancy\"\nchmod +x \"$root/bin/vacancy\"\n"
        ),
    )
    .unwrap();
    Command::new("chmod").arg("+x").arg(&cargo).status().unwrap();
    let base = serve(HashMap::new());
    let repository = format!("{base}/acme/vacancy");

    let run = run_install(tmp.path(), &install_script(&workflow), &repository, Some(&fake));
    assert!(run.out.status.success(), "{}{}", stdout(&run.out), stderr(&run.out));
    assert!(stdout(&run.out).contains("No release binary at "), "{}", stdout(&run.out));
    let args = std::fs::read_to_string(run.home.join("cargo-args")).unwrap();
    let root = run.home.join(".vacancy");
    assert_eq!(
        args.trim(),
        format!("install --locked --git {repository} --tag v{VERSION} --root {} vacancy", root.display())
    );
    assert!(stdout(&run.out).contains(&format!("vacancy {VERSION}")));
}

#[test]
fn install_step_without_a_repository_fails_first_and_says_what_to_set() {
    if let Some(why) = tools_missing() {
        eprintln!("skipped: {why}");
        return;
    }
    let (_site, workflow, _) = init(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let run = run_install(tmp.path(), &install_script(&workflow), "", None);
    assert!(!run.out.status.success());
    assert!(
        stdout(&run.out).starts_with("::error title=VACANCY_REPOSITORY is not set::Set VACANCY_REPOSITORY"),
        "{}",
        stdout(&run.out)
    );
}
