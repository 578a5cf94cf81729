//! Asking a time-stamping authority for a token: the client side of
//! [RFC 3161].
//!
//! - The request ([RFC 3161] section 2.4.1): version 1, the message
//!   imprint (hash algorithm and hash of the data), a random 64-bit nonce,
//!   certReq TRUE so that the token carries the TSA's certificate (the
//!   verifier needs it), and the policy when one is configured.
//! - The transport (section 3.4): `POST` of the DER request as
//!   `application/timestamp-query`; the answer is a DER `TimeStampResp`
//!   (section 2.4.2).
//! - The checks before a token is used (section 2.4.2: "the requester
//!   SHALL verify…"): the status is granted or grantedWithMods, the token
//!   is present, its imprint is the one asked for under the same hash
//!   algorithm, the nonce is echoed, and the token is validly signed by a
//!   certificate with the timeStamping key purpose. The TSA's chain is
//!   not validated here: a verifier does that later, at the token's time,
//!   against its own trust store.
//!
//! The ASN.1 of the request and the answer is in [`crate::tsp::asn1`].
//!
//! [RFC 3161]: https://datatracker.ietf.org/doc/html/rfc3161

use std::sync::Arc;

use const_oid::ObjectIdentifier;
use der::asn1::OctetStringRef;
use der::{Decode, Encode};
use signet_crypto::DigestAlgorithm;
use spki::AlgorithmIdentifierRef;

use crate::asn1::IntegerOctets;
use crate::net::{FetchError, Fetcher};
use crate::signature::digest_oid;
use crate::tsp::asn1::{MessageImprintRef, TimeStampReqRef, TimeStampRespRef};
use crate::tsp::{TimestampFailure, TimestampToken};
use crate::{Certificate, PkiError};

/// The largest answer read from a TSA: a token with a few certificates.
pub const MAX_RESPONSE: usize = 1 << 20;

/// Why no token was obtained.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TsaError {
    /// The TSA could not be reached, or answered other than HTTP 200.
    #[error("the time-stamping authority at {url} did not answer: {source}")]
    Fetch {
        /// The TSA.
        url: String,
        /// What went wrong.
        source: FetchError,
    },
    /// The answer is not a TimeStampResp, or its token is not a
    /// time-stamp token.
    #[error("the time-stamping authority's answer cannot be read: {}{source}", at(.url))]
    Malformed {
        /// The TSA, when the answer came from one by HTTP.
        url: Option<String>,
        /// What is wrong with it.
        source: PkiError,
    },
    /// The TSA refused (a PKIStatus other than granted or
    /// grantedWithMods).
    #[error("the time-stamping authority refused the request: {}{refusal}", at(.url))]
    Rejected {
        /// The TSA, when the answer came from one by HTTP.
        url: Option<String>,
        /// Its status, text and failure bits.
        refusal: Refusal,
    },
    /// The token is not for this request.
    #[error("the time-stamping authority's token does not match the request: {0}")]
    Mismatch(TokenMismatch),
    /// The token's signature is not a TSA's valid signature.
    #[error("the time-stamping authority's token is not valid: {0}")]
    Token(TimestampFailure),
    /// No random numbers for the nonce.
    #[error("no random numbers for the time-stamp request nonce")]
    Random,
}

/// `"{url}: "`, or nothing.
fn at(url: &Option<String>) -> String {
    url.as_ref().map(|u| format!("{u}: ")).unwrap_or_default()
}

impl TsaError {
    /// The error with the URL of the TSA that answered.
    fn answered_by(self, tsa: &str) -> Self {
        match self {
            TsaError::Malformed { url: None, source } => TsaError::Malformed {
                url: Some(tsa.to_owned()),
                source,
            },
            TsaError::Rejected { url: None, refusal } => TsaError::Rejected {
                url: Some(tsa.to_owned()),
                refusal,
            },
            other => other,
        }
    }
}

/// How a granted token fails to answer the request (RFC 3161 section
/// 2.4.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenMismatch {
    /// The status grants a token, and there is none.
    #[error("the status grants a token but none was sent")]
    NoToken,
    /// The TSTInfo's nonce is not the request's.
    #[error("the nonce is not the one sent")]
    Nonce,
    /// The TSTInfo's imprint is not the request's.
    #[error("the imprint is not the one sent")]
    Imprint,
}

/// A TSA's refusal: PKIStatusInfo (RFC 3161 section 2.4.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// PKIStatus: 2 rejection, 3 waiting, 4 revocationWarning,
    /// 5 revocationNotification.
    pub status: u8,
    /// statusString, joined.
    pub text: Option<String>,
    /// The names of the failInfo bits set.
    pub fail_info: Vec<&'static str>,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self.status {
            2 => "rejection",
            3 => "waiting",
            4 => "revocationWarning",
            5 => "revocationNotification",
            _ => "unknown status",
        };
        write!(f, "{name} ({})", self.status)?;
        if let Some(t) = &self.text {
            write!(f, ": {t}")?;
        }
        if !self.fail_info.is_empty() {
            write!(f, " [{}]", self.fail_info.join(", "))?;
        }
        Ok(())
    }
}

/// Something that makes time-stamp tokens: the HTTP client below, or a
/// test double.
pub trait Timestamper: Send + Sync {
    /// The hash algorithm of the imprints this source time-stamps.
    fn digest_algorithm(&self) -> DigestAlgorithm;

    /// A time-stamp token (the DER of a ContentInfo) over `digest`, the
    /// hash of some data by [`Self::digest_algorithm`].
    fn timestamp(&self, digest: &[u8]) -> Result<Vec<u8>, TsaError>;
}

/// A TimeStampReq, encoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimestampRequest {
    der: Vec<u8>,
    nonce: [u8; 8],
}

impl TimestampRequest {
    /// A request for `digest` under `algorithm`, with `nonce` (its first
    /// octet is made to keep the INTEGER positive and minimally encoded)
    /// and `policy` when given; certReq is TRUE.
    pub fn new(
        algorithm: DigestAlgorithm,
        digest: &[u8],
        mut nonce: [u8; 8],
        policy: Option<&ObjectIdentifier>,
    ) -> Self {
        nonce[0] = (nonce[0] & 0x3F) | 0x40;
        let digest = OctetStringRef::new(digest);
        let der = digest.and_then(|hashed_message| {
            TimeStampReqRef {
                version: 1,
                message_imprint: MessageImprintRef {
                    hash_algorithm: AlgorithmIdentifierRef {
                        oid: digest_oid(algorithm),
                        parameters: None,
                    },
                    hashed_message,
                },
                req_policy: policy.copied(),
                nonce: Some(IntegerOctets::new(&nonce)),
                cert_req: true,
                extensions: None,
            }
            .to_der()
        });
        TimestampRequest {
            // A digest of a few dozen bytes and an OID always encode.
            der: der.unwrap_or_default(),
            nonce,
        }
    }

    /// The DER.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The nonce's INTEGER contents.
    pub fn nonce(&self) -> &[u8] {
        &self.nonce
    }
}

/// A TimeStampResp, read: the token when the status grants one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimestampResponse {
    /// PKIStatus: 0 granted, 1 grantedWithMods, 2 rejection, 3 waiting,
    /// 4 revocationWarning, 5 revocationNotification.
    pub status: u8,
    /// statusString, joined.
    pub text: Option<String>,
    /// The names of the failInfo bits set.
    pub fail_info: Vec<&'static str>,
    /// The token (a ContentInfo, as sent).
    pub token: Option<Vec<u8>>,
}

/// PKIFailureInfo's named bits (RFC 3161 section 2.4.2).
const FAILURE_BITS: [(usize, &str); 8] = [
    (0, "badAlg"),
    (2, "badRequest"),
    (5, "badDataFormat"),
    (14, "timeNotAvailable"),
    (15, "unacceptedPolicy"),
    (16, "unacceptedExtension"),
    (17, "addInfoNotAvailable"),
    (25, "systemFailure"),
];

impl TimestampResponse {
    /// Parses the DER of a TimeStampResp.
    pub fn from_der(der: &[u8]) -> Result<Self, TsaError> {
        let malformed = |source| TsaError::Malformed {
            url: None,
            source: PkiError::Der {
                what: "TimeStampResp",
                source,
            },
        };
        let response = TimeStampRespRef::from_der(der).map_err(malformed)?;
        let info = &response.status;
        Ok(TimestampResponse {
            status: info.status,
            text: info.status_string.as_ref().map(|parts| {
                parts
                    .iter()
                    .map(|p| p.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            }),
            fail_info: info
                .fail_info
                .map(|bits| failure_names(bits.raw_bytes()))
                .unwrap_or_default(),
            token: response
                .time_stamp_token
                .map(|t| t.to_der())
                .transpose()
                .map_err(malformed)?,
        })
    }

    /// The token when the status grants one, or why not.
    pub fn granted_token(self) -> Result<Vec<u8>, TsaError> {
        if self.status > 1 {
            return Err(TsaError::Rejected {
                url: None,
                refusal: Refusal {
                    status: self.status,
                    text: self.text,
                    fail_info: self.fail_info,
                },
            });
        }
        self.token.ok_or(TsaError::Mismatch(TokenMismatch::NoToken))
    }
}

/// The named bits set in a BIT STRING's bits (bit 0 is the most
/// significant bit of the first octet).
fn failure_names(bits: &[u8]) -> Vec<&'static str> {
    FAILURE_BITS
        .iter()
        .filter(|(bit, _)| {
            bits.get(bit / 8)
                .is_some_and(|b| b & (0x80 >> (bit % 8)) != 0)
        })
        .map(|(_, name)| *name)
        .collect()
}

/// Checks a granted token against its request (section 2.4.2): the same
/// imprint and hash algorithm, the nonce echoed, a valid TSA signature.
pub fn check_token(
    token: &[u8],
    request: &TimestampRequest,
    algorithm: DigestAlgorithm,
    digest: &[u8],
    extra: &[Certificate],
) -> Result<(), TsaError> {
    let parsed = TimestampToken::from_der(token)
        .map_err(|source| TsaError::Malformed { url: None, source })?;
    if parsed.info.nonce.as_deref() != Some(request.nonce()) {
        return Err(TsaError::Mismatch(TokenMismatch::Nonce));
    }
    parsed
        .check_digest(algorithm, digest, extra)
        .result
        .map_err(|e| match e {
            TimestampFailure::ImprintMismatch => TsaError::Mismatch(TokenMismatch::Imprint),
            other => TsaError::Token(other),
        })
}

/// An RFC 3161 client over HTTP.
#[derive(Clone)]
pub struct TsaClient {
    url: String,
    fetcher: Arc<dyn Fetcher>,
    digest: DigestAlgorithm,
    policy: Option<ObjectIdentifier>,
}

impl std::fmt::Debug for TsaClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TsaClient")
            .field("url", &self.url)
            .field("digest", &self.digest)
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

impl TsaClient {
    /// A client of the TSA at `url` asking for SHA-256 imprints.
    pub fn new(url: impl Into<String>, fetcher: Arc<dyn Fetcher>) -> Self {
        TsaClient {
            url: url.into(),
            fetcher,
            digest: DigestAlgorithm::Sha256,
            policy: None,
        }
    }

    /// The hash algorithm of the imprints (the TSA must accept it).
    pub fn with_digest(mut self, digest: DigestAlgorithm) -> Self {
        self.digest = digest;
        self
    }

    /// The policy asked for (reqPolicy).
    pub fn with_policy(mut self, policy: ObjectIdentifier) -> Self {
        self.policy = Some(policy);
        self
    }

    /// The TSA's URL.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Timestamper for TsaClient {
    fn digest_algorithm(&self) -> DigestAlgorithm {
        self.digest
    }

    fn timestamp(&self, digest: &[u8]) -> Result<Vec<u8>, TsaError> {
        let mut nonce = [0u8; 8];
        aws_lc_rs::rand::fill(&mut nonce).map_err(|_| TsaError::Random)?;
        let request = TimestampRequest::new(self.digest, digest, nonce, self.policy.as_ref());
        let answer = self
            .fetcher
            .post(
                &self.url,
                "application/timestamp-query",
                request.der(),
                MAX_RESPONSE,
            )
            .map_err(|source| TsaError::Fetch {
                url: self.url.clone(),
                source,
            })?;
        let token = TimestampResponse::from_der(&answer)
            .and_then(TimestampResponse::granted_token)
            .and_then(|token| {
                check_token(&token, &request, self.digest, digest, &[])?;
                Ok(token)
            })
            .map_err(|e| e.answered_by(&self.url))?;
        Ok(token)
    }
}

#[cfg(test)]
mod tests {
    use der::asn1::AnyRef;
    use der::{Tag, Tagged};
    use test_support::der_tree::{self, tlv};

    use super::*;

    #[test]
    fn request_encoding() {
        let digest = [0xAB; 32];
        let req = TimestampRequest::new(DigestAlgorithm::Sha256, &digest, [0xFF; 8], None);
        let der = req.der();
        // SEQUENCE { INTEGER 1, SEQUENCE { SEQUENCE { OID sha256 }, OCTET
        // STRING }, INTEGER nonce, BOOLEAN TRUE }
        // 3 (version) + 49 (imprint) + 10 (nonce) + 3 (certReq) octets.
        assert_eq!(&der[..5], &[0x30, 0x41, 0x02, 0x01, 0x01]);
        assert_eq!(req.nonce()[0], 0x7F);
        assert!(der.ends_with(&[0x01, 0x01, 0xFF]));
        let any = AnyRef::from_der(der).expect("DER");
        assert_eq!(any.tag(), Tag::Sequence);
    }

    /// The whole request with a policy, byte for byte: version 1, the
    /// imprint under sha256 without parameters, reqPolicy 1.2.3.4, the
    /// nonce made positive, certReq TRUE.
    #[test]
    fn request_bytes_with_a_policy() {
        let policy = ObjectIdentifier::new("1.2.3.4").expect("OID");
        let req = TimestampRequest::new(
            DigestAlgorithm::Sha256,
            &[0xAB; 32],
            [0xFF; 8],
            Some(&policy),
        );
        let want = format!(
            "3046020101302f300b0609608648016503040201 0420{} 06032a0304 02087fffffffffffffff 0101ff",
            "ab".repeat(32)
        )
        .replace(' ', "");
        assert_eq!(hex::encode(req.der()), want);
    }

    #[test]
    fn rejection_is_explained() {
        // SEQUENCE { SEQUENCE { INTEGER 2, SEQUENCE { UTF8String "no" },
        // BIT STRING badAlg } }
        let der = [
            0x30, 0x0F, 0x30, 0x0D, 0x02, 0x01, 0x02, 0x30, 0x04, 0x0C, 0x02, b'n', b'o', 0x03,
            0x02, 0x07, 0x80,
        ];
        let resp = TimestampResponse::from_der(&der).expect("parsed");
        assert_eq!(resp.status, 2);
        assert_eq!(resp.fail_info, vec!["badAlg"]);
        let err = resp.granted_token().expect_err("rejected").to_string();
        assert!(err.contains("rejection (2): no [badAlg]"), "{err}");
    }

    proptest::proptest! {
        /// Any status, text and failure bits come back as written; any
        /// bytes at all parse or fail without a panic.
        #[test]
        fn responses_round_trip_and_never_panic(
            status in 0u8..6,
            text in proptest::option::of("[a-z ]{0,20}"),
            bits in proptest::collection::vec(proptest::bool::ANY, 26),
            token in proptest::option::of(proptest::collection::vec(proptest::num::u8::ANY, 0..40)),
            noise in proptest::collection::vec(proptest::num::u8::ANY, 0..200),
        ) {
            let _ = TimestampResponse::from_der(&noise).map(TimestampResponse::granted_token);
            let mut info = vec![0x02, 0x01, status];
            if let Some(t) = &text {
                info.extend(tlv(0x30, &tlv(0x0C, t.as_bytes())));
            }
            let mut octets = [0u8; 4];
            for (i, set) in bits.iter().enumerate() {
                if *set {
                    octets[i / 8] |= 0x80 >> (i % 8);
                }
            }
            info.extend(tlv(0x03, &[&[6u8][..], &octets].concat()));
            let mut body = tlv(0x30, &info);
            // A ContentInfo { id-signedData, [0] { OCTET STRING t } }.
            let token = token.map(|t| {
                let content = tlv(0xA0, &tlv(0x04, &t));
                tlv(0x30, &[der_tree::oid("1.2.840.113549.1.7.2").to_der(), content].concat())
            });
            if let Some(t) = &token {
                body.extend_from_slice(t);
            }
            let parsed = TimestampResponse::from_der(&tlv(0x30, &body)).expect("parses");
            proptest::prop_assert_eq!(parsed.status, status);
            proptest::prop_assert_eq!(parsed.text, text);
            let named: Vec<&str> = FAILURE_BITS
                .iter()
                .filter(|(bit, _)| bits[*bit])
                .map(|(_, n)| *n)
                .collect();
            proptest::prop_assert_eq!(parsed.fail_info, named);
            proptest::prop_assert_eq!(parsed.token, token);
        }
    }

    #[test]
    fn garbage_is_malformed() {
        for bad in [&b""[..], b"\x30\x03\x02\x01", b"<html>", b"\x30\x00"] {
            assert!(TimestampResponse::from_der(bad).is_err(), "{bad:?}");
        }
    }
}
