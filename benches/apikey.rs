//! Benchmarks of the API-key format and registry operations.
#![allow(missing_docs, clippy::unwrap_used)]
//! API key benchmarks: generate, parse (format + checksum), verify (SHA-256 + constant-time
//! compare), and the id lookup among 10k registered keys.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use vauth::apikey;
use vauth::store::state::{ApiKey, KeyVersion, Origin, State};

fn state_with(n: usize) -> (State, Vec<String>) {
    let now = time::OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let mut s = State::new("bench".into(), now);
    let mut keys = Vec::with_capacity(n);
    for i in 0..n {
        let k = apikey::generate("vk").unwrap();
        let p = apikey::parse(&k).unwrap();
        let name = format!("key-{i}");
        s.api_keys.insert(
            name.clone(),
            ApiKey {
                name,
                prefix: Some("vk".into()),
                scopes: vec![],
                labels: Default::default(),
                created: now,
                versions: vec![KeyVersion {
                    version: 1,
                    id: Some(p.id.to_string()),
                    sha256: apikey::digest_hex(&k),
                    origin: Origin::Generated,
                    kept: true,
                    created: now,
                    expires: None,
                    grace_until: None,
                    revoked_at: None,
                    pushed: Vec::new(),
                }],
            },
        );
        keys.push(k.to_string());
    }
    (s, keys)
}

fn bench(c: &mut Criterion) {
    c.bench_function("generate", |b| {
        b.iter(|| apikey::generate(black_box("vk")).unwrap())
    });
    let k = apikey::generate("vk").unwrap();
    c.bench_function("parse", |b| {
        b.iter(|| apikey::parse(black_box(&k)).unwrap())
    });
    let d = apikey::digest_hex(&k);
    c.bench_function("verify_digest", |b| {
        b.iter(|| apikey::matches(black_box(&k), black_box(&d)))
    });
    let (state, keys) = state_with(10_000);
    let probe = &keys[7_777];
    let id = apikey::parse(probe).unwrap().id.to_string();
    c.bench_function("lookup_id_10k", |b| {
        b.iter(|| state.find_by_id(black_box(&id)).is_some())
    });
    let bytes = state.to_bytes().unwrap();
    c.bench_function("load_state_10k", |b| {
        b.iter(|| State::from_bytes(black_box(&bytes)).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
