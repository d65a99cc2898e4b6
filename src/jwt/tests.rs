//! The JWT domain end to end: generate, sign, parse, verify.

use jsonwebtoken::{DecodingKey, EncodingKey};
use serde_json::{Map, Value, json};

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
    // A sub that is an object or array (fuzz/seeds/jwt_token/sub-object): jsonwebtoken cannot
    // read it back either.
    for v in [r#"{"s":"i","sub":{"":-1800}}"#, r#"{"sub":[]}"#] {
        let m = serde_json::from_str(v).unwrap();
        let e = sign(Alg::HS256, None, &m, &enc).unwrap_err();
        assert!(
            e.contains("not signed") && e.contains("\"sub\""),
            "{v}: {e}"
        );
    }
    let ok = serde_json::from_str(r#"{"exp":1800000000,"sub":"svc","x":{"exp":{}}}"#).unwrap();
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
    use super::*;
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
            // Registered claims vauth checks before signing (times, sub) are not arbitrary.
            let claims: Map<String, Value> = claims
                .into_iter()
                .filter(|(k, _)| !["exp", "nbf", "iat", "sub"].contains(&k.as_str()))
                .collect();
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

#[test]
fn a_new_keys_debug_never_shows_its_secret() {
    for alg in [Alg::HS256, Alg::ES256] {
        let k = generate(alg, None).unwrap();
        let shown = format!("{k:?}");
        assert!(shown.contains(&k.kid), "{shown}");
        assert!(!shown.contains(k.secret.as_str()), "{shown}");
        assert!(!shown.contains("PRIVATE KEY"), "{shown}");
    }
}
