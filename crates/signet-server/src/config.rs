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
    pub time_zone: crate::present::time_zone::TimeZone,
    /// Largest body of a signature-validation request (`/v3/validate`
    /// carries the document in base64).
    pub validate_max_body_bytes: usize,
    /// Bearer tokens accepted by the APIs that take them.
    pub api_keys: Vec<String>,
    /// How long a login key (authenticate-by-cert) may be approved.
    pub auth_key_ttl: Duration,
    /// A session lapses when unused this long.
    pub session_idle: Duration,
    /// A session lapses this long after login, used or not.
    pub session_lifetime: Duration,
    /// Login attempts per client address per minute (0 = unlimited).
    pub auth_rate_per_client: u32,
    /// Login attempts per certificate per minute (0 = unlimited).
    pub auth_rate_per_certificate: u32,
    /// Extended key usages that admit a login besides clientAuth,
    /// emailProtection and anyExtendedKeyUsage (`kontur_auth::login_policy`).
    pub login_eku: Vec<const_oid::ObjectIdentifier>,
    /// Path prefix of the Reestro routes, e.g. `/realty/crypto/v2`.
    pub reestro_prefix: String,
    /// Largest content a Reestro upload may store, in bytes.
    pub content_max_bytes: u64,
    /// A Reestro upload in parts (`PUT /contents/{id}` with
    /// `Content-Range`) is dropped, with its staged bytes, when no part has
    /// arrived for this long. Checked whenever a part arrives.
    pub pending_upload_idle: Duration,
    /// Lapsed sessions and login challenges are deleted from the store
    /// this often while the server runs (`sweeper.rs`).
    pub expired_sweep_interval: Duration,
    /// Proxies whose `X-Forwarded-For` names the client (for the
    /// per-client budgets); from any other peer the header is ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Cipher BIS tickets lapse after this long unused.
    pub ticket_idle: Duration,
    /// At most this many tickets open at once.
    pub max_tickets: usize,
    /// At most this many tickets open at once per client address (0 =
    /// unlimited); beyond it, 429.
    pub max_tickets_per_client: usize,
    /// Tickets a client address may open a second, after a burst of
    /// `ticket_burst_per_client` (0 = unlimited); beyond it, 429.
    pub ticket_rate_per_client: u32,
    /// See `ticket_rate_per_client`.
    pub ticket_burst_per_client: u32,
    /// Largest ticket request body (data, signature, container).
    pub ticket_max_body_bytes: usize,
    /// At most this many requests are handled at once; beyond it a request
    /// is answered 503 at once (`Retry-After: 1`) instead of waiting, so
    /// that overload costs neither memory nor latency. `/healthz` is not
    /// counted. A request holds its place until its answer's head is ready
    /// (uploads are read inside that time; a download's body is not).
    pub max_in_flight: usize,
    /// A client has this long to send a request's head: from the accept
    /// (TLS handshake included) for a connection's first request, from the
    /// first byte of each later one. Past it the connection is closed, so
    /// a client that sends nothing, or dribbles a head a byte at a time,
    /// holds no connection for longer (`serve/clock.rs`).
    pub header_timeout: Duration,
    /// A kept-alive connection with no request in progress is closed after
    /// this long without a byte from its client.
    pub keep_alive_idle: Duration,
    /// At most this many connections open at once from one client address
    /// (an IPv6 client: its /64); a further one is closed as it is
    /// accepted. The socket peer counts, so the `trusted_proxies` are not
    /// limited (`serve/per_client.rs`).
    pub max_connections_per_client: usize,
}

impl ServerConfig {
    /// Defaults for a listen address: 2 MiB bodies (64 MiB for
    /// `/v3/validate`), 60 s timeout, the system time zone, no API keys;
    /// login keys valid 5 minutes, sessions idle 30 minutes and at most 12
    /// hours, lapsed ones (and login keys) deleted every 5 minutes; 60
    /// login attempts a minute per client, 10 per certificate;
    /// Reestro at the root, contents up to 4 GiB, uploads in parts dropped
    /// after 24 hours without a part; Cipher BIS tickets idle 15
    /// minutes, at most 10 000, 64 per client, opened at 10 a second per
    /// client after a burst of 20, bodies up to 64 MiB; at most 1024 requests
    /// in flight; request heads within 10 s, kept-alive connections idle
    /// at most 60 s, at most 256 connections per client address.
    pub fn new(listen: SocketAddr) -> Self {
        ServerConfig {
            listen,
            public_url: format!("http://{listen}"),
            max_body_bytes: 2 * 1024 * 1024,
            request_timeout: Duration::from_secs(60),
            time_zone: crate::present::time_zone::TimeZone::system(),
            validate_max_body_bytes: 64 * 1024 * 1024,
            api_keys: Vec::new(),
            auth_key_ttl: Duration::from_secs(300),
            session_idle: Duration::from_secs(30 * 60),
            session_lifetime: Duration::from_secs(12 * 60 * 60),
            auth_rate_per_client: 60,
            auth_rate_per_certificate: 10,
            login_eku: Vec::new(),
            reestro_prefix: String::new(),
            content_max_bytes: 4 << 30,
            pending_upload_idle: Duration::from_secs(24 * 60 * 60),
            expired_sweep_interval: Duration::from_secs(5 * 60),
            trusted_proxies: Vec::new(),
            ticket_idle: Duration::from_secs(15 * 60),
            max_tickets: 10_000,
            max_tickets_per_client: 64,
            ticket_rate_per_client: 10,
            ticket_burst_per_client: 20,
            ticket_max_body_bytes: 64 * 1024 * 1024,
            max_in_flight: 1024,
            header_timeout: Duration::from_secs(10),
            keep_alive_idle: Duration::from_secs(60),
            max_connections_per_client: 256,
        }
    }
}
