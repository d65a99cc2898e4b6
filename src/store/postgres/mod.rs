//! A home in PostgreSQL ([`PgBackend`]): one inventory shared by a fleet of runners and people.
//!
//! - **Selecting it:** `VAUTH_HOME` / `--home` = `postgresql://…` ([`url`]).
//! - **Schema:** [`schema`], created and migrated by `vauth init`.
//! - **Lock:** a session-level advisory lock per home, taken by every command that writes and
//!   held by its connection: a killed runner's lock ends with its connection. Readers take none:
//!   they read the home's row in one statement (one snapshot).
//! - **Commit:** one transaction writes the state, the vault (when it changed), the config (when
//!   it changed) and the audit line, so a crash leaves the previous home or the next, never half.
//!   The row's generation fences it: a commit on top of a generation other than the one read
//!   (a lock lost with a dropped connection) is refused, not merged.

pub mod schema;
pub mod url;
mod write;

use write::{NewHome, insert_home};

use std::cell::RefCell;
use std::time::{Duration, Instant};

use postgres::Client;
use postgres::error::SqlState;

use super::backend::{Backend, Commit, HomeLock, Snapshot};
use crate::error::{Error, ErrorKind, Result};
use crate::fsutil::LockMode;
pub use url::{HomeUrl, Tls};

/// Advisory-lock class of a home's write lock (the object is `hashtext(home name)`).
const HOME_LOCK: i32 = 0x7661_7574;
/// Advisory-lock class of the migration lock.
const MIGRATION_LOCK: i32 = 0x7661_7575;
/// How long a connection attempt may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The home's row as last read or written.
#[derive(Clone)]
struct Row {
    generation: i64,
    state: Vec<u8>,
    vault: Vec<u8>,
    config: String,
}

/// A home stored in PostgreSQL.
pub struct PgBackend {
    url: HomeUrl,
    conn: RefCell<Option<Client>>,
    /// The row as this session knows it (`None`: not read yet; `Some(None)`: no such home).
    row: RefCell<Option<Option<Row>>>,
    /// A vauth.toml written by this session, stored by the next commit.
    pending_config: RefCell<Option<String>>,
    /// Whether the schema is there and current (checked once per process).
    schema_ok: std::cell::Cell<Option<bool>>,
    /// A reader's snapshot is open on the connection: a lost connection is an error, not a
    /// new connection that would see later commits.
    in_snapshot: std::cell::Cell<bool>,
}

/// The error for a failed database call (exit 3: the home could not be read or written).
pub(crate) fn db_error(what: &str, e: &postgres::Error) -> Error {
    let code = e.code();
    let detail = describe(e);
    let err = Error::state(format!("the home's database could not {what}: {detail}"));
    if code == Some(&SqlState::INSUFFICIENT_PRIVILEGE) {
        err.hint("the role lacks a privilege on the schema vauth: see the GRANTs in docs/postgres-home.md")
    } else if e.is_closed() || code.is_none() {
        err.hint("check that the database is up and reachable, then run the command again; nothing half-written was kept")
    } else {
        err.hint("nothing half-written was kept; run the command again, and if it fails the same way, look at the server's log")
    }
}

/// An error's whole chain, on one line.
fn describe(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return format!("{} ({})", db.message(), db.code().code());
    }
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(c) = src {
        let t = c.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        src = c.source();
    }
    s
}

/// A PEM file the URL names (`param`: sslrootcert, sslcert or sslkey), as text.
fn pem_text(path: &std::path::Path, param: &str) -> Result<zeroize::Zeroizing<String>> {
    let bytes = zeroize::Zeroizing::new(
        crate::fsutil::read_regular(path, 1 << 20)
            .map_err(|e| Error::io(&format!("read the {param} file"), path, &e))?,
    );
    String::from_utf8(bytes.to_vec())
        .map(zeroize::Zeroizing::new)
        .map_err(|_| {
            Error::input(format!(
                "the {param} file {} is not PEM text",
                path.display()
            ))
            .hint(format!("point {param}= at a PEM file"))
        })
}

/// `vauth pid N on HOST`, what `pg_stat_activity` shows of a holder (at most 63 bytes).
fn application_name() -> String {
    let mut n = format!(
        "vauth pid {} on {}",
        std::process::id(),
        crate::fsutil::host_name()
    );
    while n.len() > 63 {
        n.pop();
    }
    n
}

impl PgBackend {
    /// The home at `url` (no connection is made until the first call).
    pub fn new(url: HomeUrl) -> PgBackend {
        PgBackend {
            url,
            conn: RefCell::new(None),
            row: RefCell::new(None),
            pending_config: RefCell::new(None),
            schema_ok: std::cell::Cell::new(None),
            in_snapshot: std::cell::Cell::new(false),
        }
    }

    /// Whether the schema exists (refusing one this build cannot use); asked once per process.
    fn schema_present(&self, c: &mut Client) -> Result<bool> {
        if let Some(ok) = self.schema_ok.get() {
            return Ok(ok);
        }
        let v = schema::current(c)?;
        if v != 0 {
            schema::check(v)?;
        }
        self.schema_ok.set(Some(v != 0));
        Ok(v != 0)
    }

    fn connect(&self) -> Result<Client> {
        let u = &self.url;
        let mut cfg = postgres::Config::new();
        cfg.host(&u.host)
            .port(u.port)
            .user(&u.user)
            .dbname(&u.dbname)
            .application_name(&application_name())
            .connect_timeout(CONNECT_TIMEOUT);
        if let Some(p) = u.password()? {
            cfg.password(p.as_bytes());
        }
        let r = match &u.tls {
            Tls::Disable => {
                cfg.ssl_mode(postgres::config::SslMode::Disable);
                cfg.connect(postgres::NoTls)
            }
            Tls::VerifyFull { root, client } => {
                let ca = pem_text(root, "sslrootcert")?;
                let identity = match client {
                    Some((cert, key)) => Some(crate::remote::ClientIdentity {
                        cert_pem: pem_text(cert, "sslcert")?.to_string(),
                        key_pem: pem_text(key, "sslkey")?,
                    }),
                    None => None,
                };
                let tls = crate::remote::tls_config(ca.as_bytes(), identity.as_ref())?;
                cfg.ssl_mode(postgres::config::SslMode::Require);
                cfg.connect(tokio_postgres_rustls::MakeRustlsConnect::new(tls))
            }
        };
        r.map_err(|e| self.connect_error(&e))
    }

    fn connect_error(&self, e: &postgres::Error) -> Error {
        let detail = describe(e);
        let hint = match e.code() {
            Some(c) if *c == SqlState::INVALID_PASSWORD => {
                "check the password (PGPASSWORD or the password file PGPASSFILE / ~/.pgpass)"
            }
            Some(c) if *c == SqlState::INVALID_AUTHORIZATION_SPECIFICATION => {
                "check the user and how pg_hba.conf lets it in (password or client certificate)"
            }
            Some(c) if *c == SqlState::INVALID_CATALOG_NAME => "check the database name in the URL",
            _ if detail.contains("password missing") => {
                "the server asks for a password: set PGPASSWORD, add a line to the password file (PGPASSFILE / ~/.pgpass), or log in with a client certificate (sslcert, sslkey)"
            }
            _ if detail.contains("certificate") || detail.contains("UnknownIssuer") => {
                "check sslrootcert: it must be the CA that signed the server's certificate, for this host name"
            }
            _ => "check that the database is up and reachable from here (host, port, firewall)",
        };
        Error::state(format!(
            "cannot open the home {}: {detail}",
            self.url.display()
        ))
        .hint(hint)
    }

    /// Run `f` with the connection (made on first use).
    fn with<T>(&self, f: impl FnOnce(&mut Client) -> Result<T>) -> Result<T> {
        let mut slot = self.conn.borrow_mut();
        if slot.as_ref().is_none_or(Client::is_closed) {
            if self.in_snapshot.get() {
                return Err(Error::state(format!(
                    "the connection to the home {} was lost during a read",
                    self.location()
                ))
                .hint("run the command again; nothing was changed"));
            }
            *slot = Some(self.connect()?);
        }
        match slot.as_mut() {
            Some(c) => f(c),
            None => Err(Error::bug("no database connection")),
        }
    }

    /// The row, read once per session (and after the lock is taken).
    fn row(&self) -> Result<Option<Row>> {
        if let Some(r) = self.row.borrow().as_ref() {
            return Ok(r.clone());
        }
        let home = self.url.home.clone();
        let r = self.with(|c| {
            if !self.schema_present(c)? {
                return Ok(None);
            }
            let row = c
                .query_opt(
                    "SELECT generation, state, vault, config FROM vauth.home WHERE name = $1",
                    &[&home],
                )
                .map_err(|e| db_error("read the home", &e))?;
            Ok(row.map(|r| Row {
                generation: r.get(0),
                state: r.get(1),
                vault: r.get(2),
                config: r.get(3),
            }))
        })?;
        *self.row.borrow_mut() = Some(r.clone());
        Ok(r)
    }

    fn existing(&self) -> Result<Row> {
        self.row()?.ok_or_else(|| {
            Error::new(
                ErrorKind::NotFound,
                format!("no vauth home at {}", self.location()),
            )
            .hint("run `vauth init` with this VAUTH_HOME")
        })
    }

    /// Who holds the home's lock, as far as this role may see.
    fn holder(c: &mut Client, home: &str) -> String {
        c.query_opt(
            "SELECT coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'local'), \
                    coalesce(to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '?') \
             FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid \
             WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 \
               AND l.classid = $1::int4::oid AND l.objid = hashtext($2)::oid",
            &[&HOME_LOCK, &home],
        )
        .ok()
        .flatten()
        .map(|r| {
            let app: String = r.get(0);
            let addr: String = r.get(1);
            let since: String = r.get(2);
            let who = if app.is_empty() { "a session" } else { app.as_str() };
            format!(": held by {who} from {addr} since {since}")
        })
        .unwrap_or_default()
    }
}

impl Backend for PgBackend {
    fn location(&self) -> String {
        self.url.display()
    }
    fn exists(&self) -> Result<bool> {
        if let Some(r) = self.row.borrow().as_ref() {
            return Ok(r.is_some());
        }
        // Without fetching the row: a writer fetches it once it holds the lock.
        let home = self.url.home.clone();
        self.with(|c| {
            if !self.schema_present(c)? {
                return Ok(false);
            }
            c.query_opt("SELECT 1 FROM vauth.home WHERE name = $1", &[&home])
                .map(|r| r.is_some())
                .map_err(|e| db_error("read the home", &e))
        })
    }
    fn vault_exists(&self) -> bool {
        false
    }
    fn created_implicitly(&self) -> bool {
        false
    }
    fn create(&self) -> Result<()> {
        self.schema_ok.set(None);
        self.with(|c| schema::migrate(c).map(|_| ()))
    }
    fn lock(&self, mode: LockMode, timeout: Duration) -> Result<HomeLock> {
        if mode == LockMode::Shared {
            // Readers take no lock: they read the row, its buckets and the audit rows in one
            // read-only snapshot, whatever writers commit meanwhile.
            self.with(|c| {
                c.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .map_err(|e| db_error("begin a read", &e))
            })?;
            self.in_snapshot.set(true);
            *self.row.borrow_mut() = None;
            return Ok(HomeLock::none());
        }
        let home = self.url.home.clone();
        let start = Instant::now();
        let mut pause = Duration::from_millis(2);
        self.with(|c| {
            loop {
                let got: bool = c
                    .query_one(
                        "SELECT pg_try_advisory_lock($1, hashtext($2))",
                        &[&HOME_LOCK, &home],
                    )
                    .map_err(|e| db_error("take the home's lock", &e))?
                    .get(0);
                if got {
                    return Ok(());
                }
                if start.elapsed() >= timeout {
                    let holder = PgBackend::holder(c, &home);
                    return Err(Error::state(format!(
                        "another vauth process holds the lock on the home {} (waited {}s){holder}",
                        self.url.display(),
                        timeout.as_secs()
                    ))
                    .hint("wait for it to finish, or raise VAUTH_LOCK_TIMEOUT (vauth rotate: --lock-timeout)"));
                }
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
        })?;
        // What was read before the lock may be stale.
        *self.row.borrow_mut() = None;
        Ok(HomeLock::none())
    }
    fn read_state(&self) -> Result<Vec<u8>> {
        Ok(self.existing()?.state)
    }
    fn read_vault(&self) -> Result<Vec<u8>> {
        Ok(self.existing()?.vault)
    }
    fn read_bucket(&self, id: &str, _hash: &str) -> Result<Vec<u8>> {
        let home = self.url.home.clone();
        let row = self.with(|c| {
            c.query_opt(
                "SELECT data FROM vauth.bucket WHERE home = $1 AND id = $2",
                &[&home, &id],
            )
            .map_err(|e| db_error("read the home", &e))
        })?;
        row.map(|r| r.get(0))
            .ok_or_else(|| crate::store::state::records::bucket_tampered(id))
    }
    fn read_config(&self) -> Result<String> {
        if let Some(c) = self.pending_config.borrow().as_ref() {
            return Ok(c.clone());
        }
        Ok(match self.row()? {
            Some(r) => r.config,
            None => crate::config::DEFAULT_TOML.to_string(),
        })
    }
    fn write_config(&self, text: &str) -> Result<()> {
        *self.pending_config.borrow_mut() = Some(text.to_string());
        Ok(())
    }
    fn config_location(&self) -> String {
        format!("vauth.toml of {}", self.location())
    }
    fn read_audit(&self) -> Result<Vec<u8>> {
        self.read_audit_upto(u64::MAX)
    }
    fn read_audit_upto(&self, count: u64) -> Result<Vec<u8>> {
        // A reader holds no lock: rows a commit added after its state are left out.
        let upto = i64::try_from(count).unwrap_or(i64::MAX);
        let home = self.url.home.clone();
        self.with(|c| {
            let rows = c
                .query(
                    "SELECT line FROM vauth.audit WHERE home = $1 AND seq <= $2 ORDER BY seq",
                    &[&home, &upto],
                )
                .map_err(|e| db_error("read the audit log", &e))?;
            let mut out = Vec::new();
            for r in rows {
                out.extend_from_slice(r.get::<_, &str>(0).as_bytes());
                out.push(b'\n');
            }
            Ok(out)
        })
    }
    fn audit_tail(&self) -> Result<(u64, String)> {
        let home = self.url.home.clone();
        let last = self.with(|c| {
            c.query_opt(
                "SELECT seq, line FROM vauth.audit WHERE home = $1 ORDER BY seq DESC LIMIT 1",
                &[&home],
            )
            .map_err(|e| db_error("read the audit log", &e))
        })?;
        Ok(match last {
            Some(r) => (
                u64::try_from(r.get::<_, i64>(0)).unwrap_or(0),
                crate::audit::line_hash(r.get::<_, &str>(1)),
            ),
            None => (0, String::new()),
        })
    }
    fn append_audit(&self, line: &str) -> Result<()> {
        let home = self.url.home.clone();
        let seq = crate::audit::seq_of(line)
            .and_then(|s| i64::try_from(s).ok())
            .ok_or_else(|| Error::bug("an audit line without seq"))?;
        self.with(|c| {
            c.execute(
                "INSERT INTO vauth.audit (home, seq, line) VALUES ($1, $2, $3)",
                &[&home, &seq, &line.trim_end()],
            )
            .map_err(|e| db_error("append to the audit log", &e))
        })?;
        Ok(())
    }
    fn commit(&self, ch: &Commit<'_>) -> Result<Vec<String>> {
        let generation = self.row()?.map_or(0, |r| r.generation);
        let r = self.with(|c| self.commit_tx(c, ch, generation));
        if let Err(e) = r {
            // A lost answer to COMMIT: the work may be in. Look before saying it failed.
            let lost = self.conn.borrow().as_ref().is_none_or(Client::is_closed);
            if !(lost && self.committed(ch.audit_seq, ch.audit_line)) {
                *self.row.borrow_mut() = None;
                return Err(e);
            }
        }
        let stored_config = self.pending_config.borrow_mut().take();
        let mut row = self.row.borrow_mut();
        let old = row.take().flatten();
        *row = Some(Some(Row {
            generation: generation + 1,
            state: ch.state.to_vec(),
            vault: ch
                .vault
                .map(<[u8]>::to_vec)
                .or_else(|| old.as_ref().map(|r| r.vault.clone()))
                .unwrap_or_default(),
            config: stored_config
                .or_else(|| old.as_ref().map(|r| r.config.clone()))
                .unwrap_or_else(|| crate::config::DEFAULT_TOML.to_string()),
        }));
        Ok(Vec::new())
    }
    fn create_from(&self, snap: &Snapshot) -> Result<()> {
        let home = self.url.home.clone();
        self.with(|c| {
            schema::migrate(c)?;
            let mut lines = Vec::new();
            for (i, line) in crate::audit::lines(&snap.audit).enumerate() {
                let seq = i64::try_from(i + 1).map_err(|_| Error::bug("audit seq overflow"))?;
                let line = std::str::from_utf8(line).map_err(|_| {
                    Error::input("the audit log is not UTF-8")
                        .hint("import a home exported by vauth; nothing was changed")
                })?;
                lines.push((seq, line));
            }
            let buckets: Vec<(&str, &[u8])> = snap
                .buckets
                .iter()
                .map(|(id, b)| (id.as_str(), b.as_slice()))
                .collect();
            let new = NewHome {
                state: &snap.state,
                vault: &snap.vault,
                config: &snap.config,
                buckets: &buckets,
                audit: &lines,
            };
            if insert_home(c, &home, &new)? {
                Ok(())
            } else {
                Err(Error::new(
                    ErrorKind::Exists,
                    format!("the home {} already exists", self.url.display()),
                )
                .hint("import into a new home name (…&home=NAME); nothing was changed"))
            }
        })?;
        *self.row.borrow_mut() = None;
        Ok(())
    }
}
