//! Pinecone: NOT BUILT YET (stub while the module is written).

use zeroize::Zeroizing;

use super::{Applied, PushSpec, RevokeSpec, Target, TargetConfig};
use crate::error::{Error, Result};

/// A Pinecone target.
pub struct Pinecone {
    name: String,
}

impl Pinecone {
    /// A target named `name`.
    #[allow(unused_variables)]
    pub fn new(
        name: &str,
        cfg: &TargetConfig,
        client: Option<(Zeroizing<String>, Zeroizing<String>)>,
    ) -> Result<Pinecone> {
        Ok(Pinecone {
            name: name.to_string(),
        })
    }

    fn todo(&self) -> Error {
        Error::bug(format!("target {}: pinecone is not built yet", self.name))
    }
}

impl Target for Pinecone {
    fn plan(&self, _spec: &PushSpec) -> Vec<String> {
        Vec::new()
    }
    async fn check_admin(&mut self) -> Result<String> {
        Err(self.todo())
    }
    async fn apply(&mut self, _spec: &PushSpec, _secret: &str) -> Result<Applied> {
        Err(self.todo())
    }
    async fn probe(&mut self, _user: &str, _secret: &str) -> Result<()> {
        Err(self.todo())
    }
    async fn revoke(&mut self, _spec: &RevokeSpec) -> Result<Vec<String>> {
        Err(self.todo())
    }
}
