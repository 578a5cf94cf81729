//! Fetching revocation data and issuer certificates.
//!
//! CRLs ([RFC 5280] section 4.2.1.13), OCSP answers ([RFC 6960] appendix
//! A.1) and authorityInfoAccess caIssuers certificates ([RFC 5280] section
//! 4.2.2.1) are published over plain HTTP by convention. The [`Fetcher`]
//! trait is the seam: the revocation checker, [`CaIssuers`] and the TSA
//! client fetch through it, so that this crate builds and verifies without
//! a network stack, and tests and other transports can stand in. The HTTP
//! implementation, [`HttpFetcher`], is behind the Cargo feature `http` (on
//! by default).
//!
//! The URLs come from input an anonymous caller chooses, so every fetch is
//! bounded four ways:
//!
//! - by the request's [`FetchBudget`] (`budget.rs`): a count and a time
//!   across everything one request fetches, and a cancel flag;
//! - by the [`FetchPolicy`] (`policy/`): which hosts and addresses may be
//!   contacted, checked on the addresses a connection really goes to;
//! - by caps on concurrent fetches, in all and per host (`slots.rs`);
//! - by a negative cache: a URL whose fetch failed is not fetched again
//!   for [`FAILURE_TTL`], whichever of caIssuers, CRL or OCSP asked.
//!
//! The last three are the [`HttpFetcher`]'s, shared by every request it
//! serves; the budget is the caller's, one per request.
//!
//! [RFC 5280]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.2.1
//! [RFC 6960]: https://datatracker.ietf.org/doc/html/rfc6960#appendix-A.1

use std::sync::Arc;
use std::time::Duration;

use crate::cms::SignedData;
use crate::input::{InputKind, decode_base64};
use crate::path::IssuerSource;
use crate::revocation::cache::ExpiringCache;
use crate::{Certificate, PkiError};

mod budget;
#[cfg(feature = "http")]
mod http;
pub mod policy;
#[cfg(feature = "http")]
mod slots;

pub use budget::{
    CancelHookGuard, CancelOnDrop, CancelToken, DEFAULT_MAX_FETCH_TIME, DEFAULT_MAX_FETCHES,
    FetchBudget, FetchLimits,
};
#[cfg(feature = "http")]
pub use http::{
    DEFAULT_FETCH_TIMEOUT, DEFAULT_MAX_CONCURRENT_FETCHES, DEFAULT_MAX_FETCHES_PER_HOST,
    FetchConfig, HttpFetcher,
};
pub use policy::{FetchPolicy, Refusal};

/// Most redirects followed for one request.
pub const MAX_REDIRECTS: u32 = 3;

/// Largest caIssuers answer accepted (a certificate or a small bundle).
pub const MAX_AIA_LEN: usize = 1 << 20;

/// How long a URL whose fetch failed (no connection, a timeout, an HTTP
/// error, refused by the policy) is not fetched again, so that a dead or
/// hostile server does not cost every validation a timeout. One rule for
/// caIssuers, CRL and OCSP URLs.
pub const FAILURE_TTL: Duration = Duration::from_secs(30);

/// Most failed URLs remembered at once.
pub const MAX_FAILURES_REMEMBERED: usize = 1000;

/// Why a fetch failed, in words that go into a revocation report.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// The URL's scheme is not fetched (LDAP, file, …).
    #[error("only http:// and https:// URLs are fetched")]
    UnsupportedScheme,
    /// The URL could not be read.
    #[error("malformed URL: {0}")]
    BadUrl(String),
    /// No complete answer within the timeout.
    #[error("timed out after {}", seconds(*.0))]
    Timeout(Duration),
    /// No connection could be made.
    #[error("could not connect: {0}")]
    Connect(String),
    /// The server answered with a status other than 200.
    #[error("the server answered HTTP {0}")]
    Status(u16),
    /// The answer is larger than the caller accepts.
    #[error("the answer is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// Too many redirects.
    #[error("more than {MAX_REDIRECTS} redirects")]
    TooManyRedirects,
    /// Any other transport or protocol failure.
    #[error("{0}")]
    Transport(String),
    /// The [`FetchPolicy`] does not allow contacting the host or the
    /// address it resolved to.
    #[error("{0}")]
    Refused(Box<Refusal>),
    /// The request already started as many fetches as its budget allows.
    #[error("the request's outbound budget of {fetches} fetches is spent")]
    BudgetSpent {
        /// [`FetchLimits::max_fetches`].
        fetches: usize,
    },
    /// The request's outbound time ran out (before or during the fetch).
    #[error("the request's outbound time of {} is spent", seconds(*.limit))]
    TimeSpent {
        /// [`FetchLimits::max_time`].
        limit: Duration,
    },
    /// The request ended or timed out: nothing more is fetched for it.
    #[error("not fetched: the request was cancelled")]
    Cancelled,
    /// Every place for a fetch (in all, or to this host) stayed taken until
    /// the fetch's deadline.
    #[error("{}", busy(*.limit, .host.as_deref()))]
    Busy {
        /// The cap that held.
        limit: usize,
        /// The host, when its own cap held.
        host: Option<String>,
    },
    /// The URL failed a moment ago and is not fetched again yet.
    #[error("{error} (a moment ago; not retried for {} s)", ttl.as_secs())]
    RecentlyFailed {
        /// How it failed.
        error: Box<FetchError>,
        /// How long failures are remembered.
        ttl: Duration,
    },
}

impl FetchError {
    /// Whether the URL itself is at fault, so that the failure is
    /// remembered ([`FAILURE_TTL`]); not when the request's budget, its
    /// cancellation or signet's own load stopped the fetch.
    pub fn is_url_failure(&self) -> bool {
        !matches!(
            self,
            FetchError::BudgetSpent { .. }
                | FetchError::TimeSpent { .. }
                | FetchError::Cancelled
                | FetchError::Busy { .. }
                | FetchError::RecentlyFailed { .. }
        )
    }
}

/// "10 s", "1.5 s".
fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// Why no place for a fetch was free in time.
fn busy(limit: usize, host: Option<&str>) -> String {
    match host {
        Some(host) => {
            format!("{limit} fetches from {host} are already under way, and none ended in time")
        }
        None => format!("all {limit} outbound connections are in use, and none was freed in time"),
    }
}

/// One HTTP exchange: a GET, or a POST of a body.
#[derive(Clone, Copy, Debug)]
pub struct FetchRequest<'a> {
    /// The URL.
    pub url: &'a str,
    /// `None` for a GET; the content type and body of a POST.
    pub post: Option<(&'a str, &'a [u8])>,
    /// Largest answer accepted, in bytes.
    pub max_len: usize,
}

impl<'a> FetchRequest<'a> {
    /// `GET url`, an answer of at most `max_len` bytes.
    pub fn get(url: &'a str, max_len: usize) -> Self {
        FetchRequest {
            url,
            post: None,
            max_len,
        }
    }

    /// `POST url` with `body` of type `content_type`, an answer of at most
    /// `max_len` bytes.
    pub fn post(url: &'a str, content_type: &'a str, body: &'a [u8], max_len: usize) -> Self {
        FetchRequest {
            url,
            post: Some((content_type, body)),
            max_len,
        }
    }
}

/// Fetches bytes over the network: what the revocation checker, the
/// caIssuers source and the TSA client need, and nothing more.
pub trait Fetcher: Send + Sync {
    /// Performs `request` and returns the answer's body. `budget` is the
    /// outbound budget of the request whose input named the URL: the
    /// implementation takes a fetch from it ([`FetchBudget::start_fetch`])
    /// before any I/O and ends by its deadline. `None` for a URL the
    /// operator configured (a TSA): no budget but the client's own timeout.
    fn fetch(
        &self,
        request: &FetchRequest<'_>,
        budget: Option<&FetchBudget>,
    ) -> Result<Vec<u8>, FetchError>;

    /// `GET url` of an operator-configured URL (no caller's budget); the
    /// answer's body, at most `max_len` bytes.
    fn get(&self, url: &str, max_len: usize) -> Result<Vec<u8>, FetchError> {
        self.fetch(&FetchRequest::get(url, max_len), None)
    }

    /// `POST url` of an operator-configured URL (no caller's budget) with
    /// `body` of type `content_type`; the answer's body, at most `max_len`
    /// bytes.
    fn post(
        &self,
        url: &str,
        content_type: &str,
        body: &[u8],
        max_len: usize,
    ) -> Result<Vec<u8>, FetchError> {
        self.fetch(&FetchRequest::post(url, content_type, body, max_len), None)
    }
}

/// Whether the URL is one [`Fetcher`]s fetch: `http://` or `https://`.
pub fn is_fetchable(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Input limits for a caIssuers answer read as PEM.
const AIA_INPUT: InputKind = InputKind {
    what: "caIssuers certificates",
    pem_labels: &["CERTIFICATE", "X509 CERTIFICATE", "PKCS7", "CMS"],
    max_input: MAX_AIA_LEN,
    max_objects: 64,
};

/// How long fetched issuer certificates are kept.
const AIA_TTL: Duration = Duration::from_secs(3600);

/// Issuer certificates from authorityInfoAccess caIssuers URLs
/// ([RFC 5280] section 4.2.2.1): a DER or PEM certificate, or a PKCS #7
/// "certs-only" bundle (`.p7b`/`.p7c`), fetched with a [`Fetcher`] and kept
/// for an hour (256 URLs at most). Shared between requests; each request
/// fetches through [`CaIssuers::within`] its own budget. A URL whose fetch
/// failed is not fetched again for [`FAILURE_TTL`] (the fetcher's negative
/// cache), so a dead server does not cost every validation a timeout.
///
/// [RFC 5280]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.2.1
pub struct CaIssuers {
    fetcher: Arc<dyn Fetcher>,
    cache: ExpiringCache<String, Vec<Certificate>>,
}

impl CaIssuers {
    /// A source fetching with `fetcher`.
    pub fn new(fetcher: Arc<dyn Fetcher>) -> Self {
        CaIssuers {
            fetcher,
            cache: ExpiringCache::new(256, 256 * MAX_AIA_LEN),
        }
    }

    /// Fetches and parses the certificates at `url` within `budget`,
    /// bypassing the cache.
    pub fn fetch(
        &self,
        url: &str,
        budget: &FetchBudget,
    ) -> Result<Vec<Certificate>, CaIssuersError> {
        let body = self
            .fetcher
            .fetch(&FetchRequest::get(url, MAX_AIA_LEN), Some(budget))?;
        parse_certificates(&body)
    }

    /// The issuer source of one request: cached certificates, else fetched
    /// within `budget`.
    pub fn within<'a>(&'a self, budget: &'a FetchBudget) -> BudgetedCaIssuers<'a> {
        BudgetedCaIssuers {
            source: self,
            budget,
        }
    }
}

/// [`CaIssuers`] fetching within one request's budget
/// ([`CaIssuers::within`]).
#[derive(Clone, Copy)]
pub struct BudgetedCaIssuers<'a> {
    source: &'a CaIssuers,
    budget: &'a FetchBudget,
}

impl IssuerSource for BudgetedCaIssuers<'_> {
    fn ca_issuers(&self, url: &str) -> Result<Vec<Certificate>, CaIssuersError> {
        if let Some(hit) = self.source.cache.get(url) {
            return Ok(hit.as_ref().clone());
        }
        let certs = self.source.fetch(url, self.budget)?;
        let weight = certs.iter().map(|c| c.der().len()).sum();
        self.source
            .cache
            .insert(url.to_owned(), Arc::new(certs.clone()), AIA_TTL, weight);
        Ok(certs)
    }
}

/// Why a caIssuers answer gave no certificates.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CaIssuersError {
    /// The answer could not be fetched.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// The server answered with nothing.
    #[error("the answer is empty")]
    Empty,
    /// The answer is text or DER of something else.
    #[error("the answer is neither a certificate nor a PKCS #7 bundle")]
    NotCertificates,
    /// A PKCS #7 bundle without certificates.
    #[error("the PKCS #7 bundle holds no certificates")]
    EmptyBundle,
    /// DER that is neither a certificate nor a PKCS #7 SignedData.
    #[error("not a certificate nor a PKCS #7 bundle: {0}")]
    Malformed(#[source] PkiError),
    /// PEM or base64 whose blocks cannot be read as certificates.
    #[error(transparent)]
    Input(PkiError),
}

/// Reads the certificates of a caIssuers answer: one DER certificate, a
/// DER or PEM PKCS #7 SignedData (its certificates), or PEM certificates.
pub fn parse_certificates(body: &[u8]) -> Result<Vec<Certificate>, CaIssuersError> {
    if body.is_empty() {
        return Err(CaIssuersError::Empty);
    }
    if body.first() == Some(&0x30) {
        if let Ok(cert) = Certificate::from_der(body.to_vec()) {
            return Ok(vec![cert]);
        }
        return certs_only(body);
    }
    let text = String::from_utf8_lossy(body);
    if text.contains("-----BEGIN PKCS7-----") || text.contains("-----BEGIN CMS-----") {
        let blocks =
            crate::input::decode_objects(body, &AIA_INPUT).map_err(CaIssuersError::Input)?;
        let mut out = Vec::new();
        for b in blocks {
            out.extend(certs_only(&b)?);
        }
        return Ok(out);
    }
    if text.contains("-----BEGIN ") {
        let all = crate::input::decode_objects(body, &AIA_INPUT).map_err(CaIssuersError::Input)?;
        return all
            .into_iter()
            .map(|der| Certificate::from_der(der).map_err(CaIssuersError::Input))
            .collect();
    }
    // Bare base64 of either form.
    let der = decode_base64(body).map_err(CaIssuersError::Input)?;
    if der.first() == Some(&0x30) {
        return parse_certificates(&der);
    }
    Err(CaIssuersError::NotCertificates)
}

fn certs_only(der: &[u8]) -> Result<Vec<Certificate>, CaIssuersError> {
    let sd = SignedData::from_ber(der).map_err(CaIssuersError::Malformed)?;
    if sd.certificates.is_empty() {
        return Err(CaIssuersError::EmptyBundle);
    }
    Ok(sd.certificates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_seconds() {
        assert_eq!(seconds(Duration::from_secs(10)), "10 s");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5 s");
        assert_eq!(
            FetchError::Timeout(Duration::from_secs(10)).to_string(),
            "timed out after 10 s"
        );
    }

    #[test]
    fn only_http_urls_are_fetched() {
        assert!(is_fetchable("http://ca.example/x.crl"));
        assert!(is_fetchable("HTTPS://ca.example/x.crl"));
        assert!(!is_fetchable(
            "ldap://ca.example/cn=x?certificateRevocationList"
        ));
        assert!(!is_fetchable("file:///etc/passwd"));
        assert!(!is_fetchable("htt"));
    }

    #[test]
    fn garbage_is_not_a_certificate() {
        assert!(parse_certificates(b"").is_err());
        assert!(parse_certificates(b"<html>not found</html>").is_err());
        assert!(parse_certificates(&[0x30, 0x03, 0x02, 0x01, 0x05]).is_err());
        assert!(
            parse_certificates(
                b"-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----END CERTIFICATE-----\n"
            )
            .is_err()
        );
    }
}
