//! HTTP contract tests: opensearch (security plugin). OpenSearch cannot run here, so the real
//! `vauth` binary talks to a wiremock fake that keeps internal users the way the security plugin's
//! REST API does (reference vector-db-admin-apis.md §5.2): `GET|PUT|DELETE
//! /_plugins/_security/api/internalusers/{user}` as an admin with HTTP Basic, and `GET
//! /_plugins/_security/authinfo` (401 for a wrong password). Each test asserts the exact requests
//! (method, path, decoded credential, JSON body, order), the output, and what state.json records.
//!
//! Checked against opensearch-project/documentation-website `_security/access-control/api.md`
//! at 9c582ce7931f (the Security plugin REST API page, "Introduced 1.0"; the docs site's 3.x
//! line): create user `PUT …/internalusers/<user>` with `password`, `opendistro_security_roles`
//! (must exist), `backend_roles`, `attributes` → `{"status":"CREATED","message":"User kirk
//! created"}`; update → `{"status":"OK","message":"'kirk' updated."}`; delete →
//! `{"status":"OK","message":"user kirk deleted."}`; get user → `{"<user>": {"hash":"", …,
//! "attributes"}}`. Not on that page (report of issue 13 §4): the get-user fields vauth reads
//! besides `attributes` (the page's example shows `roles`; the plugin answers
//! `opendistro_security_roles` and `backend_roles`), the 404 body for an unknown user, the 400
//! text for a role that does not exist, the 403 for a caller without REST API access, and
//! `GET /_plugins/_security/authinfo` (its shape and its 401 for a wrong password).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, Request, Respond, ResponseTemplate};

use crate::util::http::{Fake, body_json, calls, header};
use crate::util::{TestEnv, state};

const ADMIN_PW: &str = "adm1n-OpenSearch-Secret-90c2ab";
const USERS: &str = "/_plugins/_security/api/internalusers/";
const AUTHINFO: &str = "/_plugins/_security/authinfo";

/// What the fake OpenSearch holds.
#[derive(Default)]
struct Db {
    /// user → {password, opendistro_security_roles, backend_roles, attributes}
    users: BTreeMap<String, Value>,
    roles: Vec<String>,
    /// Anyone is let in (security misconfigured): any password of an existing user is taken.
    accept_any_password: bool,
}

fn status(code: u16, s: &str, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(code).set_body_json(json!({ "status": s, "message": message }))
}

#[derive(Clone)]
struct FakeOpensearch(Arc<Mutex<Db>>);

impl Respond for FakeOpensearch {
    fn respond(&self, r: &Request) -> ResponseTemplate {
        let mut db = self.0.lock().unwrap();
        let unauth = ResponseTemplate::new(401)
            .insert_header("www-authenticate", "Basic realm=\"OpenSearch Security\"")
            .set_body_string("Unauthorized");
        let Some((u, p)) = basic(r) else {
            return unauth;
        };
        let authed = db
            .users
            .get(&u)
            .is_some_and(|x| x["password"] == p.as_str() || db.accept_any_password);
        if !authed {
            return unauth;
        }
        let m = r.method.as_str();
        let path = r.url.path();
        if m == "GET" && path == "/" {
            return ResponseTemplate::new(200).set_body_json(json!({
                "name": "node-1", "cluster_name": "vectors",
                "version": {"distribution": "opensearch", "number": "2.19.1"},
                "tagline": "The OpenSearch Project: https://opensearch.org/"
            }));
        }
        if m == "GET" && path == AUTHINFO {
            let x = &db.users[&u];
            return ResponseTemplate::new(200).set_body_json(json!({
                "user": format!("User [name={u}, backend_roles=[], requestedTenant=null]"),
                "user_name": u,
                "user_requested_tenant": null,
                "backend_roles": x["backend_roles"],
                "roles": x["opendistro_security_roles"],
                "tenants": {},
            }));
        }
        let Some(name) = path.strip_prefix(USERS).map(str::to_string) else {
            return ResponseTemplate::new(404);
        };
        if u != "admin" {
            return status(
                403,
                "FORBIDDEN",
                &format!(
                    "No permission to access REST API: User {u} does not have any role privileged for admin access"
                ),
            );
        }
        let not_found = status(404, "NOT_FOUND", &format!("Resource '{name}' not found."));
        match m {
            "GET" => match db.users.get(&name) {
                Some(x) => ResponseTemplate::new(200).set_body_json(json!({ name.clone(): {
                    "hash": "", "reserved": false, "hidden": false, "static": false,
                    "backend_roles": x["backend_roles"],
                    "attributes": x["attributes"],
                    "opendistro_security_roles": x["opendistro_security_roles"],
                }})),
                None => not_found,
            },
            "PUT" => {
                let b: Value = serde_json::from_slice(&r.body).unwrap();
                for role in b["opendistro_security_roles"].as_array().unwrap() {
                    if !db.roles.iter().any(|x| role == x.as_str()) {
                        return status(
                            400,
                            "BAD_REQUEST",
                            &format!("role {} is not available for role mapping.", role),
                        );
                    }
                }
                let created = !db.users.contains_key(&name);
                db.users.insert(
                    name.clone(),
                    json!({
                        "password": b["password"],
                        "opendistro_security_roles": b["opendistro_security_roles"],
                        "backend_roles": b.get("backend_roles").cloned().unwrap_or(json!([])),
                        "attributes": b.get("attributes").cloned().unwrap_or(json!({})),
                    }),
                );
                if created {
                    status(201, "CREATED", &format!("User {name} created"))
                } else {
                    status(200, "OK", &format!("'{name}' updated."))
                }
            }
            "DELETE" => match db.users.remove(&name) {
                Some(_) => status(200, "OK", &format!("user {name} deleted.")),
                None => not_found,
            },
            _ => ResponseTemplate::new(405),
        }
    }
}

/// `Authorization: Basic …`, decoded.
fn basic(r: &Request) -> Option<(String, String)> {
    let h = header(r, "authorization");
    let raw = base64::engine::general_purpose::STANDARD
        .decode(h.strip_prefix("Basic ")?)
        .ok()?;
    let s = String::from_utf8(raw).ok()?;
    let (u, p) = s.split_once(':')?;
    Some((u.to_string(), p.to_string()))
}

struct Setup {
    fake: Fake,
    db: Arc<Mutex<Db>>,
    env: TestEnv,
}

impl Setup {
    fn user(&self, name: &str) -> Option<Value> {
        self.db.lock().unwrap().users.get(name).cloned()
    }
    fn since(&self, n: usize) -> Vec<Request> {
        self.fake.requests().into_iter().skip(n).collect()
    }
    fn count(&self) -> usize {
        self.fake.requests().len()
    }
    /// `managed by vauth <home-id>`.
    fn marker(&self) -> String {
        let st = state(&self.env);
        format!("managed by vauth {}", st["home_id"].as_str().unwrap())
    }
}

/// A fake OpenSearch with `admin` and roles, a home with target `os` pointing at it.
fn setup() -> Setup {
    let fake = Fake::start();
    let db = Arc::new(Mutex::new(Db::default()));
    {
        let mut d = db.lock().unwrap();
        d.users.insert(
            "admin".into(),
            json!({"password": ADMIN_PW, "opendistro_security_roles": ["all_access"],
                   "backend_roles": ["admin"], "attributes": {}}),
        );
        d.roles = vec!["all_access".into(), "vector_reader".into(), "legacy".into()];
    }
    fake.mount(Mock::given(any()).respond_with(FakeOpensearch(db.clone())));
    let env = TestEnv::new().with_env("OS_ADMIN", ADMIN_PW);
    env.secret(ADMIN_PW);
    let port = fake.server.address().port();
    env.run(&[
        "target",
        "add",
        "os",
        "--kind",
        "opensearch",
        "--url",
        &format!("http://admin@127.0.0.1:{port}"),
        "--admin-password-env",
        "OS_ADMIN",
    ])
    .ok();
    Setup { fake, db, env }
}

fn req(m: &str, p: &str) -> (String, String) {
    (m.to_string(), p.to_string())
}

fn users(name: &str) -> String {
    format!("{USERS}{name}")
}

/// The admin made exactly these requests (method, path, JSON body or none).
#[track_caller]
fn admin_calls(reqs: &[Request], want: &[(&str, String, Option<Value>)]) {
    assert_eq!(
        calls(reqs),
        want.iter().map(|(m, p, _)| req(m, p)).collect::<Vec<_>>()
    );
    for (r, (_, _, body)) in reqs.iter().zip(want) {
        assert_eq!(
            basic(r),
            Some(("admin".to_string(), ADMIN_PW.to_string())),
            "{}",
            r.url.path()
        );
        match body {
            Some(b) => {
                assert_eq!(header(r, "content-type"), "application/json");
                assert_eq!(&body_json(r), b, "{}", r.url.path());
            }
            None => assert!(r.body.is_empty(), "{}", r.url.path()),
        }
    }
}

/// The two probes: authinfo as `user` with `key`, then with a wrong password.
#[track_caller]
fn probes(reqs: &[Request], user: &str, key: &str) {
    assert_eq!(
        calls(reqs),
        vec![req("GET", AUTHINFO), req("GET", AUTHINFO)]
    );
    assert_eq!(basic(&reqs[0]), Some((user.to_string(), key.to_string())));
    let (u, wrong) = basic(&reqs[1]).unwrap();
    assert_eq!(u, user);
    assert!(wrong.starts_with("vauth-wrong-") && wrong != key, "{wrong}");
}

/// Every push of `key` in state.json: (version, user, verified, revoked).
fn pushed(env: &TestEnv, key: &str) -> Vec<(u64, String, bool, bool)> {
    let st = state(env);
    let mut out = Vec::new();
    for v in st["api_keys"][key]["versions"].as_array().unwrap() {
        for p in v["pushed"].as_array().into_iter().flatten() {
            assert_eq!(p["target"], "os");
            assert_eq!(p["remote_name"], "app-key");
            out.push((
                v["version"].as_u64().unwrap(),
                p["user"].as_str().unwrap().to_string(),
                p["verified"].as_bool().unwrap(),
                p.get("revoked_at").is_some(),
            ));
        }
    }
    out
}

fn put_body(pw: &str, roles: &[&str], marker: &str) -> Value {
    json!({"password": pw, "opendistro_security_roles": roles,
           "attributes": {"managed_by": marker}})
}

#[test]
fn opensearch_push_rotate_revoke_http_contract() {
    let s = setup();
    let env = &s.env;

    // target test: the version, then who the admin is.
    let n = s.count();
    let t = env.run(&["--json", "target", "test", "os"]);
    t.ok();
    let tj = t.json();
    assert_eq!(tj["ok"], true);
    assert_eq!(tj["admin_user"], "admin");
    assert_eq!(
        tj["server"],
        "OpenSearch 2.19.1, admin authenticated as admin"
    );
    admin_calls(
        &s.since(n),
        &[("GET", "/".into(), None), ("GET", AUTHINFO.into(), None)],
    );

    let k1 = env.create("app-key");
    let marker = s.marker();

    // --dry-run: the exact calls, the password as ****, no request.
    let n = s.count();
    env.run(&[
        "push",
        "app-key",
        "--to",
        "os",
        "--role",
        "vector_reader",
        "--dry-run",
    ])
    .ok()
    .stdout_has(&format!("GET {USERS}app-key_a"))
    .stdout_has(&format!(
        r#"PUT {USERS}app-key_a {{"attributes":{{"managed_by":"{marker}"}},"opendistro_security_roles":["vector_reader"],"password":"****"}}"#
    ))
    .stdout_has(&format!("GET {AUTHINFO} (probe"))
    .stderr_has("would log in on os as app-key_a");
    assert_eq!(s.count(), n, "a dry run sent requests");

    // push: read the user (absent), PUT it with the key and the marker, probe twice.
    let n = s.count();
    let r = env.run(&[
        "--json",
        "push",
        "app-key",
        "--to",
        "os",
        "--role",
        "vector_reader",
    ]);
    r.ok();
    assert_eq!(
        r.json(),
        json!({"key": "app-key", "version": 1, "target": "os", "kind": "opensearch",
               "user": "app-key_a", "verified": true})
    );
    let reqs = s.since(n);
    assert_eq!(reqs.len(), 4, "{:?}", calls(&reqs));
    admin_calls(
        &reqs[..2],
        &[
            ("GET", users("app-key_a"), None),
            (
                "PUT",
                users("app-key_a"),
                Some(put_body(&k1, &["vector_reader"], &marker)),
            ),
        ],
    );
    probes(&reqs[2..], "app-key_a", &k1);
    assert_eq!(s.user("app-key_a").unwrap()["password"], k1.as_str());
    assert_eq!(
        pushed(env, "app-key"),
        vec![(1, "app-key_a".into(), true, false)]
    );
    let show = env.run(&["--json", "target", "show", "os"]).json();
    assert_eq!(show["kind"], "opensearch");
    assert_eq!(show["pushed"][0]["user"], "app-key_a");
    assert_eq!(show["pushed"][0]["verified"], true);

    // rotate: v2 goes to app-key_b with app-key_a's roles.
    let n = s.count();
    let r = env.run(&["key", "rotate", "app-key", "--grace", "1h"]);
    r.ok().stderr_has("log in as app-key_b (probed)");
    let k2 = r.line();
    let reqs = s.since(n);
    assert_eq!(reqs.len(), 5, "{:?}", calls(&reqs));
    admin_calls(
        &reqs[..3],
        &[
            ("GET", users("app-key_b"), None),
            ("GET", users("app-key_a"), None),
            (
                "PUT",
                users("app-key_b"),
                Some(put_body(&k2, &["vector_reader"], &marker)),
            ),
        ],
    );
    probes(&reqs[3..], "app-key_b", &k2);
    assert_eq!(s.user("app-key_a").unwrap()["password"], k1.as_str());

    // revoke v1: its user is deleted; v2's stays.
    let n = s.count();
    env.run(&["key", "revoke", "app-key", "--version", "1", "--yes"])
        .ok();
    admin_calls(&s.since(n), &[("DELETE", users("app-key_a"), None)]);
    assert!(s.user("app-key_a").is_none());
    assert!(s.user("app-key_b").is_some());

    // revoke the rest: app-key_b goes too.
    let n = s.count();
    env.run(&["key", "revoke", "app-key", "--yes"]).ok();
    admin_calls(&s.since(n), &[("DELETE", users("app-key_b"), None)]);
    assert!(s.user("app-key_b").is_none());
    assert_eq!(
        pushed(env, "app-key"),
        vec![
            (1, "app-key_a".into(), true, true),
            (2, "app-key_b".into(), true, true)
        ]
    );
}

#[test]
fn opensearch_unmanaged_user_refused_unless_adopt_http_contract() {
    let s = setup();
    let env = &s.env;
    let k1 = env.create("app-key");
    let marker = s.marker();
    env.secret("someone-elses-pw");
    s.db.lock().unwrap().users.insert(
        "app-key_a".into(),
        json!({"password": "someone-elses-pw", "opendistro_security_roles": ["legacy"],
               "backend_roles": ["team-a"], "attributes": {"managed_by": "managed by vauth other-home"}}),
    );

    // Another home's marker is not ours: refused, nothing changed.
    let before = env.registry_text();
    let n = s.count();
    env.run(&["push", "app-key", "--to", "os"])
        .code(4)
        .stderr_has("internal user \"app-key_a\" exists and was not created by this vauth home; nothing was changed")
        .stderr_has("--adopt app-key");
    admin_calls(&s.since(n), &[("GET", users("app-key_a"), None)]);
    assert_eq!(env.registry_text(), before, "state.json changed");
    assert_eq!(s.user("app-key_a").unwrap()["password"], "someone-elses-pw");

    // --adopt: its roles and backend roles are kept, the password and marker replaced.
    let n = s.count();
    env.run(&["push", "app-key", "--to", "os", "--adopt", "app-key"])
        .ok();
    let reqs = s.since(n);
    let mut body = put_body(&k1, &["legacy"], &marker);
    body["backend_roles"] = json!(["team-a"]);
    admin_calls(
        &reqs[..3],
        &[
            ("GET", users("app-key_a"), None),
            ("GET", users("app-key_b"), None),
            ("PUT", users("app-key_a"), Some(body)),
        ],
    );
    probes(&reqs[3..], "app-key_a", &k1);
    assert_eq!(
        pushed(env, "app-key"),
        vec![(1, "app-key_a".into(), true, false)]
    );

    // A user carrying this home's marker is ours even when state.json does not record it.
    let k2 = env.create("other-key");
    s.db.lock().unwrap().users.insert(
        "other-key_a".into(),
        json!({"password": "someone-elses-pw", "opendistro_security_roles": ["vector_reader"],
               "backend_roles": [], "attributes": {"managed_by": marker}}),
    );
    let n = s.count();
    env.run(&["push", "other-key", "--to", "os"]).ok();
    let reqs = s.since(n);
    admin_calls(
        &reqs[..3],
        &[
            ("GET", users("other-key_a"), None),
            ("GET", users("other-key_b"), None),
            (
                "PUT",
                users("other-key_a"),
                Some(put_body(&k2, &["vector_reader"], &marker)),
            ),
        ],
    );
}

#[test]
fn opensearch_admin_refused_http_contract() {
    let s = setup();
    let env = &s.env;
    env.create("app-key");
    env.secret("wrong-admin-pw-3b8a");
    let wrong = [("OS_ADMIN", "wrong-admin-pw-3b8a")];
    let n = s.count();
    env.run_with(&["target", "test", "os"], None, &wrong)
        .code(4)
        .stderr_has("the admin credential of \"admin\" was refused")
        .stderr_has("HTTP 401: Unauthorized");
    let reqs = s.since(n);
    assert_eq!(calls(&reqs), vec![req("GET", "/")]);
    assert_eq!(
        basic(&reqs[0]),
        Some(("admin".into(), "wrong-admin-pw-3b8a".into()))
    );

    let before = env.registry_text();
    let n = s.count();
    let e = env.run_with(&["--json", "push", "app-key", "--to", "os"], None, &wrong);
    e.code(4);
    assert_eq!(e.json_err()["error"]["kind"], "remote");
    assert_eq!(calls(&s.since(n)), vec![req("GET", &users("app-key_a"))]);
    assert_eq!(env.registry_text(), before, "state.json changed");
    assert!(s.user("app-key_a").is_none());
}

#[test]
fn opensearch_wrong_password_accepted_is_unverifiable_http_contract() {
    let s = setup();
    let env = &s.env;
    let k1 = env.create("app-key");
    let marker = s.marker();
    s.db.lock().unwrap().accept_any_password = true;
    let n = s.count();
    env.run(&["push", "app-key", "--to", "os"])
        .code(4)
        .stderr_has("unverifiable: OpenSearch accepted a wrong password for \"app-key_a\"")
        .stderr_has("records it as unverified");
    let reqs = s.since(n);
    admin_calls(
        &reqs[..3],
        &[
            ("GET", users("app-key_a"), None),
            ("GET", users("app-key_b"), None),
            ("PUT", users("app-key_a"), Some(put_body(&k1, &[], &marker))),
        ],
    );
    probes(&reqs[3..], "app-key_a", &k1);
    assert_eq!(
        pushed(env, "app-key"),
        vec![(1, "app-key_a".into(), false, false)]
    );
    env.run(&["target", "show", "os"])
        .ok()
        .stdout_has("app-key v1 as app-key_a")
        .stdout_has("(UNVERIFIED)");
}

#[test]
fn opensearch_error_answer_http_contract() {
    let s = setup();
    let env = &s.env;
    env.create("app-key");
    let before = env.registry_text();
    let n = s.count();
    env.run(&["push", "app-key", "--to", "os", "--role", "writer"])
        .code(4)
        .stderr_has("put internal user \"app-key_a\": HTTP 400: role \"writer\" is not available for role mapping.")
        .stderr_has("every --role exists");
    assert_eq!(
        calls(&s.since(n)),
        vec![
            req("GET", &users("app-key_a")),
            req("PUT", &users("app-key_a"))
        ]
    );
    assert_eq!(env.registry_text(), before, "state.json changed");
    assert!(s.user("app-key_a").is_none());
}

/// The rule of 2 (issue 16 §2): a third rotation inside v1's grace is refused without --yes
/// (exit 2, no call made). With --yes v1 is recorded ended and v3 takes its user: `PUT
/// internalusers/app-key_a` with v3's password replaces v1's (no DELETE: v3 lives there now);
/// v2's user is untouched, and drift finds the record and the server agreeing.
#[test]
fn opensearch_third_rotation_inside_a_grace_replaces_the_oldest_password_http_contract() {
    let s = setup();
    let env = &s.env;
    let k1 = env.create("app-key");
    env.run(&["push", "app-key", "--to", "os", "--role", "vector_reader"])
        .ok();
    let k2 = env
        .run(&["key", "rotate", "app-key", "--grace", "1h"])
        .line();
    env.secret(&k2);
    let n = s.count();
    env.run(&["key", "rotate", "app-key", "--grace", "1h"])
        .code(2)
        .stderr_has("app-key v1 (grace until ");
    assert_eq!(s.count(), n, "a refused rotation sent requests");
    assert_eq!(s.user("app-key_a").unwrap()["password"], k1.as_str());

    let n = s.count();
    let r = env.run(&["--yes", "key", "rotate", "app-key", "--grace", "1h"]);
    r.ok().stderr_has("Ended app-key v1 (revoked now)");
    let k3 = r.line();
    env.secret(&k3);
    let c = calls(&s.since(n));
    assert!(c.contains(&req("PUT", &users("app-key_a"))), "{c:?}");
    assert!(!c.iter().any(|x| x.0 == "DELETE"), "{c:?}");
    assert_eq!(s.user("app-key_a").unwrap()["password"], k3.as_str());
    assert_eq!(s.user("app-key_b").unwrap()["password"], k2.as_str());
    assert_eq!(
        pushed(env, "app-key"),
        vec![
            (1, "app-key_a".into(), true, true),
            (2, "app-key_b".into(), true, false),
            (3, "app-key_a".into(), true, false)
        ]
    );
    env.run(&["target", "drift", "os"]).ok();
}
