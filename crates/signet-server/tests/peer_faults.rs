//! CRL, OCSP and TSA servers that hang or answer garbage, seen through the
//! service's APIs (`signet-pki`'s `tests/revocation/` and `tests/sign/`
//! cover the same peers in the library): each answer comes within a bound
//! set by the network timeout (1 s here), and says why in words — the
//! revocation status is unknown because the responder timed out or
//! answered something malformed; a CAdES-T signature is refused because
//! the TSA timed out or its answer cannot be read.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use signet_pki::HttpFetcher;
use signet_pki::TsaClient;
use signet_pki::{Certificate, TrustStore};
use signet_pki::{Engine, RevocationMode};
use signet_server::{AppState, ServerConfig, app};
use signet_store::SqliteStore;
use test_support::KeyType;
use test_support::net::{HttpServer, Route};
use test_support::pki::{SignOptions, TestPki};
use tower::ServiceExt;

const DOC: &[u8] = b"signet peer faults test document";
const KEY: &str = "peer-faults-api-key-0123456789";
const TIMEOUT: Duration = Duration::from_secs(1);
/// Every answer within this, whatever the peers do: a few network timeouts
/// and the signing or validation work.
const BOUND: Duration = Duration::from_secs(8);

/// What a broken peer does: hang (read the request, never answer), or
/// answer 200 with bytes of this kind.
fn faults() -> [(&'static str, Route); 3] {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let noise: Vec<u8> = (0..3000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    [
        ("hang", Route::Hang),
        ("noise", Route::Ok(noise)),
        (
            "html",
            Route::Ok(b"<html><body><h1>502 Bad Gateway</h1></body></html>".to_vec()),
        ),
    ]
}

async fn state(dir: &tempfile::TempDir, pki: &TestPki) -> AppState {
    let store = SqliteStore::open(&dir.path().join("s.db"))
        .await
        .expect("sqlite");
    let mut config = ServerConfig::new("127.0.0.1:0".parse().expect("addr"));
    config.api_keys = vec![KEY.to_owned()];
    // Both CAs trusted: the signer's status is the one to find.
    let trust = TrustStore::from_certificates([
        Certificate::parse(&pki.root.cert.der).expect("root"),
        Certificate::parse(&pki.intermediate.cert.der).expect("intermediate"),
    ]);
    AppState::new(config, Arc::new(store), trust)
}

async fn send(state: &AppState, req: Request<Body>) -> (StatusCode, Value) {
    let resp = app(state.clone()).oneshot(req).await.expect("response");
    let status = resp.status();
    let bytes = resp.into_body().collect().await.expect("body").to_bytes();
    let v = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}), {status}: {}",
                String::from_utf8_lossy(&bytes)
            )
        })
    };
    (status, v)
}

/// `POST /v3/validate` of a signature whose signer names a CRL
/// distribution point and an OCSP responder that both hang, or both
/// answer garbage: 400 within the bound, the message naming both sources
/// and why each failed; with `DefaultOnFail`, 204.
#[tokio::test]
async fn validate_with_crl_and_ocsp_that_hang_or_answer_garbage() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::EcP256);
    let peer = HttpServer::start();
    let signer = pki.issue(
        "Signer with broken revocation",
        KeyType::EcP256,
        None,
        &[
            (
                "crlDistributionPoints",
                &format!("URI:{}", peer.url("/ca.crl")),
            ),
            (
                "authorityInfoAccess",
                &format!("OCSP;URI:{}", peer.url("/ocsp")),
            ),
        ],
    );
    let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
    let body = |default_on_fail: bool| {
        json!({
            "Signature": B64.encode(&sig),
            "Content": B64.encode(DOC),
            "DefaultOnFail": default_on_fail,
        })
        .to_string()
    };
    let base = state(&dir, &pki).await;
    for (fault, route) in faults() {
        peer.route("/ca.crl", route.clone());
        peer.route("/ocsp", route);
        // A fresh engine: failures are remembered for 30 s per engine.
        let engine = Engine::networked(base.trust.clone(), RevocationMode::Require, TIMEOUT, None);
        let st = base.clone().with_engine(engine);
        let request = |default_on_fail| {
            Request::post("/v3/validate")
                .header("content-type", "application/json")
                .header("authorization", format!("Bearer {KEY}"))
                .body(Body::from(body(default_on_fail)))
                .expect("request")
        };
        let started = Instant::now();
        let (status, v) = send(&st, request(false)).await;
        let took = started.elapsed();
        assert!(took < BOUND, "{fault}: took {took:?}");
        assert_eq!(status, StatusCode::BAD_REQUEST, "{fault}: {v}");
        let message = v["Message"].as_str().expect("Message");
        let why = match fault {
            "hang" => "timed out after 1 s",
            _ => "malformed",
        };
        for source in [
            format!("OCSP {}", peer.url("/ocsp")),
            format!("CRL {}", peer.url("/ca.crl")),
        ] {
            assert!(
                message.contains(&source),
                "{fault}: {source} not in {message}"
            );
        }
        assert!(message.contains("revocation status"), "{fault}: {message}");
        assert_eq!(message.matches(why).count(), 2, "{fault}: {message}");
        eprintln!("{fault}: 400 in {took:?}: {message}");

        let started = Instant::now();
        let (status, _) = send(&st, request(true)).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{fault}");
        assert!(
            started.elapsed() < BOUND,
            "{fault}: {:?}",
            started.elapsed()
        );
    }
}

/// A Cipher BIS ticket asked for a CAdES-T signature while the TSA hangs
/// or answers garbage: the operation fails within the bound, answered as
/// a failed operation (500 `{message, failureCause}`) whose cause says
/// what the TSA did; no signature is made.
#[tokio::test]
async fn cades_t_with_a_tsa_that_hangs_or_answers_garbage() {
    const PASSWORD: &str = "пароль 12345";
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::EcP256);
    let signer = pki.issue("Підписувач без TSA", KeyType::EcP256, None, &[]);
    let p12 = pki
        .ossl
        .pkcs12_export(&signer.key, &signer.cert, None, PASSWORD, &[]);
    let tsa = HttpServer::start();
    let base = state(&dir, &pki).await;
    let st = base.with_tsa(Arc::new(TsaClient::new(
        tsa.url("/tsa"),
        Arc::new(HttpFetcher::new(TIMEOUT)),
    )));
    let call = |method: &str, path: String, content_type: &str, body: Vec<u8>| {
        Request::builder()
            .method(method)
            .uri(path)
            .header("accept-language", "en")
            .header("content-type", content_type)
            .body(Body::from(body))
            .expect("request")
    };
    for (fault, route) in faults() {
        tsa.route("/tsa", route);
        let (status, v) = send(&st, call("POST", "/api/v1/ticket".into(), "", vec![])).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        let t = format!(
            "/api/v1/ticket/{}",
            v["ticketUuid"].as_str().expect("ticketUuid")
        );
        let octets = "application/octet-stream";
        for (path, bytes) in [("data", DOC.to_vec()), ("keyStore", p12.clone())] {
            let method = if path == "data" { "POST" } else { "PUT" };
            let (status, v) = send(&st, call(method, format!("{t}/{path}"), octets, bytes)).await;
            assert_eq!(status, StatusCode::OK, "{path}: {v}");
        }
        let options = json!({"cadesType": "CAdEST"}).to_string().into_bytes();
        let (status, v) = send(
            &st,
            call("PUT", format!("{t}/option"), "application/json", options),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{v}");

        let started = Instant::now();
        let password = json!({"keyStorePassword": PASSWORD})
            .to_string()
            .into_bytes();
        let (status, v) = send(
            &st,
            call(
                "POST",
                format!("{t}/ds/creator"),
                "application/json",
                password,
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{fault}: {v}");
        let (status, v) = loop {
            let (status, v) = send(&st, call("GET", format!("{t}/ds/creator"), "", vec![])).await;
            if status != StatusCode::ACCEPTED {
                break (status, v);
            }
            assert!(started.elapsed() < BOUND, "{fault}: still signing");
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        let took = started.elapsed();
        assert!(took < BOUND, "{fault}: took {took:?}");
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{fault}: {v}");
        let cause = v["failureCause"].as_str().expect("failureCause");
        let why = match fault {
            "hang" => "timed out",
            _ => "cannot be read",
        };
        assert!(cause.contains(why), "{fault}: {cause}");
        assert!(
            cause.contains("time-stamping authority"),
            "{fault}: {cause}"
        );
        eprintln!("{fault}: {status} in {took:?}: {} — {cause}", v["message"]);
        let (status, _) = send(&st, call("GET", format!("{t}/ds/base64Data"), "", vec![])).await;
        assert_ne!(status, StatusCode::OK, "{fault}: no signature");
    }
}
