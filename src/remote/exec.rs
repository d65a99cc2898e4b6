//! Running network code: the current-thread runtime and the per-call timeout.

use super::NET_TIMEOUT;
use crate::error::{Error, ErrorKind, Result};

/// A current-thread tokio runtime for one network command.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    crate::jwt::install_crypto_provider();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::bug(format!("cannot start the async runtime: {e}")))
}

/// Run `fut` with the network timeout; a timeout is a remote error.
pub async fn timed<T>(
    target: &str,
    what: &str,
    fut: impl std::future::Future<Output = Result<T>>,
) -> Result<T> {
    match tokio::time::timeout(NET_TIMEOUT, fut).await {
        Ok(r) => r,
        Err(_) => Err(Error::new(
            ErrorKind::Remote,
            format!(
                "target {target}: {what}: no answer within {} s",
                NET_TIMEOUT.as_secs()
            ),
        )
        .hint("check that the server runs and the URL's host and port are right")),
    }
}
