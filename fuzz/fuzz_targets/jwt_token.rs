//! `jwt::parse`, `jwt::verify_signature` and `jwt::claims::check` on arbitrary input, plus
//! tokens built from the input and signed with a fixed HS256 key (so the accepting path is
//! reached too).
//!
//! Invariants:
//! - nothing panics, whatever the bytes;
//! - a token that parses has three segments and an `alg`;
//! - vauth signs claims only when their exp/nbf/iat are NumericDates;
//! - a token vauth signed verifies with its key and parses back to the same claims, and
//!   changing any one character of its signature makes verification fail.

#![no_main]

use std::sync::OnceLock;

use jsonwebtoken::{DecodingKey, EncodingKey};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};
use vauth::jwt::{self, Alg, claims};

const SECRET: &[u8] = b"fuzz-secret-0123456789abcdef0123";

fn keys() -> &'static (EncodingKey, DecodingKey) {
    static K: OnceLock<(EncodingKey, DecodingKey)> = OnceLock::new();
    K.get_or_init(|| {
        jwt::install_crypto_provider();
        (
            EncodingKey::from_secret(SECRET).unwrap(),
            DecodingKey::from_secret(SECRET).unwrap(),
        )
    })
}

fn rules() -> claims::Rules {
    claims::Rules {
        at: time::OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap(),
        leeway: 30,
        require_exp: true,
        iss: vec!["i".into()],
        aud: vec!["a".into()],
    }
}

fuzz_target!(|data: &[u8]| {
    let (enc, dec) = keys();
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(p) = jwt::parse(s) {
        assert_eq!(s.trim().split('.').count(), 3);
        assert!(p.header.contains_key("alg"));
        let _ = claims::check(&p.claims, &rules());
    }
    let _ = jwt::verify_signature(s, dec, Alg::HS256);

    // Build claims from the input: a JSON object if it is one, else one string claim.
    let claims_map: Map<String, Value> = match serde_json::from_str::<Value>(s) {
        Ok(Value::Object(m)) => m,
        _ => {
            let mut m = Map::new();
            m.insert("x".into(), Value::String(s.to_string()));
            m
        }
    };
    // vauth signs only claims whose exp/nbf/iat are NumericDates and whose sub is not an object
    // or array (jsonwebtoken cannot read a token whose exp is, e.g., an object:
    // fuzz/seeds/jwt_token/exp-object, or whose sub is one: fuzz/seeds/jwt_token/sub-object).
    let token = match jwt::sign(Alg::HS256, Some("k"), &claims_map, enc) {
        Ok(t) => t,
        Err(_) => {
            assert!(claims::check_signable(&claims_map).is_err());
            return;
        }
    };
    jwt::verify_signature(&token, dec, Alg::HS256).unwrap();
    let back = jwt::parse(&token).unwrap();
    assert_eq!(back.claims, claims_map);
    assert_eq!(back.kid.as_deref(), Some("k"));
    let _ = claims::check(&back.claims, &rules());
    let mut bad = token.into_bytes();
    let i = bad.len() - 1 - (data.len() % 10);
    bad[i] = if bad[i] == b'A' { b'B' } else { b'A' };
    let bad = String::from_utf8(bad).unwrap();
    assert!(jwt::verify_signature(&bad, dec, Alg::HS256).is_err());
});
