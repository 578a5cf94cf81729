//! A request's outbound fetches end with the request (issue 22, point 1):
//! the anonymous login by certificate of the issue's report, with a
//! certificate whose caIssuers URLs lead to a server that reads each
//! request and never answers. The request times out; the fetch in flight
//! is interrupted and no further URL is tried after the answer. The
//! library's own limits (count, time, policy, caps, negative cache) are
//! tested in `crates/signet-pki/tests/outbound.rs`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use signet_pki::{Certificate, TrustStore};
use signet_pki::{Engine, RevocationMode};
use signet_pki::{FetchConfig, FetchLimits};
use signet_server::{AppState, ServerConfig, app};
use signet_store::SqliteStore;
use test_support::KeyType;
use test_support::net::{HttpServer, Route};
use test_support::pki::TestPki;
use tower::ServiceExt;

/// Each fetch gives up after this long: longer than the request may take,
/// so the second URL would be tried after the answer if nothing stopped it.
const FETCH_TIMEOUT: Duration = Duration::from_secs(2);
/// The request's own time limit (the server answers 408 then).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(1);

#[tokio::test(flavor = "multi_thread")]
async fn a_timed_out_login_stops_fetching_when_the_request_ends() {
    let pki = TestPki::new(KeyType::EcP256);
    let silent = HttpServer::start();
    let paths: Vec<String> = (0..8).map(|i| format!("/ca/{i}.cer")).collect();
    for p in &paths {
        silent.route(p, Route::Hang);
    }
    let access: Vec<String> = paths
        .iter()
        .map(|p| format!("caIssuers;URI:{}", silent.url(p)))
        .collect();
    let access = access.join(", ");
    let person = pki.issue(
        "Login by certificate",
        KeyType::EcP256,
        None,
        &[
            ("basicConstraints", "CA:false"),
            ("keyUsage", "critical, digitalSignature, keyAgreement"),
            ("authorityInfoAccess", access.as_str()),
        ],
    );

    let dir = tempfile::tempdir().expect("dir");
    let store = SqliteStore::open(&dir.path().join("s.db"))
        .await
        .expect("sqlite");
    // Only the root: the intermediate must come from caIssuers.
    let trust = Arc::new(TrustStore::from_certificates([Certificate::parse(
        &pki.root.cert.der,
    )
    .expect("root")]));
    let fetch = FetchConfig {
        timeout: FETCH_TIMEOUT,
        per_request: FetchLimits {
            max_fetches: 16,
            max_time: Duration::from_secs(60),
        },
        ..FetchConfig::default()
    };
    let engine = Engine::networked_with(trust, RevocationMode::Off, None, &fetch);
    let mut config = ServerConfig::new("127.0.0.1:0".parse().expect("addr"));
    config.request_timeout = REQUEST_TIMEOUT;
    let state = AppState::new(config, Arc::new(store), TrustStore::default()).with_engine(engine);

    let started = Instant::now();
    let response = app(state)
        .oneshot(
            Request::post("/auth/authenticate-by-cert?free=false")
                .header("content-type", "text/plain")
                .body(Body::from(person.cert.pem.clone()))
                .expect("request"),
        )
        .await
        .expect("response");
    assert_eq!(response.status(), StatusCode::REQUEST_TIMEOUT);
    let hits = || paths.iter().map(|p| silent.hits(p)).sum::<usize>();
    // The first URL was being fetched when the request ended.
    let at_answer = hits();
    assert_eq!(at_answer, 1, "fetches when the request ended");
    // Past the point where the first fetch would have timed out and the
    // next URL been tried, had the validation gone on.
    tokio::time::sleep(FETCH_TIMEOUT * 2 - started.elapsed().min(FETCH_TIMEOUT)).await;
    assert_eq!(
        hits(),
        at_answer,
        "no URL is fetched after the request ended ({:?} after it started)",
        started.elapsed()
    );
}
