//! `SignedData` and its parts ([RFC 5652] section 5).
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-5

use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, OctetStringRef};
use der::{Choice, Sequence};
use spki::AlgorithmIdentifierRef;

use super::{AttributeRef, IssuerAndSerialNumberRef, SetOfAsGiven};

/// `SignedData` as defined in [RFC 5652 Section 5.1].
///
/// ```text
/// SignedData ::= SEQUENCE {
///   version CMSVersion,
///   digestAlgorithms DigestAlgorithmIdentifiers,
///   encapContentInfo EncapsulatedContentInfo,
///   certificates [0] IMPLICIT CertificateSet OPTIONAL,
///   crls [1] IMPLICIT RevocationInfoChoices OPTIONAL,
///   signerInfos SignerInfos }
/// DigestAlgorithmIdentifiers ::= SET OF DigestAlgorithmIdentifier
/// SignerInfos ::= SET OF SignerInfo
/// CertificateSet ::= SET OF CertificateChoices
/// RevocationInfoChoices ::= SET OF RevocationInfoChoice
/// ```
///
/// The elements of `certificates` and `crls` are kept as encoded: a
/// certificate is parsed by [`crate::Certificate`], the other
/// CertificateChoices (`[0]`–`[3]`: extended and attribute certificates,
/// other formats) and RevocationInfoChoices (`[1] other`) are skipped by
/// the reader and kept by co-signing.
///
/// [RFC 5652 Section 5.1]: https://datatracker.ietf.org/doc/html/rfc5652#section-5.1
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct SignedDataRef<'a> {
    /// version.
    pub version: u8,
    /// digestAlgorithms.
    pub digest_algorithms: SetOfAsGiven<'a, AlgorithmIdentifierRef<'a>>,
    /// encapContentInfo.
    pub encap_content_info: EncapsulatedContentInfoRef<'a>,
    /// certificates.
    #[asn1(
        context_specific = "0",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub certificates: Option<SetOfAsGiven<'a, AnyRef<'a>>>,
    /// crls.
    #[asn1(
        context_specific = "1",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub crls: Option<SetOfAsGiven<'a, AnyRef<'a>>>,
    /// signerInfos.
    pub signer_infos: SetOfAsGiven<'a, SignerInfoRef<'a>>,
}

/// `EncapsulatedContentInfo` as defined in [RFC 5652 Section 5.2].
///
/// ```text
/// EncapsulatedContentInfo ::= SEQUENCE {
///   eContentType ContentType,
///   eContent [0] EXPLICIT OCTET STRING OPTIONAL }
/// ```
///
/// [RFC 5652 Section 5.2]: https://datatracker.ietf.org/doc/html/rfc5652#section-5.2
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct EncapsulatedContentInfoRef<'a> {
    /// eContentType.
    pub e_content_type: ObjectIdentifier,
    /// eContent: absent in a detached signature.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub e_content: Option<&'a OctetStringRef>,
}

/// `SignerInfo` as defined in [RFC 5652 Section 5.3].
///
/// ```text
/// SignerInfo ::= SEQUENCE {
///   version CMSVersion,
///   sid SignerIdentifier,
///   digestAlgorithm DigestAlgorithmIdentifier,
///   signedAttrs [0] IMPLICIT SignedAttributes OPTIONAL,
///   signatureAlgorithm SignatureAlgorithmIdentifier,
///   signature SignatureValue,
///   unsignedAttrs [1] IMPLICIT UnsignedAttributes OPTIONAL }
/// SignedAttributes ::= SET SIZE (1..MAX) OF Attribute
/// UnsignedAttributes ::= SET SIZE (1..MAX) OF Attribute
/// SignatureValue ::= OCTET STRING
/// ```
///
/// The signature covers the DER of `signedAttrs` with the `SET OF` tag
/// in place of `[0]` ([RFC 5652 Section 5.4]): `signed_attrs.to_der()`,
/// the attributes in the order they were signed.
///
/// [RFC 5652 Section 5.3]: https://datatracker.ietf.org/doc/html/rfc5652#section-5.3
/// [RFC 5652 Section 5.4]: https://datatracker.ietf.org/doc/html/rfc5652#section-5.4
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct SignerInfoRef<'a> {
    /// version: 1 with issuerAndSerialNumber, 3 with subjectKeyIdentifier.
    pub version: u8,
    /// sid.
    pub sid: SignerIdentifierRef<'a>,
    /// digestAlgorithm.
    pub digest_algorithm: AlgorithmIdentifierRef<'a>,
    /// signedAttrs.
    #[asn1(
        context_specific = "0",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub signed_attrs: Option<SetOfAsGiven<'a, AttributeRef<'a>>>,
    /// signatureAlgorithm.
    pub signature_algorithm: AlgorithmIdentifierRef<'a>,
    /// signature.
    pub signature: &'a OctetStringRef,
    /// unsignedAttrs.
    #[asn1(
        context_specific = "1",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub unsigned_attrs: Option<SetOfAsGiven<'a, AttributeRef<'a>>>,
}

/// `SignerIdentifier` as defined in [RFC 5652 Section 5.3].
///
/// ```text
/// SignerIdentifier ::= CHOICE {
///   issuerAndSerialNumber IssuerAndSerialNumber,
///   subjectKeyIdentifier [0] SubjectKeyIdentifier }
/// SubjectKeyIdentifier ::= OCTET STRING
/// ```
///
/// [RFC 5652 Section 5.3]: https://datatracker.ietf.org/doc/html/rfc5652#section-5.3
#[derive(Clone, Copy, Debug, PartialEq, Eq, Choice)]
pub enum SignerIdentifierRef<'a> {
    /// issuerAndSerialNumber.
    IssuerAndSerialNumber(IssuerAndSerialNumberRef<'a>),
    /// subjectKeyIdentifier.
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT")]
    SubjectKeyIdentifier(&'a OctetStringRef),
}

/// `RecipientIdentifier` ([RFC 5652 Section 6.2.1]): the same CHOICE as
/// [`SignerIdentifierRef`].
///
/// ```text
/// RecipientIdentifier ::= CHOICE {
///   issuerAndSerialNumber IssuerAndSerialNumber,
///   subjectKeyIdentifier [0] SubjectKeyIdentifier }
/// ```
///
/// [RFC 5652 Section 6.2.1]: https://datatracker.ietf.org/doc/html/rfc5652#section-6.2.1
pub type RecipientIdentifierRef<'a> = SignerIdentifierRef<'a>;

#[cfg(test)]
mod tests {
    use der::{Decode, Encode};

    use super::super::ContentInfoRef;
    use super::*;

    /// Decode → encode gives back the same bytes, for signatures signet
    /// made (one and two signers, subjectKeyIdentifier, detached,
    /// CAdES-X Long with unsigned attributes) and one OpenSSL made.
    #[test]
    fn signed_data_round_trips() {
        let signatures: [&[u8]; 5] = [
            include_bytes!("../../../tests/data/cms-pin/rsa-attached.p7s"),
            include_bytes!("../../../tests/data/cms-pin/ed25519-rsa.p7s"),
            include_bytes!("../../../tests/data/cms-pin/rsa-detached-ski.p7s"),
            include_bytes!("../../../tests/data/cms-pin/cades-x-long-ocsp.p7s"),
            include_bytes!("../../../tests/data/cms-pin/openssl-rsa.p7s"),
        ];
        for der in signatures {
            let info = ContentInfoRef::from_der(der).expect("ContentInfo");
            let signed: SignedDataRef<'_> = info.content.decode_as().expect("SignedData");
            assert!(!signed.signer_infos.is_empty());
            let mut again = Vec::new();
            signed.encode_to_vec(&mut again).expect("encodes");
            assert_eq!(again, info.content.to_der().expect("encodes"));
            assert_eq!(info.to_der().expect("encodes"), der);
        }
    }

    proptest::proptest! {
        /// Generated SignerInfos — any serial number octets (an INTEGER
        /// has at least one), signed
        /// attributes of any types and values, any signature — encode,
        /// decode to the same values, and encode again to the same bytes.
        #[test]
        fn generated_signer_infos_round_trip(
            serial in proptest::collection::vec(proptest::num::u8::ANY, 1..20),
            attributes in proptest::collection::vec(
                (1u32..100_000, proptest::collection::vec(proptest::num::u8::ANY, 0..40)),
                0..6,
            ),
            signature in proptest::collection::vec(proptest::num::u8::ANY, 0..300),
            subject_key_id in proptest::bool::ANY,
        ) {
            use crate::asn1::IntegerOctets;
            use crate::cms::asn1::RawSequenceRef;
            let empty_name = [0x30, 0x00];
            let types: Vec<ObjectIdentifier> = attributes
                .iter()
                .map(|(arc, _)| ObjectIdentifier::new(&format!("1.2.840.113549.1.9.{arc}")))
                .collect::<Result<_, _>>()
                .expect("OIDs");
            let values: Vec<Vec<u8>> = attributes
                .iter()
                .map(|(_, v)| OctetStringRef::new(v).and_then(|o| o.to_der()))
                .collect::<der::Result<_>>()
                .expect("values");
            let signed_attrs = types
                .iter()
                .zip(&values)
                .map(|(t, v)| Ok(AttributeRef::single(*t, AnyRef::from_der(v)?)))
                .collect::<der::Result<Vec<_>>>()
                .and_then(SetOfAsGiven::der_sorted)
                .expect("attributes");
            let sid = if subject_key_id {
                SignerIdentifierRef::SubjectKeyIdentifier(OctetStringRef::new(&serial).expect("SKI"))
            } else {
                SignerIdentifierRef::IssuerAndSerialNumber(IssuerAndSerialNumberRef {
                    issuer: RawSequenceRef::from_der(&empty_name).expect("Name"),
                    serial_number: IntegerOctets::new(&serial),
                })
            };
            let sha256 = AlgorithmIdentifierRef {
                oid: const_oid::db::rfc5912::ID_SHA_256,
                parameters: None,
            };
            let info = SignerInfoRef {
                version: if subject_key_id { 3 } else { 1 },
                sid,
                digest_algorithm: sha256,
                signed_attrs: (!signed_attrs.is_empty()).then_some(signed_attrs),
                signature_algorithm: sha256,
                signature: OctetStringRef::new(&signature).expect("signature"),
                unsigned_attrs: None,
            };
            let der = info.to_der().expect("encodes");
            let back = SignerInfoRef::from_der(&der).expect("decodes");
            proptest::prop_assert_eq!(&back, &info);
            proptest::prop_assert_eq!(back.to_der().expect("encodes"), der);
        }
    }

    /// The signer identifiers of RFC 5652: a subjectKeyIdentifier is a
    /// primitive `[0]`; the constructed `[0]` IIT writes is refused.
    #[test]
    fn signer_identifier_forms() {
        let ski = [0x80, 0x02, 0xAB, 0xCD];
        let sid = SignerIdentifierRef::from_der(&ski).expect("decodes");
        assert!(
            matches!(sid, SignerIdentifierRef::SubjectKeyIdentifier(o) if o.as_bytes() == [0xAB, 0xCD])
        );
        assert_eq!(sid.to_der().expect("encodes"), ski);
        assert!(SignerIdentifierRef::from_der(&[0xA0, 0x04, 0x04, 0x02, 0xAB, 0xCD]).is_err());
    }
}
