//! The time formats of the wire formats, each declared as a `time` format
//! description rather than assembled by hand, and each pinned by a test.
//!
//! | function | example | where |
//! |---|---|---|
//! | [`kontur_time`] | `2019-05-31T08:12:40.000Z` | Kontur CryptoApi (spec 003: `ValidFrom`, `SigningTime`, …), `signet inspect` |
//! | [`rfc3339_seconds`] | `2019-05-31T08:12:40Z` | Kontur Reestro (spec 002), the web page's reports ([RFC 3339 section 5.6], UTC, whole seconds) |
//! | [`for_people_utc`] | `2019-05-31 08:12:40 UTC` | the web page's certificate fields |
//! | [`java_date`] | `Sat Nov 19 00:00:00 EET 2016` | Cipher BIS (spec 001), in the service's time zone |
//!
//! Fractions of a second are cut, not rounded. A time that cannot be
//! written in a format (outside years 0–9999 in UTC, or, for
//! [`java_date`], in the zone) is written as `time` displays it.
//!
//! [RFC 3339 section 5.6]: https://www.rfc-editor.org/rfc/rfc3339#section-5.6

use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

use super::time_zone::{TimeZone, local_offset};

const KONTUR: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
const RFC3339_SECONDS: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
const FOR_PEOPLE_UTC: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
/// Java's `Date.toString()` is `EEE MMM dd HH:mm:ss zzz yyyy`; the zone's
/// abbreviation comes from the tz database, between these two parts.
const JAVA_DAY_AND_TIME: &[BorrowedFormatItem<'static>] =
    format_description!("[weekday repr:short] [month repr:short] [day] [hour]:[minute]:[second]");
const JAVA_YEAR: &[BorrowedFormatItem<'static>] = format_description!("[year]");

/// `t` at `offset` in `format`, else as `time` displays it.
fn write(t: OffsetDateTime, offset: UtcOffset, format: &[BorrowedFormatItem<'_>]) -> String {
    t.checked_to_offset(offset)
        .and_then(|local| local.format(format).ok())
        .unwrap_or_else(|| t.to_string())
}

/// `YYYY-MM-DDThh:mm:ss.fffZ` in UTC, Kontur's date format.
pub fn kontur_time(t: OffsetDateTime) -> String {
    write(t, UtcOffset::UTC, KONTUR)
}

/// `YYYY-MM-DDThh:mm:ssZ`: RFC 3339 in UTC, whole seconds.
pub fn rfc3339_seconds(t: OffsetDateTime) -> String {
    write(t, UtcOffset::UTC, RFC3339_SECONDS)
}

/// `YYYY-MM-DD hh:mm:ss UTC`, for a person.
pub fn for_people_utc(t: OffsetDateTime) -> String {
    write(t, UtcOffset::UTC, FOR_PEOPLE_UTC)
}

/// A date as Java's `Date.toString()` prints it in `tz`:
/// "Sat Nov 19 00:00:00 EET 2016".
pub fn java_date(t: OffsetDateTime, tz: &TimeZone) -> String {
    let Some(zone) = local_offset(t, tz) else {
        return t.to_string();
    };
    let day_and_time = write(t, zone.offset, JAVA_DAY_AND_TIME);
    let year = write(t, zone.offset, JAVA_YEAR);
    format!("{day_and_time} {} {year}", zone.abbreviation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn kontur_time_has_milliseconds_and_z() {
        let t = OffsetDateTime::from_unix_timestamp(1_559_290_360).expect("time");
        assert_eq!(kontur_time(t), "2019-05-31T08:12:40.000Z");
        assert_eq!(
            kontur_time(datetime!(2019-05-31 11:12:40.999_9 +03:00)),
            "2019-05-31T08:12:40.999Z"
        );
        assert_eq!(
            kontur_time(datetime!(0001-01-01 0:00:00.05 UTC)),
            "0001-01-01T00:00:00.050Z"
        );
        assert_eq!(
            kontur_time(datetime!(9999-12-31 23:59:59 UTC)),
            "9999-12-31T23:59:59.000Z"
        );
    }

    #[test]
    fn rfc3339_seconds_cuts_fractions() {
        assert_eq!(
            rfc3339_seconds(datetime!(2025-03-01 09:30:00 UTC)),
            "2025-03-01T09:30:00Z"
        );
        assert_eq!(
            rfc3339_seconds(datetime!(2025-03-01 12:30:59.999 +03:00)),
            "2025-03-01T09:30:59Z"
        );
        assert_eq!(
            rfc3339_seconds(datetime!(1950-01-01 0:00 UTC)),
            "1950-01-01T00:00:00Z"
        );
    }

    #[test]
    fn for_people_utc_says_utc() {
        assert_eq!(
            for_people_utc(datetime!(2019-05-31 11:12:40.5 +03:00)),
            "2019-05-31 08:12:40 UTC"
        );
        assert_eq!(
            for_people_utc(datetime!(2049-12-31 23:59:59 UTC)),
            "2049-12-31 23:59:59 UTC"
        );
    }

    #[test]
    fn java_date_in_kyiv_winter_is_eet() {
        // 2016-11-18T22:00:00Z is midnight in Kyiv (EET, UTC+2).
        let t = OffsetDateTime::from_unix_timestamp(1_479_506_400).expect("time");
        let kyiv = TimeZone::get("Europe/Kyiv").expect("tz");
        assert_eq!(java_date(t, &kyiv), "Sat Nov 19 00:00:00 EET 2016");
        assert_eq!(java_date(t, &TimeZone::UTC), "Fri Nov 18 22:00:00 UTC 2016");
    }

    #[test]
    fn java_date_in_summer_and_abroad() {
        let kyiv = TimeZone::get("Europe/Kyiv").expect("tz");
        assert_eq!(
            java_date(datetime!(2021-07-04 21:05:09.7 UTC), &kyiv),
            "Mon Jul 05 00:05:09 EEST 2021"
        );
        let new_york = TimeZone::get("America/New_York").expect("tz");
        assert_eq!(
            java_date(datetime!(2021-07-04 21:05:09 UTC), &new_york),
            "Sun Jul 04 17:05:09 EDT 2021"
        );
        let kolkata = TimeZone::get("Asia/Kolkata").expect("tz");
        assert_eq!(
            java_date(datetime!(2001-02-03 04:05:06 UTC), &kolkata),
            "Sat Feb 03 09:35:06 IST 2001"
        );
    }

    #[test]
    fn java_date_past_the_tz_database_is_times_own() {
        // RFC 5280 section 4.1.2.5's 99991231235959Z.
        assert_eq!(
            java_date(datetime!(9999-12-31 23:59:59 UTC), &TimeZone::UTC),
            "9999-12-31 23:59:59.0 +00:00:00"
        );
    }
}
