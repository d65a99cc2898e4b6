//! `vauth rotate apply [NAME…]` (and the apply half of plain `vauth rotate`): rotate what the
//! policies make due, or the named credentials, one at a time through `lifecycle::rotation`;
//! deliver each successor to its policy's outputs; report what rotated, failed and was skipped.

use serde::Serialize;

use super::finalize::Finalized;
use super::outputs::{OutputFailure, deliver_cert, deliver_key, precheck, undelivered};
use super::{Ctx, lock_wait, no_policies};
use crate::audit::AuditEvent;
use crate::config::policy::Policy;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::lifecycle::rotation::{advance_api_key, finish_api_key, renew_cert, rotate_jwt_key};
use crate::output::{Report, Ui};
use crate::policy::{Due, expand, plan, targets_of};
use crate::store::state::Pushed;
use crate::store::{OpenMode, Session};
use crate::timefmt::{Span, rfc3339};

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
    /// Older versions this rotation ended (the rule of 2: at most two live versions).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ended: Vec<u32>,
    /// An ended version a target did not take back (exit 4; recorded revoked all the same).
    #[serde(skip)]
    take_back_err: Option<Error>,
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

impl TargetRow {
    fn of(p: &Pushed) -> TargetRow {
        TargetRow {
            target: p.target.clone(),
            user: p.user.clone(),
            verified: p.verified,
        }
    }
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

/// What an apply run did.
#[derive(Default, Serialize)]
pub(super) struct Applied {
    rotated: Vec<Rotated>,
    failed: Vec<Failed>,
    skipped: Vec<Skipped>,
    #[serde(skip)]
    first_err: Option<Error>,
    /// The variables vauth.toml names as holding credentials, kept from `--exec` hooks.
    #[serde(skip)]
    hook_scrub: Vec<String>,
}

/// Rotate what is due (`due`; `only` narrows it) or the credentials `names`, under the home's
/// lock (waiting up to `lock_wait` for it).
pub(super) fn apply(
    ctx: &Ctx<'_>,
    due: bool,
    names: &[String],
    only: &[String],
    lock_timeout: Option<Span>,
) -> Result<Applied> {
    let mut s = ctx.open_waiting(OpenMode::Write, lock_wait(lock_timeout))?;
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
    let policies = expand(&s.state, &s.config.policy)?;
    let todo: Vec<(Policy, bool)> = if due {
        plan(&s.state, &s.config.policy, now, only)?
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
        let r = match rotate_one(ctx, &mut s, &p, resume) {
            Ok(Ok(rot)) => Ok(rot),
            Ok(Err(reason)) => {
                out.skipped.push(Skipped {
                    credential: name,
                    reason,
                });
                continue;
            }
            Err(e) => Err(e),
        };
        match r {
            Ok(rot) => {
                if let Some(e) = &rot.take_back_err {
                    out.first_err.get_or_insert(Error::new(e.kind(), e.message().to_string()).hint(
                        format!(
                            "{name} v{} is current; `vauth rotate finalize` takes the ended version back once the target answers",
                            rot.to_version
                        ),
                    ));
                }
                out.rotated.push(rot);
            }
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

/// Rotate the credential of policy `p`: `Ok(Err(why))` when it is skipped.
fn rotate_one(
    ctx: &Ctx<'_>,
    s: &mut Session,
    p: &Policy,
    resume: bool,
) -> Result<std::result::Result<Rotated, String>> {
    let name = p.credential.as_str();
    let made_by = targets_of(&s.state, p)?.into_iter().find(|t| {
        s.config
            .target
            .get(t)
            .is_some_and(|c| c.kind.generates_secret())
    });
    precheck(p, s.state.certs.contains_key(name)?)?;
    if let (true, Some(t)) = (s.state.api_keys.contains_key(name)?, made_by) {
        return Ok(Err(format!(
            "{t} makes its keys itself: rotate it with `vauth key rotate {name}` (not yet by policy)"
        )));
    }
    if s.state.api_keys.contains_key(name)? {
        return rotate_api_key(ctx, s, p, resume).map(Ok);
    }
    if s.state.jwt_keys.contains_key(name) {
        return rotate_jwt(s, p).map(Ok);
    }
    if s.state.certs.contains_key(name)? {
        return Ok(rotate_cert(s, p)?.ok_or_else(|| {
            "vauth does not hold its key (issued without --keep-key or from a CSR): renew it by hand with `vauth cert renew`".to_string()
        }));
    }
    Err(Error::new(
        ErrorKind::NotFound,
        format!("no API key or JWT key named {name:?}"),
    )
    .hint("fix the policy, or create the credential"))
}

/// Rotate API key `p.credential`, then write its outputs. The successor is current everywhere
/// before any output is written: an output that fails is reported (exit 5) and can be delivered
/// again (`rotate outputs`); it never leaves the rotation unfinished. Ending a version still in
/// its grace (the rule of 2) needs `--yes` or a yes at the prompt: else exit 2 for this one.
fn rotate_api_key(ctx: &Ctx<'_>, s: &mut Session, p: &Policy, resume: bool) -> Result<Rotated> {
    let name = p.credential.as_str();
    let mut k = advance_api_key(s, p, |q| {
        Ok(ctx.global.yes || (ctx.can_prompt() && ctx.confirm(q)?))
    })?;
    let delivery = deliver_key(p, name, &k.secret);
    let r = &k.journal;
    let grace_until = finish_api_key(s, name, r, |ev| delivery.audit(ev))?;
    Ok(Rotated {
        credential: name.to_string(),
        kind: "api_key",
        from_version: r.from_version,
        to_version: r.to_version,
        grace_until: grace_until.map(rfc3339),
        targets: r.pushed.iter().map(TargetRow::of).collect(),
        ended: k.ended.clone(),
        take_back_err: k.take_back_err.take(),
        outputs: delivery.written,
        undelivered: delivery.failed,
        resumed: resume,
    })
}

/// Rotate JWT signing key `p.credential`.
fn rotate_jwt(s: &mut Session, p: &Policy) -> Result<Rotated> {
    let j = rotate_jwt_key(s, p)?;
    Ok(Rotated {
        credential: p.credential.clone(),
        kind: "jwt_key",
        from_version: j.from_version,
        to_version: j.to_version,
        grace_until: Some(rfc3339(j.grace_until)),
        targets: Vec::new(),
        ended: Vec::new(),
        take_back_err: None,
        outputs: Vec::new(),
        undelivered: Vec::new(),
        resumed: false,
    })
}

/// Renew certificate `p.credential`, then write its outputs. `None`: vauth does not hold the
/// key.
fn rotate_cert(s: &mut Session, p: &Policy) -> Result<Option<Rotated>> {
    let name = p.credential.as_str();
    let Some(c) = renew_cert(s, p)? else {
        return Ok(None);
    };
    let grace_until = p.grace().map(|g| rfc3339(s.now + g.duration()));
    let delivery = deliver_cert(p, name, &c.record.pem, &c.key);
    if !delivery.failed.is_empty() {
        s.commit(delivery.audit(AuditEvent::new("rotate.undelivered").detail("name", name)))?;
    }
    let n = c.issued_before;
    Ok(Some(Rotated {
        credential: name.to_string(),
        kind: "cert",
        from_version: n,
        to_version: n + 1,
        grace_until,
        targets: c.record.pushed.iter().map(TargetRow::of).collect(),
        ended: Vec::new(),
        take_back_err: None,
        outputs: delivery.written,
        undelivered: delivery.failed,
        resumed: false,
    }))
}

/// `--exec CMD` once per rotated credential (after the report: the rotations are recorded).
pub(super) fn run_exec(cmd: Option<&str>, r: &Applied) -> Result<()> {
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

/// What `rotate`, `rotate apply` and `rotate finalize` print.
#[derive(Serialize)]
struct RunReport<'a> {
    rotated: &'a [Rotated],
    failed: &'a [Failed],
    skipped: &'a [Skipped],
    #[serde(skip_serializing_if = "Option::is_none")]
    finalized: Option<&'a Finalized>,
}

impl Report for RunReport<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        for r in self.rotated {
            ui.note(&format!(
                "rotated {} v{} → v{}{}{}{}{}",
                r.credential,
                r.from_version,
                r.to_version,
                if r.resumed { " (resumed)" } else { "" },
                r.grace_until
                    .as_ref()
                    .map(|g| format!("; v{} valid until {g}", r.from_version))
                    .unwrap_or_default(),
                if r.ended.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; ended {} (revoked now: at most two versions live)",
                        crate::lifecycle::keys::versions_list(&r.ended)
                    )
                },
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
        for r in self.rotated {
            if let Some(e) = &r.take_back_err {
                ui.warn(&format!(
                    "vauth: {} {} ended, but not yet taken back: {}",
                    r.credential,
                    crate::lifecycle::keys::versions_list(&r.ended),
                    e.message()
                ));
            }
            for f in &r.undelivered {
                ui.warn(&format!(
                    "{} v{} is current, but output {} was not written: {}",
                    r.credential, r.to_version, f.output, f.error
                ));
            }
        }
        for x in self.skipped {
            ui.note(&format!("skipped {}: {}", x.credential, x.reason));
        }
        for x in self.failed {
            ui.warn(&format!("vauth: {} not rotated: {}", x.credential, x.error));
        }
        if let Some(f) = self.finalized {
            f.human(ui);
        }
        if self.rotated.is_empty()
            && self.failed.is_empty()
            && self
                .finalized
                .is_none_or(|f| f.revoked.is_empty() && f.first_err.is_none())
        {
            ui.note("Nothing was due.");
        }
        Ok(())
    }
}

/// Print what a run did, and end it: the first error of the apply or the finalize, else exit 5
/// when some outputs were not written.
pub(super) fn report(ctx: &Ctx<'_>, a: &Applied, f: Option<&Finalized>) -> Result<Outcome> {
    ctx.ui.report(&RunReport {
        rotated: &a.rotated,
        failed: &a.failed,
        skipped: &a.skipped,
        finalized: f,
    })?;
    let first = a
        .first_err
        .as_ref()
        .or_else(|| f.and_then(|f| f.first_err.as_ref()));
    if let Some(e) = first {
        let mut e2 = Error::new(e.kind(), e.message().to_string());
        if let Some(h) = e.hint_text() {
            e2 = e2.hint(h);
        }
        return Err(e2);
    }
    // Everything rotated; some outputs were not written: done but not delivered.
    match undelivered(a.rotated.iter().map(|r| {
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
