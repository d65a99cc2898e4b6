//! Database targets: where `vauth push` puts a credential, and how it proves the database took it.
//!
//! A target is configured in `vauth.toml` (`[target.NAME]`) by reference only: the URL names the
//! admin user, and the admin password is read from the environment variable or file the table
//! names. [`Target`] is the one contract every kind follows — plan → apply → probe → revoke — and is
//! not HTTP-specific: PostgreSQL speaks its wire protocol, Redis RESP. Network code runs on a
//! current-thread tokio runtime that the command layer creates ([`runtime`]).
//!
//! Where things are: `kind` (the kinds and what each takes), `config` (the `[target.NAME]`
//! table), `endpoint` (its URL, through [`crate::net::url`]), `spec` (what flows through the
//! contract), `contract` ([`Target`], the shared probe), `dispatch` ([`AnyTarget`]), `tls`,
//! `redact` (remote errors without secrets), `exec` (runtime and timeouts), [`http`] (the HTTP
//! client of the HTTP kinds), `native` (what the wire-protocol kinds share), [`scram`]
//! (PostgreSQL verifiers), then one module per kind.

pub mod chroma;
mod config;
mod contract;
mod dispatch;
pub mod elasticsearch;
mod endpoint;
mod exec;
pub mod http;
mod kind;
pub mod milvus;
mod native;
pub mod opensearch;
pub mod pinecone;
pub mod postgres;
pub mod qdrant;
mod redact;
pub mod redis;
#[cfg(test)]
mod revoke_tests;
pub mod scram;
mod spec;
mod tls;
pub mod weaviate;

pub use config::{ClientIdentity, NET_TIMEOUT, TargetConfig};
pub use contract::{Target, Wrong, accepted_wrong, unverifiable, wrong_secret};
pub use dispatch::AnyTarget;
pub use endpoint::{Endpoint, parse_url};
pub use exec::{runtime, timed};
pub use kind::{AdminCred, Kind};
pub use redact::{redact, remote};
pub use spec::{Applied, Held, HeldQuery, PushSpec, RevokeSpec, remote_name};
pub use tls::tls_config;
