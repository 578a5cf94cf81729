//! OCSP ([RFC 6960]): building a request ([`request`]), reading the
//! response ([`response`]), and the checks that make an answer usable
//! (section 3.2).
//!
//! The answer must be signed by the issuer itself, or by a responder
//! certificate the issuer signed with extendedKeyUsage id-kp-OCSPSigning
//! (section 4.2.2.2); locally configured trusted responders are not
//! supported. The nonce is checked when the request sent one ([RFC 8954]).
//!
//! [RFC 6960]: https://datatracker.ietf.org/doc/html/rfc6960#section-4
//! [RFC 8954]: https://datatracker.ietf.org/doc/html/rfc8954

pub mod request;
pub mod response;

use std::ops::Range;

use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280::ID_KP_OCSP_SIGNING;
use const_oid::db::rfc6960::{
    ID_PKIX_OCSP_ARCHIVE_CUTOFF, ID_PKIX_OCSP_BASIC, ID_PKIX_OCSP_CRL,
    ID_PKIX_OCSP_EXTENDED_REVOKE, ID_PKIX_OCSP_NONCE,
};
use der::asn1::OctetStringRef;
use der::{Decode, Encode};
use signet_crypto::DigestAlgorithm;
use spki::AlgorithmIdentifierOwned;
use time::OffsetDateTime;

pub use self::request::{CertId, OcspRequest};
use self::response::{BasicOcspResponseRef, OcspResponseRef, ResponderIdRef};
pub use self::response::{CertStatus, OcspResponseStatus, SingleResponseRef};
use super::asn1::{Extensions, SequenceOfRef, range_in, read_extensions};
use super::error::{FormatError, RevocationError, UnauthorizedResponder};
use super::freshness::{CheckOptions, check_fresh};
use super::{OCSP_DEFAULT_VALIDITY, Verdict};
use crate::name::names_equal;
use crate::signature::{self, SignedMessage};
use crate::{Certificate, CertificateFields};

/// Largest OCSP response accepted.
pub const MAX_OCSP_RESPONSE_LEN: usize = 1 << 20;
/// Most SingleResponses read from one response.
const MAX_SINGLE_RESPONSES: usize = 1000;
/// Most certificates read from a response's `certs`.
const MAX_RESPONSE_CERTS: usize = 16;

/// The MIME type of a request.
pub const OCSP_REQUEST_TYPE: &str = "application/ocsp-request";
/// Extensions of a response that signet processes or may ignore: the
/// nonce, id-pkix-ocsp-crl, id-pkix-ocsp-archive-cutoff, extended revoke.
const KNOWN_RESPONSE_EXTENSIONS: [ObjectIdentifier; 4] = [
    ID_PKIX_OCSP_NONCE,
    ID_PKIX_OCSP_CRL,
    ID_PKIX_OCSP_ARCHIVE_CUTOFF,
    ID_PKIX_OCSP_EXTENDED_REVOKE,
];

/// responderID, as kept with a response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResponderId {
    /// byName: the responder's subject Name DER.
    ByName(Vec<u8>),
    /// byKey: SHA-1 of the responder's subjectPublicKey BIT STRING contents.
    ByKey(Vec<u8>),
}

/// A read BasicOCSPResponse: its DER and what the checks use.
#[derive(Clone, Debug)]
pub struct BasicOcspResponse {
    der: Vec<u8>,
    tbs: Range<usize>,
    /// The contents of `responses`, every element checked to decode.
    responses: Range<usize>,
    signature: Range<usize>,
    /// responderID.
    pub responder_id: ResponderId,
    /// producedAt.
    pub produced_at: OffsetDateTime,
    /// The nonce extension's extnValue, if present.
    pub nonce: Option<Vec<u8>>,
    /// Critical responseExtensions signet does not process.
    pub unsupported_critical: Vec<ObjectIdentifier>,
    /// signatureAlgorithm.
    pub signature_algorithm: AlgorithmIdentifierOwned,
    /// certs: certificates the responder sent (its own, typically).
    pub certs: Vec<Certificate>,
}

/// A read OCSPResponse.
#[derive(Clone, Debug)]
pub struct OcspResponse {
    /// responseStatus.
    pub status: OcspResponseStatus,
    /// The basic response, present when the status is successful.
    pub basic: Option<BasicOcspResponse>,
}

impl OcspResponse {
    /// Reads a DER-encoded OCSPResponse.
    pub fn from_der(der: &[u8]) -> Result<Self, RevocationError> {
        if der.len() > MAX_OCSP_RESPONSE_LEN {
            return Err(RevocationError::TooLarge {
                what: "OCSP response",
                len: der.len(),
                limit: MAX_OCSP_RESPONSE_LEN,
            });
        }
        let response = OcspResponseRef::from_der(der).map_err(RevocationError::malformed_ocsp)?;
        let basic = match response.response_bytes {
            None => None,
            Some(bytes) if bytes.response_type != ID_PKIX_OCSP_BASIC => {
                return Err(RevocationError::malformed_ocsp(
                    FormatError::NotBasicResponse(bytes.response_type),
                ));
            }
            Some(bytes) => Some(BasicOcspResponse::from_der(bytes.response.as_bytes())?),
        };
        let status = response.response_status;
        if status == OcspResponseStatus::Successful && basic.is_none() {
            return Err(RevocationError::malformed_ocsp(
                FormatError::SuccessfulWithoutResponseBytes,
            ));
        }
        Ok(OcspResponse { status, basic })
    }
}

impl BasicOcspResponse {
    /// Reads a DER-encoded BasicOCSPResponse: every SingleResponse and
    /// every certificate must decode, within the limits.
    pub fn from_der(der: &[u8]) -> Result<Self, RevocationError> {
        let basic = BasicOcspResponseRef::from_der(der).map_err(RevocationError::malformed_ocsp)?;
        Self::read(der, &basic).map_err(RevocationError::malformed_ocsp)
    }

    fn read(der: &[u8], basic: &BasicOcspResponseRef<'_>) -> Result<Self, FormatError> {
        let data = basic.tbs_response_data.value();
        let signature = basic
            .signature
            .as_bytes()
            .ok_or(FormatError::SignatureUnusedBits)?;
        let mut certs = Vec::new();
        for cert in basic.certs.iter().flat_map(|list| list.iter()) {
            if certs.len() == MAX_RESPONSE_CERTS {
                return Err(FormatError::TooManyCertificates {
                    limit: MAX_RESPONSE_CERTS,
                });
            }
            let cert = Certificate::from_der(cert?.to_der()?)
                .map_err(|e| FormatError::Certificate(e.into()))?;
            certs.push(cert);
        }
        for (i, single) in data.responses.iter().enumerate() {
            if i == MAX_SINGLE_RESPONSES {
                return Err(FormatError::TooManyResponses {
                    limit: MAX_SINGLE_RESPONSES,
                });
            }
            if let Some(extensions) = &single?.single_extensions {
                read_extensions(extensions)?;
            }
        }
        let mut nonce = None;
        let mut unsupported_critical = Vec::new();
        if let Some(extensions) = &data.response_extensions {
            for extension in read_extensions(extensions)? {
                if extension.extn_id == ID_PKIX_OCSP_NONCE {
                    nonce = Some(extension.value().to_vec());
                } else if extension.critical.0
                    && !KNOWN_RESPONSE_EXTENSIONS.contains(&extension.extn_id)
                {
                    unsupported_critical.push(extension.extn_id);
                }
            }
        }
        Ok(BasicOcspResponse {
            der: der.to_vec(),
            tbs: range_in(der, basic.tbs_response_data.der()),
            responses: range_in(der, data.responses.contents()),
            signature: range_in(der, signature),
            responder_id: match data.responder_id {
                ResponderIdRef::ByName(name) => ResponderId::ByName(name.to_der()?),
                ResponderIdRef::ByKey(hash) => ResponderId::ByKey(hash.as_bytes().to_vec()),
            },
            produced_at: data.produced_at.whole_seconds(),
            nonce,
            unsupported_critical,
            signature_algorithm: basic.signature_algorithm.clone(),
            certs,
        })
    }

    /// The DER of the whole BasicOCSPResponse (what CAdES revocation-values
    /// carry).
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The DER of tbsResponseData: what the responder signed.
    pub fn tbs_der(&self) -> &[u8] {
        self.der.get(self.tbs.clone()).unwrap_or_default()
    }

    /// The signature value.
    pub fn signature_value(&self) -> &[u8] {
        self.der.get(self.signature.clone()).unwrap_or_default()
    }

    /// The SingleResponses.
    pub fn responses(&self) -> impl Iterator<Item = SingleResponseRef<'_>> {
        let contents = self.der.get(self.responses.clone()).unwrap_or_default();
        // Each decoded when the response was read.
        SequenceOfRef::<SingleResponseRef<'_>>::from_contents(contents)
            .iter()
            .map_while(Result::ok)
    }

    fn signed_by(&self, key_holder: &CertificateFields) -> Result<(), RevocationError> {
        signature::verify(
            &key_holder.public_key,
            &self.signature_algorithm,
            None,
            SignedMessage::Bytes(self.tbs_der()),
            self.signature_value(),
        )
        .map_err(RevocationError::BadSignature)
    }

    fn responder_is(&self, cert: &Certificate, fields: &CertificateFields) -> bool {
        match &self.responder_id {
            ResponderId::ByName(name) => names_equal(name, cert.subject_der()),
            ResponderId::ByKey(hash) => {
                DigestAlgorithm::Sha1.digest(&fields.public_key.subject_public_key)
                    == hash.as_slice()
            }
        }
    }

    /// Checks who signed the response ([RFC 6960 section 4.2.2.2]): the
    /// issuer itself, or a responder certificate in `certs` that the issuer
    /// signed, that has extendedKeyUsage id-kp-OCSPSigning and that is
    /// valid when the response was produced. Returns a description of the
    /// signer for the report.
    ///
    /// [RFC 6960 section 4.2.2.2]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.2.2
    pub fn verify_signer(
        &self,
        issuer: &Certificate,
        issuer_fields: &CertificateFields,
        clock_skew: std::time::Duration,
    ) -> Result<String, RevocationError> {
        if self.responder_is(issuer, issuer_fields) {
            self.signed_by(issuer_fields)?;
            return Ok("the issuing CA".into());
        }
        let mut why = UnauthorizedResponder::NotFound;
        for cert in &self.certs {
            let fields = cert.fields();
            if !self.responder_is(cert, fields) {
                continue;
            }
            let name = fields.subject.display_name();
            match self.delegation(cert, issuer, issuer_fields, clock_skew) {
                Ok(()) => {
                    self.signed_by(fields)?;
                    return Ok(format!("the delegated responder \"{name}\""));
                }
                Err(e) => why = e,
            }
        }
        Err(RevocationError::UnauthorizedResponder(why))
    }

    /// Whether `issuer` delegated OCSP signing to `responder` when the
    /// response was produced ([RFC 6960 section 4.2.2.2]).
    ///
    /// [RFC 6960 section 4.2.2.2]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.2.2
    fn delegation(
        &self,
        responder: &Certificate,
        issuer: &Certificate,
        issuer_fields: &CertificateFields,
        clock_skew: std::time::Duration,
    ) -> Result<(), UnauthorizedResponder> {
        let fields = responder.fields();
        let name = || fields.subject.display_name();
        if !names_equal(responder.issuer_der(), issuer.subject_der()) {
            return Err(UnauthorizedResponder::OtherIssuer(name()));
        }
        signature::verify(
            &issuer_fields.public_key,
            responder.x509().signature_algorithm(),
            None,
            SignedMessage::Bytes(responder.tbs_der()),
            responder.signature_value(),
        )
        .map_err(|error| UnauthorizedResponder::BadCertificateSignature {
            name: name(),
            error,
        })?;
        if !fields
            .extensions
            .extended_key_usage
            .contains(&ID_KP_OCSP_SIGNING)
        {
            return Err(UnauthorizedResponder::NotOcspSigner(name()));
        }
        let skew = time::Duration::try_from(clock_skew).unwrap_or(time::Duration::ZERO);
        if self.produced_at + skew < fields.not_before || self.produced_at - skew > fields.not_after
        {
            return Err(UnauthorizedResponder::NotValidWhenProduced {
                name: name(),
                produced_at: self.produced_at,
            });
        }
        Ok(())
    }

    /// The answer about `cert`, compared under each answer's own hash
    /// algorithm.
    pub fn find(&self, cert: &Certificate, issuer: &Certificate) -> Option<SingleResponseRef<'_>> {
        self.responses().find(|r| {
            signature::digest_algorithm(&r.cert_id.hash_algorithm.oid)
                .and_then(|digest| CertId::new(cert, issuer, digest).ok())
                .is_some_and(|mine| r.cert_id.names(&mine))
        })
    }

    /// Every check of a response about `cert`: status of the response,
    /// the signer, the nonce (when `request` is given), the SingleResponse
    /// for the certificate, critical extensions, and freshness at `time`.
    pub fn check(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        time: OffsetDateTime,
        request: Option<&OcspRequest>,
        options: &CheckOptions,
    ) -> Result<CheckedAnswer, RevocationError> {
        let mut notes = Vec::new();
        if let Some(oid) = self.unsupported_critical.first() {
            return Err(RevocationError::UnknownCriticalExtension(
                crate::oid::name_of(oid),
            ));
        }
        let single = self
            .find(cert, issuer)
            .ok_or(RevocationError::NoMatchingResponse)?;
        if let Some(oid) = unsupported_critical(single.single_extensions.as_ref()).first() {
            return Err(RevocationError::UnknownCriticalExtension(
                crate::oid::name_of(oid),
            ));
        }
        let issuer_fields = issuer.fields();
        let signer = self.verify_signer(issuer, issuer_fields, options.clock_skew)?;
        if let Some(sent) = request.and_then(OcspRequest::nonce) {
            match &self.nonce {
                // RFC 8954 form, or the bare bytes older responders echo.
                Some(got) if *got == nonce_value(&sent) || *got == sent => {}
                Some(_) => return Err(RevocationError::NonceMismatch),
                None => notes.push(
                    "the responder did not echo the nonce (a pre-produced or replayed answer cannot be told apart)"
                        .into(),
                ),
            }
        }
        let answer = OcspAnswer {
            status: single.cert_status,
            this_update: single.this_update.whole_seconds(),
            next_update: single.next_update.map(|t| t.whole_seconds()),
            produced_at: self.produced_at,
            signer,
        };
        answer.check_fresh(time, options, &mut notes)?;
        Ok(CheckedAnswer { answer, notes })
    }
}

/// The critical singleExtensions signet does not process.
fn unsupported_critical(extensions: Option<&Extensions<'_>>) -> Vec<ObjectIdentifier> {
    extensions
        .and_then(|e| read_extensions(e).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.critical.0 && !KNOWN_RESPONSE_EXTENSIONS.contains(&e.extn_id))
        .map(|e| e.extn_id)
        .collect()
}

/// The nonce extension's extnValue for `nonce`: an OCTET STRING of the
/// bytes ([RFC 8954 section 2.1]).
///
/// [RFC 8954 section 2.1]: https://datatracker.ietf.org/doc/html/rfc8954#section-2.1
fn nonce_value(nonce: &[u8]) -> Vec<u8> {
    OctetStringRef::new(nonce)
        .and_then(|n| n.to_der())
        .unwrap_or_default()
}

/// A verified answer about one certificate: what the cache keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OcspAnswer {
    /// The status.
    pub status: CertStatus,
    /// thisUpdate.
    pub this_update: OffsetDateTime,
    /// nextUpdate.
    pub next_update: Option<OffsetDateTime>,
    /// producedAt.
    pub produced_at: OffsetDateTime,
    /// Who signed it.
    pub signer: String,
}

/// A verified answer and the notes made while checking it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedAnswer {
    /// The answer.
    pub answer: OcspAnswer,
    /// Notes: a missing nonce, an accepted stale answer.
    pub notes: Vec<String>,
}

impl OcspAnswer {
    /// The freshness rule of CRLs (nextUpdate not passed before the
    /// validation time, give or take the clock skew), with
    /// [`OCSP_DEFAULT_VALIDITY`] when nextUpdate is absent.
    pub fn check_fresh(
        &self,
        time: OffsetDateTime,
        options: &CheckOptions,
        notes: &mut Vec<String>,
    ) -> Result<(), RevocationError> {
        check_fresh(
            self.this_update,
            self.next_update,
            OCSP_DEFAULT_VALIDITY,
            time,
            options,
            notes,
        )
    }

    /// The status as a verdict, `None` for unknown.
    pub fn verdict(&self) -> Option<Verdict> {
        match self.status {
            CertStatus::Good(_) => Some(Verdict::Good),
            CertStatus::Revoked(info) => Some(Verdict::Revoked {
                time: info.revocation_time.whole_seconds(),
                reason: info.revocation_reason,
            }),
            CertStatus::Unknown(_) => None,
        }
    }
}

#[cfg(test)]
mod tests;
