//! Posting dates: date-only or date-time values, "now", and their display forms.
//!
//! Date-only values are read in the site's time zone: a posting `posted: 2026-11-20` goes
//! live at midnight there, and `closes: 2027-01-20` stays open through that whole day.

use anyhow::{Context, Result};
use jiff::{Timestamp, civil::Date, tz::TimeZone};

/// A date as written in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Date(Date),
    Instant(Timestamp),
}

impl When {
    /// Parses `YYYY-MM-DD` or an RFC 3339 date-time with an offset.
    pub fn parse(s: &str) -> Result<When, String> {
        let s = s.trim();
        if s.len() == 10 {
            return parse_date(s).map(When::Date);
        }
        // "2026-02-30T10:00:00Z": report the impossible date, not a generic parse error.
        if let Some(head) = s.get(..10)
            && s.len() > 10
            && let Err(e) = parse_date(head)
        {
            return Err(e);
        }
        s.parse::<Timestamp>().map(When::Instant).map_err(|_| {
            format!("invalid date \"{s}\": expected YYYY-MM-DD or an RFC 3339 date-time such as 2026-11-20T09:00:00+01:00")
        })
    }

    /// The first instant the value covers (midnight in `tz` for a date).
    pub fn start(&self, tz: &TimeZone) -> Timestamp {
        match self {
            When::Date(d) => d.to_zoned_datetime(tz.clone()).map(|z| z.timestamp()).unwrap_or(Timestamp::MIN),
            When::Instant(t) => *t,
        }
    }

    /// The instant right after the value (the next midnight for a date): a posting closing
    /// on a date is open through that whole day.
    pub fn end(&self, tz: &TimeZone) -> Timestamp {
        match self {
            When::Date(d) => d
                .tomorrow()
                .ok()
                .and_then(|t| t.to_zoned_datetime(tz.clone()).ok())
                .map(|z| z.timestamp())
                .unwrap_or(Timestamp::MAX),
            When::Instant(t) => *t,
        }
    }

    /// ISO 8601 text for machines: the date as written, or the instant in the site's zone.
    pub fn iso(&self, tz: &TimeZone) -> String {
        match self {
            When::Date(d) => d.to_string(),
            When::Instant(t) => t.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        }
    }

    /// ISO 8601 date-time of the last second the value covers: a posting closing on a
    /// date is open through that whole day in the site's zone, and Google's `validThrough`
    /// would read a bare date as its first instant.
    pub fn last_instant_iso(&self, tz: &TimeZone) -> String {
        match self {
            When::Date(d) => d
                .at(23, 59, 59, 0)
                .to_zoned_datetime(tz.clone())
                .map(|z| z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
                .unwrap_or_else(|_| d.to_string()),
            When::Instant(_) => self.iso(tz),
        }
    }

    /// The calendar date in the site's zone.
    pub fn date(&self, tz: &TimeZone) -> Date {
        match self {
            When::Date(d) => *d,
            When::Instant(t) => t.to_zoned_datetime(tz.clone()).date(),
        }
    }

    /// Text for people: "20 Nov 2026".
    pub fn display(&self, tz: &TimeZone) -> String {
        self.date(tz).strftime("%-d %b %Y").to_string()
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(format!("invalid date \"{s}\": expected YYYY-MM-DD"));
    }
    let (y, m, d) =
        (s[0..4].parse().unwrap_or(0), s[5..7].parse().unwrap_or(0), s[8..10].parse().unwrap_or(0));
    Date::new(y, m, d).map_err(|_| format!("impossible date \"{s}\": {}", why_impossible(y, m, d)))
}

/// Names what is wrong with a date that has the right shape: the month, or the day.
fn why_impossible(y: i16, m: i8, d: i8) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    if !(1..=12).contains(&m) {
        return format!("month {m} does not exist");
    }
    let name = MONTHS[m as usize - 1];
    match Date::new(y, m, 1).map(|first| first.days_in_month()) {
        Ok(_) if d == 0 => "day 0 does not exist".to_string(),
        Ok(days) if m == 2 => format!("February {y} has {days} days"),
        Ok(days) => format!("{name} has {days} days"),
        Err(_) => format!("year {y} is out of range"),
    }
}

/// "Now" for a build: `--now`, else `SOURCE_DATE_EPOCH`, else the clock, so that the same
/// input and the same now give byte-identical output. A date-only `--now` is read like
/// every other date, in the site's zone: call [`When::start`] with the config's zone.
pub fn resolve_now(flag: Option<&str>) -> Result<When> {
    if let Some(s) = flag {
        return When::parse(s).map_err(|e| anyhow::anyhow!("--now: {e}"));
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch.trim().parse().context("SOURCE_DATE_EPOCH must be whole seconds")?;
        return Ok(When::Instant(Timestamp::from_second(secs).context("SOURCE_DATE_EPOCH is out of range")?));
    }
    Ok(When::Instant(Timestamp::now()))
}

/// Looks up an IANA zone name in the bundled database (so builds don't depend on the host).
pub fn time_zone(name: &str) -> Result<TimeZone, String> {
    if name.eq_ignore_ascii_case("utc") {
        return Ok(TimeZone::UTC);
    }
    jiff::tz::db().get(name).map_err(|_| format!("unknown time zone \"{name}\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_and_date_times() {
        assert_eq!(When::parse("2026-11-20"), Ok(When::Date(jiff::civil::date(2026, 11, 20))));
        let t = When::parse("2026-11-20T09:30:00+01:00").unwrap();
        assert_eq!(t, When::Instant("2026-11-20T08:30:00Z".parse().unwrap()));
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        assert_eq!(
            When::parse("2026-02-30").unwrap_err(),
            "impossible date \"2026-02-30\": February 2026 has 28 days"
        );
        assert_eq!(
            When::parse("2026-13-01").unwrap_err(),
            "impossible date \"2026-13-01\": month 13 does not exist"
        );
        assert_eq!(
            When::parse("2026-04-31").unwrap_err(),
            "impossible date \"2026-04-31\": April has 30 days"
        );
        assert_eq!(
            When::parse("2026-00-10").unwrap_err(),
            "impossible date \"2026-00-10\": month 0 does not exist"
        );
        assert_eq!(
            When::parse("2026-05-00").unwrap_err(),
            "impossible date \"2026-05-00\": day 0 does not exist"
        );
        assert!(When::parse("20/11/2026").unwrap_err().starts_with("invalid date"));
        assert!(When::parse("2026-11-20T25:00:00Z").is_err());
        assert!(
            When::parse("2026-13-01T10:00:00Z").unwrap_err().starts_with("impossible date \"2026-13-01\"")
        );
    }

    #[test]
    fn date_only_spans_the_whole_day_in_the_site_zone() {
        let berlin = time_zone("Europe/Berlin").unwrap();
        let d = When::parse("2027-01-20").unwrap();
        assert_eq!(d.start(&berlin), "2027-01-19T23:00:00Z".parse::<Timestamp>().unwrap());
        assert_eq!(d.end(&berlin), "2027-01-20T23:00:00Z".parse::<Timestamp>().unwrap());
    }

    #[test]
    fn formats_for_machines_and_people() {
        let berlin = time_zone("Europe/Berlin").unwrap();
        let t = When::parse("2026-07-01T08:00:00Z").unwrap();
        assert_eq!(t.iso(&berlin), "2026-07-01T10:00:00+02:00");
        assert_eq!(t.display(&berlin), "1 Jul 2026");
        assert_eq!(When::parse("2026-11-20").unwrap().iso(&berlin), "2026-11-20");
        assert_eq!(When::parse("2027-07-20").unwrap().last_instant_iso(&berlin), "2027-07-20T23:59:59+02:00");
        assert_eq!(t.last_instant_iso(&berlin), "2026-07-01T10:00:00+02:00");
    }

    #[test]
    fn now_accepts_dates_read_in_the_site_zone_and_instants() {
        let la = time_zone("America/Los_Angeles").unwrap();
        let day = resolve_now(Some("2026-01-21")).unwrap();
        assert_eq!(day.start(&la), "2026-01-21T08:00:00Z".parse::<Timestamp>().unwrap());
        let instant = resolve_now(Some("2026-01-21T00:00:00Z")).unwrap();
        assert_eq!(instant.start(&la), "2026-01-21T00:00:00Z".parse::<Timestamp>().unwrap());
        assert!(resolve_now(Some("tomorrow")).unwrap_err().to_string().starts_with("--now: invalid date"));
    }

    #[test]
    fn unknown_zones_are_rejected() {
        assert!(time_zone("Mars/Olympus").is_err());
        assert!(time_zone("America/New_York").is_ok());
    }
}
