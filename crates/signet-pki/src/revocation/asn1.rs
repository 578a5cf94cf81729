//! ASN.1 building blocks shared by the CRL and OCSP types, on `der`.
//!
//! They are what `der` has no type for, or none lenient enough for the
//! CRLs and OCSP responses real CAs publish:
//!
//! - [`Tbs`]: a signed part (tbsCertList, tbsResponseData) with the bytes
//!   the signature covers, which a re-encoding need not reproduce;
//! - [`NameRef`]: a Name kept as encoded, compared by its bytes first
//!   (`names_equal` in `crate::name`);
//! - [`SequenceOfRef`]: a SEQUENCE OF read element by element when asked,
//!   so that a CRL of a million entries or a response stuffed with
//!   certificates costs nothing until it is walked, and a walk can stop at
//!   a limit;
//! - [`ExtensionRef`] and [`read_extensions`]: `Extensions` ([RFC 5280
//!   section 4.1]) borrowed, with a limit and no duplicates.
//!
//! [RFC 5280 section 4.1]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.1

use std::marker::PhantomData;

use const_oid::ObjectIdentifier;
use der::asn1::OctetStringRef;
use der::{
    Decode, DecodeValue, Encode, EncodeValue, FixedTag, Header, Length, Reader, Sequence,
    SliceReader, Tag, Writer,
};

use super::error::FormatError;
use crate::asn1::Boolean;

/// The position of `part` inside `base`, `part` being a slice of `base`
/// (what a borrowed type decoded from `base` holds).
pub fn range_in(base: &[u8], part: &[u8]) -> std::ops::Range<usize> {
    let start = (part.as_ptr() as usize).saturating_sub(base.as_ptr() as usize);
    start..start + part.len()
}

/// A signed part (tbsCertList, tbsResponseData) decoded as `T`, with the
/// DER it was decoded from: the signature covers those bytes, and
/// re-encoding `T` need not give them back (a DEFAULT value encoded, a SET
/// OF out of order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tbs<'a, T> {
    der: &'a [u8],
    value: T,
}

impl<'a, T> Tbs<'a, T> {
    /// The DER the signature covers.
    pub fn der(&self) -> &'a [u8] {
        self.der
    }

    /// The decoded value.
    pub fn value(&self) -> &T {
        &self.value
    }
}

impl<'a, T: Decode<'a, Error = der::Error>> Decode<'a> for Tbs<'a, T> {
    type Error = der::Error;

    fn decode<R: Reader<'a>>(reader: &mut R) -> der::Result<Self> {
        let der = reader.tlv_bytes()?;
        Ok(Tbs {
            der,
            value: T::from_der(der)?,
        })
    }
}

impl<T> Encode for Tbs<'_, T> {
    fn encoded_len(&self) -> der::Result<Length> {
        Length::try_from(self.der.len())
    }

    fn encode(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(self.der)
    }
}

/// A `Name` ([RFC 5280 section 4.1.2.4]) kept as encoded, unread beyond
/// its SEQUENCE tag: the contents of the RDNSequence. `to_der` gives the
/// Name's DER back as it came (DER lengths have one form).
///
/// ```text
/// Name ::= CHOICE { -- only one possibility for now --
///   rdnSequence  RDNSequence }
///
/// RDNSequence ::= SEQUENCE OF RelativeDistinguishedName
/// ```
///
/// [RFC 5280 section 4.1.2.4]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.1.2.4
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameRef<'a>(&'a [u8]);

impl FixedTag for NameRef<'_> {
    const TAG: Tag = Tag::Sequence;
}

impl<'a> DecodeValue<'a> for NameRef<'a> {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        reader.read_slice(header.length()).map(NameRef)
    }
}

impl EncodeValue for NameRef<'_> {
    fn value_len(&self) -> der::Result<Length> {
        Length::try_from(self.0.len())
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(self.0)
    }
}

/// A `SEQUENCE OF T` kept as its contents and decoded one element at a
/// time by [`SequenceOfRef::iter`].
pub struct SequenceOfRef<'a, T> {
    contents: &'a [u8],
    element: PhantomData<fn() -> T>,
}

impl<T> Clone for SequenceOfRef<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for SequenceOfRef<'_, T> {}

impl<T> std::fmt::Debug for SequenceOfRef<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SequenceOfRef({} bytes)", self.contents.len())
    }
}

impl<T> PartialEq for SequenceOfRef<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        self.contents == other.contents
    }
}

impl<T> Eq for SequenceOfRef<'_, T> {}

impl<'a, T> SequenceOfRef<'a, T> {
    /// The sequence whose contents (encoded elements, one after another)
    /// are `contents`.
    pub fn from_contents(contents: &'a [u8]) -> Self {
        SequenceOfRef {
            contents,
            element: PhantomData,
        }
    }

    /// The encoded elements, one after another.
    pub fn contents(&self) -> &'a [u8] {
        self.contents
    }

    /// Whether the sequence has no elements.
    pub fn is_empty(&self) -> bool {
        self.contents.is_empty()
    }
}

impl<'a, T: Decode<'a, Error = der::Error>> SequenceOfRef<'a, T> {
    /// The elements in order; the first that does not decode ends the
    /// walk with its error.
    pub fn iter(&self) -> SequenceOfIter<'a, T> {
        SequenceOfIter {
            reader: Some(SliceReader::new(self.contents)),
            element: PhantomData,
        }
    }

    /// The element that starts `offset` bytes into the contents (an
    /// offset [`SequenceOfIter::offset`] gave).
    pub fn element_at(&self, offset: usize) -> der::Result<T> {
        let rest = self
            .contents
            .get(offset..)
            .ok_or_else(|| der::Error::from(Tag::Sequence.length_error()))?;
        let mut reader = SliceReader::new(rest)?;
        reader.decode()
    }
}

impl<T> FixedTag for SequenceOfRef<'_, T> {
    const TAG: Tag = Tag::Sequence;
}

impl<'a, T> DecodeValue<'a> for SequenceOfRef<'a, T> {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        Ok(SequenceOfRef {
            contents: reader.read_slice(header.length())?,
            element: PhantomData,
        })
    }
}

impl<T> EncodeValue for SequenceOfRef<'_, T> {
    fn value_len(&self) -> der::Result<Length> {
        Length::try_from(self.contents.len())
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(self.contents)
    }
}

/// The walk of a [`SequenceOfRef`].
pub struct SequenceOfIter<'a, T> {
    /// `None` once the walk has ended (at the end, or at an error).
    reader: Option<der::Result<SliceReader<'a>>>,
    element: PhantomData<fn() -> T>,
}

impl<T> SequenceOfIter<'_, T> {
    /// Where the next element starts in the contents.
    pub fn offset(&self) -> usize {
        match &self.reader {
            Some(Ok(reader)) => usize::try_from(reader.position()).unwrap_or(usize::MAX),
            _ => 0,
        }
    }
}

impl<'a, T: Decode<'a, Error = der::Error>> Iterator for SequenceOfIter<'a, T> {
    type Item = der::Result<T>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut reader = match self.reader.take()? {
            Ok(reader) if reader.is_finished() => return None,
            Ok(reader) => reader,
            Err(e) => return Some(Err(e)),
        };
        let element = reader.decode();
        if element.is_ok() {
            self.reader = Some(Ok(reader));
        }
        Some(element)
    }
}

/// One extension, borrowed ([RFC 5280 section 4.1]).
///
/// ```text
/// Extension  ::=  SEQUENCE  {
///      extnID      OBJECT IDENTIFIER,
///      critical    BOOLEAN DEFAULT FALSE,
///      extnValue   OCTET STRING
///                  -- contains the DER encoding of an ASN.1 value
///                  -- corresponding to the extension type identified
///                  -- by extnID
///      }
/// ```
///
/// [RFC 5280 section 4.1]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.1
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct ExtensionRef<'a> {
    /// extnID.
    pub extn_id: ObjectIdentifier,
    /// critical.
    #[asn1(default = "Default::default")]
    pub critical: Boolean,
    /// extnValue.
    pub extn_value: &'a OctetStringRef,
}

impl<'a> ExtensionRef<'a> {
    /// The contents of extnValue: the extension's own DER.
    pub fn value(&self) -> &'a [u8] {
        self.extn_value.as_bytes()
    }
}

/// `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension`.
pub type Extensions<'a> = SequenceOfRef<'a, ExtensionRef<'a>>;

/// Most extensions read from one `Extensions`.
pub const MAX_EXTENSIONS: usize = 64;

/// The extensions of an `Extensions`, at most [`MAX_EXTENSIONS`], none
/// twice ([RFC 5280 section 4.2]: "A certificate MUST NOT include more
/// than one instance of a particular extension"; the same holds for CRLs
/// and their entries).
///
/// [RFC 5280 section 4.2]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2
pub fn read_extensions<'a>(
    extensions: &Extensions<'a>,
) -> Result<Vec<ExtensionRef<'a>>, FormatError> {
    let mut out: Vec<ExtensionRef<'a>> = Vec::new();
    for extension in extensions.iter() {
        let extension = extension?;
        if out.len() == MAX_EXTENSIONS {
            return Err(FormatError::TooManyExtensions {
                limit: MAX_EXTENSIONS,
            });
        }
        if out.iter().any(|e| e.extn_id == extension.extn_id) {
            return Err(FormatError::DuplicateExtension(extension.extn_id));
        }
        out.push(extension);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asn1::IntegerOctets;

    #[test]
    fn sequences_of_are_walked_lazily_with_offsets() {
        let der = [
            0x30, 0x09, 0x02, 0x01, 0x07, 0x02, 0x01, 0x08, 0x04, 0x01, 0x09,
        ];
        let seq = SequenceOfRef::<IntegerOctets<'_>>::from_der(&der).expect("a SEQUENCE");
        let mut iter = seq.iter();
        assert_eq!(iter.offset(), 0);
        assert_eq!(iter.next(), Some(Ok(IntegerOctets::new(&[7]))));
        assert_eq!(iter.offset(), 3);
        assert_eq!(seq.element_at(3), Ok(IntegerOctets::new(&[8])));
        assert_eq!(iter.next(), Some(Ok(IntegerOctets::new(&[8]))));
        assert!(matches!(iter.next(), Some(Err(_))), "an OCTET STRING");
        assert_eq!(iter.next(), None, "ends after the error");
        assert_eq!(seq.to_der().expect("encodes"), der);
        assert!(seq.element_at(99).is_err());
    }

    #[test]
    fn extensions_are_limited_and_unique() {
        use crate::revocation::testing::{seq, tlv};
        let extension = |arc: u8| {
            let oid = ObjectIdentifier::new(&format!("1.2.{arc}")).expect("an OID");
            seq(&[oid.to_der().expect("encodes"), tlv(Tag::OctetString, &[])])
        };
        fn read(der: &[u8]) -> Result<Vec<ExtensionRef<'_>>, FormatError> {
            read_extensions(&Extensions::from_der(der).expect("Extensions"))
        }
        let der = seq(&[extension(1), extension(2)]);
        let two = read(&der).expect("two");
        assert_eq!(two.len(), 2);
        assert!(!two[0].critical.0);
        assert_eq!(two[0].to_der().expect("encodes"), extension(1));
        assert!(matches!(
            read(&seq(&[extension(1), extension(1)])),
            Err(FormatError::DuplicateExtension(_))
        ));
        let many: Vec<Vec<u8>> = (0..=MAX_EXTENSIONS as u8).map(extension).collect();
        assert!(matches!(
            read(&seq(&many)),
            Err(FormatError::TooManyExtensions { .. })
        ));
    }
}
