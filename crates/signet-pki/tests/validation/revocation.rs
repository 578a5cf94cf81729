//! The engine with revocation checking on: CRLs served over HTTP and
//! `openssl ocsp` as the responder. The trust store holds the root and
//! the intermediate (as a deployment's trust directory would), so the
//! end entity's status decides.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use signet_pki::{FetchBudget, FetchLimits, HttpFetcher};
use signet_pki::{RevocationChecker, RevocationConfig, RevocationStatus};
use test_support::net::{HttpServer, Route, free_port};

use super::*;

fn trust_both(pki: &TestPki) -> TrustStore {
    TrustStore::from_certificates([
        Certificate::parse(&pki.root.cert.der).expect("root"),
        Certificate::parse(&pki.intermediate.cert.der).expect("intermediate"),
    ])
}

fn checker(timeout_secs: u64) -> RevocationChecker {
    let config = RevocationConfig {
        timeout: StdDuration::from_secs(timeout_secs),
        ..RevocationConfig::default()
    };
    RevocationChecker::new(config.clone(), Arc::new(HttpFetcher::new(config.timeout)))
}

fn validate_with(
    trust: &TrustStore,
    checker: &RevocationChecker,
    sig: &[u8],
    now: OffsetDateTime,
) -> ValidationReport {
    let signed = SignedData::parse(sig).expect("parses");
    let digests = ContentDigests::of_bytes(DOC, &signed.digest_algorithms());
    let budget = FetchBudget::new(FetchLimits::default());
    let validator = Validator {
        trust,
        issuers: &Offline,
        revocation: Some(checker.within(&budget)),
    };
    validator.validate(
        &signed,
        Content {
            digests: &digests,
            bytes: Some(DOC),
        },
        &ValidationOptions::full(now),
    )
}

fn with_cdp(pki: &TestPki, cn: &str, url: &str) -> Party {
    let cdp = format!("URI:{url}");
    pki.issue(
        cn,
        KeyType::Rsa(2048),
        None,
        &[
            ("basicConstraints", "CA:false"),
            ("keyUsage", "critical, digitalSignature, nonRepudiation"),
            ("crlDistributionPoints", &cdp),
        ],
    )
}

#[test]
fn good_and_revoked_by_crl() {
    let server = HttpServer::start();
    let url = server.url("/inter.crl");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let good = with_cdp(&pki, "Good signer", &url);
    let bad = with_cdp(&pki, "Revoked signer", &url);
    pki.revoke(&bad, "keyCompromise");
    server.route("/inter.crl", Route::Ok(pki.crl()));
    let trust = trust_both(&pki);
    let checker = checker(5);
    let now = OffsetDateTime::now_utc();

    let report = validate_with(
        &trust,
        &checker,
        &pki.sign(&[&good], DOC, &SignOptions::default()),
        now,
    );
    assert_valid(&report);
    match &report.signers[0].chain {
        ChainStatus::Valid { revocation, .. } => {
            assert!(
                matches!(revocation.as_slice(), [RevocationStatus::Good { .. }]),
                "{revocation:?}"
            )
        }
        other => panic!("{other:?}"),
    }

    let report = validate_with(
        &trust,
        &checker,
        &pki.sign(&[&bad], DOC, &SignOptions::default()),
        now,
    );
    match &report.signers[0].chain {
        ChainStatus::Revoked {
            subject, reason, ..
        } => {
            assert_eq!(subject, "Revoked signer");
            assert_eq!(reason.as_deref(), Some("keyCompromise"));
        }
        other => panic!("expected revoked, got {other:?}"),
    }
    assert!(report.failure().expect("failure").contains("revoked"));
}

#[test]
fn revoked_by_ocsp() {
    let port = free_port();
    let pki = TestPki::new(KeyType::Rsa(2048));
    let aia = format!("OCSP;URI:http://127.0.0.1:{port}/");
    let signer = pki.issue(
        "OCSP signer",
        KeyType::Rsa(2048),
        None,
        &[
            ("basicConstraints", "CA:false"),
            ("keyUsage", "critical, digitalSignature, nonRepudiation"),
            ("authorityInfoAccess", &aia),
        ],
    );
    let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
    let trust = trust_both(&pki);
    let checker = checker(5);
    {
        let _responder = pki.ocsp_responder(port);
        assert_valid(&validate_with(
            &trust,
            &checker,
            &sig,
            OffsetDateTime::now_utc(),
        ));
    }
    pki.revoke(&signer, "superseded");
    // A fresh checker: the good answer above is cached by the first.
    let checker = self::checker(5);
    let _responder = pki.ocsp_responder(port);
    let report = validate_with(&trust, &checker, &sig, OffsetDateTime::now_utc());
    assert!(
        matches!(&report.signers[0].chain, ChainStatus::Revoked { reason: Some(r), .. } if r == "superseded"),
        "{:?}",
        report.signers[0].chain
    );
}

#[test]
fn unreachable_sources_give_an_unknown_status_in_bounded_time() {
    let server = HttpServer::start();
    server.route("/hang.crl", Route::Hang);
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = with_cdp(&pki, "Signer", &server.url("/hang.crl"));
    let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
    let started = std::time::Instant::now();
    let report = validate_with(
        &trust_both(&pki),
        &checker(1),
        &sig,
        OffsetDateTime::now_utc(),
    );
    assert!(
        started.elapsed() < StdDuration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    assert!(matches!(
        report.signers[0].chain,
        ChainStatus::RevocationUnknown { .. }
    ));
    let failure = report.failure().expect("unknown fails by default");
    assert!(
        failure.contains("revocation status") && failure.contains("timed out"),
        "{failure}"
    );
}

#[test]
fn revocation_after_the_time_stamp_does_not_fail_a_cades_t_signature() {
    let server = HttpServer::start();
    let url = server.url("/inter.crl");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = with_cdp(&pki, "Signer", &url);
    let tsa = pki.tsa(KeyType::Rsa(2048));
    let bes = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let value = der_tree::signature_value(&bes, 0);
    let cades_t = der_tree::add_unsigned_attribute(
        &bes,
        0,
        "1.2.840.113549.1.9.16.2.14",
        &pki.timestamp(&tsa, &value),
    );
    // Revocation times have whole seconds: revoke strictly later.
    std::thread::sleep(StdDuration::from_millis(1100));
    pki.revoke(&signer, "keyCompromise");
    server.route("/inter.crl", Route::Ok(pki.crl()));
    let trust = trust_both(&pki);
    let checker = checker(5);
    let now = OffsetDateTime::now_utc();
    assert!(matches!(
        validate_with(&trust, &checker, &bes, now).signers[0].chain,
        ChainStatus::Revoked { .. }
    ));
    let report = validate_with(&trust, &checker, &cades_t, now);
    assert_valid(&report);
    assert!(matches!(
        &report.signers[0].chain,
        ChainStatus::Valid { revocation, .. } if matches!(revocation[0], RevocationStatus::Revoked { .. })
    ));
}
