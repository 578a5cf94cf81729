//! Making a signer CAdES-X Long Type 1 ([RFC 5126] sections 6.2–6.3,
//! ETSI TS 101 733): the validation data of the signer's certificate kept
//! in the signature, and a CAdES-C time-stamp over its references, so
//! that the signature can be verified after the CA's CRLs and responders
//! are gone.
//!
//! [`gather`] finds the data at signing time: a valid path from the
//! signer's certificate to the trust store, and for every certificate of
//! it but the anchor a good revocation status with the CRL or OCSP answer
//! it was read from. [`extend`] adds to the signer's unsigned attributes,
//! after its signature-time-stamp:
//!
//! - complete-certificate-references (section 6.2.1): one `OtherCertID`
//!   per CA certificate of the path (the anchor included, the signer's
//!   own left out), each the SHA-256 `otherHash` of the certificate and
//!   its issuerSerial;
//! - complete-revocation-references (section 6.2.2): one `CrlOcspRef` per
//!   certificate but the anchor — `[0] CRLListID` with the CRL's SHA-256
//!   hash, or `[1] OcspListID` with the responder's id, producedAt and the
//!   SHA-256 hash of the BasicOCSPResponse;
//! - certificate-values (section 6.3.3): the same CA certificates;
//! - revocation-values (section 6.3.4): `[0]` the CRLs, `[1]` the
//!   BasicOCSPResponses;
//! - escTimeStamp (section 6.3.5): a time-stamp token over the signature
//!   value and the attrType and attrValues of the signature-time-stamp,
//!   complete-certificate-references and complete-revocation-references
//!   attributes, in the order they sit in the SignerInfo — what
//!   [`crate::cades::esc_time_stamp_data`] recomputes when verifying.
//!
//! The attributes' ASN.1 is in [`crate::cades::asn1`].
//!
//! [RFC 5126]: https://datatracker.ietf.org/doc/html/rfc5126#section-6.2

use der::asn1::{AnyRef, OctetStringRef};
use der::{Decode, Encode};
use signet_crypto::DigestAlgorithm;
use time::OffsetDateTime;

use super::SignError;
use super::assemble::{MadeAttribute, attribute_set, digest_algorithm_identifier};
use crate::Certificate;
use crate::TrustStore;
use crate::asn1::time::{GeneralizedTime, YearOutOfRange};
use crate::cades::asn1::{
    CrlListIdRef, CrlOcspRef, CrlValidatedIdRef, IssuerSerialRef, OcspIdentifierRef, OcspListIdRef,
    OcspResponsesIdRef, OtherCertIdRef, OtherHashAlgAndValueRef, OtherHashRef, RevocationValuesRef,
};
use crate::cms::attributes as attr;
use crate::path::{IssuerSource, PathError, PathValidator};
use crate::revocation::asn1::NameRef;
use crate::revocation::ocsp::ResponderId;
use crate::revocation::ocsp::response::ResponderIdRef;
use crate::revocation::{BudgetedChecker, Evidence, RevocationStatus};
use crate::tsa::Timestamper;

/// Why a signer cannot be made CAdES-X Long Type 1. Each variant names
/// the rule of [RFC 5126] section 6.2–6.3 (or of the builder) that broke.
///
/// [RFC 5126]: https://datatracker.ietf.org/doc/html/rfc5126#section-6.2
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LongTermError {
    /// The signer's certificate has no valid path to the trust store.
    #[error("no valid path to a trusted root: {0}")]
    NoValidPath(#[source] PathError),
    /// A certificate of the path is good, but not by a CRL or OCSP answer
    /// that can be kept in the signature.
    #[error("the revocation data of \"{subject}\" could not be kept")]
    EvidenceNotKept {
        /// The certificate's subject.
        subject: String,
    },
    /// A certificate of the path is revoked.
    #[error("\"{subject}\" was revoked on {time}")]
    Revoked {
        /// The certificate's subject.
        subject: String,
        /// When it was revoked.
        time: OffsetDateTime,
    },
    /// No source gave a trustworthy status of a certificate of the path.
    #[error("the revocation status of \"{subject}\" is unknown: {}", reasons.join("; "))]
    StatusUnknown {
        /// The certificate's subject.
        subject: String,
        /// Why, one entry per source tried.
        reasons: Vec<String>,
    },
    /// The builder has no validation data for a signer's certificate.
    #[error("no validation data for \"{subject}\"")]
    NoValidationData {
        /// The signer certificate's subject.
        subject: String,
    },
    /// CAdES-X Long needs a signature time-stamp, and no time-stamping
    /// authority was given.
    #[error("no time-stamping authority was given")]
    NoTimestampAuthority,
    /// The signer has no signature-time-stamp to build on (section 6.3.5).
    #[error("the signer has no signature time-stamp")]
    NoSignatureTimeStamp,
    /// The revocation data is not one entry per certificate of the path
    /// but the anchor.
    #[error("the revocation data does not match the path")]
    RevocationDataMismatch,
    /// An OCSP answer's producedAt cannot be written as a GeneralizedTime.
    #[error("the OCSP answer's producedAt: {0}")]
    ProducedAt(#[source] YearOutOfRange),
}

/// The validation data of one signer's certificate.
#[derive(Clone, Debug)]
pub struct ValidationData {
    /// The path: the signer's certificate first, the trust anchor last.
    pub path: Vec<Certificate>,
    /// What each certificate's status was read from, in path order, for
    /// every certificate but the anchor.
    pub revocation: Vec<Evidence>,
}

impl ValidationData {
    /// The signer's certificate.
    pub fn certificate(&self) -> Option<&Certificate> {
        self.path.first()
    }
}

/// Finds the validation data of `cert` at `time`: a valid path through
/// `intermediates`, the trust store and `issuers`, and a good revocation
/// status of each certificate of it from `checker`. Blocking (network).
pub fn gather(
    cert: &Certificate,
    intermediates: &[Certificate],
    trust: &TrustStore,
    issuers: &dyn IssuerSource,
    checker: &BudgetedChecker<'_>,
    time: OffsetDateTime,
) -> Result<ValidationData, SignError> {
    let path = PathValidator::new(trust, issuers)
        .validate(cert, intermediates, time)
        .map_err(LongTermError::NoValidPath)?
        .certificates;
    let mut revocation = Vec::with_capacity(path.len().saturating_sub(1));
    for pair in path.windows(2) {
        let [subject, issuer] = pair else { continue };
        let report = checker.check_with_evidence(subject, issuer, time);
        let subject = super::signer::subject_of(subject);
        match (report.status, report.evidence) {
            (RevocationStatus::Good { .. }, Some(evidence)) => revocation.push(evidence),
            (RevocationStatus::Good { .. }, None) => {
                return Err(LongTermError::EvidenceNotKept { subject }.into());
            }
            (RevocationStatus::Revoked { time, .. }, _) => {
                return Err(LongTermError::Revoked { subject, time }.into());
            }
            (RevocationStatus::Unknown { reasons }, _) => {
                return Err(LongTermError::StatusUnknown { subject, reasons }.into());
            }
        }
    }
    Ok(ValidationData { path, revocation })
}

/// The SHA-256 hash every reference here is made with.
const REFERENCE_HASH: DigestAlgorithm = DigestAlgorithm::Sha256;

/// `OtherHash` in its `otherHash` form, over `hash`, a SHA-256 hash.
fn other_hash(hash: &[u8]) -> der::Result<OtherHashRef<'_>> {
    Ok(OtherHashRef::OtherHash(OtherHashAlgAndValueRef {
        hash_algorithm: digest_algorithm_identifier(REFERENCE_HASH),
        hash_value: OctetStringRef::new(hash)?,
    }))
}

/// The complete-certificate-references value: one `OtherCertID` per
/// certificate of `cas`.
fn certificate_refs(cas: &[Certificate]) -> der::Result<Vec<u8>> {
    let hashes: Vec<Vec<u8>> = cas.iter().map(|c| REFERENCE_HASH.digest(c.der())).collect();
    cas.iter()
        .zip(&hashes)
        .map(|(cert, hash)| {
            Ok(OtherCertIdRef {
                other_cert_hash: other_hash(hash)?,
                issuer_serial: Some(IssuerSerialRef::of(cert)?),
            })
        })
        .collect::<der::Result<Vec<_>>>()?
        .to_der()
}

/// The complete-revocation-references value: one `CrlOcspRef` per status.
fn revocation_refs(revocation: &[Evidence]) -> Result<Vec<u8>, SignError> {
    let encoding = SignError::Encoding;
    let hashes: Vec<Vec<u8>> = revocation
        .iter()
        .map(|e| match e {
            Evidence::Crl(der) => REFERENCE_HASH.digest(der),
            Evidence::Ocsp(basic) => REFERENCE_HASH.digest(basic.der()),
        })
        .collect();
    let mut refs = Vec::with_capacity(revocation.len());
    for (evidence, hash) in revocation.iter().zip(&hashes) {
        let hash = other_hash(hash).map_err(encoding)?;
        refs.push(match evidence {
            Evidence::Crl(_) => CrlOcspRef {
                crlids: Some(CrlListIdRef {
                    crls: vec![CrlValidatedIdRef {
                        crl_hash: hash,
                        crl_identifier: None,
                    }],
                }),
                ..CrlOcspRef::default()
            },
            Evidence::Ocsp(basic) => {
                let responder = match &basic.responder_id {
                    ResponderId::ByName(name) => {
                        ResponderIdRef::ByName(NameRef::from_der(name).map_err(encoding)?)
                    }
                    ResponderId::ByKey(key) => {
                        ResponderIdRef::ByKey(OctetStringRef::new(key).map_err(encoding)?)
                    }
                };
                let produced_at =
                    GeneralizedTime::new(basic.produced_at).map_err(LongTermError::ProducedAt)?;
                CrlOcspRef {
                    ocspids: Some(OcspListIdRef {
                        ocsp_responses: vec![OcspResponsesIdRef {
                            ocsp_identifier: OcspIdentifierRef {
                                ocsp_responder_id: responder,
                                produced_at,
                            },
                            ocsp_rep_hash: Some(hash),
                        }],
                    }),
                    ..CrlOcspRef::default()
                }
            }
        });
    }
    refs.to_der().map_err(encoding)
}

/// The revocation-values value: `[0]` the CRLs, `[1]` the
/// BasicOCSPResponses, each list left out when empty.
fn revocation_values(revocation: &[Evidence]) -> der::Result<Vec<u8>> {
    let mut crls = Vec::new();
    let mut ocsp = Vec::new();
    for evidence in revocation {
        match evidence {
            Evidence::Crl(der) => crls.push(AnyRef::from_der(der)?),
            Evidence::Ocsp(basic) => ocsp.push(AnyRef::from_der(basic.der())?),
        }
    }
    RevocationValuesRef {
        crl_vals: (!crls.is_empty()).then_some(crls),
        ocsp_vals: (!ocsp.is_empty()).then_some(ocsp),
        other_rev_vals: None,
    }
    .to_der()
}

/// Adds the CAdES-X Long Type 1 attributes for `data` to `unsigned` (the
/// unsigned attributes of a signer whose signature value is `signature`,
/// holding its signature-time-stamp), the escTimeStamp from `tsa`.
pub(super) fn extend(
    unsigned: &mut Vec<MadeAttribute>,
    signature: &[u8],
    data: &ValidationData,
    tsa: &dyn Timestamper,
) -> Result<(), SignError> {
    if !unsigned
        .iter()
        .any(|(oid, _)| *oid == attr::SIGNATURE_TIME_STAMP)
    {
        return Err(LongTermError::NoSignatureTimeStamp.into());
    }
    if data.revocation.len() + 1 != data.path.len() {
        return Err(LongTermError::RevocationDataMismatch.into());
    }
    let cas = data.path.get(1..).unwrap_or_default();
    let cert_values = cas
        .iter()
        .map(|c| AnyRef::from_der(c.der()))
        .collect::<der::Result<Vec<_>>>()
        .and_then(|values| values.to_der());
    unsigned.extend([
        (
            attr::COMPLETE_CERTIFICATE_REFS,
            certificate_refs(cas).map_err(SignError::Encoding)?,
        ),
        (
            attr::COMPLETE_REVOCATION_REFS,
            revocation_refs(&data.revocation)?,
        ),
        (
            attr::CERTIFICATE_VALUES,
            cert_values.map_err(SignError::Encoding)?,
        ),
        (
            attr::REVOCATION_VALUES,
            revocation_values(&data.revocation).map_err(SignError::Encoding)?,
        ),
    ]);
    // The CAdES-C time-stamp covers the attributes as they will be
    // written: in DER order within each type.
    let sorted = attribute_set(unsigned).map_err(SignError::Encoding)?;
    let mut esc = signature.to_vec();
    for oid in [
        attr::SIGNATURE_TIME_STAMP,
        attr::COMPLETE_CERTIFICATE_REFS,
        attr::COMPLETE_REVOCATION_REFS,
    ] {
        for a in sorted.iter().filter(|a| a.attr_type == oid) {
            esc.extend(a.type_and_values().map_err(SignError::Encoding)?);
        }
    }
    let token = tsa.timestamp(&tsa.digest_algorithm().digest(&esc))?;
    unsigned.push((attr::ESC_TIME_STAMP, token));
    Ok(())
}
