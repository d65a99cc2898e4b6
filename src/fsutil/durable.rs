//! Durable writes at the cost of fewer waits.
//!
//! [`Staged`] writes a file under a temporary name and starts its writeback at once, so a commit
//! that writes several files (the buckets, the vault, the state) waits for the disk once for all
//! of them instead of once per file: each is still fsynced before it is put in place, in the
//! same order as before; only the waits overlap. [`link_anonymous`] makes a new file appear
//! whole without a temporary name (Linux `O_TMPFILE`), which saves a directory entry and an
//! unlink per file in bulk writes.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A file written beside its target under a temporary name (with the final mode), its
/// writeback started; [`Staged::sync`] then [`Staged::place`] make it the target. Dropped before
/// it was placed, it removes the temporary file.
#[derive(Debug)]
pub struct Staged {
    target: PathBuf,
    tmp: Option<PathBuf>,
    file: File,
}

impl Staged {
    /// Write `bytes` for `target` (created with `mode`; `target` itself is not touched).
    pub fn new(target: &Path, bytes: &[u8], mode: u32) -> io::Result<Staged> {
        let tmp = super::tmp_path(target);
        let file = super::open_new(&tmp, mode)?;
        let mut staged = Staged {
            target: target.to_path_buf(),
            tmp: Some(tmp),
            file,
        };
        staged.file.write_all(bytes)?;
        start_writeback(&staged.file);
        Ok(staged)
    }

    /// The file this becomes.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Wait until the file's bytes are on disk (fsync).
    pub fn sync(&self) -> io::Result<()> {
        self.file.sync_all()
    }

    /// Rename the file over its target. The directory is not synced.
    pub fn place(mut self) -> io::Result<()> {
        crate::testpoints::crash_point("before-rename");
        let Some(tmp) = self.tmp.take() else {
            return Ok(());
        };
        fs::rename(&tmp, &self.target).inspect_err(|_| {
            let _ = fs::remove_file(&tmp);
        })
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let _ = fs::remove_file(tmp);
        }
    }
}

/// Write `bytes` to a new temp file beside `path` (created with `mode`, so a secret is never
/// readable by others even for an instant), optionally fsynced, then put it in place: replacing
/// `path` when `replace`, otherwise linking it in only if nothing exists there (no check-then-
/// rename race). The directory is not synced.
pub(super) fn place(
    path: &Path,
    bytes: &[u8],
    mode: u32,
    replace: bool,
    sync: bool,
) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    if !replace {
        match link_anonymous(path, bytes, mode, sync) {
            Err(e) if no_anonymous_files(&e) => {}
            done => return done,
        }
    }
    let tmp = super::tmp_path(path);
    let result = (|| {
        let mut f = super::open_new(&tmp, mode)?;
        f.write_all(bytes)?;
        if sync {
            f.sync_all()?;
        }
        drop(f);
        crate::testpoints::crash_point("before-rename");
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

/// Ask the kernel to start writing `f`'s dirty pages now, without waiting; a hint only:
/// durability comes from the fsync that follows. On Linux this is `posix_fadvise(DONTNEED)`,
/// which starts writeback of dirty pages (posix_fadvise(2)) and frees only clean ones, so the
/// pages just written, dirty or under writeback, stay cached (`sync_file_range` would say it
/// more directly, but has no safe wrapper, and vauth forbids `unsafe`). Elsewhere nothing.
fn start_writeback(f: &File) {
    #[cfg(target_os = "linux")]
    let _ = rustix::fs::fadvise(f, 0, None, rustix::fs::Advice::DontNeed);
    #[cfg(not(target_os = "linux"))]
    let _ = f;
}

/// Create `path` with `bytes` (and `mode`) only if nothing is there, the file never visible
/// half-written: an anonymous file in its directory (`O_TMPFILE`), written, optionally fsynced,
/// then linked in under its name. Fails with [`io::ErrorKind::AlreadyExists`] when `path`
/// exists (whatever it is: a link is never followed), and with an error that
/// [`no_anonymous_files`] recognises where the file system or `/proc` cannot do it.
#[cfg(target_os = "linux")]
pub(super) fn link_anonymous(path: &Path, bytes: &[u8], mode: u32, sync: bool) -> io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = fs::OpenOptions::new()
        .write(true)
        .mode(mode)
        .custom_flags(libc::O_TMPFILE)
        .open(super::parent_dir(path))?;
    f.write_all(bytes)?;
    if sync {
        f.sync_all()?;
    }
    crate::testpoints::crash_point("before-rename");
    // The descriptor's /proc link names the anonymous file; following it links the file in
    // (the unprivileged form of linkat(AT_EMPTY_PATH), open(2)). An existing `path` — a link
    // included — is EEXIST, never replaced.
    let fd = std::os::fd::AsRawFd::as_raw_fd(&f);
    rustix::fs::linkat(
        rustix::fs::CWD,
        format!("/proc/self/fd/{fd}"),
        rustix::fs::CWD,
        path,
        rustix::fs::AtFlags::SYMLINK_FOLLOW,
    )
    .map_err(io::Error::from)
}

/// Whether `e` (from [`link_anonymous`]) means "not here" (no `O_TMPFILE` on this file system
/// or kernel, no `/proc`) rather than a real failure: the caller then writes a named temporary
/// file instead, which reports the real failure if there is one.
#[cfg(target_os = "linux")]
pub(super) fn no_anonymous_files(e: &io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::EOPNOTSUPP | libc::EISDIR | libc::EINVAL | libc::ENOENT | libc::EXDEV)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_staged_file_appears_only_when_placed_and_a_dropped_one_leaves_nothing() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("state.json");
        fs::write(&target, b"old").unwrap();
        let s = Staged::new(&target, b"new", 0o600).unwrap();
        s.sync().unwrap();
        assert_eq!(
            fs::read(&target).unwrap(),
            b"old",
            "not in place before place()"
        );
        s.place().unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        drop(Staged::new(&target, b"never", 0o600).unwrap());
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(names(d.path()), ["state.json"], "no temporary file is left");
    }

    #[test]
    fn a_new_file_never_replaces_what_is_there_nor_follows_a_link() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("c.key");
        place(&p, b"secret", 0o600, false, true).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"secret");
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let e = place(&p, b"other", 0o600, false, false).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&p).unwrap(), b"secret");
        // A link planted where the file goes is not followed: its target stays untouched.
        let victim = d.path().join("victim");
        fs::write(&victim, b"mine").unwrap();
        let link = d.path().join("planted.key");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let e = place(&link, b"secret", 0o600, false, false).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&victim).unwrap(), b"mine");
        assert_eq!(names(d.path()), ["c.key", "planted.key", "victim"]);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_anonymous_file_is_linked_whole_or_reports_why_not() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.pem");
        match link_anonymous(&p, b"pem", 0o644, false) {
            Ok(()) => {
                assert_eq!(fs::read(&p).unwrap(), b"pem");
                assert_eq!(
                    fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                    0o644
                );
            }
            // A file system without O_TMPFILE: the caller falls back to a named temp file.
            Err(e) => assert!(no_anonymous_files(&e), "{e}"),
        }
        let missing = d.path().join("no-such-dir").join("a.pem");
        let e = place(&missing, b"pem", 0o644, false, false).unwrap_err();
        assert_eq!(
            e.kind(),
            io::ErrorKind::NotFound,
            "the fallback reports the real error"
        );
    }
}
