//! The `--json` contract (docs/json.md): every command's stdout is read into a test-owned type
//! that denies unknown fields, so adding, removing or renaming a field fails here first and
//! forces docs/json.md to follow. Three kinds of field, as docs/json.md describes them:
//! - plain `T`: always present, never null;
//! - `#[serde(deserialize_with = "nullable")] Option<T>`: always present, may be `null`;
//! - `#[serde(default, deserialize_with = "omittable")] Option<T>`: absent when there is nothing
//!   to say, never `null`.

// Helpers outside #[test] functions unwrap too (clippy.toml only exempts the tests themselves).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::util::*;

// ---------------------------------------------------------------------------------------------
// Field helpers

/// Present, possibly `null` (a missing field is an error: `deserialize_with` disables serde's
/// missing-`Option`-is-`None` rule).
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d)
}

/// Absent or a value; `null` is an error.
fn omittable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// stdout is exactly one JSON object of type `T`.
#[track_caller]
fn out<T: DeserializeOwned>(r: &Run) -> T {
    assert_eq!(
        r.stdout.lines().count(),
        1,
        "stdout is not one line:\n{}",
        r.stdout
    );
    serde_json::from_str(r.stdout.trim()).unwrap_or_else(|e| {
        panic!(
            "stdout does not match the documented shape ({e}):\n{}\n--- stderr\n{}",
            r.stdout, r.stderr
        )
    })
}

/// stderr is exactly the JSON error object, stdout is empty, and the code matches.
#[track_caller]
fn err(r: &Run, code: i32, kind: &str) -> ErrorBody {
    r.code(code);
    assert!(r.stdout.is_empty(), "stdout on error:\n{}", r.stdout);
    let e: ErrorObject = serde_json::from_str(r.stderr.trim()).unwrap_or_else(|e| {
        panic!(
            "stderr is not the documented error object ({e}):\n{}",
            r.stderr
        )
    });
    assert_eq!(e.error.exit_code as i32, code, "{:?}", e.error);
    assert_eq!(e.error.kind, kind, "{:?}", e.error);
    assert!(!e.error.message.is_empty());
    assert!(!e.error.message.contains('\n'));
    e.error
}

/// Seconds since the epoch of an RFC 3339 UTC timestamp (as vauth prints them).
#[track_caller]
fn ts(s: &str) -> i64 {
    assert!(s.ends_with('Z'), "not UTC: {s}");
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|e| panic!("not RFC 3339 ({e}): {s}"))
        .unix_timestamp()
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// `sha256:` and 16 lowercase hex digits.
#[track_caller]
fn assert_fingerprint(f: &str) {
    let hex = f
        .strip_prefix("sha256:")
        .unwrap_or_else(|| panic!("fingerprint {f}"));
    assert_eq!(hex.len(), 16, "{f}");
    assert!(
        hex.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
        "{f}"
    );
}

/// The public id inside a vauth key.
fn id_of(key: &str) -> String {
    key.split('_').nth(1).unwrap().to_string()
}

/// No vauth key (and not `key`) anywhere in the output.
#[track_caller]
fn no_secret(r: &Run, key: &str) {
    assert!(
        !r.stdout.contains(key),
        "the key is in stdout:\n{}",
        r.stdout
    );
    assert!(
        keys_in(&r.stdout).is_empty(),
        "a key is in stdout:\n{}",
        r.stdout
    );
    assert!(
        !r.stdout.contains("\"key\""),
        "a `key` field in stdout:\n{}",
        r.stdout
    );
}

// ---------------------------------------------------------------------------------------------
// Test-owned shapes (docs/json.md)

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InitReport {
    home: String,
    home_id: String,
    created: bool,
    protection: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusReport {
    home: String,
    home_id: String,
    protection: String,
    #[serde(default, deserialize_with = "omittable")]
    protection_warning: Option<String>,
    within_seconds: i64,
    keys: Counts,
    jwt_keys: JwtCounts,
    #[serde(deserialize_with = "nullable")]
    ca: Option<StatusCa>,
    certs: CertCounts,
    #[serde(deserialize_with = "nullable")]
    crl: Option<StatusCrl>,
    targets: usize,
    pending_pushes: Vec<PendingPush>,
    rotations: Vec<StatusRotation>,
    expiring: Vec<Expiring>,
    audit_lines: u64,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct Counts {
    total: usize,
    active: usize,
    grace: usize,
    expired: usize,
    retired: usize,
    revoked: usize,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct JwtCounts {
    total: usize,
    active: usize,
    grace: usize,
    retired: usize,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct CertCounts {
    total: usize,
    active: usize,
    not_yet_valid: usize,
    expired: usize,
    revoked: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusCa {
    root: StatusCaCert,
    #[serde(default, deserialize_with = "omittable")]
    intermediate: Option<StatusCaCert>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusCaCert {
    cn: String,
    not_after: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusCrl {
    number: u64,
    next_update: String,
    state: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PendingPush {
    kind: String,
    name: String,
    version: u32,
    target: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusRotation {
    credential: String,
    to_version: u32,
    stage: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expiring {
    kind: String,
    name: String,
    #[serde(default, deserialize_with = "omittable")]
    version: Option<u32>,
    expires: String,
}

/// `key create` / `key rotate` (and `--format json`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewKey {
    name: String,
    version: u32,
    #[serde(deserialize_with = "nullable")]
    id: Option<String>,
    fingerprint: String,
    created: String,
    #[serde(deserialize_with = "nullable")]
    expires: Option<String>,
    kept: bool,
    #[serde(default, deserialize_with = "omittable")]
    previous: Option<Previous>,
    /// Older versions a rotation ended (the rule of 2); absent when none.
    #[serde(default)]
    ended: Vec<u32>,
    #[serde(default, deserialize_with = "omittable")]
    out: Option<String>,
    #[serde(default, deserialize_with = "omittable")]
    key: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Previous {
    version: u32,
    grace_until: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportReport {
    name: String,
    version: u32,
    #[serde(deserialize_with = "nullable")]
    id: Option<String>,
    fingerprint: String,
    entropy_bits: u32,
    kept: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListReport {
    at: String,
    keys: Vec<ListRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListRow {
    name: String,
    #[serde(deserialize_with = "nullable")]
    id: Option<String>,
    version: u32,
    status: String,
    created: String,
    #[serde(deserialize_with = "nullable")]
    expires: Option<String>,
    age_seconds: i64,
    scopes: Vec<String>,
    labels: BTreeMap<String, String>,
    kept: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShowReport {
    name: String,
    #[serde(deserialize_with = "nullable")]
    prefix: Option<String>,
    status: String,
    scopes: Vec<String>,
    labels: BTreeMap<String, String>,
    created: String,
    versions: Vec<ShowVersion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShowVersion {
    version: u32,
    #[serde(deserialize_with = "nullable")]
    id: Option<String>,
    status: String,
    origin: String,
    fingerprint: String,
    created: String,
    #[serde(deserialize_with = "nullable")]
    expires: Option<String>,
    #[serde(deserialize_with = "nullable")]
    grace_until: Option<String>,
    #[serde(deserialize_with = "nullable")]
    revoked_at: Option<String>,
    kept: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Revealed {
    name: String,
    version: u32,
    key: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Verdict {
    ok: bool,
    #[serde(default, deserialize_with = "omittable")]
    reason: Option<String>,
    message: String,
    #[serde(default, deserialize_with = "omittable")]
    name: Option<String>,
    #[serde(default, deserialize_with = "omittable")]
    version: Option<u32>,
    #[serde(default, deserialize_with = "omittable")]
    status: Option<String>,
    at: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RevokeReport {
    name: String,
    revoked: Vec<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AuditShow {
    lines: Vec<AuditLine>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AuditLine {
    seq: u64,
    time: String,
    actor: String,
    #[serde(default, deserialize_with = "omittable")]
    ci_job: Option<String>,
    action: String,
    details: BTreeMap<String, String>,
    outcome: String,
    prev: String,
    hmac: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AuditVerdict {
    ok: bool,
    lines: u64,
    #[serde(default, deserialize_with = "omittable")]
    bad_line: Option<u64>,
    #[serde(default, deserialize_with = "omittable")]
    reason: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RekeyReport {
    previous: String,
    protection: String,
    retired: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorObject {
    error: ErrorBody,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorBody {
    exit_code: u8,
    kind: String,
    message: String,
    #[serde(default, deserialize_with = "omittable")]
    hint: Option<String>,
}

/// A key for a version that vauth never made (a fresh home's key).
fn foreign_key() -> String {
    let other = TestEnv::new();
    other.create("elsewhere")
}

// ---------------------------------------------------------------------------------------------
// init, status

#[test]
fn init_json() {
    let env = TestEnv::new();
    let r = env.run(&["--json", "init"]);
    r.ok();
    let first: InitReport = out(&r);
    assert!(first.created);
    assert_eq!(first.protection, "key-file");
    assert_eq!(first.home, env.home().display().to_string());
    assert!(!first.home_id.is_empty());

    let again: InitReport = out(env.run(&["--json", "init"]).ok());
    assert!(!again.created);
    assert_eq!(again.home_id, first.home_id);
    assert_eq!(again.home, first.home);
    assert_eq!(again.protection, "key-file");

    // Asking for another protection on an existing home: a state error, with a hint.
    let e = err(
        &env.run(&["--json", "init", "--protect", "passphrase"]),
        3,
        "state",
    );
    assert!(e.message.contains("key-file"), "{e:?}");
    assert!(
        e.hint
            .unwrap()
            .contains("vauth vault rekey --protect passphrase")
    );
}

#[test]
fn status_json() {
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    let s: StatusReport = out(env.run(&["--json", "status"]).ok());
    assert_eq!(s.home, env.home().display().to_string());
    assert!(!s.home_id.is_empty());
    assert_eq!(s.protection, "key-file");
    assert!(s.protection_warning.unwrap().contains("0600"));
    assert_eq!(
        s.keys,
        Counts {
            total: 0,
            active: 0,
            grace: 0,
            expired: 0,
            retired: 0,
            revoked: 0
        }
    );
    assert_eq!(s.within_seconds, 30 * 86_400);
    assert!(s.expiring.is_empty());
    assert_eq!(s.audit_lines, 1);
    assert_eq!(
        s.jwt_keys,
        JwtCounts {
            total: 0,
            active: 0,
            grace: 0,
            retired: 0
        }
    );
    assert!(s.ca.is_none() && s.crl.is_none());
    assert_eq!(s.certs.total, 0);
    assert_eq!(s.targets, 0);
    assert!(s.pending_pushes.is_empty() && s.rotations.is_empty());

    env.run(&["key", "create", "soon", "--expires", "1d"]).ok();
    env.run(&["key", "create", "later", "--expires", "90d"])
        .ok();
    env.create("gone");
    env.run(&["key", "revoke", "gone", "--yes"]).ok();
    env.create("rolled");
    env.run(&["key", "rotate", "rolled", "--grace", "1h"]).ok();

    let r = env.run(&["--json", "status", "--within", "2d"]);
    r.ok();
    let s: StatusReport = out(&r);
    assert_eq!(s.within_seconds, 2 * 86_400);
    // Each key counted once, by its overall status.
    assert_eq!(
        s.keys,
        Counts {
            total: 4,
            active: 3,
            grace: 0,
            expired: 0,
            retired: 0,
            revoked: 1
        }
    );
    // rolled v1 (grace ends in 1h, no expiry) sorts before soon v1 (expires in 1d).
    let got: Vec<(&str, &str, Option<u32>)> = s
        .expiring
        .iter()
        .map(|e| (e.kind.as_str(), e.name.as_str(), e.version))
        .collect();
    assert_eq!(
        got,
        vec![("api_key", "rolled", Some(1)), ("api_key", "soon", Some(1))]
    );
    let grace_end = ts(&s.expiring[0].expires) - now();
    assert!((3500..=3600).contains(&grace_end), "{grace_end}");
    let expiry = ts(&s.expiring[1].expires) - now();
    assert!((86_300..=86_400).contains(&expiry), "{expiry}");
    // init, 4 creates, a revoke, a rotate.
    assert_eq!(s.audit_lines, 7);
}

/// status covers every kind consistently: what expires within the window is listed for API keys,
/// JWT signing keys in grace, the CA and certificates alike (no "nothing expiring" next to a
/// warning about certificates), and a fresh CRL is not "near".
#[test]
fn status_json_covers_every_kind() {
    let env = TestEnv::new();
    env.run(&["key", "create", "k", "--expires", "2d", "-q"])
        .ok();
    env.run(&["jwt", "key", "create", "j", "--alg", "ES256"])
        .ok();
    env.run(&["jwt", "key", "rotate", "j", "--grace", "1h"])
        .ok();
    env.run(&["ca", "init", "--intermediate"]).ok();
    let dir = env.dir.path().to_str().unwrap().to_string();
    for (name, life) in [("c1", "3d"), ("c2", "3d"), ("c3", "60d")] {
        env.run(&["cert", "issue", name, "--out", &dir, "--not-after", life])
            .ok();
        crate::util::ca::register_keys(&env, &[&env.path(&format!("{name}.key"))]);
    }
    env.run(&["cert", "revoke", "c2", "--yes"]).ok();
    let crl = env.path("ca.crl");
    env.run(&[
        "ca",
        "crl",
        "--out",
        crl.to_str().unwrap(),
        "--next-update",
        "7d",
    ])
    .ok();

    let r = env.run(&["--json", "status", "--within", "7d"]);
    r.ok();
    // A fresh 7-day CRL is not near; nothing is warned about.
    assert!(!r.stderr.contains("CRL"), "{}", r.stderr);
    let s: StatusReport = out(&r);
    assert_eq!(s.keys.total, 1);
    assert_eq!(
        s.jwt_keys,
        JwtCounts {
            total: 1,
            active: 1,
            grace: 0,
            retired: 0
        }
    );
    assert_eq!(
        s.certs,
        CertCounts {
            total: 3,
            active: 2,
            not_yet_valid: 0,
            expired: 0,
            revoked: 1
        }
    );
    let ca = s.ca.unwrap();
    assert!(ca.intermediate.is_some());
    assert!(ts(&ca.root.not_after) > now() + 365 * 86_400 && !ca.root.cn.is_empty());
    let crl = s.crl.unwrap();
    assert_eq!((crl.number, crl.state.as_str()), (1, "ok"));
    assert!(ts(&crl.next_update) > now() + 6 * 86_400);
    // Soonest first: the replaced JWT key's grace, the API key, the one unrevoked 3-day cert.
    let got: Vec<(&str, &str, Option<u32>)> = s
        .expiring
        .iter()
        .map(|e| (e.kind.as_str(), e.name.as_str(), e.version))
        .collect();
    assert_eq!(
        got,
        vec![
            ("jwt_key", "j", Some(1)),
            ("api_key", "k", Some(1)),
            ("cert", "c1", Some(1))
        ]
    );
    // The human form says the same: no "nothing within" next to a list.
    let h = env.run(&["status", "--within", "7d"]);
    h.ok()
        .stdout_has("cert     c1 v1")
        .stdout_has("jwt keys    1 (1 active");
    assert!(!h.stdout.contains("nothing within"), "{}", h.stdout);
    // Outside every window: nothing, for every kind.
    env.run(&["status", "--within", "1m"])
        .ok()
        .stdout_has("nothing within 1m");

    // A push waiting for a restart and an unfinished rotation, as the journal records them.
    let mut st = state_of_dir(&env.home());
    let at = st["created"].clone();
    st["api_keys"]["k"]["versions"][0]["pushed"] = serde_json::json!([{
        "target": "chroma", "user": "k", "remote_name": "k", "at": at,
        "verified": false, "pending": true
    }]);
    st["rotations"] = serde_json::json!({"k": {
        "from_version": 1, "to_version": 2, "sha256": "00".repeat(32), "started": at,
        "grace_seconds": 3600, "targets": ["chroma"], "stage": "pushing", "steps": []
    }});
    write_state_of_dir(&env.home(), &st);
    let s: StatusReport = out(env.run(&["--json", "status"]).ok());
    let p = &s.pending_pushes[..];
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(
        (
            p[0].kind.as_str(),
            p[0].name.as_str(),
            p[0].version,
            p[0].target.as_str()
        ),
        ("api_key", "k", 1, "chroma")
    );
    let r = &s.rotations[..];
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(
        (
            r[0].credential.as_str(),
            r[0].to_version,
            r[0].stage.as_str()
        ),
        ("k", 2, "pushing")
    );
    env.run(&["status"])
        .ok()
        .stdout_has("1 push(es) wait")
        .stdout_has("rotations   1 unfinished");
}

// ---------------------------------------------------------------------------------------------
// key create

#[test]
fn key_create_json() {
    let env = TestEnv::new();
    let before = now();
    let r = env.run(&[
        "--json",
        "key",
        "create",
        "app",
        "--scope",
        "read",
        "--label",
        "team=search",
    ]);
    r.ok();
    let k: NewKey = out(&r);
    let key = k.key.clone().expect("create --json carries the key");
    assert!(is_key(&key), "{key}");
    assert!(key.starts_with("vk_"));
    assert_eq!(k.name, "app");
    assert_eq!(k.version, 1);
    assert_eq!(k.id.as_deref(), Some(id_of(&key).as_str()));
    assert_fingerprint(&k.fingerprint);
    assert!(ts(&k.created) >= before - 1 && ts(&k.created) <= now() + 1);
    assert_eq!(k.expires, None);
    assert!(k.kept);
    assert!(k.previous.is_none());
    assert!(k.out.is_none());
    // The note goes to stderr; the secret does not.
    assert!(!r.stderr.contains(&key));

    // The key printed is the key registered.
    let v: Verdict = out(env.run_in(&["--json", "key", "verify"], &key).ok());
    assert!(v.ok);

    // --expires, --no-keep, --prefix.
    let r = env.run(&[
        "--json",
        "key",
        "create",
        "ci",
        "--expires",
        "90d",
        "--no-keep",
        "--prefix",
        "qd",
    ]);
    let k: NewKey = out(r.ok());
    assert!(k.key.as_deref().unwrap().starts_with("qd_"));
    assert!(!k.kept);
    let lifetime = ts(k.expires.as_deref().unwrap()) - ts(&k.created);
    assert_eq!(lifetime, 90 * 86_400);

    // An existing name without --force.
    let e = err(&env.run(&["--json", "key", "create", "app"]), 3, "exists");
    assert!(e.hint.unwrap().contains("--force"));
}

#[test]
fn key_create_format_json_is_the_same_object() {
    let env = TestEnv::new();
    // --format json without --json: the same object, key included.
    let r = env.run(&["key", "create", "app", "--format", "json"]);
    let k: NewKey = out(r.ok());
    assert!(is_key(k.key.as_deref().unwrap()));
    assert_eq!(k.name, "app");
    assert_eq!(k.version, 1);
    assert!(k.out.is_none() && k.previous.is_none());

    // Both: still one object.
    let r = env.run(&["--json", "key", "create", "app2", "--format", "json"]);
    let k: NewKey = out(r.ok());
    assert!(is_key(k.key.as_deref().unwrap()));
}

#[test]
fn key_create_out_json() {
    let env = TestEnv::new();
    // Plain format to a file: the report names the file and carries no key.
    let path = env.path("app.key");
    let p = path.to_str().unwrap();
    let r = env.run(&["--json", "key", "create", "app", "--out", p]);
    r.ok();
    let k: NewKey = out(&r);
    assert_eq!(k.out.as_deref(), Some(p));
    assert!(k.key.is_none());
    assert!(keys_in(&r.stdout).is_empty(), "{}", r.stdout);
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(is_key(written.trim()));
    assert_eq!(k.id.as_deref(), Some(id_of(written.trim()).as_str()));
    assert_eq!(env.mode(&path), 0o600);

    // --format json to a file: the file holds the object with the key (and no `out`).
    let path = env.path("app2.json");
    let p = path.to_str().unwrap();
    let r = env.run(&[
        "--json", "key", "create", "app2", "--format", "json", "--out", p,
    ]);
    let k: NewKey = out(r.ok());
    assert_eq!(k.out.as_deref(), Some(p));
    assert!(k.key.is_none());
    assert!(keys_in(&r.stdout).is_empty(), "{}", r.stdout);
    let text = std::fs::read_to_string(&path).unwrap();
    let in_file: NewKey = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(in_file.name, "app2");
    assert!(in_file.out.is_none());
    assert!(is_key(in_file.key.as_deref().unwrap()));
    assert_eq!(in_file.fingerprint, k.fingerprint);
    assert_eq!(env.mode(&path), 0o600);

    // An existing --out without --force: nothing is created.
    let e = err(
        &env.run(&["--json", "key", "create", "app3", "--out", p]),
        3,
        "exists",
    );
    assert!(e.message.contains("already exists"));
}

#[test]
fn key_create_other_formats_are_not_json() {
    // --format env/dotenv print their own text even with --json (docs/json.md says so).
    let env = TestEnv::new();
    let r = env.run(&["--json", "key", "create", "app", "--format", "dotenv"]);
    r.ok();
    let line = r.line();
    let key = line
        .strip_prefix("APP=")
        .unwrap_or_else(|| panic!("{line}"));
    assert!(is_key(key));
    assert!(serde_json::from_str::<serde_json::Value>(&line).is_err());
}

// ---------------------------------------------------------------------------------------------
// key import

#[test]
fn key_import_json() {
    let env = TestEnv::new();
    // Not in vauth's format: no id, no prefix.
    let strong = "Zr4kQ9wT2mXe7LpB8sVn3HyC6dFa1JgU5oKi0RtWqEzNb";
    let r = env.run_in(
        &["--json", "key", "import", "legacy", "--scope", "s1"],
        strong,
    );
    r.ok();
    let i: ImportReport = out(&r);
    assert_eq!(i.name, "legacy");
    assert_eq!(i.version, 1);
    assert_eq!(i.id, None);
    assert_fingerprint(&i.fingerprint);
    assert!(i.entropy_bits >= 128, "{}", i.entropy_bits);
    assert!(i.kept);
    assert!(!r.stdout.contains(strong));
    let s: ShowReport = out(env.run(&["--json", "key", "show", "legacy"]).ok());
    assert_eq!(s.prefix, None);
    assert_eq!(s.versions[0].origin, "imported");
    assert_eq!(s.versions[0].fingerprint, i.fingerprint);

    // A vauth key made elsewhere keeps its id; --no-keep.
    let foreign = foreign_key();
    env.secret(&foreign);
    let i: ImportReport = out(env
        .run_in(&["--json", "key", "import", "moved", "--no-keep"], &foreign)
        .ok());
    assert_eq!(i.id.as_deref(), Some(id_of(&foreign).as_str()));
    assert!(!i.kept);
    assert!(i.entropy_bits >= 128);

    // Weak keys: exit 3 (input) unless --subtle.
    let e = err(
        &env.run_in(&["--json", "key", "import", "weak"], "short1234"),
        3,
        "input",
    );
    assert!(e.hint.unwrap().contains("--subtle"));
    let i: ImportReport = out(env
        .run_in(
            &["--json", "key", "import", "weak", "--subtle"],
            "short1234",
        )
        .ok());
    assert!(i.entropy_bits < 128);

    // The same key twice.
    err(
        &env.run_in(&["--json", "key", "import", "again"], strong),
        3,
        "exists",
    );
}

// ---------------------------------------------------------------------------------------------
// key list, key show

#[test]
fn key_list_json() {
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    let l: ListReport = out(env.run(&["--json", "key", "list"]).ok());
    assert!(l.keys.is_empty());
    assert!((ts(&l.at) - now()).abs() <= 5);

    let b = env.create("b-key");
    let r = env.run(&[
        "--json",
        "key",
        "create",
        "a-key",
        "--scope",
        "read",
        "--scope",
        "write",
        "--label",
        "team=search",
        "--expires",
        "30d",
    ]);
    let a: NewKey = out(r.ok());
    let a_key = a.key.clone().unwrap();
    env.create("c-key");
    env.run(&["key", "revoke", "c-key", "--yes"]).ok();
    env.run(&["key", "rotate", "b-key", "--grace", "1h"]).ok();

    let r = env.run(&["--json", "key", "list"]);
    r.ok();
    no_secret(&r, &a_key);
    no_secret(&r, &b);
    let l: ListReport = out(&r);
    let names: Vec<&str> = l.keys.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(names, vec!["a-key", "b-key", "c-key"]);

    let row = &l.keys[0];
    assert_eq!(row.id.as_deref(), a.id.as_deref());
    assert_eq!(row.version, 1);
    assert_eq!(row.status, "active");
    assert_eq!(row.created, a.created);
    assert_eq!(row.expires, a.expires);
    assert_eq!(row.scopes, vec!["read", "write"]);
    assert_eq!(row.labels.get("team").map(String::as_str), Some("search"));
    assert!(row.kept);
    assert!((0..=5).contains(&row.age_seconds));

    // b-key: its current version is the rotated one.
    assert_eq!(l.keys[1].version, 2);
    assert_eq!(l.keys[1].status, "active");
    assert_eq!(l.keys[1].expires, None);
    assert!(l.keys[1].scopes.is_empty() && l.keys[1].labels.is_empty());

    // c-key: no current version, so its latest, revoked.
    assert_eq!(l.keys[2].version, 1);
    assert_eq!(l.keys[2].status, "revoked");

    // --at evaluates later: a-key expires in 30d.
    let l: ListReport = out(env.run(&["--json", "key", "list", "--at", "+31d"]).ok());
    assert!((ts(&l.at) - now() - 31 * 86_400).abs() <= 5);
    assert_eq!(l.keys[0].status, "expired");
    assert!((l.keys[0].age_seconds - 31 * 86_400).abs() <= 5);
    assert_eq!(l.keys[1].status, "active");
}

#[test]
fn key_show_json() {
    let env = TestEnv::new();
    let r = env.run(&[
        "--json", "key", "create", "app", "--scope", "read", "--label", "env=prod",
    ]);
    let v1: NewKey = out(r.ok());
    let k1 = v1.key.clone().unwrap();

    let r = env.run(&["--json", "key", "show", "app"]);
    r.ok();
    no_secret(&r, &k1);
    let s: ShowReport = out(&r);
    assert_eq!(s.name, "app");
    assert_eq!(s.prefix.as_deref(), Some("vk"));
    assert_eq!(s.status, "active");
    assert_eq!(s.scopes, vec!["read"]);
    assert_eq!(s.labels.get("env").map(String::as_str), Some("prod"));
    assert_eq!(s.created, v1.created);
    assert_eq!(s.versions.len(), 1);
    let v = &s.versions[0];
    assert_eq!(v.version, 1);
    assert_eq!(v.id, v1.id);
    assert_eq!(v.status, "active");
    assert_eq!(v.origin, "generated");
    assert_eq!(v.fingerprint, v1.fingerprint);
    assert_eq!(v.created, v1.created);
    assert_eq!(
        (&v.expires, &v.grace_until, &v.revoked_at),
        (&None, &None, &None)
    );
    assert!(v.kept);

    // After a rotation: v1 in grace until grace_until, v2 active.
    let r = env.run(&["--json", "key", "rotate", "app", "--grace", "1h"]);
    let v2: NewKey = out(r.ok());
    let k2 = v2.key.clone().unwrap();
    let r = env.run(&["--json", "key", "show", "app"]);
    no_secret(&r, &k1);
    no_secret(&r, &k2);
    let s: ShowReport = out(r.ok());
    assert_eq!(s.status, "active");
    assert_eq!(
        s.created, v1.created,
        "the key's creation, not the newest version's"
    );
    let [old, new] = &s.versions[..] else {
        panic!("{s:?}")
    };
    assert_eq!((old.version, old.status.as_str()), (1, "grace"));
    assert_eq!(
        old.grace_until.as_deref(),
        Some(v2.previous.as_ref().unwrap().grace_until.as_str())
    );
    assert!(old.kept);
    assert_eq!((new.version, new.status.as_str()), (2, "active"));
    assert_eq!(new.grace_until, None);
    assert_eq!(new.id, v2.id);

    // After revoking everything: revoked_at set, nothing kept.
    env.run(&["key", "revoke", "app", "--yes"]).ok();
    let s: ShowReport = out(env.run(&["--json", "key", "show", "app"]).ok());
    assert_eq!(s.status, "revoked");
    for v in &s.versions {
        assert_eq!(v.status, "revoked", "{v:?}");
        assert!(v.revoked_at.is_some(), "{v:?}");
        assert!(!v.kept, "{v:?}");
    }
}

#[test]
fn key_show_reveal_json() {
    let env = TestEnv::new();
    let k1 = env.create("app");
    let r = env.run(&["--json", "key", "show", "app", "--reveal", "--yes"]);
    let rv: Revealed = out(r.ok());
    assert_eq!(rv.name, "app");
    assert_eq!(rv.version, 1);
    assert_eq!(rv.key, k1);

    // During the grace, the previous version can be revealed by number.
    let k2 = out::<NewKey>(
        env.run(&["--json", "key", "rotate", "app", "--grace", "1h"])
            .ok(),
    )
    .key
    .unwrap();
    let rv: Revealed = out(env
        .run(&["--json", "key", "show", "app", "--reveal", "--yes"])
        .ok());
    assert_eq!((rv.version, rv.key.as_str()), (2, k2.as_str()));
    let rv: Revealed = out(env
        .run(&[
            "--json",
            "key",
            "show",
            "app",
            "--reveal",
            "--version",
            "1",
            "--yes",
        ])
        .ok());
    assert_eq!((rv.version, rv.key.as_str()), (1, k1.as_str()));

    // No terminal and no --yes: exit 3, nothing printed.
    let e = err(
        &env.run(&["--json", "key", "show", "app", "--reveal"]),
        3,
        "no_terminal",
    );
    assert!(e.hint.unwrap().contains("--yes"));
    // Not kept.
    env.run(&["key", "create", "hash-only", "--no-keep"]).ok();
    err(
        &env.run(&["--json", "key", "show", "hash-only", "--reveal", "--yes"]),
        3,
        "not_found",
    );
    // Revoked: the plaintext is gone.
    env.run(&["key", "revoke", "app", "--version", "1", "--yes"])
        .ok();
    err(
        &env.run(&[
            "--json",
            "key",
            "show",
            "app",
            "--reveal",
            "--version",
            "1",
            "--yes",
        ]),
        3,
        "not_found",
    );
}

// ---------------------------------------------------------------------------------------------
// key verify

#[test]
fn key_verify_json_valid() {
    let env = TestEnv::new();
    let key = env.create("app");
    // A trailing newline is fine.
    let r = env.run_in(&["--json", "key", "verify"], &format!("{key}\n"));
    r.ok();
    no_secret(&r, &key);
    let v: Verdict = out(&r);
    assert!(v.ok);
    assert_eq!(v.reason, None);
    assert_eq!(v.name.as_deref(), Some("app"));
    assert_eq!(v.version, Some(1));
    assert_eq!(v.status.as_deref(), Some("active"));
    assert_eq!(v.message, "app v1 is active");
    assert!((ts(&v.at) - now()).abs() <= 5);

    // With NAME and --key-file.
    let f = env.write("presented.txt", &key);
    let v: Verdict = out(env
        .run(&[
            "--json",
            "key",
            "verify",
            "app",
            "--key-file",
            f.to_str().unwrap(),
        ])
        .ok());
    assert!(v.ok);
}

#[test]
fn key_verify_json_invalid_input() {
    let env = TestEnv::new();
    let key = env.create("app");
    env.create("other");

    // Each: exit 1, the verdict on stdout, nothing on stderr, no name/version/status.
    let check = |input: &str, args: &[&str], reason: &str| {
        let mut argv = vec!["--json", "key", "verify"];
        argv.extend_from_slice(args);
        let r = env.run_in(&argv, input);
        r.code(1);
        assert!(r.stderr.is_empty(), "{}", r.stderr);
        no_secret(&r, &key);
        let v: Verdict = out(&r);
        assert!(!v.ok);
        assert_eq!(v.reason.as_deref(), Some(reason), "{v:?}");
        assert!(!v.message.is_empty());
        assert_eq!((v.name, v.version, v.status), (None, None, None));
        ts(&v.at);
    };
    check("garbage", &[], "malformed");
    check("", &[], "malformed");
    // A typo: the checksum catches it offline.
    let last = key.chars().last().unwrap();
    let typo = format!(
        "{}{}",
        &key[..key.len() - 1],
        if last == 'a' { 'b' } else { 'a' }
    );
    check(&typo, &[], "bad_checksum");
    // Well-formed, but made in another home.
    check(&foreign_key(), &[], "unknown_id");
    // A known id with another secret (and a correct checksum).
    let body = format!(
        "vk_{}_{}",
        id_of(&key),
        "A".repeat(vauth::apikey::SECRET_LEN)
    );
    let forged = format!(
        "{body}{}",
        String::from_utf8(vauth::apikey::checksum(body.as_bytes()).to_vec()).unwrap()
    );
    check(&forged, &[], "mismatch");
    // A valid key, but not a version of the NAME asked for.
    check(&key, &["other"], "wrong_name");
}

#[test]
fn key_verify_json_lifecycle() {
    let env = TestEnv::new();
    let k1 = env.create("app");
    let rot: NewKey = out(env
        .run(&["--json", "key", "rotate", "app", "--grace", "1h"])
        .ok());
    let k2 = rot.key.unwrap();

    // In grace: still valid.
    let v: Verdict = out(env.run_in(&["--json", "key", "verify"], &k1).ok());
    assert!(v.ok);
    assert_eq!((v.version, v.status.as_deref()), (Some(1), Some("grace")));
    assert_eq!(v.reason, None);

    // Two hours on: the grace is over.
    let r = env.run_in(&["--json", "key", "verify", "--at", "+2h"], &k1);
    r.code(1);
    let v: Verdict = out(&r);
    assert!(!v.ok);
    assert_eq!(v.reason.as_deref(), Some("outside_grace"));
    assert_eq!(v.name.as_deref(), Some("app"));
    assert_eq!(v.version, Some(1));
    assert_eq!(v.status.as_deref(), Some("retired"));
    assert!((ts(&v.at) - now() - 7200).abs() <= 5);
    // ... while the new version is fine then.
    let v: Verdict = out(env
        .run_in(&["--json", "key", "verify", "--at", "+2h"], &k2)
        .ok());
    assert!(v.ok);
    assert_eq!((v.version, v.status.as_deref()), (Some(2), Some("active")));

    // Revoked.
    env.run(&["key", "revoke", "app", "--version", "2", "--yes"])
        .ok();
    let r = env.run_in(&["--json", "key", "verify", "app"], &k2);
    r.code(1);
    let v: Verdict = out(&r);
    assert_eq!(v.reason.as_deref(), Some("revoked"));
    assert_eq!((v.version, v.status.as_deref()), (Some(2), Some("revoked")));

    // Expired.
    let e: NewKey = out(env
        .run(&["--json", "key", "create", "short", "--expires", "1d"])
        .ok());
    let r = env.run_in(
        &["--json", "key", "verify", "--at", "+2d"],
        e.key.as_deref().unwrap(),
    );
    r.code(1);
    let v: Verdict = out(&r);
    assert_eq!(v.reason.as_deref(), Some("expired"));
    assert_eq!(v.name.as_deref(), Some("short"));
    assert_eq!(v.status.as_deref(), Some("expired"));
}

// ---------------------------------------------------------------------------------------------
// key rotate, key revoke

#[test]
fn key_rotate_json() {
    let env = TestEnv::new();
    let c: NewKey = out(env
        .run(&["--json", "key", "create", "app", "--expires", "90d"])
        .ok());
    let r = env.run(&["--json", "key", "rotate", "app", "--grace", "1h"]);
    r.ok();
    let k: NewKey = out(&r);
    let key = k.key.clone().expect("rotate --json carries the new key");
    assert!(is_key(&key));
    assert_ne!(Some(key.as_str()), c.key.as_deref());
    assert_eq!(k.name, "app");
    assert_eq!(k.version, 2);
    assert_eq!(k.id.as_deref(), Some(id_of(&key).as_str()));
    assert_ne!(k.id, c.id);
    assert_fingerprint(&k.fingerprint);
    assert_ne!(k.fingerprint, c.fingerprint);
    assert!(k.kept);
    assert!(k.out.is_none());
    // The new version gets the same lifetime as the previous one.
    assert_eq!(
        ts(k.expires.as_deref().unwrap()) - ts(&k.created),
        90 * 86_400
    );
    let prev = k.previous.expect("rotate reports the previous version");
    assert_eq!(prev.version, 1);
    assert_eq!(ts(&prev.grace_until) - ts(&k.created), 3600);
    // The note about the grace is on stderr, not in the object.
    assert!(r.stderr.contains("stays valid until"), "{}", r.stderr);

    assert!(k.ended.is_empty(), "a first rotation ends nothing");
    // --no-keep and --out. v1 is still in its grace: ending it (the rule of 2) needs --yes.
    let path = env.path("v3.key");
    let p = path.to_str().unwrap();
    let r = env.run(&[
        "--json",
        "--yes",
        "key",
        "rotate",
        "app",
        "--grace",
        "0s",
        "--no-keep",
        "--out",
        p,
    ]);
    let k: NewKey = out(r.ok());
    assert_eq!(k.version, 3);
    assert!(!k.kept);
    assert!(k.key.is_none());
    assert_eq!(k.out.as_deref(), Some(p));
    assert_eq!(k.previous.unwrap().version, 2);
    assert_eq!(k.ended, vec![1]);

    // Unknown, and fully revoked.
    err(
        &env.run(&["--json", "key", "rotate", "nope"]),
        3,
        "not_found",
    );
    env.run(&["key", "revoke", "app", "--yes"]).ok();
    let e = err(&env.run(&["--json", "key", "rotate", "app"]), 3, "state");
    assert!(e.hint.unwrap().contains("--force"));
}

#[test]
fn key_revoke_json() {
    let env = TestEnv::new();
    env.create("app");
    env.run(&["key", "rotate", "app", "--grace", "1h"]).ok();
    env.run(&["--yes", "key", "rotate", "app", "--grace", "1h"])
        .ok();

    // No terminal, no --yes: refused, nothing revoked.
    let e = err(
        &env.run(&["--json", "key", "revoke", "app"]),
        3,
        "no_terminal",
    );
    assert!(e.hint.unwrap().contains("--yes"));

    let r: RevokeReport = out(env
        .run(&["--json", "key", "revoke", "app", "--version", "2", "--yes"])
        .ok());
    assert_eq!(r.name, "app");
    assert_eq!(r.revoked, vec![2]);
    // Again, or v1 (ended by the second rotation: the rule of 2): nothing to do, still exit 0 and
    // an object (no confirmation needed).
    for v in ["2", "1"] {
        let r: RevokeReport = out(env
            .run(&["--json", "key", "revoke", "app", "--version", v])
            .ok());
        assert_eq!(r.revoked, Vec::<u32>::new());
    }
    // All the rest.
    let r: RevokeReport = out(env.run(&["--json", "key", "revoke", "app", "--yes"]).ok());
    assert_eq!(r.revoked, vec![3]);
    let r: RevokeReport = out(env.run(&["--json", "key", "revoke", "app"]).ok());
    assert!(r.revoked.is_empty());

    err(
        &env.run(&["--json", "key", "revoke", "app", "--version", "9", "--yes"]),
        3,
        "not_found",
    );
    err(
        &env.run(&["--json", "key", "revoke", "nope", "--yes"]),
        3,
        "not_found",
    );
}

// ---------------------------------------------------------------------------------------------
// audit, vault

#[test]
fn audit_show_json() {
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    let key = env.create("app");
    env.run_with(
        &["key", "rotate", "app"],
        None,
        &[("GITHUB_RUN_ID", "4242")],
    )
    .ok();

    let r = env.run(&["--json", "audit", "show"]);
    r.ok();
    no_secret(&r, &key);
    let a: AuditShow = out(&r);
    let actions: Vec<&str> = a.lines.iter().map(|l| l.action.as_str()).collect();
    assert_eq!(actions, vec!["home.init", "key.create", "key.rotate"]);
    for (i, l) in a.lines.iter().enumerate() {
        assert_eq!(l.seq, i as u64 + 1);
        ts(&l.time);
        assert!(l.actor.starts_with("tester@"), "{}", l.actor);
        assert_eq!(l.outcome, "ok");
        assert_eq!(l.prev.len(), 64);
        assert_eq!(l.hmac.len(), 64);
    }
    assert_eq!(a.lines[0].prev, "0".repeat(64));
    assert_eq!(
        a.lines[0].details.get("protection").map(String::as_str),
        Some("key-file")
    );
    assert_eq!(a.lines[0].ci_job, None);
    let create = &a.lines[1].details;
    assert_eq!(create.get("name").map(String::as_str), Some("app"));
    assert_eq!(create.get("version").map(String::as_str), Some("1"));
    assert_eq!(create.get("id").cloned(), Some(id_of(&key)));
    assert!(create.get("fingerprint").unwrap().starts_with("sha256:"));
    assert_eq!(a.lines[2].ci_job.as_deref(), Some("github_run_id=4242"));
    assert_eq!(
        a.lines[2]
            .details
            .get("previous_version")
            .map(String::as_str),
        Some("1")
    );

    // --limit keeps the newest.
    let a: AuditShow = out(env.run(&["--json", "audit", "show", "--limit", "1"]).ok());
    assert_eq!(a.lines.len(), 1);
    assert_eq!(
        (a.lines[0].seq, a.lines[0].action.as_str()),
        (3, "key.rotate")
    );
}

#[test]
fn audit_verify_json() {
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    env.create("app");
    env.create("other");

    let v: AuditVerdict = out(env.run(&["--json", "audit", "verify"]).ok());
    assert!(v.ok);
    assert_eq!(v.lines, 3);
    assert_eq!((v.bad_line, v.reason), (None, None));

    let log_path = env.home().join("audit.log");
    let original = env.read_home("audit.log");

    // An edited line: exit 1 WITH the verdict on stdout.
    std::fs::write(
        &log_path,
        original.replacen("\"name\":\"app\"", "\"name\":\"app2\"", 1),
    )
    .unwrap();
    let r = env.run(&["--json", "audit", "verify"]);
    r.code(1);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let v: AuditVerdict = out(&r);
    assert!(!v.ok);
    assert_eq!(v.bad_line, Some(2));
    assert_eq!(v.lines, 2, "lines read up to the bad one");
    assert!(v.reason.unwrap().contains("HMAC"));

    // A cut tail (two lines: a single missing last line that state.json still holds is
    // "pending", not tampering).
    let cut: String = original.lines().take(1).map(|l| format!("{l}\n")).collect();
    std::fs::write(&log_path, cut).unwrap();
    let r = env.run(&["--json", "audit", "verify"]);
    r.code(1);
    let v: AuditVerdict = out(&r);
    assert!(!v.ok);
    assert_eq!((v.lines, v.bad_line), (1, Some(2)));
    assert!(v.reason.unwrap().contains("cut"));

    // audit show cannot parse a garbage line: an error, not a verdict.
    std::fs::write(&log_path, format!("{original}garbage\n")).unwrap();
    err(&env.run(&["--json", "audit", "show"]), 3, "state");
    std::fs::write(&log_path, original).unwrap();
    out::<AuditVerdict>(env.run(&["--json", "audit", "verify"]).ok());
}

#[test]
fn vault_rekey_json() {
    // base64 of 32 bytes.
    let master = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    let env = TestEnv::new();
    let i: InitReport = out(env.run(&["--json", "init", "--protect", "key-file"]).ok());
    assert_eq!(i.protection, "key-file");
    let key = env.create("app");

    // The new master key from a variable of its own; VAUTH_MASTER_KEY set while a key-file
    // vault is opened would be refused (the environment pins the protection).
    let r = env.run_with(
        &[
            "--json",
            "vault",
            "rekey",
            "--protect",
            "master-key",
            "--new-master-key-env",
            "NEW_KEY",
        ],
        None,
        &[("NEW_KEY", master)],
    );
    r.ok();
    let k: RekeyReport = out(&r);
    assert_eq!(k.previous, "key-file");
    assert_eq!(k.protection, "master-key");
    assert!(k.retired.starts_with("the old key file "), "{}", k.retired);
    let env = env.with_env("VAUTH_MASTER_KEY", master);

    let s: StatusReport = out(env.run(&["--json", "status"]).ok());
    assert_eq!(s.protection, "master-key");
    assert_eq!(s.protection_warning, None);
    // No secret changed.
    let rv: Revealed = out(env
        .run(&["--json", "key", "show", "app", "--reveal", "--yes"])
        .ok());
    assert_eq!(rv.key, key);
    // The rekey is audited (and then the reveal).
    let a: AuditShow = out(env.run(&["--json", "audit", "show", "--limit", "2"]).ok());
    assert_eq!(a.lines[1].action, "key.reveal");
    assert_eq!(a.lines[0].action, "vault.rekey");
    assert_eq!(
        a.lines[0].details.get("to").map(String::as_str),
        Some("master-key")
    );
}

// ---------------------------------------------------------------------------------------------
// Errors

#[test]
fn errors_json() {
    let env = TestEnv::new();
    let key = env.create("app");

    // An unknown key name: exit 3, not_found, on stderr; stdout empty.
    for argv in [
        &["--json", "key", "show", "nope"][..],
        &["--json", "key", "show", "nope", "--reveal", "--yes"],
        &["--json", "key", "rotate", "nope"],
        &["--json", "key", "revoke", "nope", "--yes"],
    ] {
        let e = err(&env.run(argv), 3, "not_found");
        assert_eq!(e.message, "no API key named \"nope\"", "{argv:?}");
        assert_eq!(
            e.hint.as_deref(),
            Some("see `vauth key list` for the names in this home")
        );
    }
    // verify NAME with an unknown NAME is an error, not a verdict.
    let r = env.run_in(&["--json", "key", "verify", "nope"], &key);
    err(&r, 3, "not_found");
    assert!(!r.stderr.contains(&key));
    // An unreadable --key-file: exit 3, input.
    let missing = env.path("missing.txt");
    let e = err(
        &env.run(&[
            "--json",
            "key",
            "verify",
            "--key-file",
            missing.to_str().unwrap(),
        ]),
        3,
        "input",
    );
    assert!(e.message.contains("missing.txt"), "{e:?}");

    // A usage error vauth finds after parsing: the JSON object, exit 2.
    let e = err(
        &env.run(&[
            "--json",
            "key",
            "create",
            "x",
            "--expires",
            "2020-01-01T00:00:00Z",
        ]),
        2,
        "usage",
    );
    assert!(e.message.contains("not in the future"), "{e:?}");
    assert!(e.hint.is_some());
    let e = err(&env.run(&["--json", "man", "no", "such"]), 2, "usage");
    assert!(e.message.contains("no such"), "{e:?}");

    // Usage errors clap finds (bad flags, a value parser's refusal) are the same error object
    // with --json (exit 2, nothing on stdout).
    for argv in [
        &["--json", "key", "create", "bad name"][..],
        &["--json", "key", "create", "x", "--expires", "tomorrow"],
        &["--json", "status", "--within", "soon"],
        &["--json", "--no-such-flag", "status"],
        &["--json", "key", "show"],
    ] {
        let e = err(&env.run(argv), 2, "usage");
        assert!(!e.message.starts_with("error:"), "{argv:?}: {e:?}");
        assert!(e.hint.is_some(), "{argv:?}: {e:?}");
    }
    // The value parser's own words reach the user.
    let e = err(
        &env.run(&["--json", "key", "create", "bad name"]),
        2,
        "usage",
    );
    assert!(e.message.contains("is not a valid name"), "{e:?}");
    // Without --json they stay clap's text.
    let r = env.run(&["key", "create", "bad name"]);
    r.code(2).stderr_has("error: ");
    assert!(serde_json::from_str::<serde_json::Value>(r.stderr.trim()).is_err());
}

#[test]
fn completions_and_man_have_no_json() {
    let env = TestEnv::new();
    let r = env.run(&["--json", "completions", "bash"]);
    r.ok();
    assert!(
        r.stdout.contains("_vauth()"),
        "{}",
        &r.stdout[..r.stdout.len().min(200)]
    );
    assert!(serde_json::from_str::<serde_json::Value>(r.stdout.trim()).is_err());
    let r = env.run(&["--json", "man"]);
    r.ok();
    assert!(
        r.stdout.starts_with(".ie") || r.stdout.contains(".TH"),
        "{}",
        &r.stdout[..200]
    );
}

// ---------------------------------------------------------------------------------------------
// docs/json.md

#[test]
fn docs_json_md_covers_the_contract() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md"))
        .expect("docs/json.md");
    // The exit-code table, row for row.
    for (code, meaning) in vauth::error::EXIT_TABLE {
        let row = format!("| {code} | {meaning} |");
        assert!(
            doc.contains(&row),
            "docs/json.md lacks the exit-code row {row}"
        );
    }
    // Every field of the shapes above, every reason, kind and status value.
    let names = [
        // init, status
        "home",
        "home_id",
        "created",
        "protection",
        "protection_warning",
        "keys.total",
        "keys.active",
        "keys.grace",
        "keys.expired",
        "keys.retired",
        "keys.revoked",
        "jwt_keys.total",
        "jwt_keys.active",
        "jwt_keys.grace",
        "jwt_keys.retired",
        "ca.root",
        "ca.intermediate",
        "certs.total",
        "certs.not_yet_valid",
        "crl.number",
        "crl.next_update",
        "crl.state",
        "targets",
        "pending_pushes",
        "rotations",
        "expiring[].kind",
        "within_seconds",
        "expiring[].name",
        "expiring[].version",
        "expiring[].expires",
        "audit_lines",
        // key create / rotate / import
        "name",
        "version",
        "id",
        "fingerprint",
        "expires",
        "kept",
        "out",
        "key",
        "previous",
        "previous.version",
        "previous.grace_until",
        "entropy_bits",
        // key list / show
        "at",
        "keys[].name",
        "keys[].id",
        "keys[].version",
        "keys[].status",
        "keys[].created",
        "keys[].expires",
        "keys[].age_seconds",
        "keys[].scopes",
        "keys[].labels",
        "keys[].kept",
        "prefix",
        "status",
        "scopes",
        "labels",
        "versions[].version",
        "versions[].id",
        "versions[].status",
        "versions[].origin",
        "versions[].fingerprint",
        "versions[].created",
        "versions[].expires",
        "versions[].grace_until",
        "versions[].revoked_at",
        "versions[].kept",
        // key verify / revoke
        "ok",
        "reason",
        "message",
        "revoked",
        // audit
        "lines",
        "lines[].seq",
        "lines[].time",
        "lines[].actor",
        "lines[].ci_job",
        "lines[].action",
        "lines[].details",
        "lines[].outcome",
        "lines[].prev",
        "lines[].hmac",
        "bad_line",
        // vault rekey
        "previous",
        "retired",
        // jwt
        "alg",
        "current_version",
        "current_kid",
        "versions[].kid",
        "versions[].retired_at",
        "versions[].public_jwk",
        "token",
        "jti",
        "iat",
        "exp",
        "claims",
        "verified",
        "header",
        "times",
        "issuer",
        "discovery",
        "jwks",
        "wrong_alg",
        "unknown_kid",
        "retired_key",
        "unusable_key",
        "bad_signature",
        "bad_claim",
        "no_exp",
        "not_yet_valid",
        "wrong_iss",
        "wrong_aud",
        // errors
        "error.exit_code",
        "error.kind",
        "error.message",
        "error.hint",
        // verify reasons
        "malformed",
        "bad_checksum",
        "unknown_id",
        "mismatch",
        "wrong_name",
        "revoked",
        "expired",
        "outside_grace",
        // error kinds
        "usage",
        "state",
        "vault",
        "input",
        "not_found",
        "exists",
        "no_terminal",
        "remote",
        "bug",
    ];
    for n in names {
        assert!(
            doc.contains(&format!("`{n}`")),
            "docs/json.md does not name `{n}`"
        );
    }
    for v in [
        "active",
        "grace",
        "retired",
        "expired",
        "revoked",
        "generated",
        "imported",
    ] {
        assert!(
            doc.contains(&format!("`\"{v}\"`")),
            "docs/json.md lacks the value \"{v}\""
        );
    }
}

// ---------------------------------------------------------------------------------------------
// jwt

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JwtKeyJson {
    name: String,
    alg: String,
    status: String,
    #[serde(deserialize_with = "nullable")]
    current_version: Option<u32>,
    #[serde(deserialize_with = "nullable")]
    current_kid: Option<String>,
    created: String,
    versions: Vec<JwtVersionJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JwtVersionJson {
    version: u32,
    kid: String,
    status: String,
    created: String,
    #[serde(deserialize_with = "nullable")]
    grace_until: Option<String>,
    #[serde(deserialize_with = "nullable")]
    retired_at: Option<String>,
    #[serde(default, deserialize_with = "omittable")]
    public_jwk: Option<serde_json::Map<String, serde_json::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JwtKeyListJson {
    at: String,
    keys: Vec<JwtKeyJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MintedJson {
    token: String,
    alg: String,
    #[serde(default, deserialize_with = "omittable")]
    kid: Option<String>,
    #[serde(default, deserialize_with = "omittable")]
    sub: Option<String>,
    jti: String,
    iat: String,
    #[serde(deserialize_with = "nullable")]
    exp: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JwtVerdictJson {
    ok: bool,
    #[serde(default, deserialize_with = "omittable")]
    reason: Option<String>,
    message: String,
    #[serde(default, deserialize_with = "omittable")]
    alg: Option<String>,
    #[serde(default, deserialize_with = "omittable")]
    kid: Option<String>,
    #[serde(default, deserialize_with = "omittable")]
    key: Option<String>,
    #[serde(default, deserialize_with = "omittable")]
    claims: Option<serde_json::Map<String, serde_json::Value>>,
    at: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InspectJson {
    verified: bool,
    header: serde_json::Map<String, serde_json::Value>,
    claims: serde_json::Map<String, serde_json::Value>,
    times: BTreeMap<String, String>,
    #[serde(deserialize_with = "nullable")]
    expired: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OidcJson {
    issuer: String,
    discovery: String,
    jwks: String,
    keys: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JwksOutJson {
    out: String,
    keys: u32,
}

#[test]
fn jwt_key_json_create_show_rotate_retire_list() {
    let env = TestEnv::new();
    let c: JwtKeyJson = out(env
        .run(&["--json", "jwt", "key", "create", "svc", "--alg", "ES256"])
        .ok());
    assert_eq!(
        (c.name.as_str(), c.alg.as_str(), c.status.as_str()),
        ("svc", "ES256", "active")
    );
    assert_eq!(c.current_version, Some(1));
    assert!((ts(&c.created) - now()).abs() < 60);
    let v = &c.versions[0];
    assert_eq!(c.current_kid.as_deref(), Some(v.kid.as_str()));
    assert_eq!((v.version, v.status.as_str()), (1, "active"));
    assert!(v.grace_until.is_none() && v.retired_at.is_none());
    assert!((ts(&v.created) - now()).abs() < 60);
    let jwk = v.public_jwk.as_ref().unwrap();
    for m in ["kty", "crv", "x", "y", "kid", "alg", "use"] {
        assert!(jwk.contains_key(m), "{m}");
    }
    assert!(!jwk.contains_key("d"));
    let h: JwtKeyJson = out(env
        .run(&["--json", "jwt", "key", "create", "h", "--alg", "HS512"])
        .ok());
    assert!(
        h.versions[0].public_jwk.is_none(),
        "HMAC keys are never published"
    );
    let r: JwtKeyJson = out(env
        .run(&["--json", "jwt", "key", "rotate", "svc", "--grace", "1h"])
        .ok());
    assert_eq!(r.current_version, Some(2));
    assert_eq!(r.versions[0].status, "grace");
    assert!((ts(r.versions[0].grace_until.as_ref().unwrap()) - now() - 3600).abs() < 60);
    let s: JwtKeyJson = out(env.run(&["--json", "jwt", "key", "show", "svc"]).ok());
    assert_eq!(s.versions.len(), 2);
    let l: JwtKeyListJson = out(env.run(&["--json", "jwt", "key", "list"]).ok());
    assert_eq!(l.keys.len(), 2);
    assert!((ts(&l.at) - now()).abs() < 60);
    assert!(
        l.keys
            .iter()
            .all(|k| k.versions.iter().all(|v| v.public_jwk.is_none()))
    );
    let t: JwtKeyJson = out(env
        .run(&["--json", "--yes", "jwt", "key", "retire", "svc"])
        .ok());
    assert_eq!(t.status, "retired");
    assert!(t.current_version.is_none() && t.current_kid.is_none());
    assert!(t.versions.iter().all(|v| v.retired_at.is_some()));
    err(
        &env.run(&["--json", "jwt", "key", "show", "nope"]),
        3,
        "not_found",
    );
    err(
        &env.run(&["--json", "jwt", "key", "create", "h", "--alg", "HS256"]),
        3,
        "exists",
    );
}

#[test]
fn jwt_sign_verify_inspect_json() {
    let env = TestEnv::new();
    env.run(&["jwt", "key", "create", "svc", "--alg", "EdDSA"])
        .ok();
    let m: MintedJson = out(env
        .run(&[
            "--json", "jwt", "sign", "--key", "svc", "--sub", "me", "--aud", "db", "--iss", "i",
        ])
        .ok());
    assert_eq!(m.alg, "EdDSA");
    assert_eq!(m.sub.as_deref(), Some("me"));
    assert!(m.kid.is_some());
    assert!(m.jti.len() >= 20);
    assert_eq!(ts(m.exp.as_ref().unwrap()) - ts(&m.iat), 900);
    let args = [
        "--json", "jwt", "verify", "--key", "svc", "--aud", "db", "--iss", "i",
    ];
    let v: JwtVerdictJson = out(env.run_in(&args, &m.token).ok());
    assert!(v.ok && v.reason.is_none());
    assert_eq!(v.alg.as_deref(), Some("EdDSA"));
    assert_eq!(v.kid, m.kid);
    assert_eq!(v.key.as_deref(), Some("svc v1"));
    assert_eq!(v.claims.as_ref().unwrap()["sub"], "me");
    assert!(!v.message.is_empty());
    let mut late = args.to_vec();
    late.extend(["--at", "+1h"]);
    let bad: JwtVerdictJson = out(env.run_in(&late, &m.token).code(1));
    assert!(!bad.ok);
    assert_eq!(bad.reason.as_deref(), Some("expired"));
    assert!(bad.alg.is_none() && bad.claims.is_none() && bad.key.is_none());
    assert!(ts(&bad.at) - now() > 3000);
    let i: InspectJson = out(env.run_in(&["--json", "jwt", "inspect"], &m.token).ok());
    assert!(!i.verified);
    assert_eq!(i.header["alg"], "EdDSA");
    assert_eq!(i.claims["aud"], "db");
    assert_eq!(i.expired, Some(false));
    assert_eq!(ts(&i.times["exp"]), ts(m.exp.as_ref().unwrap()));
    // Bulk: JSON lines, one object each.
    let r = env.run(&["--json", "jwt", "sign", "--key", "svc", "--count", "3"]);
    r.ok();
    let lines: Vec<MintedJson> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| l.sub.is_none()));
    err(
        &env.run_in(&["--json", "jwt", "verify", "--key", "svc"], &m.token),
        2,
        "usage",
    );
    err(
        &env.run_in(&["--json", "jwt", "inspect"], "nope"),
        3,
        "input",
    );
}

#[test]
fn jwt_jwks_and_oidc_json() {
    let env = TestEnv::new();
    env.run(&["jwt", "key", "create", "svc", "--alg", "ES384"])
        .ok();
    let p = env.path("jwks.json");
    let j: JwksOutJson = out(env
        .run(&["--json", "jwt", "jwks", "--out", p.to_str().unwrap()])
        .ok());
    assert_eq!((j.out.as_str(), j.keys), (p.to_str().unwrap(), 1));
    let d = env.path("site");
    let o: OidcJson = out(env
        .run(&[
            "--json",
            "jwt",
            "oidc",
            "--issuer",
            "https://a.example",
            "--out-dir",
            d.to_str().unwrap(),
        ])
        .ok());
    assert_eq!(o.issuer, "https://a.example");
    assert_eq!(o.keys, 1);
    assert!(std::path::Path::new(&o.discovery).exists());
    assert!(std::path::Path::new(&o.jwks).exists());
}
