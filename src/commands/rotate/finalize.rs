//! `vauth rotate finalize` (and the finalize half of plain `vauth rotate`): revoke the versions
//! whose grace has ended — an API key's never without a successor that probed on every target
//! it lives on; superseded certificates (their CN roles taken back); JWT keys retired.

use serde::Serialize;

use super::{Ctx, lock_wait};
use crate::audit::AuditEvent;
use crate::config::policy::Policy;
use crate::error::{Error, Result};
use crate::lifecycle::revoke::{revoke_cert_pushes, revoke_remote};
use crate::output::{Report, Ui};
use crate::policy::expand;
use crate::store::state::pki::CertRecord;
use crate::store::state::{ApiKey, JwtKey, State};
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
    /// The held row whose reason is `first_err` (printed once, as the error, not as a note).
    #[serde(skip)]
    first_err_row: Option<usize>,
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
    /// The human lines (notes) of what was revoked and kept — but not the first error, which
    /// the run ends with.
    pub(super) fn human(&self, ui: &Ui) {
        for r in &self.revoked {
            ui.note(&format!(
                "finalized {} v{}: revoked",
                r.credential, r.version
            ));
        }
        for (i, r) in self.held.iter().enumerate() {
            if Some(i) == self.first_err_row {
                continue;
            }
            ui.note(&format!(
                "kept {} v{}: {}",
                r.credential,
                r.version,
                r.reason.as_deref().unwrap_or("")
            ));
        }
    }

    /// Keep version `version` of `credential` because of `e` (the run fails with the first).
    fn failed(&mut self, credential: &str, version: u32, e: Error) {
        if self.first_err.is_none() {
            self.first_err_row = Some(self.held.len());
        }
        self.held.push(FinalRow {
            credential: credential.to_string(),
            version,
            reason: Some(e.message().to_string()),
        });
        self.first_err.get_or_insert(e);
    }

    fn revoked(&mut self, credential: &str, version: u32) {
        self.revoked.push(FinalRow {
            credential: credential.to_string(),
            version,
            reason: None,
        });
    }
}

/// `rotate finalize` alone: its report, the same object as `vauth rotate`'s with nothing
/// rotated (docs/json.md); on failure the human notes leave out "Nothing was due." and the
/// error, which follows once.
#[derive(Serialize)]
pub(super) struct FinalizeOnly<'a> {
    rotated: [(); 0],
    failed: [(); 0],
    skipped: [(); 0],
    finalized: &'a Finalized,
}

impl<'a> FinalizeOnly<'a> {
    /// The report of `f`.
    pub(super) fn of(f: &'a Finalized) -> FinalizeOnly<'a> {
        FinalizeOnly {
            rotated: [],
            failed: [],
            skipped: [],
            finalized: f,
        }
    }
}

impl Report for FinalizeOnly<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        self.finalized.human(ui);
        if self.finalized.revoked.is_empty() && self.finalized.first_err.is_none() {
            ui.note("Nothing was due.");
        }
        Ok(())
    }
}

/// Finalize every credential with a policy (`only` narrows it), and finish every take-back an
/// earlier run left unfinished (a version the record revoked whose push a target may still
/// hold, a journaled take-back), under the home's lock. Commits per credential (and per push:
/// lifecycle::revoke); a home that cannot be written ends the run.
pub(super) fn finalize(
    ctx: &Ctx<'_>,
    only: &[String],
    lock_timeout: Option<Span>,
) -> Result<Finalized> {
    let mut s = ctx.open_waiting(OpenMode::Write, lock_wait(lock_timeout))?;
    let mut names: Vec<String> = expand(&s.state, &s.config.policy)?
        .iter()
        .map(|p| p.credential.clone())
        .collect();
    let with_policy = names.clone();
    for n in pending_names(&s.state)? {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names.retain(|n| only.is_empty() || only.contains(n));
    let mut out = Finalized::default();
    for name in names {
        let mut changed = Vec::new();
        let policy = with_policy.contains(&name);
        if s.state.api_keys.contains_key(&name)? {
            resume_key(ctx, &mut s, &name, &mut out, &mut changed)?;
            if let Some(k) = s.state.api_keys.get(&name)?.cloned().filter(|_| policy) {
                finalize_key(ctx, &mut s, &name, &k, &mut out, &mut changed)?;
            }
        } else if s.state.certs.contains_key(&name)? {
            resume_cert(ctx, &mut s, &name, &mut out, &mut changed)?;
            if let Some(r) = s.state.certs.get(&name)?.cloned().filter(|_| policy) {
                finalize_cert(ctx, &mut s, &name, &r, &mut out, &mut changed)?;
            }
        } else if let Some(k) = s.state.jwt_keys.get_mut(&name) {
            finalize_jwt(s.now, &name, k, &mut out, &mut changed);
        }
        if !changed.is_empty() {
            s.commit(AuditEvent::new("rotate.finalize").detail("revoked", changed.join(",")))?;
        }
    }
    Ok(out)
}

/// Credentials with a take-back left unfinished ([`State::key_push_pending`]).
fn pending_names(st: &State) -> Result<Vec<String>> {
    let keys = st.api_keys.values()?.filter(|k| {
        k.versions
            .iter()
            .any(|v| v.pushed.iter().any(|p| st.key_push_pending(&k.name, v, p)))
    });
    let certs = st.certs.values()?.filter(|r| {
        r.issued
            .iter()
            .any(|c| c.pushed.iter().any(|p| st.cert_push_pending(&r.name, c, p)))
    });
    Ok(keys
        .map(|k| k.name.clone())
        .chain(certs.map(|r| r.name.clone()))
        .collect())
}

/// Finish the take-backs of API key `name` an earlier run left: the pushes of versions the
/// record revoked, and journaled ones (of a version an earlier finalize was revoking: recorded
/// revoked once every push of it is taken back).
fn resume_key(
    ctx: &Ctx<'_>,
    s: &mut Session,
    name: &str,
    out: &mut Finalized,
    changed: &mut Vec<String>,
) -> Result<()> {
    let pending = |s: &Session| -> Result<Vec<u32>> {
        Ok(s.state.api_keys.get(name)?.map_or_else(Vec::new, |k| {
            k.versions
                .iter()
                .filter(|v| {
                    v.pushed
                        .iter()
                        .any(|p| s.state.key_push_pending(name, v, p))
                })
                .map(|v| v.version)
                .collect()
        }))
    };
    let todo = pending(s)?;
    if todo.is_empty() {
        return Ok(());
    }
    let (log, err) = revoke_remote(s, name, &todo, false);
    for l in log {
        ctx.ui.remote_log(&l);
    }
    let left = pending(s)?;
    let now = s.now;
    for v in &todo {
        if left.contains(v) {
            continue;
        }
        if let Some(x) = s.state.key_version_mut(name, *v)? {
            x.revoked_at.get_or_insert(now);
        }
        changed.push(format!("{name}:v{v}"));
        out.revoked(name, *v);
    }
    if let Some(e) = err {
        let v = left.first().copied().unwrap_or_default();
        out.failed(name, v, e);
    }
    Ok(())
}

/// Finish the take-backs of certificate `name` an earlier run left.
fn resume_cert(
    ctx: &Ctx<'_>,
    s: &mut Session,
    name: &str,
    out: &mut Finalized,
    changed: &mut Vec<String>,
) -> Result<()> {
    let pending = |s: &Session| -> Result<Vec<String>> {
        Ok(s.state.certs.get(name)?.map_or_else(Vec::new, |r| {
            r.issued
                .iter()
                .filter(|c| {
                    c.pushed
                        .iter()
                        .any(|p| s.state.cert_push_pending(name, c, p))
                })
                .map(|c| c.serial.clone())
                .collect()
        }))
    };
    let todo = pending(s)?;
    let Some(r) = s
        .state
        .certs
        .get(name)?
        .cloned()
        .filter(|_| !todo.is_empty())
    else {
        return Ok(());
    };
    let certs: Vec<(String, String)> = todo
        .iter()
        .map(|sr| (name.to_string(), sr.clone()))
        .collect();
    let (log, err) = revoke_cert_pushes(s, &certs);
    for l in log {
        ctx.ui.remote_log(&l);
    }
    let left = pending(s)?;
    for serial in todo.iter().filter(|sr| !left.contains(sr)) {
        changed.push(format!("{name}:{serial}"));
        out.revoked(name, ordinal(&r, serial));
    }
    if let Some(e) = err {
        let v = left.first().map_or(0, |sr| ordinal(&r, sr));
        out.failed(name, v, e);
    }
    Ok(())
}

/// The ordinal (1 = first issued) of certificate `serial` of `r`.
fn ordinal(r: &CertRecord, serial: &str) -> u32 {
    r.issued
        .iter()
        .position(|c| c.serial == serial)
        .unwrap_or(0) as u32
        + 1
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
) -> Result<()> {
    let now = s.now;
    let Some(cur) = k.current().cloned() else {
        return Ok(());
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
            ctx.ui.remote_log(&l);
        }
        if let Some(e) = err {
            out.failed(name, v.version, e);
            continue;
        }
        if let Some(x) = s.state.key_version_mut(name, v.version)? {
            x.revoked_at = Some(now);
        }
        changed.push(format!("{name}:v{}", v.version));
        out.revoked(name, v.version);
    }
    Ok(())
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
) -> Result<()> {
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
        return Ok(());
    }
    for (_, serial) in &old {
        if let Some(c) = s
            .state
            .certs
            .get_mut(name)?
            .and_then(|r| r.issued.iter_mut().find(|c| &c.serial == serial))
        {
            c.revoked_at = Some(now);
            c.revocation_reason = Some("superseded".to_string());
        }
    }
    // The record first (each take-back below commits it): the next run finishes what a kill
    // leaves (resume_cert).
    let (log, err) = revoke_cert_pushes(s, &old);
    for l in log {
        ctx.ui.remote_log(&l);
    }
    for (_, serial) in &old {
        changed.push(format!("{name}:{serial}"));
        out.revoked(name, ordinal(r, serial));
    }
    if let Some(e) = err {
        out.first_err.get_or_insert(e);
    }
    Ok(())
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
        out.revoked(name, v.version);
    }
}
