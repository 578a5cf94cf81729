//! [`HttpFetcher`]: the [`Fetcher`] over HTTP(S) on `ureq` (Cargo feature
//! `http`, on by default). Every request:
//!
//! - has one deadline covering connect, request and the whole answer, so a
//!   silent server costs at most the timeout;
//! - reads at most `max_len + 1` bytes of the answer and refuses a larger
//!   one;
//! - goes over a fresh connection, closed after the answer (`Connection:
//!   close`, no pooling): `openssl ocsp` serves one connection at a time
//!   and stalls on an idle kept-alive one;
//! - follows at most [`MAX_REDIRECTS`] redirects.
//!
//! HTTPS is verified with rustls on aws-lc-rs against the Mozilla roots.

use std::io::Read as _;
use std::sync::Arc;
use std::time::Duration;

use super::{FetchError, Fetcher, MAX_REDIRECTS, is_fetchable};

/// A blocking HTTP client on `ureq`; call it from a blocking context (the
/// server runs validation in `spawn_blocking`).
#[derive(Clone)]
pub struct HttpFetcher {
    timeout: Duration,
    tls: ureq::tls::TlsConfig,
}

impl std::fmt::Debug for HttpFetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpFetcher")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl HttpFetcher {
    /// A client whose every request ends within `timeout` (connect, send and
    /// the whole answer).
    pub fn new(timeout: Duration) -> Self {
        let tls = ureq::tls::TlsConfig::builder()
            .unversioned_rustls_crypto_provider(Arc::new(
                rustls::crypto::aws_lc_rs::default_provider(),
            ))
            .build();
        HttpFetcher { timeout, tls }
    }

    /// The per-request timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// One agent per request: no connection pool, so nothing is kept alive.
    fn agent(&self) -> ureq::Agent {
        ureq::Agent::config_builder()
            .timeout_global(Some(self.timeout))
            .max_redirects(MAX_REDIRECTS)
            .tls_config(self.tls.clone())
            .max_idle_connections(0)
            .max_idle_connections_per_host(0)
            .http_status_as_error(false)
            .user_agent("signet")
            .build()
            .into()
    }

    fn finish(
        &self,
        result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
        max_len: usize,
    ) -> Result<Vec<u8>, FetchError> {
        let response = result.map_err(|e| self.map_error(e, max_len))?;
        let status = response.status().as_u16();
        if status != 200 {
            return Err(FetchError::Status(status));
        }
        let limit = u64::try_from(max_len).unwrap_or(u64::MAX).saturating_add(1);
        let mut reader = response
            .into_body()
            .into_with_config()
            .limit(u64::MAX)
            .reader()
            .take(limit);
        let mut out = Vec::new();
        reader
            .read_to_end(&mut out)
            .map_err(|e| self.map_error(ureq::Error::from(e), max_len))?;
        if out.len() > max_len {
            return Err(FetchError::TooLarge { limit: max_len });
        }
        Ok(out)
    }

    fn map_error(&self, e: ureq::Error, max_len: usize) -> FetchError {
        use std::io::ErrorKind;
        match e {
            ureq::Error::Timeout(_) => FetchError::Timeout(self.timeout),
            ureq::Error::Io(io) => match io.kind() {
                ErrorKind::TimedOut | ErrorKind::WouldBlock => FetchError::Timeout(self.timeout),
                ErrorKind::ConnectionRefused => FetchError::Connect("connection refused".into()),
                ErrorKind::UnexpectedEof
                | ErrorKind::ConnectionReset
                | ErrorKind::ConnectionAborted => {
                    FetchError::Transport(format!("the server closed the connection ({io})"))
                }
                _ => FetchError::Transport(io.to_string()),
            },
            ureq::Error::HostNotFound => FetchError::Connect("host not found".into()),
            ureq::Error::ConnectionFailed => FetchError::Connect("connection failed".into()),
            ureq::Error::TooManyRedirects => FetchError::TooManyRedirects,
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge { limit: max_len },
            ureq::Error::BadUri(u) => FetchError::BadUrl(u),
            ureq::Error::StatusCode(s) => FetchError::Status(s),
            other => FetchError::Transport(other.to_string()),
        }
    }
}

impl Fetcher for HttpFetcher {
    fn get(&self, url: &str, max_len: usize) -> Result<Vec<u8>, FetchError> {
        if !is_fetchable(url) {
            return Err(FetchError::UnsupportedScheme);
        }
        let result = self.agent().get(url).header("Connection", "close").call();
        self.finish(result, max_len)
    }

    fn post(
        &self,
        url: &str,
        content_type: &str,
        body: &[u8],
        max_len: usize,
    ) -> Result<Vec<u8>, FetchError> {
        if !is_fetchable(url) {
            return Err(FetchError::UnsupportedScheme);
        }
        let result = self
            .agent()
            .post(url)
            .header("Content-Type", content_type)
            .header("Connection", "close")
            .send(body);
        self.finish(result, max_len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_are_fetched() {
        let f = HttpFetcher::new(Duration::from_secs(1));
        assert_eq!(f.get("ldap://x", 10), Err(FetchError::UnsupportedScheme));
        assert_eq!(
            f.post("file:///etc/passwd", "text/plain", b"", 10),
            Err(FetchError::UnsupportedScheme)
        );
    }
}
