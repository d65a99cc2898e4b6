//! Key-encryption keys: what unlocks a vault (keyring, `VAUTH_MASTER_KEY`, a passphrase through
//! Argon2id, a key file) and making a new one when a vault is created or re-keyed.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use zeroize::Zeroizing;

use super::seal::random32;
use super::{
    ARGON2_M_KIB, ARGON2_P, ARGON2_T, Argon2Params, MAX_PASSPHRASE_BYTES, Protection,
    ProtectionHeader, argon2_params_ok, foreign_header,
};
use crate::env;
use crate::error::{Error, ErrorKind, Result};
use crate::fsutil;

/// What is needed to obtain a key-encryption key: where a passphrase comes from, whether a
/// person can be asked, where key files live.
#[derive(Debug, Clone)]
pub struct Unlock {
    /// `--passphrase-file` / `VAUTH_PASSPHRASE_FILE` (`-` = stdin).
    pub passphrase_file: Option<PathBuf>,
    /// Whether a terminal prompt is allowed.
    pub can_prompt: bool,
    /// Directory of key files (`$XDG_CONFIG_HOME/vauth/keys`).
    pub key_dir: PathBuf,
    /// Running in CI (`CI` set): never create a key file there.
    pub in_ci: bool,
}

impl Unlock {
    /// The key file for a home. Callers pass a home id checked by [`valid_home_id`](super::valid_home_id).
    pub fn key_file(&self, home_id: &str) -> PathBuf {
        self.key_dir.join(home_id)
    }
}

/// A new master key given to `vauth vault rekey --protect master-key`, and where it came from.
pub struct NewMasterKey {
    /// The key.
    pub key: Zeroizing<[u8; 32]>,
    /// Where it came from, for messages (`--new-master-key-env NAME`, a file).
    pub source: String,
}

impl NewMasterKey {
    /// Decode base64 of 32 bytes read from `source`.
    pub fn decode(text: &str, source: &str) -> Result<NewMasterKey> {
        let key = decode_key32(text).ok_or_else(|| {
            Error::input(format!(
                "the new master key ({source}) is not base64 of exactly 32 bytes"
            ))
            .hint("generate one with: head -c 32 /dev/urandom | base64")
        })?;
        Ok(NewMasterKey {
            key,
            source: source.to_string(),
        })
    }
}

/// When `VAUTH_MASTER_KEY` or `CI` is set, the protection the environment configures is the only
/// one opened: a vault swapped for a key-file (or keyring) vault is refused before any key is
/// looked for, instead of being used without a word.
pub(super) fn check_configured(kind: Protection, unlock: &Unlock) -> Result<()> {
    let master = env::is_set(env::VAUTH_MASTER_KEY);
    let pass = unlock.passphrase_file.is_some();
    if !master && !unlock.in_ci {
        return Ok(());
    }
    let ok = match kind {
        Protection::MasterKey => true,
        Protection::Passphrase => !master || pass,
        Protection::KeyFile | Protection::Keyring => false,
    };
    if ok {
        return Ok(());
    }
    let why = if master {
        "VAUTH_MASTER_KEY is set"
    } else {
        "CI is set"
    };
    Err(Error::vault(format!(
        "{why}, but secrets.vault is protected by {}: refusing a vault the environment did not configure",
        kind.as_str()
    ))
    .hint("restore the home's own secrets.vault; if the change was yours, re-key it with `vauth vault rekey` outside CI and without VAUTH_MASTER_KEY set"))
}

/// Read a passphrase from the configured file or a prompt; `confirm` asks twice.
pub(super) fn passphrase(unlock: &Unlock, confirm: bool) -> Result<Zeroizing<String>> {
    if let Some(path) = &unlock.passphrase_file {
        if path.as_os_str() == "-" && crate::prompt::stdin_is_terminal() {
            // `--passphrase-file -` typed at a terminal: the hidden prompt (asked twice for a
            // new vault), or exit 3 when nobody may be asked.
            if !unlock.can_prompt {
                return Err(no_terminal_for_passphrase());
            }
            return prompt_passphrase(confirm);
        }
        let raw = crate::secret::read_secret_source(path, MAX_PASSPHRASE_BYTES, "passphrase")?;
        let first = raw.lines().next().unwrap_or("").to_string();
        if first.is_empty() {
            return Err(
                Error::input(format!("the passphrase file {} is empty", path.display()))
                    .hint("put the passphrase on the first line of the file"),
            );
        }
        return Ok(Zeroizing::new(first));
    }
    if !unlock.can_prompt {
        return Err(no_terminal_for_passphrase());
    }
    prompt_passphrase(confirm)
}

fn no_terminal_for_passphrase() -> Error {
    Error::new(
        ErrorKind::NoTerminal,
        "the vault is protected by a passphrase and there is no terminal to ask for it",
    )
    .hint("pass --passphrase-file FILE or set VAUTH_PASSPHRASE_FILE")
}

/// The hidden passphrase prompt; twice when `confirm` (a new vault).
fn prompt_passphrase(confirm: bool) -> Result<Zeroizing<String>> {
    let p = crate::prompt::password("Vault passphrase", confirm)?;
    if p.is_empty() {
        return Err(Error::input("the passphrase is empty").hint("choose a non-empty passphrase"));
    }
    Ok(p)
}

pub(super) fn derive(pass: &str, salt: &[u8], a: &Argon2Params) -> Result<Zeroizing<[u8; 32]>> {
    if !argon2_params_ok(a) {
        return Err(foreign_header());
    }
    let params = argon2::Params::new(a.m, a.t, a.p, Some(32))
        .map_err(|e| Error::vault(format!("the vault's Argon2 parameters are invalid: {e}")))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(pass.as_bytes(), salt, &mut out[..])
        .map_err(|e| Error::vault(format!("cannot derive the vault key: {e}")))?;
    Ok(out)
}

pub(super) fn decode_key32(b64: &str) -> Option<Zeroizing<[u8; 32]>> {
    let v = Zeroizing::new(B64.decode(b64.trim()).ok()?);
    let arr: [u8; 32] = v.as_slice().try_into().ok()?;
    Some(Zeroizing::new(arr))
}

pub(super) fn master_key() -> Result<Zeroizing<[u8; 32]>> {
    let Some(v) = env::get(env::VAUTH_MASTER_KEY).map(Zeroizing::new) else {
        return Err(
            Error::vault("the vault is protected by VAUTH_MASTER_KEY, which is not set")
                .hint("export VAUTH_MASTER_KEY from your secret store (base64 of 32 bytes)"),
        );
    };
    decode_key32(&v).ok_or_else(|| {
        Error::vault("VAUTH_MASTER_KEY is not base64 of exactly 32 bytes")
            .hint("generate one with: head -c 32 /dev/urandom | base64")
    })
}

/// Create the key file for a new home (0600, never overwriting).
fn create_key_file(path: &Path, in_ci: bool) -> Result<Zeroizing<[u8; 32]>> {
    if in_ci {
        return Err(
            Error::vault("CI is set, so vauth will not create a vault key file")
                .hint("set VAUTH_MASTER_KEY or pass --passphrase-file in CI"),
        );
    }
    let kek = random32()?;
    if let Some(dir) = path.parent() {
        fsutil::create_dir_private(dir).map_err(|e| Error::io("create", dir, &e))?;
    }
    let exists = || {
        Error::vault(format!(
            "the vault key file {} already exists; vauth never overwrites a key file",
            path.display()
        ))
        .hint("it may be the only key to older copies of this vault: move it aside (keep it if you need those copies), then run again")
    };
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(exists());
    }
    let text = Zeroizing::new(format!("{}\n", B64.encode(&kek[..])));
    fsutil::write_user_file(path, text.as_bytes(), fsutil::PRIVATE, false).map_err(|e| {
        if e.kind() == ErrorKind::Exists {
            exists()
        } else {
            e
        }
    })?;
    Ok(kek)
}

pub(super) fn read_key_file(path: &Path) -> Result<Zeroizing<[u8; 32]>> {
    let bytes = Zeroizing::new(fsutil::read_private(path, 4096).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::vault(format!("the vault key file {} is missing", path.display()))
                .hint("restore it from a backup; without it this vault cannot be opened")
        } else {
            Error::io("read the vault key file", path, &e)
        }
    })?);
    if let Ok(mode) = fsutil::mode_of(path)
        && cfg!(unix)
        && mode & 0o077 != 0
    {
        return Err(Error::vault(format!(
            "the vault key file {} is readable by others (mode {mode:o})",
            path.display()
        ))
        .hint(format!("run: chmod 600 {}", path.display())));
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let text = Zeroizing::new(text);
    decode_key32(&text).ok_or_else(|| {
        Error::vault(format!("the vault key file {} is corrupt", path.display()))
            .hint("restore it from a backup")
    })
}

pub(super) fn wrong_key(kind: Protection) -> Error {
    match kind {
        Protection::Passphrase => Error::vault("the passphrase does not open this vault")
            .hint("check the passphrase (or --passphrase-file / VAUTH_PASSPHRASE_FILE)"),
        Protection::MasterKey => Error::vault("VAUTH_MASTER_KEY does not open this vault")
            .hint("use the master key this home was protected with"),
        Protection::KeyFile => Error::vault("the vault key file does not open this vault")
            .hint("restore the key file that belongs to this home"),
        Protection::Keyring => Error::vault("the keyring's entry does not open this vault")
            .hint("the keyring entry was replaced; restore it or re-key with another protection"),
    }
}

pub(super) fn new_protection(
    home_id: &str,
    protection: Protection,
    unlock: &Unlock,
    master: Option<&NewMasterKey>,
) -> Result<(ProtectionHeader, Zeroizing<[u8; 32]>)> {
    let mut header = ProtectionHeader {
        kind: protection,
        salt: None,
        argon2: None,
    };
    let kek = match protection {
        Protection::KeyFile => create_key_file(&unlock.key_file(home_id), unlock.in_ci)?,
        Protection::MasterKey => match master {
            Some(m) => m.key.clone(),
            None => master_key()?,
        },
        Protection::Keyring => {
            let kek = random32()?;
            crate::store::keyring::set(home_id, &kek)?;
            kek
        }
        Protection::Passphrase => {
            let pass = crate::secret::long_enough(
                passphrase(unlock, true)?,
                crate::secret::MIN_VAULT_PASSPHRASE,
                "vault passphrase",
            )?;
            let mut salt = [0u8; 16];
            getrandom::fill(&mut salt)
                .map_err(|e| Error::state(format!("the OS random source failed: {e}")))?;
            let a = Argon2Params {
                m: ARGON2_M_KIB,
                t: ARGON2_T,
                p: ARGON2_P,
            };
            let kek = derive(&pass, &salt, &a)?;
            header.salt = Some(B64.encode(salt));
            header.argon2 = Some(a);
            kek
        }
    };
    Ok((header, kek))
}
