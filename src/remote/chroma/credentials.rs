//! The credentials file of a Chroma target (Chroma's `CHROMA_SERVER_AUTHN_CREDENTIALS_FILE`, and
//! with simple RBAC its `CHROMA_SERVER_AUTHZ_CONFIG_FILE`): what vauth reads back, keeps and
//! writes. Users (id, role, tokens) are parsed and written again; `roles_mapping:` is kept as
//! text; anything else is refused.

use zeroize::Zeroizing;

const MARK: &str = "# managed by vauth";
const HEADER2: &str = "# vauth rewrites this file on push and revoke; restart Chroma to apply it.";

/// One user of the credentials file.
#[derive(Default, PartialEq)]
pub struct User {
    /// Its id.
    pub id: String,
    /// Its RBAC role, if the file gives one.
    pub role: Option<String>,
    /// Its tokens, in order.
    pub tokens: Vec<Zeroizing<String>>,
}

/// The users of a credentials file vauth wrote, in order, and its `roles_mapping:` section as it
/// was written (its Debug form shows users, roles and how many tokens each has, never a token).
#[derive(Default, PartialEq)]
pub struct Credentials {
    /// The users.
    pub users: Vec<User>,
    /// The `roles_mapping:` section, verbatim (from its key line to the next top-level key).
    pub roles_mapping: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut m = f.debug_map();
        for u in &self.users {
            let role = u
                .role
                .as_deref()
                .map_or(String::new(), |r| format!("role {r}, "));
            m.entry(
                &u.id,
                &format_args!("{role}{} token(s) ****", u.tokens.len()),
            );
        }
        if self.roles_mapping.is_some() {
            m.entry(&"roles_mapping", &format_args!("(kept)"));
        }
        m.finish()
    }
}

/// A string as vauth writes it (JSON-quoted, which YAML reads alike), or a plain YAML word.
fn scalar(s: &str) -> std::result::Result<String, String> {
    let s = s.trim();
    if s.starts_with('"') {
        return serde_json::from_str::<String>(s).map_err(|_| "a malformed quoted string".into());
    }
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return Ok(s.to_string());
    }
    Err(format!("{s:?} is not a quoted string or a plain word"))
}

impl Credentials {
    /// Parse a file vauth wrote (perhaps with `role:` lines and a `roles_mapping:` section added
    /// by hand). Anything else is refused: vauth does not rewrite a file it cannot write back
    /// without losing part of it.
    pub fn parse(text: &str) -> std::result::Result<Credentials, String> {
        if !text.starts_with(MARK) {
            return Err("it was not written by vauth (no `# managed by vauth` first line)".into());
        }
        let mut c = Credentials::default();
        let mut section = "";
        let mut mapping: Vec<&str> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let at = |m: &str| format!("line {}: {m}", n + 1);
            let t = line.trim();
            let top = !line.starts_with([' ', '\t']) && !t.is_empty() && !t.starts_with('#');
            if top {
                let k = t.split(':').next().unwrap_or("").trim();
                if seen.contains(&k) {
                    return Err(at(&format!("a second `{k}:` section")));
                }
                section = match k {
                    "users" if t == "users:" => "users",
                    "roles_mapping" => "roles_mapping",
                    _ => {
                        return Err(at(&format!(
                            "top-level `{k}` is not a section vauth keeps (users:, roles_mapping:), so rewriting the file would lose it"
                        )));
                    }
                };
                seen.push(section);
            }
            if section == "roles_mapping" {
                mapping.push(line);
                continue;
            }
            if t.is_empty() || top {
                continue;
            }
            if t.starts_with('#') {
                if section.is_empty() && (n == 0 || line == HEADER2) {
                    continue; // vauth's header, written again
                }
                return Err(at(
                    "a comment vauth did not write would be lost: move it into roles_mapping",
                ));
            }
            fn user(c: &mut Credentials, n: usize) -> std::result::Result<&mut User, String> {
                c.users
                    .last_mut()
                    .ok_or_else(|| format!("line {}: a user's field before any `- id:`", n + 1))
            }
            if let Some(id) = t.strip_prefix("- id:") {
                c.users.push(User {
                    id: scalar(id).map_err(|e| at(&e))?,
                    ..User::default()
                });
            } else if let Some(role) = t.strip_prefix("role:") {
                let u = user(&mut c, n)?;
                if u.role.is_some() {
                    return Err(at("a second `role:` for one user"));
                }
                u.role = Some(scalar(role).map_err(|e| at(&e))?);
            } else if t == "tokens:" || t == "tokens: []" {
                user(&mut c, n)?;
            } else if let Some(tok) = t.strip_prefix("- ") {
                let tok = Zeroizing::new(
                    serde_json::from_str::<String>(tok.trim())
                        .map_err(|_| at("expected a quoted token"))?,
                );
                user(&mut c, n)?.tokens.push(tok);
            } else {
                let k = t.split(':').next().unwrap_or(t);
                return Err(at(&format!(
                    "`{k}` is not in the form vauth writes (id, role, tokens), so rewriting the file would lose it"
                )));
            }
        }
        while mapping.last().is_some_and(|l| l.trim().is_empty()) {
            mapping.pop();
        }
        if !mapping.is_empty() {
            c.roles_mapping = Some(mapping.join("\n"));
        }
        Ok(c)
    }

    /// The file text (YAML, every string JSON-quoted; `roles_mapping:` as it was).
    pub fn render(&self, marker: &str) -> Zeroizing<String> {
        let mut s = Zeroizing::new(format!(
            "{MARK} ({marker}): Chroma token credentials (CHROMA_SERVER_AUTHN_CREDENTIALS_FILE).\n\
             {HEADER2}\n\
             users:\n"
        ));
        for u in &self.users {
            s.push_str(&format!("  - id: {}\n", json_str(&u.id)));
            if let Some(r) = &u.role {
                s.push_str(&format!("    role: {}\n", json_str(r)));
            }
            if u.tokens.is_empty() {
                s.push_str("    tokens: []\n");
            } else {
                s.push_str("    tokens:\n");
            }
            for t in &u.tokens {
                s.push_str(&format!("      - {}\n", json_str(t)));
            }
        }
        if let Some(m) = &self.roles_mapping {
            s.push_str(m);
            s.push('\n');
        }
        s
    }

    /// The roles `roles_mapping:` names (its keys; None when there is no such section, or it
    /// is written in a flow style vauth does not read).
    pub fn roles(&self) -> Option<Vec<String>> {
        let m = self.roles_mapping.as_ref()?;
        let mut lines = m.lines();
        if lines.next()?.trim_end() != "roles_mapping:" {
            return None;
        }
        let body: Vec<&str> = lines
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .collect();
        let indent = |l: &str| l.len() - l.trim_start().len();
        let first = indent(body.first()?);
        body.iter()
            .filter(|l| indent(l) == first)
            .map(|l| {
                let k = l
                    .trim()
                    .strip_suffix(':')
                    .or_else(|| l.trim().split(": ").next())?;
                scalar(k)
                    .ok()
                    .or_else(|| k.strip_prefix('\'')?.strip_suffix('\'').map(str::to_string))
            })
            .collect()
    }

    /// With a `roles_mapping:`, Chroma starts only if every user has a role it names.
    pub(super) fn check_roles(&self) -> std::result::Result<(), String> {
        let Some(roles) = self.roles() else {
            return Ok(());
        };
        for u in &self.users {
            let why = match &u.role {
                None => "has no role, and Chroma's RBAC needs one for every user".to_string(),
                Some(r) if !roles.contains(r) => {
                    format!("has role {r:?}, which roles_mapping does not name")
                }
                Some(_) => continue,
            };
            return Err(format!("user {:?} {why}", u.id));
        }
        Ok(())
    }

    pub(super) fn user_mut(&mut self, id: &str) -> &mut User {
        let i = match self.users.iter().position(|u| u.id == id) {
            Some(i) => i,
            None => {
                self.users.push(User {
                    id: id.to_string(),
                    ..User::default()
                });
                self.users.len() - 1
            }
        };
        &mut self.users[i]
    }
}

fn json_str(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::super::ADMIN_USER;
    use super::*;

    fn tok(s: &str) -> Zeroizing<String> {
        Zeroizing::new(s.to_string())
    }

    #[test]
    fn debug_shows_no_token() {
        let mut c = Credentials::default();
        c.user_mut("app").tokens.push(tok("tok-s3cret"));
        c.user_mut("app").role = Some("reader".into());
        let d = format!("{c:?}");
        assert!(!d.contains("s3cret"), "{d}");
        assert!(
            d.contains("app") && d.contains("role reader, 1 token(s)"),
            "{d}"
        );
    }

    #[test]
    fn credentials_round_trip_and_refuse_foreign_files() {
        let mut c = Credentials::default();
        c.user_mut("app").tokens.push(tok("tok\"1"));
        c.user_mut("app").tokens.push(tok("tok2"));
        c.user_mut(ADMIN_USER).tokens.push(tok("adm"));
        let text = c.render("managed by vauth h1");
        assert_eq!(Credentials::parse(&text).unwrap(), c);
        assert!(Credentials::parse("users:\n  - id: x\n").is_err());
        assert!(
            Credentials::parse("# managed by vauth\nusers:\n  - id: x\n    tenant: t\n").is_err()
        );
    }

    const RBAC: &str =
        "# managed by vauth (h1): Chroma token credentials (CHROMA_SERVER_AUTHN_CREDENTIALS_FILE).
# vauth rewrites this file on push and revoke; restart Chroma to apply it.
users:
  - id: \"vauth-admin\"
    role: admin
    tokens:
      - \"adm\"
  - id: \"app\"
    role: \"reader\"
    tokens: []
roles_mapping:
  # the admin reads and writes
  admin:
    actions: [\"db:list_collections\", \"collection:add\"]
  'reader':
    actions:
      - db:list_collections

  writer: {actions: [\"collection:add\"]}
# end of the mapping
";

    #[test]
    fn roles_and_roles_mapping_round_trip_byte_for_byte() {
        let c = Credentials::parse(RBAC).unwrap();
        assert_eq!(c.users[0].role.as_deref(), Some("admin"));
        assert_eq!(c.users[1].role.as_deref(), Some("reader"));
        assert!(c.users[1].tokens.is_empty());
        assert_eq!(c.roles().unwrap(), ["admin", "reader", "writer"]);
        let m = c.roles_mapping.as_deref().unwrap();
        let start = RBAC.find("roles_mapping:").unwrap();
        assert_eq!(format!("{m}\n"), RBAC[start..]);
        let again = c.render("h1");
        assert!(again.ends_with(&RBAC[start..]), "{}", *again);
        assert_eq!(Credentials::parse(&again).unwrap(), c);
        assert_eq!(
            *c.render("h1"),
            *Credentials::parse(&again).unwrap().render("h1")
        );
        c.check_roles().unwrap();
    }

    #[test]
    fn refuses_what_it_would_lose_and_roles_chroma_would_not_start_with() {
        let refuse = |t: &str, want: &str| {
            let e = Credentials::parse(&format!("# managed by vauth\n{t}")).unwrap_err();
            assert!(e.contains(want), "{t:?}: {e}");
        };
        refuse(
            "users:\n  - id: a\n    databases: [x]\n",
            "`databases` is not in the form",
        );
        refuse("users:\n  - id: a\nauthz:\n  x: 1\n", "top-level `authz`");
        refuse("# mine\nusers:\n", "comment vauth did not write");
        refuse(
            "users:\n  # ops\n  - id: a\n",
            "comment vauth did not write",
        );
        refuse(
            "users:\n  - id: a\n    role: b\n    role: c\n",
            "second `role:`",
        );
        refuse("users:\nusers:\n", "second `users:`");
        refuse("users:\n  - id: a b\n", "not a quoted string");

        let mut c = Credentials::parse(RBAC).unwrap();
        c.user_mut("new").tokens.push(tok("t"));
        assert!(c.check_roles().unwrap_err().contains("\"new\" has no role"));
        c.user_mut("new").role = Some("root".into());
        assert!(
            c.check_roles()
                .unwrap_err()
                .contains("roles_mapping does not name")
        );
        c.user_mut("new").role = Some("writer".into());
        c.check_roles().unwrap();
        // Without roles_mapping, roles are written but not checked.
        c.roles_mapping = None;
        c.user_mut("new").role = Some("root".into());
        c.check_roles().unwrap();
    }
}
