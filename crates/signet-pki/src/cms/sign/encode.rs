//! The few DER writers the signing side needs ([X.690] section 10).
//!
//! SignedData is assembled from pieces that are already DER (certificates,
//! names, existing SignerInfos kept byte for byte when co-signing), so the
//! writer works on encoded bytes: a tag, a definite minimal length, the
//! contents. `SET OF` values are sorted by their encodings (X.690 section
//! 11.6), which is what makes the signed attributes DER (RFC 5652 section
//! 5.4).
//!
//! [X.690]: https://www.itu.int/rec/T-REC-X.690

use const_oid::ObjectIdentifier;
use time::{OffsetDateTime, UtcOffset};

/// SEQUENCE.
pub(super) const SEQUENCE: u8 = 0x30;
/// SET / SET OF.
pub(super) const SET: u8 = 0x31;
/// INTEGER.
pub(super) const INTEGER: u8 = 0x02;
/// OCTET STRING.
pub(super) const OCTET_STRING: u8 = 0x04;
/// `[0]` constructed (EXPLICIT, or IMPLICIT over a SET / SEQUENCE).
pub(super) const CONTEXT_0: u8 = 0xA0;
/// `[1]` constructed (IMPLICIT over a SET: unsignedAttrs).
pub(super) const CONTEXT_1: u8 = 0xA1;
/// `[0]` primitive (IMPLICIT over an OCTET STRING).
pub(super) const CONTEXT_0_PRIMITIVE: u8 = 0x80;
/// `[4]` constructed: GeneralName's directoryName (EXPLICIT, RFC 5280
/// section 4.2.1.6 with the implicit-tagging module rule for CHOICE).
pub(super) const CONTEXT_4: u8 = 0xA4;

/// One value: `tag`, the minimal definite length, `contents`.
pub(super) use crate::der_write::tlv;

/// A constructed value whose contents are `parts` in order.
pub(super) fn constructed(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    tlv(tag, &parts.concat())
}

/// `SET OF`: the elements sorted by their encodings, duplicates (equal
/// encodings) kept once.
pub(super) fn set_of(mut elements: Vec<Vec<u8>>) -> Vec<u8> {
    sort_set_of(&mut elements);
    tlv(SET, &elements.concat())
}

/// Sorts encodings into DER `SET OF` order and drops exact duplicates.
pub(super) fn sort_set_of(elements: &mut Vec<Vec<u8>>) {
    // X.690 section 11.6: ascending order, the shorter encoding padded with
    // zero octets; two DER encodings of distinct values never compare equal
    // under that rule, and plain lexicographic order agrees with it.
    elements.sort();
    elements.dedup();
}

/// An OBJECT IDENTIFIER.
pub(super) fn oid(oid: &ObjectIdentifier) -> Vec<u8> {
    tlv(0x06, oid.as_bytes())
}

/// A small non-negative INTEGER (CMSVersion).
pub(super) fn small_integer(value: u8) -> Vec<u8> {
    if value < 0x80 {
        vec![INTEGER, 1, value]
    } else {
        vec![INTEGER, 2, 0, value]
    }
}

/// Why a date cannot be written as an ASN.1 `Time`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct YearOutOfRange(pub i32);

/// `Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }` as
/// RFC 5652 section 11.3 requires for signing-time: UTCTime
/// (`YYMMDDHHMMSSZ`) for 1950 to 2049 inclusive, GeneralizedTime
/// (`YYYYMMDDHHMMSSZ`, no fraction) otherwise. The time is converted to
/// UTC; fractions of a second are dropped (DER allows none in UTCTime and
/// forbids trailing zeros in GeneralizedTime, RFC 5280 section 4.1.2.5.2).
pub(super) fn time(t: OffsetDateTime) -> Result<Vec<u8>, YearOutOfRange> {
    let t = t.to_offset(UtcOffset::UTC);
    let year = t.year();
    let rest = format!(
        "{:02}{:02}{:02}{:02}{:02}Z",
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    match year {
        1950..=2049 => Ok(tlv(0x17, format!("{:02}{rest}", year % 100).as_bytes())),
        _ => generalized_time(t),
    }
}

/// A GeneralizedTime (`YYYYMMDDHHMMSSZ`, UTC, no fraction).
pub(super) fn generalized_time(t: OffsetDateTime) -> Result<Vec<u8>, YearOutOfRange> {
    let t = t.to_offset(UtcOffset::UTC);
    let year = t.year();
    if !(0..=9999).contains(&year) {
        return Err(YearOutOfRange(year));
    }
    let text = format!(
        "{year:04}{:02}{:02}{:02}{:02}{:02}Z",
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    Ok(tlv(0x18, text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn lengths_are_minimal() {
        assert_eq!(tlv(0x04, &[]), [0x04, 0x00]);
        assert_eq!(tlv(0x04, &[7; 0x7F])[..2], [0x04, 0x7F]);
        assert_eq!(tlv(0x04, &[7; 0x80])[..3], [0x04, 0x81, 0x80]);
        assert_eq!(tlv(0x04, &[7; 0x100])[..4], [0x04, 0x82, 0x01, 0x00]);
        assert_eq!(
            tlv(0x04, &[7; 0x1_0000])[..5],
            [0x04, 0x83, 0x01, 0x00, 0x00]
        );
    }

    #[test]
    fn set_of_sorts_and_dedups() {
        let set = set_of(vec![
            vec![0x02, 0x01, 0x05],
            vec![0x02, 0x01, 0x01],
            vec![0x02, 0x01, 0x05],
        ]);
        assert_eq!(set, [0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x05]);
    }

    #[test]
    fn signing_time_switches_to_generalized_time_in_2050() {
        assert_eq!(
            time(datetime!(2049-12-31 23:59:59.75 UTC)).expect("in range"),
            tlv(0x17, b"491231235959Z")
        );
        assert_eq!(
            time(datetime!(2050-01-01 00:00:00 UTC)).expect("in range"),
            tlv(0x18, b"20500101000000Z")
        );
        assert_eq!(
            time(datetime!(1949-12-31 23:59:59 UTC)).expect("in range"),
            tlv(0x18, b"19491231235959Z")
        );
        assert_eq!(
            time(datetime!(2026-03-01 02:30:00 +03:00)).expect("in range"),
            tlv(0x17, b"260228233000Z")
        );
    }
}
