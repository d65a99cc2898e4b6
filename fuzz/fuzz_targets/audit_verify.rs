//! `audit::verify` over arbitrary bytes with a fixed key, plus logs built from the input with
//! `audit::make_line` and then damaged by one byte.
//!
//! Invariants:
//! - verify, tail, parse_all and prev_of never panic on arbitrary bytes, with the default head
//!   and with the head `tail` computes;
//! - a log made by `make_line` under the key verifies against its head;
//! - changing any single byte of such a log makes verify fail.

#![no_main]

use libfuzzer_sys::fuzz_target;
use time::OffsetDateTime;
use vauth::audit::{self, Actor, AuditEvent};
use vauth::audit::AuditHead;

const KEY: &[u8] = b"vauth-fuzz-fixed-audit-hmac-key-0123456789";

fn check_raw(data: &[u8]) {
    let v = audit::verify(data, KEY, &AuditHead::default()).expect("any key length is a valid HMAC key");
    if v.ok {
        assert_eq!(v.lines, 0);
        assert!(v.bad_line.is_none() && v.reason.is_none());
    } else {
        assert!(v.bad_line.is_some() && v.reason.is_some());
    }
    let (count, last_hash) = audit::tail(data);
    let head = AuditHead { count, last_hash, last_line: None };
    let v = audit::verify(data, KEY, &head).expect("any key length is a valid HMAC key");
    if !v.ok {
        assert!(v.bad_line.is_some_and(|n| n >= 1));
    }
    let _ = audit::parse_all(data);
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = audit::prev_of(s);
    }
}

/// Split the input into NUL-separated pieces of text.
fn pieces(data: &[u8]) -> Vec<String> {
    data.split(|&b| b == 0).map(|p| String::from_utf8_lossy(p).into_owned()).collect()
}

fn check_built(data: &[u8]) {
    let Some((&ctl, rest)) = data.split_first() else {
        return;
    };
    let (edit, rest) = rest.split_at(rest.len().min(2));
    let n = 1 + u64::from(ctl % 4);
    let mut texts = pieces(rest).into_iter().cycle();
    let mut next = || texts.next().unwrap_or_default();
    let actor = Actor {
        who: next(),
        ci_job: if ctl & 0x80 != 0 { Some(next()) } else { None },
    };
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000 + i64::from(ctl) * 86_400)
        .expect("valid timestamp");

    let mut log = Vec::new();
    let mut prev = String::new();
    let mut last = String::new();
    for seq in 1..=n {
        let event = AuditEvent::new(&next()).detail(&next(), next());
        let line = audit::make_line(&event, &actor, now, seq, &prev, KEY).expect("make_line");
        assert!(!line.contains('\n'), "a line holds a newline: {line:?}");
        assert_eq!(audit::prev_of(&line).as_deref(), Some(if prev.is_empty() { audit::GENESIS } else { &prev }));
        prev = audit::line_hash(&line);
        log.extend_from_slice(line.as_bytes());
        log.push(b'\n');
        last = line;
    }
    let head = AuditHead { count: n, last_hash: prev.clone(), last_line: Some(last) };
    assert_eq!(audit::tail(&log), (n, prev));
    let v = audit::verify(&log, KEY, &head).expect("verify");
    assert!(v.ok, "an intact log failed: {v:?}\n{}", String::from_utf8_lossy(&log));
    assert_eq!(v.lines, n);
    let parsed = audit::parse_all(&log).expect("parse_all");
    assert_eq!(parsed.len() as u64, n);
    assert!(parsed.iter().zip(1..).all(|(l, i)| l.seq == i));

    // Damage one byte anywhere (including the newlines): verify must notice.
    let e = |i: usize| usize::from(edit.get(i).copied().unwrap_or(0));
    let pos = (e(0) << 8 | e(1)).wrapping_mul(2654435761) % log.len();
    let flip = (ctl.rotate_left(3) | 1) ^ (e(1) as u8 & 0xfe);
    let mut damaged = log.clone();
    damaged[pos] ^= if flip == 0 { 1 } else { flip };
    let v = audit::verify(&damaged, KEY, &head).expect("verify");
    assert!(
        !v.ok,
        "byte {pos} changed ({:#04x} -> {:#04x}) and verify still passed\n{}",
        log[pos],
        damaged[pos],
        String::from_utf8_lossy(&damaged)
    );
}

fuzz_target!(|data: &[u8]| {
    check_raw(data);
    check_built(data);
});
