//! `secrets.vault`: every secret vauth keeps, in one file sealed with XChaCha20-Poly1305.
//!
//! The body is sealed under a random 256-bit data key; the data key is wrapped (also with
//! XChaCha20-Poly1305) under a key-encryption key that comes from the protection recorded in the
//! header: the OS keyring, `VAUTH_MASTER_KEY`, a passphrase (Argon2id, parameters in the header),
//! or a 0600 key file kept outside the home. Re-keying generates a NEW data key and re-seals
//! everything under it, so an old key-encryption key (key file, master key, passphrase) together
//! with an old copy of the file opens only the secrets of that copy. The header also seals the
//! home's state-integrity key (see [`Vault::state_key`]) under the data key, so it can be had
//! without decrypting the body. This module turns bytes into an open vault and back; it never
//! writes files other than the key file it creates.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use chacha20poly1305::aead::Aead;
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::env;
use crate::error::{Error, ErrorKind, Result};
use crate::fsutil;

const FORMAT: &str = "vauth-vault";
const VERSION: u32 = 1;
/// Argon2id parameters for new passphrase vaults (RFC 9106's second recommendation).
const ARGON2_M_KIB: u32 = 64 * 1024;
const ARGON2_T: u32 = 3;
const ARGON2_P: u32 = 4;
/// The largest Argon2 memory cost accepted from a header (KiB): 4x what vauth writes. A header is
/// only authenticated after the key is derived, so an unbounded one makes vauth spend whatever
/// memory and time a tampered file asks for.
const ARGON2_MAX_M_KIB: u32 = 256 * 1024;
/// The largest Argon2 pass count accepted from a header.
const ARGON2_MAX_T: u32 = 8;
/// The largest Argon2 parallelism accepted from a header.
const ARGON2_MAX_P: u32 = 16;
/// The largest total work accepted (memory KiB x passes): 4x what vauth writes.
const ARGON2_MAX_WORK: u64 = 4 * ARGON2_M_KIB as u64 * ARGON2_T as u64;
/// The length of a home id (base62, as `new_home_id` makes it).
pub const HOME_ID_LEN: usize = 16;
/// The largest vault file read.
pub const MAX_VAULT_BYTES: u64 = 256 << 20;
/// The largest passphrase file read.
const MAX_PASSPHRASE_BYTES: u64 = 64 << 10;

/// How the data key is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Protection {
    /// The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager).
    Keyring,
    /// `VAUTH_MASTER_KEY` (base64 of 32 bytes), for CI secret stores.
    MasterKey,
    /// A passphrase through Argon2id.
    Passphrase,
    /// A 0600 key file outside the home (`$XDG_CONFIG_HOME/vauth/keys/<home-id>`): the weakest.
    KeyFile,
}

impl Protection {
    /// The name used in flags and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Protection::Keyring => "keyring",
            Protection::MasterKey => "master-key",
            Protection::Passphrase => "passphrase",
            Protection::KeyFile => "key-file",
        }
    }
}

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
    /// The key file for a home. Callers pass a home id checked by [`valid_home_id`].
    pub fn key_file(&self, home_id: &str) -> PathBuf {
        self.key_dir.join(home_id)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Argon2Params {
    m: u32,
    t: u32,
    p: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ProtectionHeader {
    kind: Protection,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    salt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    argon2: Option<Argon2Params>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Sealed {
    nonce: String,
    ct: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct VaultFile {
    format: String,
    version: u32,
    home_id: String,
    protection: ProtectionHeader,
    wrap: Sealed,
    /// The state-integrity key, sealed under the data key.
    integrity: Sealed,
    body: Sealed,
}

/// Whether `id` is a home id vauth makes: exactly [`HOME_ID_LEN`] ASCII letters and digits. It
/// names the key file and the keyring entry, so anything else (a path, `..`) is refused.
pub fn valid_home_id(id: &str) -> bool {
    id.len() == HOME_ID_LEN && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn foreign_header() -> Error {
    Error::vault("secrets.vault: the vault header is not one vauth writes (it was modified)")
        .hint("restore secrets.vault from a backup; vauth has not changed it")
}

/// Parse and check a vault file's header: format, version, home id, Argon2 bounds.
fn parse_file(bytes: &[u8]) -> Result<VaultFile> {
    let f: VaultFile = serde_json::from_slice(bytes).map_err(|_| tampered())?;
    if f.format != FORMAT {
        return Err(tampered());
    }
    if f.version > VERSION {
        return Err(Error::vault(format!(
            "secrets.vault has format version {}, newer than this vauth reads",
            f.version
        ))
        .hint("upgrade vauth"));
    }
    if !valid_home_id(&f.home_id) {
        return Err(foreign_header());
    }
    match (f.protection.kind, &f.protection.argon2, &f.protection.salt) {
        (Protection::Passphrase, Some(a), Some(salt)) => {
            let salt_len = B64.decode(salt).map_err(|_| foreign_header())?.len();
            if !argon2_params_ok(a) || !(16..=64).contains(&salt_len) {
                return Err(foreign_header());
            }
        }
        (Protection::Passphrase, _, _) => return Err(foreign_header()),
        (_, None, None) => {}
        _ => return Err(foreign_header()),
    }
    Ok(f)
}

/// Whether Argon2 parameters are within what vauth writes or might write (see the bounds).
fn argon2_params_ok(a: &Argon2Params) -> bool {
    (1..=ARGON2_MAX_P).contains(&a.p)
        && (1..=ARGON2_MAX_T).contains(&a.t)
        && a.m >= 8 * a.p
        && a.m <= ARGON2_MAX_M_KIB
        && u64::from(a.m) * u64::from(a.t) <= ARGON2_MAX_WORK
}

/// Parse a vault file's header and nothing else (the fuzz target's entry point): the home id and
/// protection, or the refusal `open` would give before deriving any key.
pub fn parse_header(bytes: &[u8]) -> Result<(String, Protection)> {
    let f = parse_file(bytes)?;
    Ok((f.home_id, f.protection.kind))
}

/// When `VAUTH_MASTER_KEY` or `CI` is set, the protection the environment configures is the only
/// one opened: a vault swapped for a key-file (or keyring) vault is refused before any key is
/// looked for, instead of being used without a word.
fn check_configured(kind: Protection, unlock: &Unlock) -> Result<()> {
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

#[derive(Deserialize)]
struct Body {
    entries: BTreeMap<String, String>,
}

/// A 256-bit key, zeroized on drop.
type Key32 = Zeroizing<[u8; 32]>;

/// An open vault. Holds secrets: no `Debug`, no `Serialize`; values zeroized on drop.
pub struct Vault {
    home_id: String,
    protection: ProtectionHeader,
    kek: Zeroizing<[u8; 32]>,
    dek: Zeroizing<[u8; 32]>,
    state_key: Zeroizing<[u8; 32]>,
    entries: BTreeMap<String, Zeroizing<String>>,
    dirty: bool,
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

fn random32() -> Result<Zeroizing<[u8; 32]>> {
    let mut k = Zeroizing::new([0u8; 32]);
    getrandom::fill(&mut k[..])
        .map_err(|e| Error::state(format!("the OS random source failed: {e}")))?;
    Ok(k)
}

fn seal(key: &[u8; 32], plaintext: &[u8], aad: &[u8]) -> Result<Sealed> {
    let cipher = XChaCha20Poly1305::new(&(*key).into());
    let mut nonce = [0u8; 24];
    getrandom::fill(&mut nonce)
        .map_err(|e| Error::state(format!("the OS random source failed: {e}")))?;
    let ct = cipher
        .encrypt(
            &XNonce::from(nonce),
            chacha20poly1305::aead::Payload {
                msg: plaintext,
                aad,
            },
        )
        .map_err(|_| Error::bug("vault encryption failed"))?;
    Ok(Sealed {
        nonce: B64.encode(nonce),
        ct: B64.encode(ct),
    })
}

fn open_sealed(key: &[u8; 32], s: &Sealed, aad: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let nonce: [u8; 24] = B64.decode(&s.nonce).ok()?.try_into().ok()?;
    let ct = B64.decode(&s.ct).ok()?;
    let cipher = XChaCha20Poly1305::new(&(*key).into());
    cipher
        .decrypt(
            &XNonce::from(nonce),
            chacha20poly1305::aead::Payload { msg: &ct, aad },
        )
        .ok()
        .map(Zeroizing::new)
}

fn wrap_aad(home_id: &str, p: &ProtectionHeader) -> Vec<u8> {
    let (m, t, par) = p.argon2.as_ref().map_or((0, 0, 0), |a| (a.m, a.t, a.p));
    format!(
        "{FORMAT}/{VERSION}/wrap/{home_id}/{}/{}/{m}/{t}/{par}",
        p.kind.as_str(),
        p.salt.as_deref().unwrap_or("")
    )
    .into_bytes()
}

fn integrity_aad(home_id: &str) -> Vec<u8> {
    format!("{FORMAT}/{VERSION}/integrity/{home_id}").into_bytes()
}

fn body_aad(home_id: &str) -> Vec<u8> {
    format!("{FORMAT}/{VERSION}/body/{home_id}").into_bytes()
}

fn tampered() -> Error {
    Error::vault("secrets.vault failed its integrity check: it was modified or is corrupt")
        .hint("restore secrets.vault from a backup; vauth has not changed it")
}

/// Read a passphrase from the configured file or a prompt; `confirm` asks twice.
fn passphrase(unlock: &Unlock, confirm: bool) -> Result<Zeroizing<String>> {
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

fn derive(pass: &str, salt: &[u8], a: &Argon2Params) -> Result<Zeroizing<[u8; 32]>> {
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

fn decode_key32(b64: &str) -> Option<Zeroizing<[u8; 32]>> {
    let v = Zeroizing::new(B64.decode(b64.trim()).ok()?);
    let arr: [u8; 32] = v.as_slice().try_into().ok()?;
    Some(Zeroizing::new(arr))
}

fn master_key() -> Result<Zeroizing<[u8; 32]>> {
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

fn read_key_file(path: &Path) -> Result<Zeroizing<[u8; 32]>> {
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

impl Vault {
    /// A new, empty vault for `home_id` protected by `protection`. Creates the key file or
    /// keyring entry when that protection needs one.
    pub fn create(home_id: &str, protection: Protection, unlock: &Unlock) -> Result<Vault> {
        if !valid_home_id(home_id) {
            return Err(Error::bug("a new home id is not in vauth's alphabet"));
        }
        let (header, kek) = new_protection(home_id, protection, unlock, None)?;
        Ok(Vault {
            home_id: home_id.to_string(),
            protection: header,
            kek,
            dek: random32()?,
            state_key: random32()?,
            entries: BTreeMap::new(),
            dirty: true,
        })
    }

    /// The protection recorded in a vault file, without opening it.
    pub fn peek_protection(bytes: &[u8]) -> Result<(String, Protection)> {
        parse_header(bytes)
    }

    /// Check the header, obtain the key-encryption key and unwrap the data key.
    fn unwrap(f: &VaultFile, unlock: &Unlock) -> Result<(Key32, Key32)> {
        check_configured(f.protection.kind, unlock)?;
        let kek = match f.protection.kind {
            Protection::KeyFile => read_key_file(&unlock.key_file(&f.home_id))?,
            Protection::MasterKey => master_key()?,
            Protection::Keyring => super::keyring::get(&f.home_id)?,
            Protection::Passphrase => {
                let a = f.protection.argon2.as_ref().ok_or_else(foreign_header)?;
                let salt = f
                    .protection
                    .salt
                    .as_deref()
                    .and_then(|s| B64.decode(s).ok())
                    .ok_or_else(foreign_header)?;
                let pass = passphrase(unlock, false)?;
                derive(&pass, &salt, a)?
            }
        };
        let dek_bytes = open_sealed(&kek, &f.wrap, &wrap_aad(&f.home_id, &f.protection))
            .ok_or_else(|| wrong_key(f.protection.kind))?;
        let dek: [u8; 32] = dek_bytes.as_slice().try_into().map_err(|_| tampered())?;
        Ok((kek, Zeroizing::new(dek)))
    }

    fn open_state_key(f: &VaultFile, dek: &[u8; 32]) -> Result<Zeroizing<[u8; 32]>> {
        let k = open_sealed(dek, &f.integrity, &integrity_aad(&f.home_id)).ok_or_else(tampered)?;
        let k: [u8; 32] = k.as_slice().try_into().map_err(|_| tampered())?;
        Ok(Zeroizing::new(k))
    }

    /// The home id and state-integrity key of a vault file, without decrypting its body: what
    /// read paths that must trust state.json (`key verify`) need, at the cost of one unwrap.
    pub fn read_state_key(bytes: &[u8], unlock: &Unlock) -> Result<(String, Zeroizing<[u8; 32]>)> {
        let f = parse_file(bytes)?;
        let (_kek, dek) = Vault::unwrap(&f, unlock)?;
        let k = Vault::open_state_key(&f, &dek)?;
        Ok((f.home_id, k))
    }

    /// Open a vault file.
    pub fn open(bytes: &[u8], unlock: &Unlock) -> Result<Vault> {
        let f = parse_file(bytes)?;
        let (kek, dek) = Vault::unwrap(&f, unlock)?;
        let state_key = Vault::open_state_key(&f, &dek)?;
        let body = open_sealed(&dek, &f.body, &body_aad(&f.home_id)).ok_or_else(tampered)?;
        let parsed: Body = serde_json::from_slice(&body).map_err(|_| tampered())?;
        let entries = parsed
            .entries
            .into_iter()
            .map(|(k, v)| (k, Zeroizing::new(v)))
            .collect();
        Ok(Vault {
            home_id: f.home_id,
            protection: f.protection,
            kek,
            dek,
            state_key,
            entries,
            dirty: false,
        })
    }

    /// Seal to bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut body = Zeroizing::new(String::from("{\"entries\":{"));
        for (i, (k, v)) in self.entries.iter().enumerate() {
            if i > 0 {
                body.push(',');
            }
            let ks = serde_json::to_string(k).map_err(|e| Error::bug(e.to_string()))?;
            let vs = Zeroizing::new(
                serde_json::to_string(v.as_str()).map_err(|e| Error::bug(e.to_string()))?,
            );
            body.push_str(&ks);
            body.push(':');
            body.push_str(&vs);
        }
        body.push_str("}}");
        let file = VaultFile {
            format: FORMAT.into(),
            version: VERSION,
            home_id: self.home_id.clone(),
            protection: self.protection.clone(),
            wrap: seal(
                &self.kek,
                &self.dek[..],
                &wrap_aad(&self.home_id, &self.protection),
            )?,
            integrity: seal(
                &self.dek,
                &self.state_key[..],
                &integrity_aad(&self.home_id),
            )?,
            body: seal(&self.dek, body.as_bytes(), &body_aad(&self.home_id))?,
        };
        let mut out = serde_json::to_vec_pretty(&file).map_err(|e| Error::bug(e.to_string()))?;
        out.push(b'\n');
        Ok(out)
    }

    /// The protection in use.
    pub fn protection(&self) -> Protection {
        self.protection.kind
    }
    /// The home id the vault belongs to.
    pub fn home_id(&self) -> &str {
        &self.home_id
    }
    /// The key that authenticates state.json (HMAC-SHA-256; see `store::integrity`). Random per
    /// home, sealed under the data key, kept across re-keys (like the audit key) so that a crash
    /// between the vault and state writes of a re-key leaves a state that still verifies.
    pub fn state_key(&self) -> &[u8; 32] {
        &self.state_key
    }
    /// Whether anything changed since it was opened.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }
    /// A secret by name.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.entries.get(name).map(|v| v.as_str())
    }
    /// Store a secret.
    pub fn put(&mut self, name: &str, value: Zeroizing<String>) {
        self.entries.insert(name.to_string(), value);
        self.dirty = true;
    }
    /// Drop the entries under `prefix` for which `keep` is false; returns how many went.
    pub fn retain_prefixed(&mut self, prefix: &str, keep: impl Fn(&str) -> bool) -> usize {
        let before = self.entries.len();
        self.entries
            .retain(|k, _| !k.starts_with(prefix) || keep(k));
        let dropped = before - self.entries.len();
        if dropped > 0 {
            self.dirty = true;
        }
        dropped
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Re-key: a NEW random data key under a new key-encryption key from `protection`; every
    /// entry is re-sealed under it when the vault is written. `master` is the new master key for
    /// `--protect master-key` (never the variable that opened the vault).
    ///
    /// Refused: a master key equal to the one that opens the vault now; a key file that already
    /// exists (it may be the only key to older copies of this vault).
    pub fn rekey(
        &mut self,
        protection: Protection,
        unlock: &Unlock,
        master: Option<&NewMasterKey>,
    ) -> Result<()> {
        if protection == Protection::MasterKey {
            let Some(m) = master else {
                return Err(Error::bug("rekey to master-key without a new master key"));
            };
            if self.protection.kind == Protection::MasterKey
                && bool::from(subtle::ConstantTimeEq::ct_eq(&m.key[..], &self.kek[..]))
            {
                return Err(Error::usage(format!(
                    "the new master key ({}) is the one that opens the vault now: a re-key must change it",
                    m.source
                ))
                .hint("generate a new key (head -c 32 /dev/urandom | base64), put it in another variable and pass --new-master-key-env NAME"));
            }
        }
        let (header, kek) = new_protection(&self.home_id, protection, unlock, master)?;
        self.protection = header;
        self.kek = kek;
        self.dek = random32()?;
        self.dirty = true;
        Ok(())
    }
}

fn wrong_key(kind: Protection) -> Error {
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

fn new_protection(
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
            super::keyring::set(home_id, &kek)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn unlock(dir: &Path, pass: Option<&Path>) -> Unlock {
        Unlock {
            passphrase_file: pass.map(Path::to_path_buf),
            can_prompt: false,
            key_dir: dir.join("keys"),
            in_ci: false,
        }
    }

    #[test]
    fn passphrase_round_trip_wrong_passphrase_and_tamper() {
        let d = tempfile::tempdir().unwrap();
        let pf = d.path().join("pass");
        std::fs::write(&pf, "correct horse\n").unwrap();
        let u = unlock(d.path(), Some(&pf));
        let mut v = Vault::create("homeid0000000001", Protection::Passphrase, &u).unwrap();
        v.put("apikey/a/1", Zeroizing::new("vk_secret".into()));
        let bytes = v.to_bytes().unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("vk_secret"));
        let v2 = Vault::open(&bytes, &u).unwrap();
        assert_eq!(v2.get("apikey/a/1"), Some("vk_secret"));

        std::fs::write(&pf, "wrong\n").unwrap();
        let e = Vault::open(&bytes, &u).err().unwrap();
        assert!(
            e.message().contains("passphrase does not open"),
            "{}",
            e.message()
        );

        std::fs::write(&pf, "correct horse\n").unwrap();
        let mut t = bytes.clone();
        let s = String::from_utf8(t.clone()).unwrap();
        let i = s.find("\"ct\"").unwrap() + 10;
        t[i] = if t[i] == b'A' { b'B' } else { b'A' };
        assert!(Vault::open(&t, &u).is_err());
    }

    #[test]
    fn key_file_vault_and_rekey_keep_secrets() {
        let d = tempfile::tempdir().unwrap();
        let u = unlock(d.path(), None);
        let mut v = Vault::create("homeid0000000002", Protection::KeyFile, &u).unwrap();
        assert_eq!(
            fsutil::mode_of(&u.key_file("homeid0000000002")).unwrap(),
            0o600
        );
        v.put("x", Zeroizing::new("one".into()));
        let pf = d.path().join("p");
        std::fs::write(&pf, "pw-of-12-chars").unwrap();
        let u2 = unlock(d.path(), Some(&pf));
        v.rekey(Protection::Passphrase, &u2, None).unwrap();
        let bytes = v.to_bytes().unwrap();
        let v3 = Vault::open(&bytes, &u2).unwrap();
        assert_eq!(v3.get("x"), Some("one"));
        assert_eq!(v3.protection(), Protection::Passphrase);
    }

    #[test]
    fn retain_drops_orphans() {
        let d = tempfile::tempdir().unwrap();
        let mut v = Vault::create(
            "homeid0000000003",
            Protection::KeyFile,
            &unlock(d.path(), None),
        )
        .unwrap();
        v.put("apikey/a/1", Zeroizing::new("1".into()));
        v.put("apikey/b/1", Zeroizing::new("2".into()));
        v.put("audit/hmac", Zeroizing::new("3".into()));
        assert_eq!(v.retain_prefixed("apikey/", |k| k == "apikey/a/1"), 1);
        assert_eq!(v.len(), 2);
    }
}
