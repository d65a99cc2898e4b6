//! Chroma (reference §6): only its Python server checks tokens, read at start-up from a
//! credentials file (`CHROMA_SERVER_AUTHN_CREDENTIALS_FILE`); there is no admin API. vauth keeps
//! that file (the target's `credentials_file`): a push adds the key as a token of the user named
//! after it, a revoke removes it, and both are *pending restart* — the server reads the file when
//! it starts, and `vauth target test` probes pending tokens then. During a grace both tokens are
//! listed. The admin token stays listed as user `vauth-admin`, so vauth keeps its access.
//!
//! Tokens travel as the server's `CHROMA_AUTH_TOKEN_TRANSPORT_HEADER` says: `Authorization:
//! Bearer <token>` (Chroma's default, the target's `token_header = "authorization"`) or
//! `X-Chroma-Token: <token>` (`token_header = "x-chroma-token"`).
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

/// An authenticated read every token may do (RBAC action `db:list_collections`).
pub const PROBE_PATH: &str =
    "/api/v2/tenants/default_tenant/databases/default_database/collections";
/// The user the admin token is listed under.
pub const ADMIN_USER: &str = "vauth-admin";
const MARK: &str = "# managed by vauth";
const HEADER2: &str = "# vauth rewrites this file on push and revoke; restart Chroma to apply it.";

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
    /// The value in vauth.toml and JSON (and of `--token-header`).
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

    /// The server setting this transport matches.
    fn server_setting(self) -> &'static str {
        match self {
            TokenHeader::Authorization => {
                "CHROMA_AUTH_TOKEN_TRANSPORT_HEADER unset or Authorization"
            }
            TokenHeader::XChromaToken => "CHROMA_AUTH_TOKEN_TRANSPORT_HEADER=X-Chroma-Token",
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

/// One user of the credentials file.
#[derive(Default, PartialEq)]
pub struct User {
    /// Its id.
    pub id: String,
    /// Its RBAC role, if the file gives one.
    pub role: Option<String>,
    /// Its tokens, in order.
    pub tokens: Vec<Zeroizing<String>>,
}

/// The users of a credentials file vauth wrote, in order, and its `roles_mapping:` section as it
/// was written (its Debug form shows users, roles and how many tokens each has, never a token).
#[derive(Default, PartialEq)]
pub struct Credentials {
    /// The users.
    pub users: Vec<User>,
    /// The `roles_mapping:` section, verbatim (from its key line to the next top-level key).
    pub roles_mapping: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut m = f.debug_map();
        for u in &self.users {
            let role = u
                .role
                .as_deref()
                .map_or(String::new(), |r| format!("role {r}, "));
            m.entry(
                &u.id,
                &format_args!("{role}{} token(s) ****", u.tokens.len()),
            );
        }
        if self.roles_mapping.is_some() {
            m.entry(&"roles_mapping", &format_args!("(kept)"));
        }
        m.finish()
    }
}

/// A string as vauth writes it (JSON-quoted, which YAML reads alike), or a plain YAML word.
fn scalar(s: &str) -> std::result::Result<String, String> {
    let s = s.trim();
    if s.starts_with('"') {
        return serde_json::from_str::<String>(s).map_err(|_| "a malformed quoted string".into());
    }
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return Ok(s.to_string());
    }
    Err(format!("{s:?} is not a quoted string or a plain word"))
}

impl Credentials {
    /// Parse a file vauth wrote (perhaps with `role:` lines and a `roles_mapping:` section added
    /// by hand). Anything else is refused: vauth does not rewrite a file it cannot write back
    /// without losing part of it.
    pub fn parse(text: &str) -> std::result::Result<Credentials, String> {
        if !text.starts_with(MARK) {
            return Err("it was not written by vauth (no `# managed by vauth` first line)".into());
        }
        let mut c = Credentials::default();
        let mut section = "";
        let mut mapping: Vec<&str> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let at = |m: &str| format!("line {}: {m}", n + 1);
            let t = line.trim();
            let top = !line.starts_with([' ', '\t']) && !t.is_empty() && !t.starts_with('#');
            if top {
                let k = t.split(':').next().unwrap_or("").trim();
                if seen.contains(&k) {
                    return Err(at(&format!("a second `{k}:` section")));
                }
                section = match k {
                    "users" if t == "users:" => "users",
                    "roles_mapping" => "roles_mapping",
                    _ => {
                        return Err(at(&format!(
                            "top-level `{k}` is not a section vauth keeps (users:, roles_mapping:), so rewriting the file would lose it"
                        )));
                    }
                };
                seen.push(section);
            }
            if section == "roles_mapping" {
                mapping.push(line);
                continue;
            }
            if t.is_empty() || top {
                continue;
            }
            if t.starts_with('#') {
                if section.is_empty() && (n == 0 || line == HEADER2) {
                    continue; // vauth's header, written again
                }
                return Err(at(
                    "a comment vauth did not write would be lost: move it into roles_mapping",
                ));
            }
            fn user(c: &mut Credentials, n: usize) -> std::result::Result<&mut User, String> {
                c.users
                    .last_mut()
                    .ok_or_else(|| format!("line {}: a user's field before any `- id:`", n + 1))
            }
            if let Some(id) = t.strip_prefix("- id:") {
                c.users.push(User {
                    id: scalar(id).map_err(|e| at(&e))?,
                    ..User::default()
                });
            } else if let Some(role) = t.strip_prefix("role:") {
                let u = user(&mut c, n)?;
                if u.role.is_some() {
                    return Err(at("a second `role:` for one user"));
                }
                u.role = Some(scalar(role).map_err(|e| at(&e))?);
            } else if t == "tokens:" || t == "tokens: []" {
                user(&mut c, n)?;
            } else if let Some(tok) = t.strip_prefix("- ") {
                let tok = Zeroizing::new(
                    serde_json::from_str::<String>(tok.trim())
                        .map_err(|_| at("expected a quoted token"))?,
                );
                user(&mut c, n)?.tokens.push(tok);
            } else {
                let k = t.split(':').next().unwrap_or(t);
                return Err(at(&format!(
                    "`{k}` is not in the form vauth writes (id, role, tokens), so rewriting the file would lose it"
                )));
            }
        }
        while mapping.last().is_some_and(|l| l.trim().is_empty()) {
            mapping.pop();
        }
        if !mapping.is_empty() {
            c.roles_mapping = Some(mapping.join("\n"));
        }
        Ok(c)
    }

    /// The file text (YAML, every string JSON-quoted; `roles_mapping:` as it was).
    pub fn render(&self, marker: &str) -> Zeroizing<String> {
        let mut s = Zeroizing::new(format!(
            "{MARK} ({marker}): Chroma token credentials (CHROMA_SERVER_AUTHN_CREDENTIALS_FILE).\n\
             {HEADER2}\n\
             users:\n"
        ));
        for u in &self.users {
            s.push_str(&format!("  - id: {}\n", json_str(&u.id)));
            if let Some(r) = &u.role {
                s.push_str(&format!("    role: {}\n", json_str(r)));
            }
            if u.tokens.is_empty() {
                s.push_str("    tokens: []\n");
            } else {
                s.push_str("    tokens:\n");
            }
            for t in &u.tokens {
                s.push_str(&format!("      - {}\n", json_str(t)));
            }
        }
        if let Some(m) = &self.roles_mapping {
            s.push_str(m);
            s.push('\n');
        }
        s
    }

    /// The roles `roles_mapping:` names (its keys; None when there is no such section, or it
    /// is written in a flow style vauth does not read).
    pub fn roles(&self) -> Option<Vec<String>> {
        let m = self.roles_mapping.as_ref()?;
        let mut lines = m.lines();
        if lines.next()?.trim_end() != "roles_mapping:" {
            return None;
        }
        let body: Vec<&str> = lines
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .collect();
        let indent = |l: &str| l.len() - l.trim_start().len();
        let first = indent(body.first()?);
        body.iter()
            .filter(|l| indent(l) == first)
            .map(|l| {
                let k = l
                    .trim()
                    .strip_suffix(':')
                    .or_else(|| l.trim().split(": ").next())?;
                scalar(k)
                    .ok()
                    .or_else(|| k.strip_prefix('\'')?.strip_suffix('\'').map(str::to_string))
            })
            .collect()
    }

    /// With a `roles_mapping:`, Chroma starts only if every user has a role it names.
    fn check_roles(&self) -> std::result::Result<(), String> {
        let Some(roles) = self.roles() else {
            return Ok(());
        };
        for u in &self.users {
            match &u.role {
                None => {
                    return Err(format!(
                        "user {:?} has no role, and Chroma's RBAC needs one for every user",
                        u.id
                    ));
                }
                Some(r) if !roles.contains(r) => {
                    return Err(format!(
                        "user {:?} has role {r:?}, which roles_mapping does not name",
                        u.id
                    ));
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    fn user_mut(&mut self, id: &str) -> &mut User {
        let i = match self.users.iter().position(|u| u.id == id) {
            Some(i) => i,
            None => {
                self.users.push(User {
                    id: id.to_string(),
                    ..User::default()
                });
                self.users.len() - 1
            }
        };
        &mut self.users[i]
    }
}

fn json_str(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

impl Chroma {
    /// A target named `name`; `admin` is a token the server accepts.
    pub fn new(name: &str, cfg: &TargetConfig, admin: Option<Zeroizing<String>>) -> Result<Chroma> {
        let header = cfg.token_header.unwrap_or_default();
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
            "if the server reads `{}` ({}), add the target again with --force --token-header {}; otherwise {}",
            self.header.other().shown(),
            self.header.other().server_setting(),
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

    fn tok(s: &str) -> Zeroizing<String> {
        Zeroizing::new(s.to_string())
    }

    #[test]
    fn debug_shows_no_token() {
        let mut c = Credentials::default();
        c.user_mut("app").tokens.push(tok("tok-s3cret"));
        c.user_mut("app").role = Some("reader".into());
        let d = format!("{c:?}");
        assert!(!d.contains("s3cret"), "{d}");
        assert!(
            d.contains("app") && d.contains("role reader, 1 token(s)"),
            "{d}"
        );
    }

    #[test]
    fn credentials_round_trip_and_refuse_foreign_files() {
        let mut c = Credentials::default();
        c.user_mut("app").tokens.push(tok("tok\"1"));
        c.user_mut("app").tokens.push(tok("tok2"));
        c.user_mut(ADMIN_USER).tokens.push(tok("adm"));
        let text = c.render("managed by vauth h1");
        assert_eq!(Credentials::parse(&text).unwrap(), c);
        assert!(Credentials::parse("users:\n  - id: x\n").is_err());
        assert!(
            Credentials::parse("# managed by vauth\nusers:\n  - id: x\n    tenant: t\n").is_err()
        );
    }

    const RBAC: &str =
        "# managed by vauth (h1): Chroma token credentials (CHROMA_SERVER_AUTHN_CREDENTIALS_FILE).
# vauth rewrites this file on push and revoke; restart Chroma to apply it.
users:
  - id: \"vauth-admin\"
    role: admin
    tokens:
      - \"adm\"
  - id: \"app\"
    role: \"reader\"
    tokens: []
roles_mapping:
  # the admin reads and writes
  admin:
    actions: [\"db:list_collections\", \"collection:add\"]
  'reader':
    actions:
      - db:list_collections

  writer: {actions: [\"collection:add\"]}
# end of the mapping
";

    #[test]
    fn roles_and_roles_mapping_round_trip_byte_for_byte() {
        let c = Credentials::parse(RBAC).unwrap();
        assert_eq!(c.users[0].role.as_deref(), Some("admin"));
        assert_eq!(c.users[1].role.as_deref(), Some("reader"));
        assert!(c.users[1].tokens.is_empty());
        assert_eq!(c.roles().unwrap(), ["admin", "reader", "writer"]);
        let m = c.roles_mapping.as_deref().unwrap();
        let start = RBAC.find("roles_mapping:").unwrap();
        assert_eq!(format!("{m}\n"), RBAC[start..]);
        let again = c.render("h1");
        assert!(again.ends_with(&RBAC[start..]), "{}", *again);
        assert_eq!(Credentials::parse(&again).unwrap(), c);
        assert_eq!(
            *c.render("h1"),
            *Credentials::parse(&again).unwrap().render("h1")
        );
        c.check_roles().unwrap();
    }

    #[test]
    fn refuses_what_it_would_lose_and_roles_chroma_would_not_start_with() {
        let refuse = |t: &str, want: &str| {
            let e = Credentials::parse(&format!("# managed by vauth\n{t}")).unwrap_err();
            assert!(e.contains(want), "{t:?}: {e}");
        };
        refuse(
            "users:\n  - id: a\n    databases: [x]\n",
            "`databases` is not in the form",
        );
        refuse("users:\n  - id: a\nauthz:\n  x: 1\n", "top-level `authz`");
        refuse("# mine\nusers:\n", "comment vauth did not write");
        refuse(
            "users:\n  # ops\n  - id: a\n",
            "comment vauth did not write",
        );
        refuse(
            "users:\n  - id: a\n    role: b\n    role: c\n",
            "second `role:`",
        );
        refuse("users:\nusers:\n", "second `users:`");
        refuse("users:\n  - id: a b\n", "not a quoted string");

        let mut c = Credentials::parse(RBAC).unwrap();
        c.user_mut("new").tokens.push(tok("t"));
        assert!(c.check_roles().unwrap_err().contains("\"new\" has no role"));
        c.user_mut("new").role = Some("root".into());
        assert!(
            c.check_roles()
                .unwrap_err()
                .contains("roles_mapping does not name")
        );
        c.user_mut("new").role = Some("writer".into());
        c.check_roles().unwrap();
        // Without roles_mapping, roles are written but not checked.
        c.roles_mapping = None;
        c.user_mut("new").role = Some("root".into());
        c.check_roles().unwrap();
    }

    #[test]
    fn token_headers_carry_tokens_as_chroma_reads_them() {
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
