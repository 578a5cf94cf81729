//! [`HttpFetcher`]: the [`Fetcher`] over HTTP(S) on `ureq` (Cargo feature
//! `http`, on by default). Every fetch, in this order:
//!
//! 1. is refused at once when its URL failed within [`FetchConfig::failure_ttl`]
//!    (fetches within a caller's budget only);
//! 2. takes one fetch from the caller's [`FetchBudget`]; its deadline is
//!    the earlier of the fetch timeout and the budget's end;
//! 3. waits, until that deadline, for a place under the global and the
//!    per-host caps on concurrent fetches;
//! 4. resolves the host once and keeps only the addresses the
//!    [`FetchPolicy`] allows; the connection goes to one of those, never
//!    to a fresh lookup, so a name cannot resolve to another address
//!    between the check and the connection. Every redirect (at most
//!    [`MAX_REDIRECTS`]) is resolved and checked the same way. Proxies
//!    from the environment are not used: a proxy would resolve the name
//!    itself, out of the policy's sight;
//! 5. runs with that deadline covering connect, request and the whole
//!    answer, and is interrupted when the request is cancelled
//!    ([`ureq::Agent::shutdown`] on the fetch's own agent);
//! 6. reads at most `max_len + 1` bytes of the answer and refuses a larger
//!    one;
//! 7. goes over a fresh connection, closed after the answer (`Connection:
//!    close`, no pooling): `openssl ocsp` serves one connection at a time
//!    and stalls on an idle kept-alive one.
//!
//! HTTPS is verified with rustls on aws-lc-rs against the Mozilla roots.

use std::io::Read as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

use super::budget::{FetchBudget, FetchLimits};
use super::policy::{FetchPolicy, Refusal};
use super::slots::{NoSlot, Slots};
use super::{
    FAILURE_TTL, FetchError, FetchRequest, Fetcher, MAX_FAILURES_REMEMBERED, MAX_REDIRECTS,
    is_fetchable,
};
use crate::revocation::cache::ExpiringCache;

/// Default timeout of one fetch: connect, request and the whole answer.
pub const DEFAULT_FETCH_TIMEOUT: Duration = Duration::from_secs(10);

/// Default most fetches in flight at once, over all requests: a few per
/// blocking thread a server keeps busy, far below the file descriptors a
/// process has.
pub const DEFAULT_MAX_CONCURRENT_FETCHES: usize = 32;

/// Default most fetches in flight to one host at once: enough for a CA's
/// OCSP responder and CRL server to answer several requests together, too
/// few for signet to flood a host named in hostile input.
pub const DEFAULT_MAX_FETCHES_PER_HOST: usize = 4;

/// Everything about outbound fetches an operator sets (`signet serve`
/// flags): the client's timeout, policy, caps and negative cache, and the
/// budget each request gets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchConfig {
    /// Timeout of one fetch. Default [`DEFAULT_FETCH_TIMEOUT`].
    pub timeout: Duration,
    /// What may be contacted. Default: the built-in rules only.
    pub policy: FetchPolicy,
    /// Most fetches in flight at once. Default
    /// [`DEFAULT_MAX_CONCURRENT_FETCHES`].
    pub max_concurrent: usize,
    /// Most fetches in flight to one host. Default
    /// [`DEFAULT_MAX_FETCHES_PER_HOST`].
    pub max_per_host: usize,
    /// How long a failed URL is not fetched again. Default
    /// [`FAILURE_TTL`].
    pub failure_ttl: Duration,
    /// The budget of each request (used by
    /// [`crate::validate::Engine::networked_with`]).
    pub per_request: FetchLimits,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            timeout: DEFAULT_FETCH_TIMEOUT,
            policy: FetchPolicy::default(),
            max_concurrent: DEFAULT_MAX_CONCURRENT_FETCHES,
            max_per_host: DEFAULT_MAX_FETCHES_PER_HOST,
            failure_ttl: FAILURE_TTL,
            per_request: FetchLimits::default(),
        }
    }
}

/// What clones of one [`HttpFetcher`] share.
struct Shared {
    timeout: Duration,
    failure_ttl: Duration,
    tls: ureq::tls::TlsConfig,
    policy: Arc<FetchPolicy>,
    slots: Slots,
    failures: ExpiringCache<String, FetchError>,
}

/// A blocking HTTP client on `ureq`; call it from a blocking context (the
/// server runs validation in `spawn_blocking`). Clones share the caps and
/// the negative cache.
#[derive(Clone)]
pub struct HttpFetcher {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for HttpFetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpFetcher")
            .field("timeout", &self.shared.timeout)
            .field("policy", &self.shared.policy)
            .finish_non_exhaustive()
    }
}

impl HttpFetcher {
    /// A client whose every fetch ends within `timeout` (connect, send and
    /// the whole answer), with the default policy and caps.
    pub fn new(timeout: Duration) -> Self {
        Self::with_config(&FetchConfig {
            timeout,
            ..FetchConfig::default()
        })
    }

    /// A client configured by `config`.
    pub fn with_config(config: &FetchConfig) -> Self {
        let tls = ureq::tls::TlsConfig::builder()
            .unversioned_rustls_crypto_provider(Arc::new(
                rustls::crypto::aws_lc_rs::default_provider(),
            ))
            .build();
        HttpFetcher {
            shared: Arc::new(Shared {
                timeout: config.timeout,
                failure_ttl: config.failure_ttl,
                tls,
                policy: Arc::new(config.policy.clone()),
                slots: Slots::new(config.max_concurrent, config.max_per_host),
                failures: ExpiringCache::new(MAX_FAILURES_REMEMBERED, MAX_FAILURES_REMEMBERED),
            }),
        }
    }

    /// The per-fetch timeout.
    pub fn timeout(&self) -> Duration {
        self.shared.timeout
    }

    /// The policy every connection is checked against.
    pub fn policy(&self) -> &FetchPolicy {
        &self.shared.policy
    }

    /// One agent per fetch: no connection pool, so nothing is kept alive,
    /// and shutting it down interrupts this fetch only.
    fn agent(&self, timeout: Duration) -> ureq::Agent {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .max_redirects(MAX_REDIRECTS)
            .tls_config(self.shared.tls.clone())
            .max_idle_connections(0)
            .max_idle_connections_per_host(0)
            .http_status_as_error(false)
            .proxy(None)
            .user_agent("signet")
            .build();
        let resolver = PolicyResolver {
            policy: Arc::clone(&self.shared.policy),
        };
        ureq::Agent::with_parts(config, DefaultConnector::new(), resolver)
    }

    /// Steps 3 to 7 of the module documentation, once the budget allowed
    /// the fetch: `deadline` ends it, `cut_short` says whether that is the
    /// budget's end rather than the fetch timeout.
    fn exchange(
        &self,
        request: &FetchRequest<'_>,
        budget: Option<&FetchBudget>,
        deadline: Instant,
        cut_short: bool,
    ) -> Result<Vec<u8>, FetchError> {
        // Running out of time is the request's budget running out when
        // the budget set the deadline, else this fetch's own timeout.
        let out_of_time = || match budget {
            Some(b) if cut_short => FetchError::TimeSpent {
                limit: b.limits().max_time,
            },
            _ => FetchError::Timeout(self.shared.timeout),
        };
        let cancel = budget.map(FetchBudget::cancel_token);
        let host = host_of(request.url);
        let _slot = self
            .shared
            .slots
            .acquire(&host, deadline, cancel)
            .map_err(|e| match e {
                NoSlot::Cancelled => FetchError::Cancelled,
                NoSlot::Busy(_) if cut_short => out_of_time(),
                NoSlot::Busy(busy) => busy,
            })?;
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(out_of_time());
        }
        let agent = self.agent(left);
        let _interrupt = match cancel {
            Some(token) => {
                let agent = agent.clone();
                Some(token.on_cancel(move || agent.shutdown())?)
            }
            None => None,
        };
        let sent = match request.post {
            None => agent.get(request.url).header("Connection", "close").call(),
            Some((content_type, body)) => agent
                .post(request.url)
                .header("Content-Type", content_type)
                .header("Connection", "close")
                .send(body),
        };
        let outcome = read_answer(sent, request.max_len);
        outcome.map_err(|e| {
            if cancel.is_some_and(|t| t.is_cancelled()) {
                return FetchError::Cancelled;
            }
            match self.map_error(e, request.max_len) {
                FetchError::Timeout(_) => out_of_time(),
                other => other,
            }
        })
    }

    fn map_error(&self, e: ureq::Error, max_len: usize) -> FetchError {
        use std::io::ErrorKind;
        let timeout = self.shared.timeout;
        match e {
            ureq::Error::Timeout(_) => FetchError::Timeout(timeout),
            ureq::Error::Io(io) => {
                if let Some(refusal) = io.get_ref().and_then(|e| e.downcast_ref::<Refusal>()) {
                    return FetchError::Refused(Box::new(refusal.clone()));
                }
                match io.kind() {
                    ErrorKind::TimedOut | ErrorKind::WouldBlock => FetchError::Timeout(timeout),
                    ErrorKind::ConnectionRefused => {
                        FetchError::Connect("connection refused".into())
                    }
                    ErrorKind::UnexpectedEof
                    | ErrorKind::ConnectionReset
                    | ErrorKind::ConnectionAborted => {
                        FetchError::Transport(format!("the server closed the connection ({io})"))
                    }
                    _ => FetchError::Transport(io.to_string()),
                }
            }
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

/// The body of a 200 answer, at most `max_len` bytes.
fn read_answer(
    sent: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    max_len: usize,
) -> Result<Vec<u8>, ureq::Error> {
    let response = sent?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(ureq::Error::StatusCode(status));
    }
    let limit = u64::try_from(max_len).unwrap_or(u64::MAX).saturating_add(1);
    let mut reader = response
        .into_body()
        .into_with_config()
        .limit(u64::MAX)
        .reader()
        .take(limit);
    let mut out = Vec::new();
    reader.read_to_end(&mut out)?;
    if out.len() > max_len {
        return Err(ureq::Error::BodyExceedsLimit(limit));
    }
    Ok(out)
}

/// The host of `url`, lower case, the key of the per-host cap; the URL
/// itself when it has none (ureq then refuses it).
fn host_of(url: &str) -> String {
    url.parse::<Uri>()
        .ok()
        .and_then(|u| u.host().map(str::to_ascii_lowercase))
        .unwrap_or_else(|| url.to_owned())
}

impl Fetcher for HttpFetcher {
    fn fetch(
        &self,
        request: &FetchRequest<'_>,
        budget: Option<&FetchBudget>,
    ) -> Result<Vec<u8>, FetchError> {
        if !is_fetchable(request.url) {
            return Err(FetchError::UnsupportedScheme);
        }
        // The negative cache serves URLs taken from input; an operator's
        // TSA is asked every time.
        if budget.is_some()
            && let Some(failure) = self.shared.failures.get(request.url)
        {
            return Err(FetchError::RecentlyFailed {
                error: Box::new(failure.as_ref().clone()),
                ttl: self.shared.failure_ttl,
            });
        }
        let budget_deadline = match budget {
            Some(b) => b.start_fetch()?,
            None => None,
        };
        let now = Instant::now();
        let own_deadline = now.checked_add(self.shared.timeout).unwrap_or(now);
        let (deadline, cut_short) = match budget_deadline {
            Some(end) if end < own_deadline => (end, true),
            _ => (own_deadline, false),
        };
        let result = self.exchange(request, budget, deadline, cut_short);
        if let Err(e) = &result
            && budget.is_some()
            && e.is_url_failure()
        {
            self.shared.failures.insert(
                request.url.to_owned(),
                Arc::new(e.clone()),
                self.shared.failure_ttl,
                1,
            );
        }
        result
    }
}

/// Resolves a URL's host once and keeps the addresses the policy allows;
/// ureq connects to exactly these (see the module documentation).
#[derive(Debug)]
struct PolicyResolver {
    policy: Arc<FetchPolicy>,
}

impl PolicyResolver {
    fn refuse(refusal: Refusal) -> ureq::Error {
        ureq::Error::Io(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            refusal,
        ))
    }
}

impl Resolver for PolicyResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or_default();
        // A denied name is not even looked up.
        self.policy.check_host(host).map_err(Self::refuse)?;
        let resolved = DefaultResolver::default().resolve(uri, config, timeout)?;
        let mut allowed = self.empty();
        let mut refusal = None;
        for address in resolved.iter() {
            match self.policy.check(host, address.ip()) {
                Ok(()) => allowed.push(*address),
                Err(r) => {
                    refusal.get_or_insert(r);
                }
            }
        }
        match refusal {
            Some(r) if allowed.is_empty() => Err(Self::refuse(r)),
            _ => Ok(allowed),
        }
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

    #[test]
    fn the_resolver_returns_only_allowed_addresses() {
        let uri: Uri = "http://localhost:80/".parse().expect("uri");
        let resolve = |policy: FetchPolicy| {
            PolicyResolver {
                policy: Arc::new(policy),
            }
            .resolve(&uri, &Config::default(), NextTimeout::default())
        };
        let all = resolve(FetchPolicy::default()).expect("localhost resolves");
        assert!(all.iter().all(|a| a.ip().is_loopback()), "{all:?}");
        let only_v4 = FetchPolicy::from_rules([] as [&str; 0], ["::1"]).expect("rule");
        let kept = resolve(only_v4).expect("the IPv4 loopback is left");
        assert!(kept.iter().all(|a| a.is_ipv4()), "{kept:?}");
        let none = FetchPolicy::from_rules([] as [&str; 0], ["127.0.0.0/8", "::1"]).expect("rule");
        match resolve(none) {
            Err(ureq::Error::Io(io)) => {
                let refusal = io
                    .get_ref()
                    .and_then(|e| e.downcast_ref::<Refusal>())
                    .expect("a refusal");
                assert!(
                    refusal.to_string().starts_with("localhost resolves to "),
                    "{refusal}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
