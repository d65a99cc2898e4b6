//! `vauth ca crl`: a CRL signed by the issuing CA, numbered one above the last.

use serde::Serialize;

use super::Ctx;
use crate::audit::AuditEvent;
use crate::cli::ca::CrlArgs;
use crate::error::{Error, Outcome, Result};
use crate::lifecycle::certs::{ca_of, load_issuer};
use crate::output::{self, Ui};
use crate::pki::{self, Revoked};
use crate::store::OpenMode;
use crate::timefmt::rfc3339;

/// What `ca crl` reports: the CRL's numbers and where it went (for people without `--out`: the
/// CRL itself, PEM or DER).
#[derive(Serialize)]
struct Report {
    number: u64,
    this_update: String,
    next_update: String,
    revoked: usize,
    out: Option<String>,
    format: &'static str,
    /// The CRL itself (PEM) when it went nowhere else: no --out, not --der.
    #[serde(skip_serializing_if = "Option::is_none")]
    pem: Option<String>,
    #[serde(skip)]
    bytes: Vec<u8>,
}

impl output::Report for Report {
    fn human(&self, ui: &Ui) -> Result<()> {
        match &self.out {
            Some(p) => {
                ui.note(&format!(
                    "Wrote CRL #{} ({} revoked) to {p}; next update due {}.",
                    self.number, self.revoked, self.next_update
                ));
                Ok(())
            }
            None => write_stdout(&self.bytes),
        }
    }
}

/// Run `vauth ca crl`.
pub(super) fn run(ctx: &Ctx<'_>, args: &CrlArgs) -> Result<Outcome> {
    if args.next_update.seconds() < 60 {
        return Err(Error::usage("--next-update must be at least 1m")
            .hint("a CRL is valid from now until nextUpdate, e.g. 7d"));
    }
    if args.der && args.out.is_none() && ctx.ui.stdout_is_terminal() {
        return Err(Error::usage("refusing to write binary DER to a terminal")
            .hint("pass --out FILE, or redirect stdout"));
    }
    let now = ctx.now;
    let mut s = ctx.open(OpenMode::Write)?;
    let ca = ca_of(&s)?.clone();
    let issuing_fp = ca.issuing().fingerprint.clone();
    let revoked: Vec<Revoked> = s
        .state
        .certs
        .values()?
        .flat_map(|r| r.issued.iter())
        .filter(|c| c.issuer_fingerprint == issuing_fp)
        .filter_map(|c| {
            c.revoked_at.map(|at| Revoked {
                serial: c.serial.clone(),
                at,
                reason: c
                    .revocation_reason
                    .clone()
                    .unwrap_or_else(|| "unspecified".into()),
            })
        })
        .collect();
    let number = ca.crl.number + 1;
    let this_update = now - time::Duration::minutes(1);
    let next_update = now + args.next_update.duration();
    let issuer = load_issuer(&mut s)?;
    let (pem, der) = pki::make_crl(&issuer, number, this_update, next_update, &revoked)
        .map_err(|e| Error::state(e.0).hint("check the CA with `vauth ca show`"))?;
    let bytes = if args.der { der } else { pem.into_bytes() };
    if args.der && args.out.is_none() && ctx.ui.json {
        return Err(Error::usage("--json with --der needs --out FILE")
            .hint("binary DER cannot share stdout with the JSON object"));
    }
    if let Some(p) = &args.out {
        // Replaced atomically (servers may re-read it at any moment); a CRL is meant to be replaced.
        crate::fsutil::write_user_file(p, &bytes, 0o644, true)?;
    }
    if let Some(c) = s.state.ca.as_mut() {
        c.crl.number = number;
        c.crl.this_update = Some(this_update);
        c.crl.next_update = Some(next_update);
    }
    s.commit(
        AuditEvent::new("ca.crl")
            .detail("number", number.to_string())
            .detail("revoked", revoked.len().to_string())
            .detail("next_update", rfc3339(next_update)),
    )?;
    ctx.ui.report(&Report {
        number,
        this_update: rfc3339(this_update),
        next_update: rfc3339(next_update),
        revoked: revoked.len(),
        out: args.out.as_ref().map(|p| p.display().to_string()),
        format: if args.der { "der" } else { "pem" },
        pem: (args.out.is_none() && !args.der)
            .then(|| String::from_utf8_lossy(&bytes).into_owned()),
        bytes,
    })?;
    Ok(Outcome::Ok)
}

/// The CRL on stdout as it is (DER is binary: no newline added).
fn write_stdout(bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    o.write_all(bytes)
        .and_then(|()| o.flush())
        .map_err(|e| crate::output::stdout_failed(&e))
}
