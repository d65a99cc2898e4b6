//! Pushing an API key version to a target: the options a push takes, the spec it sends, apply +
//! probe over one admin connection, and the record of exactly what the database now holds.

use serde::Serialize;
use time::OffsetDateTime;

use super::remote::Connection;
use super::targets::{resolve, unknown};
use crate::error::{Error, Result};
use crate::remote::{Kind, PushSpec, TargetConfig, remote_name};
use crate::store::Session;
use crate::store::state::keys::record_push;
use crate::store::state::{ApiKey, KeyVersion, Pushed};

/// Per-push options beyond the key and target.
#[derive(Debug, Clone, Default)]
pub struct PushOptions {
    /// `--grant`: privilege clauses (postgres).
    pub grants: Vec<String>,
    /// `--pattern`: key patterns (redis).
    pub key_patterns: Vec<String>,
    /// `--category`: command rules (redis).
    pub commands: Vec<String>,
    /// `--role`: roles to grant.
    pub roles: Vec<String>,
    /// `--role-descriptors`: the JSON object (elasticsearch).
    pub role_descriptors: Option<serde_json::Value>,
    /// `--adopt`: take over an existing user of the same name.
    pub adopt: bool,
}

impl PushOptions {
    /// Refuse option values no target could take (checked before the home is opened).
    pub fn check(&self) -> Result<()> {
        for g in &self.grants {
            if g.contains(';') || g.contains("--") || g.trim().is_empty() {
                return Err(Error::usage(format!(
                    "--grant {g:?}: one privilege clause, no ';' or comments"
                ))
                .hint("e.g. --grant 'SELECT ON items' or --grant 'USAGE ON SCHEMA app'"));
            }
        }
        for c in &self.commands {
            if !(c.starts_with('+') || c.starts_with('-')) || c.contains(char::is_whitespace) {
                return Err(
                    Error::usage(format!("--category {c:?}: a rule starts with + or -"))
                        .hint("e.g. --category +@read --category -@dangerous"),
                );
            }
        }
        for p in &self.key_patterns {
            if p.is_empty() || p.contains(char::is_whitespace) {
                return Err(Error::usage(format!("--pattern {p:?}: no spaces"))
                    .hint("e.g. --pattern 'vec:*'"));
            }
        }
        Ok(())
    }

    /// Refuse options the target's kind does not take.
    pub fn check_kind(&self, cfg: &TargetConfig) -> Result<()> {
        let k = cfg.kind;
        let bad = |flag: &str, kinds: &str| {
            Err(Error::usage(format!(
                "{flag} is for {kinds} targets, and this one is {}",
                k.as_str()
            ))
            .hint("see `vauth push --help` for what each kind takes"))
        };
        if k != Kind::Postgres && !self.grants.is_empty() {
            return bad("--grant", "postgres");
        }
        if k != Kind::Redis && (!self.key_patterns.is_empty() || !self.commands.is_empty()) {
            return bad("--pattern/--category", "redis");
        }
        if matches!(k, Kind::Redis | Kind::Qdrant | Kind::Elasticsearch) && !self.roles.is_empty() {
            return bad(
                "--role",
                "weaviate, milvus, opensearch, pinecone and chroma",
            );
        }
        if k != Kind::Elasticsearch && self.role_descriptors.is_some() {
            return bad("--role-descriptors", "elasticsearch");
        }
        Ok(())
    }
}

/// Read `--role-descriptors FILE`: a JSON object.
pub fn read_role_descriptors(p: &std::path::Path) -> Result<serde_json::Value> {
    let text = crate::fsutil::read_limited(p, 1 << 20)
        .map_err(|e| Error::io("read the role descriptors", p, &e))?;
    let v: serde_json::Value = serde_json::from_slice(&text).map_err(|e| {
        Error::input(format!("{}: not JSON: {e}", p.display()))
            .hint("give a JSON object mapping role names to role descriptors")
    })?;
    if !v.is_object() {
        return Err(Error::input(format!("{}: not a JSON object", p.display())).hint(
            r#"e.g. {"read-vectors":{"indices":[{"names":["vectors-*"],"privileges":["read"]}]}}"#,
        ));
    }
    Ok(v)
}

/// What one push did (`vauth push`, and the pushes that follow a `key rotate`).
#[derive(Debug, Clone, Serialize)]
pub struct PushReport {
    /// The key.
    pub key: String,
    /// Its version.
    pub version: u32,
    /// The target.
    pub target: String,
    /// The target's kind.
    pub kind: &'static str,
    /// The user clients log in as.
    pub user: String,
    /// Whether the probe passed.
    pub verified: bool,
    /// Whether it waits for a server restart.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub pending: bool,
    /// Whether the target's apply command restarted the server to verify it (a restart-bound
    /// kind, verified in the same run).
    #[serde(skip)]
    pub restarted: bool,
}

impl PushReport {
    /// The report of pushing version `version` of `key` to `target` (`kind`), recorded as `p`.
    pub fn of(key: &str, version: u32, target: &str, kind: Kind, p: &Pushed) -> PushReport {
        PushReport {
            key: key.to_string(),
            version,
            target: target.to_string(),
            kind: kind.as_str(),
            user: p.user.clone(),
            verified: p.verified,
            pending: p.pending,
            restarted: matches!(kind, Kind::Chroma | Kind::Qdrant) && p.verified,
        }
    }
}

/// What `push --dry-run` (and `key create --on --dry-run`) would do: the commands, secrets
/// shown as `****`.
#[derive(Debug, Clone, Serialize)]
pub struct DryRun {
    /// Always true.
    pub dry_run: bool,
    /// The credential.
    pub key: String,
    /// Its version (0 for a certificate).
    pub version: u32,
    /// The target.
    pub target: String,
    /// The target's kind.
    pub kind: &'static str,
    /// The user it would log in as.
    pub user: String,
    /// The commands that would run.
    pub plan: Vec<String>,
}

/// The spec of pushing version `v` of key `k` to target `tname`.
pub fn spec_for(
    s: &Session,
    k: &ApiKey,
    v: &KeyVersion,
    tname: &str,
    cfg: &TargetConfig,
    o: &PushOptions,
) -> PushSpec {
    PushSpec {
        name: remote_name(cfg.kind, cfg.prefix.as_deref(), &k.name),
        version: v.version,
        valid_until: v.expires,
        now: s.now,
        marker: marker(s),
        adopt: o.adopt,
        recorded: k
            .versions
            .iter()
            .any(|x| x.pushed.iter().any(|p| p.target == tname)),
        grants: o.grants.clone(),
        key_patterns: o.key_patterns.clone(),
        commands: o.commands.clone(),
        sha256: v.sha256.clone(),
        roles: o.roles.clone(),
        role_descriptors: o.role_descriptors.clone(),
        scopes: k.scopes.clone(),
    }
}

/// The comment vauth leaves on what it makes in a database: which home manages it.
pub fn marker(s: &Session) -> String {
    format!("managed by vauth {}", s.state.home_id)
}

/// What one push did: the record of what the database now holds, and the probe's error.
pub type PushOutcome = (Pushed, Option<Error>);

/// Apply + probe each of `items` on one target, over one admin connection. Per item:
/// `Ok((pushed, probe_err))` when the database now holds the version (verified or not: see
/// `Pushed::verified`), `Err` when nothing was changed remotely for it.
pub fn push_batch(
    tname: &str,
    cfg: &TargetConfig,
    items: &[(&PushSpec, &str)],
    now: OffsetDateTime,
) -> Result<Vec<Result<PushOutcome>>> {
    let mut c = Connection::open(tname, cfg)?;
    let mut out: Vec<Result<PushOutcome>> = items
        .iter()
        .map(|(spec, secret)| push_item(&mut c, tname, spec, secret, now))
        .collect();
    apply_pending(&mut c, tname, cfg, items, &mut out);
    // Persist once for the batch (redis ACL SAVE). The database already holds every applied
    // item, so a failure here is reported on the last one, records kept.
    if let Err(e) = c.finish()
        && let Some(Ok((_, probe))) = out.iter_mut().rev().find(|r| r.is_ok())
    {
        probe.get_or_insert(e);
    }
    Ok(out)
}

/// A restart-bound target with an apply command: run it for the items that wait for a restart,
/// and record them verified when the server takes them — or keep them pending with the error.
fn apply_pending(
    c: &mut Connection,
    tname: &str,
    cfg: &TargetConfig,
    items: &[(&PushSpec, &str)],
    out: &mut [Result<PushOutcome>],
) {
    let waiting: Vec<usize> = out
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Ok((p, None)) if p.pending))
        .map(|(i, _)| i)
        .collect();
    let pending: Vec<(&str, &str)> = waiting
        .iter()
        .filter_map(|&i| match &out[i] {
            Ok((p, _)) => Some((p.user.as_str(), items[i].1)),
            Err(_) => None,
        })
        .collect();
    let r = super::apply::after_push(c, tname, cfg, &pending);
    for i in waiting {
        if let Ok((p, probe)) = &mut out[i] {
            match &r {
                Ok(true) => {
                    p.pending = false;
                    p.verified = true;
                }
                Ok(false) => {}
                Err(e) => *probe = Some(e.clone()),
            }
        }
    }
}

fn push_item(
    c: &mut Connection,
    tname: &str,
    spec: &PushSpec,
    secret: &str,
    now: OffsetDateTime,
) -> Result<PushOutcome> {
    let applied = c.apply(spec, secret)?;
    let probe = if applied.pending {
        Ok(())
    } else {
        c.probe(&applied.user, secret)
    };
    let pushed = Pushed {
        target: tname.to_string(),
        user: applied.user,
        remote_name: spec.name.clone(),
        at: now,
        verified: probe.is_ok() && !applied.pending,
        remote_id: applied.remote_id,
        pending: applied.pending,
        revoked_at: None,
    };
    Ok((pushed, probe.err()))
}

/// [`push_batch`] of one.
pub fn push_one(
    tname: &str,
    cfg: &TargetConfig,
    spec: &PushSpec,
    secret: &str,
    now: OffsetDateTime,
) -> Result<PushOutcome> {
    push_batch(tname, cfg, &[(spec, secret)], now)?
        .pop()
        .unwrap_or_else(|| Err(Error::bug("push_batch returned nothing")))
}

/// Record `p` on version `version` of key `name` (replacing an earlier push to the same target).
pub fn record(s: &mut Session, name: &str, version: u32, p: Pushed) -> Result<()> {
    if let Some(v) = s.state.key_version_mut(name, version)? {
        record_push(&mut v.pushed, p);
    }
    Ok(())
}

/// Record `p` on the certificate `name` with serial `serial` (replacing an earlier push to the
/// same target).
pub fn record_cert(s: &mut Session, name: &str, serial: &str, p: Pushed) -> Result<()> {
    if let Some(x) = s.state.issued_cert_mut(name, serial)? {
        record_push(&mut x.pushed, p);
    }
    Ok(())
}

/// A push of version `version` of `key` to `target` that waited for a restart probed fine:
/// record it verified.
pub fn mark_verified(s: &mut Session, key: &str, version: u32, target: &str) -> Result<()> {
    if let Some(p) = s.state.key_push_mut(key, version, target)? {
        p.pending = false;
        p.verified = true;
    }
    Ok(())
}

/// Push a new version `v` of `name` to every target the previous versions were pushed to (and not
/// revoked there), recording each push in the session. Returns what was done and, if some target
/// failed, the first error (those targets hold nothing new).
pub fn follow_pushes(
    s: &mut Session,
    name: &str,
    v: &KeyVersion,
    secret: &str,
) -> (Vec<PushReport>, Option<Error>) {
    let k = match s.state.api_keys.get(name) {
        Ok(Some(k)) => k.clone(),
        Ok(None) => return (Vec::new(), None),
        Err(e) => return (Vec::new(), Some(e)),
    };
    let mut targets: Vec<String> = k
        .versions
        .iter()
        .filter(|x| x.version != v.version && x.revoked_at.is_none())
        .flat_map(|x| {
            x.pushed
                .iter()
                .filter(|p| p.revoked_at.is_none())
                .map(|p| p.target.clone())
        })
        .collect();
    targets.sort();
    targets.dedup();
    let mut done = Vec::new();
    let mut first_err = None;
    for tname in targets {
        if !s.config.target.contains_key(&tname) {
            first_err.get_or_insert(unknown(&tname).hint(format!(
                "{name} was pushed to {tname}, which is no longer in vauth.toml; add it again"
            )));
            continue;
        }
        let cfg = match resolve(s, &tname) {
            Ok(c) => c,
            Err(e) => {
                first_err.get_or_insert(e);
                continue;
            }
        };
        if cfg.kind.generates_secret() {
            // It makes its own keys: `key rotate` asks it for the successor (lifecycle::made).
            continue;
        }
        let spec = spec_for(s, &k, v, &tname, &cfg, &PushOptions::default());
        match push_one(&tname, &cfg, &spec, secret, s.now) {
            Ok((p, probe_err)) => {
                done.push(PushReport::of(name, v.version, &tname, cfg.kind, &p));
                if let Err(e) = record(s, name, v.version, p) {
                    return (done, Some(e));
                }
                if let Some(e) = probe_err {
                    first_err.get_or_insert(e);
                }
            }
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    (done, first_err)
}
