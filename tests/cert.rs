//! Leaf certificates through the real binary, cross-checked by OpenSSL: issue (key, CSR,
//! PKCS#12), list, verify, revoke, renew, export, inspect, batch, and every bad input.

use crate::util::ca::{export_bundle, issue, register_keys, with_ca, x509_text};
use crate::util::{Run, bin, openssl, stale_temps};

fn pubkey_of_cert(p: &std::path::Path) -> String {
    let (c, t) = openssl(&["x509", "-in", p.to_str().unwrap(), "-noout", "-pubkey"]);
    assert_eq!(c, 0, "{t}");
    t
}

fn pubkey_of_key(p: &std::path::Path) -> String {
    let (c, t) = openssl(&["pkey", "-in", p.to_str().unwrap(), "-pubout"]);
    assert_eq!(c, 0, "{t}");
    t
}

#[test]
fn client_cert_has_client_auth_only_and_a_private_0600_key() {
    let env = with_ca(&[]);
    let root = export_bundle(&env, "root.pem", true);
    let (crt, key) = issue(
        &env,
        "app1",
        &[
            "--san",
            "dns:app1.svc.example",
            "--san",
            "ip:10.0.0.7",
            "--san",
            "uri:spiffe://prod.example/ns/app1",
            "--san",
            "email:ops@example.com",
        ],
    );
    assert_eq!(env.mode(&key), 0o600);
    let key_text = std::fs::read_to_string(&key).unwrap();
    assert!(
        key_text.starts_with("-----BEGIN PRIVATE KEY-----"),
        "PKCS#8: {key_text:.40}"
    );
    let t = x509_text(&crt);
    assert!(t.contains("TLS Web Client Authentication"), "{t}");
    assert!(!t.contains("TLS Web Server Authentication"), "{t}");
    assert!(t.contains("Digital Signature"), "{t}");
    assert!(!t.contains("Certificate Sign"), "{t}");
    assert!(t.contains("CA:FALSE"), "{t}");
    assert!(t.contains("Subject: CN = app1"), "{t}");
    for san in [
        "DNS:app1.svc.example",
        "IP Address:10.0.0.7",
        "URI:spiffe://prod.example/ns/app1",
        "email:ops@example.com",
    ] {
        assert!(t.contains(san), "{san} missing: {t}");
    }
    assert!(t.contains("Authority Key Identifier"), "{t}");
    // Serial: 20 bytes at most, positive.
    let (_, s) = openssl(&["x509", "-in", crt.to_str().unwrap(), "-noout", "-serial"]);
    let hex = s.trim().trim_start_matches("serial=");
    assert!(hex.len() <= 40 && hex.len() >= 30, "{hex}");
    assert_eq!(pubkey_of_cert(&crt), pubkey_of_key(&key));
    let (c, out) = openssl(&[
        "verify",
        "-purpose",
        "sslclient",
        "-CAfile",
        root.to_str().unwrap(),
        crt.to_str().unwrap(),
    ]);
    assert_eq!(c, 0, "{out}");
    let (c, _) = openssl(&[
        "verify",
        "-purpose",
        "sslserver",
        "-CAfile",
        root.to_str().unwrap(),
        crt.to_str().unwrap(),
    ]);
    assert_ne!(c, 0, "a client cert must not pass as a server cert");
    // The key is not kept by default: nothing under cert/ in the vault is referenced.
    let state = env.registry_text();
    assert!(state.contains("\"key_kept\": false"));
    // The chain file is the CA.
    assert_eq!(
        std::fs::read_to_string(env.path("app1.ca.crt")).unwrap(),
        std::fs::read_to_string(&root).unwrap()
    );
}

#[test]
fn server_profile_and_key_types() {
    let env = with_ca(&[]);
    let root = export_bundle(&env, "root.pem", true);
    let (crt, _) = issue(
        &env,
        "db",
        &[
            "--profile",
            "server",
            "--san",
            "dns:db.internal",
            "--kty",
            "RSA",
        ],
    );
    let t = x509_text(&crt);
    assert!(
        t.contains("TLS Web Server Authentication") && !t.contains("Client Authentication"),
        "{t}"
    );
    assert!(t.contains("Key Encipherment"), "{t}");
    let (c, out) = openssl(&[
        "verify",
        "-purpose",
        "sslserver",
        "-CAfile",
        root.to_str().unwrap(),
        crt.to_str().unwrap(),
    ]);
    assert_eq!(c, 0, "{out}");
    // A server cert without --san gets its CN as DNS SAN.
    let (crt, _) = issue(
        &env,
        "web",
        &["--profile", "server", "--cn", "web.internal"],
    );
    assert!(x509_text(&crt).contains("DNS:web.internal"));
    for (name, flags, want) in [
        ("ed", vec!["--kty", "OKP"], "ED25519"),
        ("p384", vec!["--crv", "P-384"], "secp384r1"),
        (
            "rsa4k",
            vec!["--kty", "RSA", "--size", "4096"],
            "(4096 bit)",
        ),
    ] {
        let (crt, _) = issue(&env, name, &flags);
        assert!(x509_text(&crt).contains(want), "{name}");
        let (c, out) = openssl(&[
            "verify",
            "-CAfile",
            root.to_str().unwrap(),
            crt.to_str().unwrap(),
        ]);
        assert_eq!(c, 0, "{out}");
    }
}

#[test]
fn nothing_is_overwritten_or_half_written() {
    let env = with_ca(&[]);
    issue(&env, "a", &[]);
    let before = std::fs::read_to_string(env.path("a.key")).unwrap();
    let dir = env.dir.path().to_str().unwrap().to_string();
    // Same name: refused (renew is the verb).
    env.run(&["cert", "issue", "a", "--out", &dir])
        .code(3)
        .stderr_has("cert renew a");
    // New name, but its files would overwrite a's: refused before signing, nothing recorded.
    let key = env.path("a.key");
    env.run(&[
        "cert",
        "issue",
        "b",
        "--cert-out",
        env.path("b.crt").to_str().unwrap(),
        "--key-out",
        key.to_str().unwrap(),
    ])
    .code(3)
    .stderr_has("already exists")
    .stderr_has("--force");
    assert_eq!(std::fs::read_to_string(&key).unwrap(), before);
    assert!(!env.path("b.crt").exists());
    let list = env.run(&["--json", "cert", "list"]).json();
    assert_eq!(list["certs"].as_array().unwrap().len(), 1);
    // A key that would go nowhere is refused.
    env.run(&[
        "cert",
        "issue",
        "c",
        "--cert-out",
        env.path("c.crt").to_str().unwrap(),
    ])
    .code(2)
    .stderr_has("--key-out");
    // A missing directory is created 0700 (DESIGN.md §8); a path under a file is exit 3.
    env.run(&[
        "cert",
        "issue",
        "d",
        "--out",
        env.path("no/such/dir").to_str().unwrap(),
    ])
    .ok();
    assert_eq!(env.mode(&env.path("no/such")), 0o700);
    env.write("a-file", "x");
    env.run(&[
        "cert",
        "issue",
        "d2",
        "--out",
        env.path("a-file/dir").to_str().unwrap(),
    ])
    .code(3)
    .stderr_has("not a directory");
    // Bad SAN syntax is a usage error naming the SAN.
    env.run(&["cert", "issue", "e", "--san", "dns:-bad-"])
        .code(2)
        .stderr_has("dns:-bad-");
    env.run(&["cert", "issue", "e", "--san", "ftp:x"])
        .code(2)
        .stderr_has("dns:, ip:");
    env.run(&["cert", "issue", "e", "--not-after", "-1d"])
        .code(2);
}

#[test]
fn not_after_is_capped_at_the_ca() {
    let env = with_ca(&["--not-after", "30d"]);
    let dir = env.dir.path().to_str().unwrap().to_string();
    let r = env.run(&[
        "--json",
        "cert",
        "issue",
        "long",
        "--out",
        &dir,
        "--not-after",
        "90d",
    ]);
    r.ok().stderr_has("capped");
    register_keys(&env, &[&env.path("long.key")]);
    let j = r.json();
    let ca = env.run(&["--json", "ca", "show"]).json();
    assert_eq!(j["not_after"], ca["root"]["not_after"]);
}

#[test]
fn openssl_csr_is_signed_with_only_subject_sans_and_key() {
    let env = with_ca(&[]);
    let root = export_bundle(&env, "root.pem", true);
    let key = env.path("csr.key");
    let csr = env.path("req.csr");
    let (c, out) = openssl(&[
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        key.to_str().unwrap(),
        "-out",
        csr.to_str().unwrap(),
        "-subj",
        "/CN=csr-app/O=Evil",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign",
        "-addext",
        "subjectAltName=DNS:csr.example.com,IP:10.9.9.9",
    ]);
    assert_eq!(c, 0, "{out}");
    register_keys(&env, &[&key]);
    let crt = env.path("csr.crt");
    let r = env.run(&[
        "--json",
        "cert",
        "issue",
        "csr-app",
        "--csr",
        csr.to_str().unwrap(),
        "--cert-out",
        crt.to_str().unwrap(),
    ]);
    r.ok().stderr_has("ignored");
    let j = r.json();
    assert_eq!(j["from_csr"], true);
    assert_eq!(j["cn"], "csr-app");
    assert!(j["files"]["key"].is_null());
    let t = x509_text(&crt);
    assert!(t.contains("CA:FALSE"), "{t}");
    assert!(!t.contains("Certificate Sign"), "{t}");
    assert!(t.contains("TLS Web Client Authentication"), "{t}");
    assert!(
        t.contains("DNS:csr.example.com") && t.contains("IP Address:10.9.9.9"),
        "{t}"
    );
    assert!(
        t.contains("Subject: CN = csr-app") && !t.contains("Evil"),
        "{t}"
    );
    assert_eq!(pubkey_of_cert(&crt), pubkey_of_key(&key));
    let (c, out) = openssl(&[
        "verify",
        "-purpose",
        "sslclient",
        "-CAfile",
        root.to_str().unwrap(),
        crt.to_str().unwrap(),
    ]);
    assert_eq!(c, 0, "{out}");
    // A CSR whose signature does not verify: flip a byte near the end of the DER.
    let der = env.path("req.der");
    openssl(&[
        "req",
        "-in",
        csr.to_str().unwrap(),
        "-outform",
        "DER",
        "-out",
        der.to_str().unwrap(),
    ]);
    let mut bytes = std::fs::read(&der).unwrap();
    let n = bytes.len();
    bytes[n - 5] ^= 0x55;
    std::fs::write(&der, &bytes).unwrap();
    env.run(&[
        "cert",
        "issue",
        "tampered",
        "--csr",
        der.to_str().unwrap(),
        "--cert-out",
        env.path("t.crt").to_str().unwrap(),
    ])
    .code(3)
    .stderr_has("signature");
    env.write(
        "garbage.csr",
        "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
    );
    env.run(&[
        "cert",
        "issue",
        "g",
        "--csr",
        env.path("garbage.csr").to_str().unwrap(),
    ])
    .code(3);
    env.run(&[
        "cert",
        "issue",
        "g",
        "--csr",
        env.path("missing.csr").to_str().unwrap(),
    ])
    .code(3);
    assert!(!env.path("t.crt").exists());
}

#[test]
fn pkcs12_opens_in_openssl_with_the_password_from_a_file() {
    let env = with_ca(&["--intermediate"]);
    let pw = "p12-Secret-Password-42";
    env.secret(pw);
    let pwf = env.write("pw.txt", &format!("{pw}\n"));
    let p12 = env.path("app.p12");
    issue(
        &env,
        "app",
        &[
            "--p12",
            p12.to_str().unwrap(),
            "--p12-password-file",
            pwf.to_str().unwrap(),
        ],
    );
    assert_eq!(env.mode(&p12), 0o600);
    let (c, out) = openssl(&[
        "pkcs12",
        "-info",
        "-in",
        p12.to_str().unwrap(),
        "-passin",
        &format!("file:{}", pwf.display()),
        "-nokeys",
    ]);
    assert_eq!(c, 0, "{out}");
    assert!(
        out.contains("PBES2") && out.contains("AES-256-CBC"),
        "{out}"
    );
    assert_eq!(
        out.matches("BEGIN CERTIFICATE").count(),
        3,
        "leaf, intermediate, root: {out}"
    );
    let (c, out) = openssl(&[
        "pkcs12",
        "-in",
        p12.to_str().unwrap(),
        "-passin",
        &format!("file:{}", pwf.display()),
        "-nocerts",
        "-nodes",
    ]);
    assert_eq!(c, 0, "{out}");
    assert!(out.contains("BEGIN PRIVATE KEY"));
    let bad = env.write("bad.txt", "wrong\n");
    let (c, _) = openssl(&[
        "pkcs12",
        "-info",
        "-in",
        p12.to_str().unwrap(),
        "-passin",
        &format!("file:{}", bad.display()),
        "-noout",
    ]);
    assert_ne!(c, 0);
    // Without a password source and no terminal: exit 3 naming the flag; nothing written.
    let p2 = env.path("x.p12");
    let dir = env.dir.path().to_str().unwrap().to_string();
    env.run(&[
        "cert",
        "issue",
        "x",
        "--out",
        &dir,
        "--p12",
        p2.to_str().unwrap(),
    ])
    .code(3)
    .stderr_has("--p12-password-file");
    assert!(!p2.exists() && !env.path("x.key").exists());
    // The password never reaches argv-style flags, state or audit (leak scan checks).
}

#[test]
fn verify_answers_with_reasons() {
    let env = with_ca(&[]);
    let (crt, _) = issue(&env, "v", &["--not-after", "10d"]);
    env.run(&["cert", "verify", crt.to_str().unwrap()])
        .ok()
        .stdout_has("valid: v");
    let j = env.run(&[
        "--json",
        "cert",
        "verify",
        crt.to_str().unwrap(),
        "--at",
        "+20d",
    ]);
    j.code(1);
    let j = j.json();
    assert_eq!(j["ok"], false);
    assert_eq!(j["reason"], "expired");
    env.write("garbage.pem", "not a certificate at all");
    let g = env.run(&[
        "--json",
        "cert",
        "verify",
        env.path("garbage.pem").to_str().unwrap(),
    ]);
    g.code(1);
    assert_eq!(g.json()["reason"], "malformed");
    env.write("bin.der", "\u{30}\u{82}\u{1}\u{0}junk");
    env.run(&["cert", "verify", env.path("bin.der").to_str().unwrap()])
        .code(1);
    env.run(&["cert", "verify", env.path("absent.pem").to_str().unwrap()])
        .code(3);
    // A certificate from another CA.
    let other = with_ca(&[]);
    let (foreign, _) = issue(&other, "v", &[]);
    let f = env.run(&["--json", "cert", "verify", foreign.to_str().unwrap()]);
    f.code(1);
    assert_eq!(f.json()["reason"], "unknown_issuer");
    // The CA certificate itself is not a leaf.
    let root = export_bundle(&env, "root.pem", true);
    let r = env.run(&["--json", "cert", "verify", root.to_str().unwrap()]);
    r.code(1);
    assert_eq!(r.json()["reason"], "not_a_leaf");
    // Revoked, but valid before the revocation.
    env.run(&["cert", "revoke", "v", "--yes"]).ok();
    let r = env.run(&["--json", "cert", "verify", crt.to_str().unwrap()]);
    r.code(1);
    assert_eq!(r.json()["reason"], "revoked");
    env.run(&["cert", "verify", crt.to_str().unwrap(), "--at", "-30s"])
        .ok();
}

#[test]
fn list_sorts_by_expiry_and_flags_what_expires_soon() {
    let env = with_ca(&[]);
    issue(&env, "late", &["--not-after", "60d"]);
    issue(&env, "soon", &["--not-after", "7d"]);
    issue(&env, "mid", &["--not-after", "20d"]);
    let j = env.run(&["--json", "cert", "list"]).json();
    let names: Vec<&str> = j["certs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["soon", "mid", "late"]);
    assert_eq!(j["ok"], true);
    let r = env.run(&["--json", "cert", "list", "--expiring-within", "14d"]);
    r.code(1);
    let j = r.json();
    assert_eq!(j["ok"], false);
    assert_eq!(j["certs"].as_array().unwrap().len(), 1);
    assert_eq!(j["certs"][0]["name"], "soon");
    env.run(&["cert", "list", "--expiring-within", "3d"]).ok();
    let human = env.run(&["cert", "list"]);
    human.ok().stdout_has("NAME").stdout_has("soon");
    // A revoked cert no longer counts as expiring.
    env.run(&["cert", "revoke", "soon", "--yes"]).ok();
    env.run(&["cert", "list", "--expiring-within", "14d"]).ok();
}

#[test]
fn renew_makes_a_new_key_or_reuses_a_kept_one() {
    let env = with_ca(&[]);
    let (crt, key) = issue(&env, "r", &["--keep-key", "--san", "dns:r.example.com"]);
    let old_pub = pubkey_of_key(&key);
    let dir = env.dir.path().to_str().unwrap().to_string();
    let sub = env.path("new");
    std::fs::create_dir(&sub).unwrap();
    let j = env
        .run(&[
            "--json",
            "cert",
            "renew",
            "r",
            "--out",
            sub.to_str().unwrap(),
        ])
        .json();
    register_keys(&env, &[&sub.join("r.key")]);
    assert_ne!(pubkey_of_key(&sub.join("r.key")), old_pub);
    assert_eq!(j["sans"][0], "dns:r.example.com");
    // The renewed key was kept too (the name was issued with --keep-key). Reusing it: certificate
    // files only, the same public key.
    let new_pub = pubkey_of_key(&sub.join("r.key"));
    let j2 = env.run(&[
        "--json",
        "cert",
        "renew",
        "r",
        "--reuse-key",
        "--out",
        &dir,
        "--force",
    ]);
    j2.ok();
    assert!(j2.json()["files"]["key"].is_null());
    assert_eq!(pubkey_of_cert(&crt), new_pub);
    // Without a kept key, --reuse-key is refused; --key-file must match.
    issue(&env, "nokeep", &[]);
    env.run(&["cert", "renew", "nokeep", "--reuse-key"])
        .code(3)
        .stderr_has("--key-file");
    let other_key = env.path("r.key");
    env.run(&[
        "cert",
        "renew",
        "nokeep",
        "--key-file",
        other_key.to_str().unwrap(),
    ])
    .code(3)
    .stderr_has("does not match");
    env.run(&[
        "cert",
        "renew",
        "nokeep",
        "--key-file",
        env.path("nokeep.key").to_str().unwrap(),
        "--out",
        &dir,
        "--force",
    ])
    .ok();
    env.run(&["cert", "renew", "ghost"])
        .code(3)
        .stderr_has("cert list");
    let all = env.run(&["--json", "cert", "list", "--all"]).json();
    assert_eq!(all["certs"].as_array().unwrap().len(), 5);
}

#[test]
fn export_pem_chain_kept_key_and_p12() {
    let env = with_ca(&["--intermediate"]);
    issue(&env, "kept", &["--keep-key"]);
    issue(&env, "plain", &[]);
    let pem = env.run(&["cert", "export", "kept", "--chain"]);
    pem.ok();
    assert_eq!(pem.stdout.matches("BEGIN CERTIFICATE").count(), 3);
    assert!(!pem.stdout.contains("PRIVATE KEY"));
    let k = env.path("exported.key");
    env.run(&["cert", "export", "kept", "--key-out", k.to_str().unwrap()])
        .ok();
    assert_eq!(env.mode(&k), 0o600);
    assert_eq!(
        std::fs::read_to_string(&k).unwrap(),
        std::fs::read_to_string(env.path("kept.key")).unwrap()
    );
    env.run(&[
        "cert",
        "export",
        "plain",
        "--key-out",
        env.path("p.key").to_str().unwrap(),
    ])
    .code(3)
    .stderr_has("--keep-key");
    let pwf = env.write("pw", "hunter2-but-longer\n");
    env.secret("hunter2-but-longer");
    let p12 = env.path("kept.p12");
    let j = env.run(&[
        "--json",
        "cert",
        "export",
        "kept",
        "--p12",
        p12.to_str().unwrap(),
        "--p12-password-file",
        pwf.to_str().unwrap(),
    ]);
    assert_eq!(j.json()["p12_has_key"], true);
    let (c, out) = openssl(&[
        "pkcs12",
        "-in",
        p12.to_str().unwrap(),
        "-passin",
        &format!("file:{}", pwf.display()),
        "-nodes",
    ]);
    assert_eq!(c, 0, "{out}");
    assert!(out.contains("PRIVATE KEY"));
    // Revoking erases the kept key from the vault: export can no longer give it.
    env.run(&["cert", "revoke", "kept", "--yes"]).ok();
    env.run(&[
        "cert",
        "export",
        "kept",
        "--key-out",
        env.path("k2.key").to_str().unwrap(),
    ])
    .code(3);
}

#[test]
fn inspect_decodes_certs_and_csrs_without_trusting_them() {
    let env = with_ca(&[]);
    let (crt, _) = issue(&env, "i", &["--san", "dns:i.example.com"]);
    let j = env
        .run(&["--json", "cert", "inspect", crt.to_str().unwrap()])
        .json();
    assert_eq!(j["kind"], "certificate");
    assert_eq!(j["verified"], false);
    assert_eq!(j["sans"][0], "dns:i.example.com");
    assert_eq!(j["extended_key_usage"][0], "clientAuth");
    assert_eq!(j["key_type"], "EC P-256");
    assert_eq!(j["is_ca"], false);
    env.run(&["cert", "inspect", crt.to_str().unwrap()])
        .ok()
        .stdout_has("nothing was verified");
    let key = env.path("k.key");
    let csr = env.path("x.csr");
    openssl(&[
        "req",
        "-new",
        "-newkey",
        "ed25519",
        "-nodes",
        "-keyout",
        key.to_str().unwrap(),
        "-out",
        csr.to_str().unwrap(),
        "-subj",
        "/CN=x",
    ]);
    register_keys(&env, &[&key]);
    let j = env
        .run(&["--json", "cert", "inspect", csr.to_str().unwrap()])
        .json();
    assert_eq!(j["kind"], "csr");
    assert_eq!(j["key_type"], "OKP Ed25519");
    assert_eq!(j["signature_valid"], true);
    env.write("junk", "junk");
    env.run(&["cert", "inspect", env.path("junk").to_str().unwrap()])
        .code(3);
}

#[test]
fn batch_is_all_or_nothing() {
    let env = with_ca(&[]);
    let root = export_bundle(&env, "root.pem", true);
    let out = env.path("batch");
    std::fs::create_dir(&out).unwrap();
    let bad = env.write(
        "bad.csv",
        "name,cn,sans,profile\nb1,,dns:b1.example.com,client\nb2,,dns:-x-,client\nb3\n",
    );
    let r = env.run(&[
        "cert",
        "issue",
        "--batch",
        bad.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    r.code(2).stderr_has("line 3");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
    let list = env.run(&["--json", "cert", "list"]).json();
    assert_eq!(list["certs"].as_array().unwrap().len(), 0);
    let lines = "{\"name\":\"j1\",\"sans\":[\"dns:j1.example.com\"]}\n{\"name\":\"j2\",\"cn\":\"svc\",\"profile\":\"server\",\"sans\":\"dns:svc.internal\"}\nc1,c1cn,ip:10.0.0.1;dns:c1.x,client\n";
    let good = env.write("good.txt", lines);
    let audit_before = env.read_home("audit.log").lines().count();
    let r = env.run(&[
        "--json",
        "cert",
        "issue",
        "--batch",
        good.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    r.ok();
    let objs: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objs.len(), 3);
    assert_eq!(objs[1]["profile"], "server");
    assert_eq!(
        env.read_home("audit.log").lines().count(),
        audit_before + 1,
        "one audit line"
    );
    for n in ["j1", "j2", "c1"] {
        let key = out.join(format!("{n}.key"));
        register_keys(&env, &[&key]);
        assert_eq!(env.mode(&key), 0o600);
        let (c, o) = openssl(&[
            "verify",
            "-CAfile",
            root.to_str().unwrap(),
            out.join(format!("{n}.crt")).to_str().unwrap(),
        ]);
        assert_eq!(c, 0, "{o}");
    }
    // A name that exists: the whole batch is refused.
    let again = env.write("again.csv", "new1\nj1\n");
    env.run(&[
        "cert",
        "issue",
        "--batch",
        again.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
    .code(3)
    .stderr_has("line 2");
    assert!(!out.join("new1.crt").exists());
}

/// Renewing a revoked certificate says the old one is revoked, never that it "stays valid".
#[test]
fn renewing_a_revoked_certificate_says_it_is_revoked() {
    let env = with_ca(&[]);
    let dir = env.dir.path().to_str().unwrap().to_string();
    issue(&env, "gone", &[]);
    let r = env.run(&["cert", "renew", "gone", "--out", &dir, "--force"]);
    r.ok().stderr_has("stays valid until");
    register_keys(&env, &[&env.path("gone.key")]);
    env.run(&["cert", "revoke", "gone", "--yes"]).ok();
    let r = env.run(&["cert", "renew", "gone", "--out", &dir, "--force"]);
    r.ok().stderr_has("is revoked");
    register_keys(&env, &[&env.path("gone.key")]);
    assert!(!r.stderr.contains("stays valid"), "{}", r.stderr);
}

/// A batch whose commit writes hundreds of buckets holds only a few descriptors at a time: it
/// succeeds under a descriptor limit far below the number of files it writes (the files of a
/// commit are fsynced a group at a time and closed).
#[test]
fn a_large_batch_commits_under_a_small_descriptor_limit() {
    let env = with_ca(&[]);
    let names: Vec<String> = (0..400).map(|i| format!("svc{i}")).collect();
    let csv: String = names.iter().map(|n| format!("{n}\n")).collect();
    env.write("many.csv", &csv);
    let out = env
        .wrapper("sh")
        .args(["-c", "ulimit -n 64 && exec \"$0\" \"$@\""])
        .arg(bin())
        .args([
            "-q", "cert", "issue", "--batch", "many.csv", "--out", "many",
        ])
        .output()
        .unwrap();
    Run::of(out).ok();
    let list = env.run(&["--json", "cert", "list"]).json();
    assert_eq!(list["certs"].as_array().unwrap().len(), names.len());
    let key = env.path("many/svc399.key");
    register_keys(&env, &[&key]);
    assert_eq!(env.mode(&key), 0o600);
    assert!(stale_temps(&env.home()).is_empty());
    env.run(&["audit", "verify"]).ok();
}
