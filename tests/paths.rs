//! Every command that writes a file, as a user types it from a project directory: a bare name
//! (`--out ca.pem`), `./name`, `dir/name` in a directory that does not exist yet (created 0700,
//! DESIGN.md §8), and an existing file with and without `--force`. Before this module every test
//! used absolute temp paths, and every `--out` of the README's first steps failed after doing
//! its work (`Path::parent` of a bare name is the empty path).

use std::path::Path;

use crate::util::TestEnv;

/// One file-writing command: `args` with `{}` where the path goes.
struct Case {
    name: &'static str,
    setup: &'static [&'static [&'static str]],
    args: &'static [&'static str],
    /// Files it writes, relative to the path given (`{}` = the path itself).
    files: &'static [&'static str],
    /// Whether `--force` exists (false: the file is a published artifact and is replaced).
    force: bool,
}

const CA: &[&str] = &["ca", "init"];
const JWT: &[&str] = &["jwt", "key", "create", "sig", "--alg", "ES256"];

const CASES: &[Case] = &[
    Case {
        name: "ca export",
        setup: &[CA],
        args: &["ca", "export", "--out", "{}"],
        files: &["{}"],
        force: true,
    },
    Case {
        name: "ca crl",
        setup: &[CA],
        args: &["ca", "crl", "--out", "{}"],
        files: &["{}"],
        force: false,
    },
    Case {
        name: "key create",
        setup: &[],
        args: &["key", "create", "app", "--out", "{}"],
        files: &["{}"],
        force: true,
    },
    Case {
        name: "key rotate",
        setup: &[&["key", "create", "app", "--out", "first.key"]],
        args: &["key", "rotate", "app", "--out", "{}"],
        files: &["{}"],
        force: true,
    },
    Case {
        name: "jwt jwks",
        setup: &[JWT],
        args: &["jwt", "jwks", "--out", "{}"],
        files: &["{}"],
        force: false,
    },
    Case {
        name: "jwt key export",
        setup: &[JWT],
        args: &["jwt", "key", "export", "sig", "--public", "--out", "{}"],
        files: &["{}"],
        force: true,
    },
    Case {
        name: "cert export",
        setup: &[CA, &["cert", "issue", "c1", "--cn", "c1", "--out", "first"]],
        args: &["cert", "export", "c1", "--out", "{}"],
        files: &["{}"],
        force: true,
    },
    Case {
        name: "cert issue --cert-out",
        setup: &[CA],
        args: &[
            "cert",
            "issue",
            "c1",
            "--cn",
            "c1",
            "--cert-out",
            "{}",
            "--key-out",
            "{}.key",
            "--chain-out",
            "{}.ca",
        ],
        files: &["{}", "{}.key", "{}.ca"],
        force: true,
    },
];

fn fill(args: &[&str], path: &str) -> Vec<String> {
    args.iter().map(|a| a.replace("{}", path)).collect()
}

fn run(env: &TestEnv, args: &[String]) -> crate::util::Run {
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    env.run(&a)
}

/// A fresh env with the case's setup done.
fn prepared(c: &Case) -> TestEnv {
    let env = TestEnv::new();
    for s in c.setup {
        env.run(s).ok();
    }
    env
}

#[test]
fn outputs_accept_bare_dot_and_nested_relative_paths() {
    for c in CASES {
        for path in ["out.pem", "./out.pem", "new/deeper/out.pem"] {
            let env = prepared(c);
            let r = run(&env, &fill(c.args, path));
            assert_eq!(
                r.code, 0,
                "{} --out {path}: exit {}\n{}",
                c.name, r.code, r.stderr
            );
            for f in c.files {
                let p = env.path(&f.replace("{}", path));
                assert!(p.is_file(), "{}: {} was not written", c.name, p.display());
            }
            if path.starts_with("new/") {
                for d in ["new", "new/deeper"] {
                    assert_eq!(
                        env.mode(&env.path(d)),
                        0o700,
                        "{}: a created directory is 0700",
                        c.name
                    );
                }
            }
        }
    }
}

#[test]
fn an_existing_output_is_kept_without_force_and_replaced_with_it() {
    for c in CASES {
        let env = prepared(c);
        for f in c.files {
            env.write(&f.replace("{}", "taken.pem"), "mine\n");
        }
        let state = || std::fs::read_to_string(env.home().join("state.json")).unwrap_or_default();
        let state_before = state();
        let r = run(&env, &fill(c.args, "taken.pem"));
        if c.force {
            assert_eq!(r.code, 3, "{}: exit {}\n{}", c.name, r.code, r.stderr);
            assert!(
                r.stderr.contains("already exists"),
                "{}: {}",
                c.name,
                r.stderr
            );
            assert!(r.stderr.contains("--force"), "{}: {}", c.name, r.stderr);
            assert_eq!(
                std::fs::read_to_string(env.path("taken.pem")).unwrap(),
                "mine\n",
                "{}: the file was changed",
                c.name
            );
            assert_eq!(
                state(),
                state_before,
                "{}: a refused output recorded something",
                c.name
            );
            let mut forced = fill(c.args, "taken.pem");
            forced.push("--force".into());
            run(&env, &forced).ok();
        } else {
            r.ok();
        }
        assert_ne!(
            std::fs::read_to_string(env.path("taken.pem")).unwrap(),
            "mine\n",
            "{}: not replaced",
            c.name
        );
    }
}

/// `--out /dev/null --force` run as root once replaced /dev/null with a regular file holding
/// the key (the write is a temp file renamed over the path). Whatever is in the way that is not a
/// regular file — a FIFO, a link (to a regular file, or to a device as /dev/stdout is), a
/// directory — is refused (exit 3) by every command that writes a file, with or without
/// `--force`, before any work: it stays what it was, and nothing is recorded.
#[test]
fn an_output_that_is_not_a_regular_file_is_never_replaced() {
    use std::os::unix::fs::FileTypeExt;
    for c in CASES {
        let env = prepared(c);
        let state = || std::fs::read_to_string(env.home().join("state.json")).unwrap_or_default();
        env.write("target.txt", "mine\n");
        let fifo = env.path("fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        std::os::unix::fs::symlink("target.txt", env.path("link")).unwrap();
        std::os::unix::fs::symlink("/dev/null", env.path("null")).unwrap();
        std::fs::create_dir(env.path("dir.pem")).unwrap();
        for (what, path) in [
            ("a special file", "fifo"),
            ("a symbolic link", "link"),
            ("a symbolic link", "null"),
            ("a directory", "dir.pem"),
        ] {
            let before = state();
            let mut args = fill(c.args, path);
            if c.force {
                args.push("--force".into());
            }
            // Only the first output of a case is put in the way; the others are new files.
            let r = run(&env, &args);
            assert_eq!(
                r.code, 3,
                "{} over {path}: exit {}\n{}",
                c.name, r.code, r.stderr
            );
            assert!(
                r.stderr.contains(&format!("is {what}, not a regular file")),
                "{} over {path}: {}",
                c.name,
                r.stderr
            );
            assert_eq!(
                state(),
                before,
                "{} over {path}: something was recorded",
                c.name
            );
        }
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
        assert_eq!(
            std::fs::read_link(env.path("link")).unwrap(),
            Path::new("target.txt")
        );
        assert_eq!(
            std::fs::read_link(env.path("null")).unwrap(),
            Path::new("/dev/null")
        );
        assert_eq!(
            std::fs::read_to_string(env.path("target.txt")).unwrap(),
            "mine\n"
        );
        assert!(env.path("dir.pem").is_dir());
    }
}

#[test]
fn secret_files_are_0600_in_created_directories() {
    let env = TestEnv::new();
    env.run(&["key", "create", "app", "--out", "secrets/app.key"])
        .ok();
    assert_eq!(env.mode(&env.path("secrets/app.key")), 0o600);
    assert_eq!(env.mode(&env.path("secrets")), 0o700);
    env.run(CA).ok();
    env.run(&["cert", "issue", "c1", "--cn", "c1", "--out", "certs/c1"])
        .ok();
    assert_eq!(env.mode(&env.path("certs/c1")), 0o700);
    assert_eq!(env.mode(&env.path("certs/c1/c1.key")), 0o600);
    assert!(env.path("certs/c1/c1.crt").is_file());
    env.run(JWT).ok();
    env.run(&[
        "jwt",
        "oidc",
        "--issuer",
        "https://auth.example.com",
        "--out-dir",
        "site/oidc",
    ])
    .ok();
    assert!(env.path("site/oidc/jwks.json").is_file());
    assert!(
        env.path("site/oidc/.well-known/openid-configuration")
            .is_file()
    );
    assert_eq!(env.mode(&env.path("site")), 0o700);
}

#[test]
fn an_output_path_under_a_file_is_refused_before_any_work() {
    let env = TestEnv::new();
    env.write("plain", "x");
    let r = env.run(&["key", "create", "app", "--out", "plain/app.key"]);
    r.code(3).stderr_has("not a directory");
    assert!(
        !std::fs::read_to_string(env.home().join("state.json"))
            .unwrap_or_default()
            .contains("\"app\""),
        "nothing is recorded when the output cannot be written"
    );
}

fn dev_full() -> Option<std::fs::File> {
    let p = Path::new("/dev/full");
    p.exists()
        .then(|| std::fs::OpenOptions::new().write(true).open(p).ok())
        .flatten()
}

/// Run with stdout on /dev/full (every write fails with ENOSPC).
fn run_full(env: &TestEnv, args: &[&str]) -> crate::util::Run {
    let full = dev_full().expect("/dev/full");
    let o = env
        .command()
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(full)
        .output()
        .unwrap();
    crate::util::Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

#[test]
fn a_key_that_reached_nobody_and_is_not_kept_does_not_stay_active() {
    if dev_full().is_none() {
        eprintln!("skipped: no /dev/full");
        return;
    }
    let env = TestEnv::new();
    let r = run_full(&env, &["key", "create", "lost", "--no-keep"]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stderr.contains("revoked"), "{}", r.stderr);
    let show = env.run(&["--json", "key", "show", "lost"]);
    show.ok();
    assert!(
        show.json()["versions"][0]["revoked_at"].is_string(),
        "v1 must be revoked: {}",
        show.stdout
    );
    // A kept key stays active, and the error says how to print it again.
    let r = run_full(&env, &["key", "create", "kept"]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stderr.contains("key show kept --reveal"), "{}", r.stderr);
    env.run(&["--yes", "key", "show", "kept", "--reveal"]).ok();
    // A local rotation whose successor was lost: the predecessor is current again.
    env.run(&["key", "create", "rot", "--no-keep", "--out", "rot.key"])
        .ok();
    let r = run_full(&env, &["key", "rotate", "rot", "--no-keep"]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    let key = std::fs::read_to_string(env.path("rot.key")).unwrap();
    let v = env.run_in(&["--json", "key", "verify", "rot"], &key);
    v.ok();
    assert_eq!(v.json()["status"], "active", "{}", v.stdout);
}

#[test]
fn products_written_to_a_full_stdout_fail_with_exit_5() {
    if dev_full().is_none() {
        eprintln!("skipped: no /dev/full");
        return;
    }
    let env = TestEnv::new();
    env.run(JWT).ok();
    for args in [
        &["jwt", "sign", "--key", "sig", "--sub", "x"][..],
        &["--json", "key", "list"][..],
        &["--json", "status"][..],
        &["jwt", "jwks"][..],
    ] {
        let r = run_full(&env, args);
        assert_eq!(r.code, 5, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("stdout"), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn cert_export_p12_checks_paths_before_the_password_and_prints_no_pem() {
    let env = TestEnv::new();
    env.run(CA).ok();
    env.run(&[
        "cert",
        "issue",
        "c1",
        "--cn",
        "c1",
        "--keep-key",
        "--out",
        "c",
    ])
    .ok();
    env.write("pw", "a long enough password\n");
    // An existing --p12 without --force is refused before the password file is even read.
    env.write("taken.p12", "mine");
    env.run(&[
        "cert",
        "export",
        "c1",
        "--p12",
        "taken.p12",
        "--p12-password-file",
        "missing-pw",
    ])
    .code(3)
    .stderr_has("already exists");
    // A PKCS#12 to a file prints no PEM on stdout.
    let r = env.run(&[
        "cert",
        "export",
        "c1",
        "--p12",
        "out/c1.p12",
        "--p12-password-file",
        "pw",
    ]);
    r.ok();
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert_eq!(env.mode(&env.path("out/c1.p12")), 0o600);
    // Without any file, the PEM is the product.
    let r = env.run(&["cert", "export", "c1"]);
    r.ok().stdout_has("BEGIN CERTIFICATE");
}
