//! `vauth jwt sign`: mint one token, or many in one process (`--count`, `--subjects`).

use std::path::Path;

use jsonwebtoken::EncodingKey;
use serde::Serialize;
use serde_json::{Map, Value};

use super::{Ctx, external_alg, external_secret, find, private_part};
use crate::cli::jwt::SignArgs;
use crate::config::Config;
use crate::error::{Error, Outcome, Result};
use crate::jwt::claims::{REGISTERED, Template};
use crate::jwt::qdrant::Preset;
use crate::jwt::{self, Alg};
use crate::store::OpenMode;
use crate::timefmt::{Span, rfc3339};

/// The signing key, resolved.
struct Signer {
    alg: Alg,
    kid: Option<String>,
    key: EncodingKey,
    /// Where it came from, for messages.
    label: String,
    /// The length of an external HMAC secret (checked against RFC 7518 §3.2 once the usage
    /// checks have passed).
    external_len: Option<usize>,
}

/// Most bytes of a claims or subjects file.
const MAX_FILE: u64 = 16 * 1024 * 1024;

/// Resolve the key and the config (defaults when no home exists and no home is needed).
fn signer(ctx: &Ctx<'_>, a: &SignArgs) -> Result<(Signer, Config)> {
    if let Some(name) = &a.for_target {
        let s = ctx.open(OpenMode::Read)?;
        let cfg = crate::lifecycle::targets::find(&s, name)?;
        if cfg.kind != crate::remote::Kind::Qdrant {
            return Err(Error::usage(format!(
                "--for {name}: a {} target takes no JWTs vauth signs with its key",
                cfg.kind.as_str()
            ))
            .hint("--for names a qdrant target; sign with --key NAME for other verifiers"));
        }
        if let Some(want) = a.source.alg
            && Alg::from(want) != Alg::HS256
        {
            return Err(Error::usage("Qdrant accepts HS256 tokens only")
                .hint("drop --alg when signing --for a qdrant target"));
        }
        let secret = crate::remote::qdrant::Qdrant::signing_secret(cfg, name)?;
        let key = EncodingKey::from_secret(secret.as_bytes())
            .map_err(|e| Error::input(format!("the HMAC secret cannot be used: {e}")))?;
        return Ok((
            Signer {
                alg: Alg::HS256,
                kid: None,
                key,
                label: format!("target {name}'s API key"),
                external_len: None,
            },
            s.config.clone(),
        ));
    }
    if let Some(name) = &a.source.key {
        let mut s = ctx.open(OpenMode::Read)?;
        let k = find(&s, name)?;
        let alg = k.alg;
        if let Some(want) = a.source.alg
            && Alg::from(want) != alg
        {
            return Err(Error::usage(format!(
                "--alg {} does not match the key {name}, which signs with {alg}",
                Alg::from(want)
            ))
            .hint("drop --alg: a vauth key fixes its algorithm"));
        }
        let v = k
            .current()
            .filter(|v| v.status(s.now).is_valid())
            .cloned()
            .ok_or_else(|| {
                Error::state(format!("the signing key {name} is retired")).hint(format!(
                    "create a new one: vauth jwt key create {name} --alg {alg} --force"
                ))
            })?;
        let secret = private_part(&mut s, name, &v)?;
        let key = jwt::encoding_key(alg, &secret).map_err(|e| Error::vault(e.to_string()))?;
        let config = s.config.clone();
        return Ok((
            Signer {
                alg,
                kid: Some(v.kid.clone()),
                key,
                label: format!("{name} v{}", v.version),
                external_len: None,
            },
            config,
        ));
    }
    let Some(secret) = external_secret(&a.source)? else {
        return Err(Error::usage("no signing key was given").hint(
            "pass --key NAME (a vauth signing key), --secret-file FILE or --secret-env VAR",
        ));
    };
    let alg = external_alg(&a.source)?;
    let key = EncodingKey::from_secret(secret.as_bytes())
        .map_err(|e| Error::input(format!("the HMAC secret cannot be used: {e}")))?;
    // The home only supplies limits here; without one, the built-in limits apply.
    let config = ctx.config()?;
    Ok((
        Signer {
            alg,
            kid: None,
            key,
            label: "an external secret".into(),
            external_len: Some(secret.len()),
        },
        config,
    ))
}

fn read_json_object(p: &Path) -> Result<Map<String, Value>> {
    let bytes = crate::secret::read_secret_source(p, MAX_FILE, "claims")?;
    match serde_json::from_str::<Value>(&bytes) {
        Ok(Value::Object(m)) => {
            if let Some(k) = m.keys().find(|k| REGISTERED.contains(&k.as_str())) {
                return Err(Error::input(format!(
                    "the claims file sets {k:?}, which has its own flag"
                ))
                .hint(format!("remove it from the file and pass --{k}")));
            }
            Ok(m)
        }
        Ok(_) => Err(Error::input(format!(
            "the claims file {} is not a JSON object",
            p.display()
        ))
        .hint("write the claims as one JSON object: {\"role\": \"reader\"}")),
        Err(e) => Err(
            Error::input(format!("the claims file {} is not JSON: {e}", p.display()))
                .hint("write the claims as one JSON object: {\"role\": \"reader\"}"),
        ),
    }
}

fn subjects(p: &Path) -> Result<Vec<String>> {
    let text = crate::secret::read_secret_source(p, MAX_FILE, "subjects")?;
    let subs: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if subs.is_empty() {
        return Err(Error::input(format!("{} lists no subjects", p.display()))
            .hint("write one subject per line"));
    }
    Ok(subs)
}

/// Probe `token` at qdrant target `name` before anything is printed: it must read
/// `/collections` and each collection it names, and the same claims signed with a wrong
/// secret must be refused (else the server checks nothing and the token proves nothing).
fn probe_at_qdrant(
    ctx: &Ctx<'_>,
    name: &str,
    token: &str,
    claims: &Map<String, Value>,
    a: &SignArgs,
) -> Result<()> {
    let cfg = {
        let mut s = ctx.open(OpenMode::Read)?;
        crate::lifecycle::targets::resolve(&mut s, name)?
    };
    let wrong = crate::remote::wrong_secret()?;
    let wrong_key = EncodingKey::from_secret(wrong.as_bytes())
        .map_err(|e| Error::bug(format!("HMAC key: {e}")))?;
    let wrong_token = jwt::sign(Alg::HS256, None, claims, &wrong_key).map_err(Error::state)?;
    let collections: Vec<String> = a.qdrant_collection.iter().map(|(c, _)| c.clone()).collect();
    crate::lifecycle::remote::probe_qdrant_token(name, &cfg, token, &wrong_token, &collections)?;
    ctx.ui.debug(&format!(
        "probed at {name}: the token reads /collections, a wrongly signed one is refused"
    ));
    Ok(())
}

/// One minted token as `--json` prints it. The token is the product the user asked for.
#[derive(Serialize)]
struct Minted<'a> {
    token: &'a str,
    alg: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub: Option<&'a str>,
    jti: &'a str,
    iat: &'a str,
    exp: Option<&'a str>,
}

impl crate::output::LineReport for Minted<'_> {
    /// People get the token alone, one per line.
    fn human_line(&self) -> std::borrow::Cow<'_, str> {
        self.token.into()
    }
}

/// Run `vauth jwt sign`.
pub(super) fn run(ctx: &Ctx<'_>, a: &SignArgs) -> Result<Outcome> {
    let preset = Preset {
        global: a.qdrant_access.clone(),
        collections: a.qdrant_collection.clone(),
        value_exists: a.qdrant_value_exists.clone(),
    };
    let qdrant = preset.claims().map_err(|e| {
        Error::usage(e).hint("see the Qdrant JWT claims in `vauth jwt sign --help`")
    })?;
    let mut extra = match &a.claims_file {
        Some(p) => read_json_object(p)?,
        None => Map::new(),
    };
    for (k, v) in &a.claim {
        extra.insert(k.clone(), v.clone());
    }
    if !preset.is_empty() {
        for k in qdrant.keys() {
            if extra.contains_key(k) {
                return Err(Error::usage(format!(
                    "the claim {k:?} is set both by a Qdrant flag and by --claim/--claims-file"
                ))
                .hint("set it one way"));
            }
        }
        extra.extend(qdrant);
    }
    let subjects = match &a.subjects {
        Some(p) => Some(subjects(p)?),
        None => None,
    };
    let (signer, config) = signer(ctx, a)?;
    if !preset.is_empty() && signer.alg != Alg::HS256 {
        return Err(Error::usage(format!(
            "Qdrant only accepts HS256 tokens signed with its API key; {} signs with {}",
            signer.label, signer.alg
        ))
        .hint("sign with the Qdrant API key: --secret-env QDRANT_API_KEY (or --secret-file)"));
    }
    if let Some(n) = signer.external_len {
        super::check_hmac_secret(n, signer.alg, a.subtle)?;
    }
    let now = ctx.now;
    let exp = if a.no_exp {
        ctx.ui
            .warn("this token never expires (--no-exp); revoking it means rotating the key");
        None
    } else {
        let t = a
            .exp
            .map_or(now + config.jwt_lifetime().duration(), |e| e.resolve(now));
        if t <= now {
            return Err(
                Error::usage(format!("--exp {} is not in the future", rfc3339(t)))
                    .hint("give a lifetime such as 15m or a future RFC 3339 time"),
            );
        }
        let max = config.jwt_max_lifetime();
        let life = (t - now).whole_seconds();
        if life > max.seconds() {
            return Err(Error::usage(format!(
                "a lifetime of {} is longer than the allowed {max} (jwt.max_lifetime)",
                Span::from_seconds(life)
            ))
            .hint("shorten --exp, or raise jwt.max_lifetime in vauth.toml"));
        }
        Some(t)
    };
    let nbf = a.nbf.map(|t| t.resolve(now));
    if let (Some(n), Some(e)) = (nbf, exp)
        && n >= e
    {
        return Err(
            Error::usage("--nbf is not before --exp").hint("the token would never be valid")
        );
    }
    let tpl = Template {
        iss: a.iss.clone(),
        sub: a.sub.clone(),
        aud: a.aud.clone(),
        exp,
        nbf,
        extra,
    };
    let count = match (&subjects, a.count) {
        (Some(s), _) => s.len() as u64,
        (None, Some(n)) => n,
        (None, None) => 1,
    };
    let bulk = count > 1 || subjects.is_some();
    let mut out = ctx.ui.lines();
    let iat = rfc3339(now);
    let exp_text = exp.map(rfc3339);
    for i in 0..count {
        let jti = match &a.jti {
            Some(j) => j.clone(),
            None => crate::apikey::random_base62(22)
                .map_err(|e| Error::state(format!("the OS random source failed: {e}")))?,
        };
        let sub = subjects
            .as_ref()
            .and_then(|s| s.get(i as usize))
            .map(String::as_str);
        let claims = tpl.claims(now, Some(&jti), sub);
        let token = jwt::sign(signer.alg, signer.kid.as_deref(), &claims, &signer.key)
            .map_err(Error::state)?;
        if i == 0
            && let Some(t) = &a.for_target
        {
            probe_at_qdrant(ctx, t, &token, &claims, a)?;
        }
        let minted = Minted {
            token: &token,
            alg: signer.alg.as_str(),
            kid: signer.kid.as_deref(),
            sub: sub.or(a.sub.as_deref()),
            jti: &jti,
            iat: &iat,
            exp: exp_text.as_deref(),
        };
        if !out.item(&minted)? {
            // The reader went away (e.g. `| head`): that ends the job, quietly.
            return Ok(Outcome::Ok);
        }
    }
    out.finish()?;
    if bulk {
        ctx.ui
            .debug(&format!("minted {count} tokens with {}", signer.label));
    }
    Ok(Outcome::Ok)
}
