//! vauth's tokens checked by independent implementations, and theirs by vauth:
//! PyJWT (+ cryptography) in both directions for every algorithm, PyJWT's JWKS client against
//! `vauth jwt jwks` served over loopback HTTP, `openssl dgst` on an ES256 signature, and an HTTP
//! contract test of Qdrant's JWT check (HS256 with the API key, 401/403 semantics from
//! reference/vector-db-admin-apis.md §1.4–1.5), implemented here with the hmac crate.
//!
//! PyJWT comes from the venv that .ci/run makes (target/pyvenv) or `VAUTH_TEST_PYTHON`. Without
//! it these tests say so loudly and pass, except under `VAUTH_REQUIRE_SERVERS=1` (set by
//! .ci/run), where a missing peer fails them.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

use crate::util::qdrant::qdrant_status;
use crate::util::*;

const ALGS: [&str; 12] = [
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
    "ES384", "EdDSA",
];

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/peers/pyjwt_peer.py")
}

/// The python that has PyJWT, or None (after saying so) when it is absent and not required.
fn python() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = std::env::var_os("VAUTH_TEST_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .chain([Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pyvenv/bin/python")])
        .collect();
    for p in candidates {
        let ok = Command::new(&p)
            .args(["-c", "import jwt, cryptography"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return Some(p);
        }
    }
    let msg = "PyJWT is not available: run `python3 -m venv target/pyvenv && \
               target/pyvenv/bin/pip install 'pyjwt[crypto]'` (or set VAUTH_TEST_PYTHON)";
    skip(msg);
    None
}

fn py(python: &Path, args: &[&str]) -> (bool, String, String) {
    let o = Command::new(python)
        .arg(script())
        .args(args)
        .output()
        .unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).trim().to_string(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn pyjwt_verifies_vauth_tokens_for_every_algorithm() {
    let Some(python) = python() else { return };
    let env = TestEnv::new();
    // 64+ bytes: HS512 needs a secret at least as long as its hash (RFC 7518 §3.2).
    let secret = "shared-secret-for-the-hmac-cross-check-0123456789-and-more-for-hs512";
    env.secret(secret);
    let secret_file = env.write("hmac.secret", &format!("{secret}\n"));
    for alg in ALGS {
        let name = format!("k-{}", alg.to_lowercase());
        let (sign_args, key_file): (Vec<String>, PathBuf) = if alg.starts_with("HS") {
            (
                vec![
                    "--secret-file".into(),
                    s(&secret_file).into(),
                    "--alg".into(),
                    alg.into(),
                ],
                secret_file.clone(),
            )
        } else {
            env.run(&["jwt", "key", "create", &name, "--alg", alg]).ok();
            let pem = env.path(&format!("{name}.pub.pem"));
            env.run(&["jwt", "key", "export", &name, "--public", "--out", s(&pem)])
                .ok();
            (vec!["--key".into(), name.clone()], pem)
        };
        let mut args = vec![
            "jwt",
            "sign",
            "--aud",
            "db",
            "--iss",
            "https://idp",
            "--sub",
            "svc",
        ];
        args.extend(sign_args.iter().map(String::as_str));
        let r = env.run(&args);
        r.ok();
        let tok = env.write(&format!("{name}.jwt"), &r.line());
        let (ok, out, err) = py(
            &python,
            &["verify", alg, s(&key_file), s(&tok), "db", "https://idp"],
        );
        assert!(ok, "PyJWT rejected vauth's {alg} token: {err}");
        let claims: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(claims["sub"], "svc");
        // And PyJWT rejects it for another audience (the check is real).
        let (ok, _, _) = py(
            &python,
            &["verify", alg, s(&key_file), s(&tok), "other", "https://idp"],
        );
        assert!(!ok, "PyJWT accepted a wrong audience for {alg}");
    }
}

#[test]
fn vauth_verifies_pyjwt_tokens_for_every_algorithm() {
    let Some(python) = python() else { return };
    let env = TestEnv::new();
    let secret = "another-shared-secret-for-pyjwt-0123456789abcdef-long-enough-for-hs512";
    env.secret(secret);
    let secret_file = env.write("hmac.secret", secret);
    let exp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 600;
    let claims = format!(r#"{{"sub":"py","aud":"db","iss":"https://idp","exp":{exp}}}"#);
    for alg in ALGS {
        let (sign_key, verify_args): (PathBuf, Vec<String>) = if alg.starts_with("HS") {
            (
                secret_file.clone(),
                vec![
                    "--secret-file".into(),
                    s(&secret_file).into(),
                    "--alg".into(),
                    alg.into(),
                ],
            )
        } else {
            let lower = alg.to_lowercase();
            let pk = env.path(&format!("{lower}.key"));
            let pubk = env.path(&format!("{lower}.pub"));
            let (ok, _, err) = py(&python, &["keygen", alg, s(&pk), s(&pubk)]);
            assert!(ok, "{err}");
            let mut v = vec!["--pem".to_string(), s(&pubk).to_string()];
            if alg.starts_with(['R', 'P']) {
                v.extend(["--alg".to_string(), alg.to_string()]);
            }
            (pk, v)
        };
        let (ok, token, err) = py(&python, &["sign", alg, s(&sign_key), &claims]);
        assert!(ok, "{err}");
        let mut args = vec![
            "--json",
            "jwt",
            "verify",
            "--aud",
            "db",
            "--iss",
            "https://idp",
        ];
        args.extend(verify_args.iter().map(String::as_str));
        let r = env.run_in(&args, &token);
        r.ok();
        assert_eq!(r.json()["claims"]["sub"], "py", "{alg}");
        // A token PyJWT signed with another key of the same type is refused.
        if !alg.starts_with("HS") {
            let lower = alg.to_lowercase();
            let other = env.path(&format!("{lower}.other.key"));
            let (ok, _, err) = py(
                &python,
                &["keygen", alg, s(&other), s(&env.path("junk.pub"))],
            );
            assert!(ok, "{err}");
            let (_, forged, _) = py(&python, &["sign", alg, s(&other), &claims]);
            let r = env.run_in(&args, &forged);
            r.code(1);
            assert_eq!(r.json()["reason"], "bad_signature", "{alg}");
        }
    }
}

#[test]
fn pyjwt_jwks_client_accepts_vauth_jwks_over_http() {
    let Some(python) = python() else { return };
    let env = TestEnv::new();
    let site = env.path("site");
    std::fs::create_dir_all(&site).unwrap();
    for (name, alg) in [("e", "ES256"), ("r", "RS256"), ("d", "EdDSA")] {
        env.run(&["jwt", "key", "create", name, "--alg", alg]).ok();
    }
    // Rotate one, so the JWKS holds the in-grace key too.
    env.run(&["jwt", "key", "rotate", "e", "--grace", "1h"])
        .ok();
    let jwks = site.join("jwks.json");
    env.run(&["jwt", "jwks", "--out", s(&jwks)]).ok();
    for name in ["e", "r", "d"] {
        let r = env.run(&[
            "jwt",
            "sign",
            "--key",
            name,
            "--aud",
            "db",
            "--iss",
            "https://idp",
        ]);
        r.ok();
        let tok = env.write(&format!("{name}.jwt"), &r.line());
        let (ok, out, err) = py(&python, &["jwks", s(&site), s(&tok), "db", "https://idp"]);
        assert!(ok, "PyJWKClient rejected {name}: {err}");
        assert!(out.contains("\"aud\": \"db\""), "{out}");
    }
}

/// DER-encode a raw (r || s) ECDSA signature, as openssl wants it.
fn ecdsa_der(raw: &[u8]) -> Vec<u8> {
    fn int(b: &[u8]) -> Vec<u8> {
        let mut b: Vec<u8> = b.iter().copied().skip_while(|&x| x == 0).collect();
        if b.first().is_none_or(|&x| x & 0x80 != 0) {
            b.insert(0, 0);
        }
        let mut v = vec![0x02, b.len() as u8];
        v.extend(b);
        v
    }
    let (r, s) = raw.split_at(raw.len() / 2);
    let body = [int(r), int(s)].concat();
    let mut v = vec![0x30, body.len() as u8];
    v.extend(body);
    v
}

#[test]
fn openssl_verifies_an_es256_signature() {
    let env = TestEnv::new();
    env.run(&["jwt", "key", "create", "svc", "--alg", "ES256"])
        .ok();
    let pem = env.path("svc.pem");
    env.run(&["jwt", "key", "export", "svc", "--public", "--out", s(&pem)])
        .ok();
    let r = env.run(&["jwt", "sign", "--key", "svc", "--sub", "x"]);
    r.ok();
    let token = r.line();
    let (signing_input, sig) = token.rsplit_once('.').unwrap();
    let raw = URL_SAFE_NO_PAD.decode(sig).unwrap();
    assert_eq!(raw.len(), 64, "JWS ES256 signatures are raw r||s");
    let msg = env.write("msg", signing_input);
    let sig_path = env.path("sig.der");
    std::fs::write(&sig_path, ecdsa_der(&raw)).unwrap();
    let verify = |data: &Path| {
        openssl(&[
            "dgst",
            "-sha256",
            "-verify",
            pem.to_str().unwrap(),
            "-signature",
            sig_path.to_str().unwrap(),
            data.to_str().unwrap(),
        ])
    };
    let (code, out) = verify(&msg);
    assert_eq!(code, 0, "openssl: {out}");
    // And refuses the same signature over other bytes.
    let other = env.write("other", &format!("{signing_input}x"));
    assert_ne!(verify(&other).0, 0);
}

/// A stand-in for Qdrant's REST auth middleware, for the contract only: `GET /collections`
/// with `api-key: <key|jwt>` or `Authorization: Bearer <key|jwt>`. No credential → 401; neither
/// the key nor a decodable JWT → 401; a JWT with a bad signature or past exp (30 s leeway) → 403;
/// a JWT whose `access` list lacks the collection asked for → 403; else 200. HS256 is checked
/// with the hmac crate (not jsonwebtoken), keyed by the API key's bytes.
fn qdrant_like(api_key: &'static str) -> (u16, std::thread::JoinHandle<()>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let h = std::thread::spawn(move || {
        for conn in l.incoming() {
            let Ok(mut c) = conn else { break };
            let mut reader = BufReader::new(c.try_clone().unwrap());
            let mut request_line = String::new();
            reader.read_line(&mut request_line).unwrap();
            let mut cred = None;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                let (k, v) = line.split_once(':').unwrap();
                match k.to_ascii_lowercase().as_str() {
                    "api-key" => cred = Some(v.trim().to_string()),
                    "authorization" => {
                        cred = v.trim().strip_prefix("Bearer ").map(str::to_string);
                    }
                    _ => {}
                }
            }
            if request_line.starts_with("QUIT") {
                break;
            }
            let path = request_line.split(' ').nth(1).unwrap_or("/").to_string();
            let status = qdrant_status(api_key, cred.as_deref(), &path);
            let _ = write!(
                c,
                "HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            );
        }
    });
    (port, h)
}

fn get(port: u16, path: &str, header: Option<(&str, &str)>) -> u16 {
    let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let extra = header.map_or(String::new(), |(k, v)| format!("{k}: {v}\r\n"));
    write!(c, "GET {path} HTTP/1.1\r\nhost: x\r\n{extra}\r\n").unwrap();
    let mut resp = String::new();
    c.read_to_string(&mut resp).unwrap();
    resp.split(' ').nth(1).unwrap().parse().unwrap()
}

#[test]
fn http_contract_a_qdrant_style_hs256_check_accepts_vauth_tokens() {
    const API_KEY: &str = "qdrant-contract-api-key-6f1c2b9e8d7a";
    let env = TestEnv::new();
    env.secret(API_KEY);
    let (port, server) = qdrant_like(API_KEY);
    let envs = [("QDRANT_API_KEY", API_KEY)];
    let mint = |args: &[&str]| -> String {
        let mut a = vec!["jwt", "sign", "--secret-env", "QDRANT_API_KEY"];
        a.extend_from_slice(args);
        let r = env.run_with(&a, None, &envs);
        r.ok();
        r.line()
    };
    let read_all = mint(&["--qdrant-access", "r"]);
    let docs_only = mint(&["--qdrant-collection", "docs=rw", "--exp", "5m"]);
    assert_eq!(get(port, "/collections", None), 401);
    assert_eq!(get(port, "/collections", Some(("api-key", "garbage"))), 401);
    assert_eq!(get(port, "/collections", Some(("api-key", &read_all))), 200);
    assert_eq!(
        get(
            port,
            "/collections",
            Some(("Authorization", &format!("Bearer {read_all}")))
        ),
        200
    );
    assert_eq!(
        get(port, "/collections/docs", Some(("api-key", &docs_only))),
        200
    );
    assert_eq!(
        get(port, "/collections/logs", Some(("api-key", &docs_only))),
        403
    );
    // A token signed with another key: Qdrant answers 403.
    let other = env.write("other.key", "not-the-qdrant-api-key-000000000000");
    let r = env.run(&[
        "jwt",
        "sign",
        "--secret-file",
        s(&other),
        "--qdrant-access",
        "r",
    ]);
    r.ok();
    assert_eq!(get(port, "/collections", Some(("api-key", &r.line()))), 403);
    // A vauth-managed HS256 key is not Qdrant's key either.
    env.run(&["jwt", "key", "create", "mine", "--alg", "HS256"])
        .ok();
    let r = env.run(&["jwt", "sign", "--key", "mine", "--qdrant-access", "r"]);
    r.ok();
    assert_eq!(get(port, "/collections", Some(("api-key", &r.line()))), 403);
    let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(c, "QUIT / HTTP/1.1\r\n\r\n").unwrap();
    drop(c);
    server.join().unwrap();
}

/// An https server on loopback, with a certificate from the vauth CA, that answers every request
/// with `body`. Serves until it has handled `n` connections.
fn https_server(
    crt: &Path,
    key: &Path,
    body: String,
    n: usize,
) -> (u16, std::thread::JoinHandle<()>) {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(crt)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let key = PrivateKeyDer::from_pem_file(key).unwrap();
    let cfg = std::sync::Arc::new(
        rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap(),
    );
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let h = std::thread::spawn(move || {
        for conn in l.incoming().take(n) {
            let Ok(sock) = conn else { continue };
            sock.set_read_timeout(Some(std::time::Duration::from_secs(10)))
                .ok();
            let tls = rustls::ServerConnection::new(cfg.clone()).unwrap();
            let mut s = rustls::StreamOwned::new(tls, sock);
            let mut req = Vec::new();
            let mut b = [0u8; 1];
            // Read the request head; a client that refuses our certificate ends here.
            while !req.ends_with(b"\r\n\r\n") {
                match s.read(&mut b) {
                    Ok(1) => req.push(b[0]),
                    _ => break,
                }
            }
            if req.ends_with(b"\r\n\r\n") {
                let _ = write!(
                    s,
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                s.conn.send_close_notify();
                let _ = s.flush();
            }
        }
    });
    (port, h)
}

#[test]
fn jwt_verify_fetches_a_jwks_over_https_trusting_only_the_given_ca() {
    let env = TestEnv::new();
    env.run(&["ca", "init"]).ok();
    let dir = env.path("tls");
    std::fs::create_dir_all(&dir).unwrap();
    env.run(&[
        "cert",
        "issue",
        "jwks-host",
        "--profile",
        "server",
        "--san",
        "ip:127.0.0.1",
        "--san",
        "dns:localhost",
        "--out",
        s(&dir),
    ])
    .ok();
    let ca = env.path("ca.pem");
    env.run(&["ca", "export", "--out", s(&ca)]).ok();
    env.run(&["jwt", "key", "create", "svc", "--alg", "ES256"])
        .ok();
    let jwks = env.run(&["jwt", "jwks"]);
    jwks.ok();
    let r = env.run(&["jwt", "sign", "--key", "svc", "--aud", "db", "--iss", "i"]);
    r.ok();
    let token = r.line();
    let (port, server) = https_server(
        &dir.join("jwks-host.crt"),
        &dir.join("jwks-host.key"),
        jwks.stdout.clone(),
        2,
    );
    let url = format!("https://127.0.0.1:{port}/jwks.json");
    // With the vauth CA as the only trust anchor: fetched, and the token verifies.
    let r = env.run_in(
        &[
            "--json",
            "jwt",
            "verify",
            "--jwks",
            &url,
            "--ca-file",
            s(&ca),
            "--aud",
            "db",
            "--iss",
            "i",
        ],
        &token,
    );
    r.ok();
    assert_eq!(r.json()["alg"], "ES256");
    // Without it, the private CA is not trusted: a remote failure, exit 4.
    env.run_in(
        &["jwt", "verify", "--jwks", &url, "--aud", "db", "--iss", "i"],
        &token,
    )
    .code(4)
    .stderr_has("127.0.0.1");
    server.join().unwrap();
    // Plain http only on loopback; anything else is refused before connecting.
    env.run_in(
        &[
            "jwt",
            "verify",
            "--jwks",
            "http://example.com/jwks.json",
            "--subtle",
        ],
        &token,
    )
    .code(2)
    .stderr_has("https");
    // Nothing listening: exit 4.
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    env.run_in(
        &[
            "jwt",
            "verify",
            "--jwks",
            &format!("http://127.0.0.1:{closed}/jwks.json"),
            "--subtle",
        ],
        &token,
    )
    .code(4);
}
