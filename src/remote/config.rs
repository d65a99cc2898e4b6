//! One `[target.NAME]` table of vauth.toml: references to the admin credential, never its value,
//! checked as a whole ([`TargetConfig::validate`]) and read at use.

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{AdminCred, Endpoint, Kind, parse_url};
use crate::error::{Error, Result};

/// How long one connect or command may take before the target counts as unreachable.
pub const NET_TIMEOUT: Duration = Duration::from_secs(10);

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
    /// chroma, qdrant (servers that read credentials at start-up): the command, run through
    /// `sh -c`, that hands what vauth rendered to the server and restarts it
    /// (`lifecycle::apply`). Without it, such a push waits for a restart by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apply: Option<String>,
    /// How long vauth waits for the server after `apply`, e.g. `90s`, `5m` (default 60s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart_wait: Option<String>,
    /// The variables vauth.toml names as holding credentials, kept from `apply`'s environment;
    /// filled when the target is resolved, never written.
    #[serde(skip)]
    pub secret_env: Vec<String>,
    /// chroma: the header tokens travel in (unset: `authorization`, Chroma's default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_header: Option<super::chroma::TokenHeader>,
}

/// How long vauth waits for a restart-bound server after its apply command, by default.
const RESTART_WAIT: Duration = Duration::from_secs(60);

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
        if self.kind != Kind::Chroma
            && (self.credentials_file.is_some() || self.auth_header.is_some())
        {
            return Err("--credentials-file and --auth-header are for chroma targets".to_string());
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
        self.validate_apply()?;
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

    /// Check `apply` and `restart_wait`: for restart-bound kinds only, a command, a wait of
    /// 1 second to 1 hour.
    fn validate_apply(&self) -> std::result::Result<(), String> {
        if let Some(cmd) = &self.apply {
            if !self.restart_bound() {
                return Err(format!(
                    "--apply is for targets that read credentials at start-up (chroma, qdrant); a {} target takes them at once",
                    self.kind.as_str()
                ));
            }
            if cmd.trim().is_empty() {
                return Err("--apply: an empty command".to_string());
            }
        }
        if let Some(w) = &self.restart_wait {
            if self.apply.is_none() {
                return Err(
                    "--restart-wait needs --apply (it is how long vauth waits after it)"
                        .to_string(),
                );
            }
            let secs = crate::timefmt::parse_span(w)?.seconds();
            if !(1..=3600).contains(&secs) {
                return Err(format!("--restart-wait {w}: from 1s to 1h"));
            }
        }
        Ok(())
    }

    /// Whether this target's server reads credentials only at start-up (chroma's credentials
    /// file, qdrant's config): a push there waits for a restart.
    pub fn restart_bound(&self) -> bool {
        matches!(self.kind, Kind::Chroma | Kind::Qdrant)
    }

    /// How long to wait for the server after the apply command (60s unless
    /// `restart_wait` says).
    pub fn restart_wait(&self) -> Duration {
        self.restart_wait
            .as_deref()
            .and_then(|w| crate::timefmt::parse_span(w).ok())
            .and_then(|s| u64::try_from(s.seconds()).ok())
            .map_or(RESTART_WAIT, Duration::from_secs)
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
