//! The `Content-Range` header of a part of an upload in parts, or of a
//! query of how much of one has arrived ([RFC 9110 section 14.4]):
//!
//! ```text
//! Content-Range     = range-unit SP ( range-resp / unsatisfied-range )
//! range-resp        = incl-range "/" ( complete-length / "*" )
//! incl-range        = first-pos "-" last-pos
//! unsatisfied-range = "*/" complete-length
//! ```
//!
//! with `bytes` as the only unit, and `*/*` also taken as a query (as
//! resumable uploads of Google Cloud Storage do). A range must be in order
//! and inside the total ([RFC 9110 section 14.1.1]: "A Content-Range
//! field value is invalid if it contains a range-resp that has a last-pos
//! value less than its first-pos value, or a complete-length value less
//! than or equal to its last-pos value").
//!
//! [RFC 9110 section 14.4]: https://www.rfc-editor.org/rfc/rfc9110#section-14.4
//! [RFC 9110 section 14.1.1]: https://www.rfc-editor.org/rfc/rfc9110#section-14.1.1

/// A parsed `Content-Range`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContentRange {
    /// `bytes START-END/TOTAL`, or `bytes START-END/*` while the total is
    /// not known: the body is bytes START..=END of the content.
    Part {
        /// The offset of the body's first byte.
        start: u64,
        /// The offset of its last byte (inclusive).
        end: u64,
        /// The content's whole length, when given.
        total: Option<u64>,
    },
    /// `bytes */TOTAL`, or `bytes */*`: how much has arrived?
    Query {
        /// The content's whole length, when given.
        total: Option<u64>,
    },
}

/// Which number of a `Content-Range` a fault is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// `first-pos`.
    Start,
    /// `last-pos`.
    End,
    /// `complete-length`.
    Total,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Position::Start => "START",
            Position::End => "END",
            Position::Total => "TOTAL",
        })
    }
}

/// Why a `Content-Range` value is refused; the text says what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ContentRangeError {
    /// A field value is ASCII (RFC 9110 section 5.5 allows other octets
    /// only as obsolete text, which no range holds).
    #[error("Content-Range must be ASCII")]
    NotAscii,
    /// No space between the unit and the range.
    #[error("Content-Range must be \"bytes START-END/TOTAL\" or \"bytes */TOTAL\"")]
    NoUnit,
    /// A unit other than `bytes`, the only one signet takes.
    #[error("Content-Range unit {0:?} is not \"bytes\"")]
    UnknownUnit(String),
    /// No `/complete-length` (or `/*`).
    #[error("Content-Range has no \"/TOTAL\"")]
    NoTotal,
    /// Neither `*` nor `first-pos "-" last-pos` before the `/`.
    #[error("Content-Range must give START-END")]
    NoRange,
    /// A number that is not all decimal digits (or is empty).
    #[error("Content-Range {position} {digits:?} is not a number")]
    NotANumber {
        /// Which number.
        position: Position,
        /// What stood there.
        digits: String,
    },
    /// A number too large for 64 bits.
    #[error("Content-Range {position} {digits} is too large")]
    TooLarge {
        /// Which number.
        position: Position,
        /// Its digits.
        digits: String,
    },
    /// `last-pos` before `first-pos`.
    #[error("Content-Range END {end} is before START {start}")]
    EndBeforeStart {
        /// `first-pos`.
        start: u64,
        /// `last-pos`.
        end: u64,
    },
    /// `last-pos` at or past `complete-length`.
    #[error("Content-Range END {end} is past the TOTAL of {total} bytes")]
    EndPastTotal {
        /// `last-pos`.
        end: u64,
        /// `complete-length`.
        total: u64,
    },
}

/// Parses a `Content-Range` value (see the module documentation).
pub fn parse_content_range(value: &[u8]) -> Result<ContentRange, ContentRangeError> {
    let text = std::str::from_utf8(value)
        .ok()
        .filter(|t| t.is_ascii())
        .ok_or(ContentRangeError::NotAscii)?
        .trim();
    let (unit, rest) = text
        .split_once([' ', '\t'])
        .ok_or(ContentRangeError::NoUnit)?;
    if !unit.eq_ignore_ascii_case("bytes") {
        return Err(ContentRangeError::UnknownUnit(unit.to_owned()));
    }
    let (range, total) = rest
        .trim_start()
        .split_once('/')
        .ok_or(ContentRangeError::NoTotal)?;
    let total = match total {
        "*" => None,
        digits => Some(number(digits, Position::Total)?),
    };
    if range == "*" {
        return Ok(ContentRange::Query { total });
    }
    let (start, end) = range.split_once('-').ok_or(ContentRangeError::NoRange)?;
    let (start, end) = (number(start, Position::Start)?, number(end, Position::End)?);
    if end < start {
        return Err(ContentRangeError::EndBeforeStart { start, end });
    }
    if let Some(total) = total
        && end >= total
    {
        return Err(ContentRangeError::EndPastTotal { end, total });
    }
    Ok(ContentRange::Part { start, end, total })
}

/// One decimal number of a `Content-Range`: digits only, fitting in 64
/// bits.
fn number(digits: &str, position: Position) -> Result<u64, ContentRangeError> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ContentRangeError::NotANumber {
            position,
            digits: digits.to_owned(),
        });
    }
    digits.parse().map_err(|_| ContentRangeError::TooLarge {
        position,
        digits: digits.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ContentRangeError as E;

    fn parse(value: &str) -> Result<ContentRange, ContentRangeError> {
        parse_content_range(value.as_bytes())
    }

    #[test]
    fn parts_and_queries() {
        let part = |start, end, total| Ok(ContentRange::Part { start, end, total });
        let query = |total| Ok(ContentRange::Query { total });
        for (value, expected) in [
            ("bytes 0-99/100", part(0, 99, Some(100))),
            ("bytes 100-199/*", part(100, 199, None)),
            ("  Bytes  5-5/6 ", part(5, 5, Some(6))),
            ("bytes\t5-5/6", part(5, 5, Some(6))),
            ("bytes */100", query(Some(100))),
            ("bytes */*", query(None)),
            ("bytes */0", query(Some(0))),
            (
                "bytes 0-18446744073709551614/18446744073709551615",
                part(0, u64::MAX - 1, Some(u64::MAX)),
            ),
        ] {
            assert_eq!(parse(value), expected, "{value}");
        }
    }

    #[test]
    fn only_ascii() {
        assert_eq!(parse_content_range(b"bytes 0-1/\xff"), Err(E::NotAscii));
        assert_eq!(parse("bytes 0-1/١٢"), Err(E::NotAscii));
    }

    #[test]
    fn a_unit_and_a_space() {
        for value in ["", "bytes", "bytes=0-99/100"] {
            assert_eq!(parse(value), Err(E::NoUnit), "{value:?}");
        }
        assert_eq!(parse("items 0-99/100"), Err(E::UnknownUnit("items".into())));
    }

    #[test]
    fn a_total_after_a_slash() {
        assert_eq!(parse("bytes 0-99"), Err(E::NoTotal));
    }

    #[test]
    fn start_dash_end_or_a_star() {
        assert_eq!(parse("bytes 5/100"), Err(E::NoRange));
        assert_eq!(parse("bytes **/100"), Err(E::NoRange));
    }

    #[test]
    fn numbers_are_digits_only() {
        let not_a_number = |position, digits: &str| {
            Err(E::NotANumber {
                position,
                digits: digits.into(),
            })
        };
        for (value, expected) in [
            ("bytes -5/100", not_a_number(Position::Start, "")),
            ("bytes 5-/100", not_a_number(Position::End, "")),
            ("bytes +1-2/3", not_a_number(Position::Start, "+1")),
            ("bytes 0x1-2/3", not_a_number(Position::Start, "0x1")),
            ("bytes 1-2/3/4", not_a_number(Position::Total, "3/4")),
            ("bytes 1 - 2/3", not_a_number(Position::Start, "1 ")),
            ("bytes */", not_a_number(Position::Total, "")),
            ("bytes */-1", not_a_number(Position::Total, "-1")),
        ] {
            assert_eq!(parse(value), expected, "{value:?}");
        }
    }

    #[test]
    fn numbers_fit_in_64_bits() {
        assert_eq!(
            parse("bytes 0-18446744073709551616/*"),
            Err(E::TooLarge {
                position: Position::End,
                digits: "18446744073709551616".into()
            })
        );
        assert_eq!(
            parse("bytes 0-1/99999999999999999999"),
            Err(E::TooLarge {
                position: Position::Total,
                digits: "99999999999999999999".into()
            })
        );
    }

    #[test]
    fn ranges_are_in_order_and_inside_the_total() {
        assert_eq!(
            parse("bytes 99-0/100"),
            Err(E::EndBeforeStart { start: 99, end: 0 })
        );
        assert_eq!(
            parse("bytes 0-100/100"),
            Err(E::EndPastTotal {
                end: 100,
                total: 100
            })
        );
        assert_eq!(
            parse("bytes 0-0/0"),
            Err(E::EndPastTotal { end: 0, total: 0 })
        );
    }

    #[test]
    fn errors_say_what_is_wrong() {
        for (value, message) in [
            ("bytes 0-1/\u{ff}", "Content-Range must be ASCII"),
            (
                "bytes",
                "Content-Range must be \"bytes START-END/TOTAL\" or \"bytes */TOTAL\"",
            ),
            (
                "items 0-1/2",
                "Content-Range unit \"items\" is not \"bytes\"",
            ),
            ("bytes 0-1", "Content-Range has no \"/TOTAL\""),
            ("bytes 1/2", "Content-Range must give START-END"),
            ("bytes x-1/2", "Content-Range START \"x\" is not a number"),
            (
                "bytes 0-1/99999999999999999999",
                "Content-Range TOTAL 99999999999999999999 is too large",
            ),
            ("bytes 2-1/9", "Content-Range END 1 is before START 2"),
            (
                "bytes 0-9/9",
                "Content-Range END 9 is past the TOTAL of 9 bytes",
            ),
        ] {
            let error = parse(value).expect_err(value);
            assert_eq!(error.to_string(), message, "{value:?}");
        }
    }

    proptest::proptest! {
        /// Whatever the header holds, the parser answers without panicking,
        /// and what it accepts is a range in order inside its total.
        #[test]
        fn content_range_never_panics(value in proptest::collection::vec(proptest::num::u8::ANY, 0..40)) {
            if let Ok(ContentRange::Part { start, end, total }) = parse_content_range(&value) {
                proptest::prop_assert!(start <= end);
                proptest::prop_assert!(total.is_none_or(|t| end < t));
            }
        }

        /// Every well-formed range parses back to its numbers.
        #[test]
        fn content_range_round_trips(start in 0u64..u64::MAX / 2, len in 1u64..1 << 40, extra in 0u64..1 << 40, known in proptest::bool::ANY) {
            let end = start + len - 1;
            let total = known.then_some(end + 1 + extra);
            let text = format!("bytes {start}-{end}/{}", total.map_or("*".into(), |t| t.to_string()));
            proptest::prop_assert_eq!(parse_content_range(text.as_bytes()), Ok(ContentRange::Part { start, end, total }));
        }

        /// Text that looks like a range but is not one (a real range with
        /// one character changed) is refused or read as a valid range,
        /// never a panic.
        #[test]
        fn mangled_content_ranges_never_panic(start in 0u64..1000, end in 0u64..1000, total in 0u64..1000, at in 0usize..20, with in "[-*/ 0-9a-z]") {
            let mut text = format!("bytes {start}-{end}/{total}").into_bytes();
            let at = at % text.len();
            text.splice(at..=at, with.bytes());
            let _ = parse_content_range(&text);
        }
    }
}
