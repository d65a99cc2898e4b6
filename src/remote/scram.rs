//! SCRAM-SHA-256 verifiers computed on the client (RFC 5802 / RFC 7677, PostgreSQL's storage
//! format), so `ALTER ROLE … PASSWORD` carries a verifier and the plaintext never reaches the
//! server or its logs. `postgres-protocol` makes them: it applies SASLprep (RFC 4013) to the
//! password exactly as tokio-postgres and libpq do when they log in, so a password whose
//! normalized form differs (a soft hyphen, a no-break space) still logs in.

/// `SCRAM-SHA-256$4096:<salt>$<StoredKey>:<ServerKey>` for `password`, with a fresh random
/// 16-byte salt (PostgreSQL's defaults). It cannot fail; the `Result` is the signature callers
/// (and `benches/push.rs`) use.
pub fn verifier(password: &str) -> crate::error::Result<String> {
    Ok(postgres_protocol::password::scram_sha_256(
        password.as_bytes(),
    ))
}

#[cfg(test)]
mod tests {
    //! The RFC 7677 vector is checked against a small reference of the RFC 5802 formulas; that
    //! reference then checks [`verifier`], and a SCRAM server built on it checks the login of
    //! `postgres-protocol`'s client (the one tokio-postgres uses) against the verifier.

    use std::num::NonZeroU32;

    use aws_lc_rs::{digest, hmac, pbkdf2};
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use postgres_protocol::authentication::sasl::{ChannelBinding, ScramSha256};

    use super::*;

    fn mac(key: &[u8], msg: &str) -> Vec<u8> {
        let k = hmac::Key::new(hmac::HMAC_SHA256, key);
        hmac::sign(&k, msg.as_bytes()).as_ref().to_vec()
    }

    fn sha256(b: &[u8]) -> Vec<u8> {
        digest::digest(&digest::SHA256, b).as_ref().to_vec()
    }

    /// `(StoredKey, ServerKey, ClientKey)` of an already normalized password (RFC 5802 §3).
    fn keys(password: &str, salt: &[u8], iter: u32) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let mut salted = [0u8; 32];
        pbkdf2::derive(
            pbkdf2::PBKDF2_HMAC_SHA256,
            NonZeroU32::new(iter).unwrap(),
            salt,
            password.as_bytes(),
            &mut salted,
        );
        let client_key = mac(&salted, "Client Key");
        (sha256(&client_key), mac(&salted, "Server Key"), client_key)
    }

    /// The parts of a verifier: salt, iterations, StoredKey, ServerKey.
    fn parts(v: &str) -> (Vec<u8>, u32, Vec<u8>, Vec<u8>) {
        let rest = v.strip_prefix("SCRAM-SHA-256$").expect(v);
        let (iter_salt, keys) = rest.split_once('$').unwrap();
        let (iter, salt) = iter_salt.split_once(':').unwrap();
        let (stored, server) = keys.split_once(':').unwrap();
        let d = |s: &str| STANDARD.decode(s).unwrap();
        (d(salt), iter.parse().unwrap(), d(stored), d(server))
    }

    #[test]
    fn rfc7677_vector() {
        // RFC 7677 §3: user "user", password "pencil".
        let client_first_bare = "n=user,r=rOprNGfwEbeRWgbNEkqO";
        let server_first = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
        let without_proof = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        let salt = STANDARD.decode("W22ZaJ0SNY7soEsUEjb6gQ==").unwrap();
        let (stored, server, client_key) = keys("pencil", &salt, 4096);
        let auth = format!("{client_first_bare},{server_first},{without_proof}");
        let signature = mac(&stored, &auth);
        let proof: Vec<u8> = client_key
            .iter()
            .zip(&signature)
            .map(|(a, b)| a ^ b)
            .collect();
        assert_eq!(
            format!("{without_proof},p={}", STANDARD.encode(proof)),
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
        );
        assert_eq!(
            format!("v={}", STANDARD.encode(mac(&server, &auth))),
            "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="
        );
        assert_eq!(
            (STANDARD.encode(&stored), STANDARD.encode(&server)),
            (
                "WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=".to_string(),
                "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=".to_string()
            )
        );
    }

    /// Whether `password` logs in against `verifier` through postgres-protocol's SCRAM client,
    /// with this test playing the server (RFC 5802 §3, channel binding unsupported).
    fn logs_in(verifier: &str, password: &str) -> bool {
        let (salt, iter, stored, server) = parts(verifier);
        let mut c = ScramSha256::new(password.as_bytes(), ChannelBinding::unsupported());
        let first = String::from_utf8(c.message().to_vec()).unwrap();
        let bare = first.strip_prefix("n,,").unwrap();
        let nonce = bare.strip_prefix("n=,r=").unwrap();
        let server_first = format!("r={nonce}srvNonce,s={},i={iter}", STANDARD.encode(&salt));
        c.update(server_first.as_bytes()).unwrap();
        let fin = String::from_utf8(c.message().to_vec()).unwrap();
        let (without_proof, proof) = fin.rsplit_once(",p=").unwrap();
        let auth = format!("{bare},{server_first},{without_proof}");
        let signature = mac(&stored, &auth);
        let client_key: Vec<u8> = STANDARD
            .decode(proof)
            .unwrap()
            .iter()
            .zip(&signature)
            .map(|(a, b)| a ^ b)
            .collect();
        if sha256(&client_key) != stored {
            return false;
        }
        let v = format!("v={}", STANDARD.encode(mac(&server, &auth)));
        c.finish(v.as_bytes()).is_ok()
    }

    #[test]
    fn verifier_holds_the_rfc_keys_and_takes_the_login() {
        let v = verifier("pencil").unwrap();
        let (salt, iter, stored, server) = parts(&v);
        assert_eq!((salt.len(), iter), (16, 4096));
        let (s, k, _) = keys("pencil", &salt, iter);
        assert_eq!((stored, server), (s, k));
        assert!(logs_in(&v, "pencil"));
        assert!(!logs_in(&v, "pencil2"));
        assert_ne!(
            parts(&verifier("pencil").unwrap()).0,
            salt,
            "a fresh salt each time"
        );
    }

    #[test]
    fn saslprep_normalizes_the_password() {
        // A soft hyphen maps to nothing, a no-break space to a space (RFC 4013 §2.1): the
        // verifier is that of the normalized form, and either spelling logs in.
        for (raw, norm) in [("pen\u{AD}cil", "pencil"), ("pen\u{A0}cil", "pen cil")] {
            let v = verifier(raw).unwrap();
            let (salt, iter, stored, server) = parts(&v);
            let (s, k, _) = keys(norm, &salt, iter);
            assert_eq!((stored, server), (s, k), "{raw:?}");
            assert!(logs_in(&v, norm), "{raw:?}");
            assert!(logs_in(&v, raw), "{raw:?}");
            assert!(logs_in(&verifier(norm).unwrap(), raw), "{raw:?}");
        }
    }
}
