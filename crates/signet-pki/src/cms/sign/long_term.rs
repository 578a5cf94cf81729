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
//! The tags of CrlOcspRef and RevocationValues are EXPLICIT, the ASN.1
//! module of RFC 5126 (section A.1) being in the explicit-tagging form;
//! ResponderID is RFC 6960's `byName [1] Name`, `byKey [2] KeyHash`.
//!
//! [RFC 5126]: https://datatracker.ietf.org/doc/html/rfc5126#section-6.2

use const_oid::ObjectIdentifier;
use signet_crypto::DigestAlgorithm;
use time::OffsetDateTime;

use super::encode::{self, CONTEXT_4, OCTET_STRING, SEQUENCE, constructed, tlv};
use super::{SignError, attribute, digest_algorithm_identifier, serial};
use crate::Certificate;
use crate::TrustStore;
use crate::cms::attributes as attr;
use crate::path::{IssuerSource, PathValidator};
use crate::revocation::ocsp::ResponderId;
use crate::revocation::{BudgetedChecker, Evidence, RevocationStatus};
use crate::tsa::Timestamper;

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
    let long_term = |why: String| SignError::LongTerm(why);
    let path = PathValidator::new(trust, issuers)
        .validate(cert, intermediates, time)
        .map_err(|e| long_term(format!("no valid path to a trusted root: {e}")))?
        .certificates;
    let mut revocation = Vec::with_capacity(path.len().saturating_sub(1));
    for pair in path.windows(2) {
        let [subject, issuer] = pair else { continue };
        let report = checker.check_with_evidence(subject, issuer, time);
        let name = super::signer::subject_of(subject);
        match (report.status, report.evidence) {
            (RevocationStatus::Good { .. }, Some(evidence)) => revocation.push(evidence),
            (RevocationStatus::Good { .. }, None) => {
                return Err(long_term(format!(
                    "the revocation data of \"{name}\" could not be kept"
                )));
            }
            (RevocationStatus::Revoked { time, .. }, _) => {
                return Err(long_term(format!("\"{name}\" was revoked on {time}")));
            }
            (RevocationStatus::Unknown { reasons }, _) => {
                return Err(long_term(format!(
                    "the revocation status of \"{name}\" is unknown: {}",
                    reasons.join("; ")
                )));
            }
        }
    }
    Ok(ValidationData { path, revocation })
}

/// `OtherHash` in its `otherHash` form, SHA-256.
fn other_hash(der: &[u8]) -> Vec<u8> {
    let hash = DigestAlgorithm::Sha256;
    constructed(
        SEQUENCE,
        &[
            &digest_algorithm_identifier(hash),
            &tlv(OCTET_STRING, &hash.digest(der)),
        ],
    )
}

/// `OtherCertID ::= SEQUENCE { otherCertHash, issuerSerial }`.
fn other_cert_id(cert: &Certificate) -> Vec<u8> {
    let general_names = tlv(SEQUENCE, &tlv(CONTEXT_4, cert.issuer_der()));
    let issuer_serial = constructed(SEQUENCE, &[&general_names, &serial(cert)]);
    constructed(SEQUENCE, &[&other_hash(cert.der()), &issuer_serial])
}

/// `CrlOcspRef` of one status.
fn crl_ocsp_ref(evidence: &Evidence) -> Result<Vec<u8>, SignError> {
    Ok(match evidence {
        Evidence::Crl(der) => {
            // [0] CRLListID { crls SEQUENCE OF CrlValidatedID { crlHash } }
            let validated = tlv(SEQUENCE, &other_hash(der));
            let list = tlv(SEQUENCE, &tlv(SEQUENCE, &validated));
            tlv(SEQUENCE, &tlv(0xA0, &list))
        }
        Evidence::Ocsp(basic) => {
            let responder = match &basic.responder_id {
                ResponderId::ByName(name) => tlv(0xA1, name),
                ResponderId::ByKey(hash) => tlv(0xA2, &tlv(OCTET_STRING, hash)),
            };
            let produced = encode::generalized_time(basic.produced_at)
                .map_err(|e| SignError::SigningTime(e.0))?;
            let identifier = constructed(SEQUENCE, &[&responder, &produced]);
            // [1] OcspListID { ocspResponses SEQUENCE OF OcspResponsesID
            //   { ocspIdentifier, ocspRepHash } }
            let id = constructed(SEQUENCE, &[&identifier, &other_hash(basic.der())]);
            let list = tlv(SEQUENCE, &tlv(SEQUENCE, &id));
            tlv(SEQUENCE, &tlv(0xA1, &list))
        }
    })
}

/// The attribute's attrType and attrValues: the Attribute without its
/// SEQUENCE header.
fn attribute_body(der: &[u8]) -> &[u8] {
    crate::certificate::contents_of(der).unwrap_or_default()
}

/// Whether `der` is an Attribute of type `oid`.
fn is_attribute(der: &[u8], oid: &ObjectIdentifier) -> bool {
    attribute_body(der).starts_with(&encode::oid(oid))
}

/// Adds the CAdES-X Long Type 1 attributes for `data` to `unsigned` (the
/// unsigned attributes of a signer whose signature value is `signature`,
/// holding its signature-time-stamp), the escTimeStamp from `tsa`. The
/// attributes are left sorted as DER's SET OF.
pub(super) fn extend(
    unsigned: &mut Vec<Vec<u8>>,
    signature: &[u8],
    data: &ValidationData,
    tsa: &dyn Timestamper,
) -> Result<(), SignError> {
    if !unsigned
        .iter()
        .any(|a| is_attribute(a, &attr::SIGNATURE_TIME_STAMP))
    {
        return Err(SignError::LongTerm(
            "the signer has no signature time-stamp".into(),
        ));
    }
    if data.revocation.len() + 1 != data.path.len() {
        return Err(SignError::LongTerm(
            "the revocation data does not match the path".into(),
        ));
    }
    let cas = data.path.get(1..).unwrap_or_default();
    let cert_refs: Vec<u8> = cas.iter().flat_map(other_cert_id).collect();
    let mut rev_refs = Vec::new();
    for e in &data.revocation {
        rev_refs.extend(crl_ocsp_ref(e)?);
    }
    let cert_values: Vec<u8> = cas.iter().flat_map(|c| c.der().to_vec()).collect();
    let (crls, ocsp): (Vec<&Evidence>, Vec<&Evidence>) = data
        .revocation
        .iter()
        .partition(|e| matches!(e, Evidence::Crl(_)));
    let mut rev_values = Vec::new();
    if !crls.is_empty() {
        let list: Vec<u8> = crls
            .iter()
            .flat_map(|e| match e {
                Evidence::Crl(der) => der.clone(),
                Evidence::Ocsp(_) => Vec::new(),
            })
            .collect();
        rev_values.extend(tlv(0xA0, &tlv(SEQUENCE, &list)));
    }
    if !ocsp.is_empty() {
        let list: Vec<u8> = ocsp
            .iter()
            .flat_map(|e| match e {
                Evidence::Ocsp(basic) => basic.der().to_vec(),
                Evidence::Crl(_) => Vec::new(),
            })
            .collect();
        rev_values.extend(tlv(0xA1, &tlv(SEQUENCE, &list)));
    }
    unsigned.push(attribute(
        &attr::COMPLETE_CERTIFICATE_REFS,
        &tlv(SEQUENCE, &cert_refs),
    ));
    unsigned.push(attribute(
        &attr::COMPLETE_REVOCATION_REFS,
        &tlv(SEQUENCE, &rev_refs),
    ));
    unsigned.push(attribute(
        &attr::CERTIFICATE_VALUES,
        &tlv(SEQUENCE, &cert_values),
    ));
    unsigned.push(attribute(
        &attr::REVOCATION_VALUES,
        &tlv(SEQUENCE, &rev_values),
    ));
    encode::sort_set_of(unsigned);
    // The CAdES-C time-stamp covers the attributes in their final order.
    let mut esc = signature.to_vec();
    for oid in [
        attr::SIGNATURE_TIME_STAMP,
        attr::COMPLETE_CERTIFICATE_REFS,
        attr::COMPLETE_REVOCATION_REFS,
    ] {
        for a in unsigned.iter().filter(|a| is_attribute(a, &oid)) {
            esc.extend_from_slice(attribute_body(a));
        }
    }
    let token = tsa.timestamp(&tsa.digest_algorithm().digest(&esc))?;
    unsigned.push(attribute(&attr::ESC_TIME_STAMP, &token));
    encode::sort_set_of(unsigned);
    Ok(())
}

/// The `[1]` unsignedAttrs element of a SignerInfo, or nothing.
pub(super) fn unsigned_attrs(attributes: &[Vec<u8>]) -> Vec<u8> {
    if attributes.is_empty() {
        Vec::new()
    } else {
        tlv(super::encode::CONTEXT_1, &attributes.concat())
    }
}
