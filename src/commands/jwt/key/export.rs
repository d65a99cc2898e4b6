//! `vauth jwt key export NAME [--format pem|jwk]`: the public half of an asymmetric key.

use serde_json::Value;

use super::{Ctx, find};
use crate::cli::jwt::{KeyExportArgs, PublicFormat};
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::jwt;
use crate::store::OpenMode;

/// SubjectPublicKeyInfo PEM of a public JWK.
fn spki_pem(jwk: &Value) -> Result<String> {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let field = |k: &str| -> Result<Vec<u8>> {
        jwk.get(k)
            .and_then(Value::as_str)
            .and_then(|s| URL_SAFE_NO_PAD.decode(s).ok())
            .ok_or_else(|| Error::state(format!("state.json: the public JWK has no valid {k:?}")))
    };
    let kty = jwk.get("kty").and_then(Value::as_str).unwrap_or_default();
    let der = match kty {
        "EC" => {
            let mut point = vec![0x04];
            point.extend(field("x")?);
            point.extend(field("y")?);
            let prefix = if jwk.get("crv").and_then(Value::as_str) == Some("P-384") {
                SPKI_P384
            } else {
                SPKI_P256
            };
            [prefix, &point].concat()
        }
        "OKP" => [SPKI_ED25519, &field("x")?].concat(),
        "RSA" => {
            let comps = aws_lc_rs::rsa::PublicKeyComponents {
                n: field("n")?,
                e: field("e")?,
            };
            use aws_lc_rs::encoding::AsDer;
            let der = comps
                .as_der()
                .map_err(|_| Error::state("state.json: the RSA public JWK is not valid"))?;
            der.as_ref().to_vec()
        }
        other => {
            return Err(Error::state(format!(
                "state.json: unknown JWK kty {other:?}"
            )));
        }
    };
    Ok(jwt::pem("PUBLIC KEY", &der).to_string())
}

/// DER prefixes of SubjectPublicKeyInfo for the fixed-size keys (the key bytes follow).
const SPKI_P256: &[u8] = &[
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
    0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
];
const SPKI_P384: &[u8] = &[
    0x30, 0x76, 0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x05, 0x2b,
    0x81, 0x04, 0x00, 0x22, 0x03, 0x62, 0x00,
];
const SPKI_ED25519: &[u8] = &[
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
];

/// Run `vauth jwt key export`. The product is the key itself (PEM or JWK), with or without
/// `--json`.
pub(super) fn run(ctx: &Ctx<'_>, a: &KeyExportArgs) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let k = find(&s, &a.name)?;
    let v = match a.version {
        Some(n) => k.versions.iter().find(|v| v.version == n).ok_or_else(|| {
            Error::new(
                ErrorKind::NotFound,
                format!("{} has no version {n}", a.name),
            )
            .hint(format!("see `vauth jwt key show {}`", a.name))
        })?,
        None => k.current().ok_or_else(|| {
            Error::state(format!("{} has no current version (it is retired)", a.name))
                .hint("pass --version N, or create a new key")
        })?,
    };
    let Some(jwk) = &v.public_jwk else {
        return Err(Error::usage(format!(
            "{} is an {} key: a shared secret has no public part to export",
            a.name, k.alg
        ))
        .hint(
            "HMAC keys stay in the vault; verify their tokens with `vauth jwt verify --key NAME`",
        ));
    };
    let text = match a.format {
        PublicFormat::Pem => spki_pem(jwk)?,
        PublicFormat::Jwk => {
            let mut t = serde_json::to_string_pretty(jwk)
                .map_err(|e| Error::bug(format!("cannot render the JWK: {e}")))?;
            t.push('\n');
            t
        }
    };
    match &a.out {
        Some(p) => {
            crate::fsutil::write_user_file(p, text.as_bytes(), 0o644, a.force)?;
            ctx.ui.note(&format!(
                "wrote the public key of {} to {}",
                a.name,
                p.display()
            ));
        }
        None => ctx.ui.out(&text)?,
    }
    Ok(Outcome::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::Alg;

    #[test]
    fn exported_pem_loads_as_the_same_public_key() {
        jwt::install_crypto_provider();
        for alg in [Alg::ES256, Alg::ES384, Alg::EdDSA, Alg::RS256] {
            let k = jwt::generate(alg, None).unwrap();
            let jwk = k.public_jwk.unwrap();
            let pem = spki_pem(&jwk).unwrap();
            let (dec, inferred) = jwt::pem_decoding_key(pem.as_bytes(), Some(alg)).unwrap();
            assert_eq!(inferred, alg);
            let enc = jwt::encoding_key(alg, &k.secret).unwrap();
            let tok = jwt::sign(alg, None, &serde_json::Map::new(), &enc).unwrap();
            jwt::verify_signature(&tok, &dec, alg).unwrap();
        }
    }
}
