//! Splits a posting file into its YAML front matter and Markdown body.

/// The two halves of a posting file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Number of file lines before the YAML text (the opening `---` and anything above).
    pub yaml_offset: usize,
    pub body: &'a str,
}

/// Why a file has no usable front matter.
#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `---` line.
    Missing,
    /// There is an opening `---` but no closing one.
    Unclosed,
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits `text` at its `---` fences. A UTF-8 byte-order mark and CRLF endings are accepted.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if is_fence(first) => {}
        _ => return Err(SplitError::Missing),
    }
    let yaml_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut pos = yaml_start;
    for line in lines {
        if is_fence(line) || line.trim_end() == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                yaml_offset: 1,
                body: &text[pos + line.len()..],
            });
        }
        pos += line.len();
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body() {
        let s = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.yaml_offset, 1);
    }

    #[test]
    fn accepts_bom_crlf_and_empty_body() {
        let s = split("\u{feff}---\r\ntitle: A\r\n---\r\n").unwrap();
        assert_eq!(s.yaml, "title: A\r\n");
        assert_eq!(s.body, "");
    }

    #[test]
    fn a_dashed_rule_in_the_body_stays_in_the_body() {
        let s = split("---\na: 1\n---\nx\n---\ny\n").unwrap();
        assert_eq!(s.body, "x\n---\ny\n");
    }

    #[test]
    fn reports_missing_and_unclosed_front_matter() {
        assert_eq!(split("title: A\n"), Err(SplitError::Missing));
        assert_eq!(split(""), Err(SplitError::Missing));
        assert_eq!(split("---\ntitle: A\n"), Err(SplitError::Unclosed));
        assert_eq!(split("----\n"), Err(SplitError::Missing));
    }
}
