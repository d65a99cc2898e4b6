//! `vauth ca export [--out FILE] [--root-only]`: the trust bundle.

use serde::Serialize;

use super::Ctx;
use crate::cli::ca::ExportArgs;
use crate::error::{Outcome, Result};
use crate::lifecycle::certs::ca_of;
use crate::output::{Report, Ui};
use crate::store::OpenMode;

/// What `ca export` reports: where the bundle went, or the bundle itself.
#[derive(Serialize)]
struct Exported {
    out: Option<String>,
    certificates: usize,
    pem: Option<String>,
}

impl Report for Exported {
    fn human(&self, ui: &Ui) -> Result<()> {
        match (&self.out, &self.pem) {
            (Some(p), _) => {
                ui.note(&format!(
                    "wrote the trust bundle ({} certificate(s)) to {p}",
                    self.certificates
                ));
                Ok(())
            }
            (None, pem) => ui.out(pem.as_deref().unwrap_or_default()),
        }
    }
}

/// Run `vauth ca export`.
pub(super) fn run(ctx: &Ctx<'_>, args: &ExportArgs) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let ca = ca_of(&s)?;
    let pem = if args.root_only {
        ca.root.pem.clone()
    } else {
        ca.bundle_pem()
    };
    let n = if args.root_only || ca.intermediate.is_none() {
        1
    } else {
        2
    };
    if let Some(p) = &args.out {
        crate::fsutil::write_user_file(p, pem.as_bytes(), 0o644, args.force)?;
    }
    ctx.ui.report(&Exported {
        out: args.out.as_ref().map(|p| p.display().to_string()),
        certificates: n,
        pem: args.out.is_none().then_some(pem),
    })?;
    Ok(Outcome::Ok)
}
