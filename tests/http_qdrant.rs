//! Qdrant target, against a local fake (wiremock) because no Qdrant server can run here: the
//! fake answers exactly as reference/vector-db-admin-apis.md §1.3–1.5 documents — the API key in
//! `api-key`, JWTs as `Authorization: Bearer` checked HS256 with the API key (by the hmac crate,
//! not by vauth's JWT code), plain-text 401 "Invalid API key or JWT", 403 for a bad signature or
//! a collection the token does not name, `GET /` unauthenticated with the version.
//!
//! Sources: qdrant.tech/documentation/security (the page as stored 2026-08; api_key,
//! read_only_api_key, jwt_rbac and the access table) and qdrant/qdrant v1.19.0 (74f3e85b9473):
//! `src/settings.rs` ("alt_api_key: same as api_key, can be used for rolling key rotation" —
//! the security page does not describe alt_api_key), `src/common/auth/mod.rs`,
//! `src/actix/auth.rs`.
//!
//! Which of Qdrant's three key slots each path writes:
//! - `service.api_key`: never written by vauth; it is the target's admin key, and the HS256
//!   secret `jwt sign --for` signs with.
//! - `service.alt_api_key`: `vauth push` (and the pushes that follow `key rotate` / `rotate
//!   apply`) of a key scoped `admin`, rendered pending restart — the incoming admin key of the
//!   rollover api_key → alt_api_key → api_key.
//! - `service.read_only_api_key`: never written; a `read` key is refused (one slot, no overlap
//!   through a grace), as is any key without the admin scope.

use std::sync::{Arc, Mutex};

use base64::Engine as _;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, Request, Respond, ResponseTemplate};

use crate::util::TestEnv;
use crate::util::http::{Fake, calls, header};
use crate::util::qdrant::qdrant_status;

const ADMIN: &str = "qdrant-admin-api-key-7d1e0b5c9a";

/// Qdrant's auth, with `extra` accepted as a second master key (alt_api_key) once set.
struct QdrantAuth {
    alt: Arc<Mutex<Option<String>>>,
    open: bool,
}

impl Respond for QdrantAuth {
    fn respond(&self, r: &Request) -> ResponseTemplate {
        let cred = match header(r, "api-key") {
            k if !k.is_empty() => Some(k),
            _ => header(r, "authorization")
                .strip_prefix("Bearer ")
                .map(str::to_string),
        };
        if self.open {
            return ResponseTemplate::new(200)
                .set_body_json(json!({"result":{"collections":[]},"status":"ok","time":0.0}));
        }
        let alt = self.alt.lock().unwrap().clone();
        let status = match cred.as_deref() {
            Some(c) if alt.as_deref() == Some(c) => 200,
            c => qdrant_status(ADMIN, c, r.url.path()),
        };
        match status {
            200 => ResponseTemplate::new(200).set_body_json(
                json!({"result":{"collections":[{"name":"docs"}]},"status":"ok","time":0.0}),
            ),
            401 => ResponseTemplate::new(401).set_body_string("Invalid API key or JWT"),
            s => ResponseTemplate::new(s)
                .set_body_string("Forbidden: Access to collection is required"),
        }
    }
}

fn fake(open: bool) -> (Fake, Arc<Mutex<Option<String>>>) {
    let f = Fake::start();
    let alt = Arc::new(Mutex::new(None));
    f.mount(
        Mock::given(method("GET"))
            .and(path("/"))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"title":"qdrant - vector search engine","version":"1.17.1"}),
            )),
    );
    f.mount(Mock::given(method("GET")).respond_with(QdrantAuth {
        alt: alt.clone(),
        open,
    }));
    (f, alt)
}

fn env_with(f: &Fake) -> TestEnv {
    let env = TestEnv::new().with_env("QDRANT_ADMIN", ADMIN);
    env.secret(ADMIN);
    env.run(&["init"]).ok();
    env.run(&[
        "target",
        "add",
        "q",
        "--kind",
        "qdrant",
        "--url",
        &f.url(),
        "--admin-key-env",
        "QDRANT_ADMIN",
    ])
    .ok();
    env
}

fn claims(token: &str) -> serde_json::Value {
    let p = token.split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(p)
            .unwrap(),
    )
    .unwrap()
}

#[test]
fn qdrant_target_test_and_jwt_sign_for_http_contract() {
    let (f, _) = fake(false);
    let env = env_with(&f);
    let t = env.run(&["--json", "target", "test", "q"]);
    t.ok();
    assert_eq!(t.json()["server"], "Qdrant 1.17.1");
    // GET / (no key), GET /collections with the admin key, then without any key (must be 401).
    let reqs = f.requests();
    assert_eq!(
        calls(&reqs),
        [
            ("GET", "/"),
            ("GET", "/collections"),
            ("GET", "/collections")
        ]
        .map(|(m, p)| (m.to_string(), p.to_string()))
    );
    assert_eq!(header(&reqs[0], "api-key"), "");
    assert_eq!(header(&reqs[1], "api-key"), ADMIN);
    assert_eq!(header(&reqs[2], "api-key"), "");
    f.reset();
    f.mount(Mock::given(method("GET")).respond_with(QdrantAuth {
        alt: Arc::new(Mutex::new(None)),
        open: false,
    }));

    // A collection-scoped token, probed before it is printed.
    let r = env.run(&[
        "jwt",
        "sign",
        "--for",
        "q",
        "--qdrant-collection",
        "docs=r",
        "--exp",
        "10m",
    ]);
    r.ok();
    let token = r.line();
    let c = claims(&token);
    assert_eq!(c["access"], json!([{"collection":"docs","access":"r"}]));
    let reqs = f.requests();
    assert_eq!(
        calls(&reqs),
        [
            ("GET", "/collections"),
            ("GET", "/collections/docs"),
            ("GET", "/collections")
        ]
        .map(|(m, p)| (m.to_string(), p.to_string()))
    );
    assert_eq!(header(&reqs[0], "authorization"), format!("Bearer {token}"));
    assert_eq!(header(&reqs[1], "authorization"), format!("Bearer {token}"));
    assert_eq!(
        header(&reqs[0], "api-key"),
        "",
        "a probe must not carry the admin key"
    );
    let wrong = header(&reqs[2], "authorization");
    assert!(wrong.starts_with("Bearer ") && wrong != format!("Bearer {token}"));
    // The wrong token carries the same claims but another signature.
    assert_eq!(
        claims(wrong.strip_prefix("Bearer ").unwrap())["access"],
        c["access"]
    );
}

#[test]
fn qdrant_refused_or_unchecked_tokens_are_not_printed_http_contract() {
    let (f, _) = fake(false);
    // Signed with a key that is not Qdrant's: Qdrant answers 403 (bad signature), and the
    // token is not printed.
    let bad = TestEnv::new().with_env("QDRANT_ADMIN", "not-the-admin-key-0123456789");
    bad.run(&["init"]).ok();
    bad.run(&[
        "target",
        "add",
        "q",
        "--kind",
        "qdrant",
        "--url",
        &f.url(),
        "--admin-key-env",
        "QDRANT_ADMIN",
    ])
    .ok();
    let r = bad.run(&["jwt", "sign", "--for", "q", "--qdrant-access", "r"]);
    r.code(4)
        .stderr_has("probe: GET /collections with the new credential: HTTP 403");
    assert!(r.stdout.trim().is_empty(), "a refused token was printed");

    // A Qdrant that checks nothing proves nothing.
    let (open, _) = fake(true);
    let env = env_with(&open);
    let r = env.run(&["jwt", "sign", "--for", "q", "--qdrant-access", "r"]);
    r.code(4).stderr_has("unverifiable");
    assert!(r.stdout.trim().is_empty());
    env.run(&["target", "test", "q"])
        .code(4)
        .stderr_has("unverifiable");

    // --for takes qdrant targets only, and HS256 only.
    env.run(&["jwt", "sign", "--for", "q", "--alg", "ES256"])
        .code(2);
    env.run(&["jwt", "sign", "--for", "nope"]).code(3);
}

#[test]
fn qdrant_push_of_an_admin_key_is_alt_api_key_pending_restart_then_probed_http_contract() {
    let (f, alt) = fake(false);
    let env = env_with(&f);
    let r = env.run(&["key", "create", "app", "--scope", "admin"]);
    r.ok();
    let key = r.line();
    f.reset();
    f.mount(Mock::given(method("GET")).respond_with(QdrantAuth {
        alt: alt.clone(),
        open: false,
    }));
    let dry = env.run(&["push", "app", "--to", "q", "--dry-run"]);
    // The plan names the slot, that it is a master key, and the rollover with what it ends.
    dry.ok()
        .stdout_has("alt_api_key = ****")
        .stdout_has("a second master key")
        .stdout_has("make it service.api_key")
        .stdout_has("JWTs signed with the old key stop working");
    let p = env.run(&["--json", "push", "app", "--to", "q"]);
    p.ok();
    assert_eq!(p.json()["user"], "alt_api_key");
    assert_eq!(p.json()["pending"], true);
    assert_eq!(p.json()["verified"], false);
    assert!(
        f.requests().is_empty(),
        "vauth cannot set Qdrant's config: no request"
    );
    let state = env.registry_text();
    assert!(state.contains("\"pending\": true"), "{state}");

    // Before the restart: Qdrant refuses the key → target test says so, exit 4, still pending.
    let t = env.run(&["target", "test", "q"]);
    t.code(4).stderr_has("HTTP 401");
    assert!(env.registry_text().contains("\"pending\": true"));

    // "Restart" Qdrant with the key as alt_api_key: the next test verifies it.
    *alt.lock().unwrap() = Some(key.clone());
    f.reset();
    f.mount(Mock::given(method("GET")).respond_with(QdrantAuth {
        alt: alt.clone(),
        open: false,
    }));
    let t = env.run(&["--json", "target", "test", "q"]);
    t.ok();
    assert_eq!(t.json()["pending"][0]["verified"], true);
    let reqs = f.requests_to("GET", "/collections");
    let keys: Vec<String> = reqs.iter().map(|r| header(r, "api-key")).collect();
    assert!(keys.contains(&key), "probed with the pushed key");
    assert!(
        keys.iter().any(|k| k.starts_with("vauth-wrong-")),
        "and a wrong one"
    );
    let state = env.registry_text();
    assert!(!state.contains("\"pending\": true") && state.contains("\"verified\": true"));
}

/// Least privilege (issue 13 §3): a key that is not scoped `admin` is never made a Qdrant master
/// key. A `read` key is refused too (read_only_api_key is one slot: no overlap through a grace).
/// Both are usage errors (exit 2) pointing to scoped JWTs; nothing is recorded, nothing sent.
#[test]
fn qdrant_push_refuses_keys_not_scoped_admin_and_points_to_jwts_http_contract() {
    let (f, _) = fake(false);
    let env = env_with(&f);
    env.run(&["key", "create", "reader", "--scope", "read"])
        .ok();
    env.run(&["key", "create", "plain"]).ok();
    env.run(&["key", "create", "docs", "--scope", "collection:docs"])
        .ok();
    f.reset();
    let before = env.registry_text();

    let r = env.run(&["push", "reader", "--to", "q"]);
    r.code(2)
        .stderr_has("read_only_api_key: it is one slot")
        .stderr_has("vauth jwt sign --for q");
    assert_eq!(
        r.stderr
            .lines()
            .filter(|l| l.contains("read_only_api_key"))
            .count(),
        1,
        "one line of what failed: {}",
        r.stderr
    );
    for name in ["plain", "docs"] {
        env.run(&["push", name, "--to", "q"])
            .code(2)
            .stderr_has("second master key")
            .stderr_has("vauth jwt sign --for q")
            .stderr_has("--scope admin");
    }
    let j = env.run(&["--json", "push", "reader", "--to", "q"]);
    j.code(2);
    assert_eq!(j.json_err()["error"]["kind"], "usage");
    assert!(f.requests().is_empty(), "a refused push sends nothing");
    assert_eq!(
        env.registry_text(),
        before,
        "a refused push records nothing"
    );
    // The dry run is refused the same way (exit 2), and still changes nothing.
    env.run(&["push", "reader", "--to", "q", "--dry-run"])
        .code(2)
        .stderr_has("read_only_api_key");
    assert!(!env.registry_text().contains("alt_api_key"));
}

/// `key rotate` of the admin key follows its push: the successor goes to alt_api_key (pending
/// restart), the predecessor keeps working until the rollover ends; an unscoped key pushed by an
/// older vauth is refused at its next rotation rather than silently made a master key.
#[test]
fn qdrant_admin_key_rotation_follows_to_alt_api_key_http_contract() {
    let (f, alt) = fake(false);
    let env = env_with(&f);
    let r = env.run(&["key", "create", "qadmin", "--scope", "admin"]);
    r.ok();
    let v1 = r.line();
    env.run(&["push", "qadmin", "--to", "q"]).ok();
    *alt.lock().unwrap() = Some(v1.clone());
    env.run(&["target", "test", "q"]).ok();
    let rot = env.run(&["--json", "key", "rotate", "qadmin", "--grace", "1h"]);
    rot.ok();
    let s = env.registry_text();
    let st: serde_json::Value = serde_json::from_str(&s).unwrap();
    let v2 = &st["api_keys"]["qadmin"]["versions"][1];
    assert_eq!(v2["pushed"][0]["user"], "alt_api_key", "{v2}");
    assert_eq!(v2["pushed"][0]["pending"], true, "{v2}");
    // Not taken back before the successor is verified.
    env.run(&["--yes", "key", "revoke", "qadmin", "--version", "1"])
        .code(4)
        .stderr_has("no newer version was pushed and verified");
    // Qdrant restarted with v2 as alt_api_key: verified; then v1's take-back is the rest of
    // the rollover, which names what it ends.
    *alt.lock().unwrap() = Some(rot.json()["key"].as_str().unwrap().to_string());
    env.run(&["target", "test", "q"]).ok();
    // The take-back is a step left to the user (vauth cannot change Qdrant's config): shown
    // without -v.
    let rm = env.run(&["--yes", "key", "revoke", "qadmin", "--version", "1"]);
    rm.ok()
        .stderr_has("q: to do by hand: remove this key")
        .stderr_has("its successor as service.api_key")
        .stderr_has("JWTs signed with this key stop working");
}
