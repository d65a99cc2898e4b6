//! The audit log's line format and its verification: append-only JSON lines, each carrying the
//! SHA-256 of the previous line and an HMAC-SHA-256 under a key kept in the vault.
//!
//! A line holds ids, names and fingerprints only: [`AuditEvent`] has no field for a secret and
//! callers put only public identifiers in its details. Pure apart from [`Actor::from_env`]:
//! writing the lines is the store's job.

use std::collections::BTreeMap;

use hmac::{KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::env;
use crate::error::{Error, Result};

/// The audit log's expected end.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AuditHead {
    /// Number of lines.
    pub count: u64,
    /// SHA-256 (hex) of the last line.
    pub last_hash: String,
    /// The last line itself (it holds no secret), so a line lost in a crash can be restored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_line: Option<String>,
}

type HmacSha256 = hmac::Hmac<Sha256>;

/// The `prev` of the first line.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, to what. Details hold public identifiers only (names, ids, fingerprints).
#[derive(Debug, Clone)]
pub struct AuditEvent {
    action: String,
    details: BTreeMap<String, String>,
    outcome: String,
}

impl AuditEvent {
    /// An event for `action` (e.g. `key.create`), outcome `ok`.
    pub fn new(action: &str) -> AuditEvent {
        AuditEvent {
            action: action.to_string(),
            details: BTreeMap::new(),
            outcome: "ok".into(),
        }
    }
    /// Add a public detail.
    pub fn detail(mut self, k: &str, v: impl Into<String>) -> AuditEvent {
        self.details.insert(k.to_string(), v.into());
        self
    }
}

/// Who acted: `user@host`, and the CI job when the environment names one.
#[derive(Debug, Clone)]
pub struct Actor {
    /// `user@host`.
    pub who: String,
    /// CI job id, if any.
    pub ci_job: Option<String>,
}

impl Actor {
    /// From the environment.
    pub fn from_env() -> Actor {
        let user = env::get(env::USER)
            .or_else(|| env::get("LOGNAME"))
            .unwrap_or_else(process_user);
        let host = crate::fsutil::host_name().to_string();
        let ci_job = env::CI_JOB_VARS
            .iter()
            .find_map(|v| env::get(v).map(|id| format!("{}={id}", v.to_ascii_lowercase())));
        Actor {
            who: format!("{user}@{host}"),
            ci_job,
        }
    }
}

/// The name of the process's user when the environment names none: the owner of `/proc/self`
/// (the effective uid) looked up in `/etc/passwd`, else `uid<N>`, else `unknown`.
#[cfg(unix)]
fn process_user() -> String {
    use std::os::unix::fs::MetadataExt as _;
    let Ok(uid) = std::fs::metadata("/proc/self").map(|m| m.uid()) else {
        return "unknown".into();
    };
    std::fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|p| user_of_uid(&p, uid))
        .unwrap_or_else(|| format!("uid{uid}"))
}

/// Elsewhere the environment is the only source.
#[cfg(not(unix))]
fn process_user() -> String {
    "unknown".into()
}

/// The name of `uid` in passwd(5) text (`name:pw:uid:gid:gecos:dir:shell`).
#[cfg_attr(not(unix), allow(dead_code))]
fn user_of_uid(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|l| {
        let mut f = l.split(':');
        let name = f.next()?;
        let id: u32 = f.nth(1)?.parse().ok()?;
        (id == uid && !name.is_empty() && !name.starts_with(['#', '+', '-']))
            .then(|| name.to_string())
    })
}

#[derive(Serialize)]
struct LineBody<'a> {
    seq: u64,
    time: String,
    actor: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    ci_job: Option<&'a str>,
    action: &'a str,
    details: &'a BTreeMap<String, String>,
    outcome: &'a str,
    prev: &'a str,
}

/// A parsed line, as `audit show` prints it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Line {
    /// 1-based position.
    pub seq: u64,
    /// RFC 3339.
    pub time: String,
    /// `user@host`.
    pub actor: String,
    /// CI job id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ci_job: Option<String>,
    /// e.g. `key.create`.
    pub action: String,
    /// Public identifiers.
    #[serde(default)]
    pub details: BTreeMap<String, String>,
    /// `ok`, or what failed.
    pub outcome: String,
    /// SHA-256 of the previous line.
    pub prev: String,
    /// HMAC of this line without the field.
    pub hmac: String,
}

const HMAC_FIELD: &str = ",\"hmac\":\"";

fn mac(key: &[u8], body: &[u8]) -> Result<String> {
    let mut m = <HmacSha256 as KeyInit>::new_from_slice(key)
        .map_err(|_| Error::bug("bad audit HMAC key length"))?;
    m.update(body);
    Ok(hex::encode(m.finalize().into_bytes()))
}

/// The sequence number after `count` lines. A count at `u64::MAX` cannot come from appending
/// lines: it is corruption (exit 3), never a wrap to 0.
pub fn next_seq(count: u64) -> Result<u64> {
    count.checked_add(1).ok_or_else(|| {
        Error::state("state.json is corrupt: the audit line count is at its maximum")
            .hint("restore state.json and audit.log from version control or a backup")
    })
}

/// Build the line for `event` (no trailing newline).
pub fn make_line(
    event: &AuditEvent,
    actor: &Actor,
    now: OffsetDateTime,
    seq: u64,
    prev: &str,
    hmac_key: &[u8],
) -> Result<String> {
    let prev = if prev.is_empty() { GENESIS } else { prev };
    let body = LineBody {
        seq,
        time: crate::timefmt::rfc3339(now),
        actor: &actor.who,
        ci_job: actor.ci_job.as_deref(),
        action: &event.action,
        details: &event.details,
        outcome: &event.outcome,
        prev,
    };
    let mut s = serde_json::to_string(&body).map_err(|e| Error::bug(e.to_string()))?;
    let tag = mac(hmac_key, s.as_bytes())?;
    s.pop(); // the closing brace
    s.push_str(HMAC_FIELD);
    s.push_str(&tag);
    s.push_str("\"}");
    Ok(s)
}

/// SHA-256 (hex) of a line.
pub fn line_hash(line: &str) -> String {
    hex::encode(Sha256::digest(line.as_bytes()))
}

/// The `seq` field of a line.
pub fn seq_of(line: &str) -> Option<u64> {
    serde_json::from_str::<Line>(line).ok().map(|l| l.seq)
}

/// The `prev` field of a line.
pub fn prev_of(line: &str) -> Option<String> {
    serde_json::from_str::<Line>(line).ok().map(|l| l.prev)
}

/// The non-empty lines of a log.
pub fn lines(log: &[u8]) -> impl Iterator<Item = &[u8]> {
    log.split(|&b| b == b'\n').filter(|l| !l.is_empty())
}

/// Number of lines and the hash of the last (or empty) in a log.
pub fn tail(log: &[u8]) -> (u64, String) {
    let mut n = 0;
    let mut last: &[u8] = &[];
    for l in lines(log) {
        n += 1;
        last = l;
    }
    let h = if n == 0 {
        String::new()
    } else {
        hex::encode(Sha256::digest(last))
    };
    (n, h)
}

/// Parse every line (for `audit show`); a line that does not parse is reported by number.
pub fn parse_all(log: &[u8]) -> std::result::Result<Vec<Line>, (u64, String)> {
    lines(log)
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_slice::<Line>(l)
                .map_err(|e| (i as u64 + 1, format!("not an audit line: {e}")))
        })
        .collect()
}

/// The result of verifying a log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// Whether the whole log is intact.
    pub ok: bool,
    /// Lines read.
    pub lines: u64,
    /// The first bad line (1-based), when not ok.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bad_line: Option<u64>,
    /// Why, when not ok.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Check every line's HMAC, sequence and chain, and the end against state's head.
pub fn verify(log: &[u8], hmac_key: &[u8], head: &AuditHead) -> Result<Verdict> {
    let bad = |n: u64, total: u64, why: String| Verdict {
        ok: false,
        lines: total,
        bad_line: Some(n),
        reason: Some(why),
    };
    let mut prev = GENESIS.to_string();
    let mut n = 0u64;
    for raw in lines(log) {
        n += 1;
        let Ok(text) = std::str::from_utf8(raw) else {
            return Ok(bad(n, n, "not UTF-8".into()));
        };
        let Ok(line) = serde_json::from_str::<Line>(text) else {
            return Ok(bad(n, n, "not an audit line".into()));
        };
        let Some(cut) = text.rfind(HMAC_FIELD) else {
            return Ok(bad(n, n, "no hmac field".into()));
        };
        let body = format!("{}}}", &text[..cut]);
        let want = mac(hmac_key, body.as_bytes())?;
        if !crate::apikey::ct_eq_str(&want, &line.hmac) || !text.ends_with("\"}") {
            return Ok(bad(n, n, "HMAC mismatch: the line was edited".into()));
        }
        if line.seq != n {
            return Ok(bad(
                n,
                n,
                format!(
                    "sequence {} where {n} was expected: a line was removed or reordered",
                    line.seq
                ),
            ));
        }
        if line.prev != prev {
            return Ok(bad(
                n,
                n,
                "chain broken: the previous line was changed, removed or reordered".into(),
            ));
        }
        prev = line_hash(text);
    }
    if n < head.count {
        return Ok(bad(
            n + 1,
            n,
            format!(
                "the log ends after {n} lines but state.json records {}: the tail was cut",
                head.count
            ),
        ));
    }
    if n > head.count || (n > 0 && prev != head.last_hash) {
        return Ok(bad(
            head.count.max(1),
            n,
            format!(
                "the log does not end where state.json says (line {})",
                head.count
            ),
        ));
    }
    Ok(Verdict {
        ok: true,
        lines: n,
        bad_line: None,
        reason: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor() -> Actor {
        Actor {
            who: "u@h".into(),
            ci_job: None,
        }
    }

    fn build(n: u64, key: &[u8]) -> (Vec<String>, AuditHead) {
        let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        let mut out = Vec::new();
        let mut prev = String::new();
        for i in 1..=n {
            let l = make_line(
                &AuditEvent::new("key.create").detail("name", format!("k{i}")),
                &actor(),
                now,
                i,
                &prev,
                key,
            )
            .unwrap();
            prev = line_hash(&l);
            out.push(l);
        }
        let head = AuditHead {
            count: n,
            last_hash: prev,
            last_line: out.last().cloned(),
        };
        (out, head)
    }

    fn join(v: &[String]) -> Vec<u8> {
        let mut s = v.join("\n");
        s.push('\n');
        s.into_bytes()
    }

    #[test]
    fn passwd_lookup_finds_the_uid() {
        let p = "# comment\nroot:x:0:0:root:/root:/bin/bash\nada:x:1000:1000::/home/ada:/bin/sh\n";
        assert_eq!(user_of_uid(p, 1000).as_deref(), Some("ada"));
        assert_eq!(user_of_uid(p, 0).as_deref(), Some("root"));
        assert_eq!(user_of_uid(p, 42), None);
    }

    #[test]
    fn intact_log_verifies() {
        let (l, h) = build(5, b"k");
        let v = verify(&join(&l), b"k", &h).unwrap();
        assert!(v.ok, "{v:?}");
        assert_eq!(v.lines, 5);
        assert!(verify(b"", b"k", &AuditHead::default()).unwrap().ok);
    }

    #[test]
    fn every_tamper_is_found_at_its_line() {
        let (l, h) = build(5, b"k");
        let mut edited = l.clone();
        edited[2] = edited[2].replace("k3", "k9");
        assert_eq!(verify(&join(&edited), b"k", &h).unwrap().bad_line, Some(3));

        let mut removed = l.clone();
        removed.remove(1);
        assert_eq!(verify(&join(&removed), b"k", &h).unwrap().bad_line, Some(2));

        let mut swapped = l.clone();
        swapped.swap(1, 2);
        assert_eq!(verify(&join(&swapped), b"k", &h).unwrap().bad_line, Some(2));

        let cut = &l[..4];
        let v = verify(&join(cut), b"k", &h).unwrap();
        assert!(!v.ok);
        assert_eq!(v.bad_line, Some(5));

        // Rewritten with another key: every HMAC fails.
        let (forged, fh) = build(5, b"other");
        assert_eq!(verify(&join(&forged), b"k", &fh).unwrap().bad_line, Some(1));
    }

    #[test]
    fn tail_and_prev() {
        let (l, h) = build(3, b"k");
        assert_eq!(tail(&join(&l)), (3, h.last_hash.clone()));
        assert_eq!(prev_of(&l[1]), Some(line_hash(&l[0])));
        assert_eq!(parse_all(&join(&l)).unwrap().len(), 3);
    }

    #[test]
    fn a_count_at_its_maximum_is_corruption_not_a_wrap() {
        assert_eq!(next_seq(0).unwrap(), 1);
        let e = next_seq(u64::MAX).unwrap_err();
        assert_eq!(e.kind().exit_code(), 3);
        assert!(e.message().contains("corrupt"), "{}", e.message());
    }
}
