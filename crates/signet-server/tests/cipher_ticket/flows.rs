//! Whole flows: a PKCS#12 container made by OpenSSL (RSA) and by
//! gost-engine (GOST) signs through a ticket, and `openssl cms -verify`
//! checks the signatures.

use super::*;

async fn sign_and_check(pki: &TestPki, signer: &Party, container: Vec<u8>, gost: bool) {
    let dir = tempfile::tempdir().expect("dir");
    let c = Client {
        state: state_with(&dir, pki, config()).await,
        lang: "uk",
    };
    let t = c.open().await;
    c.data(&t, DOC.to_vec()).await.ok();
    c.key_store(&t, json!({"base64Data": B64.encode(&container)}))
        .await
        .ok();

    // Certificate info, as the spec's example renders it.
    let info = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificate/info/signature"),
            Some(json!({"keyStorePassword": PASSWORD})),
        )
        .await
        .ok();
    let cert = Certificate::parse(&signer.cert.der).expect("cert");
    let owner = &info["ownerCertificateInfo"];
    assert_eq!(owner["description"], "Власник");
    assert_eq!(
        owner["value"]["ownerFullName"]["value"],
        cert.fields().subject.get(&signet_pki::ids::CN).expect("cn")
    );
    let serial = info["certificateSerialNumber"]["value"]
        .as_str()
        .expect("serial");
    assert_eq!(
        serial.replace(' ', ""),
        hex::encode_upper(&cert.fields().serial_number)
    );
    assert!(
        info["notAfter"]["value"]
            .as_str()
            .is_some_and(|d| d.contains("EET") || d.contains("EEST")),
        "{info}"
    );
    // The spec's example path is the same call.
    let again = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificateInfo/signature"),
            Some(json!({"keyStorePassword": PASSWORD})),
        )
        .await
        .ok();
    assert_eq!(again, info);

    // Detached (the default), then attached.
    let made = c.sign(&t, PASSWORD).await.ok();
    assert_eq!(made["message"], "Електронний підпис успішно створений.");
    let detached = c.signature(&t).await;
    assert_eq!(openssl_verifies(pki, &detached, Some(DOC), gost), DOC);

    c.option(
        &t,
        json!({"signatureType": "attached", "embedCertificateType": "signerAndCaCert"}),
    )
    .await
    .ok();
    c.sign(&t, PASSWORD).await.ok();
    let attached = c.signature(&t).await;
    assert_eq!(openssl_verifies(pki, &attached, None, gost), DOC);

    // signet's own verification of what it made.
    let v = c.verify(&t).await.ok();
    assert_eq!(v["message"], "Цифровий підпис дійсний.");
    let r = &v["verifyResults"][0];
    assert_eq!(r["status"], "SUCCESS", "{v}");
    assert_eq!(r["isValid"], true);
    assert_eq!(r["isUntrustedValid"], true);
    assert_eq!(r["signatureType"], "CAdES-BES");
    assert!(r["signingDateTime"].is_string());
    assert_eq!(r["signerInfo"], info);

    c.call("DELETE", &format!("/api/v1/ticket/{t}"), None)
        .await
        .ok();
    let gone = c
        .call("GET", &format!("/api/v1/ticket/{t}/ds/base64Data"), None)
        .await;
    assert_eq!(gone.status, StatusCode::BAD_REQUEST);
    assert_eq!(gone.json()["message"], "Сесія відсутня.");
}

#[tokio::test]
async fn rsa_pkcs12_made_by_openssl_signs_and_verifies() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = pki.issue("Тестовий Підписувач", KeyType::Rsa(2048), None, &[]);
    let p12 = pkcs12(&pki, &signer, &[]);
    sign_and_check(&pki, &signer, p12, false).await;
}

#[tokio::test]
async fn gost_pkcs12_made_by_gost_engine_signs_and_verifies() {
    let pki = TestPki::new(KeyType::Gost2012_256("A"));
    let signer = pki.issue("Тестовий ГОСТ", KeyType::Gost2012_256("A"), None, &[]);
    let p12 = pkcs12(
        &pki,
        &signer,
        &[
            "-keypbe",
            "gost89",
            "-certpbe",
            "gost89",
            "-macalg",
            "md_gost12_512",
        ],
    );
    sign_and_check(&pki, &signer, p12, true).await;
}
