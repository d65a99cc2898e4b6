//! `vauth vault rekey`: a new data key under another (or the same kind of) protection.

use serde::Serialize;

use super::Ctx;
use crate::audit::AuditEvent;
use crate::cli::{RekeyArgs, VaultCommand};
use crate::env;
use crate::error::{Error, Outcome, Result};
use crate::output::{self, Ui};
use crate::store::OpenMode;
use crate::store::vault::{NewMasterKey, Protection, Unlock};

/// What `vault rekey` reports; for people, what changes for them.
#[derive(Serialize)]
struct Report {
    previous: &'static str,
    protection: &'static str,
    /// What no longer opens the vault.
    retired: String,
    /// The old key file, when it may be deleted now.
    #[serde(skip)]
    deletable: Option<String>,
    /// Where the new master key came from.
    #[serde(skip)]
    master_source: Option<String>,
    /// The new key file, when the vault is protected by one now.
    #[serde(skip)]
    key_file: Option<std::path::PathBuf>,
}

impl output::Report for Report {
    fn human(&self, ui: &Ui) -> Result<()> {
        ui.note(&format!(
            "Re-keyed the vault: {} -> {} with a new data key; every secret was re-sealed.",
            self.previous, self.protection
        ));
        ui.note(&format!(
            "{} no longer opens secrets.vault. Copies of secrets.vault made before now still open \
             with it and hold the secrets they held then: rotate any secret that may have leaked \
             with such a copy.",
            capitalize(&self.retired)
        ));
        if let Some(old) = &self.deletable {
            ui.note(&format!(
                "You may delete {old} (keep it only to open older copies of the vault)."
            ));
        }
        if let Some(source) = &self.master_source {
            ui.note(&format!(
                "From now on the vault opens with the key in {source}: store it as VAUTH_MASTER_KEY."
            ));
        }
        if let Some(k) = &self.key_file {
            super::init::warn_key_file(ui, k);
        }
        Ok(())
    }
}

/// Run `vauth vault …`.
pub fn run(ctx: &Ctx<'_>, cmd: &VaultCommand) -> Result<Outcome> {
    match cmd {
        VaultCommand::Rekey(a) => rekey(ctx, a),
    }
}

/// The new master key for `--protect master-key`: `--new-master-key-env NAME`,
/// `--new-master-key-file FILE`, or `VAUTH_MASTER_KEY` when that variable does not open the
/// vault now (re-keying a key-file or passphrase vault to the master key in the environment).
fn new_master_key(args: &RekeyArgs, previous: Protection) -> Result<NewMasterKey> {
    if let Some(path) = &args.new_master_key_file {
        let text = crate::secret::read_secret_source(path, 4096, "new master key")?;
        return NewMasterKey::decode(&text, &format!("--new-master-key-file {}", path.display()));
    }
    let name = args
        .new_master_key_env
        .as_deref()
        .unwrap_or(env::VAUTH_MASTER_KEY);
    if name == env::VAUTH_MASTER_KEY && previous == Protection::MasterKey {
        return Err(Error::usage(
            "the vault is protected by VAUTH_MASTER_KEY: the new master key must come from another input",
        )
        .hint("put a new key (head -c 32 /dev/urandom | base64) in another variable and pass --new-master-key-env NAME, or pass --new-master-key-file FILE"));
    }
    let Some(value) = env::get(name).map(zeroize::Zeroizing::new) else {
        return Err(Error::input(format!(
            "the new master key variable {name} is not set"
        ))
        .hint("export it (base64 of 32 bytes), or pass --new-master-key-env NAME / --new-master-key-file FILE"));
    };
    NewMasterKey::decode(&value, name)
}

fn rekey(ctx: &Ctx<'_>, args: &RekeyArgs) -> Result<Outcome> {
    let target: Protection = args.protect.into();
    if target != Protection::MasterKey
        && (args.new_master_key_env.is_some() || args.new_master_key_file.is_some())
    {
        return Err(Error::usage(
            "--new-master-key-env / --new-master-key-file go with --protect master-key",
        )
        .hint("drop them, or pass --protect master-key"));
    }
    let mut s = ctx.open(OpenMode::Write)?;
    let previous = s.protection()?;
    let master = if target == Protection::MasterKey {
        Some(new_master_key(args, previous)?)
    } else {
        None
    };
    let new_unlock = Unlock {
        passphrase_file: args.new_passphrase_file.clone(),
        ..ctx.unlock()
    };
    let old_key_file = s.unlock().key_file(&s.state.home_id);
    s.rekey(target, &new_unlock, master.as_ref())?;
    s.commit(
        AuditEvent::new("vault.rekey")
            .detail("from", previous.as_str())
            .detail("to", target.as_str()),
    )?;
    let retired = match previous {
        Protection::KeyFile => format!("the old key file {}", old_key_file.display()),
        Protection::MasterKey => "the old VAUTH_MASTER_KEY".to_string(),
        Protection::Passphrase => "the old passphrase".to_string(),
        Protection::Keyring => "the old keyring entry".to_string(),
    };
    ctx.ui.report(&Report {
        previous: previous.as_str(),
        protection: target.as_str(),
        retired,
        deletable: (previous == Protection::KeyFile && target != Protection::KeyFile)
            .then(|| old_key_file.display().to_string()),
        master_source: master.as_ref().map(|m| m.source.to_string()),
        key_file: (target == Protection::KeyFile).then(|| s.unlock().key_file(&s.state.home_id)),
    })?;
    Ok(Outcome::Ok)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}
