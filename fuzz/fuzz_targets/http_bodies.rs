//! Every request body the HTTP APIs read — the JSON bodies of CryptoApi
//! `/v3/validate`, Kontur auth refresh, Reestro `signatures/verify`, the
//! Cipher BIS ticket calls, and the raw bodies of login, uploads and the
//! web page — through the real router in process (`signet_server::app`
//! over SQLite in a temporary directory). The first byte picks the
//! endpoint, the rest is the body.
//!
//! No answer may be a server error, except Cipher BIS's documented failed
//! operation, 500 `{message, failureCause}` (spec 001); a panic in a
//! handler is caught by the router as a plain 500 and so fails too.
#![no_main]

use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use libfuzzer_sys::fuzz_target;
use signet_server::{AppState, ServerConfig, app};
use signet_store::{NewOrganization, Session, SqliteStore, Store, now_unix};
use tower::ServiceExt;

const API_KEY: &str = "fuzz-api-key";
/// Small limits keep every run fast; the limit answers are part of what
/// is checked.
const LIMIT: usize = 256 << 10;

#[derive(Clone, Copy)]
enum Auth {
    None,
    Bearer,
    Reestro,
}

/// (method, path with `{t}` for the open ticket, Content-Type, auth)
#[rustfmt::skip]
const ENDPOINTS: &[(&str, &str, &str, Auth)] = &[
    ("POST", "/v3/validate", "application/json", Auth::Bearer),
    ("POST", "/auth/authenticate-by-cert", "text/plain", Auth::None),
    ("POST", "/auth/v5.9/approve-cert?thumbprint=00", "text/plain", Auth::None),
    ("POST", "/auth/v5.9/refresh", "application/json", Auth::None),
    ("POST", "/contents", "application/octet-stream", Auth::Reestro),
    ("POST", "/signatures/verify", "application/json", Auth::Reestro),
    ("PUT", "/api/v1/ticket/{t}/option", "application/json", Auth::None),
    ("POST", "/api/v1/ticket/{t}/data", "application/json", Auth::None),
    ("POST", "/api/v1/ticket/{t}/ds/data", "application/json", Auth::None),
    ("PUT", "/api/v1/ticket/{t}/keyStore", "application/json", Auth::None),
    (
        "PUT",
        "/api/v1/ticket/{t}/keyStore/certificate/info/signature",
        "application/json",
        Auth::None,
    ),
    ("POST", "/api/v1/ticket/{t}/ds/creator", "application/json", Auth::None),
    ("POST", "/api/v1/ticket/{t}/ds/verifier", "application/json", Auth::None),
    ("POST", "/web/certificate?lang=uk", "application/octet-stream", Auth::None),
    ("POST", "/web/verify", "multipart/form-data; boundary=x", Auth::None),
];

struct Fixture {
    rt: tokio::runtime::Runtime,
    /// Built once: building the router (its OpenAPI document included)
    /// costs more than most requests.
    router: axum::Router,
    reestro_auth: String,
    ticket: String,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let dir = tempfile::tempdir().expect("dir");
        let (router, reestro_auth, ticket) = rt.block_on(async {
            let store: Arc<dyn Store> = Arc::new(
                SqliteStore::open(&dir.path().join("s.db"))
                    .await
                    .expect("sqlite"),
            );
            let org = store
                .create_organization(NewOrganization {
                    name: "fuzz".into(),
                    ..Default::default()
                })
                .await
                .expect("org")
                .id;
            let thumbprint = "00".repeat(20);
            store.grant(org, &thumbprint).await.expect("grant");
            let sid = signet_server::sessions::new_token().expect("rng");
            let now = now_unix();
            store
                .create_session(&Session::start(
                    &sid,
                    &format!("r-{sid}"),
                    &thumbprint,
                    "fuzz",
                    now,
                    86_400,
                    86_400,
                ))
                .await
                .expect("session");
            let mut config = ServerConfig::new("127.0.0.1:0".parse().expect("addr"));
            config.max_body_bytes = LIMIT;
            config.validate_max_body_bytes = LIMIT;
            config.ticket_max_body_bytes = LIMIT;
            config.content_max_bytes = LIMIT as u64;
            config.api_keys = vec![API_KEY.into()];
            config.ticket_idle = std::time::Duration::from_secs(86_400);
            let router = app(AppState::new(
                config,
                store,
                signet_pki::TrustStore::default(),
            ));
            let (status, body) = send(
                &router,
                Request::post("/api/v1/ticket")
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
            assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
            let v: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
            let ticket = v["ticketUuid"].as_str().expect("ticketUuid").to_owned();
            (
                router,
                format!("ReestroAuth auth.sid={sid}&portal.orgid={org}"),
                ticket,
            )
        });
        Fixture {
            rt,
            router,
            reestro_auth,
            ticket,
            _dir: dir,
        }
    })
}

async fn send(router: &axum::Router, req: Request<Body>) -> (u16, Vec<u8>) {
    let resp = router.clone().oneshot(req).await.expect("infallible");
    let status = resp.status().as_u16();
    let body = resp
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_default();
    (status, body)
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let f = fixture();
    let (method, path, content_type, auth) = ENDPOINTS[pick as usize % ENDPOINTS.len()];
    let path = path.replace("{t}", &f.ticket);
    let mut req = Request::builder()
        .method(method)
        .uri(&path)
        .header("content-type", content_type)
        .header("x-content-name", "fuzz.bin");
    req = match auth {
        Auth::None => req,
        Auth::Bearer => req.header("authorization", format!("Bearer {API_KEY}")),
        Auth::Reestro => req.header("authorization", &f.reestro_auth),
    };
    let req = req.body(Body::from(body.to_vec())).expect("request");
    let (status, answer) = f.rt.block_on(send(&f.router, req));
    let vendor_failure = path.starts_with("/api/v1/ticket/")
        && status == 500
        && serde_json::from_slice::<serde_json::Value>(&answer)
            .is_ok_and(|v| v["message"].is_string() && v["failureCause"].is_string());
    assert!(
        status < 500 || vendor_failure,
        "{method} {path}: {status} {}",
        String::from_utf8_lossy(&answer)
    );
});
