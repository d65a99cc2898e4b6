//! `vauth home export DIR` / `vauth home import DIR`: copy a whole home between a directory and
//! any other home (PostgreSQL), checked on the way and never overwriting.

use std::path::Path;

use serde::Serialize;

use super::Ctx;
use crate::cli::HomeCommand;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::output::{self, Ui};
use crate::store::{Backend, FileBackend, OpenMode, Session, Snapshot};

/// What a copy reports.
#[derive(Serialize)]
struct Copied {
    from: String,
    to: String,
    audit_lines: usize,
    #[serde(skip)]
    verb: &'static str,
}

impl output::Report for Copied {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.note(&format!(
            "{} the home {} to {} (state integrity and {} audit lines checked).",
            self.verb, self.from, self.to, self.audit_lines
        ));
        Ok(())
    }
}

/// Run `vauth home …`.
pub fn run(ctx: &Ctx<'_>, cmd: &HomeCommand) -> Result<Outcome> {
    match cmd {
        HomeCommand::Export(a) => export(ctx, &a.dir),
        HomeCommand::Import(a) => import(ctx, &a.dir),
    }
}

fn lines(s: &Snapshot) -> usize {
    crate::audit::lines(&s.audit).count()
}

fn export(ctx: &Ctx<'_>, dir: &Path) -> Result<Outcome> {
    let mut s = ctx.open(OpenMode::Read)?;
    let snap = s.snapshot()?;
    let dest = FileBackend::new(dir.to_path_buf());
    dest.create_from(&snap)?;
    ctx.ui.report(&Copied {
        from: s.location(),
        to: dest.location(),
        audit_lines: lines(&snap),
        verb: "Exported",
    })?;
    Ok(Outcome::Ok)
}

fn import(ctx: &Ctx<'_>, dir: &Path) -> Result<Outcome> {
    let src = FileBackend::new(dir.to_path_buf());
    if !src.exists()? {
        return Err(Error::new(
            ErrorKind::NotFound,
            format!("no vauth home at {}", dir.display()),
        )
        .hint("name the directory that holds state.json, secrets.vault and audit.log"));
    }
    let dest = ctx.backend()?;
    if dest.exists()? {
        return Err(Error::new(
            ErrorKind::Exists,
            format!("the home {} already exists", dest.location()),
        )
        .hint("import into a new home (another directory, or …&home=NAME); nothing was changed"));
    }
    let from = src.location();
    let mut s = Session::open(Box::new(src), OpenMode::Read, ctx.unlock(), ctx.now)?;
    let snap = s.snapshot()?;
    drop(s);
    dest.create_from(&snap)?;
    ctx.ui.report(&Copied {
        from,
        to: dest.location(),
        audit_lines: lines(&snap),
        verb: "Imported",
    })?;
    Ok(Outcome::Ok)
}
