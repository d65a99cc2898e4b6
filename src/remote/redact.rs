//! Remote errors with the secrets taken out: every message that quotes a server goes through
//! [`redact`].

use crate::error::{Error, ErrorKind};

/// A remote error (exit 4) with every secret in `secrets` replaced by `****`.
pub fn remote(target: &str, what: &str, detail: &str, secrets: &[&str]) -> Error {
    Error::new(
        ErrorKind::Remote,
        format!("target {target}: {what}: {}", redact(detail, secrets)),
    )
}

/// Replace each non-empty secret in `text` by `****`.
pub fn redact(text: &str, secrets: &[&str]) -> String {
    let mut t = text.replace(['\n', '\r'], " ");
    for s in secrets.iter().filter(|s| s.len() >= 4) {
        t = t.replace(*s, "****");
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction() {
        assert_eq!(redact("bad pw secret1\n", &["secret1"]), "bad pw **** ");
    }
}
