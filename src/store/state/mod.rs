//! The registry (`state.json`): API keys and their versions, JWT signing keys, the local CA and
//! its certificates, the rotation journal, the audit head. Never a secret.
//!
//! Pure data and pure rules (a version's status at a given time). Loading and saving bytes is the
//! store backend's job; this module only turns bytes into a validated [`State`] and back.
//!
//! Where things are: [`keys`] (API keys, versions, pushes, status), [`jwt`] (JWT signing keys),
//! [`pki`] (the CA and issued certificates), [`rotation`] (the rotation journal). Every type is
//! re-exported here.

mod integrity;
pub mod jwt;
pub mod keys;
pub mod pki;
pub mod records;
pub mod rotation;
pub mod settle;
pub mod tables;

pub use crate::audit::AuditHead;

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

pub use jwt::{JwtKey, JwtKeyVersion};
pub use keys::{ApiKey, KeyVersion, Origin, Pushed, Status};
pub use records::Records;
pub use rotation::{JournalStep, Revoking, Rotation, RotationStage};
pub use tables::Tables;

use crate::error::{Error, Result};
use crate::timefmt::serde_rfc3339;

/// The schema this build writes and the newest it reads. Schema 1 held every API key in
/// state.json; schema 2 keeps them in buckets ([`records`]) that state.json names by hash;
/// schema 3 names the buckets in tables that state.json names by hash ([`tables`]); schema 4
/// stores the tables a commit changes together, in packs that state.json names by hash. An
/// older home is read as it is and written as schema 4 by its next change.
pub const SCHEMA: u32 = 4;

/// The bucket kind of API keys.
pub const KEYS: &str = "k";
/// The bucket kind of the CA's issued certificates.
pub const CERTS: &str = "c";
/// The bucket kind of the API-key id index (public id → key name).
pub const IDS: &str = "i";
/// The bucket kind of the vault's entries of API keys and certificates.
pub const VAULT_KEYS: &str = "v";

impl records::Record for ApiKey {
    fn ids(&self) -> Vec<String> {
        self.versions.iter().filter_map(|v| v.id.clone()).collect()
    }
    fn validate(&self) -> Result<()> {
        records::check_digests(std::iter::once(self))
    }
}

/// The whole registry. Serialized, it is state.json (the *meta* record): everything but the
/// bucketed records, which it names by hash through `tables`.
#[derive(Debug, Clone, Serialize)]
pub struct State {
    /// Schema version; a newer one than [`SCHEMA`] is refused.
    pub schema: u32,
    /// Random id of this home (names the key file and keyring entry).
    pub home_id: String,
    /// When the home was made.
    #[serde(with = "serde_rfc3339")]
    pub created: OffsetDateTime,
    /// API keys by name (bucketed, loaded on use).
    #[serde(skip)]
    pub api_keys: Records<ApiKey>,
    /// The API-key id index: each version's public id → its key's name (bucketed). Kept by
    /// [`State::update_id_index`] at every commit.
    #[serde(skip)]
    pub ids: Records<String>,
    /// JWT signing keys by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub jwt_keys: BTreeMap<String, JwtKey>,
    /// Where the audit log ends, so a cut tail or a lost line is detected.
    #[serde(default)]
    pub audit: AuditHead,
    /// The local CA, once `vauth ca init` ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca: Option<pki::CaRecord>,
    /// Certificates the CA issued (mTLS client and server leaves), by name (bucketed).
    #[serde(skip)]
    pub certs: Records<pki::CertRecord>,
    /// The rotation journal: API-key rotations started by `vauth rotate apply` and not finished,
    /// by key name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rotations: BTreeMap<String, Rotation>,
    /// The revocation journal: remote take-backs begun (recorded before the database was asked)
    /// and not yet recorded done. The next `rotate finalize`, `vauth rotate`, `key revoke` or
    /// `cert revoke` finishes each (the targets' revokes are idempotent).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revoking: Vec<Revoking>,
    /// When a kept API-key plaintext of a bucket next stops being needed (its grace ends, it
    /// expires or is revoked at a set time), by bucket id, in Unix seconds: the first commit
    /// after that time settles the bucket, so plaintexts are erased as promptly as when every
    /// commit swept the whole vault.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sweep: BTreeMap<String, i64>,
    /// Every stored bucket (API keys, the id index, certificates, the vault's sealed entries)
    /// and the SHA-256 of its bytes, in tables that state.json names by hash (`tables`), or
    /// named by state.json itself in a small home (`buckets`): what this state was committed
    /// with. Shared with the records and the vault, which read through it.
    #[serde(flatten, serialize_with = "tables_ser")]
    pub tables: Rc<Tables>,
    /// `hmac-sha256:<hex>` over the bytes of the file without this member (it is the last
    /// one), under the home's state-integrity key sealed in the vault. A state.json edited
    /// outside vauth — a revocation removed, a version added, the audit head rewritten — fails
    /// [`State::check_integrity`]. Must stay the last field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrity: Option<String>,
}

fn tables_ser<S: serde::Serializer>(t: &Rc<Tables>, s: S) -> std::result::Result<S::Ok, S::Error> {
    t.serialize(s)
}

impl State {
    /// A fresh registry for a new home.
    pub fn new(home_id: String, now: OffsetDateTime) -> State {
        let mut s = State {
            schema: SCHEMA,
            home_id,
            created: now,
            api_keys: Records::new(KEYS),
            ids: Records::new(IDS),
            jwt_keys: BTreeMap::new(),
            audit: AuditHead::default(),
            ca: None,
            certs: Records::new(CERTS),
            rotations: BTreeMap::new(),
            revoking: Vec::new(),
            sweep: BTreeMap::new(),
            tables: Rc::new(Tables::empty()),
            integrity: None,
        };
        s.share_tables(Rc::new(Tables::empty()));
        s
    }

    /// Parse state.json's bytes; a newer schema or a corrupt file is exit 3 and is not touched.
    pub fn from_bytes(bytes: &[u8]) -> Result<State> {
        #[derive(Deserialize)]
        struct Probe {
            schema: Option<u32>,
        }
        let untouched =
            "restore state.json from version control or a backup; vauth has not changed it";
        // One parse when the file is whole (the common case); the schema alone is read only to
        // explain a file that does not parse, which a newer schema may be.
        let corrupt = |e: serde_json::Error| {
            Error::state(format!("state.json is corrupt: {e}")).hint(untouched)
        };
        let parsed = serde_json::from_slice::<StateFile>(bytes);
        let probe = || serde_json::from_slice::<Probe>(bytes).map_err(corrupt);
        let schema = match &parsed {
            Ok(f) => f.schema,
            Err(_) => probe()?.schema,
        };
        match schema {
            Some(s) if s > SCHEMA => {
                return Err(Error::state(format!(
                    "state.json has schema {s}, but this vauth understands schema {SCHEMA} at most"
                ))
                .hint("upgrade vauth; it will not touch a newer home"));
            }
            None | Some(0) => {
                return Err(Error::state("state.json has no valid schema field").hint(untouched));
            }
            Some(_) => {}
        }
        let f = parsed.map_err(corrupt)?;
        // The home id names the key file and the keyring entry: only what vauth generates.
        if !super::vault::valid_home_id(&f.home_id) {
            return Err(Error::state(
                "state.json is corrupt: its home_id is not one vauth generates",
            )
            .hint(untouched));
        }
        let tables = Rc::new(if f.tables.is_empty() && f.packs.is_empty() {
            // A small home (or any of schema 2): every bucket named here.
            Tables::flat(f.buckets)?
        } else if f.buckets.is_empty() {
            Tables::stored(f.tables, f.packs)?
        } else {
            return Err(Error::state(
                "state.json is corrupt: it names both buckets and bucket tables",
            )
            .hint(untouched));
        });
        let (api_keys, ids) = match f.api_keys {
            // Schema 1: every key in this file. All of it goes to buckets at the next commit.
            Some(map) => {
                records::check_digests(map.values())?;
                let mut ids = BTreeMap::new();
                for k in map.values() {
                    for v in &k.versions {
                        if let Some(id) = &v.id {
                            ids.insert(id.clone(), k.name.clone());
                        }
                    }
                }
                (Records::from_map(KEYS, map), Records::from_map(IDS, ids))
            }
            None => (
                Records::stored(KEYS, tables.clone()),
                Records::stored(IDS, tables.clone()),
            ),
        };
        let mut s = State {
            schema: SCHEMA,
            home_id: f.home_id,
            created: f.created,
            api_keys,
            ids,
            jwt_keys: f.jwt_keys,
            audit: f.audit,
            ca: f.ca,
            certs: if f.certs.is_empty() {
                Records::stored(CERTS, tables.clone())
            } else {
                // Schema 1: every certificate in this file; to buckets at the next commit.
                Records::from_map(CERTS, f.certs)
            },
            rotations: f.rotations,
            revoking: f.revoking,
            sweep: f.sweep,
            tables: Rc::new(Tables::empty()),
            integrity: f.integrity,
        };
        s.share_tables(tables);
        Ok(s)
    }

    /// Serialize (pretty, stable key order, trailing newline) for review in version control.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut v = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::bug(format!("cannot serialize state: {e}")))?;
        v.push(b'\n');
        Ok(v)
    }

    /// Journal the take-back `r` (once: a resumed one keeps its first time).
    pub fn begin_revoking(&mut self, r: Revoking) {
        if !self.revoking.iter().any(|x| x.same_push(&r)) {
            self.revoking.push(r);
        }
    }

    /// Drop the take-back `r` from the journal (it is recorded done, or its push is gone).
    pub fn end_revoking(&mut self, r: &Revoking) {
        self.revoking.retain(|x| !x.same_push(r));
    }

    /// Whether a take-back of version `version` of API key `name` on `target` is journaled.
    pub fn key_revoking(&self, name: &str, version: u32, target: &str) -> bool {
        self.revoking
            .iter()
            .any(|r| r.credential == name && r.version == Some(version) && r.target == target)
    }

    /// Whether a take-back of certificate `name`/`serial` on `target` is journaled.
    pub fn cert_revoking(&self, name: &str, serial: &str, target: &str) -> bool {
        self.revoking.iter().any(|r| {
            r.credential == name && r.serial.as_deref() == Some(serial) && r.target == target
        })
    }

    /// Whether the push `p` of version `v` of API key `name` waits to be taken back: the record
    /// revoked the version, or a take-back of it is journaled, and the push is not yet recorded
    /// revoked.
    pub fn key_push_pending(&self, name: &str, v: &KeyVersion, p: &Pushed) -> bool {
        p.revoked_at.is_none()
            && (v.revoked_at.is_some() || self.key_revoking(name, v.version, &p.target))
    }

    /// Whether the push `p` of certificate `name`/`c` waits to be taken back (as
    /// [`State::key_push_pending`]).
    pub fn cert_push_pending(&self, name: &str, c: &pki::IssuedCert, p: &Pushed) -> bool {
        p.revoked_at.is_none()
            && (c.revoked_at.is_some() || self.cert_revoking(name, &c.serial, &p.target))
    }

    /// Version `version` of API key `name`, to change.
    pub fn key_version_mut(&mut self, name: &str, version: u32) -> Result<Option<&mut KeyVersion>> {
        Ok(self
            .api_keys
            .get_mut(name)?
            .and_then(|k| k.versions.iter_mut().find(|v| v.version == version)))
    }

    /// The push of version `version` of API key `name` to `target`, to change.
    pub fn key_push_mut(
        &mut self,
        name: &str,
        version: u32,
        target: &str,
    ) -> Result<Option<&mut Pushed>> {
        Ok(self
            .key_version_mut(name, version)?
            .and_then(|v| v.pushed.iter_mut().find(|p| p.target == target)))
    }

    /// The certificate `name` issued with serial `serial`, to change.
    pub fn issued_cert_mut(
        &mut self,
        name: &str,
        serial: &str,
    ) -> Result<Option<&mut pki::IssuedCert>> {
        Ok(self
            .certs
            .get_mut(name)?
            .and_then(|r| r.issued.iter_mut().find(|c| c.serial == serial)))
    }

    /// The push of certificate `name`/`serial` to `target`, to change.
    pub fn cert_push_mut(
        &mut self,
        name: &str,
        serial: &str,
        target: &str,
    ) -> Result<Option<&mut Pushed>> {
        Ok(self
            .issued_cert_mut(name, serial)?
            .and_then(|c| c.pushed.iter_mut().find(|p| p.target == target)))
    }

    /// Find a version by the SHA-256 of the whole key (loads every bucket).
    pub fn find_by_digest(&self, digest: &str) -> Result<Option<(&ApiKey, &KeyVersion)>> {
        Ok(self.api_keys.values()?.find_map(|k| {
            k.versions
                .iter()
                .find(|v| crate::apikey::ct_eq_str(&v.sha256, digest))
                .map(|v| (k, v))
        }))
    }
}

/// state.json as read: schema 4 (meta, tables by pack, packs by hash), schema 3 (meta, tables by hash), schema 2 (meta, buckets by hash) or
/// schema 1 (every API key inline).
#[derive(Deserialize)]
struct StateFile {
    #[serde(default)]
    schema: Option<u32>,
    home_id: String,
    #[serde(with = "serde_rfc3339")]
    created: OffsetDateTime,
    #[serde(default)]
    api_keys: Option<BTreeMap<String, ApiKey>>,
    #[serde(default)]
    jwt_keys: BTreeMap<String, JwtKey>,
    #[serde(default)]
    audit: AuditHead,
    #[serde(default)]
    ca: Option<pki::CaRecord>,
    #[serde(default)]
    certs: BTreeMap<String, pki::CertRecord>,
    #[serde(default)]
    rotations: BTreeMap<String, Rotation>,
    #[serde(default)]
    revoking: Vec<Revoking>,
    #[serde(default)]
    sweep: BTreeMap<String, i64>,
    /// Every bucket by id (schema 2, and a small home since).
    #[serde(default)]
    buckets: BTreeMap<String, String>,
    #[serde(default)]
    tables: BTreeMap<String, String>,
    /// The packs the tables are stored in (schema 4).
    #[serde(default)]
    packs: BTreeMap<String, String>,
    #[serde(default)]
    integrity: Option<String>,
}

/// The vault entry prefix of API-key plaintexts (kept in the vault's buckets).
pub const APIKEY_PREFIX: &str = "apikey/";
/// The vault entry prefix of kept certificate keys (kept in the vault's buckets).
pub const CERT_PREFIX: &str = "cert/";
/// The vault entry prefix of JWT signing keys (kept in the vault's main body).
pub const JWT_PREFIX: &str = "jwt/";

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn t(s: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_700_000_000 + s).unwrap()
    }

    /// A generated, kept version `n` made at `t(0)`: neither expiring, replaced nor pushed.
    pub(crate) fn version(n: u32) -> KeyVersion {
        KeyVersion {
            version: n,
            id: Some(format!("id{n:06}")),
            sha256: "0".repeat(64),
            origin: Origin::Generated,
            kept: true,
            created: t(0),
            expires: None,
            grace_until: None,
            revoked_at: None,
            revoked_reason: None,
            pushed: Vec::new(),
        }
    }

    #[test]
    fn status_table() {
        let mut v = version(1);
        assert_eq!(v.status(t(10)), Status::Active);
        v.grace_until = Some(t(100));
        assert_eq!(v.status(t(99)), Status::Grace);
        assert_eq!(v.status(t(100)), Status::Retired);
        v.expires = Some(t(50));
        assert_eq!(v.status(t(60)), Status::Expired);
        v.revoked_at = Some(t(20));
        assert_eq!(v.status(t(30)), Status::Revoked);
        assert_eq!(v.status(t(10)), Status::Grace);
    }

    fn key(name: &str, v: KeyVersion) -> ApiKey {
        ApiKey {
            name: name.into(),
            prefix: Some("vk".into()),
            scopes: vec!["read".into()],
            labels: BTreeMap::new(),
            created: t(0),
            versions: vec![v],
        }
    }

    /// state.json of schema 1 (every key inline) holding `keys`.
    fn schema_1(keys: &[ApiKey]) -> Vec<u8> {
        let mut v = serde_json::to_value(State::new("homeid0000000001".into(), t(0))).unwrap();
        v["schema"] = 1.into();
        let map: BTreeMap<&str, &ApiKey> = keys.iter().map(|k| (k.name.as_str(), k)).collect();
        v["api_keys"] = serde_json::to_value(map).unwrap();
        serde_json::to_vec_pretty(&v).unwrap()
    }

    #[test]
    fn schema_1_is_read_and_moves_to_buckets_and_newer_schemas_are_refused() {
        let bytes = schema_1(&[key("a", version(1))]);
        let mut s = State::from_bytes(&bytes).unwrap();
        assert_eq!(s.schema, SCHEMA);
        assert!(s.api_keys.get("a").unwrap().is_some());
        assert!(s.find_by_id("id000001").unwrap().is_some());
        assert!(s.find_by_id("nope").unwrap().is_none());
        // Every record is written by the next commit.
        let i = records::bucket_of("a");
        assert!(s.api_keys.is_dirty(i));
        assert_eq!(s.api_keys.dirty_bytes().unwrap().len(), 1);
        assert_eq!(s.settle_bucket(i, t(1), true).unwrap().needed.len(), 1);
        let newer = String::from_utf8(bytes.clone())
            .unwrap()
            .replace("\"schema\": 1", "\"schema\": 9");
        assert!(
            State::from_bytes(newer.as_bytes())
                .unwrap_err()
                .message()
                .contains("schema 9")
        );
        assert!(State::from_bytes(&bytes[..bytes.len() / 2]).is_err());
        assert!(State::from_bytes(b"[]").is_err());
        // A digest that is not 64 hex digits (here with a 2-byte character) is corruption.
        let text = String::from_utf8(bytes.clone()).unwrap();
        let bad = text.replacen(
            &"0".repeat(64),
            &format!("{}Ϣ{}", "0".repeat(15), "0".repeat(47)),
            1,
        );
        let e = State::from_bytes(bad.as_bytes()).unwrap_err();
        assert!(e.message().contains("sha256"), "{}", e.message());
    }

    #[test]
    fn buckets_load_on_use_and_a_swapped_or_edited_bucket_is_refused() {
        use std::cell::RefCell;
        use std::rc::Rc;
        let mut s = State::new("homeid0000000001".into(), t(0));
        for n in 0..40 {
            let mut v = version(1);
            v.id = Some(format!("id{n:06}"));
            s.api_keys
                .insert(format!("k{n}"), key(&format!("k{n}"), v))
                .unwrap();
        }
        s.update_id_index().unwrap();
        let mut written = s.api_keys.dirty_bytes().unwrap();
        written.extend(s.ids.dirty_bytes().unwrap());
        let (tables, _) = s.tables.stage(&written).unwrap();
        assert!(tables.iter().all(|t| t.id.starts_with("p-")));
        written.extend(tables);
        let store: Rc<RefCell<BTreeMap<String, Vec<u8>>>> = Rc::new(RefCell::new(
            written
                .iter()
                .map(|b| (b.id.clone(), b.bytes.clone()))
                .collect(),
        ));
        let reads = Rc::new(RefCell::new(0));
        let loader = |st: &Rc<RefCell<BTreeMap<String, Vec<u8>>>>| -> records::Loader {
            let (st, n) = (st.clone(), reads.clone());
            Rc::new(move |id: &str, _h: &str| {
                *n.borrow_mut() += 1;
                Ok(st.borrow().get(id).cloned().unwrap_or_default())
            })
        };
        let meta = s.to_bytes().unwrap();
        let mut back = State::from_bytes(&meta).unwrap();
        back.set_loader(loader(&store));
        // One name: one table and one bucket of the id index, one table and one bucket of the
        // keys.
        let (k, v) = back.find_by_id("id000007").unwrap().unwrap();
        assert_eq!((k.name.as_str(), v.version), ("k7", 1));
        assert_eq!(*reads.borrow(), 4);
        assert_eq!(back.api_keys.values().unwrap().len(), 40);
        assert!(back.api_keys.same_as(&s.api_keys).unwrap());
        // A bucket replaced by another one (its hash differs from what meta names) is refused.
        let i = records::bucket_of("k3");
        let id = records::bucket_id(KEYS, i);
        let other = written
            .iter()
            .find(|b| b.id.starts_with("k-") && b.id != id)
            .unwrap();
        store.borrow_mut().insert(id.clone(), other.bytes.clone());
        let mut swapped = State::from_bytes(&meta).unwrap();
        swapped.set_loader(loader(&store));
        let e = swapped.api_keys.get("k3").unwrap_err();
        assert_eq!(e.kind().exit_code(), 3);
        assert!(e.message().contains(&id), "{}", e.message());
    }

    #[test]
    fn integrity_tag_covers_every_byte_and_survives_a_round_trip() {
        let k = [7u8; 32];
        let mut s = State::new("homeid0000000001".into(), t(0));
        s.audit.count = 3;
        let raw = s.to_sealed_bytes(&k).unwrap();
        let back = State::from_bytes(&raw).unwrap();
        assert_eq!(back.audit, s.audit);
        assert_eq!(
            back.to_bytes().unwrap(),
            raw,
            "the sealed file is the plain serialization"
        );
        State::check_integrity(&raw, &k).unwrap();
        assert!(State::check_integrity(&raw, &[8u8; 32]).is_err());
        let text = String::from_utf8(raw.clone()).unwrap();
        let edited = text.replace("\"count\": 3", "\"count\": 2");
        let e = State::check_integrity(edited.as_bytes(), &k).unwrap_err();
        assert_eq!(e.kind().exit_code(), 3);
        let plain = State::from_bytes(&raw).map(|mut s| {
            s.integrity = None;
            s.to_bytes().unwrap()
        });
        assert!(State::check_integrity(&plain.unwrap(), &k).is_err());
        assert!(State::check_integrity(b"", &k).is_err());
    }
}
