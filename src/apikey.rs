//! API keys: `<prefix>_<id>_<secret><check>`.
//!
//! `id` is 8 base62 characters (public, for O(1) lookup), `secret` 43 base62 characters from the OS
//! CSPRNG (62^43 > 2^256), `check` the CRC32 of everything before it in 6 base62 characters, so a
//! typo or a secret scanner can tell a vauth key offline. The CRC is for typo detection, never for
//! security: verification compares SHA-256 digests in constant time.
//!
//! Pure apart from [`generate`]'s call to the OS random source: no files, no printing.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// The base62 alphabet, in ASCII order.
pub const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/// Length of the public id.
pub const ID_LEN: usize = 8;
/// Length of the secret part: 43 base62 characters carry 256.03 bits.
pub const SECRET_LEN: usize = 43;
/// Length of the checksum.
pub const CHECK_LEN: usize = 6;
/// The default prefix.
pub const DEFAULT_PREFIX: &str = "vk";
/// The largest key `verify` and `import` accept.
pub const MAX_KEY_LEN: usize = 1024;
/// The least estimated entropy `import` accepts without `--subtle`.
pub const MIN_IMPORT_BITS: f64 = 128.0;

/// Why a presented string is not a well-formed vauth key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Not the `<prefix>_<id>_<secret><check>` shape; the text says which part.
    Malformed(&'static str),
    /// The shape is right but the checksum does not match: a typo or a truncated copy.
    BadChecksum,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParseError::Malformed(why) => write!(f, "malformed key: {why}"),
            ParseError::BadChecksum => {
                f.write_str("checksum mismatch: the key was mistyped or truncated")
            }
        }
    }
}

/// A parsed key: the public parts borrowed, the whole kept for hashing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parsed<'a> {
    /// The prefix.
    pub prefix: &'a str,
    /// The public id.
    pub id: &'a str,
}

/// Check a prefix: 1-16 lowercase ASCII letters or digits, starting with a letter.
pub fn validate_prefix(p: &str) -> Result<(), String> {
    if p.is_empty() || p.len() > 16 {
        return Err(format!("prefix {p:?} must be 1 to 16 characters"));
    }
    if !p.starts_with(|c: char| c.is_ascii_lowercase())
        || !p
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return Err(format!(
            "prefix {p:?} must be lowercase letters and digits, starting with a letter"
        ));
    }
    Ok(())
}

/// Fill `out` with uniformly random base62 characters from `bytes_source` (rejection sampling).
fn fill_base62(out: &mut Vec<u8>, n: usize, mut random: impl FnMut(&mut [u8])) {
    let mut buf = Zeroizing::new([0u8; 64]);
    while out.len() < n {
        random(&mut buf[..]);
        for &b in buf.iter() {
            // 248 = 4 * 62: values at or above it would bias the distribution.
            if b < 248 {
                out.push(ALPHABET[usize::from(b % 62)]);
                if out.len() == n {
                    break;
                }
            }
        }
    }
}

/// The checksum of `body` (`<prefix>_<id>_<secret>`) as 6 base62 characters.
pub fn checksum(body: &[u8]) -> [u8; CHECK_LEN] {
    let mut v = u64::from(crc32fast::hash(body));
    let mut out = [b'0'; CHECK_LEN];
    for slot in out.iter_mut().rev() {
        *slot = ALPHABET[(v % 62) as usize];
        v /= 62;
    }
    out
}

/// Build a key from its parts with a caller-supplied random source (tests, benches).
pub fn generate_with(prefix: &str, random: impl FnMut(&mut [u8])) -> Zeroizing<String> {
    let mut raw = Zeroizing::new(Vec::with_capacity(
        prefix.len() + 2 + ID_LEN + SECRET_LEN + CHECK_LEN,
    ));
    raw.extend_from_slice(prefix.as_bytes());
    raw.push(b'_');
    let mut random = random;
    let mut id = Vec::with_capacity(ID_LEN);
    fill_base62(&mut id, ID_LEN, &mut random);
    raw.extend_from_slice(&id);
    raw.push(b'_');
    let mut secret = Zeroizing::new(Vec::with_capacity(SECRET_LEN));
    fill_base62(&mut secret, SECRET_LEN, &mut random);
    raw.extend_from_slice(&secret);
    let check = checksum(&raw);
    raw.extend_from_slice(&check);
    // Only ASCII from ALPHABET and the validated prefix went in.
    Zeroizing::new(String::from_utf8_lossy(&raw).into_owned())
}

/// A new key from the OS CSPRNG.
pub fn generate(prefix: &str) -> Result<Zeroizing<String>, getrandom::Error> {
    let mut failed = None;
    let key = generate_with(prefix, |buf| {
        if let Err(e) = getrandom::fill(buf) {
            failed = Some(e);
        }
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(key),
    }
}

/// `n` uniformly random base62 characters from the OS CSPRNG (public ids, home ids).
pub fn random_base62(n: usize) -> Result<String, getrandom::Error> {
    let mut failed = None;
    let mut out = Vec::with_capacity(n);
    fill_base62(&mut out, n, |buf| {
        if let Err(e) = getrandom::fill(buf) {
            failed = Some(e);
        }
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(String::from_utf8_lossy(&out).into_owned()),
    }
}

/// Parse and checksum a presented key. Accepts surrounding ASCII whitespace.
pub fn parse(key: &str) -> Result<Parsed<'_>, ParseError> {
    let key = key.trim_matches(|c: char| c.is_ascii_whitespace());
    if key.is_empty() {
        return Err(ParseError::Malformed("empty input"));
    }
    if key.len() > MAX_KEY_LEN {
        return Err(ParseError::Malformed("longer than 1024 bytes"));
    }
    let mut parts = key.splitn(3, '_');
    let prefix = parts.next().unwrap_or("");
    let (Some(id), Some(rest)) = (parts.next(), parts.next()) else {
        return Err(ParseError::Malformed(
            "expected <prefix>_<id>_<secret><check>",
        ));
    };
    if validate_prefix(prefix).is_err() {
        return Err(ParseError::Malformed("bad prefix"));
    }
    let is_b62 = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric());
    if id.len() != ID_LEN || !is_b62(id) {
        return Err(ParseError::Malformed("the id is not 8 base62 characters"));
    }
    if rest.len() != SECRET_LEN + CHECK_LEN || !is_b62(rest) {
        return Err(ParseError::Malformed(
            "the secret is not 49 base62 characters",
        ));
    }
    let (body, check) = key.as_bytes().split_at(key.len() - CHECK_LEN);
    if checksum(body).as_slice() != check {
        return Err(ParseError::BadChecksum);
    }
    Ok(Parsed { prefix, id })
}

/// SHA-256 of the key, lowercase hex: what state.json keeps.
pub fn digest_hex(key: &str) -> String {
    let d = Sha256::digest(
        key.trim_matches(|c: char| c.is_ascii_whitespace())
            .as_bytes(),
    );
    hex::encode(d)
}

/// Constant-time comparison of the SHA-256 of `presented` with a stored hex digest.
pub fn matches(presented: &str, stored_hex: &str) -> bool {
    let mine = digest_hex(presented);
    mine.as_bytes().ct_eq(stored_hex.as_bytes()).into()
}

/// Constant-time equality of two strings (length is not secret).
pub fn ct_eq_str(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// Short public fingerprint for logs and the audit trail: `sha256:` + first 16 hex of the digest.
pub fn fingerprint_of_digest(digest_hex: &str) -> String {
    format!("sha256:{}", &digest_hex[..digest_hex.len().min(16)])
}

/// Estimated entropy in bits of a key made elsewhere.
///
/// A conservative screen, not a proof of randomness, meant to be honest about the usual shapes:
/// - a string that repeats a shorter block counts as that block;
/// - a UUID (8-4-4-4-12 hex) counts as 122 bits, what a random (v4) UUID carries, at most;
/// - separators (`-`, `_`, `.`, `:`, space) count nothing;
/// - each other character counts log2 of the alphabet its characters span (hex 16, else the sum
///   of lowercase 26, uppercase 26, digits 10, symbols 33), except a character that continues a
///   run with a constant step (`abc`, `123`, `aaa`) or repeats a three-character sequence seen
///   earlier (`Passw0rdPassw0rd...`), which counts nothing;
/// - and when the characters are plainly not random (per-character Shannon entropy under half
///   the alphabet's), at most length times the observed Shannon entropy.
pub fn estimate_entropy_bits(key: &str) -> f64 {
    estimate_bytes(key.as_bytes())
}

/// Bits a random (version 4) UUID carries: 128 less the 4 version and 2 variant bits.
pub const UUID_BITS: f64 = 122.0;

fn is_uuid(bytes: &[u8]) -> bool {
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                *b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        })
}

fn estimate_bytes(bytes: &[u8]) -> f64 {
    if bytes.is_empty() {
        return 0.0;
    }
    // A repeated block ("abcabcabc") is worth one block.
    if let Some(p) = (1..bytes.len()).find(|&p| (p..bytes.len()).all(|i| bytes[i] == bytes[i - p]))
    {
        return estimate_bytes(&bytes[..p]);
    }
    if is_uuid(bytes) {
        return UUID_BITS;
    }
    let core: Vec<u8> = bytes
        .iter()
        .copied()
        .filter(|b| !matches!(b, b'-' | b'_' | b'.' | b':' | b' '))
        .collect();
    if core.is_empty() {
        return 0.0;
    }
    let mut classes = 0u32;
    if core.iter().any(u8::is_ascii_lowercase) {
        classes += 26;
    }
    if core.iter().any(u8::is_ascii_uppercase) {
        classes += 26;
    }
    if core.iter().any(u8::is_ascii_digit) {
        classes += 10;
    }
    if core.iter().any(|b| !b.is_ascii_alphanumeric()) {
        classes += 33;
    }
    // A hex string uses 16 symbols, not 36.
    if core.iter().all(u8::is_ascii_hexdigit) {
        classes = 16;
    }
    let per_char_max = f64::from(classes).log2();
    // Characters a guesser gets for free: runs with a constant step, repeated trigrams.
    let mut seen = std::collections::HashSet::new();
    let mut free = 0usize;
    for i in 0..core.len() {
        if i >= 2 {
            let step = |a: u8, b: u8| i16::from(b) - i16::from(a);
            let tri = [core[i - 2], core[i - 1], core[i]];
            if step(tri[0], tri[1]) == step(tri[1], tri[2]) || seen.contains(&tri) {
                free += 1;
            }
            if i >= 3 {
                seen.insert([core[i - 3], core[i - 2], core[i - 1]]);
            }
        }
    }
    let counted = (core.len() - free) as f64;
    let mut counts = [0u32; 256];
    for &b in &core {
        counts[usize::from(b)] += 1;
    }
    let n = core.len() as f64;
    let shannon: f64 = counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum();
    // The most a sample of n characters can show is log2(n); compare against that ceiling.
    let ceiling = per_char_max.min(n.log2());
    let bits = counted * per_char_max;
    if shannon < 0.5 * ceiling {
        bits.min(n * shannon)
    } else {
        bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn counter() -> impl FnMut(&mut [u8]) {
        let mut n = 0u8;
        move |buf: &mut [u8]| {
            for b in buf {
                *b = n;
                n = n.wrapping_add(97);
            }
        }
    }

    #[test]
    fn generated_keys_have_the_documented_shape() {
        let k = generate("vk").unwrap();
        assert_eq!(k.len(), 2 + 1 + 8 + 1 + 43 + 6);
        let p = parse(&k).unwrap();
        assert_eq!(p.prefix, "vk");
        assert_eq!(p.id.len(), 8);
        assert_ne!(*generate("vk").unwrap(), *k);
    }

    #[test]
    fn checksum_is_fixed_width_base62() {
        assert_eq!(checksum(b"").len(), 6);
        let c = checksum(b"vk_abcdefgh_x");
        assert!(c.iter().all(|b| b.is_ascii_alphanumeric()));
    }

    #[test]
    fn parse_errors_name_the_part() {
        assert!(matches!(parse(""), Err(ParseError::Malformed(_))));
        assert!(matches!(parse("vk_short"), Err(ParseError::Malformed(_))));
        assert!(matches!(
            parse("VK_abcdefgh_x"),
            Err(ParseError::Malformed(_))
        ));
        let k = generate_with("vk", counter());
        let mut bad = k.to_string();
        bad.insert(12, '!');
        assert!(matches!(parse(&bad), Err(ParseError::Malformed(_))));
    }

    #[test]
    fn digest_and_match() {
        let k = generate("qd").unwrap();
        let d = digest_hex(&k);
        assert_eq!(d.len(), 64);
        assert!(matches(&k, &d));
        assert!(matches(&format!("{}\n", &*k), &d));
        assert!(!matches("vk_x", &d));
        assert_eq!(fingerprint_of_digest(&d).len(), 7 + 16);
    }

    #[test]
    fn entropy_screen() {
        assert!(estimate_entropy_bits(&generate("vk").unwrap()) >= 256.0);
        // 32 hex characters = 128 bits: accepted.
        assert!(estimate_entropy_bits("9f86d081884c7d659a2feaa0c55ad015") >= MIN_IMPORT_BITS);
        assert!(estimate_entropy_bits("password") < MIN_IMPORT_BITS);
        assert!(estimate_entropy_bits(&"ab".repeat(64)) < MIN_IMPORT_BITS);
        assert!(estimate_entropy_bits(&"a".repeat(500)) < 8.0);
        assert!(estimate_entropy_bits("ää") < 128.0);
        assert_eq!(estimate_entropy_bits(""), 0.0);
        // Honest about the usual weak shapes.
        assert_eq!(
            estimate_entropy_bits("f47ac10b-58cc-4372-a567-0e02b2c3d479"),
            UUID_BITS
        );
        assert!(estimate_entropy_bits("abcdefghijklmnopqrstuvwxyz0123456789") < MIN_IMPORT_BITS);
        assert!(estimate_entropy_bits("Passw0rd!Passw0rd!Passw0rd?Passw0rd") < MIN_IMPORT_BITS);
        assert!(estimate_entropy_bits("aaaa-bbbb-cccc-dddd-eeee-ffff-gggg") < MIN_IMPORT_BITS);
        // A random 36-character alphanumeric string does carry ~200 bits.
        assert!(estimate_entropy_bits("Xq7Lm2Pz9Rk4Tw1Vb8Nc3Hd6Jf0Gs5Ya2Ue7") >= MIN_IMPORT_BITS);
        assert!(
            estimate_entropy_bits("3q2+7wAAAAB6m1xZ0lq9pUe4ybz8rFqJ0sWkM2gTnV4=")
                >= MIN_IMPORT_BITS
        );
    }

    #[test]
    fn prefixes() {
        assert!(validate_prefix("vk").is_ok());
        assert!(validate_prefix("q2").is_ok());
        for bad in ["", "2q", "Vk", "v_k", "abcdefghijklmnopq"] {
            assert!(validate_prefix(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn round_trip(seed in any::<u64>(), prefix in "[a-z][a-z0-9]{0,15}") {
            let mut state = seed;
            let k = generate_with(&prefix, |buf: &mut [u8]| {
                for b in buf {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    *b = (state >> 33) as u8;
                }
            });
            let p = parse(&k).unwrap();
            prop_assert_eq!(p.prefix, prefix.as_str());
        }

        #[test]
        fn every_single_character_edit_is_caught(pos in 0usize..200, with in 0usize..62) {
            let k = generate("vk").unwrap();
            let pos = pos % k.len();
            let mut bytes = k.as_bytes().to_vec();
            let replacement = ALPHABET[with];
            prop_assume!(bytes[pos] != replacement);
            bytes[pos] = replacement;
            let edited = String::from_utf8(bytes).unwrap();
            prop_assert!(parse(&edited).is_err(), "edit at {} not caught", pos);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,120}") {
            let _ = parse(&s);
        }
    }
}
