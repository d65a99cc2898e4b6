//! `vauth target show NAME`: one target, and every credential state.json says was pushed to it.

use serde::Serialize;

use super::{Ctx, TargetReport, pushes_to};
use crate::cli::target::TargetNameArgs;
use crate::error::{Outcome, Result};
use crate::lifecycle::targets::find;
use crate::output::{Report, Ui};
use crate::store::OpenMode;
use crate::timefmt::rfc3339;

#[derive(Serialize)]
struct PushedRow<'a> {
    credential: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    serial: Option<&'a str>,
    user: &'a str,
    pushed_at: String,
    verified: bool,
    pending: bool,
    revoked_at: Option<String>,
}

#[derive(Serialize)]
struct Show<'a> {
    #[serde(flatten)]
    target: TargetReport<'a>,
    pushed: Vec<PushedRow<'a>>,
}

impl Report for Show<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        let r = &self.target;
        let mut out = format!(
            "name:           {}\nkind:           {}\nurl:            {}\nadmin:          {}\ntransport:      {}\n",
            r.name,
            r.kind,
            r.url,
            r.admin_credential.as_deref().unwrap_or("(none)"),
            if r.tls {
                "TLS (verified)"
            } else if r.insecure {
                "plain (--insecure)"
            } else {
                "plain (loopback)"
            },
        );
        for (label, v) in [
            ("prefix", r.prefix.map(str::to_string)),
            ("client cert", r.client_cert.map(str::to_string)),
            ("project", r.project.map(str::to_string)),
            ("credentials", r.credentials_file.clone()),
            ("auth header", r.auth_header.map(str::to_string)),
            ("apply", r.apply.map(str::to_string)),
            ("restart wait", r.restart_wait.map(str::to_string)),
        ] {
            if let Some(v) = v {
                out.push_str(&format!("{:<16}{v}\n", format!("{label}:")));
            }
        }
        for p in &self.pushed {
            out.push_str(&format!(
                "pushed:         {} {} as {} at {}{}{}\n",
                p.credential,
                match (p.version, p.serial) {
                    (Some(v), _) => format!("v{v}"),
                    (None, Some(sr)) => format!("(certificate {})", &sr[..sr.len().min(12)]),
                    _ => String::new(),
                },
                p.user,
                p.pushed_at,
                if p.pending {
                    " (pending restart)"
                } else if p.verified {
                    ""
                } else {
                    " (UNVERIFIED)"
                },
                p.revoked_at
                    .as_ref()
                    .map(|t| format!(", revoked {t}"))
                    .unwrap_or_default()
            ));
        }
        ui.out(&out)
    }
}

/// Run `vauth target show`.
pub(super) fn run(ctx: &Ctx<'_>, a: &TargetNameArgs) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let t = find(&s, &a.name)?;
    let pushed = pushes_to(&s.state, &a.name)?
        .into_iter()
        .map(|r| PushedRow {
            credential: r.credential,
            kind: r.kind,
            version: r.version,
            serial: r.serial,
            user: &r.push.user,
            pushed_at: rfc3339(r.push.at),
            verified: r.push.verified,
            pending: r.pending,
            revoked_at: r.push.revoked_at.map(rfc3339),
        })
        .collect();
    ctx.ui.report(&Show {
        target: TargetReport::of(&a.name, t),
        pushed,
    })?;
    Ok(Outcome::Ok)
}
