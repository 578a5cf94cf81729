//! DSTU 4145 keys from the Ukrainian test stores: an IIT key-6 container
//! with a signature made by jkurwa, and a signature made in a ticket that
//! jkurwa verifies.

use test_support::ua_testdata::{jkurwa_signing_certificate, jkurwa_verifies, ua};

use super::*;

/// A DSTU 4145 key in an IIT container (the public test store
/// STORE_A040.dat) with its key-agreement certificate uploaded beside it,
/// and a DSTU signature made by jkurwa verified through the ticket.
#[tokio::test]
async fn dstu_key6_container_and_jkurwa_signature() {
    let dir = tempfile::tempdir().expect("dir");
    let c = Client {
        state: state_trusting(&dir, &ua("SELF_SIGNED1.cer"), config()).await,
        lang: "uk",
    };
    let t = c.open().await;
    c.key_store(
        &t,
        json!({
            "base64Data": B64.encode(ua("STORE_A040.dat")),
            "certificates": [B64.encode(ua("SELF_SIGNED_ENC_40A0.cer"))],
        }),
    )
    .await
    .ok();
    let info = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificate/info/keyAgreement"),
            Some(json!({"keyStorePassword": "password"})),
        )
        .await
        .ok();
    assert_eq!(
        info["publicKeyCertificateInfo"]["value"]["dsAlgorism"]["value"],
        "ДСТУ 4145-2002, ПБ, little-endian",
        "{info}"
    );
    assert_eq!(
        info["extensionsCertificateInfo"]["value"]["keyUsage"]["value"], "Узгодження ключів",
        "{info}"
    );
    // Its only certificate allows key agreement: no signing key.
    let none = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificate/info/signature"),
            Some(json!({"keyStorePassword": "password"})),
        )
        .await
        .ok();
    assert_eq!(none, json!({}));
    let wrong = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificate/info/keyAgreement"),
            Some(json!({"keyStorePassword": "passw0rd"})),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::INTERNAL_SERVER_ERROR);

    // message.p7: attached, signed by jkurwa with SELF_SIGNED1's key.
    c.raw(
        "POST",
        &format!("/api/v1/ticket/{t}/ds/data"),
        ua("message.p7"),
    )
    .await
    .ok();
    let v = c.verify(&t).await.json();
    let r = &v["verifyResults"][0];
    assert_eq!(r["isUntrustedValid"], true, "{v}");
    assert_eq!(
        r["signerInfo"]["publicKeyCertificateInfo"]["value"]["dsAlgorism"]["value"],
        "ДСТУ 4145-2002, ПБ, little-endian"
    );
    // The same signature over other content is not valid at all.
    c.raw(
        "POST",
        &format!("/api/v1/ticket/{t}/ds/data"),
        ua("message_detached.p7"),
    )
    .await
    .ok();
    c.data(&t, b"124".to_vec()).await.ok();
    let a = c.verify(&t).await;
    assert_eq!(a.status, StatusCode::NOT_ACCEPTABLE);
    assert_eq!(a.json()["verifyResults"][0]["isUntrustedValid"], false);
    c.data(&t, b"123".to_vec()).await.ok();
    let v = c.verify(&t).await.json();
    assert_eq!(v["verifyResults"][0]["isUntrustedValid"], true, "{v}");
}

/// A DSTU 4145 key in a PKCS#8 store (STORE_A040.dat), with a signing
/// certificate jkurwa made for it uploaded beside it: signet signs through
/// the ticket, and jkurwa verifies the signature.
#[tokio::test]
async fn dstu_signature_made_in_a_ticket_verifies_in_jkurwa() {
    let dir = tempfile::tempdir().expect("dir");
    let cert = jkurwa_signing_certificate("Key40A0.cer", "signet DSTU signer");
    let c = Client {
        state: state_trusting(&dir, &cert, config()).await,
        lang: "uk",
    };
    let t = c.open().await;
    c.key_store(
        &t,
        json!({
            "base64Data": B64.encode(ua("STORE_A040.dat")),
            "certificates": [B64.encode(&cert)],
        }),
    )
    .await
    .ok();
    let info = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificate/info/signature"),
            Some(json!({"keyStorePassword": "password"})),
        )
        .await
        .ok();
    assert_eq!(
        info["publicKeyCertificateInfo"]["value"]["dsAlgorism"]["value"],
        "ДСТУ 4145-2002, ПБ, little-endian",
        "{info}"
    );
    for attached in [false, true] {
        c.data(&t, DOC.to_vec()).await.ok();
        c.option(
            &t,
            json!({"signatureType": if attached { "attached" } else { "detached" }}),
        )
        .await
        .ok();
        c.sign(&t, "password").await.ok();
        let sig = c.signature(&t).await;
        let content = (!attached).then_some(DOC);
        assert!(
            jkurwa_verifies(&sig, content),
            "jkurwa rejects (attached {attached})"
        );
        assert!(!jkurwa_verifies(&sig, Some(b"other content")));
        let v = c.verify(&t).await.ok();
        assert_eq!(v["verifyResults"][0]["status"], "SUCCESS", "{v}");
        assert_eq!(v["verifyResults"][0]["signatureType"], "CAdES-BES", "{v}");
    }
}
