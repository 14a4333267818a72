//! Writing a file as it is produced, for the exports that list every posting: they are
//! never whole in memory. Over a previous output, the bytes are compared with the old
//! file while they stream, and written (to the temporary file staged next to it) only
//! from the first difference on, after the equal start is copied from the old file; an
//! unchanged file is never written at all, as with pages held whole.

use super::pieces::{Out, Previous};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::ops::Range;
use std::path::Path;

/// What streaming a file did.
pub(super) struct Streamed {
    /// The file's length.
    pub len: u64,
    /// False when an old file held exactly these bytes and nothing was written.
    pub written: bool,
}

/// Streams `write`'s bytes into `temp`, unless `old` (when given and there) holds exactly
/// them. Leaves no `temp` behind when nothing was written or writing failed.
pub(super) fn write(
    old: Option<&Path>,
    temp: &Path,
    write: &mut dyn FnMut(&mut dyn Out) -> io::Result<()>,
) -> io::Result<Streamed> {
    let old_file = old.and_then(|p| File::open(p).ok().map(|f| (p, BufReader::new(f))));
    let mut w = Comparing { old: old_file, matched: 0, temp: None, temp_path: temp, scratch: Vec::new() };
    let result = write(&mut w).and_then(|()| w.finish());
    if result.is_err() || !result.as_ref().is_ok_and(|s| s.written) {
        drop(w.temp.take());
        let _ = std::fs::remove_file(temp);
    }
    result
}

/// A writer that compares with the old file until the first difference, then writes.
struct Comparing<'a> {
    /// The old file, read alongside, while every byte so far matched it.
    old: Option<(&'a Path, BufReader<File>)>,
    /// Bytes so far, all equal to the old file's start while `temp` is `None`.
    matched: u64,
    temp: Option<BufWriter<File>>,
    temp_path: &'a Path,
    scratch: Vec<u8>,
}

impl Comparing<'_> {
    /// Starts the temporary file with the `matched` bytes the old file starts with.
    fn diverge(&mut self) -> io::Result<&mut BufWriter<File>> {
        if self.temp.is_none() {
            let mut temp = BufWriter::new(File::create(self.temp_path)?);
            if let Some((path, _)) = self.old.take() {
                io::copy(&mut File::open(path)?.take(self.matched), &mut temp)?;
            }
            self.temp = Some(temp);
        }
        Ok(self.temp.as_mut().expect("just set"))
    }

    fn finish(&mut self) -> io::Result<Streamed> {
        if let Some((_, old)) = &mut self.old {
            // Equal so far: unchanged only if the old file ends here too.
            let mut byte = [0u8];
            if old.read(&mut byte)? == 0 {
                return Ok(Streamed { len: self.matched, written: false });
            }
        }
        let len = self.matched;
        let temp = self.diverge()?;
        temp.flush()?;
        Ok(Streamed { len, written: true })
    }
}

impl Write for Comparing<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some((_, old)) = &mut self.old {
            self.scratch.resize(buf.len(), 0);
            let same = read_full(old, &mut self.scratch)? == buf.len() && self.scratch == buf;
            if same {
                self.matched += buf.len() as u64;
                return Ok(buf.len());
            }
        }
        self.diverge()?.write_all(buf)?;
        self.matched += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.temp.as_mut().map_or(Ok(()), Write::flush)
    }
}

impl Out for Comparing<'_> {
    /// A run of the previous file's pieces where it was in that file, while everything
    /// so far matched it, is those same bytes: skipped, not read. Elsewhere it is copied
    /// file to file. `previous` is the old file this writer compares with.
    fn copy_from(&mut self, previous: &Previous, range: Range<u64>) -> io::Result<()> {
        let len = range.end - range.start;
        if let Some((_, old)) = &mut self.old
            && range.start == self.matched
        {
            old.seek_relative(i64::try_from(len).map_err(io::Error::other)?)?;
        } else {
            previous.copy_to(range, self.diverge()?)?;
        }
        self.matched += len;
        Ok(())
    }
}

/// Reads until `buf` is full or the file ends; how many bytes were read.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(old: Option<&[u8]>, new: &[&[u8]]) -> (Streamed, Option<Vec<u8>>) {
        let dir = tempfile::tempdir().unwrap();
        let (old_path, temp) = (dir.path().join("old"), dir.path().join("old.new"));
        if let Some(bytes) = old {
            std::fs::write(&old_path, bytes).unwrap();
        }
        let s = write(Some(&old_path), &temp, &mut |w| new.iter().try_for_each(|chunk| w.write_all(chunk)))
            .unwrap();
        (s, std::fs::read(&temp).ok())
    }

    #[test]
    fn an_unchanged_file_is_not_written() {
        let (s, temp) = stream(Some(b"abcdef"), &[b"abc", b"def"]);
        assert!(!s.written);
        assert_eq!((s.len, temp), (6, None));
    }

    #[test]
    fn a_change_writes_the_whole_file_with_the_equal_start_copied() {
        let (s, temp) = stream(Some(b"abcdef"), &[b"abc", b"dXf", b"gh"]);
        assert!(s.written);
        assert_eq!((s.len, temp.as_deref()), (8, Some(&b"abcdXfgh"[..])));
    }

    #[test]
    fn a_shorter_or_longer_file_counts_as_changed() {
        let (s, temp) = stream(Some(b"abcdef"), &[b"abc"]);
        assert_eq!((s.written, temp.as_deref()), (true, Some(&b"abc"[..])));
        let (s, temp) = stream(Some(b"abc"), &[b"abc", b"def"]);
        assert_eq!((s.written, temp.as_deref()), (true, Some(&b"abcdef"[..])));
    }

    /// Streams a file of the pieces `after` over a previous one of the pieces `before`
    /// (through [`Pieces::over`]); returns what streaming did, the file written if any,
    /// and the bytes the file must hold (made without a previous file).
    fn pieced(before: &[(u8, &str)], after: &[(u8, &str)]) -> (Streamed, Option<Vec<u8>>, Vec<u8>) {
        use super::super::pieces::Pieces;
        let write = |out: &mut dyn Out, previous: Option<&Previous>, pieces: &[(u8, &str)]| {
            let mut w = Pieces::over(out, previous);
            w.write_all(b"<head>")?;
            for (n, text) in pieces {
                w.piece(Some([*n; 16]), || Ok(text.as_bytes().to_vec()))?;
            }
            w.write_all(b"</head>")?;
            w.finish()
        };
        let dir = tempfile::tempdir().unwrap();
        let (old, temp) = (dir.path().join("old"), dir.path().join("old.new"));
        let mut old_bytes = Vec::new();
        let (layout, _) = write(&mut old_bytes, None, before).unwrap();
        std::fs::write(&old, &old_bytes).unwrap();
        let previous = Previous::new(File::open(&old).unwrap(), &layout);
        let s =
            super::write(Some(&old), &temp, &mut |out| write(out, Some(&previous), after).map(drop)).unwrap();
        let mut expected = Vec::new();
        write(&mut expected, None, after).unwrap();
        (s, std::fs::read(&temp).ok(), expected)
    }

    #[test]
    fn pieces_copied_where_they_were_leave_the_file_unwritten() {
        let before = [(1, "<a/>"), (2, "<bb/>"), (3, "<c/>")];
        let (s, temp, expected) = pieced(&before, &before);
        assert!(!s.written && temp.is_none());
        assert_eq!(s.len, expected.len() as u64);
    }

    #[test]
    fn pieces_after_a_change_or_moved_are_copied_into_the_new_file() {
        let before = [(1, "<a/>"), (2, "<bb/>"), (3, "<c/>"), (4, "<d/>")];
        // Piece 2 is made again, longer: 3 and 4 come later than they were.
        let (s, temp, expected) = pieced(&before, &[(1, "<a/>"), (5, "<bbbb/>"), (3, "<c/>"), (4, "<d/>")]);
        assert!(s.written);
        assert_eq!(temp, Some(expected));
        // Reordered, nothing made.
        let (s, temp, expected) = pieced(&before, &[(4, "<d/>"), (1, "<a/>"), (2, "<bb/>"), (3, "<c/>")]);
        assert!(s.written);
        assert_eq!(temp, Some(expected));
        // The same pieces and one fewer at the end.
        let (s, temp, expected) = pieced(&before, &before[..3]);
        assert!(s.written);
        assert_eq!(temp, Some(expected));
    }

    #[test]
    fn without_an_old_file_everything_is_written() {
        let (s, temp) = stream(None, &[b"abc", b"def"]);
        assert_eq!((s.written, s.len, temp.as_deref()), (true, 6, Some(&b"abcdef"[..])));
    }
}
