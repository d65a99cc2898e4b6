//! `vauth key show NAME [--reveal]`.

use serde::Serialize;

use super::Ctx;
use crate::cli::key::ShowArgs;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::lifecycle::keys::{find, unknown};
use crate::output::{Report, Ui};
use crate::store::OpenMode;
use crate::timefmt::rfc3339;

#[derive(Serialize)]
struct VersionRow<'a> {
    version: u32,
    id: Option<&'a str>,
    status: &'static str,
    origin: crate::store::state::Origin,
    fingerprint: String,
    created: String,
    expires: Option<String>,
    grace_until: Option<String>,
    revoked_at: Option<String>,
    /// Why, when vauth ended it (a rotation inside its grace: the rule of 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    revoked_reason: Option<&'a str>,
    kept: bool,
}

#[derive(Serialize)]
struct Shown<'a> {
    name: &'a str,
    prefix: Option<&'a str>,
    status: &'static str,
    scopes: &'a [String],
    labels: &'a std::collections::BTreeMap<String, String>,
    created: String,
    versions: Vec<VersionRow<'a>>,
}

impl Report for Shown<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        let mut out = format!(
            "name     {}\nstatus   {}\ncreated  {}\nscopes   {}\n",
            self.name,
            self.status,
            self.created,
            if self.scopes.is_empty() {
                "-".to_string()
            } else {
                self.scopes.join(",")
            }
        );
        if !self.labels.is_empty() {
            let l: Vec<String> = self
                .labels
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            out.push_str(&format!("labels   {}\n", l.join(" ")));
        }
        out.push('\n');
        let rows: Vec<Vec<String>> = self
            .versions
            .iter()
            .map(|v| {
                let until = v
                    .revoked_at
                    .clone()
                    .map(|t| match v.revoked_reason {
                        Some(r) => format!("revoked {t} ({r})"),
                        None => format!("revoked {t}"),
                    })
                    .or_else(|| v.grace_until.clone().map(|t| format!("grace until {t}")))
                    .or_else(|| v.expires.clone().map(|t| format!("expires {t}")))
                    .unwrap_or_else(|| "-".into());
                vec![
                    v.version.to_string(),
                    v.id.unwrap_or("-").to_string(),
                    v.status.to_string(),
                    v.fingerprint.clone(),
                    v.created.clone(),
                    until,
                    if v.kept { "yes".into() } else { "no".into() },
                ]
            })
            .collect();
        out.push_str(&crate::output::table(
            &[
                "VERSION",
                "ID",
                "STATUS",
                "FINGERPRINT",
                "CREATED",
                "VALIDITY",
                "KEPT",
            ],
            &rows,
        ));
        ui.out(&out)
    }
}

#[derive(Serialize)]
struct Revealed<'a> {
    name: &'a str,
    version: u32,
    key: &'a str,
}

impl Report for Revealed<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.out(self.key)
    }
}

/// Run `vauth key show`.
pub(super) fn run(ctx: &Ctx<'_>, args: &ShowArgs) -> Result<Outcome> {
    if args.reveal {
        return reveal(ctx, args);
    }
    let s = ctx.open(OpenMode::Read)?;
    let k = find(&s, &args.name)?;
    let now = ctx.now;
    let r = Shown {
        name: &k.name,
        prefix: k.prefix.as_deref(),
        status: k.status(now).as_str(),
        scopes: &k.scopes,
        labels: &k.labels,
        created: rfc3339(k.created),
        versions: k
            .versions
            .iter()
            .map(|v| VersionRow {
                version: v.version,
                id: v.id.as_deref(),
                status: v.status(now).as_str(),
                origin: v.origin,
                fingerprint: v.fingerprint(),
                created: rfc3339(v.created),
                expires: v.expires.map(rfc3339),
                grace_until: v.grace_until.map(rfc3339),
                revoked_at: v.revoked_at.map(rfc3339),
                revoked_reason: v.revoked_reason.as_deref(),
                kept: v.kept && v.status(now).is_valid(),
            })
            .collect(),
    };
    ctx.ui.report(&r)?;
    Ok(Outcome::Ok)
}

fn reveal(ctx: &Ctx<'_>, args: &ShowArgs) -> Result<Outcome> {
    // Check the request before asking anything.
    let version = {
        let s = ctx.open(OpenMode::Read)?;
        let k = find(&s, &args.name)?;
        let v = match args.version {
            Some(n) => k.versions.iter().find(|v| v.version == n).ok_or_else(|| {
                Error::new(
                    ErrorKind::NotFound,
                    format!("{} has no version {n}", args.name),
                )
                .hint(format!("see `vauth key show {}`", args.name))
            })?,
            None => k.current().ok_or_else(|| {
                Error::new(
                    ErrorKind::NotFound,
                    format!("{} has no current version", args.name),
                )
                .hint("it was revoked; create or rotate to get a new one")
            })?,
        };
        if !v.kept {
            return Err(Error::new(
                ErrorKind::NotFound,
                format!("the plaintext of {} v{} is not kept", args.name, v.version),
            )
            .hint("it was created with --no-keep; only its hash exists"));
        }
        if !v.status(ctx.now).is_valid() {
            return Err(Error::new(
                ErrorKind::NotFound,
                format!(
                    "{} v{} is {}: its plaintext was erased",
                    args.name,
                    v.version,
                    v.status(ctx.now).as_str()
                ),
            )
            .hint("only active and in-grace versions are kept"));
        }
        v.version
    };
    if !ctx.confirm(&format!("Print the secret of {} v{version}?", args.name))? {
        return Err(
            Error::new(ErrorKind::NoTerminal, "not confirmed; nothing was printed")
                .hint("answer yes, or pass --yes"),
        );
    }
    // Write mode: every reveal leaves an audit line (name and version, never the secret),
    // committed before the secret is printed, so no disclosure goes unrecorded.
    let mut s = ctx.open(OpenMode::Write)?;
    let k = find(&s, &args.name)?;
    let entry = k
        .versions
        .iter()
        .find(|v| v.version == version)
        .map(|v| v.vault_entry(&k.name))
        .ok_or_else(|| unknown(&args.name))?;
    let name = k.name.clone();
    let secret = s
        .vault()?
        .get(&entry)?
        .map(|v| zeroize::Zeroizing::new(v.to_string()))
        .ok_or_else(|| {
            Error::vault(format!("the vault has no plaintext for {name} v{version}"))
                .hint("restore secrets.vault, or rotate the key")
        })?;
    s.commit(
        crate::audit::AuditEvent::new("key.reveal")
            .detail("name", name.as_str())
            .detail("version", version.to_string()),
    )?;
    ctx.ui.report(&Revealed {
        name: &name,
        version,
        key: &secret,
    })?;
    Ok(Outcome::Ok)
}
