//! API keys in the registry: looking one up, adding a version, reading a kept plaintext back
//! from the vault, and the variable name a key is handed out under.

use time::OffsetDateTime;
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result};
use crate::store::Session;
use crate::store::state::{ApiKey, KeyVersion, Origin};
use crate::timefmt::rfc3339;

/// The error for an unknown key name.
pub fn unknown(name: &str) -> Error {
    Error::new(ErrorKind::NotFound, format!("no API key named {name:?}"))
        .hint("see `vauth key list` for the names in this home")
}

/// Look a key up by name.
pub fn find<'a>(s: &'a Session, name: &str) -> Result<&'a ApiKey> {
    s.state.api_keys.get(name)?.ok_or_else(|| unknown(name))
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
    let entry = s.state.api_keys.get_or_insert_with(name, || ApiKey {
        name: name.to_string(),
        prefix: None,
        scopes: Vec::new(),
        labels: Default::default(),
        created: now,
        versions: Vec::new(),
    })?;
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
        revoked_reason: None,
        pushed: Vec::new(),
    };
    entry.versions.push(v.clone());
    if keep {
        let entry_name = v.vault_entry(name);
        s.vault()?
            .put(&entry_name, Zeroizing::new(key.to_string()))?;
    }
    Ok(v)
}

/// A live version a rotation of its key ends: the rule of 2 keeps at most two versions of an API
/// key live — the current one and the one before it, in its grace — so rotating again ends every
/// older one (and so, on each target, at most two credentials per key live).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ending {
    /// The version.
    pub version: u32,
    /// The end of its grace, when that is still to come: a consumer may still use it, and ending
    /// it needs a confirmation.
    pub in_grace_until: Option<OffsetDateTime>,
}

/// The versions of `k` a rotation at `now` ends: every version not revoked, but the current one.
pub fn to_end(k: &ApiKey, now: OffsetDateTime) -> Vec<Ending> {
    let cur = k.current().map(|v| v.version);
    k.versions
        .iter()
        .filter(|v| v.revoked_at.is_none() && Some(v.version) != cur)
        .map(|v| Ending {
            version: v.version,
            in_grace_until: v
                .grace_until
                .filter(|_| v.status(now) == crate::store::state::Status::Grace),
        })
        .collect()
}

/// Refuse to rotate key `name` to version `to` when that ends a version still in its grace,
/// unless `confirm` (asked with the question) says yes: exit 2 naming the version and when its
/// grace ends. Versions whose grace is over need no confirmation.
pub fn confirm_ending(
    name: &str,
    ending: &[Ending],
    to: u32,
    confirm: impl FnOnce(&str) -> Result<bool>,
) -> Result<()> {
    let live: Vec<(u32, OffsetDateTime)> = ending
        .iter()
        .filter_map(|e| e.in_grace_until.map(|g| (e.version, g)))
        .collect();
    let Some(until) = live.iter().map(|x| x.1).max() else {
        return Ok(());
    };
    let list = live
        .iter()
        .map(|(v, g)| format!("v{v} (grace until {})", rfc3339(*g)))
        .collect::<Vec<_>>()
        .join(", ");
    let question = format!(
        "Rotating {name} to v{to} ends {list} now: at most two versions stay live. Continue?"
    );
    if confirm(&question)? {
        return Ok(());
    }
    Err(Error::usage(format!(
        "{name} {list} is still in its grace: rotating to v{to} now would end it (at most two versions live: the current one and one in grace); nothing was changed"
    ))
    .hint(format!(
        "pass --yes to end it now, or wait until {}",
        rfc3339(until)
    )))
}

/// Record the versions `ending` of `name` revoked now, ended by the rotation to `to` (with the
/// reason). Returns their numbers. Taking them back on their targets is the caller's, once `to`
/// is current and verified there.
pub fn end_versions(s: &mut Session, name: &str, ending: &[Ending], to: u32) -> Result<Vec<u32>> {
    let now = s.now;
    let mut done = Vec::new();
    for e in ending {
        if let Some(v) = s.state.key_version_mut(name, e.version)? {
            v.end(to, e.in_grace_until.is_some(), now);
            done.push(e.version);
        }
    }
    Ok(done)
}

/// The versions of `name` the rotation to `to` ended.
pub fn ended_by(s: &Session, name: &str, to: u32) -> Result<Vec<u32>> {
    Ok(s.state.api_keys.get(name)?.map_or_else(Vec::new, |k| {
        k.versions
            .iter()
            .filter(|v| v.ended_by(to))
            .map(|v| v.version)
            .collect()
    }))
}

/// Take back on their targets the versions of `name` the rotation to `to` ended that are still
/// pushed somewhere (`revoke_remote`: only where a newer version is verified). Call it once `to`
/// is current and verified; the caller commits. Returns those versions, the commands run and the
/// first error (a version left out there is taken back by the next `rotate finalize` or
/// `key revoke NAME --version N`).
pub fn take_back_ended(
    s: &mut Session,
    name: &str,
    to: u32,
) -> Result<(Vec<u32>, Vec<String>, Option<Error>)> {
    let vs: Vec<u32> = s.state.api_keys.get(name)?.map_or_else(Vec::new, |k| {
        k.versions
            .iter()
            .filter(|v| v.ended_by(to) && v.pushed.iter().any(|p| p.revoked_at.is_none()))
            .map(|v| v.version)
            .collect()
    });
    if vs.is_empty() {
        return Ok((vs, Vec::new(), None));
    }
    let (log, err) = super::revoke::revoke_remote(s, name, &vs, false);
    Ok((vs, log, err))
}

/// `[1, 2]` as `1,2` (audit details).
pub fn joined(vs: &[u32]) -> String {
    vs.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
}

/// `[1, 2]` as `v1, v2`, for messages and audit lines.
pub fn versions_list(vs: &[u32]) -> String {
    vs.iter()
        .map(|v| format!("v{v}"))
        .collect::<Vec<_>>()
        .join(", ")
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
        .get(&entry)?
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
    fn rule_of_two_ends_every_older_live_version_and_asks_only_inside_a_grace() {
        let now = time::OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        let mut k = ApiKey {
            name: "k".into(),
            prefix: None,
            scopes: Vec::new(),
            labels: Default::default(),
            created: now,
            versions: (1..=4).map(crate::store::state::tests::version).collect(),
        };
        k.versions[0].revoked_at = Some(now);
        k.versions[1].grace_until = Some(now - time::Duration::seconds(1));
        k.versions[2].grace_until = Some(now + time::Duration::hours(1));
        let e = to_end(&k, now);
        assert_eq!(
            e.iter()
                .map(|x| (x.version, x.in_grace_until.is_some()))
                .collect::<Vec<_>>(),
            vec![(2, false), (3, true)]
        );
        let err = confirm_ending("k", &e, 5, |_| Ok(false)).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(
            err.message().contains("k v3 (grace until "),
            "{}",
            err.message()
        );
        assert!(confirm_ending("k", &e, 5, |_| Ok(true)).is_ok());
        assert!(confirm_ending("k", &e[..1], 5, |_| unreachable!()).is_ok());
        k.versions[2].end(5, true, now);
        assert!(k.versions[2].ended_by(5) && !k.versions[2].ended_by(50));
        assert_eq!(
            k.versions[2].status(now),
            crate::store::state::Status::Revoked
        );
    }

    #[test]
    fn variable_names() {
        assert_eq!(default_var("qdrant-prod"), "QDRANT_PROD");
        assert_eq!(default_var("a.b"), "A_B");
        assert_eq!(default_var("1x"), "KEY_1X");
    }
}
