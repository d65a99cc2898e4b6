//! `vauth rotate [plan|apply|finalize]` and `vauth check`: unattended rotation by the policies in
//! vauth.toml (`[[policy]]`).

use super::Lazy;
use clap::{Args, Subcommand};

use super::{parse_name, parse_span, parse_time};
use crate::timefmt::{Span, TimeArg};

/// `vauth rotate`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RotateArgs {
    /// plan, apply or finalize; none = all three, the one command a pipeline runs.
    #[command(subcommand)]
    pub verb: Option<RotateCommand>,
    /// Only these credentials (repeatable) [default: every policy].
    #[arg(long, value_name = "NAME", value_parser = parse_name)]
    pub only: Vec<String>,
    /// How long to wait for another run holding the home's lock [default: 60s].
    #[arg(long, value_name = "DURATION", value_parser = parse_span)]
    pub lock_timeout: Option<Span>,
    /// Run CMD (sh -c) after each credential rotated, with VAUTH_EVENT=rotate, VAUTH_KEY,
    /// VAUTH_KIND, VAUTH_VERSION, VAUTH_PREVIOUS_VERSION — never the secret.
    #[arg(long, value_name = "CMD")]
    pub exec: Option<String>,
}

/// The verbs of `vauth rotate`.
#[derive(Debug, Subcommand)]
pub enum RotateCommand {
    /// What is due and why (exit 0: nothing due, 1: something due).
    #[command(after_long_help = "\
EXAMPLES:
    vauth rotate plan
    vauth rotate plan --at 2027-01-15T03:00:00Z --json
    vauth rotate plan --only svc-search")]
    Plan(Lazy<PlanArgs>),
    /// Rotate what is due (or NAMEs): create, push, probe, make current.
    #[command(after_long_help = "\
EXAMPLES:
    vauth rotate apply --due
    vauth rotate apply svc-search
    vauth --json rotate apply --due --lock-timeout 5m")]
    Apply(Lazy<ApplyArgs>),
    /// Revoke predecessors whose grace ended and whose successor probed everywhere.
    #[command(after_long_help = "\
EXAMPLES:
    vauth rotate finalize
    vauth --json rotate finalize --only svc-search")]
    Finalize(Lazy<FinalizeArgs>),
    /// Deliver the current version to its policy's outputs again (after exit 5).
    #[command(after_long_help = "\
A rotation whose outputs could not be written (exit 5) is recorded and current; this delivers
the current version of each NAME (default: every policy with outputs) from the vault again.

EXAMPLES:
    vauth rotate outputs svc-search
    vauth rotate outputs")]
    Outputs(Lazy<OutputsArgs>),
}

/// `rotate outputs`.
#[derive(Debug, Args)]
pub struct OutputsArgs {
    /// Deliver these credentials [default: every policy with outputs].
    #[arg(value_name = "NAME", value_parser = parse_name)]
    pub names: Vec<String>,
    /// How long to wait for another run holding the home's lock [default: 60s].
    #[arg(long, value_name = "DURATION", value_parser = parse_span)]
    pub lock_timeout: Option<Span>,
}

/// `rotate plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Plan as of this time (RFC 3339, or a duration from now) [default: now].
    #[arg(long, value_name = "TIME", value_parser = parse_time, allow_hyphen_values = true)]
    pub at: Option<TimeArg>,
    /// Only these credentials (repeatable).
    #[arg(long, value_name = "NAME", value_parser = parse_name)]
    pub only: Vec<String>,
}

/// `rotate apply`.
#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// Rotate every credential whose policy says it is due (and resume unfinished ones).
    #[arg(long, conflicts_with = "names")]
    pub due: bool,
    /// Rotate these credentials now, due or not.
    #[arg(value_name = "NAME", value_parser = parse_name, required_unless_present = "due")]
    pub names: Vec<String>,
    /// How long to wait for another run holding the home's lock [default: 60s].
    #[arg(long, value_name = "DURATION", value_parser = parse_span)]
    pub lock_timeout: Option<Span>,
    /// Run CMD (sh -c) after each credential rotated (see `vauth rotate --help`).
    #[arg(long, value_name = "CMD")]
    pub exec: Option<String>,
}

/// `rotate finalize`.
#[derive(Debug, Args)]
pub struct FinalizeArgs {
    /// Only these credentials (repeatable).
    #[arg(long, value_name = "NAME", value_parser = parse_name)]
    pub only: Vec<String>,
    /// How long to wait for another run holding the home's lock [default: 60s].
    #[arg(long, value_name = "DURATION", value_parser = parse_span)]
    pub lock_timeout: Option<Span>,
}

/// `vauth check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Also report what expires or falls due within this window.
    #[arg(long, value_name = "DURATION", value_parser = parse_span, default_value = "7d")]
    pub within: Span,
}
