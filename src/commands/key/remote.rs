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

use crate::error::{Error, Result};
use crate::remote::{AnyTarget, Applied, Kind, PushSpec, RevokeSpec, Target as _, TargetConfig};
use crate::store::state::Pushed;

/// Where a key made by a target lives, for the create/rotate report (`target` in --json).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct OnReport {
    pub(crate) name: String,
    pub(crate) kind: &'static str,
    pub(crate) user: String,
    pub(crate) remote_id: Option<String>,
    pub(crate) verified: bool,
}

impl OnReport {
    pub(crate) fn of(p: &Pushed, kind: Kind) -> OnReport {
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
pub(crate) fn describe(kind: Kind, user: &str, remote_id: Option<&str>) -> String {
    match (kind, remote_id) {
        (Kind::Weaviate, _) => format!("DB user {user:?}"),
        (_, Some(id)) => format!("API key {user:?} (id {id})"),
        (_, None) => format!("{user:?}"),
    }
}

/// Read `--role-descriptors FILE`: a JSON object.
pub(crate) fn read_role_descriptors(p: &std::path::Path) -> Result<serde_json::Value> {
    let text = crate::fsutil::read_limited(p, 1 << 20)
        .map_err(|e| Error::io("read the role descriptors", p, &e))?;
    let v: serde_json::Value = serde_json::from_slice(&text).map_err(|e| {
        Error::input(format!("{}: not JSON: {e}", p.display()))
            .hint("give a JSON object mapping role names to role descriptors")
    })?;
    if !v.is_object() {
        return Err(Error::input(format!("{}: not a JSON object", p.display())).hint(
            r#"e.g. {"read-vectors":{"indices":[{"names":["vectors-*"],"privileges":["read"]}]}}"#,
        ));
    }
    Ok(v)
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
async fn take_back(t: &mut AnyTarget, kind: Kind, spec: &PushSpec, applied: &Applied) -> String {
    let what = describe(kind, &applied.user, applied.remote_id.as_deref());
    match t.revoke(&revoke_spec(spec, applied)).await {
        Ok(_) => format!("{what} was taken back on the server; nothing was recorded"),
        Err(e) => format!(
            "taking it back failed ({}): the server STILL HOLDS {what}, which vauth does not record; remove it there",
            e.message()
        ),
    }
}

/// Give `spec` the rights the previous version `prev` holds on the server now.
async fn inherit(t: &mut AnyTarget, prev: &Pushed, spec: &mut PushSpec) -> Result<()> {
    match t {
        AnyTarget::Weaviate(w) => spec.roles = w.roles_of(&prev.user).await?,
        AnyTarget::Pinecone(p) => {
            if let Some(id) = &prev.remote_id {
                spec.roles = p.roles_of(id).await?;
            }
        }
        AnyTarget::Elasticsearch(e) => {
            if let Some(id) = &prev.remote_id {
                spec.role_descriptors = e.role_descriptors_of(id).await?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Let target `tname` make the credential for `spec` (with the rights of `prev`, on a
/// rotation), and probe it. `Ok` only when it verified: the push record to store and the
/// plaintext. On a failed probe the credential is taken back and the error says so.
pub(crate) fn create_on(
    tname: &str,
    cfg: &TargetConfig,
    spec: &PushSpec,
    prev: Option<&Pushed>,
    now: OffsetDateTime,
) -> Result<(Pushed, Zeroizing<String>)> {
    let mut t = AnyTarget::new(tname, cfg)?;
    let rt = crate::remote::runtime()?;
    rt.block_on(async {
        let mut spec = spec.clone();
        if let Some(p) = prev {
            inherit(&mut t, p, &mut spec).await?;
        }
        let (applied, secret) = t.create(&spec).await?;
        if let Err(e) = t.probe(&applied.user, &secret).await {
            let note = take_back(&mut t, cfg.kind, &spec, &applied).await;
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
    })
}

/// The local record failed after the target made `p`: take it back, and say so in `e`.
pub(crate) fn undo(
    tname: &str,
    cfg: &TargetConfig,
    spec: &PushSpec,
    p: &Pushed,
    e: Error,
) -> Error {
    let applied = Applied {
        user: p.user.clone(),
        remote_id: p.remote_id.clone(),
        pending: false,
    };
    let note = match AnyTarget::new(tname, cfg).and_then(|mut t| {
        let rt = crate::remote::runtime()?;
        Ok(rt.block_on(take_back(&mut t, cfg.kind, spec, &applied)))
    }) {
        Ok(n) => n,
        Err(e2) => format!(
            "taking it back failed ({}): the server STILL HOLDS {}; remove it there",
            e2.message(),
            describe(cfg.kind, &p.user, p.remote_id.as_deref())
        ),
    };
    with_note(&e, &note)
}
