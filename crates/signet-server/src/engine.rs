//! The validation engine as the server holds it: owned, shared between
//! requests, run on blocking threads (signature checks are CPU work and
//! revocation fetches are blocking I/O).

use std::sync::Arc;

use signet_pki::TrustStore;
use signet_pki::cms::{Content, ContentDigests, SignedData};
use std::path::PathBuf;
use std::time::Duration;

use signet_pki::net::{CaIssuers, Fetcher, HttpFetcher};
use signet_pki::path::{IssuerSource, Offline};
use signet_pki::revocation::{RevocationChecker, RevocationConfig};
use signet_pki::validate::{ValidationOptions, ValidationReport, Validator};

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

impl Engine {
    /// An engine over a trust store that never goes to the network.
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
    pub fn networked(
        trust: Arc<TrustStore>,
        mode: RevocationMode,
        timeout: Duration,
        crl_dir: Option<PathBuf>,
    ) -> Self {
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
    /// for an attached signature). Blocking: call from a blocking thread.
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
    /// trust store and revocation. `Err` says why it is not acceptable.
    /// Blocking: call from a blocking thread.
    pub fn check_certificate(&self, cert: &signet_pki::Certificate) -> Result<(), String> {
        let status = self
            .validator()
            .check_certificate(cert, &[], time::OffsetDateTime::now_utc());
        match status.failure(self.revocation_mode == RevocationMode::Require) {
            Some(reason) => Err(reason),
            None => Ok(()),
        }
    }

    /// Validates against content already hashed (streamed).
    pub fn validate_digests(
        &self,
        signed: &SignedData,
        digests: &ContentDigests,
        bytes: Option<&[u8]>,
        signature_only: bool,
    ) -> ValidationReport {
        let mut options = ValidationOptions::full(time::OffsetDateTime::now_utc());
        options.signature_only = signature_only;
        options.require_revocation = self.revocation_mode == RevocationMode::Require;
        self.validator()
            .validate(signed, Content { digests, bytes }, &options)
    }

    /// The engine over this trust store, issuer source and revocation.
    fn validator(&self) -> Validator<'_> {
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
