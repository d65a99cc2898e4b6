//! `vauth jwt verify`: exit 0 valid, 1 invalid with the reason, 3 when the key or file cannot be
//! read. The key pins the algorithm; the token never chooses it.

use jsonwebtoken::DecodingKey;
use serde::Serialize;
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::{Ctx, external_alg, external_secret, find, private_part, read_token};
use crate::cli::jwt::VerifyArgs;
use crate::error::{Error, Outcome, Result};
use crate::jwt::claims::{self, MAX_LEEWAY, Rules};
use crate::jwt::{self, Alg};
use crate::store::OpenMode;
use crate::store::state::Status;
use crate::timefmt::rfc3339;

/// The answer, as `--json` prints it.
#[derive(Serialize, Debug)]
struct Verdict {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    alg: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    claims: Option<Map<String, Value>>,
    at: String,
}

/// Why a token is invalid.
struct Invalid {
    reason: &'static str,
    message: String,
}

fn invalid(reason: &'static str, message: impl Into<String>) -> Invalid {
    Invalid {
        reason,
        message: message.into(),
    }
}

/// Where the verifying key comes from, loaded (everything that can fail with exit 3 is done).
enum Source {
    /// A vauth key: its versions' keys.
    Named {
        name: String,
        alg: Alg,
        versions: Vec<(u32, String, Status, Option<DecodingKey>)>,
    },
    /// A JWKS file's keys.
    Jwks(Vec<Value>),
    /// One key with a pinned algorithm.
    Single(DecodingKey, Alg, String),
}

fn load_source(ctx: &Ctx<'_>, a: &VerifyArgs, at: OffsetDateTime) -> Result<Source> {
    if let Some(name) = &a.source.key {
        let mut s = ctx.open(OpenMode::Read)?;
        // An HMAC key's secret is in the vault: open it before the integrity check, which then
        // takes the state key from the open vault instead of reading and unwrapping it twice.
        let hmac = find(&s, name).is_ok_and(|k| {
            k.versions
                .iter()
                .any(|v| v.public_jwk.is_none() && v.status(at).is_valid())
        });
        if hmac {
            s.vault()?;
        }
        s.verify_state()?;
        let k = find(&s, name)?.clone();
        let mut versions = Vec::new();
        for v in &k.versions {
            let status = v.status(at);
            let key =
                if !status.is_valid() {
                    None
                } else if let Some(jwk) = &v.public_jwk {
                    Some(jwt::jwk_decoding_key(jwk).map_err(|e| {
                        Error::state(format!("state.json: {name} v{}: {e}", v.version))
                    })?)
                } else {
                    let secret = private_part(&mut s, name, v)?;
                    Some(jwt::hmac_decoding_key(&secret).map_err(|e| Error::vault(e.to_string()))?)
                };
            versions.push((v.version, v.kid.clone(), status, key));
        }
        return Ok(Source::Named {
            name: name.clone(),
            alg: k.alg,
            versions,
        });
    }
    if let Some(src) = &a.jwks {
        const MAX_JWKS: usize = 4 * 1024 * 1024;
        // Anything written as `scheme://…` or `http(s):…` is a URL (and must be https, or http
        // to loopback: crate::net::url's rules).
        let lower = src.to_ascii_lowercase();
        let remote =
            src.contains("://") || lower.starts_with("http:") || lower.starts_with("https:");
        let bytes = if remote {
            crate::net::get(src, a.ca_file.as_deref(), MAX_JWKS)?
        } else {
            let p = std::path::Path::new(src);
            crate::fsutil::read_limited(p, MAX_JWKS as u64).map_err(|e| Error::io("read", p, &e))?
        };
        let p = std::path::Path::new(src);
        let set: Value = serde_json::from_slice(&bytes).map_err(|e| {
            Error::input(format!("{} is not JSON: {e}", p.display()))
                .hint("pass a JWKS file: {\"keys\": [...]}")
        })?;
        let keys = set
            .get("keys")
            .and_then(Value::as_array)
            .cloned()
            .ok_or_else(|| {
                Error::input(format!("{} has no \"keys\" array", p.display()))
                    .hint("pass a JWKS file: {\"keys\": [...]}")
            })?;
        return Ok(Source::Jwks(keys));
    }
    if let Some(p) = &a.pem {
        let bytes =
            crate::fsutil::read_limited(p, 1024 * 1024).map_err(|e| Error::io("read", p, &e))?;
        let (key, alg) = jwt::pem_decoding_key(&bytes, a.source.alg.map(Into::into))
            .map_err(|e| Error::input(format!("{}: {e}", p.display())))?;
        return Ok(Source::Single(key, alg, p.display().to_string()));
    }
    if let Some(secret) = external_secret(&a.source)? {
        let alg = external_alg(&a.source)?;
        super::check_hmac_secret(secret.len(), alg, a.subtle)?;
        let key = DecodingKey::from_secret(secret.as_bytes())
            .map_err(|e| Error::input(format!("the HMAC secret cannot be used: {e}")))?;
        return Ok(Source::Single(key, alg, "the external secret".into()));
    }
    Err(Error::usage("no verification key was given")
        .hint("pass --key NAME, --jwks FILE, --pem FILE, --secret-file FILE or --secret-env VAR"))
}

/// Pick the key and algorithm for a token, or say why there is none.
fn choose<'a>(
    src: &'a Source,
    kid: Option<&str>,
) -> std::result::Result<(std::borrow::Cow<'a, DecodingKey>, Alg, String), Invalid> {
    use std::borrow::Cow;
    match src {
        Source::Single(k, alg, label) => Ok((Cow::Borrowed(k), *alg, label.clone())),
        Source::Named {
            name,
            alg,
            versions,
        } => {
            let found = match kid {
                Some(kid) => versions.iter().find(|v| v.1 == kid),
                None => versions
                    .iter()
                    .rev()
                    .find(|v| v.2 == Status::Active)
                    .or_else(|| versions.iter().rev().find(|v| v.3.is_some())),
            };
            let Some((version, _, status, key)) = found else {
                return Err(invalid(
                    "unknown_kid",
                    format!(
                        "the token's kid {:?} is not a version of {name}",
                        kid.unwrap_or_default()
                    ),
                ));
            };
            match key {
                Some(k) => Ok((Cow::Borrowed(k), *alg, format!("{name} v{version}"))),
                None => Err(invalid(
                    "retired_key",
                    format!(
                        "the token was signed by {name} v{version}, which is {} (no longer verifies)",
                        status.as_str()
                    ),
                )),
            }
        }
        Source::Jwks(keys) => {
            let jwk = match kid {
                Some(kid) => keys
                    .iter()
                    .find(|k| k.get("kid").and_then(Value::as_str) == Some(kid))
                    .ok_or_else(|| {
                        invalid("unknown_kid", format!("no key in the JWKS has kid {kid:?}"))
                    })?,
                None if keys.len() == 1 => &keys[0],
                None => {
                    return Err(invalid(
                        "unknown_kid",
                        "the token has no kid and the JWKS holds several keys",
                    ));
                }
            };
            let alg = jwt::jwk_alg(jwk).map_err(|e| invalid("unusable_key", e))?;
            let key = jwt::jwk_decoding_key(jwk).map_err(|e| invalid("unusable_key", e))?;
            let label = format!(
                "JWKS key {}",
                jwk.get("kid").and_then(Value::as_str).unwrap_or("(no kid)")
            );
            Ok((Cow::Owned(key), alg, label))
        }
    }
}

/// A valid token: algorithm, kid, which key verified it, and its claims.
type Accepted = (Alg, Option<String>, String, Map<String, Value>);

fn decide(token: &str, src: &Source, rules: &Rules) -> std::result::Result<Accepted, Invalid> {
    let parsed = jwt::parse(token).map_err(|e| invalid(e.code(), e.to_string()))?;
    if parsed.alg.eq_ignore_ascii_case("none") {
        return Err(invalid(
            "wrong_alg",
            "the token is unsigned (alg none); unsigned tokens are never accepted",
        ));
    }
    let (key, alg, label) = choose(src, parsed.kid.as_deref())?;
    if parsed.alg != alg.as_str() {
        return Err(invalid(
            "wrong_alg",
            format!(
                "the token says alg {:?}, but {label} verifies {alg} only",
                parsed.alg
            ),
        ));
    }
    jwt::verify_signature(token, &key, alg).map_err(|e| invalid("bad_signature", e))?;
    claims::check(&parsed.claims, rules).map_err(|r| invalid(r.reason, r.message))?;
    Ok((alg, parsed.kid, label, parsed.claims))
}

/// Run `vauth jwt verify`.
pub(super) fn run(ctx: &Ctx<'_>, a: &VerifyArgs) -> Result<Outcome> {
    if a.leeway.seconds() > MAX_LEEWAY {
        return Err(Error::usage(format!(
            "--leeway {}s is more than the 5m allowed",
            a.leeway.seconds()
        ))
        .hint("clocks that disagree by more than minutes need fixing, not leeway"));
    }
    if !a.subtle && (a.iss.is_empty() || a.aud.is_empty()) {
        return Err(Error::usage("--iss and --aud are required").hint(
            "name the issuer and audience you accept, or pass --subtle to skip those checks",
        ));
    }
    let at = a.at.map_or(ctx.now, |t| t.resolve(ctx.now));
    let src = load_source(ctx, a, at)?;
    let token = read_token(a.token_file.as_deref())?;
    let rules = Rules {
        at,
        leeway: a.leeway.seconds(),
        require_exp: !a.subtle,
        iss: a.iss.clone(),
        aud: a.aud.clone(),
    };
    let verdict = match decide(&token, &src, &rules) {
        Ok((alg, kid, label, claims)) => Verdict {
            ok: true,
            reason: None,
            message: format!("signed by {label} ({alg}); claims accepted"),
            alg: Some(alg.as_str().to_string()),
            kid,
            key: Some(label),
            claims: Some(claims),
            at: rfc3339(at),
        },
        Err(e) => Verdict {
            ok: false,
            reason: Some(e.reason),
            message: e.message,
            alg: None,
            kid: None,
            key: None,
            claims: None,
            at: rfc3339(at),
        },
    };
    super::super::report_verdict(ctx, &verdict, verdict.ok, verdict.reason, &verdict.message)
}
