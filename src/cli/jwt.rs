//! `vauth jwt …`: signing keys, JWKS/OIDC files, and minting, verifying and inspecting tokens.

use std::path::PathBuf;

use super::Lazy;
use clap::builder::TypedValueParser as _;
use clap::{Args, Subcommand, ValueEnum};

use super::{parse_name, parse_span, parse_time, parse_var};
use crate::timefmt::{Span, TimeArg};

/// JWT verbs.
#[derive(Debug, Subcommand)]
pub enum JwtCommand {
    /// Manage signing keys: create, list, show, rotate, retire, export.
    #[command(subcommand)]
    Key(Lazy<JwtKeyCommand>),
    /// Print the JWKS of the active and in-grace asymmetric signing keys.
    ///
    /// HMAC keys never appear: they are secrets.
    #[command(after_long_help = "\
EXAMPLES:
    vauth jwt jwks > jwks.json
    vauth jwt jwks --out public/.well-known/jwks.json")]
    Jwks(Lazy<JwksArgs>),
    /// Write OpenID discovery + JWKS files for static hosting.
    ///
    /// Writes DIR/.well-known/openid-configuration and DIR/jwks.json, so databases that accept
    /// OIDC tokens (Weaviate, Elasticsearch's JWT realm) can fetch the public keys.
    #[command(after_long_help = "\
EXAMPLES:
    vauth jwt oidc --issuer https://auth.example.com --out-dir ./site")]
    Oidc(Lazy<OidcArgs>),
    /// Mint a token (or many) signed by a vauth key or an external HMAC secret.
    ///
    /// Always sets iat, a random jti and exp (default jwt.lifetime, 15m); lifetimes over
    /// jwt.max_lifetime (24h) are refused. The Qdrant flags produce Qdrant's exact claim shapes and
    /// need an HS256 key: sign with the Qdrant API key via --secret-env or --secret-file.
    #[command(after_long_help = "\
EXAMPLES:
    vauth jwt sign --key svc --sub search-api --aud weaviate --iss https://auth.example.com
    vauth jwt sign --secret-env QDRANT_API_KEY --qdrant-collection docs=r --exp 1h
    vauth jwt sign --secret-file qdrant.key --qdrant-access r --subtle --no-exp
    vauth jwt sign --key svc --aud db --subjects users.txt --json > tokens.jsonl")]
    Sign(Lazy<SignArgs>),
    /// Check a token (stdin or --token-file): exit 0 valid, 1 invalid with the reason.
    ///
    /// The algorithm comes from the key, never from the token: `none` and HMAC-with-a-public-key
    /// are refused. exp is required and judged with a 30 s leeway (at most 5m); --iss and --aud
    /// are required unless --subtle. Garbage is exit 1; an unreadable key or file is exit 3.
    #[command(after_long_help = "\
EXAMPLES:
    vauth jwt verify --key svc --iss https://auth.example.com --aud weaviate < token.txt
    vauth jwt verify --jwks jwks.json --iss https://auth.example.com --aud db --token-file t.jwt
    vauth jwt verify --secret-env QDRANT_API_KEY --subtle < token.txt
    vauth jwt verify --key svc --subtle --at +2h < token.txt")]
    Verify(Lazy<VerifyArgs>),
    /// Decode a token (stdin or --token-file) without verifying anything.
    #[command(after_long_help = "\
EXAMPLES:
    vauth jwt inspect < token.txt
    vauth --json jwt inspect --token-file t.jwt")]
    Inspect(Lazy<InspectArgs>),
}

/// Signing-key verbs.
#[derive(Debug, Subcommand)]
pub enum JwtKeyCommand {
    /// Generate a signing key: private part in the vault, public JWK in state.json.
    ///
    /// kid is the RFC 7638 thumbprint of the public key; HMAC keys get a random kid (a thumbprint
    /// of a secret would leak a hash of it).
    #[command(after_long_help = "\
EXAMPLES:
    vauth jwt key create svc --alg ES256
    vauth jwt key create legacy --alg RS256 --rsa-bits 3072
    vauth jwt key create internal --alg HS256")]
    Create(Lazy<KeyCreateArgs>),
    /// List signing keys and their versions.
    #[command(after_long_help = "\
EXAMPLES:
    vauth jwt key list
    vauth --json jwt key list --at +2d")]
    List(Lazy<KeyListArgs>),
    /// Show one signing key and all its versions.
    #[command(after_long_help = "\
EXAMPLES:
    vauth jwt key show svc")]
    Show(Lazy<KeyShowArgs>),
    /// Make a new version sign; the previous one keeps verifying until the grace ends.
    #[command(after_long_help = "\
EXAMPLES:
    vauth jwt key rotate svc
    vauth jwt key rotate svc --grace 1h")]
    Rotate(Lazy<KeyRotateArgs>),
    /// Stop a key (every version, or one) from signing and verifying now.
    #[command(after_long_help = "\
EXAMPLES:
    vauth jwt key retire old-svc --yes
    vauth jwt key retire svc --version 1 --yes")]
    Retire(Lazy<KeyRetireArgs>),
    /// Export the public key of the current version as PEM or JWK.
    #[command(after_long_help = "\
EXAMPLES:
    vauth jwt key export svc --public > svc.pub.pem
    vauth jwt key export svc --public --format jwk")]
    Export(Lazy<KeyExportArgs>),
}

/// A JWS algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlgArg {
    /// HMAC-SHA-256 (shared secret; Qdrant).
    #[value(name = "HS256")]
    Hs256,
    /// HMAC-SHA-384.
    #[value(name = "HS384")]
    Hs384,
    /// HMAC-SHA-512.
    #[value(name = "HS512")]
    Hs512,
    /// RSA PKCS#1 v1.5, SHA-256.
    #[value(name = "RS256")]
    Rs256,
    /// RSA PKCS#1 v1.5, SHA-384.
    #[value(name = "RS384")]
    Rs384,
    /// RSA PKCS#1 v1.5, SHA-512.
    #[value(name = "RS512")]
    Rs512,
    /// RSA-PSS, SHA-256.
    #[value(name = "PS256")]
    Ps256,
    /// RSA-PSS, SHA-384.
    #[value(name = "PS384")]
    Ps384,
    /// RSA-PSS, SHA-512.
    #[value(name = "PS512")]
    Ps512,
    /// ECDSA P-256.
    #[value(name = "ES256")]
    Es256,
    /// ECDSA P-384.
    #[value(name = "ES384")]
    Es384,
    /// Ed25519.
    #[value(name = "EdDSA")]
    EdDsa,
}

impl From<AlgArg> for crate::jwt::Alg {
    fn from(a: AlgArg) -> crate::jwt::Alg {
        use crate::jwt::Alg;
        match a {
            AlgArg::Hs256 => Alg::HS256,
            AlgArg::Hs384 => Alg::HS384,
            AlgArg::Hs512 => Alg::HS512,
            AlgArg::Rs256 => Alg::RS256,
            AlgArg::Rs384 => Alg::RS384,
            AlgArg::Rs512 => Alg::RS512,
            AlgArg::Ps256 => Alg::PS256,
            AlgArg::Ps384 => Alg::PS384,
            AlgArg::Ps512 => Alg::PS512,
            AlgArg::Es256 => Alg::ES256,
            AlgArg::Es384 => Alg::ES384,
            AlgArg::EdDsa => Alg::EdDSA,
        }
    }
}

/// `jwt key create`.
#[derive(Debug, Args)]
pub struct KeyCreateArgs {
    /// Name of the signing key.
    #[arg(value_name = "NAME", value_parser = parse_name)]
    pub name: String,
    /// Signing algorithm.
    #[arg(long, value_name = "ALG", ignore_case = true)]
    pub alg: AlgArg,
    /// RSA modulus size for RS*/PS* keys.
    #[arg(long, value_name = "BITS", default_value = "2048", value_parser = clap::builder::PossibleValuesParser::new(["2048", "3072", "4096"]).map(|s| s.parse::<u32>().unwrap_or(2048)))]
    pub rsa_bits: u32,
    /// Replace an existing key of the same name (its versions are retired).
    #[arg(long)]
    pub force: bool,
}

/// `jwt key list`.
#[derive(Debug, Args)]
pub struct KeyListArgs {
    /// Evaluate status at TIME instead of now (RFC 3339 or +DURATION).
    #[arg(long, value_name = "TIME", value_parser = parse_time, allow_hyphen_values = true)]
    pub at: Option<TimeArg>,
}

/// `jwt key show`.
#[derive(Debug, Args)]
pub struct KeyShowArgs {
    /// Name of the signing key.
    #[arg(value_name = "NAME", value_parser = parse_name)]
    pub name: String,
}

/// `jwt key rotate`.
#[derive(Debug, Args)]
pub struct KeyRotateArgs {
    /// Name of the signing key.
    #[arg(value_name = "NAME", value_parser = parse_name)]
    pub name: String,
    /// How long the previous version keeps verifying [default: jwt.max_lifetime, 24h].
    #[arg(long, value_name = "DURATION", value_parser = crate::timefmt::parse_grace)]
    pub grace: Option<Span>,
}

/// `jwt key retire`.
#[derive(Debug, Args)]
pub struct KeyRetireArgs {
    /// Name of the signing key.
    #[arg(value_name = "NAME", value_parser = parse_name)]
    pub name: String,
    /// Only this version [default: all].
    #[arg(long, value_name = "N")]
    pub version: Option<u32>,
}

/// Public key formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PublicFormat {
    /// SubjectPublicKeyInfo PEM.
    Pem,
    /// A JSON Web Key.
    Jwk,
}

/// `jwt key export`.
#[derive(Debug, Args)]
pub struct KeyExportArgs {
    /// Name of the signing key.
    #[arg(value_name = "NAME", value_parser = parse_name)]
    pub name: String,
    /// Export the public key (the only export there is: private keys stay in the vault).
    #[arg(long, required = true)]
    pub public: bool,
    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "pem")]
    pub format: PublicFormat,
    /// Which version [default: the current one].
    #[arg(long, value_name = "N")]
    pub version: Option<u32>,
    /// Write to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Overwrite --out.
    #[arg(long)]
    pub force: bool,
}

/// `jwt jwks`.
#[derive(Debug, Args)]
pub struct JwksArgs {
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Evaluate which versions are published at TIME instead of now.
    #[arg(long, value_name = "TIME", value_parser = parse_time, allow_hyphen_values = true)]
    pub at: Option<TimeArg>,
}

/// `jwt oidc`.
#[derive(Debug, Args)]
pub struct OidcArgs {
    /// The issuer URL (https), exactly as tokens carry it in `iss`.
    #[arg(long, value_name = "URL")]
    pub issuer: String,
    /// Directory to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
}

/// Where an HMAC secret or a signing key comes from (sign and verify).
#[derive(Debug, Args)]
pub struct KeySource {
    /// A vauth signing key (current version signs; verification pins its algorithm).
    #[arg(long, value_name = "NAME", value_parser = parse_name, group = "keysrc")]
    pub key: Option<String>,
    /// Read an external HMAC secret (e.g. a Qdrant API key) from FILE (`-` = stdin).
    #[arg(long, value_name = "FILE", group = "keysrc")]
    pub secret_file: Option<PathBuf>,
    /// Read an external HMAC secret from the environment variable VAR.
    #[arg(long, value_name = "VAR", value_parser = parse_var, group = "keysrc")]
    pub secret_env: Option<String>,
    /// Algorithm for an external secret or an RSA PEM [default: HS256 for secrets].
    #[arg(long, value_name = "ALG", ignore_case = true)]
    pub alg: Option<AlgArg>,
}

/// `jwt sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// Signing key.
    #[command(flatten)]
    pub source: KeySource,
    /// A qdrant target: sign HS256 with its admin API key, then probe the token there
    /// (GET /collections and each --qdrant-collection: 200; a wrongly signed token: refused).
    #[arg(long = "for", value_name = "TARGET", value_parser = parse_name, group = "keysrc")]
    pub for_target: Option<String>,
    /// `sub` claim.
    #[arg(long, value_name = "SUB", conflicts_with = "subjects")]
    pub sub: Option<String>,
    /// `iss` claim.
    #[arg(long, value_name = "ISS")]
    pub iss: Option<String>,
    /// `aud` claim (repeatable: several make an array).
    #[arg(long, value_name = "AUD")]
    pub aud: Vec<String>,
    /// Expiry: a lifetime (15m) or an RFC 3339 time [default: jwt.lifetime, 15m].
    #[arg(long, value_name = "TIME", value_parser = parse_time, allow_hyphen_values = true)]
    pub exp: Option<TimeArg>,
    /// Mint a token without exp (needs --subtle): it never expires.
    #[arg(long, conflicts_with = "exp", requires = "subtle")]
    pub no_exp: bool,
    /// Not-before: a duration from now or an RFC 3339 time.
    #[arg(long, value_name = "TIME", value_parser = parse_time, allow_hyphen_values = true)]
    pub nbf: Option<TimeArg>,
    /// `jti` claim [default: random per token].
    #[arg(long, value_name = "ID", conflicts_with_all = ["count", "subjects"])]
    pub jti: Option<String>,
    /// An extra claim KEY=VALUE; VALUE is JSON if it parses, else a string (repeatable).
    #[arg(long, value_name = "KEY=JSON", value_parser = crate::jwt::claims::parse_claim)]
    pub claim: Vec<(String, serde_json::Value)>,
    /// Read extra claims from a JSON object in FILE (flags win).
    #[arg(long, value_name = "FILE")]
    pub claims_file: Option<PathBuf>,
    /// Qdrant: global access, r (read-only) or m (manage).
    #[arg(long, value_name = "MODE", value_parser = ["r", "m"])]
    pub qdrant_access: Option<String>,
    /// Qdrant: access to one collection, NAME=r|rw|prw (repeatable).
    #[arg(long, value_name = "NAME=MODE", value_parser = crate::jwt::qdrant::parse_collection)]
    pub qdrant_collection: Vec<(String, String)>,
    /// Qdrant: only valid while COLLECTION holds a point with KEY=VALUE (repeatable).
    #[arg(long, value_name = "COLLECTION:KEY=VALUE", value_parser = crate::jwt::qdrant::parse_value_exists)]
    pub qdrant_value_exists: Vec<(String, String, serde_json::Value)>,
    /// Mint N tokens (one per line; JSON lines with --json).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub count: Option<u64>,
    /// Mint one token per subject, read one per line from FILE (`-` = stdin).
    #[arg(long, value_name = "FILE", conflicts_with = "count")]
    pub subjects: Option<PathBuf>,
    /// Allow what is unsafe: --no-exp.
    #[arg(long)]
    pub subtle: bool,
}

/// `jwt verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Verification key.
    #[command(flatten)]
    pub source: KeySource,
    /// Verify against a JWKS file or https URL; the token's kid picks the key.
    #[arg(long, value_name = "FILE|URL", group = "keysrc")]
    pub jwks: Option<String>,
    /// Trust only these CA certificates (PEM) when fetching --jwks over https.
    #[arg(long, value_name = "FILE", requires = "jwks")]
    pub ca_file: Option<PathBuf>,
    /// Verify against a PEM public key (or certificate).
    #[arg(long, value_name = "FILE", group = "keysrc")]
    pub pem: Option<PathBuf>,
    /// Read the token from FILE instead of stdin.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Accepted issuer (repeatable; required unless --subtle).
    #[arg(long, value_name = "ISS")]
    pub iss: Vec<String>,
    /// Accepted audience (repeatable; one match is enough; required unless --subtle).
    #[arg(long, value_name = "AUD")]
    pub aud: Vec<String>,
    /// Allowed clock skew for exp/nbf (at most 5m).
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_span)]
    pub leeway: Span,
    /// Judge exp/nbf at TIME instead of now.
    #[arg(long, value_name = "TIME", value_parser = parse_time, allow_hyphen_values = true)]
    pub at: Option<TimeArg>,
    /// Do not require --iss/--aud, and accept a token without exp.
    #[arg(long)]
    pub subtle: bool,
}

/// `jwt inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Read the token from FILE instead of stdin.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
}
