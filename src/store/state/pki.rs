//! What state.json records about the CA and the certificates it issued. Never a private key:
//! those live in the vault under [`CA_ROOT_KEY`], [`CA_INTERMEDIATE_KEY`] and
//! [`IssuedCert::vault_entry`].

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::pki::Profile;
use crate::timefmt::serde_rfc3339;

/// Vault entry of the root CA's private key (PKCS#8 PEM).
pub const CA_ROOT_KEY: &str = "ca/root/key";
/// Vault entry of the intermediate CA's private key.
pub const CA_INTERMEDIATE_KEY: &str = "ca/intermediate/key";

/// The CA: a root, optionally an intermediate that does the issuing, and the CRL counter.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CaRecord {
    /// The root (trust anchor).
    pub root: CaCert,
    /// The intermediate, when `ca init --intermediate` made one; it then signs leaves and CRLs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intermediate: Option<CaCert>,
    /// The last CRL issued.
    #[serde(default)]
    pub crl: CrlRecord,
}

impl CaRecord {
    /// The CA that signs leaves and CRLs.
    pub fn issuing(&self) -> &CaCert {
        self.intermediate.as_ref().unwrap_or(&self.root)
    }
    /// The vault entry of the issuing CA's key.
    pub fn issuing_key_entry(&self) -> &'static str {
        if self.intermediate.is_some() {
            CA_INTERMEDIATE_KEY
        } else {
            CA_ROOT_KEY
        }
    }
    /// Certificates a leaf is sent with (the intermediate, if any).
    pub fn chain_pems(&self) -> Vec<&str> {
        self.intermediate.iter().map(|c| c.pem.as_str()).collect()
    }
    /// The trust bundle: root, then intermediate.
    pub fn bundle_pem(&self) -> String {
        let mut s = self.root.pem.clone();
        if let Some(i) = &self.intermediate {
            s.push_str(&i.pem);
        }
        s
    }
}

/// One CA certificate.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CaCert {
    /// Subject CN.
    pub cn: String,
    /// Key type (`EC P-256`, …).
    pub key_type: String,
    /// Serial (lowercase hex).
    pub serial: String,
    /// SHA-256 of the DER (hex).
    pub fingerprint: String,
    /// Validity start.
    #[serde(with = "serde_rfc3339")]
    pub not_before: OffsetDateTime,
    /// Validity end.
    #[serde(with = "serde_rfc3339")]
    pub not_after: OffsetDateTime,
    /// Path length constraint.
    pub pathlen: u8,
    /// Permitted DNS subtrees.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permit_dns: Vec<String>,
    /// Permitted IP subtrees (CIDR).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permit_ip: Vec<String>,
    /// The certificate (PEM).
    pub pem: String,
}

/// The CRL counter and the last CRL's window.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CrlRecord {
    /// The last CRL number issued (0: none yet).
    pub number: u64,
    /// The last CRL's thisUpdate.
    #[serde(
        default,
        with = "serde_rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub this_update: Option<OffsetDateTime>,
    /// The last CRL's nextUpdate: after it, servers that check CRLs refuse every client.
    #[serde(
        default,
        with = "serde_rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub next_update: Option<OffsetDateTime>,
}

/// A named certificate and every certificate issued under that name (renewals append).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CertRecord {
    /// The name.
    pub name: String,
    /// client or server.
    pub profile: Profile,
    /// Issued certificates, oldest first.
    pub issued: Vec<IssuedCert>,
}

impl CertRecord {
    /// The newest certificate.
    pub fn latest(&self) -> Option<&IssuedCert> {
        self.issued.last()
    }
}

/// One issued certificate.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IssuedCert {
    /// Serial (lowercase hex).
    pub serial: String,
    /// Subject CN.
    pub cn: String,
    /// SANs as `dns:…`, `ip:…`, `email:…`, `uri:…`.
    #[serde(default)]
    pub sans: Vec<String>,
    /// Key type.
    pub key_type: String,
    /// SHA-256 of the DER (hex).
    pub fingerprint: String,
    /// Fingerprint of the CA that signed it.
    pub issuer_fingerprint: String,
    /// Validity start.
    #[serde(with = "serde_rfc3339")]
    pub not_before: OffsetDateTime,
    /// Validity end.
    #[serde(with = "serde_rfc3339")]
    pub not_after: OffsetDateTime,
    /// When vauth issued it.
    #[serde(with = "serde_rfc3339")]
    pub issued_at: OffsetDateTime,
    /// Whether the private key is sealed in the vault (`--keep-key`).
    #[serde(default)]
    pub key_kept: bool,
    /// Whether it was signed from a CSR (vauth never saw the key).
    #[serde(default)]
    pub from_csr: bool,
    /// When it was revoked.
    #[serde(
        default,
        with = "serde_rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub revoked_at: Option<OffsetDateTime>,
    /// RFC 5280 reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revocation_reason: Option<String>,
    /// The certificate (PEM).
    pub pem: String,
    /// Where it was pushed (`vauth push CERT --to TARGET`: postgres CN roles).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pushed: Vec<crate::store::state::Pushed>,
}

/// A certificate's standing at some instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CertStatus {
    /// Valid.
    Active,
    /// notBefore is in the future.
    NotYetValid,
    /// Past notAfter.
    Expired,
    /// Revoked.
    Revoked,
}

impl CertStatus {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            CertStatus::Active => "active",
            CertStatus::NotYetValid => "not_yet_valid",
            CertStatus::Expired => "expired",
            CertStatus::Revoked => "revoked",
        }
    }
}

impl IssuedCert {
    /// Status at `now`.
    pub fn status(&self, now: OffsetDateTime) -> CertStatus {
        if self.revoked_at.is_some_and(|t| t <= now) {
            CertStatus::Revoked
        } else if now >= self.not_after {
            CertStatus::Expired
        } else if now < self.not_before {
            CertStatus::NotYetValid
        } else {
            CertStatus::Active
        }
    }

    /// The vault entry of its kept private key.
    pub fn vault_entry(&self, name: &str) -> String {
        format!("cert/{name}/{}/key", self.serial)
    }
}

impl super::records::Record for CertRecord {}
