//! A real PostgreSQL (15, from apt) started in a temp dir on a free loopback port with
//! `ssl=on`, a vauth server certificate, `ssl_ca_file` = the vauth CA, `ssl_crl_file` = the vauth
//! CRL and `hostssl all all 127.0.0.1/32 cert`. psql with `sslmode=verify-full` logs in as the
//! role named by the client certificate's CN; after `cert revoke` + `ca crl` + a config reload the
//! same certificate is refused.
//!
//! Skips with a loud message when the PostgreSQL binaries are absent, unless
//! `VAUTH_REQUIRE_SERVERS=1` (set by .ci/run), which turns the skip into a failure.

use crate::util::ca::{export_bundle, issue, with_ca};
use crate::util::postgres::{pg_bin, psql, root_without_postgres_user, start_cluster};
use crate::util::{skip, wait_until};

#[test]
fn postgres_cert_auth_logs_in_as_the_cn_and_refuses_after_revoke() {
    let Some(bin) = pg_bin() else {
        let msg = "postgres_cert: PostgreSQL binaries not found under /usr/lib/postgresql/*/bin \
                   (apt-get install postgresql postgresql-client)";
        skip(msg);
        return;
    };
    if root_without_postgres_user() {
        skip("postgres_cert: running as root and there is no postgres OS user");
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
    // The postmaster reloads on SIGHUP, after pg_reload_conf() has returned: a session started
    // once it has reports the new load time, and its TLS context (the new CRL) with it.
    let loaded = admin("SELECT pg_conf_load_time()");
    admin("SELECT pg_reload_conf()");
    wait_until("the server to reload its configuration", 30, || {
        admin("SELECT pg_conf_load_time()") != loaded
    });
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
