//! Elasticsearch: API keys the server generates (`POST /_security/api_key`). vauth keeps the
//! `encoded` form (base64 of `id:api_key`), which is what clients send as
//! `Authorization: ApiKey <encoded>`, and state.json records the key's id. Keys overlap natively
//! during a grace: every version is a key of its own, named `<name>-v<version>`, and a revoke
//! invalidates it by id. The admin authenticates with an API key (`Authorization: ApiKey <key>`)
//! or, when the target names a password, as the URL's user (Basic).
//!
//! This module never sees a secret vauth made: `apply` refuses, `create` is the way in.

use base64::Engine as _;
use serde_json::{Value, json};
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::http::{Auth, Call, Http};
use super::{Applied, Endpoint, PushSpec, RevokeSpec, Target, TargetConfig, Wrong, accepted_wrong};
use crate::error::{Error, Result};

/// The name of version `spec.version`'s API key.
pub fn key_name(spec: &PushSpec) -> String {
    format!("{}-v{}", spec.name, spec.version)
}

/// The id inside an encoded API key (base64 of `id:api_key`).
fn id_of(encoded: &str) -> Option<String> {
    let raw = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let s = String::from_utf8(raw).ok()?;
    s.split_once(':').map(|(id, _)| id.to_string())
}

/// `GET /_security/_authenticate` as the API key `encoded`.
fn authenticate(encoded: &str) -> Call {
    Call::get("/_security/_authenticate")
        .anonymous()
        .header("authorization", format!("ApiKey {encoded}"))
}

fn encode(id: &str, secret: &str) -> Zeroizing<String> {
    Zeroizing::new(base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}")))
}

/// An Elasticsearch target.
pub struct Elasticsearch {
    name: String,
    http: Http,
}

impl Elasticsearch {
    /// A target at `cfg.url`; `admin` is the admin API key, or the URL user's password when the
    /// target names a password.
    pub fn new(
        name: &str,
        cfg: &TargetConfig,
        ep: Endpoint,
        admin: Option<Zeroizing<String>>,
    ) -> Result<Elasticsearch> {
        let key_admin = cfg.admin_key_env.is_some() || cfg.admin_key_file.is_some();
        let raw = admin.clone();
        let auth = match admin {
            None => Auth::None,
            Some(k) if key_admin => {
                Auth::Header("authorization", Zeroizing::new(format!("ApiKey {}", *k)))
            }
            Some(p) => Auth::Basic(ep.user.clone().unwrap_or_else(|| "elastic".into()), p),
        };
        // Http drops the URL's user (it goes into the Basic header instead).
        let mut http = Http::new(name, cfg, auth)?;
        if let Some(r) = raw {
            http.add_secret(&r);
        }
        Ok(Elasticsearch {
            name: name.to_string(),
            http,
        })
    }

    fn create_call(spec: &PushSpec, now: OffsetDateTime) -> Call {
        let mut body = json!({
            "name": key_name(spec),
            "metadata": {"managed_by": spec.marker},
        });
        if let Some(rd) = &spec.role_descriptors {
            body["role_descriptors"] = rd.clone();
        }
        if let Some(t) = spec.valid_until {
            body["expiration"] = Value::String(format!("{}s", (t - now).whole_seconds().max(1)));
        }
        Call::post("/_security/api_key").json(body)
    }

    fn invalidate_call(id: &str) -> Call {
        Call::delete("/_security/api_key").json(json!({"ids": [id]}))
    }

    /// The `role_descriptors` the API key `id` was made with (`None`: it has the owner's rights,
    /// and so will its successor).
    pub async fn role_descriptors_of(&mut self, id: &str) -> Result<Option<Value>> {
        let what = "read the previous API key";
        let call = Call::get(format!("/_security/api_key?id={}", super::http::pct(id)));
        let r = self.http.ok(what, &call).await?;
        let v = self.http.json(what, &r)?;
        let Some(k) = v["api_keys"].as_array().and_then(|a| a.first()) else {
            return Err(self
                .http
                .error(what, &format!("no API key with id {id:?}"))
                .hint("it was invalidated outside vauth: create a new key with `vauth key create NAME --force --on TARGET`"));
        };
        Ok(k.get("role_descriptors")
            .filter(|r| r.as_object().is_some_and(|o| !o.is_empty()))
            .cloned())
    }

    /// The id inside `secret`, an encoded API key.
    fn id_in(&self, secret: &str) -> Result<String> {
        id_of(secret).ok_or_else(|| {
            self.http.error(
                "probe",
                "the key is not base64 of id:api_key, as Elasticsearch makes them",
            )
        })
    }
}

impl Target for Elasticsearch {
    fn plan(&self, spec: &PushSpec) -> Vec<String> {
        let secrets = self.http.secrets();
        vec![
            Self::create_call(spec, spec.now).plan_line(&secrets),
            "GET /_security/_authenticate (probe: as the new key with Authorization: ApiKey ****, then as a wrong one)".to_string(),
        ]
    }

    fn user_for(&self, spec: &PushSpec) -> String {
        key_name(spec)
    }

    async fn check_admin(&mut self) -> Result<String> {
        let what = "authenticate as the admin";
        let r = self
            .http
            .ok(what, &Call::get("/_security/_authenticate"))
            .await?;
        let who = self.http.json(what, &r)?["username"]
            .as_str()
            .unwrap_or("?")
            .to_string();
        // The version needs the monitor privilege; without it the check still passed.
        let version = match self.http.send("read the version", &Call::get("/")).await {
            Ok(r) if r.ok() => r
                .json()
                .and_then(|v| v.pointer("/version/number")?.as_str().map(str::to_string)),
            _ => None,
        };
        Ok(format!(
            "Elasticsearch {} (admin: {who})",
            version.as_deref().unwrap_or("(version not readable)")
        ))
    }

    async fn apply(&mut self, _spec: &PushSpec, _secret: &str) -> Result<Applied> {
        Err(Error::usage(format!(
            "target {}: elasticsearch makes its API keys itself; vauth cannot push one it made",
            self.name
        ))
        .hint("create the key there: `vauth key create NAME --on TARGET`"))
    }

    async fn create(&mut self, spec: &PushSpec) -> Result<(Applied, Zeroizing<String>)> {
        let what = "create the API key";
        let name = key_name(spec);
        let call = Self::create_call(spec, spec.now);
        let r = self
            .http
            .send_create(
                what,
                &call,
                &format!("API key {name:?}"),
                &format!("look for it with GET /_security/api_key?name={name}"),
            )
            .await?;
        if !r.ok() {
            let mut e = self.http.fail(what, &r);
            if r.status == 400 {
                e = e.hint(
                    "the server refused the request: check --role-descriptors and the expiry",
                );
            }
            return Err(e);
        }
        let v = self.http.json(what, &r)?;
        let id = v["id"].as_str().map(str::to_string);
        if let Some(k) = v["api_key"].as_str() {
            self.http.add_secret(k);
        }
        let encoded = match (v["encoded"].as_str(), v["api_key"].as_str(), &id) {
            (Some(e), _, _) => Zeroizing::new(e.to_string()),
            (None, Some(k), Some(id)) => encode(id, k),
            _ => {
                return Err(self.http.error(
                    what,
                    &format!(
                        "the answer holds no key (id {}): invalidate it with DELETE /_security/api_key",
                        id.as_deref().unwrap_or("unknown")
                    ),
                ));
            }
        };
        self.http.add_secret(&encoded);
        let Some(id) = id else {
            return Err(self.http.error(
                what,
                &format!("the answer holds no id: invalidate API key {name:?} by name"),
            ));
        };
        Ok((
            Applied {
                user: name,
                remote_id: Some(id),
                pending: false,
            },
            encoded,
        ))
    }

    async fn probe_login(&mut self, user: &str, secret: &str) -> Result<()> {
        self.http.add_secret(secret);
        let what = "probe";
        let id = self.id_in(secret)?;
        let r = self.http.send(what, &authenticate(secret)).await?;
        if !r.ok() {
            return Err(self
                .http
                .answer_error(&format!("probe: the new API key {user:?} was refused"), &r));
        }
        let v = self.http.json(what, &r)?;
        let got = v.pointer("/api_key/id").and_then(Value::as_str);
        if got != Some(id.as_str()) {
            return Err(self.http.error(
                what,
                &format!(
                    "the server authenticated the new key as {}, not API key {id}",
                    got.map_or_else(|| "something else".to_string(), |g| format!("API key {g}"))
                ),
            ));
        }
        Ok(())
    }

    async fn probe_wrong(&mut self, _user: &str, secret: &str, wrong: &str) -> Result<Wrong> {
        let wrong = encode(&self.id_in(secret)?, wrong);
        self.http
            .probe_wrong(&authenticate(&wrong), &wrong, "API key")
            .await
    }

    fn wrong_accepted(&self, user: &str) -> Error {
        accepted_wrong(
            &self.name,
            "API key",
            user,
            "security is off on this server (xpack.security.enabled), or a proxy answers for it",
        )
    }

    async fn revoke(&mut self, spec: &RevokeSpec) -> Result<Vec<String>> {
        let what = "invalidate the API key";
        let id = self.http.remote_id(
            what,
            spec,
            "invalidate it by name: DELETE /_security/api_key {\"name\": …}",
        )?;
        let call = Self::invalidate_call(id);
        let line = call.plan_line(&self.http.secrets());
        let r = self.http.send(what, &call).await?;
        if r.status == 404 {
            return Ok(vec![format!("{line} (not found: nothing to invalidate)")]);
        }
        if !r.ok() {
            return Err(self.http.fail(what, &r));
        }
        let v = self.http.json(what, &r)?;
        let has = |f: &str| {
            v[f].as_array()
                .is_some_and(|a| a.iter().any(|x| x.as_str() == Some(id)))
        };
        if has("invalidated_api_keys") || has("previously_invalidated_api_keys") {
            return Ok(vec![line]);
        }
        let reason = v
            .pointer("/error_details/0/reason")
            .and_then(Value::as_str)
            .unwrap_or("the answer does not list the key as invalidated");
        Err(self.http.error(what, &format!("{id}: {reason}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        let e = encode("VuaCfGcB", "ui2lp2axTNmsyakw9tvNnw");
        assert_eq!(id_of(&e).as_deref(), Some("VuaCfGcB"));
        assert_eq!(id_of("not base64!"), None);
    }
}
