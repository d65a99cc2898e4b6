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
use crate::store::state::{Pushed, State};

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
    #[serde(skip_serializing_if = "Option::is_none")]
    auth_header: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    apply: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    restart_wait: Option<&'a str>,
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
            auth_header: (t.kind == crate::remote::Kind::Chroma)
                .then(|| t.auth_header.unwrap_or_default().as_str()),
            apply: t.apply.as_deref(),
            restart_wait: t.restart_wait.as_deref(),
        }
    }
}

/// One push to a target that state.json records (`show`, `drift`).
struct Recorded<'a> {
    /// The API key's or certificate's name.
    credential: &'a str,
    /// `api_key` or `cert`.
    kind: &'static str,
    /// The pushed version (API keys).
    version: Option<u32>,
    /// The pushed certificate's serial (certificates).
    serial: Option<&'a str>,
    /// The pushed key's hash (API keys; empty for a certificate).
    sha256: &'a str,
    /// Waiting for the target to read it (API keys; a certificate never waits).
    pending: bool,
    /// The push record.
    push: &'a Pushed,
    /// Its take-back is pending: the record revoked the version (certificate), or a take-back
    /// is journaled, and the push is not yet recorded revoked (`rotate finalize` finishes it).
    revoking: bool,
}

/// Every push to `target` that state.json records: API keys first, then certificates.
fn pushes_to<'a>(state: &'a State, target: &str) -> Result<Vec<Recorded<'a>>> {
    let mut out = Vec::new();
    for k in state.api_keys.values()? {
        for v in &k.versions {
            for p in v.pushed.iter().filter(|p| p.target == target) {
                out.push(Recorded {
                    credential: &k.name,
                    kind: "api_key",
                    version: Some(v.version),
                    serial: None,
                    sha256: &v.sha256,
                    pending: p.pending,
                    push: p,
                    revoking: state.key_push_pending(&k.name, v, p),
                });
            }
        }
    }
    for r in state.certs.values()? {
        for c in &r.issued {
            for p in c.pushed.iter().filter(|p| p.target == target) {
                out.push(Recorded {
                    credential: &r.name,
                    kind: "cert",
                    version: None,
                    serial: Some(&c.serial),
                    sha256: "",
                    pending: false,
                    push: p,
                    revoking: state.cert_push_pending(&r.name, c, p),
                });
            }
        }
    }
    Ok(out)
}

/// vauth.toml as an editable document (comments and order kept).
fn edit_doc(text: &str) -> Result<toml_edit::DocumentMut> {
    text.parse::<toml_edit::DocumentMut>().map_err(|e| {
        Error::state(format!("vauth.toml is not valid TOML: {}", e.message()))
            .hint("fix vauth.toml in the home")
    })
}
