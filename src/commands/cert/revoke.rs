//! `vauth cert revoke NAME|--serial S [--reason R]`.

use serde::Serialize;

use super::{Ctx, record_of};
use crate::audit::AuditEvent;
use crate::cli::cert::RevokeArgs;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::output::{self, Ui};
use crate::pki::{self, REASONS};
use crate::store::{OpenMode, Session};

/// What `cert revoke` reports.
#[derive(Serialize)]
struct Report {
    revoked: Vec<RevokedRow>,
    reason: String,
    crl_hint: &'static str,
    /// What was confirmed, `name (serial), …` (none: nothing to revoke), for people.
    #[serde(skip)]
    confirmed: Option<String>,
}

impl output::Report for Report {
    fn human(&self, ui: &Ui) -> Result<()> {
        match &self.confirmed {
            None => ui.note("Nothing to revoke (already revoked)."),
            Some(list) => ui.note(&format!(
                "Revoked {list} ({}). Publish it: `vauth ca crl --out FILE`, then reload the servers.",
                self.reason
            )),
        }
        Ok(())
    }
}

#[derive(Serialize)]
struct RevokedRow {
    name: String,
    serial: String,
}

fn targets(s: &Session, args: &RevokeArgs) -> Result<Vec<(String, String)>> {
    if let Some(raw) = &args.serial {
        let serial = pki::normalize_serial(raw).ok_or_else(|| {
            Error::usage(format!("{raw:?} is not a serial (hex, colons allowed)"))
                .hint("copy it from `vauth cert list --all` or `vauth cert inspect FILE`")
        })?;
        let hit = s.state.certs.values()?.find_map(|r| {
            r.issued
                .iter()
                .find(|c| c.serial == serial)
                .map(|c| (r.name.clone(), c.serial.clone(), c.revoked_at.is_some()))
        });
        return match hit {
            Some((_, _, true)) => Ok(vec![]),
            Some((n, sr, false)) => Ok(vec![(n, sr)]),
            None => Err(Error::new(
                ErrorKind::NotFound,
                format!("no certificate with serial {serial}"),
            )
            .hint("see `vauth cert list --all`")),
        };
    }
    let name = args.name.as_deref().unwrap_or_default();
    let r = record_of(s, name)?;
    // Also one revoked earlier whose push a target still lets in (its remote revoke failed).
    Ok(r.issued
        .iter()
        .filter(|c| c.revoked_at.is_none() || c.pushed.iter().any(|p| p.revoked_at.is_none()))
        .map(|c| (r.name.clone(), c.serial.clone()))
        .collect())
}

/// Run `vauth cert revoke`.
pub(super) fn run(ctx: &Ctx<'_>, args: &RevokeArgs) -> Result<Outcome> {
    if !pki::valid_reason(&args.reason) {
        return Err(
            Error::usage(format!("{:?} is not an RFC 5280 reason", args.reason))
                .hint(format!("one of: {}", REASONS.join(", "))),
        );
    }
    let planned = {
        let s = ctx.open(OpenMode::Read)?;
        targets(&s, args)?
    };
    let report = |v: Vec<(String, String)>, confirmed: Option<String>| Report {
        revoked: v
            .into_iter()
            .map(|(name, serial)| RevokedRow { name, serial })
            .collect(),
        reason: args.reason.clone(),
        crl_hint: "run `vauth ca crl --out FILE` and have servers reload it",
        confirmed,
    };
    if planned.is_empty() {
        ctx.ui.report(&report(vec![], None))?;
        return Ok(Outcome::Ok);
    }
    let list: Vec<String> = planned.iter().map(|(n, s)| format!("{n} ({s})")).collect();
    if !ctx.confirm(&format!(
        "Revoke {}? Servers refuse it once they load the next CRL",
        list.join(", ")
    ))? {
        return Err(
            Error::new(ErrorKind::NoTerminal, "not confirmed; nothing was revoked")
                .hint("answer yes, or pass --yes"),
        );
    }
    let mut s = ctx.open(OpenMode::Write)?;
    let now = ctx.now;
    let todo = targets(&s, args)?;
    let mut erase = Vec::new();
    for (name, serial) in &todo {
        if let Some(c) = s
            .state
            .certs
            .get_mut(name)?
            .and_then(|r| r.issued.iter_mut().find(|c| &c.serial == serial))
            && c.revoked_at.is_none()
        {
            c.revoked_at = Some(now);
            c.revocation_reason = Some(args.reason.clone());
            if c.key_kept {
                c.key_kept = false;
                erase.push(c.vault_entry(name));
            }
        }
    }
    if !erase.is_empty() {
        let v = s.vault()?;
        for e in &erase {
            v.remove(e)?;
        }
    }
    // The record first (the CRL lists them from now on), then, push by push, journaled, each
    // postgres CN role stops logging in; a run killed in between is finished by the next
    // `cert revoke` or `rotate finalize`.
    let serials: Vec<&str> = todo.iter().map(|(_, s)| s.as_str()).collect();
    s.commit(
        AuditEvent::new("cert.revoke")
            .detail("serials", serials.join(","))
            .detail("reason", &args.reason),
    )?;
    let (remote_log, remote_err) = crate::lifecycle::revoke::revoke_cert_pushes(&mut s, &todo);
    for l in &remote_log {
        ctx.ui.note(l);
    }
    if let Some(e) = remote_err {
        return Err(Error::new(
            e.kind(),
            format!(
                "{}; revoked in this home (publish the CRL), but not yet taken back on that target",
                e.message()
            ),
        )
        .hint(format!(
            "fix the target, then run `vauth cert revoke {}` again to take it back there",
            todo.first().map(|t| t.0.as_str()).unwrap_or_default()
        )));
    }
    ctx.ui.report(&report(todo, Some(list.join(", "))))?;
    Ok(Outcome::Ok)
}
