//! Taking pushed credentials back on their targets: API key versions (never without a verified
//! successor, unless it is an explicit stop) and the login roles of revoked certificates.
//!
//! Every take-back is journaled (state.json `revoking`): recorded and committed before the
//! database is asked, recorded done and committed after it answered, one push at a time. A run
//! killed anywhere leaves either nothing begun, or the take-back in the journal, which the next
//! `rotate finalize` / `vauth rotate` / `key revoke` / `cert revoke` asks again — the targets'
//! revokes read what the server holds first, so asking twice is harmless — and then records.

use super::remote::Connection;
use super::targets::resolve;
use crate::audit::AuditEvent;
use crate::error::{Error, ErrorKind, Result};
use crate::remote::{RevokeSpec, TargetConfig};
use crate::store::Session;
use crate::store::state::{KeyVersion, Revoking};
use crate::testpoints::crash_point;

/// Take one pushed credential back on target `tname` (its own connection).
pub fn revoke_on(tname: &str, cfg: &TargetConfig, spec: &RevokeSpec) -> Result<Vec<String>> {
    let mut c = Connection::open(tname, cfg)?;
    let r = c.revoke(spec);
    let _ = c.finish();
    r
}

/// Why a journaled take-back stopped.
enum Failed {
    /// The target (or its config) failed: the take-back stays journaled for the next run.
    Remote(Error),
    /// The home could not be written: stop everything.
    Local(Error),
}

/// The audit event of take-back `r` at `stage` (`revoke.begin`, `revoke.done`).
fn event(stage: &str, r: &Revoking) -> AuditEvent {
    let ev = AuditEvent::new(stage)
        .detail("name", &r.credential)
        .detail("target", &r.target);
    match (r.version, &r.serial) {
        (Some(v), _) => ev.detail("version", v.to_string()),
        (None, Some(sr)) => ev.detail("serial", sr),
        (None, None) => ev,
    }
}

/// Take the push `r` names back on its target with the spec `spec` makes from the target's
/// config, journaled (see the module doc): the commands run, each prefixed `TARGET: `.
fn take_back(
    s: &mut Session,
    r: Revoking,
    spec: impl FnOnce(&TargetConfig) -> RevokeSpec,
) -> std::result::Result<Vec<String>, Failed> {
    s.state.begin_revoking(r.clone());
    s.commit(event("revoke.begin", &r)).map_err(Failed::Local)?;
    crash_point("revoke-before-remote");
    let target = r.target.clone();
    let cmds = resolve(s, &target)
        .and_then(|cfg| revoke_on(&target, &cfg, &spec(&cfg)))
        .map_err(Failed::Remote)?;
    crash_point("revoke-after-remote");
    let now = s.now;
    let push = match (r.version, &r.serial) {
        (Some(v), _) => s
            .state
            .key_push_mut(&r.credential, v, &target)
            .map_err(Failed::Local)?,
        (None, Some(sr)) => s
            .state
            .cert_push_mut(&r.credential, sr, &target)
            .map_err(Failed::Local)?,
        (None, None) => None,
    };
    if let Some(p) = push {
        p.revoked_at.get_or_insert(now);
    }
    s.state.end_revoking(&r);
    s.commit(event("revoke.done", &r)).map_err(Failed::Local)?;
    Ok(cmds.into_iter().map(|c| format!("{target}: {c}")).collect())
}

/// Take versions `versions` of `name` back on every target they were pushed to. A version with
/// a newer live version is taken back on a target only when that newer version was pushed there
/// and verified (never revoke without a verified successor); the newest live version, or every
/// version (`all`), is an explicit stop and always taken back. Each push is journaled, taken
/// back and recorded revoked with its own commits (module doc); the versions themselves are the
/// caller's to record. Returns the commands run and the first error (a home that cannot be
/// written stops at once).
pub fn revoke_remote(
    s: &mut Session,
    name: &str,
    versions: &[u32],
    all: bool,
) -> (Vec<String>, Option<Error>) {
    let k = match s.state.api_keys.get(name) {
        Ok(Some(k)) => k.clone(),
        Ok(None) => return (Vec::new(), None),
        Err(e) => return (Vec::new(), Some(e)),
    };
    let mut log = Vec::new();
    let mut first_err = None;
    for v in k.versions.iter().filter(|v| versions.contains(&v.version)) {
        for p in v.pushed.iter().filter(|p| p.revoked_at.is_none()) {
            let live_others: Vec<&KeyVersion> = k
                .versions
                .iter()
                .filter(|x| {
                    !versions.contains(&x.version)
                        && x.revoked_at.is_none()
                        && x.pushed
                            .iter()
                            .any(|q| q.target == p.target && q.revoked_at.is_none())
                })
                .collect();
            let has_newer = k.versions.iter().any(|x| {
                x.version > v.version && x.revoked_at.is_none() && !versions.contains(&x.version)
            });
            if !all && has_newer {
                let newer_verified = live_others.iter().any(|x| {
                    x.version > v.version
                        && x.pushed.iter().any(|q| q.target == p.target && q.verified)
                });
                if !newer_verified {
                    first_err.get_or_insert(
                        Error::new(
                            ErrorKind::Remote,
                            format!(
                                "target {}: not revoking {name} v{} there: no newer version was pushed and verified on it",
                                p.target, v.version
                            ),
                        )
                        .hint(format!("push the current version first (`vauth push {name} --to {}`)", p.target)),
                    );
                    continue;
                }
            }
            let r = Revoking {
                credential: name.to_string(),
                version: Some(v.version),
                serial: None,
                target: p.target.clone(),
                at: s.now,
            };
            let res = take_back(s, r, |cfg| RevokeSpec {
                name: p.remote_name.clone(),
                user: p.user.clone(),
                sha256: v.sha256.clone(),
                // Kinds with alternating login users: a live version may sit on the same one.
                user_still_used: cfg.kind.alternates_users()
                    && live_others.iter().any(|x| {
                        x.pushed
                            .iter()
                            .any(|q| q.target == p.target && q.user == p.user)
                    }),
                others_live: !live_others.is_empty(),
                remote_id: p.remote_id.clone(),
            });
            match res {
                Ok(lines) => log.extend(lines),
                Err(Failed::Remote(e)) => {
                    first_err.get_or_insert(e);
                }
                Err(Failed::Local(e)) => return (log, Some(e)),
            }
        }
    }
    (log, first_err)
}

/// The CNs that an active certificate of this home other than `certs` (name, serial) has.
fn other_live_cns(
    s: &Session,
    certs: &[(String, String)],
) -> Result<std::collections::BTreeSet<String>> {
    let now = s.now;
    Ok(s.state
        .certs
        .values()?
        .flat_map(|r| {
            r.issued.iter().filter(|x| {
                !certs.iter().any(|(n, sr)| n == &r.name && sr == &x.serial)
                    && x.status(now) == crate::store::state::pki::CertStatus::Active
            })
        })
        .map(|x| x.cn.clone())
        .collect())
}

/// Take back, on every target, the pushes of the certificates `certs` (name, serial) that are
/// being revoked: postgres `NOLOGIN` + end its sessions — unless another valid certificate of
/// this home has the same CN (a renewal logs in as the same role). Journaled and committed per
/// push as [`revoke_remote`]; returns what was run and the first error.
pub fn revoke_cert_pushes(
    s: &mut Session,
    certs: &[(String, String)],
) -> (Vec<String>, Option<Error>) {
    let mut log = Vec::new();
    let mut first_err = None;
    // The CNs that another valid certificate of this home still logs in as: read once, and
    // only when there is a push to take back (it walks every certificate bucket; the
    // take-backs below change no certificate outside `certs`).
    let now = s.now;
    let mut live_cns: Option<std::collections::BTreeSet<String>> = None;
    for (name, serial) in certs {
        let found = s.state.certs.get(name).map(|r| {
            r.and_then(|r| r.issued.iter().find(|c| &c.serial == serial))
                .cloned()
        });
        let c = match found {
            Ok(Some(c)) => c,
            Ok(None) => continue,
            Err(e) => return (log, Some(e)),
        };
        for p in c.pushed.iter().filter(|p| p.revoked_at.is_none()) {
            if live_cns.is_none() {
                match other_live_cns(s, certs) {
                    Ok(l) => live_cns = Some(l),
                    Err(e) => return (log, Some(e)),
                }
            }
            let still_used = live_cns.as_ref().is_some_and(|l| l.contains(&p.user));
            let r = Revoking {
                credential: name.clone(),
                version: None,
                serial: Some(serial.clone()),
                target: p.target.clone(),
                at: now,
            };
            let res = take_back(s, r, |_| RevokeSpec {
                name: p.user.clone(),
                user: p.user.clone(),
                sha256: String::new(),
                user_still_used: still_used,
                others_live: still_used,
                remote_id: None,
            });
            match res {
                Ok(lines) => {
                    if still_used {
                        log.push(format!(
                            "{}: role {} kept: another valid certificate logs in as it",
                            p.target, p.user
                        ));
                    }
                    log.extend(lines);
                }
                Err(Failed::Remote(e)) => {
                    first_err.get_or_insert(e);
                }
                Err(Failed::Local(e)) => return (log, Some(e)),
            }
        }
    }
    (log, first_err)
}
