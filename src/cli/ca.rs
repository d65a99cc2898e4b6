//! `vauth ca …`: clap types only.

use std::path::PathBuf;

use super::Lazy;
use clap::{Args, Subcommand};

use super::parse_time;
use crate::timefmt::{Span, TimeArg};

/// CA verbs.
#[allow(rustdoc::invalid_html_tags)]
#[derive(Debug, Subcommand)]
pub enum CaCommand {
    /// Create the local CA: a root, and optionally an intermediate that issues.
    ///
    /// Private keys are sealed in the vault; certificates go to state.json. The root is
    /// pathlen-constrained (0, or 1 with --intermediate), with keyCertSign + cRLSign and SKI/AKI.
    /// Name constraints (--permit-dns, --permit-ip) are written into the CA certificates, so
    /// verifiers refuse any leaf outside them, and vauth refuses to issue one.
    #[command(after_long_help = "\
EXAMPLES:
    vauth ca init
    vauth ca init --name 'Acme DB CA' --intermediate --permit-dns db.acme.internal
    vauth ca init --kty RSA --size 3072 --not-after 5y
    vauth ca init --force --yes          # replace the CA; issued certificates stop verifying")]
    Init(Lazy<InitArgs>),
    /// Show the CA: subjects, key types, validity, constraints, last CRL.
    #[command(after_long_help = "\
EXAMPLES:
    vauth ca show
    vauth --json ca show")]
    Show,
    /// Print (or write) the trust bundle: root, then intermediate, as PEM.
    #[command(after_long_help = "\
EXAMPLES:
    vauth ca export > vauth-ca.pem
    vauth ca export --out /etc/postgresql/vauth-ca.pem")]
    Export(Lazy<ExportArgs>),
    /// Sign a new CRL of the issuing CA (revoked certificates, next CRL number).
    #[command(after_long_help = "\
EXAMPLES:
    vauth ca crl --out /etc/postgresql/vauth.crl
    vauth ca crl --der --out vauth.crl.der --next-update 24h")]
    Crl(Lazy<CrlArgs>),
}

/// Key type flags (step's vocabulary).
#[derive(Debug, Args, Clone, Default)]
pub struct KeyTypeArgs {
    /// Key type: EC, OKP or RSA [default: EC].
    #[arg(long, value_name = "KTY", value_parser = ["EC", "OKP", "RSA", "ec", "okp", "rsa"])]
    pub kty: Option<String>,
    /// Curve: P-256, P-384 (EC) or Ed25519 (OKP) [default: P-256].
    #[arg(long, visible_alias = "curve", value_name = "CRV", value_parser = ["P-256", "P-384", "Ed25519"])]
    pub crv: Option<String>,
    /// RSA key size in bits: 2048, 3072 or 4096 [default: 2048].
    #[arg(long, value_name = "BITS")]
    pub size: Option<u32>,
}

impl KeyTypeArgs {
    /// The key type these flags name; a combination that names none is exit 2.
    pub fn spec(&self) -> crate::error::Result<crate::pki::KeySpec> {
        crate::pki::KeySpec::resolve(self.kty.as_deref(), self.crv.as_deref(), self.size).map_err(
            |e| {
                e.usage(
                    "use --kty EC --crv P-256|P-384, --kty OKP, or --kty RSA --size 2048|3072|4096",
                )
            },
        )
    }
}

/// `ca init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Subject CN of the root [default: "vauth root CA " and the home id].
    #[arg(long, value_name = "CN")]
    pub name: Option<String>,
    /// Key type.
    #[command(flatten)]
    pub key: KeyTypeArgs,
    /// End of the root's validity (the intermediate ends one day earlier) [default: 10y].
    #[arg(long, value_name = "TIME", value_parser = parse_time, allow_hyphen_values = true)]
    pub not_after: Option<TimeArg>,
    /// Also make an intermediate CA (pathlen 0) that signs leaves and CRLs.
    #[arg(long)]
    pub intermediate: bool,
    /// Permit only this DNS subtree (repeatable); `example.com` covers its subdomains.
    #[arg(long, value_name = "DOMAIN")]
    pub permit_dns: Vec<String>,
    /// Permit only this IP range (repeatable), e.g. 10.0.0.0/8.
    #[arg(long, value_name = "CIDR")]
    pub permit_ip: Vec<String>,
    /// Replace an existing CA (asks for confirmation; --yes answers it).
    #[arg(long)]
    pub force: bool,
}

/// `ca export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write to FILE (0644) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Only the root certificate.
    #[arg(long)]
    pub root_only: bool,
    /// Overwrite --out.
    #[arg(long)]
    pub force: bool,
}

/// `ca crl`.
#[derive(Debug, Args)]
pub struct CrlArgs {
    /// Write to FILE instead of stdout (replaced atomically: servers can re-read it any time).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// DER instead of PEM.
    #[arg(long)]
    pub der: bool,
    /// When the CRL expires; publish a new one before then [default: 7d].
    #[arg(long, value_name = "DURATION", value_parser = crate::timefmt::parse_crl_validity, default_value = "7d")]
    pub next_update: Span,
}
