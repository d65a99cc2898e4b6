//! A real PostgreSQL (15, from apt) as a test server: a cluster in a temp dir on a free loopback
//! port with TLS from a vauth-issued server certificate (run as the `postgres` OS user when the
//! tests run as root), psql for logins, and the two set-ups the push and rotate tests share:
//! SCRAM over hostssl ([`start_pg`]) and client-certificate auth for a group ([`start_cert_pg`]).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::ca::{export_bundle, loopback_server_cert};
use super::{TestEnv, free_port, skip};

/// The superuser's password [`start_pg`] and [`start_cert_pg`] set.
pub const PG_ADMIN_PW: &str = "adm1n-Pg-Secret-7f3c9a";
/// The vault key the runners of a PostgreSQL home share (base64 of 32 bytes), as a CI secret
/// would hold it.
pub const HOME_MASTER_KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

/// The bin dir of the installed PostgreSQL (15 preferred), or None.
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

/// Whether the tests run as root.
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Running as root with no `postgres` OS user to run the server as (PostgreSQL refuses root).
pub fn root_without_postgres_user() -> bool {
    is_root()
        && Command::new("id")
            .arg("postgres")
            .output()
            .map_or(true, |o| !o.status.success())
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

/// Give `p` (recursively) to the `postgres` OS user when we are root.
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

/// A running server, stopped (immediate mode) on drop.
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
    /// Restart the server (fast shutdown: every session is ended), waiting until it is up.
    pub fn restart(&self) {
        let o = pg(
            &self._server.pg_ctl,
            &[
                "-D",
                self._server.data.to_str().unwrap(),
                "-l",
                self.log.to_str().unwrap(),
                "-m",
                "fast",
                "-w",
                "-t",
                "30",
                "restart",
            ],
        );
        assert!(
            o.status.success(),
            "pg_ctl restart: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }

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

/// Run psql with `args` (no PGPASSWORD from the environment); (ok, stdout + stderr).
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

/// The SCRAM cluster of [`start_pg`]: its port, log, and the CA file that verifies it.
pub struct Pg {
    pub cluster: Cluster,
    pub port: u16,
    pub log: PathBuf,
    pub ca: PathBuf,
}

impl Pg {
    /// `vauth target add NAME --kind postgres` for this server: TLS verified with its CA, the
    /// admin password from `PG_ADMIN`.
    pub fn add_target(&self, env: &TestEnv, name: &str) {
        env.run(&[
            "target",
            "add",
            name,
            "--kind",
            "postgres",
            "--url",
            &format!("postgres://postgres@127.0.0.1:{}/postgres", self.port),
            "--admin-password-env",
            "PG_ADMIN",
            "--ca-file",
            self.ca.to_str().unwrap(),
        ])
        .ok();
    }

    pub fn admin(&self, sql: &str) -> String {
        self.cluster.admin(sql)
    }

    /// The URL of the PostgreSQL home `name` in this server, TLS verified with its CA, as
    /// README writes it.
    pub fn home_url(&self, name: &str) -> String {
        format!(
            "postgresql://postgres@127.0.0.1:{}/postgres?sslmode=verify-full&sslrootcert={}&home={name}",
            self.port,
            self.ca.display()
        )
    }

    /// A runner of the PostgreSQL home `name`: its own HOME and XDG dirs, the home URL, the
    /// password in PGPASSWORD (and PG_ADMIN for targets), the runners' shared master key.
    pub fn runner(&self, name: &str) -> TestEnv {
        let env = TestEnv::new()
            .with_env("VAUTH_HOME", &self.home_url(name))
            .with_env("PGPASSWORD", PG_ADMIN_PW)
            .with_env("PG_ADMIN", PG_ADMIN_PW)
            .with_env("VAUTH_MASTER_KEY", HOME_MASTER_KEY);
        env.secret(PG_ADMIN_PW);
        env
    }

    /// Restart the server (see [`Cluster::restart`]).
    pub fn restart(&self) {
        self.cluster.restart();
    }

    /// A real TLS + password login as `user`; (ok, output).
    pub fn login(&self, user: &str, password: &str, sql: &str) -> (bool, String) {
        let conninfo = format!(
            "host=127.0.0.1 port={} dbname=postgres user={user} sslmode=verify-full sslrootcert={}",
            self.port,
            self.ca.display()
        );
        let o = Command::new("psql")
            .args([&conninfo, "-tAc", sql])
            .env("PGPASSWORD", password)
            .output()
            .unwrap();
        let mut s = String::from_utf8_lossy(&o.stdout).into_owned();
        s.push_str(&String::from_utf8_lossy(&o.stderr));
        (o.status.success(), s)
    }
}

/// Start PostgreSQL with TLS (a vauth-issued server cert) and scram-sha-256 over hostssl.
pub fn start_pg(env: &TestEnv) -> Option<Pg> {
    let Some(bin) = pg_bin() else {
        skip("PostgreSQL binaries not found (apt-get install postgresql postgresql-client)");
        return None;
    };
    let ca = export_bundle(env, "ca.pem", false);
    let (srv_crt, srv_key) = loopback_server_cert(env, "pg-server");
    let cluster = start_cluster(
        &bin,
        &srv_crt,
        &srv_key,
        &[],
        |_| {},
        "password_encryption = 'scram-sha-256'\nlog_statement = 'all'\n",
        // One role that logs in without a password: the probe must call that unverifiable.
        "local all all trust\nhostssl all trusting_key_a 127.0.0.1/32 trust\n\
         hostssl all all 127.0.0.1/32 scram-sha-256\n",
    );
    let p = Pg {
        port: cluster.port,
        log: cluster.log.clone(),
        cluster,
        ca,
    };
    p.admin(&format!("ALTER ROLE postgres PASSWORD '{PG_ADMIN_PW}'"));
    Some(p)
}

/// PostgreSQL with TLS (a vauth-issued server certificate) that admits client certificates for
/// members of `cert_users` (`hostssl … +cert_users … cert`: CN = role) and SCRAM for the rest; the
/// admin password is set and target `pg` added (its password in `PG_ADMIN`). (cluster, CA file)
pub fn start_cert_pg(env: &TestEnv) -> Option<(Cluster, PathBuf)> {
    let Some(bin) = pg_bin() else {
        skip("PostgreSQL binaries not found (apt-get install postgresql postgresql-client)");
        return None;
    };
    env.secret(PG_ADMIN_PW);
    let ca = export_bundle(env, "ca.pem", false);
    let (srv_crt, srv_key) = loopback_server_cert(env, "pg-server");
    let cluster = start_cluster(
        &bin,
        &srv_crt,
        &srv_key,
        &[(&ca, "ca.pem")],
        |_| {},
        "ssl_ca_file = '{tls}/ca.pem'\n",
        "local all all trust\nhostssl all +cert_users 127.0.0.1/32 cert\n\
         hostssl all all 127.0.0.1/32 scram-sha-256\n",
    );
    cluster.admin(&format!("ALTER ROLE postgres PASSWORD '{PG_ADMIN_PW}'"));
    cluster.admin("CREATE ROLE cert_users NOLOGIN");
    env.run(&[
        "target",
        "add",
        "pg",
        "--kind",
        "postgres",
        "--url",
        &format!("postgres://postgres@127.0.0.1:{}/postgres", cluster.port),
        "--admin-password-env",
        "PG_ADMIN",
        "--ca-file",
        ca.to_str().unwrap(),
    ])
    .ok();
    Some((cluster, ca))
}

/// A real TLS (verify-full) login as `role` with a client certificate; (ok, output of `sql`).
pub fn cert_login(
    cluster: &Cluster,
    ca: &Path,
    crt: &Path,
    key: &Path,
    role: &str,
    sql: &str,
) -> (bool, String) {
    psql(&[
        &format!(
            "host=localhost hostaddr=127.0.0.1 port={} dbname=postgres user={role} \
             sslmode=verify-full sslrootcert={} sslcert={} sslkey={}",
            cluster.port,
            ca.display(),
            crt.display(),
            key.display()
        ),
        "-tAc",
        sql,
    ])
}
