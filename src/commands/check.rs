//! `vauth check --within 7d`: what needs attention — rotations overdue, due or due soon by the
//! `[[policy]]` tables, and credentials expiring (exit 1 when anything is listed).

use serde::Serialize;

use super::Ctx;
use crate::cli::rotate::CheckArgs;
use crate::error::{Outcome, Result};
use crate::output::{Report, Ui};
use crate::policy::{CredKind, Due, plan};
use crate::store::OpenMode;
use crate::timefmt::rfc3339;

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

#[derive(Serialize)]
struct Check {
    ok: bool,
    within: String,
    items: Vec<CheckRow>,
}

impl Report for Check {
    fn human(&self, ui: &Ui) -> Result<()> {
        if self.items.is_empty() {
            ui.note(&format!(
                "All good: nothing overdue, due or expiring within {}.",
                self.within
            ));
            return Ok(());
        }
        let t: Vec<Vec<String>> = self
            .items
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
        ui.out(&crate::output::table(
            &["CREDENTIAL", "KIND", "STATUS", "AT", "WHY"],
            &t,
        ))
    }
}

/// Run `vauth check`.
pub fn run(ctx: &Ctx<'_>, a: &CheckArgs) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let now = ctx.now;
    let horizon = now + a.within.duration();
    let mut rows = Vec::new();
    for i in plan(&s.state, &s.config.policy, now, &[])? {
        let kind = i.kind.map(CredKind::as_str);
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
    for k in s.state.api_keys.values()? {
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
    for r in s.state.certs.values()? {
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
    let ok = rows.is_empty();
    ctx.ui.report(&Check {
        ok,
        within: a.within.to_string(),
        items: rows,
    })?;
    Ok(if ok { Outcome::Ok } else { Outcome::Negative })
}
