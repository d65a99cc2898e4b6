//! HTTP contract tests: weaviate (>= 1.30). Weaviate cannot run here, so these run the real vauth
//! binary against a wiremock fake that answers as the DB-user and RBAC APIs document
//! (../shared/reference/vector-db-admin-apis.md §2): `POST /v1/users/db/{user}` → 201
//! `{"apikey"}`, 409 when it exists, 422 when DB users are off; `POST /v1/authz/users/{user}/assign`;
//! `GET /v1/users/own-info`; deactivate + `DELETE`; error body `{"error":[{"message":…}]}`.
//! Each test asserts the exact requests, their order, the output, and what state.json records.
//!
//! Checked against weaviate/weaviate `openapi-specs/schema.json` at adcffc5432aa (2026-08-20,
//! stable v1.39 merged into main; info.version 1.40.0-dev): createUser 201 `UserApiKey`
//! (`apikey` required), 409/422 with `ErrorResponse` (`{"error":[{"message"}]}`); deleteUser
//! 204, 404 without a body; deactivateUser 200, 409 "already deactivated" without a body;
//! assignRoleToUser body `{roles, userType}` (`UserTypeInput`: db|oidc) → 200; getRolesForUser
//! (`/authz/users/{id}/roles/{userType}`) → `RolesListResponse` (array of `Role`: name +
//! permissions); getOwnInfo → `UserOwnInfo` (`username` required), 401 without a body;
//! `/meta` → `Meta.version`. Not in the spec (see the report of issue 13 §4): the API key as
//! `Authorization: Bearer` (the spec declares only the oidc scheme; docs.weaviate.io
//! "Authentication" says so), the error messages' texts, and how a server with anonymous access
//! answers own-info for an unknown key (vauth treats 200 as "checks nothing").

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::json;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, Request, ResponseTemplate};

use crate::util::http::{Fake, body_json, calls, header};
use crate::util::{TestEnv, state};

const ADMIN: &str = "wv-admin-key-9xQe2LrT7u";
const A1: &str = "cmFnLWFfa2V5MV92MjAwX29uZQ==";
const B2: &str = "cmFnLWJfa2V5Ml92MjAwX3R3bw==";
const A3: &str = "cmFnLWFfa2V5M192MjAwX3RocmVl";
const OTHER: &str = "b3RoZXItYV9rZXlfdjIwMF9hZG9wdA==";
const LOST: &str = "Zmxha3ktYV9rZXlfdjIwMF9sb3N0";
const OPEN: &str = "b3Blbi1hX2tleV92MjAwX29wZW4=";

fn wv_error(status: u16, msg: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({"error": [{"message": msg}]}))
}

/// The fake's state: users that exist, the keys each create hands out, and who holds which key.
#[derive(Clone)]
struct Wv {
    users: Arc<Mutex<HashSet<String>>>,
    next: Arc<Mutex<HashMap<String, Vec<&'static str>>>>,
    holder: Arc<Mutex<HashMap<String, String>>>,
    /// Anonymous access on: any bearer is let in.
    open: Arc<AtomicBool>,
}

impl Wv {
    fn new() -> Wv {
        let next = HashMap::from([
            ("rag-a".to_string(), vec![A1, A3]),
            ("rag-b".to_string(), vec![B2]),
            ("other-a".to_string(), vec![OTHER]),
            ("flaky-a".to_string(), vec![LOST]),
            ("open-a".to_string(), vec![OPEN]),
        ]);
        Wv {
            users: Arc::new(Mutex::new(HashSet::from(["other-a".to_string()]))),
            next: Arc::new(Mutex::new(next)),
            holder: Arc::new(Mutex::new(HashMap::new())),
            open: Arc::new(AtomicBool::new(false)),
        }
    }
}

fn mount(fake: &Fake, wv: &Wv) {
    let admin = format!("Bearer {ADMIN}");
    let (a, st) = (admin.clone(), wv.clone());
    fake.mount(
        Mock::given(method("GET"))
            .and(path("/v1/users/own-info"))
            .respond_with(move |r: &Request| {
                let h = header(r, "authorization");
                if h == a {
                    return ResponseTemplate::new(200).set_body_json(
                        json!({"username": "root-admin", "roles": [], "groups": []}),
                    );
                }
                let key = h.strip_prefix("Bearer ").unwrap_or_default();
                if let Some(u) = st.holder.lock().unwrap().get(key) {
                    return ResponseTemplate::new(200)
                        .set_body_json(json!({"username": u, "roles": [], "groups": []}));
                }
                if st.open.load(Ordering::SeqCst) {
                    return ResponseTemplate::new(200).set_body_json(json!({"username": "open-a"}));
                }
                ResponseTemplate::new(401)
            }),
    );
    fake.mount(
        Mock::given(method("GET"))
            .and(path("/v1/meta"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"hostname": "http://[::]:8080", "version": "1.30.0"})),
            ),
    );
    let (a, st) = (admin.clone(), wv.clone());
    fake.mount(
        Mock::given(method("POST"))
            .and(path_regex(r"^/v1/users/db/[^/]+$"))
            .respond_with(move |r: &Request| {
                if header(r, "authorization") != a {
                    return ResponseTemplate::new(401);
                }
                let user = r.url.path().rsplit('/').next().unwrap().to_string();
                if user.starts_with("nodb") {
                    return wv_error(422, "db user management is not enabled");
                }
                if !st.users.lock().unwrap().insert(user.clone()) {
                    return wv_error(409, &format!("user '{user}' already exists"));
                }
                let key = st.next.lock().unwrap().get_mut(&user).unwrap().remove(0);
                if key != LOST {
                    st.holder
                        .lock()
                        .unwrap()
                        .insert(key.to_string(), user.clone());
                }
                ResponseTemplate::new(201).set_body_json(json!({"apikey": key}))
            }),
    );
    let (a, st) = (admin.clone(), wv.clone());
    fake.mount(
        Mock::given(method("DELETE"))
            .and(path_regex(r"^/v1/users/db/[^/]+$"))
            .respond_with(move |r: &Request| {
                if header(r, "authorization") != a {
                    return ResponseTemplate::new(401);
                }
                let user = r.url.path().rsplit('/').next().unwrap().to_string();
                if !st.users.lock().unwrap().remove(&user) {
                    // deleteUser documents 404 "User not found." without a body schema.
                    return ResponseTemplate::new(404);
                }
                st.holder.lock().unwrap().retain(|_, u| *u != user);
                ResponseTemplate::new(204)
            }),
    );
    let a = admin.clone();
    fake.mount(
        Mock::given(method("POST"))
            .and(path_regex(r"^/v1/users/db/[^/]+/deactivate$"))
            .respond_with(move |r: &Request| {
                if header(r, "authorization") != a {
                    return ResponseTemplate::new(401);
                }
                ResponseTemplate::new(200)
            }),
    );
    let a = admin.clone();
    fake.mount(
        Mock::given(method("POST"))
            .and(path_regex(r"^/v1/authz/users/[^/]+/assign$"))
            .respond_with(move |r: &Request| {
                if header(r, "authorization") != a {
                    return ResponseTemplate::new(401);
                }
                ResponseTemplate::new(200)
            }),
    );
    let a = admin;
    fake.mount(
        Mock::given(method("GET"))
            .and(path_regex(r"^/v1/authz/users/[^/]+/roles/db$"))
            .respond_with(move |r: &Request| {
                if header(r, "authorization") != a {
                    return ResponseTemplate::new(401);
                }
                ResponseTemplate::new(200).set_body_json(json!([
                    {"name": "viewer", "permissions": []},
                    {"name": "rag-reader", "permissions": [{"action": "read_data", "data": {"collection": "Docs"}}]},
                ]))
            }),
    );
}

fn setup() -> (TestEnv, Fake, Wv) {
    let env = TestEnv::new().with_env("WV_ADMIN", ADMIN);
    for s in [ADMIN, A1, B2, A3, OTHER, LOST, OPEN] {
        env.secret(s);
    }
    let fake = Fake::start();
    let wv = Wv::new();
    mount(&fake, &wv);
    env.run(&[
        "target",
        "add",
        "wv",
        "--kind",
        "weaviate",
        "--url",
        &fake.url(),
        "--admin-key-env",
        "WV_ADMIN",
    ])
    .ok();
    (env, fake, wv)
}

fn s(m: &str, p: &str) -> (String, String) {
    (m.to_string(), p.to_string())
}

#[test]
fn weaviate_create_rotate_revoke_http_contract() {
    let (env, fake, wv) = setup();
    let admin = format!("Bearer {ADMIN}");

    env.run(&["target", "test", "wv"])
        .ok()
        .stderr_has("Weaviate 1.30.0 (admin: root-admin)");
    let reqs = fake.requests();
    assert_eq!(
        calls(&reqs),
        [s("GET", "/v1/users/own-info"), s("GET", "/v1/meta")]
    );
    assert_eq!(header(&reqs[0], "authorization"), admin);
    fake.reset();
    mount(&fake, &wv);

    // --dry-run lists the calls and sends nothing.
    env.run(&[
        "key",
        "create",
        "rag",
        "--on",
        "wv",
        "--role",
        "viewer",
        "--dry-run",
    ])
    .ok()
    .stdout_has("POST /v1/users/db/rag-a\n")
    .stdout_has(r#"POST /v1/authz/users/rag-a/assign {"roles":["viewer"],"userType":"db"}"#)
    .stdout_has("GET /v1/users/own-info (probe");
    assert!(fake.requests().is_empty());

    // create --on: user rag-a, roles assigned, probed as the new key.
    let r = env.run(&[
        "--json",
        "key",
        "create",
        "rag",
        "--on",
        "wv",
        "--role",
        "viewer",
        "--role",
        "rag-reader",
    ]);
    r.ok();
    let j = r.json();
    assert_eq!(j["key"], A1);
    assert_eq!(
        j["target"],
        json!({"name": "wv", "kind": "weaviate", "user": "rag-a", "remote_id": null, "verified": true})
    );
    let reqs = fake.requests();
    assert_eq!(
        calls(&reqs),
        [
            s("POST", "/v1/users/db/rag-a"),
            s("POST", "/v1/authz/users/rag-a/assign"),
            s("GET", "/v1/users/own-info"),
            s("GET", "/v1/users/own-info"),
        ]
    );
    assert_eq!(header(&reqs[0], "authorization"), admin);
    assert!(reqs[0].body.is_empty());
    assert_eq!(header(&reqs[1], "authorization"), admin);
    assert_eq!(
        body_json(&reqs[1]),
        json!({"roles": ["viewer", "rag-reader"], "userType": "db"})
    );
    assert_eq!(header(&reqs[2], "authorization"), format!("Bearer {A1}"));
    let wrong = header(&reqs[3], "authorization");
    assert!(wrong.starts_with("Bearer vauth-wrong-"), "{wrong}");
    let st = state(&env);
    let v1 = &st["api_keys"]["rag"]["versions"][0];
    assert_eq!(v1["origin"], "target");
    assert_eq!(
        v1["pushed"],
        json!([{"target": "wv", "user": "rag-a", "remote_name": "rag", "at": v1["created"], "verified": true}])
    );

    // rotate: the successor is user rag-b, with rag-a's roles; v1 keeps working in the grace.
    fake.reset();
    mount(&fake, &wv);
    let r = env.run(&["key", "rotate", "rag", "--grace", "1h"]);
    r.ok().stderr_has("Created rag v2 on wv: DB user \"rag-b\"");
    assert_eq!(r.line(), B2);
    let reqs = fake.requests();
    assert_eq!(
        calls(&reqs),
        [
            s("GET", "/v1/authz/users/rag-a/roles/db"),
            s("POST", "/v1/users/db/rag-b"),
            s("POST", "/v1/authz/users/rag-b/assign"),
            s("GET", "/v1/users/own-info"),
            s("GET", "/v1/users/own-info"),
        ]
    );
    assert_eq!(
        body_json(&reqs[2]),
        json!({"roles": ["viewer", "rag-reader"], "userType": "db"})
    );
    assert_eq!(header(&reqs[3], "authorization"), format!("Bearer {B2}"));
    assert!(wv.users.lock().unwrap().contains("rag-a"));

    // rotate again before v1 was revoked: v1 is in its grace, so this ends it (the rule of 2,
    // --yes); rag-a is ours (recorded), so it is replaced; v1's push is recorded as taken back.
    fake.reset();
    mount(&fake, &wv);
    let r = env.run(&["--json", "--yes", "key", "rotate", "rag", "--grace", "1h"]);
    r.ok().stderr_has("Ended rag v1 (revoked now)");
    assert_eq!(r.json()["ended"], json!([1]));
    assert_eq!(r.json()["key"], A3);
    let keys: Vec<String> = r.json().as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        keys,
        [
            "created",
            "ended",
            "expires",
            "fingerprint",
            "id",
            "kept",
            "key",
            "name",
            "previous",
            "target",
            "version"
        ]
    );
    assert_eq!(r.json()["previous"]["version"], 2);
    assert_eq!(r.json()["target"]["user"], "rag-a");
    let reqs = fake.requests();
    assert_eq!(
        calls(&reqs),
        [
            s("GET", "/v1/authz/users/rag-b/roles/db"),
            s("POST", "/v1/users/db/rag-a"),
            s("DELETE", "/v1/users/db/rag-a"),
            s("POST", "/v1/users/db/rag-a"),
            s("POST", "/v1/authz/users/rag-a/assign"),
            s("GET", "/v1/users/own-info"),
            s("GET", "/v1/users/own-info"),
        ]
    );
    let st = state(&env);
    let vs = &st["api_keys"]["rag"]["versions"];
    assert!(vs[0]["pushed"][0]["revoked_at"].is_string());
    assert!(vs[1]["pushed"][0].get("revoked_at").is_none());
    assert_eq!(vs[2]["pushed"][0]["user"], "rag-a");

    // revoke v2: deactivate, then delete rag-b.
    fake.reset();
    mount(&fake, &wv);
    env.run(&["key", "revoke", "rag", "--version", "2", "--yes"])
        .ok();
    let reqs = fake.requests();
    assert_eq!(
        calls(&reqs),
        [
            s("POST", "/v1/users/db/rag-b/deactivate"),
            s("DELETE", "/v1/users/db/rag-b"),
        ]
    );
    assert_eq!(header(&reqs[0], "authorization"), admin);
    assert!(!wv.users.lock().unwrap().contains("rag-b"));
    let st = state(&env);
    assert!(st["api_keys"]["rag"]["versions"][1]["pushed"][0]["revoked_at"].is_string());
    assert!(
        st["api_keys"]["rag"]["versions"][2]["pushed"][0]
            .get("revoked_at")
            .is_none()
    );
}

#[test]
fn weaviate_errors_http_contract() {
    let (env, fake, wv) = setup();
    let before = env.registry_text();

    // A user vauth did not make: 409 quoted, nothing recorded, --adopt named.
    let r = env.run(&["--json", "key", "create", "other", "--on", "wv"]);
    r.code(4);
    let e = r.json_err();
    assert_eq!(
        e["error"]["message"],
        "target wv: create DB user \"other-a\": HTTP 409: user 'other-a' already exists"
    );
    assert!(
        e["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("--adopt other-a")
    );
    assert_eq!(env.registry_text(), before);
    env.run(&["key", "create", "other", "--on", "wv", "--adopt", "other"])
        .code(2)
        .stderr_has("--adopt other-a");
    // With --adopt it is replaced.
    fake.reset();
    mount(&fake, &wv);
    env.run(&["key", "create", "other", "--on", "wv", "--adopt", "other-a"])
        .ok();
    assert_eq!(
        calls(&fake.requests())[..3],
        [
            s("POST", "/v1/users/db/other-a"),
            s("DELETE", "/v1/users/db/other-a"),
            s("POST", "/v1/users/db/other-a"),
        ]
    );
    let before = env.registry_text();

    // DB users off: 422 quoted.
    env.run(&["key", "create", "nodb", "--on", "wv"])
        .code(4)
        .stderr_has("HTTP 422: db user management is not enabled");
    assert_eq!(env.registry_text(), before);

    // A wrong admin key: 401 (no body), the admin hint; the key is redacted.
    let wrong_admin = "wv-wrong-admin-P0o9I8u7";
    env.secret(wrong_admin);
    env.run_with(
        &["target", "test", "wv"],
        None,
        &[("WV_ADMIN", wrong_admin)],
    )
    .code(4)
    .stderr_has("HTTP 401")
    .stderr_has("admin credential was refused");
    env.run_with(
        &["key", "create", "zed", "--on", "wv"],
        None,
        &[("WV_ADMIN", wrong_admin)],
    )
    .code(4)
    .stderr_has("HTTP 401");
    assert_eq!(env.registry_text(), before);

    // Created, but the new key is refused: the user is deactivated and deleted again.
    fake.reset();
    mount(&fake, &wv);
    env.run(&["key", "create", "flaky", "--on", "wv"])
        .code(4)
        .stderr_has("probe: the new key of \"flaky-a\" was refused: HTTP 401")
        .stderr_has("DB user \"flaky-a\" was taken back on the server; nothing was recorded");
    assert_eq!(
        calls(&fake.requests()),
        [
            s("POST", "/v1/users/db/flaky-a"),
            s("GET", "/v1/users/own-info"),
            s("POST", "/v1/users/db/flaky-a/deactivate"),
            s("DELETE", "/v1/users/db/flaky-a"),
        ]
    );
    assert!(!wv.users.lock().unwrap().contains("flaky-a"));
    assert_eq!(env.registry_text(), before);

    // Anonymous access on: a wrong key gets in, so nothing is proven: unverifiable, taken back.
    wv.open.store(true, Ordering::SeqCst);
    fake.reset();
    mount(&fake, &wv);
    env.run(&["key", "create", "open", "--on", "wv"])
        .code(4)
        .stderr_has("unverifiable: the server accepted a wrong key for \"open-a\"")
        .stderr_has("was taken back");
    assert_eq!(
        calls(&fake.requests())[3..],
        [
            s("POST", "/v1/users/db/open-a/deactivate"),
            s("DELETE", "/v1/users/db/open-a"),
        ]
    );
    assert_eq!(env.registry_text(), before);
}

/// The rule of 2 (issue 16 §2): a third rotation inside one grace lands on v1's user rag-a. It is
/// refused without --yes (exit 2, no call made); with --yes v1 is recorded ended first, then
/// rag-a is deleted and made again for v3, so v1's key is gone on the server and in the record.
#[test]
fn weaviate_third_rotation_inside_a_grace_ends_the_oldest_user_http_contract() {
    let (env, fake, wv) = setup();
    env.run(&["key", "create", "rag", "--on", "wv", "--role", "viewer"])
        .ok();
    env.run(&["key", "rotate", "rag", "--grace", "1h"]).ok();
    fake.reset();
    mount(&fake, &wv);
    env.run(&["key", "rotate", "rag", "--grace", "1h"])
        .code(2)
        .stderr_has("rag v1 (grace until ")
        .stderr_has("pass --yes");
    assert!(fake.requests().is_empty());
    assert!(
        state(&env)["api_keys"]["rag"]["versions"][0]
            .get("revoked_at")
            .is_none()
    );
    let r = env.run(&["--json", "--yes", "key", "rotate", "rag", "--grace", "1h"]);
    r.ok();
    assert_eq!(r.json()["key"], A3);
    assert_eq!(r.json()["ended"], json!([1]));
    let c = calls(&fake.requests());
    assert!(c.contains(&s("DELETE", "/v1/users/db/rag-a")), "{c:?}");
    let st = state(&env);
    let vs = &st["api_keys"]["rag"]["versions"];
    assert_eq!(
        vs[0]["revoked_reason"],
        "superseded: rotated to v3 inside its grace"
    );
    assert!(vs[0]["pushed"][0]["revoked_at"].is_string());
    assert!(vs[1]["pushed"][0].get("revoked_at").is_none());
    assert_eq!(vs[2]["pushed"][0]["user"], "rag-a");
    env.run(&["target", "drift", "wv"]).ok();
}
