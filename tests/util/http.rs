//! A local fake HTTP server (wiremock) for the `*_http_contract` tests: the vector databases that
//! cannot run here (Qdrant, Weaviate, Milvus, Pinecone, Elasticsearch, OpenSearch, Chroma) are
//! checked against the exact requests their documented admin APIs take (../shared/reference/
//! vector-db-admin-apis.md) and the exact answers, including every documented error body.
//!
//! The server runs on its own multi-thread tokio runtime so that the test thread can run the
//! vauth binary synchronously meanwhile.

use wiremock::{Mock, MockServer, Request};

/// A running fake server.
pub struct Fake {
    pub rt: tokio::runtime::Runtime,
    pub server: MockServer,
}

impl Fake {
    pub fn start() -> Fake {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let server = rt.block_on(MockServer::start());
        Fake { rt, server }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.server.uri()
    }

    /// Mount a mock.
    pub fn mount(&self, m: Mock) {
        self.rt.block_on(m.mount(&self.server));
    }

    /// Forget every mock and recorded request.
    pub fn reset(&self) {
        self.rt.block_on(self.server.reset());
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<Request> {
        self.rt
            .block_on(self.server.received_requests())
            .unwrap_or_default()
    }

    /// The requests with method `m` and path `p`.
    pub fn requests_to(&self, m: &str, p: &str) -> Vec<Request> {
        self.requests()
            .into_iter()
            .filter(|r| r.method.as_str() == m && r.url.path() == p)
            .collect()
    }
}

/// A request's header value (empty when absent).
pub fn header(r: &Request, name: &str) -> String {
    r.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// A request's body as JSON.
pub fn body_json(r: &Request) -> serde_json::Value {
    serde_json::from_slice(&r.body).unwrap_or_else(|e| {
        panic!(
            "body is not JSON ({e}): {:?}",
            String::from_utf8_lossy(&r.body)
        )
    })
}

/// `(METHOD, PATH)` of every request, for asserting the call sequence.
pub fn calls(reqs: &[Request]) -> Vec<(String, String)> {
    reqs.iter()
        .map(|r| (r.method.to_string(), r.url.path().to_string()))
        .collect()
}
