//! Taking pushed credentials back on their targets: API key versions (never without a verified
//! successor, unless it is an explicit stop) and the login roles of revoked certificates.

use super::remote::Connection;
use super::targets::resolve;
use crate::error::{Error, ErrorKind, Result};
use crate::remote::{RevokeSpec, TargetConfig};
use crate::store::Session;
use crate::store::state::KeyVersion;

/// Take one pushed credential back on target `tname` (its own connection).
pub fn revoke_on(tname: &str, cfg: &TargetConfig, spec: &RevokeSpec) -> Result<Vec<String>> {
    let mut c = Connection::open(tname, cfg)?;
    let r = c.revoke(spec);
    let _ = c.finish();
    r
}

/// Take one push back on `target` with the spec `spec` makes from the target's config: the
/// commands run, each prefixed `TARGET: `.
fn take_back(
    s: &mut Session,
    target: &str,
    spec: impl FnOnce(&TargetConfig) -> RevokeSpec,
) -> Result<Vec<String>> {
    let cfg = resolve(s, target)?;
    let cmds = revoke_on(target, &cfg, &spec(&cfg))?;
    Ok(cmds.into_iter().map(|c| format!("{target}: {c}")).collect())
}

/// Take versions `versions` of `name` back on every target they were pushed to. A version with
/// a newer live version is taken back on a target only when that newer version was pushed there
/// and verified (never revoke without a verified successor); the newest live version, or every
/// version (`all`), is an explicit stop and always taken back. Marks the pushes revoked in the
/// session; returns the commands run and the first error.
pub fn revoke_remote(
    s: &mut Session,
    name: &str,
    versions: &[u32],
    all: bool,
) -> (Vec<String>, Option<Error>) {
    let Some(k) = s.state.api_keys.get(name).cloned() else {
        return (Vec::new(), None);
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
            let r = take_back(s, &p.target, |cfg| RevokeSpec {
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
            match r {
                Ok(lines) => {
                    log.extend(lines);
                    let now = s.now;
                    if let Some(x) = s.state.key_push_mut(name, v.version, &p.target) {
                        x.revoked_at = Some(now);
                    }
                }
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
    }
    (log, first_err)
}

/// Take back, on every target, the pushes of the certificates `certs` (name, serial) that are
/// being revoked: postgres `NOLOGIN` + end its sessions — unless another valid certificate of
/// this home has the same CN (a renewal logs in as the same role). Marks them revoked in the
/// session; returns what was run and the first error.
pub fn revoke_cert_pushes(
    s: &mut Session,
    certs: &[(String, String)],
) -> (Vec<String>, Option<Error>) {
    let now = s.now;
    let mut log = Vec::new();
    let mut first_err = None;
    for (name, serial) in certs {
        let Some(c) = s
            .state
            .certs
            .get(name)
            .and_then(|r| r.issued.iter().find(|c| &c.serial == serial))
            .cloned()
        else {
            continue;
        };
        for p in c.pushed.iter().filter(|p| p.revoked_at.is_none()) {
            let still_used = s.state.certs.values().any(|r| {
                r.issued.iter().any(|x| {
                    x.cn == p.user
                        && !certs.iter().any(|(n, sr)| n == &r.name && sr == &x.serial)
                        && x.status(now) == crate::store::state::pki::CertStatus::Active
                })
            });
            let r = take_back(s, &p.target, |_| RevokeSpec {
                name: p.user.clone(),
                user: p.user.clone(),
                sha256: String::new(),
                user_still_used: still_used,
                others_live: still_used,
                remote_id: None,
            });
            match r {
                Ok(lines) => {
                    if still_used {
                        log.push(format!(
                            "{}: role {} kept: another valid certificate logs in as it",
                            p.target, p.user
                        ));
                    }
                    log.extend(lines);
                    if let Some(x) = s.state.cert_push_mut(name, serial, &p.target) {
                        x.revoked_at = Some(now);
                    }
                }
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
    }
    (log, first_err)
}
