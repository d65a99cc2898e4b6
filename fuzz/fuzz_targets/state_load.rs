//! `State::from_bytes` on arbitrary bytes.
//!
//! Invariants:
//! - loading never panics, and a refusal carries a message;
//! - a state that loads serializes, loads back equal, and serializes to the same bytes again;
//! - the pure queries the commands run on a loaded state (status, lookups, needed vault entries,
//!   fingerprints, RFC 3339 rendering of its times) do not panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use time::OffsetDateTime;
use vauth::store::state::State;
use vauth::timefmt::rfc3339;

fuzz_target!(|data: &[u8]| {
    let state = match State::from_bytes(data) {
        Ok(s) => s,
        Err(e) => {
            assert!(!e.message().is_empty());
            return;
        }
    };

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
    assert_eq!(state, again, "round trip changed the state");
    let bytes2 = again
        .to_bytes()
        .unwrap_or_else(|e| panic!("reloaded state does not serialize: {}", e.message()));
    assert_eq!(bytes, bytes2, "serialization is not stable");

    // What `key list`, `key show`, `key verify` and `status` do with a loaded state.
    let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).expect("valid timestamp");
    let _ = state.needed_key_entries(now);
    let _ = rfc3339(state.created);
    for k in state.api_keys.values() {
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
                assert!(state.find_by_id(id).is_some());
            }
            assert!(state.find_by_digest(&v.sha256).is_some());
        }
    }
});
