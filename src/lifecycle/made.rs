//! Keys a database makes (`key create NAME --on TARGET`, and rotations of such keys): ask the
//! target for the credential, probe it (it must authenticate, a wrong one must be refused), and
//! take it back on the server whenever it cannot be recorded, so that state.json never claims
//! what the database does not hold, and the database holds nothing vauth does not know of — or
//! the error names exactly what it still holds.
//!
//! No state is changed here: callers record the returned [`Pushed`] and commit.

use serde::Serialize;
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::remote::Connection;
use crate::error::{Error, Result};
use crate::remote::{Applied, Kind, PushSpec, RevokeSpec, TargetConfig};
use crate::store::state::Pushed;

/// Where a key made by a target lives, for the create/rotate report (`target` in --json).
#[derive(Debug, Clone, Serialize)]
pub struct OnReport {
    /// The target.
    pub name: String,
    /// Its kind.
    pub kind: &'static str,
    /// The user (or key name) on the server.
    pub user: String,
    /// The server's id of the key, when it has one.
    pub remote_id: Option<String>,
    /// Whether the probe passed.
    pub verified: bool,
}

impl OnReport {
    /// The report of push record `p` on a target of kind `kind`.
    pub fn of(p: &Pushed, kind: Kind) -> OnReport {
        OnReport {
            name: p.target.clone(),
            kind: kind.as_str(),
            user: p.user.clone(),
            remote_id: p.remote_id.clone(),
            verified: p.verified,
        }
    }
}

/// What the database holds for `user`/`remote_id`, in words.
pub fn describe(kind: Kind, user: &str, remote_id: Option<&str>) -> String {
    match (kind, remote_id) {
        (Kind::Weaviate, _) => format!("DB user {user:?}"),
        (_, Some(id)) => format!("API key {user:?} (id {id})"),
        (_, None) => format!("{user:?}"),
    }
}

fn revoke_spec(spec: &PushSpec, applied: &Applied) -> RevokeSpec {
    RevokeSpec {
        name: spec.name.clone(),
        user: applied.user.clone(),
        sha256: String::new(),
        user_still_used: false,
        others_live: false,
        remote_id: applied.remote_id.clone(),
    }
}

/// `e`, with what happened to the remote credential said after its message.
fn with_note(e: &Error, note: &str) -> Error {
    let mut e2 = Error::new(e.kind(), format!("{}; {note}", e.message()));
    if let Some(h) = e.hint_text() {
        e2 = e2.hint(h);
    }
    e2
}

/// Take a just-made credential back; the note says what the database holds now.
fn take_back(c: &mut Connection, kind: Kind, spec: &PushSpec, applied: &Applied) -> String {
    let what = describe(kind, &applied.user, applied.remote_id.as_deref());
    match c.revoke(&revoke_spec(spec, applied)) {
        Ok(_) => format!("{what} was taken back on the server; nothing was recorded"),
        Err(e) => format!(
            "taking it back failed ({}): the server STILL HOLDS {what}, which vauth does not record; remove it there",
            e.message()
        ),
    }
}

/// Let target `tname` make the credential for `spec` (with the rights of `prev`, on a
/// rotation), and probe it. `Ok` only when it verified: the push record to store and the
/// plaintext. On a failed probe the credential is taken back and the error says so.
pub fn create_on(
    tname: &str,
    cfg: &TargetConfig,
    spec: &PushSpec,
    prev: Option<&Pushed>,
    now: OffsetDateTime,
) -> Result<(Pushed, Zeroizing<String>)> {
    let mut c = Connection::open(tname, cfg)?;
    let mut spec = spec.clone();
    if let Some(p) = prev {
        c.inherit(p, &mut spec)?;
    }
    let (applied, secret) = c.create(&spec)?;
    if let Err(e) = c.probe(&applied.user, &secret) {
        let note = take_back(&mut c, cfg.kind, &spec, &applied);
        return Err(with_note(&e, &note));
    }
    Ok((
        Pushed {
            target: tname.to_string(),
            user: applied.user,
            remote_name: spec.name.clone(),
            at: now,
            verified: true,
            remote_id: applied.remote_id,
            pending: false,
            revoked_at: None,
        },
        secret,
    ))
}

/// The local record failed after the target made `p`: take it back, and say so in `e`.
pub fn undo(tname: &str, cfg: &TargetConfig, spec: &PushSpec, p: &Pushed, e: Error) -> Error {
    let applied = Applied {
        user: p.user.clone(),
        remote_id: p.remote_id.clone(),
        pending: false,
    };
    let note = match Connection::open(tname, cfg) {
        Ok(mut c) => take_back(&mut c, cfg.kind, spec, &applied),
        Err(e2) => format!(
            "taking it back failed ({}): the server STILL HOLDS {}; remove it there",
            e2.message(),
            describe(cfg.kind, &p.user, p.remote_id.as_deref())
        ),
    };
    with_note(&e, &note)
}
