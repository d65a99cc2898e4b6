//! Orchestration: one module per verb. The only layer that sees both clap types and domain
//! types: it turns arguments into a resolved request, opens the home through `store::Session`,
//! calls the domain, and renders a report through `output::Ui`.

pub mod audit;
pub mod ca;
pub mod cert;
pub mod check;
pub mod generate;
pub mod home;
pub mod init;
pub mod jwt;
pub mod key;
pub mod push;
pub mod rotate;
pub mod status;
pub mod target;
pub mod vault;

use time::OffsetDateTime;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::error::{Outcome, Result};
use crate::output::Ui;
use crate::store::vault::Unlock;
use crate::store::{OpenMode, Session};

/// What every command gets: the global flags, the output, and the time it acts at.
pub struct Ctx<'a> {
    /// Global flags.
    pub global: &'a GlobalArgs,
    /// Output.
    pub ui: &'a Ui,
    /// The time this run acts at.
    pub now: OffsetDateTime,
}

impl Ctx<'_> {
    /// Whether a person can be asked.
    pub fn can_prompt(&self) -> bool {
        crate::prompt::can_prompt(self.global.no_input)
    }

    /// How to unlock the vault.
    pub fn unlock(&self) -> Unlock {
        Unlock {
            passphrase_file: self.global.passphrase_file.clone(),
            can_prompt: self.can_prompt(),
            key_dir: crate::store::key_dir(),
            in_ci: crate::env::in_ci(),
        }
    }

    /// Where the home is.
    pub fn home(&self) -> Result<crate::store::HomeSpec> {
        crate::store::resolve_home(self.global.home.as_deref())
    }

    /// The home's backend.
    pub fn backend(&self) -> Result<Box<dyn crate::store::Backend>> {
        Ok(self.home()?.backend())
    }

    /// The home's vauth.toml alone (defaults when there is no home yet), without loading the
    /// registry: for commands that only need limits and defaults.
    pub fn config(&self) -> Result<crate::config::Config> {
        let b = self.backend()?;
        if !b.exists()? {
            return Ok(crate::config::Config::default());
        }
        crate::config::Config::parse_file(&b.read_config()?, &b.config_location())
    }

    /// Open the home and show any notices from opening it.
    pub fn open(&self, mode: OpenMode) -> Result<Session> {
        self.open_waiting(mode, None)
    }

    /// [`Ctx::open`], waiting up to `lock_wait` for another process's lock.
    pub fn open_waiting(
        &self,
        mode: OpenMode,
        lock_wait: Option<std::time::Duration>,
    ) -> Result<Session> {
        let backend = self.backend()?;
        // A home named by --home / VAUTH_HOME is created by the first writing command like the
        // default one (with the same notice), but only one level deep: a path whose parent does
        // not exist is a typo in a directory, not a new home.
        if let crate::store::HomeSpec::Dir(dir) = self.home()?
            && self.global.home.is_some()
            && std::fs::symlink_metadata(&dir).is_err()
            && !crate::fsutil::parent_dir(&dir).is_dir()
        {
            return Err(crate::store::no_named_home(&dir));
        }
        let mut s = Session::open_with(backend, mode, self.unlock(), self.now, lock_wait)?;
        for n in &s.notices {
            self.ui.note(&format!("vauth: {n}"));
        }
        let ui = self.ui.clone();
        s.on_warning(move |w| ui.warn(w));
        Ok(s)
    }

    /// Ask to confirm, honouring `--yes` and `--no-input`.
    pub fn confirm(&self, question: &str) -> Result<bool> {
        crate::prompt::confirm(question, self.global.yes, self.can_prompt())
    }
}

/// A verify command's verdict: the command's own object with `--json`, else `valid: …` or
/// `invalid (reason): …`.
#[derive(serde::Serialize)]
#[serde(transparent)]
pub(crate) struct Verdict<'a, T: serde::Serialize> {
    /// The JSON object.
    body: &'a T,
    #[serde(skip)]
    ok: bool,
    #[serde(skip)]
    reason: Option<&'a str>,
    #[serde(skip)]
    message: &'a str,
}

impl<T: serde::Serialize> crate::output::Report for Verdict<'_, T> {
    fn human(&self, ui: &Ui) -> Result<()> {
        if self.ok {
            ui.out(&format!("valid: {}", self.message))
        } else {
            ui.out(&format!(
                "invalid ({}): {}",
                self.reason.unwrap_or("invalid"),
                self.message
            ))
        }
    }
}

/// Print a verify command's [`Verdict`] and map it to exit 0 (valid) or 1 (invalid).
pub(crate) fn report_verdict<T: serde::Serialize>(
    ctx: &Ctx<'_>,
    verdict: &T,
    ok: bool,
    reason: Option<&str>,
    message: &str,
) -> Result<Outcome> {
    ctx.ui.report(&Verdict {
        body: verdict,
        ok,
        reason,
        message,
    })?;
    Ok(if ok { Outcome::Ok } else { Outcome::Negative })
}

/// Run a parsed command line.
pub fn run(cli: Cli, ui: &mut Ui) -> Result<Outcome> {
    crate::testpoints::panic_point();
    crate::prompt::set_no_input(cli.global.no_input);
    let ctx = Ctx {
        global: &cli.global,
        ui,
        now: crate::testpoints::now_override().unwrap_or_else(crate::timefmt::now),
    };
    match &cli.command {
        Command::Init(a) => init::run(&ctx, a),
        Command::Status(a) => status::run(&ctx, a),
        Command::Key(k) => key::run(&ctx, k),
        Command::Jwt(j) => jwt::run(&ctx, j),
        Command::Ca(c) => ca::run(&ctx, c),
        Command::Cert(c) => cert::run(&ctx, c),
        Command::Target(t) => target::run(&ctx, t),
        Command::Push(p) => push::run(&ctx, p),
        Command::Rotate(r) => rotate::run(&ctx, r),
        Command::Check(c) => check::run(&ctx, c),
        Command::Audit(a) => audit::run(&ctx, a),
        Command::Vault(v) => vault::run(&ctx, v),
        Command::Home(h) => home::run(&ctx, h),
        Command::Completions(a) => generate::completions(&ctx, a),
        Command::Man(a) => generate::man(&ctx, a),
    }
}

/// Read an input file (`-` = stdin), at most 1 MiB; unreadable is exit 3. `hint` says how to
/// fix a file that is larger (e.g. "pass a single CSR").
pub(crate) fn read_input(path: &std::path::Path, what: &str, hint: &str) -> Result<Vec<u8>> {
    let buf = read_presented(path, what)?;
    if buf.len() as u64 > crate::pki::MAX_PEM_BYTES {
        return Err(crate::error::Error::input(format!(
            "the {what} {} is larger than 1 MiB",
            path.display()
        ))
        .hint(hint.to_string()));
    }
    Ok(buf)
}

/// Read something presented for a verdict (`cert verify`): at most 1 MiB + 1 byte, so the caller
/// can answer "larger than 1 MiB" as an invalid input (exit 1). Unreadable is exit 3.
pub(crate) fn read_presented(path: &std::path::Path, what: &str) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::new();
    let max = crate::pki::MAX_PEM_BYTES;
    let r = if path.as_os_str() == "-" {
        std::io::stdin().lock().take(max + 1).read_to_end(&mut buf)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(max + 1).read_to_end(&mut buf))
    };
    r.map_err(|e| {
        crate::error::Error::input(format!(
            "cannot read the {what} {}: {}",
            path.display(),
            crate::error::io_reason(&e)
        ))
        .hint("check the path and its permissions")
    })?;
    Ok(buf)
}
