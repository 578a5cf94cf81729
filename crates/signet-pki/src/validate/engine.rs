//! The validation engine as a service holds it: owned, shared between
//! requests (`Clone` is cheap), with the trust store, where missing issuers
//! come from, the revocation checker, how strictly revocation is required
//! and the outbound budget each request gets.
//!
//! [`Validator`] is the engine's borrowed core; [`Engine`] owns what it
//! borrows and reads the clock. Network I/O goes through the
//! [`Fetcher`](crate::net::Fetcher) its sources were given:
//! [`Engine::offline`] never leaves the process, and [`Engine::networked`]
//! (Cargo feature `http`) fetches AIA caIssuers, OCSP and CRLs over HTTP.
//! Every call draws its fetches from one [`FetchBudget`]: the caller's
//! (`*_within`, the server's per-request budget with its cancel flag), or
//! a fresh one of [`Engine::fetch_limits`]. Every call is blocking
//! (signature checks are CPU work, fetches are blocking I/O): a server
//! calls it from a blocking thread.

use std::sync::Arc;

use time::OffsetDateTime;

use super::{ChainStatus, ValidationOptions, ValidationReport, Validator};
use crate::cms::{Content, ContentDigests, SignedData};
use crate::net::{CaIssuers, FetchBudget, FetchLimits};
use crate::path::{IssuerSource, Offline};
use crate::revocation::{BudgetedChecker, RevocationChecker};
use crate::{Certificate, TrustStore};

/// How strictly revocation is required.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RevocationMode {
    /// An unknown status fails the signature (the default).
    #[default]
    Require,
    /// An unknown status is reported but does not fail.
    Prefer,
    /// Revocation is not checked.
    Off,
}

/// The shared validation engine.
#[derive(Clone)]
pub struct Engine {
    /// Trusted roots and intermediates.
    pub trust: Arc<TrustStore>,
    /// Where missing issuers are fetched from (AIA caIssuers); `None`
    /// never fetches them.
    pub issuers: Option<Arc<CaIssuers>>,
    /// Revocation checking.
    pub revocation: Option<Arc<RevocationChecker>>,
    /// How strictly.
    pub revocation_mode: RevocationMode,
    /// The outbound budget of a call not given one.
    pub fetch_limits: FetchLimits,
}

/// Why a certificate checked on its own ([`Engine::check_certificate`]) is
/// not acceptable: the chain's status, and its reason in words.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{reason}")]
pub struct CertificateRejected {
    /// What the chain check found.
    pub status: ChainStatus,
    reason: String,
}

impl Engine {
    /// An engine over a trust store that never goes to the network: no
    /// issuer fetching, no revocation.
    pub fn offline(trust: Arc<TrustStore>) -> Self {
        Engine {
            trust,
            issuers: None,
            revocation: None,
            revocation_mode: RevocationMode::Off,
            fetch_limits: FetchLimits::default(),
        }
    }

    /// An engine that fetches missing issuers (AIA caIssuers) and checks
    /// revocation over HTTP (OCSP, then CRL distribution points, then the
    /// local `crl_dir`), each fetch bounded by `timeout`, with the default
    /// fetch policy, caps and budget ([`crate::net::FetchConfig`]).
    #[cfg(feature = "http")]
    pub fn networked(
        trust: Arc<TrustStore>,
        mode: RevocationMode,
        timeout: std::time::Duration,
        crl_dir: Option<std::path::PathBuf>,
    ) -> Self {
        let config = crate::net::FetchConfig {
            timeout,
            ..crate::net::FetchConfig::default()
        };
        Self::networked_with(trust, mode, crl_dir, &config)
    }

    /// [`Engine::networked`] with every outbound setting given: the fetch
    /// timeout, policy, caps, negative cache and per-request budget
    /// (`signet serve`'s flags). One HTTP client serves issuers and
    /// revocation, so the caps and the negative cache hold across both.
    #[cfg(feature = "http")]
    pub fn networked_with(
        trust: Arc<TrustStore>,
        mode: RevocationMode,
        crl_dir: Option<std::path::PathBuf>,
        config: &crate::net::FetchConfig,
    ) -> Self {
        use crate::net::{Fetcher, HttpFetcher};
        use crate::revocation::RevocationConfig;

        let fetcher: Arc<dyn Fetcher> = Arc::new(HttpFetcher::with_config(config));
        let revocation = RevocationConfig {
            timeout: config.timeout,
            crl_dir,
            ..RevocationConfig::default()
        };
        Engine {
            trust,
            issuers: Some(Arc::new(CaIssuers::new(fetcher.clone()))),
            revocation: (mode != RevocationMode::Off)
                .then(|| Arc::new(RevocationChecker::new(revocation, fetcher))),
            revocation_mode: mode,
            fetch_limits: config.per_request,
        }
    }

    /// A fresh budget of [`Engine::fetch_limits`], starting now: one per
    /// request. Raise its cancel flag when the request ends
    /// ([`FetchBudget::cancel_on_drop`]).
    pub fn fetch_budget(&self) -> FetchBudget {
        FetchBudget::new(self.fetch_limits)
    }

    /// Validates `signed` over `content` (the detached content, or `None`
    /// for an attached signature) at the current time, within a fresh
    /// budget ([`Engine::validate_within`]).
    pub fn validate(
        &self,
        signed: &SignedData,
        content: Option<&[u8]>,
        signature_only: bool,
    ) -> ValidationReport {
        self.validate_within(signed, content, signature_only, &self.fetch_budget())
    }

    /// [`Engine::validate`], every fetch drawn from `budget`.
    pub fn validate_within(
        &self,
        signed: &SignedData,
        content: Option<&[u8]>,
        signature_only: bool,
        budget: &FetchBudget,
    ) -> ValidationReport {
        let bytes = content.or(signed.content.as_deref()).unwrap_or_default();
        let digests = ContentDigests::of_bytes(bytes, &signed.digest_algorithms());
        self.validate_digests_within(signed, &digests, Some(bytes), signature_only, budget)
    }

    /// Checks a certificate on its own at the current time: its path to the
    /// trust store and revocation, within a fresh budget
    /// ([`Engine::check_certificate_within`]).
    pub fn check_certificate(&self, cert: &Certificate) -> Result<(), CertificateRejected> {
        self.check_certificate_within(cert, &self.fetch_budget())
    }

    /// [`Engine::check_certificate`], every fetch drawn from `budget`.
    pub fn check_certificate_within(
        &self,
        cert: &Certificate,
        budget: &FetchBudget,
    ) -> Result<(), CertificateRejected> {
        let issuers = self.issuer_source(budget);
        let status = self.validator(&*issuers, budget).check_certificate(
            cert,
            &[],
            OffsetDateTime::now_utc(),
        );
        match status.failure(self.revocation_mode == RevocationMode::Require) {
            Some(reason) => Err(CertificateRejected { status, reason }),
            None => Ok(()),
        }
    }

    /// Validates against content already hashed (streamed), at the current
    /// time, within a fresh budget ([`Engine::validate_digests_within`]).
    pub fn validate_digests(
        &self,
        signed: &SignedData,
        digests: &ContentDigests,
        bytes: Option<&[u8]>,
        signature_only: bool,
    ) -> ValidationReport {
        self.validate_digests_within(signed, digests, bytes, signature_only, &self.fetch_budget())
    }

    /// [`Engine::validate_digests`], every fetch drawn from `budget`.
    pub fn validate_digests_within(
        &self,
        signed: &SignedData,
        digests: &ContentDigests,
        bytes: Option<&[u8]>,
        signature_only: bool,
        budget: &FetchBudget,
    ) -> ValidationReport {
        let mut options = ValidationOptions::full(OffsetDateTime::now_utc());
        options.signature_only = signature_only;
        options.require_revocation = self.revocation_mode == RevocationMode::Require;
        let issuers = self.issuer_source(budget);
        self.validator(&*issuers, budget)
            .validate(signed, Content { digests, bytes }, &options)
    }

    /// Where missing issuers come from for a request of `budget`.
    pub fn issuer_source<'a>(&'a self, budget: &'a FetchBudget) -> Box<dyn IssuerSource + 'a> {
        match &self.issuers {
            Some(issuers) => Box::new(issuers.within(budget)),
            None => Box::new(Offline),
        }
    }

    /// The revocation checker for a request of `budget`; `None` when
    /// revocation is off.
    pub fn revocation_within<'a>(&'a self, budget: &'a FetchBudget) -> Option<BudgetedChecker<'a>> {
        match self.revocation_mode {
            RevocationMode::Off => None,
            _ => self.revocation.as_deref().map(|c| c.within(budget)),
        }
    }

    /// The borrowed core over this trust store, `issuers` and the
    /// revocation checker (none when revocation is off).
    fn validator<'a>(
        &'a self,
        issuers: &'a dyn IssuerSource,
        budget: &'a FetchBudget,
    ) -> Validator<'a> {
        Validator {
            trust: &self.trust,
            issuers,
            revocation: self.revocation_within(budget),
        }
    }
}
