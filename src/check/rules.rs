//! Editorial rules about one posting: dates, pay, length and the title.
//!
//! None of these stop a build: a posting that closes tomorrow or has a short description
//! is valid, just worth a second look before it goes live. The one exception is a missing
//! salary on a site that sets `require_salary`, which is an error because pay-transparency
//! laws make it one.

use crate::config::{Config, ExpiredPolicy};
use crate::content::fields::format_amount;
use crate::content::posting::Posting;
use crate::diagnostic::Diagnostic;
use jiff::Timestamp;

/// Runs every editorial rule on `p` at `now`.
pub fn check(p: &Posting, config: &Config, now: Timestamp) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    closing(p, config, now, &mut out);
    salary(p, config, &mut out);
    words(p, config, &mut out);
    title(p, &mut out);
    out
}

/// Expired postings, and postings about to close.
fn closing(p: &Posting, config: &Config, now: Timestamp, out: &mut Vec<Diagnostic>) {
    let Some(closes) = p.closes else { return };
    let tz = &config.timezone;
    let date = closes.iso(tz);
    if p.is_expired(now) {
        let page = match config.expired {
            ExpiredPolicy::Notice => "its page stays up, marked as closed",
            ExpiredPolicy::Remove => "its page is removed",
        };
        out.push(
            p.doc()
                .warning("expired", "closes", "expired, will not be listed")
                .help(format!(
                    "it closed on {date} and {page}; move `closes` later if the role is still open, or delete the file"
                )),
        );
        return;
    }
    let days = (closes.date(tz) - now.to_zoned_datetime(tz.clone()).date()).get_days();
    if i64::from(days) > config.check.closing_soon_days {
        return;
    }
    let when = match days {
        ..=0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        n => format!("in {n} days"),
    };
    out.push(
        p.doc()
            .warning("closing-soon", "closes", format!("closes {when} ({date})"))
            .help(format!(
                "move `closes` later if the role is still open (this warning starts {} days before; `check.closing_soon_days` in config.yaml)",
                config.check.closing_soon_days
            )),
    );
}

/// A missing salary where the site requires one, and ranges too wide to mean much.
fn salary(p: &Posting, config: &Config, out: &mut Vec<Diagnostic>) {
    let Some(salary) = &p.salary else {
        if config.require_salary {
            out.push(
                p.doc()
                    .error("salary-required", "salary", "missing salary")
                    .help("config.yaml sets `require_salary: true`, as pay-transparency laws require a pay range: add e.g. `salary: {min: 120000, max: 150000, currency: USD, period: year}`"),
            );
        }
        return;
    };
    let ratio = config.check.max_salary_ratio;
    if let (Some(min), Some(max)) = (salary.min, salary.max)
        && max > min * ratio
    {
        out.push(
            p.doc()
                .warning(
                    "salary-range",
                    "salary.max",
                    format!(
                        "max ({}) is more than {ratio}× min ({})",
                        format_amount(max),
                        format_amount(min)
                    ),
                )
                .help("a range this wide says little about the pay, and pay-transparency laws expect a good-faith range; narrow it, or raise `check.max_salary_ratio` in config.yaml"),
        );
    }
}

/// Short descriptions: candidates and search engines both pass them over.
fn words(p: &Posting, config: &Config, out: &mut Vec<Diagnostic>) {
    let min = config.check.min_words;
    if p.body.words >= min {
        return;
    }
    let n = p.body.words;
    out.push(
        Diagnostic::warning(
            "short-description",
            &p.source,
            format!(
                "description is short: {n} word{} (at least {min} expected)",
                if n == 1 { "" } else { "s" }
            ),
        )
        .at(p.body_line(), 1)
        .help("describe the role, the team, what you look for and the benefits; `check.min_words` in config.yaml sets the threshold"),
    );
}

/// Titles are for the job alone: Google's guidelines reject pay or places in them, and
/// both are shown from their own fields anyway.
fn title(p: &Posting, out: &mut Vec<Diagnostic>) {
    if let Some(found) = salary_in(&p.title) {
        out.push(
            title_warning(p, "title-salary", "salary", found)
                .help("put the pay in `salary:`; the page and Google show it from there"),
        );
    }
    if let Some(found) = location_in(p) {
        out.push(
            title_warning(p, "title-location", "location", found)
                .help("the location is shown from `location:`; keep the title to the job itself"),
        );
    }
}

fn title_warning(p: &Posting, rule: &'static str, what: &str, found: &str) -> Diagnostic {
    let doc = p.doc();
    Diagnostic {
        line: None,
        column: None,
        ..doc.warning(rule, "title", format!("title mentions a {what} (\"{found}\")"))
    }
    .at_opt(doc.needle_pos("title", found))
}

const CURRENCY_SYMBOLS: &[char] = &['$', '€', '£', '¥', '₹', '₩', '₽', '₺', '₪', '₫', '฿', '₱'];

/// The first pay-like text in `title`: a currency symbol or ISO code next to a number
/// ("$120,000", "EUR 60k", "90.000 €"), or a number in thousands ("120k").
pub fn salary_in(title: &str) -> Option<&str> {
    let tokens = tokens(title);
    for (i, &(start, tok)) in tokens.iter().enumerate() {
        let near_number = |j: Option<usize>| j.and_then(|j| tokens.get(j)).is_some_and(|&(_, t)| money(t));
        let symbol = tok.starts_with(CURRENCY_SYMBOLS) || tok.ends_with(CURRENCY_SYMBOLS);
        let symbol_with_digits = symbol && tok.contains(|c: char| c.is_ascii_digit());
        let code = tok.len() == 3
            && tok.chars().all(|c| c.is_ascii_uppercase())
            && crate::content::fields::currency(tok).is_some();
        // Two digits at least, so "4K Video Engineer" is not pay.
        let thousands = tok.len() >= 3 && money(tok) && tok.ends_with(['k', 'K']);
        if symbol_with_digits
            || thousands
            || ((symbol || code) && (near_number(i.checked_sub(1)) || near_number(Some(i + 1))))
        {
            return Some(&title[start..start + tok.len()]);
        }
    }
    None
}

/// An amount: "120,000", "90.000", "60k" (but not "3D" or "2nd").
fn money(t: &str) -> bool {
    let digits = t.trim_end_matches(['k', 'K']);
    digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// Splits on spaces, dashes and brackets, keeping `$`, digits, `,` and `.` together.
fn tokens(s: &str) -> Vec<(usize, &str)> {
    let is_sep = |c: char| c.is_whitespace() || "()[]/|–—:;".contains(c) || c == '-';
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (is_sep(c), start) {
            (true, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    // "120k," or "Berlin," at the end of a clause: the punctuation is not part of the word.
    out.into_iter()
        .map(|(i, t)| (i, t.trim_end_matches([',', '.', '!'])))
        .filter(|(_, t)| !t.is_empty())
        .collect()
}

/// The first place from the posting's own location named in its title: "remote", a city,
/// or a country of its places or remote countries.
fn location_in(p: &Posting) -> Option<&str> {
    let loc = &p.location;
    let mut names: Vec<&str> = vec!["remote"];
    for place in &loc.places {
        names.extend(place.city.as_deref());
        names.push(place.country.name());
    }
    // A region such as `worldwide` expands to every country; its names are no signal.
    if loc.countries.len() <= 5 {
        names.extend(loc.countries.iter().map(|c| c.name()));
    }
    names.into_iter().find_map(|n| find_word(&p.title, n))
}

/// `word` in `text` as a whole word, case-insensitively; returns the text as written.
pub fn find_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let word = word.trim();
    if word.is_empty() {
        return None;
    }
    let lower = text.to_lowercase();
    let needle = word.to_lowercase();
    // Lowercasing can change byte lengths (rare); then positions no longer line up.
    let same_layout = lower.len() == text.len();
    let mut from = 0;
    while let Some(i) = lower[from..].find(&needle) {
        let at = from + i;
        let end = at + needle.len();
        let before = lower[..at].chars().next_back();
        let after = lower[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(if same_layout { &text[at..end] } else { text });
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_pay_in_titles() {
        assert_eq!(salary_in("Rust Engineer ($120k)"), Some("$120k"));
        assert_eq!(salary_in("Rust Engineer – 90.000 €"), Some("€"));
        assert_eq!(salary_in("Rust Engineer, EUR 60,000"), Some("EUR"));
        assert_eq!(salary_in("Rust Engineer 120K"), Some("120K"));
        assert_eq!(salary_in("Senior Rust Engineer"), None);
        assert_eq!(salary_in("K8s Platform Engineer II"), None);
        assert_eq!(salary_in("Y2K Migration Lead"), None);
        assert_eq!(salary_in("CEO Office Assistant 2"), None);
        assert_eq!(salary_in("CAD 3D Designer"), None);
        assert_eq!(salary_in("4K Video Engineer"), None);
    }

    #[test]
    fn finds_whole_words_only() {
        assert_eq!(find_word("Engineer (Remote)", "remote"), Some("Remote"));
        assert_eq!(find_word("Remoteness Analyst", "remote"), None);
        assert_eq!(find_word("Barista, Zürich", "zürich"), Some("Zürich"));
        assert_eq!(find_word("New Yorker Editor", "New York"), None);
    }
}
