//! `vauth push KEY --to TARGET`, and the remote half of `key rotate` / `key revoke`: apply a key
//! version on a target, probe it with the new credential (and a wrong one), record exactly what
//! the database now holds in state.json.

use serde::Serialize;
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::{Ctx, resolve};
use crate::audit::AuditEvent;
use crate::cli::target::PushArgs;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::store::state::{ApiKey, KeyVersion, Pushed};
use crate::store::{OpenMode, Session};
use crate::target::{
    AnyTarget, Kind, PushSpec, RevokeSpec, Target as _, TargetConfig, remote_name,
};

/// Per-push options beyond the key and target.
#[derive(Debug, Clone, Default)]
pub(crate) struct PushOptions {
    pub(crate) grants: Vec<String>,
    pub(crate) key_patterns: Vec<String>,
    pub(crate) commands: Vec<String>,
    pub(crate) roles: Vec<String>,
    pub(crate) role_descriptors: Option<serde_json::Value>,
    pub(crate) adopt: bool,
}

/// What one push did.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PushReport {
    pub(crate) key: String,
    pub(crate) version: u32,
    pub(crate) target: String,
    pub(crate) kind: &'static str,
    pub(crate) user: String,
    pub(crate) verified: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) pending: bool,
}

fn check_options(o: &PushOptions) -> Result<()> {
    for g in &o.grants {
        if g.contains(';') || g.contains("--") || g.trim().is_empty() {
            return Err(Error::usage(format!(
                "--grant {g:?}: one privilege clause, no ';' or comments"
            ))
            .hint("e.g. --grant 'SELECT ON items' or --grant 'USAGE ON SCHEMA app'"));
        }
    }
    for c in &o.commands {
        if !(c.starts_with('+') || c.starts_with('-')) || c.contains(char::is_whitespace) {
            return Err(
                Error::usage(format!("--category {c:?}: a rule starts with + or -"))
                    .hint("e.g. --category +@read --category -@dangerous"),
            );
        }
    }
    for p in &o.key_patterns {
        if p.is_empty() || p.contains(char::is_whitespace) {
            return Err(
                Error::usage(format!("--pattern {p:?}: no spaces")).hint("e.g. --pattern 'vec:*'")
            );
        }
    }
    Ok(())
}

/// Refuse options the target's kind does not take.
pub(crate) fn check_kind_options(cfg: &TargetConfig, o: &PushOptions) -> Result<()> {
    let k = cfg.kind;
    let bad = |flag: &str, kinds: &str| {
        Err(Error::usage(format!(
            "{flag} is for {kinds} targets, and this one is {}",
            k.as_str()
        ))
        .hint("see `vauth push --help` for what each kind takes"))
    };
    if k != Kind::Postgres && !o.grants.is_empty() {
        return bad("--grant", "postgres");
    }
    if k != Kind::Redis && (!o.key_patterns.is_empty() || !o.commands.is_empty()) {
        return bad("--pattern/--category", "redis");
    }
    if matches!(
        k,
        Kind::Postgres | Kind::Redis | Kind::Qdrant | Kind::Chroma | Kind::Elasticsearch
    ) && !o.roles.is_empty()
    {
        return bad("--role", "weaviate, milvus, opensearch and pinecone");
    }
    if k != Kind::Elasticsearch && o.role_descriptors.is_some() {
        return bad("--role-descriptors", "elasticsearch");
    }
    Ok(())
}

/// The spec of pushing version `v` of key `k` to target `tname`.
pub(crate) fn spec_for(
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
        marker: format!("managed by vauth {}", s.state.home_id),
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
    }
}

/// Apply + probe on one target. `Ok(Some(pushed))` when the database now holds the version
/// (verified or not: see `Pushed::verified`), with the probe's error if it failed; `Err` when
/// nothing was changed remotely.
pub(crate) fn push_one(
    tname: &str,
    cfg: &TargetConfig,
    spec: &PushSpec,
    secret: &str,
    now: OffsetDateTime,
) -> Result<(Pushed, Option<Error>)> {
    let mut t = AnyTarget::new(tname, cfg)?;
    let rt = crate::target::runtime()?;
    rt.block_on(async {
        let applied = t.apply(spec, secret).await?;
        let probe = if applied.pending {
            Ok(())
        } else {
            t.probe(&applied.user, secret).await
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
    })
}

/// Record `p` on version `version` of key `name` (replacing an earlier push to the same target).
pub(crate) fn record(s: &mut Session, name: &str, version: u32, p: Pushed) {
    if let Some(v) = s
        .state
        .api_keys
        .get_mut(name)
        .and_then(|k| k.versions.iter_mut().find(|v| v.version == version))
    {
        v.pushed.retain(|x| x.target != p.target);
        v.pushed.push(p);
    }
}

/// The plaintext of a kept version, from the vault.
pub(crate) fn plaintext(s: &mut Session, name: &str, v: &KeyVersion) -> Result<Zeroizing<String>> {
    if !v.kept {
        return Err(Error::state(format!(
            "{name} v{} was made with --no-keep: vauth has only its hash and cannot push it",
            v.version
        ))
        .hint(format!(
            "rotate it (`vauth key rotate {name}`) to get a version vauth keeps"
        )));
    }
    let entry = v.vault_entry(name);
    s.vault()?
        .get(&entry)
        .map(|p| Zeroizing::new(p.to_string()))
        .ok_or_else(|| {
            Error::vault(format!(
                "the vault has no plaintext for {name} v{}",
                v.version
            ))
            .hint("restore secrets.vault, or rotate the key")
        })
}

/// Push a new version `v` of `name` to every target the previous versions were pushed to (and not
/// revoked there), recording each push in the session. Returns what was done and, if some target
/// failed, the first error (those targets hold nothing new).
pub(crate) fn follow_pushes(
    s: &mut Session,
    name: &str,
    v: &KeyVersion,
    secret: &str,
) -> (Vec<PushReport>, Option<Error>) {
    let Some(k) = s.state.api_keys.get(name).cloned() else {
        return (Vec::new(), None);
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
            first_err.get_or_insert(super::unknown(&tname).hint(format!(
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
            // It makes its own keys: `key rotate` asks it for the successor (key/remote.rs).
            continue;
        }
        let spec = spec_for(s, &k, v, &tname, &cfg, &PushOptions::default());
        match push_one(&tname, &cfg, &spec, secret, s.now) {
            Ok((p, probe_err)) => {
                done.push(PushReport {
                    key: name.to_string(),
                    version: v.version,
                    target: tname.clone(),
                    kind: cfg.kind.as_str(),
                    user: p.user.clone(),
                    verified: p.verified,
                    pending: p.pending,
                });
                record(s, name, v.version, p);
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

/// Take versions `versions` of `name` back on every target they were pushed to. A version with
/// a newer live version is taken back on a target only when that newer version was pushed there
/// and verified (never revoke without a verified successor); the newest live version, or every
/// version (`all`), is an explicit stop and always taken back. Marks the pushes revoked in the
/// session; returns the commands run and the first error.
pub(crate) fn revoke_remote(
    s: &mut Session,
    name: &str,
    versions: &[u32],
    all: bool,
) -> (Vec<String>, Option<Error>) {
    let Some(k) = s.state.api_keys.get(name).cloned() else {
        return (Vec::new(), None);
    };
    let mut log = Vec::new();
    let mut first_err = None;
    for v in k.versions.iter().filter(|v| versions.contains(&v.version)) {
        for p in v.pushed.iter().filter(|p| p.revoked_at.is_none()) {
            let live_others: Vec<&KeyVersion> = k
                .versions
                .iter()
                .filter(|x| {
                    !versions.contains(&x.version)
                        && x.revoked_at.is_none()
                        && x.pushed
                            .iter()
                            .any(|q| q.target == p.target && q.revoked_at.is_none())
                })
                .collect();
            let has_newer = k.versions.iter().any(|x| {
                x.version > v.version && x.revoked_at.is_none() && !versions.contains(&x.version)
            });
            if !all && has_newer {
                let newer_verified = live_others.iter().any(|x| {
                    x.version > v.version
                        && x.pushed.iter().any(|q| q.target == p.target && q.verified)
                });
                if !newer_verified {
                    first_err.get_or_insert(
                        Error::new(
                            ErrorKind::Remote,
                            format!(
                                "target {}: not revoking {name} v{} there: no newer version was pushed and verified on it",
                                p.target, v.version
                            ),
                        )
                        .hint(format!("push the current version first (`vauth push {name} --to {}`)", p.target)),
                    );
                    continue;
                }
            }
            let cfg = match resolve(s, &p.target) {
                Ok(c) => c,
                Err(e) => {
                    first_err.get_or_insert(e);
                    continue;
                }
            };
            let spec = RevokeSpec {
                name: p.remote_name.clone(),
                user: p.user.clone(),
                sha256: v.sha256.clone(),
                // Kinds with alternating login users: a live version may sit on the same one.
                user_still_used: cfg.kind.alternates_users()
                    && live_others.iter().any(|x| {
                        x.pushed
                            .iter()
                            .any(|q| q.target == p.target && q.user == p.user)
                    }),
                others_live: !live_others.is_empty(),
                remote_id: p.remote_id.clone(),
            };
            let r = AnyTarget::new(&p.target, &cfg)
                .and_then(|mut t| crate::target::runtime()?.block_on(t.revoke(&spec)));
            match r {
                Ok(cmds) => {
                    log.extend(cmds.into_iter().map(|c| format!("{}: {c}", p.target)));
                    let now = s.now;
                    if let Some(x) = s
                        .state
                        .api_keys
                        .get_mut(name)
                        .and_then(|k| k.versions.iter_mut().find(|x| x.version == v.version))
                        .and_then(|x| x.pushed.iter_mut().find(|q| q.target == p.target))
                    {
                        x.revoked_at = Some(now);
                    }
                }
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
    }
    (log, first_err)
}

#[derive(Serialize)]
struct DryRun<'a> {
    dry_run: bool,
    key: &'a str,
    version: u32,
    target: &'a str,
    kind: &'static str,
    user: String,
    plan: Vec<String>,
}

/// Run `vauth push`.
pub fn run(ctx: &Ctx<'_>, a: &PushArgs) -> Result<Outcome> {
    let role_descriptors = match &a.role_descriptors {
        None => None,
        Some(p) => {
            let text = crate::fsutil::read_limited(p, 1 << 20)
                .map_err(|e| Error::io("read the role descriptors", p, &e))?;
            let v: serde_json::Value = serde_json::from_slice(&text).map_err(|e| {
                Error::input(format!("{}: not JSON: {e}", p.display()))
                    .hint("give a JSON object mapping role names to role descriptors")
            })?;
            if !v.is_object() {
                return Err(Error::input(format!("{}: not a JSON object", p.display()))
                    .hint(r#"e.g. {"read-vectors":{"indices":[{"names":["vectors-*"],"privileges":["read"]}]}}"#));
            }
            Some(v)
        }
    };
    let o = PushOptions {
        grants: a.grant.clone(),
        key_patterns: a.pattern.clone(),
        commands: a.category.clone(),
        roles: a.role.clone(),
        role_descriptors,
        adopt: a.adopt.is_some(),
    };
    check_options(&o)?;
    let mut s = ctx.open(if a.dry_run {
        OpenMode::Read
    } else {
        OpenMode::Write
    })?;
    let k = crate::commands::key::find(&s, &a.key)?.clone();
    let Some(v) = k.current().cloned() else {
        return Err(
            Error::state(format!("{} has no current version", a.key)).hint(format!(
                "`vauth key rotate {}` or `vauth key create {} --force`",
                a.key, a.key
            )),
        );
    };
    let cfg = resolve(&mut s, &a.to)?;
    let spec = spec_for(&s, &k, &v, &a.to, &cfg, &o);
    if let Some(adopt) = &a.adopt
        && adopt != &spec.name
    {
        return Err(Error::usage(format!(
            "--adopt {adopt:?}: the name on {} would be {:?}",
            a.to, spec.name
        ))
        .hint(format!("pass --adopt {}", spec.name)));
    }
    check_kind_options(&cfg, &o)?;
    if cfg.kind.generates_secret() {
        return Err(Error::usage(format!(
            "{} ({}) makes its keys itself; vauth cannot push one it made",
            a.to,
            cfg.kind.as_str()
        ))
        .hint(format!(
            "create the key there: `vauth key create NAME --on {}`",
            a.to
        )));
    }
    let t = AnyTarget::offline(&a.to, &cfg)?;
    let user = t.user_for(&spec);
    if a.dry_run {
        let plan = t.plan(&spec);
        if ctx.ui.json {
            ctx.ui.out_json(&DryRun {
                dry_run: true,
                key: &a.key,
                version: v.version,
                target: &a.to,
                kind: cfg.kind.as_str(),
                user,
                plan,
            });
        } else {
            ctx.ui.out(&plan.join(";\n"));
            ctx.ui.note(&format!(
                "Dry run: nothing was changed. {} v{} would log in on {} as {user}.",
                a.key, v.version, a.to
            ));
        }
        return Ok(Outcome::Ok);
    }
    drop(t);
    let secret = plaintext(&mut s, &a.key, &v)?;
    let (pushed, probe_err) = push_one(&a.to, &cfg, &spec, &secret, s.now)?;
    let rep = PushReport {
        key: a.key.clone(),
        version: v.version,
        target: a.to.clone(),
        kind: cfg.kind.as_str(),
        user: pushed.user.clone(),
        verified: pushed.verified,
        pending: pushed.pending,
    };
    record(&mut s, &a.key, v.version, pushed);
    s.commit(
        AuditEvent::new("key.push")
            .detail("name", &a.key)
            .detail("version", v.version.to_string())
            .detail("target", &a.to)
            .detail("user", &rep.user)
            .detail("verified", rep.verified.to_string()),
    )?;
    if let Some(e) = probe_err {
        let msg = format!(
            "{} (the database now holds {} v{} for {}; state.json records it as unverified)",
            e.message(),
            a.key,
            v.version,
            rep.user
        );
        let mut e2 = Error::new(e.kind(), msg);
        if let Some(h) = e.hint_text() {
            e2 = e2.hint(h);
        }
        return Err(e2);
    }
    if ctx.ui.json {
        ctx.ui.out_json(&rep);
    } else if rep.pending {
        ctx.ui.out(&rep.user);
        ctx.ui.note(&format!(
            "Pushed {} v{} to {}: pending restart — the server reads it when it restarts; `vauth target test {}` then probes it.",
            a.key, v.version, a.to, a.to
        ));
    } else {
        ctx.ui.out(&rep.user);
        ctx.ui.note(&format!(
            "Pushed {} v{} to {}: log in as {} with the key as password (probed: it logs in, a wrong one is refused).",
            a.key, v.version, a.to, rep.user
        ));
    }
    if let Some(cmd) = &a.exec {
        crate::hook::exec(
            cmd,
            &[
                ("VAUTH_EVENT", "push".to_string()),
                ("VAUTH_KEY", a.key.clone()),
                ("VAUTH_VERSION", v.version.to_string()),
                ("VAUTH_TARGET", a.to.clone()),
                ("VAUTH_USER", rep.user.clone()),
            ],
        )?;
    }
    Ok(Outcome::Ok)
}
