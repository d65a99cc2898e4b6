//! The credential lifecycle, below the verbs: what `key`, `jwt`, `cert`, `push`, `rotate` and
//! `target` share. Create a version, push it to a target, probe it, record what the database now
//! holds, revoke, and the rotation journal. Commands call it; it never imports `commands`, and it
//! takes the clock and the home (`Session`) as arguments, never the command line.

pub mod apply;
pub mod certs;
pub mod journal;
pub mod jwt;
pub mod keys;
pub mod made;
pub mod push;
pub mod remote;
pub mod revoke;
pub mod rotation;
pub mod targets;
pub mod verify;

use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::timefmt::{Span, rfc3339};

/// The grace of a rotated API key's predecessor when neither the command, the policy nor
/// vauth.toml says.
pub const DEFAULT_GRACE: Span = Span::from_seconds(24 * 3600);

/// The version after `last` (1 when there is none). Versions are `u32` in state.json; one at
/// `u32::MAX` cannot have a successor (it would wrap to 0 and alias the first), and no honest
/// history gets there, so it is corruption: exit 3, nothing changed.
pub fn next_version(what: &str, last: Option<u32>) -> Result<u32> {
    match last {
        None => Ok(1),
        Some(v) => v.checked_add(1).ok_or_else(|| {
            Error::state(format!(
                "{what} is at version {v}, the largest there can be: state.json is corrupt"
            ))
            .hint("restore state.json from git or a backup; vauth will not wrap the version to 0")
        }),
    }
}

/// The expiry of a successor made at `now` with the lifetime of a version created at `created`
/// that expires at `expires`. A lifetime that cannot be added again (a version made to expire in
/// year 9999) is refused (exit 2) rather than overflowing the clock.
pub fn same_lifetime(
    now: OffsetDateTime,
    created: OffsetDateTime,
    expires: Option<OffsetDateTime>,
) -> Result<Option<OffsetDateTime>> {
    let Some(e) = expires else {
        return Ok(None);
    };
    now.checked_add(e - created).map(Some).ok_or_else(|| {
        Error::usage(format!(
            "the current version's lifetime (until {}) cannot be given to a successor made now",
            rfc3339(e)
        ))
        .hint("pass --expires TIME for the new version")
    })
}
