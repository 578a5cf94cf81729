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
/// id-aa-signatureTimeStampToken.
pub use const_oid::db::rfc3161::ID_AA_TIME_STAMP_TOKEN as SIGNATURE_TIME_STAMP;
/// id-aa-signingCertificate.
pub use const_oid::db::rfc5911::ID_AA_SIGNING_CERTIFICATE as SIGNING_CERTIFICATE;
/// id-aa-signingCertificateV2.
pub use const_oid::db::rfc5911::ID_AA_SIGNING_CERTIFICATE_V_2 as SIGNING_CERTIFICATE_V2;
/// contentType.
pub use const_oid::db::rfc5911::ID_CONTENT_TYPE as CONTENT_TYPE;
/// messageDigest.
pub use const_oid::db::rfc5911::ID_MESSAGE_DIGEST as MESSAGE_DIGEST;
/// signingTime.
pub use const_oid::db::rfc5911::ID_SIGNING_TIME as SIGNING_TIME;
use der::Decode;
use signet_crypto::DigestAlgorithm;
use time::OffsetDateTime;

use crate::asn1::time::Time;

use crate::cades::asn1::{IssuerSerialRef, SigningCertificateRef, SigningCertificateV2Ref};
/// id-aa-ets-certCRLTimestamp (for X Type 2).
/// id-aa-ets-certValues.
pub use crate::oid::ids::AA_ETS_CERT_VALUES as CERTIFICATE_VALUES;
/// id-aa-ets-certificateRefs (complete-certificate-references).
pub use crate::oid::ids::AA_ETS_CERTIFICATE_REFS as COMPLETE_CERTIFICATE_REFS;
/// id-aa-ets-contentTimestamp (content-time-stamp, RFC 5126 section 5.11.4).
pub use crate::oid::ids::AA_ETS_CONTENT_TIMESTAMP as CONTENT_TIME_STAMP;
/// id-aa-ets-escTimeStamp (CAdES-C time-stamp, for X Type 1).
pub use crate::oid::ids::AA_ETS_ESC_TIME_STAMP as ESC_TIME_STAMP;
/// id-aa-ets-revocationRefs (complete-revocation-references).
pub use crate::oid::ids::AA_ETS_REVOCATION_REFS as COMPLETE_REVOCATION_REFS;
/// id-aa-ets-revocationValues.
pub use crate::oid::ids::AA_ETS_REVOCATION_VALUES as REVOCATION_VALUES;
use crate::signature::digest_algorithm;

/// A time value (`Time ::= CHOICE { utcTime, generalTime }`, RFC 5652
/// section 11.3: 1950–9999, [`crate::asn1::time`]) as a date, to the
/// second.
pub fn decode_time(der: &[u8]) -> Option<OffsetDateTime> {
    Time::from_der(der).ok().map(Time::whole_seconds)
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

/// Reads the first ESSCertID(v2) of a signing-certificate (`v2` false) or
/// signing-certificate-v2 attribute value.
pub fn signing_certificate(value: &[u8], v2: bool) -> der::Result<Option<EssCertId>> {
    let serial =
        |s: &Option<IssuerSerialRef<'_>>| s.as_ref().map(|s| s.serial_number.as_bytes().to_vec());
    if v2 {
        let ess = SigningCertificateV2Ref::from_der(value)?;
        Ok(ess.certs.first().map(|id| EssCertId {
            hash_algorithm: match &id.hash_algorithm {
                Some(alg) => digest_algorithm(&alg.oid).ok_or(alg.oid),
                None => Ok(DigestAlgorithm::Sha256),
            },
            hash: id.cert_hash.as_bytes().to_vec(),
            serial: serial(&id.issuer_serial),
        }))
    } else {
        let ess = SigningCertificateRef::from_der(value)?;
        Ok(ess.certs.first().map(|id| EssCertId {
            hash_algorithm: Ok(DigestAlgorithm::Sha1),
            hash: id.cert_hash.as_bytes().to_vec(),
            serial: serial(&id.issuer_serial),
        }))
    }
}
