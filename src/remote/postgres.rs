//! PostgreSQL (and pgvector): a NOLOGIN group role `<name>` holds the grants; two login roles
//! `<name>_a` / `<name>_b` take turns (odd key versions `_a`, even `_b`), since a role holds one
//! password and a grace needs the old and the new to log in at once. Passwords are stored as
//! SCRAM-SHA-256 verifiers computed on the client ([`super::scram`]). Roles vauth made carry
//! `COMMENT ON ROLE … 'managed by vauth <home-id>'`; others are altered only with `--adopt`.

use tokio_postgres::error::SqlState;
use zeroize::Zeroizing;

use super::{
    Applied, Endpoint, Held, HeldQuery, PushSpec, RevokeSpec, Target, TargetConfig, Wrong,
    accepted_wrong, remote, timed,
};
use crate::error::{Error, ErrorKind, Result};

/// A PostgreSQL target.
pub struct Postgres {
    name: String,
    ep: Endpoint,
    admin_user: String,
    admin_password: Option<Zeroizing<String>>,
    tls: Option<rustls::ClientConfig>,
    ca_pem: Option<Vec<u8>>,
    /// The admin connection, reused by every call of one command (on its runtime).
    admin_conn: std::cell::RefCell<Option<std::rc::Rc<tokio_postgres::Client>>>,
}

/// `"ident"` with embedded quotes doubled.
pub fn quote_ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// `'literal'` with embedded quotes doubled.
pub fn quote_lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The login role a key version uses: odd versions `_a`, even `_b`.
pub fn login_role(name: &str, version: u32) -> String {
    format!("{name}_{}", if version % 2 == 1 { "a" } else { "b" })
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let t = c.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        cur = c.source();
    }
    s
}

fn describe(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(d) => format!("{} ({})", d.message(), d.code().code()),
        None => chain(e),
    }
}

impl Postgres {
    /// A target for `ep`, with the admin password (if any) and TLS from `cfg`.
    pub fn new(
        name: &str,
        cfg: &TargetConfig,
        ep: Endpoint,
        admin_password: Option<Zeroizing<String>>,
    ) -> Result<Postgres> {
        let ca_pem = cfg.ca_pem()?;
        let tls = match &ca_pem {
            Some(pem) => Some(super::tls_config(pem, cfg.identity.as_ref())?),
            None => None,
        };
        Ok(Postgres {
            name: name.to_string(),
            admin_user: ep.user.clone().unwrap_or_else(|| "postgres".to_string()),
            ep,
            admin_password,
            tls,
            ca_pem,
            admin_conn: std::cell::RefCell::new(None),
        })
    }

    fn statements(&self, spec: &PushSpec, password_sql: &str) -> Vec<String> {
        let group = quote_ident(&spec.name);
        let login_name = login_role(&spec.name, spec.version);
        let login = quote_ident(&login_name);
        let marker = quote_lit(&spec.marker);
        let until = spec.valid_until.map_or_else(
            || "'infinity'".to_string(),
            |t| quote_lit(&crate::timefmt::rfc3339(t)),
        );
        let create = |role: &str| {
            format!(
                "DO $vauth$BEGIN CREATE ROLE {role} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END$vauth$"
            )
        };
        let mut v = vec![
            create(&group),
            format!("COMMENT ON ROLE {group} IS {marker}"),
        ];
        for g in &spec.grants {
            v.push(format!("GRANT {g} TO {group}"));
        }
        v.push(create(&login));
        v.push(format!(
            "ALTER ROLE {login} WITH LOGIN PASSWORD {password_sql} VALID UNTIL {until}"
        ));
        v.push(format!("GRANT {group} TO {login}"));
        v.push(format!("COMMENT ON ROLE {login} IS {marker}"));
        v
    }

    async fn connect(
        &self,
        user: &str,
        password: Option<&str>,
    ) -> std::result::Result<tokio_postgres::Client, tokio_postgres::Error> {
        self.connect_with(self.tls.as_ref(), user, password).await
    }

    async fn connect_with(
        &self,
        tls: Option<&rustls::ClientConfig>,
        user: &str,
        password: Option<&str>,
    ) -> std::result::Result<tokio_postgres::Client, tokio_postgres::Error> {
        let mut cfg = tokio_postgres::Config::new();
        cfg.host(&self.ep.host)
            .port(self.ep.port)
            .user(user)
            .dbname(self.ep.database.as_deref().unwrap_or("postgres"))
            .application_name("vauth")
            .connect_timeout(super::NET_TIMEOUT);
        if let Some(p) = password {
            cfg.password(p.as_bytes());
        }
        match tls {
            Some(tls) => {
                cfg.ssl_mode(tokio_postgres::config::SslMode::Require);
                let mk = tokio_postgres_rustls::MakeRustlsConnect::new(tls.clone());
                let (client, conn) = cfg.connect(mk).await?;
                tokio::spawn(async move {
                    let _ = conn.await;
                });
                Ok(client)
            }
            None => {
                cfg.ssl_mode(tokio_postgres::config::SslMode::Disable);
                let (client, conn) = cfg.connect(tokio_postgres::NoTls).await?;
                tokio::spawn(async move {
                    let _ = conn.await;
                });
                Ok(client)
            }
        }
    }

    fn secrets(&self) -> Vec<&str> {
        super::native::admin_secrets(self.admin_password.as_ref())
    }

    /// The admin connection: the one this target opened already, or a new one.
    async fn admin(&self) -> Result<std::rc::Rc<tokio_postgres::Client>> {
        if let Some(c) = self.admin_conn.borrow().as_ref().filter(|c| !c.is_closed()) {
            return Ok(c.clone());
        }
        let c = std::rc::Rc::new(self.admin_connect().await?);
        *self.admin_conn.borrow_mut() = Some(c.clone());
        Ok(c)
    }

    async fn admin_connect(&self) -> Result<tokio_postgres::Client> {
        let pw = self.admin_password.as_deref().map(String::as_str);
        let r = timed(&self.name, "connect", async {
            self.connect(&self.admin_user, pw).await.map_err(|e| {
                super::native::admin_connect_error(
                    &self.name,
                    &self.ep,
                    &self.admin_user,
                    e.code() == Some(&SqlState::INVALID_PASSWORD)
                        || e.code() == Some(&SqlState::INVALID_AUTHORIZATION_SPECIFICATION),
                    &describe(&e),
                    &self.secrets(),
                    "--ca-file",
                )
            })
        })
        .await?;
        Ok(r)
    }

    /// Run `stmts` in one transaction on `c`; on an error roll back and say so.
    async fn in_transaction(
        &self,
        c: &tokio_postgres::Client,
        stmts: &[String],
        secrets: &[&str],
        hint: &str,
    ) -> Result<()> {
        c.batch_execute("BEGIN")
            .await
            .map_err(|e| self.sql_err("begin", &e, secrets))?;
        for st in stmts {
            if let Err(e) = c.batch_execute(st).await {
                let _ = c.batch_execute("ROLLBACK").await;
                return Err(self.sql_err("push", &e, secrets).hint(format!(
                    "nothing was changed (the transaction was rolled back); {hint}"
                )));
            }
        }
        c.batch_execute("COMMIT")
            .await
            .map_err(|e| self.sql_err("commit", &e, secrets))
    }

    fn sql_err(&self, what: &str, e: &tokio_postgres::Error, extra: &[&str]) -> Error {
        let mut s = self.secrets();
        s.extend_from_slice(extra);
        remote(&self.name, what, &describe(e), &s)
    }
}

/// What pushing a certificate to PostgreSQL makes: a login role named exactly as the
/// certificate's CN (pg_hba `cert` requires CN = role), no password, holding `grants` and
/// member of `roles` (e.g. the group a `hostssl … +group … cert` line names).
#[derive(Debug, Clone)]
pub struct CertSpec {
    /// The role: the certificate's CN.
    pub role: String,
    /// `GRANT <this> TO role`.
    pub grants: Vec<String>,
    /// Group roles it joins.
    pub roles: Vec<String>,
    /// The marker comment.
    pub marker: String,
    /// Take over an existing role vauth did not create.
    pub adopt: bool,
}

impl Postgres {
    fn cert_statements(spec: &CertSpec) -> Vec<String> {
        let role = quote_ident(&spec.role);
        let mut v = vec![
            format!(
                "DO $vauth$BEGIN CREATE ROLE {role} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END$vauth$"
            ),
            format!("ALTER ROLE {role} WITH LOGIN PASSWORD NULL"),
            format!("COMMENT ON ROLE {role} IS {}", quote_lit(&spec.marker)),
        ];
        for g in &spec.roles {
            v.push(format!("GRANT {} TO {role}", quote_ident(g)));
        }
        for g in &spec.grants {
            v.push(format!("GRANT {g} TO {role}"));
        }
        v
    }

    /// The SQL a certificate push runs (nothing secret in it).
    pub fn plan_cert(spec: &CertSpec) -> Vec<String> {
        let mut v = vec!["BEGIN".to_string()];
        v.extend(Self::cert_statements(spec));
        v.push("COMMIT".to_string());
        v
    }

    /// Create (or update) the CN role of `spec` in one transaction. A role vauth did not
    /// create is refused unless `spec.adopt`.
    pub async fn apply_cert(&mut self, spec: &CertSpec) -> Result<Applied> {
        let c = self.admin().await?;
        let rows = c
            .query(
                "SELECT coalesce(shobj_description(oid, 'pg_authid'), '') FROM pg_roles WHERE rolname = $1",
                &[&spec.role],
            )
            .await
            .map_err(|e| self.sql_err("read roles", &e, &[]))?;
        if let Some(r) = rows.first()
            && r.get::<_, String>(0) != spec.marker
            && !spec.adopt
        {
            return Err(Error::new(
                ErrorKind::Remote,
                format!(
                    "target {}: role {:?} exists and was not created by this vauth home; nothing was changed",
                    self.name, spec.role
                ),
            )
            .hint(format!("pass --adopt {} to take it over", spec.role)));
        }
        self.in_transaction(
            &c,
            &Self::cert_statements(spec),
            &[],
            "check --grant/--role and the admin role's rights",
        )
        .await?;
        Ok(Applied::user(spec.role.clone()))
    }

    /// Log in as `role` with the certificate `id` and no password (must succeed, as `role`),
    /// then with a self-signed certificate of the same CN (must be refused).
    pub async fn probe_cert(&mut self, role: &str, id: &super::ClientIdentity) -> Result<()> {
        let ca = self.ca_pem.clone().ok_or_else(|| {
            Error::usage(format!(
                "target {}: certificate logins need TLS: add the target with --ca-file",
                self.name
            ))
        })?;
        let with_cert = super::tls_config(&ca, Some(id))?;
        let c = timed(&self.name, "probe", async {
            self.connect_with(Some(&with_cert), role, None)
                .await
                .map_err(|e| {
                    remote(
                        &self.name,
                        &format!("probe: login as {role:?} with the certificate failed"),
                        &describe(&e),
                        &self.secrets(),
                    )
                    .hint("pg_hba.conf needs a `hostssl … cert` line that matches this role (e.g. +group with --role group), and ssl_ca_file must hold the vauth CA")
                })
        })
        .await?;
        let who: String = c
            .query_one("SELECT current_user::text", &[])
            .await
            .map_err(|e| self.sql_err("probe", &e, &[]))?
            .get(0);
        if who != role {
            return Err(remote(
                &self.name,
                "probe",
                &format!("logged in as {who:?}, not {role:?}"),
                &[],
            ));
        }
        drop(c);
        let forged = forged_identity(role)?;
        let with_forged = super::tls_config(&ca, Some(&forged))?;
        let r = timed(&self.name, "probe", async {
            Ok(self.connect_with(Some(&with_forged), role, None).await)
        })
        .await?;
        match r {
            Err(_) => Ok(()),
            Ok(_) => Err(Error::new(
                ErrorKind::Remote,
                format!(
                    "target {}: unverifiable: a self-signed certificate with CN {role:?} logged in too",
                    self.name
                ),
            )
            .hint("pg_hba.conf lets this role in without checking its certificate (trust?)")),
        }
    }
}

/// A self-signed certificate with `cn`, which no server that checks client certificates
/// against the vauth CA may accept.
fn forged_identity(cn: &str) -> Result<super::ClientIdentity> {
    let key = rcgen::KeyPair::generate()
        .map_err(|e| Error::bug(format!("cannot make a probe key: {e}")))?;
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new())
        .map_err(|e| Error::bug(format!("probe certificate: {e}")))?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, cn.to_string());
    let cert = params
        .self_signed(&key)
        .map_err(|e| Error::bug(format!("probe certificate: {e}")))?;
    Ok(super::ClientIdentity {
        cert_pem: cert.pem(),
        key_pem: Zeroizing::new(key.serialize_pem()),
    })
}

impl Target for Postgres {
    async fn finish(&mut self) -> Result<()> {
        // Drop the admin client, then let its connection task send Terminate (instead of the
        // server logging "connection reset by peer" when the runtime ends).
        self.admin_conn.borrow_mut().take();
        for _ in 0..8 {
            tokio::task::yield_now().await;
        }
        Ok(())
    }

    async fn held(&mut self, q: &[HeldQuery]) -> Result<Vec<Held>> {
        let client = self.admin().await?;
        let mut out = Vec::with_capacity(q.len());
        for h in q {
            let rows = timed(&self.name, "pg_roles", async {
                client
                    .query(
                        "SELECT rolcanlogin, rolvaliduntil IS NOT NULL AND rolvaliduntil < now() \
                         FROM pg_roles WHERE rolname = $1",
                        &[&h.user],
                    )
                    .await
                    .map_err(|e| self.sql_err("read pg_roles", &e, &[]))
            })
            .await?;
            out.push(match rows.first() {
                None => Held::Gone,
                Some(r) if r.get::<_, bool>(0) && !r.get::<_, bool>(1) => Held::Live,
                Some(_) => Held::Gone,
            });
        }
        Ok(out)
    }

    fn user_for(&self, spec: &PushSpec) -> String {
        login_role(&spec.name, spec.version)
    }

    fn plan(&self, spec: &PushSpec) -> Vec<String> {
        let mut v = vec!["BEGIN".to_string()];
        v.extend(self.statements(spec, "'****'"));
        v.push("COMMIT".to_string());
        v
    }

    async fn check_admin(&mut self) -> Result<String> {
        let c = self.admin().await?;
        let row = timed(&self.name, "query", async {
            c.query_one(
                "SELECT version(), current_user::text, rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user",
                &[],
            )
            .await
            .map_err(|e| self.sql_err("query", &e, &[]))
        })
        .await?;
        let version: String = row.get(0);
        let can: bool = row.get(2);
        if !can {
            return Err(Error::new(
                ErrorKind::Remote,
                format!(
                    "target {}: the admin user {:?} can neither create roles nor is superuser",
                    self.name, self.admin_user
                ),
            )
            .hint("use a role with CREATEROLE (or a superuser) in the target URL"));
        }
        Ok(version)
    }

    async fn apply(&mut self, spec: &PushSpec, secret: &str) -> Result<Applied> {
        let c = self.admin().await?;
        let login = login_role(&spec.name, spec.version);
        let names = vec![spec.name.clone(), login.clone()];
        let rows = c
            .query(
                "SELECT rolname::text, coalesce(shobj_description(oid, 'pg_authid'), '') FROM pg_roles WHERE rolname = ANY($1)",
                &[&names],
            )
            .await
            .map_err(|e| self.sql_err("read roles", &e, &[]))?;
        for r in &rows {
            let role: String = r.get(0);
            let comment: String = r.get(1);
            if comment != spec.marker && !spec.adopt {
                return Err(Error::new(
                    ErrorKind::Remote,
                    format!(
                        "target {}: role {role:?} exists and was not created by this vauth home; nothing was changed",
                        self.name
                    ),
                )
                .hint(format!("pass --adopt {} to take it over, or choose another name (target prefix)", spec.name)));
            }
        }
        let verifier = Zeroizing::new(super::scram::verifier(secret)?);
        let stmts = self.statements(spec, &quote_lit(&verifier));
        self.in_transaction(
            &c,
            &stmts,
            &[secret, &verifier],
            "check --grant and the admin role's rights",
        )
        .await?;
        Ok(Applied::user(login))
    }

    async fn probe_login(&mut self, user: &str, secret: &str) -> Result<()> {
        let mut sec = self.secrets();
        sec.push(secret);
        let c = timed(&self.name, "probe", async {
            self.connect(user, Some(secret)).await.map_err(|e| {
                remote(
                    &self.name,
                    &format!("probe: login as {user:?} with the new password failed"),
                    &describe(&e),
                    &sec,
                )
                .hint("check pg_hba.conf allows password (scram-sha-256) logins for this host")
            })
        })
        .await?;
        let row = c
            .query_one("SELECT current_user::text", &[])
            .await
            .map_err(|e| self.sql_err("probe", &e, &[secret]))?;
        let who: String = row.get(0);
        super::native::check_who(&self.name, "logged in", &who, user, &sec)
    }

    async fn probe_wrong(&mut self, user: &str, secret: &str, wrong: &str) -> Result<Wrong> {
        let mut sec = self.secrets();
        sec.push(secret);
        super::native::probe_wrong(
            &self.name,
            self.connect(user, Some(wrong)),
            |e| e.code() == Some(&SqlState::INVALID_PASSWORD),
            describe,
            &sec,
        )
        .await
    }

    fn wrong_accepted(&self, user: &str) -> Error {
        accepted_wrong(
            &self.name,
            "password",
            user,
            "pg_hba.conf lets this host in without a password (trust?): use scram-sha-256",
        )
    }

    async fn revoke(&mut self, spec: &RevokeSpec) -> Result<Vec<String>> {
        if spec.user_still_used {
            return Ok(Vec::new());
        }
        let c = self.admin().await?;
        // What the server holds now decides what is left to do: a role already NOLOGIN (a run
        // killed after this) or dropped by hand is done, not an error.
        let rows = c
            .query(
                "SELECT rolcanlogin FROM pg_roles WHERE rolname = $1",
                &[&spec.user],
            )
            .await
            .map_err(|e| self.sql_err("read pg_roles", &e, &[]))?;
        let Some(row) = rows.first() else {
            return Ok(vec![format!(
                "role {} is gone: nothing to revoke",
                spec.user
            )]);
        };
        let role = quote_ident(&spec.user);
        let mut stmts = Vec::new();
        if row.get::<_, bool>(0) {
            stmts.push(format!("ALTER ROLE {role} NOLOGIN"));
        }
        // Always: a session opened before the revoke outlives NOLOGIN.
        stmts.push(format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = {}",
            quote_lit(&spec.user)
        ));
        for s in &stmts {
            c.batch_execute(s)
                .await
                .map_err(|e| self.sql_err("revoke", &e, &[]))?;
        }
        Ok(stmts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(quote_lit("it's"), "'it''s'");
        assert_eq!(login_role("app", 1), "app_a");
        assert_eq!(login_role("app", 2), "app_b");
        assert_eq!(login_role("app", 3), "app_a");
    }
}
