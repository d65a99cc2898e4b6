//! The home: init, implicit creation, CI rules, vault protections, damaged files, rekey.

use crate::util::*;

const MASTER: &str = SCHEMA1_MASTER;

#[test]
fn init_is_idempotent_and_writes_a_private_home() {
    let env = TestEnv::new();
    env.run(&["init"]).ok().stderr_has("Initialized");
    let state = env.registry_text();
    env.run(&["init"]).ok().stderr_has("already exists");
    assert_eq!(env.registry_text(), state, "a second init changed nothing");
    for f in ["state.json", "secrets.vault", "audit.log", "vauth.toml"] {
        assert_eq!(env.mode(&env.home().join(f)), 0o600, "{f}");
    }
    let gi = env.read_home(".gitignore");
    assert!(
        gi.contains("!state.json") && gi.contains("!audit.log") && !gi.contains("!secrets.vault")
    );
    assert_eq!(env.mode(&env.home().join(".gitignore")), 0o644);
    env.run(&["init", "--protect", "passphrase"])
        .code(3)
        .stderr_has("vault rekey");
}

/// A team's own vauth.toml and .gitignore, already in the directory a home is made in, are
/// kept as they are.
#[test]
fn init_keeps_a_config_and_gitignore_that_are_already_there() {
    let env = TestEnv::new();
    std::fs::create_dir(env.path("team")).unwrap();
    let cfg = "# ours\n[keys]\nprefix = \"tm\"\n";
    env.write("team/vauth.toml", cfg);
    env.write("team/.gitignore", "*\n");
    env.run(&["--home", "team", "init"]).ok();
    assert_eq!(
        std::fs::read_to_string(env.path("team/vauth.toml")).unwrap(),
        cfg
    );
    assert_eq!(
        std::fs::read_to_string(env.path("team/.gitignore")).unwrap(),
        "*\n"
    );
    env.run(&["--home", "team", "key", "create", "k", "-q"])
        .ok()
        .stdout_has("tm_");
}

#[test]
fn status_reports_protection_counts_and_expiry() {
    let env = TestEnv::new();
    env.run(&["status"]).code(3).stderr_has("vauth init");
    env.create("a");
    env.run(&["key", "create", "soon", "--expires", "3d"]).ok();
    let r = env.run(&["status"]);
    r.ok()
        .stdout_has("key-file")
        .stdout_has("2 (2 active")
        .stdout_has("soon v1")
        .stderr_has("weakest");
    env.run(&["status", "--within", "1d"])
        .ok()
        .stdout_has("nothing within 1d");
}

#[test]
fn ci_never_creates_a_home_or_key_file_implicitly() {
    let env = TestEnv::new().with_env("CI", "true");
    env.run(&["key", "create", "x"])
        .code(3)
        .stderr_has("CI is set");
    assert!(!env.home().join("state.json").exists());
    env.run(&["init"]).code(3).stderr_has("VAUTH_MASTER_KEY");
    env.run(&["init", "--protect", "key-file"])
        .code(3)
        .stderr_has("key file");
    assert!(!env.key_dir().exists());
}

#[test]
fn master_key_protects_the_vault_in_ci() {
    let env = TestEnv::new().with_env("CI", "true");
    env.secret(MASTER);
    env.run_with(&["init"], None, &[("VAUTH_MASTER_KEY", MASTER)])
        .ok();
    let r = env.run_with(
        &["key", "create", "ci"],
        None,
        &[("VAUTH_MASTER_KEY", MASTER)],
    );
    r.ok();
    let key = r.line();
    env.run_with(
        &["--yes", "key", "show", "ci", "--reveal"],
        None,
        &[("VAUTH_MASTER_KEY", MASTER)],
    )
    .ok()
    .stdout_has(&key);
    // Without the master key, commands that need the vault fail loudly (exit 3).
    env.run(&["key", "rotate", "ci"])
        .code(3)
        .stderr_has("VAUTH_MASTER_KEY");
    // A wrong master key is refused, and nothing changes.
    let before = env.registry_text();
    let wrong = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    env.run_with(
        &["key", "rotate", "ci"],
        None,
        &[("VAUTH_MASTER_KEY", wrong)],
    )
    .code(3)
    .stderr_has("does not open");
    env.run_with(
        &["key", "rotate", "ci"],
        None,
        &[("VAUTH_MASTER_KEY", "short")],
    )
    .code(3)
    .stderr_has("32 bytes");
    assert_eq!(env.registry_text(), before);
    // Verification needs no vault.
    env.run_in(&["key", "verify"], &key).ok();
}

#[test]
fn passphrase_vault_refuses_a_wrong_passphrase_without_data_loss() {
    let env = TestEnv::new();
    let pass = env.write("pass", "correct horse battery\n");
    env.secret("correct horse battery");
    let p = pass.to_str().unwrap();
    env.run(&["--passphrase-file", p, "init", "--protect", "passphrase"])
        .ok();
    let key = env
        .run(&["--passphrase-file", p, "key", "create", "pp"])
        .line();
    let before = std::fs::read(env.home().join("secrets.vault")).unwrap();
    let wrong = env.write("wrong", "nope\n");
    env.run(&[
        "--passphrase-file",
        wrong.to_str().unwrap(),
        "key",
        "rotate",
        "pp",
    ])
    .code(3)
    .stderr_has("passphrase does not open");
    // No terminal and no file: exit 3 naming the flag.
    env.run(&["key", "rotate", "pp"])
        .code(3)
        .stderr_has("--passphrase-file");
    assert_eq!(
        std::fs::read(env.home().join("secrets.vault")).unwrap(),
        before
    );
    // The env var works too.
    env.run_with(
        &["--yes", "key", "show", "pp", "--reveal"],
        None,
        &[("VAUTH_PASSPHRASE_FILE", p)],
    )
    .ok()
    .stdout_has(&key);
}

#[test]
fn tampered_vault_is_a_clear_error_and_untouched() {
    let env = TestEnv::new();
    env.create("t");
    let path = env.home().join("secrets.vault");
    let text = std::fs::read_to_string(&path).unwrap();
    let ct_at = text.rfind("\"ct\": \"").unwrap() + 10;
    let mut bytes = text.into_bytes();
    bytes[ct_at] = if bytes[ct_at] == b'A' { b'B' } else { b'A' };
    std::fs::write(&path, &bytes).unwrap();
    env.run(&["key", "create", "u"])
        .code(3)
        .stderr_has("integrity check");
    env.run(&["--yes", "key", "show", "t", "--reveal"])
        .code(3)
        .stderr_has("integrity");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    std::fs::write(&path, "not json").unwrap();
    env.run(&["key", "create", "u"])
        .code(3)
        .stderr_has("integrity");
}

#[test]
fn corrupt_truncated_or_newer_state_is_refused_and_untouched() {
    let env = TestEnv::new();
    env.create("s");
    let path = env.home().join("state.json");
    let good = std::fs::read_to_string(&path).unwrap();
    let half = &good[..good.len() / 2];
    for bad in [
        half.to_string(),
        "garbage".into(),
        String::new(),
        "{}".into(),
    ] {
        std::fs::write(&path, &bad).unwrap();
        for args in [vec!["key", "list"], vec!["key", "create", "n"]] {
            env.run(&args).code(3).stderr_has("state.json");
        }
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            bad,
            "file untouched"
        );
    }
    // A state that names both buckets (a small home) and bucket tables: which is right cannot
    // be told, so nothing is read or written.
    assert!(
        good.contains("\"buckets\": {"),
        "a one-key home names its buckets"
    );
    let both = good.replacen(
        "\"buckets\": {",
        &format!(
            "\"tables\": {{\"t-k3\": \"{}\"}},\n  \"buckets\": {{",
            "0".repeat(64)
        ),
        1,
    );
    std::fs::write(&path, &both).unwrap();
    for args in [vec!["key", "list"], vec!["key", "create", "n"]] {
        env.run(&args)
            .code(3)
            .stderr_has("names both buckets and bucket tables")
            .stderr_has("restore state.json");
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        both,
        "file untouched"
    );
    // Valid JSON without a schema is named for what it lacks, garbage for what it is.
    std::fs::write(&path, "{}").unwrap();
    env.run(&["key", "list"])
        .code(3)
        .stderr_has("no valid schema field");
    std::fs::write(&path, "garbage").unwrap();
    env.run(&["key", "list"])
        .code(3)
        .stderr_has("state.json is corrupt");
    let newer = good.replace("\"schema\": 4", "\"schema\": 5");
    std::fs::write(&path, &newer).unwrap();
    env.run(&["key", "list"])
        .code(3)
        .stderr_has("schema 5")
        .stderr_has("upgrade");
    // A newer schema that no longer parses as this one (a field changed type) is still
    // explained by its schema, not called corrupt.
    let reshaped = newer.replacen("\"home_id\": \"", "\"home_id\": 7, \"was\": \"", 1);
    assert_ne!(reshaped, newer);
    std::fs::write(&path, &reshaped).unwrap();
    env.run(&["key", "create", "n"])
        .code(3)
        .stderr_has("schema 4")
        .stderr_has("upgrade");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), reshaped);
    std::fs::write(&path, &good).unwrap();
    env.run(&["key", "list"]).ok();
}

#[test]
fn unreadable_or_odd_homes_are_exit_3() {
    let env = TestEnv::new();
    let file = env.write("not-a-dir", "x");
    env.run(&["--home", file.to_str().unwrap(), "key", "list"])
        .code(3)
        .stderr_has("not a directory");
    env.run(&["--home", file.to_str().unwrap(), "key", "create", "x"])
        .code(3);
    env.run(&["--home", "", "key", "list"]).code(2);
    // state.json that is a directory cannot be read.
    let odd = env.path("odd");
    std::fs::create_dir_all(odd.join("state.json")).unwrap();
    env.run(&["--home", odd.to_str().unwrap(), "key", "list"])
        .code(3)
        .stderr_has("cannot read");
    // A vault without state (an interrupted init) is not overwritten.
    let half = env.path("half");
    std::fs::create_dir_all(&half).unwrap();
    std::fs::write(half.join("secrets.vault"), "{}").unwrap();
    env.run(&["--home", half.to_str().unwrap(), "init"])
        .code(3)
        .stderr_has("interrupted init");
    assert_eq!(
        std::fs::read_to_string(half.join("secrets.vault")).unwrap(),
        "{}"
    );
}

#[test]
fn vauth_home_env_and_flag_select_the_home() {
    let env = TestEnv::new();
    let alt = env.path("alt-home");
    env.run_with(&["init"], None, &[("VAUTH_HOME", alt.to_str().unwrap())])
        .ok();
    env.run_with(
        &["key", "create", "viaenv"],
        None,
        &[("VAUTH_HOME", alt.to_str().unwrap())],
    )
    .ok();
    assert!(alt.join("state.json").exists());
    env.run(&["--home", alt.to_str().unwrap(), "key", "show", "viaenv"])
        .ok();
    env.run(&["key", "show", "viaenv"]).code(3);
}

#[test]
fn key_file_problems_are_clear() {
    let env = TestEnv::new();
    env.create("k");
    let kf = std::fs::read_dir(env.key_dir())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::set_permissions(&kf, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    env.run(&["key", "create", "k2"])
        .code(3)
        .stderr_has("chmod 600");
    std::fs::set_permissions(&kf, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let saved = std::fs::read(&kf).unwrap();
    std::fs::remove_file(&kf).unwrap();
    env.run(&["key", "create", "k2"])
        .code(3)
        .stderr_has("is missing");
    std::fs::write(&kf, &saved).unwrap();
    std::fs::set_permissions(&kf, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    env.run(&["key", "create", "k2"]).ok();
}

#[test]
fn rekey_changes_protection_without_losing_a_secret() {
    let env = TestEnv::new();
    let key = env.create("keep");
    let pass = env.write("newpass", "a new passphrase\n");
    env.secret("a new passphrase");
    env.run(&[
        "vault",
        "rekey",
        "--protect",
        "passphrase",
        "--new-passphrase-file",
        pass.to_str().unwrap(),
    ])
    .ok()
    .stderr_has("key-file -> passphrase");
    // The key file alone no longer opens it.
    env.run(&["--yes", "key", "show", "keep", "--reveal"])
        .code(3);
    let p = pass.to_str().unwrap();
    env.run(&[
        "--passphrase-file",
        p,
        "--yes",
        "key",
        "show",
        "keep",
        "--reveal",
    ])
    .ok()
    .stdout_has(&key);
    env.secret(MASTER);
    env.run_with(
        &[
            "--passphrase-file",
            p,
            "vault",
            "rekey",
            "--protect",
            "master-key",
        ],
        None,
        &[("VAUTH_MASTER_KEY", MASTER)],
    )
    .ok();
    env.run_with(
        &["--yes", "key", "show", "keep", "--reveal"],
        None,
        &[("VAUTH_MASTER_KEY", MASTER)],
    )
    .ok()
    .stdout_has(&key);
    env.run_with(&["audit", "verify"], None, &[("VAUTH_MASTER_KEY", MASTER)])
        .ok();
    env.run_with(&["status"], None, &[("VAUTH_MASTER_KEY", MASTER)])
        .ok()
        .stdout_has("master-key");
}

#[test]
fn keyring_protection_without_a_session_bus_is_a_clear_error() {
    let env = TestEnv::new();
    env.run(&["init", "--protect", "keyring"])
        .code(3)
        .stderr_has("keyring");
    assert!(!env.home().join("state.json").exists());
}

/// A home named by --home / VAUTH_HOME that does not exist is created by the first writing
/// command, as the default one is (`VAUTH_HOME=$PWD/home vauth key create demo` in a fresh
/// directory), with the notice that says where. A typo in a directory part (a missing parent),
/// a reading command, or `CI` set creates nothing.
#[test]
fn a_missing_named_home_is_created_one_level_deep_by_the_first_writing_command() {
    let env = TestEnv::new();
    // A typo in a directory part: exit 3 naming the missing directory, nothing created.
    let deep = env.path("hoem/team");
    let t = deep.to_str().unwrap();
    for (args, envs) in [
        (vec!["--home", t, "key", "create", "x"], vec![]),
        (vec!["key", "create", "x"], vec![("VAUTH_HOME", t)]),
        (vec!["--home", t, "ca", "init"], vec![]),
    ] {
        env.run_with(&args, None, &envs)
            .code(3)
            .stderr_has("no directory")
            .stderr_has(&format!("vauth init --home {t}"));
        assert!(!env.path("hoem").exists(), "{args:?} created a directory");
    }
    let e = env
        .run(&["--json", "--home", t, "key", "create", "x"])
        .code(3)
        .json_err();
    assert_eq!(e["error"]["kind"], "not_found");
    // A reading command on a missing home: exit 3, nothing created.
    env.run(&["--home", "reading", "key", "list"])
        .code(3)
        .stderr_has("no vauth home");
    assert!(!env.path("reading").exists());
    // With CI set no home is created implicitly, named or not.
    env.run_with(
        &["key", "create", "x"],
        None,
        &[("VAUTH_HOME", "ci-home"), ("CI", "true")],
    )
    .code(3)
    .stderr_has("CI is set");
    assert!(!env.path("ci-home").exists());
    assert!(!env.key_dir().exists(), "a key file was created");
    // A new user's first command, relative paths in a fresh directory: the home is made 0700
    // and the command says where.
    env.run_with(
        &["key", "create", "demo", "--out", "demo.key"],
        None,
        &[("VAUTH_HOME", "home")],
    )
    .ok()
    .stderr_has("created a new vauth home at home");
    assert!(env.path("home/state.json").is_file() && env.path("demo.key").is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.path("home"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
    }
    env.run_in(
        &["--home", "home", "key", "verify", "demo"],
        &std::fs::read_to_string(env.path("demo.key")).unwrap(),
    )
    .ok();
    // `vauth init --home` still makes a deeper one on purpose.
    env.run(&["--home", t, "init"]).ok();
    env.run(&["--home", t, "key", "create", "x"]).ok();
}

/// A new user who makes a directory for the home and names it, relatively, as they would type
/// it (`mkdir home; VAUTH_HOME=home vauth key create demo --out demo.key`): the first command
/// creates the home there, as it does the default one.
#[test]
fn an_existing_directory_named_as_the_home_gets_one_on_first_use() {
    let env = TestEnv::new();
    std::fs::create_dir(env.path("home")).unwrap();
    let r = env.run_with(
        &["key", "create", "demo", "--out", "demo.key"],
        None,
        &[("VAUTH_HOME", "home")],
    );
    r.ok().stderr_has("created a new vauth home");
    assert!(env.path("home/state.json").is_file());
    assert_eq!(env.mode(&env.path("demo.key")), 0o600);
    let key = std::fs::read_to_string(env.path("demo.key")).unwrap();
    env.run_with(
        &["key", "verify", "demo", "--key-file", "demo.key"],
        None,
        &[("VAUTH_HOME", "home")],
    )
    .ok();
    env.secret(key.trim());
    // --home, relative, works the same; the default home was never touched.
    std::fs::create_dir(env.path("other")).unwrap();
    env.run(&[
        "--home", "other", "jwt", "key", "create", "j", "--alg", "ES256",
    ])
    .ok();
    assert!(env.path("other/state.json").is_file());
    assert!(!env.home().exists());
    // Reading commands do not create one.
    std::fs::create_dir(env.path("empty")).unwrap();
    env.run(&["--home", "empty", "key", "list"]).code(3);
    assert!(!env.path("empty/state.json").exists());
}

#[test]
fn a_bad_vauth_toml_names_its_line_column_key_and_file() {
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    let cfg = env.home().join("vauth.toml");
    let fix = |line: u32| format!("line {line} of {}", cfg.display());
    // (text, what the message names, the line the hint names)
    let cases: [(&str, &[&str], u32); 4] = [
        (
            "[keys]\nprefix = \"qd\"\ngrace = \"2h\"\nprefix = \"xy\"\n",
            &["line 4, column 1", "key keys.prefix", "duplicate key"],
            4,
        ),
        (
            "# comment\n[jwt]\nlifetme = \"5m\"\n",
            &["line 3, column 1", "key jwt.lifetme", "unknown field"],
            3,
        ),
        (
            "[keys]\nprefix = 5\n",
            &["line 2, column 10", "key keys.prefix"],
            2,
        ),
        // A value only vauth's own checks refuse.
        (
            "[keys]\n\n\ngrace = \"soon\"\n",
            &["keys.grace", "line 4"],
            4,
        ),
    ];
    for (text, want, line) in cases {
        std::fs::write(&cfg, text).unwrap();
        let r = env.run(&["key", "list"]);
        r.code(3).stderr_has(&fix(line));
        let first = r.stderr.lines().next().unwrap();
        for w in want {
            assert!(first.contains(w), "{w:?} not in {first:?}");
        }
        assert!(!r.stderr.contains("vauth status"), "{}", r.stderr);
        // status, the command a user would try next, says the same.
        env.run(&["status"]).code(3).stderr_has(&fix(line));
        let e = env.run(&["--json", "key", "list"]).code(3).json_err();
        let msg = e["error"]["message"].as_str().unwrap();
        assert!(!msg.contains('\n') && msg.contains(want[0]), "{msg}");
        assert!(
            e["error"]["hint"].as_str().unwrap().contains(&fix(line)),
            "{e}"
        );
    }
}

/// A home committed to git as docs/ci-rotation.md says (with `!secrets.vault` admitted after the
/// first key, as its steps do) carries its buckets: a clone of the repository opens every key.
#[test]
fn a_home_committed_to_git_carries_its_buckets_and_a_clone_opens_every_key() {
    let env = TestEnv::new();
    let a = env.create("a");
    let gi = env.home().join(".gitignore");
    let text = std::fs::read_to_string(&gi).unwrap();
    assert!(
        text.contains("!buckets/\n") && text.contains("!buckets/*.json\n"),
        "{text}"
    );
    assert!(
        !text.contains("!buckets/*.vault"),
        "sealed buckets stay out by default"
    );
    std::fs::write(&gi, format!("{text}!secrets.vault\n")).unwrap();
    // The next change admits the sealed buckets too (a .gitignore vauth wrote).
    let b = env.create("b");
    let text = std::fs::read_to_string(&gi).unwrap();
    assert!(text.contains("!buckets/*.vault\n"), "{text}");
    let git = |dir: &std::path::Path, args: &[&str]| {
        let o = std::process::Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .expect("git runs");
        assert!(
            o.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    let repo = env.home();
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "--all", "."]);
    git(
        &repo,
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "commit",
            "-qm",
            "home",
        ],
    );
    let clone = env.path("clone");
    git(
        env.path("").as_path(),
        &[
            "clone",
            "-q",
            repo.to_str().unwrap(),
            clone.to_str().unwrap(),
        ],
    );
    assert!(!clone.join("lock").exists() && !clone.join("state.ok").exists());
    for (name, key) in [("a", &a), ("b", &b)] {
        env.run(&[
            "--home",
            clone.to_str().unwrap(),
            "--yes",
            "key",
            "show",
            name,
            "--reveal",
        ])
        .ok()
        .stdout_has(key);
        env.run_in(
            &["--home", clone.to_str().unwrap(), "key", "verify", name],
            key,
        )
        .ok();
    }
    env.run(&["--home", clone.to_str().unwrap(), "audit", "verify"])
        .ok();
}

/// A fixture home of an older schema is read as it is: its keys list and verify (gone is
/// revoked), its audit log verifies, and state.json is still `before`.
fn fixture_reads_as_is(env: &TestEnv, alpha: &str, gone: &str, before: &str) {
    env.run(&["key", "list"])
        .ok()
        .stdout_has("alpha")
        .stdout_has("beta");
    env.run_in(&["key", "verify"], alpha)
        .ok()
        .stdout_has("alpha v1 is active");
    env.run_in(&["key", "verify"], gone)
        .code(1)
        .stdout_has("revoked");
    env.run(&["audit", "verify"]).ok();
    assert_eq!(env.read_home("state.json"), before, "a reader wrote");
}

/// The migrated fixture home still holds what it did: alpha's and beta's plaintexts (shown,
/// verified), gone revoked, gamma (made by the migrating change) verified, the JWT key sig signs.
fn fixture_keys_work(env: &TestEnv, [alpha, beta, gone, gamma]: [&String; 4]) {
    for (n, k) in [("alpha", alpha), ("beta", beta)] {
        env.run(&["--yes", "key", "show", n, "--reveal"])
            .ok()
            .stdout_has(k);
        env.run_in(&["key", "verify"], k).ok();
    }
    env.run_in(&["key", "verify"], gone)
        .code(1)
        .stdout_has("revoked");
    env.run_in(&["key", "verify"], gamma).ok();
    env.run(&["jwt", "sign", "--key", "sig", "--exp", "1h", "--subtle"])
        .ok();
}

/// A home written by vauth before buckets (schema 1: every API key inside state.json, every
/// plaintext in secrets.vault, a keys.idx beside them; tests/fixtures/schema1-home, made by the
/// release before this change) is read as it is, and moves to buckets at its next change with
/// every key, plaintext, revocation and audit line kept.
#[test]
fn a_schema_1_home_is_read_as_it_is_and_moves_to_buckets_at_its_next_change() {
    let env = schema1_home();
    let home = env.home();
    let key = fixture_key;
    let (alpha, beta, gone) = (key("alpha"), key("beta"), key("gone"));
    let before = env.read_home("state.json");
    assert!(before.contains("\"schema\": 1"));
    // Read as it is: nothing written.
    env.run_in(&["key", "verify", "beta"], &beta).ok();
    fixture_reads_as_is(&env, &alpha, &gone, &before);
    assert!(!home.join("buckets").exists());
    // The next change moves it to buckets.
    let gamma = env.create("gamma");
    let after = env.read_home("state.json");
    assert!(
        after.contains("\"schema\": 4")
            && after.contains("\"buckets\"")
            && !after.contains("\"api_keys\""),
        "{after}"
    );
    assert!(!home.join("keys.idx").exists(), "the old index is removed");
    let gi = env.read_home(".gitignore");
    assert!(
        gi.contains("!buckets/\n") && gi.contains("!buckets/*.json\n"),
        "{gi}"
    );
    fixture_keys_work(&env, [&alpha, &beta, &gone, &gamma]);
    let v = env.run(&["--json", "audit", "verify"]);
    v.ok();
    let st = state(&env);
    assert_eq!(st["api_keys"].as_object().unwrap().len(), 4);
    assert_eq!(st["api_keys"]["gone"]["versions"][0]["kept"], false);
}

/// The fixture home `fixture`'s certificate svc exports the key it was issued with (kept).
fn kept_cert_key_exports(env: &TestEnv, fixture: &str) {
    env.run(&["--yes", "cert", "export", "svc", "--key-out", "svc.key"])
        .ok();
    assert_eq!(
        std::fs::read_to_string(env.path("svc.key")).unwrap(),
        fixture_key_of(fixture, "svc"),
        "the kept certificate key"
    );
}

/// The names of the entries of `dir`.
fn names_in(dir: &std::path::Path) -> std::collections::BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

/// A home written by vauth before bucket tables (schema 2: state.json names every bucket by
/// hash; tests/fixtures/schema2-home, made by the release before this change) is read as it is,
/// and its next change names the buckets in tables (the buckets stay as they are) with every
/// key, plaintext, revocation, certificate, kept key and audit line kept.
#[test]
fn a_schema_2_home_is_read_as_it_is_and_names_its_buckets_in_tables_at_its_next_change() {
    let env = schema2_home();
    let home = env.home();
    let key = |n: &str| fixture_key_of("schema2-home", n);
    let (alpha, beta, gone) = (key("alpha"), key("beta"), key("gone"));
    let files = names_in;
    let before = env.read_home("state.json");
    assert!(before.contains("\"schema\": 2") && before.contains("\"buckets\""));
    let buckets_before = files(&home.join("buckets"));
    // Read as it is: nothing written.
    env.run(&["cert", "list"]).ok().stdout_has("svc");
    fixture_reads_as_is(&env, &alpha, &gone, &before);
    assert_eq!(files(&home.join("buckets")), buckets_before);
    // The next change is schema 4; a home this small still names its buckets itself, and the
    // buckets it did not touch stay as they are.
    let gamma = env.create("gamma");
    let after = env.read_home("state.json");
    assert!(
        after.contains("\"schema\": 4") && after.contains("\"buckets\""),
        "{after}"
    );
    let now = files(&home.join("buckets"));
    let kept = buckets_before.intersection(&now).count();
    assert!(
        kept >= buckets_before.len() - 3,
        "{buckets_before:?} → {now:?}"
    );
    assert!(
        !now.iter()
            .any(|n| n.starts_with("t-") || n.starts_with("p-"))
    );
    // Past 64 buckets, state.json names tables instead, for good, stored four to a pack.
    let fillers = fill_until_tables(&env, "filler").len();
    let after = env.read_home("state.json");
    assert!(!after.contains("\"buckets\""), "{after}");
    let st = state(&env);
    let tables = st["tables"].as_object().unwrap();
    assert!(tables.keys().any(|t| t.starts_with("t-k")));
    assert!(tables.keys().any(|t| t.starts_with("t-v")));
    let packs = st["packs"].as_object().unwrap();
    assert_eq!(packs.len(), tables.len().div_ceil(4), "{st}");
    let now = files(&home.join("buckets"));
    assert_eq!(
        now.iter().filter(|n| n.starts_with("p-")).count(),
        packs.len()
    );
    assert!(!now.iter().any(|n| n.starts_with("t-")));
    fixture_keys_work(&env, [&alpha, &beta, &gone, &gamma]);
    kept_cert_key_exports(&env, "schema2-home");
    env.run(&["--json", "audit", "verify"]).ok();
    let st = state(&env);
    assert_eq!(st["api_keys"].as_object().unwrap().len(), 4 + fillers);
    assert_eq!(st["api_keys"]["gone"]["versions"][0]["kept"], false);
    assert_eq!(st["certs"].as_object().unwrap().len(), 1);
    // A later change writes only the tables of what it touched, in one pack.
    let packs = |dir: &std::path::Path| -> std::collections::BTreeSet<String> {
        files(dir)
            .into_iter()
            .filter(|n| n.starts_with("p-"))
            .collect()
    };
    let p_before = packs(&home.join("buckets"));
    env.create("delta");
    let p_after = packs(&home.join("buckets"));
    let new: Vec<&String> = p_after.difference(&p_before).collect();
    assert_eq!(new.len(), 1, "{p_before:?} → {p_after:?}");
    // Its key's, its id's and its plaintext's tables.
    let pack: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(home.join("buckets").join(new[0])).unwrap())
            .unwrap();
    let kinds: std::collections::BTreeSet<&str> =
        pack.as_object().unwrap().keys().map(|t| &t[2..3]).collect();
    assert_eq!(kinds, ["i", "k", "v"].into(), "{pack}");
    // The tables (and buckets) it replaced are gone: buckets/ holds what the state names.
    assert_eq!(files(&home.join("buckets")), referenced_files(&home));
    env.run(&["audit", "verify"]).ok();
}

/// A home written by vauth before table packs (schema 3: each bucket table stored alone;
/// tests/fixtures/schema3-home, made by the release before this change) is read as it is; its
/// next change stores the tables it touched in one pack and leaves the others alone, and every
/// key, plaintext, revocation, certificate, kept key and audit line is kept.
#[test]
fn a_schema_3_home_is_read_as_it_is_and_moves_its_tables_into_packs_as_they_change() {
    let env = schema3_home();
    let home = env.home();
    let key = |n: &str| fixture_key_of("schema3-home", n);
    let (alpha, beta, gone) = (key("alpha"), key("beta"), key("gone"));
    let files = names_in;
    let alone =
        |f: &std::collections::BTreeSet<String>| f.iter().filter(|n| n.starts_with("t-")).count();
    let before = env.read_home("state.json");
    assert!(before.contains("\"schema\": 3") && !before.contains("\"packs\""));
    let buckets_before = files(&home.join("buckets"));
    let tables_before = alone(&buckets_before);
    assert!(tables_before > 16, "{buckets_before:?}");
    // Read as it is: nothing written.
    env.run(&["cert", "list"]).ok().stdout_has("svc");
    fixture_reads_as_is(&env, &alpha, &gone, &before);
    assert_eq!(files(&home.join("buckets")), buckets_before);
    // The next change is schema 4: the tables it touched (its key's, its id's and its
    // plaintext's) go into one pack; the other tables stay stored alone.
    let gamma = env.create("gamma");
    let after = env.read_home("state.json");
    assert!(after.contains("\"schema\": 4"), "{after}");
    let st = state(&env);
    assert_eq!(st["packs"].as_object().unwrap().len(), 1, "{after}");
    let now = files(&home.join("buckets"));
    assert_eq!(now.iter().filter(|n| n.starts_with("p-")).count(), 1);
    let moved = tables_before - alone(&now);
    assert!((1..=3).contains(&moved), "{moved} tables moved");
    // The tables and buckets it replaced are gone: buckets/ holds what the state names.
    assert_eq!(now, referenced_files(&home));
    fixture_keys_work(&env, [&alpha, &beta, &gone, &gamma]);
    for n in 0..21 {
        env.run(&["key", "show", &format!("filler-{n}")]).ok();
    }
    kept_cert_key_exports(&env, "schema3-home");
    // Revoking every filler moves most of the remaining tables; what is left alone still reads.
    for n in 0..21 {
        env.run(&["--yes", "key", "revoke", &format!("filler-{n}")])
            .ok();
    }
    let now = files(&home.join("buckets"));
    assert_eq!(now, referenced_files(&home));
    assert!(alone(&now) < tables_before - moved, "{now:?}");
    fixture_keys_work(&env, [&alpha, &beta, &gone, &gamma]);
    let v = env.run(&["--json", "audit", "verify"]);
    v.ok();
    let st = state(&env);
    assert_eq!(st["api_keys"].as_object().unwrap().len(), 3 + 21 + 1);
    assert_eq!(st["certs"].as_object().unwrap().len(), 1);
}

/// `home config`, `home export` and `home import` on directory homes, as a user types them with
/// relative paths: the config round trip (file and stdin, audited, idempotent), its refusals
/// (not UTF-8, a parse error named against the file), and export → import into a new home.
#[test]
fn home_config_export_and_import_on_directory_homes() {
    let env = TestEnv::new();
    let key = env.create("app");
    let shown = env.run(&["home", "config"]);
    shown.ok();
    let cfg = format!(
        "{}\n[[policy]]\ncredential = \"app\"\nmax_age = \"30d\"\n",
        shown.stdout.trim_end()
    );
    env.write("vauth.toml", &cfg);
    env.run(&["home", "config", "--set", "vauth.toml"])
        .ok()
        .stderr_has("Replaced");
    assert_eq!(env.read_home("vauth.toml"), cfg);
    env.run(&["home", "config"])
        .ok()
        .stdout_has("max_age = \"30d\"");
    env.run_in(&["home", "config", "--set", "-"], &cfg)
        .ok()
        .stderr_has("nothing changed");
    assert_eq!(
        env.read_home("audit.log")
            .matches("\"home.config\"")
            .count(),
        1,
        "one change, one audit line"
    );
    std::fs::write(env.path("latin1.toml"), b"# caf\xe9\n").unwrap();
    env.run(&["home", "config", "--set", "latin1.toml"])
        .code(3)
        .stderr_has("latin1.toml is not UTF-8");
    env.write("bad.toml", "[[policy]]\ncredential = 5\n");
    env.run(&["home", "config", "--set", "bad.toml"])
        .code(3)
        .stderr_has("bad.toml");
    assert_eq!(
        env.read_home("vauth.toml"),
        cfg,
        "a refused config changed nothing"
    );

    env.run(&["home", "export", "copy"]).ok();
    assert!(env.path("copy/buckets").is_dir());
    env.run(&["home", "export", "copy"]).code(3);
    env.run(&["--home", "other", "home", "import", "copy"]).ok();
    env.run(&["--home", "other", "--yes", "key", "show", "app", "--reveal"])
        .ok()
        .stdout_has(&key);
    env.run(&["--home", "other", "audit", "verify"]).ok();
    env.run(&["--home", "other", "home", "import", "copy"])
        .code(3)
        .stderr_has("already exists");
    env.run(&["--home", "third", "home", "import", "missing"])
        .code(3)
        .stderr_has("no vauth home at missing");
    // A home past 64 buckets (state.json names tables) moves with its tables.
    let last = fill_until_tables(&env, "more").pop().unwrap();
    env.run(&["home", "export", "big"]).ok();
    assert!(
        std::fs::read_dir(env.path("big/buckets"))
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("p-"))
    );
    env.run(&["--home", "big-copy", "home", "import", "big"])
        .ok();
    env.run_in(&["--home", "big-copy", "key", "verify"], &last)
        .ok();
    env.run(&[
        "--home", "big-copy", "--yes", "key", "show", "app", "--reveal",
    ])
    .ok()
    .stdout_has(&key);
    env.run(&["--home", "big-copy", "audit", "verify"]).ok();
}
