//! Qdrant's JWT claim shapes (reference/vector-db-admin-apis.md §1.4): HS256 tokens signed with
//! the Qdrant API key, whose `access` claim is either a global mode (`"r"` read-only, `"m"`
//! manage) or a list of `{collection, access: r|rw|prw}`, optionally gated by `value_exists`.

use serde_json::{Map, Value, json};

/// A collection-level access mode.
pub const COLLECTION_MODES: [&str; 3] = ["r", "rw", "prw"];
/// The global access modes.
pub const GLOBAL_MODES: [&str; 2] = ["r", "m"];

/// What the Qdrant flags asked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Preset {
    /// `--qdrant-access r|m`.
    pub global: Option<String>,
    /// `--qdrant-collection NAME=MODE`, in order given.
    pub collections: Vec<(String, String)>,
    /// `--qdrant-value-exists COLLECTION:KEY=VALUE`.
    pub value_exists: Vec<(String, String, Value)>,
}

/// Parse `NAME=r|rw|prw`.
pub fn parse_collection(s: &str) -> Result<(String, String), String> {
    let (name, mode) = s
        .rsplit_once('=')
        .ok_or_else(|| format!("{s:?} is not COLLECTION=r|rw|prw"))?;
    if name.is_empty() {
        return Err("the collection name is empty".into());
    }
    if !COLLECTION_MODES.contains(&mode) {
        return Err(format!(
            "{mode:?} is not a Qdrant collection access mode (r, rw or prw)"
        ));
    }
    Ok((name.to_string(), mode.to_string()))
}

/// Parse `COLLECTION:KEY=VALUE`; VALUE is a JSON scalar when it parses as one, else a string.
pub fn parse_value_exists(s: &str) -> Result<(String, String, Value), String> {
    let (collection, rest) = s
        .split_once(':')
        .ok_or_else(|| format!("{s:?} is not COLLECTION:KEY=VALUE"))?;
    let (key, value) = rest
        .split_once('=')
        .ok_or_else(|| format!("{s:?} is not COLLECTION:KEY=VALUE"))?;
    if collection.is_empty() || key.is_empty() {
        return Err(format!(
            "{s:?}: the collection and the key must not be empty"
        ));
    }
    let v = match serde_json::from_str::<Value>(value) {
        Ok(v @ (Value::String(_) | Value::Number(_) | Value::Bool(_))) => v,
        Ok(Value::Array(_) | Value::Object(_) | Value::Null) => {
            return Err(format!(
                "{s:?}: Qdrant matches a scalar value (string, number or bool)"
            ));
        }
        Err(_) => Value::String(value.to_string()),
    };
    Ok((collection.to_string(), key.to_string(), v))
}

impl Preset {
    /// Whether any Qdrant flag was given.
    pub fn is_empty(&self) -> bool {
        self.global.is_none() && self.collections.is_empty() && self.value_exists.is_empty()
    }

    /// The claims to add, or why Qdrant would reject the combination.
    pub fn claims(&self) -> Result<Map<String, Value>, String> {
        let mut m = Map::new();
        match (&self.global, self.collections.is_empty()) {
            (Some(_), false) => {
                return Err(
                    "--qdrant-access and --qdrant-collection exclude each other: Qdrant's \
                     access claim is either a global mode or a collection list"
                        .into(),
                );
            }
            (Some(g), true) => {
                if !GLOBAL_MODES.contains(&g.as_str()) {
                    return Err(format!("{g:?} is not a Qdrant global access mode (r or m)"));
                }
                m.insert("access".into(), Value::String(g.clone()));
            }
            (None, false) => {
                let mut seen = std::collections::BTreeSet::new();
                let mut list = Vec::new();
                for (name, mode) in &self.collections {
                    if !seen.insert(name.as_str()) {
                        return Err(format!(
                            "collection {name:?} is listed twice; Qdrant refuses duplicate collections"
                        ));
                    }
                    list.push(json!({"collection": name, "access": mode}));
                }
                m.insert("access".into(), Value::Array(list));
            }
            (None, true) => {}
        }
        if let Some((first, _, _)) = self.value_exists.first() {
            if let Some((other, _, _)) = self.value_exists.iter().find(|(c, _, _)| c != first) {
                return Err(format!(
                    "--qdrant-value-exists names two collections ({first:?}, {other:?}); Qdrant checks one"
                ));
            }
            let matches: Vec<Value> = self
                .value_exists
                .iter()
                .map(|(_, k, v)| json!({"key": k, "value": v}))
                .collect();
            m.insert(
                "value_exists".into(),
                json!({"collection": first, "matches": matches}),
            );
        }
        Ok(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_global_read() {
        let p = Preset {
            global: Some("r".into()),
            ..Default::default()
        };
        assert_eq!(Value::Object(p.claims().unwrap()), json!({"access": "r"}));
    }

    #[test]
    fn golden_collections_and_value_exists() {
        let p = Preset {
            collections: vec![
                parse_collection("docs=rw").unwrap(),
                parse_collection("logs=r").unwrap(),
            ],
            value_exists: vec![
                parse_value_exists("users:user_id=42").unwrap(),
                parse_value_exists("users:role=admin").unwrap(),
            ],
            ..Default::default()
        };
        assert_eq!(
            Value::Object(p.claims().unwrap()),
            json!({
                "access": [
                    {"collection": "docs", "access": "rw"},
                    {"collection": "logs", "access": "r"}
                ],
                "value_exists": {
                    "collection": "users",
                    "matches": [
                        {"key": "user_id", "value": 42},
                        {"key": "role", "value": "admin"}
                    ]
                }
            })
        );
    }

    #[test]
    fn combinations_qdrant_rejects() {
        let both = Preset {
            global: Some("r".into()),
            collections: vec![("a".into(), "r".into())],
            ..Default::default()
        };
        assert!(both.claims().is_err());
        let dup = Preset {
            collections: vec![("a".into(), "r".into()), ("a".into(), "rw".into())],
            ..Default::default()
        };
        assert!(dup.claims().unwrap_err().contains("twice"));
        let two = Preset {
            value_exists: vec![
                ("a".into(), "k".into(), json!(1)),
                ("b".into(), "k".into(), json!(1)),
            ],
            ..Default::default()
        };
        assert!(two.claims().is_err());
        assert!(parse_collection("a=w").is_err());
        assert!(parse_value_exists("a:k=[1]").is_err());
        let bad_global = Preset {
            global: Some("w".into()),
            ..Default::default()
        };
        assert!(bad_global.claims().is_err());
    }
}
