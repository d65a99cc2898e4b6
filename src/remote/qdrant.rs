//! Qdrant (reference §1): no user or key API exists. Two things reach it from vauth:
//!
//! - JWTs: `vauth jwt sign --for TARGET` signs HS256 with the target's API key (the admin key),
//!   with the `access` claims of the `--qdrant-*` flags, and probes the token ([`Qdrant::probe_token`]).
//! - API keys: `vauth push KEY --to TARGET` makes the key Qdrant's `alt_api_key` — the second
//!   master key Qdrant (≥ 1.17) keeps for rolling rotation. vauth cannot set a config value on
//!   the server: the push renders the setting, is recorded *pending restart*, and
//!   `vauth target test` probes it once Qdrant runs with it.
//!
//! Probes: `GET /collections` answers 200 to any valid credential and 401/403 (plain text) to
//! anything else; `/` and `/healthz` are unauthenticated and prove nothing.

use zeroize::Zeroizing;

use super::http::{Auth, Call, Http};
use super::{
    Applied, Held, HeldQuery, PushSpec, RevokeSpec, Target, TargetConfig, Wrong, unverifiable,
};
use crate::error::{Error, ErrorKind, Result};

/// A Qdrant target.
pub struct Qdrant {
    http: Http,
}

impl Qdrant {
    /// A target named `name`; `admin` is Qdrant's `api_key`.
    pub fn new(name: &str, cfg: &TargetConfig, admin: Option<Zeroizing<String>>) -> Result<Qdrant> {
        let auth = admin.map_or(Auth::None, |k| Auth::Header("api-key", k));
        Ok(Qdrant {
            http: Http::new(name, cfg, auth)?,
        })
    }

    /// The admin API key (the HS256 secret of the JWTs this target accepts).
    pub fn signing_secret(cfg: &TargetConfig, name: &str) -> Result<Zeroizing<String>> {
        cfg.admin_password()?.ok_or_else(|| {
            Error::usage(format!("target {name} names no admin API key")).hint(format!(
                "add it again with --admin-key-env VAR or --admin-key-file FILE: `vauth target add {name} --kind qdrant … --force`"
            ))
        })
    }

    fn unverifiable(&self, what: &str) -> Error {
        unverifiable(
            self.http.target(),
            &format!("{what} was accepted — this Qdrant does not check credentials"),
            "set service.api_key in Qdrant's config (and jwt_rbac: true for tokens)",
        )
    }

    /// `GET /collections` (and `GET /collections/NAME` for each of `collections`) as `header`,
    /// which must answer 200.
    async fn login_as(
        &mut self,
        header: &'static str,
        value: &str,
        collections: &[String],
    ) -> Result<()> {
        self.http.add_secret(value);
        let mut paths = vec!["/collections".to_string()];
        paths.extend(
            collections
                .iter()
                .map(|c| format!("/collections/{}", super::http::pct(c))),
        );
        for p in &paths {
            let call = Call::get(p.clone()).anonymous().header(header, value);
            let r = self.http.send("probe", &call).await?;
            if !r.ok() {
                return Err(Error::new(
                    ErrorKind::Remote,
                    format!(
                        "target {}: probe: GET {p} with the new credential: HTTP {}: {}",
                        self.http.target(),
                        r.status,
                        super::redact(&r.message(), &self.http.secrets())
                    ),
                )
                .hint(match r.status {
                    401 => "Qdrant does not know this credential: restart it with the new setting, or check jwt_rbac",
                    403 => "the credential is valid but lacks access to this (expired, or a collection it does not name)",
                    _ => "see the server's message",
                }));
            }
        }
        Ok(())
    }

    /// `GET /collections` with a wrong credential in `header`.
    async fn wrong_as(&mut self, header: &'static str, wrong: &str) -> Result<Wrong> {
        let call = Call::get("/collections").anonymous().header(header, wrong);
        let r = self.http.send("probe", &call).await?;
        r.wrong(|r| self.http.fail("probe with a wrong credential", r))
    }

    /// Probe a minted token: it reads `/collections` (and each collection it names), and a
    /// token signed with a wrong secret is refused.
    pub async fn probe_token(
        &mut self,
        token: &str,
        wrong_token: &str,
        collections: &[String],
    ) -> Result<()> {
        let bearer = format!("Bearer {token}");
        self.http.add_secret(token);
        self.login_as("authorization", &bearer, collections).await?;
        match self
            .wrong_as("authorization", &format!("Bearer {wrong_token}"))
            .await?
        {
            Wrong::Refused => Ok(()),
            Wrong::Accepted => Err(self.unverifiable("a wrong credential")),
        }
    }
}

impl Target for Qdrant {
    async fn held(&mut self, q: &[HeldQuery]) -> Result<Vec<Held>> {
        Ok(q.iter()
            .map(|_| {
                Held::Unknown(
                    "Qdrant has no API that lists its keys; `vauth target test` probes".to_string(),
                )
            })
            .collect())
    }

    fn user_for(&self, _spec: &PushSpec) -> String {
        "alt_api_key".to_string()
    }

    fn plan(&self, _spec: &PushSpec) -> Vec<String> {
        vec![
            "set service.alt_api_key = **** in Qdrant's config (or QDRANT__SERVICE__ALT_API_KEY), then restart Qdrant".to_string(),
            "at the next `vauth target test`: GET /collections with api-key: **** (200), and with a wrong key (401)".to_string(),
        ]
    }

    async fn check_admin(&mut self) -> Result<String> {
        let root = self.http.send("GET /", &Call::get("/").anonymous()).await?;
        let version = root
            .json()
            .and_then(|v| {
                v.get("version")
                    .and_then(|x| x.as_str())
                    .map(str::to_string)
            })
            .unwrap_or_else(|| "unknown".to_string());
        self.http
            .ok("admin check", &Call::get("/collections"))
            .await?;
        let anon = self
            .http
            .send(
                "GET /collections without a key",
                &Call::get("/collections").anonymous(),
            )
            .await?;
        if anon.ok() {
            return Err(self.unverifiable("a request without a key"));
        }
        Ok(format!("Qdrant {version}"))
    }

    async fn apply(&mut self, _spec: &PushSpec, secret: &str) -> Result<Applied> {
        self.http.add_secret(secret);
        Ok(Applied {
            user: "alt_api_key".to_string(),
            remote_id: None,
            pending: true,
        })
    }

    async fn probe_login(&mut self, _user: &str, secret: &str) -> Result<()> {
        self.login_as("api-key", secret, &[]).await
    }

    async fn probe_wrong(&mut self, _user: &str, _secret: &str, wrong: &str) -> Result<Wrong> {
        self.wrong_as("api-key", wrong).await
    }

    fn wrong_accepted(&self, _user: &str) -> Error {
        self.unverifiable("a wrong credential")
    }

    async fn revoke(&mut self, _spec: &RevokeSpec) -> Result<Vec<String>> {
        Ok(vec![
            "remove this key from Qdrant's service.api_key/alt_api_key and restart Qdrant (vauth cannot change Qdrant's config)".to_string(),
        ])
    }
}
