//! --json contract of `target …` and `push` (docs/json.md, "Push" block), read into test-owned
//! types that reject unknown fields and tell absent from null. `target test` and `push` run
//! against a real Redis (see push.rs); they skip with it.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::util::redis::{REDIS_ADMIN_PW, start_redis};
use crate::util::*;

fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d)
}

#[track_caller]
fn out<T: DeserializeOwned>(r: &Run) -> T {
    r.ok();
    assert_eq!(
        r.stdout.lines().count(),
        1,
        "stdout is not one line:\n{}",
        r.stdout
    );
    serde_json::from_str(r.stdout.trim())
        .unwrap_or_else(|e| panic!("stdout is not the documented object ({e}):\n{}", r.stdout))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetJson {
    name: String,
    kind: String,
    url: String,
    #[serde(deserialize_with = "nullable")]
    admin_credential: Option<String>,
    #[serde(deserialize_with = "nullable")]
    ca_file: Option<String>,
    #[serde(deserialize_with = "nullable")]
    client_cert: Option<String>,
    tls: bool,
    insecure: bool,
    #[serde(deserialize_with = "nullable")]
    prefix: Option<String>,
    #[serde(deserialize_with = "nullable")]
    project: Option<String>,
    #[serde(deserialize_with = "nullable")]
    credentials_file: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetList {
    targets: Vec<TargetJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PushedJson {
    credential: String,
    kind: String,
    version: Option<u32>,
    serial: Option<String>,
    user: String,
    pushed_at: String,
    verified: bool,
    pending: bool,
    #[serde(deserialize_with = "nullable")]
    revoked_at: Option<String>,
}

/// serde cannot deny unknown fields through `flatten`: [`show_keys`] checks the key set instead.
#[derive(Debug, Deserialize)]
struct TargetShow {
    #[serde(flatten)]
    target: TargetJsonLoose,
    pushed: Vec<PushedJson>,
}

#[derive(Debug, Deserialize)]
struct TargetJsonLoose {
    name: String,
    kind: String,
    url: String,
    #[serde(deserialize_with = "nullable")]
    admin_credential: Option<String>,
    #[serde(deserialize_with = "nullable")]
    ca_file: Option<String>,
    #[serde(deserialize_with = "nullable")]
    client_cert: Option<String>,
    tls: bool,
    insecure: bool,
    #[serde(deserialize_with = "nullable")]
    prefix: Option<String>,
    #[serde(deserialize_with = "nullable")]
    project: Option<String>,
    #[serde(deserialize_with = "nullable")]
    credentials_file: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Removed {
    name: String,
    removed: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DriftJson {
    target: String,
    drift: bool,
    rows: Vec<DriftRowJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DriftRowJson {
    credential: String,
    kind: String,
    version: Option<u32>,
    serial: Option<String>,
    user: String,
    expected: String,
    actual: String,
    ok: bool,
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TestJson {
    name: String,
    kind: String,
    ok: bool,
    server: String,
    #[serde(deserialize_with = "nullable")]
    admin_user: Option<String>,
    tls: bool,
    /// Pushes waiting for a restart that this test probed (none here; see http_qdrant/chroma).
    #[serde(default)]
    pending: Vec<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PushJson {
    key: String,
    version: u32,
    target: String,
    kind: String,
    user: String,
    verified: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DryRunJson {
    dry_run: bool,
    key: String,
    version: u32,
    target: String,
    kind: String,
    user: String,
    plan: Vec<String>,
}

/// The exact top-level keys of `target show`.
#[track_caller]
fn show_keys(r: &Run) {
    let v = r.json();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "admin_credential",
            "ca_file",
            "client_cert",
            "credentials_file",
            "insecure",
            "kind",
            "name",
            "prefix",
            "project",
            "pushed",
            "tls",
            "url"
        ]
    );
}

#[test]
fn target_add_list_show_remove_json() {
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    let a: TargetJson = out(&env.run(&[
        "--json",
        "target",
        "add",
        "pg",
        "--kind",
        "postgres",
        "--url",
        "postgres://admin@127.0.0.1:5432/app",
        "--admin-password-env",
        "PG_PW",
        "--prefix",
        "v_",
    ]));
    assert_eq!((a.name.as_str(), a.kind.as_str()), ("pg", "postgres"));
    assert_eq!(a.url, "postgres://admin@127.0.0.1:5432/app");
    assert_eq!(a.admin_credential.as_deref(), Some("env:PG_PW"));
    assert_eq!(a.ca_file, None);
    assert!(!a.tls && !a.insecure);
    assert_eq!(a.prefix.as_deref(), Some("v_"));
    let l: TargetList = out(&env.run(&["--json", "target", "list"]));
    assert_eq!(l.targets.len(), 1);
    let r = env.run(&["--json", "target", "show", "pg"]);
    show_keys(&r);
    let s: TargetShow = out(&r);
    assert_eq!(s.target.name, "pg");
    assert_eq!(s.target.kind, "postgres");
    assert_eq!(s.target.url, a.url);
    assert_eq!(s.target.admin_credential, a.admin_credential);
    assert_eq!(
        (s.target.ca_file, s.target.tls, s.target.insecure),
        (None, false, false)
    );
    assert_eq!(s.target.prefix.as_deref(), Some("v_"));
    assert_eq!(
        (
            s.target.client_cert,
            s.target.project,
            s.target.credentials_file
        ),
        (None, None, None)
    );
    assert_eq!(
        (&a.client_cert, &a.project, &a.credentials_file),
        (&None, &None, &None)
    );
    assert!(s.pushed.is_empty());
    // The dry-run needs no server and no admin password.
    env.create("app");
    let d: DryRunJson = out(&env.run(&[
        "--json",
        "push",
        "app",
        "--to",
        "pg",
        "--grant",
        "SELECT ON t",
        "--dry-run",
    ]));
    assert!(d.dry_run);
    assert_eq!(
        (
            d.key.as_str(),
            d.version,
            d.target.as_str(),
            d.kind.as_str()
        ),
        ("app", 1, "pg", "postgres")
    );
    assert_eq!(d.user, "v_app_a");
    assert!(
        d.plan.iter().any(|l| l.contains("PASSWORD '****'")),
        "{:?}",
        d.plan
    );
    let r: Removed = out(&env.run(&["--json", "target", "remove", "pg"]));
    assert_eq!((r.name.as_str(), r.removed), ("pg", true));
    // A password in the URL: the usage error object.
    let e = env.run(&[
        "--json",
        "target",
        "add",
        "x",
        "--kind",
        "redis",
        "--url",
        "redis://u:pw@127.0.0.1",
    ]);
    e.code(2);
    assert_eq!(e.json_err()["error"]["kind"], "usage");
}

#[test]
fn target_test_and_push_json_on_real_redis() {
    let Some(redis) = start_redis() else { return };
    let env = TestEnv::new();
    env.secret(REDIS_ADMIN_PW);
    let url = format!("redis://default@127.0.0.1:{}", redis.port);
    let pw = [("R_PW", REDIS_ADMIN_PW)];
    env.run(&[
        "target",
        "add",
        "r",
        "--kind",
        "redis",
        "--url",
        &url,
        "--admin-password-env",
        "R_PW",
    ])
    .ok();
    let t: TestJson = out(&env.run_with(&["--json", "target", "test", "r"], None, &pw));
    assert_eq!(
        (t.name.as_str(), t.kind.as_str(), t.ok, t.tls),
        ("r", "redis", true, false)
    );
    assert!(t.server.starts_with("Redis 7"), "{}", t.server);
    assert_eq!(t.admin_user.as_deref(), Some("default"));
    assert!(t.pending.is_empty(), "nothing waits for a restart");
    env.create("svc");
    let p: PushJson = out(&env.run_with(&["--json", "push", "svc", "--to", "r"], None, &pw));
    assert_eq!(
        (
            p.key.as_str(),
            p.version,
            p.target.as_str(),
            p.kind.as_str()
        ),
        ("svc", 1, "r", "redis")
    );
    assert_eq!(p.user, "svc");
    assert!(p.verified);
    let r = env.run(&["--json", "target", "show", "r"]);
    show_keys(&r);
    let s: TargetShow = out(&r);
    assert_eq!(s.pushed.len(), 1);
    let x = &s.pushed[0];
    assert_eq!(
        (
            x.credential.as_str(),
            x.kind.as_str(),
            x.version,
            x.serial.as_deref(),
            x.user.as_str(),
            x.verified,
            x.pending
        ),
        ("svc", "api_key", Some(1), None, "svc", true, false)
    );
    assert!(x.pushed_at.ends_with('Z'));
    assert_eq!(x.revoked_at, None);
    // target drift: the documented object, nothing drifted.
    let d: DriftJson = out(&env.run_with(
        &["--json", "target", "drift", "r"],
        None,
        &[("R_PW", REDIS_ADMIN_PW)],
    ));
    assert_eq!((d.target.as_str(), d.drift, d.rows.len()), ("r", false, 1));
    let row = &d.rows[0];
    assert_eq!(
        (
            row.credential.as_str(),
            row.kind.as_str(),
            row.version,
            row.user.as_str(),
            row.expected.as_str(),
            row.actual.as_str(),
            row.ok
        ),
        ("svc", "api_key", Some(1), "svc", "live", "live", true)
    );
    assert!(row.serial.is_none() && row.note.is_none());
    // Wrong admin password: the remote error object, exit 4.
    let e = env.run_with(
        &["--json", "target", "test", "r"],
        None,
        &[("R_PW", "nope-not-it")],
    );
    e.code(4);
    assert_eq!(e.json_err()["error"]["kind"], "remote");
}
