//! `vauth cert renew NAME [--reuse-key | --key-file F]`: a successor with the same subject, SANs
//! and profile. The predecessor stays valid until it expires or is revoked.

use serde::Serialize;
use zeroize::Zeroizing;

use super::files::plan_files;
use super::{Ctx, IssuedReport, record_of, unknown};
use crate::audit::AuditEvent;
use crate::cli::cert::RenewArgs;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::fsutil::precheck_user_files;
use crate::lifecycle::certs::{KeySource, ca_of, issue_one, leaf_window, load_issuer};
use crate::output::{Report, Ui};
use crate::pki::{self, LeafSpec, San};
use crate::store::OpenMode;
use crate::timefmt::rfc3339;

/// Run `vauth cert renew`.
pub(super) fn run(ctx: &Ctx<'_>, args: &RenewArgs) -> Result<Outcome> {
    let now = ctx.now;
    let key_file = match &args.key_file {
        Some(p) => Some(crate::secret::read_secret_source(
            p,
            pki::MAX_PEM_BYTES,
            "private key",
        )?),
        None => None,
    };
    let mut s = ctx.open(OpenMode::Write)?;
    let ca = ca_of(&s)?.clone();
    let rec = record_of(&s, &args.name)?.clone();
    let cur = rec.latest().ok_or_else(|| unknown(&args.name))?.clone();
    let source = if let Some(k) = key_file {
        let kp = pki::parse_private_key(&k)
            .map_err(|e| Error::input(e.0).hint("pass the PEM private key of this certificate"))?;
        let der = super::files::ders(&cur.pem)?;
        if !der.first().is_some_and(|d| pki::key_matches_cert(&kp, d)) {
            return Err(Error::input(format!(
                "the key in {} does not match {}'s certificate",
                args.key_file.as_deref().map_or(String::new(), |p| p.display().to_string()),
                args.name
            ))
            .hint("pass the key this certificate was issued for, or renew without --key-file for a new key"));
        }
        KeySource::Reuse(k)
    } else if args.reuse_key {
        let entry = cur.vault_entry(&args.name);
        if !cur.key_kept {
            return Err(Error::new(
                ErrorKind::NotFound,
                format!("vauth did not keep {}'s key", args.name),
            )
            .hint("pass --key-file FILE, or renew with a new key (no --reuse-key)"));
        }
        let k = s
            .vault()?
            .get(&entry)?
            .map(|k| Zeroizing::new(k.to_string()))
            .ok_or_else(|| {
                Error::vault(format!("the vault lacks {entry}")).hint("pass --key-file FILE")
            })?;
        KeySource::Reuse(k)
    } else {
        KeySource::Generate(crate::lifecycle::certs::spec_of(&cur.key_type))
    };
    let lifetime = cur.not_after - cur.not_before;
    let not_after = args.not_after.map_or(now + lifetime, |t| t.resolve(now));
    let (nb, na, capped) = leaf_window(&ca, now, not_after)?;
    if capped {
        ctx.ui.warn(&format!(
            "validity capped at the issuing CA's end, {}",
            rfc3339(na)
        ));
    }
    let sans = cur
        .sans
        .iter()
        .map(|x| San::parse(x))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| Error::state(format!("state.json: {e}")))?;
    let spec = LeafSpec {
        cn: cur.cn.clone(),
        sans,
        profile: rec.profile,
        not_before: nb,
        not_after: na,
    };
    let issuer = load_issuer(&mut s)?;
    let mut nc = issue_one(&ca, &issuer, &spec, source, now)?;
    let reused = args.reuse_key || args.key_file.is_some();
    let key_for_vault = nc.key_pem.clone();
    if reused && args.files.key_out.is_none() && args.files.p12.is_none() {
        // The key already lives with its user: write the certificate files only.
        nc.key_pem = None;
    }
    let files = plan_files(ctx, &args.name, &ca, &nc, &args.files)?;
    precheck_user_files(&super::files::paths(&files), args.files.force)?;
    // A name whose key vauth kept keeps its successors' keys too.
    let keep = args.keep_key || cur.key_kept;
    if keep && let Some(k) = &key_for_vault {
        nc.record.key_kept = true;
        s.vault()?
            .put(&nc.record.vault_entry(&args.name), k.clone())?;
    }
    // Undone (dropped) if the commit below fails.
    let written = super::files::write(&files, args.files.force, true)?;
    if let Some(r) = s.state.certs.get_mut(&args.name)? {
        r.issued.push(nc.record.clone());
    }
    let c = &nc.record;
    s.commit(
        AuditEvent::new("cert.renew")
            .detail("name", &args.name)
            .detail("serial", &c.serial)
            .detail("previous_serial", &cur.serial)
            .detail("reused_key", reused.to_string()),
    )?;
    written.keep();
    // What becomes of the predecessor: said as it is, never "valid" for a revoked one.
    let previous = match cur.revoked_at {
        Some(t) => format!(
            "the previous certificate ({}) is revoked (since {})",
            cur.serial,
            rfc3339(t)
        ),
        None if cur.not_after <= now => format!(
            "the previous certificate ({}) expired at {}",
            cur.serial,
            rfc3339(cur.not_after)
        ),
        None => format!(
            "the previous certificate ({}) stays valid until {} unless revoked",
            cur.serial,
            rfc3339(cur.not_after)
        ),
    };
    ctx.ui.report(&Renewed {
        cert: IssuedReport::new(&args.name, rec.profile, &ca, c, &files),
        reused,
        previous,
    })?;
    Ok(Outcome::Ok)
}

/// What `cert renew` reports: the new certificate; for people, also what became of the previous
/// one.
#[derive(Serialize)]
#[serde(transparent)]
struct Renewed<'a> {
    cert: IssuedReport<'a>,
    #[serde(skip)]
    reused: bool,
    #[serde(skip)]
    previous: String,
}

impl Report for Renewed<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        let c = &self.cert;
        ui.note(&format!(
            "Renewed {} (serial {}, {} key), valid until {}; {}.",
            c.name,
            c.serial,
            if self.reused { "same" } else { "new" },
            c.not_after,
            self.previous,
        ));
        c.note_files(ui);
        Ok(())
    }
}
