//! `vauth key list`.

use serde::Serialize;

use super::Ctx;
use crate::cli::key::ListArgs;
use crate::error::{Outcome, Result};
use crate::output::{Report, Ui};
use crate::store::OpenMode;
use crate::timefmt::{humanize_seconds, rfc3339};

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    id: Option<&'a str>,
    version: u32,
    status: &'static str,
    created: String,
    expires: Option<String>,
    age_seconds: i64,
    scopes: &'a [String],
    labels: &'a std::collections::BTreeMap<String, String>,
    kept: bool,
}

#[derive(Serialize)]
struct Listed<'a> {
    at: String,
    keys: Vec<Row<'a>>,
}

impl Report for Listed<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        if self.keys.is_empty() {
            ui.note("No API keys yet: `vauth key create NAME` makes one.");
            return Ok(());
        }
        let rows: Vec<Vec<String>> = self
            .keys
            .iter()
            .map(|r| {
                vec![
                    r.name.to_string(),
                    r.id.unwrap_or("-").to_string(),
                    r.version.to_string(),
                    r.status.to_string(),
                    r.created.clone(),
                    r.expires.clone().unwrap_or_else(|| "never".into()),
                    humanize_seconds(r.age_seconds),
                    if r.scopes.is_empty() {
                        "-".into()
                    } else {
                        r.scopes.join(",")
                    },
                ]
            })
            .collect();
        ui.out(&crate::output::table(
            &[
                "NAME", "ID", "VERSION", "STATUS", "CREATED", "EXPIRES", "AGE", "SCOPES",
            ],
            &rows,
        ))
    }
}

/// Run `vauth key list`.
pub(super) fn run(ctx: &Ctx<'_>, args: &ListArgs) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let at = args.at.map_or(ctx.now, |a| a.resolve(ctx.now));
    let keys: Vec<Row<'_>> = s
        .state
        .api_keys
        .values()?
        .filter_map(|k| {
            let v = k.current().or_else(|| k.latest())?;
            Some(Row {
                name: &k.name,
                id: v.id.as_deref(),
                version: v.version,
                status: k.status(at).as_str(),
                created: rfc3339(v.created),
                expires: v.expires.map(rfc3339),
                age_seconds: (at - v.created).whole_seconds(),
                scopes: &k.scopes,
                labels: &k.labels,
                kept: v.kept,
            })
        })
        .collect();
    ctx.ui.report(&Listed {
        at: rfc3339(at),
        keys,
    })?;
    Ok(Outcome::Ok)
}
