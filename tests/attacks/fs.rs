//! See mod.rs. The file system and inputs: symlinks in the home (finding 4), directory modes
//! (9), weak inputs (10), counters (11), exit codes (13) and what fuzzing found (14).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{KeyInit as _, Mac as _};

#[allow(unused_imports)]
use crate::util::{TestEnv, key_bucket_path, state};

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
    // An exp that is an object (found by the long fuzz run): jsonwebtoken cannot read the token;
    // still exit 1, never valid.
    verify_hs(
        &env,
        &hs256(r#"{"exp":{"":-18000000983999899910}}"#, HS_SECRET),
    )
    .code(1);
    // The same secret and a sane exp verify: the refusal is about the claim.
    verify_hs(&env, &hs256(r#"{"exp":4102444800}"#, HS_SECRET)).ok();
}

/// Found auditing the time arithmetic after finding 14: a key made to expire in year 9999 was
/// rotated with "the same lifetime" added to now, past the end of the calendar: a panic
/// (exit 101). Now a usage error asking for --expires.
#[test]
fn rotating_a_key_that_expires_in_9999_does_not_overflow_the_clock() {
    let env = TestEnv::new();
    env.create("k");
    env.run(&["key", "rotate", "k", "--expires", "9999-12-31T23:59:59Z"])
        .ok();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let r = env.run(&["key", "rotate", "k"]);
    r.code(2).stderr_has("--expires");
    assert!(!r.stderr.contains("internal error"), "{}", r.stderr);
    // (v1 is still in its grace: ending it — the rule of 2 — needs --yes.)
    env.run(&["--yes", "key", "rotate", "k", "--expires", "+90d"])
        .ok();
}

// --- finding 4: symlinks inside the home ---

const VICTIM: &str = "precious: a file the attacker wants vauth to overwrite or read\n";

/// A home with one key, then `name` in it replaced by a link to a victim file outside the home
/// (what a malicious pull request to a committed home can do: git keeps symlinks).
fn home_with_link(name: &str) -> (TestEnv, std::path::PathBuf) {
    let env = TestEnv::new();
    env.create("k");
    let victim = env.write("victim", VICTIM);
    let p = env.home().join(name);
    let _ = std::fs::remove_file(&p);
    std::os::unix::fs::symlink(&victim, &p).unwrap();
    (env, victim)
}

#[track_caller]
fn refused(r: &crate::util::Run, name: &str, victim: &std::path::Path) {
    r.code(3);
    r.stderr_has(name).stderr_has("not a regular file");
    assert_eq!(
        std::fs::read_to_string(victim).unwrap(),
        VICTIM,
        "victim changed"
    );
}

#[test]
fn symlinked_lock_does_not_truncate_its_target() {
    let (env, victim) = home_with_link("lock");
    refused(&env.run(&["key", "create", "k2"]), "lock", &victim);
    refused(&env.run(&["key", "list"]), "lock", &victim);
}

#[test]
fn symlinked_audit_log_is_not_appended_to() {
    let (env, victim) = home_with_link("audit.log");
    let before = env.registry_text();
    refused(&env.run(&["key", "create", "k2"]), "audit.log", &victim);
    refused(&env.run(&["audit", "verify"]), "audit.log", &victim);
    assert_eq!(env.registry_text(), before, "nothing was recorded");
}

#[test]
fn symlinked_state_json_is_not_read_or_written() {
    let (env, victim) = home_with_link("state.json");
    refused(&env.run(&["key", "list"]), "state.json", &victim);
    refused(&env.run(&["key", "create", "k2"]), "state.json", &victim);
    assert!(
        std::fs::symlink_metadata(env.home().join("state.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn symlinked_vault_is_not_read() {
    let (env, victim) = home_with_link("secrets.vault");
    refused(
        &env.run(&["key", "show", "k", "--reveal", "--yes"]),
        "secrets.vault",
        &victim,
    );
    refused(&env.run(&["key", "create", "k2"]), "secrets.vault", &victim);
}

#[test]
fn symlinked_config_is_not_read() {
    let (env, victim) = home_with_link("vauth.toml");
    refused(&env.run(&["key", "list"]), "vauth.toml", &victim);
    refused(&env.run(&["init"]), "vauth.toml", &victim);
}

/// A bucket file (buckets/k-XX-<hash>.json) replaced by a link is never read or written
/// through: reading it is exit 3, and a write that needs it is refused before it writes. The
/// victim is untouched either way.
#[test]
fn symlinked_bucket_is_not_read_or_written() {
    let env = TestEnv::new();
    let key = env.create("k");
    env.run_in(&["key", "verify"], &key).ok();
    let victim = env.write("victim", VICTIM);
    // The bucket holding k's record becomes a link to a file of the victim's.
    let bucket = key_bucket_path(&env.home(), "k");
    std::fs::remove_file(&bucket).unwrap();
    std::os::unix::fs::symlink(&victim, &bucket).unwrap();
    refused(&env.run_in(&["key", "verify"], &key), "buckets/", &victim);
    refused(&env.run(&["key", "rotate", "k"]), "buckets/", &victim);
    assert!(
        std::fs::symlink_metadata(&bucket)
            .unwrap()
            .file_type()
            .is_symlink(),
        "a refused write replaced nothing"
    );
}

/// The vault key file outside the home (`$XDG_CONFIG_HOME/vauth/keys/<home-id>`).
#[test]
fn symlinked_vault_key_file_is_not_read() {
    let env = TestEnv::new();
    env.create("k");
    let victim = env.write("victim", VICTIM);
    let kf = std::fs::read_dir(env.key_dir())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::remove_file(&kf).unwrap();
    std::os::unix::fs::symlink(&victim, &kf).unwrap();
    let name = kf.file_name().unwrap().to_str().unwrap().to_string();
    refused(&env.run(&["key", "create", "k2"]), &name, &victim);
}

/// A FIFO as the lock or audit log must not hang vauth (O_NONBLOCK) and is refused.
#[test]
fn fifo_in_the_home_is_refused_without_hanging() {
    for name in ["lock", "audit.log", "state.json"] {
        let env = TestEnv::new();
        env.create("k");
        let p = env.home().join(name);
        std::fs::remove_file(&p).unwrap();
        let ok = std::process::Command::new("mkfifo")
            .arg(&p)
            .status()
            .unwrap();
        assert!(ok.success());
        // (Not env.run: its leak scan would itself block reading the FIFO.)
        let out = env
            .command()
            .args(["key", "create", "k2"])
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{name}: {stderr}");
        assert!(
            stderr.contains(name) && stderr.contains("not a regular file"),
            "{stderr}"
        );
        std::fs::remove_file(&p).unwrap();
    }
}

// --- finding 9: directory modes ---

fn mode(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

/// `umask 000` made `$XDG_CONFIG_HOME/vauth` 0777: another user could swap the key directory.
/// Every directory vauth creates is 0700 whatever the umask; its files keep their modes.
#[test]
fn umask_000_still_gives_private_directories() {
    let env = TestEnv::new();
    let vauth = env.command();
    let mut sh = std::process::Command::new("sh");
    sh.arg("-c")
        .arg("umask 000; exec \"$0\" \"$@\"")
        .arg(crate::util::bin())
        .args(["key", "create", "k"])
        .current_dir(env.dir.path());
    for (k, v) in vauth.get_envs() {
        match v {
            Some(v) => sh.env(k, v),
            None => sh.env_remove(k),
        };
    }
    let out = sh.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    env.secret(String::from_utf8_lossy(&out.stdout).trim());
    for d in ["d", "d/vauth", "c", "c/vauth", "c/vauth/keys"] {
        assert_eq!(mode(&env.path(d)), 0o700, "{d}");
    }
    for f in [
        "state.json",
        "secrets.vault",
        "audit.log",
        "vauth.toml",
        "lock",
    ] {
        assert_eq!(mode(&env.home().join(f)), 0o600, "{f}");
    }
    let kf = std::fs::read_dir(env.key_dir())
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(mode(&kf.path()), 0o600);
}

/// A home another local user may write to (group- or world-writable) is refused, not used:
/// they could replace state.json or plant links. Exit 3 with the chmod to run.
#[test]
fn group_or_world_writable_home_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    env.create("k");
    for m in [0o777, 0o770, 0o702] {
        std::fs::set_permissions(env.home(), std::fs::Permissions::from_mode(m)).unwrap();
        env.run(&["key", "list"])
            .code(3)
            .stderr_has("writable by")
            .stderr_has("chmod go-w");
        env.run(&["key", "create", "k2"])
            .code(3)
            .stderr_has("chmod go-w");
    }
    // `init` into an existing open directory is refused too.
    let open = env.path("open-home");
    std::fs::create_dir(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
    env.run(&["init", "--home", open.to_str().unwrap()])
        .code(3)
        .stderr_has("chmod go-w");
    assert!(!open.join("state.json").exists());
    // Readable by others is fine (state.json is meant to be committed); writable is not.
    std::fs::set_permissions(env.home(), std::fs::Permissions::from_mode(0o755)).unwrap();
    env.run(&["key", "list"]).ok();
}

/// The same for the directory of vault key files: whoever can write there can replace the key
/// file with their own (and read every secret sealed after that).
#[test]
fn group_or_world_writable_key_directory_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    env.create("k");
    std::fs::set_permissions(env.key_dir(), std::fs::Permissions::from_mode(0o777)).unwrap();
    env.run(&["key", "create", "k2"])
        .code(3)
        .stderr_has("writable by")
        .stderr_has("chmod go-w");
    std::fs::set_permissions(env.key_dir(), std::fs::Permissions::from_mode(0o700)).unwrap();
    env.run(&["key", "create", "k2"]).ok();
}

// --- finding 11: counters wrap ---

/// A key at version u32::MAX was rotated to "v0", aliasing the first version. The overflow is
/// corruption: exit 3 and nothing changes. (With state.json's integrity protection a hand-edited
/// file is refused before this point: exit 3 as well, and still no "v0".)
#[test]
fn key_version_at_u32_max_is_not_rotated_to_v0() {
    let env = TestEnv::new();
    env.create("k");
    let p = env.home().join("state.json");
    let mut st = state(&env);
    st["api_keys"]["k"]["versions"][0]["version"] = serde_json::json!(u32::MAX);
    std::fs::write(&p, serde_json::to_string_pretty(&st).unwrap()).unwrap();
    let before = std::fs::read(&p).unwrap();
    let r = env.run(&["key", "rotate", "k", "--grace", "1h"]);
    r.code(3);
    assert!(
        !r.stdout.contains("v0") && !r.stderr.contains("v0"),
        "{r:?}"
    );
    assert!(
        crate::util::keys_in(&r.stdout).is_empty(),
        "no key was handed out"
    );
    assert_eq!(std::fs::read(&p).unwrap(), before, "state.json unchanged");
    let r = env.run(&["--json", "key", "show", "k"]);
    assert!(!r.stdout.contains("\"version\": 0") && !r.stdout.contains("\"version\":0"));
}

// --- finding 13: exit codes and the reveal audit ---

/// Verify commands answer anything presented that is not valid — garbage, binary, or too large
/// to be one (a 2.7 MB "certificate" was exit 3) — with exit 1 and the reason; only an
/// unreadable file is exit 3 (DESIGN.md §8).
#[test]
fn verify_commands_answer_garbage_and_oversize_with_exit_1_unreadable_with_3() {
    let env = TestEnv::new().with_env("HS", HS_SECRET);
    env.create("k");
    env.run(&["ca", "init"]).ok();
    let garbage = env.write("garbage", "garbage\n");
    let binary = env.path("binary");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x01]).unwrap();
    let big = env.write("big", &"A".repeat(2 << 20));
    let cases: [(&str, Vec<&str>); 3] = [
        ("cert", vec!["cert", "verify"]),
        ("key", vec!["key", "verify", "--key-file"]),
        (
            "jwt",
            vec![
                "jwt",
                "verify",
                "--secret-env",
                "HS",
                "--subtle",
                "--token-file",
            ],
        ),
    ];
    for (what, args) in &cases {
        for f in [&garbage, &binary, &big] {
            let mut a = vec!["--json"];
            a.extend(args.iter().copied());
            a.push(f.to_str().unwrap());
            let r = env.run(&a);
            r.code(1);
            assert_eq!(r.json()["ok"], false, "{what} {f:?}");
            assert_eq!(
                r.json()["reason"],
                "malformed",
                "{what} {f:?}: {}",
                r.stdout
            );
        }
        for f in ["/nonexistent/file", "."] {
            let mut a: Vec<&str> = args.clone();
            a.push(f);
            env.run(&a).code(3);
        }
    }
}

/// `key show --reveal` printed a kept secret without a trace. Every reveal is now an audit line
/// naming the key and version (never the secret), written before the secret is printed.
#[test]
fn key_show_reveal_is_audited() {
    let env = TestEnv::new();
    let key = env.create("k");
    let r = env.run(&["key", "show", "k", "--reveal", "--yes"]);
    r.ok();
    assert_eq!(r.line(), key);
    let log = env.read_home("audit.log");
    let last = log.lines().last().unwrap();
    let line: serde_json::Value = serde_json::from_str(last).unwrap();
    assert_eq!(line["action"], "key.reveal");
    assert_eq!(line["details"]["name"], "k");
    assert_eq!(line["details"]["version"], "1");
    assert!(!log.contains(&key), "the audit log holds no secret");
    env.run(&["audit", "verify"]).ok();
    // Refused or unconfirmed reveals print nothing and need no line.
    let n = log.lines().count();
    env.run(&["key", "show", "k", "--reveal"]).code(3);
    assert_eq!(env.read_home("audit.log").lines().count(), n);
}

// --- finding 10: weak inputs ---

/// `jwt sign/verify` took a 1-byte HMAC secret: anyone holding one token could brute-force it
/// offline and mint tokens. RFC 7518 §3.2: the key is at least the hash size (HS256 32 bytes,
/// HS384 48, HS512 64). Shorter only with --subtle.
#[test]
fn one_byte_hmac_secret_is_refused_for_sign_and_verify() {
    let env = TestEnv::new();
    env.create("k");
    for (alg, min) in [("HS256", 32), ("HS384", 48), ("HS512", 64)] {
        let short = env.write("short", &"s".repeat(min - 1));
        let long = env.write("long", &"L".repeat(min));
        let sf = short.to_str().unwrap();
        let sign = |f: &str, extra: &[&str]| {
            let mut a = vec![
                "jwt",
                "sign",
                "--alg",
                alg,
                "--secret-file",
                f,
                "--sub",
                "x",
            ];
            a.extend(extra);
            env.run(&a)
        };
        sign(sf, &[])
            .code(3)
            .stderr_has(&format!("at least {min}"))
            .stderr_has("--subtle");
        let t = sign(long.to_str().unwrap(), &[]);
        t.ok();
        let verify = |f: &str, extra: &[&str]| {
            let mut a = vec![
                "jwt",
                "verify",
                "--alg",
                alg,
                "--secret-file",
                f,
                "--subtle",
            ];
            a.extend(extra);
            env.run_in(&a, &t.line())
        };
        verify(long.to_str().unwrap(), &[]).ok();
        // verify's --subtle also accepts the short secret, knowingly; without it, refused.
        env.run_in(
            &[
                "jwt",
                "verify",
                "--alg",
                alg,
                "--secret-file",
                sf,
                "--aud",
                "a",
                "--iss",
                "i",
            ],
            &t.line(),
        )
        .code(3)
        .stderr_has(&format!("at least {min}"));
        sign(sf, &["--subtle"]).ok();
    }
    let one = env.write("one", "x");
    env.run(&["jwt", "sign", "--secret-file", one.to_str().unwrap()])
        .code(3);
}

/// A 1-character vault passphrase was accepted: Argon2id cannot make it strong. A new vault
/// passphrase needs 12+ characters (no override: choose a longer one).
#[test]
fn one_character_vault_passphrase_is_refused() {
    let env = TestEnv::new();
    let p = env.write("pass", "x\n");
    env.run(&[
        "--passphrase-file",
        p.to_str().unwrap(),
        "init",
        "--protect",
        "passphrase",
    ])
    .code(3)
    .stderr_has("at least 12");
    assert!(!env.home().join("state.json").exists());
    let p11 = env.write("pass11", "elevenchars\n");
    env.run(&[
        "--passphrase-file",
        p11.to_str().unwrap(),
        "init",
        "--protect",
        "passphrase",
    ])
    .code(3);
    let ok = env.write("pass12", "twelve chars\n");
    env.secret("twelve chars");
    env.run(&[
        "--passphrase-file",
        ok.to_str().unwrap(),
        "init",
        "--protect",
        "passphrase",
    ])
    .ok();
    // Re-keying to a passphrase has the same minimum.
    let other = TestEnv::new();
    other.create("k");
    other
        .run(&[
            "vault",
            "rekey",
            "--protect",
            "passphrase",
            "--new-passphrase-file",
            p.to_str().unwrap(),
        ])
        .code(3)
        .stderr_has("at least 12");
}

/// A 1-character PKCS#12 password was accepted (PKCS#12 files travel; their password is all that
/// protects the key in them). At least 8 characters.
#[test]
fn one_character_pkcs12_password_is_refused() {
    let env = TestEnv::new();
    env.create("k");
    env.run(&["ca", "init"]).ok();
    env.run(&["cert", "issue", "app", "--keep-key"]).ok();
    let pw = env.write("pw", "x\n");
    let out = env.path("app.p12");
    env.run(&[
        "cert",
        "export",
        "app",
        "--p12",
        out.to_str().unwrap(),
        "--p12-password-file",
        pw.to_str().unwrap(),
    ])
    .code(3)
    .stderr_has("at least 8");
    assert!(!out.exists());
    let pw8 = env.write("pw8", "eight ch\n");
    env.run(&[
        "cert",
        "export",
        "app",
        "--p12",
        out.to_str().unwrap(),
        "--p12-password-file",
        pw8.to_str().unwrap(),
    ])
    .ok();
}

/// `key import` of a UUID, or of a 36-character sequential "key", passed the 128-bit entropy
/// screen (a UUID carries 122 random bits at most). The estimate is honest now: refused
/// without --subtle.
#[test]
fn low_entropy_imports_are_refused() {
    let env = TestEnv::new();
    env.create("k");
    for weak in [
        "f47ac10b-58cc-4372-a567-0e02b2c3d479",
        "abcdefghijklmnopqrstuvwxyz0123456789",
        "Passw0rd!Passw0rd!Passw0rd?Passw0rd",
    ] {
        env.secret(weak);
        env.run_in(&["key", "import", "weak"], weak)
            .code(3)
            .stderr_has("below the 128 required")
            .stderr_has("--subtle");
    }
    let random = "Xq7Lm2Pz9Rk4Tw1Vb8Nc3Hd6Jf0Gs5Ya2Ue7";
    env.secret(random);
    env.run_in(&["key", "import", "fine"], random).ok();
}

/// `--grace 100y` kept a replaced key valid for a century; `ca crl --next-update 100y` made a
/// CRL that hides every later revocation from whoever keeps the old copy. Caps: grace 90d
/// (flags, keys.grace, policies), CRL validity 1y.
#[test]
fn grace_and_crl_validity_are_capped() {
    let env = TestEnv::new();
    env.create("k");
    env.run(&["key", "rotate", "k", "--grace", "100y"])
        .code(2)
        .stderr_has("90d");
    env.run(&["key", "rotate", "k", "--grace", "91d"]).code(2);
    env.run(&["jwt", "key", "create", "svc", "--alg", "ES256"])
        .ok();
    env.run(&["jwt", "key", "rotate", "svc", "--grace", "100y"])
        .code(2);
    let cfg = env.home().join("vauth.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    assert!(text.contains("[keys]\n"));
    std::fs::write(
        &cfg,
        text.replacen("[keys]\n", "[keys]\ngrace = \"100y\"\n", 1),
    )
    .unwrap();
    let r = env.run(&["key", "rotate", "k"]);
    r.code(3).stderr_has("keys.grace");
    std::fs::write(&cfg, text).unwrap();
    env.run(&["key", "rotate", "k", "--grace", "90d"]).ok();

    env.run(&["ca", "init"]).ok();
    env.run(&["ca", "crl", "--next-update", "100y"])
        .code(2)
        .stderr_has("1y");
    env.run(&["ca", "crl", "--next-update", "366d"]).code(2);
    env.run(&["ca", "crl", "--next-update", "1y"]).ok();
}
