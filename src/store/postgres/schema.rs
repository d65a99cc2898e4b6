//! The PostgreSQL home's schema and its versioned migrations (docs/postgres-home.md).
//!
//! Everything lives in the schema `vauth`:
//! - `vauth.schema_version`: one row per migration applied;
//! - `vauth.home`: one row per home — the sealed state.json and secrets.vault bytes exactly as a
//!   directory home holds them (the vault is ciphertext: the database never sees a secret), the
//!   vauth.toml text, and a generation counter every commit raises;
//! - `vauth.bucket`: the home's buckets (API keys, the id index, certificates, the vault's
//!   sealed entries; see `store::state::records`) and the tables naming them by hash
//!   (`store::state::tables`), one row per id, the tables (or a small home's buckets) named by
//!   hash in the state;
//! - `vauth.audit`: the audit log, one row per line, append-only (a trigger refuses UPDATE,
//!   DELETE and TRUNCATE, and the runner role needs only SELECT and INSERT on it).
//!
//! `vauth init` migrates: under a transaction-scoped advisory lock, so two runners that start at
//! once apply each migration exactly once; a schema already current is not touched, so a runner
//! role without CREATE can run `vauth init` too.

use postgres::Client;

use super::{MIGRATION_LOCK, db_error};
use crate::error::{Error, Result};

/// The newest schema this build knows.
pub const VERSION: i32 = 2;

/// Migration `n` is `MIGRATIONS[n - 1]`.
const MIGRATIONS: &[&str] = &[
    // 1: the home row and the append-only audit rows.
    "CREATE TABLE vauth.home (
        name text PRIMARY KEY,
        generation bigint NOT NULL,
        state bytea NOT NULL,
        vault bytea NOT NULL,
        config text NOT NULL,
        updated timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE vauth.audit (
        home text NOT NULL REFERENCES vauth.home (name),
        seq bigint NOT NULL,
        line text NOT NULL,
        PRIMARY KEY (home, seq)
    );
    CREATE FUNCTION vauth.audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'vauth.audit is append-only (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON vauth.audit
        FOR EACH ROW EXECUTE FUNCTION vauth.audit_is_append_only();
    CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON vauth.audit
        FOR EACH STATEMENT EXECUTE FUNCTION vauth.audit_is_append_only();",
    // 2: buckets, so a commit writes what changed and not the whole inventory.
    "CREATE TABLE vauth.bucket (
        home text NOT NULL REFERENCES vauth.home (name),
        id text NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (home, id)
    );",
];

/// The schema version in the database (0: none yet).
pub fn current(c: &mut Client) -> Result<i32> {
    let present: bool = c
        .query_one(
            "SELECT to_regclass('vauth.schema_version') IS NOT NULL",
            &[],
        )
        .map_err(|e| db_error("read the schema version", &e))?
        .get(0);
    if !present {
        return Ok(0);
    }
    let v: Option<i32> = c
        .query_one("SELECT max(version) FROM vauth.schema_version", &[])
        .map_err(|e| db_error("read the schema version", &e))?
        .get(0);
    Ok(v.unwrap_or(0))
}

/// Refuse a schema this build cannot use: newer than it, or not yet migrated.
pub fn check(version: i32) -> Result<()> {
    if version > VERSION {
        return Err(Error::state(format!(
            "the home's database schema is version {version}, newer than this vauth knows ({VERSION})"
        ))
        .hint("upgrade vauth on this machine"));
    }
    if version < VERSION {
        return Err(Error::state(format!(
            "the home's database schema is version {version}; this vauth needs {VERSION}"
        ))
        .hint("run `vauth init` once to migrate it (as a role that may create tables in the schema vauth)"));
    }
    Ok(())
}

/// Create or migrate the schema; returns the migrations applied now.
pub fn migrate(c: &mut Client) -> Result<Vec<i32>> {
    let v = current(c)?;
    if v == VERSION {
        return Ok(Vec::new());
    }
    check_not_newer(v)?;
    let mut tx = c
        .transaction()
        .map_err(|e| db_error("begin the migration", &e))?;
    tx.execute("SELECT pg_advisory_xact_lock($1, 0)", &[&MIGRATION_LOCK])
        .map_err(|e| db_error("take the migration lock", &e))?;
    tx.batch_execute(
        "CREATE SCHEMA IF NOT EXISTS vauth;
         CREATE TABLE IF NOT EXISTS vauth.schema_version (
             version integer PRIMARY KEY,
             applied timestamptz NOT NULL DEFAULT now()
         );",
    )
    .map_err(|e| db_error("create the schema vauth", &e))?;
    // Read again under the lock: another runner may have migrated meanwhile.
    let v: i32 = tx
        .query_one(
            "SELECT coalesce(max(version), 0) FROM vauth.schema_version",
            &[],
        )
        .map_err(|e| db_error("read the schema version", &e))?
        .get(0);
    check_not_newer(v)?;
    let mut applied = Vec::new();
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(v).unwrap_or(0))
    {
        let n = i32::try_from(i + 1).map_err(|_| Error::bug("too many migrations"))?;
        tx.batch_execute(sql)
            .map_err(|e| db_error(&format!("apply migration {n}"), &e))?;
        tx.execute(
            "INSERT INTO vauth.schema_version (version) VALUES ($1)",
            &[&n],
        )
        .map_err(|e| db_error(&format!("record migration {n}"), &e))?;
        applied.push(n);
    }
    tx.commit()
        .map_err(|e| db_error("commit the migration", &e))?;
    Ok(applied)
}

fn check_not_newer(v: i32) -> Result<()> {
    if v > VERSION { check(v) } else { Ok(()) }
}
