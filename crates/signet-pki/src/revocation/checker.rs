//! The checker: which sources are asked in which order, what each answer
//! costs, and the caches. The sources themselves are in
//! [`super::embedded`] (values a signature carries), [`super::online`]
//! (OCSP and CRL distribution points) and [`super::crl_dir`].

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use time::OffsetDateTime;

use super::cache::ExpiringCache;
use super::crl::Crl;
use super::crl_dir::DirFile;
use super::embedded::EmbeddedValues;
use super::freshness::CheckOptions;
use super::ocsp::{BasicOcspResponse, CertId, CheckedAnswer, OcspAnswer};
use super::{
    Evidence, MAX_CACHE_TTL, RevocationError, RevocationReport, RevocationSource, RevocationStatus,
    Verdict,
};
use crate::net::{FetchBudget, Fetcher};
use crate::{Certificate, CertificateFields};

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

/// An issuer certificate (DER) and the outcome of [`Crl::verify_issuer`]
/// with it.
type IssuerCheck = (Vec<u8>, Result<(), RevocationError>);

/// A cached CRL and the outcome of checking it against issuer
/// certificates, so that neither a good CRL nor a forged one costs its
/// signature check twice.
pub(super) struct CachedCrl {
    pub(super) crl: Crl,
    /// At most [`CachedCrl::REMEMBERED`].
    checked: Mutex<Vec<IssuerCheck>>,
}

impl CachedCrl {
    /// Issuer certificates remembered per CRL (a CA's re-issued
    /// certificates, the impostors a signature names).
    const REMEMBERED: usize = 8;

    pub(super) fn new(crl: Crl) -> Self {
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

/// Checks certificates' revocation status, with per-instance caches of
/// CRLs (by URL, until nextUpdate, at most 256 and 256 MiB) and OCSP
/// answers (by CertID, until nextUpdate or 5 minutes, at most 10,000);
/// failed URLs are remembered by the fetcher ([`crate::net::FAILURE_TTL`]).
/// Shareable between threads; each request checks through
/// [`RevocationChecker::within`] its own outbound budget.
pub struct RevocationChecker {
    pub(super) config: RevocationConfig,
    pub(super) fetcher: Arc<dyn Fetcher>,
    pub(super) crls: ExpiringCache<String, CachedCrl>,
    pub(super) ocsp: ExpiringCache<CertId, (String, OcspAnswer)>,
    pub(super) dir: Mutex<HashMap<PathBuf, DirFile>>,
}

/// A [`RevocationChecker`] fetching within one request's budget
/// ([`RevocationChecker::within`]): every status it is asked for draws on
/// the same budget.
#[derive(Clone, Copy)]
pub struct BudgetedChecker<'a> {
    checker: &'a RevocationChecker,
    budget: &'a FetchBudget,
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
        }
    }

    /// The configuration.
    pub fn config(&self) -> &RevocationConfig {
        &self.config
    }

    /// The checker for one request: what it fetches (OCSP, CRL
    /// distribution points) is drawn from `budget`.
    pub fn within<'a>(&'a self, budget: &'a FetchBudget) -> BudgetedChecker<'a> {
        BudgetedChecker {
            checker: self,
            budget,
        }
    }
}

impl BudgetedChecker<'_> {
    /// The checker.
    pub fn checker(&self) -> &RevocationChecker {
        self.checker
    }

    /// The budget fetches are drawn from.
    pub fn budget(&self) -> &FetchBudget {
        self.budget
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

    /// [`BudgetedChecker::status`] with the notes made on the way.
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

    /// [`BudgetedChecker::check`] with values parsed beforehand, for
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

    /// The sources in order: the embedded values (OCSP and CRLs, in the
    /// configured order), then OCSP online and the CRLs (cache, directory,
    /// distribution points) in the same order; the first trustworthy
    /// answer wins.
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
            checker: self.checker,
            budget: self.budget,
            cert,
            issuer,
            cert_fields: cert.fields(),
            issuer_fields: issuer.fields(),
            time,
            reasons: Vec::new(),
            notes: Vec::new(),
        };
        let order = if self.checker.config.prefer_ocsp {
            [Method::Ocsp, Method::Crl]
        } else {
            [Method::Crl, Method::Ocsp]
        };
        for method in order {
            let found = match method {
                Method::Ocsp => run.embedded_ocsp(embedded),
                Method::Crl => run.embedded_crls(embedded),
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
pub(super) struct Run<'a> {
    /// Keep what the status is read from.
    want_evidence: bool,
    evidence: Option<Evidence>,
    pub(super) checker: &'a RevocationChecker,
    /// What fetches are drawn from.
    pub(super) budget: &'a FetchBudget,
    pub(super) cert: &'a Certificate,
    pub(super) issuer: &'a Certificate,
    pub(super) cert_fields: &'a CertificateFields,
    pub(super) issuer_fields: &'a CertificateFields,
    pub(super) time: OffsetDateTime,
    /// Why each source tried gave no answer.
    pub(super) reasons: Vec<String>,
    notes: Vec<String>,
}

/// How long to cache data whose nextUpdate is `next` (none: `default`).
pub(super) fn ttl(next: Option<OffsetDateTime>, default: Duration) -> Duration {
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

    pub(super) fn ocsp_options(&self) -> CheckOptions {
        CheckOptions {
            clock_skew: self.checker.config.clock_skew,
            allow_stale: false,
        }
    }

    pub(super) fn note(&mut self, source: &str, notes: Vec<String>) {
        self.notes
            .extend(notes.into_iter().map(|n| format!("{source}: {n}")));
    }

    /// Whether the caller asked for the data a status is read from.
    pub(super) fn wants_evidence(&self) -> bool {
        self.want_evidence
    }

    /// Uses a verified OCSP answer: a status, or a reason.
    pub(super) fn take_answer(
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
                Some(RevocationStatus::from_verdict(
                    v,
                    RevocationSource::Ocsp { url },
                ))
            }
            None => {
                self.reasons
                    .push(format!("{label}: {}", RevocationError::OcspUnknown));
                None
            }
        }
    }

    /// Checks a CRL for the certificate: a status, or a reason.
    pub(super) fn use_crl(
        &mut self,
        label: &str,
        crl: &CachedCrl,
        source: RevocationSource,
    ) -> Option<RevocationStatus> {
        match self.crl_verdict(crl) {
            Ok((v, notes)) => {
                self.note(label, notes);
                self.keep_crl(crl);
                Some(RevocationStatus::from_verdict(v, source))
            }
            Err(e) => {
                self.reasons.push(format!("{label}: {e}"));
                None
            }
        }
    }

    /// Keeps the CRL a status was read from, when asked to.
    pub(super) fn keep_crl(&mut self, crl: &CachedCrl) {
        if self.want_evidence {
            self.evidence = Some(Evidence::Crl(crl.crl.der().to_vec()));
        }
    }

    /// What the CRL says of the certificate, once it is shown to be the
    /// issuer's, to cover the certificate, and to be current.
    pub(super) fn crl_verdict(
        &self,
        crl: &CachedCrl,
    ) -> Result<(Verdict, Vec<String>), RevocationError> {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::revocation::OCSP_DEFAULT_VALIDITY;

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
