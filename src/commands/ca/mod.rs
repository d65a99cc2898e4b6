//! `vauth ca …`: init, show, export, crl — one module per verb — and the report of a CA that
//! `init` and `show` share.

mod crl;
mod export;
mod init;
mod show;

use serde::Serialize;

use super::Ctx;

use crate::cli::ca::CaCommand;
use crate::error::{Outcome, Result};
use crate::store::state::pki::{CaCert, CaRecord};
use crate::timefmt::rfc3339;

/// Run `vauth ca …`.
pub fn run(ctx: &Ctx<'_>, cmd: &CaCommand) -> Result<Outcome> {
    match cmd {
        CaCommand::Init(a) => init::run(ctx, a),
        CaCommand::Show => show::run(ctx),
        CaCommand::Export(a) => export::run(ctx, a),
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
    /// The view of one CA certificate.
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
    /// The report of `ca`, which has issued `certs` certificates.
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

    /// The CA for people: root, intermediate, issuing CA, CRL, count.
    pub(crate) fn text(&self) -> String {
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
