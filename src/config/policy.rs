//! The `[[policy]]` tables of `vauth.toml`: which credential rotates how often, with what grace,
//! to which targets and outputs, in which window. The planner that acts on them is
//! [`crate::policy`].

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::timefmt::{Span, parse_span};

/// One `[[policy]]` table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// The API key, JWT signing key or certificate it governs; `*` matches any characters
    /// (`svc-*`), so one table can govern many (a table naming one exactly wins).
    pub credential: String,
    /// Rotate once the current version is this old (e.g. `30d`).
    pub max_age: String,
    /// How long the predecessor stays valid after a rotation [default: keys.grace or 24h for
    /// API keys, jwt.max_lifetime for JWT keys].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grace: Option<String>,
    /// The targets the successor goes to [default: where the current version was pushed].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<Vec<String>>,
    /// Where a rotated secret is written: `dotenv:PATH`, `github`, `gitlab:PATH`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<String>,
    /// Only rotate inside this UTC window, `HH:MM-HH:MM` (may wrap midnight).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<String>,
}

/// A pipeline output, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// A dotenv file (0600): `NAME=value`.
    Dotenv(String),
    /// GitHub Actions: `::add-mask::` then `$GITHUB_OUTPUT`.
    Github,
    /// A GitLab dotenv report file.
    Gitlab(String),
    /// A directory (certificates: `NAME.crt` and, 0600, `NAME.key`).
    Dir(String),
}

impl Output {
    /// Parse `dotenv:PATH` / `github` / `gitlab:PATH`.
    pub fn parse(s: &str) -> Result<Output, String> {
        match s.split_once(':') {
            None if s == "github" => Ok(Output::Github),
            Some(("dotenv", p)) if !p.is_empty() => Ok(Output::Dotenv(p.to_string())),
            Some(("gitlab", p)) if !p.is_empty() => Ok(Output::Gitlab(p.to_string())),
            Some(("dir", p)) if !p.is_empty() => Ok(Output::Dir(p.to_string())),
            _ => Err(format!(
                "output {s:?}: use dotenv:PATH, github, gitlab:PATH or dir:PATH"
            )),
        }
    }
}

impl std::fmt::Display for Output {
    /// As a policy writes it: `dotenv:PATH`, `github`, `gitlab:PATH`, `dir:PATH`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Output::Dotenv(p) => write!(f, "dotenv:{p}"),
            Output::Github => f.write_str("github"),
            Output::Gitlab(p) => write!(f, "gitlab:{p}"),
            Output::Dir(p) => write!(f, "dir:{p}"),
        }
    }
}

/// A UTC time-of-day window in minutes since midnight, `[start, end)`; wraps when end < start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    start: u16,
    end: u16,
}

impl Window {
    /// Parse `HH:MM-HH:MM`.
    pub fn parse(s: &str) -> Result<Window, String> {
        let bad = || format!("window {s:?}: write HH:MM-HH:MM in UTC, e.g. 02:00-05:00");
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let hm = |t: &str| -> Result<u16, String> {
            let (h, m) = t.trim().split_once(':').ok_or_else(bad)?;
            let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
            if h > 23 || m > 59 {
                return Err(bad());
            }
            Ok(h * 60 + m)
        };
        let w = Window {
            start: hm(a)?,
            end: hm(b)?,
        };
        if w.start == w.end {
            return Err(format!("window {s:?} is empty"));
        }
        Ok(w)
    }

    /// Whether `t` (UTC) falls inside.
    pub fn contains(&self, t: OffsetDateTime) -> bool {
        let t = t.to_offset(time::UtcOffset::UTC);
        let m = u16::from(t.hour()) * 60 + u16::from(t.minute());
        if self.start < self.end {
            (self.start..self.end).contains(&m)
        } else {
            m >= self.start || m < self.end
        }
    }

    /// The next instant at or after `t` inside the window.
    pub fn next_open(&self, t: OffsetDateTime) -> OffsetDateTime {
        if self.contains(t) {
            return t;
        }
        let t = t.to_offset(time::UtcOffset::UTC);
        let m = i64::from(t.hour()) * 60 + i64::from(t.minute());
        let mut wait = i64::from(self.start) - m;
        if wait <= 0 {
            wait += 24 * 60;
        }
        let base = t
            .replace_second(0)
            .unwrap_or(t)
            .replace_nanosecond(0)
            .unwrap_or(t);
        base + time::Duration::minutes(wait)
    }
}

impl Policy {
    /// The policy of a credential `rotate apply NAME` rotates without a `[[policy]]` table: no
    /// schedule, no targets beyond where it was pushed, no outputs; the default grace.
    pub fn unscheduled(name: &str) -> Policy {
        Policy {
            credential: name.to_string(),
            max_age: "3650d".into(),
            grace: None,
            targets: None,
            outputs: Vec::new(),
            window: None,
        }
    }

    /// Check every field (vauth.toml is refused otherwise).
    pub fn validate(&self) -> Result<(), String> {
        let span = |f: &str, v: &str| {
            parse_span(v)
                .map_err(|e| format!("{f}: {e}"))
                .and_then(|s| {
                    if s.seconds() <= 0 {
                        Err(format!("{f}: must be positive"))
                    } else {
                        Ok(s)
                    }
                })
        };
        span("max_age", &self.max_age)?;
        if let Some(g) = &self.grace {
            crate::timefmt::parse_grace(g).map_err(|e| format!("grace: {e}"))?;
        }
        for o in &self.outputs {
            Output::parse(o)?;
        }
        if let Some(w) = &self.window {
            Window::parse(w)?;
        }
        if self.credential.is_empty() {
            return Err("credential: name an API key, JWT signing key or certificate".into());
        }
        Ok(())
    }

    /// `max_age`, parsed (validated at load).
    pub fn max_age(&self) -> Span {
        parse_span(&self.max_age).unwrap_or(Span::from_seconds(30 * 86400))
    }

    /// `grace`, parsed, if set.
    pub fn grace(&self) -> Option<Span> {
        self.grace.as_deref().and_then(|g| parse_span(g).ok())
    }

    /// `window`, parsed, if set.
    pub fn window(&self) -> Option<Window> {
        self.window.as_deref().and_then(|w| Window::parse(w).ok())
    }

    /// `outputs`, parsed.
    pub fn outputs(&self) -> Vec<Output> {
        self.outputs
            .iter()
            .filter_map(|o| Output::parse(o).ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> OffsetDateTime {
        OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).unwrap()
    }

    #[test]
    fn windows() {
        let w = Window::parse("02:00-05:00").unwrap();
        assert!(w.contains(t("2026-01-01T02:00:00Z")));
        assert!(!w.contains(t("2026-01-01T05:00:00Z")));
        assert_eq!(
            w.next_open(t("2026-01-01T06:30:10Z")),
            t("2026-01-02T02:00:00Z")
        );
        let wrap = Window::parse("23:00-01:00").unwrap();
        assert!(
            wrap.contains(t("2026-01-01T00:30:00Z")) && !wrap.contains(t("2026-01-01T12:00:00Z"))
        );
        assert!(Window::parse("25:00-01:00").is_err() && Window::parse("01:00-01:00").is_err());
    }

    #[test]
    fn outputs_and_policies() {
        assert_eq!(Output::parse("github"), Ok(Output::Github));
        assert_eq!(
            Output::parse("dotenv:ci.env"),
            Ok(Output::Dotenv("ci.env".into()))
        );
        assert!(Output::parse("slack").is_err() && Output::parse("dotenv:").is_err());
        let p = Policy {
            credential: "k".into(),
            max_age: "0s".into(),
            grace: None,
            targets: None,
            outputs: vec![],
            window: None,
        };
        assert!(p.validate().is_err());
    }
}
