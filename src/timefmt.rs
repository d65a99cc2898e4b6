//! Durations (`30s 15m 24h 90d 2w 1y`) and times (RFC 3339, or `+DURATION` / `-DURATION` from now).
//!
//! Pure: callers pass `now`. No I/O, no clock reads here except [`now`], the one clock of the
//! program.

use std::fmt;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The largest span accepted: 100 years.
const MAX_SECONDS: i64 = 100 * 365 * 86_400;

/// A length of time in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span(i64);

impl Span {
    /// A span of `s` seconds (usable in const context).
    pub const fn from_seconds(s: i64) -> Span {
        Span(s)
    }
    /// Seconds.
    pub fn seconds(self) -> i64 {
        self.0
    }
    /// As a `time::Duration`.
    pub fn duration(self) -> time::Duration {
        time::Duration::seconds(self.0)
    }
}

/// Exactly, in the form [`parse_span`] reads back: `25h` is `1d1h`, `90m` is `1h30m`, `0s`.
impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&exact_seconds(self.0))
    }
}

/// Seconds as an exact compound duration (`1y35d`, `1d1h`, `1h30m`, `45s`; negative with `-`).
pub fn exact_seconds(s: i64) -> String {
    let mut rest = s.unsigned_abs();
    let mut out = String::new();
    if s < 0 {
        out.push('-');
    }
    for (unit, len) in [
        ("y", 365 * 86_400),
        ("d", 86_400),
        ("h", 3600),
        ("m", 60),
        ("s", 1),
    ] {
        let n = rest / len;
        rest %= len;
        if n > 0 {
            out.push_str(&format!("{n}{unit}"));
        }
    }
    if s == 0 {
        out.push_str("0s");
    }
    out
}

/// The program's clock.
pub fn now() -> OffsetDateTime {
    let t = OffsetDateTime::now_utc();
    // Whole seconds: everything vauth records is second-precision.
    t.replace_nanosecond(0).unwrap_or(t)
}

/// Why a duration was refused: too long (also any number too large to hold), or not one at all.
enum SpanError {
    TooLong(String),
    Bad(String),
}

/// Parse `30s`, `15m`, `24h`, `90d`, `2w`, `1y` (also `0s`). Compound forms (`1h30m`) are accepted.
pub fn parse_span(s: &str) -> Result<Span, String> {
    span(s).map_err(|e| match e {
        SpanError::TooLong(m) | SpanError::Bad(m) => m,
    })
}

fn span(s: &str) -> Result<Span, SpanError> {
    let too_long =
        || SpanError::TooLong(format!("duration {:?} is longer than 100 years", s.trim()));
    let s = s.trim();
    if s.is_empty() {
        return Err(SpanError::Bad("empty duration".into()));
    }
    let mut total: i64 = 0;
    let mut num: Option<i64> = None;
    for c in s.chars() {
        if let Some(d) = c.to_digit(10) {
            let n = num.unwrap_or(0);
            num = Some(
                n.checked_mul(10)
                    .and_then(|n| n.checked_add(i64::from(d)))
                    .ok_or_else(too_long)?,
            );
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 7 * 86_400,
            'y' => 365 * 86_400,
            _ => {
                return Err(SpanError::Bad(format!(
                    "{s:?} is not a duration (use a number and a unit: s, m, h, d, w, y)"
                )));
            }
        };
        let n = num.take().ok_or_else(|| {
            SpanError::Bad(format!(
                "{s:?} is not a duration (a unit needs a number before it)"
            ))
        })?;
        total = n
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(too_long)?;
    }
    if let Some(n) = num {
        return Err(SpanError::Bad(format!(
            "{s:?} has no unit (write e.g. {n}s or {n}d)"
        )));
    }
    if total > MAX_SECONDS {
        return Err(too_long());
    }
    Ok(Span(total))
}

/// The longest grace (overlap) accepted: 90 days. A grace is how long a replaced credential stays
/// valid after its successor exists; `--grace 100y` would make rotation meaningless.
pub const MAX_GRACE: Span = Span(90 * 86_400);
/// The longest CRL validity (`ca crl --next-update`) accepted: 1 year. A CRL is how revocations
/// reach verifiers; one valid for a century lets a stale copy hide every later revocation.
pub const MAX_CRL_VALIDITY: Span = Span(365 * 86_400);

/// Parse a grace (`--grace`, `keys.grace`, a policy's `grace`): a duration of at most
/// [`MAX_GRACE`].
pub fn parse_grace(s: &str) -> Result<Span, String> {
    let d = parse_span(s)?;
    if d > MAX_GRACE {
        return Err(format!(
            "a grace of {d} is longer than the {MAX_GRACE} cap (the old credential would stay valid that long)"
        ));
    }
    Ok(d)
}

/// Parse a CRL validity (`ca crl --next-update`): at most [`MAX_CRL_VALIDITY`].
pub fn parse_crl_validity(s: &str) -> Result<Span, String> {
    let d = parse_span(s)?;
    if d > MAX_CRL_VALIDITY {
        return Err(format!(
            "a CRL valid for {d} is longer than the {MAX_CRL_VALIDITY} cap (a stale copy would hide later revocations)"
        ));
    }
    Ok(d)
}

/// A point in time as given on the command line: absolute, or relative to `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeArg {
    /// RFC 3339.
    At(OffsetDateTime),
    /// `+DURATION` (or a bare duration) from now, or `-DURATION` before now.
    Relative(i64),
}

impl TimeArg {
    /// Resolve against `now`.
    pub fn resolve(self, now: OffsetDateTime) -> OffsetDateTime {
        match self {
            TimeArg::At(t) => t,
            TimeArg::Relative(s) => now + time::Duration::seconds(s),
        }
    }
}

/// Parse a time: RFC 3339 (`2027-01-01T00:00:00Z`), `+90d`, `-5m`, or a bare duration (`90d`).
pub fn parse_time(s: &str) -> Result<TimeArg, String> {
    let t = s.trim();
    if let Some(rest) = t.strip_prefix('+') {
        return parse_span(rest).map(|d| TimeArg::Relative(d.0));
    }
    if let Some(rest) = t.strip_prefix('-') {
        return parse_span(rest).map(|d| TimeArg::Relative(-d.0));
    }
    if t.starts_with(|c: char| c.is_ascii_digit()) && (t.contains('T') || t.contains('-')) {
        return OffsetDateTime::parse(t, &Rfc3339)
            .map(TimeArg::At)
            .map_err(|_| format!("{t:?} is not an RFC 3339 time (e.g. 2027-01-31T00:00:00Z)"));
    }
    match span(t) {
        Ok(d) => Ok(TimeArg::Relative(d.0)),
        // A duration, just too long: say so, as every duration flag does.
        Err(SpanError::TooLong(m)) => Err(m),
        Err(SpanError::Bad(_)) => Err(format!(
            "{t:?} is neither a duration (90d, +24h) nor an RFC 3339 time"
        )),
    }
}

/// RFC 3339 in UTC, second precision.
pub fn rfc3339(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    t.format(&Rfc3339)
        .unwrap_or_else(|_| t.unix_timestamp().to_string())
}

/// `3d`, `5h`, `12m`, `40s`: the largest unit, rounded down.
pub fn humanize_seconds(s: i64) -> String {
    let a = s.unsigned_abs();
    let (n, u) = if a >= 365 * 86_400 {
        (a / (365 * 86_400), "y")
    } else if a >= 86_400 {
        (a / 86_400, "d")
    } else if a >= 3600 {
        (a / 3600, "h")
    } else if a >= 60 {
        (a / 60, "m")
    } else {
        (a, "s")
    };
    if s < 0 {
        format!("-{n}{u}")
    } else {
        format!("{n}{u}")
    }
}

/// `in 3d` / `3d ago` relative to `now`.
pub fn relative(t: OffsetDateTime, now: OffsetDateTime) -> String {
    let d = (t - now).whole_seconds();
    if d >= 0 {
        format!("in {}", humanize_seconds(d))
    } else {
        format!("{} ago", humanize_seconds(-d))
    }
}

/// Serde helpers: RFC 3339 strings in state.json.
pub mod serde_rfc3339 {
    pub use time::serde::rfc3339::*;
    /// `Option<OffsetDateTime>` as an RFC 3339 string or null.
    pub mod option {
        pub use time::serde::rfc3339::option::*;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans() {
        let table = [
            ("30s", 30),
            ("15m", 900),
            ("24h", 86_400),
            ("90d", 90 * 86_400),
            ("2w", 14 * 86_400),
            ("1y", 365 * 86_400),
            ("1h30m", 5400),
            ("0s", 0),
        ];
        for (s, want) in table {
            assert_eq!(parse_span(s).unwrap().seconds(), want, "{s}");
        }
        for bad in [
            "",
            "10",
            "h",
            "1x",
            "-1d",
            "99999999999999999999d",
            "101y",
            "1.5h",
        ] {
            assert!(parse_span(bad).is_err(), "{bad} should fail");
        }
    }

    #[test]
    fn times() {
        let now = OffsetDateTime::from_unix_timestamp(1_000_000).unwrap();
        assert_eq!(
            parse_time("+1h").unwrap().resolve(now).unix_timestamp(),
            1_003_600
        );
        assert_eq!(
            parse_time("-1m").unwrap().resolve(now).unix_timestamp(),
            999_940
        );
        assert_eq!(
            parse_time("2d").unwrap().resolve(now).unix_timestamp(),
            1_172_800
        );
        let t = parse_time("2027-01-31T00:00:00Z").unwrap().resolve(now);
        assert_eq!(rfc3339(t), "2027-01-31T00:00:00Z");
        assert!(parse_time("2027-13-01T00:00:00Z").is_err());
        assert!(parse_time("tomorrow").is_err());
    }

    #[test]
    fn spans_display_exactly_and_read_back() {
        for (secs, text) in [
            (0, "0s"),
            (45, "45s"),
            (90 * 60, "1h30m"),
            (25 * 3600, "1d1h"),
            (24 * 3600, "1d"),
            (30 * 86_400, "30d"),
            (400 * 86_400 + 1, "1y35d1s"),
        ] {
            assert_eq!(Span::from_seconds(secs).to_string(), text);
            assert_eq!(parse_span(text).unwrap().seconds(), secs, "{text}");
        }
    }

    #[test]
    fn too_long_is_said_the_same_way_everywhere() {
        for s in ["101y", "99999999999999999999d", "999999999d"] {
            let e = parse_span(s).unwrap_err();
            assert!(e.contains("longer than 100 years"), "{s}: {e}");
            let e = parse_time(s).unwrap_err();
            assert!(e.contains("longer than 100 years"), "{s}: {e}");
            let e = parse_time(&format!("+{s}")).unwrap_err();
            assert!(e.contains("longer than 100 years"), "{s}: {e}");
        }
        assert!(parse_time("soon").unwrap_err().contains("neither"));
    }

    #[test]
    fn humanized() {
        assert_eq!(humanize_seconds(59), "59s");
        assert_eq!(humanize_seconds(3 * 86_400 + 5), "3d");
        assert_eq!(humanize_seconds(-7200), "-2h");
        let now = OffsetDateTime::from_unix_timestamp(0).unwrap();
        assert_eq!(relative(now + time::Duration::hours(5), now), "in 5h");
        assert_eq!(relative(now - time::Duration::minutes(2), now), "2m ago");
    }
}
