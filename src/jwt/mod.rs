//! JWT signing keys and tokens (RFC 7515/7517/7519/7638). Pure domain code: key generation, the
//! public JWK and its thumbprint, the jsonwebtoken keys, and token parsing. No I/O.
//!
//! Signatures are made and checked by jsonwebtoken on aws-lc-rs (the one crypto backend); the
//! time and audience rules are checked here ([`claims`]), because jsonwebtoken only knows the
//! system clock.
//!
//! Where things are: [`alg`] (algorithms), [`keys`] (generating and loading signing keys),
//! [`public`] (verifying keys from a JWK or PEM), [`token`] (parse, verify, sign), [`claims`]
//! (time and audience rules), [`qdrant`] (Qdrant's claim shapes). Every item is re-exported here.

pub mod alg;
pub mod claims;
pub mod keys;
pub mod public;
pub mod qdrant;
pub mod token;

pub use alg::{Alg, Family};
pub use keys::{
    KeyError, NewKey, RSA_BITS, encoding_key, generate, hmac_decoding_key, pem, thumbprint,
};
pub use public::{jwk_alg, jwk_decoding_key, pem_decoding_key};
pub use token::{MAX_TOKEN_LEN, ParseError, Parsed, parse, sign, verify_signature};

/// Install aws-lc-rs as jsonwebtoken's process-wide crypto provider (idempotent). Called at start-up.
pub fn install_crypto_provider() {
    let _ = jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER.install_default();
}

#[cfg(test)]
mod tests;
