//! Unattended rotation: the policies of `vauth.toml` (`[[policy]]`) and the planner — a pure
//! function of inventory (state.json) + policies + a time → what is due, why, and the steps.
//! The `[[policy]]` tables themselves are [`crate::config::policy`]. `vauth rotate plan` prints it; `rotate apply` / `finalize` (commands::rotate) act on it.

use serde::Serialize;
use time::OffsetDateTime;

use crate::config::policy::Policy;
use crate::error::Result;
use crate::store::state::State;
use crate::timefmt::rfc3339;

/// What kind of credential a policy governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CredKind {
    /// An API key.
    ApiKey,
    /// A JWT signing key.
    JwtKey,
    /// A client certificate.
    Cert,
}

impl CredKind {
    /// Its name in JSON and tables (`api_key`, `jwt_key`, `cert`).
    pub fn as_str(self) -> &'static str {
        match self {
            CredKind::ApiKey => "api_key",
            CredKind::JwtKey => "jwt_key",
            CredKind::Cert => "cert",
        }
    }
}

/// Why an item is (not) due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Due {
    /// Nothing to do yet.
    No,
    /// Due now: rotate.
    Due,
    /// Due, but outside the policy's window: rotate when it opens.
    Waiting,
    /// A rotation was started and not finished: resume it.
    Resume,
}

/// One policy's plan.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// The credential.
    pub credential: String,
    /// Its kind (`None`: no credential of that name exists).
    pub kind: Option<CredKind>,
    /// The verdict.
    pub due: Due,
    /// Why, in words.
    pub reason: String,
    /// The current version (API / JWT keys) or 0.
    pub version: u32,
    /// When the current version was made.
    #[serde(with = "crate::timefmt::serde_rfc3339::option")]
    pub created: Option<OffsetDateTime>,
    /// When it becomes (or became) due.
    #[serde(with = "crate::timefmt::serde_rfc3339::option")]
    pub due_at: Option<OffsetDateTime>,
    /// The steps `rotate apply` takes, in order (when due or resuming; else empty).
    pub steps: Vec<String>,
    /// Predecessors `rotate finalize` would revoke now: `(version, grace ended at)`.
    pub finalize: Vec<u32>,
}

/// Whether `name` matches `pattern`, where `*` stands for any run of characters.
pub fn glob(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == name;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !name.starts_with(first) || name.len() < first.len() + last.len() || !name.ends_with(last) {
        return false;
    }
    let mut rest = &name[first.len()..name.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}

/// One policy per credential: exact tables as written, then each pattern table for every
/// credential it matches that no exact (or earlier pattern) table governs. A pattern that
/// matches nothing stays, so `plan` and `check` report it.
pub fn expand(state: &State, policies: &[Policy]) -> Result<Vec<Policy>> {
    let mut out: Vec<Policy> = policies
        .iter()
        .filter(|p| !p.credential.contains('*'))
        .cloned()
        .collect();
    let mut taken: std::collections::BTreeSet<String> =
        out.iter().map(|p| p.credential.clone()).collect();
    for p in policies.iter().filter(|p| p.credential.contains('*')) {
        let names = state
            .api_keys
            .keys()?
            .chain(state.jwt_keys.keys())
            .chain(state.certs.keys()?);
        let mut any = false;
        for n in names {
            if glob(&p.credential, n) && !taken.contains(n) {
                taken.insert(n.clone());
                let mut q = p.clone();
                q.credential = n.clone();
                out.push(q);
                any = true;
            }
        }
        if !any {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// The plan of every policy at `at` (optionally only the named credentials).
pub fn plan(
    state: &State,
    policies: &[Policy],
    at: OffsetDateTime,
    only: &[String],
) -> Result<Vec<Item>> {
    expand(state, policies)?
        .iter()
        .filter(|p| only.is_empty() || only.contains(&p.credential))
        .map(|p| plan_one(state, p, at))
        .collect()
}

fn plan_one(state: &State, p: &Policy, at: OffsetDateTime) -> Result<Item> {
    let name = &p.credential;
    let max_age = p.max_age().duration();
    let mut item = Item {
        credential: name.clone(),
        kind: None,
        due: Due::No,
        reason: String::new(),
        version: 0,
        created: None,
        due_at: None,
        steps: Vec::new(),
        finalize: Vec::new(),
    };
    let (created, expires) = if let Some(k) = state.api_keys.get(name)? {
        item.kind = Some(CredKind::ApiKey);
        item.finalize = k
            .versions
            .iter()
            .filter(|v| v.revoked_at.is_none() && v.grace_until.is_some_and(|g| g <= at))
            .map(|v| v.version)
            .collect();
        match k.current() {
            Some(v) => {
                item.version = v.version;
                (v.created, v.expires)
            }
            None => {
                item.reason = "revoked: no current version to rotate".into();
                return Ok(item);
            }
        }
    } else if let Some(k) = state.jwt_keys.get(name) {
        item.kind = Some(CredKind::JwtKey);
        item.finalize = k
            .versions
            .iter()
            .filter(|v| v.retired_at.is_none() && v.grace_until.is_some_and(|g| g <= at))
            .map(|v| v.version)
            .collect();
        match k.current() {
            Some(v) => {
                item.version = v.version;
                (v.created, None)
            }
            None => {
                item.reason = "retired: no current version to rotate".into();
                return Ok(item);
            }
        }
    } else if let Some(r) = state.certs.get(name)?
        && let Some(c) = r.latest()
    {
        item.kind = Some(CredKind::Cert);
        let grace = p.grace().map_or(time::Duration::ZERO, |g| g.duration());
        item.finalize = superseded(r, grace, at)
            .into_iter()
            .map(|i| i as u32 + 1)
            .collect();
        if c.revoked_at.is_some() {
            item.reason = "revoked: issue it again by hand".into();
            return Ok(item);
        }
        (c.issued_at, Some(c.not_after))
    } else {
        item.reason = format!("no API key, JWT key or certificate named {name:?}");
        return Ok(item);
    };
    item.created = Some(created);
    let grace = p.grace().map_or(time::Duration::ZERO, |g| g.duration());
    // Due at max_age, or earlier if it would expire before a successor's grace could run.
    let mut due_at = created + max_age;
    if let Some(e) = expires {
        due_at = due_at.min(e - grace);
    }
    item.due_at = Some(due_at);
    let resume = state.rotations.contains_key(name);
    if resume {
        item.steps = steps(state, p, item.kind)?;
        item.due = Due::Resume;
        item.reason = "a rotation was started and not finished: it resumes".into();
        return Ok(item);
    }
    if at < due_at {
        item.reason = format!("next rotation at {}", rfc3339(due_at));
        return Ok(item);
    }
    let why = if expires.is_some_and(|e| e - grace <= at && at < created + max_age) {
        format!(
            "expires {} (within the grace)",
            rfc3339(expires.unwrap_or(at))
        )
    } else {
        format!(
            "age {} ≥ max_age {}",
            crate::timefmt::humanize_seconds((at - created).whole_seconds()),
            p.max_age
        )
    };
    item.steps = steps(state, p, item.kind)?;
    match p.window() {
        Some(w) if !w.contains(at) => {
            item.due = Due::Waiting;
            item.reason = format!(
                "{why}; waits for the window {} (opens {})",
                p.window.as_deref().unwrap_or(""),
                rfc3339(w.next_open(at))
            );
        }
        _ => {
            item.due = Due::Due;
            item.reason = why;
        }
    }
    Ok(item)
}

/// Indexes of the certificates of `r` that a newer one superseded at least `grace` before `at`
/// and that are not revoked yet (`rotate finalize` revokes them).
pub fn superseded(
    r: &crate::store::state::pki::CertRecord,
    grace: time::Duration,
    at: OffsetDateTime,
) -> Vec<usize> {
    (0..r.issued.len().saturating_sub(1))
        .filter(|&i| r.issued[i].revoked_at.is_none() && r.issued[i + 1].issued_at + grace <= at)
        .collect()
}

/// The targets a rotation of API key `name` pushes to: the policy's, else every target where a
/// live version is pushed (and not revoked).
pub fn targets_of(state: &State, p: &Policy) -> Result<Vec<String>> {
    if let Some(t) = &p.targets {
        return Ok(t.clone());
    }
    let mut t: Vec<String> = state
        .api_keys
        .get(&p.credential)?
        .map(|k| {
            k.versions
                .iter()
                .filter(|v| v.revoked_at.is_none())
                .flat_map(|v| v.pushed.iter().filter(|p| p.revoked_at.is_none()))
                .map(|p| p.target.clone())
                .collect()
        })
        .unwrap_or_default();
    t.sort();
    t.dedup();
    Ok(t)
}

fn steps(state: &State, p: &Policy, kind: Option<CredKind>) -> Result<Vec<String>> {
    let mut s = Vec::new();
    match kind {
        Some(CredKind::ApiKey) => {
            s.push("create the successor (sealed in the vault, journaled)".to_string());
            for t in targets_of(state, p)? {
                s.push(format!("push it to {t} and probe it there"));
            }
            s.push("make it current; the predecessor enters its grace".to_string());
        }
        Some(CredKind::JwtKey) => {
            s.push("add a signing key version (new kid); the predecessor verifies until its grace ends".to_string());
        }
        Some(CredKind::Cert) => {
            s.push(
                "issue the successor (same CN and SANs, a new key kept in the vault)".to_string(),
            );
            if let Some(c) = state.certs.get(&p.credential)?.and_then(|r| r.latest()) {
                for x in c.pushed.iter().filter(|x| x.revoked_at.is_none()) {
                    s.push(format!("log in with it on {} as {}", x.target, x.user));
                }
            }
            s.push(
                "record it; the predecessor stays valid for the grace, then finalize revokes it"
                    .to_string(),
            );
        }
        None => {}
    }
    for o in &p.outputs {
        s.push(format!("write output {o}"));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("svc-*", "svc-a") && glob("*", "x") && glob("a*b*c", "aXbYc"));
        assert!(!glob("svc-*", "api") && !glob("a*b", "ab-") && glob("exact", "exact"));
        assert!(!glob("a*a", "a"));
    }
}
