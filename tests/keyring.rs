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

/// A session bus that provides no Secret Service: no service files, so nothing can be
/// activated as org.freedesktop.secrets (as on a server where gnome-keyring is not installed).
const BARE_BUS: &str = r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#;

/// `vauth ARGS` inside its own `dbus-run-session` using `config`, in `env`'s home.
fn run_on_bus(env: &TestEnv, config: &std::path::Path, args: &[&str]) -> Run {
    let mut a = vec![format!("--config-file={}", config.display()), "--".into()];
    a.push(bin().display().to_string());
    a.extend(args.iter().map(|s| s.to_string()));
    dbus_run_session(env, &a)
}

/// `dbus-run-session ARGS` with `env`'s environment (its own bus, never the caller's).
fn dbus_run_session(env: &TestEnv, args: &[String]) -> Run {
    let mut c = env.wrapper("dbus-run-session");
    c.args(args);
    let o = c
        .stdin(std::process::Stdio::null())
        .output()
        .expect("dbus-run-session (apt-get install dbus-daemon)");
    let r = Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    };
    env.scan(&r, true);
    r
}

#[test]
#[ignore = "needs dbus-run-session (run by .ci/run)"]
fn a_bus_without_a_secret_service_gets_the_key_file_default() {
    let env = TestEnv::new();
    let cfg = env.write("bare-bus.conf", BARE_BUS);
    // The first command of a new user: no setup step, a key-file home and the notice.
    let r = run_on_bus(&env, &cfg, &["key", "create", "demo"]);
    r.ok()
        .stderr_has("created a new vauth home")
        .stderr_has("key-file")
        .stderr_has("no OS keyring");
    let key = r.line();
    assert!(is_key(&key), "{key:?}");
    env.secret(&key);
    assert_eq!(std::fs::read_dir(env.key_dir()).unwrap().count(), 1);
    env.run(&["status"]).ok().stdout_has("key-file");
    env.run_in(&["key", "verify", "demo"], &key).ok();
    // Asked for by name, the keyring is an error that says what is missing.
    let env2 = TestEnv::new();
    let cfg2 = env2.write("bare-bus.conf", BARE_BUS);
    run_on_bus(&env2, &cfg2, &["init", "--protect", "keyring"])
        .code(3)
        .stderr_has("no Secret Service");
}

#[test]
fn a_dead_session_bus_address_gets_the_key_file_default() {
    // DBUS_SESSION_BUS_ADDRESS points at a socket nobody listens on: no keyring here.
    let env = TestEnv::new();
    let dead = format!("unix:path={}", env.path("no-such-bus").display());
    let r = env.run_with(
        &["key", "create", "demo"],
        None,
        &[("DBUS_SESSION_BUS_ADDRESS", &dead)],
    );
    r.ok().stderr_has("key-file").stderr_has("no OS keyring");
    assert!(is_key(&r.line()));
}

#[test]
#[ignore = "needs dbus-run-session and gnome-keyring (run by .ci/run)"]
fn a_locked_keyring_is_an_error_that_says_how_to_unlock_it() {
    // A session where gnome-keyring is activated on demand but no login keyring was ever
    // unlocked (or created): it refuses. That is an error, never a silent key-file fallback;
    // the hint's headless command unlocks it, and the same command then works.
    let env = TestEnv::new();
    let script = r#"
        "$0" key create demo; echo "first=$?" >&2
        printf %s pw | gnome-keyring-daemon --replace --unlock --components=secrets >/dev/null 2>&1
        sleep 1
        "$0" key create demo; echo "second=$?" >&2
    "#;
    let args: Vec<String> = vec![
        "--".into(),
        "sh".into(),
        "-c".into(),
        script.into(),
        bin().display().to_string(),
    ];
    let r = dbus_run_session(&env, &args);
    r.stderr_has("locked or refused")
        .stderr_has("--replace --unlock")
        .stderr_has("first=3")
        .stderr_has("second=0")
        .stderr_has("(vault protection: keyring)");
    assert!(!env.key_dir().exists(), "no key file was made");
    // stdout also carries what the activated daemon prints; the key is on a line of its own.
    assert_eq!(keys_in(&r.stdout).len(), 1, "{}", r.stdout);
}
