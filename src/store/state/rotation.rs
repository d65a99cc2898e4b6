//! The rotation journal: API-key rotations `vauth rotate apply` started and has not finished.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::Pushed;
use crate::timefmt::serde_rfc3339;

/// An API-key rotation in flight. `vauth rotate apply` writes it before each step acts and after,
/// so a run killed at any instant resumes it on the next run: the same successor (sealed in the
/// vault at `apikey/<name>/<to_version>`), no second remote user or key.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Rotation {
    /// The version being replaced.
    pub from_version: u32,
    /// The successor's version number.
    pub to_version: u32,
    /// SHA-256 (hex) of the successor.
    pub sha256: String,
    /// The successor's public id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// When the rotation began (the successor's creation time).
    #[serde(with = "serde_rfc3339")]
    pub started: OffsetDateTime,
    /// The successor's expiry.
    #[serde(
        default,
        with = "serde_rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub expires: Option<OffsetDateTime>,
    /// The predecessor's grace once the successor is current, in seconds.
    pub grace_seconds: i64,
    /// The targets the successor must reach and probe on.
    pub targets: Vec<String>,
    /// Where the successor is now (one per target, the last attempt).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pushed: Vec<Pushed>,
    /// The step being taken or last taken.
    pub stage: RotationStage,
    /// Every step, before (`done: false`) and after (`done: true`) it acted.
    #[serde(default)]
    pub steps: Vec<JournalStep>,
    /// Why the last attempt stopped, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Where a journaled rotation stands.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RotationStage {
    /// The successor exists (vault + journal), not yet on every target.
    Created,
    /// A push to a target is under way.
    Pushing,
    /// The successor is current; the outputs remain to be written.
    Current,
}

/// One journaled step.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JournalStep {
    /// `create`, `push`, `current`, `outputs`.
    pub step: String,
    /// The target of a `push`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// When.
    #[serde(with = "serde_rfc3339")]
    pub at: OffsetDateTime,
    /// `false`: about to act; `true`: acted.
    pub done: bool,
    /// How it went (when done).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// One remote take-back that was begun: the push of an API-key version or a certificate to a
/// target, which vauth was about to revoke there (or did, and was killed before recording it).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Revoking {
    /// The API key's or certificate's name.
    pub credential: String,
    /// The API-key version (absent for a certificate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    /// The certificate's serial (absent for an API key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    /// The target it is taken back on.
    pub target: String,
    /// When the take-back began.
    #[serde(with = "serde_rfc3339")]
    pub at: OffsetDateTime,
}

impl Revoking {
    /// Whether this is the take-back of the same push as `other` (its time aside).
    pub fn same_push(&self, other: &Revoking) -> bool {
        self.credential == other.credential
            && self.version == other.version
            && self.serial == other.serial
            && self.target == other.target
    }
}
