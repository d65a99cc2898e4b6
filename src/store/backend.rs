//! Where a home's files live: the [`Backend`] trait and the local-directory [`FileBackend`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::state::State;
use super::{index, lock_timeout, vault};
use crate::config;
use crate::error::{Error, Result};
use crate::fsutil::{self, LockGuard, LockMode};

/// Largest state.json read.
const MAX_STATE_BYTES: u64 = 512 << 20;
/// Largest vauth.toml read.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// The `.gitignore` written into every home: only config, state and audit are committable.
pub const GITIGNORE: &str = "# Written by vauth. Commit vauth.toml, state.json and audit.log;\n\
# commit secrets.vault too only if your team chose to (it is sealed).\n\
*\n!.gitignore\n!vauth.toml\n!state.json\n!audit.log\n";

/// The hold on a home's lock; released on drop. A directory home holds a file lock; a
/// PostgreSQL home's lock lives in its connection (released when the backend is dropped).
#[derive(Debug)]
pub struct HomeLock {
    _file: Option<LockGuard>,
}

impl HomeLock {
    /// A lock held elsewhere (by the backend's connection), or none needed.
    pub fn none() -> HomeLock {
        HomeLock { _file: None }
    }
    /// A file lock.
    pub fn file(g: LockGuard) -> HomeLock {
        HomeLock { _file: Some(g) }
    }
}

/// What one [`Session::commit`](super::Session::commit) writes: the sealed state, the vault when
/// it changed, and the audit line that records the change (a pending vauth.toml goes with it).
pub struct Commit<'a> {
    /// state.json's new bytes (sealed with its integrity tag).
    pub state: &'a [u8],
    /// secrets.vault's new bytes, when the vault changed.
    pub vault: Option<&'a [u8]>,
    /// The audit line (no newline).
    pub audit_line: &'a str,
    /// Its sequence number.
    pub audit_seq: u64,
    /// The new state, for derived data (the key-id index).
    pub new_state: &'a State,
}

/// A whole home, as `vauth home export` / `import` move it.
pub struct Snapshot {
    /// state.json.
    pub state: Vec<u8>,
    /// secrets.vault.
    pub vault: Vec<u8>,
    /// vauth.toml.
    pub config: String,
    /// audit.log (lines ending in a newline).
    pub audit: Vec<u8>,
}

/// Storage of one home: a local directory ([`FileBackend`]) or PostgreSQL
/// ([`PgBackend`](super::postgres::PgBackend)).
pub trait Backend {
    /// Where the home is, for messages.
    fn location(&self) -> String;
    /// Whether the home has been initialized (state exists).
    fn exists(&self) -> Result<bool>;
    /// Whether a vault exists (an interrupted init leaves a vault without state).
    fn vault_exists(&self) -> bool;
    /// Create the container (directory, .gitignore, default config if absent; the schema).
    fn create(&self) -> Result<()>;
    /// Whether the first writing command may create this home when it does not exist (a
    /// directory may; a database home is made by `vauth init` only, so a typo in `home=` is an
    /// error, not a new empty home).
    fn created_implicitly(&self) -> bool {
        true
    }
    /// Take the home's lock.
    fn lock(&self, mode: LockMode, timeout: Duration) -> Result<HomeLock>;
    /// Read state.json.
    fn read_state(&self) -> Result<Vec<u8>>;
    /// Read secrets.vault.
    fn read_vault(&self) -> Result<Vec<u8>>;
    /// Read vauth.toml (the default one when absent).
    fn read_config(&self) -> Result<String>;
    /// Replace vauth.toml (`vauth target add/remove`): at once in a directory, with the next
    /// commit in PostgreSQL.
    fn write_config(&self, text: &str) -> Result<()>;
    /// Where vauth.toml is, for messages that tell the user to edit it.
    fn config_location(&self) -> String {
        format!("{}/vauth.toml", self.location())
    }
    /// Read the whole audit log (empty when absent).
    fn read_audit(&self) -> Result<Vec<u8>>;
    /// The audit log up to line `count` (the state's head): a reader of a home it does not lock
    /// must not see lines a later commit added. A directory home is read under the lock and
    /// returns the whole log (a longer log than the head is tampering, for `audit verify`).
    fn read_audit_upto(&self, _count: u64) -> Result<Vec<u8>> {
        self.read_audit()
    }
    /// The audit log's line count and the hash of its last line.
    fn audit_tail(&self) -> Result<(u64, String)> {
        Ok(crate::audit::tail(&self.read_audit()?))
    }
    /// Append one line to the audit log, durably (restoring a line a crash lost).
    fn append_audit(&self, line: &str) -> Result<()>;
    /// Write one change: all of it or, where the storage cannot promise that, in an order that
    /// the next open reconciles (vault, then state, then audit).
    fn commit(&self, change: &Commit<'_>) -> Result<()>;
    /// Create this home from `snapshot`, all or nothing; refuse (exit 3) if it exists.
    fn create_from(&self, snapshot: &Snapshot) -> Result<()>;
    /// Remove what killed writes left behind (temporary copies of the home's files) and return
    /// their names. Called under the exclusive lock, so no writer of this home is running.
    fn remove_stale_temps(&self) -> Result<Vec<String>> {
        Ok(Vec::new())
    }
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

/// The files of a directory home that are replaced through a temporary copy
/// (`.NAME.tmp-XXXXXXXXXXXX`, see `fsutil`).
const REPLACED_FILES: &[&str] = &[
    "state.json",
    "secrets.vault",
    "vauth.toml",
    "audit.log",
    KEY_INDEX,
    ".gitignore",
];

impl Backend for FileBackend {
    fn remove_stale_temps(&self) -> Result<Vec<String>> {
        let entries =
            std::fs::read_dir(&self.root).map_err(|e| Error::io("read", &self.root, &e))?;
        let mut removed = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let stale = REPLACED_FILES.iter().any(|f| {
                name.strip_prefix('.')
                    .and_then(|n| n.strip_prefix(f))
                    .and_then(|n| n.strip_prefix(".tmp-"))
                    .is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_hexdigit()))
            });
            // Only regular files: a link or directory of that name is not vauth's.
            if stale && e.file_type().is_ok_and(|t| t.is_file()) {
                let p = e.path();
                std::fs::remove_file(&p).map_err(|err| Error::io("remove", &p, &err))?;
                removed.push(name);
            }
        }
        if !removed.is_empty() {
            removed.sort();
            fsutil::sync_dir(&self.root).map_err(|e| Error::io("sync", &self.root, &e))?;
        }
        Ok(removed)
    }
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
    fn lock(&self, mode: LockMode, timeout: Duration) -> Result<HomeLock> {
        fsutil::lock(&self.path("lock"), mode, timeout).map(HomeLock::file)
    }
    fn read_state(&self) -> Result<Vec<u8>> {
        self.read("state.json", MAX_STATE_BYTES)
    }
    fn read_vault(&self) -> Result<Vec<u8>> {
        self.read("secrets.vault", vault::MAX_VAULT_BYTES)
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
    fn audit_tail(&self) -> Result<(u64, String)> {
        // Every writing command asks this: read the end of the log, not all of it.
        let p = self.path("audit.log");
        let mut f = match fsutil::open_regular(&p) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((0, String::new())),
            Err(e) => return Err(Error::io("read", &p, &e)),
        };
        let len = f.metadata().map_err(|e| Error::io("read", &p, &e))?.len();
        match last_line(&mut f, len).map_err(|e| Error::io("read", &p, &e))? {
            None => Ok((0, String::new())),
            Some(line) => match crate::audit::seq_of(&line) {
                Some(seq) => Ok((seq, crate::audit::line_hash(&line))),
                // Not a line vauth wrote: count the way `audit verify` does.
                None => Ok(crate::audit::tail(&self.read_audit()?)),
            },
        }
    }
    fn commit(&self, ch: &Commit<'_>) -> Result<()> {
        if let Some(v) = ch.vault {
            self.write("secrets.vault", v)?;
        }
        crate::testpoints::crash_point("after-vault");
        self.write("state.json", ch.state)?;
        self.write_key_index(ch.new_state);
        crate::testpoints::crash_point("after-state");
        self.append_audit(ch.audit_line)?;
        crate::testpoints::crash_point("after-audit");
        Ok(())
    }
    fn create_from(&self, snap: &Snapshot) -> Result<()> {
        let root = &self.root;
        if let Ok(mut entries) = std::fs::read_dir(root)
            && entries.next().is_some()
        {
            return Err(Error::new(
                crate::error::ErrorKind::Exists,
                format!("{} exists and is not empty", root.display()),
            )
            .hint("name a new directory; nothing was changed"));
        }
        let parent = fsutil::parent_dir(root);
        let name = root
            .file_name()
            .ok_or_else(|| {
                Error::usage(format!("{} names no directory", root.display()))
                    .hint("name a new directory, e.g. ./home-copy")
            })?
            .to_string_lossy()
            .into_owned();
        let mut tag = [0u8; 6];
        getrandom::fill(&mut tag)
            .map_err(|e| Error::state(format!("the OS random source failed: {e}")))?;
        let tmp = parent.join(format!(".{name}.import-{}", hex::encode(tag)));
        fsutil::create_dir_private(&tmp).map_err(|e| Error::io("create", &tmp, &e))?;
        let staged = FileBackend::new(tmp.clone());
        let r = (|| {
            let gi = staged.path(".gitignore");
            fsutil::write_atomic(&gi, GITIGNORE.as_bytes(), fsutil::PUBLIC)
                .map_err(|e| Error::io("write", &gi, &e))?;
            staged.write("vauth.toml", snap.config.as_bytes())?;
            staged.write("secrets.vault", &snap.vault)?;
            staged.write("state.json", &snap.state)?;
            staged.write("audit.log", &snap.audit)?;
            // Onto a missing or empty directory, in one step.
            std::fs::rename(&tmp, root).map_err(|e| Error::io("create", root, &e))?;
            fsutil::sync_dir(parent).map_err(|e| Error::io("sync", parent, &e))
        })();
        if r.is_err() {
            let _ = std::fs::remove_dir_all(&tmp);
        }
        r
    }
    fn lookup_key_id(&self, id: &str) -> std::result::Result<index::Hit, index::Miss> {
        let stamp = self.state_stamp().ok_or(index::Miss::Stale)?;
        let mut f = fsutil::open_regular(&self.path(KEY_INDEX)).map_err(|_| index::Miss::Stale)?;
        index::lookup(&mut f, stamp, id)
    }
}

/// The last non-empty line of a file of `len` bytes, read from its end in growing windows.
fn last_line(f: &mut std::fs::File, len: u64) -> std::io::Result<Option<String>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut window: u64 = 16 << 10;
    loop {
        let start = len.saturating_sub(window);
        f.seek(SeekFrom::Start(start))?;
        let mut buf = Vec::new();
        f.by_ref().take(len - start).read_to_end(&mut buf)?;
        let body = buf.strip_suffix(b"\n").unwrap_or(&buf);
        if let Some(i) = body.iter().rposition(|&b| b == b'\n') {
            return Ok(Some(String::from_utf8_lossy(&body[i + 1..]).into_owned()));
        }
        if start == 0 {
            return Ok((!body.is_empty()).then(|| String::from_utf8_lossy(body).into_owned()));
        }
        window = window.saturating_mul(4);
    }
}

/// The API-key id index beside state.json (derived; see [`index`]).
pub const KEY_INDEX: &str = "keys.idx";

impl FileBackend {
    /// Rebuild the API-key id index after a state write (best effort: derived data).
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

#[cfg(test)]
mod tail_tests {
    use super::last_line;

    fn last(text: &str) -> Option<String> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("log");
        std::fs::write(&p, text).unwrap();
        let mut f = std::fs::File::open(&p).unwrap();
        last_line(&mut f, text.len() as u64).unwrap()
    }

    #[test]
    fn the_last_line_is_found_from_the_end_whatever_its_length() {
        assert_eq!(last(""), None);
        assert_eq!(last("one\n").as_deref(), Some("one"));
        assert_eq!(last("one\ntwo\n").as_deref(), Some("two"));
        assert_eq!(last("one\ntwo").as_deref(), Some("two"));
        // A last line longer than the first window (16 KiB), after a long log.
        let long = "x".repeat(40 << 10);
        let text = format!("{}\n{long}\n", "a\n".repeat(50_000));
        assert_eq!(last(&text), Some(long.clone()));
        assert_eq!(last(&format!("{long}\n")), Some(long));
    }
}
