//! The CMS and CAdES attributes the verifier reads.
//!
//! - content-type, message-digest, signing-time: [RFC 5652] section 11;
//! - ESS signing-certificate (v1, SHA-1) and signing-certificate-v2:
//!   [RFC 2634] section 5.4 and [RFC 5035] section 3;
//! - signature-time-stamp and the CAdES-C / -X attributes: [RFC 5126]
//!   (ETSI TS 101 733) sections 6.1.1 and 6.2–6.3.
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-11
//! [RFC 2634]: https://datatracker.ietf.org/doc/html/rfc2634#section-5.4
//! [RFC 5035]: https://datatracker.ietf.org/doc/html/rfc5035#section-3
//! [RFC 5126]: https://datatracker.ietf.org/doc/html/rfc5126#section-6

use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, GeneralizedTime, UtcTime};
use der::{Decode, Reader, Tag, Tagged};
use signet_crypto::DigestAlgorithm;
use spki::AlgorithmIdentifierOwned;
use time::OffsetDateTime;

use crate::signature::digest_algorithm;

const fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(s)
}

/// contentType.
pub const CONTENT_TYPE: ObjectIdentifier = oid("1.2.840.113549.1.9.3");
/// messageDigest.
pub const MESSAGE_DIGEST: ObjectIdentifier = oid("1.2.840.113549.1.9.4");
/// signingTime.
pub const SIGNING_TIME: ObjectIdentifier = oid("1.2.840.113549.1.9.5");
/// id-aa-signingCertificate.
pub const SIGNING_CERTIFICATE: ObjectIdentifier = oid("1.2.840.113549.1.9.16.2.12");
/// id-aa-signingCertificateV2.
pub const SIGNING_CERTIFICATE_V2: ObjectIdentifier = oid("1.2.840.113549.1.9.16.2.47");
/// id-aa-signatureTimeStampToken.
pub const SIGNATURE_TIME_STAMP: ObjectIdentifier = oid("1.2.840.113549.1.9.16.2.14");
/// id-aa-ets-contentTimestamp (content-time-stamp, RFC 5126 section 5.11.4).
pub const CONTENT_TIME_STAMP: ObjectIdentifier = oid("1.2.840.113549.1.9.16.2.20");
/// id-aa-ets-certificateRefs (complete-certificate-references).
pub const COMPLETE_CERTIFICATE_REFS: ObjectIdentifier = oid("1.2.840.113549.1.9.16.2.21");
/// id-aa-ets-revocationRefs (complete-revocation-references).
pub const COMPLETE_REVOCATION_REFS: ObjectIdentifier = oid("1.2.840.113549.1.9.16.2.22");
/// id-aa-ets-certValues.
pub const CERTIFICATE_VALUES: ObjectIdentifier = oid("1.2.840.113549.1.9.16.2.23");
/// id-aa-ets-revocationValues.
pub const REVOCATION_VALUES: ObjectIdentifier = oid("1.2.840.113549.1.9.16.2.24");
/// id-aa-ets-escTimeStamp (CAdES-C time-stamp, for X Type 1).
pub const ESC_TIME_STAMP: ObjectIdentifier = oid("1.2.840.113549.1.9.16.2.25");
/// id-aa-ets-certCRLTimestamp (for X Type 2).
pub const CERT_CRL_TIME_STAMP: ObjectIdentifier = oid("1.2.840.113549.1.9.16.2.26");

/// A time value (`Time ::= CHOICE { utcTime, generalTime }`) as a date.
pub fn decode_time(der: &[u8]) -> Option<OffsetDateTime> {
    let any = AnyRef::from_der(der).ok()?;
    let d = match any.tag() {
        Tag::UtcTime => any.decode_as::<UtcTime>().ok()?.to_unix_duration(),
        Tag::GeneralizedTime => any.decode_as::<GeneralizedTime>().ok()?.to_unix_duration(),
        _ => return None,
    };
    crate::certificate::unix_to_datetime(d)
}

/// One certificate reference of an ESS signing-certificate attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EssCertId {
    /// How the certificate was hashed (SHA-1 for v1; SHA-256 by default in v2).
    pub hash_algorithm: Result<DigestAlgorithm, ObjectIdentifier>,
    /// The hash of the certificate's DER.
    pub hash: Vec<u8>,
    /// The serial number of issuerSerial, if given.
    pub serial: Option<Vec<u8>>,
}

/// Reads the first ESSCertID(v2) of a signing-certificate attribute value.
pub fn signing_certificate(value: &[u8], v2: bool) -> der::Result<Option<EssCertId>> {
    AnyRef::from_der(value)?.sequence(|r| {
        let certs: AnyRef<'_> = r.decode()?;
        while !r.is_finished() {
            let _policies: AnyRef<'_> = r.decode()?;
        }
        let mut first = None;
        certs.sequence(|cr| {
            while !cr.is_finished() {
                let id: AnyRef<'_> = cr.decode()?;
                if first.is_none() {
                    first = Some(ess_cert_id(id, v2)?);
                }
            }
            Ok::<_, der::Error>(())
        })?;
        Ok(first)
    })
}

fn ess_cert_id(id: AnyRef<'_>, v2: bool) -> der::Result<EssCertId> {
    id.sequence(|r| {
        let mut hash_algorithm = Ok(if v2 {
            DigestAlgorithm::Sha256
        } else {
            DigestAlgorithm::Sha1
        });
        let mut next: AnyRef<'_> = r.decode()?;
        if v2 && next.tag() == Tag::Sequence {
            let alg = AlgorithmIdentifierOwned::from_der(&der::Encode::to_der(&next)?)?;
            hash_algorithm = digest_algorithm(&alg.oid).ok_or(alg.oid);
            next = r.decode()?;
        }
        next.tag().assert_eq(Tag::OctetString)?;
        let hash = next.value().to_vec();
        let mut serial = None;
        if !r.is_finished() {
            let issuer_serial: AnyRef<'_> = r.decode()?;
            serial = Some(issuer_serial.sequence(|sr| {
                let _issuer: AnyRef<'_> = sr.decode()?;
                let s: AnyRef<'_> = sr.decode()?;
                s.tag().assert_eq(Tag::Integer)?;
                Ok::<_, der::Error>(s.value().to_vec())
            })?);
        }
        Ok(EssCertId {
            hash_algorithm,
            hash,
            serial,
        })
    })
}
