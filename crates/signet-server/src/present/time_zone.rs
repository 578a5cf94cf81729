//! Local time in an IANA time zone (`signet serve --time-zone`, e.g.
//! `Europe/Kyiv`): the offset from UTC and the zone's abbreviation at an
//! instant, for the dates Cipher BIS renders in the service's zone.
//!
//! Why jiff: `time` applies offsets but cannot read the tz database, and
//! the offset of a zone such as `Europe/Kyiv` changes with summer time and
//! with history. jiff reads it (from the system, else its bundled copy), so
//! the zone a server runs in is a `jiff::tz::TimeZone` and this module is
//! the one place that asks it anything. Every time stays a
//! `time::OffsetDateTime`, and [`super::dates`] formats it with `time`.

use time::{OffsetDateTime, UtcOffset};

pub use jiff::tz::TimeZone;

/// What a time zone says about one instant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalOffset {
    /// The zone's offset from UTC then.
    pub offset: UtcOffset,
    /// The zone's abbreviation then, upper-case: "EET", "EEST", "UTC" (a
    /// zone without one gives its offset, such as "+03").
    pub abbreviation: String,
}

/// The offset and abbreviation `tz` has at `t` (to the second); `None`
/// when `t` is too near the ends of years 1–9999 for its local time in
/// some zone to be a date (the tz database covers no more).
pub fn local_offset(t: OffsetDateTime, tz: &TimeZone) -> Option<LocalOffset> {
    let instant = jiff::Timestamp::from_second(t.unix_timestamp()).ok()?;
    let info = tz.to_offset_info(instant);
    Some(LocalOffset {
        offset: UtcOffset::from_whole_seconds(info.offset().seconds()).ok()?,
        abbreviation: info.abbreviation().to_ascii_uppercase(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn kyiv_has_summer_time() {
        let kyiv = TimeZone::get("Europe/Kyiv").expect("tz");
        let winter = local_offset(datetime!(2016-11-18 22:00 UTC), &kyiv).expect("in range");
        assert_eq!(winter.offset, UtcOffset::from_hms(2, 0, 0).expect("offset"));
        assert_eq!(winter.abbreviation, "EET");
        let summer = local_offset(datetime!(2021-07-01 12:00 UTC), &kyiv).expect("in range");
        assert_eq!(summer.offset, UtcOffset::from_hms(3, 0, 0).expect("offset"));
        assert_eq!(summer.abbreviation, "EEST");
    }

    #[test]
    fn utc_and_the_ends_of_the_range() {
        let utc = local_offset(datetime!(2000-01-01 0:00 UTC), &TimeZone::UTC).expect("in range");
        assert_eq!(utc.offset, UtcOffset::UTC);
        assert_eq!(utc.abbreviation, "UTC");
        // RFC 5280's "no well-defined expiration date" is past the end.
        assert_eq!(
            local_offset(datetime!(9999-12-31 23:59:59 UTC), &TimeZone::UTC),
            None
        );
        assert!(local_offset(datetime!(1950-01-01 0:00 UTC), &TimeZone::UTC).is_some());
    }
}
