//! The OS keyring as a vault protection: one entry (`service = "vauth"`, `user = <home-id>`)
//! holding the key-encryption key, through the keyring crate family (keyring-core + the platform
//! store). Every call runs on its own thread under a deadline, because a broken D-Bus session can
//! hang forever. Nothing else in vauth talks to the keyring.

use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use keyring_core::{CredentialStore, Entry};
use zeroize::Zeroizing;

use crate::config::env;
use crate::error::{Error, Result};

/// The service name of vauth's keyring entries.
pub const SERVICE: &str = "vauth";
/// How long any keyring call may take.
pub const DEADLINE: Duration = Duration::from_secs(5);

/// Whether a session bus is reachable at all (cheap; no D-Bus traffic).
pub fn reachable() -> bool {
    if cfg!(any(target_os = "macos", target_os = "windows")) {
        return false; // not wired up yet on these platforms; see README
    }
    env::is_set(env::DBUS_SESSION_BUS_ADDRESS)
        || env::get_os(env::XDG_RUNTIME_DIR)
            .map(|d| std::path::Path::new(&d).join("bus").exists())
            .unwrap_or(false)
}

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
fn os_store() -> keyring_core::Result<Arc<CredentialStore>> {
    let s: Arc<CredentialStore> = zbus_secret_service_keyring_store::Store::new()?;
    Ok(s)
}

#[cfg(not(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
)))]
fn os_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Err(keyring_core::Error::NotSupportedByStore(
        "vauth's keyring protection supports the Secret Service only for now".into(),
    ))
}

/// Run `f` against the OS store on a thread, giving up after [`DEADLINE`].
fn with_deadline<T: Send + 'static>(
    what: &str,
    f: impl FnOnce(Arc<CredentialStore>) -> keyring_core::Result<T> + Send + 'static,
) -> Result<T> {
    with_store_deadline(what, os_store, f)
}

fn with_store_deadline<T: Send + 'static>(
    what: &str,
    store: impl FnOnce() -> keyring_core::Result<Arc<CredentialStore>> + Send + 'static,
    f: impl FnOnce(Arc<CredentialStore>) -> keyring_core::Result<T> + Send + 'static,
) -> Result<T> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let r = store().and_then(f);
        let _ = tx.send(r);
    });
    match rx.recv_timeout(DEADLINE) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(keyring_core::Error::NoEntry)) => Err(Error::vault(format!(
            "the OS keyring has no vauth entry ({what})"
        ))
        .hint("the keyring entry was deleted; restore it, or use the protection you re-keyed to")),
        Ok(Err(e)) => Err(Error::vault(format!("the OS keyring failed ({what}): {e}"))
            .hint("unlock your keyring, or use --protect passphrase / VAUTH_MASTER_KEY")),
        Err(_) => Err(Error::vault(format!(
            "the OS keyring did not answer within {}s ({what})",
            DEADLINE.as_secs()
        ))
        .hint("check your D-Bus session and keyring daemon, or use another protection")),
    }
}

/// Store the key-encryption key for `home_id`.
pub fn set(home_id: &str, kek: &[u8; 32]) -> Result<()> {
    if !reachable() {
        return Err(
            Error::vault("no OS keyring is reachable (no D-Bus session bus)")
                .hint("use --protect passphrase, VAUTH_MASTER_KEY or --protect key-file"),
        );
    }
    let user = home_id.to_string();
    let value = Zeroizing::new(B64.encode(kek));
    with_deadline("store", move |s| {
        let e = Entry::new_in_store(&s, SERVICE, &user)?;
        e.set_password(&value)
    })
}

/// Fetch the key-encryption key for `home_id`.
pub fn get(home_id: &str) -> Result<Zeroizing<[u8; 32]>> {
    if !reachable() {
        return Err(Error::vault(
            "the vault is protected by the OS keyring, which is not reachable here",
        )
        .hint("run where your keyring is unlocked, or re-key with VAUTH_MASTER_KEY/passphrase"));
    }
    let user = home_id.to_string();
    let text = with_deadline("read", move |s| {
        Entry::new_in_store(&s, SERVICE, &user)?
            .get_password()
            .map(Zeroizing::new)
    })?;
    let raw = Zeroizing::new(B64.decode(text.trim()).unwrap_or_default());
    let arr: [u8; 32] = raw.as_slice().try_into().map_err(|_| {
        Error::vault("the OS keyring's vauth entry is corrupt").hint("restore the keyring entry")
    })?;
    Ok(Zeroizing::new(arr))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mock_store_round_trip_and_missing_entry() {
        let store: Arc<CredentialStore> = keyring_core::mock::Store::new().unwrap();
        let s2 = store.clone();
        with_store_deadline(
            "store",
            move || Ok(s2),
            |s| Entry::new_in_store(&s, SERVICE, "h").and_then(|e| e.set_password("abc")),
        )
        .unwrap();
        let s3 = store.clone();
        let got = with_store_deadline(
            "read",
            move || Ok(s3),
            |s| Entry::new_in_store(&s, SERVICE, "h").and_then(|e| e.get_password()),
        )
        .unwrap();
        assert_eq!(got, "abc");
        let e = with_store_deadline(
            "read",
            move || Ok(store),
            |s| Entry::new_in_store(&s, SERVICE, "other").and_then(|e| e.get_password()),
        )
        .unwrap_err();
        assert!(e.message().contains("no vauth entry"));
    }

    #[test]
    fn a_hanging_store_hits_the_deadline() {
        // The deadline is 5 s; the store below sleeps longer.
        let e = with_store_deadline(
            "read",
            || {
                std::thread::sleep(DEADLINE + Duration::from_secs(1));
                Err(keyring_core::Error::NoEntry)
            },
            |_s| Ok(()),
        )
        .unwrap_err();
        assert!(e.message().contains("did not answer"));
    }
}
