//! Per-posting card fragments. A posting's card is rendered from `partials/card.html`
//! once per kind of listing (the home page's full card, the term listings' compact card)
//! and printed by every listing page that shows it as `posting.card_html`, instead of
//! each listing page rendering fifty cards from fifty full posting views. Only the compact
//! card is kept (a posting is on four or five term listings, and on one home page).
//!
//! Which theme needs more: a theme whose own listing templates read posting fields gets
//! full posting views in `postings` (made per listing page and dropped, as the contract
//! promises), and one whose posting page reads `related` postings beyond the built-in
//! line gets full views there; see [`ThemeReads`].

use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The template a card is rendered from.
pub const TEMPLATE: &str = "partials/card.html";

/// The two cards of a posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CardKind {
    /// The home page's: summary, tags linked to the search.
    Full,
    /// The term listings': no summary, tags as text.
    Compact,
}

impl CardKind {
    /// `page.kind` as the card sees it: the kind of listing it is printed on.
    pub(super) fn page_kind(self) -> &'static str {
        match self {
            CardKind::Full => "index",
            CardKind::Compact => "term",
        }
    }
}

/// Each open posting's compact card, rendered on first use and shared by every term
/// listing that shows the posting. An error is kept too, so it is reported once.
pub(super) struct Cards {
    compact: Vec<OnceLock<Result<Box<str>, Diagnostic>>>,
}

impl Cards {
    /// Room for `open` postings' cards.
    pub(super) fn new(open: usize) -> Self {
        Cards { compact: (0..open).map(|_| OnceLock::new()).collect() }
    }

    /// The compact card of open posting `i`, rendered by `render` the first time.
    pub(super) fn compact(
        &self,
        i: usize,
        render: impl FnOnce() -> Result<String, Diagnostic>,
    ) -> Result<&str, Diagnostic> {
        match self.compact[i].get_or_init(|| render().map(String::into_boxed_str)) {
            Ok(html) => Ok(html),
            Err(d) => Err(d.clone()),
        }
    }
}

/// What a theme's templates read of postings outside a posting's own page and cards,
/// found from their text: the built-in templates read nothing more, so their listings get
/// only the cards and their posting pages brief views of related postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThemeReads {
    /// A listing template other than the card (or a partial it includes) reads `postings`
    /// beyond `posting.card_html`: listings then get full posting views.
    pub listing_postings: bool,
    /// A template reads `related` beyond the built-in line (title, company, location,
    /// salary): posting pages then get full views of related postings.
    pub related_postings: bool,
}

/// Templates that never see a listing's `postings`: they have a posting of their own, or
/// none, or are partials the built-in theme includes only from `posting.html` and the card
/// (a listing's own template that included one with a posting in scope would name that
/// posting itself).
const NOT_LISTINGS: &[&str] = &[
    "posting.html",
    "page.html",
    "404.html",
    "taxonomy.html",
    "embed.html",
    "social-card.svg",
    TEMPLATE,
    "partials/facts.html",
    "partials/tag.html",
    "partials/open-to.html",
    "partials/draft-banner.html",
    "partials/posting-more.html",
];

/// What the built-in listing templates say of postings, none of which reads a field
/// beyond the card: removed before looking for other mentions.
const CARD_ONLY: &[&str] = &[
    "posting.card_html",
    "for posting in postings",
    "postings | length",
    "partials/posting-list.html",
    "partials/posting-more.html",
];

impl ThemeReads {
    /// Looks at each of `templates` (name → text) that is not the built-in one of that
    /// name (`builtin`). A mention this cannot rule out counts as reading: the cost of a
    /// wrong guess is time, never a wrong page.
    pub fn find<'t>(
        templates: impl IntoIterator<Item = (&'t str, &'t str)>,
        builtin: &BTreeMap<String, &[u8]>,
    ) -> Self {
        let own = templates.into_iter().filter(|(name, text)| builtin.get(*name) != Some(&text.as_bytes()));
        let mut reads = ThemeReads { listing_postings: false, related_postings: false };
        for (name, text) in own {
            if !NOT_LISTINGS.contains(&name) {
                let code = without_comments(text);
                let rest = CARD_ONLY.iter().fold(code.clone(), |t, token| t.replace(token, ""));
                // A partial included in a loop over the postings sees each one.
                let loop_includes = code.contains("in postings") && code.contains("include");
                reads.listing_postings |= rest.contains("posting") || loop_includes;
            }
            reads.related_postings |= text.contains("related");
        }
        reads
    }
}

/// `text` without its `{# … #}` comments, which read nothing.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{#") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("#}").map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::theme::{DEFAULT_THEME, embedded_files};

    fn builtin() -> BTreeMap<String, &'static [u8]> {
        embedded_files(&DEFAULT_THEME, "templates").into_iter().collect()
    }

    /// The built-in templates with `name` replaced or added, and what a theme of them reads.
    fn reads_of(name: &str, text: &str, builtin: &BTreeMap<String, &[u8]>) -> ThemeReads {
        let mut t: BTreeMap<String, String> =
            self::builtin().into_iter().map(|(k, v)| (k, String::from_utf8_lossy(v).into_owned())).collect();
        t.insert(name.into(), text.into());
        ThemeReads::find(t.iter().map(|(k, v)| (k.as_str(), v.as_str())), builtin)
    }

    #[test]
    fn the_built_in_listings_read_only_cards() {
        // Every built-in template looked at as if it were a site's own.
        let reads = reads_of("x.html", "", &BTreeMap::new());
        assert!(!reads.listing_postings, "a built-in listing template reads a posting field");
        assert!(reads.related_postings, "posting-more.html prints related postings");
        let reads = reads_of("x.html", "", &builtin());
        assert_eq!(reads, ThemeReads { listing_postings: false, related_postings: false });
    }

    #[test]
    fn a_listing_that_prints_a_posting_field_gets_full_views() {
        let b = builtin();
        let list = "{% for job in postings %}{{ job.salary.label }}{% endfor %}";
        assert!(reads_of("partials/posting-list.html", list, &b).listing_postings);
        let cards_only = "{% for posting in postings %}{{ posting.card_html | safe }}{% endfor %}";
        assert!(!reads_of("partials/posting-list.html", cards_only, &b).listing_postings);
        let including = "{% for posting in postings %}{% include \"partials/facts.html\" %}{% endfor %}";
        assert!(reads_of("partials/posting-list.html", including, &b).listing_postings);
        // The card and its partials are rendered with a full view of their own.
        assert!(!reads_of(TEMPLATE, "{{ posting.salary.label }}", &b).listing_postings);
    }

    #[test]
    fn comments_are_not_read() {
        assert_eq!(without_comments("a{# posting.title #}b{#- x -#}c{# open"), "abc");
        let b = builtin();
        assert!(!reads_of("index.html", "{# every posting #}{{ page.title }}", &b).listing_postings);
    }

    #[test]
    fn an_own_posting_page_that_reads_related_gets_full_views_of_them() {
        let b = builtin();
        let page = "{% for r in related %}{{ r.posted.display }}{% endfor %}";
        let reads = reads_of("posting.html", page, &b);
        assert!(reads.related_postings);
        assert!(!reads.listing_postings, "posting.html is no listing");
    }
}
