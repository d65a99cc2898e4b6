//! `vauth audit show|verify`.

use serde::Serialize;

use super::Ctx;
use crate::audit::{self, Line};
use crate::cli::{AuditCommand, AuditShowArgs};
use crate::error::{Error, Outcome, Result};
use crate::output::{Report, Ui};
use crate::store::OpenMode;

/// Run `vauth audit …`.
pub fn run(ctx: &Ctx<'_>, cmd: &AuditCommand) -> Result<Outcome> {
    match cmd {
        AuditCommand::Show(a) => show(ctx, a),
        AuditCommand::Verify => verify(ctx),
    }
}

/// What `audit show` reports: the lines; for people, a table.
#[derive(Serialize)]
struct ShowReport {
    lines: Vec<Line>,
}

impl Report for ShowReport {
    fn human(&self, ui: &Ui) -> Result<()> {
        let rows: Vec<Vec<String>> = self
            .lines
            .iter()
            .map(|l| {
                let details = l
                    .details
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                vec![
                    l.seq.to_string(),
                    l.time.clone(),
                    l.actor.clone(),
                    l.action.clone(),
                    l.outcome.clone(),
                    details,
                ]
            })
            .collect();
        ui.out(&crate::output::table(
            &["SEQ", "TIME", "ACTOR", "ACTION", "OUTCOME", "DETAILS"],
            &rows,
        ))
    }
}

fn show(ctx: &Ctx<'_>, args: &AuditShowArgs) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let log = s.audit_log()?;
    let mut lines = audit::parse_all(&log).map_err(|(n, why)| {
        Error::state(format!("audit.log line {n}: {why}"))
            .hint("run `vauth audit verify` to check the log")
    })?;
    if let Some(n) = args.limit {
        let skip = lines.len().saturating_sub(n);
        lines.drain(..skip);
    }
    ctx.ui.report(&ShowReport { lines })?;
    Ok(Outcome::Ok)
}

fn verify(ctx: &Ctx<'_>) -> Result<Outcome> {
    let mut s = ctx.open(OpenMode::Read)?;
    // The head the log is checked against must be the one vauth wrote (checked_audit checks it).
    let (_, v, pending) = s.checked_audit()?;
    // Every bucket, too: a command that changes one key reads only the buckets it touches.
    s.each_checked_bucket(|_, _| {})?;
    if pending {
        ctx.ui.note(
            "vauth: the last audit line is pending in state.json; the next change appends it",
        );
    }
    ctx.ui.report(&Verified(&v))?;
    Ok(if v.ok { Outcome::Ok } else { Outcome::Negative })
}

/// What `audit verify` reports: the verdict; for people, one line.
#[derive(Serialize)]
struct Verified<'a>(&'a audit::Verdict);

impl Report for Verified<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        let v = self.0;
        if v.ok {
            ui.out(&format!("ok: {} audit lines intact", v.lines))
        } else {
            ui.out(&format!(
                "invalid: line {}: {}",
                v.bad_line.unwrap_or(0),
                v.reason.as_deref().unwrap_or("")
            ))
        }
    }
}
