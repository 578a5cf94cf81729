//! Settings shared by `serve` and the admin commands, from flags, the
//! environment (`SIGNET_<FLAG>`) and an optional TOML file, in that order
//! of precedence: a flag beats its environment variable, which beats the
//! file, which beats the built-in default.
//!
//! The TOML file uses the flags' names:
//!
//! ```toml
//! listen = "0.0.0.0:8080"
//! data-dir = "/var/lib/signet"
//! database-url = "postgres://signet@db/signet"
//! db-max-connections = 16
//! db-acquire-timeout-secs = 5
//! trust-dir = "/etc/signet/trust"
//! public-url = "https://sign.example.com"
//! max-body-bytes = 2097152
//! request-timeout-secs = 60
//! time-zone = "Europe/Kyiv"
//! log-format = "json"
//! api-key = ["a-long-random-token"]
//! reestro-prefix = "/realty/crypto/v2"
//! content-max-bytes = 4294967296
//! revocation = "require"
//! max-in-flight = 1024
//! expired-sweep-secs = 300
//! header-timeout-secs = 10
//! keep-alive-idle-secs = 60
//! max-connections-per-client = 256
//! fetch-deny = ["10.0.0.0/8"]
//! fetch-allow = ["10.1.2.3"]
//! login-eku = ["1.2.643.2.2.34.6"]
//! ```

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, ValueEnum};
use serde::Deserialize;
use signet_pki::{Engine, RevocationMode};
use signet_pki::{FetchConfig, FetchPolicy};
use signet_server::ServerConfig;

/// Where signet keeps its data.
#[derive(Args, Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StoreArgs {
    /// Data directory: the SQLite database and the default trust store.
    #[arg(long, env = "SIGNET_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Database: `sqlite:PATH` (default: signet.db in the data directory)
    /// or `postgres://user@host/db` to share state between instances.
    #[arg(long, env = "SIGNET_DATABASE_URL")]
    pub database_url: Option<String>,
    /// Trust store directory (default: trust/ in the data directory).
    #[arg(long, env = "SIGNET_TRUST_DIR")]
    pub trust_dir: Option<PathBuf>,
    /// Most database connections (default 8 on SQLite, 16 on PostgreSQL).
    #[arg(long, env = "SIGNET_DB_MAX_CONNECTIONS")]
    pub db_max_connections: Option<u32>,
    /// How long a request waits for a database connection (or an SQLite
    /// lock) before it is answered "unavailable" (default 5).
    #[arg(long, env = "SIGNET_DB_ACQUIRE_TIMEOUT_SECS")]
    pub db_acquire_timeout_secs: Option<u64>,
    /// A TOML file with any of these settings.
    #[arg(long, env = "SIGNET_CONFIG")]
    #[serde(skip)]
    pub config: Option<PathBuf>,
}

/// How log lines are written.
#[derive(Clone, Copy, Debug, Default, Deserialize, ValueEnum, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

/// How strictly revocation is required (`--revocation`).
#[derive(Clone, Copy, Debug, Default, Deserialize, ValueEnum, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RevocationArg {
    /// An unknown revocation status fails the signature.
    #[default]
    Require,
    /// An unknown status is reported but does not fail.
    Prefer,
    /// Revocation is not checked.
    Off,
}

impl From<RevocationArg> for RevocationMode {
    fn from(a: RevocationArg) -> Self {
        match a {
            RevocationArg::Require => RevocationMode::Require,
            RevocationArg::Prefer => RevocationMode::Prefer,
            RevocationArg::Off => RevocationMode::Off,
        }
    }
}

/// The hash algorithm of time-stamp requests (`--tsa-digest`).
#[derive(Clone, Copy, Debug, Default, Deserialize, ValueEnum, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TsaDigestArg {
    /// SHA-256.
    #[default]
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// GOST R 34.11-2012, 256 bits.
    Streebog256,
    /// GOST R 34.11-2012, 512 bits.
    Streebog512,
}

impl From<TsaDigestArg> for signet_pki::DigestAlgorithm {
    fn from(a: TsaDigestArg) -> Self {
        match a {
            TsaDigestArg::Sha256 => Self::Sha256,
            TsaDigestArg::Sha384 => Self::Sha384,
            TsaDigestArg::Sha512 => Self::Sha512,
            TsaDigestArg::Streebog256 => Self::Streebog256,
            TsaDigestArg::Streebog512 => Self::Streebog512,
        }
    }
}

/// The validation engine over a trust store, fetching issuers and
/// revocation data over HTTP as `fetch` allows.
pub fn engine(
    trust: signet_pki::TrustStore,
    mode: RevocationMode,
    crl_dir: Option<PathBuf>,
    fetch: &FetchConfig,
) -> Engine {
    Engine::networked_with(std::sync::Arc::new(trust), mode, crl_dir, fetch)
}

/// The outbound-fetch settings of `serve`, merged but not yet checked.
#[derive(Default)]
pub struct FetchArgs {
    /// `--fetch-allow` rules.
    pub allow: Vec<String>,
    /// `--fetch-deny` rules.
    pub deny: Vec<String>,
    /// `--fetch-max-per-request`.
    pub max_per_request: Option<usize>,
    /// `--fetch-request-secs`.
    pub request_secs: Option<u64>,
    /// `--fetch-max-concurrent`.
    pub max_concurrent: Option<usize>,
    /// `--fetch-max-per-host`.
    pub max_per_host: Option<usize>,
}

/// A list flag: the flag's (or environment's) values, else the file's.
fn or_file<T>(flag: Vec<T>, file: Vec<T>) -> Vec<T> {
    if flag.is_empty() { file } else { flag }
}

/// `n`, a setting `what` that must be above 0 when given.
fn positive<T: PartialEq + Default>(n: Option<T>, what: &str) -> Result<Option<T>, SettingsError> {
    match n {
        Some(v) if v == T::default() => {
            Err(SettingsError::Invalid(format!("{what} must be above 0")))
        }
        _ => Ok(n),
    }
}

/// The outbound-fetch configuration: `timeout_secs` per fetch (default
/// 10), the policy and limits of `args`, the library's defaults for what
/// is not given.
pub fn fetch_config(
    timeout_secs: Option<u64>,
    args: FetchArgs,
) -> Result<FetchConfig, SettingsError> {
    let policy = FetchPolicy::from_rules(&args.allow, &args.deny)
        .map_err(|e| SettingsError::Invalid(format!("fetch-allow / fetch-deny: {e}")))?;
    let mut config = FetchConfig {
        timeout: Duration::from_secs(timeout_secs.unwrap_or(10).max(1)),
        policy,
        ..FetchConfig::default()
    };
    if let Some(n) = positive(args.max_per_request, "fetch-max-per-request")? {
        config.per_request.max_fetches = n;
    }
    if let Some(s) = positive(args.request_secs, "fetch-request-secs")? {
        config.per_request.max_time = Duration::from_secs(s);
    }
    if let Some(n) = positive(args.max_concurrent, "fetch-max-concurrent")? {
        config.max_concurrent = n;
    }
    if let Some(n) = positive(args.max_per_host, "fetch-max-per-host")? {
        config.max_per_host = n;
    }
    Ok(config)
}

/// Settings of `signet serve`.
#[derive(Args, Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ServeArgs {
    #[command(flatten)]
    #[serde(flatten)]
    pub store: StoreArgs,
    /// Address to listen on.
    #[arg(long, env = "SIGNET_LISTEN")]
    pub listen: Option<SocketAddr>,
    /// The URL clients reach this service at, for links in answers.
    #[arg(long, env = "SIGNET_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Largest request body, in bytes.
    #[arg(long, env = "SIGNET_MAX_BODY_BYTES")]
    pub max_body_bytes: Option<usize>,
    /// Longest time a request may take, in seconds.
    #[arg(long, env = "SIGNET_REQUEST_TIMEOUT_SECS")]
    pub request_timeout_secs: Option<u64>,
    /// Time zone for local-time dates (an IANA name such as Europe/Kyiv).
    #[arg(long, env = "SIGNET_TIME_ZONE")]
    pub time_zone: Option<String>,
    /// Log format.
    #[arg(long, env = "SIGNET_LOG_FORMAT", value_enum)]
    pub log_format: Option<LogFormat>,
    /// Bearer tokens accepted by /v3/validate (repeat the flag; the
    /// environment variable takes a comma-separated list).
    #[arg(
        long = "api-key",
        env = "SIGNET_API_KEY",
        value_delimiter = ',',
        hide_env_values = true
    )]
    #[serde(default)]
    pub api_key: Vec<String>,
    /// Revocation checking: require (unknown fails), prefer, off.
    #[arg(long, env = "SIGNET_REVOCATION", value_enum)]
    pub revocation: Option<RevocationArg>,
    /// Timeout of each CRL, OCSP or AIA request, in seconds.
    #[arg(long, env = "SIGNET_REVOCATION_TIMEOUT_SECS")]
    pub revocation_timeout_secs: Option<u64>,
    /// A directory of CRLs to consult besides the distribution points.
    #[arg(long, env = "SIGNET_CRL_DIR")]
    pub crl_dir: Option<PathBuf>,
    /// Path prefix of the Reestro API, e.g. /realty/crypto/v2.
    #[arg(long, env = "SIGNET_REESTRO_PREFIX")]
    pub reestro_prefix: Option<String>,
    /// Largest content a Reestro upload may store, in bytes.
    #[arg(long, env = "SIGNET_CONTENT_MAX_BYTES")]
    pub content_max_bytes: Option<u64>,
    /// Serve HTTPS with this certificate chain (PEM); needs --tls-key.
    #[arg(long, env = "SIGNET_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The TLS private key (PEM).
    #[arg(long, env = "SIGNET_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Certificate clients encrypt Cipher BIS protected parameters to.
    #[arg(long, env = "SIGNET_PROTECTED_CERT", requires = "protected_key")]
    pub protected_cert: Option<PathBuf>,
    /// Its private key (PEM or DER, unencrypted).
    #[arg(long, env = "SIGNET_PROTECTED_KEY", requires = "protected_cert")]
    pub protected_key: Option<PathBuf>,
    /// A Reestro upload in parts is dropped after this many seconds
    /// without a part.
    #[arg(long, env = "SIGNET_PENDING_UPLOAD_IDLE_SECS")]
    pub pending_upload_idle_secs: Option<u64>,
    /// A reverse proxy whose X-Forwarded-For header names the client, for
    /// the per-client login, web page and ticket budgets (repeat the flag; the
    /// environment variable takes a comma-separated list). From any other
    /// peer the header is ignored.
    #[arg(
        long = "trusted-proxy",
        env = "SIGNET_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    #[serde(default)]
    pub trusted_proxy: Vec<std::net::IpAddr>,
    /// An extended key usage (OID) that admits a certificate to Kontur auth
    /// login besides clientAuth, emailProtection and anyExtendedKeyUsage
    /// (repeat the flag; the environment variable takes a comma-separated
    /// list).
    #[arg(long = "login-eku", env = "SIGNET_LOGIN_EKU", value_delimiter = ',')]
    #[serde(default)]
    pub login_eku: Vec<String>,
    /// Lapsed sessions and login challenges are deleted from the store
    /// every this many seconds while the server runs (default 300).
    #[arg(long, env = "SIGNET_EXPIRED_SWEEP_SECS")]
    pub expired_sweep_secs: Option<u64>,
    /// Cipher BIS tickets lapse after this many seconds unused.
    #[arg(long, env = "SIGNET_TICKET_IDLE_SECS")]
    pub ticket_idle_secs: Option<u64>,
    /// At most this many Cipher BIS tickets open at once.
    #[arg(long, env = "SIGNET_MAX_TICKETS")]
    pub max_tickets: Option<usize>,
    /// At most this many Cipher BIS tickets open at once per client
    /// address, an IPv6 one counted by its /64 (0 = unlimited; 429 beyond).
    #[arg(long, env = "SIGNET_MAX_TICKETS_PER_CLIENT")]
    pub max_tickets_per_client: Option<usize>,
    /// Cipher BIS tickets a client address may open a second, after a
    /// burst of --ticket-burst-per-client (0 = unlimited; 429 beyond).
    #[arg(long, env = "SIGNET_TICKET_RATE_PER_CLIENT")]
    pub ticket_rate_per_client: Option<u32>,
    /// See --ticket-rate-per-client.
    #[arg(long, env = "SIGNET_TICKET_BURST_PER_CLIENT")]
    pub ticket_burst_per_client: Option<u32>,
    /// At most this many requests handled at once; beyond it, 503 with
    /// Retry-After at once (/healthz is not counted).
    #[arg(long, env = "SIGNET_MAX_IN_FLIGHT")]
    pub max_in_flight: Option<usize>,
    /// Seconds a client has to send a request's head: from connecting
    /// (TLS handshake included) for the first, from its first byte for a
    /// later one on a kept-alive connection (default 10).
    #[arg(long, env = "SIGNET_HEADER_TIMEOUT_SECS")]
    pub header_timeout_secs: Option<u64>,
    /// Seconds a kept-alive connection may wait for its next request
    /// (default 60).
    #[arg(long, env = "SIGNET_KEEP_ALIVE_IDLE_SECS")]
    pub keep_alive_idle_secs: Option<u64>,
    /// Most connections open at once from one client address (an IPv6
    /// client: its /64); a further one is closed at once. Trusted proxies
    /// are not limited (default 256).
    #[arg(long, env = "SIGNET_MAX_CONNECTIONS_PER_CLIENT")]
    pub max_connections_per_client: Option<usize>,
    /// The RFC 3161 time-stamping authority (http:// or https:// URL) that
    /// CAdES-T signatures and content time-stamps are asked of; its
    /// requests time out like revocation requests.
    #[arg(long, env = "SIGNET_TSA_URL")]
    pub tsa_url: Option<String>,
    /// Hash algorithm of time-stamp requests.
    #[arg(long, env = "SIGNET_TSA_DIGEST", value_enum)]
    pub tsa_digest: Option<TsaDigestArg>,
    /// Networks (CIDR), addresses or host names (`*.example` for a domain)
    /// that CRL, OCSP, caIssuers and TSA requests may reach even where a
    /// broader deny rule or a built-in one (link-local, cloud metadata)
    /// says no (repeat the flag; the environment variable takes a
    /// comma-separated list). The most specific rule wins.
    #[arg(
        long = "fetch-allow",
        env = "SIGNET_FETCH_ALLOW",
        value_delimiter = ','
    )]
    #[serde(default)]
    pub fetch_allow: Vec<String>,
    /// Networks, addresses or host names those requests may not reach
    /// (loopback and private networks are allowed unless denied here).
    #[arg(long = "fetch-deny", env = "SIGNET_FETCH_DENY", value_delimiter = ',')]
    #[serde(default)]
    pub fetch_deny: Vec<String>,
    /// Most outbound fetches (caIssuers, OCSP, CRL) one request may make,
    /// across all its signers and links (default 16).
    #[arg(long, env = "SIGNET_FETCH_MAX_PER_REQUEST")]
    pub fetch_max_per_request: Option<usize>,
    /// Seconds of outbound fetching one request may spend, from its start
    /// (default 20).
    #[arg(long, env = "SIGNET_FETCH_REQUEST_SECS")]
    pub fetch_request_secs: Option<u64>,
    /// Most outbound fetches in flight at once, all requests together
    /// (default 32).
    #[arg(long, env = "SIGNET_FETCH_MAX_CONCURRENT")]
    pub fetch_max_concurrent: Option<usize>,
    /// Most outbound fetches in flight to one host (default 4).
    #[arg(long, env = "SIGNET_FETCH_MAX_PER_HOST")]
    pub fetch_max_per_host: Option<usize>,
}

/// A settings error, reported before anything starts.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The config file could not be read.
    #[error("config file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The config file is not valid TOML for signet.
    #[error("config file {path}: {source}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// Why.
        source: toml::de::Error,
    },
    /// A setting has a bad value.
    #[error("{0}")]
    Invalid(String),
}

/// The resolved locations of signet's data.
#[derive(Clone, Debug)]
pub struct Locations {
    /// The data directory.
    pub data_dir: PathBuf,
    /// The database URL.
    pub database_url: String,
    /// The trust store directory.
    pub trust_dir: PathBuf,
    /// The database pool's size and wait.
    pub pool: signet_store::PoolSettings,
}

fn read_file<T: for<'de> Deserialize<'de> + Default>(
    path: Option<&Path>,
) -> Result<T, SettingsError> {
    let Some(path) = path else {
        return Ok(T::default());
    };
    let text = std::fs::read_to_string(path).map_err(|source| SettingsError::Read {
        path: path.to_owned(),
        source,
    })?;
    toml::from_str(&text).map_err(|source| SettingsError::Parse {
        path: path.to_owned(),
        source,
    })
}

impl StoreArgs {
    /// Fills what flags and environment left unset from `file`.
    fn or(self, file: StoreArgs) -> StoreArgs {
        StoreArgs {
            data_dir: self.data_dir.or(file.data_dir),
            database_url: self.database_url.or(file.database_url),
            trust_dir: self.trust_dir.or(file.trust_dir),
            db_max_connections: self.db_max_connections.or(file.db_max_connections),
            db_acquire_timeout_secs: self
                .db_acquire_timeout_secs
                .or(file.db_acquire_timeout_secs),
            config: self.config,
        }
    }

    /// Resolves the data locations, reading the config file if one is named.
    pub fn locations(self) -> Result<Locations, SettingsError> {
        let file: ServeArgs = read_file(self.config.as_deref())?;
        self.or(file.store).resolve()
    }

    fn resolve(self) -> Result<Locations, SettingsError> {
        let data_dir = self
            .data_dir
            .unwrap_or_else(|| PathBuf::from("signet-data"));
        let database_url = match self.database_url {
            Some(url) => url,
            None => {
                let path = data_dir.join("signet.db");
                let path = path.to_str().ok_or_else(|| {
                    SettingsError::Invalid("the data directory path is not UTF-8".into())
                })?;
                format!("sqlite:{path}")
            }
        };
        let trust_dir = self.trust_dir.unwrap_or_else(|| data_dir.join("trust"));
        if self.db_max_connections == Some(0) {
            return Err(SettingsError::Invalid(
                "db-max-connections must be at least 1".into(),
            ));
        }
        if self.db_acquire_timeout_secs == Some(0) {
            return Err(SettingsError::Invalid(
                "db-acquire-timeout-secs must be at least 1".into(),
            ));
        }
        Ok(Locations {
            data_dir,
            database_url,
            trust_dir,
            pool: signet_store::PoolSettings {
                max_connections: self.db_max_connections,
                acquire_timeout: self.db_acquire_timeout_secs.map(Duration::from_secs),
            },
        })
    }
}

/// Everything `serve` needs, resolved.
pub struct ServeSettings {
    /// Revocation mode.
    pub revocation: RevocationMode,
    /// What outbound fetches (CRL, OCSP, AIA, TSA) may reach, how many, for
    /// how long.
    pub fetch: FetchConfig,
    /// Local CRL directory.
    pub crl_dir: Option<PathBuf>,
    /// Data locations.
    pub locations: Locations,
    /// Server configuration.
    pub server: ServerConfig,
    /// Log format.
    pub log_format: LogFormat,
    /// HTTPS certificate and key, when serving TLS.
    pub tls: Option<signet_server::TlsFiles>,
    /// Protected-parameter certificate and key files.
    pub protected: Option<(PathBuf, PathBuf)>,
    /// The time-stamping authority's URL and the hash of its requests.
    pub tsa: Option<(String, signet_pki::DigestAlgorithm)>,
}

impl ServeArgs {
    /// Merges flags and environment with the config file and defaults.
    pub fn resolve(self) -> Result<ServeSettings, SettingsError> {
        let file: ServeArgs = read_file(self.store.config.as_deref())?;
        let locations = self.store.or(file.store).resolve()?;
        let listen = self
            .listen
            .or(file.listen)
            .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080)));
        let mut server = ServerConfig::new(listen);
        if let Some(url) = self.public_url.or(file.public_url) {
            server.public_url = url.trim_end_matches('/').to_owned();
        }
        if let Some(n) = self.max_body_bytes.or(file.max_body_bytes) {
            if n == 0 {
                return Err(SettingsError::Invalid(
                    "max-body-bytes must be above 0".into(),
                ));
            }
            server.max_body_bytes = n;
        }
        if let Some(s) = self.request_timeout_secs.or(file.request_timeout_secs) {
            if s == 0 {
                return Err(SettingsError::Invalid(
                    "request-timeout-secs must be above 0".into(),
                ));
            }
            server.request_timeout = Duration::from_secs(s);
        }
        if let Some(tz) = self.time_zone.or(file.time_zone) {
            server.time_zone = jiff::tz::TimeZone::get(&tz)
                .map_err(|e| SettingsError::Invalid(format!("time-zone {tz:?}: {e}")))?;
        }
        if let Some(prefix) = self.reestro_prefix.or(file.reestro_prefix) {
            let prefix = prefix.trim().trim_end_matches('/');
            if !prefix.is_empty() && !prefix.starts_with('/') {
                return Err(SettingsError::Invalid(format!(
                    "reestro-prefix {prefix:?} must start with /"
                )));
            }
            server.reestro_prefix = prefix.to_owned();
        }
        if let Some(n) = self.content_max_bytes.or(file.content_max_bytes) {
            server.content_max_bytes = n;
        }
        let mut keys = self.api_key;
        if keys.is_empty() {
            keys = file.api_key;
        }
        server.api_keys = keys;
        let mut proxies = self.trusted_proxy;
        if proxies.is_empty() {
            proxies = file.trusted_proxy;
        }
        server.trusted_proxies = proxies;
        server.login_eku = or_file(self.login_eku, file.login_eku)
            .iter()
            .map(|o| {
                o.trim().parse().map_err(|e| {
                    SettingsError::Invalid(format!("login-eku {o:?} is not an OID: {e}"))
                })
            })
            .collect::<Result<_, _>>()?;
        if let Some(s) = self
            .pending_upload_idle_secs
            .or(file.pending_upload_idle_secs)
        {
            if s == 0 {
                return Err(SettingsError::Invalid(
                    "pending-upload-idle-secs must be above 0".into(),
                ));
            }
            server.pending_upload_idle = Duration::from_secs(s);
        }
        if let Some(s) = self.expired_sweep_secs.or(file.expired_sweep_secs) {
            if s == 0 {
                return Err(SettingsError::Invalid(
                    "expired-sweep-secs must be above 0".into(),
                ));
            }
            server.expired_sweep_interval = Duration::from_secs(s);
        }
        if let Some(s) = self.ticket_idle_secs.or(file.ticket_idle_secs) {
            if s == 0 {
                return Err(SettingsError::Invalid(
                    "ticket-idle-secs must be above 0".into(),
                ));
            }
            server.ticket_idle = Duration::from_secs(s);
        }
        if let Some(n) = self.max_tickets.or(file.max_tickets) {
            server.max_tickets = n;
        }
        if let Some(n) = self.max_tickets_per_client.or(file.max_tickets_per_client) {
            server.max_tickets_per_client = n;
        }
        if let Some(n) = self.ticket_rate_per_client.or(file.ticket_rate_per_client) {
            server.ticket_rate_per_client = n;
        }
        if let Some(n) = positive(
            self.ticket_burst_per_client
                .or(file.ticket_burst_per_client),
            "ticket-burst-per-client",
        )? {
            server.ticket_burst_per_client = n;
        }
        if let Some(n) = positive(self.max_in_flight.or(file.max_in_flight), "max-in-flight")? {
            server.max_in_flight = n;
        }
        let header = self.header_timeout_secs.or(file.header_timeout_secs);
        if let Some(s) = positive(header, "header-timeout-secs")? {
            server.header_timeout = Duration::from_secs(s);
        }
        let idle = self.keep_alive_idle_secs.or(file.keep_alive_idle_secs);
        if let Some(s) = positive(idle, "keep-alive-idle-secs")? {
            server.keep_alive_idle = Duration::from_secs(s);
        }
        let per_client = self
            .max_connections_per_client
            .or(file.max_connections_per_client);
        if let Some(n) = positive(per_client, "max-connections-per-client")? {
            server.max_connections_per_client = n;
        }
        let pair = |a: Option<PathBuf>, b: Option<PathBuf>, what: &str| match (a, b) {
            (Some(a), Some(b)) => Ok(Some((a, b))),
            (None, None) => Ok(None),
            _ => Err(SettingsError::Invalid(format!(
                "{what}-cert and {what}-key go together"
            ))),
        };
        let tls = pair(
            self.tls_cert.or(file.tls_cert),
            self.tls_key.or(file.tls_key),
            "tls",
        )?
        .map(|(cert, key)| signet_server::TlsFiles { cert, key });
        let protected = pair(
            self.protected_cert.or(file.protected_cert),
            self.protected_key.or(file.protected_key),
            "protected",
        )?;
        let tsa = match self.tsa_url.or(file.tsa_url) {
            Some(url) if signet_pki::is_fetchable(&url) => Some((
                url,
                self.tsa_digest
                    .or(file.tsa_digest)
                    .unwrap_or_default()
                    .into(),
            )),
            Some(url) => {
                return Err(SettingsError::Invalid(format!(
                    "tsa-url {url:?} must be an http:// or https:// URL"
                )));
            }
            None => None,
        };
        Ok(ServeSettings {
            tls,
            protected,
            tsa,
            revocation: self
                .revocation
                .or(file.revocation)
                .unwrap_or_default()
                .into(),
            fetch: fetch_config(
                self.revocation_timeout_secs
                    .or(file.revocation_timeout_secs),
                FetchArgs {
                    allow: or_file(self.fetch_allow, file.fetch_allow),
                    deny: or_file(self.fetch_deny, file.fetch_deny),
                    max_per_request: self.fetch_max_per_request.or(file.fetch_max_per_request),
                    request_secs: self.fetch_request_secs.or(file.fetch_request_secs),
                    max_concurrent: self.fetch_max_concurrent.or(file.fetch_max_concurrent),
                    max_per_host: self.fetch_max_per_host.or(file.fetch_max_per_host),
                },
            )?,
            crl_dir: self.crl_dir.or(file.crl_dir),
            locations,
            server,
            log_format: self.log_format.or(file.log_format).unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests;
