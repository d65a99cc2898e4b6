//! A real TLS handshake over loopback TCP: a rustls server (aws-lc-rs) that requires client
//! certificates from the vauth CA and loads its CRL accepts a fresh vauth client certificate and
//! refuses a revoked one, an expired one and one from a foreign CA.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, CertificateRevocationListDer, PrivateKeyDer, ServerName};

use crate::util::ca::{export_bundle, issue, with_ca};
use crate::util::*;

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

fn certs(p: &Path) -> Vec<CertificateDer<'static>> {
    CertificateDer::pem_file_iter(p)
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn key(p: &Path) -> PrivateKeyDer<'static> {
    PrivateKeyDer::from_pem_file(p).unwrap()
}

fn roots(ca: &Path) -> Arc<rustls::RootCertStore> {
    let mut r = rustls::RootCertStore::empty();
    for c in certs(ca) {
        r.add(c).unwrap();
    }
    Arc::new(r)
}

/// The server's verdict on one client: Ok, or the server-side error text.
fn handshake(
    server: Arc<rustls::ServerConfig>,
    client: Arc<rustls::ClientConfig>,
) -> Result<(), String> {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let srv = std::thread::spawn(move || -> Result<(), String> {
        let (mut sock, _) = listener.accept().map_err(|e| e.to_string())?;
        sock.set_read_timeout(Some(Duration::from_secs(10))).ok();
        let mut conn = rustls::ServerConnection::new(server).map_err(|e| e.to_string())?;
        while conn.is_handshaking() {
            if let Err(e) = conn.complete_io(&mut sock) {
                let _ = conn.write_tls(&mut sock);
                return Err(e.to_string());
            }
        }
        conn.writer().write_all(b"ok").map_err(|e| e.to_string())?;
        conn.complete_io(&mut sock).map_err(|e| e.to_string())?;
        Ok(())
    });
    let sock = TcpStream::connect(addr).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(10))).ok();
    let conn =
        rustls::ClientConnection::new(client, ServerName::try_from("localhost").unwrap()).unwrap();
    let mut tls = rustls::StreamOwned::new(conn, sock);
    let mut buf = [0u8; 2];
    let client_read = tls.read_exact(&mut buf);
    let verdict = srv.join().unwrap();
    if verdict.is_ok() {
        assert!(
            client_read.is_ok(),
            "server accepted but the client read failed: {client_read:?}"
        );
        assert_eq!(&buf, b"ok");
    }
    verdict
}

fn client_config(ca: &Path, crt: &Path, k: &Path) -> Arc<rustls::ClientConfig> {
    Arc::new(
        rustls::ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots(ca))
            .with_client_auth_cert(certs(crt), key(k))
            .unwrap(),
    )
}

#[test]
fn rustls_server_accepts_fresh_and_refuses_revoked_expired_and_foreign() {
    let env = with_ca(&[]);
    let ca = export_bundle(&env, "ca.pem", false);
    let (srv_crt, srv_key) = issue(
        &env,
        "server",
        &["--profile", "server", "--san", "dns:localhost"],
    );
    let (good_crt, good_key) = issue(&env, "good", &[]);
    let (rev_crt, rev_key) = issue(&env, "revoked", &[]);
    env.run(&[
        "cert",
        "revoke",
        "revoked",
        "--reason",
        "keyCompromise",
        "--yes",
    ])
    .ok();
    let crl = env.path("ca.crl");
    env.run(&["ca", "crl", "--out", crl.to_str().unwrap()]).ok();

    let crls: Vec<CertificateRevocationListDer<'static>> =
        CertificateRevocationListDer::pem_file_iter(&crl)
            .unwrap()
            .map(Result::unwrap)
            .collect();
    assert_eq!(crls.len(), 1);
    let verifier =
        rustls::server::WebPkiClientVerifier::builder_with_provider(roots(&ca), provider())
            .with_crls(crls)
            .build()
            .unwrap();
    let server = Arc::new(
        rustls::ServerConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_client_cert_verifier(verifier)
            .with_single_cert(certs(&srv_crt), key(&srv_key))
            .unwrap(),
    );

    // Fresh client certificate: accepted.
    handshake(server.clone(), client_config(&ca, &good_crt, &good_key)).unwrap();

    // Revoked: refused by the CRL.
    let e = handshake(server.clone(), client_config(&ca, &rev_crt, &rev_key)).unwrap_err();
    assert!(e.to_lowercase().contains("revoked"), "{e}");

    // From a foreign CA: refused.
    let other = with_ca(&[]);
    let (f_crt, f_key) = issue(&other, "good", &[]);
    let e = handshake(server.clone(), client_config(&ca, &f_crt, &f_key)).unwrap_err();
    assert!(
        e.contains("UnknownIssuer") || e.to_lowercase().contains("unknown"),
        "{e}"
    );

    // A server certificate presented as a client one: refused (EKU).
    let e = handshake(server.clone(), client_config(&ca, &srv_crt, &srv_key)).unwrap_err();
    assert!(!e.is_empty());

    expired(&env, &ca, server);
}

#[cfg(feature = "test-hooks")]
fn expired(env: &TestEnv, ca: &Path, server: Arc<rustls::ServerConfig>) {
    // Issued 40 days "ago" for 30 days: its window ended 10 days ago. A real certificate, signed
    // by the real CA; only vauth's clock was moved (test-hooks feature).
    let past = time::OffsetDateTime::now_utc() - time::Duration::days(40);
    let past = past
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let dir = env.dir.path().to_str().unwrap().to_string();
    env.run_with(
        &["cert", "issue", "old", "--out", &dir, "--not-after", "30d"],
        None,
        &[("VAUTH_TEST_NOW", &past)],
    )
    .ok();
    crate::util::ca::register_keys(env, &[&env.path("old.key")]);
    let crt = env.path("old.crt");
    let r = env.run(&["--json", "cert", "verify", crt.to_str().unwrap()]);
    r.code(1);
    assert_eq!(r.json()["reason"], "expired");
    let e = handshake(server, client_config(ca, &crt, &env.path("old.key"))).unwrap_err();
    assert!(e.to_lowercase().contains("expired"), "{e}");
}

#[cfg(not(feature = "test-hooks"))]
fn expired(_env: &TestEnv, _ca: &Path, _server: Arc<rustls::ServerConfig>) {
    eprintln!("pki_tls: the expired-certificate handshake needs --features test-hooks; skipped");
}
