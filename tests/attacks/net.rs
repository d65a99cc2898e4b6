//! See mod.rs. URLs, hooks and servers (issue 11, findings 5, 6 and 8): an attacker who can put a
//! URL in front of vauth (a pull request to the committed home, a copied command line, a hostile
//! JWKS or target server) or read what an `--exec` hook sees.

use std::path::Path;

use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::util::http::Fake;
use crate::util::{TestEnv, test_hooks};

/// Base64 of 32 bytes: the vault's master key in the hook tests.
const MASTER: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

/// The port of a fake's `http://127.0.0.1:PORT`.
fn port_of(f: &Fake) -> u16 {
    f.url().rsplit(':').next().unwrap().parse().unwrap()
}

/// An attacker's signing key: its JWKS and a token it signed (aud "db", iss "i").
fn forged() -> (String, String) {
    let evil = TestEnv::new();
    evil.run(&["jwt", "key", "create", "evil", "--alg", "ES256"])
        .ok();
    let jwks = evil.run(&["jwt", "jwks"]);
    jwks.ok();
    let t = evil.run(&["jwt", "sign", "--key", "evil", "--aud", "db", "--iss", "i"]);
    t.ok();
    (jwks.stdout.clone(), t.line())
}

/// A loopback server that hands out `jwks` at /jwks.json (and counts who asked).
fn jwks_server(jwks: &str) -> Fake {
    let f = Fake::start();
    f.mount(
        Mock::given(method("GET"))
            .and(path("/jwks.json"))
            .respond_with(ResponseTemplate::new(200).set_body_string(jwks.to_string())),
    );
    f
}

fn verify_with(env: &TestEnv, jwks_url: &str, token: &str) -> crate::util::Run {
    env.run_in(
        &[
            "jwt", "verify", "--jwks", jwks_url, "--aud", "db", "--iss", "i",
        ],
        token,
    )
}

// ---------------------------------------------------------------- finding 5: userinfo & hosts

/// Finding 5: `http://127.0.0.1:1@0.0.0.0:PORT/…` passed the "https or loopback" check (it
/// starts with `http://127.0.0.1`) and was fetched over plain http from 0.0.0.0 — where a forged
/// JWKS then verified forged tokens. Every userinfo / host-spoofing form is refused before any
/// connection (exit 2), and the error does not echo the userinfo.
#[test]
fn attack_jwks_url_userinfo_and_host_tricks_are_refused_before_connecting() {
    let (jwks, token) = forged();
    let f = jwks_server(&jwks);
    let port = port_of(&f);
    let env = TestEnv::new();
    // Control: fetched from a real loopback URL, the forged JWKS does verify the forged token —
    // which is why the URL check is what stands between an attacker and a "valid" token.
    verify_with(&env, &format!("http://127.0.0.1:{port}/jwks.json"), &token).ok();
    f.reset();
    f.mount(
        Mock::given(method("GET"))
            .and(path("/jwks.json"))
            .respond_with(ResponseTemplate::new(200).set_body_string(jwks.clone())),
    );
    for url in [
        // The finding, verbatim.
        format!("http://127.0.0.1:1@0.0.0.0:{port}/jwks.json"),
        format!("http://127.0.0.1@0.0.0.0:{port}/jwks.json"),
        format!("http://localhost@0.0.0.0:{port}/jwks.json"),
        format!("http://[::1]@0.0.0.0:{port}/jwks.json"),
        format!("HTTP://127.0.0.1:1@0.0.0.0:{port}/jwks.json"),
        // Any userinfo at all, even over https or to loopback.
        format!("https://evil@127.0.0.1:{port}/jwks.json"),
        format!("http://evil@127.0.0.1:{port}/jwks.json"),
        format!("http://@127.0.0.1:{port}/jwks.json"),
        // Hosts that only look like loopback, or are written to fool a string check.
        format!("http://0.0.0.0:{port}/jwks.json"),
        "http://127.0.0.1.evil.example/jwks.json".to_string(),
        format!("http://%31%32%37.0.0.1:{port}/jwks.json"),
        format!("http://127.0.0.1%2e:{port}/jwks.json"),
        format!("http://127.0.0.1\t@0.0.0.0:{port}/jwks.json"),
        format!("http://127.0.0.1\\@0.0.0.0:{port}/jwks.json"),
        format!("http:127.0.0.1:{port}/jwks.json"),
        format!("http:///0.0.0.0:{port}/jwks.json"),
        format!("http://[::ffff:127.0.0.1]:{port}/jwks.json"),
    ] {
        let r = verify_with(&env, &url, &token);
        r.code(2);
        assert!(
            !r.stderr.contains("127.0.0.1:1@") && !r.stderr.contains("evil@"),
            "{url}: userinfo echoed:\n{}",
            r.stderr
        );
        assert!(
            f.requests().is_empty(),
            "{url:?} was fetched: {:?}",
            f.requests()
        );
    }
}

/// JWKS fetching follows no redirect: a loopback server that redirects to a forged JWKS (or to
/// plain http elsewhere) is a remote failure (exit 4), and the redirect target is never asked.
#[test]
fn attack_jwks_redirect_to_a_forged_set_is_not_followed() {
    let (jwks, token) = forged();
    let forged_host = jwks_server(&jwks);
    let env = TestEnv::new();
    let redirector = Fake::start();
    for to in [
        format!("http://localhost:{}/jwks.json", port_of(&forged_host)),
        format!(
            "http://127.0.0.1:1@0.0.0.0:{}/jwks.json",
            port_of(&forged_host)
        ),
        "http://evil.example/jwks.json".to_string(),
    ] {
        redirector.reset();
        redirector.mount(
            Mock::given(method("GET"))
                .and(path("/jwks.json"))
                .respond_with(ResponseTemplate::new(302).insert_header("location", to.as_str())),
        );
        verify_with(&env, &format!("{}/jwks.json", redirector.url()), &token)
            .code(4)
            .stderr_has("redirect");
        assert_eq!(redirector.requests().len(), 1);
        assert!(forged_host.requests().is_empty(), "followed to {to}");
    }
}

/// Finding 5 for `jwt oidc --issuer`: the issuer is published as the token's `iss` and the
/// discovery document's base; a URL whose host is not what it looks like is refused (exit 2)
/// and nothing is written.
#[test]
fn attack_oidc_issuer_userinfo_and_host_tricks_are_refused() {
    let env = TestEnv::new();
    env.run(&["jwt", "key", "create", "svc", "--alg", "ES256"])
        .ok();
    let ok_dir = env.path("ok");
    env.run(&[
        "jwt",
        "oidc",
        "--issuer",
        "http://127.0.0.1:8080",
        "--out-dir",
        ok_dir.to_str().unwrap(),
    ])
    .ok();
    for (i, issuer) in [
        "http://127.0.0.1:1@evil.example",
        "http://127.0.0.1@evil.example",
        "http://localhost@evil.example",
        "http://[::1]@evil.example",
        "https://evil@auth.example.com",
        "https://user:pw@auth.example.com",
        "http://127.0.0.1.evil.com",
        "http://%6c%6fcalhost:8080",
        "https://%61uth.example.com",
        "http://127.0.0.1\\@evil.example",
        "http:127.0.0.1",
    ]
    .iter()
    .enumerate()
    {
        let dir = env.path(&format!("out{i}"));
        let r = env.run(&[
            "jwt",
            "oidc",
            "--issuer",
            issuer,
            "--out-dir",
            dir.to_str().unwrap(),
        ]);
        r.code(2);
        assert!(!r.stderr.contains(":pw@"), "{}", r.stderr);
        assert!(!dir.exists(), "{issuer}: files written");
    }
}

/// Finding 5 for `target add`: vauth sends the admin credential to the URL's host, over plain
/// http only when that host is loopback. A URL that hides its real host behind userinfo or
/// encoding is refused (exit 2) and never reaches vauth.toml or audit.log.
#[test]
fn attack_target_url_userinfo_and_host_tricks_are_refused() {
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    let cases: &[(&str, &str, &str)] = &[
        // (kind, url, admin flag) — the admin credential is always named separately.
        (
            "qdrant",
            "https://evil@qdrant.example:6333",
            "--admin-key-env",
        ),
        (
            "qdrant",
            "http://127.0.0.1@evil.example:6333",
            "--admin-key-env",
        ),
        (
            "milvus",
            "http://127.0.0.1:1@evil.example:19530",
            "--admin-password-env",
        ),
        (
            "milvus",
            "http://127.0.0.1@evil.example:19530",
            "--admin-password-env",
        ),
        (
            "milvus",
            "http://localhost@evil.example:19530",
            "--admin-password-env",
        ),
        (
            "milvus",
            "http://[::1]@evil.example:19530",
            "--admin-password-env",
        ),
        (
            "milvus",
            "http://127.0.0.1.evil.example:19530",
            "--admin-password-env",
        ),
        (
            "milvus",
            "http://%31%32%37.0.0.1.evil.example",
            "--admin-password-env",
        ),
        (
            "milvus",
            "http://root@127.0.0.1%2eevil.example",
            "--admin-password-env",
        ),
        (
            "milvus",
            "http://root@127.0.0.1\\@evil.example",
            "--admin-password-env",
        ),
        (
            "milvus",
            "http:root@127.0.0.1:19530",
            "--admin-password-env",
        ),
        (
            "weaviate",
            "https://evil.example#@127.0.0.1",
            "--admin-key-env",
        ),
        (
            "postgres",
            "postgres://admin@%6c%6fcalhost/app",
            "--admin-password-env",
        ),
        (
            "postgres",
            "postgres://127.0.0.1@evil.example/app",
            "--admin-password-env",
        ),
        (
            "redis",
            "redis://default@127.0.0.1.evil.example",
            "--admin-password-env",
        ),
    ];
    for (i, (kind, url, flag)) in cases.iter().enumerate() {
        let name = format!("t{i}");
        env.run(&[
            "target",
            "add",
            &name,
            "--kind",
            kind,
            "--url",
            url,
            flag,
            "ADMIN_VAR",
        ])
        .code(2);
        let toml = env.read_home("vauth.toml");
        let audit = env.read_home("audit.log");
        assert!(!toml.contains("evil") && !toml.contains(&format!("[target.{name}]")));
        assert!(
            !audit.contains("evil") && !audit.contains("target.add"),
            "{url}"
        );
    }
    // --token-url (pinecone's OAuth endpoint gets the client secret): no userinfo, no spoof.
    for t in [
        "http://127.0.0.1:1@evil.example/oauth/token",
        "https://evil@login.pinecone.io/oauth/token",
        "http://127.0.0.1.evil.example/oauth/token",
    ] {
        env.run(&[
            "target",
            "add",
            "pc",
            "--kind",
            "pinecone",
            "--url",
            "https://api.pinecone.io",
            "--project",
            "p1",
            "--admin-client-id-env",
            "PC_ID",
            "--admin-client-secret-env",
            "PC_SECRET",
            "--token-url",
            t,
        ])
        .code(2)
        .stderr_has("token-url");
        assert!(!env.read_home("vauth.toml").contains("evil"));
    }
    // The real loopback forms still work.
    for (i, url) in [
        "http://root@127.0.0.1:19530",
        "http://root@localhost:19530",
        "http://root@[::1]:19530",
    ]
    .iter()
    .enumerate()
    {
        env.run(&[
            "target",
            "add",
            &format!("ok{i}"),
            "--kind",
            "milvus",
            "--url",
            url,
            "--admin-password-env",
            "ADMIN_VAR",
        ])
        .ok();
    }
}

// ---------------------------------------------------------------- finding 8: secrets in URLs

/// Finding 8: only a literal `password=` was refused; `?api-key=hunter2` and `?pass%77ord=` were
/// stored in vauth.toml and audit.log. Every credential-like query key (percent-decoded, any
/// case) is refused with exit 2, and the value reaches no file and no output.
#[test]
fn attack_target_url_with_a_secret_in_the_query_is_refused_and_stored_nowhere() {
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    env.secret("hunter2");
    let queries = [
        "api-key=hunter2",
        "pass%77ord=hunter2",
        "password=hunter2",
        "PassWord=hunter2",
        "sslmode=require&password=hunter2",
        "passwd=hunter2",
        "pass=hunter2",
        "pwd=hunter2",
        "secret=hunter2",
        "token=hunter2",
        "api_key=hunter2",
        "apikey=hunter2",
        "Api%2DKey=hunter2",
        "x-api-key=hunter2",
        "key=hunter2",
        "access_token=hunter2",
        "auth=hunter2",
        "sslpassword=hunter2",
        "client_secret=hunter2",
    ];
    for (i, q) in queries.iter().enumerate() {
        for (kind, url, flag) in [
            (
                "qdrant",
                format!("https://qdrant.example:6333/?{q}"),
                "--admin-key-env",
            ),
            (
                "postgres",
                format!("postgres://admin@db.example:5432/app?{q}"),
                "--admin-password-env",
            ),
            (
                "redis",
                format!("rediss://default@cache.example/0?{q}"),
                "--admin-password-env",
            ),
        ] {
            env.run(&[
                "target",
                "add",
                &format!("t{i}"),
                "--kind",
                kind,
                "--url",
                &url,
                flag,
                "ADMIN_VAR",
            ])
            .code(2)
            .stderr_has("password");
        }
    }
    // The leak scan (env.secret) checked stderr/stdout of every run; the files too:
    for f in ["vauth.toml", "audit.log"] {
        let text = env.read_home(f);
        assert!(
            !text.contains("hunter2") && !text.contains("[target."),
            "{f}:\n{text}"
        );
    }
}

/// Finding 8, second half: a query that is not a credential is accepted, but queries (and the
/// URL's user) never go into audit details — the log is shared more widely than vauth.toml.
#[test]
fn attack_target_url_query_stays_out_of_the_audit_log() {
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    env.run(&[
        "target",
        "add",
        "mv",
        "--kind",
        "milvus",
        "--url",
        "http://root@127.0.0.1:19530/?dbName=marker-q1",
        "--admin-password-env",
        "ADMIN_VAR",
    ])
    .ok();
    let audit = env.read_home("audit.log");
    assert!(audit.contains("target.add"), "{audit}");
    assert!(
        !audit.contains("marker-q1") && !audit.contains("root@"),
        "{audit}"
    );
}

// ---------------------------------------------------------------- finding 6: hook environment

/// The variables a hook's `env` dump holds, as `NAME=value` lines.
fn dumped(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[track_caller]
fn assert_scrubbed(dump: &str, secrets: &[(&str, &str)]) {
    for (name, value) in secrets {
        assert!(
            !dump.lines().any(|l| l.starts_with(&format!("{name}="))),
            "{name} reached the hook:\n{dump}"
        );
        assert!(!dump.contains(value), "{name}'s value reached the hook");
    }
    assert!(
        dump.lines().any(|l| l == "KEEP_ME=visible"),
        "the rest of the environment passes through:\n{dump}"
    );
}

/// Finding 6: `--exec` hooks inherited the whole environment — the vault's master key, the
/// passphrase file's path and every target's admin credential. A hook that dumps `env` (as any
/// compromised restart script could) sees none of them, for `key rotate`, `push` and `rotate`.
#[test]
fn attack_exec_hook_that_dumps_env_sees_no_vauth_or_admin_secrets() {
    if !test_hooks("attacks::net::attack_exec_hook_that_dumps_env_sees_no_vauth_or_admin_secrets") {
        return;
    }
    let secrets: &[(&str, &str)] = &[
        ("VAUTH_MASTER_KEY", MASTER),
        ("VAUTH_PASSPHRASE_FILE", "/run/secrets/marker-pp-file"),
        ("QD_ADMIN_KEY", "marker-qdrant-admin-key"),
        ("MV_ADMIN_PW", "marker-milvus-admin-pw"),
        ("PC_ID", "marker-pinecone-client-id"),
        ("PC_SECRET", "marker-pinecone-client-secret"),
        ("ES_ADMIN_PW", "marker-es-admin-pw"),
        ("PGPASSWORD", "marker-pg-home-password"),
    ];
    let env = TestEnv::new()
        .with_env("CI", "true")
        .with_env("VAUTH_MASTER_KEY", MASTER)
        .with_env("KEEP_ME", "visible");
    env.run(&["init"]).ok();
    for (args, var) in [
        (
            vec!["qd", "--kind", "qdrant", "--url", "http://127.0.0.1:9"],
            "--admin-key-env QD_ADMIN_KEY",
        ),
        (
            vec!["mv", "--kind", "milvus", "--url", "http://root@127.0.0.1:9"],
            "--admin-password-env MV_ADMIN_PW",
        ),
        (
            vec![
                "es",
                "--kind",
                "elasticsearch",
                "--url",
                "http://elastic@127.0.0.1:9",
            ],
            "--admin-password-env ES_ADMIN_PW",
        ),
        (
            vec![
                "pc",
                "--kind",
                "pinecone",
                "--url",
                "https://api.pinecone.io",
                "--project",
                "p1",
            ],
            "--admin-client-id-env PC_ID --admin-client-secret-env PC_SECRET",
        ),
    ] {
        let mut a = vec!["target", "add"];
        a.extend(args);
        a.extend(var.split(' '));
        env.run(&a).ok();
    }
    env.create("app");
    let run_env: Vec<(&str, &str)> = secrets
        .iter()
        .filter(|(k, _)| *k != "VAUTH_MASTER_KEY" && *k != "VAUTH_PASSPHRASE_FILE")
        .copied()
        .collect();
    let hook = |name: &str| {
        let p = env.path(name);
        (format!("env > {}", p.display()), p)
    };

    // key rotate --exec
    let (cmd, out) = hook("key-rotate.env");
    env.run_with(&["key", "rotate", "app", "--exec", &cmd], None, &run_env)
        .ok();
    let d = dumped(&out);
    assert!(
        d.contains("VAUTH_EVENT=rotate") && d.contains("VAUTH_KEY=app"),
        "{d}"
    );
    assert_scrubbed(&d, secrets);

    // push --exec (qdrant: the push is pending until Qdrant restarts, no request is made; only
    // a key scoped admin may go to Qdrant)
    let (cmd, out) = hook("push.env");
    let qadm = env.run(&["key", "create", "qadm", "--scope", "admin"]);
    qadm.ok();
    env.secret(&qadm.line());
    env.run_with(
        &["push", "qadm", "--to", "qd", "--exec", &cmd],
        None,
        &run_env,
    )
    .ok();
    let d = dumped(&out);
    assert!(
        d.contains("VAUTH_EVENT=push") && d.contains("VAUTH_TARGET=qd"),
        "{d}"
    );
    assert_scrubbed(&d, secrets);

    // rotate apply --exec (a JWT signing key: rotated locally)
    env.run(&["jwt", "key", "create", "sig", "--alg", "HS256"])
        .ok();
    let cfg = env.home().join("vauth.toml");
    let mut t = std::fs::read_to_string(&cfg).unwrap();
    t.push_str("\n[[policy]]\ncredential = \"sig\"\nmax_age = \"1d\"\n");
    std::fs::write(&cfg, t).unwrap();
    let later = time::OffsetDateTime::now_utc() + time::Duration::days(2);
    let later = later
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let (cmd, out) = hook("rotate.env");
    let mut e = run_env.clone();
    e.push(("VAUTH_TEST_NOW", &later));
    e.push(("VAUTH_LOCK_TIMEOUT", "59"));
    env.run_with(&["rotate", "apply", "--due", "--exec", &cmd], None, &e)
        .ok();
    let d = dumped(&out);
    assert!(
        d.contains("VAUTH_EVENT=rotate") && d.contains("VAUTH_KEY=sig"),
        "{d}"
    );
    assert_scrubbed(&d, secrets);
    assert!(
        !d.contains("VAUTH_TEST_NOW") && !d.contains("VAUTH_LOCK_TIMEOUT"),
        "{d}"
    );
}

/// Finding 6 with a passphrase-protected vault: the hook does not learn where the passphrase is.
#[test]
fn attack_exec_hook_does_not_see_the_passphrase_file() {
    let env = TestEnv::new().with_env("KEEP_ME", "visible");
    let pp = env.write("pp.txt", "correct horse battery staple marker\n");
    let pp_s = pp.to_str().unwrap();
    env.run_with(
        &["init", "--protect", "passphrase"],
        None,
        &[("VAUTH_PASSPHRASE_FILE", pp_s)],
    )
    .ok();
    env.run_with(
        &["key", "create", "app"],
        None,
        &[("VAUTH_PASSPHRASE_FILE", pp_s)],
    )
    .ok();
    let out = env.path("hook.env");
    env.run_with(
        &[
            "key",
            "rotate",
            "app",
            "--exec",
            &format!("env > {}", out.display()),
        ],
        None,
        &[("VAUTH_PASSPHRASE_FILE", pp_s)],
    )
    .ok();
    let d = dumped(&out);
    assert_scrubbed(&d, &[("VAUTH_PASSPHRASE_FILE", pp_s)]);
}
