//! Serial numbers and fingerprints as vauth writes them.

use rcgen::SerialNumber;
use sha2::Digest;
use x509_parser::prelude::*;

use super::{PkiResult, err};

/// A random positive serial of at most 159 bits (20 bytes, top bit clear), never zero.
pub fn random_serial() -> PkiResult<SerialNumber> {
    let mut b = [0u8; 20];
    loop {
        getrandom::fill(&mut b).map_err(|e| err(format!("the OS random source failed: {e}")))?;
        b[0] &= 0x7f;
        if b.iter().any(|&x| x != 0) {
            return Ok(SerialNumber::from_slice(&b));
        }
    }
}

/// A serial as vauth writes it: lowercase hex, no leading zeros, no colons (what
/// `openssl x509 -serial` prints, lower-cased).
pub fn serial_hex(bytes: &[u8]) -> String {
    let h = hex::encode(bytes);
    let t = h.trim_start_matches('0');
    if t.is_empty() {
        "0".into()
    } else {
        t.to_string()
    }
}

/// Normalize a serial typed by a person (`AB:CD`, `0xabcd`, leading zeros) to [`serial_hex`]'s
/// form; `None` when it is not hex.
pub fn normalize_serial(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s
        .strip_prefix("0x")
        .or_else(|| s.strip_prefix("0X"))
        .unwrap_or(s);
    let h: String = s.chars().filter(|c| *c != ':').collect();
    if h.is_empty() || h.len() > 64 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let t = h.trim_start_matches('0').to_ascii_lowercase();
    Some(if t.is_empty() { "0".into() } else { t })
}

/// SHA-256 of DER, lowercase hex.
pub fn fingerprint(der: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(der))
}

/// Hex of a serial held by x509-parser.
pub fn serial_of(cert: &X509Certificate<'_>) -> String {
    serial_hex(cert.raw_serial())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials() {
        for _ in 0..100 {
            let s = random_serial().unwrap().to_bytes();
            assert_eq!(s.len(), 20);
            assert!(s[0] < 0x80);
        }
        assert_eq!(serial_hex(&[0, 0, 0xab]), "ab");
        assert_eq!(normalize_serial("00:AB:cd").as_deref(), Some("abcd"));
        assert_eq!(normalize_serial("0xFF").as_deref(), Some("ff"));
        assert_eq!(normalize_serial("zz"), None);
    }
}
