//! `vauth target add NAME --kind KIND --url URL …`: record a database admin endpoint in
//! vauth.toml (references to its credential, never the value).

use serde::Serialize;

use super::{Ctx, TargetReport, edit_doc};
use crate::audit::AuditEvent;
use crate::cli::target::TargetAddArgs;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::output::{Report, Ui};
use crate::remote::TargetConfig;
use crate::store::OpenMode;

/// The target added.
#[derive(Serialize)]
#[serde(transparent)]
struct Added<'a>(TargetReport<'a>);

impl Report for Added<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        let t = &self.0;
        ui.note(&format!(
            "Added target {} ({}, {}); check it with `vauth target test {}`.",
            t.name, t.kind, t.url, t.name
        ));
        Ok(())
    }
}

/// Run `vauth target add`.
pub(super) fn run(ctx: &Ctx<'_>, a: &TargetAddArgs) -> Result<Outcome> {
    let abs = |p: &Option<std::path::PathBuf>| {
        p.as_ref()
            .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()))
    };
    let cfg = TargetConfig {
        kind: a.kind,
        url: a.url.clone(),
        admin_password_env: a.admin_password_env.clone(),
        admin_password_file: abs(&a.admin_password_file),
        admin_key_env: a.admin_key_env.clone(),
        admin_key_file: abs(&a.admin_key_file),
        admin_client_id_env: a.admin_client_id_env.clone(),
        admin_client_secret_env: a.admin_client_secret_env.clone(),
        project: a.project.clone(),
        token_url: a.token_url.clone(),
        credentials_file: abs(&a.credentials_file),
        timeout: a.timeout,
        client_cert: a.client_cert.clone(),
        identity: None,
        ca_file: abs(&a.ca_file),
        insecure: a.insecure,
        prefix: a.prefix.clone(),
    };
    cfg.validate().map_err(|e| {
        let hint = if e.contains("contains a password") {
            "a URL never carries a credential: name the admin one with --admin-password-env/--admin-key-env VAR or --admin-password-file/--admin-key-file FILE"
        } else if e.contains("TLS") {
            "pass --ca-file (postgres), use rediss:// (redis) or https:// (HTTP targets); --insecure overrides"
        } else {
            "see `vauth target add --help`"
        };
        Error::usage(format!("--url / target {}: {e}", a.name)).hint(hint)
    })?;
    if cfg.insecure {
        ctx.ui.warn(&format!(
            "vauth: target {}: --insecure: credentials may cross the network unencrypted",
            a.name
        ));
    }
    let mut s = ctx.open(OpenMode::WriteOrCreate)?;
    if s.config.target.contains_key(&a.name) && !a.force {
        return Err(Error::new(
            ErrorKind::Exists,
            format!("a target named {:?} exists", a.name),
        )
        .hint("pass --force to replace it, or choose another name"));
    }
    let mut doc = edit_doc(&s.config_text()?)?;
    let root = doc
        .entry("target")
        .or_insert_with(|| {
            let mut t = toml_edit::Table::new();
            t.set_implicit(true);
            toml_edit::Item::Table(t)
        })
        .as_table_mut()
        .ok_or_else(|| {
            Error::state("vauth.toml: `target` is not a table").hint("fix vauth.toml")
        })?;
    root.insert(&a.name, toml_edit::Item::Table(config_table(&cfg)?));
    s.write_config(&doc.to_string())?;
    s.commit(
        AuditEvent::new("target.add")
            .detail("name", &a.name)
            .detail("kind", cfg.kind.as_str())
            // Never the query (nor userinfo): the audit log is shared more widely than vauth.toml.
            .detail("url", crate::net::url::display(&cfg.url)),
    )?;
    ctx.ui.report(&Added(TargetReport::of(&a.name, &cfg)))?;
    Ok(Outcome::Ok)
}

/// The `[target.NAME]` table of `cfg`, keys in the struct's order.
fn config_table(cfg: &TargetConfig) -> Result<toml_edit::Table> {
    let text = toml::to_string(cfg)
        .map_err(|e| Error::bug(format!("cannot write the target table: {e}")))?;
    let doc = edit_doc(&text)?;
    Ok(doc.as_table().clone())
}
