//! `vauth push KEY… --to TARGET` and `vauth push CERT --to TARGET`: apply a credential on a
//! target, probe it with the new credential (and a wrong one), record exactly what the database
//! now holds in state.json. The work is `lifecycle::push`; this file checks the request and
//! reports.

use serde::{Serialize, Serializer};

use super::Ctx;
use crate::audit::AuditEvent;
use crate::cli::target::PushArgs;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::lifecycle::keys::{find, plaintext};
use crate::lifecycle::push::{
    DryRun, PushOptions, PushReport, marker, push_batch, read_role_descriptors, record,
    record_cert, spec_for,
};
use crate::lifecycle::targets::resolve;
use crate::output::{Report, Ui};
use crate::remote::{AnyTarget, Kind, PushSpec, Target as _};
use crate::store::state::Pushed;
use crate::store::{OpenMode, Session};

/// One item alone, several as `{"pushes": [...]}` (as a JSON value: its objects' keys sorted).
fn one_or_many<T: Serialize, S: Serializer>(
    items: &[T],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match items {
        [one] => one.serialize(s),
        many => serde_json::json!({ "pushes": many }).serialize(s),
    }
}

/// `push --dry-run`: each plan with what the note under it says.
struct DryRuns(Vec<(DryRun, String)>);

impl Serialize for DryRuns {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let runs: Vec<&DryRun> = self.0.iter().map(|(r, _)| r).collect();
        one_or_many(&runs, s)
    }
}

impl Report for DryRuns {
    fn human(&self, ui: &Ui) -> Result<()> {
        for (r, note) in &self.0 {
            ui.out(&r.plan.join(";\n"))?;
            ui.note(&format!("Dry run: nothing was changed. {note}"));
        }
        Ok(())
    }
}

/// What a push of API keys did.
struct Pushes {
    reps: Vec<PushReport>,
}

impl Serialize for Pushes {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        one_or_many(&self.reps, s)
    }
}

impl Report for Pushes {
    fn human(&self, ui: &Ui) -> Result<()> {
        for rep in &self.reps {
            ui.out(&rep.user)?;
            ui.note(&if rep.restarted {
                format!(
                    "Pushed {} v{} to {}: the target's apply command restarted the server, which now accepts it (probed: a wrong one is refused).",
                    rep.key, rep.version, rep.target
                )
            } else if rep.pending {
                format!(
                    "Pushed {} v{} to {}: pending restart — the server reads it when it restarts; `vauth target test {}` then probes it.",
                    rep.key, rep.version, rep.target, rep.target
                )
            } else {
                format!(
                    "Pushed {} v{} to {}: log in as {} with the key as password (probed: it logs in, a wrong one is refused).",
                    rep.key, rep.version, rep.target, rep.user
                )
            });
        }
        Ok(())
    }
}

/// Run `vauth push`.
pub fn run(ctx: &Ctx<'_>, a: &PushArgs) -> Result<Outcome> {
    let role_descriptors = match &a.role_descriptors {
        None => None,
        Some(p) => Some(read_role_descriptors(p)?),
    };
    let o = PushOptions {
        grants: a.grant.clone(),
        key_patterns: a.pattern.clone(),
        commands: a.category.clone(),
        roles: a.role.clone(),
        role_descriptors,
        adopt: a.adopt.is_some(),
    };
    o.check()?;
    let mut s = ctx.open(if a.dry_run {
        OpenMode::Read
    } else {
        OpenMode::Write
    })?;
    let first = a.key[0].as_str();
    if a.cert || (!s.state.api_keys.contains_key(first)? && s.state.certs.contains_key(first)?) {
        if a.key.len() > 1 {
            return Err(Error::usage("push certificates one at a time")
                .hint("several credentials in one push must be API keys"));
        }
        return push_cert(ctx, a, first, s, &o);
    }
    let cfg = resolve(&mut s, &a.to)?;
    o.check_kind(&cfg)?;
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
        let k = find(&s, name)?.clone();
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
    if cfg.kind == crate::remote::Kind::Qdrant {
        // Which of Qdrant's key slots a key may go to is decided before anything, dry run too.
        for (_, _, spec) in &items {
            crate::remote::qdrant::Qdrant::slot(&a.to, spec)?;
        }
    }
    if a.dry_run {
        let runs = items
            .iter()
            .map(|(name, v, spec)| {
                let user = t.user_for(spec);
                let note = format!("{name} v{} would log in on {} as {user}.", v.version, a.to);
                let run = DryRun {
                    dry_run: true,
                    key: name.clone(),
                    version: v.version,
                    target: a.to.clone(),
                    kind: cfg.kind.as_str(),
                    user,
                    plan: with_apply(t.plan(spec), &cfg),
                };
                (run, note)
            })
            .collect();
        ctx.ui.report(&DryRuns(runs))?;
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
                let rep = PushReport::of(name, v.version, &a.to, cfg.kind, &pushed);
                record(&mut s, name, v.version, pushed)?;
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
        s.commit(push_event(&reps).detail("target", &a.to))?;
    }
    if let Some(e) = first_err {
        for r in &reps {
            ctx.ui.note(&format!(
                "Pushed {} v{} to {} as {}{}.",
                r.key,
                r.version,
                a.to,
                r.user,
                crate::output::probed(r.verified)
            ));
        }
        return Err(e);
    }
    let report = Pushes { reps };
    ctx.ui.report(&report)?;
    if let Some(cmd) = &a.exec {
        for rep in &report.reps {
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

/// A restart-bound target's plan, with what its apply command adds (`lifecycle::apply`).
fn with_apply(mut plan: Vec<String>, cfg: &crate::remote::TargetConfig) -> Vec<String> {
    if cfg.restart_bound() && cfg.apply.is_some() {
        plan.push(format!(
            "then: run the target's apply command (sh -c, VAUTH_APPLY_FILE names the file), wait up to {}s for the server, and probe in this run",
            cfg.restart_wait().as_secs()
        ));
    }
    plan
}

/// The audit event of a push: one key's details, or each detail as a list.
fn push_event(reps: &[PushReport]) -> AuditEvent {
    let list = |f: &dyn Fn(&PushReport) -> String| reps.iter().map(f).collect::<Vec<_>>().join(",");
    let ev = AuditEvent::new("key.push");
    if let [r] = reps {
        ev.detail("name", &r.key)
            .detail("version", r.version.to_string())
            .detail("user", &r.user)
            .detail("verified", r.verified.to_string())
    } else {
        ev.detail("names", list(&|r| r.key.clone()))
            .detail("versions", list(&|r| r.version.to_string()))
            .detail("users", list(&|r| r.user.clone()))
            .detail("verified", list(&|r| r.verified.to_string()))
    }
}

/// What a certificate push did.
#[derive(Serialize)]
struct CertPushReport<'a> {
    cert: &'a str,
    serial: &'a str,
    target: &'a str,
    kind: &'static str,
    user: &'a str,
    verified: bool,
}

impl Report for CertPushReport<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.out(self.user)?;
        ui.note(&format!(
            "Pushed the certificate {} to {}: it logs in as {} (probed: it logs in, a self-signed one of the same CN is refused).",
            self.cert, self.target, self.user
        ));
        Ok(())
    }
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
        .get(name)?
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
        marker: marker(&s),
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
        let run = DryRun {
            dry_run: true,
            key: name.to_string(),
            version: 0,
            target: a.to.clone(),
            kind: cfg.kind.as_str(),
            user: c.cn.clone(),
            plan: crate::remote::postgres::Postgres::plan_cert(&spec),
        };
        let note = format!(
            "The certificate {name} would log in on {} as {}.",
            a.to, c.cn
        );
        ctx.ui.report(&DryRuns(vec![(run, note)]))?;
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
    let (applied, probe) = crate::lifecycle::remote::push_cert(&a.to, &cfg, &spec, &id)?;
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
    record_cert(&mut s, name, &c.serial, pushed)?;
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
    ctx.ui.report(&CertPushReport {
        cert: name,
        serial: &c.serial,
        target: &a.to,
        kind: cfg.kind.as_str(),
        user: &applied.user,
        verified: true,
    })?;
    Ok(Outcome::Ok)
}
