//! When a call is tried again (the policy in [`super`]'s docs): how long to wait, and how to read
//! `Retry-After`.

use std::time::Duration;

/// Attempts per call, the first included.
pub const MAX_ATTEMPTS: u32 = 4;
/// The first backoff; doubled per attempt, then jittered down to half.
const BACKOFF: Duration = Duration::from_millis(250);
/// The longest `Retry-After` vauth waits; a longer one ends the call with the server's answer.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);

/// Whether the outcome of one attempt is worth another, and how long to wait first: `None` = no
/// retry; `Some(None)` = retry after the backoff; `Some(Some(d))` = retry after the server's
/// `Retry-After`. `status` is the answer's status and `Retry-After`, or `Err(connect, timeout)`
/// for a transport failure.
pub(super) fn wait(
    outcome: Result<(u16, Option<Duration>), (bool, bool)>,
    idempotent: bool,
) -> Option<Option<Duration>> {
    match outcome {
        Err((true, _)) => Some(None),
        Err((_, true)) if idempotent => Some(None),
        Ok((429, after)) => Some(after).filter(|_| after.is_none_or(|d| d <= MAX_RETRY_AFTER)),
        Ok((502..=504, after)) if idempotent => Some(after.filter(|d| *d <= MAX_RETRY_AFTER)),
        _ => None,
    }
}

/// The backoff before attempt `attempt + 1`: 250 ms · 2^(attempt-1), jittered to [½, 1]×.
pub(super) fn backoff(attempt: u32) -> Duration {
    let full = BACKOFF * 2u32.saturating_pow(attempt.saturating_sub(1));
    let mut b = [0u8; 2];
    let _ = getrandom::fill(&mut b);
    let frac = f64::from(u16::from_le_bytes(b)) / f64::from(u16::MAX);
    full.mul_f64(0.5 + frac / 2.0)
}

/// `Retry-After` as seconds or an HTTP date.
pub(super) fn parse_retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    if let Ok(s) = v.parse::<u64>() {
        return Some(Duration::from_secs(s));
    }
    let t = time::OffsetDateTime::parse(v, &time::format_description::well_known::Rfc2822).ok()?;
    let d = t - time::OffsetDateTime::now_utc();
    Some(Duration::try_from(d).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn backoff_grows_and_jitters() {
        for a in 1..4 {
            let d = backoff(a);
            let full = BACKOFF * 2u32.pow(a - 1);
            assert!(d >= full / 2 && d <= full, "{a}: {d:?}");
        }
    }

    #[test]
    fn what_is_retried() {
        let s = |st: u16, a: Option<u64>| Ok((st, a.map(Duration::from_secs)));
        assert_eq!(wait(Err((true, false)), false), Some(None));
        assert_eq!(wait(Err((false, true)), false), None);
        assert_eq!(wait(Err((false, true)), true), Some(None));
        assert_eq!(
            wait(s(429, Some(3)), false),
            Some(Some(Duration::from_secs(3)))
        );
        assert_eq!(wait(s(429, Some(120)), true), None);
        assert_eq!(wait(s(503, None), false), None);
        assert_eq!(wait(s(503, Some(120)), true), Some(None));
        assert_eq!(wait(s(500, None), true), None);
    }
}
