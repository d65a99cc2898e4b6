//! `cert verify`: does a presented certificate chain to this home's CA, verify, fall inside its
//! validity (and its CAs') at a given time, and stand unrevoked? Every "no" carries a stable
//! reason code.

use ::time::OffsetDateTime;
use x509_parser::prelude::*;

use crate::pki::{fingerprint, pem_blocks, serial_of};
use crate::store::state::pki::{CaCert, CaRecord, CertRecord};

/// Why a certificate is not valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Not a certificate (garbage, truncated, wrong PEM block).
    Malformed,
    /// Not issued by this home's CA (or no CA exists).
    UnknownIssuer,
    /// Names this home's CA as issuer but the signature does not verify.
    BadSignature,
    /// Before notBefore at the time checked.
    NotYetValid,
    /// After notAfter at the time checked.
    Expired,
    /// A CA in the chain is outside its validity at the time checked.
    CaExpired,
    /// Revoked (recorded in state.json, and so in the next CRL).
    Revoked,
    /// The certificate is a CA, not a leaf.
    NotALeaf,
}

impl Reason {
    /// The stable snake_case code (docs/json.md).
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Malformed => "malformed",
            Reason::UnknownIssuer => "unknown_issuer",
            Reason::BadSignature => "bad_signature",
            Reason::NotYetValid => "not_yet_valid",
            Reason::Expired => "expired",
            Reason::CaExpired => "ca_expired",
            Reason::Revoked => "revoked",
            Reason::NotALeaf => "not_a_leaf",
        }
    }
}

/// What verify found.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// `None`: valid.
    pub reason: Option<Reason>,
    /// One line for people.
    pub message: String,
    /// The certificate's serial, when it parsed.
    pub serial: Option<String>,
    /// Subject CN, when it parsed.
    pub cn: Option<String>,
    /// The name vauth issued it under, when known.
    pub name: Option<String>,
    /// notAfter, when it parsed.
    pub not_after: Option<OffsetDateTime>,
}

fn asn1_time(t: &ASN1Time) -> OffsetDateTime {
    t.to_datetime()
}

fn ca_der(c: &CaCert) -> Option<Vec<u8>> {
    pem_blocks(c.pem.as_bytes(), "CERTIFICATE")
        .ok()
        .and_then(|mut v| (!v.is_empty()).then(|| v.swap_remove(0)))
}

/// Verify the first certificate in `data` (PEM or DER) against `ca` and `certs` at `at`.
pub fn verify(
    data: &[u8],
    ca: Option<&CaRecord>,
    certs: &[&CertRecord],
    at: OffsetDateTime,
) -> Verdict {
    let mut v = Verdict {
        reason: None,
        message: String::new(),
        serial: None,
        cn: None,
        name: None,
        not_after: None,
    };
    let fail = |mut v: Verdict, r: Reason, m: String| {
        v.reason = Some(r);
        v.message = m;
        v
    };
    let der = match pem_blocks(data, "CERTIFICATE") {
        Ok(mut b) => b.swap_remove(0),
        Err(e) => return fail(v, Reason::Malformed, format!("not a certificate: {e}")),
    };
    let cert = match X509Certificate::from_der(&der) {
        Ok((_, c)) => c,
        Err(e) => {
            return fail(
                v,
                Reason::Malformed,
                format!("the certificate does not parse: {e}"),
            );
        }
    };
    let serial = serial_of(&cert);
    v.serial = Some(serial.clone());
    v.cn = cert
        .subject()
        .iter_common_name()
        .next()
        .and_then(|a| a.as_str().ok())
        .map(str::to_string);
    v.not_after = Some(asn1_time(&cert.validity().not_after));
    let Some(ca) = ca else {
        return fail(
            v,
            Reason::UnknownIssuer,
            "this home has no CA (run `vauth ca init`)".into(),
        );
    };
    if cert.is_ca() {
        return fail(
            v,
            Reason::NotALeaf,
            "the certificate is a CA certificate, not a leaf".into(),
        );
    }
    // The chain: issuing CA, then the root when the issuing CA is an intermediate.
    let mut chain: Vec<&CaCert> = vec![ca.issuing()];
    if ca.intermediate.is_some() {
        chain.push(&ca.root);
    }
    let Some(issuing_der) = ca_der(chain[0]) else {
        return fail(
            v,
            Reason::UnknownIssuer,
            "the CA certificate in state.json does not parse".into(),
        );
    };
    let Ok((_, issuing)) = X509Certificate::from_der(&issuing_der) else {
        return fail(
            v,
            Reason::UnknownIssuer,
            "the CA certificate in state.json does not parse".into(),
        );
    };
    if cert.issuer().as_raw() != issuing.subject().as_raw() {
        return fail(
            v,
            Reason::UnknownIssuer,
            format!(
                "issued by {:?}, not by this home's CA {:?}",
                cert.issuer().to_string(),
                chain[0].cn
            ),
        );
    }
    let aki = cert
        .extensions()
        .iter()
        .find_map(|e| match e.parsed_extension() {
            ParsedExtension::AuthorityKeyIdentifier(a) => {
                a.key_identifier.as_ref().map(|k| k.0.to_vec())
            }
            _ => None,
        });
    let ski = issuing
        .extensions()
        .iter()
        .find_map(|e| match e.parsed_extension() {
            ParsedExtension::SubjectKeyIdentifier(k) => Some(k.0.to_vec()),
            _ => None,
        });
    if let (Some(a), Some(s)) = (aki, ski)
        && a != s
    {
        return fail(
            v,
            Reason::UnknownIssuer,
            format!(
                "issued by another CA named {:?} (its key identifier differs)",
                chain[0].cn
            ),
        );
    }
    if cert.verify_signature(Some(issuing.public_key())).is_err() {
        return fail(
            v,
            Reason::BadSignature,
            "the signature does not verify against this home's CA".into(),
        );
    }
    for c in &chain {
        if at < c.not_before || at >= c.not_after {
            return fail(
                v,
                Reason::CaExpired,
                format!("CA {:?} is not valid at that time", c.cn),
            );
        }
    }
    let nb = asn1_time(&cert.validity().not_before);
    let na = asn1_time(&cert.validity().not_after);
    if at < nb {
        return fail(
            v,
            Reason::NotYetValid,
            format!("not valid before {}", crate::timefmt::rfc3339(nb)),
        );
    }
    if at >= na {
        return fail(
            v,
            Reason::Expired,
            format!("expired at {}", crate::timefmt::rfc3339(na)),
        );
    }
    let fp = fingerprint(&der);
    if let Some((name, ic)) = certs.iter().find_map(|r| {
        r.issued
            .iter()
            .find(|c| c.serial == serial)
            .map(|c| (&r.name, c))
    }) {
        v.name = Some(name.clone());
        if ic.fingerprint == fp
            && let Some(t) = ic.revoked_at
            && t <= at
        {
            let why = ic.revocation_reason.as_deref().unwrap_or("unspecified");
            return fail(
                v,
                Reason::Revoked,
                format!("revoked at {} ({why})", crate::timefmt::rfc3339(t)),
            );
        }
    }
    v.message = format!(
        "chains to {:?}, valid until {}",
        chain.last().map_or("", |c| c.cn.as_str()),
        crate::timefmt::rfc3339(na)
    );
    v
}
