//! A real Chroma server as a test server: Chroma's Python FastAPI app (`python -m uvicorn
//! chromadb.app:app`) with token authentication reading the credentials file vauth keeps, on a
//! free loopback port, persistent in a temp dir. (`chroma run`, the Rust frontend in the same
//! package, ignores authentication and would prove nothing.) The Python comes from
//! `VAUTH_TEST_CHROMA_PYTHON` (a venv with `chromadb==1.5.9`; .ci/run makes it). Killed on drop.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use super::{TestEnv, free_port, skip, wait_until};

/// How a token travels: Chroma's default `Authorization: Bearer <token>`, or `X-Chroma-Token`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// `Authorization: Bearer <token>` (Chroma's default).
    Bearer,
    /// `X-Chroma-Token: <token>`.
    XChromaToken,
}

impl Transport {
    /// The value of `CHROMA_AUTH_TOKEN_TRANSPORT_HEADER` (and of the client setting).
    pub fn header(self) -> &'static str {
        match self {
            Transport::Bearer => "Authorization",
            Transport::XChromaToken => "X-Chroma-Token",
        }
    }

    /// vauth's `--auth-header` value for this transport.
    pub fn option(self) -> &'static str {
        match self {
            Transport::Bearer => "authorization",
            Transport::XChromaToken => "x-chroma-token",
        }
    }

    /// The other transport.
    pub fn other(self) -> Transport {
        match self {
            Transport::Bearer => Transport::XChromaToken,
            Transport::XChromaToken => Transport::Bearer,
        }
    }

    fn line(self, token: &str) -> String {
        match self {
            Transport::Bearer => format!("Authorization: Bearer {token}"),
            Transport::XChromaToken => format!("X-Chroma-Token: {token}"),
        }
    }
}

/// An authenticated read every token may do.
pub const PROBE_PATH: &str =
    "/api/v2/tenants/default_tenant/databases/default_database/collections";

/// A running Chroma server.
pub struct ChromaServer {
    child: Option<Child>,
    python: PathBuf,
    dir: tempfile::TempDir,
    /// The loopback port.
    pub port: u16,
    /// The credentials file it reads at start-up.
    pub file: PathBuf,
    /// The token transport it was started with.
    pub transport: Transport,
    /// Whether the simple RBAC authorization provider reads the same file.
    pub rbac: bool,
}

impl Drop for ChromaServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The Python of a venv with chromadb, or None after a loud skip.
pub fn chroma_python() -> Option<PathBuf> {
    match std::env::var_os("VAUTH_TEST_CHROMA_PYTHON") {
        Some(p) if Path::new(&p).exists() => Some(PathBuf::from(p)),
        _ => {
            skip(
                "VAUTH_TEST_CHROMA_PYTHON is not set to a Python with chromadb==1.5.9 \
                 (.ci/run makes ~/.cache/vauth-ci/chroma-venv)",
            );
            None
        }
    }
}

impl ChromaServer {
    /// Start Chroma on `file` (which must exist: Chroma reads it at start-up) with `transport`;
    /// None (after a loud skip) when no Chroma Python is configured.
    pub fn start(file: &Path, transport: Transport) -> Option<ChromaServer> {
        Self::start_with(file, transport, false)
    }

    /// [`ChromaServer::start`], and with `rbac` the simple RBAC authorization provider reading
    /// its roles from the same file (`role:` per user, `roles_mapping:`).
    pub fn start_with(file: &Path, transport: Transport, rbac: bool) -> Option<ChromaServer> {
        let python = chroma_python()?;
        let mut s = ChromaServer {
            child: None,
            python,
            dir: tempfile::tempdir().unwrap(),
            port: free_port(),
            file: file.to_path_buf(),
            transport,
            rbac,
        };
        s.spawn();
        Some(s)
    }

    fn spawn(&mut self) {
        let log = std::fs::File::create(self.dir.path().join("chroma.log")).unwrap();
        let mut cmd = Command::new(&self.python);
        if self.rbac {
            cmd.env(
                "CHROMA_SERVER_AUTHZ_PROVIDER",
                "chromadb.auth.simple_rbac_authz.SimpleRBACAuthorizationProvider",
            )
            .env("CHROMA_SERVER_AUTHZ_CONFIG_FILE", &self.file);
        }
        let child = cmd
            .args(["-m", "uvicorn", "chromadb.app:app", "--host", "127.0.0.1"])
            .args(["--port", &self.port.to_string(), "--log-level", "warning"])
            .env(
                "CHROMA_SERVER_AUTHN_PROVIDER",
                "chromadb.auth.token_authn.TokenAuthenticationServerProvider",
            )
            .env("CHROMA_SERVER_AUTHN_CREDENTIALS_FILE", &self.file)
            .env(
                "CHROMA_AUTH_TOKEN_TRANSPORT_HEADER",
                self.transport.header(),
            )
            .env("IS_PERSISTENT", "TRUE")
            .env("PERSIST_DIRECTORY", self.dir.path().join("data"))
            .env("ANONYMIZED_TELEMETRY", "False")
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start Chroma (python -m uvicorn chromadb.app:app)");
        self.child = Some(child);
        let port = self.port;
        let log = self.dir.path().join("chroma.log");
        wait_until("Chroma to answer /api/v2/heartbeat", 90, || {
            if let Some(c) = self.child.as_mut()
                && let Ok(Some(st)) = c.try_wait()
            {
                panic!(
                    "Chroma exited ({st}) at start-up:\n{}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
            }
            get(port, "/api/v2/heartbeat", None).is_some_and(|(code, _)| code == 200)
        });
    }

    fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Stop and start it again on the same port and data (it re-reads the credentials file).
    pub fn restart(&mut self) {
        self.stop();
        self.spawn();
    }

    /// The URL a target points at.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The status of an authenticated read with `token` sent the way `transport` says (which may
    /// differ from the server's, to show that the other header is refused).
    pub fn status_with(&self, transport: Transport, token: &str) -> u16 {
        get(self.port, PROBE_PATH, Some(&transport.line(token)))
            .map(|(c, _)| c)
            .expect("Chroma answers")
    }

    /// The status of an authenticated read with `token` in the server's own transport.
    pub fn status(&self, token: &str) -> u16 {
        self.status_with(self.transport, token)
    }

    /// The status of creating collection `name` with `token` (RBAC action
    /// `db:create_collection`).
    pub fn create_collection_status(&self, token: &str, name: &str) -> u16 {
        let body = serde_json::json!({ "name": name }).to_string();
        request(
            self.port,
            "POST",
            PROBE_PATH,
            Some(&self.transport.line(token)),
            Some(&body),
        )
        .map(|(c, _)| c)
        .expect("Chroma answers")
    }

    /// Whether the official Python client (`chromadb.HttpClient` with the token provider) lists
    /// the collections with `token` (the token travels in the child's stdin, not argv).
    pub fn client_accepts(&self, token: &str) -> bool {
        let script = r#"
import sys, chromadb
from chromadb.config import Settings
host, port, header = sys.argv[1], int(sys.argv[2]), sys.argv[3]
token = sys.stdin.read().strip()
try:
    c = chromadb.HttpClient(host=host, port=port, settings=Settings(
        chroma_client_auth_provider="chromadb.auth.token_authn.TokenAuthClientProvider",
        chroma_client_auth_credentials=token,
        chroma_auth_token_transport_header=header,
        anonymized_telemetry=False))
    c.list_collections()
except Exception as e:
    print(type(e).__name__, e, file=sys.stderr)
    sys.exit(3)
"#;
        let mut child = Command::new(&self.python)
            .args(["-c", script, "127.0.0.1", &self.port.to_string()])
            .arg(self.transport.header())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(token.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        match out.status.code() {
            Some(0) => true,
            Some(3) => false,
            _ => panic!(
                "the chromadb client failed to run: {}",
                String::from_utf8_lossy(&out.stderr)
            ),
        }
    }
}

/// A plain HTTP/1.1 GET on loopback: (status, body), or None when nothing answers.
fn get(port: u16, path: &str, header: Option<&str>) -> Option<(u16, String)> {
    request(port, "GET", path, header, None)
}

/// A plain HTTP/1.1 request on loopback, with an optional JSON body.
fn request(
    port: u16,
    method: &str,
    path: &str,
    header: Option<&str>,
    json: Option<&str>,
) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    let mut extra = header.map(|h| format!("{h}\r\n")).unwrap_or_default();
    if let Some(b) = json {
        extra.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            b.len()
        ));
    }
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}Connection: close\r\n\r\n{}",
        json.unwrap_or("")
    );
    s.write_all(req.as_bytes()).ok()?;
    let mut buf = String::new();
    s.read_to_string(&mut buf).ok()?;
    let code = buf.split(' ').nth(1)?.parse().ok()?;
    let body = buf.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
    Some((code, body))
}

/// `vauth target add NAME --kind chroma` against `url`, the admin token from `CHROMA_ADMIN`, the
/// server's credentials file at `creds`, and `extra` flags.
pub fn add_chroma_target(env: &TestEnv, name: &str, url: &str, creds: &Path, extra: &[&str]) {
    let mut a = vec![
        "target",
        "add",
        name,
        "--kind",
        "chroma",
        "--url",
        url,
        "--admin-key-env",
        "CHROMA_ADMIN",
        "--credentials-file",
        creds.to_str().unwrap(),
    ];
    a.extend_from_slice(extra);
    env.run(&a).ok();
}
