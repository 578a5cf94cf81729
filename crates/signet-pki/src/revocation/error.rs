//! Why a CRL or OCSP response was not used: [`RevocationError`], whose
//! variants name the rule that broke, and [`FormatError`], what was
//! malformed.

use std::sync::Arc;

use const_oid::ObjectIdentifier;
use time::OffsetDateTime;

use super::ocsp::OcspResponseStatus;
use crate::PkiError;
use crate::net::FetchError;
use crate::signature::SignatureError;

/// Why a CRL or OCSP response was not used. Each variant names the rule
/// that broke.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RevocationError {
    /// Not a well-formed CRL or OCSP response.
    #[error("malformed {what}: {fault}")]
    Malformed {
        /// What was read ("CRL", "OCSP response").
        what: &'static str,
        /// The fault.
        fault: FormatError,
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
    Unsupported(Unsupported),
    /// No random numbers for the OCSP nonce ([RFC 8954]).
    ///
    /// [RFC 8954]: https://datatracker.ietf.org/doc/html/rfc8954
    #[error("not supported: no random numbers for the OCSP nonce")]
    NoRandomNonce,
    /// The OCSP request could not be encoded (nothing that signet builds
    /// should fail so).
    #[error("the OCSP request could not be encoded: {0}")]
    RequestEncoding(der::Error),
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
    /// The CRL's scope (issuingDistributionPoint) excludes the certificate
    /// ([RFC 5280 section 6.3.3] (b)(2)).
    ///
    /// [RFC 5280 section 6.3.3]: https://datatracker.ietf.org/doc/html/rfc5280#section-6.3.3
    #[error("the CRL does not cover this certificate: {0}")]
    OutOfScope(OutOfScope),
    /// The OCSP responder did not answer "successful".
    #[error("the responder answered \"{0}\"")]
    OcspStatus(OcspResponseStatus),
    /// The OCSP response does not speak of this certificate.
    #[error("the response has no answer for this certificate")]
    NoMatchingResponse,
    /// The OCSP response's nonce is not the request's ([RFC 8954]).
    ///
    /// [RFC 8954]: https://datatracker.ietf.org/doc/html/rfc8954
    #[error("the nonce in the response does not match the request (replayed answer?)")]
    NonceMismatch,
    /// The OCSP response is signed by someone the issuer did not authorise
    /// ([RFC 6960 section 4.2.2.2]).
    ///
    /// [RFC 6960 section 4.2.2.2]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.2.2
    #[error("unauthorised responder: {0}")]
    UnauthorizedResponder(UnauthorizedResponder),
    /// The responder does not know the certificate.
    #[error("the responder does not know the certificate (status unknown)")]
    OcspUnknown,
    /// Fetching failed.
    #[error("{0}")]
    Fetch(#[from] FetchError),
}

impl RevocationError {
    /// A CRL that is not well formed.
    pub(crate) fn malformed_crl(fault: impl Into<FormatError>) -> Self {
        RevocationError::Malformed {
            what: "CRL",
            fault: fault.into(),
        }
    }

    /// An OCSP response that is not well formed.
    pub(crate) fn malformed_ocsp(fault: impl Into<FormatError>) -> Self {
        RevocationError::Malformed {
            what: "OCSP response",
            fault: fault.into(),
        }
    }
}

/// What is malformed in a CRL or an OCSP response. Each variant names the
/// rule that broke.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// Not the ASN.1 structure ([RFC 5280 section 5.1], [RFC 6960 section
    /// 4.2.1]); the decoder says where.
    ///
    /// [RFC 5280 section 5.1]: https://datatracker.ietf.org/doc/html/rfc5280#section-5.1
    /// [RFC 6960 section 4.2.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.1
    #[error("{0}")]
    Der(#[from] der::Error),
    /// The input is not DER, PEM or base64, or holds something else.
    #[error("{0}")]
    Input(SharedPkiError),
    /// A version other than v2 in a CRL ([RFC 5280 section 5.1.2.1]).
    ///
    /// [RFC 5280 section 5.1.2.1]: https://datatracker.ietf.org/doc/html/rfc5280#section-5.1.2.1
    #[error("only v2 CRLs carry a version, and it must be v2")]
    CrlVersionNotV2,
    /// The signature algorithm inside the signed part is not the outer one
    /// ([RFC 5280 section 5.1.2.2]).
    ///
    /// [RFC 5280 section 5.1.2.2]: https://datatracker.ietf.org/doc/html/rfc5280#section-5.1.2.2
    #[error("the signature algorithm inside tbsCertList differs from the outer one")]
    SignatureAlgorithmMismatch,
    /// A signature BIT STRING with unused bits.
    #[error("a signature BIT STRING has unused bits")]
    SignatureUnusedBits,
    /// An extension listed twice ([RFC 5280 section 4.2]).
    ///
    /// [RFC 5280 section 4.2]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2
    #[error("extension {0} appears twice")]
    DuplicateExtension(ObjectIdentifier),
    /// More extensions than signet reads.
    #[error("more than {limit} extensions")]
    TooManyExtensions {
        /// The limit.
        limit: usize,
    },
    /// More revoked entries than signet reads.
    #[error("more than {limit} revoked entries")]
    TooManyEntries {
        /// The limit.
        limit: usize,
    },
    /// More SingleResponses than signet reads.
    #[error("more than {limit} responses")]
    TooManyResponses {
        /// The limit.
        limit: usize,
    },
    /// More certificates in a response than signet reads.
    #[error("more than {limit} certificates")]
    TooManyCertificates {
        /// The limit.
        limit: usize,
    },
    /// A certificate in the response's certs that cannot be read.
    #[error("{0}")]
    Certificate(SharedPkiError),
    /// A response type other than id-pkix-ocsp-basic ([RFC 6960 section
    /// 4.2.1]).
    ///
    /// [RFC 6960 section 4.2.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.1
    #[error("response type {0} is not id-pkix-ocsp-basic")]
    NotBasicResponse(ObjectIdentifier),
    /// responseStatus successful without responseBytes ([RFC 6960 section
    /// 4.2.1]).
    ///
    /// [RFC 6960 section 4.2.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.1
    #[error("a successful response without responseBytes")]
    SuccessfulWithoutResponseBytes,
    /// nextUpdate before thisUpdate.
    #[error("nextUpdate {} is before thisUpdate {}", rfc3339(*.next_update), rfc3339(*.this_update))]
    NextUpdateBeforeThisUpdate {
        /// thisUpdate.
        this_update: OffsetDateTime,
        /// nextUpdate.
        next_update: OffsetDateTime,
    },
}

/// A [`PkiError`] shared between the reports that give it (an embedded
/// CRL is parsed once and asked about every certificate of a path).
/// Two are equal when they read the same.
#[derive(Clone, Debug)]
pub struct SharedPkiError(pub Arc<PkiError>);

impl From<PkiError> for SharedPkiError {
    fn from(e: PkiError) -> Self {
        SharedPkiError(Arc::new(e))
    }
}

impl PartialEq for SharedPkiError {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0.to_string() == other.0.to_string()
    }
}

impl Eq for SharedPkiError {}

impl std::fmt::Display for SharedPkiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A well-formed feature of CRLs signet does not implement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Unsupported {
    /// deltaCRLIndicator ([RFC 5280 section 5.2.4]).
    ///
    /// [RFC 5280 section 5.2.4]: https://datatracker.ietf.org/doc/html/rfc5280#section-5.2.4
    #[error("delta CRLs (deltaCRLIndicator); a complete CRL is needed")]
    DeltaCrl,
    /// issuingDistributionPoint indirectCRL ([RFC 5280 section 5.2.5]).
    ///
    /// [RFC 5280 section 5.2.5]: https://datatracker.ietf.org/doc/html/rfc5280#section-5.2.5
    #[error("indirect CRLs")]
    IndirectCrl,
    /// The certificateIssuer entry extension of indirect CRLs ([RFC 5280
    /// section 5.3.3]).
    ///
    /// [RFC 5280 section 5.3.3]: https://datatracker.ietf.org/doc/html/rfc5280#section-5.3.3
    #[error("indirect CRLs (certificateIssuer entries)")]
    CertificateIssuerEntries,
    /// issuingDistributionPoint onlySomeReasons.
    #[error("CRLs limited to some revocation reasons (onlySomeReasons)")]
    OnlySomeReasons,
    /// A distribution point nameRelativeToCRLIssuer.
    #[error("distribution points named relative to the CRL issuer")]
    RelativeDistributionPoint,
}

/// Why a CRL's issuingDistributionPoint excludes a certificate ([RFC 5280
/// section 6.3.3] (b)(2)).
///
/// [RFC 5280 section 6.3.3]: https://datatracker.ietf.org/doc/html/rfc5280#section-6.3.3
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OutOfScope {
    /// onlyContainsAttributeCerts.
    #[error("the CRL lists attribute certificates only")]
    AttributeCertificatesOnly,
    /// onlyContainsUserCerts, and the certificate is a CA.
    #[error("the CRL lists end-entity certificates only, and this is a CA")]
    EndEntitiesOnly,
    /// onlyContainsCACerts, and the certificate is an end entity.
    #[error("the CRL lists CA certificates only, and this is an end entity")]
    CasOnly,
    /// The CRL's distribution point is none of the certificate's.
    #[error("its distribution point ({}) is not one of the certificate's ({})", .crl.join(", "), .certificate.join(", "))]
    OtherDistributionPoint {
        /// The CRL's distribution point URIs.
        crl: Vec<String>,
        /// The certificate's CRL distribution point URIs.
        certificate: Vec<String>,
    },
}

/// Why an OCSP response's signer is not authorised ([RFC 6960 section
/// 4.2.2.2]).
///
/// [RFC 6960 section 4.2.2.2]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.2.2
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UnauthorizedResponder {
    /// The responder is neither the issuer nor in the response's certs.
    #[error(
        "the response is signed neither by the certificate's issuer nor by a responder certificate included in it"
    )]
    NotFound,
    /// The responder certificate has another issuer.
    #[error("the responder certificate \"{0}\" is not issued by the certificate's issuer")]
    OtherIssuer(String),
    /// The issuer's signature on the responder certificate does not verify.
    #[error(
        "the issuer's signature on the responder certificate \"{name}\" does not verify: {error}"
    )]
    BadCertificateSignature {
        /// The responder.
        name: String,
        /// Why.
        error: SignatureError,
    },
    /// The responder certificate lacks id-kp-OCSPSigning.
    #[error("the responder certificate \"{0}\" lacks extendedKeyUsage OCSPSigning")]
    NotOcspSigner(String),
    /// The responder certificate was not valid at producedAt.
    #[error(
        "the responder certificate \"{name}\" was not valid when the response was produced ({})",
        rfc3339(*.produced_at)
    )]
    NotValidWhenProduced {
        /// The responder.
        name: String,
        /// producedAt.
        produced_at: OffsetDateTime,
    },
}

/// RFC 3339 text of a time.
pub(crate) fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn malformed_says_what_and_why() {
        let t = OffsetDateTime::from_unix_timestamp(1_795_627_929).unwrap();
        let e = RevocationError::Malformed {
            what: "revocation data",
            fault: FormatError::NextUpdateBeforeThisUpdate {
                this_update: t,
                next_update: t - time::Duration::hours(1),
            },
        };
        assert_eq!(
            e.to_string(),
            "malformed revocation data: nextUpdate 2026-11-25T16:32:09Z is before thisUpdate 2026-11-25T17:32:09Z"
        );
        assert_eq!(
            RevocationError::Unsupported(Unsupported::DeltaCrl).to_string(),
            "not supported: delta CRLs (deltaCRLIndicator); a complete CRL is needed"
        );
    }
}
