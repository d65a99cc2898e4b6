//! Building the claims of a token to mint, and judging the claims of a token presented for
//! verification at a chosen instant (jsonwebtoken only knows the system clock).

use serde_json::{Map, Value};
use time::OffsetDateTime;

/// The claims that have their own flags and may not be set through `--claim`.
pub const REGISTERED: [&str; 7] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// Leeway default and cap (seconds), DESIGN.md §8.
pub const DEFAULT_LEEWAY: i64 = 30;
/// The largest leeway accepted.
pub const MAX_LEEWAY: i64 = 300;

/// What a minted token says, before the per-token parts (`iat`, `jti`, `sub` in bulk).
#[derive(Debug, Clone, Default)]
pub struct Template {
    /// `iss`.
    pub iss: Option<String>,
    /// `sub`.
    pub sub: Option<String>,
    /// `aud`: one value is written as a string, several as an array.
    pub aud: Vec<String>,
    /// `exp` (absolute).
    pub exp: Option<OffsetDateTime>,
    /// `nbf` (absolute).
    pub nbf: Option<OffsetDateTime>,
    /// Other claims, in order given (later wins).
    pub extra: Map<String, Value>,
}

impl Template {
    /// The claims of one token issued at `iat` with id `jti` (and `sub` overriding the template's).
    pub fn claims(
        &self,
        iat: OffsetDateTime,
        jti: Option<&str>,
        sub: Option<&str>,
    ) -> Map<String, Value> {
        let mut m = self.extra.clone();
        if let Some(v) = &self.iss {
            m.insert("iss".into(), Value::String(v.clone()));
        }
        if let Some(v) = sub.or(self.sub.as_deref()) {
            m.insert("sub".into(), Value::String(v.to_string()));
        }
        match self.aud.as_slice() {
            [] => {}
            [one] => {
                m.insert("aud".into(), Value::String(one.clone()));
            }
            many => {
                m.insert(
                    "aud".into(),
                    Value::Array(many.iter().cloned().map(Value::String).collect()),
                );
            }
        }
        if let Some(t) = self.exp {
            m.insert("exp".into(), Value::from(t.unix_timestamp()));
        }
        if let Some(t) = self.nbf {
            m.insert("nbf".into(), Value::from(t.unix_timestamp()));
        }
        m.insert("iat".into(), Value::from(iat.unix_timestamp()));
        if let Some(j) = jti {
            m.insert("jti".into(), Value::String(j.to_string()));
        }
        m
    }
}

/// Parse one `--claim KEY=VALUE`: VALUE is JSON when it parses as JSON, else a string.
pub fn parse_claim(s: &str) -> Result<(String, Value), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("{s:?} is not KEY=VALUE"))?;
    if k.is_empty() {
        return Err("the claim name is empty".into());
    }
    if REGISTERED.contains(&k) {
        return Err(format!(
            "{k:?} has its own flag (--{k}); set it there so vauth can check it"
        ));
    }
    let value = serde_json::from_str::<Value>(v).unwrap_or_else(|_| Value::String(v.to_string()));
    Ok((k.to_string(), value))
}

/// What a verifier requires of the claims.
#[derive(Debug, Clone)]
pub struct Rules {
    /// The instant to judge at.
    pub at: OffsetDateTime,
    /// Allowed clock skew, seconds (≤ [`MAX_LEEWAY`]).
    pub leeway: i64,
    /// `exp` must be present.
    pub require_exp: bool,
    /// Accepted issuers (empty: not checked).
    pub iss: Vec<String>,
    /// Accepted audiences (empty: not checked); one match is enough.
    pub aud: Vec<String>,
}

/// Why valid-looking claims are not accepted: a reason code and a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// Machine-readable reason.
    pub reason: &'static str,
    /// For people.
    pub message: String,
}

fn reject(reason: &'static str, message: String) -> Rejection {
    Rejection { reason, message }
}

/// The latest NumericDate accepted: 9999-12-31T23:59:59Z, the end of RFC 3339's range. A date
/// beyond it (or before 1970) is not a time vauth can judge or print, so the claim is refused.
pub const MAX_NUMERIC_DATE: i64 = 253_402_300_799;

/// A NumericDate claim (RFC 7519 §2): whole seconds since 1970 within `0..=MAX_NUMERIC_DATE`.
/// Fractions, exponents (`1e300`), strings and out-of-range integers are refused, never rounded
/// or clamped: a clamped value is a different instant than the one the token names.
fn numeric(claims: &Map<String, Value>, name: &'static str) -> Result<Option<i64>, Rejection> {
    let Some(v) = claims.get(name) else {
        return Ok(None);
    };
    match v.as_i64() {
        Some(n) if (0..=MAX_NUMERIC_DATE).contains(&n) => Ok(Some(n)),
        Some(_) => Err(reject(
            "bad_claim",
            format!("the {name:?} claim is outside 1970..9999 (a NumericDate in whole seconds)"),
        )),
        None if v.is_number() => Err(reject(
            "bad_claim",
            format!("the {name:?} claim is not a whole number of seconds within 1970..9999"),
        )),
        None => Err(reject(
            "bad_claim",
            format!("the {name:?} claim is not a number of seconds"),
        )),
    }
}

/// Check the registered claims vauth signs: the time claims present (`exp`, `nbf`, `iat`) are
/// NumericDates vauth accepts (whole seconds within 1970..9999), and `sub`, when present, is a
/// string, not an object or array (RFC 7519 §4.1.2: a StringOrURI). [`super::sign`] refuses
/// anything else: jsonwebtoken cannot read a token whose `exp` is, e.g., an object, or whose
/// `sub` is an object or array, so vauth would sign what it cannot verify.
pub fn check_signable(claims: &Map<String, Value>) -> Result<(), Rejection> {
    for name in ["exp", "nbf", "iat"] {
        numeric(claims, name)?;
    }
    if claims
        .get("sub")
        .is_some_and(|v| v.is_object() || v.is_array())
    {
        return Err(reject(
            "bad_claim",
            "the \"sub\" claim is an object or array; it must be a string (a StringOrURI)".into(),
        ));
    }
    Ok(())
}

/// Judge claims against the rules.
pub fn check(claims: &Map<String, Value>, rules: &Rules) -> Result<(), Rejection> {
    let now = rules.at.unix_timestamp();
    let exp = numeric(claims, "exp")?;
    let nbf = numeric(claims, "nbf")?;
    numeric(claims, "iat")?;
    match exp {
        None if rules.require_exp => {
            return Err(reject(
                "no_exp",
                "the token has no \"exp\" claim, so it would never expire".into(),
            ));
        }
        Some(e) if now > e.saturating_add(rules.leeway) => {
            return Err(reject(
                "expired",
                format!(
                    "the token expired at {} ({} before the check time)",
                    at_text(e),
                    crate::timefmt::humanize_seconds(now.saturating_sub(e))
                ),
            ));
        }
        _ => {}
    }
    if let Some(n) = nbf
        && now.saturating_add(rules.leeway) < n
    {
        return Err(reject(
            "not_yet_valid",
            format!("the token is not valid before {}", at_text(n)),
        ));
    }
    if !rules.iss.is_empty() {
        match claims.get("iss").and_then(Value::as_str) {
            Some(i) if rules.iss.iter().any(|w| w == i) => {}
            Some(i) => {
                return Err(reject(
                    "wrong_iss",
                    format!("the issuer {i:?} is not the expected one"),
                ));
            }
            None => {
                return Err(reject(
                    "wrong_iss",
                    "the token names no issuer (iss)".into(),
                ));
            }
        }
    }
    if !rules.aud.is_empty() {
        let auds: Vec<&str> = match claims.get("aud") {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if auds.is_empty() {
            return Err(reject(
                "wrong_aud",
                "the token names no audience (aud)".into(),
            ));
        }
        if !auds.iter().any(|a| rules.aud.iter().any(|w| w == a)) {
            return Err(reject(
                "wrong_aud",
                format!("the token is for {auds:?}, not for the expected audience"),
            ));
        }
    }
    Ok(())
}

fn at_text(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .map(crate::timefmt::rfc3339)
        .unwrap_or_else(|_| unix.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn t(s: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_800_000_000 + s).unwrap()
    }

    fn rules(at: i64) -> Rules {
        Rules {
            at: t(at),
            leeway: 30,
            require_exp: true,
            iss: vec![],
            aud: vec![],
        }
    }

    fn claims(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn time_rules_with_leeway() {
        let c = claims(json!({"exp": 1_800_000_100, "nbf": 1_800_000_050}));
        assert_eq!(check(&c, &rules(0)).unwrap_err().reason, "not_yet_valid");
        assert!(check(&c, &rules(20)).is_ok()); // within leeway of nbf
        assert!(check(&c, &rules(100)).is_ok());
        assert!(check(&c, &rules(130)).is_ok()); // exp + leeway
        assert_eq!(check(&c, &rules(131)).unwrap_err().reason, "expired");
        let no_exp = claims(json!({}));
        assert_eq!(check(&no_exp, &rules(0)).unwrap_err().reason, "no_exp");
        let mut r = rules(0);
        r.require_exp = false;
        assert!(check(&no_exp, &r).is_ok());
        let bad = claims(json!({"exp": "tomorrow"}));
        assert_eq!(check(&bad, &rules(0)).unwrap_err().reason, "bad_claim");
    }

    /// Found by fuzzing (jwt_token): an `exp` below i64::MIN was clamped to i64::MIN and
    /// `now - exp` overflowed (a panic with overflow checks, "expired at -9223372036854775808"
    /// without). The input is kept in fuzz/seeds/jwt_token/overflow-exp-nbf.
    #[test]
    fn fuzz_overflow_exp_and_nbf_out_of_range_are_bad_claims() {
        let c: Map<String, Value> = serde_json::from_str(
            r#"{"exp":-18000000983999999899910,"nbf":1999999999999999999991}"#,
        )
        .unwrap();
        let e = check(&c, &rules(0)).unwrap_err();
        assert_eq!(e.reason, "bad_claim", "{e:?}");
        assert!(!e.message.contains("9223372036854775808"), "{e:?}");
    }

    #[test]
    fn a_subject_that_is_an_object_or_array_is_not_signed() {
        for bad in [
            json!({"sub": {"": -1800}}),
            json!({"sub": []}),
            json!({"sub": ["a"]}),
        ] {
            let e = check_signable(bad.as_object().unwrap()).unwrap_err();
            assert!(e.message.contains("\"sub\""), "{}", e.message);
        }
        for ok in [json!({"sub": "svc"}), json!({"x": {"sub": []}}), json!({})] {
            check_signable(ok.as_object().unwrap()).unwrap();
        }
    }

    #[test]
    fn numeric_dates_must_be_whole_seconds_in_range() {
        for bad in [
            json!({"exp": 1e300}),
            json!({"exp": 1_800_000_100.5}),
            json!({"exp": -1}),
            json!({"exp": i64::MAX}),
            json!({"exp": u64::MAX}),
            json!({"exp": MAX_NUMERIC_DATE + 1}),
            json!({"exp": 1_900_000_000, "nbf": -5}),
            json!({"exp": 1_900_000_000, "iat": 1e19}),
        ] {
            let e = check(&claims(bad.clone()), &rules(0)).unwrap_err();
            assert_eq!(e.reason, "bad_claim", "{bad}: {e:?}");
        }
        // The edges themselves are dates.
        let edge = claims(json!({"exp": MAX_NUMERIC_DATE, "nbf": 0, "iat": 0}));
        assert!(check(&edge, &rules(0)).is_ok());
        let old = claims(json!({"exp": 0}));
        let e = check(&old, &rules(0)).unwrap_err();
        assert_eq!(e.reason, "expired");
        assert!(e.message.contains("1970-01-01T00:00:00Z"), "{e:?}");
    }

    #[test]
    fn issuer_and_audience() {
        let mut r = rules(0);
        r.iss = vec!["https://idp".into()];
        r.aud = vec!["qdrant".into()];
        let ok =
            claims(json!({"exp": 1_900_000_000, "iss": "https://idp", "aud": ["x", "qdrant"]}));
        assert!(check(&ok, &r).is_ok());
        let wrong_aud = claims(json!({"exp": 1_900_000_000, "iss": "https://idp", "aud": "x"}));
        assert_eq!(check(&wrong_aud, &r).unwrap_err().reason, "wrong_aud");
        let no_aud = claims(json!({"exp": 1_900_000_000, "iss": "https://idp"}));
        assert_eq!(check(&no_aud, &r).unwrap_err().reason, "wrong_aud");
        let wrong_iss = claims(json!({"exp": 1_900_000_000, "iss": "evil", "aud": "qdrant"}));
        assert_eq!(check(&wrong_iss, &r).unwrap_err().reason, "wrong_iss");
    }

    #[test]
    fn template_writes_one_audience_as_a_string() {
        let mut tpl = Template {
            aud: vec!["a".into()],
            exp: Some(t(60)),
            ..Default::default()
        };
        let c = tpl.claims(t(0), Some("j1"), Some("s"));
        assert_eq!(c["aud"], json!("a"));
        assert_eq!(c["exp"], json!(1_800_000_060));
        assert_eq!(c["iat"], json!(1_800_000_000));
        assert_eq!(c["jti"], json!("j1"));
        assert_eq!(c["sub"], json!("s"));
        tpl.aud.push("b".into());
        assert_eq!(tpl.claims(t(0), None, None)["aud"], json!(["a", "b"]));
    }

    #[test]
    fn claim_flags() {
        assert_eq!(parse_claim("n=3").unwrap().1, json!(3));
        assert_eq!(parse_claim("role=admin").unwrap().1, json!("admin"));
        assert_eq!(parse_claim("x={\"a\":1}").unwrap().1, json!({"a":1}));
        assert!(parse_claim("exp=3").is_err());
        assert!(parse_claim("novalue").is_err());
    }
}
