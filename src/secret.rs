//! Reading secrets from where the user pointed: a file, stdin (`-`), or an environment variable
//! named on the command line. Never from argv. Values come back zeroizing; nothing here prints.

use std::io::Read;
use std::path::Path;

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Read a secret from `path` (`-` = stdin), at most `max` bytes. Errors name the source only.
pub fn read_secret_source(path: &Path, max: u64, what: &str) -> Result<Zeroizing<String>> {
    let mut buf = Zeroizing::new(Vec::new());
    if path.as_os_str() == "-" {
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

/// Read a presented key from `--key-file` or stdin, trimmed. An oversized input is returned
/// as-is (truncated) so `verify` can answer "invalid" rather than fail.
pub fn read_key_input(key_file: Option<&Path>, max: u64) -> Result<Zeroizing<String>> {
    read_presented(key_file, max, "key", "--key-file")
}

/// Read a presented credential (`what`) from `file` (its flag is `flag`) or stdin, trimmed. More
/// than `max` bytes come back truncated to `max + 1`, so a verifier can answer "invalid".
pub fn read_presented(
    file: Option<&Path>,
    max: u64,
    what: &str,
    flag: &str,
) -> Result<Zeroizing<String>> {
    let src = file.unwrap_or(Path::new("-"));
    let mut buf = Zeroizing::new(Vec::new());
    let r = if src.as_os_str() == "-" {
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
