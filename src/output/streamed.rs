//! Writing a file as it is produced, for the exports that list every posting: they are
//! never whole in memory. Over a previous output, the bytes are compared with the old
//! file while they stream, and written (to the temporary file staged next to it) only
//! from the first difference on, after the equal start is copied from the old file; an
//! unchanged file is never written at all, as with pages held whole.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
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
    write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
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

    #[test]
    fn without_an_old_file_everything_is_written() {
        let (s, temp) = stream(None, &[b"abc", b"def"]);
        assert_eq!((s.written, s.len, temp.as_deref()), (true, 6, Some(&b"abcdef"[..])));
    }
}
