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
//! A commit stores the tables whose buckets changed together, up to [`PACK_MAX`] in one
//! **pack** (schema 4): state.json names each table by its pack (`tables`: `"t-k3": "p-07"`)
//! and each pack by the SHA-256 of its bytes (`packs`), so a `key create` writes one table file,
//! not three. A pack lives while a table names it. Its id is a slot (`p-07`) that no table of
//! the new state names otherwise, so a PostgreSQL home reuses at most 80 rows `p-XX` and never
//! deletes one (a runner needs no DELETE grant); a directory home stores it as
//! `buckets/p-07-<sha256>.json` and removes it once no table names it. A table of schema 3 is
//! stored alone (`"t-k3": "<sha256>"`) until its next change.
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
/// The pack id prefix (`p-` and a two-digit hex slot).
const PACK: &str = "p-";
/// A pack holds at most this many tables (a read of one table reads its pack whole): a commit
/// that changes more stores them in several.
pub const PACK_MAX: usize = 4;
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

/// Whether `id` names a pack of tables (`p-` and two lowercase hex digits).
pub(super) fn is_pack_id(id: &str) -> bool {
    id.strip_prefix(PACK)
        .is_some_and(|h| h.len() == 2 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
}

/// The id of pack slot `n`.
fn pack_id(n: usize) -> String {
    format!("{PACK}{n:02x}")
}

fn corrupt(what: &str) -> Error {
    Error::state(format!("state.json is corrupt: {what}")).hint(
        "restore state.json with its buckets/ directory from version control or a backup; \
         vauth has not changed it",
    )
}

/// Where a table is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Root {
    /// Alone, under its own id, with this SHA-256 (schema 3).
    Alone(String),
    /// In the pack of this id.
    Packed(String),
}

#[derive(Clone, Default, Debug)]
struct Inner {
    /// Table id → where it is stored: what state.json names (`tables`).
    roots: BTreeMap<String, Root>,
    /// Pack id → SHA-256 of its bytes (`packs`).
    packs: BTreeMap<String, String>,
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

/// The table `t` as read from `stored` (itself, or its pack): every bucket it names is one of
/// its own, by a well-formed hash.
fn checked_table(
    t: &str,
    map: BTreeMap<String, String>,
    stored: &str,
) -> Result<BTreeMap<String, String>> {
    let belongs = |id: &String, h: &String| table_of(id).as_deref() == Some(t) && is_hash(h);
    if !is_table_id(t) || !map.iter().all(|(id, h)| belongs(id, h)) {
        return Err(bucket_tampered(stored));
    }
    Ok(map)
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
            let roots: BTreeMap<&String, &String> = i
                .roots
                .iter()
                .map(|(t, r)| match r {
                    Root::Alone(h) | Root::Packed(h) => (t, h),
                })
                .collect();
            m.serialize_entry("tables", &roots)?;
            if !i.packs.is_empty() {
                m.serialize_entry("packs", &i.packs)?;
            }
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

    /// The tables state.json names (`roots`: table id → its pack's id, or its own SHA-256 when
    /// stored alone; at least one) and the packs (`packs`: pack id → SHA-256), read on use (see
    /// [`Tables::set_loader`]).
    pub fn stored(
        roots: BTreeMap<String, String>,
        packs: BTreeMap<String, String>,
    ) -> Result<Tables> {
        if let Some((id, _)) = packs.iter().find(|(id, h)| !is_pack_id(id) || !is_hash(h)) {
            return Err(corrupt(&format!("pack {id:?}")));
        }
        let mut out = BTreeMap::new();
        for (id, r) in roots {
            let root = if is_hash(&r) {
                Root::Alone(r)
            } else if packs.contains_key(&r) {
                Root::Packed(r)
            } else {
                return Err(corrupt(&format!("table {id:?}")));
            };
            if !is_table_id(&id) {
                return Err(corrupt(&format!("table {id:?}")));
            }
            out.insert(id, root);
        }
        let named = |p: &String| out.values().any(|r| matches!(r, Root::Packed(q) if q == p));
        if let Some(p) = packs.keys().find(|p| !named(p)) {
            return Err(corrupt(&format!("pack {p:?} that no table is in")));
        }
        Ok(Tables {
            loader: RefCell::new(None),
            inner: RefCell::new(Inner {
                roots: out,
                packs,
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

    /// Read table `t` if it is not read yet (with the other tables of its pack that are named
    /// there).
    fn load(&self, t: &str) -> Result<()> {
        if self.inner.borrow().loaded.contains_key(t) {
            return Ok(());
        }
        let root = self.inner.borrow().roots.get(t).cloned();
        let map = match root {
            None => BTreeMap::new(),
            Some(Root::Alone(h)) => {
                let bytes = self.load_checked(t, &h)?;
                let map = serde_json::from_slice(&bytes).map_err(|_| bucket_tampered(t))?;
                checked_table(t, map, t)?
            }
            Some(Root::Packed(p)) => {
                let h = self.inner.borrow().packs.get(&p).cloned();
                let h = h.ok_or_else(|| Error::bug(format!("no pack {p}")))?;
                let bytes = self.load_checked(&p, &h)?;
                // Every table the state names in this pack is taken (and checked) at once:
                // one read, one hash for all of them.
                let pack: BTreeMap<String, BTreeMap<String, String>> =
                    serde_json::from_slice(&bytes).map_err(|_| bucket_tampered(&p))?;
                let mut own = None;
                for (id, map) in pack {
                    let map = checked_table(&id, map, &p)?;
                    let mut i = self.inner.borrow_mut();
                    if id == t {
                        own = Some(map);
                    } else if matches!(i.roots.get(&id), Some(Root::Packed(q)) if *q == p) {
                        i.loaded.entry(id).or_insert(map);
                    }
                }
                own.ok_or_else(|| bucket_tampered(&p))?
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

    /// Every stored bucket, table and pack, id → SHA-256 (reads every table).
    pub fn all(&self) -> Result<BTreeMap<String, String>> {
        let roots = self.inner.borrow().roots.clone();
        let mut all = self.inner.borrow().packs.clone();
        for (t, r) in &roots {
            if let Root::Alone(h) = r {
                all.insert(t.clone(), h.clone());
            }
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

    /// Record what a commit stores: `written` buckets with their new hashes; returns the packs
    /// of the changed tables to store with them (none while the state names every bucket
    /// itself), and, for each bucket, table and pack the new state no longer names as it was,
    /// the hash it had (what to remove once the state is stored). state.json, serialized after
    /// this, names the new packs (or buckets). [`Tables::restore`] undoes it when the commit
    /// fails.
    pub fn stage(
        &self,
        written: &[BucketBytes],
    ) -> Result<(Vec<BucketBytes>, BTreeMap<String, String>)> {
        let mut previous = BTreeMap::new();
        for b in written {
            let old = self.hash(&b.id)?;
            if old.as_ref() == Some(&b.hash) {
                continue;
            }
            if let Some(old) = old {
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
                i.dirty.clear();
                return Ok((Vec::new(), previous));
            }
            // From now on state.json names tables: every table with buckets is written.
            i.dirty = i.loaded.keys().cloned().collect();
        }
        let Inner {
            roots,
            packs,
            loaded,
            dirty,
        } = &mut *i;
        // By hex digit, then kind: the tables of one name's records (`t-k3` and its plaintexts'
        // `t-v3`) share a pack when many are written at once, so one read brings both.
        let mut changed: Vec<String> = std::mem::take(dirty)
            .into_iter()
            .filter(|t| loaded.contains_key(t))
            .collect();
        changed.sort_by(|a, b| (&a[3..], &a[2..3]).cmp(&(&b[3..], &b[2..3])));
        // Each new pack takes a slot no unchanged table's pack holds (at most 64 packs live, and
        // at most 16 new ones: slots stay under 80).
        let mut taken: BTreeSet<String> = roots
            .iter()
            .filter(|(t, _)| !changed.contains(t))
            .filter_map(|(_, r)| match r {
                Root::Packed(p) => Some(p.clone()),
                Root::Alone(_) => None,
            })
            .collect();
        let mut out = Vec::new();
        for chunk in changed.chunks(PACK_MAX) {
            let pack: BTreeMap<&String, &BTreeMap<String, String>> = chunk
                .iter()
                .filter_map(|t| loaded.get_key_value(t))
                .collect();
            let mut bytes = serde_json::to_vec_pretty(&pack)
                .map_err(|e| Error::bug(format!("cannot serialize a table pack: {e}")))?;
            bytes.push(b'\n');
            let hash = records::sha256_hex(&bytes);
            let id = (0..)
                .map(pack_id)
                .find(|p| !taken.contains(p))
                .ok_or_else(|| Error::bug("no pack slot"))?;
            taken.insert(id.clone());
            for t in chunk {
                if let Some(Root::Alone(old)) = roots.insert(t.clone(), Root::Packed(id.clone())) {
                    previous.insert(t.clone(), old);
                }
            }
            // A slot whose every table moved takes a new pack: its old bytes go.
            if let Some(old) = packs.insert(id.clone(), hash) {
                previous.insert(id.clone(), old);
            }
            out.push(BucketBytes::new(id, bytes));
        }
        // A pack no table names any more goes.
        let live: BTreeSet<&String> = roots
            .values()
            .filter_map(|r| match r {
                Root::Packed(p) => Some(p),
                Root::Alone(_) => None,
            })
            .collect();
        let gone: Vec<String> = packs
            .keys()
            .filter(|p| !live.contains(p))
            .cloned()
            .collect();
        for p in gone {
            if let Some(h) = packs.remove(&p) {
                previous.insert(p, h);
            }
        }
        Ok((out, previous))
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

    /// `t`'s state.json members `tables` and `packs`.
    fn named(t: &Tables) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
        let m = members(t);
        let get = |k: &str| serde_json::from_value(m[k].clone()).unwrap_or_default();
        (get("tables"), get("packs"))
    }

    fn store_all(store: &Store, written: &[BucketBytes]) {
        for b in written {
            store.borrow_mut().insert(b.id.clone(), b.bytes.clone());
        }
    }

    #[test]
    fn a_small_home_names_its_buckets_itself_and_a_larger_one_writes_tables_in_packs() {
        let store: Store = Rc::default();
        let flat: BTreeMap<String, String> =
            [("k-31".to_string(), h(1)), ("i-02".to_string(), h(2))].into();
        let t = Tables::flat(flat.clone()).unwrap();
        t.set_loader(loader(&store));
        assert!(t.has_kind("k") && !t.has_kind("v"));
        let (tables, previous) = t.stage(&[]).unwrap();
        assert!(tables.is_empty() && previous.is_empty());
        assert_eq!(members(&t), serde_json::json!({ "buckets": flat }));
        // Past INLINE_MAX buckets: every table with buckets is written, PACK_MAX to a pack,
        // and named.
        let more: Vec<BucketBytes> = (0..INLINE_MAX)
            .map(|n| BucketBytes::new(format!("v-{n:02x}"), format!("{n}").into_bytes()))
            .collect();
        let (packs, previous) = t.stage(&more).unwrap();
        assert_eq!(packs.len(), 2, "six tables, four to a pack");
        assert!(packs.iter().all(|p| is_pack_id(&p.id)));
        assert!(previous.is_empty());
        store_all(&store, &packs);
        assert!(members(&t).get("buckets").is_none());
        let (roots, named_packs) = named(&t);
        let want: BTreeSet<&str> = ["t-k3", "t-i0", "t-v0", "t-v1", "t-v2", "t-v3"].into();
        assert_eq!(
            roots.keys().map(String::as_str).collect::<BTreeSet<_>>(),
            want
        );
        assert_eq!(named_packs.len(), 2);
        assert!(roots.values().all(|p| named_packs.contains_key(p)));
        let back = with_loader(
            Tables::stored(roots.clone(), named_packs.clone()).unwrap(),
            &store,
        );
        assert_eq!(back.hash("k-31").unwrap(), Some(h(1)));
        assert_eq!(back.hash("k-32").unwrap(), None);
        assert_eq!(back.hash("c-32").unwrap(), None, "no table: no bucket");
        assert_eq!(back.all().unwrap().len(), 2 + INLINE_MAX + 2);
        // A new bucket in t-k3: that table alone goes to a new pack; its old pack stays, since
        // other tables are still in it.
        let nb = BucketBytes::new("k-3a".into(), b"{}\n".to_vec());
        let (packs, previous) = back.stage(std::slice::from_ref(&nb)).unwrap();
        assert_eq!(packs.len(), 1);
        assert!(previous.is_empty(), "{previous:?}");
        let (r2, p2) = named(&back);
        assert_eq!(r2["t-k3"], packs[0].id);
        assert_eq!(p2.len(), 3);
        // Once every table of a pack is elsewhere, the pack is retired.
        store_all(&store, &packs);
        let old = &roots["t-i0"];
        let rest: Vec<BucketBytes> = roots
            .iter()
            .filter(|(t, p)| *p == old && t.as_str() != "t-k3")
            .map(|(t, _)| BucketBytes::new(format!("{}-{}0", &t[2..3], &t[3..]), b"x".to_vec()))
            .collect();
        let (_, previous) = back.stage(&rest).unwrap();
        assert_eq!(previous.get(old), named_packs.get(old), "{previous:?}");
        assert_ne!(named(&back).1.get(old), named_packs.get(old));
        // A pack swapped for another, or edited, fails its hash.
        let (p0, p1) = (&roots["t-k3"], &roots["t-v3"]);
        let p0 = if p0 == p1 { &roots["t-i0"] } else { p0 };
        let other = store.borrow()[p1].clone();
        store.borrow_mut().insert(p0.clone(), other);
        let swapped = with_loader(
            Tables::stored(roots.clone(), named_packs.clone()).unwrap(),
            &store,
        );
        let probe = if p0 == &roots["t-k3"] { "k-31" } else { "i-02" };
        let e = swapped.hash(probe).unwrap_err();
        assert_eq!(e.kind().exit_code(), 3);
        assert!(
            e.message().contains(&format!("bucket table {p0}")),
            "{}",
            e.message()
        );
        // A pack whose hash matches but whose table names a bucket of another table is refused.
        let mut bad = b"{\n  \"t-k3\": {\n    \"k-41\": \"".to_vec();
        bad.extend(h(1).as_bytes());
        bad.extend(b"\"\n  }\n}\n");
        let bh = records::sha256_hex(&bad);
        let bid = pack_id(0x3f);
        store.borrow_mut().insert(bid.clone(), bad);
        let bad_state = Tables::stored(
            [("t-k3".to_string(), bid.clone())].into(),
            [(bid.clone(), bh)].into(),
        );
        let e = with_loader(bad_state.unwrap(), &store)
            .hash("k-31")
            .unwrap_err();
        assert!(
            e.message().contains("bucket table p-3f "),
            "{}",
            e.message()
        );
        // state.json naming something that is not a table, a pack it does not list, or a pack
        // no table is in, is corrupt.
        let mut r = roots.clone();
        r.insert("k-31".into(), h(1));
        assert!(Tables::stored(r, named_packs.clone()).is_err());
        let mut r = roots.clone();
        r.insert("t-c0".into(), pack_id(0xee));
        assert!(Tables::stored(r, named_packs.clone()).is_err());
        let mut p = named_packs.clone();
        p.insert(pack_id(0xee), h(9));
        assert!(Tables::stored(roots, p).is_err());
    }

    #[test]
    fn a_pack_no_table_is_in_goes_and_a_free_slot_is_taken_again() {
        // p-00 holds t-k0 and t-k1, p-01 holds t-k2 and t-k3.
        let store: Store = Rc::default();
        let mut packs = BTreeMap::new();
        for (p, tables) in [("p-00", ["t-k0", "t-k1"]), ("p-01", ["t-k2", "t-k3"])] {
            let pack: BTreeMap<&str, BTreeMap<String, String>> = tables
                .iter()
                .map(|t| (*t, [(format!("k-{}0", &t[3..]), h(1))].into()))
                .collect();
            let bytes = serde_json::to_vec(&pack).unwrap();
            packs.insert(p.to_string(), records::sha256_hex(&bytes));
            store.borrow_mut().insert(p.to_string(), bytes);
        }
        let roots: BTreeMap<String, String> = [
            ("t-k0", "p-00"),
            ("t-k1", "p-00"),
            ("t-k2", "p-01"),
            ("t-k3", "p-01"),
        ]
        .map(|(t, p)| (t.to_string(), p.to_string()))
        .into();
        let t = with_loader(Tables::stored(roots, packs.clone()).unwrap(), &store);
        let b = |id: &str| BucketBytes::new(id.to_string(), id.as_bytes().to_vec());
        // t-k0 and t-k2 change: both old packs still hold a table, so the new one takes p-02.
        let (new, previous) = t.stage(&[b("k-00"), b("k-20")]).unwrap();
        assert_eq!(
            new.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
            ["p-02"]
        );
        assert_eq!(previous.keys().collect::<Vec<_>>(), ["k-00", "k-20"]);
        store_all(&store, &new);
        // t-k1 and t-k3 change: no table is left in p-00 or p-01. The new pack takes slot
        // p-00 again (its old bytes go) and p-01 is dropped.
        let (new, previous) = t.stage(&[b("k-10"), b("k-30")]).unwrap();
        assert_eq!(
            new.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
            ["p-00"]
        );
        assert_eq!(previous.get("p-00"), packs.get("p-00"));
        assert_eq!(previous.get("p-01"), packs.get("p-01"));
        let (roots, now) = named(&t);
        assert_eq!(now.keys().collect::<Vec<_>>(), ["p-00", "p-02"]);
        assert_ne!(now.get("p-00"), packs.get("p-00"));
        assert_eq!(roots["t-k1"], "p-00");
        assert_eq!(roots["t-k0"], "p-02");
        // What the backend removes: everything in `previous` it does not write again.
        let ch = crate::store::backend::Commit {
            state: b"",
            vault: None,
            buckets: &new,
            previous: &previous,
            audit_line: "",
            audit_seq: 1,
        };
        let gone: BTreeSet<&str> = ch.retired().map(|(id, _)| id.as_str()).collect();
        assert_eq!(gone, ["k-10", "k-30", "p-00", "p-01"].into());
    }

    #[test]
    fn a_pack_is_read_once_for_all_its_tables_and_each_is_checked() {
        // p-00 holds t-k0 and t-k1; t-k1 names `second` (k-10 is its own, k-41 is t-k4's).
        let pack = |second: &str| {
            let bytes = format!(
                "{{\"t-k0\":{{\"k-00\":\"{}\"}},\"t-k1\":{{\"{second}\":\"{}\"}}}}",
                h(1),
                h(2)
            )
            .into_bytes();
            let hash = records::sha256_hex(&bytes);
            let reads = Rc::new(RefCell::new(0));
            let r = reads.clone();
            let t = Tables::stored(
                [("t-k0", "p-00"), ("t-k1", "p-00")]
                    .map(|(t, p)| (t.to_string(), p.to_string()))
                    .into(),
                [("p-00".to_string(), hash)].into(),
            )
            .unwrap();
            t.set_loader(Rc::new(move |_: &str, _: &str| {
                *r.borrow_mut() += 1;
                Ok(bytes.clone())
            }));
            (t, reads)
        };
        let (t, reads) = pack("k-10");
        assert_eq!(t.hash("k-00").unwrap(), Some(h(1)));
        assert_eq!(t.hash("k-10").unwrap(), Some(h(2)));
        assert_eq!(*reads.borrow(), 1, "one read for both tables");
        // A table of the pack naming another table's bucket fails the read of either.
        let (t, _) = pack("k-41");
        let e = t.hash("k-00").unwrap_err();
        assert!(
            e.message().contains("bucket table p-00 "),
            "{}",
            e.message()
        );
    }

    #[test]
    fn a_table_stored_alone_moves_into_a_pack_at_its_next_change() {
        // Schema 3: t-k3 stored under its own id, named by its hash.
        let store: Store = Rc::default();
        let mut alone = b"{\n  \"k-31\": \"".to_vec();
        alone.extend(h(1).as_bytes());
        alone.extend(b"\"\n}\n");
        let ah = records::sha256_hex(&alone);
        store.borrow_mut().insert("t-k3".into(), alone);
        let roots: BTreeMap<String, String> = [("t-k3".to_string(), ah.clone())].into();
        let t = with_loader(Tables::stored(roots, BTreeMap::new()).unwrap(), &store);
        assert_eq!(t.hash("k-31").unwrap(), Some(h(1)));
        assert_eq!(t.all().unwrap().get("t-k3"), Some(&ah));
        let nb = BucketBytes::new("k-3a".into(), b"{}\n".to_vec());
        let (packs, previous) = t.stage(std::slice::from_ref(&nb)).unwrap();
        assert_eq!(packs.len(), 1);
        assert_eq!(
            previous.get("t-k3"),
            Some(&ah),
            "the table stored alone goes"
        );
        store_all(&store, &packs);
        let (roots, packs) = named(&t);
        let back = with_loader(Tables::stored(roots, packs).unwrap(), &store);
        assert_eq!(back.hash("k-31").unwrap(), Some(h(1)));
        assert_eq!(back.hash("k-3a").unwrap(), Some(nb.hash));
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
