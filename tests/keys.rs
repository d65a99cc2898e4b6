//! API-key lifecycle through the real binary.

use crate::util::*;

#[test]
fn create_on_a_fresh_machine_makes_the_home_and_prints_the_key_once() {
    let env = TestEnv::new();
    let r = env.run(&["key", "create", "demo"]);
    r.ok()
        .stderr_has("created a new vauth home")
        .stderr_has("only time");
    let key = r.line();
    assert!(is_key(&key), "{key}");
    assert!(key.starts_with("vk_"));
    for f in [
        "vauth.toml",
        "state.json",
        "secrets.vault",
        "audit.log",
        ".gitignore",
    ] {
        assert!(env.home().join(f).exists(), "{f} missing");
    }
    // The home is private, and the key file lives outside it.
    assert_eq!(env.mode(&env.home()), 0o700);
    let key_files: Vec<_> = std::fs::read_dir(env.key_dir()).unwrap().collect();
    assert_eq!(key_files.len(), 1);
    // state.json holds the SHA-256, not the key.
    let state = env.registry_text();
    assert!(!state.contains(&key));
    assert!(state.contains(&sha256_hex(&key)));
}

#[test]
fn verify_accepts_the_key_and_names_every_kind_of_invalid() {
    let env = TestEnv::new();
    let key = env.create("app");
    env.run_in(&["key", "verify"], &key)
        .ok()
        .stdout_has("valid: app v1 is active");
    env.run_in(&["key", "verify", "app"], &format!("{key}\n"))
        .ok();

    // One character changed: the checksum catches it offline.
    let mut chars: Vec<char> = key.chars().collect();
    let i = 20;
    chars[i] = if chars[i] == 'a' { 'b' } else { 'a' };
    let typo: String = chars.into_iter().collect();
    env.run_in(&["key", "verify"], &typo)
        .code(1)
        .stdout_has("bad_checksum");

    env.run_in(&["key", "verify"], "garbage")
        .code(1)
        .stdout_has("malformed");
    env.run_in(&["key", "verify"], "")
        .code(1)
        .stdout_has("malformed");
    env.run_in(&["key", "verify"], &"x".repeat(100_000))
        .code(1)
        .stdout_has("malformed");
    env.run_in(&["key", "verify"], "\u{0}\u{1}binary\u{ff}")
        .code(1);

    // A well-formed key this home never issued.
    let other = TestEnv::new();
    let foreign = other.create("x");
    env.secret(&foreign);
    env.run_in(&["key", "verify"], &foreign)
        .code(1)
        .stdout_has("unknown_id");

    // Right key, wrong name.
    env.create("other");
    env.run_in(&["key", "verify", "other"], &key)
        .code(1)
        .stdout_has("wrong_name");
    // Unknown name is a local error, not a verdict.
    env.run_in(&["key", "verify", "nope"], &key).code(3);
}

#[test]
fn verify_reads_key_file_and_unreadable_file_is_exit_3() {
    let env = TestEnv::new();
    let key = env.create("f");
    let p = env.write("presented.txt", &format!("{key}\n"));
    env.run(&["key", "verify", "--key-file", p.to_str().unwrap()])
        .ok();
    env.run(&["key", "verify", "--key-file", "/nonexistent/k"])
        .code(3)
        .stderr_has("cannot read the key");
}

#[test]
fn rotate_keeps_the_old_key_valid_for_the_grace_only() {
    let env = TestEnv::new();
    let old = env.create("svc");
    let r = env.run(&["key", "rotate", "svc", "--grace", "1h"]);
    r.ok().stderr_has("stays valid until");
    let new = r.line();
    assert!(is_key(&new));
    assert_ne!(old, new);
    env.run_in(&["key", "verify", "svc"], &new)
        .ok()
        .stdout_has("v2 is active");
    env.run_in(&["key", "verify", "svc"], &old)
        .ok()
        .stdout_has("v1 is grace");
    env.run_in(&["key", "verify", "svc", "--at", "+59m"], &old)
        .ok();
    env.run_in(&["key", "verify", "svc", "--at", "+61m"], &old)
        .code(1)
        .stdout_has("outside_grace");
    env.run_in(&["key", "verify", "svc", "--at", "+61m"], &new)
        .ok();
    // A zero grace invalidates the previous version at once, with no further command. (v1 is
    // still in its grace: rotating again ends it — at most two live versions — with --yes.)
    let newer = env
        .run(&["--yes", "key", "rotate", "svc", "--grace", "0s"])
        .line();
    env.run_in(&["key", "verify"], &old)
        .code(1)
        .stdout_has("revoked");
    env.run_in(&["key", "verify"], &new)
        .code(1)
        .stdout_has("outside_grace");
    env.run_in(&["key", "verify"], &newer).ok();
    // The old version's grace is not extended by a later rotation.
    env.run_in(&["key", "verify", "--at", "+61m"], &old).code(1);
}

#[test]
fn rotate_with_grace_from_config() {
    let env = TestEnv::new();
    let old = env.create("c");
    std::fs::write(env.home().join("vauth.toml"), "[keys]\ngrace = \"2h\"\n").unwrap();
    env.run(&["key", "rotate", "c"]).ok();
    env.run_in(&["key", "verify", "--at", "+119m"], &old).ok();
    env.run_in(&["key", "verify", "--at", "+121m"], &old)
        .code(1);
}

#[test]
fn revoke_invalidates_now_and_erases_the_plaintext() {
    let env = TestEnv::new();
    let key = env.create("r");
    env.run(&["--yes", "key", "show", "r", "--reveal"]).ok();
    env.run(&["key", "revoke", "r"]).code(3).stderr_has("--yes");
    env.run_in(&["key", "verify"], &key).ok();
    env.run(&["--yes", "key", "revoke", "r"])
        .ok()
        .stderr_has("Revoked r");
    env.run_in(&["key", "verify"], &key)
        .code(1)
        .stdout_has("revoked");
    env.run(&["--yes", "key", "show", "r", "--reveal"]).code(3);
    // Revoking again is a no-op, not an error.
    env.run(&["--yes", "key", "revoke", "r"])
        .ok()
        .stderr_has("nothing to revoke");
    env.run(&["--yes", "key", "revoke", "r", "--version", "9"])
        .code(3);
}

#[test]
fn revoke_one_version_leaves_the_other() {
    let env = TestEnv::new();
    let v1 = env.create("two");
    let v2 = env.run(&["key", "rotate", "two", "--grace", "1d"]).line();
    env.run(&["--yes", "key", "revoke", "two", "--version", "1"])
        .ok();
    env.run_in(&["key", "verify"], &v1)
        .code(1)
        .stdout_has("revoked");
    env.run_in(&["key", "verify"], &v2).ok();
}

#[test]
fn show_reveal_needs_confirmation_and_prints_the_kept_key() {
    let env = TestEnv::new();
    let key = env.create("s");
    env.run(&["key", "show", "s", "--reveal"])
        .code(3)
        .stderr_has("--yes");
    let r = env.run(&["--yes", "key", "show", "s", "--reveal"]);
    r.ok();
    assert_eq!(r.line(), key);
    let r = env.run(&["key", "show", "s"]);
    r.ok().stdout_has("active").stdout_has("sha256:");
    assert!(!r.stdout.contains(&key));
}

#[test]
fn no_keep_keys_verify_but_cannot_be_revealed() {
    let env = TestEnv::new();
    let r = env.run(&["key", "create", "hashonly", "--no-keep"]);
    r.ok().stderr_has("not kept");
    let key = r.line();
    env.run_in(&["key", "verify"], &key).ok();
    env.run(&["--yes", "key", "show", "hashonly", "--reveal"])
        .code(3)
        .stderr_has("not kept");
}

#[test]
fn duplicate_name_needs_force_and_force_revokes_the_old() {
    let env = TestEnv::new();
    let old = env.create("dup");
    env.run(&["key", "create", "dup"])
        .code(3)
        .stderr_has("already exists")
        .stderr_has("rotate");
    let new = env.run(&["key", "create", "dup", "--force"]).line();
    env.run_in(&["key", "verify"], &old)
        .code(1)
        .stdout_has("revoked");
    env.run_in(&["key", "verify"], &new).ok().stdout_has("v2");
}

#[test]
fn unknown_names_are_exit_3_in_every_verb() {
    let env = TestEnv::new();
    env.create("exists");
    for args in [
        vec!["key", "show", "ghost"],
        vec!["key", "rotate", "ghost"],
        vec!["--yes", "key", "revoke", "ghost"],
        vec!["--yes", "key", "show", "ghost", "--reveal"],
    ] {
        env.run(&args).code(3).stderr_has("no API key named");
    }
}

#[test]
fn bad_names_prefixes_and_times_are_usage_errors() {
    let env = TestEnv::new();
    let long = "n".repeat(65);
    for args in [
        vec!["key", "create", ""],
        vec!["key", "create", long.as_str()],
        vec!["key", "create", "bad name"],
        vec!["key", "create", "-x"],
        vec!["key", "create", "ok", "--prefix", "Bad"],
        vec!["key", "create", "ok", "--expires", "soon"],
        vec!["key", "create", "ok", "--label", "novalue"],
        vec!["key", "rotate", "ok", "--grace", "1x"],
    ] {
        env.run(&args).code(2);
    }
    env.run(&["key", "create", "ok", "--expires", "-1d"])
        .code(2)
        .stderr_has("not in the future");
    // Too long is said the same way for every duration and time flag, overflow included.
    for args in [
        ["key", "create", "ok", "--expires", "999999999d"],
        [
            "key",
            "create",
            "ok",
            "--expires",
            "+999999999999999999999d",
        ],
        ["key", "create", "ok", "--expires", "101y"],
        ["key", "rotate", "ok", "--grace", "999999999999999999999d"],
    ] {
        let r = env.run(&args);
        r.code(2).stderr_has("longer than 100 years");
        assert!(!r.stderr.contains("neither"), "{}", r.stderr);
    }
    // Nothing was created by the failed attempts.
    assert!(
        !env.home().join("state.json").exists(),
        "no home was made by failed commands"
    );
}

#[test]
fn expiry_is_enforced() {
    let env = TestEnv::new();
    let key = env.run(&["key", "create", "e", "--expires", "1h"]).line();
    env.run_in(&["key", "verify"], &key).ok();
    env.run_in(&["key", "verify", "--at", "+2h"], &key)
        .code(1)
        .stdout_has("expired");
    // Rotation keeps the lifetime.
    let new = env.run(&["key", "rotate", "e", "--grace", "0s"]).line();
    env.run_in(&["key", "verify", "--at", "+50m"], &new).ok();
    env.run_in(&["key", "verify", "--at", "+2h"], &new)
        .code(1)
        .stdout_has("expired");
    let abs = env.run(&["key", "create", "abs", "--expires", "2099-01-01T00:00:00Z"]);
    abs.ok();
    env.run(&["key", "show", "abs"])
        .ok()
        .stdout_has("2099-01-01T00:00:00Z");
}

#[test]
fn out_file_is_0600_and_never_overwritten_without_force() {
    let env = TestEnv::new();
    let out = env.path("k.txt");
    let o = out.to_str().unwrap();
    let r = env.run(&["key", "create", "o", "--out", o]);
    r.ok().stderr_has("0600");
    assert_eq!(r.stdout, "");
    let key = std::fs::read_to_string(&out).unwrap();
    env.secret(key.trim());
    assert!(is_key(key.trim()));
    assert_eq!(env.mode(&out), 0o600);
    // An existing --out stops the command before anything changes.
    env.run(&["key", "create", "o2", "--out", o])
        .code(3)
        .stderr_has("already exists");
    assert!(!env.registry_text().contains("\"o2\""));
    env.run(&["key", "rotate", "o", "--out", o, "--force"]).ok();
    let rotated = std::fs::read_to_string(&out).unwrap();
    env.secret(rotated.trim());
    assert_ne!(rotated, key);
    assert_eq!(env.mode(&out), 0o600);
    env.write("plain-file", "x");
    env.run(&["key", "create", "o3", "--out", "plain-file/k"])
        .code(3)
        .stderr_has("not a directory");
    assert!(!env.registry_text().contains("\"o3\""));
}

#[test]
fn output_formats_env_dotenv_json_github() {
    let env = TestEnv::new();
    let r = env.run(&["key", "create", "qdrant-prod", "--format", "env"]);
    r.ok();
    assert!(
        r.stdout.starts_with("export QDRANT_PROD='vk_"),
        "{}",
        r.stdout
    );
    let r = env.run(&[
        "key", "create", "b", "--format", "dotenv", "--var", "MY_KEY",
    ]);
    assert!(r.stdout.starts_with("MY_KEY=vk_"), "{}", r.stdout);
    let r = env.run(&["key", "create", "j", "--format", "json"]);
    let v = r.json();
    assert!(is_key(v["key"].as_str().unwrap()));
    assert_eq!(v["name"], "j");

    // GitHub: the key is masked on stdout and handed to the next step via $GITHUB_OUTPUT.
    env.run(&["key", "create", "gh", "--format", "github"])
        .code(3)
        .stderr_has("GITHUB_OUTPUT");
    let gh = env.path("gh_output");
    std::fs::write(&gh, "").unwrap();
    let r = env.run_with(
        &["key", "create", "gh", "--format", "github"],
        None,
        &[("GITHUB_OUTPUT", gh.to_str().unwrap())],
    );
    r.ok();
    let key = r
        .stdout
        .trim()
        .strip_prefix("::add-mask::")
        .unwrap()
        .to_string();
    assert!(is_key(&key));
    let out = std::fs::read_to_string(&gh).unwrap();
    assert_eq!(out, format!("GH={key}\n"));
}

#[test]
fn list_shows_a_table_and_statuses_at_a_time() {
    let env = TestEnv::new();
    env.run(&["key", "list"]).code(3).stderr_has("vauth init");
    env.run(&[
        "key",
        "create",
        "a",
        "--scope",
        "read",
        "--scope",
        "write",
        "--label",
        "team=search",
    ])
    .ok();
    env.run(&["key", "create", "b", "--expires", "1d"]).ok();
    let r = env.run(&["key", "list"]);
    r.ok()
        .stdout_has("NAME")
        .stdout_has("read,write")
        .stdout_has("never");
    let later = env.run(&["key", "list", "--at", "+2d"]);
    later.ok().stdout_has("expired");
}

#[test]
fn import_checks_entropy_and_stores_like_created_keys() {
    let env = TestEnv::new();
    env.run_in(&["key", "import", "weak"], "password123")
        .code(3)
        .stderr_has("--subtle");
    env.run_in(&["key", "import", "weak", "--subtle"], "password123")
        .ok();
    env.secret("password123");
    env.run_in(&["key", "verify", "weak"], "password123").ok();
    env.run_in(&["key", "verify"], "password123")
        .ok()
        .stdout_has("weak v1");

    let strong = "3q2+7wAAAAB6m1xZ0lq9pUe4ybz8rFqJ0sWkM2gTnV4=";
    env.secret(strong);
    env.run_in(&["key", "import", "legacy"], strong)
        .ok()
        .stderr_has("Imported legacy v1");
    env.run_in(&["key", "verify", "legacy"], strong).ok();
    env.run_in(&["key", "import", "again"], strong)
        .code(3)
        .stderr_has("already registered");
    let r = env.run(&["--yes", "key", "show", "legacy", "--reveal"]);
    assert_eq!(r.line(), strong);
    env.run_in(&["key", "import", "empty"], "").code(3);

    // A vauth-format key made by another home keeps its id.
    let other = TestEnv::new();
    let foreign = other.create("x");
    env.secret(&foreign);
    env.run_in(&["key", "import", "moved"], &foreign).ok();
    env.run_in(&["key", "verify"], &foreign)
        .ok()
        .stdout_has("moved v1");
}

#[test]
fn config_prefix_and_expiry_defaults_apply() {
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    std::fs::write(
        env.home().join("vauth.toml"),
        "[keys]\nprefix = \"qd\"\nexpires = \"1d\"\n",
    )
    .unwrap();
    let key = env.create("p");
    assert!(key.starts_with("qd_"));
    env.run_in(&["key", "verify", "--at", "+2d"], &key)
        .code(1)
        .stdout_has("expired");
    std::fs::write(env.home().join("vauth.toml"), "[keys]\nprefix = 5\n").unwrap();
    env.run(&["key", "list"]).code(3).stderr_has("vauth.toml");
}

#[test]
fn verify_finds_a_key_through_its_buckets_and_never_trusts_a_replayed_one() {
    let env = TestEnv::new();
    let key = env.create("indexed");
    let buckets = env.home().join("buckets");
    let names: Vec<String> = std::fs::read_dir(&buckets)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("i-")) && names.iter().any(|n| n.starts_with("k-")),
        "the id index and the key have buckets: {names:?}"
    );
    for n in &names {
        let bytes = std::fs::read(buckets.join(n)).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(&key),
            "{n} holds the key"
        );
    }
    env.run_in(&["key", "verify"], &key)
        .ok()
        .stdout_has("indexed v1 is active");
    // The key's bucket saved while it was active, put back in place of the one written by
    // the revoke: state.json names another hash, so it is refused (exit 3), never trusted.
    let path = key_bucket_path(&env.home(), "indexed");
    let old = std::fs::read(&path).unwrap();
    env.run(&["--yes", "key", "revoke", "indexed"]).ok();
    env.run_in(&["key", "verify"], &key)
        .code(1)
        .stdout_has("revoked");
    let path = key_bucket_path(&env.home(), "indexed");
    let revoked = std::fs::read(&path).unwrap();
    std::fs::write(&path, &old).unwrap();
    env.run_in(&["key", "verify"], &key)
        .code(3)
        .stderr_has("the bucket k-")
        .stderr_has("integrity");
    // Garbage in its place, or no file: the same.
    std::fs::write(&path, "garbage").unwrap();
    env.run_in(&["key", "verify"], &key).code(3);
    std::fs::remove_file(&path).unwrap();
    env.run_in(&["key", "verify"], &key).code(3);
    std::fs::write(&path, &revoked).unwrap();
    env.run_in(&["key", "verify"], &key).code(1);
    // In a home whose state.json names tables (more than 64 buckets), the table naming the
    // bucket, edited in its pack to name the old bucket (put back beside the new one):
    // state.json names the pack by hash, so it is refused too.
    fill_until_tables(&env, "filler");
    let id = bucket_id("k", "indexed");
    let table = table_path(&env.home(), &id);
    let revoked = std::fs::read(key_bucket_path(&env.home(), "indexed")).unwrap();
    let old_path = buckets.join(format!("{id}-{}.json", sha256_hex_bytes(&old)));
    std::fs::write(&old_path, &old).unwrap();
    let text = std::fs::read_to_string(&table).unwrap();
    let new_hash = sha256_hex_bytes(&revoked);
    assert!(text.contains(&new_hash), "{text}");
    std::fs::write(&table, text.replace(&new_hash, &sha256_hex_bytes(&old))).unwrap();
    // The pack holding the table fails its hash (`p-…`: what is stored under that id).
    let name = table.file_name().unwrap().to_string_lossy().into_owned();
    let stored_id = name.rsplit_once('-').unwrap().0;
    assert!(stored_id.starts_with("p-"), "{name}");
    env.run_in(&["key", "verify"], &key)
        .code(3)
        .stderr_has(&format!("the bucket table {stored_id} "))
        .stderr_has("integrity");
    std::fs::write(&table, text).unwrap();
    env.run_in(&["key", "verify"], &key).code(1);
    // A one-character change still fails the checksum before any lookup.
    let k2 = env.create("other");
    let mut bad = k2.clone();
    let c = bad.remove(20);
    bad.insert(20, if c == 'a' { 'b' } else { 'a' });
    env.run_in(&["key", "verify"], &bad).code(1);
    env.run_in(&["key", "verify"], &k2).ok();
}

/// A kept plaintext whose grace ends is erased by the next change to the home, whichever key
/// that change touches (the buckets record when each next needs settling).
#[test]
fn a_plaintext_whose_grace_ended_is_erased_by_the_next_change_to_any_key() {
    let env = TestEnv::new();
    env.create("a");
    env.run(&["key", "rotate", "a", "--grace", "2s"]).ok();
    let v1 = |env: &TestEnv| state(env)["api_keys"]["a"]["versions"][0].clone();
    assert_eq!(v1(&env)["kept"], true);
    std::thread::sleep(std::time::Duration::from_millis(2500));
    // A key in another bucket: the change does not touch a's records, yet settles them.
    let other = (0..)
        .map(|n| format!("other-{n}"))
        .find(|n| bucket_id("k", n) != bucket_id("k", "a"))
        .unwrap();
    env.create(&other);
    let v = v1(&env);
    assert_eq!(v["kept"], false, "{v}");
    env.run(&["--yes", "key", "show", "a", "--version", "1", "--reveal"])
        .code(3);
}
