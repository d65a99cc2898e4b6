//! `vauth key import NAME`: record a key made elsewhere.

use serde::Serialize;

use super::{Ctx, add_recorded, exists, resolve_expiry, revoke_all};
use crate::apikey::{MAX_KEY_LEN, MIN_IMPORT_BITS, estimate_entropy_bits};
use crate::audit::AuditEvent;
use crate::cli::key::ImportArgs;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::output::{Report, Ui};
use crate::store::OpenMode;
use crate::store::state::Origin;

#[derive(Serialize)]
struct Imported<'a> {
    name: &'a str,
    version: u32,
    id: Option<&'a str>,
    fingerprint: String,
    entropy_bits: u32,
    kept: bool,
}

impl Report for Imported<'_> {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.note(&format!(
            "Imported {} v{} ({}, about {} bits of entropy).",
            self.name, self.version, self.fingerprint, self.entropy_bits
        ));
        Ok(())
    }
}

/// Run `vauth key import`.
pub(super) fn run(ctx: &Ctx<'_>, args: &ImportArgs) -> Result<Outcome> {
    let key = crate::secret::read_key_input(
        args.key_file.as_deref(),
        MAX_KEY_LEN as u64 + 1,
        "API key to import",
    )?;
    if key.is_empty() {
        return Err(
            Error::input("no key was given").hint("pass the key on stdin or with --key-file FILE")
        );
    }
    if key.len() > MAX_KEY_LEN {
        return Err(
            Error::input(format!("the key is longer than {MAX_KEY_LEN} bytes"))
                .hint("pass the key alone, without other text"),
        );
    }
    if key.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(
            Error::input("the key contains whitespace or control characters")
                .hint("pass only the key itself, on one line"),
        );
    }
    if let Err(crate::apikey::ParseError::BadChecksum) = crate::apikey::parse(&key) {
        return Err(
            Error::input("the key looks like a vauth key but its checksum is wrong")
                .hint("it was mistyped or truncated; copy it again"),
        );
    }
    let bits = estimate_entropy_bits(&key);
    if bits < MIN_IMPORT_BITS && !args.subtle {
        return Err(Error::input(format!(
            "the key has about {bits:.0} bits of estimated entropy, below the 128 required"
        ))
        .hint("generate a strong key with `vauth key create`, or pass --subtle to accept it"));
    }
    let expires = resolve_expiry(args.expires, ctx.now)?;
    let mut s = ctx.open(OpenMode::WriteOrCreate)?;
    let digest = crate::apikey::digest_hex(&key);
    if let Some((k, v)) = s.state.find_by_digest(&digest)? {
        return Err(Error::new(
            ErrorKind::Exists,
            format!(
                "this key is already registered as {} v{}",
                k.name, v.version
            ),
        )
        .hint("each key can be registered once"));
    }
    if s.state.api_keys.contains_key(&args.name)? && !args.force {
        return Err(exists(&args.name, "choose another name"));
    }
    revoke_all(&mut s, &args.name)?;
    let v = add_recorded(&mut s, args, &key, Origin::Imported, expires)?;
    s.commit(
        AuditEvent::new("key.import")
            .detail("name", &args.name)
            .detail("version", v.version.to_string())
            .detail("fingerprint", v.fingerprint()),
    )?;
    ctx.ui.report(&Imported {
        name: &args.name,
        version: v.version,
        id: v.id.as_deref(),
        fingerprint: v.fingerprint(),
        entropy_bits: bits as u32,
        kept: v.kept,
    })?;
    Ok(Outcome::Ok)
}
