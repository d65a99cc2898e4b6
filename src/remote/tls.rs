//! TLS for the wire-protocol kinds (PostgreSQL, Redis): a rustls client config that trusts
//! exactly the target's CA.

use super::ClientIdentity;
use crate::error::{Error, Result};

/// A rustls client config that trusts exactly the PEM CA(s) in `ca_pem`, presenting `identity`
/// when given.
pub fn tls_config(
    ca_pem: &[u8],
    identity: Option<&ClientIdentity>,
) -> Result<rustls::ClientConfig> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    for c in CertificateDer::pem_slice_iter(ca_pem) {
        let c = c.map_err(|e| {
            Error::input(format!("the CA file is not PEM: {e}"))
                .hint("pass the PEM file of the CA that signed the server's certificate")
        })?;
        roots.add(c).map_err(|e| {
            Error::input(format!("the CA file holds a bad certificate: {e}"))
                .hint("export it again, e.g. `vauth ca export --out ca.pem`")
        })?;
    }
    if roots.is_empty() {
        return Err(Error::input("the CA file holds no certificate")
            .hint("pass the PEM file of the CA that signed the server's certificate"));
    }
    let provider = std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let b = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::bug(format!("TLS setup: {e}")))?
        .with_root_certificates(roots);
    let Some(id) = identity else {
        return Ok(b.with_no_client_auth());
    };
    let certs = CertificateDer::pem_slice_iter(id.cert_pem.as_bytes())
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| {
            Error::state(format!("the client certificate is not PEM: {e}"))
                .hint("issue it again with `vauth cert issue NAME --keep-key`")
        })?;
    let key =
        rustls::pki_types::PrivateKeyDer::from_pem_slice(id.key_pem.as_bytes()).map_err(|e| {
            Error::vault(format!("the client certificate's key is not PEM: {e}"))
                .hint("issue it again with `vauth cert issue NAME --keep-key`")
        })?;
    b.with_client_auth_cert(certs, key).map_err(|e| {
        Error::state(format!("the client certificate cannot be used: {e}"))
            .hint("issue it again with `vauth cert issue NAME --keep-key`")
    })
}
