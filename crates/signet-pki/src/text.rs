//! Character strings of ASN.1 attribute values as text.
//!
//! Certificates in the wild use every string type X.520's `DirectoryString`
//! allows and a few it does not: UTF8String and PrintableString mostly,
//! BMPString in older Ukrainian and Russian certificates, TeletexString in
//! very old ones, NumericString for INN/SNILS/OGRN ([RFC 9215] section 5).
//! This module turns any of them into a Rust string without failing: a value
//! that is not a string at all is shown as `#` and its DER in hex, the form
//! [RFC 4514] section 2.4 uses for such values.
//!
//! [RFC 9215]: https://datatracker.ietf.org/doc/html/rfc9215#section-5
//! [RFC 4514]: https://datatracker.ietf.org/doc/html/rfc4514#section-2.4

use der::{Encode, Tag, Tagged, asn1::AnyRef};

/// The text of a string-typed ASN.1 value.
///
/// Returns `None` when the value is not one of the string types.
pub fn string_value(value: AnyRef<'_>) -> Option<String> {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String
        | Tag::PrintableString
        | Tag::Ia5String
        | Tag::NumericString
        | Tag::VisibleString
        | Tag::GeneralString => Some(String::from_utf8_lossy(bytes).into_owned()),
        // T.61 is close enough to Latin-1 for the names found in practice.
        Tag::TeletexString | Tag::VideotexString => {
            Some(bytes.iter().map(|&b| b as char).collect())
        }
        Tag::BmpString => {
            let units = bytes
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]));
            Some(
                char::decode_utf16(units)
                    .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                    .collect(),
            )
        }
        _ => None,
    }
}

/// The text of any attribute value: the string itself, or `#` and the
/// value's DER in upper-case hex when it is not a string.
pub fn any_to_text(value: AnyRef<'_>) -> String {
    string_value(value).unwrap_or_else(|| {
        let der = value.to_der().unwrap_or_default();
        format!("#{}", hex::encode_upper(der))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any(tag: Tag, bytes: &[u8]) -> AnyRef<'_> {
        AnyRef::new(tag, bytes).expect("value fits")
    }

    #[test]
    fn string_types() {
        assert_eq!(
            string_value(any(Tag::Utf8String, "Іван".as_bytes())).unwrap(),
            "Іван"
        );
        assert_eq!(
            string_value(any(Tag::NumericString, b"007701234567")).unwrap(),
            "007701234567"
        );
        // "Ив" in UCS-2 big-endian.
        assert_eq!(
            string_value(any(Tag::BmpString, &[0x04, 0x18, 0x04, 0x32])).unwrap(),
            "Ив"
        );
        assert_eq!(
            string_value(any(Tag::TeletexString, &[0x4d, 0xfc])).unwrap(),
            "Mü"
        );
    }

    #[test]
    fn odd_length_bmp_and_non_strings_do_not_fail() {
        assert_eq!(
            string_value(any(Tag::BmpString, &[0x00, 0x41, 0x00])).unwrap(),
            "A\u{0}"
        );
        assert_eq!(any_to_text(any(Tag::Integer, &[0x05])), "#020105");
        assert!(string_value(any(Tag::Boolean, &[0xff])).is_none());
    }
}
