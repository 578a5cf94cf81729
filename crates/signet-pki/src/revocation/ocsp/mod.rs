//! OCSP ([RFC 6960]): building a request, parsing the response, and the
//! checks that make an answer usable (section 3.2).
//!
//! ```text
//! OCSPRequest ::= SEQUENCE { tbsRequest TBSRequest,
//!                            optionalSignature [0] EXPLICIT Signature OPTIONAL }
//! TBSRequest  ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1,
//!                            requestorName [1] EXPLICIT GeneralName OPTIONAL,
//!                            requestList SEQUENCE OF Request,
//!                            requestExtensions [2] EXPLICIT Extensions OPTIONAL }
//! Request     ::= SEQUENCE { reqCert CertID,
//!                            singleRequestExtensions [0] EXPLICIT Extensions OPTIONAL }
//! CertID      ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier,
//!                            issuerNameHash OCTET STRING, issuerKeyHash OCTET STRING,
//!                            serialNumber CertificateSerialNumber }
//!
//! OCSPResponse ::= SEQUENCE { responseStatus OCSPResponseStatus,
//!                             responseBytes [0] EXPLICIT ResponseBytes OPTIONAL }
//! ResponseBytes ::= SEQUENCE { responseType OBJECT IDENTIFIER, response OCTET STRING }
//! BasicOCSPResponse ::= SEQUENCE { tbsResponseData ResponseData,
//!                                  signatureAlgorithm AlgorithmIdentifier,
//!                                  signature BIT STRING,
//!                                  certs [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
//! ResponseData ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1,
//!                             responderID ResponderID,
//!                             producedAt GeneralizedTime,
//!                             responses SEQUENCE OF SingleResponse,
//!                             responseExtensions [1] EXPLICIT Extensions OPTIONAL }
//! ResponderID ::= CHOICE { byName [1] Name, byKey [2] KeyHash }
//! SingleResponse ::= SEQUENCE { certID CertID, certStatus CertStatus,
//!                               thisUpdate GeneralizedTime,
//!                               nextUpdate [0] EXPLICIT GeneralizedTime OPTIONAL,
//!                               singleExtensions [1] EXPLICIT Extensions OPTIONAL }
//! CertStatus ::= CHOICE { good [0] IMPLICIT NULL,
//!                         revoked [1] IMPLICIT RevokedInfo,
//!                         unknown [2] IMPLICIT UnknownInfo }
//! RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime,
//!                            revocationReason [0] EXPLICIT CRLReason OPTIONAL }
//! ```
//!
//! The request names the certificate by a SHA-1 CertID (what every
//! responder answers) and carries a nonce of 32 random bytes ([RFC 8954]).
//! The answer must be signed by the issuer itself, or by a responder
//! certificate the issuer signed with extendedKeyUsage id-kp-OCSPSigning
//! (section 4.2.2.2); locally configured trusted responders are not
//! supported.
//!
//! [RFC 6960]: https://datatracker.ietf.org/doc/html/rfc6960#section-4
//! [RFC 8954]: https://datatracker.ietf.org/doc/html/rfc8954

use const_oid::ObjectIdentifier;
use der::Tag;
use signet_crypto::DigestAlgorithm;
use spki::AlgorithmIdentifierOwned;
use time::OffsetDateTime;

use super::asn1::{self, Parsed, Tlv, encode, sequence};
use super::crl::{CheckOptions, check_fresh};
use super::{CrlReason, RevocationError, Verdict, names_equal, rfc3339};
use crate::signature::{self, SignedMessage};
use crate::{Certificate, CertificateFields};

/// Largest OCSP response accepted.
pub const MAX_OCSP_RESPONSE_LEN: usize = 1 << 20;
/// Most SingleResponses read from one response.
const MAX_SINGLE_RESPONSES: usize = 1000;
/// Most certificates read from a response's `certs`.
const MAX_RESPONSE_CERTS: usize = 16;

/// id-pkix-ocsp-basic (1.3.6.1.5.5.7.48.1.1).
pub const ID_PKIX_OCSP_BASIC: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");
/// id-pkix-ocsp-nonce (1.3.6.1.5.5.7.48.1.2).
pub const ID_PKIX_OCSP_NONCE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.2");
/// id-pkix-ocsp-nocheck (1.3.6.1.5.5.7.48.1.5): the responder certificate
/// is not checked for revocation.
pub const ID_PKIX_OCSP_NOCHECK: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.5");
/// id-kp-OCSPSigning (1.3.6.1.5.5.7.3.9).
pub const ID_KP_OCSP_SIGNING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.9");
/// The MIME type of a request.
pub const OCSP_REQUEST_TYPE: &str = "application/ocsp-request";
/// Extensions of a response that signet processes or may ignore.
const KNOWN_RESPONSE_EXTENSIONS: [ObjectIdentifier; 4] = [
    ID_PKIX_OCSP_NONCE,
    // id-pkix-ocsp-crl, id-pkix-ocsp-archive-cutoff, extended revoke.
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.3"),
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.6"),
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.9"),
];

/// A certificate's identity in OCSP ([RFC 6960 section 4.1.1]).
///
/// [RFC 6960 section 4.1.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.1.1
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CertId {
    /// hashAlgorithm.
    pub hash_algorithm: ObjectIdentifier,
    /// Hash of the issuer's subject name DER.
    pub issuer_name_hash: Vec<u8>,
    /// Hash of the issuer's subjectPublicKey BIT STRING contents.
    pub issuer_key_hash: Vec<u8>,
    /// The serial number's content octets.
    pub serial_number: Vec<u8>,
}

impl CertId {
    /// The CertID of `cert`, issued by `issuer`, hashed with `digest`.
    pub fn new(cert: &Certificate, issuer: &Certificate, digest: DigestAlgorithm) -> Self {
        let issuer_key = issuer
            .x509()
            .tbs_certificate()
            .subject_public_key_info()
            .subject_public_key
            .raw_bytes();
        CertId {
            hash_algorithm: signature::digest_oid(digest),
            issuer_name_hash: digest.digest(issuer.subject_der()),
            issuer_key_hash: digest.digest(issuer_key),
            serial_number: cert
                .x509()
                .tbs_certificate()
                .serial_number()
                .as_bytes()
                .to_vec(),
        }
    }

    /// The DER encoding, with NULL hash parameters as OpenSSL writes them.
    pub fn to_der(&self) -> Vec<u8> {
        use der::Encode as _;
        let oid = self.hash_algorithm.to_der().unwrap_or_default();
        let alg = sequence(&[&oid, &[0x05, 0x00]]);
        sequence(&[
            &alg,
            &encode(0x04, &self.issuer_name_hash),
            &encode(0x04, &self.issuer_key_hash),
            &encode(0x02, &self.serial_number),
        ])
    }

    fn read(t: Tlv<'_>) -> Parsed<CertId> {
        let t = t.expect(Tag::Sequence, "CertID")?;
        let mut f = t.children()?;
        let alg = f
            .required("hashAlgorithm")?
            .expect(Tag::Sequence, "hashAlgorithm")?;
        let hash_algorithm = asn1::oid(alg.children()?.required("hash algorithm")?)?;
        let issuer_name_hash = f
            .required("issuerNameHash")?
            .expect(Tag::OctetString, "issuerNameHash")?;
        let issuer_key_hash = f
            .required("issuerKeyHash")?
            .expect(Tag::OctetString, "issuerKeyHash")?;
        let serial = f
            .required("serialNumber")?
            .expect(Tag::Integer, "serialNumber")?;
        f.finish("CertID")?;
        Ok(CertId {
            hash_algorithm,
            issuer_name_hash: issuer_name_hash.value.to_vec(),
            issuer_key_hash: issuer_key_hash.value.to_vec(),
            serial_number: serial.value.to_vec(),
        })
    }
}

/// An OCSP request for one certificate.
#[derive(Clone, Debug)]
pub struct OcspRequest {
    /// The certificate asked about.
    pub cert_id: CertId,
    /// The nonce, if one is sent.
    pub nonce: Option<[u8; 32]>,
    der: Vec<u8>,
}

impl OcspRequest {
    /// A request for `cert` (issued by `issuer`) with a fresh random nonce.
    pub fn new(cert: &Certificate, issuer: &Certificate) -> Result<Self, RevocationError> {
        let mut nonce = [0u8; 32];
        aws_lc_rs::rand::fill(&mut nonce).map_err(|_| {
            RevocationError::Unsupported("no random numbers for the OCSP nonce".into())
        })?;
        Ok(Self::with_nonce(cert, issuer, Some(nonce)))
    }

    /// A request with the given nonce, or none.
    pub fn with_nonce(cert: &Certificate, issuer: &Certificate, nonce: Option<[u8; 32]>) -> Self {
        use der::Encode as _;
        let cert_id = CertId::new(cert, issuer, DigestAlgorithm::Sha1);
        let request = sequence(&[&cert_id.to_der()]);
        let request_list = sequence(&[&request]);
        let mut tbs_parts = vec![request_list];
        if let Some(n) = &nonce {
            let oid = ID_PKIX_OCSP_NONCE.to_der().unwrap_or_default();
            let ext = sequence(&[&oid, &encode(0x04, &nonce_value(n))]);
            tbs_parts.push(encode(0xA2, &sequence(&[&ext])));
        }
        let refs: Vec<&[u8]> = tbs_parts.iter().map(Vec::as_slice).collect();
        let der = sequence(&[&sequence(&refs)]);
        OcspRequest {
            cert_id,
            nonce,
            der,
        }
    }

    /// The DER encoding, the body of the POST.
    pub fn der(&self) -> &[u8] {
        &self.der
    }
}

/// The nonce extension's extnValue: an OCTET STRING of the random bytes
/// (RFC 8954 section 2.1).
fn nonce_value(nonce: &[u8; 32]) -> Vec<u8> {
    encode(0x04, nonce)
}

/// responseStatus ([RFC 6960 section 4.2.1]).
///
/// [RFC 6960 section 4.2.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.1
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OcspResponseStatus {
    /// successful (0).
    Successful,
    /// malformedRequest (1).
    MalformedRequest,
    /// internalError (2).
    InternalError,
    /// tryLater (3).
    TryLater,
    /// sigRequired (5).
    SigRequired,
    /// unauthorized (6).
    Unauthorized,
    /// Any other value.
    Other(u32),
}

impl std::fmt::Display for OcspResponseStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OcspResponseStatus::Successful => f.write_str("successful"),
            OcspResponseStatus::MalformedRequest => f.write_str("malformedRequest"),
            OcspResponseStatus::InternalError => f.write_str("internalError"),
            OcspResponseStatus::TryLater => f.write_str("tryLater"),
            OcspResponseStatus::SigRequired => f.write_str("sigRequired"),
            OcspResponseStatus::Unauthorized => f.write_str("unauthorized"),
            OcspResponseStatus::Other(n) => write!(f, "status {n}"),
        }
    }
}

/// A certificate's status in a SingleResponse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CertStatus {
    /// good.
    Good,
    /// revoked, with revocationTime and revocationReason.
    Revoked {
        /// revocationTime.
        time: OffsetDateTime,
        /// revocationReason.
        reason: Option<CrlReason>,
    },
    /// unknown: the responder does not know the certificate.
    Unknown,
}

/// One SingleResponse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SingleResponse {
    /// certID.
    pub cert_id: CertId,
    /// certStatus.
    pub status: CertStatus,
    /// thisUpdate.
    pub this_update: OffsetDateTime,
    /// nextUpdate.
    pub next_update: Option<OffsetDateTime>,
    /// Critical singleExtensions signet does not process.
    pub unsupported_critical: Vec<ObjectIdentifier>,
}

/// responderID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResponderId {
    /// byName: the responder's subject Name DER.
    ByName(Vec<u8>),
    /// byKey: SHA-1 of the responder's subjectPublicKey BIT STRING contents.
    ByKey(Vec<u8>),
}

/// A parsed BasicOCSPResponse.
#[derive(Clone, Debug)]
pub struct BasicOcspResponse {
    der: Vec<u8>,
    tbs: Vec<u8>,
    /// responderID.
    pub responder_id: ResponderId,
    /// producedAt.
    pub produced_at: OffsetDateTime,
    /// responses.
    pub responses: Vec<SingleResponse>,
    /// The nonce extension's extnValue, if present.
    pub nonce: Option<Vec<u8>>,
    /// Critical responseExtensions signet does not process.
    pub unsupported_critical: Vec<ObjectIdentifier>,
    /// signatureAlgorithm.
    pub signature_algorithm: AlgorithmIdentifierOwned,
    signature: Vec<u8>,
    /// certs: certificates the responder sent (its own, typically).
    pub certs: Vec<Certificate>,
}

/// A parsed OCSPResponse.
#[derive(Clone, Debug)]
pub struct OcspResponse {
    /// responseStatus.
    pub status: OcspResponseStatus,
    /// The basic response, present when the status is successful.
    pub basic: Option<BasicOcspResponse>,
}

fn malformed(detail: String) -> RevocationError {
    RevocationError::Malformed {
        what: "OCSP response",
        detail,
    }
}

impl OcspResponse {
    /// Parses a DER-encoded OCSPResponse.
    pub fn from_der(der: &[u8]) -> Result<Self, RevocationError> {
        if der.len() > MAX_OCSP_RESPONSE_LEN {
            return Err(RevocationError::TooLarge {
                what: "OCSP response",
                len: der.len(),
                limit: MAX_OCSP_RESPONSE_LEN,
            });
        }
        Self::read(der).map_err(malformed)
    }

    fn read(der: &[u8]) -> Parsed<Self> {
        let outer = Tlv::parse(der)?.expect(Tag::Sequence, "OCSPResponse")?;
        let mut f = outer.children()?;
        let status = f
            .required("responseStatus")?
            .expect(Tag::Enumerated, "responseStatus")?;
        let status = match asn1::small_uint(status)? {
            0 => OcspResponseStatus::Successful,
            1 => OcspResponseStatus::MalformedRequest,
            2 => OcspResponseStatus::InternalError,
            3 => OcspResponseStatus::TryLater,
            5 => OcspResponseStatus::SigRequired,
            6 => OcspResponseStatus::Unauthorized,
            n => OcspResponseStatus::Other(n),
        };
        let mut basic = None;
        if let Some(bytes) = f.next()? {
            if !bytes.is_context(0, true) {
                return Err(format!("unexpected {} after responseStatus", bytes.tag));
            }
            let rb = Tlv::parse(bytes.value)?.expect(Tag::Sequence, "ResponseBytes")?;
            let mut rf = rb.children()?;
            let kind = asn1::oid(rf.required("responseType")?)?;
            let response = rf
                .required("response")?
                .expect(Tag::OctetString, "response")?;
            rf.finish("ResponseBytes")?;
            if kind != ID_PKIX_OCSP_BASIC {
                return Err(format!("response type {kind} is not id-pkix-ocsp-basic"));
            }
            basic = Some(BasicOcspResponse::read(response.value)?);
        }
        f.finish("OCSPResponse")?;
        if status == OcspResponseStatus::Successful && basic.is_none() {
            return Err("a successful response without responseBytes".into());
        }
        Ok(OcspResponse { status, basic })
    }
}

impl BasicOcspResponse {
    fn read(der: &[u8]) -> Parsed<Self> {
        let outer = Tlv::parse(der)?.expect(Tag::Sequence, "BasicOCSPResponse")?;
        let mut f = outer.children()?;
        let tbs = f
            .required("tbsResponseData")?
            .expect(Tag::Sequence, "tbsResponseData")?;
        let alg = f
            .required("signatureAlgorithm")?
            .expect(Tag::Sequence, "signatureAlgorithm")?;
        let signature_algorithm = {
            use der::Decode as _;
            AlgorithmIdentifierOwned::from_der(alg.raw)
                .map_err(|e| format!("signatureAlgorithm: {e}"))?
        };
        let signature = asn1::bit_string_bytes(f.required("signature")?)?.to_vec();
        let mut certs = Vec::new();
        if let Some(c) = f.next()? {
            if !c.is_context(0, true) {
                return Err(format!("unexpected {} after the signature", c.tag));
            }
            let list = Tlv::parse(c.value)?.expect(Tag::Sequence, "certs")?;
            let mut items = list.children()?;
            while let Some(item) = items.next()? {
                if certs.len() == MAX_RESPONSE_CERTS {
                    return Err(format!("more than {MAX_RESPONSE_CERTS} certificates"));
                }
                certs.push(Certificate::from_der(item.raw.to_vec()).map_err(|e| e.to_string())?);
            }
        }
        f.finish("BasicOCSPResponse")?;

        let mut d = tbs.children()?;
        let mut next = d.required("responderID")?;
        if next.is_context(0, true) {
            let v = Tlv::parse(next.value)?.expect(Tag::Integer, "version")?;
            if asn1::small_uint(v)? != 0 {
                return Err("unknown ResponseData version".into());
            }
            next = d.required("responderID")?;
        }
        let responder_id = if next.is_context(1, true) {
            ResponderId::ByName(
                Tlv::parse(next.value)?
                    .expect(Tag::Sequence, "byName")?
                    .raw
                    .to_vec(),
            )
        } else if next.is_context(2, true) {
            ResponderId::ByKey(
                Tlv::parse(next.value)?
                    .expect(Tag::OctetString, "byKey")?
                    .value
                    .to_vec(),
            )
        } else {
            return Err(format!("responderID: unexpected {}", next.tag));
        };
        let produced_at = asn1::time(
            d.required("producedAt")?
                .expect(Tag::GeneralizedTime, "producedAt")?,
        )?;
        let list = d
            .required("responses")?
            .expect(Tag::Sequence, "responses")?;
        let mut responses = Vec::new();
        let mut items = list.children()?;
        while let Some(item) = items.next()? {
            if responses.len() == MAX_SINGLE_RESPONSES {
                return Err(format!("more than {MAX_SINGLE_RESPONSES} responses"));
            }
            responses.push(read_single(item)?);
        }
        let mut nonce = None;
        let mut unsupported_critical = Vec::new();
        if let Some(e) = d.next()? {
            if !e.is_context(1, true) {
                return Err(format!("unexpected {} in ResponseData", e.tag));
            }
            for ext in asn1::extensions(Tlv::parse(e.value)?)? {
                if ext.oid == ID_PKIX_OCSP_NONCE {
                    nonce = Some(ext.value.to_vec());
                } else if ext.critical && !KNOWN_RESPONSE_EXTENSIONS.contains(&ext.oid) {
                    unsupported_critical.push(ext.oid);
                }
            }
        }
        d.finish("ResponseData")?;
        Ok(BasicOcspResponse {
            der: der.to_vec(),
            tbs: tbs.raw.to_vec(),
            responder_id,
            produced_at,
            responses,
            nonce,
            unsupported_critical,
            signature_algorithm,
            signature,
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
        &self.tbs
    }

    /// The signature value.
    pub fn signature_value(&self) -> &[u8] {
        &self.signature
    }

    fn signed_by(&self, key_holder: &CertificateFields) -> Result<(), RevocationError> {
        signature::verify(
            &key_holder.public_key,
            &self.signature_algorithm,
            None,
            SignedMessage::Bytes(&self.tbs),
            &self.signature,
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
        let skew = time::Duration::try_from(clock_skew).unwrap_or(time::Duration::ZERO);
        let mut why = None;
        for cert in &self.certs {
            let f = cert.fields();
            if !self.responder_is(cert, f) {
                continue;
            }
            let name = super::simple_name(f);
            let result = (|| {
                if !names_equal(cert.issuer_der(), issuer.subject_der()) {
                    return Err(format!(
                        "the responder certificate \"{name}\" is not issued by the certificate's issuer"
                    ));
                }
                signature::verify(
                    &issuer_fields.public_key,
                    cert.x509().signature_algorithm(),
                    None,
                    SignedMessage::Bytes(cert.tbs_der()),
                    cert.signature_value(),
                )
                .map_err(|e| format!("the issuer's signature on the responder certificate \"{name}\" does not verify: {e}"))?;
                if !f
                    .extensions
                    .extended_key_usage
                    .contains(&ID_KP_OCSP_SIGNING)
                {
                    return Err(format!(
                        "the responder certificate \"{name}\" lacks extendedKeyUsage OCSPSigning"
                    ));
                }
                if self.produced_at + skew < f.not_before || self.produced_at - skew > f.not_after {
                    return Err(format!(
                        "the responder certificate \"{name}\" was not valid when the response was produced ({})",
                        rfc3339(self.produced_at)
                    ));
                }
                Ok(())
            })();
            match result {
                Ok(()) => {
                    self.signed_by(f)?;
                    return Ok(format!("the delegated responder \"{name}\""));
                }
                Err(e) => why = Some(e),
            }
        }
        Err(RevocationError::UnauthorizedResponder(why.unwrap_or_else(|| {
            "the response is signed neither by the certificate's issuer nor by a responder certificate included in it".into()
        })))
    }

    /// The answer about `id`, compared under the response's own hash
    /// algorithm.
    pub fn find(&self, cert: &Certificate, issuer: &Certificate) -> Option<&SingleResponse> {
        self.responses.iter().find(|r| {
            let Some(digest) = signature::digest_algorithm(&r.cert_id.hash_algorithm) else {
                return false;
            };
            let mine = CertId::new(cert, issuer, digest);
            mine.issuer_name_hash == r.cert_id.issuer_name_hash
                && mine.issuer_key_hash == r.cert_id.issuer_key_hash
                && mine.serial_number == r.cert_id.serial_number
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
        if let Some(oid) = single.unsupported_critical.first() {
            return Err(RevocationError::UnknownCriticalExtension(
                crate::oid::name_of(oid),
            ));
        }
        let issuer_fields = issuer.fields();
        let signer = self.verify_signer(issuer, issuer_fields, options.clock_skew)?;
        if let Some(sent) = request.and_then(|r| r.nonce.as_ref()) {
            match &self.nonce {
                // RFC 8954 form, or the bare bytes older responders echo.
                Some(got) if *got == nonce_value(sent) || got.as_slice() == sent => {}
                Some(_) => return Err(RevocationError::NonceMismatch),
                None => notes.push(
                    "the responder did not echo the nonce (a pre-produced or replayed answer cannot be told apart)"
                        .into(),
                ),
            }
        }
        let answer = OcspAnswer {
            status: single.status,
            this_update: single.this_update,
            next_update: single.next_update,
            produced_at: self.produced_at,
            signer,
        };
        answer.check_fresh(time, options, &mut notes)?;
        Ok(CheckedAnswer { answer, notes })
    }
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
    /// [`super::OCSP_DEFAULT_VALIDITY`] when nextUpdate is absent.
    pub fn check_fresh(
        &self,
        time: OffsetDateTime,
        options: &CheckOptions,
        notes: &mut Vec<String>,
    ) -> Result<(), RevocationError> {
        check_fresh(
            self.this_update,
            self.next_update,
            super::OCSP_DEFAULT_VALIDITY,
            time,
            options,
            notes,
        )
    }

    /// The status as a verdict, `None` for unknown.
    pub fn verdict(&self) -> Option<Verdict> {
        match self.status {
            CertStatus::Good => Some(Verdict::Good),
            CertStatus::Revoked { time, reason } => Some(Verdict::Revoked { time, reason }),
            CertStatus::Unknown => None,
        }
    }
}

fn read_single(t: Tlv<'_>) -> Parsed<SingleResponse> {
    let t = t.expect(Tag::Sequence, "SingleResponse")?;
    let mut f = t.children()?;
    let cert_id = CertId::read(f.required("certID")?)?;
    let s = f.required("certStatus")?;
    let status = if s.is_context(0, false) {
        if !s.value.is_empty() {
            return Err("certStatus good is not NULL".into());
        }
        CertStatus::Good
    } else if s.is_context(1, true) {
        let mut r = s.children()?;
        let time = asn1::time(
            r.required("revocationTime")?
                .expect(Tag::GeneralizedTime, "revocationTime")?,
        )?;
        let mut reason = None;
        if let Some(x) = r.next()? {
            if !x.is_context(0, true) {
                return Err(format!("unexpected {} in RevokedInfo", x.tag));
            }
            let e = Tlv::parse(x.value)?.expect(Tag::Enumerated, "revocationReason")?;
            reason = Some(CrlReason(asn1::small_uint(e)?));
        }
        r.finish("RevokedInfo")?;
        CertStatus::Revoked { time, reason }
    } else if s.is_context(2, false) {
        CertStatus::Unknown
    } else {
        return Err(format!("certStatus: unexpected {}", s.tag));
    };
    let this_update = asn1::time(
        f.required("thisUpdate")?
            .expect(Tag::GeneralizedTime, "thisUpdate")?,
    )?;
    let mut out = SingleResponse {
        cert_id,
        status,
        this_update,
        next_update: None,
        unsupported_critical: Vec::new(),
    };
    while let Some(x) = f.next()? {
        if x.is_context(0, true) && out.next_update.is_none() {
            let n = Tlv::parse(x.value)?.expect(Tag::GeneralizedTime, "nextUpdate")?;
            out.next_update = Some(asn1::time(n)?);
        } else if x.is_context(1, true) {
            for ext in asn1::extensions(Tlv::parse(x.value)?)? {
                if ext.critical && !KNOWN_RESPONSE_EXTENSIONS.contains(&ext.oid) {
                    out.unsupported_critical.push(ext.oid);
                }
            }
        } else {
            return Err(format!("unexpected {} in SingleResponse", x.tag));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gt(s: &str) -> Vec<u8> {
        encode(0x18, s.as_bytes())
    }

    fn cert_id() -> Vec<u8> {
        CertId {
            hash_algorithm: signature::digest_oid(DigestAlgorithm::Sha1),
            issuer_name_hash: vec![1; 20],
            issuer_key_hash: vec![2; 20],
            serial_number: vec![0x10, 0x02],
        }
        .to_der()
    }

    /// A successful response with one revoked SingleResponse (unsigned).
    fn response() -> Vec<u8> {
        let revoked_info = [gt("20261125173209Z"), encode(0xA0, &[0x0A, 0x01, 0x01])].concat();
        let single = sequence(&[
            &cert_id(),
            &encode(0xA1, &revoked_info),
            &gt("20261125173212Z"),
            &encode(0xA0, &gt("20261126173212Z")),
        ]);
        let nonce_ext = sequence(&[
            &[
                0x06, 0x09, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x02,
            ],
            &encode(0x04, &encode(0x04, &[7; 32])),
        ]);
        let name = sequence(&[&encode(
            0x31,
            &sequence(&[&[0x06, 0x03, 0x55, 0x04, 0x03], &encode(0x0C, b"OCSP")]),
        )]);
        let tbs = sequence(&[
            &encode(0xA1, &name),
            &gt("20261125173212Z"),
            &sequence(&[&single]),
            &encode(0xA1, &sequence(&[&nonce_ext])),
        ]);
        let alg = [
            0x30, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02,
        ];
        let basic = sequence(&[&tbs, &alg, &encode(0x03, &[0, 9, 9])]);
        let rb = sequence(&[
            &[
                0x06, 0x09, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01,
            ],
            &encode(0x04, &basic),
        ]);
        sequence(&[&[0x0A, 0x01, 0x00], &encode(0xA0, &rb)])
    }

    #[test]
    fn reads_a_basic_response() {
        let r = OcspResponse::from_der(&response()).expect("parses");
        assert_eq!(r.status, OcspResponseStatus::Successful);
        let b = r.basic.expect("basic");
        assert!(matches!(b.responder_id, ResponderId::ByName(_)));
        assert_eq!(b.responses.len(), 1);
        let s = &b.responses[0];
        assert_eq!(s.cert_id.serial_number, vec![0x10, 0x02]);
        assert!(matches!(
            s.status,
            CertStatus::Revoked {
                reason: Some(CrlReason::KEY_COMPROMISE),
                ..
            }
        ));
        assert!(s.next_update.is_some());
        assert_eq!(b.nonce, Some(encode(0x04, &[7; 32])));
        assert_eq!(b.signature_value(), &[9, 9]);
    }

    #[test]
    fn error_statuses_have_no_body() {
        let r = OcspResponse::from_der(&[0x30, 0x03, 0x0A, 0x01, 0x03]).expect("parses");
        assert_eq!(r.status, OcspResponseStatus::TryLater);
        assert!(r.basic.is_none());
        assert!(OcspResponse::from_der(&[0x30, 0x03, 0x0A, 0x01, 0x00]).is_err());
    }

    #[test]
    fn truncated_and_corrupted_responses_are_errors_not_panics() {
        let der = response();
        for len in 0..der.len() {
            assert!(
                OcspResponse::from_der(&der[..len]).is_err(),
                "truncated at {len}"
            );
        }
        for i in 0..der.len() {
            for x in [0x01, 0x80, 0xFF] {
                let mut d = der.clone();
                d[i] ^= x;
                let _ = OcspResponse::from_der(&d);
            }
        }
        assert!(OcspResponse::from_der(b"<html>503</html>").is_err());
        assert!(OcspResponse::from_der(&vec![0u8; MAX_OCSP_RESPONSE_LEN + 1]).is_err());
    }

    #[test]
    fn request_encoding() {
        let id = cert_id();
        assert_eq!(
            CertId::read(Tlv::parse(&id).unwrap())
                .unwrap()
                .serial_number,
            vec![0x10, 0x02]
        );
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
            let _ = OcspResponse::from_der(&bytes);
        }

        #[test]
        fn mutated_responses_never_panic(pos in 0usize..400, byte in proptest::num::u8::ANY) {
            let mut der = response();
            if let Some(b) = der.get_mut(pos) {
                *b = byte;
            }
            let _ = OcspResponse::from_der(&der);
        }
    }
}
