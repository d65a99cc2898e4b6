//! `vauth target drift NAME`: compare what state.json says was pushed to a target with what the
//! database holds now (exit 1 on a difference).

use serde::Serialize;

use super::Ctx;
use crate::cli::target::TargetNameArgs;
use crate::error::{Outcome, Result};
use crate::lifecycle::remote::Connection;
use crate::lifecycle::targets::resolve;
use crate::output::{Report, Ui};
use crate::remote::{Held, HeldQuery};
use crate::store::{OpenMode, Session};

/// One row of `target drift`.
#[derive(Serialize)]
struct DriftRow {
    /// The API key's or certificate's name.
    credential: String,
    /// `api_key` or `cert`.
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    serial: Option<String>,
    user: String,
    /// What state.json says: `live` or `revoked`.
    expected: &'static str,
    /// What the database holds: `live`, `gone` or `unknown`.
    actual: &'static str,
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// A push state.json records, and what it expects the database to hold.
struct Expect {
    credential: String,
    kind: &'static str,
    version: Option<u32>,
    serial: Option<String>,
    live: bool,
    pending: bool,
    /// Pushes in one group with the same user share it (alternating users; one CN role).
    group: String,
    q: HeldQuery,
}

#[derive(Serialize)]
struct Drift<'a> {
    target: &'a str,
    drift: bool,
    rows: Vec<DriftRow>,
}

impl Report for Drift<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        if self.rows.is_empty() {
            ui.note(&format!(
                "Nothing was pushed to {}: nothing to compare.",
                self.target
            ));
            return Ok(());
        }
        let table: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.credential.clone(),
                    match (&r.version, &r.serial) {
                        (Some(v), _) => format!("v{v}"),
                        (None, Some(sr)) => format!("serial {}", &sr[..sr.len().min(12)]),
                        _ => String::new(),
                    },
                    r.user.clone(),
                    r.expected.to_string(),
                    r.actual.to_string(),
                    if r.ok { "ok" } else { "DRIFT" }.to_string(),
                    r.note.clone().unwrap_or_default(),
                ]
            })
            .collect();
        ui.out(&crate::output::table(
            &[
                "KEY",
                "VERSION",
                "USER",
                "STATE.JSON",
                "DATABASE",
                "",
                "NOTE",
            ],
            &table,
        ))?;
        let drifted = self.rows.iter().filter(|r| !r.ok).count();
        ui.note(&if drifted == 0 {
            format!("{}: the database holds what state.json says.", self.target)
        } else {
            format!(
                "{}: {drifted} difference(s): push again (`vauth push KEY --to {}`) or revoke (`vauth key revoke KEY --version N`).",
                self.target, self.target
            )
        });
        Ok(())
    }
}

/// Every push to `target` that state.json records.
fn expected(s: &Session, target: &str) -> Vec<Expect> {
    let mut rows: Vec<Expect> = Vec::new();
    for k in s.state.api_keys.values() {
        for v in &k.versions {
            for p in v.pushed.iter().filter(|p| p.target == target) {
                rows.push(Expect {
                    credential: k.name.clone(),
                    kind: "api_key",
                    version: Some(v.version),
                    serial: None,
                    live: p.revoked_at.is_none(),
                    pending: p.pending,
                    group: format!("key:{}", k.name),
                    q: HeldQuery {
                        name: p.remote_name.clone(),
                        user: p.user.clone(),
                        sha256: v.sha256.clone(),
                        remote_id: p.remote_id.clone(),
                    },
                });
            }
        }
    }
    for r in s.state.certs.values() {
        for c in &r.issued {
            for p in c.pushed.iter().filter(|p| p.target == target) {
                rows.push(Expect {
                    credential: r.name.clone(),
                    kind: "cert",
                    version: None,
                    serial: Some(c.serial.clone()),
                    live: p.revoked_at.is_none(),
                    pending: false,
                    group: "cert".to_string(),
                    q: HeldQuery {
                        name: p.remote_name.clone(),
                        user: p.user.clone(),
                        sha256: String::new(),
                        remote_id: None,
                    },
                });
            }
        }
    }
    rows
}

/// The row of expectation `e` given what the database holds, `h`.
fn compare(e: Expect, h: Held) -> DriftRow {
    let (actual, note) = match h {
        Held::Live => ("live", None),
        Held::Gone => ("gone", None),
        Held::Unknown(why) => ("unknown", Some(why)),
    };
    let ok = matches!(
        (e.live, actual),
        (_, "unknown") | (true, "live") | (false, "gone")
    );
    let pending_gone = e.pending && e.live && actual == "gone";
    let note = note.or_else(|| {
        pending_gone.then(|| "pending restart: the server has not read it yet".to_string())
    });
    DriftRow {
        credential: e.credential,
        kind: e.kind,
        version: e.version,
        serial: e.serial,
        user: e.q.user,
        expected: if e.live { "live" } else { "revoked" },
        actual,
        ok: ok || pending_gone,
        note,
    }
}

/// Run `vauth target drift`.
pub(super) fn run(ctx: &Ctx<'_>, a: &TargetNameArgs) -> Result<Outcome> {
    let mut s = ctx.open(OpenMode::Read)?;
    let cfg = resolve(&mut s, &a.name)?;
    let mut rows = expected(&s, &a.name);
    // A revoked push whose user a live push of the same group still logs in as (the
    // alternating users; a renewed certificate's CN role) is not expected gone.
    let live_users: std::collections::BTreeSet<(String, String)> = rows
        .iter()
        .filter(|r| r.live)
        .map(|r| (r.group.clone(), r.q.user.clone()))
        .collect();
    rows.retain(|r| {
        r.live
            || !(cfg.kind.alternates_users() || r.kind == "cert")
            || !live_users.contains(&(r.group.clone(), r.q.user.clone()))
    });
    drop(s);
    let queries: Vec<HeldQuery> = rows.iter().map(|r| r.q.clone()).collect();
    let held = if queries.is_empty() {
        Vec::new()
    } else {
        let mut c = Connection::open(&a.name, &cfg)?;
        let r = c.held(&queries);
        let _ = c.finish();
        r?
    };
    let rows: Vec<DriftRow> = rows
        .into_iter()
        .zip(held)
        .map(|(e, h)| compare(e, h))
        .collect();
    let drifted = rows.iter().any(|r| !r.ok);
    ctx.ui.report(&Drift {
        target: &a.name,
        drift: drifted,
        rows,
    })?;
    Ok(if drifted {
        Outcome::Negative
    } else {
        Outcome::Ok
    })
}
