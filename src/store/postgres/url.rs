//! `VAUTH_HOME=postgresql://…`: which database, which home in it, and how to log in.
//!
//! The rules (README "A home on PostgreSQL"):
//! - `postgres://` or `postgresql://` selects the PostgreSQL home, in `--home` or `VAUTH_HOME`
//!   alike; anything else is a directory.
//! - No password in the URL (refused, like every URL vauth takes). It comes from `PGPASSWORD`,
//!   else the libpq password file (`PGPASSFILE`, default `~/.pgpass`, used only when 0600), or
//!   the login is by client certificate (`sslcert`/`sslkey`, or `PGSSLCERT`/`PGSSLKEY`).
//! - TLS is verified: `sslmode=verify-full` (the default) needs the server's CA in `sslrootcert`
//!   (or `PGSSLROOTCERT`); `sslmode=disable` is allowed only to a loopback host. libpq's weaker
//!   modes (`prefer`, `require`, `verify-ca`) are refused: they do not check who answers.
//! - `home=NAME` picks one of many homes in one database (default `default`).
//! - The user is the URL's, else `PGUSER`, else the login name (`USER`).

use std::path::PathBuf;

use zeroize::Zeroizing;

use crate::env;
use crate::error::{Error, Result};

/// Whether `raw` names a PostgreSQL home.
pub fn is_pg_url(raw: &std::ffi::OsStr) -> bool {
    let b = raw.as_encoded_bytes();
    [&b"postgres://"[..], b"postgresql://"]
        .iter()
        .any(|p| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p))
}

/// How the connection is protected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tls {
    /// Plain TCP (loopback only).
    Disable,
    /// TLS, the server's certificate checked against `root` and its name against the host.
    VerifyFull {
        /// The CA bundle (PEM) that signed the server's certificate.
        root: PathBuf,
        /// A client certificate (PEM) to present, with its key.
        client: Option<(PathBuf, PathBuf)>,
    },
}

/// A parsed home URL.
#[derive(Debug, Clone)]
pub struct HomeUrl {
    /// Host name or address.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Database.
    pub dbname: String,
    /// Role to log in as.
    pub user: String,
    /// TLS.
    pub tls: Tls,
    /// Which home in the database.
    pub home: String,
}

/// The largest home name, and what it may hold.
const MAX_HOME_NAME: usize = 64;

fn bad(raw: &str, why: impl std::fmt::Display) -> Error {
    Error::usage(format!(
        "the home URL {} is not usable: {why}",
        crate::net::url::display(raw)
    ))
    .hint("use postgresql://USER@HOST[:PORT]/DB?sslmode=verify-full&sslrootcert=CA.pem&home=NAME (README: A home on PostgreSQL)")
}

/// Whether `name` is a valid home name: 1 to 64 of `A-Z a-z 0-9 . _ -`.
pub fn valid_home_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_HOME_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

impl HomeUrl {
    /// Parse `raw` under the module's rules, filling in from the libpq environment.
    pub fn parse(raw: &str) -> Result<HomeUrl> {
        let u =
            crate::net::url::parse(raw, &["postgres", "postgresql"]).map_err(|e| bad(raw, e))?;
        if let Some(k) = crate::net::url::credential_in_query(&u) {
            return Err(bad(
                raw,
                format!("it carries a credential in its query ({k})"),
            ));
        }
        let mut sslmode = None;
        let mut root = None;
        let mut cert = None;
        let mut key = None;
        let mut home = None;
        for (k, v) in u.query_pairs() {
            let slot = match k.as_str() {
                "sslmode" => &mut sslmode,
                "sslrootcert" => &mut root,
                "sslcert" => &mut cert,
                "sslkey" => &mut key,
                "home" => &mut home,
                other => {
                    return Err(bad(
                        raw,
                        format!(
                            "it has the parameter {other:?}, which vauth does not take \
                             (it takes sslmode, sslrootcert, sslcert, sslkey and home)"
                        ),
                    ));
                }
            };
            if slot.replace(v).is_some() {
                return Err(bad(raw, format!("it gives {k} twice")));
            }
        }
        let home = home.unwrap_or_else(|| "default".to_string());
        if !valid_home_name(&home) {
            return Err(bad(
                raw,
                format!("it names the home {home:?}: use 1 to 64 of A-Z a-z 0-9 . _ -"),
            ));
        }
        let dbname = u.path_decoded().map_err(|e| bad(raw, e))?;
        if dbname.is_empty() || dbname.contains('/') {
            return Err(bad(raw, "it names no database (…/DB)"));
        }
        let user = u
            .user()
            .map(str::to_string)
            .or_else(|| env::get("PGUSER"))
            .or_else(|| env::get(env::USER))
            .ok_or_else(|| bad(raw, "it names no user, and neither PGUSER nor USER is set"))?;
        let sslmode = sslmode.or_else(|| env::get("PGSSLMODE"));
        let tls = match sslmode.as_deref().unwrap_or("verify-full") {
            "disable" => {
                if !u.is_loopback() {
                    return Err(bad(
                        raw,
                        format!(
                            "it asks for sslmode=disable to {}, which is not a loopback host \
                             (plain TCP would expose the login and the sealed vault)",
                            u.host()
                        ),
                    ));
                }
                Tls::Disable
            }
            "verify-full" => {
                let from =
                    |v: Option<String>, var: &str| v.or_else(|| env::get(var)).map(PathBuf::from);
                let root = from(root, "PGSSLROOTCERT").ok_or_else(|| {
                    bad(
                        raw,
                        "it has no sslrootcert: vauth verifies the server against the CA you name \
                         (sslrootcert=PATH or PGSSLROOTCERT)",
                    )
                })?;
                let client = match (from(cert, "PGSSLCERT"), from(key, "PGSSLKEY")) {
                    (Some(c), Some(k)) => Some((c, k)),
                    (None, None) => None,
                    _ => return Err(bad(raw, "it gives sslcert without sslkey or the reverse")),
                };
                Tls::VerifyFull { root, client }
            }
            other => {
                return Err(bad(
                    raw,
                    format!(
                        "it asks for sslmode={other}: vauth takes verify-full (the default), or \
                         disable to a loopback host"
                    ),
                ));
            }
        };
        Ok(HomeUrl {
            host: u.host().to_string(),
            port: u.port().unwrap_or(5432),
            dbname,
            user,
            tls,
            home,
        })
    }

    /// The home for messages: no query, no secret.
    pub fn display(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        format!(
            "postgresql://{}@{host}:{}/{} (home {})",
            self.user, self.port, self.dbname, self.home
        )
    }

    /// The password: `PGPASSWORD`, else the matching line of the password file (`PGPASSFILE`,
    /// default `~/.pgpass`). A password file that others may read is an error (libpq skips it
    /// with a warning; vauth says so and stops).
    pub fn password(&self) -> Result<Option<Zeroizing<String>>> {
        if let Some(p) = env::get(env::PGPASSWORD) {
            return Ok(Some(Zeroizing::new(p)));
        }
        let Some(file) = env::get_os("PGPASSFILE")
            .map(PathBuf::from)
            .or_else(|| env::get_os(env::HOME).map(|h| PathBuf::from(h).join(".pgpass")))
        else {
            return Ok(None);
        };
        let Some(text) = read_passfile(&file)? else {
            return Ok(None);
        };
        let text = Zeroizing::new(text);
        let port = self.port.to_string();
        Ok(text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .find_map(|l| {
                let f = split_passfile_line(l);
                let [h, p, d, u, pw] = f.as_slice() else {
                    return None;
                };
                let hit = |pat: &str, v: &str| pat == "*" || pat == v;
                (hit(h, &self.host) && hit(p, &port) && hit(d, &self.dbname) && hit(u, &self.user))
                    .then(|| Zeroizing::new(pw.to_string()))
            }))
    }
}

/// The password file's text (`None` when there is none); an error when others may read it.
fn read_passfile(p: &std::path::Path) -> Result<Option<String>> {
    let bytes = match crate::fsutil::read_regular(p, 1 << 20) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io("read the password file", p, &e)),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(p)
            .map_err(|e| Error::io("read the password file", p, &e))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(Error::state(format!(
                "the password file {} may be read by others (mode {:04o})",
                p.display(),
                mode & 0o777
            ))
            .hint(format!("run `chmod 600 {}`", p.display())));
        }
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| Error::input(format!("the password file {} is not UTF-8", p.display())))
}

/// The five fields of a password-file line (`host:port:db:user:password`, `\:` and `\\`
/// escaped).
fn split_passfile_line(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next()
                    && let Some(last) = fields.last_mut()
                {
                    last.push(n);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => {
                if let Some(last) = fields.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selects_by_scheme_only() {
        assert!(is_pg_url("postgresql://h/db".as_ref()));
        assert!(is_pg_url("POSTGRES://h/db".as_ref()));
        assert!(!is_pg_url("./postgresql".as_ref()));
        assert!(!is_pg_url("/tmp/postgres://x".as_ref()));
    }

    #[test]
    fn parses_a_verified_url() {
        let u = HomeUrl::parse(
            "postgresql://runner@db.example:6543/vauth?sslmode=verify-full&sslrootcert=/ca.pem&home=fleet",
        )
        .unwrap();
        assert_eq!(
            (
                u.host.as_str(),
                u.port,
                u.dbname.as_str(),
                u.user.as_str(),
                u.home.as_str()
            ),
            ("db.example", 6543, "vauth", "runner", "fleet")
        );
        assert_eq!(
            u.tls,
            Tls::VerifyFull {
                root: "/ca.pem".into(),
                client: None
            }
        );
        assert_eq!(
            u.display(),
            "postgresql://runner@db.example:6543/vauth (home fleet)"
        );
    }

    #[test]
    fn refuses_what_would_weaken_the_home() {
        for (raw, why) in [
            ("postgresql://u:pw@127.0.0.1/db", "password"),
            (
                "postgresql://u@db.example/db?sslmode=disable",
                "not a loopback",
            ),
            (
                "postgresql://u@127.0.0.1/db?sslmode=require&sslrootcert=/c",
                "sslmode=require",
            ),
            ("postgresql://u@127.0.0.1/db?password=x", "credential"),
            (
                "postgresql://u@127.0.0.1/db?sslmode=disable&hom=x",
                "\"hom\"",
            ),
            (
                "postgresql://u@127.0.0.1/db?sslmode=disable&home=a/b",
                "names the home",
            ),
            ("postgresql://u@127.0.0.1/?sslmode=disable", "no database"),
            ("postgresql://u@db.example/db", "sslrootcert"),
            (
                "postgresql://u@db.example/db?sslrootcert=/c&sslcert=/x",
                "sslkey",
            ),
        ] {
            let e = HomeUrl::parse(raw).unwrap_err().to_string();
            assert!(e.contains(why), "{raw}: {e}");
            assert!(!e.contains("pw@"), "{e}");
        }
    }

    #[test]
    fn reads_the_libpq_password_file_format() {
        assert_eq!(
            split_passfile_line(r"db\:1:5432:*:run\\ner:p\:w:x"),
            ["db:1", "5432", "*", r"run\ner", "p:w:x"]
        );
    }
}
