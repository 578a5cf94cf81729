//! Unit tests of [`super`]: the links shown when no path is valid.

use super::*;
use test_support::KeyType;
use test_support::pki::TestPki;

fn cert(der: &[u8]) -> Certificate {
    Certificate::parse(der).expect("certificate")
}

fn checks(f: &PathFailure) -> Vec<&LinkCheck> {
    f.links.iter().map(|(_, c)| c).collect()
}

#[test]
fn an_expired_end_entity_still_shows_its_issuers() {
    let pki = TestPki::new(KeyType::EcP256);
    let old = pki.issue(
        "Expired",
        KeyType::EcP256,
        Some(("20200101000000Z", "20210101000000Z")),
        &[],
    );
    let trust = TrustStore::from_certificates([cert(&pki.root.cert.der)]);
    let validator = PathValidator::new(&trust, &Offline);
    let pool = [cert(&pki.intermediate.cert.der)];
    let now = OffsetDateTime::now_utc();
    let failure = validator
        .validate_partial(&cert(&old.cert.der), &pool, now)
        .expect_err("expired");
    assert!(matches!(failure.error, PathError::Expired { .. }));
    let c = checks(&failure);
    assert_eq!(c.len(), 3, "{c:?}");
    assert!(matches!(c[0], LinkCheck::Failed(PathError::Expired { .. })));
    assert_eq!(c[1..], [&LinkCheck::Passed, &LinkCheck::Passed]);
    // validate gives the same error and builds nothing more.
    assert_eq!(
        validator
            .validate(&cert(&old.cert.der), &pool, now)
            .expect_err("expired"),
        failure.error
    );
}

#[test]
fn an_unknown_root_fails_at_the_last_certificate_reached() {
    let pki = TestPki::new(KeyType::EcP256);
    let other = TestPki::new(KeyType::EcP256);
    let signer = pki.issue("Signer", KeyType::EcP256, None, &[]);
    let trust = TrustStore::from_certificates([cert(&other.root.cert.der)]);
    let validator = PathValidator::new(&trust, &Offline);
    let failure = validator
        .validate_partial(
            &cert(&signer.cert.der),
            &[cert(&pki.intermediate.cert.der), cert(&pki.root.cert.der)],
            OffsetDateTime::now_utc(),
        )
        .expect_err("untrusted");
    let c = checks(&failure);
    assert_eq!(c.len(), 3, "signer, intermediate, root: {c:?}");
    assert_eq!(c[..2], [&LinkCheck::Passed, &LinkCheck::Passed]);
    assert!(matches!(
        c[2],
        LinkCheck::Failed(PathError::UntrustedRoot { .. })
    ));
}
