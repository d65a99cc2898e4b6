//! Opensearch: NOT BUILT YET (stub while the module is written).

use zeroize::Zeroizing;

use super::{Applied, Endpoint, PushSpec, RevokeSpec, Target, TargetConfig};
use crate::error::{Error, Result};

/// A Opensearch target.
pub struct Opensearch {
    name: String,
}

impl Opensearch {
    /// A target named `name`.
    #[allow(unused_variables)]
    pub fn new(
        name: &str,
        cfg: &TargetConfig,
        ep: Endpoint,
        admin: Option<Zeroizing<String>>,
    ) -> Result<Opensearch> {
        Ok(Opensearch {
            name: name.to_string(),
        })
    }

    fn todo(&self) -> Error {
        Error::bug(format!("target {}: opensearch is not built yet", self.name))
    }
}

impl Target for Opensearch {
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
