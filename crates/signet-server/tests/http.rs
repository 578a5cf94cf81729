//! The HTTP skeleton through the router itself (`oneshot`, no socket):
//! health, readiness with a working and a failing store, OpenAPI, Swagger
//! UI, request ids and the body limit.

use std::sync::Arc;

use async_trait::async_trait;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use signet_pki::TrustStore;
use signet_server::{AppState, ServerConfig, app};
use signet_store::{
    Backend, ByteStream, Challenge, ChallengeOutcome, ContentMeta, NewContent, NewOrganization,
    OrgIdentifiers, Organization, Session, SqliteStore, Store, StoreError, TokenHash,
};
use tower::ServiceExt;
use uuid::Uuid;

async fn sqlite_state(dir: &tempfile::TempDir) -> AppState {
    let store = SqliteStore::open(&dir.path().join("signet.db"))
        .await
        .expect("sqlite");
    let config = ServerConfig::new("127.0.0.1:0".parse().expect("addr"));
    AppState::new(config, Arc::new(store), TrustStore::default())
}

async fn get(state: AppState, uri: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let resp = app(state)
        .oneshot(Request::get(uri).body(Body::empty()).expect("request"))
        .await
        .expect("response");
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    (status, headers, body)
}

fn json(body: &[u8]) -> Value {
    serde_json::from_slice(body).expect("JSON body")
}

#[tokio::test]
async fn healthz_answers_with_version() {
    let dir = tempfile::tempdir().expect("dir");
    let (status, headers, body) = get(sqlite_state(&dir).await, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json(&body)["status"], "ok");
    assert_eq!(json(&body)["version"], env!("CARGO_PKG_VERSION"));
    let id = headers.get("x-request-id").expect("request id is set");
    assert!(Uuid::parse_str(id.to_str().expect("ascii")).is_ok());
}

#[tokio::test]
async fn a_client_request_id_is_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let resp = app(sqlite_state(&dir).await)
        .oneshot(
            Request::get("/healthz")
                .header("x-request-id", "trace-me-42")
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("response");
    assert_eq!(resp.headers()["x-request-id"], "trace-me-42");
}

#[tokio::test]
async fn readyz_reports_the_store_and_trust_store() {
    let dir = tempfile::tempdir().expect("dir");
    let mut state = sqlite_state(&dir).await;
    let root = test_support::ua_testdata::ua("CZOROOT.cer");
    state.trust = Arc::new(TrustStore::from_certificates([
        signet_pki::Certificate::parse(&root).expect("root parses"),
    ]));
    let (status, _, body) = get(state, "/readyz").await;
    assert_eq!(status, StatusCode::OK);
    let v = json(&body);
    assert_eq!(v["status"], "ready");
    assert_eq!(v["store"], "sqlite");
    assert_eq!(v["trustedCertificates"], 1);
}

/// A store whose database is gone: every call fails as unavailable.
struct DownStore;

fn down<T>() -> Result<T, StoreError> {
    Err(StoreError::Unavailable(sqlx_io_error()))
}

fn sqlx_io_error() -> sqlx::Error {
    sqlx::Error::Io(std::io::Error::new(
        std::io::ErrorKind::ConnectionRefused,
        "connection refused",
    ))
}

#[async_trait]
impl Store for DownStore {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }
    async fn ping(&self) -> Result<(), StoreError> {
        down()
    }
    async fn create_organization(&self, _: NewOrganization) -> Result<Organization, StoreError> {
        down()
    }
    async fn organization(&self, _: Uuid) -> Result<Option<Organization>, StoreError> {
        down()
    }
    async fn organizations(&self) -> Result<Vec<Organization>, StoreError> {
        down()
    }
    async fn organizations_matching(
        &self,
        _: &OrgIdentifiers,
    ) -> Result<Vec<Organization>, StoreError> {
        down()
    }
    async fn grant(&self, _: Uuid, _: &str) -> Result<bool, StoreError> {
        down()
    }
    async fn granted_organizations(&self, _: &str) -> Result<Vec<Uuid>, StoreError> {
        down()
    }
    async fn create_session(&self, _: &Session) -> Result<(), StoreError> {
        down()
    }
    async fn session(&self, _: &TokenHash) -> Result<Option<Session>, StoreError> {
        down()
    }
    async fn touch_session(&self, _: &TokenHash, _: i64, _: i64) -> Result<bool, StoreError> {
        down()
    }
    async fn delete_session(&self, _: &TokenHash) -> Result<bool, StoreError> {
        down()
    }
    async fn delete_expired_sessions(&self, _: i64) -> Result<u64, StoreError> {
        down()
    }
    async fn session_by_refresh(&self, _: &TokenHash) -> Result<Option<Session>, StoreError> {
        down()
    }
    async fn rotate_session(&self, _: &TokenHash, _: &Session) -> Result<bool, StoreError> {
        down()
    }
    async fn create_challenge(&self, _: &Challenge) -> Result<(), StoreError> {
        down()
    }
    async fn take_challenge(
        &self,
        _: &str,
        _: &TokenHash,
        _: i64,
    ) -> Result<ChallengeOutcome, StoreError> {
        down()
    }
    async fn delete_expired_challenges(&self, _: i64) -> Result<u64, StoreError> {
        down()
    }
    async fn put_content(
        &self,
        _: NewContent,
        _: ByteStream<'_>,
        _: u64,
    ) -> Result<ContentMeta, StoreError> {
        down()
    }
    async fn replace_content(
        &self,
        _: Uuid,
        _: NewContent,
        _: ByteStream<'_>,
        _: u64,
    ) -> Result<Option<ContentMeta>, StoreError> {
        down()
    }
    async fn content_meta(&self, _: Uuid, _: Uuid) -> Result<Option<ContentMeta>, StoreError> {
        down()
    }
    async fn open_content(
        &self,
        _: Uuid,
        _: Uuid,
    ) -> Result<Option<(ContentMeta, ByteStream<'static>)>, StoreError> {
        down()
    }
    async fn delete_content(&self, _: Uuid, _: Uuid) -> Result<bool, StoreError> {
        down()
    }
}

#[tokio::test]
async fn readyz_is_503_when_the_store_is_down() {
    let config = ServerConfig::new("127.0.0.1:0".parse().expect("addr"));
    let state = AppState::new(config, Arc::new(DownStore), TrustStore::default());
    let (status, _, body) = get(state, "/readyz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let v = json(&body);
    assert_eq!(v["status"], "unavailable");
    assert_eq!(v["store"], "postgres");
    // The cause is logged, not leaked.
    assert!(!v["reason"].as_str().expect("reason").contains("refused"));
}

#[tokio::test]
async fn openapi_document_is_3_1_and_lists_the_routes_and_models() {
    let dir = tempfile::tempdir().expect("dir");
    let (status, _, body) = get(sqlite_state(&dir).await, "/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let v = json(&body);
    assert!(v["openapi"].as_str().expect("version").starts_with("3.1"));
    assert!(v["paths"]["/healthz"]["get"].is_object());
    assert!(v["paths"]["/readyz"]["get"].is_object());
    let schemas = &v["components"]["schemas"];
    let cert = &schemas["Certificate"]["properties"];
    for field in [
        "Thumbprint",
        "ValidFrom",
        "PublicKeyRawData",
        "OrgnIp",
        "RnsFss",
        "CertificateType",
    ] {
        assert!(
            cert[field].is_object(),
            "CryptoApi Certificate.{field} documented"
        );
    }
    assert!(schemas["CertificateInfo"]["properties"]["extensionsCertificateInfo"].is_object());

    // Each family's error body is its own schema (they are all Rust types
    // named ErrorBody; one name would make them overwrite each other).
    assert!(schemas["CryptoApiError"]["properties"]["Message"].is_object());
    assert!(schemas["ReestroError"]["properties"]["code"].is_object());
    assert!(schemas["WebError"]["properties"]["error"].is_object());
    assert!(schemas["MessageBody"]["properties"]["message"].is_object());
    // Every operation documents the overload 503, in its family's format,
    // with a schema that exists.
    let mut operations = 0;
    for (path, item) in v["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            let r503 = &op["responses"]["503"];
            assert!(r503.is_object(), "{method} {path}: no 503 documented");
            if let Some(content) = r503["content"].as_object() {
                for (media, c) in content {
                    if let Some(r) = c["schema"]["$ref"].as_str() {
                        let name = r.trim_start_matches("#/components/schemas/");
                        assert!(schemas[name].is_object(), "{method} {path}: {media} {r}");
                    }
                }
            }
            operations += 1;
        }
    }
    assert!(operations > 30, "{operations} operations");
    let validate_503 = &v["paths"]["/v3/validate"]["post"]["responses"]["503"];
    assert_eq!(
        validate_503["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/CryptoApiError"
    );
    assert!(validate_503["headers"]["Retry-After"].is_object());
}

#[tokio::test]
async fn swagger_ui_is_served_offline() {
    let dir = tempfile::tempdir().expect("dir");
    let state = sqlite_state(&dir).await;
    let (status, _, body) = get(state.clone(), "/docs/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        String::from_utf8_lossy(&body).contains("swagger"),
        "Swagger UI page"
    );
    let (status, _, body) = get(state, "/docs/swagger-ui-bundle.js").await;
    assert_eq!(status, StatusCode::OK, "assets come from the binary");
    assert!(body.len() > 100_000);
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_413() {
    let dir = tempfile::tempdir().expect("dir");
    let mut state = sqlite_state(&dir).await;
    let mut config = (*state.config).clone();
    config.max_body_bytes = 1024;
    state.config = Arc::new(config);
    let resp = app(state)
        .oneshot(
            Request::post("/healthz")
                .header("content-length", "4096")
                .body(Body::from(vec![b'x'; 4096]))
                .expect("request"),
        )
        .await
        .expect("response");
    assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn unknown_routes_are_404_not_500() {
    let dir = tempfile::tempdir().expect("dir");
    let (status, _, _) = get(sqlite_state(&dir).await, "/no/such/route").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
