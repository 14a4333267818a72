//! Hostile and careless input as a stranger's pull request brings it: each adversarial file
//! is refused by the limit that trips before the expensive work, and the diagnostic says
//! which limit and where. No test measures time; the limits make the work bounded.

mod common;

use common::{NOW, site_copy, stderr, vacancy};

/// Front matter of a valid posting (7 lines, file lines 2–8), for the files below.
const FIELDS: &str = "title: Hostile\ncompany: {name: Initech, url: \"https://initech.example\"}\ncategory: sales\nemployment_type: FULL_TIME\nlocation: {places: [{city: Paris, country: FR}]}\nposted: 2026-11-10\napply: https://initech.example/jobs/9\n";

/// Runs `check` on the minimal site plus one posting file `name` with `bytes`; returns stderr.
fn check_with(name: &str, bytes: &[u8]) -> String {
    let dir = site_copy("minimal");
    std::fs::write(dir.path().join("content/jobs").join(name), bytes).unwrap();
    let out = vacancy(&["check", "--root", dir.path().to_str().unwrap(), "--now", NOW]);
    stderr(&out)
}

/// The diagnostics (with help) stderr reports for `file`.
fn about(err: &str, file: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut ours = false;
    for line in err.lines() {
        if line.starts_with("  help:") {
            if let Some(last) = out.last_mut().filter(|_| ours) {
                last.push('\n');
                last.push_str(line);
            }
        } else {
            ours = line.contains(file);
            if ours {
                out.push(line.to_string());
            }
        }
    }
    out
}

#[test]
fn deeply_nested_yaml_is_refused_by_the_depth_prescan() {
    let file = format!("---\n{FIELDS}extra: {}{}\n---\nBody.\n", "[".repeat(5000), "]".repeat(5000));
    let err = check_with("nest.md", file.as_bytes());
    assert_eq!(
        about(&err, "nest.md"),
        [
            "error: content/jobs/nest.md:9:40: extra: YAML nested more than 32 levels deep\n  help: front matter fields nest a few levels at most; look for unbalanced `[` or `{`"
        ]
    );
}

#[test]
fn two_hundred_kb_of_brackets_is_refused_by_the_front_matter_size_limit() {
    let file = format!("---\n{FIELDS}extra: {}{}\n---\nBody.\n", "[".repeat(100_000), "]".repeat(100_000));
    let err = check_with("brackets.md", file.as_bytes());
    let d = about(&err, "brackets.md");
    assert_eq!(d.len(), 1, "{err}");
    let col = 65536 - FIELDS.len() + 1;
    assert!(
        d[0].starts_with(&format!("error: content/jobs/brackets.md:9:{col}: the front matter is over 64 KB")),
        "{d:?}"
    );
}

#[test]
fn alias_bombs_are_refused_with_a_line() {
    let mut yaml = String::from("extra:\n  a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (name, prev) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e"), ("g", "f")] {
        yaml.push_str(&format!("  {name}: &{name} [{}]\n", vec![format!("*{prev}"); 9].join(", ")));
    }
    let err = check_with("laughs.md", format!("---\n{FIELDS}{yaml}---\nBody.\n").as_bytes());
    // Lines b–e hold 9 aliases each (36): the 33rd is the 6th on `e:`, file line 14.
    let d = about(&err, "laughs.md");
    assert_eq!(d.len(), 1, "{err}");
    assert!(
        d[0].starts_with("error: content/jobs/laughs.md:14:30: extra.e: more than 32 YAML aliases"),
        "{d:?}"
    );
}

#[test]
fn alias_bombs_under_the_alias_count_are_refused_at_the_first_alias_with_its_field() {
    // 30 aliases, each level doubling the one before: 2^16 values from a few lines, which
    // the YAML parser refuses past its repetition limit.
    let mut yaml = String::from("extra:\n  l0: &l0 [x, x]\n");
    for i in 1..16 {
        yaml.push_str(&format!("  l{i}: &l{i} [*l{}, *l{}]\n", i - 1, i - 1));
    }
    let err = check_with("doubling.md", format!("---\n{FIELDS}{yaml}---\nBody.\n").as_bytes());
    assert_eq!(
        about(&err, "doubling.md"),
        [
            "error: content/jobs/doubling.md:11:12: extra.l1: YAML aliases (`*name`) expand to a document too large to read\n  help: write the values out; aliases that repeat each other multiply the document (\"billion laughs\")"
        ]
    );
}

#[test]
fn control_characters_in_values_are_refused_at_their_field() {
    let file = format!("---\n{FIELDS}summary: \"Nul \\0 and bell \\a\"\n---\nBody.\n");
    let err = check_with("nul.md", file.as_bytes());
    let d = about(&err, "nul.md");
    assert_eq!(d.len(), 1, "{err}");
    assert!(
        d[0].starts_with(
            "error: content/jobs/nul.md:9:10: summary: the value contains the control character U+0000"
        ),
        "{d:?}"
    );
}

#[test]
fn control_characters_in_a_body_are_refused_at_their_line() {
    // A NUL pasted into the description would be a parse error on the page and make the
    // site feed, which carries the body, invalid XML.
    let file = format!("---\n{FIELDS}---\nFirst line.\n\nSecond \u{0} line.\n");
    let err = check_with("nul-body.md", file.as_bytes());
    let d = about(&err, "nul-body.md");
    assert_eq!(d.len(), 1, "{err}");
    assert!(
        d[0].starts_with(
            "error: content/jobs/nul-body.md:12:8: the description contains the control character U+0000"
        ),
        "{d:?}"
    );
}

#[test]
fn many_keys_are_refused_by_the_front_matter_size_limit() {
    let keys: String = (0..20_000).map(|i| format!("  k{i}: v\n")).collect();
    let err = check_with("keys.md", format!("---\n{FIELDS}extra:\n{keys}---\nBody.\n").as_bytes());
    let d = about(&err, "keys.md");
    assert_eq!(d.len(), 1, "{err}");
    assert!(d[0].contains(": the front matter is over 64 KB"), "{d:?}");
}

#[test]
fn bodies_warn_when_long_and_fail_when_huge() {
    let long = format!("---\n{FIELDS}---\n{}\n", "Long text here. ".repeat(7_000));
    let err = check_with("long.md", long.as_bytes());
    let d = about(&err, "long.md");
    assert!(
        d.iter().any(|l| l
            .starts_with("warning: content/jobs/long.md:10:1: the description is 109 KB, more than 100 KB")),
        "{d:?}"
    );
    assert!(!d.iter().any(|l| l.starts_with("error")), "{d:?}");
    // One line of 1.5 MB: a huge body and a huge line at once.
    let huge = format!("---\n{FIELDS}---\n{}\n", "x".repeat(1_500_000));
    let err = check_with("huge.md", huge.as_bytes());
    assert_eq!(
        about(&err, "huge.md"),
        [
            "error: content/jobs/huge.md:10:1: the description is 1464 KB, over the limit of 1024 KB\n  help: a posting is read in a few minutes; link to long documents instead of pasting them"
        ]
    );
}

#[test]
fn files_over_the_read_limit_are_not_read() {
    let file = format!("---\n{FIELDS}---\n{}\n", "y".repeat(3 * 1024 * 1024));
    let err = check_with("giant.md", file.as_bytes());
    let d = about(&err, "giant.md");
    assert!(
        d[0].starts_with("error: content/jobs/giant.md:1:1: the file is 3072 KB, over the limit of 2048 KB"),
        "{d:?}"
    );
}

#[test]
fn utf16_files_are_named_as_utf16_and_a_utf8_bom_is_accepted() {
    let text = format!("---\n{FIELDS}---\nBody.\n");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(
        about(&check_with("wide.md", &utf16), "wide.md"),
        [
            "error: content/jobs/wide.md:1:1: the file is UTF-16 (little-endian), not UTF-8\n  help: re-save it as UTF-8 (in most editors: Save As → Encoding → UTF-8)"
        ]
    );
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(text.as_bytes());
    let err = check_with("bom.md", &bom);
    assert!(!about(&err, "bom.md").iter().any(|l| l.starts_with("error")), "{err}");
    assert!(
        about(&err, "bom.md").iter().any(|l| l.contains("bom.md:10:1")),
        "body line counted from the file start: {err}"
    );
}

#[test]
fn company_files_have_the_same_limits() {
    let dir = site_copy("minimal");
    let companies = dir.path().join("content/companies");
    std::fs::create_dir_all(&companies).unwrap();
    let nested = format!("name: Deep\nextra: {}{}\n", "{a: ".repeat(100), "}".repeat(100));
    std::fs::write(companies.join("deep.yaml"), nested).unwrap();
    let wide: Vec<u8> = "name: Wide\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(companies.join("wide.yaml"), wide).unwrap();
    let err = stderr(&vacancy(&["check", "--root", dir.path().to_str().unwrap(), "--now", NOW]));
    assert!(err.contains("error: content/companies/deep.yaml:2:"), "{err}");
    assert!(about(&err, "deep.yaml")[0].contains("YAML nested more than 32 levels deep"), "{err}");
    assert!(
        err.contains("error: content/companies/wide.yaml:1:1: the file is UTF-16 (little-endian), not UTF-8"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn symlinked_postings_are_published_once_and_never_from_outside_the_site() {
    use std::os::unix::fs::symlink;
    let dir = site_copy("minimal");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.md"), format!("---\n{FIELDS}---\nBody.\n")).unwrap();
    let jobs = dir.path().join("content/jobs");
    symlink(jobs.join("sales-lead.md"), jobs.join("sales-lead-again.md")).unwrap();
    symlink(outside.path().join("x.md"), jobs.join("outside.md")).unwrap();
    symlink(jobs.join("nothing.md"), jobs.join("dangling.md")).unwrap();
    let out = common::build(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: content/jobs/sales-lead-again.md:1:1: is a link to content/jobs/sales-lead.md, which is already read; a file is published once"),
        "{err}"
    );
    assert!(err.contains("error: content/jobs/outside.md:1:1: is a symbolic link to \""), "{err}");
    assert!(err.contains("error: content/jobs/dangling.md:1:1: is a symbolic link to \""), "{err}");
    assert!(err.contains("nothing.md\", which does not exist"), "{err}");
    assert!(!dir.path().join("public").exists(), "a refused link fails the build before output");
}

#[test]
fn check_warns_on_what_sanitising_removed_with_file_and_line() {
    let body = "Intro with <b>bold</b>.\n\n<script>window.__pwned = 1</script>\n\nMore.\n\n<img src=x onerror=\"window.__pwned=1\">\n\n<a href=\"javascript:alert(1)\">x</a>\n";
    let err = check_with("tricky.md", format!("---\n{FIELDS}---\n{body}").as_bytes());
    let d: Vec<String> = about(&err, "tricky.md").into_iter().filter(|l| l.contains("sanitiser")).collect();
    let lines: Vec<&str> = d.iter().map(|l| l.split('\n').next().unwrap()).collect();
    assert_eq!(
        lines,
        [
            "warning: content/jobs/tricky.md:12:1: body: raw HTML: the sanitiser removed <script>",
            "warning: content/jobs/tricky.md:16:1: body: raw HTML: the sanitiser removed the `onerror` attribute of <img>",
            "warning: content/jobs/tricky.md:18:1: body: raw HTML: the sanitiser removed the `href` attribute of <a>",
        ],
        "{err}"
    );
    assert!(
        d[0].contains("help: posting and page bodies keep headings, paragraphs, lists, links"),
        "{}",
        d[0]
    );
}

#[test]
fn pages_and_the_intro_are_sanitised_like_postings() {
    let dir = site_copy("minimal");
    let pages = dir.path().join("content/pages");
    std::fs::create_dir_all(&pages).unwrap();
    let body = "About us, <b>briefly</b>.\n\n<script>window.__pwned = 1</script>\n";
    std::fs::write(pages.join("about.md"), format!("---\ntitle: About\n---\n{body}")).unwrap();
    std::fs::write(
        dir.path().join("content/_index.md"),
        "Welcome <iframe src=\"https://evil.example/\"></iframe>\n",
    )
    .unwrap();
    let out = common::build(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning: content/pages/about.md:6:1: body: raw HTML: the sanitiser removed <script>"),
        "{err}"
    );
    assert!(
        err.contains("warning: content/_index.md:1:9: body: raw HTML: the sanitiser removed <iframe>"),
        "{err}"
    );
    let about = std::fs::read_to_string(dir.path().join("public/about/index.html")).unwrap();
    assert!(about.contains("<b>briefly</b>") && !about.contains("__pwned"), "{about}");
    let home = std::fs::read_to_string(dir.path().join("public/index.html")).unwrap();
    assert!(home.contains("Welcome") && !home.contains("evil.example"), "{home}");
}

#[test]
fn pages_have_the_postings_limits_and_encoding_rules() {
    let dir = site_copy("minimal");
    let pages = dir.path().join("content/pages");
    std::fs::create_dir_all(&pages).unwrap();
    let nested =
        format!("---\ntitle: Deep\nextra: {{a: {}{}}}\n---\nText.\n", "[".repeat(40), "]".repeat(40));
    std::fs::write(pages.join("deep.md"), nested).unwrap();
    let huge = format!("---\ntitle: Huge\n---\n{}", "Words and more words.\n".repeat(60_000));
    std::fs::write(pages.join("huge.md"), huge).unwrap();
    let wide: Vec<u8> =
        "\u{feff}---\ntitle: Wide\n---\nText.\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(pages.join("wide.md"), wide).unwrap();
    let err = stderr(&vacancy(&["check", "--root", dir.path().to_str().unwrap(), "--now", NOW]));
    assert_eq!(
        about(&err, "deep.md"),
        [
            "error: content/pages/deep.md:3:43: extra: YAML nested more than 32 levels deep\n  help: front matter fields nest a few levels at most; look for unbalanced `[` or `{`"
        ],
        "{err}"
    );
    assert!(
        err.contains(
            "error: content/pages/huge.md:4:1: the description is 1289 KB, over the limit of 1024 KB"
        ),
        "{err}"
    );
    assert!(
        err.contains("error: content/pages/wide.md:1:1: the file is UTF-16 (little-endian), not UTF-8"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn pages_and_the_intro_may_not_link_outside_the_site() {
    use std::os::unix::fs::symlink;
    let dir = site_copy("minimal");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "---\ntitle: Secret\n---\nText.\n").unwrap();
    let pages = dir.path().join("content/pages");
    std::fs::create_dir_all(&pages).unwrap();
    symlink(outside.path().join("secret.md"), pages.join("secret.md")).unwrap();
    symlink(outside.path().join("secret.md"), dir.path().join("content/_index.md")).unwrap();
    let out = common::build(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error: content/pages/secret.md:1:1: is a symbolic link to \""), "{err}");
    assert!(err.contains("error: content/_index.md:1:1: is a symbolic link to \""), "{err}");
    assert!(!dir.path().join("public").exists(), "a refused link fails the build before output");
}
