//! JWT benchmarks: key generation, sign and verify per algorithm, and the raw cost of one
//! bulk-minted HS256 token (claims + sign), the unit of `vauth jwt sign --count N`.
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Map, Value};
use vauth::jwt::{self, Alg, claims::Template};

fn claims() -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("sub".into(), Value::from("search-api"));
    m.insert("aud".into(), Value::from("qdrant"));
    m.insert("iat".into(), Value::from(1_800_000_000));
    m.insert("exp".into(), Value::from(1_800_000_900));
    m
}

fn per_alg(c: &mut Criterion) {
    jwt::install_crypto_provider();
    let claims = claims();
    for alg in [
        Alg::HS256,
        Alg::RS256,
        Alg::PS256,
        Alg::ES256,
        Alg::ES384,
        Alg::EdDSA,
    ] {
        let k = jwt::generate(alg, None).unwrap();
        let enc = jwt::encoding_key(alg, &k.secret).unwrap();
        let dec = match &k.public_jwk {
            Some(j) => jwt::jwk_decoding_key(j).unwrap(),
            None => jwt::hmac_decoding_key(&k.secret).unwrap(),
        };
        let token = jwt::sign(alg, Some(&k.kid), &claims, &enc).unwrap();
        let mut g = c.benchmark_group(format!("jwt/{alg}"));
        g.bench_function("sign", |b| {
            b.iter(|| jwt::sign(alg, Some(&k.kid), black_box(&claims), &enc).unwrap())
        });
        g.bench_function("verify", |b| {
            b.iter(|| jwt::verify_signature(black_box(&token), &dec, alg).unwrap())
        });
        g.bench_function("parse", |b| {
            b.iter(|| jwt::parse(black_box(&token)).unwrap())
        });
        g.finish();
    }
}

fn keygen(c: &mut Criterion) {
    let mut g = c.benchmark_group("jwt/keygen");
    for alg in [Alg::HS256, Alg::ES256, Alg::EdDSA] {
        g.bench_function(alg.as_str(), |b| {
            b.iter(|| jwt::generate(alg, None).unwrap())
        });
    }
    g.sample_size(10);
    g.bench_function("RS256-2048", |b| {
        b.iter(|| jwt::generate(Alg::RS256, None).unwrap())
    });
    g.finish();
}

fn bulk_unit(c: &mut Criterion) {
    jwt::install_crypto_provider();
    let k = jwt::generate(Alg::HS256, None).unwrap();
    let enc = jwt::encoding_key(Alg::HS256, &k.secret).unwrap();
    let now = time::OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
    let tpl = Template {
        aud: vec!["qdrant".into()],
        exp: Some(now + time::Duration::minutes(15)),
        ..Default::default()
    };
    c.bench_function("jwt/bulk_unit_hs256", |b| {
        b.iter(|| {
            let jti = vauth::apikey::random_base62(22).unwrap();
            let cl = tpl.claims(now, Some(&jti), None);
            jwt::sign(Alg::HS256, Some(&k.kid), &cl, &enc).unwrap()
        })
    });
}

criterion_group!(benches, per_alg, keygen, bulk_unit);
criterion_main!(benches);
