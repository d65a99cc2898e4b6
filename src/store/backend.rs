//! Where a home's files live: the [`Backend`] trait and the local-directory [`FileBackend`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use std::collections::BTreeMap;

use super::dir_buckets::PENDING;
use super::state::Tables;
use super::state::records::BucketBytes;
use super::vault;
use crate::config;
use crate::error::{Error, Result};
use crate::fsutil::{self, LockGuard, LockMode};

/// Largest state.json read.
const MAX_STATE_BYTES: u64 = 512 << 20;
/// Largest vauth.toml read.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// The `.gitignore` written into every home: only config, state (with its buckets) and audit
/// are committable.
pub const GITIGNORE: &str = "# Written by vauth. Commit vauth.toml, state.json, buckets/*.json and audit.log;\n\
# commit secrets.vault and buckets/*.vault too only if your team chose to (they are sealed).\n\
*\n!.gitignore\n!vauth.toml\n!state.json\n!audit.log\n!buckets/\n!buckets/*.json\n";

/// The directory of a home's buckets.
pub const BUCKETS_DIR: &str = "buckets";

/// The file name of a stored bucket: `k-3f-<sha256>.json`, or `.vault` for sealed entries.
pub fn bucket_file(id: &str, hash: &str) -> String {
    let ext = if id.starts_with(super::state::VAULT_KEYS) {
        "vault"
    } else {
        "json"
    };
    format!("{id}-{hash}.{ext}")
}

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
    /// The buckets that changed (records, id index, sealed vault entries) and the tables that
    /// name them, stored before the state that names the tables.
    pub buckets: &'a [BucketBytes],
    /// What the new state no longer names as it was: the hash each replaced bucket, table or
    /// pack had in the previous state (id → hash; none for a new one), to remove once the
    /// state is stored (a table stored alone, and a pack no table is in any more, have no
    /// successor of their id).
    pub previous: &'a BTreeMap<String, String>,
    /// The audit line (no newline).
    pub audit_line: &'a str,
    /// Its sequence number.
    pub audit_seq: u64,
}

impl Commit<'_> {
    /// Whether this commit stores `id` with the SHA-256 `hash`.
    pub fn writes(&self, id: &str, hash: &str) -> bool {
        self.buckets.iter().any(|b| b.id == id && b.hash == hash)
    }

    /// The stored buckets, tables and packs this commit leaves no state naming: what it
    /// replaced under another hash (a new one of the same id is written) or retired (none is).
    pub fn retired(&self) -> impl Iterator<Item = (&String, &String)> {
        self.previous.iter().filter(|(id, h)| !self.writes(id, h))
    }
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
    /// Every bucket the state names: (id, bytes).
    pub buckets: Vec<(String, Vec<u8>)>,
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
    /// Read the stored bucket `id` whose bytes hash to `hash` (the caller checks the hash).
    fn read_bucket(&self, id: &str, hash: &str) -> Result<Vec<u8>>;
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
    /// the next open reconciles (vault, then state, then audit). An error means the change is
    /// not made; what failed after it was made (the audit line, which the state also holds and
    /// the next writer appends) comes back as notices.
    fn commit(&self, change: &Commit<'_>) -> Result<Vec<String>>;
    /// Create this home from `snapshot`, all or nothing; refuse (exit 3) if it exists.
    fn create_from(&self, snapshot: &Snapshot) -> Result<()>;
    /// The SHA-256 of the last state this machine wrote or checked under the vault's key (a
    /// local note, never committed), so `key verify` can trust an untouched state without the
    /// vault. None where there is no such note (a database home).
    fn trusted_state(&self) -> Option<String> {
        None
    }
    /// Note `hash` as the state this machine wrote or checked (best effort: derived data).
    fn note_trusted_state(&self, _hash: &str) {}
    /// Remove what killed writes left behind (temporary copies of the home's files, buckets
    /// and tables the state does not name: `referenced`, whose every table is read only when
    /// there may be such) and return their names. Called under the exclusive lock, so no writer of this
    /// home is running.
    fn remove_stale_temps(&self, _referenced: &Tables) -> Result<Vec<String>> {
        Ok(Vec::new())
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
    ".gitignore",
    TRUSTED_STATE,
];

/// The local note of the last state written or checked here (see
/// [`Backend::trusted_state`]); never committed (the `.gitignore` admits it not).
pub const TRUSTED_STATE: &str = "state.ok";

/// What an older vauth kept beside state.json and this one does not (the id index of schema 1).
const RETIRED_FILES: &[&str] = &["keys.idx"];

impl Backend for FileBackend {
    fn remove_stale_temps(&self, referenced: &Tables) -> Result<Vec<String>> {
        let entries =
            std::fs::read_dir(&self.root).map_err(|e| Error::io("read", &self.root, &e))?;
        let mut removed = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let stale = REPLACED_FILES.iter().any(|f| is_temp_of(&name, f));
            // Only regular files: a link or directory of that name is not vauth's.
            if stale && e.file_type().is_ok_and(|t| t.is_file()) {
                let p = e.path();
                std::fs::remove_file(&p).map_err(|err| Error::io("remove", &p, &err))?;
                removed.push(name);
            }
        }
        if !removed.is_empty() {
            fsutil::sync_dir(&self.root).map_err(|e| Error::io("sync", &self.root, &e))?;
        }
        removed.extend(self.remove_orphan_buckets(referenced)?);
        removed.sort();
        Ok(removed)
    }
    fn location(&self) -> String {
        self.root.display().to_string()
    }
    fn trusted_state(&self) -> Option<String> {
        // The note names the hash *and* the identity of the state.json file it was made for
        // (device, inode, size, mtime): a copy of the home, a checkout or a restore makes a new
        // file, so a note that travelled with it (or was forged into a commit) does not match.
        let b = fsutil::read_regular(&self.path(TRUSTED_STATE), 256).ok()?;
        let text = String::from_utf8(b).ok()?;
        let (hash, stamp) = text.trim().split_once(' ')?;
        (Some(stamp) == self.state_stamp().as_deref()).then(|| hash.to_string())
    }
    fn note_trusted_state(&self, hash: &str) {
        let p = self.path(TRUSTED_STATE);
        let ok = self.state_stamp().is_some_and(|stamp| {
            fsutil::write_derived(&p, format!("{hash} {stamp}\n").as_bytes(), fsutil::PRIVATE)
                .is_ok()
        });
        if !ok {
            let _ = std::fs::remove_file(&p);
        }
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
        // Each is made only where nothing is (never replacing a file written meanwhile), then
        // one directory sync makes both names durable.
        let mut wrote = false;
        for (name, text, mode) in [
            (".gitignore", GITIGNORE, fsutil::PUBLIC),
            ("vauth.toml", config::DEFAULT_TOML, fsutil::PRIVATE),
        ] {
            match fsutil::write_new(&self.path(name), text.as_bytes(), mode, false, true) {
                Ok(()) => wrote = true,
                Err(e) if e.kind() == crate::error::ErrorKind::Exists => {}
                Err(e) => return Err(e),
            }
        }
        if wrote {
            fsutil::sync_dir(&self.root).map_err(|e| Error::io("sync", &self.root, &e))?;
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
    fn read_bucket(&self, id: &str, hash: &str) -> Result<Vec<u8>> {
        let p = self.path(BUCKETS_DIR).join(bucket_file(id, hash));
        fsutil::read_regular(&p, MAX_STATE_BYTES).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                super::state::records::bucket_tampered(id)
            } else {
                Error::io("read", &p, &e)
            }
        })
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
    fn commit(&self, ch: &Commit<'_>) -> Result<Vec<String>> {
        // Buckets first, under names no state uses yet; the state's rename is the commit point.
        // Every file is written and fsynced before any is renamed, the fsyncs overlapping
        // (fsutil::stage_all), so the commit waits for the disk about once, not once per file;
        // the renames keep their order.
        let dir = self.path(BUCKETS_DIR);
        if !ch.buckets.is_empty() {
            fsutil::ensure_dir(&dir).map_err(|e| Error::io("create", &dir, &e))?;
            let marker = dir.join(PENDING);
            fsutil::touch_marker(&marker).map_err(|e| Error::io("write", &marker, &e))?;
        }
        let files = ch
            .buckets
            .iter()
            .map(|b| (dir.join(bucket_file(&b.id, &b.hash)), &b.bytes[..]))
            .chain(ch.vault.map(|v| (self.path("secrets.vault"), v)))
            .chain([(self.path("state.json"), ch.state)])
            .map(|(p, bytes)| (p, bytes, fsutil::PRIVATE));
        let mut staged = fsutil::stage_all(files).map_err(|(p, e)| Error::io("write", &p, &e))?;
        let state = staged
            .pop()
            .ok_or_else(|| Error::bug("no state in a commit"))?;
        let vault = if ch.vault.is_some() {
            staged.pop()
        } else {
            None
        };
        let buckets = staged;
        if !buckets.is_empty() {
            for b in buckets {
                let p = b.target().to_path_buf();
                b.place().map_err(|e| Error::io("write", &p, &e))?;
            }
            fsutil::sync_dir(&dir).map_err(|e| Error::io("sync", &dir, &e))?;
            self.admit_buckets_in_gitignore();
            if ch.previous.is_empty() {
                // Nothing replaced: a home's first buckets, maybe a home moving from schema 1,
                // whose derived id index is replaced by buckets (absent otherwise).
                for f in RETIRED_FILES {
                    let _ = std::fs::remove_file(self.path(f));
                }
            }
        }
        let place = |f: fsutil::Staged, name: &str| {
            let p = self.path(name);
            f.place()
                .and_then(|()| fsutil::sync_dir(&self.root))
                .map_err(|e| Error::io("write", &p, &e))
        };
        if let Some(v) = vault {
            place(v, "secrets.vault")?;
        }
        crate::testpoints::crash_point("after-vault");
        place(state, "state.json")?;
        crate::testpoints::crash_point("after-state");
        // What the new buckets replaced (a crash before this leaves them, and the marker, to
        // the next writer).
        if !ch.buckets.is_empty() {
            let mut all_gone = true;
            for (id, old) in ch.retired() {
                all_gone &= match std::fs::remove_file(dir.join(bucket_file(id, old))) {
                    Ok(()) => true,
                    Err(e) => e.kind() == std::io::ErrorKind::NotFound,
                };
            }
            // A replaced bucket left behind (a sealed one may hold erased entries) keeps the
            // marker, so the next writer removes it.
            if all_gone {
                let _ = std::fs::remove_file(dir.join(PENDING));
            }
        }
        // The change is made (state.json names it); a line that cannot be appended now is in
        // state.json, and the next writer appends it.
        let mut notices = Vec::new();
        if let Err(e) = self.append_audit(ch.audit_line) {
            notices.push(format!(
                "the change is made, but its audit line was not appended ({}); state.json holds \
                 it, and the next command that writes to this home appends it",
                e.message()
            ));
        }
        crate::testpoints::crash_point("after-audit");
        Ok(notices)
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
            for (id, bytes) in &snap.buckets {
                let hash = super::state::records::sha256_hex(bytes);
                fsutil::write_new(
                    &staged.path(BUCKETS_DIR).join(bucket_file(id, &hash)),
                    bytes,
                    fsutil::PRIVATE,
                    false,
                    true,
                )?;
            }
            if !snap.buckets.is_empty() {
                let d = staged.path(BUCKETS_DIR);
                fsutil::sync_dir(&d).map_err(|e| Error::io("sync", &d, &e))?;
            }
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

/// Whether `name` is a temporary copy of `file` (`.FILE.tmp-HEX`, see `fsutil`).
fn is_temp_of(name: &str, file: &str) -> bool {
    name.strip_prefix('.')
        .and_then(|n| n.strip_prefix(file))
        .and_then(|n| n.strip_prefix(".tmp-"))
        .is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_hexdigit()))
}

impl FileBackend {
    /// The identity of state.json as it is now: device, inode, size and modification time.
    #[cfg(unix)]
    fn state_stamp(&self) -> Option<String> {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::symlink_metadata(self.path("state.json")).ok()?;
        Some(format!(
            "{}:{}:{}:{}.{:09}",
            m.dev(),
            m.ino(),
            m.len(),
            m.mtime(),
            m.mtime_nsec()
        ))
    }
    #[cfg(not(unix))]
    fn state_stamp(&self) -> Option<String> {
        None
    }
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
