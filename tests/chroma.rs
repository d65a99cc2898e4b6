//! A real Chroma server (its Python app, which checks tokens) with the credentials file vauth
//! keeps: what users of a Chroma target meet, under both token transports. The server reads the
//! file at start-up only, so the tests restart it where an operator would. The wiremock
//! contract tests (http_chroma.rs) keep the error bodies.

use crate::util::TestEnv;
use crate::util::chroma::{ChromaServer, Transport, add_chroma_target};

const ADMIN: &str = "chroma-admin-tok-7c1e9a2b44";

#[test]
fn real_chroma_takes_tokens_in_its_default_bearer_header_and_refuses_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("users.yaml");
    std::fs::write(
        &file,
        "users:\n- id: reader\n  tokens:\n  - tok-reader-1f3a9c\n",
    )
    .unwrap();
    let Some(chroma) = ChromaServer::start(&file, Transport::Bearer) else {
        return;
    };
    assert_eq!(chroma.status("tok-reader-1f3a9c"), 200);
    assert_eq!(chroma.status("tok-wrong-000000"), 403);
    // Chroma as it ships reads `Authorization: Bearer`; the same token in X-Chroma-Token is
    // refused (vauth spoke only X-Chroma-Token before issue 13).
    assert_eq!(
        chroma.status_with(Transport::XChromaToken, "tok-reader-1f3a9c"),
        403
    );
    assert!(chroma.client_accepts("tok-reader-1f3a9c"));
    assert!(!chroma.client_accepts("tok-wrong-000000"));
}

/// The starting file an operator writes: vauth's mark, the admin token (optionally with a role
/// and a roles_mapping) — Chroma needs the file to start, vauth keeps it from then on.
fn seed(dir: &std::path::Path, extra_admin: &str, tail: &str) -> std::path::PathBuf {
    let file = dir.join("users.yaml");
    std::fs::write(
        &file,
        format!(
            "# managed by vauth (seeded by the operator)\nusers:\n  - id: vauth-admin\n{extra_admin}    tokens:\n      - \"{ADMIN}\"\n{tail}"
        ),
    )
    .unwrap();
    file
}

fn add_target(env: &TestEnv, name: &str, chroma: &ChromaServer, header: Transport) {
    add_chroma_target(
        env,
        name,
        &chroma.url(),
        &chroma.file,
        &["--auth-header", header.option()],
    );
}

/// push (pending) → restart → target test verifies → the key works over HTTP and with the
/// official client, a wrong one and the other header are refused → rotate inside the grace →
/// restart → both versions work → revoke the old → restart → refused, the new still works. A
/// target speaking the other header is refused, and vauth's error names the header.
fn lifecycle_against_real_chroma(transport: Transport) {
    let dir = tempfile::tempdir().unwrap();
    let file = seed(dir.path(), "", "");
    let Some(mut chroma) = ChromaServer::start(&file, transport) else {
        return;
    };
    let env = TestEnv::new().with_env("CHROMA_ADMIN", ADMIN);
    env.secret(ADMIN);
    env.run(&["init"]).ok();
    add_target(&env, "c", &chroma, transport);
    let t = env.run(&["--json", "target", "test", "c"]);
    t.ok();
    assert_eq!(t.json()["server"], "Chroma 1.5.9");

    let k1 = env.create("app");
    env.secret(&k1);
    let p = env.run(&["--json", "push", "app", "--to", "c"]);
    p.ok();
    assert_eq!(p.json()["pending"], true);
    assert_eq!(chroma.status(&k1), 403, "not before a restart");
    env.run(&["target", "test", "c"])
        .code(4)
        .stderr_has(&format!("sent as `{}`", shown(transport)))
        .stderr_has("restart Chroma");
    chroma.restart();
    let t = env.run(&["--json", "target", "test", "c"]);
    t.ok();
    assert_eq!(t.json()["pending"][0]["verified"], true, "{}", t.stdout);
    assert_eq!(chroma.status(&k1), 200);
    assert!(chroma.client_accepts(&k1));
    assert_eq!(chroma.status("vauth-not-a-key-0000"), 403);
    assert!(!chroma.client_accepts("vauth-not-a-key-0000"));
    assert_eq!(chroma.status_with(transport.other(), &k1), 403);

    // Rotate inside the grace: both versions work after the restart.
    let k2 = env.run(&["key", "rotate", "app", "--grace", "1h"]).line();
    env.secret(&k2);
    assert_eq!(chroma.status(&k2), 403, "not before a restart");
    chroma.restart();
    env.run(&["target", "test", "c"]).ok();
    assert_eq!((chroma.status(&k1), chroma.status(&k2)), (200, 200));
    assert!(chroma.client_accepts(&k1) && chroma.client_accepts(&k2));

    // Revoke the old version: refused after the restart; the new one still works.
    env.run(&["--yes", "key", "revoke", "app", "--version", "1"])
        .ok();
    chroma.restart();
    env.run(&["target", "test", "c"]).ok();
    assert_eq!((chroma.status(&k1), chroma.status(&k2)), (403, 200));
    assert!(!chroma.client_accepts(&k1) && chroma.client_accepts(&k2));

    // A target speaking the other header: refused, and the error names the header sent and
    // the option that fixes it.
    add_target(&env, "other", &chroma, transport.other());
    let r = env.run(&["target", "test", "other"]);
    r.code(4)
        .stderr_has(&format!(
            "the server refused the admin token sent as `{}`",
            shown(transport.other())
        ))
        .stderr_has(&format!("--auth-header {}", transport.option()));
    assert!(!r.stderr.contains("lacks the rights"), "{}", r.stderr);
}

fn shown(t: Transport) -> &'static str {
    match t {
        Transport::Bearer => "Authorization: Bearer",
        Transport::XChromaToken => "X-Chroma-Token",
    }
}

#[test]
fn real_chroma_push_rotate_revoke_with_authorization_bearer() {
    lifecycle_against_real_chroma(Transport::Bearer);
}

#[test]
fn real_chroma_push_rotate_revoke_with_x_chroma_token() {
    lifecycle_against_real_chroma(Transport::XChromaToken);
}

/// A Chroma with simple RBAC reads `role:` and `roles_mapping:` from the same file: it starts
/// with the file vauth rewrote (the admin's role kept, the mapping byte for byte), the pushed
/// key gets the `--role` it was pushed with — it may list collections but not create one. (The
/// official client also reads its tenant and database at connect: `tenant:get_tenant`,
/// `db:get_database`.)
#[test]
fn real_chroma_with_rbac_starts_on_the_file_vauth_rewrote() {
    let mapping = "roles_mapping:\n  admin:\n    actions: [\"db:list_collections\", \"db:create_collection\", \"db:get_or_create_collection\"]\n  reader:\n    actions:\n      - tenant:get_tenant\n      - db:get_database\n      - db:list_collections\n";
    let dir = tempfile::tempdir().unwrap();
    let file = seed(dir.path(), "    role: admin\n", mapping);
    let Some(mut chroma) = ChromaServer::start_with(&file, Transport::Bearer, true) else {
        return;
    };
    let env = TestEnv::new().with_env("CHROMA_ADMIN", ADMIN);
    env.secret(ADMIN);
    env.run(&["init"]).ok();
    add_target(&env, "c", &chroma, Transport::Bearer);
    env.run(&["target", "test", "c"]).ok();
    let k = env.create("app");
    env.secret(&k);
    env.run(&["push", "app", "--to", "c"])
        .code(3)
        .stderr_has("has no role");
    env.run(&["push", "app", "--to", "c", "--role", "reader"])
        .ok();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.ends_with(mapping), "{text}");
    assert!(text.contains("role: \"admin\""), "{text}");
    chroma.restart();
    env.run(&["target", "test", "c"]).ok();
    assert_eq!(chroma.status(&k), 200);
    assert!(chroma.client_accepts(&k));
    assert_eq!(
        chroma.create_collection_status(&k, "docs"),
        403,
        "reader may not create"
    );
    assert_eq!(chroma.create_collection_status(ADMIN, "docs"), 200);
}
