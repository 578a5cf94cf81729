//! The ASN.1 of RFC 3161 time-stamping ([RFC 3161] section 2.4) as `der`
//! derive types borrowing from the DER: the request, the response and
//! the TSTInfo a token signs.
//!
//! The module of RFC 3161 (appendix C) tags implicitly; `tsa [0]
//! GeneralName` is nevertheless explicit, a tagged CHOICE always being.
//! Integers the TSA chooses (serialNumber, nonce) are kept as written
//! ([`IntegerOctets`]); genTime may carry fractions of a second
//! ([`GeneralizedTime`] reads and drops them).
//!
//! [RFC 3161]: https://datatracker.ietf.org/doc/html/rfc3161#section-2.4

use const_oid::ObjectIdentifier;
use der::Sequence;
use der::asn1::{AnyRef, BitStringRef, OctetStringRef, Utf8StringRef};
use spki::AlgorithmIdentifierRef;

use crate::asn1::IntegerOctets;
use crate::asn1::time::GeneralizedTime;
use crate::cms::asn1::ContentInfoRef;

/// `TimeStampReq` as defined in [RFC 3161 Section 2.4.1].
///
/// ```text
/// TimeStampReq ::= SEQUENCE {
///   version        INTEGER { v1(1) },
///   messageImprint MessageImprint,
///   reqPolicy      TSAPolicyId OPTIONAL,
///   nonce          INTEGER OPTIONAL,
///   certReq        BOOLEAN DEFAULT FALSE,
///   extensions     [0] IMPLICIT Extensions OPTIONAL }
/// TSAPolicyId ::= OBJECT IDENTIFIER
/// ```
///
/// [RFC 3161 Section 2.4.1]: https://datatracker.ietf.org/doc/html/rfc3161#section-2.4.1
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct TimeStampReqRef<'a> {
    /// version.
    pub version: u8,
    /// messageImprint.
    pub message_imprint: MessageImprintRef<'a>,
    /// reqPolicy.
    pub req_policy: Option<ObjectIdentifier>,
    /// nonce.
    pub nonce: Option<IntegerOctets<'a>>,
    /// certReq.
    #[asn1(default = "Default::default")]
    pub cert_req: bool,
    /// extensions, each as encoded.
    #[asn1(
        context_specific = "0",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub extensions: Option<Vec<AnyRef<'a>>>,
}

/// `MessageImprint` as defined in [RFC 3161 Section 2.4.1].
///
/// ```text
/// MessageImprint ::= SEQUENCE {
///   hashAlgorithm AlgorithmIdentifier,
///   hashedMessage OCTET STRING }
/// ```
///
/// [RFC 3161 Section 2.4.1]: https://datatracker.ietf.org/doc/html/rfc3161#section-2.4.1
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct MessageImprintRef<'a> {
    /// hashAlgorithm.
    pub hash_algorithm: AlgorithmIdentifierRef<'a>,
    /// hashedMessage.
    pub hashed_message: &'a OctetStringRef,
}

/// `TimeStampResp` as defined in [RFC 3161 Section 2.4.2].
///
/// ```text
/// TimeStampResp ::= SEQUENCE {
///   status         PKIStatusInfo,
///   timeStampToken TimeStampToken OPTIONAL }
/// TimeStampToken ::= ContentInfo
/// ```
///
/// [RFC 3161 Section 2.4.2]: https://datatracker.ietf.org/doc/html/rfc3161#section-2.4.2
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct TimeStampRespRef<'a> {
    /// status.
    pub status: PkiStatusInfoRef<'a>,
    /// timeStampToken.
    pub time_stamp_token: Option<ContentInfoRef<'a>>,
}

/// `PKIStatusInfo` as defined in [RFC 3161 Section 2.4.2] (from RFC
/// 2510).
///
/// ```text
/// PKIStatusInfo ::= SEQUENCE {
///   status       PKIStatus,
///   statusString PKIFreeText OPTIONAL,
///   failInfo     PKIFailureInfo OPTIONAL }
/// PKIStatus ::= INTEGER { granted (0), grantedWithMods (1), rejection (2),
///   waiting (3), revocationWarning (4), revocationNotification (5) }
/// PKIFreeText ::= SEQUENCE SIZE (1..MAX) OF UTF8String
/// PKIFailureInfo ::= BIT STRING { badAlg (0), badRequest (2),
///   badDataFormat (5), timeNotAvailable (14), unacceptedPolicy (15),
///   unacceptedExtension (16), addInfoNotAvailable (17), systemFailure (25) }
/// ```
///
/// [RFC 3161 Section 2.4.2]: https://datatracker.ietf.org/doc/html/rfc3161#section-2.4.2
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct PkiStatusInfoRef<'a> {
    /// status.
    pub status: u8,
    /// statusString.
    pub status_string: Option<Vec<Utf8StringRef<'a>>>,
    /// failInfo.
    pub fail_info: Option<BitStringRef<'a>>,
}

/// `TSTInfo` as defined in [RFC 3161 Section 2.4.2].
///
/// ```text
/// TSTInfo ::= SEQUENCE {
///   version        INTEGER { v1(1) },
///   policy         TSAPolicyId,
///   messageImprint MessageImprint,
///   serialNumber   INTEGER,
///   genTime        GeneralizedTime,
///   accuracy       Accuracy OPTIONAL,
///   ordering       BOOLEAN DEFAULT FALSE,
///   nonce          INTEGER OPTIONAL,
///   tsa            [0] GeneralName OPTIONAL,
///   extensions     [1] IMPLICIT Extensions OPTIONAL }
/// ```
///
/// [RFC 3161 Section 2.4.2]: https://datatracker.ietf.org/doc/html/rfc3161#section-2.4.2
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct TstInfoRef<'a> {
    /// version.
    pub version: u8,
    /// policy.
    pub policy: ObjectIdentifier,
    /// messageImprint.
    pub message_imprint: MessageImprintRef<'a>,
    /// serialNumber.
    pub serial_number: IntegerOctets<'a>,
    /// genTime.
    pub gen_time: GeneralizedTime,
    /// accuracy.
    pub accuracy: Option<AccuracyRef>,
    /// ordering.
    #[asn1(default = "Default::default")]
    pub ordering: bool,
    /// nonce.
    pub nonce: Option<IntegerOctets<'a>>,
    /// tsa, the GeneralName as encoded.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub tsa: Option<AnyRef<'a>>,
    /// extensions, each as encoded.
    #[asn1(
        context_specific = "1",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub extensions: Option<Vec<AnyRef<'a>>>,
}

/// `Accuracy` as defined in [RFC 3161 Section 2.4.2].
///
/// ```text
/// Accuracy ::= SEQUENCE {
///   seconds INTEGER OPTIONAL,
///   millis  [0] INTEGER (1..999) OPTIONAL,
///   micros  [1] INTEGER (1..999) OPTIONAL }
/// ```
///
/// [RFC 3161 Section 2.4.2]: https://datatracker.ietf.org/doc/html/rfc3161#section-2.4.2
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Sequence)]
pub struct AccuracyRef {
    /// seconds.
    pub seconds: Option<u64>,
    /// millis.
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    pub millis: Option<u16>,
    /// micros.
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    pub micros: Option<u16>,
}

#[cfg(test)]
mod tests {
    use der::{Decode, Encode};

    use super::*;

    /// A request and an answer of OpenSSL's TSA (`tests/data/cms-pin`'s
    /// `make.sh`: certReq, a nonce; accuracy of 1 s 500 ms 100 µs,
    /// ordering, the TSA's name): decode → encode is the identity.
    #[test]
    fn openssl_request_and_answer_round_trip() {
        let der = include_bytes!("../../tests/data/cms-pin/tsa-request.der");
        let request = TimeStampReqRef::from_der(der).expect("TimeStampReq");
        assert!(request.cert_req);
        assert!(request.nonce.is_some());
        assert_eq!(request.to_der().expect("encodes"), der);

        let der = include_bytes!("../../tests/data/cms-pin/tsa-response.der");
        let response = TimeStampRespRef::from_der(der).expect("TimeStampResp");
        assert_eq!(response.status.status, 0);
        assert_eq!(response.to_der().expect("encodes"), der);
        let token = response.time_stamp_token.expect("token");
        let signed: crate::cms::asn1::SignedDataRef<'_> =
            token.content.decode_as().expect("SignedData");
        let tst = signed
            .encap_content_info
            .e_content
            .expect("TSTInfo")
            .as_bytes();
        let info = TstInfoRef::from_der(tst).expect("TSTInfo");
        assert_eq!(
            info.accuracy,
            Some(AccuracyRef {
                seconds: Some(1),
                millis: Some(500),
                micros: Some(100)
            })
        );
        assert!(info.ordering);
        assert!(info.tsa.is_some());
        assert_eq!(
            info.message_imprint.hashed_message.as_bytes(),
            request.message_imprint.hashed_message.as_bytes()
        );
        assert_eq!(info.to_der().expect("encodes"), tst);
    }
}
