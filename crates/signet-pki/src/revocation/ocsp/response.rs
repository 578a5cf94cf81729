//! The OCSP response ([RFC 6960 section 4.2.1]), one type per structure.
//! The tags are those of RFC 6960's ASN.1 module (appendix B.1), which is
//! in the explicit-tagging form.
//!
//! The types borrow from the response's DER: [`super::BasicOcspResponse`]
//! keeps the DER and reads them again when asked about a certificate, and
//! the lists (responses, certs) are walked with a limit
//! ([`SequenceOfRef`]).
//!
//! [RFC 6960 section 4.2.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.1

use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, BitStringRef, Null, OctetStringRef};
use der::{
    Choice, DecodeValue, EncodeValue, FixedTag, Header, Length, Reader, Sequence, Tag, Writer,
};
use spki::AlgorithmIdentifierRef;

use super::request::{CertId, Version};
use crate::asn1::time::GeneralizedTime;
use crate::asn1::{IntegerOctets, small_uint, small_uint_bytes};
use crate::revocation::CrlReason;
use crate::revocation::asn1::{Extensions, NameRef, SequenceOfRef, Tbs};

/// `OCSPResponse` ([RFC 6960 section 4.2.1]).
///
/// ```text
/// OCSPResponse ::= SEQUENCE {
///    responseStatus         OCSPResponseStatus,
///    responseBytes          [0] EXPLICIT ResponseBytes OPTIONAL }
/// ```
///
/// [RFC 6960 section 4.2.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.1
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct OcspResponseRef<'a> {
    /// responseStatus.
    pub response_status: OcspResponseStatus,
    /// responseBytes.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub response_bytes: Option<ResponseBytesRef<'a>>,
}

impl<'a> OcspResponseRef<'a> {
    /// A successful OCSPResponse around the BasicOCSPResponse `basic`: how
    /// a CAdES revocation value (a BasicOCSPResponse alone) is put back in
    /// the envelope [`crate::revocation::ocsp::OcspResponse`] reads.
    pub fn successful(basic: &'a [u8]) -> der::Result<Self> {
        Ok(OcspResponseRef {
            response_status: OcspResponseStatus::Successful,
            response_bytes: Some(ResponseBytesRef {
                response_type: const_oid::db::rfc6960::ID_PKIX_OCSP_BASIC,
                response: OctetStringRef::new(basic)?,
            }),
        })
    }
}

/// `OCSPResponseStatus` ([RFC 6960 section 4.2.1]). Values not assigned
/// are kept ([`OcspResponseStatus::Other`]), to be reported.
///
/// ```text
/// OCSPResponseStatus ::= ENUMERATED {
///     successful            (0),  -- Response has valid confirmations
///     malformedRequest      (1),  -- Illegal confirmation request
///     internalError         (2),  -- Internal error in issuer
///     tryLater              (3),  -- Try again later
///                                 -- (4) is not used
///     sigRequired           (5),  -- Must sign the request
///     unauthorized          (6)   -- Request unauthorized
/// }
/// ```
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

impl OcspResponseStatus {
    fn from_u32(n: u32) -> Self {
        match n {
            0 => OcspResponseStatus::Successful,
            1 => OcspResponseStatus::MalformedRequest,
            2 => OcspResponseStatus::InternalError,
            3 => OcspResponseStatus::TryLater,
            5 => OcspResponseStatus::SigRequired,
            6 => OcspResponseStatus::Unauthorized,
            n => OcspResponseStatus::Other(n),
        }
    }

    fn to_u32(self) -> u32 {
        match self {
            OcspResponseStatus::Successful => 0,
            OcspResponseStatus::MalformedRequest => 1,
            OcspResponseStatus::InternalError => 2,
            OcspResponseStatus::TryLater => 3,
            OcspResponseStatus::SigRequired => 5,
            OcspResponseStatus::Unauthorized => 6,
            OcspResponseStatus::Other(n) => n,
        }
    }
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

impl FixedTag for OcspResponseStatus {
    const TAG: Tag = Tag::Enumerated;
}

impl<'a> DecodeValue<'a> for OcspResponseStatus {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        small_uint(Tag::Enumerated, reader.read_slice(header.length())?).map(Self::from_u32)
    }
}

impl EncodeValue for OcspResponseStatus {
    fn value_len(&self) -> der::Result<Length> {
        Length::try_from(small_uint_bytes(self.to_u32()).len())
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(&small_uint_bytes(self.to_u32()))
    }
}

/// `ResponseBytes` ([RFC 6960 section 4.2.1]).
///
/// ```text
/// ResponseBytes ::= SEQUENCE {
///     responseType   OBJECT IDENTIFIER,
///     response       OCTET STRING }
/// ```
///
/// [RFC 6960 section 4.2.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.1
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct ResponseBytesRef<'a> {
    /// responseType.
    pub response_type: ObjectIdentifier,
    /// response: for id-pkix-ocsp-basic, a BasicOCSPResponse.
    pub response: &'a OctetStringRef,
}

/// `BasicOCSPResponse` ([RFC 6960 section 4.2.1]).
///
/// ```text
/// BasicOCSPResponse       ::= SEQUENCE {
///    tbsResponseData      ResponseData,
///    signatureAlgorithm   AlgorithmIdentifier,
///    signature            BIT STRING,
///    certs            [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
/// ```
///
/// [RFC 6960 section 4.2.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.1
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct BasicOcspResponseRef<'a> {
    /// tbsResponseData, with the bytes the signature covers.
    pub tbs_response_data: Tbs<'a, ResponseDataRef<'a>>,
    /// signatureAlgorithm.
    pub signature_algorithm: spki::AlgorithmIdentifierOwned,
    /// signature.
    pub signature: BitStringRef<'a>,
    /// certs, read when the signer is looked for.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub certs: Option<SequenceOfRef<'a, AnyRef<'a>>>,
}

/// `ResponseData` ([RFC 6960 section 4.2.1]).
///
/// ```text
/// ResponseData ::= SEQUENCE {
///    version              [0] EXPLICIT Version DEFAULT v1,
///    responderID              ResponderID,
///    producedAt               GeneralizedTime,
///    responses                SEQUENCE OF SingleResponse,
///    responseExtensions   [1] EXPLICIT Extensions OPTIONAL }
/// ```
///
/// [RFC 6960 section 4.2.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.1
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct ResponseDataRef<'a> {
    /// version.
    #[asn1(
        context_specific = "0",
        tag_mode = "EXPLICIT",
        default = "Default::default"
    )]
    pub version: Version,
    /// responderID.
    pub responder_id: ResponderIdRef<'a>,
    /// producedAt.
    pub produced_at: GeneralizedTime,
    /// responses.
    pub responses: SequenceOfRef<'a, SingleResponseRef<'a>>,
    /// responseExtensions.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub response_extensions: Option<Extensions<'a>>,
}

/// `ResponderID` ([RFC 6960 section 4.2.1]).
///
/// ```text
/// ResponderID ::= CHOICE {
///    byName   [1] Name,
///    byKey    [2] KeyHash }
///
/// KeyHash ::= OCTET STRING -- SHA-1 hash of responder's public key
///                          -- (excluding the tag and length fields)
/// ```
///
/// [RFC 6960 section 4.2.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.1
#[derive(Clone, Copy, Debug, PartialEq, Eq, Choice)]
pub enum ResponderIdRef<'a> {
    /// byName.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", constructed = "true")]
    ByName(NameRef<'a>),
    /// byKey.
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", constructed = "true")]
    ByKey(&'a OctetStringRef),
}

/// `SingleResponse` ([RFC 6960 section 4.2.1]).
///
/// ```text
/// SingleResponse ::= SEQUENCE {
///    certID                       CertID,
///    certStatus                   CertStatus,
///    thisUpdate                   GeneralizedTime,
///    nextUpdate         [0]       EXPLICIT GeneralizedTime OPTIONAL,
///    singleExtensions   [1]       EXPLICIT Extensions OPTIONAL }
/// ```
///
/// [RFC 6960 section 4.2.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.1
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct SingleResponseRef<'a> {
    /// certID.
    pub cert_id: CertIdRef<'a>,
    /// certStatus.
    pub cert_status: CertStatus,
    /// thisUpdate.
    pub this_update: GeneralizedTime,
    /// nextUpdate.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub next_update: Option<GeneralizedTime>,
    /// singleExtensions.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub single_extensions: Option<Extensions<'a>>,
}

/// `CertID` as a responder sends it ([RFC 6960 section 4.1.1]; signet's
/// own is [`CertId`]): the serial number as encoded.
///
/// ```text
/// CertID ::= SEQUENCE {
///     hashAlgorithm           AlgorithmIdentifier,
///     issuerNameHash          OCTET STRING, -- Hash of issuer's DN
///     issuerKeyHash           OCTET STRING, -- Hash of issuer's public key
///     serialNumber            CertificateSerialNumber }
/// ```
///
/// [RFC 6960 section 4.1.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.1.1
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct CertIdRef<'a> {
    /// hashAlgorithm.
    pub hash_algorithm: AlgorithmIdentifierRef<'a>,
    /// issuerNameHash.
    pub issuer_name_hash: &'a OctetStringRef,
    /// issuerKeyHash.
    pub issuer_key_hash: &'a OctetStringRef,
    /// serialNumber.
    pub serial_number: IntegerOctets<'a>,
}

impl CertIdRef<'_> {
    /// Whether this names the same certificate as `mine` (hashed with the
    /// same algorithm): issuer name and key hashes and serial number.
    pub fn names(&self, mine: &CertId) -> bool {
        self.issuer_name_hash.as_bytes() == mine.issuer_name_hash.as_bytes()
            && self.issuer_key_hash.as_bytes() == mine.issuer_key_hash.as_bytes()
            && self.serial_number.as_bytes() == mine.serial_number.as_bytes()
    }
}

/// `CertStatus` ([RFC 6960 section 4.2.1]).
///
/// ```text
/// CertStatus ::= CHOICE {
///     good        [0]     IMPLICIT NULL,
///     revoked     [1]     IMPLICIT RevokedInfo,
///     unknown     [2]     IMPLICIT UnknownInfo }
///
/// UnknownInfo ::= NULL
/// ```
///
/// [RFC 6960 section 4.2.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.1
#[derive(Clone, Copy, Debug, PartialEq, Eq, Choice)]
pub enum CertStatus {
    /// good.
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT")]
    Good(Null),
    /// revoked.
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", constructed = "true")]
    Revoked(RevokedInfo),
    /// unknown: the responder does not know the certificate.
    #[asn1(context_specific = "2", tag_mode = "IMPLICIT")]
    Unknown(Null),
}

/// `RevokedInfo` ([RFC 6960 section 4.2.1]).
///
/// ```text
/// RevokedInfo ::= SEQUENCE {
///     revocationTime              GeneralizedTime,
///     revocationReason    [0]     EXPLICIT CRLReason OPTIONAL }
/// ```
///
/// [RFC 6960 section 4.2.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.1
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct RevokedInfo {
    /// revocationTime.
    pub revocation_time: GeneralizedTime,
    /// revocationReason.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub revocation_reason: Option<CrlReason>,
}
