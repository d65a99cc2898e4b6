//! File writes that never leave a half-written file and never loosen a mode.
//!
//! Every write goes to a new temp file in the same directory (created with the final mode, so a
//! secret is never readable by others even for an instant), is fsynced, renamed over the target,
//! and the directory is fsynced; a new file that must not replace anything is written as an
//! anonymous file and linked in whole where the system can (`O_TMPFILE`). Appends fsync before
//! returning. This module knows nothing about what the bytes mean.

use crate::error::Refused;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[cfg(unix)]
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};

use crate::error::{Error, Result};

mod durable;
use durable::place;
pub use durable::{Staged, stage_all};

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
    target.with_file_name(format!(".{name}.tmp-{}", hex::encode(rnd)))
}

fn open_new(path: &Path, mode: u32) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    o.mode(mode).custom_flags(libc::O_NOFOLLOW);
    #[cfg(not(unix))]
    let _ = mode;
    o.open(path)
}

/// Create the empty marker file `path` if it is not there (never through a link; no fsync:
/// the caller's next directory sync makes it durable).
pub fn touch_marker(path: &Path) -> io::Result<()> {
    match open_new(path, PRIVATE) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

fn not_regular(what: &'static str) -> io::Error {
    io::Error::other(Refused {
        reason: format!(
            "it is {what}, not a regular file (vauth does not follow links in its home)"
        ),
        hint: "replace it with the real file (e.g. `git checkout` it) or remove it; never commit \
               a link into a vauth home"
            .into(),
    })
}

/// Refuse a directory vauth keeps its files in (the home, the key directory) when group or others
/// may write to it: they could replace or plant the files vauth trusts. Links to a directory are
/// followed (a home may be a link to a checkout); the directory they name is checked.
pub fn check_private_dir(dir: &Path) -> io::Result<()> {
    let mode = match mode_of(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if mode & 0o022 != 0 {
        return Err(io::Error::other(Refused {
            reason: format!(
                "its directory {} is writable by {} (mode {mode:o}): another local user could \
                 replace the files in it",
                dir.display(),
                match (mode & 0o020 != 0, mode & 0o002 != 0) {
                    (true, true) => "group and others",
                    (true, false) => "its group",
                    _ => "others",
                }
            ),
            hint: format!(
                "run: chmod go-w {}  (vauth creates its directories 0700)",
                dir.display()
            ),
        }));
    }
    Ok(())
}

/// Read a file of the home kept in a private directory (the vault key file): its directory must
/// not be writable by group or others ([`check_private_dir`]), and the file is read with
/// [`read_regular`].
pub fn read_private(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    check_private_dir(parent_dir(path))?;
    read_regular(path, max)
}

/// What `path` is when it is not a regular file (`None`: a regular file, or nothing there).
fn special_kind(path: &Path) -> Option<&'static str> {
    let m = fs::symlink_metadata(path).ok()?;
    let t = m.file_type();
    if t.is_symlink() {
        Some("a symbolic link")
    } else if t.is_dir() {
        Some("a directory")
    } else if !t.is_file() {
        Some("a special file")
    } else {
        None
    }
}

/// Open a file of the home with `o`, never following a symbolic link in its last component
/// (O_NOFOLLOW) and never blocking on a FIFO (O_NONBLOCK), and refuse anything that is not a
/// regular file. The directories above it may be links (a home may be a link to a checkout).
fn open_regular_with(o: &mut OpenOptions, path: &Path) -> io::Result<File> {
    open_regular_len(o, path).map(|(f, _)| f)
}

/// [`open_regular_with`], with the file's length (a read's size hint).
fn open_regular_len(o: &mut OpenOptions, path: &Path) -> io::Result<(File, u64)> {
    #[cfg(unix)]
    o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    #[cfg(not(unix))]
    if let Some(what) = special_kind(path) {
        return Err(not_regular(what));
    }
    let f = match o.open(path) {
        Ok(f) => f,
        Err(e) => {
            // ELOOP (a link under O_NOFOLLOW), ENXIO (a FIFO with no reader), EISDIR, ...
            return Err(match special_kind(path) {
                Some(what) if e.kind() != io::ErrorKind::NotFound => not_regular(what),
                _ => e,
            });
        }
    };
    let m = f.metadata()?;
    if !m.is_file() {
        return Err(not_regular(if m.is_dir() {
            "a directory"
        } else {
            "a special file"
        }));
    }
    Ok((f, m.len()))
}

/// Open a file of the home for reading: a regular file, never through a link.
pub fn open_regular(path: &Path) -> io::Result<File> {
    open_regular_with(OpenOptions::new().read(true), path)
}

/// Read a whole file of the home (state, vault, config, audit log, a key file), failing above
/// `max` bytes, and refusing a link or special file ([`crate::error::Refused`]).
pub fn read_regular(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let (f, len) = open_regular_len(OpenOptions::new().read(true), path)?;
    read_to_limit(f, len, max)
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

/// Atomically replace (or create) `path` with `bytes`, with `mode`.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    place(path, bytes, mode, true, true)?;
    sync_dir(parent_dir(path))
}

/// Replace derived data (an index that can be rebuilt): temp file + rename, never partial, but
/// without fsync — after a crash it is either the old file or the new one, and staleness is
/// detected by its reader.
pub fn write_derived(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    if let Some(what) = special_kind(path) {
        return Err(not_regular(what));
    }
    place(path, bytes, mode, true, false)
}

/// A file appears whole, never overwriting without `force`, creating missing directories 0700,
/// without a directory fsync: for writers of many files that sync each directory once at the
/// end ([`sync_dir`]). `fsync` syncs the file itself first (bulk writers skip it).
pub fn write_new(path: &Path, bytes: &[u8], mode: u32, force: bool, fsync: bool) -> Result<()> {
    if force {
        replaceable(path)?;
    }
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

/// What `--force` may replace: a regular file, never a device, FIFO, socket, directory or
/// link (`--out /dev/null --force` run as root would otherwise put a file in its place).
fn replaceable(path: &Path) -> Result<()> {
    match special_kind(path) {
        None => Ok(()),
        Some(what) => Err(Error::input(format!(
            "{} is {what}, not a regular file: vauth replaces only a regular file",
            path.display()
        ))
        .hint(
            "name a regular file or a new path: vauth never writes through a link or into a device",
        )),
    }
}

/// Check, before any work is done, that `path` can be written by [`write_user_file`]: it does
/// not exist (unless `force`, and then it is a regular file), and its directory is a directory
/// or can be created.
pub fn precheck_user_file(path: &Path, force: bool) -> Result<()> {
    if path.as_os_str().is_empty() || path.file_name().is_none() {
        return Err(Error::usage(format!(
            "{:?} does not name a file",
            path.display().to_string()
        ))
        .hint("give a file name, e.g. --out app.key"));
    }
    // A link, FIFO, device or directory is refused as what it is, --force or not.
    replaceable(path)?;
    if !force && fs::symlink_metadata(path).is_ok() {
        return Err(exists(path));
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

/// [`precheck_user_file`] for every file of one write ([`FileSet`]), and no path named twice.
pub fn precheck_user_files(paths: &[&Path], force: bool) -> Result<()> {
    // A set, not a scan of the paths before each: `cert issue --batch` checks thousands.
    let mut seen = std::collections::HashSet::with_capacity(paths.len());
    for p in paths {
        if !seen.insert(*p) {
            return Err(Error::usage(format!("{} is named twice", p.display()))
                .hint("give each output its own file"));
        }
        precheck_user_file(p, force)?;
    }
    Ok(())
}

/// One file of a [`FileSet`].
pub struct NewFile<'a> {
    /// Where.
    pub path: &'a Path,
    /// What.
    pub bytes: &'a [u8],
    /// Its mode.
    pub mode: u32,
}

/// Files the user asked for, written all or nothing. Each appears whole ([`write_new`]: temp
/// file + rename or link, never overwriting without `force`, missing directories 0700); a file
/// it replaces (`force`) is kept aside until [`FileSet::keep`]. Until then [`FileSet::undo`] — or
/// dropping the set, as an early return does — puts back what was there before, so a command
/// that fails after writing (its state commit) leaves the disk as it found it.
#[must_use = "a FileSet is undone when dropped: call keep() once the command has succeeded"]
pub struct FileSet {
    /// What was placed, in order, with the link that keeps the file it replaced.
    placed: Vec<(PathBuf, Option<PathBuf>)>,
}

impl FileSet {
    /// Write `files`, each fsynced when `fsync` (bulk writers skip it), then sync each directory
    /// once. On a failure what was written is undone and the error returned.
    pub fn write<'a>(
        files: impl IntoIterator<Item = NewFile<'a>>,
        force: bool,
        fsync: bool,
    ) -> Result<FileSet> {
        let mut set = FileSet { placed: Vec::new() };
        for f in files {
            let backup = if force { keep_aside(f.path)? } else { None };
            if let Err(e) = write_new(f.path, f.bytes, f.mode, force, fsync) {
                if let Some(b) = backup {
                    let _ = fs::remove_file(b);
                }
                return Err(e);
            }
            set.placed.push((f.path.to_path_buf(), backup));
        }
        let mut dirs: Vec<&Path> = set.placed.iter().map(|(p, _)| parent_dir(p)).collect();
        dirs.sort();
        dirs.dedup();
        for d in dirs {
            sync_dir(d).map_err(|e| Error::io("sync", d, &e))?;
        }
        Ok(set)
    }

    /// The command succeeded: drop the files that were replaced.
    pub fn keep(mut self) {
        for (_, backup) in self.placed.drain(..) {
            if let Some(b) = backup {
                let _ = fs::remove_file(b);
            }
        }
    }

    /// Put back what was there before (also done on drop).
    pub fn undo(self) {}
}

impl Drop for FileSet {
    fn drop(&mut self) {
        for (path, backup) in self.placed.drain(..).rev() {
            let _ = match backup {
                Some(b) => fs::rename(b, &path),
                None => fs::remove_file(&path),
            };
        }
    }
}

/// A second link to the file at `path` (if any), so it can be put back after `path` is replaced.
fn keep_aside(path: &Path) -> Result<Option<PathBuf>> {
    if fs::symlink_metadata(path).is_err() {
        return Ok(None);
    }
    replaceable(path)?;
    let aside = tmp_path(path);
    match fs::hard_link(path, &aside) {
        Ok(()) => Ok(Some(aside)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("write", path, &e)),
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
    replaceable(path)?;
    ensure_dir(parent_dir(path)).map_err(|e| Error::io("create the directory of", path, &e))?;
    write_atomic(path, bytes, mode).map_err(|e| Error::io("write", path, &e))
}

/// Append one line (a trailing newline is added) and fsync.
pub fn append_line(path: &Path, line: &str, mode: u32) -> io::Result<()> {
    let mut o = OpenOptions::new();
    o.append(true).create(true);
    #[cfg(unix)]
    o.mode(mode);
    write_line(o.open(path)?, line)
}

/// Append one line to a file of the home (the audit log), and fsync: never through a link, only
/// to a regular file ([`crate::error::Refused`]).
pub fn append_regular(path: &Path, line: &str, mode: u32) -> io::Result<()> {
    let mut o = OpenOptions::new();
    o.append(true).create(true);
    #[cfg(unix)]
    o.mode(mode);
    write_line(open_regular_with(&mut o, path)?, line)
}

fn write_line(mut f: File, line: &str) -> io::Result<()> {
    let mut buf = Vec::with_capacity(line.len() + 1);
    buf.extend_from_slice(line.as_bytes());
    buf.push(b'\n');
    f.write_all(&buf)?;
    f.sync_data()
}

/// Create a private directory (the home, the key directory): every missing component 0700,
/// whatever the umask. An existing one is checked instead ([`check_private_dir`]).
pub fn create_dir_private(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return check_private_dir(dir);
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

/// Read a whole file, failing with a clear error above `max` bytes. For files the user names
/// (`--ca-file`, `--jwks`); files of the home are read with [`read_regular`].
pub fn read_limited(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let f = File::open(path)?;
    let len = f.metadata().map_or(0, |m| m.len());
    read_to_limit(f, len, max)
}

/// Read `f` to its end, failing above `max` bytes; `len` (its size when opened) sizes the buffer
/// so a file is read in one call instead of a doubling series of small ones.
fn read_to_limit(f: File, len: u64, max: u64) -> io::Result<Vec<u8>> {
    use std::io::Read;
    // One byte more than the length, so the read that finds the end needs no reallocation.
    let mut buf = Vec::with_capacity(usize::try_from(len.min(max) + 1).unwrap_or(0));
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

/// This machine's host name (`/proc/sys/kernel/hostname`, else `/etc/hostname`, else
/// `unknown`), read once per process: for audit lines and lock-holder notes.
pub fn host_name() -> &'static str {
    static HOST: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HOST.get_or_init(|| {
        fs::read_to_string("/proc/sys/kernel/hostname")
            .or_else(|_| fs::read_to_string("/etc/hostname"))
            .map(|s| s.trim().to_string())
            .ok()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "unknown".into())
    })
}

/// Record in the lock file who holds it (pid, host, since), for the message of a process that
/// waits in vain. Best effort: the lock is what matters, not this note.
fn note_holder(mut file: &File) {
    use std::io::{Seek, Write};
    let host = host_name();
    let note = format!(
        "held by pid {} on {host} since {}",
        std::process::id(),
        crate::timefmt::rfc3339(crate::timefmt::now())
    );
    let _ = file.set_len(0);
    let _ = file.seek(std::io::SeekFrom::Start(0));
    let _ = file.write_all(note.as_bytes());
}

/// Take the advisory lock on `path` (a regular file, never through a link), waiting up to
/// `timeout`.
pub fn lock(path: &Path, mode: LockMode, timeout: Duration) -> Result<LockGuard> {
    let mut o = OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    o.mode(PRIVATE);
    let file = check_private_dir(parent_dir(path))
        .and_then(|()| open_regular_with(&mut o, path))
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
                    let holder = read_regular(path, 4096)
                        .ok()
                        .map(|b| String::from_utf8_lossy(&b).into_owned())
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
    fn precheck_refuses_a_path_named_twice_among_many() {
        let d = tempfile::tempdir().unwrap();
        let mut paths: Vec<PathBuf> = (0..3000)
            .map(|i| d.path().join(format!("c{i}.crt")))
            .collect();
        let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
        precheck_user_files(&refs, false).unwrap();
        // The same file spelled differently (a `.` component) is still the same path.
        paths.push(d.path().join(".").join("c1234.crt"));
        let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
        let e = precheck_user_files(&refs, false).unwrap_err();
        assert!(
            e.message().contains("c1234.crt is named twice"),
            "{}",
            e.message()
        );
    }

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
    fn file_set_is_all_or_nothing_even_when_replacing() {
        let d = tempfile::tempdir().unwrap();
        let (a, b) = (d.path().join("a"), d.path().join("sub/b"));
        fs::write(&a, b"old").unwrap();
        let files = || {
            [(&a, b"new-a"), (&b, b"new-b")].map(|(path, bytes)| NewFile {
                path,
                bytes,
                mode: PUBLIC,
            })
        };
        // Without force the existing file refuses the whole set.
        let e = FileSet::write(files(), false, false).err().unwrap();
        assert!(e.message().contains("already exists"));
        // Replaced, then undone: the old file is back, the new one gone, nothing left over.
        FileSet::write(files(), true, true).unwrap().undo();
        assert_eq!(fs::read(&a).unwrap(), b"old");
        assert!(!b.exists());
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 2, "a and sub/");
        // Kept: both new, no link to the old file left beside them.
        FileSet::write(files(), true, false).unwrap().keep();
        assert_eq!(fs::read(&a).unwrap(), b"new-a");
        assert_eq!(fs::read(&b).unwrap(), b"new-b");
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 2);
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

    #[cfg(unix)]
    #[test]
    fn home_files_are_never_opened_through_a_link() {
        let d = tempfile::tempdir().unwrap();
        let victim = d.path().join("victim");
        fs::write(&victim, b"precious").unwrap();
        let link = d.path().join("f");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let refused = |e: io::Error| {
            assert!(e.get_ref().is_some_and(|i| i.is::<Refused>()), "{e:?}");
        };
        refused(read_regular(&link, 100).unwrap_err());
        refused(append_regular(&link, "x", PRIVATE).unwrap_err());
        refused(write_derived(&link, b"x", PRIVATE).unwrap_err());
        let e = lock(&link, LockMode::Exclusive, Duration::from_millis(10)).unwrap_err();
        assert!(e.message().contains("not a regular file"), "{e:?}");
        // A temp file name that is taken by a link is not written through (O_EXCL|O_NOFOLLOW).
        assert!(open_new(&link, PRIVATE).is_err());
        refused(read_regular(d.path(), 100).unwrap_err());
        assert_eq!(fs::read(&victim).unwrap(), b"precious");
        // Not there: NotFound, as before (absent audit log, config).
        let e = read_regular(&d.path().join("none"), 100).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        // A home that is itself a link (to a checkout) is fine: only the last component counts.
        let real = d.path().join("real");
        fs::create_dir(&real).unwrap();
        fs::write(real.join("state.json"), b"{}").unwrap();
        std::os::unix::fs::symlink(&real, d.path().join("home")).unwrap();
        assert_eq!(
            read_regular(&d.path().join("home/state.json"), 10).unwrap(),
            b"{}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn directories_writable_by_others_are_refused() {
        let d = tempfile::tempdir().unwrap();
        let h = d.path().join("h");
        create_dir_private(&h).unwrap();
        assert_eq!(mode_of(&h).unwrap(), 0o700);
        for (mode, ok) in [
            (0o700, true),
            (0o755, true),
            (0o770, false),
            (0o777, false),
            (0o702, false),
        ] {
            set_mode(&h, mode).unwrap();
            let r = check_private_dir(&h);
            assert_eq!(r.is_ok(), ok, "{mode:o}");
            assert_eq!(create_dir_private(&h).is_ok(), ok, "{mode:o}");
            assert_eq!(
                lock(&h.join("lock"), LockMode::Shared, Duration::from_millis(10)).is_ok(),
                ok
            );
            if let Err(e) = r {
                let e = crate::error::Error::io("open", &h, &e);
                assert!(e.hint_text().unwrap().contains("chmod go-w"), "{e:?}");
            }
        }
    }

    fn fsutil_mode_is(p: &Path, want: u32) {
        if cfg!(unix) {
            assert_eq!(mode_of(p).unwrap(), want);
        }
    }
}
