//! Real terminal sessions: vauth runs on a pseudo-terminal (rexpect) whose echo is switched on
//! first, like a person's terminal (rexpect starts its children with echo off). One session per
//! kind of question: the passphrase asked twice, the hidden secret prompt (the typed key must
//! not appear on the screen), and a confirmation answered `y`.
#![cfg(unix)]

use std::process::Command;

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

use crate::util::*;

/// How long any expectation may wait.
const TIMEOUT_MS: u64 = 30_000;

/// `vauth ARGS` on a fresh pseudo-terminal with echo on, in `env`'s isolated home. The
/// terminal's name is noted in the file `pty-name` of the test dir, for [`has_mode`].
fn on_terminal(env: &TestEnv, args: &[&str]) -> PtySession {
    let _ = std::fs::remove_file(env.path(PTY_NAME));
    let mut c = env.wrapper("sh");
    // `stty echo` makes the terminal behave like a person's; then vauth replaces the shell.
    c.arg("-c")
        .arg(format!(
            "stty echo && tty > {PTY_NAME} && exec \"$0\" \"$@\""
        ))
        .arg(bin())
        .args(args);
    spawn_command(c, Some(TIMEOUT_MS)).expect("spawn on a pseudo-terminal")
}

/// The file (in the test dir) where [`on_terminal`] notes the terminal's name.
const PTY_NAME: &str = "pty-name";

/// Whether the terminal of the session [`on_terminal`] started in `env` has the local mode
/// `flag` (`-echo`: echo off; `-icanon`: keys read one by one), as `stty -a` reads it.
fn has_mode(env: &TestEnv, flag: &str) -> bool {
    use std::os::unix::fs::OpenOptionsExt;
    let name = std::fs::read_to_string(env.path(PTY_NAME)).expect("the terminal's name");
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOCTTY)
        .open(name.trim())
        .unwrap();
    let o = Command::new("stty").arg("-a").stdin(tty).output().unwrap();
    String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .any(|w| w == flag)
}

/// Wait for `prompt` and for vauth to switch the echo off (it flushes input typed before), then
/// type `answer` and Enter. Returns what the screen showed before the prompt.
fn answer(env: &TestEnv, p: &mut PtySession, prompt: &str, answer: &str) -> String {
    let before = p
        .exp_string(prompt)
        .unwrap_or_else(|e| panic!("no {prompt:?} on the terminal: {e}"));
    wait_until("the echo to be off", 30, || has_mode(env, "-echo"));
    p.send_line(answer).unwrap();
    before
}

/// Read the screen to the end and return it with the exit code.
fn finish(mut p: PtySession) -> (String, i32) {
    let rest = p.exp_eof().expect("the command ends");
    let code = match p.process().wait() {
        Ok(WaitStatus::Exited(_, c)) => c,
        other => panic!("vauth did not exit normally: {other:?}"),
    };
    (rest, code)
}

#[test]
fn passphrase_hidden_key_and_confirmation_on_a_real_terminal() {
    let env = TestEnv::new();
    let pass = "correct-horse-battery";

    // The control: this terminal echoes what is typed, so a missing echo below is vauth's doing.
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg("stty echo && echo ready && read x && echo got");
    let mut p = spawn_command(c, Some(TIMEOUT_MS)).unwrap();
    // The terminal keeps what is typed before `read` runs: no need to wait.
    p.exp_string("ready").unwrap();
    p.send_line("visible-typing").unwrap();
    let (screen, code) = finish(p);
    assert_eq!(code, 0);
    assert!(screen.contains("visible-typing"), "no echo: {screen:?}");

    // (a) A new passphrase vault asks twice, hiding both entries.
    let mut p = on_terminal(&env, &["init", "--protect", "passphrase"]);
    let mut screen = answer(&env, &mut p, "Vault passphrase", pass);
    screen += &answer(&env, &mut p, "Repeat it", pass);
    let (rest, code) = finish(p);
    screen += &rest;
    assert_eq!(code, 0, "init failed on the terminal:\n{screen}");
    assert!(
        !screen.contains(pass),
        "the passphrase was echoed:\n{screen}"
    );
    assert!(screen.contains("Initialized"), "{screen}");

    // A key to present, made off the terminal (the passphrase from a file).
    let pf = env.write("pass.txt", &format!("{pass}\n"));
    let pf = pf.to_str().unwrap();
    let r = env.run(&["--passphrase-file", pf, "key", "create", "demo"]);
    r.ok();
    let key = r.line();
    assert!(is_key(&key), "{key:?}");

    // (b) `key verify` at a terminal asks with a hidden prompt; the key never shows.
    let mut p = on_terminal(&env, &["key", "verify", "demo"]);
    let mut screen = answer(&env, &mut p, "API key to verify", &key);
    let (rest, code) = finish(p);
    screen += &rest;
    assert_eq!(code, 0, "verify failed on the terminal:\n{screen}");
    assert!(screen.contains("valid: demo v1"), "{screen}");
    assert!(!screen.contains(&key), "the key was echoed:\n{screen}");
    let secret_part = &key[key.len() - 20..];
    assert!(!screen.contains(secret_part), "part of the key was echoed");

    // (c) `key revoke` asks to confirm, then for the passphrase (to erase the kept key from
    // the vault); `y` revokes.
    let mut p = on_terminal(&env, &["key", "revoke", "demo"]);
    let mut screen = p.exp_string("[y/N]").expect("the confirmation");
    assert!(
        screen.contains("Revoke demo"),
        "the question names the key: {screen}"
    );
    // The question reads one key at a time: wait for that terminal mode, then press `y`.
    wait_until("the terminal to read single keys", 30, || {
        has_mode(&env, "-icanon")
    });
    p.send("y").unwrap();
    p.flush().unwrap();
    screen += &answer(&env, &mut p, "Vault passphrase", pass);
    let (rest, code) = finish(p);
    screen += &rest;
    assert_eq!(code, 0, "revoke failed on the terminal:\n{screen}");
    assert!(
        !screen.contains(pass),
        "the passphrase was echoed:\n{screen}"
    );
    env.run_in(&["key", "verify", "demo"], &key)
        .code(1)
        .stdout_has("revoked");
}

#[test]
fn a_terminal_nobody_may_be_asked_on_is_exit_3_naming_the_flag() {
    // --no-input (or CI) at a terminal: never wait for Ctrl-D, name the flag instead.
    let env = TestEnv::new();
    for (args, flag) in [
        (&["--no-input", "key", "verify"][..], "--key-file FILE"),
        (&["--no-input", "key", "import", "k"][..], "--key-file FILE"),
        (&["--no-input", "jwt", "inspect"][..], "--token-file FILE"),
    ] {
        let (screen, code) = finish(on_terminal(&env, args));
        assert_eq!(code, 3, "{args:?}:\n{screen}");
        assert!(
            screen.contains(flag),
            "{args:?} does not name {flag}:\n{screen}"
        );
    }
    let env = env.with_env("CI", "true");
    let (screen, code) = finish(on_terminal(&env, &["key", "verify"]));
    assert_eq!(code, 3, "{screen}");
    assert!(screen.contains("--key-file FILE"), "{screen}");
}
