//! `vauth init`: create the home, or confirm it exists (idempotent).

use serde::Serialize;

use super::Ctx;
use crate::cli::InitArgs;
use crate::error::{Error, Outcome, Result};
use crate::output::{self, Ui};
use crate::store::vault::Protection;
use crate::store::{OpenMode, Session};

/// What `vauth init` reports.
#[derive(Serialize)]
struct Report {
    home: String,
    home_id: String,
    created: bool,
    protection: &'static str,
    /// The vault's key file, when it is protected by one.
    #[serde(skip)]
    key_file: Option<std::path::PathBuf>,
}

impl output::Report for Report {
    fn human(&self, ui: &Ui) -> Result<()> {
        if self.created {
            ui.note(&format!(
                "Initialized a vauth home at {} (vault protection: {}).",
                self.home, self.protection
            ));
            if let Some(k) = &self.key_file {
                warn_key_file(ui, k);
            }
        } else {
            ui.note(&format!(
                "The vauth home at {} already exists (vault protection: {}).",
                self.home, self.protection
            ));
        }
        Ok(())
    }
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
        let (s, created) = Session::create(backend, protection, ctx.unlock(), ctx.now)?;
        // What failed after the new home was written (its first audit line, say).
        for n in &s.notices {
            ctx.ui.warn(n);
        }
        (s, created)
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
    let home_id = session.state.home_id.clone();
    ctx.ui.report(&Report {
        home: session.location(),
        key_file: (protection == Protection::KeyFile).then(|| session.unlock().key_file(&home_id)),
        home_id,
        created,
        protection: protection.as_str(),
    })?;
    Ok(Outcome::Ok)
}

/// The warning every report about a key-file vault carries.
pub fn warn_key_file(ui: &Ui, path: &std::path::Path) {
    ui.warn(&format!(
        "the vault key is a 0600 file ({}): anyone who can read your files can open the vault; \
         prefer --protect keyring or passphrase (vauth vault rekey)",
        path.display()
    ));
}
