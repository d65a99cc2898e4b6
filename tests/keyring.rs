//! The real OS keyring: Secret Service over D-Bus with an unlocked gnome-keyring. These tests
//! need a session bus, so they are `#[ignore]`d in a plain `cargo test` and run by .ci/run under
//! `dbus-run-session` with `--ignored keyring::`.

use crate::util::*;

fn bus() -> Vec<(&'static str, String)> {
    let addr = std::env::var("DBUS_SESSION_BUS_ADDRESS")
        .expect("run under dbus-run-session (see .ci/run)");
    vec![("DBUS_SESSION_BUS_ADDRESS", addr)]
}

#[test]
#[ignore = "needs a D-Bus session with an unlocked Secret Service (run by .ci/run)"]
fn keyring_protects_the_vault_end_to_end() {
    let env = TestEnv::new();
    let b = bus();
    let envs: Vec<(&str, &str)> = b.iter().map(|(k, v)| (*k, v.as_str())).collect();
    env.run_with(&["init"], None, &envs)
        .ok()
        .stderr_has("keyring");
    let r = env.run_with(&["key", "create", "kr"], None, &envs);
    r.ok();
    let key = r.line();
    env.run_with(&["status"], None, &envs)
        .ok()
        .stdout_has("keyring");
    env.run_with(&["--yes", "key", "show", "kr", "--reveal"], None, &envs)
        .ok()
        .stdout_has(&key);
    // Without the bus the vault cannot be opened, and says why.
    env.run(&["--yes", "key", "show", "kr", "--reveal"])
        .code(3)
        .stderr_has("keyring");
    // Re-key away from the keyring keeps the secret.
    env.run_with(&["vault", "rekey", "--protect", "key-file"], None, &envs)
        .ok();
    env.run(&["--yes", "key", "show", "kr", "--reveal"])
        .ok()
        .stdout_has(&key);
}
