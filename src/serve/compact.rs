//! How `serve` holds the site in memory: each file gzipped as it is rendered, since a
//! 10,000-posting board is 400 MB of HTML, XML and JSON that compresses three- to sevenfold
//! (posting pages least, listings and exports most).
//! A request for a page costs one decompression (tens of microseconds); a client that
//! accepts gzip gets a file that needs no script injected as stored.

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use std::io::{Read, Write};
use std::sync::Arc;

/// Files smaller than this are kept as they are: gzip's header would eat the gain.
const SMALL: usize = 256;

/// One served file's bytes, compressed when that makes it smaller.
#[derive(Clone, Debug)]
pub enum Stored {
    Plain(Arc<[u8]>),
    Gzip(Arc<[u8]>),
}

impl Stored {
    /// Compresses `bytes` unless they are small or do not shrink (images, fonts).
    pub fn new(bytes: &[u8]) -> Stored {
        if bytes.len() >= SMALL {
            let mut e = GzEncoder::new(Vec::with_capacity(bytes.len() / 4), Compression::fast());
            // Writing into a Vec cannot fail.
            if e.write_all(bytes).is_ok()
                && let Ok(gz) = e.finish()
                && gz.len() < bytes.len()
            {
                return Stored::Gzip(Arc::from(gz));
            }
        }
        Stored::Plain(Arc::from(bytes))
    }

    /// The file's bytes as rendered.
    pub fn bytes(&self) -> Arc<[u8]> {
        match self {
            Stored::Plain(b) => b.clone(),
            Stored::Gzip(gz) => {
                let mut out = Vec::with_capacity(gz.len() * 6);
                // We compressed it ourselves: decoding cannot fail short of a bug.
                GzDecoder::new(&gz[..]).read_to_end(&mut out).expect("serve's own gzip decodes");
                Arc::from(out)
            }
        }
    }

    /// The gzip stream, when the file is stored compressed.
    pub fn gzip(&self) -> Option<&Arc<[u8]>> {
        match self {
            Stored::Gzip(gz) => Some(gz),
            Stored::Plain(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_back_the_bytes_it_was_given() {
        let html = "<p>The team builds a job board.</p>\n".repeat(200);
        let stored = Stored::new(html.as_bytes());
        assert!(stored.gzip().is_some(), "repetitive HTML is stored compressed");
        let held = stored.gzip().map_or(0, |gz| gz.len());
        assert!(held * 10 < html.len(), "{held} bytes held");
        assert_eq!(&*stored.bytes(), html.as_bytes());
    }

    #[test]
    fn keeps_small_and_incompressible_files_plain() {
        assert!(Stored::new(b"User-agent: *\n").gzip().is_none());
        // Pseudo-random bytes, as in a PNG or a font, do not shrink.
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 32) as u8
            })
            .collect();
        let stored = Stored::new(&noise);
        assert!(stored.gzip().is_none());
        assert_eq!(&*stored.bytes(), &noise[..]);
    }
}
