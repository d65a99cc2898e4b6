//! The command line, as clap types only: no I/O, no logic, no environment reads (clap's own
//! `env = …` fallbacks aside). `man/`, `completions/` and the README's help block are rendered
//! from [`Cli::command`], so this folder is the whole user-facing surface in one place.

pub mod jwt;
pub mod key;
mod lazy;
// PKI.
pub mod ca;
pub mod cert;
// Push.
pub mod rotate;
pub mod target;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use lazy::{Lazy, eager};

use crate::store::vault::Protection;

/// Manage the credentials that guard vector databases.
///
/// vauth keeps a home (default $XDG_DATA_HOME/vauth): vauth.toml (config), state.json (registry,
/// no secrets), secrets.vault (sealed secrets) and audit.log (hash-chained). Secrets never come
/// from the command line: they are read from files, stdin, named environment variables or a
/// terminal prompt.
#[derive(Debug, Parser)]
#[command(
    name = "vauth",
    version,
    max_term_width = 100,
    after_long_help = EXIT_STATUS_HELP,
)]
pub struct Cli {
    /// Flags every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The exit-status section of `vauth --help` (README and docs/json.md repeat it; a test keeps
/// them equal to `error::EXIT_TABLE`).
pub const EXIT_STATUS_HELP: &str = "\
EXIT STATUS:
    0    success; a check found everything healthy
    1    a check answered \"no\": invalid key, failed audit verify
    2    usage: bad flags or values
    3    local state or input: home, config, vault, permissions, no terminal
    4    remote target refused, unreachable or off-contract
    5    done but not delivered: the work is recorded, an output could not be written
    101  internal bug (panic): please report it

EXAMPLES:
    vauth key create qdrant-prod --expires 90d --out qdrant.key
    vauth key verify qdrant-prod < qdrant.key
    vauth key rotate qdrant-prod --grace 24h --out qdrant-v2.key
    vauth --json key list";

/// Global flags.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL
    /// [default: $XDG_DATA_HOME/vauth].
    #[arg(long, global = true, value_name = "DIR|URL", env = "VAUTH_HOME")]
    pub home: Option<PathBuf>,
    /// Print one JSON object per result on stdout; errors as JSON on stderr.
    #[arg(long, global = true)]
    pub json: bool,
    /// Print nothing but the product and errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Say more about what is happening (on stderr).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Never prompt; fail (exit 3) naming the flag that answers the question.
    #[arg(long, global = true)]
    pub no_input: bool,
    /// Answer yes to confirmations (revoke, reveal).
    #[arg(long, global = true)]
    pub yes: bool,
    /// When to color messages.
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,
    /// Read the vault passphrase from FILE (first line; `-` = stdin).
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        env = "VAUTH_PASSPHRASE_FILE"
    )]
    pub passphrase_file: Option<PathBuf>,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Color when stderr is a terminal and NO_COLOR is unset.
    Auto,
    /// Always color.
    Always,
    /// Never color.
    Never,
}

/// Top-level commands. Each is [`Lazy`]: clap builds only the one the command line names.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the home (config, state, vault, audit log); safe to run again.
    #[command(after_long_help = "\
EXAMPLES:
    vauth init
    VAUTH_MASTER_KEY=$(head -c 32 /dev/urandom | base64) vauth init --protect master-key
    vauth init --protect passphrase --passphrase-file ./pass.txt")]
    Init(Lazy<InitArgs>),
    /// Show the home, its vault protection, counts, and what expires soon.
    #[command(after_long_help = "\
EXAMPLES:
    vauth status
    vauth status --within 7d --json")]
    Status(Lazy<StatusArgs>),
    /// Generate, list, rotate, revoke and verify API keys.
    #[command(subcommand)]
    Key(Lazy<key::KeyCommand>),
    /// JWT signing keys (rotation, JWKS) and minting, verifying, inspecting tokens.
    #[command(subcommand)]
    Jwt(Lazy<jwt::JwtCommand>),
    /// Run the local CA: init, show, export the trust bundle, sign CRLs.
    #[command(subcommand)]
    Ca(Lazy<ca::CaCommand>),
    /// Issue, list, verify, revoke, renew and export mTLS certificates.
    #[command(subcommand)]
    Cert(Lazy<cert::CertCommand>),
    /// Database admin endpoints that credentials are pushed to.
    #[command(subcommand)]
    Target(Lazy<target::TargetCommand>),
    /// Put API keys or a certificate into a database, and prove it accepts them.
    #[command(after_long_help = "\
EXAMPLES:
    vauth push app-key --to pg-prod --grant 'SELECT ON items'
    vauth push app-key --to cache --pattern 'vec:*' --category +@read
    vauth push app-key --to pg-prod --dry-run
    vauth push svc-a svc-b svc-c --to milvus --role reader
    vauth push alice --to pg-prod --role cert_users      # a certificate: role = its CN
    vauth push app-key --to cache --exec 'systemctl restart app'")]
    Push(Lazy<target::PushArgs>),
    /// Rotate by the policies in vauth.toml: plan, apply, finalize (for CI).
    #[command(after_long_help = "\
EXAMPLES:
    vauth rotate                    # plan + apply what is due + finalize ended graces
    vauth rotate plan --json
    vauth rotate apply --due
    vauth rotate finalize")]
    Rotate(Lazy<rotate::RotateArgs>),
    /// Exit 1 when a credential is overdue, due or expiring soon (for alerting jobs).
    #[command(after_long_help = "\
EXAMPLES:
    vauth check
    vauth check --within 14d --json")]
    Check(Lazy<rotate::CheckArgs>),
    /// Read and verify the hash-chained audit log.
    #[command(subcommand)]
    Audit(Lazy<AuditCommand>),
    /// Manage the vault's protection.
    #[command(subcommand)]
    Vault(Lazy<VaultCommand>),
    /// Copy a home between a directory and PostgreSQL; show or replace its vauth.toml.
    #[command(subcommand)]
    Home(Lazy<HomeCommand>),
    /// Print a shell completion script.
    #[command(after_long_help = "\
EXAMPLES:
    vauth completions bash > ~/.local/share/bash-completion/completions/vauth
    vauth completions zsh > ~/.zfunc/_vauth")]
    Completions(Lazy<CompletionsArgs>),
    /// Print a man page (vauth(1), or the page of a subcommand).
    #[command(after_long_help = "\
EXAMPLES:
    vauth man | man -l -
    vauth man key create")]
    Man(Lazy<ManArgs>),
}

/// `vauth init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// How to protect the vault [default: keyring when reachable, else key-file; master-key when
    /// VAUTH_MASTER_KEY is set; passphrase with --passphrase-file].
    #[arg(long, value_name = "KIND")]
    pub protect: Option<ProtectArg>,
}

/// `vauth status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Report what expires within this window.
    #[arg(long, value_name = "DURATION", default_value = "30d", value_parser = parse_span)]
    pub within: crate::timefmt::Span,
}

/// Vault protections, as flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProtectArg {
    /// The OS keyring (Secret Service, Keychain, Credential Manager).
    Keyring,
    /// VAUTH_MASTER_KEY: base64 of 32 bytes from your CI secret store.
    MasterKey,
    /// A passphrase (Argon2id), from --passphrase-file or a prompt.
    Passphrase,
    /// A 0600 key file outside the home (weakest; the default on headless machines).
    KeyFile,
}

impl From<ProtectArg> for Protection {
    fn from(p: ProtectArg) -> Protection {
        match p {
            ProtectArg::Keyring => Protection::Keyring,
            ProtectArg::MasterKey => Protection::MasterKey,
            ProtectArg::Passphrase => Protection::Passphrase,
            ProtectArg::KeyFile => Protection::KeyFile,
        }
    }
}

/// `vauth audit …`.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Print the audit log (newest last).
    #[command(after_long_help = "\
EXAMPLES:
    vauth audit show --limit 20
    vauth --json audit show")]
    Show(Lazy<AuditShowArgs>),
    /// Check every line's HMAC and hash chain; exit 1 at the first bad line.
    #[command(after_long_help = "\
EXAMPLES:
    vauth audit verify
    vauth --json audit verify")]
    Verify,
}

/// `vauth audit show`.
#[derive(Debug, Args)]
pub struct AuditShowArgs {
    /// Only the last N lines.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

/// `vauth vault …`.
#[derive(Debug, Subcommand)]
pub enum VaultCommand {
    /// Re-key the vault: a new data key; every secret is re-sealed.
    ///
    /// The old key file, master key, passphrase or keyring entry no longer opens the vault. Copies
    /// of secrets.vault made before the re-key still open with the old key and hold the secrets
    /// they held then: rotate any secret that may have leaked with them.
    #[command(after_long_help = "\
EXAMPLES:
    NEW_KEY=$(head -c 32 /dev/urandom | base64) vauth vault rekey --protect master-key --new-master-key-env NEW_KEY
    vauth vault rekey --protect passphrase --new-passphrase-file ./new-pass.txt")]
    Rekey(Lazy<RekeyArgs>),
}

/// `vauth home …`.
#[derive(Debug, Subcommand)]
pub enum HomeCommand {
    /// Copy this home (VAUTH_HOME / --home) into a new directory home at DIR.
    ///
    /// The state's integrity tag and the audit chain are checked first; DIR must not exist or be
    /// empty, and is written whole or not at all. The copy records no audit line, so exporting,
    /// importing and exporting again gives byte-identical files.
    #[command(after_long_help = "\
EXAMPLES:
    VAUTH_HOME='postgresql://ci@db.example/vauth?sslrootcert=ca.pem&home=fleet' vauth home export backup
    vauth --home ./home home export ./home-copy")]
    Export(Lazy<HomeDirArgs>),
    /// Copy the directory home at DIR into this home, which must not exist yet.
    ///
    /// This home is the one VAUTH_HOME / --home names. The copy is checked first (integrity tag, audit chain) and written in one transaction.
    /// The vault must open with this run's protection (same VAUTH_MASTER_KEY, passphrase, …).
    #[command(after_long_help = "\
EXAMPLES:
    VAUTH_HOME='postgresql://ci@db.example/vauth?sslrootcert=ca.pem&home=fleet' vauth home import ./home")]
    Import(Lazy<HomeDirArgs>),
    /// Print this home's vauth.toml, or replace it with --set FILE (checked, audited).
    ///
    /// A directory home's vauth.toml can also be edited in place; a PostgreSQL home keeps it in
    /// the database, so this is how its policies change (`vauth target add/remove` edit targets).
    #[command(after_long_help = "\
EXAMPLES:
    vauth home config > vauth.toml
    vauth home config --set vauth.toml")]
    Config(Lazy<HomeConfigArgs>),
}

/// `vauth home config`.
#[derive(Debug, Args)]
pub struct HomeConfigArgs {
    /// Replace vauth.toml with FILE (`-` = stdin) after checking it.
    #[arg(long, value_name = "FILE")]
    pub set: Option<PathBuf>,
}

/// `vauth home export` / `import`.
#[derive(Debug, Args)]
pub struct HomeDirArgs {
    /// The directory home.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// `vauth vault rekey`.
#[derive(Debug, Args)]
pub struct RekeyArgs {
    /// The new protection.
    #[arg(long, value_name = "KIND")]
    pub protect: ProtectArg,
    /// Read the new passphrase from FILE (for --protect passphrase; else a prompt).
    #[arg(long, value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,
    /// Read the new master key (base64 of 32 bytes) from the environment variable NAME (for
    /// --protect master-key; never the variable that opens the vault now).
    #[arg(long, value_name = "NAME", conflicts_with = "new_master_key_file")]
    pub new_master_key_env: Option<String>,
    /// Read the new master key (base64 of 32 bytes) from FILE (`-` = stdin).
    #[arg(long, value_name = "FILE")]
    pub new_master_key_file: Option<PathBuf>,
}

/// `vauth completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// `vauth man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Subcommand path, e.g. `key create` (empty: vauth(1)).
    #[arg(value_name = "COMMAND")]
    pub command: Vec<String>,
}

/// Parse a duration (`30s 15m 24h 90d 1y`).
pub fn parse_span(s: &str) -> Result<crate::timefmt::Span, String> {
    crate::timefmt::parse_span(s)
}

/// Parse a time (RFC 3339, `+90d`, `-5m`, or a bare duration from now).
pub fn parse_time(s: &str) -> Result<crate::timefmt::TimeArg, String> {
    crate::timefmt::parse_time(s)
}

/// Parse a credential name: 1-64 of `A-Z a-z 0-9 . _ -`, starting with a letter or digit.
pub fn parse_name(s: &str) -> Result<String, String> {
    if s.is_empty() {
        return Err("the name is empty".into());
    }
    if s.len() > 64 {
        return Err(format!(
            "the name is {} characters long; at most 64",
            s.len()
        ));
    }
    if !s.starts_with(|c: char| c.is_ascii_alphanumeric())
        || !s
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    {
        return Err(format!(
            "{s:?} is not a valid name (letters, digits, '.', '_', '-'; starting with a letter or digit)"
        ));
    }
    Ok(s.to_string())
}

/// Parse `KEY=VALUE`.
pub fn parse_label(s: &str) -> Result<(String, String), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("{s:?} is not KEY=VALUE"))?;
    if k.is_empty()
        || k.len() > 64
        || !k
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-/".contains(&b))
    {
        return Err(format!(
            "label key {k:?} must be 1-64 of letters, digits, '.', '_', '-', '/'"
        ));
    }
    if v.len() > 256 {
        return Err("label values are at most 256 characters".into());
    }
    Ok((k.to_string(), v.to_string()))
}

/// Parse a scope: 1-128 printable ASCII characters without spaces.
pub fn parse_scope(s: &str) -> Result<String, String> {
    if s.is_empty() || s.len() > 128 || !s.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(format!(
            "{s:?} is not a scope (1-128 printable characters, no spaces)"
        ));
    }
    Ok(s.to_string())
}

/// Parse a key prefix.
pub fn parse_prefix(s: &str) -> Result<String, String> {
    crate::apikey::validate_prefix(s).map(|()| s.to_string())
}

/// Parse an environment variable name for `--var`.
pub fn parse_var(s: &str) -> Result<String, String> {
    if s.is_empty()
        || s.starts_with(|c: char| c.is_ascii_digit())
        || !s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return Err(format!("{s:?} is not an environment variable name"));
    }
    Ok(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn names() {
        assert!(parse_name("qdrant-prod").is_ok());
        assert!(parse_name("a.b_c-1").is_ok());
        for bad in ["", "-x", "a b", "ä", &"x".repeat(65), "a/b"] {
            assert!(parse_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn labels_scopes_vars_prefixes() {
        assert_eq!(
            parse_label("team=search").unwrap(),
            ("team".into(), "search".into())
        );
        assert!(parse_label("noequals").is_err());
        assert!(parse_label("=v").is_err());
        assert!(parse_scope("collection:docs").is_ok());
        assert!(parse_scope("has space").is_err());
        assert!(parse_var("QDRANT_KEY").is_ok());
        assert!(parse_var("1X").is_err());
        assert!(parse_prefix("qd").is_ok());
        assert!(parse_prefix("Q").is_err());
    }
}
