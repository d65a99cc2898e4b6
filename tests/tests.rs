//! The one integration test binary (one link step on a 2-core box). Every test runs the real
//! `vauth` binary in an isolated temp home. Each module says what goes in it.
#![allow(unreachable_pub)]
// Test helpers may panic on broken fixtures and read the real environment.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]
// Tests that skip for want of a peer say so on stderr.
#![allow(clippy::print_stderr)]

// The layering of ARCHITECTURE.md and the file-size limit, checked on src/.
mod architecture;
// TestEnv: isolated HOME/XDG dirs, the vauth command builder, leak scanning; the shared
// fixtures and test servers (CA, PostgreSQL, Redis, the wiremock fake, the Qdrant JWT check).
mod util;
// API-key lifecycle: create, import, list, show, verify, rotate, revoke, output formats.
mod keys;
// The home: init, implicit creation, CI rules, protections, corrupt/foreign files, rekey.
mod home;
// The audit log: lines per command, tamper detection by `audit verify`.
mod audit_log;
// Every ```sh block of README.md and docs/*.md, run literally; transcripts in tests/transcripts/.
mod transcripts;
// Attacks, one per finding and per promise of SECURITY.md (tests/attacks/).
mod attacks;
// Every file-writing command with relative paths, missing directories, --force; full stdout.
mod paths;
// One test per row of the exit-code table, plus usage errors and --json error objects.
mod exit_codes;
// Secrets never in argv/stdout/stderr/plain files; file modes; env var docs.
mod hygiene;
// man/, completions/ and the README help block equal what the clap definition renders.
mod generated;
// --json contract of every command, read into test-owned types (docs/json.md).
mod json;
// Many processes on one home: no lost update.
mod concurrency;
// The PostgreSQL home against a real PostgreSQL: two runners, 16 writers, kills, bad connections,
// export/import.
mod pg_home;
// kill -9 and injected crashes: state always parses, nothing half-written, recovery.
mod crash;
// The real OS keyring (Secret Service under dbus-run-session); run by .ci/run with --ignored.
mod keyring;
// Real terminal sessions on a pseudo-terminal: passphrase twice, hidden secret prompt, confirmation.
mod pty;
// JWT signing keys and tokens: lifecycle, rotation grace, JWKS/OIDC, sign/verify/inspect, Qdrant.
mod jwt;
// JWT cross-checks with independent implementations: PyJWT, openssl, a Qdrant-style HS256 check.
mod jwt_peers;
// The local CA: key types, pathlen, usages, intermediates, name constraints, CRLs (with openssl).
mod ca;
// Leaf certificates: issue/CSR/PKCS#12/list/verify/revoke/renew/export/inspect/batch (with openssl).
mod cert;
// A real rustls server requiring client certificates from the vauth CA, with its CRL.
mod pki_tls;
// A real PostgreSQL 15 with `hostssl ... cert` auth, ssl_ca_file and ssl_crl_file.
mod postgres_cert;
// --json contract of the ca/cert commands (docs/json.md).
mod json_pki;
// Targets, push, remote rotate/revoke against a real PostgreSQL 15 and Redis 7.
mod push;
// --json contract of target/push (docs/json.md).
mod json_push;
// Restart-bound targets with an apply command: a real Chroma restarted by it, push/rotate/finalize
// in one run each; a failing command; no secret in its environment.
mod restart;
// HTTP targets: exact contract against a local fake (wiremock), per database, and the faults.
mod http_chroma;
mod http_elasticsearch;
mod http_faults;
mod http_milvus;
mod http_opensearch;
mod http_pinecone;
mod http_qdrant;
mod http_weaviate;
// rotate plan/apply/finalize + check against real PostgreSQL and Redis; crashes; concurrency.
mod rotate;
// Journaled take-backs: finalize/key revoke killed around each remote revoke, then resumed.
mod finalize;
// The rule of 2: rotating inside a grace ends the oldest version, against real PostgreSQL and Redis.
mod grace;
// Seeded kill -9 campaign (issue 16): apply/finalize/revoke killed, record vs real logins.
mod kill_campaign;
// A real Chroma server (its Python app) reading the credentials file vauth keeps.
mod chroma;
