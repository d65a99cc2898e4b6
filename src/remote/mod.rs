//! Database targets: where `vauth push` puts a credential, and how it proves the database took it.
//!
//! A target is configured in `vauth.toml` (`[target.NAME]`) by reference only: the URL names the
//! admin user, and the admin password is read from the environment variable or file the table
//! names. [`Target`] is the one contract every kind follows — plan → apply → probe → revoke — and is
//! not HTTP-specific: PostgreSQL speaks its wire protocol, Redis RESP. Network code runs on a
//! current-thread tokio runtime that the command layer creates ([`runtime`]).

pub mod chroma;
pub mod elasticsearch;
pub mod http;
pub mod milvus;
pub mod opensearch;
pub mod pinecone;
pub mod postgres;
pub mod qdrant;
pub mod redis;
pub mod scram;
pub mod weaviate;

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result};

/// How long one connect or command may take before the target counts as unreachable.
pub const NET_TIMEOUT: Duration = Duration::from_secs(10);

/// The database kinds vauth pushes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// PostgreSQL (also with pgvector): group role + alternating login roles, SCRAM verifiers.
    Postgres,
    /// Redis 7 / Valkey: one ACL user holding up to two `#sha256` passwords.
    Redis,
    /// Qdrant: HS256 JWTs signed with the target's API key (it has no key API).
    Qdrant,
    /// Weaviate >= 1.30: DB users with server-generated keys, alternating users for a grace.
    Weaviate,
    /// Milvus REST v2: users and roles, alternating users for a grace.
    Milvus,
    /// Pinecone Admin API: project API keys with roles (server-generated).
    Pinecone,
    /// Elasticsearch: API keys with role descriptors (server-generated).
    Elasticsearch,
    /// OpenSearch security plugin: internal users, alternating users for a grace.
    Opensearch,
    /// Chroma (Python server): static tokens in its credentials file; active after a restart.
    Chroma,
}

/// Where a kind's admin credential comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminCred {
    /// A password for the user named in the URL (`--admin-password-env|file`).
    Password,
    /// An API key or token (`--admin-key-env|file`).
    Key,
    /// An OAuth client id and secret (`--admin-client-id-env`, `--admin-client-secret-env`).
    Client,
}

impl Kind {
    /// The name used in vauth.toml and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Postgres => "postgres",
            Kind::Redis => "redis",
            Kind::Qdrant => "qdrant",
            Kind::Weaviate => "weaviate",
            Kind::Milvus => "milvus",
            Kind::Pinecone => "pinecone",
            Kind::Elasticsearch => "elasticsearch",
            Kind::Opensearch => "opensearch",
            Kind::Chroma => "chroma",
        }
    }

    /// Whether the admin API is HTTP(S).
    pub fn is_http(self) -> bool {
        !matches!(self, Kind::Postgres | Kind::Redis)
    }

    /// How the admin authenticates. Elasticsearch also takes a password for the URL's user.
    pub fn admin_cred(self) -> AdminCred {
        match self {
            Kind::Postgres | Kind::Redis | Kind::Milvus | Kind::Opensearch => AdminCred::Password,
            Kind::Qdrant | Kind::Weaviate | Kind::Elasticsearch | Kind::Chroma => AdminCred::Key,
            Kind::Pinecone => AdminCred::Client,
        }
    }

    /// Whether the database generates the secret itself (then `vauth key create NAME --on
    /// TARGET` records what it returned, and a rotation asks it for the successor).
    pub fn generates_secret(self) -> bool {
        matches!(self, Kind::Weaviate | Kind::Pinecone | Kind::Elasticsearch)
    }

    /// What a push to this kind takes, for refusals.
    pub fn accepts(self) -> &'static str {
        match self {
            Kind::Postgres => {
                "API keys (as passwords) and certificates (a login role named by the CN)"
            }
            Kind::Redis => "API keys (Redis 7 maps no certificate to a user)",
            Kind::Qdrant => "API keys (as alt_api_key) and JWTs (`vauth jwt sign --for TARGET`)",
            Kind::Milvus | Kind::Opensearch => "API keys (as passwords)",
            Kind::Chroma => "API keys (as tokens)",
            Kind::Weaviate | Kind::Pinecone | Kind::Elasticsearch => {
                "the keys it makes itself (`vauth key create NAME --on TARGET`)"
            }
        }
    }

    /// Whether a grace uses two alternating users (`_a`/`_b`), so that one login user carries
    /// several versions over time.
    pub fn alternates_users(self) -> bool {
        matches!(
            self,
            Kind::Postgres | Kind::Milvus | Kind::Opensearch | Kind::Weaviate
        )
    }

    /// The URL schemes a target of this kind takes, for messages.
    pub fn schemes(self) -> &'static str {
        match self {
            Kind::Postgres => "postgres://",
            Kind::Redis => "redis:// or rediss://",
            _ => "https:// (http:// on loopback)",
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One `[target.NAME]` table: references only, never a secret value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetConfig {
    /// The database kind.
    pub kind: Kind,
    /// Where the admin endpoint is; names the admin user, never a password.
    pub url: String,
    /// Environment variable holding the admin password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_password_env: Option<String>,
    /// File holding the admin password (first line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_password_file: Option<PathBuf>,
    /// Environment variable holding the admin API key / token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_key_env: Option<String>,
    /// File holding the admin API key / token (first line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_key_file: Option<PathBuf>,
    /// pinecone: environment variable holding the service account's client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_client_id_env: Option<String>,
    /// pinecone: environment variable holding the service account's client secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_client_secret_env: Option<String>,
    /// pinecone: the project whose API keys vauth manages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// pinecone: the OAuth token endpoint (default <https://login.pinecone.io/oauth/token>).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_url: Option<String>,
    /// chroma: the server's token credentials file (YAML) that vauth keeps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials_file: Option<PathBuf>,
    /// Seconds one request may take (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u64>,
    /// A certificate of this home (issued with --keep-key) that vauth presents to the server
    /// (servers that require client certificates: Redis `tls-auth-clients yes`, PostgreSQL
    /// `clientcert`, https with mTLS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_cert: Option<String>,
    /// The resolved `client_cert` (certificate + key from the vault); filled by the command
    /// layer, never written.
    #[serde(skip)]
    pub identity: Option<ClientIdentity>,
    /// PEM file of the CA that signed the server's certificate (turns TLS on, verified).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<PathBuf>,
    /// Allow a non-loopback host without TLS.
    #[serde(default, skip_serializing_if = "is_false")]
    pub insecure: bool,
    /// Prefix of the users/roles vauth creates there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
}

/// A client certificate and its private key (PEM), presented in TLS handshakes.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientIdentity {
    /// The certificate (PEM), the leaf first.
    pub cert_pem: String,
    /// The private key (PEM, PKCS#8).
    pub key_pem: Zeroizing<String>,
}

impl std::fmt::Debug for ClientIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientIdentity(****)")
    }
}

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

impl TargetConfig {
    /// Check the table: URL, scheme vs kind, one admin source of the right sort, TLS rule.
    pub fn validate(&self) -> std::result::Result<(), String> {
        let ep = parse_url(&self.url)?;
        let ok = match self.kind {
            Kind::Postgres => matches!(ep.scheme.as_str(), "postgres" | "postgresql"),
            Kind::Redis => matches!(ep.scheme.as_str(), "redis" | "rediss"),
            _ => matches!(ep.scheme.as_str(), "http" | "https"),
        };
        if !ok {
            return Err(format!(
                "a {} target needs a {} URL, not {}://",
                self.kind.as_str(),
                self.kind.schemes(),
                ep.scheme
            ));
        }
        let pw = self.admin_password_env.is_some() || self.admin_password_file.is_some();
        let key = self.admin_key_env.is_some() || self.admin_key_file.is_some();
        let client = self.admin_client_id_env.is_some() || self.admin_client_secret_env.is_some();
        if self.admin_password_env.is_some() && self.admin_password_file.is_some()
            || self.admin_key_env.is_some() && self.admin_key_file.is_some()
        {
            return Err("name the admin credential once: env or file, not both".to_string());
        }
        match self.kind.admin_cred() {
            AdminCred::Password if key || client => {
                return Err(format!(
                    "a {} target takes an admin password (--admin-password-env|--admin-password-file) for the URL's user",
                    self.kind.as_str()
                ));
            }
            AdminCred::Key if client || (pw && self.kind != Kind::Elasticsearch) => {
                return Err(format!(
                    "a {} target takes an admin API key (--admin-key-env|--admin-key-file)",
                    self.kind.as_str()
                ));
            }
            AdminCred::Key if pw && key => {
                return Err(
                    "name one admin credential: an API key, or a password for the URL's user"
                        .to_string(),
                );
            }
            AdminCred::Client
                if pw
                    || key
                    || self.admin_client_id_env.is_none()
                    || self.admin_client_secret_env.is_none() =>
            {
                return Err(
                    "a pinecone target takes --admin-client-id-env and --admin-client-secret-env (a service account)"
                        .to_string(),
                );
            }
            _ => {}
        }
        if self.kind == Kind::Pinecone && self.project.as_deref().is_none_or(str::is_empty) {
            return Err("a pinecone target needs --project PROJECT_ID".to_string());
        }
        if self.kind != Kind::Pinecone && (self.project.is_some() || self.token_url.is_some()) {
            return Err("--project and --token-url are for pinecone targets".to_string());
        }
        if self.kind != Kind::Chroma && self.credentials_file.is_some() {
            return Err("--credentials-file is for chroma targets".to_string());
        }
        if self.kind.is_http()
            && ep.user.is_some()
            && self.kind.admin_cred() != AdminCred::Password
            && !(self.kind == Kind::Elasticsearch && pw)
        {
            return Err(format!(
                "a {} target authenticates with a key: the URL names no user",
                self.kind.as_str()
            ));
        }
        if !ep.is_loopback() && !self.tls(&ep) && !self.insecure {
            return Err(format!(
                "{} is not a loopback host, and TLS is required there",
                ep.host
            ));
        }
        if let Some(u) = &self.token_url {
            crate::net::url::parse_remote(u, self.insecure).map_err(|e| {
                format!("--token-url must be https (http only on loopback), with no user@: {e}")
            })?;
        }
        if self.client_cert.is_some() && !self.tls(&ep) {
            return Err(
                "a client certificate needs TLS (postgres: --ca-file; redis: rediss://; https://)"
                    .to_string(),
            );
        }
        if self.timeout == Some(0) {
            return Err("timeout: at least 1 second".to_string());
        }
        if let Some(p) = &self.prefix
            && !p
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err("prefix: use letters, digits, '_' or '-'".to_string());
        }
        Ok(())
    }

    /// Whether connections use TLS.
    pub fn tls(&self, ep: &Endpoint) -> bool {
        match self.kind {
            Kind::Postgres => self.ca_file.is_some(),
            Kind::Redis => ep.scheme == "rediss",
            _ => ep.scheme == "https",
        }
    }

    /// The parsed URL (validated when the config was read).
    pub fn endpoint(&self) -> Result<Endpoint> {
        parse_url(&self.url).map_err(|e| {
            Error::state(format!("target URL: {e}"))
                .hint("fix the target's url in vauth.toml, or add it again with `vauth target add --force`")
        })
    }

    /// How long one request may take.
    pub fn net_timeout(&self) -> Duration {
        self.timeout.map_or(NET_TIMEOUT, Duration::from_secs)
    }

    /// Where the admin credential comes from, for display (`env:VAR` / `file:PATH`).
    pub fn admin_source(&self) -> Option<String> {
        let env = self
            .admin_password_env
            .as_ref()
            .or(self.admin_key_env.as_ref());
        let file = self
            .admin_password_file
            .as_ref()
            .or(self.admin_key_file.as_ref());
        if let (Some(id), Some(sec)) = (&self.admin_client_id_env, &self.admin_client_secret_env) {
            return Some(format!("env:{id} + env:{sec}"));
        }
        env.map(|v| format!("env:{v}"))
            .or_else(|| file.map(|p| format!("file:{}", p.display())))
    }

    /// Read the admin password (or, for key kinds, the admin key) from where the table points.
    pub fn admin_password(&self) -> Result<Option<Zeroizing<String>>> {
        if let Some(v) = read_env_secret(self.admin_password_env.as_deref(), "admin password")? {
            return Ok(Some(v));
        }
        if let Some(v) = read_env_secret(self.admin_key_env.as_deref(), "admin key")? {
            return Ok(Some(v));
        }
        for (p, what) in [
            (&self.admin_password_file, "admin password"),
            (&self.admin_key_file, "admin key"),
        ] {
            if let Some(p) = p {
                let s = crate::secret::read_secret_line(
                    p,
                    4096,
                    what,
                    &format!("Target {what}"),
                    "a file path instead of -",
                )?;
                let first = s.lines().next().unwrap_or("").to_string();
                return Ok(Some(Zeroizing::new(first)));
            }
        }
        Ok(None)
    }

    /// pinecone: the service account's client id and secret.
    pub fn admin_client(&self) -> Result<Option<(Zeroizing<String>, Zeroizing<String>)>> {
        let id = read_env_secret(self.admin_client_id_env.as_deref(), "admin client id")?;
        let sec = read_env_secret(
            self.admin_client_secret_env.as_deref(),
            "admin client secret",
        )?;
        Ok(id.zip(sec))
    }

    /// The CA file's PEM bytes, if one is configured.
    pub fn ca_pem(&self) -> Result<Option<Vec<u8>>> {
        match &self.ca_file {
            None => Ok(None),
            Some(p) => std::fs::read(p)
                .map(Some)
                .map_err(|e| Error::io("read the CA file", p, &e)),
        }
    }
}

fn read_env_secret(var: Option<&str>, what: &str) -> Result<Option<Zeroizing<String>>> {
    let Some(var) = var else { return Ok(None) };
    let v = crate::env::get(var).ok_or_else(|| {
        Error::input(format!("the {what} variable {var} is not set")).hint(format!(
            "export {var}, or point the target at a file instead (`vauth target add --help`)"
        ))
    })?;
    Ok(Some(Zeroizing::new(
        v.trim_end_matches(['\r', '\n']).to_string(),
    )))
}

/// What to push: one API-key version as the password of a database user.
#[derive(Debug, Clone)]
pub struct PushSpec {
    /// The base remote name (group role / ACL user), prefix applied.
    pub name: String,
    /// The key version being pushed.
    pub version: u32,
    /// When the credential stops being valid (postgres `VALID UNTIL`).
    pub valid_until: Option<OffsetDateTime>,
    /// The marker comment (`managed by vauth <home-id>`).
    pub marker: String,
    /// Alter existing users/roles that vauth did not create.
    pub adopt: bool,
    /// Whether state.json already records a push of this key to this target.
    pub recorded: bool,
    /// postgres: `GRANT … TO <group>` fragments, e.g. `SELECT ON items`.
    pub grants: Vec<String>,
    /// redis: key patterns (`~pattern`).
    pub key_patterns: Vec<String>,
    /// redis: command rules (`+@read`, `-@dangerous`, …).
    pub commands: Vec<String>,
    /// SHA-256 (hex) of the key (redis stores exactly this).
    pub sha256: String,
    /// HTTP kinds: the server-side roles the user/key gets (`--role`).
    pub roles: Vec<String>,
    /// elasticsearch: the `role_descriptors` object of a new API key (`--role-descriptors`).
    pub role_descriptors: Option<serde_json::Value>,
}

/// What the database holds after `apply`.
#[derive(Debug, Clone)]
pub struct Applied {
    /// The login user clients must use (for key-only kinds: the key's name there).
    pub user: String,
    /// The server's id of what was created (elasticsearch / pinecone API key id).
    pub remote_id: Option<String>,
    /// It takes effect only after the server restarts (chroma): the probe waits.
    pub pending: bool,
}

impl Applied {
    /// Applied as `user`, effective now, no server-side id.
    pub fn user(user: impl Into<String>) -> Applied {
        Applied {
            user: user.into(),
            remote_id: None,
            pending: false,
        }
    }
}

/// What to take back: one pushed version.
#[derive(Debug, Clone)]
pub struct RevokeSpec {
    /// The base remote name.
    pub name: String,
    /// The login user it was pushed as.
    pub user: String,
    /// SHA-256 (hex) of that version's key.
    pub sha256: String,
    /// Whether another live version still logs in as `user` (postgres: then NOLOGIN would cut
    /// it off; the old password was already replaced).
    pub user_still_used: bool,
    /// Whether any live version remains on this target (redis: else the user is switched off).
    pub others_live: bool,
    /// The server's id of the pushed credential, when it has one (API key id).
    pub remote_id: Option<String>,
}

/// One pushed credential as state.json records it, for [`Target::held`].
#[derive(Debug, Clone)]
pub struct HeldQuery {
    /// The base remote name.
    pub name: String,
    /// The user it logs in as.
    pub user: String,
    /// SHA-256 (hex) of the credential.
    pub sha256: String,
    /// The server's id of it, when it has one.
    pub remote_id: Option<String>,
}

/// What the database holds of one pushed credential (`vauth target drift`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Held {
    /// It is there and would log in (as far as the admin API can tell).
    Live,
    /// It is absent, disabled or expired there.
    Gone,
    /// The database cannot be asked (why).
    Unknown(String),
}

/// One database kind. `plan` is pure; the rest talk to the server.
#[allow(async_fn_in_trait)]
pub trait Target {
    /// The exact commands `apply` would run, secrets shown as `****`.
    fn plan(&self, spec: &PushSpec) -> Vec<String>;
    /// The user clients log in as after `apply(spec)` (default: the base name).
    fn user_for(&self, spec: &PushSpec) -> String {
        spec.name.clone()
    }
    /// Reach the server and check the admin credential; returns the server's version line.
    async fn check_admin(&mut self) -> Result<String>;
    /// Make the database accept `secret` for the user named in `spec`.
    async fn apply(&mut self, spec: &PushSpec, secret: &str) -> Result<Applied>;
    /// Log in as `user` with `secret` (must succeed) and with a wrong secret (must be refused).
    async fn probe(&mut self, user: &str, secret: &str) -> Result<()>;
    /// Take a pushed version back: it no longer logs in, and its sessions end.
    async fn revoke(&mut self, spec: &RevokeSpec) -> Result<Vec<String>>;
    /// After a batch of `apply`/`probe` calls: persist what needs persisting once (redis `ACL
    /// SAVE`) and close the admin connection cleanly.
    async fn finish(&mut self) -> Result<()> {
        Ok(())
    }
    /// What the database holds of each of `q` (one connection for all).
    async fn held(&mut self, q: &[HeldQuery]) -> Result<Vec<Held>> {
        Ok(q.iter()
            .map(|_| Held::Unknown("this kind cannot list its credentials".to_string()))
            .collect())
    }
    /// For kinds whose server generates the secret ([`Kind::generates_secret`]): make a new
    /// credential for `spec` and return it with its plaintext, which only this answer carries.
    async fn create(&mut self, spec: &PushSpec) -> Result<(Applied, Zeroizing<String>)> {
        let _ = spec;
        Err(Error::usage(
            "this target takes a secret vauth made; push a key instead of creating one there",
        )
        .hint("`vauth key create NAME`, then `vauth push NAME --to TARGET`"))
    }
}

/// The target kinds behind one type, so commands need no generics.
pub enum AnyTarget {
    /// PostgreSQL.
    Postgres(Box<postgres::Postgres>),
    /// Redis.
    Redis(redis::Redis),
    /// Qdrant.
    Qdrant(qdrant::Qdrant),
    /// Weaviate.
    Weaviate(weaviate::Weaviate),
    /// Milvus.
    Milvus(milvus::Milvus),
    /// Pinecone.
    Pinecone(pinecone::Pinecone),
    /// Elasticsearch.
    Elasticsearch(elasticsearch::Elasticsearch),
    /// OpenSearch.
    Opensearch(opensearch::Opensearch),
    /// Chroma.
    Chroma(chroma::Chroma),
}

/// `$body` with `$t` bound to the concrete target inside `$any`.
macro_rules! each {
    ($any:expr, $t:ident => $body:expr) => {
        match $any {
            AnyTarget::Postgres($t) => $body,
            AnyTarget::Redis($t) => $body,
            AnyTarget::Qdrant($t) => $body,
            AnyTarget::Weaviate($t) => $body,
            AnyTarget::Milvus($t) => $body,
            AnyTarget::Pinecone($t) => $body,
            AnyTarget::Elasticsearch($t) => $body,
            AnyTarget::Opensearch($t) => $body,
            AnyTarget::Chroma($t) => $body,
        }
    };
}

impl AnyTarget {
    /// Build the target for `cfg` (nothing is contacted yet).
    pub fn new(name: &str, cfg: &TargetConfig) -> Result<AnyTarget> {
        AnyTarget::build(name, cfg, true)
    }

    /// Build the target without reading the admin credential (for `plan` only).
    pub fn offline(name: &str, cfg: &TargetConfig) -> Result<AnyTarget> {
        AnyTarget::build(name, cfg, false)
    }

    fn build(name: &str, cfg: &TargetConfig, online: bool) -> Result<AnyTarget> {
        let ep = cfg.endpoint()?;
        let admin = if online { cfg.admin_password()? } else { None };
        Ok(match cfg.kind {
            Kind::Postgres => {
                AnyTarget::Postgres(Box::new(postgres::Postgres::new(name, cfg, ep, admin)?))
            }
            Kind::Redis => AnyTarget::Redis(redis::Redis::new(name, cfg, ep, admin)?),
            Kind::Qdrant => AnyTarget::Qdrant(qdrant::Qdrant::new(name, cfg, admin)?),
            Kind::Weaviate => AnyTarget::Weaviate(weaviate::Weaviate::new(name, cfg, admin)?),
            Kind::Milvus => AnyTarget::Milvus(milvus::Milvus::new(name, cfg, ep, admin)?),
            Kind::Pinecone => {
                let client = if online { cfg.admin_client()? } else { None };
                AnyTarget::Pinecone(pinecone::Pinecone::new(name, cfg, client)?)
            }
            Kind::Elasticsearch => {
                AnyTarget::Elasticsearch(elasticsearch::Elasticsearch::new(name, cfg, ep, admin)?)
            }
            Kind::Opensearch => {
                AnyTarget::Opensearch(opensearch::Opensearch::new(name, cfg, ep, admin)?)
            }
            Kind::Chroma => AnyTarget::Chroma(chroma::Chroma::new(name, cfg, admin)?),
        })
    }
}

impl Target for AnyTarget {
    fn plan(&self, spec: &PushSpec) -> Vec<String> {
        each!(self, t => t.plan(spec))
    }
    fn user_for(&self, spec: &PushSpec) -> String {
        each!(self, t => t.user_for(spec))
    }
    async fn check_admin(&mut self) -> Result<String> {
        each!(self, t => t.check_admin().await)
    }
    async fn apply(&mut self, spec: &PushSpec, secret: &str) -> Result<Applied> {
        each!(self, t => t.apply(spec, secret).await)
    }
    async fn probe(&mut self, user: &str, secret: &str) -> Result<()> {
        each!(self, t => t.probe(user, secret).await)
    }
    async fn revoke(&mut self, spec: &RevokeSpec) -> Result<Vec<String>> {
        each!(self, t => t.revoke(spec).await)
    }
    async fn create(&mut self, spec: &PushSpec) -> Result<(Applied, Zeroizing<String>)> {
        each!(self, t => t.create(spec).await)
    }
    async fn held(&mut self, q: &[HeldQuery]) -> Result<Vec<Held>> {
        each!(self, t => t.held(q).await)
    }
    async fn finish(&mut self) -> Result<()> {
        each!(self, t => t.finish().await)
    }
}

/// The remote base name of a key on a target: the prefix, then the key name (postgres: lower
/// case, `-`/`.` as `_`, since unquoted SQL folds case and tools expect plain identifiers).
pub fn remote_name(kind: Kind, prefix: Option<&str>, key: &str) -> String {
    let raw = format!("{}{key}", prefix.unwrap_or(""));
    match kind {
        Kind::Postgres | Kind::Milvus => raw
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect(),
        _ => raw,
    }
}

/// A current-thread tokio runtime for one network command.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    crate::jwt::install_crypto_provider();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::bug(format!("cannot start the async runtime: {e}")))
}

/// A rustls client config that trusts exactly the PEM CA(s) in `ca_pem`, presenting `identity`
/// when given.
pub fn tls_config(
    ca_pem: &[u8],
    identity: Option<&ClientIdentity>,
) -> Result<rustls::ClientConfig> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    for c in CertificateDer::pem_slice_iter(ca_pem) {
        let c = c.map_err(|e| {
            Error::input(format!("the CA file is not PEM: {e}"))
                .hint("pass the PEM file of the CA that signed the server's certificate")
        })?;
        roots.add(c).map_err(|e| {
            Error::input(format!("the CA file holds a bad certificate: {e}"))
                .hint("export it again, e.g. `vauth ca export --out ca.pem`")
        })?;
    }
    if roots.is_empty() {
        return Err(Error::input("the CA file holds no certificate")
            .hint("pass the PEM file of the CA that signed the server's certificate"));
    }
    let provider = std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let b = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::bug(format!("TLS setup: {e}")))?
        .with_root_certificates(roots);
    let Some(id) = identity else {
        return Ok(b.with_no_client_auth());
    };
    let certs = CertificateDer::pem_slice_iter(id.cert_pem.as_bytes())
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| {
            Error::state(format!("the client certificate is not PEM: {e}"))
                .hint("issue it again with `vauth cert issue NAME --keep-key`")
        })?;
    let key =
        rustls::pki_types::PrivateKeyDer::from_pem_slice(id.key_pem.as_bytes()).map_err(|e| {
            Error::vault(format!("the client certificate's key is not PEM: {e}"))
                .hint("issue it again with `vauth cert issue NAME --keep-key`")
        })?;
    b.with_client_auth_cert(certs, key).map_err(|e| {
        Error::state(format!("the client certificate cannot be used: {e}"))
            .hint("issue it again with `vauth cert issue NAME --keep-key`")
    })
}

/// A remote error (exit 4) with every secret in `secrets` replaced by `****`.
pub fn remote(target: &str, what: &str, detail: &str, secrets: &[&str]) -> Error {
    Error::new(
        ErrorKind::Remote,
        format!("target {target}: {what}: {}", redact(detail, secrets)),
    )
}

/// Replace each non-empty secret in `text` by `****`.
pub fn redact(text: &str, secrets: &[&str]) -> String {
    let mut t = text.replace(['\n', '\r'], " ");
    for s in secrets.iter().filter(|s| s.len() >= 4) {
        t = t.replace(*s, "****");
    }
    t
}

/// A random wrong password for the negative probe.
pub fn wrong_secret() -> Result<Zeroizing<String>> {
    crate::apikey::random_base62(40)
        .map(|s| Zeroizing::new(format!("vauth-wrong-{s}")))
        .map_err(|e| Error::state(format!("the OS random source failed: {e}")))
}

/// Run `fut` with the network timeout; a timeout is a remote error.
pub async fn timed<T>(
    target: &str,
    what: &str,
    fut: impl std::future::Future<Output = Result<T>>,
) -> Result<T> {
    match tokio::time::timeout(NET_TIMEOUT, fut).await {
        Ok(r) => r,
        Err(_) => Err(Error::new(
            ErrorKind::Remote,
            format!(
                "target {target}: {what}: no answer within {} s",
                NET_TIMEOUT.as_secs()
            ),
        )
        .hint("check that the server runs and the URL's host and port are right")),
    }
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

    #[test]
    fn names() {
        assert_eq!(
            remote_name(Kind::Postgres, Some("v_"), "App-Key.1"),
            "v_app_key_1"
        );
        assert_eq!(remote_name(Kind::Redis, None, "app-key"), "app-key");
    }

    #[test]
    fn redaction() {
        assert_eq!(redact("bad pw secret1\n", &["secret1"]), "bad pw **** ");
    }
}
