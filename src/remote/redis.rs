//! Redis 7 / Valkey: one ACL user per key, named after it. Its passwords are stored as `#<sha256>`
//! (the hex SHA-256 of the key — the same digest state.json records), so the plaintext never
//! crosses the wire outside AUTH. Redis holds several passwords per user natively: a rotation adds
//! the new hash, and revoking the old removes it (`!<sha256>`) and kills the user's connections.
//! `ACL SAVE` runs when the server keeps users in an ACL file.

use zeroize::Zeroizing;

use super::http::pct;
use super::{
    Applied, Endpoint, Held, HeldQuery, PushSpec, RevokeSpec, Target, TargetConfig, Wrong,
    accepted_wrong, remote, timed,
};
use crate::error::{Error, ErrorKind, Result};

/// Key patterns when `--pattern` is not given: the user's own namespace.
pub fn default_patterns(name: &str) -> Vec<String> {
    vec![format!("{name}:*")]
}

/// Command rules when `--category` is not given.
pub const DEFAULT_COMMANDS: &[&str] = &["+@read", "+@write", "+@connection", "-@dangerous"];

/// A Redis target.
pub struct Redis {
    name: String,
    ep: Endpoint,
    admin_user: String,
    admin_password: Option<Zeroizing<String>>,
    ca_pem: Option<Vec<u8>>,
    identity: Option<super::ClientIdentity>,
    /// The admin connection, reused by every call of one command (on its runtime).
    admin_conn: std::cell::RefCell<Option<redis::aio::MultiplexedConnection>>,
    /// Users were changed and `ACL SAVE` has not run yet ([`Target::finish`] runs it once).
    unsaved: bool,
}

fn is_wrongpass(e: &redis::RedisError) -> bool {
    let s = e.to_string();
    e.kind() == redis::ErrorKind::AuthenticationFailed
        || s.contains("WRONGPASS")
        || s.contains("AuthenticationFailed")
        || s.contains("invalid username-password")
}

impl Redis {
    /// A target for `ep`.
    pub fn new(
        name: &str,
        cfg: &TargetConfig,
        ep: Endpoint,
        admin_password: Option<Zeroizing<String>>,
    ) -> Result<Redis> {
        Ok(Redis {
            name: name.to_string(),
            admin_user: ep.user.clone().unwrap_or_else(|| "default".to_string()),
            ep,
            admin_password,
            ca_pem: cfg.ca_pem()?,
            identity: cfg.identity.clone(),
            admin_conn: std::cell::RefCell::new(None),
            unsaved: false,
        })
    }

    fn secrets(&self) -> Vec<&str> {
        super::native::admin_secrets(self.admin_password.as_ref())
    }

    async fn connect(
        &self,
        user: &str,
        password: Option<&str>,
    ) -> std::result::Result<redis::aio::MultiplexedConnection, redis::RedisError> {
        let host = if self.ep.host.contains(':') {
            format!("[{}]", self.ep.host)
        } else {
            self.ep.host.clone()
        };
        let auth = match password {
            Some(p) => format!("{}:{}@", pct(user), pct(p)),
            None => String::new(),
        };
        let db = self.ep.database.as_deref().unwrap_or("0");
        let url = Zeroizing::new(format!(
            "{}://{auth}{host}:{}/{db}",
            self.ep.scheme, self.ep.port
        ));
        let client = if self.ep.scheme == "rediss" {
            redis::Client::build_with_tls(
                url.as_str(),
                redis::TlsCertificates {
                    client_tls: self.identity.as_ref().map(|id| redis::ClientTlsConfig {
                        client_cert: id.cert_pem.as_bytes().to_vec(),
                        client_key: id.key_pem.as_bytes().to_vec(),
                    }),
                    root_cert: self.ca_pem.clone(),
                },
            )?
        } else {
            redis::Client::open(url.as_str())?
        };
        client.get_multiplexed_async_connection().await
    }

    /// The admin connection: the one this target opened already, or a new one.
    async fn admin(&self) -> Result<redis::aio::MultiplexedConnection> {
        if let Some(c) = self.admin_conn.borrow().as_ref() {
            return Ok(c.clone());
        }
        let c = self.admin_connect().await?;
        *self.admin_conn.borrow_mut() = Some(c.clone());
        Ok(c)
    }

    async fn admin_connect(&self) -> Result<redis::aio::MultiplexedConnection> {
        let pw = self.admin_password.as_deref().map(String::as_str);
        timed(&self.name, "connect", async {
            self.connect(&self.admin_user, pw).await.map_err(|e| {
                super::native::admin_connect_error(
                    &self.name,
                    &self.ep,
                    &self.admin_user,
                    is_wrongpass(&e),
                    &e.to_string(),
                    &self.secrets(),
                    "rediss:// + --ca-file",
                )
            })
        })
        .await
    }

    fn err(&self, what: &str, e: &redis::RedisError) -> Error {
        remote(&self.name, what, &e.to_string(), &self.secrets())
    }

    /// `ACL GETUSER user` on `con` (Nil when there is no such user).
    async fn getuser(
        &self,
        con: &mut redis::aio::MultiplexedConnection,
        user: &str,
    ) -> Result<redis::Value> {
        timed(&self.name, "ACL GETUSER", async {
            redis::cmd("ACL")
                .arg("GETUSER")
                .arg(user)
                .query_async(con)
                .await
                .map_err(|e| self.err("ACL GETUSER", &e))
        })
        .await
    }

    fn setuser(spec: &PushSpec, hash: &str) -> Vec<String> {
        let mut args = vec!["ACL".into(), "SETUSER".into(), spec.name.clone()];
        if !spec.recorded {
            args.push("reset".into());
        }
        args.push("on".into());
        args.push(format!("#{hash}"));
        if !spec.recorded {
            let pats = if spec.key_patterns.is_empty() {
                default_patterns(&spec.name)
            } else {
                spec.key_patterns.clone()
            };
            args.extend(pats.iter().map(|p| format!("~{p}")));
            if spec.commands.is_empty() {
                args.extend(DEFAULT_COMMANDS.iter().map(|s| (*s).to_string()));
            } else {
                args.extend(spec.commands.iter().cloned());
            }
        }
        args
    }

    async fn save_if_aclfile(&self, con: &mut redis::aio::MultiplexedConnection) -> Result<bool> {
        let v: Vec<String> = redis::cmd("CONFIG")
            .arg("GET")
            .arg("aclfile")
            .query_async(con)
            .await
            .map_err(|e| self.err("CONFIG GET aclfile", &e))?;
        if v.get(1).is_some_and(|f| !f.is_empty()) {
            let _: () = redis::cmd("ACL")
                .arg("SAVE")
                .query_async(con)
                .await
                .map_err(|e| self.err("ACL SAVE", &e))?;
            return Ok(true);
        }
        Ok(false)
    }
}

/// An ACL user as `ACL GETUSER` shows it: whether it is enabled, and its password hashes.
struct AclUser {
    on: bool,
    passwords: Vec<String>,
}

/// Read an `ACL GETUSER` answer (RESP2 flat array or RESP3 map); `Ok(None)`: no such user.
fn acl_user(v: &redis::Value) -> std::result::Result<Option<AclUser>, String> {
    use redis::Value as V;
    let text = |x: &V| match x {
        V::BulkString(b) => String::from_utf8_lossy(b).into_owned(),
        V::SimpleString(s) => s.clone(),
        _ => String::new(),
    };
    let list = |x: &V| -> Vec<String> {
        match x {
            V::Array(a) | V::Set(a) => a.iter().map(text).collect(),
            _ => Vec::new(),
        }
    };
    let pairs: Vec<(String, &V)> = match v {
        V::Nil => return Ok(None),
        V::Array(a) => a
            .chunks(2)
            .filter_map(|c| Some((text(&c[0]), c.get(1)?)))
            .collect(),
        V::Map(m) => m.iter().map(|(k, x)| (text(k), x)).collect(),
        _ => return Err("unexpected ACL GETUSER answer".to_string()),
    };
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, x)| list(x));
    Ok(Some(AclUser {
        on: get("flags").is_some_and(|f| f.iter().any(|x| x == "on")),
        passwords: get("passwords").unwrap_or_default(),
    }))
}

/// Whether an `ACL GETUSER` answer shows an enabled user holding the password `sha256`.
fn acl_holds(v: &redis::Value, sha256: &str) -> Held {
    match acl_user(v) {
        Ok(Some(u)) if u.on && u.passwords.iter().any(|p| p == sha256) => Held::Live,
        Ok(_) => Held::Gone,
        Err(e) => Held::Unknown(e),
    }
}

fn run_args(args: &[String]) -> redis::Cmd {
    let mut c = redis::cmd(&args[0]);
    for a in &args[1..] {
        c.arg(a);
    }
    c
}

impl Target for Redis {
    async fn finish(&mut self) -> Result<()> {
        if std::mem::take(&mut self.unsaved) {
            let mut con = self.admin().await?;
            self.save_if_aclfile(&mut con).await?;
        }
        Ok(())
    }

    async fn held(&mut self, q: &[HeldQuery]) -> Result<Vec<Held>> {
        let mut con = self.admin().await?;
        let mut out = Vec::with_capacity(q.len());
        for h in q {
            let v = self.getuser(&mut con, &h.name).await?;
            out.push(acl_holds(&v, &h.sha256));
        }
        Ok(out)
    }

    fn plan(&self, spec: &PushSpec) -> Vec<String> {
        let mut set = Self::setuser(spec, "****");
        for a in set.iter_mut() {
            if a.starts_with('#') {
                *a = "#****".to_string();
            }
        }
        vec![
            set.join(" "),
            "ACL SAVE (only when the server uses an ACL file)".to_string(),
        ]
    }

    async fn check_admin(&mut self) -> Result<String> {
        let mut con = self.admin().await?;
        let info: String = timed(&self.name, "INFO server", async {
            redis::cmd("INFO")
                .arg("server")
                .query_async(&mut con)
                .await
                .map_err(|e| self.err("INFO server", &e))
        })
        .await?;
        let _: redis::Value = redis::cmd("ACL")
            .arg("WHOAMI")
            .query_async(&mut con)
            .await
            .map_err(|e| {
                self.err("ACL WHOAMI", &e)
                    .hint("the admin user needs the +acl command rights")
            })?;
        let _: redis::Value = redis::cmd("ACL")
            .arg("LIST")
            .query_async(&mut con)
            .await
            .map_err(|e| {
                self.err("ACL LIST", &e)
                    .hint("the admin user needs the +acl command rights")
            })?;
        let version = info
            .lines()
            .find_map(|l| l.strip_prefix("redis_version:"))
            .unwrap_or("unknown")
            .trim();
        Ok(format!("Redis {version}"))
    }

    async fn apply(&mut self, spec: &PushSpec, _secret: &str) -> Result<Applied> {
        let mut con = self.admin().await?;
        let existing = self.getuser(&mut con, &spec.name).await?;
        let exists = !matches!(existing, redis::Value::Nil);
        if exists && !spec.recorded && !spec.adopt {
            return Err(Error::new(
                ErrorKind::Remote,
                format!(
                    "target {}: ACL user {:?} exists and was not created by this vauth home; nothing was changed",
                    self.name, spec.name
                ),
            )
            .hint(format!("pass --adopt {} to take it over, or set a target prefix", spec.name)));
        }
        let args = Self::setuser(spec, &spec.sha256);
        let _: () = run_args(&args).query_async(&mut con).await.map_err(|e| {
            self.err("ACL SETUSER", &e)
                .hint("check --pattern and --category")
        })?;
        self.unsaved = true;
        Ok(Applied::user(spec.name.clone()))
    }

    async fn probe_login(&mut self, user: &str, secret: &str) -> Result<()> {
        let mut sec = self.secrets();
        sec.push(secret);
        let mut con = timed(&self.name, "probe", async {
            self.connect(user, Some(secret)).await.map_err(|e| {
                remote(
                    &self.name,
                    &format!("probe: AUTH as {user:?} with the new password failed"),
                    &e.to_string(),
                    &sec,
                )
            })
        })
        .await?;
        let who: String = redis::cmd("ACL")
            .arg("WHOAMI")
            .query_async(&mut con)
            .await
            .or_else(|e| {
                // A user without +acl cannot ask; PING proves the AUTH all the same.
                let m = e.to_string();
                if m.contains("NOPERM") || m.contains("NoPerm") {
                    Ok(user.to_string())
                } else {
                    Err(remote(&self.name, "probe", &e.to_string(), &sec))
                }
            })?;
        super::native::check_who(&self.name, "authenticated", &who, user, &sec)
    }

    async fn probe_wrong(&mut self, user: &str, secret: &str, wrong: &str) -> Result<Wrong> {
        let mut sec = self.secrets();
        sec.push(secret);
        super::native::probe_wrong(
            &self.name,
            self.connect(user, Some(wrong)),
            is_wrongpass,
            |e| e.to_string(),
            &sec,
        )
        .await
    }

    fn wrong_accepted(&self, user: &str) -> Error {
        accepted_wrong(
            &self.name,
            "password",
            user,
            "the user is `nopass` or auth is off on this server",
        )
    }

    async fn revoke(&mut self, spec: &RevokeSpec) -> Result<Vec<String>> {
        let mut con = self.admin().await?;
        // What the server holds now decides what is left to do: a run killed after part of
        // this (or a hash removed by hand) must not make every later revoke fail.
        let user = acl_user(&self.getuser(&mut con, &spec.name).await?)
            .map_err(|e| remote(&self.name, "ACL GETUSER", &e, &self.secrets()))?;
        let Some(user) = user else {
            return Ok(vec![format!(
                "ACL user {} is gone: nothing to revoke",
                spec.name
            )]);
        };
        let mut set = vec!["ACL".to_string(), "SETUSER".to_string(), spec.name.clone()];
        if user.passwords.iter().any(|p| p == &spec.sha256) {
            set.push(format!("!{}", spec.sha256));
        }
        if !spec.others_live && user.on {
            set.push("off".to_string());
        }
        let mut done = Vec::new();
        if set.len() > 3 {
            let _: () = run_args(&set)
                .query_async(&mut con)
                .await
                .map_err(|e| self.err("ACL SETUSER", &e))?;
            done.push(set.join(" ").replace(&spec.sha256, "****"));
        } else {
            done.push(format!(
                "ACL user {}: the password is already removed",
                spec.name
            ));
        }
        // Always: a connection that logged in with the old password outlives its removal.
        let kill = vec![
            "CLIENT".to_string(),
            "KILL".to_string(),
            "USER".to_string(),
            spec.name.clone(),
        ];
        let _: redis::Value = run_args(&kill)
            .query_async(&mut con)
            .await
            .map_err(|e| self.err("CLIENT KILL", &e))?;
        done.push(kill.join(" "));
        if set.len() > 3 && self.save_if_aclfile(&mut con).await? {
            done.push("ACL SAVE".to_string());
        }
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding() {
        assert_eq!(pct("a b:@/"), "a%20b%3A%40%2F");
    }
}
