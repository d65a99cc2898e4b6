//! `vauth target …` and `vauth push`: database admin endpoints, and putting credentials there.

use std::path::PathBuf;

use super::Lazy;
use clap::{Args, Subcommand};

use super::parse_name;
use crate::remote::Kind;
use crate::remote::chroma::TokenHeader;

/// `vauth target …`.
#[derive(Debug, Subcommand)]
pub enum TargetCommand {
    /// Add a database admin endpoint (references only, never the password).
    #[command(after_long_help = "\
EXAMPLES:
    vauth target add pg-prod --kind postgres --url postgres://vauth_admin@db.internal:5432/app \\
        --admin-password-env PG_ADMIN_PASSWORD --ca-file ./db-ca.pem
    vauth target add cache --kind redis --url redis://admin@127.0.0.1:6379 \\
        --admin-password-file ./redis-admin.txt
    vauth target add wv --kind weaviate --url https://weaviate.internal:8080 \\
        --admin-key-env WEAVIATE_ADMIN_KEY --ca-file ./ca.pem
    vauth target add pc --kind pinecone --url https://api.pinecone.io --project PROJECT_ID \\
        --admin-client-id-env PINECONE_CLIENT_ID --admin-client-secret-env PINECONE_CLIENT_SECRET
    vauth target add vec --kind chroma --url http://127.0.0.1:8000 --admin-key-env CHROMA_ADMIN \\
        --credentials-file /etc/chroma/users.yaml --auth-header authorization")]
    Add(Box<TargetAddArgs>),
    /// List the configured targets.
    #[command(after_long_help = "\
EXAMPLES:
    vauth target list
    vauth --json target list")]
    List,
    /// Show one target and the credentials pushed to it.
    #[command(after_long_help = "\
EXAMPLES:
    vauth target show pg-prod")]
    Show(Lazy<TargetNameArgs>),
    /// Reach the server and check the admin credential (exit 4 with what failed).
    #[command(after_long_help = "\
EXAMPLES:
    vauth target test pg-prod
    vauth --json target test cache")]
    Test(Lazy<TargetNameArgs>),
    /// Compare state.json with what the database holds (exit 1 on a difference).
    #[command(after_long_help = "\
EXAMPLES:
    vauth target drift pg-prod
    vauth --json target drift cache")]
    Drift(Lazy<TargetNameArgs>),
    /// Remove a target from vauth.toml (nothing on the server is changed).
    #[command(after_long_help = "\
EXAMPLES:
    vauth target remove pg-old")]
    Remove(Lazy<TargetNameArgs>),
}

/// `target add`.
#[derive(Debug, Args)]
pub struct TargetAddArgs {
    /// Name of the target (letters, digits, '.', '_', '-').
    #[arg(value_name = "NAME", value_parser = parse_name)]
    pub name: String,
    /// The database kind.
    #[arg(long, value_name = "KIND")]
    pub kind: Kind,
    /// Admin endpoint, naming the admin user but no password, e.g. postgres://admin@host:5432/db.
    #[arg(long, value_name = "URL")]
    pub url: String,
    /// Environment variable that holds the admin password (postgres, redis, milvus,
    /// opensearch, elasticsearch: for the user the URL names).
    #[arg(long, value_name = "VAR", conflicts_with = "admin_password_file")]
    pub admin_password_env: Option<String>,
    /// File that holds the admin password (first line).
    #[arg(long, value_name = "FILE")]
    pub admin_password_file: Option<PathBuf>,
    /// Environment variable that holds the admin API key (qdrant, weaviate, elasticsearch,
    /// chroma).
    #[arg(long, value_name = "VAR", conflicts_with = "admin_key_file")]
    pub admin_key_env: Option<String>,
    /// File that holds the admin API key (first line).
    #[arg(long, value_name = "FILE")]
    pub admin_key_file: Option<PathBuf>,
    /// pinecone: environment variable that holds the service account's client id.
    #[arg(long, value_name = "VAR")]
    pub admin_client_id_env: Option<String>,
    /// pinecone: environment variable that holds the service account's client secret.
    #[arg(long, value_name = "VAR")]
    pub admin_client_secret_env: Option<String>,
    /// pinecone: the project whose API keys vauth manages.
    #[arg(long, value_name = "PROJECT_ID")]
    pub project: Option<String>,
    /// pinecone: the OAuth token endpoint [default: <https://login.pinecone.io/oauth/token>].
    #[arg(long, value_name = "URL")]
    pub token_url: Option<String>,
    /// chroma: the server's token credentials file (YAML) that vauth keeps.
    #[arg(long, value_name = "FILE")]
    pub credentials_file: Option<PathBuf>,
    /// chroma: the header tokens travel in, as the server's CHROMA_AUTH_TOKEN_TRANSPORT_HEADER
    /// says: authorization (`Authorization: Bearer <token>`, Chroma's default) or x-chroma-token
    /// [default: authorization].
    #[arg(long, value_name = "HEADER")]
    pub auth_header: Option<TokenHeader>,
    /// A certificate of this home (issued with --keep-key) that vauth presents to the server,
    /// for servers that require client certificates (needs TLS).
    #[arg(long, value_name = "CERT")]
    pub client_cert: Option<String>,
    /// Seconds one request may take [default: 10].
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<u64>,
    /// PEM CA that signed the server's certificate (postgres: turns TLS on, verified; https
    /// targets: the only CA trusted).
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// Allow a non-loopback host without TLS. Credentials then cross the network in the clear.
    #[arg(long)]
    pub insecure: bool,
    /// Prefix of the users/roles vauth creates on this target.
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
    /// chroma, qdrant (servers that read credentials at start-up): a command (sh -c) that hands
    /// what vauth rendered to the server and restarts it, e.g. `systemctl restart chroma`. push,
    /// key rotate and rotate apply run it, wait for the server and probe in the same run; the
    /// rendered file's path is in VAUTH_APPLY_FILE — never a secret on its argv or environment.
    #[arg(long, value_name = "CMD")]
    pub apply: Option<String>,
    /// How long to wait for the server after --apply, e.g. 90s, 5m [default: 60s].
    #[arg(long, value_name = "DURATION", requires = "apply")]
    pub restart_wait: Option<String>,
    /// Replace a target of the same name.
    #[arg(long)]
    pub force: bool,
}

/// A target name.
#[derive(Debug, Args)]
pub struct TargetNameArgs {
    /// Name of the target.
    #[arg(value_name = "NAME", value_parser = parse_name)]
    pub name: String,
}

/// `vauth push`.
#[derive(Debug, Args)]
pub struct PushArgs {
    /// The API key(s) to push (current versions; plaintexts come from the vault; several share
    /// one admin connection and one commit), or one certificate (its newest; postgres: a
    /// login role named by its CN).
    #[arg(value_name = "CREDENTIAL", value_parser = parse_name, required = true, num_args = 1..)]
    pub key: Vec<String>,
    /// CREDENTIAL names a certificate (needed only when an API key has the same name).
    #[arg(long)]
    pub cert: bool,
    /// The target (see `vauth target list`).
    #[arg(long, value_name = "TARGET", value_parser = parse_name)]
    pub to: String,
    /// postgres: a privilege for the group role, as in `GRANT <this> TO role` (repeatable),
    /// e.g. "SELECT ON items".
    #[arg(long, value_name = "PRIVILEGE")]
    pub grant: Vec<String>,
    /// redis: a key pattern the user may touch (repeatable; default: USER:*, its own keys).
    #[arg(long, value_name = "PATTERN")]
    pub pattern: Vec<String>,
    /// redis: a command rule such as +@read or -@dangerous (repeatable; default: +@read,
    /// +@write, +@connection, -@dangerous).
    #[arg(long, value_name = "RULE", allow_hyphen_values = true)]
    pub category: Vec<String>,
    /// weaviate, milvus, opensearch, pinecone: a server-side role the user or key gets
    /// (repeatable), e.g. viewer, ProjectViewer; chroma: the user's one `role:` in the
    /// credentials file (simple RBAC; kept when a later push names none); postgres
    /// certificates: a group role the CN role joins (e.g. the +group of a `hostssl … cert`
    /// line).
    #[arg(long, value_name = "ROLE")]
    pub role: Vec<String>,
    /// elasticsearch: a JSON file holding the API key's `role_descriptors` object.
    #[arg(long, value_name = "FILE")]
    pub role_descriptors: Option<PathBuf>,
    /// Take over an existing user/role of this name that vauth did not create.
    #[arg(long, value_name = "NAME")]
    pub adopt: Option<String>,
    /// Print the commands that would run (secrets as ****) and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Run CMD (through sh -c) after a successful push, e.g. to restart the consumer. It gets
    /// VAUTH_EVENT=push, VAUTH_KEY, VAUTH_VERSION, VAUTH_TARGET, VAUTH_USER — never the secret.
    #[arg(long, value_name = "CMD", conflicts_with = "dry_run")]
    pub exec: Option<String>,
}
