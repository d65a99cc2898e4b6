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
use crate::remote::{
    AnyTarget, Kind, PushSpec, RevokeSpec, Target as _, TargetConfig, remote_name,
};
use crate::store::state::{ApiKey, KeyVersion, Pushed};
use crate::store::{OpenMode, Session};

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
        Kind::Redis | Kind::Qdrant | Kind::Chroma | Kind::Elasticsearch
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

/// What one push did: the record of what the database now holds, and the probe's error.
pub(crate) type PushOutcome = (Pushed, Option<Error>);

/// Apply + probe each of `items` on one target, over one admin connection. Per item:
/// `Ok((pushed, probe_err))` when the database now holds the version (verified or not: see
/// `Pushed::verified`), `Err` when nothing was changed remotely for it.
pub(crate) fn push_batch(
    tname: &str,
    cfg: &TargetConfig,
    items: &[(&PushSpec, &str)],
    now: OffsetDateTime,
) -> Result<Vec<Result<PushOutcome>>> {
    let mut t = AnyTarget::new(tname, cfg)?;
    let rt = crate::remote::runtime()?;
    Ok(rt.block_on(async {
        let mut out = Vec::with_capacity(items.len());
        for (spec, secret) in items {
            let r = async {
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
            }
            .await;
            out.push(r);
        }
        // Persist once for the batch (redis ACL SAVE). The database already holds every
        // applied item, so a failure here is reported on the last one, records kept.
        if let Err(e) = t.finish().await
            && let Some(Ok((_, probe))) = out.iter_mut().rev().find(|r| r.is_ok())
        {
            probe.get_or_insert(e);
        }
        out
    }))
}

/// [`push_batch`] of one.
pub(crate) fn push_one(
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

/// Take one pushed credential back on target `tname` (its own connection and runtime).
pub(crate) fn revoke_on(tname: &str, cfg: &TargetConfig, spec: &RevokeSpec) -> Result<Vec<String>> {
    let mut t = AnyTarget::new(tname, cfg)?;
    crate::remote::runtime()?.block_on(async {
        let r = t.revoke(spec).await;
        let _ = t.finish().await;
        r
    })
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
            let r = revoke_on(&p.target, &cfg, &spec);
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
pub(crate) struct DryRun<'a> {
    pub(crate) dry_run: bool,
    pub(crate) key: &'a str,
    pub(crate) version: u32,
    pub(crate) target: &'a str,
    pub(crate) kind: &'static str,
    pub(crate) user: String,
    pub(crate) plan: Vec<String>,
}

impl DryRun<'_> {
    /// Print it (`push`, `key create --on`): the object with `--json`, else the plan, its lines
    /// joined by `sep`, on stdout and `note` on stderr.
    pub(crate) fn print(&self, ctx: &Ctx<'_>, sep: &str, note: &str) -> Result<()> {
        if ctx.ui.json {
            ctx.ui.out_json(self)?;
        } else {
            ctx.ui.out(&self.plan.join(sep))?;
            ctx.ui
                .note(&format!("Dry run: nothing was changed. {note}"));
        }
        Ok(())
    }
}

/// Run `vauth push`.
pub fn run(ctx: &Ctx<'_>, a: &PushArgs) -> Result<Outcome> {
    let role_descriptors = match &a.role_descriptors {
        None => None,
        Some(p) => Some(crate::commands::key::remote::read_role_descriptors(p)?),
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
    let first = a.key[0].as_str();
    if a.cert || (!s.state.api_keys.contains_key(first) && s.state.certs.contains_key(first)) {
        if a.key.len() > 1 {
            return Err(Error::usage("push certificates one at a time")
                .hint("several credentials in one push must be API keys"));
        }
        return push_cert(ctx, a, first, s, &o);
    }
    let cfg = resolve(&mut s, &a.to)?;
    check_kind_options(&cfg, &o)?;
    if !o.roles.is_empty() && cfg.kind == Kind::Postgres {
        return Err(
            Error::usage("--role is for certificates on postgres targets")
                .hint("an API key's group role holds --grant; use --grant"),
        );
    }
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
    let mut names: Vec<&str> = a.key.iter().map(String::as_str).collect();
    names.dedup();
    let t = AnyTarget::offline(&a.to, &cfg)?;
    let mut items = Vec::with_capacity(names.len());
    for name in &names {
        let k = crate::commands::key::find(&s, name)?.clone();
        let Some(v) = k.current().cloned() else {
            return Err(
                Error::state(format!("{name} has no current version")).hint(format!(
                    "`vauth key rotate {name}` or `vauth key create {name} --force`"
                )),
            );
        };
        let spec = spec_for(&s, &k, &v, &a.to, &cfg, &o);
        items.push((name.to_string(), v, spec));
    }
    if let Some(adopt) = &a.adopt
        && !items.iter().any(|(_, _, spec)| &spec.name == adopt)
    {
        let want: Vec<&str> = items.iter().map(|(_, _, sp)| sp.name.as_str()).collect();
        return Err(Error::usage(format!(
            "--adopt {adopt:?}: the name on {} would be {}",
            a.to,
            want.join(", ")
        ))
        .hint(format!("pass --adopt {}", want[0])));
    }
    for (_, _, spec) in items.iter_mut() {
        spec.adopt = a.adopt.as_deref() == Some(spec.name.as_str());
    }
    if a.dry_run {
        let runs: Vec<DryRun<'_>> = items
            .iter()
            .map(|(name, v, spec)| DryRun {
                dry_run: true,
                key: name,
                version: v.version,
                target: &a.to,
                kind: cfg.kind.as_str(),
                user: t.user_for(spec),
                plan: t.plan(spec),
            })
            .collect();
        if ctx.ui.json && runs.len() > 1 {
            ctx.ui.out_json(&serde_json::json!({ "pushes": runs }))?;
        } else {
            for r in &runs {
                r.print(
                    ctx,
                    ";\n",
                    &format!(
                        "{} v{} would log in on {} as {}.",
                        r.key, r.version, a.to, r.user
                    ),
                )?;
            }
        }
        return Ok(Outcome::Ok);
    }
    drop(t);
    let mut batch = Vec::with_capacity(items.len());
    for (name, v, spec) in items {
        let secret = plaintext(&mut s, &name, &v)?;
        batch.push((name, v, spec, secret));
    }
    let pairs: Vec<(&PushSpec, &str)> = batch
        .iter()
        .map(|(_, _, spec, sec)| (spec, sec.as_str()))
        .collect();
    let results = push_batch(&a.to, &cfg, &pairs, s.now)?;
    let mut reps = Vec::new();
    let mut first_err: Option<Error> = None;
    for ((name, v, _, _), r) in batch.iter().zip(results) {
        match r {
            Ok((pushed, probe_err)) => {
                let rep = PushReport {
                    key: name.clone(),
                    version: v.version,
                    target: a.to.clone(),
                    kind: cfg.kind.as_str(),
                    user: pushed.user.clone(),
                    verified: pushed.verified,
                    pending: pushed.pending,
                };
                record(&mut s, name, v.version, pushed);
                if let Some(e) = probe_err {
                    let msg = format!(
                        "{} (the database now holds {name} v{} for {}; state.json records it as unverified)",
                        e.message(),
                        v.version,
                        rep.user
                    );
                    let mut e2 = Error::new(e.kind(), msg);
                    if let Some(h) = e.hint_text() {
                        e2 = e2.hint(h);
                    }
                    first_err.get_or_insert(e2);
                }
                reps.push(rep);
            }
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    if !reps.is_empty() {
        let list =
            |f: &dyn Fn(&PushReport) -> String| reps.iter().map(f).collect::<Vec<_>>().join(",");
        let mut ev = AuditEvent::new("key.push");
        ev = if reps.len() == 1 {
            ev.detail("name", &reps[0].key)
                .detail("version", reps[0].version.to_string())
                .detail("user", &reps[0].user)
                .detail("verified", reps[0].verified.to_string())
        } else {
            ev.detail("names", list(&|r| r.key.clone()))
                .detail("versions", list(&|r| r.version.to_string()))
                .detail("users", list(&|r| r.user.clone()))
                .detail("verified", list(&|r| r.verified.to_string()))
        };
        s.commit(ev.detail("target", &a.to))?;
    }
    if let Some(e) = first_err {
        for r in &reps {
            ctx.ui.note(&format!(
                "Pushed {} v{} to {} as {}{}.",
                r.key,
                r.version,
                a.to,
                r.user,
                if r.verified {
                    " (probed)"
                } else {
                    " (UNVERIFIED)"
                }
            ));
        }
        return Err(e);
    }
    if ctx.ui.json {
        if reps.len() == 1 {
            ctx.ui.out_json(&reps[0])?;
        } else {
            ctx.ui.out_json(&serde_json::json!({ "pushes": reps }))?;
        }
    } else {
        for rep in &reps {
            ctx.ui.out(&rep.user)?;
            ctx.ui.note(&if rep.pending {
                format!(
                    "Pushed {} v{} to {}: pending restart — the server reads it when it restarts; `vauth target test {}` then probes it.",
                    rep.key, rep.version, a.to, a.to
                )
            } else {
                format!(
                    "Pushed {} v{} to {}: log in as {} with the key as password (probed: it logs in, a wrong one is refused).",
                    rep.key, rep.version, a.to, rep.user
                )
            });
        }
    }
    if let Some(cmd) = &a.exec {
        for rep in &reps {
            crate::hook::exec(
                cmd,
                &[
                    ("VAUTH_EVENT", "push".to_string()),
                    ("VAUTH_KEY", rep.key.clone()),
                    ("VAUTH_VERSION", rep.version.to_string()),
                    ("VAUTH_TARGET", a.to.clone()),
                    ("VAUTH_USER", rep.user.clone()),
                ],
                &crate::hook::secret_env_names(&s.config),
            )?;
        }
    }
    Ok(Outcome::Ok)
}

#[derive(Serialize)]
struct CertPushReport<'a> {
    cert: &'a str,
    serial: &'a str,
    target: &'a str,
    kind: &'static str,
    user: &'a str,
    verified: bool,
}

/// `vauth push CERT --to TARGET`: postgres only — a login role named by the certificate's CN,
/// probed by a real TLS login with the certificate (its key must be kept in the vault) and
/// refused with a self-signed one of the same CN.
fn push_cert(
    ctx: &Ctx<'_>,
    a: &PushArgs,
    name: &str,
    mut s: Session,
    o: &PushOptions,
) -> Result<Outcome> {
    let cfg = resolve(&mut s, &a.to)?;
    if cfg.kind != Kind::Postgres {
        return Err(Error::usage(format!(
            "{} ({}) takes no certificates; it accepts {}",
            a.to,
            cfg.kind.as_str(),
            cfg.kind.accepts()
        ))
        .hint("push certificates to postgres targets (pg_hba `hostssl … cert`)"));
    }
    if !o.key_patterns.is_empty() || !o.commands.is_empty() || o.role_descriptors.is_some() {
        return Err(
            Error::usage("a certificate push takes --grant and --role only")
                .hint("see `vauth push --help`"),
        );
    }
    let c = s
        .state
        .certs
        .get(name)
        .and_then(|r| r.latest())
        .cloned()
        .ok_or_else(|| {
            Error::new(
                ErrorKind::NotFound,
                format!("no certificate named {name:?}"),
            )
            .hint("see `vauth cert list`")
        })?;
    let status = c.status(s.now);
    if status != crate::store::state::pki::CertStatus::Active {
        return Err(
            Error::state(format!("the certificate {name} is {}", status.as_str()))
                .hint(format!("renew it first: `vauth cert renew {name}`")),
        );
    }
    let spec = crate::remote::postgres::CertSpec {
        role: c.cn.clone(),
        grants: o.grants.clone(),
        roles: o.roles.clone(),
        marker: format!("managed by vauth {}", s.state.home_id),
        adopt: a.adopt.as_deref() == Some(c.cn.as_str()),
    };
    if let Some(adopt) = &a.adopt
        && adopt != &c.cn
    {
        return Err(Error::usage(format!(
            "--adopt {adopt:?}: the role on {} is the certificate's CN, {:?}",
            a.to, c.cn
        ))
        .hint(format!("pass --adopt {}", c.cn)));
    }
    if a.dry_run {
        DryRun {
            dry_run: true,
            key: name,
            version: 0,
            target: &a.to,
            kind: cfg.kind.as_str(),
            user: c.cn.clone(),
            plan: crate::remote::postgres::Postgres::plan_cert(&spec),
        }
        .print(
            ctx,
            ";\n",
            &format!(
                "The certificate {name} would log in on {} as {}.",
                a.to, c.cn
            ),
        )?;
        return Ok(Outcome::Ok);
    }
    if !c.key_kept {
        return Err(Error::state(format!(
            "vauth does not hold the key of {name}, so it cannot prove the login works"
        ))
        .hint(format!(
            "issue it with the key kept: `vauth cert issue {name} --cn {} --keep-key --force`",
            c.cn
        )));
    }
    let key = crate::lifecycle::certs::kept_key(&mut s, name, &c)?;
    let id = crate::remote::ClientIdentity {
        cert_pem: c.pem.clone(),
        key_pem: key,
    };
    let ep = cfg.endpoint()?;
    let mut t = crate::remote::postgres::Postgres::new(&a.to, &cfg, ep, cfg.admin_password()?)?;
    let (applied, probe) = crate::remote::runtime()?.block_on(async {
        let applied = t.apply_cert(&spec).await?;
        let probe = t.probe_cert(&applied.user, &id).await;
        Ok::<_, Error>((applied, probe))
    })?;
    let pushed = Pushed {
        target: a.to.clone(),
        user: applied.user.clone(),
        remote_name: applied.user.clone(),
        at: s.now,
        verified: probe.is_ok(),
        remote_id: None,
        pending: false,
        revoked_at: None,
    };
    if let Some(x) = s
        .state
        .certs
        .get_mut(name)
        .and_then(|r| r.issued.iter_mut().find(|x| x.serial == c.serial))
    {
        x.pushed.retain(|p| p.target != a.to);
        x.pushed.push(pushed);
    }
    s.commit(
        AuditEvent::new("cert.push")
            .detail("name", name)
            .detail("serial", &c.serial)
            .detail("target", &a.to)
            .detail("user", &applied.user)
            .detail("verified", probe.is_ok().to_string()),
    )?;
    if let Err(e) = probe {
        return Err(Error::new(
            e.kind(),
            format!(
                "{} (the database now has role {}; state.json records the push as unverified)",
                e.message(),
                applied.user
            ),
        )
        .hint(e.hint_text().unwrap_or("fix pg_hba.conf, then push again")));
    }
    if ctx.ui.json {
        ctx.ui.out_json(&CertPushReport {
            cert: name,
            serial: &c.serial,
            target: &a.to,
            kind: cfg.kind.as_str(),
            user: &applied.user,
            verified: true,
        })?;
    } else {
        ctx.ui.out(&applied.user)?;
        ctx.ui.note(&format!(
            "Pushed the certificate {name} to {}: it logs in as {} (probed: it logs in, a self-signed one of the same CN is refused).",
            a.to, applied.user
        ));
    }
    Ok(Outcome::Ok)
}

/// Take back, on every target, the pushes of the certificates `certs` (name, serial) that are
/// being revoked: postgres `NOLOGIN` + end its sessions — unless another valid certificate of
/// this home has the same CN (a renewal logs in as the same role). Marks them revoked in the
/// session; returns what was run and the first error.
pub(crate) fn revoke_cert_pushes(
    s: &mut Session,
    certs: &[(String, String)],
) -> (Vec<String>, Option<Error>) {
    let now = s.now;
    let mut log = Vec::new();
    let mut first_err = None;
    for (name, serial) in certs {
        let Some(c) = s
            .state
            .certs
            .get(name)
            .and_then(|r| r.issued.iter().find(|c| &c.serial == serial))
            .cloned()
        else {
            continue;
        };
        for p in c.pushed.iter().filter(|p| p.revoked_at.is_none()) {
            let still_used = s.state.certs.values().any(|r| {
                r.issued.iter().any(|x| {
                    x.cn == p.user
                        && !certs.iter().any(|(n, sr)| n == &r.name && sr == &x.serial)
                        && x.status(now) == crate::store::state::pki::CertStatus::Active
                })
            });
            let cfg = match resolve(s, &p.target) {
                Ok(c) => c,
                Err(e) => {
                    first_err.get_or_insert(e);
                    continue;
                }
            };
            let spec = RevokeSpec {
                name: p.user.clone(),
                user: p.user.clone(),
                sha256: String::new(),
                user_still_used: still_used,
                others_live: still_used,
                remote_id: None,
            };
            let r = revoke_on(&p.target, &cfg, &spec);
            match r {
                Ok(cmds) => {
                    if still_used {
                        log.push(format!(
                            "{}: role {} kept: another valid certificate logs in as it",
                            p.target, p.user
                        ));
                    }
                    log.extend(cmds.into_iter().map(|c| format!("{}: {c}", p.target)));
                    if let Some(x) = s
                        .state
                        .certs
                        .get_mut(name)
                        .and_then(|r| r.issued.iter_mut().find(|x| &x.serial == serial))
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
