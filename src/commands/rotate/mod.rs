//! `vauth rotate [plan|apply|finalize]` and `vauth check`: rotation by the `[[policy]]` tables of
//! vauth.toml, unattended (CI). `apply` holds the home's exclusive lock for the whole run (a
//! second run waits, bounded by `--lock-timeout`, then sees what the first did), and journals an
//! API-key rotation in state.json before and after every step (state::Rotation), so a run killed
//! at any instant is resumed by the next: the same successor, no second remote user or key, and
//! never a predecessor revoked before its successor probed on every target.

use serde::Serialize;
use zeroize::Zeroizing;

mod outputs;

use outputs::{OutputFailure, deliver_cert, deliver_key, precheck};

use super::Ctx;
use crate::audit::AuditEvent;
use crate::cli::rotate::{CheckArgs, PlanArgs, RotateArgs, RotateCommand};
use crate::commands::target::push::{PushOptions, push_one, revoke_remote, spec_for};
use crate::config::policy::Policy;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::lifecycle::certs::{KeySource, ca_of, issue_one, leaf_window, load_issuer};
use crate::policy::{CredKind, Due, Item, expand, plan, targets_of};
use crate::store::state::{JournalStep, KeyVersion, Origin, Rotation, RotationStage};
use crate::store::{OpenMode, Session};
use crate::testpoints::crash_point;
use crate::timefmt::{Span, rfc3339};

/// The grace when neither the policy nor vauth.toml says.
const DEFAULT_GRACE: Span = Span::from_seconds_const(24 * 3600);

/// Run `vauth rotate …`.
pub fn run(ctx: &Ctx<'_>, a: &RotateArgs) -> Result<Outcome> {
    match &a.verb {
        Some(RotateCommand::Plan(p)) => plan_cmd(ctx, p),
        Some(RotateCommand::Apply(p)) => {
            let r = apply(ctx, p.due, &p.names, &[], p.lock_timeout)?;
            let out = report_apply(ctx, &r, None);
            run_exec(p.exec.as_deref(), &r)?;
            out
        }
        Some(RotateCommand::Outputs(o)) => outputs::run(ctx, o),
        Some(RotateCommand::Finalize(f)) => {
            let r = finalize(ctx, &f.only, f.lock_timeout)?;
            report_apply(ctx, &Applied::default(), Some(&r))
        }
        None => {
            let r = apply(ctx, true, &[], &a.only, a.lock_timeout)?;
            let f = finalize(ctx, &a.only, a.lock_timeout)?;
            let out = report_apply(ctx, &r, Some(&f));
            run_exec(a.exec.as_deref(), &r)?;
            out
        }
    }
}

/// `--exec CMD` once per rotated credential (after the report: the rotations are recorded).
fn run_exec(cmd: Option<&str>, r: &Applied) -> Result<()> {
    let Some(cmd) = cmd else { return Ok(()) };
    for x in &r.rotated {
        crate::hook::exec(
            cmd,
            &[
                ("VAUTH_EVENT", "rotate".to_string()),
                ("VAUTH_KEY", x.credential.clone()),
                ("VAUTH_KIND", x.kind.to_string()),
                ("VAUTH_VERSION", x.to_version.to_string()),
                ("VAUTH_PREVIOUS_VERSION", x.from_version.to_string()),
            ],
            &r.hook_scrub,
        )?;
    }
    Ok(())
}

fn no_policies() -> Error {
    Error::new(ErrorKind::NotFound, "vauth.toml has no [[policy]] tables").hint(
        "add one per credential: [[policy]] credential = \"NAME\" max_age = \"30d\" grace = \"1d\"",
    )
}

// ---------------------------------------------------------------- plan

#[derive(Serialize)]
struct PlanReport<'a> {
    at: String,
    due: usize,
    items: &'a [Item],
}

fn plan_cmd(ctx: &Ctx<'_>, a: &PlanArgs) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    if s.config.policy.is_empty() {
        return Err(no_policies());
    }
    let at = a.at.map_or(ctx.now, |t| t.resolve(ctx.now));
    let items = plan(&s.state, &s.config.policy, at, &a.only);
    let due = items
        .iter()
        .filter(|i| matches!(i.due, Due::Due | Due::Resume) || !i.finalize.is_empty())
        .count();
    if ctx.ui.json {
        ctx.ui.out_json(&PlanReport {
            at: rfc3339(at),
            due,
            items: &items,
        })?;
    } else {
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|i| {
                vec![
                    i.credential.clone(),
                    i.kind.map_or("-", kind_str).to_string(),
                    if i.version > 0 {
                        format!("v{}", i.version)
                    } else {
                        String::new()
                    },
                    due_str(i.due).to_string(),
                    if i.finalize.is_empty() {
                        String::new()
                    } else {
                        i.finalize
                            .iter()
                            .map(|v| format!("v{v}"))
                            .collect::<Vec<_>>()
                            .join(",")
                    },
                    i.reason.clone(),
                ]
            })
            .collect();
        ctx.ui.out(&crate::output::table(
            &["CREDENTIAL", "KIND", "CURRENT", "ROTATE", "FINALIZE", "WHY"],
            &rows,
        ))?;
        ctx.ui.note(&if due == 0 {
            format!("Nothing due at {}.", rfc3339(at))
        } else {
            format!(
                "{due} credential(s) to act on at {}: `vauth rotate` does it.",
                rfc3339(at)
            )
        });
    }
    Ok(if due == 0 {
        Outcome::Ok
    } else {
        Outcome::Negative
    })
}

fn kind_str(k: CredKind) -> &'static str {
    match k {
        CredKind::ApiKey => "api_key",
        CredKind::JwtKey => "jwt_key",
        CredKind::Cert => "cert",
    }
}

fn due_str(d: Due) -> &'static str {
    match d {
        Due::No => "no",
        Due::Due => "due",
        Due::Waiting => "waiting",
        Due::Resume => "resume",
    }
}

// ---------------------------------------------------------------- apply

/// One credential rotated.
#[derive(Serialize)]
struct Rotated {
    credential: String,
    kind: &'static str,
    from_version: u32,
    to_version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    grace_until: Option<String>,
    targets: Vec<TargetRow>,
    outputs: Vec<String>,
    /// Outputs that could not be written: the rotation stands (exit 5).
    undelivered: Vec<OutputFailure>,
    resumed: bool,
}

#[derive(Serialize)]
struct TargetRow {
    target: String,
    user: String,
    verified: bool,
}

/// One credential that did not rotate.
#[derive(Serialize)]
struct Failed {
    credential: String,
    exit_code: u8,
    error: String,
}

#[derive(Serialize)]
struct Skipped {
    credential: String,
    reason: String,
}

#[derive(Default, Serialize)]
struct Applied {
    rotated: Vec<Rotated>,
    failed: Vec<Failed>,
    skipped: Vec<Skipped>,
    #[serde(skip)]
    first_err: Option<Error>,
    /// The variables vauth.toml names as holding credentials, kept from `--exec` hooks.
    #[serde(skip)]
    hook_scrub: Vec<String>,
}

fn apply(
    ctx: &Ctx<'_>,
    due: bool,
    names: &[String],
    only: &[String],
    lock_wait: Option<Span>,
) -> Result<Applied> {
    let mut s = ctx.open_waiting(
        OpenMode::Write,
        lock_wait.map(|w| std::time::Duration::from_secs(w.seconds().max(0).unsigned_abs())),
    )?;
    if s.config.policy.is_empty() && due {
        return Err(no_policies());
    }
    // In CI, a vault that cannot be opened fails the run now — not on the day something falls due.
    if crate::env::in_ci() {
        s.vault()?;
    }
    // The plan is made under the lock: a second run sees what the first one did.
    let now = s.now;
    // One policy per credential (patterns expanded), so each due item finds its own.
    let policies = expand(&s.state, &s.config.policy);
    let todo: Vec<(Policy, bool)> = if due {
        plan(&s.state, &s.config.policy, now, only)
            .into_iter()
            .filter(|i| matches!(i.due, Due::Due | Due::Resume))
            .filter_map(|i| {
                let p = policies.iter().find(|p| p.credential == i.credential)?;
                Some((p.clone(), i.due == Due::Resume))
            })
            .collect()
    } else {
        names
            .iter()
            .map(|n| {
                let p = policies
                    .iter()
                    .find(|p| &p.credential == n)
                    .cloned()
                    .unwrap_or_else(|| Policy::unscheduled(n));
                let resume = s.state.rotations.contains_key(n);
                (p, resume)
            })
            .collect()
    };
    let mut out = Applied {
        hook_scrub: crate::hook::secret_env_names(&s.config),
        ..Applied::default()
    };
    for (p, resume) in todo {
        let name = p.credential.clone();
        let made_by = targets_of(&s.state, &p).into_iter().find(|t| {
            s.config
                .target
                .get(t)
                .is_some_and(|c| c.kind.generates_secret())
        });
        let r = if let Err(e) = precheck(&p) {
            Err(e)
        } else if let (true, Some(t)) = (s.state.api_keys.contains_key(&name), made_by) {
            out.skipped.push(Skipped {
                credential: name.clone(),
                reason: format!(
                    "{t} makes its keys itself: rotate it with `vauth key rotate {name}` (not yet by policy)"
                ),
            });
            continue;
        } else if s.state.api_keys.contains_key(&name) {
            rotate_api_key(&mut s, &p, resume)
        } else if s.state.jwt_keys.contains_key(&name) {
            rotate_jwt_key(&mut s, &p)
        } else if s.state.certs.contains_key(&name) {
            match rotate_cert(&mut s, &p) {
                Ok(Some(r)) => Ok(r),
                Ok(None) => {
                    out.skipped.push(Skipped {
                        credential: name,
                        reason: "vauth does not hold its key (issued without --keep-key or from a CSR): renew it by hand with `vauth cert renew`".into(),
                    });
                    continue;
                }
                Err(e) => Err(e),
            }
        } else {
            Err(Error::new(
                ErrorKind::NotFound,
                format!("no API key or JWT key named {name:?}"),
            )
            .hint("fix the policy, or create the credential"))
        };
        match r {
            Ok(rot) => out.rotated.push(rot),
            Err(e) => {
                out.failed.push(Failed {
                    credential: name,
                    exit_code: e.exit_code(),
                    error: e.message().to_string(),
                });
                out.first_err.get_or_insert(e);
            }
        }
    }
    Ok(out)
}

fn step(
    r: &mut Rotation,
    step: &str,
    target: Option<&str>,
    done: bool,
    error: Option<String>,
    now: time::OffsetDateTime,
) {
    r.steps.push(JournalStep {
        step: step.to_string(),
        target: target.map(str::to_string),
        at: now,
        done,
        error,
    });
}

fn save(s: &mut Session, name: &str, r: &Rotation, ev: AuditEvent) -> Result<()> {
    s.state.rotations.insert(name.to_string(), r.clone());
    s.commit(ev)
}

/// Rotate API key `p.credential`: create (or resume) the successor, push and probe it on every
/// target, make it current, write the outputs — journaling each step.
fn rotate_api_key(s: &mut Session, p: &Policy, resume: bool) -> Result<Rotated> {
    let name = p.credential.as_str();
    let now = s.now;
    let k = crate::commands::key::find(s, name)?.clone();
    let mut r = match s.state.rotations.get(name).cloned() {
        Some(r)
            if k.versions
                .iter()
                .find(|v| v.version == r.from_version)
                .is_none_or(|v| v.revoked_at.is_some()) =>
        {
            // The version it was replacing was revoked meanwhile: its successor must not
            // become current by itself. Take it back and forget the rotation.
            let (_, e) = cancel_rotation(s, name);
            s.commit(AuditEvent::new("rotate.cancelled").detail("name", name))?;
            return Err(e.unwrap_or_else(|| {
                Error::state(format!(
                    "{name} v{} was revoked during its rotation; the rotation was cancelled",
                    r.from_version
                ))
                .hint(format!(
                    "start the key again: `vauth key create {name} --force`"
                ))
            }));
        }
        Some(r) => r,
        None => {
            let cur = k.current().cloned().ok_or_else(|| {
                Error::state(format!("{name} has no current version to rotate"))
                    .hint(format!("`vauth key create {name} --force` starts it again"))
            })?;
            let prefix = k
                .prefix
                .clone()
                .or_else(|| s.config.keys.prefix.clone())
                .unwrap_or_else(|| crate::apikey::DEFAULT_PREFIX.to_string());
            let secret = crate::apikey::generate(&prefix)
                .map_err(|e| Error::state(format!("the OS random source failed: {e}")))?;
            let to = crate::lifecycle::next_version(name, k.versions.last().map(|v| v.version))?;
            let grace = p
                .grace()
                .or_else(|| s.config.key_grace())
                .unwrap_or(DEFAULT_GRACE);
            let mut r = Rotation {
                from_version: cur.version,
                to_version: to,
                sha256: crate::apikey::digest_hex(&secret),
                id: crate::apikey::parse(&secret).ok().map(|x| x.id.to_string()),
                started: now,
                expires: crate::lifecycle::same_lifetime(now, cur.created, cur.expires)?,
                grace_seconds: grace.seconds(),
                targets: targets_of(&s.state, p),
                pushed: Vec::new(),
                stage: RotationStage::Created,
                steps: Vec::new(),
                error: None,
            };
            s.vault()?.put(
                &format!("apikey/{name}/{to}"),
                Zeroizing::new(secret.to_string()),
            );
            step(&mut r, "create", None, true, None, now);
            save(
                s,
                name,
                &r,
                AuditEvent::new("rotate.begin")
                    .detail("name", name)
                    .detail("version", to.to_string())
                    .detail("targets", r.targets.join(",")),
            )?;
            crash_point("rotate-created");
            r
        }
    };
    let entry = format!("apikey/{name}/{}", r.to_version);
    let secret = s
        .vault()?
        .get(&entry)
        .map(|x| Zeroizing::new(x.to_string()))
        .ok_or_else(|| {
            Error::vault(format!(
                "the journal of {name}'s rotation names v{}, but the vault has no such key",
                r.to_version
            ))
            .hint("restore secrets.vault with state.json from the same run")
        })?;
    let succ = KeyVersion {
        version: r.to_version,
        id: r.id.clone(),
        sha256: r.sha256.clone(),
        origin: Origin::Generated,
        kept: true,
        created: r.started,
        expires: r.expires,
        grace_until: None,
        revoked_at: None,
        pushed: Vec::new(),
    };
    if r.stage != RotationStage::Current {
        for t in r.targets.clone() {
            if r.pushed.iter().any(|x| x.target == t && x.verified) {
                continue;
            }
            let cfg = match crate::commands::target::resolve(s, &t) {
                Ok(c) => c,
                Err(e) => return Err(stop(s, name, &mut r, Some(&t), e)),
            };
            step(&mut r, "push", Some(&t), false, None, now);
            r.stage = RotationStage::Pushing;
            save(
                s,
                name,
                &r,
                AuditEvent::new("rotate.step")
                    .detail("name", name)
                    .detail("step", "push")
                    .detail("target", &t),
            )?;
            crash_point("rotate-before-push");
            let spec = spec_for(s, &k, &succ, &t, &cfg, &PushOptions::default());
            match push_one(&t, &cfg, &spec, &secret, now) {
                Ok((pushed, probe_err)) => {
                    let verified = pushed.verified;
                    r.pushed.retain(|x| x.target != t);
                    r.pushed.push(pushed);
                    step(
                        &mut r,
                        "push",
                        Some(&t),
                        true,
                        probe_err.as_ref().map(|e| e.message().to_string()),
                        now,
                    );
                    save(
                        s,
                        name,
                        &r,
                        AuditEvent::new("rotate.step")
                            .detail("name", name)
                            .detail("step", "pushed")
                            .detail("target", &t)
                            .detail("verified", verified.to_string()),
                    )?;
                    crash_point("rotate-after-push");
                    if let Some(e) = probe_err {
                        return Err(stop(s, name, &mut r, Some(&t), e));
                    }
                    if !verified {
                        let e = Error::new(
                            ErrorKind::Remote,
                            format!("target {t}: the push waits for a restart; it cannot be probed now"),
                        )
                        .hint(format!("restart the server, then `vauth target test {t}` and run the rotation again"));
                        return Err(stop(s, name, &mut r, Some(&t), e));
                    }
                }
                Err(e) => {
                    step(
                        &mut r,
                        "push",
                        Some(&t),
                        true,
                        Some(e.message().to_string()),
                        now,
                    );
                    return Err(stop(s, name, &mut r, Some(&t), e));
                }
            }
        }
        // Every target took it and probed it: it becomes current; the predecessor's grace runs.
        let grace_until = now + time::Duration::seconds(r.grace_seconds);
        if let Some(key) = s.state.api_keys.get_mut(name) {
            for v in key
                .versions
                .iter_mut()
                .filter(|v| v.grace_until.is_none() && v.revoked_at.is_none())
            {
                v.grace_until = Some(grace_until);
            }
            let mut v = succ.clone();
            v.pushed = r.pushed.clone();
            key.versions.push(v);
        }
        r.stage = RotationStage::Current;
        r.error = None;
        step(&mut r, "current", None, true, None, now);
        save(
            s,
            name,
            &r,
            AuditEvent::new("key.rotate")
                .detail("name", name)
                .detail("version", r.to_version.to_string())
                .detail("previous_version", r.from_version.to_string())
                .detail("grace_until", rfc3339(grace_until))
                .detail("via", "rotate apply"),
        )?;
        crash_point("rotate-after-current");
    }
    // The successor is current everywhere: an output that fails is reported (exit 5) and can be
    // delivered again (`rotate outputs`); it never leaves the rotation unfinished.
    let delivery = deliver_key(p, name, &secret);
    s.state.rotations.remove(name);
    s.commit(
        delivery.audit(
            AuditEvent::new("rotate.done")
                .detail("name", name)
                .detail("version", r.to_version.to_string()),
        ),
    )?;
    crash_point("rotate-done");
    let grace_until = s
        .state
        .api_keys
        .get(name)
        .and_then(|k| k.versions.iter().find(|v| v.version == r.from_version))
        .and_then(|v| v.grace_until)
        .map(rfc3339);
    Ok(Rotated {
        credential: name.to_string(),
        kind: "api_key",
        from_version: r.from_version,
        to_version: r.to_version,
        grace_until,
        targets: r
            .pushed
            .iter()
            .map(|x| TargetRow {
                target: x.target.clone(),
                user: x.user.clone(),
                verified: x.verified,
            })
            .collect(),
        outputs: delivery.written,
        undelivered: delivery.failed,
        resumed: resume,
    })
}

/// Drop the unfinished rotation of `name` (its key is being revoked): take its successor back on
/// every target it reached, then forget it. A target that cannot be reached keeps the journal
/// entry (with only what is still out there), so a later `key revoke` can finish the job.
pub(crate) fn cancel_rotation(s: &mut Session, name: &str) -> (Vec<String>, Option<Error>) {
    let Some(mut r) = s.state.rotations.get(name).cloned() else {
        return (Vec::new(), None);
    };
    let mut log = Vec::new();
    let mut err = None;
    let mut left = Vec::new();
    for p in r.pushed.iter().filter(|p| p.revoked_at.is_none()) {
        let spec = crate::remote::RevokeSpec {
            name: p.remote_name.clone(),
            user: p.user.clone(),
            sha256: r.sha256.clone(),
            user_still_used: false,
            others_live: false,
            remote_id: p.remote_id.clone(),
        };
        let res = crate::commands::target::resolve(s, &p.target)
            .and_then(|cfg| crate::commands::target::push::revoke_on(&p.target, &cfg, &spec));
        match res {
            Ok(cmds) => log.extend(cmds.into_iter().map(|c| format!("{}: {c}", p.target))),
            Err(e) => {
                left.push(p.clone());
                err.get_or_insert(e);
            }
        }
    }
    if left.is_empty() {
        s.state.rotations.remove(name);
    } else {
        r.pushed = left;
        r.error =
            Some("cancelled: the key was revoked; its successor is still on these targets".into());
        s.state.rotations.insert(name.to_string(), r);
    }
    (log, err)
}

/// Record why the rotation of `name` stopped (it stays journaled: the next run resumes it; the
/// predecessor stays current), and return the error.
fn stop(s: &mut Session, name: &str, r: &mut Rotation, target: Option<&str>, e: Error) -> Error {
    r.error = Some(match target {
        Some(t) => format!("{t}: {}", e.message()),
        None => e.message().to_string(),
    });
    let ev = AuditEvent::new("rotate.stopped")
        .detail("name", name)
        .detail("target", target.unwrap_or("-"));
    if let Err(ce) = save(s, name, r, ev) {
        return ce;
    }
    Error::new(
        e.kind(),
        format!(
            "{name}: {}; v{} stays current, and the next run resumes the rotation",
            e.message(),
            r.from_version
        ),
    )
    .hint(
        e.hint_text()
            .unwrap_or("fix the target, then run `vauth rotate` again"),
    )
}

/// Rotate JWT signing key `p.credential`: one local step, one commit.
fn rotate_jwt_key(s: &mut Session, p: &Policy) -> Result<Rotated> {
    let name = p.credential.as_str();
    let now = s.now;
    let k = s.state.jwt_keys.get(name).cloned().ok_or_else(|| {
        Error::new(ErrorKind::NotFound, format!("no JWT key named {name:?}"))
            .hint("fix the policy's credential, or create it with `vauth jwt key create`")
    })?;
    let prev = k.current().map(|v| v.version).unwrap_or_default();
    let grace = p.grace().unwrap_or_else(|| s.config.jwt_max_lifetime());
    let until = now + grace.duration();
    if let Some(k) = s.state.jwt_keys.get_mut(name) {
        for v in k
            .versions
            .iter_mut()
            .filter(|v| v.grace_until.is_none() && v.retired_at.is_none())
        {
            v.grace_until = Some(until);
        }
    }
    let v = crate::lifecycle::jwt::add_version(s, name, k.alg, k.rsa_bits)?;
    s.commit(
        AuditEvent::new("jwt.key.rotate")
            .detail("name", name)
            .detail("version", v.version.to_string())
            .detail("kid", &v.kid)
            .detail("previous_version", prev.to_string())
            .detail("via", "rotate apply"),
    )?;
    Ok(Rotated {
        credential: name.to_string(),
        kind: "jwt_key",
        from_version: prev,
        to_version: v.version,
        grace_until: Some(rfc3339(until)),
        targets: Vec::new(),
        outputs: Vec::new(),
        undelivered: Vec::new(),
        resumed: false,
    })
}

/// Rotate certificate `p.credential`: issue the successor (same CN, SANs, profile and key type;
/// a new key kept in the vault), prove it logs in wherever the predecessor was pushed (postgres
/// CN roles), then record it — one commit, after the probes: nothing remote changes before it, so
/// a crash leaves the predecessor current and the next run starts over. `None`: vauth does not
/// hold the key, so it cannot hand the successor's out.
fn rotate_cert(s: &mut Session, p: &Policy) -> Result<Option<Rotated>> {
    use crate::remote::Target as _;
    let name = p.credential.as_str();
    let now = s.now;
    let rec = s.state.certs.get(name).cloned().ok_or_else(|| {
        Error::new(
            ErrorKind::NotFound,
            format!("no certificate named {name:?}"),
        )
        .hint("fix the policy's credential, or issue it with `vauth cert issue`")
    })?;
    let Some(cur) = rec.latest().cloned() else {
        return Ok(None);
    };
    if !cur.key_kept {
        return Ok(None);
    }
    let ca = ca_of(s)?.clone();
    let lifetime = cur.not_after - cur.not_before;
    let (nb, na, _) = leaf_window(&ca, now, now + lifetime)?;
    let sans = cur
        .sans
        .iter()
        .map(|x| crate::pki::San::parse(x))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| {
            Error::state(format!("state.json: {e}")).hint(
                "state.json holds a SAN vauth cannot read: restore it from its last good copy",
            )
        })?;
    let spec = crate::pki::LeafSpec {
        cn: cur.cn.clone(),
        sans,
        profile: rec.profile,
        not_before: nb,
        not_after: na,
    };
    let issuer = load_issuer(s)?;
    let source = KeySource::Generate(crate::lifecycle::certs::spec_of(&cur.key_type));
    let mut nc = issue_one(&ca, &issuer, &spec, source, now)?;
    let key = nc
        .key_pem
        .clone()
        .ok_or_else(|| Error::bug("a generated certificate came without its key"))?;
    let id = crate::remote::ClientIdentity {
        cert_pem: nc.record.pem.clone(),
        key_pem: key.clone(),
    };
    // Prove the successor logs in wherever the predecessor does, before recording anything.
    let mut rows = Vec::new();
    for x in cur.pushed.iter().filter(|x| x.revoked_at.is_none()) {
        let cfg = crate::commands::target::resolve(s, &x.target)?;
        if cfg.kind != crate::remote::Kind::Postgres {
            continue;
        }
        let ep = cfg.endpoint()?;
        let mut t =
            crate::remote::postgres::Postgres::new(&x.target, &cfg, ep, cfg.admin_password()?)?;
        crate::remote::runtime()?
            .block_on(async {
                let r = t.probe_cert(&x.user, &id).await;
                let _ = t.finish().await;
                r
            })
            .map_err(|e| {
                Error::new(
                    e.kind(),
                    format!(
                        "{name}: the successor does not log in on {}: {}; nothing was recorded",
                        x.target,
                        e.message()
                    ),
                )
                .hint(
                    e.hint_text()
                        .unwrap_or("check the server's CA and pg_hba.conf"),
                )
            })?;
        nc.record.pushed.push(crate::store::state::Pushed {
            target: x.target.clone(),
            user: x.user.clone(),
            remote_name: x.remote_name.clone(),
            at: now,
            verified: true,
            remote_id: None,
            pending: false,
            revoked_at: None,
        });
        rows.push(TargetRow {
            target: x.target.clone(),
            user: x.user.clone(),
            verified: true,
        });
    }
    nc.record.key_kept = true;
    s.vault()?.put(&nc.record.vault_entry(name), key.clone());
    let serial = nc.record.serial.clone();
    if let Some(r) = s.state.certs.get_mut(name) {
        r.issued.push(nc.record.clone());
    }
    let grace_until = p.grace().map(|g| rfc3339(now + g.duration()));
    s.commit(
        AuditEvent::new("cert.renew")
            .detail("name", name)
            .detail("serial", &serial)
            .detail("previous_serial", &cur.serial)
            .detail("via", "rotate apply"),
    )?;
    let delivery = deliver_cert(p, name, &nc.record.pem, &key);
    if !delivery.failed.is_empty() {
        s.commit(delivery.audit(AuditEvent::new("rotate.undelivered").detail("name", name)))?;
    }
    let n = rec.issued.len() as u32;
    Ok(Some(Rotated {
        credential: name.to_string(),
        kind: "cert",
        from_version: n,
        to_version: n + 1,
        grace_until,
        targets: rows,
        outputs: delivery.written,
        undelivered: delivery.failed,
        resumed: false,
    }))
}

// ---------------------------------------------------------------- finalize

#[derive(Default, Serialize)]
struct Finalized {
    revoked: Vec<FinalRow>,
    held: Vec<FinalRow>,
    #[serde(skip)]
    first_err: Option<Error>,
}

#[derive(Serialize)]
struct FinalRow {
    credential: String,
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

fn finalize(ctx: &Ctx<'_>, only: &[String], lock_wait: Option<Span>) -> Result<Finalized> {
    let mut s = ctx.open_waiting(
        OpenMode::Write,
        lock_wait.map(|w| std::time::Duration::from_secs(w.seconds().max(0).unsigned_abs())),
    )?;
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
            let Some(cur) = k.current().cloned() else {
                continue;
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
                if !missing.is_empty() || s.state.rotations.contains_key(&name) {
                    out.held.push(FinalRow {
                        credential: name.clone(),
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
                let (log, err) = revoke_remote(&mut s, &name, &[v.version], false);
                for l in log {
                    ctx.ui.debug(&l);
                }
                if let Some(e) = err {
                    out.held.push(FinalRow {
                        credential: name.clone(),
                        version: v.version,
                        reason: Some(e.message().to_string()),
                    });
                    out.first_err.get_or_insert(e);
                    continue;
                }
                if let Some(x) = s
                    .state
                    .api_keys
                    .get_mut(&name)
                    .and_then(|k| k.versions.iter_mut().find(|x| x.version == v.version))
                {
                    x.revoked_at = Some(now);
                }
                changed.push(format!("{name}:v{}", v.version));
                out.revoked.push(FinalRow {
                    credential: name.clone(),
                    version: v.version,
                    reason: None,
                });
            }
        } else if let Some(r) = s.state.certs.get(&name).cloned() {
            let grace = s
                .config
                .policy
                .iter()
                .find(|p| crate::policy::glob(&p.credential, &name))
                .and_then(Policy::grace)
                .map_or(time::Duration::ZERO, |g| g.duration());
            let old: Vec<(String, String)> = crate::policy::superseded(&r, grace, now)
                .into_iter()
                .map(|i| (name.clone(), r.issued[i].serial.clone()))
                .collect();
            if old.is_empty() {
                continue;
            }
            for (_, serial) in &old {
                if let Some(c) = s
                    .state
                    .certs
                    .get_mut(&name)
                    .and_then(|r| r.issued.iter_mut().find(|c| &c.serial == serial))
                {
                    c.revoked_at = Some(now);
                    c.revocation_reason = Some("superseded".to_string());
                }
            }
            let (log, err) = crate::commands::target::push::revoke_cert_pushes(&mut s, &old);
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
                    credential: name.clone(),
                    version: v,
                    reason: None,
                });
            }
        } else if let Some(k) = s.state.jwt_keys.get_mut(&name) {
            for v in k
                .versions
                .iter_mut()
                .filter(|v| v.retired_at.is_none() && v.grace_until.is_some_and(|g| g <= now))
            {
                v.retired_at = Some(now);
                changed.push(format!("{name}:v{}", v.version));
                out.revoked.push(FinalRow {
                    credential: name.clone(),
                    version: v.version,
                    reason: None,
                });
            }
        }
    }
    if !changed.is_empty() || out.first_err.is_some() {
        s.commit(AuditEvent::new("rotate.finalize").detail("revoked", changed.join(",")))?;
    }
    Ok(out)
}

// ---------------------------------------------------------------- report

fn report_apply(ctx: &Ctx<'_>, a: &Applied, f: Option<&Finalized>) -> Result<Outcome> {
    if ctx.ui.json {
        #[derive(Serialize)]
        struct Report<'a> {
            rotated: &'a [Rotated],
            failed: &'a [Failed],
            skipped: &'a [Skipped],
            #[serde(skip_serializing_if = "Option::is_none")]
            finalized: Option<&'a Finalized>,
        }
        ctx.ui.out_json(&Report {
            rotated: &a.rotated,
            failed: &a.failed,
            skipped: &a.skipped,
            finalized: f,
        })?;
    } else {
        for r in &a.rotated {
            ctx.ui.note(&format!(
                "rotated {} v{} → v{}{}{}{}",
                r.credential,
                r.from_version,
                r.to_version,
                if r.resumed { " (resumed)" } else { "" },
                r.grace_until
                    .as_ref()
                    .map(|g| format!("; v{} valid until {g}", r.from_version))
                    .unwrap_or_default(),
                if r.targets.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; probed on {}",
                        r.targets
                            .iter()
                            .map(|t| format!("{} as {}", t.target, t.user))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            ));
        }
        for r in &a.rotated {
            for f in &r.undelivered {
                ctx.ui.warn(&format!(
                    "{} v{} is current, but output {} was not written: {}",
                    r.credential, r.to_version, f.output, f.error
                ));
            }
        }
        for x in &a.skipped {
            ctx.ui
                .note(&format!("skipped {}: {}", x.credential, x.reason));
        }
        for x in &a.failed {
            ctx.ui
                .warn(&format!("vauth: {} not rotated: {}", x.credential, x.error));
        }
        if let Some(f) = f {
            for r in &f.revoked {
                ctx.ui.note(&format!(
                    "finalized {} v{}: revoked",
                    r.credential, r.version
                ));
            }
            for r in &f.held {
                ctx.ui.note(&format!(
                    "kept {} v{}: {}",
                    r.credential,
                    r.version,
                    r.reason.as_deref().unwrap_or("")
                ));
            }
        }
        if a.rotated.is_empty() && a.failed.is_empty() && f.is_none_or(|f| f.revoked.is_empty()) {
            ctx.ui.note("Nothing was due.");
        }
    }
    let first = a
        .first_err
        .as_ref()
        .or_else(|| f.and_then(|f| f.first_err.as_ref()));
    match first {
        Some(e) => {
            let mut e2 = Error::new(e.kind(), e.message().to_string());
            if let Some(h) = e.hint_text() {
                e2 = e2.hint(h);
            }
            Err(e2)
        }
        None => {
            // Everything rotated; some outputs were not written: done but not delivered.
            match outputs::undelivered(a.rotated.iter().map(|r| {
                (
                    r.credential.as_str(),
                    r.to_version,
                    r.undelivered.as_slice(),
                )
            })) {
                Some(e) => Err(e),
                None => Ok(Outcome::Ok),
            }
        }
    }
}

// ---------------------------------------------------------------- check

#[derive(Serialize)]
struct CheckRow {
    credential: String,
    /// `null` when a policy names no credential (as in `rotate plan`).
    kind: Option<&'static str>,
    /// `overdue`, `due`, `resume`, `due_soon`, `expiring`, `expired`.
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<String>,
    reason: String,
}

/// Run `vauth check`.
pub fn check(ctx: &Ctx<'_>, a: &CheckArgs) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let now = ctx.now;
    let horizon = now + a.within.duration();
    let mut rows = Vec::new();
    for i in plan(&s.state, &s.config.policy, now, &[]) {
        let kind = i.kind.map(kind_str);
        let due_at = i.due_at;
        let status = match i.due {
            Due::Resume => Some("resume"),
            Due::Due | Due::Waiting => Some(
                if due_at.is_some_and(|d| now - d > time::Duration::days(1)) {
                    "overdue"
                } else {
                    "due"
                },
            ),
            Due::No if i.kind.is_none() => Some("missing"),
            Due::No if due_at.is_some_and(|d| d <= horizon) => Some("due_soon"),
            Due::No => None,
        };
        if let Some(st) = status {
            rows.push(CheckRow {
                credential: i.credential.clone(),
                kind,
                status: st,
                at: i.due_at.map(rfc3339),
                reason: i.reason.clone(),
            });
        }
    }
    // Expiry, for every credential (with a policy or not).
    for k in s.state.api_keys.values() {
        if let Some(e) = k.current().and_then(|v| v.expires)
            && e <= horizon
        {
            rows.push(CheckRow {
                credential: k.name.clone(),
                kind: Some("api_key"),
                status: if e <= now { "expired" } else { "expiring" },
                at: Some(rfc3339(e)),
                reason: format!("the current version expires {}", rfc3339(e)),
            });
        }
    }
    for r in s.state.certs.values() {
        if let Some(c) = r.latest().filter(|c| c.revoked_at.is_none())
            && c.not_after <= horizon
        {
            rows.push(CheckRow {
                credential: r.name.clone(),
                kind: Some("cert"),
                status: if c.not_after <= now {
                    "expired"
                } else {
                    "expiring"
                },
                at: Some(rfc3339(c.not_after)),
                reason: format!("the certificate ends {}", rfc3339(c.not_after)),
            });
        }
    }
    if ctx.ui.json {
        #[derive(Serialize)]
        struct Report<'a> {
            ok: bool,
            within: String,
            items: &'a [CheckRow],
        }
        ctx.ui.out_json(&Report {
            ok: rows.is_empty(),
            within: a.within.to_string(),
            items: &rows,
        })?;
    } else if rows.is_empty() {
        ctx.ui.note(&format!(
            "All good: nothing overdue, due or expiring within {}.",
            a.within
        ));
    } else {
        let t: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                vec![
                    r.credential.clone(),
                    r.kind.unwrap_or("-").to_string(),
                    r.status.to_string(),
                    r.at.clone().unwrap_or_default(),
                    r.reason.clone(),
                ]
            })
            .collect();
        ctx.ui.out(&crate::output::table(
            &["CREDENTIAL", "KIND", "STATUS", "AT", "WHY"],
            &t,
        ))?;
    }
    Ok(if rows.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Negative
    })
}
