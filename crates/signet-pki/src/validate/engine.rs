//! The validation engine as a service holds it: owned, shared between
//! requests (`Clone` is cheap), with the trust store, where missing issuers
//! come from, the revocation checker and how strictly revocation is
//! required.
//!
//! [`Validator`] is the engine's borrowed core; [`Engine`] owns what it
//! borrows and reads the clock. Network I/O goes through the
//! [`Fetcher`](crate::net::Fetcher) and [`IssuerSource`] traits it is
//! given: [`Engine::offline`] never leaves the process, and
//! [`Engine::networked`] (Cargo feature `http`) fetches AIA caIssuers, OCSP
//! and CRLs over HTTP. Every call is blocking (signature checks are CPU
//! work, fetches are blocking I/O): a server calls it from a blocking
//! thread.

use std::sync::Arc;

use time::OffsetDateTime;

use super::{ChainStatus, ValidationOptions, ValidationReport, Validator};
use crate::cms::{Content, ContentDigests, SignedData};
use crate::path::{IssuerSource, Offline};
use crate::revocation::RevocationChecker;
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
    /// Where missing issuers come from.
    pub issuers: Arc<dyn IssuerSource + Send + Sync>,
    /// Revocation checking.
    pub revocation: Option<Arc<RevocationChecker>>,
    /// How strictly.
    pub revocation_mode: RevocationMode,
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
            issuers: Arc::new(Offline),
            revocation: None,
            revocation_mode: RevocationMode::Off,
        }
    }

    /// An engine that fetches missing issuers (AIA caIssuers) and checks
    /// revocation over HTTP (OCSP, then CRL distribution points, then the
    /// local `crl_dir`), each request bounded by `timeout`.
    #[cfg(feature = "http")]
    pub fn networked(
        trust: Arc<TrustStore>,
        mode: RevocationMode,
        timeout: std::time::Duration,
        crl_dir: Option<std::path::PathBuf>,
    ) -> Self {
        use crate::net::{CaIssuers, Fetcher, HttpFetcher};
        use crate::revocation::RevocationConfig;

        let fetcher: Arc<dyn Fetcher> = Arc::new(HttpFetcher::new(timeout));
        let config = RevocationConfig {
            timeout,
            crl_dir,
            ..RevocationConfig::default()
        };
        Engine {
            trust,
            issuers: Arc::new(CaIssuers::new(fetcher.clone())),
            revocation: (mode != RevocationMode::Off)
                .then(|| Arc::new(RevocationChecker::new(config, fetcher))),
            revocation_mode: mode,
        }
    }

    /// Validates `signed` over `content` (the detached content, or `None`
    /// for an attached signature) at the current time.
    pub fn validate(
        &self,
        signed: &SignedData,
        content: Option<&[u8]>,
        signature_only: bool,
    ) -> ValidationReport {
        let bytes = content.or(signed.content.as_deref()).unwrap_or_default();
        let digests = ContentDigests::of_bytes(bytes, &signed.digest_algorithms());
        self.validate_digests(signed, &digests, Some(bytes), signature_only)
    }

    /// Checks a certificate on its own at the current time: its path to the
    /// trust store and revocation.
    pub fn check_certificate(&self, cert: &Certificate) -> Result<(), CertificateRejected> {
        let status = self
            .validator()
            .check_certificate(cert, &[], OffsetDateTime::now_utc());
        match status.failure(self.revocation_mode == RevocationMode::Require) {
            Some(reason) => Err(CertificateRejected { status, reason }),
            None => Ok(()),
        }
    }

    /// Validates against content already hashed (streamed), at the current
    /// time.
    pub fn validate_digests(
        &self,
        signed: &SignedData,
        digests: &ContentDigests,
        bytes: Option<&[u8]>,
        signature_only: bool,
    ) -> ValidationReport {
        let mut options = ValidationOptions::full(OffsetDateTime::now_utc());
        options.signature_only = signature_only;
        options.require_revocation = self.revocation_mode == RevocationMode::Require;
        self.validator()
            .validate(signed, Content { digests, bytes }, &options)
    }

    /// The borrowed core over this trust store, issuer source and
    /// revocation checker (none when revocation is off).
    pub fn validator(&self) -> Validator<'_> {
        let revocation = match self.revocation_mode {
            RevocationMode::Off => None,
            _ => self.revocation.as_deref(),
        };
        Validator {
            trust: &self.trust,
            issuers: &*self.issuers,
            revocation,
        }
    }
}
