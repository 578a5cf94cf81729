//! RFC 3161 time-stamp tokens.
//!
//! A token is a CMS SignedData whose content is a `TSTInfo`
//! ([RFC 3161] section 2.4.2):
//!
//! ```text
//! TSTInfo ::= SEQUENCE {
//!    version        INTEGER { v1(1) },
//!    policy         TSAPolicyId,
//!    messageImprint MessageImprint,
//!    serialNumber   INTEGER,
//!    genTime        GeneralizedTime,
//!    accuracy       Accuracy OPTIONAL,
//!    ordering       BOOLEAN DEFAULT FALSE,
//!    nonce          INTEGER OPTIONAL,
//!    tsa            [0] GeneralName OPTIONAL,
//!    extensions     [1] IMPLICIT Extensions OPTIONAL }
//! MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier,
//!                               hashedMessage OCTET STRING }
//! ```
//!
//! Verifying a token means: its signer's signature is valid over the
//! TSTInfo (the ordinary CMS check), the signing certificate is a TSA's —
//! extendedKeyUsage id-kp-timeStamping (section 2.3) — and the message
//! imprint is the hash of the data the token vouches for (for a CAdES
//! signature-time-stamp, the signature value). The TSA's own chain is
//! validated by the caller, at the token's time.
//!
//! genTime may carry fractions of a second (section 2.4.2); they are read
//! and dropped. The ASN.1 is in [`asn1`].
//!
//! [RFC 3161]: https://datatracker.ietf.org/doc/html/rfc3161#section-2.4.2

pub mod asn1;

use const_oid::ObjectIdentifier;
/// id-ct-TSTInfo.
pub use const_oid::db::rfc3161::ID_CT_TST_INFO;
/// id-kp-timeStamping.
pub use const_oid::db::rfc5280::ID_KP_TIME_STAMPING;
use der::Decode;
use signet_crypto::DigestAlgorithm;
use time::OffsetDateTime;

use self::asn1::TstInfoRef;
use crate::cms::{Content, ContentDigests, SignedData, SignerFailure};
use crate::{Certificate, PkiError};

/// The content of a time-stamp token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TstInfo {
    /// TSA policy.
    pub policy: ObjectIdentifier,
    /// The hash algorithm of the imprint (its OID when signet does not know it).
    pub imprint_algorithm: Result<DigestAlgorithm, ObjectIdentifier>,
    /// The imprint.
    pub imprint: Vec<u8>,
    /// The token's serial number.
    pub serial: Vec<u8>,
    /// When the token was made.
    pub gen_time: OffsetDateTime,
    /// The nonce, if the request had one.
    pub nonce: Option<Vec<u8>>,
}

/// A parsed time-stamp token.
#[derive(Clone, Debug)]
pub struct TimestampToken {
    /// The token's SignedData.
    pub signed_data: SignedData,
    /// Its TSTInfo.
    pub info: TstInfo,
}

/// Why a token does not vouch for the data.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimestampFailure {
    /// The token has no signer, or more than one.
    #[error("the time-stamp token must have exactly one signer")]
    SignerCount,
    /// The token's signature is not valid.
    #[error("the time-stamp token's signature is not valid: {0}")]
    Signature(SignerFailure),
    /// The signing certificate is not a TSA's.
    #[error(
        "the time-stamp was not signed by a time-stamping authority (no timeStamping key usage)"
    )]
    NotTsa,
    /// The imprint is of other data.
    #[error("the time-stamp is over other data than this signature")]
    ImprintMismatch,
    /// The imprint's hash algorithm is unknown.
    #[error("not supported: time-stamp hash algorithm {0}")]
    UnknownHash(String),
}

/// The outcome of checking a token against data.
#[derive(Clone, Debug)]
pub struct TimestampCheck {
    /// The token's time.
    pub time: OffsetDateTime,
    /// The TSA certificate, when found.
    pub tsa_certificate: Option<Certificate>,
    /// Ok when the token is valid for the data.
    pub result: Result<(), TimestampFailure>,
}

impl TimestampToken {
    /// Parses a token (a ContentInfo with SignedData over TSTInfo).
    pub fn from_der(der: &[u8]) -> Result<Self, PkiError> {
        let signed_data = SignedData::from_ber(der)?;
        if signed_data.content_type != ID_CT_TST_INFO {
            return Err(PkiError::Unsupported(format!(
                "a time-stamp token must hold TSTInfo, not {}",
                crate::oid::name_of(&signed_data.content_type)
            )));
        }
        let content = signed_data.content.as_deref().ok_or_else(|| {
            PkiError::Unsupported("a time-stamp token without its TSTInfo".into())
        })?;
        let info = parse_tst_info(content)?;
        Ok(TimestampToken { signed_data, info })
    }

    /// Checks the token vouches for `data` (its imprint is the hash of
    /// `data`) and is validly signed by a TSA. `extra` are further
    /// candidate TSA certificates (the trust store).
    pub fn check(&self, data: &[u8], extra: &[Certificate]) -> TimestampCheck {
        self.check_with(extra, |alg| alg.digest(data) == self.info.imprint)
    }

    /// Like [`Self::check`], for data known by its `digest` under
    /// `algorithm` (a token asked for by the caller): the imprint must be
    /// that digest, under that algorithm.
    pub fn check_digest(
        &self,
        algorithm: DigestAlgorithm,
        digest: &[u8],
        extra: &[Certificate],
    ) -> TimestampCheck {
        self.check_with(extra, |alg| {
            alg == algorithm && digest == self.info.imprint.as_slice()
        })
    }

    fn check_with(
        &self,
        extra: &[Certificate],
        imprint_matches: impl FnOnce(DigestAlgorithm) -> bool,
    ) -> TimestampCheck {
        let mut out = TimestampCheck {
            time: self.info.gen_time,
            tsa_certificate: None,
            result: Ok(()),
        };
        out.result = self
            .check_signer(extra, &mut out.tsa_certificate)
            .and_then(|()| {
                let alg = self
                    .info
                    .imprint_algorithm
                    .map_err(|oid| TimestampFailure::UnknownHash(crate::oid::name_of(&oid)))?;
                if imprint_matches(alg) {
                    Ok(())
                } else {
                    Err(TimestampFailure::ImprintMismatch)
                }
            });
        out
    }

    /// The token's own signature, by a certificate with the timeStamping
    /// key purpose.
    fn check_signer(
        &self,
        extra: &[Certificate],
        tsa: &mut Option<Certificate>,
    ) -> Result<(), TimestampFailure> {
        let sd = &self.signed_data;
        let [signer] = sd.signers.as_slice() else {
            return Err(TimestampFailure::SignerCount);
        };
        let tst = sd.content.as_deref().unwrap_or_default();
        let digests = ContentDigests::of_bytes(tst, &sd.digest_algorithms());
        let check = sd.check_signer(
            signer,
            Content {
                digests: &digests,
                bytes: Some(tst),
            },
            extra,
        );
        *tsa = check.certificate.clone();
        check.result.map_err(TimestampFailure::Signature)?;
        let is_tsa = tsa.as_ref().is_some_and(|c| {
            c.fields()
                .extensions
                .extended_key_usage
                .contains(&ID_KP_TIME_STAMPING)
        });
        if !is_tsa {
            return Err(TimestampFailure::NotTsa);
        }
        Ok(())
    }
}

/// Parses TSTInfo.
pub fn parse_tst_info(der: &[u8]) -> Result<TstInfo, PkiError> {
    let info = TstInfoRef::from_der(der).map_err(PkiError::der("TSTInfo"))?;
    let imprint = &info.message_imprint;
    let algorithm = imprint.hash_algorithm.oid;
    Ok(TstInfo {
        policy: info.policy,
        imprint_algorithm: crate::signature::digest_algorithm(&algorithm).ok_or(algorithm),
        imprint: imprint.hashed_message.as_bytes().to_vec(),
        serial: info.serial_number.as_bytes().to_vec(),
        gen_time: info.gen_time.whole_seconds(),
        nonce: info.nonce.map(|n| n.as_bytes().to_vec()),
    })
}
