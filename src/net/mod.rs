//! Outbound HTTP(S): one small blocking facade over async reqwest on a current-thread tokio
//! runtime (DESIGN.md §7), with rustls on aws-lc-rs, connect and total timeouts, and a size cap.
//! TLS is verified against the platform roots, or only against `--ca-file`'s certificates.

use std::path::Path;
use std::time::Duration;

use crate::error::{Error, ErrorKind, Result};

pub mod url;

/// Connect timeout.
const CONNECT: Duration = Duration::from_secs(5);
/// Whole-request timeout.
const TOTAL: Duration = Duration::from_secs(20);

fn remote(msg: String) -> Error {
    Error::new(ErrorKind::Remote, msg).hint(
        "check the URL and that the server answers; for a server with a private CA pass --ca-file",
    )
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
    let mut b = reqwest::Client::builder()
        .connect_timeout(CONNECT)
        .timeout(TOTAL)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("vauth/", env!("CARGO_PKG_VERSION")));
    if let Some(p) = ca_file {
        let pem = crate::fsutil::read_limited(p, 1 << 20).map_err(|e| Error::io("read", p, &e))?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem)
            .ok()
            .filter(|c| !c.is_empty())
            .ok_or_else(|| {
                Error::input(format!("{} holds no PEM certificate", p.display()))
                    .hint("pass the CA certificate(s) that sign the server's certificate")
            })?;
        b = b.tls_certs_only(certs);
    }
    let client = b
        .build()
        .map_err(|e| Error::bug(format!("cannot build the HTTP client: {e}")))?;
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
