//! Request paths → keys of the in-memory page map, and content types by extension.
//!
//! Pages are looked up in a map, never on disk, so no path can reach a file outside the
//! build. We still refuse anything that looks like traversal (`..`, `%2e%2e`, an encoded
//! `/` or `\`) outright, so that behaviour does not depend on what happens to be in the map.

/// Where a request path points.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A key of the page map, e.g. `jobs/x/index.html` for `/jobs/x/`.
    Page {
        key: String,
        /// The path ended in `/` (or was the root), so `key` is a folder's `index.html`.
        folder: bool,
    },
    /// The site root without its trailing slash (`/careers`): redirect to `/careers/`.
    Root,
    /// Malformed, traversal, or outside the site's root path.
    NotFound,
}

/// The site's root path as [`resolve`] compares it: percent-decoded the same way as a
/// request path, since `Url::path()` gives it encoded (`/karri%C3%A8re/` for
/// `https://ex.com/karrière/`). A root that [`resolve`] would refuse as a request path
/// (an encoded `/`, invalid UTF-8) is kept as it is: such a site is not servable locally.
pub fn decode_root(root: &str) -> String {
    match decode_segments(root) {
        Some(segments) => format!("/{}", segments.join("/")),
        None => root.to_string(),
    }
}

/// Resolves a raw (still percent-encoded) request path against the site's root path
/// (`/` or `/careers/`), already decoded by [`decode_root`].
pub fn resolve(raw: &str, root: &str) -> Target {
    let Some(decoded) = decode_segments(raw) else {
        return Target::NotFound;
    };
    let path = format!("/{}", decoded.join("/"));
    if format!("{path}/") == root {
        return Target::Root;
    }
    let Some(rest) = path.strip_prefix(root) else {
        return Target::NotFound;
    };
    let folder = rest.is_empty() || rest.ends_with('/');
    // Empty segments (`//`) name nothing in the output tree.
    let inner = rest.strip_suffix('/').unwrap_or(rest);
    if !inner.is_empty() && inner.split('/').any(str::is_empty) {
        return Target::NotFound;
    }
    let key = if folder { format!("{rest}index.html") } else { rest.to_string() };
    Target::Page { key, folder }
}

/// Splits a raw path on `/` and percent-decodes each segment, refusing dot segments,
/// encoded separators, NUL and invalid UTF-8. A trailing `/` becomes a final empty segment.
fn decode_segments(raw: &str) -> Option<Vec<String>> {
    let rest = raw.strip_prefix('/')?;
    rest.split('/')
        .map(|segment| {
            let s = String::from_utf8(percent_decode(segment)?).ok()?;
            let bad = s == "." || s == ".." || s.contains(['/', '\\', '\0']);
            (!bad).then_some(s)
        })
        .collect()
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The `Content-Type` for an output file, by extension.
pub fn content_type(key: &str) -> &'static str {
    let ext = key.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(key: &str, folder: bool) -> Target {
        Target::Page { key: key.into(), folder }
    }

    #[test]
    fn maps_folders_to_their_index() {
        assert_eq!(resolve("/", "/"), page("index.html", true));
        assert_eq!(resolve("/jobs/x/", "/"), page("jobs/x/index.html", true));
        assert_eq!(resolve("/jobs/x", "/"), page("jobs/x", false));
        assert_eq!(resolve("/style.css", "/"), page("style.css", false));
        assert_eq!(resolve("/caf%C3%A9.txt", "/"), page("café.txt", false));
    }

    #[test]
    fn serves_sub_path_sites_under_their_root() {
        assert_eq!(resolve("/careers/", "/careers/"), page("index.html", true));
        assert_eq!(resolve("/careers/jobs/x/", "/careers/"), page("jobs/x/index.html", true));
        assert_eq!(resolve("/careers", "/careers/"), Target::Root);
        assert_eq!(resolve("/", "/careers/"), Target::NotFound);
        assert_eq!(resolve("/jobs/x/", "/careers/"), Target::NotFound);
    }

    #[test]
    fn serves_roots_that_need_percent_encoding() {
        // `Url::path()` of `https://ex.com/karrière/`.
        let root = decode_root("/karri%C3%A8re/");
        assert_eq!(root, "/karrière/");
        assert_eq!(resolve("/karri%C3%A8re/", &root), page("index.html", true));
        assert_eq!(resolve("/karri%c3%a8re/", &root), page("index.html", true));
        assert_eq!(resolve("/karri%C3%A8re/jobs/a/", &root), page("jobs/a/index.html", true));
        assert_eq!(resolve("/karri%C3%A8re", &root), Target::Root);
        assert_eq!(resolve("/karriere/", &root), Target::NotFound);
        assert_eq!(decode_root("/"), "/");
        assert_eq!(decode_root("/a%20b/c/"), "/a b/c/");
        // Refused as request paths, so left alone.
        assert_eq!(decode_root("/a%2Fb/"), "/a%2Fb/");
        assert_eq!(decode_root("/%FF/"), "/%FF/");
    }

    #[test]
    fn refuses_traversal_however_encoded() {
        for raw in [
            "/../config.yaml",
            "/%2e%2e/config.yaml",
            "/%2E%2E/config.yaml",
            "/jobs/%2e%2e/%2e%2e/config.yaml",
            "/jobs/..%2fconfig.yaml",
            "/..%5cconfig.yaml",
            "/%2fetc/passwd",
            "/./index.html",
            "/jobs//x/",
            "/bad%zz",
            "/nul%00",
            "/%ff",
            "relative",
        ] {
            assert_eq!(resolve(raw, "/"), Target::NotFound, "{raw}");
        }
    }

    #[test]
    fn knows_common_content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("img/LOGO.PNG"), "image/png");
        assert_eq!(content_type("f.woff2"), "font/woff2");
        assert_eq!(content_type("CNAME"), "application/octet-stream");
    }
}
