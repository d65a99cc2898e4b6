//! `vauth status`: the home, its protection, counts, and what expires within a window.

use serde::Serialize;

use super::Ctx;
use crate::cli::StatusArgs;
use crate::error::{Outcome, Result};
use crate::store::OpenMode;
use crate::store::state::Status;
use crate::store::vault::Protection;
use crate::timefmt::{relative, rfc3339};

#[derive(Serialize, Default)]
struct Counts {
    total: usize,
    active: usize,
    grace: usize,
    expired: usize,
    retired: usize,
    revoked: usize,
}

#[derive(Serialize)]
struct Expiring {
    name: String,
    version: u32,
    expires: String,
}

#[derive(Serialize)]
struct Report {
    home: String,
    home_id: String,
    protection: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    protection_warning: Option<String>,
    keys: Counts,
    within_seconds: i64,
    expiring: Vec<Expiring>,
    audit_lines: u64,
}

/// Run `vauth status`.
pub fn run(ctx: &Ctx<'_>, args: &StatusArgs) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let now = ctx.now;
    let horizon = now + args.within.duration();
    let protection = s.protection()?;
    let mut counts = Counts::default();
    let mut expiring = Vec::new();
    for k in s.state.api_keys.values() {
        counts.total += 1;
        match k.status(now) {
            Status::Active => counts.active += 1,
            Status::Grace => counts.grace += 1,
            Status::Expired => counts.expired += 1,
            Status::Retired => counts.retired += 1,
            Status::Revoked => counts.revoked += 1,
        }
        for v in &k.versions {
            if v.status(now).is_valid()
                && let Some(e) = v.expires.or(v.grace_until)
                && e <= horizon
            {
                expiring.push(Expiring {
                    name: k.name.clone(),
                    version: v.version,
                    expires: rfc3339(e),
                });
            }
        }
    }
    expiring.sort_by(|a, b| a.expires.cmp(&b.expires));
    let warning = (protection == Protection::KeyFile).then(|| {
        format!(
            "weakest protection: the vault key is a 0600 file ({}); prefer keyring or passphrase",
            s.unlock().key_file(&s.state.home_id).display()
        )
    });
    let r = Report {
        home: s.location(),
        home_id: s.state.home_id.clone(),
        protection: protection.as_str(),
        protection_warning: warning,
        keys: counts,
        within_seconds: args.within.seconds(),
        expiring,
        audit_lines: s.state.audit.count,
    };
    // PKI: the CRL's nextUpdate, the CA and certificates near their end (stderr warnings).
    super::cert::status_warnings(ctx, &s.state, now, horizon);
    if ctx.ui.json {
        ctx.ui.out_json(&r)?;
        return Ok(Outcome::Ok);
    }
    let mut out = format!(
        "home        {}\nprotection  {}\nkeys        {} ({} active, {} in grace, {} expired, {} retired, {} revoked)\naudit       {} lines\n",
        r.home,
        r.protection,
        r.keys.total,
        r.keys.active,
        r.keys.grace,
        r.keys.expired,
        r.keys.retired,
        r.keys.revoked,
        r.audit_lines
    );
    if r.expiring.is_empty() {
        out.push_str(&format!("expiring    nothing within {}\n", args.within));
    } else {
        out.push_str(&format!("expiring within {}:\n", args.within));
        for e in &r.expiring {
            let when = time::OffsetDateTime::parse(
                &e.expires,
                &time::format_description::well_known::Rfc3339,
            )
            .map(|t| relative(t, now))
            .unwrap_or_default();
            out.push_str(&format!(
                "  {} v{}  {} ({when})\n",
                e.name, e.version, e.expires
            ));
        }
    }
    ctx.ui.out(&out)?;
    if let Some(w) = &r.protection_warning {
        ctx.ui.warn(w);
    }
    Ok(Outcome::Ok)
}
