//! `vauth jwt key show NAME`.

use serde::Serialize;

use super::{Ctx, KeyView, find, key_view};
use crate::cli::jwt::KeyShowArgs;
use crate::error::{Outcome, Result};
use crate::output::{Report, Ui, table};
use crate::store::OpenMode;

/// What `jwt key show` reports: the key with its public JWKs; for people, a table of versions.
#[derive(Serialize)]
#[serde(transparent)]
struct Shown {
    key: KeyView,
    /// How the algorithm is written for people.
    #[serde(skip)]
    alg: String,
}

impl Report for Shown {
    fn human(&self, ui: &Ui) -> Result<()> {
        let k = &self.key;
        let mut text = format!("{} ({}), status {}\n", k.name, self.alg, k.status);
        let rows: Vec<Vec<String>> = k
            .versions
            .iter()
            .map(|v| {
                vec![
                    v.version.to_string(),
                    v.kid.clone(),
                    v.status.to_string(),
                    v.created.clone(),
                    v.grace_until.clone().unwrap_or_else(|| "-".into()),
                    v.retired_at.clone().unwrap_or_else(|| "-".into()),
                ]
            })
            .collect();
        text.push_str(&table(
            &[
                "VERSION",
                "KID",
                "STATUS",
                "CREATED",
                "GRACE UNTIL",
                "RETIRED",
            ],
            &rows,
        ));
        ui.out(&text)
    }
}

/// Run `vauth jwt key show`.
pub(super) fn run(ctx: &Ctx<'_>, a: &KeyShowArgs) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let k = find(&s, &a.name)?;
    ctx.ui.report(&Shown {
        key: key_view(k, s.now, true),
        alg: k.alg.to_string(),
    })?;
    Ok(Outcome::Ok)
}
