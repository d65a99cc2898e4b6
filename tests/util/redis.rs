//! A real Redis 7 as a test server: an ACL file whose `default` user has the admin password, on
//! a free loopback port, plain ([`start_redis`]) or TLS-only with a vauth-issued certificate
//! ([`tls_redis`]); redis-cli for logins. Killed on drop.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::ca::{export_bundle, issue, loopback_server_cert};
use super::{TestEnv, free_port, sha256_hex, skip, wait_until};

/// The `default` user's password in the servers' ACL file.
pub const REDIS_ADMIN_PW: &str = "adm1n-Redis-Secret-19bd2e";

/// A redis-server child on a loopback port (plain or TLS-only), killed on drop.
pub struct RedisServer {
    child: std::process::Child,
    _dir: tempfile::TempDir,
    pub port: u16,
    /// Its ACL file (what `ACL SAVE` writes).
    pub acl: PathBuf,
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Start a plain Redis whose `default` user has [`REDIS_ADMIN_PW`]; None (after a loud skip)
/// when redis-server or redis-cli is missing.
pub fn start_redis() -> Option<RedisServer> {
    if Command::new("redis-server")
        .arg("--version")
        .output()
        .is_err()
        || Command::new("redis-cli").arg("--version").output().is_err()
    {
        skip("redis-server/redis-cli not found (apt-get install redis-server redis-tools)");
        return None;
    }
    let (dir, acl) = admin_acl();
    let port = free_port();
    let child = Command::new("redis-server")
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .args([
            "--daemonize",
            "no",
            "--aclfile",
            acl.to_str().unwrap(),
            "--dir",
            dir.path().to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let r = RedisServer {
        child,
        _dir: dir,
        port,
        acl,
    };
    wait_until("redis-server to answer PING", 30, || {
        r.cli("default", REDIS_ADMIN_PW, &["PING"])
            .1
            .contains("PONG")
    });
    Some(r)
}

impl RedisServer {
    /// A fresh home with `R_ADMIN` set (and leak-scanned for), `init` run and target `name`
    /// added.
    pub fn env_with_target(&self, name: &str) -> TestEnv {
        let env = TestEnv::new().with_env("R_ADMIN", REDIS_ADMIN_PW);
        env.secret(REDIS_ADMIN_PW);
        env.run(&["init"]).ok();
        self.add_target(&env, name);
        env
    }

    /// `vauth target add NAME --kind redis` for this server, the admin password from `R_ADMIN`.
    pub fn add_target(&self, env: &TestEnv, name: &str) {
        env.run(&[
            "target",
            "add",
            name,
            "--kind",
            "redis",
            "--url",
            &format!("redis://default@127.0.0.1:{}", self.port),
            "--admin-password-env",
            "R_ADMIN",
        ])
        .ok();
    }

    /// redis-cli as `user` (AUTH with `pass`); (ok, output). redis-cli exits 0 on command errors,
    /// so callers look at the output.
    pub fn cli(&self, user: &str, pass: &str, args: &[&str]) -> (bool, String) {
        let o = Command::new("redis-cli")
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "--no-auth-warning",
            ])
            .args(["--user", user, "--pass", pass])
            .args(args)
            .output()
            .unwrap();
        let mut s = String::from_utf8_lossy(&o.stdout).into_owned();
        s.push_str(&String::from_utf8_lossy(&o.stderr));
        (o.status.success(), s)
    }
}

impl RedisServer {
    /// Whether `user` logs in with `pass`: AUTH succeeds and PING answers PONG.
    pub fn logs_in(&self, user: &str, pass: &str) -> bool {
        self.cli(user, pass, &["PING"]).1.contains("PONG")
    }

    /// The SHA-256 (hex) of every password `user` has, as `ACL GETUSER` lists them (asked as
    /// `default`); empty when there is no such user.
    pub fn password_hashes(&self, user: &str) -> std::collections::BTreeSet<String> {
        self.cli("default", REDIS_ADMIN_PW, &["ACL", "GETUSER", user])
            .1
            .lines()
            .map(str::trim)
            .filter(|l| l.len() == 64 && l.chars().all(|c| c.is_ascii_hexdigit()))
            .map(str::to_string)
            .collect()
    }
}

/// Redis with TLS only (a vauth-issued server certificate), `tls-auth-clients` as given.
pub fn tls_redis(env: &TestEnv, auth_clients: &str) -> Option<(RedisServer, PathBuf)> {
    if Command::new("redis-server")
        .arg("--version")
        .output()
        .is_err()
    {
        skip("redis-server not found (apt-get install redis-server redis-tools)");
        return None;
    }
    env.secret(REDIS_ADMIN_PW);
    let ca = export_bundle(env, "ca.pem", false);
    let (crt, key) = loopback_server_cert(env, "redis-server");
    let (dir, acl) = admin_acl();
    let port = free_port();
    let child = Command::new("redis-server")
        .args([
            "--port",
            "0",
            "--tls-port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
        ])
        .args([
            "--tls-cert-file",
            crt.to_str().unwrap(),
            "--tls-key-file",
            key.to_str().unwrap(),
        ])
        .args([
            "--tls-ca-cert-file",
            ca.to_str().unwrap(),
            "--tls-auth-clients",
            auth_clients,
        ])
        .args([
            "--save",
            "",
            "--appendonly",
            "no",
            "--aclfile",
            acl.to_str().unwrap(),
        ])
        .args(["--dir", dir.path().to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let server = RedisServer {
        child,
        _dir: dir,
        port,
        acl,
    };
    // The harness's own client cert (redis-cli needs one when the server requires it).
    let client =
        (auth_clients == "yes").then(|| issue(env, "harness-client", &["--cn", "harness"]));
    wait_until("redis-server with TLS to answer PING", 30, || {
        server
            .tls_cli(&ca, client.as_ref(), "default", REDIS_ADMIN_PW, &["PING"])
            .contains("PONG")
    });
    Some((server, ca))
}

impl RedisServer {
    /// redis-cli over TLS trusting `ca`, presenting `client` (cert, key) when given.
    pub fn tls_cli(
        &self,
        ca: &Path,
        client: Option<&(PathBuf, PathBuf)>,
        user: &str,
        pass: &str,
        args: &[&str],
    ) -> String {
        let mut c = Command::new("redis-cli");
        c.args([
            "-h",
            "127.0.0.1",
            "-p",
            &self.port.to_string(),
            "--no-auth-warning",
        ])
        .args(["--tls", "--cacert", ca.to_str().unwrap()]);
        if let Some((crt, key)) = client {
            c.args([
                "--cert",
                crt.to_str().unwrap(),
                "--key",
                key.to_str().unwrap(),
            ]);
        }
        let o = c
            .args(["--user", user, "--pass", pass])
            .args(args)
            .output()
            .unwrap();
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    }
}

/// A temp dir holding an ACL file whose `default` user has [`REDIS_ADMIN_PW`]: (dir, file).
fn admin_acl() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let acl = dir.path().join("users.acl");
    std::fs::write(
        &acl,
        format!(
            "user default on #{} ~* &* +@all\n",
            sha256_hex(REDIS_ADMIN_PW)
        ),
    )
    .unwrap();
    (dir, acl)
}
