//! The one contract every kind follows: plan → apply → probe → revoke.

use zeroize::Zeroizing;

use super::{Applied, Held, HeldQuery, PushSpec, RevokeSpec};
use crate::error::{Error, ErrorKind, Result};

/// One database kind. `plan` is pure; the rest talk to the server.
#[allow(async_fn_in_trait)]
pub trait Target {
    /// The exact commands `apply` would run, secrets shown as `****`.
    fn plan(&self, spec: &PushSpec) -> Vec<String>;
    /// The user clients log in as after `apply(spec)` (default: the base name).
    fn user_for(&self, spec: &PushSpec) -> String {
        spec.name.clone()
    }
    /// Reach the server and check the admin credential; returns the server's version line.
    async fn check_admin(&mut self) -> Result<String>;
    /// Make the database accept `secret` for the user named in `spec`.
    async fn apply(&mut self, spec: &PushSpec, secret: &str) -> Result<Applied>;
    /// Log in as `user` with `secret` (must succeed) and with a wrong secret (must be refused):
    /// [`Target::probe_login`], then [`Target::probe_wrong`] with a [`wrong_secret`]. A wrong
    /// secret that gets in proves nothing: [`Target::wrong_accepted`] (exit 4).
    async fn probe(&mut self, user: &str, secret: &str) -> Result<()> {
        self.probe_login(user, secret).await?;
        let wrong = wrong_secret()?;
        match self.probe_wrong(user, secret, &wrong).await? {
            Wrong::Refused => Ok(()),
            Wrong::Accepted => Err(self.wrong_accepted(user)),
        }
    }
    /// The first half of [`Target::probe`]: `secret` logs in as `user`, as that user.
    async fn probe_login(&mut self, user: &str, secret: &str) -> Result<()>;
    /// The refusal hook of [`Target::probe`]: log in as `user` with `wrong` (`secret` is the
    /// right one, for kinds that build the wrong credential around it) and say how the server
    /// answered; an answer that is neither a refusal nor a success is an error.
    async fn probe_wrong(&mut self, user: &str, secret: &str, wrong: &str) -> Result<Wrong>;
    /// What this kind says when a wrong secret for `user` got in (made with [`unverifiable`]).
    fn wrong_accepted(&self, user: &str) -> Error;
    /// Take a pushed version back: it no longer logs in, and its sessions end.
    async fn revoke(&mut self, spec: &RevokeSpec) -> Result<Vec<String>>;
    /// After a batch of `apply`/`probe` calls: persist what needs persisting once (redis `ACL
    /// SAVE`) and close the admin connection cleanly.
    async fn finish(&mut self) -> Result<()> {
        Ok(())
    }
    /// What the database holds of each of `q` (one connection for all).
    async fn held(&mut self, q: &[HeldQuery]) -> Result<Vec<Held>> {
        Ok(q.iter()
            .map(|_| Held::Unknown("this kind cannot list its credentials".to_string()))
            .collect())
    }
    /// For kinds whose server generates the secret ([`crate::remote::Kind::generates_secret`]): make a new
    /// credential for `spec` and return it with its plaintext, which only this answer carries.
    async fn create(&mut self, spec: &PushSpec) -> Result<(Applied, Zeroizing<String>)> {
        let _ = spec;
        Err(Error::usage(
            "this target takes a secret vauth made; push a key instead of creating one there",
        )
        .hint("`vauth key create NAME`, then `vauth push NAME --to TARGET`"))
    }
}

/// A random wrong password for the negative probe.
pub fn wrong_secret() -> Result<Zeroizing<String>> {
    crate::apikey::random_base62(40)
        .map(|s| Zeroizing::new(format!("vauth-wrong-{s}")))
        .map_err(|e| Error::state(format!("the OS random source failed: {e}")))
}

/// How a server answered a login with a wrong secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrong {
    /// Refused as a wrong credential: the probe holds.
    Refused,
    /// Let in: the server checks nothing, and the probe proves nothing.
    Accepted,
}

/// `target TARGET: unverifiable: WHAT` (exit 4), with the kind's hint on what lets anyone in.
pub fn unverifiable(target: &str, what: &str, hint: &str) -> Error {
    Error::new(
        ErrorKind::Remote,
        format!("target {target}: unverifiable: {what}"),
    )
    .hint(hint)
}

/// [`unverifiable`] for a wrong `noun` (password, key, API key) that let `user` in.
pub fn accepted_wrong(target: &str, noun: &str, user: &str, hint: &str) -> Error {
    unverifiable(
        target,
        &format!("the server accepted a wrong {noun} for {user:?}"),
        hint,
    )
}
