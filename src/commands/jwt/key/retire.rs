//! `vauth jwt key retire NAME [--version N]`: tokens the retired versions signed stop verifying
//! now.

use serde::Serialize;

use super::{Ctx, KeyView, find, key_view, unknown};
use crate::audit::AuditEvent;
use crate::cli::jwt::KeyRetireArgs;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::output::{Report, Ui};
use crate::store::OpenMode;

/// What `jwt key retire` reports: the key; for people, the versions retired.
#[derive(Serialize)]
#[serde(transparent)]
struct Retired {
    key: KeyView,
    /// `1, 2`.
    #[serde(skip)]
    versions: String,
}

impl Report for Retired {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.out(&format!(
            "retired {} version(s) {}",
            self.key.name, self.versions
        ))
    }
}

/// Run `vauth jwt key retire`.
pub(super) fn run(ctx: &Ctx<'_>, a: &KeyRetireArgs) -> Result<Outcome> {
    let mut s = ctx.open(OpenMode::Write)?;
    let now = s.now;
    let k = find(&s, &a.name)?;
    let targets: Vec<u32> = k
        .versions
        .iter()
        .filter(|v| a.version.is_none_or(|n| n == v.version))
        .filter(|v| v.status(now).is_valid())
        .map(|v| v.version)
        .collect();
    if let Some(n) = a.version
        && !k.versions.iter().any(|v| v.version == n)
    {
        return Err(Error::new(
            ErrorKind::NotFound,
            format!("{} has no version {n}", a.name),
        )
        .hint(format!("see `vauth jwt key show {}`", a.name)));
    }
    if targets.is_empty() {
        ctx.ui.note(&format!(
            "nothing to retire: no version of {} is in use",
            a.name
        ));
        return Ok(Outcome::Ok);
    }
    let list = targets
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let what = format!(
        "retire {} version(s) {list}? Tokens they signed stop verifying now",
        a.name
    );
    if !ctx.confirm(&what)? {
        return Err(Error::usage("not confirmed; nothing was retired"));
    }
    if let Some(k) = s.state.jwt_keys.get_mut(&a.name) {
        for v in k
            .versions
            .iter_mut()
            .filter(|v| targets.contains(&v.version))
        {
            v.retired_at = Some(now);
        }
    }
    s.commit(
        AuditEvent::new("jwt.key.retire")
            .detail("name", &a.name)
            .detail("versions", list.replace(", ", ",")),
    )?;
    let k = s
        .state
        .jwt_keys
        .get(&a.name)
        .ok_or_else(|| unknown(&a.name))?;
    ctx.ui.report(&Retired {
        key: key_view(k, now, false),
        versions: list,
    })?;
    Ok(Outcome::Ok)
}
