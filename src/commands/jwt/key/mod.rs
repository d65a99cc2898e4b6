//! `vauth jwt key create|list|show|rotate|retire|export`: one module per verb, plus the view of a
//! key and its versions that their reports share.

mod create;
mod export;
mod list;
mod retire;
mod rotate;
mod show;

use serde::Serialize;
use serde_json::Value;
use time::OffsetDateTime;

use super::{Ctx, find, unknown};
use crate::cli::jwt::JwtKeyCommand;
use crate::error::{Outcome, Result};
use crate::store::state::{JwtKey, JwtKeyVersion};
use crate::timefmt::rfc3339;

/// Run `vauth jwt key …`.
pub(super) fn run(ctx: &Ctx<'_>, cmd: &JwtKeyCommand) -> Result<Outcome> {
    match cmd {
        JwtKeyCommand::Create(a) => create::run(ctx, a),
        JwtKeyCommand::List(a) => list::run(ctx, a),
        JwtKeyCommand::Show(a) => show::run(ctx, a),
        JwtKeyCommand::Rotate(a) => rotate::run(ctx, a),
        JwtKeyCommand::Retire(a) => retire::run(ctx, a),
        JwtKeyCommand::Export(a) => export::run(ctx, a),
    }
}

/// One version, as `--json` and tables show it.
#[derive(Serialize)]
struct VersionView {
    version: u32,
    kid: String,
    status: &'static str,
    created: String,
    grace_until: Option<String>,
    retired_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_jwk: Option<Value>,
}

/// One key.
#[derive(Serialize)]
struct KeyView {
    name: String,
    alg: &'static str,
    status: &'static str,
    current_version: Option<u32>,
    current_kid: Option<String>,
    created: String,
    versions: Vec<VersionView>,
}

fn version_view(v: &JwtKeyVersion, at: OffsetDateTime, with_jwk: bool) -> VersionView {
    VersionView {
        version: v.version,
        kid: v.kid.clone(),
        status: v.status(at).as_str(),
        created: rfc3339(v.created),
        grace_until: v.grace_until.map(rfc3339),
        retired_at: v.retired_at.map(rfc3339),
        public_jwk: if with_jwk { v.public_jwk.clone() } else { None },
    }
}

fn key_view(k: &JwtKey, at: OffsetDateTime, with_jwk: bool) -> KeyView {
    let cur = k.current().filter(|v| v.status(at).is_valid());
    KeyView {
        name: k.name.clone(),
        alg: k.alg.as_str(),
        status: k.status(at).as_str(),
        current_version: cur.map(|v| v.version),
        current_kid: cur.map(|v| v.kid.clone()),
        created: rfc3339(k.created),
        versions: k
            .versions
            .iter()
            .map(|v| version_view(v, at, with_jwk))
            .collect(),
    }
}
