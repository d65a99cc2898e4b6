//! Outbound HTTP(S). [`client`] is the one place an HTTP client is built (rustls on aws-lc-rs,
//! connect and total timeouts, no redirects): [`get`] (JWKS / OIDC documents) and the HTTP
//! database targets (`remote::http`) both use it, each with its own timeouts. [`get`] is a small
//! blocking facade over async reqwest on a current-thread tokio runtime (DESIGN.md §7), with a
//! size cap. TLS is verified against the platform roots, or only against `--ca-file`'s
//! certificates.

use std::path::Path;
use std::time::Duration;

use crate::error::{Error, ErrorKind, Result};

pub mod url;

/// Connect timeout of [`get`].
const CONNECT: Duration = Duration::from_secs(5);
/// Whole-request timeout of [`get`].
const TOTAL: Duration = Duration::from_secs(20);

fn remote(msg: String) -> Error {
    Error::new(ErrorKind::Remote, msg).hint(
        "check the URL and that the server answers; for a server with a private CA pass --ca-file",
    )
}

/// How [`client`] builds an HTTP client.
pub struct ClientSpec<'a> {
    /// How long connecting may take.
    pub connect: Duration,
    /// How long the whole request may take.
    pub total: Duration,
    /// PEM CA certificate(s) to trust instead of the platform roots, and how messages name them.
    pub ca: Option<(&'a [u8], &'a str)>,
    /// A client certificate and its key (PEM, concatenated) to present in the handshake.
    pub identity_pem: Option<&'a [u8]>,
}

/// The one way vauth builds an HTTP client: rustls, the given timeouts, no redirects followed,
/// a `vauth/<version>` user agent, and TLS trust limited to `spec.ca` when given. A CA that holds
/// no certificate is exit 3; an unusable client certificate is a state error.
pub fn client(spec: &ClientSpec<'_>) -> Result<reqwest::Client> {
    let mut b = reqwest::Client::builder()
        .connect_timeout(spec.connect)
        .timeout(spec.total)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("vauth/", env!("CARGO_PKG_VERSION")));
    if let Some((pem, name)) = spec.ca {
        let certs = reqwest::Certificate::from_pem_bundle(pem)
            .ok()
            .filter(|c| !c.is_empty())
            .ok_or_else(|| {
                Error::input(format!("{name} holds no PEM certificate"))
                    .hint("pass the CA certificate(s) that sign the server's certificate")
            })?;
        b = b.tls_certs_only(certs);
    }
    if let Some(pem) = spec.identity_pem {
        let ident = reqwest::Identity::from_pem(pem).map_err(|e| {
            Error::state(format!("the client certificate cannot be used: {e}"))
                .hint("issue it again with `vauth cert issue NAME --keep-key`")
        })?;
        b = b.identity(ident);
    }
    b.build()
        .map_err(|e| Error::bug(format!("cannot build the HTTP client: {e}")))
}

/// GET `raw` (https, or http to a loopback host: [`url::parse_remote`]) and return at most `max`
/// bytes of a 200 response; redirects are not followed. A URL that breaks the rules is exit 2;
/// remote failures (unreachable, TLS, non-200 — a redirect included —, too big) are exit 4; a bad
/// `ca_file` is exit 3.
pub fn get(raw: &str, ca_file: Option<&Path>, max: usize) -> Result<Vec<u8>> {
    let parsed = url::parse_remote(raw, false).map_err(|e| {
        Error::usage(format!("{}: {e}", url::display(raw))).hint(
            "fetch over https, with no user@ in the URL (plain http is allowed for 127.0.0.0/8, ::1 and localhost only)",
        )
    })?;
    let url = parsed.as_str();
    let pem = match ca_file {
        Some(p) => {
            Some(crate::fsutil::read_limited(p, 1 << 20).map_err(|e| Error::io("read", p, &e))?)
        }
        None => None,
    };
    let ca_name = ca_file.map(|p| p.display().to_string());
    let client = client(&ClientSpec {
        connect: CONNECT,
        total: TOTAL,
        ca: pem.as_deref().zip(ca_name.as_deref()),
        identity_pem: None,
    })?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::bug(format!("cannot start the async runtime: {e}")))?;
    rt.block_on(async {
        let mut resp = client.get(url).send().await.map_err(|e| {
            let mut msg = format!("cannot fetch {url}: {e}");
            let mut src = std::error::Error::source(&e);
            while let Some(s) = src {
                msg.push_str(&format!(": {s}"));
                src = s.source();
            }
            remote(msg)
        })?;
        let status = resp.status();
        if status.is_redirection() {
            return Err(remote(format!(
                "{url} answered HTTP {status}: vauth does not follow redirects (pass the final https URL)"
            )));
        }
        if status != reqwest::StatusCode::OK {
            return Err(remote(format!("{url} answered HTTP {status}")));
        }
        let mut body = Vec::new();
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| remote(format!("reading {url} failed: {e}")))?
        {
            body.extend_from_slice(&chunk);
            if body.len() > max {
                return Err(remote(format!("{url} sent more than {max} bytes")));
            }
        }
        Ok(body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_loopback_http_is_fetched() {
        for bad in [
            "http://example.com/jwks.json",
            "http://127.0.0.1:1@0.0.0.0:18081/jwks.json",
            "http://127.0.0.1.evil.example/x",
            "https://user@example.com/x",
        ] {
            let e = get(bad, None, 10).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Usage, "{bad}");
            assert!(!e.message().contains("1@"), "{}", e.message());
        }
    }
}
