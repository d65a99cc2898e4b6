//! Restart-bound targets — servers that read credentials only when they start (chroma's
//! credentials file, qdrant's config) — with an apply command (`apply = "CMD"` in
//! `[target.NAME]`). After a push that waits for a restart, vauth runs the command, waits for the
//! server to answer again (up to `restart_wait`, default 60s), probes the new credential (it is
//! accepted, a wrong one is refused) and records it verified: `push`, `key rotate` and
//! `rotate apply` finish in the same run. A take-back that rewrote chroma's file runs it too, and
//! is recorded done only once the server answers again. Without a command, such a push stays
//! *pending restart* until `vauth target test` (or the next rotation run) probes it.
//!
//! The command runs through `sh -c` ([`crate::hook::apply`]): no secret on its argv or in its
//! environment (vauth's `VAUTH_*` secrets and every credential variable vauth.toml names are
//! removed). It gets `VAUTH_EVENT` (`push` or `revoke`), `VAUTH_TARGET`, `VAUTH_KIND` and
//! `VAUTH_APPLY_FILE`, the file the server must read: chroma's credentials file (the target's
//! `credentials_file`); for qdrant, a YAML config snippet vauth renders for this run only (e.g.
//! `service: {alt_api_key: "…"}`, mode 0600 in a private temporary directory, removed when the
//! command ends). The command may take up to `restart_wait`; a failure (non-zero exit, killed
//! after the wait, or a server that does not take the credential in time) is exit 4 with its
//! exit status and the last lines of its stderr (every secret vauth knows there as `****`), and
//! the push stays recorded pending: nothing is revoked.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

use super::remote::Connection;
use crate::error::{Error, ErrorKind, Result};
use crate::remote::{Kind, TargetConfig};

/// A push waiting for a restart: the user (qdrant: the config slot) and the secret.
pub type PendingPush<'a> = (&'a str, &'a str);

/// The file the apply command hands to the server, and the temporary directory holding it when
/// vauth rendered it for this run (removed on drop).
struct Rendered {
    path: Option<PathBuf>,
    dir: Option<PathBuf>,
}

impl Drop for Rendered {
    fn drop(&mut self) {
        if let Some(d) = &self.dir {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

/// A new directory only this user may enter, under the system's temporary directory.
fn private_temp_dir() -> Result<PathBuf> {
    let name = crate::apikey::random_base62(16)
        .map_err(|e| Error::state(format!("the OS random source failed: {e}")))?;
    let dir = std::env::temp_dir().join(format!("vauth-apply-{name}"));
    let mut b = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(&dir)
        .map_err(|e| Error::io("create the directory", &dir, &e))?;
    Ok(dir)
}

/// What the server must read: chroma's credentials file; for qdrant, the pending slots rendered
/// as a config snippet.
fn render(cfg: &TargetConfig, pending: &[PendingPush<'_>]) -> Result<Rendered> {
    if cfg.kind != Kind::Qdrant || pending.is_empty() {
        return Ok(Rendered {
            path: cfg.credentials_file.clone(),
            dir: None,
        });
    }
    let dir = private_temp_dir()?;
    let out = Rendered {
        path: Some(dir.join("qdrant-service.yaml")),
        dir: Some(dir),
    };
    let mut slots: Vec<(&str, &str)> = Vec::new();
    for (slot, secret) in pending {
        slots.retain(|(s, _)| s != slot);
        slots.push((slot, secret));
    }
    let mut text = Zeroizing::new(
        "# rendered by vauth: merge into Qdrant's config, then restart Qdrant\nservice:\n"
            .to_string(),
    );
    for (slot, secret) in slots {
        text.push_str(&format!(
            "  {slot}: {}\n",
            serde_json::Value::String(secret.to_string())
        ));
    }
    if let Some(path) = &out.path {
        crate::fsutil::write_atomic(path, text.as_bytes(), 0o600)
            .map_err(|e| Error::io("write", path, &e))?;
    }
    Ok(out)
}

/// The secrets an apply command's stderr may show (hidden in an error): `known`, the admin
/// credential, and every token of chroma's credentials file.
fn secrets(cfg: &TargetConfig, known: &[&str]) -> Vec<Zeroizing<String>> {
    let mut out: Vec<Zeroizing<String>> = known
        .iter()
        .map(|s| Zeroizing::new((*s).to_string()))
        .collect();
    if let Ok(Some(a)) = cfg.admin_password() {
        out.push(a);
    }
    if let Some(text) = cfg
        .credentials_file
        .as_ref()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .map(Zeroizing::new)
        && let Ok(c) = crate::remote::chroma::Credentials::parse(&text)
    {
        out.extend(c.users.into_iter().flat_map(|u| u.tokens));
    }
    out
}

/// Run `cfg`'s apply command for `event` with the file `rendered`.
fn run(
    tname: &str,
    cfg: &TargetConfig,
    event: &str,
    rendered: &Rendered,
    known: &[&str],
) -> Result<()> {
    let Some(cmd) = &cfg.apply else {
        return Ok(());
    };
    let mut vars = vec![
        ("VAUTH_EVENT", event.to_string()),
        ("VAUTH_TARGET", tname.to_string()),
        ("VAUTH_KIND", cfg.kind.as_str().to_string()),
    ];
    if let Some(p) = &rendered.path {
        vars.push(("VAUTH_APPLY_FILE", p.display().to_string()));
    }
    let mut scrub = cfg.secret_env.clone();
    scrub.extend(
        [
            &cfg.admin_password_env,
            &cfg.admin_key_env,
            &cfg.admin_client_id_env,
            &cfg.admin_client_secret_env,
        ]
        .into_iter()
        .flatten()
        .cloned(),
    );
    let hide = secrets(cfg, known);
    let hide: Vec<&str> = hide.iter().map(|s| s.as_str()).collect();
    crate::hook::apply(cmd, &vars, &scrub, &hide, cfg.restart_wait()).map_err(|e| {
        Error::new(
            e.kind(),
            format!("target {tname}: {} (after the {event})", e.message()),
        )
        .hint(format!(
            "fix the target's apply command (vauth.toml [target.{tname}]) and run again: the {event} stays pending, nothing was revoked"
        ))
    })
}

/// Poll `c` until its admin check passes and `check` holds, for up to `cfg`'s `restart_wait`.
fn wait_for(
    c: &mut Connection,
    tname: &str,
    cfg: &TargetConfig,
    what: &str,
    mut check: impl FnMut(&mut Connection) -> Result<()>,
) -> Result<()> {
    let wait = cfg.restart_wait();
    let deadline = Instant::now() + wait;
    let mut pause = Duration::from_millis(200);
    loop {
        let r = c.check_admin().and_then(|_| check(c));
        let now = Instant::now();
        match r {
            Ok(()) => return Ok(()),
            Err(e) if now >= deadline => {
                return Err(Error::new(
                    ErrorKind::Remote,
                    format!(
                        "target {tname}: the apply command ran, but {what} within {}s: {}",
                        wait.as_secs(),
                        e.message()
                    ),
                )
                .hint(format!(
                    "check the server; raise restart_wait in [target.{tname}] if it starts slowly. `vauth target test {tname}` probes what is pending once it answers"
                )));
            }
            Err(_) => {
                std::thread::sleep(pause.min(deadline - now));
                pause = (pause * 2).min(Duration::from_secs(2));
            }
        }
    }
}

/// After pushes to `tname` that wait for a restart (`pending`), run the target's apply command,
/// wait for the server and probe each. `Ok(false)`: the target names no apply command (nothing
/// was done: the pushes stay pending). `Ok(true)`: every one is accepted and a wrong one refused.
pub fn after_push(
    c: &mut Connection,
    tname: &str,
    cfg: &TargetConfig,
    pending: &[PendingPush<'_>],
) -> Result<bool> {
    if cfg.apply.is_none() || pending.is_empty() {
        return Ok(false);
    }
    let rendered = render(cfg, pending)?;
    let known: Vec<&str> = pending.iter().map(|(_, s)| *s).collect();
    run(tname, cfg, "push", &rendered, &known)?;
    drop(rendered);
    wait_for(
        c,
        tname,
        cfg,
        "the server did not accept the new credential",
        |c| {
            pending
                .iter()
                .try_for_each(|(user, secret)| c.probe(user, secret))
        },
    )?;
    Ok(true)
}

/// After a take-back on `tname` that rewrote a file the server reads at start-up (chroma), run
/// the target's apply command and wait until the server answers again. `Ok(None)`: nothing to
/// do (no apply command, or a kind whose take-back changed nothing vauth renders); else the line
/// to report.
pub fn after_revoke(c: &mut Connection, tname: &str, cfg: &TargetConfig) -> Result<Option<String>> {
    if cfg.apply.is_none() || cfg.kind != Kind::Chroma {
        return Ok(None);
    }
    let rendered = render(cfg, &[])?;
    run(tname, cfg, "revoke", &rendered, &[])?;
    wait_for(c, tname, cfg, "the server did not answer", |_| Ok(()))?;
    Ok(Some(
        "ran the apply command; the server answers again".to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn qdrant() -> TargetConfig {
        toml::from_str("kind = \"qdrant\"\nurl = \"http://127.0.0.1:6333\"\napply = \"true\"\n")
            .unwrap()
    }

    #[test]
    fn qdrant_renders_its_slots_in_a_private_file_removed_after_the_run() {
        let r = render(
            &qdrant(),
            &[("alt_api_key", "k-old"), ("alt_api_key", "k\"new")],
        )
        .unwrap();
        let p = r.path.clone().unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(
            text.ends_with("service:\n  alt_api_key: \"k\\\"new\"\n"),
            "{text}"
        );
        assert!(!text.contains("k-old"), "one value per slot, the last");
        assert_eq!(crate::fsutil::mode_of(&p).unwrap(), 0o600);
        let dir = r.dir.clone().unwrap();
        assert_eq!(crate::fsutil::mode_of(&dir).unwrap(), 0o700);
        drop(r);
        assert!(!dir.exists());
    }

    #[test]
    fn chroma_hands_over_its_credentials_file() {
        let cfg: TargetConfig = toml::from_str(
            "kind = \"chroma\"\nurl = \"http://127.0.0.1:8000\"\ncredentials_file = \"/srv/c.yaml\"\napply = \"true\"\n",
        )
        .unwrap();
        let r = render(&cfg, &[("app", "k")]).unwrap();
        assert_eq!(r.path.as_deref(), Some(Path::new("/srv/c.yaml")));
        assert!(r.dir.is_none());
    }
}
