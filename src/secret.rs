//! Reading secrets from where the user pointed: a file, stdin (`-`), or an environment variable
//! named on the command line. Never from argv. Values come back zeroizing; nothing here prints.

use std::io::Read;
use std::path::Path;

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Read a secret from `path` (`-` = stdin), at most `max` bytes. Errors name the source only.
/// Stdin may hold several lines (a PEM key), so a terminal is not prompted; but a terminal
/// nobody may be asked on is exit 3 rather than a wait for Ctrl-D.
pub fn read_secret_source(path: &Path, max: u64, what: &str) -> Result<Zeroizing<String>> {
    let mut buf = Zeroizing::new(Vec::new());
    if path.as_os_str() == "-" {
        crate::prompt::guard_stdin(what, "a file path instead of -")?;
        std::io::stdin()
            .lock()
            .take(max + 1)
            .read_to_end(&mut buf)
            .map_err(|e| {
                Error::input(format!(
                    "cannot read the {what} from stdin: {}",
                    crate::error::io_reason(&e)
                ))
            })?;
    } else {
        let f = std::fs::File::open(path).map_err(|e| {
            Error::input(format!(
                "cannot read the {what} file {}: {}",
                path.display(),
                crate::error::io_reason(&e)
            ))
            .hint("check the path and its permissions")
        })?;
        f.take(max + 1).read_to_end(&mut buf).map_err(|e| {
            Error::input(format!(
                "cannot read the {what} file {}: {}",
                path.display(),
                crate::error::io_reason(&e)
            ))
        })?;
    }
    if buf.len() as u64 > max {
        return Err(
            Error::input(format!("the {what} is larger than {max} bytes"))
                .hint(format!("pass only the {what} itself")),
        );
    }
    let s = std::str::from_utf8(&buf)
        .map_err(|_| Error::input(format!("the {what} is not UTF-8 text")))?;
    Ok(Zeroizing::new(s.to_string()))
}

/// A one-line secret (password, passphrase, HMAC secret) from `path` (`-` = stdin, whose whole
/// text comes back as [`read_secret_source`] gives it). Typed at a terminal it is asked for
/// with the hidden `prompt`, never echoed; a terminal nobody may be asked on is exit 3 naming
/// `flag` (e.g. `--passphrase-file FILE`).
pub fn read_secret_line(
    path: &Path,
    max: u64,
    what: &str,
    prompt: &str,
    flag: &str,
) -> Result<Zeroizing<String>> {
    if path.as_os_str() == "-"
        && let Some(typed) = crate::prompt::secret_at_terminal(prompt, what, flag)?
    {
        return Ok(typed);
    }
    read_secret_source(path, max, what)
}

/// Read a presented key from `--key-file` or stdin, trimmed; at a terminal, through the hidden
/// `prompt`. An oversized input is returned as-is (truncated) so `verify` can answer "invalid"
/// rather than fail.
pub fn read_key_input(
    key_file: Option<&Path>,
    max: u64,
    prompt: &str,
) -> Result<Zeroizing<String>> {
    read_presented_as(key_file, max, "key", "--key-file", prompt)
}

/// Read a presented credential (`what`) from `file` (its flag is `flag`) or stdin, trimmed. More
/// than `max` bytes come back truncated to `max + 1`, so a verifier can answer "invalid". At a
/// terminal it is asked for with a hidden prompt named after `what`.
pub fn read_presented(
    file: Option<&Path>,
    max: u64,
    what: &str,
    flag: &str,
) -> Result<Zeroizing<String>> {
    let mut prompt = what.to_string();
    if let Some(c) = prompt.get_mut(..1) {
        c.make_ascii_uppercase();
    }
    read_presented_as(file, max, what, flag, &prompt)
}

/// [`read_presented`] with its own prompt text.
fn read_presented_as(
    file: Option<&Path>,
    max: u64,
    what: &str,
    flag: &str,
    prompt: &str,
) -> Result<Zeroizing<String>> {
    let src = file.unwrap_or(Path::new("-"));
    let mut buf = Zeroizing::new(Vec::new());
    let stdin = src.as_os_str() == "-";
    if stdin
        && let Some(typed) =
            crate::prompt::secret_at_terminal(prompt, what, &format!("{flag} FILE"))?
    {
        buf.extend_from_slice(typed.as_bytes());
        buf.truncate(usize::try_from(max + 1).unwrap_or(usize::MAX));
        let text = Zeroizing::new(String::from_utf8_lossy(&buf).into_owned());
        return Ok(Zeroizing::new(text.trim().to_string()));
    }
    let r = if stdin {
        std::io::stdin().lock().take(max + 1).read_to_end(&mut buf)
    } else {
        std::fs::File::open(src).and_then(|f| f.take(max + 1).read_to_end(&mut buf))
    };
    r.map_err(|e| {
        Error::input(format!(
            "cannot read the {what} from {}: {}",
            if src.as_os_str() == "-" {
                "stdin".to_string()
            } else {
                src.display().to_string()
            },
            crate::error::io_reason(&e)
        ))
        .hint(format!("pass the {what} on stdin or with {flag} FILE"))
    })?;
    let text = Zeroizing::new(String::from_utf8_lossy(&buf).into_owned());
    Ok(Zeroizing::new(text.trim().to_string()))
}

/// The shortest passphrase a new vault accepts (characters). Argon2id slows guessing down; it
/// cannot make a 4-letter passphrase strong.
pub const MIN_VAULT_PASSPHRASE: usize = 12;
/// The shortest PKCS#12 password `cert export --p12` accepts (characters).
pub const MIN_P12_PASSWORD: usize = 8;

/// Refuse a new password shorter than `min` characters (exit 3): `what` names it, `flag` is where
/// it came from.
pub fn long_enough(pw: Zeroizing<String>, min: usize, what: &str) -> Result<Zeroizing<String>> {
    let n = pw.chars().count();
    if n < min {
        return Err(Error::input(format!(
            "the {what} has {n} characters; at least {min} are required"
        ))
        .hint(format!(
            "choose a {what} of {min} or more characters (e.g. several random words)"
        )));
    }
    Ok(pw)
}
