//! One client cannot take every ticket: each client address holds at most
//! its share of open tickets and opens them at most at its rate (429 with
//! `Retry-After` in Cipher BIS's `{message}` beyond either), while another
//! client still opens tickets; the global cap stays behind the shares.
//! The attack: 10 000 tickets opened from one address in 2.8 s, then every
//! other client refused 503 for the 15 minutes the tickets live.

use axum::http::HeaderMap;

use super::*;

/// A service with no trust anchors (no ticket here signs anything).
async fn service(dir: &tempfile::TempDir, config: ServerConfig) -> AppState {
    let store = SqliteStore::open(&dir.path().join("s.db"))
        .await
        .expect("sqlite");
    AppState::new(config, Arc::new(store), TrustStore::default())
}

/// `method path` from client address `client` (the in-process router
/// takes the address from `X-Forwarded-For`, as from a trusted proxy).
async fn from(
    state: &AppState,
    client: &str,
    method: &str,
    path: &str,
) -> (StatusCode, HeaderMap, Value) {
    let req = Request::builder()
        .method(method)
        .uri(path)
        .header("x-forwarded-for", client)
        .header("accept-language", "en")
        .body(Body::empty())
        .expect("request");
    let resp = app(state.clone()).oneshot(req).await.expect("response");
    let (status, headers) = (resp.status(), resp.headers().clone());
    let body = resp.into_body().collect().await.expect("body").to_bytes();
    let v = serde_json::from_slice(&body).unwrap_or_else(|e| panic!("not JSON ({e}): {body:?}"));
    (status, headers, v)
}

/// A refusal for being over a share: 429, Cipher BIS's `{message}` and no
/// more, and a `Retry-After` of whole seconds, at least 1.
fn assert_over_share(status: StatusCode, headers: &HeaderMap, v: &Value, message: &str) -> u64 {
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{v}");
    assert_eq!(v, &json!({ "message": message }));
    let secs: u64 = headers
        .get("retry-after")
        .and_then(|h| h.to_str().ok())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("Retry-After: {headers:?}"));
    assert!(secs >= 1);
    secs
}

/// The attack with the default limits: one address asks for 300 tickets
/// as fast as it can. It gets at most its share (64, fewer at the rate of
/// 10 a second after a burst of 20), every other answer is 429 — never the
/// 503 that refuses everyone — and another address still opens a ticket.
#[tokio::test]
async fn one_address_cannot_take_every_ticket() {
    let dir = tempfile::tempdir().expect("dir");
    let mut config = config();
    config.max_tickets = 100;
    let state = service(&dir, config).await;
    let mut opened = 0;
    for _ in 0..300 {
        let (status, headers, v) = from(&state, "203.0.113.7", "POST", "/api/v1/ticket").await;
        if status == StatusCode::OK {
            opened += 1;
        } else {
            assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{v}");
            assert!(headers.contains_key("retry-after"));
        }
    }
    assert!(
        (1..=64).contains(&opened),
        "{opened} tickets for one address"
    );
    let (status, _, v) = from(&state, "198.51.100.2", "POST", "/api/v1/ticket").await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert!(v["ticketUuid"].is_string());
}

/// One address fills its share of open tickets and is refused 429 until it
/// closes one; another address opens tickets all along; an IPv6 client is
/// counted by its /64. The global cap still answers 503 behind the shares.
#[tokio::test]
async fn a_share_of_open_tickets_is_per_client_and_freed_by_closing() {
    let dir = tempfile::tempdir().expect("dir");
    let mut config = config();
    config.max_tickets_per_client = 3;
    config.ticket_rate_per_client = 0;
    config.max_tickets = 7;
    let state = service(&dir, config).await;
    let mut mine = Vec::new();
    for _ in 0..3 {
        let (status, _, v) = from(&state, "203.0.113.7", "POST", "/api/v1/ticket").await;
        assert_eq!(status, StatusCode::OK, "{v}");
        mine.push(v["ticketUuid"].as_str().expect("ticketUuid").to_owned());
    }
    let (status, headers, v) = from(&state, "203.0.113.7", "POST", "/api/v1/ticket").await;
    let secs = assert_over_share(
        status,
        &headers,
        &v,
        "This client has too many open sessions.",
    );
    // When its oldest ticket lapses: the idle time, 15 minutes.
    assert!((890..=900).contains(&secs), "Retry-After: {secs}");

    let (status, _, v) = from(&state, "198.51.100.2", "POST", "/api/v1/ticket").await;
    assert_eq!(status, StatusCode::OK, "another address: {v}");

    let (status, _, v) = from(
        &state,
        "203.0.113.7",
        "DELETE",
        &format!("/api/v1/ticket/{}", mine[0]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let (status, _, v) = from(&state, "203.0.113.7", "POST", "/api/v1/ticket").await;
    assert_eq!(
        status,
        StatusCode::OK,
        "closing a ticket frees its place: {v}"
    );

    // Two addresses of one /64 are one client.
    for _ in 0..3 {
        let (status, _, v) = from(&state, "2001:db8:5:6::1", "POST", "/api/v1/ticket").await;
        assert_eq!(status, StatusCode::OK, "{v}");
    }
    let (status, _, v) = from(&state, "2001:db8:5:6::2", "POST", "/api/v1/ticket").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "same /64: {v}");

    // 3 + 1 + 3 tickets are open: the global cap of 7 is reached, and a
    // fresh address meets the 503 every client would.
    let (status, _, v) = from(&state, "192.0.2.55", "POST", "/api/v1/ticket").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert_eq!(v["message"], "Too many open sessions.");
}

/// An address that opens tickets faster than its rate (here 1 a second
/// after a burst of 3) is refused 429 with `Retry-After`, in the request's
/// language, while another address opens a ticket at once.
#[tokio::test]
async fn opening_tickets_too_fast_is_refused_per_client() {
    let dir = tempfile::tempdir().expect("dir");
    let mut config = config();
    config.max_tickets_per_client = 0;
    config.ticket_rate_per_client = 1;
    config.ticket_burst_per_client = 3;
    let state = service(&dir, config).await;
    let started = std::time::Instant::now();
    let (mut opened, mut refused) = (0u64, 0);
    for _ in 0..20 {
        let (status, headers, v) = from(&state, "203.0.113.7", "POST", "/api/v1/ticket").await;
        if status == StatusCode::OK {
            opened += 1;
        } else {
            assert_over_share(
                status,
                &headers,
                &v,
                "This client opens sessions too often, try again later.",
            );
            refused += 1;
        }
    }
    // The burst, and one a second since the first call at most.
    assert!(
        opened <= 3 + started.elapsed().as_secs() + 1,
        "{opened} opened in {:?}",
        started.elapsed()
    );
    assert!(refused > 0, "20 tickets opened in {:?}", started.elapsed());
    let (status, _, v) = from(&state, "198.51.100.2", "POST", "/api/v1/ticket").await;
    assert_eq!(status, StatusCode::OK, "another address: {v}");
}
