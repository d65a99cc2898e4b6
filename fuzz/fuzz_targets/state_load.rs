//! `State::from_bytes` on arbitrary bytes.
//!
//! Invariants:
//! - loading never panics, and a refusal carries a message;
//! - a state that loads serializes, loads back equal (its buckets through the bytes a commit
//!   would store), and serializes to the same bytes again;
//! - the pure queries the commands run on a loaded state (status, lookups, needed vault entries,
//!   fingerprints, RFC 3339 rendering of its times) do not panic;
//! - the integrity check: arbitrary bytes pass it under the fuzzer's key only when they are
//!   byte for byte what vauth writes; a sealed state loads back equal and passes, fails under
//!   another key, and fails once any byte is flipped.

#![no_main]

use std::collections::BTreeMap;
use std::rc::Rc;

use libfuzzer_sys::fuzz_target;
use time::OffsetDateTime;
use vauth::store::state::State;
use vauth::store::state::records::Loader;
use vauth::timefmt::rfc3339;

const KEY: [u8; 32] = [0x5a; 32];

fuzz_target!(|data: &[u8]| {
    let mut state = match State::from_bytes(data) {
        Ok(s) => s,
        Err(e) => {
            assert!(!e.message().is_empty());
            return;
        }
    };
    // A schema-1 file (every key inline) or schema-2 one (every bucket inline) loads, and is
    // written as schema 3 by the next commit.
    let older = serde_json::from_slice::<serde_json::Value>(data)
        .is_ok_and(|v| v.get("schema").and_then(|s| s.as_u64()).is_none_or(|s| s < 3));

    // The integrity check: arbitrary bytes pass only if they are exactly what vauth writes
    // for this state under the key; a sealed state passes, under another key or edited it fails.
    if State::check_integrity(data, &KEY).is_ok() && !older {
        let mut again = state.clone();
        assert_eq!(again.to_sealed_bytes(&KEY).expect("seal"), data, "a passing file is the one vauth writes");
    }

    // A state naming stored tables or buckets: there is nothing here to read them from.
    if !state.tables.is_empty() {
        return;
    }

    // What a commit stores: the changed buckets (the id index brought up to date first), the
    // tables naming each by hash, and state.json naming the tables. Loaded back through those
    // bytes, the records are the same.
    state.update_id_index().expect("id index");
    let mut written = state.api_keys.dirty_bytes().expect("key buckets");
    written.extend(state.ids.dirty_bytes().expect("id buckets"));
    written.extend(state.certs.dirty_bytes().expect("certificate buckets"));
    let (tables, _) = state.tables.stage(&written).expect("tables");
    written.extend(tables);
    let store: BTreeMap<String, Vec<u8>> =
        written.iter().map(|b| (b.id.clone(), b.bytes.clone())).collect();
    let loader: Loader = Rc::new(move |id: &str, _h: &str| {
        store
            .get(id)
            .cloned()
            .ok_or_else(|| vauth::store::state::records::bucket_tampered(id))
    });

    let mut sealed = state.clone();
    let raw = sealed.to_sealed_bytes(&KEY).expect("seal");
    let mut back = State::from_bytes(&raw).expect("a sealed state loads");
    back.set_loader(loader.clone());
    assert_eq!(back.to_bytes().expect("ser"), sealed.to_bytes().expect("ser"), "sealing changed the state");
    assert!(
        back.api_keys.same_as(&state.api_keys).expect("buckets load back"),
        "the buckets do not load back to the same keys"
    );
    assert!(
        back.certs.same_as(&state.certs).expect("certificate buckets load back"),
        "the buckets do not load back to the same certificates"
    );
    State::check_integrity(&raw, &KEY)
        .unwrap_or_else(|e| panic!("a sealed state fails its check: {}", e.message()));
    assert!(State::check_integrity(&raw, &[0xa5; 32]).is_err(), "another key passes");
    let mut edited = raw.clone();
    edited[raw.len() / 2] ^= 1;
    assert!(State::check_integrity(&edited, &KEY).is_err(), "an edit passes");
    state.integrity = None;

    let bytes = state
        .to_bytes()
        .unwrap_or_else(|e| panic!("a loaded state does not serialize: {}", e.message()));
    let again = State::from_bytes(&bytes).unwrap_or_else(|e| {
        panic!(
            "serialized state does not load back: {}\n{}",
            e.message(),
            String::from_utf8_lossy(&bytes)
        )
    });
    let bytes2 = again
        .to_bytes()
        .unwrap_or_else(|e| panic!("reloaded state does not serialize: {}", e.message()));
    assert_eq!(bytes, bytes2, "serialization is not stable");

    // What `key list`, `key show`, `key verify` and `status` do with a loaded state.
    let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).expect("valid timestamp");
    let _ = state.needed_jwt_entries(now);
    let _ = rfc3339(state.created);
    for k in back.api_keys.values().expect("keys") {
        let _ = k.status(now).as_str();
        let _ = k.current();
        let _ = k.latest();
        let _ = rfc3339(k.created);
        for v in &k.versions {
            let _ = v.status(now).is_valid();
            let _ = v.vault_entry(&k.name);
            let _ = v.fingerprint();
            let _ = rfc3339(v.created);
            for t in [v.expires, v.grace_until, v.revoked_at].into_iter().flatten() {
                let _ = rfc3339(t);
            }
            if let Some(id) = &v.id {
                assert!(back.find_by_id(id).expect("id lookup").is_some());
            }
            assert!(back.find_by_digest(&v.sha256).expect("digest lookup").is_some());
        }
    }
    for i in state.api_keys.loaded() {
        let _ = state.settle_bucket(i, now, true).expect("settle");
    }
});
