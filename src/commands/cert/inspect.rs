//! `vauth cert inspect FILE`: decode a certificate or CSR without trusting it.

use serde::Serialize;
use x509_parser::prelude::*;

use super::Ctx;
use crate::cli::cert::InspectArgs;
use crate::commands::read_input;
use crate::error::{Error, Outcome, Result};
use crate::output::{self, Ui};
use crate::pki::{self, fingerprint, serial_of, spki_label};
use crate::timefmt::rfc3339;

/// What `cert inspect` reports: the decoded fields, never verified.
#[derive(Serialize, Default)]
struct Report {
    kind: &'static str,
    verified: bool,
    subject: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    issuer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    serial: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    not_before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    not_after: Option<String>,
    key_type: String,
    sans: Vec<String>,
    is_ca: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pathlen: Option<u32>,
    key_usage: Vec<String>,
    extended_key_usage: Vec<String>,
    signature_algorithm: String,
    fingerprint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    signature_valid: Option<bool>,
}

impl output::Report for Report {
    fn human(&self, ui: &Ui) -> Result<()> {
        let mut out = String::new();
        let mut line = |k: &str, v: &str| out.push_str(&format!("{k:<22}{v}\n"));
        line("kind", self.kind);
        line("subject", &self.subject);
        if let Some(i) = &self.issuer {
            line("issuer", i);
        }
        if let Some(s) = &self.serial {
            line("serial", s);
        }
        if let (Some(a), Some(b)) = (&self.not_before, &self.not_after) {
            line("validity", &format!("{a} .. {b}"));
        }
        line("key", &self.key_type);
        line("sans", &self.sans.join(", "));
        line(
            "ca",
            &match self.pathlen {
                Some(p) if self.is_ca => format!("yes (pathlen {p})"),
                _ => {
                    if self.is_ca {
                        "yes".into()
                    } else {
                        "no".into()
                    }
                }
            },
        );
        line("key usage", &self.key_usage.join(", "));
        line("extended key usage", &self.extended_key_usage.join(", "));
        line("signature", &self.signature_algorithm);
        line("sha256 fingerprint", &self.fingerprint);
        out.push_str("(decoded only: nothing was verified; use `vauth cert verify` for that)\n");
        ui.out(&out)
    }
}

fn general_name(g: &GeneralName<'_>) -> String {
    match g {
        GeneralName::DNSName(d) => format!("dns:{d}"),
        GeneralName::RFC822Name(m) => format!("email:{m}"),
        GeneralName::URI(u) => format!("uri:{u}"),
        GeneralName::IPAddress(b) => match b.len() {
            4 => <[u8; 4]>::try_from(*b).map_or("ip:?".into(), |a| {
                format!("ip:{}", std::net::IpAddr::from(a))
            }),
            16 => <[u8; 16]>::try_from(*b).map_or("ip:?".into(), |a| {
                format!("ip:{}", std::net::IpAddr::from(a))
            }),
            _ => "ip:?".into(),
        },
        other => other.to_string(),
    }
}

fn sig_alg(oid: &str) -> String {
    match oid {
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256".into(),
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384".into(),
        "1.3.101.112" => "Ed25519".into(),
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption".into(),
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption".into(),
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption".into(),
        "1.2.840.113549.1.1.10" => "RSASSA-PSS".into(),
        o => o.to_string(),
    }
}

fn of_cert(der: &[u8]) -> Option<Report> {
    let (_, c) = X509Certificate::from_der(der).ok()?;
    let mut r = Report {
        kind: "certificate",
        subject: c.subject().to_string(),
        issuer: Some(c.issuer().to_string()),
        serial: Some(serial_of(&c)),
        not_before: Some(rfc3339(c.validity().not_before.to_datetime())),
        not_after: Some(rfc3339(c.validity().not_after.to_datetime())),
        key_type: spki_label(c.public_key()),
        is_ca: c.is_ca(),
        signature_algorithm: sig_alg(&c.signature_algorithm.algorithm.to_id_string()),
        fingerprint: fingerprint(der),
        ..Report::default()
    };
    if let Ok(Some(bc)) = c.basic_constraints() {
        r.pathlen = bc.value.path_len_constraint;
    }
    if let Ok(Some(s)) = c.subject_alternative_name() {
        r.sans = s.value.general_names.iter().map(general_name).collect();
    }
    if let Ok(Some(ku)) = c.key_usage() {
        r.key_usage = ku
            .value
            .to_string()
            .split(", ")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
    }
    if let Ok(Some(eku)) = c.extended_key_usage() {
        let e = eku.value;
        for (on, n) in [
            (e.server_auth, "serverAuth"),
            (e.client_auth, "clientAuth"),
            (e.code_signing, "codeSigning"),
            (e.email_protection, "emailProtection"),
            (e.time_stamping, "timeStamping"),
            (e.ocsp_signing, "OCSPSigning"),
            (e.any, "anyExtendedKeyUsage"),
        ] {
            if on {
                r.extended_key_usage.push(n.into());
            }
        }
        r.extended_key_usage
            .extend(e.other.iter().map(|o| o.to_id_string()));
    }
    if c.subject() == c.issuer() {
        r.signature_valid = Some(c.verify_signature(None).is_ok());
    }
    Some(r)
}

fn of_csr(der: &[u8]) -> Option<Report> {
    let (_, c) = X509CertificationRequest::from_der(der).ok()?;
    let info = &c.certification_request_info;
    let mut r = Report {
        kind: "csr",
        subject: info.subject.to_string(),
        key_type: spki_label(&info.subject_pki),
        signature_algorithm: sig_alg(&c.signature_algorithm.algorithm.to_id_string()),
        fingerprint: fingerprint(der),
        signature_valid: Some(c.verify_signature().is_ok()),
        ..Report::default()
    };
    if let Some(exts) = c.requested_extensions() {
        for e in exts {
            match e {
                ParsedExtension::SubjectAlternativeName(s) => {
                    r.sans.extend(s.general_names.iter().map(general_name));
                }
                ParsedExtension::BasicConstraints(b) => {
                    r.is_ca = b.ca;
                    r.pathlen = b.path_len_constraint;
                }
                _ => {}
            }
        }
    }
    Some(r)
}

/// Run `vauth cert inspect FILE`.
pub(super) fn run(ctx: &Ctx<'_>, args: &InspectArgs) -> Result<Outcome> {
    let bytes = read_input(&args.file, "file", "pass a single certificate or CSR")?;
    let report = pki::pem_blocks(&bytes, "CERTIFICATE")
        .ok()
        .and_then(|b| b.first().and_then(|d| of_cert(d)))
        .or_else(|| {
            ["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"]
                .iter()
                .find_map(|l| pki::pem_blocks(&bytes, l).ok())
                .and_then(|b| b.first().and_then(|d| of_csr(d)))
        })
        .ok_or_else(|| {
            Error::input(format!(
                "{} holds no certificate or CSR vauth can read",
                args.file.display()
            ))
            .hint("pass a PEM or DER X.509 certificate or PKCS#10 request")
        })?;
    ctx.ui.report(&report)?;
    Ok(Outcome::Ok)
}
