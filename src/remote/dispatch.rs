//! [`AnyTarget`]: the nine kinds behind one type, so commands need no generics.

use zeroize::Zeroizing;

use super::{
    Applied, Held, HeldQuery, Kind, PushSpec, RevokeSpec, Target, TargetConfig, Wrong, chroma,
    elasticsearch, milvus, opensearch, pinecone, postgres, qdrant, redis, weaviate,
};
use crate::error::{Error, Result};

/// The target kinds behind one type, so commands need no generics.
pub enum AnyTarget {
    /// PostgreSQL.
    Postgres(Box<postgres::Postgres>),
    /// Redis.
    Redis(redis::Redis),
    /// Qdrant.
    Qdrant(qdrant::Qdrant),
    /// Weaviate.
    Weaviate(weaviate::Weaviate),
    /// Milvus.
    Milvus(milvus::Milvus),
    /// Pinecone.
    Pinecone(pinecone::Pinecone),
    /// Elasticsearch.
    Elasticsearch(elasticsearch::Elasticsearch),
    /// OpenSearch.
    Opensearch(opensearch::Opensearch),
    /// Chroma.
    Chroma(chroma::Chroma),
}

/// `$body` with `$t` bound to the concrete target inside `$any`.
macro_rules! each {
    ($any:expr, $t:ident => $body:expr) => {
        match $any {
            AnyTarget::Postgres($t) => $body,
            AnyTarget::Redis($t) => $body,
            AnyTarget::Qdrant($t) => $body,
            AnyTarget::Weaviate($t) => $body,
            AnyTarget::Milvus($t) => $body,
            AnyTarget::Pinecone($t) => $body,
            AnyTarget::Elasticsearch($t) => $body,
            AnyTarget::Opensearch($t) => $body,
            AnyTarget::Chroma($t) => $body,
        }
    };
}

impl AnyTarget {
    /// Build the target for `cfg` (nothing is contacted yet).
    pub fn new(name: &str, cfg: &TargetConfig) -> Result<AnyTarget> {
        AnyTarget::build(name, cfg, true)
    }

    /// Build the target without reading the admin credential (for `plan` only).
    pub fn offline(name: &str, cfg: &TargetConfig) -> Result<AnyTarget> {
        AnyTarget::build(name, cfg, false)
    }

    fn build(name: &str, cfg: &TargetConfig, online: bool) -> Result<AnyTarget> {
        let ep = cfg.endpoint()?;
        let admin = if online { cfg.admin_password()? } else { None };
        Ok(match cfg.kind {
            Kind::Postgres => {
                AnyTarget::Postgres(Box::new(postgres::Postgres::new(name, cfg, ep, admin)?))
            }
            Kind::Redis => AnyTarget::Redis(redis::Redis::new(name, cfg, ep, admin)?),
            Kind::Qdrant => AnyTarget::Qdrant(qdrant::Qdrant::new(name, cfg, admin)?),
            Kind::Weaviate => AnyTarget::Weaviate(weaviate::Weaviate::new(name, cfg, admin)?),
            Kind::Milvus => AnyTarget::Milvus(milvus::Milvus::new(name, cfg, ep, admin)?),
            Kind::Pinecone => {
                let client = if online { cfg.admin_client()? } else { None };
                AnyTarget::Pinecone(pinecone::Pinecone::new(name, cfg, client)?)
            }
            Kind::Elasticsearch => {
                AnyTarget::Elasticsearch(elasticsearch::Elasticsearch::new(name, cfg, ep, admin)?)
            }
            Kind::Opensearch => {
                AnyTarget::Opensearch(opensearch::Opensearch::new(name, cfg, ep, admin)?)
            }
            Kind::Chroma => AnyTarget::Chroma(chroma::Chroma::new(name, cfg, admin)?),
        })
    }
}

impl Target for AnyTarget {
    fn plan(&self, spec: &PushSpec) -> Vec<String> {
        each!(self, t => t.plan(spec))
    }
    fn user_for(&self, spec: &PushSpec) -> String {
        each!(self, t => t.user_for(spec))
    }
    async fn check_admin(&mut self) -> Result<String> {
        each!(self, t => t.check_admin().await)
    }
    async fn apply(&mut self, spec: &PushSpec, secret: &str) -> Result<Applied> {
        each!(self, t => t.apply(spec, secret).await)
    }
    async fn probe(&mut self, user: &str, secret: &str) -> Result<()> {
        each!(self, t => t.probe(user, secret).await)
    }
    async fn probe_login(&mut self, user: &str, secret: &str) -> Result<()> {
        each!(self, t => t.probe_login(user, secret).await)
    }
    async fn probe_wrong(&mut self, user: &str, secret: &str, wrong: &str) -> Result<Wrong> {
        each!(self, t => t.probe_wrong(user, secret, wrong).await)
    }
    fn wrong_accepted(&self, user: &str) -> Error {
        each!(self, t => t.wrong_accepted(user))
    }
    async fn revoke(&mut self, spec: &RevokeSpec) -> Result<Vec<String>> {
        each!(self, t => t.revoke(spec).await)
    }
    async fn create(&mut self, spec: &PushSpec) -> Result<(Applied, Zeroizing<String>)> {
        each!(self, t => t.create(spec).await)
    }
    async fn held(&mut self, q: &[HeldQuery]) -> Result<Vec<Held>> {
        each!(self, t => t.held(q).await)
    }
    async fn finish(&mut self) -> Result<()> {
        each!(self, t => t.finish().await)
    }
}
