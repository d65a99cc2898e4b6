//! `vauth cert …`: clap types only.

use std::path::PathBuf;

use super::Lazy;
use clap::{Args, Subcommand, ValueEnum};

use super::ca::KeyTypeArgs;
use super::{parse_name, parse_span, parse_time};
use crate::timefmt::{Span, TimeArg};

/// Certificate verbs.
#[allow(rustdoc::invalid_html_tags)]
#[derive(Debug, Subcommand)]
pub enum CertCommand {
    /// Issue a client (default) or server certificate from the local CA.
    ///
    /// A new key is generated and written PKCS#8 PEM, mode 0600; vauth keeps it (sealed in the
    /// vault) only with --keep-key. With --csr the key never touches vauth: the request's
    /// signature is checked and only its subject CN, SANs and public key are used. Files:
    /// NAME.crt (the certificate, then the intermediate), NAME.key, NAME.ca.crt (the CA chain to
    /// trust) in --out DIR (default: the current directory). Nothing is overwritten without --force.
    #[command(after_long_help = "\
EXAMPLES:
    vauth cert issue app1 --san dns:app1.svc --out ./certs
    vauth cert issue db --profile server --san dns:db.internal --san ip:10.0.0.5
    vauth cert issue app1 --csr app1.csr --cert-out app1.crt
    vauth cert issue app1 --p12 app1.p12 --p12-password-file pw.txt
    vauth cert issue --batch services.jsonl --out ./certs")]
    Issue(Lazy<IssueArgs>),
    /// List issued certificates, soonest expiry first.
    #[command(after_long_help = "\
EXAMPLES:
    vauth cert list
    vauth cert list --expiring-within 14d     # exit 1 when any
    vauth --json cert list")]
    List(Lazy<ListArgs>),
    /// Show a certificate file (or CSR) without trusting it.
    #[command(after_long_help = "\
EXAMPLES:
    vauth cert inspect app1.crt
    vauth --json cert inspect app1.csr")]
    Inspect(Lazy<InspectArgs>),
    /// Check a certificate: chain to this CA, validity at --at, not revoked.
    ///
    /// Exit 0 valid, 1 invalid with the reason (garbage included); 3 when FILE is unreadable.
    #[command(after_long_help = "\
EXAMPLES:
    vauth cert verify app1.crt
    vauth cert verify app1.crt --at +20d
    vauth --json cert verify presented.pem")]
    Verify(Lazy<VerifyArgs>),
    /// Revoke a certificate (all of NAME's, or one --serial); then `vauth ca crl`.
    #[command(after_long_help = "\
EXAMPLES:
    vauth cert revoke app1 --reason keyCompromise --yes
    vauth cert revoke --serial 3f9a... --yes && vauth ca crl --out /etc/pg/vauth.crl")]
    Revoke(Lazy<RevokeArgs>),
    /// Issue a successor with the same subject, SANs and profile (new key by default).
    #[command(after_long_help = "\
EXAMPLES:
    vauth cert renew app1 --out ./certs --force
    vauth cert renew app1 --reuse-key --cert-out app1.crt --force
    vauth cert renew app1 --key-file app1.key --cert-out app1.crt --force")]
    Renew(Lazy<RenewArgs>),
    /// Write a certificate with its chain (PEM), its kept key, or a PKCS#12 bundle.
    #[command(after_long_help = "\
EXAMPLES:
    vauth cert export app1 --chain > app1-chain.pem
    vauth cert export app1 --key-out app1.key
    vauth cert export app1 --p12 app1.p12 --p12-password-file pw.txt")]
    Export(Lazy<ExportArgs>),
}

/// `--profile`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    /// clientAuth EKU only, digitalSignature.
    Client,
    /// serverAuth EKU only.
    Server,
}

/// Where the files go.
#[derive(Debug, Args, Clone, Default)]
pub struct FilesOut {
    /// Directory for NAME.crt, NAME.key and NAME.ca.crt [default: current directory].
    #[arg(long, value_name = "DIR", conflicts_with_all = ["cert_out", "key_out", "chain_out"])]
    pub out: Option<PathBuf>,
    /// Write the certificate (then the intermediate, if any) to FILE.
    #[arg(long, value_name = "FILE")]
    pub cert_out: Option<PathBuf>,
    /// Write the private key (PKCS#8 PEM, 0600) to FILE.
    #[arg(long, value_name = "FILE")]
    pub key_out: Option<PathBuf>,
    /// Write the CA chain to trust (root last) to FILE.
    #[arg(long, value_name = "FILE")]
    pub chain_out: Option<PathBuf>,
    /// Also write a PKCS#12 bundle (key, certificate, chain) to FILE (0600).
    #[arg(long, value_name = "FILE")]
    pub p12: Option<PathBuf>,
    /// Where the PKCS#12 password comes from.
    #[command(flatten)]
    pub p12_password: P12Password,
    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,
}

/// `cert issue`.
#[derive(Debug, Args)]
pub struct IssueArgs {
    /// Name to record the certificate under (not with --batch).
    #[arg(value_name = "NAME", value_parser = parse_name, required_unless_present = "batch")]
    pub name: Option<String>,
    /// client or server.
    #[arg(long, value_name = "PROFILE", default_value = "client")]
    pub profile: ProfileArg,
    /// Subject CN [default: NAME; for PostgreSQL cert auth, the role name].
    #[arg(long, value_name = "CN")]
    pub cn: Option<String>,
    /// A SAN: dns:NAME, ip:ADDR, email:ADDR or uri:URI (repeatable).
    #[arg(long, value_name = "SAN")]
    pub san: Vec<String>,
    /// End of validity: a duration (30d) or an RFC 3339 time; capped at the CA's [default: 30d].
    #[arg(long, value_name = "TIME", value_parser = parse_time, allow_hyphen_values = true)]
    pub not_after: Option<TimeArg>,
    /// Key type of the new key.
    #[command(flatten)]
    pub key: KeyTypeArgs,
    /// Sign this CSR (PEM or DER) instead of generating a key.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["keep_key", "kty", "crv", "size", "batch"])]
    pub csr: Option<PathBuf>,
    /// Keep the private key sealed in the vault (enables `cert export --key-out`, `renew --reuse-key`).
    #[arg(long)]
    pub keep_key: bool,
    /// Issue every line of FILE (JSON lines or CSV: name,cn,sans,profile); all or nothing.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["cn", "san", "cert_out", "key_out", "chain_out", "p12"])]
    pub batch: Option<PathBuf>,
    /// Output files.
    #[command(flatten)]
    pub files: FilesOut,
    /// Replace an existing certificate name (its certificates stay valid until revoked).
    #[arg(long = "replace")]
    pub replace: bool,
}

/// `cert list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Exit 1 when any active certificate expires within DURATION (lists only those).
    #[arg(long, value_name = "DURATION", value_parser = parse_span)]
    pub expiring_within: Option<Span>,
    /// Also list revoked and expired certificates, and earlier ones of renewed names.
    #[arg(long)]
    pub all: bool,
}

/// `cert inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Certificate or CSR (PEM or DER; `-` = stdin).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// `cert verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The certificate (PEM or DER; `-` = stdin).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Check at TIME instead of now (RFC 3339 or +DURATION).
    #[arg(long, value_name = "TIME", value_parser = parse_time, allow_hyphen_values = true)]
    pub at: Option<TimeArg>,
}

/// `cert revoke`.
#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// Name of the certificate (all its unrevoked certificates).
    #[arg(value_name = "NAME", value_parser = parse_name, required_unless_present = "serial", conflicts_with = "serial")]
    pub name: Option<String>,
    /// Revoke only the certificate with this serial (hex, colons allowed).
    #[arg(long, value_name = "SERIAL")]
    pub serial: Option<String>,
    /// RFC 5280 reason: unspecified, keyCompromise, cACompromise, affiliationChanged, superseded,
    /// cessationOfOperation, privilegeWithdrawn.
    #[arg(long, value_name = "REASON", default_value = "unspecified")]
    pub reason: String,
}

/// `cert renew`.
#[derive(Debug, Args)]
pub struct RenewArgs {
    /// Name of the certificate.
    #[arg(value_name = "NAME", value_parser = parse_name)]
    pub name: String,
    /// Reuse the kept key (needs --keep-key at issue) instead of a new one.
    #[arg(long, conflicts_with = "key_file")]
    pub reuse_key: bool,
    /// Reuse the private key in FILE (must match the current certificate).
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,
    /// End of validity [default: the same lifetime as the current certificate].
    #[arg(long, value_name = "TIME", value_parser = parse_time, allow_hyphen_values = true)]
    pub not_after: Option<TimeArg>,
    /// Keep the (new) key sealed in the vault.
    #[arg(long)]
    pub keep_key: bool,
    /// Output files.
    #[command(flatten)]
    pub files: FilesOut,
}

/// `cert export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Name of the certificate.
    #[arg(value_name = "NAME", value_parser = parse_name)]
    pub name: String,
    /// Append the intermediate and root after the certificate.
    #[arg(long)]
    pub chain: bool,
    /// Write the PEM to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Write the kept private key to FILE (0600); needs --keep-key at issue.
    #[arg(long, value_name = "FILE")]
    pub key_out: Option<PathBuf>,
    /// Write a PKCS#12 bundle (the key when kept, certificate, chain) to FILE (0600).
    #[arg(long, value_name = "FILE")]
    pub p12: Option<PathBuf>,
    /// Where the PKCS#12 password comes from.
    #[command(flatten)]
    pub p12_password: P12Password,
    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,
}

/// Where a PKCS#12 password comes from (never argv): a file, an environment variable, or a prompt.
#[derive(Debug, Args, Clone, Default)]
pub struct P12Password {
    /// Read the PKCS#12 password from FILE (first line; `-` = stdin) [default: a prompt].
    #[arg(
        long = "p12-password-file",
        id = "p12_password_file",
        value_name = "FILE",
        requires = "p12"
    )]
    pub file: Option<PathBuf>,
    /// Read the PKCS#12 password from the environment variable NAME.
    #[arg(
        long = "p12-password-env",
        id = "p12_password_env",
        value_name = "NAME",
        requires = "p12",
        conflicts_with = "p12_password_file"
    )]
    pub env: Option<String>,
}
