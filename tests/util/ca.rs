//! The local CA as test fixtures: a home with a CA, certificates issued into the test dir (their
//! keys registered with the leak scan), the CA bundle exported, and openssl to cross-check them.

use std::path::{Path, PathBuf};

use super::{TestEnv, openssl};

/// `openssl x509 -text` of a PEM file.
pub fn x509_text(p: &Path) -> String {
    let (c, t) = openssl(&["x509", "-in", p.to_str().unwrap(), "-noout", "-text"]);
    assert_eq!(c, 0, "{t}");
    t
}

/// Remember every private key in the files a command wrote, so the leak scan looks for them
/// (as PEM, and as PEM inside a JSON string).
pub fn register_keys(env: &TestEnv, paths: &[&Path]) {
    for p in paths {
        if let Ok(t) = std::fs::read_to_string(p) {
            for block in t.split_inclusive("-----END PRIVATE KEY-----") {
                if let Some(i) = block.find("-----BEGIN PRIVATE KEY-----") {
                    let pem = &block[i..];
                    env.secret(pem);
                    env.secret(&pem.replace('\n', "\\n"));
                }
            }
        }
    }
}

/// A home with a CA made by `args` (after `ca init`).
pub fn with_ca(args: &[&str]) -> TestEnv {
    let env = TestEnv::new();
    let mut a = vec!["ca", "init"];
    a.extend_from_slice(args);
    env.run(&a).ok();
    env
}

/// The CA bundle written to a file; returns its path.
pub fn export_bundle(env: &TestEnv, name: &str, root_only: bool) -> PathBuf {
    let p = env.path(name);
    let mut a = vec!["ca", "export", "--out", p.to_str().unwrap(), "--force"];
    if root_only {
        a.push("--root-only");
    }
    env.run(&a).ok();
    p
}

/// Issue a client cert NAME into the test dir; returns (crt, key).
pub fn issue(env: &TestEnv, name: &str, extra: &[&str]) -> (PathBuf, PathBuf) {
    let dir = env.dir.path().to_str().unwrap().to_string();
    let mut a = vec!["cert", "issue", name, "--out", &dir];
    a.extend_from_slice(extra);
    env.run(&a).ok();
    let crt = env.path(&format!("{name}.crt"));
    let key = env.path(&format!("{name}.key"));
    register_keys(env, &[&key]);
    (crt, key)
}

/// A server certificate for a test server on loopback (`dns:localhost`, `ip:127.0.0.1`) issued
/// by the home's CA as `name`: (certificate, key) files.
pub fn loopback_server_cert(env: &TestEnv, name: &str) -> (PathBuf, PathBuf) {
    issue(
        env,
        name,
        &[
            "--profile",
            "server",
            "--san",
            "dns:localhost",
            "--san",
            "ip:127.0.0.1",
        ],
    )
}
