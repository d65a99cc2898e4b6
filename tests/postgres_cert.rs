//! A real PostgreSQL (15, from apt) started in a temp dir on a free loopback port with
//! `ssl=on`, a vauth server certificate, `ssl_ca_file` = the vauth CA, `ssl_crl_file` = the vauth
//! CRL and `hostssl all all 127.0.0.1/32 cert`. psql with `sslmode=verify-full` logs in as the
//! role named by the client certificate's CN; after `cert revoke` + `ca crl` + a config reload the
//! same certificate is refused.
//!
//! Skips with a loud message when the PostgreSQL binaries are absent, unless
//! `VAUTH_REQUIRE_SERVERS=1` (set by .ci/run), which turns the skip into a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::ca::{export_bundle, issue, with_ca};

pub fn pg_bin() -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").exists() && b.join("pg_ctl").exists())
        .collect();
    found.sort();
    // Prefer 15, the version CI installs; else the newest.
    found
        .iter()
        .find(|b| b.to_string_lossy().contains("/15/"))
        .cloned()
        .or_else(|| found.pop())
}

pub fn require_servers() -> bool {
    std::env::var("VAUTH_REQUIRE_SERVERS").is_ok_and(|v| v == "1")
}

pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Run a PostgreSQL server binary as the `postgres` OS user when we are root (it refuses root).
pub fn pg(bin: &Path, args: &[&str]) -> std::process::Output {
    let mut c = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    c.args(args).current_dir("/tmp").output().unwrap()
}

pub fn chown_postgres(p: &Path) {
    if is_root() {
        let o = Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(p)
            .output()
            .unwrap();
        assert!(o.status.success(), "{o:?}");
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub struct Server {
    pub pg_ctl: PathBuf,
    pub data: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = pg(
            &self.pg_ctl,
            &["-D", self.data.to_str().unwrap(), "-m", "immediate", "stop"],
        );
    }
}

/// A PostgreSQL cluster in its own temp dir (world-traversable, owned by `postgres` when we are
/// root) on a free loopback port, with TLS from a server certificate. Stopped on drop.
pub struct Cluster {
    pub port: u16,
    pub run: PathBuf,
    pub log: PathBuf,
    pub tls: PathBuf,
    _server: Server,
    _base: tempfile::TempDir,
}

/// Start a cluster: the server certificate and `extra_tls` files are copied into its `tls/`
/// dir, `prepare(tls)` may add more (e.g. a CRL), `conf` is appended to postgresql.conf with
/// `{tls}` standing for that dir, and `hba` replaces pg_hba.conf.
pub fn start_cluster(
    bin: &Path,
    srv_crt: &Path,
    srv_key: &Path,
    extra_tls: &[(&Path, &str)],
    prepare: impl FnOnce(&Path),
    conf: &str,
    hba: &str,
) -> Cluster {
    let base = tempfile::Builder::new()
        .prefix("vauth-pg-")
        .tempdir_in("/tmp")
        .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(base.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let data = base.path().join("data");
    let run = base.path().join("run");
    let tls = base.path().join("tls");
    for d in [&run, &tls] {
        std::fs::create_dir(d).unwrap();
    }
    std::fs::copy(srv_crt, tls.join("server.crt")).unwrap();
    std::fs::copy(srv_key, tls.join("server.key")).unwrap();
    for (src, name) in extra_tls {
        std::fs::copy(src, tls.join(name)).unwrap();
    }
    prepare(&tls);
    chown_postgres(base.path());
    let o = pg(
        &bin.join("initdb"),
        &[
            "-D",
            data.to_str().unwrap(),
            "-U",
            "postgres",
            "--auth-local=trust",
            "--auth-host=reject",
            "-E",
            "UTF8",
            "--locale=C",
        ],
    );
    assert!(
        o.status.success(),
        "initdb: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let port = free_port();
    let mut c = std::fs::read_to_string(data.join("postgresql.conf")).unwrap();
    c.push_str(&format!(
        "\nlisten_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{run}'\n\
         ssl = on\nssl_cert_file = '{t}/server.crt'\nssl_key_file = '{t}/server.key'\nfsync = off\n",
        run = run.display(),
        t = tls.display()
    ));
    c.push_str(&conf.replace("{tls}", &tls.display().to_string()));
    std::fs::write(data.join("postgresql.conf"), c).unwrap();
    std::fs::write(data.join("pg_hba.conf"), hba).unwrap();
    chown_postgres(&data);
    let pg_ctl = bin.join("pg_ctl");
    let log = base.path().join("pg.log");
    let o = pg(
        &pg_ctl,
        &[
            "-D",
            data.to_str().unwrap(),
            "-l",
            log.to_str().unwrap(),
            "-w",
            "-t",
            "30",
            "start",
        ],
    );
    let server = Server { pg_ctl, data };
    assert!(
        o.status.success(),
        "pg_ctl start: {}\n{}",
        String::from_utf8_lossy(&o.stderr),
        std::fs::read_to_string(&log).unwrap_or_default()
    );
    Cluster {
        port,
        run,
        log,
        tls,
        _server: server,
        _base: base,
    }
}

impl Cluster {
    /// Run SQL as the superuser over the unix socket; the trimmed output.
    pub fn admin(&self, sql: &str) -> String {
        let (ok, out) = psql(&[
            "-h",
            self.run.to_str().unwrap(),
            "-p",
            &self.port.to_string(),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-tAc",
            sql,
        ]);
        assert!(ok, "{sql}: {out}");
        out.trim().to_string()
    }
}

pub fn psql(args: &[&str]) -> (bool, String) {
    let o = Command::new("psql")
        .args(args)
        .env_remove("PGPASSWORD")
        .output()
        .unwrap();
    let mut s = String::from_utf8_lossy(&o.stdout).into_owned();
    s.push_str(&String::from_utf8_lossy(&o.stderr));
    (o.status.success(), s)
}

#[test]
fn postgres_cert_auth_logs_in_as_the_cn_and_refuses_after_revoke() {
    let Some(bin) = pg_bin() else {
        let msg = "postgres_cert: PostgreSQL binaries not found under /usr/lib/postgresql/*/bin \
                   (apt-get install postgresql postgresql-client)";
        assert!(!require_servers(), "{msg}, and VAUTH_REQUIRE_SERVERS=1");
        eprintln!("\n!!! SKIPPED {msg} !!!\n");
        return;
    };
    if is_root()
        && Command::new("id")
            .arg("postgres")
            .output()
            .map_or(true, |o| !o.status.success())
    {
        assert!(
            !require_servers(),
            "no `postgres` OS user to run the server as"
        );
        eprintln!(
            "\n!!! SKIPPED postgres_cert: running as root and there is no postgres user !!!\n"
        );
        return;
    }

    // vauth: CA, server certificate, client certificate whose CN is the role, CRL.
    let env = with_ca(&[]);
    let ca = export_bundle(&env, "ca.pem", false);
    let (srv_crt, srv_key) = issue(
        &env,
        "pg-server",
        &[
            "--profile",
            "server",
            "--san",
            "dns:localhost",
            "--san",
            "ip:127.0.0.1",
        ],
    );
    let (app_crt, app_key) = issue(&env, "app-user", &["--cn", "app_user"]);

    // The server: vauth's server certificate, its CA and CRL, client-certificate auth.
    let cluster = start_cluster(
        &bin,
        &srv_crt,
        &srv_key,
        &[(&ca, "ca.pem")],
        |tls| {
            let crl = tls.join("vauth.crl");
            env.run(&["ca", "crl", "--out", crl.to_str().unwrap()]).ok();
        },
        "ssl_ca_file = '{tls}/ca.pem'\nssl_crl_file = '{tls}/vauth.crl'\n",
        "local all all trust\nhostssl all all 127.0.0.1/32 cert\n",
    );
    let port = cluster.port;
    let crl = cluster.tls.join("vauth.crl");
    let admin = |sql: &str| cluster.admin(sql);
    admin("CREATE ROLE app_user LOGIN");

    let conninfo = format!(
        "host=localhost hostaddr=127.0.0.1 port={port} dbname=postgres user=app_user sslmode=verify-full \
         sslrootcert={} sslcert={} sslkey={}",
        ca.display(),
        app_crt.display(),
        app_key.display()
    );
    let (ok, out) = psql(&[
        &conninfo,
        "-tAc",
        "SELECT current_user || ' ' || ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
    ]);
    assert!(ok, "login with the vauth client certificate failed: {out}");
    assert_eq!(out.trim(), "app_user true");

    // The same certificate cannot log in as another role.
    admin("CREATE ROLE other LOGIN");
    let wrong = conninfo.replace("user=app_user", "user=other");
    let (ok, out) = psql(&[&wrong, "-tAc", "SELECT 1"]);
    assert!(!ok, "{out}");
    assert!(out.contains("certificate authentication failed"), "{out}");

    // Revoke, publish the CRL where the server reads it, reload: refused.
    env.run(&[
        "cert",
        "revoke",
        "app-user",
        "--reason",
        "keyCompromise",
        "--yes",
    ])
    .ok();
    env.run(&["ca", "crl", "--out", crl.to_str().unwrap()]).ok();
    admin("SELECT pg_reload_conf()");
    std::thread::sleep(std::time::Duration::from_millis(500));
    let (ok, out) = psql(&[&conninfo, "-tAc", "SELECT 1"]);
    assert!(!ok, "a revoked certificate still logs in: {out}");
    assert!(out.to_lowercase().contains("revoked"), "{out}");

    // A fresh certificate for the same role works again.
    let (crt2, key2) = issue(&env, "app-user-2", &["--cn", "app_user"]);
    let fresh = conninfo
        .replace(app_crt.to_str().unwrap(), crt2.to_str().unwrap())
        .replace(app_key.to_str().unwrap(), key2.to_str().unwrap());
    let (ok, out) = psql(&[&fresh, "-tAc", "SELECT current_user"]);
    assert!(ok, "{out}");
    assert_eq!(out.trim(), "app_user");
}
