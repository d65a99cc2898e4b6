//! `vauth target remove NAME`: forget a target (nothing on the server changes).

use serde::Serialize;

use super::{Ctx, edit_doc};
use crate::audit::AuditEvent;
use crate::cli::target::TargetNameArgs;
use crate::error::{Outcome, Result};
use crate::lifecycle::targets::find;
use crate::output::{Report, Ui};
use crate::store::OpenMode;

#[derive(Serialize)]
struct Removed<'a> {
    name: &'a str,
    removed: bool,
}

impl Report for Removed<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.note(&format!(
            "Removed target {} from vauth.toml; nothing on the server was changed.",
            self.name
        ));
        Ok(())
    }
}

/// Run `vauth target remove`.
pub(super) fn run(ctx: &Ctx<'_>, a: &TargetNameArgs) -> Result<Outcome> {
    let mut s = ctx.open(OpenMode::Write)?;
    find(&s, &a.name)?;
    let mut doc = edit_doc(&s.config_text()?)?;
    if let Some(t) = doc.get_mut("target").and_then(|t| t.as_table_like_mut()) {
        t.remove(&a.name);
    }
    s.write_config(&doc.to_string())?;
    s.commit(AuditEvent::new("target.remove").detail("name", &a.name))?;
    ctx.ui.report(&Removed {
        name: &a.name,
        removed: true,
    })?;
    Ok(Outcome::Ok)
}
