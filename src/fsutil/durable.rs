//! Durable writes at the cost of fewer waits.
//!
//! [`stage_all`] writes the files of one commit under temporary names and fsyncs them several
//! at a time, each on its own thread, so a commit that writes several files (the buckets, the
//! vault, the state) waits for the disk about once instead of once per file. Each file is still
//! fsynced before it is put in place ([`Staged::place`]), and the caller renames them in the
//! same order as before; only the waits overlap. [`link_anonymous`] makes a new file appear
//! whole without a temporary name (Linux `O_TMPFILE`), which saves a directory entry and an
//! unlink per file in bulk writes.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A file written beside its target under a temporary name (with the final mode) and fsynced,
/// waiting to be put in place ([`Staged::place`]); dropped before that, it removes the
/// temporary file.
#[derive(Debug)]
pub struct Staged {
    target: PathBuf,
    tmp: Option<PathBuf>,
    /// Open from the write until its fsync, then closed (a commit of a thousand buckets must
    /// not hold a thousand descriptors).
    file: Option<File>,
}

/// How many files [`stage_all`] holds open and fsyncs at once.
const GROUP: usize = 32;

impl Staged {
    /// Write `bytes` for `target` (created with `mode`; `target` itself is not touched). Not yet
    /// durable: [`stage_all`] fsyncs it.
    fn write(target: &Path, bytes: &[u8], mode: u32) -> io::Result<Staged> {
        let tmp = super::tmp_path(target);
        let file = super::open_new(&tmp, mode)?;
        let mut staged = Staged {
            target: target.to_path_buf(),
            tmp: Some(tmp),
            file: Some(file),
        };
        if let Some(f) = staged.file.as_mut() {
            f.write_all(bytes)?;
        }
        Ok(staged)
    }

    /// fsync the file and close it.
    fn sync(&mut self) -> io::Result<()> {
        match self.file.take() {
            Some(f) => f.sync_all(),
            None => Ok(()),
        }
    }

    /// The file this becomes.
    pub fn target(&self) -> &Path {
        &self.target
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

    /// Link the file in as its target only if nothing is there (no check-then-rename race;
    /// [`io::ErrorKind::AlreadyExists`] otherwise); the temporary name goes when it is dropped.
    fn link(self) -> io::Result<()> {
        crate::testpoints::crash_point("before-rename");
        match &self.tmp {
            Some(tmp) => fs::hard_link(tmp, &self.target),
            None => Ok(()),
        }
    }
}

/// Write every `(target, bytes, mode)` under a temporary name beside its target and fsync it,
/// 32 files at a time with their fsyncs overlapping (one thread each), and return them,
/// durable and closed, in order, to be put in place. On an error, the one that failed is named
/// and every temporary file written so far is removed.
pub fn stage_all<'a>(
    files: impl IntoIterator<Item = (PathBuf, &'a [u8], u32)>,
) -> Result<Vec<Staged>, (PathBuf, io::Error)> {
    let mut done: Vec<Staged> = Vec::new();
    let mut files = files.into_iter().peekable();
    while files.peek().is_some() {
        let start = done.len();
        for (path, bytes, mode) in files.by_ref().take(GROUP) {
            done.push(Staged::write(&path, bytes, mode).map_err(|e| (path, e))?);
        }
        sync_together(&mut done[start..])?;
    }
    Ok(done)
}

/// fsync `group`, one file per thread, so the waits for the disk overlap; the first error wins
/// (a thread that cannot be started is an error for its file: nothing is placed, nothing lost).
fn sync_together(group: &mut [Staged]) -> Result<(), (PathBuf, io::Error)> {
    let sync = |s: &mut Staged| s.sync().map_err(|e| (s.target.clone(), e));
    let Some((first, rest)) = group.split_first_mut() else {
        return Ok(());
    };
    std::thread::scope(|scope| {
        let others: Vec<_> = rest
            .iter_mut()
            .map(|s| {
                let target = s.target.clone();
                let handle = std::thread::Builder::new().spawn_scoped(scope, move || sync(s));
                (target, handle)
            })
            .collect();
        let mut result = sync(first);
        for (target, handle) in others {
            let r = match handle {
                Ok(h) => h.join().unwrap_or_else(|_| {
                    Err((target, io::Error::other("the thread syncing it panicked")))
                }),
                Err(e) => Err((target, e)),
            };
            result = result.and(r);
        }
        result
    })
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
            // Any failure but an existing target: a named temporary file works where O_TMPFILE
            // or /proc is missing or refused, and reports the real failure where there is one.
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {}
            done => return done,
        }
    }
    let mut f = Staged::write(path, bytes, mode)?;
    if sync {
        f.sync()?;
    }
    if replace { f.place() } else { f.link() }
}

/// Create `path` with `bytes` (and `mode`) only if nothing is there, the file never visible
/// half-written: an anonymous file in its directory (`O_TMPFILE`), written, optionally fsynced,
/// then linked in under its name. Fails with [`io::ErrorKind::AlreadyExists`] when `path`
/// exists (whatever it is: a link is never followed); any other error may just mean the file
/// system or `/proc` cannot do it.
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
    fn staged_files_appear_only_when_placed_and_dropped_ones_leave_nothing() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("state.json");
        fs::write(&target, b"old").unwrap();
        // More files than one group, so descriptors are closed group by group.
        let many: Vec<(PathBuf, Vec<u8>)> = (0..GROUP * 2 + 3)
            .map(|i| {
                (
                    d.path().join(format!("b{i}")),
                    format!("bucket {i}").into_bytes(),
                )
            })
            .collect();
        let files = many
            .iter()
            .map(|(p, b)| (p.clone(), &b[..], 0o600))
            .chain([(target.clone(), &b"new"[..], 0o600)]);
        let staged = stage_all(files).unwrap();
        assert_eq!(staged.len(), many.len() + 1);
        assert!(
            staged.iter().all(|s| s.file.is_none()),
            "every file is closed once synced"
        );
        assert_eq!(
            fs::read(&target).unwrap(),
            b"old",
            "not in place before place()"
        );
        assert!(!many[0].0.exists());
        for s in staged {
            s.place().unwrap();
        }
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(fs::read(&many[GROUP + 1].0).unwrap(), b"bucket 33");
        let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        drop(stage_all([(target.clone(), &b"never"[..], 0o600)]).unwrap());
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(
            names(d.path()).len(),
            many.len() + 1,
            "no temporary file is left"
        );
        // A file that cannot be written is named, and what was staged before it is removed.
        let bad = d.path().join("no-such-dir").join("x");
        let (p, e) = stage_all([
            (d.path().join("first"), &b"1"[..], 0o600),
            (bad.clone(), &b"2"[..], 0o600),
        ])
        .unwrap_err();
        assert_eq!((p, e.kind()), (bad, io::ErrorKind::NotFound));
        assert_eq!(
            names(d.path()).len(),
            many.len() + 1,
            "the staged first file is gone"
        );
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
            Err(e) => assert_ne!(e.kind(), io::ErrorKind::AlreadyExists, "{e}"),
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
