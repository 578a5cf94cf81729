//! The ASN.1 times of CRLs, OCSP, CMS and RFC 3161 ([X.680] sections
//! 46–47, with the DER rules of [X.690] sections 11.7–11.8), one set of
//! types for all of them.
//!
//! ```text
//! Time ::= CHOICE {
//!      utcTime        UTCTime,
//!      generalTime    GeneralizedTime }
//! ```
//!
//! `der`'s own UTCTime and GeneralizedTime take only the years from 1970
//! and no fraction of a second. These take what the standards give:
//!
//! - UTCTime `YYMMDDHHMMSSZ` for the years 1950 to 2049 ([RFC 5280
//!   section 4.1.2.5.1]; CMS signing-time, [RFC 5652 section 11.3], uses
//!   the same window);
//! - GeneralizedTime `YYYYMMDDHHMMSS[.f…]Z` for the years 0 to 9999, with
//!   the fraction of a second OCSP responders ([RFC 6960 section 4.2.1])
//!   and time-stamping authorities ([RFC 3161 section 2.4.2]) send. A
//!   fraction read is kept to the nanosecond and written back without
//!   trailing zeros, as DER wants it; the checks compare whole seconds
//!   ([`GeneralizedTime::whole_seconds`]);
//! - both always in UTC ("Z") with seconds.
//!
//! What signet writes itself ([`Time::new`], [`GeneralizedTime::new`]) is
//! a whole second: signing-time, the producedAt of CAdES OCSP references.
//!
//! [X.680]: https://www.itu.int/rec/T-REC-X.680
//! [X.690]: https://www.itu.int/rec/T-REC-X.690
//! [RFC 5280 section 4.1.2.5.1]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.1.2.5.1
//! [RFC 5652 section 11.3]: https://datatracker.ietf.org/doc/html/rfc5652#section-11.3
//! [RFC 6960 section 4.2.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.1
//! [RFC 3161 section 2.4.2]: https://datatracker.ietf.org/doc/html/rfc3161#section-2.4.2

use der::{Choice, DecodeValue, EncodeValue, FixedTag, Header, Length, Reader, Tag, Writer};
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// A date that an ASN.1 time type here cannot hold: the year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a time in the year {0} cannot be encoded")]
pub struct YearOutOfRange(pub i32);

/// `Time`: UTCTime for 1950–2049, else GeneralizedTime (RFC 5280 section
/// 4.1.2.5, RFC 5652 section 11.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Choice)]
pub enum Time {
    /// utcTime.
    UtcTime(UtcTime),
    /// generalTime.
    GeneralTime(GeneralizedTime),
}

impl Time {
    /// The encoding RFC 5652 section 11.3 requires for `t`, to the second.
    pub fn new(t: OffsetDateTime) -> Result<Self, YearOutOfRange> {
        match UtcTime::new(t) {
            Ok(utc) => Ok(Time::UtcTime(utc)),
            Err(_) => GeneralizedTime::new(t).map(Time::GeneralTime),
        }
    }

    /// The time, UTC, to the second.
    pub fn whole_seconds(self) -> OffsetDateTime {
        match self {
            Time::UtcTime(t) => t.0,
            Time::GeneralTime(t) => t.whole_seconds(),
        }
    }
}

/// `t` in UTC without its fraction of a second.
fn utc_seconds(t: OffsetDateTime) -> OffsetDateTime {
    let t = t.to_offset(UtcOffset::UTC);
    t.replace_nanosecond(0).unwrap_or(t)
}

/// A UTCTime: `YYMMDDHHMMSSZ`, years 1950 to 2049.
///
/// ```text
/// UTCTime ::= [UNIVERSAL 23] IMPLICIT VisibleString
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcTime(OffsetDateTime);

impl UtcTime {
    /// `t` in UTC, its fraction of a second dropped, if its year is
    /// 1950–2049.
    pub fn new(t: OffsetDateTime) -> Result<Self, YearOutOfRange> {
        let t = utc_seconds(t);
        match t.year() {
            1950..=2049 => Ok(UtcTime(t)),
            year => Err(YearOutOfRange(year)),
        }
    }

    /// The text of the encoding.
    fn text(&self) -> der::Result<String> {
        const FORM: &[BorrowedFormatItem<'_>] =
            format_description!("[year repr:last_two][month][day][hour][minute][second]Z");
        self.0
            .format(FORM)
            .map_err(|_| Tag::UtcTime.value_error().into())
    }
}

impl FixedTag for UtcTime {
    const TAG: Tag = Tag::UtcTime;
}

impl<'a> DecodeValue<'a> for UtcTime {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        let bad = || der::Error::from(Tag::UtcTime.value_error());
        let text = reader.read_slice(header.length())?;
        let (yy, rest) = text.split_at_checked(2).ok_or_else(bad)?;
        let yy = i32::from(two_digits(yy).ok_or_else(bad)?);
        let year = if yy >= 50 { 1900 + yy } else { 2000 + yy };
        date_time(Tag::UtcTime, year, rest).map(UtcTime)
    }
}

impl EncodeValue for UtcTime {
    fn value_len(&self) -> der::Result<Length> {
        Length::try_from(self.text()?.len())
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(self.text()?.as_bytes())
    }
}

/// A GeneralizedTime in UTC with seconds: `YYYYMMDDHHMMSS[.f…]Z`, years
/// 0 to 9999, the fraction (if any) kept to the nanosecond.
///
/// ```text
/// GeneralizedTime ::= [UNIVERSAL 24] IMPLICIT VisibleString
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GeneralizedTime(OffsetDateTime);

impl GeneralizedTime {
    /// `t` in UTC, its fraction of a second dropped, if its year is
    /// 0–9999.
    pub fn new(t: OffsetDateTime) -> Result<Self, YearOutOfRange> {
        let t = utc_seconds(t);
        match t.year() {
            0..=9999 => Ok(GeneralizedTime(t)),
            year => Err(YearOutOfRange(year)),
        }
    }

    /// The time, with the fraction of a second it was read with.
    pub fn to_offset_date_time(self) -> OffsetDateTime {
        self.0
    }

    /// The time without its fraction of a second: what the checks compare.
    pub fn whole_seconds(self) -> OffsetDateTime {
        self.0.replace_nanosecond(0).unwrap_or(self.0)
    }

    /// The text of the encoding: the fraction without trailing zeros, and
    /// none at all for a whole second (X.690 section 11.7).
    fn text(&self) -> der::Result<String> {
        const WHOLE: &[BorrowedFormatItem<'_>] =
            format_description!("[year][month][day][hour][minute][second]Z");
        const FRACTION: &[BorrowedFormatItem<'_>] =
            format_description!("[year][month][day][hour][minute][second].[subsecond digits:1+]Z");
        let form = if self.0.nanosecond() == 0 {
            WHOLE
        } else {
            FRACTION
        };
        self.0
            .format(form)
            .map_err(|_| Tag::GeneralizedTime.value_error().into())
    }
}

impl FixedTag for GeneralizedTime {
    const TAG: Tag = Tag::GeneralizedTime;
}

impl<'a> DecodeValue<'a> for GeneralizedTime {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        let bad = || der::Error::from(Tag::GeneralizedTime.value_error());
        let text = reader.read_slice(header.length())?;
        let (yyyy, rest) = text.split_at_checked(4).ok_or_else(bad)?;
        let (yy1, yy2) = yyyy.split_at(2);
        let year = two_digits(yy1)
            .zip(two_digits(yy2))
            .map(|(hi, lo)| i32::from(hi) * 100 + i32::from(lo))
            .ok_or_else(bad)?;
        // `MMDDHHMMSS` `.f…` `Z`: the fraction, if any, sits between the
        // seconds and the "Z".
        let (whole, fraction) = match rest.iter().position(|&b| b == b'.') {
            Some(dot) => {
                let (whole, dot_fraction) = rest.split_at(dot);
                let fraction = dot_fraction
                    .strip_suffix(b"Z")
                    .and_then(|f| f.get(1..))
                    .filter(|f| !f.is_empty() && f.iter().all(u8::is_ascii_digit))
                    .ok_or_else(bad)?;
                ([whole, b"Z"].concat(), Some(fraction))
            }
            None => (rest.to_vec(), None),
        };
        let time = date_time(Tag::GeneralizedTime, year, &whole)?;
        let nanos = fraction.map_or(0, |digits| {
            // Nanoseconds: the first nine digits, the rest beyond precision.
            digits
                .iter()
                .chain(std::iter::repeat(&b'0'))
                .take(9)
                .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
        });
        time.replace_nanosecond(nanos)
            .map(GeneralizedTime)
            .map_err(|_| bad())
    }
}

impl EncodeValue for GeneralizedTime {
    fn value_len(&self) -> der::Result<Length> {
        Length::try_from(self.text()?.len())
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(self.text()?.as_bytes())
    }
}

/// Two ASCII digits as a number.
fn two_digits(text: &[u8]) -> Option<u8> {
    match text {
        [a @ b'0'..=b'9', b @ b'0'..=b'9'] => Some((a - b'0') * 10 + (b - b'0')),
        _ => None,
    }
}

/// `MMDDHHMMSSZ` in `year`, as a time in UTC.
fn date_time(tag: Tag, year: i32, text: &[u8]) -> der::Result<OffsetDateTime> {
    let bad = || der::Error::from(tag.value_error());
    let [m1, m2, d1, d2, h1, h2, i1, i2, s1, s2, b'Z'] = *text else {
        return Err(bad());
    };
    let field = |a: u8, b: u8| two_digits(&[a, b]).ok_or_else(bad);
    let month = Month::try_from(field(m1, m2)?).map_err(|_| bad())?;
    let date = Date::from_calendar_date(year, month, field(d1, d2)?).map_err(|_| bad())?;
    let time =
        time::Time::from_hms(field(h1, h2)?, field(i1, i2)?, field(s1, s2)?).map_err(|_| bad())?;
    Ok(PrimitiveDateTime::new(date, time).assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::asn1::AnyRef;
    use der::{Decode, Encode};
    use time::macros::datetime;

    const UTC: Tag = Tag::UtcTime;
    const GENERALIZED: Tag = Tag::GeneralizedTime;

    fn tlv(tag: Tag, contents: &[u8]) -> Vec<u8> {
        AnyRef::new(tag, contents)
            .and_then(|a| a.to_der())
            .expect("encodes")
    }

    #[test]
    fn both_forms_read_and_write_back() {
        for der in [
            tlv(UTC, b"261125173209Z"),
            tlv(GENERALIZED, b"20261125173209Z"),
        ] {
            let t = Time::from_der(&der).expect("a time");
            assert_eq!(t.whole_seconds().unix_timestamp(), 1_795_627_929);
            assert_eq!(t.to_der().expect("encodes"), der);
        }
        let old = Time::from_der(&tlv(UTC, b"991231235959Z")).expect("1999");
        assert_eq!(old.whole_seconds().year(), 1999);
        let earliest = UtcTime::from_der(&tlv(UTC, b"500101000000Z")).expect("1950");
        assert_eq!(Time::UtcTime(earliest).whole_seconds().year(), 1950);
    }

    #[test]
    fn fractions_are_kept_and_written_without_trailing_zeros() {
        let der = tlv(GENERALIZED, b"20261125173209.123Z");
        let t = GeneralizedTime::from_der(&der).expect("a fraction");
        assert_eq!(t.whole_seconds().unix_timestamp(), 1_795_627_929);
        assert_eq!(t.to_offset_date_time().millisecond(), 123);
        assert_eq!(t.to_der().expect("encodes"), der);
        let long = GeneralizedTime::from_der(&tlv(GENERALIZED, b"20261125173209.1234567891Z"))
            .expect("beyond nanoseconds");
        assert_eq!(long.to_offset_date_time().nanosecond(), 123_456_789);
        let padded =
            GeneralizedTime::from_der(&tlv(GENERALIZED, b"20261125173209.500Z")).expect("read");
        assert_eq!(
            padded.to_der().expect("encodes"),
            tlv(GENERALIZED, b"20261125173209.5Z")
        );
    }

    #[test]
    fn malformed_times_are_errors() {
        for bad in [
            &b"2611251732Z"[..],
            b"261325173209Z",
            b"26112517320+Z",
            b"261125173209",
            b"261125173209+0100",
            b"2611251732090Z",
            b"",
        ] {
            assert!(Time::from_der(&tlv(UTC, bad)).is_err(), "{bad:?}");
        }
        for bad in [
            &b"20261125173209.Z"[..],
            b"20261125173209.1",
            b"20261125173209.1x5Z",
            b"2026112517320Z",
            b"20261131173209Z",
            b"20261125180102",
            b"2026112518010xZ",
            b"20261125173209.5Z5Z",
        ] {
            assert!(Time::from_der(&tlv(GENERALIZED, bad)).is_err(), "{bad:?}");
        }
        assert!(Time::from_der(&tlv(Tag::OctetString, b"20261125173209Z")).is_err());
        assert!(GeneralizedTime::from_der(&tlv(UTC, b"261125173209Z")).is_err());
    }

    #[test]
    fn what_signet_writes_switches_to_generalized_time_in_2050() {
        let cases = [
            (datetime!(2049-12-31 23:59:59.75 UTC), UTC, "491231235959Z"),
            (
                datetime!(2050-01-01 00:00:00 UTC),
                GENERALIZED,
                "20500101000000Z",
            ),
            (
                datetime!(1949-12-31 23:59:59 UTC),
                GENERALIZED,
                "19491231235959Z",
            ),
            (datetime!(1950-01-01 00:00:00 UTC), UTC, "500101000000Z"),
            (datetime!(2026-03-01 02:30:00 +03:00), UTC, "260228233000Z"),
        ];
        for (t, tag, text) in cases {
            let time = Time::new(t).expect("in range");
            let der = time.to_der().expect("encodes");
            assert_eq!(der, tlv(tag, text.as_bytes()), "{t}");
            let back = Time::from_der(&der).expect("decodes");
            assert_eq!(back, time);
            assert_eq!(back.whole_seconds(), utc_seconds(t));
        }
        assert_eq!(
            Time::new(datetime!(-0001-01-01 00:00:00 UTC)),
            Err(YearOutOfRange(-1))
        );
        assert_eq!(
            UtcTime::new(datetime!(2050-01-01 00:00:00 UTC)),
            Err(YearOutOfRange(2050))
        );
        // A fraction given to `new` is dropped, so what signet writes is
        // always a whole second.
        let written = GeneralizedTime::new(datetime!(2050-01-01 00:00:00.5 UTC)).expect("2050");
        assert_eq!(
            written.to_der().expect("encodes"),
            tlv(GENERALIZED, b"20500101000000Z")
        );
    }

    proptest::proptest! {
        /// Any text is a time or an error, never a panic; a time read
        /// writes the same time back.
        #[test]
        fn any_text_is_a_time_or_an_error(text in proptest::collection::vec(proptest::num::u8::ANY, 0..40)) {
            for tag in [UTC, GENERALIZED] {
                if let Ok(t) = Time::from_der(&tlv(tag, &text)) {
                    let again = Time::from_der(&t.to_der().expect("encodes")).expect("decodes");
                    proptest::prop_assert_eq!(again, t);
                }
            }
        }

        /// Every second of the years 0–9999 goes through Time and back.
        #[test]
        fn time_round_trips(seconds in -62_167_219_200i64..253_402_300_800i64) {
            let t = OffsetDateTime::from_unix_timestamp(seconds).expect("in range");
            let time = Time::new(t).expect("years 0-9999");
            let der = time.to_der().expect("encodes");
            let back = Time::from_der(&der).expect("decodes");
            proptest::prop_assert_eq!(back.whole_seconds(), t);
            proptest::prop_assert_eq!(back.to_der().expect("encodes"), der);
        }
    }
}
