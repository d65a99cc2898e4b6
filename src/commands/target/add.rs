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
        apply: a.apply.clone(),
        restart_wait: a.restart_wait.clone(),
        secret_env: Vec::new(),
        // Written out for chroma, so the file says which header the server reads.
        auth_header: a
            .auth_header
            .or((a.kind == crate::remote::Kind::Chroma).then(Default::default)),
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
    let text = s.config_text()?;
    let mut doc = edit_doc(&text)?;
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
    let table = config_table(&cfg)?;
    let replaced = root.contains_key(&a.name);
    root.insert(&a.name, toml_edit::Item::Table(table.clone()));
    let new_text = if replaced {
        // Replaced in place: its comments and position stay.
        doc.to_string()
    } else {
        // A new table goes after everything else, so the commented settings that follow the
        // last table (`[jwt]`'s, in the default file) stay under it when uncommented.
        append_table(&text, &a.name, table)
    };
    s.write_config(&new_text)?;
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

/// `text` with `[target.NAME]` (`table`) appended at its end.
fn append_table(text: &str, name: &str, table: toml_edit::Table) -> String {
    let mut one = toml_edit::DocumentMut::new();
    let mut targets = toml_edit::Table::new();
    targets.set_implicit(true);
    targets.insert(name, toml_edit::Item::Table(table));
    one.insert("target", toml_edit::Item::Table(targets));
    let mut out = text.trim_end().to_string();
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str(one.to_string().trim_start());
    out
}
