//! `Config::parse`, `timefmt::parse_span` and `timefmt::parse_time` on arbitrary UTF-8.
//!
//! Invariants:
//! - none of them panics;
//! - an accepted config's prefix is valid and its spans parse (the accessors agree with the fields);
//! - an accepted span is between 0 and 100 years and renders;
//! - an accepted time resolves against a fixed "now" and renders as RFC 3339 (what `key verify
//!   --at`, `key list --at` and `key create --expires` do with it).

#![no_main]

use libfuzzer_sys::fuzz_target;
use time::OffsetDateTime;
use vauth::config::Config;
use vauth::timefmt::{self, TimeArg};

const MAX_SECONDS: i64 = 100 * 365 * 86_400;

fn check_span(s: &str) {
    match timefmt::parse_span(s) {
        Ok(span) => {
            let secs = span.seconds();
            assert!((0..=MAX_SECONDS).contains(&secs), "{s:?} gave {secs}s");
            assert_eq!(span.duration().whole_seconds(), secs);
            assert!(!span.to_string().is_empty());
        }
        Err(e) => assert!(!e.is_empty()),
    }
}

fn check_time(s: &str) {
    let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).expect("valid timestamp");
    match timefmt::parse_time(s) {
        Ok(TimeArg::Relative(secs)) => {
            assert!(secs.abs() <= MAX_SECONDS, "{s:?} gave {secs}s");
            let t = TimeArg::Relative(secs).resolve(now);
            assert_eq!((t - now).whole_seconds(), secs);
            let _ = timefmt::rfc3339(t);
            let _ = timefmt::relative(t, now);
        }
        Ok(TimeArg::At(at)) => {
            assert_eq!(TimeArg::At(at).resolve(now), at);
            let _ = timefmt::rfc3339(at);
        }
        Err(e) => assert!(!e.is_empty()),
    }
}

fn check_config(s: &str) {
    match Config::parse(s) {
        Ok(c) => {
            if let Some(p) = &c.keys.prefix {
                assert!(vauth::apikey::validate_prefix(p).is_ok(), "accepted prefix {p:?}");
            }
            assert_eq!(c.key_expires().is_some(), c.keys.expires.is_some());
            assert_eq!(c.key_grace().is_some(), c.keys.grace.is_some());
            for v in [&c.keys.expires, &c.keys.grace].into_iter().flatten() {
                check_span(v);
            }
        }
        Err(e) => assert!(!e.message().is_empty()),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    check_config(s);
    check_span(s);
    check_time(s);
    // Line by line too, so one input exercises several short values.
    if s.contains('\n') {
        for line in s.lines() {
            check_span(line);
            check_time(line);
        }
    }
});
