//! `vauth jwt key create|list|show|rotate|retire|export`.

use serde::Serialize;
use serde_json::Value;
use time::OffsetDateTime;

use super::{Ctx, find, unknown};
use crate::audit::AuditEvent;
use crate::cli::jwt::{
    JwtKeyCommand, KeyCreateArgs, KeyExportArgs, KeyListArgs, KeyRetireArgs, KeyRotateArgs,
    KeyShowArgs, PublicFormat,
};
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::jwt::{self, Alg};
use crate::output::table;
use crate::store::OpenMode;
use crate::store::state::{JwtKey, JwtKeyVersion};
use crate::timefmt::{humanize_seconds, rfc3339};

/// Run `vauth jwt key …`.
pub(super) fn run(ctx: &Ctx<'_>, cmd: &JwtKeyCommand) -> Result<Outcome> {
    match cmd {
        JwtKeyCommand::Create(a) => create(ctx, a),
        JwtKeyCommand::List(a) => list(ctx, a),
        JwtKeyCommand::Show(a) => show(ctx, a),
        JwtKeyCommand::Rotate(a) => rotate(ctx, a),
        JwtKeyCommand::Retire(a) => retire(ctx, a),
        JwtKeyCommand::Export(a) => export(ctx, a),
    }
}

/// One version, as `--json` and tables show it.
#[derive(Serialize)]
struct VersionView {
    version: u32,
    kid: String,
    status: &'static str,
    created: String,
    grace_until: Option<String>,
    retired_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_jwk: Option<Value>,
}

/// One key.
#[derive(Serialize)]
struct KeyView {
    name: String,
    alg: &'static str,
    status: &'static str,
    current_version: Option<u32>,
    current_kid: Option<String>,
    created: String,
    versions: Vec<VersionView>,
}

fn version_view(v: &JwtKeyVersion, at: OffsetDateTime, with_jwk: bool) -> VersionView {
    VersionView {
        version: v.version,
        kid: v.kid.clone(),
        status: v.status(at).as_str(),
        created: rfc3339(v.created),
        grace_until: v.grace_until.map(rfc3339),
        retired_at: v.retired_at.map(rfc3339),
        public_jwk: if with_jwk { v.public_jwk.clone() } else { None },
    }
}

fn key_view(k: &JwtKey, at: OffsetDateTime, with_jwk: bool) -> KeyView {
    let cur = k.current().filter(|v| v.status(at).is_valid());
    KeyView {
        name: k.name.clone(),
        alg: k.alg.as_str(),
        status: k.status(at).as_str(),
        current_version: cur.map(|v| v.version),
        current_kid: cur.map(|v| v.kid.clone()),
        created: rfc3339(k.created),
        versions: k
            .versions
            .iter()
            .map(|v| version_view(v, at, with_jwk))
            .collect(),
    }
}

fn create(ctx: &Ctx<'_>, a: &KeyCreateArgs) -> Result<Outcome> {
    let alg: Alg = a.alg.into();
    let rsa_bits = (alg.family() == jwt::Family::Rsa).then_some(a.rsa_bits);
    let mut s = ctx.open(OpenMode::WriteOrCreate)?;
    let now = s.now;
    if let Some(existing) = s.state.jwt_keys.get_mut(&a.name) {
        if !a.force {
            return Err(Error::new(
                ErrorKind::Exists,
                format!("a JWT signing key named {:?} already exists", a.name),
            )
            .hint(format!(
                "run `vauth jwt key rotate {}` for a new version, or pass --force to replace it",
                a.name
            )));
        }
        for v in existing
            .versions
            .iter_mut()
            .filter(|v| v.retired_at.is_none())
        {
            v.retired_at = Some(now);
        }
        existing.alg = alg;
        existing.rsa_bits = rsa_bits;
    }
    let v = crate::lifecycle::jwt::add_version(&mut s, &a.name, alg, rsa_bits)?;
    s.commit(
        AuditEvent::new("jwt.key.create")
            .detail("name", &a.name)
            .detail("alg", alg.as_str())
            .detail("version", v.version.to_string())
            .detail("kid", &v.kid),
    )?;
    let k = find(&s, &a.name)?;
    let view = key_view(k, now, true);
    if ctx.ui.json {
        ctx.ui.out_json(&view)?;
    } else {
        ctx.ui.out(&format!(
            "created JWT signing key {} ({}), kid {}",
            a.name, alg, v.kid
        ))?;
        if alg.is_symmetric() {
            ctx.ui.note(
                "note: HMAC keys are secrets; they never appear in `vauth jwt jwks`, and only \
                 vauth (or whoever holds the secret) can verify their tokens",
            );
        }
    }
    Ok(Outcome::Ok)
}

fn list(ctx: &Ctx<'_>, a: &KeyListArgs) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let at = a.at.map_or(s.now, |t| t.resolve(s.now));
    let keys: Vec<KeyView> = s
        .state
        .jwt_keys
        .values()
        .map(|k| key_view(k, at, false))
        .collect();
    if ctx.ui.json {
        #[derive(Serialize)]
        struct Listing {
            at: String,
            keys: Vec<KeyView>,
        }
        ctx.ui.out_json(&Listing {
            at: rfc3339(at),
            keys,
        })?;
        return Ok(Outcome::Ok);
    }
    if keys.is_empty() {
        ctx.ui.note(
            "no JWT signing keys yet; create one with `vauth jwt key create NAME --alg ES256`",
        );
        return Ok(Outcome::Ok);
    }
    let rows: Vec<Vec<String>> = s
        .state
        .jwt_keys
        .values()
        .map(|k| {
            let cur = k.current();
            let grace = k
                .versions
                .iter()
                .filter(|v| v.status(at) == crate::store::state::Status::Grace)
                .count();
            vec![
                k.name.clone(),
                k.alg.to_string(),
                cur.map_or("-".into(), |v| v.version.to_string()),
                k.status(at).as_str().to_string(),
                cur.map_or("-".into(), |v| v.kid.clone()),
                grace.to_string(),
                humanize_seconds((at - k.created).whole_seconds().max(0)),
            ]
        })
        .collect();
    ctx.ui.out(&table(
        &["NAME", "ALG", "VERSION", "STATUS", "KID", "IN GRACE", "AGE"],
        &rows,
    ))?;
    Ok(Outcome::Ok)
}

fn show(ctx: &Ctx<'_>, a: &KeyShowArgs) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let k = find(&s, &a.name)?;
    let view = key_view(k, s.now, true);
    if ctx.ui.json {
        ctx.ui.out_json(&view)?;
        return Ok(Outcome::Ok);
    }
    let mut text = format!("{} ({}), status {}\n", k.name, k.alg, view.status);
    let rows: Vec<Vec<String>> = view
        .versions
        .iter()
        .map(|v| {
            vec![
                v.version.to_string(),
                v.kid.clone(),
                v.status.to_string(),
                v.created.clone(),
                v.grace_until.clone().unwrap_or_else(|| "-".into()),
                v.retired_at.clone().unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    text.push_str(&table(
        &[
            "VERSION",
            "KID",
            "STATUS",
            "CREATED",
            "GRACE UNTIL",
            "RETIRED",
        ],
        &rows,
    ));
    ctx.ui.out(&text)?;
    Ok(Outcome::Ok)
}

fn rotate(ctx: &Ctx<'_>, a: &KeyRotateArgs) -> Result<Outcome> {
    let mut s = ctx.open(OpenMode::Write)?;
    let now = s.now;
    let grace = a.grace.unwrap_or_else(|| s.config.jwt_max_lifetime());
    let k = find(&s, &a.name)?;
    let (alg, bits) = (k.alg, k.rsa_bits);
    let prev = k.current().map(|v| v.version);
    let until = now + grace.duration();
    if let Some(k) = s.state.jwt_keys.get_mut(&a.name) {
        for v in k
            .versions
            .iter_mut()
            .filter(|v| v.grace_until.is_none() && v.retired_at.is_none())
        {
            v.grace_until = Some(until);
        }
    }
    let v = crate::lifecycle::jwt::add_version(&mut s, &a.name, alg, bits)?;
    let mut ev = AuditEvent::new("jwt.key.rotate")
        .detail("name", &a.name)
        .detail("version", v.version.to_string())
        .detail("kid", &v.kid)
        .detail("grace_seconds", grace.seconds().to_string());
    if let Some(p) = prev {
        ev = ev.detail("previous_version", p.to_string());
    }
    s.commit(ev)?;
    let k = find(&s, &a.name)?;
    if ctx.ui.json {
        ctx.ui.out_json(&key_view(k, now, true))?;
    } else {
        ctx.ui.out(&format!(
            "rotated {}: version {} (kid {}) signs now",
            a.name, v.version, v.kid
        ))?;
        if let Some(p) = prev {
            ctx.ui.note(&format!(
                "version {p} keeps verifying (and stays in the JWKS) until {}",
                rfc3339(until)
            ));
        }
    }
    Ok(Outcome::Ok)
}

fn retire(ctx: &Ctx<'_>, a: &KeyRetireArgs) -> Result<Outcome> {
    let mut s = ctx.open(OpenMode::Write)?;
    let now = s.now;
    let k = find(&s, &a.name)?;
    let targets: Vec<u32> = k
        .versions
        .iter()
        .filter(|v| a.version.is_none_or(|n| n == v.version))
        .filter(|v| v.status(now).is_valid())
        .map(|v| v.version)
        .collect();
    if let Some(n) = a.version
        && !k.versions.iter().any(|v| v.version == n)
    {
        return Err(Error::new(
            ErrorKind::NotFound,
            format!("{} has no version {n}", a.name),
        )
        .hint(format!("see `vauth jwt key show {}`", a.name)));
    }
    if targets.is_empty() {
        ctx.ui.note(&format!(
            "nothing to retire: no version of {} is in use",
            a.name
        ));
        return Ok(Outcome::Ok);
    }
    let list = targets
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let what = format!(
        "retire {} version(s) {list}? Tokens they signed stop verifying now",
        a.name
    );
    if !ctx.confirm(&what)? {
        return Err(Error::usage("not confirmed; nothing was retired"));
    }
    if let Some(k) = s.state.jwt_keys.get_mut(&a.name) {
        for v in k
            .versions
            .iter_mut()
            .filter(|v| targets.contains(&v.version))
        {
            v.retired_at = Some(now);
        }
    }
    s.commit(
        AuditEvent::new("jwt.key.retire")
            .detail("name", &a.name)
            .detail("versions", list.replace(", ", ",")),
    )?;
    let k = s
        .state
        .jwt_keys
        .get(&a.name)
        .ok_or_else(|| unknown(&a.name))?;
    if ctx.ui.json {
        ctx.ui.out_json(&key_view(k, now, false))?;
    } else {
        ctx.ui
            .out(&format!("retired {} version(s) {list}", a.name))?;
    }
    Ok(Outcome::Ok)
}

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

fn export(ctx: &Ctx<'_>, a: &KeyExportArgs) -> Result<Outcome> {
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
