//! The times CRLs and OCSP responses carry: `Time` ([RFC 5280 section
//! 4.1.2.5]: UTCTime or GeneralizedTime, in CRLs) and GeneralizedTime alone
//! ([RFC 6960 section 4.2.1], in OCSP responses).
//!
//! ```text
//! Time ::= CHOICE {
//!      utcTime        UTCTime,
//!      generalTime    GeneralizedTime }
//! ```
//!
//! Our own types rather than `der`'s, which take only the years from 1970
//! and no fraction of a second: RFC 5280 gives UTCTime the years 1950 to
//! 2049, and OCSP responders send GeneralizedTime with fractions (X.690
//! section 11.7 allows them in DER; RFC 6960 does not forbid them). Both
//! forms must be in UTC ("Z") with seconds. A fraction is kept (to the
//! nanosecond) and written back without trailing zeros, as DER wants it;
//! the revocation checks use whole seconds ([`GeneralizedTime::whole_seconds`]).
//!
//! [RFC 5280 section 4.1.2.5]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.1.2.5
//! [RFC 6960 section 4.2.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.1

use der::{Choice, DecodeValue, EncodeValue, FixedTag, Header, Length, Reader, Tag, Writer};
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime};

/// A UTCTime as [RFC 5280 section 4.1.2.5.1] profiles it: `YYMMDDHHMMSSZ`,
/// years 1950 to 2049.
///
/// ```text
/// UTCTime ::= [UNIVERSAL 23] IMPLICIT VisibleString
/// ```
///
/// [RFC 5280 section 4.1.2.5.1]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.1.2.5.1
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcTime(OffsetDateTime);

impl UtcTime {
    /// The time, if it is a whole second of 1950 to 2049.
    pub fn new(time: OffsetDateTime) -> Option<Self> {
        let time = time.to_offset(time::UtcOffset::UTC);
        ((1950..=2049).contains(&time.year()) && time.nanosecond() == 0).then_some(UtcTime(time))
    }

    /// The time.
    pub fn to_offset_date_time(self) -> OffsetDateTime {
        self.0
    }
}

impl FixedTag for UtcTime {
    const TAG: Tag = Tag::UtcTime;
}

impl<'a> DecodeValue<'a> for UtcTime {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        let text = reader.read_slice(header.length())?;
        let (yy, rest) = text
            .split_at_checked(2)
            .ok_or_else(|| Tag::UtcTime.value_error())?;
        let yy = i32::from(two_digits(yy).ok_or_else(|| Tag::UtcTime.value_error())?);
        let year = if yy >= 50 { 1900 + yy } else { 2000 + yy };
        let time = date_time(Tag::UtcTime, year, rest)?;
        Ok(UtcTime(time))
    }
}

impl UtcTime {
    /// The text of the encoding.
    fn text(&self) -> der::Result<String> {
        const FORM: &[BorrowedFormatItem<'_>] =
            format_description!("[year repr:last_two][month][day][hour][minute][second]Z");
        self.0
            .format(FORM)
            .map_err(|_| Tag::UtcTime.value_error().into())
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

/// A GeneralizedTime in UTC with seconds: `YYYYMMDDHHMMSS[.f…]Z`
/// ([RFC 5280 section 4.1.2.5.2], with the fraction RFC 6960 responders
/// send).
///
/// ```text
/// GeneralizedTime ::= [UNIVERSAL 24] IMPLICIT VisibleString
/// ```
///
/// [RFC 5280 section 4.1.2.5.2]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.1.2.5.2
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GeneralizedTime(OffsetDateTime);

impl GeneralizedTime {
    /// The time, in UTC, if its year has four digits.
    pub fn new(time: OffsetDateTime) -> Option<Self> {
        let time = time.to_offset(time::UtcOffset::UTC);
        (0..=9999)
            .contains(&time.year())
            .then_some(GeneralizedTime(time))
    }

    /// The time, with its fraction of a second.
    pub fn to_offset_date_time(self) -> OffsetDateTime {
        self.0
    }

    /// The time without its fraction of a second: what the revocation
    /// checks compare.
    pub fn whole_seconds(self) -> OffsetDateTime {
        self.0.replace_nanosecond(0).unwrap_or(self.0)
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
        // `YYYYMMDDHHMMSS` `.f…` `Z`: the fraction, if any, sits between
        // the seconds and the "Z".
        let (whole, fraction) = match rest.iter().position(|&b| b == b'.') {
            Some(dot) => {
                let (whole, dot_fraction) = rest.split_at(dot);
                let fraction = dot_fraction
                    .get(1..dot_fraction.len().saturating_sub(1))
                    .filter(|f| !f.is_empty() && f.iter().all(u8::is_ascii_digit))
                    .ok_or_else(bad)?;
                if dot_fraction.last() != Some(&b'Z') {
                    return Err(bad());
                }
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

impl GeneralizedTime {
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

impl EncodeValue for GeneralizedTime {
    fn value_len(&self) -> der::Result<Length> {
        Length::try_from(self.text()?.len())
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(self.text()?.as_bytes())
    }
}

/// `Time` ([RFC 5280 section 4.1.2.5]): thisUpdate, nextUpdate and
/// revocationDate of CRLs.
///
/// ```text
/// Time ::= CHOICE {
///      utcTime        UTCTime,
///      generalTime    GeneralizedTime }
/// ```
///
/// [RFC 5280 section 4.1.2.5]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.1.2.5
#[derive(Clone, Copy, Debug, PartialEq, Eq, Choice)]
pub enum Time {
    /// utcTime.
    UtcTime(UtcTime),
    /// generalTime.
    GeneralTime(GeneralizedTime),
}

impl Time {
    /// The time, to the second.
    pub fn whole_seconds(self) -> OffsetDateTime {
        match self {
            Time::UtcTime(t) => t.to_offset_date_time(),
            Time::GeneralTime(t) => t.whole_seconds(),
        }
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
    use der::{Decode, Encode};

    use crate::revocation::testing::tlv;

    const UTC: Tag = Tag::UtcTime;
    const GENERALIZED: Tag = Tag::GeneralizedTime;

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
        assert_eq!(earliest.to_offset_date_time().year(), 1950);
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
        ] {
            assert!(Time::from_der(&tlv(GENERALIZED, bad)).is_err(), "{bad:?}");
        }
        assert!(Time::from_der(&tlv(Tag::OctetString, b"20261125173209Z")).is_err());
        assert!(GeneralizedTime::from_der(&tlv(UTC, b"261125173209Z")).is_err());
    }

    #[test]
    fn only_whole_seconds_of_1950_to_2049_are_utc_times() {
        let t = OffsetDateTime::from_unix_timestamp(1_795_627_929).expect("time");
        assert!(UtcTime::new(t).is_some());
        assert!(UtcTime::new(t + time::Duration::milliseconds(1)).is_none());
        assert!(UtcTime::new(t.replace_year(2050).expect("2050")).is_none());
        assert!(GeneralizedTime::new(t.replace_year(2050).expect("2050")).is_some());
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_a_time_or_an_error(text in proptest::collection::vec(proptest::num::u8::ANY, 0..40)) {
            for tag in [UTC, GENERALIZED] {
                if let Ok(t) = Time::from_der(&tlv(tag, &text)) {
                    let _ = t.to_der();
                }
            }
        }
    }
}
