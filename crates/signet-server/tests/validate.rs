//! `POST /v3/validate` through the router, with signatures made by OpenSSL.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use signet_pki::{Certificate, TrustStore};
use signet_server::{AppState, ServerConfig, app};
use signet_store::SqliteStore;
use test_support::KeyType;
use test_support::pki::{SignOptions, TestPki};
use tower::ServiceExt;

const DOC: &[u8] = b"signet /v3/validate test document";
const KEY: &str = "test-api-key-0123456789";

async fn state(dir: &tempfile::TempDir, pki: &TestPki) -> AppState {
    let store = SqliteStore::open(&dir.path().join("s.db"))
        .await
        .expect("sqlite");
    let mut config = ServerConfig::new("127.0.0.1:0".parse().expect("addr"));
    config.api_keys = vec![KEY.to_owned()];
    let trust =
        TrustStore::from_certificates([Certificate::parse(&pki.root.cert.der).expect("root")]);
    AppState::new(config, Arc::new(store), trust)
}

async fn post(state: AppState, body: String, token: Option<&str>) -> (StatusCode, Vec<u8>) {
    let mut req = Request::post("/v3/validate").header("content-type", "application/json");
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let resp = app(state)
        .oneshot(req.body(Body::from(body)).expect("request"))
        .await
        .expect("response");
    let status = resp.status();
    (
        status,
        resp.into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec(),
    )
}

fn body(content: Option<&[u8]>, sig: &[u8], default_on_fail: bool, signature_only: bool) -> String {
    let mut v = json!({
        "Signature": B64.encode(sig),
        "DefaultOnFail": default_on_fail,
        "VerifySignatureOnly": signature_only,
    });
    if let Some(c) = content {
        v["Content"] = json!(B64.encode(c));
    }
    v.to_string()
}

fn json_of(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(bytes)))
}

#[tokio::test]
async fn a_valid_cades_bes_signature_answers_200_with_the_certificate() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = pki.issue("Иванов Иван Иванович", KeyType::Rsa(2048), None, &[]);
    let sig = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let (status, bytes) = post(
        state(&dir, &pki).await,
        body(Some(DOC), &sig, false, false),
        Some(KEY),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    let v = json_of(&bytes);
    let cert = Certificate::parse(&signer.cert.der).expect("cert");
    assert_eq!(v["Certificate"]["Thumbprint"], cert.thumbprint_hex());
    assert_eq!(v["Certificate"]["CommonName"], "Иванов Иван Иванович");
    assert_eq!(
        v["Certificate"]["IssuerSimpleName"],
        "signet Test Intermediate"
    );
    assert_eq!(v["Attributes"]["CadesType"], "CAdES BES");
    assert!(
        v["Attributes"]["SigningTime"]
            .as_str()
            .expect("signing time")
            .ends_with('Z')
    );
    assert!(v["Attributes"]["SignatureTimeStampTime"].is_null());
}

#[tokio::test]
async fn plain_cms_has_no_cades_type_and_attached_needs_no_content() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::EcP256);
    let signer = pki.issue("EC signer", KeyType::EcP256, None, &[]);
    let sig = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            detached: false,
            ..SignOptions::default()
        },
    );
    let (status, bytes) = post(
        state(&dir, &pki).await,
        body(None, &sig, false, false),
        Some(KEY),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    assert!(json_of(&bytes)["Attributes"]["CadesType"].is_null());
}

#[tokio::test]
async fn a_failed_signature_is_400_with_a_message_or_204_on_default_on_fail() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = pki.issue("Signer", KeyType::Rsa(2048), None, &[]);
    let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
    let st = state(&dir, &pki).await;
    let (status, bytes) = post(
        st.clone(),
        body(Some(b"another document"), &sig, false, false),
        Some(KEY),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        json_of(&bytes)["Message"]
            .as_str()
            .expect("message")
            .contains("content does not match")
    );
    let (status, bytes) = post(
        st,
        body(Some(b"another document"), &sig, true, false),
        Some(KEY),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(bytes.is_empty());
}

#[tokio::test]
async fn verify_signature_only_skips_the_chain() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = pki.issue(
        "Expired",
        KeyType::Rsa(2048),
        Some(("20200101000000Z", "20210101000000Z")),
        &[],
    );
    let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
    let st = state(&dir, &pki).await;
    let (status, bytes) = post(st.clone(), body(Some(DOC), &sig, false, false), Some(KEY)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        json_of(&bytes)["Message"]
            .as_str()
            .expect("m")
            .contains("expired")
    );
    let (status, _) = post(st, body(Some(DOC), &sig, false, true), Some(KEY)).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn tokens_are_required() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::EcP256);
    let st = state(&dir, &pki).await;
    let (status, bytes) = post(st.clone(), body(Some(DOC), b"x", false, false), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(json_of(&bytes)["Message"].is_string());
    let (status, _) = post(st, body(Some(DOC), b"x", false, false), Some("wrong-token")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn malformed_requests_get_400_in_the_api_format() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::EcP256);
    let signer = pki.issue("Signer", KeyType::EcP256, None, &[]);
    let detached = pki.sign(&[&signer], DOC, &SignOptions::default());
    let st = state(&dir, &pki).await;
    for (what, b) in [
        ("not JSON", "{not json".to_owned()),
        ("no Signature", json!({"Content": "AAAA"}).to_string()),
        (
            "Signature of the wrong type",
            json!({"Signature": 5}).to_string(),
        ),
        (
            "detached without Content",
            body(None, &detached, false, false),
        ),
        (
            "Content not base64",
            json!({"Signature": B64.encode(&detached), "Content": "%%%"}).to_string(),
        ),
    ] {
        let (status, bytes) = post(st.clone(), b, Some(KEY)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}");
        assert!(json_of(&bytes)["Message"].is_string(), "{what}");
    }
    // Garbage signatures are failed signatures: 400, or 204 on DefaultOnFail.
    for garbage in [
        &b"garbage"[..],
        &[0x30, 0x03, 0x02, 0x01],
        &detached[..detached.len() / 2],
    ] {
        let (status, _) = post(
            st.clone(),
            body(Some(DOC), garbage, false, false),
            Some(KEY),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = post(st.clone(), body(Some(DOC), garbage, true, false), Some(KEY)).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
}
