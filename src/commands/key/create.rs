//! `vauth key create NAME`, and `vauth key create NAME --on TARGET` (the database makes it).

use serde::Serialize;

use super::{Ctx, Delivery, Extras, add_recorded, exists, resolve_expiry, revoke_all};
use crate::audit::AuditEvent;
use crate::cli::key::CreateArgs;
use crate::error::{Error, Outcome, Result};
use crate::lifecycle::made::{OnReport, create_on, describe, undo};
use crate::lifecycle::push::{DryRun, PushOptions, marker, read_role_descriptors, record};
use crate::lifecycle::targets::find;
use crate::output::{Report, Ui};
use crate::remote::{AnyTarget, Kind, PushSpec, Target as _, remote_name};
use crate::store::OpenMode;
use crate::store::state::Origin;

/// `key create --on TARGET --dry-run`: the plan (`--json`: the object), and a note.
#[derive(Serialize)]
#[serde(transparent)]
struct OnDryRun {
    run: DryRun,
    #[serde(skip)]
    note: String,
}

impl Report for OnDryRun {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.out(&self.run.plan.join("\n"))?;
        ui.note(&format!("Dry run: nothing was changed. {}", self.note));
        Ok(())
    }
}

/// NAME exists and --force is not given.
fn rotate_instead(name: &str) -> Error {
    exists(
        name,
        &format!("run `vauth key rotate {name}` for a new version"),
    )
}

/// Run `vauth key create`.
pub(super) fn run(ctx: &Ctx<'_>, args: &CreateArgs) -> Result<Outcome> {
    let to = Delivery::checked(ctx, &args.name, &args.output, args.force)?;
    let explicit_expiry = resolve_expiry(args.expires, ctx.now)?;
    if let Some(on) = &args.on {
        return run_on(ctx, args, on, explicit_expiry, &to);
    }
    let mut s = ctx.open(OpenMode::WriteOrCreate)?;
    let now = s.now;
    if s.state.api_keys.contains_key(&args.name)? && !args.force {
        return Err(rotate_instead(&args.name));
    }
    let replaced = revoke_all(&mut s, &args.name)?;
    let prefix = args
        .prefix
        .clone()
        .or_else(|| s.config.keys.prefix.clone())
        .unwrap_or_else(|| crate::apikey::DEFAULT_PREFIX.to_string());
    let expires = explicit_expiry.or_else(|| s.config.key_expires().map(|d| now + d.duration()));
    let key = crate::apikey::generate(&prefix)
        .map_err(|e| Error::state(format!("the OS random source failed: {e}")))?;
    let v = add_recorded(&mut s, args, &key, Origin::Generated, expires)?;
    let mut ev = AuditEvent::new("key.create")
        .detail("name", &args.name)
        .detail("version", v.version.to_string())
        .detail("fingerprint", v.fingerprint());
    if let Some(id) = &v.id {
        ev = ev.detail("id", id);
    }
    if replaced > 0 {
        ev = ev.detail("replaced_versions", replaced.to_string());
    }
    s.commit(ev)?;
    drop(s);
    to.emit(&v, &key, Extras::default())?;
    Ok(Outcome::Ok)
}

/// `key create NAME --on TARGET`: the target makes the key; probe it, then record it.
fn run_on(
    ctx: &Ctx<'_>,
    args: &CreateArgs,
    tname: &str,
    explicit_expiry: Option<time::OffsetDateTime>,
    to: &Delivery<'_>,
) -> Result<Outcome> {
    let role_descriptors = match &args.role_descriptors {
        Some(p) => Some(read_role_descriptors(p)?),
        None => None,
    };
    let o = PushOptions {
        roles: args.role.clone(),
        role_descriptors,
        adopt: args.adopt.is_some(),
        ..PushOptions::default()
    };
    let mut s = ctx.open(if args.dry_run {
        OpenMode::Read
    } else {
        OpenMode::Write
    })?;
    let now = s.now;
    let cfg = find(&s, tname)?.clone();
    if !cfg.kind.generates_secret() {
        return Err(Error::usage(format!(
            "{tname} ({}) takes a key vauth makes; it cannot make one itself",
            cfg.kind.as_str()
        ))
        .hint(format!(
            "`vauth key create {}`, then `vauth push {} --to {tname}`",
            args.name, args.name
        )));
    }
    o.check_kind(&cfg)?;
    let existing = s.state.api_keys.get(&args.name)?.cloned();
    if let Some(k) = &existing {
        if !args.force {
            return Err(rotate_instead(&args.name));
        }
        if let Some(p) = k
            .versions
            .iter()
            .flat_map(|v| v.pushed.iter())
            .find(|p| p.revoked_at.is_none())
        {
            return Err(Error::state(format!(
                "{} still lives on target {}: replacing it would leave it there",
                args.name, p.target
            ))
            .hint(format!(
                "take it back first: `vauth key revoke {} --yes`",
                args.name
            )));
        }
    }
    let expires = explicit_expiry.or_else(|| s.config.key_expires().map(|d| now + d.duration()));
    let spec = PushSpec {
        name: remote_name(cfg.kind, cfg.prefix.as_deref(), &args.name),
        version: crate::lifecycle::next_version(
            &args.name,
            existing
                .as_ref()
                .and_then(|k| k.versions.last())
                .map(|v| v.version),
        )?,
        valid_until: expires,
        now,
        marker: marker(&s),
        adopt: o.adopt,
        recorded: existing.as_ref().is_some_and(|k| {
            k.versions
                .iter()
                .any(|v| v.pushed.iter().any(|p| p.target == tname))
        }),
        grants: Vec::new(),
        key_patterns: Vec::new(),
        commands: Vec::new(),
        sha256: String::new(),
        roles: o.roles.clone(),
        role_descriptors: o.role_descriptors.clone(),
        scopes: args.meta.scope.clone(),
    };
    let t = AnyTarget::offline(tname, &cfg)?;
    let user = t.user_for(&spec);
    if let Some(adopt) = &args.adopt {
        if cfg.kind != Kind::Weaviate {
            return Err(Error::usage(format!(
                "--adopt: {} keys are always new, there is nothing to take over",
                cfg.kind.as_str()
            )));
        }
        if adopt != &user {
            return Err(Error::usage(format!(
                "--adopt {adopt:?}: the user on {tname} would be {user:?}"
            ))
            .hint(format!("pass --adopt {user}")));
        }
    }
    if args.dry_run {
        let note = format!(
            "{tname} would make {} v{} as {user}.",
            args.name, spec.version
        );
        let run = DryRun {
            dry_run: true,
            key: args.name.clone(),
            version: spec.version,
            target: tname.to_string(),
            kind: cfg.kind.as_str(),
            user,
            plan: t.plan(&spec),
        };
        ctx.ui.report(&OnDryRun { run, note })?;
        return Ok(Outcome::Ok);
    }
    drop(t);
    if expires.is_some() && cfg.kind != Kind::Elasticsearch {
        ctx.ui.warn(&format!(
            "vauth: {tname}: {} keys do not expire on the server; revoke {} there when it expires (`vauth key revoke`)",
            cfg.kind.as_str(),
            args.name
        ));
    }
    if !args.no_keep {
        // Fail on a locked vault before the server makes anything.
        s.vault()?;
    }
    let (pushed, secret) = create_on(tname, &cfg, &spec, None, now)?;
    let recorded = (|| {
        let replaced = revoke_all(&mut s, &args.name)?;
        let v = add_recorded(&mut s, args, &secret, Origin::Target, expires)?;
        record(&mut s, &args.name, v.version, pushed.clone())?;
        let mut ev = AuditEvent::new("key.create")
            .detail("name", &args.name)
            .detail("version", v.version.to_string())
            .detail("fingerprint", v.fingerprint())
            .detail("target", tname)
            .detail("user", &pushed.user)
            .detail("verified", pushed.verified.to_string());
        if let Some(id) = &pushed.remote_id {
            ev = ev.detail("remote_id", id);
        }
        if replaced > 0 {
            ev = ev.detail("replaced_versions", replaced.to_string());
        }
        s.commit(ev)?;
        Ok(v)
    })();
    let v = match recorded {
        Ok(v) => v,
        Err(e) => return Err(undo(tname, &cfg, &spec, &pushed, e)),
    };
    drop(s);
    to.emit(
        &v,
        &secret,
        Extras {
            previous: None,
            target: Some(OnReport::of(&pushed, cfg.kind)),
        },
    )?;
    ctx.ui.human_note(&format!(
        "Created {} v{} on {tname}: {} (probed: it authenticates, a wrong key is refused).",
        args.name,
        v.version,
        describe(cfg.kind, &pushed.user, pushed.remote_id.as_deref())
    ));
    Ok(Outcome::Ok)
}
