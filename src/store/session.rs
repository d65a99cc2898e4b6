//! An open home: [`Session`] loads, reconciles and commits (vault, then state, then audit).

use std::collections::BTreeSet;
use std::path::Path;
use std::rc::Rc;
use std::time::Duration;

use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::backend::{Commit, HomeLock, Snapshot};
use super::state::{self, State, records};
use super::vault::{self, Protection, Unlock, Vault};
use super::{AUDIT_KEY_ENTRY, Backend, default_protection, keyring, lock_timeout};
use crate::audit::{self, AuditEvent};
use crate::config::Config;
use crate::env;
use crate::error::{Error, ErrorKind, Result};
use crate::fsutil::LockMode;

/// Where a session's commit warnings go.
type Warn = Box<dyn Fn(&str)>;

/// An open home.
pub struct Session {
    backend: Rc<dyn Backend>,
    _lock: HomeLock,
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
    /// Where a commit's warnings go (what failed after its change was made); into `notices`
    /// when unset.
    warn: Option<Warn>,
    /// The time this session acts at.
    pub now: OffsetDateTime,
    /// The rotation journal's successors (name, version) as last committed: a change to them
    /// settles their keys' buckets.
    journal: BTreeSet<(String, u32)>,
}

fn journal_entries(state: &State) -> BTreeSet<(String, u32)> {
    state
        .rotations
        .iter()
        .map(|(name, r)| (name.clone(), r.to_version))
        .collect()
}

/// Read stored buckets through `backend`.
fn loader(backend: &Rc<dyn Backend>) -> records::Loader {
    let b = Rc::clone(backend);
    Rc::new(move |id: &str, hash: &str| b.read_bucket(id, hash))
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

/// The error for a home named by `--home` / `VAUTH_HOME` whose parent directory does not exist
/// (a typo in a directory part; vauth creates a missing home one level deep only).
pub fn no_named_home(dir: &Path) -> Error {
    Error::new(
        ErrorKind::NotFound,
        format!(
            "no directory {} for the home {} (named by --home or VAUTH_HOME)",
            crate::fsutil::parent_dir(dir).display(),
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
                OpenMode::WriteOrCreate if !backend.created_implicitly() => {
                    return Err(no_home(&backend.location()));
                }
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
        Session::load(Rc::from(backend), lock, mode != OpenMode::Read, unlock, now)
    }

    fn load(
        backend: Rc<dyn Backend>,
        lock: HomeLock,
        writable: bool,
        unlock: Unlock,
        now: OffsetDateTime,
    ) -> Result<Session> {
        let state_raw = backend.read_state()?;
        let mut state = State::from_bytes(&state_raw)?;
        state.set_loader(loader(&backend));
        let config = Config::parse_file(&backend.read_config()?, &backend.config_location())?;
        let journal = journal_entries(&state);
        let mut s = Session {
            journal,
            backend,
            _lock: lock,
            writable,
            unlock,
            state,
            state_raw,
            config,
            vault: None,
            notices: Vec::new(),
            warn: None,
            now,
        };
        if writable {
            // Nothing is written on top of a state that fails its integrity check. The vault is
            // opened now (every commit needs it), so it is unlocked once.
            s.vault()?;
            s.verify_state()?;
            s.reconcile_audit()?;
            // A killed write leaves its temporary copy (a vault copy may still hold entries
            // erased since): remove them under the lock, and say so in the audit log.
            let stale = s.backend.remove_stale_temps(&s.state.tables)?;
            if !stale.is_empty() {
                s.commit(AuditEvent::new("home.cleanup").detail("removed", stale.join(",")))?;
            }
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

    /// [`Session::verify_state`], or nothing when this state is the one this machine last wrote
    /// or checked (a local note, outside what a pull request or a copy of the home carries):
    /// `key verify` answers without the vault then.
    pub fn verify_state_noted(&mut self) -> Result<()> {
        let hash = records::sha256_hex(&self.state_raw);
        if self.backend.trusted_state().as_deref() == Some(hash.as_str()) {
            return Ok(());
        }
        self.verify_state()?;
        self.backend.note_trusted_state(&hash);
        Ok(())
    }

    /// Every stored bucket and table, (id, bytes), each checked against the hash the state
    /// names (exit 3 on a mismatch): what `audit verify` and `home export` do; other commands
    /// check the buckets they read.
    pub fn checked_buckets(&self) -> Result<Vec<(String, Vec<u8>)>> {
        let mut all = Vec::new();
        self.each_checked_bucket(|id, bytes| all.push((id.to_string(), bytes)))?;
        Ok(all)
    }

    /// [`Session::checked_buckets`] one bucket at a time, handing each to `f` (`audit verify`
    /// keeps none: a home of 100,000 keys has ~55 MB of buckets).
    pub fn each_checked_bucket(&self, mut f: impl FnMut(&str, Vec<u8>)) -> Result<()> {
        let loader = loader(&self.backend);
        for (id, hash) in self.state.tables.all()? {
            f(&id, records::load_checked(Some(&loader), &id, &hash)?);
        }
        Ok(())
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
        let backend: Rc<dyn Backend> = Rc::from(backend);
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
        vault.put(AUDIT_KEY_ENTRY, Zeroizing::new(hex::encode(hmac_key)))?;
        let mut state = State::new(home_id, now);
        state.set_loader(loader(&backend));
        vault.attach(state.tables.clone());
        let config = Config::parse_file(&backend.read_config()?, &backend.config_location())?;
        let mut s = Session {
            journal: BTreeSet::new(),
            backend,
            _lock: lock,
            writable: true,
            unlock,
            state,
            state_raw: Vec::new(),
            config,
            vault: Some(vault),
            notices: Vec::new(),
            warn: None,
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
            let mut v = Vault::open(&bytes, &self.unlock)?;
            if v.home_id() != self.state.home_id {
                return Err(other_home());
            }
            v.attach(self.state.tables.clone());
            self.vault = Some(v);
        }
        match self.vault.as_mut() {
            Some(v) => Ok(v),
            None => Err(Error::bug("vault missing after open")),
        }
    }

    /// Restore an audit line lost between the state write and the audit append.
    fn reconcile_audit(&mut self) -> Result<()> {
        let (count, last_hash) = self.backend.audit_tail()?;
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

    /// Write what changed — buckets, vault (dropping entries no state references), state — and
    /// the audit line for `event`.
    pub fn commit(&mut self, event: AuditEvent) -> Result<()> {
        if !self.writable {
            return Err(Error::bug("commit on a read-only session"));
        }
        let now = self.now;
        // Buckets whose journal successors changed are settled with the ones that changed.
        let journal = journal_entries(&self.state);
        let touched: BTreeSet<usize> = journal
            .symmetric_difference(&self.journal)
            .map(|(name, _)| records::bucket_of(name))
            .collect();
        for &i in &touched {
            self.state.api_keys.load_bucket(i)?;
        }
        let sweep = self.state.settle(now, &touched)?;
        self.state.update_id_index()?;
        let needed_jwt = self.state.needed_jwt_entries(now);
        let vault = self.vault()?;
        vault.settle_previous_key()?;
        vault.retain_prefixed(state::JWT_PREFIX, |k| needed_jwt.contains(k));
        for (i, settled) in &sweep {
            vault.retain_bucket(*i, |k| settled.keeps(k))?;
        }
        let hmac_key = vault
            .get(AUDIT_KEY_ENTRY)?
            .map(|s| Zeroizing::new(s.to_string()))
            .ok_or_else(|| {
                Error::vault("secrets.vault has no audit key").hint("restore secrets.vault")
            })?;
        let vault_bytes = if vault.is_dirty() {
            Some(vault.to_bytes()?)
        } else {
            None
        };
        let mut buckets = vault.dirty_buckets()?;
        buckets.extend(self.state.api_keys.dirty_bytes()?);
        buckets.extend(self.state.ids.dirty_bytes()?);
        buckets.extend(self.state.certs.dirty_bytes()?);
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
        // Whatever fails from here on leaves the session's tables and audit head as they were.
        let saved = self.state.tables.save();
        let head = self.state.audit.clone();
        let raw = match self.store(&mut buckets, vault_bytes.as_deref(), &line, seq) {
            Ok(raw) => raw,
            Err(e) => {
                self.state.tables.restore(saved);
                self.state.audit = head;
                return Err(e);
            }
        };
        if let Some(v) = self.vault.as_mut() {
            v.mark_clean();
            v.committed(&buckets);
        }
        self.state.api_keys.committed();
        self.state.ids.committed();
        self.state.certs.committed();
        self.journal = journal;
        self.backend.note_trusted_state(&records::sha256_hex(&raw));
        self.state_raw = raw;
        Ok(())
    }

    /// Stage the tables that name `buckets` (added to them), seal the state with the audit
    /// line `line` as its head, and hand it all to the backend; returns the state's bytes.
    fn store(
        &mut self,
        buckets: &mut Vec<records::BucketBytes>,
        vault: Option<&[u8]>,
        line: &str,
        seq: u64,
    ) -> Result<Vec<u8>> {
        let (tables, previous) = self.state.tables.stage(buckets)?;
        buckets.extend(tables);
        self.state.audit.count = seq;
        self.state.audit.last_hash = audit::line_hash(line);
        self.state.audit.last_line = Some(line.to_string());
        let state_key = Zeroizing::new(*self.vault()?.state_key());
        let raw = self.state.to_sealed_bytes(&state_key)?;
        let notices = self.backend.commit(&Commit {
            state: &raw,
            vault,
            buckets,
            previous: &previous,
            audit_line: line,
            audit_seq: seq,
        })?;
        for n in notices {
            match &self.warn {
                Some(w) => w(&n),
                None => self.notices.push(n),
            }
        }
        Ok(raw)
    }

    /// Send the warnings of later commits (the change is made, something after it was not) to
    /// `warn` as they happen.
    pub fn on_warning(&mut self, warn: impl Fn(&str) + 'static) {
        self.warn = Some(Box::new(warn));
    }

    /// Where vauth.toml is, for messages.
    pub fn config_location(&self) -> String {
        self.backend.config_location()
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

    /// The audit log checked against the state's head under the vault's audit key (the state's
    /// integrity is checked first): the log, with a line that a crash left pending in the state
    /// appended; the verdict; and whether such a line was pending.
    pub fn checked_audit(&mut self) -> Result<(Vec<u8>, audit::Verdict, bool)> {
        self.verify_state()?;
        let mut log = self.backend.read_audit_upto(self.state.audit.count)?;
        let key = self
            .vault()?
            .get(AUDIT_KEY_ENTRY)?
            .map(|k| Zeroizing::new(k.to_string()))
            .ok_or_else(|| {
                Error::vault("secrets.vault has no audit key").hint("restore secrets.vault")
            })?;
        // A command killed between writing state.json and appending its audit line leaves that
        // line in state.json; the next change appends it. Until then, check with it in place.
        let (count, last) = audit::tail(&log);
        let head = &self.state.audit;
        let mut pending = false;
        if count.checked_add(1) == Some(head.count)
            && let Some(line) = &head.last_line
            && audit::prev_of(line).as_deref()
                == Some(if count == 0 {
                    audit::GENESIS
                } else {
                    last.as_str()
                })
        {
            log.extend_from_slice(line.as_bytes());
            log.push(b'\n');
            pending = true;
        }
        let v = audit::verify(&log, key.as_bytes(), &self.state.audit)?;
        Ok((log, v, pending))
    }

    /// The whole home, checked (state integrity and the audit chain), for `vauth home export`
    /// and `import`.
    pub fn snapshot(&mut self) -> Result<Snapshot> {
        let (audit, v, _) = self.checked_audit()?;
        if !v.ok {
            return Err(Error::state(format!(
                "the audit log of {} fails its check at line {}: {}",
                self.location(),
                v.bad_line.unwrap_or(0),
                v.reason.as_deref().unwrap_or("invalid")
            ))
            .hint("run `vauth audit verify`; a home whose log fails is not copied"));
        }
        let buckets = self.checked_buckets()?;
        Ok(Snapshot {
            state: self.state_raw.clone(),
            vault: self.backend.read_vault()?,
            config: self.backend.read_config()?,
            audit,
            buckets,
        })
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
