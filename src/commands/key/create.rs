//! `vauth key create NAME`.

use super::{Ctx, add_version, emit_new_key, precheck_output, resolve_expiry};
use crate::audit::AuditEvent;
use crate::cli::key::CreateArgs;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::store::OpenMode;
use crate::store::state::Origin;

/// Run `vauth key create`.
pub(super) fn run(ctx: &Ctx<'_>, args: &CreateArgs) -> Result<Outcome> {
    precheck_output(&args.output, args.force)?;
    let explicit_expiry = resolve_expiry(args.expires, ctx.now)?;
    let mut s = ctx.open(OpenMode::WriteOrCreate)?;
    let now = s.now;
    let replaced = match s.state.api_keys.get_mut(&args.name) {
        Some(existing) if !args.force => {
            let _ = existing;
            return Err(Error::new(
                ErrorKind::Exists,
                format!("an API key named {:?} already exists", args.name),
            )
            .hint(format!(
                "run `vauth key rotate {}` for a new version, or pass --force to replace it",
                args.name
            )));
        }
        Some(existing) => {
            let mut n = 0;
            for v in existing
                .versions
                .iter_mut()
                .filter(|v| v.revoked_at.is_none())
            {
                v.revoked_at = Some(now);
                n += 1;
            }
            n
        }
        None => 0,
    };
    let prefix = args
        .prefix
        .clone()
        .or_else(|| s.config.keys.prefix.clone())
        .unwrap_or_else(|| crate::apikey::DEFAULT_PREFIX.to_string());
    let expires = explicit_expiry.or_else(|| s.config.key_expires().map(|d| now + d.duration()));
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
    if let Some(k) = s.state.api_keys.get_mut(&args.name) {
        k.scopes = args.scope.clone();
        k.labels = args.label.iter().cloned().collect();
    }
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
    emit_new_key(ctx, &args.name, &v, &key, &args.output, args.force, None)?;
    Ok(Outcome::Ok)
}
