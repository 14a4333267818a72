//! Card fragments: listings print each posting's card, rendered once from
//! `partials/card.html`, and a theme whose listing templates read posting fields still
//! gets them (docs/themes.md, "Listing variables").

mod common;

use common::{build, site_copy, stderr};
use std::collections::BTreeMap;
use std::path::Path;

/// A card of the site's own that prints more of the posting than the built-in one.
const OWN_CARD: &str = r#"{%- set compact = page.kind == "term" -%}
<li class="own-card"><a href="{{ posting.path }}">{{ posting.title }}</a> {{ posting.company.name }}
{%- if posting.salary %} · {{ posting.salary.label }}{% endif %} · {{ posting.location.label }}
{%- if not compact %}<p>{{ posting.summary }}</p>{% endif -%}
{%- for type in posting.employment_types %} <i>{{ type.label }}</i>{% endfor -%}
</li>"#;

/// Every HTML file the build wrote, by path.
fn pages(out: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap().to_string_lossy().into_owned();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

/// Builds the minimal fixture with `templates` (path under `templates/` → text).
fn build_with(templates: &[(&str, &str)]) -> BTreeMap<String, String> {
    let site = site_copy("minimal");
    for (rel, text) in templates {
        let path = site.path().join("templates").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let o = build(site.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    pages(&site.path().join("public"))
}

/// The built-in list, but rendering the card inside the listing (as before card fragments):
/// a listing template that reads postings' fields itself, so its items are full views.
fn list_including_the_card() -> String {
    let builtin = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/partials/posting-list.html"),
    )
    .unwrap();
    let list = builtin.replace("{{ posting.card_html | safe }}", "{% include \"partials/card.html\" %}");
    assert_ne!(list, builtin, "the built-in list prints card_html");
    list
}

#[test]
fn listings_print_the_same_cards_as_rendering_them_in_each_listing() {
    let list = list_including_the_card();
    for card in [None, Some(OWN_CARD)] {
        let mut own = vec![];
        own.extend(card.map(|c| ("partials/card.html", c)));
        let fragments = build_with(&own);
        own.push(("partials/posting-list.html", &list));
        let in_listing = build_with(&own);
        assert_eq!(fragments.keys().collect::<Vec<_>>(), in_listing.keys().collect::<Vec<_>>());
        for (rel, html) in &fragments {
            assert!(
                *html == in_listing[rel],
                "{rel} differs with the card rendered in the listing ({card:?})"
            );
        }
        let home = &fragments["index.html"];
        if card.is_some() {
            // The site's card, full on the home page and compact on term listings.
            assert!(home.contains("<li class=\"own-card\">") && home.contains("<p>"), "{home}");
            let term = &fragments["categories/engineering/index.html"];
            assert!(term.contains("<li class=\"own-card\">") && !term.contains("<p>"), "{term}");
            assert!(term.contains("<i>Full-time</i>"), "{term}");
        } else {
            assert!(home.contains("<li class=\"card"), "{home}");
        }
    }
}

#[test]
fn a_listing_template_reading_posting_fields_gets_full_posting_views() {
    let list = "{% for job in postings %}[{{ job.title }}|{{ job.location.label }}|{{ job.posted.iso }}|\
                {{ job.card_html | length > 0 }}]{% endfor %}";
    let pages = build_with(&[("partials/posting-list.html", list)]);
    let home = &pages["index.html"];
    assert!(home.contains("[Senior Rust Engineer|"), "{home}");
    assert!(home.contains("|true]"), "each item has its card too: {home}");
    assert!(!home.contains("||"), "no field is empty: {home}");
}

#[test]
fn a_posting_page_reading_more_of_related_postings_gets_full_views() {
    let page = "{{ posting.title }}:{% for r in related %}[{{ r.title }}|{{ r.category.name }}|{{ r.apply.label }}]{% endfor %}";
    let pages = build_with(&[("posting.html", page)]);
    // The closed support role is in "sales"; the open Sales Lead is its related posting.
    assert_eq!(pages["jobs/old-role/index.html"], "Support Agent:[Sales Lead|Sales|Apply now]");
}

#[test]
fn a_card_that_fails_names_the_card_template_and_the_posting() {
    let site = site_copy("minimal");
    std::fs::create_dir_all(site.path().join("templates/partials")).unwrap();
    std::fs::write(site.path().join("templates/partials/card.html"), "{{ posting.no_such_field.x }}")
        .unwrap();
    let o = build(site.path(), &[]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(err.contains("templates/partials/card.html"), "{err}");
    assert!(err.contains("rendering partials/card.html for content/jobs/"), "{err}");
    assert!(!site.path().join("public/index.html").exists(), "a failed build writes nothing");
}
