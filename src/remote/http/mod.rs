//! The HTTP half of the targets: one client per target (async reqwest on rustls/aws-lc-rs),
//! connect and total timeouts, a 1 MiB answer cap, and retries only where a retry is safe:
//!
//! - the connection could not be made (nothing reached the server): every call;
//! - HTTP 429 (the server refused before acting): every call, waiting `Retry-After` (≤ 30 s);
//! - HTTP 502/503/504 or a timeout after the request left: idempotent calls only (GET, PUT,
//!   DELETE, or a POST the target marks idempotent), since the server may have acted.
//!
//! Four attempts at most, exponential backoff from 250 ms with jitter. Every message that quotes
//! the server passes through [`super::redact()`] with the admin credential and the call's secrets.

mod call;
mod retry;

use std::time::Duration;

use zeroize::Zeroizing;

pub use call::{Auth, Body, Call, Reply, pct};
pub use retry::{MAX_ATTEMPTS, MAX_RETRY_AFTER};
use retry::{backoff, parse_retry_after};

use super::{RevokeSpec, TargetConfig, Wrong, redact};
use crate::error::{Error, ErrorKind, Result};

/// The largest answer read.
const MAX_BODY: usize = 1 << 20;

/// One target's HTTP client.
pub struct Http {
    target: String,
    base: String,
    client: reqwest::Client,
    auth: Auth,
    secrets: Vec<Zeroizing<String>>,
}

impl Http {
    /// A client for target `name` at `cfg.url`, trusting only `cfg.ca_file` when set.
    pub fn new(name: &str, cfg: &TargetConfig, auth: Auth) -> Result<Http> {
        let total = cfg.net_timeout();
        let ca = cfg.ca_pem()?;
        let identity = cfg.identity.as_ref().map(|id| {
            let mut pem = Zeroizing::new(id.cert_pem.clone());
            pem.push('\n');
            pem.push_str(&id.key_pem);
            pem
        });
        let client = crate::net::client(&crate::net::ClientSpec {
            connect: total.min(Duration::from_secs(5)),
            total,
            ca: ca.as_deref().map(|pem| (pem, "the target's CA file")),
            identity_pem: identity.as_ref().map(|p| p.as_bytes()),
        })?;
        let mut http = Http {
            target: name.to_string(),
            base: base_url(&cfg.url)?,
            client,
            auth: Auth::None,
            secrets: Vec::new(),
        };
        http.set_auth(auth);
        Ok(http)
    }

    /// The target's name.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// Set (or replace: pinecone, after fetching its OAuth token) the admin credential; it and
    /// the header carrying it are redacted from every message.
    pub fn set_auth(&mut self, auth: Auth) {
        if let Some((_, h)) = auth.header() {
            self.secrets.push(h);
        }
        match &auth {
            Auth::None => {}
            Auth::Bearer(t) | Auth::Header(_, t) => self.secrets.push(t.clone()),
            Auth::Basic(_, p) => self.secrets.push(p.clone()),
        }
        self.auth = auth;
    }

    /// Remember one more secret to redact from every message.
    pub fn add_secret(&mut self, s: &str) {
        if !s.is_empty() {
            self.secrets.push(Zeroizing::new(s.to_string()));
        }
    }

    /// Every secret this client knows, for [`super::redact()`].
    pub fn secrets(&self) -> Vec<&str> {
        self.secrets.iter().map(|s| s.as_str()).collect()
    }

    fn url(&self, path: &str) -> String {
        if path.starts_with("http://") || path.starts_with("https://") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        }
    }

    async fn once(&self, call: &Call) -> std::result::Result<Reply, reqwest::Error> {
        let mut rb = self
            .client
            .request(call.method.clone(), self.url(&call.path));
        if !call.anonymous
            && let Some((n, v)) = self.auth.header()
        {
            rb = rb.header(n, v.as_str());
        }
        for (n, v) in &call.headers {
            rb = rb.header(*n, v.as_str());
        }
        rb = match &call.body {
            Body::None => rb,
            Body::Json(v) => rb
                .header("content-type", "application/json")
                .body(v.to_string()),
        };
        let mut resp = rb.send().await?;
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await? {
            body.extend_from_slice(&chunk);
            if body.len() > MAX_BODY {
                body.truncate(MAX_BODY);
                break;
            }
        }
        Ok(Reply {
            status,
            body: String::from_utf8_lossy(&body).into_owned(),
            retry_after,
        })
    }

    /// Send `call`, retrying where safe (module docs). `Ok` carries any HTTP status; `Err` is a
    /// transport failure after the last attempt (exit 4).
    pub async fn send(&self, what: &str, call: &Call) -> Result<Reply> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let r = self.once(call).await;
            let outcome = match &r {
                Ok(rep) => Ok((rep.status, rep.retry_after)),
                Err(e) => Err((e.is_connect(), e.is_timeout())),
            };
            let wait = retry::wait(outcome, call.idempotent);
            if let Some(after) = wait
                && attempt < MAX_ATTEMPTS
            {
                tokio::time::sleep(after.unwrap_or_else(|| backoff(attempt))).await;
                continue;
            }
            return r.map_err(|e| self.transport(what, call, &e, attempt));
        }
    }

    fn transport(&self, what: &str, call: &Call, e: &reqwest::Error, attempts: u32) -> Error {
        let mut msg = e.to_string();
        let mut src = std::error::Error::source(e);
        while let Some(s) = src {
            let t = s.to_string();
            if !msg.contains(&t) {
                msg.push_str(&format!(": {t}"));
            }
            src = s.source();
        }
        let mut secrets = self.secrets();
        secrets.extend(call.headers.iter().map(|(_, v)| v.as_str()));
        let tries = if attempts > 1 {
            format!(" (after {attempts} attempts)")
        } else {
            String::new()
        };
        let hint = if e.is_timeout() {
            "the server did not answer in time: check it, or raise the target's timeout"
        } else if msg.contains("certificate") || msg.contains("Certificate") {
            "the server's certificate is not trusted: pass the CA that signed it (--ca-file)"
        } else {
            "check that the server runs and the URL's host and port are right"
        };
        Error::new(
            ErrorKind::Remote,
            format!(
                "target {}: {what}: {} {}{tries}: {}",
                self.target,
                call.method,
                self.url(&call.path),
                redact(&msg, &secrets)
            ),
        )
        .hint(hint)
    }

    /// The error for an unexpected answer: exit 4, the server's message quoted (redacted), a
    /// hint by status.
    pub fn fail(&self, what: &str, reply: &Reply) -> Error {
        let hint = match reply.status {
            401 => "the admin credential was refused: check the one the target names (`vauth target show`)".to_string(),
            403 => "the admin credential lacks the rights for this call".to_string(),
            404 => "not found: check the target's URL and the server's version".to_string(),
            429 => match reply.retry_after {
                Some(d) => format!("the server is rate-limiting: retry in {} s", d.as_secs()),
                None => "the server is rate-limiting: retry later".to_string(),
            },
            500..=599 => "the server failed: retry later, or read its log".to_string(),
            _ => "see the server's message".to_string(),
        };
        Error::new(
            ErrorKind::Remote,
            format!(
                "target {}: {what}: HTTP {}: {}",
                self.target,
                reply.status,
                redact(&reply.message(), &self.secrets())
            ),
        )
        .hint(hint)
    }

    /// A 2xx answer's JSON, or exit 4 saying the answer was not what the API documents.
    pub fn json(&self, what: &str, reply: &Reply) -> Result<serde_json::Value> {
        reply.json().ok_or_else(|| {
            let head: String = reply.body.chars().take(80).collect();
            Error::new(
                ErrorKind::Remote,
                format!(
                    "target {}: {what}: HTTP {} with an answer that is not JSON: {:?}",
                    self.target,
                    reply.status,
                    redact(&head, &self.secrets())
                ),
            )
            .hint("check that the URL points at the database's API, not a proxy or web page")
        })
    }

    /// Send, and require 2xx (else [`Http::fail`]).
    pub async fn ok(&self, what: &str, call: &Call) -> Result<Reply> {
        let r = self.send(what, call).await?;
        if r.ok() {
            Ok(r)
        } else {
            Err(self.fail(what, &r))
        }
    }

    /// A remote error for this target quoting `reply`: `WHAT: HTTP STATUS: MESSAGE` (redacted),
    /// no hint (the caller knows what the status means for its call).
    pub fn answer_error(&self, what: &str, reply: &Reply) -> Error {
        self.error(what, &format!("HTTP {}: {}", reply.status, reply.message()))
    }

    /// The error for an admin password refused on `what`: the kinds whose admin is the URL's
    /// user with a password (Milvus, OpenSearch).
    pub fn admin_refused(&self, what: &str, admin_user: &str, reply: &Reply) -> Error {
        self.answer_error(
            &format!("{what}: the admin credential of {admin_user:?} was refused"),
            reply,
        )
        .hint("check the admin password the target names (`vauth target show`), and that the URL names its user")
    }

    /// A remote error for this target with `detail` redacted.
    pub fn error(&self, what: &str, detail: &str) -> Error {
        super::remote(&self.target, what, detail, &self.secrets())
    }

    /// A remote error (exit 4) for this target saying `msg` as it is: `target NAME: MSG` (for
    /// messages vauth words itself, quoting no server).
    pub fn refusal(&self, msg: String) -> Error {
        Error::new(ErrorKind::Remote, format!("target {}: {msg}", self.target))
    }

    /// Send a call that makes a credential on the server (`made`, e.g. `API key "x"`). A call
    /// that fails without an answer may have made it all the same: the error says so, and where
    /// to `look` for it.
    pub async fn send_create(
        &self,
        what: &str,
        call: &Call,
        made: &str,
        look: &str,
    ) -> Result<Reply> {
        self.send(what, call).await.map_err(|e| {
            Error::new(
                e.kind(),
                format!(
                    "{} (the server may have made {made} all the same: {look})",
                    e.message()
                ),
            )
            .hint(e.hint_text().unwrap_or("check the server"))
        })
    }

    /// The negative probe of the HTTP kinds: `call` carries the `wrong` secret (a wrong `noun`:
    /// password, key, API key); 401/403 is a refusal, 2xx lets it in, anything else is an error.
    pub async fn probe_wrong(&mut self, call: &Call, wrong: &str, noun: &str) -> Result<Wrong> {
        self.add_secret(wrong);
        let r = self.send("probe", call).await?;
        r.wrong(|r| {
            self.answer_error(
                &format!("unverifiable: a wrong {noun} was not refused as such"),
                r,
            )
        })
    }

    /// The id state.json recorded for the credential `spec` takes back (Elasticsearch, Pinecone
    /// API keys); without one, an error on `what` with `hint` (how to take it back by hand).
    pub fn remote_id<'a>(&self, what: &str, spec: &'a RevokeSpec, hint: &str) -> Result<&'a str> {
        spec.remote_id.as_deref().ok_or_else(|| {
            self.error(
                what,
                &format!("state.json has no id for API key {:?}", spec.user),
            )
            .hint(hint)
        })
    }
}

/// The target URL without the admin user it names (`http://root@h:1/` → `http://h:1`), as the URL
/// module normalises it: reqwest would turn that user into an `Authorization: Basic` header of its
/// own on every call.
fn base_url(url: &str) -> Result<String> {
    let u = crate::net::url::parse(url, &["http", "https"]).map_err(|e| {
        Error::state(format!("target URL: {e}")).hint(
            "fix the target's url in vauth.toml, or add it again with `vauth target add --force`",
        )
    })?;
    Ok(u.without_user().trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_drops_the_user() {
        let b = |u: &str| base_url(u).unwrap();
        assert_eq!(b("http://root@127.0.0.1:19530/"), "http://127.0.0.1:19530");
        assert_eq!(b("https://h:9200/x@y"), "https://h:9200/x@y");
        assert_eq!(b("https://a@[::1]:9200/p"), "https://[::1]:9200/p");
        assert_eq!(
            b("http://elastic@127.0.0.1:9200/x"),
            "http://127.0.0.1:9200/x"
        );
        assert_eq!(b("https://es:9200"), "https://es:9200");
        assert!(base_url("https://u:pw@h/").is_err());
    }

    mod retries {
        //! The retry policy against a local fake server (wiremock).

        use std::time::Instant;

        use wiremock::matchers::{method, path};
        use wiremock::{Mock, MockServer, ResponseTemplate};

        use super::super::*;
        use crate::remote::Kind;

        fn cfg(url: &str, timeout: u64) -> TargetConfig {
            TargetConfig {
                kind: Kind::Qdrant,
                url: url.to_string(),
                admin_password_env: None,
                admin_password_file: None,
                admin_key_env: None,
                admin_key_file: None,
                admin_client_id_env: None,
                admin_client_secret_env: None,
                project: None,
                token_url: None,
                credentials_file: None,
                timeout: Some(timeout),
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

        fn http(url: &str, timeout: u64) -> Http {
            Http::new(
                "t",
                &cfg(url, timeout),
                Auth::Header("api-key", Zeroizing::new("adm1n-k3y".into())),
            )
            .unwrap()
        }

        async fn count(s: &MockServer) -> usize {
            s.received_requests().await.unwrap_or_default().len()
        }

        /// Answer `first` `n` times, then 200.
        async fn flaky(s: &MockServer, m: &str, first: ResponseTemplate, n: u64) {
            Mock::given(method(m))
                .and(path("/x"))
                .respond_with(first)
                .up_to_n_times(n)
                .mount(s)
                .await;
            Mock::given(method(m))
                .and(path("/x"))
                .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
                .mount(s)
                .await;
        }

        #[tokio::test]
        async fn gateway_errors_are_retried_for_idempotent_calls_only() {
            let s = MockServer::start().await;
            flaky(&s, "GET", ResponseTemplate::new(503), 2).await;
            let r = http(&s.uri(), 5)
                .send("get", &Call::get("/x"))
                .await
                .unwrap();
            assert_eq!((r.status, count(&s).await), (200, 3));

            let s = MockServer::start().await;
            flaky(&s, "POST", ResponseTemplate::new(502), 1).await;
            let r = http(&s.uri(), 5)
                .send("post", &Call::post("/x"))
                .await
                .unwrap();
            assert_eq!(
                (r.status, count(&s).await),
                (502, 1),
                "a POST may have acted"
            );
            let r = http(&s.uri(), 5)
                .send("post", &Call::post("/x").idempotent())
                .await
                .unwrap();
            assert_eq!(r.status, 200, "a POST marked idempotent is retried");

            let s = MockServer::start().await;
            flaky(
                &s,
                "GET",
                ResponseTemplate::new(500).set_body_string("boom"),
                1,
            )
            .await;
            let h = http(&s.uri(), 5);
            let r = h.send("get", &Call::get("/x")).await.unwrap();
            assert_eq!((r.status, count(&s).await), (500, 1), "500 is not retried");
            let e = h.fail("get", &r);
            assert_eq!(e.exit_code(), 4);
            assert!(e.message().contains("HTTP 500: boom"), "{}", e.message());
        }

        #[tokio::test]
        async fn too_many_requests_waits_for_retry_after_even_on_post() {
            let s = MockServer::start().await;
            flaky(
                &s,
                "POST",
                ResponseTemplate::new(429).insert_header("retry-after", "1"),
                1,
            )
            .await;
            let t = Instant::now();
            let r = http(&s.uri(), 5)
                .send("post", &Call::post("/x"))
                .await
                .unwrap();
            assert_eq!((r.status, count(&s).await), (200, 2));
            assert!(
                t.elapsed() >= Duration::from_secs(1),
                "Retry-After honoured"
            );

            // Longer than vauth waits: the 429 is the answer, and the hint says when to retry.
            let s = MockServer::start().await;
            flaky(
                &s,
                "GET",
                ResponseTemplate::new(429).insert_header("retry-after", "120"),
                1,
            )
            .await;
            let h = http(&s.uri(), 5);
            let r = h.send("get", &Call::get("/x")).await.unwrap();
            assert_eq!((r.status, count(&s).await), (429, 1));
            assert!(
                h.fail("get", &r)
                    .hint_text()
                    .unwrap()
                    .contains("retry in 120 s")
            );
        }

        #[tokio::test]
        async fn timeouts_retry_idempotent_calls_and_unreachable_servers_fail_clearly() {
            let s = MockServer::start().await;
            Mock::given(method("GET"))
                .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
                .mount(&s)
                .await;
            Mock::given(method("POST"))
                .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
                .mount(&s)
                .await;
            let h = http(&s.uri(), 1);
            let e = h.send("post", &Call::post("/x")).await.unwrap_err();
            assert_eq!((e.exit_code(), count(&s).await), (4, 1), "{}", e.message());
            let e = h.send("get", &Call::get("/x")).await.unwrap_err();
            assert_eq!(count(&s).await, 1 + MAX_ATTEMPTS as usize);
            assert!(e.message().contains("after 4 attempts"), "{}", e.message());
            assert!(e.hint_text().unwrap().contains("timeout"));

            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let e = http(&format!("http://127.0.0.1:{port}"), 2)
                .send("post", &Call::post("/x"))
                .await
                .unwrap_err();
            assert_eq!(e.exit_code(), 4);
            assert!(e.message().contains("after 4 attempts"), "{}", e.message());
            assert!(!e.message().contains("adm1n-k3y"));
        }

        #[tokio::test]
        async fn server_messages_are_quoted_with_secrets_redacted() {
            let s = MockServer::start().await;
            Mock::given(method("GET"))
                .respond_with(
                    ResponseTemplate::new(401)
                        .set_body_string(r#"{"error":{"reason":"bad key adm1n-k3y"}}"#),
                )
                .mount(&s)
                .await;
            Mock::given(method("PUT"))
                .respond_with(ResponseTemplate::new(200).set_body_string("<html>proxy</html>"))
                .mount(&s)
                .await;
            let h = http(&s.uri(), 5);
            let r = h.send("get", &Call::get("/x")).await.unwrap();
            let e = h.fail("admin check", &r);
            assert_eq!(e.message(), "target t: admin check: HTTP 401: bad key ****");
            assert!(
                e.hint_text()
                    .unwrap()
                    .contains("admin credential was refused")
            );
            let r = h.send("put", &Call::put("/x")).await.unwrap();
            let e = h.json("update", &r).unwrap_err();
            assert!(e.message().contains("not JSON"), "{}", e.message());
            let got = s.received_requests().await.unwrap();
            assert_eq!(got[0].headers.get("api-key").unwrap(), "adm1n-k3y");
        }
    }
}
