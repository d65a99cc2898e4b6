//! `vauth target drift NAME`: compare what state.json says was pushed to a target with what the
//! database holds now (exit 1 on a difference).
//!
//! A push whose take-back is pending — the record revoked its version (or certificate), or a
//! take-back of it is journaled, but it is not yet recorded taken back (a killed `rotate
//! finalize` / `key revoke`, a target that failed) — is expected `revoked` and noted
//! "revocation pending (run `vauth rotate finalize`)". It is a difference (exit 1) while the
//! database still lets it in, and not one (exit 0) once the database no longer does: then only
//! the record lags, and the next `rotate finalize` records it.

use serde::Serialize;

use super::{Ctx, pushes_to};
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
    /// Its take-back is pending (module doc).
    #[serde(skip)]
    revoking: bool,
}

/// A push state.json records, and what it expects the database to hold.
struct Expect {
    credential: String,
    kind: &'static str,
    version: Option<u32>,
    serial: Option<String>,
    live: bool,
    pending: bool,
    /// Its take-back is pending (module doc).
    revoking: bool,
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
                "RESULT",
                "NOTE",
            ],
            &table,
        ))?;
        let drifted = self.rows.iter().filter(|r| !r.ok).count();
        let others = self.rows.iter().filter(|r| !r.ok && !r.revoking).count();
        let revoking = self.rows.iter().filter(|r| r.revoking).count();
        let t = self.target;
        ui.note(&if drifted == 0 && revoking == 0 {
            format!("{t}: the database holds what state.json says.")
        } else if drifted == 0 {
            format!(
                "{t}: the database holds what state.json says; {revoking} revocation(s) not yet recorded: `vauth rotate finalize` records them."
            )
        } else if others == 0 {
            format!(
                "{t}: {drifted} difference(s), each a pending revocation: `vauth rotate finalize` takes them back."
            )
        } else {
            format!(
                "{t}: {drifted} difference(s): push again (`vauth push KEY --to {t}`) or revoke (`vauth key revoke KEY --version N`); pending revocations: `vauth rotate finalize`."
            )
        });
        Ok(())
    }
}

/// Every push to `target` that state.json records.
fn expected(s: &Session, target: &str) -> Result<Vec<Expect>> {
    Ok(pushes_to(&s.state, target)?
        .into_iter()
        .map(|r| {
            let cert = r.kind == "cert";
            Expect {
                credential: r.credential.to_string(),
                kind: r.kind,
                version: r.version,
                serial: r.serial.map(str::to_string),
                live: r.push.revoked_at.is_none() && !r.revoking,
                pending: r.pending,
                revoking: r.revoking,
                group: if cert {
                    "cert".to_string()
                } else {
                    format!("key:{}", r.credential)
                },
                q: HeldQuery {
                    name: r.push.remote_name.clone(),
                    user: r.push.user.clone(),
                    sha256: r.sha256.to_string(),
                    remote_id: if cert { None } else { r.push.remote_id.clone() },
                },
            }
        })
        .collect())
}

/// The note of a push whose take-back is pending.
const REVOCATION_PENDING: &str = "revocation pending (run `vauth rotate finalize`)";

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
    let note = if e.revoking {
        Some(match note {
            Some(why) => format!("{REVOCATION_PENDING}; {why}"),
            None => REVOCATION_PENDING.to_string(),
        })
    } else {
        note.or_else(|| {
            pending_gone.then(|| "pending restart: the server has not read it yet".to_string())
        })
    };
    DriftRow {
        credential: e.credential,
        kind: e.kind,
        version: e.version,
        serial: e.serial,
        user: e.q.user,
        expected: if e.live { "live" } else { "revoked" },
        actual,
        ok: if e.revoking {
            actual != "live"
        } else {
            ok || pending_gone
        },
        note,
        revoking: e.revoking,
    }
}

/// Run `vauth target drift`.
pub(super) fn run(ctx: &Ctx<'_>, a: &TargetNameArgs) -> Result<Outcome> {
    let mut s = ctx.open(OpenMode::Read)?;
    let cfg = resolve(&mut s, &a.name)?;
    let mut rows = expected(&s, &a.name)?;
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
