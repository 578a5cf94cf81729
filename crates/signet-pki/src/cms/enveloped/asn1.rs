//! The ASN.1 of `EnvelopedData` ([RFC 5652] section 6) and
//! `AuthEnvelopedData` ([RFC 5083] section 2.1): reading into borrowed
//! views of the DER, and a small DER writer for what signet makes.
//!
//! ```text
//! EnvelopedData ::= SEQUENCE {
//!   version CMSVersion,
//!   originatorInfo [0] IMPLICIT OriginatorInfo OPTIONAL,
//!   recipientInfos RecipientInfos,
//!   encryptedContentInfo EncryptedContentInfo,
//!   unprotectedAttrs [1] IMPLICIT UnprotectedAttributes OPTIONAL }
//! AuthEnvelopedData ::= SEQUENCE {
//!   version CMSVersion,
//!   originatorInfo [0] IMPLICIT OriginatorInfo OPTIONAL,
//!   recipientInfos RecipientInfos,
//!   authEncryptedContentInfo EncryptedContentInfo,
//!   authAttrs [1] IMPLICIT AuthAttributes OPTIONAL,
//!   mac MessageAuthenticationCode,
//!   unauthAttrs [2] IMPLICIT UnauthAttributes OPTIONAL }
//! EncryptedContentInfo ::= SEQUENCE {
//!   contentType ContentType,
//!   contentEncryptionAlgorithm ContentEncryptionAlgorithmIdentifier,
//!   encryptedContent [0] IMPLICIT EncryptedContent OPTIONAL }
//! RecipientInfo ::= CHOICE {
//!   ktri KeyTransRecipientInfo,
//!   kari [1] KeyAgreeRecipientInfo,
//!   kekri [2] KEKRecipientInfo,
//!   pwri [3] PasswordRecipientinfo,
//!   ori [4] OtherRecipientInfo }
//! KeyTransRecipientInfo ::= SEQUENCE {
//!   version CMSVersion,  -- always set to 0 or 2
//!   rid RecipientIdentifier,
//!   keyEncryptionAlgorithm KeyEncryptionAlgorithmIdentifier,
//!   encryptedKey EncryptedKey }
//! RecipientIdentifier ::= CHOICE {
//!   issuerAndSerialNumber IssuerAndSerialNumber,
//!   subjectKeyIdentifier [0] SubjectKeyIdentifier }
//! KeyAgreeRecipientInfo ::= SEQUENCE {
//!   version CMSVersion,  -- always set to 3
//!   originator [0] EXPLICIT OriginatorIdentifierOrKey,
//!   ukm [1] EXPLICIT UserKeyingMaterial OPTIONAL,
//!   keyEncryptionAlgorithm KeyEncryptionAlgorithmIdentifier,
//!   recipientEncryptedKeys RecipientEncryptedKeys }
//! OriginatorIdentifierOrKey ::= CHOICE {
//!   issuerAndSerialNumber IssuerAndSerialNumber,
//!   subjectKeyIdentifier [0] SubjectKeyIdentifier,
//!   originatorKey [1] OriginatorPublicKey }
//! OriginatorPublicKey ::= SEQUENCE {
//!   algorithm AlgorithmIdentifier,
//!   publicKey BIT STRING }
//! RecipientEncryptedKey ::= SEQUENCE {
//!   rid KeyAgreeRecipientIdentifier,
//!   encryptedKey EncryptedKey }
//! KeyAgreeRecipientIdentifier ::= CHOICE {
//!   issuerAndSerialNumber IssuerAndSerialNumber,
//!   rKeyId [0] IMPLICIT RecipientKeyIdentifier }
//! RecipientKeyIdentifier ::= SEQUENCE {
//!   subjectKeyIdentifier SubjectKeyIdentifier,
//!   date GeneralizedTime OPTIONAL,
//!   other OtherKeyAttribute OPTIONAL }
//! ```
//!
//! The input has been brought to DER by [`crate::ber`]; a constructed
//! `encryptedContent` (streaming writers split it into segments) is joined.
//! SETs are read in the order given.
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-6
//! [RFC 5083]: https://datatracker.ietf.org/doc/html/rfc5083#section-2.1

use const_oid::ObjectIdentifier;
use der::asn1::AnyRef;
use der::{Decode, Encode, Reader, SliceReader, Tag, TagNumber, Tagged};

use super::{EnvelopedError, ID_AUTH_ENVELOPED_DATA, ID_ENVELOPED_DATA, MAX_RECIPIENTS};
use crate::cms::SignerId;

/// Most attributes read from one attribute set.
const MAX_ATTRIBUTES: usize = 64;

pub(super) fn context(n: u8, constructed: bool) -> Tag {
    Tag::ContextSpecific {
        constructed,
        number: TagNumber(n.into()),
    }
}

fn der_err(what: &'static str) -> impl Fn(der::Error) -> EnvelopedError {
    move |source| EnvelopedError::Pki(crate::PkiError::Der { what, source })
}

/// An AlgorithmIdentifier, borrowed.
#[derive(Clone, Copy, Debug)]
pub(super) struct Alg<'a> {
    pub oid: ObjectIdentifier,
    pub params: Option<AnyRef<'a>>,
    /// The whole AlgorithmIdentifier.
    pub any: AnyRef<'a>,
}

impl<'a> Alg<'a> {
    pub fn read(any: AnyRef<'a>) -> der::Result<Alg<'a>> {
        let (oid, params) = any.sequence(|r| {
            let oid: ObjectIdentifier = r.decode()?;
            let params: Option<AnyRef<'a>> = r.decode()?;
            Ok::<_, der::Error>((oid, params))
        })?;
        Ok(Alg { oid, params, any })
    }

    /// The DER of the whole AlgorithmIdentifier.
    pub fn to_der(self) -> Vec<u8> {
        self.any.to_der().unwrap_or_default()
    }
}

/// One attribute: its type and the DER contents of each value.
#[derive(Debug)]
pub(super) struct Attr<'a> {
    pub oid: ObjectIdentifier,
    pub values: Vec<AnyRef<'a>>,
}

/// The parts of one RecipientInfo signet acts on.
#[derive(Debug)]
pub(super) enum Recipient<'a> {
    KeyTrans {
        rid: SignerId,
        alg: Alg<'a>,
        encrypted_key: &'a [u8],
    },
    KeyAgree {
        /// The OriginatorIdentifierOrKey inside `[0] EXPLICIT`.
        originator: AnyRef<'a>,
        ukm: Option<&'a [u8]>,
        alg: Alg<'a>,
        keys: Vec<(SignerId, &'a [u8])>,
    },
    /// kekri, pwri, ori: not for a certificate.
    Other,
}

/// Whether the content was EnvelopedData or AuthEnvelopedData.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Enveloped,
    AuthEnveloped,
}

/// A parsed (Auth)EnvelopedData.
#[derive(Debug)]
pub(super) struct Envelope<'a> {
    pub kind: Kind,
    pub recipients: Vec<Recipient<'a>>,
    pub content_alg: Alg<'a>,
    pub encrypted_content: Option<Vec<u8>>,
    /// authAttrs as DER with the SET OF tag (the AAD, RFC 5083 section 2.2).
    pub auth_attrs: Option<Vec<u8>>,
    pub mac: Option<&'a [u8]>,
    pub unprotected: Vec<Attr<'a>>,
    /// The DER of each plain certificate in `originatorInfo.certs`
    /// (`OriginatorInfo ::= SEQUENCE { certs [0] IMPLICIT CertificateSet
    /// OPTIONAL, crls [1] IMPLICIT RevocationInfoChoices OPTIONAL }`): where
    /// a sender may put the certificate its static key agreement names.
    pub originator_certs: Vec<Vec<u8>>,
}

/// Reads a ContentInfo holding EnvelopedData or AuthEnvelopedData.
pub(super) fn read_envelope(der: &[u8]) -> Result<Envelope<'_>, EnvelopedError> {
    let e = der_err("CMS ContentInfo");
    let info = crate::cms::asn1::ContentInfoRef::from_der(der).map_err(&e)?;
    let (content_type, content) = (info.content_type, info.content);
    let kind = match content_type {
        ID_ENVELOPED_DATA => Kind::Enveloped,
        ID_AUTH_ENVELOPED_DATA => Kind::AuthEnveloped,
        other => {
            return Err(EnvelopedError::NotEnveloped(crate::oid::name_of(&other)));
        }
    };
    let e = der_err(match kind {
        Kind::Enveloped => "CMS EnvelopedData",
        Kind::AuthEnveloped => "CMS AuthEnvelopedData",
    });
    let mut envelope = content
        .sequence(|r| {
            let _version: u8 = r.decode()?;
            let mut next: AnyRef<'_> = r.decode()?;
            let mut originator_certs = Vec::new();
            if next.tag() == context(0, true) {
                originator_certs = originator_info_certs(next.value())?;
                next = r.decode()?;
            }
            next.tag().assert_eq(Tag::Set)?;
            let infos = elements(next.value())?;
            if infos.len() > MAX_RECIPIENTS {
                return Err(der::ErrorKind::Overlength.into());
            }
            let recipients = infos
                .into_iter()
                .map(recipient)
                .collect::<der::Result<Vec<_>>>()?;
            let eci: AnyRef<'_> = r.decode()?;
            let (content_alg, encrypted_content) = eci.sequence(|er| {
                let _ct: ObjectIdentifier = er.decode()?;
                let alg = Alg::read(er.decode()?)?;
                let mut content = None;
                if !er.is_finished() {
                    let c: AnyRef<'_> = er.decode()?;
                    content = Some(implicit_octets(c, 0)?);
                }
                Ok::<_, der::Error>((alg, content))
            })?;
            let mut auth_attrs = None;
            let mut mac = None;
            let mut unprotected = Vec::new();
            match kind {
                Kind::Enveloped => {
                    if !r.is_finished() {
                        let u: AnyRef<'_> = r.decode()?;
                        u.tag().assert_eq(context(1, true))?;
                        unprotected = attributes(u.value())?;
                    }
                }
                Kind::AuthEnveloped => {
                    let mut next: AnyRef<'_> = r.decode()?;
                    if next.tag() == context(1, true) {
                        attributes(next.value())?;
                        let mut aad = next.to_der()?;
                        if let Some(tag) = aad.first_mut() {
                            *tag = 0x31;
                        }
                        auth_attrs = Some(aad);
                        next = r.decode()?;
                    }
                    next.tag().assert_eq(Tag::OctetString)?;
                    mac = Some(next.value());
                    if !r.is_finished() {
                        let u: AnyRef<'_> = r.decode()?;
                        u.tag().assert_eq(context(2, true))?;
                        unprotected = attributes(u.value())?;
                    }
                }
            }
            Ok::<_, der::Error>(Envelope {
                kind,
                recipients,
                content_alg,
                encrypted_content,
                auth_attrs,
                mac,
                unprotected,
                originator_certs,
            })
        })
        .map_err(|err| {
            if err.kind() == der::ErrorKind::Overlength {
                EnvelopedError::Pki(crate::PkiError::TooMany {
                    limit: MAX_RECIPIENTS,
                })
            } else {
                e(err)
            }
        })?;
    envelope.kind = kind;
    Ok(envelope)
}

/// The DER of the plain certificates of an OriginatorInfo's contents
/// (other CertificateChoices and the CRLs are skipped), at most
/// [`MAX_RECIPIENTS`].
fn originator_info_certs(contents: &[u8]) -> der::Result<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    for part in elements(contents)? {
        if part.tag() != context(0, true) {
            continue;
        }
        for choice in elements(part.value())? {
            if choice.tag() == Tag::Sequence && out.len() < MAX_RECIPIENTS {
                out.push(choice.to_der()?);
            }
        }
    }
    Ok(out)
}

/// `[n] IMPLICIT OCTET STRING`, primitive or constructed of segments.
pub(super) fn implicit_octets(any: AnyRef<'_>, n: u8) -> der::Result<Vec<u8>> {
    if any.tag() == context(n, false) {
        return Ok(any.value().to_vec());
    }
    any.tag().assert_eq(context(n, true))?;
    let mut out = Vec::with_capacity(any.value().len());
    for segment in elements(any.value())? {
        segment.tag().assert_eq(Tag::OctetString)?;
        out.extend_from_slice(segment.value());
    }
    Ok(out)
}

/// The elements of a constructed value's contents.
pub(super) fn elements(contents: &[u8]) -> der::Result<Vec<AnyRef<'_>>> {
    let mut r = SliceReader::new(contents)?;
    let mut out = Vec::new();
    while !r.is_finished() {
        out.push(r.decode()?);
    }
    Ok(out)
}

fn attributes(contents: &[u8]) -> der::Result<Vec<Attr<'_>>> {
    let items = elements(contents)?;
    if items.len() > MAX_ATTRIBUTES {
        return Err(der::ErrorKind::Length { tag: Tag::Set }.into());
    }
    items
        .into_iter()
        .map(|a| {
            a.sequence(|r| {
                let oid: ObjectIdentifier = r.decode()?;
                let set: AnyRef<'_> = r.decode()?;
                set.tag().assert_eq(Tag::Set)?;
                Ok(Attr {
                    oid,
                    values: elements(set.value())?,
                })
            })
        })
        .collect()
}

/// `IssuerAndSerialNumber ::= SEQUENCE { issuer Name, serialNumber
/// CertificateSerialNumber }`.
pub(super) fn issuer_and_serial(any: AnyRef<'_>) -> der::Result<SignerId> {
    any.sequence(|r| {
        let issuer: AnyRef<'_> = r.decode()?;
        issuer.tag().assert_eq(Tag::Sequence)?;
        let serial: AnyRef<'_> = r.decode()?;
        serial.tag().assert_eq(Tag::Integer)?;
        Ok(SignerId::IssuerAndSerial {
            issuer: issuer.to_der()?,
            serial: serial.value().to_vec(),
        })
    })
}

fn recipient(info: AnyRef<'_>) -> der::Result<Recipient<'_>> {
    if info.tag() == Tag::Sequence {
        return info.sequence(|r| {
            let _version: u8 = r.decode()?;
            let rid: AnyRef<'_> = r.decode()?;
            let rid = if rid.tag() == Tag::Sequence {
                issuer_and_serial(rid)?
            } else {
                rid.tag().assert_eq(context(0, false))?;
                SignerId::SubjectKeyId(rid.value().to_vec())
            };
            let alg = Alg::read(r.decode()?)?;
            let key: AnyRef<'_> = r.decode()?;
            key.tag().assert_eq(Tag::OctetString)?;
            Ok(Recipient::KeyTrans {
                rid,
                alg,
                encrypted_key: key.value(),
            })
        });
    }
    if info.tag() != context(1, true) {
        return Ok(Recipient::Other);
    }
    let mut r = SliceReader::new(info.value())?;
    let _version: u8 = r.decode()?;
    let originator: AnyRef<'_> = r.decode()?;
    originator.tag().assert_eq(context(0, true))?;
    let originator = AnyRef::from_der(originator.value())?;
    let mut next: AnyRef<'_> = r.decode()?;
    let mut ukm = None;
    if next.tag() == context(1, true) {
        let octets = AnyRef::from_der(next.value())?;
        octets.tag().assert_eq(Tag::OctetString)?;
        ukm = Some(octets.value());
        next = r.decode()?;
    }
    let alg = Alg::read(next)?;
    let list: AnyRef<'_> = r.decode()?;
    list.tag().assert_eq(Tag::Sequence)?;
    let entries = elements(list.value())?;
    if entries.len() > MAX_RECIPIENTS {
        return Err(der::ErrorKind::Overlength.into());
    }
    let mut keys = Vec::with_capacity(entries.len());
    for entry in entries {
        keys.push(entry.sequence(|er| {
            let rid: AnyRef<'_> = er.decode()?;
            let rid = if rid.tag() == Tag::Sequence {
                issuer_and_serial(rid)?
            } else {
                rid.tag().assert_eq(context(0, true))?;
                let mut kr = SliceReader::new(rid.value())?;
                let ski: AnyRef<'_> = kr.decode()?;
                ski.tag().assert_eq(Tag::OctetString)?;
                SignerId::SubjectKeyId(ski.value().to_vec())
            };
            let key: AnyRef<'_> = er.decode()?;
            key.tag().assert_eq(Tag::OctetString)?;
            Ok::<_, der::Error>((rid, key.value()))
        })?);
    }
    Ok(Recipient::KeyAgree {
        originator,
        ukm,
        alg,
        keys,
    })
}

// ---- writing ----------------------------------------------------------

pub(super) use crate::der_write::tlv;

/// A constructed value of the concatenated parts.
pub(super) fn cons(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    tlv(tag, &parts.concat())
}

/// A SEQUENCE of the concatenated parts.
pub(super) fn seq(parts: &[&[u8]]) -> Vec<u8> {
    cons(0x30, parts)
}

/// An OBJECT IDENTIFIER.
pub(super) fn oid(o: &ObjectIdentifier) -> Vec<u8> {
    tlv(0x06, o.as_bytes())
}

/// An OCTET STRING.
pub(super) fn octets(bytes: &[u8]) -> Vec<u8> {
    tlv(0x04, bytes)
}

/// A small non-negative INTEGER.
pub(super) fn small_int(v: u8) -> Vec<u8> {
    if v < 0x80 {
        tlv(0x02, &[v])
    } else {
        tlv(0x02, &[0, v])
    }
}

/// A BIT STRING with no unused bits.
pub(super) fn bit_string(bytes: &[u8]) -> Vec<u8> {
    let mut content = Vec::with_capacity(bytes.len() + 1);
    content.push(0);
    content.extend_from_slice(bytes);
    tlv(0x03, &content)
}

/// `IssuerAndSerialNumber` of a certificate, from its encoding as received.
pub(super) fn issuer_and_serial_of(cert: &crate::Certificate) -> Vec<u8> {
    let serial = cert.x509().tbs_certificate().serial_number().as_bytes();
    seq(&[cert.issuer_der(), &tlv(0x02, serial)])
}

/// The DER of a certificate's SubjectPublicKeyInfo.algorithm.
pub(super) fn spki_algorithm_der(cert: &crate::Certificate) -> Result<Vec<u8>, EnvelopedError> {
    cert.x509()
        .tbs_certificate()
        .subject_public_key_info()
        .algorithm
        .to_der()
        .map_err(der_err("certificate public key algorithm"))
}

/// A SubjectPublicKeyInfo's algorithm and the key bytes inside its BIT
/// STRING.
pub(super) fn read_spki(any: AnyRef<'_>) -> der::Result<(Alg<'_>, &[u8])> {
    any.sequence(|r| {
        let alg = Alg::read(r.decode()?)?;
        let bits: AnyRef<'_> = r.decode()?;
        bits.tag().assert_eq(Tag::BitString)?;
        let key = match bits.value().split_first() {
            Some((0, key)) => key,
            _ => {
                return Err(der::ErrorKind::Value {
                    tag: Tag::BitString,
                }
                .into());
            }
        };
        Ok((alg, key))
    })
}
