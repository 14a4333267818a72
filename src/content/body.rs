//! A posting's rendered body as the rest of the pipeline holds it.
//!
//! The HTML and plain text of a body are read by few: its own page, the exports and the
//! feeds that carry it, the full-text search index. Holding them for every posting for the
//! whole build made memory grow with the bodies of the board (a 100,000-posting board held
//! gigabytes). So `build` keeps them in a file instead ([`Stored`]: a shard of the parse
//! cache, or this run's spill file) and each reader loads them, uses them and drops them;
//! what every posting needs all along (word count, links) stays in memory. `serve`, which
//! renders bodies again and again, keeps them in memory. `check` renders a couple of
//! bodies (the sample pages) and reads only the word count and links of the others: a
//! posting it restores from the posting cache holds its body as its file ([`Source`]),
//! rendered again only when a sample page asks for it.

use crate::markdown::Rendered;
use crate::sanitize::RawHtml;
use std::borrow::Cow;
use std::fs::File;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// A rendered body: what is always at hand, and its HTML and text, in memory or stored.
#[derive(Debug, Clone)]
pub struct Body {
    pub words: usize,
    /// Link destinations, for the internal-link check.
    pub links: Vec<String>,
    /// The bytes the HTML and text take as JSON strings, quotes left out: how
    /// `/jobs.json` is split is planned from it without reading the body.
    pub json_len: usize,
    held: Held,
}

#[derive(Debug, Clone)]
enum Held {
    Memory { html: Arc<str>, text: Arc<str> },
    Stored(Stored),
    Source(Arc<Source>),
}

/// A posting file whose body was not rendered: its word count and links came from the
/// posting cache, and the HTML and text are rendered from the file when asked for.
#[derive(Debug)]
pub struct Source {
    /// The file, to read.
    pub path: PathBuf,
    /// The file as diagnostics name it.
    pub rel: PathBuf,
    pub raw_html: RawHtml,
}

/// Where a [`Rendered`] body was written, in postcard's encoding: `file` stays open, so a
/// shard of the parse cache replaced on disk is still read as it was.
#[derive(Debug, Clone)]
pub struct Stored {
    pub file: Arc<File>,
    pub range: Range<u64>,
}

impl Body {
    /// Keeps all of `rendered` in memory.
    pub fn in_memory(rendered: Rendered) -> Body {
        Body {
            words: rendered.words,
            json_len: json_len(&rendered),
            links: rendered.links,
            held: Held::Memory { html: rendered.html.into(), text: rendered.text.into() },
        }
    }

    /// Keeps what every reader needs of `rendered`, and where the rest is stored.
    pub fn stored(rendered: Rendered, stored: Stored) -> Body {
        let json_len = json_len(&rendered);
        Body { words: rendered.words, links: rendered.links, json_len, held: Held::Stored(stored) }
    }

    /// What every reader needs of a body, kept from when it was rendered, and where the
    /// rest is stored.
    pub fn from_stored(words: usize, links: Vec<String>, json_len: usize, stored: Stored) -> Body {
        Body { words, links, json_len, held: Held::Stored(stored) }
    }

    /// What every reader needs of a body, and the file to render the rest from.
    pub fn from_source(words: usize, links: Vec<String>, json_len: usize, source: Source) -> Body {
        Body { words, links, json_len, held: Held::Source(Arc::new(source)) }
    }

    /// The HTML and plain text, read back if stored: the caller drops them when done.
    /// A stored body that cannot be read (this run wrote it, so only a failing disk does
    /// that) is a panic rather than a page with a silently empty description.
    pub fn load(&self) -> (Cow<'_, str>, Cow<'_, str>) {
        match &self.held {
            Held::Memory { html, text } => (Cow::Borrowed(html), Cow::Borrowed(text)),
            Held::Stored(stored) => {
                let r = stored.read().unwrap_or_else(|e| panic!("reading back a stored posting body: {e}"));
                (Cow::Owned(r.html), Cow::Owned(r.text))
            }
            Held::Source(source) => {
                let r = source.render().unwrap_or_else(|e| panic!("rendering a posting body again: {e}"));
                (Cow::Owned(r.html), Cow::Owned(r.text))
            }
        }
    }

    /// The body's HTML (see [`Body::load`]); of a stored body only the HTML is decoded.
    pub fn html(&self) -> Cow<'_, str> {
        match &self.held {
            Held::Stored(stored) => Cow::Owned(
                stored.read_html().unwrap_or_else(|e| panic!("reading back a stored posting body: {e}")),
            ),
            _ => self.load().0,
        }
    }

    /// The body as plain text (see [`Body::load`]).
    pub fn text(&self) -> Cow<'_, str> {
        self.load().1
    }

    /// Whether the HTML and text are in a file rather than in memory.
    pub fn is_stored(&self) -> bool {
        matches!(self.held, Held::Stored(_))
    }
}

/// [`Body::json_len`] of `r`.
fn json_len(r: &Rendered) -> usize {
    /// Counts what is written to it.
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    for s in [&r.html, &r.text] {
        // Writing to a counter cannot fail.
        let _ = serde_json::to_writer(&mut count, s);
    }
    count.0 - 4
}

impl Source {
    /// Reads the file and renders its body, as parsing it did.
    pub fn render(&self) -> std::io::Result<Rendered> {
        let bytes = std::fs::read(&self.path)?;
        let text =
            super::encoding::decode(&self.rel, &bytes).map_err(|d| std::io::Error::other(d.message))?;
        let parts = super::front_matter::split(text).map_err(|e| std::io::Error::other(format!("{e:?}")))?;
        Ok(crate::markdown::render(parts.body, self.raw_html))
    }
}

impl Stored {
    /// Reads and decodes the body.
    pub fn read(&self) -> std::io::Result<Rendered> {
        let bytes = self.bytes()?;
        postcard::from_bytes(&bytes).map_err(std::io::Error::other)
    }

    /// Reads the body and decodes its HTML only: the first field of [`Rendered`], the
    /// rest left undecoded (what the exports and feeds that carry the HTML read).
    pub fn read_html(&self) -> std::io::Result<String> {
        #[derive(serde::Deserialize)]
        struct Html {
            html: String,
        }
        let bytes = self.bytes()?;
        postcard::from_bytes::<Html>(&bytes).map(|h| h.html).map_err(std::io::Error::other)
    }

    /// The stored bytes.
    pub fn bytes(&self) -> std::io::Result<Vec<u8>> {
        let len = usize::try_from(self.range.end - self.range.start).map_err(std::io::Error::other)?;
        let mut buf = vec![0; len];
        read_exact_at(&self.file, &mut buf, self.range.start)?;
        Ok(buf)
    }
}

#[cfg(unix)]
pub(crate) fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
pub(crate) fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_held_as_its_file_renders_as_parsing_did() {
        let dir = tempfile::tempdir().unwrap();
        let body = "Build *fast* sites.\n\n<script>x()</script>[Apply](/apply/)\n";
        std::fs::write(dir.path().join("job.md"), format!("---\ntitle: Job\n---\n{body}")).unwrap();
        let source =
            Source { path: dir.path().join("job.md"), rel: "job.md".into(), raw_html: RawHtml::Escape };
        let held = Body::from_source(3, vec!["/apply/".into()], 0, source);
        let rendered = crate::markdown::render(body, RawHtml::Escape);
        assert!(rendered.html.contains("<em>fast</em>"), "{}", rendered.html);
        let (html, text) = held.load();
        assert_eq!((html.as_ref(), text.as_ref()), (rendered.html.as_str(), rendered.text.as_str()));
        assert_eq!((held.words, held.links), (3, vec!["/apply/".to_string()]));
    }

    #[test]
    fn a_stored_body_reads_back_its_html_alone() {
        let r = crate::markdown::render("Some *HTML* and [a link](/x/).\n\nMore text.\n", RawHtml::Escape);
        let bytes = postcard::to_stdvec(&r).unwrap();
        let mut file = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut file, b"before").unwrap();
        std::io::Write::write_all(&mut file, &bytes).unwrap();
        let stored = Stored { file: Arc::new(file), range: 6..6 + bytes.len() as u64 };
        let body = Body::from_stored(r.words, r.links.clone(), 0, stored);
        assert!(r.html.contains("<em>HTML</em>"), "{}", r.html);
        assert_eq!(body.html(), r.html);
        assert_eq!(body.load(), (Cow::Borrowed(r.html.as_str()), Cow::Borrowed(r.text.as_str())));
    }

    #[test]
    fn json_len_is_what_serde_json_writes() {
        let r = crate::markdown::render(
            "Say \"hi\"\\ to <b>ünïcode</b>\ttabs\n\nand\u{1}more.\n",
            RawHtml::Escape,
        );
        let full = serde_json::to_string(&(&r.html, &r.text)).unwrap();
        // `["…","…"]`: two quotes each, a comma and the brackets around them.
        assert_eq!(Body::in_memory(r).json_len, full.len() - 7);
    }
}
