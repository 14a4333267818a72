//! `vacancy serve`: an in-memory build served over HTTP with live reload.
//!
//! Three parts run side by side:
//! - the HTTP server ([`http`]) answers from the current page map in [`live::Live`];
//! - a rebuild thread waits for file changes ([`watch`]), redoes the least work they need
//!   ([`state`]) and publishes the result, or the error, to `Live`;
//! - every open tab listens to `Live`'s signals through Server-Sent Events and reloads
//!   itself, or shows the error over the page (`reload.js`).
//!
//! Nothing is written to `public/`.

mod compact;
mod http;
mod live;
mod paths;
mod remember;
mod site_files;
mod state;
mod watch;

use crate::build::{Failure, Summary};
use crate::cli::ServeArgs;
use anyhow::Context;
use live::Live;
use state::{Outcome, Workspace};
use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};
use watch::{Change, Watcher};

/// How long Ctrl-C waits for open connections before the server stops anyway.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// Runs `vacancy serve` until Ctrl-C.
pub fn run(args: &ServeArgs) -> Result<ExitCode, Failure> {
    // A bad --now is a usage error: report it before serving anything.
    crate::dates::resolve_now(args.site.now.as_deref())?;
    // Bind first: the base URL the pages are rendered with needs the real port (--port 0).
    let listener = std::net::TcpListener::bind((args.bind, args.port)).with_context(|| {
        format!(
            "listening on {} (is another server using the port? `--port 0` picks a free one)",
            SocketAddr::new(args.bind, args.port)
        )
    })?;
    let addr = listener.local_addr().context("reading the listening address")?;

    let mut workspace = Workspace::new(&args.site_args(), origin(addr));
    let live = Arc::new(Live::new());
    let start = Instant::now();
    match workspace.load_all() {
        // Not a site at all (no config.yaml, unreadable root): nothing to watch either.
        Outcome::Failed(Failure::Internal(e)) => return Err(Failure::Internal(e)),
        outcome => report(outcome, &live, &workspace, start, None),
    }
    let watcher = Watcher::start(&args.site.root)?;

    let url = workspace.url();
    let name = workspace.title().map_or_else(|| args.site.root.display().to_string(), str::to_string);
    println!("Serving {name} at {url} — press Ctrl-C to stop");
    if args.open {
        open_browser(url);
    }
    spawn_rebuilds(watcher, workspace, live.clone());

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(serve(listener, live))?;
    Ok(ExitCode::SUCCESS)
}

/// `http://127.0.0.1:1111`. An unspecified bind address (`0.0.0.0`) listens everywhere,
/// but browsers and links need a concrete host, so the URL names loopback.
fn origin(addr: SocketAddr) -> String {
    let host = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}", SocketAddr::new(host, addr.port()))
}

/// Answers requests until Ctrl-C (or SIGTERM), then shuts down gracefully.
async fn serve(listener: std::net::TcpListener, live: Arc<Live>) -> anyhow::Result<()> {
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(listener, http::router(live.clone())).with_graceful_shutdown(async {
        let _ = stopped.await;
    });
    let mut server = tokio::spawn(server.into_future());
    tokio::select! {
        result = &mut server => return result.context("the server stopped")?.context("serving"),
        () = shutdown_signal() => {}
    }
    eprintln!("Stopping.");
    // End the tabs' event streams first: graceful shutdown waits for open requests.
    live.stop();
    let _ = stop.send(());
    match tokio::time::timeout(SHUTDOWN_GRACE, server).await {
        Ok(result) => result.context("the server stopped")?.context("serving"),
        Err(_) => Ok(()),
    }
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            },
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Rebuilds on every batch of changes, on a plain thread: parsing and rendering are
/// blocking, CPU-bound work (rayon inside), which must not stall the HTTP server.
fn spawn_rebuilds(mut watcher: Watcher, mut workspace: Workspace, live: Arc<Live>) {
    std::thread::spawn(move || {
        while let Some(mut changes) = watcher.next() {
            loop {
                let start = Instant::now();
                let outcome = workspace.apply(&changes);
                report(outcome, &live, &workspace, start, Some(&changes));
                match watcher.queued() {
                    Some(more) => changes = more,
                    None => break,
                }
            }
        }
    });
}

/// Publishes a rebuild's outcome to the browsers and prints one line about it.
/// `changes` is `None` for the first build.
fn report(
    outcome: Outcome,
    live: &Live,
    workspace: &Workspace,
    start: Instant,
    changes: Option<&BTreeSet<Change>>,
) {
    let ms = start.elapsed().as_millis();
    let what = changes.map(describe).unwrap_or_default();
    match outcome {
        Outcome::Rendered { pages, site_files, stats, warnings } => {
            crate::diagnostic::print_human(&warnings);
            let root = workspace.root_path();
            let moved = *live.snapshot().root != *root;
            let files = pages.len();
            live.publish(pages, Some(site_files), &root);
            match changes {
                None => {
                    let summary = Summary {
                        stats,
                        pages: files,
                        seconds: start.elapsed().as_secs_f64(),
                        warnings: Vec::new(),
                    };
                    crate::term::info(summary.line());
                }
                Some(_) => {
                    crate::term::info(format_args!("Rebuilt in {ms} ms ({what})"));
                    if moved {
                        println!("Serving at {}", workspace.url());
                    }
                }
            }
        }
        Outcome::Patched { files, site_files, warnings, built } => {
            crate::diagnostic::print_human(&warnings);
            live.patch(files, site_files, built);
            crate::term::info(format_args!("Rebuilt in {ms} ms ({what})"));
        }
        Outcome::Failed(failure) => {
            // Plain for the browser's overlay, coloured (on a terminal) for the console.
            let (text, styled) = match failure {
                Failure::Invalid(diagnostics) => (
                    diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"),
                    diagnostics.iter().map(|d| d.styled()).collect::<Vec<_>>().join("\n"),
                ),
                Failure::Internal(e) => (
                    format!("error: {e:#}"),
                    format!("{}: {e:#}", crate::term::paint(crate::term::ERROR, "error")),
                ),
            };
            let first = changes.is_none();
            if !live.fail(text) {
                eprintln!("Build still fails after {what}, with the same error.");
            } else if first {
                crate::term::eprint_line(styled);
                eprintln!("The site does not build yet; fix the errors above and the browser catches up.");
            } else {
                crate::term::eprint_line(styled);
                eprintln!(
                    "Build failed after {what}; the browser shows the error, and the last good build stays up."
                );
            }
        }
    }
}

/// "posting content/jobs/x.md" or "posting content/jobs/x.md, static file static/a.css".
fn describe(changes: &BTreeSet<Change>) -> String {
    const SHOWN: usize = 3;
    let mut parts: Vec<String> = changes.iter().take(SHOWN).map(Change::describe).collect();
    if changes.len() > SHOWN {
        parts.push(format!("and {} more", changes.len() - SHOWN));
    }
    parts.join(", ")
}

/// `--open`: the default browser, or `$BROWSER` when set; on its own thread, since a
/// launcher may take a while to return.
fn open_browser(url: String) {
    std::thread::spawn(move || {
        if let Err(e) = opener::open_browser(&url) {
            crate::term::warning(format_args!("could not open a browser at {url}: {e}"));
        }
    });
}
