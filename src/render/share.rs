//! Share links for a posting page: plain links to each service's share URL, so sharing
//! needs no third-party script and works without JavaScript.

use serde::Serialize;
use url::form_urlencoded::byte_serialize;

/// One share link.
#[derive(Serialize, Debug)]
pub struct ShareLink {
    /// `email`, `linkedin`, `x`, `mastodon`: a hook for a theme's CSS (the default theme does
    /// not print it: every posting page would carry four classes no rule uses).
    pub key: &'static str,
    /// "E-mail" (in the build's language), "LinkedIn", "X", "Mastodon".
    pub label: String,
    pub href: String,
}

fn enc(s: &str) -> String {
    byte_serialize(s.as_bytes()).collect::<String>().replace('+', "%20")
}

/// `enc` for an http(s) share URL's query, where RFC 3986 lets `:` and `/` stand as they
/// are: a permalink reads `https://…` instead of `https%3A%2F%2F…`, 10 bytes less per link
/// on every posting page. (A `mailto:` header value may not hold `/`, so e-mail keeps `enc`.)
fn enc_query(s: &str) -> String {
    enc(s).replace("%3A", ":").replace("%2F", "/")
}

/// The share links for a page titled `text` at `permalink`. Mastodon has no single
/// server, so its link goes to a share page that asks the reader for theirs.
///
/// Only the e-mail carries `text` (as its subject): LinkedIn, X and Mastodon show a
/// shared link as a card built from the page's Open Graph title, description and image,
/// so a prefilled title would say it twice, and cost 0.13 KB on every posting page.
pub fn links(text: &str, permalink: &str, strings: &crate::i18n::Strings) -> Vec<ShareLink> {
    let u = enc_query(permalink);
    vec![
        ShareLink {
            key: "email",
            label: strings.get("share_email").into(),
            href: format!("mailto:?subject={}&body={}", enc(text), enc(permalink)),
        },
        ShareLink {
            key: "linkedin",
            label: "LinkedIn".into(),
            href: format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        },
        ShareLink { key: "x", label: "X".into(), href: format!("https://x.com/intent/post?url={u}") },
        ShareLink {
            key: "mastodon",
            label: "Mastodon".into(),
            href: format!("https://mastodonshare.com/?url={u}"),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_title_and_url_for_every_service() {
        let l = links("R&D Designer at Acme", "https://e.com/jobs/a/", &crate::i18n::Strings::english());
        assert_eq!(
            l[0].href,
            "mailto:?subject=R%26D%20Designer%20at%20Acme&body=https%3A%2F%2Fe.com%2Fjobs%2Fa%2F"
        );
        assert_eq!(l[1].href, "https://www.linkedin.com/sharing/share-offsite/?url=https://e.com/jobs/a/");
        assert_eq!(l[2].href, "https://x.com/intent/post?url=https://e.com/jobs/a/");
        assert_eq!(l[3].href, "https://mastodonshare.com/?url=https://e.com/jobs/a/");
        assert!(l.iter().all(|s| !s.href.contains(' ') && !s.href.contains("&D")));
        // A permalink's own escapes stay escaped: `%3A` in it is `%253A` in the link.
        let odd = links("a", "https://e.com/jobs/a%3Ab/?x=1&y=2", &crate::i18n::Strings::english());
        assert!(odd[1].href.ends_with("?url=https://e.com/jobs/a%253Ab/%3Fx%3D1%26y%3D2"), "{}", odd[1].href);
    }
}
