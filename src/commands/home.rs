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
        HomeCommand::Config(a) => config(ctx, a.set.as_deref()),
    }
}

/// What `home config` prints: the text itself.
#[derive(Serialize)]
struct ConfigText {
    location: String,
    text: String,
}

impl output::Report for ConfigText {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.out(self.text.trim_end_matches('\n'))
    }
}

/// What `home config --set` reports.
#[derive(Serialize)]
struct ConfigSet {
    location: String,
    changed: bool,
}

impl output::Report for ConfigSet {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.note(&if self.changed {
            format!("Replaced {}.", self.location)
        } else {
            format!(
                "{} already holds that text; nothing changed.",
                self.location
            )
        });
        Ok(())
    }
}

fn config(ctx: &Ctx<'_>, set: Option<&Path>) -> Result<Outcome> {
    let Some(file) = set else {
        let s = ctx.open(OpenMode::Read)?;
        return ctx
            .ui
            .report(&ConfigText {
                location: s.config_location(),
                text: s.config_text()?,
            })
            .map(|()| Outcome::Ok);
    };
    let bytes = super::read_input(
        file,
        "config file",
        "a vauth.toml is a few KB; check that the path names the config (vauth home config > vauth.toml)",
    )?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::input(format!("{} is not UTF-8", file.display())).hint("save it as UTF-8")
    })?;
    // Checked against the file's own name first, so a mistake is reported where it is.
    crate::config::Config::parse_file(&text, &file.display().to_string())?;
    let mut s = ctx.open(OpenMode::Write)?;
    let location = s.config_location();
    let changed = s.config_text()? != text;
    if changed {
        s.write_config(&text)?;
        s.commit(crate::audit::AuditEvent::new("home.config"))?;
    }
    ctx.ui.report(&ConfigSet { location, changed })?;
    Ok(Outcome::Ok)
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
