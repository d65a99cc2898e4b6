//! vauth: manage the whole life of the credentials that guard vector databases.
//!
//! The library holds everything; `main.rs` only parses, runs and maps the result to an exit code.
//! Layout: `cli` (clap types only), `commands` (one module per verb, the only layer that sees both
//! clap and domain types), pure domain modules (`apikey`, `jwt`, `timefmt`, `audit`'s line format), and I/O
//! at the edges (`store`, `fsutil`, `prompt`, `env`, `output`).

pub mod apikey;
pub mod audit;
pub mod cli;
pub mod commands;
pub mod config;
pub mod env;
pub mod error;
pub mod fsutil;
pub mod hook;
pub mod jwt;
pub mod lifecycle;
pub mod net;
pub mod output;
// The local CA and mTLS certificates.
pub mod pki;
pub mod policy;
pub mod prompt;
pub mod remote;
pub mod secret;
pub mod store;
pub mod testpoints;
pub mod timefmt;

pub use commands::run;
pub use error::{Error, ErrorKind, Outcome};
