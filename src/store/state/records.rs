//! Records in buckets: the part of the registry that grows with the home (API keys and the
//! API-key id index), split into 256 buckets by the first byte of SHA-256(name), each stored
//! apart and loaded only when a command touches a name in it.
//!
//! Every bucket is named with its SHA-256 by a table, and every table by state.json (the small
//! *meta* record), whose integrity tag covers those names ([`super::tables`]): a bucket that
//! was swapped, replayed or edited fails the hash check when it is loaded. A single-credential
//! command reads and writes meta, one table and one bucket per kind, whatever the size of the
//! home; a command that walks every record loads them all.
//!
//! Loading is lazy behind `&self` (a [`OnceCell`] per bucket), so a lookup is fallible: every
//! accessor returns a [`Result`]. A bucket that is changed through `&mut self` is marked dirty,
//! and the next commit writes exactly the dirty buckets.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use time::OffsetDateTime;

use super::tables::Tables;
use super::{ApiKey, KeyVersion};
use crate::error::{Error, Result};

/// Number of buckets per kind of record.
pub const BUCKETS: usize = 256;

/// Reads a stored bucket: `(bucket id, expected SHA-256 hex) -> bytes`. The caller checks the
/// hash.
pub type Loader = Rc<dyn Fn(&str, &str) -> Result<Vec<u8>>>;

/// The bucket index of `name`: the first byte of its SHA-256.
pub fn bucket_of(name: &str) -> usize {
    use sha2::Digest;
    usize::from(sha2::Sha256::digest(name.as_bytes())[0])
}

/// The stored id of bucket `i` of kind `kind` (`k-3f`).
pub fn bucket_id(kind: &str, i: usize) -> String {
    format!("{kind}-{i:02x}")
}

/// The index of bucket id `id` (`k-3f` → 0x3f) if it is of kind `kind`.
pub fn bucket_index(kind: &str, id: &str) -> Option<usize> {
    let hx = id.strip_prefix(kind)?.strip_prefix('-')?;
    (hx.len() == 2)
        .then(|| usize::from_str_radix(hx, 16).ok())
        .flatten()
        .filter(|&i| i < BUCKETS)
}

/// Whether `h` is a SHA-256 as state.json names buckets: 64 lowercase hex digits (it becomes
/// part of a file name).
pub fn is_hash(h: &str) -> bool {
    h.len() == 64 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// The error for a bucket whose bytes are not the ones its meta record names.
pub fn bucket_tampered(id: &str) -> Error {
    let what = if id.starts_with("t-") {
        "bucket table"
    } else {
        "bucket"
    };
    Error::state(format!(
        "the {what} {id} of the home's registry failed its integrity check: it was edited, \
         replaced or lost outside vauth"
    ))
    .hint("restore the home (state.json with its buckets/ directory) from a backup; vauth has not changed anything")
}

/// The bytes of bucket `id`, read through `loader` and checked against `hash` (exit 3 when
/// they differ: edited, swapped, replayed or lost).
pub fn load_checked(loader: Option<&Loader>, id: &str, hash: &str) -> Result<Vec<u8>> {
    if !is_hash(hash) {
        return Err(bucket_tampered(id));
    }
    let loader = loader.ok_or_else(|| Error::bug(format!("bucket {id} read with no loader")))?;
    let bytes = loader(id, hash)?;
    if sha256_hex(&bytes) != hash {
        return Err(bucket_tampered(id));
    }
    Ok(bytes)
}

/// The content of a bucket held in `cell`, loaded on first use: empty when `tables` names no
/// such bucket, else read through them as bucket `id`, checked against its hash, and turned
/// into its content by `parse(id, bytes)`. The one loading path of registry and vault buckets.
pub fn load_once<'a, M: Default>(
    cell: &'a OnceCell<M>,
    tables: &Tables,
    id: impl FnOnce() -> String,
    parse: impl FnOnce(&str, Vec<u8>) -> Result<M>,
) -> Result<&'a M> {
    if let Some(m) = cell.get() {
        return Ok(m);
    }
    let id = id();
    let m = match tables.read(&id)? {
        None => M::default(),
        Some(bytes) => parse(&id, bytes)?,
    };
    Ok(cell.get_or_init(|| m))
}

/// A record that may name ids to index (API keys name their versions' public ids).
pub trait Record: Clone + Serialize + DeserializeOwned {
    /// The ids this record is found by, besides its name.
    fn ids(&self) -> Vec<String> {
        Vec::new()
    }
    /// Refuse a record that would mislead its readers (checked once, when its bucket loads).
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

impl Record for String {}

#[derive(Debug, Clone)]
struct Slot<T> {
    map: OnceCell<BTreeMap<String, T>>,
    dirty: bool,
    /// The ids the records of this bucket had when it was loaded or last committed.
    ids: Option<BTreeSet<String>>,
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot {
            map: OnceCell::new(),
            dirty: false,
            ids: None,
        }
    }
}

/// One kind of bucketed record, by name.
#[derive(Clone)]
pub struct Records<T> {
    kind: &'static str,
    slots: Vec<Slot<T>>,
    tables: Rc<Tables>,
}

impl<T: std::fmt::Debug> std::fmt::Debug for Records<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let loaded: Vec<_> = self.slots.iter().filter_map(|s| s.map.get()).collect();
        f.debug_struct("Records")
            .field("kind", &self.kind)
            .field("loaded", &loaded)
            .finish_non_exhaustive()
    }
}

impl BucketBytes {
    /// Bucket `id` holding `bytes`.
    pub fn new(id: String, bytes: Vec<u8>) -> BucketBytes {
        BucketBytes {
            hash: sha256_hex(&bytes),
            id,
            bytes,
        }
    }
}

/// One bucket to write: its id, the SHA-256 of its bytes, the bytes.
pub struct BucketBytes {
    /// `k-3f`.
    pub id: String,
    /// SHA-256 hex of `bytes`.
    pub hash: String,
    /// The serialized bucket.
    pub bytes: Vec<u8>,
}

impl<T: Record> Records<T> {
    /// No records, every bucket loaded (a new home).
    pub fn new(kind: &'static str) -> Records<T> {
        let slots = (0..BUCKETS)
            .map(|_| {
                let s = Slot::default();
                let _ = s.map.set(BTreeMap::new());
                s
            })
            .collect();
        Records {
            kind,
            slots,
            tables: Rc::new(Tables::empty()),
        }
    }

    /// Records stored in the buckets `tables` names, none loaded yet.
    pub fn stored(kind: &'static str, tables: Rc<Tables>) -> Records<T> {
        Records {
            kind,
            slots: (0..BUCKETS).map(|_| Slot::default()).collect(),
            tables,
        }
    }

    /// Every record of `map`, all buckets loaded and dirty (a home of schema 1 moving to
    /// buckets).
    pub fn from_map(kind: &'static str, map: BTreeMap<String, T>) -> Records<T> {
        let mut r = Records::new(kind);
        for (name, v) in map {
            let i = bucket_of(&name);
            if let Some(m) = r.slots[i].map.get_mut() {
                m.insert(name, v);
            }
            r.slots[i].dirty = true;
            r.slots[i].ids = Some(BTreeSet::new());
        }
        r
    }

    /// Where stored buckets are named and read from.
    pub fn set_tables(&mut self, tables: Rc<Tables>) {
        self.tables = tables;
    }

    fn slot_map(&self, i: usize) -> Result<&BTreeMap<String, T>> {
        let slot = &self.slots[i];
        load_once(
            &slot.map,
            &self.tables,
            || bucket_id(self.kind, i),
            |id, bytes| {
                let map: BTreeMap<String, T> =
                    serde_json::from_slice(&bytes).map_err(|_| bucket_tampered(id))?;
                if map.keys().any(|n| bucket_of(n) != i) {
                    return Err(bucket_tampered(id));
                }
                for v in map.values() {
                    v.validate()?;
                }
                Ok(map)
            },
        )
    }

    fn slot_mut(&mut self, i: usize) -> Result<&mut BTreeMap<String, T>> {
        self.slot_map(i)?;
        let slot = &mut self.slots[i];
        if slot.ids.is_none() {
            slot.ids = Some(
                slot.map
                    .get()
                    .map(|m| m.values().flat_map(Record::ids).collect())
                    .unwrap_or_default(),
            );
        }
        slot.dirty = true;
        slot.map
            .get_mut()
            .ok_or_else(|| Error::bug("bucket not loaded"))
    }

    /// The record `name`.
    pub fn get(&self, name: &str) -> Result<Option<&T>> {
        Ok(self.slot_map(bucket_of(name))?.get(name))
    }

    /// The record `name`, to change (its bucket is written by the next commit).
    pub fn get_mut(&mut self, name: &str) -> Result<Option<&mut T>> {
        let i = bucket_of(name);
        if self.slot_map(i)?.contains_key(name) {
            Ok(self.slot_mut(i)?.get_mut(name))
        } else {
            Ok(None)
        }
    }

    /// Whether there is a record `name`.
    pub fn contains_key(&self, name: &str) -> Result<bool> {
        Ok(self.get(name)?.is_some())
    }

    /// Add or replace the record `name`.
    pub fn insert(&mut self, name: String, v: T) -> Result<Option<T>> {
        let i = bucket_of(&name);
        Ok(self.slot_mut(i)?.insert(name, v))
    }

    /// The record `name`, made by `make` when there is none.
    pub fn get_or_insert_with(&mut self, name: &str, make: impl FnOnce() -> T) -> Result<&mut T> {
        let i = bucket_of(name);
        Ok(self
            .slot_mut(i)?
            .entry(name.to_string())
            .or_insert_with(make))
    }

    /// Remove the record `name`.
    pub fn remove(&mut self, name: &str) -> Result<Option<T>> {
        let i = bucket_of(name);
        if !self.slot_map(i)?.contains_key(name) {
            return Ok(None);
        }
        Ok(self.slot_mut(i)?.remove(name))
    }

    /// Every record, sorted by name (loads every bucket).
    pub fn values(&self) -> Result<std::vec::IntoIter<&T>> {
        Ok(self.iter()?.map(|(_, v)| v).collect::<Vec<_>>().into_iter())
    }

    /// Every name, sorted (loads every bucket).
    pub fn keys(&self) -> Result<std::vec::IntoIter<&String>> {
        Ok(self.iter()?.map(|(k, _)| k).collect::<Vec<_>>().into_iter())
    }

    /// Every (name, record), sorted by name (loads every bucket).
    pub fn iter(&self) -> Result<std::vec::IntoIter<(&String, &T)>> {
        let mut all = Vec::new();
        for i in 0..BUCKETS {
            all.extend(self.slot_map(i)?.iter());
        }
        all.sort_unstable_by(|a, b| a.0.cmp(b.0));
        Ok(all.into_iter())
    }

    /// Load bucket `i` (a no-op when it is loaded).
    pub fn load_bucket(&self, i: usize) -> Result<()> {
        self.slot_map(i).map(|_| ())
    }

    /// The indices of the buckets loaded so far.
    pub fn loaded(&self) -> Vec<usize> {
        (0..BUCKETS)
            .filter(|&i| self.slots[i].map.get().is_some())
            .collect()
    }

    /// Whether bucket `i` is loaded and changed since its last commit.
    pub fn is_dirty(&self, i: usize) -> bool {
        self.slots[i].dirty
    }

    /// The loaded bucket `i`, to change in place (marked dirty only through `mark_dirty`).
    pub fn loaded_bucket_mut(&mut self, i: usize) -> Option<&mut BTreeMap<String, T>> {
        self.slots[i].map.get_mut()
    }

    /// Mark bucket `i` (loaded) changed.
    pub fn mark_dirty(&mut self, i: usize) -> Result<()> {
        self.slot_mut(i).map(|_| ())
    }

    /// The ids gained and lost by the dirty buckets since they were loaded (or last committed).
    pub fn id_changes(&self) -> (Vec<(String, String)>, Vec<String>) {
        let mut added = Vec::new();
        let mut removed = Vec::new();
        for s in self.slots.iter().filter(|s| s.dirty) {
            let Some(m) = s.map.get() else { continue };
            let empty = BTreeSet::new();
            let before = s.ids.as_ref().unwrap_or(&empty);
            let mut now = BTreeSet::new();
            for (name, v) in m {
                for id in v.ids() {
                    if !before.contains(&id) {
                        added.push((id.clone(), name.clone()));
                    }
                    now.insert(id);
                }
            }
            removed.extend(before.iter().filter(|id| !now.contains(*id)).cloned());
        }
        (added, removed)
    }

    /// Serialize the dirty buckets (pretty JSON, sorted by name); one that a `&mut` access
    /// left as it was stored is not written again.
    pub fn dirty_bytes(&self) -> Result<Vec<BucketBytes>> {
        let mut out = Vec::new();
        for (i, s) in self.slots.iter().enumerate().filter(|(_, s)| s.dirty) {
            let Some(m) = s.map.get() else { continue };
            let mut bytes = serde_json::to_vec_pretty(m)
                .map_err(|e| Error::bug(format!("cannot serialize a bucket: {e}")))?;
            bytes.push(b'\n');
            let b = BucketBytes::new(bucket_id(self.kind, i), bytes);
            if self.tables.hash(&b.id)?.as_ref() != Some(&b.hash) {
                out.push(b);
            }
        }
        Ok(out)
    }

    /// After a commit stored the dirty buckets (the tables name their hashes): nothing is
    /// dirty.
    pub fn committed(&mut self) {
        for s in &mut self.slots {
            if s.dirty {
                s.ids = s
                    .map
                    .get()
                    .map(|m| m.values().flat_map(Record::ids).collect());
            }
            s.dirty = false;
        }
    }
}

impl<T: Record + PartialEq> Records<T> {
    /// Whether both hold the same records (loads every bucket of both).
    pub fn same_as(&self, other: &Records<T>) -> Result<bool> {
        Ok(self.iter()?.eq(other.iter()?))
    }
}

/// A digest that is not 64 hex digits (a hand edit, a bad merge) would mislead every lookup
/// and fingerprint: refuse it when a record is read, once, instead of guarding each use.
pub(crate) fn check_digests<'a>(keys: impl Iterator<Item = &'a ApiKey>) -> Result<()> {
    for k in keys {
        for v in &k.versions {
            if v.sha256.len() != 64 || !v.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(Error::state(format!(
                    "the registry is corrupt: API key {:?} version {} has a sha256 that is not 64 hex digits",
                    k.name, v.version
                ))
                .hint("restore the home from version control or a backup; vauth has not changed it"));
            }
        }
    }
    Ok(())
}

impl super::State {
    /// Where stored tables and buckets are read from (set by the session that opened the home).
    pub fn set_loader(&mut self, loader: Loader) {
        self.tables.set_loader(loader);
    }

    /// Name the stored buckets by `tables`, for the records and the state alike.
    pub(super) fn share_tables(&mut self, tables: Rc<Tables>) {
        self.api_keys.set_tables(tables.clone());
        self.certs.set_tables(tables.clone());
        self.ids.set_tables(tables.clone());
        self.tables = tables;
    }

    /// Bring the id index up to date with the API keys changed since the last commit.
    pub fn update_id_index(&mut self) -> Result<()> {
        let (added, removed) = self.api_keys.id_changes();
        for id in removed {
            self.ids.remove(&id)?;
        }
        for (id, name) in added {
            self.ids.insert(id, name)?;
        }
        Ok(())
    }

    /// The loaded buckets of API keys, in a writing session, settled for `now` (see
    /// [`super::State::settle_bucket`]): for each whose records changed, the vault entries it needs.
    /// `journal_changed` names buckets whose rotation-journal entries changed.
    pub fn settle(
        &mut self,
        now: OffsetDateTime,
        journal_changed: &std::collections::BTreeSet<usize>,
    ) -> Result<Vec<(usize, std::collections::BTreeSet<String>)>> {
        // Buckets holding a plaintext whose time is up are settled whether touched or not.
        let due: Vec<usize> = self
            .sweep
            .iter()
            .filter(|(_, t)| **t <= now.unix_timestamp())
            .filter_map(|(id, _)| bucket_index(super::KEYS, id))
            .collect();
        for i in due {
            self.api_keys.load_bucket(i)?;
        }
        let mut out = Vec::new();
        for i in self.api_keys.loaded() {
            let needed = self.settle_bucket(i, now)?;
            if self.api_keys.is_dirty(i) || journal_changed.contains(&i) {
                out.push((i, needed));
            }
        }
        Ok(out)
    }

    /// Names of the main vault's entries the registry still needs at `now`: private parts of
    /// JWT signing keys that are active or in grace. Anything else under `jwt/` is dropped.
    pub fn needed_jwt_entries(&self, now: OffsetDateTime) -> std::collections::BTreeSet<String> {
        self.jwt_keys
            .values()
            .flat_map(|k| {
                k.versions
                    .iter()
                    .filter(move |v| v.status(now).is_valid())
                    .map(move |v| v.vault_entry(&k.name))
            })
            .collect()
    }

    /// Settle the loaded bucket `i` of API keys at `now`, and return the vault entries it needs:
    /// plaintexts of kept versions that are active or in grace, and of successors the rotation
    /// journal holds. A kept version whose plaintext is no longer needed (revoked, retired,
    /// expired) becomes not kept, and the bucket is marked changed, so `kept` tells the truth
    /// and the vault drops the rest at commit.
    pub fn settle_bucket(
        &mut self,
        i: usize,
        now: OffsetDateTime,
    ) -> Result<std::collections::BTreeSet<String>> {
        let mut needed: std::collections::BTreeSet<String> = self
            .rotations
            .iter()
            .filter(|(name, _)| bucket_of(name) == i)
            .map(|(name, r)| format!("apikey/{name}/{}", r.to_version))
            .collect();
        let mut flipped = false;
        let mut next: Option<OffsetDateTime> = None;
        if let Some(m) = self.api_keys.loaded_bucket_mut(i) {
            for k in m.values_mut() {
                for v in &mut k.versions {
                    if !v.kept {
                        continue;
                    }
                    let entry = v.vault_entry(&k.name);
                    if v.status(now).is_valid() || needed.contains(&entry) {
                        needed.insert(entry);
                        // When this one stops being valid, the bucket is settled again.
                        let ends = [v.grace_until, v.expires, v.revoked_at];
                        for t in ends.into_iter().flatten().filter(|t| *t > now) {
                            next = Some(next.map_or(t, |n| n.min(t)));
                        }
                    } else {
                        v.kept = false;
                        flipped = true;
                    }
                }
            }
        }
        if flipped {
            self.api_keys.mark_dirty(i)?;
        }
        let id = bucket_id(super::KEYS, i);
        match next {
            Some(t) => {
                self.sweep.insert(id, t.unix_timestamp());
            }
            None => {
                self.sweep.remove(&id);
            }
        }
        Ok(needed)
    }

    /// Find a version by its public id: (key, version), through the id index.
    pub fn find_by_id(&self, id: &str) -> Result<Option<(&ApiKey, &KeyVersion)>> {
        let Some(name) = self.ids.get(id)? else {
            return Ok(None);
        };
        Ok(self.api_keys.get(name)?.and_then(|k| {
            k.versions
                .iter()
                .find(|v| v.id.as_deref() == Some(id))
                .map(|v| (k, v))
        }))
    }
}
