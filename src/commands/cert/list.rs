//! `vauth cert list`: issued certificates, soonest expiry first.

use serde::Serialize;

use super::Ctx;
use crate::cli::cert::ListArgs;
use crate::error::{Outcome, Result};
use crate::output::{self, Ui};
use crate::store::OpenMode;
use crate::store::state::pki::CertStatus;
use crate::timefmt::{relative, rfc3339};

#[derive(Serialize)]
struct Row {
    name: String,
    serial: String,
    cn: String,
    sans: Vec<String>,
    profile: &'static str,
    key_type: String,
    status: &'static str,
    not_before: String,
    not_after: String,
    expires_in_seconds: i64,
    fingerprint: String,
    key_kept: bool,
    from_csr: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    revoked_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    revocation_reason: Option<String>,
}

/// What `cert list` reports.
#[derive(Serialize)]
struct Report {
    at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    expiring_within_seconds: Option<i64>,
    ok: bool,
    certs: Vec<Row>,
    #[serde(skip)]
    now: time::OffsetDateTime,
}

impl output::Report for Report {
    fn human(&self, ui: &Ui) -> Result<()> {
        if self.certs.is_empty() {
            ui.note(match self.expiring_within_seconds {
                Some(_) => "No certificate expires in that window.",
                None => "No certificates yet; issue one with `vauth cert issue NAME`.",
            });
        } else {
            let table: Vec<Vec<String>> = self
                .certs
                .iter()
                .map(|r| {
                    let t = time::OffsetDateTime::parse(
                        &r.not_after,
                        &time::format_description::well_known::Rfc3339,
                    )
                    .unwrap_or(self.now);
                    vec![
                        r.name.clone(),
                        r.cn.clone(),
                        r.profile.to_string(),
                        r.status.to_string(),
                        r.not_after.clone(),
                        relative(t, self.now),
                        r.serial.chars().take(12).collect(),
                    ]
                })
                .collect();
            ui.out(&output::table(
                &[
                    "NAME",
                    "CN",
                    "PROFILE",
                    "STATUS",
                    "NOT AFTER",
                    "EXPIRES",
                    "SERIAL",
                ],
                &table,
            ))?;
            if !self.ok {
                ui.warn(&format!(
                    "{} certificate(s) expire within the window; renew with `vauth cert renew NAME`",
                    self.certs.len()
                ));
            }
        }
        Ok(())
    }
}

/// Run `vauth cert list`.
pub(super) fn run(ctx: &Ctx<'_>, args: &ListArgs) -> Result<Outcome> {
    let now = ctx.now;
    let s = ctx.open(OpenMode::Read)?;
    let mut rows: Vec<(time::OffsetDateTime, Row)> = Vec::new();
    for r in s.state.certs.values()? {
        let latest = r.issued.len().saturating_sub(1);
        for (i, c) in r.issued.iter().enumerate() {
            let st = c.status(now);
            if !args.all && i != latest {
                continue;
            }
            if let Some(w) = args.expiring_within
                && !(st == CertStatus::Active && c.not_after <= now + w.duration())
            {
                continue;
            }
            rows.push((
                c.not_after,
                Row {
                    name: r.name.clone(),
                    serial: c.serial.clone(),
                    cn: c.cn.clone(),
                    sans: c.sans.clone(),
                    profile: r.profile.as_str(),
                    key_type: c.key_type.clone(),
                    status: st.as_str(),
                    not_before: rfc3339(c.not_before),
                    not_after: rfc3339(c.not_after),
                    expires_in_seconds: (c.not_after - now).whole_seconds(),
                    fingerprint: c.fingerprint.clone(),
                    key_kept: c.key_kept,
                    from_csr: c.from_csr,
                    revoked_at: c.revoked_at.map(rfc3339),
                    revocation_reason: c.revocation_reason.clone(),
                },
            ));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    let ok = args.expiring_within.is_none() || rows.is_empty();
    let report = Report {
        at: rfc3339(now),
        expiring_within_seconds: args.expiring_within.map(|w| w.seconds()),
        ok,
        certs: rows.into_iter().map(|(_, r)| r).collect(),
        now,
    };
    ctx.ui.report(&report)?;
    Ok(if ok { Outcome::Ok } else { Outcome::Negative })
}
