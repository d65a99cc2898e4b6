//! Records in buckets: the part of the registry that grows with the home (API keys and the
//! API-key id index), split into 256 buckets by the first byte of SHA-256(name), each stored
//! apart and loaded only when a command touches a name in it.
//!
//! Every bucket is named with its SHA-256 by a table, and every table by state.json (the small
//! *meta* record), whose integrity tag covers those names ([`super::tables`]): a bucket that
//! was swapped, replayed or edited fails the hash check when it is loaded (a small home's
//! state.json names its buckets itself). A single-credential command reads and writes meta, one
//! table and one bucket per kind, whatever the size of the home; a command that walks every
//! record loads them all.
//!
//! Loading is lazy behind `&self` (a [`OnceCell`] per bucket), so a lookup is fallible: every
//! accessor returns a [`Result`]. A bucket that is changed through `&mut self` is marked dirty,
//! and the next commit writes exactly the dirty buckets.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::ApiKey;
use super::tables::Tables;
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
    let what = if super::tables::is_table_id(id) || super::tables::is_pack_id(id) {
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

/// The bytes of bucket `i` (stored as `id`) as a map by name: not a map, or a name that
/// belongs to another bucket, is a bucket that was tampered with.
fn parse_bucket<V: DeserializeOwned>(
    i: usize,
    id: &str,
    bytes: &[u8],
) -> Result<BTreeMap<String, V>> {
    let map: BTreeMap<String, V> =
        serde_json::from_slice(bytes).map_err(|_| bucket_tampered(id))?;
    if map.keys().any(|n| bucket_of(n) != i) {
        return Err(bucket_tampered(id));
    }
    Ok(map)
}

/// A record that may name ids to index (API keys name their versions' public ids).
pub trait Record: Clone + Serialize + DeserializeOwned {
    /// The ids this record is found by, besides its name.
    fn ids(&self) -> Vec<String> {
        Vec::new()
    }
    /// Refuse a record that would mislead its readers (checked once, when it is first read).
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

impl Record for String {}

/// One record of a loaded bucket: its stored JSON, parsed on first use. A record that is not
/// changed is written back as it was read (its bytes copied, not re-serialised), so a command
/// that touches one name of a large bucket parses and serialises that one record.
#[derive(Debug, Clone)]
struct Entry<T> {
    /// The record as stored, while it is unchanged.
    raw: Option<Box<RawValue>>,
    /// The record, once parsed (always set when `raw` is None).
    val: OnceCell<T>,
}

impl<T> Entry<T> {
    fn new(v: T) -> Entry<T> {
        Entry {
            raw: None,
            val: OnceCell::from(v),
        }
    }
}

impl<T: Serialize> Serialize for Entry<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match (&self.raw, self.val.get()) {
            (Some(raw), _) => raw.serialize(s),
            (None, Some(v)) => v.serialize(s),
            (None, None) => Err(serde::ser::Error::custom("a record with no value")),
        }
    }
}

#[derive(Debug, Clone)]
struct Slot<T> {
    map: OnceCell<BTreeMap<String, Entry<T>>>,
    dirty: bool,
    /// The records changed (added, replaced, removed) since the bucket was loaded or last
    /// committed, each with the ids it had before: what the id index must follow.
    touched: BTreeMap<String, Vec<String>>,
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot {
            map: OnceCell::new(),
            dirty: false,
            touched: BTreeMap::new(),
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
        let loaded = self.slots.iter().filter(|s| s.map.get().is_some()).count();
        f.debug_struct("Records")
            .field("kind", &self.kind)
            .field("loaded", &loaded)
            .finish_non_exhaustive()
    }
}

/// A bucket's bytes: a JSON object with one record per line, each compact (`{"a":{…},` …):
/// about a third fewer bytes to hash, scan and write than pretty JSON, and a changed record is
/// one changed line in a diff. A record kept as read from a pretty bucket (schema 3 and before)
/// is made compact too.
fn bucket_bytes<V: Serialize>(m: &BTreeMap<String, V>) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(m.len() * 256 + 4);
    out.push(b'{');
    for (n, (k, v)) in m.iter().enumerate() {
        out.extend_from_slice(if n == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut out, k)?;
        out.push(b':');
        let at = out.len();
        serde_json::to_writer(&mut out, v)?;
        if out[at..].contains(&b'\n') {
            let compact = minified(&out[at..]);
            out.truncate(at);
            out.extend_from_slice(&compact);
        }
    }
    if !m.is_empty() {
        out.push(b'\n');
    }
    out.extend_from_slice(b"}\n");
    Ok(out)
}

/// `json` (valid JSON) without the whitespace between its tokens.
fn minified(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len());
    let (mut in_str, mut escaped) = (false, false);
    for &c in json {
        if in_str {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_str = false;
            }
        } else if !matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
            in_str = c == b'"';
            out.push(c);
        }
    }
    out
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
            let s = &mut r.slots[bucket_of(&name)];
            s.touched.insert(name.clone(), Vec::new());
            if let Some(m) = s.map.get_mut() {
                m.insert(name, Entry::new(v));
            }
            s.dirty = true;
        }
        r
    }

    /// Where stored buckets are named and read from.
    pub fn set_tables(&mut self, tables: Rc<Tables>) {
        self.tables = tables;
    }

    fn slot_map(&self, i: usize) -> Result<&BTreeMap<String, Entry<T>>> {
        load_once(
            &self.slots[i].map,
            &self.tables,
            || bucket_id(self.kind, i),
            |id, bytes| {
                let raw: BTreeMap<String, Box<RawValue>> = parse_bucket(i, id, &bytes)?;
                Ok(raw
                    .into_iter()
                    .map(|(n, r)| {
                        let e = Entry {
                            raw: Some(r),
                            val: OnceCell::new(),
                        };
                        (n, e)
                    })
                    .collect())
            },
        )
    }

    /// The value of `e`, a record of bucket `i`, parsed (and validated) on first use.
    fn value<'a>(&self, i: usize, e: &'a Entry<T>) -> Result<&'a T> {
        if let Some(v) = e.val.get() {
            return Ok(v);
        }
        let raw = e
            .raw
            .as_ref()
            .ok_or_else(|| Error::bug("a record with no value"))?;
        let v: T = serde_json::from_str(raw.get())
            .map_err(|_| bucket_tampered(&bucket_id(self.kind, i)))?;
        v.validate()?;
        Ok(e.val.get_or_init(|| v))
    }

    /// Mark record `name` of bucket `i` changed (its bucket dirty, its ids before noted) and
    /// return the bucket to change it in; the record, if any, is parsed and no longer written
    /// as it was read.
    fn touch(&mut self, i: usize, name: &str) -> Result<&mut BTreeMap<String, Entry<T>>> {
        let before = match self.slot_map(i)?.get(name) {
            Some(e) => Some(self.value(i, e)?.ids()),
            None => None,
        };
        let slot = &mut self.slots[i];
        slot.dirty = true;
        if !slot.touched.contains_key(name) {
            slot.touched
                .insert(name.to_string(), before.unwrap_or_default());
        }
        let m = slot
            .map
            .get_mut()
            .ok_or_else(|| Error::bug("bucket not loaded"))?;
        if let Some(e) = m.get_mut(name) {
            e.raw = None;
        }
        Ok(m)
    }

    /// The record `name`.
    pub fn get(&self, name: &str) -> Result<Option<&T>> {
        let i = bucket_of(name);
        match self.slot_map(i)?.get(name) {
            Some(e) => self.value(i, e).map(Some),
            None => Ok(None),
        }
    }

    /// The record `name`, to change (its bucket is written by the next commit).
    pub fn get_mut(&mut self, name: &str) -> Result<Option<&mut T>> {
        let i = bucket_of(name);
        if !self.slot_map(i)?.contains_key(name) {
            return Ok(None);
        }
        Ok(self
            .touch(i, name)?
            .get_mut(name)
            .and_then(|e| e.val.get_mut()))
    }

    /// Whether there is a record `name`.
    pub fn contains_key(&self, name: &str) -> Result<bool> {
        Ok(self.slot_map(bucket_of(name))?.contains_key(name))
    }

    /// Add or replace the record `name`.
    pub fn insert(&mut self, name: String, v: T) -> Result<Option<T>> {
        let i = bucket_of(&name);
        let old = self.touch(i, &name)?.insert(name, Entry::new(v));
        Ok(old.and_then(|e| e.val.into_inner()))
    }

    /// The record `name`, made by `make` when there is none.
    pub fn get_or_insert_with(&mut self, name: &str, make: impl FnOnce() -> T) -> Result<&mut T> {
        let i = bucket_of(name);
        let e = self
            .touch(i, name)?
            .entry(name.to_string())
            .or_insert_with(|| Entry::new(make()));
        e.val
            .get_mut()
            .ok_or_else(|| Error::bug("a touched record with no value"))
    }

    /// Remove the record `name`.
    pub fn remove(&mut self, name: &str) -> Result<Option<T>> {
        let i = bucket_of(name);
        if !self.slot_map(i)?.contains_key(name) {
            return Ok(None);
        }
        let old = self.touch(i, name)?.remove(name);
        Ok(old.and_then(|e| e.val.into_inner()))
    }

    /// Every record, sorted by name (loads every bucket).
    pub fn values(&self) -> Result<std::vec::IntoIter<&T>> {
        Ok(self.iter()?.map(|(_, v)| v).collect::<Vec<_>>().into_iter())
    }

    /// Every name, sorted (loads every bucket).
    pub fn keys(&self) -> Result<std::vec::IntoIter<&String>> {
        Ok(self.iter()?.map(|(k, _)| k).collect::<Vec<_>>().into_iter())
    }

    /// Bucket `i` with every record parsed: a bucket not loaded yet is parsed in one pass
    /// (no record kept as raw bytes), which is what a walk over every record wants.
    fn slot_parsed(&self, i: usize) -> Result<&BTreeMap<String, Entry<T>>> {
        let m = load_once(
            &self.slots[i].map,
            &self.tables,
            || bucket_id(self.kind, i),
            |id, bytes| {
                let map: BTreeMap<String, T> = parse_bucket(i, id, &bytes)?;
                for v in map.values() {
                    v.validate()?;
                }
                Ok(map.into_iter().map(|(n, v)| (n, Entry::new(v))).collect())
            },
        )?;
        for e in m.values() {
            self.value(i, e)?;
        }
        Ok(m)
    }

    /// Every (name, record), sorted by name (loads every bucket, parses every record).
    pub fn iter(&self) -> Result<std::vec::IntoIter<(&String, &T)>> {
        let mut all = Vec::new();
        for i in 0..BUCKETS {
            for (n, e) in self.slot_parsed(i)? {
                all.push((n, self.value(i, e)?));
            }
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

    /// Call `f` on the records of the loaded bucket `i` — every one when `all`, else those
    /// read or changed so far — to change them in place; a record `f` says it changed (it
    /// returns true) is written by the next commit. Returns the names `f` saw and every name
    /// changed since the bucket was loaded (removed ones included).
    pub fn each_mut(
        &mut self,
        i: usize,
        all: bool,
        mut f: impl FnMut(&str, &mut T) -> bool,
    ) -> Result<BTreeSet<String>> {
        if all {
            self.slot_parsed(i)?;
        }
        let slot = &mut self.slots[i];
        let mut seen: BTreeSet<String> = slot.touched.keys().cloned().collect();
        let Some(m) = slot.map.get_mut() else {
            return Ok(seen);
        };
        for (name, e) in m.iter_mut() {
            let Some(v) = e.val.get_mut() else { continue };
            seen.insert(name.clone());
            if f(name, v) {
                e.raw = None;
                slot.dirty = true;
            }
        }
        Ok(seen)
    }

    /// The ids gained and lost by the records changed since their buckets were loaded (or
    /// last committed).
    pub fn id_changes(&self) -> (Vec<(String, String)>, Vec<String>) {
        let mut added = Vec::new();
        let mut removed = Vec::new();
        for s in self.slots.iter().filter(|s| s.dirty) {
            let Some(m) = s.map.get() else { continue };
            for (name, before) in &s.touched {
                let now = m
                    .get(name)
                    .and_then(|e| e.val.get())
                    .map(Record::ids)
                    .unwrap_or_default();
                for id in now.iter().filter(|id| !before.contains(id)) {
                    added.push((id.clone(), name.clone()));
                }
                removed.extend(before.iter().filter(|id| !now.contains(id)).cloned());
            }
        }
        (added, removed)
    }

    /// Serialize the dirty buckets (one compact record per line, sorted by name; unchanged
    /// records as they were read, made compact); one that a `&mut` access left as it was stored is not written again.
    pub fn dirty_bytes(&self) -> Result<Vec<BucketBytes>> {
        let mut out = Vec::new();
        for (i, s) in self.slots.iter().enumerate().filter(|(_, s)| s.dirty) {
            let Some(m) = s.map.get() else { continue };
            let bytes = bucket_bytes(m)
                .map_err(|e| Error::bug(format!("cannot serialize a bucket: {e}")))?;
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
            s.touched.clear();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_written_one_compact_record_per_line_and_read_back_the_same() {
        // Records as a pretty bucket (schema 3 and before) held them, kept raw, and one parsed.
        let pretty = r#"{
  "a b": {
    "note": "two  spaces, a \"quote\", a \\ and a \n newline",
    "n": [1, 2]
  },
  "c": "plain"
}"#;
        let mut m: BTreeMap<String, Entry<serde_json::Value>> =
            serde_json::from_str::<BTreeMap<String, Box<RawValue>>>(pretty)
                .unwrap()
                .into_iter()
                .map(|(k, raw)| {
                    let e = Entry {
                        raw: Some(raw),
                        val: OnceCell::new(),
                    };
                    (k, e)
                })
                .collect();
        m.insert("d".into(), Entry::new(serde_json::json!({"x": "y z"})));
        let bytes = bucket_bytes(&m).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(text.lines().count(), 5, "{text}");
        assert!(
            text.starts_with("{\n\"a b\":{\"note\":\"two  spaces"),
            "{text}"
        );
        assert!(text.ends_with("\n\"d\":{\"x\":\"y z\"}\n}\n"), "{text}");
        let back: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let want: serde_json::Value = serde_json::from_str(pretty).unwrap();
        assert_eq!(back["a b"], want["a b"]);
        assert_eq!(back["c"], "plain");
        assert_eq!(back["d"]["x"], "y z");
        let empty: BTreeMap<String, Entry<serde_json::Value>> = BTreeMap::new();
        assert_eq!(bucket_bytes(&empty).unwrap(), b"{}\n");
    }
}
