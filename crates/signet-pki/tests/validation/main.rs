//! The validation engine against signatures made by OpenSSL 3
//! (`openssl cms -sign`, `openssl ts -reply`, a CA run with `openssl ca`):
//! each case of the validation issue as its own test.

#[path = "../common/mod.rs"]
mod common;

mod bes;
mod encodings;
mod forged_issuer;
mod gost;
mod revocation;
mod signers;
mod time_stamps;
mod x_long;

use common::validate_offline;
use signet_pki::CadesLevel;
use signet_pki::{Certificate, TrustStore};
use signet_pki::{ChainStatus, ValidationOptions, ValidationReport, Validator};
use signet_pki::{Content, ContentDigests, SignedData, SignerFailure};
use signet_pki::{Offline, PathError};
use test_support::KeyType;
use test_support::der_tree::{self, Node};
use test_support::pki::{Party, SignOptions, TestPki};
use time::{Duration, OffsetDateTime};

const DOC: &[u8] = b"\xD0\x94\xD0\xBE\xD0\xB3\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x80 \xE2\x84\x96 1: signet test document\n";

fn trust_root(pki: &TestPki) -> TrustStore {
    TrustStore::from_certificates([Certificate::parse(&pki.root.cert.der).expect("root")])
}

fn validate(trust: &TrustStore, sig: &[u8], content: &[u8]) -> ValidationReport {
    validate_offline(trust, sig, content, OffsetDateTime::now_utc(), false)
}

fn assert_valid(report: &ValidationReport) {
    assert!(
        report.is_valid(),
        "expected valid, got: {:?}",
        report.failure()
    );
}

fn ee(pki: &TestPki, cn: &str, key: KeyType) -> Party {
    pki.issue(cn, key, None, &[])
}
