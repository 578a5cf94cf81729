//! Ticket lifetime and isolation: tickets expire when idle, and nothing
//! crosses a ticket boundary.

use super::*;

#[tokio::test]
async fn tickets_expire_when_idle() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::EcP256);
    let mut config = config();
    config.ticket_idle = Duration::from_millis(300);
    let c = Client {
        state: state_with(&dir, &pki, config).await,
        lang: "uk",
    };
    let t = c.open().await;
    c.data(&t, DOC.to_vec()).await.ok();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let a = c.data(&t, DOC.to_vec()).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(a.json()["message"], "Сесія відсутня.");
}

/// Nothing crosses a ticket boundary: a ticket holding data, a key
/// container and a signature lends none of them to another ticket, and
/// deleting the other ticket leaves it whole.
#[tokio::test]
async fn nothing_crosses_a_ticket_boundary() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = pki.issue("Власник квитка", KeyType::Rsa(2048), None, &[]);
    let p12 = pkcs12(&pki, &signer, &[]);
    let c = Client {
        state: state_with(&dir, &pki, config()).await,
        lang: "en",
    };
    let (a, b) = (c.open().await, c.open().await);
    assert_ne!(a, b);
    c.raw("POST", &format!("/api/v1/ticket/{a}/data"), DOC.to_vec())
        .await
        .ok();
    c.raw("PUT", &format!("/api/v1/ticket/{a}/keyStore"), p12)
        .await
        .ok();
    let password = json!({"keyStorePassword": PASSWORD});
    c.call(
        "POST",
        &format!("/api/v1/ticket/{a}/ds/creator"),
        Some(password.clone()),
    )
    .await;
    assert_eq!(c.creator_result(&a).await.status, StatusCode::OK);
    let signed = c
        .call("GET", &format!("/api/v1/ticket/{a}/ds/base64Data"), None)
        .await
        .ok();
    assert!(signed["base64Data"].is_string(), "{signed}");

    // Ticket B sees no data, no container, no signature of A's.
    let info = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{b}/keyStore/certificate/info/signature"),
            Some(password.clone()),
        )
        .await;
    assert!(
        !String::from_utf8_lossy(&info.body).contains("Власник квитка"),
        "{}",
        String::from_utf8_lossy(&info.body)
    );
    let start = c
        .call(
            "POST",
            &format!("/api/v1/ticket/{b}/ds/creator"),
            Some(password.clone()),
        )
        .await;
    if start.status.is_success() {
        let done = c.creator_result(&b).await;
        assert_ne!(
            done.status,
            StatusCode::OK,
            "B signed with A's key and data"
        );
    }
    for path in ["ds/base64Data", "ds/data"] {
        let got = c
            .call("GET", &format!("/api/v1/ticket/{b}/{path}"), None)
            .await;
        assert_ne!(
            got.status,
            StatusCode::OK,
            "{path} of B: {}",
            String::from_utf8_lossy(&got.body)
        );
    }
    // Deleting B leaves A whole.
    c.call("DELETE", &format!("/api/v1/ticket/{b}"), None)
        .await
        .ok();
    let again = c
        .call("GET", &format!("/api/v1/ticket/{a}/ds/base64Data"), None)
        .await
        .ok();
    assert_eq!(again["base64Data"], signed["base64Data"]);
}
