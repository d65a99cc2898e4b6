//! `--exec CMD`: a command run after a successful push or rotation (e.g. to restart the
//! consumer). It runs through `sh -c` with stdin closed and its output on vauth's stderr (stdout
//! stays the command's machine-readable result). It gets what happened in `VAUTH_*` variables —
//! never a secret: a consumer that needs the key reads it itself (`vauth key show NAME --reveal`).
//!
//! The hook's environment is vauth's minus the secrets vauth itself holds (a deny-list; the rest
//! of the environment — PATH, a kubeconfig, a deploy token the hook needs — passes through):
//! every inherited `VAUTH_*` variable except `VAUTH_HOME` (so `VAUTH_MASTER_KEY` and
//! `VAUTH_PASSPHRASE_FILE`; the hook's own `VAUTH_EVENT`, `VAUTH_KEY`, … are then set by vauth),
//! and every variable `vauth.toml` names as holding a credential ([`secret_env_names`]: each
//! target's `admin_password_env`, `admin_key_env`, `admin_client_id_env`,
//! `admin_client_secret_env`).

use std::process::{Command, Stdio};

use crate::error::{Error, ErrorKind, Result};

/// The variables `config` names as holding a credential (removed from a hook's environment).
pub fn secret_env_names(config: &crate::config::Config) -> Vec<String> {
    let mut names: Vec<String> = config
        .target
        .values()
        .flat_map(|t| {
            [
                &t.admin_password_env,
                &t.admin_key_env,
                &t.admin_client_id_env,
                &t.admin_client_secret_env,
            ]
        })
        .flatten()
        .cloned()
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Run `cmd` with `vars` added to the environment and `secret_env` (from [`secret_env_names`])
/// and vauth's own `VAUTH_*` secrets removed from it; a non-zero exit is an error (exit 4).
pub fn exec(cmd: &str, vars: &[(&str, String)], secret_env: &[String]) -> Result<()> {
    use std::os::fd::AsFd as _;
    let err_out = std::io::stderr()
        .as_fd()
        .try_clone_to_owned()
        .map(Stdio::from)
        .unwrap_or_else(|_| Stdio::inherit());
    let mut c = Command::new("sh");
    c.arg("-c").arg(cmd);
    for k in crate::env::names_with_prefix("VAUTH_") {
        if k != crate::env::VAUTH_HOME {
            c.env_remove(k);
        }
    }
    for k in secret_env {
        c.env_remove(k);
    }
    let status = c
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
