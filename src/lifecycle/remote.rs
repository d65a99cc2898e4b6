//! The one place vauth drives async database calls. A [`Connection`] holds one target and the
//! runtime that drives it, and offers each remote operation as a plain (blocking) call, so the
//! verbs above never see a future. Each connection has its own runtime: dropping it ends every
//! task it started (an idle admin connection closes with it).

use std::future::Future;

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::remote::postgres::{CertSpec, Postgres};
use crate::remote::{
    AnyTarget, Applied, ClientIdentity, Held, HeldQuery, PushSpec, RevokeSpec, Target as _,
    TargetConfig,
};
use crate::store::state::Pushed;

/// Run `f` to completion on a runtime of its own.
fn block_on<F: Future>(f: F) -> Result<F::Output> {
    Ok(crate::remote::runtime()?.block_on(f))
}

/// One target, reached through its admin credential (nothing is contacted until the first
/// call).
pub struct Connection {
    rt: tokio::runtime::Runtime,
    t: AnyTarget,
    name: String,
    cfg: TargetConfig,
}

impl Connection {
    /// Build the target `tname` for `cfg` and the runtime that drives it.
    pub fn open(tname: &str, cfg: &TargetConfig) -> Result<Connection> {
        let t = AnyTarget::new(tname, cfg)?;
        let rt = crate::remote::runtime()?;
        Ok(Connection {
            rt,
            t,
            name: tname.to_string(),
            cfg: cfg.clone(),
        })
    }

    /// Reach the server and check the admin credential; returns the server's version line.
    pub fn check_admin(&mut self) -> Result<String> {
        self.rt.block_on(self.t.check_admin())
    }

    /// Make the database accept `secret` for the user named in `spec`.
    pub fn apply(&mut self, spec: &PushSpec, secret: &str) -> Result<Applied> {
        self.rt.block_on(self.t.apply(spec, secret))
    }

    /// Log in as `user` with `secret` (must succeed) and with a wrong one (must be refused).
    pub fn probe(&mut self, user: &str, secret: &str) -> Result<()> {
        self.rt.block_on(self.t.probe(user, secret))
    }

    /// Take a pushed credential back; returns the commands run. On a restart-bound target with
    /// an apply command whose take-back rewrote what the server reads (chroma), the command runs
    /// and the server answers again before this returns ([`super::apply::after_revoke`]).
    pub fn revoke(&mut self, spec: &RevokeSpec) -> Result<Vec<String>> {
        let mut lines = self.rt.block_on(self.t.revoke(spec))?;
        let (name, cfg) = (self.name.clone(), self.cfg.clone());
        if let Some(l) = super::apply::after_revoke(self, &name, &cfg)? {
            lines.push(l);
        }
        Ok(lines)
    }

    /// Let the database make a credential for `spec` (kinds that generate their secrets).
    pub fn create(&mut self, spec: &PushSpec) -> Result<(Applied, Zeroizing<String>)> {
        self.rt.block_on(self.t.create(spec))
    }

    /// What the database holds of each of `q`.
    pub fn held(&mut self, q: &[HeldQuery]) -> Result<Vec<Held>> {
        self.rt.block_on(self.t.held(q))
    }

    /// Persist what a batch changed (redis `ACL SAVE`) and close the admin connection.
    pub fn finish(&mut self) -> Result<()> {
        self.rt.block_on(self.t.finish())
    }

    /// Give `spec` the rights the previous version `prev` holds on the server now (kinds whose
    /// keys carry roles: weaviate, pinecone, elasticsearch).
    pub fn inherit(&mut self, prev: &Pushed, spec: &mut PushSpec) -> Result<()> {
        self.rt.block_on(async {
            match &mut self.t {
                AnyTarget::Weaviate(w) => spec.roles = w.roles_of(&prev.user).await?,
                AnyTarget::Pinecone(p) => {
                    if let Some(id) = &prev.remote_id {
                        spec.roles = p.roles_of(id).await?;
                    }
                }
                AnyTarget::Elasticsearch(e) => {
                    if let Some(id) = &prev.remote_id {
                        spec.role_descriptors = e.role_descriptors_of(id).await?;
                    }
                }
                _ => {}
            }
            Ok(())
        })
    }
}

/// The postgres target `tname`, for certificate logins.
fn postgres(tname: &str, cfg: &TargetConfig) -> Result<Postgres> {
    let ep = cfg.endpoint()?;
    Postgres::new(tname, cfg, ep, cfg.admin_password()?)
}

/// Make the login role of a certificate on postgres target `tname`, then probe it with `id`:
/// what was applied, and the probe's result.
pub fn push_cert(
    tname: &str,
    cfg: &TargetConfig,
    spec: &CertSpec,
    id: &ClientIdentity,
) -> Result<(Applied, Result<()>)> {
    let mut t = postgres(tname, cfg)?;
    block_on(async {
        let applied = t.apply_cert(spec).await?;
        let probe = t.probe_cert(&applied.user, id).await;
        Ok::<_, Error>((applied, probe))
    })?
}

/// Log in on postgres target `tname` as `user` with the certificate `id` (a self-signed one of
/// the same CN must be refused). The outer error: the target could not be set up; the inner
/// one: the probe's.
pub fn probe_cert(
    tname: &str,
    cfg: &TargetConfig,
    user: &str,
    id: &ClientIdentity,
) -> Result<Result<()>> {
    let mut t = postgres(tname, cfg)?;
    block_on(async {
        let r = t.probe_cert(user, id).await;
        let _ = t.finish().await;
        r
    })
}

/// Check a JWT at qdrant target `tname`: `token` must read `/collections` and each of
/// `collections`, and `wrong_token` (the same claims under a wrong secret) must be refused.
pub fn probe_qdrant_token(
    tname: &str,
    cfg: &TargetConfig,
    token: &str,
    wrong_token: &str,
    collections: &[String],
) -> Result<()> {
    let mut q = crate::remote::qdrant::Qdrant::new(tname, cfg, cfg.admin_password()?)?;
    block_on(q.probe_token(token, wrong_token, collections))?
}
