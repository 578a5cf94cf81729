//! Certificate revocation: CRLs ([RFC 5280] sections 5 and 6.3) and OCSP
//! ([RFC 6960]), from the values a signature carries, the certificate's
//! OCSP responder and CRL distribution points, and a local CRL directory.
//!
//! [`BudgetedChecker::status`] (a [`RevocationChecker`] within a request's
//! outbound budget) tries, in order, and stops at the first source that
//! gives an answer it can trust:
//!
//! 1. the CRLs and OCSP responses embedded in the signature (CAdES-X Long
//!    revocation values), offline (`embedded.rs`);
//! 2. OCSP at the certificate's authorityInfoAccess URLs (first when
//!    [`RevocationConfig::prefer_ocsp`], else after CRLs) (`online.rs`);
//! 3. CRLs: the cache, then [`RevocationConfig::crl_dir`] (`crl_dir.rs`),
//!    then the certificate's HTTP CRL distribution points (`online.rs`).
//!
//! Every source that fails adds a reason ("OCSP http://…: timed out after
//! 10 s", "CRL http://…: signature does not verify: …", "OCSP http://…:
//! the request's outbound budget of 16 fetches is spent"); when none
//! answers, the status is [`RevocationStatus::Unknown`] with all of them.
//! Nothing here panics, and every fetch ends within the configured
//! timeout (at most [`MAX_URLS`] URLs per method are tried) and draws on
//! the outbound budget of the request it serves
//! ([`RevocationChecker::within`], [`crate::net::FetchBudget`]). Values a
//! signature carries are parsed once ([`EmbeddedValues`]) and at most
//! [`MAX_EMBEDDED_TRIES`] of each kind are examined per certificate, so a
//! signature stuffed with forged CRLs costs a bounded number of checks.
//!
//! The validation time is an argument. Revocation data must not have
//! expired before it (nextUpdate, with the clock skew); data issued after
//! it is accepted, because revocation is permanent: a later CRL that does
//! not list the certificate shows it was not revoked then either, and one
//! that lists it says since when. [`RevocationStatus::Revoked`] therefore
//! carries the revocation time, which may be after the validation time;
//! the caller decides what that means (a signature time-stamped before the
//! revocation stays valid unless the key was compromised, by policy).
//!
//! `checker.rs` holds the order and the caches, `report.rs` the answers,
//! `error.rs` why a CRL or response was not used. The CRL and OCSP
//! structures are `der` types ([`crl::asn1`], [`ocsp::request`],
//! [`ocsp::response`]) on the building blocks of [`asn1`] and the times
//! of [`crate::asn1::time`].
//!
//! [RFC 5280]: https://datatracker.ietf.org/doc/html/rfc5280#section-6.3
//! [RFC 6960]: https://datatracker.ietf.org/doc/html/rfc6960

pub mod asn1;
pub mod cache;
mod checker;
pub mod crl;
mod crl_dir;
mod embedded;
mod error;
mod freshness;
pub mod ocsp;
mod online;
mod report;
#[cfg(test)]
mod testing;

use std::time::Duration;

pub use self::checker::{BudgetedChecker, RevocationChecker, RevocationConfig};
pub use self::embedded::EmbeddedValues;
pub use self::error::{
    FormatError, OutOfScope, RevocationError, SharedPkiError, UnauthorizedResponder, Unsupported,
};
pub use self::freshness::CheckOptions;
pub use self::ocsp::BasicOcspResponse;
pub use self::report::{
    CrlReason, Evidence, RevocationReport, RevocationSource, RevocationStatus, Verdict,
};

/// Most OCSP URLs, and most CRL URLs, tried for one certificate.
pub const MAX_URLS: usize = 3;
/// Most embedded CRLs, and most embedded OCSP responses, examined for one
/// certificate: those that cannot be read, and those that name its issuer
/// (a CRL) or it (an OCSP response) and so cost a signature check. A
/// signature carries one or two per CA; a signature stuffed with
/// thousands of same-named forgeries costs this many checks per link.
pub const MAX_EMBEDDED_TRIES: usize = 16;
/// Most files read from the CRL directory.
pub const MAX_DIR_FILES: usize = 1000;
/// How long a CRL without nextUpdate counts as current, and is cached.
pub const CRL_DEFAULT_VALIDITY: Duration = Duration::from_secs(3600);
/// How long an OCSP answer without nextUpdate counts as current, and is
/// cached.
pub const OCSP_DEFAULT_VALIDITY: Duration = Duration::from_secs(300);
/// Longest time anything is cached, whatever its nextUpdate says, so that
/// a CA's early re-issue is seen within a day.
pub const MAX_CACHE_TTL: Duration = Duration::from_secs(24 * 3600);
