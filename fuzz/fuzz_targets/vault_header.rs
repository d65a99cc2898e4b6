//! The vault header parser (`vault::parse_header`, what `Vault::open` checks before it derives
//! any key) on arbitrary bytes, and `Vault::open` itself with a key file that never matches.
//!
//! Invariants:
//! - parsing never panics, and a refusal carries a message and exit code 3;
//! - a header that parses has a home id in vauth's alphabet (it becomes a path component);
//! - opening never panics and never succeeds without the right key; it never derives with
//!   Argon2 parameters above the caps (the passphrase file is absent, so a passphrase vault that
//!   got past the header check fails on the missing file, quickly).

#![no_main]

use libfuzzer_sys::fuzz_target;
use vauth::store::vault::{self, Unlock, Vault};

fuzz_target!(|data: &[u8]| {
    match vault::parse_header(data) {
        Ok((home_id, _)) => assert!(vault::valid_home_id(&home_id), "{home_id:?}"),
        Err(e) => {
            assert!(!e.message().is_empty());
            assert_eq!(e.kind().exit_code(), 3);
        }
    }
    let unlock = Unlock {
        passphrase_file: Some("/nonexistent/vauth-fuzz-passphrase".into()),
        can_prompt: false,
        key_dir: "/nonexistent/vauth-fuzz-keys".into(),
        in_ci: false,
    };
    if let Err(e) = Vault::open(data, &unlock) {
        assert!(!e.message().is_empty());
    } else {
        panic!("a vault opened without its key");
    }
});
