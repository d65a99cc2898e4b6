//! `vauth ca show`.

use serde::Serialize;

use super::{CaReport, Ctx};
use crate::error::{Outcome, Result};
use crate::lifecycle::certs::ca_of;
use crate::output::{Report, Ui};
use crate::store::OpenMode;

/// What `ca show` reports: the CA; for people, also whether the CRL is due.
#[derive(Serialize)]
#[serde(transparent)]
struct Shown<'a> {
    ca: CaReport<'a>,
    /// The CRL's nextUpdate is within two days or past.
    #[serde(skip)]
    crl_due: bool,
}

impl Report for Shown<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.out(&self.ca.text())?;
        if self.crl_due {
            ui.warn("the CRL's nextUpdate is near or past: servers that check it will refuse every client; run `vauth ca crl --out FILE`");
        }
        Ok(())
    }
}

/// Run `vauth ca show`.
pub(super) fn run(ctx: &Ctx<'_>) -> Result<Outcome> {
    let s = ctx.open(OpenMode::Read)?;
    let ca = ca_of(&s)?;
    let n = s.state.certs.values()?.map(|r| r.issued.len()).sum();
    ctx.ui.report(&Shown {
        ca: CaReport::of(ca, n),
        crl_due: ca
            .crl
            .next_update
            .is_some_and(|t| t <= ctx.now + time::Duration::days(2)),
    })?;
    Ok(Outcome::Ok)
}
