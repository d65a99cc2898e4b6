//! Milvus (REST v2, every call a `POST` under `/v2/vectordb`): a key becomes the password of a
//! Milvus user. A user holds one password and `users/update_password` needs the old one, so two
//! users take turns, like postgres: `<name>_a` (odd key versions) and `<name>_b` (even), each
//! granted the same roles. Pushing to a user that exists drops and creates it again; a rotation
//! copies the roles of the other user when `--role` is not given.
//!
//! The admin authenticates with `Authorization: Bearer user:password`. Milvus answers HTTP 200
//! with `{"code":0,"data":…}` on success and `{"code":N,"message":…}` on failure, so the code is
//! checked on every answer; a missing or wrong credential is HTTP 401 with code 1800. Milvus keeps
//! no marker on a user: vauth alters only users that state.json says it pushed this key to, or
//! `--adopt`.

use serde_json::{Value, json};
use zeroize::Zeroizing;

use super::http::{Auth, Call, Http, Reply};
use super::postgres::login_role;
use super::{
    Applied, Endpoint, Held, HeldQuery, PushSpec, RevokeSpec, Target, TargetConfig, Wrong,
    unverifiable,
};
use crate::error::{Error, Result};

const BASE: &str = "/v2/vectordb";
/// `merr.ErrNeedAuthenticate`: no or wrong credential.
const CODE_NEED_AUTHENTICATE: i64 = 1800;

/// A Milvus target.
pub struct Milvus {
    http: Http,
    admin_user: String,
}

fn path(p: &str) -> String {
    format!("{BASE}{p}")
}

fn list_users() -> Call {
    Call::post(path("/users/list")).json(json!({})).idempotent()
}

fn describe_user(user: &str) -> Call {
    Call::post(path("/users/describe"))
        .json(json!({ "userName": user }))
        .idempotent()
}

fn list_roles() -> Call {
    Call::post(path("/roles/list")).json(json!({})).idempotent()
}

fn drop_user(user: &str) -> Call {
    Call::post(path("/users/drop")).json(json!({ "userName": user }))
}

fn create_user(user: &str, password: &str) -> Call {
    Call::post(path("/users/create")).json(json!({ "userName": user, "password": password }))
}

fn grant_role(user: &str, role: &str) -> Call {
    Call::post(path("/users/grant_role")).json(json!({ "userName": user, "roleName": role }))
}

/// A call made as `user` with `password` instead of the admin.
fn probe_call(user: &str, password: &str) -> Call {
    Call::post(path("/collections/list"))
        .json(json!({}))
        .idempotent()
        .anonymous()
        .header("authorization", format!("Bearer {user}:{password}"))
}

/// The other user of the pair.
fn sibling(name: &str, version: u32) -> String {
    login_role(name, version.wrapping_add(1))
}

/// The `code` of a Milvus answer, if it has one.
fn code(r: &Reply) -> Option<i64> {
    r.json().and_then(|v| v.get("code").and_then(Value::as_i64))
}

/// How Milvus answered a login.
enum Login {
    Accepted,
    Refused,
    Other,
}

fn login(r: &Reply) -> Login {
    if matches!(r.status, 401 | 403) {
        return Login::Refused;
    }
    if !r.ok() {
        return Login::Other;
    }
    match code(r) {
        Some(0) => Login::Accepted,
        Some(CODE_NEED_AUTHENTICATE) => Login::Refused,
        _ => Login::Other,
    }
}

/// Names in a `data` array: strings, or objects with a `roleName`/`userName`.
fn names(data: &Value) -> Vec<String> {
    data.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| {
                    x.as_str()
                        .or_else(|| x.get("roleName").and_then(Value::as_str))
                        .or_else(|| x.get("userName").and_then(Value::as_str))
                        .map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default()
}

impl Milvus {
    /// A target for `ep`; the admin is the URL's user (default `root`) with `admin`.
    pub fn new(
        name: &str,
        cfg: &TargetConfig,
        ep: Endpoint,
        admin: Option<Zeroizing<String>>,
    ) -> Result<Milvus> {
        let admin_user = ep.user.clone().unwrap_or_else(|| "root".to_string());
        let auth = match admin {
            Some(pw) => Auth::Bearer(Zeroizing::new(format!("{admin_user}:{}", *pw))),
            None => Auth::None,
        };
        Ok(Milvus {
            http: Http::new(name, cfg, auth)?,
            admin_user,
        })
    }

    /// Send `call` as the admin; the answer's `data` when it is HTTP 2xx with code 0.
    async fn admin(&self, what: &str, call: &Call) -> Result<Value> {
        let r = self.http.send(what, call).await?;
        let c = code(&r);
        if r.status == 401 || (r.ok() && c == Some(CODE_NEED_AUTHENTICATE)) {
            return Err(self.http.admin_refused(what, &self.admin_user, &r));
        }
        if !r.ok() {
            return Err(self.http.fail(what, &r));
        }
        let v = self.http.json(what, &r)?;
        match c {
            Some(0) => Ok(v.get("data").cloned().unwrap_or(Value::Null)),
            Some(c) => Err(self
                .http
                .error(what, &format!("Milvus code {c}: {}", r.message()))
                .hint("see Milvus's message: check the user name, the password rules (common.security.*), the roles, and the admin's privileges")),
            None => Err(self
                .http
                .error(what, "the answer has no `code` field")
                .hint("check that the URL points at Milvus's REST port (19530 by default)")),
        }
    }

    async fn users(&self) -> Result<Vec<String>> {
        Ok(names(&self.admin("list users", &list_users()).await?))
    }

    async fn roles_of(&self, user: &str) -> Result<Vec<String>> {
        Ok(names(
            &self
                .admin(&format!("describe user {user:?}"), &describe_user(user))
                .await?,
        ))
    }
}

impl Target for Milvus {
    async fn held(&mut self, q: &[HeldQuery]) -> Result<Vec<Held>> {
        let users = self.users().await?;
        Ok(q.iter()
            .map(|h| {
                if users.contains(&h.user) {
                    Held::Live
                } else {
                    Held::Gone
                }
            })
            .collect())
    }

    fn user_for(&self, spec: &PushSpec) -> String {
        login_role(&spec.name, spec.version)
    }

    fn plan(&self, spec: &PushSpec) -> Vec<String> {
        let user = self.user_for(spec);
        let line = |c: Call| c.plan_line(&[]);
        let mut v = vec![line(list_users())];
        if spec.roles.is_empty() {
            v.push(format!(
                "{} (roles copied from it when it exists and holds this key's previous version, else from {user} when it exists)",
                line(describe_user(&sibling(&spec.name, spec.version)))
            ));
        } else {
            v.push(format!("{} (every --role must exist)", line(list_roles())));
        }
        v.push(format!("{} (only when it exists)", line(drop_user(&user))));
        v.push(line(create_user(&user, "****")));
        if spec.roles.is_empty() {
            v.push(format!(
                "{} (for each role copied)",
                line(grant_role(&user, "ROLE"))
            ));
        }
        for r in &spec.roles {
            v.push(line(grant_role(&user, r)));
        }
        v.push(format!(
            "{} (probe: as {user} with the key, then with a wrong password)",
            Call::post(path("/collections/list"))
                .json(json!({}))
                .plan_line(&[])
        ));
        v
    }

    async fn check_admin(&mut self) -> Result<String> {
        let users = self.users().await?;
        Ok(format!(
            "Milvus (REST v2), admin {} ({} users)",
            self.admin_user,
            users.len()
        ))
    }

    async fn apply(&mut self, spec: &PushSpec, secret: &str) -> Result<Applied> {
        self.http.add_secret(secret);
        let user = self.user_for(spec);
        let users = self.users().await?;
        let exists = users.contains(&user);
        if exists && !spec.recorded && !spec.adopt {
            return Err(self
                .http
                    .refusal(format!(
                    "Milvus user {user:?} exists and vauth did not push this key there; nothing was changed"
                ))
                .hint(format!(
                    "pass --adopt {} to take it over (it is dropped and created again), or set a target prefix",
                    spec.name
                )));
        }
        let roles = if spec.roles.is_empty() {
            let sib = sibling(&spec.name, spec.version);
            if spec.recorded && users.contains(&sib) {
                self.roles_of(&sib).await?
            } else if exists {
                self.roles_of(&user).await?
            } else {
                Vec::new()
            }
        } else {
            let known = names(&self.admin("list roles", &list_roles()).await?);
            if let Some(r) = spec.roles.iter().find(|r| !known.contains(r)) {
                return Err(self
                    .http
                    .refusal(format!(
                        "Milvus has no role {r:?}; nothing was changed"
                    ))
                    .hint("create the role in Milvus first (roles/create + grant_privilege_v2), or fix --role"));
            }
            spec.roles.clone()
        };
        if exists {
            self.admin(&format!("drop user {user:?}"), &drop_user(&user))
                .await?;
        }
        self.admin(
            &format!("create user {user:?}"),
            &create_user(&user, secret),
        )
        .await
        .map_err(|e| {
            if exists {
                Error::new(
                    e.kind(),
                    format!(
                        "{} (the earlier {user:?} was already dropped: push again)",
                        e.message()
                    ),
                )
                .hint(e.hint_text().unwrap_or("push again"))
            } else {
                e
            }
        })?;
        for r in &roles {
            if let Err(e) = self
                .admin(
                    &format!("grant role {r:?} to {user:?}"),
                    &grant_role(&user, r),
                )
                .await
            {
                // Leave no half-made user behind: one without its roles would pass the probe.
                let undone = self.admin("drop user", &drop_user(&user)).await.is_ok();
                let msg = if undone {
                    format!("{} (the user {user:?} was dropped again)", e.message())
                } else {
                    format!(
                        "{} (and dropping {user:?} again failed: it exists without all its roles)",
                        e.message()
                    )
                };
                let mut e2 = Error::new(e.kind(), msg);
                if let Some(h) = e.hint_text() {
                    e2 = e2.hint(h);
                }
                return Err(e2);
            }
        }
        Ok(Applied::user(user))
    }

    async fn probe_login(&mut self, user: &str, secret: &str) -> Result<()> {
        self.http.add_secret(secret);
        let r = self.http.send("probe", &probe_call(user, secret)).await?;
        match login(&r) {
            Login::Accepted => Ok(()),
            Login::Refused => Err(self
                .http
                .answer_error(
                    &format!("probe: {user:?} with the new password was refused"),
                    &r,
                )
                .hint(if r.status == 403 {
                    "the user may not list collections: grant it a role that may (--role)"
                } else {
                    "Milvus did not take the new password: check its log"
                })),
            Login::Other => Err(self.http.error(
                &format!("probe: as {user:?}"),
                &format!("HTTP {}, code {:?}: {}", r.status, code(&r), r.message()),
            )),
        }
    }

    async fn probe_wrong(&mut self, user: &str, _secret: &str, wrong: &str) -> Result<Wrong> {
        self.http.add_secret(wrong);
        let r = self.http.send("probe", &probe_call(user, wrong)).await?;
        match login(&r) {
            Login::Refused => Ok(Wrong::Refused),
            Login::Accepted => Ok(Wrong::Accepted),
            Login::Other => Err(self.http.error(
                "unverifiable: a wrong password was not refused as such",
                &format!("HTTP {}, code {:?}: {}", r.status, code(&r), r.message()),
            )),
        }
    }

    fn wrong_accepted(&self, user: &str) -> Error {
        unverifiable(
            self.http.target(),
            &format!("Milvus accepted a wrong password for {user:?}"),
            "authentication is off: set common.security.authorizationEnabled: true",
        )
    }

    async fn revoke(&mut self, spec: &RevokeSpec) -> Result<Vec<String>> {
        if spec.user_still_used {
            return Ok(Vec::new());
        }
        if !self.users().await?.contains(&spec.user) {
            return Ok(Vec::new());
        }
        let c = drop_user(&spec.user);
        self.admin(&format!("drop user {:?}", spec.user), &c)
            .await?;
        Ok(vec![c.plan_line(&[])])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_and_names() {
        assert_eq!(sibling("app", 1), "app_b");
        assert_eq!(sibling("app", 2), "app_a");
        assert_eq!(
            names(&json!(["a", {"roleName": "b"}, 3])),
            vec!["a".to_string(), "b".to_string()]
        );
        let r = |status, body: &str| Reply {
            status,
            body: body.to_string(),
            retry_after: None,
        };
        assert!(matches!(
            login(&r(200, r#"{"code":0,"data":[]}"#)),
            Login::Accepted
        ));
        assert!(matches!(
            login(&r(200, r#"{"code":1800,"message":"x"}"#)),
            Login::Refused
        ));
        assert!(matches!(login(&r(401, "{}")), Login::Refused));
        assert!(matches!(
            login(&r(200, r#"{"code":1100,"message":"x"}"#)),
            Login::Other
        ));
    }
}
