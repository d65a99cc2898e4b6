//! The local CA's domain: key types, certificate parameters, SANs and name constraints, CSRs,
//! CRLs and PKCS#12. Pure over bytes and times: no files, no clock, no vault, no home (the
//! commands pass keys, PEM and `now` in). One crypto backend: rcgen and x509-parser on aws-lc-rs.
//!
//! Rules this module keeps (DESIGN.md §3): every certificate gets a random 159-bit serial and an
//! explicit validity; CAs are pathlen-constrained with keyCertSign + cRLSign and SKI/AKI; a client
//! leaf carries the clientAuth EKU only and digitalSignature; nothing is ever copied from a CSR
//! except its subject CN, its SANs and its public key.
//!
//! Where things are: [`keys`] (key types), [`serial`] (serials, fingerprints), [`names`] (SANs,
//! name constraints), [`ca`] (roots, intermediates, issuers), [`leaf`] (leaf certificates),
//! [`csr`], [`crl`], [`p12`]. Every item is re-exported here. Checking a presented certificate
//! against this home's CA reads the home, so it lives above the store, in `lifecycle::verify`.

pub mod ca;
pub mod crl;
pub mod csr;
pub mod keys;
pub mod leaf;
pub mod names;
pub mod p12;
pub mod serial;

use std::fmt;

use x509_parser::prelude::*;

pub use ca::{CaSpec, load_issuer, make_intermediate, make_root};
pub use crl::{REASONS, Revoked, make_crl, valid_reason};
pub use csr::{CsrRequest, parse_csr};
pub use keys::{
    KeySpec, key_is_rsa, key_label, key_matches_cert, key_pem, parse_private_key, spki_label,
};
pub use leaf::{LeafSpec, Profile, Signed, sign_leaf};
pub use names::{Cidr, San, constraint_violation, dns_permitted, parse_permit_dns};
pub use p12::make_p12;
pub use serial::{fingerprint, normalize_serial, random_serial, serial_hex, serial_of};

/// The largest certificate, CSR or key file vauth reads.
pub const MAX_PEM_BYTES: u64 = 1 << 20;

/// A failure in the PKI domain; the commands turn it into an `Error` with a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PkiError(pub String);

impl fmt::Display for PkiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PkiError {}

impl PkiError {
    /// As a usage error (exit 2): a flag's value was wrong.
    pub fn usage(self, hint: &str) -> crate::error::Error {
        crate::error::Error::usage(self.0).hint(hint)
    }

    /// As an input error (exit 3): a file's content was wrong.
    pub fn input(self, hint: &str) -> crate::error::Error {
        crate::error::Error::input(self.0).hint(hint)
    }
}

/// Parameters with the subject CN `cn` and the validity `not_before`..`not_after`, the rest at
/// rcgen's defaults: where every certificate this module makes starts.
fn subject_params(
    cn: &str,
    not_before: ::time::OffsetDateTime,
    not_after: ::time::OffsetDateTime,
) -> rcgen::CertificateParams {
    let mut p = rcgen::CertificateParams::default();
    let mut dn = rcgen::DistinguishedName::new();
    dn.push(rcgen::DnType::CommonName, cn);
    p.distinguished_name = dn;
    p.not_before = not_before;
    p.not_after = not_after;
    p
}

fn err(s: impl Into<String>) -> PkiError {
    PkiError(s.into())
}

/// The domain's result type.
pub type PkiResult<T> = Result<T, PkiError>;

/// Every `-----BEGIN <label>-----` block of `label` in `data`, as DER; DER input (starting with a
/// SEQUENCE tag) is returned as the one block.
pub fn pem_blocks(data: &[u8], label: &str) -> PkiResult<Vec<Vec<u8>>> {
    if data.first() == Some(&0x30) {
        return Ok(vec![data.to_vec()]);
    }
    let mut out = Vec::new();
    for p in Pem::iter_from_buffer(data) {
        let p = p.map_err(|e| err(format!("not valid PEM: {e}")))?;
        if p.label == label {
            out.push(p.contents);
        }
    }
    if out.is_empty() {
        return Err(err(format!("no {label} block found")));
    }
    Ok(out)
}
