//! What one HTTP call is: [`Call`] out, [`Reply`] back, the admin's [`Auth`], and [`pct`] for
//! path segments. None of them prints a secret in its Debug form.

use std::time::Duration;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Method;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::remote::{Wrong, redact};

/// A request body (its Debug form shows no content: bodies carry passwords).
#[derive(Clone)]
pub enum Body {
    /// No body.
    None,
    /// `application/json`.
    Json(serde_json::Value),
}

/// One call to an admin or data API (its Debug form shows no header value and no body).
#[derive(Clone)]
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
    /// DELETE (idempotent).
    pub fn delete(path: impl Into<String>) -> Call {
        Call::new(Method::DELETE, path, true)
    }
    /// With a JSON body.
    pub fn json(mut self, v: serde_json::Value) -> Call {
        self.body = Body::Json(v);
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
        };
        redact(&format!("{} {}{body}", self.method, self.path), secrets)
    }
}

/// An answer: the status and the body as text (its Debug form shows the body's length only: a
/// server-made key travels in it).
#[derive(Clone)]
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

    /// The answer to a call made with a wrong secret: 401/403 refused it, 2xx let it in;
    /// anything else is `Err(other(self))`.
    pub fn wrong(&self, other: impl FnOnce(&Reply) -> Error) -> Result<Wrong> {
        match self.status {
            401 | 403 => Ok(Wrong::Refused),
            _ if self.ok() => Ok(Wrong::Accepted),
            _ => Err(other(self)),
        }
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
    pub(super) fn header(&self) -> Option<(&'static str, Zeroizing<String>)> {
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

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Body::None => f.write_str("None"),
            Body::Json(_) => f.write_str("Json(****)"),
        }
    }
}

impl std::fmt::Debug for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<String> = self
            .headers
            .iter()
            .map(|(n, _)| format!("{n}: ****"))
            .collect();
        f.debug_struct("Call")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("headers", &headers)
            .field("body", &self.body)
            .field("idempotent", &self.idempotent)
            .field("anonymous", &self.anonymous)
            .finish()
    }
}

impl std::fmt::Debug for Reply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reply")
            .field("status", &self.status)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .field("retry_after", &self.retry_after)
            .finish()
    }
}

/// What [`pct`] leaves as it is: the unreserved characters of RFC 3986.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encode everything but unreserved characters (RFC 3986).
pub fn pct(s: &str) -> String {
    utf8_percent_encode(s, UNRESERVED).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn plan_lines_hide_secrets() {
        let c = Call::post("/x").json(serde_json::json!({"password": "s3cret!"}));
        assert_eq!(c.plan_line(&["s3cret!"]), r#"POST /x {"password":"****"}"#);
    }

    #[test]
    fn pct_keeps_unreserved_only() {
        assert_eq!(pct("a b:@/?#%+&="), "a%20b%3A%40%2F%3F%23%25%2B%26%3D");
        assert_eq!(pct("Az09-_.~"), "Az09-_.~");
        assert_eq!(pct("é"), "%C3%A9");
    }

    #[test]
    fn debug_shows_no_secret() {
        let c = Call::post("/users")
            .header("api-key", "hdr-s3cret")
            .json(serde_json::json!({"password": "body-s3cret"}));
        let d = format!("{c:?}");
        assert!(!d.contains("s3cret"), "{d}");
        assert!(d.contains("api-key: ****") && d.contains("/users"), "{d}");
        let r = Reply {
            status: 200,
            body: r#"{"key":"made-s3cret"}"#.to_string(),
            retry_after: None,
        };
        let d = format!("{r:?}");
        assert!(!d.contains("s3cret") && d.contains("200"), "{d}");
    }
}
