//! PKCS#12 bundles.

use sha2::Digest;
use zeroize::Zeroizing;

use super::{PkiResult, err};

/// A PKCS#12 bundle (PBES2/AES-256-CBC, HMAC-SHA256; OpenSSL 3 opens it without -legacy).
/// `key_der` is PKCS#8 DER; `chain_der` the leaf first, then its CAs.
pub fn make_p12(
    alias: &str,
    key_der: Option<&[u8]>,
    chain_der: &[Vec<u8>],
    password: &str,
) -> PkiResult<Zeroizing<Vec<u8>>> {
    use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
    let certs = chain_der
        .iter()
        .map(|d| Certificate::from_der(d).map_err(|e| err(format!("PKCS#12: {e}"))))
        .collect::<PkiResult<Vec<_>>>()?;
    let mut ks = KeyStore::new();
    match key_der {
        Some(k) => {
            let key = PrivateKey::from_der(k).map_err(|e| err(format!("PKCS#12 key: {e}")))?;
            let id = sha2::Sha256::digest(chain_der.first().map_or(&[][..], |v| v.as_slice()));
            let chain = PrivateKeyChain::new(id[..20].to_vec(), key, certs);
            ks.add_entry(alias, KeyStoreEntry::PrivateKeyChain(chain));
        }
        None => {
            for (i, c) in certs.into_iter().enumerate() {
                ks.add_entry(&format!("{alias}-{i}"), KeyStoreEntry::Certificate(c));
            }
        }
    }
    ks.writer(password)
        .write()
        .map(Zeroizing::new)
        .map_err(|e| err(format!("cannot write PKCS#12: {e}")))
}
