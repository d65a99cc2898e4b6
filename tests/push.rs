//! `vauth target …` / `vauth push` / remote rotate+revoke against REAL servers started here:
//! PostgreSQL 15 (hostssl + scram-sha-256, vauth-issued server certificate) and Redis 7 (ACL
//! file), each in a temp dir on a free loopback port. Every login check is a real login (psql,
//! redis-cli) with the pushed key. Skips loudly when a server binary is missing, unless
//! `VAUTH_REQUIRE_SERVERS=1` (set by .ci/run), which makes the skip a failure.

use std::path::Path;

use crate::util::ca::{export_bundle, issue, with_ca};
use crate::util::postgres::{
    PG_ADMIN_PW, cert_login, root_without_postgres_user, start_cert_pg, start_pg,
};
use crate::util::redis::{REDIS_ADMIN_PW, start_redis, tls_redis};
use crate::util::{TestEnv, sha256_hex, skip};

fn pushed_count(env: &TestEnv) -> usize {
    env.registry_text().matches("\"pushed\"").count()
}

#[test]
fn postgres_push_rotate_revoke_with_real_logins() {
    if root_without_postgres_user() {
        skip("push: running as root and there is no postgres OS user");
        return;
    }
    let env = with_ca(&[]);
    env.secret(PG_ADMIN_PW);
    let Some(pg) = start_pg(&env) else { return };
    let admin_env = [("PG_ADMIN", PG_ADMIN_PW)];
    let url = format!("postgres://postgres@127.0.0.1:{}/postgres", pg.port);

    // target add: a URL with a password is refused (usage), TLS is on with --ca-file.
    env.run(&[
        "target",
        "add",
        "bad",
        "--kind",
        "postgres",
        "--url",
        &format!(
            "postgres://postgres:{PG_ADMIN_PW}@127.0.0.1:{}/postgres",
            pg.port
        ),
    ])
    .code(2)
    .stderr_has("password");
    env.run(&[
        "target",
        "add",
        "db",
        "--kind",
        "postgres",
        "--url",
        "postgres://a@db.example/x",
    ])
    .code(2)
    .stderr_has("TLS");
    env.run(&[
        "target",
        "add",
        "pg",
        "--kind",
        "postgres",
        "--url",
        &url,
        "--admin-password-env",
        "PG_ADMIN",
        "--ca-file",
        pg.ca.to_str().unwrap(),
    ])
    .ok();
    let toml = env.read_home("vauth.toml");
    assert!(
        toml.contains("[target.pg]") && toml.contains("admin_password_env = \"PG_ADMIN\""),
        "{toml}"
    );

    // TLS is verified: a CA that did not sign the server's certificate fails the handshake.
    let other = with_ca(&[]);
    let other_ca = export_bundle(&other, "other-ca.pem", false);
    env.run(&[
        "target",
        "add",
        "pg-foreign-ca",
        "--kind",
        "postgres",
        "--url",
        &url,
        "--admin-password-env",
        "PG_ADMIN",
        "--ca-file",
        other_ca.to_str().unwrap(),
    ])
    .ok();
    env.run_with(&["target", "test", "pg-foreign-ca"], None, &admin_env)
        .code(4)
        .stderr_has("cannot connect");

    // target test: ok with the right admin password; exit 4 with a wrong one or none reachable.
    env.run_with(&["target", "test", "pg"], None, &admin_env)
        .ok()
        .stderr_has("admin credential works");
    env.secret("wrong-admin-password");
    env.run_with(
        &["target", "test", "pg"],
        None,
        &[("PG_ADMIN", "wrong-admin-password")],
    )
    .code(4)
    .stderr_has("admin credential");

    pg.admin("CREATE TABLE items (id int)");
    pg.admin("INSERT INTO items VALUES (1), (2)");
    let k1 = env.create("app-key");

    // --dry-run: the exact SQL, secret as ****, nothing changed.
    let dry = env.run(&[
        "push",
        "app-key",
        "--to",
        "pg",
        "--grant",
        "SELECT ON items",
        "--dry-run",
    ]);
    dry.ok()
        .stdout_has("ALTER ROLE \"app_key_a\" WITH LOGIN PASSWORD '****'")
        .stdout_has("GRANT SELECT ON items TO \"app_key\"");
    assert_eq!(
        pg.admin("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'app_key%'"),
        "0"
    );

    // push: names the login user; the key logs in (TLS + SCRAM), a wrong password is refused.
    let r = env.run_with(
        &[
            "push",
            "app-key",
            "--to",
            "pg",
            "--grant",
            "SELECT ON items",
        ],
        None,
        &admin_env,
    );
    r.ok();
    assert_eq!(r.line(), "app_key_a");
    let (ok, out) = pg.login("app_key_a", &k1, "SELECT count(*) FROM items");
    assert!(ok, "{out}");
    assert_eq!(out.trim(), "2");
    let (ok, out) = pg.login("app_key_a", "not-the-key", "SELECT 1");
    assert!(
        !ok && out.contains("password authentication failed"),
        "{out}"
    );
    // drift: none; a role disabled behind vauth's back is one (exit 1); pushing repairs it.
    env.run_with(&["target", "drift", "pg"], None, &admin_env)
        .ok();
    pg.admin("ALTER ROLE app_key_a NOLOGIN");
    let d = env.run_with(&["--json", "target", "drift", "pg"], None, &admin_env);
    d.code(1);
    assert_eq!(d.json()["rows"][0]["actual"], "gone");
    env.run_with(
        &[
            "push",
            "app-key",
            "--to",
            "pg",
            "--grant",
            "SELECT ON items",
        ],
        None,
        &admin_env,
    )
    .ok();
    env.run_with(&["target", "drift", "pg"], None, &admin_env)
        .ok();
    // The group role holds the grant, not the login role.
    let (ok, out) = pg.login("app_key_a", &k1, "INSERT INTO items VALUES (3)");
    assert!(!ok && out.contains("permission denied"), "{out}");
    // Stored as a SCRAM verifier; the plaintext never reached the server (statement log).
    assert!(
        pg.admin("SELECT rolpassword FROM pg_authid WHERE rolname = 'app_key_a'")
            .starts_with("SCRAM-SHA-256$4096:")
    );
    assert!(
        pg.admin(
            "SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = 'app_key'"
        )
        .starts_with("managed by vauth ")
    );
    let log = std::fs::read_to_string(&pg.log).unwrap();
    assert!(
        log.contains("SCRAM-SHA-256$4096:"),
        "the statement log should show the verifier"
    );
    assert!(!log.contains(&k1), "the key reached the server log");
    assert!(
        !log.contains(PG_ADMIN_PW) || log.contains("ALTER ROLE postgres PASSWORD"),
        "admin password in log"
    );
    let state = env.registry_text();
    assert!(state.contains("\"target\": \"pg\""), "{state}");

    // rotate: the new version goes to app_key_b and is probed; both log in during the grace.
    let r = env.run_with(
        &["key", "rotate", "app-key", "--grace", "1h"],
        None,
        &admin_env,
    );
    r.ok().stderr_has("log in as app_key_b (probed)");
    let k2 = r.line();
    assert!(
        pg.login("app_key_a", &k1, "SELECT 1").0,
        "old key refused during the grace"
    );
    let (ok, out) = pg.login("app_key_b", &k2, "SELECT count(*) FROM items");
    assert!(ok, "{out}");

    // revoke the old version: refused at once; the new one still works.
    env.run_with(
        &["key", "revoke", "app-key", "--version", "1", "--yes"],
        None,
        &admin_env,
    )
    .ok();
    let (ok, out) = pg.login("app_key_a", &k1, "SELECT 1");
    assert!(!ok && out.contains("not permitted to log in"), "{out}");
    assert!(pg.login("app_key_b", &k2, "SELECT 1").0);

    // revoke everything: the new one is refused too.
    env.run_with(&["key", "revoke", "app-key", "--yes"], None, &admin_env)
        .ok();
    let (ok, out) = pg.login("app_key_b", &k2, "SELECT 1");
    assert!(!ok, "{out}");

    // VALID UNTIL follows the key's expiry (none: infinity).
    env.run(&["key", "create", "exp-key", "--expires", "30d"])
        .ok();
    env.run_with(&["push", "exp-key", "--to", "pg"], None, &admin_env)
        .ok();
    assert_eq!(
        pg.admin("SELECT rolvaliduntil > now() + interval '29 days' AND rolvaliduntil < now() + interval '31 days' FROM pg_roles WHERE rolname = 'exp_key_a'"),
        "t"
    );
    assert_eq!(
        pg.admin("SELECT rolvaliduntil FROM pg_roles WHERE rolname = 'app_key_b'"),
        "infinity"
    );
    // Revoking the newest version by number is an explicit stop: taken back at once.
    env.run_with(
        &["key", "revoke", "exp-key", "--version", "1", "--yes"],
        None,
        &admin_env,
    )
    .ok();
    assert_eq!(
        pg.admin("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'exp_key_a'"),
        "f"
    );

    // A role vauth did not create is left alone unless --adopt.
    pg.admin("CREATE ROLE other_key LOGIN");
    env.create("other-key");
    env.run_with(&["push", "other-key", "--to", "pg"], None, &admin_env)
        .code(4)
        .stderr_has("not created by this vauth home")
        .stderr_has("--adopt other_key");
    pg.admin("DROP ROLE other_key");
    pg.admin("CREATE ROLE other_key NOLOGIN");
    env.run_with(
        &["push", "other-key", "--to", "pg", "--adopt", "other_key"],
        None,
        &admin_env,
    )
    .ok();

    // A server that lets the role in without a password proves nothing: unverifiable, exit 4,
    // and state.json records exactly what the database now holds (pushed, not verified).
    env.create("trusting-key");
    env.run_with(&["push", "trusting-key", "--to", "pg"], None, &admin_env)
        .code(4)
        .stderr_has("unverifiable")
        .stderr_has("records it as unverified");
    env.run(&["target", "show", "pg"])
        .ok()
        .stdout_has("trusting-key v1 as trusting_key_a")
        .stdout_has("(UNVERIFIED)");
    // v2 goes to trusting_key_b (scram): verified, so v1 may be taken back.
    env.run_with(
        &["key", "rotate", "trusting-key", "--grace", "1h"],
        None,
        &admin_env,
    )
    .ok()
    .stderr_has("trusting_key_b (probed)");
    env.run_with(
        &["key", "revoke", "trusting-key", "--version", "1", "--yes"],
        None,
        &admin_env,
    )
    .ok();
    let can_login = |role: &str| {
        pg.admin(&format!(
            "SELECT rolcanlogin FROM pg_roles WHERE rolname = '{role}'"
        ))
    };
    assert_eq!(can_login("trusting_key_a"), "f");
    // v3 lands on trusting_key_a again (trust): recorded, unverified, exit 4 …
    env.run_with(
        &["key", "rotate", "trusting-key", "--grace", "1h"],
        None,
        &admin_env,
    )
    .code(4)
    .stderr_has("unverifiable")
    .stderr_has("rotation was recorded");
    // … so v2 is never revoked on the strength of it: no verified successor there.
    env.run_with(
        &["key", "revoke", "trusting-key", "--version", "2", "--yes"],
        None,
        &admin_env,
    )
    .code(4)
    .stderr_has("no newer version was pushed and verified");
    assert_eq!(can_login("trusting_key_b"), "t");

    // Admin credential wrong → exit 4, nothing recorded.
    let k3 = env.create("third-key");
    let before = pushed_count(&env);
    env.run_with(
        &["push", "third-key", "--to", "pg"],
        None,
        &[("PG_ADMIN", "wrong-admin-password")],
    )
    .code(4)
    .stderr_has("admin credential");
    assert_eq!(pushed_count(&env), before);
    assert_eq!(
        pg.admin("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'third_key%'"),
        "0"
    );

    // Server down → exit 4 with a clear message, nothing recorded.
    drop(pg);
    let e = env.run_with(
        &["--json", "push", "third-key", "--to", "pg"],
        None,
        &admin_env,
    );
    e.code(4);
    let err = e.json_err();
    assert_eq!(err["error"]["kind"], "remote");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("cannot connect"),
        "{err}"
    );
    assert_eq!(pushed_count(&env), before);
    env.run_with(&["target", "test", "pg"], None, &admin_env)
        .code(4);
    let _ = k3;
}

#[test]
fn redis_push_rotate_revoke_with_real_auth() {
    let Some(redis) = start_redis() else { return };
    let env = TestEnv::new();
    env.secret(REDIS_ADMIN_PW);
    let pwfile = env.write("redis-admin.txt", &format!("{REDIS_ADMIN_PW}\n"));
    let url = format!("redis://default@127.0.0.1:{}", redis.port);
    env.run(&[
        "target",
        "add",
        "cache",
        "--kind",
        "redis",
        "--url",
        &url,
        "--admin-password-file",
        pwfile.to_str().unwrap(),
    ])
    .ok();
    let t = env.run(&["--json", "target", "test", "cache"]);
    t.ok();
    assert_eq!(t.json()["ok"], true);
    assert!(t.json()["server"].as_str().unwrap().starts_with("Redis "));
    let bad = env.write("bad.txt", "not-the-admin-password\n");
    env.secret("not-the-admin-password");
    env.run(&[
        "target",
        "add",
        "cache-bad",
        "--kind",
        "redis",
        "--url",
        &url,
        "--admin-password-file",
        bad.to_str().unwrap(),
    ])
    .ok();
    env.run(&["target", "test", "cache-bad"])
        .code(4)
        .stderr_has("admin credential");

    let k1 = env.create("vec-app");
    let dry = env.run(&[
        "push",
        "vec-app",
        "--to",
        "cache",
        "--dry-run",
        "--pattern",
        "vec:*",
        "--category",
        "+@read",
        "--category",
        "+@write",
    ]);
    dry.ok()
        .stdout_has("ACL SETUSER vec-app reset on #**** ~vec:* +@read +@write");
    assert!(!dry.stdout.contains(&sha256_hex(&k1)));
    assert!(
        redis
            .cli("default", REDIS_ADMIN_PW, &["ACL", "GETUSER", "vec-app"])
            .1
            .trim()
            .is_empty()
            || redis
                .cli("default", REDIS_ADMIN_PW, &["ACL", "GETUSER", "vec-app"])
                .1
                .contains("nil")
    );

    let r = env.run(&[
        "push",
        "vec-app",
        "--to",
        "cache",
        "--pattern",
        "vec:*",
        "--category",
        "+@read",
        "--category",
        "+@write",
    ]);
    r.ok();
    assert_eq!(r.line(), "vec-app");
    let (_, out) = redis.cli("vec-app", &k1, &["SET", "vec:1", "x"]);
    assert!(out.contains("OK"), "{out}");
    let (_, out) = redis.cli("vec-app", &k1, &["SET", "other:1", "x"]);
    assert!(out.contains("NOPERM"), "{out}");
    let (_, out) = redis.cli("vec-app", "wrong-password", &["PING"]);
    assert!(out.contains("WRONGPASS"), "{out}");
    // ACL SAVE wrote the user, with the hash only.
    let acl = std::fs::read_to_string(&redis.acl).unwrap();
    assert!(
        acl.contains("user vec-app on") && acl.contains(&sha256_hex(&k1)) && !acl.contains(&k1),
        "{acl}"
    );

    // rotate: both passwords work during the grace; --exec runs after it.
    let hook_out = env.path("rotate-hook.out");
    let r = env.run(&[
        "key",
        "rotate",
        "vec-app",
        "--grace",
        "1h",
        "--exec",
        &format!(
            "echo \"$VAUTH_EVENT $VAUTH_KEY $VAUTH_PREVIOUS_VERSION->$VAUTH_VERSION $VAUTH_TARGETS\" > {}",
            hook_out.display()
        ),
    ]);
    r.ok().stderr_has("log in as vec-app (probed)");
    assert_eq!(
        std::fs::read_to_string(&hook_out).unwrap().trim(),
        "rotate vec-app 1->2 cache"
    );
    let k2 = r.line();
    assert!(redis.cli("vec-app", &k1, &["GET", "vec:1"]).1.contains('x'));
    assert!(redis.cli("vec-app", &k2, &["GET", "vec:1"]).1.contains('x'));
    // rules were kept by the rotation
    assert!(
        redis
            .cli("vec-app", &k2, &["SET", "other:1", "x"])
            .1
            .contains("NOPERM")
    );

    // drift: the database holds what state.json says (both passwords during the grace) …
    let d = env.run(&["--json", "target", "drift", "cache"]);
    d.ok();
    assert_eq!(d.json()["drift"], false);
    assert_eq!(d.json()["rows"].as_array().unwrap().len(), 2);
    // … until someone removes v2's password behind vauth's back: exit 1, that row says so.
    redis.cli(
        "default",
        REDIS_ADMIN_PW,
        &[
            "ACL",
            "SETUSER",
            "vec-app",
            &format!("!{}", sha256_hex(&k2)),
        ],
    );
    let d = env.run(&["--json", "target", "drift", "cache"]);
    d.code(1);
    let rows = d.json()["rows"].as_array().unwrap().clone();
    let bad: Vec<_> = rows.iter().filter(|r| r["ok"] == false).collect();
    assert_eq!(bad.len(), 1, "{rows:?}");
    assert_eq!(
        (bad[0]["version"].as_u64(), bad[0]["actual"].as_str()),
        (Some(2), Some("gone"))
    );
    env.run(&["target", "drift", "cache"])
        .code(1)
        .stdout_has("DRIFT");
    // Pushing again repairs it; --exec runs after the push, with what happened (no secret).
    let marker = env.path("exec.out");
    let p = env.run(&[
        "push",
        "vec-app",
        "--to",
        "cache",
        "--exec",
        &format!("echo \"$VAUTH_EVENT $VAUTH_KEY $VAUTH_VERSION $VAUTH_TARGET $VAUTH_USER\" > {}; echo to-stdout", marker.display()),
    ]);
    p.ok();
    assert_eq!(
        p.stdout.trim(),
        "vec-app",
        "the hook's stdout goes to stderr"
    );
    assert!(p.stderr.contains("to-stdout"));
    assert_eq!(
        std::fs::read_to_string(&marker).unwrap().trim(),
        "push vec-app 2 cache vec-app"
    );
    env.run(&["target", "drift", "cache"]).ok();
    env.run(&["push", "vec-app", "--to", "cache", "--exec", "exit 7"])
        .code(4)
        .stderr_has("failed (exit 7); what ran before it succeeded");

    // revoke v1: WRONGPASS for it, v2 still works; then revoke all.
    env.run(&["key", "revoke", "vec-app", "--version", "1", "--yes"])
        .ok();
    env.run(&["target", "drift", "cache"]).ok();
    assert!(redis.cli("vec-app", &k1, &["PING"]).1.contains("WRONGPASS"));
    assert!(redis.cli("vec-app", &k2, &["GET", "vec:1"]).1.contains('x'));
    env.run(&["key", "revoke", "vec-app", "--yes"]).ok();
    let (_, out) = redis.cli("vec-app", &k2, &["PING"]);
    assert!(out.contains("WRONGPASS"), "{out}");

    // Several keys in one push: one admin connection, one commit, each probed.
    let batch: Vec<String> = (0..3).map(|i| env.create(&format!("b{i}"))).collect();
    let r = env.run(&["--json", "push", "b0", "b1", "b2", "--to", "cache"]);
    r.ok();
    let pushes = r.json()["pushes"].as_array().unwrap().clone();
    assert_eq!(pushes.len(), 3);
    for (i, k) in batch.iter().enumerate() {
        assert_eq!(pushes[i]["user"], format!("b{i}"));
        assert_eq!(pushes[i]["verified"], true);
        assert!(
            redis
                .cli(&format!("b{i}"), k, &["SET", &format!("b{i}:x"), "1"])
                .1
                .contains("OK")
        );
    }
    assert!(
        env.read_home("audit.log").contains("b0,b1,b2"),
        "one audit event for the batch"
    );

    // A user vauth did not create: refused unless --adopt.
    redis.cli(
        "default",
        REDIS_ADMIN_PW,
        &[
            "ACL",
            "SETUSER",
            "legacy",
            "on",
            ">legacy-pw",
            "~*",
            "+@all",
        ],
    );
    env.create("legacy");
    env.run(&["push", "legacy", "--to", "cache"])
        .code(4)
        .stderr_has("not created by this vauth home");
    assert!(
        redis
            .cli("legacy", "legacy-pw", &["PING"])
            .1
            .contains("PONG")
    );

    // Server down → exit 4, nothing recorded; a rotation that reaches no target rotates nothing.
    env.create("rot");
    env.run(&["push", "rot", "--to", "cache"]).ok();
    env.create("late");
    let before = pushed_count(&env);
    drop(redis);
    env.run(&["push", "late", "--to", "cache"])
        .code(4)
        .stderr_has("cannot connect");
    assert_eq!(pushed_count(&env), before);
    let state = env.registry_text();
    env.run(&["key", "rotate", "rot"])
        .code(4)
        .stderr_has("nothing was rotated");
    assert_eq!(env.registry_text(), state);
}

/// Paths in vauth.toml are absolute, and the config keeps the user's comments.
#[test]
fn target_add_list_show_remove_keep_comments() {
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    env.run(&[
        "target",
        "add",
        "c",
        "--kind",
        "redis",
        "--url",
        "redis://admin@127.0.0.1:6390",
        "--admin-password-env",
        "RPW",
    ])
    .ok();
    env.run(&[
        "target",
        "add",
        "c",
        "--kind",
        "redis",
        "--url",
        "redis://admin@127.0.0.1:6390",
    ])
    .code(3)
    .stderr_has("--force");
    env.run(&[
        "target",
        "add",
        "x",
        "--kind",
        "redis",
        "--url",
        "postgres://a@127.0.0.1",
    ])
    .code(2);
    let toml = env.read_home("vauth.toml");
    assert!(toml.contains("# prefix = \"vk\""), "comments lost:\n{toml}");
    env.run(&["target", "list"]).ok().stdout_has("env:RPW");
    env.run(&["target", "show", "c"])
        .ok()
        .stdout_has("redis://admin@127.0.0.1:6390");
    env.run(&["target", "show", "nope"]).code(3);
    env.run(&["target", "remove", "c"]).ok();
    env.run(&["target", "list"]).ok().stderr_has("No targets");
    // Missing admin password variable: local input (3), not remote.
    env.run(&[
        "target",
        "add",
        "d",
        "--kind",
        "redis",
        "--url",
        "redis://admin@127.0.0.1:1",
        "--admin-password-env",
        "NOPE_UNSET",
    ])
    .ok();
    env.run(&["target", "test", "d"])
        .code(3)
        .stderr_has("NOPE_UNSET");
    let _ = Path::new("");
}

/// Redis requiring client certificates (`tls-auth-clients yes`): a target without one cannot
/// connect; with `--client-cert` (a vauth-issued certificate whose key the vault keeps) vauth
/// connects, pushes, and probes over mTLS, and the key logs in with redis-cli + a client cert.
#[test]
fn redis_requiring_client_certs_gets_vauths_certificate() {
    let env = with_ca(&[]);
    let Some((server, ca)) = tls_redis(&env, "yes") else {
        return;
    };
    let url = format!("rediss://default@127.0.0.1:{}", server.port);
    let pw = [("R_PW", REDIS_ADMIN_PW)];
    let add = |name: &str, extra: &[&str]| {
        let mut a = vec![
            "target",
            "add",
            name,
            "--kind",
            "redis",
            "--url",
            &url,
            "--admin-password-env",
            "R_PW",
            "--ca-file",
            ca.to_str().unwrap(),
        ];
        a.extend_from_slice(extra);
        env.run(&a)
    };
    add("no-cert", &[]).ok();
    env.run_with(&["target", "test", "no-cert"], None, &pw)
        .code(4)
        .stderr_has("cannot connect");
    // A certificate whose key vauth does not hold cannot serve.
    issue(&env, "unkept", &["--cn", "unkept"]);
    add("unkept", &["--client-cert", "unkept"]).ok();
    env.run_with(&["target", "test", "unkept"], None, &pw)
        .code(3)
        .stderr_has("does not hold the key");
    env.run(&[
        "cert",
        "issue",
        "vauth-admin",
        "--cn",
        "vauth-admin",
        "--keep-key",
    ])
    .ok();
    add("mtls", &["--client-cert", "vauth-admin"]).ok();
    env.run_with(&["target", "test", "mtls"], None, &pw).ok();
    let k = env.create("mtls-app");
    env.run_with(&["push", "mtls-app", "--to", "mtls"], None, &pw)
        .ok()
        .stderr_has("probed");
    let client = issue(&env, "cli-client", &["--cn", "cli"]);
    let out = server.tls_cli(
        &ca,
        Some(&client),
        "mtls-app",
        &k,
        &["SET", "mtls-app:1", "v"],
    );
    assert!(out.contains("OK"), "{out}");
    // Revoked client certificate: vauth refuses to present it.
    env.run(&["--yes", "cert", "revoke", "vauth-admin"]).ok();
    env.run_with(&["target", "test", "mtls"], None, &pw)
        .code(3)
        .stderr_has("is revoked");
    // A client certificate without TLS is refused when the target is added.
    env.run(&[
        "target",
        "add",
        "plain",
        "--kind",
        "redis",
        "--url",
        "redis://127.0.0.1:1",
        "--client-cert",
        "cli-client",
    ])
    .code(2)
    .stderr_has("needs TLS");
}

/// rediss:// is verified against --ca-file: a vauth-issued server certificate is accepted, and
/// the pushed user logs in over TLS; a foreign CA fails the handshake (exit 4).
#[test]
fn redis_over_tls_verifies_the_server() {
    let env = with_ca(&[]);
    let Some((server, ca)) = tls_redis(&env, "no") else {
        return;
    };
    let port = server.port;
    let cli = |user: &str, pass: &str, args: &[&str]| server.tls_cli(&ca, None, user, pass, args);
    let url = format!("rediss://default@127.0.0.1:{port}");
    let pw = [("R_PW", REDIS_ADMIN_PW)];
    env.run(&[
        "target",
        "add",
        "tls",
        "--kind",
        "redis",
        "--url",
        &url,
        "--admin-password-env",
        "R_PW",
        "--ca-file",
        ca.to_str().unwrap(),
    ])
    .ok();
    let t = env.run_with(&["--json", "target", "test", "tls"], None, &pw);
    t.ok();
    assert_eq!(t.json()["tls"], true);
    let k = env.create("tls-app");
    env.run_with(&["push", "tls-app", "--to", "tls"], None, &pw)
        .ok();
    assert!(cli("tls-app", &k, &["SET", "tls-app:1", "v"]).contains("OK"));
    assert!(cli("tls-app", "wrong-pass", &["GET", "tls-app:1"]).contains("WRONGPASS"));
    // A CA that did not sign the server's certificate: refused before any AUTH.
    let other = with_ca(&[]);
    let other_ca = export_bundle(&other, "other-ca.pem", false);
    env.run(&[
        "target",
        "add",
        "tls-foreign",
        "--kind",
        "redis",
        "--url",
        &url,
        "--admin-password-env",
        "R_PW",
        "--ca-file",
        other_ca.to_str().unwrap(),
    ])
    .ok();
    env.run_with(&["target", "test", "tls-foreign"], None, &pw)
        .code(4)
        .stderr_has("cannot connect");
}

/// `vauth push CERT --to PG`: a login role named by the certificate's CN (no password), in the
/// group a `hostssl … +cert_users … cert` line admits, holding the grants; probed by a real
/// TLS login with the certificate; `vauth cert revoke` takes the role back (NOLOGIN).
#[test]
fn postgres_cert_push_makes_the_cn_role_and_cert_revoke_takes_it_back() {
    let env = with_ca(&[]);
    let Some((cluster, ca)) = start_cert_pg(&env) else {
        return;
    };
    cluster.admin("CREATE TABLE items (id int)");
    cluster.admin("INSERT INTO items VALUES (1), (2), (3)");
    let admin_env = [("PG_ADMIN", PG_ADMIN_PW)];
    let login = |crt: &Path, key: &Path, role: &str| {
        cert_login(
            &cluster,
            &ca,
            crt,
            key,
            role,
            "SELECT current_user || ' ' || count(*) FROM items",
        )
    };

    let (crt, key) = issue(&env, "alice", &["--cn", "alice", "--keep-key"]);
    let (ok, _) = login(&crt, &key, "alice");
    assert!(!ok, "no role yet");
    let dry = env.run(&[
        "push",
        "alice",
        "--to",
        "pg",
        "--role",
        "cert_users",
        "--grant",
        "SELECT ON items",
        "--dry-run",
    ]);
    dry.ok()
        .stdout_has("ALTER ROLE \"alice\" WITH LOGIN PASSWORD NULL")
        .stdout_has("GRANT \"cert_users\" TO \"alice\"")
        .stdout_has("GRANT SELECT ON items TO \"alice\"");
    let r = env.run_with(
        &[
            "--json",
            "push",
            "alice",
            "--to",
            "pg",
            "--role",
            "cert_users",
            "--grant",
            "SELECT ON items",
        ],
        None,
        &admin_env,
    );
    r.ok();
    assert_eq!(r.json()["user"], "alice");
    assert_eq!(r.json()["verified"], true);
    let (ok, out) = login(&crt, &key, "alice");
    assert!(ok, "{out}");
    assert_eq!(out.trim(), "alice 3");
    assert!(
        cluster
            .admin(
                "SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = 'alice'"
            )
            .starts_with("managed by vauth ")
    );
    env.run_with(&["target", "drift", "pg"], None, &admin_env)
        .ok();

    // Without the key vauth cannot prove the login: refused before anything changes.
    issue(&env, "bob", &["--cn", "bob"]);
    env.run_with(
        &["push", "bob", "--to", "pg", "--role", "cert_users"],
        None,
        &admin_env,
    )
    .code(3)
    .stderr_has("does not hold the key");
    assert_eq!(
        cluster.admin("SELECT count(*) FROM pg_roles WHERE rolname = 'bob'"),
        "0"
    );
    // A role vauth did not create: refused unless adopted.
    cluster.admin("CREATE ROLE carol LOGIN");
    issue(&env, "carol", &["--cn", "carol", "--keep-key"]);
    env.run_with(
        &["push", "carol", "--to", "pg", "--role", "cert_users"],
        None,
        &admin_env,
    )
    .code(4)
    .stderr_has("not created by this vauth home");
    env.run_with(
        &[
            "push",
            "carol",
            "--to",
            "pg",
            "--role",
            "cert_users",
            "--adopt",
            "carol",
        ],
        None,
        &admin_env,
    )
    .ok();
    // Other kinds say what they take.
    env.run(&[
        "target",
        "add",
        "q",
        "--kind",
        "qdrant",
        "--url",
        "http://127.0.0.1:1",
        "--admin-key-env",
        "Q",
    ])
    .ok();
    env.run(&["push", "alice", "--to", "q"])
        .code(2)
        .stderr_has("takes no certificates; it accepts");

    // cert revoke: the role stops logging in at once (no CRL reload needed).
    env.run_with(&["--yes", "cert", "revoke", "alice"], None, &admin_env)
        .ok();
    let (ok, out) = login(&crt, &key, "alice");
    assert!(!ok && out.contains("not permitted to log in"), "{out}");
    let d = env.run_with(&["--json", "target", "drift", "pg"], None, &admin_env);
    d.ok();
    let rows = d.json()["rows"].as_array().unwrap().clone();
    assert!(
        rows.iter().any(|r| r["credential"] == "alice"
            && r["expected"] == "revoked"
            && r["actual"] == "gone"),
        "{rows:?}"
    );
}

#[test]
fn target_add_appends_its_table_after_the_commented_settings_of_the_last_one() {
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    let add = |name: &str, port: &str| {
        env.run(&[
            "target",
            "add",
            name,
            "--kind",
            "redis",
            "--url",
            &format!("redis://127.0.0.1:{port}"),
            "--admin-password-env",
            "RD_ADMIN",
        ])
        .ok();
    };
    add("rd", "6390");
    add("rd2", "6391");
    let text = env.read_home("vauth.toml");
    let jwt = text.find("[jwt]").unwrap();
    let lifetime = text.find("# lifetime = ").unwrap();
    let target = text.find("[target.rd]").unwrap();
    assert!(
        jwt < lifetime && lifetime < target && target < text.find("[target.rd2]").unwrap(),
        "[jwt]'s commented settings must stay under [jwt], targets in the order added:\n{text}"
    );
    // Uncommenting them sets jwt's settings (not a target's): the file stays valid.
    let edited = text.replace("# lifetime = \"15m\"", "lifetime = \"10m\"");
    std::fs::write(env.home().join("vauth.toml"), edited).unwrap();
    env.run(&["target", "list"]).ok().stdout_has("rd2");
    // --force replaces a table in place.
    env.run(&[
        "target",
        "add",
        "rd",
        "--kind",
        "redis",
        "--url",
        "redis://127.0.0.1:6399",
        "--admin-password-env",
        "RD_ADMIN",
        "--force",
    ])
    .ok();
    let text = env.read_home("vauth.toml");
    assert!(
        text.find("6399").unwrap() < text.find("[target.rd2]").unwrap(),
        "{text}"
    );
    assert_eq!(text.matches("[target.rd]").count(), 1, "{text}");
}
