//! CMS `SignedData` ([RFC 5652] section 5) read into plain owned values.
//!
//! ```text
//! ContentInfo ::= SEQUENCE { contentType OBJECT IDENTIFIER,
//!                            content [0] EXPLICIT ANY }
//! SignedData ::= SEQUENCE {
//!   version CMSVersion,
//!   digestAlgorithms SET OF DigestAlgorithmIdentifier,
//!   encapContentInfo EncapsulatedContentInfo,
//!   certificates [0] IMPLICIT CertificateSet OPTIONAL,
//!   crls [1] IMPLICIT RevocationInfoChoices OPTIONAL,
//!   signerInfos SET OF SignerInfo }
//! EncapsulatedContentInfo ::= SEQUENCE {
//!   eContentType ContentType,
//!   eContent [0] EXPLICIT OCTET STRING OPTIONAL }
//! SignerInfo ::= SEQUENCE {
//!   version CMSVersion,
//!   sid SignerIdentifier,
//!   digestAlgorithm DigestAlgorithmIdentifier,
//!   signedAttrs [0] IMPLICIT SignedAttributes OPTIONAL,
//!   signatureAlgorithm SignatureAlgorithmIdentifier,
//!   signature SignatureValue,
//!   unsignedAttrs [1] IMPLICIT UnsignedAttributes OPTIONAL }
//! SignerIdentifier ::= CHOICE {
//!   issuerAndSerialNumber IssuerAndSerialNumber,
//!   subjectKeyIdentifier [0] SubjectKeyIdentifier }
//! ```
//!
//! The input is first brought to DER ([`crate::ber`]); SETs are read in
//! the order given, without requiring DER sorting, because real signers do
//! not always sort. Certificates are parsed with signet's own lenient
//! profile; anything in the certificate set that is not an X.509
//! certificate (attribute certificates, other formats) is skipped.
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-5

use const_oid::ObjectIdentifier;
use der::asn1::AnyRef;
use der::{Decode, Encode, Reader, SliceReader, Tag, TagNumber, Tagged};
use spki::AlgorithmIdentifierOwned;

use crate::input::{InputKind, decode_one};
use crate::{Certificate, PkiError};

/// id-signedData (RFC 5652 section 5.1).
pub const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
/// id-data (RFC 5652 section 4).
pub const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");

/// Input limits for signatures: 64 MiB in any form (attached content counts;
/// larger documents are signed detached and streamed), at most 64 signers,
/// 256 certificates and 256 CRLs.
pub const SIGNATURE_INPUT: InputKind = InputKind {
    what: "signature",
    pem_labels: &["CMS", "PKCS7", "SIGNED MESSAGE"],
    max_input: 64 << 20,
    max_objects: 1,
};
const MAX_SIGNERS: usize = 64;
const MAX_CERTIFICATES: usize = 256;
const MAX_CRLS: usize = 256;
const MAX_ATTRIBUTES: usize = 64;

/// How a signer names its certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignerId {
    /// issuerAndSerialNumber: the issuer name's DER and the serial number's
    /// content octets.
    IssuerAndSerial {
        /// DER of the issuer Name.
        issuer: Vec<u8>,
        /// Serial number content octets.
        serial: Vec<u8>,
    },
    /// subjectKeyIdentifier.
    SubjectKeyId(Vec<u8>),
}

/// One attribute: its type and the DER of each value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    /// attrType.
    pub oid: ObjectIdentifier,
    /// The DER encoding of each of attrValues.
    pub values: Vec<Vec<u8>>,
    /// The DER encoding of the whole Attribute.
    pub der: Vec<u8>,
}

/// The signed attributes of a signer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedAttributes {
    /// The attributes, in encoding order.
    pub attributes: Vec<Attribute>,
    /// What the signature is computed over: the attributes' encoding with
    /// the SET OF tag (RFC 5652 section 5.4).
    pub signed_bytes: Vec<u8>,
}

/// One SignerInfo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignerInfo {
    /// CMSVersion.
    pub version: u8,
    /// The signer's certificate reference.
    pub sid: SignerId,
    /// digestAlgorithm.
    pub digest_algorithm: AlgorithmIdentifierOwned,
    /// signedAttrs, when present.
    pub signed_attrs: Option<SignedAttributes>,
    /// signatureAlgorithm.
    pub signature_algorithm: AlgorithmIdentifierOwned,
    /// The signature value.
    pub signature: Vec<u8>,
    /// unsignedAttrs.
    pub unsigned_attrs: Vec<Attribute>,
}

impl SignerInfo {
    /// The first value of a signed attribute.
    pub fn signed_attr(&self, oid: &ObjectIdentifier) -> Option<&Attribute> {
        self.signed_attrs
            .as_ref()?
            .attributes
            .iter()
            .find(|a| &a.oid == oid)
    }

    /// Unsigned attributes of a type, in order.
    pub fn unsigned_attrs(&self, oid: &ObjectIdentifier) -> impl Iterator<Item = &Attribute> + '_ {
        let oid = *oid;
        self.unsigned_attrs.iter().filter(move |a| a.oid == oid)
    }
}

/// A parsed SignedData.
#[derive(Clone, Debug)]
pub struct SignedData {
    /// CMSVersion.
    pub version: u8,
    /// eContentType.
    pub content_type: ObjectIdentifier,
    /// eContent: the signed content when attached, `None` when detached.
    pub content: Option<Vec<u8>>,
    /// The certificates carried in the signature.
    pub certificates: Vec<Certificate>,
    /// The CRLs carried in the signature (DER).
    pub crls: Vec<Vec<u8>>,
    /// The signers.
    pub signers: Vec<SignerInfo>,
}

fn der_err(what: &'static str) -> impl Fn(der::Error) -> PkiError {
    move |source| PkiError::Der { what, source }
}

fn context(n: u8, constructed: bool) -> Tag {
    Tag::ContextSpecific {
        constructed,
        number: TagNumber(n.into()),
    }
}

impl SignedData {
    /// Parses a signature given as DER, BER, PEM or base64.
    pub fn parse(input: &[u8]) -> Result<Self, PkiError> {
        let bytes = decode_one(input, &SIGNATURE_INPUT)?;
        Self::from_ber(&bytes)
    }

    /// Parses the BER or DER encoding of a ContentInfo holding SignedData.
    pub fn from_ber(ber: &[u8]) -> Result<Self, PkiError> {
        let der = crate::ber::to_der(ber)?;
        Self::from_der(&der)
    }

    fn from_der(der: &[u8]) -> Result<Self, PkiError> {
        let (content_type, content) = content_info(der).map_err(der_err("CMS ContentInfo"))?;
        if content_type != ID_SIGNED_DATA {
            return Err(PkiError::Unsupported(format!(
                "CMS content type {} (only signed data is a signature)",
                crate::oid::name_of(&content_type)
            )));
        }
        Self::from_signed_data(content)
    }

    fn from_signed_data(sd: AnyRef<'_>) -> Result<Self, PkiError> {
        let e = der_err("CMS SignedData");
        sd.sequence(|r| {
            let version: u8 = r.decode()?;
            let _digest_algorithms: AnyRef<'_> = r.decode()?;
            let encap: AnyRef<'_> = r.decode()?;
            let (content_type, content) = encap.sequence(|er| {
                let ct: ObjectIdentifier = er.decode()?;
                let mut content = None;
                if !er.is_finished() {
                    let wrapped: AnyRef<'_> = er.decode()?;
                    wrapped.tag().assert_eq(context(0, true))?;
                    let octets = AnyRef::from_der(wrapped.value())?;
                    octets.tag().assert_eq(Tag::OctetString)?;
                    content = Some(octets.value().to_vec());
                }
                Ok::<_, der::Error>((ct, content))
            })?;
            let mut certificates = Vec::new();
            let mut crls = Vec::new();
            let mut next: AnyRef<'_> = r.decode()?;
            if next.tag() == context(0, true) {
                for item in elements(next.value())? {
                    // Only plain certificates (a SEQUENCE); the other
                    // CertificateChoices are [1]..[3].
                    if item.tag() == Tag::Sequence {
                        certificates.push(item.to_der()?);
                    }
                }
                next = r.decode()?;
            }
            if next.tag() == context(1, true) {
                for item in elements(next.value())? {
                    if item.tag() == Tag::Sequence {
                        crls.push(item.to_der()?);
                    }
                }
                next = r.decode()?;
            }
            next.tag().assert_eq(Tag::Set)?;
            let mut signers = Vec::new();
            for si in elements(next.value())? {
                signers.push(si);
            }
            let signers = signers
                .into_iter()
                .map(signer_info)
                .collect::<Result<Vec<_>, _>>()?;
            Ok::<_, der::Error>((version, content_type, content, certificates, crls, signers))
        })
        .map_err(&e)
        .and_then(|(version, content_type, content, certs, crls, signers)| {
            if signers.len() > MAX_SIGNERS {
                return Err(PkiError::TooMany { limit: MAX_SIGNERS });
            }
            if certs.len() > MAX_CERTIFICATES || crls.len() > MAX_CRLS {
                return Err(PkiError::TooMany {
                    limit: MAX_CERTIFICATES,
                });
            }
            let certificates = certs
                .into_iter()
                .map(Certificate::from_der)
                .collect::<Result<Vec<_>, _>>()?;
            Ok(SignedData {
                version,
                content_type,
                content,
                certificates,
                crls,
                signers,
            })
        })
    }
}

/// `ContentInfo ::= SEQUENCE { contentType, content [0] EXPLICIT ANY }`
/// (RFC 5652 section 3): the type and the content.
pub(crate) fn content_info(der: &[u8]) -> der::Result<(ObjectIdentifier, AnyRef<'_>)> {
    AnyRef::from_der(der)?.sequence(|r| {
        let ct: ObjectIdentifier = r.decode()?;
        let wrapped: AnyRef<'_> = r.decode()?;
        wrapped.tag().assert_eq(context(0, true))?;
        Ok((ct, AnyRef::from_der(wrapped.value())?))
    })
}

/// The elements of a constructed value's contents.
fn elements(contents: &[u8]) -> der::Result<Vec<AnyRef<'_>>> {
    let mut r = SliceReader::new(contents)?;
    let mut out = Vec::new();
    while !r.is_finished() {
        out.push(r.decode()?);
    }
    Ok(out)
}

fn attributes(contents: &[u8]) -> der::Result<Vec<Attribute>> {
    let items = elements(contents)?;
    if items.len() > MAX_ATTRIBUTES {
        return Err(der::ErrorKind::Overlength.into());
    }
    items
        .into_iter()
        .map(|a| {
            let der = a.to_der()?;
            a.sequence(|r| {
                let oid: ObjectIdentifier = r.decode()?;
                let set: AnyRef<'_> = r.decode()?;
                set.tag().assert_eq(Tag::Set)?;
                let values = elements(set.value())?
                    .into_iter()
                    .map(|v| v.to_der())
                    .collect::<der::Result<Vec<_>>>()?;
                Ok(Attribute { oid, values, der })
            })
        })
        .collect()
}

fn signer_info(si: AnyRef<'_>) -> der::Result<SignerInfo> {
    si.sequence(|r| {
        let version: u8 = r.decode()?;
        let sid_any: AnyRef<'_> = r.decode()?;
        let sid = if sid_any.tag() == Tag::Sequence {
            sid_any.sequence(|sr| {
                let issuer: AnyRef<'_> = sr.decode()?;
                issuer.tag().assert_eq(Tag::Sequence)?;
                let serial: AnyRef<'_> = sr.decode()?;
                serial.tag().assert_eq(Tag::Integer)?;
                Ok::<_, der::Error>(SignerId::IssuerAndSerial {
                    issuer: issuer.to_der()?,
                    serial: serial.value().to_vec(),
                })
            })?
        } else if sid_any.tag() == context(0, false) {
            SignerId::SubjectKeyId(sid_any.value().to_vec())
        } else {
            return Err(sid_any.tag().unexpected_error(None).into());
        };
        let digest_algorithm: AlgorithmIdentifierOwned = r.decode()?;
        let mut next: AnyRef<'_> = r.decode()?;
        let mut signed_attrs = None;
        if next.tag() == context(0, true) {
            let attributes = attributes(next.value())?;
            // The signature covers the attributes with the SET OF tag in
            // place of the [0] IMPLICIT tag.
            let mut signed_bytes = next.to_der()?;
            signed_bytes[0] = 0x31;
            signed_attrs = Some(SignedAttributes {
                attributes,
                signed_bytes,
            });
            next = r.decode()?;
        }
        let signature_algorithm = AlgorithmIdentifierOwned::from_der(&next.to_der()?)?;
        let signature: AnyRef<'_> = r.decode()?;
        signature.tag().assert_eq(Tag::OctetString)?;
        let mut unsigned_attrs = Vec::new();
        if !r.is_finished() {
            let u: AnyRef<'_> = r.decode()?;
            u.tag().assert_eq(context(1, true))?;
            unsigned_attrs = attributes(u.value())?;
        }
        Ok(SignerInfo {
            version,
            sid,
            digest_algorithm,
            signed_attrs,
            signature_algorithm,
            signature: signature.value().to_vec(),
            unsigned_attrs,
        })
    })
}
