//! `vauth target add/list/show/test/drift/remove`: database admin endpoints kept in vauth.toml
//! as references (URL naming the admin user, the env var or file holding its password, a CA
//! file). One file per verb; what they share (the description of a target, editing vauth.toml)
//! is here.

mod add;
mod drift;
mod list;
mod remove;
mod show;
mod test;

use serde::Serialize;

use super::Ctx;
use crate::cli::target::TargetCommand;
use crate::error::{Error, Outcome, Result};
use crate::remote::TargetConfig;

/// Run `vauth target …`.
pub fn run(ctx: &Ctx<'_>, cmd: &TargetCommand) -> Result<Outcome> {
    match cmd {
        TargetCommand::Add(a) => add::run(ctx, a),
        TargetCommand::List => list::run(ctx),
        TargetCommand::Show(a) => show::run(ctx, a),
        TargetCommand::Test(a) => test::run(ctx, a),
        TargetCommand::Drift(a) => drift::run(ctx, a),
        TargetCommand::Remove(a) => remove::run(ctx, a),
    }
}

/// A target as `add`, `list` and `show` describe it (never a credential: only where it is).
#[derive(Serialize)]
struct TargetReport<'a> {
    name: &'a str,
    kind: &'static str,
    url: &'a str,
    admin_credential: Option<String>,
    ca_file: Option<String>,
    client_cert: Option<&'a str>,
    tls: bool,
    insecure: bool,
    prefix: Option<&'a str>,
    project: Option<&'a str>,
    credentials_file: Option<String>,
}

impl<'a> TargetReport<'a> {
    fn of(name: &'a str, t: &'a TargetConfig) -> TargetReport<'a> {
        TargetReport {
            name,
            kind: t.kind.as_str(),
            url: &t.url,
            admin_credential: t.admin_source(),
            ca_file: t.ca_file.as_ref().map(|p| p.display().to_string()),
            client_cert: t.client_cert.as_deref(),
            tls: t.endpoint().is_ok_and(|ep| t.tls(&ep)),
            insecure: t.insecure,
            prefix: t.prefix.as_deref(),
            project: t.project.as_deref(),
            credentials_file: t.credentials_file.as_ref().map(|p| p.display().to_string()),
        }
    }
}

/// vauth.toml as an editable document (comments and order kept).
fn edit_doc(text: &str) -> Result<toml_edit::DocumentMut> {
    text.parse::<toml_edit::DocumentMut>().map_err(|e| {
        Error::state(format!("vauth.toml is not valid TOML: {}", e.message()))
            .hint("fix vauth.toml in the home")
    })
}
