//! `vauth jwt jwks [--out FILE]`: the public half of the signing keys, as the JWKS verifiers
//! fetch.

use serde::Serialize;

use super::{Ctx, jwks_of, render};
use crate::cli::jwt::JwksArgs;
use crate::error::{Outcome, Result};
use crate::output::{Report, Ui};
use crate::store::OpenMode;

/// What `jwt jwks --out FILE` reports (without `--out`, the JWKS itself is the product).
#[derive(Serialize)]
struct Wrote {
    out: String,
    keys: usize,
}

impl Report for Wrote {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.note(&format!("wrote {} key(s) to {}", self.keys, self.out));
        Ok(())
    }
}

/// `vauth jwt jwks`.
pub(super) fn run(ctx: &Ctx<'_>, a: &JwksArgs) -> Result<Outcome> {
    let mut s = ctx.open(OpenMode::Read)?;
    s.verify_state()?;
    let at = a.at.map_or(s.now, |t| t.resolve(s.now));
    let set = jwks_of(&s.state, at);
    let n = set["keys"].as_array().map_or(0, Vec::len);
    if n == 0 {
        ctx.ui.warn(
            "the JWKS is empty: no asymmetric signing key is active or in grace \
             (HMAC keys are never published)",
        );
    }
    let text = render(&set)?;
    match &a.out {
        Some(p) => {
            crate::fsutil::write_output(p, text.as_bytes(), 0o644)?;
            ctx.ui.report(&Wrote {
                out: p.display().to_string(),
                keys: n,
            })?;
        }
        None => ctx.ui.out(&text)?,
    }
    Ok(Outcome::Ok)
}
