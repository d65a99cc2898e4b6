//! Delivering a rotated secret to a policy's outputs (dotenv, GitHub, GitLab, dir), and
//! `vauth rotate outputs [NAME]…`, which delivers the current version again from the vault —
//! for a run whose rotation was recorded but whose outputs failed (exit 5).
//!
//! An output that fails never undoes the rotation (the successor is current on every target by
//! then): it is reported per output, and the run exits 5 ("done but not delivered").

use serde::Serialize;
use zeroize::Zeroizing;

use super::{Ctx, lock_wait};
use crate::audit::AuditEvent;
use crate::cli::rotate::OutputsArgs;
use crate::config::policy::{Output, Policy};
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::lifecycle::keys::{default_var, plaintext};
use crate::output::{Report, Ui};
use crate::policy::expand;
use crate::store::{OpenMode, Session};

/// One output that could not be written.
#[derive(Debug, Clone, Serialize)]
pub(super) struct OutputFailure {
    /// The output as the policy names it (`dotenv:ci.env`, `github`, …).
    pub output: String,
    /// Why.
    pub error: String,
}

/// What a delivery wrote and what it could not.
#[derive(Debug, Default)]
pub(super) struct Delivery {
    /// Files written (and `github`).
    pub written: Vec<String>,
    /// Outputs that failed.
    pub failed: Vec<OutputFailure>,
}

impl Delivery {
    fn fail(&mut self, o: &Output, e: &Error) {
        self.failed.push(OutputFailure {
            output: o.to_string(),
            error: e.message().to_string(),
        });
    }

    /// Audit details: what was written and what failed.
    pub(super) fn audit(&self, ev: AuditEvent) -> AuditEvent {
        let ev = ev.detail("outputs", self.written.join(","));
        if self.failed.is_empty() {
            ev
        } else {
            let f: Vec<&str> = self.failed.iter().map(|f| f.output.as_str()).collect();
            ev.detail("outputs_failed", f.join(","))
        }
    }
}

/// Check, before anything rotates, what can be known now about the policy's outputs: a `github`
/// output needs `$GITHUB_OUTPUT`; each file an output writes (for a `dir:` output, `NAME.key`,
/// and `NAME.crt` when `cert`) must be a regular file or absent, in a directory that is one or
/// can be made. Refused here, nothing is done (exit 3) instead of a rotation that cannot be
/// delivered.
pub(super) fn precheck(p: &Policy, cert: bool) -> Result<()> {
    for o in p.outputs() {
        match &o {
            Output::Github => {
                if crate::env::get_os("GITHUB_OUTPUT").is_none() {
                    return Err(Error::input(format!(
                        "{}: the policy writes a github output, but GITHUB_OUTPUT is not set; nothing was rotated",
                        p.credential
                    ))
                    .hint("run inside GitHub Actions, or drop `github` from the policy's outputs"));
                }
            }
            Output::Dotenv(path) | Output::Gitlab(path) => {
                crate::fsutil::precheck_user_file(std::path::Path::new(path), true)?;
            }
            Output::Dir(dir) => {
                let exts: &[&str] = if cert { &["crt", "key"] } else { &["key"] };
                for ext in exts {
                    crate::fsutil::precheck_user_file(&dir_file(dir, &p.credential, ext), true)?;
                }
            }
        }
    }
    Ok(())
}

/// The file a `dir:` output writes for credential `name`: `DIR/NAME.ext` (`key`, `crt`).
fn dir_file(dir: &str, name: &str, ext: &str) -> std::path::PathBuf {
    std::path::Path::new(dir).join(format!("{name}.{ext}"))
}

/// Write API key `secret` (of credential `name`) to every output of the policy. Every output is
/// tried; each failure is recorded, none stops the others.
pub(super) fn deliver_key(p: &Policy, name: &str, secret: &str) -> Delivery {
    let var = default_var(name);
    let mut d = Delivery::default();
    for o in p.outputs() {
        let r = match &o {
            Output::Dotenv(path) | Output::Gitlab(path) => {
                let path = std::path::PathBuf::from(path);
                set_dotenv(&path, &var, secret).map(|()| path.display().to_string())
            }
            Output::Dir(dir) => {
                let path = dir_file(dir, name, "key");
                crate::fsutil::write_output(&path, format!("{secret}\n").as_bytes(), 0o600)
                    .map(|()| path.display().to_string())
            }
            Output::Github => github(&var, secret).map(|()| "github".to_string()),
        };
        match r {
            Ok(w) => d.written.push(w),
            Err(e) => d.fail(&o, &e),
        }
    }
    d
}

/// Write a certificate and its key to the policy's `dir:` outputs (`NAME.crt`, `NAME.key` 0600);
/// other kinds of output cannot carry a certificate and are reported as failed.
pub(super) fn deliver_cert(p: &Policy, name: &str, pem: &str, key: &str) -> Delivery {
    let mut d = Delivery::default();
    for o in p.outputs() {
        match &o {
            Output::Dir(dir) => {
                let (crt, keyf) = (dir_file(dir, name, "crt"), dir_file(dir, name, "key"));
                // Both checked before either is written: never a new certificate beside the old
                // key.
                let r = crate::fsutil::precheck_user_file(&crt, true)
                    .and_then(|()| crate::fsutil::precheck_user_file(&keyf, true))
                    .and_then(|()| crate::fsutil::write_output(&crt, pem.as_bytes(), 0o644))
                    .and_then(|()| crate::fsutil::write_output(&keyf, key.as_bytes(), 0o600));
                match r {
                    Ok(()) => {
                        d.written.push(crt.display().to_string());
                        d.written.push(keyf.display().to_string());
                    }
                    Err(e) => d.fail(&o, &e),
                }
            }
            other => d.fail(
                other,
                &Error::usage("a certificate and its key go to dir:PATH outputs only"),
            ),
        }
    }
    d
}

/// GitHub Actions: mask the value first (from then on GitHub replaces it by *** in every log),
/// then append `VAR=value` to `$GITHUB_OUTPUT`. A mask that cannot be written stops here: the
/// value is never written unmasked.
fn github(var: &str, secret: &str) -> Result<()> {
    use std::io::Write as _;
    let Some(file) = crate::env::get_os("GITHUB_OUTPUT") else {
        return Err(Error::input(
            "the policy writes a github output, but GITHUB_OUTPUT is not set",
        )
        .hint("run inside GitHub Actions, or drop `github` from the policy's outputs"));
    };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "::add-mask::{secret}")
        .and_then(|()| stdout.flush())
        .map_err(|e| crate::output::stdout_failed(&e))?;
    let file = std::path::PathBuf::from(file);
    crate::fsutil::append_line(&file, &format!("{var}={secret}"), 0o600)
        .map_err(|e| Error::io("append to", &file, &e))
}

/// Set `var=value` in the dotenv file at `path` (created 0600, its directory 0700 when missing),
/// keeping its other lines.
fn set_dotenv(path: &std::path::Path, var: &str, value: &str) -> Result<()> {
    let old = match std::fs::read_to_string(path) {
        Ok(t) => Zeroizing::new(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Zeroizing::new(String::new()),
        Err(e) => return Err(Error::io("read", path, &e)),
    };
    let mut text = Zeroizing::new(String::new());
    for l in old.lines().filter(|l| !l.starts_with(&format!("{var}="))) {
        text.push_str(l);
        text.push('\n');
    }
    text.push_str(&format!("{var}={value}\n"));
    crate::fsutil::write_output(path, text.as_bytes(), 0o600)
}

/// `svc v3 → dotenv:ci.env: why; …`: the failed outputs of (credential, version, failures).
fn describe<'a>(items: impl Iterator<Item = (&'a str, u32, &'a [OutputFailure])>) -> Vec<String> {
    items
        .flat_map(|(c, v, fs)| {
            fs.iter()
                .map(move |f| format!("{c} v{v} → {}: {}", f.output, f.error))
        })
        .collect()
}

/// The error a run ends with when everything rotated but some outputs failed (exit 5); `None`
/// when every output was written.
pub(super) fn undelivered<'a>(
    items: impl Iterator<Item = (&'a str, u32, &'a [OutputFailure])> + Clone,
) -> Option<Error> {
    let what = describe(items.clone());
    if what.is_empty() {
        return None;
    }
    let mut names: Vec<&str> = items
        .filter(|(_, _, fs)| !fs.is_empty())
        .map(|(c, _, _)| c)
        .collect();
    names.dedup();
    Some(
        Error::new(
            ErrorKind::Undelivered,
            format!(
                "rotated and recorded, but not delivered: {}",
                what.join("; ")
            ),
        )
        .hint(format!(
            "fix the output, then deliver it again without rotating: vauth rotate outputs {}",
            names.join(" ")
        )),
    )
}

#[derive(Serialize)]
struct Delivered {
    credential: String,
    kind: &'static str,
    version: u32,
    outputs: Vec<String>,
    failed: Vec<OutputFailure>,
}

#[derive(Serialize)]
struct Redelivered {
    delivered: Vec<Delivered>,
}

impl Report for Redelivered {
    fn human(&self, ui: &Ui) -> Result<()> {
        for d in &self.delivered {
            if !d.outputs.is_empty() {
                ui.note(&format!(
                    "delivered {} v{} to {}",
                    d.credential,
                    d.version,
                    d.outputs.join(", ")
                ));
            }
        }
        if self.delivered.is_empty() {
            ui.note("No policy has outputs.");
        }
        Ok(())
    }
}

/// `vauth rotate outputs [NAME]…`: write the current version of each named credential (default:
/// every policy with outputs) to its policy's outputs again, from the vault. Exit 5 when an output
/// still fails.
pub(super) fn run(ctx: &Ctx<'_>, a: &OutputsArgs) -> Result<Outcome> {
    let mut s = ctx.open_waiting(OpenMode::Write, lock_wait(a.lock_timeout))?;
    let policies = expand(&s.state, &s.config.policy)?;
    let chosen: Vec<Policy> = if a.names.is_empty() {
        policies
            .into_iter()
            .filter(|p| !p.outputs().is_empty())
            .collect()
    } else {
        a.names
            .iter()
            .map(|n| {
                policies
                    .iter()
                    .find(|p| &p.credential == n)
                    .cloned()
                    .ok_or_else(|| {
                        Error::new(ErrorKind::NotFound, format!("no policy governs {n:?}"))
                            .hint("outputs come from a [[policy]] in vauth.toml that names it")
                    })
            })
            .collect::<Result<_>>()?
    };
    let mut report = Redelivered { delivered: vec![] };
    for p in &chosen {
        if p.outputs().is_empty() {
            return Err(
                Error::usage(format!("the policy of {} has no outputs", p.credential)).hint(
                    "add outputs = [\"dotenv:PATH\"] (or github, gitlab:PATH, dir:PATH) to it",
                ),
            );
        }
        let (kind, version, d) = deliver_current(&mut s, p)?;
        report.delivered.push(Delivered {
            credential: p.credential.clone(),
            kind,
            version,
            outputs: d.written,
            failed: d.failed,
        });
    }
    let mut ev = AuditEvent::new("rotate.outputs");
    for d in &report.delivered {
        ev = ev.detail(&d.credential, format!("v{}", d.version));
    }
    s.commit(ev)?;
    ctx.ui.report(&report)?;
    let what = describe(
        report
            .delivered
            .iter()
            .map(|d| (d.credential.as_str(), d.version, d.failed.as_slice())),
    );
    if what.is_empty() {
        return Ok(Outcome::Ok);
    }
    Err(Error::new(
        ErrorKind::Undelivered,
        format!("not delivered: {}", what.join("; ")),
    )
    .hint("fix the output (path, permissions, GITHUB_OUTPUT), then run vauth rotate outputs again"))
}

/// Deliver the current version of `p.credential` from the vault.
fn deliver_current(s: &mut Session, p: &Policy) -> Result<(&'static str, u32, Delivery)> {
    let name = p.credential.as_str();
    if let Some(k) = s.state.api_keys.get(name)? {
        let v = k.current().ok_or_else(|| {
            Error::new(
                ErrorKind::NotFound,
                format!("{name} has no current version"),
            )
            .hint(format!("rotate it: vauth rotate apply {name}"))
        })?;
        let v = v.clone();
        let secret = plaintext(s, name, &v)?;
        return Ok(("api_key", v.version, deliver_key(p, name, &secret)));
    }
    if let Some(rec) = s.state.certs.get(name)? {
        let n = rec.issued.len() as u32;
        let cur = rec.latest().cloned().ok_or_else(|| {
            Error::new(ErrorKind::NotFound, format!("{name} has no certificate"))
                .hint(format!("issue one: vauth cert issue {name} --keep-key"))
        })?;
        if !cur.key_kept {
            return Err(Error::new(
                ErrorKind::NotFound,
                format!("vauth does not hold the key of certificate {name}"),
            )
            .hint("it was issued without --keep-key; renew it by hand with `vauth cert renew`"));
        }
        let key = crate::lifecycle::certs::kept_key(s, name, &cur)?;
        return Ok(("cert", n, deliver_cert(p, name, &cur.pem, &key)));
    }
    Err(Error::new(
        ErrorKind::NotFound,
        format!("{name:?} is not an API key or certificate with outputs"),
    )
    .hint("JWT signing keys have no secret outputs; publish them with `vauth jwt jwks`"))
}
