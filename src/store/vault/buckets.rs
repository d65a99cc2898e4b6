//! The vault's buckets: API-key plaintexts and kept certificate keys, stored apart from the main
//! file in 256 buckets that follow the registry's (see `store::state::records`), each sealed
//! under the data key with associated data naming the home and the bucket.

use std::collections::BTreeMap;

use zeroize::Zeroizing;

use super::seal::{open_sealed, seal};
use super::{Body, Entries, FORMAT, Sealed, VERSION, Vault, body_json};
use crate::error::{Error, Result};

/// One bucket of API-key plaintexts (`apikey/NAME/vN` for the names of one registry bucket),
/// stored apart from the main file and sealed under the same data key.
#[derive(Default)]
pub(super) struct Bucket {
    pub(super) map: std::cell::OnceCell<Entries>,
    pub(super) dirty: bool,
    /// It opened only under the data key of before a re-key: re-seal it at the next commit.
    pub(super) stale: std::cell::Cell<bool>,
}

/// The bucket of an `apikey/NAME/vN` or `cert/NAME/SERIAL/key` entry (by NAME, as the
/// registry buckets its records), or None for an entry of the main file.
pub(super) fn bucket_of_entry(name: &str) -> Option<usize> {
    use crate::store::state::{APIKEY_PREFIX, CERT_PREFIX, records::bucket_of};
    if let Some(rest) = name.strip_prefix(APIKEY_PREFIX) {
        return rest.rsplit_once('/').map(|(key, _)| bucket_of(key));
    }
    let rest = name.strip_prefix(CERT_PREFIX)?;
    let mut parts = rest.rsplitn(3, '/');
    let (_, _, cert) = (parts.next()?, parts.next()?, parts.next()?);
    Some(bucket_of(cert))
}

pub(super) fn new_buckets() -> Vec<Bucket> {
    (0..crate::store::state::records::BUCKETS)
        .map(|_| Bucket::default())
        .collect()
}

impl Vault {
    /// Where stored buckets are named and read from: the tables of the state this vault goes
    /// with. Buckets already loaded keep what they hold.
    pub fn attach(&mut self, tables: std::rc::Rc<crate::store::state::Tables>) {
        use crate::store::state::VAULT_KEYS;
        if self.legacy && tables.has_kind(VAULT_KEYS) {
            // The state names sealed buckets: a schema-1 main body's copies are stale (a
            // stored bucket may have changed since), so the buckets are read as stored and the
            // copies leave the main body at the next commit.
            self.drop_legacy();
            for b in &mut self.buckets {
                b.map = std::cell::OnceCell::new();
                b.dirty = false;
            }
        }
        self.tables = tables;
    }

    /// The indices of the buckets stored (reads every table of vault buckets).
    pub(super) fn stored_buckets(&self) -> Result<std::collections::BTreeSet<usize>> {
        use crate::store::state::{VAULT_KEYS, records::bucket_index};
        Ok(self
            .tables
            .of_kind(VAULT_KEYS)?
            .keys()
            .filter_map(|id| bucket_index(VAULT_KEYS, id))
            .collect())
    }

    fn bucket_aad(&self, id: &str) -> Vec<u8> {
        format!("{FORMAT}/{VERSION}/bucket/{}/{id}", self.home_id).into_bytes()
    }

    pub(super) fn bucket(&self, i: usize) -> Result<&Entries> {
        use crate::store::state::{VAULT_KEYS, records};
        let b = &self.buckets[i];
        records::load_once(
            &b.map,
            &self.tables,
            || records::bucket_id(VAULT_KEYS, i),
            |id, bytes| {
                let tampered = || records::bucket_tampered(id);
                let sealed: Sealed = serde_json::from_slice(&bytes).map_err(|_| tampered())?;
                let aad = self.bucket_aad(id);
                let body = match open_sealed(&self.dek, &sealed, &aad) {
                    Some(body) => body,
                    None => {
                        // Sealed before a re-key whose state write did not happen.
                        let old = self
                            .prev_dek
                            .as_ref()
                            .and_then(|k| open_sealed(k, &sealed, &aad))
                            .ok_or_else(tampered)?;
                        b.stale.set(true);
                        old
                    }
                };
                let parsed: Body = serde_json::from_slice(&body).map_err(|_| tampered())?;
                let mut m = BTreeMap::new();
                for (k, v) in parsed.entries {
                    if bucket_of_entry(&k) != Some(i) {
                        return Err(tampered());
                    }
                    m.insert(k, Zeroizing::new(v));
                }
                Ok(m)
            },
        )
    }

    pub(super) fn bucket_mut(&mut self, i: usize) -> Result<&mut Entries> {
        self.bucket(i)?;
        let b = &mut self.buckets[i];
        b.dirty = true;
        b.map
            .get_mut()
            .ok_or_else(|| Error::bug("vault bucket not loaded"))
    }

    /// Keep only the API-key entries of bucket `i` that `keep` names (certificate keys stay);
    /// returns how many went.
    pub fn retain_bucket(&mut self, i: usize, keep: impl Fn(&str) -> bool) -> Result<usize> {
        use crate::store::state::APIKEY_PREFIX;
        let kept = |k: &str| !k.starts_with(APIKEY_PREFIX) || keep(k);
        let before = self.bucket(i)?.len();
        if self.bucket(i)?.keys().all(|k| kept(k)) {
            return Ok(0);
        }
        let m = self.bucket_mut(i)?;
        m.retain(|k, _| kept(k));
        Ok(before - m.len())
    }
    /// The changed buckets, sealed.
    pub fn dirty_buckets(&self) -> Result<Vec<crate::store::state::records::BucketBytes>> {
        use crate::store::state::{VAULT_KEYS, records};
        let mut out = Vec::new();
        for (i, b) in self.buckets.iter().enumerate().filter(|(_, b)| b.dirty) {
            let Some(m) = b.map.get() else { continue };
            let id = records::bucket_id(VAULT_KEYS, i);
            let body = body_json(m)?;
            let sealed = seal(&self.dek, body.as_bytes(), &self.bucket_aad(&id))?;
            let mut bytes =
                serde_json::to_vec_pretty(&sealed).map_err(|e| Error::bug(e.to_string()))?;
            bytes.push(b'\n');
            out.push(records::BucketBytes::new(id, bytes));
        }
        Ok(out)
    }
    /// Before a commit, after a re-key: re-seal every stored bucket still sealed under the
    /// previous data key, and once none is (and the re-key's own state is stored), forget that
    /// key. Reads every bucket, but only while a previous key is kept.
    pub fn settle_previous_key(&mut self) -> Result<()> {
        if self.prev_dek.is_none() || self.prev_keep {
            return Ok(());
        }
        let mut any_stale = false;
        for i in self.stored_buckets()? {
            self.bucket(i)?;
            if self.buckets[i].stale.get() {
                self.bucket_mut(i)?;
                any_stale = true;
            }
        }
        if !any_stale {
            self.prev_dek = None;
            self.dirty = true;
        }
        Ok(())
    }

    /// Remove a schema-1 main body's copies of bucketed entries (they are in their buckets).
    fn drop_legacy(&mut self) {
        let before = self.entries.len();
        self.entries.retain(|k, _| bucket_of_entry(k).is_none());
        self.dirty |= self.entries.len() != before;
        self.legacy = false;
    }

    /// After a commit stored `written` (the tables name their hashes): nothing is dirty.
    pub fn committed(&mut self, written: &[crate::store::state::records::BucketBytes]) {
        use crate::store::state::{VAULT_KEYS, records::bucket_index};
        self.prev_keep = false;
        if self.legacy
            && written
                .iter()
                .any(|w| bucket_index(VAULT_KEYS, &w.id).is_some())
        {
            // A state naming the buckets is stored: the main body's copies can go.
            self.drop_legacy();
        }
        for b in &mut self.buckets {
            b.dirty = false;
            b.stale.set(false);
        }
    }
}
