//! Certificate revocation: CRLs ([RFC 5280] sections 5 and 6.3) and OCSP
//! ([RFC 6960]), from the values a signature carries, the certificate's
//! OCSP responder and CRL distribution points, and a local CRL directory.
//!
//! [`RevocationChecker::status`] tries, in order, and stops at the first
//! source that gives an answer it can trust:
//!
//! 1. the CRLs and OCSP responses embedded in the signature (CAdES-X Long
//!    revocation values), offline;
//! 2. OCSP at the certificate's authorityInfoAccess URLs (first when
//!    [`RevocationConfig::prefer_ocsp`], else after CRLs);
//! 3. CRLs: the cache, then [`RevocationConfig::crl_dir`], then the
//!    certificate's HTTP CRL distribution points.
//!
//! Every source that fails adds a reason ("OCSP http://…: timed out after
//! 10 s", "CRL http://…: signature does not verify: …"); when none
//! answers, the status is [`RevocationStatus::Unknown`] with all of them.
//! Nothing here panics, and every request ends within the configured
//! timeout (at most [`MAX_URLS`] URLs per method are tried). Values a
//! signature carries are parsed once ([`EmbeddedValues`]) and at most
//! [`MAX_EMBEDDED_TRIES`] of each kind are examined per certificate, so a
//! signature stuffed with forged CRLs costs a bounded number of checks.
//!
//! The validation time is an argument. Revocation data must not have
//! expired before it (nextUpdate, with the clock skew); data issued after
//! it is accepted, because revocation is permanent: a later CRL that does
//! not list the certificate shows it was not revoked then either, and one
//! that lists it says since when. [`RevocationStatus::Revoked`] therefore
//! carries the revocation time, which may be after the validation time;
//! the caller decides what that means (a signature time-stamped before the
//! revocation stays valid unless the key was compromised, by policy).
//!
//! [RFC 5280]: https://datatracker.ietf.org/doc/html/rfc5280#section-6.3
//! [RFC 6960]: https://datatracker.ietf.org/doc/html/rfc6960

mod asn1;
pub mod cache;
pub mod crl;
pub mod ocsp;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use signet_crypto::DigestAlgorithm;
use time::OffsetDateTime;

use self::cache::ExpiringCache;
use self::crl::{CheckOptions, Crl, MAX_CRL_LEN};
pub use self::ocsp::BasicOcspResponse;
use self::ocsp::{
    CertId, CheckedAnswer, MAX_OCSP_RESPONSE_LEN, OCSP_REQUEST_TYPE, OcspAnswer, OcspRequest,
    OcspResponse, OcspResponseStatus,
};
use crate::net::{FetchError, Fetcher, is_fetchable};
use crate::signature::SignatureError;
use crate::{Certificate, CertificateFields, DistinguishedName};

/// Most OCSP URLs, and most CRL URLs, tried for one certificate.
pub const MAX_URLS: usize = 3;
/// Most embedded CRLs, and most embedded OCSP responses, examined for one
/// certificate: those that cannot be read, and those that name its issuer
/// (a CRL) or it (an OCSP response) and so cost a signature check. A
/// signature carries one or two per CA; a signature stuffed with
/// thousands of same-named forgeries costs this many checks per link.
pub const MAX_EMBEDDED_TRIES: usize = 16;
/// Most files read from the CRL directory.
pub const MAX_DIR_FILES: usize = 1000;
/// How long a CRL without nextUpdate counts as current, and is cached.
pub const CRL_DEFAULT_VALIDITY: Duration = Duration::from_secs(3600);
/// How long an OCSP answer without nextUpdate counts as current, and is
/// cached.
pub const OCSP_DEFAULT_VALIDITY: Duration = Duration::from_secs(300);
/// How long a URL that could not be fetched (timeout, refused
/// connection, HTTP error) is not asked again, so that a dead responder
/// does not cost every validation a timeout.
pub const FAILURE_TTL: Duration = Duration::from_secs(30);
/// Longest time anything is cached, whatever its nextUpdate says, so that
/// a CA's early re-issue is seen within a day.
pub const MAX_CACHE_TTL: Duration = Duration::from_secs(24 * 3600);

/// A CRL reason code ([RFC 5280 section 5.3.1]).
///
/// [RFC 5280 section 5.3.1]: https://datatracker.ietf.org/doc/html/rfc5280#section-5.3.1
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CrlReason(pub u32);

impl CrlReason {
    /// unspecified (0).
    pub const UNSPECIFIED: CrlReason = CrlReason(0);
    /// keyCompromise (1).
    pub const KEY_COMPROMISE: CrlReason = CrlReason(1);
    /// cACompromise (2).
    pub const CA_COMPROMISE: CrlReason = CrlReason(2);
    /// affiliationChanged (3).
    pub const AFFILIATION_CHANGED: CrlReason = CrlReason(3);
    /// superseded (4).
    pub const SUPERSEDED: CrlReason = CrlReason(4);
    /// cessationOfOperation (5).
    pub const CESSATION_OF_OPERATION: CrlReason = CrlReason(5);
    /// certificateHold (6).
    pub const CERTIFICATE_HOLD: CrlReason = CrlReason(6);
    /// removeFromCRL (8), only in delta CRLs.
    pub const REMOVE_FROM_CRL: CrlReason = CrlReason(8);
    /// privilegeWithdrawn (9).
    pub const PRIVILEGE_WITHDRAWN: CrlReason = CrlReason(9);
    /// aACompromise (10).
    pub const AA_COMPROMISE: CrlReason = CrlReason(10);

    /// The RFC 5280 name ("keyCompromise"), if the code is assigned.
    pub fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            0 => "unspecified",
            1 => "keyCompromise",
            2 => "cACompromise",
            3 => "affiliationChanged",
            4 => "superseded",
            5 => "cessationOfOperation",
            6 => "certificateHold",
            8 => "removeFromCRL",
            9 => "privilegeWithdrawn",
            10 => "aACompromise",
            _ => return None,
        })
    }
}

impl std::fmt::Display for CrlReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "reason code {}", self.0),
        }
    }
}

/// What one source says about a certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Not revoked.
    Good,
    /// Revoked.
    Revoked {
        /// When (revocationDate / revocationTime).
        time: OffsetDateTime,
        /// Why, if said.
        reason: Option<CrlReason>,
    },
}

/// Where an answer came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RevocationSource {
    /// A CRL: fetched from `url`, read from the CRL directory (`file://`
    /// URL), or embedded in the signature (`None`).
    Crl {
        /// Where it was fetched or read.
        url: Option<String>,
    },
    /// An OCSP response: from the responder at `url`, or embedded (`None`).
    Ocsp {
        /// The responder.
        url: Option<String>,
    },
}

/// A certificate's revocation status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RevocationStatus {
    /// Not revoked, according to `source`.
    Good {
        /// Where the answer came from.
        source: RevocationSource,
    },
    /// Revoked at `time` (which may be after the validation time: see the
    /// module documentation).
    Revoked {
        /// revocationDate / revocationTime.
        time: OffsetDateTime,
        /// The reason's RFC 5280 name ("keyCompromise"), if given.
        reason: Option<String>,
        /// Where the answer came from.
        source: RevocationSource,
    },
    /// No source gave a trustworthy answer.
    Unknown {
        /// Why, one entry per source tried.
        reasons: Vec<String>,
    },
}

/// A status with the notes made on the way (an accepted stale CRL, an
/// OCSP responder that did not echo the nonce).
#[derive(Clone, Debug)]
pub struct RevocationReport {
    /// The status.
    pub status: RevocationStatus,
    /// Remarks that did not change the status.
    pub notes: Vec<String>,
    /// What the status was read from, when asked for
    /// ([`RevocationChecker::check_with_evidence`]).
    pub evidence: Option<Evidence>,
}

/// The revocation data a status was read from, as CAdES-X Long keeps it
/// (revocation-values, [RFC 5126] section 6.3.4).
///
/// [RFC 5126]: https://datatracker.ietf.org/doc/html/rfc5126#section-6.3.4
#[derive(Clone, Debug)]
pub enum Evidence {
    /// A CRL (DER).
    Crl(Vec<u8>),
    /// An OCSP answer.
    Ocsp(Box<BasicOcspResponse>),
}

/// How revocation is checked.
#[derive(Clone, Debug)]
pub struct RevocationConfig {
    /// Per-request timeout (connect and the whole answer). Default 10 s.
    pub timeout: Duration,
    /// Try OCSP before CRLs. Default true.
    pub prefer_ocsp: bool,
    /// A directory of CRLs (`*.crl`, `*.pem`, `*.der`; DER or PEM), used
    /// for any issuer whose CRL it holds.
    pub crl_dir: Option<PathBuf>,
    /// Accept a CRL whose nextUpdate has passed, noting it. Default false.
    pub allow_stale_crl: bool,
    /// Tolerated clock difference with CAs and responders. Default 5 min.
    pub clock_skew: Duration,
    /// Fetch over the network; false is offline (embedded values, the CRL
    /// directory and the cache only). Default true.
    pub fetch: bool,
}

impl Default for RevocationConfig {
    fn default() -> Self {
        RevocationConfig {
            timeout: Duration::from_secs(10),
            prefer_ocsp: true,
            crl_dir: None,
            allow_stale_crl: false,
            clock_skew: Duration::from_secs(300),
            fetch: true,
        }
    }
}

/// Why a CRL or OCSP response was not used. Each variant names the rule
/// that broke.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RevocationError {
    /// Not a well-formed CRL or OCSP response.
    #[error("malformed {what}: {detail}")]
    Malformed {
        /// What was read.
        what: &'static str,
        /// The fault.
        detail: String,
    },
    /// Larger than the limit.
    #[error("the {what} is {len} bytes, more than the limit of {limit}")]
    TooLarge {
        /// What was read.
        what: &'static str,
        /// Its size.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// Well-formed, but a feature signet does not implement.
    #[error("not supported: {0}")]
    Unsupported(String),
    /// The CRL is not issued by the certificate's issuer
    /// ([RFC 5280 section 6.3.3] (b)(1)).
    ///
    /// [RFC 5280 section 6.3.3]: https://datatracker.ietf.org/doc/html/rfc5280#section-6.3.3
    #[error("issued by \"{found}\", not by the certificate's issuer \"{expected}\"")]
    WrongIssuer {
        /// The CRL's issuer.
        found: String,
        /// The certificate's issuer.
        expected: String,
    },
    /// The CRL's authorityKeyIdentifier names another key of the issuer.
    #[error("signed with another key of the issuer (authorityKeyIdentifier differs)")]
    KeyIdMismatch,
    /// The signature does not verify with the issuer's (or responder's) key.
    #[error("signature does not verify: {0}")]
    BadSignature(SignatureError),
    /// The issuer's keyUsage does not allow signing CRLs
    /// ([RFC 5280 section 4.2.1.3]).
    ///
    /// [RFC 5280 section 4.2.1.3]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.3
    #[error("the issuer's keyUsage lacks cRLSign")]
    IssuerNotCrlSigner,
    /// The data expired before the validation time.
    #[error("stale: {what} {} is before the validation time {}", rfc3339(*.expired), rfc3339(*.time))]
    Stale {
        /// Which time ("nextUpdate").
        what: &'static str,
        /// When it expired.
        expired: OffsetDateTime,
        /// The validation time.
        time: OffsetDateTime,
    },
    /// A critical extension signet does not process.
    #[error("has a critical extension signet does not process: {0}")]
    UnknownCriticalExtension(String),
    /// The CRL's scope (issuingDistributionPoint) excludes the certificate.
    #[error("the CRL does not cover this certificate: {0}")]
    OutOfScope(String),
    /// The OCSP responder did not answer "successful".
    #[error("the responder answered \"{0}\"")]
    OcspStatus(OcspResponseStatus),
    /// The OCSP response does not speak of this certificate.
    #[error("the response has no answer for this certificate")]
    NoMatchingResponse,
    /// The OCSP response's nonce is not the request's.
    #[error("the nonce in the response does not match the request (replayed answer?)")]
    NonceMismatch,
    /// The OCSP response is signed by someone the issuer did not authorise.
    #[error("unauthorised responder: {0}")]
    UnauthorizedResponder(String),
    /// The responder does not know the certificate.
    #[error("the responder does not know the certificate (status unknown)")]
    OcspUnknown,
    /// Fetching failed.
    #[error("{0}")]
    Fetch(#[from] FetchError),
}

/// RFC 3339 text of a time.
pub(crate) fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| t.to_string())
}

/// Whether two DER Names are the same: byte equality, or equality after
/// decoding and re-encoding both (which irons out encoding differences a
/// lenient parser let through).
pub(crate) fn names_equal(a: &[u8], b: &[u8]) -> bool {
    use der::{Decode as _, Encode as _};
    if a == b {
        return true;
    }
    let canon = |d: &[u8]| {
        x509_cert::name::Name::from_der(d)
            .ok()
            .and_then(|n| n.to_der().ok())
    };
    match (canon(a), canon(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// A Name DER as text.
pub(crate) fn name_text(der: &[u8]) -> String {
    use der::Decode as _;
    x509_cert::name::Name::from_der(der)
        .map(|n| DistinguishedName::from_name(&n).to_string())
        .unwrap_or_else(|_| "(unreadable name)".into())
}

/// The short name of a certificate for messages.
pub(crate) fn simple_name(f: &CertificateFields) -> String {
    f.subject
        .simple_name()
        .map(str::to_owned)
        .unwrap_or_else(|| f.subject.to_string())
}

/// An issuer certificate (DER) and the outcome of [`Crl::verify_issuer`]
/// with it.
type IssuerCheck = (Vec<u8>, Result<(), RevocationError>);

/// A cached CRL and the outcome of checking it against issuer
/// certificates, so that neither a good CRL nor a forged one costs its
/// signature check twice.
struct CachedCrl {
    crl: Crl,
    /// At most [`CachedCrl::REMEMBERED`].
    checked: Mutex<Vec<IssuerCheck>>,
}

impl CachedCrl {
    /// Issuer certificates remembered per CRL (a CA's re-issued
    /// certificates, the impostors a signature names).
    const REMEMBERED: usize = 8;

    fn new(crl: Crl) -> Self {
        CachedCrl {
            crl,
            checked: Mutex::new(Vec::new()),
        }
    }

    /// [`Crl::verify_issuer`], remembered per issuer certificate.
    fn verify_issuer(
        &self,
        issuer: &Certificate,
        issuer_fields: &CertificateFields,
    ) -> Result<(), RevocationError> {
        let lock = || self.checked.lock().unwrap_or_else(|p| p.into_inner());
        let seen = |checked: &[IssuerCheck]| {
            checked
                .iter()
                .find(|(der, _)| der.as_slice() == issuer.der())
                .map(|(_, outcome)| outcome.clone())
        };
        if let Some(outcome) = seen(&lock()) {
            return outcome;
        }
        let outcome = self.crl.verify_issuer(issuer, issuer_fields);
        let mut checked = lock();
        if seen(&checked).is_none() && checked.len() < Self::REMEMBERED {
            checked.push((issuer.der().to_vec(), outcome.clone()));
        }
        outcome
    }
}

/// Revocation values carried in a signature (CAdES-X Long
/// revocation-values, the SignedData's `crls`), parsed once and then asked
/// about every certificate of every signer's path. Cloning shares the
/// parsed values (and the signature checks [`CachedCrl`] remembers).
#[derive(Clone, Default)]
pub struct EmbeddedValues {
    crls: Vec<Arc<Result<CachedCrl, RevocationError>>>,
    ocsp: Vec<Arc<Result<OcspResponse, RevocationError>>>,
}

impl EmbeddedValues {
    /// Parses DER CRLs and DER `OCSPResponse`s; one that cannot be read
    /// stays as its error, reported when a certificate is checked.
    pub fn parse(crls: &[Vec<u8>], ocsp: &[Vec<u8>]) -> Self {
        EmbeddedValues {
            crls: crls
                .iter()
                .map(|der| Arc::new(Crl::parse(der).map(CachedCrl::new)))
                .collect(),
            ocsp: ocsp
                .iter()
                .map(|der| Arc::new(OcspResponse::from_der(der)))
                .collect(),
        }
    }

    /// These values, then `more`'s.
    pub fn followed_by(&self, more: &EmbeddedValues) -> Self {
        EmbeddedValues {
            crls: self.crls.iter().chain(&more.crls).cloned().collect(),
            ocsp: self.ocsp.iter().chain(&more.ocsp).cloned().collect(),
        }
    }
}

/// Counts the embedded values examined for one certificate against
/// [`MAX_EMBEDDED_TRIES`].
struct TryBudget {
    what: &'static str,
    tried: usize,
    skipped: usize,
}

impl TryBudget {
    fn new(what: &'static str) -> Self {
        TryBudget {
            what,
            tried: 0,
            skipped: 0,
        }
    }

    /// Whether one more may be examined; counts it either way.
    fn take(&mut self) -> bool {
        if self.tried < MAX_EMBEDDED_TRIES {
            self.tried += 1;
            true
        } else {
            self.skipped += 1;
            false
        }
    }

    /// The reason to give when some were skipped.
    fn reason(&self) -> Option<String> {
        (self.skipped > 0).then(|| {
            format!(
                "{} more embedded {} not examined (at most {MAX_EMBEDDED_TRIES} per certificate)",
                self.skipped, self.what
            )
        })
    }
}

/// A CRL file of the directory, as last read.
struct DirFile {
    modified: Option<SystemTime>,
    len: u64,
    crl: Option<Arc<CachedCrl>>,
}

/// Checks certificates' revocation status, with per-instance caches of
/// CRLs (by URL, until nextUpdate, at most 256 and 256 MiB), OCSP answers
/// (by CertID, until nextUpdate or 5 minutes, at most 10,000) and fetch
/// failures (by URL, [`FAILURE_TTL`]). Shareable between threads.
pub struct RevocationChecker {
    config: RevocationConfig,
    fetcher: Arc<dyn Fetcher>,
    crls: ExpiringCache<String, CachedCrl>,
    ocsp: ExpiringCache<CertId, (String, OcspAnswer)>,
    dir: Mutex<HashMap<PathBuf, DirFile>>,
    failures: ExpiringCache<String, FetchError>,
}

/// Which method.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Ocsp,
    Crl,
}

impl RevocationChecker {
    /// A checker with `config`, fetching with `fetcher` (an
    /// [`crate::net::HttpFetcher`] with the same timeout, normally).
    pub fn new(config: RevocationConfig, fetcher: Arc<dyn Fetcher>) -> Self {
        RevocationChecker {
            config,
            fetcher,
            crls: ExpiringCache::new(256, 256 << 20),
            ocsp: ExpiringCache::new(10_000, 10_000),
            dir: Mutex::new(HashMap::new()),
            failures: ExpiringCache::new(1000, 1000),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &RevocationConfig {
        &self.config
    }

    /// The status of `cert`, issued by `issuer`, at `time`.
    /// `embedded_crls` and `embedded_ocsp` are DER CRLs and OCSP responses
    /// carried in a signature (CAdES-X Long revocation values); they are
    /// tried first, offline.
    pub fn status(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        time: OffsetDateTime,
        embedded_crls: &[Vec<u8>],
        embedded_ocsp: &[Vec<u8>],
    ) -> RevocationStatus {
        self.check(cert, issuer, time, embedded_crls, embedded_ocsp)
            .status
    }

    /// [`RevocationChecker::status`] with the notes made on the way.
    pub fn check(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        time: OffsetDateTime,
        embedded_crls: &[Vec<u8>],
        embedded_ocsp: &[Vec<u8>],
    ) -> RevocationReport {
        let embedded = EmbeddedValues::parse(embedded_crls, embedded_ocsp);
        self.check_embedded(cert, issuer, time, &embedded)
    }

    /// [`RevocationChecker::check`] with values parsed beforehand, for
    /// asking about many certificates (a path, several signers).
    pub fn check_embedded(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        time: OffsetDateTime,
        embedded: &EmbeddedValues,
    ) -> RevocationReport {
        self.run(cert, issuer, time, embedded, false)
    }

    /// The status of `cert` at `time` from the network and the CRL
    /// directory, with the CRL or OCSP answer it was read from, to be kept
    /// in a signature (CAdES-X Long). OCSP answers are fetched afresh
    /// rather than taken from the cache, which keeps only the verdicts.
    pub fn check_with_evidence(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        time: OffsetDateTime,
    ) -> RevocationReport {
        self.run(cert, issuer, time, &EmbeddedValues::default(), true)
    }

    fn run(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        time: OffsetDateTime,
        embedded: &EmbeddedValues,
        want_evidence: bool,
    ) -> RevocationReport {
        let mut run = Run {
            want_evidence,
            evidence: None,
            checker: self,
            cert,
            issuer,
            cert_fields: cert.fields(),
            issuer_fields: issuer.fields(),
            time,
            reasons: Vec::new(),
            notes: Vec::new(),
        };
        let order = if self.config.prefer_ocsp {
            [Method::Ocsp, Method::Crl]
        } else {
            [Method::Crl, Method::Ocsp]
        };
        for method in order {
            let found = match method {
                Method::Ocsp => run.embedded_ocsp(&embedded.ocsp),
                Method::Crl => run.embedded_crls(&embedded.crls),
            };
            if let Some(status) = found {
                return run.report(status);
            }
        }
        for method in order {
            let found = match method {
                Method::Ocsp => run.online_ocsp(),
                Method::Crl => run.crls(),
            };
            if let Some(status) = found {
                return run.report(status);
            }
        }
        if run.reasons.is_empty() {
            run.reasons.push(
                "no revocation information: the certificate names no OCSP responder or CRL distribution point, \
                 and none was supplied"
                    .into(),
            );
        }
        let reasons = std::mem::take(&mut run.reasons);
        run.report(RevocationStatus::Unknown { reasons })
    }
}

/// One status check.
struct Run<'a> {
    /// Keep what the status is read from.
    want_evidence: bool,
    evidence: Option<Evidence>,
    checker: &'a RevocationChecker,
    cert: &'a Certificate,
    issuer: &'a Certificate,
    cert_fields: &'a CertificateFields,
    issuer_fields: &'a CertificateFields,
    time: OffsetDateTime,
    reasons: Vec<String>,
    notes: Vec<String>,
}

fn status_of(verdict: Verdict, source: RevocationSource) -> RevocationStatus {
    match verdict {
        Verdict::Good => RevocationStatus::Good { source },
        Verdict::Revoked { time, reason } => RevocationStatus::Revoked {
            time,
            reason: reason.map(|r| r.to_string()),
            source,
        },
    }
}

/// How long to cache data whose nextUpdate is `next` (none: `default`).
fn ttl(next: Option<OffsetDateTime>, default: Duration) -> Duration {
    match next {
        Some(n) => {
            let left = n - OffsetDateTime::now_utc();
            Duration::try_from(left)
                .unwrap_or(Duration::ZERO)
                .min(MAX_CACHE_TTL)
        }
        None => default,
    }
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

impl Run<'_> {
    fn report(self, status: RevocationStatus) -> RevocationReport {
        RevocationReport {
            status,
            notes: self.notes,
            evidence: self.evidence,
        }
    }

    fn crl_options(&self) -> CheckOptions {
        CheckOptions {
            clock_skew: self.checker.config.clock_skew,
            allow_stale: self.checker.config.allow_stale_crl,
        }
    }

    fn ocsp_options(&self) -> CheckOptions {
        CheckOptions {
            clock_skew: self.checker.config.clock_skew,
            allow_stale: false,
        }
    }

    fn note(&mut self, source: &str, notes: Vec<String>) {
        self.notes
            .extend(notes.into_iter().map(|n| format!("{source}: {n}")));
    }

    /// Uses a verified OCSP answer: a status, or a reason.
    fn take_answer(
        &mut self,
        label: &str,
        checked: CheckedAnswer,
        url: Option<String>,
        basic: &BasicOcspResponse,
    ) -> Option<RevocationStatus> {
        self.note(label, checked.notes);
        match checked.answer.verdict() {
            Some(v) => {
                if self.want_evidence {
                    self.evidence = Some(Evidence::Ocsp(Box::new(basic.clone())));
                }
                Some(status_of(v, RevocationSource::Ocsp { url }))
            }
            None => {
                self.reasons
                    .push(format!("{label}: {}", RevocationError::OcspUnknown));
                None
            }
        }
    }

    fn embedded_ocsp(
        &mut self,
        responses: &[Arc<Result<OcspResponse, RevocationError>>],
    ) -> Option<RevocationStatus> {
        let options = self.ocsp_options();
        let mut budget = TryBudget::new("OCSP responses");
        for (i, parsed) in responses.iter().enumerate() {
            let basic = match parsed.as_ref() {
                Ok(r) => match &r.basic {
                    Some(b) if r.status == OcspResponseStatus::Successful => Ok(b),
                    _ => Err(RevocationError::OcspStatus(r.status)),
                },
                Err(e) => Err(e.clone()),
            };
            // One about another certificate of the signature costs nothing.
            if basic
                .as_ref()
                .is_ok_and(|b| b.find(self.cert, self.issuer).is_none())
                || !budget.take()
            {
                continue;
            }
            let label = format!("embedded OCSP response #{}", i + 1);
            match basic.and_then(|b| {
                b.check(self.cert, self.issuer, self.time, None, &options)
                    .map(|c| (c, b))
            }) {
                Ok((c, b)) => {
                    if let Some(s) = self.take_answer(&label, c, None, b) {
                        return Some(s);
                    }
                }
                Err(e) => self.reasons.push(format!("{label}: {e}")),
            }
        }
        self.reasons.extend(budget.reason());
        None
    }

    fn embedded_crls(
        &mut self,
        crls: &[Arc<Result<CachedCrl, RevocationError>>],
    ) -> Option<RevocationStatus> {
        let mut budget = TryBudget::new("CRLs");
        for (i, parsed) in crls.iter().enumerate() {
            // Another CA's CRL, for another certificate of the path, costs
            // nothing.
            if parsed
                .as_ref()
                .as_ref()
                .is_ok_and(|c| !c.crl.is_issued_by_name(self.issuer))
                || !budget.take()
            {
                continue;
            }
            let label = format!("embedded CRL #{}", i + 1);
            match parsed.as_ref() {
                Err(e) => self.reasons.push(format!("{label}: {e}")),
                Ok(crl) => {
                    if let Some(s) = self.use_crl(&label, crl, RevocationSource::Crl { url: None })
                    {
                        return Some(s);
                    }
                }
            }
        }
        self.reasons.extend(budget.reason());
        None
    }

    /// Checks a CRL for the certificate: a status, or a reason.
    fn use_crl(
        &mut self,
        label: &str,
        crl: &CachedCrl,
        source: RevocationSource,
    ) -> Option<RevocationStatus> {
        match self.crl_verdict(crl) {
            Ok((v, notes)) => {
                self.note(label, notes);
                self.keep_crl(crl);
                Some(status_of(v, source))
            }
            Err(e) => {
                self.reasons.push(format!("{label}: {e}"));
                None
            }
        }
    }

    /// Keeps the CRL a status was read from, when asked to.
    fn keep_crl(&mut self, crl: &CachedCrl) {
        if self.want_evidence {
            self.evidence = Some(Evidence::Crl(crl.crl.der().to_vec()));
        }
    }

    fn crl_verdict(&self, crl: &CachedCrl) -> Result<(Verdict, Vec<String>), RevocationError> {
        let mut notes = Vec::new();
        crl.verify_issuer(self.issuer, self.issuer_fields)?;
        crl.crl.check_scope_and_time(
            self.cert_fields,
            self.time,
            &self.crl_options(),
            &mut notes,
        )?;
        Ok((crl.crl.status_of(&self.cert_fields.serial_number)?, notes))
    }

    fn online_ocsp(&mut self) -> Option<RevocationStatus> {
        let urls: Vec<String> = self
            .cert_fields
            .extensions
            .ocsp_urls
            .iter()
            .take(MAX_URLS)
            .cloned()
            .collect();
        if urls.is_empty() {
            return None;
        }
        let key = CertId::new(self.cert, self.issuer, DigestAlgorithm::Sha1);
        if let Some(hit) = self.checker.ocsp.get(&key).filter(|_| !self.want_evidence) {
            let (url, answer) = hit.as_ref();
            let mut notes = Vec::new();
            if answer
                .check_fresh(self.time, &self.ocsp_options(), &mut notes)
                .is_ok()
                && let Some(v) = answer.verdict()
            {
                return Some(status_of(
                    v,
                    RevocationSource::Ocsp {
                        url: Some(url.clone()),
                    },
                ));
            }
        }
        for url in urls {
            let label = format!("OCSP {url}");
            if !self.may_fetch(&label, &url) {
                continue;
            }
            match self.fetch_ocsp(&url) {
                Ok((checked, basic)) => {
                    let answer = checked.answer.clone();
                    if answer.verdict().is_some() {
                        let ttl = ttl(answer.next_update, OCSP_DEFAULT_VALIDITY);
                        self.checker.ocsp.insert(
                            key.clone(),
                            Arc::new((url.clone(), answer)),
                            ttl,
                            1,
                        );
                    }
                    if let Some(s) = self.take_answer(&label, checked, Some(url), &basic) {
                        return Some(s);
                    }
                }
                Err(e) => {
                    self.remember_failure(&url, &e);
                    self.reasons.push(format!("{label}: {e}"));
                }
            }
        }
        None
    }

    /// Whether `url` may be fetched now; if not, says why.
    fn may_fetch(&mut self, label: &str, url: &str) -> bool {
        if !is_fetchable(url) {
            self.reasons
                .push(format!("{label}: {}", FetchError::UnsupportedScheme));
            return false;
        }
        if !self.checker.config.fetch {
            self.reasons
                .push(format!("{label}: not fetched (network access is off)"));
            return false;
        }
        if let Some(failure) = self.checker.failures.get(url) {
            self.reasons.push(format!(
                "{label}: {failure} (a moment ago; not retried for {} s)",
                FAILURE_TTL.as_secs()
            ));
            return false;
        }
        true
    }

    /// Remembers a network failure of `url` for [`FAILURE_TTL`].
    fn remember_failure(&self, url: &str, error: &RevocationError) {
        if let RevocationError::Fetch(e) = error {
            self.checker
                .failures
                .insert(url.to_owned(), Arc::new(e.clone()), FAILURE_TTL, 1);
        }
    }

    fn fetch_ocsp(&self, url: &str) -> Result<(CheckedAnswer, BasicOcspResponse), RevocationError> {
        let request = OcspRequest::new(self.cert, self.issuer)?;
        let body = self.checker.fetcher.post(
            url,
            OCSP_REQUEST_TYPE,
            request.der(),
            MAX_OCSP_RESPONSE_LEN,
        )?;
        let response = OcspResponse::from_der(&body)?;
        match response.basic {
            Some(basic) if response.status == OcspResponseStatus::Successful => basic
                .check(
                    self.cert,
                    self.issuer,
                    self.time,
                    Some(&request),
                    &self.ocsp_options(),
                )
                .map(|checked| (checked, basic)),
            _ => Err(RevocationError::OcspStatus(response.status)),
        }
    }

    fn crls(&mut self) -> Option<RevocationStatus> {
        let named = &self.cert_fields.extensions.crl_distribution_points;
        let urls: Vec<String> = named.iter().take(MAX_URLS).cloned().collect();
        let untried = named.len().saturating_sub(MAX_URLS);
        for url in &urls {
            if let Some(hit) = self.checker.crls.get(url.as_str())
                && let Ok((v, notes)) = self.crl_verdict(&hit)
            {
                self.note(&format!("CRL {url}"), notes);
                self.keep_crl(&hit);
                return Some(status_of(
                    v,
                    RevocationSource::Crl {
                        url: Some(url.clone()),
                    },
                ));
            }
        }
        if let Some(dir) = self.checker.config.crl_dir.clone()
            && let Some(s) = self.crl_dir(&dir)
        {
            return Some(s);
        }
        for url in urls {
            let label = format!("CRL {url}");
            if !self.may_fetch(&label, &url) {
                continue;
            }
            let crl = match self
                .checker
                .fetcher
                .get(&url, MAX_CRL_LEN)
                .map_err(RevocationError::from)
                .and_then(|b| Crl::parse(&b))
            {
                Ok(c) => Arc::new(CachedCrl::new(c)),
                Err(e) => {
                    self.remember_failure(&url, &e);
                    self.reasons.push(format!("{label}: {e}"));
                    continue;
                }
            };
            let result = self.use_crl(
                &label,
                &crl,
                RevocationSource::Crl {
                    url: Some(url.clone()),
                },
            );
            if result.is_some() {
                let ttl = ttl(crl.crl.next_update, CRL_DEFAULT_VALIDITY);
                let weight = crl.crl.memory_size();
                self.checker.crls.insert(url, crl, ttl, weight);
                return result;
            }
        }
        if untried > 0 {
            self.reasons.push(format!(
                "{untried} more CRL distribution points not tried (at most {MAX_URLS} per certificate)"
            ));
        }
        None
    }

    /// The CRLs of the directory whose issuer is the certificate's issuer.
    fn crl_dir(&mut self, dir: &Path) -> Option<RevocationStatus> {
        let label = format!("CRL directory {}", dir.display());
        let files = match dir_files(dir) {
            Ok(f) => f,
            Err(e) => {
                self.reasons.push(format!("{label}: {e}"));
                return None;
            }
        };
        let mut matched = false;
        for (path, modified, len) in files {
            let cached = {
                let index = self.checker.dir.lock().unwrap_or_else(|p| p.into_inner());
                index
                    .get(&path)
                    .filter(|f| f.modified == modified && f.len == len)
                    .map(|f| f.crl.clone())
            };
            let crl = match cached {
                Some(c) => c,
                None => {
                    let crl = std::fs::read(&path)
                        .ok()
                        .and_then(|bytes| Crl::parse(&bytes).ok())
                        .map(|c| Arc::new(CachedCrl::new(c)));
                    let mut index = self.checker.dir.lock().unwrap_or_else(|p| p.into_inner());
                    index.insert(
                        path.clone(),
                        DirFile {
                            modified,
                            len,
                            crl: crl.clone(),
                        },
                    );
                    crl
                }
            };
            let Some(crl) = crl else { continue };
            if !crl.crl.is_issued_by_name(self.issuer) {
                continue;
            }
            matched = true;
            let label = format!("CRL file {}", path.display());
            if let Some(s) = self.use_crl(
                &label,
                &crl,
                RevocationSource::Crl {
                    url: Some(file_url(&path)),
                },
            ) {
                return Some(s);
            }
        }
        if !matched {
            self.reasons.push(format!(
                "{label}: no CRL issued by \"{}\"",
                simple_name(self.issuer_fields)
            ));
        }
        None
    }
}

/// The CRL files of a directory (`*.crl`, `*.pem`, `*.der`), sorted by
/// name, with their modification time and size.
fn dir_files(dir: &Path) -> Result<Vec<(PathBuf, Option<SystemTime>, u64)>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot be read: {e}"))?;
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "crl" | "pem" | "der"));
        if !wanted {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() || meta.len() > crl::CRL_INPUT.max_input as u64 {
            continue;
        }
        out.push((path, meta.modified().ok(), meta.len()));
        if out.len() == MAX_DIR_FILES {
            break;
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_names() {
        assert_eq!(CrlReason::KEY_COMPROMISE.to_string(), "keyCompromise");
        assert_eq!(CrlReason(7).to_string(), "reason code 7");
        assert_eq!(CrlReason::AA_COMPROMISE.name(), Some("aACompromise"));
    }

    #[test]
    fn stale_reads_well() {
        let t = OffsetDateTime::from_unix_timestamp(1_795_627_929).unwrap();
        let e = RevocationError::Stale {
            what: "nextUpdate",
            expired: t,
            time: t + time::Duration::hours(2),
        };
        assert_eq!(
            e.to_string(),
            "stale: nextUpdate 2026-11-25T17:32:09Z is before the validation time 2026-11-25T19:32:09Z"
        );
    }

    #[test]
    fn cache_lifetimes() {
        assert_eq!(ttl(None, OCSP_DEFAULT_VALIDITY), OCSP_DEFAULT_VALIDITY);
        let past = OffsetDateTime::now_utc() - time::Duration::hours(1);
        assert_eq!(ttl(Some(past), OCSP_DEFAULT_VALIDITY), Duration::ZERO);
        let far = OffsetDateTime::now_utc() + time::Duration::days(30);
        assert_eq!(ttl(Some(far), OCSP_DEFAULT_VALIDITY), MAX_CACHE_TTL);
    }

    #[test]
    fn checker_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<RevocationChecker>();
    }
}
