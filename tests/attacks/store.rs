//! See mod.rs. The home and its files: vault re-key, state integrity, home_id, Argon2
//! parameters, counters. Each test is the attack; its name says what must fail.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{SCHEMA1_MASTER as MASTER, TestEnv, sha256_hex, state, write_state_of_dir};
const MASTER2: &str = "Zm9vYmFyYmF6cXV4MDEyMzQ1Njc4OWFiY2RlZmdoaWo=";

fn vault_json(env: &TestEnv) -> Value {
    serde_json::from_str(&env.read_home("secrets.vault")).unwrap()
}

fn write_vault(env: &TestEnv, v: &Value) {
    std::fs::write(
        env.home().join("secrets.vault"),
        serde_json::to_vec_pretty(v).unwrap(),
    )
    .unwrap();
}

fn home_id(env: &TestEnv) -> String {
    vault_json(env)["home_id"].as_str().unwrap().to_string()
}

fn key_file(env: &TestEnv) -> PathBuf {
    env.key_dir().join(home_id(env))
}

fn restore_file(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
    std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
}

// ---- Finding 1: `vault rekey` must replace the data key. ----

/// The attacker kept a copy of secrets.vault and of the key file from before a re-key (say the
/// vault was committed to git). Grafting the old header (protection + wrapped data key) onto
/// the vault written after the re-key, and presenting the old key file, must not reveal a
/// secret created after the re-key: the body is sealed under a new data key.
#[test]
fn old_vault_copy_and_old_key_file_cannot_open_secrets_made_after_rekey() {
    let env = TestEnv::new();
    env.create("before");
    let old_vault = vault_json(&env);
    let old_key = std::fs::read(key_file(&env)).unwrap();
    let kf = key_file(&env);
    let pass = env.write("pass", "a long new passphrase\n");
    env.secret("a long new passphrase");
    let p = pass.to_str().unwrap();
    env.run(&[
        "vault",
        "rekey",
        "--protect",
        "passphrase",
        "--new-passphrase-file",
        p,
    ])
    .ok()
    .stderr_has("new data key")
    .stderr_has("no longer opens");
    let r = env.run(&["--passphrase-file", p, "key", "create", "after"]);
    r.ok();
    let after = r.line();

    // The attack: old header + new body, old key file back in place.
    let mut graft = vault_json(&env);
    for f in ["protection", "wrap", "integrity"] {
        graft[f] = old_vault[f].clone();
    }
    write_vault(&env, &graft);
    restore_file(&kf, &old_key);
    let r = env.run(&["--yes", "key", "show", "after", "--reveal"]);
    r.code(3);
    assert!(!r.stdout.contains(&after), "a post-rekey secret leaked");
}

/// A leaked master key is retired by re-keying to a new one (from another variable): afterwards
/// the old master key opens neither the vault nor the new vault with an old copy's header.
#[test]
fn old_master_key_cannot_open_the_vault_after_rekey() {
    let env = TestEnv::new();
    env.secret(MASTER);
    env.secret(MASTER2);
    env.run_with(&["init"], None, &[("VAUTH_MASTER_KEY", MASTER)])
        .ok();
    let old_vault = vault_json(&env);
    env.run_with(
        &[
            "vault",
            "rekey",
            "--protect",
            "master-key",
            "--new-master-key-env",
            "NEW_VAUTH_KEY",
        ],
        None,
        &[("VAUTH_MASTER_KEY", MASTER), ("NEW_VAUTH_KEY", MASTER2)],
    )
    .ok()
    .stderr_has("VAUTH_MASTER_KEY no longer opens");
    let r = env.run_with(
        &["key", "create", "after"],
        None,
        &[("VAUTH_MASTER_KEY", MASTER2)],
    );
    r.ok();
    let after = r.line();
    // The old master key alone.
    env.run_with(
        &["--yes", "key", "show", "after", "--reveal"],
        None,
        &[("VAUTH_MASTER_KEY", MASTER)],
    )
    .code(3)
    .stderr_has("does not open");
    // The old master key with the old copy's header grafted on.
    let mut graft = vault_json(&env);
    for f in ["protection", "wrap", "integrity"] {
        graft[f] = old_vault[f].clone();
    }
    write_vault(&env, &graft);
    let r = env.run_with(
        &["--yes", "key", "show", "after", "--reveal"],
        None,
        &[("VAUTH_MASTER_KEY", MASTER)],
    );
    r.code(3);
    assert!(!r.stdout.contains(&after));
}

/// `vault rekey --protect master-key` with the variable that opens the vault (or another
/// variable holding the same key) would change nothing: refused, vault untouched.
#[test]
fn rekey_to_the_same_master_key_is_refused() {
    let env = TestEnv::new();
    env.secret(MASTER);
    env.run_with(&["init"], None, &[("VAUTH_MASTER_KEY", MASTER)])
        .ok();
    let before = env.read_home("secrets.vault");
    env.run_with(
        &["vault", "rekey", "--protect", "master-key"],
        None,
        &[("VAUTH_MASTER_KEY", MASTER)],
    )
    .code(2)
    .stderr_has("another input");
    env.run_with(
        &[
            "vault",
            "rekey",
            "--protect",
            "master-key",
            "--new-master-key-env",
            "VAUTH_MASTER_KEY",
        ],
        None,
        &[("VAUTH_MASTER_KEY", MASTER)],
    )
    .code(2);
    env.run_with(
        &[
            "vault",
            "rekey",
            "--protect",
            "master-key",
            "--new-master-key-env",
            "SAME",
        ],
        None,
        &[("VAUTH_MASTER_KEY", MASTER), ("SAME", MASTER)],
    )
    .code(2)
    .stderr_has("opens the vault now");
    assert_eq!(env.read_home("secrets.vault"), before, "vault untouched");
}

/// key-file -> passphrase -> key-file: the old key file is still there (it opens older copies
/// of the vault). Re-keying back must not overwrite it.
#[test]
fn rekey_back_to_key_file_does_not_overwrite_an_existing_key_file() {
    let env = TestEnv::new();
    env.create("a");
    let kf = key_file(&env);
    let old_key = std::fs::read(&kf).unwrap();
    let pass = env.write("pass", "a long new passphrase\n");
    env.secret("a long new passphrase");
    let p = pass.to_str().unwrap();
    env.run(&[
        "vault",
        "rekey",
        "--protect",
        "passphrase",
        "--new-passphrase-file",
        p,
    ])
    .ok();
    let before = env.read_home("secrets.vault");
    env.run(&[
        "--passphrase-file",
        p,
        "vault",
        "rekey",
        "--protect",
        "key-file",
    ])
    .code(3)
    .stderr_has("already exists");
    assert_eq!(std::fs::read(&kf).unwrap(), old_key, "key file untouched");
    assert_eq!(env.read_home("secrets.vault"), before, "vault untouched");
    // Moved aside, the re-key goes through and makes a new key file.
    std::fs::rename(&kf, env.path("old.key")).unwrap();
    env.run(&[
        "--passphrase-file",
        p,
        "vault",
        "rekey",
        "--protect",
        "key-file",
    ])
    .ok();
    assert_ne!(std::fs::read(&kf).unwrap(), old_key);
}

// ---- Finding 3: the vault's home_id is a path component. ----

/// A vault whose home_id is a path (to a key the attacker planted in the repository) is refused
/// before any key file is read.
#[test]
fn vault_home_id_that_is_a_path_is_refused() {
    let env = TestEnv::new();
    env.create("a");
    let evil = env.path("repo/evil.key");
    restore_file(&evil, format!("{MASTER}\n").as_bytes());
    let mut v = vault_json(&env);
    v["home_id"] = Value::String(evil.display().to_string());
    write_vault(&env, &v);
    env.run(&["--yes", "key", "show", "a", "--reveal"])
        .code(3)
        .stderr_has("not one vauth writes");
    env.run(&["key", "create", "b"]).code(3);
}

/// In CI with VAUTH_MASTER_KEY set, a master-key home whose vault was swapped for a key-file
/// vault (whose key the attacker planted) is refused, not used without a word.
#[test]
fn ci_with_master_key_refuses_a_swapped_key_file_vault() {
    let env = TestEnv::new();
    env.secret(MASTER);
    let ci = [("VAUTH_MASTER_KEY", MASTER), ("CI", "true")];
    env.run_with(&["init"], None, &ci).ok();
    // The attacker's own key-file home; its vault and key file are planted in the victim's.
    let other = TestEnv::new();
    other.create("x");
    let planted = other.read_home("secrets.vault");
    let planted_id = home_id(&other);
    restore_file(
        &env.key_dir().join(&planted_id),
        &std::fs::read(key_file(&other)).unwrap(),
    );
    std::fs::write(env.home().join("secrets.vault"), planted).unwrap();
    let r = env.run_with(&["key", "create", "new"], None, &ci);
    r.code(3).stderr_has("did not configure");
    assert!(r.stdout.trim().is_empty(), "no key was made");
    // Without CI, VAUTH_MASTER_KEY alone pins the protection too.
    env.run_with(
        &["key", "create", "new"],
        None,
        &[("VAUTH_MASTER_KEY", MASTER)],
    )
    .code(3)
    .stderr_has("VAUTH_MASTER_KEY is set");
}

// ---- Finding 7: Argon2 parameters come from the (unauthenticated) header. ----

fn passphrase_home() -> (TestEnv, PathBuf) {
    let env = TestEnv::new();
    let pass = env.write("pass", "a long passphrase\n");
    env.secret("a long passphrase");
    env.run(&[
        "--passphrase-file",
        pass.to_str().unwrap(),
        "init",
        "--protect",
        "passphrase",
    ])
    .ok();
    (env, pass)
}

/// A header asking for 2 GiB of memory, 100000 passes or 64 lanes is refused before anything
/// is derived: quickly, as a modified header (exit 3), not as a wrong passphrase.
#[test]
fn tampered_argon2_parameters_are_refused_before_deriving() {
    let (env, pass) = passphrase_home();
    let p = pass.to_str().unwrap();
    let good = vault_json(&env);
    for (field, value) in [
        ("m", 2_097_152u64),
        ("t", 100_000),
        ("p", 64),
        ("m", 1_048_576),
        ("t", 0),
        ("m", 4),
    ] {
        let mut v = good.clone();
        v["protection"]["argon2"][field] = Value::from(value);
        write_vault(&env, &v);
        let t0 = Instant::now();
        env.run(&["--passphrase-file", p, "--yes", "key", "list"]);
        env.run(&["--passphrase-file", p, "key", "create", "k"])
            .code(3)
            .stderr_has("not one vauth writes");
        assert!(
            t0.elapsed() < Duration::from_secs(5),
            "{field}={value} took {:?}",
            t0.elapsed()
        );
    }
    let mut v = good.clone();
    v["protection"]["salt"] = Value::String("QQ==".into());
    write_vault(&env, &v);
    env.run(&["--passphrase-file", p, "key", "create", "k"])
        .code(3)
        .stderr_has("not one vauth writes");
    write_vault(&env, &good);
    env.run(&["--passphrase-file", p, "key", "create", "k"])
        .ok();
}

// ---- Finding 11 (part): counters must not wrap. ----

/// An audit count of u64::MAX must not wrap the next line's sequence to 0.
#[test]
fn audit_count_at_u64_max_does_not_wrap() {
    let env = TestEnv::new();
    env.create("a");
    let path = env.home().join("state.json");
    let mut st = state(&env);
    st["audit"]["count"] = Value::from(u64::MAX);
    std::fs::write(&path, serde_json::to_vec_pretty(&st).unwrap()).unwrap();
    let before = std::fs::read(&path).unwrap();
    env.run(&["key", "create", "b"]).code(3);
    assert_eq!(std::fs::read(&path).unwrap(), before, "state untouched");
    assert!(!env.read_home("audit.log").contains("\"seq\":0"));
}

// ---- Finding 2: state.json has no integrity protection. ----

fn write_state(env: &TestEnv, v: &Value) {
    write_state_of_dir(&env.home(), v);
}

/// A malicious change to the committed state.json removes a revocation: the revoked key must not
/// verify (neither through the id index nor by name), and nothing is written on top.
#[test]
fn state_edit_that_unrevokes_a_key_does_not_make_it_valid() {
    let env = TestEnv::new();
    let key = env.create("app");
    env.run(&["--yes", "key", "revoke", "app"]).ok();
    env.run_in(&["key", "verify"], &key).code(1);
    let mut st = state(&env);
    for v in st["api_keys"]["app"]["versions"].as_array_mut().unwrap() {
        v.as_object_mut().unwrap().remove("revoked_at");
    }
    write_state(&env, &st);
    env.run_in(&["key", "verify"], &key)
        .code(3)
        .stderr_has("error: state.json");
    env.run_in(&["key", "verify", "app"], &key)
        .code(3)
        .stderr_has("error: state.json");
}

/// A version carrying the hash of a key the attacker made elsewhere is added to state.json: that
/// key must not verify.
#[test]
fn state_edit_that_adds_a_foreign_key_version_does_not_make_it_valid() {
    let env = TestEnv::new();
    env.create("app");
    let elsewhere = TestEnv::new();
    let foreign = elsewhere.create("app");
    env.secret(&foreign);
    let theirs = state(&elsewhere)["api_keys"]["app"]["versions"][0].clone();
    let mut st = state(&env);
    let mut v = theirs;
    v["version"] = Value::from(2);
    st["api_keys"]["app"]["versions"]
        .as_array_mut()
        .unwrap()
        .push(v);
    write_state(&env, &st);
    env.run_in(&["key", "verify"], &foreign).code(3);
    env.run_in(&["key", "verify", "app"], &foreign).code(3);
}

/// The attacker cuts the audit log and rewrites the head in state.json to match the cut: audit
/// verify must not say ok.
#[test]
fn cut_audit_log_with_rewritten_state_head_is_detected() {
    let env = TestEnv::new();
    env.create("a");
    env.create("b");
    env.run(&["--yes", "key", "revoke", "a"]).ok();
    let log = env.read_home("audit.log");
    let lines: Vec<&str> = log.lines().collect();
    let kept = &lines[..lines.len() - 1];
    std::fs::write(env.home().join("audit.log"), kept.join("\n") + "\n").unwrap();
    let last = kept[kept.len() - 1];
    let mut st = state(&env);
    st["audit"]["count"] = Value::from(kept.len());
    st["audit"]["last_hash"] = Value::String(sha256_hex(last));
    st["audit"]["last_line"] = Value::String(last.to_string());
    write_state(&env, &st);
    env.run(&["audit", "verify"])
        .code(3)
        .stderr_has("error: state.json");
}

/// A tampered state.json (here: a key removed) must not make the next write drop that key's
/// sealed plaintext from the vault: the write is refused and neither file changes.
#[test]
fn tampered_state_is_not_written_over_and_vault_entries_survive() {
    let env = TestEnv::new();
    let key = env.create("keep");
    let original = env.read_home("state.json");
    let mut st = state(&env);
    st["api_keys"].as_object_mut().unwrap().remove("keep");
    write_state(&env, &st);
    let (s0, v0) = (env.registry_text(), env.read_home("secrets.vault"));
    env.run(&["key", "create", "other"])
        .code(3)
        .stderr_has("error: state.json");
    assert_eq!(env.registry_text(), s0);
    assert_eq!(env.read_home("secrets.vault"), v0);
    // A state without a tag at all is refused the same way (no downgrade by dropping it).
    let mut st = state(&env);
    st.as_object_mut().unwrap().remove("integrity");
    write_state(&env, &st);
    env.run(&["key", "create", "other"]).code(3);
    // Restoring the original state brings the key back, plaintext intact.
    std::fs::write(env.home().join("state.json"), original).unwrap();
    env.run(&["--yes", "key", "show", "keep", "--reveal"])
        .ok()
        .stdout_has(&key);
}

/// `key verify` trusts, without the vault, only the state.json this machine last wrote or
/// checked, in the same file: the `state.ok` note names its hash and the file's identity. A copy
/// of the home (or a checkout, or a note committed beside a forged state) carries a note that
/// does not match, so the copy needs the vault key to answer.
#[test]
fn a_state_ok_note_that_travelled_with_a_copy_of_the_home_is_not_trusted() {
    let env = TestEnv::new().with_env("VAUTH_MASTER_KEY", MASTER);
    env.run(&["init", "--protect", "master-key"]).ok();
    let key = env.create("app");
    env.run_in(&["key", "verify"], &key).ok();
    assert!(env.home().join("state.ok").is_file(), "the note is written");
    let no_key = [("VAUTH_MASTER_KEY", "")];
    // Here, the noted state answers without the vault key.
    env.run_with(&["key", "verify"], Some(&key), &no_key)
        .ok()
        .stdout_has("app v1 is active");
    // A copy of the whole home, note included: the note names another file.
    let copy = env.path("copy");
    let o = std::process::Command::new("cp")
        .args(["-a", env.home().to_str().unwrap(), copy.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(
        std::fs::read(copy.join("state.ok")).unwrap(),
        std::fs::read(env.home().join("state.ok")).unwrap()
    );
    let home = copy.to_str().unwrap();
    env.run_with(&["--home", home, "key", "verify"], Some(&key), &no_key)
        .code(3)
        .stderr_has("VAUTH_MASTER_KEY");
    // With the key it answers, and notes the copy's own file.
    env.run_with(&["--home", home, "key", "verify"], Some(&key), &[])
        .ok();
    env.run_with(&["--home", home, "key", "verify"], Some(&key), &no_key)
        .ok();
}
