//! `vauth target add/list/show/test/remove`: database admin endpoints kept in vauth.toml as
//! references (URL naming the admin user, the env var or file holding its password, a CA file).

pub mod push;

use serde::Serialize;

use super::Ctx;
use crate::audit::AuditEvent;
use crate::cli::target::{TargetAddArgs, TargetCommand, TargetNameArgs};
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::remote::{AnyTarget, Held, HeldQuery, Target as _, TargetConfig};
use crate::store::{OpenMode, Session};
use crate::timefmt::rfc3339;

/// Run `vauth target …`.
pub fn run(ctx: &Ctx<'_>, cmd: &TargetCommand) -> Result<Outcome> {
    match cmd {
        TargetCommand::Add(a) => add(ctx, a),
        TargetCommand::List => list(ctx),
        TargetCommand::Show(a) => show(ctx, a),
        TargetCommand::Test(a) => test(ctx, a),
        TargetCommand::Drift(a) => drift(ctx, a),
        TargetCommand::Remove(a) => remove(ctx, a),
    }
}

/// The error for an unknown target name.
pub(crate) fn unknown(name: &str) -> Error {
    Error::new(ErrorKind::NotFound, format!("no target named {name:?}"))
        .hint("see `vauth target list`, or add one with `vauth target add`")
}

/// Look a target up by name.
pub(crate) fn find<'a>(s: &'a Session, name: &str) -> Result<&'a TargetConfig> {
    s.config.target.get(name).ok_or_else(|| unknown(name))
}

/// The target's config with its client certificate (if it names one) resolved from this
/// home: the newest certificate of that name, which must be valid and have its key kept.
pub(crate) fn resolve(s: &mut Session, name: &str) -> Result<TargetConfig> {
    let mut cfg = find(s, name)?.clone();
    let Some(cert) = cfg.client_cert.clone() else {
        return Ok(cfg);
    };
    let hint = format!(
        "issue it with the key kept: `vauth cert issue {cert} --cn … --keep-key`, or change the target's --client-cert"
    );
    let c = s
        .state
        .certs
        .get(&cert)
        .and_then(|r| r.latest())
        .cloned()
        .ok_or_else(|| {
            Error::new(
                ErrorKind::NotFound,
                format!("target {name}: no certificate named {cert:?} in this home"),
            )
            .hint(hint.clone())
        })?;
    let status = c.status(s.now);
    if status != crate::store::state::pki::CertStatus::Active {
        return Err(Error::state(format!(
            "target {name}: the client certificate {cert} is {}",
            status.as_str()
        ))
        .hint(format!("renew it: `vauth cert renew {cert}`")));
    }
    if !c.key_kept {
        return Err(Error::state(format!(
            "target {name}: vauth does not hold the key of the client certificate {cert}"
        ))
        .hint(hint));
    }
    let key = crate::lifecycle::certs::kept_key(s, &cert, &c)?;
    cfg.identity = Some(crate::remote::ClientIdentity {
        cert_pem: c.pem.clone(),
        key_pem: key,
    });
    Ok(cfg)
}

#[derive(Serialize)]
struct TargetReport<'a> {
    name: &'a str,
    kind: &'static str,
    url: &'a str,
    admin_credential: Option<String>,
    ca_file: Option<String>,
    client_cert: Option<&'a str>,
    tls: bool,
    insecure: bool,
    prefix: Option<&'a str>,
    project: Option<&'a str>,
    credentials_file: Option<String>,
}

fn report<'a>(name: &'a str, t: &'a TargetConfig) -> TargetReport<'a> {
    TargetReport {
        name,
        kind: t.kind.as_str(),
        url: &t.url,
        admin_credential: t.admin_source(),
        ca_file: t.ca_file.as_ref().map(|p| p.display().to_string()),
        client_cert: t.client_cert.as_deref(),
        tls: t.endpoint().is_ok_and(|ep| t.tls(&ep)),
        insecure: t.insecure,
        prefix: t.prefix.as_deref(),
        project: t.project.as_deref(),
        credentials_file: t.credentials_file.as_ref().map(|p| p.display().to_string()),
    }
}

fn edit_doc(text: &str) -> Result<toml_edit::DocumentMut> {
    text.parse::<toml_edit::DocumentMut>().map_err(|e| {
        Error::state(format!("vauth.toml is not valid TOML: {}", e.message()))
            .hint("fix vauth.toml in the home")
    })
}

fn add(ctx: &Ctx<'_>, a: &TargetAddArgs) -> Result<Outcome> {
    let abs = |p: &Option<std::path::PathBuf>| {
        p.as_ref()
            .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()))
    };
    let cfg = TargetConfig {
        kind: a.kind,
        url: a.url.clone(),
        admin_password_env: a.admin_password_env.clone(),
        admin_password_file: abs(&a.admin_password_file),
        admin_key_env: a.admin_key_env.clone(),
        admin_key_file: abs(&a.admin_key_file),
        admin_client_id_env: a.admin_client_id_env.clone(),
        admin_client_secret_env: a.admin_client_secret_env.clone(),
        project: a.project.clone(),
        token_url: a.token_url.clone(),
        credentials_file: abs(&a.credentials_file),
        timeout: a.timeout,
        client_cert: a.client_cert.clone(),
        identity: None,
        ca_file: abs(&a.ca_file),
        insecure: a.insecure,
        prefix: a.prefix.clone(),
    };
    cfg.validate().map_err(|e| {
        let hint = if e.contains("contains a password") {
            "a URL never carries a credential: name the admin one with --admin-password-env/--admin-key-env VAR or --admin-password-file/--admin-key-file FILE"
        } else if e.contains("TLS") {
            "pass --ca-file (postgres), use rediss:// (redis) or https:// (HTTP targets); --insecure overrides"
        } else {
            "see `vauth target add --help`"
        };
        Error::usage(format!("--url / target {}: {e}", a.name)).hint(hint)
    })?;
    if cfg.insecure {
        ctx.ui.warn(&format!(
            "vauth: target {}: --insecure: credentials may cross the network unencrypted",
            a.name
        ));
    }
    let mut s = ctx.open(OpenMode::WriteOrCreate)?;
    if s.config.target.contains_key(&a.name) && !a.force {
        return Err(Error::new(
            ErrorKind::Exists,
            format!("a target named {:?} exists", a.name),
        )
        .hint("pass --force to replace it, or choose another name"));
    }
    let mut doc = edit_doc(&s.config_text()?)?;
    let root = doc
        .entry("target")
        .or_insert_with(|| {
            let mut t = toml_edit::Table::new();
            t.set_implicit(true);
            toml_edit::Item::Table(t)
        })
        .as_table_mut()
        .ok_or_else(|| {
            Error::state("vauth.toml: `target` is not a table").hint("fix vauth.toml")
        })?;
    root.insert(&a.name, toml_edit::Item::Table(config_table(&cfg)?));
    s.write_config(&doc.to_string())?;
    s.commit(
        AuditEvent::new("target.add")
            .detail("name", &a.name)
            .detail("kind", cfg.kind.as_str())
            // Never the query (nor userinfo): the audit log is shared more widely than vauth.toml.
            .detail("url", crate::net::url::display(&cfg.url)),
    )?;
    if ctx.ui.json {
        ctx.ui.out_json(&report(&a.name, &cfg))?;
    } else {
        ctx.ui.note(&format!(
            "Added target {} ({}, {}); check it with `vauth target test {}`.",
            a.name,
            cfg.kind.as_str(),
            cfg.url,
            a.name
        ));
    }
    Ok(Outcome::Ok)
}

/// The `[target.NAME]` table of `cfg`, keys in the struct's order.
fn config_table(cfg: &TargetConfig) -> Result<toml_edit::Table> {
    let text = toml::to_string(cfg)
        .map_err(|e| Error::bug(format!("cannot write the target table: {e}")))?;
    let doc = edit_doc(&text)?;
    Ok(doc.as_table().clone())
}

fn list(ctx: &Ctx<'_>) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let rows: Vec<TargetReport<'_>> = s.config.target.iter().map(|(n, t)| report(n, t)).collect();
    if ctx.ui.json {
        #[derive(Serialize)]
        struct List<'a> {
            targets: Vec<TargetReport<'a>>,
        }
        ctx.ui.out_json(&List { targets: rows })?;
        return Ok(Outcome::Ok);
    }
    if rows.is_empty() {
        ctx.ui.note(
            "No targets. Add one with `vauth target add NAME --kind postgres|redis --url URL`.",
        );
        return Ok(Outcome::Ok);
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.name.to_string(),
                r.kind.to_string(),
                r.url.to_string(),
                r.admin_credential.clone().unwrap_or_else(|| "-".into()),
                if r.tls { "tls" } else { "plain" }.to_string(),
            ]
        })
        .collect();
    ctx.ui.out(&crate::output::table(
        &["NAME", "KIND", "URL", "ADMIN CREDENTIAL", "TRANSPORT"],
        &table,
    ))?;
    Ok(Outcome::Ok)
}

#[derive(Serialize)]
struct PushedRow<'a> {
    credential: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    serial: Option<&'a str>,
    user: &'a str,
    pushed_at: String,
    verified: bool,
    pending: bool,
    revoked_at: Option<String>,
}

fn show(ctx: &Ctx<'_>, a: &TargetNameArgs) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let t = find(&s, &a.name)?;
    let mut pushed = Vec::new();
    for k in s.state.api_keys.values() {
        for v in &k.versions {
            for p in v.pushed.iter().filter(|p| p.target == a.name) {
                pushed.push(PushedRow {
                    credential: &k.name,
                    kind: "api_key",
                    version: Some(v.version),
                    serial: None,
                    user: &p.user,
                    pushed_at: rfc3339(p.at),
                    verified: p.verified,
                    pending: p.pending,
                    revoked_at: p.revoked_at.map(rfc3339),
                });
            }
        }
    }
    for r in s.state.certs.values() {
        for c in &r.issued {
            for p in c.pushed.iter().filter(|p| p.target == a.name) {
                pushed.push(PushedRow {
                    credential: &r.name,
                    kind: "cert",
                    version: None,
                    serial: Some(&c.serial),
                    user: &p.user,
                    pushed_at: rfc3339(p.at),
                    verified: p.verified,
                    pending: false,
                    revoked_at: p.revoked_at.map(rfc3339),
                });
            }
        }
    }
    if ctx.ui.json {
        #[derive(Serialize)]
        struct Show<'a> {
            #[serde(flatten)]
            target: TargetReport<'a>,
            pushed: Vec<PushedRow<'a>>,
        }
        ctx.ui.out_json(&Show {
            target: report(&a.name, t),
            pushed,
        })?;
        return Ok(Outcome::Ok);
    }
    let r = report(&a.name, t);
    let mut out = format!(
        "name:           {}\nkind:           {}\nurl:            {}\nadmin:          {}\ntransport:      {}\n",
        r.name,
        r.kind,
        r.url,
        r.admin_credential.as_deref().unwrap_or("(none)"),
        if r.tls {
            "TLS (verified)"
        } else if r.insecure {
            "plain (--insecure)"
        } else {
            "plain (loopback)"
        },
    );
    for (label, v) in [
        ("prefix", r.prefix.map(str::to_string)),
        ("client cert", r.client_cert.map(str::to_string)),
        ("project", r.project.map(str::to_string)),
        ("credentials", r.credentials_file.clone()),
    ] {
        if let Some(v) = v {
            out.push_str(&format!("{:<16}{v}\n", format!("{label}:")));
        }
    }
    for p in &pushed {
        out.push_str(&format!(
            "pushed:         {} {} as {} at {}{}{}\n",
            p.credential,
            match (p.version, p.serial) {
                (Some(v), _) => format!("v{v}"),
                (None, Some(sr)) => format!("(certificate {})", &sr[..sr.len().min(12)]),
                _ => String::new(),
            },
            p.user,
            p.pushed_at,
            if p.pending {
                " (pending restart)"
            } else if p.verified {
                ""
            } else {
                " (UNVERIFIED)"
            },
            p.revoked_at
                .as_ref()
                .map(|t| format!(", revoked {t}"))
                .unwrap_or_default()
        ));
    }
    ctx.ui.out(&out)?;
    Ok(Outcome::Ok)
}

/// A push waiting for a restart, probed by `target test`.
#[derive(Serialize)]
struct PendingProbe {
    key: String,
    version: u32,
    user: String,
    verified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

fn test(ctx: &Ctx<'_>, a: &TargetNameArgs) -> Result<Outcome> {
    let (cfg, pending) = {
        let mut s = ctx.open(OpenMode::Read)?;
        let cfg = resolve(&mut s, &a.name)?;
        let mut pending = Vec::new();
        for k in s.state.api_keys.values() {
            for v in k.versions.iter().filter(|v| v.revoked_at.is_none()) {
                for p in &v.pushed {
                    if p.target == a.name && p.pending && p.revoked_at.is_none() {
                        pending.push((k.name.clone(), v.version, p.user.clone()));
                    }
                }
            }
        }
        (cfg, pending)
    };
    let ep = cfg.endpoint()?;
    let mut t = AnyTarget::new(&a.name, &cfg)?;
    let rt = crate::remote::runtime()?;
    let server = rt.block_on(t.check_admin())?;
    let mut probes = Vec::new();
    let mut first_err = None;
    if !pending.is_empty() {
        let mut s = ctx.open(OpenMode::Write)?;
        for (key, version, user) in pending {
            let Some(v) = s
                .state
                .api_keys
                .get(&key)
                .and_then(|k| k.versions.iter().find(|v| v.version == version))
                .cloned()
            else {
                continue;
            };
            let secret = push::plaintext(&mut s, &key, &v)?;
            let r = rt.block_on(t.probe(&user, &secret));
            if r.is_ok()
                && let Some(p) = s
                    .state
                    .api_keys
                    .get_mut(&key)
                    .and_then(|k| k.versions.iter_mut().find(|x| x.version == version))
                    .and_then(|x| x.pushed.iter_mut().find(|p| p.target == a.name))
            {
                p.pending = false;
                p.verified = true;
            }
            probes.push(PendingProbe {
                key,
                version,
                user,
                verified: r.is_ok(),
                error: r.as_ref().err().map(|e| e.message().to_string()),
            });
            if let Err(e) = r {
                first_err.get_or_insert(e);
            }
        }
        if probes.iter().any(|p| p.verified) {
            let done: Vec<String> = probes
                .iter()
                .filter(|p| p.verified)
                .map(|p| format!("{} v{}", p.key, p.version))
                .collect();
            s.commit(
                AuditEvent::new("target.probe")
                    .detail("name", &a.name)
                    .detail("verified", done.join(",")),
            )?;
        }
    }
    let _ = rt.block_on(t.finish());
    #[derive(Serialize)]
    struct Test<'a> {
        name: &'a str,
        kind: &'static str,
        ok: bool,
        server: String,
        admin_user: Option<String>,
        tls: bool,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pending: Vec<PendingProbe>,
    }
    let tls = cfg.tls(&ep);
    let ok = first_err.is_none();
    if ctx.ui.json {
        ctx.ui.out_json(&Test {
            name: &a.name,
            kind: cfg.kind.as_str(),
            ok,
            server: server.clone(),
            admin_user: ep.user.clone(),
            tls,
            pending: probes,
        })?;
    } else {
        ctx.ui.note(&format!(
            "target {}: reached {}:{} ({}), the admin credential works; server: {server}",
            a.name,
            ep.host,
            ep.port,
            if tls { "TLS verified" } else { "no TLS" }
        ));
        for p in &probes {
            ctx.ui.note(&format!(
                "  {} v{} (pending restart): {}",
                p.key,
                p.version,
                if p.verified {
                    "now verified: it is accepted, a wrong one is refused".to_string()
                } else {
                    format!(
                        "NOT verified: {}",
                        p.error.as_deref().unwrap_or("probe failed")
                    )
                }
            ));
        }
    }
    match first_err {
        Some(e) => Err(e),
        None => Ok(Outcome::Ok),
    }
}

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

fn drift(ctx: &Ctx<'_>, a: &TargetNameArgs) -> Result<Outcome> {
    let mut s = ctx.open(OpenMode::Read)?;
    let cfg = resolve(&mut s, &a.name)?;
    let mut rows: Vec<Expect> = Vec::new();
    for k in s.state.api_keys.values() {
        for v in &k.versions {
            for p in v.pushed.iter().filter(|p| p.target == a.name) {
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
            for p in c.pushed.iter().filter(|p| p.target == a.name) {
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
        let mut t = AnyTarget::new(&a.name, &cfg)?;
        crate::remote::runtime()?.block_on(async {
            let r = t.held(&queries).await;
            let _ = t.finish().await;
            r
        })?
    };
    let out: Vec<DriftRow> = rows
        .into_iter()
        .zip(held)
        .map(|(e, h)| {
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
        })
        .collect();
    let drifted = out.iter().filter(|r| !r.ok).count();
    if ctx.ui.json {
        #[derive(Serialize)]
        struct Drift<'a> {
            target: &'a str,
            drift: bool,
            rows: Vec<DriftRow>,
        }
        ctx.ui.out_json(&Drift {
            target: &a.name,
            drift: drifted > 0,
            rows: out,
        })?;
    } else if out.is_empty() {
        ctx.ui.note(&format!(
            "Nothing was pushed to {}: nothing to compare.",
            a.name
        ));
    } else {
        let table: Vec<Vec<String>> = out
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
        ctx.ui.out(&crate::output::table(
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
        ctx.ui.note(&if drifted == 0 {
            format!("{}: the database holds what state.json says.", a.name)
        } else {
            format!(
                "{}: {drifted} difference(s): push again (`vauth push KEY --to {}`) or revoke (`vauth key revoke KEY --version N`).",
                a.name, a.name
            )
        });
    }
    Ok(if drifted > 0 {
        Outcome::Negative
    } else {
        Outcome::Ok
    })
}

fn remove(ctx: &Ctx<'_>, a: &TargetNameArgs) -> Result<Outcome> {
    let mut s = ctx.open(OpenMode::Write)?;
    find(&s, &a.name)?;
    let mut doc = edit_doc(&s.config_text()?)?;
    if let Some(t) = doc.get_mut("target").and_then(|t| t.as_table_like_mut()) {
        t.remove(&a.name);
    }
    s.write_config(&doc.to_string())?;
    s.commit(AuditEvent::new("target.remove").detail("name", &a.name))?;
    if ctx.ui.json {
        #[derive(Serialize)]
        struct Removed<'a> {
            name: &'a str,
            removed: bool,
        }
        ctx.ui.out_json(&Removed {
            name: &a.name,
            removed: true,
        })?;
    } else {
        ctx.ui.note(&format!(
            "Removed target {} from vauth.toml; nothing on the server was changed.",
            a.name
        ));
    }
    Ok(Outcome::Ok)
}
