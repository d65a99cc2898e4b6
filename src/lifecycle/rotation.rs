//! The engine of `vauth rotate apply`, one credential at a time. An API key's rotation is
//! journaled (see [`super::journal`]): begin (the successor is made and sealed in the vault),
//! push + probe it on every target, make it current, and — after the caller has delivered it to
//! the policy's outputs — finish. A certificate is renewed and proved to log in before anything
//! is recorded; a JWT signing key is one local step.

use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::journal::{cancel_rotation, save, step, stop};
use super::keys::{
    Ending, confirm_ending, end_versions, ended_by, find, joined as join, take_back_ended, to_end,
};
use super::push::{PushOptions, push_one, spec_for};
use super::targets::resolve;
use crate::audit::AuditEvent;
use crate::config::policy::Policy;
use crate::error::{Error, ErrorKind, Result};
use crate::store::Session;
use crate::store::state::pki::IssuedCert;
use crate::store::state::{ApiKey, KeyVersion, Origin, Pushed, Rotation, RotationStage};
use crate::testpoints::crash_point;
use crate::timefmt::rfc3339;

/// An API-key rotation whose successor is current on every target, waiting to be delivered
/// and finished ([`finish_api_key`]).
pub struct KeyRotation {
    /// The journal entry.
    pub journal: Rotation,
    /// The successor's plaintext.
    pub secret: Zeroizing<String>,
    /// The older versions this rotation ended (the rule of 2), recorded revoked when it began.
    pub ended: Vec<u32>,
    /// Why an ended version could not be taken back on some target (it stays recorded revoked;
    /// `rotate finalize` takes it back later).
    pub take_back_err: Option<Error>,
}

/// Rotate API key `p.credential` up to the point where its successor is current: begin a
/// rotation (or resume the journaled one), push and probe the successor on every target, make
/// it current — journaling each step — then take back the older versions it ended. A rotation
/// whose predecessor was revoked meanwhile is cancelled instead.
///
/// The rule of 2: a new rotation ends every live version older than the current one, recorded
/// revoked in the commit that journals the successor (before it is pushed anywhere: on an
/// alternating target it replaces the oldest version's password). One still in its grace is
/// ended only when `confirm` (asked the question) says yes; otherwise exit 2, nothing changed.
pub fn advance_api_key(
    s: &mut Session,
    p: &Policy,
    confirm: impl FnOnce(&str) -> Result<bool>,
) -> Result<KeyRotation> {
    let name = p.credential.as_str();
    let k = find(s, name)?.clone();
    let mut r = match s.state.rotations.get(name).cloned() {
        Some(r) if predecessor_revoked(&k, &r) => return Err(cancel(s, name, &r)),
        Some(r) => r,
        None => {
            let to = super::next_version(name, k.versions.last().map(|v| v.version))?;
            let ending = to_end(&k, s.now);
            confirm_ending(name, &ending, to, confirm)?;
            begin(s, p, &k, to, &ending)?
        }
    };
    let secret = successor_secret(s, name, &r)?;
    if r.stage != RotationStage::Current {
        let succ = successor(&r);
        for t in r.targets.clone() {
            if !r.pushed.iter().any(|x| x.target == t && x.verified) {
                push_to(s, &k, &succ, &mut r, &t, &secret)?;
            }
        }
        make_current(s, name, &mut r, succ)?;
    }
    let take_back_err = take_back(s, name, &r)?;
    Ok(KeyRotation {
        ended: ended_by(s, name, r.to_version)?,
        journal: r,
        secret,
        take_back_err,
    })
}

/// The successor of `r` is current and verified everywhere: take back the versions its rotation
/// ended that are still out on some target, and commit what was taken back. `Ok(Some(e))`: a
/// target did not take one back (it stays recorded revoked; the next finalize tries again).
fn take_back(s: &mut Session, name: &str, r: &Rotation) -> Result<Option<Error>> {
    let (vs, _, err) = take_back_ended(s, name, r.to_version)?;
    if vs.is_empty() {
        return Ok(None);
    }
    let mut ev = AuditEvent::new("rotate.step")
        .detail("name", name)
        .detail("step", "ended")
        .detail("versions", join(&vs));
    if let Some(e) = &err {
        ev = ev.detail("error", e.message());
    }
    s.commit(ev)?;
    crash_point("rotate-after-ended");
    Ok(err)
}

/// Whether the version a journaled rotation replaces is gone (revoked meanwhile).
fn predecessor_revoked(k: &ApiKey, r: &Rotation) -> bool {
    k.versions
        .iter()
        .find(|v| v.version == r.from_version)
        .is_none_or(|v| v.revoked_at.is_some())
}

/// The version a rotation was replacing was revoked meanwhile: its successor must not become
/// current by itself. Take it back, forget the rotation, and return why it stopped.
fn cancel(s: &mut Session, name: &str, r: &Rotation) -> Error {
    let (_, e) = cancel_rotation(s, name);
    if let Err(ce) = s.commit(AuditEvent::new("rotate.cancelled").detail("name", name)) {
        return ce;
    }
    e.unwrap_or_else(|| {
        Error::state(format!(
            "{name} v{} was revoked during its rotation; the rotation was cancelled",
            r.from_version
        ))
        .hint(format!(
            "start the key again: `vauth key create {name} --force`"
        ))
    })
}

/// Make the successor `to` of `k`'s current version, seal it in the vault and journal the
/// rotation — in the same commit, record the versions `ending` revoked (the rule of 2).
fn begin(s: &mut Session, p: &Policy, k: &ApiKey, to: u32, ending: &[Ending]) -> Result<Rotation> {
    let name = k.name.as_str();
    let now = s.now;
    let cur = k.current().cloned().ok_or_else(|| {
        Error::state(format!("{name} has no current version to rotate"))
            .hint(format!("`vauth key create {name} --force` starts it again"))
    })?;
    let prefix = k
        .prefix
        .clone()
        .or_else(|| s.config.keys.prefix.clone())
        .unwrap_or_else(|| crate::apikey::DEFAULT_PREFIX.to_string());
    let secret = crate::apikey::generate(&prefix)
        .map_err(|e| Error::state(format!("the OS random source failed: {e}")))?;
    let grace = p
        .grace()
        .or_else(|| s.config.key_grace())
        .unwrap_or(super::DEFAULT_GRACE);
    let mut r = Rotation {
        from_version: cur.version,
        to_version: to,
        sha256: crate::apikey::digest_hex(&secret),
        id: crate::apikey::parse(&secret).ok().map(|x| x.id.to_string()),
        started: now,
        expires: super::same_lifetime(now, cur.created, cur.expires)?,
        grace_seconds: grace.seconds(),
        targets: crate::policy::targets_of(&s.state, p)?,
        pushed: Vec::new(),
        stage: RotationStage::Created,
        steps: Vec::new(),
        error: None,
    };
    s.vault()?.put(
        &format!("apikey/{name}/{to}"),
        Zeroizing::new(secret.to_string()),
    )?;
    step(&mut r, "create", None, true, None, now);
    let ended = end_versions(s, name, ending, to)?;
    let mut ev = AuditEvent::new("rotate.begin")
        .detail("name", name)
        .detail("version", to.to_string())
        .detail("targets", r.targets.join(","));
    if !ended.is_empty() {
        ev = ev.detail("ended", join(&ended));
    }
    save(s, name, &r, ev)?;
    crash_point("rotate-created");
    Ok(r)
}

/// The successor's plaintext, from the vault (where [`begin`] sealed it).
fn successor_secret(s: &mut Session, name: &str, r: &Rotation) -> Result<Zeroizing<String>> {
    let entry = format!("apikey/{name}/{}", r.to_version);
    s.vault()?
        .get(&entry)?
        .map(|x| Zeroizing::new(x.to_string()))
        .ok_or_else(|| {
            Error::vault(format!(
                "the journal of {name}'s rotation names v{}, but the vault has no such key",
                r.to_version
            ))
            .hint("restore secrets.vault with state.json from the same run")
        })
}

/// The successor's version record, as the journal describes it.
fn successor(r: &Rotation) -> KeyVersion {
    KeyVersion {
        version: r.to_version,
        id: r.id.clone(),
        sha256: r.sha256.clone(),
        origin: Origin::Generated,
        kept: true,
        created: r.started,
        expires: r.expires,
        grace_until: None,
        revoked_at: None,
        revoked_reason: None,
        pushed: Vec::new(),
    }
}

/// Push the successor `succ` of `k` to target `t` and probe it, journaling before and after. A
/// failed or unverifiable push stops the rotation (journaled; the next run resumes it).
fn push_to(
    s: &mut Session,
    k: &ApiKey,
    succ: &KeyVersion,
    r: &mut Rotation,
    t: &str,
    secret: &str,
) -> Result<()> {
    let name = k.name.as_str();
    let now = s.now;
    let cfg = match resolve(s, t) {
        Ok(c) => c,
        Err(e) => return Err(stop(s, name, r, Some(t), e)),
    };
    step(r, "push", Some(t), false, None, now);
    r.stage = RotationStage::Pushing;
    save(
        s,
        name,
        r,
        AuditEvent::new("rotate.step")
            .detail("name", name)
            .detail("step", "push")
            .detail("target", t),
    )?;
    crash_point("rotate-before-push");
    let spec = spec_for(s, k, succ, t, &cfg, &PushOptions::default());
    let (pushed, probe_err) = match push_one(t, &cfg, &spec, secret, now) {
        Ok(x) => x,
        Err(e) => {
            step(r, "push", Some(t), true, Some(e.message().to_string()), now);
            return Err(stop(s, name, r, Some(t), e));
        }
    };
    let verified = pushed.verified;
    crate::store::state::keys::record_push(&mut r.pushed, pushed);
    step(
        r,
        "push",
        Some(t),
        true,
        probe_err.as_ref().map(|e| e.message().to_string()),
        now,
    );
    save(
        s,
        name,
        r,
        AuditEvent::new("rotate.step")
            .detail("name", name)
            .detail("step", "pushed")
            .detail("target", t)
            .detail("verified", verified.to_string()),
    )?;
    crash_point("rotate-after-push");
    if let Some(e) = probe_err {
        return Err(stop(s, name, r, Some(t), e));
    }
    if !verified {
        let e = Error::new(
            ErrorKind::Remote,
            format!("target {t}: the push waits for a restart; it cannot be probed now"),
        )
        .hint(format!(
            "restart the server, then `vauth target test {t}` and run the rotation again; to finish in one run, give the target an apply command (`apply = \"CMD\"` in [target.{t}], docs/ci-rotation.md)"
        ));
        return Err(stop(s, name, r, Some(t), e));
    }
    Ok(())
}

/// Every target took the successor and probed it: it becomes current; the predecessor's grace
/// runs.
fn make_current(s: &mut Session, name: &str, r: &mut Rotation, succ: KeyVersion) -> Result<()> {
    let now = s.now;
    let grace_until = now + time::Duration::seconds(r.grace_seconds);
    if let Some(key) = s.state.api_keys.get_mut(name)? {
        for v in key
            .versions
            .iter_mut()
            .filter(|v| v.grace_until.is_none() && v.revoked_at.is_none())
        {
            v.grace_until = Some(grace_until);
        }
        let mut v = succ;
        v.pushed = r.pushed.clone();
        key.versions.push(v);
    }
    r.stage = RotationStage::Current;
    r.error = None;
    step(r, "current", None, true, None, now);
    let ended = ended_by(s, name, r.to_version)?;
    let mut ev = AuditEvent::new("key.rotate")
        .detail("name", name)
        .detail("version", r.to_version.to_string())
        .detail("previous_version", r.from_version.to_string())
        .detail("grace_until", rfc3339(grace_until))
        .detail("via", "rotate apply");
    if !ended.is_empty() {
        ev = ev.detail("ended", join(&ended));
    }
    save(s, name, r, ev)?;
    crash_point("rotate-after-current");
    Ok(())
}

/// End the rotation of `name` (its successor is current and was handed to the outputs): drop
/// the journal entry and commit `rotate.done`, its details completed by `audit`. Returns until
/// when the predecessor stays valid.
pub fn finish_api_key(
    s: &mut Session,
    name: &str,
    r: &Rotation,
    audit: impl FnOnce(AuditEvent) -> AuditEvent,
) -> Result<Option<OffsetDateTime>> {
    s.state.rotations.remove(name);
    s.commit(audit(
        AuditEvent::new("rotate.done")
            .detail("name", name)
            .detail("version", r.to_version.to_string()),
    ))?;
    crash_point("rotate-done");
    Ok(s.state
        .api_keys
        .get(name)?
        .and_then(|k| k.versions.iter().find(|v| v.version == r.from_version))
        .and_then(|v| v.grace_until))
}

/// A JWT signing key rotated by policy.
pub struct JwtRotation {
    /// The version replaced.
    pub from_version: u32,
    /// The new version.
    pub to_version: u32,
    /// Until when the replaced version keeps verifying.
    pub grace_until: OffsetDateTime,
}

/// Rotate JWT signing key `p.credential`: one local step, one commit.
pub fn rotate_jwt_key(s: &mut Session, p: &Policy) -> Result<JwtRotation> {
    let name = p.credential.as_str();
    let now = s.now;
    let k = s.state.jwt_keys.get(name).cloned().ok_or_else(|| {
        Error::new(ErrorKind::NotFound, format!("no JWT key named {name:?}"))
            .hint("fix the policy's credential, or create it with `vauth jwt key create`")
    })?;
    let prev = k.current().map(|v| v.version).unwrap_or_default();
    let grace = p.grace().unwrap_or_else(|| s.config.jwt_max_lifetime());
    let until = now + grace.duration();
    if let Some(k) = s.state.jwt_keys.get_mut(name) {
        for v in k
            .versions
            .iter_mut()
            .filter(|v| v.grace_until.is_none() && v.retired_at.is_none())
        {
            v.grace_until = Some(until);
        }
    }
    let v = super::jwt::add_version(s, name, k.alg, k.rsa_bits)?;
    s.commit(
        AuditEvent::new("jwt.key.rotate")
            .detail("name", name)
            .detail("version", v.version.to_string())
            .detail("kid", &v.kid)
            .detail("previous_version", prev.to_string())
            .detail("via", "rotate apply"),
    )?;
    Ok(JwtRotation {
        from_version: prev,
        to_version: v.version,
        grace_until: until,
    })
}

/// A certificate renewed by policy, recorded and committed.
pub struct RenewedCert {
    /// The new certificate's record (its pushes: where it was proved to log in).
    pub record: IssuedCert,
    /// Its private key (kept in the vault).
    pub key: Zeroizing<String>,
    /// How many certificates of this name there were before.
    pub issued_before: u32,
}

/// Renew certificate `p.credential`: issue the successor (same CN, SANs, profile and key type;
/// a new key kept in the vault), prove it logs in wherever the predecessor was pushed (postgres
/// CN roles), then record it — one commit, after the probes: nothing remote changes before it, so
/// a crash leaves the predecessor current and the next run starts over. `None`: vauth does not
/// hold the key, so it cannot hand the successor's out.
pub fn renew_cert(s: &mut Session, p: &Policy) -> Result<Option<RenewedCert>> {
    use super::certs::{KeySource, ca_of, issue_one, leaf_window, load_issuer, spec_of};
    let name = p.credential.as_str();
    let now = s.now;
    let rec = s.state.certs.get(name)?.cloned().ok_or_else(|| {
        Error::new(
            ErrorKind::NotFound,
            format!("no certificate named {name:?}"),
        )
        .hint("fix the policy's credential, or issue it with `vauth cert issue`")
    })?;
    let Some(cur) = rec.latest().cloned() else {
        return Ok(None);
    };
    if !cur.key_kept {
        return Ok(None);
    }
    let ca = ca_of(s)?.clone();
    let lifetime = cur.not_after - cur.not_before;
    let (nb, na, _) = leaf_window(&ca, now, now + lifetime)?;
    let sans = cur
        .sans
        .iter()
        .map(|x| crate::pki::San::parse(x))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| {
            Error::state(format!("state.json: {e}")).hint(
                "state.json holds a SAN vauth cannot read: restore it from its last good copy",
            )
        })?;
    let spec = crate::pki::LeafSpec {
        cn: cur.cn.clone(),
        sans,
        profile: rec.profile,
        not_before: nb,
        not_after: na,
    };
    let issuer = load_issuer(s)?;
    let source = KeySource::Generate(spec_of(&cur.key_type));
    let mut nc = issue_one(&ca, &issuer, &spec, source, now)?;
    let key = nc
        .key_pem
        .clone()
        .ok_or_else(|| Error::bug("a generated certificate came without its key"))?;
    let id = crate::remote::ClientIdentity {
        cert_pem: nc.record.pem.clone(),
        key_pem: key.clone(),
    };
    // Prove the successor logs in wherever the predecessor does, before recording anything.
    for x in cur.pushed.iter().filter(|x| x.revoked_at.is_none()) {
        let cfg = resolve(s, &x.target)?;
        if cfg.kind != crate::remote::Kind::Postgres {
            continue;
        }
        super::remote::probe_cert(&x.target, &cfg, &x.user, &id)?.map_err(|e| {
            Error::new(
                e.kind(),
                format!(
                    "{name}: the successor does not log in on {}: {}; nothing was recorded",
                    x.target,
                    e.message()
                ),
            )
            .hint(
                e.hint_text()
                    .unwrap_or("check the server's CA and pg_hba.conf"),
            )
        })?;
        nc.record.pushed.push(Pushed {
            target: x.target.clone(),
            user: x.user.clone(),
            remote_name: x.remote_name.clone(),
            at: now,
            verified: true,
            remote_id: None,
            pending: false,
            revoked_at: None,
        });
    }
    nc.record.key_kept = true;
    s.vault()?.put(&nc.record.vault_entry(name), key.clone())?;
    if let Some(r) = s.state.certs.get_mut(name)? {
        r.issued.push(nc.record.clone());
    }
    s.commit(
        AuditEvent::new("cert.renew")
            .detail("name", name)
            .detail("serial", &nc.record.serial)
            .detail("previous_serial", &cur.serial)
            .detail("via", "rotate apply"),
    )?;
    Ok(Some(RenewedCert {
        record: nc.record,
        key,
        issued_before: rec.issued.len() as u32,
    }))
}
