//! `secrets.vault`: every secret vauth keeps, in one file sealed with XChaCha20-Poly1305.
//!
//! The body is sealed under a random 256-bit data key; the data key is wrapped (also with
//! XChaCha20-Poly1305) under a key-encryption key that comes from the protection recorded in the
//! header: the OS keyring, `VAUTH_MASTER_KEY`, a passphrase (Argon2id, parameters in the header),
//! or a 0600 key file kept outside the home. Re-keying generates a NEW data key and re-seals
//! everything under it, so an old key-encryption key (key file, master key, passphrase) together
//! with an old copy of the file opens only the secrets of that copy. The header also seals the
//! home's state-integrity key (see [`Vault::state_key`]) under the data key, so it can be had
//! without decrypting the body. This module turns bytes into an open vault and back; it never
//! writes files other than the key file it creates.
//!
//! Where things are: this file holds the file format and [`Vault`]; [`unlock`] obtains and makes
//! key-encryption keys (passphrase, master key, key file, keyring); `seal` is the AEAD and the
//! associated data that binds each sealed part to its home and role.

mod buckets;
mod seal;
pub mod unlock;

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use buckets::{Bucket, bucket_of_entry, new_buckets};
use seal::{body_aad, integrity_aad, open_sealed, previous_aad, random32, seal, wrap_aad};
pub use unlock::{NewMasterKey, Unlock};
use unlock::{
    check_configured, derive, master_key, new_protection, passphrase, read_key_file, wrong_key,
};

const FORMAT: &str = "vauth-vault";
const VERSION: u32 = 1;
/// Argon2id parameters for new passphrase vaults (RFC 9106's second recommendation).
const ARGON2_M_KIB: u32 = 64 * 1024;
const ARGON2_T: u32 = 3;
const ARGON2_P: u32 = 4;
/// The largest Argon2 memory cost accepted from a header (KiB): 4x what vauth writes. A header is
/// only authenticated after the key is derived, so an unbounded one makes vauth spend whatever
/// memory and time a tampered file asks for.
const ARGON2_MAX_M_KIB: u32 = 256 * 1024;
/// The largest Argon2 pass count accepted from a header.
const ARGON2_MAX_T: u32 = 8;
/// The largest Argon2 parallelism accepted from a header.
const ARGON2_MAX_P: u32 = 16;
/// The largest total work accepted (memory KiB x passes): 4x what vauth writes.
const ARGON2_MAX_WORK: u64 = 4 * ARGON2_M_KIB as u64 * ARGON2_T as u64;
/// The length of a home id (base62, as `new_home_id` makes it).
pub const HOME_ID_LEN: usize = 16;
/// The largest vault file read.
pub const MAX_VAULT_BYTES: u64 = 256 << 20;
/// The largest passphrase file read.
const MAX_PASSPHRASE_BYTES: u64 = 64 << 10;

/// How the data key is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Protection {
    /// The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager).
    Keyring,
    /// `VAUTH_MASTER_KEY` (base64 of 32 bytes), for CI secret stores.
    MasterKey,
    /// A passphrase through Argon2id.
    Passphrase,
    /// A 0600 key file outside the home (`$XDG_CONFIG_HOME/vauth/keys/<home-id>`): the weakest.
    KeyFile,
}

impl Protection {
    /// The name used in flags and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Protection::Keyring => "keyring",
            Protection::MasterKey => "master-key",
            Protection::Passphrase => "passphrase",
            Protection::KeyFile => "key-file",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Argon2Params {
    m: u32,
    t: u32,
    p: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ProtectionHeader {
    kind: Protection,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    salt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    argon2: Option<Argon2Params>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Sealed {
    nonce: String,
    ct: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct VaultFile {
    format: String,
    version: u32,
    home_id: String,
    protection: ProtectionHeader,
    wrap: Sealed,
    /// The state-integrity key, sealed under the data key.
    integrity: Sealed,
    body: Sealed,
    /// After a re-key: the previous data key, sealed under the new one, until a state that
    /// names only buckets sealed under the new key is stored (a re-key killed between the vault
    /// and the state write leaves the old state naming the old buckets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    previous: Option<Sealed>,
}

/// Whether `id` is a home id vauth makes: exactly [`HOME_ID_LEN`] ASCII letters and digits. It
/// names the key file and the keyring entry, so anything else (a path, `..`) is refused.
pub fn valid_home_id(id: &str) -> bool {
    id.len() == HOME_ID_LEN && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn foreign_header() -> Error {
    Error::vault("secrets.vault: the vault header is not one vauth writes (it was modified)")
        .hint("restore secrets.vault from a backup; vauth has not changed it")
}

/// Parse and check a vault file's header: format, version, home id, Argon2 bounds.
fn parse_file(bytes: &[u8]) -> Result<VaultFile> {
    let f: VaultFile = serde_json::from_slice(bytes).map_err(|_| tampered())?;
    if f.format != FORMAT {
        return Err(tampered());
    }
    if f.version > VERSION {
        return Err(Error::vault(format!(
            "secrets.vault has format version {}, newer than this vauth reads",
            f.version
        ))
        .hint("upgrade vauth"));
    }
    if !valid_home_id(&f.home_id) {
        return Err(foreign_header());
    }
    match (f.protection.kind, &f.protection.argon2, &f.protection.salt) {
        (Protection::Passphrase, Some(a), Some(salt)) => {
            let salt_len = B64.decode(salt).map_err(|_| foreign_header())?.len();
            if !argon2_params_ok(a) || !(16..=64).contains(&salt_len) {
                return Err(foreign_header());
            }
        }
        (Protection::Passphrase, _, _) => return Err(foreign_header()),
        (_, None, None) => {}
        _ => return Err(foreign_header()),
    }
    Ok(f)
}

/// Whether Argon2 parameters are within what vauth writes or might write (see the bounds).
fn argon2_params_ok(a: &Argon2Params) -> bool {
    (1..=ARGON2_MAX_P).contains(&a.p)
        && (1..=ARGON2_MAX_T).contains(&a.t)
        && a.m >= 8 * a.p
        && a.m <= ARGON2_MAX_M_KIB
        && u64::from(a.m) * u64::from(a.t) <= ARGON2_MAX_WORK
}

/// Parse a vault file's header and nothing else (the fuzz target's entry point): the home id and
/// protection, or the refusal `open` would give before deriving any key.
pub fn parse_header(bytes: &[u8]) -> Result<(String, Protection)> {
    let f = parse_file(bytes)?;
    Ok((f.home_id, f.protection.kind))
}

#[derive(Deserialize)]
struct Body {
    entries: BTreeMap<String, String>,
}

/// The JSON body of `entries` (`{"entries":{…}}`), built in a zeroized buffer.
fn body_json(entries: &Entries) -> Result<Zeroizing<String>> {
    let mut body = Zeroizing::new(String::from("{\"entries\":{"));
    for (i, (k, v)) in entries.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        let ks = serde_json::to_string(k).map_err(|e| Error::bug(e.to_string()))?;
        let vs = Zeroizing::new(
            serde_json::to_string(v.as_str()).map_err(|e| Error::bug(e.to_string()))?,
        );
        body.push_str(&ks);
        body.push(':');
        body.push_str(&vs);
    }
    body.push_str("}}");
    Ok(body)
}

/// A 256-bit key, zeroized on drop.
type Key32 = Zeroizing<[u8; 32]>;

type Entries = BTreeMap<String, Zeroizing<String>>;

/// An open vault. Holds secrets: no `Debug`, no `Serialize`; values zeroized on drop.
///
/// The main file holds everything but API-key plaintexts; those live in 256 buckets that
/// follow the registry's API-key buckets (see `store::state::records`), each sealed apart (the
/// associated data names the home and the bucket) and named by hash like the registry's
/// buckets (`store::state::tables`), so a
/// single-key command opens one small bucket, not every secret of the home.
pub struct Vault {
    home_id: String,
    protection: ProtectionHeader,
    kek: Zeroizing<[u8; 32]>,
    dek: Zeroizing<[u8; 32]>,
    state_key: Zeroizing<[u8; 32]>,
    entries: Entries,
    dirty: bool,
    buckets: Vec<Bucket>,
    /// Where the stored buckets are named and read from (see [`Vault::attach`]).
    tables: std::rc::Rc<crate::store::state::Tables>,
    /// The main body held bucketed entries (a vault of schema 1): they are copied into their
    /// buckets and stay in the main body too until a state naming those buckets is stored.
    legacy: bool,
    /// The data key before a re-key (see `VaultFile::previous`).
    prev_dek: Option<Key32>,
    /// The re-key happened in this session: keep `prev_dek` through its commit.
    prev_keep: bool,
}

fn tampered() -> Error {
    Error::vault("secrets.vault failed its integrity check: it was modified or is corrupt")
        .hint("restore secrets.vault from a backup; vauth has not changed it")
}

impl Vault {
    /// A new, empty vault for `home_id` protected by `protection`. Creates the key file or
    /// keyring entry when that protection needs one.
    pub fn create(home_id: &str, protection: Protection, unlock: &Unlock) -> Result<Vault> {
        if !valid_home_id(home_id) {
            return Err(Error::bug("a new home id is not in vauth's alphabet"));
        }
        let (header, kek) = new_protection(home_id, protection, unlock, None)?;
        Ok(Vault {
            home_id: home_id.to_string(),
            protection: header,
            kek,
            dek: random32()?,
            state_key: random32()?,
            entries: BTreeMap::new(),
            dirty: true,
            buckets: new_buckets(),
            tables: std::rc::Rc::new(crate::store::state::Tables::empty()),
            legacy: false,
            prev_dek: None,
            prev_keep: false,
        })
    }

    /// The protection recorded in a vault file, without opening it.
    pub fn peek_protection(bytes: &[u8]) -> Result<(String, Protection)> {
        parse_header(bytes)
    }

    /// Check the header, obtain the key-encryption key and unwrap the data key.
    fn unwrap(f: &VaultFile, unlock: &Unlock) -> Result<(Key32, Key32)> {
        check_configured(f.protection.kind, unlock)?;
        let kek = match f.protection.kind {
            Protection::KeyFile => read_key_file(&unlock.key_file(&f.home_id))?,
            Protection::MasterKey => master_key()?,
            Protection::Keyring => crate::store::keyring::get(&f.home_id)?,
            Protection::Passphrase => {
                let a = f.protection.argon2.as_ref().ok_or_else(foreign_header)?;
                let salt = f
                    .protection
                    .salt
                    .as_deref()
                    .and_then(|s| B64.decode(s).ok())
                    .ok_or_else(foreign_header)?;
                let pass = passphrase(unlock, false)?;
                derive(&pass, &salt, a)?
            }
        };
        let dek_bytes = open_sealed(&kek, &f.wrap, &wrap_aad(&f.home_id, &f.protection))
            .ok_or_else(|| wrong_key(f.protection.kind))?;
        let dek: [u8; 32] = dek_bytes.as_slice().try_into().map_err(|_| tampered())?;
        Ok((kek, Zeroizing::new(dek)))
    }

    fn open_state_key(f: &VaultFile, dek: &[u8; 32]) -> Result<Zeroizing<[u8; 32]>> {
        let k = open_sealed(dek, &f.integrity, &integrity_aad(&f.home_id)).ok_or_else(tampered)?;
        let k: [u8; 32] = k.as_slice().try_into().map_err(|_| tampered())?;
        Ok(Zeroizing::new(k))
    }

    /// The home id and state-integrity key of a vault file, without decrypting its body: what
    /// read paths that must trust state.json (`key verify`) need, at the cost of one unwrap.
    pub fn read_state_key(bytes: &[u8], unlock: &Unlock) -> Result<(String, Zeroizing<[u8; 32]>)> {
        let f = parse_file(bytes)?;
        let (_kek, dek) = Vault::unwrap(&f, unlock)?;
        let k = Vault::open_state_key(&f, &dek)?;
        Ok((f.home_id, k))
    }

    /// Open a vault file.
    pub fn open(bytes: &[u8], unlock: &Unlock) -> Result<Vault> {
        let f = parse_file(bytes)?;
        let (kek, dek) = Vault::unwrap(&f, unlock)?;
        let state_key = Vault::open_state_key(&f, &dek)?;
        let body = open_sealed(&dek, &f.body, &body_aad(&f.home_id)).ok_or_else(tampered)?;
        let parsed: Body = serde_json::from_slice(&body).map_err(|_| tampered())?;
        let prev_dek = match &f.previous {
            None => None,
            Some(p) => {
                let k = open_sealed(&dek, p, &previous_aad(&f.home_id)).ok_or_else(tampered)?;
                let k: [u8; 32] = k.as_slice().try_into().map_err(|_| tampered())?;
                Some(Zeroizing::new(k))
            }
        };
        let mut v = Vault {
            home_id: f.home_id,
            protection: f.protection,
            kek,
            dek,
            state_key,
            entries: BTreeMap::new(),
            dirty: false,
            buckets: new_buckets(),
            tables: std::rc::Rc::new(crate::store::state::Tables::empty()),
            legacy: false,
            prev_dek,
            prev_keep: false,
        };
        // API-key plaintexts and certificate keys in the main body (a home of schema 1): copied
        // to their buckets, written by the next commit; the main body keeps them until a state
        // naming those buckets is stored (see `attach` and `committed`).
        for (k, val) in parsed.entries {
            if let Some(i) = bucket_of_entry(&k) {
                let b = &mut v.buckets[i];
                let _ = b.map.set(BTreeMap::new());
                if let Some(m) = b.map.get_mut() {
                    m.insert(k.clone(), Zeroizing::new(val.clone()));
                }
                b.dirty = true;
                v.legacy = true;
            }
            v.entries.insert(k, Zeroizing::new(val));
        }
        Ok(v)
    }

    /// Seal to bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let body = body_json(&self.entries)?;
        let file = VaultFile {
            format: FORMAT.into(),
            version: VERSION,
            home_id: self.home_id.clone(),
            protection: self.protection.clone(),
            wrap: seal(
                &self.kek,
                &self.dek[..],
                &wrap_aad(&self.home_id, &self.protection),
            )?,
            integrity: seal(
                &self.dek,
                &self.state_key[..],
                &integrity_aad(&self.home_id),
            )?,
            body: seal(&self.dek, body.as_bytes(), &body_aad(&self.home_id))?,
            previous: match &self.prev_dek {
                Some(p) => Some(seal(&self.dek, &p[..], &previous_aad(&self.home_id))?),
                None => None,
            },
        };
        let mut out = serde_json::to_vec_pretty(&file).map_err(|e| Error::bug(e.to_string()))?;
        out.push(b'\n');
        Ok(out)
    }

    /// The protection in use.
    pub fn protection(&self) -> Protection {
        self.protection.kind
    }
    /// The home id the vault belongs to.
    pub fn home_id(&self) -> &str {
        &self.home_id
    }
    /// The key that authenticates state.json (HMAC-SHA-256; see `store::integrity`). Random per
    /// home, sealed under the data key, kept across re-keys (like the audit key) so that a crash
    /// between the vault and state writes of a re-key leaves a state that still verifies.
    pub fn state_key(&self) -> &[u8; 32] {
        &self.state_key
    }
    /// Whether anything changed since it was opened.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }
    /// Mark the vault as written (after a commit stored it).
    pub fn mark_clean(&mut self) {
        self.dirty = false;
    }
    /// A secret by name.
    pub fn get(&self, name: &str) -> Result<Option<&str>> {
        Ok(match bucket_of_entry(name) {
            None => self.entries.get(name),
            Some(i) => self.bucket(i)?.get(name),
        }
        .map(|v| v.as_str()))
    }
    /// Store a secret.
    pub fn put(&mut self, name: &str, value: Zeroizing<String>) -> Result<()> {
        match bucket_of_entry(name) {
            None => {
                self.entries.insert(name.to_string(), value);
                self.dirty = true;
            }
            Some(i) => {
                self.bucket_mut(i)?.insert(name.to_string(), value);
            }
        }
        Ok(())
    }
    /// Erase the secret `name` (from its bucket or the main file); whether it was there.
    pub fn remove(&mut self, name: &str) -> Result<bool> {
        match bucket_of_entry(name) {
            None => {
                let had = self.entries.remove(name).is_some();
                self.dirty |= had;
                Ok(had)
            }
            Some(i) => {
                if !self.bucket(i)?.contains_key(name) {
                    return Ok(false);
                }
                Ok(self.bucket_mut(i)?.remove(name).is_some())
            }
        }
    }
    /// Drop the main file's entries under `prefix` for which `keep` is false; returns how
    /// many went.
    pub fn retain_prefixed(&mut self, prefix: &str, keep: impl Fn(&str) -> bool) -> usize {
        let before = self.entries.len();
        self.entries
            .retain(|k, _| !k.starts_with(prefix) || keep(k));
        let dropped = before - self.entries.len();
        if dropped > 0 {
            self.dirty = true;
        }
        dropped
    }
    /// Number of entries of the main file.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    /// Whether the main file holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Re-key: a NEW random data key under a new key-encryption key from `protection`; every
    /// entry is re-sealed under it when the vault is written. `master` is the new master key for
    /// `--protect master-key` (never the variable that opened the vault).
    ///
    /// Refused: a master key equal to the one that opens the vault now; a key file that already
    /// exists (it may be the only key to older copies of this vault).
    pub fn rekey(
        &mut self,
        protection: Protection,
        unlock: &Unlock,
        master: Option<&NewMasterKey>,
    ) -> Result<()> {
        if protection == Protection::MasterKey {
            let Some(m) = master else {
                return Err(Error::bug("rekey to master-key without a new master key"));
            };
            if self.protection.kind == Protection::MasterKey
                && bool::from(subtle::ConstantTimeEq::ct_eq(&m.key[..], &self.kek[..]))
            {
                return Err(Error::usage(format!(
                    "the new master key ({}) is the one that opens the vault now: a re-key must change it",
                    m.source
                ))
                .hint("generate a new key (head -c 32 /dev/urandom | base64), put it in another variable and pass --new-master-key-env NAME"));
            }
        }
        // Every bucket is re-sealed under the new data key: open them under the old one first.
        let stored = self.stored_buckets()?;
        for i in 0..self.buckets.len() {
            if stored.contains(&i) || self.buckets[i].map.get().is_some() {
                self.bucket_mut(i)?;
            }
        }
        let (header, kek) = new_protection(&self.home_id, protection, unlock, master)?;
        self.protection = header;
        self.kek = kek;
        let old = std::mem::replace(&mut self.dek, random32()?);
        // Stored buckets are sealed under the old key until the state naming the re-sealed
        // ones is stored: the new vault file carries it (see `VaultFile::previous`).
        if self.prev_dek.is_none() && !stored.is_empty() {
            self.prev_dek = Some(old);
            self.prev_keep = true;
        }
        self.dirty = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::fsutil;

    fn unlock(dir: &Path, pass: Option<&Path>) -> Unlock {
        Unlock {
            passphrase_file: pass.map(Path::to_path_buf),
            can_prompt: false,
            key_dir: dir.join("keys"),
            in_ci: false,
        }
    }

    /// A loader over stored buckets kept in memory.
    type Store = std::rc::Rc<std::cell::RefCell<BTreeMap<String, Vec<u8>>>>;
    fn loader(store: &Store) -> crate::store::state::records::Loader {
        let st = store.clone();
        std::rc::Rc::new(move |id: &str, _h: &str| {
            st.borrow()
                .get(id)
                .cloned()
                .ok_or_else(|| crate::store::state::records::bucket_tampered(id))
        })
    }
    /// The tables naming `hashes` (bucket id → hash), read from `store`.
    fn tables(
        store: &Store,
        hashes: &BTreeMap<String, String>,
    ) -> std::rc::Rc<crate::store::state::Tables> {
        let t = crate::store::state::Tables::flat(hashes.clone()).unwrap();
        t.set_loader(loader(store));
        std::rc::Rc::new(t)
    }
    /// Seal `v`'s changed buckets into `store`; returns their hashes by id.
    fn store_buckets(v: &mut Vault, store: &Store) -> BTreeMap<String, String> {
        let written = v.dirty_buckets().unwrap();
        let mut hashes = BTreeMap::new();
        for b in &written {
            store.borrow_mut().insert(b.id.clone(), b.bytes.clone());
            hashes.insert(b.id.clone(), b.hash.clone());
        }
        v.committed(&written);
        hashes
    }

    #[test]
    fn passphrase_round_trip_wrong_passphrase_and_tamper() {
        let d = tempfile::tempdir().unwrap();
        let pf = d.path().join("pass");
        std::fs::write(&pf, "correct horse\n").unwrap();
        let u = unlock(d.path(), Some(&pf));
        let store = Store::default();
        let mut v = Vault::create("homeid0000000001", Protection::Passphrase, &u).unwrap();
        v.put("apikey/a/1", Zeroizing::new("vk_secret".into()))
            .unwrap();
        v.put("x", Zeroizing::new("main".into())).unwrap();
        let hashes = store_buckets(&mut v, &store);
        assert_eq!(hashes.len(), 1, "one bucket for one key");
        let bytes = v.to_bytes().unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("vk_secret"));
        for b in store.borrow().values() {
            assert!(!String::from_utf8_lossy(b).contains("vk_secret"));
        }
        let mut v2 = Vault::open(&bytes, &u).unwrap();
        v2.attach(tables(&store, &hashes));
        assert_eq!(v2.get("apikey/a/1").unwrap(), Some("vk_secret"));
        assert_eq!(v2.get("x").unwrap(), Some("main"));

        // A bucket sealed for another bucket id (moved) or flipped fails its check.
        let (id, b) = store
            .borrow()
            .iter()
            .next()
            .map(|(k, v)| (k.clone(), v.clone()))
            .unwrap();
        let other = if id == "v-00" { "v-01" } else { "v-00" };
        let moved: Store = Store::default();
        moved.borrow_mut().insert(other.to_string(), b.clone());
        let mut v4 = Vault::open(&bytes, &u).unwrap();
        let mut h2 = BTreeMap::new();
        h2.insert(other.to_string(), hashes[&id].clone());
        v4.attach(tables(&moved, &h2));
        // (no entry of that bucket is asked for by name: read it through a name that hashes
        // there is not needed; retain loads it)
        let i = usize::from_str_radix(&other[2..], 16).unwrap();
        assert!(v4.retain_bucket(i, |_| true).is_err());

        std::fs::write(&pf, "wrong\n").unwrap();
        let e = Vault::open(&bytes, &u).err().unwrap();
        assert!(
            e.message().contains("passphrase does not open"),
            "{}",
            e.message()
        );

        std::fs::write(&pf, "correct horse\n").unwrap();
        let mut t = bytes.clone();
        let s = String::from_utf8(t.clone()).unwrap();
        let i = s.find("\"ct\"").unwrap() + 10;
        t[i] = if t[i] == b'A' { b'B' } else { b'A' };
        assert!(Vault::open(&t, &u).is_err());
    }

    #[test]
    fn key_file_vault_and_rekey_keep_secrets() {
        let d = tempfile::tempdir().unwrap();
        let u = unlock(d.path(), None);
        let store = Store::default();
        let mut v = Vault::create("homeid0000000002", Protection::KeyFile, &u).unwrap();
        assert_eq!(
            fsutil::mode_of(&u.key_file("homeid0000000002")).unwrap(),
            0o600
        );
        v.attach(tables(&store, &BTreeMap::new()));
        v.put("x", Zeroizing::new("one".into())).unwrap();
        v.put("apikey/k/1", Zeroizing::new("two".into())).unwrap();
        store_buckets(&mut v, &store);
        let old = v.to_bytes().unwrap();
        let mut v = Vault::open(&old, &u).unwrap();
        let hashes: BTreeMap<String, String> = store
            .borrow()
            .iter()
            .map(|(k, b)| (k.clone(), crate::store::state::records::sha256_hex(b)))
            .collect();
        v.attach(tables(&store, &hashes));
        let pf = d.path().join("p");
        std::fs::write(&pf, "pw-of-12-chars").unwrap();
        let u2 = unlock(d.path(), Some(&pf));
        // A re-key re-seals every bucket under the new data key.
        v.rekey(Protection::Passphrase, &u2, None).unwrap();
        let hashes = store_buckets(&mut v, &store);
        let bytes = v.to_bytes().unwrap();
        let mut v3 = Vault::open(&bytes, &u2).unwrap();
        v3.attach(tables(&store, &hashes));
        assert_eq!(v3.get("x").unwrap(), Some("one"));
        assert_eq!(v3.get("apikey/k/1").unwrap(), Some("two"));
        assert_eq!(v3.protection(), Protection::Passphrase);
    }

    #[test]
    fn a_removed_certificate_key_is_gone_from_its_sealed_bucket() {
        let d = tempfile::tempdir().unwrap();
        let u = unlock(d.path(), None);
        let store = Store::default();
        let mut v = Vault::create("homeid0000000004", Protection::KeyFile, &u).unwrap();
        v.attach(tables(&store, &BTreeMap::new()));
        v.put("cert/c/0A1B/key", Zeroizing::new("PEM".into()))
            .unwrap();
        v.put("apikey/c/1", Zeroizing::new("vk".into())).unwrap();
        let hashes = store_buckets(&mut v, &store);
        let mut v = Vault::open(&v.to_bytes().unwrap(), &u).unwrap();
        v.attach(tables(&store, &hashes));
        // The API-key sweep leaves certificate keys alone; remove erases one.
        let i = crate::store::state::records::bucket_of("c");
        assert_eq!(v.retain_bucket(i, |_| false).unwrap(), 1);
        assert_eq!(v.get("cert/c/0A1B/key").unwrap(), Some("PEM"));
        assert!(v.remove("cert/c/0A1B/key").unwrap());
        assert!(!v.remove("cert/c/0A1B/key").unwrap());
        let hashes = store_buckets(&mut v, &store);
        let mut v = Vault::open(&v.to_bytes().unwrap(), &u).unwrap();
        v.attach(tables(&store, &hashes));
        assert_eq!(v.get("cert/c/0A1B/key").unwrap(), None);
        assert_eq!(v.get("apikey/c/1").unwrap(), None);
    }

    #[test]
    fn retain_drops_orphans_and_a_schema_1_body_moves_to_buckets() {
        let d = tempfile::tempdir().unwrap();
        let u = unlock(d.path(), None);
        let mut v = Vault::create("homeid0000000003", Protection::KeyFile, &u).unwrap();
        // Schema 1: API-key plaintexts in the main body.
        v.entries
            .insert("apikey/a/1".into(), Zeroizing::new("1".into()));
        v.entries
            .insert("apikey/b/1".into(), Zeroizing::new("2".into()));
        v.put("jwt/j/1", Zeroizing::new("3".into())).unwrap();
        v.put("audit/hmac", Zeroizing::new("4".into())).unwrap();
        let bytes = v.to_bytes().unwrap();
        let mut v = Vault::open(&bytes, &u).unwrap();
        // Copied to their buckets; the main body keeps them until a state names the buckets.
        assert!(!v.is_dirty());
        assert_eq!(v.len(), 4);
        let ia = crate::store::state::records::bucket_of("a");
        assert_eq!(v.retain_bucket(ia, |k| k != "apikey/a/1").unwrap(), 1);
        assert_eq!(v.get("apikey/a/1").unwrap(), None);
        assert_eq!(v.get("apikey/b/1").unwrap(), Some("2"));
        assert_eq!(v.retain_prefixed("jwt/", |_| false), 1);
        let written = v.dirty_buckets().unwrap();
        assert!(written.iter().any(|w| w.id.starts_with("v-")));
        v.committed(&written);
        // Stored: the copies leave the main body with the next write of it.
        assert!(v.is_dirty());
        assert_eq!(v.len(), 1);
    }
}
