//! One test per row of the exit-code table, and the shape of errors.

use crate::util::*;

#[test]
fn row_0_success() {
    let env = TestEnv::new();
    let key = env.create("x");
    env.run_in(&["key", "verify"], &key).code(0);
}

#[test]
fn row_1_check_answered_no() {
    let env = TestEnv::new();
    env.create("x");
    env.run_in(&["key", "verify"], "vk_nope").code(1);
}

#[test]
fn row_2_usage() {
    let env = TestEnv::new();
    env.run(&["key", "frobnicate"]).code(2);
    env.run(&["--color", "purple", "status"]).code(2);
    env.run(&["key", "rotate", "x", "--grace", "forever"])
        .code(2)
        .stderr_has("duration");
    env.run(&["man", "no", "such"])
        .code(2)
        .stderr_has("no man page");
}

#[test]
fn row_3_local_state_or_input() {
    let env = TestEnv::new();
    env.run(&["key", "list"])
        .code(3)
        .stderr_has("no vauth home");
    env.create("x");
    env.run(&["key", "revoke", "x", "--no-input"])
        .code(3)
        .stderr_has("--yes");
}

#[test]
fn row_4_remote_is_reserved_for_targets() {
    // No command of this release talks to a remote target yet; the code is reserved and
    // documented. Make sure nothing local ever reports it.
    let env = TestEnv::new();
    for args in [
        vec!["key", "list"],
        vec!["key", "create", "x"],
        vec!["audit", "verify"],
    ] {
        assert_ne!(env.run(&args).code, 4);
    }
}

#[test]
fn row_101_is_documented_in_help() {
    let env = TestEnv::new();
    let r = env.run(&["--help"]);
    r.ok();
    for (code, _) in vauth::error::EXIT_TABLE {
        assert!(
            r.stdout.contains(&format!("    {code} ")),
            "exit {code} missing from --help"
        );
    }
}

#[test]
fn errors_are_a_message_line_and_a_hint_line() {
    let env = TestEnv::new();
    let r = env.run(&["key", "show", "ghost"]);
    r.code(3);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stderr);
    assert!(lines[0].starts_with("vauth: error: "));
    assert!(lines[1].trim_start().starts_with("hint: "));
}

#[test]
fn json_errors_go_to_stderr_as_one_object() {
    let env = TestEnv::new();
    let r = env.run(&["--json", "key", "show", "ghost"]);
    r.code(3);
    assert_eq!(r.stdout, "");
    let e = r.json_err();
    assert_eq!(e["error"]["exit_code"], 3);
    assert_eq!(e["error"]["kind"], "not_found");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no vauth home")
    );
    assert!(e["error"]["hint"].is_string());
}

/// With `--json` anywhere on the line, command-line errors clap finds are the documented error
/// object too (kind `usage`, exit 2); without it they stay clap's text; help and version print.
#[test]
fn usage_errors_with_json_are_the_error_object() {
    let env = TestEnv::new();
    for (args, in_message) in [
        (&["--json", "key", "frobnicate"][..], "frobnicate"),
        (&["key", "create", "--bogus", "x", "--json"], "--bogus"),
        (&["--json", "status", "--within", "forever"], "forever"),
        (&["--json", "--color", "purple", "status"], "purple"),
        (&["--json", "key"], "subcommand"),
        (&["--json", "key", "create"], "NAME"),
    ] {
        let r = env.run(args);
        r.code(2);
        assert_eq!(r.stdout, "", "{args:?}");
        assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
        let e = r.json_err();
        let e = &e["error"];
        assert_eq!(e["exit_code"], 2, "{args:?}");
        assert_eq!(e["kind"], "usage", "{args:?}");
        let msg = e["message"].as_str().unwrap();
        assert!(msg.contains(in_message), "{args:?}: {msg}");
        assert!(!msg.starts_with("error:"), "{msg}");
        assert!(e["hint"].as_str().unwrap().contains("--help"), "{e}");
        assert_eq!(
            e.as_object().unwrap().len(),
            4,
            "exit_code, kind, message, hint: {e}"
        );
    }
    // After `--`, "--json" is a value, not the flag.
    let r = env.run(&["key", "frobnicate", "--", "--json"]);
    r.code(2).stderr_has("error: unrecognized subcommand");
    // Without --json: clap's own text, exit 2.
    env.run(&["key", "frobnicate"])
        .code(2)
        .stderr_has("error: unrecognized subcommand")
        .stderr_has("Usage:");
    // --help and --version still print normally (stdout, exit 0), with or without --json.
    env.run(&["--json", "--help"]).ok().stdout_has("Usage:");
    env.run(&["--json", "key", "--help"])
        .ok()
        .stdout_has("Usage: vauth key");
    env.run(&["--version", "--json"]).ok().stdout_has("vauth ");
}

#[test]
fn a_closed_stdout_pipe_ends_quietly() {
    use std::process::Stdio;
    let env = TestEnv::new();
    for i in 0..30 {
        env.run(&["key", "create", &format!("k{i}"), "-q"]).ok();
    }
    let mut c = env.command();
    c.args(["audit", "show"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(out.status.code(), Some(101));
}
