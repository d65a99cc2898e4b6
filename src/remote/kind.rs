//! The database kinds vauth pushes to, and what each takes.

use serde::{Deserialize, Serialize};

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
