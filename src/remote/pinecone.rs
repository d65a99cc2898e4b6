//! Pinecone Admin API: project API keys the server generates, with roles. The admin is a service
//! account: its client id and secret buy an OAuth token (client-credentials grant, at the
//! target's `token_url` or login.pinecone.io), which every admin call then carries as
//! `Authorization: Bearer <token>`, with the `X-Pinecone-Api-Version` header the API requires.
//! Keys overlap natively: every version is a key of its own, named `<name>-v<version>`, and a
//! revoke deletes it by id. A key is probed with `GET /indexes` and `Api-Key: <key>`.

use serde_json::{Value, json};
use zeroize::Zeroizing;

use super::http::{Auth, Call, Http, pct};
use super::{Applied, PushSpec, RevokeSpec, Target, TargetConfig, Wrong, accepted_wrong};
use crate::error::{Error, Result};

/// The API version vauth speaks (the first with the Admin API; api-key calls are the same in
/// every later one).
pub const API_VERSION: &str = "2025-04";
/// The OAuth token endpoint when the target names none.
pub const TOKEN_URL: &str = "https://login.pinecone.io/oauth/token";
/// The audience of the admin token.
pub const AUDIENCE: &str = "https://api.pinecone.io/";
/// The longest key name Pinecone takes.
const MAX_NAME: usize = 80;

/// The name of version `spec.version`'s API key.
pub fn key_name(spec: &PushSpec) -> String {
    format!("{}-v{}", spec.name, spec.version)
}

/// A Pinecone target.
pub struct Pinecone {
    name: String,
    http: Http,
    project: String,
    token_url: String,
    client: Option<(Zeroizing<String>, Zeroizing<String>)>,
    logged_in: bool,
}

fn versioned(c: Call) -> Call {
    c.header("x-pinecone-api-version", API_VERSION)
}

/// `GET /indexes` as the API key `key` (the probe).
fn list_indexes(key: &str) -> Call {
    versioned(Call::get("/indexes").anonymous().header("api-key", key))
}

impl Pinecone {
    /// A target at `cfg.url` for `cfg.project`, with the service account's client id and secret.
    pub fn new(
        name: &str,
        cfg: &TargetConfig,
        client: Option<(Zeroizing<String>, Zeroizing<String>)>,
    ) -> Result<Pinecone> {
        let mut http = Http::new(name, cfg, Auth::None)?;
        if let Some((id, secret)) = &client {
            http.add_secret(secret);
            http.add_secret(id);
        }
        Ok(Pinecone {
            name: name.to_string(),
            http,
            project: cfg.project.clone().unwrap_or_default(),
            token_url: cfg
                .token_url
                .clone()
                .unwrap_or_else(|| TOKEN_URL.to_string()),
            client,
            logged_in: false,
        })
    }

    fn token_call(&self, id: &str, secret: &str) -> Call {
        versioned(
            Call::post(self.token_url.clone())
                .json(json!({
                    "grant_type": "client_credentials",
                    "client_id": id,
                    "client_secret": secret,
                    "audience": AUDIENCE,
                }))
                .anonymous(),
        )
    }

    fn keys_path(&self) -> String {
        format!("/admin/projects/{}/api-keys", pct(&self.project))
    }

    fn create_call(&self, spec: &PushSpec) -> Call {
        let mut body = json!({ "name": key_name(spec) });
        if !spec.roles.is_empty() {
            body["roles"] = json!(spec.roles);
        }
        versioned(Call::post(self.keys_path()).json(body))
    }

    fn key_path(id: &str) -> String {
        format!("/admin/api-keys/{}", pct(id))
    }

    /// Get the admin token (once per run).
    async fn login(&mut self) -> Result<()> {
        if self.logged_in {
            return Ok(());
        }
        let Some((id, secret)) = &self.client else {
            return Err(Error::input(format!(
                "target {}: the service account's client id and secret were not read",
                self.name
            )));
        };
        let what = "get an admin token (OAuth client credentials)";
        let call = self.token_call(id, secret);
        let r = self.http.send(what, &call).await?;
        if !r.ok() {
            let e = self.http.fail(what, &r);
            return Err(if matches!(r.status, 400 | 401 | 403) {
                e.hint("the service account's client id or secret was refused: check the variables the target names (`vauth target show`)")
            } else {
                e
            });
        }
        let v = self.http.json(what, &r)?;
        let Some(token) = v["access_token"].as_str() else {
            return Err(self.http.error(what, "the answer holds no access_token"));
        };
        self.http
            .set_auth(Auth::Bearer(Zeroizing::new(token.to_string())));
        self.logged_in = true;
        Ok(())
    }

    /// The roles API key `id` holds now (a rotation gives them to the successor).
    pub async fn roles_of(&mut self, id: &str) -> Result<Vec<String>> {
        self.login().await?;
        let what = "read the previous API key";
        let r = self
            .http
            .ok(what, &versioned(Call::get(Self::key_path(id))))
            .await?;
        let v = self.http.json(what, &r)?;
        let key = v.get("key").unwrap_or(&v);
        Ok(key["roles"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default())
    }
}

impl Target for Pinecone {
    fn plan(&self, spec: &PushSpec) -> Vec<String> {
        let secrets = self.http.secrets();
        vec![
            self.token_call("****", "****").plan_line(&secrets),
            self.create_call(spec).plan_line(&secrets),
            "GET /indexes (probe: as the new key with Api-Key: ****, then as a wrong one)"
                .to_string(),
        ]
    }

    fn user_for(&self, spec: &PushSpec) -> String {
        key_name(spec)
    }

    async fn check_admin(&mut self) -> Result<String> {
        self.login().await?;
        let what = "list the project's API keys";
        let r = self
            .http
            .ok(what, &versioned(Call::get(self.keys_path())))
            .await?;
        let n = self.http.json(what, &r)?["data"]
            .as_array()
            .map_or(0, Vec::len);
        Ok(format!(
            "Pinecone Admin API {API_VERSION} (project {}, {n} API keys)",
            self.project
        ))
    }

    async fn apply(&mut self, _spec: &PushSpec, _secret: &str) -> Result<Applied> {
        Err(Error::usage(format!(
            "target {}: pinecone makes its API keys itself; vauth cannot push one it made",
            self.name
        ))
        .hint("create the key there: `vauth key create NAME --on TARGET`"))
    }

    async fn create(&mut self, spec: &PushSpec) -> Result<(Applied, Zeroizing<String>)> {
        let name = key_name(spec);
        if name.len() > MAX_NAME {
            return Err(Error::usage(format!(
                "target {}: the API key name {name:?} is longer than Pinecone's {MAX_NAME} characters",
                self.name
            ))
            .hint("use a shorter key name or target prefix"));
        }
        self.login().await?;
        let what = "create the API key";
        let r = self
            .http
            .send_create(
                what,
                &self.create_call(spec),
                &format!("API key {name:?}"),
                "list the project's keys",
            )
            .await?;
        if !r.ok() {
            return Err(self.http.fail(what, &r));
        }
        let v = self.http.json(what, &r)?;
        let id = v.pointer("/key/id").and_then(Value::as_str);
        let value = v["value"].as_str();
        match (id, value) {
            (Some(id), Some(value)) => {
                self.http.add_secret(value);
                Ok((
                    Applied {
                        user: name,
                        remote_id: Some(id.to_string()),
                        pending: false,
                    },
                    Zeroizing::new(value.to_string()),
                ))
            }
            (Some(id), None) => {
                let back = self
                    .http
                    .send(what, &versioned(Call::delete(Self::key_path(id))))
                    .await;
                let note = if back.is_ok_and(|r| r.ok() || r.status == 404) {
                    "it was deleted again".to_string()
                } else {
                    format!("the project still holds API key {id}: delete it")
                };
                Err(self
                    .http
                    .error(what, &format!("the answer holds no key value; {note}")))
            }
            (None, _) => Err(self.http.error(
                what,
                &format!("the answer holds no key id: look for API key {name:?} in the project"),
            )),
        }
    }

    async fn probe_login(&mut self, user: &str, secret: &str) -> Result<()> {
        self.http.add_secret(secret);
        let r = self.http.send("probe", &list_indexes(secret)).await?;
        if r.status == 403 {
            // A key whose roles have no control-plane permission (DataPlaneViewer/Editor) may
            // not list indexes. Pinecone answers 401 to a key it does not know: 403 to this
            // one while a wrong key gets 401 means the key is known, so it logs in.
            let wrong = crate::remote::wrong_secret()?;
            self.http.add_secret(&wrong);
            let w = self.http.send("probe", &list_indexes(&wrong)).await?;
            if w.status == 401 {
                return Ok(());
            }
        }
        if !r.ok() {
            return Err(self
                .http
                .answer_error(&format!("probe: the new API key {user:?} was refused"), &r));
        }
        Ok(())
    }

    async fn probe_wrong(&mut self, _user: &str, _secret: &str, wrong: &str) -> Result<Wrong> {
        self.http
            .probe_wrong(&list_indexes(wrong), wrong, "API key")
            .await
    }

    fn wrong_accepted(&self, user: &str) -> Error {
        accepted_wrong(
            &self.name,
            "API key",
            user,
            "the target's URL does not lead to Pinecone, or a proxy answers for it",
        )
    }

    async fn revoke(&mut self, spec: &RevokeSpec) -> Result<Vec<String>> {
        let what = "delete the API key";
        let id = self
            .http
            .remote_id(what, spec, "delete it in the Pinecone console")?;
        self.login().await?;
        let call = versioned(Call::delete(Self::key_path(id)));
        let line = call.plan_line(&self.http.secrets());
        let r = self.http.send(what, &call).await?;
        match r.status {
            404 => Ok(vec![format!("{line} (not found: already gone)")]),
            _ if r.ok() => Ok(vec![line]),
            _ => Err(self.http.fail(what, &r)),
        }
    }
}
