//! Social cards: one PNG per posting for `og:image` / `twitter:image`
//! (`syndication: {social_cards: true}`).
//!
//! The theme's `social-card.svg` template is filled in per posting and drawn with resvg,
//! with fonts compiled into the binary and no system font lookup, so a card has the same
//! bytes on every machine. Drawing is the slow part, so each PNG is kept in a cache keyed
//! by the filled-in SVG: a posting whose card would not change is copied, not drawn.

use crate::diagnostic::Diagnostic;
use crate::render::theme::{Theme, error_chain};
use crate::render::{Page, RenderError, Sink, views};
use crate::site::Site;
use crate::site::urls::{self, PageUrl};
use anyhow::Context as _;
use rayon::prelude::*;
use resvg::{tiny_skia, usvg};
use serde::Serialize;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

/// Card size in pixels: the 1.91:1 that Open Graph and X's large summary card show whole.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
/// The theme template a card is drawn from.
pub const TEMPLATE: &str = "social-card.svg";
/// The cache folder, relative to the site root (git-ignored by `init`).
pub const CACHE_DIR: &str = ".vacancy-cache/social-cards";
/// The font family the embedded fonts register as; templates name it in `font-family`.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// Longest title line, in characters, and the most lines before the title is cut: the
/// template has room for three lines of 64 px bold text.
const TITLE_LINE: usize = 28;
const TITLE_LINES: usize = 3;
/// Other single-line texts are cut to this many characters.
const LINE: usize = 52;

/// A posting's card: `jobs/<slug>/card.png`.
pub fn url(slug: &str) -> PageUrl {
    urls::posting(slug).join("card.png")
}

/// Output paths of every card the site gets: one per posting page, open or closed.
pub fn paths(site: &Site) -> Vec<String> {
    if !site.config.syndication.social_cards {
        return Vec::new();
    }
    site.open.iter().chain(&site.closed).map(|p| url(&p.slug).file()).collect()
}

/// How many cards were drawn and how many came from the cache.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Drawn {
    pub drawn: usize,
    pub cached: usize,
}

/// What a card template sees as `card`: the texts already cut to fit.
#[derive(Serialize)]
struct CardView<'a> {
    width: u32,
    height: u32,
    font_family: &'static str,
    title_lines: Vec<String>,
    company: String,
    location: String,
    salary: Option<String>,
    category: &'a str,
    site_title: String,
    site_host: String,
}

/// Draws the card of every posting page into `sink`. With a `cache` folder, PNGs drawn by
/// earlier builds are reused and entries no card uses any more are removed.
pub fn render(
    site: &Site,
    theme: &Theme,
    cache: Option<&Path>,
    sink: &dyn Sink,
) -> Result<Drawn, RenderError> {
    let config = &site.config;
    if !config.syndication.social_cards {
        return Ok(Drawn::default());
    }
    if let Some(dir) = cache {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating {}", dir.display()))
            .map_err(RenderError::Sink)?;
    }
    let countries = views::country_pages(site);
    let has_country = |k: &str| countries.contains(k);
    let site_value = views::site(site);
    let postings: Vec<_> = site.open.iter().chain(&site.closed).collect();
    let results: Vec<Result<(String, bool), RenderError>> = postings
        .par_iter()
        .map(|p| {
            let svg =
                fill(site, theme, &site_value, p, &has_country).map_err(|d| RenderError::Invalid(vec![d]))?;
            let key = cache_key(&svg);
            let cached = cache.map(|dir| dir.join(format!("{key}.png")));
            let (bytes, from_cache) = match cached.as_deref().and_then(|f| std::fs::read(f).ok()) {
                Some(bytes) => (bytes, true),
                None => {
                    let bytes =
                        draw(&svg).map_err(|e| RenderError::Invalid(vec![invalid_svg(theme, p, &e)]))?;
                    if let Some(file) = &cached {
                        store(file, &bytes).map_err(RenderError::Sink)?;
                    }
                    (bytes, false)
                }
            };
            sink.put(Page { rel: url(&p.slug).file(), bytes: bytes.into() }).map_err(RenderError::Sink)?;
            Ok((key, from_cache))
        })
        .collect();
    let mut drawn = Drawn::default();
    let mut used = HashSet::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok((key, from_cache)) => {
                if from_cache {
                    drawn.cached += 1;
                } else {
                    drawn.drawn += 1;
                }
                used.insert(format!("{key}.png"));
            }
            Err(RenderError::Invalid(d)) => errors.extend(d),
            Err(sink_error) => return Err(sink_error),
        }
    }
    if !errors.is_empty() {
        errors.truncate(10);
        return Err(RenderError::Invalid(errors));
    }
    if let Some(dir) = cache {
        prune(dir, &used);
    }
    Ok(drawn)
}

/// Fills in and parses every card without drawing it: what `check` runs, so a broken
/// `social-card.svg` shows there at a fraction of the cost of a build.
pub fn verify(site: &Site, theme: &Theme) -> Vec<Diagnostic> {
    if !site.config.syndication.social_cards {
        return Vec::new();
    }
    let countries = views::country_pages(site);
    let has_country = |k: &str| countries.contains(k);
    let site_value = views::site(site);
    let postings: Vec<_> = site.open.iter().chain(&site.closed).collect();
    let mut problems: Vec<Diagnostic> = postings
        .par_iter()
        .filter_map(|p| {
            let svg = match fill(site, theme, &site_value, p, &has_country) {
                Ok(svg) => svg,
                Err(d) => return Some(d),
            };
            usvg::Tree::from_str(&svg, &options())
                .err()
                .map(|e| invalid_svg(theme, p, &format!("invalid SVG: {e}")))
        })
        .collect();
    problems.truncate(10);
    problems
}

fn invalid_svg(theme: &Theme, p: &crate::content::posting::Posting, message: &str) -> Diagnostic {
    Diagnostic::error(
        "template",
        theme_origin(theme),
        format!("social card of {}: {message}", p.source.display()),
    )
    .help("the template must give one SVG document, e.g. <svg xmlns=\"http://www.w3.org/2000/svg\" …>…</svg>")
}

/// The template file a card error points at.
fn theme_origin(theme: &Theme) -> PathBuf {
    theme.origins.get(TEMPLATE).cloned().unwrap_or_else(|| PathBuf::from(TEMPLATE))
}

/// The posting's card as SVG text: the theme template filled in.
fn fill(
    site: &Site,
    theme: &Theme,
    site_value: &tera::Value,
    p: &crate::content::posting::Posting,
    has_country: &dyn Fn(&str) -> bool,
) -> Result<String, Diagnostic> {
    let c = &site.config;
    let card = CardView {
        width: WIDTH,
        height: HEIGHT,
        font_family: FONT_FAMILY,
        title_lines: wrap(&p.title, TITLE_LINE, TITLE_LINES),
        company: cut(&p.company.name, LINE),
        location: cut(&crate::i18n::format::location(&p.location, &c.strings), LINE),
        salary: p.salary.as_ref().map(|s| cut(&crate::i18n::format::salary(s, &c.strings), LINE)),
        category: &p.category.name,
        site_title: cut(&c.title, 40),
        site_host: c.base_url.host_str().unwrap_or_default().to_string(),
    };
    let mut ctx = tera::Context::new();
    ctx.insert_value("site", site_value.clone());
    ctx.insert_value("posting", views::posting(p, c, site.now, has_country));
    ctx.insert("card", &card);
    ctx.insert("t", c.strings.map());
    theme.tera.render(TEMPLATE, &ctx).map_err(|e| {
        Diagnostic::error(
            "template",
            theme_origin(theme),
            format!("rendering the social card of {}: {}", p.source.display(), error_chain(&e)),
        )
    })
}

/// The embedded fonts, loaded once per process.
static FONTS: LazyLock<Arc<usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(dejavu::sans::regular().to_vec());
    db.load_font_data(dejavu::sans::bold().to_vec());
    db.set_sans_serif_family(FONT_FAMILY);
    Arc::new(db)
});

/// Parsing options: the embedded fonts only, sans-serif by default.
fn options() -> usvg::Options<'static> {
    usvg::Options { font_family: FONT_FAMILY.to_string(), fontdb: FONTS.clone(), ..usvg::Options::default() }
}

/// Draws SVG text as a `WIDTH`×`HEIGHT` PNG, scaling the SVG to fill it.
pub fn draw(svg: &str) -> Result<Vec<u8>, String> {
    let tree = usvg::Tree::from_str(svg, &options()).map_err(|e| format!("invalid SVG: {e}"))?;
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("cannot allocate the image")?;
    let size = tree.size();
    let scale = tiny_skia::Transform::from_scale(WIDTH as f32 / size.width(), HEIGHT as f32 / size.height());
    resvg::render(&tree, scale, &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| format!("encoding PNG: {e}"))
}

/// A name for the PNG of `svg`. The drawing code's version is part of it, so upgrading
/// Vacancy (and with it resvg or the fonts) draws every card afresh. Std's SipHash is
/// enough here: a changed hash after a Rust upgrade only costs one redraw.
fn cache_key(svg: &str) -> String {
    let half = |salt: u8| {
        let mut h = std::hash::DefaultHasher::new();
        (salt, env!("CARGO_PKG_VERSION"), svg).hash(&mut h);
        h.finish()
    };
    format!("{:016x}{:016x}", half(0), half(1))
}

/// Writes a cache entry whole or not at all, so a build stopped halfway leaves no
/// truncated PNG for the next one to reuse.
fn store(file: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    let mut tmp =
        tempfile::NamedTempFile::new_in(dir).with_context(|| format!("writing in {}", dir.display()))?;
    std::io::Write::write_all(&mut tmp, bytes).with_context(|| format!("writing {}", file.display()))?;
    tmp.persist(file).with_context(|| format!("writing {}", file.display()))?;
    Ok(())
}

/// Removes cached PNGs that no card of this build used (a changed or deleted posting's
/// old card), so the cache stays as large as the site. Best effort: it is only a cache.
fn prune(dir: &Path, used: &HashSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".png") && !used.contains(&name) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// `s` cut to at most `max` characters, with an ellipsis where it was cut.
fn cut(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_string();
    }
    let kept: String = s.chars().take(max - 1).collect();
    format!("{}…", kept.trim_end())
}

/// Greedy word wrap into at most `lines` lines of at most `width` characters; the last
/// line ends in an ellipsis when text is left over. SVG has no text wrapping of its own.
fn wrap(s: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in s.split_whitespace() {
        let fits = out.last().is_some_and(|l| l.chars().count() + 1 + word.chars().count() <= width);
        if fits {
            let line = out.last_mut().expect("fits needs a line");
            line.push(' ');
            line.push_str(word);
        } else if out.len() < lines {
            out.push(cut(word, width));
        } else {
            let last = out.last_mut().expect("lines > 0");
            // Longer than `width` (the word did not fit), so cut with an ellipsis.
            *last = cut(&format!("{last} {word}"), width);
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_titles_into_lines_that_fit() {
        assert_eq!(wrap("Senior Rust Engineer", 28, 3), ["Senior Rust Engineer"]);
        assert_eq!(
            wrap("Staff Site Reliability Engineer for Payments Infrastructure", 28, 3),
            ["Staff Site Reliability", "Engineer for Payments", "Infrastructure"]
        );
    }

    #[test]
    fn cuts_titles_too_long_for_three_lines() {
        let lines = wrap(&"word ".repeat(40), 12, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= 12), "{lines:?}");
        assert_eq!(wrap("Supercalifragilisticexpialidocious", 10, 3), ["Supercali…"]);
    }

    #[test]
    fn cuts_long_lines_with_an_ellipsis() {
        assert_eq!(cut("Berlin", 10), "Berlin");
        assert_eq!(cut("Remote (Germany, France, Spain)", 10), "Remote (G…");
    }

    #[test]
    fn cache_keys_follow_the_svg() {
        assert_eq!(cache_key("<svg/>"), cache_key("<svg/>"));
        assert_ne!(cache_key("<svg/>"), cache_key("<svg />"));
        assert_eq!(cache_key("a").len(), 32);
    }

    #[test]
    fn draws_text_with_the_embedded_font_at_card_size() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="600" height="315">
            <text x="10" y="100" font-family="DejaVu Sans" font-size="40">Rust Engineer</text></svg>"#;
        let png = draw(svg).unwrap();
        let pixmap = tiny_skia::Pixmap::decode_png(&png).unwrap();
        assert_eq!((pixmap.width(), pixmap.height()), (WIDTH, HEIGHT));
        // The text drew something: some pixels are opaque.
        assert!(pixmap.pixels().iter().any(|p| p.alpha() > 0));
        assert_eq!(draw(svg).unwrap(), png, "drawing is deterministic");
    }
}
