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

use crate::env;
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

/// How long a keyring call may take when a person is at the terminal: the keyring daemon may
/// be showing them its own unlock prompt.
pub const PERSON_DEADLINE: Duration = Duration::from_secs(120);
/// After this long a person is told that vauth is waiting for the keyring.
const PATIENCE: Duration = Duration::from_secs(2);

/// Markers of "no keyring here" in a failure's chain: nothing owns (or can be activated as)
/// `org.freedesktop.secrets`, or there is no session bus to ask. A keyring that answers, even
/// with a refusal, is not absent.
const ABSENT_MARKERS: &[&str] = &[
    "ServiceUnknown",
    "NameHasNoOwner",
    // secret-service's `Error::Unavailable`: no bus socket, no such interface.
    "no secret service provider or dbus session found",
    // A stale DBUS_SESSION_BUS_ADDRESS: no socket there, or nothing listens on it (zbus).
    "Failed to connect to address",
    "Connection refused",
];

/// Whether `e` says that no Secret Service (or no session bus) exists, as opposed to one that
/// is locked, refuses, or misbehaves.
fn is_absent(e: &keyring_core::Error) -> bool {
    let keyring_core::Error::PlatformFailure(inner) = e else {
        return false;
    };
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(inner.as_ref());
    while let Some(err) = cur {
        let text = err.to_string();
        if ABSENT_MARKERS.iter().any(|m| text.contains(m)) {
            return true;
        }
        cur = err.source();
    }
    false
}

/// How to unlock a keyring that refused.
const UNLOCK_HINT: &str = "unlock (or create) your login keyring and run the command again: at a \
desktop, log in or unlock it in Passwords and Keys; headless, `printf %s \"$PASSWORD\" | \
gnome-keyring-daemon --replace --unlock --components=secrets`; or use --protect passphrase / \
VAUTH_MASTER_KEY";

/// How a keyring call ended, before it becomes a vauth error.
enum Failure {
    /// No Secret Service or no session bus.
    Absent(String),
    /// Anything else, already an error with its hint.
    Other(Error),
}

/// Run `f` against the OS store on a thread, giving up after [`DEADLINE`] (or
/// [`PERSON_DEADLINE`] when a person may be answering the keyring's own unlock prompt).
fn with_deadline<T: Send + 'static>(
    what: &str,
    f: impl FnOnce(Arc<CredentialStore>) -> keyring_core::Result<T> + Send + 'static,
) -> std::result::Result<T, Failure> {
    let deadline = if crate::prompt::allowed() {
        PERSON_DEADLINE
    } else {
        DEADLINE
    };
    with_store_deadline(what, deadline, os_store, f)
}

fn with_store_deadline<T: Send + 'static>(
    what: &str,
    deadline: Duration,
    store: impl FnOnce() -> keyring_core::Result<Arc<CredentialStore>> + Send + 'static,
    f: impl FnOnce(Arc<CredentialStore>) -> keyring_core::Result<T> + Send + 'static,
) -> std::result::Result<T, Failure> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let r = store().and_then(f);
        let _ = tx.send(r);
    });
    let mut answer = rx.recv_timeout(deadline.min(PATIENCE));
    if answer.is_err() && deadline > PATIENCE {
        if deadline > DEADLINE {
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "vauth: waiting for the OS keyring ({what}); if it asks to be unlocked, unlock it"
            );
        }
        answer = rx.recv_timeout(deadline - PATIENCE);
    }
    match answer {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(keyring_core::Error::NoEntry)) => Err(Failure::Other(
            Error::vault(format!("the OS keyring has no vauth entry ({what})")).hint(
                "the keyring entry was deleted; restore it, or use the protection you re-keyed to",
            ),
        )),
        Ok(Err(e)) if is_absent(&e) => Err(Failure::Absent(e.to_string())),
        Ok(Err(e @ keyring_core::Error::NoStorageAccess(_))) => Err(Failure::Other(
            Error::vault(format!(
                "the OS keyring is locked or refused access ({what}): {e}"
            ))
            .hint(UNLOCK_HINT),
        )),
        Ok(Err(e)) => Err(Failure::Other(
            Error::vault(format!("the OS keyring failed ({what}): {e}"))
                .hint("check your keyring daemon, or use --protect passphrase / VAUTH_MASTER_KEY"),
        )),
        Err(_) => Err(Failure::Other(
            Error::vault(format!(
                "the OS keyring did not answer within {}s ({what})",
                deadline.as_secs()
            ))
            .hint("check your D-Bus session and keyring daemon, or use another protection"),
        )),
    }
}

/// Whether an OS keyring is there to protect a new home: `Ok(false)` when there is no session
/// bus or nothing provides the Secret Service on it (the key-file default applies); `Ok(true)`
/// when a Secret Service answers; an error when the bus or the service misbehaves.
pub fn present() -> Result<bool> {
    if !reachable() {
        return Ok(false);
    }
    match with_deadline("connect", |_s| Ok(())) {
        Ok(()) => Ok(true),
        Err(Failure::Absent(_)) => Ok(false),
        Err(Failure::Other(e)) => Err(e),
    }
}

fn absent_error(why: &str, detail: &str) -> Error {
    Error::vault(format!(
        "{why}: no Secret Service is running on the session bus ({detail})"
    ))
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
    .map_err(|f| match f {
        Failure::Absent(d) => absent_error("the OS keyring cannot store the vault key", &d).hint(
            "start a keyring daemon (e.g. gnome-keyring), or use --protect passphrase, \
             VAUTH_MASTER_KEY or --protect key-file",
        ),
        Failure::Other(e) => e,
    })
}

/// Fetch the key-encryption key for `home_id`.
pub fn get(home_id: &str) -> Result<Zeroizing<[u8; 32]>> {
    let elsewhere = "run where your keyring is running and unlocked, or re-key there with VAUTH_MASTER_KEY/passphrase";
    if !reachable() {
        return Err(Error::vault(
            "the vault is protected by the OS keyring, which is not reachable here",
        )
        .hint(elsewhere));
    }
    let user = home_id.to_string();
    let text = with_deadline("read", move |s| {
        Entry::new_in_store(&s, SERVICE, &user)?
            .get_password()
            .map(Zeroizing::new)
    })
    .map_err(|f| match f {
        Failure::Absent(d) => absent_error(
            "the vault is protected by the OS keyring, which is not running here",
            &d,
        )
        .hint(elsewhere),
        Failure::Other(e) => e,
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

    fn other(f: Failure) -> Error {
        match f {
            Failure::Other(e) => e,
            Failure::Absent(d) => panic!("unexpected absent: {d}"),
        }
    }

    #[test]
    fn mock_store_round_trip_and_missing_entry() {
        let store: Arc<CredentialStore> = keyring_core::mock::Store::new().unwrap();
        let s2 = store.clone();
        let ok = with_store_deadline(
            "store",
            DEADLINE,
            move || Ok(s2),
            |s| Entry::new_in_store(&s, SERVICE, "h").and_then(|e| e.set_password("abc")),
        );
        assert!(ok.is_ok());
        let s3 = store.clone();
        let got = with_store_deadline(
            "read",
            DEADLINE,
            move || Ok(s3),
            |s| Entry::new_in_store(&s, SERVICE, "h").and_then(|e| e.get_password()),
        );
        assert_eq!(got.ok().as_deref(), Some("abc"));
        let e = with_store_deadline(
            "read",
            DEADLINE,
            move || Ok(store),
            |s| Entry::new_in_store(&s, SERVICE, "other").and_then(|e| e.get_password()),
        );
        let e = other(e.err().unwrap());
        assert!(e.message().contains("no vauth entry"));
    }

    #[test]
    fn a_hanging_store_hits_the_deadline() {
        let e = with_store_deadline(
            "read",
            Duration::from_millis(300),
            || {
                std::thread::sleep(Duration::from_secs(2));
                Err(keyring_core::Error::NoEntry)
            },
            |_s| Ok(()),
        );
        let e = other(e.err().unwrap());
        assert!(e.message().contains("did not answer"));
    }

    /// An error shaped like the one a wrapped D-Bus failure displays.
    #[derive(Debug)]
    struct Wrapped(&'static str, Option<Box<Wrapped>>);
    impl std::fmt::Display for Wrapped {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }
    impl std::error::Error for Wrapped {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|w| w as _)
        }
    }

    fn platform(outer: &'static str, inner: &'static str) -> keyring_core::Error {
        keyring_core::Error::PlatformFailure(Box::new(Wrapped(
            outer,
            Some(Box::new(Wrapped(inner, None))),
        )))
    }

    #[test]
    fn absent_service_is_told_from_a_locked_or_broken_one() {
        // What a session bus without any Secret Service answers (zbus, through secret-service).
        assert!(is_absent(&platform(
            "zbus error",
            "org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was \
             not provided by any .service files"
        )));
        assert!(is_absent(&platform(
            "no secret service provider or dbus session found",
            ""
        )));
        // Locked or refusing: an error, never a silent fallback.
        let locked = keyring_core::Error::NoStorageAccess(Box::new(Wrapped(
            "SS Error: object locked",
            None,
        )));
        assert!(!is_absent(&locked));
        assert!(!is_absent(&platform(
            "zbus error",
            "org.freedesktop.DBus.Error.AccessDenied"
        )));
        let e = with_store_deadline(
            "store",
            DEADLINE,
            || Err(locked),
            |_s: Arc<CredentialStore>| Ok(()),
        );
        let e = other(e.err().unwrap());
        assert!(e.message().contains("locked"), "{}", e.message());
        assert!(e.hint_text().unwrap_or("").contains("--replace --unlock"));
        let absent = with_store_deadline(
            "store",
            DEADLINE,
            || Err(platform("zbus error", "ServiceUnknown: nothing here")),
            |_s: Arc<CredentialStore>| Ok(()),
        );
        assert!(matches!(absent, Err(Failure::Absent(_))));
    }
}
