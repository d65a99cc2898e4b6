//! `rotate plan` is a pure function of inventory + policies + time: its cost over 10,000
//! credentials (goal: the whole `vauth rotate plan` ≤ 100 ms; this is the planning part, without
//! process start and reading the home).
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use time::OffsetDateTime;
use vauth::config::policy::Policy;
use vauth::policy::plan;
use vauth::store::state::{ApiKey, KeyVersion, Origin, State};

fn inventory(n: usize) -> (State, Vec<Policy>) {
    let now = OffsetDateTime::now_utc();
    let mut s = State::new("bench".into(), now);
    let mut p = Vec::with_capacity(n);
    for i in 0..n {
        let name = format!("key-{i}");
        s.api_keys
            .insert(
                name.clone(),
                ApiKey {
                    name: name.clone(),
                    prefix: Some("vk".into()),
                    scopes: vec![],
                    labels: Default::default(),
                    created: now,
                    versions: vec![KeyVersion {
                        version: 1,
                        id: Some(format!("{i:08}")),
                        sha256: "0".repeat(64),
                        origin: Origin::Generated,
                        kept: true,
                        created: now - time::Duration::days((i % 60) as i64),
                        expires: None,
                        grace_until: None,
                        revoked_at: None,
                        revoked_reason: None,
                        pushed: vec![],
                    }],
                },
            )
            .unwrap();
        p.push(Policy {
            credential: name,
            max_age: "30d".into(),
            grace: Some("1d".into()),
            targets: None,
            outputs: vec![],
            window: None,
        });
    }
    (s, p)
}

fn bench(c: &mut Criterion) {
    let (s, p) = inventory(10_000);
    let now = OffsetDateTime::now_utc();
    c.bench_function("rotate/plan_10000", |b| {
        b.iter(|| plan(black_box(&s), black_box(&p), now, &[]))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
