//! The ASN.1 of CMS ([RFC 5652]) and of the algorithm parameters signet
//! reads and writes in it, as `der` derive types: one type per ASN.1
//! structure, the field names the ASN.1 names in snake_case, the
//! definition in each type's doc. They borrow from the DER they are
//! decoded from (`*Ref<'a>`), so reading a signature copies nothing until
//! the owned model of [`crate::cms::SignedData`] is made.
//!
//! Three things stay written by hand, each once, because `der` cannot say
//! them:
//!
//! - [`SetOfAsGiven`]: a `SET OF` read in the order given. `der`'s
//!   `SetOfVec` sorts its elements when it decodes them, but signers do
//!   not always sort, a verifier must hash the signed attributes as they
//!   were signed ([RFC 5652] section 5.4), and signers and recipients
//!   are reported in the order they are written. Writing sorts once, by
//!   the elements' encodings ([X.690] section 11.6), in
//!   [`SetOfAsGiven::der_sorted`].
//! - the times, shared with CRLs and OCSP, are in [`crate::asn1::time`]:
//!   `der`'s cover 1970–9999 without fractions of a second, while CMS
//!   signing-time covers 1950–9999 and an RFC 3161 genTime may carry
//!   fractions.
//!
//! BER input (indefinite lengths, constructed strings) is brought to DER
//! by [`crate::ber`] before any of these types reads it.
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652
//! [X.690]: https://www.itu.int/rec/T-REC-X.690

mod algorithms;
mod enveloped_data;
mod signed_data;

use const_oid::ObjectIdentifier;

use crate::asn1::IntegerOctets;
use der::asn1::AnyRef;
use der::{
    Decode, DecodeValue, Encode, EncodeValue, FixedTag, Header, Length, Reader, Sequence, Tag,
    Writer,
};

pub use self::algorithms::{
    DstuGost28147Parameters, EccCmsSharedInfo, GcmParameters, Gost3412EncryptionParameters,
    Gost28147EncryptedKey, Gost28147KeyWrapParameters, Gost28147Parameters, GostR3410KeyTransport,
    GostR3410TransportParameters, PsKeyTransport, RsaesOaepParams,
};
pub use self::enveloped_data::{
    AuthEnvelopedDataRef, EncryptedContentInfoRef, EnvelopedDataRef,
    KeyAgreeRecipientIdentifierRef, KeyAgreeRecipientInfoRef, KeyTransRecipientInfoRef,
    OriginatorIdentifierOrKeyRef, OriginatorInfoRef, OriginatorPublicKeyRef,
    RecipientEncryptedKeyRef, RecipientInfoRef,
};
pub use self::signed_data::{
    EncapsulatedContentInfoRef, RecipientIdentifierRef, SignedDataRef, SignerIdentifierRef,
    SignerInfoRef,
};

/// A `SET OF T` whose elements stay in the order they were read (see the
/// module doc for why); [`Self::der_sorted`] makes one in DER order.
///
/// A set read from DER keeps the octets it was read from and is written
/// back as them: a decoded signature re-encodes byte for byte (what
/// co-signing and the signed attributes' hash need) without encoding its
/// elements again.
#[derive(Clone, Debug, Default)]
pub struct SetOfAsGiven<'a, T> {
    elements: Vec<T>,
    /// The contents octets the elements were decoded from.
    encoded: Option<&'a [u8]>,
    /// Each element's encoding as read (empty when not read from DER).
    element_encodings: Vec<&'a [u8]>,
}

impl<'a, T> SetOfAsGiven<'a, T> {
    /// The elements, in order.
    pub fn as_slice(&self) -> &[T] {
        &self.elements
    }

    /// The elements, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.elements.iter()
    }

    /// How many elements.
    pub fn len(&self) -> usize {
        self.elements.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.elements.is_empty()
    }

    /// The elements.
    pub fn into_vec(self) -> Vec<T> {
        self.elements
    }

    /// A set of `elements` made here (not read), written in their order.
    pub fn new(elements: Vec<T>) -> Self {
        SetOfAsGiven {
            elements,
            encoded: None,
            element_encodings: Vec::new(),
        }
    }
}

impl<'a, T: Encode> SetOfAsGiven<'a, T> {
    /// Each element's DER: the octets it was read from, or, for a set
    /// made here, its encoding. Reading a signature copies what it read
    /// instead of encoding each attribute again.
    pub fn element_ders(&self) -> der::Result<Vec<Vec<u8>>> {
        if self.element_encodings.len() == self.elements.len() {
            Ok(self.element_encodings.iter().map(|e| e.to_vec()).collect())
        } else {
            self.elements.iter().map(Encode::to_der).collect()
        }
    }
}

impl<T: PartialEq> PartialEq for SetOfAsGiven<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        self.elements == other.elements
    }
}

impl<T: Eq> Eq for SetOfAsGiven<'_, T> {}

impl<'a, T: Encode> SetOfAsGiven<'a, T> {
    /// `elements` as DER writes a `SET OF` ([X.690] section 11.6): in
    /// ascending order of their encodings compared as octet strings, an
    /// element whose encoding equals another's kept once.
    ///
    /// [X.690]: https://www.itu.int/rec/T-REC-X.690
    pub fn der_sorted(elements: impl IntoIterator<Item = T>) -> der::Result<Self> {
        let mut keyed = elements
            .into_iter()
            .map(|e| Ok((e.to_der()?, e)))
            .collect::<der::Result<Vec<(Vec<u8>, T)>>>()?;
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        keyed.dedup_by(|a, b| a.0 == b.0);
        Ok(SetOfAsGiven::new(
            keyed.into_iter().map(|(_, e)| e).collect(),
        ))
    }
}

impl<'a, T: Decode<'a, Error = der::Error>> DecodeValue<'a> for SetOfAsGiven<'a, T> {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        let encoded = reader.read_slice(header.length())?;
        let mut contents = der::SliceReader::new(encoded)?;
        let mut elements = Vec::new();
        let mut element_encodings = Vec::new();
        while !contents.is_finished() {
            let start = usize::try_from(contents.position())?;
            elements.push(T::decode(&mut contents)?);
            let end = usize::try_from(contents.position())?;
            element_encodings.push(encoded.get(start..end).ok_or(der::ErrorKind::Failed)?);
        }
        Ok(SetOfAsGiven {
            elements,
            encoded: Some(encoded),
            element_encodings,
        })
    }
}

impl<T: Encode> EncodeValue for SetOfAsGiven<'_, T> {
    fn value_len(&self) -> der::Result<Length> {
        match self.encoded {
            Some(encoded) => Length::try_from(encoded.len()),
            None => self
                .elements
                .iter()
                .try_fold(Length::ZERO, |len, e| len + e.encoded_len()?),
        }
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        match self.encoded {
            Some(encoded) => writer.write(encoded),
            None => self.elements.iter().try_for_each(|e| e.encode(writer)),
        }
    }
}

impl<T> FixedTag for SetOfAsGiven<'_, T> {
    const TAG: Tag = Tag::Set;
}

/// `ContentInfo` as defined in [RFC 5652 Section 3].
///
/// ```text
/// ContentInfo ::= SEQUENCE {
///   contentType ContentType,
///   content [0] EXPLICIT ANY DEFINED BY contentType }
/// ContentType ::= OBJECT IDENTIFIER
/// ```
///
/// [RFC 5652 Section 3]: https://datatracker.ietf.org/doc/html/rfc5652#section-3
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct ContentInfoRef<'a> {
    /// contentType.
    pub content_type: ObjectIdentifier,
    /// content.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    pub content: AnyRef<'a>,
}

/// `Attribute` as defined in [RFC 5652 Section 5.3].
///
/// ```text
/// Attribute ::= SEQUENCE {
///   attrType OBJECT IDENTIFIER,
///   attrValues SET OF AttributeValue }
/// AttributeValue ::= ANY
/// ```
///
/// [RFC 5652 Section 5.3]: https://datatracker.ietf.org/doc/html/rfc5652#section-5.3
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct AttributeRef<'a> {
    /// attrType.
    pub attr_type: ObjectIdentifier,
    /// attrValues.
    pub attr_values: SetOfAsGiven<'a, AnyRef<'a>>,
}

impl<'a> AttributeRef<'a> {
    /// An attribute with one value.
    pub fn single(attr_type: ObjectIdentifier, value: AnyRef<'a>) -> Self {
        AttributeRef {
            attr_type,
            attr_values: SetOfAsGiven::new(vec![value]),
        }
    }

    /// attrType and attrValues encoded: the Attribute without its
    /// SEQUENCE header, what a CAdES-C time-stamp imprints ([RFC 5126]
    /// section 6.3.5).
    ///
    /// [RFC 5126]: https://datatracker.ietf.org/doc/html/rfc5126#section-6.3.5
    pub fn type_and_values(&self) -> der::Result<Vec<u8>> {
        let mut out = self.attr_type.to_der()?;
        self.attr_values.encode_to_vec(&mut out)?;
        Ok(out)
    }
}

/// `IssuerAndSerialNumber` as defined in [RFC 5652 Section 10.2.4].
///
/// ```text
/// IssuerAndSerialNumber ::= SEQUENCE {
///   issuer Name,
///   serialNumber CertificateSerialNumber }
/// ```
///
/// The Name is kept as encoded ([`RawSequenceRef`]): it is compared with
/// the certificate's issuer octet for octet.
///
/// [RFC 5652 Section 10.2.4]: https://datatracker.ietf.org/doc/html/rfc5652#section-10.2.4
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct IssuerAndSerialNumberRef<'a> {
    /// issuer: a Name, as encoded.
    pub issuer: RawSequenceRef<'a>,
    /// serialNumber.
    pub serial_number: IntegerOctets<'a>,
}

impl<'a> IssuerAndSerialNumberRef<'a> {
    /// The issuer and serial number of `cert`, as encoded in it.
    pub fn of(cert: &'a crate::Certificate) -> der::Result<Self> {
        Ok(IssuerAndSerialNumberRef {
            issuer: RawSequenceRef::from_der(cert.issuer_der())?,
            serial_number: IntegerOctets::new(
                cert.x509().tbs_certificate().serial_number().as_bytes(),
            ),
        })
    }
}

/// A SEQUENCE kept as encoded, its contents not decoded: an X.501 `Name`
/// ([RFC 5280 section 4.1.2.4], compared by its octets; decoding would
/// re-sort multi-valued RDNs), or a structure signet does not act on.
///
/// [RFC 5280 section 4.1.2.4]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.1.2.4
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawSequenceRef<'a>(AnyRef<'a>);

impl<'a> RawSequenceRef<'a> {
    /// The DER of the whole SEQUENCE.
    pub fn to_der(self) -> der::Result<Vec<u8>> {
        self.0.to_der()
    }
}

impl<'a> DecodeValue<'a> for RawSequenceRef<'a> {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        AnyRef::decode_value(reader, header).map(RawSequenceRef)
    }
}

impl EncodeValue for RawSequenceRef<'_> {
    fn value_len(&self) -> der::Result<Length> {
        self.0.value_len()
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        self.0.encode_value(writer)
    }
}

impl FixedTag for RawSequenceRef<'_> {
    const TAG: Tag = Tag::Sequence;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A SET OF is read in the order given and written back the same;
    /// `der_sorted` orders by encoding (the shorter `02 01 05` before the
    /// longer `02 02 00 80`) and keeps equal encodings once.
    #[test]
    fn set_of_as_given_round_trip_and_sorting() {
        let der = hex::decode("310a02020080020105 02010a".replace(' ', "")).expect("hex");
        let set = SetOfAsGiven::<'_, AnyRef<'_>>::from_der(&der).expect("decodes");
        assert_eq!(set.len(), 3);
        assert_eq!(set.to_der().expect("encodes"), der);
        // Its elements, encoded one by one in the order read, are the
        // octets it keeps.
        let rebuilt = SetOfAsGiven::new(set.as_slice().to_vec());
        assert_eq!(rebuilt.to_der().expect("encodes"), der);
        assert_eq!(
            set.element_ders().expect("as read"),
            rebuilt.element_ders().expect("encoded")
        );
        let sorted = SetOfAsGiven::der_sorted(
            set.iter()
                .copied()
                .chain(std::iter::once(set.as_slice()[1])),
        )
        .expect("sorts");
        assert_eq!(
            hex::encode(sorted.to_der().expect("encodes")),
            "310a02010502010a02020080"
        );
    }

    #[test]
    fn content_info_and_attribute_round_trip() {
        // ContentInfo { id-data, [0] OCTET STRING "hi" }
        let der =
            hex::decode("301106092a864886f70d010701a004040268 69".replace(' ', "")).expect("hex");
        let info = ContentInfoRef::from_der(&der).expect("decodes");
        assert_eq!(info.content_type, const_oid::db::rfc5911::ID_DATA);
        assert_eq!(info.content.value(), b"hi");
        assert_eq!(info.to_der().expect("encodes"), der);
        // Attribute { contentType, { id-data } }, values unsorted kept.
        let der = hex::decode(
            "3023 06092a864886f70d010903 3116 06092a864886f70d010702 06092a864886f70d010701"
                .replace(' ', ""),
        )
        .expect("hex");
        let attr = AttributeRef::from_der(&der).expect("decodes");
        assert_eq!(attr.attr_values.len(), 2);
        assert_eq!(attr.to_der().expect("encodes"), der);
    }
}
