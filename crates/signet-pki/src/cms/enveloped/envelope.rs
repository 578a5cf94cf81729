//! The ContentInfo around the recipient infos: reading an EnvelopedData
//! or AuthEnvelopedData ([RFC 5652] section 6, [RFC 5083] section 2.1)
//! into what decryption needs, within signet's limits, and writing the one
//! signet makes. The ASN.1 is in [`crate::cms::asn1`].
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-6
//! [RFC 5083]: https://datatracker.ietf.org/doc/html/rfc5083#section-2.1

use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, OctetStringRef};
use der::{Decode, Encode, Tag, Tagged};
use spki::AlgorithmIdentifierRef;

use super::content::Sealed;
use super::{EnvelopedError, ID_AUTH_ENVELOPED_DATA, ID_ENVELOPED_DATA, MAX_RECIPIENTS, encoding};
use crate::cms::ID_DATA;
use crate::cms::asn1::{
    AttributeRef, AuthEnvelopedDataRef, ContentInfoRef, EncryptedContentInfoRef, EnvelopedDataRef,
    IssuerAndSerialNumberRef, KeyAgreeRecipientIdentifierRef, KeyAgreeRecipientInfoRef,
    KeyTransRecipientInfoRef, OriginatorIdentifierOrKeyRef, OriginatorInfoRef,
    RecipientEncryptedKeyRef, RecipientIdentifierRef, RecipientInfoRef, SetOfAsGiven,
};
use crate::oid::ids;
use crate::{Certificate, PkiError};

/// Most attributes read from one attribute set.
const MAX_ATTRIBUTES: usize = 64;

/// Whether the content was EnvelopedData or AuthEnvelopedData.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Enveloped,
    AuthEnveloped,
}

/// A read (Auth)EnvelopedData: what decryption needs.
#[derive(Debug)]
pub(super) struct Envelope<'a> {
    pub kind: Kind,
    pub recipients: Vec<RecipientInfoRef<'a>>,
    pub content_alg: AlgorithmIdentifierRef<'a>,
    /// The encrypted content, its segments joined; `None` when detached.
    pub encrypted_content: Option<Vec<u8>>,
    /// authAttrs as DER with the SET OF tag (the AAD, RFC 5083 section 2.2).
    pub auth_attrs: Option<Vec<u8>>,
    pub mac: Option<&'a [u8]>,
    /// unprotectedAttrs (unauthAttrs of AuthEnvelopedData).
    pub unprotected: Vec<AttributeRef<'a>>,
    /// The DER of each plain certificate in `originatorInfo.certs`: where
    /// a sender may put the certificate its static key agreement names.
    pub originator_certs: Vec<Vec<u8>>,
}

/// The parts both forms share.
struct Common<'a, 'r> {
    originator_info: &'r Option<OriginatorInfoRef<'a>>,
    recipient_infos: &'r SetOfAsGiven<'a, RecipientInfoRef<'a>>,
    encrypted_content_info: &'r EncryptedContentInfoRef<'a>,
}

fn too_many() -> EnvelopedError {
    EnvelopedError::Pki(PkiError::TooMany {
        limit: MAX_RECIPIENTS,
    })
}

/// Attributes within [`MAX_ATTRIBUTES`].
fn attributes<'a>(
    set: &Option<SetOfAsGiven<'a, AttributeRef<'a>>>,
) -> der::Result<Vec<AttributeRef<'a>>> {
    let attributes = set.clone().map(SetOfAsGiven::into_vec).unwrap_or_default();
    if attributes.len() > MAX_ATTRIBUTES {
        return Err(der::ErrorKind::Length { tag: Tag::Set }.into());
    }
    Ok(attributes)
}

/// Reads a ContentInfo holding EnvelopedData or AuthEnvelopedData.
pub(super) fn read_envelope(der: &[u8]) -> Result<Envelope<'_>, EnvelopedError> {
    let info = ContentInfoRef::from_der(der).map_err(PkiError::der("CMS ContentInfo"))?;
    match info.content_type {
        ID_ENVELOPED_DATA => {
            let what = "CMS EnvelopedData";
            let e: EnvelopedDataRef<'_> = info.content.decode_as().map_err(PkiError::der(what))?;
            let unprotected = attributes(&e.unprotected_attrs).map_err(PkiError::der(what))?;
            let common = Common {
                originator_info: &e.originator_info,
                recipient_infos: &e.recipient_infos,
                encrypted_content_info: &e.encrypted_content_info,
            };
            envelope(Kind::Enveloped, what, common, None, None, unprotected)
        }
        ID_AUTH_ENVELOPED_DATA => {
            let what = "CMS AuthEnvelopedData";
            let e: AuthEnvelopedDataRef<'_> =
                info.content.decode_as().map_err(PkiError::der(what))?;
            let malformed = PkiError::der(what);
            let aad = match &e.auth_attrs {
                Some(set) => attributes(&e.auth_attrs)
                    .and_then(|_| set.to_der())
                    .map(Some),
                None => Ok(None),
            };
            let aad = aad.map_err(malformed)?;
            let unprotected = attributes(&e.unauth_attrs).map_err(PkiError::der(what))?;
            let common = Common {
                originator_info: &e.originator_info,
                recipient_infos: &e.recipient_infos,
                encrypted_content_info: &e.auth_encrypted_content_info,
            };
            let mac = Some(e.mac.as_bytes());
            envelope(Kind::AuthEnveloped, what, common, aad, mac, unprotected)
        }
        other => Err(EnvelopedError::NotEnveloped(other)),
    }
}

fn envelope<'a>(
    kind: Kind,
    what: &'static str,
    common: Common<'a, '_>,
    auth_attrs: Option<Vec<u8>>,
    mac: Option<&'a [u8]>,
    unprotected: Vec<AttributeRef<'a>>,
) -> Result<Envelope<'a>, EnvelopedError> {
    let recipients = common.recipient_infos.clone().into_vec();
    if recipients.len() > MAX_RECIPIENTS {
        return Err(too_many());
    }
    let keys = |r: &RecipientInfoRef<'_>| match r {
        RecipientInfoRef::Kari(kari) => kari.recipient_encrypted_keys.len(),
        _ => 0,
    };
    if recipients.iter().any(|r| keys(r) > MAX_RECIPIENTS) {
        return Err(too_many());
    }
    let eci = common.encrypted_content_info;
    // Only plain certificates (a SEQUENCE), at most MAX_RECIPIENTS; the
    // other CertificateChoices and the CRLs are skipped.
    let originator_certs = common
        .originator_info
        .iter()
        .flat_map(|o| o.certs.iter().flat_map(SetOfAsGiven::iter))
        .filter(|c| c.tag() == Tag::Sequence)
        .take(MAX_RECIPIENTS)
        .map(|c| c.to_der())
        .collect::<der::Result<Vec<_>>>();
    Ok(Envelope {
        kind,
        recipients,
        content_alg: eci.content_encryption_algorithm,
        encrypted_content: eci.encrypted_content().map_err(PkiError::der(what))?,
        auth_attrs,
        mac,
        unprotected,
        originator_certs: originator_certs.map_err(PkiError::der(what))?,
    })
}

/// The `ktri` RecipientInfo naming `cert` by issuer and serial number
/// (version 0, RFC 5652 section 6.2.1), DER.
pub(super) fn key_trans_recipient(
    cert: &Certificate,
    key_encryption_algorithm: AlgorithmIdentifierRef<'_>,
    encrypted_key: &[u8],
) -> der::Result<Vec<u8>> {
    RecipientInfoRef::Ktri(KeyTransRecipientInfoRef {
        version: 0,
        rid: RecipientIdentifierRef::IssuerAndSerialNumber(IssuerAndSerialNumberRef::of(cert)?),
        key_encryption_algorithm,
        encrypted_key: OctetStringRef::new(encrypted_key)?,
    })
    .to_der()
}

/// The `kari` RecipientInfo (version 3, RFC 5652 section 6.2.2) with one
/// RecipientEncryptedKey, `wrapped`, naming `cert` by issuer and serial
/// number, DER.
pub(super) fn key_agree_recipient(
    cert: &Certificate,
    originator: OriginatorIdentifierOrKeyRef<'_>,
    ukm: Option<&[u8]>,
    key_encryption_algorithm: AlgorithmIdentifierRef<'_>,
    wrapped: &[u8],
) -> der::Result<Vec<u8>> {
    RecipientInfoRef::Kari(KeyAgreeRecipientInfoRef {
        version: 3,
        originator,
        ukm: ukm.map(OctetStringRef::new).transpose()?,
        key_encryption_algorithm,
        recipient_encrypted_keys: vec![RecipientEncryptedKeyRef {
            rid: KeyAgreeRecipientIdentifierRef::IssuerAndSerialNumber(
                IssuerAndSerialNumberRef::of(cert)?,
            ),
            encrypted_key: OctetStringRef::new(wrapped)?,
        }],
    })
    .to_der()
}

/// The DER of a `ContentInfo` holding the EnvelopedData — or, with an
/// AES-GCM tag, the AuthEnvelopedData — of `sealed` content for the one
/// `recipient_info` (DER of a RecipientInfo) of version `ri_version`.
pub(super) fn write_envelope(
    recipient_info: &[u8],
    ri_version: u8,
    sealed: &Sealed,
) -> Result<Vec<u8>, EnvelopedError> {
    write(recipient_info, ri_version, sealed).map_err(encoding)
}

fn write(recipient_info: &[u8], ri_version: u8, sealed: &Sealed) -> der::Result<Vec<u8>> {
    let recipient_infos = SetOfAsGiven::der_sorted([RecipientInfoRef::from_der(recipient_info)?])?;
    let encrypted_content_info = EncryptedContentInfoRef {
        content_type: ID_DATA,
        content_encryption_algorithm: AlgorithmIdentifierRef {
            oid: sealed.algorithm,
            parameters: Some(AnyRef::from_der(&sealed.parameters)?),
        },
        encrypted_content: Some(AnyRef::new(
            EncryptedContentInfoRef::ENCRYPTED_CONTENT,
            &sealed.ciphertext,
        )?),
    };
    let (content_type, body): (ObjectIdentifier, Vec<u8>) = match &sealed.gcm_tag {
        Some(tag) => (
            ID_AUTH_ENVELOPED_DATA,
            AuthEnvelopedDataRef {
                version: 0,
                originator_info: None,
                recipient_infos,
                auth_encrypted_content_info: encrypted_content_info,
                auth_attrs: None,
                mac: OctetStringRef::new(tag)?,
                unauth_attrs: None,
            }
            .to_der()?,
        ),
        None => {
            let mac = sealed
                .content_mac
                .as_deref()
                .map(|tag| {
                    let value = AnyRef::new(Tag::OctetString, tag)?;
                    SetOfAsGiven::der_sorted([AttributeRef::single(ids::CMS_MAC_ATTR, value)])
                })
                .transpose()?;
            // RFC 5652 section 6.1: version 2 when unprotectedAttrs are
            // present or a RecipientInfo is not version 0.
            let version = if mac.is_some() || ri_version != 0 {
                2
            } else {
                0
            };
            (
                ID_ENVELOPED_DATA,
                EnvelopedDataRef {
                    version,
                    originator_info: None,
                    recipient_infos,
                    encrypted_content_info,
                    unprotected_attrs: mac,
                }
                .to_der()?,
            )
        }
    };
    ContentInfoRef {
        content_type,
        content: AnyRef::from_der(&body)?,
    }
    .to_der()
}
