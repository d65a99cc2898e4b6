//! `vauth.toml`: the human-edited configuration in the home. Holds defaults only, never a secret.
//!
//! This module parses and validates bytes; reading and writing the file is `store`'s job.

pub mod env;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::timefmt::{self, Span};

/// The parsed `vauth.toml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Defaults for API keys.
    #[serde(default)]
    pub keys: KeyDefaults,
    /// Limits and defaults for JWTs.
    #[serde(default)]
    pub jwt: JwtDefaults,
    /// Database admin endpoints (`[target.NAME]`), managed by `vauth target add/remove`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub target: std::collections::BTreeMap<String, crate::target::TargetConfig>,
    /// Rotation policies (`[[policy]]`), read by `vauth rotate` and `vauth check`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policy: Vec<crate::rotate::Policy>,
}

/// `[jwt]` table.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct JwtDefaults {
    /// Lifetime of minted tokens when `--exp` is not given (default 15m).
    pub lifetime: Option<String>,
    /// The longest lifetime `jwt sign` allows (default 24h); also the default rotation grace.
    pub max_lifetime: Option<String>,
}

/// Default lifetime of minted tokens.
pub const JWT_LIFETIME: Span = Span::from_seconds_const(15 * 60);
/// Default maximum lifetime of minted tokens.
pub const JWT_MAX_LIFETIME: Span = Span::from_seconds_const(24 * 3600);

/// `[keys]` table.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KeyDefaults {
    /// Prefix of new keys (default `vk`).
    pub prefix: Option<String>,
    /// Default lifetime of new keys, e.g. `90d`; unset = no expiry.
    pub expires: Option<String>,
    /// Default grace of `key rotate`, e.g. `24h`.
    pub grace: Option<String>,
}

/// The text `vauth init` writes.
pub const DEFAULT_TOML: &str = r#"# vauth configuration. Human-edited; holds defaults and references, never a secret.

[keys]
# prefix = "vk"        # prefix of new API keys: <prefix>_<id>_<secret><check>
# expires = "90d"      # default lifetime of new keys (unset: no expiry)
# grace = "24h"        # default overlap of `vauth key rotate`

[jwt]
# lifetime = "15m"     # exp of `vauth jwt sign` when --exp is not given
# max_lifetime = "24h" # longer tokens are refused; also the default grace of `jwt key rotate`
"#;

impl Config {
    /// Parse and validate `vauth.toml`'s text.
    pub fn parse(text: &str) -> Result<Config> {
        let cfg: Config = toml::from_str(text).map_err(|e| {
            Error::state(format!(
                "vauth.toml is not valid: {}",
                e.message().trim_end_matches('.')
            ))
            .hint("fix vauth.toml in the home (see `vauth status` for its path)")
        })?;
        if let Some(p) = &cfg.keys.prefix {
            crate::apikey::validate_prefix(p).map_err(|e| {
                Error::state(format!("vauth.toml: keys.prefix: {e}"))
                    .hint("use 1-16 lowercase letters or digits, starting with a letter")
            })?;
        }
        for (field, v) in [
            ("keys.expires", &cfg.keys.expires),
            ("keys.grace", &cfg.keys.grace),
            ("jwt.lifetime", &cfg.jwt.lifetime),
            ("jwt.max_lifetime", &cfg.jwt.max_lifetime),
        ] {
            if let Some(v) = v {
                timefmt::parse_span(v).map_err(|e| {
                    Error::state(format!("vauth.toml: {field}: {e}"))
                        .hint("write a duration such as 30s, 15m, 24h, 90d or 1y")
                })?;
            }
        }
        for (name, t) in &cfg.target {
            t.validate().map_err(|e| {
                Error::state(format!("vauth.toml: target.{name}: {e}"))
                    .hint("fix the table in vauth.toml, or `vauth target remove` and add it again")
            })?;
        }
        let mut seen = std::collections::BTreeSet::new();
        for p in &cfg.policy {
            p.validate().map_err(|e| {
                Error::state(format!("vauth.toml: policy for {:?}: {e}", p.credential))
                    .hint("fix the [[policy]] table in vauth.toml")
            })?;
            if !seen.insert(p.credential.clone()) {
                return Err(Error::state(format!(
                    "vauth.toml: two [[policy]] tables for {:?}",
                    p.credential
                ))
                .hint("keep one policy per credential"));
            }
            for t in p.targets.iter().flatten() {
                if !cfg.target.contains_key(t) {
                    return Err(Error::state(format!(
                        "vauth.toml: policy for {:?}: no target named {t:?}",
                        p.credential
                    ))
                    .hint("add it with `vauth target add`, or fix the policy's targets"));
                }
            }
        }
        if cfg.jwt_lifetime().seconds() > cfg.jwt_max_lifetime().seconds() {
            return Err(
                Error::state("vauth.toml: jwt.lifetime is longer than jwt.max_lifetime")
                    .hint("shorten jwt.lifetime or raise jwt.max_lifetime"),
            );
        }
        Ok(cfg)
    }

    /// The configured default lifetime of new keys.
    pub fn key_expires(&self) -> Option<Span> {
        self.keys
            .expires
            .as_deref()
            .and_then(|s| timefmt::parse_span(s).ok())
    }

    /// The configured default grace of rotations.
    pub fn key_grace(&self) -> Option<Span> {
        self.keys
            .grace
            .as_deref()
            .and_then(|s| timefmt::parse_span(s).ok())
    }
}

impl Config {
    /// Lifetime of minted tokens without `--exp`.
    pub fn jwt_lifetime(&self) -> Span {
        self.jwt
            .lifetime
            .as_deref()
            .and_then(|s| timefmt::parse_span(s).ok())
            .unwrap_or(JWT_LIFETIME)
    }

    /// The longest token lifetime allowed.
    pub fn jwt_max_lifetime(&self) -> Span {
        self.jwt
            .max_lifetime
            .as_deref()
            .and_then(|s| timefmt::parse_span(s).ok())
            .unwrap_or(JWT_MAX_LIFETIME)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_text_parses() {
        let c = Config::parse(DEFAULT_TOML).unwrap();
        assert!(c.keys.prefix.is_none());
    }

    #[test]
    fn rejects_unknown_fields_and_bad_values() {
        assert!(Config::parse("[keys]\nsecret = \"x\"\n").is_err());
        assert!(Config::parse("[keys]\nprefix = \"Bad_\"\n").is_err());
        assert!(Config::parse("[keys]\ngrace = \"soon\"\n").is_err());
        let c = Config::parse("[keys]\nprefix = \"qd\"\ngrace = \"2h\"\n").unwrap();
        assert_eq!(c.key_grace().unwrap().seconds(), 7200);
    }
}
