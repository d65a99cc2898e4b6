//! The PKI input parsers on arbitrary bytes: PEM/DER blocks, CSRs (signature checked), the
//! certificate verifier, SANs, CIDRs and serials as users type them.
//!
//! Invariants:
//! - nothing panics, and every refusal carries a message;
//! - a CSR that parses has a verified signature, and each of its SANs renders to a string that
//!   parses back to the same SAN;
//! - a presented "certificate" against no CA is never valid;
//! - a SAN/CIDR/serial that parses renders back to a value that parses to the same thing.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vauth::pki::{self, Cidr, San};

fuzz_target!(|data: &[u8]| {
    for label in ["CERTIFICATE", "CERTIFICATE REQUEST", "X509 CRL"] {
        if let Err(e) = pki::pem_blocks(data, label) {
            assert!(!e.0.is_empty());
        }
    }
    match pki::parse_csr(data) {
        Ok(req) => {
            for s in &req.sans {
                let again = San::parse(&s.to_string()).expect("a CSR SAN renders to a parseable SAN");
                assert_eq!(&again, s);
            }
            assert!(!req.key_label.is_empty());
        }
        Err(e) => assert!(!e.0.is_empty()),
    }
    let now = time::OffsetDateTime::from_unix_timestamp(1_800_000_000).expect("valid");
    let v = vauth::lifecycle::verify::verify(data, None, &[], now);
    assert!(v.reason.is_some(), "nothing verifies without a CA");
    assert!(!v.message.is_empty());
    if let Ok(text) = std::str::from_utf8(data) {
        for line in text.lines().take(16) {
            if let Ok(s) = San::parse(line) {
                assert_eq!(San::parse(&s.to_string()).ok(), Some(s.clone()));
                let _ = pki::constraint_violation(&[s], &["example.com".into()], &[]);
            }
            if let Ok(c) = Cidr::parse(line) {
                assert!(c.contains(c.addr));
                assert_eq!(Cidr::parse(&c.to_string()).ok(), Some(c));
            }
            if let Some(n) = pki::normalize_serial(line) {
                assert_eq!(pki::normalize_serial(&n).as_deref(), Some(n.as_str()));
            }
            let _ = pki::parse_permit_dns(line);
        }
    }
});
