//! The OCSP request ([RFC 6960 section 4.1]), one type per structure, and
//! how signet builds one: one certificate named by a SHA-1 CertID (what
//! every responder answers), with a nonce of 32 random bytes ([RFC 8954]).
//! The tags are those of RFC 6960's ASN.1 module (appendix B.1), which is
//! in the explicit-tagging form.
//!
//! [RFC 6960 section 4.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.1
//! [RFC 8954]: https://datatracker.ietf.org/doc/html/rfc8954

use const_oid::db::rfc6960::ID_PKIX_OCSP_NONCE;
use der::asn1::{Any, BitString, Int, OctetString, OctetStringRef};
use der::{Decode, Encode, Enumerated, Sequence};
use signet_crypto::DigestAlgorithm;
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::{Extension, Extensions};

use crate::Certificate;
use crate::revocation::error::RevocationError;
use crate::signature;

/// `OCSPRequest` ([RFC 6960 section 4.1.1]).
///
/// ```text
/// OCSPRequest ::= SEQUENCE {
///     tbsRequest              TBSRequest,
///     optionalSignature   [0] EXPLICIT Signature OPTIONAL }
/// ```
///
/// [RFC 6960 section 4.1.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.1.1
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct OcspRequest {
    /// tbsRequest.
    pub tbs_request: TbsRequest,
    /// optionalSignature.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub optional_signature: Option<Signature>,
}

/// `TBSRequest` ([RFC 6960 section 4.1.1]).
///
/// ```text
/// TBSRequest ::= SEQUENCE {
///     version             [0] EXPLICIT Version DEFAULT v1,
///     requestorName       [1] EXPLICIT GeneralName OPTIONAL,
///     requestList             SEQUENCE OF Request,
///     requestExtensions   [2] EXPLICIT Extensions OPTIONAL }
/// ```
///
/// [RFC 6960 section 4.1.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.1.1
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct TbsRequest {
    /// version.
    #[asn1(
        context_specific = "0",
        tag_mode = "EXPLICIT",
        default = "Default::default"
    )]
    pub version: Version,
    /// requestorName.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub requestor_name: Option<GeneralName>,
    /// requestList.
    pub request_list: Vec<Request>,
    /// requestExtensions.
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    pub request_extensions: Option<Extensions>,
}

/// `Version` of OCSP requests and responses ([RFC 6960 section 4.1.1]).
///
/// ```text
/// Version ::= INTEGER { v1(0) }
/// ```
///
/// [RFC 6960 section 4.1.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.1.1
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Enumerated)]
#[asn1(type = "INTEGER")]
#[repr(u8)]
pub enum Version {
    /// v1.
    #[default]
    V1 = 0,
}

/// `Request` ([RFC 6960 section 4.1.1]).
///
/// ```text
/// Request ::= SEQUENCE {
///     reqCert                     CertID,
///     singleRequestExtensions [0] EXPLICIT Extensions OPTIONAL }
/// ```
///
/// [RFC 6960 section 4.1.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.1.1
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct Request {
    /// reqCert.
    pub req_cert: CertId,
    /// singleRequestExtensions.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub single_request_extensions: Option<Extensions>,
}

/// `Signature` of a signed request ([RFC 6960 section 4.1.1]); signet
/// sends unsigned requests.
///
/// ```text
/// Signature ::= SEQUENCE {
///     signatureAlgorithm      AlgorithmIdentifier,
///     signature               BIT STRING,
///     certs               [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
/// ```
///
/// [RFC 6960 section 4.1.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.1.1
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct Signature {
    /// signatureAlgorithm.
    pub signature_algorithm: AlgorithmIdentifierOwned,
    /// signature.
    pub signature: BitString,
    /// certs, kept as encoded.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub certs: Option<Vec<Any>>,
}

/// `CertID`: a certificate's identity in OCSP ([RFC 6960 section 4.1.1]).
///
/// ```text
/// CertID ::= SEQUENCE {
///     hashAlgorithm           AlgorithmIdentifier,
///     issuerNameHash          OCTET STRING, -- Hash of issuer's DN
///     issuerKeyHash           OCTET STRING, -- Hash of issuer's public key
///     serialNumber            CertificateSerialNumber }
/// ```
///
/// The responder's CertIDs are read as [`super::response::CertIdRef`].
///
/// [RFC 6960 section 4.1.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.1.1
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct CertId {
    /// hashAlgorithm.
    pub hash_algorithm: AlgorithmIdentifierOwned,
    /// issuerNameHash: the hash of the issuer's subject Name DER.
    pub issuer_name_hash: OctetString,
    /// issuerKeyHash: the hash of the issuer's subjectPublicKey BIT
    /// STRING contents.
    pub issuer_key_hash: OctetString,
    /// serialNumber.
    pub serial_number: Int,
}

/// A CertID names one certificate: equal CertIDs hash alike (what the
/// answer cache needs; `der`'s `Int` has no `Hash`).
impl std::hash::Hash for CertId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.hash_algorithm.oid.hash(state);
        self.issuer_name_hash.as_bytes().hash(state);
        self.issuer_key_hash.as_bytes().hash(state);
        self.serial_number.as_bytes().hash(state);
    }
}

impl CertId {
    /// The CertID of `cert`, issued by `issuer`, hashed with `digest`;
    /// the hash algorithm's parameters are NULL, as OpenSSL writes them.
    /// (The error, a value too long for DER, does not happen with
    /// certificates that were read.)
    pub fn new(
        cert: &Certificate,
        issuer: &Certificate,
        digest: DigestAlgorithm,
    ) -> der::Result<Self> {
        let issuer_key = issuer
            .x509()
            .tbs_certificate()
            .subject_public_key_info()
            .subject_public_key
            .raw_bytes();
        Ok(CertId {
            hash_algorithm: AlgorithmIdentifierOwned {
                oid: signature::digest_oid(digest),
                parameters: Some(Any::null()),
            },
            issuer_name_hash: OctetString::new(digest.digest(issuer.subject_der()))?,
            issuer_key_hash: OctetString::new(digest.digest(issuer_key))?,
            serial_number: Int::new(cert.x509().tbs_certificate().serial_number().as_bytes())?,
        })
    }
}

impl OcspRequest {
    /// A request for `cert` (issued by `issuer`) with a fresh random nonce.
    pub fn new(cert: &Certificate, issuer: &Certificate) -> Result<Self, RevocationError> {
        let mut nonce = [0u8; 32];
        aws_lc_rs::rand::fill(&mut nonce).map_err(|_| RevocationError::NoRandomNonce)?;
        Self::with_nonce(cert, issuer, Some(nonce)).map_err(RevocationError::RequestEncoding)
    }

    /// A request with the given nonce, or none.
    pub fn with_nonce(
        cert: &Certificate,
        issuer: &Certificate,
        nonce: Option<[u8; 32]>,
    ) -> der::Result<Self> {
        let request_extensions = match nonce {
            Some(n) => Some(vec![nonce_extension(&n)?]),
            None => None,
        };
        Ok(OcspRequest {
            tbs_request: TbsRequest {
                version: Version::V1,
                requestor_name: None,
                request_list: vec![Request {
                    req_cert: CertId::new(cert, issuer, DigestAlgorithm::Sha1)?,
                    single_request_extensions: None,
                }],
                request_extensions,
            },
            optional_signature: None,
        })
    }

    /// The certificate asked about.
    pub fn cert_id(&self) -> Option<&CertId> {
        self.tbs_request.request_list.first().map(|r| &r.req_cert)
    }

    /// The nonce the request carries: the contents of the OCTET STRING in
    /// the nonce extension's extnValue.
    pub fn nonce(&self) -> Option<Vec<u8>> {
        let extension = self
            .tbs_request
            .request_extensions
            .as_ref()?
            .iter()
            .find(|e| e.extn_id == ID_PKIX_OCSP_NONCE)?;
        <&OctetStringRef>::from_der(extension.extn_value.as_bytes())
            .ok()
            .map(|n| n.as_bytes().to_vec())
    }
}

/// The nonce extension ([RFC 8954 section 2.1]): extnValue is the DER of
/// an OCTET STRING of the random bytes.
///
/// [RFC 8954 section 2.1]: https://datatracker.ietf.org/doc/html/rfc8954#section-2.1
fn nonce_extension(nonce: &[u8; 32]) -> der::Result<Extension> {
    Ok(Extension {
        extn_id: ID_PKIX_OCSP_NONCE,
        critical: false,
        extn_value: OctetString::new(OctetString::new(nonce.to_vec())?.to_der()?)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::revocation::testing::{
        INTER, OCSP_REQUEST as OPENSSL_REQUEST, REVOKED, certificate, context, seq, tlv,
    };
    use der::Tag;

    #[test]
    fn an_openssl_request_round_trips_and_names_the_same_certificate() {
        let request = OcspRequest::from_der(OPENSSL_REQUEST).expect("decodes");
        assert_eq!(request.to_der().expect("encodes"), OPENSSL_REQUEST);
        let nonce = request.nonce().expect("OpenSSL sends a nonce");
        assert_eq!(nonce.len(), 16);
        // Ours for the same certificate differs only in the nonce.
        let ours = OcspRequest::with_nonce(&certificate(REVOKED), &certificate(INTER), None)
            .expect("a request");
        assert_eq!(ours.cert_id(), request.cert_id());
        assert!(ours.nonce().is_none());
    }

    #[test]
    fn requests_are_encoded_as_before() {
        let ours =
            OcspRequest::with_nonce(&certificate(REVOKED), &certificate(INTER), Some([7; 32]))
                .expect("a request");
        let der = ours.to_der().expect("encodes");
        assert_eq!(OcspRequest::from_der(&der).as_ref(), Ok(&ours));
        assert_eq!(ours.nonce(), Some(vec![7; 32]));
        // SEQUENCE { SEQUENCE { requestList, [2] { SEQUENCE { nonce } } } }:
        // no version (DEFAULT v1), no signature, as signet always sent.
        let id = ours.cert_id().expect("one").to_der().expect("encodes");
        let request_list = seq(&[seq(&[id])]);
        let nonce = tlv(Tag::OctetString, &[7; 32]);
        let nonce_ext = seq(&[
            ID_PKIX_OCSP_NONCE.to_der().expect("encodes"),
            tlv(Tag::OctetString, &nonce),
        ]);
        let extensions = context(2, true, &seq(&[nonce_ext]));
        let expected = seq(&[seq(&[request_list, extensions])]);
        assert_eq!(der, expected);
    }
}
