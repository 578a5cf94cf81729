//! What the server needs to know to run. The binary fills it from flags,
//! the environment and an optional TOML file; tests build it directly.

use std::net::SocketAddr;
use std::time::Duration;

/// Server settings.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// The URL clients reach this service at (for links in answers), e.g.
    /// `https://sign.example.com`. Defaults to `http://<listen>`.
    pub public_url: String,
    /// Largest request body accepted, in bytes, on every route that does
    /// not stream (uploads have their own limit).
    pub max_body_bytes: usize,
    /// Longest time a request may take before the server answers 408.
    pub request_timeout: Duration,
    /// Time zone for dates rendered as local time (Cipher BIS answers).
    pub time_zone: jiff::tz::TimeZone,
}

impl ServerConfig {
    /// Defaults for a listen address: 2 MiB bodies, 60 s timeout, the
    /// system time zone.
    pub fn new(listen: SocketAddr) -> Self {
        ServerConfig {
            listen,
            public_url: format!("http://{listen}"),
            max_body_bytes: 2 * 1024 * 1024,
            request_timeout: Duration::from_secs(60),
            time_zone: jiff::tz::TimeZone::system(),
        }
    }
}
