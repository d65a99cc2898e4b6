//! The API-key id index (`keys.idx` beside state.json): fixed-width text records sorted by the
//! public id, so `vauth key verify` finds a key with a binary search of a few 213-byte reads
//! instead of parsing the whole registry (which grows with every key).
//!
//! The index is derived data: rebuilt after every state write, never a source of truth. Its header
//! names the state file it was built from (length, mtime, inode); a mismatch — state.json
//! restored from git, edited by hand, or a crash between the two writes — makes it stale, and
//! callers fall back to parsing state.json.

use std::io::{Read, Seek, SeekFrom};

use time::OffsetDateTime;

use super::state::{KeyVersion, Origin, State};

/// Bytes per record (and of the header): every line is padded to this width.
pub const RECORD: usize = 213;
const MAGIC: &str = "vauth-keys-idx v1";
const NAME_WIDTH: usize = 64;

/// Identity of the state file an index was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateStamp {
    /// Length in bytes.
    pub len: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: i128,
    /// Inode number (every atomic write makes a new file).
    pub ino: u64,
}

/// One index hit: a key name and what `verify` needs of the version.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The key's name.
    pub name: String,
    /// The version (with what status needs; origin/kept/created are not indexed).
    pub version: KeyVersion,
}

fn time_field(t: Option<OffsetDateTime>) -> String {
    t.map_or_else(|| "-".to_string(), |t| t.unix_timestamp().to_string())
}

fn parse_time(s: &str) -> Option<Option<OffsetDateTime>> {
    if s == "-" {
        return Some(None);
    }
    s.parse::<i64>()
        .ok()
        .and_then(|n| OffsetDateTime::from_unix_timestamp(n).ok())
        .map(Some)
}

fn pad(mut line: String) -> Option<String> {
    if line.len() >= RECORD {
        return None;
    }
    while line.len() < RECORD - 1 {
        line.push(' ');
    }
    line.push('\n');
    Some(line)
}

/// Build the index of `state`, stamped with the state file's identity. `None` when some record
/// cannot be indexed (e.g. a hand-edited name wider than the field): then no index is kept.
pub fn build(state: &State, stamp: StateStamp) -> Option<Vec<u8>> {
    let mut recs: Vec<(&str, String)> = Vec::new();
    for k in state.api_keys.values() {
        if k.name.len() > NAME_WIDTH || k.name.contains(char::is_whitespace) || k.name.is_empty() {
            return None;
        }
        for v in &k.versions {
            let Some(id) = v.id.as_deref() else { continue };
            if id.len() != 8 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return None;
            }
            let line = format!(
                "{id} {} {:>10} {:>20} {:>20} {:>20} {}",
                v.sha256,
                v.version,
                time_field(v.expires),
                time_field(v.grace_until),
                time_field(v.revoked_at),
                k.name
            );
            recs.push((id, pad(line)?));
        }
    }
    recs.sort_by(|a, b| a.0.cmp(b.0));
    if recs.windows(2).any(|w| w[0].0 == w[1].0) {
        return None; // duplicate ids: let the full registry answer
    }
    let header = pad(format!(
        "{MAGIC} len={} mtime={} ino={} n={}",
        stamp.len,
        stamp.mtime_ns,
        stamp.ino,
        recs.len()
    ))?;
    let mut out = Vec::with_capacity(RECORD * (recs.len() + 1));
    out.extend_from_slice(header.as_bytes());
    for (_, r) in recs {
        out.extend_from_slice(r.as_bytes());
    }
    Some(out)
}

/// Why an index cannot answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Miss {
    /// Built from another state file, or unreadable: ask the registry.
    Stale,
    /// Fresh, and no key has this id.
    Absent,
}

fn parse_header(h: &str) -> Option<(StateStamp, u64)> {
    let mut it = h.split_whitespace();
    if it.next()? != "vauth-keys-idx" || it.next()? != "v1" {
        return None;
    }
    let mut field = |k: &str| it.next()?.strip_prefix(k).map(str::to_string);
    let len = field("len=")?.parse().ok()?;
    let mtime_ns = field("mtime=")?.parse().ok()?;
    let ino = field("ino=")?.parse().ok()?;
    let n = field("n=")?.parse().ok()?;
    Some((StateStamp { len, mtime_ns, ino }, n))
}

fn parse_record(r: &str) -> Option<(String, Hit)> {
    let f: Vec<&str> = r.split_whitespace().collect();
    let [id, sha, version, expires, grace, revoked, name] = f.as_slice() else {
        return None;
    };
    Some((
        (*id).to_string(),
        Hit {
            name: (*name).to_string(),
            version: KeyVersion {
                version: version.parse().ok()?,
                id: Some((*id).to_string()),
                sha256: (*sha).to_string(),
                origin: Origin::Generated,
                kept: false,
                created: OffsetDateTime::UNIX_EPOCH,
                expires: parse_time(expires)?,
                grace_until: parse_time(grace)?,
                revoked_at: parse_time(revoked)?,
                revoked_reason: None,
                pushed: Vec::new(),
            },
        },
    ))
}

/// Find `id` in an index read through `r`, if the index was built from the state file `stamp`.
pub fn lookup<R: Read + Seek>(r: &mut R, stamp: StateStamp, id: &str) -> Result<Hit, Miss> {
    let mut buf = [0u8; RECORD];
    let mut read_at = |r: &mut R, i: u64| -> Result<String, Miss> {
        r.seek(SeekFrom::Start(i * RECORD as u64))
            .map_err(|_| Miss::Stale)?;
        r.read_exact(&mut buf).map_err(|_| Miss::Stale)?;
        String::from_utf8(buf.to_vec()).map_err(|_| Miss::Stale)
    };
    let header = read_at(r, 0)?;
    let (built_from, n) = parse_header(&header).ok_or(Miss::Stale)?;
    if built_from != stamp {
        return Err(Miss::Stale);
    }
    let (mut lo, mut hi) = (0u64, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let rec = read_at(r, mid + 1)?;
        let (rid, hit) = parse_record(&rec).ok_or(Miss::Stale)?;
        match rid.as_str().cmp(id) {
            std::cmp::Ordering::Equal => return Ok(hit),
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
        }
    }
    Err(Miss::Absent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::state::ApiKey;
    use std::io::Cursor;

    fn t(s: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_700_000_000 + s).unwrap()
    }

    fn state(n: usize) -> State {
        let mut s = State::new("h".into(), t(0));
        for i in 0..n {
            let name = format!("key-{i}");
            let mut v = crate::store::state::tests::version(1);
            v.id = Some(format!("{:08}", i * 7919 % 100_000_000));
            v.sha256 = format!("{:064x}", i);
            if i % 3 == 0 {
                v.expires = Some(t(100));
            }
            if i % 5 == 0 {
                v.revoked_at = Some(t(50));
            }
            s.api_keys.insert(
                name.clone(),
                ApiKey {
                    name,
                    prefix: Some("vk".into()),
                    scopes: vec![],
                    labels: Default::default(),
                    created: t(0),
                    versions: vec![v],
                },
            );
        }
        s
    }

    const STAMP: StateStamp = StateStamp {
        len: 10,
        mtime_ns: 20,
        ino: 30,
    };

    #[test]
    fn every_id_is_found_with_its_times_and_absent_ids_are_not() {
        let s = state(1000);
        let idx = build(&s, STAMP).unwrap();
        assert_eq!(idx.len(), RECORD * 1001);
        let mut c = Cursor::new(idx);
        for k in s.api_keys.values() {
            let v = &k.versions[0];
            let hit = lookup(&mut c, STAMP, v.id.as_deref().unwrap()).unwrap();
            assert_eq!(hit.name, k.name);
            assert_eq!(hit.version.sha256, v.sha256);
            assert_eq!(hit.version.expires, v.expires);
            assert_eq!(hit.version.revoked_at, v.revoked_at);
            assert_eq!(hit.version.status(t(60)), v.status(t(60)));
        }
        assert_eq!(lookup(&mut c, STAMP, "zzzzzzzz"), Err(Miss::Absent));
        assert_eq!(lookup(&mut c, STAMP, "00000000x"), Err(Miss::Absent));
    }

    #[test]
    fn another_state_file_makes_it_stale() {
        let idx = build(&state(3), STAMP).unwrap();
        let other = StateStamp { ino: 31, ..STAMP };
        assert_eq!(
            lookup(&mut Cursor::new(idx.clone()), other, "00000000"),
            Err(Miss::Stale)
        );
        let mut cut = idx;
        cut.truncate(RECORD + 5);
        assert_eq!(
            lookup(&mut Cursor::new(cut), STAMP, "00015838"),
            Err(Miss::Stale)
        );
        assert_eq!(
            lookup(&mut Cursor::new(b"garbage".to_vec()), STAMP, "x"),
            Err(Miss::Stale)
        );
    }
}
