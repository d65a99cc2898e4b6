//! `vauth rotate plan [--at TIME]`: what the policies make due, without doing it (exit 1 when
//! something is due).

use serde::Serialize;

use super::{Ctx, no_policies};
use crate::cli::rotate::PlanArgs;
use crate::error::{Outcome, Result};
use crate::output::{Report, Ui};
use crate::policy::{CredKind, Due, Item, plan};
use crate::store::OpenMode;
use crate::timefmt::rfc3339;

#[derive(Serialize)]
struct PlanReport {
    at: String,
    due: usize,
    items: Vec<Item>,
}

impl Report for PlanReport {
    fn human(&self, ui: &Ui) -> Result<()> {
        let rows: Vec<Vec<String>> = self
            .items
            .iter()
            .map(|i| {
                vec![
                    i.credential.clone(),
                    i.kind.map_or("-", CredKind::as_str).to_string(),
                    if i.version > 0 {
                        format!("v{}", i.version)
                    } else {
                        String::new()
                    },
                    due_str(i.due).to_string(),
                    i.finalize
                        .iter()
                        .map(|v| format!("v{v}"))
                        .collect::<Vec<_>>()
                        .join(","),
                    i.reason.clone(),
                ]
            })
            .collect();
        ui.out(&crate::output::table(
            &["CREDENTIAL", "KIND", "CURRENT", "ROTATE", "FINALIZE", "WHY"],
            &rows,
        ))?;
        ui.note(&if self.due == 0 {
            format!("Nothing due at {}.", self.at)
        } else {
            format!(
                "{} credential(s) to act on at {}: `vauth rotate` does it.",
                self.due, self.at
            )
        });
        Ok(())
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

/// Run `vauth rotate plan`.
pub(super) fn run(ctx: &Ctx<'_>, a: &PlanArgs) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    if s.config.policy.is_empty() {
        return Err(no_policies());
    }
    let at = a.at.map_or(ctx.now, |t| t.resolve(ctx.now));
    let items = plan(&s.state, &s.config.policy, at, &a.only)?;
    let due = items
        .iter()
        .filter(|i| matches!(i.due, Due::Due | Due::Resume) || !i.finalize.is_empty())
        .count();
    ctx.ui.report(&PlanReport {
        at: rfc3339(at),
        due,
        items,
    })?;
    Ok(if due == 0 {
        Outcome::Ok
    } else {
        Outcome::Negative
    })
}
