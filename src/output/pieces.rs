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

    /// Where the piece `fingerprint` is in the file, when the file has it.
    fn range(&self, fingerprint: &Fingerprint) -> Option<Range<u64>> {
        self.pieces.get(fingerprint).cloned()
    }

    /// Reads the bytes at `range` into `buf`.
    fn read(&self, range: Range<u64>, buf: &mut Vec<u8>) -> io::Result<()> {
        let len = usize::try_from(range.end - range.start).map_err(io::Error::other)?;
        buf.resize(len, 0);
        crate::content::body::read_exact_at(&self.file, buf, range.start)
    }

    /// Copies the bytes at `range` into `to`; the kernel copies them file to file where
    /// it can (`copy_file_range`), so they never pass through this process.
    pub(super) fn copy_to(&self, range: Range<u64>, to: &mut BufWriter<File>) -> io::Result<()> {
        use std::io::{Read, Seek, SeekFrom};
        // A second handle on the file: its reads elsewhere are positioned (`read_at`).
        let mut file = self.file.try_clone()?;
        file.seek(SeekFrom::Start(range.start))?;
        let len = range.end - range.start;
        match io::copy(&mut file.take(len), to)? == len {
            true => Ok(()),
            false => Err(io::ErrorKind::UnexpectedEof.into()),
        }
    }
}

/// The most bytes of a run of copied pieces read at once.
const CHUNK: u64 = 1 << 20;

/// Where a file made of pieces goes: its bytes, and runs of the previous file's bytes,
/// which a writer comparing with that file copies without reading them
/// ([`super::streamed`]).
pub trait Out: Write {
    /// Writes the bytes at `range` of `previous`'s file.
    fn copy_from(&mut self, previous: &Previous, range: Range<u64>) -> io::Result<()> {
        let mut buf = Vec::new();
        let mut at = range.start;
        while at < range.end {
            let end = range.end.min(at + CHUNK);
            previous.read(at..end, &mut buf)?;
            self.write_all(&buf)?;
            at = end;
        }
        Ok(())
    }
}

impl<T: Out + ?Sized> Out for &mut T {
    fn copy_from(&mut self, previous: &Previous, range: Range<u64>) -> io::Result<()> {
        (**self).copy_from(previous, range)
    }
}

/// Any writer as an [`Out`]: copied runs are read and written.
struct Plain<'a>(&'a mut dyn Write);

impl Write for Plain<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl Out for Plain<'_> {}

impl Out for Vec<u8> {}

/// A writer of a file made of pieces ([`Pieces::piece`]) and the bytes between them
/// (through [`Write`]).
pub struct Pieces<'a> {
    out: BufWriter<Box<dyn Out + 'a>>,
    /// Bytes written so far, counting the pending run.
    pos: u64,
    previous: Option<&'a Previous>,
    layout: Layout,
    copied: usize,
    /// Copied pieces not yet written, which follow each other in the previous file: an
    /// unchanged stretch of the file goes to `out` as one run ([`Out::copy_from`]), not
    /// piece by piece (10,000 reads of the Indeed feed at 10,000 postings).
    run: Option<Range<u64>>,
}

impl<'a> Pieces<'a> {
    /// Writes into `out`, copying pieces from `previous` when given.
    pub fn new(out: &'a mut dyn Write, previous: Option<&'a Previous>) -> Pieces<'a> {
        Self::into_out(Box::new(Plain(out)), previous)
    }

    /// Writes into `out`, which copies the runs of pieces taken from `previous`.
    pub(super) fn over(out: &'a mut dyn Out, previous: Option<&'a Previous>) -> Pieces<'a> {
        Self::into_out(Box::new(out), previous)
    }

    fn into_out(out: Box<dyn Out + 'a>, previous: Option<&'a Previous>) -> Pieces<'a> {
        Pieces {
            out: BufWriter::with_capacity(1 << 16, out),
            pos: 0,
            previous,
            layout: Vec::new(),
            copied: 0,
            run: None,
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
        let old =
            fingerprint.zip(self.previous).and_then(|(f, previous)| Some((previous, previous.range(&f)?)));
        match old {
            Some((_previous, range)) => {
                #[cfg(debug_assertions)]
                {
                    let mut old = Vec::new();
                    _previous.read(range.clone(), &mut old)?;
                    assert!(
                        make()? == old,
                        "a piece copied from the previous file differs from the one made now: an input \
                         is missing from its fingerprint"
                    );
                }
                self.pos += range.end - range.start;
                self.copied += 1;
                match &mut self.run {
                    Some(run) if run.end == range.start => run.end = range.end,
                    _ => {
                        self.write_run()?;
                        self.run = Some(range);
                    }
                }
            }
            None => self.write_all(&make()?)?,
        }
        if let Some(f) = fingerprint {
            self.layout.push((f, start..self.pos));
        }
        Ok(())
    }

    /// Writes the pending run of copied pieces from the previous file.
    fn write_run(&mut self) -> io::Result<()> {
        let (Some(run), Some(previous)) = (self.run.take(), self.previous) else { return Ok(()) };
        self.out.flush()?;
        self.out.get_mut().copy_from(previous, run)
    }

    /// Flushes what is buffered; returns where each piece is and how many were copied.
    pub fn finish(mut self) -> io::Result<(Layout, usize)> {
        self.write_run()?;
        self.out.flush()?;
        Ok((self.layout, self.copied))
    }
}

impl Write for Pieces<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_run()?;
        let n = self.out.write(buf)?;
        self.pos += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.write_run()?;
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
    fn runs_of_copied_pieces_come_out_whole_and_in_the_new_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old");
        // Piece 3 spans several of the reads a run is copied in.
        let big = "x".repeat(usize::try_from(CHUNK).unwrap() * 2 + 3);
        let before = [(1, "<a/>"), (2, "<bb/>"), (3, big.as_str()), (4, "<d/>"), (5, "<e/>")];
        let (old, layout, _) = write(None, &before);
        std::fs::write(&path, &old).unwrap();
        let previous = Previous::new(File::open(&path).unwrap(), &layout);
        // 1-2 and 4-5 stay runs; 6 is new between them; 3 moves to the end.
        let after = [(1, "<a/>"), (2, "<bb/>"), (6, "<f/>"), (4, "<d/>"), (5, "<e/>"), (3, big.as_str())];
        let (out, layout, copied) = write(Some(&previous), &after);
        let (expected, expected_layout, _) = write(None, &after);
        assert_eq!(out, expected);
        assert_eq!(layout, expected_layout);
        assert_eq!(copied, 5);
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
