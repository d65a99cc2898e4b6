//! The PostgreSQL home (issue 12) against a REAL PostgreSQL 15 (TLS verified with a vauth CA,
//! SCRAM logins): two "runners" (separate HOME/XDG dirs, one `VAUTH_HOME=postgresql://…`) run the
//! same commands as on a directory home; 16 writers × 50 operations lose nothing; two
//! `rotate apply --due` at once rotate each key once; a runner killed at each journaled step of a
//! rotation is resumed by the other; bad connections, missing GRANTs and a restart mid-command
//! fail clearly and lose nothing; `home export` → `import` → `export` is byte-identical.

use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::postgres::{HOME_MASTER_KEY as MASTER_KEY, PG_ADMIN_PW, Pg, start_pg};
use crate::util::{TestEnv, test_hooks};

/// A PostgreSQL server (its TLS certificate from `ca`'s CA) that holds the homes.
struct Fleet {
    pg: Pg,
    _ca: TestEnv,
}

fn fleet() -> Option<Fleet> {
    let ca = TestEnv::new();
    ca.run(&["init"]).ok();
    ca.run(&["ca", "init"]).ok();
    let pg = start_pg(&ca)?;
    Some(Fleet { pg, _ca: ca })
}

fn at(days: i64) -> String {
    crate::util::rfc3339(time::OffsetDateTime::now_utc() + time::Duration::days(days))
}

impl Fleet {
    /// The home URL of home `name`, as the README writes it.
    fn url(&self, name: &str) -> String {
        self.pg.home_url(name)
    }

    /// A runner of home `name` (see [`Pg::runner`]).
    fn runner(&self, name: &str) -> TestEnv {
        self.pg.runner(name)
    }

    /// state.json of home `name`, read from the database.
    fn state(&self, name: &str) -> Value {
        let text = self.pg.admin(&format!(
            "SELECT convert_from(state, 'UTF8') FROM vauth.home WHERE name = '{name}'"
        ));
        let mut v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        // API keys and certificates live in the home's buckets: merged as a schema-1
        // state.json held them.
        for (kind, member) in [("k", "api_keys"), ("c", "certs")] {
            let all = self.pg.admin(&format!(
                "SELECT coalesce(json_object_agg(k.key, k.value), '{{}}') FROM vauth.bucket b, \
                 json_each(convert_from(b.data, 'UTF8')::json) k \
                 WHERE b.home = '{name}' AND b.id LIKE '{kind}-%'"
            ));
            v[member] = serde_json::from_str(&all).unwrap_or_else(|e| panic!("{e}: {all}"));
        }
        v
    }

    /// The actions of home `name`'s audit rows, in order.
    fn actions(&self, name: &str) -> Vec<String> {
        self.pg
            .admin(&format!(
                "SELECT line::json->>'action' FROM vauth.audit WHERE home = '{name}' ORDER BY seq"
            ))
            .lines()
            .map(str::to_string)
            .collect()
    }

    fn generation(&self, name: &str) -> String {
        self.pg.admin(&format!(
            "SELECT generation FROM vauth.home WHERE name = '{name}'"
        ))
    }
}

/// Hold home `name`'s write lock from a psql session for `secs` seconds; returns once it is held.
fn hold_lock(f: &Fleet, name: &str, secs: u32) -> std::process::Child {
    let child = std::process::Command::new("psql")
        .args([
            "-h",
            f.pg.cluster.run.to_str().unwrap(),
            "-p",
            &f.pg.port.to_string(),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-tAc",
            &format!(
                "SELECT pg_advisory_lock({}, hashtext('{name}')); SELECT pg_sleep({secs})",
                0x7661_7574
            ),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    crate::util::wait_until("psql holds the home's lock", 20, || {
        f.pg.admin(&format!(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted \
             AND objid = hashtext('{name}')::oid"
        )) == "1"
    });
    child
}

/// Two runners on one database home: the same commands, JSON and exit codes as a directory home;
/// init from both at once creates one home; the database never holds a plaintext secret;
/// readers take no lock; a writer waiting in vain names the holder.
#[test]
fn pg_home_runs_the_same_commands_for_two_runners() {
    let Some(f) = fleet() else { return };
    let (a, b) = (f.runner("fleet"), f.runner("fleet"));
    // Both runners run `vauth init` at once: one home, one schema migration.
    let ca = a.command().arg("--json").arg("init").output().unwrap();
    let cb = b.command().arg("--json").arg("init").output().unwrap();
    for o in [&ca, &cb] {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert_eq!(
        f.pg.admin("SELECT string_agg(version::text, ',') FROM vauth.schema_version"),
        "1,2"
    );
    let init: Vec<Value> = [&ca, &cb]
        .iter()
        .map(|o| serde_json::from_slice(&o.stdout).unwrap())
        .collect();
    assert_eq!(
        init.iter().filter(|j| j["created"] == true).count(),
        1,
        "{init:?}"
    );
    assert_eq!(init[0]["home_id"], init[1]["home_id"]);
    assert!(
        init[0]["home"]
            .as_str()
            .unwrap()
            .ends_with("/postgres (home fleet)"),
        "{init:?}"
    );

    // Made on runner a, verified on runner b.
    let key = a.create("qdrant-prod");
    b.run_in(&["key", "verify", "qdrant-prod"], &key)
        .ok()
        .stdout_has("valid: qdrant-prod v1");
    b.run_in(&["key", "verify", "qdrant-prod"], "not-the-key")
        .code(1);
    // The same list on both runners, at the same instant (`--at`: the runs may straddle a second).
    let at = "2030-01-01T00:00:00Z";
    let list_a = a.run(&["--json", "key", "list", "--at", at]).json();
    let list_b = b.run(&["--json", "key", "list", "--at", at]).json();
    assert_eq!(list_a, list_b);
    b.run(&["jwt", "key", "create", "sig", "--alg", "HS256"])
        .ok();
    let token = a
        .run(&[
            "jwt", "sign", "--key", "sig", "--sub", "svc", "--exp", "5m", "--subtle",
        ])
        .ok()
        .line();
    b.run_in(&["jwt", "verify", "--key", "sig", "--subtle"], &token)
        .ok();
    let st = a.run(&["--json", "status"]).json();
    assert_eq!(st["keys"]["total"], 1, "{st}");
    b.run(&["audit", "verify"])
        .ok()
        .stdout_has("audit lines intact");
    assert_eq!(
        f.actions("fleet"),
        ["home.init", "key.create", "jwt.key.create"]
    );

    // The database holds ciphertext only: neither the key nor the JWT secret appears.
    let rows = f.pg.admin(
        "SELECT encode(state, 'escape') || encode(vault, 'escape') || config FROM vauth.home",
    ) + &f.pg.admin("SELECT string_agg(line, '') FROM vauth.audit");
    assert!(rows.len() > 1000, "{rows}");
    assert!(!rows.contains(key.trim()), "the key is in the database");

    // Another session holds the write lock: readers do not wait; a writer waits, then names it.
    let mut holder = hold_lock(&f, "fleet", 30);
    let t = Instant::now();
    b.run(&["key", "list"]).ok();
    b.run_in(&["key", "verify", "qdrant-prod"], &key).ok();
    b.run(&["key", "show", "qdrant-prod"]).ok();
    assert!(t.elapsed() < Duration::from_secs(10), "readers waited");
    let w = a.run_with(
        &["key", "create", "blocked"],
        None,
        &[("VAUTH_LOCK_TIMEOUT", "1")],
    );
    w.code(3)
        .stderr_has("another vauth process holds the lock on the home")
        .stderr_has("held by psql");
    let _ = holder.kill();
    let _ = holder.wait();
    a.run(&["key", "show", "blocked"]).code(3);
    a.create("unblocked");
}

/// 16 writer processes × 50 operations, split across two runners, on one database home: every
/// key recorded, none lost, the audit chain intact.
#[test]
fn pg_home_sixteen_writers_on_two_runners_lose_nothing() {
    let Some(f) = fleet() else { return };
    const WRITERS: usize = 16;
    const OPS: usize = 50;
    let runners = [f.runner("busy"), f.runner("busy")];
    runners[0].run(&["init"]).ok();
    let handles: Vec<_> = (0..WRITERS)
        .map(|w| {
            let script = format!(
                "for i in $(seq 1 {OPS}); do \"$0\" key create w{w}-k$i --json >/dev/null || \
                 {{ echo \"w{w}-k$i failed: $?\" >&2; exit 1; }}; done"
            );
            let mut c = runners[w % 2].wrapper("sh");
            c.arg("-c").arg(script).arg(crate::util::bin());
            c.stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // Meanwhile a reader (no lock) verifies the audit log and exports the home: each sees one
    // consistent home, never a state and a log from different commits.
    let reader = f.runner("busy");
    for i in 0..8 {
        reader.run(&["audit", "verify"]).ok();
        reader.run(&["home", "export", &format!("export-{i}")]).ok();
    }
    for h in handles {
        let o = h.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let st = f.state("busy");
    assert!(
        st.get("tables").is_some(),
        "800 keys: state names bucket tables"
    );
    // 800 commits stored their tables in packs whose rows are slots, reused: fewer than 80
    // rows, never deleted, and each pack the state names is the row of that id.
    let packs = st["packs"].as_object().unwrap();
    let rows =
        f.pg.admin("SELECT count(*) FROM vauth.bucket WHERE home = 'busy' AND id LIKE 'p-%'");
    let rows: usize = rows.trim().parse().unwrap();
    assert!(
        rows >= packs.len() && rows < 80,
        "{rows} pack rows, {} named",
        packs.len()
    );
    for (id, hash) in packs {
        let h = f.pg.admin(&format!(
            "SELECT encode(sha256(data), 'hex') FROM vauth.bucket WHERE home = 'busy' AND id = '{id}'"
        ));
        assert_eq!(h.trim(), hash.as_str().unwrap(), "{id}");
    }
    let keys = st["api_keys"].as_object().unwrap();
    assert_eq!(keys.len(), WRITERS * OPS);
    for w in 0..WRITERS {
        for i in 1..=OPS {
            assert!(keys.contains_key(&format!("w{w}-k{i}")), "w{w}-k{i} lost");
        }
    }
    let actions = f.actions("busy");
    assert_eq!(actions.len(), 1 + WRITERS * OPS);
    assert_eq!(f.generation("busy"), (1 + WRITERS * OPS).to_string());
    runners[1]
        .run(&["audit", "verify"])
        .ok()
        .stdout_has(&format!("{} audit lines intact", 1 + WRITERS * OPS));
}

/// Runner `env`'s home holds keys `names` pushed to the PostgreSQL target `pg` with a policy
/// (max age 1 day, grace 1 hour) for each; returns each key's v1.
fn rotating_home(
    f: &Fleet,
    env: &TestEnv,
    names: &[&str],
) -> std::collections::BTreeMap<String, String> {
    let mut v1 = std::collections::BTreeMap::new();
    env.run(&["init"]).ok();
    f.pg.add_target(env, "pg");
    let mut cfg = env.run(&["home", "config"]).ok().stdout.clone();
    for n in names {
        v1.insert(n.to_string(), env.create(n));
        env.run(&["push", n, "--to", "pg"]).ok();
        cfg.push_str(&format!(
            "\n[[policy]]\ncredential = \"{n}\"\nmax_age = \"1d\"\ngrace = \"1h\"\n"
        ));
    }
    let p = env.write("policy.toml", &cfg);
    env.run(&["home", "config", "--set", p.to_str().unwrap()])
        .ok();
    v1
}

/// Whether `secret`, as `key`'s version `v`, logs in to the PostgreSQL target (a real TLS +
/// SCRAM login).
fn logs_in(f: &Fleet, key: &str, v: u32, secret: &str) -> bool {
    let role = format!(
        "{}_{}",
        key.replace('-', "_"),
        if v % 2 == 1 { "a" } else { "b" }
    );
    f.pg.login(&role, secret.trim(), "SELECT 1").0
}

/// Two `rotate apply --due` from different runners at the same instant: each due key is rotated
/// exactly once (one successor, pushed once), whichever runner did it.
#[test]
fn pg_home_two_runners_rotate_each_due_key_once() {
    if !test_hooks("pg_home::pg_home_two_runners_rotate_each_due_key_once") {
        return;
    }
    let Some(f) = fleet() else { return };
    let names = ["due-a", "due-b", "due-c"];
    let (a, b) = (f.runner("rot"), f.runner("rot"));
    let v1 = rotating_home(&f, &a, &names);
    let t = at(2);
    let spawn = |env: &TestEnv| {
        env.command()
            .args(["--json", "rotate", "apply", "--due", "--yes"])
            .env("VAUTH_TEST_NOW", &t)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (ha, hb) = (spawn(&a), spawn(&b));
    let outs = [
        ha.wait_with_output().unwrap(),
        hb.wait_with_output().unwrap(),
    ];
    let mut rotated = Vec::new();
    for o in &outs {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let j: Value = serde_json::from_slice(&o.stdout).unwrap();
        for r in j["rotated"].as_array().into_iter().flatten() {
            rotated.push(r["credential"].as_str().unwrap().to_string());
        }
    }
    rotated.sort();
    assert_eq!(rotated, names, "each key rotated once: {rotated:?}");
    let st = f.state("rot");
    for n in names {
        let versions = st["api_keys"][n]["versions"].as_array().unwrap();
        assert_eq!(versions.len(), 2, "{n}: {versions:?}");
        assert_eq!(versions[1]["pushed"].as_array().unwrap().len(), 1, "{n}");
        assert!(logs_in(&f, n, 2, &b.reveal(n, 2)), "{n} v2 does not log in");
        assert!(
            logs_in(&f, n, 1, &v1[n]),
            "{n} v1 (in grace) does not log in"
        );
    }
    let begun = f
        .actions("rot")
        .iter()
        .filter(|a| *a == "rotate.begin")
        .count();
    assert_eq!(begun, names.len());
    b.run(&["audit", "verify"]).ok();
}

/// A runner SIGKILLed (VAUTH_TEST_CRASH) at each journaled step of a rotation and at each commit
/// point; the other runner resumes: exactly one successor, which logs in; the old version stays
/// valid until the grace ends and is refused after the finalize; nothing revoked early.
#[test]
fn pg_home_rotation_killed_at_each_step_is_resumed_by_the_other_runner() {
    if !test_hooks("pg_home::pg_home_rotation_killed_at_each_step_is_resumed_by_the_other_runner") {
        return;
    }
    let Some(f) = fleet() else { return };
    let points = [
        "rotate-created",
        "rotate-before-push",
        "rotate-after-push",
        "rotate-after-current",
        "rotate-done",
        "after-vault",
        "after-state",
        "after-audit",
    ];
    let names: Vec<String> = (0..points.len()).map(|i| format!("kill-{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let (a, b) = (f.runner("kill"), f.runner("kill"));
    let v1 = rotating_home(&f, &a, &refs);
    let (t1, t2) = (at(2), at(3));
    for (point, name) in points.iter().zip(&names) {
        let r = a.run_with(
            &["rotate", "apply", name],
            None,
            &[("VAUTH_TEST_NOW", &t1), ("VAUTH_TEST_CRASH", point)],
        );
        assert_ne!(r.code, 0, "{point}: the runner should have died");
        // The other runner resumes an unfinished rotation; a run killed after its last step
        // left nothing to resume (rotating again would be a second successor).
        let before = f.state("kill");
        if before["rotations"].get(name).is_some()
            || before["api_keys"][name]["versions"]
                .as_array()
                .unwrap()
                .len()
                < 2
        {
            b.run_with(&["rotate", "apply", name], None, &[("VAUTH_TEST_NOW", &t1)])
                .ok();
        }
        let st = f.state("kill");
        let versions = st["api_keys"][name]["versions"].as_array().unwrap();
        assert_eq!(versions.len(), 2, "{point}: one successor: {versions:?}");
        assert!(st["rotations"].get(name).is_none(), "{point}: journal left");
        assert!(
            logs_in(&f, name, 2, &b.reveal(name, 2)),
            "{point}: v2 does not log in"
        );
        assert!(
            logs_in(&f, name, 1, &v1[name]),
            "{point}: v1 revoked in its grace"
        );
    }
    // The grace ends; runner a finalizes: every v1 is refused, every v2 still logs in.
    a.run_with(&["rotate", "finalize"], None, &[("VAUTH_TEST_NOW", &t2)])
        .ok();
    for name in &names {
        assert!(!logs_in(&f, name, 1, &v1[name]), "{name} v1 still logs in");
        assert!(logs_in(&f, name, 2, &a.reveal(name, 2)), "{name} v2 lost");
    }
    b.run(&["audit", "verify"]).ok();
    b.run_with(&["target", "drift", "pg"], None, &[("VAUTH_TEST_NOW", &t2)])
        .ok();
}

/// Bad URLs are usage errors (exit 2); an unreachable database, a wrong CA, a wrong password, a
/// role without the GRANTs and a restart mid-command are exit 3 with a message that says what
/// to fix, and lose nothing.
#[test]
fn pg_home_bad_connections_fail_clearly_and_lose_nothing() {
    let Some(f) = fleet() else { return };
    let a = f.runner("errs");
    a.run(&["init"]).ok();
    a.create("kept");
    let gen_before = f.generation("errs");
    let with_home = |url: &str| a.run_with(&["key", "create", "x"], None, &[("VAUTH_HOME", url)]);
    let port = f.pg.port;
    let ca = f.pg.ca.display().to_string();
    for (url, why) in [
        (
            format!("postgresql://postgres:pw@127.0.0.1:{port}/postgres?sslrootcert={ca}"),
            "password",
        ),
        (
            format!(
                "postgresql://postgres@127.0.0.1:{port}/postgres?sslmode=require&sslrootcert={ca}"
            ),
            "sslmode=require",
        ),
        (
            format!("postgresql://postgres@db.example:{port}/postgres?sslmode=disable"),
            "not a loopback host",
        ),
        (
            format!("postgresql://postgres@127.0.0.1:{port}/postgres?sslrootcert={ca}&hom=x"),
            "\"hom\"",
        ),
    ] {
        with_home(&url).code(2).stderr_has(why);
    }
    // A typo in home= is not a new empty home: only `vauth init` makes one.
    with_home(&f.url("errz"))
        .code(3)
        .stderr_has("no vauth home")
        .stderr_has("vauth init");
    assert_eq!(
        f.pg.admin("SELECT count(*) FROM vauth.home WHERE name = 'errz'"),
        "0"
    );
    // Unreachable: nothing listens on the port.
    let dead = crate::util::free_port();
    with_home(&format!(
        "postgresql://postgres@127.0.0.1:{dead}/postgres?sslrootcert={ca}&home=errs"
    ))
    .code(3)
    .stderr_has("cannot open the home")
    .stderr_has("reachable");
    // A CA that did not sign the server's certificate.
    let other = TestEnv::new();
    other.run(&["init"]).ok();
    other.run(&["ca", "init"]).ok();
    other.run(&["ca", "export", "--out", "other-ca.pem"]).ok();
    let wrong_ca = other.path("other-ca.pem");
    with_home(&format!(
        "postgresql://postgres@127.0.0.1:{port}/postgres?sslrootcert={}&home=errs",
        wrong_ca.display()
    ))
    .code(3)
    .stderr_has("sslrootcert");
    // A wrong password.
    a.run_with(
        &["key", "create", "x"],
        None,
        &[("PGPASSWORD", "not-the-password")],
    )
    .code(3)
    .stderr_has("password authentication failed")
    .stderr_has("PGPASSWORD");
    // The libpq password file: used when it is 0600, refused (not skipped) when others may read it.
    let pass = a.write(
        "pgpass",
        &format!(
            "# host:port:db:user:password\n127.0.0.1:{port}:postgres:postgres:{PG_ADMIN_PW}\n"
        ),
    );
    let via_file = |mode: u32| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pass, std::fs::Permissions::from_mode(mode)).unwrap();
        a.run_with(
            &["key", "list"],
            None,
            &[("PGPASSWORD", ""), ("PGPASSFILE", pass.to_str().unwrap())],
        )
    };
    via_file(0o644)
        .code(3)
        .stderr_has("may be read by others")
        .stderr_has("chmod 600");
    via_file(0o600).ok().stdout_has("kept");
    assert_eq!(f.generation("errs"), gen_before, "a failed run wrote");

    // A role with fewer GRANTs than docs/postgres-home.md lists: reads work, writes fail whole.
    f.pg.admin(
        "CREATE ROLE reader LOGIN PASSWORD 'reader-pw-5d1'; \
         GRANT USAGE ON SCHEMA vauth TO reader; \
         GRANT SELECT ON vauth.schema_version, vauth.home, vauth.bucket, vauth.audit TO reader",
    );
    let reader_url = f.url("errs").replace("postgres@", "reader@");
    let r = |args: &[&str]| {
        a.run_with(
            args,
            None,
            &[("VAUTH_HOME", &reader_url), ("PGPASSWORD", "reader-pw-5d1")],
        )
    };
    r(&["key", "list"]).ok().stdout_has("kept");
    r(&["key", "create", "x"])
        .code(3)
        .stderr_has("permission denied")
        .stderr_has("docs/postgres-home.md");
    assert_eq!(f.generation("errs"), gen_before);
    // The documented GRANTs are enough; the audit rows stay append-only even for their owner.
    f.pg.admin(
        "GRANT INSERT, UPDATE ON vauth.home, vauth.bucket TO reader; GRANT INSERT ON vauth.audit TO reader",
    );
    r(&["key", "create", "by-reader"]).ok();
    let (ok, out) = f.pg.login(
        "postgres",
        PG_ADMIN_PW,
        "UPDATE vauth.audit SET line = 'x' WHERE seq = 1",
    );
    assert!(!ok && out.contains("append-only"), "{out}");

    // The server restarts while a writer waits for the lock: exit 3, then the next run works.
    let mut holder = hold_lock(&f, "errs", 60);
    let waiter = a
        .command()
        .args(["key", "create", "during-restart"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    f.pg.restart();
    let _ = holder.kill();
    let _ = holder.wait();
    let o = waiter.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains("the home's database could not"), "{err}");
    a.create("after-restart");
    let st = f.state("errs");
    assert!(st["api_keys"].get("during-restart").is_none());
    for k in ["kept", "by-reader", "after-restart"] {
        assert!(st["api_keys"].get(k).is_some(), "{k} lost");
    }
    a.run(&["audit", "verify"]).ok();
}

/// `home export` → `home import` → `home export` round-trips byte-identically (state, vault,
/// audit, config); neither direction overwrites; a tampered log is not copied.
#[test]
fn pg_home_export_import_export_is_byte_identical() {
    let Some(f) = fleet() else { return };
    let a = f.runner("src");
    a.run(&["init"]).ok();
    let k1 = a.create("k1");
    a.run(&["ca", "init"]).ok();
    a.run(&["cert", "issue", "alice", "--out", "alice.pem"])
        .ok();
    a.run(&["jwt", "key", "create", "sig", "--alg", "ES256"])
        .ok();
    a.run(&["home", "export", "copy1"]).ok();
    // Into another home of the same database, then out again.
    let b = f.runner("dst");
    b.run(&["home", "import", a.path("copy1").to_str().unwrap()])
        .ok();
    b.run(&["home", "export", "copy2"]).ok();
    let mut files: Vec<String> = ["state.json", "secrets.vault", "audit.log", "vauth.toml"]
        .map(String::from)
        .to_vec();
    let mut buckets: Vec<String> = std::fs::read_dir(a.path("copy1/buckets"))
        .unwrap()
        .flatten()
        .map(|e| format!("buckets/{}", e.file_name().to_string_lossy()))
        .collect();
    assert!(
        buckets.iter().any(|n| n.ends_with(".vault")),
        "the sealed buckets are exported: {buckets:?}"
    );
    buckets.sort();
    files.extend(buckets);
    for file in &files {
        assert_eq!(
            std::fs::read(a.path("copy1").join(file)).unwrap(),
            std::fs::read(b.path("copy2").join(file)).unwrap(),
            "{file} differs"
        );
    }
    assert_eq!(
        std::fs::read_dir(b.path("copy2/buckets")).unwrap().count() + 4,
        files.len(),
        "the same buckets, no more"
    );
    assert_eq!(a.mode(&a.path("copy1/secrets.vault")), 0o600);
    b.run(&["--yes", "key", "show", "k1", "--reveal"])
        .ok()
        .stdout_has(&k1);
    b.run(&["audit", "verify"]).ok();
    // Never overwrite: an existing home, a non-empty directory.
    b.run(&["home", "import", a.path("copy1").to_str().unwrap()])
        .code(3)
        .stderr_has("already exists");
    a.run(&["home", "export", "copy1"])
        .code(3)
        .stderr_has("not empty");
    // A directory home whose audit log was edited is not imported.
    let log = a.path("copy1/audit.log");
    let t = std::fs::read_to_string(&log)
        .unwrap()
        .replace("\"k1\"", "\"k9\"");
    std::fs::write(&log, t).unwrap();
    let c = f.runner("tampered");
    c.run(&["home", "import", a.path("copy1").to_str().unwrap()])
        .code(3)
        .stderr_has("fails its check");
    assert_eq!(
        f.pg.admin("SELECT count(*) FROM vauth.home WHERE name = 'tampered'"),
        "0"
    );
}

/// A runner logs in with a client certificate from vauth's own CA (no password anywhere), as a
/// role holding exactly the GRANTs docs/postgres-home.md lists.
#[test]
fn pg_home_runner_logs_in_with_a_vauth_client_certificate_and_the_documented_grants() {
    let ca = TestEnv::new();
    ca.run(&["init"]).ok();
    ca.run(&["ca", "init"]).ok();
    let Some((cluster, ca_file)) = crate::util::postgres::start_cert_pg(&ca) else {
        return;
    };
    let base = format!(
        "127.0.0.1:{}/postgres?sslmode=verify-full&sslrootcert={}&home=certs",
        cluster.port,
        ca_file.display()
    );
    // The owner creates the schema and the home (password login).
    let owner = TestEnv::new()
        .with_env("VAUTH_HOME", &format!("postgresql://postgres@{base}"))
        .with_env("PGPASSWORD", PG_ADMIN_PW)
        .with_env("VAUTH_MASTER_KEY", MASTER_KEY);
    owner.secret(PG_ADMIN_PW);
    owner.run(&["init"]).ok();
    owner.create("from-owner");
    cluster.admin(
        "CREATE ROLE vauth_runner LOGIN IN ROLE cert_users; \
         GRANT USAGE ON SCHEMA vauth TO vauth_runner; \
         GRANT SELECT ON vauth.schema_version TO vauth_runner; \
         GRANT SELECT, INSERT, UPDATE ON vauth.home, vauth.bucket TO vauth_runner; \
         GRANT SELECT, INSERT ON vauth.audit TO vauth_runner",
    );
    ca.run(&["cert", "issue", "vauth_runner", "--out", "runner"])
        .ok();
    let (crt, key) = (
        ca.path("runner/vauth_runner.crt"),
        ca.path("runner/vauth_runner.key"),
    );
    let runner = TestEnv::new()
        .with_env(
            "VAUTH_HOME",
            &format!(
                "postgresql://vauth_runner@{base}&sslcert={}&sslkey={}",
                crt.display(),
                key.display()
            ),
        )
        .with_env("VAUTH_MASTER_KEY", MASTER_KEY);
    runner.run(&["init"]).ok();
    runner.create("from-runner");
    runner
        .run(&["key", "list"])
        .ok()
        .stdout_has("from-owner")
        .stdout_has("from-runner");
    runner.run(&["audit", "verify"]).ok();
    // Without its certificate the runner is not let in (no password to fall back on).
    runner
        .run_with(
            &["key", "list"],
            None,
            &[("VAUTH_HOME", &format!("postgresql://vauth_runner@{base}"))],
        )
        .code(3)
        .stderr_has("cannot open the home");
}

/// SECURITY.md attacker 7, the database's administrator: the rows hold no plaintext secret (see
/// the first test); a state edited in the database (a key's version removed) is refused by every
/// writer and by `audit verify` (exit 3) and is not written on; audit rows cannot be changed or
/// removed, even by the owner, while the trigger stands.
#[test]
fn attack_pg_home_edited_by_the_database_administrator_is_refused() {
    let Some(f) = fleet() else { return };
    let a = f.runner("dba");
    a.run(&["init"]).ok();
    a.create("app");
    a.run(&["key", "rotate", "app"]).ok();
    let gen_before = f.generation("dba");
    // The administrator renumbers v1 in the record (e.g. to hide a leaked version): in the
    // key's bucket row, then (the bucket put back) in the state row.
    let saved = f
        .pg
        .admin("SELECT encode(data, 'hex') FROM vauth.bucket WHERE home = 'dba' AND id LIKE 'k-%'");
    f.pg.admin(
        "UPDATE vauth.bucket SET data = convert_to(regexp_replace(convert_from(data, 'UTF8'), \
         '\"version\": ?1,', '\"version\":7,'), 'UTF8') WHERE home = 'dba' AND id LIKE 'k-%'",
    );
    a.run(&["key", "rotate", "app"])
        .code(3)
        .stderr_has("the bucket k-");
    a.run(&["audit", "verify"])
        .code(3)
        .stderr_has("the bucket k-");
    f.pg.admin(&format!(
        "UPDATE vauth.bucket SET data = decode('{saved}', 'hex') WHERE home = 'dba' AND id LIKE 'k-%'"
    ));
    a.run(&["audit", "verify"]).ok();
    f.pg.admin(
        "UPDATE vauth.home SET state = convert_to(regexp_replace(convert_from(state, 'UTF8'), \
         '\"count\": ', '\"count\": 1'), 'UTF8') WHERE name = 'dba'",
    );
    assert_eq!(
        f.pg.admin("SELECT count(*) FROM vauth.home WHERE name = 'dba' AND convert_from(state, 'UTF8') LIKE '%\"count\": 1%'"),
        "1",
        "the state row was edited"
    );
    a.run(&["key", "create", "more"])
        .code(3)
        .stderr_has("state.json failed its integrity check");
    a.run(&["audit", "verify"])
        .code(3)
        .stderr_has("state.json failed its integrity check");
    assert_eq!(
        f.generation("dba"),
        gen_before,
        "a writer wrote on an edited state"
    );
    for sql in [
        "UPDATE vauth.audit SET line = 'x' WHERE home = 'dba' AND seq = 2",
        "DELETE FROM vauth.audit WHERE home = 'dba' AND seq = 3",
        "TRUNCATE vauth.audit",
    ] {
        let (ok, out) = f.pg.login("postgres", PG_ADMIN_PW, sql);
        assert!(!ok && out.contains("append-only"), "{sql}: {out}");
    }
    assert_eq!(
        f.pg.admin("SELECT count(*) FROM vauth.audit WHERE home = 'dba'"),
        "3"
    );
}
