//! Every target's revoke is idempotent: what a killed run (or a hand) already took back is
//! "done", never an error — checked against local fakes of the HTTP kinds' documented answers
//! (wiremock) and a real Chroma credentials file. PostgreSQL and Redis: tests/finalize.rs.

use std::io::Write;

use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};
use zeroize::Zeroizing;

use super::*;

/// A `[target.t]` of `kind` at `url`, its admin secret in a temp file (kept alive by the caller).
fn cfg(kind: Kind, url: &str, secret: &tempfile::NamedTempFile) -> TargetConfig {
    let file = Some(secret.path().to_path_buf());
    let pw = kind.admin_cred() == AdminCred::Password;
    TargetConfig {
        kind,
        url: url.to_string(),
        admin_password_env: None,
        admin_password_file: if pw { file.clone() } else { None },
        admin_key_env: None,
        admin_key_file: if pw { None } else { file },
        admin_client_id_env: None,
        admin_client_secret_env: None,
        project: None,
        token_url: Some(format!("{url}/oauth/token")),
        credentials_file: None,
        timeout: Some(5),
        client_cert: None,
        identity: None,
        ca_file: None,
        insecure: false,
        prefix: None,
        apply: None,
        restart_wait: None,
        secret_env: Vec::new(),
        auth_header: None,
    }
}

fn secret() -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    writeln!(f, "adm1n-s3cret").unwrap();
    f
}

fn spec(user: &str, remote_id: Option<&str>) -> RevokeSpec {
    RevokeSpec {
        name: user.to_string(),
        user: user.to_string(),
        sha256: "ab".repeat(32),
        user_still_used: false,
        others_live: false,
        remote_id: remote_id.map(str::to_string),
    }
}

/// The requests `s` received: (method, path).
async fn calls(s: &MockServer) -> Vec<(String, String)> {
    s.received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .map(|r| (r.method.to_string(), r.url.path().to_string()))
        .collect()
}

async fn answer(s: &MockServer, m: &str, p: &str, status: u16, body: &str) {
    Mock::given(method(m))
        .and(path(p))
        .respond_with(ResponseTemplate::new(status).set_body_string(body.to_string()))
        .mount(s)
        .await;
}

#[tokio::test]
async fn milvus_a_user_already_dropped_is_done() {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path_regex("/users/list$"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"code":0,"data":["root"]}"#))
        .mount(&s)
        .await;
    let f = secret();
    let url = s.uri().replace("http://", "http://root@");
    let mut t = AnyTarget::new("m", &cfg(Kind::Milvus, &url, &f)).unwrap();
    assert!(t.revoke(&spec("app_a", None)).await.unwrap().is_empty());
    assert!(
        calls(&s)
            .await
            .iter()
            .all(|(_, p)| !p.ends_with("/users/drop"))
    );
}

#[tokio::test]
async fn opensearch_a_user_already_deleted_is_done() {
    let s = MockServer::start().await;
    answer(
        &s,
        "DELETE",
        "/_plugins/_security/api/internalusers/app_a",
        404,
        r#"{"status":"NOT_FOUND","message":"Resource 'app_a' not found."}"#,
    )
    .await;
    let f = secret();
    let url = s.uri().replace("http://", "http://admin@");
    let mut t = AnyTarget::new("o", &cfg(Kind::Opensearch, &url, &f)).unwrap();
    assert!(t.revoke(&spec("app_a", None)).await.unwrap().is_empty());
}

#[tokio::test]
async fn weaviate_a_user_already_gone_or_inactive_is_done() {
    let s = MockServer::start().await;
    answer(
        &s,
        "POST",
        "/v1/users/db/gone/deactivate",
        404,
        r#"{"error":[{"message":"user not found"}]}"#,
    )
    .await;
    answer(
        &s,
        "POST",
        "/v1/users/db/off/deactivate",
        409,
        r#"{"error":[{"message":"user already deactivated"}]}"#,
    )
    .await;
    answer(
        &s,
        "DELETE",
        "/v1/users/db/off",
        404,
        r#"{"error":[{"message":"user not found"}]}"#,
    )
    .await;
    let f = secret();
    let mut t = AnyTarget::new("w", &cfg(Kind::Weaviate, &s.uri(), &f)).unwrap();
    let gone = t.revoke(&spec("gone", None)).await.unwrap();
    assert!(gone[0].ends_with("(not found: already gone)"), "{gone:?}");
    let off = t.revoke(&spec("off", None)).await.unwrap();
    assert_eq!(off.len(), 2, "{off:?}");
    assert!(
        off[0].ends_with("(already inactive)") && off[1].ends_with("(not found: already gone)"),
        "{off:?}"
    );
    assert!(
        !calls(&s)
            .await
            .contains(&("DELETE".into(), "/v1/users/db/gone".into()))
    );
}

#[tokio::test]
async fn elasticsearch_a_key_already_invalidated_or_gone_is_done() {
    let s = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/_security/api_key"))
        .and(wiremock::matchers::body_json(serde_json::json!({"ids": ["k1"]})))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"invalidated_api_keys":[],"previously_invalidated_api_keys":["k1"],"error_count":0}"#,
        ))
        .mount(&s)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/_security/api_key"))
        .and(wiremock::matchers::body_json(serde_json::json!({"ids": ["k2"]})))
        .respond_with(ResponseTemplate::new(404).set_body_string(
            r#"{"error":{"type":"resource_not_found_exception","reason":"no API key"},"status":404}"#,
        ))
        .mount(&s)
        .await;
    let f = secret();
    let mut t = AnyTarget::new("e", &cfg(Kind::Elasticsearch, &s.uri(), &f)).unwrap();
    assert_eq!(t.revoke(&spec("k", Some("k1"))).await.unwrap().len(), 1);
    let r = t.revoke(&spec("k", Some("k2"))).await.unwrap();
    assert!(
        r[0].ends_with("(not found: nothing to invalidate)"),
        "{r:?}"
    );
    // Not listed at all (neither now nor before): an error, not "done".
    Mock::given(method("DELETE"))
        .and(path("/_security/api_key"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"invalidated_api_keys":[],"previously_invalidated_api_keys":[],"error_count":0}"#,
        ))
        .mount(&s)
        .await;
    assert!(t.revoke(&spec("k", Some("k3"))).await.is_err());
}

#[tokio::test]
async fn pinecone_a_key_already_deleted_is_done() {
    let s = MockServer::start().await;
    answer(
        &s,
        "POST",
        "/oauth/token",
        200,
        r#"{"access_token":"t0k","expires_in":1800}"#,
    )
    .await;
    answer(
        &s,
        "DELETE",
        "/admin/api-keys/k1",
        404,
        r#"{"error":{"code":"NOT_FOUND","message":"API key not found"},"status":404}"#,
    )
    .await;
    let f = secret();
    let mut c = cfg(Kind::Pinecone, &s.uri(), &f);
    (c.admin_key_file, c.project) = (None, Some("p".into()));
    let client = Some((
        Zeroizing::new("id".to_string()),
        Zeroizing::new("sec".to_string()),
    ));
    let mut t = pinecone::Pinecone::new("p", &c, client).unwrap();
    let r = t.revoke(&spec("k", Some("k1"))).await.unwrap();
    assert!(r[0].ends_with("(not found: already gone)"), "{r:?}");
}

#[tokio::test]
async fn chroma_a_token_already_removed_is_done() {
    let dir = tempfile::tempdir().unwrap();
    let f = secret();
    let mut c = cfg(Kind::Chroma, "http://127.0.0.1:1", &f);
    c.credentials_file = Some(dir.path().join("tokens.yaml"));
    let mut t = AnyTarget::new("c", &c).unwrap();
    // No file at all, then again: nothing removed, no error, nothing written.
    for _ in 0..2 {
        let r = t.revoke(&spec("app", None)).await.unwrap();
        assert!(r[0].contains("removed 0 token(s)"), "{r:?}");
    }
    assert!(!dir.path().join("tokens.yaml").exists());
}
