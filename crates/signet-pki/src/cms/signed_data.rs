//! CMS `SignedData` ([RFC 5652] section 5) read into plain owned values:
//! the model every verifier and renderer here works on. The ASN.1 is
//! decoded by the types of [`super::asn1`] (where it is written out); this
//! module only converts and applies signet's limits.
//!
//! The input is first brought to DER ([`crate::ber`]); SETs are read in
//! the order given, without requiring DER sorting, because real signers do
//! not always sort. Certificates are parsed with signet's own lenient
//! profile; anything in the certificate set that is not an X.509
//! certificate (attribute certificates, other formats) is skipped.
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-5

use const_oid::ObjectIdentifier;
/// id-data (RFC 5652 section 4).
pub use const_oid::db::rfc5911::ID_DATA;
/// id-signedData (RFC 5652 section 5.1).
pub use const_oid::db::rfc5911::ID_SIGNED_DATA;
use der::asn1::AnyRef;
use der::referenced::RefToOwned;
use der::{Decode, Encode, Tag, Tagged};
use spki::AlgorithmIdentifierOwned;

use super::asn1::{
    AttributeRef, ContentInfoRef, SetOfAsGiven, SignedDataRef, SignerIdentifierRef, SignerInfoRef,
};
use crate::input::{InputKind, decode_one};
use crate::{Certificate, PkiError};

/// Input limits for signatures: 64 MiB in any form (attached content counts;
/// larger documents are signed detached and streamed), at most 64 signers,
/// 256 certificates and 256 CRLs.
pub const SIGNATURE_INPUT: InputKind = InputKind {
    what: "signature",
    pem_labels: &["CMS", "PKCS7", "SIGNED MESSAGE"],
    max_input: 64 << 20,
    max_objects: 1,
};
/// At most this many signers in one SignedData, read or made.
pub(crate) const MAX_SIGNERS: usize = 64;
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

impl SignedData {
    /// Parses a signature given as DER, BER, PEM or base64.
    pub fn parse(input: &[u8]) -> Result<Self, PkiError> {
        let bytes = decode_one(input, &SIGNATURE_INPUT)?;
        Self::from_ber(&bytes)
    }

    /// Parses the BER or DER encoding of a ContentInfo holding SignedData.
    pub fn from_ber(ber: &[u8]) -> Result<Self, PkiError> {
        let der = crate::ber::to_der(ber)?;
        Self::from_asn1(&signed_data_of(&der)?)
    }

    /// The owned model of a decoded SignedData, within signet's limits.
    fn from_asn1(sd: &SignedDataRef<'_>) -> Result<Self, PkiError> {
        let malformed = der_err("CMS SignedData");
        let signers = sd
            .signer_infos
            .iter()
            .map(signer_info)
            .collect::<der::Result<Vec<_>>>()
            .map_err(&malformed)?;
        if signers.len() > MAX_SIGNERS {
            return Err(PkiError::TooMany { limit: MAX_SIGNERS });
        }
        // Only plain certificates and CRLs (a SEQUENCE); the other
        // CertificateChoices are [0]..[3], the other RevocationInfoChoice [1].
        let sequences = |set: &Option<SetOfAsGiven<'_, AnyRef<'_>>>| {
            set.iter()
                .flat_map(SetOfAsGiven::iter)
                .filter(|item| item.tag() == Tag::Sequence)
                .map(|item| item.to_der())
                .collect::<der::Result<Vec<_>>>()
        };
        let certs = sequences(&sd.certificates).map_err(&malformed)?;
        let crls = sequences(&sd.crls).map_err(&malformed)?;
        if certs.len() > MAX_CERTIFICATES || crls.len() > MAX_CRLS {
            return Err(PkiError::TooMany {
                limit: MAX_CERTIFICATES,
            });
        }
        let certificates = certs
            .into_iter()
            .map(Certificate::from_der)
            .collect::<Result<Vec<_>, _>>()?;
        let encap = &sd.encap_content_info;
        Ok(SignedData {
            version: sd.version,
            content_type: encap.e_content_type,
            content: encap.e_content.map(|c| c.as_bytes().to_vec()),
            certificates,
            crls,
            signers,
        })
    }
}

/// The SignedData of a ContentInfo (DER), or why it is not one.
pub(crate) fn signed_data_of(der: &[u8]) -> Result<SignedDataRef<'_>, PkiError> {
    let info = ContentInfoRef::from_der(der).map_err(der_err("CMS ContentInfo"))?;
    if info.content_type != ID_SIGNED_DATA {
        return Err(PkiError::Unsupported(format!(
            "CMS content type {} (only signed data is a signature)",
            crate::oid::name_of(&info.content_type)
        )));
    }
    info.content.decode_as().map_err(der_err("CMS SignedData"))
}

/// The owned attributes of a decoded attribute set, at most
/// [`MAX_ATTRIBUTES`].
fn attributes(set: &SetOfAsGiven<'_, AttributeRef<'_>>) -> der::Result<Vec<Attribute>> {
    if set.len() > MAX_ATTRIBUTES {
        return Err(der::ErrorKind::Overlength.into());
    }
    set.iter()
        .zip(set.element_ders()?)
        .map(|(a, der)| {
            Ok(Attribute {
                oid: a.attr_type,
                values: a.attr_values.element_ders()?,
                der,
            })
        })
        .collect()
}

impl SignerId {
    /// The owned form of a decoded SignerIdentifier.
    pub(crate) fn from_asn1(sid: &SignerIdentifierRef<'_>) -> der::Result<Self> {
        Ok(match sid {
            SignerIdentifierRef::IssuerAndSerialNumber(ias) => SignerId::IssuerAndSerial {
                issuer: ias.issuer.to_der()?,
                serial: ias.serial_number.as_bytes().to_vec(),
            },
            SignerIdentifierRef::SubjectKeyIdentifier(ski) => {
                SignerId::SubjectKeyId(ski.as_bytes().to_vec())
            }
        })
    }
}

fn signer_info(si: &SignerInfoRef<'_>) -> der::Result<SignerInfo> {
    let signed_attrs = match &si.signed_attrs {
        Some(set) => Some(SignedAttributes {
            attributes: attributes(set)?,
            // The SET OF tag in place of the [0] IMPLICIT tag.
            signed_bytes: set.to_der()?,
        }),
        None => None,
    };
    Ok(SignerInfo {
        version: si.version,
        sid: SignerId::from_asn1(&si.sid)?,
        digest_algorithm: si.digest_algorithm.ref_to_owned(),
        signed_attrs,
        signature_algorithm: si.signature_algorithm.ref_to_owned(),
        signature: si.signature.as_bytes().to_vec(),
        unsigned_attrs: match &si.unsigned_attrs {
            Some(set) => attributes(set)?,
            None => Vec::new(),
        },
    })
}
