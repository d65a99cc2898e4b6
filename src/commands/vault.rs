//! `vauth vault rekey`: re-wrap the data key under another protection.

use serde::Serialize;

use super::Ctx;
use crate::audit::AuditEvent;
use crate::cli::{RekeyArgs, VaultCommand};
use crate::error::{Outcome, Result};
use crate::store::OpenMode;
use crate::store::vault::{Protection, Unlock};

#[derive(Serialize)]
struct Report {
    previous: &'static str,
    protection: &'static str,
}

/// Run `vauth vault …`.
pub fn run(ctx: &Ctx<'_>, cmd: &VaultCommand) -> Result<Outcome> {
    match cmd {
        VaultCommand::Rekey(a) => rekey(ctx, a),
    }
}

fn rekey(ctx: &Ctx<'_>, args: &RekeyArgs) -> Result<Outcome> {
    let mut s = ctx.open(OpenMode::Write)?;
    let previous = s.protection()?;
    let target: Protection = args.protect.into();
    let new_unlock = Unlock {
        passphrase_file: args.new_passphrase_file.clone(),
        ..ctx.unlock()
    };
    s.rekey(target, &new_unlock)?;
    s.commit(
        AuditEvent::new("vault.rekey")
            .detail("from", previous.as_str())
            .detail("to", target.as_str()),
    )?;
    let r = Report {
        previous: previous.as_str(),
        protection: target.as_str(),
    };
    if ctx.ui.json {
        ctx.ui.out_json(&r)?;
    } else {
        ctx.ui.note(&format!(
            "Re-keyed the vault: {} -> {}. No secret changed.",
            r.previous, r.protection
        ));
        if previous == Protection::KeyFile && target != Protection::KeyFile {
            ctx.ui.note(&format!(
                "The old key file {} no longer opens the vault; you may delete it.",
                s.unlock().key_file(&s.state.home_id).display()
            ));
        }
        if target == Protection::KeyFile {
            super::init::warn_key_file(ctx, &s.unlock().key_file(&s.state.home_id));
        }
    }
    Ok(Outcome::Ok)
}
