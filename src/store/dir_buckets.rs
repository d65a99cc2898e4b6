//! The directory home's buckets/ housekeeping: the orphans a killed commit leaves, and the
//! `.gitignore` lines a committed home needs to carry its buckets.

use super::backend::{BUCKETS_DIR, FileBackend, bucket_file};
use crate::error::{Error, Result};
use crate::fsutil;

/// A commit that writes buckets creates this marker in buckets/ first and removes it once the
/// buckets it replaced are gone: a marker left behind (a killed or failed commit) tells the next
/// writer to look for buckets no state names, without reading the directory on every write.
pub(super) const PENDING: &str = ".pending";

impl FileBackend {
    /// Remove the buckets and tables no state names (all that `referenced` names): written by a commit killed
    /// before its state, or replaced by one killed before it removed them (a sealed one may hold
    /// entries erased since). Only a commit that did not finish leaves them, and it leaves its
    /// marker too; without one, buckets/ is not read. A scan that fails keeps the marker.
    pub(super) fn remove_orphan_buckets(
        &self,
        referenced: &crate::store::state::Tables,
    ) -> Result<Vec<String>> {
        let dir = self.path(BUCKETS_DIR);
        let marker = dir.join(PENDING);
        if std::fs::symlink_metadata(&marker).is_err() {
            return Ok(Vec::new());
        }
        let named: std::collections::BTreeSet<String> = referenced
            .all()?
            .iter()
            .map(|(id, h)| bucket_file(id, h))
            .collect();
        let mut removed = Vec::new();
        for e in std::fs::read_dir(&dir)
            .map_err(|e| Error::io("read", &dir, &e))?
            .flatten()
        {
            let name = e.file_name().to_string_lossy().into_owned();
            let orphan = name != PENDING
                && !named.contains(&name)
                && e.file_type().is_ok_and(|t| t.is_file());
            if orphan {
                let p = e.path();
                std::fs::remove_file(&p).map_err(|err| Error::io("remove", &p, &err))?;
                removed.push(format!("{BUCKETS_DIR}/{name}"));
            }
        }
        if !removed.is_empty() {
            fsutil::sync_dir(&dir).map_err(|e| Error::io("sync", &dir, &e))?;
        }
        std::fs::remove_file(&marker).map_err(|e| Error::io("remove", &marker, &e))?;
        Ok(removed)
    }

    /// A committed home must carry its buckets: a `.gitignore` vauth wrote before buckets
    /// existed would keep them out of git, and one where the team let `secrets.vault` in (as
    /// docs/ci-rotation.md says) must let the sealed buckets in too, or the next run of a
    /// pipeline that commits the home back finds no API-key plaintexts. Add the missing lines
    /// (to a `.gitignore` vauth wrote; a hand-written one is the team's).
    pub(super) fn admit_buckets_in_gitignore(&self) {
        let p = self.path(".gitignore");
        let Ok(text) = std::fs::read_to_string(&p) else {
            return;
        };
        if !text.starts_with("# Written by vauth.") {
            return;
        }
        let has = |l: &str| text.lines().any(|x| x.trim() == l);
        let mut want = vec!["!buckets/", "!buckets/*.json"];
        if has("!secrets.vault") {
            want.push("!buckets/*.vault");
        }
        want.retain(|l| !has(l));
        if want.is_empty() {
            return;
        }
        let mut new = text.clone();
        if !new.ends_with('\n') {
            new.push('\n');
        }
        for l in want {
            new.push_str(l);
            new.push('\n');
        }
        let _ = fsutil::write_atomic(&p, new.as_bytes(), fsutil::PUBLIC);
    }
}
