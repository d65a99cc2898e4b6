//! What a commit settles in the registry: the id index follows the API keys that changed, and
//! each loaded bucket of API keys says which plaintexts its vault bucket still needs (a kept
//! version that is no longer valid stops being kept, and its plaintext is erased).
//!
//! A bucket is settled whole when it is due (`State::sweep`: a kept plaintext's grace, expiry
//! or scheduled revocation has come) or when the rotation journal changed for it; otherwise
//! only the records this command read or changed are judged. The rest are as the last commit settled them, and none of their times has come
//! (the bucket is not due), so their plaintexts stay: a command that touches one name of a
//! bucket of 400 parses one record, not 400.

use std::collections::BTreeSet;
use std::rc::Rc;

use time::OffsetDateTime;

use super::records::{Loader, bucket_id, bucket_index, bucket_of};
use super::tables::Tables;
use super::{APIKEY_PREFIX, KeyVersion};
use crate::error::Result;

/// What one settled bucket of API keys needs from its vault bucket.
#[derive(Debug, Default)]
pub struct Settled {
    /// The plaintexts still needed (`apikey/NAME/vN`).
    pub needed: BTreeSet<String>,
    /// The names judged (None: every name of the bucket): the plaintexts of other names stay
    /// as they are.
    pub judged: Option<BTreeSet<String>>,
}

impl Settled {
    /// Whether the vault entry `entry` stays.
    pub fn keeps(&self, entry: &str) -> bool {
        if self.needed.contains(entry) {
            return true;
        }
        let Some(judged) = &self.judged else {
            return false;
        };
        let name = entry
            .strip_prefix(APIKEY_PREFIX)
            .and_then(|r| r.rsplit_once('/'))
            .map(|(n, _)| n);
        name.is_none_or(|n| !judged.contains(n))
    }
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
    /// [`super::State::settle_bucket`]): for each whose records changed, what its vault bucket
    /// keeps. `journal_changed` names buckets whose rotation-journal entries changed.
    pub fn settle(
        &mut self,
        now: OffsetDateTime,
        journal_changed: &BTreeSet<usize>,
    ) -> Result<Vec<(usize, Settled)>> {
        // Buckets holding a plaintext whose time is up are settled whether touched or not.
        let due: BTreeSet<usize> = self
            .sweep
            .iter()
            .filter(|(_, t)| **t <= now.unix_timestamp())
            .filter_map(|(id, _)| bucket_index(super::KEYS, id))
            .collect();
        for &i in &due {
            self.api_keys.load_bucket(i)?;
        }
        let mut out = Vec::new();
        for i in self.api_keys.loaded() {
            let whole = due.contains(&i) || journal_changed.contains(&i);
            let settled = self.settle_bucket(i, now, whole)?;
            if self.api_keys.is_dirty(i) || journal_changed.contains(&i) {
                out.push((i, settled));
            }
        }
        Ok(out)
    }

    /// Names of the main vault's entries the registry still needs at `now`: private parts of
    /// JWT signing keys that are active or in grace. Anything else under `jwt/` is dropped.
    pub fn needed_jwt_entries(&self, now: OffsetDateTime) -> BTreeSet<String> {
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

    /// Settle the loaded bucket `i` of API keys at `now` — every record when `whole`, else the
    /// ones read or changed so far — and return the vault entries it needs: plaintexts of kept
    /// versions that are active or in grace, and of successors the rotation journal holds. A
    /// kept version whose plaintext is no longer needed (revoked, retired, expired) becomes not
    /// kept, and the bucket is marked changed, so `kept` tells the truth and the vault drops
    /// the rest at commit.
    pub fn settle_bucket(&mut self, i: usize, now: OffsetDateTime, whole: bool) -> Result<Settled> {
        let mut needed: BTreeSet<String> = self
            .rotations
            .iter()
            .filter(|(name, _)| bucket_of(name) == i)
            .map(|(name, r)| format!("{APIKEY_PREFIX}{name}/{}", r.to_version))
            .collect();
        let mut next: Option<OffsetDateTime> = None;
        let seen = self.api_keys.each_mut(i, whole, |name, k| {
            let mut flipped = false;
            for v in &mut k.versions {
                if !v.kept {
                    continue;
                }
                let entry = v.vault_entry(name);
                if v.status(now).is_valid() || needed.contains(&entry) {
                    needed.insert(entry);
                    // When this one stops being valid, the bucket is settled again.
                    for t in ends(v).filter(|t| *t > now) {
                        next = Some(next.map_or(t, |n| n.min(t)));
                    }
                } else {
                    v.kept = false;
                    flipped = true;
                }
            }
            flipped
        })?;
        let id = bucket_id(super::KEYS, i);
        let earliest = |t: i64| match self.sweep.get(&id) {
            Some(&old) if !whole => old.min(t),
            _ => t,
        };
        match next {
            Some(t) => {
                let t = earliest(t.unix_timestamp());
                self.sweep.insert(id, t);
            }
            // Only a whole settle knows that nothing in the bucket has a time to come.
            None if whole => {
                self.sweep.remove(&id);
            }
            None => {}
        }
        Ok(Settled {
            needed,
            judged: (!whole).then_some(seen),
        })
    }

    /// Find a version by its public id: (key, version), through the id index.
    pub fn find_by_id(&self, id: &str) -> Result<Option<(&super::ApiKey, &KeyVersion)>> {
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

/// The times at which a kept version stops being valid.
fn ends(v: &KeyVersion) -> impl Iterator<Item = OffsetDateTime> {
    [v.grace_until, v.expires, v.revoked_at]
        .into_iter()
        .flatten()
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::BTreeMap;

    use super::*;
    use crate::store::state::tests::version;
    use crate::store::state::{ApiKey, State};

    fn t(s: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_700_000_000 + s).unwrap()
    }

    fn key(name: &str, v: KeyVersion) -> ApiKey {
        ApiKey {
            name: name.into(),
            prefix: None,
            scopes: Vec::new(),
            labels: BTreeMap::new(),
            created: t(0),
            versions: vec![v],
        }
    }

    /// Two names of one bucket.
    fn pair() -> (String, String) {
        let a = "a".to_string();
        let b = (0..)
            .map(|n| format!("b{n}"))
            .find(|n| bucket_of(n) == bucket_of(&a))
            .unwrap();
        (a, b)
    }

    #[test]
    fn the_vault_keeps_what_is_needed_and_what_was_not_judged() {
        let s = Settled {
            needed: ["apikey/a/2".to_string()].into(),
            judged: Some(["a".to_string()].into()),
        };
        assert!(s.keeps("apikey/a/2"));
        assert!(!s.keeps("apikey/a/1"));
        assert!(s.keeps("apikey/b/1"), "b was not judged");
        assert!(s.keeps("cert/c/01/key"), "not an API-key plaintext");
        let whole = Settled { judged: None, ..s };
        assert!(!whole.keeps("apikey/b/1"));
    }

    /// A stored bucket holding `a` (grace until `t(100)`) and `b` (no end), read back lazily.
    fn stored_pair() -> (State, String, String, Vec<u8>) {
        let (a, b) = pair();
        let mut s = State::new("homeid0000000001".into(), t(0));
        let mut va = version(1);
        va.grace_until = Some(t(100));
        s.api_keys.insert(a.clone(), key(&a, va)).unwrap();
        let mut vb = version(1);
        vb.id = Some("id000002".into());
        s.api_keys.insert(b.clone(), key(&b, vb)).unwrap();
        s.update_id_index().unwrap();
        let mut written = s.api_keys.dirty_bytes().unwrap();
        written.extend(s.ids.dirty_bytes().unwrap());
        let (tables, _) = s.tables.stage(&written).unwrap();
        written.extend(tables);
        let bucket = written
            .iter()
            .find(|w| w.id == bucket_id(super::super::KEYS, bucket_of(&a)))
            .unwrap()
            .bytes
            .clone();
        let store: BTreeMap<String, Vec<u8>> =
            written.into_iter().map(|w| (w.id, w.bytes)).collect();
        let store = Rc::new(RefCell::new(store));
        let mut back = State::from_bytes(&s.to_bytes().unwrap()).unwrap();
        back.set_loader(Rc::new(move |id: &str, _h: &str| {
            Ok(store.borrow().get(id).cloned().unwrap_or_default())
        }));
        (back, a, b, bucket)
    }

    #[test]
    fn a_touched_record_is_settled_alone_and_the_others_are_written_as_read() {
        let (mut s, a, b, stored) = stored_pair();
        let i = bucket_of(&a);
        // a's grace is over: changing a settles a and judges only a.
        s.api_keys
            .get_mut(&a)
            .unwrap()
            .unwrap()
            .labels
            .insert("x".into(), "y".into());
        let settled = s.settle_bucket(i, t(200), false).unwrap();
        assert_eq!(settled.judged, Some([a.clone()].into()));
        assert!(settled.needed.is_empty());
        assert!(!settled.keeps(&format!("apikey/{a}/1")));
        assert!(
            settled.keeps(&format!("apikey/{b}/1")),
            "b's plaintext stays"
        );
        assert!(!s.api_keys.get(&a).unwrap().unwrap().versions[0].kept);
        // b was never parsed: its record is copied as it was stored.
        let out = s.api_keys.dirty_bytes().unwrap();
        let text = String::from_utf8(out[0].bytes.clone()).unwrap();
        let old = String::from_utf8(stored).unwrap();
        let b_part = |t: &str| t[t.find(&format!("\"{b}\"")).unwrap()..].to_string();
        assert_eq!(b_part(&text), b_part(&old));
        assert_ne!(text, old);
    }

    #[test]
    fn a_whole_settle_judges_every_record_and_a_partial_one_keeps_the_earliest_sweep() {
        let (mut s, a, b, _) = stored_pair();
        let i = bucket_of(&a);
        let id = bucket_id(super::super::KEYS, i);
        s.sweep.insert(id.clone(), t(50).unix_timestamp());
        // Reading b alone: a's later end does not move the sweep past what was recorded.
        s.api_keys.get(&b).unwrap();
        let settled = s.settle_bucket(i, t(10), false).unwrap();
        assert_eq!(settled.judged, Some([b.clone()].into()));
        assert_eq!(s.sweep[&id], t(50).unix_timestamp());
        // Whole: both judged, a still in grace at t(10), the sweep set to a's end.
        let settled = s.settle_bucket(i, t(10), true).unwrap();
        assert_eq!(settled.judged, None);
        assert_eq!(settled.needed.len(), 2);
        assert_eq!(s.sweep[&id], t(100).unix_timestamp());
        // After a's grace, whole: a stops being kept and nothing is left to sweep for.
        let settled = s.settle_bucket(i, t(200), true).unwrap();
        assert_eq!(settled.needed, [format!("apikey/{b}/1")].into());
        assert!(!s.sweep.contains_key(&id));
        assert!(s.api_keys.is_dirty(i));
    }
}
