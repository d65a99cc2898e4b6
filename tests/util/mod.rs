//! TestEnv: an isolated HOME / XDG dirs per test, a `vauth` command builder with a clean
//! environment, and leak scanning: every key a run prints is remembered, and every run's stderr,
//! every non-product stdout, and the home's plain files (state, audit, config) are checked for
//! every secret the test has seen. Also what many test modules share: state.json as JSON,
//! SHA-256 in hex, loud skips, waiting on a condition, and the test servers and fixtures in the
//! submodules.

#![allow(dead_code)]

pub mod ca;
pub mod chroma;
pub mod http;
pub mod postgres;
pub mod qdrant;
pub mod redis;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Variables the harness removes so the host environment cannot leak in.
const SCRUB: &[&str] = &[
    "VAUTH_HOME",
    "VAUTH_MASTER_KEY",
    "VAUTH_PASSPHRASE_FILE",
    "VAUTH_LOCK_TIMEOUT",
    "VAUTH_TEST_CRASH",
    "CI",
    "DBUS_SESSION_BUS_ADDRESS",
    "XDG_RUNTIME_DIR",
    "GITHUB_OUTPUT",
    "GITHUB_RUN_ID",
    "CI_JOB_ID",
    "BUILD_ID",
    "NO_COLOR",
];

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_vauth"))
}

/// The result of one run.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The result of a command run outside [`TestEnv::run_with`] (through a wrapper, in a
    /// thread). Unlike `run_with`, its output is not scanned for leaked secrets.
    pub fn of(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
    /// Assert the exit code, showing both streams when it differs.
    #[track_caller]
    pub fn code(&self, want: i32) -> &Run {
        assert_eq!(
            self.code, want,
            "exit code {} (want {want})\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }
    #[track_caller]
    pub fn ok(&self) -> &Run {
        self.code(0)
    }
    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n--- stderr\n{}",
            self.stderr
        );
        self
    }
    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n--- stdout\n{}",
            self.stdout
        );
        self
    }
    /// The single line of stdout, trimmed.
    pub fn line(&self) -> String {
        self.stdout.trim().to_string()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(self.stdout.trim())
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
    /// The `--json` error object on stderr.
    pub fn json_err(&self) -> serde_json::Value {
        serde_json::from_str(self.stderr.trim())
            .unwrap_or_else(|e| panic!("stderr is not JSON ({e}):\n{}", self.stderr))
    }
}

/// Does `s` look like a vauth API key?
pub fn is_key(s: &str) -> bool {
    let mut parts = s.splitn(3, '_');
    let (Some(p), Some(id), Some(rest)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !p.is_empty()
        && p.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && id.len() == 8
        && rest.len() == 49
        && id
            .bytes()
            .chain(rest.bytes())
            .all(|b| b.is_ascii_alphanumeric())
}

/// Every vauth key in a text.
pub fn keys_in(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| is_key(w))
        .map(str::to_string)
        .collect()
}

/// An isolated environment.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
    secrets: std::sync::Mutex<BTreeSet<String>>,
    extra_env: Vec<(String, String)>,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("h")).unwrap();
        TestEnv {
            dir,
            secrets: Default::default(),
            extra_env: Vec::new(),
        }
    }

    /// The value this test gives `k` on every run, if any.
    pub fn env_var(&self, k: &str) -> Option<&str> {
        self.extra_env
            .iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
    }

    /// Add an environment variable to every run.
    pub fn with_env(mut self, k: &str, v: &str) -> TestEnv {
        self.extra_env.push((k.into(), v.into()));
        self
    }

    pub fn home(&self) -> PathBuf {
        self.dir.path().join("d/vauth")
    }
    pub fn key_dir(&self) -> PathBuf {
        self.dir.path().join("c/vauth/keys")
    }
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, text).unwrap();
        p
    }
    pub fn read_home(&self, name: &str) -> String {
        std::fs::read_to_string(self.home().join(name)).unwrap()
    }

    /// The whole registry of the home (state.json with the API keys of its buckets), as
    /// pretty JSON text: what tests search or compare to see what the home records.
    pub fn registry_text(&self) -> String {
        serde_json::to_string_pretty(&state(self)).unwrap()
    }

    /// Remember a secret the leak scan must look for.
    pub fn secret(&self, s: &str) {
        self.secrets.lock().unwrap().insert(s.to_string());
    }

    /// A command with a clean environment pointing at this test's dirs.
    pub fn command(&self) -> Command {
        let mut c = Command::new(bin());
        for v in SCRUB {
            c.env_remove(v);
        }
        c.env("HOME", self.dir.path().join("h"))
            .env("XDG_DATA_HOME", self.dir.path().join("d"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("c"))
            .env("USER", "tester")
            .current_dir(self.dir.path());
        for (k, v) in &self.extra_env {
            c.env(k, v);
        }
        c
    }

    /// A command for `program` (a wrapper: `dbus-run-session`, `sh`) with this test's clean
    /// environment and working directory, as [`TestEnv::command`] has them.
    pub fn wrapper(&self, program: &str) -> Command {
        let inner = self.command();
        let mut c = Command::new(program);
        for (k, v) in inner.get_envs() {
            match v {
                Some(v) => c.env(k, v),
                None => c.env_remove(k),
            };
        }
        if let Some(d) = inner.get_current_dir() {
            c.current_dir(d);
        }
        c
    }

    /// Run with `args`, stdin from `input` (empty when None), scan for leaks.
    pub fn run_with(&self, args: &[&str], input: Option<&str>, envs: &[(&str, &str)]) -> Run {
        let mut c = self.command();
        c.args(args);
        for (k, v) in envs {
            c.env(k, v);
        }
        c.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        {
            let mut sin = child.stdin.take().unwrap();
            if let Some(i) = input {
                let _ = sin.write_all(i.as_bytes());
            }
        }
        let run = Run::of(child.wait_with_output().unwrap());
        let product_is_secret = args
            .iter()
            .any(|a| matches!(*a, "create" | "rotate" | "--reveal"));
        for k in keys_in(&run.stdout) {
            if product_is_secret {
                self.secret(&k);
            }
        }
        self.scan(&run, product_is_secret);
        run
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, None, &[])
    }
    pub fn run_in(&self, args: &[&str], input: &str) -> Run {
        self.run_with(args, Some(input), &[])
    }

    /// Create a key and return it (plain output).
    pub fn create(&self, name: &str) -> String {
        let r = self.run(&["key", "create", name]);
        r.ok();
        let k = r.line();
        assert!(is_key(&k), "not a key: {k:?}");
        k
    }

    /// No known secret in stderr, in stdout unless it is the product, or in the plain files.
    #[track_caller]
    pub fn scan(&self, run: &Run, product_is_secret: bool) {
        let secrets = self.secrets.lock().unwrap();
        for s in secrets.iter() {
            assert!(
                !run.stderr.contains(s.as_str()),
                "secret leaked to stderr:\n{}",
                run.stderr
            );
            if !product_is_secret {
                assert!(
                    !run.stdout.contains(s.as_str()),
                    "secret leaked to stdout:\n{}",
                    run.stdout
                );
            }
            for f in ["state.json", "audit.log", "vauth.toml"] {
                if let Ok(text) = std::fs::read_to_string(self.home().join(f)) {
                    assert!(!text.contains(s.as_str()), "secret leaked into {f}");
                }
            }
        }
    }

    /// The permission bits of a path.
    pub fn mode(&self, p: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
    }
}

impl Drop for TestEnv {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        // Final scan of the home.
        let run = Run {
            code: 0,
            stdout: String::new(),
            stderr: String::new(),
        };
        self.scan(&run, true);
    }
}

/// `t` as RFC 3339: what `VAUTH_TEST_NOW` and `--at` take.
pub fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

impl TestEnv {
    /// The plaintext of version `version` of key `name` (`key show --reveal`), registered as a
    /// secret the scans look for.
    pub fn reveal(&self, name: &str, version: u32) -> String {
        let r = self.run(&[
            "--yes",
            "--json",
            "key",
            "show",
            name,
            "--reveal",
            "--version",
            &version.to_string(),
        ]);
        r.ok();
        let k = r.json()["key"].as_str().unwrap().to_string();
        self.secret(&k);
        k
    }

    /// Append `text` to the home's vauth.toml (a `[[policy]]` table, say).
    pub fn append_config(&self, text: &str) {
        if self
            .env_var("VAUTH_HOME")
            .is_some_and(|h| h.starts_with("postgresql://"))
        {
            // A PostgreSQL home keeps vauth.toml in the database.
            let mut t = self.run(&["home", "config"]).ok().stdout.clone();
            t.push_str(text);
            self.run_in(&["home", "config", "--set", "-"], &t).ok();
            return;
        }
        let p = self.home().join("vauth.toml");
        let mut t = std::fs::read_to_string(&p).unwrap();
        t.push_str(text);
        std::fs::write(&p, t).unwrap();
    }
}

/// The home's state.json, parsed.
pub fn state(env: &TestEnv) -> serde_json::Value {
    if let Some(url) = env
        .env_var("VAUTH_HOME")
        .filter(|h| h.starts_with("postgresql://"))
    {
        // A PostgreSQL home: its state as `vauth home export` writes it.
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("home");
        env.run_with(
            &["home", "export", out.to_str().unwrap()],
            None,
            &[("VAUTH_HOME", url)],
        )
        .ok();
        return state_of_dir(&out);
    }
    state_of_dir(&env.home())
}

/// The bucketed kinds of record: (bucket kind, the member of a schema-1 state.json).
const KINDS: [(&str, &str); 2] = [("k", "api_keys"), ("c", "certs")];

/// The whole registry of the directory home `dir` as one JSON object: state.json with the API
/// keys and certificates of its buckets under `api_keys` and `certs` (the shape of a schema-1
/// state.json).
pub fn state_of_dir(dir: &std::path::Path) -> serde_json::Value {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("state.json")).unwrap()).unwrap();
    if v.get("api_keys").is_some() {
        return v;
    }
    let stored = stored_buckets(dir);
    for (kind, member) in KINDS {
        let mut all = std::collections::BTreeMap::new();
        for (id, hash) in stored
            .iter()
            .filter(|(id, _)| id.starts_with(&format!("{kind}-")))
        {
            let f = dir.join("buckets").join(format!("{id}-{hash}.json"));
            let m: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            all.extend(m);
        }
        v[member] = serde_json::to_value(all).unwrap();
    }
    v
}

/// Write `v` (the shape [`state_of_dir`] returns) back into the directory home `dir` as a
/// careful attacker would: each API key and certificate into its bucket file, state.json naming
/// the new buckets' hashes, so only the state's integrity tag (which needs the vault's key) can
/// tell.
pub fn write_state_of_dir(dir: &std::path::Path, v: &serde_json::Value) {
    let mut v = v.clone();
    let mut stored = stored_buckets(dir);
    for (kind, member) in KINDS {
        let records = v
            .as_object_mut()
            .unwrap()
            .remove(member)
            .unwrap_or_default();
        let mut buckets: std::collections::BTreeMap<
            String,
            serde_json::Map<String, serde_json::Value>,
        > = Default::default();
        for (name, r) in records.as_object().cloned().unwrap_or_default() {
            let id = bucket_id(kind, &name);
            buckets.entry(id).or_default().insert(name, r);
        }
        for id in stored
            .keys()
            .filter(|id| id.starts_with(&format!("{kind}-")))
        {
            buckets.entry(id.clone()).or_default();
        }
        for (id, m) in buckets {
            let mut bytes = serde_json::to_vec_pretty(&m).unwrap();
            bytes.push(b'\n');
            let hash = sha256_hex_bytes(&bytes);
            std::fs::create_dir_all(dir.join("buckets")).unwrap();
            std::fs::write(
                dir.join("buckets").join(format!("{id}-{hash}.json")),
                &bytes,
            )
            .unwrap();
            stored.insert(id, hash);
        }
    }
    name_buckets(dir, &mut v, &stored);
    let mut bytes = serde_json::to_vec_pretty(&v).unwrap();
    bytes.push(b'\n');
    std::fs::write(dir.join("state.json"), bytes).unwrap();
}

/// The temporary copies a killed write left in the home (and in its buckets/).
pub fn stale_temps(home: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for (dir, prefix) in [(home.to_path_buf(), ""), (home.join("buckets"), "buckets/")] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        out.extend(
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with('.') && n.contains(".tmp-"))
                .map(|n| format!("{prefix}{n}")),
        );
    }
    out.sort();
    out
}

/// A master key for tests (tests/fixtures/schema1-home and schema2-home were made with it).
pub const SCHEMA1_MASTER: &str = "q0lV1fIqGqk3yT3bW8nC4m0Y2p0dKq9cQy3rX0fJq1E=";

/// A test env whose home is a copy of tests/fixtures/schema1-home: a home written by the
/// release before buckets (schema 1), master-key protected, with keys alpha, beta and gone
/// (revoked) and an HS256 JWT key sig.
pub fn schema1_home() -> TestEnv {
    fixture_home("schema1-home")
}

/// A test env whose home is a copy of tests/fixtures/schema2-home: a home written by the
/// release before bucket tables (schema 2: state.json names every bucket), master-key
/// protected (the same key), with keys alpha, beta and gone (revoked), an HS256 JWT key sig,
/// a CA and a client certificate svc whose key is kept.
pub fn schema2_home() -> TestEnv {
    fixture_home("schema2-home")
}

/// A test env whose home is a copy of tests/fixtures/schema3-home: a home written by the
/// release before table packs (schema 3: each bucket table stored alone, `t-k3-<sha256>.json`),
/// master-key protected (the same key), with keys alpha, beta and gone (revoked), 21 keys
/// filler-N (past 64 buckets), an HS256 JWT key sig, a CA and a client certificate svc whose key
/// is kept.
pub fn schema3_home() -> TestEnv {
    fixture_home("schema3-home")
}

/// A test env whose home is a copy of tests/fixtures/`name` (and its buckets/), with the
/// plaintexts of its keys alpha, beta and gone marked secret.
fn fixture_home(name: &str) -> TestEnv {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new().with_env("VAUTH_MASTER_KEY", SCHEMA1_MASTER);
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let home = env.home();
    for (from, to) in [
        (fixtures.join(name), home.clone()),
        (fixtures.join(name).join("buckets"), home.join("buckets")),
    ] {
        let Ok(files) = std::fs::read_dir(&from) else {
            continue;
        };
        std::fs::create_dir_all(&to).unwrap();
        std::fs::set_permissions(&to, std::fs::Permissions::from_mode(0o700)).unwrap();
        for f in files.flatten().filter(|f| f.path().is_file()) {
            let to = to.join(f.file_name());
            std::fs::copy(f.path(), &to).unwrap();
            std::fs::set_permissions(&to, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
    }
    for n in ["alpha", "beta", "gone"] {
        env.secret(&fixture_key_of(name, n));
    }
    env
}

/// The plaintext of the schema-1 fixture home's key `name`.
pub fn fixture_key(name: &str) -> String {
    fixture_key_of("schema1-home", name)
}

/// The plaintext of key `name` of the fixture home `home`.
pub fn fixture_key_of(home: &str, name: &str) -> String {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::read_to_string(fixtures.join(format!("{home}.{name}.key"))).unwrap()
}

/// SHA-256 of `b`, lowercase hex.
pub fn sha256_hex_bytes(b: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

/// The path of the stored bucket holding API key `name` in the directory home `dir` (what an
/// attacker edits to change one key's record).
pub fn key_bucket_path(dir: &std::path::Path, name: &str) -> PathBuf {
    let id = bucket_id("k", name);
    let hash = stored_buckets(dir)[&id].clone();
    dir.join("buckets").join(format!("{id}-{hash}.json"))
}

/// The stored file of table `t` that `v` (the state.json of the directory home `dir`) names:
/// its pack (`p-…`, schema 4) or the table alone (schema 3); None when it names no such table.
fn table_file(dir: &std::path::Path, v: &serde_json::Value, t: &str) -> Option<PathBuf> {
    let root = v.get("tables")?.get(t)?.as_str()?;
    let name = if root.starts_with("p-") {
        format!("{root}-{}.json", v["packs"][root].as_str().unwrap())
    } else {
        format!("{t}-{root}.json")
    };
    Some(dir.join("buckets").join(name))
}

fn read_state_json(dir: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("state.json")).unwrap()).unwrap()
}

/// The path of the stored file (a pack of tables, or a table alone) naming bucket `id` in the
/// directory home `dir`.
pub fn table_path(dir: &std::path::Path, id: &str) -> PathBuf {
    table_file(dir, &read_state_json(dir), &table_of(id)).unwrap()
}

/// The files of buckets/ that the directory home `dir`'s state.json names, directly or
/// through its tables and packs: what buckets/ holds once no killed commit has left anything
/// behind.
pub fn referenced_files(dir: &std::path::Path) -> std::collections::BTreeSet<String> {
    let v = read_state_json(dir);
    let tables: std::collections::BTreeMap<String, String> =
        serde_json::from_value(v.get("tables").cloned().unwrap_or_default()).unwrap_or_default();
    let mut out: std::collections::BTreeSet<String> = tables
        .keys()
        .map(|t| table_file(dir, &v, t).unwrap())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    out.extend(stored_buckets(dir).into_iter().map(|(id, h)| {
        let ext = if id.starts_with("v-") {
            "vault"
        } else {
            "json"
        };
        format!("{id}-{h}.{ext}")
    }));
    out
}

/// Create keys `PREFIX-0`, `PREFIX-1`, … in `env`'s directory home until its state.json names
/// bucket tables (past 64 buckets); returns their plaintexts. Fails after 64 keys.
pub fn fill_until_tables(env: &TestEnv, prefix: &str) -> Vec<String> {
    let mut made = Vec::new();
    while !env.read_home("state.json").contains("\"tables\"") {
        assert!(
            made.len() < 64,
            "no bucket tables after {} keys",
            made.len()
        );
        made.push(env.create(&format!("{prefix}-{}", made.len())));
    }
    made
}

/// The table naming bucket `id` (`k-3f` → `t-k3`), as vauth groups them.
pub fn table_of(id: &str) -> String {
    let (kind, hex) = id.split_once('-').unwrap();
    format!("t-{kind}{}", &hex[..1])
}

/// Every stored bucket of the directory home `dir` (id → SHA-256), as state.json names them:
/// through its tables (in packs since schema 4, alone in schema 3), or at once (`buckets`,
/// schema 2).
pub fn stored_buckets(dir: &std::path::Path) -> std::collections::BTreeMap<String, String> {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("state.json")).unwrap()).unwrap();
    let mut out: std::collections::BTreeMap<String, String> =
        serde_json::from_value(v.get("buckets").cloned().unwrap_or_default()).unwrap_or_default();
    if let Some(t) = v.get("tables").and_then(|t| t.as_object()) {
        for (id, root) in t {
            let f = table_file(dir, &v, id).unwrap();
            let mut m: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            if root.as_str().unwrap().starts_with("p-") {
                m = m[id].take();
            }
            let m: std::collections::BTreeMap<String, String> = serde_json::from_value(m).unwrap();
            out.extend(m);
        }
    }
    out
}

/// Name `buckets` (id → SHA-256, every stored bucket) in the state `v` of the directory home
/// `dir` in a form vauth reads: state.json names up to 64 itself (`buckets`); past that, each
/// table is written alone to buckets/ and named by its hash in `tables`, as schema 3 wrote them
/// (vauth moves them into packs at their next change).
pub fn name_buckets(
    dir: &std::path::Path,
    v: &mut serde_json::Value,
    buckets: &std::collections::BTreeMap<String, String>,
) {
    let mut tables: std::collections::BTreeMap<String, std::collections::BTreeMap<&str, &str>> =
        Default::default();
    for (id, h) in buckets {
        tables.entry(table_of(id)).or_default().insert(id, h);
    }
    let obj = v.as_object_mut().unwrap();
    obj.remove("buckets");
    obj.remove("tables");
    obj.remove("packs");
    if buckets.len() <= 64 {
        obj.insert("buckets".into(), serde_json::to_value(buckets).unwrap());
        return;
    }
    let mut roots = serde_json::Map::new();
    for (t, m) in tables {
        let mut bytes = serde_json::to_vec_pretty(&m).unwrap();
        bytes.push(b'\n');
        let hash = sha256_hex_bytes(&bytes);
        std::fs::write(dir.join("buckets").join(format!("{t}-{hash}.json")), &bytes).unwrap();
        roots.insert(t, hash.into());
    }
    obj.insert("tables".into(), roots.into());
}

/// SHA-256 of `s`, lowercase hex (what state.json and Redis ACL files hold).
pub fn sha256_hex(s: &str) -> String {
    sha256_hex_bytes(s.as_bytes())
}

/// The id of the bucket of kind `kind` (`k`, `c`, `i`, `v`) holding `name`: `k-3f`, by the first
/// byte of SHA-256(name), as vauth buckets its records.
pub fn bucket_id(kind: &str, name: &str) -> String {
    use sha2::Digest;
    format!("{kind}-{:02x}", sha2::Sha256::digest(name.as_bytes())[0])
}

/// `VAUTH_REQUIRE_SERVERS=1` (set by .ci/run): every peer a test needs (server binaries, PyJWT,
/// the test-hooks build) must be there; a skip is a failure.
pub fn require_servers() -> bool {
    std::env::var("VAUTH_REQUIRE_SERVERS").is_ok_and(|v| v == "1")
}

/// Say loudly that a test is skipped and why; under `VAUTH_REQUIRE_SERVERS=1`, fail instead.
#[track_caller]
pub fn skip(msg: &str) {
    assert!(!require_servers(), "{msg}, and VAUTH_REQUIRE_SERVERS=1");
    eprintln!("\n!!! SKIPPED {msg} !!!\n");
}

/// Whether vauth was built with the `test-hooks` feature, which the VAUTH_TEST_CRASH,
/// VAUTH_TEST_NOW and VAUTH_TEST_PANIC hooks need (without it they do nothing, and a test that
/// relies on them would fail with assertions that say nothing about why). Without it the test
/// named `what` is skipped, loudly: run `cargo test --all-features`.
#[track_caller]
pub fn test_hooks(what: &str) -> bool {
    if cfg!(feature = "test-hooks") {
        return true;
    }
    skip(&format!(
        "{what}: needs the test-hooks feature (cargo test --all-features or --features test-hooks)"
    ));
    false
}

/// Poll `cond` until it holds; panic naming `what` when it still does not after `secs` seconds.
#[track_caller]
pub fn wait_until(what: &str, secs: u64, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut pause = Duration::from_millis(5);
    while !cond() {
        assert!(
            Instant::now() < deadline,
            "waited {secs}s in vain for {what}"
        );
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(100));
    }
}

/// A loopback port nothing listens on (the OS picked it free a moment ago).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Run openssl; (exit code, stdout + stderr).
pub fn openssl(args: &[&str]) -> (i32, String) {
    let o = Command::new("openssl")
        .args(args)
        .output()
        .expect("openssl is installed (.ci/run installs it)");
    let mut s = String::from_utf8_lossy(&o.stdout).into_owned();
    s.push_str(&String::from_utf8_lossy(&o.stderr));
    (o.status.code().unwrap_or(-1), s)
}
