//! Chroma (reference §6): only its Python server checks tokens, read at start-up from a
//! credentials file (`CHROMA_SERVER_AUTHN_CREDENTIALS_FILE`); there is no admin API. vauth keeps
//! that file (the target's `credentials_file`): a push adds the key as a token of the user named
//! after it, a revoke removes it, and both are *pending restart* — the server reads the file when
//! it starts, and `vauth target test` probes pending tokens then. During a grace both tokens are
//! listed. The admin token stays listed as user `vauth-admin`, so vauth keeps its access.
//!
//! Tokens travel as the server's `CHROMA_AUTH_TOKEN_TRANSPORT_HEADER` says: `Authorization:
//! Bearer <token>` (Chroma's default, the target's `auth_header = "authorization"`) or
//! `X-Chroma-Token: <token>` (`auth_header = "x-chroma-token"`).
//!
//! Simple RBAC (`SimpleRBACAuthorizationProvider`, its config file = the same file): each user
//! has one `role:`, and `roles_mapping:` maps roles to actions. vauth writes the pushed user's
//! role from `push --role` (kept when a later push names none), never changes another user's
//! role (the admin's included), and keeps the `roles_mapping:` section byte for byte. It refuses
//! to rewrite a file holding anything else it would lose, and a file with a `roles_mapping:` in
//! which a user lacks a role the mapping names (Chroma would not start).
//!
//! Probes: `GET /api/v2/tenants/default_tenant/databases/default_database/collections` answers
//! 200 to a known token and 403 `{"error":"AuthError"}` otherwise.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::http::{Auth, Call, Http, Reply};
use super::{
    Applied, Held, HeldQuery, PushSpec, RevokeSpec, Target, TargetConfig, Wrong, unverifiable,
};
use crate::error::{Error, ErrorKind, Result};

mod credentials;

pub use credentials::{Credentials, User};

/// An authenticated read every token may do (RBAC action `db:list_collections`).
pub const PROBE_PATH: &str =
    "/api/v2/tenants/default_tenant/databases/default_database/collections";
/// The user the admin token is listed under.
pub const ADMIN_USER: &str = "vauth-admin";

/// How tokens travel to Chroma (its `CHROMA_AUTH_TOKEN_TRANSPORT_HEADER`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum TokenHeader {
    /// `Authorization: Bearer <token>`: Chroma's default.
    #[default]
    Authorization,
    /// `X-Chroma-Token: <token>`: a server started with
    /// `CHROMA_AUTH_TOKEN_TRANSPORT_HEADER=X-Chroma-Token`.
    XChromaToken,
}

impl TokenHeader {
    /// The value in vauth.toml and JSON (and of `--auth-header`).
    pub fn as_str(self) -> &'static str {
        match self {
            TokenHeader::Authorization => "authorization",
            TokenHeader::XChromaToken => "x-chroma-token",
        }
    }

    /// How a request carries a token, for messages: `Authorization: Bearer` or `X-Chroma-Token`.
    pub fn shown(self) -> &'static str {
        match self {
            TokenHeader::Authorization => "Authorization: Bearer",
            TokenHeader::XChromaToken => "X-Chroma-Token",
        }
    }

    /// `(header name, value)` carrying `token`.
    pub fn carry(self, token: &str) -> (&'static str, String) {
        match self {
            TokenHeader::Authorization => ("authorization", format!("Bearer {token}")),
            TokenHeader::XChromaToken => ("x-chroma-token", token.to_string()),
        }
    }

    fn other(self) -> TokenHeader {
        match self {
            TokenHeader::Authorization => TokenHeader::XChromaToken,
            TokenHeader::XChromaToken => TokenHeader::Authorization,
        }
    }
}

/// A Chroma target.
pub struct Chroma {
    http: Http,
    admin: Option<Zeroizing<String>>,
    file: Option<PathBuf>,
    header: TokenHeader,
}

impl Chroma {
    /// A target named `name`; `admin` is a token the server accepts.
    pub fn new(name: &str, cfg: &TargetConfig, admin: Option<Zeroizing<String>>) -> Result<Chroma> {
        let header = cfg.auth_header.unwrap_or_default();
        let auth = admin.clone().map_or(Auth::None, |k| match header {
            TokenHeader::Authorization => Auth::Bearer(k),
            TokenHeader::XChromaToken => Auth::Header("x-chroma-token", k),
        });
        Ok(Chroma {
            http: Http::new(name, cfg, auth)?,
            admin,
            file: cfg.credentials_file.clone(),
            header,
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

    /// A local-state refusal about the credentials file (exit 3): nothing was changed.
    fn refuse(&self, why: &str, hint: &str) -> Error {
        let file = self
            .file
            .as_ref()
            .map_or(String::new(), |p| p.display().to_string());
        Error::state(format!(
            "target {}: {file}: {why}; vauth does not rewrite it, nothing was changed",
            self.http.target()
        ))
        .hint(hint.to_string())
    }

    fn load(&self) -> Result<Credentials> {
        let p = self.file()?;
        match std::fs::read_to_string(p) {
            Ok(t) => Credentials::parse(&t).map_err(|e| {
                self.refuse(&e, "keep only users (id, role, tokens) and roles_mapping in it, or point --credentials-file at a new file vauth may own and list it in Chroma's settings")
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Credentials::default()),
            Err(e) => Err(Error::io("read", p, &e)),
        }
    }

    fn save(&self, c: &Credentials, marker: &str) -> Result<()> {
        c.check_roles().map_err(|e| {
            self.refuse(
                &format!("{e} (Chroma would not start)"),
                "push with --role ROLE (one roles_mapping names); give other users a `role:` in the file",
            )
        })?;
        let p = self.file()?;
        crate::fsutil::write_atomic(p, c.render(marker).as_bytes(), 0o600)
            .map_err(|e| Error::io("write", p, &e))
    }

    /// The error for a token the server refused (401/403): names the header it travelled in,
    /// and the other transport.
    fn refused(&self, what: &str, whose: &str, r: &Reply) -> Error {
        Error::new(
            ErrorKind::Remote,
            format!(
                "target {}: {what}: HTTP {}: {}: the server refused {whose} sent as `{}`",
                self.http.target(),
                r.status,
                super::redact(&r.message(), &self.http.secrets()),
                self.header.shown()
            ),
        )
        .hint(format!(
            "if the server reads `{}` (its CHROMA_AUTH_TOKEN_TRANSPORT_HEADER), add the target again with --force --auth-header {}; otherwise {}",
            self.header.other().shown(),
            self.header.other().as_str(),
            if whose == "the admin token" {
                "check that the credentials file lists it and Chroma was restarted since"
            } else {
                "restart Chroma so it reads the credentials file vauth wrote"
            }
        ))
    }
}

impl Target for Chroma {
    async fn held(&mut self, q: &[HeldQuery]) -> Result<Vec<Held>> {
        let c = self.load()?;
        Ok(q.iter()
            .map(|h| {
                let listed = c.users.iter().any(|u| {
                    u.id == h.name
                        && u.tokens
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
        let role = spec
            .roles
            .first()
            .map_or(String::new(), |r| format!(" with role {r:?}"));
        vec![
            format!(
                "{file}: add token **** for user {:?}{role} (file mode 0600)",
                spec.name
            ),
            "restart Chroma to apply it (pending restart)".to_string(),
            format!(
                "at the next `vauth target test`: GET {PROBE_PATH} with {}: **** (200), and with a wrong token (403)",
                self.header.shown()
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
        let r = self
            .http
            .send("admin check", &Call::get(PROBE_PATH))
            .await?;
        if matches!(r.status, 401 | 403) {
            return Err(self.refused("admin check", "the admin token", &r));
        }
        if !r.ok() {
            return Err(self.http.fail("admin check", &r));
        }
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
            .hint("run Chroma's Python server (`python -m uvicorn chromadb.app:app`, not `chroma run`) with CHROMA_SERVER_AUTHN_PROVIDER=chromadb.auth.token_authn.TokenAuthenticationServerProvider and CHROMA_SERVER_AUTHN_CREDENTIALS_FILE"));
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
        if spec.roles.len() > 1 {
            return Err(Error::usage(format!(
                "a Chroma user has one role, and --role was given {} times",
                spec.roles.len()
            ))
            .hint("pass one --role (a role of the file's roles_mapping)"));
        }
        let mut c = self.load()?;
        if let Some(a) = &self.admin {
            let admin = c.user_mut(ADMIN_USER);
            if !admin.tokens.iter().any(|t| t.as_str() == a.as_str()) {
                admin.tokens.push(a.clone());
            }
        }
        let exists = c.users.iter().any(|u| u.id == spec.name);
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
        let user = c.user_mut(&spec.name);
        if let Some(r) = spec.roles.first() {
            user.role = Some(r.clone());
        }
        if !user.tokens.iter().any(|t| t.as_str() == secret) {
            user.tokens.push(Zeroizing::new(secret.to_string()));
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
        let (h, v) = self.header.carry(secret);
        let r = self
            .http
            .send("probe", &Call::get(PROBE_PATH).anonymous().header(h, v))
            .await?;
        if !r.ok() {
            return Err(self.refused("probe", "the token", &r));
        }
        Ok(())
    }

    async fn probe_wrong(&mut self, _user: &str, _secret: &str, wrong: &str) -> Result<Wrong> {
        let (h, v) = self.header.carry(wrong);
        let call = Call::get(PROBE_PATH).anonymous().header(h, v);
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
        for u in c.users.iter_mut().filter(|u| u.id == spec.name) {
            let before = u.tokens.len();
            u.tokens
                .retain(|t| crate::apikey::digest_hex(t) != spec.sha256);
            removed += before - u.tokens.len();
        }
        c.users
            .retain(|u| !u.tokens.is_empty() || u.id == ADMIN_USER);
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
    fn auth_headers_carry_tokens_as_chroma_reads_them() {
        assert_eq!(TokenHeader::default(), TokenHeader::Authorization);
        assert_eq!(
            TokenHeader::Authorization.carry("t"),
            ("authorization", "Bearer t".to_string())
        );
        assert_eq!(
            TokenHeader::XChromaToken.carry("t"),
            ("x-chroma-token", "t".to_string())
        );
        let v: TokenHeader = serde_json::from_str("\"x-chroma-token\"").unwrap();
        assert_eq!(v.as_str(), "x-chroma-token");
    }
}
