//! Unattended rotation (`vauth rotate plan|apply|finalize`, `vauth check`) end to end against
//! the REAL PostgreSQL 15 and Redis 7 the harness starts: policies, times across max_age and
//! grace (the test-hooks clock, VAUTH_TEST_NOW), real logins after every step, a SIGKILL after
//! each journaled step in turn, two runs at once, and a target that cannot probe.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::postgres::{PG_ADMIN_PW, cert_login, start_cert_pg, start_pg};
use crate::util::redis::{REDIS_ADMIN_PW, start_redis};
use crate::util::{TestEnv, free_port, sha256_hex, state, test_hooks, wait_until};

fn rfc(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

fn days(n: i64) -> String {
    rfc(time::OffsetDateTime::now_utc() + time::Duration::days(n))
}

fn hours(d: i64, h: i64) -> String {
    rfc(time::OffsetDateTime::now_utc() + time::Duration::days(d) + time::Duration::hours(h))
}

#[test]
fn rotate_plan_apply_finalize_with_real_logins_across_max_age_and_grace() {
    if !test_hooks("rotate::rotate_plan_apply_finalize_with_real_logins_across_max_age_and_grace") {
        return;
    }
    let env = TestEnv::new()
        .with_env("R_ADMIN", REDIS_ADMIN_PW)
        .with_env("PG_ADMIN", PG_ADMIN_PW);
    env.secret(REDIS_ADMIN_PW);
    env.secret(PG_ADMIN_PW);
    let Some(redis) = start_redis() else { return };
    env.run(&["init"]).ok();
    env.run(&["ca", "init"]).ok();
    let Some(pg) = start_pg(&env) else { return };
    redis.add_target(&env, "cache");
    pg.add_target(&env, "pg");
    let a1 = env.create("svc-a");
    let b1 = env.create("svc-b");
    env.run(&["push", "svc-a", "--to", "pg"]).ok();
    env.run(&["push", "svc-a", "svc-b", "--to", "cache"]).ok();
    env.run(&["jwt", "key", "create", "sig", "--alg", "ES256"])
        .ok();
    let ci_env = env.path("ci.env");
    env.append_config(&format!(
        "\n[[policy]]\ncredential = \"svc-a\"\nmax_age = \"30d\"\ngrace = \"1d\"\n\
             outputs = [\"dotenv:{}\"]\n\n[[policy]]\ncredential = \"svc-b\"\nmax_age = \"10d\"\n\
             grace = \"2h\"\n\n[[policy]]\ncredential = \"sig\"\nmax_age = \"7d\"\n",
        ci_env.display()
    ));

    // plan: a pure function of inventory + policy + time.
    let p = env.run(&["--json", "rotate", "plan"]);
    p.ok();
    assert_eq!(p.json()["due"], 0);
    let p = env.run(&["--json", "rotate", "plan", "--at", &days(12)]);
    p.code(1);
    let due: BTreeSet<String> = p.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["due"] == "due")
        .map(|i| i["credential"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        due,
        BTreeSet::from(["svc-b".to_string(), "sig".to_string()])
    );
    // check: nothing due within a day; sig (max_age 7d) falls due within 14 days.
    env.run(&["check", "--within", "1d"]).ok();
    let c = env.run(&["--json", "check", "--within", "14d"]);
    c.code(1);
    assert_eq!(c.json()["ok"], false);

    // +31 days: everything is due; apply rotates each once, probing every target.
    let at31 = [("VAUTH_TEST_NOW", days(31))];
    let at31: Vec<(&str, &str)> = at31.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = env.run_with(&["--json", "rotate", "apply", "--due"], None, &at31);
    r.ok();
    let rotated = r.json()["rotated"].as_array().unwrap().clone();
    assert_eq!(rotated.len(), 3, "{rotated:?}");
    let a = rotated.iter().find(|x| x["credential"] == "svc-a").unwrap();
    assert_eq!(
        (a["from_version"].as_u64(), a["to_version"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(a["targets"].as_array().unwrap().len(), 2);
    assert!(
        a["targets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["verified"] == true)
    );
    let a2 = env.reveal("svc-a", 2);
    let b2 = env.reveal("svc-b", 2);
    // The dotenv output (0600) holds the new key; nothing else printed it.
    assert_eq!(env.mode(&ci_env), 0o600);
    assert_eq!(
        std::fs::read_to_string(&ci_env).unwrap(),
        format!("SVC_A={a2}\n")
    );
    assert!(!r.stdout.contains(&a2) && !r.stderr.contains(&a2));
    // Old and new log in during the grace (never both broken).
    assert!(pg.login("svc_a_a", &a1, "SELECT 1").0 && pg.login("svc_a_b", &a2, "SELECT 1").0);
    assert!(redis.logs_in("svc-a", &a1) && redis.logs_in("svc-a", &a2));
    assert!(redis.logs_in("svc-b", &b1) && redis.logs_in("svc-b", &b2));
    assert!(
        state(&env)["rotations"].is_null(),
        "the journal is empty after a clean run"
    );
    // Run again at the same time: nothing is due any more.
    let r = env.run_with(&["--json", "rotate", "apply", "--due"], None, &at31);
    r.ok();
    assert!(r.json()["rotated"].as_array().unwrap().is_empty());

    // +31d 3h: svc-b's 2h grace ended → finalize revokes v1 (Redis refuses it); svc-a's 1d
    // grace runs on, so its v1 still logs in.
    let at = hours(31, 3);
    let f = env.run_with(
        &["--json", "rotate", "finalize"],
        None,
        &[("VAUTH_TEST_NOW", &at)],
    );
    f.ok();
    let revoked: Vec<String> = f.json()["finalized"]["revoked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| format!("{}:{}", x["credential"].as_str().unwrap(), x["version"]))
        .collect();
    assert_eq!(revoked, ["svc-b:1"]);
    assert!(!redis.logs_in("svc-b", &b1) && redis.logs_in("svc-b", &b2));
    assert!(pg.login("svc_a_a", &a1, "SELECT 1").0 && redis.logs_in("svc-a", &a1));

    // +33d: `vauth rotate` (plan + apply + finalize) finalizes svc-a and sig; nothing is due.
    let r = env.run_with(
        &["--json", "rotate"],
        None,
        &[("VAUTH_TEST_NOW", &days(33))],
    );
    r.ok();
    assert!(r.json()["rotated"].as_array().unwrap().is_empty());
    let revoked = r.json()["finalized"]["revoked"].as_array().unwrap().clone();
    assert_eq!(revoked.len(), 2, "{revoked:?}");
    let (ok, out) = pg.login("svc_a_a", &a1, "SELECT 1");
    assert!(!ok, "v1 still logs in after finalize: {out}");
    assert!(pg.login("svc_a_b", &a2, "SELECT 1").0);
    assert!(!redis.logs_in("svc-a", &a1) && redis.logs_in("svc-a", &a2));
    // check at +33d: no policy is due, but the server certificate (30 days) has expired.
    let c = env.run_with(
        &["--json", "check", "--within", "1d"],
        None,
        &[("VAUTH_TEST_NOW", &days(33))],
    );
    c.code(1);
    let items = c.json()["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(
        (items[0]["credential"].as_str(), items[0]["status"].as_str()),
        (Some("pg-server"), Some("expired"))
    );
    env.run_with(
        &["target", "drift", "pg"],
        None,
        &[("VAUTH_TEST_NOW", &days(33))],
    )
    .ok();
    env.run_with(
        &["target", "drift", "cache"],
        None,
        &[("VAUTH_TEST_NOW", &days(33))],
    )
    .ok();
    env.run(&["audit", "verify"]).ok();
}

#[test]
fn rotate_apply_killed_after_each_journaled_step_converges() {
    if !test_hooks("rotate::rotate_apply_killed_after_each_journaled_step_converges") {
        return;
    }
    let Some(redis) = start_redis() else { return };
    for point in [
        "rotate-created",
        "rotate-before-push",
        "rotate-after-push",
        "rotate-after-current",
        "rotate-done",
        "after-vault",
        "after-state",
    ] {
        let env = redis.env_with_target("cache");
        let user = format!("crash-{}", point.replace('-', ""));
        let k1 = env.create(&user);
        env.run(&["push", &user, "--to", "cache"]).ok();
        env.append_config(&format!(
            "\n[[policy]]\ncredential = \"{user}\"\nmax_age = \"1d\"\ngrace = \"1h\"\n"
        ));
        let later = days(2);
        let t = [("VAUTH_TEST_NOW", later.as_str())];
        let r = env.run_with(
            &["rotate", "apply", "--due"],
            None,
            &[
                ("VAUTH_TEST_NOW", later.as_str()),
                ("VAUTH_TEST_CRASH", point),
            ],
        );
        assert_ne!(r.code, 0, "{point}: the process should have died");
        // Whatever was done, the old key still logs in: nothing was revoked.
        assert!(
            redis.logs_in(&user, &k1),
            "{point}: v1 refused after the crash"
        );
        // The next run converges: exactly one successor, on the server exactly v1 + v2.
        let r = env.run_with(&["--json", "rotate", "apply", "--due"], None, &t);
        r.ok();
        let s = state(&env);
        let versions = s["api_keys"][&user]["versions"].as_array().unwrap().clone();
        assert_eq!(versions.len(), 2, "{point}: {versions:?}");
        assert!(
            s["rotations"].is_null(),
            "{point}: journal left: {}",
            s["rotations"]
        );
        let k2 = env.reveal(&user, 2);
        assert_eq!(
            redis.password_hashes(&user),
            BTreeSet::from([sha256_hex(&k1), sha256_hex(&k2)]),
            "{point}: the server must hold exactly v1 and v2"
        );
        assert!(redis.logs_in(&user, &k2), "{point}: v2 refused");
        assert_eq!(versions[1]["pushed"][0]["verified"], true, "{point}");
        env.run(&["audit", "verify"]).ok();
    }
}

#[test]
fn rotate_two_runs_at_once_rotate_each_credential_once() {
    if !test_hooks("rotate::rotate_two_runs_at_once_rotate_each_credential_once") {
        return;
    }
    let Some(redis) = start_redis() else { return };
    let env = redis.env_with_target("cache");
    let mut policy = String::new();
    for i in 0..4 {
        let n = format!("conc-{i}");
        env.create(&n);
        env.run(&["push", &n, "--to", "cache"]).ok();
        policy.push_str(&format!(
            "\n[[policy]]\ncredential = \"{n}\"\nmax_age = \"1d\"\n"
        ));
    }
    env.append_config(&policy);
    let later = days(2);
    let spawn = || {
        let mut c = env.command();
        c.args(["--json", "rotate", "apply", "--due"])
            .env("VAUTH_TEST_NOW", &later)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        c.spawn().unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success() && b.status.success(), "{a:?} {b:?}");
    let n = |o: &std::process::Output| {
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        v["rotated"].as_array().unwrap().len()
    };
    assert_eq!(
        n(&a) + n(&b),
        4,
        "each credential rotated exactly once in total"
    );
    let s = state(&env);
    for i in 0..4 {
        assert_eq!(
            s["api_keys"][format!("conc-{i}")]["versions"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
        assert_eq!(redis.password_hashes(&format!("conc-{i}")).len(), 2);
    }
}

#[test]
fn rotate_stops_for_a_target_that_cannot_probe_and_others_still_rotate() {
    if !test_hooks("rotate::rotate_stops_for_a_target_that_cannot_probe_and_others_still_rotate") {
        return;
    }
    let Some(redis) = start_redis() else { return };
    let env = TestEnv::new()
        .with_env("R_ADMIN", REDIS_ADMIN_PW)
        .with_env("Q_ADMIN", "qdrant-admin-key-unused-1234");
    env.secret(REDIS_ADMIN_PW);
    env.run(&["init"]).ok();
    redis.add_target(&env, "cache");
    // A second redis target on a port where nothing listens: the push cannot happen.
    let dead = free_port();
    env.run(&[
        "target",
        "add",
        "gone",
        "--kind",
        "redis",
        "--url",
        &format!("redis://default@127.0.0.1:{dead}"),
        "--admin-password-env",
        "R_ADMIN",
    ])
    .ok();
    let good1 = env.create("good");
    let bad1 = env.create("bad");
    env.run(&["push", "good", "bad", "--to", "cache"]).ok();
    env.append_config(
        "\n[[policy]]\ncredential = \"good\"\nmax_age = \"1d\"\n\n[[policy]]\n\
         credential = \"bad\"\nmax_age = \"1d\"\ntargets = [\"cache\", \"gone\"]\n",
    );
    let later = days(2);
    let r = env.run_with(
        &["--json", "rotate", "apply", "--due"],
        None,
        &[("VAUTH_TEST_NOW", later.as_str())],
    );
    r.code(4);
    let out = r.json();
    assert_eq!(out["rotated"][0]["credential"], "good");
    assert_eq!(out["failed"][0]["credential"], "bad");
    assert_eq!(out["failed"][0]["exit_code"], 4);
    let s = state(&env);
    // The predecessor stays current; the journal says why.
    assert_eq!(
        s["api_keys"]["bad"]["versions"].as_array().unwrap().len(),
        1
    );
    let j = &s["rotations"]["bad"];
    assert!(j["error"].as_str().unwrap().starts_with("gone:"), "{j}");
    assert!(redis.logs_in("bad", &bad1));
    let good2 = env.reveal("good", 2);
    assert!(redis.logs_in("good", &good1) && redis.logs_in("good", &good2));
    // Plan says it resumes; finalize never revokes bad v1 (no successor).
    let p = env.run_with(
        &["--json", "rotate", "plan"],
        None,
        &[("VAUTH_TEST_NOW", later.as_str())],
    );
    p.code(1);
    let item = p.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["credential"] == "bad")
        .cloned()
        .unwrap();
    assert_eq!(item["due"], "resume");
    // A manual key rotate is refused while the journal holds one.
    env.run(&["key", "rotate", "bad"])
        .code(3)
        .stderr_has("unfinished");
    // The successor reached `cache` before `gone` failed: Redis holds v1 and v2 now.
    assert_eq!(redis.password_hashes("bad").len(), 2);
    // Revoking the key ends the unfinished rotation too: the successor is taken back.
    env.run(&["--yes", "key", "revoke", "bad"]).ok();
    assert!(
        redis.password_hashes("bad").is_empty(),
        "{:?}",
        redis.password_hashes("bad")
    );
    assert!(state(&env)["rotations"].is_null());
    assert!(!redis.logs_in("bad", &bad1));
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanJson {
    at: String,
    due: usize,
    items: Vec<PlanItemJson>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanItemJson {
    credential: String,
    kind: Option<String>,
    due: String,
    reason: String,
    version: u32,
    created: Option<String>,
    due_at: Option<String>,
    steps: Vec<String>,
    finalize: Vec<u32>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ApplyJson {
    rotated: Vec<RotatedJson>,
    failed: Vec<Value>,
    skipped: Vec<Value>,
    finalized: Option<FinalizedJson>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RotatedJson {
    credential: String,
    kind: String,
    from_version: u32,
    to_version: u32,
    grace_until: Option<String>,
    targets: Vec<Value>,
    outputs: Vec<String>,
    undelivered: Vec<Value>,
    resumed: bool,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FinalizedJson {
    revoked: Vec<FinalRowJson>,
    held: Vec<FinalRowJson>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FinalRowJson {
    credential: String,
    version: u32,
    reason: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckJson {
    ok: bool,
    within: String,
    items: Vec<CheckItemJson>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckItemJson {
    credential: String,
    kind: Option<String>,
    status: String,
    at: Option<String>,
    reason: String,
}

/// The documented `--json` shapes of rotate plan/apply/finalize and check (docs/json.md), with a
/// JWT signing key (no server needed), a policy naming nothing, a window, and bad policies.
#[test]
fn rotate_json_shapes_windows_and_bad_policies() {
    if !test_hooks("rotate::rotate_json_shapes_windows_and_bad_policies") {
        return;
    }
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    env.run(&["rotate", "plan"])
        .code(3)
        .stderr_has("no [[policy]]");
    env.run(&["jwt", "key", "create", "sig", "--alg", "HS256"])
        .ok();
    env.run(&["jwt", "key", "create", "night", "--alg", "HS256"])
        .ok();
    env.run(&["jwt", "key", "create", "pat-1", "--alg", "HS256"])
        .ok();
    env.run(&["jwt", "key", "create", "pat-2", "--alg", "HS256"])
        .ok();
    env.append_config(
        "\n[[policy]]\ncredential = \"sig\"\nmax_age = \"7d\"\ngrace = \"1h\"\n\n[[policy]]\n\
         credential = \"ghost\"\nmax_age = \"7d\"\n\n[[policy]]\ncredential = \"night\"\n\
         max_age = \"1d\"\nwindow = \"02:00-03:00\"\n\n[[policy]]\ncredential = \"pat-*\"\n\
         max_age = \"90d\"\n",
    );
    // A pattern governs every credential it matches, one plan item each.
    let r = env.run(&[
        "--json", "rotate", "plan", "--only", "pat-1", "--only", "pat-2",
    ]);
    r.ok();
    let p: PlanJson = serde_json::from_str(&r.stdout).unwrap();
    let names: Vec<&str> = p.items.iter().map(|i| i.credential.as_str()).collect();
    assert_eq!(names, ["pat-1", "pat-2"]);
    // 8 days on, at 12:00 UTC: sig is due; night is due but waits for its window.
    let noon = (time::OffsetDateTime::now_utc() + time::Duration::days(8))
        .replace_time(time::Time::from_hms(12, 0, 0).unwrap());
    let noon = rfc(noon);
    let r = env.run(&["--json", "rotate", "plan", "--at", &noon]);
    r.code(1);
    let p: PlanJson = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!((p.at.as_str(), p.due), (noon.as_str(), 1));
    let by = |n: &str| p.items.iter().find(|i| i.credential == n).unwrap();
    let sig = by("sig");
    assert_eq!(
        (sig.kind.as_deref(), sig.due.as_str(), sig.version),
        (Some("jwt_key"), "due", 1)
    );
    assert!(sig.created.is_some() && sig.due_at.is_some() && !sig.steps.is_empty());
    assert!(sig.reason.contains("max_age 7d"), "{}", sig.reason);
    assert!(sig.finalize.is_empty());
    assert_eq!(by("ghost").kind, None);
    assert_eq!(by("night").due, "waiting");
    assert!(by("night").reason.contains("02:00-03:00"));

    // apply at that time: sig rotates (JWT keys are local), night waits; --exec runs for it.
    let hook = env.path("hook.out");
    let r = env.run_with(
        &[
            "--json",
            "rotate",
            "apply",
            "--due",
            "--exec",
            &format!(
                "echo \"$VAUTH_EVENT $VAUTH_KEY $VAUTH_KIND $VAUTH_PREVIOUS_VERSION $VAUTH_VERSION\" >> {}",
                hook.display()
            ),
        ],
        None,
        &[("VAUTH_TEST_NOW", &noon)],
    );
    r.ok();
    assert_eq!(
        std::fs::read_to_string(&hook).unwrap(),
        "rotate sig jwt_key 1 2\n"
    );
    let a: ApplyJson = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(a.rotated.len(), 1);
    let x = &a.rotated[0];
    assert_eq!(
        (
            x.credential.as_str(),
            x.kind.as_str(),
            x.from_version,
            x.to_version,
            x.resumed
        ),
        ("sig", "jwt_key", 1, 2, false)
    );
    assert!(x.grace_until.is_some() && x.targets.is_empty() && x.outputs.is_empty());
    assert!(x.undelivered.is_empty());
    assert!(a.failed.is_empty() && a.skipped.is_empty() && a.finalized.is_none());

    // Two hours later: `vauth rotate` retires sig v1 (grace 1h).
    let later = rfc(time::OffsetDateTime::parse(
        &noon,
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap()
        + time::Duration::hours(2));
    let r = env.run_with(&["--json", "rotate"], None, &[("VAUTH_TEST_NOW", &later)]);
    r.ok();
    let a: ApplyJson = serde_json::from_str(&r.stdout).unwrap();
    let f = a.finalized.unwrap();
    assert_eq!(f.revoked.len(), 1);
    assert_eq!(
        (
            f.revoked[0].credential.as_str(),
            f.revoked[0].version,
            f.revoked[0].reason.as_deref()
        ),
        ("sig", 1, None)
    );
    assert!(f.held.is_empty());

    // check: the policy naming nothing is reported; night is overdue.
    let r = env.run_with(&["--json", "check"], None, &[("VAUTH_TEST_NOW", &later)]);
    r.code(1);
    let c: CheckJson = serde_json::from_str(&r.stdout).unwrap();
    assert!(!c.ok && c.within == "7d");
    let st = |n: &str| {
        c.items
            .iter()
            .find(|i| i.credential == n)
            .map(|i| i.status.clone())
    };
    assert_eq!(st("ghost").as_deref(), Some("missing"));
    assert_eq!(st("night").as_deref(), Some("overdue"));
    assert!(c.items.iter().all(|i| !i.reason.is_empty()));
    // The kind: null for a policy naming nothing (as `rotate plan` says it), else the kind.
    let kind = |n: &str| {
        c.items
            .iter()
            .find(|i| i.credential == n)
            .map(|i| i.kind.clone())
    };
    assert_eq!(kind("ghost"), Some(None));
    assert!(r.stdout.contains("\"kind\":null"), "{}", r.stdout);
    assert!(
        c.items
            .iter()
            .filter(|i| i.credential != "ghost")
            .all(|i| i.kind.as_deref().is_some_and(|k| !k.is_empty()))
    );
    assert!(c.items.iter().any(|i| i.at.is_some()));

    // In CI a vault that cannot be opened is exit 3 even when nothing is due.
    let key_dir = env.key_dir();
    let moved = env.path("keys-away");
    std::fs::rename(&key_dir, &moved).unwrap();
    env.run_with(&["rotate", "apply", "--due"], None, &[("CI", "true")])
        .code(3);
    env.run_with(&["rotate"], None, &[("CI", "true")]).code(3);
    std::fs::rename(&moved, &key_dir).unwrap();
    // In CI only a master-key or passphrase vault is opened (issue 11): this key-file home is
    // refused there even with its key file back; outside CI it works.
    env.run_with(&["rotate", "apply", "--due"], None, &[("CI", "true")])
        .code(3)
        .stderr_has("did not configure");
    env.run(&["rotate", "apply", "--due"]).ok();

    // Bad policies are refused when vauth.toml is read (exit 3, the field named).
    for (bad, what) in [
        ("max_age = \"soon\"", "max_age"),
        ("max_age = \"1d\"\nwindow = \"2-3\"", "window"),
        ("max_age = \"1d\"\noutputs = [\"slack\"]", "slack"),
        ("max_age = \"1d\"\ntargets = [\"nope\"]", "no target named"),
    ] {
        let e2 = TestEnv::new();
        e2.run(&["init"]).ok();
        e2.append_config(&format!("\n[[policy]]\ncredential = \"x\"\n{bad}\n"));
        e2.run(&["rotate", "plan"]).code(3).stderr_has(what);
    }
}

/// A second run that cannot get the home's lock in time exits 3 and names the holder.
#[test]
fn rotate_lock_timeout_names_the_holder() {
    if !test_hooks("rotate_lock_timeout_names_the_holder") {
        return;
    }
    // A "milvus" that accepts connections and never answers keeps the first run busy, until the
    // test is done with it.
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let (done, stop) = std::sync::mpsc::channel::<()>();
    let hold = std::thread::spawn(move || {
        l.set_nonblocking(true).unwrap();
        let mut conns = Vec::new();
        while stop.try_recv().is_err() {
            match l.accept() {
                Ok((c, _)) => conns.push(c),
                Err(_) => std::thread::sleep(std::time::Duration::from_millis(20)),
            }
        }
        drop(conns);
    });
    let env = TestEnv::new().with_env("M_ADMIN", "milvus-admin-pw-123456");
    env.run(&["init"]).ok();
    env.run(&[
        "target",
        "add",
        "slow",
        "--kind",
        "milvus",
        "--url",
        &format!("http://root@127.0.0.1:{port}"),
        "--admin-password-env",
        "M_ADMIN",
        "--timeout",
        "3",
    ])
    .ok();
    env.create("k");
    env.append_config("\n[[policy]]\ncredential = \"k\"\nmax_age = \"1d\"\ntargets = [\"slow\"]\n");
    let later = days(2);
    let mut first = env.command();
    first
        .args(["rotate", "apply", "--due"])
        .env("VAUTH_TEST_NOW", &later)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut first = first.spawn().unwrap();
    // The first run holds the lock: the lock file names it (every holder writes its pid there)
    // and the lock is taken.
    let lock = env.home().join("lock");
    let holder = format!("held by pid {} ", first.id());
    wait_until("the first run to hold the home's lock", 60, || {
        assert!(
            first.try_wait().unwrap().is_none(),
            "the first run ended before the second one started"
        );
        std::fs::read_to_string(&lock).is_ok_and(|t| t.starts_with(&holder))
            && std::fs::File::open(&lock)
                .is_ok_and(|f| matches!(f.try_lock(), Err(std::fs::TryLockError::WouldBlock)))
    });
    let r = env.run_with(
        &["rotate", "apply", "--due", "--lock-timeout", "1s"],
        None,
        &[("VAUTH_TEST_NOW", later.as_str())],
    );
    r.code(3)
        .stderr_has("holds the lock")
        .stderr_has("held by pid");
    done.send(()).unwrap();
    let _ = first.wait();
    let _ = hold.join();
}

/// A certificate under a policy: `rotate apply` issues the successor (new key, kept), proves it
/// logs in on the real PostgreSQL where the predecessor was pushed (CN role), writes it to the
/// `dir:` output; `rotate finalize` revokes the predecessor after the grace and keeps the role,
/// which the successor still logs in as. Real time (max_age 1s): the server checks the
/// certificates' validity against its own clock.
#[test]
fn rotate_renews_a_pushed_certificate_and_it_logs_in() {
    let env = crate::util::ca::with_ca(&[]).with_env("PG_ADMIN", PG_ADMIN_PW);
    let Some((cluster, ca)) = start_cert_pg(&env) else {
        return;
    };
    let (c1, k1) = crate::util::ca::issue(&env, "alice", &["--cn", "alice", "--keep-key"]);
    env.run(&["push", "alice", "--to", "pg", "--role", "cert_users"])
        .ok();
    let out = env.path("out");
    std::fs::create_dir(&out).unwrap();
    env.append_config(&format!(
        "\n[[policy]]\ncredential = \"alice\"\nmax_age = \"1s\"\ngrace = \"1s\"\n\
             outputs = [\"dir:{}\"]\n",
        out.display()
    ));
    let login = |crt: &std::path::Path, key: &std::path::Path| {
        cert_login(&cluster, &ca, crt, key, "alice", "SELECT current_user")
    };
    assert!(login(&c1, &k1).0);
    // max_age (1s, real time) passes: `rotate plan` says the certificate is due.
    let plan = || {
        let p = env.run(&["--json", "rotate", "plan", "--only", "alice"]);
        p.json()["items"][0].clone()
    };
    wait_until("alice to be due", 30, || plan()["due"] == "due");
    let r = env.run(&["--json", "rotate", "apply", "--due"]);
    r.ok();
    let x = &r.json()["rotated"][0];
    assert_eq!(
        (x["credential"].as_str(), x["kind"].as_str()),
        (Some("alice"), Some("cert"))
    );
    assert_eq!(x["targets"][0]["verified"], true);
    let (c2, k2) = (out.join("alice.crt"), out.join("alice.key"));
    assert_eq!(env.mode(&k2), 0o600);
    crate::util::ca::register_keys(&env, &[&k2]);
    let (ok, who) = login(&c2, &k2);
    assert!(ok && who.trim() == "alice", "{who}");
    assert!(login(&c1, &k1).0, "the predecessor works during the grace");
    // The grace (1s, real time) passes: `rotate plan` lists the predecessor to finalize.
    wait_until("alice's grace to end", 30, || {
        plan()["finalize"] == serde_json::json!([1])
    });
    let f = env.run(&["--json", "rotate", "finalize"]);
    f.ok();
    assert_eq!(f.json()["finalized"]["revoked"][0]["credential"], "alice");
    let s = state(&env);
    let issued = s["certs"]["alice"]["issued"].as_array().unwrap().clone();
    assert_eq!(issued.len(), 2);
    assert_eq!(issued[0]["revocation_reason"], "superseded");
    assert!(issued[1]["revoked_at"].is_null());
    // The role stays: the successor has the same CN.
    assert!(login(&c2, &k2).0, "the successor must still log in");
    assert_eq!(
        cluster.admin("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'alice'"),
        "t"
    );
}

/// Every output an API-key policy can name, written by `rotate apply` (a key pushed nowhere:
/// no server needed): `github` masks the value on stdout first, then appends it to
/// $GITHUB_OUTPUT; `gitlab:` and `dotenv:` files are 0600 `NAME=value` dotenv (a second key in
/// the same file keeps the first); `dir:` writes NAME.key 0600. The value appears nowhere else.
#[test]
fn rotate_writes_github_gitlab_dotenv_and_dir_outputs() {
    if !test_hooks("rotate::rotate_writes_github_gitlab_dotenv_and_dir_outputs") {
        return;
    }
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    env.create("svc-a");
    env.create("svc-b");
    let (gh, gl, de, dir) = (
        env.path("github_output"),
        env.path("gitlab.env"),
        env.path("ci.env"),
        env.path("out"),
    );
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(&gh, "earlier=1\n").unwrap();
    env.append_config(&format!(
        "\n[[policy]]\ncredential = \"svc-*\"\nmax_age = \"30d\"\noutputs = [\"github\", \
             \"gitlab:{}\", \"dotenv:{}\", \"dir:{}\"]\n",
        gl.display(),
        de.display(),
        dir.display()
    ));
    let gh_env = gh.to_str().unwrap().to_string();
    let r = env.run_with(
        &["rotate", "apply", "svc-a", "svc-b"],
        None,
        &[("GITHUB_OUTPUT", gh_env.as_str())],
    );
    r.ok();
    let (a2, b2) = (env.reveal("svc-a", 2), env.reveal("svc-b", 2));
    // GitHub: masked on stdout before anything else could print it, then the step output.
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.starts_with("::add-mask::"))
            .count(),
        2
    );
    assert!(r.stdout.contains(&format!("::add-mask::{a2}")));
    assert_eq!(
        std::fs::read_to_string(&gh).unwrap(),
        format!("earlier=1\nSVC_A={a2}\nSVC_B={b2}\n")
    );
    for f in [&gl, &de] {
        assert_eq!(env.mode(f), 0o600);
        assert_eq!(
            std::fs::read_to_string(f).unwrap(),
            format!("SVC_A={a2}\nSVC_B={b2}\n")
        );
    }
    let ka = dir.join("svc-a.key");
    assert_eq!(env.mode(&ka), 0o600);
    assert_eq!(std::fs::read_to_string(&ka).unwrap(), format!("{a2}\n"));
    assert!(!r.stderr.contains(&a2) && !env.registry_text().contains(&a2));
    // `--due` finds the pattern's policy for each key it matches (31 days on: both are due).
    let later = days(31);
    let r = env.run_with(
        &["--json", "rotate", "apply", "--due"],
        None,
        &[
            ("GITHUB_OUTPUT", gh_env.as_str()),
            ("VAUTH_TEST_NOW", later.as_str()),
        ],
    );
    r.ok();
    // With a github output, the mask lines come first on stdout; the object is the last line.
    let (masks, last) = r.stdout.trim_end().rsplit_once('\n').unwrap();
    assert!(masks.lines().all(|l| l.starts_with("::add-mask::")));
    let report: Value = serde_json::from_str(last).unwrap();
    let outputs: Vec<Value> = report["rotated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["outputs"].clone())
        .collect();
    assert_eq!(outputs.len(), 2);
    assert!(
        outputs.iter().all(|o| o.as_array().unwrap().len() == 4),
        "{outputs:?}"
    );
    // Without GITHUB_OUTPUT (not in GitHub Actions) the github output is a clear input error.
    env.run(&["rotate", "apply", "svc-a"])
        .code(3)
        .stderr_has("GITHUB_OUTPUT is not set");
}

/// A `dir:` output whose file is a link (or anything but a regular file) is refused before
/// anything rotates: for a certificate, both files are checked, so a renewal never leaves a new
/// certificate beside the old key; for an API key, its key file.
#[test]
fn rotate_refuses_a_dir_output_whose_file_is_a_link_before_rotating() {
    let env = TestEnv::new();
    env.run(&["ca", "init"]).ok();
    env.run(&[
        "cert",
        "issue",
        "svc",
        "--cn",
        "svc",
        "--keep-key",
        "--out",
        "first",
    ])
    .ok();
    env.create("api");
    env.append_config(
        "\n[[policy]]\ncredential = \"svc\"\nmax_age = \"30d\"\noutputs = [\"dir:tls\"]\n\
         \n[[policy]]\ncredential = \"api\"\nmax_age = \"30d\"\noutputs = [\"dir:keys\"]\n",
    );
    std::fs::create_dir(env.path("tls")).unwrap();
    std::os::unix::fs::symlink("../first/svc.key", env.path("tls/svc.key")).unwrap();
    std::fs::create_dir(env.path("keys")).unwrap();
    std::os::unix::fs::symlink("/dev/null", env.path("keys/api.key")).unwrap();
    let before = state(&env);
    env.run(&["rotate", "apply", "svc"])
        .code(3)
        .stderr_has("tls/svc.key is a symbolic link, not a regular file");
    env.run(&["rotate", "apply", "api"])
        .code(3)
        .stderr_has("keys/api.key is a symbolic link, not a regular file");
    assert!(
        !env.path("tls/svc.crt").exists(),
        "a certificate without its key"
    );
    let after = state(&env);
    assert_eq!(after["certs"], before["certs"]);
    assert_eq!(after["api_keys"], before["api_keys"]);
    assert_eq!(
        std::fs::read_link(env.path("keys/api.key")).unwrap(),
        std::path::Path::new("/dev/null")
    );
    // The link replaced by nothing: the renewal goes through, both files written.
    std::fs::remove_file(env.path("tls/svc.key")).unwrap();
    env.run(&["rotate", "apply", "svc"]).ok();
    assert!(env.path("tls/svc.crt").is_file() && env.path("tls/svc.key").is_file());
    // Delivered again with a link put in the key's place since: refused before either file is
    // written (the certificate stays the one beside its key), the link and its target as they were.
    let crt = std::fs::read(env.path("tls/svc.crt")).unwrap();
    let first_key = std::fs::read(env.path("first/svc.key")).unwrap();
    std::fs::remove_file(env.path("tls/svc.key")).unwrap();
    std::os::unix::fs::symlink("../first/svc.key", env.path("tls/svc.key")).unwrap();
    let r = env.run(&["rotate", "outputs", "svc"]);
    assert_ne!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("is a symbolic link, not a regular file"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(env.path("tls/svc.crt")).unwrap(), crt);
    assert_eq!(std::fs::read(env.path("first/svc.key")).unwrap(), first_key);
    assert!(
        std::fs::symlink_metadata(env.path("tls/svc.key"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// Outputs named as a user writes them (bare names, relative dirs that do not exist yet); an
/// output that fails after the successor is current says so and exits 5 — the rotation stands
/// (recorded, not "unfinished"), and `rotate outputs` delivers it again without rotating.
#[test]
fn rotate_output_that_fails_is_done_but_not_delivered_and_can_be_redelivered() {
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    env.create("svc-a");
    env.append_config(
        "\n[[policy]]\ncredential = \"svc-a\"\nmax_age = \"30d\"\ngrace = \"1d\"\n\
         outputs = [\"dotenv:ci.env\", \"dir:keys/new\"]\n",
    );
    // Relative outputs, from the working directory; the missing directories are made 0700.
    env.run(&["rotate", "apply", "svc-a"]).ok();
    let v2 = env.reveal("svc-a", 2);
    assert_eq!(
        std::fs::read_to_string(env.path("ci.env")).unwrap(),
        format!("SVC_A={v2}\n")
    );
    assert_eq!(env.mode(&env.path("keys")), 0o700);
    assert_eq!(env.mode(&env.path("keys/new/svc-a.key")), 0o600);
    // A directory in the dotenv output's place is refused before anything rotates.
    std::fs::remove_file(env.path("ci.env")).unwrap();
    std::fs::create_dir(env.path("ci.env")).unwrap();
    let versions = |env: &TestEnv| {
        state(env)["api_keys"]["svc-a"]["versions"]
            .as_array()
            .unwrap()
            .len()
    };
    env.run(&["--yes", "rotate", "apply", "svc-a"])
        .code(3)
        .stderr_has("ci.env is a directory, not a regular file");
    assert_eq!(versions(&env), 2);
    // A dotenv file it cannot read back (not UTF-8) fails only when it is written: the
    // rotation is done, that output is not delivered.
    std::fs::remove_dir(env.path("ci.env")).unwrap();
    std::fs::write(env.path("ci.env"), b"\xff\xfe not text\n").unwrap();
    // (v2 is in its grace: ending it — the rule of 2 — needs --yes.)
    let r = env.run(&["--json", "--yes", "rotate", "apply", "svc-a"]);
    r.code(5);
    let err = r.json_err();
    assert_eq!(err["error"]["kind"], "undelivered", "{}", r.stderr);
    let msg = err["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("svc-a v3") && msg.contains("dotenv:ci.env"),
        "{msg}"
    );
    assert!(
        err["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("vauth rotate outputs svc-a"),
        "{}",
        r.stderr
    );
    let report: Value = serde_json::from_str(r.stdout.trim()).unwrap();
    let rot = &report["rotated"][0];
    assert_eq!(rot["to_version"], 3);
    assert_eq!(rot["undelivered"][0]["output"], "dotenv:ci.env");
    assert_eq!(rot["outputs"].as_array().unwrap().len(), 1, "{rot}");
    // The rotation is finished: v3 current, no journal, the next run has nothing unfinished.
    let st = state(&env);
    assert!(st["rotations"].as_object().is_none_or(|m| m.is_empty()));
    let v3 = env.reveal("svc-a", 3);
    assert_eq!(
        std::fs::read_to_string(env.path("keys/new/svc-a.key")).unwrap(),
        format!("{v3}\n")
    );
    let again = env.run(&["rotate"]);
    again.ok();
    assert!(!again.stderr.contains("unfinished"), "{}", again.stderr);
    // Fixed, delivered again from the vault: the same v3, no v4.
    std::fs::remove_file(env.path("ci.env")).unwrap();
    let r = env.run(&["--json", "rotate", "outputs", "svc-a"]);
    r.ok();
    assert_eq!(r.json()["delivered"][0]["version"], 3, "{}", r.stdout);
    assert_eq!(
        std::fs::read_to_string(env.path("ci.env")).unwrap(),
        format!("SVC_A={v3}\n")
    );
    assert!(!r.stdout.contains(&v3) && !r.stderr.contains(&v3));
    assert_eq!(
        state(&env)["api_keys"]["svc-a"]["versions"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    // A github output without GITHUB_OUTPUT is refused before anything rotates.
    env.append_config(
        "\n[[policy]]\ncredential = \"svc-g\"\nmax_age = \"30d\"\noutputs = [\"github\"]\n",
    );
    env.create("svc-g");
    env.run(&["rotate", "apply", "svc-g"])
        .code(3)
        .stderr_has("nothing was rotated");
    assert_eq!(
        state(&env)["api_keys"]["svc-g"]["versions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Unknown names are refused.
    env.run(&["rotate", "outputs", "ghost"])
        .code(3)
        .stderr_has("no policy");
}
