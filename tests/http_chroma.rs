//! Chroma target, against a local fake (wiremock) for the error bodies and request shapes: the
//! fake answers as reference/vector-db-admin-apis.md §6.2 documents — tokens in `Authorization:
//! Bearer` (Chroma's default) or `X-Chroma-Token` (a server started with
//! `CHROMA_AUTH_TOKEN_TRANSPORT_HEADER=X-Chroma-Token`), read from the credentials file at
//! start-up only ("restart" below reloads the file vauth wrote), 403
//! `{"error":"AuthError","message":"Forbidden"}` for an unknown token, the heartbeat public.
//! The real server is tested in chroma.rs.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, Mutex};

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, Request, Respond, ResponseTemplate};

use crate::util::TestEnv;
use crate::util::chroma::add_chroma_target;
use crate::util::http::{Fake, header};

const ADMIN: &str = "chroma-admin-token-5b0e77c1d2";
const COLLECTIONS: &str = "/api/v2/tenants/default_tenant/databases/default_database/collections";

struct ChromaAuth(Arc<Mutex<BTreeSet<String>>>, bool);

/// The token a request carries: `Authorization: Bearer` or, `x_chroma`, `X-Chroma-Token`.
fn token(r: &Request, x_chroma: bool) -> String {
    if x_chroma {
        header(r, "x-chroma-token")
    } else {
        header(r, "authorization")
            .strip_prefix("Bearer ")
            .map_or_else(String::new, str::to_string)
    }
}

impl Respond for ChromaAuth {
    fn respond(&self, r: &Request) -> ResponseTemplate {
        if self.0.lock().unwrap().contains(&token(r, self.1)) {
            ResponseTemplate::new(200).set_body_json(json!([]))
        } else {
            ResponseTemplate::new(403)
                .set_body_json(json!({"error":"AuthError","message":"Forbidden"}))
        }
    }
}

/// What a Chroma started now would accept: the tokens in the credentials file (parsed here
/// with a plain line scan, independent of vauth's parser).
fn restart(known: &Arc<Mutex<BTreeSet<String>>>, file: &Path) {
    let text = std::fs::read_to_string(file).unwrap();
    let mut set = BTreeSet::new();
    for l in text.lines() {
        let t = l.trim();
        if let Some(tok) = t.strip_prefix("- ")
            && !tok.starts_with("id:")
        {
            set.insert(serde_json::from_str::<String>(tok).unwrap());
        }
    }
    *known.lock().unwrap() = set;
}

fn fake() -> (Fake, Arc<Mutex<BTreeSet<String>>>) {
    fake_with(false)
}

fn fake_with(x_chroma: bool) -> (Fake, Arc<Mutex<BTreeSet<String>>>) {
    let f = Fake::start();
    let known = Arc::new(Mutex::new(BTreeSet::from([ADMIN.to_string()])));
    f.mount(
        Mock::given(method("GET"))
            .and(path("/api/v2/heartbeat"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"nanosecond heartbeat": 1})),
            ),
    );
    f.mount(
        Mock::given(method("GET"))
            .and(path("/api/v2/version"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!("1.0.21"))),
    );
    f.mount(
        Mock::given(method("GET"))
            .and(path(COLLECTIONS))
            .respond_with(ChromaAuth(known.clone(), x_chroma)),
    );
    (f, known)
}

#[test]
fn chroma_tokens_file_pending_restart_rotate_and_revoke_http_contract() {
    let (f, known) = fake();
    let env = TestEnv::new().with_env("CHROMA_ADMIN", ADMIN);
    env.secret(ADMIN);
    env.run(&["init"]).ok();
    let creds = env.path("chroma-credentials.yaml");
    add_chroma_target(&env, "c", &f.url(), &creds, &[]);
    let t = env.run(&["--json", "target", "test", "c"]);
    t.ok();
    assert_eq!(t.json()["server"], "Chroma 1.0.21");
    let probes = f.requests_to("GET", COLLECTIONS);
    assert_eq!(probes.len(), 2, "admin read, then a read without a token");
    assert_eq!(
        header(&probes[0], "authorization"),
        format!("Bearer {ADMIN}")
    );
    assert_eq!(header(&probes[1], "authorization"), "");
    assert_eq!(header(&probes[0], "x-chroma-token"), "");

    let k1 = env.create("app");
    let p = env.run(&["--json", "push", "app", "--to", "c"]);
    p.ok();
    assert_eq!(
        (p.json()["pending"].clone(), p.json()["verified"].clone()),
        (json!(true), json!(false))
    );
    assert_eq!(env.mode(&creds), 0o600);
    let text = std::fs::read_to_string(&creds).unwrap();
    assert!(text.starts_with("# managed by vauth"));
    assert!(text.contains(&k1) && text.contains(ADMIN), "{text}");

    // Not restarted yet: the probe is refused, exit 4, still pending.
    env.run(&["target", "test", "c"])
        .code(4)
        .stderr_has("restart Chroma");
    restart(&known, &creds);
    let t = env.run(&["--json", "target", "test", "c"]);
    t.ok();
    assert_eq!(t.json()["pending"][0]["verified"], true);
    let wrong = f.requests_to("GET", COLLECTIONS);
    assert!(
        wrong
            .iter()
            .any(|r| header(r, "authorization").starts_with("Bearer vauth-wrong-"))
    );

    // Rotate: both tokens listed during the grace; the old one cannot be revoked remotely
    // before the new one probed.
    let r = env.run(&["key", "rotate", "app", "--grace", "1h"]);
    r.ok();
    let k2 = r.line();
    let text = std::fs::read_to_string(&creds).unwrap();
    assert!(text.contains(&k1) && text.contains(&k2));
    env.run(&["--yes", "key", "revoke", "app", "--version", "1"])
        .code(4)
        .stderr_has("no newer version was pushed and verified");
    assert!(std::fs::read_to_string(&creds).unwrap().contains(&k1));
    restart(&known, &creds);
    env.run(&["target", "test", "c"]).ok();
    env.run(&["--yes", "key", "revoke", "app", "--version", "1"])
        .ok();
    let text = std::fs::read_to_string(&creds).unwrap();
    assert!(!text.contains(&k1) && text.contains(&k2) && text.contains(ADMIN));
}

#[test]
fn chroma_refuses_foreign_files_and_open_servers_http_contract() {
    let (f, known) = fake();
    let env = TestEnv::new().with_env("CHROMA_ADMIN", ADMIN);
    env.run(&["init"]).ok();
    let creds = env.write("creds.yaml", "users:\n  - id: ops\n    tokens: [\"x\"]\n");
    add_chroma_target(&env, "c", &f.url(), &creds, &[]);
    env.create("app");
    let before = env.registry_text();
    env.run(&["push", "app", "--to", "c"])
        .code(3)
        .stderr_has("not written by vauth");
    assert_eq!(env.registry_text(), before, "nothing recorded");
    assert!(
        std::fs::read_to_string(&creds)
            .unwrap()
            .starts_with("users:")
    );

    // A Chroma that accepts a request without a token (auth off) is unverifiable.
    known.lock().unwrap().insert(String::new());
    env.run(&["target", "test", "c"])
        .code(4)
        .stderr_has("unverifiable");

    // --credentials-file is for chroma only; chroma without it cannot be pushed to.
    env.run(&[
        "target",
        "add",
        "q",
        "--kind",
        "qdrant",
        "--url",
        &f.url(),
        "--admin-key-env",
        "X",
        "--credentials-file",
        "f.yaml",
    ])
    .code(2);
    env.run(&[
        "target",
        "add",
        "c2",
        "--kind",
        "chroma",
        "--url",
        &f.url(),
        "--admin-key-env",
        "CHROMA_ADMIN",
    ])
    .ok();
    env.run(&["push", "app", "--to", "c2"])
        .code(2)
        .stderr_has("--credentials-file");
}

/// The rule of 2 (issue 16 §2): with v1 and v2 (probed after a restart) in the credentials file,
/// a third rotation inside v1's grace is refused without --yes (file unchanged). With --yes v1 is
/// ended: v3 is added and v1's token removed from the file — two tokens of the key remain.
#[test]
fn chroma_third_rotation_inside_a_grace_removes_the_oldest_token_http_contract() {
    let (f, known) = fake();
    let env = TestEnv::new().with_env("CHROMA_ADMIN", ADMIN);
    env.secret(ADMIN);
    env.run(&["init"]).ok();
    let creds = env.path("chroma-credentials.yaml");
    add_chroma_target(&env, "c", &f.url(), &creds, &[]);
    let k1 = env.create("app");
    env.run(&["push", "app", "--to", "c"]).ok();
    restart(&known, &creds);
    env.run(&["target", "test", "c"]).ok();
    let k2 = env.run(&["key", "rotate", "app", "--grace", "1h"]).line();
    env.secret(&k2);
    restart(&known, &creds);
    env.run(&["target", "test", "c"]).ok();

    let before = std::fs::read_to_string(&creds).unwrap();
    env.run(&["key", "rotate", "app", "--grace", "1h"])
        .code(2)
        .stderr_has("app v1 (grace until ");
    assert_eq!(std::fs::read_to_string(&creds).unwrap(), before);

    let r = env.run(&["--yes", "key", "rotate", "app", "--grace", "1h"]);
    r.ok().stderr_has("Ended app v1 (revoked now)");
    let k3 = r.line();
    env.secret(&k3);
    let text = std::fs::read_to_string(&creds).unwrap();
    assert!(!text.contains(&k1), "{text}");
    assert!(text.contains(&k2) && text.contains(&k3) && text.contains(ADMIN));
    let st = crate::util::state(&env);
    assert!(st["api_keys"]["app"]["versions"][0]["pushed"][0]["revoked_at"].is_string());
    // After the restart, v1 is refused and v2, v3 accepted.
    restart(&known, &creds);
    let k = known.lock().unwrap().clone();
    assert!(!k.contains(&k1) && k.contains(&k2) && k.contains(&k3));
    env.run(&["target", "test", "c"]).ok();
}

/// The transport is the target's: `--auth-header x-chroma-token` speaks to a server that reads
/// X-Chroma-Token; a target left at the default (`Authorization: Bearer`) is refused there, and
/// the error names the header refused and the option, not the admin's rights.
#[test]
fn chroma_auth_header_option_and_a_refused_header_named_http_contract() {
    let (f, _known) = fake_with(true);
    let env = TestEnv::new().with_env("CHROMA_ADMIN", ADMIN);
    env.secret(ADMIN);
    env.run(&["init"]).ok();
    let creds = env.path("creds.yaml");
    add_chroma_target(&env, "bearer", &f.url(), &creds, &[]);
    add_chroma_target(
        &env,
        "x",
        &f.url(),
        &creds,
        &["--auth-header", "x-chroma-token"],
    );
    let toml = env.read_home("vauth.toml");
    assert!(toml.contains("auth_header = \"authorization\""), "{toml}");
    assert!(toml.contains("auth_header = \"x-chroma-token\""), "{toml}");
    let show = env.run(&["--json", "target", "show", "x"]);
    assert_eq!(show.json()["auth_header"], "x-chroma-token");

    let t = env.run(&["target", "test", "bearer"]);
    t.code(4)
        .stderr_has("HTTP 403")
        .stderr_has("the server refused the admin token sent as `Authorization: Bearer`")
        .stderr_has("--auth-header x-chroma-token");
    assert!(!t.stderr.contains("lacks the rights"), "{}", t.stderr);
    env.run(&["target", "test", "x"]).ok();
    let probes = f.requests_to("GET", COLLECTIONS);
    assert_eq!(header(probes.last().unwrap(), "x-chroma-token"), "");
    assert!(probes.iter().any(|r| header(r, "x-chroma-token") == ADMIN));

    // --auth-header is for chroma only.
    env.run(&[
        "target",
        "add",
        "q",
        "--kind",
        "qdrant",
        "--url",
        &f.url(),
        "--admin-key-env",
        "X",
        "--auth-header",
        "authorization",
    ])
    .code(2)
    .stderr_has("--auth-header");
}

/// Simple RBAC: `push --role` writes the user's role; a file whose roles_mapping does not name
/// it is refused (Chroma would not start), exit 3, the file unchanged; a later push naming no
/// role keeps it; the mapping stays byte for byte.
#[test]
fn chroma_role_is_written_and_roles_mapping_kept_http_contract() {
    let (f, known) = fake();
    let env = TestEnv::new().with_env("CHROMA_ADMIN", ADMIN);
    env.secret(ADMIN);
    env.run(&["init"]).ok();
    let mapping = "roles_mapping:\n  admin:\n    actions: [\"db:list_collections\", \"system:reset\"]\n  reader:\n    actions: [\"db:list_collections\", \"collection:get\"]\n";
    let creds = env.write(
        "creds.yaml",
        &format!(
            "# managed by vauth (by hand)\nusers:\n  - id: vauth-admin\n    role: admin\n    tokens:\n      - \"{ADMIN}\"\n{mapping}"
        ),
    );
    add_chroma_target(&env, "c", &f.url(), &creds, &[]);
    env.create("app");
    let before = std::fs::read_to_string(&creds).unwrap();
    env.run(&["push", "app", "--to", "c"])
        .code(3)
        .stderr_has("user \"app\" has no role")
        .stderr_has("--role");
    env.run(&["push", "app", "--to", "c", "--role", "writer"])
        .code(3)
        .stderr_has("roles_mapping does not name");
    assert_eq!(std::fs::read_to_string(&creds).unwrap(), before);
    env.run(&["push", "app", "--to", "c", "--role", "reader"])
        .ok();
    let text = std::fs::read_to_string(&creds).unwrap();
    assert!(text.ends_with(mapping), "{text}");
    assert!(
        text.contains("role: \"admin\"") && text.contains("role: \"reader\""),
        "{text}"
    );
    restart(&known, &creds);
    env.run(&["target", "test", "c"]).ok();
    let k2 = env.run(&["key", "rotate", "app", "--grace", "1h"]).line();
    env.secret(&k2);
    let text = std::fs::read_to_string(&creds).unwrap();
    assert_eq!(text.matches("role: \"reader\"").count(), 1, "{text}");
    assert!(text.contains(&k2) && text.ends_with(mapping), "{text}");
}
