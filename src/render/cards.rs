//! Per-posting card fragments. A posting's card is rendered from `partials/card.html`
//! once per kind of listing (the home page's full card, the term listings' compact card)
//! and printed by every listing page that shows it as `posting.card_html`, instead of
//! each listing page rendering fifty cards from fifty full posting views. Only the compact
//! card is kept (a posting is on four or five term listings, and on one home page), in a
//! file rather than in memory.
//!
//! Which theme needs more: a theme whose own listing templates read posting fields gets
//! full posting views in `postings` (made per listing page and dropped, as the contract
//! promises), and one whose posting page reads `related` postings beyond the built-in
//! line gets full views there; see [`ThemeReads`].

use crate::content::body::Stored;
use crate::diagnostic::Diagnostic;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

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

/// Each open posting's compact card, rendered on first use and read by every term listing
/// that shows the posting. The cards are written to a file that disappears when closed
/// and read back when printed (about 0.7 KB a posting, 70 MB at 100,000 postings that
/// need not be held), or held when no such file can be made. An error is kept too, so
/// it is reported once.
pub(super) struct Cards {
    /// The spill file, and its length (appends take the lock; reads do not need it).
    spill: Option<(Arc<File>, Mutex<u64>)>,
    compact: Vec<OnceLock<Result<Kept, Box<Diagnostic>>>>,
}

/// Where a card is.
enum Kept {
    Spilled(Range<u64>),
    Held(Box<str>),
}

impl Cards {
    /// Room for `open` postings' cards.
    pub(super) fn new(open: usize) -> Self {
        let spill = tempfile::tempfile().ok().map(|f| (Arc::new(f), Mutex::new(0)));
        Cards { spill, compact: (0..open).map(|_| OnceLock::new()).collect() }
    }

    /// The compact card of open posting `i`, rendered by `render` the first time.
    pub(super) fn compact(
        &self,
        i: usize,
        render: impl FnOnce() -> Result<String, Diagnostic>,
    ) -> Result<Cow<'_, str>, Diagnostic> {
        let kept = self.compact[i].get_or_init(|| Ok(self.keep(render().map_err(Box::new)?)));
        match kept {
            Ok(Kept::Held(html)) => Ok(Cow::Borrowed(html)),
            Ok(Kept::Spilled(range)) => Ok(Cow::Owned(self.read(range.clone()))),
            Err(d) => Err(Diagnostic::clone(d)),
        }
    }

    /// Writes `html` to the spill file, or holds it when that fails.
    fn keep(&self, html: String) -> Kept {
        let Some((file, len)) = &self.spill else { return Kept::Held(html.into()) };
        let mut len = len.lock().unwrap_or_else(|e| e.into_inner());
        if (&**file).write_all(html.as_bytes()).is_err() {
            // A short write leaves bytes no range names; the next card starts after them.
            *len = (&**file).seek(SeekFrom::End(0)).unwrap_or(*len);
            return Kept::Held(html.into());
        }
        let start = *len;
        *len += html.len() as u64;
        Kept::Spilled(start..*len)
    }

    /// A spilled card. This run wrote it, so only a failing disk keeps it from being read:
    /// a panic rather than a listing with a silently missing card.
    fn read(&self, range: Range<u64>) -> String {
        let (file, _) = self.spill.as_ref().expect("a spilled card has a spill file");
        let bytes = Stored { file: file.clone(), range }
            .bytes()
            .unwrap_or_else(|e| panic!("reading back a card: {e}"));
        String::from_utf8(bytes).expect("a card was written as UTF-8")
    }
}

/// The compact cards of a site's open postings, by index into `Site::open`. `serve` keeps
/// them from one render to the next while the postings keep their places, and forgets
/// those of the postings it swaps (a card shows its posting and site-wide settings only).
#[derive(Clone)]
pub struct KeptCards(Arc<Cards>);

impl KeptCards {
    /// Room for the cards of `count` open postings.
    pub fn new(count: usize) -> KeptCards {
        KeptCards(Arc::new(Cards::new(count)))
    }

    /// How many postings these cards are for.
    pub fn len(&self) -> usize {
        self.0.compact.len()
    }

    /// Whether there is room for no card.
    pub fn is_empty(&self) -> bool {
        self.0.compact.is_empty()
    }

    /// The compact card of open posting `i` ([`Cards::compact`]).
    pub(super) fn compact(
        &self,
        i: usize,
        render: impl FnOnce() -> Result<String, Diagnostic>,
    ) -> Result<Cow<'_, str>, Diagnostic> {
        self.0.compact(i, render)
    }

    /// Drops the card of `site.open[i]`, whose posting changed. When a render still shares
    /// these cards, all of them are dropped: slower, never stale.
    pub fn forget(&mut self, i: usize) {
        match Arc::get_mut(&mut self.0) {
            Some(cards) => cards.compact[i] = OnceLock::new(),
            None => *self = KeptCards::new(self.len()),
        }
    }
}

impl Default for KeptCards {
    /// Room for none, and no spill file.
    fn default() -> Self {
        KeptCards(Arc::new(Cards { spill: None, compact: Vec::new() }))
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
    fn each_card_is_rendered_once_and_read_back_as_rendered() {
        let cards = Cards::new(2);
        let renders = std::sync::atomic::AtomicUsize::new(0);
        let render = |html: &str| {
            renders.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Ok(html.to_string())
        };
        assert_eq!(cards.compact(0, || render("<li>é</li>")).unwrap(), "<li>é</li>");
        assert_eq!(cards.compact(1, || render("<li>b</li>")).unwrap(), "<li>b</li>");
        assert_eq!(cards.compact(0, || render("again")).unwrap(), "<li>é</li>");
        assert_eq!(renders.into_inner(), 2);
        assert!(cards.spill.is_some(), "a temporary file can be made here");
        assert!(cards.compact.iter().all(|c| matches!(c.get(), Some(Ok(Kept::Spilled(_))))));
    }

    #[test]
    fn a_card_that_failed_fails_again_without_rendering() {
        let cards = Cards::new(1);
        let d = Diagnostic::error("template", "partials/card.html", "no such field");
        assert_eq!(cards.compact(0, || Err(d.clone())).unwrap_err(), d);
        assert_eq!(cards.compact(0, || Ok("rendered".into())).unwrap_err(), d);
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
