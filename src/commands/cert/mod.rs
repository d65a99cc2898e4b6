//! `vauth cert …`: one module per verb, plus what they share: input reading, SAN and key-type
//! flags, the report of a new certificate, and (files.rs) the output files.

mod batch;
mod export;
mod files;
mod inspect;
mod issue;
mod list;
mod renew;
mod revoke;
mod verify;

use serde::Serialize;

use super::Ctx;
use crate::cli::cert::{CertCommand, ProfileArg};
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::pki::{Profile, San};
use crate::store::Session;
use crate::store::state::pki::{CaRecord, CertRecord, IssuedCert};
use crate::timefmt::{TimeArg, rfc3339};
use files::{FilesReport, Planned};
use time::OffsetDateTime;

/// Run `vauth cert …`.
pub fn run(ctx: &Ctx<'_>, cmd: &CertCommand) -> Result<Outcome> {
    match cmd {
        CertCommand::Issue(a) if a.batch.is_some() => batch::run(ctx, a),
        CertCommand::Issue(a) => issue::run(ctx, a),
        CertCommand::List(a) => list::run(ctx, a),
        CertCommand::Inspect(a) => inspect::run(ctx, a),
        CertCommand::Verify(a) => verify::run(ctx, a),
        CertCommand::Revoke(a) => revoke::run(ctx, a),
        CertCommand::Renew(a) => renew::run(ctx, a),
        CertCommand::Export(a) => export::run(ctx, a),
    }
}

/// The error for an unknown certificate name.
pub(crate) fn unknown(name: &str) -> Error {
    Error::new(
        ErrorKind::NotFound,
        format!("no certificate named {name:?}"),
    )
    .hint("see `vauth cert list` for the names in this home")
}

/// The record of certificate name `name`.
pub(crate) fn record_of<'a>(s: &'a Session, name: &str) -> Result<&'a CertRecord> {
    s.state.certs.get(name)?.ok_or_else(|| unknown(name))
}

/// A new leaf's notAfter: `--not-after`, or [`issue::DEFAULT_LEAF_DAYS`] from `now`.
pub(crate) fn leaf_not_after(arg: Option<TimeArg>, now: OffsetDateTime) -> OffsetDateTime {
    arg.map_or(now + time::Duration::days(issue::DEFAULT_LEAF_DAYS), |t| {
        t.resolve(now)
    })
}

/// The profile flag as a domain value.
pub(crate) fn profile(p: ProfileArg) -> Profile {
    match p {
        ProfileArg::Client => Profile::Client,
        ProfileArg::Server => Profile::Server,
    }
}

/// Parse `--san` values.
pub(crate) fn parse_sans(v: &[String]) -> Result<Vec<San>> {
    let mut out: Vec<San> = Vec::new();
    for s in v {
        let san = San::parse(s)
            .map_err(|e| e.usage("write SANs as dns:NAME, ip:ADDR, email:ADDR or uri:URI"))?;
        if !out.contains(&san) {
            out.push(san);
        }
    }
    Ok(out)
}

/// The JSON object of a newly issued certificate (issue, renew, each batch line).
#[derive(Debug, Serialize)]
pub(crate) struct IssuedReport<'a> {
    pub name: &'a str,
    pub serial: &'a str,
    pub cn: &'a str,
    pub sans: &'a [String],
    pub profile: &'a str,
    pub key_type: &'a str,
    pub not_before: String,
    pub not_after: String,
    pub fingerprint: &'a str,
    pub issuer: &'a str,
    pub key_kept: bool,
    pub from_csr: bool,
    pub files: FilesReport,
    /// The files in the order they were written (kind, path), for people.
    #[serde(skip)]
    pub written: Vec<(&'static str, String)>,
}

impl<'a> IssuedReport<'a> {
    pub(crate) fn new(
        name: &'a str,
        profile: Profile,
        ca: &'a CaRecord,
        c: &'a IssuedCert,
        files: &[Planned],
    ) -> Self {
        IssuedReport {
            name,
            serial: &c.serial,
            cn: &c.cn,
            sans: &c.sans,
            profile: profile.as_str(),
            key_type: &c.key_type,
            not_before: rfc3339(c.not_before),
            not_after: rfc3339(c.not_after),
            fingerprint: &c.fingerprint,
            issuer: &ca.issuing().cn,
            key_kept: c.key_kept,
            from_csr: c.from_csr,
            files: FilesReport::of(files),
            written: files
                .iter()
                .map(|f| (f.kind, f.path.display().to_string()))
                .collect(),
        }
    }

    /// One note per written file: `  cert  dir/name.crt`.
    pub(crate) fn note_files(&self, ui: &crate::output::Ui) {
        for (kind, path) in &self.written {
            ui.note(&format!("  {kind:<5} {path}"));
        }
    }
}
