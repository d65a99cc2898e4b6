//! `vauth ca init`: the root (and intermediate), keys sealed in the vault.

use serde::Serialize;

use super::{CaReport, Ctx};
use crate::audit::AuditEvent;
use crate::cli::ca::InitArgs;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::output::{Report, Ui};
use crate::pki::{self, CaSpec, Cidr};
use crate::store::OpenMode;
use crate::store::state::pki::{CA_INTERMEDIATE_KEY, CA_ROOT_KEY, CaCert, CaRecord, CrlRecord};
use crate::timefmt::rfc3339;

/// Run `vauth ca init`.
pub(super) fn run(ctx: &Ctx<'_>, args: &InitArgs) -> Result<Outcome> {
    let now = ctx.now;
    let kspec = args.key.spec()?;
    if let Some(n) = &args.name {
        crate::lifecycle::certs::check_cn(n)?;
    }
    let permit_dns = args
        .permit_dns
        .iter()
        .map(|d| pki::parse_permit_dns(d))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| e.usage("--permit-dns takes a domain such as db.example.com"))?;
    let permit_ip = args
        .permit_ip
        .iter()
        .map(|c| Cidr::parse(c))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| e.usage("--permit-ip takes a CIDR such as 10.0.0.0/8"))?;
    let not_after = args
        .not_after
        .map_or(now + time::Duration::days(3650), |t| t.resolve(now));
    if not_after <= now + time::Duration::days(2) {
        return Err(Error::usage(format!(
            "--not-after {} leaves the CA less than 2 days",
            rfc3339(not_after)
        ))
        .hint("a CA lives for years: try --not-after 5y"));
    }
    let (exists, home_id) = {
        let s = ctx.open(OpenMode::WriteOrCreate)?;
        (s.state.ca.is_some(), s.state.home_id.clone())
    };
    // A name unique to this home (like mkcert's user@host): verifiers pick trust anchors by
    // name, so two homes' CAs must not share one.
    let cn = args.name.clone().unwrap_or_else(|| {
        format!(
            "vauth root CA {}",
            home_id.chars().take(8).collect::<String>()
        )
    });
    if exists {
        if !args.force {
            return Err(Error::new(ErrorKind::Exists, "this home already has a CA")
                .hint("`vauth ca show` describes it; `vauth ca init --force` replaces it (issued certificates stop verifying)"));
        }
        if !ctx.confirm("Replace the CA? Every certificate it issued stops verifying")? {
            return Err(
                Error::new(ErrorKind::NoTerminal, "not confirmed; the CA was kept")
                    .hint("answer yes, or pass --yes"),
            );
        }
    }
    // Backdated an hour: clients with a slightly slow clock still accept the CA.
    let nb = now - time::Duration::hours(1);
    let root_key = kspec.generate().map_err(|e| Error::state(e.0))?;
    let root_spec = CaSpec {
        cn: cn.clone(),
        not_before: nb,
        not_after,
        pathlen: u8::from(args.intermediate),
        permit_dns: permit_dns.clone(),
        permit_ip: permit_ip.clone(),
    };
    let (root_pem, root_der) =
        pki::make_root(&root_spec, &root_key).map_err(|e| Error::bug(e.0))?;
    let record = |spec: &CaSpec, pem: String, der: &[u8]| -> Result<CaCert> {
        let ser = x509_parser::parse_x509_certificate(der)
            .map(|(_, c)| pki::serial_of(&c))
            .map_err(|e| Error::bug(format!("a new CA certificate does not parse: {e}")))?;
        Ok(CaCert {
            cn: spec.cn.clone(),
            key_type: kspec.label().to_string(),
            serial: ser,
            fingerprint: pki::fingerprint(der),
            not_before: spec.not_before,
            not_after: spec.not_after,
            pathlen: spec.pathlen,
            permit_dns: spec.permit_dns.clone(),
            permit_ip: spec.permit_ip.iter().map(ToString::to_string).collect(),
            pem,
        })
    };
    let root = record(&root_spec, root_pem, &root_der)?;
    let mut intermediate = None;
    let mut int_key = None;
    if args.intermediate {
        let issuer =
            pki::load_issuer(&root.pem, &pki::key_pem(&root_key)).map_err(|e| Error::bug(e.0))?;
        let k = kspec.generate().map_err(|e| Error::state(e.0))?;
        let spec = CaSpec {
            cn: format!("{cn} intermediate"),
            not_before: nb,
            not_after: not_after - time::Duration::days(1),
            pathlen: 0,
            permit_dns,
            permit_ip,
        };
        let (pem, der) = pki::make_intermediate(&spec, &k, &issuer).map_err(|e| Error::bug(e.0))?;
        intermediate = Some(record(&spec, pem, &der)?);
        int_key = Some(k);
    }
    let mut s = ctx.open(OpenMode::Write)?;
    if s.state.ca.is_some() && !args.force {
        return Err(Error::new(
            ErrorKind::Exists,
            "this home already has a CA (made meanwhile)",
        )
        .hint("`vauth ca show`"));
    }
    let v = s.vault()?;
    v.put(CA_ROOT_KEY, pki::key_pem(&root_key))?;
    match &int_key {
        Some(k) => v.put(CA_INTERMEDIATE_KEY, pki::key_pem(k))?,
        None => {
            v.retain_prefixed(CA_INTERMEDIATE_KEY, |_| false);
        }
    }
    let previous = s.state.ca.as_ref().map(|c| c.root.fingerprint.clone());
    let crl = CrlRecord {
        number: s.state.ca.as_ref().map_or(0, |c| c.crl.number),
        this_update: None,
        next_update: None,
    };
    s.state.ca = Some(CaRecord {
        root,
        intermediate,
        crl,
    });
    let ca = s
        .state
        .ca
        .clone()
        .ok_or_else(|| Error::bug("CA vanished"))?;
    let mut ev = AuditEvent::new("ca.init")
        .detail("root_fingerprint", &ca.root.fingerprint)
        .detail("key_type", kspec.label());
    if let Some(i) = &ca.intermediate {
        ev = ev.detail("intermediate_fingerprint", &i.fingerprint);
    }
    if let Some(p) = previous {
        ev = ev.detail("replaced_root", p);
    }
    s.commit(ev)?;
    let n = s.state.certs.values()?.map(|r| r.issued.len()).sum();
    ctx.ui.report(&Created(CaReport::of(&ca, n)))?;
    Ok(Outcome::Ok)
}

/// What `ca init` reports: the new CA; for people, how to use it.
#[derive(Serialize)]
struct Created<'a>(CaReport<'a>);

impl Report for Created<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        let root = &self.0.root;
        ui.note(&format!(
            "Created the CA {:?} ({}), valid until {}{}; its key is sealed in the vault.",
            root.cn,
            root.key_type,
            root.not_after,
            if self.0.intermediate.is_some() {
                ", with an intermediate that does the issuing"
            } else {
                ""
            }
        ));
        ui.note(
            "Trust it with `vauth ca export --out ca.pem`; issue with `vauth cert issue NAME`.",
        );
        Ok(())
    }
}
