//! When revocation data may be used: not expired at the validation time
//! ([RFC 5280 section 6.3.3] (a)(2), [RFC 6960 section 4.2.2.1]), the same
//! rule for CRLs and OCSP answers.
//!
//! [RFC 5280 section 6.3.3]: https://datatracker.ietf.org/doc/html/rfc5280#section-6.3.3
//! [RFC 6960 section 4.2.2.1]: https://datatracker.ietf.org/doc/html/rfc6960#section-4.2.2.1

use time::OffsetDateTime;

use super::error::{FormatError, RevocationError};

/// Options of the time checks.
#[derive(Clone, Copy, Debug)]
pub struct CheckOptions {
    /// Tolerated difference between clocks.
    pub clock_skew: std::time::Duration,
    /// Accept data whose nextUpdate has passed (with a note).
    pub allow_stale: bool,
}

/// The freshness rule for CRLs and OCSP answers: the data must not have
/// expired (nextUpdate, or thisUpdate + `default_validity` when it has no
/// nextUpdate) before the validation time, give or take the clock skew.
///
/// Data issued after the validation time is accepted: revocation is
/// permanent, so a later CRL or answer that does not list the certificate
/// shows it was not revoked at the validation time either, and one that
/// lists it gives the revocation time for the caller to compare.
pub(crate) fn check_fresh(
    this_update: OffsetDateTime,
    next_update: Option<OffsetDateTime>,
    default_validity: std::time::Duration,
    time: OffsetDateTime,
    options: &CheckOptions,
    notes: &mut Vec<String>,
) -> Result<(), RevocationError> {
    let skew = time::Duration::try_from(options.clock_skew).unwrap_or(time::Duration::ZERO);
    if let Some(next) = next_update
        && next < this_update
    {
        return Err(RevocationError::Malformed {
            what: "revocation data",
            fault: FormatError::NextUpdateBeforeThisUpdate {
                this_update,
                next_update: next,
            },
        });
    }
    let (expires, what) = match next_update {
        Some(n) => (n, "nextUpdate"),
        None => (
            this_update
                + time::Duration::try_from(default_validity).unwrap_or(time::Duration::ZERO),
            "thisUpdate (no nextUpdate given)",
        ),
    };
    if expires + skew < time {
        let stale = RevocationError::Stale {
            what,
            expired: expires,
            time,
        };
        if options.allow_stale {
            notes.push(format!("accepted although {stale}"));
        } else {
            return Err(stale);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn expiry_with_skew_and_default_validity() {
        let t = OffsetDateTime::from_unix_timestamp(1_795_627_929).unwrap();
        let strict = CheckOptions {
            clock_skew: Duration::from_secs(300),
            allow_stale: false,
        };
        let hour = Duration::from_secs(3600);
        let mut notes = Vec::new();
        let next = Some(t + time::Duration::hours(1));
        assert!(check_fresh(t, next, hour, t, &strict, &mut notes).is_ok());
        let later = t + time::Duration::minutes(64);
        assert!(check_fresh(t, next, hour, later, &strict, &mut notes).is_ok());
        let too_late = t + time::Duration::minutes(66);
        assert!(matches!(
            check_fresh(t, next, hour, too_late, &strict, &mut notes),
            Err(RevocationError::Stale {
                what: "nextUpdate",
                ..
            })
        ));
        assert!(matches!(
            check_fresh(t, None, hour, too_late, &strict, &mut notes),
            Err(RevocationError::Stale { .. })
        ));
        let lenient = CheckOptions {
            allow_stale: true,
            ..strict
        };
        assert!(check_fresh(t, next, hour, too_late, &lenient, &mut notes).is_ok());
        assert_eq!(notes.len(), 1);
        assert!(notes[0].starts_with("accepted although stale: nextUpdate"));
        let backwards = Some(t - time::Duration::hours(1));
        assert!(matches!(
            check_fresh(t, backwards, hour, t, &strict, &mut notes),
            Err(RevocationError::Malformed {
                fault: FormatError::NextUpdateBeforeThisUpdate { .. },
                ..
            })
        ));
    }
}
