//! Certificate signing requests: only the CN, the SANs and the public key are taken.

use std::net::IpAddr;

use rcgen::SubjectPublicKeyInfo;
use x509_parser::prelude::*;

use super::{PkiResult, San, err, pem_blocks, spki_label};

/// A request taken from a CSR: only what vauth copies.
#[derive(Debug, Clone)]
pub struct CsrRequest {
    /// The subject's CN, when it has one.
    pub cn: Option<String>,
    /// The requested SANs.
    pub sans: Vec<San>,
    /// The public key.
    pub public_key: SubjectPublicKeyInfo,
    /// Whether the key is RSA.
    pub is_rsa: bool,
    /// The key's label.
    pub key_label: String,
    /// Extensions the CSR asked for that vauth ignored (their OIDs).
    pub ignored_extensions: Vec<String>,
}

/// Parse and check a CSR (PEM or DER): its self-signature must verify. Only the CN, the SANs and
/// the public key are taken; every other requested extension is reported and ignored.
pub fn parse_csr(data: &[u8]) -> PkiResult<CsrRequest> {
    let der = match pem_blocks(data, "CERTIFICATE REQUEST") {
        Ok(mut v) => v.swap_remove(0),
        Err(_) => pem_blocks(data, "NEW CERTIFICATE REQUEST")
            .map_err(|_| err("the CSR is not a PEM CERTIFICATE REQUEST or DER"))?
            .swap_remove(0),
    };
    let (rest, csr) = X509CertificationRequest::from_der(&der)
        .map_err(|e| err(format!("the CSR does not parse: {e}")))?;
    if !rest.is_empty() {
        return Err(err("the CSR has trailing bytes"));
    }
    csr.verify_signature()
        .map_err(|_| err("the CSR's signature does not verify"))?;
    let info = &csr.certification_request_info;
    let cn = info
        .subject
        .iter_common_name()
        .next()
        .and_then(|a| a.as_str().ok())
        .map(str::to_string);
    let mut sans = Vec::new();
    let mut ignored = Vec::new();
    if let Some(exts) = csr.requested_extensions() {
        for e in exts {
            match e {
                ParsedExtension::SubjectAlternativeName(s) => {
                    for g in &s.general_names {
                        sans.push(match g {
                            GeneralName::DNSName(d) => San::parse(&format!("dns:{d}"))?,
                            GeneralName::IPAddress(b) => San::Ip(match b.len() {
                                4 => IpAddr::from(
                                    <[u8; 4]>::try_from(*b).map_err(|_| err("bad IP SAN"))?,
                                ),
                                16 => IpAddr::from(
                                    <[u8; 16]>::try_from(*b).map_err(|_| err("bad IP SAN"))?,
                                ),
                                _ => return Err(err("the CSR has an IP SAN of a bad length")),
                            }),
                            GeneralName::RFC822Name(m) => San::parse(&format!("email:{m}"))?,
                            GeneralName::URI(u) => San::parse(&format!("uri:{u}"))?,
                            other => {
                                return Err(err(format!(
                                    "the CSR asks for a SAN vauth does not issue: {other}"
                                )));
                            }
                        });
                    }
                }
                ParsedExtension::BasicConstraints(_) => ignored.push("basicConstraints".into()),
                ParsedExtension::KeyUsage(_) => ignored.push("keyUsage".into()),
                ParsedExtension::ExtendedKeyUsage(_) => ignored.push("extendedKeyUsage".into()),
                _ => ignored.push("other".into()),
            }
        }
    }
    let spki_der = info.subject_pki.raw;
    let public_key = SubjectPublicKeyInfo::from_der(spki_der)
        .map_err(|e| err(format!("the CSR's key type is not supported: {e}")))?;
    let key_label = spki_label(&info.subject_pki);
    Ok(CsrRequest {
        cn,
        sans,
        is_rsa: key_label.starts_with("RSA"),
        public_key,
        key_label,
        ignored_extensions: ignored,
    })
}
