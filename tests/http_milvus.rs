//! HTTP contract tests: milvus (REST v2). Milvus cannot run here, so the real `vauth` binary talks
//! to a wiremock fake that keeps users and roles the way Milvus REST v2 does (reference
//! vector-db-admin-apis.md §3): every call a `POST` under `/v2/vectordb`, `Authorization: Bearer
//! user:password`, HTTP 200 with `{"code":0,"data":…}` or `{"code":N,"message":…}`, and HTTP 401
//! with code 1800 for a missing or wrong credential. Each test asserts the exact requests (method,
//! path, decoded credential, JSON body, order), the output, and what state.json records.
//!
//! Checked against the Milvus RESTful reference (milvus.io/api-reference/restful/v2.6.x, as
//! stored 2026-08; source repo milvus-io/web-content, docs v2.6.x) and docs/v2.6.x
//! users_and_roles.md: `POST /v2/vectordb/users/create {userName, password}` → `{"code":0,
//! "data":{}}`; `users/list` and `users/describe {userName}` → `data` an array of strings (user
//! names / role names); `users/grant_role {userName, roleName}`; `users/drop {userName}`;
//! `Authorization: Bearer user:password`; a failure is `{"code":N,"message":…}`. Not documented
//! (report of issue 13 §4): the reference lists only HTTP 200 answers, while this fake answers a
//! wrong credential HTTP 401 code 1800 and a caller without rights HTTP 403 code 65535 (as
//! milvus-io/milvus `handler_v2.go` does; vauth takes 401 and 200+1800 alike); the codes for "user
//! exists"/"not found" and that `users/drop` of an absent user answers code 0; and the password
//! rule (8–64 characters, three of upper/lower/digit/special) — vauth's keys (61 characters with
//! the default prefix, base62) are not checked against it.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use wiremock::matchers::path_regex;
use wiremock::{Mock, Request, Respond, ResponseTemplate};

use crate::util::http::{Fake, body_json, calls, header};
use crate::util::{TestEnv, state};

const ADMIN_PW: &str = "adm1n-Milvus-Secret-4e1d77";
const P: &str = "/v2/vectordb";

/// What the fake Milvus holds.
#[derive(Default)]
struct Db {
    /// user → (password, roles)
    users: BTreeMap<String, (String, Vec<String>)>,
    roles: Vec<String>,
    /// Authentication is off: any password of an existing user is taken.
    accept_any_password: bool,
    /// `users/create` answers HTTP 200 with this code and message.
    fail_create: Option<(i64, String)>,
}

fn ok(data: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({ "code": 0, "data": data }))
}

fn err(code: i64, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({ "code": code, "message": message }))
}

#[derive(Clone)]
struct FakeMilvus(Arc<Mutex<Db>>);

impl Respond for FakeMilvus {
    fn respond(&self, r: &Request) -> ResponseTemplate {
        let mut db = self.0.lock().unwrap();
        let unauth = ResponseTemplate::new(401)
            .set_body_json(json!({ "code": 1800, "message": "user hasn't authenticated" }));
        if r.method.as_str() != "POST" {
            return ResponseTemplate::new(405);
        }
        let auth = header(r, "authorization");
        let Some((u, p)) = auth.strip_prefix("Bearer ").and_then(|t| t.split_once(':')) else {
            return unauth;
        };
        let authed = db
            .users
            .get(u)
            .is_some_and(|(pw, _)| pw == p || db.accept_any_password);
        if !authed {
            return unauth;
        }
        let Ok(b) = serde_json::from_slice::<Value>(&r.body) else {
            return err(1801, "can only accept json format request");
        };
        let field = |k: &str| b.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let route = r.url.path().strip_prefix(P).unwrap_or("").to_string();
        if route == "/collections/list" {
            return ok(json!(["docs"]));
        }
        if u != "root" {
            return ResponseTemplate::new(403).set_body_json(
                json!({ "code": 65535, "message": "privilege not permitted: PrivilegeUserAdmin" }),
            );
        }
        match route.as_str() {
            "/users/list" => ok(json!(db.users.keys().collect::<Vec<_>>())),
            "/roles/list" => ok(json!(db.roles)),
            "/users/describe" => match db.users.get(&field("userName")) {
                Some((_, roles)) => ok(json!(roles)),
                None => err(1100, "user not found"),
            },
            "/users/create" => {
                if let Some((c, m)) = &db.fail_create {
                    return err(*c, m);
                }
                let (user, pw) = (field("userName"), field("password"));
                if user.is_empty() || pw.is_empty() {
                    return err(1802, "missing required parameters");
                }
                if db.users.contains_key(&user) {
                    return err(65535, "user already exists");
                }
                db.users.insert(user, (pw, Vec::new()));
                ok(json!({}))
            }
            "/users/drop" => {
                db.users.remove(&field("userName"));
                ok(json!({}))
            }
            "/users/grant_role" => {
                let (user, role) = (field("userName"), field("roleName"));
                if !db.roles.contains(&role) {
                    return err(65535, &format!("role {role} not found"));
                }
                match db.users.get_mut(&user) {
                    Some((_, roles)) => {
                        roles.push(role);
                        ok(json!({}))
                    }
                    None => err(65535, "user not found"),
                }
            }
            _ => ResponseTemplate::new(404),
        }
    }
}

struct Setup {
    fake: Fake,
    db: Arc<Mutex<Db>>,
    env: TestEnv,
}

impl Setup {
    fn users(&self) -> BTreeMap<String, (String, Vec<String>)> {
        self.db.lock().unwrap().users.clone()
    }
    /// The requests after the first `n`.
    fn since(&self, n: usize) -> Vec<Request> {
        self.fake.requests().into_iter().skip(n).collect()
    }
    fn count(&self) -> usize {
        self.fake.requests().len()
    }
}

/// A fake Milvus with `root` and roles, a home with target `m` pointing at it.
fn setup() -> Setup {
    let fake = Fake::start();
    let db = Arc::new(Mutex::new(Db::default()));
    {
        let mut d = db.lock().unwrap();
        d.users
            .insert("root".into(), (ADMIN_PW.into(), vec!["admin".into()]));
        d.roles = vec!["admin".into(), "public".into(), "reader".into()];
    }
    fake.mount(Mock::given(path_regex("^/v2/vectordb/")).respond_with(FakeMilvus(db.clone())));
    let env = TestEnv::new().with_env("MILVUS_ADMIN", ADMIN_PW);
    env.secret(ADMIN_PW);
    let port = fake.server.address().port();
    env.run(&[
        "target",
        "add",
        "m",
        "--kind",
        "milvus",
        "--url",
        &format!("http://root@127.0.0.1:{port}"),
        "--admin-password-env",
        "MILVUS_ADMIN",
    ])
    .ok();
    Setup { fake, db, env }
}

/// `Authorization: Bearer user:password`, split.
fn bearer(r: &Request) -> (String, String) {
    let h = header(r, "authorization");
    let t = h
        .strip_prefix("Bearer ")
        .unwrap_or_else(|| panic!("not a bearer credential: {h:?}"));
    let (u, p) = t.split_once(':').unwrap();
    (u.to_string(), p.to_string())
}

fn post(route: &str) -> (String, String) {
    ("POST".to_string(), format!("{P}{route}"))
}

/// The admin made requests `reqs` with exactly these bodies.
#[track_caller]
fn admin_calls(reqs: &[Request], want: &[(&str, Value)]) {
    assert_eq!(
        calls(reqs),
        want.iter().map(|(r, _)| post(r)).collect::<Vec<_>>()
    );
    for (r, (_, body)) in reqs.iter().zip(want) {
        assert_eq!(bearer(r), ("root".to_string(), ADMIN_PW.to_string()));
        assert_eq!(header(r, "content-type"), "application/json");
        assert_eq!(&body_json(r), body, "{}", r.url.path());
    }
}

/// The two probes: as `user` with `key`, then with a wrong password.
#[track_caller]
fn probes(reqs: &[Request], user: &str, key: &str) {
    assert_eq!(
        calls(reqs),
        vec![post("/collections/list"), post("/collections/list")]
    );
    assert_eq!(bearer(&reqs[0]), (user.to_string(), key.to_string()));
    let (u, wrong) = bearer(&reqs[1]);
    assert_eq!(u, user);
    assert!(wrong.starts_with("vauth-wrong-") && wrong != key, "{wrong}");
    assert_eq!(body_json(&reqs[0]), json!({}));
}

/// Every push of `key` in state.json: (version, user, remote_name, verified, revoked).
fn pushed(env: &TestEnv, key: &str) -> Vec<(u64, String, String, bool, bool)> {
    let st = state(env);
    let mut out = Vec::new();
    for v in st["api_keys"][key]["versions"].as_array().unwrap() {
        for p in v["pushed"].as_array().into_iter().flatten() {
            assert_eq!(p["target"], "m");
            out.push((
                v["version"].as_u64().unwrap(),
                p["user"].as_str().unwrap().to_string(),
                p["remote_name"].as_str().unwrap().to_string(),
                p["verified"].as_bool().unwrap(),
                p.get("revoked_at").is_some(),
            ));
        }
    }
    out
}

fn entry(pw: &str, roles: &[&str]) -> (String, Vec<String>) {
    (
        pw.to_string(),
        roles.iter().map(|r| r.to_string()).collect(),
    )
}

#[test]
fn milvus_push_rotate_revoke_http_contract() {
    let s = setup();
    let env = &s.env;

    // target test: one users/list as root.
    let n = s.count();
    let t = env.run(&["--json", "target", "test", "m"]);
    t.ok();
    let tj = t.json();
    assert_eq!(tj["ok"], true);
    assert_eq!(tj["kind"], "milvus");
    assert_eq!(tj["admin_user"], "root");
    assert_eq!(tj["server"], "Milvus (REST v2), admin root (1 users)");
    admin_calls(&s.since(n), &[("/users/list", json!({}))]);

    let k1 = env.create("app-key");

    // --dry-run: the exact calls, the password as ****, and no request at all.
    let n = s.count();
    let dry = env.run(&[
        "push",
        "app-key",
        "--to",
        "m",
        "--role",
        "reader",
        "--dry-run",
    ]);
    dry.ok()
        .stdout_has(r#"POST /v2/vectordb/users/list {}"#)
        .stdout_has(r#"POST /v2/vectordb/roles/list {}"#)
        .stdout_has(
            r#"POST /v2/vectordb/users/drop {"userName":"app_key_a"} (only when it exists)"#,
        )
        .stdout_has(r#"POST /v2/vectordb/users/create {"password":"****","userName":"app_key_a"}"#)
        .stdout_has(
            r#"POST /v2/vectordb/users/grant_role {"roleName":"reader","userName":"app_key_a"}"#,
        )
        .stdout_has("POST /v2/vectordb/collections/list {} (probe")
        .stderr_has("would log in on m as app_key_a");
    let dj = env
        .run(&[
            "--json",
            "push",
            "app-key",
            "--to",
            "m",
            "--role",
            "reader",
            "--dry-run",
        ])
        .json();
    assert_eq!(dj["dry_run"], true);
    assert_eq!(dj["user"], "app_key_a");
    assert_eq!(dj["plan"].as_array().unwrap().len(), 6);
    assert_eq!(s.count(), n, "a dry run sent requests");
    assert!(pushed(env, "app-key").is_empty());

    // push: list, check the role, create with the key as password, grant, probe twice.
    let n = s.count();
    let r = env.run(&["--json", "push", "app-key", "--to", "m", "--role", "reader"]);
    r.ok();
    assert_eq!(
        r.json(),
        json!({"key": "app-key", "version": 1, "target": "m", "kind": "milvus",
               "user": "app_key_a", "verified": true})
    );
    let reqs = s.since(n);
    assert_eq!(reqs.len(), 6, "{:?}", calls(&reqs));
    admin_calls(
        &reqs[..4],
        &[
            ("/users/list", json!({})),
            ("/roles/list", json!({})),
            (
                "/users/create",
                json!({"userName": "app_key_a", "password": k1}),
            ),
            (
                "/users/grant_role",
                json!({"userName": "app_key_a", "roleName": "reader"}),
            ),
        ],
    );
    probes(&reqs[4..], "app_key_a", &k1);
    assert_eq!(s.users()["app_key_a"], entry(&k1, &["reader"]));
    assert_eq!(
        pushed(env, "app-key"),
        vec![(1, "app_key_a".into(), "app_key".into(), true, false)]
    );
    let show = env.run(&["--json", "target", "show", "m"]).json();
    assert_eq!(show["kind"], "milvus");
    assert_eq!(show["admin_credential"], "env:MILVUS_ADMIN");
    assert_eq!(show["pushed"][0]["user"], "app_key_a");
    assert_eq!(show["pushed"][0]["verified"], true);
    assert_eq!(show["pushed"][0]["revoked_at"], Value::Null);

    // rotate: v2 goes to app_key_b with the roles app_key_a holds; both log in meanwhile.
    let n = s.count();
    let r = env.run(&["key", "rotate", "app-key", "--grace", "1h"]);
    r.ok().stderr_has("log in as app_key_b (probed)");
    let k2 = r.line();
    let reqs = s.since(n);
    assert_eq!(reqs.len(), 6, "{:?}", calls(&reqs));
    admin_calls(
        &reqs[..4],
        &[
            ("/users/list", json!({})),
            ("/users/describe", json!({"userName": "app_key_a"})),
            (
                "/users/create",
                json!({"userName": "app_key_b", "password": k2}),
            ),
            (
                "/users/grant_role",
                json!({"userName": "app_key_b", "roleName": "reader"}),
            ),
        ],
    );
    probes(&reqs[4..], "app_key_b", &k2);
    assert_eq!(s.users()["app_key_a"], entry(&k1, &["reader"]));
    assert_eq!(s.users()["app_key_b"], entry(&k2, &["reader"]));

    // revoke v1: its user is dropped; v2's stays.
    let n = s.count();
    env.run(&["key", "revoke", "app-key", "--version", "1", "--yes"])
        .ok();
    admin_calls(
        &s.since(n),
        &[
            ("/users/list", json!({})),
            ("/users/drop", json!({"userName": "app_key_a"})),
        ],
    );
    assert!(!s.users().contains_key("app_key_a"));
    assert!(s.users().contains_key("app_key_b"));

    // v3 lands on app_key_a again (absent: created), v4 on app_key_b (ours: dropped, created).
    let k3 = env.run(&["key", "rotate", "app-key", "--grace", "1h"]);
    k3.ok();
    let k3 = k3.line();
    let n = s.count();
    // v2 is in its grace: rotating again ends it (the rule of 2), with --yes. Its user app_key_b
    // takes v4, so nothing more is called to take v2 back.
    let r = env.run(&["--yes", "key", "rotate", "app-key", "--grace", "1h"]);
    r.ok()
        .stderr_has("log in as app_key_b (probed)")
        .stderr_has("Ended app-key v2");
    let k4 = r.line();
    let reqs = s.since(n);
    admin_calls(
        &reqs[..5],
        &[
            ("/users/list", json!({})),
            ("/users/describe", json!({"userName": "app_key_a"})),
            ("/users/drop", json!({"userName": "app_key_b"})),
            (
                "/users/create",
                json!({"userName": "app_key_b", "password": k4}),
            ),
            (
                "/users/grant_role",
                json!({"userName": "app_key_b", "roleName": "reader"}),
            ),
        ],
    );
    probes(&reqs[5..], "app_key_b", &k4);
    assert_eq!(s.users()["app_key_a"], entry(&k3, &["reader"]));
    assert_eq!(s.users()["app_key_b"], entry(&k4, &["reader"]));

    // drift: v3/v4 live on app_key_a/_b, v1/v2 revoked share those users, so no difference.
    env.run(&["target", "drift", "m"]).ok();

    // Revoking v2 (ended already) must not drop app_key_b: v4 (live) logs in as that user now.
    let n = s.count();
    env.run(&["key", "revoke", "app-key", "--version", "2", "--yes"])
        .ok();
    assert!(s.since(n).is_empty(), "{:?}", calls(&s.since(n)));
    assert_eq!(s.users()["app_key_b"], entry(&k4, &["reader"]));

    // Revoke everything: both users go; only root is left.
    let n = s.count();
    env.run(&["key", "revoke", "app-key", "--yes"]).ok();
    admin_calls(
        &s.since(n),
        &[
            ("/users/list", json!({})),
            ("/users/drop", json!({"userName": "app_key_a"})),
            ("/users/list", json!({})),
            ("/users/drop", json!({"userName": "app_key_b"})),
        ],
    );
    assert_eq!(s.users().keys().collect::<Vec<_>>(), vec!["root"]);
    let d = env.run(&["--json", "target", "drift", "m"]);
    d.ok();
    assert!(
        d.json()["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["actual"] == "gone")
    );
    let p = pushed(env, "app-key");
    assert_eq!(p.len(), 4);
    assert!(p.iter().all(|x| x.3 && x.4), "{p:?}");
    assert_eq!(
        p.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(),
        vec!["app_key_a", "app_key_b", "app_key_a", "app_key_b"]
    );
}

#[test]
fn milvus_error_code_on_create_http_contract() {
    let s = setup();
    let env = &s.env;
    env.create("app-key");
    s.db.lock().unwrap().fail_create = Some((
        1100,
        "invalid parameter[expected=valid password][actual=too long]".into(),
    ));
    let before = env.registry_text();
    let n = s.count();
    let r = env.run(&["push", "app-key", "--to", "m", "--role", "reader"]);
    r.code(4)
        .stderr_has("create user \"app_key_a\": Milvus code 1100: invalid parameter[expected=valid password][actual=too long]");
    let reqs = s.since(n);
    assert_eq!(
        calls(&reqs),
        vec![
            post("/users/list"),
            post("/roles/list"),
            post("/users/create")
        ]
    );
    assert_eq!(env.registry_text(), before, "state.json changed");
    assert!(!s.users().contains_key("app_key_a"));

    // --json: the error object, exit 4, kind remote.
    let e = env.run(&["--json", "push", "app-key", "--to", "m"]);
    e.code(4);
    let ej = e.json_err();
    assert_eq!(ej["error"]["kind"], "remote");
    assert_eq!(ej["error"]["exit_code"], 4);
    assert!(
        ej["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Milvus code 1100"),
        "{ej}"
    );
    assert_eq!(env.registry_text(), before, "state.json changed");

    // A role Milvus does not have: refused before anything is changed.
    s.db.lock().unwrap().fail_create = None;
    let n = s.count();
    env.run(&["push", "app-key", "--to", "m", "--role", "writer"])
        .code(4)
        .stderr_has("Milvus has no role \"writer\"; nothing was changed");
    assert_eq!(
        calls(&s.since(n)),
        vec![post("/users/list"), post("/roles/list")]
    );
    assert_eq!(env.registry_text(), before, "state.json changed");
}

#[test]
fn milvus_admin_refused_http_contract() {
    let s = setup();
    let env = &s.env;
    env.create("app-key");
    env.secret("wrong-admin-pw-7d1e");
    let wrong = [("MILVUS_ADMIN", "wrong-admin-pw-7d1e")];
    let n = s.count();
    env.run_with(&["target", "test", "m"], None, &wrong)
        .code(4)
        .stderr_has("the admin credential of \"root\" was refused")
        .stderr_has("HTTP 401: user hasn't authenticated");
    let reqs = s.since(n);
    assert_eq!(calls(&reqs), vec![post("/users/list")]);
    assert_eq!(
        bearer(&reqs[0]),
        ("root".into(), "wrong-admin-pw-7d1e".into())
    );

    let before = env.registry_text();
    let n = s.count();
    env.run_with(&["push", "app-key", "--to", "m"], None, &wrong)
        .code(4)
        .stderr_has("admin credential");
    assert_eq!(calls(&s.since(n)), vec![post("/users/list")]);
    assert_eq!(env.registry_text(), before, "state.json changed");
    assert_eq!(s.users().len(), 1);
}

#[test]
fn milvus_wrong_password_accepted_is_unverifiable_http_contract() {
    let s = setup();
    let env = &s.env;
    let k1 = env.create("app-key");
    s.db.lock().unwrap().accept_any_password = true;
    let n = s.count();
    env.run(&["push", "app-key", "--to", "m"])
        .code(4)
        .stderr_has("unverifiable: Milvus accepted a wrong password for \"app_key_a\"")
        .stderr_has("records it as unverified");
    let reqs = s.since(n);
    // No --role and nothing to copy from: list, create, the two probes.
    admin_calls(
        &reqs[..2],
        &[
            ("/users/list", json!({})),
            (
                "/users/create",
                json!({"userName": "app_key_a", "password": k1}),
            ),
        ],
    );
    probes(&reqs[2..], "app_key_a", &k1);
    assert_eq!(
        pushed(env, "app-key"),
        vec![(1, "app_key_a".into(), "app_key".into(), false, false)]
    );
    env.run(&["target", "show", "m"])
        .ok()
        .stdout_has("app-key v1 as app_key_a")
        .stdout_has("(UNVERIFIED)");
}

#[test]
fn milvus_unmanaged_user_refused_unless_adopt_http_contract() {
    let s = setup();
    let env = &s.env;
    let k1 = env.create("app-key");
    env.secret("someone-elses-pw");
    s.db.lock()
        .unwrap()
        .users
        .insert("app_key_a".into(), entry("someone-elses-pw", &["reader"]));

    let before = env.registry_text();
    let n = s.count();
    env.run(&["push", "app-key", "--to", "m"])
        .code(4)
        .stderr_has("Milvus user \"app_key_a\" exists and vauth did not push this key there; nothing was changed")
        .stderr_has("--adopt app_key");
    assert_eq!(calls(&s.since(n)), vec![post("/users/list")]);
    assert_eq!(env.registry_text(), before, "state.json changed");
    assert_eq!(
        s.users()["app_key_a"],
        entry("someone-elses-pw", &["reader"])
    );

    // --adopt: its roles are kept (copied), it is dropped and created with the key.
    let n = s.count();
    env.run(&["push", "app-key", "--to", "m", "--adopt", "app_key"])
        .ok();
    let reqs = s.since(n);
    admin_calls(
        &reqs[..5],
        &[
            ("/users/list", json!({})),
            ("/users/describe", json!({"userName": "app_key_a"})),
            ("/users/drop", json!({"userName": "app_key_a"})),
            (
                "/users/create",
                json!({"userName": "app_key_a", "password": k1}),
            ),
            (
                "/users/grant_role",
                json!({"userName": "app_key_a", "roleName": "reader"}),
            ),
        ],
    );
    probes(&reqs[5..], "app_key_a", &k1);
    assert_eq!(s.users()["app_key_a"], entry(&k1, &["reader"]));
    assert_eq!(
        pushed(env, "app-key"),
        vec![(1, "app_key_a".into(), "app_key".into(), true, false)]
    );
}

/// The rule of 2 (issue 16 §2): v1 and v2 live on app_key_a/_b; a third rotation inside v1's
/// grace is refused without --yes (exit 2, no call made). With --yes v1 is recorded ended, and
/// v3 takes its user: `users/drop` app_key_a, then `users/create` with v3 — v1's password is gone
/// from the server, v2's user untouched, and the record and the server agree (drift exit 0).
#[test]
fn milvus_third_rotation_inside_a_grace_drops_the_oldest_user_http_contract() {
    let s = setup();
    let env = &s.env;
    let k1 = env.create("app-key");
    env.run(&["push", "app-key", "--to", "m", "--role", "reader"])
        .ok();
    let k2 = env
        .run(&["key", "rotate", "app-key", "--grace", "1h"])
        .line();
    env.secret(&k2);
    assert_eq!(s.users()["app_key_a"], entry(&k1, &["reader"]));
    let n = s.count();
    env.run(&["key", "rotate", "app-key", "--grace", "1h"])
        .code(2)
        .stderr_has("app-key v1 (grace until ");
    assert!(s.since(n).is_empty(), "{:?}", calls(&s.since(n)));
    assert_eq!(s.users()["app_key_a"], entry(&k1, &["reader"]));

    let n = s.count();
    let r = env.run(&["--yes", "key", "rotate", "app-key", "--grace", "1h"]);
    r.ok().stderr_has("Ended app-key v1 (revoked now)");
    let k3 = r.line();
    env.secret(&k3);
    let reqs = s.since(n);
    admin_calls(
        &reqs[..5],
        &[
            ("/users/list", json!({})),
            ("/users/describe", json!({"userName": "app_key_b"})),
            ("/users/drop", json!({"userName": "app_key_a"})),
            (
                "/users/create",
                json!({"userName": "app_key_a", "password": k3}),
            ),
            (
                "/users/grant_role",
                json!({"userName": "app_key_a", "roleName": "reader"}),
            ),
        ],
    );
    probes(&reqs[5..], "app_key_a", &k3);
    assert_eq!(s.users()["app_key_a"], entry(&k3, &["reader"]));
    assert_eq!(s.users()["app_key_b"], entry(&k2, &["reader"]));
    assert_eq!(
        pushed(env, "app-key")
            .iter()
            .map(|p| (p.0, p.4))
            .collect::<Vec<_>>(),
        vec![(1, true), (2, false), (3, false)]
    );
    env.run(&["target", "drift", "m"]).ok();
}
