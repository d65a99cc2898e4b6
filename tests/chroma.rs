//! A real Chroma server (its Python app, which checks tokens) with the credentials file vauth
//! keeps: what users of a Chroma target meet. The wiremock contract tests (http_chroma.rs) keep
//! the error bodies.

use crate::util::chroma::{ChromaServer, Transport};

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
