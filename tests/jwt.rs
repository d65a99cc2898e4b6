//! JWT signing keys and tokens through the real binary: key lifecycle, rotation grace, JWKS/OIDC,
//! sign/verify/inspect, Qdrant presets, bulk minting, and every kind of bad input.

use crate::util::*;
use serde_json::{Value, json};

/// Create a signing key; returns its kid.
fn key(env: &TestEnv, name: &str, alg: &str) -> String {
    let r = env.run(&["--json", "jwt", "key", "create", name, "--alg", alg]);
    r.ok();
    r.json()["current_kid"].as_str().unwrap().to_string()
}

fn sign(env: &TestEnv, args: &[&str]) -> String {
    let mut a = vec!["jwt", "sign"];
    a.extend_from_slice(args);
    let r = env.run(&a);
    r.ok();
    r.line()
}

fn verify(env: &TestEnv, token: &str, args: &[&str]) -> Run {
    let mut a = vec!["--json", "jwt", "verify"];
    a.extend_from_slice(args);
    env.run_in(&a, token)
}

fn claims_of(env: &TestEnv, token: &str) -> Value {
    let r = env.run_in(&["--json", "jwt", "inspect"], token);
    r.ok();
    r.json()["claims"].clone()
}

#[test]
fn key_create_list_show_and_jwks_publish_only_asymmetric_keys() {
    let env = TestEnv::new();
    let es = key(&env, "svc", "ES256");
    let hs = key(&env, "internal", "HS256");
    assert_eq!(es.len(), 43, "RFC 7638 SHA-256 thumbprint: {es}");
    // Duplicate name: exit 3 unless --force.
    env.run(&["jwt", "key", "create", "svc", "--alg", "ES256"])
        .code(3)
        .stderr_has("already exists");
    let list = env.run(&["--json", "jwt", "key", "list"]);
    list.ok();
    let keys = list.json()["keys"].as_array().unwrap().clone();
    assert_eq!(keys.len(), 2);
    let show = env.run(&["--json", "jwt", "key", "show", "svc"]);
    show.ok();
    let v = show.json();
    assert_eq!(v["alg"], "ES256");
    assert_eq!(v["versions"][0]["public_jwk"]["kid"], es.as_str());
    assert_eq!(v["versions"][0]["public_jwk"]["crv"], "P-256");
    assert!(
        v["versions"][0]["public_jwk"].get("d").is_none(),
        "no private member"
    );
    let jwks = env.run(&["jwt", "jwks"]);
    jwks.ok();
    let set: Value = serde_json::from_str(&jwks.stdout).unwrap();
    let kids: Vec<&str> = set["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap())
        .collect();
    assert_eq!(kids, vec![es.as_str()]);
    assert!(!jwks.stdout.contains(&hs));
    // state.json never holds a private member or an HMAC secret; the vault does.
    let state = env.registry_text();
    assert!(!state.contains("\"d\""));
    env.run(&["audit", "verify"]).ok();
    env.run(&["jwt", "key", "show", "nope"]).code(3);
}

#[test]
fn every_algorithm_round_trips_and_a_token_for_one_key_fails_on_another() {
    let env = TestEnv::new();
    for alg in [
        "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
        "ES384", "EdDSA",
    ] {
        let name = format!("k-{}", alg.to_lowercase());
        key(&env, &name, alg);
        let t = sign(&env, &["--key", &name, "--aud", "db", "--iss", "vauth"]);
        let r = verify(&env, &t, &["--key", &name, "--aud", "db", "--iss", "vauth"]);
        r.ok();
        assert_eq!(r.json()["alg"], alg);
    }
    let t = sign(&env, &["--key", "k-es256", "--aud", "db", "--iss", "vauth"]);
    let r = verify(
        &env,
        &t,
        &["--key", "k-es384", "--aud", "db", "--iss", "vauth"],
    );
    r.code(1);
    assert_eq!(r.json()["ok"], false);
}

#[test]
fn rotation_grace_old_tokens_verify_until_the_grace_ends() {
    let env = TestEnv::new();
    let v1 = key(&env, "svc", "ES256");
    let old = sign(
        &env,
        &["--key", "svc", "--aud", "db", "--iss", "i", "--exp", "2h"],
    );
    let r = env.run(&["--json", "jwt", "key", "rotate", "svc", "--grace", "1h"]);
    r.ok();
    let v2 = r.json()["current_kid"].as_str().unwrap().to_string();
    assert_ne!(v1, v2);
    let new = sign(
        &env,
        &["--key", "svc", "--aud", "db", "--iss", "i", "--exp", "2h"],
    );
    assert!(
        claims_of(&env, &new)["iat"].as_i64().is_some(),
        "iat is always set"
    );
    let args = ["--key", "svc", "--aud", "db", "--iss", "i"];
    verify(&env, &old, &args).ok();
    verify(&env, &new, &args).ok();
    // Both are published during the grace, the new one first.
    let set: Value = serde_json::from_str(&env.run(&["jwt", "jwks"]).stdout).unwrap();
    let kids: Vec<&str> = set["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap())
        .collect();
    assert_eq!(kids, vec![v2.as_str(), v1.as_str()]);
    // After the grace: the old token fails with the reason, the new one still verifies.
    let mut late = args.to_vec();
    late.extend(["--at", "+90m"]);
    let r = verify(&env, &old, &late);
    r.code(1);
    assert_eq!(r.json()["reason"], "retired_key");
    verify(&env, &new, &late).ok();
    let set: Value =
        serde_json::from_str(&env.run(&["jwt", "jwks", "--at", "+90m"]).stdout).unwrap();
    assert_eq!(set["keys"].as_array().unwrap().len(), 1);
    // Retire: nothing verifies, nothing signs.
    env.run(&["jwt", "key", "retire", "svc"])
        .code(3)
        .stderr_has("--yes");
    env.run(&["--yes", "jwt", "key", "retire", "svc"]).ok();
    let r = verify(&env, &new, &args);
    r.code(1);
    assert_eq!(r.json()["reason"], "retired_key");
    env.run(&["jwt", "sign", "--key", "svc"])
        .code(3)
        .stderr_has("retired");
    let audit = env.read_home("audit.log");
    for action in ["jwt.key.create", "jwt.key.rotate", "jwt.key.retire"] {
        assert!(audit.contains(action), "{action} not audited");
    }
    env.run(&["audit", "verify"]).ok();
}

#[test]
fn verify_answers_exit_1_with_the_reason_for_every_invalid_token() {
    let env = TestEnv::new();
    key(&env, "svc", "ES256");
    key(&env, "hs", "HS256");
    let a = ["--key", "svc", "--aud", "db", "--iss", "i"];
    let reason = |token: &str, extra: &[&str]| -> String {
        let mut args = a.to_vec();
        args.extend_from_slice(extra);
        let r = verify(&env, token, &args);
        r.code(1);
        assert_eq!(r.json()["ok"], false);
        r.json()["reason"].as_str().unwrap().to_string()
    };
    let t = sign(
        &env,
        &["--key", "svc", "--aud", "db", "--iss", "i", "--exp", "10m"],
    );
    assert_eq!(reason(&t, &["--at", "+11m"]), "expired");
    // Within the default 30 s leeway after exp: still valid.
    let mut args = a.to_vec();
    args.extend(["--at", "+10m20s"]);
    verify(&env, &t, &args).ok();
    let nbf = sign(
        &env,
        &["--key", "svc", "--aud", "db", "--iss", "i", "--nbf", "+5m"],
    );
    assert_eq!(reason(&nbf, &[]), "not_yet_valid");
    let other_aud = sign(&env, &["--key", "svc", "--aud", "other", "--iss", "i"]);
    assert_eq!(reason(&other_aud, &[]), "wrong_aud");
    let other_iss = sign(&env, &["--key", "svc", "--aud", "db", "--iss", "evil"]);
    assert_eq!(reason(&other_iss, &[]), "wrong_iss");
    // Algorithm confusion: an HS256 token presented to an ES256 key.
    let hs = sign(&env, &["--key", "hs", "--aud", "db", "--iss", "i"]);
    assert_eq!(reason(&hs, &[]), "unknown_kid");
    let hs_nokid = {
        let s = env.write("hs-secret", "0123456789abcdef0123456789abcdef");
        env.secret("0123456789abcdef0123456789abcdef");
        sign(
            &env,
            &[
                "--secret-file",
                s.to_str().unwrap(),
                "--aud",
                "db",
                "--iss",
                "i",
            ],
        )
    };
    assert_eq!(reason(&hs_nokid, &[]), "wrong_alg");
    // alg none, unsigned.
    let none = format!(
        "{}.{}.",
        b64(r#"{"alg":"none","typ":"JWT"}"#),
        b64(r#"{"aud":"db","iss":"i","exp":4102444800}"#)
    );
    assert_eq!(reason(&none, &[]), "wrong_alg");
    // A changed signature (a character well inside it: the last one also carries padding bits).
    let mut bad = t.clone();
    let i = bad.len() - 10;
    let c = if &bad[i..=i] == "A" { "B" } else { "A" };
    bad.replace_range(i..=i, c);
    assert_eq!(reason(&bad, &[]), "bad_signature");
    // A changed payload.
    let parts: Vec<&str> = t.split('.').collect();
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        b64(r#"{"aud":"db","iss":"i","exp":4102444800,"sub":"admin"}"#),
        parts[2]
    );
    assert_eq!(reason(&forged, &[]), "bad_signature");
    // Garbage of every shape: exit 1, never a panic.
    for g in [
        "",
        "a.b",
        "a.b.c.d",
        "!!!.e30.e30",
        "bm90IGpzb24.e30.c2ln",
        &"A".repeat(70_000),
    ] {
        assert_eq!(reason(g, &[]), "malformed", "{g:.20}");
    }
    // No exp: refused unless --subtle.
    let s = env.path("hs-secret");
    let forever = sign(
        &env,
        &["--secret-file", s.to_str().unwrap(), "--subtle", "--no-exp"],
    );
    let r = verify(
        &env,
        &forever,
        &["--secret-file", s.to_str().unwrap(), "--subtle"],
    );
    r.ok();
    let r = verify(
        &env,
        &forever,
        &[
            "--secret-file",
            s.to_str().unwrap(),
            "--aud",
            "x",
            "--iss",
            "y",
        ],
    );
    r.code(1);
}

fn b64(s: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
}

#[test]
fn verify_usage_and_unreadable_input_are_exit_2_and_3() {
    let env = TestEnv::new();
    key(&env, "svc", "ES256");
    let t = sign(&env, &["--key", "svc", "--aud", "db", "--iss", "i"]);
    // --iss/--aud required unless --subtle.
    env.run_in(&["jwt", "verify", "--key", "svc"], &t)
        .code(2)
        .stderr_has("--subtle");
    // Leeway capped at 5 minutes.
    env.run_in(
        &[
            "jwt", "verify", "--key", "svc", "--subtle", "--leeway", "10m",
        ],
        &t,
    )
    .code(2)
    .stderr_has("5m");
    // Two key sources.
    env.run_in(
        &[
            "jwt", "verify", "--key", "svc", "--pem", "x.pem", "--subtle",
        ],
        &t,
    )
    .code(2);
    // No key source.
    env.run_in(&["jwt", "verify", "--subtle"], &t).code(2);
    // Unreadable token file, missing PEM, unset secret env, unknown key name: exit 3.
    env.run(&[
        "jwt",
        "verify",
        "--key",
        "svc",
        "--subtle",
        "--token-file",
        "/nonexistent/t",
    ])
    .code(3);
    env.run_in(&["jwt", "verify", "--pem", "missing.pem", "--subtle"], &t)
        .code(3);
    env.run_in(
        &[
            "jwt",
            "verify",
            "--secret-env",
            "NOT_SET_ANYWHERE",
            "--subtle",
        ],
        &t,
    )
    .code(3)
    .stderr_has("NOT_SET_ANYWHERE");
    env.run_in(&["jwt", "verify", "--key", "nope", "--subtle"], &t)
        .code(3);
    let garbage = env.write("garbage.json", "not json");
    env.run_in(
        &[
            "jwt",
            "verify",
            "--jwks",
            garbage.to_str().unwrap(),
            "--subtle",
        ],
        &t,
    )
    .code(3);
}

#[test]
fn export_public_pem_and_jwks_file_verify_the_same_tokens() {
    let env = TestEnv::new();
    for (name, alg) in [("e", "ES256"), ("ed", "EdDSA"), ("r", "PS256")] {
        key(&env, name, alg);
        let pem = env.path(&format!("{name}.pem"));
        env.run(&[
            "jwt",
            "key",
            "export",
            name,
            "--public",
            "--out",
            pem.to_str().unwrap(),
        ])
        .ok();
        let text = std::fs::read_to_string(&pem).unwrap();
        assert!(text.starts_with("-----BEGIN PUBLIC KEY-----"), "{text}");
        // openssl reads it as a public key of the right type.
        let (code, out) = openssl(&[
            "pkey",
            "-pubin",
            "-noout",
            "-text",
            "-in",
            pem.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{out}");
        let t = sign(&env, &["--key", name, "--aud", "db", "--iss", "i"]);
        let mut args = vec!["--pem", pem.to_str().unwrap(), "--aud", "db", "--iss", "i"];
        if alg == "PS256" {
            // An RSA key does not say which RSA algorithm: --alg pins it.
            verify(&env, &t, &args).code(3).stderr_has("--alg");
            args.extend(["--alg", "PS256"]);
        }
        verify(&env, &t, &args).ok();
    }
    let jwks = env.path("jwks.json");
    env.run(&["jwt", "jwks", "--out", jwks.to_str().unwrap()])
        .ok();
    for name in ["e", "ed", "r"] {
        let t = sign(&env, &["--key", name, "--aud", "db", "--iss", "i"]);
        verify(
            &env,
            &t,
            &[
                "--jwks",
                jwks.to_str().unwrap(),
                "--aud",
                "db",
                "--iss",
                "i",
            ],
        )
        .ok();
    }
    // An HMAC key has no public part.
    key(&env, "h", "HS256");
    env.run(&["jwt", "key", "export", "h", "--public"]).code(2);
    // A JWKS never verifies an HMAC token (no oct keys, no confusion).
    let t = sign(&env, &["--key", "h", "--aud", "db", "--iss", "i"]);
    let r = verify(
        &env,
        &t,
        &[
            "--jwks",
            jwks.to_str().unwrap(),
            "--aud",
            "db",
            "--iss",
            "i",
        ],
    );
    r.code(1);
    assert_eq!(r.json()["reason"], "unknown_kid");
}

#[test]
fn oidc_writes_discovery_and_jwks_for_static_hosting() {
    let env = TestEnv::new();
    key(&env, "svc", "ES256");
    let dir = env.path("site");
    env.run(&[
        "jwt",
        "oidc",
        "--issuer",
        "https://auth.example.com/",
        "--out-dir",
        dir.to_str().unwrap(),
    ])
    .ok();
    let conf: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(".well-known/openid-configuration")).unwrap(),
    )
    .unwrap();
    assert_eq!(conf["issuer"], "https://auth.example.com");
    assert_eq!(conf["jwks_uri"], "https://auth.example.com/jwks.json");
    assert_eq!(
        conf["id_token_signing_alg_values_supported"],
        json!(["ES256"])
    );
    let set: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("jwks.json")).unwrap()).unwrap();
    assert_eq!(set["keys"].as_array().unwrap().len(), 1);
    env.run(&[
        "jwt",
        "oidc",
        "--issuer",
        "http://auth.example.com",
        "--out-dir",
        dir.to_str().unwrap(),
    ])
    .code(2)
    .stderr_has("https");
}

#[test]
fn sign_sets_iat_jti_and_a_bounded_exp() {
    let env = TestEnv::new();
    key(&env, "svc", "EdDSA");
    let t = sign(
        &env,
        &[
            "--key",
            "svc",
            "--sub",
            "search-api",
            "--aud",
            "a",
            "--aud",
            "b",
            "--claim",
            "role=reader",
            "--claim",
            "tier=3",
        ],
    );
    let c = claims_of(&env, &t);
    let iat = c["iat"].as_i64().unwrap();
    assert_eq!(
        c["exp"].as_i64().unwrap() - iat,
        15 * 60,
        "default lifetime"
    );
    assert_eq!(c["aud"], json!(["a", "b"]));
    assert_eq!(c["sub"], "search-api");
    assert_eq!(c["role"], "reader");
    assert_eq!(c["tier"], 3);
    assert!(c["jti"].as_str().unwrap().len() >= 20);
    // Over the maximum lifetime (24h by default, configurable): refused.
    env.run(&["jwt", "sign", "--key", "svc", "--exp", "2d"])
        .code(2)
        .stderr_has("max_lifetime");
    let ext = env.write("ext.secret", "external-hmac-secret-0123456789abcdef");
    env.secret("external-hmac-secret-0123456789abcdef");
    let ext_args = [
        "jwt",
        "sign",
        "--secret-file",
        ext.to_str().unwrap(),
        "--exp",
        "2d",
    ];
    env.run(&ext_args).code(2).stderr_has("max_lifetime");
    std::fs::write(
        env.home().join("vauth.toml"),
        "[jwt]\nmax_lifetime = \"7d\"\nlifetime = \"1h\"\n",
    )
    .unwrap();
    // The home's limits apply to an external secret too.
    env.run(&ext_args).ok();
    let t = sign(&env, &["--key", "svc", "--exp", "2d"]);
    let c = claims_of(&env, &t);
    assert_eq!(
        c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(),
        2 * 86400
    );
    let t = sign(&env, &["--key", "svc"]);
    let c = claims_of(&env, &t);
    assert_eq!(
        c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(),
        3600
    );
    // No exp only with --subtle; registered claims only through their flags.
    env.run(&["jwt", "sign", "--key", "svc", "--no-exp"])
        .code(2);
    env.run(&["jwt", "sign", "--key", "svc", "--claim", "exp=1"])
        .code(2)
        .stderr_has("--exp");
    env.run(&["jwt", "sign", "--key", "svc", "--exp", "-1m"])
        .code(2);
    let cf = env.write("claims.json", r#"{"team":"ml","scopes":["a","b"]}"#);
    let t = sign(
        &env,
        &[
            "--key",
            "svc",
            "--claims-file",
            cf.to_str().unwrap(),
            "--claim",
            "team=search",
        ],
    );
    let c = claims_of(&env, &t);
    assert_eq!(c["team"], "search", "flags win over the file");
    assert_eq!(c["scopes"], json!(["a", "b"]));
    let bad = env.write("bad.json", r#"{"sub":"x"}"#);
    env.run(&[
        "jwt",
        "sign",
        "--key",
        "svc",
        "--claims-file",
        bad.to_str().unwrap(),
    ])
    .code(3)
    .stderr_has("--sub");
    // No key at all.
    env.run(&["jwt", "sign"]).code(2);
}

#[test]
fn qdrant_presets_make_the_documented_claim_shapes() {
    let env = TestEnv::new();
    let api_key = "qdrant-api-key-0123456789abcdefghij";
    env.secret(api_key);
    let envs = [("QDRANT_API_KEY", api_key)];
    let mint = |args: &[&str]| -> Run {
        let mut a = vec!["jwt", "sign", "--secret-env", "QDRANT_API_KEY"];
        a.extend_from_slice(args);
        env.run_with(&a, None, &envs)
    };
    let r = mint(&["--qdrant-access", "r", "--exp", "1h"]);
    r.ok();
    let c = claims_of(&env, &r.line());
    assert_eq!(c["access"], "r");
    let r = mint(&[
        "--qdrant-collection",
        "docs=rw",
        "--qdrant-collection",
        "logs=r",
        "--qdrant-value-exists",
        "users:user_id=42",
    ]);
    r.ok();
    let t = r.line();
    let c = claims_of(&env, &t);
    assert_eq!(
        c["access"],
        json!([{"collection":"docs","access":"rw"},{"collection":"logs","access":"r"}])
    );
    assert_eq!(
        c["value_exists"],
        json!({"collection":"users","matches":[{"key":"user_id","value":42}]})
    );
    let h = env.run_in(&["--json", "jwt", "inspect"], &t);
    assert_eq!(h.json()["header"]["alg"], "HS256");
    // Verified with the same API key.
    let r = env.run_with(
        &[
            "--json",
            "jwt",
            "verify",
            "--secret-env",
            "QDRANT_API_KEY",
            "--subtle",
        ],
        Some(&t),
        &envs,
    );
    r.ok();
    // Combinations Qdrant rejects are refused before signing.
    mint(&["--qdrant-access", "r", "--qdrant-collection", "docs=r"]).code(2);
    mint(&[
        "--qdrant-collection",
        "docs=r",
        "--qdrant-collection",
        "docs=rw",
    ])
    .code(2)
    .stderr_has("twice");
    mint(&["--qdrant-collection", "docs=write"]).code(2);
    mint(&["--qdrant-access", "w"]).code(2);
    mint(&["--qdrant-access", "r", "--claim", "access=\"m\""]).code(2);
    mint(&["--qdrant-access", "r", "--alg", "HS512"])
        .code(2)
        .stderr_has("HS256");
    key(&env, "es", "ES256");
    env.run(&["jwt", "sign", "--key", "es", "--qdrant-access", "r"])
        .code(2)
        .stderr_has("HS256");
}

#[test]
fn bulk_minting_and_a_closed_pipe() {
    let env = TestEnv::new();
    key(&env, "svc", "HS256");
    let r = env.run(&["jwt", "sign", "--key", "svc", "--count", "50"]);
    r.ok();
    let tokens: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(tokens.len(), 50);
    let jtis: std::collections::BTreeSet<String> = tokens
        .iter()
        .take(5)
        .map(|t| claims_of(&env, t)["jti"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(jtis.len(), 5, "every token has its own jti");
    let subs = env.write("subs.txt", "alice\n\nbob\ncarol\n");
    let r = env.run(&[
        "--json",
        "jwt",
        "sign",
        "--key",
        "svc",
        "--subjects",
        subs.to_str().unwrap(),
    ]);
    r.ok();
    let lines: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["sub"], "bob");
    assert_eq!(
        claims_of(&env, lines[2]["token"].as_str().unwrap())["sub"],
        "carol"
    );
    // A reader that goes away ends the job quietly: no panic, exit 0.
    let mut c = env.command();
    c.args(["jwt", "sign", "--key", "svc", "--count", "200000"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    {
        use std::io::Read;
        let mut out = child.stdout.take().unwrap();
        let mut first = [0u8; 100];
        out.read_exact(&mut first).unwrap();
    } // stdout closed here
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(!err.contains("panick"), "{err}");
}

#[test]
fn inspect_says_nothing_was_verified_and_refuses_garbage() {
    let env = TestEnv::new();
    key(&env, "svc", "ES256");
    let t = sign(&env, &["--key", "svc", "--aud", "db", "--exp", "5m"]);
    let r = env.run_in(&["jwt", "inspect"], &t);
    r.ok()
        .stdout_has("NOT VERIFIED")
        .stdout_has("\"aud\": \"db\"");
    let r = env.run_in(&["--json", "jwt", "inspect"], &t);
    r.ok();
    let v = r.json();
    assert_eq!(v["verified"], false);
    assert_eq!(v["expired"], false);
    assert!(v["times"]["exp"].as_str().unwrap().ends_with('Z'));
    for g in ["", "x.y", "e30.e30", &"A".repeat(70_000)] {
        env.run_in(&["jwt", "inspect"], g).code(3);
    }
    let r = env.run_in(&["--json", "jwt", "inspect"], "a.b");
    r.code(3);
    assert_eq!(r.json_err()["error"]["exit_code"], 3);
}

#[test]
fn export_jwk_by_version_and_the_human_list_and_show() {
    let env = TestEnv::new();
    let v1 = key(&env, "svc", "ES256");
    env.run(&["jwt", "key", "rotate", "svc", "--grace", "1h"])
        .ok();
    // --format jwk --version 1: the first version's public JWK, no private member.
    let r = env.run(&[
        "jwt",
        "key",
        "export",
        "svc",
        "--public",
        "--format",
        "jwk",
        "--version",
        "1",
    ]);
    r.ok();
    let jwk: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(jwk["kid"], v1.as_str());
    assert!(jwk.get("d").is_none());
    env.run(&["jwt", "key", "export", "svc", "--public", "--version", "9"])
        .code(3)
        .stderr_has("no version 9");
    // Tables for people: both versions, their statuses, the custom --jti in a token.
    env.run(&["jwt", "key", "list"])
        .ok()
        .stdout_has("svc")
        .stdout_has("ES256");
    env.run(&["jwt", "key", "show", "svc"])
        .ok()
        .stdout_has("grace")
        .stdout_has("active")
        .stdout_has(&v1);
    let t = sign(&env, &["--key", "svc", "--jti", "fixed-id-1"]);
    assert_eq!(claims_of(&env, &t)["jti"], "fixed-id-1");
}

/// A lifetime over the maximum is stated exactly (25h is "1d1h", not "1d"), and exactly the
/// maximum is allowed.
#[test]
fn over_long_lifetimes_are_stated_exactly() {
    let env = TestEnv::new();
    env.run(&["jwt", "key", "create", "svc", "--alg", "HS256"])
        .ok();
    let r = env.run(&["jwt", "sign", "--key", "svc", "--exp", "25h"]);
    r.code(2)
        .stderr_has("a lifetime of 1d1h is longer than the allowed 1d");
    env.run(&["jwt", "sign", "--key", "svc", "--exp", "24h"])
        .ok();
    env.run(&["jwt", "sign", "--key", "svc", "--exp", "24h1s"])
        .code(2)
        .stderr_has("a lifetime of 1d1s is longer than the allowed 1d");
}
