//! Subject alternative names and name constraints (RFC 5280 §4.2.1.10).

use std::fmt;
use std::net::IpAddr;

use rcgen::SanType;

use super::{PkiResult, err};

/// A subject alternative name as users write it: `dns:`, `ip:`, `email:`, `uri:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum San {
    /// A DNS name (may start with `*.`).
    Dns(String),
    /// An IPv4 or IPv6 address.
    Ip(IpAddr),
    /// An e-mail address.
    Email(String),
    /// A URI (e.g. `spiffe://trust.domain/workload`).
    Uri(String),
}

impl fmt::Display for San {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            San::Dns(s) => write!(f, "dns:{s}"),
            San::Ip(a) => write!(f, "ip:{a}"),
            San::Email(s) => write!(f, "email:{s}"),
            San::Uri(s) => write!(f, "uri:{s}"),
        }
    }
}

fn valid_dns(s: &str) -> bool {
    let body = s.strip_prefix("*.").unwrap_or(s);
    !body.is_empty()
        && s.len() <= 253
        && body.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

impl San {
    /// Parse `dns:NAME`, `ip:ADDR`, `email:ADDR`, `uri:URI`; a bare value is a DNS name, or an IP
    /// address when it parses as one.
    pub fn parse(s: &str) -> PkiResult<San> {
        let (kind, v) = match s.split_once(':') {
            Some((k, v)) if matches!(k, "dns" | "ip" | "email" | "uri") => (k, v),
            _ if s.parse::<IpAddr>().is_ok() => ("ip", s),
            _ if !s.contains(':') => ("dns", s),
            _ => {
                return Err(err(format!(
                    "SAN {s:?} does not start with dns:, ip:, email: or uri:"
                )));
            }
        };
        match kind {
            "dns" => {
                let v = v.trim_end_matches('.').to_ascii_lowercase();
                if valid_dns(&v) {
                    Ok(San::Dns(v))
                } else {
                    Err(err(format!("SAN dns:{v} is not a valid DNS name")))
                }
            }
            "ip" => v
                .parse::<IpAddr>()
                .map(San::Ip)
                .map_err(|_| err(format!("SAN ip:{v} is not an IP address"))),
            "email" => match v.split_once('@') {
                Some((l, d))
                    if !l.is_empty() && valid_dns(d) && v.is_ascii() && !v.contains(' ') =>
                {
                    Ok(San::Email(v.to_string()))
                }
                _ => Err(err(format!("SAN email:{v} is not an e-mail address"))),
            },
            _ => {
                let ok = v.split_once("://").is_some_and(|(scheme, rest)| {
                    !scheme.is_empty()
                        && scheme
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
                        && !rest.is_empty()
                }) && v.is_ascii()
                    && !v
                        .bytes()
                        .any(|b| b.is_ascii_whitespace() || b.is_ascii_control());
                if ok {
                    Ok(San::Uri(v.to_string()))
                } else {
                    Err(err(format!(
                        "SAN uri:{v} is not an absolute URI (scheme://…)"
                    )))
                }
            }
        }
    }

    pub(super) fn to_rcgen(&self) -> PkiResult<SanType> {
        let ia5 = |s: &str| {
            s.to_string()
                .try_into()
                .map_err(|_| err(format!("SAN {self} is not ASCII")))
        };
        Ok(match self {
            San::Dns(s) => SanType::DnsName(ia5(s)?),
            San::Ip(a) => SanType::IpAddress(*a),
            San::Email(s) => SanType::Rfc822Name(ia5(s)?),
            San::Uri(s) => SanType::URI(ia5(s)?),
        })
    }
}

/// A permitted IP subtree: an address and a prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    /// The network address.
    pub addr: IpAddr,
    /// The prefix length.
    pub prefix: u8,
}

impl Cidr {
    /// Parse `10.0.0.0/8`, `fd00::/8`, or a single address.
    pub fn parse(s: &str) -> PkiResult<Cidr> {
        let (a, p) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let addr: IpAddr = a
            .parse()
            .map_err(|_| err(format!("{s:?} is not a CIDR (e.g. 10.0.0.0/8)")))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match p {
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|n| *n <= max)
                .ok_or_else(|| err(format!("{s:?}: the prefix length must be 0-{max}")))?,
            None => max,
        };
        Ok(Cidr { addr, prefix })
    }

    /// Whether `ip` lies in this subnet.
    pub fn contains(&self, ip: IpAddr) -> bool {
        fn bits(a: IpAddr) -> (u128, u8) {
            match a {
                IpAddr::V4(v) => (u128::from(u32::from(v)), 32),
                IpAddr::V6(v) => (u128::from(v), 128),
            }
        }
        let (net, w1) = bits(self.addr);
        let (x, w2) = bits(ip);
        if w1 != w2 {
            return false;
        }
        let shift = u32::from(w1 - self.prefix);
        if shift >= 128 {
            return true;
        }
        (net >> shift) == (x >> shift)
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// Validate a `--permit-dns` value (`example.com`, or `.example.com` for subdomains only).
pub fn parse_permit_dns(s: &str) -> PkiResult<String> {
    let v = s.trim_end_matches('.').to_ascii_lowercase();
    let body = v.strip_prefix('.').unwrap_or(&v);
    if body.starts_with("*.") || !valid_dns(body) {
        return Err(err(format!(
            "{s:?} is not a DNS name constraint (e.g. example.com)"
        )));
    }
    Ok(v)
}

/// RFC 5280 §4.2.1.10 for DNS: `example.com` permits itself and every subdomain; `.example.com`
/// only subdomains.
pub fn dns_permitted(name: &str, constraint: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let name = name.strip_prefix("*.").map_or(name.as_str(), |r| r);
    if let Some(sub) = constraint.strip_prefix('.') {
        name.ends_with(&format!(".{sub}"))
    } else {
        name == constraint || name.ends_with(&format!(".{constraint}"))
    }
}

/// The first SAN that the CA's permitted subtrees exclude. A name type without any permitted
/// subtree of its type is unconstrained (RFC 5280), except that IP SANs are refused when only DNS
/// subtrees exist and DNS SANs when only IP subtrees exist: a constrained CA should not mint
/// names of the other kind by accident.
pub fn constraint_violation(sans: &[San], dns: &[String], ips: &[Cidr]) -> Option<San> {
    if dns.is_empty() && ips.is_empty() {
        return None;
    }
    sans.iter()
        .find(|s| match s {
            San::Dns(n) => !dns.iter().any(|c| dns_permitted(n, c)),
            San::Ip(a) => !ips.iter().any(|c| c.contains(*a)),
            San::Email(e) => {
                !dns.is_empty()
                    && !e
                        .rsplit_once('@')
                        .is_some_and(|(_, d)| dns.iter().any(|c| dns_permitted(d, c)))
            }
            San::Uri(u) => {
                !dns.is_empty()
                    && !u
                        .split_once("://")
                        .map(|(_, r)| r.split(['/', '?', '#']).next().unwrap_or(""))
                        .map(|h| h.rsplit_once('@').map_or(h, |(_, h)| h))
                        .map(|h| h.split(':').next().unwrap_or(h))
                        .is_some_and(|h| dns.iter().any(|c| dns_permitted(h, c)))
            }
        })
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sans_parse() {
        assert_eq!(
            San::parse("dns:A.example.com").unwrap(),
            San::Dns("a.example.com".into())
        );
        assert_eq!(
            San::parse("10.0.0.1").unwrap(),
            San::Ip("10.0.0.1".parse().unwrap())
        );
        assert_eq!(
            San::parse("ip:::1").unwrap(),
            San::Ip("::1".parse().unwrap())
        );
        assert!(San::parse("uri:spiffe://prod.example/ns/a").is_ok());
        assert!(San::parse("email:a@example.com").is_ok());
        for bad in [
            "dns:-x.com",
            "ip:300.1.1.1",
            "email:nope",
            "uri:relative/path",
            "ftp:x",
            "dns:a..b",
            "dns:",
        ] {
            assert!(San::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn constraints() {
        let dns = vec!["example.com".to_string(), ".corp.net".to_string()];
        let ips = vec![Cidr::parse("10.0.0.0/8").unwrap()];
        let ok = |s: &str| constraint_violation(&[San::parse(s).unwrap()], &dns, &ips).is_none();
        assert!(ok("dns:example.com"));
        assert!(ok("dns:a.example.com"));
        assert!(ok("dns:*.example.com"));
        assert!(!ok("dns:badexample.com"));
        assert!(ok("dns:db.corp.net"));
        assert!(!ok("dns:corp.net"));
        assert!(ok("ip:10.1.2.3"));
        assert!(!ok("ip:11.0.0.1"));
        assert!(ok("email:me@example.com"));
        assert!(!ok("email:me@evil.com"));
        assert!(ok("uri:spiffe://example.com/x"));
        assert!(!ok("uri:spiffe://evil.com/x"));
        // Unconstrained CA.
        assert!(constraint_violation(&[San::parse("dns:x.y").unwrap()], &[], &[]).is_none());
        // Only DNS constraints: IPs are refused.
        assert!(constraint_violation(&[San::parse("ip:1.2.3.4").unwrap()], &dns, &[]).is_some());
        assert!(
            Cidr::parse("::/0")
                .unwrap()
                .contains("fe80::1".parse().unwrap())
        );
        assert!(
            Cidr::parse("0.0.0.0/0")
                .unwrap()
                .contains("1.2.3.4".parse().unwrap())
        );
        assert!(
            !Cidr::parse("10.0.0.0/8")
                .unwrap()
                .contains("::1".parse().unwrap())
        );
        assert!(Cidr::parse("10.0.0.0/33").is_err());
    }
}
