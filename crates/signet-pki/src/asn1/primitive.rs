//! BOOLEAN and INTEGER read as BER reads them ([X.690] sections 8.2 and
//! 8.3) and written as DER writes them (section 11.1): CRL entries and
//! CMS signers are matched by the serial number's encoding as given, and
//! one oddly encoded entry must not make a whole CRL unreadable.
//!
//! [X.690]: https://www.itu.int/rec/T-REC-X.690

use der::{DecodeValue, EncodeValue, FixedTag, Header, Length, Reader, Tag, Writer};

/// A BOOLEAN read as BER reads it (X.690 section 8.2.2: any non-zero
/// octet is TRUE) and written as DER writes it (section 11.1: 0xFF).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Boolean(pub bool);

impl FixedTag for Boolean {
    const TAG: Tag = Tag::Boolean;
}

impl<'a> DecodeValue<'a> for Boolean {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        if header.length() != Length::ONE {
            return Err(Tag::Boolean.length_error().into());
        }
        Ok(Boolean(reader.read_byte()? != 0))
    }
}

impl EncodeValue for Boolean {
    fn value_len(&self) -> der::Result<Length> {
        Ok(Length::ONE)
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write_byte(if self.0 { 0xFF } else { 0x00 })
    }
}

/// An INTEGER's content octets as encoded: a serial number
/// (`CertificateSerialNumber`), a cRLNumber, a nonce. Serial numbers are
/// compared octet for octet with the certificate's, which real CAs encode
/// negative or with leading zeros, so this is not checked for the minimal
/// form DER asks (X.690 section 8.3.2), only for being there (section
/// 8.3.1: one or more octets); `der`'s integers refuse such encodings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntegerOctets<'a>(&'a [u8]);

impl<'a> IntegerOctets<'a> {
    /// The INTEGER whose content octets are `octets` (two's complement,
    /// big-endian).
    pub fn new(octets: &'a [u8]) -> Self {
        IntegerOctets(octets)
    }

    /// The content octets (two's complement, big-endian).
    pub fn as_bytes(&self) -> &'a [u8] {
        self.0
    }
}

impl FixedTag for IntegerOctets<'_> {
    const TAG: Tag = Tag::Integer;
}

impl<'a> DecodeValue<'a> for IntegerOctets<'a> {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        let bytes = reader.read_slice(header.length())?;
        if bytes.is_empty() {
            return Err(Tag::Integer.length_error().into());
        }
        Ok(IntegerOctets(bytes))
    }
}

impl EncodeValue for IntegerOctets<'_> {
    fn value_len(&self) -> der::Result<Length> {
        Length::try_from(self.0.len())
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(self.0)
    }
}

/// The value of an INTEGER or ENUMERATED that must be small and not
/// negative (a reason code, a response status), leading zero octets
/// allowed as BER allows them.
pub fn small_uint(tag: Tag, bytes: &[u8]) -> der::Result<u32> {
    let out_of_range = || der::Error::from(tag.value_error());
    if bytes.is_empty() || bytes.len() > 5 || bytes.first().is_some_and(|b| b & 0x80 != 0) {
        return Err(out_of_range());
    }
    let value = bytes.iter().fold(0u64, |v, &b| (v << 8) | u64::from(b));
    u32::try_from(value).map_err(|_| out_of_range())
}

/// The smallest content octets of a non-negative INTEGER or ENUMERATED.
pub fn small_uint_bytes(value: u32) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let skip = bytes.iter().take_while(|&&b| b == 0).count().min(3);
    let mut out = bytes.get(skip..).unwrap_or_default().to_vec();
    if out.first().is_some_and(|b| b & 0x80 != 0) {
        out.insert(0, 0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::{Decode, Encode};

    #[test]
    fn booleans_read_as_ber_and_write_as_der() {
        assert_eq!(Boolean::from_der(&[0x01, 0x01, 0x01]), Ok(Boolean(true)));
        assert_eq!(Boolean::from_der(&[0x01, 0x01, 0x00]), Ok(Boolean(false)));
        assert_eq!(Boolean(true).to_der(), Ok(vec![0x01, 0x01, 0xFF]));
        assert!(Boolean::from_der(&[0x01, 0x02, 0x00, 0x00]).is_err());
        assert!(Boolean::from_der(&[0x01, 0x00]).is_err());
    }

    #[test]
    fn small_integers() {
        assert_eq!(small_uint(Tag::Enumerated, &[0x01]), Ok(1));
        assert_eq!(small_uint(Tag::Enumerated, &[0x00, 0x01]), Ok(1));
        assert!(small_uint(Tag::Integer, &[0x80]).is_err());
        assert!(small_uint(Tag::Integer, &[]).is_err());
        assert!(small_uint(Tag::Integer, &[0x01, 0, 0, 0, 0]).is_err());
        for value in [0, 1, 0x7F, 0x80, 0xFFFF, u32::MAX] {
            let bytes = small_uint_bytes(value);
            assert_eq!(small_uint(Tag::Integer, &bytes), Ok(value), "{value}");
        }
        assert_eq!(small_uint_bytes(0), vec![0]);
        assert_eq!(small_uint_bytes(0x80), vec![0, 0x80]);
    }

    #[test]
    fn integers_keep_their_encoding() {
        let der = [0x02, 0x03, 0x00, 0x00, 0x05];
        let int = IntegerOctets::from_der(&der).expect("lenient");
        assert_eq!(int.as_bytes(), &[0, 0, 5]);
        assert_eq!(int.to_der().expect("encodes"), der);
        assert!(IntegerOctets::from_der(&[0x02, 0x00]).is_err(), "no octets");
        assert!(
            IntegerOctets::from_der(&[0x04, 0x01, 0x05]).is_err(),
            "not an INTEGER"
        );
        let negative = IntegerOctets::from_der(&[0x02, 0x01, 0xFF]).expect("negative");
        assert_eq!(negative, IntegerOctets::new(&[0xFF]));
    }
}
