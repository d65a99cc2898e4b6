//! HTTP contract tests: elasticsearch. Elasticsearch cannot run here, so these run the real vauth
//! binary against a wiremock fake that answers exactly as the security API documents
//! (../shared/reference/vector-db-admin-apis.md §5.1): `POST /_security/api_key`,
//! `GET /_security/_authenticate`, `GET /_security/api_key?id=`, `DELETE /_security/api_key`,
//! and the standard error body `{"error":{"root_cause":[…],"type":…,"reason":…},"status":…}`.
//! Each test asserts the exact requests (method, path, auth header, JSON body), their order,
//! the output, and what state.json records.
//!
//! Checked against elastic/elasticsearch-specification at 9d9b9a521cc1 (2026-08-20),
//! `specification/security/`: create_api_key (`POST /_security/api_key`, body `name`,
//! `expiration` (a duration), `role_descriptors`, `metadata`) → `{id, name, api_key, encoded,
//! expiration?}`; authenticate → `username`, `roles`, `enabled`, `metadata`,
//! `authentication_realm`, `lookup_realm`, `authentication_type` (required) and `api_key {id,
//! name?, managed_by}`; get_api_key (`?id=`) → `{"api_keys":[ApiKey]}` (`id`, `name`, `type`,
//! `creation`, `invalidated`, `username`, `realm`, `metadata` required; `role_descriptors`
//! optional); invalidate_api_key (`DELETE` with body `ids`) → `error_count`,
//! `invalidated_api_keys`, `previously_invalidated_api_keys`; errors `ErrorResponseBase`
//! (`error` ErrorCause + `status`). Not in the specification (report of issue 13 §4): the
//! `type`/`reason` texts of the errors; that an unknown API key is 401 (not 403); and the
//! "security off" answer this fake gives (a 200 naming `_anonymous`) — Elasticsearch documents
//! neither what `_authenticate` answers with security disabled nor that anonymous access applies
//! to a request carrying wrong credentials.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use serde::{Deserialize, Deserializer};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, Request, ResponseTemplate};

use crate::util::http::{Fake, body_json, calls, header};
use crate::util::{TestEnv, state};

const ADMIN: &str = "es-admin-key-Zq81xVb0pLm3";
/// `(id, api_key)` of each key the fake makes, in order.
const KEYS: &[(&str, &str)] = &[
    ("VuaCfGcBCdbkQm-e5aOx", "ui2lp2axTNmsyakw9tvNnw"),
    ("WvbDgHdCDeclRn-f6bPy", "vj3mq3byUOntzblx0uwOox"),
    ("XwcEhIeDEfdmSo-g7cQz", "wk4nr4czVPoua0my1vxPpy"),
    ("YxdFiJfEFgenTp-h8dRa", "xl5os5d0WQpvb1nz2wyQqz"),
];

fn encoded(i: usize) -> String {
    let (id, k) = KEYS[i];
    base64::engine::general_purpose::STANDARD.encode(format!("{id}:{k}"))
}

fn es_error(status: u16, typ: &str, reason: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "error": {"root_cause": [{"type": typ, "reason": reason}], "type": typ, "reason": reason},
        "status": status,
    }))
}

/// A `GET /_security/_authenticate` answer with every field the specification requires
/// (`SecurityAuthenticateResponse`), as `username`, through the API key `key` (id, name) if any.
fn authn(username: &str, key: Option<(&str, &str)>) -> ResponseTemplate {
    let realm = json!({"name": "_es_api_key", "type": "_es_api_key"});
    let mut b = json!({
        "username": username, "roles": [], "full_name": null, "email": null, "metadata": {},
        "enabled": true, "authentication_realm": realm, "lookup_realm": realm,
        "authentication_type": "api_key",
    });
    if let Some((id, name)) = key {
        b["api_key"] = json!({"id": id, "name": name, "managed_by": "elasticsearch"});
    }
    ResponseTemplate::new(200).set_body_json(b)
}

/// The fake's switches.
#[derive(Clone, Default)]
struct Es {
    /// Keys made so far (index into KEYS).
    made: Arc<AtomicUsize>,
    /// Keys whose probe the server refuses (made, then "lost" by the fake).
    refuse: Arc<Mutex<Vec<usize>>>,
    /// Security off: every credential authenticates.
    open: Arc<AtomicBool>,
}

fn mount(fake: &Fake, es: &Es) {
    let admin = format!("ApiKey {ADMIN}");
    let a = admin.clone();
    let st = es.clone();
    fake.mount(
        Mock::given(method("GET"))
            .and(path("/_security/_authenticate"))
            .respond_with(move |r: &Request| {
                let h = header(r, "authorization");
                if h == a {
                    return authn("vauth-admin", Some(("admin-key-id", "vauth-admin-key")));
                }
                let made = st.made.load(Ordering::SeqCst);
                for (i, (id, _)) in KEYS.iter().enumerate().take(made) {
                    if h == format!("ApiKey {}", encoded(i))
                        && !st.refuse.lock().unwrap().contains(&i)
                    {
                        return authn("vauth-admin", Some((id, &format!("k{i}"))));
                    }
                }
                if st.open.load(Ordering::SeqCst) && made > 0 {
                    return authn("_anonymous", Some((KEYS[made - 1].0, "anonymous")));
                }
                es_error(
                    401,
                    "security_exception",
                    "unable to authenticate with provided credentials",
                )
            }),
    );
    let a = admin.clone();
    let st = es.clone();
    fake.mount(
        Mock::given(method("POST"))
            .and(path("/_security/api_key"))
            .respond_with(move |r: &Request| {
                if header(r, "authorization") != a {
                    return es_error(
                        401,
                        "security_exception",
                        "unable to authenticate with provided credentials",
                    );
                }
                let b = body_json(r);
                if b["role_descriptors"].get("bad").is_some() {
                    return es_error(
                        400,
                        "parse_exception",
                        "failed to parse indices privileges for role [bad]",
                    );
                }
                let i = st.made.fetch_add(1, Ordering::SeqCst);
                let (id, k) = KEYS[i];
                ResponseTemplate::new(200).set_body_json(json!({
                    "id": id, "name": b["name"], "api_key": k, "encoded": encoded(i),
                }))
            }),
    );
    let a = admin.clone();
    fake.mount(
        Mock::given(method("GET"))
            .and(path("/_security/api_key"))
            .respond_with(move |r: &Request| {
                if header(r, "authorization") != a {
                    return es_error(401, "security_exception", "unable to authenticate");
                }
                let id = r
                    .url
                    .query_pairs()
                    .find(|(k, _)| k == "id")
                    .map(|(_, v)| v.to_string())
                    .unwrap_or_default();
                ResponseTemplate::new(200).set_body_json(json!({"api_keys": [{
                    "id": id, "name": "search-v1", "type": "rest", "creation": 1_767_225_600_000_u64,
                    "invalidated": false, "username": "vauth-admin", "realm": "_es_api_key",
                    "role_descriptors": {"ro": {"indices": [{"names": ["vectors-*"], "privileges": ["read"]}]}},
                    "metadata": {"managed_by": "x"},
                }]}))
            }),
    );
    let a = admin;
    fake.mount(
        Mock::given(method("DELETE"))
            .and(path("/_security/api_key"))
            .respond_with(move |r: &Request| {
                if header(r, "authorization") != a {
                    return es_error(401, "security_exception", "unable to authenticate");
                }
                let ids = body_json(r)["ids"].clone();
                ResponseTemplate::new(200).set_body_json(json!({
                    "invalidated_api_keys": ids, "previously_invalidated_api_keys": [], "error_count": 0,
                }))
            }),
    );
    fake.mount(
        Mock::given(method("GET"))
            .and(path("/"))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"name": "es01", "version": {"number": "8.15.0"}, "tagline": "You Know, for Search"}),
            )),
    );
}

fn setup() -> (TestEnv, Fake, Es) {
    let env = TestEnv::new().with_env("ES_ADMIN", ADMIN);
    env.secret(ADMIN);
    for (i, (_, k)) in KEYS.iter().enumerate() {
        env.secret(k);
        env.secret(&encoded(i));
    }
    let fake = Fake::start();
    let es = Es::default();
    mount(&fake, &es);
    env.run(&[
        "target",
        "add",
        "es",
        "--kind",
        "elasticsearch",
        "--url",
        &fake.url(),
        "--admin-key-env",
        "ES_ADMIN",
    ])
    .ok();
    (env, fake, es)
}

fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d)
}

/// docs/json.md, `key create NAME --on TARGET`: test-owned, unknown fields refused.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct CreatedOn {
    name: String,
    version: u32,
    #[serde(deserialize_with = "nullable")]
    id: Option<String>,
    fingerprint: String,
    created: String,
    #[serde(deserialize_with = "nullable")]
    expires: Option<String>,
    kept: bool,
    #[serde(default)]
    previous: Option<Value>,
    target: OnTarget,
    key: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct OnTarget {
    name: String,
    kind: String,
    user: String,
    #[serde(deserialize_with = "nullable")]
    remote_id: Option<String>,
    verified: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct DryRun {
    dry_run: bool,
    key: String,
    version: u32,
    target: String,
    kind: String,
    user: String,
    plan: Vec<String>,
}

const RD: &str = r#"{"ro":{"indices":[{"names":["vectors-*"],"privileges":["read"]}]}}"#;

#[test]
fn elasticsearch_create_rotate_revoke_http_contract() {
    let (env, fake, es) = setup();

    // target test: the admin key authenticates; the version comes from GET /.
    env.run(&["target", "test", "es"])
        .ok()
        .stderr_has("Elasticsearch 8.15.0 (admin: vauth-admin)");
    let reqs = fake.requests();
    assert_eq!(
        calls(&reqs),
        [
            ("GET".into(), "/_security/_authenticate".into()),
            ("GET".into(), "/".into())
        ]
    );
    assert_eq!(header(&reqs[0], "authorization"), format!("ApiKey {ADMIN}"));
    fake.reset();
    mount(&fake, &es);

    // --dry-run: the exact calls, nothing sent.
    let rd = env.write("rd.json", RD);
    let dry = env.run(&[
        "key",
        "create",
        "search",
        "--on",
        "es",
        "--role-descriptors",
        rd.to_str().unwrap(),
        "--dry-run",
    ]);
    dry.ok()
        .stdout_has(r#"POST /_security/api_key {"metadata":{"managed_by":"managed by vauth "#)
        .stdout_has(r#""name":"search-v1","role_descriptors":{"ro":"#)
        .stdout_has("GET /_security/_authenticate (probe");
    let dry: DryRun = serde_json::from_str(
        env.run(&[
            "--json",
            "key",
            "create",
            "search",
            "--on",
            "es",
            "--dry-run",
        ])
        .ok()
        .stdout
        .trim(),
    )
    .unwrap();
    assert_eq!(
        (dry.dry_run, dry.user.as_str(), dry.plan.len()),
        (true, "search-v1", 2)
    );
    assert!(fake.requests().is_empty());
    assert!(state(&env)["api_keys"].get("search").is_none());

    // create --on: the server makes the key; vauth probes it and records the encoded form.
    let r = env.run(&[
        "--json",
        "key",
        "create",
        "search",
        "--on",
        "es",
        "--role-descriptors",
        rd.to_str().unwrap(),
        "--expires",
        "30d",
    ]);
    r.ok();
    let j = r.json();
    let c: CreatedOn = serde_json::from_value(j.clone()).unwrap();
    assert!(c.expires.is_some() && c.id.is_none() && c.previous.is_none());
    assert_eq!(j["key"], encoded(0));
    assert_eq!(j["version"], 1);
    assert_eq!(j["id"], Value::Null);
    assert_eq!(
        j["target"],
        json!({"name": "es", "kind": "elasticsearch", "user": "search-v1", "remote_id": KEYS[0].0, "verified": true})
    );
    let reqs = fake.requests();
    assert_eq!(
        calls(&reqs),
        [
            ("POST".into(), "/_security/api_key".into()),
            ("GET".into(), "/_security/_authenticate".into()),
            ("GET".into(), "/_security/_authenticate".into()),
        ]
    );
    assert_eq!(header(&reqs[0], "authorization"), format!("ApiKey {ADMIN}"));
    assert_eq!(header(&reqs[0], "content-type"), "application/json");
    let b = body_json(&reqs[0]);
    assert_eq!(b["name"], "search-v1");
    assert_eq!(
        b["role_descriptors"],
        serde_json::from_str::<Value>(RD).unwrap()
    );
    let home_id = state(&env)["home_id"].as_str().unwrap().to_string();
    assert_eq!(
        b["metadata"],
        json!({"managed_by": format!("managed by vauth {home_id}")})
    );
    let exp = b["expiration"].as_str().unwrap();
    let secs: i64 = exp.strip_suffix('s').unwrap().parse().unwrap();
    assert!((30 * 86400 - 60..=30 * 86400).contains(&secs), "{exp}");
    assert_eq!(b.as_object().unwrap().len(), 4, "{b}");
    // The probe authenticates AS the new key (no admin credential), then with a wrong one.
    assert_eq!(
        header(&reqs[1], "authorization"),
        format!("ApiKey {}", encoded(0))
    );
    let wrong = header(&reqs[2], "authorization");
    let wrong = base64::engine::general_purpose::STANDARD
        .decode(wrong.strip_prefix("ApiKey ").unwrap())
        .unwrap();
    let wrong = String::from_utf8(wrong).unwrap();
    assert!(wrong.starts_with(&format!("{}:", KEYS[0].0)), "{wrong}");
    assert!(!wrong.ends_with(KEYS[0].1));
    let st = state(&env);
    let v1 = &st["api_keys"]["search"]["versions"][0];
    assert_eq!(v1["origin"], "target");
    assert_eq!(v1["kept"], true);
    assert_eq!(
        v1["pushed"],
        json!([{"target": "es", "user": "search-v1", "remote_name": "search",
                "at": v1["created"], "verified": true, "remote_id": KEYS[0].0}])
    );
    // The vault holds what the server returned.
    env.run(&["key", "show", "search", "--reveal", "--yes"])
        .ok()
        .stdout_has(&encoded(0));
    // vauth does not push into a target that makes its keys.
    env.run(&["push", "search", "--to", "es"])
        .code(2)
        .stderr_has("key create NAME --on es");

    // rotate: the successor comes from the server with the predecessor's role descriptors.
    fake.reset();
    mount(&fake, &es);
    let r = env.run(&["key", "rotate", "search", "--grace", "1h"]);
    r.ok()
        .stderr_has("Created search v2 on es: API key \"search-v2\"");
    assert_eq!(r.line(), encoded(1));
    let reqs = fake.requests();
    assert_eq!(
        calls(&reqs),
        [
            ("GET".into(), "/_security/api_key".into()),
            ("POST".into(), "/_security/api_key".into()),
            ("GET".into(), "/_security/_authenticate".into()),
            ("GET".into(), "/_security/_authenticate".into()),
        ]
    );
    assert_eq!(reqs[0].url.query(), Some(&*format!("id={}", KEYS[0].0)));
    let b = body_json(&reqs[1]);
    assert_eq!(b["name"], "search-v2");
    assert_eq!(
        b["role_descriptors"],
        serde_json::from_str::<Value>(RD).unwrap()
    );
    assert!(b["expiration"].as_str().unwrap().ends_with('s'));
    assert_eq!(
        header(&reqs[2], "authorization"),
        format!("ApiKey {}", encoded(1))
    );
    let st = state(&env);
    let vs = &st["api_keys"]["search"]["versions"];
    assert!(vs[0]["grace_until"].is_string());
    assert_eq!(vs[1]["origin"], "target");
    assert_eq!(vs[1]["pushed"][0]["remote_id"], KEYS[1].0);
    assert_eq!(vs[1]["pushed"][0]["user"], "search-v2");
    assert!(vs[0]["pushed"][0].get("revoked_at").is_none());

    // revoke v1: invalidated by id; v2 untouched.
    fake.reset();
    mount(&fake, &es);
    env.run(&["key", "revoke", "search", "--version", "1", "--yes"])
        .ok();
    let reqs = fake.requests();
    assert_eq!(
        calls(&reqs),
        [("DELETE".into(), "/_security/api_key".into())]
    );
    assert_eq!(body_json(&reqs[0]), json!({"ids": [KEYS[0].0]}));
    assert_eq!(header(&reqs[0], "authorization"), format!("ApiKey {ADMIN}"));
    let st = state(&env);
    let vs = &st["api_keys"]["search"]["versions"];
    assert!(vs[0]["revoked_at"].is_string());
    assert!(vs[0]["pushed"][0]["revoked_at"].is_string());
    assert!(vs[1]["pushed"][0].get("revoked_at").is_none());

    // revoke all: v2 invalidated too.
    fake.reset();
    mount(&fake, &es);
    env.run(&["key", "revoke", "search", "--yes"]).ok();
    let reqs = fake.requests();
    assert_eq!(body_json(&reqs[0]), json!({"ids": [KEYS[1].0]}));
    assert!(
        state(&env)["api_keys"]["search"]["versions"][1]["pushed"][0]["revoked_at"].is_string()
    );
}

#[test]
fn elasticsearch_errors_http_contract() {
    let (env, fake, es) = setup();
    let before = env.registry_text();

    // --role is not for elasticsearch: usage, nothing sent.
    env.run(&["key", "create", "x", "--on", "es", "--role", "viewer"])
        .code(2)
        .stderr_has("--role is for");
    assert!(fake.requests().is_empty());

    // 400 from the server: exit 4, its reason quoted; nothing recorded.
    let bad = env.write("bad.json", r#"{"bad":{"indices":[{"names":"x"}]}}"#);
    let r = env.run(&[
        "--json",
        "key",
        "create",
        "x",
        "--on",
        "es",
        "--role-descriptors",
        bad.to_str().unwrap(),
    ]);
    r.code(4);
    let e = r.json_err();
    assert_eq!(e["error"]["kind"], "remote");
    assert_eq!(
        e["error"]["message"],
        "target es: create the API key: HTTP 400: failed to parse indices privileges for role [bad]"
    );
    assert_eq!(env.registry_text(), before);

    // A wrong admin key: 401 with the server's reason, the key redacted, nothing recorded.
    let wrong_admin = "es-wrong-admin-Hh4c9Zx2";
    env.secret(wrong_admin);
    env.run_with(
        &["target", "test", "es"],
        None,
        &[("ES_ADMIN", wrong_admin)],
    )
    .code(4)
    .stderr_has("HTTP 401: unable to authenticate with provided credentials")
    .stderr_has("admin credential was refused");
    env.run_with(
        &["key", "create", "x", "--on", "es"],
        None,
        &[("ES_ADMIN", wrong_admin)],
    )
    .code(4)
    .stderr_has("HTTP 401: unable to authenticate with provided credentials");
    assert_eq!(env.registry_text(), before);

    // The server makes the key but refuses it on the probe: exit 4, the key is invalidated
    // again, and state.json is untouched.
    es.refuse.lock().unwrap().push(0);
    fake.reset();
    mount(&fake, &es);
    env.run(&["key", "create", "x", "--on", "es"])
        .code(4)
        .stderr_has("probe: the new API key \"x-v1\" was refused")
        .stderr_has("HTTP 401: unable to authenticate with provided credentials")
        .stderr_has(&format!(
            "API key \"x-v1\" (id {}) was taken back on the server; nothing was recorded",
            KEYS[0].0
        ));
    let reqs = fake.requests();
    assert_eq!(
        calls(&reqs),
        [
            ("POST".into(), "/_security/api_key".into()),
            ("GET".into(), "/_security/_authenticate".into()),
            ("DELETE".into(), "/_security/api_key".into()),
        ]
    );
    assert_eq!(body_json(&reqs[2]), json!({"ids": [KEYS[0].0]}));
    assert_eq!(env.registry_text(), before);

    // Security off (a wrong key is let in): unverifiable, taken back, nothing recorded.
    es.open.store(true, Ordering::SeqCst);
    fake.reset();
    mount(&fake, &es);
    env.run(&["key", "create", "y", "--on", "es"])
        .code(4)
        .stderr_has("unverifiable: the server accepted a wrong API key for \"y-v1\"")
        .stderr_has("was taken back");
    let reqs = fake.requests();
    assert_eq!(
        calls(&reqs).last().unwrap(),
        &("DELETE".to_string(), "/_security/api_key".to_string())
    );
    assert_eq!(body_json(reqs.last().unwrap()), json!({"ids": [KEYS[1].0]}));
    assert_eq!(env.registry_text(), before);
}

/// The rule of 2 (issue 16 §2): a third rotation inside one grace ends v1 (only with --yes) and
/// invalidates it by id once v3 probed; v2 and v3 stay valid.
#[test]
fn elasticsearch_third_rotation_inside_a_grace_invalidates_the_oldest_key_http_contract() {
    let (env, fake, es) = setup();
    let rd = env.write("rd.json", RD);
    env.run(&[
        "key",
        "create",
        "search",
        "--on",
        "es",
        "--role-descriptors",
        rd.to_str().unwrap(),
    ])
    .ok();
    env.run(&["key", "rotate", "search", "--grace", "1h"]).ok();
    fake.reset();
    mount(&fake, &es);
    env.run(&["key", "rotate", "search", "--grace", "1h"])
        .code(2)
        .stderr_has("search v1 (grace until ");
    assert!(fake.requests().is_empty());
    let r = env.run(&["--yes", "key", "rotate", "search", "--grace", "1h"]);
    r.ok().stderr_has("Ended search v1 (revoked now)");
    assert_eq!(r.line(), encoded(2));
    let reqs = fake.requests();
    assert_eq!(
        calls(&reqs),
        [
            ("GET".into(), "/_security/api_key".into()),
            ("POST".into(), "/_security/api_key".into()),
            ("GET".into(), "/_security/_authenticate".into()),
            ("GET".into(), "/_security/_authenticate".into()),
            ("DELETE".into(), "/_security/api_key".into()),
        ]
    );
    assert_eq!(body_json(&reqs[4]), json!({"ids": [KEYS[0].0]}));
    let st = state(&env);
    let vs = &st["api_keys"]["search"]["versions"];
    assert!(vs[0]["revoked_at"].is_string());
    assert!(vs[0]["pushed"][0]["revoked_at"].is_string());
    assert!(vs[1]["pushed"][0].get("revoked_at").is_none());
    assert!(vs[2]["pushed"][0].get("revoked_at").is_none());
}
