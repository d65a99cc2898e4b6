//! Compact JWS tokens: parsing without trust, checking a signature, signing.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{DecodingKey, EncodingKey};
use serde_json::{Map, Value};

use super::{Alg, claims};

/// The largest token vauth reads (bytes). Bigger input is refused, never parsed.
pub const MAX_TOKEN_LEN: usize = 64 * 1024;

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
    claims::check_signable(claims).map_err(|r| format!("not signed: {}", r.message))?;
    let mut h = jsonwebtoken::Header::new(alg.to_jwt());
    h.kid = kid.map(str::to_string);
    jsonwebtoken::encode(&h, claims, key).map_err(|e| format!("signing failed: {e}"))
}
