//! Login by certificate (Kontur auth, spec 000) as a client does it:
//! authenticate-by-cert, then `openssl cms -decrypt` with the private key
//! (the gost engine for GOST), then approve-cert; the session then works
//! on /v3/validate. Certificates come from a CA run with `openssl ca`.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use signet_pki::{Certificate, TrustStore};
use signet_server::{AppState, ServerConfig, app};
use signet_store::{NewOrganization, PgStore, SqliteStore, Store};
use test_support::KeyType;
use test_support::pki::{Party, SignOptions, TestPki};
use tower::ServiceExt;

#[path = "common/logs.rs"]
mod logs;
use logs::capture_logs;

#[path = "auth/login_policy.rs"]
mod login_policy;

struct Resp {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

async fn call(state: &AppState, req: Request<Body>) -> Resp {
    let r = app(state.clone()).oneshot(req).await.expect("response");
    let status = r.status();
    let headers = r.headers().clone();
    Resp {
        status,
        headers,
        body: r
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec(),
    }
}

async fn authenticate(state: &AppState, cert_pem: &[u8]) -> Resp {
    call(
        state,
        Request::post("/auth/authenticate-by-cert?free=false")
            .header("content-type", "text/plain")
            .body(Body::from(cert_pem.to_vec()))
            .expect("request"),
    )
    .await
}

async fn approve(state: &AppState, thumbprint: &str, key: &str) -> Resp {
    call(
        state,
        Request::post(format!("/auth/v5.9/approve-cert?thumbprint={thumbprint}"))
            .body(Body::from(key.to_owned()))
            .expect("request"),
    )
    .await
}

/// `POST /auth/v5.9/refresh` with `{"RefreshToken": token}`.
async fn refresh(state: &AppState, token: &str) -> Resp {
    call(
        state,
        Request::post("/auth/v5.9/refresh")
            .header("content-type", "application/json")
            .body(Body::from(json!({"RefreshToken": token}).to_string()))
            .expect("request"),
    )
    .await
}

/// The session id and refresh token of an approve or refresh answer.
fn tokens(v: &serde_json::Value) -> (String, String) {
    (
        v["Sid"].as_str().expect("Sid").to_owned(),
        v["RefreshToken"].as_str().expect("RefreshToken").to_owned(),
    )
}

async fn sqlite_state(dir: &tempfile::TempDir, pki: &TestPki, config: ServerConfig) -> AppState {
    let store = SqliteStore::open(&dir.path().join("s.db"))
        .await
        .expect("sqlite");
    state_with(Arc::new(store), pki, config)
}

/// The trust store holds the root and the intermediate, as a
/// deployment's trust directory does: a client sends only its own
/// certificate.
fn state_with(store: Arc<dyn Store>, pki: &TestPki, config: ServerConfig) -> AppState {
    let trust = TrustStore::from_certificates([
        Certificate::parse(&pki.root.cert.der).expect("root"),
        Certificate::parse(&pki.intermediate.cert.der).expect("intermediate"),
    ]);
    AppState::new(config, store, trust)
}

fn config() -> ServerConfig {
    let mut c = ServerConfig::new("127.0.0.1:0".parse().expect("addr"));
    c.public_url = "https://signet.test".into();
    c
}

/// authenticate-by-cert answers 406, as text that says `words`.
async fn assert_refused(state: &AppState, cert_pem: &[u8], words: &str) {
    let r = authenticate(state, cert_pem).await;
    assert_eq!(r.status, StatusCode::NOT_ACCEPTABLE, "{}", r.text());
    assert!(
        r.text().contains(words),
        "{} should mention {words}",
        r.text()
    );
    assert!(
        r.headers["content-type"]
            .to_str()
            .expect("ct")
            .starts_with("text/plain")
    );
}

/// The extensions of a certificate that may log in (`login_policy.rs`):
/// an end entity whose key may be encrypted to — keyEncipherment for RSA
/// and GOST, keyAgreement for EC.
fn login_extensions(key: KeyType) -> [(&'static str, &'static str); 4] {
    let usage = match key {
        KeyType::EcP256 => "critical, digitalSignature, keyAgreement",
        _ => "critical, digitalSignature, keyEncipherment",
    };
    [
        ("basicConstraints", "CA:false"),
        ("keyUsage", usage),
        ("subjectKeyIdentifier", "hash"),
        ("authorityKeyIdentifier", "keyid"),
    ]
}

/// A user who may log in, issued by the test PKI's intermediate.
fn user(pki: &TestPki, cn: &str, key: KeyType) -> Party {
    pki.issue(cn, key, None, &login_extensions(key))
}

/// What a client does with EncryptedKey: `openssl cms -decrypt`.
fn openssl_decrypt(pki: &TestPki, party: &Party, encrypted_b64: &str) -> String {
    let der = B64.decode(encrypted_b64).expect("EncryptedKey is base64");
    let dir = pki.ossl.dir();
    let input = dir.join(format!(
        "enc-{}.der",
        party
            .cert
            .pem_path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("x")
    ));
    std::fs::write(&input, der).expect("write");
    let gost = party.key.key_type.is_gost();
    let out = pki.ossl.run(
        &[
            "cms",
            "-decrypt",
            "-inform",
            "DER",
            "-in",
            input.to_str().expect("p"),
            "-recip",
            party.cert.pem_path.to_str().expect("p"),
            "-inkey",
            party.key.path.to_str().expect("p"),
        ],
        gost,
    );
    String::from_utf8(out).expect("the key is ASCII")
}

/// authenticate-by-cert and the client's decryption: the certificate's
/// thumbprint and the decrypted key, ready for approve-cert.
async fn challenge(state: &AppState, pki: &TestPki, party: &Party) -> (String, String) {
    let r = authenticate(state, &party.cert.pem).await;
    let key = openssl_decrypt(pki, party, r.json()["EncryptedKey"].as_str().expect("key"));
    let thumbprint = Certificate::parse(&party.cert.der)
        .expect("cert")
        .thumbprint_hex();
    (thumbprint, key)
}

/// The whole flow for one key type; returns the session id.
async fn login(state: &AppState, pki: &TestPki, party: &Party) -> String {
    let r = authenticate(state, &party.cert.pem).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let v = r.json();
    let thumbprint = Certificate::parse(&party.cert.der)
        .expect("cert")
        .thumbprint_hex();
    assert_eq!(v["Link"]["Rel"], "Send decrypted key to this link");
    assert_eq!(
        v["Link"]["Href"],
        format!("https://signet.test/auth/v5.9/approve-cert?thumbprint={thumbprint}")
    );
    let key = openssl_decrypt(
        pki,
        party,
        v["EncryptedKey"].as_str().expect("EncryptedKey"),
    );
    assert!(
        key.len() >= 22 && key.is_ascii(),
        "a key of at least 128 bits as ASCII: {key:?}"
    );
    let r = approve(state, &thumbprint, &key).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let v = r.json();
    let sid = v["Sid"].as_str().expect("Sid").to_owned();
    assert_eq!(sid.len(), 64);
    assert!(v["RefreshToken"].is_string());
    let cookie = r.headers["set-cookie"].to_str().expect("cookie");
    assert!(
        cookie.starts_with(&format!("auth.sid={sid};"))
            && cookie.contains("HttpOnly")
            && cookie.contains("Secure")
            && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    // The key is single-use.
    let again = approve(state, &thumbprint, &key).await;
    assert_eq!(again.status, StatusCode::FORBIDDEN);
    assert!(
        again.text().contains("already been used"),
        "{}",
        again.text()
    );
    sid
}

async fn validate_with(state: &AppState, pki: &TestPki, signer: &Party, token: &str) -> StatusCode {
    let doc = b"signed with a session";
    let md = match signer.key.key_type {
        KeyType::Gost2012_256(_) => "md_gost12_256",
        KeyType::Gost2012_512(_) => "md_gost12_512",
        _ => "sha256",
    };
    let sig = pki.sign(
        &[signer],
        doc,
        &SignOptions {
            md,
            ..SignOptions::default()
        },
    );
    let body = json!({"Content": B64.encode(doc), "Signature": B64.encode(sig)}).to_string();
    call(
        state,
        Request::post("/v3/validate")
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {token}"))
            .body(Body::from(body))
            .expect("request"),
    )
    .await
    .status
}

#[tokio::test]
async fn rsa_ec_and_gost_certificates_log_in_and_use_the_session() {
    for key in [
        KeyType::Rsa(2048),
        KeyType::EcP256,
        KeyType::Gost2012_256("A"),
    ] {
        let dir = tempfile::tempdir().expect("dir");
        let pki = TestPki::new(key);
        let party = user(&pki, "Пользователь", key);
        let state = sqlite_state(&dir, &pki, config()).await;
        let sid = login(&state, &pki, &party).await;
        assert_eq!(
            validate_with(&state, &pki, &party, &sid).await,
            StatusCode::OK,
            "{key:?}"
        );
        assert_eq!(
            validate_with(&state, &pki, &party, "0000").await,
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test]
async fn invalid_certificates_are_406_with_a_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let state = sqlite_state(&dir, &pki, config()).await;
    // 2020-01-01 … 2021-01-01 and 2099-01-01 … 2100-01-01
    let expired = pki.issue(
        "Expired",
        KeyType::Rsa(2048),
        Some(("20200101000000Z", "20210101000000Z")),
        &login_extensions(KeyType::Rsa(2048)),
    );
    let future = pki.issue(
        "Future",
        KeyType::Rsa(2048),
        Some(("20990101000000Z", "21000101000000Z")),
        &login_extensions(KeyType::Rsa(2048)),
    );
    let other = TestPki::new(KeyType::Rsa(2048));
    let stranger = user(&other, "Stranger", KeyType::Rsa(2048));
    for (party, words) in [
        (&expired, "expired"),
        (&future, "not valid before"),
        (&stranger, "trusted root"),
    ] {
        assert_refused(&state, &party.cert.pem, words).await;
    }
}

#[tokio::test]
async fn revoked_certificates_are_406() {
    let server = test_support::net::HttpServer::start();
    let url = server.url("/inter.crl");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let cdp = format!("URI:{url}");
    let revoked = pki.issue(
        "Revoked",
        KeyType::Rsa(2048),
        None,
        &[
            ("basicConstraints", "CA:false"),
            ("keyUsage", "critical, digitalSignature, keyEncipherment"),
            ("crlDistributionPoints", &cdp),
        ],
    );
    pki.revoke(&revoked, "keyCompromise");
    server.route("/inter.crl", test_support::net::Route::Ok(pki.crl()));
    let dir = tempfile::tempdir().expect("dir");
    let store = SqliteStore::open(&dir.path().join("s.db"))
        .await
        .expect("sqlite");
    // Root and intermediate trusted, so the end entity's status decides.
    let trust = TrustStore::from_certificates([
        Certificate::parse(&pki.root.cert.der).expect("root"),
        Certificate::parse(&pki.intermediate.cert.der).expect("intermediate"),
    ]);
    let engine = signet_pki::Engine::networked(
        Arc::new(trust.clone()),
        signet_pki::RevocationMode::Require,
        Duration::from_secs(5),
        None,
    );
    let state = AppState::new(config(), Arc::new(store), trust).with_engine(engine);
    let r = authenticate(&state, &revoked.cert.pem).await;
    assert_eq!(r.status, StatusCode::NOT_ACCEPTABLE, "{}", r.text());
    assert!(r.text().contains("revoked"), "{}", r.text());
}

#[tokio::test]
async fn bad_requests_are_400_and_wrong_or_late_keys_403() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::EcP256);
    let party = user(&pki, "User", KeyType::EcP256);
    let mut c = config();
    c.auth_key_ttl = Duration::from_secs(1);
    let state = sqlite_state(&dir, &pki, c).await;

    let no_free = call(
        &state,
        Request::post("/auth/authenticate-by-cert")
            .body(Body::from(party.cert.pem.clone()))
            .expect("r"),
    )
    .await;
    assert_eq!(no_free.status, StatusCode::BAD_REQUEST);
    assert!(no_free.text().contains("free"));
    assert_eq!(
        authenticate(&state, b"").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        authenticate(&state, b"garbage, not a certificate")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        authenticate(&state, &[0x30, 0x82, 0x10, 0x00, 0x01])
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    let thumbprint = Certificate::parse(&party.cert.der)
        .expect("cert")
        .thumbprint_hex();
    assert_eq!(
        approve(&state, "", "x").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        approve(&state, &thumbprint, "  ").await.status,
        StatusCode::BAD_REQUEST
    );

    let r = authenticate(&state, &party.cert.pem).await;
    let key = openssl_decrypt(
        &pki,
        &party,
        r.json()["EncryptedKey"].as_str().expect("key"),
    );
    let wrong = approve(&state, &thumbprint, "not-the-key").await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let late = approve(&state, &thumbprint, &key).await;
    assert_eq!(late.status, StatusCode::FORBIDDEN);
    assert!(late.text().contains("expired"), "{}", late.text());
}

#[tokio::test]
async fn sessions_expire_refresh_and_end() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::EcP256);
    let party = user(&pki, "User", KeyType::EcP256);
    let state = sqlite_state(&dir, &pki, config()).await;
    let (thumbprint, key) = challenge(&state, &pki, &party).await;
    let (sid, refresh_token) = tokens(&approve(&state, &thumbprint, &key).await.json());

    let refreshed = refresh(&state, &refresh_token).await;
    assert_eq!(refreshed.status, StatusCode::OK, "{}", refreshed.text());
    let (new_sid, _) = tokens(&refreshed.json());
    assert_ne!(new_sid, sid);
    assert_eq!(
        validate_with(&state, &pki, &party, &sid).await,
        StatusCode::UNAUTHORIZED,
        "the old session is spent"
    );
    assert_eq!(
        validate_with(&state, &pki, &party, &new_sid).await,
        StatusCode::OK
    );
    let spent = call(
        &state,
        Request::post("/auth/v5.9/refresh")
            .body(Body::from(refresh_token.clone()))
            .expect("r"),
    )
    .await;
    assert_eq!(spent.status, StatusCode::FORBIDDEN);

    let out = call(
        &state,
        Request::post("/auth/logout")
            .header("cookie", format!("auth.sid={new_sid}"))
            .body(Body::empty())
            .expect("r"),
    )
    .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(
        validate_with(&state, &pki, &party, &new_sid).await,
        StatusCode::UNAUTHORIZED
    );

    // Idle expiry.
    let mut c = config();
    c.session_idle = Duration::from_secs(1);
    let dir2 = tempfile::tempdir().expect("dir");
    let short = sqlite_state(&dir2, &pki, c).await;
    let sid = login(&short, &pki, &party).await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(
        validate_with(&short, &pki, &party, &sid).await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn logins_are_rate_limited_per_certificate() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::EcP256);
    let party = user(&pki, "User", KeyType::EcP256);
    let mut c = config();
    c.auth_rate_per_certificate = 2;
    let state = sqlite_state(&dir, &pki, c).await;
    for _ in 0..2 {
        let r = authenticate(&state, &party.cert.pem).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
    let third = authenticate(&state, &party.cert.pem).await;
    assert_eq!(third.status, StatusCode::FORBIDDEN);
    assert!(third.text().contains("too many"));
}

/// A certificate of "ООО Ромашка" (OGRN 1027700132195, INN 7701234567)
/// with these basicConstraints and keyUsage, and the organisation of that
/// INN in `state`'s store. (`TestPki::issue` sets only CN/O/C through
/// `openssl ca -preserveDN`, so it is made with the identity attributes.)
async fn romashka(
    pki: &TestPki,
    state: &AppState,
    basic_constraints: &str,
    key_usage: &str,
) -> (Party, signet_store::Organization) {
    let key = pki.ossl.generate_key(KeyType::Rsa(2048));
    let spec = test_support::CertSpec::new()
        .subject("CN", "ООО Ромашка")
        .subject("OGRN", "1027700132195")
        .subject("INNLE", "7701234567")
        .extension("basicConstraints", basic_constraints)
        .extension("keyUsage", key_usage);
    let cert = pki
        .ossl
        .issue(&pki.intermediate.cert, &pki.intermediate.key, &key, &spec);
    let org = state
        .store
        .create_organization(NewOrganization {
            name: "Ромашка".into(),
            inn: Some("7701234567".into()),
            ..Default::default()
        })
        .await
        .expect("org");
    (Party { cert, key }, org)
}

#[tokio::test]
async fn organisations_are_granted_by_the_certificates_identifiers() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let state = sqlite_state(&dir, &pki, config()).await;
    let (party, org) = romashka(
        &pki,
        &state,
        "CA:false",
        "critical, digitalSignature, keyEncipherment",
    )
    .await;
    let _ = login(&state, &pki, &party).await;
    let thumbprint = Certificate::parse(&party.cert.der)
        .expect("cert")
        .thumbprint_hex();
    assert_eq!(
        state
            .store
            .granted_organizations(&thumbprint)
            .await
            .expect("grants"),
        vec![org.id]
    );
}

#[tokio::test]
async fn a_session_from_one_instance_works_on_another_sharing_postgres() {
    use sqlx::Connection;
    use std::str::FromStr;
    let url = std::env::var("SIGNET_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned());
    let schema = format!("signet_auth_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(&url)
        .await
        .expect("PostgreSQL on 127.0.0.1:5432");
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&mut admin)
        .await
        .expect("schema");
    let options = || {
        sqlx::postgres::PgConnectOptions::from_str(&url)
            .expect("url")
            .options([("search_path", schema.as_str())])
    };
    let pki = TestPki::new(KeyType::EcP256);
    let party = user(&pki, "User", KeyType::EcP256);
    let first = state_with(
        Arc::new(PgStore::with_options(options()).await.expect("pg")),
        &pki,
        config(),
    );
    let second = state_with(
        Arc::new(PgStore::with_options(options()).await.expect("pg")),
        &pki,
        config(),
    );
    // Challenge on one instance, approval on the other.
    let r = authenticate(&first, &party.cert.pem).await;
    let key = openssl_decrypt(
        &pki,
        &party,
        r.json()["EncryptedKey"].as_str().expect("key"),
    );
    let thumbprint = Certificate::parse(&party.cert.der)
        .expect("cert")
        .thumbprint_hex();
    let v = approve(&second, &thumbprint, &key).await.json();
    let sid = v["Sid"].as_str().expect("sid").to_owned();
    assert_eq!(
        validate_with(&first, &pki, &party, &sid).await,
        StatusCode::OK
    );
    assert_eq!(
        validate_with(&second, &pki, &party, &sid).await,
        StatusCode::OK
    );
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
        .execute(&mut admin)
        .await
        .expect("drop");
}

/// No secret reaches a log line: with every event at TRACE captured, a
/// whole login (challenge, approval, a wrong and a reused key), a refresh,
/// the session's use and a logout leave none of the decrypted key, the
/// session id, the refresh token (old or new) or the API key in the logs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_reaches_a_log_line_at_trace_level() {
    let logs = capture_logs();
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::EcP256);
    let party = user(&pki, "User", KeyType::EcP256);
    let api_key = "api-key-that-must-not-be-logged-0123456789";
    let mut c = config();
    c.api_keys = vec![api_key.into()];
    let state = sqlite_state(&dir, &pki, c).await;
    let (thumbprint, key) = challenge(&state, &pki, &party).await;
    let wrong = approve(&state, &thumbprint, "a-wrong-key-that-is-no-secret").await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let v = approve(&state, &thumbprint, &key).await.json();
    assert_eq!(
        approve(&state, &thumbprint, &key).await.status,
        StatusCode::FORBIDDEN
    );
    let (sid, refresh_token) = tokens(&v);
    let refreshed = refresh(&state, &refresh_token).await;
    assert_eq!(refreshed.status, StatusCode::OK, "{}", refreshed.text());
    let (new_sid, new_refresh) = tokens(&refreshed.json());
    assert_eq!(
        validate_with(&state, &pki, &party, &new_sid).await,
        StatusCode::OK
    );
    assert_eq!(
        validate_with(&state, &pki, &party, api_key).await,
        StatusCode::OK
    );
    let out = call(
        &state,
        Request::post("/auth/logout")
            .header("cookie", format!("auth.sid={new_sid}"))
            .body(Body::empty())
            .expect("r"),
    )
    .await;
    assert!(out.status.is_success(), "{}", out.text());

    let text = logs.text();
    // The capture works: the flow's own events are there.
    assert!(text.contains("login challenge issued"), "{text}");
    assert!(text.contains("TRACE") || text.contains("DEBUG"), "{text}");
    for (what, secret) in [
        ("the decrypted key", key.as_str()),
        ("the session id", sid.as_str()),
        ("the refresh token", refresh_token.as_str()),
        ("the new session id", new_sid.as_str()),
        ("the new refresh token", new_refresh.as_str()),
        ("the API key", api_key),
    ] {
        assert!(!text.contains(secret), "{what} is in the logs:\n{text}");
    }
}

/// Session fixation: a session id the client names before logging in
/// (a planted `auth.sid` cookie) is not adopted — approve-cert issues a
/// fresh one — and the planted id opens nothing.
#[tokio::test]
async fn a_planted_session_id_is_not_adopted() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::EcP256);
    let party = user(&pki, "User", KeyType::EcP256);
    let state = sqlite_state(&dir, &pki, config()).await;
    let planted = "f".repeat(64);
    let (thumbprint, key) = challenge(&state, &pki, &party).await;
    let r = call(
        &state,
        Request::post(format!("/auth/v5.9/approve-cert?thumbprint={thumbprint}"))
            .header("cookie", format!("auth.sid={planted}"))
            .body(Body::from(key))
            .expect("r"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let sid = r.json()["Sid"].as_str().expect("sid").to_owned();
    assert_ne!(sid, planted);
    assert_eq!(
        validate_with(&state, &pki, &party, &sid).await,
        StatusCode::OK
    );
    assert_eq!(
        validate_with(&state, &pki, &party, &planted).await,
        StatusCode::UNAUTHORIZED
    );
}
