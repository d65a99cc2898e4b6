//! `vauth key rotate NAME [--grace 24h]`.

use super::{
    Ctx, PreviousReport, add_version, emit_new_key, find, precheck_output, resolve_expiry,
};
use crate::audit::AuditEvent;
use crate::cli::key::RotateArgs;
use crate::error::{Error, Outcome, Result};
use crate::store::OpenMode;
use crate::store::state::Origin;
use crate::timefmt::{Span, rfc3339};

/// The grace when neither --grace nor vauth.toml says.
pub(super) const DEFAULT_GRACE: Span = Span::from_seconds_const(24 * 3600);

/// Run `vauth key rotate`.
pub(super) fn run(ctx: &Ctx<'_>, args: &RotateArgs) -> Result<Outcome> {
    precheck_output(&args.output, args.force)?;
    let explicit_expiry = resolve_expiry(args.expires, ctx.now)?;
    let mut s = ctx.open(OpenMode::Write)?;
    let now = s.now;
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
        .unwrap_or(DEFAULT_GRACE);
    let expires = explicit_expiry.or_else(|| current.expires.map(|e| now + (e - current.created)));
    let grace_until = now + grace.duration();
    if let Some(k) = s.state.api_keys.get_mut(&args.name) {
        for v in k
            .versions
            .iter_mut()
            .filter(|v| v.grace_until.is_none() && v.revoked_at.is_none())
        {
            v.grace_until = Some(grace_until);
        }
    }
    let key = crate::apikey::generate(&prefix)
        .map_err(|e| Error::state(format!("the OS random source failed: {e}")))?;
    let v = add_version(
        &mut s,
        &args.name,
        &key,
        Origin::Generated,
        !args.no_keep,
        expires,
    )?;
    // Push the new version wherever the old one lives, and probe it, before anything is committed.
    let (pushes, push_err) =
        crate::commands::target::push::follow_pushes(&mut s, &args.name, &v, &key);
    if let Some(e) = push_err.as_ref()
        && pushes.is_empty()
    {
        return Err(
            Error::new(e.kind(), format!("{}; nothing was rotated", e.message()))
                .hint(e.hint_text().unwrap_or("fix the target, then rotate again")),
        );
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
    if !pushes.is_empty() {
        let list: Vec<String> = pushes
            .iter()
            .map(|p| format!("{}:{}:{}", p.target, p.user, p.verified))
            .collect();
        ev = ev.detail("pushed", list.join(","));
    }
    s.commit(ev)?;
    drop(s);
    let prev = PreviousReport {
        version: current.version,
        grace_until: rfc3339(grace_until),
    };
    emit_new_key(
        ctx,
        &args.name,
        &v,
        &key,
        &args.output,
        args.force,
        Some(prev),
    )?;
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
            if p.verified {
                " (probed)"
            } else {
                " (UNVERIFIED)"
            }
        ));
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
    Ok(Outcome::Ok)
}
