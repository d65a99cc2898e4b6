//! The audit log through the real binary: one line per state-changing command, and
//! `audit verify` finds every kind of tampering at its line.

use crate::util::*;

fn home_with_lines(env: &TestEnv) {
    env.create("a");
    env.run(&["key", "rotate", "a", "--grace", "1h"]).ok();
    env.create("b");
    env.run(&["--yes", "key", "revoke", "b"]).ok();
}

fn lines(env: &TestEnv) -> Vec<String> {
    env.read_home("audit.log")
        .lines()
        .map(str::to_string)
        .collect()
}

fn write_lines(env: &TestEnv, l: &[String]) {
    let mut s = l.join("\n");
    s.push('\n');
    std::fs::write(env.home().join("audit.log"), s).unwrap();
}

#[test]
fn every_change_is_audited_and_reads_only_are_not() {
    let env = TestEnv::new();
    home_with_lines(&env);
    env.run(&["key", "list"]).ok();
    env.run(&["status"]).ok();
    let l = lines(&env);
    let actions: Vec<String> = l
        .iter()
        .map(|x| {
            serde_json::from_str::<serde_json::Value>(x).unwrap()["action"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        actions,
        [
            "home.init",
            "key.create",
            "key.rotate",
            "key.create",
            "key.revoke"
        ]
    );
    let first: serde_json::Value = serde_json::from_str(&l[1]).unwrap();
    assert!(first["actor"].as_str().unwrap().starts_with("tester@"));
    assert!(
        first["details"]["fingerprint"]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
    let r = env.run(&["audit", "show"]);
    r.ok().stdout_has("key.rotate");
    let r = env.run(&["audit", "show", "--limit", "1"]);
    assert!(r.stdout.contains("key.revoke") && !r.stdout.contains("key.rotate"));
    env.run(&["audit", "verify"])
        .ok()
        .stdout_has("5 audit lines intact");
}

#[test]
fn ci_job_id_is_recorded() {
    let env = TestEnv::new();
    env.run_with(&["key", "create", "j"], None, &[("GITHUB_RUN_ID", "4242")])
        .ok();
    assert!(env.read_home("audit.log").contains("github_run_id=4242"));
}

#[test]
fn edited_line_is_found() {
    let env = TestEnv::new();
    home_with_lines(&env);
    let mut l = lines(&env);
    l[2] = l[2].replace("\"name\":\"a\"", "\"name\":\"z\"");
    write_lines(&env, &l);
    env.run(&["audit", "verify"])
        .code(1)
        .stdout_has("line 3")
        .stdout_has("edited");
}

#[test]
fn removed_reordered_and_cut_lines_are_found() {
    let env = TestEnv::new();
    home_with_lines(&env);
    let l = lines(&env);

    let mut removed = l.clone();
    removed.remove(1);
    write_lines(&env, &removed);
    env.run(&["audit", "verify"]).code(1).stdout_has("line 2");

    let mut swapped = l.clone();
    swapped.swap(2, 3);
    write_lines(&env, &swapped);
    env.run(&["audit", "verify"]).code(1).stdout_has("line 3");

    write_lines(&env, &l[..3]);
    env.run(&["audit", "verify"])
        .code(1)
        .stdout_has("tail was cut");

    std::fs::write(env.home().join("audit.log"), "").unwrap();
    env.run(&["audit", "verify"]).code(1);

    write_lines(&env, &l);
    env.run(&["audit", "verify"]).ok();
    let v = env.run(&["--json", "audit", "verify"]).json();
    assert_eq!(v["ok"], true);
}

#[test]
fn a_rewrite_without_the_vault_key_is_found() {
    // Lines copied from another home are chained correctly but carry the wrong HMAC.
    let a = TestEnv::new();
    home_with_lines(&a);
    let b = TestEnv::new();
    home_with_lines(&b);
    std::fs::copy(b.home().join("audit.log"), a.home().join("audit.log")).unwrap();
    a.run(&["audit", "verify"]).code(1).stdout_has("line 1");
}

/// Without $USER / $LOGNAME the actor is the uid's name from /etc/passwd, not `unknown`.
#[test]
fn the_actor_without_user_is_the_uids_name() {
    let env = TestEnv::new();
    let mut c = env.command();
    c.env_remove("USER")
        .env_remove("LOGNAME")
        .args(["key", "create", "who", "-q"]);
    let out = c.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    for k in crate::util::keys_in(&String::from_utf8_lossy(&out.stdout)) {
        env.secret(&k);
    }
    let want = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let want = String::from_utf8_lossy(&want.stdout).trim().to_string();
    let l = lines(&env);
    let last: serde_json::Value = serde_json::from_str(l.last().unwrap()).unwrap();
    let actor = last["actor"].as_str().unwrap();
    assert!(!actor.starts_with("unknown@"), "{actor}");
    assert!(
        actor.starts_with(&format!("{want}@")),
        "{actor} (want {want})"
    );
}
