//! The router and its layers.
//!
//! `app(state)` is kept apart from serving so that tests call it with
//! `oneshot` without a socket; `serve` (`serve/`) runs it on a listener
//! until a shutdown signal.

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
