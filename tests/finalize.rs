//! Journaled take-backs (issue 16 §1) against the REAL PostgreSQL 15 and Redis 7: `rotate
//! finalize` and `key revoke` SIGKILLed before and after each remote revocation (the test-hooks
//! crash points `revoke-before-remote` / `revoke-after-remote`, the test clock) are finished by
//! the next run; `target drift` says "revocation pending" meanwhile; a failing finalize prints
//! its error once; a revoked version is no longer `kept`; the drift table's columns line up.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::postgres::{PG_ADMIN_PW, Pg, start_pg};
use crate::util::redis::{REDIS_ADMIN_PW, RedisServer, start_redis};
use crate::util::{TestEnv, free_port, sha256_hex, state, test_hooks};

fn at(days: i64) -> String {
    (time::OffsetDateTime::now_utc() + time::Duration::days(days))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

/// The servers one test shares: Redis, and PostgreSQL (its TLS certificate from `_ca`'s CA).
struct Servers {
    redis: RedisServer,
    pg: Pg,
    _ca: TestEnv,
}

fn servers() -> Option<Servers> {
    let redis = start_redis()?;
    let ca = TestEnv::new();
    ca.run(&["init"]).ok();
    ca.run(&["ca", "init"]).ok();
    let pg = start_pg(&ca)?;
    Some(Servers { redis, pg, _ca: ca })
}

/// A home with targets `rd` (Redis) and `pg` (PostgreSQL), and API key `name` pushed to `rd`
/// first, then `pg`: (env, v1's key).
fn home(sv: &Servers, name: &str) -> (TestEnv, String) {
    let env = TestEnv::new()
        .with_env("R_ADMIN", REDIS_ADMIN_PW)
        .with_env("PG_ADMIN", PG_ADMIN_PW);
    env.secret(REDIS_ADMIN_PW);
    env.secret(PG_ADMIN_PW);
    env.run(&["init"]).ok();
    sv.redis.add_target(&env, "rd");
    sv.pg.add_target(&env, "pg");
    let k1 = env.create(name);
    env.run(&["push", name, "--to", "rd"]).ok();
    env.run(&["push", name, "--to", "pg"]).ok();
    (env, k1)
}

fn policy(env: &TestEnv, name: &str) {
    let p = env.home().join("vauth.toml");
    let mut t = std::fs::read_to_string(&p).unwrap();
    t.push_str(&format!(
        "\n[[policy]]\ncredential = \"{name}\"\nmax_age = \"1d\"\ngrace = \"1h\"\n"
    ));
    std::fs::write(&p, t).unwrap();
}

fn can_login(pg: &Pg, role: &str) -> String {
    pg.admin(&format!(
        "SELECT rolcanlogin FROM pg_roles WHERE rolname = '{role}'"
    ))
}

/// Version `v` of `name` in state.json.
fn version(env: &TestEnv, name: &str, v: usize) -> Value {
    state(env)["api_keys"][name]["versions"][v - 1].clone()
}

/// Every push of version `v` of `name` is recorded taken back, the version revoked and no longer
/// kept, and the revocation journal is empty.
fn recorded_revoked(env: &TestEnv, name: &str, v: usize) {
    let x = version(env, name, v);
    assert!(x["revoked_at"].is_string(), "v{v} not revoked: {x}");
    assert_eq!(x["kept"], false, "a revoked version is not kept: {x}");
    let pushed = x["pushed"].as_array().unwrap();
    assert_eq!(pushed.len(), 2);
    assert!(
        pushed.iter().all(|p| p["revoked_at"].is_string()),
        "{pushed:?}"
    );
    assert!(
        state(env)["revoking"].is_null(),
        "{}",
        state(env)["revoking"]
    );
}

/// `target drift T` at `now`: (exit code, JSON).
fn drift(env: &TestEnv, t: &str, now: &str) -> (i32, Value) {
    let d = env.run_with(
        &["--json", "target", "drift", t],
        None,
        &[("VAUTH_TEST_NOW", now)],
    );
    (d.code, d.json())
}

fn pending_note(rows: &Value) -> bool {
    rows["rows"].as_array().unwrap().iter().any(|r| {
        r["note"]
            .as_str()
            .is_some_and(|n| n.contains("revocation pending (run `vauth rotate finalize`)"))
    })
}

/// The scenario, deterministic: a key on Redis and PostgreSQL, `rotate apply`, the grace
/// ends, `rotate finalize` is killed before / after Redis removed v1's hash (before the record).
/// The next `rotate finalize` exits 0 and records v1 revoked; Redis holds one hash, v1's role
/// cannot log in, drift is clean, revoking v2 works, the audit log verifies.
#[test]
fn finalize_killed_around_a_remote_revoke_is_finished_by_the_next_run() {
    if !test_hooks("finalize::finalize_killed_around_a_remote_revoke_is_finished_by_the_next_run") {
        return;
    }
    let Some(sv) = servers() else { return };
    for (i, point) in ["revoke-after-remote", "revoke-before-remote"]
        .into_iter()
        .enumerate()
    {
        let name = format!("svc-fin{i}");
        let (env, k1) = home(&sv, &name);
        policy(&env, &name);
        let t1 = at(2);
        let r = env.run_with(
            &["rotate", "apply", &name],
            None,
            &[("VAUTH_TEST_NOW", &t1)],
        );
        r.ok();
        let k2 = env.reveal(&name, 2);
        let (h1, h2) = (sha256_hex(&k1), sha256_hex(&k2));
        assert_eq!(
            sv.redis.password_hashes(&name),
            BTreeSet::from([h1.clone(), h2.clone()])
        );
        let role = |s: &str| format!("{}_{s}", name.replace('-', "_"));

        // The grace (1h) ended; finalize dies at `point`, on its first take-back (Redis).
        let t2 = at(3);
        let r = env.run_with(
            &["rotate", "finalize"],
            None,
            &[("VAUTH_TEST_NOW", &t2), ("VAUTH_TEST_CRASH", point)],
        );
        assert_ne!(r.code, 0, "{point}: the process should have died");
        let st = state(&env);
        let j = st["revoking"].as_array().unwrap().clone();
        assert_eq!(j.len(), 1, "{point}: {j:?}");
        assert_eq!(
            (
                j[0]["credential"].as_str(),
                j[0]["version"].as_u64(),
                j[0]["target"].as_str()
            ),
            (Some(name.as_str()), Some(1), Some("rd")),
            "{point}"
        );
        assert!(version(&env, &name, 1)["revoked_at"].is_null(), "{point}");
        let gone = point == "revoke-after-remote";
        assert_eq!(
            sv.redis.password_hashes(&name).contains(&h1),
            !gone,
            "{point}: Redis holds v1's hash?"
        );
        // Drift says a revocation is pending: exit 1 while Redis still lets v1 in, 0 once it
        // does not (only the record lags).
        let (code, d) = drift(&env, "rd", &t2);
        assert_eq!(code, if gone { 0 } else { 1 }, "{point}: {d}");
        assert!(pending_note(&d), "{point}: {d}");

        // The next finalize finishes it: exit 0, v1 recorded revoked everywhere.
        let f = env.run_with(
            &["--json", "rotate", "finalize"],
            None,
            &[("VAUTH_TEST_NOW", &t2)],
        );
        f.ok();
        let revoked: Vec<String> = f.json()["finalized"]["revoked"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| format!("{}:{}", x["credential"].as_str().unwrap(), x["version"]))
            .collect();
        assert_eq!(revoked, [format!("{name}:1")], "{point}");
        recorded_revoked(&env, &name, 1);
        assert_eq!(
            sv.redis.password_hashes(&name),
            BTreeSet::from([h2.clone()]),
            "{point}"
        );
        assert!(!sv.redis.cli(&name, &k1, &["PING"]).1.contains("PONG"));
        assert!(sv.redis.cli(&name, &k2, &["PING"]).1.contains("PONG"));
        assert_eq!(can_login(&sv.pg, &role("a")), "f", "{point}: v1's role");
        assert!(
            sv.pg.login(&role("b"), &k2, "SELECT 1").0,
            "{point}: v2 refused"
        );
        for t in ["rd", "pg"] {
            let (code, d) = drift(&env, t, &t2);
            assert_eq!(code, 0, "{point} {t}: {d}");
            assert!(!pending_note(&d), "{point} {t}: {d}");
        }
        // Again: nothing left to do.
        env.run_with(&["rotate", "finalize"], None, &[("VAUTH_TEST_NOW", &t2)])
            .ok()
            .stderr_has("Nothing was due.");
        // Revoking another version works (and is recorded).
        env.run_with(
            &["--yes", "key", "revoke", &name, "--version", "2"],
            None,
            &[("VAUTH_TEST_NOW", &t2)],
        )
        .ok();
        recorded_revoked(&env, &name, 2);
        assert!(sv.redis.password_hashes(&name).is_empty(), "{point}");
        assert!(
            !sv.pg.login(&role("b"), &k2, "SELECT 1").0,
            "{point}: v2 still logs in"
        );
        env.run(&["audit", "verify"]).ok();
    }
}

/// `key revoke NAME --version 1` killed before / after a remote take-back: the record revoked
/// v1 first, so `key verify` refuses it at once; the take-back is finished by running the same
/// `key revoke` again, or by `rotate finalize` (no policy needed).
#[test]
fn key_revoke_killed_at_each_point_converges() {
    if !test_hooks("finalize::key_revoke_killed_at_each_point_converges") {
        return;
    }
    let Some(sv) = servers() else { return };
    let mut n = 0;
    for point in ["revoke-before-remote", "revoke-after-remote"] {
        for resume in ["key revoke", "rotate finalize"] {
            n += 1;
            let name = format!("svc-kr{n}");
            let (env, k1) = home(&sv, &name);
            env.run(&["key", "rotate", &name, "--grace", "1h"]).ok();
            let k2 = env.reveal(&name, 2);
            let r = env.run_with(
                &["--yes", "key", "revoke", &name, "--version", "1"],
                None,
                &[("VAUTH_TEST_CRASH", point)],
            );
            assert_ne!(r.code, 0, "{point}: the process should have died");
            // Recorded first: v1 is revoked here already, its pushes wait to be taken back.
            let v1 = version(&env, &name, 1);
            assert!(v1["revoked_at"].is_string(), "{point}: {v1}");
            assert_eq!(v1["kept"], false, "{point}: {v1}");
            env.run_in(&["key", "verify"], &k1).code(1);
            let (code, d) = drift(&env, "rd", &at(0));
            assert!(pending_note(&d), "{point}: {d}");
            assert_eq!(
                code,
                if point == "revoke-after-remote" { 0 } else { 1 },
                "{point}: {d}"
            );
            match resume {
                "key revoke" => {
                    env.run(&["--yes", "key", "revoke", &name, "--version", "1"])
                        .ok();
                }
                _ => {
                    let f = env.run(&["--json", "rotate", "finalize"]);
                    f.ok();
                    assert_eq!(f.json()["finalized"]["revoked"][0]["version"], 1, "{point}");
                }
            }
            recorded_revoked(&env, &name, 1);
            assert_eq!(
                sv.redis.password_hashes(&name),
                BTreeSet::from([sha256_hex(&k2)]),
                "{point} / {resume}"
            );
            let role = |s: &str| format!("{}_{s}", name.replace('-', "_"));
            assert_eq!(can_login(&sv.pg, &role("a")), "f", "{point} / {resume}");
            assert!(sv.pg.login(&role("b"), &k2, "SELECT 1").0);
            for t in ["rd", "pg"] {
                let (code, d) = drift(&env, t, &at(0));
                assert_eq!(code, 0, "{point} / {resume} {t}: {d}");
            }
            // Once more: nothing to revoke, exit 0, no claim that a target still accepts it.
            env.run(&["--yes", "key", "revoke", &name, "--version", "1"])
                .ok()
                .stderr_has("nothing to revoke");
            env.run(&["audit", "verify"]).ok();
        }
    }
}

/// A finalize that fails (its target is unreachable) says so once and never "Nothing was due.";
/// it exits 4, and the next run, once the target is back, finishes the take-back.
#[test]
fn a_failing_finalize_prints_its_error_once() {
    if !test_hooks("finalize::a_failing_finalize_prints_its_error_once") {
        return;
    }
    let Some(redis) = start_redis() else { return };
    let env = redis.env_with_target("rd");
    let k1 = env.create("svc-fail");
    env.run(&["push", "svc-fail", "--to", "rd"]).ok();
    policy(&env, "svc-fail");
    env.run_with(
        &["rotate", "apply", "svc-fail"],
        None,
        &[("VAUTH_TEST_NOW", &at(2))],
    )
    .ok();
    // The target moves away (a port nothing listens on).
    let cfg = env.home().join("vauth.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    let dead = free_port().to_string();
    std::fs::write(&cfg, text.replace(&redis.port.to_string(), &dead)).unwrap();
    let t = at(3);
    let f = env.run_with(&["rotate", "finalize"], None, &[("VAUTH_TEST_NOW", &t)]);
    f.code(4);
    assert!(!f.stderr.contains("Nothing was due."), "{}", f.stderr);
    assert_eq!(
        f.stderr.matches(&format!("127.0.0.1:{dead}")).count(),
        1,
        "the error once: {}",
        f.stderr
    );
    assert!(!f.stderr.contains("kept svc-fail v1"), "{}", f.stderr);
    assert!(version(&env, "svc-fail", 1)["revoked_at"].is_null());
    assert!(redis.cli("svc-fail", &k1, &["PING"]).1.contains("PONG"));
    // --json: the object, then the error object.
    let j = env.run_with(
        &["--json", "rotate", "finalize"],
        None,
        &[("VAUTH_TEST_NOW", &t)],
    );
    j.code(4);
    assert_eq!(j.json()["finalized"]["held"][0]["version"], 1);
    // The target is back: the next run finishes it.
    std::fs::write(&cfg, text).unwrap();
    env.run_with(&["rotate", "finalize"], None, &[("VAUTH_TEST_NOW", &t)])
        .ok()
        .stderr_has("finalized svc-fail v1: revoked");
    assert!(!redis.cli("svc-fail", &k1, &["PING"]).1.contains("PONG"));
    let v1 = version(&env, "svc-fail", 1);
    assert!(v1["revoked_at"].is_string() && v1["kept"] == false, "{v1}");
    env.run(&["audit", "verify"]).ok();
}

/// The drift table's columns start at the same place on every line and each has a header,
/// with a long key name and user, a difference and a note.
#[test]
fn drift_table_columns_line_up() {
    let Some(redis) = start_redis() else { return };
    let env = redis.env_with_target("rd");
    let long = "a-rather-long-service-key-name-for-drift";
    let k = env.create(long);
    env.run(&["push", long, "--to", "rd"]).ok();
    env.create("s");
    env.run(&["push", "s", "--to", "rd"]).ok();
    env.run(&["key", "rotate", "s"]).ok();
    // A difference: the long key's hash removed behind vauth's back.
    redis.cli(
        "default",
        REDIS_ADMIN_PW,
        &["ACL", "SETUSER", long, &format!("!{}", sha256_hex(&k))],
    );
    let d = env.run(&["target", "drift", "rd"]);
    d.code(1);
    let lines: Vec<&str> = d.stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 4, "{}", d.stdout);
    let header = lines[0];
    let starts: Vec<usize> = ["KEY", "VERSION", "USER", "STATE.JSON", "DATABASE", "RESULT"]
        .iter()
        .map(|h| {
            header
                .find(h)
                .unwrap_or_else(|| panic!("no column {h}:\n{}", d.stdout))
        })
        .collect();
    for l in &lines[1..] {
        for &c in &starts[1..] {
            let b = l.as_bytes();
            assert!(
                b.len() > c && b[c - 1] == b' ' && b[c] != b' ',
                "column at {c} does not line up:\n{}",
                d.stdout
            );
        }
    }
    assert!(
        lines[1].starts_with(long) && lines[1].contains("DRIFT"),
        "{}",
        d.stdout
    );
}
