//! Bytes of a content file → UTF-8 text, naming the encoding when it is not UTF-8.
//!
//! Editors on Windows still save "Unicode" as UTF-16; the error should say so rather than
//! point at byte 0.

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// How many leading bytes the UTF-16 guess looks at.
const SNIFF: usize = 64;

/// `Some("little-endian")` or `Some("big-endian")` when `bytes` look like UTF-16: a byte
/// order mark, or ASCII text with a NUL in every other byte.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("little-endian"),
        [0xFE, 0xFF, ..] => return Some("big-endian"),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(SNIFF) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.chunks_exact(2);
    let n = pairs.len();
    let le = pairs.clone().filter(|p| p[0] != 0 && p[1] == 0).count();
    let be = pairs.filter(|p| p[0] == 0 && p[1] != 0).count();
    // Most of the pairs: UTF-16 text of any Latin-script language is mostly ASCII.
    if le * 4 >= n * 3 {
        Some("little-endian")
    } else if be * 4 >= n * 3 {
        Some("big-endian")
    } else {
        None
    }
}

/// The file's text, without a UTF-8 byte-order mark; a UTF-16 or otherwise non-UTF-8 file
/// is an error with a hint to re-save it as UTF-8.
pub fn decode<'a>(rel: &Path, bytes: &'a [u8]) -> Result<&'a str, Diagnostic> {
    if let Some(order) = utf16(bytes) {
        return Err(Diagnostic::error("not-utf8", rel, format!("the file is UTF-16 ({order}), not UTF-8"))
            .at(1, 1)
            .help("re-save it as UTF-8 (in most editors: Save As → Encoding → UTF-8)"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
        Diagnostic::error("not-utf8", rel, format!("file is not valid UTF-8 (byte {})", e.valid_up_to()))
            .at(line, 1)
            .help("save the file as UTF-8")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { vec![] };
        out.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn names_utf16_with_or_without_a_bom() {
        let p = Path::new("a.md");
        for bytes in [utf16le("---\ntitle: x\n", true), utf16le("---\ntitle: Zürich\n", false)] {
            let e = decode(p, &bytes).unwrap_err();
            assert_eq!(e.message, "the file is UTF-16 (little-endian), not UTF-8");
            assert!(e.help.unwrap().contains("UTF-8"));
        }
        let be: Vec<u8> = "---\ntitle: x\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(p, &be).unwrap_err().message, "the file is UTF-16 (big-endian), not UTF-8");
    }

    #[test]
    fn accepts_utf8_with_a_bom_and_locates_bad_bytes() {
        let p = Path::new("a.md");
        assert_eq!(decode(p, b"\xEF\xBB\xBF---\n").unwrap(), "---\n");
        let e = decode(p, b"---\ntitle: \xE9t\xE9\n").unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (Some(2), "file is not valid UTF-8 (byte 11)"));
        // A lone NUL is not UTF-16.
        assert_eq!(decode(p, b"---\ntitle: a\0b\n").unwrap(), "---\ntitle: a\0b\n");
    }
}
