//! `--exec CMD`: a command run after a successful push or rotation (e.g. to restart the
//! consumer). It runs through `sh -c` with stdin closed and its output on vauth's stderr (stdout
//! stays the command's machine-readable result). It gets what happened in `VAUTH_*` variables —
//! never a secret: a consumer that needs the key reads it itself (`vauth key show NAME --reveal`).

use std::process::{Command, Stdio};

use crate::error::{Error, ErrorKind, Result};

/// Run `cmd` with `vars` added to the environment; a non-zero exit is an error (exit 4).
pub fn exec(cmd: &str, vars: &[(&str, String)]) -> Result<()> {
    use std::os::fd::AsFd as _;
    let err_out = std::io::stderr()
        .as_fd()
        .try_clone_to_owned()
        .map(Stdio::from)
        .unwrap_or_else(|_| Stdio::inherit());
    let status = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .envs(vars.iter().map(|(k, v)| (*k, v.as_str())))
        .stdin(Stdio::null())
        .stdout(err_out)
        .stderr(Stdio::inherit())
        .status()
        .map_err(|e| {
            Error::new(ErrorKind::Remote, format!("--exec: cannot start sh: {e}"))
                .hint("check that /bin/sh exists")
        })?;
    if status.success() {
        return Ok(());
    }
    let how = match status.code() {
        Some(c) => format!("exit {c}"),
        None => "killed by a signal".to_string(),
    };
    Err(Error::new(
        ErrorKind::Remote,
        format!("--exec {cmd:?} failed ({how}); what ran before it succeeded and is recorded"),
    )
    .hint("fix the command and run it by hand; there is no need to push or rotate again"))
}
