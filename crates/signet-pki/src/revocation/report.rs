//! What a revocation check answers: the status of a certificate, where it
//! came from, and the data it was read from.

use der::{DecodeValue, EncodeValue, FixedTag, Header, Length, Reader, Tag, Writer};
use time::OffsetDateTime;

use super::ocsp::BasicOcspResponse;
use crate::asn1::{small_uint, small_uint_bytes};

/// A CRL reason code ([RFC 5280 section 5.3.1]).
///
/// ```text
/// CRLReason ::= ENUMERATED {
///      unspecified             (0),
///      keyCompromise           (1),
///      cACompromise            (2),
///      affiliationChanged      (3),
///      superseded              (4),
///      cessationOfOperation    (5),
///      certificateHold         (6),
///           -- value 7 is not used
///      removeFromCRL           (8),
///      privilegeWithdrawn      (9),
///      aACompromise           (10) }
/// ```
///
/// Any value is read (and shown as "reason code 7"), so that one odd entry
/// does not make a CRL unreadable.
///
/// [RFC 5280 section 5.3.1]: https://datatracker.ietf.org/doc/html/rfc5280#section-5.3.1
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CrlReason(pub u32);

impl CrlReason {
    /// unspecified (0).
    pub const UNSPECIFIED: CrlReason = CrlReason(0);
    /// keyCompromise (1).
    pub const KEY_COMPROMISE: CrlReason = CrlReason(1);
    /// cACompromise (2).
    pub const CA_COMPROMISE: CrlReason = CrlReason(2);
    /// affiliationChanged (3).
    pub const AFFILIATION_CHANGED: CrlReason = CrlReason(3);
    /// superseded (4).
    pub const SUPERSEDED: CrlReason = CrlReason(4);
    /// cessationOfOperation (5).
    pub const CESSATION_OF_OPERATION: CrlReason = CrlReason(5);
    /// certificateHold (6).
    pub const CERTIFICATE_HOLD: CrlReason = CrlReason(6);
    /// removeFromCRL (8), only in delta CRLs.
    pub const REMOVE_FROM_CRL: CrlReason = CrlReason(8);
    /// privilegeWithdrawn (9).
    pub const PRIVILEGE_WITHDRAWN: CrlReason = CrlReason(9);
    /// aACompromise (10).
    pub const AA_COMPROMISE: CrlReason = CrlReason(10);

    /// The RFC 5280 name ("keyCompromise"), if the code is assigned.
    pub fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            0 => "unspecified",
            1 => "keyCompromise",
            2 => "cACompromise",
            3 => "affiliationChanged",
            4 => "superseded",
            5 => "cessationOfOperation",
            6 => "certificateHold",
            8 => "removeFromCRL",
            9 => "privilegeWithdrawn",
            10 => "aACompromise",
            _ => return None,
        })
    }
}

impl std::fmt::Display for CrlReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "reason code {}", self.0),
        }
    }
}

impl FixedTag for CrlReason {
    const TAG: Tag = Tag::Enumerated;
}

impl<'a> DecodeValue<'a> for CrlReason {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        small_uint(Tag::Enumerated, reader.read_slice(header.length())?).map(CrlReason)
    }
}

impl EncodeValue for CrlReason {
    fn value_len(&self) -> der::Result<Length> {
        Length::try_from(small_uint_bytes(self.0).len())
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(&small_uint_bytes(self.0))
    }
}

/// What one source says about a certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Not revoked.
    Good,
    /// Revoked.
    Revoked {
        /// When (revocationDate / revocationTime).
        time: OffsetDateTime,
        /// Why, if said.
        reason: Option<CrlReason>,
    },
}

/// Where an answer came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RevocationSource {
    /// A CRL: fetched from `url`, read from the CRL directory (`file://`
    /// URL), or embedded in the signature (`None`).
    Crl {
        /// Where it was fetched or read.
        url: Option<String>,
    },
    /// An OCSP response: from the responder at `url`, or embedded (`None`).
    Ocsp {
        /// The responder.
        url: Option<String>,
    },
}

/// A certificate's revocation status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RevocationStatus {
    /// Not revoked, according to `source`.
    Good {
        /// Where the answer came from.
        source: RevocationSource,
    },
    /// Revoked at `time` (which may be after the validation time: see the
    /// module documentation).
    Revoked {
        /// revocationDate / revocationTime.
        time: OffsetDateTime,
        /// The reason's RFC 5280 name ("keyCompromise"), if given.
        reason: Option<String>,
        /// Where the answer came from.
        source: RevocationSource,
    },
    /// No source gave a trustworthy answer.
    Unknown {
        /// Why, one entry per source tried.
        reasons: Vec<String>,
    },
}

impl RevocationStatus {
    /// The status `source` gives with `verdict`.
    pub(crate) fn from_verdict(verdict: Verdict, source: RevocationSource) -> Self {
        match verdict {
            Verdict::Good => RevocationStatus::Good { source },
            Verdict::Revoked { time, reason } => RevocationStatus::Revoked {
                time,
                reason: reason.map(|r| r.to_string()),
                source,
            },
        }
    }
}

/// A status with the notes made on the way (an accepted stale CRL, an
/// OCSP responder that did not echo the nonce).
#[derive(Clone, Debug)]
pub struct RevocationReport {
    /// The status.
    pub status: RevocationStatus,
    /// Remarks that did not change the status.
    pub notes: Vec<String>,
    /// What the status was read from, when asked for
    /// ([`super::BudgetedChecker::check_with_evidence`]).
    pub evidence: Option<Evidence>,
}

/// The revocation data a status was read from, as CAdES-X Long keeps it
/// (revocation-values, [RFC 5126] section 6.3.4).
///
/// [RFC 5126]: https://datatracker.ietf.org/doc/html/rfc5126#section-6.3.4
#[derive(Clone, Debug)]
pub enum Evidence {
    /// A CRL (DER).
    Crl(Vec<u8>),
    /// An OCSP answer.
    Ocsp(Box<BasicOcspResponse>),
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::{Decode, Encode};

    #[test]
    fn reason_names() {
        assert_eq!(CrlReason::KEY_COMPROMISE.to_string(), "keyCompromise");
        assert_eq!(CrlReason(7).to_string(), "reason code 7");
        assert_eq!(CrlReason::AA_COMPROMISE.name(), Some("aACompromise"));
    }

    #[test]
    fn reasons_round_trip_as_enumerated() {
        for der in [[0x0A, 0x01, 0x01], [0x0A, 0x01, 0x07]] {
            let reason = CrlReason::from_der(&der).expect("a reason");
            assert_eq!(reason.to_der().expect("encodes"), der);
        }
        assert_eq!(
            CrlReason::from_der(&[0x0A, 0x02, 0x00, 0x05]),
            Ok(CrlReason::CESSATION_OF_OPERATION),
            "leading zero octets are read"
        );
        assert!(
            CrlReason::from_der(&[0x02, 0x01, 0x01]).is_err(),
            "an INTEGER"
        );
        assert!(
            CrlReason::from_der(&[0x0A, 0x01, 0x80]).is_err(),
            "negative"
        );
    }
}
