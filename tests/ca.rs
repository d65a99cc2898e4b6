//! The local CA through the real binary, cross-checked by OpenSSL: key types, pathlen, key
//! usages, SKI/AKI, intermediates, name constraints, re-init rules, CRLs.

use crate::util::ca::{export_bundle, issue, with_ca, x509_text};
use crate::util::*;

#[test]
fn every_key_type_makes_a_constrained_ca_openssl_accepts() {
    for (args, alg) in [
        (vec![], "id-ecPublicKey"),
        (vec!["--crv", "P-384"], "secp384r1"),
        (vec!["--kty", "OKP"], "ED25519"),
        (vec!["--kty", "RSA", "--size", "2048"], "rsaEncryption"),
    ] {
        let env = with_ca(&args);
        let root = export_bundle(&env, "root.pem", true);
        let t = x509_text(&root);
        assert!(t.contains(alg), "{args:?}: {t}");
        assert!(t.contains("CA:TRUE, pathlen:0"), "{t}");
        assert!(t.contains("Certificate Sign, CRL Sign"), "{t}");
        assert!(t.contains("Subject Key Identifier"), "{t}");
        assert!(t.contains("vauth root CA"), "{t}");
        let (c, out) = openssl(&[
            "verify",
            "-CAfile",
            root.to_str().unwrap(),
            root.to_str().unwrap(),
        ]);
        assert_eq!(c, 0, "{out}");
        // A leaf from it verifies as an SSL client.
        let (crt, _) = issue(&env, "leaf", &["--san", "dns:leaf.example.com"]);
        let (c, out) = openssl(&[
            "verify",
            "-purpose",
            "sslclient",
            "-CAfile",
            root.to_str().unwrap(),
            crt.to_str().unwrap(),
        ]);
        assert_eq!(c, 0, "{args:?}: {out}");
        // The CA key is in the vault, not in state.json.
        let state = env.registry_text();
        assert!(!state.contains("PRIVATE KEY"));
        assert!(state.contains("BEGIN CERTIFICATE"));
    }
}

#[test]
fn rsa_3072_and_validity() {
    let env = with_ca(&[
        "--kty",
        "RSA",
        "--size",
        "3072",
        "--not-after",
        "5y",
        "--name",
        "Acme DB CA",
    ]);
    let j = env.run(&["--json", "ca", "show"]).json();
    assert_eq!(j["root"]["key_type"], "RSA 3072");
    assert_eq!(j["root"]["cn"], "Acme DB CA");
    let root = export_bundle(&env, "root.pem", true);
    let t = x509_text(&root);
    assert!(t.contains("Public-Key: (3072 bit)"), "{t}");
    let year: i32 = j["root"]["not_after"].as_str().unwrap()[..4]
        .parse()
        .unwrap();
    let now_year: i32 = time::OffsetDateTime::now_utc().year();
    assert!((now_year + 4..=now_year + 5).contains(&year), "{year}");
}

#[test]
fn init_refuses_to_rerun_without_force_and_confirmation() {
    let env = with_ca(&[]);
    let fp = env.run(&["--json", "ca", "show"]).json()["root"]["fingerprint"].clone();
    env.run(&["ca", "init"])
        .code(3)
        .stderr_has("already has a CA")
        .stderr_has("--force");
    // --force still asks; no terminal here, so it needs --yes.
    env.run(&["ca", "init", "--force"])
        .code(3)
        .stderr_has("--yes");
    assert_eq!(
        env.run(&["--json", "ca", "show"]).json()["root"]["fingerprint"],
        fp
    );
    env.run(&["ca", "init", "--force", "--yes"]).ok();
    assert_ne!(
        env.run(&["--json", "ca", "show"]).json()["root"]["fingerprint"],
        fp
    );
    // Bad key flags are usage errors, before anything is touched.
    let fresh = TestEnv::new();
    fresh
        .run(&["ca", "init", "--kty", "RSA", "--size", "1024"])
        .code(2);
    fresh
        .run(&["ca", "init", "--kty", "EC", "--crv", "Ed25519"])
        .code(2);
    fresh
        .run(&["ca", "init", "--permit-ip", "10.0.0.0/40"])
        .code(2);
    fresh
        .run(&["ca", "init", "--permit-dns", "bad..name"])
        .code(2);
    fresh.run(&["ca", "init", "--not-after", "1h"]).code(2);
    fresh.run(&["ca", "show"]).code(3);
}

#[test]
fn intermediate_issues_and_openssl_builds_the_chain() {
    let env = with_ca(&["--intermediate"]);
    let root = export_bundle(&env, "root.pem", true);
    let bundle = export_bundle(&env, "bundle.pem", false);
    let rt = x509_text(&root);
    assert!(rt.contains("CA:TRUE, pathlen:1"), "{rt}");
    // The bundle's second certificate is the intermediate.
    let text = std::fs::read_to_string(&bundle).unwrap();
    let inter_pem = &text[text.rfind("-----BEGIN CERTIFICATE-----").unwrap()..];
    let inter = env.write("inter.pem", inter_pem);
    let it = x509_text(&inter);
    assert!(it.contains("CA:TRUE, pathlen:0"), "{it}");
    assert!(it.contains("Authority Key Identifier"), "{it}");
    assert!(
        it.contains("Subject: CN = vauth root CA") && it.contains("intermediate"),
        "{it}"
    );
    let (crt, _) = issue(&env, "app", &[]);
    let lt = x509_text(&crt);
    assert!(
        lt.contains("Issuer: CN = vauth root CA") && lt.contains("intermediate"),
        "{lt}"
    );
    let (c, out) = openssl(&[
        "verify",
        "-purpose",
        "sslclient",
        "-CAfile",
        root.to_str().unwrap(),
        "-untrusted",
        inter.to_str().unwrap(),
        crt.to_str().unwrap(),
    ]);
    assert_eq!(c, 0, "{out}");
    // Without the intermediate the chain does not build: the leaf is not signed by the root.
    let (c, _) = openssl(&[
        "verify",
        "-CAfile",
        root.to_str().unwrap(),
        crt.to_str().unwrap(),
    ]);
    assert_ne!(c, 0);
    // The CRL is signed by the intermediate.
    let crl = env.path("int.crl");
    env.run(&["ca", "crl", "--out", crl.to_str().unwrap()]).ok();
    let (c, out) = openssl(&["crl", "-in", crl.to_str().unwrap(), "-noout", "-issuer"]);
    assert_eq!(c, 0);
    assert!(out.contains("intermediate"), "{out}");
}

#[test]
fn name_constraints_are_written_and_enforced() {
    let env = with_ca(&["--permit-dns", "example.com", "--permit-ip", "10.0.0.0/8"]);
    let root = export_bundle(&env, "root.pem", true);
    let t = x509_text(&root);
    assert!(t.contains("Name Constraints"), "{t}");
    assert!(t.contains("DNS:example.com"), "{t}");
    assert!(t.contains("IP:10.0.0.0/255.0.0.0"), "{t}");
    let (crt, _) = issue(
        &env,
        "inside",
        &["--san", "dns:db.example.com", "--san", "ip:10.1.2.3"],
    );
    let (c, out) = openssl(&[
        "verify",
        "-CAfile",
        root.to_str().unwrap(),
        crt.to_str().unwrap(),
    ]);
    assert_eq!(c, 0, "{out}");
    let dir = env.dir.path().to_str().unwrap().to_string();
    let r = env.run(&[
        "cert",
        "issue",
        "outside",
        "--out",
        &dir,
        "--san",
        "dns:db.example.com",
        "--san",
        "dns:evil.com",
    ]);
    r.code(3)
        .stderr_has("dns:evil.com")
        .stderr_has("name constraints");
    env.run(&[
        "cert",
        "issue",
        "outside",
        "--out",
        &dir,
        "--san",
        "ip:192.168.1.1",
    ])
    .code(3)
    .stderr_has("ip:192.168.1.1");
    // A DNS-looking CN outside the constraints is refused too (OpenSSL would check it).
    env.run(&[
        "cert",
        "issue",
        "outside",
        "--out",
        &dir,
        "--cn",
        "db.evil.com",
    ])
    .code(3);
    // Nothing was recorded or written for the refused ones.
    assert!(!env.path("outside.crt").exists());
    assert!(!env.path("outside.key").exists());
    let list = env.run(&["--json", "cert", "list"]).json();
    assert_eq!(list["certs"].as_array().unwrap().len(), 1);
}

#[test]
fn crl_numbers_increase_and_openssl_rejects_revoked() {
    let env = with_ca(&[]);
    let root = export_bundle(&env, "root.pem", true);
    let (good, _) = issue(&env, "good", &[]);
    let (bad, _) = issue(&env, "bad", &[]);
    let serial = env.run(&["--json", "cert", "list"]).json()["certs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "bad")
        .unwrap()["serial"]
        .as_str()
        .unwrap()
        .to_string();
    let crl = env.path("ca.crl");
    let c1 = env
        .run(&["--json", "ca", "crl", "--out", crl.to_str().unwrap()])
        .json();
    assert_eq!(c1["number"], 1);
    assert_eq!(c1["revoked"], 0);
    env.run(&[
        "cert",
        "revoke",
        "bad",
        "--reason",
        "keyCompromise",
        "--yes",
    ])
    .ok();
    let c2 = env
        .run(&[
            "--json",
            "ca",
            "crl",
            "--out",
            crl.to_str().unwrap(),
            "--next-update",
            "24h",
        ])
        .json();
    assert_eq!(c2["number"], 2);
    assert_eq!(c2["revoked"], 1);
    let (c, text) = openssl(&[
        "crl",
        "-in",
        crl.to_str().unwrap(),
        "-noout",
        "-text",
        "-CAfile",
        root.to_str().unwrap(),
    ]);
    assert_eq!(c, 0, "{text}");
    assert!(text.contains("verify OK"), "{text}");
    assert!(
        text.contains("X509v3 CRL Number: \n                2") || text.contains("CRL Number:"),
        "{text}"
    );
    assert!(
        text.to_lowercase().contains(&serial),
        "{serial} not in {text}"
    );
    assert!(text.contains("Key Compromise"), "{text}");
    // openssl verify -crl_check: the good one passes, the revoked one fails.
    let mut both = std::fs::read_to_string(&root).unwrap();
    both.push_str(&std::fs::read_to_string(&crl).unwrap());
    let chain = env.write("root+crl.pem", &both);
    let (c, out) = openssl(&[
        "verify",
        "-crl_check",
        "-CAfile",
        chain.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(c, 0, "{out}");
    let (c, out) = openssl(&[
        "verify",
        "-crl_check",
        "-CAfile",
        chain.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_ne!(c, 0);
    assert!(out.contains("certificate revoked"), "{out}");
    // DER output parses too.
    let der = env.path("ca.crl.der");
    env.run(&["ca", "crl", "--der", "--out", der.to_str().unwrap()])
        .ok();
    let (c, out) = openssl(&[
        "crl",
        "-inform",
        "DER",
        "-in",
        der.to_str().unwrap(),
        "-noout",
        "-crlnumber",
    ]);
    assert_eq!(c, 0, "{out}");
    assert!(
        out.contains("crlNumber=0x03") || out.contains("crlNumber=03"),
        "{out}"
    );
    // The next-update window is recorded for `ca show`.
    let show = env.run(&["--json", "ca", "show"]).json();
    assert_eq!(show["crl_number"], 3);
    assert!(show["crl_next_update"].is_string());
    env.run(&["ca", "crl", "--next-update", "10s"]).code(2);
}

#[test]
fn no_ca_yet_is_exit_3_with_a_hint() {
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    env.run(&["cert", "issue", "x"])
        .code(3)
        .stderr_has("vauth ca init");
    env.run(&["ca", "crl"]).code(3).stderr_has("vauth ca init");
    env.run(&["ca", "export"]).code(3);
}

#[test]
fn status_warns_when_the_crl_or_certificates_run_out() {
    if !test_hooks("ca::status_warns_when_the_crl_or_certificates_run_out") {
        return;
    }
    let env = with_ca(&[]);
    env.run(&["status"]).ok();
    let crl = env.path("c.crl");
    env.run(&[
        "ca",
        "crl",
        "--out",
        crl.to_str().unwrap(),
        "--next-update",
        "2d",
    ])
    .ok();
    issue(&env, "short", &["--not-after", "3d"]);
    // A fresh CRL is not "near", whatever the window; the certificate is listed with the rest.
    let r = env.run(&["status", "--within", "7d"]);
    r.ok()
        .stdout_has("cert     short v1")
        .stdout_has("crl         #1");
    assert!(!r.stderr.contains("nextUpdate"), "{}", r.stderr);
    assert!(!r.stdout.contains("nothing within"), "{}", r.stdout);
    // Near once less than a quarter of its lifetime (2d: 12h) is left; then passed.
    let at = |h: i64| {
        (time::OffsetDateTime::now_utc() + time::Duration::hours(h))
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    let r = env.run_with(&["status"], None, &[("VAUTH_TEST_NOW", &at(30))]);
    r.ok();
    assert!(!r.stderr.contains("nextUpdate"), "{}", r.stderr);
    env.run_with(&["status"], None, &[("VAUTH_TEST_NOW", &at(40))])
        .ok()
        .stderr_has("nextUpdate")
        .stderr_has("is near");
    env.run_with(&["status"], None, &[("VAUTH_TEST_NOW", &at(49))])
        .ok()
        .stderr_has("nextUpdate")
        .stderr_has("has passed");
    // Outside the window: no certificate listed.
    env.run(&["status", "--within", "1d"])
        .ok()
        .stdout_has("nothing within 1d");
}
