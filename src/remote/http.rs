//! The HTTP half of the targets: one client per target (async reqwest on rustls/aws-lc-rs),
//! connect and total timeouts, a 1 MiB answer cap, and retries only where a retry is safe:
//!
//! - the connection could not be made (nothing reached the server): every call;
//! - HTTP 429 (the server refused before acting): every call, waiting `Retry-After` (≤ 30 s);
//! - HTTP 502/503/504 or a timeout after the request left: idempotent calls only (GET, PUT,
//!   DELETE, or a POST the target marks idempotent), since the server may have acted.
//!
//! Four attempts at most, exponential backoff from 250 ms with jitter. Every message that quotes
//! the server passes through [`super::redact`] with the admin credential and the call's secrets.

use std::time::Duration;

use reqwest::Method;
use zeroize::Zeroizing;

use super::{TargetConfig, redact};
use crate::error::{Error, ErrorKind, Result};

/// Attempts per call, the first included.
pub const MAX_ATTEMPTS: u32 = 4;
/// The first backoff; doubled per attempt, then jittered down to half.
const BACKOFF: Duration = Duration::from_millis(250);
/// The longest `Retry-After` vauth waits; a longer one ends the call with the server's answer.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);
/// The largest answer read.
const MAX_BODY: usize = 1 << 20;

/// A request body.
#[derive(Debug, Clone)]
pub enum Body {
    /// No body.
    None,
    /// `application/json`.
    Json(serde_json::Value),
    /// `application/x-www-form-urlencoded`.
    Form(Vec<(&'static str, String)>),
}

/// One call to an admin or data API.
#[derive(Debug, Clone)]
pub struct Call {
    /// Method.
    pub method: Method,
    /// Path (and query) below the target's URL, starting with `/`; or a whole URL.
    pub path: String,
    /// Extra headers (values may be secret: they are redacted from messages).
    pub headers: Vec<(&'static str, Zeroizing<String>)>,
    /// Body.
    pub body: Body,
    /// Whether repeating the call cannot do harm (then 502/503/504 and timeouts are retried).
    pub idempotent: bool,
    /// Leave out the admin credential (probes authenticate as the pushed credential).
    pub anonymous: bool,
}

impl Call {
    fn new(method: Method, path: impl Into<String>, idempotent: bool) -> Call {
        Call {
            method,
            path: path.into(),
            headers: Vec::new(),
            body: Body::None,
            idempotent,
            anonymous: false,
        }
    }
    /// GET (idempotent).
    pub fn get(path: impl Into<String>) -> Call {
        Call::new(Method::GET, path, true)
    }
    /// POST (not idempotent unless [`Call::idempotent`] says so).
    pub fn post(path: impl Into<String>) -> Call {
        Call::new(Method::POST, path, false)
    }
    /// PUT (idempotent).
    pub fn put(path: impl Into<String>) -> Call {
        Call::new(Method::PUT, path, true)
    }
    /// PATCH (not idempotent).
    pub fn patch(path: impl Into<String>) -> Call {
        Call::new(Method::PATCH, path, false)
    }
    /// DELETE (idempotent).
    pub fn delete(path: impl Into<String>) -> Call {
        Call::new(Method::DELETE, path, true)
    }
    /// With a JSON body.
    pub fn json(mut self, v: serde_json::Value) -> Call {
        self.body = Body::Json(v);
        self
    }
    /// With a form body.
    pub fn form(mut self, fields: Vec<(&'static str, String)>) -> Call {
        self.body = Body::Form(fields);
        self
    }
    /// With one more header.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Call {
        self.headers.push((name, Zeroizing::new(value.into())));
        self
    }
    /// Mark a POST as safe to repeat.
    pub fn idempotent(mut self) -> Call {
        self.idempotent = true;
        self
    }
    /// Send without the admin credential (the call carries its own in a header).
    pub fn anonymous(mut self) -> Call {
        self.anonymous = true;
        self
    }
    /// The call as one plan line: `METHOD PATH body`, secrets replaced by `****` in `secrets`.
    pub fn plan_line(&self, secrets: &[&str]) -> String {
        let body = match &self.body {
            Body::None => String::new(),
            Body::Json(v) => format!(" {v}"),
            Body::Form(f) => format!(
                " {}",
                f.iter()
                    .map(|(k, _)| format!("{k}=****"))
                    .collect::<Vec<_>>()
                    .join("&")
            ),
        };
        redact(&format!("{} {}{body}", self.method, self.path), secrets)
    }
}

/// An answer: the status and the body as text.
#[derive(Debug, Clone)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// The body (lossy UTF-8, at most 1 MiB).
    pub body: String,
    /// `Retry-After`, when the server sent one.
    pub retry_after: Option<Duration>,
}

impl Reply {
    /// 2xx.
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as JSON, if it is.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_str(&self.body).ok()
    }

    /// The server's own words: the message field of the JSON error shapes the targets use
    /// (`message`, `error.message`, `error.reason`, `error[0].message`, `status.error`,
    /// `error_description`, `error`), else the body itself, cut to 300 characters.
    pub fn message(&self) -> String {
        let from_json = self.json().and_then(|v| {
            let s = |p: &str| v.pointer(p).and_then(|x| x.as_str()).map(str::to_string);
            s("/message")
                .or_else(|| s("/error/message"))
                .or_else(|| s("/error/reason"))
                .or_else(|| s("/error/0/message"))
                .or_else(|| s("/status/error"))
                .or_else(|| s("/error_description"))
                .or_else(|| s("/error"))
                .or_else(|| s("/reason"))
        });
        let m = from_json.unwrap_or_else(|| self.body.trim().to_string());
        let m: String = m.chars().take(300).collect();
        if m.is_empty() {
            "(no message)".to_string()
        } else {
            m
        }
    }
}

/// How the admin authenticates on every non-anonymous call.
#[derive(Clone)]
pub enum Auth {
    /// Nothing.
    None,
    /// `Authorization: Bearer <token>`.
    Bearer(Zeroizing<String>),
    /// `Authorization: Basic base64(user:password)`.
    Basic(String, Zeroizing<String>),
    /// A header of its own, e.g. `api-key: <key>`.
    Header(&'static str, Zeroizing<String>),
}

impl Auth {
    fn header(&self) -> Option<(&'static str, Zeroizing<String>)> {
        use base64::Engine as _;
        match self {
            Auth::None => None,
            Auth::Bearer(t) => Some(("authorization", Zeroizing::new(format!("Bearer {}", **t)))),
            Auth::Basic(u, p) => Some((
                "authorization",
                Zeroizing::new(format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(format!("{u}:{}", **p))
                )),
            )),
            Auth::Header(n, v) => Some((n, v.clone())),
        }
    }
}

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
        let mut b = reqwest::Client::builder()
            .connect_timeout(total.min(Duration::from_secs(5)))
            .timeout(total)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("vauth/", env!("CARGO_PKG_VERSION")));
        if let Some(pem) = cfg.ca_pem()? {
            let certs = reqwest::Certificate::from_pem_bundle(&pem)
                .ok()
                .filter(|c| !c.is_empty())
                .ok_or_else(|| {
                    Error::input("the target's CA file holds no PEM certificate")
                        .hint("pass the CA certificate(s) that sign the server's certificate")
                })?;
            b = b.tls_certs_only(certs);
        }
        if let Some(id) = &cfg.identity {
            let mut pem = Zeroizing::new(id.cert_pem.clone());
            pem.push('\n');
            pem.push_str(&id.key_pem);
            let ident = reqwest::Identity::from_pem(pem.as_bytes()).map_err(|e| {
                Error::state(format!("the client certificate cannot be used: {e}"))
                    .hint("issue it again with `vauth cert issue NAME --keep-key`")
            })?;
            b = b.identity(ident);
        }
        let client = b
            .build()
            .map_err(|e| Error::bug(format!("cannot build the HTTP client: {e}")))?;
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

    /// Every secret this client knows, for [`super::redact`].
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
            Body::Form(f) => rb
                .header("content-type", "application/x-www-form-urlencoded")
                .body(form_encode(f)),
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
            let wait = match &r {
                Err(e) if e.is_connect() => Some(None),
                Err(e) if e.is_timeout() && call.idempotent => Some(None),
                Ok(rep) if rep.status == 429 => Some(rep.retry_after)
                    .filter(|_| rep.retry_after.is_none_or(|d| d <= MAX_RETRY_AFTER)),
                Ok(rep) if matches!(rep.status, 502..=504) && call.idempotent => {
                    Some(rep.retry_after.filter(|d| *d <= MAX_RETRY_AFTER))
                }
                _ => None,
            };
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

    /// A remote error for this target with `detail` redacted.
    pub fn error(&self, what: &str, detail: &str) -> Error {
        super::remote(&self.target, what, detail, &self.secrets())
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

/// The backoff before attempt `attempt + 1`: 250 ms · 2^(attempt-1), jittered to [½, 1]×.
fn backoff(attempt: u32) -> Duration {
    let full = BACKOFF * 2u32.saturating_pow(attempt.saturating_sub(1));
    let mut b = [0u8; 2];
    let _ = getrandom::fill(&mut b);
    let frac = f64::from(u16::from_le_bytes(b)) / f64::from(u16::MAX);
    full.mul_f64(0.5 + frac / 2.0)
}

/// `Retry-After` as seconds or an HTTP date.
fn parse_retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    if let Ok(s) = v.parse::<u64>() {
        return Some(Duration::from_secs(s));
    }
    let t = time::OffsetDateTime::parse(v, &time::format_description::well_known::Rfc2822).ok()?;
    let d = t - time::OffsetDateTime::now_utc();
    Some(Duration::try_from(d).unwrap_or(Duration::ZERO))
}

fn form_encode(fields: &[(&'static str, String)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", pct(k), pct(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encode everything but unreserved characters (RFC 3986).
pub fn pct(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            o.push(b as char);
        } else {
            o.push_str(&format!("%{b:02X}"));
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn backoff_grows_and_jitters() {
        for a in 1..4 {
            let d = backoff(a);
            let full = BACKOFF * 2u32.pow(a - 1);
            assert!(d >= full / 2 && d <= full, "{a}: {d:?}");
        }
    }

    #[test]
    fn messages_of_each_error_shape() {
        let m = |b: &str| {
            Reply {
                status: 400,
                body: b.to_string(),
                retry_after: None,
            }
            .message()
        };
        assert_eq!(m(r#"{"code":1100,"message":"bad"}"#), "bad");
        assert_eq!(
            m(r#"{"status":401,"error":{"code":"X","message":"pc"}}"#),
            "pc"
        );
        assert_eq!(
            m(r#"{"error":{"type":"t","reason":"es"},"status":401}"#),
            "es"
        );
        assert_eq!(m(r#"{"error":[{"message":"wv"}]}"#), "wv");
        assert_eq!(m(r#"{"status":{"error":"qd"},"time":0.1}"#), "qd");
        assert_eq!(
            m(r#"{"error":"invalid_client","error_description":"oa"}"#),
            "oa"
        );
        assert_eq!(m("Invalid API key or JWT"), "Invalid API key or JWT");
        assert_eq!(m(""), "(no message)");
    }

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

    #[test]
    fn form_and_plan() {
        assert_eq!(form_encode(&[("a b", "x&y".into())]), "a%20b=x%26y");
        let c = Call::post("/x").json(serde_json::json!({"password": "s3cret!"}));
        assert_eq!(c.plan_line(&["s3cret!"]), r#"POST /x {"password":"****"}"#);
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
