//! JWT signing keys: a new version (kid) with its private part sealed in the vault. `jwt key
//! create|rotate` and `rotate apply` share it.

use crate::error::{Error, Result};
use crate::jwt::{self, Alg};
use crate::store::Session;
use crate::store::state::{JwtKey, JwtKeyVersion};

/// Add a new version of `alg` to key `name` (creating the key), its private part in the vault.
pub fn add_version(
    s: &mut Session,
    name: &str,
    alg: Alg,
    rsa_bits: Option<u32>,
) -> Result<JwtKeyVersion> {
    let new = jwt::generate(alg, rsa_bits).map_err(|e| Error::state(e.to_string()))?;
    let now = s.now;
    let next = crate::lifecycle::next_version(
        name,
        s.state
            .jwt_keys
            .get(name)
            .and_then(|k| k.versions.last())
            .map(|v| v.version),
    )?;
    let v = JwtKeyVersion {
        version: next,
        kid: new.kid.clone(),
        created: now,
        public_jwk: new.public_jwk.clone(),
        grace_until: None,
        retired_at: None,
    };
    s.vault()?.put(&v.vault_entry(name), new.secret)?;
    let k = s
        .state
        .jwt_keys
        .entry(name.to_string())
        .or_insert_with(|| JwtKey {
            name: name.to_string(),
            alg,
            rsa_bits,
            created: now,
            versions: Vec::new(),
        });
    k.versions.push(v.clone());
    Ok(v)
}
