//! `vauth rotate finalize` (and the finalize half of plain `vauth rotate`): revoke the versions
//! whose grace has ended — an API key's never without a successor that probed on every target
//! it lives on; superseded certificates (their CN roles taken back); JWT keys retired.

use serde::Serialize;

use super::{Ctx, lock_wait};
use crate::audit::AuditEvent;
use crate::config::policy::Policy;
use crate::error::{Error, Result};
use crate::lifecycle::revoke::{revoke_cert_pushes, revoke_remote};
use crate::output::Ui;
use crate::policy::expand;
use crate::store::state::pki::CertRecord;
use crate::store::state::{ApiKey, JwtKey};
use crate::store::{OpenMode, Session};
use crate::timefmt::Span;
use time::OffsetDateTime;

/// What a finalize run did.
#[derive(Default, Serialize)]
pub(super) struct Finalized {
    pub(super) revoked: Vec<FinalRow>,
    held: Vec<FinalRow>,
    #[serde(skip)]
    pub(super) first_err: Option<Error>,
}

/// One version revoked, or kept (with why).
#[derive(Serialize)]
pub(super) struct FinalRow {
    credential: String,
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

impl Finalized {
    /// The human lines (notes) of what was revoked and kept.
    pub(super) fn human(&self, ui: &Ui) {
        for r in &self.revoked {
            ui.note(&format!(
                "finalized {} v{}: revoked",
                r.credential, r.version
            ));
        }
        for r in &self.held {
            ui.note(&format!(
                "kept {} v{}: {}",
                r.credential,
                r.version,
                r.reason.as_deref().unwrap_or("")
            ));
        }
    }
}

/// Finalize every credential with a policy (`only` narrows it), under the home's lock.
pub(super) fn finalize(
    ctx: &Ctx<'_>,
    only: &[String],
    lock_timeout: Option<Span>,
) -> Result<Finalized> {
    let mut s = ctx.open_waiting(OpenMode::Write, lock_wait(lock_timeout))?;
    let now = s.now;
    let names: Vec<String> = expand(&s.state, &s.config.policy)
        .iter()
        .map(|p| p.credential.clone())
        .filter(|n| only.is_empty() || only.contains(n))
        .collect();
    let mut out = Finalized::default();
    let mut changed = Vec::new();
    for name in names {
        if let Some(k) = s.state.api_keys.get(&name).cloned() {
            finalize_key(ctx, &mut s, &name, &k, &mut out, &mut changed);
        } else if let Some(r) = s.state.certs.get(&name).cloned() {
            finalize_cert(ctx, &mut s, &name, &r, &mut out, &mut changed);
        } else if let Some(k) = s.state.jwt_keys.get_mut(&name) {
            finalize_jwt(now, &name, k, &mut out, &mut changed);
        }
    }
    if !changed.is_empty() || out.first_err.is_some() {
        s.commit(AuditEvent::new("rotate.finalize").detail("revoked", changed.join(",")))?;
    }
    Ok(out)
}

/// Revoke the versions of API key `name` (`k`) whose grace ended, each only when the current
/// version probed on every target it lives on and no rotation of the key is unfinished.
fn finalize_key(
    ctx: &Ctx<'_>,
    s: &mut Session,
    name: &str,
    k: &ApiKey,
    out: &mut Finalized,
    changed: &mut Vec<String>,
) {
    let now = s.now;
    let Some(cur) = k.current().cloned() else {
        return;
    };
    for v in k
        .versions
        .iter()
        .filter(|v| v.revoked_at.is_none() && v.grace_until.is_some_and(|g| g <= now))
    {
        // Never without a successor that probed on every target this one lives on.
        let missing: Vec<String> = v
            .pushed
            .iter()
            .filter(|p| p.revoked_at.is_none())
            .filter(|p| {
                !cur.pushed
                    .iter()
                    .any(|q| q.target == p.target && q.verified && q.revoked_at.is_none())
            })
            .map(|p| p.target.clone())
            .collect();
        if !missing.is_empty() || s.state.rotations.contains_key(name) {
            out.held.push(FinalRow {
                credential: name.to_string(),
                version: v.version,
                reason: Some(if missing.is_empty() {
                    "a rotation of this key is unfinished".to_string()
                } else {
                    format!(
                        "its successor v{} has not probed on {}",
                        cur.version,
                        missing.join(", ")
                    )
                }),
            });
            continue;
        }
        let (log, err) = revoke_remote(s, name, &[v.version], false);
        for l in log {
            ctx.ui.debug(&l);
        }
        if let Some(e) = err {
            out.held.push(FinalRow {
                credential: name.to_string(),
                version: v.version,
                reason: Some(e.message().to_string()),
            });
            out.first_err.get_or_insert(e);
            continue;
        }
        if let Some(x) = s
            .state
            .api_keys
            .get_mut(name)
            .and_then(|k| k.versions.iter_mut().find(|x| x.version == v.version))
        {
            x.revoked_at = Some(now);
        }
        changed.push(format!("{name}:v{}", v.version));
        out.revoked.push(FinalRow {
            credential: name.to_string(),
            version: v.version,
            reason: None,
        });
    }
}

/// Revoke the certificates of `name` (`r`) superseded longer than the policy's grace, and take
/// their pushes back.
fn finalize_cert(
    ctx: &Ctx<'_>,
    s: &mut Session,
    name: &str,
    r: &CertRecord,
    out: &mut Finalized,
    changed: &mut Vec<String>,
) {
    let now = s.now;
    let grace = s
        .config
        .policy
        .iter()
        .find(|p| crate::policy::glob(&p.credential, name))
        .and_then(Policy::grace)
        .map_or(time::Duration::ZERO, |g| g.duration());
    let old: Vec<(String, String)> = crate::policy::superseded(r, grace, now)
        .into_iter()
        .map(|i| (name.to_string(), r.issued[i].serial.clone()))
        .collect();
    if old.is_empty() {
        return;
    }
    for (_, serial) in &old {
        if let Some(c) = s
            .state
            .certs
            .get_mut(name)
            .and_then(|r| r.issued.iter_mut().find(|c| &c.serial == serial))
        {
            c.revoked_at = Some(now);
            c.revocation_reason = Some("superseded".to_string());
        }
    }
    let (log, err) = revoke_cert_pushes(s, &old);
    for l in log {
        ctx.ui.debug(&l);
    }
    if let Some(e) = err {
        out.first_err.get_or_insert(e);
    }
    for (_, serial) in &old {
        let v = r
            .issued
            .iter()
            .position(|c| &c.serial == serial)
            .unwrap_or(0) as u32
            + 1;
        changed.push(format!("{name}:{serial}"));
        out.revoked.push(FinalRow {
            credential: name.to_string(),
            version: v,
            reason: None,
        });
    }
}

/// Retire the versions of JWT key `name` (`k`) whose grace ended.
fn finalize_jwt(
    now: OffsetDateTime,
    name: &str,
    k: &mut JwtKey,
    out: &mut Finalized,
    changed: &mut Vec<String>,
) {
    for v in k
        .versions
        .iter_mut()
        .filter(|v| v.retired_at.is_none() && v.grace_until.is_some_and(|g| g <= now))
    {
        v.retired_at = Some(now);
        changed.push(format!("{name}:v{}", v.version));
        out.revoked.push(FinalRow {
            credential: name.to_string(),
            version: v.version,
            reason: None,
        });
    }
}
