//! Qdrant's JWT check as the tests model it (reference/vector-db-admin-apis.md §1.4–1.5):
//! the API key itself, or an HS256 token signed with it, checked with the hmac crate. Serves the
//! fake Qdrant of the HTTP contract tests and the Qdrant-style server of the JWT peer tests.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

/// The status Qdrant answers `cred` with on `path` (§1.5), checked with the hmac crate.
pub fn qdrant_status(api_key: &str, cred: Option<&str>, path: &str) -> u16 {
    use hmac::{KeyInit, Mac};
    let Some(cred) = cred else { return 401 };
    if cred == api_key {
        return 200;
    }
    let parts: Vec<&str> = cred.split('.').collect();
    let [h, p, sig] = parts.as_slice() else {
        return 401;
    };
    let (Ok(hb), Ok(pb), Ok(sb)) = (
        URL_SAFE_NO_PAD.decode(h),
        URL_SAFE_NO_PAD.decode(p),
        URL_SAFE_NO_PAD.decode(sig),
    ) else {
        return 401;
    };
    let (Ok(header), Ok(claims)) = (
        serde_json::from_slice::<Value>(&hb),
        serde_json::from_slice::<Value>(&pb),
    ) else {
        return 401;
    };
    if header["alg"] != "HS256" {
        return 401;
    }
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(api_key.as_bytes()).unwrap();
    mac.update(format!("{h}.{p}").as_bytes());
    if mac.verify_slice(&sb).is_err() {
        return 403;
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    if let Some(exp) = claims["exp"].as_i64()
        && now > exp + 30
    {
        return 403;
    }
    if let Some(name) = path.strip_prefix("/collections/")
        && let Some(list) = claims["access"].as_array()
        && !list.iter().any(|e| e["collection"] == name)
    {
        return 403;
    }
    200
}
