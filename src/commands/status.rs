//! `vauth status`: the home, its protection, and every kind of credential it holds — counts per
//! kind, what stops being valid within a window, the CRL, targets, pending pushes and unfinished
//! rotations — in one consistent report.

use serde::Serialize;
use time::OffsetDateTime;

use super::Ctx;
use crate::cli::StatusArgs;
use crate::error::{Outcome, Result};
use crate::output::{self, Ui};
use crate::store::OpenMode;
use crate::store::state::pki::{CertStatus, CrlRecord};
use crate::store::state::{Pushed, State, Status};
use crate::store::vault::Protection;
use crate::timefmt::{Span, relative, rfc3339};

/// API keys by overall status.
#[derive(Serialize, Default)]
struct KeyCounts {
    total: usize,
    active: usize,
    grace: usize,
    expired: usize,
    retired: usize,
    revoked: usize,
}

/// JWT signing keys by status.
#[derive(Serialize, Default)]
struct JwtCounts {
    total: usize,
    active: usize,
    grace: usize,
    retired: usize,
}

/// Certificates (by name, the newest issued under it) by status.
#[derive(Serialize, Default)]
struct CertCounts {
    total: usize,
    active: usize,
    not_yet_valid: usize,
    expired: usize,
    revoked: usize,
}

#[derive(Serialize)]
struct CaCert {
    cn: String,
    not_after: String,
}

#[derive(Serialize)]
struct Ca {
    root: CaCert,
    #[serde(skip_serializing_if = "Option::is_none")]
    intermediate: Option<CaCert>,
}

#[derive(Serialize)]
struct Crl {
    number: u64,
    next_update: String,
    /// `ok`, `near` (see [`crl_state`]) or `passed`.
    state: &'static str,
}

#[derive(Serialize)]
struct Expiring {
    kind: &'static str,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<u32>,
    expires: String,
    #[serde(skip)]
    at: OffsetDateTime,
}

#[derive(Serialize)]
struct PendingPush {
    kind: &'static str,
    name: String,
    version: u32,
    target: String,
}

#[derive(Serialize)]
struct Rotation {
    credential: String,
    to_version: u32,
    stage: &'static str,
}

/// What `vauth status` reports.
#[derive(Serialize)]
struct Report {
    home: String,
    home_id: String,
    protection: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    protection_warning: Option<String>,
    within_seconds: i64,
    keys: KeyCounts,
    jwt_keys: JwtCounts,
    ca: Option<Ca>,
    certs: CertCounts,
    crl: Option<Crl>,
    targets: usize,
    pending_pushes: Vec<PendingPush>,
    rotations: Vec<Rotation>,
    expiring: Vec<Expiring>,
    audit_lines: u64,
    #[serde(skip)]
    within: Span,
    #[serde(skip)]
    now: OffsetDateTime,
}

/// When a CRL counts as "near" its nextUpdate: once less than a quarter of its lifetime
/// (thisUpdate → nextUpdate) is left; without a thisUpdate, within 24 hours. `passed` once
/// nextUpdate is at or before `now`. A fresh 7-day CRL is `ok` for its first 5¼ days.
fn crl_state(crl: &CrlRecord, next: OffsetDateTime, now: OffsetDateTime) -> &'static str {
    if next <= now {
        return "passed";
    }
    let left = (next - now).whole_seconds();
    let near_within = crl
        .this_update
        .map_or(86_400, |t| (next - t).whole_seconds() / 4);
    if left <= near_within { "near" } else { "ok" }
}

/// Everything the report says, computed at `now` with the window ending at `horizon`.
fn inventory(state: &State, now: OffsetDateTime, horizon: OffsetDateTime) -> Result<Inventory> {
    let mut inv = Inventory::default();
    for k in state.api_keys.values()? {
        inv.keys.total += 1;
        match k.status(now) {
            Status::Active => inv.keys.active += 1,
            Status::Grace => inv.keys.grace += 1,
            Status::Expired => inv.keys.expired += 1,
            Status::Retired => inv.keys.retired += 1,
            Status::Revoked => inv.keys.revoked += 1,
        }
        for v in &k.versions {
            if !v.status(now).is_valid() {
                continue;
            }
            if let Some(e) = v.expires.or(v.grace_until)
                && e <= horizon
            {
                inv.expiring
                    .push(expiring("api_key", &k.name, Some(v.version), e));
            }
            inv.pending
                .extend(pending("api_key", &k.name, v.version, &v.pushed));
        }
    }
    for k in state.jwt_keys.values() {
        inv.jwt.total += 1;
        match k.status(now) {
            Status::Active => inv.jwt.active += 1,
            Status::Grace => inv.jwt.grace += 1,
            _ => inv.jwt.retired += 1,
        }
        // A signing key never expires; a replaced one stops verifying when its grace ends.
        for v in &k.versions {
            if v.status(now) == Status::Grace
                && let Some(e) = v.grace_until
                && e <= horizon
            {
                inv.expiring
                    .push(expiring("jwt_key", &k.name, Some(v.version), e));
            }
        }
    }
    if let Some(ca) = &state.ca {
        for c in [Some(&ca.root), ca.intermediate.as_ref()]
            .into_iter()
            .flatten()
        {
            if c.not_after <= horizon {
                inv.expiring.push(expiring("ca", &c.cn, None, c.not_after));
            }
        }
    }
    for r in state.certs.values()? {
        let Some(c) = r.latest() else { continue };
        inv.certs.total += 1;
        let st = c.status(now);
        match st {
            CertStatus::Active => inv.certs.active += 1,
            CertStatus::NotYetValid => inv.certs.not_yet_valid += 1,
            CertStatus::Expired => inv.certs.expired += 1,
            CertStatus::Revoked => inv.certs.revoked += 1,
        }
        let ordinal = u32::try_from(r.issued.len()).unwrap_or(u32::MAX);
        if matches!(st, CertStatus::Active | CertStatus::NotYetValid) {
            if c.not_after <= horizon {
                inv.expiring
                    .push(expiring("cert", &r.name, Some(ordinal), c.not_after));
            }
            inv.pending
                .extend(pending("cert", &r.name, ordinal, &c.pushed));
        }
    }
    inv.expiring.sort_by_key(|e| e.at);
    Ok(inv)
}

fn expiring(kind: &'static str, name: &str, version: Option<u32>, at: OffsetDateTime) -> Expiring {
    Expiring {
        kind,
        name: name.to_string(),
        version,
        expires: rfc3339(at),
        at,
    }
}

#[derive(Default)]
struct Inventory {
    keys: KeyCounts,
    jwt: JwtCounts,
    certs: CertCounts,
    expiring: Vec<Expiring>,
    pending: Vec<PendingPush>,
}

/// Run `vauth status`.
pub fn run(ctx: &Ctx<'_>, args: &StatusArgs) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let now = ctx.now;
    let horizon = now + args.within.duration();
    let protection = s.protection()?;
    let inv = inventory(&s.state, now, horizon)?;
    let warning = (protection == Protection::KeyFile).then(|| {
        format!(
            "weakest protection: the vault key is a 0600 file ({}); prefer keyring or passphrase",
            s.unlock().key_file(&s.state.home_id).display()
        )
    });
    let ca = s.state.ca.as_ref().map(|c| Ca {
        root: CaCert {
            cn: c.root.cn.clone(),
            not_after: rfc3339(c.root.not_after),
        },
        intermediate: c.intermediate.as_ref().map(|i| CaCert {
            cn: i.cn.clone(),
            not_after: rfc3339(i.not_after),
        }),
    });
    let crl = s.state.ca.as_ref().and_then(|c| {
        let next = c.crl.next_update?;
        Some(Crl {
            number: c.crl.number,
            next_update: rfc3339(next),
            state: crl_state(&c.crl, next, now),
        })
    });
    let rotations = s
        .state
        .rotations
        .iter()
        .map(|(name, r)| Rotation {
            credential: name.clone(),
            to_version: r.to_version,
            stage: match r.stage {
                crate::store::state::RotationStage::Created => "created",
                crate::store::state::RotationStage::Pushing => "pushing",
                crate::store::state::RotationStage::Current => "current",
            },
        })
        .collect();
    let r = Report {
        home: s.location(),
        home_id: s.state.home_id.clone(),
        protection: protection.as_str(),
        protection_warning: warning,
        within_seconds: args.within.seconds(),
        keys: inv.keys,
        jwt_keys: inv.jwt,
        ca,
        certs: inv.certs,
        crl,
        targets: s.config.target.len(),
        pending_pushes: inv.pending,
        rotations,
        expiring: inv.expiring,
        audit_lines: s.state.audit.count,
        within: args.within,
        now,
    };
    ctx.ui.report(&r)?;
    Ok(Outcome::Ok)
}

impl output::Report for Report {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.out(&text(self))?;
        if let Some(w) = &self.protection_warning {
            ui.warn(w);
        }
        if let Some(c) = &self.crl
            && c.state != "ok"
        {
            let when = if c.state == "passed" {
                "has passed"
            } else {
                "is near"
            };
            ui.warn(&format!(
                "the CRL's nextUpdate ({}) {when}: servers that check it will refuse every client; publish a new one with `vauth ca crl --out FILE`",
                c.next_update
            ));
        }
        Ok(())
    }
}

/// The live pushes of `name` (version `version`) that wait for their target.
fn pending<'a>(
    kind: &'static str,
    name: &'a str,
    version: u32,
    pushed: &'a [Pushed],
) -> impl Iterator<Item = PendingPush> + 'a {
    pushed
        .iter()
        .filter(|p| p.pending && p.revoked_at.is_none())
        .map(move |p| PendingPush {
            kind,
            name: name.to_string(),
            version,
            target: p.target.clone(),
        })
}

/// The report for people.
fn text(r: &Report) -> String {
    let (within, now) = (r.within, r.now);
    let k = &r.keys;
    let j = &r.jwt_keys;
    let c = &r.certs;
    let mut out = format!(
        "home        {}\nprotection  {}\napi keys    {} ({} active, {} in grace, {} expired, {} retired, {} revoked)\njwt keys    {} ({} active, {} in grace, {} retired)\n",
        r.home,
        r.protection,
        k.total,
        k.active,
        k.grace,
        k.expired,
        k.retired,
        k.revoked,
        j.total,
        j.active,
        j.grace,
        j.retired,
    );
    match &r.ca {
        None => out.push_str("ca          none\n"),
        Some(ca) => {
            out.push_str(&format!(
                "ca          {:?} until {}",
                ca.root.cn, ca.root.not_after
            ));
            if let Some(i) = &ca.intermediate {
                out.push_str(&format!("; intermediate {:?} until {}", i.cn, i.not_after));
            }
            out.push('\n');
        }
    }
    out.push_str(&format!(
        "certs       {} ({} active, {} not yet valid, {} expired, {} revoked)\n",
        c.total, c.active, c.not_yet_valid, c.expired, c.revoked
    ));
    if let Some(crl) = &r.crl {
        out.push_str(&format!(
            "crl         #{}, nextUpdate {} ({}){}\n",
            crl.number,
            crl.next_update,
            at(&crl.next_update, now),
            match crl.state {
                "ok" => "",
                "near" => ", near",
                _ => ", passed",
            }
        ));
    }
    out.push_str(&format!("targets     {}\n", r.targets));
    section(
        &mut out,
        &r.pending_pushes,
        "pending     no push waits for its target".into(),
        format!(
            "pending     {} push(es) wait for their target (e.g. a restart):",
            r.pending_pushes.len()
        ),
        |p| format!("{:<8} {} v{} on {}", p.kind, p.name, p.version, p.target),
    );
    section(
        &mut out,
        &r.rotations,
        "rotations   none unfinished".into(),
        format!(
            "rotations   {} unfinished (`vauth rotate apply` resumes them):",
            r.rotations.len()
        ),
        |x| format!("{} -> v{} ({})", x.credential, x.to_version, x.stage),
    );
    out.push_str(&format!("audit       {} lines\n", r.audit_lines));
    section(
        &mut out,
        &r.expiring,
        format!("expiring    nothing within {within}"),
        format!("expiring within {within}:"),
        |e| {
            let v = e.version.map(|v| format!(" v{v}")).unwrap_or_default();
            let when = relative(e.at, now);
            format!("{:<8} {}{v}  {} ({when})", e.kind, e.name, e.expires)
        },
    );
    out
}

/// A section of the report: `empty` alone, or `header` and one indented line per item.
fn section<T>(
    out: &mut String,
    items: &[T],
    empty: String,
    header: String,
    line: impl Fn(&T) -> String,
) {
    if items.is_empty() {
        out.push_str(&format!("{empty}\n"));
        return;
    }
    out.push_str(&format!("{header}\n"));
    for i in items {
        out.push_str(&format!("  {}\n", line(i)));
    }
}

fn at(rfc: &str, now: OffsetDateTime) -> String {
    OffsetDateTime::parse(rfc, &time::format_description::well_known::Rfc3339)
        .map(|t| relative(t, now))
        .unwrap_or_default()
}
