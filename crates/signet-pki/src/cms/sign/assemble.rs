//! Putting a signature together from the types of [`crate::cms::asn1`]
//! and [`crate::cades::asn1`], encoded by `der`: the attribute sets, the
//! SignerIdentifier, the ESS signing-certificate-v2, the SignerInfo and
//! the SignedData in its ContentInfo. Every `SET OF` is written in DER
//! order ([`SetOfAsGiven::der_sorted`]), as OpenSSL writes them; for the
//! signed attributes DER order is what RFC 5652 section 5.4 signs.

use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, OctetStringRef};
use der::{Decode, Encode};
use signet_crypto::DigestAlgorithm;
use spki::AlgorithmIdentifierRef;

use super::{SignError, SignerIdentifierChoice, signer};
use crate::Certificate;
use crate::cades::asn1::{EssCertIdV2Ref, IssuerSerialRef, SigningCertificateV2Ref};
use crate::cms::asn1::{
    AttributeRef, ContentInfoRef, EncapsulatedContentInfoRef, IssuerAndSerialNumberRef,
    SetOfAsGiven, SignedDataRef, SignerIdentifierRef, SignerInfoRef,
};
use crate::cms::signed_data::{ID_DATA, ID_SIGNED_DATA};
use crate::signature::digest_oid;

/// An attribute made by the builder: its type and the DER of its one
/// value.
pub(super) type MadeAttribute = (ObjectIdentifier, Vec<u8>);

/// One SignerInfo, made.
pub(super) struct MadeSigner {
    pub digest_algorithm: AlgorithmIdentifierRef<'static>,
    /// The DER of the SignerInfo.
    pub signer_info: Vec<u8>,
    pub version: u8,
}

/// A DigestAlgorithmIdentifier: SHA-1/SHA-2 without parameters (RFC 5754
/// section 2: "implementations MUST generate SHA2 AlgorithmIdentifiers
/// with absent parameters"), GOST 34.311-95 and Kupyna without parameters
/// too (as IIT's library and jkurwa write them), the Russian GOST hashes
/// with NULL parameters, as gost-engine and CryptoPro CSP write them.
pub(super) fn digest_algorithm_identifier(
    digest: DigestAlgorithm,
) -> AlgorithmIdentifierRef<'static> {
    let parameters = match digest {
        DigestAlgorithm::Sha1
        | DigestAlgorithm::Sha224
        | DigestAlgorithm::Sha256
        | DigestAlgorithm::Sha384
        | DigestAlgorithm::Sha512
        | DigestAlgorithm::Gost34311Ua
        | DigestAlgorithm::Kupyna256
        | DigestAlgorithm::Kupyna384
        | DigestAlgorithm::Kupyna512 => None,
        _ => Some(AnyRef::NULL),
    };
    AlgorithmIdentifierRef {
        oid: digest_oid(digest),
        parameters,
    }
}

/// The attributes as a `SET OF Attribute` in DER order.
pub(super) fn attribute_set(
    attributes: &[MadeAttribute],
) -> der::Result<SetOfAsGiven<'_, AttributeRef<'_>>> {
    let attributes = attributes
        .iter()
        .map(|(oid, value)| Ok(AttributeRef::single(*oid, AnyRef::from_der(value)?)))
        .collect::<der::Result<Vec<_>>>()?;
    SetOfAsGiven::der_sorted(attributes)
}

/// The SignerIdentifier and the SignerInfo version it implies ([RFC 5652]
/// section 5.3): 1 with issuerAndSerialNumber (the issuer and serial as
/// encoded in the certificate: negative or over-long serials are kept,
/// verifiers compare the octets), 3 with subjectKeyIdentifier.
///
/// [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-5.3
pub(super) fn signer_identifier(
    cert: &Certificate,
    choice: SignerIdentifierChoice,
) -> Result<(SignerIdentifierRef<'_>, u8), SignError> {
    match choice {
        SignerIdentifierChoice::IssuerAndSerialNumber => Ok((
            SignerIdentifierRef::IssuerAndSerialNumber(
                IssuerAndSerialNumberRef::of(cert).map_err(SignError::Encoding)?,
            ),
            1,
        )),
        SignerIdentifierChoice::SubjectKeyIdentifier => {
            let ski = cert
                .fields()
                .extensions
                .subject_key_id
                .as_ref()
                .ok_or_else(|| SignError::NoSubjectKeyIdentifier(signer::subject_of(cert)))?;
            Ok((
                SignerIdentifierRef::SubjectKeyIdentifier(
                    OctetStringRef::new(ski).map_err(SignError::Encoding)?,
                ),
                3,
            ))
        }
    }
}

/// The value of a signing-certificate-v2 attribute naming `cert` by its
/// `hash` and issuerSerial ([RFC 5035] section 3; see
/// [`crate::cades::asn1::SigningCertificateV2Ref`]): hashAlgorithm left
/// out for SHA-256, the DEFAULT.
///
/// [RFC 5035]: https://datatracker.ietf.org/doc/html/rfc5035#section-3
pub(super) fn signing_certificate_v2(
    cert: &Certificate,
    hash: DigestAlgorithm,
) -> der::Result<Vec<u8>> {
    let cert_hash = hash.digest(cert.der());
    SigningCertificateV2Ref {
        certs: vec![EssCertIdV2Ref {
            hash_algorithm: (hash != DigestAlgorithm::Sha256)
                .then(|| digest_algorithm_identifier(hash)),
            cert_hash: OctetStringRef::new(&cert_hash)?,
            issuer_serial: Some(IssuerSerialRef::of(cert)?),
        }],
        policies: None,
    }
    .to_der()
}

/// The SignedData version for new signers (RFC 5652 section 5.1): 3 when
/// a SignerInfo is version 3 or the content is not id-data, else 1.
pub(super) fn version_needed(content_type: &ObjectIdentifier, made: &[MadeSigner]) -> u8 {
    if *content_type != ID_DATA || made.iter().any(|m| m.version == 3) {
        3
    } else {
        1
    }
}

/// What goes into a SignedData; the sets are sorted when it is encoded.
pub(super) struct SignedDataParts<'a> {
    pub version: u8,
    pub digest_algorithms: Vec<AlgorithmIdentifierRef<'a>>,
    pub encap_content_info: EncapsulatedContentInfoRef<'a>,
    pub certificates: Vec<AnyRef<'a>>,
    /// Kept as read when co-signing.
    pub crls: Option<SetOfAsGiven<'a, AnyRef<'a>>>,
    pub signer_infos: Vec<SignerInfoRef<'a>>,
}

impl SignedDataParts<'_> {
    /// `ContentInfo { id-signedData, [0] EXPLICIT SignedData }`, DER.
    pub fn encode(self) -> der::Result<Vec<u8>> {
        let certificates = if self.certificates.is_empty() {
            None
        } else {
            Some(SetOfAsGiven::der_sorted(self.certificates)?)
        };
        let signed_data = SignedDataRef {
            version: self.version,
            digest_algorithms: SetOfAsGiven::der_sorted(self.digest_algorithms)?,
            encap_content_info: self.encap_content_info,
            certificates,
            crls: self.crls,
            signer_infos: SetOfAsGiven::der_sorted(self.signer_infos)?,
        }
        .to_der()?;
        ContentInfoRef {
            content_type: ID_SIGNED_DATA,
            content: AnyRef::from_der(&signed_data)?,
        }
        .to_der()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A SET OF the attributes is sorted by encoding — the shorter
    /// message-digest (`30 10 …`) before content-type (`30 18 …`), though
    /// its OID is the greater — and drops an exact duplicate.
    #[test]
    fn attribute_sets_are_der_sorted() {
        let oid_value = |oid: ObjectIdentifier| oid.to_der().expect("OID");
        let attributes = [
            (
                crate::cms::attributes::MESSAGE_DIGEST,
                vec![0x04, 0x01, 0x07],
            ),
            (crate::cms::attributes::CONTENT_TYPE, oid_value(ID_DATA)),
            (
                crate::cms::attributes::MESSAGE_DIGEST,
                vec![0x04, 0x01, 0x07],
            ),
        ];
        let set = attribute_set(&attributes).expect("set");
        assert_eq!(set.len(), 2);
        assert_eq!(
            set.as_slice()[0].attr_type,
            crate::cms::attributes::MESSAGE_DIGEST
        );
    }
}
