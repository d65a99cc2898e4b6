//! `vauth cert issue NAME`: one certificate, from a new key or a CSR.

use serde::Serialize;

use super::files::plan_files;
use super::{Ctx, IssuedReport, leaf_not_after, parse_sans, profile};
use crate::audit::AuditEvent;
use crate::cli::cert::IssueArgs;
use crate::commands::read_input;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::fsutil::precheck_user_files;
use crate::lifecycle::certs::{KeySource, ca_of, check_cn, issue_one, leaf_window, load_issuer};
use crate::output::{Report, Ui};
use crate::pki::{self, LeafSpec, Profile, San};
use crate::store::OpenMode;
use crate::store::state::pki::CertRecord;
use crate::timefmt::rfc3339;

/// Default leaf lifetime (DESIGN.md §3).
pub(crate) const DEFAULT_LEAF_DAYS: i64 = 30;

/// Run `vauth cert issue NAME`.
pub(super) fn run(ctx: &Ctx<'_>, args: &IssueArgs) -> Result<Outcome> {
    let Some(name) = args.name.as_deref() else {
        return Err(Error::usage("NAME is required without --batch").hint("vauth cert issue NAME"));
    };
    let now = ctx.now;
    let prof = profile(args.profile);
    // Parse everything the user gave before opening the home.
    let mut sans = parse_sans(&args.san)?;
    let source = match &args.csr {
        Some(p) => {
            let bytes = read_input(p, "CSR", "pass a single CSR")?;
            let req = pki::parse_csr(&bytes).map_err(|e| {
                e.input("pass a PEM or DER PKCS#10 request, e.g. from `openssl req -new`")
            })?;
            KeySource::Csr(Box::new(req))
        }
        None => KeySource::Generate(args.key.spec()?),
    };
    let cn = match (&args.cn, &source) {
        (Some(c), _) => c.clone(),
        (None, KeySource::Csr(r)) => r.cn.clone().unwrap_or_else(|| name.to_string()),
        (None, _) => name.to_string(),
    };
    check_cn(&cn)?;
    if let KeySource::Csr(r) = &source {
        for s in &r.sans {
            if !sans.contains(s) {
                sans.push(s.clone());
            }
        }
        if !r.ignored_extensions.is_empty() {
            ctx.ui.note(&format!(
                "vauth: ignored extensions the CSR asked for ({}); the {} profile decides them",
                r.ignored_extensions.join(", "),
                prof.as_str()
            ));
        }
    }
    if prof == Profile::Server
        && sans.is_empty()
        && let Ok(d) = San::parse(&format!("dns:{cn}"))
    {
        sans.push(d);
    }
    let not_after = leaf_not_after(args.not_after, now);

    let mut s = ctx.open(OpenMode::Write)?;
    let ca = ca_of(&s)?.clone();
    if s.state.certs.contains_key(name)? && !args.replace {
        return Err(Error::new(
            ErrorKind::Exists,
            format!("a certificate named {name:?} already exists"),
        )
        .hint(format!(
            "run `vauth cert renew {name}`, or pass --replace to issue a new one under that name"
        )));
    }
    let (nb, na, capped) = leaf_window(&ca, now, not_after)?;
    if capped {
        ctx.ui.warn(&format!(
            "--not-after capped at the issuing CA's end, {}",
            rfc3339(na)
        ));
    }
    let spec = LeafSpec {
        cn,
        sans,
        profile: prof,
        not_before: nb,
        not_after: na,
    };
    let issuer = load_issuer(&mut s)?;
    let mut nc = issue_one(&ca, &issuer, &spec, source, now)?;
    let files = plan_files(ctx, name, &ca, &nc, &args.files)?;
    precheck_user_files(&super::files::paths(&files), args.files.force)?;
    if args.keep_key
        && let Some(k) = &nc.key_pem
    {
        nc.record.key_kept = true;
        s.vault()?.put(&nc.record.vault_entry(name), k.clone())?;
    }
    // Undone (dropped) if the commit below fails.
    let written = super::files::write(&files, args.files.force, true)?;
    let rec = s.state.certs.get_or_insert_with(name, || CertRecord {
        name: name.to_string(),
        profile: prof,
        issued: vec![],
    })?;
    rec.profile = prof;
    rec.issued.push(nc.record.clone());
    let c = &nc.record;
    s.commit(
        AuditEvent::new("cert.issue")
            .detail("name", name)
            .detail("serial", &c.serial)
            .detail("cn", &c.cn)
            .detail("profile", prof.as_str())
            .detail("fingerprint", &c.fingerprint)
            .detail("from_csr", c.from_csr.to_string()),
    )?;
    written.keep();
    ctx.ui
        .report(&Issued(IssuedReport::new(name, prof, &ca, c, &files)))?;
    Ok(Outcome::Ok)
}

/// What `cert issue` reports: the new certificate; for people, where its files went.
#[derive(Serialize)]
struct Issued<'a>(IssuedReport<'a>);

impl Report for Issued<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        let c = &self.0;
        ui.note(&format!(
            "Issued {} certificate {} (CN={}, serial {}), valid until {}.",
            c.profile, c.name, c.cn, c.serial, c.not_after
        ));
        c.note_files(ui);
        if c.key_kept {
            ui.note("  the private key is also sealed in the vault (--keep-key)");
        }
        Ok(())
    }
}
