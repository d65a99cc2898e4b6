//! What the kinds that speak their own wire protocol share (PostgreSQL, Redis): the admin
//! password as the secret to redact, the admin connection's errors, and the probe's identity
//! check and wrong-password login.

use zeroize::Zeroizing;

use super::{Endpoint, Wrong, remote, timed};
use crate::error::{Error, Result};

/// The admin password (if any), as the secrets every message of the target is redacted with.
pub(super) fn admin_secrets(admin_password: Option<&Zeroizing<String>>) -> Vec<&str> {
    admin_password.map(|p| p.as_str()).into_iter().collect()
}

/// Why the admin connection to `ep` failed: the server refused the admin credential of
/// `admin_user` (`refused`), or it was not reached; `tls` says how this kind turns TLS on.
pub(super) fn admin_connect_error(
    target: &str,
    ep: &Endpoint,
    admin_user: &str,
    refused: bool,
    detail: &str,
    secrets: &[&str],
    tls: &str,
) -> Error {
    if refused {
        remote(
            target,
            &format!("the admin credential of {admin_user:?} was refused"),
            detail,
            secrets,
        )
        .hint("check the admin password the target names (`vauth target show`)")
    } else {
        remote(
            target,
            &format!("cannot connect to {}:{}", ep.host, ep.port),
            detail,
            secrets,
        )
        .hint(format!(
            "check that the server runs, the URL, and TLS ({tls})"
        ))
    }
}

/// The probe's identity check: the server says the new login is `who` (it `verb`, e.g.
/// `logged in`); it must be `user`.
pub(super) fn check_who(
    target: &str,
    verb: &str,
    who: &str,
    user: &str,
    secrets: &[&str],
) -> Result<()> {
    if who != user {
        return Err(remote(
            target,
            "probe",
            &format!("{verb} as {who:?}, not {user:?}"),
            secrets,
        ));
    }
    Ok(())
}

/// The negative probe of these kinds: `login` connects with the wrong password. An error that
/// `refused` calls a wrong password is a refusal, a connection lets it in, and any other error
/// (in words by `describe`) leaves the probe unverifiable.
pub(super) async fn probe_wrong<C, E>(
    target: &str,
    login: impl Future<Output = std::result::Result<C, E>>,
    refused: impl Fn(&E) -> bool,
    describe: impl Fn(&E) -> String,
    secrets: &[&str],
) -> Result<Wrong> {
    let r = timed(target, "probe", async { Ok(login.await) }).await?;
    match r {
        Err(e) if refused(&e) => Ok(Wrong::Refused),
        Ok(_) => Ok(Wrong::Accepted),
        Err(e) => Err(remote(
            target,
            "unverifiable: a wrong password was not refused as such",
            &describe(&e),
            secrets,
        )),
    }
}
