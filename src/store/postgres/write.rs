//! Writing a PostgreSQL home: the one-statement commit, the check after a lost answer, and a
//! new home's first transaction.

use postgres::Client;

use super::{PgBackend, db_error};
use crate::error::{Error, Result};
use crate::store::backend::{Backend, Commit};

impl PgBackend {
    pub(super) fn commit_tx(&self, c: &mut Client, ch: &Commit<'_>, generation: i64) -> Result<()> {
        let home = self.url.home.as_str();
        let config = self.pending_config.borrow().clone();
        let seq = i64::try_from(ch.audit_seq).map_err(|_| Error::bug("audit seq overflow"))?;
        let line = ch.audit_line.trim_end();
        // One statement, so one transaction: state, vault and config with the audit row, or
        // nothing (the crash points of a directory home's three writes all fall before it).
        crate::testpoints::crash_point("after-vault");
        crate::testpoints::crash_point("after-state");
        let ids: Vec<&str> = ch.buckets.iter().map(|b| b.id.as_str()).collect();
        let data: Vec<&[u8]> = ch.buckets.iter().map(|b| b.bytes.as_slice()).collect();
        let n = if generation == 0 {
            let vault = ch
                .vault
                .ok_or_else(|| Error::bug("a new home's first commit has no vault"))?;
            let config = config.unwrap_or_else(|| crate::config::DEFAULT_TOML.to_string());
            let buckets: Vec<(&str, &[u8])> =
                ids.iter().copied().zip(data.iter().copied()).collect();
            u64::from(insert_home(
                c,
                home,
                &NewHome {
                    state: ch.state,
                    vault,
                    config: &config,
                    buckets: &buckets,
                    audit: &[(seq, line)],
                },
            )?)
        } else {
            // The changed buckets go in with the row they belong to (the generation fences
            // both: a stale writer changes neither).
            c.execute(
                "WITH changed AS ( \
                     UPDATE vauth.home SET generation = generation + 1, state = $2, \
                     vault = coalesce($3, vault), config = coalesce($4, config), updated = now() \
                     WHERE name = $1 AND generation = $5 RETURNING name), \
                 buckets AS ( \
                     INSERT INTO vauth.bucket (home, id, data) \
                     SELECT changed.name, b.id, b.data FROM changed, \
                         unnest($8::text[], $9::bytea[]) AS b(id, data) \
                     ON CONFLICT (home, id) DO UPDATE SET data = excluded.data) \
                 INSERT INTO vauth.audit (home, seq, line) SELECT name, $6, $7 FROM changed",
                &[
                    &home,
                    &ch.state,
                    &ch.vault,
                    &config,
                    &generation,
                    &seq,
                    &line,
                    &ids,
                    &data,
                ],
            )
            .map_err(|e| db_error("write the home", &e))?
        };
        if n != 1 {
            return Err(Error::state(format!(
                "the home {} was changed by another process while this one held no lock \
                 (the database connection was lost?); nothing was written",
                self.location()
            ))
            .hint("run the command again"));
        }
        crate::testpoints::crash_point("after-audit");
        Ok(())
    }

    /// Whether the audit line `seq` reads `line` (after a commit whose answer was lost).
    pub(super) fn committed(&self, seq: u64, line: &str) -> bool {
        let Ok(seq) = i64::try_from(seq) else {
            return false;
        };
        *self.conn.borrow_mut() = None;
        let home = self.url.home.clone();
        self.with(|c| {
            c.query_opt(
                "SELECT line FROM vauth.audit WHERE home = $1 AND seq = $2",
                &[&home, &seq],
            )
            .map_err(|e| db_error("read the audit log", &e))
        })
        .ok()
        .flatten()
        .is_some_and(|r| r.get::<_, String>(0) == line.trim_end())
    }
}

/// What a new home's first transaction writes.
pub(super) struct NewHome<'a> {
    pub(super) state: &'a [u8],
    pub(super) vault: &'a [u8],
    pub(super) config: &'a str,
    pub(super) buckets: &'a [(&'a str, &'a [u8])],
    pub(super) audit: &'a [(i64, &'a str)],
}

/// Create the home `home` in one transaction: its row (generation 1), its buckets and its audit
/// rows. False, with nothing written, when a home of that name exists.
pub(super) fn insert_home(c: &mut Client, home: &str, new: &NewHome<'_>) -> Result<bool> {
    let NewHome {
        state,
        vault,
        config,
        buckets,
        audit,
    } = *new;
    let mut tx = c
        .transaction()
        .map_err(|e| db_error("begin a transaction", &e))?;
    let n = tx
        .execute(
            "INSERT INTO vauth.home (name, generation, state, vault, config) \
             VALUES ($1, 1, $2, $3, $4) ON CONFLICT (name) DO NOTHING",
            &[&home, &state, &vault, &config],
        )
        .map_err(|e| db_error("write the home", &e))?;
    if n != 1 {
        return Ok(false);
    }
    if !buckets.is_empty() {
        let ids: Vec<&str> = buckets.iter().map(|b| b.0).collect();
        let data: Vec<&[u8]> = buckets.iter().map(|b| b.1).collect();
        tx.execute(
            "INSERT INTO vauth.bucket (home, id, data) \
             SELECT $1, b.id, b.data FROM unnest($2::text[], $3::bytea[]) AS b(id, data)",
            &[&home, &ids, &data],
        )
        .map_err(|e| db_error("write the home", &e))?;
    }
    let stmt = tx
        .prepare("INSERT INTO vauth.audit (home, seq, line) VALUES ($1, $2, $3)")
        .map_err(|e| db_error("append to the audit log", &e))?;
    for (seq, line) in audit {
        tx.execute(&stmt, &[&home, seq, line])
            .map_err(|e| db_error("append to the audit log", &e))?;
    }
    tx.commit().map_err(|e| db_error("commit", &e))?;
    Ok(true)
}
