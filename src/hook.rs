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
//!
//! A restart-bound target's apply command (`apply = "CMD"`, see `lifecycle::apply`) runs the same
//! way, in the same scrubbed environment ([`apply`]), but quietly: its output is captured, and a
//! failure quotes its exit status and the tail of its stderr with every secret vauth knows hidden.

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

/// `sh -c cmd` with `vars` added to the environment and `secret_env` (from
/// [`secret_env_names`]) and vauth's own secrets (`VAUTH_*`, `PGPASSWORD`) removed from it,
/// stdin closed.
fn command(cmd: &str, vars: &[(&str, String)], secret_env: &[String]) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c").arg(cmd);
    for k in crate::env::names_with_prefix("VAUTH_") {
        if k != crate::env::VAUTH_HOME {
            c.env_remove(k);
        }
    }
    // The PostgreSQL home's password is vauth's credential too.
    c.env_remove(crate::env::PGPASSWORD);
    for k in secret_env {
        c.env_remove(k);
    }
    c.envs(vars.iter().map(|(k, v)| (*k, v.as_str())))
        .stdin(Stdio::null());
    c
}

fn how(status: std::process::ExitStatus) -> String {
    match status.code() {
        Some(c) => format!("exit {c}"),
        None => "killed by a signal".to_string(),
    }
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
    let status = command(cmd, vars, secret_env)
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
    Err(Error::new(
        ErrorKind::Remote,
        format!(
            "--exec {cmd:?} failed ({}); what ran before it succeeded and is recorded",
            how(status)
        ),
    )
    .hint("fix the command and run it by hand; there is no need to push or rotate again"))
}

/// How much of an apply command's stderr an error quotes (its last lines).
const TAIL_LINES: usize = 5;
const TAIL_CHARS: usize = 600;

/// A target's apply command (`apply = "CMD"`, see `lifecycle::apply`): run like [`exec`], in the
/// same scrubbed environment, but quietly — its stdout and stderr are captured, and when it
/// fails (non-zero exit, or still running after `limit`: killed) the error (exit 4) quotes its
/// exit status and the last lines of its stderr with each of `redact` replaced by `****`.
pub fn apply(
    cmd: &str,
    vars: &[(&str, String)],
    secret_env: &[String],
    redact: &[&str],
    limit: std::time::Duration,
) -> Result<()> {
    use std::io::Read as _;
    let mut child = command(cmd, vars, secret_env)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            Error::new(ErrorKind::Remote, format!("apply: cannot start sh: {e}"))
                .hint("check that /bin/sh exists")
        })?;
    let mut pipe = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(p) = pipe.as_mut() {
            let _ = p.take(1 << 20).read_to_end(&mut buf);
        }
        buf
    });
    let deadline = std::time::Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break Some(st),
            Ok(None) if std::time::Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(50)),
            Err(_) => break None,
        }
    };
    if status.is_some_and(|s| s.success()) {
        return Ok(());
    }
    // A command that left a child holding its stderr open: quote nothing rather than wait.
    let until = std::time::Instant::now() + std::time::Duration::from_secs(1);
    while !reader.is_finished() && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let err = if reader.is_finished() {
        reader.join().unwrap_or_default()
    } else {
        Vec::new()
    };
    let tail = tail(&String::from_utf8_lossy(&err), redact);
    let how = status.map_or_else(
        || format!("still running after {}s, killed", limit.as_secs()),
        how,
    );
    Err(Error::new(
        ErrorKind::Remote,
        format!(
            "the apply command failed ({how}){}",
            if tail.is_empty() {
                String::new()
            } else {
                format!(": {tail}")
            }
        ),
    ))
}

/// The last lines of `text`, one line, each of `secrets` replaced by `****`.
fn tail(text: &str, secrets: &[&str]) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let last = lines[lines.len().saturating_sub(TAIL_LINES)..].join(" | ");
    let mut t = crate::remote::redact(&last, secrets);
    if t.chars().count() > TAIL_CHARS {
        let skip = t.chars().count() - TAIL_CHARS;
        t = format!("…{}", t.chars().skip(skip).collect::<String>());
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_keeps_the_last_lines_and_hides_secrets() {
        let t = tail(
            "one\ntwo\n\nthree s3cret-tok\nfour\nfive\nsix\n",
            &["s3cret-tok"],
        );
        assert_eq!(t, "two | three **** | four | five | six");
        let long = "x".repeat(2000);
        assert!(tail(&long, &[]).chars().count() <= TAIL_CHARS + 1);
    }
}
