//! `vauth key revoke NAME [--version N]`: invalidate now.

use serde::Serialize;

use super::Ctx;
use crate::audit::AuditEvent;
use crate::cli::key::RevokeArgs;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::lifecycle::journal::cancel_rotation;
use crate::lifecycle::keys::find;
use crate::lifecycle::revoke::revoke_remote;
use crate::output::{Report, Ui};
use crate::store::OpenMode;

#[derive(Serialize)]
struct Revoked<'a> {
    name: &'a str,
    revoked: Vec<u32>,
    /// What was revoked, in words (`NAME v2`, `NAME (all versions)`).
    /// `None`: there was nothing to revoke.
    #[serde(skip)]
    what: Option<String>,
}

impl Report for Revoked<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.note(&match &self.what {
            None => format!("{}: nothing to revoke (already revoked).", self.name),
            Some(what) => {
                let list: Vec<String> = self.revoked.iter().map(u32::to_string).collect();
                format!(
                    "Revoked {what}: version(s) {}; their plaintext was erased from the vault.",
                    list.join(", ")
                )
            }
        });
        Ok(())
    }
}

/// Revoked locally, but a target still holds it (an earlier remote revoke failed).
fn live_remote(v: &crate::store::state::KeyVersion) -> bool {
    v.pushed.iter().any(|p| p.revoked_at.is_none())
}

fn targets(k: &crate::store::state::ApiKey, version: Option<u32>) -> Result<Vec<u32>> {
    match version {
        Some(n) => {
            let v = k.versions.iter().find(|v| v.version == n).ok_or_else(|| {
                Error::new(
                    ErrorKind::NotFound,
                    format!("{} has no version {n}", k.name),
                )
                .hint(format!("see `vauth key show {}`", k.name))
            })?;
            Ok(if v.revoked_at.is_none() || live_remote(v) {
                vec![n]
            } else {
                vec![]
            })
        }
        None => Ok(k
            .versions
            .iter()
            .filter(|v| v.revoked_at.is_none() || live_remote(v))
            .map(|v| v.version)
            .collect()),
    }
}

/// Run `vauth key revoke`.
pub(super) fn run(ctx: &Ctx<'_>, args: &RevokeArgs) -> Result<Outcome> {
    let (planned, journal) = {
        let s = ctx.open(OpenMode::Read)?;
        (
            targets(find(&s, &args.name)?, args.version)?,
            args.version.is_none() && s.state.rotations.contains_key(&args.name),
        )
    };
    let what = match args.version {
        Some(n) => format!("{} v{n}", args.name),
        None => format!("{} (all versions)", args.name),
    };
    if planned.is_empty() && !journal {
        ctx.ui.report(&Revoked {
            name: &args.name,
            revoked: vec![],
            what: None,
        })?;
        return Ok(Outcome::Ok);
    }
    if !ctx.confirm(&format!(
        "Revoke {what} now? Clients using it will be refused"
    ))? {
        return Err(
            Error::new(ErrorKind::NoTerminal, "not confirmed; nothing was revoked")
                .hint("answer yes, or pass --yes"),
        );
    }
    let mut s = ctx.open(OpenMode::Write)?;
    let now = s.now;
    let todo = targets(find(&s, &args.name)?, args.version)?;
    // The record first: from this commit on the versions are revoked here (`key verify` refuses
    // them, their plaintext is erased), and every push of them still out there waits to be
    // taken back — by what follows, or, if this run is killed, by the next `key revoke` or
    // `rotate finalize` (lifecycle::revoke journals each take-back).
    if let Some(k) = s.state.api_keys.get_mut(&args.name)? {
        for v in k.versions.iter_mut().filter(|v| todo.contains(&v.version)) {
            v.revoked_at.get_or_insert(now);
        }
    }
    let list: Vec<String> = todo.iter().map(u32::to_string).collect();
    s.commit(
        AuditEvent::new("key.revoke")
            .detail("name", &args.name)
            .detail("versions", list.join(",")),
    )?;
    // Then every target the versions were pushed to, one push at a time.
    let (remote_log, remote_err) = revoke_remote(&mut s, &args.name, &todo, args.version.is_none());
    // Revoking the whole key also ends an unfinished `vauth rotate`: its successor is taken back
    // wherever it reached, so nothing the journal made outlives the key.
    let (cancel_log, cancel_err) =
        if args.version.is_none() && s.state.rotations.contains_key(&args.name) {
            let r = cancel_rotation(&mut s, &args.name);
            s.commit(AuditEvent::new("rotate.cancel").detail("name", &args.name))?;
            r
        } else {
            (Vec::new(), None)
        };
    let remote_err = remote_err.or(cancel_err);
    for line in remote_log.iter().chain(&cancel_log) {
        ctx.ui.remote_log(line);
    }
    ctx.ui.report(&Revoked {
        name: &args.name,
        revoked: todo,
        what: Some(what),
    })?;
    if let Some(e) = remote_err {
        return Err(Error::new(
            e.kind(),
            format!(
                "{}; revoked in this home, but not yet taken back on that target (`vauth target drift` shows what it holds)",
                e.message()
            ),
        )
        .hint(e.hint_text().map_or_else(
            || "fix the target, then run the same `vauth key revoke` again (or `vauth rotate finalize`)".to_string(),
            |h| format!("{h}; then run the same `vauth key revoke` again"),
        )));
    }
    Ok(Outcome::Ok)
}
