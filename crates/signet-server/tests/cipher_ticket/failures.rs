//! The failures a client meets, answered in the vendor's shapes.

use super::*;

#[tokio::test]
async fn failures_answer_in_the_vendors_shapes() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::EcP256);
    let signer = pki.issue(
        "Signer",
        KeyType::EcP256,
        None,
        &[("keyUsage", "critical, digitalSignature, nonRepudiation")],
    );
    let p12 = pkcs12(&pki, &signer, &[]);
    let mut c = Client {
        state: state_with(&dir, &pki, config()).await,
        lang: "ru-RU,ru;q=0.9",
    };
    // Unknown ticket: 400 {message}, in the user's language.
    let a = c
        .call(
            "PUT",
            "/api/v1/ticket/00000000-0000-0000-0000-000000000000/option",
            Some(json!({})),
        )
        .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(a.json(), json!({"message": "Сессия отсутствует."}));
    c.lang = "en";

    let t = c.open().await;
    // Signing before a container is uploaded.
    let a = c
        .call(
            "POST",
            &format!("/api/v1/ticket/{t}/ds/creator"),
            Some(json!({"keyStorePassword": PASSWORD})),
        )
        .await;
    assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(a.json()["failureCause"].as_str().is_some());

    c.key_store_bytes(&t, p12.clone()).await.ok();
    // Wrong password: 500 {message, failureCause}.
    let a = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificate/info/signature"),
            Some(json!({"keyStorePassword": "wrong"})),
        )
        .await;
    assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);
    let v = a.json();
    assert!(v["message"].is_string());
    assert!(
        v["failureCause"]
            .as_str()
            .expect("cause")
            .contains("wrong password"),
        "{v}"
    );
    // A signing-only certificate has no key-agreement key: {}.
    let none = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificate/info/keyAgreement"),
            Some(json!({"keyStorePassword": PASSWORD})),
        )
        .await
        .ok();
    assert_eq!(none, json!({}));
    let bad_type = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificate/info/other"),
            Some(json!({"keyStorePassword": PASSWORD})),
        )
        .await;
    assert_eq!(bad_type.status, StatusCode::BAD_REQUEST);

    // Signing with the wrong password fails at GET ds/creator.
    c.data(&t, DOC.to_vec()).await.ok();
    let a = c.sign(&t, "wrong").await;
    assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(a.json()["message"], "The signature was not created.");

    // A bad option value changes nothing.
    let a = c.option(&t, json!({"signatureType": "enveloping"})).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);

    // A signature over other data: 406 with the reason per signer.
    c.sign(&t, PASSWORD).await.ok();
    c.data(&t, b"other data".to_vec()).await.ok();
    let a = c.verify(&t).await;
    assert_eq!(a.status, StatusCode::NOT_ACCEPTABLE);
    let v = a.json();
    assert_eq!(v["message"], "The signature is not valid.");
    assert_eq!(v["verifyResults"][0]["status"], "FAILURE");
    assert_eq!(v["verifyResults"][0]["isValid"], false);
    assert_eq!(v["verifyResults"][0]["isUntrustedValid"], false);

    // Garbage as a signature.
    c.raw(
        "POST",
        &format!("/api/v1/ticket/{t}/ds/data"),
        b"not a signature".to_vec(),
    )
    .await
    .ok();
    let a = c.verify(&t).await;
    assert_eq!(a.status, StatusCode::NOT_ACCEPTABLE);
    assert!(a.json()["failureCause"].as_str().is_some());

    // CAdES-X Long on a service that checks no revocation: refused, and
    // says why.
    c.option(&t, json!({"cadesType": "CAdESXLong"})).await.ok();
    let a = c.sign(&t, PASSWORD).await;
    assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        a.json()["failureCause"]
            .as_str()
            .expect("cause")
            .contains("revocation checking is off")
    );
}
