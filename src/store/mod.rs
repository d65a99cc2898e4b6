//! The home: state, vault, config and audit log behind one [`Backend`] trait, and the
//! [`Session`] through which every command reads or changes them.
//!
//! A session takes the home's lock (shared to read, exclusive to change), loads state.json,
//! reconciles what a crash may have left, opens the vault only when asked, and commits in one
//! order — vault, then state, then audit — so a crash at any instant leaves the old or the new
//! state. Nothing outside `store/` may assume that state is a local file: commands talk to
//! [`Session`] only.
//!
//! Where things are: [`backend`] (the storage trait and the local directory), [`session`] (open,
//! load, reconcile, commit), [`state`] (state.json's types), [`vault`] (sealed secrets),
//! [`keyring`] (the OS keyring). This file holds where
//! a home is and how a new one is protected.

pub mod backend;
mod dir_buckets;
pub mod keyring;
pub mod postgres;
pub mod session;
pub mod state;
pub mod vault;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::env;
use crate::error::{Error, Result};
use vault::{Protection, Unlock};

pub use backend::{Backend, FileBackend, GITIGNORE, Snapshot};
pub use session::{OpenMode, Session, no_named_home};

/// Vault entry holding the audit HMAC key.
pub const AUDIT_KEY_ENTRY: &str = "audit/hmac-key";

/// Where a home is: a directory, or a PostgreSQL database.
#[derive(Debug, Clone)]
pub enum HomeSpec {
    /// A local directory.
    Dir(PathBuf),
    /// A home in PostgreSQL (`postgresql://…`).
    Postgres(postgres::HomeUrl),
}

impl HomeSpec {
    /// The storage for this home.
    pub fn backend(&self) -> Box<dyn Backend> {
        match self {
            HomeSpec::Dir(d) => Box::new(FileBackend::new(d.clone())),
            HomeSpec::Postgres(u) => Box::new(postgres::PgBackend::new(u.clone())),
        }
    }
}

/// Where the home is: `--home`, else `$VAUTH_HOME` (clap folds both), else
/// `$XDG_DATA_HOME/vauth`, else `~/.local/share/vauth`. A value that starts with
/// `postgres://` or `postgresql://` is a PostgreSQL home; anything else is a directory.
pub fn resolve_home(flag: Option<&Path>) -> Result<HomeSpec> {
    if let Some(p) = flag {
        if p.as_os_str().is_empty() {
            return Err(Error::usage("--home is empty").hint("pass a directory path"));
        }
        if postgres::url::is_pg_url(p.as_os_str()) {
            let raw = p.to_str().ok_or_else(|| {
                Error::usage("the home URL is not UTF-8").hint("write the URL in ASCII")
            })?;
            return Ok(HomeSpec::Postgres(postgres::HomeUrl::parse(raw)?));
        }
        return Ok(HomeSpec::Dir(p.to_path_buf()));
    }
    if let Some(d) = env::get_os(env::XDG_DATA_HOME) {
        return Ok(HomeSpec::Dir(PathBuf::from(d).join("vauth")));
    }
    if let Some(h) = env::get_os(env::HOME) {
        return Ok(HomeSpec::Dir(PathBuf::from(h).join(".local/share/vauth")));
    }
    Err(Error::state("cannot find a home: HOME is not set")
        .hint("pass --home DIR or set VAUTH_HOME"))
}

/// Where key files live: `$XDG_CONFIG_HOME/vauth/keys`, else `~/.config/vauth/keys`.
pub fn key_dir() -> PathBuf {
    if let Some(d) = env::get_os(env::XDG_CONFIG_HOME) {
        return PathBuf::from(d).join("vauth/keys");
    }
    let home = env::get_os(env::HOME).map_or_else(|| PathBuf::from("."), PathBuf::from);
    home.join(".config/vauth/keys")
}

/// The lock timeout (`VAUTH_LOCK_TIMEOUT` seconds, default 60).
pub fn lock_timeout() -> Duration {
    let secs = env::get(env::VAUTH_LOCK_TIMEOUT)
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(60);
    Duration::from_secs(secs)
}

/// The protection a new home gets when none was asked for.
pub fn default_protection(unlock: &Unlock) -> Result<Protection> {
    if env::is_set(env::VAUTH_MASTER_KEY) {
        return Ok(Protection::MasterKey);
    }
    if unlock.passphrase_file.is_some() {
        return Ok(Protection::Passphrase);
    }
    if env::in_ci() {
        return Err(Error::vault(
            "CI is set and no vault protection is configured: vauth will not create a key file",
        )
        .hint("set VAUTH_MASTER_KEY (base64 of 32 bytes) or VAUTH_PASSPHRASE_FILE in the job"));
    }
    // A keyring that is absent (no session bus, nothing provides the Secret Service) means the
    // key-file default; one that is there but locked or refusing is an error (DESIGN §8).
    if keyring::present()? {
        return Ok(Protection::Keyring);
    }
    Ok(Protection::KeyFile)
}
