//! Signing keys: generation, the PEM and base64url forms the vault keeps, the RFC 7638
//! thumbprint, and jsonwebtoken's keys made from what the vault keeps.

use std::fmt;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::signature::{self, KeyPair};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use jsonwebtoken::{DecodingKey, EncodingKey};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::{Alg, Family};

/// Why a key operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The OS random source or the crypto library failed.
    #[error("key generation failed: {0}")]
    Generate(String),
    /// The key material does not fit the algorithm.
    #[error("{0}")]
    Invalid(String),
}

/// A freshly generated signing key. `secret` is what the vault keeps: the PKCS#8 PEM of an
/// asymmetric key, or the base64url of an HMAC secret.
pub struct NewKey {
    /// Algorithm it signs with.
    pub alg: Alg,
    /// Key id: the RFC 7638 thumbprint, or a random id for HMAC keys.
    pub kid: String,
    /// The public JWK (with `kid`, `alg`, `use`), `None` for HMAC keys.
    pub public_jwk: Option<Value>,
    /// The private part, for the vault.
    pub secret: Zeroizing<String>,
}

impl fmt::Debug for NewKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewKey")
            .field("alg", &self.alg)
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

/// RSA modulus sizes vauth generates.
pub const RSA_BITS: [u32; 3] = [2048, 3072, 4096];

fn gen_err(e: impl fmt::Debug) -> KeyError {
    KeyError::Generate(format!("{e:?}"))
}

/// PEM-armour DER bytes.
pub fn pem(label: &str, der: &[u8]) -> Zeroizing<String> {
    let b64 = Zeroizing::new(STANDARD.encode(der));
    let mut out = Zeroizing::new(String::with_capacity(b64.len() + 80));
    out.push_str(&format!("-----BEGIN {label}-----\n"));
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

fn b64u(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Generate a signing key for `alg` (`rsa_bits` for RS*/PS*; default 2048).
pub fn generate(alg: Alg, rsa_bits: Option<u32>) -> Result<NewKey, KeyError> {
    let (public, secret) = match alg.family() {
        Family::Hmac => {
            let mut raw = Zeroizing::new(vec![0u8; alg.hmac_len()]);
            getrandom::fill(&mut raw).map_err(gen_err)?;
            let kid = crate::apikey::random_base62(16).map_err(gen_err)?;
            return Ok(NewKey {
                alg,
                kid,
                public_jwk: None,
                secret: Zeroizing::new(b64u(&raw)),
            });
        }
        Family::Ec => {
            let curve = if alg == Alg::ES384 {
                &signature::ECDSA_P384_SHA384_FIXED_SIGNING
            } else {
                &signature::ECDSA_P256_SHA256_FIXED_SIGNING
            };
            let kp = signature::EcdsaKeyPair::generate(curve).map_err(gen_err)?;
            let der = kp.to_pkcs8v1().map_err(gen_err)?;
            let point = kp.public_key().as_ref();
            let n = (point.len() - 1) / 2;
            let crv = if alg == Alg::ES384 { "P-384" } else { "P-256" };
            let jwk = json!({"kty": "EC", "crv": crv, "x": b64u(&point[1..=n]), "y": b64u(&point[n + 1..])});
            (jwk, pem("PRIVATE KEY", der.as_ref()))
        }
        Family::Ed => {
            let kp = signature::Ed25519KeyPair::generate().map_err(gen_err)?;
            let der = kp.to_pkcs8v1().map_err(gen_err)?;
            let jwk = json!({"kty": "OKP", "crv": "Ed25519", "x": b64u(kp.public_key().as_ref())});
            (jwk, pem("PRIVATE KEY", der.as_ref()))
        }
        Family::Rsa => {
            let bits = rsa_bits.unwrap_or(2048);
            let size = match bits {
                2048 => aws_lc_rs::rsa::KeySize::Rsa2048,
                3072 => aws_lc_rs::rsa::KeySize::Rsa3072,
                4096 => aws_lc_rs::rsa::KeySize::Rsa4096,
                other => {
                    return Err(KeyError::Invalid(format!(
                        "RSA keys are 2048, 3072 or 4096 bits, not {other}"
                    )));
                }
            };
            let kp = signature::RsaKeyPair::generate(size).map_err(gen_err)?;
            let der: aws_lc_rs::encoding::Pkcs8V1Der<'static> = kp.as_der().map_err(gen_err)?;
            let comps = aws_lc_rs::rsa::PublicKeyComponents::<Vec<u8>>::from(kp.public_key());
            let jwk = json!({"kty": "RSA", "n": b64u(&comps.n), "e": b64u(&comps.e)});
            (jwk, pem("PRIVATE KEY", der.as_ref()))
        }
    };
    let kid = thumbprint(&public).map_err(KeyError::Invalid)?;
    let mut jwk = public;
    if let Some(o) = jwk.as_object_mut() {
        o.insert("kid".into(), Value::String(kid.clone()));
        o.insert("alg".into(), Value::String(alg.as_str().into()));
        o.insert("use".into(), Value::String("sig".into()));
    }
    Ok(NewKey {
        alg,
        kid,
        public_jwk: Some(jwk),
        secret,
    })
}

/// The RFC 7638 JWK thumbprint (SHA-256, base64url) of a public JWK: the hash of its required
/// members, lexicographically ordered, with no whitespace.
pub fn thumbprint(jwk: &Value) -> Result<String, String> {
    let get = |k: &str| -> Result<&str, String> {
        jwk.get(k)
            .and_then(Value::as_str)
            .ok_or_else(|| format!("the JWK has no {k:?} member"))
    };
    let kty = get("kty")?;
    // serde_json::Map keeps keys sorted (no preserve_order feature), which is RFC 7638's order.
    let mut m = Map::new();
    m.insert("kty".into(), Value::String(kty.into()));
    let members: &[&str] = match kty {
        "EC" => &["crv", "x", "y"],
        "OKP" => &["crv", "x"],
        "RSA" => &["e", "n"],
        "oct" => &["k"],
        other => return Err(format!("unsupported JWK key type {other:?}")),
    };
    for k in members {
        m.insert((*k).into(), Value::String(get(k)?.into()));
    }
    let canonical = serde_json::to_string(&Value::Object(m)).map_err(|e| e.to_string())?;
    Ok(b64u(&Sha256::digest(canonical.as_bytes())))
}

/// The jsonwebtoken signing key from what the vault keeps.
pub fn encoding_key(alg: Alg, secret: &str) -> Result<EncodingKey, KeyError> {
    let bad = |e: jsonwebtoken::errors::Error| {
        KeyError::Invalid(format!("the stored {alg} key cannot be loaded: {e}"))
    };
    match alg.family() {
        Family::Hmac => {
            let raw = Zeroizing::new(URL_SAFE_NO_PAD.decode(secret.trim()).map_err(|e| {
                KeyError::Invalid(format!("the stored HMAC key is not base64url: {e}"))
            })?);
            EncodingKey::from_secret(&raw).map_err(bad)
        }
        Family::Rsa => EncodingKey::from_rsa_pem(secret.as_bytes()).map_err(bad),
        Family::Ec => EncodingKey::from_ec_pem(secret.as_bytes()).map_err(bad),
        Family::Ed => EncodingKey::from_ed_pem(secret.as_bytes()).map_err(bad),
    }
}

/// The verifying key for a stored HMAC secret (base64url).
pub fn hmac_decoding_key(secret: &str) -> Result<DecodingKey, KeyError> {
    let raw =
        Zeroizing::new(URL_SAFE_NO_PAD.decode(secret.trim()).map_err(|e| {
            KeyError::Invalid(format!("the stored HMAC key is not base64url: {e}"))
        })?);
    DecodingKey::from_secret(&raw).map_err(|e| KeyError::Invalid(e.to_string()))
}
