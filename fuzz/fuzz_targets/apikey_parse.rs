//! `apikey::parse` and `apikey::estimate_entropy_bits` on arbitrary UTF-8, plus keys built from the
//! input with `generate_with` (so the accepting path is reached too, not only the rejections).
//!
//! Invariants:
//! - neither function panics;
//! - an accepted key's prefix and id are slices of the input, well-formed, and the checksum of the
//!   trimmed key's body is its last 6 characters;
//! - the entropy estimate is finite, non-negative and at most `len * log2(95)`;
//! - every generated key parses back to its prefix and id, and any single-character substitution,
//!   any deletion and any swap of two different adjacent characters of its body is rejected.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vauth::apikey::{
    self, ALPHABET, CHECK_LEN, ID_LEN, MAX_KEY_LEN, ParseError, SECRET_LEN, checksum,
    estimate_entropy_bits, parse,
};

/// Whether `sub` is a slice of `whole` (same memory, not merely equal text).
fn is_slice_of(sub: &str, whole: &str) -> bool {
    let (w, s) = (whole.as_ptr() as usize, sub.as_ptr() as usize);
    s >= w && s + sub.len() <= w + whole.len()
}

fn is_ws(c: char) -> bool {
    c.is_ascii_whitespace()
}

fn check_parse(s: &str) {
    let trimmed = s.trim_matches(is_ws);
    match parse(s) {
        Ok(p) => {
            assert!(is_slice_of(p.prefix, s), "prefix {:?} not inside input {s:?}", p.prefix);
            assert!(is_slice_of(p.id, s), "id {:?} not inside input {s:?}", p.id);
            assert!(s.contains(p.prefix) && s.contains(p.id));
            assert!(apikey::validate_prefix(p.prefix).is_ok(), "accepted bad prefix {:?}", p.prefix);
            assert_eq!(p.id.len(), ID_LEN);
            assert!(p.id.bytes().all(|b| ALPHABET.contains(&b)), "id {:?}", p.id);
            assert!(trimmed.len() <= MAX_KEY_LEN);
            assert_eq!(trimmed.len(), p.prefix.len() + 2 + ID_LEN + SECRET_LEN + CHECK_LEN);
            let head = format!("{}_{}_", p.prefix, p.id);
            assert!(trimmed.starts_with(&head), "{trimmed:?} does not start with {head:?}");
            assert!(trimmed.bytes().skip(head.len()).all(|b| ALPHABET.contains(&b)));
            let (body, check) = trimmed.as_bytes().split_at(trimmed.len() - CHECK_LEN);
            assert_eq!(checksum(body).as_slice(), check);
            // Parsing is idempotent on the trimmed text.
            assert_eq!(parse(trimmed), Ok(p));
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
            if trimmed.is_empty() || trimmed.len() > MAX_KEY_LEN {
                assert!(matches!(e, ParseError::Malformed(_)));
            }
        }
    }
    // Hashing and the constant-time comparison accept anything.
    let d = apikey::digest_hex(s);
    assert_eq!(d.len(), 64);
    assert!(apikey::matches(s, &d));
    assert_eq!(apikey::fingerprint_of_digest(&d).len(), 7 + 16);
}

fn check_entropy(s: &str) {
    let bits = estimate_entropy_bits(s);
    assert!(bits.is_finite(), "estimate of {s:?} is {bits}");
    assert!(bits >= 0.0, "estimate of {s:?} is {bits}");
    let most = s.len() as f64 * 95f64.log2() + 1e-6;
    assert!(bits <= most, "estimate of {s:?} is {bits} > {most}");
    if s.is_empty() {
        assert_eq!(bits, 0.0);
    }
}

/// A random source that hands out the fuzzer's bytes, then a PRNG seeded from them (so
/// `generate_with`'s rejection sampling always terminates).
struct Source<'a> {
    data: &'a [u8],
    state: u64,
}

impl Source<'_> {
    fn fill(&mut self, buf: &mut [u8]) {
        for b in buf {
            if let Some((&first, rest)) = self.data.split_first() {
                *b = first;
                self.data = rest;
            } else {
                self.state = self
                    .state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                *b = (self.state >> 33) as u8;
            }
        }
    }
}

fn check_generated(data: &[u8]) {
    let Some((&ctl, rest)) = data.split_first() else {
        return;
    };
    // Prefix: 0-16 characters taken from the input (0 means the default).
    let plen = usize::from(ctl % 17).min(rest.len());
    let (pbytes, rest) = rest.split_at(plen);
    let prefix: String = if plen == 0 {
        apikey::DEFAULT_PREFIX.to_string()
    } else {
        pbytes
            .iter()
            .enumerate()
            .map(|(i, &b)| {
                if i == 0 {
                    char::from(b'a' + b % 26)
                } else {
                    char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[usize::from(b % 36)])
                }
            })
            .collect()
    };
    assert!(apikey::validate_prefix(&prefix).is_ok(), "{prefix:?}");
    // The last 4 bytes choose the edits; everything before feeds the random source.
    let (rand_bytes, edit) = rest.split_at(rest.len().saturating_sub(4));
    let seed = data
        .iter()
        .fold(0xcbf29ce484222325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3));
    let mut src = Source { data: rand_bytes, state: seed };
    let key = apikey::generate_with(&prefix, |buf: &mut [u8]| src.fill(buf));
    let key: &str = &key;

    assert_eq!(key.len(), prefix.len() + 2 + ID_LEN + SECRET_LEN + CHECK_LEN);
    let p = parse(key).unwrap_or_else(|e| panic!("generated key {key:?} rejected: {e}"));
    assert_eq!(p.prefix, prefix);
    assert_eq!(p.id, &key[prefix.len() + 1..prefix.len() + 1 + ID_LEN]);
    assert_eq!(parse(&format!(" \t{key}\r\n")).map(|q| (q.prefix, q.id)), Ok((p.prefix, p.id)));
    assert!(apikey::matches(&format!("{key}\n"), &apikey::digest_hex(key)));
    check_entropy(key);

    let e = |i: usize| usize::from(edit.get(i).copied().unwrap_or(0));
    let pos = (e(0) << 8 | e(1)) % key.len();
    let bytes = key.as_bytes();

    // Any single-character substitution is caught (CRC32 finds every burst of up to 32 bits).
    let replacement = ALPHABET[e(2) % ALPHABET.len()];
    if bytes[pos] != replacement {
        let mut edited = bytes.to_vec();
        edited[pos] = replacement;
        let edited = String::from_utf8(edited).expect("ASCII");
        assert!(parse(&edited).is_err(), "substitution at {pos} not caught: {key:?} -> {edited:?}");
    }

    // Any deletion is caught (the length is fixed).
    let mut shorter = bytes.to_vec();
    shorter.remove(pos);
    let shorter = String::from_utf8(shorter).expect("ASCII");
    assert!(parse(&shorter).is_err(), "deletion at {pos} not caught: {key:?}");

    // Swapping two different adjacent characters of the body (before the checksum) is caught.
    let body_len = key.len() - CHECK_LEN;
    let i = pos % (body_len - 1);
    if bytes[i] != bytes[i + 1] {
        let mut swapped = bytes.to_vec();
        swapped.swap(i, i + 1);
        let swapped = String::from_utf8(swapped).expect("ASCII");
        assert!(parse(&swapped).is_err(), "swap at {i} not caught: {key:?} -> {swapped:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        check_parse(s);
        check_entropy(s);
    }
    check_generated(data);
});
