//! Revocation checking against real peers: a CA run with `openssl ca`
//! (root, intermediate, a delegated OCSP responder with extendedKeyUsage
//! OCSPSigning, end-entity certificates with CRL distribution point and
//! OCSP URLs on 127.0.0.1), its CRLs served by a small HTTP server in this
//! test, and `openssl ocsp` as the responder.
//!
//! Every test makes its own CA in a temporary directory and its own
//! servers, so tests run in parallel and count their own requests. The
//! responder process is killed when its guard is dropped, test failures
//! included.

mod ca;
mod ca_issuers;
mod crl;
mod limits;
mod ocsp;
mod offline;
mod outages;

use std::sync::Arc;
use std::time::{Duration, Instant};

use signet_pki::Certificate;
use signet_pki::IssuerSource;
use signet_pki::{CaIssuers, FetchBudget, FetchLimits, HttpFetcher};
use signet_pki::{
    MAX_EMBEDDED_TRIES, MAX_URLS, RevocationChecker, RevocationConfig, RevocationSource,
    RevocationStatus,
};
use test_support::Openssl;
use test_support::net::{HttpServer, Route, free_port};
use time::OffsetDateTime;

use ca::{Ca, ca_root_crl};

fn checker(config: RevocationConfig) -> RevocationChecker {
    let fetcher = Arc::new(HttpFetcher::new(config.timeout));
    RevocationChecker::new(config, fetcher)
}

/// A fresh outbound budget of the default limits: one per check, as one
/// validation would have.
fn budget() -> FetchBudget {
    FetchBudget::new(FetchLimits::default())
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn crl_only() -> RevocationConfig {
    RevocationConfig {
        prefer_ocsp: false,
        ..RevocationConfig::default()
    }
}

fn unknown_reasons(status: RevocationStatus) -> Vec<String> {
    match status {
        RevocationStatus::Unknown { reasons } => reasons,
        other => panic!("expected Unknown, got {other:?}"),
    }
}
