//! `vauth.toml`: the human-edited configuration in the home. Holds defaults only, never a secret.
//!
//! This module parses and validates bytes; reading and writing the file is `store`'s job.

pub mod policy;

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
    pub target: std::collections::BTreeMap<String, crate::remote::TargetConfig>,
    /// Rotation policies (`[[policy]]`), read by `vauth rotate` and `vauth check`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policy: Vec<policy::Policy>,
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
pub const JWT_LIFETIME: Span = Span::from_seconds(15 * 60);
/// Default maximum lifetime of minted tokens.
pub const JWT_MAX_LIFETIME: Span = Span::from_seconds(24 * 3600);

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
    /// Parse and validate `vauth.toml`'s text (errors name it `vauth.toml`).
    pub fn parse(text: &str) -> Result<Config> {
        Config::parse_file(text, "vauth.toml")
    }

    /// Parse and validate the text of the file at `path` (shown in errors): an error names the
    /// line, column and key, and the hint says which line of which file to fix.
    pub fn parse_file(text: &str, path: &str) -> Result<Config> {
        let cfg = Config::parse_unchecked(text, path)?;
        cfg.validate().map_err(|(e, key)| {
            let hint = e.hint_text().unwrap_or("correct it");
            match key.and_then(|k| Some((line_of(text, &k)?, k))) {
                Some((line, key)) => {
                    let what = e.message();
                    let what = what
                        .strip_prefix(&format!("vauth.toml: {key}: "))
                        .unwrap_or(what);
                    Error::state(format!(
                        "vauth.toml is not valid at line {line}, key {key}: {what}"
                    ))
                    .hint(format!("fix line {line} of {path}: {hint}"))
                }
                None => Error::state(e.message()).hint(format!("{hint} in {path}")),
            }
        })?;
        Ok(cfg)
    }

    fn parse_unchecked(text: &str, path: &str) -> Result<Config> {
        toml::from_str(text).map_err(|e| toml_error(&e, text, path))
    }

    /// The checks serde cannot express. An error comes with the dotted key (or table) it is
    /// about, when there is one, so the caller can point at its line.
    fn validate(&self) -> std::result::Result<(), (Error, Option<String>)> {
        let at = |key: &str| Some(key.to_string());
        if let Some(p) = &self.keys.prefix {
            crate::apikey::validate_prefix(p).map_err(|e| {
                (
                    Error::state(format!("vauth.toml: keys.prefix: {e}"))
                        .hint("use 1-16 lowercase letters or digits, starting with a letter"),
                    at("keys.prefix"),
                )
            })?;
        }
        for (field, v, parse) in [
            (
                "keys.expires",
                &self.keys.expires,
                timefmt::parse_span as fn(&str) -> _,
            ),
            ("keys.grace", &self.keys.grace, timefmt::parse_grace),
            ("jwt.lifetime", &self.jwt.lifetime, timefmt::parse_span),
            (
                "jwt.max_lifetime",
                &self.jwt.max_lifetime,
                timefmt::parse_span,
            ),
        ] {
            if let Some(v) = v {
                parse(v).map_err(|e| {
                    (
                        Error::state(format!("vauth.toml: {field}: {e}"))
                            .hint("write a duration such as 30s, 15m, 24h, 90d or 1y"),
                        at(field),
                    )
                })?;
            }
        }
        for (name, t) in &self.target {
            t.validate().map_err(|e| {
                (
                    Error::state(format!("vauth.toml: target.{name}: {e}")).hint(
                        "fix the table, or `vauth target remove` the target and add it again",
                    ),
                    at(&format!("target.{name}")),
                )
            })?;
        }
        let mut seen = std::collections::BTreeSet::new();
        for p in &self.policy {
            p.validate().map_err(|e| {
                (
                    Error::state(format!("vauth.toml: policy for {:?}: {e}", p.credential))
                        .hint("fix that [[policy]] table"),
                    None,
                )
            })?;
            if !seen.insert(p.credential.clone()) {
                return Err((
                    Error::state(format!(
                        "vauth.toml: two [[policy]] tables for {:?}",
                        p.credential
                    ))
                    .hint("keep one policy per credential"),
                    None,
                ));
            }
            for t in p.targets.iter().flatten() {
                if !self.target.contains_key(t) {
                    return Err((
                        Error::state(format!(
                            "vauth.toml: policy for {:?}: no target named {t:?}",
                            p.credential
                        ))
                        .hint("add it with `vauth target add`, or fix the policy's targets"),
                        None,
                    ));
                }
            }
        }
        if self.jwt_lifetime().seconds() > self.jwt_max_lifetime().seconds() {
            return Err((
                Error::state("vauth.toml: jwt.lifetime is longer than jwt.max_lifetime")
                    .hint("shorten jwt.lifetime or raise jwt.max_lifetime"),
                at("jwt.lifetime"),
            ));
        }
        Ok(())
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

/// A TOML error as one line: where (line, column, key) and what; the hint names the line and
/// the file to fix.
fn toml_error(e: &toml::de::Error, text: &str, path: &str) -> Error {
    let what = e.message().trim().trim_end_matches('.').replace('\n', "; ");
    match e.span() {
        Some(span) => {
            let (line, column) = line_col(text, span.start);
            let key = key_at(text, span.start)
                .map(|k| format!(", key {k}"))
                .unwrap_or_default();
            Error::state(format!(
                "vauth.toml is not valid at line {line}, column {column}{key}: {what}"
            ))
            .hint(format!("fix line {line} of {path}"))
        }
        None => {
            // Without a position toml names the key in its rendering ("in `keys.grace`").
            let shown = e.to_string();
            let key = shown
                .lines()
                .find_map(|l| l.trim().strip_prefix("in `")?.strip_suffix('`'))
                .map(|k| format!(" (key {k})"))
                .unwrap_or_default();
            Error::state(format!("vauth.toml is not valid{key}: {what}"))
                .hint(format!("fix {path}"))
        }
    }
}

/// 1-based line and column (in characters) of byte `offset`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// The name of a `[table]` / `[[array]]` header line, if `line` is one.
fn header(line: &str) -> Option<&str> {
    let t = line.trim();
    let inner = t.strip_prefix("[[").and_then(|r| r.split("]]").next());
    let inner = inner.or_else(|| t.strip_prefix('[').and_then(|r| r.split(']').next()))?;
    Some(inner.trim())
}

/// The dotted key of the line holding byte `offset`: its table and the key before `=`, or the
/// table itself on a header line.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let (line_no, _) = line_col(text, offset);
    let lines: Vec<&str> = text.lines().collect();
    let line = lines.get(line_no.checked_sub(1)?)?;
    if let Some(h) = header(line) {
        return Some(h.to_string());
    }
    let (k, _) = line.split_once('=')?;
    let k = k.trim();
    if k.is_empty() || k.starts_with('#') {
        return None;
    }
    let table = lines[..line_no - 1].iter().rev().find_map(|l| header(l));
    Some(match table {
        Some(t) if !t.is_empty() => format!("{t}.{k}"),
        _ => k.to_string(),
    })
}

/// The 1-based line where dotted `key` is set (or where table `key` begins), if found.
fn line_of(text: &str, key: &str) -> Option<usize> {
    let mut table = String::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(h) = header(line) {
            table = h.to_string();
            if table == key {
                return Some(i + 1);
            }
            continue;
        }
        let Some((k, _)) = line.split_once('=') else {
            continue;
        };
        let k = k.trim();
        if k.starts_with('#') {
            continue;
        }
        let full = if table.is_empty() {
            k.to_string()
        } else {
            format!("{table}.{k}")
        };
        if full == key {
            return Some(i + 1);
        }
    }
    None
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
