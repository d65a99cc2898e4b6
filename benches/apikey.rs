//! Benchmarks of the API-key format and registry operations.
#![allow(missing_docs, clippy::unwrap_used)]
//! API key benchmarks: generate, parse (format + checksum), verify (SHA-256 + constant-time
//! compare), and the id lookup among 10k registered keys.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use vauth::apikey;
use vauth::store::state::{ApiKey, KeyVersion, Origin, State};
use vauth::store::vault::{Protection, Unlock, Vault};

fn state_with(n: usize) -> (State, Vec<String>) {
    let now = time::OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let mut s = State::new("benchhome0000001".into(), now);
    let mut keys = Vec::with_capacity(n);
    for i in 0..n {
        let k = apikey::generate("vk").unwrap();
        let p = apikey::parse(&k).unwrap();
        let name = format!("key-{i}");
        s.api_keys
            .insert(
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
                        revoked_reason: None,
                        pushed: Vec::new(),
                    }],
                },
            )
            .unwrap();
        keys.push(k.to_string());
    }
    s.update_id_index().unwrap();
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
        b.iter(|| state.find_by_id(black_box(&id)).unwrap().is_some())
    });
    // The registry path of `key verify` (issue 11): load, then check state.json's integrity tag
    // under the key sealed in the vault header (unwrapping the data key from a key-file vault
    // holding the 10k plaintexts, without decrypting its body). Compare the three in one run.
    let dir = tempfile::tempdir().unwrap();
    let unlock = Unlock {
        passphrase_file: None,
        can_prompt: false,
        key_dir: dir.path().join("keys"),
        in_ci: false,
    };
    let mut vault = Vault::create("benchhome0000001", Protection::KeyFile, &unlock).unwrap();
    for (i, k) in keys.iter().enumerate() {
        vault
            .put(
                &format!("apikey/key-{i}/1"),
                zeroize::Zeroizing::new(k.clone()),
            )
            .unwrap();
    }
    let vault_bytes = vault.to_bytes().unwrap();
    let mut sealed = state.clone();
    let bytes = sealed.to_sealed_bytes(vault.state_key()).unwrap();
    c.bench_function("load_state_10k", |b| {
        b.iter(|| State::from_bytes(black_box(&bytes)).unwrap())
    });
    c.bench_function("load_state_checked_10k", |b| {
        b.iter(|| {
            let (_, key) = Vault::read_state_key(black_box(&vault_bytes), &unlock).unwrap();
            let s = State::from_bytes(black_box(&bytes)).unwrap();
            State::check_integrity(black_box(&bytes), &key).unwrap();
            s
        })
    });
    c.bench_function("state_check_only_10k", |b| {
        b.iter(|| {
            let (_, key) = Vault::read_state_key(black_box(&vault_bytes), &unlock).unwrap();
            State::check_integrity(black_box(&bytes), &key).unwrap();
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
