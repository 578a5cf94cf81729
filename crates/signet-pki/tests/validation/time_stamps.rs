//! CAdES-T: validation at the time of an `openssl ts` signature-time-stamp,
//! and time-stamps that must not count (over another signature, from a
//! certificate that is not a TSA).

use super::*;

/// Adds a signature-time-stamp (an `openssl ts` token over `imprinted`).
fn with_timestamp(pki: &TestPki, tsa: &Party, sig: &[u8], imprinted: &[u8]) -> Vec<u8> {
    let token = pki.timestamp(tsa, imprinted);
    der_tree::add_unsigned_attribute(sig, 0, "1.2.840.113549.1.9.16.2.14", &token)
}

#[test]
fn cades_t_is_validated_at_the_time_stamp() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Signer", KeyType::Rsa(2048));
    let tsa = pki.tsa(KeyType::Rsa(2048));
    let sig = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let value = der_tree::signature_value(&sig, 0);
    let cades_t = with_timestamp(&pki, &tsa, &sig, &value);
    let trust = trust_root(&pki);
    let report = validate(&trust, &cades_t, DOC);
    assert_valid(&report);
    let s = &report.signers[0];
    assert_eq!(s.cades, Some(CadesLevel::T));
    let ts = s.timestamp.as_ref().expect("time-stamp");
    assert!(ts.result.is_ok());
    assert!((ts.time - OffsetDateTime::now_utc()).abs() < Duration::minutes(5));
    assert_eq!(
        s.validation_time, ts.time,
        "the chain is checked at the time-stamp"
    );

    // Two years on the signer's certificate has expired: the CAdES-BES
    // signature no longer validates, the CAdES-T one still does.
    let later = OffsetDateTime::now_utc() + Duration::days(730);
    assert!(!validate_offline(&trust, &sig, DOC, later, false).is_valid());
    assert_valid(&validate_offline(&trust, &cades_t, DOC, later, false));
}

#[test]
fn time_stamp_over_another_signature_fails() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Signer", KeyType::Rsa(2048));
    let tsa = pki.tsa(KeyType::Rsa(2048));
    let sig = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let other = pki.sign(
        &[&signer],
        b"another document",
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let wrong = with_timestamp(&pki, &tsa, &sig, &der_tree::signature_value(&other, 0));
    let report = validate(&trust_root(&pki), &wrong, DOC);
    assert!(!report.is_valid());
    let s = &report.signers[0];
    assert_eq!(
        s.cades,
        Some(CadesLevel::Bes),
        "an invalid time-stamp does not make CAdES-T"
    );
    assert!(
        report.failure().expect("failure").contains("other data"),
        "{:?}",
        report.failure()
    );
}

#[test]
fn time_stamp_from_a_non_tsa_certificate_fails() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Signer", KeyType::Rsa(2048));
    // OpenSSL refuses to make tokens with a non-TSA certificate, so the
    // signer's own certificate cannot stand in; a TSA of another PKI does.
    let other = TestPki::new(KeyType::Rsa(2048));
    let foreign_tsa = other.tsa(KeyType::Rsa(2048));
    let sig = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let value = der_tree::signature_value(&sig, 0);
    let token = other.timestamp(&foreign_tsa, &value);
    let stamped = der_tree::add_unsigned_attribute(&sig, 0, "1.2.840.113549.1.9.16.2.14", &token);
    let report = validate(&trust_root(&pki), &stamped, DOC);
    assert!(!report.is_valid());
    assert!(
        report
            .failure()
            .expect("failure")
            .contains("time-stamp authority is not trusted"),
        "{:?}",
        report.failure()
    );
}
