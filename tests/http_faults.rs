//! Faults on the HTTP targets, through the binary, against a local fake (wiremock): a server
//! that is down, one that refuses the admin credential, transient 503s and a 429 with
//! Retry-After (retried, the command succeeds), and an answer that is not the API at all. The
//! retry policy itself (which status, which method, how long) is unit-tested in
//! src/remote/http.rs; here: exit codes, messages, hints, and no secret in any of them.

use std::time::Instant;

use serde_json::json;
use wiremock::matchers::{header as hdr, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::util::TestEnv;
use crate::util::http::Fake;

const ADMIN: &str = "faults-admin-key-3c9e1f07aa";

fn env_for(url: &str) -> TestEnv {
    let env = TestEnv::new().with_env("QD_ADMIN", ADMIN);
    env.secret(ADMIN);
    env.run(&["init"]).ok();
    env.run(&[
        "target",
        "add",
        "q",
        "--kind",
        "qdrant",
        "--url",
        url,
        "--admin-key-env",
        "QD_ADMIN",
        "--timeout",
        "2",
    ])
    .ok();
    env
}

fn version(f: &Fake) {
    f.mount(
        Mock::given(method("GET"))
            .and(path("/"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"version":"1.17.0"}))),
    );
}

#[test]
fn http_faults_server_down_and_admin_refused_http_contract() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let env = env_for(&format!("http://127.0.0.1:{port}"));
    let t = Instant::now();
    let r = env.run(&["--json", "target", "test", "q"]);
    r.code(4);
    let e = r.json_err();
    assert_eq!(e["error"]["kind"], "remote");
    let msg = e["error"]["message"].as_str().unwrap();
    assert!(msg.contains("after 4 attempts"), "{msg}");
    assert!(e["error"]["hint"].as_str().unwrap().contains("server runs"));
    assert!(t.elapsed().as_secs() < 10, "backoff stays short");

    let f = Fake::start();
    version(&f);
    f.mount(
        Mock::given(method("GET"))
            .and(path("/collections"))
            .respond_with(ResponseTemplate::new(401).set_body_string("Invalid API key or JWT")),
    );
    let env = env_for(&f.url());
    env.run(&["target", "test", "q"])
        .code(4)
        .stderr_has("HTTP 401: Invalid API key or JWT")
        .stderr_has("admin credential was refused");
    // The unset variable is a local input error (exit 3), before any request.
    let n = f.requests().len();
    env.run_with(&["target", "test", "q"], None, &[("QD_ADMIN", "")])
        .code(3)
        .stderr_has("QD_ADMIN is not set");
    assert_eq!(f.requests().len(), n);
}

#[test]
fn http_faults_transient_errors_are_retried_http_contract() {
    let f = Fake::start();
    version(&f);
    // Two 503s, then the admin read works; the anonymous read is refused as it must be.
    f.mount(
        Mock::given(method("GET"))
            .and(path("/collections"))
            .and(hdr("api-key", ADMIN))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(2),
    );
    f.mount(
        Mock::given(method("GET"))
            .and(path("/collections"))
            .and(hdr("api-key", ADMIN))
            .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
            .up_to_n_times(1),
    );
    f.mount(
        Mock::given(method("GET"))
            .and(path("/collections"))
            .and(hdr("api-key", ADMIN))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"result":{}}))),
    );
    f.mount(
        Mock::given(method("GET"))
            .and(path("/collections"))
            .respond_with(ResponseTemplate::new(401).set_body_string("Must provide an API key")),
    );
    let env = env_for(&f.url());
    let t = Instant::now();
    env.run(&["target", "test", "q"]).ok();
    assert!(t.elapsed().as_secs_f64() >= 1.0, "waited for Retry-After");
    assert_eq!(
        f.requests_to("GET", "/collections").len(),
        5,
        "3 refused, 1 ok, 1 anonymous"
    );
}

#[test]
fn http_faults_an_answer_that_is_not_the_api_http_contract() {
    let f = Fake::start();
    // A web page where the API should be: the version is unknown, and the admin read's 404
    // says to check the URL.
    f.mount(
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(404).set_body_string("<html>Not Found</html>")),
    );
    let env = env_for(&f.url());
    env.run(&["target", "test", "q"])
        .code(4)
        .stderr_has("HTTP 404")
        .stderr_has("check the target's URL");
}
