//! OpenSearch (security plugin, `/_plugins/_security/api`): a key becomes the password of an
//! internal user. A user holds one password, so two users take turns, like postgres:
//! `<name>_a` (odd key versions) and `<name>_b` (even), with the same roles. vauth marks the users
//! it makes with the attribute `managed_by: managed by vauth <home-id>` and alters an existing user
//! only when it carries that marker, state.json says vauth pushed this key there, or `--adopt`.
//! Without `--role`, a new user copies the roles and backend roles of the other user of the pair
//! (a rotation), else those of the user it replaces.
//!
//! The admin authenticates with HTTP Basic; the probe calls `GET /_plugins/_security/authinfo` as
//! the new user, then with a wrong password (must be 401/403).

use serde_json::{Value, json};
use zeroize::Zeroizing;

use super::http::{Auth, Call, Http, Reply, pct};
use super::postgres::login_role;
use super::{
    Applied, Endpoint, Held, HeldQuery, PushSpec, RevokeSpec, Target, TargetConfig, Wrong,
    unverifiable,
};
use crate::error::{Error, Result};

const USERS: &str = "/_plugins/_security/api/internalusers";
const AUTHINFO: &str = "/_plugins/_security/authinfo";

/// An OpenSearch target.
pub struct Opensearch {
    http: Http,
    admin_user: String,
}

fn user_path(user: &str) -> String {
    format!("{USERS}/{}", pct(user))
}

fn put_user(
    user: &str,
    password: &str,
    roles: &[String],
    backend: &[String],
    marker: &str,
) -> Call {
    let mut body = json!({
        "password": password,
        "opendistro_security_roles": roles,
        "attributes": { "managed_by": marker },
    });
    if !backend.is_empty() {
        body["backend_roles"] = json!(backend);
    }
    Call::put(user_path(user)).json(body)
}

fn basic(user: &str, password: &str) -> String {
    use base64::Engine as _;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

fn probe_call(user: &str, password: &str) -> Call {
    Call::get(AUTHINFO)
        .anonymous()
        .header("authorization", basic(user, password))
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// An internal user as `GET internalusers/{user}` shows it.
struct Existing {
    roles: Vec<String>,
    backend_roles: Vec<String>,
    managed_by: Option<String>,
}

impl Opensearch {
    /// A target for `ep`; the admin is the URL's user (default `admin`) with `admin`.
    pub fn new(
        name: &str,
        cfg: &TargetConfig,
        ep: Endpoint,
        admin: Option<Zeroizing<String>>,
    ) -> Result<Opensearch> {
        let admin_user = ep.user.clone().unwrap_or_else(|| "admin".to_string());
        let auth = match admin {
            Some(pw) => Auth::Basic(admin_user.clone(), pw),
            None => Auth::None,
        };
        Ok(Opensearch {
            http: Http::new(name, cfg, auth)?,
            admin_user,
        })
    }

    /// Send `call` as the admin: the reply when 2xx (or 404 when `absent_ok`).
    async fn admin(&self, what: &str, call: &Call, absent_ok: bool) -> Result<Reply> {
        let r = self.http.send(what, call).await?;
        if r.status == 401 {
            return Err(self.http.admin_refused(what, &self.admin_user, &r));
        }
        if r.ok() || (absent_ok && r.status == 404) {
            Ok(r)
        } else {
            Err(self.http.fail(what, &r))
        }
    }

    async fn get_user(&self, user: &str) -> Result<Option<Existing>> {
        let what = format!("read internal user {user:?}");
        let r = self.admin(&what, &Call::get(user_path(user)), true).await?;
        if r.status == 404 {
            return Ok(None);
        }
        let v = self.http.json(&what, &r)?;
        let Some(u) = v.get(user) else {
            return Err(self
                .http
                .error(&what, "the answer does not name the user")
                .hint("check that the URL points at OpenSearch with the security plugin"));
        };
        Ok(Some(Existing {
            roles: strings(u.get("opendistro_security_roles")),
            backend_roles: strings(u.get("backend_roles")),
            managed_by: u
                .pointer("/attributes/managed_by")
                .and_then(Value::as_str)
                .map(str::to_string),
        }))
    }
}

impl Target for Opensearch {
    async fn held(&mut self, q: &[HeldQuery]) -> Result<Vec<Held>> {
        let mut out = Vec::with_capacity(q.len());
        for h in q {
            out.push(if self.get_user(&h.user).await?.is_some() {
                Held::Live
            } else {
                Held::Gone
            });
        }
        Ok(out)
    }

    fn user_for(&self, spec: &PushSpec) -> String {
        login_role(&spec.name, spec.version)
    }

    fn plan(&self, spec: &PushSpec) -> Vec<String> {
        let user = self.user_for(spec);
        let sib = login_role(&spec.name, spec.version.wrapping_add(1));
        let mut v = vec![Call::get(user_path(&user)).plan_line(&[])];
        let roles = if spec.roles.is_empty() {
            v.push(format!(
                "{} (its roles and backend roles are copied when vauth made it, else those of {user})",
                Call::get(user_path(&sib)).plan_line(&[])
            ));
            vec!["(copied)".to_string()]
        } else {
            spec.roles.clone()
        };
        v.push(put_user(&user, "****", &roles, &[], &spec.marker).plan_line(&[]));
        v.push(format!(
            "{} (probe: as {user} with the key, then with a wrong password)",
            Call::get(AUTHINFO).plan_line(&[])
        ));
        v
    }

    async fn check_admin(&mut self) -> Result<String> {
        let r = self
            .admin("read the server version", &Call::get("/"), false)
            .await?;
        let v = self.http.json("read the server version", &r)?;
        let dist = v
            .pointer("/version/distribution")
            .and_then(Value::as_str)
            .unwrap_or("opensearch");
        let number = v
            .pointer("/version/number")
            .and_then(Value::as_str)
            .unwrap_or("unknown");
        let r = self.admin("authinfo", &Call::get(AUTHINFO), false).await?;
        let v = self.http.json("authinfo", &r)?;
        let who = v.get("user_name").and_then(Value::as_str).unwrap_or("?");
        let dist = if dist == "opensearch" {
            "OpenSearch"
        } else {
            dist
        };
        Ok(format!("{dist} {number}, admin authenticated as {who}"))
    }

    async fn apply(&mut self, spec: &PushSpec, secret: &str) -> Result<Applied> {
        self.http.add_secret(secret);
        let user = self.user_for(spec);
        let ours = |e: &Existing| spec.recorded || e.managed_by.as_deref() == Some(&spec.marker);
        let existing = self.get_user(&user).await?;
        if let Some(e) = &existing
            && !ours(e)
            && !spec.adopt
        {
            return Err(self
                .http
                .refusal(format!(
                    "internal user {user:?} exists and was not created by this vauth home; nothing was changed"
                ))
                .hint(format!(
                    "pass --adopt {} to take it over, or set a target prefix",
                    spec.name
                )));
        }
        let (roles, backend) = if spec.roles.is_empty() {
            let sib = login_role(&spec.name, spec.version.wrapping_add(1));
            let template = match self.get_user(&sib).await? {
                Some(s) if ours(&s) => Some(s),
                _ => existing,
            };
            template.map_or_else(Default::default, |t| (t.roles, t.backend_roles))
        } else {
            (spec.roles.clone(), Vec::new())
        };
        let c = put_user(&user, secret, &roles, &backend, &spec.marker);
        self.admin(&format!("put internal user {user:?}"), &c, false)
            .await
            .map_err(|e| {
                let hint = if e.message().contains("HTTP 400") {
                    "check that every --role exists and the password rules (plugins.security.restapi.password_validation_regex)"
                } else {
                    e.hint_text().unwrap_or("see the server's message")
                };
                Error::new(e.kind(), e.message().to_string()).hint(hint.to_string())
            })?;
        Ok(Applied::user(user))
    }

    async fn probe_login(&mut self, user: &str, secret: &str) -> Result<()> {
        self.http.add_secret(secret);
        let r = self.http.send("probe", &probe_call(user, secret)).await?;
        if !r.ok() {
            return Err(self
                .http
                .answer_error(&format!("probe: {user:?} with the new password was refused"), &r)
                .hint("check the authentication backends (config.yml: the internal user database must take HTTP Basic)"));
        }
        let v = self.http.json("probe", &r)?;
        let who = v.get("user_name").and_then(Value::as_str).unwrap_or("");
        if who != user {
            return Err(self
                .http
                .error("probe", &format!("authenticated as {who:?}, not {user:?}")));
        }
        Ok(())
    }

    async fn probe_wrong(&mut self, user: &str, _secret: &str, wrong: &str) -> Result<Wrong> {
        self.http
            .probe_wrong(&probe_call(user, wrong), wrong, "password")
            .await
    }

    fn wrong_accepted(&self, user: &str) -> Error {
        unverifiable(
            self.http.target(),
            &format!("OpenSearch accepted a wrong password for {user:?}"),
            "the security plugin lets anyone in (anonymous auth, or security disabled)",
        )
    }

    async fn revoke(&mut self, spec: &RevokeSpec) -> Result<Vec<String>> {
        if spec.user_still_used {
            return Ok(Vec::new());
        }
        let c = Call::delete(user_path(&spec.user));
        let r = self
            .admin(&format!("delete internal user {:?}", spec.user), &c, true)
            .await?;
        if r.status == 404 {
            return Ok(Vec::new());
        }
        Ok(vec![c.plan_line(&[])])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies() {
        let c = put_user("app_a", "****", &["r".into()], &[], "managed by vauth h");
        assert_eq!(
            c.plan_line(&[]),
            r#"PUT /_plugins/_security/api/internalusers/app_a {"attributes":{"managed_by":"managed by vauth h"},"opendistro_security_roles":["r"],"password":"****"}"#
        );
        assert_eq!(basic("a", "b"), "Basic YTpi");
        assert_eq!(user_path("a b"), format!("{USERS}/a%20b"));
    }
}
