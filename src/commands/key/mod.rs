//! `vauth key …`: one module per verb, plus what create/import/rotate share: making a version,
//! and handing a new secret to the user exactly once in the chosen format.

mod create;
mod import;
mod list;
pub(crate) mod remote;
mod revoke;
mod rotate;
mod show;
mod verify;

use serde::Serialize;
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::Ctx;
use crate::cli::key::{KeyCommand, SecretFormat, SecretOut};
use crate::env;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::store::Session;
use crate::store::state::{ApiKey, KeyVersion, Origin};
use crate::timefmt::{TimeArg, rfc3339};

/// Run `vauth key …`.
pub fn run(ctx: &Ctx<'_>, cmd: &KeyCommand) -> Result<Outcome> {
    match cmd {
        KeyCommand::Create(a) => create::run(ctx, a),
        KeyCommand::Import(a) => import::run(ctx, a),
        KeyCommand::List(a) => list::run(ctx, a),
        KeyCommand::Show(a) => show::run(ctx, a),
        KeyCommand::Verify(a) => verify::run(ctx, a),
        KeyCommand::Rotate(a) => rotate::run(ctx, a),
        KeyCommand::Revoke(a) => revoke::run(ctx, a),
    }
}

/// The error for an unknown key name.
pub(crate) fn unknown(name: &str) -> Error {
    Error::new(ErrorKind::NotFound, format!("no API key named {name:?}"))
        .hint("see `vauth key list` for the names in this home")
}

/// Look a key up by name.
pub(crate) fn find<'a>(s: &'a Session, name: &str) -> Result<&'a ApiKey> {
    s.state.api_keys.get(name).ok_or_else(|| unknown(name))
}

/// Resolve an `--expires` value: must lie in the future.
pub(crate) fn resolve_expiry(
    arg: Option<TimeArg>,
    now: OffsetDateTime,
) -> Result<Option<OffsetDateTime>> {
    let Some(a) = arg else { return Ok(None) };
    let t = a.resolve(now);
    if t <= now {
        return Err(
            Error::usage(format!("--expires {} is not in the future", rfc3339(t)))
                .hint("give a duration such as 90d or a future RFC 3339 time"),
        );
    }
    Ok(Some(t))
}

/// Add a new version holding `key` to the registry entry `name` (created if absent), keep the
/// plaintext in the vault when asked, and return the version.
pub(crate) fn add_version(
    s: &mut Session,
    name: &str,
    key: &Zeroizing<String>,
    origin: Origin,
    keep: bool,
    expires: Option<OffsetDateTime>,
) -> Result<KeyVersion> {
    let now = s.now;
    let parsed = crate::apikey::parse(key).ok();
    let entry = s
        .state
        .api_keys
        .entry(name.to_string())
        .or_insert_with(|| ApiKey {
            name: name.to_string(),
            prefix: None,
            scopes: Vec::new(),
            labels: Default::default(),
            created: now,
            versions: Vec::new(),
        });
    if let Some(p) = parsed {
        entry.prefix = Some(p.prefix.to_string());
    }
    let version = crate::lifecycle::next_version(name, entry.versions.last().map(|v| v.version))?;
    let v = KeyVersion {
        version,
        id: parsed.map(|p| p.id.to_string()),
        sha256: crate::apikey::digest_hex(key),
        origin,
        kept: keep,
        created: now,
        expires,
        grace_until: None,
        revoked_at: None,
        pushed: Vec::new(),
    };
    entry.versions.push(v.clone());
    if keep {
        let entry_name = v.vault_entry(name);
        s.vault()?.put(&entry_name, Zeroizing::new(key.to_string()));
    }
    Ok(v)
}

/// The default variable name for a key: upper-case, `-`/`.` as `_`.
pub(crate) fn default_var(name: &str) -> String {
    let mut v: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if v.starts_with(|c: char| c.is_ascii_digit()) {
        v.insert_str(0, "KEY_");
    }
    v
}

/// Checks made before anything is changed, so a bad output target loses nothing.
pub(crate) fn precheck_output(out: &SecretOut, force: bool) -> Result<()> {
    if let Some(p) = &out.out {
        crate::fsutil::precheck_user_file(p, force)?;
    }
    if out.format == SecretFormat::Github
        && out.out.is_none()
        && env::get_os(env::GITHUB_OUTPUT).is_none()
    {
        return Err(
            Error::input("--format github needs $GITHUB_OUTPUT, which is not set")
                .hint("run inside a GitHub Actions step, or use --format dotenv"),
        );
    }
    Ok(())
}

/// The public description of a version, shared by create/rotate/import reports.
#[derive(Serialize)]
pub(crate) struct NewKeyReport<'a> {
    name: &'a str,
    version: u32,
    id: Option<&'a str>,
    fingerprint: String,
    created: String,
    expires: Option<String>,
    kept: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<PreviousReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<remote::OnReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    out: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
}

/// The version a rotation replaced.
#[derive(Serialize)]
pub(crate) struct PreviousReport {
    pub(crate) version: u32,
    pub(crate) grace_until: String,
}

/// What a new-key report says beyond the version itself.
#[derive(Default)]
pub(crate) struct Extras {
    /// The version a rotation replaced.
    pub(crate) previous: Option<PreviousReport>,
    /// The target that made the key (`key create --on`, and its rotations).
    pub(crate) target: Option<remote::OnReport>,
}

/// Hand the new key to the user once: to `--out`, or stdout in `--format`. The version is
/// recorded by then; if it cannot be delivered (a full disk, a closed pipe, an `--out` that
/// appeared meanwhile) the error says so (exit 5) and how to get it again — and a version whose
/// plaintext is not kept (`--no-keep`) exists nowhere, so it is revoked at once rather than left
/// active (its predecessor, if this was a local rotation, becomes current again).
pub(crate) fn emit_new_key(
    ctx: &Ctx<'_>,
    name: &str,
    v: &KeyVersion,
    key: &Zeroizing<String>,
    out: &SecretOut,
    force: bool,
    extras: Extras,
) -> Result<()> {
    let had_previous = extras.previous.as_ref().map(|p| p.version);
    let Err(e) = deliver(ctx, name, v, key, out, force, extras) else {
        return Ok(());
    };
    let why = e.message().to_string();
    if v.kept {
        return Err(Error::new(
            ErrorKind::Undelivered,
            format!(
                "{name} v{} is recorded and active, but it could not be delivered: {why}",
                v.version
            ),
        )
        .hint(format!(
            "it is kept in the vault: print it with `vauth key show {name} --reveal --yes`"
        )));
    }
    if !v.pushed.is_empty() {
        return Err(Error::new(
            ErrorKind::Undelivered,
            format!(
                "{name} v{} is active on its targets but could not be delivered ({why}), and it is not kept",
                v.version
            ),
        )
        .hint(format!(
            "revoke it: vauth key revoke {name} --version {}, then run the command again",
            v.version
        )));
    }
    match withdraw(ctx, name, v.version, had_previous) {
        Ok(()) => Err(Error::new(
            ErrorKind::Undelivered,
            format!(
                "{name} v{} could not be delivered ({why}); it was not kept, so it was revoked{}",
                v.version,
                had_previous
                    .map(|p| format!(" and v{p} stays current"))
                    .unwrap_or_default()
            ),
        )
        .hint("fix the output (disk space, the pipe, the --out path), then run the command again")),
        Err(w) => Err(Error::new(
            ErrorKind::Undelivered,
            format!(
                "{name} v{} could not be delivered ({why}), is not kept, and revoking it failed: {}",
                v.version,
                w.message()
            ),
        )
        .hint(format!(
            "revoke it now: vauth --yes key revoke {name} --version {}",
            v.version
        ))),
    }
}

/// Revoke version `version` of `name` that nobody received; reinstate `previous` (the version a
/// local rotation put into grace) as current.
fn withdraw(ctx: &Ctx<'_>, name: &str, version: u32, previous: Option<u32>) -> Result<()> {
    let mut s = ctx.open(crate::store::OpenMode::Write)?;
    let now = s.now;
    let k = s
        .state
        .api_keys
        .get_mut(name)
        .ok_or_else(|| unknown(name))?;
    for v in k.versions.iter_mut() {
        if v.version == version {
            v.revoked_at = Some(now);
        } else if Some(v.version) == previous && v.revoked_at.is_none() {
            v.grace_until = None;
        }
    }
    s.commit(
        crate::audit::AuditEvent::new("key.revoke")
            .detail("name", name)
            .detail("version", version.to_string())
            .detail("reason", "undelivered"),
    )
}

fn deliver(
    ctx: &Ctx<'_>,
    name: &str,
    v: &KeyVersion,
    key: &Zeroizing<String>,
    out: &SecretOut,
    force: bool,
    extras: Extras,
) -> Result<()> {
    let Extras { previous, target } = extras;
    let var = out.var.clone().unwrap_or_else(|| default_var(name));
    let mut report = NewKeyReport {
        name,
        version: v.version,
        id: v.id.as_deref(),
        fingerprint: v.fingerprint(),
        created: rfc3339(v.created),
        expires: v.expires.map(rfc3339),
        kept: v.kept,
        previous,
        target,
        out: None,
        key: None,
    };
    let formatted: Zeroizing<String> = match out.format {
        SecretFormat::Plain => Zeroizing::new(format!("{}\n", key.as_str())),
        SecretFormat::Json => {
            report.key = Some(key.as_str());
            let s = serde_json::to_string(&report).map_err(|e| Error::bug(e.to_string()))?;
            report.key = None;
            Zeroizing::new(format!("{s}\n"))
        }
        SecretFormat::Env => Zeroizing::new(format!("export {var}='{}'\n", key.as_str())),
        SecretFormat::Dotenv => Zeroizing::new(format!("{var}={}\n", key.as_str())),
        SecretFormat::Github => Zeroizing::new(format!("{var}={}\n", key.as_str())),
    };
    let kept_note = if v.kept {
        format!("it is kept sealed in the vault (`vauth key show {name} --reveal`)")
    } else {
        "it is not kept anywhere (--no-keep): store it now".to_string()
    };
    if let Some(path) = &out.out {
        crate::fsutil::write_user_file(path, formatted.as_bytes(), crate::fsutil::PRIVATE, force)?;
        report.out = Some(path.display().to_string());
        if ctx.ui.json {
            ctx.ui.out_json(&report)?;
        } else {
            ctx.ui.note(&format!(
                "Wrote {name} v{} to {} (mode 0600); {kept_note}.",
                v.version,
                path.display()
            ));
        }
        return Ok(());
    }
    match out.format {
        SecretFormat::Github => {
            let Some(gh) = env::get_os(env::GITHUB_OUTPUT) else {
                return Err(Error::input(
                    "--format github needs $GITHUB_OUTPUT, which is not set",
                ));
            };
            let gh = std::path::PathBuf::from(gh);
            ctx.ui.out(&format!("::add-mask::{}", key.as_str()))?;
            crate::fsutil::append_line(&gh, formatted.trim_end(), crate::fsutil::PRIVATE)
                .map_err(|e| Error::io("append to", &gh, &e))?;
            ctx.ui.note(&format!(
                "Masked the key and set step output {var} in $GITHUB_OUTPUT (pass it between steps, not jobs)."
            ));
        }
        SecretFormat::Plain if ctx.ui.json => {
            report.key = Some(key.as_str());
            ctx.ui.out_json(&report)?;
        }
        _ => ctx.ui.out(&formatted)?,
    }
    ctx.ui.note(&format!(
        "This is the only time vauth prints {name} v{} unasked; {kept_note}.",
        v.version
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_names() {
        assert_eq!(default_var("qdrant-prod"), "QDRANT_PROD");
        assert_eq!(default_var("a.b"), "A_B");
        assert_eq!(default_var("1x"), "KEY_1X");
    }
}
