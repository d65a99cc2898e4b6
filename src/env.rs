//! The one place that reads the process environment.
//!
//! Every variable vauth reads is a documented constant here (the README's table is checked against
//! [`DOCUMENTED`] by a test). Other modules call [`get`] / [`is_set`]; nothing else reads `std::env`.

use std::ffi::OsString;

/// Home directory override (same as `--home`).
pub const VAUTH_HOME: &str = "VAUTH_HOME";
/// Base64 of 32 random bytes that wraps the vault's data key (for CI secret stores).
pub const VAUTH_MASTER_KEY: &str = "VAUTH_MASTER_KEY";
/// Path of a file holding the vault passphrase (same as `--passphrase-file`).
pub const VAUTH_PASSPHRASE_FILE: &str = "VAUTH_PASSPHRASE_FILE";
/// Seconds to wait for the home's lock before giving up (default 60).
pub const VAUTH_LOCK_TIMEOUT: &str = "VAUTH_LOCK_TIMEOUT";
/// When set (to anything), vauth never creates a home implicitly and never creates a key file.
pub const CI: &str = "CI";
/// Base of the default home (`$XDG_DATA_HOME/vauth`).
pub const XDG_DATA_HOME: &str = "XDG_DATA_HOME";
/// Base of the key-file directory (`$XDG_CONFIG_HOME/vauth/keys`).
pub const XDG_CONFIG_HOME: &str = "XDG_CONFIG_HOME";
/// Fallback base for the XDG directories.
pub const HOME: &str = "HOME";
/// Disables color when set.
pub const NO_COLOR: &str = "NO_COLOR";
/// Where `--format github` appends step outputs.
pub const GITHUB_OUTPUT: &str = "GITHUB_OUTPUT";
/// Session bus address; its absence means the OS keyring is not reachable.
pub const DBUS_SESSION_BUS_ADDRESS: &str = "DBUS_SESSION_BUS_ADDRESS";
/// Runtime directory; `$XDG_RUNTIME_DIR/bus` is the default session bus.
pub const XDG_RUNTIME_DIR: &str = "XDG_RUNTIME_DIR";
/// The PostgreSQL home's login password (libpq's variable); never passed on to hooks.
pub const PGPASSWORD: &str = "PGPASSWORD";
/// The user name recorded as the audit actor.
pub const USER: &str = "USER";

/// CI job identifiers recorded in audit lines, in the order they are tried.
pub const CI_JOB_VARS: &[&str] = &[
    "GITHUB_RUN_ID",
    "CI_JOB_ID",
    "BUILDKITE_JOB_ID",
    "CIRCLE_WORKFLOW_JOB_ID",
    "BUILD_ID",
];

/// The variables a user may set, with one line each (README table).
pub const DOCUMENTED: &[(&str, &str)] = &[
    (
        VAUTH_HOME,
        "home directory or postgresql:// URL (default $XDG_DATA_HOME/vauth)",
    ),
    (
        VAUTH_MASTER_KEY,
        "base64 of 32 random bytes; protects the vault (CI)",
    ),
    (VAUTH_PASSPHRASE_FILE, "file holding the vault passphrase"),
    (
        VAUTH_LOCK_TIMEOUT,
        "seconds to wait for the home's lock (60)",
    ),
    (CI, "set: no implicit home, no key file, no prompts"),
    (XDG_DATA_HOME, "base of the default home"),
    (XDG_CONFIG_HOME, "base of the key-file directory"),
    (NO_COLOR, "set: no color"),
    (GITHUB_OUTPUT, "file that --format github appends to"),
];

/// The value of `name` when it is set and valid UTF-8 and not empty.
#[allow(clippy::disallowed_methods)]
pub fn get(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The raw value of `name`.
#[allow(clippy::disallowed_methods)]
pub fn get_os(name: &str) -> Option<OsString> {
    std::env::var_os(name).filter(|v| !v.is_empty())
}

/// The names of every variable set in the environment that start with `prefix` (for `--exec`
/// hooks, which must not inherit vauth's own secrets).
pub fn names_with_prefix(prefix: &str) -> Vec<OsString> {
    std::env::vars_os()
        .map(|(k, _)| k)
        .filter(|k| k.as_encoded_bytes().starts_with(prefix.as_bytes()))
        .collect()
}

/// Whether `name` is set to a non-empty value.
pub fn is_set(name: &str) -> bool {
    get_os(name).is_some()
}

/// Whether this run is inside a CI system (`CI` set and not "false"/"0").
pub fn in_ci() -> bool {
    match get(CI) {
        Some(v) => !matches!(v.to_ascii_lowercase().as_str(), "false" | "0" | "no"),
        None => is_set(CI),
    }
}
