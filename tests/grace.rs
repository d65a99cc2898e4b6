//! The rule of 2 (issue 16 §2) against the REAL PostgreSQL 15 and Redis 7 the harness starts: an
//! API key has at most two live versions — the current one and the one before it, in its grace.
//! Rotating a third time inside one grace ends the oldest (only with --yes: exit 2 and nothing
//! changed without it); after each step the current and the in-grace version log in for real
//! (psql, redis-cli AUTH), the ended one is refused, and the record says exactly that (`key
//! verify`, `key show`, `target drift`, `ACL GETUSER`). Both `key rotate` and `rotate apply`.

use serde_json::Value;

use crate::util::postgres::{PG_ADMIN_PW, Pg, start_pg};
use crate::util::redis::{REDIS_ADMIN_PW, RedisServer, start_redis};
use crate::util::{TestEnv, sha256_hex, skip, state};

/// A home with a CA, target `pg` (the real PostgreSQL) and `cache` (the real Redis).
fn setup() -> Option<(TestEnv, Pg, RedisServer)> {
    if crate::util::postgres::root_without_postgres_user() {
        skip("grace: running as root and there is no postgres OS user");
        return None;
    }
    let env = TestEnv::new()
        .with_env("R_ADMIN", REDIS_ADMIN_PW)
        .with_env("PG_ADMIN", PG_ADMIN_PW);
    env.secret(REDIS_ADMIN_PW);
    env.secret(PG_ADMIN_PW);
    let redis = start_redis()?;
    env.run(&["init"]).ok();
    env.run(&["ca", "init"]).ok();
    let pg = start_pg(&env)?;
    redis.add_target(&env, "cache");
    pg.add_target(&env, "pg");
    Some((env, pg, redis))
}

/// The PostgreSQL login role of version `v` of a key whose base role is `base`.
fn role(base: &str, v: u32) -> String {
    format!("{base}_{}", if v % 2 == 1 { "a" } else { "b" })
}

/// Whether version `v` (`key`) of key `name` logs in on both servers: psql as its login role,
/// redis-cli AUTH as the ACL user. Both must agree.
fn logs_in(pg: &Pg, redis: &RedisServer, name: &str, v: u32, key: &str) -> bool {
    let base = name.replace('-', "_");
    let p = pg.login(&role(&base, v), key, "SELECT current_user").0;
    let r = redis.cli(name, key, &["PING"]).1.contains("PONG");
    assert_eq!(p, r, "{name} v{v}: postgres says {p}, redis says {r}");
    p
}

/// The password hashes the Redis ACL user `name` holds.
fn hashes(redis: &RedisServer, name: &str) -> Vec<String> {
    let (_, out) = redis.cli("default", REDIS_ADMIN_PW, &["ACL", "GETUSER", name]);
    out.lines()
        .map(str::trim)
        .filter(|l| l.len() == 64 && l.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string)
        .collect()
}

/// What the record and the servers say must agree: `target drift` exits 0 on both.
fn no_drift(env: &TestEnv) {
    env.run(&["target", "drift", "pg"]).ok();
    env.run(&["target", "drift", "cache"]).ok();
}

/// The role password PostgreSQL holds for `role` (a SCRAM verifier), to see it unchanged.
fn rolpassword(pg: &Pg, role: &str) -> String {
    pg.admin(&format!(
        "SELECT coalesce(rolpassword, '') FROM pg_authid WHERE rolname = '{role}'"
    ))
}

#[test]
fn key_rotate_three_times_inside_a_grace_keeps_two_live_on_real_postgres_and_redis() {
    let Some((env, pg, redis)) = setup() else {
        return;
    };
    let k1 = env.create("gk");
    env.run(&["push", "gk", "--to", "pg"]).ok();
    env.run(&["push", "gk", "--to", "cache"]).ok();
    assert!(logs_in(&pg, &redis, "gk", 1, &k1));

    // v2 on gk_b: both log in during v1's grace.
    let r = env.run(&["key", "rotate", "gk", "--grace", "1h"]);
    r.ok();
    let k2 = r.line();
    env.secret(&k2);
    assert!(logs_in(&pg, &redis, "gk", 1, &k1));
    assert!(logs_in(&pg, &redis, "gk", 2, &k2));
    no_drift(&env);
    assert_eq!(hashes(&redis, "gk").len(), 2);

    // v3 would land on gk_a, v1's role, while v1 is still in its grace: refused without --yes
    // (exit 2, one line naming v1 and when its grace ends), and nothing changed anywhere.
    let before = env.registry_text();
    let audit_before = env.read_home("audit.log");
    let pw_a = rolpassword(&pg, "gk_a");
    let r = env.run(&["key", "rotate", "gk", "--grace", "1h"]);
    r.code(2)
        .stderr_has("gk v1 (grace until ")
        .stderr_has("pass --yes to end it now, or wait until ");
    assert!(r.stdout.trim().is_empty(), "{}", r.stdout);
    assert_eq!(env.registry_text(), before);
    assert_eq!(env.read_home("audit.log"), audit_before);
    assert_eq!(rolpassword(&pg, "gk_a"), pw_a);
    assert_eq!(hashes(&redis, "gk").len(), 2);
    assert!(logs_in(&pg, &redis, "gk", 1, &k1));
    // --json: the same refusal as an error object, kind usage.
    let r = env.run(&["--json", "key", "rotate", "gk", "--grace", "1h"]);
    r.code(2);
    assert_eq!(r.json_err()["error"]["kind"], "usage");
    assert_eq!(env.registry_text(), before);

    // With --yes: v1 ends now — recorded, said, audited — and is taken back.
    let r = env.run(&["--json", "--yes", "key", "rotate", "gk", "--grace", "1h"]);
    r.ok().stderr_has("Ended gk v1 (revoked now)");
    let k3 = r.json()["key"].as_str().unwrap().to_string();
    env.secret(&k3);
    assert_eq!(r.json()["version"], 3);
    assert_eq!(r.json()["ended"], serde_json::json!([1]));
    assert_eq!(r.json()["previous"]["version"], 2);
    assert!(!logs_in(&pg, &redis, "gk", 1, &k1), "v1 must be refused");
    assert!(logs_in(&pg, &redis, "gk", 2, &k2));
    assert!(logs_in(&pg, &redis, "gk", 3, &k3));
    // Redis holds exactly the two live versions' hashes.
    let mut h = hashes(&redis, "gk");
    h.sort();
    let mut want = vec![sha256_hex(&k2), sha256_hex(&k3)];
    want.sort();
    assert_eq!(h, want);
    no_drift(&env);

    // The record: v1 revoked with the reason, its pushes taken back; verify calls it revoked.
    let show = env.run(&["--json", "key", "show", "gk"]);
    show.ok();
    let v1 = &show.json()["versions"][0];
    assert_eq!(v1["status"], "revoked");
    assert!(v1["revoked_at"].is_string());
    assert_eq!(
        v1["revoked_reason"],
        "superseded: rotated to v3 inside its grace"
    );
    assert_eq!(show.json()["versions"][1]["status"], "grace");
    assert!(show.json()["versions"][1].get("revoked_reason").is_none());
    assert_eq!(show.json()["versions"][2]["status"], "active");
    let st = state(&env);
    for p in st["api_keys"]["gk"]["versions"][0]["pushed"]
        .as_array()
        .unwrap()
    {
        assert!(p["revoked_at"].is_string(), "{p}");
    }
    let v = env.run_in(&["--json", "key", "verify", "gk"], &k1);
    v.code(1);
    assert_eq!(v.json()["reason"], "revoked");
    assert_eq!(
        (v.json()["version"].clone(), v.json()["status"].clone()),
        (1.into(), "revoked".into())
    );
    env.run_in(&["key", "verify", "gk"], &k2)
        .ok()
        .stdout_has("v2 is grace");
    env.run_in(&["key", "verify", "gk"], &k3)
        .ok()
        .stdout_has("v3 is active");

    // The audit log: the end was recorded before the push, and the rotation names it.
    let a = env.run(&["--json", "audit", "show"]);
    a.ok();
    let aj = a.json();
    let lines: Vec<&Value> = aj["lines"].as_array().unwrap().iter().collect();
    let at = |action: &str| {
        lines
            .iter()
            .rposition(|l| l["action"] == action)
            .unwrap_or_else(|| panic!("no {action} line"))
    };
    let (end, rot) = (at("key.end"), at("key.rotate"));
    assert!(end < rot);
    assert_eq!(lines[end]["details"]["versions"], "1");
    assert_eq!(lines[end]["details"]["successor"], "3");
    assert_eq!(lines[rot]["details"]["ended"], "1");
    assert_eq!(lines[at("key.revoke")]["details"]["versions"], "1");
    env.run(&["audit", "verify"]).ok();

    // A fourth rotation inside v2's grace ends v2 the same way: still two live, two hashes.
    let r = env.run(&["--yes", "key", "rotate", "gk", "--grace", "1h"]);
    r.ok();
    let k4 = r.line();
    env.secret(&k4);
    assert!(!logs_in(&pg, &redis, "gk", 2, &k2));
    assert!(logs_in(&pg, &redis, "gk", 3, &k3));
    assert!(logs_in(&pg, &redis, "gk", 4, &k4));
    assert_eq!(hashes(&redis, "gk").len(), 2);
    no_drift(&env);
}

#[test]
fn a_version_whose_grace_ended_is_ended_without_asking() {
    let Some((env, pg, redis)) = setup() else {
        return;
    };
    let k1 = env.create("gz");
    env.run(&["push", "gz", "--to", "pg"]).ok();
    env.run(&["push", "gz", "--to", "cache"]).ok();
    // A zero grace: v1 is retired at once but not finalized (still out on both servers).
    let k2 = env.run(&["key", "rotate", "gz", "--grace", "0s"]).line();
    env.secret(&k2);
    assert!(logs_in(&pg, &redis, "gz", 1, &k1));
    // No --yes needed: nobody may use v1 any more. It ends and is taken back.
    let r = env.run(&["--json", "key", "rotate", "gz", "--grace", "1h"]);
    r.ok();
    assert_eq!(r.json()["ended"], serde_json::json!([1]));
    let k3 = r.json()["key"].as_str().unwrap().to_string();
    env.secret(&k3);
    assert!(!logs_in(&pg, &redis, "gz", 1, &k1));
    assert!(logs_in(&pg, &redis, "gz", 2, &k2));
    assert!(logs_in(&pg, &redis, "gz", 3, &k3));
    let show = env.run(&["--json", "key", "show", "gz"]);
    assert_eq!(
        show.json()["versions"][0]["revoked_reason"],
        "superseded: rotated to v3 after its grace"
    );
    assert_eq!(hashes(&redis, "gz").len(), 2);
    no_drift(&env);
}

#[test]
fn rotate_apply_inside_a_grace_needs_yes_for_that_key_and_the_others_still_rotate() {
    let Some((env, pg, redis)) = setup() else {
        return;
    };
    let a1 = env.create("ga");
    let b1 = env.create("gb");
    env.run(&["push", "ga", "gb", "--to", "cache"]).ok();
    env.run(&["push", "ga", "--to", "pg"]).ok();
    let p = env.home().join("vauth.toml");
    let mut t = std::fs::read_to_string(&p).unwrap();
    t.push_str(
        "\n[[policy]]\ncredential = \"ga\"\nmax_age = \"30d\"\ngrace = \"1h\"\n\n\
         [[policy]]\ncredential = \"gb\"\nmax_age = \"30d\"\ngrace = \"0s\"\n",
    );
    std::fs::write(&p, t).unwrap();

    // v2 of both; ga's v1 is in its grace, gb's is not (a zero grace).
    env.run(&["rotate", "apply", "ga", "gb"]).ok();
    let a2 = env.reveal("ga", 2);
    assert!(logs_in(&pg, &redis, "ga", 1, &a1));
    assert!(logs_in(&pg, &redis, "ga", 2, &a2));
    assert!(redis.cli("gb", &b1, &["PING"]).1.contains("PONG"));

    // Again, without --yes: ga would end v1 inside its grace, so ga fails with exit 2 and is not
    // touched; gb (its v1 retired) rotates and ends v1 without asking.
    let before = state(&env);
    let pw_a = rolpassword(&pg, "ga_a");
    let r = env.run(&["--json", "rotate", "apply", "ga", "gb"]);
    r.code(2);
    let rep: Value = serde_json::from_str(r.stdout.trim().lines().last().unwrap()).unwrap();
    assert_eq!(rep["failed"][0]["credential"], "ga");
    assert_eq!(rep["failed"][0]["exit_code"], 2);
    assert!(
        rep["failed"][0]["error"]
            .as_str()
            .unwrap()
            .contains("ga v1 (grace until "),
        "{rep}"
    );
    assert_eq!(rep["rotated"][0]["credential"], "gb");
    assert_eq!(rep["rotated"][0]["to_version"], 3);
    assert_eq!(rep["rotated"][0]["ended"], serde_json::json!([1]));
    assert!(
        r.json_err()["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("pass --yes")
    );
    let after = state(&env);
    assert_eq!(after["api_keys"]["ga"], before["api_keys"]["ga"]);
    assert!(after["rotations"].get("ga").is_none());
    assert_eq!(rolpassword(&pg, "ga_a"), pw_a);
    assert!(logs_in(&pg, &redis, "ga", 1, &a1));
    assert!(!redis.cli("gb", &b1, &["PING"]).1.contains("PONG"));
    assert_eq!(hashes(&redis, "gb").len(), 2);

    // The plan still calls ga due only by its policy; naming it with --yes ends v1 (what one
    // wants after a leak), said in the human output.
    let r = env.run(&["--yes", "rotate", "apply", "ga"]);
    r.ok()
        .stderr_has("rotated ga v2 → v3")
        .stderr_has("ended v1 (revoked now");
    let a3 = env.reveal("ga", 3);
    assert!(!logs_in(&pg, &redis, "ga", 1, &a1));
    assert!(logs_in(&pg, &redis, "ga", 2, &a2));
    assert!(logs_in(&pg, &redis, "ga", 3, &a3));
    let mut h = hashes(&redis, "ga");
    h.sort();
    let mut want = vec![sha256_hex(&a2), sha256_hex(&a3)];
    want.sort();
    assert_eq!(h, want);
    let show = env.run(&["--json", "key", "show", "ga"]);
    assert_eq!(show.json()["versions"][0]["status"], "revoked");
    assert_eq!(
        show.json()["versions"][0]["revoked_reason"],
        "superseded: rotated to v3 inside its grace"
    );
    env.run_in(&["key", "verify", "ga"], &a1)
        .code(1)
        .stdout_has("revoked");
    no_drift(&env);
    // Nothing is left for finalize to do about v1: it is revoked and taken back everywhere.
    let st = state(&env);
    for p in st["api_keys"]["ga"]["versions"][0]["pushed"]
        .as_array()
        .unwrap()
    {
        assert!(p["revoked_at"].is_string(), "{p}");
    }
    env.run(&["audit", "verify"]).ok();
}
