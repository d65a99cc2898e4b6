//! The home: state, vault, config and audit log behind one [`Backend`] trait, and the
//! [`Session`] through which every command reads or changes them.
//!
//! A session takes the home's lock (shared to read, exclusive to change), loads state.json,
//! reconciles what a crash may have left, opens the vault only when asked, and commits in one
//! order — vault, then state, then audit — so a crash at any instant leaves the old or the new
//! state. Nothing outside `store/` may assume that state is a local file: commands talk to
//! [`Session`] only.

pub mod index;
pub mod keyring;
pub mod state;
pub mod vault;

use std::path::{Path, PathBuf};
use std::time::Duration;

use time::OffsetDateTime;
use zeroize::Zeroizing;

use crate::audit::{self, AuditEvent};
use crate::config::{self, Config};
use crate::env;
use crate::error::{Error, ErrorKind, Result};
use crate::fsutil::{self, LockGuard, LockMode};
use state::State;
use vault::{Protection, Unlock, Vault};

/// Largest state.json read.
const MAX_STATE_BYTES: u64 = 512 << 20;
/// Largest vauth.toml read.
const MAX_CONFIG_BYTES: u64 = 1 << 20;
/// Vault entry holding the audit HMAC key.
pub const AUDIT_KEY_ENTRY: &str = "audit/hmac-key";

/// The `.gitignore` written into every home: only config, state and audit are committable.
pub const GITIGNORE: &str = "# Written by vauth. Commit vauth.toml, state.json and audit.log;\n\
# commit secrets.vault too only if your team chose to (it is sealed).\n\
*\n!.gitignore\n!vauth.toml\n!state.json\n!audit.log\n";

/// Storage of one home. The local-directory implementation is [`FileBackend`]; a shared
/// PostgreSQL backend can implement the same calls.
pub trait Backend {
    /// Where the home is, for messages.
    fn location(&self) -> String;
    /// Whether the home has been initialized (state exists).
    fn exists(&self) -> Result<bool>;
    /// Whether a vault exists (an interrupted init leaves a vault without state).
    fn vault_exists(&self) -> bool;
    /// Create the container (directory, .gitignore, default config if absent).
    fn create(&self) -> Result<()>;
    /// Take the home's lock.
    fn lock(&self, mode: LockMode, timeout: Duration) -> Result<LockGuard>;
    /// Read state.json.
    fn read_state(&self) -> Result<Vec<u8>>;
    /// Replace state.json atomically.
    fn write_state(&self, bytes: &[u8]) -> Result<()>;
    /// Read secrets.vault.
    fn read_vault(&self) -> Result<Vec<u8>>;
    /// Replace secrets.vault atomically.
    fn write_vault(&self, bytes: &[u8]) -> Result<()>;
    /// Read vauth.toml (empty when absent).
    fn read_config(&self) -> Result<String>;
    /// Replace vauth.toml atomically (`vauth target add/remove`).
    fn write_config(&self, text: &str) -> Result<()>;
    /// Where vauth.toml is, for messages that tell the user to edit it.
    fn config_location(&self) -> String {
        format!("{}/vauth.toml", self.location())
    }
    /// Read the whole audit log (empty when absent).
    fn read_audit(&self) -> Result<Vec<u8>>;
    /// Append one line to the audit log, durably.
    fn append_audit(&self, line: &str) -> Result<()>;
    /// Rebuild the API-key id index after a state write (best effort: derived data).
    fn write_key_index(&self, _state: &State) {}
    /// Look an API-key id up in the index; [`index::Miss::Stale`] when there is no fresh index.
    fn lookup_key_id(&self, _id: &str) -> std::result::Result<index::Hit, index::Miss> {
        Err(index::Miss::Stale)
    }
}

/// A home in a local directory.
#[derive(Debug, Clone)]
pub struct FileBackend {
    root: PathBuf,
}

impl FileBackend {
    /// The home at `root`.
    pub fn new(root: PathBuf) -> FileBackend {
        FileBackend { root }
    }
    /// The directory.
    pub fn root(&self) -> &Path {
        &self.root
    }
    /// Path of a file in the home.
    pub fn path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }
    fn read(&self, name: &str, max: u64) -> Result<Vec<u8>> {
        let p = self.path(name);
        fsutil::read_regular(&p, max).map_err(|e| Error::io("read", &p, &e))
    }
    fn write(&self, name: &str, bytes: &[u8]) -> Result<()> {
        let p = self.path(name);
        fsutil::write_atomic(&p, bytes, fsutil::PRIVATE).map_err(|e| Error::io("write", &p, &e))
    }
}

impl Backend for FileBackend {
    fn location(&self) -> String {
        self.root.display().to_string()
    }
    fn exists(&self) -> Result<bool> {
        let p = self.path("state.json");
        match std::fs::symlink_metadata(&p) {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if self.root.exists() && !self.root.is_dir() {
                    return Err(Error::state(format!(
                        "the home {} is not a directory",
                        self.root.display()
                    ))
                    .hint("point --home / VAUTH_HOME at a directory"));
                }
                Ok(false)
            }
            Err(e) => Err(Error::io("read", &p, &e)),
        }
    }
    fn vault_exists(&self) -> bool {
        self.path("secrets.vault").exists()
    }
    fn create(&self) -> Result<()> {
        fsutil::create_dir_private(&self.root).map_err(|e| Error::io("create", &self.root, &e))?;
        let gi = self.path(".gitignore");
        if !gi.exists() {
            fsutil::write_atomic(&gi, GITIGNORE.as_bytes(), fsutil::PUBLIC)
                .map_err(|e| Error::io("write", &gi, &e))?;
        }
        let cfg = self.path("vauth.toml");
        if !cfg.exists() {
            fsutil::write_atomic(&cfg, config::DEFAULT_TOML.as_bytes(), fsutil::PRIVATE)
                .map_err(|e| Error::io("write", &cfg, &e))?;
        }
        Ok(())
    }
    fn lock(&self, mode: LockMode, timeout: Duration) -> Result<LockGuard> {
        fsutil::lock(&self.path("lock"), mode, timeout)
    }
    fn read_state(&self) -> Result<Vec<u8>> {
        self.read("state.json", MAX_STATE_BYTES)
    }
    fn write_state(&self, bytes: &[u8]) -> Result<()> {
        self.write("state.json", bytes)
    }
    fn read_vault(&self) -> Result<Vec<u8>> {
        self.read("secrets.vault", vault::MAX_VAULT_BYTES)
    }
    fn write_vault(&self, bytes: &[u8]) -> Result<()> {
        self.write("secrets.vault", bytes)
    }
    fn read_config(&self) -> Result<String> {
        let p = self.path("vauth.toml");
        match fsutil::read_regular(&p, MAX_CONFIG_BYTES) {
            Ok(b) => String::from_utf8(b).map_err(|_| {
                Error::state("vauth.toml is not UTF-8").hint("fix or remove vauth.toml")
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
            Err(e) => Err(Error::io("read", &p, &e)),
        }
    }
    fn write_config(&self, text: &str) -> Result<()> {
        self.write("vauth.toml", text.as_bytes())
    }
    fn config_location(&self) -> String {
        self.path("vauth.toml").display().to_string()
    }
    fn read_audit(&self) -> Result<Vec<u8>> {
        let p = self.path("audit.log");
        match fsutil::read_regular(&p, MAX_STATE_BYTES) {
            Ok(b) => Ok(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(Error::io("read", &p, &e)),
        }
    }
    fn append_audit(&self, line: &str) -> Result<()> {
        let p = self.path("audit.log");
        fsutil::append_regular(&p, line, fsutil::PRIVATE)
            .map_err(|e| Error::io("append to", &p, &e))
    }
    fn write_key_index(&self, state: &State) {
        let p = self.path(KEY_INDEX);
        let built = self
            .state_stamp()
            .and_then(|stamp| index::build(state, stamp));
        let ok =
            built.is_some_and(|bytes| fsutil::write_derived(&p, &bytes, fsutil::PRIVATE).is_ok());
        if !ok {
            // No index is better than a wrong one; a stale one would be detected anyway.
            let _ = std::fs::remove_file(&p);
        }
    }
    fn lookup_key_id(&self, id: &str) -> std::result::Result<index::Hit, index::Miss> {
        let stamp = self.state_stamp().ok_or(index::Miss::Stale)?;
        let mut f = fsutil::open_regular(&self.path(KEY_INDEX)).map_err(|_| index::Miss::Stale)?;
        index::lookup(&mut f, stamp, id)
    }
}

/// The API-key id index beside state.json (derived; see [`index`]).
pub const KEY_INDEX: &str = "keys.idx";

impl FileBackend {
    /// Identity of the current state.json (length, mtime, inode).
    #[cfg(unix)]
    fn state_stamp(&self) -> Option<index::StateStamp> {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(self.path("state.json")).ok()?;
        Some(index::StateStamp {
            len: m.len(),
            mtime_ns: i128::from(m.mtime()) * 1_000_000_000 + i128::from(m.mtime_nsec()),
            ino: m.ino(),
        })
    }
    #[cfg(not(unix))]
    fn state_stamp(&self) -> Option<index::StateStamp> {
        None
    }
}

/// Look an API-key id up through the home's index under a shared lock, without loading the
/// registry. `Ok(Err(Stale))` means: ask the registry instead.
pub fn lookup_key_id(
    backend: &dyn Backend,
    id: &str,
) -> Result<std::result::Result<index::Hit, index::Miss>> {
    if !backend.exists()? {
        return Ok(Err(index::Miss::Stale));
    }
    let _lock = backend.lock(LockMode::Shared, lock_timeout())?;
    Ok(backend.lookup_key_id(id))
}

/// Where the home is: `--home`, else `$VAUTH_HOME` (clap folds both), else
/// `$XDG_DATA_HOME/vauth`, else `~/.local/share/vauth`.
pub fn resolve_home(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = flag {
        if p.as_os_str().is_empty() {
            return Err(Error::usage("--home is empty").hint("pass a directory path"));
        }
        return Ok(p.to_path_buf());
    }
    if let Some(d) = env::get_os(env::XDG_DATA_HOME) {
        return Ok(PathBuf::from(d).join("vauth"));
    }
    if let Some(h) = env::get_os(env::HOME) {
        return Ok(PathBuf::from(h).join(".local/share/vauth"));
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

/// An open home.
pub struct Session {
    backend: Box<dyn Backend>,
    _lock: LockGuard,
    writable: bool,
    unlock: Unlock,
    /// The registry. Commands change it in place and then [`Session::commit`].
    pub state: State,
    /// state.json's bytes as read (or last written), for the integrity check.
    state_raw: Vec<u8>,
    /// The parsed vauth.toml.
    pub config: Config,
    vault: Option<Vault>,
    /// Messages for the user produced while opening (e.g. a recovered audit line).
    pub notices: Vec<String>,
    /// The time this session acts at.
    pub now: OffsetDateTime,
}

/// How to open a home.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Read only; the home must exist.
    Read,
    /// Change it; the home must exist.
    Write,
    /// Change it; create the home with the default protection if it does not exist (not in CI).
    WriteOrCreate,
}

fn no_home(location: &str) -> Error {
    Error::new(ErrorKind::NotFound, format!("no vauth home at {location}"))
        .hint("run `vauth init`, or pass --home DIR / set VAUTH_HOME to an existing home")
}

/// The error for a home directory named by `--home` / `VAUTH_HOME` that does not exist (never
/// created implicitly: a typo would otherwise start a second home with a new vault key).
pub fn no_named_home(dir: &Path) -> Error {
    Error::new(
        ErrorKind::NotFound,
        format!(
            "no directory {} (named by --home or VAUTH_HOME; vauth makes a home only in an existing directory, or at the default location)",
            dir.display()
        ),
    )
    .hint(format!(
        "check the path for a typo, or create the home with `vauth init --home {}`",
        dir.display()
    ))
}

impl Session {
    /// Open the home in `backend`.
    pub fn open(
        backend: Box<dyn Backend>,
        mode: OpenMode,
        unlock: Unlock,
        now: OffsetDateTime,
    ) -> Result<Session> {
        Session::open_with(backend, mode, unlock, now, None)
    }

    /// [`Session::open`], waiting up to `lock_wait` (default [`lock_timeout`]) for the lock.
    pub fn open_with(
        backend: Box<dyn Backend>,
        mode: OpenMode,
        unlock: Unlock,
        now: OffsetDateTime,
        lock_wait: Option<Duration>,
    ) -> Result<Session> {
        if !backend.exists()? {
            match mode {
                OpenMode::Read | OpenMode::Write => return Err(no_home(&backend.location())),
                OpenMode::WriteOrCreate => {
                    if env::in_ci() {
                        return Err(Error::new(
                            ErrorKind::NotFound,
                            format!("no vauth home at {} (CI is set, so none is created implicitly)", backend.location()),
                        )
                        .hint("run `vauth init` with VAUTH_MASTER_KEY set, or restore the home from your repository/cache"));
                    }
                    let protection = default_protection(&unlock)?;
                    let (mut s, created) = Session::create(backend, protection, unlock, now)?;
                    if created {
                        let mut msg = format!(
                            "created a new vauth home at {} (vault protection: {})",
                            s.location(),
                            protection.as_str()
                        );
                        if protection == Protection::KeyFile {
                            if keyring::reachable() {
                                msg.push_str("; no OS keyring (Secret Service) runs here");
                            }
                            msg.push_str(
                                "; the vault key is a 0600 file outside the home, the weakest \
                                 option: see `vauth status` and `vauth vault rekey`",
                            );
                        }
                        s.notices.push(msg);
                    }
                    return Ok(s);
                }
            }
        }
        let lock_mode = if mode == OpenMode::Read {
            LockMode::Shared
        } else {
            LockMode::Exclusive
        };
        let lock = backend.lock(lock_mode, lock_wait.unwrap_or_else(lock_timeout))?;
        Session::load(backend, lock, mode != OpenMode::Read, unlock, now)
    }

    fn load(
        backend: Box<dyn Backend>,
        lock: LockGuard,
        writable: bool,
        unlock: Unlock,
        now: OffsetDateTime,
    ) -> Result<Session> {
        let state_raw = backend.read_state()?;
        let state = State::from_bytes(&state_raw)?;
        let config = Config::parse_file(&backend.read_config()?, &backend.config_location())?;
        let mut s = Session {
            backend,
            _lock: lock,
            writable,
            unlock,
            state,
            state_raw,
            config,
            vault: None,
            notices: Vec::new(),
            now,
        };
        if writable {
            // Nothing is written on top of a state that fails its integrity check. The vault is
            // opened now (every commit needs it), so it is unlocked once.
            s.vault()?;
            s.verify_state()?;
            s.reconcile_audit()?;
        }
        Ok(s)
    }

    /// Check state.json's integrity tag under the key sealed in the vault (exit 3 on a
    /// mismatch). Every session that changes the home does this on open; read commands that
    /// answer a trust question (`key verify` from the registry, `audit verify`, `jwt verify`,
    /// `jwt jwks`/`oidc`, `cert verify`) call it. It unwraps the vault's data key but does not
    /// decrypt the body unless the vault is already open.
    pub fn verify_state(&mut self) -> Result<()> {
        let key = match &self.vault {
            Some(v) => Zeroizing::new(*v.state_key()),
            None => {
                let bytes = self.backend.read_vault()?;
                if Vault::peek_protection(&bytes)?.1 == Protection::Passphrase {
                    // A passphrase costs a prompt and an Argon2 run: open the vault once, for
                    // this check and whatever the command needs from it.
                    Zeroizing::new(*self.vault()?.state_key())
                } else {
                    let (home_id, key) = Vault::read_state_key(&bytes, &self.unlock)?;
                    if home_id != self.state.home_id {
                        return Err(other_home());
                    }
                    key
                }
            }
        };
        State::check_integrity(&self.state_raw, &key)
    }

    /// Create a home (under the exclusive lock). Returns the session and whether it was created
    /// now (false when another process created it meanwhile).
    pub fn create(
        backend: Box<dyn Backend>,
        protection: Protection,
        unlock: Unlock,
        now: OffsetDateTime,
    ) -> Result<(Session, bool)> {
        backend.create()?;
        let lock = backend.lock(LockMode::Exclusive, lock_timeout())?;
        if backend.exists()? {
            return Ok((Session::load(backend, lock, true, unlock, now)?, false));
        }
        if backend.vault_exists() {
            return Err(Error::state(format!(
                "the home {} has a secrets.vault but no state.json (an interrupted init?)",
                backend.location()
            ))
            .hint("move the directory aside and run `vauth init` again; nothing was changed"));
        }
        let home_id = new_home_id()?;
        let mut vault = Vault::create(&home_id, protection, &unlock)?;
        let mut hmac_key = [0u8; 32];
        getrandom::fill(&mut hmac_key)
            .map_err(|e| Error::state(format!("the OS random source failed: {e}")))?;
        vault.put(AUDIT_KEY_ENTRY, Zeroizing::new(hex::encode(hmac_key)));
        let config = Config::parse_file(&backend.read_config()?, &backend.config_location())?;
        let mut s = Session {
            backend,
            _lock: lock,
            writable: true,
            unlock,
            state: State::new(home_id, now),
            state_raw: Vec::new(),
            config,
            vault: Some(vault),
            notices: Vec::new(),
            now,
        };
        s.commit(AuditEvent::new("home.init").detail("protection", protection.as_str()))?;
        Ok((s, true))
    }

    /// Where the home is.
    pub fn location(&self) -> String {
        self.backend.location()
    }

    /// The vault protection, read from the vault header without opening it.
    pub fn protection(&self) -> Result<Protection> {
        if let Some(v) = &self.vault {
            return Ok(v.protection());
        }
        Ok(Vault::peek_protection(&self.backend.read_vault()?)?.1)
    }

    /// How to unlock the vault (passphrase source, prompt, key dir).
    pub fn unlock(&self) -> &Unlock {
        &self.unlock
    }

    /// The vault, opened on first use.
    pub fn vault(&mut self) -> Result<&mut Vault> {
        if self.vault.is_none() {
            let bytes = self.backend.read_vault()?;
            let v = Vault::open(&bytes, &self.unlock)?;
            if v.home_id() != self.state.home_id {
                return Err(other_home());
            }
            self.vault = Some(v);
        }
        match self.vault.as_mut() {
            Some(v) => Ok(v),
            None => Err(Error::bug("vault missing after open")),
        }
    }

    /// Restore an audit line lost between the state write and the audit append.
    fn reconcile_audit(&mut self) -> Result<()> {
        let log = self.backend.read_audit()?;
        let (count, last_hash) = audit::tail(&log);
        let head = &self.state.audit;
        if count.checked_add(1) == Some(head.count)
            && let Some(line) = head.last_line.clone()
            && audit::prev_of(&line).as_deref()
                == Some(if count == 0 {
                    audit::GENESIS
                } else {
                    last_hash.as_str()
                })
            && audit::line_hash(&line) == head.last_hash
        {
            self.backend.append_audit(&line)?;
            self.notices
                .push("restored the audit line of an interrupted command".to_string());
        }
        Ok(())
    }

    /// Write vault (if opened and changed, dropping entries no state references), then state,
    /// then the audit line for `event`.
    pub fn commit(&mut self, event: AuditEvent) -> Result<()> {
        if !self.writable {
            return Err(Error::bug("commit on a read-only session"));
        }
        let now = self.now;
        let needed = self.state.needed_key_entries(now);
        let vault = self.vault()?;
        for prefix in state::MANAGED_VAULT_PREFIXES {
            vault.retain_prefixed(prefix, |k| needed.contains(k));
        }
        let hmac_key = vault
            .get(AUDIT_KEY_ENTRY)
            .map(|s| Zeroizing::new(s.to_string()))
            .ok_or_else(|| {
                Error::vault("secrets.vault has no audit key").hint("restore secrets.vault")
            })?;
        if vault.is_dirty() {
            let bytes = vault.to_bytes()?;
            self.backend.write_vault(&bytes)?;
        }
        crate::testpoints::crash_point("after-vault");
        let actor = audit::Actor::from_env();
        let seq = audit::next_seq(self.state.audit.count)?;
        let line = audit::make_line(
            &event,
            &actor,
            now,
            seq,
            &self.state.audit.last_hash,
            hmac_key.as_bytes(),
        )?;
        self.state.audit.count = seq;
        self.state.audit.last_hash = audit::line_hash(&line);
        self.state.audit.last_line = Some(line.clone());
        let state_key = Zeroizing::new(*self.vault()?.state_key());
        let raw = self.state.to_sealed_bytes(&state_key)?;
        self.backend.write_state(&raw)?;
        self.state_raw = raw;
        self.backend.write_key_index(&self.state);
        crate::testpoints::crash_point("after-state");
        self.backend.append_audit(&line)?;
        crate::testpoints::crash_point("after-audit");
        Ok(())
    }

    /// The text of vauth.toml as it is on disk.
    pub fn config_text(&self) -> Result<String> {
        self.backend.read_config()
    }

    /// Replace vauth.toml with `text` (validated first); call before [`Session::commit`] so the
    /// audit line follows the change.
    pub fn write_config(&mut self, text: &str) -> Result<()> {
        if !self.writable {
            return Err(Error::bug("write_config on a read-only session"));
        }
        let cfg = Config::parse_file(text, &self.backend.config_location())?;
        self.backend.write_config(text)?;
        self.config = cfg;
        Ok(())
    }

    /// Re-key the vault: a new data key under a new key-encryption key from `protection`
    /// (`master`: the new master key for `master-key`); written by the next [`Session::commit`].
    pub fn rekey(
        &mut self,
        protection: Protection,
        new_unlock: &Unlock,
        master: Option<&vault::NewMasterKey>,
    ) -> Result<()> {
        self.vault()?.rekey(protection, new_unlock, master)
    }

    /// The audit log's bytes and the HMAC key to check it.
    pub fn audit_log(&self) -> Result<Vec<u8>> {
        self.backend.read_audit()
    }
}

fn other_home() -> Error {
    Error::vault("secrets.vault belongs to another home than state.json")
        .hint("restore the matching secrets.vault for this home")
}

fn new_home_id() -> Result<String> {
    crate::apikey::random_base62(16)
        .map_err(|e| Error::state(format!("the OS random source failed: {e}")))
}
