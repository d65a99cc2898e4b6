//! `vauth jwt inspect`: decode a token and say plainly that nothing was verified.

use serde::Serialize;
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::{Ctx, read_token};
use crate::cli::jwt::InspectArgs;
use crate::error::{Error, Outcome, Result};
use crate::output::{Report, Ui};
use crate::timefmt::rfc3339;

/// What `jwt inspect` reports.
#[derive(Serialize)]
struct Inspection {
    verified: bool,
    header: Map<String, Value>,
    claims: Map<String, Value>,
    /// The time claims (iat, nbf, exp) as RFC 3339, where they are numbers.
    times: Map<String, Value>,
    /// Whether exp lies in the past at the time of inspection (`null` without exp).
    expired: Option<bool>,
    #[serde(skip)]
    now: time::OffsetDateTime,
}

const NOT_VERIFIED: &str =
    "NOT VERIFIED: this is what the token claims; nothing was checked (use `vauth jwt verify`)";

impl Report for Inspection {
    fn human(&self, ui: &Ui) -> Result<()> {
        let pretty = |m: &Map<String, Value>| {
            serde_json::to_string_pretty(m).unwrap_or_else(|_| "{}".into())
        };
        let mut text = format!(
            "{NOT_VERIFIED}\n\nheader:\n{}\n\nclaims:\n{}\n",
            pretty(&self.header),
            pretty(&self.claims)
        );
        let mut lines = Vec::new();
        for k in ["iat", "nbf", "exp"] {
            if let Some(h) = self.claims.get(k).and_then(|v| human_time(v, self.now)) {
                lines.push(format!("  {k}: {h}"));
            }
        }
        if !lines.is_empty() {
            text.push_str("\ntimes:\n");
            text.push_str(&lines.join("\n"));
            text.push('\n');
        }
        match self.expired {
            Some(true) => text.push_str("\nthe token has expired\n"),
            None => text.push_str("\nthe token has no exp: it never expires\n"),
            Some(false) => {}
        }
        ui.out(&text)
    }
}

/// Run `vauth jwt inspect`.
pub(super) fn run(ctx: &Ctx<'_>, a: &InspectArgs) -> Result<Outcome> {
    let token = read_token(a.token_file.as_deref())?;
    let p = crate::jwt::parse(&token).map_err(|e| {
        Error::input(format!("this is not a JWT: {e}"))
            .hint("pass one compact token (header.payload.signature) on stdin or with --token-file")
    })?;
    let now = ctx.now;
    let mut times = Map::new();
    for k in ["iat", "nbf", "exp"] {
        if let Some(t) = p
            .claims
            .get(k)
            .and_then(Value::as_i64)
            .and_then(|n| time::OffsetDateTime::from_unix_timestamp(n).ok())
        {
            times.insert(k.into(), Value::String(rfc3339(t)));
        }
    }
    let expired = p
        .claims
        .get("exp")
        .and_then(Value::as_i64)
        .map(|e| e <= now.unix_timestamp());
    ctx.ui.report(&Inspection {
        verified: false,
        header: p.header,
        claims: p.claims,
        times,
        expired,
        now,
    })?;
    Ok(Outcome::Ok)
}

/// Render a Unix time for people, with its distance from `now`.
fn human_time(v: &Value, now: OffsetDateTime) -> Option<String> {
    let n = v.as_i64()?;
    let t = OffsetDateTime::from_unix_timestamp(n).ok()?;
    Some(format!(
        "{} ({})",
        crate::timefmt::rfc3339(t),
        crate::timefmt::relative(t, now)
    ))
}
