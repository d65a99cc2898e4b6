//! Questions to a person, through dialoguer, only when a person is there: stdin and stderr are
//! terminals, `--no-input` was not given and `CI` is not set. Everything else gets a clear
//! error naming the flag that answers the question.
//!
//! Secrets read from stdin follow one rule (DESIGN §6): off a terminal stdin is read as it is
//! (a pipe, a file); at a terminal a person is asked with a hidden prompt, never echoed; and at a
//! terminal where nobody may be asked (`--no-input`, `CI`, stderr redirected) vauth fails with
//! exit 3 naming the flag that gives the secret from a file, instead of waiting for Ctrl-D.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

use zeroize::Zeroizing;

use crate::env;
use crate::error::{Error, ErrorKind, Result};

/// `--no-input` of this run, for the readers of secrets that get no [`crate::commands::Ctx`].
static NO_INPUT: AtomicBool = AtomicBool::new(false);

/// Record `--no-input` for this process (done once, before a command runs).
pub fn set_no_input(no_input: bool) {
    NO_INPUT.store(no_input, Ordering::Relaxed);
}

/// Whether a prompt may be shown.
pub fn can_prompt(no_input: bool) -> bool {
    !no_input && !env::in_ci() && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Whether a prompt may be shown in this run ([`can_prompt`] with the recorded `--no-input`).
pub fn allowed() -> bool {
    can_prompt(NO_INPUT.load(Ordering::Relaxed))
}

/// Whether stdin is a terminal (a person would have to type what vauth reads from it).
pub fn stdin_is_terminal() -> bool {
    std::io::stdin().is_terminal()
}

/// The error for a secret that would be read from a terminal nobody may be asked on.
fn no_terminal_for(what: &str, instead: &str) -> Error {
    Error::new(
        ErrorKind::NoTerminal,
        format!(
            "the {what} would be read from stdin, which is a terminal, but prompting is off \
             (--no-input, CI, or stderr is not a terminal)"
        ),
    )
    .hint(format!("pass {instead}, or pipe the {what} into vauth"))
}

/// A one-line secret that the caller would read from stdin: `None` when stdin is not a
/// terminal (read it as usual); at a terminal, the answer to a hidden `prompt` (no echo), or
/// exit 3 naming `instead` (e.g. `--key-file FILE`) when nobody may be asked.
pub fn secret_at_terminal(
    prompt: &str,
    what: &str,
    instead: &str,
) -> Result<Option<Zeroizing<String>>> {
    if !stdin_is_terminal() {
        return Ok(None);
    }
    if !allowed() {
        return Err(no_terminal_for(what, instead));
    }
    dialoguer::Password::new()
        .with_prompt(prompt)
        .interact()
        .map(|s| Some(Zeroizing::new(s)))
        .map_err(|e| {
            Error::input(format!("cannot read the {what} from the terminal: {e}"))
                .hint(format!("pass {instead}"))
        })
}

/// Before reading a multi-line input from stdin: at a terminal where nobody may be asked, fail
/// with exit 3 naming `instead` rather than wait for Ctrl-D.
pub fn guard_stdin(what: &str, instead: &str) -> Result<()> {
    if stdin_is_terminal() && !allowed() {
        return Err(no_terminal_for(what, instead));
    }
    Ok(())
}

/// Ask for confirmation of a destructive or revealing action. `yes` answers it up front; without
/// a terminal the answer must come from `--yes`.
pub fn confirm(question: &str, yes: bool, can_prompt: bool) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !can_prompt {
        return Err(Error::new(
            ErrorKind::NoTerminal,
            format!("confirmation needed ({question}) but there is no terminal to ask"),
        )
        .hint("pass --yes to confirm"));
    }
    dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()
        .map_err(|e| Error::input(format!("cannot ask for confirmation: {e}")).hint("pass --yes"))
}

/// Ask for a password, twice when `confirm`.
pub fn password(prompt: &str, confirm: bool) -> Result<Zeroizing<String>> {
    let mut p = dialoguer::Password::new().with_prompt(prompt);
    if confirm {
        p = p.with_confirmation("Repeat it", "The two entries differ");
    }
    p.interact().map(Zeroizing::new).map_err(|e| {
        Error::input(format!("cannot read a passphrase: {e}")).hint("pass --passphrase-file FILE")
    })
}
