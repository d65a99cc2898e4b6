//! JWT signing keys and tokens (RFC 7515/7517/7519/7638). Pure domain code: key generation, the
//! public JWK and its thumbprint, the jsonwebtoken keys, and token parsing. No I/O.
//!
//! Signatures are made and checked by jsonwebtoken on aws-lc-rs (the one crypto backend); the
//! time and audience rules are checked here ([`claims`]), because jsonwebtoken only knows the
//! system clock.

pub mod claims;
pub mod qdrant;

use std::fmt;
use std::str::FromStr;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::signature::{self, KeyPair};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// The largest token vauth reads (bytes). Bigger input is refused, never parsed.
pub const MAX_TOKEN_LEN: usize = 64 * 1024;

/// A signing algorithm vauth supports (jsonwebtoken's set; no `none`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Alg {
    /// HMAC-SHA-256.
    HS256,
    /// HMAC-SHA-384.
    HS384,
    /// HMAC-SHA-512.
    HS512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512,
    /// RSASSA-PSS with SHA-256.
    PS256,
    /// RSASSA-PSS with SHA-384.
    PS384,
    /// RSASSA-PSS with SHA-512.
    PS512,
    /// ECDSA P-256 with SHA-256.
    ES256,
    /// ECDSA P-384 with SHA-384.
    ES384,
    /// Ed25519.
    EdDSA,
}

/// Key families: what kind of key an algorithm needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// A shared secret.
    Hmac,
    /// RSA.
    Rsa,
    /// ECDSA.
    Ec,
    /// Ed25519.
    Ed,
}

impl Alg {
    /// Every algorithm, in display order.
    pub const ALL: [Alg; 12] = [
        Alg::HS256,
        Alg::HS384,
        Alg::HS512,
        Alg::RS256,
        Alg::RS384,
        Alg::RS512,
        Alg::PS256,
        Alg::PS384,
        Alg::PS512,
        Alg::ES256,
        Alg::ES384,
        Alg::EdDSA,
    ];

    /// The JOSE name.
    pub fn as_str(self) -> &'static str {
        match self {
            Alg::HS256 => "HS256",
            Alg::HS384 => "HS384",
            Alg::HS512 => "HS512",
            Alg::RS256 => "RS256",
            Alg::RS384 => "RS384",
            Alg::RS512 => "RS512",
            Alg::PS256 => "PS256",
            Alg::PS384 => "PS384",
            Alg::PS512 => "PS512",
            Alg::ES256 => "ES256",
            Alg::ES384 => "ES384",
            Alg::EdDSA => "EdDSA",
        }
    }

    /// The key family.
    pub fn family(self) -> Family {
        match self {
            Alg::HS256 | Alg::HS384 | Alg::HS512 => Family::Hmac,
            Alg::RS256 | Alg::RS384 | Alg::RS512 | Alg::PS256 | Alg::PS384 | Alg::PS512 => {
                Family::Rsa
            }
            Alg::ES256 | Alg::ES384 => Family::Ec,
            Alg::EdDSA => Family::Ed,
        }
    }

    /// Whether the key is a shared secret (never published in a JWKS).
    pub fn is_symmetric(self) -> bool {
        self.family() == Family::Hmac
    }

    /// jsonwebtoken's name for it.
    pub fn to_jwt(self) -> Algorithm {
        match self {
            Alg::HS256 => Algorithm::HS256,
            Alg::HS384 => Algorithm::HS384,
            Alg::HS512 => Algorithm::HS512,
            Alg::RS256 => Algorithm::RS256,
            Alg::RS384 => Algorithm::RS384,
            Alg::RS512 => Algorithm::RS512,
            Alg::PS256 => Algorithm::PS256,
            Alg::PS384 => Algorithm::PS384,
            Alg::PS512 => Algorithm::PS512,
            Alg::ES256 => Algorithm::ES256,
            Alg::ES384 => Algorithm::ES384,
            Alg::EdDSA => Algorithm::EdDSA,
        }
    }

    /// Bytes of a generated HMAC secret: the hash's output size (RFC 7518 §3.2).
    fn hmac_len(self) -> usize {
        match self {
            Alg::HS384 => 48,
            Alg::HS512 => 64,
            _ => 32,
        }
    }
}

impl fmt::Display for Alg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Alg {
    type Err = String;
    fn from_str(s: &str) -> Result<Alg, String> {
        Alg::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unsupported algorithm {s:?} (supported: {})",
                    Alg::ALL.map(Alg::as_str).join(", ")
                )
            })
    }
}

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

/// The algorithm a public JWK pins: its `alg` member, else what its key type allows unambiguously.
pub fn jwk_alg(jwk: &Value) -> Result<Alg, String> {
    if let Some(a) = jwk.get("alg").and_then(Value::as_str) {
        return a.parse();
    }
    match (
        jwk.get("kty").and_then(Value::as_str),
        jwk.get("crv").and_then(Value::as_str),
    ) {
        (Some("EC"), Some("P-256")) => Ok(Alg::ES256),
        (Some("EC"), Some("P-384")) => Ok(Alg::ES384),
        (Some("OKP"), Some("Ed25519")) => Ok(Alg::EdDSA),
        (Some("RSA"), _) => Err("the RSA JWK names no \"alg\"; pass --alg".into()),
        (kty, crv) => Err(format!(
            "unsupported JWK (kty {:?}, crv {:?})",
            kty.unwrap_or("none"),
            crv.unwrap_or("none")
        )),
    }
}

/// The verifying key of a public JWK. Symmetric (`oct`) JWKs are refused: a published key must
/// never verify an HMAC token (that is the algorithm-confusion attack).
pub fn jwk_decoding_key(jwk: &Value) -> Result<DecodingKey, String> {
    if jwk.get("kty").and_then(Value::as_str) == Some("oct") {
        return Err("a symmetric (oct) JWK cannot be used to verify".into());
    }
    let parsed: jsonwebtoken::jwk::Jwk =
        serde_json::from_value(jwk.clone()).map_err(|e| format!("not a valid JWK: {e}"))?;
    DecodingKey::from_jwk(&parsed).map_err(|e| format!("not a usable JWK: {e}"))
}

/// What a PEM public key (or certificate) verifies: the family and, where the key fixes it, the alg.
pub fn pem_decoding_key(pem_text: &[u8], alg: Option<Alg>) -> Result<(DecodingKey, Alg), String> {
    use x509_parser::oid_registry as oids;
    use x509_parser::prelude::{FromDer, SubjectPublicKeyInfo, X509Certificate};
    let block = x509_parser::pem::Pem::iter_from_buffer(pem_text)
        .next()
        .ok_or("no PEM block found")?
        .map_err(|e| format!("not valid PEM: {e}"))?;
    let spki_der = match block.label.as_str() {
        "PUBLIC KEY" => block.contents,
        "CERTIFICATE" => X509Certificate::from_der(&block.contents)
            .map_err(|e| format!("not a certificate: {e}"))?
            .1
            .public_key()
            .raw
            .to_vec(),
        l if l.contains("PRIVATE KEY") => {
            return Err(
                "the PEM file holds a private key; pass the public key (openssl pkey -pubout)"
                    .into(),
            );
        }
        other => return Err(format!("a {other:?} PEM block is not a public key")),
    };
    let (_, spki) = SubjectPublicKeyInfo::from_der(&spki_der)
        .map_err(|e| format!("not a SubjectPublicKeyInfo: {e}"))?;
    let key_oid = &spki.algorithm.algorithm;
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.as_oid().ok());
    let inferred = if *key_oid == oids::OID_KEY_TYPE_EC_PUBLIC_KEY {
        match curve {
            Some(c) if c == oids::OID_EC_P256 => Alg::ES256,
            Some(c) if c == oids::OID_NIST_EC_P384 => Alg::ES384,
            _ => return Err("the EC key is not on P-256 or P-384".into()),
        }
    } else if *key_oid == oids::OID_SIG_ED25519 {
        Alg::EdDSA
    } else if *key_oid == oids::OID_PKCS1_RSAENCRYPTION {
        alg.filter(|a| a.family() == Family::Rsa).ok_or(
            "an RSA public key does not say which algorithm it signs with; \
             pass --alg RS256|RS384|RS512|PS256|PS384|PS512",
        )?
    } else {
        return Err("the PEM key is not an RSA, P-256, P-384 or Ed25519 public key".into());
    };
    if let Some(a) = alg
        && a != inferred
    {
        return Err(format!("the PEM key is for {inferred}, not {a}"));
    }
    let spki_pem = pem("PUBLIC KEY", &spki_der);
    let key = match inferred.family() {
        Family::Rsa => DecodingKey::from_rsa_pem(spki_pem.as_bytes()),
        Family::Ec => DecodingKey::from_ec_pem(spki_pem.as_bytes()),
        Family::Ed => DecodingKey::from_ed_pem(spki_pem.as_bytes()),
        Family::Hmac => return Err("not a public key".into()),
    }
    .map_err(|e| format!("the PEM public key cannot be loaded: {e}"))?;
    Ok((key, inferred))
}

/// A token split into its parts and decoded, nothing verified.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The protected header.
    pub header: Map<String, Value>,
    /// The claims.
    pub claims: Map<String, Value>,
    /// The header's `alg`, as written.
    pub alg: String,
    /// The header's `kid`, if any.
    pub kid: Option<String>,
}

/// Why a token cannot even be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Empty input.
    #[error("no token was given")]
    Empty,
    /// Over [`MAX_TOKEN_LEN`].
    #[error("the token is longer than {MAX_TOKEN_LEN} bytes")]
    TooLong,
    /// Not three dot-separated segments.
    #[error("a JWT has three dot-separated segments; this has {0}")]
    Segments(usize),
    /// A segment is not base64url.
    #[error("the {0} is not base64url")]
    Base64(&'static str),
    /// A segment is not a JSON object.
    #[error("the {0} is not a JSON object")]
    Json(&'static str),
    /// The header has no string `alg`.
    #[error("the header has no \"alg\"")]
    NoAlg,
}

impl ParseError {
    /// The machine-readable reason: every unreadable token is `malformed`.
    pub fn code(&self) -> &'static str {
        "malformed"
    }
}

/// Split and decode a compact JWS without verifying anything.
pub fn parse(token: &str) -> Result<Parsed, ParseError> {
    let token = token.trim();
    if token.is_empty() {
        return Err(ParseError::Empty);
    }
    if token.len() > MAX_TOKEN_LEN {
        return Err(ParseError::TooLong);
    }
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return Err(ParseError::Segments(parts.len()));
    }
    let seg = |s: &str, what: &'static str| -> Result<Map<String, Value>, ParseError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(s.trim_end_matches('='))
            .map_err(|_| ParseError::Base64(what))?;
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(m)) => Ok(m),
            _ => Err(ParseError::Json(what)),
        }
    };
    let header = seg(parts[0], "header")?;
    let claims = seg(parts[1], "payload")?;
    if URL_SAFE_NO_PAD.decode(parts[2]).is_err() {
        return Err(ParseError::Base64("signature"));
    }
    let alg = header
        .get("alg")
        .and_then(Value::as_str)
        .ok_or(ParseError::NoAlg)?
        .to_string();
    let kid = header
        .get("kid")
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok(Parsed {
        header,
        claims,
        alg,
        kid,
    })
}

/// Check a token's signature with `key` for exactly `alg` (the key pins it, never the token).
/// Claims are not judged here: see [`claims::check`].
pub fn verify_signature(token: &str, key: &DecodingKey, alg: Alg) -> Result<(), String> {
    let mut v = jsonwebtoken::Validation::new(alg.to_jwt());
    v.required_spec_claims.clear();
    v.validate_exp = false;
    v.validate_nbf = false;
    v.validate_aud = false;
    v.leeway = 0;
    jsonwebtoken::decode::<Value>(token.trim(), key, &v)
        .map(|_| ())
        .map_err(|e| match e.kind() {
            jsonwebtoken::errors::ErrorKind::InvalidSignature => {
                "the signature does not match".to_string()
            }
            jsonwebtoken::errors::ErrorKind::InvalidAlgorithm => {
                format!("the token's algorithm does not match the key's ({alg})")
            }
            other => format!("the token cannot be verified: {other:?}"),
        })
}

/// Sign `claims` with `key` for `alg`; the header carries `typ: JWT` and `kid` when given.
pub fn sign(
    alg: Alg,
    kid: Option<&str>,
    claims: &Map<String, Value>,
    key: &EncodingKey,
) -> Result<String, String> {
    claims::check_times(claims).map_err(|r| format!("not signed: {}", r.message))?;
    let mut h = jsonwebtoken::Header::new(alg.to_jwt());
    h.kid = kid.map(str::to_string);
    jsonwebtoken::encode(&h, claims, key).map_err(|e| format!("signing failed: {e}"))
}

/// Install aws-lc-rs as jsonwebtoken's process-wide crypto provider (idempotent). Called at start-up.
pub fn install_crypto_provider() {
    let _ = jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER.install_default();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by `FUZZ_LONG=1 bash .ci/fuzz.sh jwt_token` (fuzz/seeds/jwt_token/exp-object): an
    /// `exp` that is an object was signed, but jsonwebtoken cannot read such a token back, so
    /// vauth signed what it could not verify. Such claims are refused before signing.
    #[test]
    fn claims_with_a_non_numeric_date_are_not_signed() {
        install_crypto_provider();
        let secret = b"fuzz-secret-0123456789abcdef0123";
        let enc = EncodingKey::from_secret(secret).unwrap();
        let dec = DecodingKey::from_secret(secret).unwrap();
        let bad: serde_json::Map<String, serde_json::Value> = serde_json::from_str(
            r#"{"s":"i","exp":{"":-18000000983999899910,"is1999s":199990000983999899919990}}"#,
        )
        .unwrap();
        assert!(sign(Alg::HS256, Some("k"), &bad, &enc).is_err());
        for v in [r#"{"exp":1.5}"#, r#"{"nbf":"soon"}"#, r#"{"iat":-1}"#] {
            let m = serde_json::from_str(v).unwrap();
            assert!(sign(Alg::HS256, None, &m, &enc).is_err(), "{v}");
        }
        let ok = serde_json::from_str(r#"{"exp":1800000000,"x":{"exp":{}}}"#).unwrap();
        let t = sign(Alg::HS256, None, &ok, &enc).unwrap();
        verify_signature(&t, &dec, Alg::HS256).unwrap();
    }

    #[test]
    fn rfc7638_example_thumbprint() {
        // RFC 7638 §3.1.
        let jwk = json!({
            "kty": "RSA",
            "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
            "e": "AQAB",
            "alg": "RS256",
            "kid": "2011-04-29"
        });
        assert_eq!(
            thumbprint(&jwk).unwrap(),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
    }

    #[test]
    fn every_alg_signs_and_verifies_and_rejects_a_tampered_token() {
        install_crypto_provider();
        let mut claims = Map::new();
        claims.insert("sub".into(), json!("svc"));
        for alg in Alg::ALL {
            let k = generate(alg, None).unwrap();
            let enc = encoding_key(alg, &k.secret).unwrap();
            let tok = sign(alg, Some(&k.kid), &claims, &enc).unwrap();
            let dec = match &k.public_jwk {
                Some(j) => {
                    assert_eq!(jwk_alg(j).unwrap(), alg);
                    jwk_decoding_key(j).unwrap()
                }
                None => hmac_decoding_key(&k.secret).unwrap(),
            };
            verify_signature(&tok, &dec, alg).unwrap();
            let p = parse(&tok).unwrap();
            assert_eq!(p.alg, alg.as_str());
            assert_eq!(p.kid.as_deref(), Some(k.kid.as_str()));
            let mut bad = tok.clone();
            let i = bad.find('.').unwrap() + 2;
            let c = if &bad[i..=i] == "A" { "B" } else { "A" };
            bad.replace_range(i..=i, c);
            assert!(verify_signature(&bad, &dec, alg).is_err(), "{alg}");
        }
    }

    #[test]
    fn a_key_pins_its_algorithm() {
        install_crypto_provider();
        let k = generate(Alg::HS256, None).unwrap();
        let enc = encoding_key(Alg::HS256, &k.secret).unwrap();
        let tok = sign(Alg::HS256, None, &Map::new(), &enc).unwrap();
        let dec = hmac_decoding_key(&k.secret).unwrap();
        assert!(verify_signature(&tok, &dec, Alg::HS512).is_err());
        // An RSA public key never verifies an HMAC token made with its own bytes.
        let r = generate(Alg::RS256, None).unwrap();
        let rdec = jwk_decoding_key(r.public_jwk.as_ref().unwrap()).unwrap();
        assert!(verify_signature(&tok, &rdec, Alg::RS256).is_err());
    }

    #[test]
    fn parse_rejects_garbage_with_a_reason() {
        assert_eq!(parse("").unwrap_err(), ParseError::Empty);
        assert_eq!(parse("a.b").unwrap_err(), ParseError::Segments(2));
        assert_eq!(
            parse("!!.e30.sig").unwrap_err(),
            ParseError::Base64("header")
        );
        assert_eq!(
            parse("e30.bm90anNvbg.c2ln").unwrap_err(),
            ParseError::Json("payload")
        );
        assert_eq!(parse("e30.e30.c2ln").unwrap_err(), ParseError::NoAlg);
        let huge = "a".repeat(MAX_TOKEN_LEN + 1);
        assert_eq!(parse(&huge).unwrap_err(), ParseError::TooLong);
    }

    mod prop {
        use super::super::*;
        use proptest::prelude::*;
        use std::sync::OnceLock;

        /// One key per algorithm, made once (RSA generation is slow).
        fn keys() -> &'static Vec<(Alg, EncodingKey, DecodingKey, String)> {
            static K: OnceLock<Vec<(Alg, EncodingKey, DecodingKey, String)>> = OnceLock::new();
            K.get_or_init(|| {
                install_crypto_provider();
                Alg::ALL
                    .into_iter()
                    .map(|alg| {
                        let k = generate(alg, None).unwrap();
                        let enc = encoding_key(alg, &k.secret).unwrap();
                        let dec = match &k.public_jwk {
                            Some(j) => jwk_decoding_key(j).unwrap(),
                            None => hmac_decoding_key(&k.secret).unwrap(),
                        };
                        (alg, enc, dec, k.kid)
                    })
                    .collect()
            })
        }

        fn claim_value() -> impl Strategy<Value = Value> {
            prop_oneof![
                any::<i64>().prop_map(Value::from),
                any::<bool>().prop_map(Value::from),
                ".{0,40}".prop_map(Value::from),
                proptest::collection::vec(".{0,8}", 0..4).prop_map(Value::from),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(48))]
            /// sign → verify → parse round-trips arbitrary claims for every algorithm, and a token
            /// signed by one algorithm's key never verifies under another's.
            #[test]
            fn sign_verify_round_trip(
                claims in proptest::collection::btree_map("[a-z_]{1,12}", claim_value(), 0..8),
                i in 0usize..12,
            ) {
                let claims: Map<String, Value> = claims.into_iter().collect();
                let ks = keys();
                let (alg, enc, dec, kid) = &ks[i];
                let tok = sign(*alg, Some(kid), &claims, enc).unwrap();
                prop_assert!(verify_signature(&tok, dec, *alg).is_ok());
                let p = parse(&tok).unwrap();
                prop_assert_eq!(&p.claims, &claims);
                prop_assert_eq!(p.alg.as_str(), alg.as_str());
                let (other_alg, _, other_dec, _) = &ks[(i + 1) % ks.len()];
                prop_assert!(verify_signature(&tok, other_dec, *other_alg).is_err());
            }
        }
    }

    #[test]
    fn a_certificate_pem_verifies_with_its_public_key_and_private_keys_are_refused() {
        install_crypto_provider();
        let kp = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let cert = rcgen::CertificateParams::new(vec!["svc".into()])
            .unwrap()
            .self_signed(&kp)
            .unwrap();
        let enc = encoding_key(Alg::ES256, &kp.serialize_pem()).unwrap();
        let tok = sign(Alg::ES256, None, &Map::new(), &enc).unwrap();
        let (dec, alg) = pem_decoding_key(cert.pem().as_bytes(), None).unwrap();
        assert_eq!(alg, Alg::ES256);
        verify_signature(&tok, &dec, alg).unwrap();
        assert!(pem_decoding_key(cert.pem().as_bytes(), Some(Alg::ES384)).is_err());
        let err = pem_decoding_key(kp.serialize_pem().as_bytes(), None).unwrap_err();
        assert!(err.contains("private key"), "{err}");
        assert!(pem_decoding_key(b"no pem here", None).is_err());
    }

    #[test]
    fn oct_jwks_are_refused() {
        assert!(jwk_decoding_key(&json!({"kty":"oct","k":"c2VjcmV0"})).is_err());
    }
}
