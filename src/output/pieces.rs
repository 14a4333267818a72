//! Files made of pieces, each keyed by the fingerprint of what it is made from: the
//! Indeed XML feed, one `<job>` per posting, which lists every posting's description
//! (64 MB at 10,000 postings), so any edit changes it. Over a previous output, a piece
//! whose fingerprint the previous file holds is copied from that file rather than made
//! again: a one-edit rebuild makes one `<job>` and reads no other posting's body.
//!
//! The previous build records where each piece is in its file ([`super::reuse`]); the file
//! is trusted only while it has the length and modification time the record gives, like
//! a kept page. Debug builds make every copied piece anyway and panic when it differs,
//! so the tests catch an input missing from a piece's fingerprint.

use crate::render::fingerprint::Fingerprint;
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::ops::Range;

/// Where each piece is in a file: fingerprint and byte range, in file order.
pub type Layout = Vec<(Fingerprint, Range<u64>)>;

/// The previous build's file, open, and where its pieces are.
#[derive(Debug)]
pub struct Previous {
    file: File,
    pieces: HashMap<Fingerprint, Range<u64>>,
}

impl Previous {
    pub(super) fn new(file: File, layout: &Layout) -> Previous {
        Previous { file, pieces: layout.iter().cloned().collect() }
    }

    /// The bytes of the piece `fingerprint`, when the file has it and it can be read.
    fn read(&self, fingerprint: &Fingerprint, buf: &mut Vec<u8>) -> bool {
        let Some(range) = self.pieces.get(fingerprint) else { return false };
        let Ok(len) = usize::try_from(range.end - range.start) else { return false };
        buf.resize(len, 0);
        crate::content::body::read_exact_at(&self.file, buf, range.start).is_ok()
    }
}

/// A writer of a file made of pieces ([`Pieces::piece`]) and the bytes between them
/// (through [`Write`]).
pub struct Pieces<'a> {
    out: BufWriter<&'a mut dyn Write>,
    /// Bytes written so far.
    pos: u64,
    previous: Option<&'a Previous>,
    layout: Layout,
    copied: usize,
    buf: Vec<u8>,
}

impl<'a> Pieces<'a> {
    /// Writes into `out`, copying pieces from `previous` when given.
    pub fn new(out: &'a mut dyn Write, previous: Option<&'a Previous>) -> Pieces<'a> {
        Pieces {
            out: BufWriter::with_capacity(1 << 16, out),
            pos: 0,
            previous,
            layout: Vec::new(),
            copied: 0,
            buf: Vec::new(),
        }
    }

    /// Writes a piece: with a `fingerprint` the previous file holds, its bytes there;
    /// else the bytes `make` makes. Pieces without a fingerprint are not recorded.
    pub fn piece(
        &mut self,
        fingerprint: Option<Fingerprint>,
        make: impl FnOnce() -> io::Result<Vec<u8>>,
    ) -> io::Result<()> {
        let start = self.pos;
        let mut buf = std::mem::take(&mut self.buf);
        let copied = match (fingerprint, self.previous) {
            (Some(f), Some(previous)) => previous.read(&f, &mut buf),
            _ => false,
        };
        if copied {
            #[cfg(debug_assertions)]
            assert!(
                make()? == buf,
                "a piece copied from the previous file differs from the one made now: an input is \
                 missing from its fingerprint"
            );
            self.copied += 1;
            self.write_all(&buf)?;
        } else {
            self.write_all(&make()?)?;
        }
        self.buf = buf;
        if let Some(f) = fingerprint {
            self.layout.push((f, start..self.pos));
        }
        Ok(())
    }

    /// Flushes what is buffered; returns where each piece is and how many were copied.
    pub fn finish(mut self) -> io::Result<(Layout, usize)> {
        self.out.flush()?;
        Ok((self.layout, self.copied))
    }
}

impl Write for Pieces<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.pos += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(n: u8) -> Fingerprint {
        [n; 16]
    }

    /// Writes `head`, the pieces and `tail`; returns the bytes, layout and copies.
    fn write(previous: Option<&Previous>, pieces: &[(u8, &str)]) -> (Vec<u8>, Layout, usize) {
        let mut out = Vec::new();
        let mut w = Pieces::new(&mut out, previous);
        w.write_all(b"<head>").unwrap();
        for (n, text) in pieces {
            w.piece(Some(fp(*n)), || Ok(text.as_bytes().to_vec())).unwrap();
        }
        w.piece(None, || Ok(b"[unkeyed]".to_vec())).unwrap();
        w.write_all(b"</head>").unwrap();
        let (layout, copied) = w.finish().unwrap();
        (out, layout, copied)
    }

    #[test]
    fn the_layout_says_where_each_keyed_piece_is() {
        let (out, layout, copied) = write(None, &[(1, "<a/>"), (2, "<bb/>")]);
        assert_eq!(out, b"<head><a/><bb/>[unkeyed]</head>");
        assert_eq!(layout, vec![(fp(1), 6..10), (fp(2), 10..15)]);
        assert_eq!(copied, 0);
    }

    #[test]
    fn pieces_the_previous_file_holds_are_copied_from_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old");
        let (old, layout, _) = write(None, &[(1, "<a/>"), (2, "<bb/>")]);
        std::fs::write(&path, &old).unwrap();
        let previous = Previous::new(File::open(&path).unwrap(), &layout);
        // Piece 1 as before (copied), piece 3 new (made), piece 2 gone.
        let (out, layout, copied) = write(Some(&previous), &[(3, "<c/>"), (1, "<a/>")]);
        assert_eq!(out, b"<head><c/><a/>[unkeyed]</head>");
        assert_eq!(layout, vec![(fp(3), 6..10), (fp(1), 10..14)]);
        assert_eq!(copied, 1);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "missing from its fingerprint")]
    fn a_copied_piece_that_differs_from_a_made_one_panics_in_debug_builds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old");
        let (old, layout, _) = write(None, &[(1, "<a/>")]);
        std::fs::write(&path, &old).unwrap();
        let previous = Previous::new(File::open(&path).unwrap(), &layout);
        write(Some(&previous), &[(1, "<changed/>")]);
    }
}
