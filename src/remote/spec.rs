//! What flows through the [`super::Target`] contract: what to push, what was applied, what to
//! take back, what the database holds, and the name a key gets there.

use time::OffsetDateTime;

use super::Kind;

/// What to push: one API-key version as the password of a database user.
#[derive(Debug, Clone)]
pub struct PushSpec {
    /// The base remote name (group role / ACL user), prefix applied.
    pub name: String,
    /// The key version being pushed.
    pub version: u32,
    /// When the credential stops being valid (postgres `VALID UNTIL`).
    pub valid_until: Option<OffsetDateTime>,
    /// The time of this run (`Ctx.now`): an API that takes a lifetime instead of an end
    /// (Elasticsearch's `expiration`) gets `valid_until - now`.
    pub now: OffsetDateTime,
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
    /// The key's scopes (`key create --scope`): qdrant writes only a key scoped `admin`, as its
    /// `alt_api_key` (a second master key).
    pub scopes: Vec<String>,
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

/// One pushed credential as state.json records it, for [`crate::remote::Target::held`].
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            remote_name(Kind::Postgres, Some("v_"), "App-Key.1"),
            "v_app_key_1"
        );
        assert_eq!(remote_name(Kind::Redis, None, "app-key"), "app-key");
    }
}
