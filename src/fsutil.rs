//! File writes that never leave a half-written file and never loosen a mode.
//!
//! Every write goes to a new temp file in the same directory (created with the final mode, so a
//! secret is never readable by others even for an instant), is fsynced, renamed over the target,
//! and the directory is fsynced. Appends fsync before returning. This module knows nothing about
//! what the bytes mean.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[cfg(unix)]
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};

use crate::error::{Error, Result};

/// Mode for files that hold secrets, or state only the owner should read.
pub const PRIVATE: u32 = 0o600;
/// Mode for public artifacts (certificates, JWKS).
pub const PUBLIC: u32 = 0o644;

fn tmp_path(target: &Path) -> PathBuf {
    let mut rnd = [0u8; 6];
    let _ = getrandom::fill(&mut rnd);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.tmp-{}", crate::apikey::hex(&rnd)))
}

fn open_new(path: &Path, mode: u32) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    o.mode(mode);
    #[cfg(not(unix))]
    let _ = mode;
    o.open(path)
}

/// fsync a directory so a rename in it is durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// The directory `path`'s file lives in: its parent, or `.` for a bare name (`Path::parent` of
/// `ca.pem` is the empty path, which names no directory).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Create `dir` and any missing parents, each new one 0700 — the one rule for every directory
/// vauth creates for its outputs (`--out dir/file`, `--out-dir`, rotate's `dir:`/`dotenv:`).
/// Existing directories are left as they are.
pub fn ensure_dir(dir: &Path) -> io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// Write `bytes` to a new temp file beside `path` (created with `mode`, so a secret is never
/// readable by others even for an instant), optionally fsynced, then put it in place: replacing
/// `path` when `replace`, otherwise linking it in only if nothing exists there (no check-then-
/// rename race). The directory is not synced.
fn place(path: &Path, bytes: &[u8], mode: u32, replace: bool, sync: bool) -> io::Result<()> {
    let tmp = tmp_path(path);
    let result = (|| {
        let mut f = open_new(&tmp, mode)?;
        f.write_all(bytes)?;
        if sync {
            f.sync_all()?;
        }
        drop(f);
        crate::store::hooks::crash_point("before-rename");
        if replace {
            fs::rename(&tmp, path)
        } else {
            fs::hard_link(&tmp, path)?;
            fs::remove_file(&tmp)
        }
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Atomically replace (or create) `path` with `bytes`, with `mode`.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    place(path, bytes, mode, true, true)?;
    sync_dir(parent_dir(path))
}

/// Replace derived data (an index that can be rebuilt): temp file + rename, never partial, but
/// without fsync — after a crash it is either the old file or the new one, and staleness is
/// detected by its reader.
pub fn write_derived(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    place(path, bytes, mode, true, false)
}

/// A file appears whole, never overwriting without `force`, creating missing directories 0700,
/// without a directory fsync: for writers of many files that sync each directory once at the
/// end ([`sync_dir`]). `fsync` syncs the file itself first (bulk writers skip it).
pub fn write_new(path: &Path, bytes: &[u8], mode: u32, force: bool, fsync: bool) -> Result<()> {
    ensure_dir(parent_dir(path)).map_err(|e| Error::io("create the directory of", path, &e))?;
    match place(path, bytes, mode, force, fsync) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(exists(path)),
        Err(e) => Err(Error::io("write", path, &e)),
    }
}

/// The error for an output path that exists without `--force`.
pub fn exists(path: &Path) -> Error {
    Error::new(
        crate::ErrorKind::Exists,
        format!("{} already exists", path.display()),
    )
    .hint("choose another path, or pass --force to replace it")
}

/// Check, before any work is done, that `path` can be written by [`write_user_file`]: it does
/// not exist (unless `force`), and its directory is a directory or can be created.
pub fn precheck_user_file(path: &Path, force: bool) -> Result<()> {
    if !force && fs::symlink_metadata(path).is_ok() {
        return Err(exists(path));
    }
    if path.as_os_str().is_empty() || path.file_name().is_none() {
        return Err(Error::usage(format!(
            "{:?} does not name a file",
            path.display().to_string()
        ))
        .hint("give a file name, e.g. --out app.key"));
    }
    let mut d = parent_dir(path);
    loop {
        match fs::metadata(d) {
            Ok(m) if m.is_dir() => return Ok(()),
            Ok(_) => {
                return Err(Error::input(format!(
                    "cannot write {}: {} is not a directory",
                    path.display(),
                    d.display()
                ))
                .hint("choose another path"));
            }
            Err(_) => match d.parent() {
                Some(p) if !p.as_os_str().is_empty() => d = p,
                _ => return Ok(()),
            },
        }
    }
}

/// Write a file the user asked for (`--out`): refuse to overwrite unless `force` (atomically: no
/// window between the check and the write); create missing directories 0700; never partial.
pub fn write_user_file(path: &Path, bytes: &[u8], mode: u32, force: bool) -> Result<()> {
    write_new(path, bytes, mode, force, true)?;
    sync_dir(parent_dir(path)).map_err(|e| Error::io("sync the directory of", path, &e))
}

/// Replace an output file (rotate outputs: dotenv, dir), creating missing directories 0700.
pub fn write_output(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    ensure_dir(parent_dir(path)).map_err(|e| Error::io("create the directory of", path, &e))?;
    write_atomic(path, bytes, mode).map_err(|e| Error::io("write", path, &e))
}

/// Append one line (a trailing newline is added) and fsync.
pub fn append_line(path: &Path, line: &str, mode: u32) -> io::Result<()> {
    let mut o = OpenOptions::new();
    o.append(true).create(true);
    #[cfg(unix)]
    o.mode(mode);
    let mut f = o.open(path)?;
    let mut buf = Vec::with_capacity(line.len() + 1);
    buf.extend_from_slice(line.as_bytes());
    buf.push(b'\n');
    f.write_all(&buf)?;
    f.sync_data()
}

/// Create a private directory (the home, the key directory): every missing component 0700.
pub fn create_dir_private(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    ensure_dir(dir)?;
    set_mode(dir, 0o700)
}

/// Set a path's permission bits (no-op off Unix).
pub fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        Ok(())
    }
}

/// The permission bits of `path` (0 off Unix).
pub fn mode_of(path: &Path) -> io::Result<u32> {
    let m = fs::metadata(path)?;
    #[cfg(unix)]
    {
        Ok(m.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        Ok(0)
    }
}

/// Read a whole file, failing with a clear error above `max` bytes.
pub fn read_limited(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let f = File::open(path)?;
    let mut buf = Vec::new();
    f.take(max + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > max {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {max} bytes"),
        ));
    }
    Ok(buf)
}

/// Whether the lock is shared (readers) or exclusive (writers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockMode {
    /// Many readers.
    Shared,
    /// One writer.
    Exclusive,
}

/// An advisory lock on a file, released on drop.
#[derive(Debug)]
pub struct LockGuard {
    file: File,
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Record in the lock file who holds it (pid, host, since), for the message of a process that
/// waits in vain. Best effort: the lock is what matters, not this note.
fn note_holder(mut file: &File) {
    use std::io::{Seek, Write};
    let host = fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_default();
    let note = format!(
        "held by pid {} on {host} since {}",
        std::process::id(),
        crate::timefmt::rfc3339(crate::timefmt::now())
    );
    let _ = file.set_len(0);
    let _ = file.seek(std::io::SeekFrom::Start(0));
    let _ = file.write_all(note.as_bytes());
}

/// Take the advisory lock on `path`, waiting up to `timeout`.
pub fn lock(path: &Path, mode: LockMode, timeout: Duration) -> Result<LockGuard> {
    let mut o = OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    o.mode(PRIVATE);
    let file = o
        .open(path)
        .map_err(|e| Error::io("open the lock", path, &e))?;
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        let r = match mode {
            LockMode::Shared => file.try_lock_shared(),
            LockMode::Exclusive => file.try_lock(),
        };
        match r {
            Ok(()) => {
                if mode == LockMode::Exclusive {
                    note_holder(&file);
                }
                return Ok(LockGuard { file });
            }
            Err(fs::TryLockError::WouldBlock) => {
                if start.elapsed() >= timeout {
                    let holder = fs::read_to_string(path)
                        .ok()
                        .map(|h| h.trim().to_string())
                        .filter(|h| !h.is_empty())
                        .map(|h| format!(": {h}"))
                        .unwrap_or_default();
                    return Err(Error::state(format!(
                        "another vauth process holds the lock on {} (waited {}s){holder}",
                        path.display(),
                        timeout.as_secs()
                    ))
                    .hint("wait for it to finish, or raise VAUTH_LOCK_TIMEOUT (vauth rotate: --lock-timeout)"));
                }
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(25));
            }
            Err(fs::TryLockError::Error(e)) => return Err(Error::io("lock", path, &e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_sets_mode_and_replaces() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("f");
        write_atomic(&p, b"one", PRIVATE).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"one");
        fsutil_mode_is(&p, PRIVATE);
        write_atomic(&p, b"two", PRIVATE).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(
            fs::read_dir(d.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn user_file_refuses_overwrite_without_force() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("k");
        write_user_file(&p, b"a", PRIVATE, false).unwrap();
        let e = write_user_file(&p, b"b", PRIVATE, false).unwrap_err();
        assert_eq!(e.exit_code(), 3);
        write_user_file(&p, b"b", PRIVATE, true).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"b");
    }

    #[test]
    fn read_limited_caps() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("big");
        fs::write(&p, vec![b'x'; 100]).unwrap();
        assert!(read_limited(&p, 99).is_err());
        assert_eq!(read_limited(&p, 100).unwrap().len(), 100);
    }

    #[test]
    fn exclusive_lock_times_out_while_held() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("lock");
        let _g = lock(&p, LockMode::Exclusive, Duration::from_secs(1)).unwrap();
        let e = lock(&p, LockMode::Exclusive, Duration::from_millis(50)).unwrap_err();
        assert!(e.message().contains("holds the lock"));
    }

    fn fsutil_mode_is(p: &Path, want: u32) {
        if cfg!(unix) {
            assert_eq!(mode_of(p).unwrap(), want);
        }
    }
}
