//! Weaviate >= 1.30: DB users whose API key the server generates (`POST /v1/users/db/{user}`),
//! with RBAC roles assigned to them. Weaviate's rotate-key kills the old key at once, so a grace
//! needs two users: odd key versions live on `<name>-a`, even ones on `<name>-b`. When the
//! alternate user still exists from an earlier version of the same key (state.json records it),
//! it is deleted and made again, rather than given a new key with `rotate-key`: the successor then
//! carries exactly the roles of the version it replaces (copied by the command layer), not those
//! the older user was left with, and every version is made by the one create path. A user that
//! exists but was not pushed from this home is refused unless `--adopt`.
//!
//! Revoking deactivates the user, then deletes it. The admin authenticates with
//! `Authorization: Bearer <admin key>`.

use serde_json::json;
use zeroize::Zeroizing;

use super::http::{Auth, Call, Http, Reply, pct};
use super::{Applied, PushSpec, RevokeSpec, Target, TargetConfig, Wrong, accepted_wrong};
use crate::error::{Error, Result};

/// The DB user of a key version: odd versions `<name>-a`, even `<name>-b`.
pub fn alt_user(name: &str, version: u32) -> String {
    format!("{name}-{}", if version % 2 == 1 { "a" } else { "b" })
}

/// A Weaviate target.
pub struct Weaviate {
    name: String,
    http: Http,
}

/// `GET /v1/users/own-info` with the key `key` (the probe).
fn own_info(key: &str) -> Call {
    Call::get("/v1/users/own-info")
        .anonymous()
        .header("authorization", format!("Bearer {key}"))
}

fn user_path(user: &str) -> String {
    format!("/v1/users/db/{}", pct(user))
}

impl Weaviate {
    /// A target at `cfg.url` with the admin API key `admin`.
    pub fn new(
        name: &str,
        cfg: &TargetConfig,
        admin: Option<Zeroizing<String>>,
    ) -> Result<Weaviate> {
        let auth = admin.map_or(Auth::None, Auth::Bearer);
        Ok(Weaviate {
            name: name.to_string(),
            http: Http::new(name, cfg, auth)?,
        })
    }

    fn assign_call(user: &str, roles: &[String]) -> Call {
        Call::post(format!("/v1/authz/users/{}/assign", pct(user)))
            .json(json!({"roles": roles, "userType": "db"}))
            .idempotent()
    }

    /// The roles DB user `user` holds now (a rotation gives them to the successor).
    pub async fn roles_of(&mut self, user: &str) -> Result<Vec<String>> {
        let what = format!("read the roles of DB user {user:?}");
        let call = Call::get(format!("/v1/authz/users/{}/roles/db", pct(user)));
        let r = self.http.ok(&what, &call).await?;
        let v = self.http.json(&what, &r)?;
        Ok(v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x["name"].as_str().or_else(|| x.as_str()))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default())
    }

    async fn delete_user(&self, user: &str) -> Result<String> {
        let call = Call::delete(user_path(user));
        let line = call.plan_line(&[]);
        let r = self
            .http
            .send(&format!("delete DB user {user:?}"), &call)
            .await?;
        match r.status {
            404 => Ok(format!("{line} (not found: already gone)")),
            _ if r.ok() => Ok(line),
            _ => Err(self.http.fail(&format!("delete DB user {user:?}"), &r)),
        }
    }

    /// `POST /v1/users/db/{user}`; a transport failure says the user may exist all the same.
    async fn send_create(&self, user: &str) -> Result<Reply> {
        let what = format!("create DB user {user:?}");
        self.http
            .send(&what, &Call::post(user_path(user)))
            .await
            .map_err(|e| {
                Error::new(
                    e.kind(),
                    format!(
                        "{} (the server may have made DB user {user:?} all the same: GET {})",
                        e.message(),
                        user_path(user)
                    ),
                )
                .hint(e.hint_text().unwrap_or("check the server"))
            })
    }
}

impl Target for Weaviate {
    fn plan(&self, spec: &PushSpec) -> Vec<String> {
        let user = self.user_for(spec);
        let mut v = Vec::new();
        if spec.recorded || spec.adopt {
            v.push(format!(
                "DELETE {} (only if POST answers 409: the user is left from an earlier version)",
                user_path(&user)
            ));
        }
        v.push(format!("POST {}", user_path(&user)));
        if !spec.roles.is_empty() {
            v.push(Self::assign_call(&user, &spec.roles).plan_line(&[]));
        }
        v.push("GET /v1/users/own-info (probe: as the new key with Authorization: Bearer ****, then as a wrong one)".to_string());
        v
    }

    fn user_for(&self, spec: &PushSpec) -> String {
        alt_user(&spec.name, spec.version)
    }

    async fn check_admin(&mut self) -> Result<String> {
        let what = "who am I (as the admin)";
        let r = self.http.ok(what, &Call::get("/v1/users/own-info")).await?;
        let who = self.http.json(what, &r)?["username"]
            .as_str()
            .unwrap_or("?")
            .to_string();
        let version = match self
            .http
            .send("read the version", &Call::get("/v1/meta"))
            .await
        {
            Ok(r) if r.ok() => r
                .json()
                .and_then(|v| v["version"].as_str().map(str::to_string)),
            _ => None,
        };
        Ok(format!(
            "Weaviate {} (admin: {who})",
            version.as_deref().unwrap_or("(version not readable)")
        ))
    }

    async fn apply(&mut self, _spec: &PushSpec, _secret: &str) -> Result<Applied> {
        Err(Error::usage(format!(
            "target {}: weaviate makes its API keys itself; vauth cannot push one it made",
            self.name
        ))
        .hint("create the key there: `vauth key create NAME --on TARGET`"))
    }

    async fn create(&mut self, spec: &PushSpec) -> Result<(Applied, Zeroizing<String>)> {
        let user = self.user_for(spec);
        let what = format!("create DB user {user:?}");
        let mut r = self.send_create(&user).await?;
        if r.status == 409 {
            if !(spec.recorded || spec.adopt) {
                return Err(self.http.fail(&what, &r).hint(format!(
                    "DB user {user:?} exists and was not created from this vauth home; pass --adopt {user} to replace it, or set a target prefix"
                )));
            }
            // Ours from an earlier version (or adopted): replace it.
            self.delete_user(&user).await?;
            r = self.send_create(&user).await?;
        }
        if !r.ok() {
            let mut e = self.http.fail(&what, &r);
            if r.status == 422 {
                e = e.hint("check that AUTHENTICATION_DB_USERS_ENABLED is on, and that the name is not a static or root user");
            }
            return Err(e);
        }
        let v = self.http.json(&what, &r)?;
        let Some(key) = v["apikey"].as_str().map(|k| Zeroizing::new(k.to_string())) else {
            let back = self.delete_user(&user).await;
            return Err(self.http.error(
                &what,
                &match back {
                    Ok(_) => "the answer holds no apikey; the user was deleted again".to_string(),
                    Err(_) => format!("the answer holds no apikey, and the server still holds DB user {user:?}: delete it"),
                },
            ));
        };
        self.http.add_secret(&key);
        if !spec.roles.is_empty() {
            let awhat = format!("assign roles to DB user {user:?}");
            if let Err(e) = self
                .http
                .ok(&awhat, &Self::assign_call(&user, &spec.roles))
                .await
            {
                let note = match self.delete_user(&user).await {
                    Ok(_) => "; the new user was deleted again".to_string(),
                    Err(_) => format!(
                        "; deleting the new user failed too: the server still holds DB user {user:?}, delete it"
                    ),
                };
                let mut e2 = Error::new(e.kind(), format!("{}{note}", e.message()));
                if let Some(h) = e.hint_text() {
                    e2 = e2.hint(h);
                }
                return Err(e2);
            }
        }
        Ok((Applied::user(user), key))
    }

    async fn probe_login(&mut self, user: &str, secret: &str) -> Result<()> {
        self.http.add_secret(secret);
        let what = "probe";
        let r = self.http.send(what, &own_info(secret)).await?;
        if !r.ok() {
            return Err(self
                .http
                .answer_error(&format!("probe: the new key of {user:?} was refused"), &r));
        }
        let v = self.http.json(what, &r)?;
        let got = v["username"].as_str();
        if got != Some(user) {
            return Err(self.http.error(
                what,
                &format!(
                    "the new key authenticated as {}, not {user:?}",
                    got.map_or_else(|| "nobody".to_string(), |g| format!("{g:?}"))
                ),
            ));
        }
        Ok(())
    }

    async fn probe_wrong(&mut self, _user: &str, _secret: &str, wrong: &str) -> Result<Wrong> {
        self.http.probe_wrong(&own_info(wrong), wrong, "key").await
    }

    fn wrong_accepted(&self, user: &str) -> Error {
        accepted_wrong(
            &self.name,
            "key",
            user,
            "anonymous access is on (AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED), or a proxy answers for the server",
        )
    }

    async fn revoke(&mut self, spec: &RevokeSpec) -> Result<Vec<String>> {
        let user = &spec.user;
        let what = format!("deactivate DB user {user:?}");
        let call = Call::post(format!("{}/deactivate", user_path(user))).idempotent();
        let line = call.plan_line(&[]);
        let r = self.http.send(&what, &call).await?;
        let mut done = Vec::new();
        match r.status {
            404 => return Ok(vec![format!("{line} (not found: already gone)")]),
            409 => done.push(format!("{line} (already inactive)")),
            _ if r.ok() => done.push(line),
            _ => return Err(self.http.fail(&what, &r)),
        }
        done.push(self.delete_user(user).await?);
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternating_users() {
        assert_eq!(alt_user("app", 1), "app-a");
        assert_eq!(alt_user("app", 2), "app-b");
        assert_eq!(alt_user("app", 3), "app-a");
    }
}
