//! HTTP contract tests: pinecone. Pinecone is a service that cannot be reached here, so these run
//! the real vauth binary against a wiremock fake that answers as the OAuth and Admin APIs document
//! (../shared/reference/vector-db-admin-apis.md §4): the client-credentials token, then
//! `POST /admin/projects/{project}/api-keys` → 201 `{"key":{…},"value"}`,
//! `GET /admin/api-keys/{id}`, `DELETE /admin/api-keys/{id}` → 202, a key probed with
//! `GET /indexes` + `Api-Key`, the error body `{"status","error":{"code","message"}}` and the OAuth
//! error `{"error","error_description"}`. Each test asserts the exact requests, their order, the
//! output, and what state.json records.
//!
//! Checked against pinecone-io/pinecone-api at 068bdf773d32 (2026-05-20): `2025-04/admin_2025-04.oas.yaml`
//! (the version vauth sends in `X-Pinecone-Api-Version`; the 2026-04 file has the same shapes)
//! — create_api_key 201 `APIKeyWithSecret` (`key` + `value`, key ids are UUIDs; body `name` 1–80
//! chars, `roles` default `["ProjectEditor"]`), fetch_api_key 200 `APIKey` / 404, delete_api_key
//! 202 without a body / 404, list_project_api_keys `{"data":[…]}`, every error `ErrorResponse`
//! `{"status","error":{"code","message"}}`; `oauth_2025-04.oas.yaml` — `POST /oauth/token` with
//! `client_id`, `client_secret`, `grant_type: client_credentials`, `audience:
//! https://api.pinecone.io/` (all four required) → `{access_token, token_type, expires_in}`, errors
//! `{"error","error_description"}`; `db_control_2025-04.oas.yaml` — `GET /indexes` with `Api-Key`,
//! 401 UNAUTHENTICATED. Not documented (report of issue 13 §4): what `GET /indexes` answers a key
//! whose roles have no control-plane permission (DataPlaneViewer/Editor: docs.pinecone.io
//! "Security overview" gives them none, so a real Pinecone may refuse the probe that this fake
//! answers 200); the 403 body for a service account without rights (the spec's 403 on create
//! says "not enough quota"); the project id here is not a UUID as the spec's is.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::json;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, Request, ResponseTemplate};

use crate::util::http::{Fake, body_json, calls, header};
use crate::util::{TestEnv, state};

const CLIENT_ID: &str = "pc-client-id-7Yt2wQ";
const CLIENT_SECRET: &str = "pc-client-secret-Lk93mZ0vBq";
const TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.pc-admin-token.sig-4fG8h";
const VERSION: &str = "2025-04";
/// `(id, value)` of each key the fake makes, in order.
const KEYS: &[(&str, &str)] = &[
    (
        "3a7f0c2e-5b1d-4c6e-9f00-000000000001",
        "pckey_3a7f_Ab12Cd34Ef56Gh78Ij90Kl12Mn34",
    ),
    (
        "3a7f0c2e-5b1d-4c6e-9f00-000000000002",
        "pckey_3a7f_Bc23De45Fg67Hi89Jk01Lm23No45",
    ),
    (
        "3a7f0c2e-5b1d-4c6e-9f00-000000000003",
        "pckey_3a7f_Cd34Ef56Gh78Ij90Kl12Mn34Op56",
    ),
    (
        "3a7f0c2e-5b1d-4c6e-9f00-000000000004",
        "pckey_3a7f_De45Fg67Hi89Jk01Lm23No45Pq67",
    ),
];

fn pc_error(status: u16, code: &str, msg: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_json(json!({"status": status, "error": {"code": code, "message": msg}}))
}

#[derive(Clone, Default)]
struct Pc {
    made: Arc<AtomicUsize>,
    /// Keys the data plane refuses although the admin API made them.
    refuse: Arc<Mutex<Vec<usize>>>,
    /// The data plane lets any key in.
    open: Arc<AtomicBool>,
    /// Keys it made may not list indexes (roles without control-plane permission): 403.
    data_plane_only: Arc<AtomicBool>,
}

fn admin_ok(r: &Request) -> bool {
    header(r, "authorization") == format!("Bearer {TOKEN}")
        && header(r, "x-pinecone-api-version") == VERSION
}

fn mount(fake: &Fake, pc: &Pc) {
    fake.mount(
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .respond_with(|r: &Request| {
                let b = body_json(r);
                if b["client_secret"] != CLIENT_SECRET || b["client_id"] != CLIENT_ID {
                    return ResponseTemplate::new(401).set_body_json(json!({
                        "error": "access_denied", "error_description": "Unauthorized: wrong client credentials"
                    }));
                }
                ResponseTemplate::new(200).set_body_json(
                    json!({"access_token": TOKEN, "token_type": "Bearer", "expires_in": 1800}),
                )
            }),
    );
    let st = pc.clone();
    fake.mount(
        Mock::given(method("POST"))
            .and(path("/admin/projects/proj-1/api-keys"))
            .respond_with(move |r: &Request| {
                if !admin_ok(r) {
                    return pc_error(401, "UNAUTHENTICATED", "Invalid access token");
                }
                let b = body_json(r);
                let name = b["name"].as_str().unwrap_or_default();
                if name.starts_with("denied") {
                    return pc_error(
                        403,
                        "PERMISSION_DENIED",
                        "The service account lacks permission to create API keys in this project",
                    );
                }
                let i = st.made.fetch_add(1, Ordering::SeqCst);
                let (id, value) = KEYS[i];
                let roles = b.get("roles").cloned().unwrap_or(json!(["ProjectEditor"]));
                ResponseTemplate::new(201).set_body_json(json!({
                    "key": {"id": id, "name": name, "project_id": "proj-1", "roles": roles},
                    "value": value,
                }))
            }),
    );
    fake.mount(
        Mock::given(method("GET"))
            .and(path("/admin/projects/proj-1/api-keys"))
            .respond_with(|r: &Request| {
                if !admin_ok(r) {
                    return pc_error(401, "UNAUTHENTICATED", "Invalid access token");
                }
                ResponseTemplate::new(200).set_body_json(json!({"data": [
                    {"id": "x", "name": "default", "project_id": "proj-1", "roles": ["ProjectEditor"]}
                ]}))
            }),
    );
    fake.mount(
        Mock::given(method("GET"))
            .and(path_regex(r"^/admin/api-keys/[^/]+$"))
            .respond_with(|r: &Request| {
                if !admin_ok(r) {
                    return pc_error(401, "UNAUTHENTICATED", "Invalid access token");
                }
                let id = r.url.path().rsplit('/').next().unwrap();
                ResponseTemplate::new(200).set_body_json(json!({
                    "id": id, "name": "vec-v1", "project_id": "proj-1", "roles": ["DataPlaneViewer"]
                }))
            }),
    );
    fake.mount(
        Mock::given(method("DELETE"))
            .and(path_regex(r"^/admin/api-keys/[^/]+$"))
            .respond_with(|r: &Request| {
                if !admin_ok(r) {
                    return pc_error(401, "UNAUTHENTICATED", "Invalid access token");
                }
                ResponseTemplate::new(202)
            }),
    );
    let st = pc.clone();
    fake.mount(
        Mock::given(method("GET"))
            .and(path("/indexes"))
            .respond_with(move |r: &Request| {
                let k = header(r, "api-key");
                let made = st.made.load(Ordering::SeqCst);
                let known = KEYS
                    .iter()
                    .enumerate()
                    .take(made)
                    .any(|(i, (_, v))| *v == k && !st.refuse.lock().unwrap().contains(&i));
                if known && st.data_plane_only.load(Ordering::SeqCst) {
                    return pc_error(403, "PERMISSION_DENIED", "Insufficient permissions");
                }
                if known || st.open.load(Ordering::SeqCst) {
                    return ResponseTemplate::new(200).set_body_json(json!({"indexes": []}));
                }
                pc_error(401, "UNAUTHENTICATED", "Invalid API Key")
            }),
    );
}

fn setup() -> (TestEnv, Fake, Pc) {
    let env = TestEnv::new()
        .with_env("PC_ID", CLIENT_ID)
        .with_env("PC_SECRET", CLIENT_SECRET);
    for s in [CLIENT_SECRET, TOKEN] {
        env.secret(s);
    }
    for (_, v) in KEYS {
        env.secret(v);
    }
    let fake = Fake::start();
    let pc = Pc::default();
    mount(&fake, &pc);
    env.run(&[
        "target",
        "add",
        "pc",
        "--kind",
        "pinecone",
        "--url",
        &fake.url(),
        "--project",
        "proj-1",
        "--admin-client-id-env",
        "PC_ID",
        "--admin-client-secret-env",
        "PC_SECRET",
        "--token-url",
        &format!("{}/oauth/token", fake.url()),
    ])
    .ok();
    (env, fake, pc)
}

fn s(m: &str, p: &str) -> (String, String) {
    (m.to_string(), p.to_string())
}

/// The token request: JSON with the four documented fields, the version header, no bearer.
#[track_caller]
fn assert_token_call(r: &Request) {
    assert_eq!(
        body_json(r),
        json!({"grant_type": "client_credentials", "client_id": CLIENT_ID,
               "client_secret": CLIENT_SECRET, "audience": "https://api.pinecone.io/"})
    );
    assert_eq!(header(r, "x-pinecone-api-version"), VERSION);
    assert_eq!(header(r, "authorization"), "");
}

#[test]
fn pinecone_create_rotate_revoke_http_contract() {
    let (env, fake, pc) = setup();

    env.run(&["target", "test", "pc"])
        .ok()
        .stderr_has("Pinecone Admin API 2025-04 (project proj-1, 1 API keys)");
    let reqs = fake.requests();
    assert_eq!(
        calls(&reqs),
        [
            s("POST", "/oauth/token"),
            s("GET", "/admin/projects/proj-1/api-keys")
        ]
    );
    assert_token_call(&reqs[0]);
    assert_eq!(header(&reqs[1], "authorization"), format!("Bearer {TOKEN}"));
    assert_eq!(header(&reqs[1], "x-pinecone-api-version"), VERSION);
    fake.reset();
    mount(&fake, &pc);

    // --dry-run: the calls with the client secret as ****, nothing sent.
    env.run(&[
        "key",
        "create",
        "vec",
        "--on",
        "pc",
        "--role",
        "DataPlaneViewer",
        "--dry-run",
    ])
    .ok()
    .stdout_has(r#""client_id":"****","client_secret":"****","grant_type":"client_credentials""#)
    .stdout_has(
        r#"POST /admin/projects/proj-1/api-keys {"name":"vec-v1","roles":["DataPlaneViewer"]}"#,
    )
    .stdout_has("GET /indexes (probe");
    assert!(fake.requests().is_empty());

    let r = env.run(&[
        "--json",
        "key",
        "create",
        "vec",
        "--on",
        "pc",
        "--role",
        "DataPlaneViewer",
    ]);
    r.ok();
    let j = r.json();
    assert_eq!(j["key"], KEYS[0].1);
    assert_eq!(
        j["target"],
        json!({"name": "pc", "kind": "pinecone", "user": "vec-v1", "remote_id": KEYS[0].0, "verified": true})
    );
    let reqs = fake.requests();
    assert_eq!(
        calls(&reqs),
        [
            s("POST", "/oauth/token"),
            s("POST", "/admin/projects/proj-1/api-keys"),
            s("GET", "/indexes"),
            s("GET", "/indexes"),
        ]
    );
    assert_token_call(&reqs[0]);
    assert_eq!(header(&reqs[1], "authorization"), format!("Bearer {TOKEN}"));
    assert_eq!(header(&reqs[1], "x-pinecone-api-version"), VERSION);
    assert_eq!(
        body_json(&reqs[1]),
        json!({"name": "vec-v1", "roles": ["DataPlaneViewer"]})
    );
    // The probe uses the new key alone (no admin bearer), then a wrong one.
    assert_eq!(header(&reqs[2], "api-key"), KEYS[0].1);
    assert_eq!(header(&reqs[2], "authorization"), "");
    assert_eq!(header(&reqs[2], "x-pinecone-api-version"), VERSION);
    assert!(header(&reqs[3], "api-key").starts_with("vauth-wrong-"));
    let st = state(&env);
    let v1 = &st["api_keys"]["vec"]["versions"][0];
    assert_eq!(v1["origin"], "target");
    assert_eq!(
        v1["pushed"],
        json!([{"target": "pc", "user": "vec-v1", "remote_name": "vec", "at": v1["created"],
                "verified": true, "remote_id": KEYS[0].0}])
    );

    // rotate: a second key with the first one's roles; both live during the grace.
    fake.reset();
    mount(&fake, &pc);
    let r = env.run(&["key", "rotate", "vec", "--grace", "1h"]);
    r.ok()
        .stderr_has(&format!("API key \"vec-v2\" (id {})", KEYS[1].0));
    assert_eq!(r.line(), KEYS[1].1);
    let reqs = fake.requests();
    assert_eq!(
        calls(&reqs),
        [
            s("POST", "/oauth/token"),
            s("GET", &format!("/admin/api-keys/{}", KEYS[0].0)),
            s("POST", "/admin/projects/proj-1/api-keys"),
            s("GET", "/indexes"),
            s("GET", "/indexes"),
        ]
    );
    assert_eq!(
        body_json(&reqs[2]),
        json!({"name": "vec-v2", "roles": ["DataPlaneViewer"]})
    );
    let st = state(&env);
    assert_eq!(
        st["api_keys"]["vec"]["versions"][1]["pushed"][0]["remote_id"],
        KEYS[1].0
    );

    // revoke v1: DELETE by id → 202.
    fake.reset();
    mount(&fake, &pc);
    env.run(&["key", "revoke", "vec", "--version", "1", "--yes"])
        .ok();
    let reqs = fake.requests();
    assert_eq!(
        calls(&reqs),
        [
            s("POST", "/oauth/token"),
            s("DELETE", &format!("/admin/api-keys/{}", KEYS[0].0)),
        ]
    );
    assert_eq!(header(&reqs[1], "authorization"), format!("Bearer {TOKEN}"));
    assert_eq!(header(&reqs[1], "x-pinecone-api-version"), VERSION);
    let st = state(&env);
    assert!(st["api_keys"]["vec"]["versions"][0]["pushed"][0]["revoked_at"].is_string());
    assert!(
        st["api_keys"]["vec"]["versions"][1]["pushed"][0]
            .get("revoked_at")
            .is_none()
    );
}

#[test]
fn pinecone_errors_http_contract() {
    let (env, fake, pc) = setup();
    let before = env.registry_text();

    // The service account's secret is refused: the OAuth error quoted, the secret redacted.
    let wrong = "pc-wrong-secret-Qw8Er7Ty";
    env.secret(wrong);
    env.run_with(&["target", "test", "pc"], None, &[("PC_SECRET", wrong)])
        .code(4)
        .stderr_has("HTTP 401: Unauthorized: wrong client credentials");
    env.run_with(
        &["key", "create", "vec", "--on", "pc"],
        None,
        &[("PC_SECRET", wrong)],
    )
    .code(4)
    .stderr_has("Unauthorized: wrong client credentials");
    assert_eq!(env.registry_text(), before);

    // 403 PERMISSION_DENIED from the Admin API: quoted, nothing recorded.
    let r = env.run(&["--json", "key", "create", "denied", "--on", "pc"]);
    r.code(4);
    assert_eq!(
        r.json_err()["error"]["message"],
        "target pc: create the API key: HTTP 403: The service account lacks permission to create API keys in this project"
    );
    assert_eq!(env.registry_text(), before);

    // --role-descriptors is for elasticsearch.
    let rd = env.write("rd.json", "{}");
    env.run(&[
        "key",
        "create",
        "x",
        "--on",
        "pc",
        "--role-descriptors",
        rd.to_str().unwrap(),
    ])
    .code(2);

    // Made, but the data plane refuses it: deleted again, nothing recorded.
    pc.refuse.lock().unwrap().push(0);
    fake.reset();
    mount(&fake, &pc);
    env.run(&["key", "create", "flaky", "--on", "pc"])
        .code(4)
        .stderr_has("probe: the new API key \"flaky-v1\" was refused: HTTP 401: Invalid API Key")
        .stderr_has(&format!(
            "API key \"flaky-v1\" (id {}) was taken back on the server",
            KEYS[0].0
        ));
    assert_eq!(
        calls(&fake.requests()),
        [
            s("POST", "/oauth/token"),
            s("POST", "/admin/projects/proj-1/api-keys"),
            s("GET", "/indexes"),
            s("DELETE", &format!("/admin/api-keys/{}", KEYS[0].0)),
        ]
    );
    assert_eq!(env.registry_text(), before);

    // Every key gets in (not Pinecone behind the URL): unverifiable, deleted again.
    pc.open.store(true, Ordering::SeqCst);
    fake.reset();
    mount(&fake, &pc);
    env.run(&["key", "create", "open", "--on", "pc"])
        .code(4)
        .stderr_has("unverifiable: the server accepted a wrong API key for \"open-v1\"")
        .stderr_has("was taken back");
    assert_eq!(
        calls(&fake.requests()).last().unwrap(),
        &s("DELETE", &format!("/admin/api-keys/{}", KEYS[1].0))
    );
    assert_eq!(env.registry_text(), before);
}

/// The rule of 2 (issue 16 §2): a third rotation inside one grace ends v1 (only with --yes) and
/// takes it back — `DELETE /admin/api-keys/{v1's id}` — once v3 probed; two keys stay live.
#[test]
fn pinecone_third_rotation_inside_a_grace_deletes_the_oldest_key_http_contract() {
    let (env, fake, pc) = setup();
    env.run(&[
        "key",
        "create",
        "vec",
        "--on",
        "pc",
        "--role",
        "DataPlaneViewer",
    ])
    .ok();
    env.run(&["key", "rotate", "vec", "--grace", "1h"]).ok();
    // Without --yes: exit 2 before anything is asked of the server.
    fake.reset();
    mount(&fake, &pc);
    env.run(&["key", "rotate", "vec", "--grace", "1h"])
        .code(2)
        .stderr_has("vec v1 (grace until ");
    assert!(fake.requests().is_empty(), "{:?}", calls(&fake.requests()));
    let r = env.run(&["--json", "--yes", "key", "rotate", "vec", "--grace", "1h"]);
    r.ok();
    assert_eq!(r.json()["ended"], json!([1]));
    assert_eq!(r.json()["key"], KEYS[2].1);
    let reqs = fake.requests();
    assert_eq!(
        calls(&reqs),
        [
            s("POST", "/oauth/token"),
            s("GET", &format!("/admin/api-keys/{}", KEYS[1].0)),
            s("POST", "/admin/projects/proj-1/api-keys"),
            s("GET", "/indexes"),
            s("GET", "/indexes"),
            s("POST", "/oauth/token"),
            s("DELETE", &format!("/admin/api-keys/{}", KEYS[0].0)),
        ]
    );
    let st = state(&env);
    let vs = &st["api_keys"]["vec"]["versions"];
    assert!(vs[0]["revoked_at"].is_string());
    assert!(vs[0]["pushed"][0]["revoked_at"].is_string());
    for v in [1, 2] {
        assert!(vs[v].get("revoked_at").is_none());
        assert!(vs[v]["pushed"][0].get("revoked_at").is_none());
    }
}

#[test]
fn pinecone_data_plane_key_that_may_not_list_indexes_still_probes_http_contract() {
    // Not documented: what `GET /indexes` answers a known key without control-plane rights.
    // vauth takes a 403 for it as "known" only when a wrong key gets 401 at the same call.
    let (env, fake, pc) = setup();
    pc.data_plane_only.store(true, Ordering::SeqCst);
    env.run(&[
        "--json",
        "key",
        "create",
        "vec",
        "--on",
        "pc",
        "--role",
        "DataPlaneViewer",
    ])
    .ok();
    let st = state(&env);
    assert_eq!(
        st["api_keys"]["vec"]["versions"][0]["pushed"][0]["verified"],
        true
    );
    let probes = fake.requests_to("GET", "/indexes");
    assert_eq!(
        probes.len(),
        3,
        "the key (403), then a wrong key twice (401)"
    );
}
