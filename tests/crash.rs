//! Crash safety: kill -9 at random instants, and crashes injected at each step of a commit
//! (vault, state, audit). state.json always parses, holds exactly the completed writes (plus at
//! most the one in flight), and the next command recovers.
//!
//! The injected crashes (VAUTH_TEST_CRASH) need vauth built with the `test-hooks` feature
//! (`cargo test --all-features`); without it those tests say so and skip.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::util::*;

fn names(env: &TestEnv) -> BTreeSet<String> {
    state(env)["api_keys"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

#[test]
fn kill_9_during_a_bulk_of_writes_never_leaves_a_broken_home() {
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    let mut completed = BTreeSet::new();
    let mut attempted = BTreeSet::new();
    // Enough keys first that state.json names tables (past 64 buckets): the kills then land
    // in commits that write tables too.
    let base = fill_until_tables(&env, "base").len();
    for name in (0..base).map(|n| format!("base-{n}")) {
        attempted.insert(name.clone());
        completed.insert(name);
    }
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    for i in 0..60 {
        let name = format!("k{i:03}");
        attempted.insert(name.clone());
        let mut child = env
            .command()
            .args(["key", "create", &name, "-q"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        std::thread::sleep(Duration::from_micros((seed >> 33) % 12_000));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        if status.success() {
            completed.insert(name);
        }
        let now = names(&env);
        assert!(completed.is_subset(&now), "a completed create was lost");
        assert!(
            now.is_subset(&attempted),
            "a key appeared that nobody created"
        );
    }
    // Everything still works: the vault opens, the audit log verifies (after recovery), and
    // buckets/ holds exactly the buckets and table packs the state names, whatever the killed
    // commits left.
    env.create("after");
    env.run(&["audit", "verify"]).ok();
    let on_disk: BTreeSet<String> = std::fs::read_dir(env.home().join("buckets"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(on_disk, referenced_files(&env.home()));
    assert!(on_disk.iter().any(|n| n.starts_with("p-")));
    let n = names(&env).len();
    let state = state(&env);
    // One init line, one per key in state (each create that reached state also logged), and
    // one `home.cleanup` per run that found a killed run's temporary files.
    let cleanups = env
        .read_home("audit.log")
        .lines()
        .filter(|l| l.contains(r#""action":"home.cleanup""#))
        .count();
    assert_eq!(state["audit"]["count"], (n + 1 + cleanups) as u64);
    assert!(
        stale_temps(&env.home()).is_empty(),
        "{:?}",
        stale_temps(&env.home())
    );
}

#[test]
fn a_killed_writes_temporary_files_are_removed_under_the_lock_and_audited() {
    if !test_hooks("crash::a_killed_writes_temporary_files_are_removed_under_the_lock_and_audited")
    {
        return;
    }
    let env = TestEnv::new();
    env.create("first");
    // Killed after the first new file's temporary copy is written (the sealed bucket of the
    // key's plaintext), before it is renamed into place.
    let r = env.run_with(
        &["key", "create", "half"],
        None,
        &[("VAUTH_TEST_CRASH", "before-rename")],
    );
    assert_eq!(r.code, -1, "killed at the crash point: {}", r.stderr);
    let left = stale_temps(&env.home());
    assert!(
        left.iter()
            .any(|n| n.starts_with("buckets/.v-") && n.contains(".vault.tmp-")),
        "the crash should leave the sealed bucket's temporary copy: {left:?}"
    );
    // Every file of the commit is written (and fsynced) before the first is renamed, so the
    // state's temporary copy is there too, while the home is still the one before the kill.
    assert!(
        left.iter().any(|n| n.starts_with(".state.json.tmp-")),
        "the staged state should be left as a temporary copy: {left:?}"
    );
    assert!(!env.run(&["key", "list"]).ok().stdout.contains("half"));
    // The commit's marker says a bucket write did not finish.
    let marker = env.home().join("buckets/.pending");
    assert!(marker.exists(), "the killed commit leaves its marker");
    // A reader takes no write lock and removes nothing.
    env.run(&["key", "list"]).ok();
    assert_eq!(stale_temps(&env.home()), left);
    // The next writer removes them and says so in the audit log; the chain still verifies.
    env.create("next");
    assert!(
        stale_temps(&env.home()).is_empty(),
        "{:?}",
        stale_temps(&env.home())
    );
    assert!(!marker.exists(), "a finished commit leaves no marker");
    let log = env.read_home("audit.log");
    let line = log
        .lines()
        .find(|l| l.contains(r#""action":"home.cleanup""#))
        .expect("a home.cleanup audit line");
    assert!(line.contains(&left[0]), "{line}");
    env.run(&["audit", "verify"]).ok();
}

#[test]
fn crash_after_the_vault_write_loses_nothing_and_leaves_no_orphan() {
    if !test_hooks("crash::crash_after_the_vault_write_loses_nothing_and_leaves_no_orphan") {
        return;
    }
    let env = TestEnv::new();
    let first = env.create("first");
    let r = env.run_with(
        &["key", "create", "half"],
        None,
        &[("VAUTH_TEST_CRASH", "after-vault")],
    );
    assert_eq!(r.code, -1, "killed at the crash point: {}", r.stderr);
    assert!(
        !names(&env).contains("half"),
        "state must not have the half-made key"
    );
    // The next change drops the vault entry no state references, and all else works.
    env.create("next");
    env.run(&["--yes", "key", "show", "first", "--reveal"])
        .ok()
        .stdout_has(&first);
    env.run(&["audit", "verify"]).ok();
}

#[test]
fn crash_after_the_state_write_restores_the_audit_line() {
    if !test_hooks("crash::crash_after_the_state_write_restores_the_audit_line") {
        return;
    }
    let env = TestEnv::new();
    env.create("a");
    let r = env.run_with(
        &["key", "create", "b"],
        None,
        &[("VAUTH_TEST_CRASH", "after-state")],
    );
    assert_eq!(r.code, -1, "killed at the crash point: {}", r.stderr);
    assert!(names(&env).contains("b"));
    // Before any change, verify accounts for the pending line.
    env.run(&["audit", "verify"]).ok().stderr_has("pending");
    // The next change appends it, then its own.
    env.run(&["key", "create", "c"])
        .ok()
        .stderr_has("restored the audit line");
    let log = env.read_home("audit.log");
    assert_eq!(log.lines().count(), 4);
    env.run(&["audit", "verify"])
        .ok()
        .stdout_has("4 audit lines intact");
}

/// A change whose audit line cannot be appended once state.json names it (here past the
/// process's file-size limit, as on a full disk) is made, and says so: exit 0 with a warning,
/// never "failed" for work that was done; the line waits in state.json and the next writing
/// command appends it.
#[test]
fn an_audit_append_that_fails_after_the_commit_point_is_a_warning_not_a_failure() {
    let env = TestEnv::new();
    // audit.log grows by a line per change; `--force` adds a version without growing state.json.
    env.create("x");
    for _ in 0..40 {
        env.run(&["key", "create", "x", "--force", "--out", "x.key.tmp"])
            .ok();
        std::fs::remove_file(env.path("x.key.tmp")).unwrap();
    }
    let home = env.home();
    let audit_len = std::fs::metadata(home.join("audit.log")).unwrap().len();
    // `ulimit -f` counts 512-byte blocks in dash (/bin/sh here), 1024 in bash: run sh, count 512.
    let blocks = audit_len / 512;
    let mut others = vec![home.join("state.json"), home.join("secrets.vault")];
    others.extend(
        std::fs::read_dir(home.join("buckets"))
            .unwrap()
            .flatten()
            .map(|e| e.path()),
    );
    let biggest = others
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().len())
        .max()
        .unwrap();
    assert!(
        biggest + 2048 < blocks * 512,
        "{biggest} against {audit_len}"
    );
    let o = env
        .wrapper("sh")
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f \"$1\"; exec \"$0\" key create late --out late.key",
        ])
        .arg(bin())
        .arg(blocks.to_string())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning: the change is made, but its audit line was not appended"),
        "{err}"
    );
    assert_eq!(
        std::fs::metadata(home.join("audit.log")).unwrap().len(),
        audit_len
    );
    let late = std::fs::read_to_string(env.path("late.key")).unwrap();
    env.secret(late.trim());
    env.run_in(&["key", "verify"], &late).ok();
    env.run(&["audit", "verify"]).ok().stderr_has("pending");
    env.run(&["key", "create", "after", "--out", "after.key"])
        .ok()
        .stderr_has("restored the audit line");
    env.run(&["audit", "verify"])
        .ok()
        .stdout_has(&format!("{} audit lines intact", 1 + 1 + 40 + 2));
}

#[test]
fn crash_before_a_rename_leaves_the_old_state() {
    if !test_hooks("crash::crash_before_a_rename_leaves_the_old_state") {
        return;
    }
    let env = TestEnv::new();
    env.create("a");
    let before = env.registry_text();
    let r = env.run_with(
        &["key", "rotate", "a"],
        None,
        &[("VAUTH_TEST_CRASH", "before-rename")],
    );
    assert_eq!(r.code, -1, "killed at the crash point: {}", r.stderr);
    // The crash hit the first atomic write (the vault): state.json is the old one.
    assert_eq!(env.registry_text(), before);
    env.run(&["key", "rotate", "a"]).ok();
    env.run(&["audit", "verify"]).ok();
}

/// A re-key re-seals every sealed bucket under a new data key. Killed after the new vault is
/// written and before the state naming the re-sealed buckets is: the old state names the old
/// buckets, which the new vault still opens (it carries the previous data key until a state
/// naming only re-sealed buckets is stored), and nothing is lost.
#[test]
fn rekey_killed_between_the_vault_and_the_state_loses_no_secret() {
    if !test_hooks("crash::rekey_killed_between_the_vault_and_the_state_loses_no_secret") {
        return;
    }
    let env = TestEnv::new();
    let keys: Vec<(String, String)> = (0..6)
        .map(|i| {
            let n = format!("k{i}");
            let k = env.create(&n);
            (n, k)
        })
        .collect();
    let pass = env.write("newpass", "a new passphrase\n");
    env.secret("a new passphrase");
    let p = pass.to_str().unwrap();
    let r = env.run_with(
        &[
            "vault",
            "rekey",
            "--protect",
            "passphrase",
            "--new-passphrase-file",
            p,
        ],
        None,
        &[("VAUTH_TEST_CRASH", "after-vault")],
    );
    assert_eq!(r.code, -1, "killed at the crash point: {}", r.stderr);
    let reveal = |name: &str| {
        env.run(&[
            "--passphrase-file",
            p,
            "--yes",
            "key",
            "show",
            name,
            "--reveal",
        ])
    };
    for (n, k) in &keys {
        reveal(n).ok().stdout_has(k);
    }
    // Two more changes: the buckets are re-sealed, then the previous key is dropped.
    env.run(&["--passphrase-file", p, "key", "create", "after-1"])
        .ok();
    env.run(&["--passphrase-file", p, "key", "create", "after-2"])
        .ok();
    for (n, k) in &keys {
        reveal(n).ok().stdout_has(k);
        env.run_in(&["key", "verify", n], k).ok();
    }
    env.run(&["--passphrase-file", p, "audit", "verify"]).ok();
}

/// A home of schema 1 moving to buckets, killed after the vault write and before the state:
/// the plaintexts are still in the main vault for the schema-1 state, and the next change
/// moves them again.
#[test]
fn migration_killed_between_the_vault_and_the_state_loses_no_secret() {
    if !test_hooks("crash::migration_killed_between_the_vault_and_the_state_loses_no_secret") {
        return;
    }
    let env = schema1_home();
    let alpha = fixture_key("alpha");
    let r = env.run_with(
        &["key", "create", "gamma"],
        None,
        &[("VAUTH_TEST_CRASH", "after-vault")],
    );
    assert_eq!(r.code, -1, "killed at the crash point: {}", r.stderr);
    assert!(env.read_home("state.json").contains("\"schema\": 1"));
    env.run(&["--yes", "key", "show", "alpha", "--reveal"])
        .ok()
        .stdout_has(&alpha);
    env.create("delta");
    env.create("epsilon");
    env.run(&["--yes", "key", "show", "alpha", "--reveal"])
        .ok()
        .stdout_has(&alpha);
    env.run_in(&["key", "verify", "alpha"], &alpha).ok();
    env.run(&["audit", "verify"]).ok();
}
