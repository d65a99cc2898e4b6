//! `vauth target test NAME`: reach the server with the admin credential, and probe the pushes
//! that waited for a restart (recorded verified when they now log in).

use serde::Serialize;

use super::Ctx;
use crate::audit::AuditEvent;
use crate::cli::target::TargetNameArgs;
use crate::error::{Outcome, Result};
use crate::lifecycle::keys::plaintext;
use crate::lifecycle::push::mark_verified;
use crate::lifecycle::remote::Connection;
use crate::lifecycle::targets::resolve;
use crate::output::{Report, Ui};
use crate::store::OpenMode;

/// A push waiting for a restart, probed by `target test`.
#[derive(Serialize)]
struct PendingProbe {
    key: String,
    version: u32,
    user: String,
    verified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Serialize)]
struct Test<'a> {
    name: &'a str,
    kind: &'static str,
    ok: bool,
    server: String,
    admin_user: Option<String>,
    tls: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pending: Vec<PendingProbe>,
    /// Where it was reached (`host:port`).
    #[serde(skip)]
    reached: String,
}

impl Report for Test<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.note(&format!(
            "target {}: reached {} ({}), the admin credential works; server: {}",
            self.name,
            self.reached,
            if self.tls { "TLS verified" } else { "no TLS" },
            self.server
        ));
        for p in &self.pending {
            ui.note(&format!(
                "  {} v{} (pending restart): {}",
                p.key,
                p.version,
                if p.verified {
                    "now verified: it is accepted, a wrong one is refused".to_string()
                } else {
                    format!(
                        "NOT verified: {}",
                        p.error.as_deref().unwrap_or("probe failed")
                    )
                }
            ));
        }
        Ok(())
    }
}

/// Run `vauth target test`.
pub(super) fn run(ctx: &Ctx<'_>, a: &TargetNameArgs) -> Result<Outcome> {
    let (cfg, pending) = {
        let mut s = ctx.open(OpenMode::Read)?;
        let cfg = resolve(&mut s, &a.name)?;
        let mut pending = Vec::new();
        for k in s.state.api_keys.values()? {
            for v in k.versions.iter().filter(|v| v.revoked_at.is_none()) {
                for p in &v.pushed {
                    if p.target == a.name && p.pending && p.revoked_at.is_none() {
                        pending.push((k.name.clone(), v.version, p.user.clone()));
                    }
                }
            }
        }
        (cfg, pending)
    };
    let ep = cfg.endpoint()?;
    let mut c = Connection::open(&a.name, &cfg)?;
    let server = c.check_admin()?;
    let mut probes = Vec::new();
    let mut first_err = None;
    if !pending.is_empty() {
        let mut s = ctx.open(OpenMode::Write)?;
        for (key, version, user) in pending {
            let Some(v) = s
                .state
                .api_keys
                .get(&key)?
                .and_then(|k| k.versions.iter().find(|v| v.version == version))
                .cloned()
            else {
                continue;
            };
            let secret = plaintext(&mut s, &key, &v)?;
            let r = c.probe(&user, &secret);
            if r.is_ok() {
                mark_verified(&mut s, &key, version, &a.name)?;
            }
            probes.push(PendingProbe {
                key,
                version,
                user,
                verified: r.is_ok(),
                error: r.as_ref().err().map(|e| e.message().to_string()),
            });
            if let Err(e) = r {
                first_err.get_or_insert(e);
            }
        }
        if probes.iter().any(|p| p.verified) {
            let done: Vec<String> = probes
                .iter()
                .filter(|p| p.verified)
                .map(|p| format!("{} v{}", p.key, p.version))
                .collect();
            s.commit(
                AuditEvent::new("target.probe")
                    .detail("name", &a.name)
                    .detail("verified", done.join(",")),
            )?;
        }
    }
    let _ = c.finish();
    ctx.ui.report(&Test {
        name: &a.name,
        kind: cfg.kind.as_str(),
        ok: first_err.is_none(),
        server,
        admin_user: ep.user.clone(),
        tls: cfg.tls(&ep),
        pending: probes,
        reached: format!("{}:{}", ep.host, ep.port),
    })?;
    match first_err {
        Some(e) => Err(e),
        None => Ok(Outcome::Ok),
    }
}
