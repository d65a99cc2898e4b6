//! PKI benchmarks: key generation and leaf signing per algorithm, CSR parsing, verification and
//! a CRL of 1000 entries. Whole-process figures against openssl are in benches/compare.sh.
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use time::OffsetDateTime;
use vauth::pki::{self, CaSpec, KeySpec, LeafSpec, Profile, San};

fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap()
}

fn ca(k: KeySpec) -> (String, rcgen::Issuer<'static, rcgen::KeyPair>) {
    let key = k.generate().unwrap();
    let spec = CaSpec {
        cn: "bench CA".into(),
        not_before: now(),
        not_after: now() + time::Duration::days(3650),
        pathlen: 0,
        permit_dns: vec![],
        permit_ip: vec![],
    };
    let (pem, _) = pki::make_root(&spec, &key).unwrap();
    let issuer = pki::load_issuer(&pem, &pki::key_pem(&key)).unwrap();
    (pem, issuer)
}

fn leaf() -> LeafSpec {
    LeafSpec {
        cn: "app".into(),
        sans: vec![San::parse("dns:app.example.com").unwrap()],
        profile: Profile::Client,
        not_before: now(),
        not_after: now() + time::Duration::days(30),
    }
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("keygen");
    for k in [KeySpec::P256, KeySpec::P384, KeySpec::Ed25519] {
        g.bench_function(k.label(), |b| b.iter(|| k.generate().unwrap()));
    }
    g.sample_size(10);
    g.bench_function("RSA 2048", |b| {
        b.iter(|| KeySpec::Rsa2048.generate().unwrap())
    });
    g.finish();

    let mut g = c.benchmark_group("sign_leaf");
    for k in [
        KeySpec::P256,
        KeySpec::P384,
        KeySpec::Ed25519,
        KeySpec::Rsa2048,
    ] {
        let (_, issuer) = ca(k);
        let subject = KeySpec::P256.generate().unwrap();
        let spec = leaf();
        g.bench_function(format!("by {}", k.label()), |b| {
            b.iter(|| pki::sign_leaf(black_box(&spec), &subject, false, &issuer).unwrap())
        });
    }
    // What `cert issue` does per certificate: keygen + sign + PEM.
    let (_, issuer) = ca(KeySpec::P256);
    let spec = leaf();
    g.bench_function("keygen+sign P-256 by P-256", |b| {
        b.iter(|| {
            let k = KeySpec::P256.generate().unwrap();
            let s = pki::sign_leaf(&spec, &k, false, &issuer).unwrap();
            (s, pki::key_pem(&k))
        })
    });
    g.finish();

    let (ca_pem, issuer) = ca(KeySpec::P256);
    let k = KeySpec::P256.generate().unwrap();
    let signed = pki::sign_leaf(&leaf(), &k, false, &issuer).unwrap();
    let mut params = rcgen::CertificateParams::new(vec!["csr.example.com".to_string()]).unwrap();
    params.distinguished_name = rcgen::DistinguishedName::new();
    let csr = params.serialize_request(&k).unwrap().pem().unwrap();
    c.bench_function("parse_csr (verify signature)", |b| {
        b.iter(|| pki::parse_csr(black_box(csr.as_bytes())).unwrap())
    });
    let serial = signed.serial.clone();
    let record = vauth::store::state::pki::CaRecord {
        root: vauth::store::state::pki::CaCert {
            cn: "bench CA".into(),
            key_type: "EC P-256".into(),
            serial: "1".into(),
            fingerprint: String::new(),
            not_before: now() - time::Duration::days(1),
            not_after: now() + time::Duration::days(3650),
            pathlen: 0,
            permit_dns: vec![],
            permit_ip: vec![],
            pem: ca_pem,
        },
        intermediate: None,
        crl: Default::default(),
    };
    let certs: Vec<&vauth::store::state::pki::CertRecord> = Vec::new();
    c.bench_function("verify leaf", |b| {
        b.iter(|| {
            let v = vauth::lifecycle::verify::verify(
                signed.pem.as_bytes(),
                Some(&record),
                &certs,
                now(),
            );
            assert!(v.reason.is_none(), "{}", v.message);
            assert_eq!(v.serial.as_deref(), Some(serial.as_str()));
        })
    });
    let revoked: Vec<pki::Revoked> = (0..1000)
        .map(|_| pki::Revoked {
            serial: pki::serial_hex(&pki::random_serial().unwrap().to_bytes()),
            at: now(),
            reason: "keyCompromise".into(),
        })
        .collect();
    c.bench_function("crl 1000 revoked", |b| {
        b.iter(|| {
            pki::make_crl(&issuer, 7, now(), now() + time::Duration::days(7), &revoked).unwrap()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
