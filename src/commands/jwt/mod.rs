//! `vauth jwt …`: signing keys (key/), the published JWKS and OIDC files (jwks.rs, oidc.rs),
//! and tokens (sign.rs, verify.rs, inspect.rs). What several verbs share lives here.

mod inspect;
mod jwks;
mod key;
mod oidc;
mod sign;
mod verify;

use std::path::Path;

use serde_json::{Value, json};
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::Ctx;
use crate::cli::jwt::{JwtCommand, KeySource};
use crate::env;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::jwt::Alg;
use crate::store::Session;
use crate::store::state::{JwtKey, JwtKeyVersion, State};

/// Run `vauth jwt …`.
pub fn run(ctx: &Ctx<'_>, cmd: &JwtCommand) -> Result<Outcome> {
    match cmd {
        JwtCommand::Key(k) => key::run(ctx, k),
        JwtCommand::Jwks(a) => jwks::run(ctx, a),
        JwtCommand::Oidc(a) => oidc::run(ctx, a),
        JwtCommand::Sign(a) => sign::run(ctx, a),
        JwtCommand::Verify(a) => verify::run(ctx, a),
        JwtCommand::Inspect(a) => inspect::run(ctx, a),
    }
}

/// The error for an unknown signing-key name.
pub(crate) fn unknown(name: &str) -> Error {
    Error::new(
        ErrorKind::NotFound,
        format!("no JWT signing key named {name:?}"),
    )
    .hint("see `vauth jwt key list` for the names in this home")
}

/// Look a signing key up by name.
pub(crate) fn find<'a>(s: &'a Session, name: &str) -> Result<&'a JwtKey> {
    s.state.jwt_keys.get(name).ok_or_else(|| unknown(name))
}

/// The private part of a version, from the vault.
pub(crate) fn private_part(
    s: &mut Session,
    key: &str,
    v: &JwtKeyVersion,
) -> Result<Zeroizing<String>> {
    let entry = v.vault_entry(key);
    s.vault()?
        .get(&entry)?
        .map(|p| Zeroizing::new(p.to_string()))
        .ok_or_else(|| {
            Error::vault(format!(
                "the vault holds no private key for {key} version {}",
                v.version
            ))
            .hint("the vault does not match state.json: restore both from the same backup, or rotate the key")
        })
}

/// Most bytes of an external HMAC secret.
const MAX_SECRET: u64 = 64 * 1024;

/// An external HMAC secret from `--secret-file` or `--secret-env`, trimmed of one trailing newline
/// (as `echo` and editors add). Exit 3 when it cannot be read or is empty.
pub(crate) fn external_secret(src: &KeySource) -> Result<Option<Zeroizing<String>>> {
    let mut value = if let Some(p) = &src.secret_file {
        crate::secret::read_secret_line(
            p,
            MAX_SECRET,
            "secret",
            "HMAC secret",
            "--secret-file FILE or --secret-env NAME",
        )?
    } else if let Some(var) = &src.secret_env {
        let Some(v) = env::get(var) else {
            return Err(
                Error::input(format!("the environment variable {var} is not set"))
                    .hint(format!("export {var}, or pass --secret-file FILE")),
            );
        };
        Zeroizing::new(v)
    } else {
        return Ok(None);
    };
    while value.ends_with('\n') || value.ends_with('\r') {
        value.pop();
    }
    if value.is_empty() {
        return Err(Error::input("the HMAC secret is empty")
            .hint("point --secret-file/--secret-env at the secret itself"));
    }
    Ok(Some(value))
}

/// The algorithm for an external secret: `--alg` (must be HMAC), default HS256.
pub(crate) fn external_alg(src: &KeySource) -> Result<Alg> {
    let alg: Alg = src.alg.map_or(Alg::HS256, Into::into);
    if !alg.is_symmetric() {
        return Err(Error::usage(format!(
            "--alg {alg} needs a private key, but an external secret is an HMAC key"
        ))
        .hint("pass --alg HS256, HS384 or HS512, or sign with --key NAME"));
    }
    Ok(alg)
}

/// The shortest external HMAC secret accepted for `alg`, in bytes: the hash size, as RFC 7518
/// §3.2 requires ("a key of the same size as the hash output ... or larger").
fn min_hmac_secret(alg: Alg) -> usize {
    match alg {
        Alg::HS384 => 48,
        Alg::HS512 => 64,
        _ => 32,
    }
}

/// Refuse an external HMAC secret shorter than RFC 7518 §3.2 allows, unless `--subtle` (exit 3).
pub(crate) fn check_hmac_secret(len: usize, alg: Alg, subtle: bool) -> Result<()> {
    let min = min_hmac_secret(alg);
    if len < min && !subtle {
        return Err(Error::input(format!(
            "the HMAC secret is {len} bytes; {alg} needs at least {min} (RFC 7518 §3.2): a short \
             secret can be guessed offline from any token it signed"
        ))
        .hint(format!(
            "use a random secret of {min}+ bytes (head -c {min} /dev/urandom | base64), or pass \
             --subtle to accept this one"
        )));
    }
    Ok(())
}

/// Read a token from `--token-file` or stdin; `None` (with the reason) when the input is too
/// large to be a token. Unreadable input is exit 3.
pub(crate) fn read_token(file: Option<&Path>) -> Result<Zeroizing<String>> {
    crate::secret::read_presented(
        file,
        crate::jwt::MAX_TOKEN_LEN as u64,
        "token",
        "--token-file",
    )
}

/// The JWKS of every asymmetric version that verifies at `at` (active or in grace), newest first
/// within a key, so a verifier that takes the first match prefers the current key.
pub(crate) fn jwks_of(state: &State, at: OffsetDateTime) -> Value {
    let mut keys = Vec::new();
    for k in state.jwt_keys.values() {
        for v in k.versions.iter().rev() {
            if let Some(jwk) = &v.public_jwk
                && v.status(at).is_valid()
            {
                keys.push(jwk.clone());
            }
        }
    }
    json!({ "keys": keys })
}

/// A JSON document as it is published: pretty, with a final newline.
pub(crate) fn render(v: &Value) -> Result<String> {
    let mut t = serde_json::to_string_pretty(v)
        .map_err(|e| Error::bug(format!("cannot render JSON: {e}")))?;
    t.push('\n');
    Ok(t)
}
