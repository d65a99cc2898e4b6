//! Key types: generating, loading and naming key pairs.

use rcgen::{KeyPair, PublicKeyData};
use serde::{Deserialize, Serialize};
use x509_parser::prelude::*;
use zeroize::Zeroizing;

use super::{PkiResult, err};

/// A key type and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeySpec {
    /// ECDSA on P-256 with SHA-256 (the default).
    P256,
    /// ECDSA on P-384 with SHA-384.
    P384,
    /// Ed25519.
    Ed25519,
    /// RSA 2048 (PKCS#1 v1.5 signatures with SHA-256).
    Rsa2048,
    /// RSA 3072.
    Rsa3072,
    /// RSA 4096.
    Rsa4096,
}

impl KeySpec {
    /// Resolve `--kty/--crv/--size` (step's vocabulary); `None` everywhere is EC P-256.
    pub fn resolve(kty: Option<&str>, crv: Option<&str>, size: Option<u32>) -> PkiResult<KeySpec> {
        let kty = kty.map(str::to_ascii_uppercase);
        let kty = match (kty.as_deref(), crv) {
            (Some(k), _) => k.to_string(),
            (None, Some("Ed25519")) => "OKP".into(),
            (None, Some(_)) => "EC".into(),
            (None, None) if size.is_some() => "RSA".into(),
            (None, None) => "EC".into(),
        };
        match kty.as_str() {
            "EC" => {
                if size.is_some() {
                    return Err(err("--size applies to RSA keys only"));
                }
                match crv.unwrap_or("P-256") {
                    "P-256" => Ok(KeySpec::P256),
                    "P-384" => Ok(KeySpec::P384),
                    c => Err(err(format!(
                        "curve {c:?} is not an EC curve vauth issues (P-256, P-384)"
                    ))),
                }
            }
            "OKP" => {
                if size.is_some() {
                    return Err(err("--size applies to RSA keys only"));
                }
                match crv.unwrap_or("Ed25519") {
                    "Ed25519" => Ok(KeySpec::Ed25519),
                    c => Err(err(format!("curve {c:?} is not an OKP curve (Ed25519)"))),
                }
            }
            "RSA" => {
                if let Some(c) = crv {
                    return Err(err(format!("--crv {c} does not apply to RSA keys")));
                }
                match size.unwrap_or(2048) {
                    2048 => Ok(KeySpec::Rsa2048),
                    3072 => Ok(KeySpec::Rsa3072),
                    4096 => Ok(KeySpec::Rsa4096),
                    s => Err(err(format!("RSA size {s} is not one of 2048, 3072, 4096"))),
                }
            }
            k => Err(err(format!("key type {k:?} is not EC, OKP or RSA"))),
        }
    }

    /// The name shown to people and in JSON (`EC P-256`, `OKP Ed25519`, `RSA 2048`).
    pub fn label(self) -> &'static str {
        match self {
            KeySpec::P256 => "EC P-256",
            KeySpec::P384 => "EC P-384",
            KeySpec::Ed25519 => "OKP Ed25519",
            KeySpec::Rsa2048 => "RSA 2048",
            KeySpec::Rsa3072 => "RSA 3072",
            KeySpec::Rsa4096 => "RSA 4096",
        }
    }

    /// Generate a key pair of this type from the OS random source.
    pub fn generate(self) -> PkiResult<KeyPair> {
        use rcgen::{
            PKCS_ECDSA_P256_SHA256, PKCS_ECDSA_P384_SHA384, PKCS_ED25519, PKCS_RSA_SHA256,
            RsaKeySize,
        };
        let r = match self {
            KeySpec::P256 => KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256),
            KeySpec::P384 => KeyPair::generate_for(&PKCS_ECDSA_P384_SHA384),
            KeySpec::Ed25519 => KeyPair::generate_for(&PKCS_ED25519),
            KeySpec::Rsa2048 => KeyPair::generate_rsa_for(&PKCS_RSA_SHA256, RsaKeySize::_2048),
            KeySpec::Rsa3072 => KeyPair::generate_rsa_for(&PKCS_RSA_SHA256, RsaKeySize::_3072),
            KeySpec::Rsa4096 => KeyPair::generate_rsa_for(&PKCS_RSA_SHA256, RsaKeySize::_4096),
        };
        r.map_err(|e| err(format!("cannot generate a {} key: {e}", self.label())))
    }
}

/// The label of a public key found in a certificate or CSR (`EC P-256`, `RSA 3072`, …).
pub fn spki_label(spki: &x509_parser::x509::SubjectPublicKeyInfo<'_>) -> String {
    use x509_parser::public_key::PublicKey;
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => format!("RSA {}", rsa.key_size()),
        Ok(PublicKey::EC(_)) => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string());
            match curve.as_deref() {
                Some("1.2.840.10045.3.1.7") => "EC P-256".into(),
                Some("1.3.132.0.34") => "EC P-384".into(),
                Some("1.3.132.0.35") => "EC P-521".into(),
                Some(o) => format!("EC {o}"),
                None => "EC".into(),
            }
        }
        _ if spki.algorithm.algorithm.to_id_string() == "1.3.101.112" => "OKP Ed25519".into(),
        _ => spki.algorithm.algorithm.to_id_string(),
    }
}

/// A key pair's private key as PKCS#8 PEM, zeroized on drop.
pub fn key_pem(key: &KeyPair) -> Zeroizing<String> {
    Zeroizing::new(key.serialize_pem())
}

/// Whether a key pair is RSA.
pub fn key_is_rsa(key: &KeyPair) -> bool {
    key.algorithm() == &rcgen::PKCS_RSA_SHA256
        || key.algorithm() == &rcgen::PKCS_RSA_SHA384
        || key.algorithm() == &rcgen::PKCS_RSA_SHA512
}

/// The label of a loaded key pair.
pub fn key_label(key: &KeyPair) -> String {
    let spki = key.subject_public_key_info();
    match x509_parser::x509::SubjectPublicKeyInfo::from_der(&spki) {
        Ok((_, s)) => spki_label(&s),
        Err(_) => "unknown".into(),
    }
}

/// Load a private key (PKCS#8, SEC1 or PKCS#1 PEM).
pub fn parse_private_key(pem: &str) -> PkiResult<KeyPair> {
    KeyPair::from_pem(pem).map_err(|_| {
        err("the file is not a private key vauth can read (PKCS#8, SEC1 or PKCS#1 PEM)")
    })
}

/// Whether `key` is the private key of the certificate `cert_der`.
pub fn key_matches_cert(key: &KeyPair, cert_der: &[u8]) -> bool {
    match X509Certificate::from_der(cert_der) {
        Ok((_, c)) => c.public_key().raw == key.subject_public_key_info().as_slice(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_specs() {
        assert_eq!(KeySpec::resolve(None, None, None).unwrap(), KeySpec::P256);
        assert_eq!(
            KeySpec::resolve(Some("ec"), Some("P-384"), None).unwrap(),
            KeySpec::P384
        );
        assert_eq!(
            KeySpec::resolve(None, Some("Ed25519"), None).unwrap(),
            KeySpec::Ed25519
        );
        assert_eq!(
            KeySpec::resolve(Some("RSA"), None, Some(3072)).unwrap(),
            KeySpec::Rsa3072
        );
        assert!(KeySpec::resolve(Some("RSA"), None, Some(1024)).is_err());
        assert!(KeySpec::resolve(Some("EC"), Some("Ed25519"), None).is_err());
        assert!(KeySpec::resolve(Some("EC"), None, Some(2048)).is_err());
        assert!(KeySpec::resolve(Some("DSA"), None, None).is_err());
    }
}
