//! JWT signing keys in the registry: names, algorithms and versions (never the key material).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::Status;
use crate::timefmt::serde_rfc3339;

/// A JWT signing key: a name, an algorithm, and its versions (one per rotation).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JwtKey {
    /// The name users address it by.
    pub name: String,
    /// The algorithm every version signs with.
    pub alg: crate::jwt::Alg,
    /// RSA modulus size, for RS*/PS* keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rsa_bits: Option<u32>,
    /// When the first version was made.
    #[serde(with = "serde_rfc3339")]
    pub created: OffsetDateTime,
    /// Versions, oldest first.
    pub versions: Vec<JwtKeyVersion>,
}

/// One version of a JWT signing key.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JwtKeyVersion {
    /// 1, 2, …
    pub version: u32,
    /// Key id: RFC 7638 thumbprint (asymmetric) or a random id (HMAC).
    pub kid: String,
    /// When it was made.
    #[serde(with = "serde_rfc3339")]
    pub created: OffsetDateTime,
    /// The public JWK (asymmetric keys only; HMAC keys are never published).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_jwk: Option<serde_json::Value>,
    /// Set when a successor replaced it: still verifies (and is published) until then.
    #[serde(
        default,
        with = "serde_rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub grace_until: Option<OffsetDateTime>,
    /// Set when retired: neither signs nor verifies from then on.
    #[serde(
        default,
        with = "serde_rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub retired_at: Option<OffsetDateTime>,
}

impl JwtKeyVersion {
    /// The status at `now`: active (signs), grace (verifies), or retired.
    pub fn status(&self, now: OffsetDateTime) -> Status {
        if self.retired_at.is_some_and(|t| t <= now) {
            return Status::Retired;
        }
        Status::of_grace(self.grace_until, now)
    }

    /// The vault entry of its private part.
    pub fn vault_entry(&self, key_name: &str) -> String {
        format!("jwt/{key_name}/{}", self.version)
    }
}

impl JwtKey {
    /// The version that signs: the newest neither replaced nor retired.
    pub fn current(&self) -> Option<&JwtKeyVersion> {
        self.versions
            .iter()
            .rev()
            .find(|v| v.grace_until.is_none() && v.retired_at.is_none())
    }

    /// The key's status at `now`: its current version's, else retired.
    pub fn status(&self, now: OffsetDateTime) -> Status {
        self.current().map_or(Status::Retired, |v| v.status(now))
    }
}
