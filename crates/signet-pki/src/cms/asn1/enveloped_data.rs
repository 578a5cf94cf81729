//! `EnvelopedData` ([RFC 5652] section 6) and `AuthEnvelopedData`
//! ([RFC 5083] section 2.1) with the RecipientInfo forms signet acts on.
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-6
//! [RFC 5083]: https://datatracker.ietf.org/doc/html/rfc5083#section-2.1

use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, BitStringRef, OctetStringRef};
use der::{Choice, Sequence, Tag, TagNumber, Tagged};
use spki::AlgorithmIdentifierRef;

use super::{
    AttributeRef, IssuerAndSerialNumberRef, RawSequenceRef, RecipientIdentifierRef, SetOfAsGiven,
};
use crate::asn1::time::GeneralizedTime;

/// `EnvelopedData` as defined in [RFC 5652 Section 6.1].
///
/// ```text
/// EnvelopedData ::= SEQUENCE {
///   version CMSVersion,
///   originatorInfo [0] IMPLICIT OriginatorInfo OPTIONAL,
///   recipientInfos RecipientInfos,
///   encryptedContentInfo EncryptedContentInfo,
///   unprotectedAttrs [1] IMPLICIT UnprotectedAttributes OPTIONAL }
/// RecipientInfos ::= SET SIZE (1..MAX) OF RecipientInfo
/// UnprotectedAttributes ::= SET SIZE (1..MAX) OF Attribute
/// ```
///
/// [RFC 5652 Section 6.1]: https://datatracker.ietf.org/doc/html/rfc5652#section-6.1
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct EnvelopedDataRef<'a> {
    /// version.
    pub version: u8,
    /// originatorInfo.
    #[asn1(
        context_specific = "0",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub originator_info: Option<OriginatorInfoRef<'a>>,
    /// recipientInfos.
    pub recipient_infos: SetOfAsGiven<'a, RecipientInfoRef<'a>>,
    /// encryptedContentInfo.
    pub encrypted_content_info: EncryptedContentInfoRef<'a>,
    /// unprotectedAttrs.
    #[asn1(
        context_specific = "1",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub unprotected_attrs: Option<SetOfAsGiven<'a, AttributeRef<'a>>>,
}

/// `AuthEnvelopedData` as defined in [RFC 5083 Section 2.1].
///
/// ```text
/// AuthEnvelopedData ::= SEQUENCE {
///   version CMSVersion,
///   originatorInfo [0] IMPLICIT OriginatorInfo OPTIONAL,
///   recipientInfos RecipientInfos,
///   authEncryptedContentInfo EncryptedContentInfo,
///   authAttrs [1] IMPLICIT AuthAttributes OPTIONAL,
///   mac MessageAuthenticationCode,
///   unauthAttrs [2] IMPLICIT UnauthAttributes OPTIONAL }
/// MessageAuthenticationCode ::= OCTET STRING
/// ```
///
/// The AAD of the content encryption is the DER of `authAttrs` with the
/// `SET OF` tag ([RFC 5083 Section 2.2]): `auth_attrs.to_der()`.
///
/// [RFC 5083 Section 2.1]: https://datatracker.ietf.org/doc/html/rfc5083#section-2.1
/// [RFC 5083 Section 2.2]: https://datatracker.ietf.org/doc/html/rfc5083#section-2.2
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct AuthEnvelopedDataRef<'a> {
    /// version.
    pub version: u8,
    /// originatorInfo.
    #[asn1(
        context_specific = "0",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub originator_info: Option<OriginatorInfoRef<'a>>,
    /// recipientInfos.
    pub recipient_infos: SetOfAsGiven<'a, RecipientInfoRef<'a>>,
    /// authEncryptedContentInfo.
    pub auth_encrypted_content_info: EncryptedContentInfoRef<'a>,
    /// authAttrs.
    #[asn1(
        context_specific = "1",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub auth_attrs: Option<SetOfAsGiven<'a, AttributeRef<'a>>>,
    /// mac.
    pub mac: &'a OctetStringRef,
    /// unauthAttrs.
    #[asn1(
        context_specific = "2",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub unauth_attrs: Option<SetOfAsGiven<'a, AttributeRef<'a>>>,
}

/// `OriginatorInfo` as defined in [RFC 5652 Section 6.1].
///
/// ```text
/// OriginatorInfo ::= SEQUENCE {
///   certs [0] IMPLICIT CertificateSet OPTIONAL,
///   crls [1] IMPLICIT RevocationInfoChoices OPTIONAL }
/// ```
///
/// [RFC 5652 Section 6.1]: https://datatracker.ietf.org/doc/html/rfc5652#section-6.1
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct OriginatorInfoRef<'a> {
    /// certs: each CertificateChoices as encoded.
    #[asn1(
        context_specific = "0",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub certs: Option<SetOfAsGiven<'a, AnyRef<'a>>>,
    /// crls: each RevocationInfoChoice as encoded.
    #[asn1(
        context_specific = "1",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub crls: Option<SetOfAsGiven<'a, AnyRef<'a>>>,
}

/// `EncryptedContentInfo` as defined in [RFC 5652 Section 6.1].
///
/// ```text
/// EncryptedContentInfo ::= SEQUENCE {
///   contentType ContentType,
///   contentEncryptionAlgorithm ContentEncryptionAlgorithmIdentifier,
///   encryptedContent [0] IMPLICIT EncryptedContent OPTIONAL }
/// EncryptedContent ::= OCTET STRING
/// ```
///
/// `encryptedContent` is kept as read: streaming writers make the
/// implicitly tagged OCTET STRING constructed, of segments, which DER
/// conversion cannot join without knowing the tag is implicit;
/// [`Self::encrypted_content`] joins them.
///
/// [RFC 5652 Section 6.1]: https://datatracker.ietf.org/doc/html/rfc5652#section-6.1
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct EncryptedContentInfoRef<'a> {
    /// contentType.
    pub content_type: ObjectIdentifier,
    /// contentEncryptionAlgorithm.
    pub content_encryption_algorithm: AlgorithmIdentifierRef<'a>,
    /// encryptedContent, `[0]` primitive or constructed.
    pub encrypted_content: Option<AnyRef<'a>>,
}

impl<'a> EncryptedContentInfoRef<'a> {
    /// The tag of a primitive `encryptedContent`.
    pub const ENCRYPTED_CONTENT: Tag = Tag::ContextSpecific {
        constructed: false,
        number: TagNumber(0),
    };

    /// The encrypted content, its segments joined; `None` when detached.
    pub fn encrypted_content(&self) -> der::Result<Option<Vec<u8>>> {
        let Some(content) = self.encrypted_content else {
            return Ok(None);
        };
        if content.tag() == Self::ENCRYPTED_CONTENT {
            return Ok(Some(content.value().to_vec()));
        }
        content.tag().assert_eq(Tag::ContextSpecific {
            constructed: true,
            number: TagNumber(0),
        })?;
        // The contents of a constructed OCTET STRING: its segments, each
        // an OCTET STRING (X.690 section 8.7.3.2), read like a SET OF.
        let segments: SetOfAsGiven<'_, &OctetStringRef> =
            AnyRef::new(Tag::Set, content.value())?.decode_as()?;
        Ok(Some(
            segments
                .iter()
                .flat_map(|s| s.as_bytes())
                .copied()
                .collect(),
        ))
    }
}

/// `RecipientInfo` as defined in [RFC 5652 Section 6.2].
///
/// ```text
/// RecipientInfo ::= CHOICE {
///   ktri KeyTransRecipientInfo,
///   kari [1] KeyAgreeRecipientInfo,
///   kekri [2] KEKRecipientInfo,
///   pwri [3] PasswordRecipientinfo,
///   ori [4] OtherRecipientInfo }
/// ```
///
/// kekri, pwri and ori name no certificate: signet reads no further.
///
/// [RFC 5652 Section 6.2]: https://datatracker.ietf.org/doc/html/rfc5652#section-6.2
#[derive(Clone, Debug, PartialEq, Eq, Choice)]
#[allow(clippy::large_enum_variant)]
pub enum RecipientInfoRef<'a> {
    /// ktri.
    Ktri(KeyTransRecipientInfoRef<'a>),
    /// kari.
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", constructed = "true")]
    Kari(KeyAgreeRecipientInfoRef<'a>),
    /// kekri.
    #[asn1(context_specific = "2", tag_mode = "IMPLICIT", constructed = "true")]
    Kekri(RawSequenceRef<'a>),
    /// pwri.
    #[asn1(context_specific = "3", tag_mode = "IMPLICIT", constructed = "true")]
    Pwri(RawSequenceRef<'a>),
    /// ori.
    #[asn1(context_specific = "4", tag_mode = "IMPLICIT", constructed = "true")]
    Ori(RawSequenceRef<'a>),
}

/// `KeyTransRecipientInfo` as defined in [RFC 5652 Section 6.2.1].
///
/// ```text
/// KeyTransRecipientInfo ::= SEQUENCE {
///   version CMSVersion,  -- always set to 0 or 2
///   rid RecipientIdentifier,
///   keyEncryptionAlgorithm KeyEncryptionAlgorithmIdentifier,
///   encryptedKey EncryptedKey }
/// EncryptedKey ::= OCTET STRING
/// ```
///
/// [RFC 5652 Section 6.2.1]: https://datatracker.ietf.org/doc/html/rfc5652#section-6.2.1
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct KeyTransRecipientInfoRef<'a> {
    /// version.
    pub version: u8,
    /// rid.
    pub rid: RecipientIdentifierRef<'a>,
    /// keyEncryptionAlgorithm.
    pub key_encryption_algorithm: AlgorithmIdentifierRef<'a>,
    /// encryptedKey.
    pub encrypted_key: &'a OctetStringRef,
}

/// `KeyAgreeRecipientInfo` as defined in [RFC 5652 Section 6.2.2].
///
/// ```text
/// KeyAgreeRecipientInfo ::= SEQUENCE {
///   version CMSVersion,  -- always set to 3
///   originator [0] EXPLICIT OriginatorIdentifierOrKey,
///   ukm [1] EXPLICIT UserKeyingMaterial OPTIONAL,
///   keyEncryptionAlgorithm KeyEncryptionAlgorithmIdentifier,
///   recipientEncryptedKeys RecipientEncryptedKeys }
/// UserKeyingMaterial ::= OCTET STRING
/// RecipientEncryptedKeys ::= SEQUENCE OF RecipientEncryptedKey
/// ```
///
/// [RFC 5652 Section 6.2.2]: https://datatracker.ietf.org/doc/html/rfc5652#section-6.2.2
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct KeyAgreeRecipientInfoRef<'a> {
    /// version.
    pub version: u8,
    /// originator.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    pub originator: OriginatorIdentifierOrKeyRef<'a>,
    /// ukm.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub ukm: Option<&'a OctetStringRef>,
    /// keyEncryptionAlgorithm.
    pub key_encryption_algorithm: AlgorithmIdentifierRef<'a>,
    /// recipientEncryptedKeys.
    pub recipient_encrypted_keys: Vec<RecipientEncryptedKeyRef<'a>>,
}

/// `OriginatorIdentifierOrKey` as defined in [RFC 5652 Section 6.2.2].
///
/// ```text
/// OriginatorIdentifierOrKey ::= CHOICE {
///   issuerAndSerialNumber IssuerAndSerialNumber,
///   subjectKeyIdentifier [0] SubjectKeyIdentifier,
///   originatorKey [1] OriginatorPublicKey }
/// ```
///
/// [RFC 5652 Section 6.2.2]: https://datatracker.ietf.org/doc/html/rfc5652#section-6.2.2
#[derive(Clone, Copy, Debug, PartialEq, Eq, Choice)]
pub enum OriginatorIdentifierOrKeyRef<'a> {
    /// issuerAndSerialNumber: a static key, the sender's certificate's.
    IssuerAndSerialNumber(IssuerAndSerialNumberRef<'a>),
    /// subjectKeyIdentifier: the same, named by key identifier.
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT")]
    SubjectKeyIdentifier(&'a OctetStringRef),
    /// originatorKey: an ephemeral key.
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", constructed = "true")]
    OriginatorKey(OriginatorPublicKeyRef<'a>),
}

/// `OriginatorPublicKey` as defined in [RFC 5652 Section 6.2.2]: the
/// shape of a SubjectPublicKeyInfo.
///
/// ```text
/// OriginatorPublicKey ::= SEQUENCE {
///   algorithm AlgorithmIdentifier,
///   publicKey BIT STRING }
/// ```
///
/// [RFC 5652 Section 6.2.2]: https://datatracker.ietf.org/doc/html/rfc5652#section-6.2.2
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct OriginatorPublicKeyRef<'a> {
    /// algorithm.
    pub algorithm: AlgorithmIdentifierRef<'a>,
    /// publicKey.
    pub public_key: BitStringRef<'a>,
}

/// `RecipientEncryptedKey` as defined in [RFC 5652 Section 6.2.2].
///
/// ```text
/// RecipientEncryptedKey ::= SEQUENCE {
///   rid KeyAgreeRecipientIdentifier,
///   encryptedKey EncryptedKey }
/// ```
///
/// [RFC 5652 Section 6.2.2]: https://datatracker.ietf.org/doc/html/rfc5652#section-6.2.2
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct RecipientEncryptedKeyRef<'a> {
    /// rid.
    pub rid: KeyAgreeRecipientIdentifierRef<'a>,
    /// encryptedKey.
    pub encrypted_key: &'a OctetStringRef,
}

/// `KeyAgreeRecipientIdentifier` as defined in [RFC 5652 Section 6.2.2].
///
/// ```text
/// KeyAgreeRecipientIdentifier ::= CHOICE {
///   issuerAndSerialNumber IssuerAndSerialNumber,
///   rKeyId [0] IMPLICIT RecipientKeyIdentifier }
/// ```
///
/// [RFC 5652 Section 6.2.2]: https://datatracker.ietf.org/doc/html/rfc5652#section-6.2.2
#[derive(Clone, Copy, Debug, PartialEq, Eq, Choice)]
pub enum KeyAgreeRecipientIdentifierRef<'a> {
    /// issuerAndSerialNumber.
    IssuerAndSerialNumber(IssuerAndSerialNumberRef<'a>),
    /// rKeyId.
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", constructed = "true")]
    RKeyId(RecipientKeyIdentifierRef<'a>),
}

/// `RecipientKeyIdentifier` as defined in [RFC 5652 Section 6.2.2].
///
/// ```text
/// RecipientKeyIdentifier ::= SEQUENCE {
///   subjectKeyIdentifier SubjectKeyIdentifier,
///   date GeneralizedTime OPTIONAL,
///   other OtherKeyAttribute OPTIONAL }
/// OtherKeyAttribute ::= SEQUENCE {
///   keyAttrId OBJECT IDENTIFIER,
///   keyAttr ANY DEFINED BY keyAttrId OPTIONAL }
/// ```
///
/// [RFC 5652 Section 6.2.2]: https://datatracker.ietf.org/doc/html/rfc5652#section-6.2.2
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct RecipientKeyIdentifierRef<'a> {
    /// subjectKeyIdentifier.
    pub subject_key_identifier: &'a OctetStringRef,
    /// date.
    pub date: Option<GeneralizedTime>,
    /// other, as encoded.
    pub other: Option<RawSequenceRef<'a>>,
}

#[cfg(test)]
mod tests {
    use der::{Decode, Encode};

    use super::*;

    /// The TC26 KeyAgreeRecipientInfo example (decrypted by
    /// `cms::enveloped::tests::tk26cms_kari_256_and_512`): decode → encode
    /// is the identity, and the parts are where RFC 5652 puts them.
    #[test]
    fn enveloped_data_round_trips() {
        let der = crate::input::decode_base64(crate::cms::enveloped::tests::TK26_KARI_256)
            .expect("base64");
        let info = super::super::ContentInfoRef::from_der(&der).expect("ContentInfo");
        let enveloped: EnvelopedDataRef<'_> = info.content.decode_as().expect("EnvelopedData");
        let [RecipientInfoRef::Kari(kari)] = enveloped.recipient_infos.as_slice() else {
            panic!("one kari expected");
        };
        assert_eq!(kari.version, 3);
        assert!(matches!(
            kari.originator,
            OriginatorIdentifierOrKeyRef::OriginatorKey(_)
        ));
        assert_eq!(kari.ukm.map(|u| u.as_bytes().len()), Some(8));
        assert_eq!(kari.recipient_encrypted_keys.len(), 1);
        let content = enveloped
            .encrypted_content_info
            .encrypted_content()
            .expect("content")
            .expect("attached");
        assert_eq!(content.len(), 12);
        assert_eq!(info.to_der().expect("encodes"), der);
    }

    /// A constructed encryptedContent is joined from its segments.
    #[test]
    fn segmented_encrypted_content_is_joined() {
        // SEQUENCE { id-data, AlgorithmIdentifier { aes128-CBC },
        //   [0] constructed { OCTET STRING 01 02, OCTET STRING 03 } }
        let der = hex::decode(
            "3021 06092a864886f70d010701 300b0609608648016503040102 a007 04020102 040103"
                .replace(' ', ""),
        )
        .expect("hex");
        let info = EncryptedContentInfoRef::from_der(&der).expect("decodes");
        assert_eq!(
            info.encrypted_content().expect("joins"),
            Some(vec![1, 2, 3])
        );
        assert_eq!(info.to_der().expect("encodes"), der);
    }
}
