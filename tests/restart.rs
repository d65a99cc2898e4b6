//! Restart-bound targets with an apply command (issue 13 §2): a real Chroma (its Python server,
//! which reads its credentials file only at start-up) under a supervisor loop, restarted by the
//! target's `apply` command — a push, a whole policy rotation and its finalize each finish in one
//! run. Also: a failing apply command (exit 4, its status and stderr tail, no secret, nothing
//! revoked), and that the command's environment holds no secret.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::json;

use crate::util::chroma::{PROBE_PATH, Transport, add_chroma_target, chroma_python};
use crate::util::{TestEnv, free_port, rfc3339, state, test_hooks, wait_until};

/// The token transport of the test server: Chroma's default, which is vauth's default too.
const TRANSPORT: Transport = Transport::Bearer;

const ADMIN: &str = "chroma-admin-token-restart-7c1e90";

/// Chroma's Python server under a supervisor loop (as systemd's `Restart=always` runs it):
/// killing the server process starts it again on the same port, data and credentials file.
struct Supervised {
    sup: Child,
    dir: PathBuf,
    port: u16,
}

impl Supervised {
    /// Start Chroma reading `file` under the loop, its files in `dir`; None after a loud skip.
    fn start(dir: &Path, file: &Path) -> Option<Supervised> {
        let python = chroma_python()?;
        let port = free_port();
        let d = dir.display();
        let script = format!(
            "while [ ! -e '{d}/stop' ]; do\n\
             \x20 '{py}' -m uvicorn chromadb.app:app --host 127.0.0.1 --port {port} --log-level warning >>'{d}/chroma.log' 2>&1 &\n\
             \x20 echo $! > '{d}/chroma.pid'\n\
             \x20 wait $!\n\
             done\n",
            py = python.display()
        );
        let sup = Command::new("sh")
            .arg("-c")
            .arg(script)
            .env(
                "CHROMA_SERVER_AUTHN_PROVIDER",
                "chromadb.auth.token_authn.TokenAuthenticationServerProvider",
            )
            .env("CHROMA_SERVER_AUTHN_CREDENTIALS_FILE", file)
            .env("CHROMA_AUTH_TOKEN_TRANSPORT_HEADER", TRANSPORT.header())
            .env("IS_PERSISTENT", "TRUE")
            .env("PERSIST_DIRECTORY", dir.join("data"))
            .env("ANONYMIZED_TELEMETRY", "False")
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let s = Supervised {
            sup,
            dir: dir.to_path_buf(),
            port,
        };
        wait_until("Chroma to answer /api/v2/heartbeat", 120, || {
            get(port, "/api/v2/heartbeat", None).is_some_and(|c| c == 200)
        });
        Some(s)
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The status of an authenticated read with `token`.
    fn status(&self, token: &str) -> u16 {
        let line = match TRANSPORT {
            Transport::Bearer => format!("Authorization: Bearer {token}"),
            Transport::XChromaToken => format!("X-Chroma-Token: {token}"),
        };
        get(self.port, PROBE_PATH, Some(&line)).expect("Chroma answers")
    }

    /// The apply command: note what it got (its whole environment, and one line per run), then
    /// restart Chroma — kill it, the loop starts it again — and return once the old process is
    /// gone (as `systemctl restart` does).
    fn apply_command(&self) -> String {
        let d = self.dir.display();
        let script = self.dir.join("apply.sh");
        std::fs::write(
            &script,
            format!(
                "env >> '{d}/apply-env'\n\
                 echo \"$VAUTH_EVENT $VAUTH_TARGET $VAUTH_KIND $VAUTH_APPLY_FILE\" >> '{d}/applied'\n\
                 pid=$(cat '{d}/chroma.pid')\n\
                 kill \"$pid\"\n\
                 while kill -0 \"$pid\" 2>/dev/null; do sleep 0.1; done\n"
            ),
        )
        .unwrap();
        format!("sh '{}'", script.display())
    }

    /// The runs of the apply command so far: `EVENT TARGET KIND FILE` each.
    fn applied(&self) -> Vec<String> {
        std::fs::read_to_string(self.dir.join("applied"))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }
}

impl Drop for Supervised {
    fn drop(&mut self) {
        let _ = std::fs::write(self.dir.join("stop"), "");
        let _ = self.sup.kill();
        let _ = self.sup.wait();
        if let Ok(pid) = std::fs::read_to_string(self.dir.join("chroma.pid")) {
            let _ = Command::new("kill").arg(pid.trim()).status();
        }
    }
}

/// A plain HTTP/1.1 GET on loopback: the status, or None when nothing answers.
fn get(port: u16, path: &str, header: Option<&str>) -> Option<u16> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    let extra = header.map(|h| format!("{h}\r\n")).unwrap_or_default();
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}Connection: close\r\n\r\n"
    );
    s.write_all(req.as_bytes()).ok()?;
    let mut buf = String::new();
    s.read_to_string(&mut buf).ok()?;
    buf.split(' ').nth(1)?.parse().ok()
}

/// A credentials file as vauth writes it, listing the admin token only.
fn credentials_file(dir: &Path) -> PathBuf {
    let file = dir.join("chroma-credentials.yaml");
    std::fs::write(
        &file,
        format!(
            "# managed by vauth (test)\nusers:\n  - id: \"vauth-admin\"\n    tokens:\n      - \"{ADMIN}\"\n"
        ),
    )
    .unwrap();
    file
}

fn add_target(env: &TestEnv, url: &str, file: &Path, apply: &str, wait: &str) {
    add_chroma_target(
        env,
        "c",
        url,
        file,
        &["--apply", apply, "--restart-wait", wait],
    );
    // `target show` says what runs after a push, and how long vauth waits.
    let show = env.run(&["--json", "target", "show", "c"]);
    show.ok();
    assert_eq!(show.json()["apply"], apply);
    assert_eq!(show.json()["restart_wait"], wait);
}

#[test]
fn real_chroma_restarted_by_the_apply_command_rotates_and_finalizes_in_one_run_each() {
    if !test_hooks("restart-bound rotation under the test clock") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = credentials_file(dir.path());
    let Some(chroma) = Supervised::start(dir.path(), &file) else {
        return;
    };
    let env = TestEnv::new().with_env("CHROMA_ADMIN", ADMIN);
    env.secret(ADMIN);
    env.run(&["init"]).ok();
    add_target(&env, &chroma.url(), &file, &chroma.apply_command(), "120s");

    // push: the file is written, the apply command restarts Chroma, the token is probed — in
    // this run, not at a later `target test`.
    let k1 = env.create("app");
    let p = env.run(&["--json", "push", "app", "--to", "c"]);
    p.ok();
    assert_eq!(p.json()["verified"], true, "{}", p.stdout);
    assert!(p.json().get("pending").is_none(), "{}", p.stdout);
    assert_eq!(chroma.status(&k1), 200);
    assert_eq!(chroma.status("vauth-wrong-token-000000"), 403);
    assert_eq!(
        chroma.applied(),
        [format!("push c chroma {}", file.display())]
    );

    // One `rotate apply` under a policy: push → apply/restart → probe → promote.
    env.append_config("\n[[policy]]\ncredential = \"app\"\nmax_age = \"30d\"\ngrace = \"1h\"\n");
    let t0 = time::OffsetDateTime::now_utc();
    let due = rfc3339(t0 + time::Duration::days(31));
    let r = env.run_with(
        &["--json", "rotate", "apply", "--due"],
        None,
        &[("VAUTH_TEST_NOW", &due)],
    );
    r.ok();
    let rot = &r.json()["rotated"][0];
    assert_eq!(
        (
            rot["credential"].clone(),
            rot["from_version"].clone(),
            rot["to_version"].clone(),
            rot["resumed"].clone()
        ),
        (json!("app"), json!(1), json!(2), json!(false)),
        "{}",
        r.stdout
    );
    assert_eq!(
        rot["targets"],
        json!([{"target": "c", "user": "app", "verified": true}])
    );
    assert!(
        state(&env)["rotations"]
            .as_object()
            .is_none_or(|m| m.is_empty())
    );
    let k2 = env.reveal("app", 2);
    assert_eq!(chroma.status(&k2), 200, "the successor, after the restart");
    assert_eq!(chroma.status(&k1), 200, "the predecessor, in its grace");
    assert_eq!(chroma.applied().len(), 2);

    // After the grace, `rotate finalize` takes v1 back: the file loses it and the apply command
    // restarts Chroma again, so the old token is refused when the run ends.
    let after = rfc3339(t0 + time::Duration::days(31) + time::Duration::hours(2));
    let f = env.run_with(
        &["--json", "rotate", "finalize"],
        None,
        &[("VAUTH_TEST_NOW", &after)],
    );
    f.ok();
    assert_eq!(chroma.status(&k1), 403, "the old token, finalized");
    assert_eq!(chroma.status(&k2), 200);
    let st = state(&env);
    let v1 = &st["api_keys"]["app"]["versions"][0];
    assert!(v1["revoked_at"].is_string(), "{v1}");
    assert!(v1["pushed"][0]["revoked_at"].is_string(), "{v1}");
    assert_eq!(
        chroma.applied().last().unwrap(),
        &format!("revoke c chroma {}", file.display())
    );
    assert_eq!(chroma.applied().len(), 3);

    // `key rotate` on a restart-bound target also finishes in its run; its dry-run push says so.
    let d = env.run(&["push", "app", "--to", "c", "--dry-run"]);
    d.ok().stdout_has("then: run the target's apply command");
    let k = env.run_with(
        &["key", "rotate", "app", "--grace", "1h"],
        None,
        &[("VAUTH_TEST_NOW", &after)],
    );
    k.ok();
    let k3 = k.line();
    assert_eq!(chroma.status(&k3), 200);
    assert_eq!(chroma.applied().len(), 4);
    let v3 = &state(&env)["api_keys"]["app"]["versions"][2];
    assert_eq!(v3["pushed"][0]["verified"], true, "{v3}");

    // The command's environment never held a secret: not the admin token (nor the variable
    // naming it), not a key, not vauth's own secrets — but it had the file's path.
    let envs = std::fs::read_to_string(dir.path().join("apply-env")).unwrap();
    for s in [ADMIN, k1.as_str(), k2.as_str(), k3.as_str()] {
        assert!(!envs.contains(s), "a secret in the apply command's env");
    }
    for var in [
        "CHROMA_ADMIN=",
        "VAUTH_MASTER_KEY=",
        "VAUTH_PASSPHRASE_FILE=",
        "VAUTH_TEST_NOW=",
    ] {
        assert!(!envs.contains(var), "{var} reached the apply command");
    }
    assert!(envs.contains(&format!("VAUTH_APPLY_FILE={}", file.display())));
}

#[test]
fn a_failing_apply_command_is_exit_4_with_its_status_and_stderr_tail_and_revokes_nothing() {
    let env = TestEnv::new().with_env("CHROMA_ADMIN", ADMIN);
    env.secret(ADMIN);
    env.run(&["init"]).ok();
    let file = credentials_file(env.dir.path());
    // It prints the whole credentials file (every token) to stderr, then fails.
    let url = format!("http://127.0.0.1:{}", free_port());
    add_target(
        &env,
        &url,
        &file,
        "cat \"$VAUTH_APPLY_FILE\" >&2; echo kubectl: rollout refused >&2; exit 3",
        "5s",
    );
    let k1 = env.create("app");
    let p = env.run(&["push", "app", "--to", "c"]);
    p.code(4)
        .stderr_has("the apply command failed (exit 3)")
        .stderr_has("rollout refused")
        .stderr_has("****");
    let v1 = &state(&env)["api_keys"]["app"]["versions"][0];
    assert_eq!(
        (
            v1["pushed"][0]["pending"].clone(),
            v1["pushed"][0]["verified"].clone()
        ),
        (json!(true), json!(false)),
        "the push stays pending: {v1}"
    );
    let j = env.run(&["--json", "push", "app", "--to", "c"]);
    j.code(4);
    // The error object is the last line (the push's note comes first).
    let err: serde_json::Value =
        serde_json::from_str(j.stderr.trim().lines().last().unwrap()).unwrap();
    assert_eq!(err["error"]["exit_code"], 4, "{}", j.stderr);
    assert!(
        err["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("nothing was revoked")
    );

    // `rotate apply`: the successor is written, the command fails, the rotation stops
    // journaled; v1 stays live and listed (nothing revoked).
    let r = env.run(&["rotate", "apply", "app"]);
    r.code(4).stderr_has("app not rotated").stderr_has("exit 3");
    let st = state(&env);
    assert!(st["rotations"]["app"].is_object(), "journaled: {st}");
    assert!(st["api_keys"]["app"]["versions"][0]["revoked_at"].is_null());
    assert!(std::fs::read_to_string(&file).unwrap().contains(&k1));

    // --apply is for targets that read credentials at start-up.
    env.run(&[
        "target",
        "add",
        "pg",
        "--kind",
        "postgres",
        "--url",
        "postgres://admin@127.0.0.1:5432/app",
        "--admin-password-env",
        "PG_PW",
        "--apply",
        "true",
    ])
    .code(2)
    .stderr_has("read credentials at start-up");
}
