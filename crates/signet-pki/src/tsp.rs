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
//! and dropped.
//!
//! [RFC 3161]: https://datatracker.ietf.org/doc/html/rfc3161#section-2.4.2

use const_oid::ObjectIdentifier;
use der::asn1::AnyRef;
use der::{Decode, Reader, Tag, Tagged};
use signet_crypto::DigestAlgorithm;
use spki::AlgorithmIdentifierOwned;
use time::OffsetDateTime;

use crate::cms::{Content, ContentDigests, SignedData, SignerFailure};
use crate::{Certificate, PkiError};

/// id-ct-TSTInfo.
pub const ID_CT_TST_INFO: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");
/// id-kp-timeStamping.
pub const ID_KP_TIME_STAMPING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.8");

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
    let e = |source| PkiError::Der {
        what: "TSTInfo",
        source,
    };
    AnyRef::from_der(der)
        .and_then(|any| {
            any.sequence(|r| {
                let _version: u8 = r.decode()?;
                let policy: ObjectIdentifier = r.decode()?;
                let imprint: AnyRef<'_> = r.decode()?;
                let (imprint_algorithm, imprint) = imprint.sequence(|ir| {
                    let alg: AlgorithmIdentifierOwned = ir.decode()?;
                    let hashed: AnyRef<'_> = ir.decode()?;
                    hashed.tag().assert_eq(Tag::OctetString)?;
                    let known = crate::signature::digest_algorithm(&alg.oid).ok_or(alg.oid);
                    Ok::<_, der::Error>((known, hashed.value().to_vec()))
                })?;
                let serial: AnyRef<'_> = r.decode()?;
                serial.tag().assert_eq(Tag::Integer)?;
                let gen_time: AnyRef<'_> = r.decode()?;
                gen_time.tag().assert_eq(Tag::GeneralizedTime)?;
                let gen_time = generalized_time(gen_time.value())
                    .ok_or_else(|| Tag::GeneralizedTime.value_error())?;
                let mut nonce = None;
                while !r.is_finished() {
                    let field: AnyRef<'_> = r.decode()?;
                    if field.tag() == Tag::Integer {
                        nonce = Some(field.value().to_vec());
                    }
                }
                Ok(TstInfo {
                    policy,
                    imprint_algorithm,
                    imprint,
                    serial: serial.value().to_vec(),
                    gen_time,
                    nonce,
                })
            })
        })
        .map_err(e)
}

/// `YYYYMMDDHHMMSS[.f*]Z`, the GeneralizedTime form RFC 3161 allows.
pub fn generalized_time(text: &[u8]) -> Option<OffsetDateTime> {
    let s = std::str::from_utf8(text).ok()?;
    let s = s.strip_suffix('Z')?;
    let (main, frac) = match s.split_once('.') {
        Some((m, f)) => (m, Some(f)),
        None => (s, None),
    };
    if main.len() != 14 || !main.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(f) = frac
        && (f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |a: usize, b: usize| main[a..b].parse::<u32>().ok();
    let month = time::Month::try_from(u8::try_from(n(4, 6)?).ok()?).ok()?;
    let date = time::Date::from_calendar_date(
        i32::try_from(n(0, 4)?).ok()?,
        month,
        u8::try_from(n(6, 8)?).ok()?,
    )
    .ok()?;
    let t = time::Time::from_hms(
        u8::try_from(n(8, 10)?).ok()?,
        u8::try_from(n(10, 12)?).ok()?,
        u8::try_from(n(12, 14)?).ok()?,
    )
    .ok()?;
    Some(time::PrimitiveDateTime::new(date, t).assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generalized_time_with_and_without_fractions() {
        // `date -u -d @1795629662` prints Wed Nov 25 18:01:02 UTC 2026.
        let t = generalized_time(b"20261125180102Z").unwrap();
        assert_eq!(t.unix_timestamp(), 1_795_629_662);
        assert_eq!(generalized_time(b"20261125180102.123Z").unwrap(), t);
        for bad in [
            &b"20261125180102"[..],
            b"2026112518010Z",
            b"20261325180102Z",
            b"20261125180102.Z",
            b"2026112518010xZ",
        ] {
            assert!(generalized_time(bad).is_none(), "{bad:?}");
        }
    }
}
