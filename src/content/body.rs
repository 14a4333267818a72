//! A posting's rendered body as the rest of the pipeline holds it.
//!
//! The HTML and plain text of a body are read by few: its own page, the exports and the
//! feeds that carry it, the full-text search index. Holding them for every posting for the
//! whole build made memory grow with the bodies of the board (a 100,000-posting board held
//! gigabytes). So `build` keeps them in a file instead ([`Stored`]: a shard of the parse
//! cache, or this run's spill file) and each reader loads them, uses them and drops them;
//! what every posting needs all along (word count, links) stays in memory. `check` and
//! `serve`, which render few bodies or render them again and again, keep them in memory.

use crate::markdown::Rendered;
use std::borrow::Cow;
use std::fs::File;
use std::ops::Range;
use std::sync::Arc;

/// A rendered body: what is always at hand, and its HTML and text, in memory or stored.
#[derive(Debug, Clone)]
pub struct Body {
    pub words: usize,
    /// Link destinations, for the internal-link check.
    pub links: Vec<String>,
    held: Held,
}

#[derive(Debug, Clone)]
enum Held {
    Memory { html: Arc<str>, text: Arc<str> },
    Stored(Stored),
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
            links: rendered.links,
            held: Held::Memory { html: rendered.html.into(), text: rendered.text.into() },
        }
    }

    /// Keeps what every reader needs of `rendered`, and where the rest is stored.
    pub fn stored(rendered: Rendered, stored: Stored) -> Body {
        Body { words: rendered.words, links: rendered.links, held: Held::Stored(stored) }
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
        }
    }

    /// The body's HTML (see [`Body::load`]).
    pub fn html(&self) -> Cow<'_, str> {
        self.load().0
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

impl Stored {
    /// Reads and decodes the body.
    pub fn read(&self) -> std::io::Result<Rendered> {
        let bytes = self.bytes()?;
        postcard::from_bytes(&bytes).map_err(std::io::Error::other)
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
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
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
