//! The rotation journal (state.json `rotations`): an API-key rotation by `vauth rotate` is
//! recorded before and after every step, so a run killed at any instant is resumed by the next.

use time::OffsetDateTime;

use super::revoke::revoke_on;
use super::targets::resolve;
use crate::audit::AuditEvent;
use crate::error::{Error, Result};
use crate::store::Session;
use crate::store::state::{JournalStep, Rotation};

/// Append step `step` (on `target`; begun or `done`, with its error) to the journal entry `r`.
pub fn step(
    r: &mut Rotation,
    step: &str,
    target: Option<&str>,
    done: bool,
    error: Option<String>,
    now: OffsetDateTime,
) {
    r.steps.push(JournalStep {
        step: step.to_string(),
        target: target.map(str::to_string),
        at: now,
        done,
        error,
    });
}

/// Write the journal entry `r` of key `name` and commit the session with `ev`.
pub fn save(s: &mut Session, name: &str, r: &Rotation, ev: AuditEvent) -> Result<()> {
    s.state.rotations.insert(name.to_string(), r.clone());
    s.commit(ev)
}

/// Record why the rotation of `name` stopped (it stays journaled: the next run resumes it; the
/// predecessor stays current), and return the error.
pub fn stop(
    s: &mut Session,
    name: &str,
    r: &mut Rotation,
    target: Option<&str>,
    e: Error,
) -> Error {
    r.error = Some(match target {
        Some(t) => format!("{t}: {}", e.message()),
        None => e.message().to_string(),
    });
    let ev = AuditEvent::new("rotate.stopped")
        .detail("name", name)
        .detail("target", target.unwrap_or("-"));
    if let Err(ce) = save(s, name, r, ev) {
        return ce;
    }
    Error::new(
        e.kind(),
        format!(
            "{name}: {}; v{} stays current, and the next run resumes the rotation",
            e.message(),
            r.from_version
        ),
    )
    .hint(
        e.hint_text()
            .unwrap_or("fix the target, then run `vauth rotate` again"),
    )
}

/// Drop the unfinished rotation of `name` (its key is being revoked): take its successor back on
/// every target it reached, then forget it. A target that cannot be reached keeps the journal
/// entry (with only what is still out there), so a later `key revoke` can finish the job.
/// Returns the commands run and the first error; the caller commits.
pub fn cancel_rotation(s: &mut Session, name: &str) -> (Vec<String>, Option<Error>) {
    let Some(mut r) = s.state.rotations.get(name).cloned() else {
        return (Vec::new(), None);
    };
    let mut log = Vec::new();
    let mut err = None;
    let mut left = Vec::new();
    for p in r.pushed.iter().filter(|p| p.revoked_at.is_none()) {
        let spec = crate::remote::RevokeSpec {
            name: p.remote_name.clone(),
            user: p.user.clone(),
            sha256: r.sha256.clone(),
            user_still_used: false,
            others_live: false,
            remote_id: p.remote_id.clone(),
        };
        let res = resolve(s, &p.target).and_then(|cfg| revoke_on(&p.target, &cfg, &spec));
        match res {
            Ok(cmds) => log.extend(cmds.into_iter().map(|c| format!("{}: {c}", p.target))),
            Err(e) => {
                left.push(p.clone());
                err.get_or_insert(e);
            }
        }
    }
    if left.is_empty() {
        s.state.rotations.remove(name);
    } else {
        r.pushed = left;
        r.error =
            Some("cancelled: the key was revoked; its successor is still on these targets".into());
        s.state.rotations.insert(name.to_string(), r);
    }
    (log, err)
}
