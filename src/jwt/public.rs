//! Verifying keys from published material: a public JWK, a PEM public key or a certificate.

use jsonwebtoken::DecodingKey;
use serde_json::Value;

use super::{Alg, Family, pem};

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
