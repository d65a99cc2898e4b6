//! --json contract of the CA and certificate commands (docs/json.md, "PKI" block), read into
//! test-owned types that reject unknown fields and tell absent from null.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::util::ca::{issue, with_ca};
use crate::util::*;

fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d)
}

fn out<T: DeserializeOwned>(r: &Run) -> T {
    serde_json::from_str(r.stdout.trim())
        .unwrap_or_else(|e| panic!("stdout is not the documented object ({e}):\n{}", r.stdout))
}

#[track_caller]
fn ts(s: &str) {
    assert!(
        s.ends_with('Z') && s.len() == 20,
        "not an RFC 3339 UTC second: {s}"
    );
}

#[track_caller]
fn fp(s: &str) {
    assert!(
        s.len() == 64
            && s.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
        "{s}"
    );
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaView {
    cn: String,
    key_type: String,
    serial: String,
    fingerprint: String,
    not_before: String,
    not_after: String,
    pathlen: u8,
    permit_dns: Vec<String>,
    permit_ip: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaReport {
    root: CaView,
    #[serde(deserialize_with = "nullable")]
    intermediate: Option<CaView>,
    issuing: String,
    crl_number: u64,
    #[serde(deserialize_with = "nullable")]
    crl_next_update: Option<String>,
    certs_issued: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaExport {
    #[serde(deserialize_with = "nullable")]
    out: Option<String>,
    certificates: usize,
    #[serde(deserialize_with = "nullable")]
    pem: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Crl {
    number: u64,
    this_update: String,
    next_update: String,
    revoked: usize,
    #[serde(deserialize_with = "nullable")]
    out: Option<String>,
    format: String,
    #[serde(default)]
    pem: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Files {
    #[serde(deserialize_with = "nullable")]
    cert: Option<String>,
    #[serde(deserialize_with = "nullable")]
    key: Option<String>,
    #[serde(deserialize_with = "nullable")]
    chain: Option<String>,
    #[serde(deserialize_with = "nullable")]
    p12: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Issued {
    name: String,
    serial: String,
    cn: String,
    sans: Vec<String>,
    profile: String,
    key_type: String,
    not_before: String,
    not_after: String,
    fingerprint: String,
    issuer: String,
    key_kept: bool,
    from_csr: bool,
    files: Files,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListRow {
    name: String,
    serial: String,
    cn: String,
    sans: Vec<String>,
    profile: String,
    key_type: String,
    status: String,
    not_before: String,
    not_after: String,
    expires_in_seconds: i64,
    fingerprint: String,
    key_kept: bool,
    from_csr: bool,
    #[serde(default)]
    revoked_at: Option<String>,
    #[serde(default)]
    revocation_reason: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct List {
    at: String,
    #[serde(default)]
    expiring_within_seconds: Option<i64>,
    ok: bool,
    certs: Vec<ListRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Verdict {
    ok: bool,
    #[serde(default)]
    reason: Option<String>,
    message: String,
    at: String,
    #[serde(deserialize_with = "nullable")]
    serial: Option<String>,
    #[serde(deserialize_with = "nullable")]
    cn: Option<String>,
    #[serde(deserialize_with = "nullable")]
    name: Option<String>,
    #[serde(deserialize_with = "nullable")]
    not_after: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RevokedRow {
    name: String,
    serial: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Revoke {
    revoked: Vec<RevokedRow>,
    reason: String,
    crl_hint: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Export {
    name: String,
    serial: String,
    #[serde(deserialize_with = "nullable")]
    out: Option<String>,
    #[serde(deserialize_with = "nullable")]
    key_out: Option<String>,
    #[serde(deserialize_with = "nullable")]
    p12: Option<String>,
    p12_has_key: bool,
    #[serde(default)]
    pem: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Inspect {
    kind: String,
    verified: bool,
    subject: String,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    serial: Option<String>,
    #[serde(default)]
    not_before: Option<String>,
    #[serde(default)]
    not_after: Option<String>,
    key_type: String,
    sans: Vec<String>,
    is_ca: bool,
    #[serde(default)]
    pathlen: Option<u32>,
    key_usage: Vec<String>,
    extended_key_usage: Vec<String>,
    signature_algorithm: String,
    fingerprint: String,
    #[serde(default)]
    signature_valid: Option<bool>,
}

#[test]
fn ca_json() {
    let env = TestEnv::new();
    let r = env.run(&[
        "--json",
        "ca",
        "init",
        "--intermediate",
        "--permit-dns",
        "example.com",
    ]);
    r.ok();
    let c: CaReport = out(&r);
    assert!(c.root.cn.starts_with("vauth root CA "));
    assert_eq!(c.root.key_type, "EC P-256");
    assert_eq!(c.root.pathlen, 1);
    assert_eq!(c.root.permit_dns, ["example.com"]);
    assert!(c.root.permit_ip.is_empty());
    fp(&c.root.fingerprint);
    ts(&c.root.not_before);
    ts(&c.root.not_after);
    assert!(!c.root.serial.is_empty());
    let i = c.intermediate.unwrap();
    assert_eq!(i.pathlen, 0);
    assert_eq!(c.issuing, i.cn);
    assert_eq!(
        (c.crl_number, c.crl_next_update, c.certs_issued),
        (0, None, 0)
    );
    let show: CaReport = out(env.run(&["--json", "ca", "show"]).ok());
    assert_eq!(show.root.fingerprint, c.root.fingerprint);

    let e: CaExport = out(env.run(&["--json", "ca", "export"]).ok());
    assert_eq!((e.out, e.certificates), (None, 2));
    assert_eq!(e.pem.unwrap().matches("BEGIN CERTIFICATE").count(), 2);
    let p = env.path("b.pem");
    let e: CaExport = out(env
        .run(&[
            "--json",
            "ca",
            "export",
            "--root-only",
            "--out",
            p.to_str().unwrap(),
        ])
        .ok());
    assert_eq!((e.certificates, e.pem), (1, None));
    assert_eq!(e.out.as_deref(), Some(p.to_str().unwrap()));

    let c1: Crl = out(env.run(&["--json", "ca", "crl"]).ok());
    assert_eq!(
        (c1.number, c1.revoked, c1.format.as_str(), c1.out),
        (1, 0, "pem", None)
    );
    assert!(c1.pem.unwrap().contains("BEGIN X509 CRL"));
    ts(&c1.this_update);
    ts(&c1.next_update);
    let f = env.path("c.der");
    let c2: Crl = out(env
        .run(&["--json", "ca", "crl", "--der", "--out", f.to_str().unwrap()])
        .ok());
    assert_eq!((c2.number, c2.format.as_str(), c2.pem), (2, "der", None));
    env.run(&["--json", "ca", "crl", "--der"]).code(2);
    let show: CaReport = out(env.run(&["--json", "ca", "show"]).ok());
    assert_eq!(show.crl_number, 2);
    assert_eq!(
        show.crl_next_update.as_deref(),
        Some(c2.next_update.as_str())
    );
}

#[test]
fn cert_json() {
    let env = with_ca(&[]);
    let dir = env.dir.path().to_str().unwrap().to_string();
    let r = env.run(&[
        "--json",
        "cert",
        "issue",
        "app",
        "--out",
        &dir,
        "--san",
        "dns:app.example.com",
        "--keep-key",
    ]);
    r.ok();
    crate::util::ca::register_keys(&env, &[&env.path("app.key")]);
    let i: Issued = out(&r);
    assert_eq!(
        (
            i.name.as_str(),
            i.cn.as_str(),
            i.profile.as_str(),
            i.key_type.as_str()
        ),
        ("app", "app", "client", "EC P-256")
    );
    assert_eq!(i.sans, ["dns:app.example.com"]);
    assert!(i.key_kept && !i.from_csr);
    fp(&i.fingerprint);
    ts(&i.not_before);
    ts(&i.not_after);
    assert!(i.issuer.starts_with("vauth root CA"));
    assert!(i.files.cert.unwrap().ends_with("app.crt"));
    assert!(i.files.key.unwrap().ends_with("app.key"));
    assert!(i.files.chain.unwrap().ends_with("app.ca.crt"));
    assert!(i.files.p12.is_none());
    assert!(!r.stdout.contains("PRIVATE KEY"));

    issue(&env, "soon", &["--not-after", "2d"]);
    let l: List = out(env.run(&["--json", "cert", "list"]).ok());
    assert!(l.ok && l.expiring_within_seconds.is_none());
    ts(&l.at);
    assert_eq!(l.certs[0].name, "soon");
    let row = &l.certs[1];
    assert_eq!(
        (row.status.as_str(), row.serial.as_str()),
        ("active", i.serial.as_str())
    );
    assert!(row.expires_in_seconds > 29 * 86_400);
    assert!(row.revoked_at.is_none() && row.revocation_reason.is_none());
    let _ = (
        &row.cn,
        &row.sans,
        &row.profile,
        &row.key_type,
        &row.not_before,
        &row.not_after,
        &row.fingerprint,
        row.key_kept,
        row.from_csr,
    );
    let r = env.run(&["--json", "cert", "list", "--expiring-within", "7d"]);
    r.code(1);
    let l: List = out(&r);
    assert_eq!(
        (l.ok, l.expiring_within_seconds, l.certs.len()),
        (false, Some(7 * 86_400), 1)
    );

    let crt = env.path("app.crt");
    let v: Verdict = out(env
        .run(&["--json", "cert", "verify", crt.to_str().unwrap()])
        .ok());
    assert!(v.ok && v.reason.is_none());
    assert_eq!(
        (v.name.as_deref(), v.cn.as_deref(), v.serial.as_deref()),
        (Some("app"), Some("app"), Some(i.serial.as_str()))
    );
    ts(&v.at);
    assert!(!v.message.is_empty() && v.not_after.is_some());
    env.write("junk.pem", "junk");
    let r = env.run(&[
        "--json",
        "cert",
        "verify",
        env.path("junk.pem").to_str().unwrap(),
    ]);
    r.code(1);
    let v: Verdict = out(&r);
    assert_eq!(
        (
            v.ok,
            v.reason.as_deref(),
            v.serial,
            v.cn,
            v.name,
            v.not_after
        ),
        (false, Some("malformed"), None, None, None, None)
    );

    let e: Export = out(env
        .run(&["--json", "cert", "export", "app", "--chain"])
        .ok());
    assert_eq!(
        (
            e.name.as_str(),
            e.serial.as_str(),
            e.out,
            e.key_out,
            e.p12,
            e.p12_has_key
        ),
        ("app", i.serial.as_str(), None, None, None, false)
    );
    assert_eq!(e.pem.unwrap().matches("BEGIN CERTIFICATE").count(), 2);

    let ins: Inspect = out(env
        .run(&["--json", "cert", "inspect", crt.to_str().unwrap()])
        .ok());
    assert_eq!(
        (ins.kind.as_str(), ins.verified, ins.is_ca),
        ("certificate", false, false)
    );
    assert_eq!(ins.serial.as_deref(), Some(i.serial.as_str()));
    assert_eq!(ins.extended_key_usage, ["clientAuth"]);
    assert!(
        ins.key_usage.iter().any(|k| k.contains("igital")),
        "{:?}",
        ins.key_usage
    );
    assert_eq!(ins.signature_algorithm, "ecdsa-with-SHA256");
    assert_eq!(ins.fingerprint, i.fingerprint);
    assert!(
        ins.subject.contains("app")
            && ins.issuer.is_some()
            && ins.not_before.is_some()
            && ins.not_after.is_some()
    );
    assert!(
        ins.pathlen.is_none()
            && ins.signature_valid.is_none()
            && ins.key_type == "EC P-256"
            && !ins.sans.is_empty()
    );

    let rv: Revoke = out(env
        .run(&[
            "--json",
            "--yes",
            "cert",
            "revoke",
            "app",
            "--reason",
            "superseded",
        ])
        .ok());
    assert_eq!(rv.revoked.len(), 1);
    assert_eq!(
        (
            rv.revoked[0].name.as_str(),
            rv.revoked[0].serial.as_str(),
            rv.reason.as_str()
        ),
        ("app", i.serial.as_str(), "superseded")
    );
    assert!(rv.crl_hint.contains("ca crl"));
    let again: Revoke = out(env.run(&["--json", "--yes", "cert", "revoke", "app"]).ok());
    assert!(again.revoked.is_empty());
    let l: List = out(env.run(&["--json", "cert", "list"]).ok());
    let row = l.certs.iter().find(|c| c.name == "app").unwrap();
    assert_eq!(
        (row.status.as_str(), row.revocation_reason.as_deref()),
        ("revoked", Some("superseded"))
    );
    ts(row.revoked_at.as_deref().unwrap());

    // Errors are the shared error object.
    let r = env.run(&["--json", "cert", "issue", "bad", "--san", "dns:-x"]);
    r.code(2);
    assert_eq!(r.json_err()["error"]["kind"], "usage");
    let r = env.run(&["--json", "cert", "renew", "ghost"]);
    r.code(3);
    assert_eq!(r.json_err()["error"]["kind"], "not_found");
}

#[test]
fn docs_json_md_names_every_pki_field() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md")).unwrap();
    for section in [
        "`ca init`, `ca show`",
        "`ca export`",
        "`ca crl`",
        "`cert issue`, `cert renew`",
        "`cert list`",
        "`cert verify`",
        "`cert revoke`",
        "`cert export`",
        "`cert inspect`",
    ] {
        assert!(
            doc.contains(&format!("### {section}")),
            "docs/json.md lacks a section for {section}"
        );
    }
    for n in [
        "root",
        "intermediate",
        "issuing",
        "crl_number",
        "crl_next_update",
        "certs_issued",
        "permit_dns",
        "permit_ip",
        "pathlen",
        "certificates",
        "pem",
        "number",
        "this_update",
        "next_update",
        "format",
        "serial",
        "cn",
        "sans",
        "profile",
        "key_type",
        "not_before",
        "not_after",
        "issuer",
        "key_kept",
        "from_csr",
        "files",
        "files.cert",
        "files.key",
        "files.chain",
        "files.p12",
        "expiring_within_seconds",
        "certs[].status",
        "certs[].expires_in_seconds",
        "certs[].revoked_at",
        "certs[].revocation_reason",
        "certs[].fingerprint",
        "certs[].key_kept",
        "certs[].from_csr",
        "revoked[].name",
        "revoked[].serial",
        "crl_hint",
        "key_out",
        "p12_has_key",
        "kind",
        "verified",
        "subject",
        "is_ca",
        "key_usage",
        "extended_key_usage",
        "signature_algorithm",
        "signature_valid",
        "malformed",
        "unknown_issuer",
        "bad_signature",
        "not_a_leaf",
        "not_yet_valid",
        "expired",
        "ca_expired",
        "revoked",
    ] {
        assert!(
            doc.contains(&format!("`{n}`")),
            "docs/json.md does not name `{n}`"
        );
    }
    for v in [
        "client",
        "server",
        "not_yet_valid",
        "EC P-256",
        "OKP Ed25519",
        "RSA 2048",
        "pem",
        "der",
        "certificate",
        "csr",
    ] {
        assert!(
            doc.contains(&format!("`\"{v}\"`")),
            "docs/json.md lacks the value \"{v}\""
        );
    }
}
