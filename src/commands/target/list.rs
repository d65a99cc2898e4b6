//! `vauth target list`: the targets in vauth.toml.

use serde::Serialize;

use super::{Ctx, TargetReport};
use crate::error::{Outcome, Result};
use crate::output::{Report, Ui};
use crate::store::OpenMode;

#[derive(Serialize)]
struct List<'a> {
    targets: Vec<TargetReport<'a>>,
}

impl Report for List<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        if self.targets.is_empty() {
            ui.note(
                "No targets. Add one with `vauth target add NAME --kind postgres|redis --url URL`.",
            );
            return Ok(());
        }
        let table: Vec<Vec<String>> = self
            .targets
            .iter()
            .map(|r| {
                vec![
                    r.name.to_string(),
                    r.kind.to_string(),
                    r.url.to_string(),
                    r.admin_credential.clone().unwrap_or_else(|| "-".into()),
                    if r.tls { "tls" } else { "plain" }.to_string(),
                ]
            })
            .collect();
        ui.out(&crate::output::table(
            &["NAME", "KIND", "URL", "ADMIN CREDENTIAL", "TRANSPORT"],
            &table,
        ))
    }
}

/// Run `vauth target list`.
pub(super) fn run(ctx: &Ctx<'_>) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let targets = s
        .config
        .target
        .iter()
        .map(|(n, t)| TargetReport::of(n, t))
        .collect();
    ctx.ui.report(&List { targets })?;
    Ok(Outcome::Ok)
}
