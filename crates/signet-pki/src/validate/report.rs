//! What validation found: per signer, the signature check, the CAdES
//! level and its time-stamp, the chain and each link of it with its
//! revocation status; the options that were asked.

use time::OffsetDateTime;

use crate::Certificate;
use crate::cades::CadesLevel;
use crate::cms::SignerFailure;
use crate::path::{LinkCheck, PathError};
use crate::revocation::{RevocationSource, RevocationStatus};

impl RevocationSource {
    /// Where the answer came from, for a person.
    pub fn describe(&self) -> String {
        let (kind, url) = match self {
            RevocationSource::Crl { url } => ("CRL", url),
            RevocationSource::Ocsp { url } => ("OCSP", url),
        };
        match url {
            Some(u) => format!("{kind} {u}"),
            None => format!("{kind} embedded in the signature"),
        }
    }
}

/// What to check.
#[derive(Clone, Copy, Debug)]
pub struct ValidationOptions {
    /// Check only that the signature matches the content (no chain, no
    /// revocation) — the CryptoApi `VerifySignatureOnly` flag.
    pub signature_only: bool,
    /// The current time; the validation time for signers without a
    /// valid time-stamp.
    pub now: OffsetDateTime,
    /// Whether an unknown revocation status fails the signer (the default)
    /// or is only reported.
    pub require_revocation: bool,
}

impl ValidationOptions {
    /// Full validation at `now`, revocation required.
    pub fn full(now: OffsetDateTime) -> Self {
        ValidationOptions {
            signature_only: false,
            now,
            require_revocation: true,
        }
    }
}

/// The outcome of a signature time-stamp check.
#[derive(Clone, Debug)]
pub struct TimestampReport {
    /// The token's time.
    pub time: OffsetDateTime,
    /// The TSA's certificate.
    pub tsa: Option<Certificate>,
    /// Ok, or why the time-stamp is not valid.
    pub result: Result<(), String>,
}

/// The outcome of the chain check of a signer.
#[derive(Clone, Debug)]
pub enum ChainStatus {
    /// Not checked (signature-only validation, or the signature failed).
    NotChecked,
    /// A valid path, and each certificate's revocation status.
    Valid {
        /// End entity first, anchor last.
        path: Vec<Certificate>,
        /// The status of each certificate but the anchor, in path order;
        /// empty when revocation was not checked.
        revocation: Vec<RevocationStatus>,
    },
    /// No valid path.
    Invalid(PathError),
    /// A certificate of the path is revoked.
    Revoked {
        /// Which certificate.
        subject: String,
        /// When.
        time: OffsetDateTime,
        /// Why.
        reason: Option<String>,
    },
    /// The revocation status of a certificate could not be found.
    RevocationUnknown {
        /// Which certificate.
        subject: String,
        /// What was tried.
        reasons: Vec<String>,
    },
}

impl ChainStatus {
    /// Why the chain is not acceptable, in words for a person; `None` when
    /// it is (or was not checked). An unknown revocation status fails only
    /// when `require_revocation`.
    pub fn failure(&self, require_revocation: bool) -> Option<String> {
        match self {
            ChainStatus::Valid { path, revocation }
                if require_revocation && revocation.len() + 1 < path.len() =>
            {
                Some("revocation was not checked, and this validation requires it".into())
            }
            ChainStatus::NotChecked | ChainStatus::Valid { .. } => None,
            ChainStatus::Invalid(e) => Some(e.to_string()),
            ChainStatus::Revoked {
                subject,
                time,
                reason,
            } => Some(format!(
                "the certificate \"{subject}\" was revoked on {time}{}",
                reason
                    .as_ref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default()
            )),
            ChainStatus::RevocationUnknown { subject, reasons } if require_revocation => {
                Some(format!(
                    "the revocation status of \"{subject}\" is unknown: {}",
                    reasons.join("; ")
                ))
            }
            ChainStatus::RevocationUnknown { .. } => None,
        }
    }
}

/// One certificate of a signer's certification path, with what was found
/// about it.
#[derive(Clone, Debug)]
pub struct ChainLink {
    /// The certificate.
    pub certificate: Certificate,
    /// What path validation found: passed, failed (and by which rule), or
    /// not reached.
    pub check: LinkCheck,
    /// Its revocation status, when it was asked: every certificate of a
    /// complete path but the trust anchor, when revocation is checked.
    pub revocation: Option<RevocationStatus>,
}

/// Everything found about one signer.
#[derive(Clone, Debug)]
pub struct SignerReport {
    /// The signer's certificate, when found.
    pub certificate: Option<Certificate>,
    /// The signed signing-time.
    pub signing_time: Option<OffsetDateTime>,
    /// The CAdES level, for a CAdES signature.
    pub cades: Option<CadesLevel>,
    /// The signature-time-stamp, if there is one.
    pub timestamp: Option<TimestampReport>,
    /// The time the chain was checked at.
    pub validation_time: OffsetDateTime,
    /// The signature check.
    pub signature: Result<(), SignerFailure>,
    /// Problems of the CAdES-X Long data (refs not matching values, a bad
    /// CAdES-C time-stamp): the level falls back to CAdES-T and these say why.
    pub long_term_problems: Vec<String>,
    /// The chain check.
    pub chain: ChainStatus,
    /// The certification path link by link, end entity first: the whole
    /// path when one was found (valid, revoked or of unknown revocation
    /// status), the closest path when none was (see
    /// [`PathValidator::validate_partial`]); empty when the chain was not
    /// checked.
    pub links: Vec<ChainLink>,
    /// Whether an unknown revocation status counts as a failure.
    pub(super) require_revocation: bool,
}

impl SignerReport {
    /// Why the signer is not valid, in words for a person; `None` when it
    /// is valid.
    pub fn failure(&self) -> Option<String> {
        if let Err(e) = &self.signature {
            return Some(e.to_string());
        }
        if let Some(TimestampReport { result: Err(e), .. }) = &self.timestamp {
            return Some(e.clone());
        }
        self.chain.failure(self.require_revocation)
    }

    /// Whether the signer is valid.
    pub fn is_valid(&self) -> bool {
        self.failure().is_none()
    }
}

/// The outcome of validating a signature.
#[derive(Clone, Debug)]
pub struct ValidationReport {
    /// One report per signer, in signature order.
    pub signers: Vec<SignerReport>,
}

impl ValidationReport {
    /// Valid when there is at least one signer and every signer is valid.
    pub fn is_valid(&self) -> bool {
        !self.signers.is_empty() && self.signers.iter().all(SignerReport::is_valid)
    }

    /// The first failure, for a one-line answer.
    pub fn failure(&self) -> Option<String> {
        if self.signers.is_empty() {
            return Some("the signature has no signers".into());
        }
        self.signers.iter().enumerate().find_map(|(i, s)| {
            s.failure().map(|f| {
                if self.signers.len() > 1 {
                    format!("signer {}: {f}", i + 1)
                } else {
                    f
                }
            })
        })
    }
}
