//! The one error type, its kinds, and the exit-code table.
//!
//! Every failure a user can cause is an [`Error`] with a kind (which fixes the exit code), one line
//! saying what failed and why, and usually a hint saying what to do. This module must not print:
//! rendering is `output`'s job.

use std::fmt;
use std::process::ExitCode;

/// The exit-code table (README, `vauth --help` and docs/json.md repeat it; a test checks them).
pub const EXIT_TABLE: &[(u8, &str)] = &[
    (0, "success; a check found everything healthy"),
    (
        1,
        "a check answered \"no\": invalid key, failed audit verify",
    ),
    (2, "usage: bad flags or values"),
    (
        3,
        "local state or input: home, config, vault, permissions, no terminal",
    ),
    (4, "remote target refused, unreachable or off-contract"),
    (
        5,
        "done but not delivered: the work is recorded, an output could not be written",
    ),
    (101, "internal bug (panic): please report it"),
];

/// What went wrong, coarsely; decides the exit code and the JSON `kind` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad flags or values that clap could not catch (exit 2).
    Usage,
    /// The home, state.json, vault.toml, audit log or a lock (exit 3).
    State,
    /// The secrets vault could not be opened or decrypted (exit 3).
    Vault,
    /// An input file or stream could not be read (exit 3).
    Input,
    /// A named thing does not exist (exit 3).
    NotFound,
    /// A named thing already exists and `--force` was not given (exit 3).
    Exists,
    /// A question needed a terminal, or a destructive action needed `--yes` (exit 3).
    NoTerminal,
    /// A remote target refused or could not be reached (exit 4).
    Remote,
    /// The work was done (and recorded), but its product could not be delivered: stdout, an
    /// `--out` file or a rotate output failed (exit 5). The message says what was done.
    Undelivered,
    /// A bug in vauth (exit 101).
    Bug,
}

impl ErrorKind {
    /// The process exit code for this kind.
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::Usage => 2,
            ErrorKind::State
            | ErrorKind::Vault
            | ErrorKind::Input
            | ErrorKind::NotFound
            | ErrorKind::Exists
            | ErrorKind::NoTerminal => 3,
            ErrorKind::Remote => 4,
            ErrorKind::Undelivered => 5,
            ErrorKind::Bug => 101,
        }
    }

    /// The stable name used in `--json` error objects.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Usage => "usage",
            ErrorKind::State => "state",
            ErrorKind::Vault => "vault",
            ErrorKind::Input => "input",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Exists => "exists",
            ErrorKind::NoTerminal => "no_terminal",
            ErrorKind::Remote => "remote",
            ErrorKind::Undelivered => "undelivered",
            ErrorKind::Bug => "bug",
        }
    }
}

/// A failure with its kind, a one-line message and an optional hint.
#[derive(Debug, Clone)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    hint: Option<String>,
}

impl Error {
    /// A new error of `kind` with a one-line `message` (no trailing period needed).
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: one_line(message.into()),
            hint: None,
        }
    }

    /// Attach the "what to do" line.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(one_line(hint.into()));
        self
    }

    /// Shorthand constructors.
    pub fn usage(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Usage, message)
    }
    /// A local state problem (exit 3).
    pub fn state(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::State, message)
    }
    /// A vault problem (exit 3).
    pub fn vault(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Vault, message)
    }
    /// An input problem (exit 3).
    pub fn input(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Input, message)
    }
    /// A bug (exit 101).
    pub fn bug(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Bug, message).hint(
            "this is a bug in vauth; please report it with the command you ran (not its secrets)",
        )
    }

    /// An I/O failure on `path` while doing `what`, classified as a local-state error.
    pub fn io(what: &str, path: &std::path::Path, err: &std::io::Error) -> Self {
        let refused = err.get_ref().and_then(|e| e.downcast_ref::<Refused>());
        let hint = match err.kind() {
            _ if refused.is_some() => refused.map_or("", |r| r.hint()),
            std::io::ErrorKind::PermissionDenied => {
                "check the owner and permissions of the file and its directory"
            }
            std::io::ErrorKind::NotFound => "check that the path exists",
            _ => "check the disk and the path, then run the command again",
        };
        Error::state(format!(
            "cannot {what} {}: {}",
            path.display(),
            io_reason(err)
        ))
        .hint(hint)
    }

    /// The kind.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// The one-line message.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The hint, if any.
    pub fn hint_text(&self) -> Option<&str> {
        self.hint.as_deref()
    }
    /// The exit code.
    pub fn exit_code(&self) -> u8 {
        self.kind.exit_code()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// A short reason for an I/O error without the "(os error N)" noise.
pub fn io_reason(err: &std::io::Error) -> String {
    let s = err.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_lowercase(),
        None => s,
    }
}

fn one_line(s: String) -> String {
    if s.contains('\n') {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        s
    }
}

/// How a successful run ended: healthy (0), or a check that answered "no" (1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Ok,
    /// Exit 1: the command ran fine, but the answer is "invalid" / "needs attention".
    Negative,
}

impl Outcome {
    /// The process exit code.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Ok => ExitCode::SUCCESS,
            Outcome::Negative => ExitCode::from(1),
        }
    }
}

/// The crate-wide result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a file or directory of the home was refused, with what to do about it.
///
/// A file: it is a symbolic link, a directory or another special file. vauth never follows a
/// link in its home (git keeps symlinks and the home is meant to be committed, so a pull request
/// could plant `audit.log -> ~/.bashrc`), and never reads or writes anything but a regular file
/// there. A directory (the home, the key directory): it is writable by group or others, who could
/// replace the files in it. [`crate::error::Error::io`] turns it into exit 3 with the hint.
#[derive(Debug)]
pub struct Refused {
    pub(crate) reason: String,
    pub(crate) hint: String,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for Refused {}

impl Refused {
    /// What to do.
    pub fn hint(&self) -> &str {
        &self.hint
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_map_to_the_documented_codes() {
        assert_eq!(ErrorKind::Usage.exit_code(), 2);
        assert_eq!(ErrorKind::Vault.exit_code(), 3);
        assert_eq!(ErrorKind::NoTerminal.exit_code(), 3);
        assert_eq!(ErrorKind::Remote.exit_code(), 4);
        assert_eq!(ErrorKind::Bug.exit_code(), 101);
        let codes: Vec<u8> = EXIT_TABLE.iter().map(|(c, _)| *c).collect();
        assert_eq!(ErrorKind::Undelivered.exit_code(), 5);
        assert_eq!(codes, vec![0, 1, 2, 3, 4, 5, 101]);
    }

    #[test]
    fn messages_stay_on_one_line() {
        let e = Error::state("a\nb").hint("c\n d");
        assert_eq!(e.message(), "a b");
        assert_eq!(e.hint_text(), Some("c d"));
    }
}
