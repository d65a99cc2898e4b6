//! Benchmarks of the per-process work before a command runs (issue 15): parsing the command line
//! with the lazy clap tree (what `vauth` does) against the complete tree (what completions and
//! man pages build), and checking the output paths of a 1000-certificate batch.
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;
use std::path::{Path, PathBuf};

use clap::{CommandFactory, FromArgMatches};
use criterion::{Criterion, criterion_group, criterion_main};
use vauth::cli::{Cli, eager};

const VERIFY: &[&str] = &[
    "vauth",
    "--home",
    "/tmp/h",
    "jwt",
    "verify",
    "--key",
    "hs",
    "--iss",
    "i",
    "--aud",
    "a",
    "--token-file",
    "tok",
];

fn parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("cli");
    g.bench_function("version_lazy", |b| {
        b.iter(|| {
            black_box(
                Cli::command()
                    .try_get_matches_from(["vauth", "--version"])
                    .is_err(),
            )
        })
    });
    g.bench_function("version_complete_tree", |b| {
        b.iter(|| {
            black_box(
                eager(Cli::command)
                    .try_get_matches_from(["vauth", "--version"])
                    .is_err(),
            )
        })
    });
    g.bench_function("jwt_verify_lazy", |b| {
        b.iter(|| {
            let m = Cli::command().try_get_matches_from(VERIFY).unwrap();
            black_box(Cli::from_arg_matches(&m).unwrap())
        })
    });
    g.bench_function("jwt_verify_complete_tree", |b| {
        b.iter(|| {
            let m = eager(Cli::command).try_get_matches_from(VERIFY).unwrap();
            black_box(Cli::from_arg_matches(&m).unwrap())
        })
    });
    g.finish();
}

fn precheck(c: &mut Criterion) {
    let d = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = (0..1000)
        .flat_map(|i| ["crt", "key"].map(|ext| d.path().join(format!("app{i}.{ext}"))))
        .collect();
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    c.bench_function("precheck_user_files_2000", |b| {
        b.iter(|| vauth::fsutil::precheck_user_files(black_box(&refs), false).unwrap())
    });
}

criterion_group!(benches, parse, precheck);
criterion_main!(benches);
