//! `vauth ca …`: init, show, export, crl.

mod crl;
mod init;

use serde::Serialize;

use super::Ctx;

use crate::cli::ca::{CaCommand, ExportArgs};
use crate::error::{Outcome, Result};
use crate::lifecycle::certs::ca_of;
use crate::store::OpenMode;
use crate::store::state::pki::{CaCert, CaRecord};
use crate::timefmt::rfc3339;

/// Run `vauth ca …`.
pub fn run(ctx: &Ctx<'_>, cmd: &CaCommand) -> Result<Outcome> {
    match cmd {
        CaCommand::Init(a) => init::run(ctx, a),
        CaCommand::Show => show(ctx),
        CaCommand::Export(a) => export(ctx, a),
        CaCommand::Crl(a) => crl::run(ctx, a),
    }
}

/// One CA certificate in reports.
#[derive(Serialize)]
pub(crate) struct CaView<'a> {
    cn: &'a str,
    key_type: &'a str,
    serial: &'a str,
    fingerprint: &'a str,
    not_before: String,
    not_after: String,
    pathlen: u8,
    permit_dns: &'a [String],
    permit_ip: &'a [String],
}

impl<'a> CaView<'a> {
    pub(crate) fn of(c: &'a CaCert) -> Self {
        CaView {
            cn: &c.cn,
            key_type: &c.key_type,
            serial: &c.serial,
            fingerprint: &c.fingerprint,
            not_before: rfc3339(c.not_before),
            not_after: rfc3339(c.not_after),
            pathlen: c.pathlen,
            permit_dns: &c.permit_dns,
            permit_ip: &c.permit_ip,
        }
    }
}

/// `ca show` / `ca init` report.
#[derive(Serialize)]
pub(crate) struct CaReport<'a> {
    root: CaView<'a>,
    intermediate: Option<CaView<'a>>,
    issuing: &'a str,
    crl_number: u64,
    crl_next_update: Option<String>,
    certs_issued: usize,
}

impl<'a> CaReport<'a> {
    pub(crate) fn of(ca: &'a CaRecord, certs: usize) -> Self {
        CaReport {
            root: CaView::of(&ca.root),
            intermediate: ca.intermediate.as_ref().map(CaView::of),
            issuing: &ca.issuing().cn,
            crl_number: ca.crl.number,
            crl_next_update: ca.crl.next_update.map(rfc3339),
            certs_issued: certs,
        }
    }

    pub(crate) fn human(&self) -> String {
        let mut out = String::new();
        for (label, v) in [
            ("root", Some(&self.root)),
            ("intermediate", self.intermediate.as_ref()),
        ] {
            let Some(v) = v else { continue };
            out.push_str(&format!(
                "{label}: {}\n  key          {}\n  valid        {} .. {}\n  pathlen      {}\n  serial       {}\n  sha256       {}\n",
                v.cn, v.key_type, v.not_before, v.not_after, v.pathlen, v.serial, v.fingerprint
            ));
            if !v.permit_dns.is_empty() || !v.permit_ip.is_empty() {
                let mut all: Vec<&str> = v.permit_dns.iter().map(String::as_str).collect();
                all.extend(v.permit_ip.iter().map(String::as_str));
                out.push_str(&format!("  permitted    {}\n", all.join(", ")));
            }
        }
        out.push_str(&format!("issuing CA: {}\n", self.issuing));
        out.push_str(&match &self.crl_next_update {
            Some(t) => format!("last CRL: number {}, next update {t}\n", self.crl_number),
            None => "last CRL: none yet (`vauth ca crl --out FILE`)\n".into(),
        });
        out.push_str(&format!("certificates issued: {}\n", self.certs_issued));
        out
    }
}

fn show(ctx: &Ctx<'_>) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let ca = ca_of(&s)?;
    let n = s.state.certs.values().map(|r| r.issued.len()).sum();
    let r = CaReport::of(ca, n);
    if ctx.ui.json {
        ctx.ui.out_json(&r)?;
    } else {
        ctx.ui.out(&r.human())?;
        if let Some(t) = ca.crl.next_update
            && t <= ctx.now + time::Duration::days(2)
        {
            ctx.ui.warn("the CRL's nextUpdate is near or past: servers that check it will refuse every client; run `vauth ca crl --out FILE`");
        }
    }
    Ok(Outcome::Ok)
}

#[derive(Serialize)]
struct ExportReport {
    out: Option<String>,
    certificates: usize,
    pem: Option<String>,
}

fn export(ctx: &Ctx<'_>, args: &ExportArgs) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let ca = ca_of(&s)?;
    let pem = if args.root_only {
        ca.root.pem.clone()
    } else {
        ca.bundle_pem()
    };
    let n = if args.root_only || ca.intermediate.is_none() {
        1
    } else {
        2
    };
    if let Some(p) = &args.out {
        crate::fsutil::write_user_file(p, pem.as_bytes(), 0o644, args.force)?;
    }
    if ctx.ui.json {
        ctx.ui.out_json(&ExportReport {
            out: args.out.as_ref().map(|p| p.display().to_string()),
            certificates: n,
            pem: args.out.is_none().then_some(pem),
        })?;
    } else if let Some(p) = &args.out {
        ctx.ui.note(&format!(
            "wrote the trust bundle ({n} certificate(s)) to {}",
            p.display()
        ));
    } else {
        ctx.ui.out(&pem)?;
    }
    Ok(Outcome::Ok)
}
