//! See mod.rs. The file system and inputs: symlinks in the home (finding 4), directory modes
//! (9), weak inputs (10), counters (11), exit codes (13) and what fuzzing found (14).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{KeyInit as _, Mac as _};

#[allow(unused_imports)]
use crate::util::TestEnv;

/// A 32-byte HMAC secret: long enough for HS256.
const HS_SECRET: &str = "attack-hs256-secret-0123456789ab";

/// An HS256 token over `claims` (any JSON text, forged by the attacker but correctly signed).
fn hs256(claims: &str, secret: &str) -> String {
    let head = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#);
    let body = URL_SAFE_NO_PAD.encode(claims);
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{head}.{body}").as_bytes());
    let sig = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{head}.{body}.{sig}")
}

fn verify_hs(env: &TestEnv, token: &str) -> crate::util::Run {
    let s = env.write("hs.secret", HS_SECRET);
    env.run_in(
        &[
            "--json",
            "jwt",
            "verify",
            "--secret-file",
            s.to_str().unwrap(),
            "--subtle",
        ],
        token,
    )
}

// --- finding 14: found by fuzzing ---

/// The fuzzer's input: an `exp` below i64::MIN and an `nbf` above i64::MAX. vauth clamped the
/// exp to i64::MIN and computed `now - exp` (a panic with overflow checks; "expired at
/// -9223372036854775808" without). Now: a bad claim, exit 1, no absurd date.
#[test]
fn fuzz_found_exp_below_i64_min_is_a_bad_claim_not_an_overflow() {
    let env = TestEnv::new();
    let t = hs256(
        r#"{"exp":-18000000983999999899910,"nbf":1999999999999999999991}"#,
        HS_SECRET,
    );
    let r = verify_hs(&env, &t);
    r.code(1);
    assert_eq!(r.json()["reason"], "bad_claim", "{}", r.stdout);
    assert!(!r.stdout.contains("9223372036854775808"), "{}", r.stdout);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}

/// A forged far-future `exp: 1e300` (a float) was floored and saturated to i64::MAX, so the token
/// verified as valid forever. A NumericDate is whole seconds within 1970..9999: exit 1.
#[test]
fn token_with_exp_1e300_or_a_fraction_does_not_verify() {
    let env = TestEnv::new();
    for claims in [
        r#"{"exp":1e300}"#,
        r#"{"exp":4102444800.5}"#,
        r#"{"exp":4102444800,"nbf":-1}"#,
        r#"{"exp":99999999999999}"#,
    ] {
        let r = verify_hs(&env, &hs256(claims, HS_SECRET));
        r.code(1);
        assert_eq!(r.json()["reason"], "bad_claim", "{claims}: {}", r.stdout);
    }
    // The same secret and a sane exp verify: the refusal is about the claim.
    verify_hs(&env, &hs256(r#"{"exp":4102444800}"#, HS_SECRET)).ok();
}
