//! `vauth key rotate NAME [--grace 24h]`. A key vauth made gets a new version from the OS random
//! source, pushed wherever the previous one lives; a key a database made (`key create --on`) gets
//! its successor from that database, probed before anything is recorded.

use super::{Ctx, Delivery, Extras, PreviousReport, resolve_expiry};
use crate::audit::AuditEvent;
use crate::cli::key::RotateArgs;
use crate::error::{Error, Outcome, Result};
use crate::lifecycle::keys::{
    add_version, confirm_ending, end_versions, find, joined, take_back_ended, to_end, versions_list,
};
use crate::lifecycle::made::{OnReport, create_on, describe, undo};
use crate::lifecycle::push::{follow_pushes, marker, record};
use crate::remote::{PushSpec, TargetConfig};
use crate::store::state::{KeyVersion, Origin, Pushed};
use crate::store::{OpenMode, Session};
use crate::timefmt::rfc3339;

/// The target that made `current` (and must make its successor), with its live push record.
fn made_by(
    s: &Session,
    name: &str,
    current: &KeyVersion,
) -> Result<Option<(String, TargetConfig, Pushed)>> {
    for p in current.pushed.iter().filter(|p| p.revoked_at.is_none()) {
        match s.config.target.get(&p.target) {
            Some(c) if c.kind.generates_secret() => {
                return Ok(Some((p.target.clone(), c.clone(), p.clone())));
            }
            None if current.origin == Origin::Target => {
                return Err(crate::lifecycle::targets::unknown(&p.target).hint(format!(
                    "{name} v{} was made by {}, which is no longer in vauth.toml; add it again",
                    current.version, p.target
                )));
            }
            _ => {}
        }
    }
    if current.origin == Origin::Target {
        return Err(Error::state(format!(
            "{name} v{} was made by a database target that no longer holds it; vauth cannot make its successor",
            current.version
        ))
        .hint(format!(
            "start it again there: `vauth key create {name} --force --on TARGET`"
        )));
    }
    Ok(None)
}

/// Run `vauth key rotate`.
pub(super) fn run(ctx: &Ctx<'_>, args: &RotateArgs) -> Result<Outcome> {
    let to = Delivery::checked(ctx, &args.name, &args.output, args.force)?;
    let explicit_expiry = resolve_expiry(args.expires, ctx.now)?;
    let mut s = ctx.open(OpenMode::Write)?;
    let now = s.now;
    if s.state.rotations.contains_key(&args.name) {
        return Err(Error::state(format!(
            "a rotation of {} by `vauth rotate` is unfinished",
            args.name
        ))
        .hint(format!(
            "finish it: `vauth rotate apply {}` (it resumes with the same successor)",
            args.name
        )));
    }
    let k = find(&s, &args.name)?;
    let current = k.current().cloned();
    let prefix = k
        .prefix
        .clone()
        .or_else(|| s.config.keys.prefix.clone())
        .unwrap_or_else(|| crate::apikey::DEFAULT_PREFIX.to_string());
    let Some(current) = current else {
        return Err(
            Error::state(format!("{} has no current version to rotate", args.name)).hint(format!(
                "it was revoked; `vauth key create {} --force` starts it again",
                args.name
            )),
        );
    };
    let grace = args
        .grace
        .or_else(|| s.config.key_grace())
        .unwrap_or(crate::lifecycle::DEFAULT_GRACE);
    let expires = match explicit_expiry {
        Some(t) => Some(t),
        None => crate::lifecycle::same_lifetime(now, current.created, current.expires)?,
    };
    let grace_until = now + grace.duration();
    // The rule of 2: older live versions end now (a version in grace only when confirmed), and
    // are recorded revoked before the successor reaches any target (on an alternating target it
    // takes the oldest version's user).
    let next = crate::lifecycle::next_version(&args.name, Some(k_last(&s, &args.name)?))?;
    let k = find(&s, &args.name)?;
    let ending = to_end(k, now);
    let pushed_somewhere = k
        .versions
        .iter()
        .any(|v| v.pushed.iter().any(|p| p.revoked_at.is_none()));
    confirm_ending(&args.name, &ending, next, |q| {
        Ok(ctx.global.yes || (ctx.can_prompt() && ctx.confirm(q)?))
    })?;
    let ended = end_versions(&mut s, &args.name, &ending, next)?;
    if !ended.is_empty() && pushed_somewhere {
        s.commit(
            AuditEvent::new("key.end")
                .detail("name", &args.name)
                .detail("versions", joined(&ended))
                .detail("successor", next.to_string()),
        )?;
    }
    let not_rotated = |e: &Error| {
        let mut m = format!("{}; nothing was rotated", e.message());
        if !ended.is_empty() {
            m.push_str(&format!(
                ", but {} {} ended as asked (recorded revoked; `vauth key revoke {} --version N` takes it back on its targets)",
                args.name,
                versions_list(&ended),
                args.name
            ));
        }
        Error::new(e.kind(), m).hint(e.hint_text().unwrap_or("fix the target, then rotate again"))
    };
    if let Some(k) = s.state.api_keys.get_mut(&args.name)? {
        for v in k
            .versions
            .iter_mut()
            .filter(|v| v.grace_until.is_none() && v.revoked_at.is_none())
        {
            v.grace_until = Some(grace_until);
        }
    }
    let made_by = made_by(&s, &args.name, &current)?;
    // A database-made key: that database makes the successor (probed, or taken back).
    let mut made: Option<(String, TargetConfig, PushSpec, Pushed)> = None;
    let key = match &made_by {
        None => crate::apikey::generate(&prefix)
            .map_err(|e| Error::state(format!("the OS random source failed: {e}")))?,
        Some((tname, cfg, prev)) => {
            if !args.no_keep {
                s.vault()?;
            }
            let spec = PushSpec {
                name: prev.remote_name.clone(),
                version: next,
                valid_until: expires,
                now,
                marker: marker(&s),
                adopt: false,
                recorded: true,
                grants: Vec::new(),
                key_patterns: Vec::new(),
                commands: Vec::new(),
                sha256: String::new(),
                roles: Vec::new(),
                role_descriptors: None,
                scopes: find(&s, &args.name)?.scopes.clone(),
            };
            let (pushed, secret) =
                create_on(tname, cfg, &spec, Some(prev), now).map_err(|e| not_rotated(&e))?;
            made = Some((tname.clone(), cfg.clone(), spec, pushed));
            secret
        }
    };
    let origin = if made.is_some() {
        Origin::Target
    } else {
        Origin::Generated
    };
    let v = match add_version(&mut s, &args.name, &key, origin, !args.no_keep, expires) {
        Ok(v) => v,
        Err(e) => return Err(undo_made(made.as_ref(), e)),
    };
    let mut cut_off = Vec::new();
    if let Some((tname, _, _, pushed)) = &made {
        record(&mut s, &args.name, v.version, pushed.clone())?;
        cut_off = replaced_users(&mut s, &args.name, v.version, tname, &pushed.user)?;
        cut_off.retain(|(old, _)| !ended.contains(old));
    }
    // Push the new version wherever the old one lives, and probe it, before anything is committed.
    let (pushes, push_err) = follow_pushes(&mut s, &args.name, &v, &key);
    // (A successor the database made is recorded even when the pushes elsewhere failed.)
    if let Some(e) = push_err.as_ref()
        && pushes.is_empty()
        && made.is_none()
    {
        return Err(not_rotated(e));
    }
    let mut ev = AuditEvent::new("key.rotate")
        .detail("name", &args.name)
        .detail("version", v.version.to_string())
        .detail("fingerprint", v.fingerprint())
        .detail("previous_version", current.version.to_string())
        .detail("grace_until", rfc3339(grace_until));
    if let Some(id) = &v.id {
        ev = ev.detail("id", id);
    }
    if !ended.is_empty() {
        ev = ev.detail("ended", joined(&ended));
    }
    if let Some((tname, _, _, p)) = &made {
        ev = ev.detail("target", tname).detail("user", &p.user);
        if let Some(id) = &p.remote_id {
            ev = ev.detail("remote_id", id);
        }
    }
    if !pushes.is_empty() {
        let list: Vec<String> = pushes
            .iter()
            .map(|p| format!("{}:{}:{}", p.target, p.user, p.verified))
            .collect();
        ev = ev.detail("pushed", list.join(","));
    }
    if let Err(e) = s.commit(ev) {
        return Err(undo_made(made.as_ref(), e));
    }
    // The successor is current (and verified wherever it was pushed): take the ended versions
    // back on their targets.
    let (taken, log, mut take_back_err) = take_back_ended(&mut s, &args.name, v.version)?;
    for l in &log {
        ctx.ui.debug(&format!("vauth: ran {l}"));
    }
    if !taken.is_empty()
        && let Err(e) = s.commit(
            AuditEvent::new("key.revoke")
                .detail("name", &args.name)
                .detail("versions", joined(&taken))
                .detail("reason", format!("ended by the rotation to v{}", v.version)),
        )
    {
        take_back_err.get_or_insert(e);
    }
    let hook_scrub = crate::hook::secret_env_names(&s.config);
    drop(s);
    let prev = PreviousReport {
        version: current.version,
        grace_until: rfc3339(grace_until),
        ended: ended.clone(),
    };
    to.emit(
        &v,
        &key,
        Extras {
            previous: Some(prev),
            target: made
                .as_ref()
                .map(|(_, cfg, _, p)| OnReport::of(p, cfg.kind)),
        },
    )?;
    if let Some((tname, cfg, _, p)) = &made {
        ctx.ui.note(&format!(
            "Created {} v{} on {tname}: {} (probed: it authenticates, a wrong key is refused).",
            args.name,
            v.version,
            describe(cfg.kind, &p.user, p.remote_id.as_deref())
        ));
    }
    for (old, user) in &cut_off {
        ctx.ui.warn(&format!(
            "vauth: {} v{old} lived on {user}, which now holds v{}: v{old} no longer authenticates there.",
            args.name, v.version
        ));
    }
    if !ended.is_empty() {
        ctx.ui.note(&format!(
            "Ended {} {} (revoked now): at most two versions stay live, the current one and one in grace.",
            args.name,
            versions_list(&ended)
        ));
    }
    ctx.ui.note(&format!(
        "{} v{} stays valid until {} (grace {grace}).",
        args.name,
        current.version,
        rfc3339(grace_until)
    ));
    for p in &pushes {
        ctx.ui.note(&format!(
            "Pushed {} v{} to {}: log in as {}{}.",
            args.name,
            v.version,
            p.target,
            p.user,
            crate::output::probed(p.verified)
        ));
    }
    if let Some(e) = take_back_err {
        return Err(Error::new(
            e.kind(),
            format!(
                "{} v{} is current, but {} (ended) was not taken back everywhere: {}",
                args.name,
                v.version,
                versions_list(&ended),
                e.message()
            ),
        )
        .hint(format!(
            "it is recorded revoked; `vauth key revoke {} --version N` takes it back once the target answers",
            args.name
        )));
    }
    if let Some(e) = push_err {
        return Err(Error::new(
            e.kind(),
            format!(
                "{}; the rotation was recorded with the pushes that did happen (`vauth target show`)",
                e.message()
            ),
        )
        .hint(e.hint_text().unwrap_or("fix the target, then `vauth push` the key to it")));
    }
    if let Some(cmd) = &args.exec {
        let mut targets: Vec<String> = pushes.iter().map(|p| p.target.clone()).collect();
        if let Some((tname, ..)) = &made {
            targets.push(tname.clone());
        }
        crate::hook::exec(
            cmd,
            &[
                ("VAUTH_EVENT", "rotate".to_string()),
                ("VAUTH_KEY", args.name.clone()),
                ("VAUTH_VERSION", v.version.to_string()),
                ("VAUTH_PREVIOUS_VERSION", current.version.to_string()),
                ("VAUTH_GRACE_UNTIL", rfc3339(grace_until)),
                ("VAUTH_TARGETS", targets.join(",")),
            ],
            &hook_scrub,
        )?;
    }
    Ok(Outcome::Ok)
}

/// The newest version number of key `name`.
fn k_last(s: &Session, name: &str) -> Result<u32> {
    Ok(s.state
        .api_keys
        .get(name)?
        .and_then(|k| k.versions.last())
        .map_or(0, |v| v.version))
}

/// Older versions whose live push on `tname` used `user`, which now holds version `new` (weaviate
/// recreates the user): marked revoked there. Returns `(version, user)` of each.
fn replaced_users(
    s: &mut Session,
    name: &str,
    new: u32,
    tname: &str,
    user: &str,
) -> Result<Vec<(u32, String)>> {
    let now = s.now;
    let mut cut = Vec::new();
    if let Some(k) = s.state.api_keys.get_mut(name)? {
        for v in k.versions.iter_mut().filter(|v| v.version != new) {
            for p in v
                .pushed
                .iter_mut()
                .filter(|p| p.target == tname && p.user == user && p.revoked_at.is_none())
            {
                p.revoked_at = Some(now);
                cut.push((v.version, user.to_string()));
            }
        }
    }
    Ok(cut)
}

/// A local failure after the target made the successor: take it back there.
fn undo_made(made: Option<&(String, TargetConfig, PushSpec, Pushed)>, e: Error) -> Error {
    match made {
        Some((tname, cfg, spec, p)) => undo(tname, cfg, spec, p, e),
        None => e,
    }
}
