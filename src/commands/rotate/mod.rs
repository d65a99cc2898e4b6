//! `vauth rotate [plan|apply|outputs|finalize]`: rotation by the `[[policy]]` tables of
//! vauth.toml, unattended (CI). `apply` holds the home's exclusive lock for the whole run (a
//! second run waits, bounded by `--lock-timeout`, then sees what the first did), and journals an
//! API-key rotation in state.json before and after every step (lifecycle::journal), so a run
//! killed at any instant is resumed by the next: the same successor, no second remote user or
//! key, and never a predecessor revoked before its successor probed on every target.

mod apply;
mod finalize;
mod outputs;
mod plan;

use super::Ctx;
use crate::cli::rotate::{RotateArgs, RotateCommand};
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::timefmt::Span;

/// Run `vauth rotate …`.
pub fn run(ctx: &Ctx<'_>, a: &RotateArgs) -> Result<Outcome> {
    match &a.verb {
        Some(RotateCommand::Plan(p)) => plan::run(ctx, p),
        Some(RotateCommand::Apply(p)) => {
            let r = apply::apply(ctx, p.due, &p.names, &[], p.lock_timeout)?;
            let out = apply::report(ctx, &r, None);
            apply::run_exec(p.exec.as_deref(), &r)?;
            out
        }
        Some(RotateCommand::Outputs(o)) => outputs::run(ctx, o),
        Some(RotateCommand::Finalize(f)) => {
            // Its own report: on failure, the notes of what was done, then the error once
            // (exit 4 for a target), and never "Nothing was due.".
            let mut r = finalize::finalize(ctx, &f.only, f.lock_timeout)?;
            ctx.ui.report(&finalize::FinalizeOnly::of(&r))?;
            match r.first_err.take() {
                Some(e) => Err(e),
                None => Ok(Outcome::Ok),
            }
        }
        None => {
            let r = apply::apply(ctx, true, &[], &a.only, a.lock_timeout)?;
            let f = finalize::finalize(ctx, &a.only, a.lock_timeout)?;
            let out = apply::report(ctx, &r, Some(&f));
            apply::run_exec(a.exec.as_deref(), &r)?;
            out
        }
    }
}

/// The error when vauth.toml has no policy to act on.
fn no_policies() -> Error {
    Error::new(ErrorKind::NotFound, "vauth.toml has no [[policy]] tables").hint(
        "add one per credential: [[policy]] credential = \"NAME\" max_age = \"30d\" grace = \"1d\"",
    )
}

/// `--lock-timeout`, as the wait for another process's lock.
fn lock_wait(w: Option<Span>) -> Option<std::time::Duration> {
    w.map(|w| std::time::Duration::from_secs(w.seconds().max(0).unsigned_abs()))
}
