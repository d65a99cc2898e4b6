//! `vauth init`: create the home, or confirm it exists (idempotent).

use serde::Serialize;

use super::Ctx;
use crate::cli::InitArgs;
use crate::error::{Error, Outcome, Result};
use crate::store::vault::Protection;
use crate::store::{Backend, OpenMode, Session};

#[derive(Serialize)]
struct Report {
    home: String,
    home_id: String,
    created: bool,
    protection: &'static str,
}

/// Run `vauth init`.
pub fn run(ctx: &Ctx<'_>, args: &InitArgs) -> Result<Outcome> {
    let backend = ctx.backend()?;
    let asked: Option<Protection> = args.protect.map(Into::into);
    let (session, created) = if backend.exists()? {
        (ctx.open(OpenMode::Read)?, false)
    } else {
        let protection = match asked {
            Some(p) => p,
            None => crate::store::default_protection(&ctx.unlock())?,
        };
        Session::create(Box::new(backend), protection, ctx.unlock(), ctx.now)?
    };
    let protection = session.protection()?;
    if let Some(want) = asked
        && want != protection
    {
        return Err(Error::state(format!(
            "the home {} is already protected by {}",
            session.location(),
            protection.as_str()
        ))
        .hint(format!(
            "to change it, run `vauth vault rekey --protect {}`",
            want.as_str()
        )));
    }
    let report = Report {
        home: session.location(),
        home_id: session.state.home_id.clone(),
        created,
        protection: protection.as_str(),
    };
    if ctx.ui.json {
        ctx.ui.out_json(&report)?;
    } else if created {
        ctx.ui.note(&format!(
            "Initialized a vauth home at {} (vault protection: {}).",
            report.home, report.protection
        ));
        if protection == Protection::KeyFile {
            warn_key_file(ctx, &session.unlock().key_file(&report.home_id));
        }
    } else {
        ctx.ui.note(&format!(
            "The vauth home at {} already exists (vault protection: {}).",
            report.home, report.protection
        ));
    }
    Ok(Outcome::Ok)
}

/// The warning every report about a key-file vault carries.
pub fn warn_key_file(ctx: &Ctx<'_>, path: &std::path::Path) {
    ctx.ui.warn(&format!(
        "the vault key is a 0600 file ({}): anyone who can read your files can open the vault; \
         prefer --protect keyring or passphrase (vauth vault rekey)",
        path.display()
    ));
}
