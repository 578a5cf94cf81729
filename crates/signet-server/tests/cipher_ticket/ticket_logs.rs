//! A ticket's UUID is its only credential, so no log line carries it: a
//! whole ticket flow, with every event of the process at TRACE captured,
//! names the ticket only by its tag (the first 8 hex digits of the
//! SHA-256 of the UUID), in the access log's path among others.

use signet_server::cipher::ticket::log_tag::ticket_tag;

use super::*;
use crate::logs::capture_logs;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_ticket_uuid_reaches_a_log_line() {
    let logs = capture_logs();
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::EcP256);
    let signer = pki.issue("Журнал", KeyType::EcP256, None, &[]);
    let c = Client {
        state: state_with(&dir, &pki, config()).await,
        lang: "en",
    };
    let t = c.open().await;
    c.option(&t, json!({"signatureType": "attached"}))
        .await
        .ok();
    c.data(&t, DOC.to_vec()).await.ok();
    c.key_store_bytes(&t, pkcs12(&pki, &signer, &[])).await.ok();
    c.call(
        "PUT",
        &format!("/api/v1/ticket/{t}/keyStore/certificate/info/signature"),
        Some(json!({"keyStorePassword": PASSWORD})),
    )
    .await
    .ok();
    c.sign(&t, PASSWORD).await.ok();
    c.signature(&t).await;
    // Verification runs in a job of its own; its outcome does not matter here.
    let _ = c.verify(&t).await;
    // Upper case names the same ticket (the tag is of the canonical form).
    let upper = t.to_uppercase();
    c.call("GET", &format!("/api/v1/ticket/{upper}/ds/creator"), None)
        .await
        .ok();
    c.call("DELETE", &format!("/api/v1/ticket/{t}"), None)
        .await
        .ok();
    // A closed ticket's UUID stays out of the logs too.
    let gone = c.data(&t, DOC.to_vec()).await;
    assert_eq!(gone.status, StatusCode::BAD_REQUEST);

    let text = logs.text();
    let tag = ticket_tag(&t);
    assert!(
        text.contains(&format!("/api/v1/ticket/{tag}/ds/creator")),
        "the access log names the ticket by its tag {tag}:\n{text}"
    );
    for form in [t.clone(), upper, t.replace('-', "")] {
        assert!(
            !text.contains(&form),
            "the ticket's UUID {form} is in the logs:\n{text}"
        );
    }
    // No piece of it either: the UUID's last group is 12 random hex digits.
    let last = t.rsplit('-').next().expect("group");
    assert!(
        !text.contains(last),
        "a piece of the UUID is in the logs:\n{text}"
    );
}
