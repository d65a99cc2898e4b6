//! Push benchmarks: the client-side CPU cost of pushing one credential — the PostgreSQL
//! SCRAM-SHA-256 verifier (PBKDF2, 4096 iterations) and the SQL plan — so N pushes cost N times
//! this plus N round trips. The round trips need a real server and are measured by the tests'
//! timings, not here.
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use vauth::remote::scram;

fn verifier(c: &mut Criterion) {
    let key = "vk_AbCdEf12_0123456789abcdefghijABCDEFGHIJ0123456789abcdeXYZ123";
    c.bench_function("push/scram_verifier_4096", |b| {
        b.iter(|| scram::verifier(black_box(key)).unwrap())
    });
}

criterion_group!(benches, verifier);
criterion_main!(benches);
