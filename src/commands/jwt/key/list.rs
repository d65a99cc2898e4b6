//! `vauth jwt key list [--at TIME]`.

use serde::Serialize;

use super::{Ctx, KeyView, key_view};
use crate::cli::jwt::KeyListArgs;
use crate::error::{Outcome, Result};
use crate::output::{Report, Ui, table};
use crate::store::OpenMode;
use crate::store::state::Status;
use crate::timefmt::{humanize_seconds, rfc3339};

/// What `jwt key list` reports; for people, a table.
#[derive(Serialize)]
struct Listing {
    at: String,
    keys: Vec<KeyView>,
    /// The table's rows.
    #[serde(skip)]
    rows: Vec<Vec<String>>,
}

impl Report for Listing {
    fn human(&self, ui: &Ui) -> Result<()> {
        if self.keys.is_empty() {
            ui.note(
                "no JWT signing keys yet; create one with `vauth jwt key create NAME --alg ES256`",
            );
            return Ok(());
        }
        ui.out(&table(
            &["NAME", "ALG", "VERSION", "STATUS", "KID", "IN GRACE", "AGE"],
            &self.rows,
        ))
    }
}

/// Run `vauth jwt key list`.
pub(super) fn run(ctx: &Ctx<'_>, a: &KeyListArgs) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let at = a.at.map_or(s.now, |t| t.resolve(s.now));
    let keys = s.state.jwt_keys.values();
    let rows = keys
        .clone()
        .map(|k| {
            let cur = k.current();
            let grace = k
                .versions
                .iter()
                .filter(|v| v.status(at) == Status::Grace)
                .count();
            vec![
                k.name.clone(),
                k.alg.to_string(),
                cur.map_or("-".into(), |v| v.version.to_string()),
                k.status(at).as_str().to_string(),
                cur.map_or("-".into(), |v| v.kid.clone()),
                grace.to_string(),
                humanize_seconds((at - k.created).whole_seconds().max(0)),
            ]
        })
        .collect();
    ctx.ui.report(&Listing {
        at: rfc3339(at),
        keys: keys.map(|k| key_view(k, at, false)).collect(),
        rows,
    })?;
    Ok(Outcome::Ok)
}
