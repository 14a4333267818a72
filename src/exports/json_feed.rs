//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>): `/feed.json` and one per category
//! beside its RSS feed. Each item carries the posting's structured fields in a `_job`
//! extension object, whose `about` points at the published JSON Schema.

use super::job::{Fields, Job, entry_id, rfc3339};
use crate::content::posting::Posting;
use crate::site::Site;
use crate::site::urls::PageUrl;
use serde::Serialize;

#[derive(Serialize)]
struct Feed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    language: &'a str,
    authors: [Author<'a>; 1],
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    avatar: Option<&'a str>,
}

#[derive(Serialize)]
struct Item<'a> {
    id: String,
    url: &'a str,
    title: &'a str,
    /// The whole description (the site's feed) or, in a category's feed, the summary as
    /// `content_text`, as the category's RSS feed carries it: the complete set is `/jobs.json`.
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    date_published: String,
    authors: [Author<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    #[serde(rename = "_job")]
    job: Extension<'a>,
}

#[derive(Serialize)]
struct Extension<'a> {
    about: &'a str,
    #[serde(flatten)]
    fields: &'a Fields<'a>,
}

/// One feed: what it is called, where it lives, the page it mirrors and its postings.
pub struct Spec<'a> {
    pub url: PageUrl,
    pub html: PageUrl,
    pub title: String,
    pub description: &'a str,
    /// Newest first, already cut to `feed_limit`.
    pub entries: Vec<&'a Posting>,
    /// Whether items carry the whole description (the site's feed) or the summary.
    pub full_bodies: bool,
}

/// The feed document for `spec`.
pub fn feed(site: &Site, spec: &Spec) -> anyhow::Result<Vec<u8>> {
    let c = &site.config;
    let base = &c.base_url;
    let schema = PageUrl::new(super::SCHEMA_FILE).permalink(base);
    let site_author = super::site_author(c);
    // Built here, so only this feed's bodies are loaded, and only while it is written.
    let job = |p| if spec.full_bodies { Job::new(p, c) } else { Job::without_description(p, c) };
    let jobs: Vec<(&Posting, Job)> = spec.entries.iter().map(|&p| (p, job(p))).collect();
    let items = jobs
        .iter()
        .map(|(p, job)| Item {
            id: entry_id(p, c),
            url: &job.fields.url,
            title: &p.title,
            content_html: spec.full_bodies.then_some(&*job.description_html),
            content_text: (!spec.full_bodies).then_some(p.summary.as_str()),
            summary: spec.full_bodies.then_some(p.summary.as_str()),
            date_published: rfc3339(p.posted_at, &c.timezone),
            authors: [Author {
                name: &p.company.name,
                url: p.company.url.as_deref(),
                avatar: p.company.logo.as_deref(),
            }],
            tags: std::iter::once(p.category.name.as_str()).chain(p.tags.iter().map(AsRef::as_ref)).collect(),
            job: Extension { about: &schema, fields: &job.fields },
        })
        .collect();
    let feed = Feed {
        version: "https://jsonfeed.org/version/1.1",
        title: &spec.title,
        home_page_url: spec.html.permalink(base),
        feed_url: spec.url.permalink(base),
        description: spec.description,
        language: &c.language,
        authors: [Author { name: site_author.0, url: site_author.1, avatar: None }],
        items,
    };
    // Compact: indenting repeated on every item cost more than a reader gains.
    let mut bytes = serde_json::to_vec(&feed)?;
    bytes.push(b'\n');
    Ok(bytes)
}
