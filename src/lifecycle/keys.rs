//! API keys in the registry: looking one up, adding a version, reading a kept plaintext back
//! from the vault, and the variable name a key is handed out under.

use time::OffsetDateTime;
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result};
use crate::store::Session;
use crate::store::state::{ApiKey, KeyVersion, Origin};

/// The error for an unknown key name.
pub fn unknown(name: &str) -> Error {
    Error::new(ErrorKind::NotFound, format!("no API key named {name:?}"))
        .hint("see `vauth key list` for the names in this home")
}

/// Look a key up by name.
pub fn find<'a>(s: &'a Session, name: &str) -> Result<&'a ApiKey> {
    s.state.api_keys.get(name).ok_or_else(|| unknown(name))
}

/// Add a new version holding `key` to the registry entry `name` (created if absent), keep the
/// plaintext in the vault when asked, and return the version.
pub fn add_version(
    s: &mut Session,
    name: &str,
    key: &Zeroizing<String>,
    origin: Origin,
    keep: bool,
    expires: Option<OffsetDateTime>,
) -> Result<KeyVersion> {
    let now = s.now;
    let parsed = crate::apikey::parse(key).ok();
    let entry = s
        .state
        .api_keys
        .entry(name.to_string())
        .or_insert_with(|| ApiKey {
            name: name.to_string(),
            prefix: None,
            scopes: Vec::new(),
            labels: Default::default(),
            created: now,
            versions: Vec::new(),
        });
    if let Some(p) = parsed {
        entry.prefix = Some(p.prefix.to_string());
    }
    let version = super::next_version(name, entry.versions.last().map(|v| v.version))?;
    let v = KeyVersion {
        version,
        id: parsed.map(|p| p.id.to_string()),
        sha256: crate::apikey::digest_hex(key),
        origin,
        kept: keep,
        created: now,
        expires,
        grace_until: None,
        revoked_at: None,
        pushed: Vec::new(),
    };
    entry.versions.push(v.clone());
    if keep {
        let entry_name = v.vault_entry(name);
        s.vault()?.put(&entry_name, Zeroizing::new(key.to_string()));
    }
    Ok(v)
}

/// The plaintext of a kept version, from the vault.
pub fn plaintext(s: &mut Session, name: &str, v: &KeyVersion) -> Result<Zeroizing<String>> {
    if !v.kept {
        return Err(Error::state(format!(
            "{name} v{} was made with --no-keep: vauth has only its hash and cannot push it",
            v.version
        ))
        .hint(format!(
            "rotate it (`vauth key rotate {name}`) to get a version vauth keeps"
        )));
    }
    let entry = v.vault_entry(name);
    s.vault()?
        .get(&entry)
        .map(|p| Zeroizing::new(p.to_string()))
        .ok_or_else(|| {
            Error::vault(format!(
                "the vault has no plaintext for {name} v{}",
                v.version
            ))
            .hint("restore secrets.vault, or rotate the key")
        })
}

/// The default variable name for a key: upper-case, `-`/`.` as `_`.
pub fn default_var(name: &str) -> String {
    let mut v: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if v.starts_with(|c: char| c.is_ascii_digit()) {
        v.insert_str(0, "KEY_");
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_names() {
        assert_eq!(default_var("qdrant-prod"), "QDRANT_PROD");
        assert_eq!(default_var("a.b"), "A_B");
        assert_eq!(default_var("1x"), "KEY_1X");
    }
}
