//! `vauth jwt oidc --issuer URL --out-dir DIR`: OpenID discovery and the JWKS, as files for
//! static hosting.

use serde::Serialize;
use serde_json::json;

use super::{Ctx, jwks_of, render};
use crate::cli::jwt::OidcArgs;
use crate::error::{Error, Outcome, Result};
use crate::output::{Report, Ui};
use crate::store::OpenMode;

/// What `jwt oidc` reports: the files written.
#[derive(Serialize)]
struct Wrote {
    issuer: String,
    discovery: String,
    jwks: String,
    keys: usize,
    /// The directory to serve.
    #[serde(skip)]
    out_dir: String,
}

impl Report for Wrote {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.note(&format!(
            "wrote {} and {} ({} key(s)); serve {} at {}",
            self.discovery, self.jwks, self.keys, self.out_dir, self.issuer
        ));
        Ok(())
    }
}

/// Check an issuer URL: https (or http on loopback, for tests), no query or fragment.
fn check_issuer(url: &str) -> Result<&str> {
    let bad = |why: &str| {
        Error::usage(format!(
            "--issuer {:?} {why}",
            crate::net::url::display(url)
        ))
        .hint("pass the https URL verifiers see in the token's iss, e.g. https://auth.example.com")
    };
    // The URL module's rules (written literally, no userinfo, one loopback rule), then the
    // issuer's own: no query, no fragment.
    let u =
        crate::net::url::parse_remote(url, false).map_err(|e| bad(&format!("is refused: {e}")))?;
    if u.has_query() || url.contains(['?', '#']) {
        return Err(bad("must not have a query, fragment or spaces"));
    }
    Ok(url.trim_end_matches('/'))
}

/// `vauth jwt oidc`.
pub(super) fn run(ctx: &Ctx<'_>, a: &OidcArgs) -> Result<Outcome> {
    let issuer = check_issuer(&a.issuer)?;
    let mut s = ctx.open(OpenMode::Read)?;
    s.verify_state()?;
    let set = jwks_of(&s.state, s.now);
    let mut algs: Vec<&str> = s
        .state
        .jwt_keys
        .values()
        .filter(|k| !k.alg.is_symmetric() && k.current().is_some())
        .map(|k| k.alg.as_str())
        .collect();
    algs.sort_unstable();
    algs.dedup();
    if algs.is_empty() {
        return Err(Error::state("no asymmetric signing key to publish")
            .hint("create one first: vauth jwt key create NAME --alg ES256"));
    }
    let discovery = json!({
        "issuer": issuer,
        "jwks_uri": format!("{issuer}/jwks.json"),
        "id_token_signing_alg_values_supported": algs,
        "response_types_supported": ["id_token"],
        "subject_types_supported": ["public"],
    });
    let well_known = a.out_dir.join(".well-known");
    crate::fsutil::ensure_dir(&well_known).map_err(|e| Error::io("create", &well_known, &e))?;
    let conf = well_known.join("openid-configuration");
    let jwks_path = a.out_dir.join("jwks.json");
    crate::fsutil::write_atomic(&jwks_path, render(&set)?.as_bytes(), 0o644)
        .map_err(|e| Error::io("write", &jwks_path, &e))?;
    crate::fsutil::write_atomic(&conf, render(&discovery)?.as_bytes(), 0o644)
        .map_err(|e| Error::io("write", &conf, &e))?;
    let n = set["keys"].as_array().map_or(0, Vec::len);
    ctx.ui.report(&Wrote {
        issuer: issuer.to_string(),
        discovery: conf.display().to_string(),
        jwks: jwks_path.display().to_string(),
        keys: n,
        out_dir: a.out_dir.display().to_string(),
    })?;
    Ok(Outcome::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_rules() {
        assert_eq!(
            check_issuer("https://a.example/").unwrap(),
            "https://a.example"
        );
        assert!(check_issuer("http://127.0.0.1:8080").is_ok());
        assert!(check_issuer("http://a.example").is_err());
        assert!(check_issuer("https://").is_err());
        assert!(check_issuer("https://a?b").is_err());
        assert!(check_issuer("ftp://a").is_err());
    }
}
