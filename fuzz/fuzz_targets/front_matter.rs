//! The front-matter parser on any bytes: decoding, splitting, the limit pre-scans and the
//! YAML parser. It must never panic, and any text the pre-scan lets through must parse
//! quickly (libFuzzer's `-timeout` turns a slow input into a crash).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use vacancy::content::{encoding, front_matter, limits};
use vacancy::yaml::YamlDoc;

fuzz_target!(|bytes: &[u8]| {
    let rel = Path::new("content/jobs/fuzz.md");
    let Ok(text) = encoding::decode(rel, bytes) else { return };
    let Ok(parts) = front_matter::split(text) else { return };
    if limits::front_matter(rel, parts.yaml, parts.yaml_offset + 1).is_some() {
        return;
    }
    let doc = YamlDoc::new(rel, parts.yaml, parts.yaml_offset);
    if let Err(d) = doc.parse() {
        // A syntax error points into the file (or at no line at all), never past its end.
        // Lines as YAML counts them: LF, CRLF or a lone CR (old Mac files) ends one.
        let lone_cr = text.as_bytes().windows(2).filter(|w| w[0] == b'\r' && w[1] != b'\n').count();
        let lines = text.matches('\n').count() + lone_cr + usize::from(text.ends_with('\r')) + 1;
        assert!(d.line.is_none_or(|l| l <= lines + 1), "{d} beyond line {lines}");
    }
});
