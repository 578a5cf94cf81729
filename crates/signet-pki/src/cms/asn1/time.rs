//! ASN.1 times as CMS and RFC 3161 write them ([X.680] sections 46–47,
//! with the DER restrictions of [X.690] section 11.7–11.8).
//!
//! ```text
//! Time ::= CHOICE {
//!   utcTime UTCTime,
//!   generalTime GeneralizedTime }
//! ```
//!
//! `der`'s own UTCTime and GeneralizedTime cover 1970–9999 and refuse
//! fractions of a second. These cover what signet needs beyond that:
//!
//! - signing-time ([RFC 5652] section 11.3): UTCTime `YYMMDDHHMMSSZ` for
//!   1950 to 2049 inclusive, GeneralizedTime `YYYYMMDDHHMMSSZ` for the
//!   years 0–9999 otherwise, always UTC, fractions of a second dropped
//!   (UTCTime has none; DER forbids a trailing zero in GeneralizedTime);
//! - RFC 3161 genTime ([RFC 3161] section 2.4.2), which may carry
//!   fractions of a second: read and dropped;
//! - the producedAt of CAdES OCSP references, written like signing-time's
//!   GeneralizedTime.
//!
//! [X.680]: https://www.itu.int/rec/T-REC-X.680
//! [X.690]: https://www.itu.int/rec/T-REC-X.690
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-11.3
//! [RFC 3161]: https://datatracker.ietf.org/doc/html/rfc3161#section-2.4.2

use der::{Choice, DecodeValue, EncodeValue, FixedTag, Header, Length, Reader, Tag, Writer};
use time::{OffsetDateTime, UtcOffset};

/// A date that an ASN.1 time type here cannot hold: the year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a time in the year {0} cannot be encoded")]
pub struct YearOutOfRange(pub i32);

/// `Time` ([RFC 5652] section 11.3): UTCTime for 1950–2049, else
/// GeneralizedTime.
///
/// [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-11.3
#[derive(Clone, Copy, Debug, PartialEq, Eq, Choice)]
pub enum Time {
    /// utcTime.
    UtcTime(UtcTime),
    /// generalTime.
    GeneralTime(GeneralizedTime),
}

impl Time {
    /// The encoding RFC 5652 section 11.3 requires for `t`.
    pub fn new(t: OffsetDateTime) -> Result<Self, YearOutOfRange> {
        match UtcTime::new(t) {
            Ok(utc) => Ok(Time::UtcTime(utc)),
            Err(_) => GeneralizedTime::new(t).map(Time::GeneralTime),
        }
    }

    /// The time, UTC, to the second.
    pub fn to_date_time(self) -> OffsetDateTime {
        match self {
            Time::UtcTime(t) => t.0,
            Time::GeneralTime(t) => t.0,
        }
    }
}

/// UTC, whole seconds.
fn to_utc_seconds(t: OffsetDateTime) -> OffsetDateTime {
    t.to_offset(UtcOffset::UTC)
        .replace_nanosecond(0)
        .unwrap_or(t)
}

/// `UTCTime` in its DER form `YYMMDDHHMMSSZ`, years 1950–2049 ([RFC 5280]
/// section 4.1.2.5.1).
///
/// [RFC 5280]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.1.2.5.1
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UtcTime(OffsetDateTime);

impl UtcTime {
    /// `t` in UTC, fractions of a second dropped.
    pub fn new(t: OffsetDateTime) -> Result<Self, YearOutOfRange> {
        let t = to_utc_seconds(t);
        match t.year() {
            1950..=2049 => Ok(UtcTime(t)),
            year => Err(YearOutOfRange(year)),
        }
    }
}

impl<'a> DecodeValue<'a> for UtcTime {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        let text = reader.read_slice(header.length())?;
        let invalid = || der::Error::from(Tag::UtcTime.value_error());
        let (yy, rest) = match text {
            [y1, y2, rest @ ..] if text.len() == 13 && text.ends_with(b"Z") => {
                (two_digits(*y1, *y2).ok_or_else(invalid)?, rest)
            }
            _ => return Err(invalid()),
        };
        let year = if yy >= 50 { 1900 + yy } else { 2000 + yy };
        let t = date_time(year, &rest[..rest.len() - 1]).ok_or_else(invalid)?;
        Ok(UtcTime(t))
    }
}

impl EncodeValue for UtcTime {
    fn value_len(&self) -> der::Result<Length> {
        Ok(Length::new(13))
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        let year = format!("{:02}", self.0.year() % 100);
        writer.write(time_text(&year, self.0).as_bytes())
    }
}

impl FixedTag for UtcTime {
    const TAG: Tag = Tag::UtcTime;
}

/// `GeneralizedTime`, UTC: read as `YYYYMMDDHHMMSS[.f+]Z` (RFC 3161
/// allows fractions; they are dropped), written as `YYYYMMDDHHMMSSZ`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GeneralizedTime(OffsetDateTime);

impl GeneralizedTime {
    /// `t` in UTC, fractions of a second dropped; the year must be 0–9999.
    pub fn new(t: OffsetDateTime) -> Result<Self, YearOutOfRange> {
        let t = to_utc_seconds(t);
        match t.year() {
            0..=9999 => Ok(GeneralizedTime(t)),
            year => Err(YearOutOfRange(year)),
        }
    }

    /// The time, UTC, to the second.
    pub fn to_date_time(self) -> OffsetDateTime {
        self.0
    }
}

impl<'a> DecodeValue<'a> for GeneralizedTime {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        let text = reader.read_slice(header.length())?;
        parse_generalized_time(text)
            .map(GeneralizedTime)
            .ok_or_else(|| Tag::GeneralizedTime.value_error().into())
    }
}

impl EncodeValue for GeneralizedTime {
    fn value_len(&self) -> der::Result<Length> {
        Ok(Length::new(15))
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        let year = format!("{:04}", self.0.year());
        writer.write(time_text(&year, self.0).as_bytes())
    }
}

impl FixedTag for GeneralizedTime {
    const TAG: Tag = Tag::GeneralizedTime;
}

/// `year` then `MMDDHHMMSSZ` of `t`.
fn time_text(year: &str, t: OffsetDateTime) -> String {
    format!(
        "{year}{:02}{:02}{:02}{:02}{:02}Z",
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

fn two_digits(a: u8, b: u8) -> Option<i32> {
    (a.is_ascii_digit() && b.is_ascii_digit())
        .then(|| i32::from(a - b'0') * 10 + i32::from(b - b'0'))
}

/// `MMDDHHMMSS` of `year`.
fn date_time(year: i32, text: &[u8]) -> Option<OffsetDateTime> {
    let [m1, m2, d1, d2, h1, h2, n1, n2, s1, s2] = text else {
        return None;
    };
    let n = |a: &u8, b: &u8| two_digits(*a, *b).and_then(|v| u8::try_from(v).ok());
    let month = time::Month::try_from(n(m1, m2)?).ok()?;
    let date = time::Date::from_calendar_date(year, month, n(d1, d2)?).ok()?;
    let t = time::Time::from_hms(n(h1, h2)?, n(n1, n2)?, n(s1, s2)?).ok()?;
    Some(time::PrimitiveDateTime::new(date, t).assume_utc())
}

/// `YYYYMMDDHHMMSS[.f+]Z`, the GeneralizedTime form RFC 3161 allows.
pub fn parse_generalized_time(text: &[u8]) -> Option<OffsetDateTime> {
    let text = text.strip_suffix(b"Z")?;
    let (main, fraction) = match text.iter().position(|&b| b == b'.') {
        Some(dot) => (&text[..dot], Some(&text[dot + 1..])),
        None => (text, None),
    };
    if let Some(f) = fraction
        && (f.is_empty() || !f.iter().all(u8::is_ascii_digit))
    {
        return None;
    }
    let [y1, y2, y3, y4, rest @ ..] = main else {
        return None;
    };
    let year = two_digits(*y1, *y2)? * 100 + two_digits(*y3, *y4)?;
    date_time(year, rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::{Decode, Encode};
    use time::macros::datetime;

    fn hex_of(t: &Time) -> String {
        hex::encode(t.to_der().expect("encodes"))
    }

    #[test]
    fn signing_time_switches_to_generalized_time_in_2050() {
        let cases = [
            (
                datetime!(2049-12-31 23:59:59.75 UTC),
                "170d",
                "491231235959Z",
            ),
            (
                datetime!(2050-01-01 00:00:00 UTC),
                "180f",
                "20500101000000Z",
            ),
            (
                datetime!(1949-12-31 23:59:59 UTC),
                "180f",
                "19491231235959Z",
            ),
            (datetime!(1950-01-01 00:00:00 UTC), "170d", "500101000000Z"),
            (
                datetime!(2026-03-01 02:30:00 +03:00),
                "170d",
                "260228233000Z",
            ),
        ];
        for (t, header, text) in cases {
            let time = Time::new(t).expect("in range");
            assert_eq!(
                hex_of(&time),
                format!("{header}{}", hex::encode(text)),
                "{t}"
            );
            // decode → encode is the identity.
            let der = time.to_der().expect("encodes");
            let back = Time::from_der(&der).expect("decodes");
            assert_eq!(back, time);
            assert_eq!(
                back.to_date_time(),
                t.to_offset(UtcOffset::UTC)
                    .replace_nanosecond(0)
                    .expect("ns")
            );
        }
        assert_eq!(
            Time::new(datetime!(-0001-01-01 00:00:00 UTC)),
            Err(YearOutOfRange(-1))
        );
    }

    #[test]
    fn generalized_time_with_and_without_fractions() {
        // `date -u -d @1795629662` prints Wed Nov 25 18:01:02 UTC 2026.
        let t = parse_generalized_time(b"20261125180102Z").expect("reads");
        assert_eq!(t.unix_timestamp(), 1_795_629_662);
        assert_eq!(parse_generalized_time(b"20261125180102.123Z"), Some(t));
        for bad in [
            &b"20261125180102"[..],
            b"2026112518010Z",
            b"20261325180102Z",
            b"20261125180102.Z",
            b"2026112518010xZ",
        ] {
            assert!(parse_generalized_time(bad).is_none(), "{bad:?}");
        }
        let with_fraction = [&[0x18, 19][..], b"20261125180102.123Z"].concat();
        let read = GeneralizedTime::from_der(&with_fraction).expect("decodes");
        assert_eq!(read.to_date_time(), t);
        assert_eq!(
            read.to_der().expect("encodes"),
            [&[0x18, 15][..], b"20261125180102Z"].concat()
        );
    }

    proptest::proptest! {
        /// Every second of the years 0–9999 goes through Time and back.
        #[test]
        fn time_round_trips(seconds in -62_167_219_200i64..253_402_300_800i64) {
            let t = OffsetDateTime::from_unix_timestamp(seconds).expect("in range");
            let time = Time::new(t).expect("years 0-9999");
            let der = time.to_der().expect("encodes");
            let back = Time::from_der(&der).expect("decodes");
            proptest::prop_assert_eq!(back.to_date_time(), t);
            proptest::prop_assert_eq!(back.to_der().expect("encodes"), der);
        }
    }
}
