//! Sealing with XChaCha20-Poly1305 and the associated data that binds each sealed part to its
//! home and role.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use chacha20poly1305::aead::Aead;
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

use super::{FORMAT, ProtectionHeader, Sealed, VERSION};
use crate::error::{Error, Result};

pub(super) fn random32() -> Result<Zeroizing<[u8; 32]>> {
    let mut k = Zeroizing::new([0u8; 32]);
    getrandom::fill(&mut k[..])
        .map_err(|e| Error::state(format!("the OS random source failed: {e}")))?;
    Ok(k)
}

pub(super) fn seal(key: &[u8; 32], plaintext: &[u8], aad: &[u8]) -> Result<Sealed> {
    let cipher = XChaCha20Poly1305::new(&(*key).into());
    let mut nonce = [0u8; 24];
    getrandom::fill(&mut nonce)
        .map_err(|e| Error::state(format!("the OS random source failed: {e}")))?;
    let ct = cipher
        .encrypt(
            &XNonce::from(nonce),
            chacha20poly1305::aead::Payload {
                msg: plaintext,
                aad,
            },
        )
        .map_err(|_| Error::bug("vault encryption failed"))?;
    Ok(Sealed {
        nonce: B64.encode(nonce),
        ct: B64.encode(ct),
    })
}

pub(super) fn open_sealed(key: &[u8; 32], s: &Sealed, aad: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let nonce: [u8; 24] = B64.decode(&s.nonce).ok()?.try_into().ok()?;
    let ct = B64.decode(&s.ct).ok()?;
    let cipher = XChaCha20Poly1305::new(&(*key).into());
    cipher
        .decrypt(
            &XNonce::from(nonce),
            chacha20poly1305::aead::Payload { msg: &ct, aad },
        )
        .ok()
        .map(Zeroizing::new)
}

pub(super) fn wrap_aad(home_id: &str, p: &ProtectionHeader) -> Vec<u8> {
    let (m, t, par) = p.argon2.as_ref().map_or((0, 0, 0), |a| (a.m, a.t, a.p));
    format!(
        "{FORMAT}/{VERSION}/wrap/{home_id}/{}/{}/{m}/{t}/{par}",
        p.kind.as_str(),
        p.salt.as_deref().unwrap_or("")
    )
    .into_bytes()
}

pub(super) fn integrity_aad(home_id: &str) -> Vec<u8> {
    format!("{FORMAT}/{VERSION}/integrity/{home_id}").into_bytes()
}

pub(super) fn previous_aad(home_id: &str) -> Vec<u8> {
    format!("{FORMAT}/{VERSION}/previous/{home_id}").into_bytes()
}

pub(super) fn body_aad(home_id: &str) -> Vec<u8> {
    format!("{FORMAT}/{VERSION}/body/{home_id}").into_bytes()
}
