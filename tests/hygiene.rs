//! Secrets never in argv, never leaked; file modes; the CLI definition's invariants; panics
//! never echo argv.

use clap::CommandFactory;
use vauth::cli::Cli;

use crate::util::*;

fn all_commands(cmd: &clap::Command, path: String, out: &mut Vec<(String, clap::Command)>) {
    out.push((path.clone(), cmd.clone()));
    for s in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        all_commands(s, format!("{path} {}", s.get_name()), out);
    }
}

fn commands() -> Vec<(String, clap::Command)> {
    let mut root = Cli::command();
    root.build();
    let mut out = Vec::new();
    all_commands(&root, "vauth".into(), &mut out);
    out
}

#[test]
fn no_flag_takes_a_secret_value() {
    let secretish = [
        "key",
        "token",
        "password",
        "passphrase",
        "secret",
        "credential",
        "apikey",
    ];
    for (path, cmd) in commands() {
        for a in cmd.get_arguments() {
            let Some(long) = a.get_long() else { continue };
            let takes_value = a.get_num_args().is_none_or(|n| n.takes_values())
                && !matches!(
                    a.get_action(),
                    clap::ArgAction::SetTrue
                        | clap::ArgAction::Count
                        | clap::ArgAction::Help
                        | clap::ArgAction::Version
                        | clap::ArgAction::HelpLong
                        | clap::ArgAction::HelpShort
                );
            if !takes_value {
                continue;
            }
            let named_secret = secretish.iter().any(|s| long.contains(s));
            // A path, an environment variable's name, the NAME of a credential vauth stores, or
            // (`-out` flags) where a secret is written (0600) — never the secret itself.
            let by_name = a
                .get_value_names()
                .is_some_and(|n| n.iter().all(|v| v.as_str() == "NAME"));
            // An endpoint's URL is not a secret (a URL with a password in it is refused).
            let is_url = a
                .get_value_names()
                .is_some_and(|n| n.iter().all(|v| v.as_str() == "URL"));
            let is_reference = long.ends_with("-file")
                || long.ends_with("-env")
                || long.ends_with("-out")
                || by_name
                || is_url;
            assert!(
                !named_secret || is_reference,
                "{path} --{long} seems to take a secret value on the command line"
            );
        }
    }
}

#[test]
fn every_arg_has_help_and_uppercase_value_names() {
    for (path, cmd) in commands() {
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if matches!(id, "help" | "version") {
                continue;
            }
            assert!(a.get_help().is_some(), "{path}: {id} has no help");
            if let Some(names) = a.get_value_names() {
                for n in names {
                    assert!(
                        n.chars().all(|c| !c.is_ascii_lowercase()),
                        "{path}: value name {n} of {id} is not UPPERCASE"
                    );
                }
            }
        }
    }
}

#[test]
fn every_leaf_command_has_examples_and_short_about() {
    for (path, cmd) in commands() {
        let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
        assert!(!about.is_empty(), "{path} has no about");
        assert!(about.len() <= 79, "{path}: short help over 79 columns");
        if cmd.get_subcommands().next().is_none() || path == "vauth" {
            let long = cmd
                .get_after_long_help()
                .map(|a| a.to_string())
                .unwrap_or_default();
            assert!(long.contains("EXAMPLES:"), "{path} has no EXAMPLES");
        }
    }
}

#[test]
fn files_holding_secrets_are_0600() {
    let env = TestEnv::new();
    env.create("m");
    for f in [
        "state.json",
        "secrets.vault",
        "audit.log",
        "vauth.toml",
        "lock",
    ] {
        assert_eq!(env.mode(&env.home().join(f)), 0o600, "{f}");
    }
    let kf = std::fs::read_dir(env.key_dir())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert_eq!(env.mode(&kf), 0o600);
    assert_eq!(env.mode(&env.key_dir()), 0o700);
    // Rewrites keep the mode (a new file is renamed over the old).
    env.run(&["key", "rotate", "m"]).ok();
    assert_eq!(env.mode(&env.home().join("state.json")), 0o600);
}

#[test]
fn secrets_stay_out_of_logs_json_and_errors() {
    let env = TestEnv::new();
    let key = env.create("h");
    // Verbose, JSON and failing runs all get the key on stdin; the harness scans every stream.
    env.run_in(&["-v", "--json", "key", "verify"], &key).ok();
    env.run_in(&["-v", "key", "verify", "nope"], &key).code(3);
    let r = env.run(&["-v", "--json", "key", "list"]);
    assert!(!r.stdout.contains(&key));
    let r = env.run(&["--json", "key", "show", "h"]);
    assert!(!r.stdout.contains(&key));
    let r = env.run(&["--json", "audit", "show"]);
    assert!(!r.stdout.contains(&key));
    // The vault is sealed: the key is not in it in the clear.
    let vault = std::fs::read_to_string(env.home().join("secrets.vault")).unwrap();
    assert!(!vault.contains(&key));
}

#[test]
fn panic_output_names_the_version_not_the_argv() {
    if !test_hooks("hygiene::panic_output_names_the_version_not_the_argv") {
        return;
    }
    let env = TestEnv::new();
    let r = env.run_with(
        &["key", "show", "very-private-name"],
        None,
        &[("VAUTH_TEST_PANIC", "1")],
    );
    r.code(101)
        .stderr_has("internal error")
        .stderr_has(env!("CARGO_PKG_VERSION"));
    assert!(!r.stderr.contains("very-private-name"), "{}", r.stderr);
}

#[test]
fn readme_documents_every_environment_variable() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for (name, _) in vauth::env::DOCUMENTED {
        assert!(
            readme.contains(&format!("`{name}`")),
            "README does not document {name}"
        );
    }
}
