//! Chroma (reference §6): only its Python server checks tokens, read at start-up from a
//! credentials file (`CHROMA_SERVER_AUTHN_CREDENTIALS_FILE`); there is no admin API. vauth keeps
//! that file (the target's `credentials_file`): a push adds the key as a token of the user named
//! after it, a revoke removes it, and both are *pending restart* — the server reads the file when
//! it starts, and `vauth target test` probes pending tokens then. During a grace both tokens are
//! listed. The admin token stays listed as user `vauth-admin`, so vauth keeps its access.
//!
//! Probes: `GET /api/v2/tenants/default_tenant/databases/default_database/collections` with
//! `X-Chroma-Token` answers 200 to a known token and 403 `{"error":"AuthError"}` otherwise.

use std::path::PathBuf;

use zeroize::Zeroizing;

use super::http::{Auth, Call, Http};
use super::{
    Applied, Held, HeldQuery, PushSpec, RevokeSpec, Target, TargetConfig, Wrong, unverifiable,
};
use crate::error::{Error, ErrorKind, Result};

/// The header tokens travel in.
pub const HEADER: &str = "x-chroma-token";
/// An authenticated read every token may do.
pub const PROBE_PATH: &str =
    "/api/v2/tenants/default_tenant/databases/default_database/collections";
/// The user the admin token is listed under.
pub const ADMIN_USER: &str = "vauth-admin";
const MARK: &str = "# managed by vauth";

/// A Chroma target.
pub struct Chroma {
    http: Http,
    admin: Option<Zeroizing<String>>,
    file: Option<PathBuf>,
}

/// The users and tokens of a credentials file vauth wrote, in order (its Debug form shows the
/// users and how many tokens each has, never a token).
#[derive(Default, PartialEq)]
pub struct Credentials {
    /// `(user id, tokens)`.
    pub users: Vec<(String, Vec<Zeroizing<String>>)>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut m = f.debug_map();
        for (u, t) in &self.users {
            m.entry(u, &format_args!("{} token(s) ****", t.len()));
        }
        m.finish()
    }
}

impl Credentials {
    /// Parse a file vauth wrote. Anything else is refused: vauth does not rewrite a file it
    /// cannot read back exactly.
    pub fn parse(text: &str) -> std::result::Result<Credentials, String> {
        if !text.starts_with(MARK) {
            return Err("it was not written by vauth (no `# managed by vauth` first line)".into());
        }
        let mut c = Credentials::default();
        for (n, line) in text.lines().enumerate() {
            let t = line.trim();
            if t.is_empty() || t.starts_with('#') || t == "users:" || t == "tokens:" {
                continue;
            }
            let quoted = |s: &str| {
                serde_json::from_str::<String>(s.trim())
                    .map_err(|_| format!("line {}: expected a quoted string", n + 1))
            };
            if let Some(id) = t.strip_prefix("- id:") {
                c.users.push((quoted(id)?, Vec::new()));
            } else if let Some(tok) = t.strip_prefix("- ") {
                let tok = Zeroizing::new(quoted(tok)?);
                c.users
                    .last_mut()
                    .ok_or_else(|| format!("line {}: a token before any user", n + 1))?
                    .1
                    .push(tok);
            } else {
                return Err(format!("line {}: not in the form vauth writes", n + 1));
            }
        }
        Ok(c)
    }

    /// The file text (YAML, every string JSON-quoted).
    pub fn render(&self, marker: &str) -> Zeroizing<String> {
        let mut s = Zeroizing::new(format!(
            "{MARK} ({marker}): Chroma token credentials (CHROMA_SERVER_AUTHN_CREDENTIALS_FILE).\n\
             # vauth rewrites this file on push and revoke; restart Chroma to apply it.\n\
             users:\n"
        ));
        for (id, toks) in &self.users {
            s.push_str(&format!("  - id: {}\n    tokens:\n", json_str(id)));
            for t in toks {
                s.push_str(&format!("      - {}\n", json_str(t)));
            }
        }
        s
    }

    fn user_mut(&mut self, id: &str) -> &mut Vec<Zeroizing<String>> {
        let i = match self.users.iter().position(|(u, _)| u == id) {
            Some(i) => i,
            None => {
                self.users.push((id.to_string(), Vec::new()));
                self.users.len() - 1
            }
        };
        &mut self.users[i].1
    }
}

fn json_str(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

impl Chroma {
    /// A target named `name`; `admin` is a token the server accepts.
    pub fn new(name: &str, cfg: &TargetConfig, admin: Option<Zeroizing<String>>) -> Result<Chroma> {
        let auth = admin
            .clone()
            .map_or(Auth::None, |k| Auth::Header(HEADER, k));
        Ok(Chroma {
            http: Http::new(name, cfg, auth)?,
            admin,
            file: cfg.credentials_file.clone(),
        })
    }

    fn file(&self) -> Result<&PathBuf> {
        self.file.as_ref().ok_or_else(|| {
            Error::usage(format!(
                "target {}: chroma has no admin API; vauth needs the server's credentials file",
                self.http.target()
            ))
            .hint("add the target again with --credentials-file FILE (the file CHROMA_SERVER_AUTHN_CREDENTIALS_FILE names)")
        })
    }

    fn load(&self) -> Result<Credentials> {
        let p = self.file()?;
        match std::fs::read_to_string(p) {
            Ok(t) => Credentials::parse(&t).map_err(|e| {
                Error::new(
                    ErrorKind::Remote,
                    format!("target {}: {}: {e}", self.http.target(), p.display()),
                )
                .hint("point --credentials-file at a new file vauth may own, and list it in Chroma's settings")
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Credentials::default()),
            Err(e) => Err(Error::io("read", p, &e)),
        }
    }

    fn save(&self, c: &Credentials, marker: &str) -> Result<()> {
        let p = self.file()?;
        crate::fsutil::write_atomic(p, c.render(marker).as_bytes(), 0o600)
            .map_err(|e| Error::io("write", p, &e))
    }
}

impl Target for Chroma {
    async fn held(&mut self, q: &[HeldQuery]) -> Result<Vec<Held>> {
        let c = self.load()?;
        Ok(q.iter()
            .map(|h| {
                let listed = c.users.iter().any(|(u, toks)| {
                    u == &h.name
                        && toks
                            .iter()
                            .any(|t| crate::apikey::digest_hex(t) == h.sha256)
                });
                if listed { Held::Live } else { Held::Gone }
            })
            .collect())
    }

    fn plan(&self, spec: &PushSpec) -> Vec<String> {
        let file = self
            .file
            .as_ref()
            .map_or("(no --credentials-file)".to_string(), |p| {
                p.display().to_string()
            });
        vec![
            format!(
                "{file}: add token **** for user {:?} (file mode 0600)",
                spec.name
            ),
            "restart Chroma to apply it (pending restart)".to_string(),
            format!(
                "at the next `vauth target test`: GET {PROBE_PATH} with {HEADER}: **** (200), and with a wrong token (403)"
            ),
        ]
    }

    async fn check_admin(&mut self) -> Result<String> {
        let hb = self
            .http
            .send("heartbeat", &Call::get("/api/v2/heartbeat").anonymous())
            .await?;
        if !hb.ok() {
            return Err(self.http.fail("heartbeat", &hb));
        }
        let version = self
            .http
            .send("version", &Call::get("/api/v2/version").anonymous())
            .await
            .ok()
            .filter(|r| r.ok())
            .and_then(|r| r.json())
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "unknown".to_string());
        self.http.ok("admin check", &Call::get(PROBE_PATH)).await?;
        let anon = self
            .http
            .send("read without a token", &Call::get(PROBE_PATH).anonymous())
            .await?;
        if anon.ok() {
            return Err(Error::new(
                ErrorKind::Remote,
                format!(
                    "target {}: unverifiable: a request without a token was accepted — this Chroma checks no tokens",
                    self.http.target()
                ),
            )
            .hint("run Chroma's Python server with CHROMA_SERVER_AUTHN_PROVIDER=chromadb.auth.token_authn.TokenAuthenticationServerProvider and CHROMA_AUTH_TOKEN_TRANSPORT_HEADER=X-Chroma-Token"));
        }
        Ok(format!("Chroma {version}"))
    }

    async fn apply(&mut self, spec: &PushSpec, secret: &str) -> Result<Applied> {
        self.http.add_secret(secret);
        if !secret.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(
                Error::input("Chroma tokens are printable ASCII; this key is not")
                    .hint("push a key vauth generated"),
            );
        }
        let mut c = self.load()?;
        if let Some(a) = &self.admin {
            let admin = c.user_mut(ADMIN_USER);
            if !admin.iter().any(|t| t.as_str() == a.as_str()) {
                admin.push(a.clone());
            }
        }
        let exists = c.users.iter().any(|(u, _)| u == &spec.name);
        if exists && !spec.recorded && !spec.adopt {
            return Err(Error::new(
                ErrorKind::Remote,
                format!(
                    "target {}: the credentials file lists user {:?}, which this vauth home did not push; nothing was changed",
                    self.http.target(),
                    spec.name
                ),
            )
            .hint(format!("pass --adopt {} to take it over, or set a target prefix", spec.name)));
        }
        let toks = c.user_mut(&spec.name);
        if !toks.iter().any(|t| t.as_str() == secret) {
            toks.push(Zeroizing::new(secret.to_string()));
        }
        self.save(&c, &spec.marker)?;
        Ok(Applied {
            user: spec.name.clone(),
            remote_id: None,
            pending: true,
        })
    }

    async fn probe_login(&mut self, _user: &str, secret: &str) -> Result<()> {
        self.http.add_secret(secret);
        let r = self
            .http
            .send(
                "probe",
                &Call::get(PROBE_PATH).anonymous().header(HEADER, secret),
            )
            .await?;
        if !r.ok() {
            return Err(Error::new(
                ErrorKind::Remote,
                format!(
                    "target {}: probe: the token was refused: HTTP {}: {}",
                    self.http.target(),
                    r.status,
                    super::redact(&r.message(), &self.http.secrets())
                ),
            )
            .hint("restart Chroma so it reads the credentials file vauth wrote"));
        }
        Ok(())
    }

    async fn probe_wrong(&mut self, _user: &str, _secret: &str, wrong: &str) -> Result<Wrong> {
        let call = Call::get(PROBE_PATH).anonymous().header(HEADER, wrong);
        let r = self.http.send("probe", &call).await?;
        r.wrong(|r| self.http.fail("probe with a wrong token", r))
    }

    fn wrong_accepted(&self, _user: &str) -> Error {
        unverifiable(
            self.http.target(),
            "a wrong token was accepted",
            "this Chroma checks no tokens: enable its token authentication",
        )
    }

    async fn revoke(&mut self, spec: &RevokeSpec) -> Result<Vec<String>> {
        let mut c = self.load()?;
        let mut removed = 0;
        for (u, toks) in c.users.iter_mut().filter(|(u, _)| u == &spec.name) {
            let _ = u;
            let before = toks.len();
            toks.retain(|t| crate::apikey::digest_hex(t) != spec.sha256);
            removed += before - toks.len();
        }
        c.users
            .retain(|(u, toks)| !toks.is_empty() || u == ADMIN_USER);
        let file = self.file()?.display().to_string();
        if removed > 0 {
            self.save(&c, "vauth")?;
        }
        Ok(vec![format!(
            "{file}: removed {removed} token(s) of {:?}; restart Chroma to apply it",
            spec.name
        )])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_token() {
        let mut c = Credentials::default();
        c.user_mut("app").push(Zeroizing::new("tok-s3cret".into()));
        let d = format!("{c:?}");
        assert!(!d.contains("s3cret"), "{d}");
        assert!(d.contains("app") && d.contains("1 token(s)"), "{d}");
    }

    #[test]
    fn credentials_round_trip_and_refuse_foreign_files() {
        let mut c = Credentials::default();
        c.user_mut("app").push(Zeroizing::new("tok\"1".into()));
        c.user_mut("app").push(Zeroizing::new("tok2".into()));
        c.user_mut(ADMIN_USER).push(Zeroizing::new("adm".into()));
        let text = c.render("managed by vauth h1");
        assert_eq!(Credentials::parse(&text).unwrap(), c);
        assert!(Credentials::parse("users:\n  - id: x\n").is_err());
        assert!(
            Credentials::parse("# managed by vauth\nusers:\n  - id: x\n    role: admin\n").is_err()
        );
    }
}
