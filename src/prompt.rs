//! Questions to a person, through dialoguer, only when a person is there: stdin and stderr are
//! terminals, `--no-input` was not given and `CI` is not set. Everything else gets a clear
//! error naming the flag that answers the question.

use std::io::IsTerminal;

use zeroize::Zeroizing;

use crate::config::env;
use crate::error::{Error, ErrorKind, Result};

/// Whether a prompt may be shown.
pub fn can_prompt(no_input: bool) -> bool {
    !no_input && !env::in_ci() && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
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
