//! The router and its layers.
//!
//! `app(state)` is kept apart from serving so that tests call it with
//! `oneshot` without a socket; `serve` runs it on a listener until a
//! shutdown signal.

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderName, Request, StatusCode};
use axum::middleware::from_fn_with_state;
use tokio::sync::Semaphore;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::cipher::ticket::log_tag::path_for_log;
use crate::family::{Family, Refusal, body_limit};
use crate::state::AppState;
use crate::sweeper::Sweeper;
use crate::{cipher, cryptoapi, health, kontur_auth, openapi, reestro, web};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The whole HTTP application: every family's routes (each with its own
/// body limit), then the layers every request passes.
pub fn app(state: AppState) -> Router {
    let config = state.config.clone();
    // Unknown paths get the small limit too.
    let unknown = Router::new()
        .fallback(|| async { StatusCode::NOT_FOUND })
        .layer(body_limit(config.max_body_bytes));
    let routes = Router::new()
        .merge(cryptoapi::routes(&config))
        .merge(kontur_auth::routes(&config))
        .merge(health::routes(&config))
        .merge(reestro::routes(&config))
        .merge(cipher::routes(&config))
        .merge(web::routes(&config))
        .merge(openapi::routes(&config))
        .merge(unknown)
        .with_state(state);

    let limits = Arc::new(Limits {
        reestro_prefix: config.reestro_prefix.trim_end_matches('/').to_owned(),
        validate: config.validate_max_body_bytes,
        ticket: config.ticket_max_body_bytes,
        other: config.max_body_bytes,
    });
    let trace = TraceLayer::new_for_http()
        .make_span_with(|req: &Request<_>| {
            let id = req
                .headers()
                .get(&REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            // A ticket's UUID is its credential: logged as its tag.
            let path = path_for_log(req.uri().path());
            tracing::info_span!("request", id, method = %req.method(), uri = %path)
        })
        .on_response(DefaultOnResponse::new().level(Level::INFO));

    routes.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
            .layer(trace)
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            // Inside the request id and the trace, so that a refusal is
            // logged with its id; outside the timeout, so that a request
            // holds its place at most that long.
            .layer(from_fn_with_state(
                (
                    Arc::new(Semaphore::new(
                        config.max_in_flight.min(Semaphore::MAX_PERMITS),
                    )),
                    limits.clone(),
                ),
                shed_overload,
            ))
            .layer(from_fn_with_state(limits, too_large_body))
            .layer(CatchPanicLayer::new())
            .layer(TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                config.request_timeout,
            )),
    )
}

/// The body limits of the families, for the text of a 413.
#[derive(Clone)]
struct Limits {
    reestro_prefix: String,
    validate: usize,
    ticket: usize,
    other: usize,
}

/// Turns the plain-text 413 that axum's body limit answers into the API
/// family's own error body (`family.rs`), so that a client reads every
/// refusal the same way. Answers already in JSON (the handlers' own 413s)
/// pass unchanged.
async fn too_large_body(
    axum::extract::State(limits): axum::extract::State<Arc<Limits>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let family = Family::of(req.uri().path(), &limits.reestro_prefix);
    let headers = req.headers().clone();
    let response = next.run(req).await;
    let is_json = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if response.status() != StatusCode::PAYLOAD_TOO_LARGE || is_json {
        return response;
    }
    let limit = match family {
        Family::CryptoApi => limits.validate,
        Family::CipherTicket => limits.ticket,
        _ => limits.other,
    };
    family.refuse(Refusal::TooLarge(limit), &headers)
}

/// The overload guard (`ServerConfig::max_in_flight`): a request that
/// finds every place taken is answered 503 at once, with `Retry-After: 1`,
/// in its family's error format, and is not queued, so a flood costs one
/// small answer per request rather than memory and latency for everyone.
/// `/healthz` bypasses it: a liveness probe must not restart a process
/// that is merely busy; `/readyz` does not, so a load balancer stops
/// sending to a saturated instance.
///
/// A `Semaphore::try_acquire_owned` rather than tower's
/// `ConcurrencyLimitLayer` + `LoadShedLayer`: the same admission rule,
/// without a `HandleErrorLayer` to turn the shed error into a body. The
/// place is held until the inner service's answer is ready — request
/// bodies (uploads) are read in that time, a streamed answer's body is not
/// (as with tower's limit) — and is given back however the request ends,
/// its future dropped with a closed connection included.
async fn shed_overload(
    axum::extract::State((places, limits)): axum::extract::State<(Arc<Semaphore>, Arc<Limits>)>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if req.uri().path() == "/healthz" {
        return next.run(req).await;
    }
    let Ok(place) = places.try_acquire_owned() else {
        return Family::of(req.uri().path(), &limits.reestro_prefix)
            .refuse(Refusal::Overloaded, req.headers());
    };
    let response = next.run(req).await;
    drop(place);
    response
}

/// Serves `app` on `listener` until `shutdown` completes, then lets
/// requests in flight finish. Lapsed sessions and login challenges are
/// swept meanwhile (`sweeper.rs`).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let _sweeper = Sweeper::start(state.store.clone(), state.config.expired_sweep_interval);
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Completes on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutdown signal received, finishing requests in flight");
}

/// TLS settings of `serve_tls`: a certificate chain and its private key,
/// PEM files.
#[derive(Clone, Debug)]
pub struct TlsFiles {
    /// The certificate chain, leaf first.
    pub cert: std::path::PathBuf,
    /// The private key (PKCS#8, PKCS#1 or SEC1).
    pub key: std::path::PathBuf,
}

/// Serves `app` over HTTPS (rustls on aws-lc-rs) on `listener` until
/// `shutdown` completes, then lets requests in flight finish (up to the
/// request timeout). Lapsed sessions and login challenges are swept
/// meanwhile (`sweeper.rs`).
pub async fn serve_tls(
    listener: std::net::TcpListener,
    tls: &TlsFiles,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Both rustls back ends are linked (ureq brings ring); name the one
    // signet uses. Installing twice is harmless.
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(&tls.cert, &tls.key).await?;
    let grace = state.config.request_timeout;
    let _sweeper = Sweeper::start(state.store.clone(), state.config.expired_sweep_interval);
    let handle = axum_server::Handle::new();
    let on_signal = handle.clone();
    tokio::spawn(async move {
        shutdown.await;
        on_signal.graceful_shutdown(Some(grace));
    });
    axum_server::from_tcp_rustls(listener, config)?
        .handle(handle)
        .serve(app(state).into_make_service_with_connect_info::<std::net::SocketAddr>())
        .await
}
