//! The bucket tables: which stored buckets a state holds, and the SHA-256 of each, in two
//! levels so that state.json stays small whatever the size of the home.
//!
//! Every bucket (`k-3f`: API keys, `i-`: their id index, `c-`: certificates, `v-`: the vault's
//! sealed entries) belongs to the table of its kind and the first hex digit of its index
//! (`k-3f` → `t-k3`): 16 tables of 16 buckets per kind, at most 64 tables. A table is stored
//! like a bucket (`buckets/t-k3-<sha256>.json`, a `vauth.bucket` row `t-k3`), and state.json
//! names each table by the SHA-256 of its bytes (`tables`) under its integrity tag. So the tag
//! covers the tables, each table's hash covers its buckets' hashes, and each bucket's hash
//! covers its bytes: a bucket or a table that was swapped, replayed or edited fails a hash
//! check when it is read.
//!
//! A command reads only the tables of the buckets it touches (one per kind for a
//! single-credential command), and a commit writes the tables whose buckets changed. A small
//! home (at most [`INLINE_MAX`] buckets) names every bucket in state.json itself (`buckets`, as
//! schema 2 did) and stores no table; the commit that passes [`INLINE_MAX`] writes every table,
//! and state.json names tables from then on. A schema-2 state is read as it is (the buckets
//! themselves stay as they are).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use super::records::{self, BucketBytes, Loader, bucket_tampered, is_hash};
use crate::error::{Error, Result};

/// A state names at most this many buckets itself (no table stored): a small home's commit
/// writes no table files. Past it, state.json names tables, for good.
pub const INLINE_MAX: usize = 64;
/// The table kind prefix (`t-k3`).
const TABLE: &str = "t-";
/// The kinds of bucket a table may hold.
const KINDS: [&str; 4] = [super::KEYS, super::IDS, super::CERTS, super::VAULT_KEYS];

/// The table holding bucket `id` (`k-3f` → `t-k3`), or None for an id that is not a bucket's.
pub fn table_of(id: &str) -> Option<String> {
    let (kind, _) = id.split_once('-')?;
    if !KINDS.contains(&kind) {
        return None;
    }
    // Only the canonical id (lowercase hex): another spelling would name a bucket no record
    // is looked up by.
    let i = records::bucket_index(kind, id).filter(|&i| records::bucket_id(kind, i) == id)?;
    Some(format!("{TABLE}{kind}{:x}", i >> 4))
}

/// Whether `id` names a table (`t-k3`).
pub(super) fn is_table_id(id: &str) -> bool {
    id.strip_prefix(TABLE).is_some_and(|rest| {
        let mut c = rest.chars();
        matches!((c.next(), c.next(), c.next()), (Some(k), Some(h), None)
            if KINDS.iter().any(|x| x.starts_with(k)) && h.is_ascii_hexdigit() && !h.is_ascii_uppercase())
    })
}

fn corrupt(what: &str) -> Error {
    Error::state(format!("state.json is corrupt: {what}")).hint(
        "restore state.json with its buckets/ directory from version control or a backup; \
         vauth has not changed it",
    )
}

#[derive(Clone, Default, Debug)]
struct Inner {
    /// Table id → SHA-256 of its stored bytes: what state.json names.
    roots: BTreeMap<String, String>,
    /// The tables read (or made) so far: table id → (bucket id → SHA-256).
    loaded: BTreeMap<String, BTreeMap<String, String>>,
    /// Tables changed since they were stored.
    dirty: BTreeSet<String>,
}

impl Inner {
    /// No table is stored: the state names every bucket itself (`buckets`), and every table
    /// is in `loaded` (made from those names), until there are more than [`INLINE_MAX`].
    fn inline(&self) -> bool {
        self.roots.is_empty()
    }
}

/// The stored buckets of a home and their hashes, tables read on first use. Shared (behind an
/// `Rc`) by the registry's records and the vault, which read their buckets through it.
pub struct Tables {
    loader: RefCell<Option<Loader>>,
    inner: RefCell<Inner>,
}

impl std::fmt::Debug for Tables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tables")
            .field("roots", &self.inner.borrow().roots.len())
            .finish_non_exhaustive()
    }
}

/// The members of state.json that name the stored buckets: `buckets` (every bucket, while
/// the state names them itself) or `tables`; none in a home with no bucket.
impl serde::Serialize for Tables {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let i = self.inner.borrow();
        let mut m = s.serialize_map(None)?;
        if i.inline() {
            let all: BTreeMap<&String, &String> = i.loaded.values().flatten().collect();
            if !all.is_empty() {
                m.serialize_entry("buckets", &all)?;
            }
        } else {
            m.serialize_entry("tables", &i.roots)?;
        }
        m.end()
    }
}

/// A snapshot of the tables before a commit, to go back to when it fails.
pub struct Saved(Inner);

impl Tables {
    /// No bucket stored (a new home), nothing to read.
    pub fn empty() -> Tables {
        Tables {
            loader: RefCell::new(None),
            inner: RefCell::new(Inner::default()),
        }
    }

    /// The tables state.json names (`roots`: table id → SHA-256, at least one), read on use
    /// (see [`Tables::set_loader`]).
    pub fn stored(roots: BTreeMap<String, String>) -> Result<Tables> {
        if let Some((id, _)) = roots.iter().find(|(id, h)| !is_table_id(id) || !is_hash(h)) {
            return Err(corrupt(&format!("table {id:?}")));
        }
        Ok(Tables {
            loader: RefCell::new(None),
            inner: RefCell::new(Inner {
                roots,
                ..Inner::default()
            }),
        })
    }

    /// Every bucket named at once (`buckets`: bucket id → SHA-256), as the state of a small
    /// home (or any of schema 2) names them: every table is made from them, and written once
    /// there are more than [`INLINE_MAX`] buckets.
    pub fn flat(buckets: BTreeMap<String, String>) -> Result<Tables> {
        let mut inner = Inner::default();
        for (id, h) in buckets {
            let t = table_of(&id)
                .filter(|_| is_hash(&h))
                .ok_or_else(|| corrupt(&format!("bucket {id:?}")))?;
            inner.loaded.entry(t).or_default().insert(id, h);
        }
        Ok(Tables {
            loader: RefCell::new(None),
            inner: RefCell::new(inner),
        })
    }

    /// Read stored tables and buckets through `loader` from now on.
    pub fn set_loader(&self, loader: Loader) {
        *self.loader.borrow_mut() = Some(loader);
    }

    fn load_checked(&self, id: &str, hash: &str) -> Result<Vec<u8>> {
        let loader = self.loader.borrow().clone();
        records::load_checked(loader.as_ref(), id, hash)
    }

    /// Whether no bucket is stored or named.
    pub fn is_empty(&self) -> bool {
        let i = self.inner.borrow();
        i.roots.is_empty() && i.loaded.values().all(BTreeMap::is_empty)
    }

    /// Whether any bucket of kind `kind` may be stored (a table of that kind is named).
    pub fn has_kind(&self, kind: &str) -> bool {
        let i = self.inner.borrow();
        let prefix = format!("{TABLE}{kind}");
        let named = |id: &String| id.starts_with(&prefix);
        i.roots.keys().any(named) || i.loaded.iter().any(|(id, t)| named(id) && !t.is_empty())
    }

    /// Read table `t` if it is not read yet.
    fn load(&self, t: &str) -> Result<()> {
        if self.inner.borrow().loaded.contains_key(t) {
            return Ok(());
        }
        let root = self.inner.borrow().roots.get(t).cloned();
        let map = match root {
            None => BTreeMap::new(),
            Some(h) => {
                let bytes = self.load_checked(t, &h)?;
                let map: BTreeMap<String, String> =
                    serde_json::from_slice(&bytes).map_err(|_| bucket_tampered(t))?;
                let belongs =
                    |id: &String, h: &String| table_of(id).as_deref() == Some(t) && is_hash(h);
                if !map.iter().all(|(id, h)| belongs(id, h)) {
                    return Err(bucket_tampered(t));
                }
                map
            }
        };
        self.inner.borrow_mut().loaded.insert(t.to_string(), map);
        Ok(())
    }

    /// The SHA-256 of the stored bucket `id`, None when there is none (reads its table).
    pub fn hash(&self, id: &str) -> Result<Option<String>> {
        let t = table_of(id).ok_or_else(|| Error::bug(format!("{id} is not a bucket id")))?;
        self.load(&t)?;
        Ok(self
            .inner
            .borrow()
            .loaded
            .get(&t)
            .and_then(|m| m.get(id))
            .cloned())
    }

    /// The bytes of the stored bucket `id`, checked against its hash (exit 3 when they differ),
    /// or None when there is no such bucket.
    pub fn read(&self, id: &str) -> Result<Option<Vec<u8>>> {
        match self.hash(id)? {
            None => Ok(None),
            Some(h) => self.load_checked(id, &h).map(Some),
        }
    }

    /// Every stored bucket and table, id → SHA-256 (reads every table).
    pub fn all(&self) -> Result<BTreeMap<String, String>> {
        let roots = self.inner.borrow().roots.clone();
        let mut all = roots.clone();
        for t in roots.keys() {
            self.load(t)?;
        }
        for m in self.inner.borrow().loaded.values() {
            all.extend(m.iter().map(|(a, b)| (a.clone(), b.clone())));
        }
        Ok(all)
    }

    /// Every stored bucket of kind `kind`, id → SHA-256 (reads the tables of that kind).
    pub fn of_kind(&self, kind: &str) -> Result<BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        for d in 0..16 {
            let t = format!("{TABLE}{kind}{d:x}");
            self.load(&t)?;
            if let Some(m) = self.inner.borrow().loaded.get(&t) {
                out.extend(m.iter().map(|(a, b)| (a.clone(), b.clone())));
            }
        }
        Ok(out)
    }

    /// Record what a commit stores: `written` buckets with their new hashes; returns the
    /// changed tables' bytes to store with them (none while the state names every bucket
    /// itself), and, for each written bucket and table, the hash it had (what the new one
    /// replaces). state.json, serialized after this, names the new tables (or buckets).
    /// [`Tables::restore`] undoes it when the commit fails.
    pub fn stage(
        &self,
        written: &[BucketBytes],
    ) -> Result<(Vec<BucketBytes>, BTreeMap<String, String>)> {
        let mut previous = BTreeMap::new();
        for b in written {
            if let Some(old) = self.hash(&b.id)? {
                previous.insert(b.id.clone(), old);
            }
            let t = table_of(&b.id).ok_or_else(|| Error::bug("not a bucket id"))?;
            let mut i = self.inner.borrow_mut();
            i.loaded
                .entry(t.clone())
                .or_default()
                .insert(b.id.clone(), b.hash.clone());
            i.dirty.insert(t);
        }
        let mut i = self.inner.borrow_mut();
        if i.inline() {
            if i.loaded.values().map(BTreeMap::len).sum::<usize>() <= INLINE_MAX {
                return Ok((Vec::new(), previous));
            }
            // From now on state.json names tables: every table with buckets is written.
            i.dirty = i.loaded.keys().cloned().collect();
        }
        let Inner {
            roots,
            loaded,
            dirty,
        } = &mut *i;
        let mut tables = Vec::new();
        for t in std::mem::take(dirty) {
            let Some(m) = loaded.get(&t) else { continue };
            let mut bytes = serde_json::to_vec_pretty(m)
                .map_err(|e| Error::bug(format!("cannot serialize a table: {e}")))?;
            bytes.push(b'\n');
            let b = BucketBytes::new(t.clone(), bytes);
            if roots.get(&t) == Some(&b.hash) {
                continue;
            }
            if let Some(old) = roots.insert(t, b.hash.clone()) {
                previous.insert(b.id.clone(), old);
            }
            tables.push(b);
        }
        Ok((tables, previous))
    }

    /// The tables as they are now (before [`Tables::stage`]).
    pub fn save(&self) -> Saved {
        Saved(self.inner.borrow().clone())
    }

    /// Go back to `saved` (a commit failed).
    pub fn restore(&self, saved: Saved) {
        *self.inner.borrow_mut() = saved.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    fn h(n: u8) -> String {
        format!("{n:02x}").repeat(32)
    }

    type Store = Rc<RefCell<BTreeMap<String, Vec<u8>>>>;
    fn with_loader(t: Tables, store: &Store) -> Tables {
        t.set_loader(loader(store));
        t
    }
    fn loader(store: &Store) -> Loader {
        let st = store.clone();
        Rc::new(move |id: &str, _h: &str| {
            st.borrow()
                .get(id)
                .cloned()
                .ok_or_else(|| bucket_tampered(id))
        })
    }

    #[test]
    fn buckets_group_into_sixteen_tables_per_kind() {
        assert_eq!(table_of("k-3f").as_deref(), Some("t-k3"));
        assert_eq!(table_of("v-00").as_deref(), Some("t-v0"));
        assert_eq!(table_of("c-ff").as_deref(), Some("t-cf"));
        assert_eq!(table_of("t-k3"), None);
        assert_eq!(table_of("x-3f"), None);
        assert_eq!(table_of("k-3F"), None);
        assert!(is_table_id("t-kf") && is_table_id("t-i0"));
        assert!(!is_table_id("t-kF") && !is_table_id("t-x1") && !is_table_id("t-k10"));
    }

    /// Serialized as state.json's members.
    fn members(t: &Tables) -> serde_json::Value {
        serde_json::to_value(t).unwrap()
    }

    #[test]
    fn a_small_home_names_its_buckets_itself_and_a_larger_one_writes_tables() {
        let store: Store = Rc::default();
        let flat: BTreeMap<String, String> =
            [("k-31".to_string(), h(1)), ("i-02".to_string(), h(2))].into();
        let t = Tables::flat(flat.clone()).unwrap();
        t.set_loader(loader(&store));
        assert!(t.has_kind("k") && !t.has_kind("v"));
        let (tables, previous) = t.stage(&[]).unwrap();
        assert!(tables.is_empty() && previous.is_empty());
        assert_eq!(members(&t), serde_json::json!({ "buckets": flat }));
        // Past INLINE_MAX buckets: every table with buckets is written, and named.
        let more: Vec<BucketBytes> = (0..INLINE_MAX)
            .map(|n| BucketBytes::new(format!("v-{n:02x}"), format!("{n}").into_bytes()))
            .collect();
        let (tables, previous) = t.stage(&more).unwrap();
        let ids: BTreeSet<&str> = tables.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids.len(), 6, "{ids:?}");
        assert!(ids.contains("t-k3") && ids.contains("t-i0") && ids.contains("t-v3"));
        assert!(previous.is_empty());
        for b in &tables {
            store.borrow_mut().insert(b.id.clone(), b.bytes.clone());
        }
        let m = members(&t);
        assert!(m.get("buckets").is_none());
        let roots: BTreeMap<String, String> = serde_json::from_value(m["tables"].clone()).unwrap();
        let back = with_loader(Tables::stored(roots.clone()).unwrap(), &store);
        assert_eq!(back.hash("k-31").unwrap(), Some(h(1)));
        assert_eq!(back.hash("k-32").unwrap(), None);
        assert_eq!(back.hash("c-32").unwrap(), None, "no table: no bucket");
        assert_eq!(back.all().unwrap().len(), 2 + INLINE_MAX + 6);
        // A new bucket in t-k3: that table alone is written, replacing its old hash.
        let nb = BucketBytes::new("k-3a".into(), b"{}\n".to_vec());
        let (tables, previous) = back.stage(std::slice::from_ref(&nb)).unwrap();
        assert_eq!(tables.len(), 1);
        assert_eq!(previous.get("t-k3"), roots.get("t-k3"));
        // A table swapped for another, or edited, fails its hash.
        let other = store.borrow()["t-i0"].clone();
        store.borrow_mut().insert("t-k3".into(), other);
        let swapped = with_loader(Tables::stored(roots.clone()).unwrap(), &store);
        let e = swapped.hash("k-31").unwrap_err();
        assert_eq!(e.kind().exit_code(), 3);
        assert!(e.message().contains("bucket table t-k3"), "{}", e.message());
        // A table whose hash matches but names a bucket of another table is refused too.
        let mut bad = b"{\n  \"k-41\": \"".to_vec();
        bad.extend(h(1).as_bytes());
        bad.extend(b"\"\n}\n");
        let bh = records::sha256_hex(&bad);
        store.borrow_mut().insert("t-k3".into(), bad);
        let mut r = roots.clone();
        r.insert("t-k3".into(), bh);
        assert!(
            with_loader(Tables::stored(r).unwrap(), &store)
                .hash("k-31")
                .is_err()
        );
        // state.json naming something that is not a table is corrupt.
        let mut r = roots;
        r.insert("k-31".into(), h(1));
        assert!(Tables::stored(r).is_err());
    }

    #[test]
    fn a_failed_commit_goes_back_to_the_saved_tables() {
        let t = Tables::empty();
        let saved = t.save();
        let nb = BucketBytes::new("c-10".into(), b"{}\n".to_vec());
        let (tables, _) = t.stage(std::slice::from_ref(&nb)).unwrap();
        assert!(tables.is_empty(), "a small home names its buckets itself");
        assert!(!t.is_empty());
        t.restore(saved);
        assert!(t.is_empty());
        assert_eq!(t.hash("c-10").unwrap(), None);
    }
}
