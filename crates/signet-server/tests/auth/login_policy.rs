//! Who may log in by certificate (`kontur_auth/login_policy.rs`): a CA
//! certificate, a key that may not be encrypted to and a purpose other
//! than client authentication are refused 406 with the rule named; the
//! certificates of real users still log in.

use super::*;

/// An RSA user certificate with these keyUsage and extendedKeyUsage
/// values (`None`: the extension is left out) and basicConstraints cA.
fn rsa_user(pki: &TestPki, cn: &str, ca: bool, usage: &str, eku: Option<&str>) -> Party {
    let bc = if ca { "critical, CA:true" } else { "CA:false" };
    let mut ext = vec![
        ("basicConstraints", bc),
        ("keyUsage", usage),
        ("subjectKeyIdentifier", "hash"),
        ("authorityKeyIdentifier", "keyid"),
    ];
    if let Some(eku) = eku {
        ext.push(("extendedKeyUsage", eku));
    }
    pki.issue(cn, KeyType::Rsa(2048), None, &ext)
}

#[tokio::test]
async fn ca_signature_only_and_server_certificates_cannot_log_in() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let state = sqlite_state(&dir, &pki, config()).await;
    // A trusted CA: its own name's identifiers once got it an organisation.
    assert_refused(
        &state,
        &pki.intermediate.cert.pem,
        "a CA certificate cannot log in",
    )
    .await;
    // A CA whose key may otherwise be encrypted to, for client auth.
    let ca = rsa_user(
        &pki,
        "Sub CA",
        true,
        "critical, keyCertSign, cRLSign, keyEncipherment",
        Some("clientAuth"),
    );
    assert_refused(&state, &ca.cert.pem, "a CA certificate cannot log in").await;
    let signing = rsa_user(
        &pki,
        "Signing only",
        false,
        "critical, digitalSignature, nonRepudiation",
        Some("clientAuth"),
    );
    assert_refused(
        &state,
        &signing.cert.pem,
        "key usage does not allow encryption to this key",
    )
    .await;
    let server = rsa_user(
        &pki,
        "Server",
        false,
        "critical, digitalSignature, keyEncipherment",
        Some("serverAuth"),
    );
    assert_refused(
        &state,
        &server.cert.pem,
        "extended key usage does not allow client authentication",
    )
    .await;
}

#[tokio::test]
async fn users_with_encryption_keys_and_client_purposes_log_in() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let state = sqlite_state(&dir, &pki, config()).await;
    let rsa = rsa_user(
        &pki,
        "RSA user",
        false,
        "critical, digitalSignature, keyEncipherment",
        Some("clientAuth, emailProtection"),
    );
    let _ = login(&state, &pki, &rsa).await;
    let ec = pki.issue(
        "EC user",
        KeyType::EcP256,
        None,
        &[
            ("basicConstraints", "CA:false"),
            ("keyUsage", "critical, digitalSignature, keyAgreement"),
            ("extendedKeyUsage", "clientAuth"),
        ],
    );
    let _ = login(&state, &pki, &ec).await;
}

#[tokio::test]
async fn an_operator_configured_eku_admits_a_certificate() {
    // A CryptoPro private purpose, not one of the standard login ones.
    const EKU: &str = "1.2.643.2.2.34.6";
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let party = rsa_user(
        &pki,
        "Private purpose",
        false,
        "critical, keyEncipherment",
        Some(EKU),
    );
    let strict = sqlite_state(&dir, &pki, config()).await;
    assert_refused(
        &strict,
        &party.cert.pem,
        "extended key usage does not allow client authentication",
    )
    .await;
    let other = tempfile::tempdir().expect("dir");
    let mut c = config();
    c.login_eku = vec![EKU.parse().expect("oid")];
    let admitting = sqlite_state(&other, &pki, c).await;
    let _ = login(&admitting, &pki, &party).await;
}

/// A login challenge for a CA certificate left from before the rule (or
/// planted in a shared store) still opens no organisation by the INN in
/// the CA's own name.
#[tokio::test]
async fn a_ca_certificate_is_never_granted_an_organisation() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let state = sqlite_state(&dir, &pki, config()).await;
    let (ca, _) = romashka(
        &pki,
        &state,
        "critical, CA:true",
        "critical, keyCertSign, cRLSign",
    )
    .await;
    let ca = ca.cert;
    let thumbprint = Certificate::parse(&ca.der).expect("cert").thumbprint_hex();
    let now = signet_store::now_unix();
    state
        .store
        .create_challenge(&signet_store::Challenge {
            thumbprint: thumbprint.clone(),
            key_hash: signet_store::TokenHash::of("planted-key"),
            certificate: ca.der.clone(),
            created_at: now,
            expires_at: now + 300,
        })
        .await
        .expect("challenge");
    let r = approve(&state, &thumbprint, "planted-key").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(
        state
            .store
            .granted_organizations(&thumbprint)
            .await
            .expect("grants")
            .is_empty()
    );
}
