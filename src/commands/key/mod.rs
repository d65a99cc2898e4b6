//! `vauth key …`: one module per verb, plus what create/import/rotate share: checking
//! `--expires` and `--out`, and handing a new secret to the user exactly once in the chosen
//! format. Making a version is `lifecycle::keys::add_version`.

mod create;
mod import;
mod list;
mod revoke;
mod rotate;
mod show;
mod verify;

use serde::Serialize;
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::Ctx;
use crate::cli::key::{CreateArgs, ImportArgs, KeyCommand, KeyMeta, SecretFormat, SecretOut};
use crate::env;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::lifecycle::keys::{add_version, default_var, unknown};
use crate::lifecycle::made::OnReport;
use crate::output::{Report, Ui};
use crate::store::Session;
use crate::store::state::{KeyVersion, Origin};
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

/// Where a new key goes: NAME, `--out`/`--format`/`--var` and `--force`, checked before anything
/// is changed ([`Delivery::checked`]) so a bad output target loses nothing.
pub(crate) struct Delivery<'a> {
    ctx: &'a Ctx<'a>,
    name: &'a str,
    out: &'a SecretOut,
    force: bool,
}

impl<'a> Delivery<'a> {
    /// Check the output target (an `--out` that exists without --force, `--format github`
    /// without $GITHUB_OUTPUT) before anything is changed.
    pub(crate) fn checked(
        ctx: &'a Ctx<'a>,
        name: &'a str,
        out: &'a SecretOut,
        force: bool,
    ) -> Result<Self> {
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
        Ok(Delivery {
            ctx,
            name,
            out,
            force,
        })
    }
}

/// A verb that records a new key (create, import).
pub(crate) trait Records {
    /// NAME, whether to keep the plaintext (not --no-keep), and the --scope and --label values.
    fn record(&self) -> (&str, bool, &KeyMeta);
}

impl Records for CreateArgs {
    fn record(&self) -> (&str, bool, &KeyMeta) {
        (&self.name, !self.no_keep, &self.meta)
    }
}

impl Records for ImportArgs {
    fn record(&self) -> (&str, bool, &KeyMeta) {
        (&self.name, !self.no_keep, &self.meta)
    }
}

/// Add version `key` of the verb's NAME (`lifecycle::keys::add_version`), and record the key's
/// scopes and labels.
pub(crate) fn add_recorded(
    s: &mut Session,
    args: &impl Records,
    key: &Zeroizing<String>,
    origin: Origin,
    expires: Option<OffsetDateTime>,
) -> Result<KeyVersion> {
    let (name, keep, meta) = args.record();
    let v = add_version(s, name, key, origin, keep, expires)?;
    if let Some(k) = s.state.api_keys.get_mut(name)? {
        k.scopes = meta.scope.clone();
        k.labels = meta.label.iter().cloned().collect();
    }
    Ok(v)
}

/// The error for `key create`/`key import` when NAME exists and --force is not given; `instead`
/// is the hint's first choice.
pub(crate) fn exists(name: &str, instead: &str) -> Error {
    Error::new(
        ErrorKind::Exists,
        format!("an API key named {name:?} already exists"),
    )
    .hint(format!("{instead}, or pass --force to replace it"))
}

/// Revoke every unrevoked version of `name` (it is being replaced); how many there were.
pub(crate) fn revoke_all(s: &mut Session, name: &str) -> Result<usize> {
    let now = s.now;
    let mut n = 0;
    if let Some(k) = s.state.api_keys.get_mut(name)? {
        for v in k.versions.iter_mut().filter(|v| v.revoked_at.is_none()) {
            v.revoked_at = Some(now);
            n += 1;
        }
    }
    Ok(n)
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ended: Vec<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<OnReport>,
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
    /// The older versions the rotation ended (the rule of 2): the report's `ended`.
    #[serde(skip)]
    pub(crate) ended: Vec<u32>,
}

/// What a new-key report says beyond the version itself.
#[derive(Default)]
pub(crate) struct Extras {
    /// The version a rotation replaced.
    pub(crate) previous: Option<PreviousReport>,
    /// The target that made the key (`key create --on`, and its rotations).
    pub(crate) target: Option<OnReport>,
}

/// A new key written to `--out`: the report (`--json`), else a note saying where.
#[derive(Serialize)]
#[serde(transparent)]
struct Wrote<'a> {
    report: NewKeyReport<'a>,
    #[serde(skip)]
    note: String,
}

impl Report for Wrote<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.note(&self.note);
        Ok(())
    }
}

/// A new key on stdout, `--format plain`: the report with the key (`--json`), else the key.
#[derive(Serialize)]
#[serde(transparent)]
struct Plain<'a> {
    report: NewKeyReport<'a>,
    #[serde(skip)]
    line: &'a str,
}

impl Report for Plain<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.out(self.line)
    }
}

impl Delivery<'_> {
    /// Hand the new key to the user once: to `--out`, or stdout in `--format`. The version is
    /// recorded by then; if it cannot be delivered (a full disk, a closed pipe, an `--out` that
    /// appeared meanwhile) the error says so (exit 5) and how to get it again — and a version whose
    /// plaintext is not kept (`--no-keep`) exists nowhere, so it is revoked at once rather than left
    /// active (its predecessor, if this was a local rotation, becomes current again).
    pub(crate) fn emit(
        &self,
        v: &KeyVersion,
        key: &Zeroizing<String>,
        extras: Extras,
    ) -> Result<()> {
        let (ctx, name) = (self.ctx, self.name);
        let had_previous = extras.previous.as_ref().map(|p| p.version);
        let Err(e) = self.deliver(v, key, extras) else {
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

    fn deliver(&self, v: &KeyVersion, key: &Zeroizing<String>, extras: Extras) -> Result<()> {
        let Delivery {
            ctx,
            name,
            out,
            force,
        } = *self;
        let Extras { previous, target } = extras;
        let ended = previous
            .as_ref()
            .map(|p| p.ended.clone())
            .unwrap_or_default();
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
            ended,
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
            crate::fsutil::write_user_file(
                path,
                formatted.as_bytes(),
                crate::fsutil::PRIVATE,
                force,
            )?;
            report.out = Some(path.display().to_string());
            let note = format!(
                "Wrote {name} v{} to {} (mode 0600); {kept_note}.",
                v.version,
                path.display()
            );
            return ctx.ui.report(&Wrote { report, note });
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
            SecretFormat::Plain => {
                report.key = Some(key.as_str());
                ctx.ui.report(&Plain {
                    report,
                    line: &formatted,
                })?;
            }
            // The other formats are the product whether or not --json is given.
            _ => ctx.ui.out(&formatted)?,
        }
        ctx.ui.note(&format!(
            "This is the only time vauth prints {name} v{} unasked; {kept_note}.",
            v.version
        ));
        Ok(())
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
        .get_mut(name)?
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
