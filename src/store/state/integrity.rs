//! state.json's integrity tag: an HMAC-SHA-256 over the file's exact bytes, under the home's
//! state-integrity key sealed in the vault, spliced in as the file's last member.

use super::State;
use crate::error::{Error, Result};

const INTEGRITY_PREFIX: &str = "hmac-sha256:";
/// How the tag member is written by `to_vec_pretty` as the last member of the object.
const TAG_MEMBER: &str = ",\n  \"integrity\": \"";

fn mac_hex(key: &[u8; 32], bytes: &[u8]) -> Result<String> {
    use hmac::{KeyInit, Mac};
    let mut m = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key)
        .map_err(|_| Error::bug("bad state key length"))?;
    m.update(b"vauth state.json v1\n");
    m.update(bytes);
    Ok(hex::encode(m.finalize().into_bytes()))
}

impl State {
    /// Serialize with the integrity tag under `key` (and set [`State::integrity`]). The tag is an
    /// HMAC-SHA-256 over the exact bytes of the file without its last member, the tag itself;
    /// the field is declared last, so the file is those bytes with the member spliced in.
    pub fn to_sealed_bytes(&mut self, key: &[u8; 32]) -> Result<Vec<u8>> {
        self.integrity = None;
        let plain = self.to_bytes()?;
        let Some(body) = plain.strip_suffix(b"\n}\n") else {
            return Err(Error::bug("state does not serialize to an object"));
        };
        let tag = format!("{INTEGRITY_PREFIX}{}", mac_hex(key, &plain)?);
        let mut out = Vec::with_capacity(plain.len() + TAG_MEMBER.len() + tag.len() + 4);
        out.extend_from_slice(body);
        out.extend_from_slice(TAG_MEMBER.as_bytes());
        out.extend_from_slice(tag.as_bytes());
        out.extend_from_slice(b"\"\n}\n");
        self.integrity = Some(tag);
        Ok(out)
    }

    /// Check state.json's raw bytes against their integrity tag under `key`: exit 3 when the tag
    /// is missing or does not match. Works on bytes (no re-serialization), so any change — a
    /// field, a space — fails it.
    pub fn check_integrity(raw: &[u8], key: &[u8; 32]) -> Result<()> {
        let untouched = "restore state.json from version control or a backup (with its matching secrets.vault); vauth has not changed anything";
        let tag_len = INTEGRITY_PREFIX.len() + 64;
        let end = b"\"\n}\n";
        let cut = raw
            .len()
            .checked_sub(TAG_MEMBER.len() + tag_len + end.len())
            .filter(|&c| {
                raw[c..].starts_with(TAG_MEMBER.as_bytes())
                    && raw.ends_with(end)
                    && raw[c + TAG_MEMBER.len()..].starts_with(INTEGRITY_PREFIX.as_bytes())
            });
        let Some(cut) = cut else {
            return Err(Error::state(
                "state.json has no integrity tag: it was written or edited outside vauth",
            )
            .hint(untouched));
        };
        let tag = &raw[cut + TAG_MEMBER.len()..raw.len() - end.len()];
        let mut plain = Vec::with_capacity(cut + 3);
        plain.extend_from_slice(&raw[..cut]);
        plain.extend_from_slice(b"\n}\n");
        let want = format!("{INTEGRITY_PREFIX}{}", mac_hex(key, &plain)?);
        if subtle::ConstantTimeEq::ct_eq(want.as_bytes(), tag).into() {
            return Ok(());
        }
        Err(Error::state(
            "state.json failed its integrity check: it was edited outside vauth (or belongs to another vault)",
        )
        .hint(untouched))
    }
}
