//! A target's URL, parsed by [`crate::net::url`] (the one URL parser) into what a connection
//! needs.

/// A parsed target URL (by [`crate::net::url`], the one URL parser).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// Scheme, lowercase (`postgres`, `postgresql`, `redis`, `rediss`, `http`, `https`).
    pub scheme: String,
    /// The admin user named in the URL (percent-decoded).
    pub user: Option<String>,
    /// Host name or IP (IPv6 without brackets).
    pub host: String,
    /// Port.
    pub port: u16,
    /// Database name (postgres) or number (redis), percent-decoded.
    pub database: Option<String>,
    loopback: bool,
}

impl Endpoint {
    /// Whether the host is loopback: 127.0.0.0/8, `::1` or `localhost` (the URL module's rule).
    pub fn is_loopback(&self) -> bool {
        self.loopback
    }
}

/// The schemes a target URL may have.
const TARGET_SCHEMES: &[&str] = &["postgres", "postgresql", "redis", "rediss", "http", "https"];

/// Parse `scheme://[user@]host[:port][/db][?query]` under the URL module's rules. A password —
/// in the userinfo, or a credential-like query parameter (`?password=`, `?api-key=`, …) — is
/// refused (usage, exit 2); so are hosts written with percent-encoding, fragments, backslashes.
pub fn parse_url(url: &str) -> std::result::Result<Endpoint, String> {
    use crate::net::url;
    let u = url::parse(url, TARGET_SCHEMES)?;
    if let Some(k) = url::credential_in_query(&u) {
        return Err(format!(
            "the URL contains a password: its query has a credential-like parameter {k:?}"
        ));
    }
    let port = u.port().ok_or_else(|| "the URL has no port".to_string())?;
    let database = u
        .path_decoded()
        .map_err(|e| format!("the URL's path {e}"))?;
    Ok(Endpoint {
        scheme: u.scheme().to_string(),
        user: u.user().map(str::to_string),
        host: u.host().to_string(),
        port,
        database: Some(database).filter(|d| !d.is_empty()),
        loopback: u.is_loopback(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let e = parse_url("postgres://admin@127.0.0.1:5433/app").unwrap();
        assert_eq!(e.user.as_deref(), Some("admin"));
        assert_eq!(e.port, 5433);
        assert_eq!(e.database.as_deref(), Some("app"));
        assert!(e.is_loopback());
        assert!(parse_url("postgres://admin:pw@h/db").is_err());
        assert!(parse_url("postgres://admin@h/db?password=x").is_err());
        let r = parse_url("rediss://[::1]").unwrap();
        assert_eq!((r.host.as_str(), r.port), ("::1", 6379));
        assert!(!parse_url("redis://db.example").unwrap().is_loopback());
        assert!(parse_url("https://h/?api-key=hunter2").is_err());
        assert!(parse_url("postgres://a@h/db?pass%77ord=x").is_err());
        assert!(parse_url("http://127.0.0.1:1@example.com").is_err());
        assert!(
            !parse_url("http://127.0.0.1.evil.com")
                .unwrap()
                .is_loopback()
        );
        assert!(
            parse_url("ftp://h")
                .unwrap_err()
                .contains("unsupported URL scheme")
        );
        let e = parse_url("postgresql://app%2Badmin@[::1]/my%2Fdb?sslmode=require").unwrap();
        assert_eq!(e.user.as_deref(), Some("app+admin"));
        assert_eq!((e.host.as_str(), e.port), ("::1", 5432));
        assert_eq!(e.database.as_deref(), Some("my/db"));
        assert!(e.is_loopback());
    }
}
