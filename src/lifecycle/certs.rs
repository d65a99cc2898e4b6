//! Certificates: issuing a leaf from the home's CA (name constraints, validity capped at the
//! CA's), the CA's signer and the kept keys from the vault. `cert issue`, `cert renew`,
//! `--batch`, `ca init` and `rotate apply` all issue through here.

use time::OffsetDateTime;
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result};
use crate::pki::{self, KeySpec, LeafSpec, PkiError, San};
use crate::store::Session;
use crate::store::state::pki::{CaRecord, IssuedCert};
use crate::timefmt::rfc3339;

/// The CA of this home, or exit 3 with the command that makes one.
pub fn ca_of(s: &Session) -> Result<&CaRecord> {
    s.state.ca.as_ref().ok_or_else(|| {
        Error::new(ErrorKind::NotFound, "this home has no CA yet").hint("run `vauth ca init` first")
    })
}

/// The kept private key of certificate `c` (issued as `name` with `--keep-key`), from the vault.
/// The caller has checked `c.key_kept` (its error names what the key was needed for).
pub fn kept_key(s: &mut Session, name: &str, c: &IssuedCert) -> Result<Zeroizing<String>> {
    s.vault()?
        .get(&c.vault_entry(name))?
        .map(|k| Zeroizing::new(k.to_string()))
        .ok_or_else(|| {
            Error::vault(format!("the vault has no key for the certificate {name}"))
                .hint("restore secrets.vault, or issue the certificate again with --keep-key")
        })
}

/// Refuse a CN that is empty or too long for X.509 (64 characters, RFC 5280 ub-common-name).
pub fn check_cn(cn: &str) -> Result<()> {
    if cn.is_empty() || cn.chars().count() > 64 || cn.chars().any(char::is_control) {
        return Err(
            Error::usage(format!("CN {cn:?} must be 1-64 printable characters"))
                .hint("pass --cn with a shorter name"),
        );
    }
    Ok(())
}

/// The issuing CA must be valid now; the leaf's end is capped at the CA's. Returns the leaf's
/// validity window and whether it was capped.
pub fn leaf_window(
    ca: &CaRecord,
    now: OffsetDateTime,
    not_after: OffsetDateTime,
) -> Result<(OffsetDateTime, OffsetDateTime, bool)> {
    let issuing = ca.issuing();
    for c in [Some(&ca.root), ca.intermediate.as_ref()]
        .into_iter()
        .flatten()
    {
        if now >= c.not_after {
            return Err(Error::state(format!(
                "the CA {:?} expired at {}",
                c.cn,
                rfc3339(c.not_after)
            ))
            .hint("make a new CA with `vauth ca init --force` and re-issue"));
        }
    }
    if not_after <= now {
        return Err(Error::usage(format!(
            "--not-after {} is not in the future",
            rfc3339(not_after)
        ))
        .hint("give a duration such as 30d or a future RFC 3339 time"));
    }
    let capped = not_after > issuing.not_after;
    let end = if capped { issuing.not_after } else { not_after };
    Ok((now - time::Duration::minutes(1), end, capped))
}

/// Where the key of a new certificate comes from.
pub enum KeySource {
    /// Generate one of this type.
    Generate(KeySpec),
    /// Reuse this key (PKCS#8 PEM).
    Reuse(Zeroizing<String>),
    /// A CSR's public key; vauth never sees the private key.
    Csr(Box<pki::CsrRequest>),
}

/// A freshly signed certificate, with its private key when vauth made or reused one.
pub struct NewCert {
    /// The record for state.json.
    pub record: IssuedCert,
    /// The private key (PKCS#8 PEM), when there is one.
    pub key_pem: Option<Zeroizing<String>>,
    /// DER of the leaf.
    pub der: Vec<u8>,
}

/// Sign one leaf. Checks the SANs (and a DNS-looking CN) against the CA's name constraints first.
pub fn issue_one(
    ca: &CaRecord,
    issuer: &rcgen::Issuer<'_, rcgen::KeyPair>,
    spec: &LeafSpec,
    source: KeySource,
    now: OffsetDateTime,
) -> Result<NewCert> {
    let issuing = ca.issuing();
    let ips: Vec<pki::Cidr> = issuing
        .permit_ip
        .iter()
        .filter_map(|c| pki::Cidr::parse(c).ok())
        .collect();
    let mut names = spec.sans.clone();
    if !names.iter().any(|s| matches!(s, San::Dns(_)))
        && spec.cn.contains('.')
        && let Ok(d) = San::parse(&format!("dns:{}", spec.cn))
    {
        names.push(d);
    }
    if let Some(bad) = pki::constraint_violation(&names, &issuing.permit_dns, &ips) {
        let mut allowed: Vec<String> = issuing.permit_dns.clone();
        allowed.extend(issuing.permit_ip.iter().cloned());
        return Err(Error::state(format!(
            "{bad} is outside the CA's name constraints ({})",
            allowed.join(", ")
        ))
        .hint("use a name inside the permitted subtrees, or a CA without these constraints"));
    }
    let sign_err = |e: PkiError| Error::state(e.0).hint("check the CA with `vauth ca show`");
    let (signed, key_pem, key_type, from_csr) = match source {
        KeySource::Generate(k) => {
            let kp = k.generate().map_err(sign_err)?;
            let s = pki::sign_leaf(spec, &kp, pki::key_is_rsa(&kp), issuer).map_err(sign_err)?;
            (s, Some(pki::key_pem(&kp)), k.label().to_string(), false)
        }
        KeySource::Reuse(pem) => {
            let kp = pki::parse_private_key(&pem)
                .map_err(|e| e.input("pass a PKCS#8, SEC1 or PKCS#1 PEM private key"))?;
            let s = pki::sign_leaf(spec, &kp, pki::key_is_rsa(&kp), issuer).map_err(sign_err)?;
            let label = pki::key_label(&kp);
            (s, Some(pki::key_pem(&kp)), label, false)
        }
        KeySource::Csr(r) => {
            let s = pki::sign_leaf(spec, &r.public_key, r.is_rsa, issuer).map_err(sign_err)?;
            (s, None, r.key_label.clone(), true)
        }
    };
    let record = IssuedCert {
        serial: signed.serial.clone(),
        cn: spec.cn.clone(),
        sans: spec.sans.iter().map(ToString::to_string).collect(),
        key_type,
        fingerprint: pki::fingerprint(&signed.der),
        issuer_fingerprint: issuing.fingerprint.clone(),
        not_before: spec.not_before,
        not_after: spec.not_after,
        issued_at: now,
        key_kept: false,
        from_csr,
        revoked_at: None,
        revocation_reason: None,
        pem: signed.pem,
        pushed: Vec::new(),
    };
    Ok(NewCert {
        record,
        key_pem,
        der: signed.der,
    })
}

/// The issuing CA's signer, from state.json and the vault.
pub fn load_issuer(s: &mut Session) -> Result<rcgen::Issuer<'static, rcgen::KeyPair>> {
    let ca = ca_of(s)?.clone();
    let entry = ca.issuing_key_entry();
    let key = s
        .vault()?
        .get(entry)?
        .map(|k| Zeroizing::new(k.to_string()))
        .ok_or_else(|| {
            Error::vault(format!("the vault has no CA key ({entry})"))
                .hint("restore secrets.vault, or make a new CA with `vauth ca init --force`")
        })?;
    pki::load_issuer(ca.issuing().pem.as_str(), &key).map_err(|e| {
        Error::vault(e.0).hint("restore secrets.vault and state.json from the same backup")
    })
}

/// The key type of a certificate's record label (`EC P-256`, `RSA 2048`, …), for a renewal
/// that makes a fresh key of the same type.
pub fn spec_of(label: &str) -> KeySpec {
    match label {
        "EC P-384" => KeySpec::P384,
        "OKP Ed25519" => KeySpec::Ed25519,
        "RSA 2048" => KeySpec::Rsa2048,
        "RSA 3072" => KeySpec::Rsa3072,
        "RSA 4096" => KeySpec::Rsa4096,
        _ => KeySpec::P256,
    }
}
