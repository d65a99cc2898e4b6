//! `vauth cert verify FILE [--at TIME]`: exit 0 valid, 1 invalid with the reason.

use serde::Serialize;

use super::Ctx;
use crate::cli::cert::VerifyArgs;
use crate::commands::read_presented;
use crate::error::{Outcome, Result};
use crate::lifecycle::verify::verify;
use crate::store::OpenMode;
use crate::timefmt::rfc3339;

#[derive(Serialize)]
struct Report {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
    message: String,
    at: String,
    serial: Option<String>,
    cn: Option<String>,
    name: Option<String>,
    not_after: Option<String>,
}

/// Run `vauth cert verify`.
pub(super) fn run(ctx: &Ctx<'_>, args: &VerifyArgs) -> Result<Outcome> {
    // Unreadable is exit 3; anything read — garbage, or too large to be a certificate — is a
    // verdict (exit 1), as for every verify command (DESIGN.md §8).
    let bytes = read_presented(&args.file, "certificate")?;
    let mut s = ctx.open(OpenMode::Read)?;
    s.verify_state()?;
    let now = ctx.now;
    let at = args.at.map_or(now, |t| t.resolve(now));
    let v = if bytes.len() as u64 > crate::pki::MAX_PEM_BYTES {
        crate::lifecycle::verify::Verdict {
            reason: Some(crate::lifecycle::verify::Reason::Malformed),
            message: "not a certificate: the input is larger than 1 MiB".into(),
            serial: None,
            cn: None,
            name: None,
            not_after: None,
        }
    } else {
        let certs: Vec<_> = s.state.certs.values()?.collect();
        verify(&bytes, s.state.ca.as_ref(), &certs, at)
    };
    let ok = v.reason.is_none();
    let report = Report {
        ok,
        reason: v.reason.map(|r| r.as_str()),
        message: v.message,
        at: rfc3339(at),
        serial: v.serial,
        cn: v.cn,
        name: v.name,
        not_after: v.not_after.map(rfc3339),
    };
    let message = if ok {
        format!(
            "{} (CN={}, serial {}): {}",
            report.name.as_deref().unwrap_or("certificate"),
            report.cn.as_deref().unwrap_or("-"),
            report.serial.as_deref().unwrap_or("-"),
            report.message
        )
    } else {
        report.message.clone()
    };
    super::super::report_verdict(
        ctx,
        &report,
        ok,
        Some(report.reason.unwrap_or("malformed")),
        &message,
    )
}
