//! The HTTP side: pages from the in-memory map, the live-reload script, its event stream
//! and the build status it reads when it connects.

use super::compact::Stored;
use super::live::{Live, Signal, Snapshot};
use super::paths::{self, Target};
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

/// Where the reload machinery lives: outside any site path a theme would generate.
const PREFIX: &str = "/__vacancy";

/// The browser side of live reload, injected into every HTML page `serve` sends.
const RELOAD_JS: &str = include_str!("reload.js");

/// Shown when no build has succeeded yet; the injected script overlays the error on it.
const NO_BUILD_HTML: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Vacancy: the site does not build yet</title></head>\n<body>\
<p>The site has errors, so there is nothing to show yet. Fix them and this page reloads.</p>\
</body></html>\n";

/// The routes: `/__vacancy/*` for live reload, everything else from the page map.
pub fn router(live: Arc<Live>) -> Router {
    Router::new()
        .route(&format!("{PREFIX}/events"), get(events))
        .route(&format!("{PREFIX}/status"), get(status))
        .route(&format!("{PREFIX}/reload.js"), get(script))
        .fallback(page)
        .with_state(live)
}

async fn page(State(live): State<Arc<Live>>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")]).into_response();
    }
    let snap = live.snapshot();
    let key = match paths::resolve(uri.path(), &snap.decoded_root) {
        // The encoded form: a Location header carries a URL, not decoded text.
        Target::Root => return redirect(&snap.root, uri.query()),
        Target::NotFound => return not_found(&snap),
        Target::Page { key, folder } => {
            let index = format!("{key}/index.html");
            if !folder && !snap.has(&key) && snap.has(&index) {
                return redirect(&format!("{}/", uri.path()), uri.query());
            }
            key
        }
    };
    let gzip = accepts_gzip(&headers);
    if let Some(stored) = snap.pages.get(&key) {
        return file(&snap, StatusCode::OK, &key, stored, gzip);
    }
    // A site-wide file: rendered on the first request for it, which this thread waits for.
    let site_file = match &snap.site_files {
        Some(files) if files.may_have(&key) => tokio::task::block_in_place(|| files.get(&key)),
        _ => Ok(None),
    };
    match site_file {
        Ok(Some(stored)) => file(&snap, StatusCode::OK, &key, &stored, gzip),
        Ok(None) => not_found(&snap),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{e}\n")).into_response(),
    }
}

/// Whether the request's `Accept-Encoding` names gzip (with a non-zero quality).
fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).any(|v| {
        v.split(',').any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or_default();
            let zero =
                parts.any(|p| p.strip_prefix("q=").is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q == 0.0)));
            name.eq_ignore_ascii_case("gzip") && !zero
        })
    })
}

/// The site's own 404 page, with status 404; a plain page before any build succeeded.
fn not_found(snap: &Snapshot) -> Response {
    match snap.pages.get("404.html") {
        Some(stored) => file(snap, StatusCode::NOT_FOUND, "404.html", stored, false),
        None if snap.pages.is_empty() => {
            let page = Stored::Plain(Arc::from(NO_BUILD_HTML.as_bytes()));
            file(snap, StatusCode::SERVICE_UNAVAILABLE, "index.html", &page, false)
        }
        None => (StatusCode::NOT_FOUND, "404 Not Found\n").into_response(),
    }
}

fn redirect(to: &str, query: Option<&str>) -> Response {
    let location = match query {
        Some(q) => format!("{to}?{q}"),
        None => to.to_string(),
    };
    // Temporary: while editing, a folder can become a file again.
    match HeaderValue::try_from(location) {
        Ok(v) => (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, v)]).into_response(),
        Err(_) => StatusCode::BAD_REQUEST.into_response(),
    }
}

/// A stored file as a response: HTML with the reload script added; other files as stored
/// (gzipped) when the client accepts `gzip`.
fn file(snap: &Snapshot, status: StatusCode, key: &str, stored: &Stored, gzip: bool) -> Response {
    let content_type = paths::content_type(key);
    let mut response = Response::builder();
    let body = if content_type.starts_with("text/html") {
        Body::from(inject(&stored.bytes(), &snap.build))
    } else if let Some(gz) = stored.gzip().filter(|_| gzip) {
        response = response.header(header::CONTENT_ENCODING, "gzip");
        Body::from(gz.to_vec())
    } else {
        Body::from(stored.bytes().to_vec())
    };
    response
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::VARY, "accept-encoding")
        // Always revalidate: the whole point is to see the edit just made.
        .header(header::CACHE_CONTROL, "no-cache")
        .header("x-content-type-options", "nosniff")
        .body(body)
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// Adds the reload script before the last `</body>` (or at the end when there is none).
/// The script learns which build the page came from, to spot a stale page on connect.
pub fn inject(html: &[u8], build: &str) -> Vec<u8> {
    let tag = format!("<script src=\"{PREFIX}/reload.js\" data-vacancy-build=\"{build}\" defer></script>\n");
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")],
        RELOAD_JS,
    )
}

/// `{"build": "...", "error": null | "..."}`: what a tab compares itself with on connect,
/// so tabs opened while the site is broken show the error too.
async fn status(State(live): State<Arc<Live>>) -> impl IntoResponse {
    let snap = live.snapshot();
    let json = serde_json::json!({
        "build": snap.build,
        "error": snap.error.as_deref(),
    });
    ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], json.to_string())
}

/// Server-Sent Events: `reload` after a good build, `build-error` with the text after a
/// failed one. (Not `error`: that name is taken by EventSource's own connection errors.)
async fn events(State(live): State<Arc<Live>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // A short retry, so a tab reconnects quickly to a restarted server.
    let hello = Event::default().retry(Duration::from_millis(300)).comment("vacancy");
    let signals: Pin<Box<dyn Stream<Item = Event> + Send>> = match live.subscribe() {
        Some(rx) => {
            Box::pin(BroadcastStream::new(rx).take_while(|s| !matches!(s, Ok(Signal::Shutdown))).map(|s| {
                match s {
                    Ok(Signal::Error(text)) => Event::default().event("build-error").data(&*text),
                    // A tab that fell behind missed something: reloading catches it up.
                    Ok(_) | Err(_) => Event::default().event("reload").data("reload"),
                }
            }))
        }
        None => Box::pin(tokio_stream::empty()),
    };
    let stream = tokio_stream::iter([hello]).chain(signals).map(Ok);
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_the_script_before_the_last_body_end() {
        let out = inject(b"<body><p>x</p></BODY>\n</html>", "b1");
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("<body><p>x</p><script src=\"/__vacancy/reload.js\" data-vacancy-build=\"b1\""),
            "{text}"
        );
        assert!(text.ends_with("</script>\n</BODY>\n</html>"), "{text}");
    }

    #[test]
    fn sends_gzip_only_to_clients_that_accept_it() {
        let with = |value: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap());
            accepts_gzip(&h)
        };
        assert!(with("gzip, deflate, br"));
        assert!(with("br;q=1.0, GZIP;q=0.5"));
        assert!(!with("gzip;q=0"));
        assert!(!with("br, x-gzip-like"));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    #[test]
    fn appends_the_script_when_there_is_no_body_end() {
        let text = String::from_utf8(inject(b"<p>fragment</p>", "b2")).unwrap();
        assert!(text.starts_with("<p>fragment</p><script"), "{text}");
    }
}
