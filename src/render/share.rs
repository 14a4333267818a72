//! Share links for a posting page: plain links to each service's share URL, so sharing
//! needs no third-party script and works without JavaScript.

use serde::Serialize;
use url::form_urlencoded::byte_serialize;

/// One share link.
#[derive(Serialize, Debug)]
pub struct ShareLink {
    /// `email`, `linkedin`, `x`, `mastodon`: for CSS and tests.
    pub key: &'static str,
    /// "E-mail" (in the build's language), "LinkedIn", "X", "Mastodon".
    pub label: String,
    pub href: String,
}

fn enc(s: &str) -> String {
    byte_serialize(s.as_bytes()).collect::<String>().replace('+', "%20")
}

/// The share links for a page titled `text` at `permalink`. Mastodon has no single
/// server, so its link goes to a share page that asks the reader for theirs.
pub fn links(text: &str, permalink: &str, strings: &crate::i18n::Strings) -> Vec<ShareLink> {
    let (t, u) = (enc(text), enc(permalink));
    vec![
        ShareLink {
            key: "email",
            label: strings.get("share_email").into(),
            href: format!("mailto:?subject={t}&body={u}"),
        },
        ShareLink {
            key: "linkedin",
            label: "LinkedIn".into(),
            href: format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        },
        ShareLink {
            key: "x",
            label: "X".into(),
            href: format!("https://x.com/intent/post?text={t}&url={u}"),
        },
        ShareLink {
            key: "mastodon",
            label: "Mastodon".into(),
            href: format!("https://mastodonshare.com/?text={t}&url={u}"),
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
        assert!(l[1].href.ends_with("?url=https%3A%2F%2Fe.com%2Fjobs%2Fa%2F"));
        assert!(l.iter().all(|s| !s.href.contains(' ') && !s.href.contains("&D")));
    }
}
