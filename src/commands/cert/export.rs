//! `vauth cert export NAME`: the certificate (and chain) as PEM, the kept key, or PKCS#12.

use std::path::Path;

use serde::Serialize;
use zeroize::Zeroizing;

use super::files::{Planned, ders, p12_password};
use super::{Ctx, record_of, unknown};
use crate::audit::AuditEvent;
use crate::cli::cert::ExportArgs;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::fsutil::precheck_user_files;
use crate::lifecycle::certs::ca_of;
use crate::output::{self, Ui};
use crate::pki;
use crate::store::OpenMode;

/// What `cert export` reports: where each part went, or the PEM itself.
#[derive(Serialize)]
struct Report<'a> {
    name: &'a str,
    serial: &'a str,
    out: Option<String>,
    key_out: Option<String>,
    p12: Option<String>,
    p12_has_key: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pem: Option<String>,
    /// The files written (kind, path), for people.
    #[serde(skip)]
    written: Vec<(&'static str, String)>,
}

impl output::Report for Report<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        if let Some(pem) = &self.pem {
            ui.out(pem)?;
        }
        for (kind, path) in &self.written {
            ui.note(&format!("wrote {kind} {path}"));
        }
        if self.p12.is_some() && !self.p12_has_key {
            ui.warn(
                "the PKCS#12 holds certificates only: vauth did not keep this key (--keep-key)",
            );
        }
        Ok(())
    }
}

/// Run `vauth cert export`.
pub(super) fn run(ctx: &Ctx<'_>, args: &ExportArgs) -> Result<Outcome> {
    let wants_key = args.key_out.is_some() || args.p12.is_some();
    let mut s = ctx.open(if wants_key {
        OpenMode::Write
    } else {
        OpenMode::Read
    })?;
    let ca = ca_of(&s)?.clone();
    let rec = record_of(&s, &args.name)?.clone();
    let cur = rec
        .issued
        .iter()
        .rev()
        .find(|c| c.revoked_at.is_none())
        .or(rec.latest())
        .ok_or_else(|| unknown(&args.name))?
        .clone();
    let mut pem = cur.pem.clone();
    if args.chain {
        if let Some(i) = &ca.intermediate {
            pem.push_str(&i.pem);
        }
        pem.push_str(&ca.root.pem);
    }
    let key = if cur.key_kept && wants_key {
        s.vault()?
            .get(&cur.vault_entry(&args.name))?
            .map(|k| Zeroizing::new(k.to_string()))
    } else {
        None
    };
    if args.key_out.is_some() && key.is_none() {
        return Err(Error::new(
            ErrorKind::NotFound,
            format!("vauth did not keep {}'s private key", args.name),
        )
        .hint("only certificates issued with --keep-key can export their key"));
    }
    // Every path is checked before a password is asked or a key is read out.
    let paths: Vec<&Path> = [&args.out, &args.key_out, &args.p12]
        .into_iter()
        .flatten()
        .map(|p| p.as_path())
        .collect();
    precheck_user_files(&paths, args.force)?;
    // The PEM goes to stdout only when no file was asked for.
    let to_stdout = paths.is_empty();
    let mut files = Vec::new();
    if let Some(p) = &args.out {
        files.push(Planned {
            path: p.clone(),
            bytes: Zeroizing::new(pem.clone().into_bytes()),
            mode: 0o644,
            kind: "cert",
        });
    }
    if let (Some(p), Some(k)) = (&args.key_out, &key) {
        files.push(Planned {
            path: p.clone(),
            bytes: Zeroizing::new(k.as_bytes().to_vec()),
            mode: 0o600,
            kind: "key",
        });
    }
    if let Some(p) = &args.p12 {
        let pw = p12_password(ctx, &args.p12_password)?;
        let mut chain = ders(&cur.pem)?;
        for c in [ca.intermediate.as_ref(), Some(&ca.root)]
            .into_iter()
            .flatten()
        {
            chain.extend(ders(&c.pem)?);
        }
        let key_der = match &key {
            Some(k) => Some(
                pki::pem_blocks(k.as_bytes(), "PRIVATE KEY")
                    .map_err(|e| Error::vault(format!("the kept key is not PKCS#8: {e}")))?
                    .swap_remove(0),
            ),
            None => None,
        };
        let bytes = pki::make_p12(&args.name, key_der.as_deref(), &chain, &pw)
            .map_err(|e| Error::bug(e.0))?;
        files.push(Planned {
            path: p.clone(),
            bytes,
            mode: 0o600,
            kind: "p12",
        });
    }
    // Undone (dropped) if the audit line below cannot be committed.
    let written = super::files::write(&files, args.force, true)?;
    if key.is_some() {
        s.commit(
            AuditEvent::new("cert.export_key")
                .detail("name", &args.name)
                .detail("serial", &cur.serial)
                .detail("p12", args.p12.is_some().to_string()),
        )?;
    }
    written.keep();
    ctx.ui.report(&Report {
        name: &args.name,
        serial: &cur.serial,
        out: args.out.as_ref().map(|p| p.display().to_string()),
        key_out: args.key_out.as_ref().map(|p| p.display().to_string()),
        p12: args.p12.as_ref().map(|p| p.display().to_string()),
        p12_has_key: args.p12.is_some() && key.is_some(),
        pem: to_stdout.then(|| pem.clone()),
        written: files
            .iter()
            .map(|f| (f.kind, f.path.display().to_string()))
            .collect(),
    })?;
    Ok(Outcome::Ok)
}
