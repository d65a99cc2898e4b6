//! Qdrant (reference §1): no user or key API exists. Qdrant has three key slots in its config —
//! `service.api_key` (master), `service.alt_api_key` (a second master key, ≥ 1.17, "for rolling
//! key rotation") and `service.read_only_api_key` (global read) — and accepts HS256 JWTs signed
//! with either master key. Two things reach it from vauth:
//!
//! - JWTs: `vauth jwt sign --for TARGET` signs HS256 with the target's API key (the admin key),
//!   with the `access` claims of the `--qdrant-*` flags, and probes the token ([`Qdrant::probe_token`]).
//!   This is how applications reach Qdrant, with the least rights they need.
//! - API keys: `vauth push KEY --to TARGET` is for rotating Qdrant's admin key only. It writes
//!   one slot, `alt_api_key`, and only for a key scoped `admin` ([`Qdrant::slot`]): any other
//!   key is refused (exit 2), since `alt_api_key` has full manage rights and signs JWTs. A `read`
//!   key is refused too: `read_only_api_key` is one slot, so its rotation could not keep the old
//!   key working through a grace. vauth cannot set a config value on the server: the push renders
//!   the setting, is recorded *pending restart*, and `vauth target test` probes it once Qdrant
//!   runs with it. The rollover is api_key → alt_api_key → api_key: the new key goes in as
//!   `alt_api_key`, is promoted to `api_key` (and the target's admin key), and the old one is
//!   removed — which ends every JWT signed with the old key.
//!
//! Probes: `GET /collections` answers 200 to any valid credential and 401/403 (plain text) to
//! anything else; `/` and `/healthz` are unauthenticated and prove nothing.

use zeroize::Zeroizing;

use super::http::{Auth, Call, Http};
use super::{
    Applied, Held, HeldQuery, PushSpec, RevokeSpec, Target, TargetConfig, Wrong, unverifiable,
};
use crate::error::{Error, ErrorKind, Result};

/// The scope that marks a key as Qdrant's admin key (`vauth key create NAME --scope admin`).
pub const ADMIN_SCOPE: &str = "admin";

/// The one slot `vauth push` writes: Qdrant's second master key.
const ALT_API_KEY: &str = "alt_api_key";

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

    /// The key slot a push of `spec` writes in Qdrant's config, `alt_api_key`, for a key scoped
    /// `admin`; any other key is refused (usage, exit 2) and pointed to scoped JWTs.
    pub fn slot(target: &str, spec: &PushSpec) -> Result<&'static str> {
        if spec.scopes.iter().any(|s| s == ADMIN_SCOPE) {
            return Ok(ALT_API_KEY);
        }
        let jwt = format!(
            "applications reach Qdrant with scoped JWTs: `vauth jwt sign --for {target} --qdrant-collection NAME=r` (or --qdrant-access r); to rotate Qdrant's admin key, push a key made with --scope admin"
        );
        let why = if spec.scopes.iter().any(|s| s == "read") {
            format!(
                "{} has the read scope, and vauth does not write Qdrant's read_only_api_key: it is one slot, so a rotation could not keep the old key working during a grace",
                spec.name
            )
        } else {
            format!(
                "{} is not scoped admin, and Qdrant's alt_api_key would make it a second master key (full manage access, and a JWT signing secret)",
                spec.name
            )
        };
        Err(Error::usage(format!("target {target}: {why}")).hint(jwt))
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
        ALT_API_KEY.to_string()
    }

    fn plan(&self, spec: &PushSpec) -> Vec<String> {
        let t = self.http.target();
        if let Err(e) = Qdrant::slot(t, spec) {
            return vec![format!("refused: {}", e.message())];
        }
        vec![
            "set service.alt_api_key = **** in Qdrant's config (or QDRANT__SERVICE__ALT_API_KEY), then restart Qdrant — a second master key: full manage access, and a JWT signing secret".to_string(),
            "at the next `vauth target test`: GET /collections with api-key: **** (200), and with a wrong key (401)".to_string(),
            format!("then promote it: make it service.api_key and this target's admin key, remove the old key, restart — JWTs signed with the old key stop working; sign new ones with `vauth jwt sign --for {t}`"),
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

    async fn apply(&mut self, spec: &PushSpec, secret: &str) -> Result<Applied> {
        let slot = Qdrant::slot(self.http.target(), spec)?;
        self.http.add_secret(secret);
        Ok(Applied {
            user: slot.to_string(),
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
            "todo: remove this key from Qdrant's service.api_key/alt_api_key (its successor as service.api_key) and restart Qdrant — vauth cannot change Qdrant's config; JWTs signed with this key stop working then".to_string(),
        ])
    }
}
