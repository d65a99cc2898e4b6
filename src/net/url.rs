//! The one URL parser. Every URL vauth takes — a target's `url` and `token_url`, `jwt verify
//! --jwks`, `jwt oidc --issuer`, and what `vauth.toml` holds — goes through [`parse`], built on the
//! `url` crate: the WHATWG parser reqwest itself uses, so the host vauth checks is the host it
//! connects to. On top of it, the rules (SECURITY-relevant; README "URLs"):
//!
//! - **Written literally.** No whitespace, control characters or backslashes anywhere (the WHATWG
//!   parser silently drops tabs/newlines and reads `\` as `/`); `scheme://` followed by the host
//!   (no `http:host`, no `http:///host`); the host is not percent-encoded (`%31%32%37.0.0.1` is
//!   refused, not decoded); no `#fragment`.
//! - **No password, ever.** `user:password@` is refused in every URL. A user name is allowed only
//!   where the caller takes one (a target's admin user); [`parse_remote`] refuses any userinfo.
//!   A user name that is itself a host (`http://127.0.0.1@evil.example`) is always refused.
//! - **One loopback rule**, decided from the parsed host: an IPv4 address in 127.0.0.0/8, the
//!   IPv6 address `::1`, or the name `localhost` (any case). Nothing else — not
//!   `127.0.0.1.evil.example`, not `localhost.`, not `[::ffff:127.0.0.1]` — is loopback.
//! - `postgres://`, `postgresql://`, `redis://` and `rediss://` are non-special schemes in `url`:
//!   their host is kept as written (not lowercased, no IPv4 shorthand), so an IPv4 literal there is
//!   read with std's strict dotted-quad parser; the user name and path (database) are
//!   percent-decoded and must be UTF-8.
//! - **No credential in the query** ([`credential_in_query`]): keys are percent-decoded and
//!   compared case-insensitively, ignoring `-`, `_` and `.`.
//! - Messages and the audit log show [`display`]: the URL without userinfo, query or fragment.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// A parsed host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// A name (for non-special schemes: as written).
    Name(String),
    /// An IP address.
    Ip(IpAddr),
}

impl Host {
    /// 127.0.0.0/8, `::1` or `localhost` (any case).
    pub fn is_loopback(&self) -> bool {
        match self {
            Host::Name(n) => n.eq_ignore_ascii_case("localhost"),
            Host::Ip(IpAddr::V4(a)) => a.octets()[0] == 127,
            Host::Ip(IpAddr::V6(a)) => *a == Ipv6Addr::LOCALHOST,
        }
    }
}

impl std::fmt::Display for Host {
    /// The host as a connection takes it: IPv6 without brackets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Host::Name(n) => f.write_str(n),
            Host::Ip(a) => write!(f, "{a}"),
        }
    }
}

/// A URL that passed [`parse`].
#[derive(Debug, Clone)]
pub struct Url {
    inner: ::url::Url,
    host: Host,
    user: Option<String>,
}

impl Url {
    /// The scheme, lowercase.
    pub fn scheme(&self) -> &str {
        self.inner.scheme()
    }

    /// The host.
    pub fn host(&self) -> &Host {
        &self.host
    }

    /// The port as written, else the scheme's default (http 80, https 443, postgres 5432,
    /// redis 6379), else `None`.
    pub fn port(&self) -> Option<u16> {
        self.inner.port_or_known_default().or(match self.scheme() {
            "postgres" | "postgresql" => Some(5432),
            "redis" | "rediss" => Some(6379),
            _ => None,
        })
    }

    /// The user name, percent-decoded.
    pub fn user(&self) -> Option<&str> {
        self.user.as_deref()
    }

    /// Whether the host is loopback ([`Host::is_loopback`]).
    pub fn is_loopback(&self) -> bool {
        self.host.is_loopback()
    }

    /// The path, percent-decoded, without its leading `/` (a database name or number).
    pub fn path_decoded(&self) -> std::result::Result<String, String> {
        pct_decode(self.inner.path().trim_start_matches('/'))
    }

    /// Whether there is a query.
    pub fn has_query(&self) -> bool {
        self.inner.query().is_some()
    }

    /// The URL as normalised by the parser, with the user name removed (reqwest would otherwise
    /// turn it into an `Authorization: Basic` header of its own).
    pub fn without_user(&self) -> String {
        let mut u = self.inner.clone();
        let _ = u.set_username("");
        let _ = u.set_password(None);
        u.into()
    }

    /// The query parameters, percent-decoded, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        self.inner
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    /// The URL as normalised by the parser (what a request is made to).
    pub fn as_str(&self) -> &str {
        self.inner.as_str()
    }
}

/// Parse `raw` under the rules of the module; `schemes` are the schemes this caller takes
/// (lowercase). A user name is allowed here (no password); [`parse_remote`] refuses it.
pub fn parse(raw: &str, schemes: &[&str]) -> std::result::Result<Url, String> {
    let (scheme, rest) = raw
        .split_once("://")
        .ok_or_else(|| "the URL needs a scheme and //, e.g. https://host".to_string())?;
    if scheme.is_empty()
        || !scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return Err("the URL needs a scheme and //, e.g. https://host".to_string());
    }
    let scheme = scheme.to_ascii_lowercase();
    if !schemes.contains(&scheme.as_str()) {
        return Err(format!(
            "unsupported URL scheme {scheme:?} (use {})",
            schemes
                .iter()
                .map(|s| format!("{s}://"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if raw
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return Err("the URL holds whitespace, a control character or a backslash".to_string());
    }
    if rest.is_empty() || rest.starts_with('/') {
        return Err("the URL has no host".to_string());
    }
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let hostport = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if hostport.contains('%') {
        return Err("the URL's host is percent-encoded: write it literally".to_string());
    }
    let inner = ::url::Url::parse(raw).map_err(|e| format!("the URL cannot be parsed: {e}"))?;
    if inner.fragment().is_some() {
        return Err("the URL must not have a #fragment".to_string());
    }
    if inner.password().is_some()
        || authority
            .rsplit_once('@')
            .is_some_and(|(u, _)| u.contains(':'))
    {
        return Err("the URL contains a password".to_string());
    }
    let host = match inner.host() {
        Some(::url::Host::Ipv4(a)) => Host::Ip(IpAddr::V4(a)),
        Some(::url::Host::Ipv6(a)) => Host::Ip(IpAddr::V6(a)),
        Some(::url::Host::Domain(d)) if !d.is_empty() => match d.parse::<Ipv4Addr>() {
            Ok(a) => Host::Ip(IpAddr::V4(a)),
            Err(_) => Host::Name(d.to_string()),
        },
        _ => return Err("the URL has no host".to_string()),
    };
    if inner.port() == Some(0) {
        return Err("the URL's port is 0".to_string());
    }
    let user = match inner.username() {
        "" => None,
        u => {
            let u = pct_decode(u).map_err(|e| format!("the URL's user name {e}"))?;
            if u.parse::<IpAddr>().is_ok()
                || u.trim_matches(['[', ']']).parse::<IpAddr>().is_ok()
                || u.eq_ignore_ascii_case("localhost")
            {
                return Err(format!(
                    "the URL's user name {u:?} is a host: the host is what follows the @"
                ));
            }
            Some(u)
        }
    };
    Ok(Url { inner, host, user })
}

/// A URL vauth fetches from or publishes as a remote address (`--jwks`, `--issuer`,
/// `--token-url`): https, or plain http to a loopback host (or anywhere when `insecure`); no
/// userinfo at all.
pub fn parse_remote(raw: &str, insecure: bool) -> std::result::Result<Url, String> {
    let u = parse(raw, &["https", "http"])?;
    if u.user().is_some() || raw_has_userinfo(raw) {
        return Err("the URL must not carry a user name (user@host)".to_string());
    }
    if u.scheme() == "http" && !u.is_loopback() && !insecure {
        return Err(format!(
            "is plain http to {}, which is not a loopback host (https is required)",
            u.host()
        ));
    }
    Ok(u)
}

/// Whether the authority of `raw` has an `@` (an empty user name `http://@h` included).
fn raw_has_userinfo(raw: &str) -> bool {
    let rest = raw.split_once("://").map_or(raw, |(_, r)| r);
    rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())].contains('@')
}

/// The key of the first query parameter that looks like a credential (percent-decoded), if any:
/// password, passwd, pass, pwd, passphrase, secret, token, api-key/api_key/apikey, key, auth,
/// access_token, sslpassword, client_secret, signature, … (case-insensitive; `-`, `_`, `.` are
/// ignored; a key containing password, passwd, passphrase, secret, token, apikey or credential
/// counts too).
pub fn credential_in_query(u: &Url) -> Option<String> {
    const EXACT: &[&str] = &[
        "pass",
        "pwd",
        "pw",
        "key",
        "auth",
        "sig",
        "signature",
        "bearer",
        "jwt",
        "session",
        "sessionid",
        "accesskey",
        "secretkey",
        "privatekey",
        "authorization",
        "cred",
        "creds",
    ];
    const CONTAINS: &[&str] = &[
        "password",
        "passwd",
        "passphrase",
        "secret",
        "token",
        "apikey",
        "credential",
    ];
    u.inner.query_pairs().find_map(|(k, _)| {
        let norm: String = k
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | '.'))
            .flat_map(char::to_lowercase)
            .collect();
        (EXACT.contains(&norm.as_str()) || CONTAINS.iter().any(|w| norm.contains(w)))
            .then(|| k.into_owned())
    })
}

/// `raw` for messages and the audit log: without userinfo, query and fragment. A URL that cannot
/// be parsed at all is shown as its scheme only.
pub fn display(raw: &str) -> String {
    match ::url::Url::parse(raw.trim()) {
        Ok(mut u) => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.set_query(None);
            u.set_fragment(None);
            u.into()
        }
        Err(_) => match raw.split_once("://") {
            Some((s, _)) if s.chars().all(|c| c.is_ascii_alphanumeric()) => {
                format!("{s}://(unparsable)")
            }
            _ => "(an unparsable URL)".to_string(),
        },
    }
}

/// Percent-decode `s` (a `%` not followed by two hex digits stays as written); the result must
/// be UTF-8.
fn pct_decode(s: &str) -> std::result::Result<String, String> {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| "is not UTF-8 once percent-decoded".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &[&str] = &["http", "https", "postgres", "postgresql", "redis", "rediss"];

    fn p(s: &str) -> Url {
        parse(s, ALL).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn loopback_is_decided_from_the_parsed_host() {
        for s in [
            "http://127.0.0.1:8080/jwks.json",
            "http://127.9.8.7/",
            "http://localhost/x",
            "http://LOCALHOST/x",
            "http://[::1]:80/x",
            "http://2130706433/",
            "postgres://a@127.0.0.1:5433/app",
            "redis://Localhost",
            "rediss://[::1]",
        ] {
            assert!(p(s).is_loopback(), "{s}");
        }
        for s in [
            "http://127.0.0.1.evil.example/x",
            "http://example.com/x",
            "http://localhost.evil/",
            "http://[::ffff:127.0.0.1]/",
            "http://0.0.0.0/",
            "postgres://a@db.example/app",
            "postgres://a@0x7f.1/app",
            "redis://128.0.0.1",
        ] {
            assert!(!p(s).is_loopback(), "{s}");
        }
    }

    #[test]
    fn userinfo_tricks() {
        // The finding: user info that looks like a loopback host.
        assert!(parse_remote("http://127.0.0.1:1@0.0.0.0:18081/jwks.json", false).is_err());
        assert!(parse_remote("http://127.0.0.1@example.com/", false).is_err());
        assert!(parse_remote("https://evil@example.com/", false).is_err());
        assert!(parse_remote("https://@example.com/", false).is_err());
        assert!(parse_remote("http://[::1]@evil/", false).is_err());
        assert!(parse("https://localhost@evil.example/", ALL).is_err());
        assert!(parse("postgres://admin:pw@h/db", ALL).is_err());
        assert!(parse("postgres://:pw@h/db", ALL).is_err());
        assert!(parse("https://u:@h/", ALL).is_err());
        // An at-sign in the path is not userinfo.
        let u = parse_remote("https://h:9200/x@y", false).unwrap();
        assert_eq!(u.host(), &Host::Name("h".into()));
        assert!(parse_remote("https://127.0.0.1/x", false).is_ok());
        assert!(parse_remote("http://[::1]:9/x", false).is_ok());
        assert!(parse_remote("http://example.com/x", false).is_err());
        assert!(parse_remote("http://example.com/x", true).is_ok());
        assert!(parse_remote("ftp://example.com/x", false).is_err());
    }

    #[test]
    fn written_literally() {
        for s in [
            "http://%31%32%37.0.0.1/",
            "http://127.0.0.1%2eevil.com/",
            "postgres://a@%6c%6fcalhost/db",
            "http://127.0.0.1\n.evil.com/",
            " http://127.0.0.1/",
            "http://127.0.0.1\\@evil.com/",
            "http:127.0.0.1/",
            "http:///evil.com/",
            "https://h/#frag",
            "http://h:0/",
            "postgres:///db",
            "https://",
        ] {
            assert!(parse(s, ALL).is_err(), "{s:?}");
        }
    }

    #[test]
    fn non_special_schemes_come_out_right() {
        let e = p("postgres://admin@127.0.0.1:5433/app");
        assert_eq!(e.scheme(), "postgres");
        assert_eq!(e.user(), Some("admin"));
        assert_eq!(e.host(), &Host::Ip("127.0.0.1".parse().unwrap()));
        assert_eq!(e.port(), Some(5433));
        assert_eq!(e.path_decoded().unwrap(), "app");
        let e = p("POSTGRESQL://my%40user@Db.Example/my%20db");
        assert_eq!(e.scheme(), "postgresql");
        assert_eq!(e.user(), Some("my@user"));
        assert_eq!(e.host().to_string(), "Db.Example");
        assert_eq!(e.port(), Some(5432));
        assert_eq!(e.path_decoded().unwrap(), "my db");
        let r = p("rediss://[::1]");
        assert_eq!((r.host().to_string(), r.port()), ("::1".into(), Some(6379)));
        assert_eq!(r.path_decoded().unwrap(), "");
        let r = p("redis://default@cache:6380/2");
        assert_eq!((r.user(), r.port()), (Some("default"), Some(6380)));
        assert_eq!(r.path_decoded().unwrap(), "2");
        assert_eq!(p("https://h").port(), Some(443));
        assert_eq!(p("http://h").port(), Some(80));
    }

    #[test]
    fn credentials_in_the_query() {
        for s in [
            "postgres://a@h/db?password=x",
            "postgres://a@h/db?sslmode=require&PassWord=x",
            "postgres://a@h/db?pass%77ord=x",
            "https://h/?api-key=hunter2",
            "https://h/?api_key=hunter2",
            "https://h/?apikey=hunter2",
            "https://h/?x-api-key=hunter2",
            "https://h/?key=hunter2",
            "https://h/?token=x",
            "https://h/?access_token=x",
            "https://h/?auth=x",
            "https://h/?secret=x",
            "https://h/?client_secret=x",
            "https://h/?pwd=x",
            "https://h/?pass=x",
            "https://h/?passwd=x",
            "postgres://a@h/db?sslpassword=x",
        ] {
            assert!(credential_in_query(&p(s)).is_some(), "{s}");
        }
        for s in [
            "postgres://a@h/db?sslmode=require",
            "https://h/?timeout=3",
            "https://h/",
        ] {
            assert!(credential_in_query(&p(s)).is_none(), "{s}");
        }
    }

    #[test]
    fn display_hides_userinfo_and_query() {
        assert_eq!(
            display("postgres://admin:pw@h:5/db?password=x#y"),
            "postgres://h:5/db"
        );
        assert_eq!(display("https://h/p?api-key=k"), "https://h/p");
        assert_eq!(display("http://u@[::1]:8/"), "http://[::1]:8/");
        assert_eq!(display("not a url"), "(an unparsable URL)");
    }

    #[test]
    fn without_user() {
        assert_eq!(
            p("http://root@127.0.0.1:19530/").without_user(),
            "http://127.0.0.1:19530/"
        );
        assert_eq!(
            p("https://a@[::1]:9200/p").without_user(),
            "https://[::1]:9200/p"
        );
    }
}
