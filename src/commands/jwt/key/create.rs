//! `vauth jwt key create NAME --alg ALG`: a new signing key (or, with `--force`, a replacement
//! whose old versions retire now).

use serde::Serialize;

use super::{Ctx, KeyView, find, key_view};
use crate::audit::AuditEvent;
use crate::cli::jwt::KeyCreateArgs;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::jwt::{self, Alg};
use crate::output::{Report, Ui};
use crate::store::OpenMode;

/// What `jwt key create` reports: the key; for people, its kid.
#[derive(Serialize)]
#[serde(transparent)]
struct Created {
    key: KeyView,
    #[serde(skip)]
    alg: Alg,
    #[serde(skip)]
    kid: String,
}

impl Report for Created {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.out(&format!(
            "created JWT signing key {} ({}), kid {}",
            self.key.name, self.alg, self.kid
        ))?;
        if self.alg.is_symmetric() {
            ui.note(
                "note: HMAC keys are secrets; they never appear in `vauth jwt jwks`, and only \
                 vauth (or whoever holds the secret) can verify their tokens",
            );
        }
        Ok(())
    }
}

/// Run `vauth jwt key create`.
pub(super) fn run(ctx: &Ctx<'_>, a: &KeyCreateArgs) -> Result<Outcome> {
    let alg: Alg = a.alg.into();
    let rsa_bits = (alg.family() == jwt::Family::Rsa).then_some(a.rsa_bits);
    let mut s = ctx.open(OpenMode::WriteOrCreate)?;
    let now = s.now;
    if let Some(existing) = s.state.jwt_keys.get_mut(&a.name) {
        if !a.force {
            return Err(Error::new(
                ErrorKind::Exists,
                format!("a JWT signing key named {:?} already exists", a.name),
            )
            .hint(format!(
                "run `vauth jwt key rotate {}` for a new version, or pass --force to replace it",
                a.name
            )));
        }
        for v in existing
            .versions
            .iter_mut()
            .filter(|v| v.retired_at.is_none())
        {
            v.retired_at = Some(now);
        }
        existing.alg = alg;
        existing.rsa_bits = rsa_bits;
    }
    let v = crate::lifecycle::jwt::add_version(&mut s, &a.name, alg, rsa_bits)?;
    s.commit(
        AuditEvent::new("jwt.key.create")
            .detail("name", &a.name)
            .detail("alg", alg.as_str())
            .detail("version", v.version.to_string())
            .detail("kid", &v.kid),
    )?;
    ctx.ui.report(&Created {
        key: key_view(find(&s, &a.name)?, now, true),
        alg,
        kid: v.kid.clone(),
    })?;
    Ok(Outcome::Ok)
}
