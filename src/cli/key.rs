//! `vauth key …`: clap types only.

use std::path::PathBuf;

use super::Lazy;
use clap::{Args, Subcommand, ValueEnum};

use super::{parse_label, parse_name, parse_prefix, parse_scope, parse_time, parse_var};
use crate::timefmt::{Span, TimeArg};

/// API key verbs.
// These doc comments are clap's help text, written for a terminal, not for rustdoc.
#[allow(rustdoc::invalid_html_tags)]
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Generate a new API key and print it once.
    ///
    /// The key looks like <prefix>_<id>_<secret><check>: the id is public and makes lookups
    /// O(1), the secret carries 256 bits from the OS random source, and the 6-character check
    /// catches typos offline. state.json keeps its SHA-256; the vault keeps the sealed plaintext
    /// (for later pushes and outputs) unless --no-keep.
    ///
    /// With --on TARGET the database makes the key instead (weaviate: a DB user's key;
    /// pinecone: a project API key; elasticsearch: an API key, kept in its `encoded` form). vauth
    /// probes it (it must authenticate, and a wrong key must be refused), then records it as
    /// version 1; if the probe or the record fails, the key is taken back on the server.
    /// `key rotate` then asks the same target for the successor, and `key revoke` takes a version
    /// back there.
    #[command(after_long_help = "\
EXAMPLES:
    vauth key create qdrant-prod --expires 90d --scope read
    vauth key create ci-bot --out ./ci-bot.key
    vauth key create app --format dotenv --var APP_API_KEY >> .env
    vauth key create app --format github      # ::add-mask:: + $GITHUB_OUTPUT
    vauth key create search --on es --role-descriptors ./ro.json --expires 90d
    vauth key create rag --on wv --role viewer --dry-run")]
    Create(Lazy<CreateArgs>),
    /// Record a key made elsewhere (read from stdin or --key-file).
    #[command(after_long_help = "\
EXAMPLES:
    vauth key import legacy --key-file ./legacy.key
    printf '%s' \"$KEY\" | vauth key import legacy")]
    Import(Lazy<ImportArgs>),
    /// List keys: name, id, version, status, created, expires, age, scopes.
    #[command(after_long_help = "\
EXAMPLES:
    vauth key list
    vauth --json key list --at +30d")]
    List(Lazy<ListArgs>),
    /// Show one key and all its versions (the secret only with --reveal).
    #[command(after_long_help = "\
EXAMPLES:
    vauth key show qdrant-prod
    vauth key show qdrant-prod --reveal --yes > key.txt")]
    Show(Lazy<ShowArgs>),
    /// Check a presented key: exit 0 valid, 1 invalid with the reason.
    ///
    /// Without NAME the key's public id is looked up. Comparison is of SHA-256 digests in
    /// constant time. Invalid input of any kind (garbage included) is exit 1; an unreadable
    /// --key-file is exit 3.
    #[command(after_long_help = "\
EXAMPLES:
    vauth key verify < presented.txt
    vauth key verify qdrant-prod --key-file presented.txt
    vauth --json key verify --at +2d < presented.txt")]
    Verify(Lazy<VerifyArgs>),
    /// Make a new version active; the previous stays valid until the grace ends.
    ///
    /// A key the database made (`key create --on TARGET`) gets its successor from that target,
    /// probed before anything is recorded; the previous version stays valid there until it is
    /// revoked (`key revoke NAME --version N`). On weaviate a version lives on user NAME-a or
    /// NAME-b in turn, so rotating twice replaces the user of two versions back.
    #[command(after_long_help = "\
EXAMPLES:
    vauth key rotate qdrant-prod --grace 24h
    vauth key rotate qdrant-prod --grace 0s --format env")]
    Rotate(Lazy<RotateArgs>),
    /// Invalidate a key (all versions, or one) now.
    ///
    /// Versions pushed to a target, or made by one (`key create --on`), are taken back there:
    /// an older version only when a newer one was verified on that target.
    #[command(after_long_help = "\
EXAMPLES:
    vauth key revoke qdrant-prod --yes
    vauth key revoke qdrant-prod --version 1 --yes")]
    Revoke(Lazy<RevokeArgs>),
}

/// How a new key is written to stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SecretFormat {
    /// The key alone on one line.
    Plain,
    /// A JSON object with the key and its metadata.
    Json,
    /// `export VAR='key'` for a shell.
    Env,
    /// `VAR=key` for a .env file.
    Dotenv,
    /// GitHub Actions: `::add-mask::` on stdout, `VAR` appended to $GITHUB_OUTPUT.
    Github,
}

/// Where and how a new secret goes (create, rotate).
#[derive(Debug, Args)]
pub struct SecretOut {
    /// Write the key to FILE (mode 0600) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Output format of the key.
    #[arg(long, value_name = "FORMAT", default_value = "plain")]
    pub format: SecretFormat,
    /// Variable name for env/dotenv/github [default: the NAME upper-cased, `-`/`.` as `_`].
    #[arg(long, value_name = "VAR", value_parser = parse_var)]
    pub var: Option<String>,
}

/// What a key records about itself besides its secret (create, import).
#[derive(Debug, Args)]
pub struct KeyMeta {
    /// A scope to record (repeatable).
    #[arg(long, value_name = "SCOPE", value_parser = parse_scope)]
    pub scope: Vec<String>,
    /// A label KEY=VALUE to record (repeatable).
    #[arg(long, value_name = "KEY=VALUE", value_parser = parse_label)]
    pub label: Vec<(String, String)>,
}

/// `key create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Name of the key (letters, digits, '.', '_', '-').
    #[arg(value_name = "NAME", value_parser = parse_name)]
    pub name: String,
    /// Key prefix [default: vk, or keys.prefix in vauth.toml].
    #[arg(long, value_name = "PREFIX", value_parser = parse_prefix)]
    pub prefix: Option<String>,
    /// Expiry: a duration from now (90d) or an RFC 3339 time [default: keys.expires, or never].
    #[arg(long, value_name = "TIME", value_parser = parse_time, allow_hyphen_values = true)]
    pub expires: Option<TimeArg>,
    /// Scopes and labels.
    #[command(flatten)]
    pub meta: KeyMeta,
    /// Keep only the hash: the key can be verified but never shown or pushed again.
    #[arg(long)]
    pub no_keep: bool,
    /// Replace an existing key of the same name (its versions are revoked), or overwrite --out.
    #[arg(long)]
    pub force: bool,
    /// Let this target make the key (weaviate, pinecone, elasticsearch), and record it.
    #[arg(long, value_name = "TARGET", value_parser = parse_name, conflicts_with = "prefix")]
    pub on: Option<String>,
    /// With --on (weaviate, pinecone): a server-side role the key gets (repeatable), e.g.
    /// viewer, ProjectViewer.
    #[arg(long, value_name = "ROLE", requires = "on")]
    pub role: Vec<String>,
    /// With --on (elasticsearch): a JSON file holding the API key's `role_descriptors` object
    /// [default: the admin's own rights].
    #[arg(long, value_name = "FILE", requires = "on")]
    pub role_descriptors: Option<PathBuf>,
    /// With --on: replace an existing user of this name that vauth did not create (weaviate).
    #[arg(long, value_name = "NAME", requires = "on")]
    pub adopt: Option<String>,
    /// With --on: print the calls that would be made (secrets as ****) and change nothing.
    #[arg(long, requires = "on")]
    pub dry_run: bool,
    /// Output options.
    #[command(flatten)]
    pub output: SecretOut,
}

/// `key import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Name to record the key under.
    #[arg(value_name = "NAME", value_parser = parse_name)]
    pub name: String,
    /// Read the key from FILE instead of stdin.
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,
    /// Expiry: a duration from now (90d) or an RFC 3339 time.
    #[arg(long, value_name = "TIME", value_parser = parse_time, allow_hyphen_values = true)]
    pub expires: Option<TimeArg>,
    /// Scopes and labels.
    #[command(flatten)]
    pub meta: KeyMeta,
    /// Keep only the hash.
    #[arg(long)]
    pub no_keep: bool,
    /// Accept a key with less than 128 bits of estimated entropy. Weakens the key's security.
    #[arg(long, hide_short_help = true)]
    pub subtle: bool,
    /// Replace an existing key of the same name.
    #[arg(long)]
    pub force: bool,
}

/// `key list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Evaluate status at TIME instead of now (RFC 3339 or +DURATION).
    #[arg(long, value_name = "TIME", value_parser = parse_time, allow_hyphen_values = true)]
    pub at: Option<TimeArg>,
}

/// `key show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Name of the key.
    #[arg(value_name = "NAME", value_parser = parse_name)]
    pub name: String,
    /// Print the kept plaintext (asks for confirmation; --yes answers it).
    #[arg(long)]
    pub reveal: bool,
    /// With --reveal: which version [default: the current one].
    #[arg(long, value_name = "N", requires = "reveal")]
    pub version: Option<u32>,
}

/// `key verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Only accept a version of this key.
    #[arg(value_name = "NAME", value_parser = parse_name)]
    pub name: Option<String>,
    /// Read the presented key from FILE instead of stdin.
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,
    /// Check validity at TIME instead of now (RFC 3339 or +DURATION).
    #[arg(long, value_name = "TIME", value_parser = parse_time, allow_hyphen_values = true)]
    pub at: Option<TimeArg>,
}

/// `key rotate`.
#[derive(Debug, Args)]
pub struct RotateArgs {
    /// Name of the key.
    #[arg(value_name = "NAME", value_parser = parse_name)]
    pub name: String,
    /// How long the previous version stays valid [default: keys.grace, or 24h].
    #[arg(long, value_name = "DURATION", value_parser = crate::timefmt::parse_grace)]
    pub grace: Option<Span>,
    /// Expiry of the new version [default: the same lifetime as the previous one].
    #[arg(long, value_name = "TIME", value_parser = parse_time, allow_hyphen_values = true)]
    pub expires: Option<TimeArg>,
    /// Keep only the hash of the new version.
    #[arg(long)]
    pub no_keep: bool,
    /// Overwrite --out.
    #[arg(long)]
    pub force: bool,
    /// Run CMD (through sh -c) after a successful rotation, e.g. to restart the consumer. It
    /// gets VAUTH_EVENT=rotate, VAUTH_KEY, VAUTH_VERSION, VAUTH_PREVIOUS_VERSION,
    /// VAUTH_GRACE_UNTIL, VAUTH_TARGETS — never the secret.
    #[arg(long, value_name = "CMD")]
    pub exec: Option<String>,
    /// Output options.
    #[command(flatten)]
    pub output: SecretOut,
}

/// `key revoke`.
#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// Name of the key.
    #[arg(value_name = "NAME", value_parser = parse_name)]
    pub name: String,
    /// Revoke only this version [default: every version].
    #[arg(long, value_name = "N")]
    pub version: Option<u32>,
}
