//! `vauth jwt key rotate NAME [--grace D]`: a new version signs; the previous ones keep verifying
//! (and stay in the JWKS) until the grace ends.

use serde::Serialize;

use super::{Ctx, KeyView, find, key_view};
use crate::audit::AuditEvent;
use crate::cli::jwt::KeyRotateArgs;
use crate::error::{Outcome, Result};
use crate::output::{Report, Ui};
use crate::store::OpenMode;
use crate::timefmt::rfc3339;

/// What `jwt key rotate` reports: the key; for people, which version signs now.
#[derive(Serialize)]
#[serde(transparent)]
struct Rotated {
    key: KeyView,
    #[serde(skip)]
    version: u32,
    #[serde(skip)]
    kid: String,
    /// The version replaced, and until when it verifies.
    #[serde(skip)]
    previous: Option<(u32, String)>,
}

impl Report for Rotated {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.out(&format!(
            "rotated {}: version {} (kid {}) signs now",
            self.key.name, self.version, self.kid
        ))?;
        if let Some((p, until)) = &self.previous {
            ui.note(&format!(
                "version {p} keeps verifying (and stays in the JWKS) until {until}"
            ));
        }
        Ok(())
    }
}

/// Run `vauth jwt key rotate`.
pub(super) fn run(ctx: &Ctx<'_>, a: &KeyRotateArgs) -> Result<Outcome> {
    let mut s = ctx.open(OpenMode::Write)?;
    let now = s.now;
    let grace = a.grace.unwrap_or_else(|| s.config.jwt_max_lifetime());
    let k = find(&s, &a.name)?;
    let (alg, bits) = (k.alg, k.rsa_bits);
    let prev = k.current().map(|v| v.version);
    let until = now + grace.duration();
    if let Some(k) = s.state.jwt_keys.get_mut(&a.name) {
        for v in k
            .versions
            .iter_mut()
            .filter(|v| v.grace_until.is_none() && v.retired_at.is_none())
        {
            v.grace_until = Some(until);
        }
    }
    let v = crate::lifecycle::jwt::add_version(&mut s, &a.name, alg, bits)?;
    let mut ev = AuditEvent::new("jwt.key.rotate")
        .detail("name", &a.name)
        .detail("version", v.version.to_string())
        .detail("kid", &v.kid)
        .detail("grace_seconds", grace.seconds().to_string());
    if let Some(p) = prev {
        ev = ev.detail("previous_version", p.to_string());
    }
    s.commit(ev)?;
    ctx.ui.report(&Rotated {
        key: key_view(find(&s, &a.name)?, now, true),
        version: v.version,
        kid: v.kid.clone(),
        previous: prev.map(|p| (p, rfc3339(until))),
    })?;
    Ok(Outcome::Ok)
}
