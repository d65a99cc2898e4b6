//! `vauth key verify [NAME]`: exit 0 valid, 1 invalid with the reason.

use serde::Serialize;

use super::Ctx;
use crate::apikey::{MAX_KEY_LEN, ParseError};
use crate::cli::key::VerifyArgs;
use crate::error::{Outcome, Result};
use crate::store::OpenMode;
use crate::store::state::{ApiKey, KeyVersion, State, Status};
use crate::timefmt::rfc3339;

#[derive(Serialize, Debug, PartialEq)]
struct Verdict {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    at: String,
}

/// Who a verdict is about: name, version, status.
type Who = (String, u32, Status);
/// Why a key is invalid: who (when known), reason code, message.
type Why = (Option<Who>, &'static str, String);

fn invalid(reason: &'static str, message: String) -> Why {
    (None, reason, message)
}

/// Decide validity. Pure: state, presented key, name filter, time.
fn decide(
    state: &State,
    key: &str,
    name: Option<&str>,
    at: time::OffsetDateTime,
) -> Result<std::result::Result<Who, Why>> {
    if key.len() > MAX_KEY_LEN {
        return Ok(Err(invalid(
            "malformed",
            format!("the input is longer than {MAX_KEY_LEN} bytes"),
        )));
    }
    let digest = crate::apikey::digest_hex(key);
    let found: Option<(&ApiKey, &KeyVersion)> = match crate::apikey::parse(key) {
        Ok(p) => match state.find_by_id(p.id)? {
            Some((k, v)) => {
                if !crate::apikey::matches(key, &v.sha256) {
                    return Ok(Err(invalid(
                        "mismatch",
                        format!("the id {} is known but the secret does not match", p.id),
                    )));
                }
                Some((k, v))
            }
            None => state.find_by_digest(&digest)?,
        },
        Err(ParseError::BadChecksum) => {
            return Ok(Err(invalid(
                "bad_checksum",
                ParseError::BadChecksum.to_string(),
            )));
        }
        Err(e @ ParseError::Malformed(_)) => match state.find_by_digest(&digest)? {
            Some(f) => Some(f),
            None => return Ok(Err(invalid("malformed", e.to_string()))),
        },
    };
    let Some((k, v)) = found else {
        return Ok(Err(invalid(
            "unknown_id",
            "no key with this id is registered here".into(),
        )));
    };
    Ok(judge(&k.name, v, name, at))
}

/// The verdict on a found version of key `key_name`: the name filter, then its status at `at`.
fn judge(
    key_name: &str,
    v: &KeyVersion,
    name: Option<&str>,
    at: time::OffsetDateTime,
) -> std::result::Result<Who, Why> {
    if let Some(n) = name
        && key_name != n
    {
        return Err(invalid(
            "wrong_name",
            format!("the key is not a version of {n}"),
        ));
    }
    let status = v.status(at);
    let who = Some((key_name.to_string(), v.version, status));
    match status {
        Status::Active | Status::Grace => Ok((key_name.to_string(), v.version, status)),
        Status::Revoked => Err((
            who,
            "revoked",
            format!(
                "{} v{} was revoked at {}{}",
                key_name,
                v.version,
                v.revoked_at.map(rfc3339).unwrap_or_default(),
                v.revoked_reason
                    .as_deref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default()
            ),
        )),
        Status::Expired => Err((
            who,
            "expired",
            format!(
                "{} v{} expired at {}",
                key_name,
                v.version,
                v.expires.map(rfc3339).unwrap_or_default()
            ),
        )),
        Status::Retired => Err((
            who,
            "outside_grace",
            format!(
                "{} v{} was replaced and its grace ended at {}",
                key_name,
                v.version,
                v.grace_until.map(rfc3339).unwrap_or_default()
            ),
        )),
    }
}

/// Run `vauth key verify`.
pub(super) fn run(ctx: &Ctx<'_>, args: &VerifyArgs) -> Result<Outcome> {
    let key = crate::secret::read_key_input(
        args.key_file.as_deref(),
        MAX_KEY_LEN as u64 + 1,
        "API key to verify",
    )?;
    let at = args.at.map_or(ctx.now, |a| a.resolve(ctx.now));
    let mut s = ctx.open(OpenMode::Read)?;
    // The registry answers "valid" only after its integrity tag checks out (the tag covers the
    // hash of every bucket, and each bucket read is checked against its hash), or when it is
    // the state this machine last wrote or checked: then no vault is needed.
    s.verify_state_noted()?;
    // A well-formed key is found through the id index (one bucket of it, then the key's
    // bucket), whatever the size of the home. Anything it cannot answer walks the registry.
    if key.len() <= MAX_KEY_LEN
        && let Ok(p) = crate::apikey::parse(&key)
        && let Some((k, v)) = s.state.find_by_id(p.id)?
        && args.name.as_ref().is_none_or(|n| *n == k.name)
    {
        let outcome = if crate::apikey::matches(&key, &v.sha256) {
            judge(&k.name, v, None, at)
        } else {
            Err(invalid(
                "mismatch",
                format!("the id {} is known but the secret does not match", p.id),
            ))
        };
        return report(ctx, outcome, at);
    }
    if let Some(n) = &args.name
        && !s.state.api_keys.contains_key(n)?
    {
        return Err(crate::lifecycle::keys::unknown(n));
    }
    let verdict = decide(&s.state, &key, args.name.as_deref(), at)?;
    report(ctx, verdict, at)
}

/// Print the verdict; exit 0 valid, 1 invalid.
fn report(
    ctx: &Ctx<'_>,
    outcome: std::result::Result<Who, Why>,
    at: time::OffsetDateTime,
) -> Result<Outcome> {
    let verdict = match outcome {
        Ok((name, version, status)) => Verdict {
            ok: true,
            reason: None,
            message: format!("{name} v{version} is {}", status.as_str()),
            name: Some(name),
            version: Some(version),
            status: Some(status.as_str()),
            at: rfc3339(at),
        },
        Err((who, reason, message)) => Verdict {
            ok: false,
            reason: Some(reason),
            message,
            name: who.as_ref().map(|w| w.0.clone()),
            version: who.as_ref().map(|w| w.1),
            status: who.as_ref().map(|w| w.2.as_str()),
            at: rfc3339(at),
        },
    };
    super::super::report_verdict(ctx, &verdict, verdict.ok, verdict.reason, &verdict.message)
}
