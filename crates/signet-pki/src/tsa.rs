//! Asking a time-stamping authority for a token: the client side of
//! [RFC 3161].
//!
//! - The request ([RFC 3161] section 2.4.1): version 1, the message
//!   imprint (hash algorithm and hash of the data), a random 64-bit nonce,
//!   certReq TRUE so that the token carries the TSA's certificate (the
//!   verifier needs it), and the policy when one is configured.
//!
//!   ```text
//!   TimeStampReq ::= SEQUENCE {
//!      version        INTEGER { v1(1) },
//!      messageImprint MessageImprint,
//!      reqPolicy      TSAPolicyId OPTIONAL,
//!      nonce          INTEGER OPTIONAL,
//!      certReq        BOOLEAN DEFAULT FALSE,
//!      extensions     [0] IMPLICIT Extensions OPTIONAL }
//!   ```
//!
//! - The transport (section 3.4): `POST` of the DER request as
//!   `application/timestamp-query`; the answer is a DER `TimeStampResp`
//!   (section 2.4.2):
//!
//!   ```text
//!   TimeStampResp ::= SEQUENCE {
//!      status         PKIStatusInfo,
//!      timeStampToken TimeStampToken OPTIONAL }
//!   PKIStatusInfo ::= SEQUENCE {
//!      status       PKIStatus,                 -- INTEGER 0..5
//!      statusString PKIFreeText OPTIONAL,      -- SEQUENCE OF UTF8String
//!      failInfo     PKIFailureInfo OPTIONAL }  -- BIT STRING
//!   ```
//!
//! - The checks before a token is used (section 2.4.2: "the requester
//!   SHALL verify…"): the status is granted or grantedWithMods, the token
//!   is present, its imprint is the one asked for under the same hash
//!   algorithm, the nonce is echoed, and the token is validly signed by a
//!   certificate with the timeStamping key purpose. The TSA's chain is
//!   not validated here: a verifier does that later, at the token's time,
//!   against its own trust store.
//!
//! [RFC 3161]: https://datatracker.ietf.org/doc/html/rfc3161

use std::sync::Arc;

use const_oid::ObjectIdentifier;
use der::asn1::AnyRef;
use der::{Decode, Encode, Reader, Tag, Tagged};
use signet_crypto::DigestAlgorithm;

use crate::Certificate;
use crate::der_write::tlv;
use crate::net::{FetchError, Fetcher};
use crate::signature::digest_oid;
use crate::tsp::{TimestampFailure, TimestampToken};

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
    /// The answer is not a TimeStampResp.
    #[error("the time-stamping authority's answer cannot be read: {0}")]
    Malformed(String),
    /// The TSA refused.
    #[error("the time-stamping authority refused the request: {0}")]
    Rejected(String),
    /// The token is not for this request.
    #[error("the time-stamping authority's token does not match the request: {0}")]
    Mismatch(&'static str),
    /// The token's signature is not a TSA's valid signature.
    #[error("the time-stamping authority's token is not valid: {0}")]
    Token(TimestampFailure),
    /// No random numbers for the nonce.
    #[error("no random numbers for the time-stamp request nonce")]
    Random,
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
        let algorithm = tlv(0x30, &tlv(0x06, digest_oid(algorithm).as_bytes()));
        let imprint = tlv(0x30, &[algorithm, tlv(0x04, digest)].concat());
        let mut body = vec![0x02, 0x01, 0x01];
        body.extend(imprint);
        if let Some(p) = policy {
            body.extend(tlv(0x06, p.as_bytes()));
        }
        body.extend(tlv(0x02, &nonce));
        body.extend([0x01, 0x01, 0xFF]);
        TimestampRequest {
            der: tlv(0x30, &body),
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
        let malformed = |e: der::Error| TsaError::Malformed(e.to_string());
        AnyRef::from_der(der)
            .and_then(|any| {
                any.sequence(|r| {
                    let info: AnyRef<'_> = r.decode()?;
                    let (status, text, fail_info) = info.sequence(|ir| {
                        let status: u8 = ir.decode()?;
                        let mut text = None;
                        let mut fail_info = Vec::new();
                        while !ir.is_finished() {
                            let field: AnyRef<'_> = ir.decode()?;
                            match field.tag() {
                                Tag::Sequence => text = Some(free_text(field)?),
                                Tag::BitString => fail_info = failure_names(field.value()),
                                _ => return Err(der::Error::from(field.tag().value_error())),
                            }
                        }
                        Ok((status, text, fail_info))
                    })?;
                    let token = if r.is_finished() {
                        None
                    } else {
                        let token: AnyRef<'_> = r.decode()?;
                        token.tag().assert_eq(Tag::Sequence)?;
                        Some(token.to_der()?)
                    };
                    Ok(TimestampResponse {
                        status,
                        text,
                        fail_info,
                        token,
                    })
                })
            })
            .map_err(malformed)
    }

    /// The token when the status grants one, or why not.
    pub fn granted_token(self) -> Result<Vec<u8>, TsaError> {
        if self.status > 1 {
            let name = match self.status {
                2 => "rejection",
                3 => "waiting",
                4 => "revocationWarning",
                5 => "revocationNotification",
                _ => "unknown status",
            };
            let mut why = format!("{name} ({})", self.status);
            if let Some(t) = &self.text {
                why.push_str(&format!(": {t}"));
            }
            if !self.fail_info.is_empty() {
                why.push_str(&format!(" [{}]", self.fail_info.join(", ")));
            }
            return Err(TsaError::Rejected(why));
        }
        self.token.ok_or(TsaError::Mismatch(
            "the status grants a token but none was sent",
        ))
    }
}

/// PKIFreeText: UTF8Strings joined by "; ".
fn free_text(field: AnyRef<'_>) -> der::Result<String> {
    field.sequence(|r| {
        let mut parts = Vec::new();
        while !r.is_finished() {
            let s: AnyRef<'_> = r.decode()?;
            s.tag().assert_eq(Tag::Utf8String)?;
            parts.push(String::from_utf8_lossy(s.value()).into_owned());
        }
        Ok(parts.join("; "))
    })
}

/// The named bits set in a BIT STRING's contents (first octet: unused
/// bits; bit 0 is the most significant bit of the second octet).
fn failure_names(contents: &[u8]) -> Vec<&'static str> {
    let bits = contents.get(1..).unwrap_or_default();
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
    let parsed = TimestampToken::from_der(token).map_err(|e| TsaError::Malformed(e.to_string()))?;
    if parsed.info.nonce.as_deref() != Some(request.nonce()) {
        return Err(TsaError::Mismatch("the nonce is not the one sent"));
    }
    parsed
        .check_digest(algorithm, digest, extra)
        .result
        .map_err(|e| match e {
            TimestampFailure::ImprintMismatch => {
                TsaError::Mismatch("the imprint is not the one sent")
            }
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
        let at = |e: TsaError| match e {
            TsaError::Malformed(why) => TsaError::Malformed(format!("{} ({why})", self.url)),
            TsaError::Rejected(why) => TsaError::Rejected(format!("{}: {why}", self.url)),
            other => other,
        };
        let token = TimestampResponse::from_der(&answer)
            .and_then(TimestampResponse::granted_token)
            .map_err(at)?;
        check_token(&token, &request, self.digest, digest, &[]).map_err(at)?;
        Ok(token)
    }
}

#[cfg(test)]
mod tests {
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
            let token = token.map(|t| tlv(0x30, &t));
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
